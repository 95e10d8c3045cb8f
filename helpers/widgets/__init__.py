"""ipywidgets factories for the lessons, built on :mod:`helpers.plots`.

Each factory returns a widget (a ``VBox``) whose sliders update the figure's
artists in place and re-render it to PNG in an ``ipywidgets.Image``: no figure
is rebuilt on a slider move, and nothing is recomputed that could be computed
once (per-sample losses are passed in precomputed).

The pieces are attributes of the returned box (``box.slider``, ``box.view``
...), attached by :func:`helpers.widgets.base.expose`, so tests can set
``slider.value`` and check the artists right after.
"""

from .base import FigureView
from .minibatch import N_DRAWS, minibatch_explorer
from .single import cee_curve_widget, interesting_examples, prediction_widget
from .training import LEARNING_RATES, plan_run, training_explorer

__all__ = [
    "FigureView", "cee_curve_widget", "interesting_examples", "prediction_widget",
    "minibatch_explorer", "N_DRAWS", "training_explorer", "plan_run", "LEARNING_RATES"
]
