"""Widgets for notebook 03 (random mini-batches): a mini-batch as an estimate of the full loss.

Used by ``notebooks/03-random-minibatches.ipynb`` (``minibatch_explorer(losses, measured=...)``).

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

from helpers.plots.minibatch import (
    describe_draws,
    draw_stats,
    hist_edges,
    mark_current,
    plot_error_vs_batch,
    plot_minibatch_hist,
    update_minibatch_hist,
)
from helpers.plots.style import new_figure
from helpers.sampling import BATCH_SIZES, minibatch_means, sampling_method, standard_error
from helpers.validation import check_array, check_bool, check_int

from .base import FigureView, expose

__all__ = ["minibatch_explorer", "N_DRAWS"]

#: Choices of the number-of-draws slider.
N_DRAWS = (1, 3, 10, 30, 100, 300, 1000, 3000, 10000)


def _bins(n_draws):
    """Odd number of histogram bins for ``n_draws`` values: about 2·√D, from 11 to 41."""
    return int(min(41, max(11, 2 * int(np.sqrt(n_draws)) + 1)))


def _about(x):
    """``"about ±0.0023"``, or ``"less than 0.0001"`` when 4 decimals would show 0."""
    return f"about ±{x:.4f}" if x >= 0.00005 else "less than 0.0001"


def _readout(stats, full_loss, se, batch_size, n, replace, method):
    """The HTML under the sliders: the numbers of these draws, in words."""
    b = f"{batch_size:,}"
    if not replace and batch_size == n:
        return (f"<b>B = N = {b} without replacement:</b> each batch contains every image exactly "
                f"once, so every batch loss equals the full loss <b>{full_loss:.4f}</b>. The "
                f"standard error σ/√B·√((N−B)/(N−1)) is exactly <b>0</b>.")
    d = stats["n_draws"]
    how = "with" if replace else "without"
    average = (f"Average of the batch losses <b>{stats['mean']:.4f}</b> vs the full loss "
               f"<b>{full_loss:.4f}</b>")
    if d > 1:
        average += (f" (unbiased: an average of {d:,} draws typically misses it by "
                    f"{_about(se / np.sqrt(d))}; more draws, closer).")
    else:
        average += "."
    parts = [f"<b>{d:,} draw{'s' if d > 1 else ''} of B = {b} {how} replacement.</b>", average]
    if d > 1:
        parts.append(f"Median <b>{stats['median']:.4f}</b>: {stats['below']:.0%} of the batches "
                     f"are below the full loss. Spread ±<b>{stats['spread']:.4f}</b> "
                     f"(theory: <b>{se:.4f}</b>).")
    else:
        parts.append(f"Theory says a batch typically misses by ±<b>{se:.4f}</b>.")
    if method == "approx":
        parts.append("<i>(So many draws of such large batches are simulated from a distribution "
                     "with the same mean, spread and skew, to stay instant.)</i>")
    return " ".join(parts)


def _controls(batch_sizes, batch_size, n_draws, seed, replace, continuous_update):
    """The four controls: batch size, number of draws, seed, with/without replacement."""
    style = {"description_width": "initial"}
    half = widgets.Layout(width="48%")
    return {
        "batch_size": widgets.SelectionSlider(
            options=[(f"{b:,}", b) for b in batch_sizes], value=batch_size,
            description="batch size B", continuous_update=continuous_update, style=style,
            layout=half),
        "n_draws": widgets.SelectionSlider(
            options=[(f"{d:,}", d) for d in N_DRAWS], value=n_draws,
            description="number of mini-batches", continuous_update=continuous_update,
            style=style, layout=half),
        "seed": widgets.BoundedIntText(value=seed, min=0, max=2**31 - 1, description="seed",
                                       style=style, layout=widgets.Layout(width="160px")),
        "replace": widgets.ToggleButtons(
            options=[("with replacement (book)", True), ("without replacement", False)],
            value=replace, style={"button_width": "190px"}),
    }


def minibatch_explorer(losses, *, measured=None, batch_size=100, n_draws=1000, seed=0,
                       replace=True, batch_sizes=BATCH_SIZES, dpi=80, figsize=(13, 5.0),
                       continuous_update=True):
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
        Start seed (0 to 2**31 - 1); each update draws with ``rng=seed`` (the
        same settings give the same picture).
    replace : bool
        Start mode: True is the book's ``choice(N, B)``.
    batch_sizes : array_like of int
        The batch-size slider's steps (log-spaced, ending at N); sizes above N
        are left out. Default :data:`helpers.sampling.BATCH_SIZES`.
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
        ``means``, ``stats``, ``se``, ``edges``, ``method``: ``"exact"`` or
        ``"approx"``) and ``update`` (the observer; call ``update()`` to redraw).
    """
    losses = check_array(losses, "losses", ndim=1, dtype=np.float64)
    n = losses.size
    full_loss, sigma, lowest = float(losses.mean()), float(losses.std()), float(losses.min())
    sizes = check_array(batch_sizes, "batch_sizes", ndim=1)
    if sizes.dtype.kind == "f":
        raise TypeError(f"batch_sizes must be ints, got dtype {sizes.dtype}")
    sizes = [int(b) for b in sizes if 1 <= b <= n]
    if not sizes:
        raise ValueError(f"batch_sizes must hold at least one size from 1 to N = {n:,}, "
                         f"got {batch_sizes!r}")
    if check_int(batch_size, "batch_size") not in sizes:
        raise ValueError(f"batch_size must be one of {sizes}, got {batch_size!r}")
    if check_int(n_draws, "n_draws") not in N_DRAWS:
        raise ValueError(f"n_draws must be one of {N_DRAWS}, got {n_draws!r}")
    seed = check_int(seed, "seed", minimum=0, maximum=2**31 - 1)
    replace = check_bool(replace, "replace")
    dpi = check_int(dpi, "dpi", minimum=1)
    continuous_update = check_bool(continuous_update, "continuous_update")

    fig, (ax_hist, ax_err) = new_figure(1, 2, figsize=figsize, width_ratios=[1.15, 1],
                                        static=False)
    means = minibatch_means(losses, batch_size, n_draws, rng=seed, replace=replace)
    se = standard_error(sigma, batch_size, n=n, replace=replace)
    hist = plot_minibatch_hist(means, full_loss, se, ax=ax_hist, lo=lowest,
                               title="mini-batch losses", se_label="±1 standard error")
    error = plot_error_vs_batch(sigma, n, measured=measured, ax=ax_err,
                                title="error against batch size", current=True)
    title = fig.suptitle("two lines\nof title", fontsize=14)
    ax_hist.set_ylim(0, 100)  # the widest tick labels the histogram will need
    view = FigureView(fig, dpi=dpi)  # renders once: constrained layout places everything...
    fig.set_layout_engine(None)  # ...then freeze it: every later render skips the layout pass

    sliders = _controls(sizes, batch_size, n_draws, seed, replace, continuous_update)
    readout = widgets.HTML()
    state = {}

    def update(change=None):
        b, d = int(sliders["batch_size"].value), int(sliders["n_draws"].value)
        sd, rep = int(sliders["seed"].value), bool(sliders["replace"].value)
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
    for w in sliders.values():
        w.observe(update, names="value")
    box = widgets.VBox([widgets.HBox([sliders["batch_size"], sliders["n_draws"]]),
                        widgets.HBox([sliders["replace"], sliders["seed"]]), readout, view.image])
    return expose(box, sliders=sliders, readout=readout, view=view, fig=fig,
                  axes=(ax_hist, ax_err), hist=hist, error=error, title=title, state=state,
                  update=update)
