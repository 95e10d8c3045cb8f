"""minibatch-cee helpers: the small numpy library behind the notebooks.

Modules, one concept each:

- ``helpers.mnist``     load real MNIST (verified by sha256, cached, no pickle)
- ``helpers.losses``    softmax, cross-entropy error, sum of squares
- ``helpers.network``   the book's two-layer network and mini-batch SGD
- ``helpers.sampling``  mini-batch sampling and its standard error
- ``helpers.plots``     plain figure functions used by the lessons
- ``helpers.widgets``   ipywidgets factories built on ``helpers.plots``

Importing the package has no side effects: no downloads, no global random
state, no matplotlib backend changes.
"""

__version__ = "0.2.0"
