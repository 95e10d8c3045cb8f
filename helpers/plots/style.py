"""The one place for how figures look: palette, font sizes, colours per mode, figure factory.

Every module of :mod:`helpers.plots` and :mod:`helpers.widgets` takes these
constants from here; none defines its own. Used by every notebook's figures.
"""

from __future__ import annotations

#: Okabe-Ito colours (safe for the common colour-vision deficiencies).
COLORS = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#999999",
}

#: Font sizes in points, chosen to stay readable on a projector.
FONT = {"title": 13, "label": 12, "tick": 11, "note": 11}

#: Colours of the two sampling modes, everywhere they appear: with replacement
#: (the book's ``choice(N, B)``) and without (a shuffled epoch). Keyed by ``replace``.
MODE_COLORS = {True: COLORS["blue"], False: COLORS["orange"]}


def fmt4(x: float) -> str:
    """Format a number to 4 decimals, the precision used throughout the series."""
    return f"{x:.4f}"


def new_axes(ax=None, *, figsize=(6.4, 4.0), static=True):
    """Return ``(fig, ax)``: the given ax and its figure, or a new one.

    Parameters
    ----------
    ax : matplotlib.axes.Axes, optional
        Draw here if given.
    figsize : tuple of float
        Size in inches of a new figure.
    static : bool
        True: a pyplot figure (the inline backend shows it at the end of the
        cell). False: a bare :class:`matplotlib.figure.Figure` that pyplot does
        not track; widgets render it themselves.
    """
    if ax is not None:
        return ax.figure, ax
    if static:
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    else:
        from matplotlib.figure import Figure

        fig = Figure(figsize=figsize, layout="constrained")
        ax = fig.add_subplot()
    return fig, ax
