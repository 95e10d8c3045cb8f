"""Tests for helpers.plots.single (notebook 01): the artists hold the right data.

References are computed independently here (math.log in explicit loops and
hand values such as the book's 0.5108 and 2.3026), not with the functions
under test.
"""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import helpers.plots as hp  # noqa: E402
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
)

DELTA = 1e-7
BOOK_Y1 = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
BOOK_Y2 = [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]


def _ax():
    return plt.subplots()[1]


def _same_color(a, b):
    return mcolors.to_hex(a) == mcolors.to_hex(b)


def _cee_by_hand(y, label):
    """-sum_k t_k log(y_k + delta) with an explicit loop over the classes."""
    total = 0.0
    for k, v in enumerate(y):
        if k == label:
            total += math.log(float(v) + DELTA)
    return -total


def test_exported_from_package():
    for name in ("plot_neg_log", "plot_cee_vs_sse", "plot_probabilities", "plot_digit", "plot_prediction"):
        assert name in hp.single.__all__
        assert getattr(hp, name) is getattr(hp.single, name)


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
    for v, e in zip(y[::37], loss[::37]):
        assert e == pytest.approx(-math.log(v + delta), rel=1e-12)
    assert np.isfinite(loss).all()
    assert (y < 1e-3).sum() >= 50, "dense near 0 where the curve is steep"


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
    # the two points have different colours
    assert not _same_color(art["points"][0].get_color(), art["points"][1].get_color())


def test_plot_neg_log_with_delta_and_cap():
    art = plot_neg_log([(0.0, "")], ax=_ax(), delta=DELTA, ymax=17.5, cap=True)
    assert art["cap"].get_ydata()[0] == pytest.approx(7 * math.log(10), rel=1e-12)
    assert "16.1181" in art["cap"].get_label()
    (px, py) = art["points"][0].get_data()
    assert px[0] == 0.0 and py[0] == pytest.approx(16.1181, abs=1e-4)
    assert "16.1181" in art["labels"][0].get_text()
    assert "16.1181" in art["ax"].get_title()


def test_plot_neg_log_without_ax_makes_a_pyplot_figure():
    before = len(plt.get_fignums())
    art = plot_neg_log([(0.5, "half")])
    assert len(plt.get_fignums()) == before + 1
    assert art["fig"] is art["ax"].figure


@pytest.mark.parametrize("p", [0.0, 0.001, 0.05, 0.1, 0.6, 0.999, 1.0])
def test_neg_log_title_states_the_value(p):
    title = neg_log_title(p, DELTA)
    assert title.count("\n") == 1, "always two lines (the widget freezes its layout)"
    e = -math.log(p + DELTA)
    if p == 0:
        assert "16.1181" in title and "δ" in title and "−∞" in title
    elif p == 1:
        assert "no loss" in title and "-1.0e-07" in title
    else:
        assert f"{e:.4f}" in title and f"{p:.3f}" in title


def test_neg_log_title_without_delta_is_infinite():
    assert "+∞" in neg_log_title(0.0, 0.0)


def test_plot_cee_vs_sse_holds_the_data_and_notes_the_cap():
    p = np.linspace(0, 1, 11)
    cee = np.array([-math.log(v + DELTA) for v in p])
    sse = (1 - p) ** 2
    art = plot_cee_vs_sse(p, cee, sse, ax=_ax(), ymax=5)
    np.testing.assert_array_equal(art["cee"].get_ydata(), cee)
    np.testing.assert_array_equal(art["sse"].get_ydata(), sse)
    np.testing.assert_array_equal(art["cee"].get_xdata(), p)
    assert art["note"] is not None and "16.1181" in art["note"].get_text()
    assert "1.0000" in art["ax"].get_title() and "16.1181" in art["ax"].get_title(), "default title names both maxima"
    art2 = plot_cee_vs_sse(p[1:], cee[1:], sse[1:], ax=_ax(), ymax=5, title="custom")
    assert art2["note"] is None and art2["ax"].get_title() == "custom"


def test_fmt_prob():
    assert fmt_prob(0.6) == "0.6000"
    assert fmt_prob(0.0) == "0.0000"
    assert fmt_prob(1.0) == "1.0000"
    assert fmt_prob(0.001) == "0.0010"
    assert fmt_prob(1.197e-4) == "1.20e-04"


def test_probability_colors_by_hand():
    y = np.array(BOOK_Y2)  # top guess 7, true class 2: wrong
    cols = probability_colors(y, 2)
    for k in range(10):
        want = COLORS["green"] if k == 2 else COLORS["vermillion"] if k == 7 else COLORS["grey"]
        assert cols[k] == want
    cols = probability_colors(np.array(BOOK_Y1), 2)  # right: no vermillion
    assert cols.count(COLORS["green"]) == 1 and COLORS["vermillion"] not in cols


def test_plot_probabilities_bars_and_loss():
    y = np.array(BOOK_Y2)
    art = plot_probabilities(y, 2, ax=_ax())
    heights = [r.get_height() for r in art["bars"].patches]
    assert heights == pytest.approx(BOOK_Y2)
    assert [r.get_x() + r.get_width() / 2 for r in art["bars"].patches] == pytest.approx(list(range(10)))
    assert _same_color(art["bars"].patches[2].get_facecolor(), COLORS["green"])
    assert _same_color(art["bars"].patches[7].get_facecolor(), COLORS["vermillion"])
    assert _same_color(art["bars"].patches[0].get_facecolor(), COLORS["grey"])
    assert art["value"].get_text() == "0.1000"
    assert art["value"].get_position()[0] == 2
    assert f"{_cee_by_hand(y, 2):.4f}" == "2.3026" and "2.3026" in art["ax"].get_title()
    assert len(art["legend"].get_texts()) == 3
    ticks = art["ax"].get_xticklabels()
    assert _same_color(ticks[2].get_color(), COLORS["green"]) and _same_color(ticks[7].get_color(), "black")


def test_mark_true_tick_moves():
    ax = _ax()
    plot_probabilities(np.full(10, 0.1), 3, ax=ax)
    mark_true_tick(ax, 8)
    labels = ax.get_xticklabels()
    assert _same_color(labels[8].get_color(), COLORS["green"]) and labels[8].get_fontweight() == "bold"
    assert _same_color(labels[3].get_color(), "black")


def test_plot_digit_shows_the_image():
    image = np.linspace(0, 1, 784, dtype=np.float32)
    im = plot_digit(image, ax=_ax(), title="label t = 5")
    np.testing.assert_array_equal(im.get_array(), image.reshape(28, 28))
    assert im.get_clim() == (0, 1)
    assert im.axes.get_title() == "label t = 5"


def test_plot_digit_raw_uint8_pixels_keep_their_grey_levels():
    # load_mnist(normalize=False) gives uint8 0..255: on a 0..1 scale every pixel > 0 would be black
    raw = np.arange(784) % 256
    im = plot_digit(raw.astype(np.uint8), ax=_ax())
    assert im.get_clim() == (0, 255)
    shown = im.to_rgba(im.get_array())[..., 0]
    assert len(np.unique(shown)) == 256
    # the same picture as the normalized image
    ref = plot_digit((raw / 255).astype(np.float32), ax=_ax())
    np.testing.assert_allclose(shown, ref.to_rgba(ref.get_array())[..., 0], atol=1 / 255)


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
    bare = plot_prediction(image, y, t, static=False)
    assert len(plt.get_fignums()) == before + 1, "static=False must not create a pyplot figure"
    assert type(bare["fig"]).__name__ == "Figure"
