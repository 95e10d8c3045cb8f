"""Widgets for notebook 03 (random mini-batches): a mini-batch as an estimate of the full loss.

Used by ``notebooks/03-random-minibatches.ipynb`` (``minibatch_explorer(losses, measured=...)``).

- :func:`minibatch_explorer`  batch size, number of draws, seed and with/without
  replacement; a histogram of the mini-batch losses around the full loss and
  the error-against-batch-size plot below it (two figures, each the notebook column wide
  and at most 6 inches high: each fits a projector's screen), both updated in place.

The per-sample losses are computed once and passed in; a slider move only
draws new mini-batch means (:func:`helpers.sampling.minibatch_means`: real
mini-batches up to :data:`EXACT_WORK`, simulated above it, so that every B stays
interactive), re-bins them and moves the artists. The full loss and the spread of
the losses are :func:`helpers.sampling.mean_loss` and
:func:`helpers.sampling.loss_spread` (exact when every loss is equal, as for
an untrained network: no histogram range that rounding could break).

The controls' labels, the readout and the figures' texts come from the catalogue
(keys ``"minibatch.*"``, :func:`helpers.i18n.tr`), in the language of
:func:`helpers.use_language` when the explorer is made (the readout and titles: when they
are updated). The controls' values do not depend on the language (``replace`` is
True or False, the sizes are ints), so code that sets them works in both editions.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from helpers._validation import check_bool, check_int, check_int_array
from helpers.i18n import tr
from helpers.plots.full import _check_losses
from helpers.plots.minibatch import (
    _hist_legend,
    _legend_title,
    describe_draws,
    draw_stats,
    hist_edges,
    mark_current,
    plot_error_vs_batch,
    plot_minibatch_hist,
    share_labels,
    update_minibatch_hist,
)
from helpers.plots.style import (
    COLUMN_INCHES,
    DPI,
    FONT,
    MAX_DRAWN,
    check_dpi,
    check_drawn,
    fmt4,
    new_figure,
)
from helpers.sampling import (
    BATCH_SIZES,
    loss_spread,
    mean_loss,
    minibatch_means,
    sampling_method,
    standard_error,
)

from .base import FigureView, expose, refresh_views

__all__ = ["minibatch_explorer", "N_DRAWS", "EXACT_WORK"]

#: Largest loss the explorer draws: the histogram's range, the full loss ± 4 standard
#: errors (each at most the largest loss), must stay within ±1e300 (``MAX_DRAWN``).
MAX_LOSS = MAX_DRAWN / 10

#: Choices of the number-of-draws slider.
N_DRAWS = (1, 3, 10, 30, 100, 300, 1000, 3000, 10000)

#: The explorer draws REAL mini-batches while the work, as
#: :func:`helpers.sampling.sampling_method` counts it (``d * B`` with replacement,
#: ``3 * d * min(B, N - B)`` without), is at most this, and simulates them above it, so that
#: a move stays within its 50 ms in the kernel (issue 14), of which its two figures take
#: about 30: the drawing gets 20 ms. Measured with 1,000 draws on the 2-core development
#: machine (``python -m benchmarks --only means``): with replacement 5.5 ms at B = 1,000,
#: 26 ms at 5,000, 52 ms at 10,000 and 310 ms at 60,000; without replacement 14 ms at
#: 1,000 and 113 ms at 5,000. So at 1,000 draws B <= 3,000 with replacement and B <= 1,000
#: (or B >= 59,000) without are real; above it the readout says the batches are simulated.
EXACT_WORK = {True: 3_000_000, False: 3_000_000}


def _bins(n_draws):
    """Odd number of histogram bins for ``n_draws`` values: about 2·√D, from 11 to 41."""
    return int(min(41, max(11, 2 * int(np.sqrt(n_draws)) + 1)))


def _about(x):
    """``"about ±0.0023"``, or ``"less than 0.0001"`` when 4 decimals would show 0."""
    if x >= 0.00005:
        return tr("minibatch.readout.about", x=fmt4(x))
    return tr("minibatch.readout.tiny")


def _readout(stats, full_loss, se, batch_size, n, replace, method, means):
    """The HTML under the sliders: the numbers of these draws, in words (the language in use)."""
    b = f"{batch_size:,}"
    full = fmt4(full_loss)
    if not replace and batch_size == n:
        return tr("minibatch.readout.whole_data", b=b, full=full)
    d = stats["n_draws"]
    if d > 1:
        head = (tr("minibatch.readout.head_with", d=f"{d:,}", b=b) if replace
                else tr("minibatch.readout.head_without", d=f"{d:,}", b=b))
        average = tr("minibatch.readout.average_many", mean=fmt4(stats["mean"]), full=full,
                     d=f"{d:,}", about=_about(se / np.sqrt(d)))
    else:
        head = (tr("minibatch.readout.head_with_one", d=f"{d:,}", b=b) if replace
                else tr("minibatch.readout.head_without_one", d=f"{d:,}", b=b))
        average = tr("minibatch.readout.average", mean=fmt4(stats["mean"]), full=full)
    parts = [head, average]
    if d > 1:
        within = float(np.mean(np.abs(means - full_loss) <= se)) if se > 0 else 1.0
        parts.append(tr("minibatch.readout.spread", median=fmt4(stats["median"]),
                        below=f"{stats['below']:.0%}", spread=fmt4(stats["spread"]),
                        se=fmt4(se), within=f"{within:.0%}"))
    else:
        parts.append(tr("minibatch.readout.one_draw", se=fmt4(se)))
    if method == "approx":  # a moment-matched simulation, not real draws: the readout says so
        parts.append(tr("minibatch.readout.simulated"))
    return " ".join(parts)


def _controls(batch_sizes, batch_size, n_draws, seed, replace, continuous_update):
    """The four controls: batch size, number of draws, seed, with/without replacement."""
    style = {"description_width": "initial"}
    half = widgets.Layout(width="48%")
    return {
        "batch_size": widgets.SelectionSlider(
            options=[(f"{b:,}", b) for b in batch_sizes], value=batch_size,
            description=tr("minibatch.widget.batch_size"), continuous_update=continuous_update,
            style=style, layout=half),
        "n_draws": widgets.SelectionSlider(
            options=[(f"{d:,}", d) for d in N_DRAWS], value=n_draws,
            description=tr("minibatch.widget.n_draws"), continuous_update=continuous_update,
            style=style, layout=half),
        "seed": widgets.BoundedIntText(value=seed, min=0, max=2**31 - 1,
                                       description=tr("minibatch.widget.seed"), style=style,
                                       layout=widgets.Layout(width="160px")),
        "replace": widgets.ToggleButtons(
            options=[(tr("minibatch.widget.with"), True), (tr("minibatch.widget.without"), False)],
            value=replace, style={"button_width": "190px"}),
    }


def minibatch_explorer(losses, *, measured=None, batch_size=100, n_draws=1000, seed=0,
                       replace=True, batch_sizes=BATCH_SIZES, dpi=DPI,
                       figsize=(COLUMN_INCHES, 5.9), error_figsize=(COLUMN_INCHES, 5.0),
                       continuous_update=True):
    """Explore how a random mini-batch's loss scatters around the full loss.

    Parameters
    ----------
    losses : array_like, shape (N,), float
        Per-sample losses over the whole data set, computed once
        (``cross_entropy_per_sample(net.predict(x_train), t_train)``): finite,
        >= 0 (the tiny ``-log(1 + 1e-7)`` allowed) and at most 1e299 (:data:`MAX_LOSS`).
    measured : dict, optional
        Measured spreads to show as points, as for
        :func:`helpers.plots.minibatch.plot_error_vs_batch`
        (``{"batch_sizes": ..., True: ..., False: ...}``, spreads keyed by
        ``replace``); not recomputed here.
    batch_size : int
        Start value of B; must be one of ``batch_sizes``.
    n_draws : int
        Start value of the number of mini-batches; one of :data:`N_DRAWS`.
    seed : int
        Start seed (0 to 2**31 - 1); each update draws with
        ``rng=np.random.default_rng([seed, B, int(replace)])``: the same settings give
        the same picture, and each B its own draws.
    replace : bool
        Start mode: True is the book's ``choice(N, B)``.
    batch_sizes : array_like of int
        The batch-size slider's steps (ints >= 1, log-spaced, ending at N);
        sizes above N are left out. Default :data:`helpers.sampling.BATCH_SIZES`.
    dpi : int, 20 to 400, default :data:`helpers.plots.style.DPI` (100)
    figsize : (float, float)
        The histogram's figure. Default: the notebook column wide, 590 pixels high at 100 dpi
        (every text at least 14 pt at its shown size; it fits a projector's screen).
    error_figsize : (float, float)
        The error plot's figure, shown below the histogram (default 820 x 500 pixels).
    continuous_update : bool
        Update while a slider is dragged.

    Returns
    -------
    ipywidgets.VBox
        With attributes ``sliders`` (``{"batch_size": SelectionSlider,
        "n_draws": SelectionSlider, "seed": BoundedIntText, "replace":
        ToggleButtons}``), ``readout`` (HTML), ``view`` (FigureView of the
        histogram), ``error_view`` (FigureView of the error plot), ``fig`` (the
        histogram's figure), ``error_fig``, ``figs`` (both figures),
        ``axes`` (histogram axes, error axes), ``hist`` (artists of
        :func:`~helpers.plots.minibatch.plot_minibatch_hist`), ``error``
        (artists of :func:`~helpers.plots.minibatch.plot_error_vs_batch`),
        ``title`` (the histogram's title Text: the finding), ``state`` (the last update's
        ``means``, ``stats``, ``se``, ``edges``, ``method``: ``"exact"`` or
        ``"approx"``) and ``update`` (the observer; call ``update()`` to redraw).
    """
    losses = _check_losses(losses)
    check_drawn(losses, "losses", MAX_LOSS)  # full loss ± 4 standard errors stays drawable
    n = losses.size
    sizes = _slider_sizes(batch_sizes, n)
    if check_int(batch_size, "batch_size") not in sizes:
        raise ValueError(f"batch_size must be one of {sizes}, got {batch_size!r}")
    if check_int(n_draws, "n_draws") not in N_DRAWS:
        raise ValueError(f"n_draws must be one of {N_DRAWS}, got {n_draws!r}")
    seed = check_int(seed, "seed", minimum=0, maximum=2**31 - 1)
    replace = check_bool(replace, "replace")
    dpi = check_dpi(dpi)
    continuous_update = check_bool(continuous_update, "continuous_update")

    draw = _drawer(losses)
    state = draw(batch_size, n_draws, seed, replace)  # the first state, drawn once
    artists = _figures(state, draw.full_loss, draw.sigma, n, measured, figsize, error_figsize)
    fig, error_fig = artists["figs"]
    view = FigureView(fig, dpi=dpi)  # renders once: constrained layout places everything...
    error_view = FigureView(error_fig, dpi=dpi)
    for f in artists["figs"]:
        f.set_layout_engine(None)  # ...then freeze it: every later render skips the layout pass
    # the histogram changes everywhere (its limits, bars, legend, title: drawn in full); the
    # error plot only by its star and the line at B: the rest of it is drawn once
    # (and the legend, which the line at B crosses: it is drawn over the line)
    error_view.set_changing([artists["error"]["current"], artists["error"]["current_line"],
                             artists["axes"][1].get_legend()])

    sliders = _controls(sizes, batch_size, n_draws, seed, replace, continuous_update)
    readout = widgets.HTML()

    def star_pixels():
        """Where the error figure's star is, in whole pixels (None when hidden)."""
        star = artists["error"]["current"]
        if not len(star.get_xdata()):
            return None
        xy = star.axes.transData.transform((star.get_xdata()[0], star.get_ydata()[0]))
        return tuple(np.round(xy).astype(int).tolist())

    def show(new):
        """Move the artists to a drawn state, write the readout, render what changed."""
        update_minibatch_hist(artists["hist"], new["means"], draw.full_loss, new["se"],
                              new["edges"])
        before = (star_pixels(), state.get("batch_size"))  # the star, and the line at B
        mark_current(artists["error"], new["batch_size"], new["stats"]["spread"])
        artists["title"].set_text(describe_draws(new["means"], draw.full_loss, new["batch_size"],
                                                 n, new["replace"], se=new["se"]))
        readout.value = _readout(new["stats"], draw.full_loss, new["se"], new["batch_size"], n,
                                 new["replace"], new["method"], new["means"])
        state.clear()
        state.update(new)
        # the error figure changes only by its star and its line at B: a star moved by less
        # than a pixel at the same B (a new seed, usually) would render the same image, so it
        # is not rendered (a hidden star, one draw, still moves the line with B)
        moved = (star_pixels(), new["batch_size"]) != before or not error_view.renders
        refresh_views([view, error_view] if moved else [view])

    def update(change=None):
        show(draw(int(sliders["batch_size"].value), int(sliders["n_draws"].value),
                  int(sliders["seed"].value), bool(sliders["replace"].value)))

    show(dict(state))  # the first state's numbers (the layout was made with the widest texts)
    for w in sliders.values():
        w.observe(update, names="value")
    box = widgets.VBox([widgets.HBox([sliders["batch_size"], sliders["n_draws"]]),
                        widgets.HBox([sliders["replace"], sliders["seed"]]), readout, view.image,
                        error_view.image])
    return expose(box, sliders=sliders, readout=readout, view=view, error_view=error_view,
                  fig=fig, error_fig=error_fig, figs=artists["figs"],
                  axes=artists["axes"], hist=artists["hist"], error=artists["error"],
                  title=artists["title"], state=state, update=update)


def _slider_sizes(batch_sizes, n):
    """The batch sizes of the slider: ints >= 1 (the rule of every size), those above N left out."""
    sizes = [b for b in check_int_array(batch_sizes, "batch_sizes", minimum=1, ndim=1).tolist()
             if b <= n]
    if not sizes:
        raise ValueError(f"batch_sizes must hold at least one size from 1 to N = {n:,}, "
                         f"got {batch_sizes!r}")
    return sizes


def _stream(seed, batch_size, replace):
    """The random stream of one setting: its own for every (seed, B, replace).

    One stream per seed would give every B the same pattern of bars (the simulated draws
    are one set of random numbers, scaled).
    """
    return np.random.default_rng([seed, batch_size, int(replace)])


def _drawer(losses):
    """``draw(b, d, seed, replace)``: the state of one setting (its means, stats, se, edges ...).

    The full loss, the spread and the smallest loss are computed once, as
    ``draw.full_loss``, ``draw.sigma``, ``draw.lowest``.
    """
    n = losses.size
    full_loss, sigma, lowest = mean_loss(losses), loss_spread(losses), float(losses.min())

    def draw(b, d, seed, replace):
        method = sampling_method(b, d, n, replace, budget=EXACT_WORK[replace])
        means = minibatch_means(losses, b, d, rng=_stream(seed, b, replace), replace=replace,
                                method=method)
        se = standard_error(sigma, b, n=n, replace=replace)
        return {"means": means, "stats": draw_stats(means, full_loss), "se": se,
                "edges": hist_edges(full_loss, se, bins=_bins(d), lo=lowest, split=True),
                "method": method,
                "batch_size": b, "n_draws": d, "replace": replace}

    draw.full_loss, draw.sigma, draw.lowest = full_loss, sigma, lowest
    return draw


def _figures(state, full_loss, sigma, n, measured, figsize, error_figsize):
    """The explorer's two figures (not yet rendered): the histogram of the first state, and the
    error plot below it.

    The layout is made once (then frozen) with the widest texts the figures will show: a
    two-line title, y ticks up to 100 %, the longest legend labels (in the language in use).
    """
    fig, (ax_hist,) = new_figure(1, 1, figsize=figsize, static=False)
    # the title's text is a placeholder of two lines (never shown: show() sets the finding)
    hist = plot_minibatch_hist(state["means"], full_loss, state["se"], ax=ax_hist,
                               edges=state["edges"], title="two lines\nof title")
    hist["below"].set_label(share_labels(1.0)[0])  # "100% below the full loss"
    hist["hist"].set_label(share_labels(0.0, all_equal=True)[1])  # "all equal to the full loss"
    hist["title"].set_fontsize(FONT["suptitle"])
    ax_hist.set_ylim(0, 108)  # the widest tick labels the histogram will need (for the layout)
    # the legend with the widest labels
    hist["legend"] = _hist_legend(ax_hist, _legend_title(N_DRAWS[-1]))
    error_fig, (ax_err,) = new_figure(1, 1, figsize=error_figsize, static=False)
    error = plot_error_vs_batch(sigma, n, measured=measured, ax=ax_err,
                                title=tr("minibatch.widget.error_title"), current=True)
    return {"figs": (fig, error_fig), "axes": (ax_hist, ax_err), "hist": hist, "error": error,
            "title": hist["title"]}
