"""Figures for notebook 03: a random mini-batch as an estimate of the full loss.

- :func:`draw_stats`            the numbers a set of mini-batch losses tells
- :func:`describe_draws`        a two-line title that states the finding
- :func:`hist_edges`            bin edges centred on the full loss, ±4 standard errors
- :func:`plot_minibatch_hist`   histogram of many mini-batch losses, the full loss
  and a ±1 standard-error band (:func:`update_minibatch_hist` moves it in place)
- :func:`measure_spread`        the measured spread of mini-batch losses for many
  batch sizes, by really drawing the mini-batches
- :func:`plot_error_vs_batch`   spread against batch size on log-log axes, with
  the ``sigma / sqrt(B)`` line and the finite-population correction
- :func:`plot_se_vs_population` the standard error hardly depends on the
  population size (the TV-ratings argument)

Each plot function draws on the ``ax`` you give, or on a new figure
(``static=True``: pyplot, shown inline; ``False``: a bare Figure for widgets),
and returns the artists it made so :mod:`helpers.widgets.minibatch` can update
them in place.
"""

from __future__ import annotations

import numpy as np

from helpers.sampling import BATCH_SIZES, measure_spread, standard_error

from .style import COLORS, new_axes

__all__ = [
    "BATCH_SIZES",
    "draw_stats",
    "describe_draws",
    "hist_edges",
    "hist_label",
    "plot_minibatch_hist",
    "update_minibatch_hist",
    "measure_spread",
    "plot_error_vs_batch",
    "mark_current",
    "plot_se_vs_population",
]

_TITLE, _LABEL, _NOTE = 13, 12, 11
#: Colours: sampling with replacement (the book) and without (a shuffled epoch).
MODE_COLORS = {True: COLORS["blue"], False: COLORS["orange"]}


def draw_stats(means, full_loss, rel=0.1):
    """Summary numbers of many mini-batch losses.

    Parameters
    ----------
    means : array_like, shape (D,), float
        D >= 1 mini-batch mean losses.
    full_loss : float
        The mean loss over the whole data set.
    rel : float, default 0.1
        "Close" means within ``rel * full_loss`` of the full loss.

    Returns
    -------
    dict of str -> float
        ``"n_draws"`` (int), ``"mean"``, ``"median"``, ``"spread"`` (standard
        deviation with ddof=0, so one draw has spread 0 and no warning),
        ``"below"`` (share of draws strictly below ``full_loss``) and
        ``"within"`` (share with ``|mean - full_loss| <= rel * full_loss``).
    """
    m = np.asarray(means, dtype=np.float64).reshape(-1)
    if m.size == 0:
        raise ValueError("draw_stats: means is empty; expected at least one mini-batch loss")
    return {
        "n_draws": int(m.size),
        "mean": float(m.mean()),
        "median": float(np.median(m)),
        "spread": float(m.std()) if m.max() > m.min() else 0.0,  # identical draws: exactly 0, not 1e-17
        "below": float(np.mean(m < full_loss)),
        "within": float(np.mean(np.abs(m - full_loss) <= rel * full_loss)),
    }


def describe_draws(means, full_loss, batch_size, n, replace=True):
    """A two-line title stating what the mini-batch losses show.

    Parameters
    ----------
    means : array_like, shape (D,), float
        The mini-batch mean losses.
    full_loss : float
        Mean loss over all ``n`` samples.
    batch_size : int
        B, the size of each mini-batch.
    n : int
        N, the number of samples in the data set.
    replace : bool
        How the mini-batches were drawn.

    Returns
    -------
    str
        Two lines. Special cases say what happens: one draw (no spread to
        see), ``B = N`` without replacement (every batch is the whole data
        set: error exactly 0), large B with replacement (repeats: the error is
        not 0 even at ``B = N``; below N it says how many different images the
        B picks hold on average, ``N * (1 - (1 - 1/N)**B)``).
    """
    s = draw_stats(means, full_loss)
    b, full = int(batch_size), f"{full_loss:.4f}"
    if not replace and b == n:
        return (f"B = N = {n:,} without replacement: every batch IS the whole training set\n"
                f"every batch loss is exactly the full loss {full}: error 0 (off the log axes)")
    if s["n_draws"] == 1:
        return (f"B = {b:,}: one mini-batch loss {s['mean']:.4f} vs the full loss {full}\n"
                f"one draw shows no spread: draw more mini-batches to see the distribution")
    head = f"B = {b:,}: mini-batch losses spread ±{s['spread']:.4f} around the full loss {full}"
    tail = f"{s['within']:.0%} of {s['n_draws']:,} batches within 10% of it, {s['below']:.0%} below it"
    if b == 1:
        tail = (f"a batch of one image: {s['within']:.0%} within 10% of the full loss, "
                f"{s['below']:.0%} below it (a few images cost a lot)")
    if replace and b >= n // 10:
        missed = (1.0 - 1.0 / n) ** b  # chance that one image is not in the batch
        if b >= n:
            tail = (f"with replacement a batch of {b:,} repeats images and misses {missed:.0%} of them: "
                    f"{s['within']:.0%} within 10%")
        else:  # expected number of different images among b picks: n * (1 - missed)
            tail = (f"with replacement {b:,} picks hold only about {n * (1.0 - missed):,.0f} different images "
                    f"(repeats): {s['within']:.0%} within 10%")
    return f"{head}\n{tail}"


def hist_edges(full_loss, se, *, bins=40, lo=None, width=4.0):
    """Bin edges centred on the full loss, ``width`` standard errors each side.

    Parameters
    ----------
    full_loss : float
        Centre of the range.
    se : float
        Standard error of the mini-batch loss (>= 0). For ``se == 0`` the
        range is ``full_loss ± 2%`` (all draws fall in the middle bin).
    bins : int, default 40
        Number of bins (use an odd number to have a bin centred on the full loss).
    lo : float, optional
        Smallest possible value (e.g. ``losses.min()``): the range starts no lower.
    width : float, default 4
        Half-width in standard errors.

    Returns
    -------
    numpy.ndarray, shape (bins + 1,), float64
    """
    half = width * se if se > 0 else 0.02 * max(abs(full_loss), 1e-3)
    left, right = full_loss - half, full_loss + half
    if lo is not None and se > 0:
        left = max(left, float(lo))
    return np.linspace(left, right, bins + 1)


def hist_label(n_draws):
    """Legend text of the histogram: ``"1,000 mini-batch losses"`` (singular for one)."""
    return f"{n_draws:,} mini-batch loss" + ("es" if n_draws != 1 else "")


def _hist_counts(means, edges):
    """Percent of the draws in each bin, and how many draws fall outside the edges."""
    m = np.asarray(means, dtype=np.float64)
    counts, _ = np.histogram(m, bins=edges)
    outside = int(np.sum((m < edges[0]) | (m > edges[-1])))
    return counts * (100.0 / m.size), outside


def _plain(v, _pos=None):
    """Tick label without mathtext: 1, 10, 1,000, 0.001 (fast to draw, easy to read)."""
    return f"{v:,.0f}" if v >= 1 else f"{v:.10f}".rstrip("0")


def _percent_tick(v, _pos=None):
    """Tick label of a percent axis: blank above 100 (the head room for the legend is not a share)."""
    return "" if v > 100 + 1e-9 else f"{v:g}"


def _superscript(v, _pos=None):
    """Tick label 10⁴ in plain unicode (no mathtext)."""
    e = int(round(np.log10(v)))
    return "10" + str(e).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _log_ticks(axis, lo, hi, formatter):
    """Decade ticks from 10**lo to 10**hi labelled by ``formatter``; no minor ticks (faster redraws)."""
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    axis.set_major_locator(FixedLocator(10.0 ** np.arange(lo, hi + 1)))
    axis.set_major_formatter(FuncFormatter(formatter))
    axis.set_minor_locator(NullLocator())


def _outside_text(outside, n_draws, edges):
    return f"{outside:,} of {n_draws:,} draws outside {edges[0]:.2f}…{edges[-1]:.2f}" if outside else ""


#: Head room above the tallest bar, for the legend.
_HEADROOM = 1.55


def _hist_legend(ax, counts, outside_text):
    """(Re)make the legend: on the side away from the peak, titled with the draws outside the range."""
    peak_left = np.argmax(counts) < len(counts) / 4
    return ax.legend(loc="upper right" if peak_left else "upper left", fontsize=_NOTE - 1, framealpha=0.9,
                     title=outside_text or None, title_fontsize=_NOTE - 1)


def plot_minibatch_hist(means, full_loss, se, *, batch_size=None, ax=None, edges=None, lo=None, bins=41,
                        show_median=True, title=None, se_label="±1 standard error",
                        figsize=(7.5, 4.5), static=True):
    """Histogram of many mini-batch losses, the full loss, and a ±1 standard-error band.

    Parameters
    ----------
    means : array_like, shape (D,), float
        Mini-batch mean losses (e.g. from :func:`helpers.sampling.minibatch_means`).
    full_loss : float
        The loss over the whole data set (a vertical line).
    se : float
        Standard error; the band spans ``full_loss ± se``.
    batch_size : int, optional
        B, only used in the legend.
    ax : matplotlib.axes.Axes, optional
    edges : array_like, optional
        Bin edges; by default :func:`hist_edges` (``bins`` bins, ±4 se, not below ``lo``).
    lo : float, optional
        Lowest possible mini-batch loss (``losses.min()``), for the default edges.
    bins : int, default 41
    show_median : bool, default True
        Also mark the median of the draws.
    title : str, optional
        Default: :func:`draw_stats` numbers as a finding.
    se_label : str
        Legend text of the band.
    figsize : tuple
    static : bool
        New pyplot figure (True) or bare Figure (False) when ``ax`` is None.

    Returns
    -------
    dict
        ``"hist"`` :class:`~matplotlib.patches.StepPatch` (``get_data()``:
        the percent of the draws in each bin, and the edges), ``"full"`` Line2D at ``full_loss``, ``"band"``
        Rectangle from ``full_loss - se`` to ``full_loss + se``, ``"median"``
        Line2D at the median of the draws (None if ``show_median`` is False),
        ``"legend"`` the Legend (its title says how many draws fall outside
        the bins; no title if none), ``"title"`` the title Text, ``"batch_label"``
        the legend suffix for B (a str).
    """
    means = np.asarray(means, dtype=np.float64).reshape(-1)
    fig, ax = new_axes(ax, figsize=figsize, static=static)
    if edges is None:
        edges = hist_edges(full_loss, se, bins=bins, lo=lo)
    edges = np.asarray(edges, dtype=np.float64)
    counts, outside = _hist_counts(means, edges)
    band = ax.axvspan(full_loss - se, full_loss + se, color=COLORS["grey"], alpha=0.25, lw=0, label=se_label)
    b = "" if batch_size is None else f" of B = {int(batch_size):,}"
    hist = ax.stairs(counts, edges, fill=True, color=COLORS["sky"], alpha=0.8,
                     label=f"{hist_label(means.size)}{b}")
    full = ax.axvline(full_loss, color=COLORS["vermillion"], lw=2.5, label=f"full loss {full_loss:.4f}")
    median = None
    if show_median:
        median = ax.axvline(float(np.median(means)), color=COLORS["blue"], lw=2.2, ls="--",
                            label="median of the draws")
    ax.set_xlim(edges[0], edges[-1])
    ax.set_ylim(0, max(0.1, counts.max()) * _HEADROOM)
    from matplotlib.ticker import FuncFormatter

    ax.yaxis.set_major_formatter(FuncFormatter(_percent_tick))  # no "140" % above a bar of 100 %
    ax.set_xlabel("mini-batch loss (mean CEE of the batch, nats)", fontsize=_LABEL)
    ax.set_ylabel("share of the mini-batches per bin (%)", fontsize=_LABEL)
    legend = _hist_legend(ax, counts, _outside_text(outside, means.size, edges))
    if title is None:
        s = draw_stats(means, full_loss)
        title = (f"Mini-batch losses scatter ±{s['spread']:.4f} around the full loss {full_loss:.4f}\n"
                 f"their average {s['mean']:.4f} lands on it; {s['below']:.0%} of them are below it")
    title_text = ax.set_title(title, fontsize=_TITLE)
    return {"hist": hist, "full": full, "band": band, "median": median, "legend": legend, "title": title_text,
            "batch_label": b}


def update_minibatch_hist(artists, means, full_loss, se, edges):
    """Move the artists of :func:`plot_minibatch_hist` to new draws, in place.

    The counts, bins, band, lines and axis limits change in place; the legend
    is remade (``artists["legend"]``: the number of draws in its labels and
    the draws outside the range in its title).

    Parameters
    ----------
    artists : dict
        As returned by :func:`plot_minibatch_hist`.
    means : array_like, shape (D,), float
    full_loss, se : float
    edges : array_like, shape (bins + 1,)

    Returns
    -------
    numpy.ndarray, shape (bins,), float
        The new bar heights: percent of the draws in each bin.
    """
    means = np.asarray(means, dtype=np.float64).reshape(-1)
    edges = np.asarray(edges, dtype=np.float64)
    counts, outside = _hist_counts(means, edges)
    artists["hist"].set_data(counts, edges)
    artists["full"].set_xdata([full_loss, full_loss])
    artists["band"].set_x(full_loss - se)
    artists["band"].set_width(2 * se)
    if artists.get("median") is not None:
        med = float(np.median(means))
        artists["median"].set_xdata([med, med])
    ax = artists["hist"].axes
    ax.set_xlim(edges[0], edges[-1])
    ax.set_ylim(0, max(0.1, counts.max()) * _HEADROOM)
    artists["hist"].set_label(f"{hist_label(means.size)}{artists.get('batch_label', '')}")
    artists["legend"] = _hist_legend(ax, counts, _outside_text(outside, means.size, edges))
    return counts


def _theory_grid(n):
    """Batch sizes for smooth theory lines: log-spaced, dense just below N."""
    grid = np.geomspace(1, n, 300)
    near_n = n - np.geomspace(1, n / 2, 120)
    return np.unique(np.concatenate([grid, near_n, [n - 1, n]]).round().astype(np.int64).clip(1, n))


def plot_error_vs_batch(sigma, n, *, measured=None, ax=None, ylim=(1e-4, 3.0), title=None, current=False,
                        figsize=(7.5, 4.8), static=True):
    """Spread of the mini-batch loss against batch size, on log-log axes.

    Draws the theory ``sigma / sqrt(B)`` (with replacement) and
    ``sigma / sqrt(B) * sqrt((N - B) / (N - 1))`` (without: the
    finite-population correction, FPC), and optionally measured spreads.
    Without replacement the error is exactly 0 at ``B = N``; a log axis cannot
    show 0, so the curve plunges off the bottom and a triangle on the bottom
    edge marks ``B = N``.

    Parameters
    ----------
    sigma : float
        Population standard deviation (ddof=0) of the per-sample losses.
    n : int
        Data size N.
    measured : dict, optional
        ``{"batch_sizes": (K,) ints, "with": (K,) spreads, "without": (K,) spreads}``
        (either spread may be missing), e.g. from :func:`measure_spread`. Zero
        spreads are not drawn (log axes).
    ax : matplotlib.axes.Axes, optional
    ylim : (float, float)
        Vertical range; the lower limit must be > 0.
    title : str, optional
    current : bool, default False
        List the "current draws" star in the legend (for the widget).
    figsize : tuple
    static : bool

    Returns
    -------
    dict
        ``"theory_with"``, ``"theory_without"``: Line2D over a batch-size grid
        from 1 to N (the without-replacement line stops at N - 1);
        ``"measured_with"``, ``"measured_without"``: Line2D of the measured
        points (or None); ``"zero"``: the B = N marker on the bottom edge;
        ``"current"``, ``"current_line"``: an empty marker and vertical line
        for :func:`mark_current`; ``"title"``: the title Text.
    """
    fig, ax = new_axes(ax, figsize=figsize, static=static)
    grid = _theory_grid(n)
    se_with = standard_error(sigma, grid)
    below_n = grid[grid < n]
    se_without = standard_error(sigma, below_n, n=n, replace=False)
    theory_with, = ax.plot(grid, se_with, color=MODE_COLORS[True], lw=2,
                           label="theory, with replacement: σ/√B")
    theory_without, = ax.plot(below_n, se_without, color=MODE_COLORS[False], lw=2, ls="--",
                              label="theory, without: σ/√B × FPC")
    lines = {True: None, False: None}
    if measured is not None:
        bs = np.asarray(measured["batch_sizes"])
        for rep, key, marker in ((True, "with", "o"), (False, "without", "s")):
            if key in measured and measured[key] is not None:
                sp = np.asarray(measured[key], dtype=np.float64)
                keep = sp > 0
                lines[rep], = ax.plot(bs[keep], sp[keep], ls="none", marker=marker, ms=9.5 if rep else 5.5,
                                      mfc="none" if rep else MODE_COLORS[rep], mec=MODE_COLORS[rep], mew=1.6,
                                      label=f"measured, {'with' if rep else 'without'}")
    zero, = ax.plot([n], [ylim[0]], ls="none", marker="v", ms=11, color=MODE_COLORS[False], clip_on=False,
                    label="without, B = N: exactly 0")
    current, = ax.plot([], [], ls="none", marker="*", ms=20, mfc=COLORS["yellow"], mec=COLORS["black"], mew=1.2,
                       zorder=5, label="current draws" if current else "_current")
    current_line = ax.axvline(np.nan, color=COLORS["grey"], lw=1, ls=":")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(0.7, n * 1.6)
    ax.set_ylim(*ylim)
    _log_ticks(ax.xaxis, 0, int(np.floor(np.log10(n))), _plain)
    _log_ticks(ax.yaxis, int(np.ceil(np.log10(ylim[0]))), int(np.floor(np.log10(ylim[1]))), _plain)
    ax.set_xlabel("batch size B (log scale)", fontsize=_LABEL)
    ax.set_ylabel("spread of the mini-batch loss (nats, log)", fontsize=_LABEL)
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(loc="lower left", fontsize=_NOTE - 2, framealpha=0.9)
    if title is None:
        title = ("The error shrinks like σ/√B: 100× more samples, 10× less error;\n"
                 f"without replacement it drops to exactly 0 at B = N = {n:,}")
    title_text = ax.set_title(title, fontsize=_TITLE)
    return {"theory_with": theory_with, "theory_without": theory_without, "measured_with": lines[True],
            "measured_without": lines[False], "zero": zero, "current": current, "current_line": current_line,
            "title": title_text}


def mark_current(artists, batch_size, spread):
    """Put the "current draws" star of :func:`plot_error_vs_batch` at ``(B, spread)``.

    A spread of 0 (one draw, or ``B = N`` without replacement) cannot be shown
    on a log axis: the star is hidden, the vertical line at B stays.

    Returns
    -------
    bool
        Whether the star is visible.
    """
    visible = bool(spread > 0)
    artists["current"].set_data([batch_size], [spread]) if visible else artists["current"].set_data([], [])
    artists["current_line"].set_xdata([batch_size, batch_size])
    return visible


def plot_se_vs_population(sigma, batch_sizes=(100, 1000), *, populations=None, marks=(), ax=None,
                          figsize=(7.5, 4.3), static=True, unit="", title=None):
    """Standard error (without replacement) against the population size N.

    Parameters
    ----------
    sigma : float
        Population standard deviation of one sample's value.
    batch_sizes : sequence of int
        Sample sizes B, one line each.
    populations : array_like of int, optional
        Population sizes N (log-spaced from the smallest B to 10^8 by default);
        for each line only N >= B is drawn.
    marks : sequence of int
        Population sizes to mark with a dot and their value on the line of
        the largest batch size.
    ax, figsize, static
    unit : str
        Appended to the y label.
    title : str, optional

    Returns
    -------
    dict
        ``"lines"``: one Line2D per batch size (x = N, y = standard error);
        ``"limits"``: dotted Line2D of ``sigma / sqrt(B)``, the value as N → ∞;
        ``"marks"``: Line2D of the marked points (or None).
    """
    fig, ax = new_axes(ax, figsize=figsize, static=static)
    bmin = int(min(batch_sizes))
    if populations is None:
        near = [np.geomspace(b, 3 * b, 60) for b in batch_sizes]  # the curves bend just above N = B
        populations = np.unique(np.concatenate([np.geomspace(bmin, 1e8, 200), *near]))
    populations = np.asarray(populations).round().astype(np.int64)
    colors = [COLORS["blue"], COLORS["orange"], COLORS["green"], COLORS["purple"]]
    lines, limits = [], []
    for i, b in enumerate(batch_sizes):
        pop = populations[populations >= b]
        se = standard_error(sigma, b) * np.sqrt((pop - b) / np.maximum(pop - 1, 1))  # FPC; 0 at N = B
        c = colors[i % len(colors)]
        line, = ax.plot(pop, se, color=c, lw=2.2, label=f"B = {b:,}")
        limit = ax.axhline(standard_error(sigma, b), color=c, lw=1, ls=":")
        lines.append(line)
        limits.append(limit)
    marked = None
    if len(marks):
        b = int(max(batch_sizes))
        mk = np.asarray([m for m in marks if m >= b], dtype=np.int64)
        se_mk = standard_error(sigma, b) * np.sqrt((mk - b) / np.maximum(mk - 1, 1))
        marked, = ax.plot(mk, se_mk, ls="none", marker="o", ms=8, color=COLORS["black"], zorder=4)
        for m, v in zip(mk, se_mk):
            ax.annotate(f"N = {m:,}: ±{v:.2f}", (m, v), xytext=(0, 10), textcoords="offset points",
                        ha="center", va="bottom", fontsize=_NOTE)
    ax.set_xscale("log")
    ax.set_xlim(populations.min(), populations.max())
    _log_ticks(ax.xaxis, int(np.ceil(np.log10(populations.min()))), int(np.floor(np.log10(populations.max()))),
               _superscript)
    ax.set_ylim(0, None)
    ax.set_xlabel("population size N (log scale)", fontsize=_LABEL)
    ax.set_ylabel("standard error" + (f" ({unit})" if unit else ""), fontsize=_LABEL)
    ax.grid(True, alpha=0.3)
    ax.legend(loc="lower right", fontsize=_NOTE, framealpha=0.9,
              title="sample size (dotted: σ/√B)", title_fontsize=_NOTE)
    if title is None:
        title = "The error depends on the sample size B, hardly on the population N"
    ax.set_title(title, fontsize=_TITLE)
    return {"lines": lines, "limits": limits, "marks": marked}
