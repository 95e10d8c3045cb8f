"""Figures for notebook 01: one sample's cross-entropy error (CEE).

- :func:`plot_neg_log`      the curve ``-log(y + delta)`` with marked points
- :func:`plot_cee_vs_sse`   CEE and SSE against the right class's probability
- :func:`plot_probabilities` a network's 10 probabilities, true class highlighted
- :func:`plot_digit`        one 28 x 28 MNIST image
- :func:`plot_prediction`   image + probabilities + loss in one figure

Every function returns the artists it made (a dict) so that
:mod:`helpers.widgets.single` can move them in place.
"""

from __future__ import annotations

import numpy as np

from .style import COLORS, fmt4, new_axes

__all__ = [
    "neg_log_curve",
    "neg_log_title",
    "plot_neg_log",
    "plot_cee_vs_sse",
    "fmt_prob",
    "probability_colors",
    "mark_true_tick",
    "plot_probabilities",
    "plot_digit",
    "prediction_title",
    "plot_prediction",
]

#: Font sizes chosen to be readable on a classroom projector.
_TITLE, _LABEL, _TICK, _NOTE = 13, 12, 11, 11

#: Colours of the marked points, in order (good answer first).
_POINT_COLORS = (COLORS["green"], COLORS["vermillion"], COLORS["orange"], COLORS["purple"])


def _style(ax):
    ax.tick_params(labelsize=_TICK)
    ax.grid(True, alpha=0.3)


def _fmt_loss(v: float) -> str:
    """4 decimals, without the confusing ``-0.0000`` of ``-log(1 + delta)``."""
    s = fmt4(v)
    return "0.0000" if s == "-0.0000" else s


def fmt_prob(p: float) -> str:
    """A probability to 4 decimals, or in scientific notation when below 0.001.

    ``0.00012`` printed as ``0.0001`` would hide a factor that matters for the
    loss (``-log(0.0001) = 9.2103`` but ``-log(0.00012) = 9.0280``).
    """
    p = float(p)
    if p == 0 or p >= 1e-3:
        return fmt4(p)
    return f"{p:.2e}"


# ---------------------------------------------------------------------------
# the -log curve


def neg_log_curve(delta: float = 1e-7, n: int = 600):
    """Points of the curve ``-log(y + delta)`` on ``y`` in [0, 1].

    The grid is dense near 0, where the curve is steep, so a linear axis
    draws it correctly all the way up.

    Parameters
    ----------
    delta : float
        Added inside the log. With ``delta = 0`` the grid starts at ``1e-9``
        (``-log(0)`` is infinite); otherwise it starts at exactly 0.
    n : int
        Approximate number of points.

    Returns
    -------
    y, loss : numpy.ndarray, shape (m,), float64
    """
    y = np.concatenate([np.geomspace(1e-9, 1e-2, n // 3, endpoint=False), np.linspace(1e-2, 1.0, n - n // 3)])
    if delta > 0:
        y = np.concatenate([[0.0], y])
    return y, -np.log(y + delta)


def neg_log_title(p: float, delta: float = 1e-7) -> str:
    """Two-line title stating what probability ``p`` on the right class costs.

    Always two lines (a widget freezes its layout after the first render).
    Explains the two ends: ``p = 0`` (the loss is capped at ``-log(delta)``
    by delta) and ``p = 1`` (sure and right: no loss).
    """
    p = float(p)
    with np.errstate(divide="ignore"):  # p = delta = 0 is explained, not warned about
        loss = -np.log(p + delta)
    if p == 0:
        if delta > 0:
            return (f"y = 0 on the right class: log(0) = −∞, so δ = {delta:g} caps the loss\n"
                    f"at E = −log(0 + δ) = {_fmt_loss(loss)} (one sample's worst possible loss)")
        return "y = 0 on the right class: E = −log(0) = +∞ (that is why we add δ)"
    if p == 1:
        return f"y = 1 on the right class: sure and right, no loss at all\nE = −log(1 + δ) = {loss:.1e} ≈ 0"
    verdict = "right class wins" if p > 0.5 else ("a timid guess" if p >= 0.1 else "nearly sure it is NOT the right class")
    return f"y = {p:.3f} on the right class ({verdict})\nE = −log({p:.3f} + δ) = {_fmt_loss(loss)}"


def plot_neg_log(points=(), *, ax=None, delta: float = 0.0, ymax: float = 5.0, cap: bool = False,
                 title: str | None = None, figsize=(7.5, 4.5), static: bool = True):
    """Plot the loss of one sample, ``-log(y + delta)``, against ``y`` = probability of the right class.

    Parameters
    ----------
    points : sequence of (float, str)
        ``(y, label)`` pairs to mark on the curve; each gets a dot, dotted
        guides to both axes and an annotation ``label`` + the loss value.
    ax : matplotlib.axes.Axes, optional
        Draw here; a new figure otherwise (see :func:`new_axes`).
    delta : float, default 0.0
        0 draws the pure ``-log(y)`` on (0, 1]; ``1e-7`` draws the book's
        ``-log(y + 1e-7)`` on [0, 1].
    ymax : float
        Upper limit of the loss axis (the curve is clipped above).
    cap : bool
        Draw the horizontal line ``-log(delta)`` (needs ``delta > 0``).
    title : str, optional
        Axes title (state the finding). None: a title for the first point.

    Returns
    -------
    dict
        ``fig``, ``ax``, ``curve`` (Line2D), ``points``, ``guides`` (lists of
        Line2D), ``labels`` (list of Annotation), ``cap`` (Line2D or None),
        ``delta``.
    """
    fig, ax = new_axes(ax, figsize=figsize, static=static)
    y, loss = neg_log_curve(delta)
    name = "−log(y)" if delta == 0 else f"−log(y + δ), δ = {delta:g}"
    (curve,) = ax.plot(y, loss, color=COLORS["blue"], lw=2.5, label=f"loss E = {name}", zorder=2)
    cap_line = None
    if cap and delta > 0:
        cap_line = ax.axhline(-np.log(delta), color=COLORS["grey"], ls="--", lw=1.5,
                              label=f"cap −log(δ) = {fmt4(-np.log(delta))}", zorder=1)
    dots, guides, labels = [], [], []
    for i, (p, text) in enumerate(points):
        color = _POINT_COLORS[i % len(_POINT_COLORS)]
        e = float(-np.log(p + delta))
        (g,) = ax.plot([p, p, 0], [0, e, e], color=color, ls=":", lw=1.5, zorder=3)
        (d,) = ax.plot([p], [e], "o", color=color, ms=10, mec="white", mew=1.5, zorder=4)
        note = f"{text}\n" if text else ""
        a = ax.annotate(f"{note}E = {_fmt_loss(e)}", xy=(p, e), xytext=(14, 14), textcoords="offset points",
                        fontsize=_NOTE, color=color, fontweight="bold", ha="left", va="bottom",
                        bbox=dict(boxstyle="round,pad=0.25", fc="white", ec=color, alpha=0.9), zorder=5)
        dots.append(d)
        guides.append(g)
        labels.append(a)
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(0, ymax)
    ax.set_xlabel("y = probability the network gives the right class", fontsize=_LABEL)
    ax.set_ylabel("loss E (nats)", fontsize=_LABEL)
    if title is None:
        title = neg_log_title(points[0][0], delta) if points else "The loss grows without bound as y → 0"
    ax.set_title(title, fontsize=_TITLE)
    ax.legend(loc="upper right", fontsize=_NOTE)
    _style(ax)
    return {"fig": fig, "ax": ax, "curve": curve, "points": dots, "guides": guides, "labels": labels,
            "cap": cap_line, "delta": delta}


def plot_cee_vs_sse(p, cee, sse, *, ax=None, ymax: float = 5.0, title: str | None = None,
                    figsize=(7.5, 4.5), static: bool = True):
    """Plot CEE and SSE of a family of predictions against the right class's probability.

    Parameters
    ----------
    p : array_like, shape (m,)
        Probability of the right class, increasing.
    cee, sse : array_like, shape (m,)
        The two losses of the predictions (computed by the caller).
    ymax : float
        Upper limit of the loss axis; if CEE goes above it, its value at the
        smallest ``p`` is written at the top of the plot.

    Returns
    -------
    dict
        ``fig``, ``ax``, ``cee``, ``sse`` (Line2D), ``note`` (Text or None).
    """
    fig, ax = new_axes(ax, figsize=figsize, static=static)
    p, cee, sse = (np.asarray(a, dtype=float) for a in (p, cee, sse))
    (lc,) = ax.plot(p, cee, color=COLORS["blue"], lw=2.5, label="cross-entropy error (CEE)")
    (ls,) = ax.plot(p, sse, color=COLORS["orange"], lw=2.5, ls="--", label="sum of squares error (SSE)")
    note = None
    if cee.max() > ymax:
        i = int(np.argmax(cee))
        note = ax.annotate(f"CEE goes off the chart:\n{fmt4(cee[i])} at y = {p[i]:g}", xy=(p[i], ymax), xytext=(25, -40),
                           textcoords="offset points", fontsize=_NOTE, color=COLORS["blue"],
                           arrowprops=dict(arrowstyle="->", color=COLORS["blue"]), va="top")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(0, ymax)
    ax.set_xlabel("y = probability of the right class", fontsize=_LABEL)
    ax.set_ylabel("loss of one sample (CEE in nats)", fontsize=_LABEL)
    ax.set_title(title or f"SSE never exceeds {fmt4(sse.max())}; CEE reaches {fmt4(cee.max())}", fontsize=_TITLE)
    ax.legend(loc="upper right", fontsize=_NOTE)
    _style(ax)
    return {"fig": fig, "ax": ax, "cee": lc, "sse": ls, "note": note}


# ---------------------------------------------------------------------------
# a network's prediction for one MNIST image


def probability_colors(y, t):
    """Bar colours for the 10 probabilities ``y`` of one sample with label ``t``.

    The true class is green, the network's top guess vermillion when it is
    wrong, every other class grey.

    Returns
    -------
    list of str, length K
    """
    y = np.asarray(y)
    colors = [COLORS["grey"]] * y.shape[0]
    guess = int(np.argmax(y))
    if guess != t:
        colors[guess] = COLORS["vermillion"]
    colors[int(t)] = COLORS["green"]
    return colors


def _legend_handles():
    from matplotlib.patches import Patch

    return [Patch(fc=COLORS["green"], ec="black", lw=0.6, label="true class"),
            Patch(fc=COLORS["vermillion"], ec="black", lw=0.6, label="top guess (wrong)"),
            Patch(fc=COLORS["grey"], ec="black", lw=0.6, label="other classes")]


def mark_true_tick(ax, t):
    """Colour the tick label of the true class ``t`` green and bold, the others black."""
    for k, lab in enumerate(ax.get_xticklabels()):
        lab.set_color(COLORS["green"] if k == int(t) else COLORS["black"])
        lab.set_fontweight("bold" if k == int(t) else "normal")


def plot_probabilities(y, t, *, ax=None, title: str | None = None, figsize=(6.4, 4.0), static: bool = True):
    """Bar chart of one sample's predicted probabilities with the true class highlighted.

    Parameters
    ----------
    y : array_like, shape (K,), float
        Probabilities (a softmax output).
    t : int
        The true class (label).
    title : str, optional
        Axes title; None: the loss ``-log(y[t] + 1e-7)``.

    Returns
    -------
    dict
        ``fig``, ``ax``, ``bars`` (BarContainer, one Rectangle per class),
        ``value`` (Text above the true class's bar), ``legend``.
    """
    fig, ax = new_axes(ax, figsize=figsize, static=static)
    y = np.asarray(y, dtype=float)
    t = int(t)
    k = np.arange(y.shape[0])
    bars = ax.bar(k, y, color=probability_colors(y, t), width=0.75, edgecolor="black", linewidth=0.6)
    value = ax.text(t, y[t] + 0.02, fmt_prob(y[t]), ha="center", va="bottom", fontsize=_NOTE,
                    color=COLORS["black"], fontweight="bold")
    ax.set_xticks(k)
    mark_true_tick(ax, t)
    ax.set_ylim(0, 1.3)
    ax.set_yticks(np.linspace(0, 1, 6))
    ax.set_xlabel("class k (the digit)", fontsize=_LABEL)
    ax.set_ylabel("probability $y_k$", fontsize=_LABEL)
    legend = ax.legend(handles=_legend_handles(), loc="upper center", fontsize=_NOTE - 1, ncols=3, framealpha=0.9,
                       handlelength=1.2, columnspacing=1.2)
    if title is None:
        title = f"E = −log({fmt_prob(y[t])} + δ) = {_fmt_loss(-np.log(y[t] + 1e-7))}"
    ax.set_title(title, fontsize=_TITLE)
    ax.tick_params(labelsize=_TICK)
    ax.grid(True, axis="y", alpha=0.3)
    return {"fig": fig, "ax": ax, "bars": bars, "value": value, "legend": legend}


def plot_digit(image, *, ax=None, title: str | None = None, figsize=(3, 3), static: bool = True):
    """Show one MNIST image.

    Parameters
    ----------
    image : array_like, shape (784,) or (28, 28), float in [0, 1]
        or uint8 in 0..255 (``load_mnist(normalize=False)``), shown on the
        same grey scale.

    Returns
    -------
    matplotlib.image.AxesImage
    """
    fig, ax = new_axes(ax, figsize=figsize, static=static)
    image = np.asarray(image)
    vmax = 255 if image.dtype == np.uint8 else 1  # raw pixels: 0..255, not a binary picture
    im = ax.imshow(image.reshape(28, 28), cmap="gray_r", vmin=0, vmax=vmax, interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title, fontsize=_TITLE)
    return im


def prediction_title(y, t, loss: float | None = None, index: int | None = None, split: str = "test") -> str:
    """A two-line title that states the finding for one prediction.

    Parameters
    ----------
    y : array_like, shape (K,)
        The network's probabilities for the image.
    t : int
        The true label.
    loss : float, optional
        Its CEE; None computes ``-log(y[t] + 1e-7)``.
    index : int, optional
        The image's index, named in the title.
    split : str
        "test" or "training", named with the index.
    """
    y = np.asarray(y)
    t = int(t)
    if loss is None:
        loss = float(-np.log(float(y[t]) + 1e-7))
    guess = int(np.argmax(y))
    who = f"{split.capitalize()} image {index}" if index is not None else "This image"
    if guess == t:
        head = f"{who} is a {t}; the network says {guess}: right"
    else:
        head = f"{who} is a {t}, but the network says {guess} ({fmt_prob(y[guess])}): wrong"
    sure = "confident, small loss" if loss < 0.1 else ("large loss" if loss > np.log(2) else "moderate loss")
    return f"{head}\nE = −log(y[{t}] + δ) = −log({fmt_prob(y[t])} + δ) = {_fmt_loss(loss)} ({sure})"


def plot_prediction(image, y, t, *, loss: float | None = None, index: int | None = None, split: str = "test",
                    figsize=(10, 4.2), static: bool = True):
    """One MNIST image next to the network's 10 probabilities, with its loss in the title.

    Parameters
    ----------
    image : array_like, shape (784,), float in [0, 1]
    y : array_like, shape (10,)
        The network's probabilities for this image.
    t : int
        The true label.
    loss, index, split
        See :func:`prediction_title`.
    static : bool
        True: a pyplot figure (shown inline). False: a bare Figure for widgets.

    Returns
    -------
    dict
        ``fig``, ``ax_image``, ``ax_bars``, ``image`` (AxesImage), ``bars``,
        ``value`` (Text), ``legend``, ``title`` (the figure's suptitle Text).
    """
    if static:
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=figsize, layout="constrained")
    else:
        from matplotlib.figure import Figure

        fig = Figure(figsize=figsize, layout="constrained")
    ax_im, ax_bars = fig.subplots(1, 2, width_ratios=[1, 2.3])
    im = plot_digit(image, ax=ax_im, title=f"label t = {int(t)}")
    art = plot_probabilities(y, t, ax=ax_bars, title="the network's output y (softmax)")
    title = fig.suptitle(prediction_title(y, t, loss, index, split), fontsize=_TITLE)
    return {"fig": fig, "ax_image": ax_im, "ax_bars": ax_bars, "image": im, "bars": art["bars"],
            "value": art["value"], "legend": art["legend"], "title": title}
