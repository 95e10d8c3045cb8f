"""What every widget factory shares: a figure shown as a PNG, and the parts tests reach.

Used by every widget of :mod:`helpers.widgets` (notebooks 01, 03, 04).

A slider move must show its new figure within a frame or two, so :class:`FigureView`
renders with as little work as the figure allows (issue 14; measured in ``benchmarks/``):

- it draws with Agg straight into its canvas and encodes its pixels with Pillow at zlib
  level 1, as RGB (:func:`encode_png`: about 8.5 ms for a 820 x 590 figure, where
  ``savefig`` also sets the figure up again and compresses at level 6: 12 ms, for files
  2 % smaller);
- a figure where only some artists change (a moving point, a star) is drawn once as a
  background, kept as pixels, and each refresh draws only the changing artists over it
  (matplotlib's "blitting": ``copy_from_bbox`` / ``restore_region``), see
  :meth:`FigureView.set_changing`.
"""

from __future__ import annotations

import io
import time
from operator import methodcaller

import ipywidgets as widgets

from helpers.plots.style import DPI, MAX_PIXELS, check_dpi

#: zlib level of the PNGs: the fastest (1). Pillow's default (6, what ``savefig`` uses) takes
#: 12 ms for a 820 x 590 figure, level 1 about 8.5 ms, for a 2 % larger file (57 KB).
PNG_COMPRESSION = 1


def encode_png(rgba) -> bytes:
    """PNG bytes of an image, with Pillow: RGB if it is opaque (every alpha 255), else RGBA.

    Parameters
    ----------
    rgba : array_like or buffer, shape (H, W, 4), uint8, H and W >= 1
        The pixels (an Agg canvas's ``buffer_rgba()``); not changed.

    Returns
    -------
    bytes
        zlib level :data:`PNG_COMPRESSION`. An opaque image is stored without its alpha
        channel: 2 ms less to encode, a quarter fewer bytes to filter.
    """
    import numpy as np
    from PIL import Image

    rgba = np.asarray(rgba)  # an array, or a buffer such as the canvas's memoryview
    if rgba.dtype != np.uint8:
        raise TypeError(f"rgba must be an (H, W, 4) uint8 array, got dtype {rgba.dtype}")
    if rgba.ndim != 3 or rgba.shape[2] != 4 or 0 in rgba.shape:
        raise ValueError(f"rgba must be an (H, W, 4) uint8 array with H, W >= 1, "
                         f"got shape {rgba.shape}")
    img = Image.fromarray(np.ascontiguousarray(rgba), "RGBA")
    if rgba[..., 3].min() == 255:
        img = img.convert("RGB")
    buf = io.BytesIO()
    img.save(buf, format="png", compress_level=PNG_COMPRESSION)
    return buf.getvalue()


class FigureView:
    """Show a (non-pyplot) matplotlib ``Figure`` as a PNG image widget.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        Made with ``new_axes(static=False)`` or ``Figure()`` so that the
        inline backend does not also display it. The view gives it an Agg
        canvas of its own and sets its dpi to ``dpi``.
    dpi : int, 20 to 400 (:data:`helpers.plots.style.DPI_RANGE`)
        Resolution of the rendered PNG; the image must have at least one and
        at most 40 million pixels (:data:`helpers.plots.style.MAX_PIXELS`).

    Attributes
    ----------
    image : ipywidgets.Image
        The widget to place in a layout; its ``value`` is the PNG bytes.
    renders : int
        How many times the figure has been rendered (tests use it).
    last : dict
        The last render's ``"draw"`` and ``"encode"`` seconds, its PNG ``"bytes"`` and
        ``"blit"`` (True when only the changing artists were drawn); benchmarks read it.
    """

    def __init__(self, fig, dpi: int = DPI):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
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
        fig.set_dpi(self.dpi)
        self.canvas = FigureCanvasAgg(fig)  # draws without pyplot; keeps its pixels between draws
        self.renders = 0
        self.last = {}
        self._changing = ()
        self._background = None
        # natural pixel size (sharp), shrunk only when the notebook is narrower
        self.image = widgets.Image(format="png",
                                   layout=widgets.Layout(max_width="100%", height="auto"))
        self.refresh()

    def set_changing(self, artists) -> None:
        """Draw only ``artists`` on each refresh; everything else once, as a background.

        Parameters
        ----------
        artists : iterable of matplotlib Artist or Axes
            What a refresh may have changed: an Artist stands for itself, an Axes for all
            of its children (lines, patches, texts, legend, axis ticks ...) but not its
            background patch, looked up at each refresh (so a remade legend is included).
            They are drawn in the order of their ``zorder``, after the background. The
            caller promises that nothing else changes; after changing anything else, call
            :meth:`invalidate`. An empty iterable switches back to drawing everything.

        Notes
        -----
        A changing artist is drawn OVER every static one, so a static artist that
        overlaps a changing one and has a higher ``zorder`` (it would be drawn above it in
        a full render) must be passed too; the widget tests compare each widget's blitted
        render with a full render, pixel for pixel.
        """
        from matplotlib.artist import Artist

        artists = tuple(artists)
        for a in artists:
            if not isinstance(a, Artist):
                raise TypeError(f"artists must be matplotlib Artists or Axes, "
                                f"got {type(a).__name__}")
        self._changing = artists
        self._background = None

    def invalidate(self) -> None:
        """Forget the background: the next refresh draws the whole figure again."""
        self._background = None

    def _changing_artists(self):
        from matplotlib.axes import Axes

        out = []
        for a in self._changing:
            if isinstance(a, Axes):
                out += [c for c in a.get_children() if c is not a.patch]
            else:
                out.append(a)
        return sorted(out, key=methodcaller("get_zorder"))  # stable: ties keep their order

    def _draw_background(self, changing) -> None:
        """Draw everything but ``changing`` and keep the pixels.

        The changing artists are left out as matplotlib's "animated" artists (which a
        figure's draw skips), not hidden: an Axes places its title by the title's size, and
        a hidden title has none (it would be drawn far above the figure afterwards). An
        image is drawn even when animated, so it alone is hidden.
        """
        from matplotlib.image import AxesImage

        saved = [(a, a.get_animated(), a.get_visible()) for a in changing]
        for a, _, _ in saved:
            a.set_animated(True)
            if isinstance(a, AxesImage):
                a.set_visible(False)
        try:
            self.canvas.draw()
        finally:
            for a, animated, visible in saved:
                a.set_animated(animated)
                a.set_visible(visible)
        self._background = self.canvas.copy_from_bbox(self.fig.bbox)

    def _draw(self) -> bool:
        """Draw the figure into the canvas; True if only the changing artists were drawn."""
        if not self._changing:
            self.canvas.draw()
            return False
        changing = self._changing_artists()
        if self._background is None:
            self._draw_background(changing)
        else:
            self.canvas.restore_region(self._background)
        renderer = self.canvas.get_renderer()
        for a in changing:
            a.draw(renderer)
        return True

    def png(self) -> bytes:
        """The canvas's current pixels as PNG bytes (:func:`encode_png`)."""
        return encode_png(self.canvas.buffer_rgba())

    def refresh(self) -> None:
        """Render the figure's current artists to PNG and show it."""
        refresh_views([self])

    def _show(self, data: bytes, draw: float, encode: float, blit: bool) -> None:
        self.image.value = data
        self.renders += 1
        self.last = {"draw": draw, "encode": encode, "bytes": len(data), "blit": blit}


def _timed_png(view):
    t0 = time.perf_counter()
    data = view.png()
    return data, time.perf_counter() - t0


def refresh_views(views) -> None:
    """Refresh several :class:`FigureView` at once: draw each, encode their PNGs side by side.

    Drawing holds Python's GIL, but Pillow lets go of it while it compresses, so the
    encoding of one figure overlaps the drawing and encoding of the next (notebook 03's
    explorer shows two figures: about 10 ms less per move on two cores). The images are
    shown in the given order once every PNG is ready.
    """
    views = list(dict.fromkeys(views))  # a view twice would be drawn while it is encoded
    if len(views) == 1:
        (view,) = views
        t0 = time.perf_counter()
        blit = view._draw()
        t1 = time.perf_counter()
        data, encode = _timed_png(view)
        view._show(data, t1 - t0, encode, blit)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=len(views)) as pool:
        jobs = []
        for view in views:
            t0 = time.perf_counter()
            blit = view._draw()
            draw = time.perf_counter() - t0
            # the canvas is not drawn again before the PNG is made: the thread reads its pixels
            jobs.append((view, pool.submit(_timed_png, view), draw, blit))
        for view, job, draw, blit in jobs:
            data, encode = job.result()
            view._show(data, draw, encode, blit)


def expose(box, **parts):
    """Attach ``parts`` to ``box`` as attributes (``box.view``, ``box.slider`` ...) and return it.

    Tests and curious students reach a widget's pieces this way; a factory ends
    with ``return expose(box, view=view, ...)``.
    """
    for name, part in parts.items():
        setattr(box, name, part)
    return box
