"""minibatch-cee helpers: the small numpy library behind the notebooks.

Modules, one concept each (the notebooks that use them in brackets):

- ``helpers.i18n``        the language of the helpers' text: ``use_language("ko")`` (01-04)
- ``helpers.paths``       where downloaded and derived files live (00)
- ``helpers.mnist``       real MNIST: fetched with pooch, verified by sha256,
                          cached, loaded in the book's format; no pickle (00-04)
- ``helpers.losses``      softmax, the cross-entropy error, the sum of squares (01-03)
- ``helpers.network``     the book's two-layer network (``model``), mini-batch
                          SGD (``training``), the cached pretrained net
                          (``cache``: ``pretrained()``) (01-04)
- ``helpers.sampling``    mini-batch sampling, the sampling distribution of
                          the mini-batch loss and its standard error (03)
- ``helpers.check``       self-checking exercises with hints (01-04)
- ``helpers._validation`` the argument checks every public function uses
                          (internal: not for the notebooks)
- ``helpers.plots``       plain figure functions, one submodule per lesson;
                          ``plots.style`` holds the palette, fonts and figure factory
- ``helpers.widgets``     ipywidgets factories built on ``helpers.plots`` (01, 03, 04)

Names that recur: ``plots`` and ``widgets`` have one submodule per lesson
topic (``single``, ``full``, ``minibatch``, ``training``), so
``network.training`` (the trainer), ``plots.training`` (its figures) and
``widgets.training`` (its widget) are three layers of one topic.
``helpers.check`` holds the exercises' graders (``check.standard_error``
grades a student's function; ``sampling.standard_error`` is the formula);
``_validation.check_*`` are argument checks.

Conventions: bad arguments raise TypeError (wrong kind) or ValueError (bad
value) naming the argument; inputs are never mutated. Importing the package
has no side effects: no downloads, no global random state, no matplotlib
backend changes.
"""

from helpers.i18n import use_language  # noqa: E402  (imports nothing heavy: no side effects)

__all__ = ["use_language"]

__version__ = "0.2.0"
