"""Widgets for notebook 01: one sample's cross-entropy error.

Used by notebook 01.

- :func:`cee_curve_widget`   a slider (steps of 0.01, a menu of the lesson's values) for
  the right class's probability ``p`` moves a
  point along ``-log(p + delta)`` and reads out the loss
- :func:`prediction_widget`  browse the network's predictions for MNIST images:
  the image, its 10 probabilities and its loss (predictions ``y`` before
  targets ``t``, as in the book: ``prediction_widget(x, y, t)``)
- :func:`interesting_examples` the indices the browser's menu jumps to

Both widgets build their figure once with :mod:`helpers.plots.single` (a bare
Figure, shown as a PNG by :class:`~helpers.widgets.base.FigureView`) and move
its artists in place on a slider change; nothing is recomputed (the network's
predictions are passed in).

Every text a student reads (labels, menus, readouts) comes from the catalogue,
keys ``"single.*"`` (:func:`helpers.i18n.tr`), in the language in use when the
widget is made (:func:`helpers.use_language`). Argument errors stay in English.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from helpers._validation import (
    check_bool,
    check_choice,
    check_int,
    check_labels,
    check_probabilities,
    check_real,
)
from helpers.i18n import tr
from helpers.losses import DELTA, cross_entropy_per_sample, neg_log
from helpers.plots.full import _check_losses
from helpers.plots.single import (
    SPLITS,
    check_pixels,
    fmt_point_loss,
    neg_log_title,
    plot_neg_log,
    plot_prediction,
    prediction_title,
    update_probabilities,
    verdict,
)
from helpers.plots.style import DPI, FONT, VERDICT_COLORS, check_dpi, fmt_loss, new_axes

from .base import FigureView, expose

__all__ = ["CURVE_STEP", "CURVE_STOPS", "curve_stops", "cee_curve_widget",
           "interesting_examples", "prediction_widget"]


def _readout(p: float, delta: float) -> str:
    loss = neg_log(p, delta)
    extra = (tr("single.curve.readout_cap") if p == 0
             else tr("single.curve.readout_below_zero") if loss < 0 else "")
    return (f"<span style='font-size:1.15em'>p = <b>{p:.3f}</b> &nbsp;→&nbsp; "
            f"E = −log({p:.3f} + {delta:g}) = <b>{fmt_point_loss(loss)}</b>{extra}</span>")


def _check_view(dpi, continuous_update) -> tuple[int, bool]:
    return (check_dpi(dpi),
            check_bool(continuous_update, "continuous_update"))


#: Step of the probability slider: one arrow key press moves it 0.01, a step a student sees.
CURVE_STEP = 0.01
#: The values the lesson talks about, in the curve widget's "jump to" menu, in its order
#: (:func:`curve_stops` labels them). Each is a whole number of slider steps: the browser's
#: slider rounds its value to a step and sends that back, so a 0.001 shown for a moment
#: became 0 (found by the browser benchmark, issue 14).
CURVE_STOPS = (1.0, 0.6, 0.1, 0.01, 0.0)


def curve_stops() -> dict[str, float]:
    """The curve widget's "jump to" menu: ``{label: p}`` for each of :data:`CURVE_STOPS`.

    The labels are in the language in use, e.g. ``"1 (sure and right)"``,
    ``"0.6 (the book's example 1)"``, ``"0.1 (example 2, a uniform guess)"``,
    ``"0.01"``, ``"0 (δ caps the loss)"``.
    """
    return {tr("single.curve.stop_sure"): 1.0, tr("single.curve.stop_book"): 0.6,
            tr("single.curve.stop_uniform"): 0.1, "0.01": 0.01,
            tr("single.curve.stop_cap"): 0.0}


def cee_curve_widget(p: float = 0.6, *, delta: float = DELTA, dpi: int = DPI,
                     continuous_update: bool = True):
    """A slider for the probability of the right class, and the loss it costs.

    Parameters
    ----------
    p : float in [0, 1]
        Start value of the slider.
    delta : float in (0, 1), default 1e-7 (:data:`helpers.losses.DELTA`)
        The delta of ``-log(p + delta)``; ``p = 0`` shows the cap ``-log(delta)``
        (so delta must be positive: the slider reaches 0).
    dpi : int, 20 to 400, default :data:`helpers.plots.style.DPI` (100)
        Resolution of the rendered figure.
    continuous_update : bool
        Update while the slider is dragged.

    Returns
    -------
    ipywidgets.VBox
        With attributes ``slider`` (FloatSlider 0..1, step :data:`CURVE_STEP` = 0.01),
        ``jump`` (Dropdown of :func:`curve_stops`; choosing one sets the slider, -1: none),
        ``sliders`` (``{"p": slider}``), ``readout`` (HTML), ``view`` (FigureView), ``ax``,
        ``artists`` (the dict of :func:`helpers.plots.single.plot_neg_log`) and
        ``update`` (the observer; call ``update()`` to redraw).
    """
    p = check_real(p, "p", minimum=0.0, maximum=1.0)
    delta = check_real(delta, "delta", minimum=0.0, strict=True)
    dpi, continuous_update = _check_view(dpi, continuous_update)
    fig, ax = new_axes(static=False, figsize=(8, 4.6))
    art = plot_neg_log([(p, "")], ax=ax, delta=delta, ymax=17.5, cap=True)
    dot, guide, label = art["points"][0], art["guides"][0], art["labels"][0]
    slider = widgets.FloatSlider(value=p, min=0.0, max=1.0, step=CURVE_STEP, readout_format=".3f",
                                 description=tr("single.curve.slider"),
                                 continuous_update=continuous_update,
                                 style={"description_width": "initial"},
                                 layout=widgets.Layout(width="60%"))
    jump = widgets.Dropdown(options=[(tr("single.curve.choose"), -1.0)]
                            + list(curve_stops().items()),
                            value=-1.0, description=tr("single.curve.jump"),
                            layout=widgets.Layout(width="auto"))
    readout = widgets.HTML(_readout(p, delta))

    def place(q):
        """Move the point, its guides and its label to ``q`` (no render)."""
        e = neg_log(q, delta)
        dot.set_data([q], [e])
        guide.set_data([q, q, 0], [0, e, e])
        label.xy = (q, e)
        label.set_text(f"E = {fmt_point_loss(e)}")
        color = VERDICT_COLORS[verdict(q)]
        for a in (dot, guide, label):
            a.set_color(color)
        label.get_bbox_patch().set_edgecolor(color)
        # keep the label inside the axes: left of the point on the right half, below it near the top
        label.set_position((-14 if q > 0.6 else 14, -30 if e > 12 else 14))
        label.set_ha("right" if q > 0.6 else "left")
        label.set_va("bottom")
        ax.set_title(neg_log_title(q, delta), fontsize=FONT["title"])

    place(p)  # before the first render, which fixes the layout: the label as it will be drawn
    view = FigureView(fig, dpi=dpi)
    fig.set_layout_engine(None)  # keep the first render's layout: a redraw then costs half as much
    # only the point, its guides, its label and the title move: the curve is drawn once
    view.set_changing([dot, guide, label, ax.title])

    def update(change=None):
        q = float(slider.value)
        place(q)
        readout.value = _readout(q, delta)
        if jump.value not in (-1.0, q):
            jump.value = -1.0
        view.refresh()

    def go(change):
        if change["new"] != -1.0:
            slider.value = float(change["new"])

    update()
    slider.observe(update, names="value")
    jump.observe(go, names="value")
    box = widgets.VBox([widgets.HBox([slider, jump]), readout, view.image])
    return expose(box, slider=slider, jump=jump, sliders={"p": slider}, readout=readout,
                  view=view, ax=ax, artists=art, update=update)


def _check_predictions(y, t, losses):
    """``(y, t, losses)`` checked: (N, K) probabilities, N labels in 0..K-1, N finite losses."""
    y = check_probabilities(y, "y", ndim=2)
    n, k = y.shape
    t = check_labels(t, "t", n=n, k=k, per="row of y")
    if losses is None:
        losses = cross_entropy_per_sample(y, t)
    else:
        losses = _check_losses(losses)  # finite, 1-D, none below -log(1 + delta)
        if losses.shape != (n,):
            raise ValueError(f"losses must hold one loss per row of y ({n}), "
                             f"got shape {losses.shape}")
    return y, t, losses


def interesting_examples(y, t, losses=None):
    """Indices of telling predictions.

    Parameters
    ----------
    y : array_like, shape (N, K), float
        Predicted probabilities, in [0, 1].
    t : array_like, shape (N,), int
        True labels, 0..K-1.
    losses : array_like, shape (N,), optional
        Per-sample CEE, finite and >= 0 (the tiny ``-log(1 + 1e-7)`` of a
        probability of exactly 1 allowed); computed if None.

    Returns
    -------
    dict of str -> int
        ``"most confident right"`` (the right prediction with the largest top
        probability; absent if nothing is right), ``"most confident wrong"``
        (the wrong prediction with the largest top probability; absent if
        nothing is wrong), ``"highest loss"`` and ``"loss closest to the mean"``.
        The keys are names for the code, English in every language (the browser's
        menu shows them in the language in use).
    """
    y, t, losses = _check_predictions(y, t, losses)
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


def prediction_widget(x, y, t, losses=None, *, index: int = 0, split: str = "test", dpi: int = DPI,
                      continuous_update: bool = True):
    """Browse a network's predictions: an image, its 10 probabilities and its loss.

    Parameters
    ----------
    x : array_like, shape (N, 784)
        The images: floats in [0, 1] or integer pixels in 0..255.
    y : array_like, shape (N, K), float
        The network's probabilities for every image, computed ONCE by the
        caller (``net.predict(x)``): the slider only indexes.
    t : array_like, shape (N,), int
        Their labels, 0..K-1.
    losses : array_like, shape (N,), optional
        Per-sample CEE; computed once here if None.
    index : int in 0..N-1
        The image shown first.
    split : {"test", "training"}
        Named in the title.
    dpi : int, 20 to 400, default :data:`helpers.plots.style.DPI` (100)
        Resolution of the rendered figure.
    continuous_update : bool
        Update while the slider is dragged.

    Returns
    -------
    ipywidgets.VBox
        With attributes ``slider`` (IntSlider 0..N-1), ``dropdown`` (the
        interesting examples; choosing one moves the slider), ``examples``
        (dict name -> index), ``sliders`` (``{"index": slider}``), ``view``,
        ``artists`` (the dict of :func:`helpers.plots.single.plot_prediction`),
        ``readout`` (HTML), ``losses`` and ``update``.
    """
    y, t, losses = _check_predictions(y, t, losses)
    n = y.shape[0]
    x = check_pixels(x, "x", shapes=((None, 784),))
    if x.shape[0] != n:
        raise ValueError(f"x must be the same N images as y and t, one row of 784 pixels each: "
                         f"expected shape ({n}, 784), got {x.shape}")
    i0 = check_int(index, "index", minimum=0, maximum=n - 1, why=" (the last image)")
    check_choice(split, "split", SPLITS)
    dpi, continuous_update = _check_view(dpi, continuous_update)
    examples = interesting_examples(y, t, losses)
    art = plot_prediction(x[i0], y[i0], int(t[i0]), loss=float(losses[i0]), index=i0, split=split,
                          static=False)
    view = FigureView(art["fig"], dpi=dpi)
    art["fig"].set_layout_engine(None)  # keep the first render's layout: redraws cost half as much
    # (no blitting: the digit, the whole bar chart and both titles change with the image)
    slider, dropdown = _browse_controls(n, i0, split, examples, continuous_update)
    readout = widgets.HTML()
    show = _shower(x, y, t, losses, art, split)

    def update(change=None):
        i = int(slider.value)
        readout.value = show(i)
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
    return expose(box, slider=slider, sliders={"index": slider}, dropdown=dropdown,
                  examples=examples, readout=readout, view=view, artists=art, losses=losses,
                  update=update)


def _example_name(key: str) -> str:
    """The menu's words for a key of :func:`interesting_examples`, in the language in use."""
    names = {"most confident right": tr("single.browser.most_confident_right"),
             "most confident wrong": tr("single.browser.most_confident_wrong"),
             "highest loss": tr("single.browser.highest_loss"),
             "loss closest to the mean": tr("single.browser.closest_to_mean")}
    return names[key]


def _browse_controls(n, i0, split, examples, continuous_update):
    """The image slider and the menu of interesting examples (-1: none chosen)."""
    name = (tr("single.browser.slider_test") if split == "test"
            else tr("single.browser.slider_training"))
    slider = widgets.IntSlider(value=i0, min=0, max=n - 1, step=1, description=name,
                               continuous_update=continuous_update,
                               layout=widgets.Layout(width="60%"))
    dropdown = widgets.Dropdown(
        options=[(tr("single.browser.choose"), -1)]
        + [(tr("single.browser.example", name=_example_name(k), index=v), v)
           for k, v in examples.items()],
        value=-1, description=tr("single.browser.jump"), layout=widgets.Layout(width="auto"))
    return slider, dropdown


def _shower(x, y, t, losses, art, split):
    """``show(i)``: move the artists of :func:`plot_prediction` to image ``i``; the readout HTML."""
    n = y.shape[0]
    mean = fmt_loss(float(losses.mean()))
    im, title = art["image"], art["title"]

    def show(i):
        yi, ti = y[i], int(t[i])
        im.set_data(x[i].reshape(28, 28))
        update_probabilities(art["probabilities"], yi, ti)  # bars, true-class slot, labels
        art["ax_image"].set_title(tr("single.prediction.label", t=ti), fontsize=FONT["title"])
        title.set_text(prediction_title(yi, ti, loss=float(losses[i]), index=i, split=split))
        rank = int(np.count_nonzero(losses > losses[i])) + 1
        return tr("single.browser.readout", i=i, loss=fmt_loss(losses[i]), rank=f"{rank:,}",
                  n=f"{n:,}", mean=mean)

    return show
