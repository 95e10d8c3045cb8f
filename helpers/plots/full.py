"""Figures for notebook 02: the mean loss over the whole training set.

Used by notebook 02 (all four) and notebook 03 (:func:`plot_loss_histogram`).

- :func:`plot_loss_histogram`  the distribution of the per-sample losses,
  mean and median marked
- :func:`plot_loss_share`      how much of the total loss the worst samples carry
- :func:`plot_image_grid`      a few images with their labels and predictions
- :func:`plot_cost_vs_n`       measured time of the full loss against N, with a
  proportional fit through the origin

Every ``plot_*`` takes its data, then keyword-only ``ax=None`` (``axes=None``
for the grid) and options, draws there or on a new figure (``static=True``:
pyplot, shown inline; False: a bare Figure), and returns a dict with
``"fig"``, ``"ax"`` and the artists it made. The figures' texts call the
samples "images" (the lessons' word: every loss here is one MNIST image's).

Every text a student reads (titles, labels, legends, notes) comes from the
catalogue, keys ``"full.*"`` (:func:`helpers.i18n.tr`), in the language in use
(:func:`helpers.use_language`); the English quoted in these docstrings is the
English edition's. Argument errors stay in English.
"""

from __future__ import annotations

import numpy as np

from helpers._validation import (
    check_array,
    check_bool,
    check_int,
    check_int_array,
    check_labels,
    check_real,
)
from helpers.i18n import language, tr
from helpers.losses import DELTA
from helpers.sampling import mean_loss

from .style import (
    COLORS,
    COLUMN_INCHES,
    DIGIT_CMAP,
    FONT,
    MAX_BINS,
    MAX_DRAWN,
    check_ax,
    check_axes,
    check_drawn,
    check_text,
    figure_panels,
    fmt4,
    new_axes,
    safe_median,
    style_axes,
)

__all__ = ["plot_loss_histogram", "plot_loss_share", "plot_image_grid", "plot_cost_vs_n"]

#: Number of classes of MNIST (labels and predictions are 0..9).
_CLASSES = 10


def _check_losses(losses, name: str = "losses", *, drawn: bool = False) -> np.ndarray:
    """Per-sample losses: a non-empty, finite 1-D array, none below ``-log(1 + DELTA)``.

    A CEE is never negative except for the tiny ``-log(1 + 1e-7)`` of a
    prediction of exactly 1, so anything below ``-DELTA`` is not a loss.
    ``drawn``: the losses are drawn on an axis, so at most
    :data:`~helpers.plots.style.MAX_DRAWN` (1e300).
    """
    losses = check_array(losses, name, ndim=1, dtype=np.float64)
    if drawn:
        check_drawn(losses, name)
    if losses.min() < -DELTA:
        raise ValueError(f"{name} must be per-sample losses >= 0, "
                         f"got a minimum of {losses.min():g}")
    return losses


def _tex_number(x: float) -> str:
    """``x`` for a mathtext label: ``10^{-7}`` for a power of ten, else ``1.5 \\times 10^{-7}``."""
    mantissa, exponent = f"{x:.6e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".")
    power = f"10^{{{int(exponent)}}}"
    return power if mantissa == "1" else f"{mantissa} \\times {power}"


#: The formula in the x label of :func:`plot_loss_histogram`: one sample's CEE with the real
#: delta (notation, the same in every language; the words around it come from the catalogue).
_LOSS_FORMULA = f"$-\\log(y_{{\\mathrm{{true}}}} + {_tex_number(DELTA)})$"
#: The same formula as plain text, for a label whose words are Hangul: matplotlib's mathtext
#: draws the words around a formula in one font (DejaVu Sans, which has no Hangul), while
#: plain text falls back glyph by glyph (Hangul from NanumGothic, see helpers.i18n).
#: ``10⁻⁷`` is DELTA (tests/test_plots_full.py checks it).
_LOSS_FORMULA_PLAIN = "−log(y_true + 10⁻⁷)"


def _loss_formula() -> str:
    """The x label's formula: mathtext in English, plain text next to Hangul."""
    return _LOSS_FORMULA if language() == "en" else _LOSS_FORMULA_PLAIN


def _histogram_bins(losses, bins, log_x, floor):
    """``(edges, counts)``: log-spaced bins from the decade below the smallest loss, or linear."""
    hi = max(float(losses.max()), 1e-12)
    if log_x:
        lo = 10.0 ** np.floor(np.log10(max(float(losses.min()), floor)))
        hi = max(1.2 * hi, 10 * lo)
        edges = np.geomspace(lo, hi, bins + 1)
    else:
        lo, edges = 0.0, np.linspace(0.0, hi, bins + 1)
    counts, _ = np.histogram(np.clip(losses, lo, hi), bins=edges)
    return edges, counts


def _histogram_title(mean, median):
    if median > 0:
        return tr("full.histogram.title", mean=fmt4(mean), ratio=f"{mean / median:.1f}",
                  median=fmt4(median))
    return tr("full.histogram.title_zero_median", mean=fmt4(mean), median=fmt4(median))


def plot_loss_histogram(losses, *, ax=None, bins: int = 60, log_x: bool = True,
                        log_y: bool = False, floor: float = 1e-4, threshold: float | None = None,
                        split_at_mean: bool = True, figsize=(8.0, 4.8), static: bool = True):
    """Histogram of per-sample losses with the mean and the median marked.

    A log x axis spreads the many tiny losses out, and then a skewed
    distribution looks like a symmetric hump. So by default
    (``split_at_mean``) the two sides of the mean are shaded in two colours
    and labelled with the share of samples on each side: for a long right
    tail most samples lie below the mean.

    Parameters
    ----------
    losses : array_like, shape (N,), float
        One loss per sample (>= 0, at most 1e300,
        :data:`~helpers.plots.style.MAX_DRAWN`, to be drawn), e.g. from
        :func:`helpers.losses.cross_entropy_per_sample`.
    ax : matplotlib.axes.Axes, optional
        Draw here; by default a new figure (``figsize``, ``static``).
    bins : int, 1 to 10,000 (:data:`~helpers.plots.style.MAX_BINS`), default 60
        Number of bins.
    log_x : bool, default True
        Logarithmically spaced bins on a log-scaled x axis, from the decade
        below ``max(min(losses), floor)`` to ``1.2 * max(losses)``.
        Losses below the first edge (e.g. 0, or the tiny negative
        ``-log(1 + 1e-7)`` of a prediction of exactly 1) are counted in the
        first bin. ``False``: equal bins from 0 to ``max(losses)``.
    log_y : bool, default False
        Log-scaled counts (shows the few samples in a long tail).
    floor : float in (0, 1e300], default 1e-4
        Smallest left edge when ``log_x``.
    threshold : float in (0, 1e300], optional
        Shade the losses below this value and put the share of samples
        below it in the legend.
    split_at_mean : bool, default True
        Shade the x range below the mean (green) and above it (vermillion),
        each with a label inside the axes (beside the median's line, never on
        it): the share of samples with a loss
        below the mean (strictly) and at or above it, in percent to 1
        decimal (the two add up to 100%).
    figsize : tuple of float, default (8.0, 4.8)
        Of a new figure, in inches (at most 9 wide to stay readable on a projector).

    Returns
    -------
    dict
        ``"fig"``, ``"ax"``, ``"hist"``: the :class:`~matplotlib.patches.StepPatch`
        (its ``get_data()`` has ``.values``, the counts, and ``.edges``),
        ``"mean"`` and ``"median"``: vertical :class:`~matplotlib.lines.Line2D`,
        ``"shade"``: the threshold's shaded span or None; with
        ``split_at_mean``: ``"below"`` and ``"above"`` (the two shaded spans),
        ``"below_text"`` and ``"above_text"`` (their :class:`~matplotlib.text.Text`
        labels) and ``"share_below"`` (the fraction of samples below the
        mean, a float); otherwise those are None.
    """
    check_ax(ax)
    losses = _check_losses(losses, drawn=True)
    bins = check_int(bins, "bins", minimum=1, maximum=MAX_BINS, why=" (a figure cannot show more)")
    log_x = check_bool(log_x, "log_x")
    log_y = check_bool(log_y, "log_y")
    floor = check_real(floor, "floor", minimum=0.0, maximum=MAX_DRAWN, strict=True)
    if threshold is not None:
        threshold = check_real(threshold, "threshold", minimum=0.0, maximum=MAX_DRAWN,
                               strict=True)
    split_at_mean = check_bool(split_at_mean, "split_at_mean")
    fig, ax = new_axes(ax, figsize=figsize, static=static)
    n = losses.size
    mean, median = mean_loss(losses), safe_median(losses)
    edges, counts = _histogram_bins(losses, bins, log_x, floor)
    if log_x:
        ax.set_xscale("log")
    shade = None
    if threshold is not None:
        share = float(np.mean(losses < threshold))
        shade = ax.axvspan(edges[0], threshold, color=COLORS["green"], alpha=0.12, lw=0,
                           label=tr("full.histogram.threshold", threshold=f"{threshold:g}",
                                    share=f"{share:.1%}"))
    # on a log axis a mean or median of 0 (all losses 0) sits on the first edge
    at = (lambda v: max(v, edges[0])) if log_x else (lambda v: v)
    split = {"below": None, "above": None, "below_text": None, "above_text": None,
             "share_below": None}
    if split_at_mean:
        split.update(_split_at_mean(ax, losses, at(mean), at(median), edges, log_x))
    hist = ax.stairs(counts, edges, fill=True, color=COLORS["sky"], alpha=0.85,
                     label=tr("full.histogram.images", n=f"{n:,}"))
    mean_line = ax.axvline(at(mean), color=COLORS["vermillion"], lw=2.5,
                           label=tr("full.histogram.mean", mean=fmt4(mean)))
    median_line = ax.axvline(at(median), color=COLORS["blue"], lw=2.5, ls="--",
                             label=tr("full.histogram.median", median=fmt4(median)))
    if log_y:
        ax.set_yscale("log")
        ax.set_ylim(0.7, None)
    else:
        # headroom: the legend and the shares sit above the bars
        ax.set_ylim(0, (1.75 if split_at_mean else 1.4) * max(int(counts.max()), 1))
    ax.set_xlim(edges[0], edges[-1])
    ax.set_xlabel(tr("full.histogram.xlabel_log", formula=_loss_formula()) if log_x
                  else tr("full.histogram.xlabel", formula=_loss_formula()), fontsize=FONT["label"])
    ax.set_ylabel(tr("full.histogram.ylabel_log") if log_y else tr("full.histogram.ylabel"),
                  fontsize=FONT["label"])
    ax.set_title(_histogram_title(mean, median), fontsize=FONT["title"])
    if split_at_mean:  # the shares fill the top of the axes: the legend goes under the x label
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=3, frameon=False,
                  fontsize=FONT["legend"], handlelength=1.5, columnspacing=1.2)
    else:
        ax.legend(loc="upper right", framealpha=0.9, fontsize=FONT["legend"])
    style_axes(ax, grid=None)
    _ticks_inside(ax)
    return {"fig": fig, "ax": ax, "hist": hist, "mean": mean_line, "median": median_line,
            "shade": shade, **split}


def _ticks_inside(ax):
    """Keep only the major ticks inside the axis limits (no hidden labels beyond the edges)."""
    for axis, (lo, hi) in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
        lo, hi = min(lo, hi), max(lo, hi)
        ticks = [v for v in axis.get_majorticklocs()
                 if lo <= v <= hi or np.isclose(v, lo) or np.isclose(v, hi)]
        axis.set_ticks(ticks)


def _split_at_mean(ax, losses, at_mean, at_median, edges, log_x):
    """Shade both sides of the mean and label each with its share of samples.

    A label is centred on its side; if the median's line crosses that side,
    on the wider of the two parts the line leaves, so the label's box does
    not hide the line.
    """
    share_below = float(np.count_nonzero(losses < mean_loss(losses))) / losses.size
    out = {"share_below": share_below}
    sides = [("below", edges[0], at_mean, share_below, COLORS["green"]),
             ("above", at_mean, edges[-1], 1.0 - share_below, COLORS["vermillion"])]
    for side, lo, hi, share, color in sides:
        out[side] = ax.axvspan(lo, hi, color=color, alpha=0.10, lw=0)
        if lo < at_median < hi:  # the median's line crosses this side: use its wider part
            scale = np.log if log_x and lo > 0 else (lambda v: v)  # x as drawn
            lo, hi = max([(lo, at_median), (at_median, hi)],
                         key=lambda part: scale(part[1]) - scale(part[0]))
        middle = np.sqrt(lo) * np.sqrt(hi) if log_x and lo > 0 else lo / 2 + hi / 2
        text = (tr("full.histogram.below", share=f"{share:.1%}") if side == "below"
                else tr("full.histogram.above", share=f"{share:.1%}"))
        out[f"{side}_text"] = ax.text(
            middle, 0.97, text,
            transform=ax.get_xaxis_transform(),
            ha="center", va="top", fontsize=FONT["note"], color=color, fontweight="bold",
            zorder=5, bbox={"facecolor": COLORS["white"], "alpha": 0.85, "edgecolor": "none",
                            "pad": 2})
    return out


def plot_loss_share(losses, *, ax=None, mark: float = 0.05, figsize=(7.0, 4.8),
                    static: bool = True):
    """Share of the total loss carried by the worst samples (a concentration curve).

    Sort the samples from the highest loss to the lowest; the curve shows, for
    each share x of samples taken worst first, the share y of the summed loss
    they carry. If every sample cost the same it would be the diagonal.

    Parameters
    ----------
    losses : array_like, shape (N,), float
        Per-sample losses (>= 0, finite; the total must be positive).
    ax : matplotlib.axes.Axes, optional
        Draw here; by default a new figure (``figsize``, ``static``).
    mark : float in (0, 1], default 0.05
        Mark the worst ``round(mark * N)`` samples (at least 1).

    Returns
    -------
    dict
        ``"fig"``, ``"ax"``, ``"curve"``: Line2D with x = share of samples in
        percent (``0, 100/N, ..., 100``) and y = share of the total loss in
        percent (N + 1 points, starting at 0); ``"equal"``: the diagonal;
        ``"marker"``: Line2D with the one marked point; ``"share"``: that
        point's share of the loss as a fraction (a float).
    """
    check_ax(ax)
    losses = _check_losses(losses)
    top = float(losses.max())
    if not top > 0:  # every loss 0 (or the tiny -log(1 + delta)): no share to draw
        raise ValueError(f"losses must have a positive sum, got {float(losses.sum()):g}")
    losses = losses / top  # the shares do not change; the sum of 1e308s no longer overflows
    total = float(losses.sum())
    mark = check_real(mark, "mark", minimum=0.0, maximum=1.0, strict=True)
    fig, ax = new_axes(ax, figsize=figsize, static=static)
    n = losses.size
    worst_first = np.sort(losses)[::-1]
    x = np.arange(n + 1) / n * 100
    y = np.concatenate([[0.0], np.cumsum(worst_first)]) / total * 100
    k = max(1, int(round(mark * n)))
    share = float(worst_first[:k].sum() / total)
    (equal,) = ax.plot([0, 100], [0, 100], color=COLORS["grey"], ls=":", lw=2,
                       label=tr("full.share.equal"))
    (curve,) = ax.plot(x, y, color=COLORS["vermillion"], lw=2.5,
                       label=tr("full.share.sorted"))
    marked = (tr("full.share.worst_one", share=f"{share:.1%}") if k == 1
              else tr("full.share.worst", k=f"{k:,}", share=f"{share:.1%}"))
    (marker,) = ax.plot([k / n * 100], [share * 100], "o", color=COLORS["black"], ms=8,
                        label=marked)
    ax.vlines(k / n * 100, 0, share * 100, color=COLORS["black"], lw=1, ls="--")
    ax.hlines(share * 100, 0, k / n * 100, color=COLORS["black"], lw=1, ls="--")
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 101)
    ax.set_xlabel(tr("full.share.xlabel"), fontsize=FONT["label"])
    ax.set_ylabel(tr("full.share.ylabel"), fontsize=FONT["label"])
    ax.set_title(tr("full.share.title", top=f"{k / n:.0%}", share=f"{share:.0%}"),
                 fontsize=FONT["title"])
    ax.legend(loc="lower right", framealpha=0.9, fontsize=FONT["legend"])
    style_axes(ax, grid=None)
    _ticks_inside(ax)
    return {"fig": fig, "ax": ax, "curve": curve, "equal": equal, "marker": marker, "share": share}


def plot_image_grid(images, labels, predictions, losses=None, *, axes=None, ncols: int = 4,
                    title: str | None = None, static: bool = True):
    """Small grid of MNIST images titled with label, prediction and loss.

    Parameters
    ----------
    images : array_like, shape (M, 784) or (M, 28, 28), real
        Pixel intensities (any finite range; shown dark on light), M >= 1.
    labels, predictions : array_like of int, shape (M,)
        True class and predicted class of each image (0..9). Wrong
        predictions get a vermillion title.
    losses : array_like of float, shape (M,), optional
        Loss of each image, printed in its title (2 decimals).
    axes : sequence of matplotlib.axes.Axes, optional
        At least M axes (any extra ones are hidden); by default a new figure
        with ``ceil(M / ncols)`` rows of ``min(ncols, M)`` columns.
    ncols : int >= 1, default 4
        Columns of a new figure (at most M are made).
    title : str, optional
        A title over the whole figure.
    static : bool
        Of a new figure: True pyplot (shown inline), False a bare Figure.

    Returns
    -------
    dict
        ``"fig"``, ``"ax"`` (tuple of every Axes of the grid, row by row),
        ``"images"`` (list of AxesImage, one per image, in order;
        ``get_array()`` is the (28, 28) image).
    """
    if axes is not None:
        check_axes(axes)  # the kind first; the number of Axes once M is known
    images = check_array(images, "images", ndim=(2, 3))
    m = images.shape[0]
    if images.shape[1:] not in ((784,), (28, 28)):
        raise ValueError(f"images must have shape (M, 784) or (M, 28, 28), got {images.shape}")
    labels = check_labels(labels, "labels", n=m, k=_CLASSES, per="image")
    predictions = check_labels(predictions, "predictions", n=m, k=_CLASSES, per="image")
    if losses is not None:
        losses = check_array(losses, "losses", ndim=1, dtype=np.float64)
        if losses.shape != (m,):
            raise ValueError(f"losses must hold one loss per image ({m}), got shape {losses.shape}")
    ncols = check_int(ncols, "ncols", minimum=1)
    check_text(title, "title")
    cols = min(ncols, m)  # no empty columns when there are fewer images than ncols
    nrows = -(-m // cols)
    fig, axes = figure_panels(axes, nrows=nrows, ncols=cols, minimum=m, static=static,
                              figsize=(min(2.1 * cols, COLUMN_INCHES),
                                       2.45 * nrows + (0.5 if title else 0)))
    grid = images.reshape(m, 28, 28)
    shown = []
    for i, ax in enumerate(axes):
        ax.set_xticks([])
        ax.set_yticks([])
        if i >= m:
            ax.set_visible(False)
            continue
        shown.append(ax.imshow(grid[i], cmap=DIGIT_CMAP, interpolation="nearest"))
        right = int(labels[i]) == int(predictions[i])
        text = tr("full.grid.title", label=int(labels[i]), predicted=int(predictions[i]))
        if losses is not None:
            text += "\n" + tr("full.grid.loss", loss=f"{float(losses[i]):.2f}")
        ax.set_title(text, fontsize=FONT["note"],
                     color=COLORS["black"] if right else COLORS["vermillion"])
    if title is not None:
        fig.suptitle(title, fontsize=FONT["title"])
    return {"fig": fig, "ax": tuple(axes), "images": shown}


def plot_cost_vs_n(n, seconds, *, ax=None, figsize=(8.0, 4.8), static: bool = True):
    """Measured time against the number of samples, with a proportional fit through 0.

    The fitted line is ``time = slope * N`` (least squares through the
    origin: ``slope = sum(N * t) / sum(N**2)`` over the medians), so it has no
    intercept: a loss over 0 samples costs nothing, and a free intercept
    fitted to noisy timings can come out negative, which means nothing.

    Parameters
    ----------
    n : array_like of int, shape (M,)
        Numbers of samples (>= 1; at least 2 distinct values).
    seconds : array_like of float, shape (M,) or (M, R)
        Measured times in seconds (>= 0); with R repeats per N, every run is
        drawn as a small dot and the median of each row is used for the fit.
    ax : matplotlib.axes.Axes, optional
        Draw here; by default a new figure (``figsize``, ``static``).

    Returns
    -------
    dict
        ``"fig"``, ``"ax"``, ``"runs"``: Line2D of every run (None when
        ``seconds`` is 1-D or has one column), ``"medians"``: Line2D (x = n,
        y = median time in ms), ``"fit"``: Line2D of the proportional fit from
        0 to max(n) (y in ms), and ``"slope"``: its slope in seconds per
        sample (a float).

    Raises
    ------
    TypeError
        If ``n`` is not integers or ``seconds`` not real numbers, or an option
        has the wrong kind.
    ValueError
        If ``n`` has fewer than 2 distinct sizes or a size < 1, ``seconds``
        has the wrong shape, a negative or non-finite time.
    """
    check_ax(ax)
    n = check_int_array(n, "n", minimum=1, ndim=1)  # the rule of every size array
    if np.unique(n).size < 2:
        raise ValueError(f"n must hold at least 2 distinct numbers of samples to fit a line, "
                         f"got {n.tolist()}")
    s = check_array(seconds, "seconds", ndim=(1, 2), dtype=np.float64)
    if s.shape[0] != n.size:
        raise ValueError(f"seconds must have one row per n ({n.size}), got shape {s.shape}")
    if s.min() < 0:
        raise ValueError(f"seconds must be measured times >= 0, got a minimum of {s.min():g}")
    if s.ndim == 1:
        s = s[:, None]
    repeats = s.shape[1] > 1
    n = n.astype(np.float64)
    med = np.median(s, axis=1)
    slope = float(np.sum(n * med) / np.sum(n * n))  # least squares through the origin
    fig, ax = new_axes(ax, figsize=figsize, static=static)
    runs = None
    if repeats:
        (runs,) = ax.plot(np.repeat(n, s.shape[1]), s.reshape(-1) * 1e3, ".", color=COLORS["grey"],
                          ms=6, label=tr("full.cost.runs", runs=s.shape[1]))
    xs = np.array([0.0, n.max()])
    (fit,) = ax.plot(xs, slope * xs * 1e3, color=COLORS["orange"], lw=2.5,
                     label=tr("full.cost.fit", us=f"{slope * 1e6:.2f}"))
    (medians,) = ax.plot(n, med * 1e3, "o", color=COLORS["blue"], ms=8,
                         label=tr("full.cost.medians"))
    ax.set_xlim(0, n.max() * 1.03)
    ax.set_ylim(0, None)
    ax.xaxis.set_major_formatter(lambda v, pos: f"{v:,.0f}")
    ax.set_xlabel(tr("full.cost.xlabel"), fontsize=FONT["label"])
    ax.set_ylabel(tr("full.cost.ylabel"), fontsize=FONT["label"])
    ax.set_title(tr("full.cost.title", us=f"{slope * 1e6:.2f}"), fontsize=FONT["title"])
    ax.legend(loc="upper left", framealpha=0.9, fontsize=FONT["legend"])
    style_axes(ax, grid=None)
    _ticks_inside(ax)
    return {"fig": fig, "ax": ax, "runs": runs, "medians": medians, "fit": fit, "slope": slope}
