"""Figures for notebook 01: one sample's cross-entropy error (CEE).

Used by notebook 01 (directly and through :mod:`helpers.widgets.single`).

- :func:`plot_neg_log`       the curve ``-log(p + delta)`` with marked points
- :func:`plot_cee_vs_sse`    CEE and SSE against the right class's probability
- :func:`plot_probabilities` a network's 10 probabilities, the true class marked
  (:func:`update_probabilities` moves the chart to another sample)
- :func:`plot_digit`         one 28 x 28 MNIST image
- :func:`plot_prediction`    image + probabilities + loss in one figure
- :func:`verdict`            what a probability on the right class says (the colour of
  every marked point, :data:`~helpers.plots.style.VERDICT_COLORS`); :func:`verdict_words`
  says it in the titles
- :func:`check_pixels`       MNIST images as pixels (also the widgets' check)

Every ``plot_*`` takes its data, then keyword-only ``ax=None`` (``axes=None``
for the two-panel :func:`plot_prediction`) and options, and returns a dict
with ``"fig"``, ``"ax"`` and the artists it made, so that
:mod:`helpers.widgets.single` can move them in place. Predictions ``y`` come
before targets ``t``, as in the book. The curve figures call the right class's
probability ``p`` (not ``y``: in the lesson ``y`` is the whole 10-vector).
``delta`` defaults to :data:`helpers.losses.DELTA` (1e-7) everywhere; pass
``delta=0.0`` for the pure ``-log(p)``.

Every text a student reads (titles, labels, legends, notes) comes from the
catalogue, keys ``"single.*"`` (:func:`helpers.i18n.tr`), in the language in use
(:func:`helpers.use_language`); the English quoted in these docstrings is the
English edition's. Argument errors stay in English.
"""

from __future__ import annotations

import numpy as np

from helpers._validation import (
    check_array,
    check_bool,
    check_choice,
    check_int,
    check_probabilities,
    check_real,
)
from helpers.i18n import tr
from helpers.losses import DELTA, neg_log

from .style import (
    COLORS,
    COLUMN_INCHES,
    DIGIT_CMAP,
    FONT,
    MAX_POINTS,
    VERDICT_COLORS,
    check_ax,
    check_axes,
    check_pair,
    check_text,
    figure_panels,
    fmt4,
    fmt_loss,
    new_axes,
    style_axes,
)

__all__ = [
    "neg_log_curve",
    "neg_log_title",
    "fmt_point_loss",
    "verdict",
    "verdict_words",
    "plot_neg_log",
    "plot_cee_vs_sse",
    "fmt_prob",
    "probability_colors",
    "mark_true_tick",
    "update_probabilities",
    "plot_probabilities",
    "check_pixels",
    "plot_digit",
    "prediction_title",
    "plot_prediction",
]

#: The two data sets a prediction can come from (named in titles).
SPLITS = ("test", "training")

#: Ticks of a probability axis on [0, 1].
_PROB_TICKS = np.linspace(0.0, 1.0, 6)


# ---------------------------------------------------------------------------
# argument checks shared by this module and helpers.widgets.single


def _check_delta(delta, name: str = "delta") -> float:
    return check_real(delta, name, minimum=0.0)


def _check_prob(p, name: str) -> float:
    return check_real(p, name, minimum=0.0, maximum=1.0)


def _check_label(t, k: int, name: str = "t") -> int:
    """One class label: an int in 0..k-1."""
    return check_int(t, name, minimum=0, maximum=k - 1, why=f" (the last of the {k} classes)")


def fmt_prob(p: float) -> str:
    """A probability to 4 decimals, or in scientific notation when below 0.001.

    ``0.00012`` printed as ``0.0001`` would hide a factor that matters for the
    loss (``-log(0.0001) = 9.2103`` but ``-log(0.00012) = 9.0280``).

    Raises
    ------
    TypeError, ValueError
        If ``p`` is not a real number in [0, 1].
    """
    p = _check_prob(p, "p")
    if p == 0 or p >= 1e-3:
        return fmt4(p)
    return f"{p:.2e}"


# ---------------------------------------------------------------------------
# the -log curve


def neg_log_curve(delta: float = DELTA, n: int = 600):
    """Points of ``-log(p + delta)`` for ``p`` in [0, 1] (``p``: the right class's probability).

    The grid is dense near 0, where the curve is steep, so a linear axis
    draws it correctly all the way up.

    Parameters
    ----------
    delta : float in [0, 1), default 1e-7 (:data:`helpers.losses.DELTA`)
        Added inside the log. With ``delta = 0`` the grid starts at ``1e-9``
        (``-log(0)`` is infinite); otherwise it starts at exactly 0.
    n : int, 3 to 10**6 (:data:`~helpers.plots.style.MAX_POINTS`)
        Approximate number of points.

    Returns
    -------
    p, loss : numpy.ndarray, shape (m,), float64
    """
    delta = _check_delta(delta)
    n = check_int(n, "n", minimum=3, maximum=MAX_POINTS, why=" (points of a curve)")
    y = np.concatenate([np.geomspace(1e-9, 1e-2, n // 3, endpoint=False),
                        np.linspace(1e-2, 1.0, n - n // 3)])
    if delta > 0:
        y = np.concatenate([[0.0], y])
    return y, neg_log(y, delta)


#: Where the verdict on a probability of the right class changes: above 0.5 the
#: right class wins; from 0.1 (what a uniform guess gives every class) up, timid; below, wrong.
_WINS, _TIMID = 0.5, 0.1


def verdict(p: float) -> str:
    """``"wins"`` (p > 0.5), ``"timid"`` (0.1 <= p <= 0.5) or ``"wrong"`` (p < 0.1).

    What a probability ``p`` on the right class says; the key of
    :data:`~helpers.plots.style.VERDICT_COLORS` (the colour of a marked point in
    :func:`plot_neg_log` and in the curve widget). 0.1 is what a uniform guess
    (0.1 on each of the 10 classes, knowing nothing) gives the right class.
    """
    p = _check_prob(p, "p")
    return "wins" if p > _WINS else "timid" if p >= _TIMID - 1e-12 else "wrong"


def verdict_words(p: float) -> str:
    """A few words on what ``p`` on the right class means, true at every ``p`` in [0, 1].

    ``"over half: the right class wins"`` (p > 0.5), ``"more than a uniform
    guess, not half"`` (0.1 < p <= 0.5), ``"as much as a uniform guess"``
    (p = 0.1), ``"less than a uniform guess"`` (p < 0.1), where a uniform guess
    gives 0.1 to each of the 10 classes (in the language in use).
    """
    p = _check_prob(p, "p")
    if p > _WINS:
        return tr("single.verdict.wins")
    if np.isclose(p, _TIMID, rtol=0.0, atol=1e-12):
        return tr("single.verdict.uniform")
    return tr("single.verdict.timid") if p > _TIMID else tr("single.verdict.wrong")


def fmt_point_loss(e: float) -> str:
    """A loss at a point of the curve: :func:`~helpers.plots.style.fmt_loss`, except the tiny
    negative ``-log(1 + delta) = -1e-7`` of ``p = 1``, shown as ``"-1.0e-07 ≈ 0"``.

    ``-0.0000`` (what 4 decimals print, as the lesson's table does) and ``0.0000``
    would both hide that it is just below 0.

    Raises
    ------
    TypeError, ValueError
        If ``e`` is not a finite real number.
    """
    e = check_real(e, "e")
    return f"{e:.1e} ≈ 0" if -1e-4 < e < 0 else fmt_loss(e)


def neg_log_title(p: float, delta: float = DELTA) -> str:
    """Two-line title stating what probability ``p`` on the right class costs.

    Always two lines (a widget freezes its layout after the first render).
    Explains the two ends: ``p = 0`` (the loss is capped at ``-log(delta)``
    by delta) and ``p = 1`` (sure and right: no loss).

    Parameters
    ----------
    p : float in [0, 1]
    delta : float in [0, 1), default 1e-7
    """
    p = _check_prob(p, "p")
    delta = _check_delta(delta)
    if p == 0 and delta == 0:
        return tr("single.neg_log.title_infinite")
    loss = neg_log(p, delta)
    if p == 0:
        return tr("single.neg_log.title_capped", delta=f"{delta:g}", loss=fmt_loss(loss))
    if p == 1:
        return tr("single.neg_log.title_sure", loss=fmt_point_loss(loss))
    return tr("single.neg_log.title", p=f"{p:.3f}", verdict=verdict_words(p), loss=fmt_loss(loss))


def _check_points(points, delta: float) -> list[tuple[float, str]]:
    if isinstance(points, (str, bytes)) or not hasattr(points, "__iter__"):
        raise TypeError(f"points must be a sequence of (p, label) pairs, got {points!r}")
    out = []
    for i, item in enumerate(points):
        item = check_pair(item, f"points[{i}]", "(p, label)")
        p = _check_prob(item[0], f"points[{i}] p")
        text = check_text(item[1], f"points[{i}] label", optional=False)
        if p == 0 and delta == 0:
            raise ValueError(f"points[{i}] p must be > 0 when delta = 0 (−log(0) is infinite)")
        out.append((p, text))
    return out


def plot_neg_log(points=(), *, ax=None, delta: float = DELTA, ymax: float = 5.0, cap: bool = False,
                 title: str | None = None, figsize=(7.5, 4.5), static: bool = True):
    """Plot one sample's loss ``-log(p + delta)`` against ``p``, the right class's probability.

    ``p`` is the book's ``y_k`` of the right class ``k`` (one number, not the 10-vector ``y``).

    Parameters
    ----------
    points : sequence of (float, str)
        ``(p, label)`` pairs to mark on the curve, ``p`` in [0, 1] (> 0 when
        ``delta = 0``); each gets a dot, dotted guides to both axes and an
        annotation ``label`` + the loss value, coloured by :func:`verdict`
        (:data:`~helpers.plots.style.VERDICT_COLORS`, as in the curve widget).
    ax : matplotlib.axes.Axes, optional
        Draw here; a new figure otherwise (see :func:`~helpers.plots.style.new_axes`).
    delta : float in [0, 1), default 1e-7 (:data:`helpers.losses.DELTA`)
        The book's ``-log(p + 1e-7)`` on [0, 1]; ``delta=0.0`` draws the pure
        ``-log(p)`` on (0, 1].
    ymax : float > 0
        Upper limit of the loss axis (the curve is clipped above).
    cap : bool
        Draw the horizontal line ``-log(delta)`` (needs ``delta > 0``); the legend then
        goes to the middle right, below the line, so that it does not cover it.
    title : str, optional
        Axes title (state the finding). None: the catalogue's title for the first point
        (:func:`neg_log_title`), or without points ``"The loss grows without bound as p → 0"``.
    figsize, static
        Of a new figure (see :func:`~helpers.plots.style.new_axes`).

    Returns
    -------
    dict
        ``fig``, ``ax``, ``curve`` (Line2D), ``points``, ``guides`` (lists of
        Line2D), ``labels`` (list of Annotation), ``cap`` (Line2D or None),
        ``delta``.
    """
    check_ax(ax)
    delta = _check_delta(delta)
    ymax = check_real(ymax, "ymax", minimum=0.0, strict=True)
    cap = check_bool(cap, "cap")
    check_text(title, "title")
    if cap and delta == 0:
        raise ValueError("cap=True needs delta > 0 (the cap is −log(delta)), got delta = 0")
    points = _check_points(points, delta)
    fig, ax = new_axes(ax, figsize=figsize, static=static)
    y, loss = neg_log_curve(delta)
    name = "−log(p)" if delta == 0 else f"−log(p + δ), δ = {delta:g}"
    (curve,) = ax.plot(y, loss, color=COLORS["blue"], lw=2.5,
                       label=tr("single.neg_log.curve", name=name), zorder=2)
    cap_line = None
    if cap:
        top = neg_log(0.0, delta)
        cap_line = ax.axhline(top, color=COLORS["grey"], ls="--", lw=1.5,
                              label=tr("single.neg_log.cap", loss=fmt4(top)), zorder=1)
    dots, guides, labels = [], [], []
    for p, text in points:
        color = VERDICT_COLORS[verdict(p)]  # as in the curve widget: a colour means one verdict
        e = neg_log(p, delta)
        (g,) = ax.plot([p, p, 0], [0, e, e], color=color, ls=":", lw=1.5, zorder=3)
        (d,) = ax.plot([p], [e], "o", color=color, ms=10, mec=COLORS["white"], mew=1.5, zorder=4)
        note = f"{text}\n" if text else ""
        high = e > 0.7 * ymax  # near the top: the label goes below the point, not over the title
        a = ax.annotate(f"{note}E = {fmt_point_loss(e)}", xy=(p, e),
                        xytext=(14, -14 if high else 14), textcoords="offset points",
                        fontsize=FONT["note"], color=color,
                        fontweight="bold", ha="left", va="top" if high else "bottom",
                        bbox=dict(boxstyle="round,pad=0.25", fc=COLORS["white"], ec=color,
                                  alpha=0.9), zorder=5)
        dots.append(d)
        guides.append(g)
        labels.append(a)
    ax.set_xlim(-0.02, 1.02)
    ax.set_xticks(_PROB_TICKS)  # no stray tick labels outside the view (they count as text)
    ax.set_ylim(0, ymax)
    ax.set_xlabel(tr("single.neg_log.xlabel"), fontsize=FONT["label"])
    ax.set_ylabel(tr("single.neg_log.ylabel"), fontsize=FONT["label"])
    if title is None:
        title = (neg_log_title(points[0][0], delta) if points
                 else tr("single.neg_log.title_no_points"))
    ax.set_title(title, fontsize=FONT["title"])
    # the cap line runs along the top: the legend goes under it, where the curve is near 0
    ax.legend(loc="center right" if cap else "upper right", fontsize=FONT["note"])
    style_axes(ax)
    return {"fig": fig, "ax": ax, "curve": curve, "points": dots, "guides": guides,
            "labels": labels, "cap": cap_line, "delta": delta}


def plot_cee_vs_sse(p, cee, sse, *, ax=None, ymax: float = 5.0, title: str | None = None,
                    figsize=(7.5, 4.5), static: bool = True):
    """Plot CEE and SSE of a family of predictions against the right class's probability.

    Parameters
    ----------
    p : array_like, shape (m,)
        Probability of the right class, in [0, 1], increasing.
    cee, sse : array_like, shape (m,)
        The two losses of the predictions (computed by the caller), finite.
    ax : matplotlib.axes.Axes, optional
        Draw here; a new figure otherwise.
    ymax : float > 0
        Upper limit of the loss axis; if CEE goes above it, its value at the
        smallest ``p`` is written at the top of the plot.
    title : str, optional
        None: the catalogue's title naming both maxima
        (``"SSE never exceeds ...; CEE reaches ..."``).

    Returns
    -------
    dict
        ``fig``, ``ax``, ``cee``, ``sse`` (Line2D), ``note`` (Annotation or None).
    """
    check_ax(ax)
    p = check_probabilities(p, "p", ndim=1).astype(np.float64, copy=False)
    cee = check_array(cee, "cee", ndim=1, dtype=np.float64)
    sse = check_array(sse, "sse", ndim=1, dtype=np.float64)
    if cee.shape != p.shape or sse.shape != p.shape:
        raise ValueError(f"cee and sse must have the shape of p {p.shape}, "
                         f"got cee {cee.shape} and sse {sse.shape}")
    if np.any(np.diff(p) < 0):
        raise ValueError("p must be increasing (the curves are drawn in its order)")
    ymax = check_real(ymax, "ymax", minimum=0.0, strict=True)
    check_text(title, "title")
    fig, ax = new_axes(ax, figsize=figsize, static=static)
    (lc,) = ax.plot(p, cee, color=COLORS["blue"], lw=2.5, label=tr("single.cee_sse.cee"))
    (ls,) = ax.plot(p, sse, color=COLORS["orange"], lw=2.5, ls="--",
                    label=tr("single.cee_sse.sse"))
    note = None
    if cee.max() > ymax:
        i = int(np.argmax(cee))
        note = ax.annotate(tr("single.cee_sse.off_chart", loss=fmt4(cee[i]), p=f"{p[i]:g}"),
                           xy=(p[i], ymax), xytext=(25, -40), textcoords="offset points",
                           fontsize=FONT["note"], color=COLORS["blue"],
                           arrowprops=dict(arrowstyle="->", color=COLORS["blue"]), va="top")
    ax.set_xlim(-0.02, 1.02)
    ax.set_xticks(_PROB_TICKS)
    ax.set_ylim(0, ymax)
    ax.set_xlabel(tr("single.cee_sse.xlabel"), fontsize=FONT["label"])
    ax.set_ylabel(tr("single.cee_sse.ylabel"), fontsize=FONT["label"])
    ax.set_title(title or tr("single.cee_sse.title", sse=fmt4(sse.max()), cee=fmt4(cee.max())),
                 fontsize=FONT["title"])
    ax.legend(loc="upper right", fontsize=FONT["note"])
    style_axes(ax)
    return {"fig": fig, "ax": ax, "cee": lc, "sse": ls, "note": note}


# ---------------------------------------------------------------------------
# a network's prediction for one MNIST image


def probability_colors(y, t):
    """Bar colours for the K probabilities ``y`` of one sample with label ``t``.

    The true class is green, the network's top guess vermillion when it is
    wrong, every other class grey.

    Parameters
    ----------
    y : array_like, shape (K,), probabilities in [0, 1]
    t : int in 0..K-1

    Returns
    -------
    list of str, length K
    """
    y = check_probabilities(y, ndim=1)
    t = _check_label(t, y.shape[0])
    colors = [COLORS["grey"]] * y.shape[0]
    guess = int(np.argmax(y))
    if guess != t:
        colors[guess] = COLORS["vermillion"]
    colors[t] = COLORS["green"]
    return colors


def mark_true_tick(ax, t):
    """Colour the tick label of the true class ``t`` green and bold, the others black.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        A bar chart of :func:`plot_probabilities` (one tick per class).
    t : int
        The true class, 0..(number of ticks - 1).
    """
    ax = check_ax(ax, optional=False)
    labels = ax.get_xticklabels()
    t = _check_label(t, len(labels))
    for k, lab in enumerate(labels):
        lab.set_color(COLORS["green"] if k == t else COLORS["black"])
        lab.set_fontweight("bold" if k == t else "normal")


#: Hatch of the true class's bar (with its outlined slot, it stays visible at height 0).
TRUE_HATCH = "//"


def _label_x(k: int, n: int, away: int = 0) -> tuple[float, str]:
    """Where the label over bar ``k`` of ``n`` goes: ``(x, ha)``, kept inside the axes.

    ``away`` = -1 / +1 pushes it to the left / right of its bar (a neighbour's label is close).
    """
    if away < 0 or (away == 0 and k == n - 1):
        return k + 0.4, "right"
    if away > 0 or k == 0:
        return k - 0.4, "left"
    return float(k), "center"


def _slot_tint(ax) -> tuple[float, float, float]:
    """The colour the true class's slot shows (its green at :data:`SLOT_ALPHA` over the axes),
    opaque: a label box of this colour hides the dashes under the text and, inside the slot,
    looks like the slot itself."""
    from matplotlib.colors import to_rgb

    green, ground = np.array(to_rgb(COLORS["green"])), np.array(to_rgb(ax.get_facecolor()))
    return tuple(SLOT_ALPHA * green + (1.0 - SLOT_ALPHA) * ground)


#: Opacity of the green fill of the true class's slot in :func:`plot_probabilities`.
SLOT_ALPHA = 0.12


def update_probabilities(art, y, t) -> None:
    """Show sample ``(y, t)`` on a chart of :func:`plot_probabilities`, moving its artists.

    Sets the bar heights and colours (:func:`probability_colors`), hatches the
    true class's bar and moves its outlined slot (``band``, the full height 0..1,
    so the true class is marked even when its bar has height ~0), writes
    ``"true class"`` and its probability over it (``value``), names a wrong top
    guess (``"wrong guess"``, ``guess``, hidden when the network is right), and marks
    the true class's tick (:func:`mark_true_tick`). The chart has no legend: each
    coloured bar is named where it stands, so nothing is named that is not drawn.

    Parameters
    ----------
    art : dict
        What :func:`plot_probabilities` returned (``ax``, ``bars``, ``band``,
        ``value``, ``guess``); changed in place.
    y : array_like, shape (K,), probabilities in [0, 1]
        K must be the number of bars.
    t : int in 0..K-1
    """
    y = check_probabilities(y, ndim=1).astype(np.float64, copy=False)
    n = len(art["bars"].patches)
    if y.shape[0] != n:
        raise ValueError(f"y must hold one probability per bar ({n}), got {y.shape[0]}")
    t = _check_label(t, n)
    guess = int(np.argmax(y))
    for k, (rect, c) in enumerate(zip(art["bars"].patches, probability_colors(y, t),
                                      strict=True)):
        rect.set_height(float(y[k]))
        rect.set_facecolor(c)
        rect.set_hatch(TRUE_HATCH if k == t else None)
        rect.set_linewidth(1.8 if k == t else 0.6)
    art["band"].set_x(t - 0.5)
    wrong = guess != t
    close = wrong and abs(guess - t) == 1 and abs(y[guess] - y[t]) < 0.3
    away = (1 if guess > t else -1) if close else 0  # labels of neighbours lean apart
    x, ha = _label_x(t, n, -away)
    value = art["value"]
    value.set_text(tr("single.probabilities.true", p=fmt_prob(float(y[t]))))
    value.set_ha(ha)
    # The label is wider than the dashed slot, so it crosses the slot's edges: it gets a box
    # of the slot's tint, which hides the dashes under the text, and it sits above the
    # neighbouring bars it reaches (the box would hide their tops). Over a taller wrong
    # guess's bar (its own label is there) it stays on its bar, without the box, as before.
    reach = [j for j in {"center": (t - 1, t + 1), "right": (t - 1,), "left": (t + 1,)}[ha]
             if 0 <= j < n]
    backed = not (wrong and guess in reach)
    top = max(float(y[j]) for j in [t, *reach]) if backed else float(y[t])
    value.set_position((x, top + 0.03))
    value.set_bbox(dict(boxstyle="round,pad=0.12", fc=_slot_tint(art["ax"]), ec="none")
                   if backed else None)
    g = art["guess"]
    g.set_visible(bool(wrong))
    if wrong:
        x, ha = _label_x(guess, n, away)
        g.set_text(tr("single.probabilities.guess", p=fmt_prob(float(y[guess]))))
        g.set_position((x, float(y[guess]) + 0.03))
        g.set_ha(ha)
    mark_true_tick(art["ax"], t)


def plot_probabilities(y, t, *, ax=None, title: str | None = None, figsize=(6.4, 4.0),
                       static: bool = True):
    """Bar chart of one sample's predicted probabilities with the true class marked.

    The true class's bar is green and hatched, inside an outlined slot of the
    full height (visible even when the network gives it ~0), with
    ``"true class"`` and its probability written over it; a wrong top guess is
    vermillion and named ``"wrong guess"``; every other class is grey. No
    legend: every label names what is drawn where it is.

    Parameters
    ----------
    y : array_like, shape (K,), float
        Probabilities in [0, 1] (a softmax output).
    t : int
        The true class (label), 0..K-1.
    ax : matplotlib.axes.Axes, optional
        Draw here; a new figure otherwise.
    title : str, optional
        Axes title; None: the loss ``-log(y[t] + 1e-7)``.

    Returns
    -------
    dict
        ``fig``, ``ax``, ``bars`` (BarContainer, one Rectangle per class),
        ``band`` (Rectangle, the true class's outlined slot), ``value`` (Text
        over the true class's bar), ``guess`` (Text over a wrong top guess;
        invisible when the top guess is right). :func:`update_probabilities`
        moves them to another sample.
    """
    from matplotlib.patches import Rectangle

    check_ax(ax)
    y = check_probabilities(y, ndim=1).astype(np.float64, copy=False)
    t = _check_label(t, y.shape[0])
    check_text(title, "title")
    fig, ax = new_axes(ax, figsize=figsize, static=static)
    k = np.arange(y.shape[0])
    from matplotlib.colors import to_rgba

    band = ax.add_patch(Rectangle((t - 0.5, 0.0), 1.0, 1.0, fc=to_rgba(COLORS["green"], SLOT_ALPHA),
                                  ec=COLORS["green"], ls="--", lw=2.0, zorder=0))
    bars = ax.bar(k, np.zeros(k.size), width=0.75, edgecolor=COLORS["black"], linewidth=0.6,
                  zorder=2)
    value = ax.text(t, 0.0, "", va="bottom", fontsize=FONT["note"], color=COLORS["black"],
                    fontweight="bold", zorder=3)
    guess = ax.text(0, 0.0, "", va="bottom", fontsize=FONT["note"], color=COLORS["vermillion"],
                    fontweight="bold", zorder=3)
    ax.set_xticks(k)
    # a margin of 0.3: the dashed slot of class 0 or K-1 (edge at -0.5) stays clear of the axis
    ax.set_xlim(-0.8, k.size - 0.2)
    ax.set_ylim(0, 1.3)
    ax.set_yticks(np.linspace(0, 1, 6))
    ax.set_xlabel(tr("single.probabilities.xlabel"), fontsize=FONT["label"])
    ax.set_ylabel(tr("single.probabilities.ylabel"), fontsize=FONT["label"])
    art = {"fig": fig, "ax": ax, "bars": bars, "band": band, "value": value, "guess": guess}
    update_probabilities(art, y, t)
    if title is None:
        title = f"E = −log({fmt_prob(y[t])} + δ) = {fmt_loss(neg_log(float(y[t])))}"
    ax.set_title(title, fontsize=FONT["title"])
    style_axes(ax, grid="y")
    return art


def check_pixels(images, name: str = "image", *, shapes=((784,), (28, 28))) -> np.ndarray:
    """Return MNIST pixels as an array: floats in [0, 1] or integer pixels in 0..255.

    Parameters
    ----------
    images : array_like
        One image or several (e.g. ``(N, 784)``).
    name : str
        For messages.
    shapes : sequence of tuple
        The allowed shapes; a ``None`` entry allows any length on that axis
        (``((None, 784),)``: N images of 784 pixels).

    Raises
    ------
    TypeError
        If it is not a real numeric array.
    ValueError
        If its shape is not one of ``shapes``, or a pixel is out of range.
    """
    images = check_array(images, name, ndim=tuple({len(s) for s in shapes}))
    def fits(shape):
        return len(shape) == images.ndim and all(
            a in (None, b) for a, b in zip(shape, images.shape, strict=True))

    if not any(fits(s) for s in shapes):
        want = " or ".join(str(s).replace("None", "N") for s in shapes)
        raise ValueError(f"{name} must have shape {want}, got {images.shape}")
    top = 255 if images.dtype.kind in "iu" else 1
    if images.min() < 0 or images.max() > top:
        kind = ("integer pixels must be in 0..255" if top == 255
                else "float pixels must be in [0, 1]")
        raise ValueError(f"{name} {kind}, got values in [{images.min():g}, {images.max():g}]")
    return images


def plot_digit(image, *, ax=None, title: str | None = None, figsize=(3, 3), static: bool = True):
    """Show one MNIST image.

    Parameters
    ----------
    image : array_like, shape (784,) or (28, 28)
        Floats in [0, 1] (``load_mnist(normalize=True)``) or integer pixels in
        0..255 (``load_mnist(normalize=False)``, uint8), shown on the same grey
        scale.
    ax : matplotlib.axes.Axes, optional
        Draw here; a new figure otherwise.
    title : str, optional

    Returns
    -------
    dict
        ``fig``, ``ax``, ``image`` (AxesImage; ``get_array()`` is the 28 x 28 image).
    """
    check_ax(ax)
    image = check_pixels(image)
    check_text(title, "title")
    fig, ax = new_axes(ax, figsize=figsize, static=static)
    vmax = 255 if image.dtype.kind in "iu" else 1  # raw pixels: 0..255, not a binary picture
    im = ax.imshow(image.reshape(28, 28), cmap=DIGIT_CMAP, vmin=0, vmax=vmax,
                   interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title, fontsize=FONT["title"])
    return {"fig": fig, "ax": ax, "image": im}


def prediction_title(y, t, *, loss: float | None = None, index: int | None = None,
                     split: str = "test") -> str:
    """A two-line title that states the finding for one prediction.

    Parameters
    ----------
    y : array_like, shape (K,)
        The network's probabilities for the image, in [0, 1].
    t : int
        The true label, 0..K-1.
    loss : float >= -1e-7, optional
        Its CEE; None computes ``-log(y[t] + 1e-7)``.
    index : int >= 0, optional
        The image's index, named in the title.
    split : {"test", "training"}
        Named with the index (``"Test image 17"``, in the language in use).
    """
    y = check_probabilities(y, ndim=1)
    t = _check_label(t, y.shape[0])
    if loss is None:
        loss = neg_log(float(y[t]))
    else:
        loss = check_real(loss, "loss", minimum=-DELTA)  # -log(1 + delta) is just below 0
    if index is not None:
        index = check_int(index, "index", minimum=0)
    check_choice(split, "split", SPLITS)
    guess = int(np.argmax(y))
    if index is None:
        who = tr("single.prediction.this_image")
    elif split == "test":
        who = tr("single.prediction.test_image", index=index)
    else:
        who = tr("single.prediction.training_image", index=index)
    if guess == t:
        head = tr("single.prediction.right", who=who, t=t, guess=guess)
    else:
        head = tr("single.prediction.wrong", who=who, t=t, guess=guess, p=fmt_prob(y[guess]))
    sure = (tr("single.prediction.small_loss") if loss < 0.1
            else tr("single.prediction.large_loss") if loss > np.log(2)
            else tr("single.prediction.moderate_loss"))
    return (f"{head}\nE = −log(y[{t}] + δ) = −log({fmt_prob(y[t])} + δ) = {fmt_loss(loss)} "
            f"({sure})")


def plot_prediction(image, y, t, *, axes=None, loss: float | None = None, index: int | None = None,
                    split: str = "test", figsize=(COLUMN_INCHES, 4.6), static: bool = True):
    """One MNIST image next to the network's 10 probabilities, with its loss in the title.

    Parameters
    ----------
    image : array_like, shape (784,) or (28, 28)
        See :func:`plot_digit`.
    y : array_like, shape (K,)
        The network's probabilities for this image.
    t : int
        The true label, 0..K-1.
    axes : pair of matplotlib.axes.Axes, optional
        Draw the image on the first, the bars on the second; the title goes on
        their figure. By default a new figure (1 x 2, the bars wider).
    loss, index, split
        See :func:`prediction_title`.
    figsize, static
        Of a new figure (default: the column's width,
        :data:`~helpers.plots.style.COLUMN_INCHES`). ``static=True``: a pyplot figure
        (shown inline); False: a bare Figure for widgets.

    Returns
    -------
    dict
        ``fig``, ``ax`` (the tuple ``(ax_image, ax_bars)``), ``ax_image``,
        ``ax_bars``, ``image`` (AxesImage), ``bars``, ``band``, ``value``,
        ``guess`` (see :func:`plot_probabilities`), ``title`` (the figure's suptitle Text).
    """
    if axes is not None:
        axes = check_axes(axes, count=2)  # before the data: a wrong call fails on what is wrong
    image = check_pixels(image)
    y = check_probabilities(y, ndim=1)
    t = _check_label(t, y.shape[0])
    text = prediction_title(y, t, loss=loss, index=index, split=split)  # checks loss, index, split
    fig, (ax_im, ax_bars) = figure_panels(axes, ncols=2, count=2, figsize=figsize, static=static,
                                          width_ratios=[1, 2.3])
    digit = plot_digit(image, ax=ax_im, title=tr("single.prediction.label", t=t))
    art = plot_probabilities(y, t, ax=ax_bars, title=tr("single.prediction.output"))
    title = fig.suptitle(text, fontsize=FONT["title"])
    return {"fig": fig, "ax": (ax_im, ax_bars), "ax_image": ax_im, "ax_bars": ax_bars,
            "image": digit["image"], "bars": art["bars"], "band": art["band"],
            "value": art["value"], "guess": art["guess"], "probabilities": art, "title": title}
