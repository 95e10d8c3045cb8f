"""Tests for helpers.plots.single (notebook 01): the artists hold the right data.

References are computed independently here (math.log in explicit loops and
hand values such as the book's 0.5108 and 2.3026), not with the functions
under test. Bad input must raise TypeError (wrong kind) or ValueError (bad
value) naming the argument; valid array_like input (lists) must work; inputs
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
from matplotlib.figure import Figure  # noqa: E402

import helpers.plots as hp  # noqa: E402
from helpers.losses import DELTA  # noqa: E402
from helpers.plots import COLORS  # noqa: E402
from helpers.plots.single import (  # noqa: E402
    fmt_prob,
    mark_true_tick,
    neg_log_curve,
    neg_log_title,
    plot_cee_vs_sse,
    plot_digit,
    plot_neg_log,
    plot_prediction,
    plot_probabilities,
    prediction_title,
    probability_colors,
    update_probabilities,
    verdict_words,
)
from helpers.plots.style import FONT  # noqa: E402
from tests.support import assert_projector_readable  # noqa: E402

BOOK_Y1 = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
BOOK_Y2 = [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]
#: -log(1e-7), the cap, to 4 decimals (by hand: 7 * ln 10 = 16.11809565...)
CAP = "16.1181"


def _ax():
    return plt.subplots()[1]


def _same_color(a, b):
    return mcolors.to_hex(a) == mcolors.to_hex(b)


def _cee_by_hand(y, label):
    """-sum_k t_k log(y_k + 1e-7) with an explicit loop over the classes."""
    total = 0.0
    for k, v in enumerate(y):
        if k == label:
            total += math.log(float(v) + 1e-7)
    return -total


def _frozen(a):
    """A read-only copy: any in-place write by the function under test raises."""
    a = np.array(a)
    a.flags.writeable = False
    return a


def test_delta_is_the_book_value():
    assert DELTA == 1e-7


def test_exported_from_package():
    for name in ("plot_neg_log", "plot_cee_vs_sse", "plot_probabilities", "plot_digit",
                 "plot_prediction"):
        assert name in hp.single.__all__
        assert getattr(hp, name) is getattr(hp.single, name)


# ------------------------------------------------------------------ the -log curve


@pytest.mark.parametrize("delta", [0.0, 1e-7])
def test_neg_log_curve_values(delta):
    y, loss = neg_log_curve(delta)
    assert y.dtype == np.float64 and y.shape == loss.shape
    assert np.all(np.diff(y) > 0), "the grid increases"
    assert y[-1] == 1.0
    if delta == 0:
        assert y[0] > 0, "no log(0) without delta"
    else:
        assert y[0] == 0.0 and loss[0] == pytest.approx(16.11809565, abs=1e-8)
    for v, e in zip(y[::37], loss[::37], strict=True):
        assert e == pytest.approx(-math.log(v + delta), rel=1e-12)
    assert np.isfinite(loss).all()
    assert (y < 1e-3).sum() >= 50, "dense near 0 where the curve is steep"


def test_neg_log_curve_default_delta_and_n():
    y, loss = neg_log_curve()
    assert y[0] == 0.0 and loss[0] == pytest.approx(7 * math.log(10), rel=1e-12)
    assert 600 <= y.size <= 601
    y, _ = neg_log_curve(0.0, n=3)
    assert y.size == 3 and y[-1] == 1.0


def test_plot_neg_log_marks_the_book_examples():
    art = plot_neg_log([(0.6, "example 1"), (0.1, "example 2")], ax=_ax(), delta=0.0, ymax=5)
    x, e = art["curve"].get_data()
    assert x.min() > 0 and e[-1] == pytest.approx(0.0, abs=1e-12)
    (px, py) = art["points"][0].get_data()
    assert px[0] == 0.6 and py[0] == pytest.approx(0.5108256237659907, rel=1e-12)
    (px, py) = art["points"][1].get_data()
    assert px[0] == 0.1 and py[0] == pytest.approx(2.302585092994046, rel=1e-12)
    assert "0.5108" in art["labels"][0].get_text() and "example 1" in art["labels"][0].get_text()
    assert "2.3026" in art["labels"][1].get_text()
    gx, gy = art["guides"][1].get_data()
    assert list(gx) == [0.1, 0.1, 0] and gy[1] == pytest.approx(2.302585, abs=1e-6)
    assert art["cap"] is None
    assert art["ax"].get_ylim() == (0, 5)
    assert art["ax"].get_xlabel() and art["ax"].get_ylabel()
    assert art["ax"].get_legend() is not None
    assert art["curve"].get_label() == "loss E = −log(p)"
    # the two points have different verdicts, so different colours
    assert not _same_color(art["points"][0].get_color(), art["points"][1].get_color())


def test_plot_neg_log_default_delta_is_the_book_delta():
    # like its neighbours, plot_neg_log defaults to delta = 1e-7: the curve starts at y = 0
    art = plot_neg_log([(0.1, "")], ax=_ax())
    assert art["delta"] == 1e-7
    x, e = art["curve"].get_data()
    assert x[0] == 0.0 and e[0] == pytest.approx(7 * math.log(10), rel=1e-12)
    (_, py) = art["points"][0].get_data()
    assert py[0] == pytest.approx(-math.log(0.1 + 1e-7), rel=1e-12)
    assert "δ = 1e-07" in art["curve"].get_label()


def test_plot_neg_log_with_delta_and_cap():
    art = plot_neg_log([(0.0, "")], ax=_ax(), delta=DELTA, ymax=17.5, cap=True)
    assert art["cap"].get_ydata()[0] == pytest.approx(7 * math.log(10), rel=1e-12)
    assert CAP in art["cap"].get_label()
    (px, py) = art["points"][0].get_data()
    assert px[0] == 0.0 and py[0] == pytest.approx(16.1181, abs=1e-4)
    assert CAP in art["labels"][0].get_text()
    assert CAP in art["ax"].get_title()


def test_plot_neg_log_uses_the_style_fonts():
    art = plot_neg_log([(0.5, "half")], ax=_ax())
    ax = art["ax"]
    assert ax.title.get_fontsize() == FONT["title"]
    assert ax.xaxis.label.get_fontsize() == FONT["label"]
    assert ax.yaxis.label.get_fontsize() == FONT["label"]
    assert art["labels"][0].get_fontsize() == FONT["note"]
    assert ax.xaxis.get_major_ticks()[0].label1.get_fontsize() == FONT["tick"]


def test_plot_neg_log_without_ax_makes_a_pyplot_figure():
    before = len(plt.get_fignums())
    art = plot_neg_log([(0.5, "half")])
    assert len(plt.get_fignums()) == before + 1
    assert art["fig"] is art["ax"].figure
    bare = plot_neg_log([(0.5, "half")], static=False)
    assert len(plt.get_fignums()) == before + 1, "static=False must not create a pyplot figure"
    assert type(bare["fig"]) is Figure


def test_plot_neg_log_accepts_numpy_scalars_and_list_pairs():
    art = plot_neg_log([[np.float32(0.25), "a"]], ax=_ax())
    (px, py) = art["points"][0].get_data()
    assert px[0] == 0.25 and py[0] == pytest.approx(-math.log(0.25 + 1e-7), rel=1e-12)


@pytest.mark.parametrize("p", [0.0, 0.001, 0.05, 0.1, 0.6, 0.999, 1.0])
def test_neg_log_title_states_the_value(p):
    title = neg_log_title(p, DELTA)
    assert title.count("\n") == 1, "always two lines (the widget freezes its layout)"
    e = -math.log(p + 1e-7)
    if p == 0:
        assert CAP in title and "δ" in title and "−∞" in title
    elif p == 1:
        assert "no loss" in title and "-1.0e-07 ≈ 0" in title
    else:
        assert f"{e:.4f}" in title and f"{p:.3f}" in title


def test_neg_log_title_without_delta_is_infinite():
    title = neg_log_title(0.0, 0.0)
    assert "+∞" in title and title.count("\n") == 1


def test_plot_cee_vs_sse_holds_the_data_and_notes_the_cap():
    p = np.linspace(0, 1, 11)
    cee = np.array([-math.log(v + 1e-7) for v in p])
    sse = (1 - p) ** 2
    art = plot_cee_vs_sse(p, cee, sse, ax=_ax(), ymax=5)
    np.testing.assert_array_equal(art["cee"].get_ydata(), cee)
    np.testing.assert_array_equal(art["sse"].get_ydata(), sse)
    np.testing.assert_array_equal(art["cee"].get_xdata(), p)
    assert art["note"] is not None and CAP in art["note"].get_text()
    assert "1.0000" in art["ax"].get_title() and CAP in art["ax"].get_title(), \
        "default title names both maxima"
    art2 = plot_cee_vs_sse(p[1:], cee[1:], sse[1:], ax=_ax(), ymax=5, title="custom")
    assert art2["note"] is None and art2["ax"].get_title() == "custom"


def test_plot_cee_vs_sse_lists_like_arrays():
    p, cee, sse = [0.0, 0.5, 1.0], [16.1, 0.69, 0.0], [1.0, 0.25, 0.0]
    art = plot_cee_vs_sse(p, cee, sse, ax=_ax())
    assert list(art["cee"].get_ydata()) == cee and list(art["sse"].get_xdata()) == p
    assert art["fig"] is art["ax"].figure


# ------------------------------------------------------------------ one prediction


def test_fmt_prob():
    assert fmt_prob(0.6) == "0.6000"
    assert fmt_prob(0.0) == "0.0000"
    assert fmt_prob(1.0) == "1.0000"
    assert fmt_prob(0.001) == "0.0010"
    assert fmt_prob(1.197e-4) == "1.20e-04"
    assert fmt_prob(np.float32(0.5)) == "0.5000"


def test_probability_colors_by_hand():
    y = np.array(BOOK_Y2)  # top guess 7, true class 2: wrong
    cols = probability_colors(y, 2)
    for k in range(10):
        want = COLORS["green"] if k == 2 else COLORS["vermillion"] if k == 7 else COLORS["grey"]
        assert cols[k] == want
    cols = probability_colors(BOOK_Y1, 2)  # right: no vermillion (a list works too)
    assert cols.count(COLORS["green"]) == 1 and COLORS["vermillion"] not in cols
    cols = probability_colors(BOOK_Y2, np.int64(9))  # numpy ints are ints
    assert cols[9] == COLORS["green"] and cols[7] == COLORS["vermillion"]


def test_plot_probabilities_bars_and_loss():
    y = np.array(BOOK_Y2)
    art = plot_probabilities(y, 2, ax=_ax())
    heights = [r.get_height() for r in art["bars"].patches]
    assert heights == pytest.approx(BOOK_Y2)
    assert [r.get_x() + r.get_width() / 2 for r in art["bars"].patches] == \
        pytest.approx(list(range(10)))
    assert _same_color(art["bars"].patches[2].get_facecolor(), COLORS["green"])
    assert _same_color(art["bars"].patches[7].get_facecolor(), COLORS["vermillion"])
    assert _same_color(art["bars"].patches[0].get_facecolor(), COLORS["grey"])
    assert art["value"].get_text() == "true class\n0.1000"
    assert art["value"].get_position() == (2, pytest.approx(0.13))
    assert art["guess"].get_visible() and art["guess"].get_text() == "wrong guess\n0.6000"
    assert art["guess"].get_position() == (7, pytest.approx(0.63))
    assert f"{_cee_by_hand(y, 2):.4f}" == "2.3026" and "2.3026" in art["ax"].get_title()
    assert art["ax"].get_legend() is None, "no legend: each bar is named where it stands"
    ticks = art["ax"].get_xticklabels()
    assert _same_color(ticks[2].get_color(), COLORS["green"])
    assert _same_color(ticks[7].get_color(), "black")
    assert art["fig"] is art["ax"].figure


def test_plot_probabilities_last_class_is_class_9_not_minus_1():
    # t = 9 is the last class; -1 used to colour it silently, now -1 is refused (below)
    art = plot_probabilities(BOOK_Y1, 9, ax=_ax())
    assert _same_color(art["bars"].patches[9].get_facecolor(), COLORS["green"])
    assert art["band"].get_x() == pytest.approx(8.5)
    # the label of the last bar leans left, so it stays inside the axes
    assert art["value"].get_position()[0] == pytest.approx(9.4) and art["value"].get_ha() == "right"


def test_mark_true_tick_moves():
    ax = _ax()
    plot_probabilities(np.full(10, 0.1), 3, ax=ax)
    mark_true_tick(ax, 8)
    labels = ax.get_xticklabels()
    assert _same_color(labels[8].get_color(), COLORS["green"])
    assert labels[8].get_fontweight() == "bold"
    assert _same_color(labels[3].get_color(), "black") and labels[3].get_fontweight() == "normal"


def test_plot_digit_shows_the_image():
    image = np.linspace(0, 1, 784, dtype=np.float32)
    art = plot_digit(image, ax=_ax(), title="label t = 5")
    im = art["image"]
    np.testing.assert_array_equal(im.get_array(), image.reshape(28, 28))
    assert im.get_clim() == (0, 1)
    assert art["ax"].get_title() == "label t = 5" and im.axes is art["ax"]
    assert art["fig"] is art["ax"].figure


def test_plot_digit_raw_uint8_pixels_keep_their_grey_levels():
    # load_mnist(normalize=False) gives uint8 0..255: on a 0..1 scale every pixel > 0 would be black
    raw = np.arange(784) % 256
    im = plot_digit(raw.astype(np.uint8), ax=_ax())["image"]
    assert im.get_clim() == (0, 255)
    shown = im.to_rgba(im.get_array())[..., 0]
    assert len(np.unique(shown)) == 256
    # the same picture as the normalized image
    ref = plot_digit((raw / 255).astype(np.float32), ax=_ax())["image"]
    np.testing.assert_allclose(shown, ref.to_rgba(ref.get_array())[..., 0], atol=1 / 255)


def test_plot_digit_accepts_a_28x28_list():
    image = np.zeros((28, 28))
    image[3, 4] = 1.0
    im = plot_digit(image.tolist(), ax=_ax())["image"]
    assert im.get_array()[3, 4] == 1.0 and im.get_array().sum() == 1.0


def test_prediction_title_right_and_wrong():
    y = np.array(BOOK_Y1)
    title = prediction_title(y, 2, index=17)
    assert title.startswith("Test image 17 is a 2; the network says 2: right")
    assert "0.5108" in title and title.count("\n") == 1
    title = prediction_title(np.array(BOOK_Y2), 2, index=3, split="training")
    assert title.startswith("Training image 3 is a 2, but the network says 7 (0.6000): wrong")
    assert "2.3026" in title and "large loss" in title
    # a given loss is printed as given (the widget passes precomputed losses)
    assert "1.2345" in prediction_title(y, 2, loss=1.2345)
    tiny = np.array([0.99988, 0.00012] + [0.0] * 8)
    assert "1.20e-04" in prediction_title(tiny, 1)
    assert f"{_cee_by_hand(tiny, 1):.4f}" in prediction_title(tiny, 1)
    # sure and right: -log(1 + 1e-7) is shown as 0.0000, not -0.0000
    sure = prediction_title([0.0, 1.0], 1)
    assert "= 0.0000 (confident" in sure and "-0.0000" not in sure


def test_plot_prediction_static_and_bare():
    rng = np.random.default_rng(3)
    image = rng.random(784)
    y = rng.dirichlet(np.ones(10))
    t = int(np.argsort(y)[0])  # the least probable class: a wrong prediction
    before = len(plt.get_fignums())
    art = plot_prediction(image, y, t, index=42)
    assert len(plt.get_fignums()) == before + 1
    np.testing.assert_array_equal(art["image"].get_array(), image.reshape(28, 28))
    assert [r.get_height() for r in art["bars"].patches] == pytest.approx(list(y))
    assert f"{_cee_by_hand(y, t):.4f}" in art["title"].get_text()
    assert "wrong" in art["title"].get_text() and "image 42" in art["title"].get_text()
    assert art["ax_image"].get_title() == f"label t = {t}"
    assert art["ax"] == (art["ax_image"], art["ax_bars"])
    assert art["image"].axes is art["ax_image"] and art["bars"].patches[0].axes is art["ax_bars"]
    bare = plot_prediction(image, y, t, static=False)
    assert len(plt.get_fignums()) == before + 1, "static=False must not create a pyplot figure"
    assert type(bare["fig"]) is Figure


def test_plot_prediction_on_given_axes():
    fig, axes = plt.subplots(1, 2)
    art = plot_prediction(np.zeros(784).tolist(), BOOK_Y1, 2, axes=axes)
    assert art["fig"] is fig and art["ax"] == tuple(axes)
    assert fig.get_suptitle().startswith("This image is a 2; the network says 2: right")
    assert [r.get_height() for r in art["bars"].patches] == pytest.approx(BOOK_Y1)


# ------------------------------------------------------------------ inputs are never modified


def test_inputs_are_not_modified():
    p = _frozen(np.linspace(0, 1, 5))
    cee = _frozen([-math.log(v + 1e-7) for v in p])
    sse = _frozen((1 - p) ** 2)
    copies = [a.copy() for a in (p, cee, sse)]
    plot_cee_vs_sse(p, cee, sse, ax=_ax())
    for a, c in zip((p, cee, sse), copies, strict=True):
        np.testing.assert_array_equal(a, c)
    y, image = _frozen(BOOK_Y2), _frozen(np.linspace(0, 1, 784))
    y0, image0 = y.copy(), image.copy()
    points = [(0.6, "a"), (0.1, "b")]
    plot_neg_log(points, ax=_ax())
    assert points == [(0.6, "a"), (0.1, "b")]
    probability_colors(y, 2)
    plot_probabilities(y, 2, ax=_ax())
    plot_digit(image, ax=_ax())
    prediction_title(y, 2)
    plot_prediction(image, y, 2)
    np.testing.assert_array_equal(y, y0)
    np.testing.assert_array_equal(image, image0)


# ------------------------------------------------------------------ bad input


def _ok_cee(**kw):
    args = dict(p=[0.0, 0.5, 1.0], cee=[16.0, 0.7, 0.0], sse=[1.0, 0.25, 0.0])
    args.update(kw)
    return lambda: plot_cee_vs_sse(args.pop("p"), args.pop("cee"), args.pop("sse"), **args)


def _ok_prediction(**kw):
    args = dict(image=np.zeros(784), y=BOOK_Y1, t=2)
    args.update(kw)
    return lambda: plot_prediction(args.pop("image"), args.pop("y"), args.pop("t"), **args)


BAD_INPUT = {
    # neg_log_curve / neg_log_title
    "curve delta negative": (lambda: neg_log_curve(-1e-7), ValueError, "^delta"),
    "curve delta str": (lambda: neg_log_curve("1e-7"), TypeError, "^delta"),
    "curve delta nan": (lambda: neg_log_curve(float("nan")), ValueError, "^delta"),
    "curve delta bool": (lambda: neg_log_curve(True), TypeError, "^delta"),
    "curve n zero": (lambda: neg_log_curve(n=0), ValueError, "^n "),
    "curve n too small": (lambda: neg_log_curve(n=2), ValueError, "^n "),
    "curve n float": (lambda: neg_log_curve(n=600.0), TypeError, "^n "),
    "curve n bool": (lambda: neg_log_curve(n=True), TypeError, "^n "),
    "title p above 1": (lambda: neg_log_title(1.5), ValueError, "^p "),
    "title p negative": (lambda: neg_log_title(-0.1), ValueError, "^p "),
    "title p str": (lambda: neg_log_title("0.5"), TypeError, "^p "),
    "title p nan": (lambda: neg_log_title(float("nan")), ValueError, "^p "),
    "title delta negative": (lambda: neg_log_title(0.5, -1.0), ValueError, "^delta"),
    # plot_neg_log
    "neg_log points str": (lambda: plot_neg_log("0.5"), TypeError, "^points"),
    "neg_log points number": (lambda: plot_neg_log(0.5), TypeError, "^points"),
    "neg_log point not a pair": (lambda: plot_neg_log([(0.5,)]), TypeError, r"^points\[0\]"),
    "neg_log point y str": (lambda: plot_neg_log([("0.5", "a")]), TypeError, r"^points\[0\] p"),
    "neg_log point y bool": (lambda: plot_neg_log([(True, "a")]), TypeError, r"^points\[0\] p"),
    "neg_log point y above 1": (lambda: plot_neg_log([(1.5, "a")]), ValueError, r"^points\[0\] p"),
    "neg_log point y negative": (lambda: plot_neg_log([(0.2, ""), (-0.1, "")]), ValueError,
                                 r"^points\[1\] p"),
    "neg_log point y nan": (lambda: plot_neg_log([(float("nan"), "")]), ValueError,
                            r"^points\[0\] p"),
    "neg_log point label number": (lambda: plot_neg_log([(0.5, 3)]), TypeError,
                                   r"^points\[0\] label"),
    "neg_log y=0 without delta": (lambda: plot_neg_log([(0.0, "")], delta=0.0), ValueError,
                                  r"^points\[0\] p"),
    "neg_log delta negative": (lambda: plot_neg_log(delta=-1.0), ValueError, "^delta"),
    "neg_log delta str": (lambda: plot_neg_log(delta="0"), TypeError, "^delta"),
    "neg_log ymax zero": (lambda: plot_neg_log(ymax=0), ValueError, "^ymax"),
    "neg_log ymax negative": (lambda: plot_neg_log(ymax=-5), ValueError, "^ymax"),
    "neg_log ymax inf": (lambda: plot_neg_log(ymax=float("inf")), ValueError, "^ymax"),
    "neg_log ymax str": (lambda: plot_neg_log(ymax="5"), TypeError, "^ymax"),
    "neg_log cap str": (lambda: plot_neg_log(cap="no"), TypeError, "^cap"),
    "neg_log cap int": (lambda: plot_neg_log(cap=1), TypeError, "^cap"),
    "neg_log cap without delta": (lambda: plot_neg_log(cap=True, delta=0.0), ValueError, "^cap"),
    "neg_log title number": (lambda: plot_neg_log(title=5), TypeError, "^title"),
    "neg_log ax str": (lambda: plot_neg_log(ax="ax"), TypeError, "^ax"),
    "neg_log static str": (lambda: plot_neg_log(static="no"), TypeError, "^static"),
    "neg_log figsize zero": (lambda: plot_neg_log(figsize=(0, 3)), ValueError, "^figsize"),
    "neg_log figsize str": (lambda: plot_neg_log(figsize="big"), TypeError, "^figsize"),
    "neg_log figsize bool": (lambda: plot_neg_log(figsize=(True, 3)), TypeError, "^figsize"),
    # plot_cee_vs_sse
    "cee_vs_sse p empty": (_ok_cee(p=[], cee=[], sse=[]), ValueError, "^p "),
    "cee_vs_sse p 2-D": (_ok_cee(p=[[0.0, 0.5, 1.0]]), ValueError, "^p "),
    "cee_vs_sse p above 1": (_ok_cee(p=[0.0, 0.5, 2.0]), ValueError, "^p "),
    "cee_vs_sse p decreasing": (_ok_cee(p=[1.0, 0.5, 0.0]), ValueError, "^p "),
    "cee_vs_sse p bools": (_ok_cee(p=[True, False, True]), TypeError, "^p "),
    "cee_vs_sse p str": (_ok_cee(p="abc"), TypeError, "^p "),
    "cee_vs_sse cee nan": (_ok_cee(cee=[float("nan"), 0.7, 0.0]), ValueError, "^cee"),
    "cee_vs_sse cee short": (_ok_cee(cee=[16.0, 0.7]), ValueError, "^cee"),
    "cee_vs_sse sse strings": (_ok_cee(sse=["a", "b", "c"]), TypeError, "^sse"),
    "cee_vs_sse sse ragged": (_ok_cee(sse=[[1.0], [0.2, 0.1], [0.0]]), TypeError, "^sse"),
    "cee_vs_sse ymax zero": (_ok_cee(ymax=0.0), ValueError, "^ymax"),
    "cee_vs_sse title number": (_ok_cee(title=1), TypeError, "^title"),
    # fmt_prob / probability_colors / mark_true_tick
    "fmt_prob str": (lambda: fmt_prob("0.5"), TypeError, "^p "),
    "fmt_prob above 1": (lambda: fmt_prob(1.5), ValueError, "^p "),
    "fmt_prob nan": (lambda: fmt_prob(float("nan")), ValueError, "^p "),
    "fmt_prob bool": (lambda: fmt_prob(True), TypeError, "^p "),
    "colors t = 10": (lambda: probability_colors(BOOK_Y1, 10), ValueError, "^t "),
    "colors t = -1": (lambda: probability_colors(BOOK_Y1, -1), ValueError, "^t "),
    "colors t float": (lambda: probability_colors(BOOK_Y1, 2.0), TypeError, "^t "),
    "colors t bool": (lambda: probability_colors(BOOK_Y1, True), TypeError, "^t "),
    "colors y empty": (lambda: probability_colors([], 0), ValueError, "^y "),
    "colors y 2-D": (lambda: probability_colors([BOOK_Y1], 2), ValueError, "^y "),
    "colors y nan": (lambda: probability_colors([0.5, float("nan")], 0), ValueError, "^y "),
    "colors y above 1": (lambda: probability_colors([0.5, 1.5], 0), ValueError, "^y "),
    "colors y strings": (lambda: probability_colors(["a", "b"], 0), TypeError, "^y "),
    "mark tick ax None": (lambda: mark_true_tick(None, 2), TypeError, "^ax"),
    "mark tick t = 10": (lambda: mark_true_tick(plot_probabilities(BOOK_Y1, 2)["ax"], 10),
                         ValueError, "^t "),
    # plot_probabilities (the sweep: 10 raised IndexError, -1 coloured class 9)
    "probabilities t = 10": (lambda: plot_probabilities(BOOK_Y1, 10), ValueError, "^t "),
    "probabilities t = -1": (lambda: plot_probabilities(BOOK_Y1, -1), ValueError, "^t "),
    "probabilities t str": (lambda: plot_probabilities(BOOK_Y1, "2"), TypeError, "^t "),
    "probabilities y empty": (lambda: plot_probabilities([], 0), ValueError, "^y "),
    "probabilities y inf": (lambda: plot_probabilities([float("inf"), 0.0], 0), ValueError,
                            "^y "),
    "probabilities title number": (lambda: plot_probabilities(BOOK_Y1, 2, title=3), TypeError,
                                   "^title"),
    "probabilities ax str": (lambda: plot_probabilities(BOOK_Y1, 2, ax="ax"), TypeError, "^ax"),
    # plot_digit
    "digit wrong size": (lambda: plot_digit(np.zeros(783)), ValueError, "^image"),
    "digit empty": (lambda: plot_digit([]), ValueError, "^image"),
    "digit 3-D": (lambda: plot_digit(np.zeros((1, 28, 28))), ValueError, "^image"),
    "digit nan": (lambda: plot_digit(np.full(784, np.nan)), ValueError, "^image"),
    "digit float above 1": (lambda: plot_digit(np.full(784, 255.0)), ValueError, "^image"),
    "digit int above 255": (lambda: plot_digit(np.full(784, 300)), ValueError, "^image"),
    "digit negative": (lambda: plot_digit(np.full(784, -0.5)), ValueError, "^image"),
    "digit bools": (lambda: plot_digit(np.zeros(784, dtype=bool)), TypeError, "^image"),
    "digit strings": (lambda: plot_digit(["a"] * 784), TypeError, "^image"),
    "digit title number": (lambda: plot_digit(np.zeros(784), title=5), TypeError, "^title"),
    # prediction_title / plot_prediction
    "pred title split": (lambda: prediction_title(BOOK_Y1, 2, split="train"), ValueError,
                         "^split"),
    "pred title index negative": (lambda: prediction_title(BOOK_Y1, 2, index=-1), ValueError,
                                  "^index"),
    "pred title index float": (lambda: prediction_title(BOOK_Y1, 2, index=1.0), TypeError,
                               "^index"),
    "pred title loss str": (lambda: prediction_title(BOOK_Y1, 2, loss="0.5"), TypeError,
                            "^loss"),
    "pred title loss nan": (lambda: prediction_title(BOOK_Y1, 2, loss=float("nan")), ValueError,
                            "^loss"),
    "pred title loss negative": (lambda: prediction_title(BOOK_Y1, 2, loss=-1.0), ValueError,
                                 "^loss"),
    "pred title t = 10": (lambda: prediction_title(BOOK_Y1, 10), ValueError, "^t "),
    "prediction t = 10": (_ok_prediction(t=10), ValueError, "^t "),
    "prediction t = -1": (_ok_prediction(t=-1), ValueError, "^t "),
    "prediction y 2-D": (_ok_prediction(y=[BOOK_Y1]), ValueError, "^y "),
    "prediction image size": (_ok_prediction(image=np.zeros(100)), ValueError, "^image"),
    "prediction axes one": (lambda: plot_prediction(np.zeros(784), BOOK_Y1, 2, axes=[_ax()]),
                            ValueError, "^axes"),
    "prediction axes str": (_ok_prediction(axes="ab"), TypeError, "^axes"),
    "prediction axes not Axes": (_ok_prediction(axes=[None, None]), TypeError, "^axes"),
    "prediction static str": (_ok_prediction(static="no"), TypeError, "^static"),
    "prediction split": (_ok_prediction(split="validation"), ValueError, "^split"),
}


@pytest.mark.parametrize("call, error, match", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_names_the_argument(call, error, match):
    with pytest.raises(error, match=match):
        call()


# -- one copy of each rule: losses.neg_log, check_probabilities, verdict, check_pixels ------

def test_neg_log_is_the_one_minus_log():
    # values written out by hand: -ln(0.6 + 1e-7), -ln(1e-7), -ln(0.1)
    y, loss = neg_log_curve(DELTA)
    assert y[0] == 0.0 and loss[0] == pytest.approx(16.11809565095832, rel=1e-12)
    art = plot_neg_log([(0.6, "a")], delta=DELTA, cap=True)
    assert art["points"][0].get_ydata()[0] == pytest.approx(0.5108254, rel=1e-6)
    assert art["cap"].get_ydata()[0] == pytest.approx(16.11809565095832, rel=1e-12)
    assert "2.3026" in prediction_title(BOOK_Y2, 2)  # -ln(0.1 + 1e-7) = 2.302584...
    assert neg_log_title(0.0, 0.0).startswith("p = 0 on the right class: E = −log(0) = +∞")


@pytest.mark.parametrize(("p", "words", "key"), [
    (0.51, "over half: the right class wins", "wins"),
    (0.5, "more than a uniform guess, not half", "timid"),
    (0.3, "more than a uniform guess, not half", "timid"),
    (0.1, "as much as a uniform guess", "timid"),
    (0.1 + 1e-15, "as much as a uniform guess", "timid"),  # a slider's 0.1 may be off by 1 ulp
    (0.1 - 1e-15, "as much as a uniform guess", "timid"),
    (0.0999, "less than a uniform guess", "wrong"),
    (0.05, "less than a uniform guess", "wrong"),
])
def test_verdict_thresholds(p, words, key):
    # a uniform guess gives 0.1 to each of the 10 classes: the words compare p with it
    from helpers.plots.single import verdict, verdict_words

    assert words in neg_log_title(p) and verdict_words(p) == words
    assert verdict(p) == key


def test_verdict_words_are_checked():
    from helpers.plots.single import verdict_words

    with pytest.raises(ValueError, match="^p "):
        verdict_words(1.5)
    with pytest.raises(TypeError, match="^p "):
        verdict_words("0.5")


def test_fmt_point_loss_shows_the_tiny_negative_of_p_1():
    from helpers.plots.single import fmt_point_loss

    assert fmt_point_loss(-math.log(1 + 1e-7)) == "-1.0e-07 ≈ 0"
    assert fmt_point_loss(0.0) == "0.0000" and fmt_point_loss(16.11809565) == "16.1181"
    with pytest.raises(TypeError, match="^e "):
        fmt_point_loss("0")
    with pytest.raises(ValueError, match="^e "):
        fmt_point_loss(float("nan"))


def test_marked_points_take_the_verdict_colours_like_the_widget():
    # the lesson's figure: 0.6 wins (green), 0.1 timid (orange), 0 wrong (vermillion)
    from helpers.plots import style

    art = plot_neg_log([(0.6, "example 1"), (0.1, "example 2"), (0.0, "p = 0")], cap=True,
                       ymax=17.5)
    want = [style.COLORS["green"], style.COLORS["orange"], style.COLORS["vermillion"]]
    for dot, guide, label, c in zip(art["points"], art["guides"], art["labels"], want,
                                    strict=True):
        assert _same_color(dot.get_color(), c) and _same_color(guide.get_color(), c)
        assert _same_color(label.get_color(), c)


def test_probabilities_and_pixels_checked_by_the_shared_rules():
    with pytest.raises(ValueError, match=r"^y must hold probabilities in \[0, 1\]"):
        plot_probabilities([0.5, 1.5], 0)
    with pytest.raises(ValueError, match="^image float pixels must be in"):
        plot_digit(np.full(784, 2.0))
    from helpers.plots.single import check_pixels

    with pytest.raises(ValueError, match=r"^x must have shape \(N, 784\)"):
        check_pixels(np.zeros((3, 5)), "x", shapes=((None, 784),))
    assert check_pixels(np.zeros((3, 784), dtype=np.uint8), "x", shapes=((None, 784),)).shape \
        == (3, 784)


def test_digit_colours_and_legend_sizes_are_named_in_style():
    from helpers.plots import style

    assert plot_digit(np.zeros(784))["image"].get_cmap().name == style.DIGIT_CMAP
    art = plot_probabilities(BOOK_Y2, 2)
    assert art["value"].get_fontsize() == art["guess"].get_fontsize() == FONT["note"]
    art = plot_neg_log([(0.9, "a"), (0.2, "b")])
    assert [c for c in (mcolors_hex(d.get_color()) for d in art["points"])] \
        == [mcolors_hex(style.VERDICT_COLORS[k]) for k in ("wins", "timid")]


def mcolors_hex(c):
    import matplotlib.colors as mcolors

    return mcolors.to_hex(c)


# -- the true class is marked even at height ~0; only what is drawn is named (issue 11) -----

def _zero_on_the_true_class():
    y = np.zeros(10)
    y[0], y[8] = 0.55, 0.45  # the true class 9 gets exactly 0: its bar has no height
    return y


def test_an_invisible_true_class_bar_is_still_marked():
    y = _zero_on_the_true_class()
    art = plot_probabilities(y, 9, ax=_ax())
    bar = art["bars"].patches[9]
    assert bar.get_height() == 0.0, "nothing of the bar itself can be seen"
    band = art["band"]
    assert band in art["ax"].patches and band.get_visible()
    # the outlined slot spans the whole probability range over the true class
    assert (band.get_x(), band.get_width(), band.get_y(), band.get_height()) \
        == (pytest.approx(8.5), 1.0, 0.0, 1.0)
    assert band.get_linewidth() > 0 and band.get_edgecolor()[3] == 1.0, "an opaque outline"
    assert _same_color(band.get_edgecolor(), COLORS["green"])
    assert bar.get_hatch() == "//" and all(r.get_hatch() is None
                                           for k, r in enumerate(art["bars"].patches) if k != 9)
    assert art["value"].get_text() == "true class\n0.0000" and art["value"].get_visible()
    # the label sits just above the (empty) bar, inside the axes
    fig = art["fig"]
    fig.canvas.draw()
    box = art["ax"].get_window_extent()
    ext = art["value"].get_window_extent()
    assert box.x0 - 1 <= ext.x0 and ext.x1 <= box.x1 + 1 and box.y0 <= ext.y0 <= box.y1


def test_the_wrong_guess_label_only_when_there_is_one():
    right = plot_probabilities(BOOK_Y1, 2, ax=_ax())
    assert not right["guess"].get_visible(), "a right prediction has no wrong guess to name"
    assert right["ax"].get_legend() is None
    visible = [t.get_text() for t in right["ax"].texts if t.get_visible() and t.get_text()]
    assert visible == ["true class\n0.6000"]
    wrong = plot_probabilities(BOOK_Y2, 2, ax=_ax())
    assert wrong["guess"].get_visible() and "wrong guess" in wrong["guess"].get_text()


def test_update_probabilities_moves_every_mark():
    art = plot_probabilities(BOOK_Y2, 2, ax=_ax())
    update_probabilities(art, BOOK_Y1, 2)  # now right: the wrong-guess label goes away
    assert not art["guess"].get_visible()
    assert [r.get_height() for r in art["bars"].patches] == pytest.approx(BOOK_Y1)
    update_probabilities(art, _zero_on_the_true_class(), 9)
    assert art["band"].get_x() == pytest.approx(8.5)
    assert art["bars"].patches[9].get_hatch() == "//" and art["bars"].patches[2].get_hatch() is None
    assert _same_color(art["bars"].patches[0].get_facecolor(), COLORS["vermillion"])
    assert art["guess"].get_visible() and art["guess"].get_text() == "wrong guess\n0.5500"
    assert art["guess"].get_position()[0] == pytest.approx(-0.4), "class 0's label leans right"
    ticks = art["ax"].get_xticklabels()
    assert _same_color(ticks[9].get_color(), COLORS["green"])
    assert _same_color(ticks[2].get_color(), "black")


def test_the_true_class_label_hides_the_slot_outline_under_it():
    """The label is wider than the dashed slot, so it crosses the slot's edges (lesson 01's
    worst image: class 9 at 1.2e-4, "true class 1.20e-04" over the left dashes): it has a
    box of the slot's own tint that hides them, and sits above the neighbouring bars it
    reaches, so the box hides no bar. Over a taller wrong guess it keeps its place, unboxed."""
    from matplotlib.colors import to_rgb

    from helpers.plots import single

    for t, reached in ((9, (8,)), (5, (4, 6)), (0, (1,))):
        z = np.full(10, 0.05)
        z[t], z[(t + 4) % 10] = 1.2e-4, 0.47  # a far wrong guess
        z[reached[-1]] = 0.1  # a neighbour taller than the true class's bar
        art = plot_probabilities(z, t, ax=_ax())
        value = art["value"]
        box = value.get_bbox_patch()
        assert box is not None, t
        tint = 0.12 * np.array(to_rgb(COLORS["green"])) + 0.88 * np.array(
            to_rgb(art["ax"].get_facecolor()))
        assert box.get_facecolor()[:3] == pytest.approx(tuple(tint)) and box.get_facecolor()[3] == 1
        assert value.get_position()[1] == pytest.approx(max(z[j] for j in (t, *reached)) + 0.03)
        art["fig"].canvas.draw()
        bottom = box.get_window_extent().y0
        for j in reached:  # no bar top under the box
            bar = art["bars"].patches[j].get_window_extent()
            assert bar.y1 <= bottom + 1, (t, j)
        plt.close(art["fig"])
    assert single.SLOT_ALPHA == 0.12
    wrong = np.zeros(10)
    wrong[0], wrong[1] = 0.3, 0.7  # the guess, next to the true class 0 and much taller
    art = plot_probabilities(wrong, 0, ax=_ax())
    assert art["value"].get_bbox_patch() is None
    assert art["value"].get_position() == (pytest.approx(-0.4), pytest.approx(0.33))


def test_neighbour_labels_lean_apart():
    y = np.zeros(10)
    y[3], y[4] = 0.5, 0.4  # true class 4, wrong guess 3 right next to it, similar heights
    art = plot_probabilities(y, 4, ax=_ax())
    assert art["guess"].get_ha() == "right" and art["value"].get_ha() == "left"
    fig = art["fig"]
    fig.canvas.draw()
    a, b = art["guess"].get_window_extent(), art["value"].get_window_extent()
    assert a.x1 <= b.x0 + 1, "the two labels must not overlap"


def test_update_probabilities_bad_input():
    art = plot_probabilities(BOOK_Y1, 2, ax=_ax())
    with pytest.raises(ValueError, match="^y must hold one probability per bar"):
        update_probabilities(art, [0.5, 0.5], 0)
    with pytest.raises(ValueError, match="^t "):
        update_probabilities(art, BOOK_Y1, 10)
    with pytest.raises(TypeError, match="^y "):
        update_probabilities(art, "abc", 0)


# -- projector-readable at the defaults (issue 11) ------------------------------------------

def _figures_at_defaults():
    rng = np.random.default_rng(0)
    p = np.linspace(0, 1, 101)
    return {
        "plot_neg_log": plot_neg_log([(0.6, "example 1"), (0.1, "example 2"), (0.0, "p = 0")],
                                     cap=True, ymax=17.5)["fig"],
        "plot_neg_log bare": plot_neg_log()["fig"],
        "plot_cee_vs_sse": plot_cee_vs_sse(p, [-math.log(v + 1e-7) for v in p],
                                           0.5 * 2 * (1 - p) ** 2)["fig"],
        "plot_probabilities": plot_probabilities(BOOK_Y2, 2)["fig"],
        "plot_probabilities at 0": plot_probabilities(_zero_on_the_true_class(), 9)["fig"],
        "plot_digit": plot_digit(rng.random(784), title="label t = 9")["fig"],
        "plot_prediction wrong": plot_prediction(rng.random(784), _zero_on_the_true_class(), 9,
                                                 index=2293)["fig"],
        "plot_prediction right": plot_prediction(rng.random(784), BOOK_Y1, 2, index=8506)["fig"],
    }


@pytest.mark.parametrize("name", [
    "plot_neg_log", "plot_neg_log bare", "plot_cee_vs_sse", "plot_probabilities",
    "plot_probabilities at 0", "plot_digit", "plot_prediction wrong", "plot_prediction right"])
def test_every_figure_is_projector_readable_at_its_defaults(name):
    fig = _figures_at_defaults()[name]
    assert_projector_readable(fig, what=name)


def test_the_readability_check_fails_on_the_old_sizes():
    # the old default of plot_prediction was 10 inches wide: scaled down in the column
    rng = np.random.default_rng(0)
    old = plot_prediction(rng.random(784), BOOK_Y1, 2, figsize=(10, 4.2))["fig"]
    with pytest.raises(AssertionError, match="wide"):
        assert_projector_readable(old)
    # the probability axes have no stray tick labels outside the view (they counted as text
    # outside the figure: -0.2 and 1.2 on the old x axis)
    for art in (plot_neg_log(), plot_cee_vs_sse([0.0, 1.0], [16.1, 0.0], [1.0, 0.0])):
        assert list(art["ax"].get_xticks()) == pytest.approx([0, 0.2, 0.4, 0.6, 0.8, 1.0])


# -- review round 2: p for the right class's probability; the legend clear of the cap line ----

def test_the_curve_figures_call_the_right_class_probability_p_not_y():
    # in the lesson y is the 10-vector; one number on an axis must not be called y too
    art = plot_neg_log([(0.0, "p = 0")], cap=True, ymax=17.5)
    texts = [art["ax"].get_xlabel(), art["ax"].get_title(), art["curve"].get_label()]
    assert art["ax"].get_xlabel().startswith("p = ")
    assert all("y" not in s.replace("probability", "") for s in texts), texts
    for p in (0.0, 0.3, 1.0):
        assert neg_log_title(p).startswith("p = ")
    p = np.linspace(0, 1, 11)
    art = plot_cee_vs_sse(p, [-math.log(v + 1e-7) for v in p], (1 - p) ** 2, ymax=5)
    assert art["ax"].get_xlabel().startswith("p = ") and "at p = 0" in art["note"].get_text()


def _overlap(a, b):
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def test_the_legend_does_not_cover_the_cap_line_it_names():
    art = plot_neg_log([(0.6, "example 1"), (0.1, "example 2"), (0.0, "p = 0")], cap=True,
                       ymax=17.5)
    fig, ax = art["fig"], art["ax"]
    fig.canvas.draw()
    legend = ax.get_legend().get_window_extent()
    cap = art["cap"].get_window_extent()  # the full-width line at 16.1181
    assert not _overlap(legend, cap), (legend, cap)
    for label in art["labels"]:  # nor the three point labels
        assert not _overlap(legend, label.get_window_extent()), label.get_text()
    # the curve's own points stay clear of it too
    x, e = art["curve"].get_data()
    xy = ax.transData.transform(np.column_stack([x, np.minimum(e, 17.5)]))
    inside = ((xy[:, 0] > legend.x0) & (xy[:, 0] < legend.x1)
              & (xy[:, 1] > legend.y0) & (xy[:, 1] < legend.y1))
    assert not inside.any(), "the legend covers part of the curve"


# -- review round 4: the dashed slot of an edge class is not cut by the axis ------------------

@pytest.mark.parametrize("t", [0, 9])
def test_the_true_class_slot_at_an_edge_keeps_a_margin(t):
    art = plot_probabilities(BOOK_Y1, t, ax=_ax())
    lo, hi = art["ax"].get_xlim()
    band = art["band"]
    left, right = band.get_x(), band.get_x() + band.get_width()
    # at least 0.25 of a bar's slot between the dashed outline and each side of the axes
    assert left - lo >= 0.25 and hi - right >= 0.25, (lo, hi, left, right)


# -- the Korean edition (issue 13): every text from the catalogue, in Korean ------------------

def _keys_called(module):
    """The literal keys of every ``tr("...")`` call in ``module``'s source."""
    import inspect
    import re

    return set(re.findall(r"\btr\(\s*\"([^\"]+)\"", inspect.getsource(module)))


def _korean_figures(example="예"):
    """Every figure of this module, drawn at its defaults (the language in use decides the text;
    ``example`` is the caller's word for the marked points, as a lesson passes it)."""
    rng = np.random.default_rng(0)
    p = np.linspace(0, 1, 101)
    y0 = _zero_on_the_true_class()
    return {  # made on demand: one case draws one figure
        "plot_neg_log": lambda: plot_neg_log(
            [(0.6, f"{example} 1"), (0.1, f"{example} 2"), (0.0, "p = 0")], cap=True, ymax=17.5),
        "plot_neg_log bare": lambda: plot_neg_log(),
        "plot_neg_log timid": lambda: plot_neg_log([(0.45, "")]),
        "plot_neg_log delta 0": lambda: plot_neg_log([(1.0, "")], delta=0.0),
        "plot_cee_vs_sse": lambda: plot_cee_vs_sse(p, [-math.log(v + 1e-7) for v in p],
                                                   (1 - p) ** 2),
        "plot_probabilities right": lambda: plot_probabilities(BOOK_Y1, 2),
        "plot_probabilities wrong": lambda: plot_probabilities(y0, 9),
        "plot_prediction wrong": lambda: plot_prediction(rng.random(784), y0, 9, index=2293),
        "plot_prediction right": lambda: plot_prediction(rng.random(784), BOOK_Y1, 2,
                                                         index=59_999, split="training"),
        "plot_prediction no index": lambda: plot_prediction(rng.random(784), BOOK_Y2, 2),
    }


_KOREAN_CASES = ["plot_neg_log", "plot_neg_log bare", "plot_neg_log timid", "plot_neg_log delta 0",
                 "plot_cee_vs_sse", "plot_probabilities right", "plot_probabilities wrong",
                 "plot_prediction wrong", "plot_prediction right", "plot_prediction no index"]


@pytest.mark.parametrize("name", _KOREAN_CASES)
def test_every_figure_speaks_korean(name, caplog):
    from helpers.i18n import language
    from tests.support import english_words, figure_texts, hangul, korean

    with korean():  # a missing Hangul glyph is an error in here
        art = _korean_figures()[name]()
        texts = figure_texts(art["fig"])
        assert_projector_readable(art["fig"], what=f"{name} in Korean")  # Korean still fits
        axes = art["ax"] if isinstance(art["ax"], tuple) else (art["ax"],)
        ax = axes[-1]  # the curve, or the bars of a prediction
        assert hangul(ax.get_xlabel()) and hangul(ax.get_ylabel()), name
        if name.startswith(("plot_neg_log", "plot_cee")):
            assert hangul(ax.get_title()), ax.get_title()
        if name.startswith("plot_prediction"):
            assert hangul(art["title"].get_text()) and hangul(art["ax_image"].get_title())
            assert hangul(ax.get_title())
        if name.startswith("plot_probabilities") or name.startswith("plot_prediction"):
            assert hangul(art["value"].get_text())
            assert not art["guess"].get_visible() or hangul(art["guess"].get_text())
        if art.get("cap") is not None:
            assert hangul(art["cap"].get_label()) and hangul(art["curve"].get_label())
        assert english_words(texts) == set(), (name, texts)
    assert language() == "en"
    glyphs = [r.getMessage() for r in caplog.records if "glyph" in r.getMessage()]
    assert glyphs == [], glyphs  # mathtext says it in the log, not as a warning
    # English again after the block: one spot check each
    art = _korean_figures("example")[name]()
    english = " ".join(figure_texts(art["fig"]))
    spot = {"plot_neg_log": "on the right class", "plot_neg_log bare": "grows without bound",
            "plot_neg_log timid": "more than a uniform guess", "plot_neg_log delta 0": "no loss",
            "plot_cee_vs_sse": "sum of squares error", "plot_probabilities right": "true class",
            "plot_probabilities wrong": "wrong guess", "plot_prediction wrong": "Test image 2293",
            "plot_prediction right": "Training image 59999", "plot_prediction no index":
            "This image"}[name]
    assert spot in english, (name, english)


def test_the_title_functions_speak_korean():
    from tests.support import english_words, hangul, korean

    y = [0.05] * 8 + [0.3, 0.3]
    with korean():
        for p in (0.0, 0.05, 0.1, 0.3, 0.6, 1.0):
            for text in (neg_log_title(p), verdict_words(p)):
                assert hangul(text) and english_words([text]) == set(), text
        assert hangul(neg_log_title(0.0, delta=0.0))
        for loss in (None, 0.05, 0.5, 3.0):
            for index, split in ((None, "test"), (4, "test"), (4, "training")):
                text = prediction_title(y, 8, loss=loss, index=index, split=split)
                assert hangul(text) and english_words([text]) == set(), text
        assert "시험 이미지 4" in prediction_title(y, 8, index=4)
        assert "훈련 이미지 4" in prediction_title(y, 8, index=4, split="training")
    assert neg_log_title(0.3).startswith("p = 0.300 on the right class")
    assert verdict_words(0.1) == "as much as a uniform guess"


def test_the_korean_verdicts_say_what_the_english_ones_say():
    # the four verdicts differ in Korean too, and the title changes with them
    from tests.support import korean

    with korean():
        words = {verdict_words(p) for p in (0.05, 0.1, 0.3, 0.6)}
        assert len(words) == 4
        assert "절반" in verdict_words(0.6) and "균등" in verdict_words(0.1)


def test_plot_digit_adds_no_text_of_its_own_and_shows_a_korean_title():
    from tests.support import figure_texts, korean

    with korean():
        assert figure_texts(plot_digit(np.zeros(784))["fig"]) == []
        art = plot_digit(np.zeros(784), title="정답 레이블 t = 7")
        assert figure_texts(art["fig"]) == ["정답 레이블 t = 7"]
