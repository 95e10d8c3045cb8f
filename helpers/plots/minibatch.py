"""Figures for notebook 03 (random mini-batches): a mini-batch as an estimate of the full loss.

Used by ``notebooks/03-random-minibatches.ipynb`` and by
:mod:`helpers.widgets.minibatch` (the notebook's explorer).

- :func:`draw_stats`            the numbers a set of mini-batch losses tells
- :func:`describe_draws`        a two-line title that states the finding
- :func:`hist_edges`            bin edges centred on the full loss, ±4 standard errors
- :func:`plot_minibatch_hist`   histogram of many mini-batch losses, the full loss
  and a ±1 standard-error band (:func:`update_minibatch_hist` moves it in place)
- :func:`plot_error_vs_batch`   spread against batch size on log-log axes, with
  the ``sigma / sqrt(B)`` line and the finite-population correction
  (:func:`mark_current` puts the widget's star on it)
- :func:`plot_se_vs_population` the standard error hardly depends on the
  population size (the TV-ratings argument)

The measured spreads drawn by :func:`plot_error_vs_batch` come from
:func:`helpers.sampling.measure_spread` (and the batch sizes of the notebook
from :data:`helpers.sampling.BATCH_SIZES`); this module only draws.

Each plot function takes its data, then keyword-only ``ax=None`` and options,
draws on that ``ax`` or on a new figure (``static=True``: pyplot, shown inline;
``False``: a bare Figure for widgets), and returns a dict with ``"fig"``,
``"ax"`` and the artists :mod:`helpers.widgets.minibatch` updates in place.

Every text a student reads (titles, labels, legends, notes) comes from the
catalogue (keys ``"minibatch.*"``, :func:`helpers.i18n.tr`), in the language of
:func:`helpers.use_language` at the time the figure is drawn. A text argument
left at None (``title=None``, ``se_label=None``) means "the catalogue's text".
"""

from __future__ import annotations

import numpy as np

from helpers._validation import check_array, check_bool, check_int, check_int_array, check_real
from helpers.i18n import language, tr
from helpers.sampling import loss_spread, mean_loss, standard_error

from .style import (
    COLORS,
    COLUMN_INCHES,
    CYCLE,
    FONT,
    MAX_BINS,
    MAX_DRAWN,
    MAX_POINTS,
    MODE_COLORS,
    check_drawn,
    check_pair,
    check_text,
    fmt4,
    new_axes,
    safe_median,
    style_axes,
)

__all__ = [
    "draw_stats",
    "describe_draws",
    "hist_edges",
    "hist_label",
    "share_labels",
    "plot_minibatch_hist",
    "update_minibatch_hist",
    "plot_error_vs_batch",
    "mark_current",
    "plot_se_vs_population",
]


# -- argument checks shared by this module --------------------------------------------------

def _means(means, *, drawn=False):
    """The mini-batch losses as a non-empty, finite 1-D float64 array (a new array).

    ``drawn``: at most :data:`~helpers.plots.style.MAX_DRAWN` (1e300) in magnitude.
    """
    m = check_array(means, "means", ndim=1, dtype=np.float64)
    return check_drawn(m, "means") if drawn else m


def _drawn_real(value, name, **limits):
    """A finite real within ±1e300 (:data:`~helpers.plots.style.MAX_DRAWN`): drawn on an axis."""
    return check_real(value, name, **{"minimum": -MAX_DRAWN, "maximum": MAX_DRAWN, **limits})


#: Largest data size N of the theory curves (10**12: far beyond any data set of the series).
MAX_N = 10**12


def _optional_real(value, name, **limits):
    return None if value is None else check_real(value, name, **limits)


def _edges(edges):
    """Bin edges: a 1-D float array of at least 2 strictly increasing values."""
    e = check_drawn(check_array(edges, "edges", ndim=1, dtype=np.float64), "edges")
    if e.size > MAX_BINS + 1:
        raise ValueError(f"edges must be at most {MAX_BINS + 1} values ({MAX_BINS} bins), "
                         f"got {e.size}")
    if e.size < 2 or not np.all(np.diff(e) > 0):
        got = f"{e.size} value(s)" if e.size < 2 else "values that do not increase"
        raise ValueError(f"edges must be at least 2 strictly increasing values, got {got}")
    return e


def _artists(artists, maker, keys):
    """``artists`` if it is the dict ``maker`` returned (it has ``keys``), else TypeError."""
    if not isinstance(artists, dict) or any(k not in artists for k in keys):
        raise TypeError(f"artists must be the dict returned by {maker} (keys {', '.join(keys)}), "
                        f"got {type(artists).__name__}")
    return artists


# -- numbers ---------------------------------------------------------------------------------

def draw_stats(means, full_loss, rel=0.1):
    """Summary numbers of many mini-batch losses.

    Parameters
    ----------
    means : array_like, shape (D,), float
        D >= 1 finite mini-batch mean losses.
    full_loss : float
        The mean loss over the whole data set.
    rel : float, default 0.1
        "Close" means within ``rel * full_loss`` of the full loss (>= 0).

    Returns
    -------
    dict of str -> float
        ``"n_draws"`` (int), ``"mean"``, ``"median"``, ``"spread"`` (standard
        deviation with ddof=0, :func:`helpers.sampling.loss_spread`: one draw
        or identical draws have spread exactly 0),
        ``"below"`` (share of draws strictly below ``full_loss``) and
        ``"within"`` (share with ``|mean - full_loss| <= rel * full_loss``).

    Raises
    ------
    TypeError
        For non-numeric ``means`` or a non-real ``full_loss`` / ``rel``.
    ValueError
        For empty, non-1-D or non-finite ``means``, a NaN ``full_loss``, a negative ``rel``.
    """
    m = _means(means)
    full_loss = check_real(full_loss, "full_loss")
    rel = check_real(rel, "rel", minimum=0.0)
    return {
        "n_draws": int(m.size),
        "mean": mean_loss(m),  # no overflow for means near 1e308
        "median": safe_median(m),
        "spread": loss_spread(m),
        "below": float(np.mean(m < full_loss)),
        "within": float(np.mean(np.abs(m - full_loss) <= rel * full_loss)),
    }


def describe_draws(means, full_loss, batch_size, n, replace=True, *, se=None):
    """A two-line title stating what the mini-batch losses show.

    Parameters
    ----------
    means : array_like, shape (D,), float
        The mini-batch mean losses.
    full_loss : float
        Mean loss over all ``n`` samples.
    batch_size : int
        B >= 1, the size of each mini-batch (B <= N when ``replace`` is False).
    n : int
        N >= 1, the number of samples in the data set.
    replace : bool
        How the mini-batches were drawn (True: the book's way, with replacement).
    se : float, optional
        The standard error (>= 0). Given, the second line counts the batches within
        ±1 standard error of the full loss ("69% of 1,000 batches within ±1 SE");
        else those within 10% of it.

    Returns
    -------
    str
        Two lines, in the language in use (keys ``"minibatch.title.*"``).
        Special cases say what happens: one draw (no spread to see), ``B = N``
        without replacement (every batch is the whole data set: error exactly
        0), large B with replacement (repeats: the error is not 0 even at
        ``B = N``; below N it says how many different images the B picks hold
        on average, ``N * (1 - (1 - 1/N)**B)``).
    """
    s = draw_stats(means, full_loss)
    n = check_int(n, "n", minimum=1)
    replace = check_bool(replace, "replace")
    b = check_int(batch_size, "batch_size", minimum=1, maximum=None if replace else n,
                  why=" (the data size n) when replace=False")
    se = _optional_real(se, "se", minimum=0.0)
    if se is None:
        within, close = s["within"], tr("minibatch.title.close_10pct")
    else:  # the share of draws within ±1 standard error (all of them when it is 0)
        m = _means(means)
        within = float(np.mean(np.abs(m - full_loss) <= se)) if se > 0 else 1.0
        close = tr("minibatch.title.close_se")
    full = f"{fmt4(full_loss)}"
    # each line at most about 55 characters (Korean: about 30 Hangul): at 17 pt it fits the
    # COLUMN_INCHES-wide figure
    if not replace and b == n:
        return tr("minibatch.title.whole_data", n=f"{n:,}", full=full)
    if s["n_draws"] == 1:
        return tr("minibatch.title.one_draw", b=f"{b:,}", loss=fmt4(s["mean"]), full=full)
    head = tr("minibatch.title.head", b=f"{b:,}", spread=fmt4(s["spread"]), full=full)
    shares = {"within": f"{within:.0%}", "close": close, "below": f"{s['below']:.0%}"}
    tail = tr("minibatch.title.tail", n_draws=f"{s['n_draws']:,}", **shares)
    if b == 1:
        tail = tr("minibatch.title.tail_one", **shares)
    if replace and b > 1 and b >= max(1, n // 10):  # B = 1 keeps its own sentence
        missed = (1.0 - 1.0 / n) ** b  # chance that one image is not in the batch
        if b >= n:
            tail = tr("minibatch.title.repeats", b=f"{b:,}", missed=f"{missed:.0%}")
        else:  # expected number of different images among b picks: n * (1 - missed)
            held = n * (1.0 - missed)
            held = f"{held:,.0f}" if held >= 10 else f"{held:.1f}"  # small N: 1.8, not 2
            tail = tr("minibatch.title.distinct", b=f"{b:,}", held=held)
    return f"{head}\n{tail}"


#: Most bins a histogram may have (the one cap of every histogram).
_MAX_BINS = MAX_BINS
#: A standard error below this share of the full loss is rounding, not spread.
_RELATIVE_ZERO = 1e-12


def hist_edges(full_loss, se, *, bins=40, lo=None, width=4.0, split=False):
    """Bin edges centred on the full loss, ``width`` standard errors each side.

    Parameters
    ----------
    full_loss : float
        Centre of the range, within ±1e300 (:data:`~helpers.plots.style.MAX_DRAWN`).
    se : float
        Standard error of the mini-batch loss (>= 0; ``width * se`` at most
        1e300, so that the edges stay finite). For ``se == 0`` (or a
        rounding error of it, below ``1e-12 * |full_loss|``, as for losses
        that are all equal) the range is ``full_loss ± 2%`` (at least ±2e-5;
        all draws fall in the middle bin).
    bins : int, default 40
        Number of bins, 1 to 10,000 (an odd number has a bin centred on the full loss).
    lo : float, optional
        Smallest possible value (e.g. ``losses.min()``): the range starts no
        lower. A ``lo`` above ``full_loss`` (a mean that rounded below the
        smallest value) counts as ``full_loss``.
    width : float, default 4
        Half-width in standard errors (> 0).
    split : bool, default False
        Put the full loss ON an edge (when ``se > 0``), so that no bar
        straddles it and the bars below / at or above it are whole bars. The
        bins keep one width (the range over ``bins``); when ``lo`` clips the
        left side, that width is adjusted so that both ``lo`` and the full loss
        are edges, and the number of bins may then differ from ``bins`` by a
        few (at most :data:`~helpers.plots.style.MAX_BINS`).

    Returns
    -------
    numpy.ndarray, shape (bins + 1,), float64
        Strictly increasing (``split``: about ``bins + 1`` values).
    """
    full_loss = _drawn_real(full_loss, "full_loss")
    se = _drawn_real(se, "se", minimum=0.0)
    bins = check_int(bins, "bins", minimum=1, maximum=_MAX_BINS, why=" (a figure cannot show more)")
    lo = _optional_real(lo, "lo")
    width = _drawn_real(width, "width", minimum=0.0, strict=True)
    if width * se > MAX_DRAWN:
        raise ValueError(f"se (times width = {width:g}) must span at most {MAX_DRAWN:g} each "
                         f"side to be drawn, got width * se = {width * se:g}")
    if se <= _RELATIVE_ZERO * abs(full_loss):  # all losses equal: the spread is rounding only
        se = 0.0
    split = check_bool(split, "split")
    half = width * se if se > 0 else 0.02 * max(abs(full_loss), 1e-3)
    left, right = full_loss - half, full_loss + half
    if lo is not None and se > 0:
        left = max(left, min(lo, full_loss))
    if not split or se == 0 or bins < 2:
        return np.linspace(left, right, bins + 1)
    # the full loss on an edge: n_left bins of one width from `left` up to it, then as many
    # bins of that width as reach `right`
    n_left = int(min(bins - 1, max(1, round(bins * (full_loss - left) / (right - left)))))
    if full_loss - left <= 0:
        n_left = 0
    step = (full_loss - left) / n_left if n_left else (right - full_loss) / bins
    n_right = int(min(_MAX_BINS - n_left, max(1, np.ceil((right - full_loss) / step - 1e-9))))
    return np.concatenate([np.linspace(left, full_loss, n_left + 1)[:-1] if n_left else [],
                           full_loss + step * np.arange(n_right + 1)])


def hist_label(n_draws):
    """Legend text of the histogram: ``"1,000 mini-batch losses"`` (singular for one), in the
    language in use."""
    n_draws = check_int(n_draws, "n_draws", minimum=0)
    if n_draws == 1:
        return tr("minibatch.hist.count_one", n=f"{n_draws:,}")
    return tr("minibatch.hist.count_many", n=f"{n_draws:,}")


# -- tick labels -----------------------------------------------------------------------------

def _plain(v, _pos=None):
    """Tick label without mathtext: 1, 10, 1,000, 0.001 (fast to draw, easy to read)."""
    return f"{v:,.0f}" if v >= 1 else f"{v:.10f}".rstrip("0")


def _percent_tick(v, _pos=None):
    """Tick label of a percent axis: blank above 100 (no share is larger)."""
    return "" if v > 100 + 1e-9 else f"{v:g}"


def _superscript(v, _pos=None):
    """Tick label 10⁴ in plain unicode (no mathtext); in Korean ``$10^{4}$`` (mathtext).

    NanumGothic, the Korean edition's font, has ¹²³⁴ (tiny) but not ⁵-⁹ (drawn in DejaVu
    Sans): the unicode labels would mix two sizes on one axis. Mathtext draws them alike.
    """
    e = int(round(np.log10(v)))
    if language() == "ko":
        return f"$10^{{{e}}}$"
    return "10" + str(e).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _log_ticks(axis, lo, hi, formatter):
    """Decade ticks 10**lo ... 10**hi labelled by ``formatter``; no minor ticks (fast redraws)."""
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    axis.set_major_locator(FixedLocator(10.0 ** np.arange(lo, hi + 1)))
    axis.set_major_formatter(FuncFormatter(formatter))
    axis.set_minor_locator(NullLocator())


# -- the histogram of mini-batch losses ------------------------------------------------------

#: Head room above the tallest bar (the legend is below the axes: a little air only).
_HEADROOM = 1.08
#: Draws outside the bins are noted on the axes only from this share of them on (fewer are noise).
_OUTSIDE_NOTE = 0.005
#: Colours of the draws below / at or above the full loss (not the two sampling modes' colours).
_BELOW_COLOR, _ABOVE_COLOR = COLORS["sky"], COLORS["purple"]


def _hist_counts(means, edges):
    """Percent of the draws in each bin, and how many draws fall outside the edges."""
    counts, _ = np.histogram(means, bins=edges)
    outside = int(np.sum((means < edges[0]) | (means > edges[-1])))
    return counts * (100.0 / means.size), outside


def _below_counts(means, edges, full_loss):
    """Percent of ALL the draws that are in each bin and strictly below ``full_loss``."""
    counts, _ = np.histogram(means[means < full_loss], bins=edges)
    return counts * (100.0 / means.size)


def share_labels(below, *, all_equal=False):
    """Legend texts of the two shaded parts: ``("54% below the full loss", "46% at or above it")``.

    Parameters
    ----------
    below : float
        Share of the draws strictly below the full loss, 0 to 1 (:func:`draw_stats`'s
        ``"below"``); the rest are at or above it.
    all_equal : bool, default False
        Every draw IS the full loss (``B = N`` without replacement): then the
        texts are ``("none below the full loss", "all equal to the full loss")``.

    Returns
    -------
    tuple of str
        The percentages are rounded so that they add up to 100 (in the language in use).
    """
    below = check_real(below, "below", minimum=0.0, maximum=1.0)
    if check_bool(all_equal, "all_equal"):
        return tr("minibatch.hist.none_below"), tr("minibatch.hist.all_equal")
    pct = int(round(100 * below))
    return tr("minibatch.hist.below", pct=pct), tr("minibatch.hist.above", pct=100 - pct)


def _all_equal(means, full_loss):
    """Whether every draw is the full loss (up to rounding: B = N without replacement)."""
    return bool(np.all(np.abs(means - full_loss) <= 1e-12 * max(abs(full_loss), 1e-300)))


def _outside_text(outside, n_draws, edges):
    """``"3 of 500 draws outside 0.02…0.58"``, or "" when under 0.5 % of the draws are outside."""
    if not outside or outside < _OUTSIDE_NOTE * n_draws:
        return ""
    return tr("minibatch.hist.outside", outside=f"{outside:,}", n_draws=f"{n_draws:,}",
              lo=f"{edges[0]:.2f}", hi=f"{edges[-1]:.2f}")


def _hist_legend(ax, title):
    """(Re)make the legend: below the axes (under the x label), out of the data; titled with the
    number of draws. Two columns, entries in the order they were drawn."""
    from matplotlib.transforms import ScaledTranslation

    # the anchor: the bottom of the axes, minus room for the tick labels and the x label
    below_label = ax.transAxes + ScaledTranslation(0, -0.62, ax.figure.dpi_scale_trans)
    return ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), bbox_transform=below_label,
                     ncols=2, fontsize=FONT["legend"], frameon=False, title=title or None,
                     title_fontsize=FONT["legend"], columnspacing=1.6, handlelength=1.6,
                     borderaxespad=0.0)


def _hist_xlim(counts, edges, full_loss, se):
    """The x range: the bins with draws, one empty bin each side, and the ±1 SE band (in the bins).

    The bins reach ±4 standard errors (and down to the smallest possible loss); drawn all the
    way, an axis of skewed losses starts far left of the smallest batch loss.
    """
    full = np.flatnonzero(counts > 0)
    if full.size == 0:
        return float(edges[0]), float(edges[-1])
    left = float(edges[max(full[0] - 1, 0)])
    right = float(edges[min(full[-1] + 2, edges.size - 1)])
    left = max(float(edges[0]), min(left, full_loss - 1.15 * se))
    right = min(float(edges[-1]), max(right, full_loss + 1.15 * se))
    if right - left < 3 * (edges[1] - edges[0]):  # one bar: show a few bins around it
        left = float(edges[max(full[0] - 3, 0)])
        right = float(edges[min(full[-1] + 4, edges.size - 1)])
    return left, right


def _outside_note(ax, text, artist=None):
    """The draws outside the bins, in the axes' upper right corner (``text`` "" hides it)."""
    if artist is None:
        artist = ax.text(0.99, 0.97, "", transform=ax.transAxes, ha="right", va="top",
                         fontsize=FONT["note"], color=COLORS["black"],
                         bbox={"facecolor": COLORS["white"], "edgecolor": "none", "alpha": 0.8})
    artist.set_text(text)
    artist.set_visible(bool(text))
    return artist


class _InView:
    """Mixin of a tick locator that keeps only the ticks inside the axis' view.

    A locator returns ticks beyond the limits too; matplotlib does not draw
    them, but their (stale) labels stay in the figure. With only the ticks in
    view, every tick label of the figure is one that is drawn.
    """

    #: Ticks closer than this share of the view to either end are left out too (a label
    #: centred on the very end of an axis sticks out of it by half its width).
    margin = 0.0

    def __call__(self):
        lo, hi = sorted(self.axis.get_view_interval())
        eps = 1e-9 * max(hi - lo, abs(hi), abs(lo), 1e-300)
        pad = self.margin * (hi - lo)
        return [v for v in super().__call__() if lo + pad - eps <= v <= hi - pad + eps]


def _in_view_ticks(axis, margin=0.0):
    """Give ``axis`` a MaxNLocator (as matplotlib's default) that yields only ticks in view
    (and, with ``margin`` > 0, not within that share of the view from either end)."""
    from matplotlib.ticker import MaxNLocator

    class InView(_InView, MaxNLocator):
        pass

    locator = InView(nbins="auto", steps=[1, 2, 2.5, 5, 10])
    locator.margin = margin
    axis.set_major_locator(locator)


def _legend_title(n_draws, batch_size=None):
    """``"1,000 mini-batch losses of B = 100"`` (``batch_size`` None: ``"1,000 mini-batch
    losses"``)."""
    count = hist_label(n_draws)
    if batch_size is None:
        return count
    return tr("minibatch.hist.count_of_b", count=count, b=f"{batch_size:,}")


def plot_minibatch_hist(means, full_loss, se, *, batch_size=None, ax=None, edges=None, lo=None,
                        bins=41, show_median=True, title=None, se_label=None,
                        figsize=(COLUMN_INCHES, 5.6), static=True):
    """Histogram of many mini-batch losses, the full loss, and a ±1 standard-error band.

    The bars are shaded by side: the draws strictly below the full loss in
    one colour, those at or above it in another, and the legend gives both
    shares, counted from the draws (for right-skewed losses a little more
    than half are below).

    Parameters
    ----------
    means : array_like, shape (D,), float
        D >= 1 finite mini-batch mean losses (e.g. from
        :func:`helpers.sampling.minibatch_means`).
    full_loss : float
        The loss over the whole data set (a vertical line).
    se : float
        Standard error (>= 0); the band spans ``full_loss ± se``.
    batch_size : int, optional
        B >= 1, only used in the legend.
    ax : matplotlib.axes.Axes, optional
    edges : array_like, optional
        Bin edges (at least 2, increasing); by default :func:`hist_edges`
        (about ``bins`` bins, ±4 se, not below ``lo``, the full loss on an edge: no bar
        straddles it).
    lo : float, optional
        Lowest possible mini-batch loss (``losses.min()``), for the default edges.
    bins : int, default 41
    show_median : bool, default True
        Also mark the median of the draws.
    title : str, optional
        Default (None): :func:`draw_stats` numbers as a finding, the catalogue's text.
    se_label : str, optional
        Legend text of the band; None (the default): the catalogue's text,
        ``"±1 standard error"`` in English.
    figsize : tuple
    static : bool
        New pyplot figure (True) or bare Figure (False) when ``ax`` is None.

    Returns
    -------
    dict
        ``"fig"``, ``"ax"``; ``"hist"`` :class:`~matplotlib.patches.StepPatch`
        (``get_data()``: the percent of the draws in each bin, and the edges;
        filled in the colour of the draws above the full loss), ``"below"``
        StepPatch over it (the percent of all draws that are in each bin AND
        strictly below the full loss; its label and ``"hist"``'s are
        :func:`share_labels`), ``"shares"`` the pair (below, above) of shares
        (0 to 1) counted from the draws,
        ``"full"`` Line2D at ``full_loss``, ``"band"`` Rectangle from
        ``full_loss - se`` to ``full_loss + se``, ``"median"`` Line2D at the
        median of the draws (None if ``show_median`` is False), ``"legend"``
        the Legend (below the axes, out of the data; its title: the number of
        draws and B), ``"outside"`` the Text in the upper right corner saying
        how many draws fall outside the bins (hidden when under 0.5 % of them
        do), ``"title"`` the title Text, ``"batch_size"`` the B of the legend's
        title (an int, or None). The x axis shows the bins that hold draws (and the
        ±1 standard-error band), not the empty ones.
    """
    means = _means(means, drawn=True)
    full_loss = _drawn_real(full_loss, "full_loss")
    se = _drawn_real(se, "se", minimum=0.0)
    if batch_size is not None:
        batch_size = check_int(batch_size, "batch_size", minimum=1)
    show_median = check_bool(show_median, "show_median")
    static = check_bool(static, "static")
    title = check_text(title, "title")
    se_label = check_text(se_label, "se_label")
    if se_label is None:
        se_label = tr("minibatch.hist.se_band")
    edges = (hist_edges(full_loss, se, bins=bins, lo=lo, split=True) if edges is None
             else _edges(edges))
    fig, ax = new_axes(ax, figsize=figsize, static=static)
    counts, outside = _hist_counts(means, edges)
    below_share = float(np.mean(means < full_loss))
    below_text, above_text = share_labels(below_share, all_equal=_all_equal(means, full_loss))
    # created in legend order; the zorders put the band behind both and "below" on top
    below = ax.stairs(_below_counts(means, edges, full_loss), edges, fill=True,
                      color=_BELOW_COLOR, alpha=0.95, label=below_text, zorder=1.2)
    hist = ax.stairs(counts, edges, fill=True, color=_ABOVE_COLOR, alpha=0.85, label=above_text,
                     zorder=1.1)
    full = ax.axvline(full_loss, color=COLORS["vermillion"], lw=2.5,
                      label=tr("minibatch.hist.full_loss", loss=fmt4(full_loss)))
    band = ax.axvspan(full_loss - se, full_loss + se, color=COLORS["grey"], alpha=0.25, lw=0,
                      label=se_label, zorder=0.5)
    median = None
    if show_median:
        median = ax.axvline(float(np.median(means)), color=COLORS["blue"], lw=2.2, ls="--",
                            label=tr("minibatch.hist.median"))
    ax.set_xlim(*_hist_xlim(counts, edges, full_loss, se))
    ax.set_ylim(0, max(0.1, counts.max()) * _HEADROOM)
    from matplotlib.ticker import FuncFormatter

    _in_view_ticks(ax.xaxis, margin=0.04)  # the layout is frozen in the widget: no label at an end
    _in_view_ticks(ax.yaxis)
    ax.yaxis.set_major_formatter(FuncFormatter(_percent_tick))  # no "120" % over a bar of 100 %
    ax.set_xlabel(tr("minibatch.hist.xlabel"), fontsize=FONT["label"])
    ax.set_ylabel(tr("minibatch.hist.ylabel"), fontsize=FONT["label"])
    legend = _hist_legend(ax, _legend_title(means.size, batch_size))
    note = _outside_note(ax, _outside_text(outside, means.size, edges))
    if title is None:
        s = draw_stats(means, full_loss)
        title = tr("minibatch.hist.title", spread=fmt4(s["spread"]), full=fmt4(full_loss),
                   mean=fmt4(s["mean"]), below=f"{s['below']:.0%}")
    title_text = ax.set_title(title, fontsize=FONT["title"])
    style_axes(ax, grid=None)
    return {"fig": fig, "ax": ax, "hist": hist, "below": below,
            "shares": (below_share, 1.0 - below_share), "full": full, "band": band,
            "median": median, "legend": legend, "outside": note, "title": title_text,
            "batch_size": batch_size}


def update_minibatch_hist(artists, means, full_loss, se, edges):
    """Move the artists of :func:`plot_minibatch_hist` to new draws, in place.

    The counts (all draws and those below the full loss), bins, band, lines
    and axis limits change in place; ``artists["shares"]`` is recounted and
    the legend is remade (``artists["legend"]``: the shares below / at or
    above in its labels, the number of draws in its title) and the note of
    the draws outside the bins (``artists["outside"]``) rewritten.

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
    _artists(artists, "plot_minibatch_hist", ("hist", "full", "band", "legend"))
    means = _means(means, drawn=True)
    full_loss = _drawn_real(full_loss, "full_loss")
    se = _drawn_real(se, "se", minimum=0.0)
    edges = _edges(edges)
    counts, outside = _hist_counts(means, edges)
    artists["hist"].set_data(counts, edges)
    below_share = float(np.mean(means < full_loss))
    below_text, above_text = share_labels(below_share, all_equal=_all_equal(means, full_loss))
    artists["shares"] = (below_share, 1.0 - below_share)
    artists["hist"].set_label(above_text)
    if artists.get("below") is not None:
        artists["below"].set_data(_below_counts(means, edges, full_loss), edges)
        artists["below"].set_label(below_text)
    artists["full"].set_xdata([full_loss, full_loss])
    artists["band"].set_x(full_loss - se)
    artists["band"].set_width(2 * se)
    if artists.get("median") is not None:
        med = float(np.median(means))
        artists["median"].set_xdata([med, med])
    ax = artists["hist"].axes
    ax.set_xlim(*_hist_xlim(counts, edges, full_loss, se))
    ax.set_ylim(0, max(0.1, counts.max()) * _HEADROOM)
    artists["legend"] = _hist_legend(ax, _legend_title(means.size, artists.get("batch_size")))
    artists["outside"] = _outside_note(ax, _outside_text(outside, means.size, edges),
                                       artists.get("outside"))
    return counts


# -- the error against the batch size --------------------------------------------------------

def _theory_grid(n):
    """Batch sizes for smooth theory lines: log-spaced, dense just below N."""
    grid = np.geomspace(1, n, 300)
    near_n = n - np.geomspace(1, max(n / 2, 1), 120)
    both = np.concatenate([grid, near_n, [n - 1, n]])
    return np.unique(both.round().astype(np.int64).clip(1, n))


def _ylim(ylim):
    ylim = check_pair(ylim, "ylim", "(bottom, top)")
    lo = _drawn_real(ylim[0], "ylim[0]", minimum=0.0, strict=True)
    hi = _drawn_real(ylim[1], "ylim[1]")
    if lo < 1e-300:
        raise ValueError(f"ylim[0] must be at least 1e-300 (a log axis), got {lo:g}")
    if hi <= lo:
        raise ValueError(f"ylim must have bottom < top, got {ylim!r}")
    return lo, hi


def _measured(measured):
    """``measured`` as ``(batch_sizes, {True: spreads or None, False: spreads or None})``."""
    if not isinstance(measured, dict):
        raise TypeError(f"measured must be a dict with 'batch_sizes' and spreads keyed by replace "
                        f"(True / False), or None; got {type(measured).__name__}")
    if "batch_sizes" not in measured:
        raise ValueError("measured has no 'batch_sizes'; expected the batch sizes of the spreads")
    extra = [k for k in measured if k != "batch_sizes" and not isinstance(k, (bool, np.bool_))]
    if extra:  # e.g. the old "with" / "without": say so instead of drawing nothing
        raise ValueError(f"measured keys must be 'batch_sizes', True (with replacement) and "
                         f"False (without), got {extra[0]!r}")
    bs = check_int_array(measured["batch_sizes"], "measured['batch_sizes']", minimum=1, ndim=1)
    if bs.size > MAX_POINTS:
        raise ValueError(f"measured['batch_sizes'] must be at most {MAX_POINTS:,} sizes, "
                         f"got {bs.size:,}")
    check_drawn(bs, "measured['batch_sizes']")
    out = {}
    for key in (True, False):
        sp = measured.get(key)
        if sp is not None:
            sp = check_array(sp, f"measured[{key!r}]", ndim=1, dtype=np.float64)
            if sp.shape != bs.shape:
                raise ValueError(f"measured[{key!r}] must have one spread per batch size "
                                 f"({bs.size}), got {sp.size}")
            check_drawn(sp, f"measured[{key!r}]")
            if (sp < 0).any():
                raise ValueError(f"measured[{key!r}] must be spreads >= 0, got {sp.min():g}")
        out[key] = sp
    return bs, out


def plot_error_vs_batch(sigma, n, *, measured=None, ax=None, ylim=(1e-4, 3.0), title=None,
                        current=False, figsize=(COLUMN_INCHES, 5.4), static=True):
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
        Population standard deviation (ddof=0) of the per-sample losses (0 to 1e300).
    n : int
        Data size N, 1 to 10**12 (:data:`MAX_N`).
    measured : dict, optional
        ``{"batch_sizes": (K,) ints, True: (K,) spreads, False: (K,) spreads}``,
        the spreads keyed by ``replace`` as in :func:`helpers.plots.training.plot_coverage`
        (True: with replacement, False: without; either may be missing), e.g.
        from :func:`helpers.sampling.measure_spread`. Zero spreads are not drawn
        (log axes).
    ax : matplotlib.axes.Axes, optional
    ylim : (float, float)
        Vertical range, ``0 < bottom < top``.
    title : str, optional
        None (the default): the catalogue's title, "Measured spread of the mini-batch
        loss vs σ/√B" in English.
    current : bool, default False
        List the "current draws" star in the legend (for the widget).
    figsize : tuple
    static : bool

    Returns
    -------
    dict
        ``"fig"``, ``"ax"``; ``"theory_with"``, ``"theory_without"``: Line2D
        over a batch-size grid from 1 to N (the without-replacement line stops
        at N - 1); ``"measured_with"``, ``"measured_without"``: Line2D of the
        measured points (or None); ``"zero"``: the B = N marker on the bottom
        edge; ``"current"``, ``"current_line"``: an empty marker and vertical
        line for :func:`mark_current`; ``"title"``: the title Text.
    """
    sigma = _drawn_real(sigma, "sigma", minimum=0.0)
    n = check_int(n, "n", minimum=1, maximum=MAX_N, why=" (the data size of the theory curves)")
    ylim = _ylim(ylim)
    title = check_text(title, "title")
    current = check_bool(current, "current")
    static = check_bool(static, "static")
    bs_measured, spreads = _measured(measured) if measured is not None else (None, {})
    fig, ax = new_axes(ax, figsize=figsize, static=static)
    grid = _theory_grid(n)
    below_n = grid[grid < n]
    se_with = standard_error(sigma, grid)
    se_without = (standard_error(sigma, below_n, n=n, replace=False) if below_n.size
                  else np.empty(0))
    theory_with, = ax.plot(grid, se_with, color=MODE_COLORS[True], lw=2,
                           label=tr("minibatch.error.theory_with"))
    theory_without, = ax.plot(below_n, se_without, color=MODE_COLORS[False], lw=2, ls="--",
                              label=tr("minibatch.error.theory_without"))
    lines = {True: None, False: None}
    for rep, marker in ((True, "o"), (False, "s")):
        sp = spreads.get(rep)
        if sp is not None:
            keep = sp > 0
            label = (tr("minibatch.error.measured_with") if rep
                     else tr("minibatch.error.measured_without"))
            lines[rep], = ax.plot(bs_measured[keep], sp[keep], ls="none", marker=marker,
                                  ms=9.5 if rep else 5.5, mfc="none" if rep else MODE_COLORS[rep],
                                  mec=MODE_COLORS[rep], mew=1.6, label=label)
    zero, = ax.plot([n], [ylim[0]], ls="none", marker="v", ms=11, color=MODE_COLORS[False],
                    clip_on=False, label=tr("minibatch.error.zero"))
    star, = ax.plot([], [], ls="none", marker="*", ms=20, mfc=COLORS["yellow"],
                    mec=COLORS["black"], mew=1.2, zorder=5,
                    label=tr("minibatch.error.current") if current else "_current")
    # above the lines it crosses (a widget redraws only the star, this line and the legend
    # over a kept background: drawn last, it must be on top in a full render too)
    current_line = ax.axvline(np.nan, color=COLORS["grey"], lw=1, ls=":", zorder=4.5)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(0.7, n * 1.6)
    ax.set_ylim(*ylim)
    _log_ticks(ax.xaxis, 0, int(np.floor(np.log10(n))), _plain)
    _log_ticks(ax.yaxis, int(np.ceil(np.log10(ylim[0]))), int(np.floor(np.log10(ylim[1]))),
               _plain)
    ax.set_xlabel(tr("minibatch.error.xlabel"), fontsize=FONT["label"])
    ax.set_ylabel(tr("minibatch.error.ylabel"), fontsize=FONT["label"])
    style_axes(ax)
    ax.legend(loc="lower left", fontsize=FONT["legend_small"], framealpha=0.9)
    if title is None:
        title = tr("minibatch.error.title")
    title_text = ax.set_title(title, fontsize=FONT["title"])
    return {"fig": fig, "ax": ax, "theory_with": theory_with, "theory_without": theory_without,
            "measured_with": lines[True], "measured_without": lines[False], "zero": zero,
            "current": star, "current_line": current_line, "title": title_text}


def mark_current(artists, batch_size, spread):
    """Put the "current draws" star of :func:`plot_error_vs_batch` at ``(B, spread)``.

    A spread of 0 (one draw, or ``B = N`` without replacement) cannot be shown
    on a log axis: the star is hidden, the vertical line at B stays.

    Parameters
    ----------
    artists : dict
        As returned by :func:`plot_error_vs_batch`.
    batch_size : int
        B >= 1.
    spread : float
        The measured spread (>= 0).

    Returns
    -------
    bool
        Whether the star is visible.
    """
    _artists(artists, "plot_error_vs_batch", ("current", "current_line"))
    batch_size = check_int(batch_size, "batch_size", minimum=1)
    spread = check_real(spread, "spread", minimum=0.0)
    visible = spread > 0
    if visible:
        artists["current"].set_data([batch_size], [spread])
    else:
        artists["current"].set_data([], [])
    artists["current_line"].set_xdata([batch_size, batch_size])
    return visible


# -- the standard error against the population size -----------------------------------------

#: Most lines (batch sizes) and marked points of :func:`plot_se_vs_population`.
_MAX_LINES, _MAX_MARKS = 20, 100


def plot_se_vs_population(sigma, batch_sizes=(100, 1000), *, populations=None, marks=(), ax=None,
                          figsize=(COLUMN_INCHES, 5.0), static=True, unit="", title=None,
                          show_95=False):
    """Standard error (without replacement) against the population size N.

    Parameters
    ----------
    sigma : float
        Population standard deviation of one sample's value (>= 0).
    batch_sizes : array_like of int
        Sample sizes B >= 1, one line each (at most 20 lines) (ints, as for every size: ``1e8``
        is a float and rejected, write ``10**8``).
    populations : array_like of int, optional
        Population sizes N >= 1, at least two different ones (log-spaced from
        the smallest B to 10^8 by default); for each line only N >= B is drawn.
    marks : array_like of int
        Population sizes to mark with a dot and their value on the line of
        the largest batch size (sizes below it are left out; at most 100).
    ax, figsize, static
    unit : str
        Appended to the y label.
    title : str, optional
        None (the default): the catalogue's title, "The error depends on the sample
        size B, hardly on the population N" in English.
    show_95 : bool, default False
        Label each marked point with both its standard error and the 95% half-width
        (1.96 standard errors, as polls quote it), in three lines:
        "N = 60,000", "1 SE: ±1.57", "95%: ±3.07".

    Returns
    -------
    dict
        ``"fig"``, ``"ax"``; ``"lines"``: one Line2D per batch size (x = N,
        y = standard error, from :func:`helpers.sampling.standard_error`);
        ``"limits"``: dotted Line2D of ``sigma / sqrt(B)``, the value as
        N → ∞; ``"marks"``: Line2D of the marked points (or None);
        ``"title"``: the title Text.
    """
    sigma = _drawn_real(sigma, "sigma", minimum=0.0)
    batch_sizes = check_int_array(batch_sizes, "batch_sizes", minimum=1, ndim=1)
    if batch_sizes.size > _MAX_LINES:
        raise ValueError(f"batch_sizes must be at most {_MAX_LINES} sizes (one line each), "
                         f"got {batch_sizes.size:,}")
    marks = check_int_array(marks, "marks", minimum=1, ndim=1, nonempty=False)
    if marks.size > _MAX_MARKS:
        raise ValueError(f"marks must be at most {_MAX_MARKS} sizes (each is labelled), "
                         f"got {marks.size:,}")
    static = check_bool(static, "static")
    unit = check_text(unit, "unit", optional=False)
    title = check_text(title, "title")
    show_95 = check_bool(show_95, "show_95")
    if populations is None:
        near = [np.geomspace(b, 3 * b, 60) for b in batch_sizes]  # curves bend just above N = B
        grid = np.concatenate([np.geomspace(batch_sizes.min(), 1e8, 200), *near])
        populations = np.unique(grid.round().astype(np.int64))
    else:
        populations = check_int_array(populations, "populations", minimum=1, ndim=1)
        if populations.size > MAX_POINTS:
            raise ValueError(f"populations must be at most {MAX_POINTS:,} sizes, "
                             f"got {populations.size:,}")
        populations = np.unique(populations)
        if populations.size < 2:
            raise ValueError(f"populations must hold at least 2 different sizes, "
                             f"got {populations.tolist()}")
    fig, ax = new_axes(ax, figsize=figsize, static=static)
    lines, limits = [], []
    for i, b in enumerate(batch_sizes.tolist()):
        pop = populations[populations >= b]
        se = standard_error(sigma, b, n=pop, replace=False) if pop.size else np.empty(0)
        c = CYCLE[i % len(CYCLE)]
        line, = ax.plot(pop, se, color=c, lw=2.2, label=f"B = {b:,}")
        limits.append(ax.axhline(standard_error(sigma, b), color=c, lw=1, ls=":"))
        lines.append(line)
    marked = None
    b = int(batch_sizes.max())
    mk = marks[marks >= b]
    if mk.size:
        se_mk = standard_error(sigma, b, n=mk, replace=False)  # an array, as mk is
        marked, = ax.plot(mk, se_mk, ls="none", marker="o", ms=8, color=COLORS["black"], zorder=4)
        for m, v in zip(mk.tolist(), se_mk.tolist(), strict=True):
            label = (tr("minibatch.se_pop.mark_95", n=f"{m:,}", se=f"{v:.2f}",
                        half=f"{1.96 * v:.2f}") if show_95
                     else f"N = {m:,}: ±{v:.2f}")  # notation only: the same in every language
            ax.annotate(label, (m, v), xytext=(0, 10), textcoords="offset points",
                        ha="center", va="bottom", fontsize=FONT["note"])
    ax.set_xscale("log")
    ax.set_xlim(populations.min(), populations.max())
    _log_ticks(ax.xaxis, int(np.ceil(np.log10(populations.min()))),
               int(np.floor(np.log10(populations.max()))), _superscript)
    ax.set_ylim(0, None)
    _in_view_ticks(ax.yaxis)
    ax.set_xlabel(tr("minibatch.se_pop.xlabel"), fontsize=FONT["label"])
    ax.set_ylabel(tr("minibatch.se_pop.ylabel_unit", unit=unit) if unit
                  else tr("minibatch.se_pop.ylabel"), fontsize=FONT["label"])
    style_axes(ax)
    ax.legend(loc="lower right", fontsize=FONT["note"], framealpha=0.9,
              title=tr("minibatch.se_pop.legend_title"), title_fontsize=FONT["note"])
    if title is None:
        title = tr("minibatch.se_pop.title")
    title_text = ax.set_title(title, fontsize=FONT["title"])
    return {"fig": fig, "ax": ax, "lines": lines, "limits": limits, "marks": marked,
            "title": title_text}
