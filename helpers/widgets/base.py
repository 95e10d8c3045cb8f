"""What every widget factory shares: a figure shown as a PNG, and the parts tests reach.

Used by every widget of :mod:`helpers.widgets` (notebooks 01, 03, 04).
"""

from __future__ import annotations

import io

import ipywidgets as widgets

from helpers.plots.style import DPI, MAX_PIXELS, check_dpi


class FigureView:
    """Show a (non-pyplot) matplotlib ``Figure`` as a PNG image widget.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        Made with ``new_axes(static=False)`` or ``Figure()`` so that the
        inline backend does not also display it.
    dpi : int, 20 to 400 (:data:`helpers.plots.style.DPI_RANGE`)
        Resolution of the rendered PNG; the image must have at least one and
        at most 40 million pixels (:data:`helpers.plots.style.MAX_PIXELS`).

    Attributes
    ----------
    image : ipywidgets.Image
        The widget to place in a layout; its ``value`` is the PNG bytes.
    renders : int
        How many times the figure has been rendered (tests use it).
    """

    def __init__(self, fig, dpi: int = DPI):
        from matplotlib.figure import Figure

        if not isinstance(fig, Figure):
            raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
        self.fig = fig
        self.dpi = check_dpi(dpi)
        w, h = (float(v) * self.dpi for v in fig.get_size_inches())
        if w < 1 or h < 1 or w * h > MAX_PIXELS:
            raise ValueError(f"dpi {self.dpi} renders this {w / self.dpi:g} x {h / self.dpi:g} "
                             f"inch figure as {w:.0f} x {h:.0f} pixels; expected at least 1 x 1 "
                             f"and at most {MAX_PIXELS:,} pixels in all")
        self.renders = 0
        # natural pixel size (sharp), shrunk only when the notebook is narrower
        self.image = widgets.Image(format="png",
                                   layout=widgets.Layout(max_width="100%", height="auto"))
        self.refresh()

    def refresh(self) -> None:
        """Render the figure's current artists to PNG and show it."""
        buf = io.BytesIO()
        self.fig.savefig(buf, format="png", dpi=self.dpi)
        self.image.value = buf.getvalue()
        self.renders += 1


def expose(box, **parts):
    """Attach ``parts`` to ``box`` as attributes (``box.view``, ``box.slider`` ...) and return it.

    Tests and curious students reach a widget's pieces this way; a factory ends
    with ``return expose(box, view=view, ...)``.
    """
    for name, part in parts.items():
        setattr(box, name, part)
    return box
