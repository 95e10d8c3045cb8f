"""Plain figure functions for the lessons, one submodule per lesson topic.

Every function draws on an ``ax`` you pass (or a new pyplot figure, which the
inline backend shows), labels its axes with units, and returns the artists it
made so :mod:`helpers.widgets` can update them in place.

- :mod:`helpers.plots.single`    one sample's CEE (notebook 01)
- :mod:`helpers.plots.full`      the mean loss over the whole set (notebook 02)
- :mod:`helpers.plots.minibatch` mini-batch estimates (notebook 03)
- :mod:`helpers.plots.training`  mini-batch SGD curves (notebook 04)
"""

from .style import COLORS, fmt4, new_axes  # noqa: F401
from .single import *  # noqa: F401,F403
from .full import *  # noqa: F401,F403
from .minibatch import *  # noqa: F401,F403
from .training import *  # noqa: F401,F403
