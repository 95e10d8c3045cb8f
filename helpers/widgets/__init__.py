"""ipywidgets factories for the lessons, built on :mod:`helpers.plots`.

Each factory returns a widget (a ``VBox``) whose sliders update the figure's
artists in place and re-render it to PNG in an ``ipywidgets.Image``: no figure
is rebuilt on a slider move, and nothing is recomputed that could be computed
once (per-sample losses are passed in precomputed).

The pieces are attributes of the returned box (``box.slider``, ``box.view``
...) so tests can set ``slider.value`` and check the artists right after.
"""

from .base import FigureView  # noqa: F401
from .single import *  # noqa: F401,F403
from .minibatch import *  # noqa: F401,F403
from .training import *  # noqa: F401,F403
