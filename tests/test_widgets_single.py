"""Tests for helpers.widgets.single (notebook 01): moving a slider updates the right artists.

Observers run synchronously, so each test sets ``slider.value`` and checks the
artists, titles, readouts and PNG bytes right after, against values computed
here independently (math.log, explicit loops). Bad input must raise TypeError
(wrong kind) or ValueError (bad value) naming the argument; lists work; inputs
are never modified.
"""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import helpers.widgets as hw  # noqa: E402
from helpers.plots import COLORS  # noqa: E402
from helpers.plots.style import FONT  # noqa: E402
from helpers.widgets.single import (  # noqa: E402
    cee_curve_widget,
    interesting_examples,
    prediction_widget,
)
from tests.support import assert_projector_readable  # noqa: E402

#: The book's delta, written out: the reference values below do not come from the code.
DELTA = 1e-7


def _same_color(a, b):
    return mcolors.to_hex(a) == mcolors.to_hex(b)


def test_exported_from_package():
    for name in ("cee_curve_widget", "prediction_widget"):
        assert getattr(hw, name) is getattr(hw.single, name) and name in hw.__all__
    # what no notebook imports stays in the submodule
    assert "interesting_examples" in hw.single.__all__ and not hasattr(hw, "interesting_examples")


# ------------------------------------------------------------------ the -log curve


@pytest.fixture(scope="module")
def curve():
    return cee_curve_widget(p=0.6, dpi=40)


def test_curve_slider_range_includes_zero(curve):
    s = curve.slider
    assert (s.min, s.max, s.step) == (0.0, 1.0, 0.01)
    assert curve.sliders == {"p": s}
    assert len(plt.get_fignums()) == 0, "the widget must not create pyplot figures"


def test_curve_initial_state(curve):
    curve.slider.value = 0.6
    (px, py) = curve.artists["points"][0].get_data()
    assert px[0] == 0.6 and py[0] == pytest.approx(0.5108, abs=5e-5)
    assert "0.5108" in curve.ax.get_title() and "0.5108" in curve.readout.value
    assert curve.artists["delta"] == DELTA, "the default delta is the book's 1e-7"
    assert curve.artists["cap"].get_ydata()[0] == pytest.approx(7 * math.log(10), rel=1e-12)
    assert curve.ax.title.get_fontsize() == FONT["title"]
    assert curve.children[0].children == (curve.slider, curve.jump)
    assert curve.children[1:] == (curve.readout, curve.view.image)


@pytest.mark.parametrize("p", [0.0, 0.001, 0.1, 0.25, 0.6, 0.999, 1.0, 0.0])
def test_curve_slider_moves_point_title_readout_and_png(curve, p):
    if curve.slider.value == p:
        curve.slider.value = 0.5  # make sure the next assignment is a change
    png, renders = curve.view.image.value, curve.view.renders
    curve.slider.value = p
    e = -math.log(p + DELTA)
    (px, py) = curve.artists["points"][0].get_data()
    assert px[0] == p and py[0] == pytest.approx(e, rel=1e-12)
    gx, gy = curve.artists["guides"][0].get_data()
    assert list(gx) == [p, p, 0]
    assert gy[1] == pytest.approx(e, rel=1e-12) and gy[2] == pytest.approx(e, rel=1e-12)
    label = curve.artists["labels"][0]
    assert label.xy == (p, pytest.approx(e, rel=1e-12))
    # p = 1: -log(1 + 1e-7) = -1e-7, just below 0 (the lesson's 4-decimal table prints -0.0000)
    shown = "-1.0e-07 ≈ 0" if p == 1 else f"{e:.4f}"
    assert label.get_text() == f"E = {shown}"
    title = curve.ax.get_title()
    if p == 0:
        assert "16.1181" in title and "caps" in title
        assert "16.1181" in curve.readout.value and "cap" in curve.readout.value
    elif p == 1:
        assert "no loss" in title and "-1.0e-07 ≈ 0" in title
        assert "<b>-1.0e-07 ≈ 0</b>" in curve.readout.value and "-0.0000" in curve.readout.value
        assert "<b>0.0000</b>" not in curve.readout.value, "0.0000 would contradict the table"
    else:
        assert f"{e:.4f}" in title and f"{p:.3f}" in title
        assert f"<b>{e:.4f}</b>" in curve.readout.value
    want = COLORS["green"] if p > 0.5 else COLORS["orange"] if p >= 0.1 else COLORS["vermillion"]
    assert _same_color(curve.artists["points"][0].get_color(), want)
    assert curve.view.renders == renders + 1, "exactly one render per change"
    assert curve.view.image.value != png, "the PNG must change"
    # the point stays inside the axes at every value (p = 1 gives -1e-7: on the axis)
    lo, hi = curve.ax.get_ylim()
    assert lo - 1e-6 <= py[0] <= hi


def test_curve_figure_is_updated_in_place(curve):
    fig, line = curve.view.fig, curve.artists["curve"]
    n_lines = len(curve.ax.lines)
    for p in (0.3, 0.0, 0.9):
        curve.slider.value = p
    assert curve.view.fig is fig and curve.artists["curve"] is line
    assert len(curve.ax.lines) == n_lines


# ------------------------------------------------------------------ the prediction browser


@pytest.fixture(scope="module")
def fake():
    """40 'images' with Dirichlet predictions; the last two are engineered extremes."""
    rng = np.random.default_rng(11)
    n = 40
    x = rng.random((n, 784)).astype(np.float32)
    t = rng.integers(0, 10, n)
    y = rng.dirichlet(np.ones(10), size=n).astype(np.float32)
    # the last: sure of class (t+1)%10, confidently wrong, its loss at the cap
    y[-1] = 0.0
    y[-1, (t[-1] + 1) % 10] = 1.0
    y[-2] = 0.0                                  # sure and right
    y[-2, t[-2]] = 1.0
    return x, t, y


def _losses_by_hand(y, t):
    return np.array([-math.log(float(y[i, t[i]]) + DELTA) for i in range(len(t))])


@pytest.fixture(scope="module")
def browser(fake):
    x, t, y = fake
    return prediction_widget(x, y, t, _losses_by_hand(y, t), index=0, dpi=40)


def test_interesting_examples_by_loop(fake):
    x, t, y = fake
    losses = _losses_by_hand(y, t)
    best_right = best_wrong = None
    for i in range(len(t)):
        guess = max(range(10), key=lambda k: y[i, k])
        top = y[i, guess]
        if guess == t[i] and (best_right is None or top > y[best_right].max()):
            best_right = i
        if guess != t[i] and (best_wrong is None or top > y[best_wrong].max()):
            best_wrong = i
    got = interesting_examples(y, t, losses)
    assert got["most confident right"] == best_right == len(t) - 2
    assert got["most confident wrong"] == best_wrong == len(t) - 1
    assert got["highest loss"] == max(range(len(t)), key=lambda i: losses[i]) == len(t) - 1
    mean = sum(losses) / len(losses)
    closest = min(range(len(t)), key=lambda i: abs(losses[i] - mean))
    assert got["loss closest to the mean"] == closest
    assert interesting_examples(y, t) == got, "losses computed when not given"


def test_interesting_examples_all_right():
    y = np.eye(10)[[1, 2, 3]]
    got = interesting_examples(y, np.array([1, 2, 3]))
    assert "most confident wrong" not in got and "most confident right" in got


@pytest.mark.parametrize("i", [0, 1, 17, 38, 39, 0])
def test_browser_slider_updates_everything(browser, fake, i):
    x, t, y = fake
    losses = _losses_by_hand(y, t)
    if browser.slider.value == i:
        browser.slider.value = 5
    png, renders = browser.view.image.value, browser.view.renders
    browser.slider.value = i
    art = browser.artists
    np.testing.assert_array_equal(art["image"].get_array(), x[i].reshape(28, 28))
    heights = [r.get_height() for r in art["bars"].patches]
    assert heights == pytest.approx([float(v) for v in y[i]])
    guess = int(np.argmax(y[i]))
    for k, r in enumerate(art["bars"].patches):
        want = (COLORS["green"] if k == t[i]
                else COLORS["vermillion"] if k == guess else COLORS["grey"])
        assert _same_color(r.get_facecolor(), want), (i, k)
    assert art["band"].get_x() == pytest.approx(t[i] - 0.5), "the true class's slot moves"
    assert [r.get_hatch() for r in art["bars"].patches] == \
        ["//" if k == t[i] else None for k in range(10)]
    assert art["value"].get_text() == f"true class\n{float(y[i, t[i]]):.4f}" \
        or float(y[i, t[i]]) < 1e-3
    assert art["guess"].get_visible() == (guess != t[i]), "a wrong guess is named only if there"
    assert art["ax_bars"].get_legend() is None
    title = art["title"].get_text()
    shown = "0.0000" if f"{losses[i]:.4f}" == "-0.0000" else f"{losses[i]:.4f}"
    assert f"= {shown} (" in title and f"image {i} is a {t[i]}" in title
    assert ("right" in title) == (guess == t[i])
    assert art["ax_image"].get_title() == f"label t = {t[i]}"
    rank = 1 + sum(1 for v in losses if v > losses[i])
    assert f"rank {rank:,} of 40" in browser.readout.value
    assert browser.view.renders == renders + 1
    assert browser.view.image.value != png


def test_browser_extremes(browser, fake):
    x, t, y = fake
    browser.slider.value = 39  # confidently wrong: y = 0 on the right class
    assert "16.1181" in browser.artists["title"].get_text()
    assert browser.artists["value"].get_text() == "true class\n0.0000"
    browser.slider.value = 38  # sure and right: -log(1 + delta) shown as 0.0000, not -0.0000
    assert "= 0.0000 (confident" in browser.artists["title"].get_text()
    assert "-0.0000" not in browser.artists["title"].get_text() + browser.readout.value


def test_browser_dropdown_jumps_and_resets(browser):
    ex = browser.examples
    browser.dropdown.value = ex["highest loss"]
    assert browser.slider.value == ex["highest loss"]
    assert "16.1181" in browser.artists["title"].get_text()
    browser.dropdown.value = ex["most confident right"]
    assert browser.slider.value == ex["most confident right"]
    browser.slider.value = 3  # moving the slider away clears the menu
    assert browser.dropdown.value == -1


def test_browser_checks_shapes_and_computes_losses(fake):
    x, t, y = fake
    with pytest.raises(ValueError, match="^x must be the same N images"):
        prediction_widget(x[:-1], y, t)
    w = prediction_widget(x, y, t, index=39, dpi=20)
    np.testing.assert_allclose(w.losses, _losses_by_hand(y, t), rtol=1e-6)
    assert w.slider.max == 39 and w.slider.value == 39
    assert "16.1181" in w.artists["title"].get_text()


def test_browser_takes_lists(fake):
    # valid array_like: x.tolist() used to raise AttributeError
    x, t, y = fake
    w = prediction_widget(x[:5].tolist(), y[:5].tolist(), t[:5].tolist(), index=2, dpi=20)
    assert w.slider.max == 4 and w.slider.value == 2
    np.testing.assert_allclose(w.artists["image"].get_array(), x[2].reshape(28, 28))
    w.slider.value = 4
    assert [r.get_height() for r in w.artists["bars"].patches] == pytest.approx(y[4].tolist())
    assert w.losses[4] == pytest.approx(-math.log(float(y[4, t[4]]) + DELTA), rel=1e-6)
    assert interesting_examples(y[:5].tolist(), t[:5].tolist()) == \
        interesting_examples(y[:5], t[:5])


def test_browser_raw_uint8_images():
    x = (np.arange(2 * 784) % 256).astype(np.uint8).reshape(2, 784)
    y = np.eye(10)[[3, 4]]
    w = prediction_widget(x, y, [3, 4], dpi=20)
    assert w.artists["image"].get_clim() == (0, 255)
    w.slider.value = 1
    np.testing.assert_array_equal(w.artists["image"].get_array(), x[1].reshape(28, 28))


def test_widget_inputs_are_not_modified(fake):
    x, t, y = (np.array(a) for a in fake)
    losses = _losses_by_hand(y, t)
    for a in (x, t, y, losses):
        a.flags.writeable = False  # any in-place write raises
    copies = [a.copy() for a in (x, t, y, losses)]
    w = prediction_widget(x, y, t, losses, dpi=20)
    w.slider.value = 7
    interesting_examples(y, t, losses)
    for a, c in zip((x, t, y, losses), copies, strict=True):
        np.testing.assert_array_equal(a, c)


def test_browser_on_real_mnist(real_mnist):
    from helpers.network import pretrained

    _, (x_test, t_test) = real_mnist
    y = pretrained(progress=False).predict(x_test)
    w = prediction_widget(x_test, y, t_test, dpi=20)
    assert w.slider.max == 9_999
    worst = w.examples["highest loss"]
    w.dropdown.value = worst
    p = float(y[worst, t_test[worst]])
    assert f"{-math.log(p + DELTA):.4f}" in w.artists["title"].get_text()
    assert "wrong" in w.artists["title"].get_text()
    assert "rank 1 of 10,000" in w.readout.value


# ------------------------------------------------------------------ bad input


def _small():
    rng = np.random.default_rng(5)
    x = rng.random((4, 784))
    y = rng.dirichlet(np.ones(10), size=4)
    return x, y, np.array([0, 1, 2, 3])


def _browser(**kw):
    x, y, t = _small()
    args = dict(x=x, y=y, t=t, losses=None, dpi=20)
    args.update(kw)
    return lambda: prediction_widget(args.pop("x"), args.pop("y"), args.pop("t"),
                                     args.pop("losses"), **args)


def _examples(**kw):
    _, y, t = _small()
    args = dict(y=y, t=t, losses=None)
    args.update(kw)
    return lambda: interesting_examples(**args)


BAD_INPUT = {
    # cee_curve_widget
    "curve p above 1": (lambda: cee_curve_widget(p=1.5, dpi=20), ValueError, "^p "),
    "curve p negative": (lambda: cee_curve_widget(p=-0.1, dpi=20), ValueError, "^p "),
    "curve p str": (lambda: cee_curve_widget(p="0.6", dpi=20), TypeError, "^p "),
    "curve p nan": (lambda: cee_curve_widget(p=float("nan"), dpi=20), ValueError, "^p "),
    "curve p bool": (lambda: cee_curve_widget(p=True, dpi=20), TypeError, "^p "),
    "curve delta 0": (lambda: cee_curve_widget(delta=0.0, dpi=20), ValueError, "^delta"),
    "curve delta negative": (lambda: cee_curve_widget(delta=-1e-7, dpi=20), ValueError,
                             "^delta"),
    "curve delta str": (lambda: cee_curve_widget(delta="1e-7", dpi=20), TypeError, "^delta"),
    "curve dpi 0": (lambda: cee_curve_widget(dpi=0), ValueError, "^dpi"),
    "curve dpi float": (lambda: cee_curve_widget(dpi=80.0), TypeError, "^dpi"),
    "curve continuous_update str": (lambda: cee_curve_widget(dpi=20, continuous_update="no"),
                                    TypeError, "^continuous_update"),
    "curve continuous_update int": (lambda: cee_curve_widget(dpi=20, continuous_update=1),
                                    TypeError, "^continuous_update"),
    # prediction_widget
    "browser old argument order": (lambda: prediction_widget(_small()[0], _small()[2],
                                                             _small()[1]), ValueError, "^y "),
    "browser x 1-D": (_browser(x=np.zeros(784)), ValueError, "^x "),
    "browser x wrong width": (_browser(x=np.zeros((4, 100))), ValueError, "^x "),
    "browser x nan": (_browser(x=np.full((4, 784), np.nan)), ValueError, "^x "),
    "browser x strings": (_browser(x=[["a"] * 784] * 4), TypeError, "^x "),
    "browser x float above 1": (_browser(x=np.full((4, 784), 2.0)), ValueError, "^x "),
    "browser y 1-D": (_browser(y=np.full(10, 0.1)), ValueError, "^y "),
    "browser y empty": (_browser(y=np.zeros((0, 10))), ValueError, "^y "),
    "browser y above 1": (_browser(y=np.full((4, 10), 2.0)), ValueError, "^y "),
    "browser y nan": (_browser(y=np.full((4, 10), np.nan)), ValueError, "^y "),
    "browser t short": (_browser(t=[0, 1, 2]), ValueError, "^t "),
    "browser t empty": (_browser(t=[]), ValueError, "^t "),
    "browser t float": (_browser(t=[0.0, 1.0, 2.0, 3.0]), TypeError, "^t "),
    "browser t 10": (_browser(t=[0, 1, 2, 10]), ValueError, "^t "),
    "browser t -1": (_browser(t=[0, 1, 2, -1]), ValueError, "^t "),
    "browser t one-hot": (_browser(t=np.eye(10)[[0, 1, 2, 3]].astype(int)), ValueError, "^t "),
    "browser losses short": (_browser(losses=[0.1, 0.2]), ValueError, "^losses"),
    "browser losses nan": (_browser(losses=[0.1, 0.2, np.nan, 0.3]), ValueError, "^losses"),
    "browser index too large": (_browser(index=4), ValueError, "^index"),
    "browser index negative": (_browser(index=-1), ValueError, "^index"),
    "browser index float": (_browser(index=1.0), TypeError, "^index"),
    "browser index bool": (_browser(index=True), TypeError, "^index"),
    "browser split": (_browser(split="train"), ValueError, "^split"),
    "browser dpi negative": (_browser(dpi=-5), ValueError, "^dpi"),
    "browser continuous_update str": (_browser(continuous_update="False"), TypeError,
                                      "^continuous_update"),
    # interesting_examples
    "examples y 1-D": (_examples(y=np.full(10, 0.1)), ValueError, "^y "),
    "examples y strings": (_examples(y=[["a"] * 10] * 4), TypeError, "^y "),
    "examples t long": (_examples(t=[0, 1, 2, 3, 4]), ValueError, "^t "),
    "examples t 10": (_examples(t=[0, 1, 2, 10]), ValueError, "^t "),
    "examples losses 2-D": (_examples(losses=np.zeros((4, 1))), ValueError, "^losses"),
}


@pytest.mark.parametrize("call, error, match", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_names_the_argument(call, error, match):
    with pytest.raises(error, match=match):
        call()


# -- the widgets use the plots' rules, not copies -------------------------------------------

@pytest.mark.parametrize("p", [0.0, 0.0999, 0.1, 0.5, 0.5001, 1.0])
def test_point_colour_follows_the_title_verdict(curve, p):
    from helpers.plots.single import verdict
    from helpers.plots.style import VERDICT_COLORS

    curve.slider.value = p
    dot = curve.artists["points"][0]
    assert _same_color(dot.get_color(), VERDICT_COLORS[verdict(p)])
    word = {0.0999: "less than a uniform guess", 0.1: "as much as a uniform guess",
            0.5: "more than a uniform guess, not half",
            0.5001: "over half: the right class wins"}.get(p)
    if word:
        assert word in curve.ax.get_title()
    # the readout's loss is losses.neg_log, written out here: -ln(p + 1e-7)
    e = -math.log(p + DELTA)
    assert (f"{e:.1e} ≈ 0" if e < 0 else f"{e:.4f}") in curve.readout.value


def test_browser_pixel_error_is_plot_digits(fake):
    x, t, y = fake
    from helpers.plots.single import plot_digit

    with pytest.raises(ValueError) as widget_err:
        prediction_widget(np.full_like(x, 2.0), y, t)
    with pytest.raises(ValueError) as plot_err:
        plot_digit(np.full(784, 2.0))
    assert str(widget_err.value).removeprefix("x ") == str(plot_err.value).removeprefix("image ")


# -- steps a student can see, the lesson's values, projector-readable defaults (issue 11) ----

def test_eight_arrow_presses_move_the_slider_visibly():
    w = cee_curve_widget(p=0.6, dpi=20)
    s = w.slider
    for _ in range(8):  # what the arrow key does in the browser: one step up
        s.value = min(s.max, s.value + s.step)
    assert s.value == pytest.approx(0.68), "eight presses: 0.600 -> 0.680 (was 0.608)"
    assert "0.680" in w.ax.get_title() and f"{-math.log(0.68 + DELTA):.4f}" in w.readout.value


def test_the_slider_reaches_both_ends_and_the_menu_holds_whole_steps():
    w = cee_curve_widget(p=0.6, dpi=20)
    s = w.slider
    assert s.min == 0.0 and s.max == 1.0
    assert round(s.max / s.step) * s.step == pytest.approx(1.0), "1 is a whole number of steps"
    stops = dict(w.jump.options)
    assert stops["(choose a value)"] == -1.0 and w.jump.value == -1.0
    values = sorted(v for v in stops.values() if v >= 0)
    assert values == [0.0, 0.01, 0.1, 0.6, 1.0]
    # the browser's slider holds only whole steps (it rounds and sends the rounded value back)
    assert all(round(v / s.step) * s.step == pytest.approx(v, abs=1e-12) for v in values)
    for label, v in w.jump.options[1:]:
        w.jump.value = v
        assert w.slider.value == v, label
        assert w.jump.value == v, "the menu keeps the chosen value"
        if 0 < v < 1:
            assert f"{-math.log(v + DELTA):.4f}" in w.ax.get_title(), label
    w.jump.value = 0.01
    assert "4.6052" in w.readout.value  # -ln(0.01 + 1e-7) = 4.60516...
    w.jump.value = 0.0
    assert "16.1181" in w.ax.get_title()
    w.slider.value = 0.35  # moving the slider elsewhere clears the menu
    assert w.jump.value == -1.0


def test_widgets_render_at_100_dpi_by_default():
    from helpers.plots.style import DPI

    assert DPI == 100
    assert cee_curve_widget().view.dpi == 100
    x = np.zeros((2, 784))
    assert prediction_widget(x, np.eye(10)[[1, 2]], [1, 2]).view.dpi == 100


@pytest.mark.parametrize("p", [0.6, 0.0, 0.001, 0.1, 0.99, 1.0])
def test_curve_widget_is_projector_readable(p):
    w = cee_curve_widget()  # the defaults: dpi 100, the widget's own figure size
    w.slider.value = p
    assert_projector_readable(w.view.fig, dpi=w.view.dpi, what=f"cee_curve_widget at p = {p}")


def test_prediction_widget_is_projector_readable(fake):
    x, t, y = fake
    w = prediction_widget(x, y, t)
    for i in (0, 38, 39):  # a random one, sure and right, sure and wrong (true bar at 0)
        w.slider.value = i
        assert_projector_readable(w.view.fig, dpi=w.view.dpi, what=f"prediction_widget at {i}")


def test_the_readability_check_fails_on_the_old_widget_defaults(fake):
    x, t, y = fake
    with pytest.raises(AssertionError, match="dpi"):
        w = cee_curve_widget(dpi=80)  # the old default
        assert_projector_readable(w.view.fig, dpi=w.view.dpi)


# -- review round 2: the slider and readout say p (y is the 10-vector in the lesson) ---------

def test_curve_widget_calls_the_right_class_probability_p():
    w = cee_curve_widget(p=0.25, dpi=20)
    assert w.slider.description.startswith("p ") and "y" not in w.slider.description
    assert "p = <b>0.250</b>" in w.readout.value
    assert w.ax.get_title().startswith("p = 0.250") and w.ax.get_xlabel().startswith("p = ")


@pytest.mark.parametrize("p", [0.0, 0.001, 0.3, 0.6, 1.0])
def test_curve_widget_legend_is_clear_of_the_cap_line_and_the_label(p):
    w = cee_curve_widget(p=p)  # the defaults: the figure as the student sees it
    w.view.fig.canvas.draw()
    legend = w.ax.get_legend().get_window_extent()
    for other in (w.artists["cap"], w.artists["labels"][0], w.artists["points"][0]):
        box = other.get_window_extent()
        assert not (legend.x0 < box.x1 and box.x0 < legend.x1
                    and legend.y0 < box.y1 and box.y0 < legend.y1), (p, other)


# -- the Korean edition (issue 13): labels, menus, readouts and figures from the catalogue ----

def _shown(html_text):
    """What a student reads in an HTML readout: the text without tags and entities."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", " ", html_text))


def _control_texts(w, menu):
    return [w.slider.description, menu.description] + [label for label, _ in menu.options]


@pytest.mark.parametrize("p", [0.6, 0.45, 0.1, 0.001, 0.0, 1.0])
def test_curve_widget_speaks_korean(p, caplog):
    from helpers.i18n import language
    from tests.support import english_words, figure_texts, hangul, korean

    with korean():  # a missing Hangul glyph is an error in here
        w = cee_curve_widget(p=0.3)
        w.slider.value = p  # the title and readout are redrawn on a change
        texts = figure_texts(w.view.fig)
        assert_projector_readable(w.view.fig, dpi=w.view.dpi, what=f"Korean curve at p = {p}")
        assert hangul(w.ax.get_title()) and hangul(w.ax.get_xlabel())
        assert hangul(w.ax.get_ylabel())
        controls = _control_texts(w, w.jump)
        assert hangul(w.slider.description) and hangul(w.jump.description)
        assert sum(hangul(label) for label, _ in w.jump.options) == 5  # all but 0.01
        readout = _shown(w.readout.value)
        assert hangul(readout) == (p in (0.0, 1.0)), readout  # the notes of the two ends
        assert english_words(texts + controls + [readout]) == set(), texts + controls
        assert f"{-math.log(p + DELTA):.4f}" in w.ax.get_title() or p == 1.0
    assert language() == "en"
    assert [r.getMessage() for r in caplog.records if "glyph" in r.getMessage()] == []
    w = cee_curve_widget(p=p, dpi=20)  # English again: one spot check
    assert w.slider.description == "p (right class)" and "on the right class" in w.ax.get_title()


@pytest.mark.parametrize("split", ["test", "training"])
def test_prediction_widget_speaks_korean(fake, split, caplog):
    from helpers.i18n import language
    from tests.support import english_words, figure_texts, hangul, korean

    x, t, y = fake
    with korean():
        w = prediction_widget(x, y, t, index=0, split=split)
        for i in (0, 38, 39):  # a random one, sure and right, sure and wrong
            w.slider.value = i
            texts = figure_texts(w.view.fig)
            assert_projector_readable(w.view.fig, dpi=w.view.dpi, what=f"Korean browser at {i}")
            art = w.artists
            assert hangul(art["title"].get_text()) and hangul(art["ax_image"].get_title())
            assert hangul(art["ax_bars"].get_xlabel()) and hangul(art["value"].get_text())
            readout = _shown(w.readout.value)
            assert hangul(readout) and f"{i}" in readout
            controls = _control_texts(w, w.dropdown)
            assert all(hangul(c) for c in controls), controls
            assert english_words(texts + controls + [readout]) == set(), texts + controls
        assert ("시험" if split == "test" else "훈련") in w.slider.description
        assert "훈련 이미지 39" in art["title"].get_text() or split == "test"
    assert language() == "en"
    assert [r.getMessage() for r in caplog.records if "glyph" in r.getMessage()] == []
    w = prediction_widget(x, y, t, index=0, split=split, dpi=20)  # English again
    assert w.slider.description == f"{split} image" and "rank" in w.readout.value
    assert w.dropdown.options[0][0] == "(choose an interesting example)"


def test_the_menus_keep_their_values_in_korean(fake):
    from helpers.widgets.single import CURVE_STOPS, curve_stops
    from tests.support import korean

    english = curve_stops()
    assert tuple(english.values()) == CURVE_STOPS
    assert english["0.6 (the book's example 1)"] == 0.6
    x, t, y = fake
    with korean():
        korean_stops = curve_stops()
        w = prediction_widget(x, y, t, dpi=20)
    assert tuple(korean_stops.values()) == CURVE_STOPS and korean_stops.keys() != english.keys()
    # the examples stay keyed by their English names: code, not text
    assert set(w.examples) == set(interesting_examples(y, t))
    assert [v for _, v in w.dropdown.options[1:]] == list(w.examples.values())


@pytest.mark.parametrize("p", [1.0, 0.95, 0.0])
def test_a_curve_widget_started_near_an_end_keeps_the_usual_layout(p):
    # the first render fixes the layout: the point's label must already be where it is drawn
    # (it was left-aligned out of the axes at p near 1, and the axes shrank to make room)
    usual = cee_curve_widget(p=0.6).ax.get_position().bounds
    assert cee_curve_widget(p=p).ax.get_position().bounds == pytest.approx(usual, abs=1e-3)
