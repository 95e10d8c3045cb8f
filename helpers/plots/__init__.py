"""Plain figure functions for the lessons, one submodule per lesson topic.

Every ``plot_*`` takes its data, then keyword-only ``ax=None`` (``axes=None``
for multi-panel figures) and options (``figsize``, ``static``); it draws on the
given Axes or on a new pyplot figure (which the inline backend shows), labels
its axes with units, and returns a dict with ``"fig"``, ``"ax"`` (a tuple of
Axes for multi-panel figures) and the artists :mod:`helpers.widgets` updates in
place. Palette, font sizes and the figure factories live in
:mod:`helpers.plots.style`.

- :mod:`helpers.plots.style`     colours, fonts, figure factories (every figure)
- :mod:`helpers.plots.single`    one sample's CEE (notebook 01)
- :mod:`helpers.plots.full`      the mean loss over the whole set (notebook 02)
- :mod:`helpers.plots.minibatch` mini-batch estimates (notebook 03)
- :mod:`helpers.plots.training`  mini-batch SGD curves (notebook 04)

The package exports every ``plot_*`` and what the notebooks import besides
(:data:`~helpers.plots.style.COLORS`, :func:`~helpers.plots.style.presentation` (the
projector switch, on by default), :func:`~helpers.plots.training.history_label`,
:func:`~helpers.plots.training.loss_at`); the helpers the widgets build on
(``hist_edges``, ``set_curves`` ...) are imported from their submodule.
"""

from .full import plot_cost_vs_n, plot_image_grid, plot_loss_histogram, plot_loss_share
from .minibatch import plot_error_vs_batch, plot_minibatch_hist, plot_se_vs_population
from .single import (
    plot_cee_vs_sse,
    plot_digit,
    plot_neg_log,
    plot_prediction,
    plot_probabilities,
)
from .style import COLORS, presentation, presenting
from .training import (
    history_label,
    loss_at,
    plot_batch_size_comparison,
    plot_coverage,
    plot_training_curves,
)

__all__ = [
    "COLORS", "presentation", "presenting", "history_label", "loss_at",
    "plot_neg_log", "plot_cee_vs_sse", "plot_probabilities", "plot_digit", "plot_prediction",
    "plot_loss_histogram", "plot_loss_share", "plot_image_grid", "plot_cost_vs_n",
    "plot_minibatch_hist", "plot_error_vs_batch", "plot_se_vs_population",
    "plot_training_curves", "plot_batch_size_comparison", "plot_coverage",
]
