"""Widgets for notebook 03: a random mini-batch as an estimate of the full loss.

- :func:`minibatch_explorer`  batch size, number of draws, seed and with/without
  replacement; a histogram of the mini-batch losses around the full loss and
  the error-against-batch-size plot, both updated in place.

The per-sample losses are computed once and passed in; a slider move only
draws new mini-batch means (:func:`helpers.sampling.minibatch_means`, fast at
every B), re-bins them and moves the artists.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from helpers.plots.minibatch import (
    BATCH_SIZES,
    describe_draws,
    draw_stats,
    hist_edges,
    mark_current,
    plot_error_vs_batch,
    plot_minibatch_hist,
    update_minibatch_hist,
)
from helpers.sampling import minibatch_means, sampling_method, standard_error

from .base import FigureView

__all__ = ["minibatch_explorer", "N_DRAWS", "sampling_method"]

#: Choices of the number-of-draws slider.
N_DRAWS = (1, 3, 10, 30, 100, 300, 1000, 3000, 10000)
def _bins(n_draws):
    """Odd number of histogram bins for ``n_draws`` values: about 2·√D, from 11 to 41."""
    return int(min(41, max(11, 2 * int(np.sqrt(n_draws)) + 1)))


def _about(x):
    """``"about ±0.0023"``, or ``"less than 0.0001"`` when 4 decimals would show 0."""
    return f"about ±{x:.4f}" if x >= 0.00005 else "less than 0.0001"


def _readout(stats, full_loss, se, batch_size, n, replace, method):
    b = f"{batch_size:,}"
    if not replace and batch_size == n:
        return (f"<b>B = N = {b} without replacement:</b> each batch contains every image exactly once, "
                f"so every batch loss equals the full loss <b>{full_loss:.4f}</b>. The standard error "
                f"σ/√B·√((N−B)/(N−1)) is exactly <b>0</b>.")
    d = stats["n_draws"]
    parts = [
        f"<b>{d:,} draw{'s' if d > 1 else ''} of B = {b} {'with' if replace else 'without'} replacement.</b>",
        f"Average of the batch losses <b>{stats['mean']:.4f}</b> vs the full loss <b>{full_loss:.4f}</b>"
        + (f" (unbiased: an average of {d:,} draws typically misses it by {_about(se / np.sqrt(d))};"
           " more draws, closer)." if d > 1 else "."),
    ]
    if d > 1:
        parts.append(f"Median <b>{stats['median']:.4f}</b>: {stats['below']:.0%} of the batches are below the "
                     f"full loss. Spread ±<b>{stats['spread']:.4f}</b> (theory: <b>{se:.4f}</b>).")
    else:
        parts.append(f"Theory says a batch typically misses by ±<b>{se:.4f}</b>.")
    if method == "approx":
        parts.append("<i>(So many draws of such large batches are simulated from a distribution with the same "
                     "mean, spread and skew, to stay instant.)</i>")
    return " ".join(parts)


def minibatch_explorer(losses, *, measured=None, batch_size=100, n_draws=1000, seed=0, replace=True,
                       batch_sizes=BATCH_SIZES, dpi=80, figsize=(13, 5.0), continuous_update=True):
    """Explore how a random mini-batch's loss scatters around the full loss.

    Parameters
    ----------
    losses : array_like, shape (N,), float
        Per-sample losses over the whole data set, computed once
        (``cross_entropy_per_sample(net.predict(x_train), t_train)``).
    measured : dict, optional
        Measured spreads to show as points, as for
        :func:`helpers.plots.minibatch.plot_error_vs_batch`
        (``{"batch_sizes", "with", "without"}``); not recomputed here.
    batch_size : int
        Start value of B; must be one of ``batch_sizes``.
    n_draws : int
        Start value of the number of mini-batches; one of :data:`N_DRAWS`.
    seed : int
        Start seed; each update draws with ``rng=seed`` (the same settings
        give the same picture).
    replace : bool
        Start mode: True is the book's ``choice(N, B)``.
    batch_sizes : sequence of int
        The batch-size slider's steps (log-spaced, ending at N).
    dpi : int
    figsize : (float, float)
    continuous_update : bool
        Update while a slider is dragged.

    Returns
    -------
    ipywidgets.VBox
        With attributes ``sliders`` (``{"batch_size": SelectionSlider,
        "n_draws": SelectionSlider, "seed": BoundedIntText, "replace":
        ToggleButtons}``), ``readout`` (HTML), ``view`` (FigureView), ``fig``,
        ``axes`` (histogram axes, error axes), ``hist`` (artists of
        :func:`~helpers.plots.minibatch.plot_minibatch_hist`), ``error``
        (artists of :func:`~helpers.plots.minibatch.plot_error_vs_batch`),
        ``title`` (the figure's suptitle Text), ``state`` (the last update's
        ``means``, ``stats``, ``se``, ``edges``, ``method``) and ``update``
        (the observer; call ``update()`` to redraw).
    """
    losses = np.asarray(losses, dtype=np.float64).reshape(-1)
    n = losses.size
    full_loss, sigma, lowest = float(losses.mean()), float(losses.std()), float(losses.min())
    batch_sizes = [int(b) for b in batch_sizes if 1 <= int(b) <= n]
    if batch_size not in batch_sizes:
        raise ValueError(f"batch_size must be one of {batch_sizes}, got {batch_size!r}")
    if n_draws not in N_DRAWS:
        raise ValueError(f"n_draws must be one of {N_DRAWS}, got {n_draws!r}")

    fig = Figure(figsize=figsize, layout="constrained")
    ax_hist, ax_err = fig.subplots(1, 2, width_ratios=[1.15, 1])
    means = minibatch_means(losses, batch_size, n_draws, rng=seed, replace=replace,
                            method=sampling_method(batch_size, n_draws, n, replace))
    se = standard_error(sigma, batch_size, n=n, replace=replace)
    hist = plot_minibatch_hist(means, full_loss, se, ax=ax_hist, lo=lowest, title="mini-batch losses",
                               se_label="±1 standard error")
    error = plot_error_vs_batch(sigma, n, measured=measured, ax=ax_err, title="error against batch size",
                                current=True)
    title = fig.suptitle("two lines\nof title", fontsize=14)
    ax_hist.set_ylim(0, 100)  # the widest tick labels the histogram will need
    view = FigureView(fig, dpi=dpi)  # renders once: constrained layout places everything...
    fig.set_layout_engine(None)  # ...then freeze it: every later render skips the layout pass

    style = {"description_width": "initial"}
    s_batch = widgets.SelectionSlider(options=[(f"{b:,}", b) for b in batch_sizes], value=batch_size,
                                      description="batch size B", continuous_update=continuous_update,
                                      style=style, layout=widgets.Layout(width="48%"))
    s_draws = widgets.SelectionSlider(options=[(f"{d:,}", d) for d in N_DRAWS], value=n_draws,
                                      description="number of mini-batches", continuous_update=continuous_update,
                                      style=style, layout=widgets.Layout(width="48%"))
    s_seed = widgets.BoundedIntText(value=seed, min=0, max=2**31 - 1, description="seed", style=style,
                                    layout=widgets.Layout(width="160px"))
    s_replace = widgets.ToggleButtons(options=[("with replacement (book)", True), ("without replacement", False)],
                                      value=bool(replace), style={"button_width": "190px"})
    readout = widgets.HTML()
    state = {}

    def update(change=None):
        b, d, sd, rep = int(s_batch.value), int(s_draws.value), int(s_seed.value), bool(s_replace.value)
        method = sampling_method(b, d, n, rep)
        m = minibatch_means(losses, b, d, rng=sd, replace=rep, method=method)
        se_now = standard_error(sigma, b, n=n, replace=rep)
        edges = hist_edges(full_loss, se_now, bins=_bins(d), lo=lowest)
        update_minibatch_hist(hist, m, full_loss, se_now, edges)
        stats = draw_stats(m, full_loss)
        mark_current(error, b, stats["spread"])
        title.set_text(describe_draws(m, full_loss, b, n, rep))
        readout.value = _readout(stats, full_loss, se_now, b, n, rep, method)
        state.update(means=m, stats=stats, se=se_now, edges=edges, method=method)
        view.refresh()

    update()
    for w in (s_batch, s_draws, s_seed, s_replace):
        w.observe(update, names="value")
    box = widgets.VBox([widgets.HBox([s_batch, s_draws]), widgets.HBox([s_replace, s_seed]), readout, view.image])
    box.sliders = {"batch_size": s_batch, "n_draws": s_draws, "seed": s_seed, "replace": s_replace}
    box.readout = readout
    box.view = view
    box.fig = fig
    box.axes = (ax_hist, ax_err)
    box.hist = hist
    box.error = error
    box.title = title
    box.state = state
    box.update = update
    return box
