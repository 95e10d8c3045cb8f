"""Widgets for notebook 01: one sample's cross-entropy error.

- :func:`cee_curve_widget`   a slider for the right class's probability moves a
  point along ``-log(y + delta)`` and reads out the loss
- :func:`prediction_widget`  browse the network's predictions for MNIST images:
  the image, its 10 probabilities and its loss

Both build their figure once with :mod:`helpers.plots.single` and move its
artists in place on a slider change; nothing is recomputed (the network's
predictions are passed in).
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from helpers.losses import cross_entropy_per_sample
from helpers.plots.single import (
    _fmt_loss,
    fmt_prob,
    mark_true_tick,
    neg_log_title,
    plot_neg_log,
    plot_prediction,
    prediction_title,
    probability_colors,
)
from helpers.plots.style import COLORS, new_axes

from .base import FigureView

__all__ = ["cee_curve_widget", "interesting_examples", "prediction_widget"]


def _point_color(p: float) -> str:
    """Green when the right class wins (p > 0.5), orange for a timid guess, vermillion below 0.1."""
    return COLORS["green"] if p > 0.5 else (COLORS["orange"] if p >= 0.1 else COLORS["vermillion"])


def _readout(p: float, delta: float) -> str:
    loss = -np.log(p + delta)
    extra = " (the cap −log(δ): log(0) alone would be −∞)" if p == 0 else ""
    return (f"<span style='font-size:1.15em'>y = <b>{p:.3f}</b> &nbsp;→&nbsp; "
            f"E = −log({p:.3f} + {delta:g}) = <b>{_fmt_loss(loss)}</b>{extra}</span>")


def cee_curve_widget(p: float = 0.6, *, delta: float = 1e-7, dpi: int = 80, continuous_update: bool = True):
    """A slider for the probability of the right class, and the loss it costs.

    Parameters
    ----------
    p : float in [0, 1]
        Start value of the slider.
    delta : float
        The delta of ``-log(y + delta)``; ``p = 0`` shows the cap ``-log(delta)``.
    dpi : int
        Resolution of the rendered figure.
    continuous_update : bool
        Update while the slider is dragged.

    Returns
    -------
    ipywidgets.VBox
        With attributes ``slider`` (FloatSlider 0..1, step 0.001), ``sliders``
        (``{"p": slider}``), ``readout`` (HTML), ``view`` (FigureView), ``ax``,
        ``artists`` (the dict of :func:`helpers.plots.single.plot_neg_log`) and
        ``update`` (the observer; call ``update()`` to redraw).
    """
    fig, ax = new_axes(static=False, figsize=(8, 4.6))
    art = plot_neg_log([(p, "")], ax=ax, delta=delta, ymax=17.5, cap=True, static=False)
    dot, guide, label = art["points"][0], art["guides"][0], art["labels"][0]
    slider = widgets.FloatSlider(value=p, min=0.0, max=1.0, step=0.001, readout_format=".3f",
                                 description="y of the right class", continuous_update=continuous_update,
                                 style={"description_width": "initial"}, layout=widgets.Layout(width="90%"))
    readout = widgets.HTML(_readout(p, delta))
    view = FigureView(fig, dpi=dpi)
    fig.set_layout_engine(None)  # keep the first render's layout: a redraw then costs half as much

    def update(change=None):
        q = float(slider.value)
        e = float(-np.log(q + delta))
        dot.set_data([q], [e])
        guide.set_data([q, q, 0], [0, e, e])
        label.xy = (q, e)
        label.set_text(f"E = {_fmt_loss(e)}")
        color = _point_color(q)
        for a in (dot, guide, label):
            a.set_color(color)
        label.get_bbox_patch().set_edgecolor(color)
        # keep the label inside the axes: to the left of the point on the right half, below it near the top
        label.set_position((-14 if q > 0.6 else 14, -30 if e > 12 else 14))
        label.set_ha("right" if q > 0.6 else "left")
        ax.set_title(neg_log_title(q, delta), fontsize=13)
        readout.value = _readout(q, delta)
        view.refresh()

    update()
    slider.observe(update, names="value")
    box = widgets.VBox([slider, readout, view.image])
    box.slider = slider
    box.sliders = {"p": slider}
    box.readout = readout
    box.view = view
    box.ax = ax
    box.artists = art
    box.update = update
    return box


def interesting_examples(y, t, losses=None):
    """Indices of telling predictions.

    Parameters
    ----------
    y : array_like, shape (N, K), float
        Predicted probabilities.
    t : array_like, shape (N,), int
        True labels.
    losses : array_like, shape (N,), optional
        Per-sample CEE (computed if None).

    Returns
    -------
    dict of str -> int
        ``"most confident right"`` (the right prediction with the largest top
        probability), ``"most confident wrong"`` (the wrong prediction with
        the largest top probability; absent if nothing is wrong), ``"highest
        loss"`` and ``"loss closest to the mean"``.
    """
    y = np.asarray(y)
    t = np.asarray(t)
    if losses is None:
        losses = cross_entropy_per_sample(y, t)
    losses = np.asarray(losses)
    guess = y.argmax(axis=1)
    top = y.max(axis=1)
    right = guess == t
    out = {}
    if right.any():
        out["most confident right"] = int(np.flatnonzero(right)[np.argmax(top[right])])
    if (~right).any():
        out["most confident wrong"] = int(np.flatnonzero(~right)[np.argmax(top[~right])])
    out["highest loss"] = int(np.argmax(losses))
    out["loss closest to the mean"] = int(np.argmin(np.abs(losses - losses.mean())))
    return out


def prediction_widget(x, t, y, losses=None, *, index: int = 0, split: str = "test", dpi: int = 80,
                      continuous_update: bool = True):
    """Browse a network's predictions: an image, its 10 probabilities and its loss.

    Parameters
    ----------
    x : array_like, shape (N, 784), float in [0, 1]
        The images.
    t : array_like, shape (N,), int
        Their labels.
    y : array_like, shape (N, 10), float
        The network's probabilities for every image, computed ONCE by the
        caller (``net.predict(x)``): the slider only indexes.
    losses : array_like, shape (N,), optional
        Per-sample CEE; computed once here if None.
    index : int
        The image shown first.
    split : str
        "test" or "training", named in the title.

    Returns
    -------
    ipywidgets.VBox
        With attributes ``slider`` (IntSlider 0..N-1), ``dropdown`` (the
        interesting examples; choosing one moves the slider), ``examples``
        (dict name -> index), ``sliders`` (``{"index": slider}``), ``view``,
        ``artists`` (the dict of :func:`helpers.plots.single.plot_prediction`),
        ``readout`` (HTML) and ``update``.
    """
    t = np.asarray(t)
    y = np.asarray(y)
    n = y.shape[0]
    if x.shape[0] != n or t.shape != (n,):
        raise ValueError(f"prediction_widget: x {x.shape}, t {t.shape} and y {y.shape} must describe the same N images")
    losses = cross_entropy_per_sample(y, t) if losses is None else np.asarray(losses)
    examples = interesting_examples(y, t, losses)
    mean = _fmt_loss(float(losses.mean()))
    i0 = int(index)
    art = plot_prediction(x[i0], y[i0], t[i0], loss=losses[i0], index=i0, split=split, static=False, figsize=(10, 4.4))
    bars, value, im, title = art["bars"], art["value"], art["image"], art["title"]
    view = FigureView(art["fig"], dpi=dpi)
    art["fig"].set_layout_engine(None)  # keep the first render's layout: a redraw then costs half as much
    slider = widgets.IntSlider(value=i0, min=0, max=n - 1, step=1, description=f"{split} image",
                               continuous_update=continuous_update, layout=widgets.Layout(width="60%"))
    placeholder = "(choose an interesting example)"
    dropdown = widgets.Dropdown(options=[(placeholder, -1)] + [(f"{k}: image {v}", v) for k, v in examples.items()],
                                value=-1, description="jump to", layout=widgets.Layout(width="auto"))
    readout = widgets.HTML()

    def update(change=None):
        i = int(slider.value)
        yi, ti = y[i], int(t[i])
        im.set_data(np.asarray(x[i]).reshape(28, 28))
        for rect, h, c in zip(bars.patches, yi, probability_colors(yi, ti)):
            rect.set_height(float(h))
            rect.set_facecolor(c)
        value.set_position((ti, float(yi[ti]) + 0.02))
        value.set_text(fmt_prob(yi[ti]))
        mark_true_tick(art["ax_bars"], ti)
        art["ax_image"].set_title(f"label t = {ti}", fontsize=13)
        title.set_text(prediction_title(yi, ti, float(losses[i]), i, split))
        rank = int(np.count_nonzero(losses > losses[i])) + 1
        readout.value = (f"image {i}: loss <b>{_fmt_loss(losses[i])}</b>, rank {rank:,} of {n:,} "
                         f"from the worst (mean loss of all {n:,}: {mean})")
        if dropdown.value not in (-1, i):
            dropdown.value = -1
        view.refresh()

    def jump(change):
        if change["new"] != -1:
            slider.value = int(change["new"])

    update()
    slider.observe(update, names="value")
    dropdown.observe(jump, names="value")
    box = widgets.VBox([widgets.HBox([slider, dropdown]), readout, view.image])
    box.slider = slider
    box.sliders = {"index": slider}
    box.dropdown = dropdown
    box.examples = examples
    box.readout = readout
    box.view = view
    box.artists = art
    box.losses = losses
    box.update = update
    return box
