"""ipywidgets factories for the lessons, built on :mod:`helpers.plots`.

Each factory returns a widget (a ``VBox``) whose controls update the figure's
artists in place and re-render it to PNG in an ``ipywidgets.Image``: no figure
is rebuilt on a slider move, and nothing is computed twice (per-sample losses
and predictions are passed in precomputed; the first state is drawn once, not
drawn and then redrawn).

The pieces are attributes of the returned box (``box.slider``, ``box.view``
...), attached by :func:`helpers.widgets.base.expose`, so tests can set
``slider.value`` and check the artists right after.

The package exports the four factories the notebooks use and
:class:`~helpers.widgets.base.FigureView`; their helpers (``N_DRAWS``,
``plan_run``, ``LEARNING_RATES``, ``interesting_examples``) are imported from
their submodule.
"""

from .base import FigureView
from .minibatch import minibatch_explorer
from .single import cee_curve_widget, prediction_widget
from .training import training_explorer

__all__ = [
    "FigureView", "cee_curve_widget", "prediction_widget", "minibatch_explorer",
    "training_explorer",
]
