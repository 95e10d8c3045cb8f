"""Tests for helpers.plots.full (notebooks 02 and 03): the artists hold the right data.

References are computed independently here: explicit loops, sorted lists and
hand values, not the functions under test. Bad input must raise TypeError
(wrong kind) or ValueError (bad value) naming the argument; valid array_like
input (lists) must work; inputs are never modified.
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
from helpers.plots import COLORS  # noqa: E402
from helpers.plots.full import (  # noqa: E402
    plot_cost_vs_n,
    plot_image_grid,
    plot_loss_histogram,
    plot_loss_share,
)
from helpers.plots.style import FONT  # noqa: E402


def _ax():
    return plt.subplots()[1]


def _median_by_hand(values):
    s = sorted(float(v) for v in values)
    m = len(s)
    return s[m // 2] if m % 2 else (s[m // 2 - 1] + s[m // 2]) / 2


def _count_by_hand(values, edges):
    """Counts per bin [e_i, e_i+1), last bin closed; values outside go to the end bins."""
    counts = [0] * (len(edges) - 1)
    for v in values:
        v = min(max(float(v), edges[0]), edges[-1])
        for i in range(len(edges) - 1):
            last = i == len(edges) - 2
            if edges[i] <= v < edges[i + 1] or (last and v == edges[-1]):
                counts[i] += 1
                break
    return counts


def test_exported_from_package():
    from helpers.plots import full

    assert set(full.__all__) == {"plot_loss_histogram", "plot_loss_share", "plot_image_grid",
                                 "plot_cost_vs_n"}
    for name in full.__all__:
        assert getattr(hp, name) is getattr(full, name)


# ------------------------------------------------------------------ histogram

def test_histogram_log_x_counts_edges_mean_median():
    rng = np.random.default_rng(1)
    losses = rng.lognormal(mean=-3.0, sigma=1.5, size=2_000)
    ax = _ax()
    art = plot_loss_histogram(losses, ax=ax, bins=30)
    data = art["hist"].get_data()
    counts, edges = data.values, data.edges
    # edges: from the decade below the smallest loss to 1.2 x the largest, geometric
    lo = 10.0 ** math.floor(math.log10(min(losses)))
    assert edges[0] == pytest.approx(lo)
    assert edges[-1] == pytest.approx(1.2 * max(losses))
    assert len(edges) == 31
    ratios = edges[1:] / edges[:-1]
    assert np.allclose(ratios, ratios[0])
    assert list(counts) == _count_by_hand(losses, edges)
    assert counts.sum() == len(losses)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "linear"
    mean = sum(float(v) for v in losses) / len(losses)
    median = _median_by_hand(losses)
    assert art["mean"].get_xdata()[0] == pytest.approx(mean, rel=1e-12)
    assert art["median"].get_xdata()[0] == pytest.approx(median, rel=1e-12)
    assert f"mean {mean:.4f}" in art["mean"].get_label()
    assert f"median {median:.4f}" in art["median"].get_label()
    assert f"{mean / median:.1f}×" in ax.get_title()
    assert art["shade"] is None
    assert art["ax"] is ax and art["fig"] is ax.figure
    assert ax.title.get_fontsize() == FONT["title"]
    assert ax.xaxis.label.get_fontsize() == FONT["label"]


def test_histogram_zero_and_negative_losses_go_to_the_first_bin():
    # a prediction of exactly 1 gives -log(1 + 1e-7) < 0; a log axis must still show it
    losses = np.array([-1e-7, 0.0, 0.5, 2.0, 8.0])
    art = plot_loss_histogram(losses, ax=_ax(), bins=10, floor=1e-3)
    data = art["hist"].get_data()
    counts, edges = data.values, data.edges
    assert edges[0] == pytest.approx(1e-3)
    assert counts[0] == 2
    assert counts.sum() == 5


def test_histogram_linear_x_log_y_and_threshold():
    losses = np.array([0.01, 0.02, 0.05, 0.2, 0.3, 1.0, 3.0, 9.0])
    ax = _ax()
    art = plot_loss_histogram(losses, ax=ax, bins=9, log_x=False, log_y=True, threshold=0.1)
    data = art["hist"].get_data()
    counts, edges = data.values, data.edges
    assert np.allclose(edges, [i * 9.0 / 9 for i in range(10)])  # 0, 1, ..., 9
    assert list(counts) == [5, 1, 0, 1, 0, 0, 0, 0, 1]
    assert ax.get_xscale() == "linear" and ax.get_yscale() == "log"
    # 3 of the 8 losses are below 0.1: 37.5%
    assert "37.5% of images" in art["shade"].get_label()
    assert art["median"].get_xdata()[0] == pytest.approx((0.2 + 0.3) / 2)
    # "below" is strict: a loss of exactly the threshold is not counted
    art = plot_loss_histogram([0.05, 0.1, 0.2, 0.3], ax=_ax(), threshold=0.1)
    assert "25.0% of images" in art["shade"].get_label()


def test_histogram_all_zero_losses_on_a_log_axis():
    # every prediction sure and right: mean = median = 0 cannot sit on a log axis;
    # the lines go to the first edge and all samples are in the first bin
    art = plot_loss_histogram([0.0, 0.0, 0.0], ax=_ax(), floor=1e-4)
    data = art["hist"].get_data()
    assert data.edges[0] == pytest.approx(1e-4) and data.values[0] == 3 and data.values.sum() == 3
    assert art["mean"].get_xdata()[0] == pytest.approx(1e-4)
    assert "mean 0.0000" in art["mean"].get_label()
    art["fig"].canvas.draw()


def test_histogram_makes_its_own_figure():
    before = len(plt.get_fignums())
    art = plot_loss_histogram([0.1, 0.2, 5.0])
    assert len(plt.get_fignums()) == before + 1
    assert art["hist"].axes is art["ax"] and art["ax"].figure is art["fig"] is plt.gcf()
    bare = plot_loss_histogram([0.1, 0.2, 5.0], static=False)
    assert len(plt.get_fignums()) == before + 1 and type(bare["fig"]) is Figure


# ------------------------------------------------------------------ share curve

def test_share_curve_hand_example():
    # worst first: 4, 3, 2, 1 (total 10): cumulative shares 40, 70, 90, 100 %
    art = plot_loss_share([2.0, 4.0, 1.0, 3.0], ax=_ax(), mark=0.25)
    assert np.allclose(art["curve"].get_xdata(), [0, 25, 50, 75, 100])
    assert np.allclose(art["curve"].get_ydata(), [0, 40, 70, 90, 100])
    assert art["share"] == pytest.approx(0.4)
    assert np.allclose(art["marker"].get_xdata(), [25])
    assert np.allclose(art["marker"].get_ydata(), [40])
    assert np.allclose(art["equal"].get_xdata(), [0, 100])
    assert np.allclose(art["equal"].get_ydata(), [0, 100])
    assert art["fig"] is art["ax"].figure


def test_share_curve_matches_a_loop():
    rng = np.random.default_rng(2)
    losses = rng.exponential(size=1_000) ** 3
    ax = _ax()
    art = plot_loss_share(losses, ax=ax, mark=0.05)
    worst = sorted((float(v) for v in losses), reverse=True)
    total = sum(worst)
    running, expected = 0.0, [0.0]
    for v in worst:
        running += v
        expected.append(running / total * 100)
    assert np.allclose(art["curve"].get_ydata(), expected)
    share = sum(worst[:50]) / total  # 5% of 1,000
    assert art["share"] == pytest.approx(share)
    assert f"{share:.0%}" in ax.get_title()
    assert "50 images" in art["marker"].get_label()


def test_share_curve_one_sample_and_mark_1():
    art = plot_loss_share([3.0], ax=_ax(), mark=1.0)
    assert list(art["curve"].get_xdata()) == [0, 100] and list(art["curve"].get_ydata()) == [0, 100]
    assert art["share"] == 1.0 and "worst 1 image:" in art["marker"].get_label()


# ------------------------------------------------------------------ image grid

def test_image_grid_images_titles_and_colours():
    rng = np.random.default_rng(3)
    images = rng.random((6, 784)).astype(np.float32)
    labels = np.array([0, 1, 2, 3, 4, 5])
    preds = np.array([0, 7, 2, 3, 9, 5])  # wrong at 1 and 4
    losses = np.array([0.01, 5.555, 0.2, 0.3, 9.0, 0.123])
    fig, axes = plt.subplots(2, 4)
    art = plot_image_grid(images, labels, preds, losses, axes=axes, title="worst images")
    assert len(art["images"]) == 6
    flat = axes.ravel()
    assert art["fig"] is fig and art["ax"] == tuple(flat)
    for i, im in enumerate(art["images"]):
        assert im.axes is flat[i]
        assert np.array_equal(im.get_array(), images[i].reshape(28, 28))
        title = flat[i].title
        assert title.get_text() == f"label {labels[i]}, predicted {preds[i]}\nloss {losses[i]:.2f}"
        want = COLORS["vermillion"] if labels[i] != preds[i] else COLORS["black"]
        assert mcolors.same_color(title.get_color(), want)
    assert not flat[6].get_visible() and not flat[7].get_visible()
    assert fig.get_suptitle() == "worst images"


def test_image_grid_new_figure_and_28x28_input():
    images = np.zeros((3, 28, 28))
    images[1, 5, 7] = 1.0
    art = plot_image_grid(images, [1, 2, 3], [1, 2, 3], ncols=2)
    arts = art["images"]
    assert len(arts) == 3
    assert arts[1].get_array()[5, 7] == 1.0 and arts[1].get_array().sum() == 1.0
    assert len(plt.gcf().axes) == 4 and len(art["ax"]) == 4  # 2 x 2 grid, the last one hidden
    assert not art["ax"][3].get_visible()
    assert "loss" not in arts[0].axes.get_title()
    assert art["fig"] is plt.gcf()


def test_image_grid_lists_and_fewer_images_than_columns():
    # lists are valid array_like; 2 images with ncols=4 make 2 columns, not 2 empty ones
    images = [[0.0] * 784, [1.0] * 784]
    art = plot_image_grid(images, [3, 4], [3, 5], [0.5, 2.25], ncols=4, static=False)
    assert type(art["fig"]) is Figure and len(art["ax"]) == 2
    assert art["ax"][1].get_title() == "label 4, predicted 5\nloss 2.25"
    assert mcolors.same_color(art["ax"][1].title.get_color(), COLORS["vermillion"])
    assert art["images"][1].get_array().min() == 1.0


# ------------------------------------------------------------------ cost vs N

def _through_origin_by_hand(xs, ys):
    """Least squares of y = slope * x (no intercept): sum(x*y) / sum(x*x), by a loop."""
    sxy = sxx = 0.0
    for x, y in zip(xs, ys, strict=True):
        sxy += float(x) * float(y)
        sxx += float(x) * float(x)
    return sxy / sxx


def test_cost_vs_n_medians_and_fit_through_the_origin():
    n = [1_000, 10_000, 30_000, 60_000]
    seconds = np.array([
        [0.004, 0.003, 0.050],   # an outlier: the median ignores it
        [0.022, 0.021, 0.020],
        [0.061, 0.065, 0.060],
        [0.121, 0.119, 0.500],
    ])
    ax = _ax()
    art = plot_cost_vs_n(n, seconds, ax=ax)
    med = [_median_by_hand(row) for row in seconds]
    assert np.allclose(art["medians"].get_xdata(), n)
    assert np.allclose(art["medians"].get_ydata(), np.array(med) * 1e3)
    slope = _through_origin_by_hand(n, med)
    assert art["slope"] == pytest.approx(slope, rel=1e-12)
    assert "intercept" not in art
    assert np.allclose(art["fit"].get_xdata(), [0, 60_000])
    assert np.allclose(art["fit"].get_ydata(), [0.0, slope * 60_000 * 1e3])  # starts at 0
    assert len(art["runs"].get_xdata()) == 12
    assert np.allclose(sorted(art["runs"].get_ydata()), sorted(seconds.ravel() * 1e3))
    assert f"{slope * 1e6:.2f} µs" in ax.get_title()
    assert f"fit through 0: {slope * 1e6:.2f} µs × N" == art["fit"].get_label()


def test_cost_vs_n_never_draws_a_negative_intercept():
    n = np.array([1_000, 2_000, 4_000])
    # a free straight-line fit of these would cross the axis at -1 ms
    art = plot_cost_vs_n(n, 2e-6 * n - 0.001, ax=_ax())
    assert art["fit"].get_ydata()[0] == 0.0
    assert min(art["fit"].get_ydata()) >= 0.0
    assert "−" not in art["fit"].get_label() and "ms" not in art["fit"].get_label()
    exact = plot_cost_vs_n(n, 2e-6 * n, ax=_ax())  # exactly 2 µs per sample
    assert exact["runs"] is None
    assert exact["slope"] == pytest.approx(2e-6, rel=1e-12)
    assert "2.00 µs × N" in exact["fit"].get_label()


def test_cost_vs_n_one_run_per_n_in_a_column():
    art = plot_cost_vs_n([1_000, 3_000], [[0.002], [0.004]], ax=_ax())
    assert art["runs"] is None, "one column: no separate runs to draw"
    assert art["slope"] == pytest.approx((1_000 * 0.002 + 3_000 * 0.004) / (1_000**2 + 3_000**2))
    assert art["fig"] is art["ax"].figure


# ------------------------------------------------------------------ the skew made visible

def test_histogram_shades_both_sides_of_the_mean_with_counted_shares():
    rng = np.random.default_rng(5)
    losses = rng.lognormal(mean=-2.5, sigma=1.6, size=3_001)
    art = plot_loss_histogram(losses, ax=_ax())
    mean = sum(float(v) for v in losses) / len(losses)
    below = sum(1 for v in losses if float(v) < mean)  # counted independently, by a loop
    assert art["share_below"] == pytest.approx(below / len(losses), abs=0)
    assert f"{below / len(losses):.1%} of images" in art["below_text"].get_text()
    assert f"{(len(losses) - below) / len(losses):.1%} of images" in art["above_text"].get_text()
    assert "below the mean" in art["below_text"].get_text()
    assert "above the mean" in art["above_text"].get_text()
    assert below / len(losses) > 0.6  # a right-skewed sample: most lie below its mean
    # the two shaded spans meet at the mean and cover the whole x range
    edges = art["hist"].get_data().edges
    def span(patch):  # x range of an axvspan (a Rectangle in data x)
        x0 = patch.get_x()
        return x0, x0 + patch.get_width()

    assert span(art["below"]) == (pytest.approx(edges[0]), pytest.approx(mean))
    assert span(art["above"]) == (pytest.approx(mean), pytest.approx(edges[-1]))
    assert "log scale" in art["ax"].get_xlabel()


def test_histogram_share_labels_clear_the_median_line():
    # mean 0.4, median 0.02: the x axis starts at 0.001, so the median sits exactly at the
    # (log) middle of the side below the mean, where a label centred on that side would go
    losses = [0.002, 0.002, 0.02, 0.988, 0.988]
    art = plot_loss_histogram(losses)  # at its defaults, as the notebook draws it
    assert art["hist"].get_data().edges[0] == pytest.approx(0.001)
    fig = art["fig"]
    try:
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        line_x = art["ax"].transData.transform((art["median"].get_xdata()[0], 0))[0]
        for key in ("below_text", "above_text"):
            box = art[key].get_bbox_patch().get_window_extent(renderer)
            assert not box.x0 - 2 <= line_x <= box.x1 + 2, f"{key} hides the median's line"
    finally:
        plt.close(fig)


def test_histogram_split_counts_a_loss_equal_to_the_mean_above():
    art = plot_loss_histogram([1.0, 1.0, 1.0, 5.0], ax=_ax(), log_x=False)  # mean 2.0
    assert art["share_below"] == 0.75
    art = plot_loss_histogram([2.0, 2.0], ax=_ax(), log_x=False)  # every loss is the mean
    assert art["share_below"] == 0.0 and "100.0% of images" in art["above_text"].get_text()


def test_histogram_without_the_split():
    art = plot_loss_histogram([0.1, 0.2, 5.0], ax=_ax(), split_at_mean=False)
    assert art["below"] is None and art["above"] is None and art["share_below"] is None


def _projector_cases():
    rng = np.random.default_rng(3)
    losses = rng.lognormal(mean=-2.8, sigma=1.5, size=60_000)
    ns = np.array([1_000, 5_000, 10_000, 20_000, 40_000, 60_000])
    seconds = np.outer(ns, np.ones(5)) * 1.3e-6 + rng.uniform(0, 2e-3, (6, 5))
    images = rng.uniform(0, 1, (8, 784))
    return {
        "histogram": lambda: plot_loss_histogram(losses),
        "share": lambda: plot_loss_share(losses),
        "grid": lambda: plot_image_grid(images, list(range(8)), [0, 1, 2, 3, 5, 5, 6, 9],
                                        losses[:8],
                                        title="The 8 highest-loss training images are all wrong"),
        "cost": lambda: plot_cost_vs_n(ns, seconds),
    }


@pytest.mark.parametrize("name", ["histogram", "share", "grid", "cost"])
def test_every_figure_is_projector_readable_at_its_defaults(name):
    from tests.support import assert_projector_readable

    fig = _projector_cases()[name]()["fig"]
    try:
        assert_projector_readable(fig, what=name)
    finally:
        plt.close(fig)


def test_the_projector_check_fails_on_the_old_wide_figure():
    from tests.support import assert_projector_readable

    fig = plt.figure(figsize=(13, 4.6))  # notebook 02's old two-panel histogram figure
    axes = fig.subplots(1, 2)
    plot_loss_histogram([0.1, 0.2, 5.0], ax=axes[0])
    with pytest.raises(AssertionError, match="wide"):
        assert_projector_readable(fig)
    plt.close(fig)


# ------------------------------------------------------------------ inputs are never modified


def _frozen(a):
    """A read-only copy: any in-place write by the function under test raises."""
    a = np.array(a)
    a.flags.writeable = False
    return a


def test_inputs_are_not_modified():
    losses = _frozen([0.3, 0.0, 2.0, 0.01, 9.0])
    before = losses.copy()
    plot_loss_histogram(losses, ax=_ax(), threshold=0.1)
    plot_loss_histogram(losses, ax=_ax(), log_x=False)
    plot_loss_share(losses, ax=_ax())
    np.testing.assert_array_equal(losses, before)
    images, labels = _frozen(np.linspace(0, 1, 2 * 784).reshape(2, 784)), _frozen([1, 2])
    preds, grid_losses = _frozen([1, 7]), _frozen([0.1, 3.0])
    copies = [a.copy() for a in (images, labels, preds, grid_losses)]
    plot_image_grid(images, labels, preds, grid_losses)
    for a, c in zip((images, labels, preds, grid_losses), copies, strict=True):
        np.testing.assert_array_equal(a, c)
    n, seconds = _frozen([1_000, 2_000, 4_000]), _frozen([[0.003, 0.002], [0.004, 0.005],
                                                          [0.009, 0.008]])
    copies = [n.copy(), seconds.copy()]
    plot_cost_vs_n(n, seconds, ax=_ax())
    np.testing.assert_array_equal(n, copies[0])
    np.testing.assert_array_equal(seconds, copies[1])
    assert n.dtype.kind == "i", "n stays an int array"


# ------------------------------------------------------------------ bad input

_IMAGES = np.zeros((2, 784))


def _grid(**kw):
    args = dict(images=_IMAGES, labels=[1, 2], predictions=[1, 3], losses=None)
    args.update(kw)
    return lambda: plot_image_grid(args.pop("images"), args.pop("labels"),
                                   args.pop("predictions"), args.pop("losses"), **args)


BAD_INPUT = {
    # plot_loss_histogram
    "histogram empty": (lambda: plot_loss_histogram([]), ValueError, "^losses"),
    "histogram nan": (lambda: plot_loss_histogram([0.1, np.nan]), ValueError, "^losses"),
    "histogram inf": (lambda: plot_loss_histogram([0.1, np.inf]), ValueError, "^losses"),
    "histogram 2-D": (lambda: plot_loss_histogram([[0.1, 0.2]]), ValueError, "^losses"),
    "histogram strings": (lambda: plot_loss_histogram(["a", "b"]), TypeError, "^losses"),
    "histogram bools": (lambda: plot_loss_histogram([True, False]), TypeError, "^losses"),
    "histogram negative loss": (lambda: plot_loss_histogram([-1.0, 2.0]), ValueError,
                                "^losses"),
    "histogram bins 0": (lambda: plot_loss_histogram([0.1, 0.2], bins=0), ValueError, "^bins"),
    "histogram bins negative": (lambda: plot_loss_histogram([0.1], bins=-3), ValueError,
                                "^bins"),
    "histogram bins float": (lambda: plot_loss_histogram([0.1], bins=10.0), TypeError, "^bins"),
    "histogram bins bool": (lambda: plot_loss_histogram([0.1], bins=True), TypeError, "^bins"),
    "histogram log_x str": (lambda: plot_loss_histogram([0.1], log_x="no"), TypeError,
                            "^log_x"),
    "histogram log_x int": (lambda: plot_loss_histogram([0.1], log_x=0), TypeError, "^log_x"),
    "histogram log_y str": (lambda: plot_loss_histogram([0.1], log_y="yes"), TypeError,
                            "^log_y"),
    "histogram floor 0": (lambda: plot_loss_histogram([0.1], floor=0), ValueError, "^floor"),
    "histogram floor nan": (lambda: plot_loss_histogram([0.1], floor=np.nan), ValueError,
                            "^floor"),
    "histogram floor str": (lambda: plot_loss_histogram([0.1], floor="1e-4"), TypeError,
                            "^floor"),
    "histogram threshold 0": (lambda: plot_loss_histogram([0.1], threshold=0), ValueError,
                              "^threshold"),
    "histogram threshold str": (lambda: plot_loss_histogram([0.1], threshold="0.1"), TypeError,
                                "^threshold"),
    "histogram ax str": (lambda: plot_loss_histogram([0.1], ax="left"), TypeError, "^ax"),
    "histogram static str": (lambda: plot_loss_histogram([0.1], static="no"), TypeError,
                             "^static"),
    "histogram figsize negative": (lambda: plot_loss_histogram([0.1], figsize=(-1, 2)),
                                   ValueError, "^figsize"),
    # plot_loss_share
    "share empty": (lambda: plot_loss_share([]), ValueError, "^losses"),
    "share zero sum": (lambda: plot_loss_share([0.0, 0.0]), ValueError, "^losses"),
    "share negative loss": (lambda: plot_loss_share([-5.0, 6.0]), ValueError, "^losses"),
    "share nan": (lambda: plot_loss_share([1.0, np.nan]), ValueError, "^losses"),
    "share mark 0": (lambda: plot_loss_share([1.0, 2.0], mark=0), ValueError, "^mark"),
    "share mark above 1": (lambda: plot_loss_share([1.0, 2.0], mark=1.5), ValueError, "^mark"),
    "share mark str": (lambda: plot_loss_share([1.0, 2.0], mark="5%"), TypeError, "^mark"),
    "share mark bool": (lambda: plot_loss_share([1.0, 2.0], mark=True), TypeError, "^mark"),
    "share ax number": (lambda: plot_loss_share([1.0, 2.0], ax=1), TypeError, "^ax"),
    # plot_image_grid
    "grid ncols 0": (_grid(ncols=0), ValueError, "^ncols"),
    "grid ncols negative": (_grid(ncols=-2), ValueError, "^ncols"),
    "grid ncols float": (_grid(ncols=2.0), TypeError, "^ncols"),
    "grid ncols bool": (_grid(ncols=True), TypeError, "^ncols"),
    "grid no images": (_grid(images=np.zeros((0, 784)), labels=[], predictions=[]), ValueError,
                       "^images"),
    "grid images 1-D": (_grid(images=np.zeros(784)), ValueError, "^images"),
    "grid images wrong size": (_grid(images=np.zeros((2, 100))), ValueError, "^images"),
    "grid images nan": (_grid(images=np.full((2, 784), np.nan)), ValueError, "^images"),
    "grid images strings": (_grid(images=[["a"] * 784] * 2), TypeError, "^images"),
    "grid labels short": (_grid(labels=[1]), ValueError, "^labels"),
    "grid labels float": (_grid(labels=[1.0, 2.0]), TypeError, "^labels"),
    "grid labels 10": (_grid(labels=[1, 10]), ValueError, "^labels"),
    "grid labels -1": (_grid(labels=[-1, 2]), ValueError, "^labels"),
    "grid predictions long": (_grid(predictions=[1, 2, 3]), ValueError, "^predictions"),
    "grid predictions bools": (_grid(predictions=[True, False]), TypeError, "^predictions"),
    "grid losses short": (_grid(losses=[0.1]), ValueError, "^losses"),
    "grid losses nan": (_grid(losses=[0.1, np.nan]), ValueError, "^losses"),
    "grid too few axes": (lambda: plot_image_grid(_IMAGES, [1, 2], [1, 2], axes=[_ax()]),
                          ValueError, "^axes"),
    "grid axes not Axes": (_grid(axes=["a", "b"]), TypeError, "^axes"),
    "grid title number": (_grid(title=3), TypeError, "^title"),
    "grid static str": (_grid(static="no"), TypeError, "^static"),
    # plot_cost_vs_n
    "cost one distinct n": (lambda: plot_cost_vs_n([1_000, 1_000], [0.1, 0.2]), ValueError,
                            "^n "),
    "cost n float": (lambda: plot_cost_vs_n([1e3, 2e3], [0.1, 0.2]), TypeError, "^n "),
    "cost n zero": (lambda: plot_cost_vs_n([0, 1_000], [0.1, 0.2]), ValueError, "^n "),
    "cost n empty": (lambda: plot_cost_vs_n([], []), ValueError, "^n "),
    "cost n 2-D": (lambda: plot_cost_vs_n([[1, 2]], [0.1, 0.2]), ValueError, "^n "),
    "cost seconds long": (lambda: plot_cost_vs_n([1_000, 2_000], [0.1, 0.2, 0.3]), ValueError,
                          "^seconds"),
    "cost seconds 3-D": (lambda: plot_cost_vs_n([1, 2], np.zeros((2, 1, 1))), ValueError,
                         "^seconds"),
    "cost seconds negative": (lambda: plot_cost_vs_n([1, 2], [0.1, -0.2]), ValueError,
                              "^seconds"),
    "cost seconds nan": (lambda: plot_cost_vs_n([1, 2], [0.1, np.nan]), ValueError, "^seconds"),
    "cost seconds strings": (lambda: plot_cost_vs_n([1, 2], ["fast", "slow"]), TypeError,
                             "^seconds"),
    "cost ax positional": (lambda: plot_cost_vs_n([1, 2], [0.1, 0.2], _ax()), TypeError,
                           "positional"),
    "cost ax str": (lambda: plot_cost_vs_n([1, 2], [0.1, 0.2], ax="ax"), TypeError, "^ax"),
}


@pytest.mark.parametrize("call, error, match", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_names_the_argument(call, error, match):
    with pytest.raises(error, match=match):
        call()


# -- one rule for sizes; names for colours and fonts; the label's delta from DELTA ----------

@pytest.mark.parametrize("n", [[1e3, 2e3], [1000.0, 2000.0], [1000, 1e30]])
def test_cost_vs_n_sizes_are_ints(n):
    # whole floats and 1e30 are floats (the rule of standard_error and every size array)
    with pytest.raises(TypeError, match=r"^n must be a numeric array \(int"):
        plot_cost_vs_n(n, [0.1, 0.2])


def test_cost_vs_n_huge_int_is_a_value_error():
    with pytest.raises(ValueError, match="^n must be at most"):
        plot_cost_vs_n([1000, 2**70], [0.1, 0.2])


def test_histogram_label_formats_delta_and_uses_named_sizes():
    from helpers.losses import DELTA
    from helpers.plots import full, style

    assert full._tex_number(1e-7) == "10^{-7}" and full._tex_number(1.5e-7) == "1.5 \\times 10^{-7}"
    assert full._tex_number(1e-12) == "10^{-12}"
    art = plot_loss_histogram([0.1, 0.2, 3.0], ax=_ax())
    assert f"+ {full._tex_number(DELTA)})$" in art["ax"].get_xlabel()
    assert art["ax"].get_legend().get_texts()[0].get_fontsize() == FONT["legend"]
    grid = plot_image_grid(np.zeros((2, 784)), [1, 2], [1, 3])
    assert grid["images"][0].get_cmap().name == style.DIGIT_CMAP


def test_image_grid_needs_one_axes_per_image():
    axes = Figure().subplots(1, 2)
    with pytest.raises(ValueError, match="^axes must be at least 3 Axes, got 2"):
        plot_image_grid(np.zeros((3, 784)), [1, 2, 3], [1, 2, 3], axes=axes)
    out = plot_image_grid(np.zeros((1, 784)), [1], [1], axes=axes)  # extra Axes are hidden
    assert out["ax"] == tuple(axes) and not axes[1].get_visible()


# -- the Korean edition (issue 13): every text from the catalogue, in Korean ------------------

def _full_figures(title="손실이 가장 큰 훈련 이미지 8개는 모두 틀림"):
    """Every figure of this module at its defaults, made on demand (one case, one figure)."""
    rng = np.random.default_rng(3)
    losses = rng.lognormal(mean=-2.8, sigma=1.5, size=6_000)
    ns = np.array([1_000, 5_000, 10_000, 20_000, 40_000, 60_000])
    seconds = np.outer(ns, np.ones(5)) * 1.3e-6 + rng.uniform(0, 2e-3, (6, 5))
    images = rng.uniform(0, 1, (8, 784))
    mostly_zero = np.r_[np.zeros(7), [0.5, 2.0, 9.0]]  # median 0: the other title
    return {
        "histogram": lambda: plot_loss_histogram(losses),
        "histogram options": lambda: plot_loss_histogram(losses, log_x=False, log_y=True,
                                                         threshold=0.1, split_at_mean=False),
        "histogram threshold": lambda: plot_loss_histogram(losses, threshold=0.1),
        "histogram median 0": lambda: plot_loss_histogram(mostly_zero, log_x=False),
        "share": lambda: plot_loss_share(losses),
        "share of one": lambda: plot_loss_share(losses[:50], mark=0.01),
        "grid": lambda: plot_image_grid(images, list(range(8)), [0, 1, 2, 3, 5, 5, 6, 9],
                                        losses[:8], title=title),
        "grid without losses": lambda: plot_image_grid(images[:3], [1, 2, 3], [1, 2, 4]),
        "cost": lambda: plot_cost_vs_n(ns, seconds),
        "cost one run": lambda: plot_cost_vs_n(ns, seconds[:, 0]),
    }


_ENGLISH_SPOT = {"histogram": "below the mean", "histogram options": "(log scale)",
                 "histogram threshold": "of images", "histogram median 0": "median 0.0000",
                 "share": "of the total loss", "share of one": "worst 1 image:",
                 "grid": "predicted", "grid without losses": "label 3, predicted 4",
                 "cost": "median of the runs", "cost one run": "proportion to N"}


@pytest.mark.parametrize("name", list(_ENGLISH_SPOT))
def test_every_figure_speaks_korean(name):
    from helpers.i18n import language
    from tests.support import assert_projector_readable, english_words, figure_texts, hangul, korean

    with korean():  # a missing Hangul glyph is an error in here
        art = _full_figures()[name]()
        fig = art["fig"]
        texts = figure_texts(fig)
        assert_projector_readable(fig, what=f"{name} in Korean")  # the Korean still fits
        if name.startswith("grid"):
            titles = [ax.get_title() for ax in art["ax"] if ax.get_visible()]
            assert titles and all(hangul(s) for s in titles), titles
        else:
            ax = art["ax"]
            for text in (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()):
                assert hangul(text), text
            legend = [t.get_text() for t in ax.get_legend().get_texts()]
            assert all(hangul(s) for s in legend), legend
        if art.get("below_text") is not None:
            assert hangul(art["below_text"].get_text()) and hangul(art["above_text"].get_text())
        assert english_words(texts) == set(), (name, texts)
    assert language() == "en"
    english = " ".join(figure_texts(_full_figures("The 8 highest-loss images")[name]()["fig"]))
    assert _ENGLISH_SPOT[name] in english, (name, english)


def test_korean_log_axis_ticks_keep_their_minus_sign(caplog):
    from tests.support import figure_texts, korean

    with korean():
        figure_texts(plot_loss_histogram([0.001, 0.01, 0.2, 3.0])["fig"])  # log x: 10^-3 ...
    glyphs = [r.getMessage() for r in caplog.records if "glyph" in r.getMessage()]
    assert glyphs == [], glyphs  # mathtext says it in the log, not as a warning


def test_the_histogram_formula_is_the_same_formula_in_both_languages():
    """English: mathtext; Korean: the same formula as plain text (mathtext has no Hangul)."""
    from tests.support import korean

    english = plot_loss_histogram([0.1, 0.2, 3.0], ax=_ax())["ax"].get_xlabel()
    with korean():
        hangul_label = plot_loss_histogram([0.1, 0.2, 3.0], ax=_ax())["ax"].get_xlabel()
    assert "$-\\log(y_{\\mathrm{true}} + 10^{-7})$" in english
    assert "−log(y_true + 10⁻⁷)" in hangul_label and "$" not in hangul_label
    from helpers.losses import DELTA

    assert DELTA == 1e-7  # the plain formula's 10⁻⁷
