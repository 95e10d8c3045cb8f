"""The one place for how figures look: palette, font sizes, colour sets, figure factories.

Every font size, colour and colour map used by :mod:`helpers.plots` and
:mod:`helpers.widgets` is a named constant here (the modules use the names,
never numbers or colour strings of their own), and every figure is made by
the factories below. Used by every notebook's figures (notebooks 01-04).

- :data:`COLORS` the palette; :data:`FONT` the font sizes by role, switched by
  :func:`presentation` (on by default: text >= 14 pt); :data:`DPI`, :data:`COLUMN_INCHES`
- colour sets: :data:`MODE_COLORS` (the two sampling modes, keyed by
  ``replace``), :data:`VERDICT_COLORS` (a probability on the right class: good,
  timid, wrong), :data:`POINT_COLORS` (marked points), :data:`BATCH_COLORS`
  (training runs by batch size), :data:`CYCLE` (any other series),
  :data:`DIGIT_CMAP` (MNIST images)
- :func:`fmt4`, :func:`fmt_loss`: numbers as the series prints them
- :func:`new_axes`: one Axes (given, or on a new figure)
- :func:`new_figure`: a new figure with a grid of Axes
- :func:`figure_panels`: the given Axes of a multi-panel plot, or a new figure of them
- :func:`style_axes`: tick font size and grid, the same on every Axes
- :func:`check_ax`, :func:`check_axes`, :func:`check_pair`, :func:`check_figsize`,
  :func:`check_text`: argument checks shared by the plot functions (TypeError
  for the wrong kind, ValueError for a bad value, as in :mod:`helpers._validation`)
"""

from __future__ import annotations

import numbers

import numpy as np

from helpers._validation import _show, check_array, check_bool, check_int

__all__ = [
    "COLORS",
    "FONT",
    "MODE_COLORS",
    "VERDICT_COLORS",
    "POINT_COLORS",
    "BATCH_COLORS",
    "CYCLE",
    "DIGIT_CMAP",
    "PRESENTATION_FONT",
    "COMPACT_FONT",
    "MIN_PRESENTATION_PT",
    "DPI",
    "COLUMN_INCHES",
    "presentation",
    "presenting",
    "MAX_POINTS",
    "MAX_BINS",
    "MAX_PANELS",
    "MAX_INCHES",
    "DPI_RANGE",
    "MAX_PIXELS",
    "MAX_DRAWN",
    "fmt4",
    "fmt_loss",
    "check_dpi",
    "check_drawn",
    "safe_median",
    "check_ax",
    "check_axes",
    "check_pair",
    "check_figsize",
    "check_text",
    "new_axes",
    "new_figure",
    "figure_panels",
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

#: Font sizes in points by role, in presentation mode (the default): every text is at least
#: 14 pt, so a figure shown at its natural size (:data:`DPI`, no wider than
#: :data:`COLUMN_INCHES`) reads from the back of a classroom. ``"suptitle"`` a figure's title
#: over several panels, ``"title"`` an Axes title, ``"label"`` axis labels, ``"label_small"`` a
#: long axis label on a narrow panel, ``"tick"`` tick labels, ``"note"`` annotations and roomy
#: legends, ``"legend"`` legends over data, ``"legend_small"`` a legend of many entries.
PRESENTATION_FONT = {"suptitle": 17, "title": 16, "label": 15, "label_small": 14, "tick": 14,
                     "note": 14, "legend": 14, "legend_small": 14}
#: The same roles, smaller, for a personal screen (``presentation(False)``).
COMPACT_FONT = {"suptitle": 14, "title": 13, "label": 12, "label_small": 11, "tick": 11,
                "note": 11, "legend": 10, "legend_small": 9}
#: The font sizes in use: :func:`presentation` switches them in place, so every figure drawn
#: after the switch (by any module that imported ``FONT``) uses the new sizes.
FONT = dict(PRESENTATION_FONT)
#: Smallest font size of presentation mode, in points (what the tests check).
MIN_PRESENTATION_PT = 14
#: Resolution of every figure, static and widget: at 100 dots per inch a 14 pt font is 19 pixels
#: high, which is at least 14 CSS points when the image is shown at its natural size.
DPI = 100
#: Widest default figure, in inches. The notebook column of JupyterLab is 848 pixels wide at
#: 1280 pixels with the file browser open (or at 1024 with it closed; a slide of the slideshow
#: at 1024 is 895), measured. At :data:`DPI` 8.2 inches are 820 pixels; the inline backend
#: crops a figure to its drawn parts plus 0.1 inch on each side ("tight"), so a static figure
#: is at most 840 pixels. No figure is scaled down, which would shrink its text below 14 pt.
COLUMN_INCHES = 8.2

#: Colours of the two sampling modes, everywhere they appear: with replacement
#: (the book's ``choice(N, B)``) and without (a shuffled epoch). Keyed by ``replace``.
MODE_COLORS = {True: COLORS["blue"], False: COLORS["orange"]}

#: Colour of a probability on the right class, by its verdict
#: (:func:`helpers.plots.single.verdict`): the right class wins, a timid guess,
#: nearly sure it is not the right class.
VERDICT_COLORS = {"wins": COLORS["green"], "timid": COLORS["orange"],
                  "wrong": COLORS["vermillion"]}

#: Colours of marked points, in order (good answer first).
POINT_COLORS = (COLORS["green"], COLORS["vermillion"], COLORS["orange"], COLORS["purple"])

#: Colour of a training run by its batch size (``None``: all the data, plain gradient descent).
BATCH_COLORS = {1: COLORS["vermillion"], 10: COLORS["black"], 100: COLORS["blue"],
                1000: COLORS["green"], None: COLORS["purple"]}

#: Colours of any other series, in order (used round-robin).
CYCLE = (COLORS["blue"], COLORS["orange"], COLORS["green"], COLORS["vermillion"],
         COLORS["purple"], COLORS["sky"], COLORS["black"])

#: Colour map of MNIST images: dark ink on white paper.
DIGIT_CMAP = "gray_r"


#: Most points a curve, most bins a histogram, most draws a figure function may ask for
#: (more cannot be seen, and would only cost memory and time).
MAX_POINTS = 10**6
#: Most bins of a histogram.
MAX_BINS = 10_000
#: Most panels (Axes) of one new figure.
MAX_PANELS = 100
#: Largest size of a new figure, in inches (each side).
MAX_INCHES = 50.0
#: Resolution of a rendered widget figure, dots per inch: below 20 FreeType cannot size the
#: text, above 400 one PNG takes hundreds of MB.
DPI_RANGE = (20, 400)
#: Most pixels of one rendered widget figure (width x height), e.g. 8,000 x 5,000.
MAX_PIXELS = 40_000_000
#: Largest magnitude of a value drawn on an axis: matplotlib computes limits, margins and
#: bin widths from it, and near the float maximum (1.8e308) those overflow to inf.
MAX_DRAWN = 1e300


def presentation(on: bool = True) -> None:
    """Switch every figure and widget drawn from now on to presentation mode, or back.

    Presentation mode is the default: text at least 14 pt (:data:`PRESENTATION_FONT`), for a
    projector and for the slideshow. ``presentation(False)`` gives the smaller
    :data:`COMPACT_FONT` for a personal screen. Figures already drawn keep their sizes; run
    their cells again. Figure widths (at most :data:`COLUMN_INCHES`) and the resolution
    (:data:`DPI`) are the same in both modes.

    Raises
    ------
    TypeError
        If ``on`` is not a bool.
    """
    FONT.update(PRESENTATION_FONT if check_bool(on, "on") else COMPACT_FONT)


def presenting() -> bool:
    """True in presentation mode (the default), False after ``presentation(False)``."""
    return FONT == PRESENTATION_FONT


def fmt4(x: float) -> str:
    """Format a real number to 4 decimals, the precision used throughout the series.

    NaN and infinities print as ``"nan"``, ``"inf"``, ``"-inf"`` (a loss that
    diverged, a run not evaluated yet); magnitudes from 1e9 up in scientific
    notation with 4 decimals (``"1.0000e+300"``), so a title stays one line.

    Raises
    ------
    TypeError
        If ``x`` is not a real number (bools, complex numbers, strings, arrays).
    """
    if not isinstance(x, numbers.Real) or isinstance(x, (bool, np.bool_)):
        raise TypeError(f"x must be a real number, got {_show(x)} ({type(x).__name__})")
    try:
        x = float(x)
    except OverflowError:  # an int beyond float64
        raise ValueError(f"x must be at most about 1.8e308, got an int of "
                         f"{int(x).bit_length()} bits") from None
    return f"{x:.4e}" if abs(x) >= 1e9 else f"{x:.4f}"  # no 300-digit titles for 1e300


def check_dpi(dpi, name: str = "dpi") -> int:
    """Return ``dpi`` as an int in :data:`DPI_RANGE` (the one rule of every rendered figure)."""
    lo, hi = DPI_RANGE
    return check_int(dpi, name, minimum=lo, maximum=hi,
                     why=" (a larger image would take too much memory)")


def safe_median(values) -> float:
    """``np.median`` of a float array without overflow (the middle two of 1e308s sum to inf)."""
    if values.size and float(np.max(np.abs(values))) > 1e300:
        return float(np.median(values * 0.5) * 2.0)
    return float(np.median(values))


def check_drawn(values, name: str, limit: float = MAX_DRAWN) -> np.ndarray:
    """ValueError unless every value's magnitude is at most ``limit``; ``values``."""
    values = np.asarray(values)
    if values.size and float(np.max(np.abs(values))) > limit:
        raise ValueError(f"{name} must be at most {limit:g} in magnitude to be drawn, "
                         f"got {float(np.max(np.abs(values))):g}")
    return values


def fmt_loss(x: float) -> str:
    """A loss to 4 decimals, without the confusing ``-0.0000`` of ``-log(1 + delta)``."""
    s = fmt4(x)
    return "0.0000" if s == "-0.0000" else s


# ---------------------------------------------------------------------------
# argument checks for figures


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


def check_pair(value, name: str, what: str) -> tuple:
    """Return ``value`` as a tuple of its two items if it is a pair (not a str); else TypeError.

    ``what`` says what the two are, for the message: ``"ylim must be a pair
    (bottom, top), got ..."``.
    """
    if not isinstance(value, (tuple, list, np.ndarray)) or len(value) != 2 \
            or (isinstance(value, np.ndarray) and value.ndim != 1):  # a set has no order
        raise TypeError(f"{name} must be a pair {what}, got {_show(value)} (expected a tuple or "
                        "list of two)")
    return tuple(value)


def check_figsize(figsize, name: str = "figsize") -> tuple[float, float]:
    """Return ``figsize`` as ``(width, height)`` in inches, both > 0 and <= :data:`MAX_INCHES`.

    Raises
    ------
    TypeError
        If it is not a pair of real numbers (bools are rejected).
    ValueError
        If a size is not finite or not positive.
    """
    check_pair(figsize, name, "(width, height) in inches")
    out = []
    for v in figsize:
        if not isinstance(v, numbers.Real) or isinstance(v, (bool, np.bool_)):
            raise TypeError(f"{name} must be a pair of numbers (width, height) in inches, "
                            f"got {_show(figsize)}")
        if not (np.isfinite(float(v)) and 0.1 <= v <= MAX_INCHES):
            raise ValueError(f"{name} must be a pair of finite sizes in inches, from 0.1 to "
                             f"{MAX_INCHES:g}, got {_show(figsize)}")
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
    """A new empty figure (constrained layout): pyplot's if ``static``, else a bare Figure."""
    figsize = check_figsize(figsize)
    if check_bool(static, "static"):
        import matplotlib.pyplot as plt

        return plt.figure(figsize=figsize, dpi=DPI, layout="constrained")
    from matplotlib.figure import Figure

    return Figure(figsize=figsize, dpi=DPI, layout="constrained")


def _check_options(figsize, static):
    """A bad option is an error wherever it is passed, also when no new figure needs it."""
    check_figsize(figsize)
    check_bool(static, "static")


def new_axes(ax=None, *, figsize=(6.4, 4.4), static=True):
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
    if check_ax(ax) is not None:
        _check_options(figsize, static)
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
        At most :data:`MAX_PANELS` panels in all.
    figsize : tuple of float
        Size in inches.
    static : bool
        True: a pyplot figure (shown inline). False: a bare Figure for widgets.
    width_ratios, height_ratios : sequence of float, optional
        Relative widths of the columns / heights of the rows: one finite
        number > 0 per column / row.

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : tuple of matplotlib.axes.Axes
        Row by row, ``nrows * ncols`` of them (a flat tuple even for one row).
    """
    nrows = check_int(nrows, "nrows", minimum=1, maximum=MAX_PANELS, why=" (panels of a figure)")
    ncols = check_int(ncols, "ncols", minimum=1, maximum=MAX_PANELS, why=" (panels of a figure)")
    if nrows * ncols > MAX_PANELS:
        raise ValueError(f"nrows * ncols must be at most {MAX_PANELS} panels, "
                         f"got {nrows} x {ncols} = {nrows * ncols}")
    width_ratios = _ratios(width_ratios, "width_ratios", ncols, "columns")
    height_ratios = _ratios(height_ratios, "height_ratios", nrows, "rows")
    fig = _figure(figsize, static)
    grid = fig.subplots(nrows, ncols, squeeze=False, width_ratios=width_ratios,
                        height_ratios=height_ratios)
    return fig, tuple(grid.ravel())


def _ratios(ratios, name: str, count: int, what: str):
    """None, or ``count`` relative sizes: finite reals > 0 (a list)."""
    if ratios is None:
        return None
    if not isinstance(ratios, (tuple, list, np.ndarray)):
        raise TypeError(f"{name} must be a sequence of {count} numbers > 0 (one per {what[:-1]}) "
                        f"or None, got {_show(ratios)} ({type(ratios).__name__})")
    arr = check_array(ratios, name, ndim=1, dtype=np.float64)
    if arr.size != count:
        raise ValueError(f"{name} must hold one ratio per {what[:-1]} ({count}), got {arr.size}")
    if (arr <= 0).any() or float(arr.max()) > 1e6 * float(arr.min()):
        raise ValueError(f"{name} must be numbers > 0 (at most 1e6 times apart), "
                         f"got {arr.tolist()}")
    return arr.tolist()


def figure_panels(axes=None, *, nrows: int = 1, ncols: int = 1, count: int | None = None,
                  minimum: int | None = None, figsize=(6.4, 4.0), static=True,
                  width_ratios=None, height_ratios=None):
    """Return ``(fig, axes)`` of a multi-panel plot: the given Axes, or a new figure of them.

    Parameters
    ----------
    axes : Axes or sequence of Axes, optional
        Draw here if given: exactly ``count`` (or at least ``minimum``) Axes;
        their figure is the first one's.
    nrows, ncols, figsize, static, width_ratios, height_ratios
        Of a new figure (see :func:`new_figure`); ``figsize`` and ``static``
        are checked also when ``axes`` is given.

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : tuple of matplotlib.axes.Axes

    Raises
    ------
    TypeError, ValueError
        As :func:`check_axes`, :func:`new_figure`.
    """
    if axes is None:
        return new_figure(nrows, ncols, figsize=figsize, static=static,
                          width_ratios=width_ratios, height_ratios=height_ratios)
    axes = check_axes(axes, count=count, minimum=minimum)
    if not axes:
        raise ValueError("axes is empty; expected at least one matplotlib Axes (or None)")
    _check_options(figsize, static)
    return axes[0].figure, axes


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
