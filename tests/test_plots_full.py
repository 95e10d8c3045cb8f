"""Tests for helpers.plots.full (notebook 02): the artists hold the right data.

References are computed independently here: explicit loops, sorted lists and
hand values, not the functions under test.
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
from helpers.plots.full import plot_cost_vs_n, plot_image_grid, plot_loss_histogram, plot_loss_share  # noqa: E402


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

    assert set(full.__all__) == {"plot_loss_histogram", "plot_loss_share", "plot_image_grid", "plot_cost_vs_n"}
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
    assert "37.5% of samples" in art["shade"].get_label()
    assert art["median"].get_xdata()[0] == pytest.approx((0.2 + 0.3) / 2)
    # "below" is strict: a loss of exactly the threshold is not counted
    art = plot_loss_histogram([0.05, 0.1, 0.2, 0.3], ax=_ax(), threshold=0.1)
    assert "25.0% of samples" in art["shade"].get_label()


def test_histogram_rejects_bad_input():
    with pytest.raises(ValueError, match="empty"):
        plot_loss_histogram([], ax=_ax())
    with pytest.raises(ValueError, match="NaN"):
        plot_loss_histogram([0.1, np.nan], ax=_ax())
    with pytest.raises(ValueError, match="bins"):
        plot_loss_histogram([0.1, 0.2], ax=_ax(), bins=0)


def test_histogram_makes_its_own_figure():
    art = plot_loss_histogram([0.1, 0.2, 5.0])
    assert art["hist"].axes is not None
    assert art["hist"].axes.figure is plt.gcf()


# ------------------------------------------------------------------ share curve

def test_share_curve_hand_example():
    # worst first: 4, 3, 2, 1 (total 10): cumulative shares 40, 70, 90, 100 %
    art = plot_loss_share([2.0, 4.0, 1.0, 3.0], ax=_ax(), mark=0.25)
    assert np.allclose(art["curve"].get_xdata(), [0, 25, 50, 75, 100])
    assert np.allclose(art["curve"].get_ydata(), [0, 40, 70, 90, 100])
    assert art["share"] == pytest.approx(0.4)
    assert np.allclose(art["marker"].get_xdata(), [25]) and np.allclose(art["marker"].get_ydata(), [40])
    assert np.allclose(art["equal"].get_xdata(), [0, 100]) and np.allclose(art["equal"].get_ydata(), [0, 100])


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
    assert "50 samples" in art["marker"].get_label()


def test_share_curve_rejects_bad_input():
    with pytest.raises(ValueError, match="positive sum"):
        plot_loss_share([0.0, 0.0], ax=_ax())
    with pytest.raises(ValueError, match="mark"):
        plot_loss_share([1.0, 2.0], ax=_ax(), mark=0)


# ------------------------------------------------------------------ image grid

def test_image_grid_images_titles_and_colours():
    rng = np.random.default_rng(3)
    images = rng.random((6, 784)).astype(np.float32)
    labels = np.array([0, 1, 2, 3, 4, 5])
    preds = np.array([0, 7, 2, 3, 9, 5])  # wrong at 1 and 4
    losses = np.array([0.01, 5.555, 0.2, 0.3, 9.0, 0.123])
    fig, axes = plt.subplots(2, 4)
    arts = plot_image_grid(images, labels, preds, losses, axes=axes, title="worst images")
    assert len(arts) == 6
    flat = axes.ravel()
    for i, im in enumerate(arts):
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
    arts = plot_image_grid(images, [1, 2, 3], [1, 2, 3], ncols=2)
    assert len(arts) == 3
    assert arts[1].get_array()[5, 7] == 1.0
    assert len(plt.gcf().axes) == 4  # 2 x 2 grid, the last one hidden
    assert "loss" not in arts[0].axes.get_title()


def test_image_grid_rejects_mismatches():
    with pytest.raises(ValueError, match="one label"):
        plot_image_grid(np.zeros((2, 784)), [1], [1, 2])
    with pytest.raises(ValueError, match="only 1 axes"):
        plot_image_grid(np.zeros((2, 784)), [1, 2], [1, 2], axes=[_ax()])


# ------------------------------------------------------------------ cost vs N

def _least_squares(x, y):
    m = len(x)
    mx, my = sum(x) / m, sum(y) / m
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    slope = sxy / sxx
    return slope, my - slope * mx


def test_cost_vs_n_medians_and_fit():
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
    slope, intercept = _least_squares(n, med)
    assert art["slope"] == pytest.approx(slope, rel=1e-9)
    assert art["intercept"] == pytest.approx(intercept, rel=1e-6, abs=1e-12)
    assert np.allclose(art["fit"].get_xdata(), [0, 60_000])
    assert np.allclose(art["fit"].get_ydata(), [intercept * 1e3, (intercept + slope * 60_000) * 1e3])
    assert len(art["runs"].get_xdata()) == 12
    assert np.allclose(sorted(art["runs"].get_ydata()), sorted(seconds.ravel() * 1e3))
    assert f"{slope * 1e6:.2f} µs" in ax.get_title()
    assert f"{slope * 1e6:.2f} µs × N" in art["fit"].get_label()


def test_cost_vs_n_exact_line_and_1d():
    n = np.array([1_000, 2_000, 4_000])
    seconds = 2e-6 * n + 0.001  # exactly 2 µs per sample + 1 ms
    art = plot_cost_vs_n(n, seconds, ax=_ax())
    assert art["runs"] is None
    assert art["slope"] == pytest.approx(2e-6)
    assert art["intercept"] == pytest.approx(0.001)
    assert "2.00 µs × N + 1.0 ms" in art["fit"].get_label()
    art = plot_cost_vs_n(n, 2e-6 * n - 0.001, ax=_ax())
    assert "2.00 µs × N − 1.0 ms" in art["fit"].get_label()


def test_cost_vs_n_rejects_bad_shapes():
    with pytest.raises(ValueError):
        plot_cost_vs_n([1_000, 1_000], [0.1, 0.2], ax=_ax())
    with pytest.raises(ValueError):
        plot_cost_vs_n([1_000, 2_000], [0.1, 0.2, 0.3], ax=_ax())
