"""The one place for how figures look: palette, font sizes, colours per mode, figure factories.

Every module of :mod:`helpers.plots` and :mod:`helpers.widgets` takes these
constants from here; none defines its own. Used by every notebook's figures
(notebooks 01-04).

- :data:`COLORS`, :data:`FONT`, :data:`MODE_COLORS`: palette, font sizes, mode colours
- :func:`fmt4`, :func:`fmt_loss`: numbers as the series prints them
- :func:`new_axes`: one Axes (given, or on a new figure)
- :func:`new_figure`: a new figure with a grid of Axes (multi-panel plots)
- :func:`style_axes`: tick font size and grid, the same on every Axes
- :func:`check_ax`, :func:`check_axes`, :func:`check_figsize`, :func:`check_text`:
  argument checks shared by the plot functions (TypeError for the wrong kind,
  ValueError for a bad value, as in :mod:`helpers.validation`)
"""

from __future__ import annotations

import numbers

import numpy as np

from helpers.validation import check_bool

__all__ = [
    "COLORS",
    "FONT",
    "MODE_COLORS",
    "fmt4",
    "fmt_loss",
    "check_ax",
    "check_axes",
    "check_figsize",
    "check_text",
    "new_axes",
    "new_figure",
    "style_axes",
]

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
    "white": "#FFFFFF",  # backgrounds: marker edges, annotation boxes
}

#: Font sizes in points, chosen to stay readable on a projector.
FONT = {"title": 13, "label": 12, "tick": 11, "note": 11}

#: Colours of the two sampling modes, everywhere they appear: with replacement
#: (the book's ``choice(N, B)``) and without (a shuffled epoch). Keyed by ``replace``.
MODE_COLORS = {True: COLORS["blue"], False: COLORS["orange"]}


def fmt4(x: float) -> str:
    """Format a number to 4 decimals, the precision used throughout the series."""
    return f"{x:.4f}"


def fmt_loss(x: float) -> str:
    """A loss to 4 decimals, without the confusing ``-0.0000`` of ``-log(1 + delta)``."""
    s = fmt4(x)
    return "0.0000" if s == "-0.0000" else s


# ---------------------------------------------------------------------------
# argument checks for figures


def _show(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_ax(ax, name: str = "ax", *, optional: bool = True):
    """Return ``ax`` if it is a matplotlib Axes (or None when ``optional``); else TypeError."""
    from matplotlib.axes import Axes

    if (ax is None and optional) or isinstance(ax, Axes):
        return ax
    want = "a matplotlib Axes" + (" or None" if optional else "")
    raise TypeError(f"{name} must be {want}, got {_show(ax)} ({type(ax).__name__})")


def check_axes(axes, name: str = "axes", *, count: int | None = None, minimum: int | None = None):
    """Return ``axes`` (an Axes, a sequence or an array of them) as a flat tuple of Axes.

    Raises
    ------
    TypeError
        If it is not a sequence of matplotlib Axes.
    ValueError
        If it holds not exactly ``count`` (or fewer than ``minimum``) Axes.
    """
    from matplotlib.axes import Axes

    if isinstance(axes, Axes):
        flat = (axes,)
    else:
        if isinstance(axes, (str, bytes)) or not hasattr(axes, "__iter__"):
            raise TypeError(f"{name} must be a sequence of matplotlib Axes, got {_show(axes)} "
                            f"({type(axes).__name__})")
        flat = tuple(np.ravel(np.asarray(axes, dtype=object))) if isinstance(axes, np.ndarray) \
            else tuple(_flatten(axes))
        for i, ax in enumerate(flat):
            if not isinstance(ax, Axes):
                raise TypeError(f"{name} must hold matplotlib Axes, got {_show(ax)} "
                                f"({type(ax).__name__}) at position {i}")
    if count is not None and len(flat) != count:
        raise ValueError(f"{name} must be {count} Axes, got {len(flat)}")
    if minimum is not None and len(flat) < minimum:
        raise ValueError(f"{name} must be at least {minimum} Axes, got {len(flat)}")
    return flat


def _flatten(items):
    for item in items:
        if isinstance(item, (list, tuple, np.ndarray)):
            yield from _flatten(item)
        else:
            yield item


def check_figsize(figsize, name: str = "figsize") -> tuple[float, float]:
    """Return ``figsize`` as ``(width, height)`` in inches, both finite and > 0.

    Raises
    ------
    TypeError
        If it is not a pair of real numbers (bools are rejected).
    ValueError
        If a size is not finite or not positive.
    """
    if isinstance(figsize, (str, bytes)) or not hasattr(figsize, "__len__") or len(figsize) != 2:
        raise TypeError(f"{name} must be a pair (width, height) in inches, got {_show(figsize)}")
    out = []
    for v in figsize:
        if not isinstance(v, numbers.Real) or isinstance(v, (bool, np.bool_)):
            raise TypeError(f"{name} must be a pair of numbers (width, height) in inches, "
                            f"got {_show(figsize)}")
        if not (np.isfinite(v) and v > 0):
            raise ValueError(f"{name} must be a pair of finite sizes > 0 in inches, "
                             f"got {_show(figsize)}")
        out.append(float(v))
    return out[0], out[1]


def check_text(value, name: str, *, optional: bool = True):
    """Return ``value`` if it is a str (or None when ``optional``); else TypeError."""
    if (value is None and optional) or isinstance(value, str):
        return value
    want = "a str" + (" or None" if optional else "")
    raise TypeError(f"{name} must be {want}, got {_show(value)} ({type(value).__name__})")


# ---------------------------------------------------------------------------
# figure factories


def _figure(figsize, static):
    figsize = check_figsize(figsize)
    if check_bool(static, "static"):
        import matplotlib.pyplot as plt

        return plt.figure(figsize=figsize, layout="constrained")
    from matplotlib.figure import Figure

    return Figure(figsize=figsize, layout="constrained")


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

    Raises
    ------
    TypeError
        If ``ax`` is not an Axes, ``static`` not a bool, ``figsize`` not a pair
        of numbers.
    ValueError
        If a size in ``figsize`` is not finite and positive.
    """
    check_bool(static, "static")
    check_figsize(figsize)  # also when unused: a bad option is an error wherever it is passed
    if check_ax(ax) is not None:
        return ax.figure, ax
    fig = _figure(figsize, static)
    return fig, fig.add_subplot()


def new_figure(nrows: int = 1, ncols: int = 1, *, figsize=(6.4, 4.0), static=True,
               width_ratios=None, height_ratios=None):
    """Return ``(fig, axes)``: a new figure with an ``nrows`` x ``ncols`` grid of Axes.

    The multi-panel sibling of :func:`new_axes` (constrained layout, pyplot or
    bare figure by ``static``).

    Parameters
    ----------
    nrows, ncols : int >= 1
    figsize : tuple of float
        Size in inches.
    static : bool
        True: a pyplot figure (shown inline). False: a bare Figure for widgets.
    width_ratios, height_ratios : sequence of float, optional
        Relative widths of the columns / heights of the rows.

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : tuple of matplotlib.axes.Axes
        Row by row, ``nrows * ncols`` of them (a flat tuple even for one row).
    """
    from helpers.validation import check_int

    nrows = check_int(nrows, "nrows", minimum=1)
    ncols = check_int(ncols, "ncols", minimum=1)
    check_bool(static, "static")
    fig = _figure(figsize, static)
    grid = fig.subplots(nrows, ncols, squeeze=False, width_ratios=width_ratios,
                        height_ratios=height_ratios)
    return fig, tuple(grid.ravel())


def style_axes(ax, *, grid: str | None = "both") -> None:
    """The finishing touch every Axes gets: tick labels at ``FONT["tick"]``, a light grid.

    Parameters
    ----------
    grid : {"both", "x", "y"} or None
        Which grid lines to draw; None: none.
    """
    ax.tick_params(labelsize=FONT["tick"])
    if grid is not None:
        ax.grid(True, axis=grid, alpha=0.3)
