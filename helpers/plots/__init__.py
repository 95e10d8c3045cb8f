"""Plain figure functions for the lessons, one submodule per lesson topic.

Every ``plot_*`` takes its data, then keyword-only ``ax=None`` (``axes=None``
for multi-panel figures) and options; it draws on the given Axes or on a new
pyplot figure (which the inline backend shows), labels its axes with units, and
returns a dict with ``"fig"``, ``"ax"`` and the artists :mod:`helpers.widgets`
updates in place. Palette, font sizes and the figure factory live in
:mod:`helpers.plots.style`.

- :mod:`helpers.plots.style`     colours, fonts, figure factory (every figure)
- :mod:`helpers.plots.single`    one sample's CEE (notebook 01)
- :mod:`helpers.plots.full`      the mean loss over the whole set (notebook 02)
- :mod:`helpers.plots.minibatch` mini-batch estimates (notebook 03)
- :mod:`helpers.plots.training`  mini-batch SGD curves (notebook 04)
"""

from .full import plot_cost_vs_n, plot_image_grid, plot_loss_histogram, plot_loss_share
from .minibatch import (
    describe_draws,
    draw_stats,
    hist_edges,
    hist_label,
    mark_current,
    plot_error_vs_batch,
    plot_minibatch_hist,
    plot_se_vs_population,
    update_minibatch_hist,
)
from .single import (
    fmt_prob,
    mark_true_tick,
    neg_log_curve,
    neg_log_title,
    plot_cee_vs_sse,
    plot_digit,
    plot_neg_log,
    plot_prediction,
    plot_probabilities,
    prediction_title,
    probability_colors,
)
from .style import COLORS, FONT, MODE_COLORS, fmt4, new_axes, new_figure
from .training import (
    BATCH_COLORS,
    curve_data,
    history_label,
    loss_at,
    plot_batch_size_comparison,
    plot_coverage,
    plot_training_curves,
    set_curves,
)

__all__ = [
    "COLORS", "FONT", "MODE_COLORS", "fmt4", "new_axes", "new_figure", "neg_log_curve",
    "neg_log_title", "plot_neg_log", "plot_cee_vs_sse", "fmt_prob", "probability_colors",
    "mark_true_tick", "plot_probabilities", "plot_digit", "prediction_title", "plot_prediction",
    "plot_loss_histogram", "plot_loss_share", "plot_image_grid", "plot_cost_vs_n", "draw_stats",
    "describe_draws", "hist_edges", "hist_label", "plot_minibatch_hist",
    "update_minibatch_hist", "plot_error_vs_batch", "mark_current", "plot_se_vs_population",
    "BATCH_COLORS", "history_label", "curve_data", "loss_at", "plot_training_curves",
    "set_curves", "plot_batch_size_comparison", "plot_coverage"
]
