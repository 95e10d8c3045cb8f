"""Tests for helpers.plots.minibatch (notebook 03): the artists hold the right data.

References are computed here independently: hand values, explicit loops over
draws and bins, the standard-error formula written out.
"""

from __future__ import annotations

import math
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import helpers.plots as hp  # noqa: E402
from helpers.sampling import minibatch_means  # noqa: E402
from helpers.plots.minibatch import (  # noqa: E402
    _plain,
    _superscript,
    describe_draws,
    draw_stats,
    hist_edges,
    hist_label,
    mark_current,
    measure_spread,
    plot_error_vs_batch,
    plot_minibatch_hist,
    plot_se_vs_population,
    update_minibatch_hist,
)


def heavy_losses(n, seed=0):
    """Right-skewed per-sample losses, like MNIST CEE."""
    return np.random.default_rng(seed).lognormal(mean=-2.0, sigma=1.3, size=n)


def loop_hist_percent(values, edges):
    """Percent of the values per bin, with an explicit loop (last bin closed, as np.histogram)."""
    out = np.zeros(len(edges) - 1)
    for v in values:
        for i in range(len(edges) - 1):
            last = i == len(edges) - 2
            if edges[i] <= v < edges[i + 1] or (last and v == edges[i + 1]):
                out[i] += 1
                break
    return out * 100 / len(values)


def test_exported():
    for name in ["plot_minibatch_hist", "plot_error_vs_batch", "measure_spread", "plot_se_vs_population",
                 "describe_draws", "draw_stats"]:
        assert hasattr(hp, name), name


def test_draw_stats_hand_values():
    s = draw_stats([1.0, 1.0, 1.0, 3.0, 5.0], 2.0)
    # mean 11/5; squared deviations 3*1.44 + 0.64 + 7.84 = 12.8, /5 = 2.56
    assert s["n_draws"] == 5
    assert s["mean"] == pytest.approx(2.2)
    assert s["median"] == 1.0
    assert s["spread"] == pytest.approx(1.6)
    assert s["below"] == pytest.approx(0.6)
    assert s["within"] == 0.0  # none within 0.2 of 2
    assert draw_stats([1.9, 2.15, 2.5], 2.0)["within"] == pytest.approx(2 / 3)


def test_draw_stats_one_draw_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = draw_stats([0.25], 0.3)
    assert s["spread"] == 0.0 and s["median"] == 0.25 and s["below"] == 1.0
    assert draw_stats(np.full(1000, 0.1), 0.1)["spread"] == 0.0  # np.std alone gives ~1e-17 here
    with pytest.raises(ValueError, match="empty"):
        draw_stats([], 0.3)


def test_describe_draws_cases():
    means = np.array([0.20, 0.25, 0.28, 0.31, 0.45])
    t = describe_draws(means, 0.3, 100, 60000, replace=True)
    spread = math.sqrt(sum((m - means.mean()) ** 2 for m in means) / 5)
    assert f"B = 100: mini-batch losses spread ±{spread:.4f} around the full loss 0.3000" in t
    assert "40% of 5 batches within 10% of it, 60% below it" in t  # 0.28 and 0.31 are within 0.03
    assert t.count("\n") == 1
    one = describe_draws([0.2075], 0.3033, 100, 60000)
    assert "one mini-batch loss 0.2075 vs the full loss 0.3033" in one and "no spread" in one
    full = describe_draws(np.full(3, 0.3033), 0.3033, 60000, 60000, replace=False)
    assert "B = N = 60,000 without replacement" in full and "error 0" in full
    single = describe_draws(means, 0.3, 1, 60000)
    assert "a batch of one image" in single
    big = describe_draws(means, 0.3, 60000, 60000, replace=True)
    assert "misses 37% of them" in big  # (1 - 1/N)**N ~ 1/e
    # below N a big batch is not said to "miss" images (any batch smaller than N does):
    # it says how many different images its picks hold, N * (1 - (1 - 1/N)**B) on average
    large = describe_draws(means, 0.3, 10000, 60000, replace=True)
    p_missed = 1.0
    for _ in range(10000):
        p_missed *= 1 - 1 / 60000
    assert f"10,000 picks hold only about {60000 * (1 - p_missed):,.0f} different images" in large
    assert "9,211" in large and "misses" not in large


def test_hist_edges():
    e = hist_edges(0.3, 0.05, bins=40)
    assert len(e) == 41 and e[0] == pytest.approx(0.1) and e[-1] == pytest.approx(0.5)
    assert np.allclose(np.diff(e), 0.01)
    clipped = hist_edges(0.3, 0.5, bins=10, lo=0.001)
    assert clipped[0] == 0.001 and clipped[-1] == pytest.approx(2.3)
    zero = hist_edges(0.3, 0.0, bins=11, lo=0.001)
    assert zero[0] < 0.3 < zero[-1] and np.all(np.diff(zero) > 0)
    assert zero[5] < 0.3 < zero[6]  # the middle bin holds the full loss


def test_plot_minibatch_hist_artists():
    rng = np.random.default_rng(1)
    means = 0.3 + 0.07 * rng.standard_normal(500)
    means[:3] = [2.0, -1.0, 5.0]  # three far outside
    art = plot_minibatch_hist(means, 0.3, 0.07, batch_size=100, bins=21)
    heights, edges, _ = art["hist"].get_data()
    assert len(edges) == 22 and edges[0] == pytest.approx(0.3 - 0.28) and edges[-1] == pytest.approx(0.3 + 0.28)
    assert np.allclose(heights, loop_hist_percent(means, edges))
    assert art["full"].get_xdata()[0] == 0.3
    assert art["band"].get_x() == pytest.approx(0.23) and art["band"].get_width() == pytest.approx(0.14)
    assert art["median"].get_xdata()[0] == pytest.approx(sorted(means)[250] / 2 + sorted(means)[249] / 2)
    assert art["legend"].get_title().get_text() == "3 of 500 draws outside 0.02…0.58"
    labels = [t.get_text() for t in art["legend"].get_texts()]
    assert "500 mini-batch losses of B = 100" in labels and "full loss 0.3000" in labels
    ax = art["hist"].axes
    assert ax.get_xlim() == pytest.approx((edges[0], edges[-1]))
    assert ax.get_ylim()[1] > heights.max()


def test_update_minibatch_hist_moves_everything():
    rng = np.random.default_rng(2)
    art = plot_minibatch_hist(0.3 + 0.07 * rng.standard_normal(1000), 0.3, 0.07, bins=21)
    fig = art["hist"].figure
    new = 0.5 + 0.01 * rng.standard_normal(7)
    edges = hist_edges(0.5, 0.01, bins=11)
    heights = update_minibatch_hist(art, new, 0.5, 0.01, edges)
    h, e, _ = art["hist"].get_data()
    assert np.array_equal(e, edges) and np.allclose(h, loop_hist_percent(new, edges)) and np.array_equal(h, heights)
    assert art["full"].get_xdata()[0] == 0.5
    assert art["band"].get_x() == pytest.approx(0.49) and art["band"].get_width() == pytest.approx(0.02)
    assert art["median"].get_xdata()[0] == pytest.approx(np.sort(new)[3])
    assert art["legend"].get_title().get_text() == ""  # all 7 inside
    assert "7 mini-batch losses" in [t.get_text() for t in art["legend"].get_texts()]
    assert art["hist"].axes.get_xlim() == pytest.approx((edges[0], edges[-1]))
    assert art["hist"].figure is fig
    assert hist_label(1) == "1 mini-batch loss" and hist_label(10_000) == "10,000 mini-batch losses"


def test_percent_axis_has_no_labels_above_100():
    art = plot_minibatch_hist([0.3], 0.3, 0.07, bins=11)  # one draw: one bar of 100 %
    ax = art["hist"].axes
    assert ax.get_ylim()[1] > 100  # head room for the legend...
    fmt = ax.yaxis.get_major_formatter()
    assert fmt(100) == "100" and fmt(40) == "40" and fmt(2.5) == "2.5"
    assert fmt(120) == "" and fmt(140) == ""  # ...but no "140 %" tick label
    plt.close(ax.figure)


def test_exact_means_without_never_repeats():
    toy = np.array([1.0, 1.0, 1.0, 5.0])
    rng = np.random.default_rng(0)
    two = minibatch_means(toy, 2, 400, rng=rng, replace=False, method="exact")  # distinct pairs: 1 or 3 only (5 needs a repeat)
    assert set(np.round(two, 12)) == {1.0, 3.0}
    assert np.mean(two == 3.0) == pytest.approx(0.5, abs=0.1)  # 3 of 6 unordered pairs hold the 5
    three = minibatch_means(toy, 3, 400, rng=rng, replace=False, method="exact")  # complement path (k = N - B = 1)
    assert set(np.round(three, 12)) == {1.0, round(7 / 3, 12)}
    assert np.mean(three == 1.0) == pytest.approx(0.25, abs=0.08)  # leave out the 5: 1 in 4


def test_measure_spread():
    losses = heavy_losses(4000)
    n, sigma = losses.size, losses.std()
    bs = [1, 10, 100, 2000, 3900, 4000]
    with_ = measure_spread(losses, bs, n_draws=2000, rng=1, replace=True)
    without = measure_spread(losses, bs, n_draws=2000, rng=1, replace=False)
    assert without[-1] == 0.0
    for b, w, wo in zip(bs, with_, without):
        theory_w = sigma / math.sqrt(b)
        theory_wo = theory_w * math.sqrt((n - b) / (n - 1))
        assert w == pytest.approx(theory_w, rel=0.12), b
        if b < n:
            assert wo == pytest.approx(theory_wo, rel=0.12), b
    assert np.array_equal(with_, measure_spread(losses, bs, n_draws=2000, rng=1, replace=True))


def test_plot_error_vs_batch_lines():
    sigma, n = 0.7, 60000
    bs = [1, 100, 60000]
    measured = {"batch_sizes": bs, "with": [0.69, 0.071, 0.0029], "without": [0.71, 0.07, 0.0]}
    art = plot_error_vs_batch(sigma, n, measured=measured)
    x, y = art["theory_with"].get_data()
    assert x[0] == 1 and x[-1] == n and np.allclose(y, [sigma / math.sqrt(b) for b in x])
    x2, y2 = art["theory_without"].get_data()
    assert x2.max() == n - 1  # the exact 0 at B = N is not drawn on log axes
    assert np.allclose(y2, [sigma / math.sqrt(b) * math.sqrt((n - b) / (n - 1)) for b in x2])
    assert y2[-1] < 1e-4  # plunges off the bottom near B = N
    mx, my = art["measured_without"].get_data()
    assert list(mx) == [1, 100] and list(my) == [0.71, 0.07]  # the zero is left out
    assert list(art["measured_with"].get_data()[0]) == bs
    assert list(art["zero"].get_xdata()) == [n]
    ax = art["theory_with"].axes
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert len(art["current"].get_xdata()) == 0
    assert "current draws" not in [t.get_text() for t in ax.get_legend().get_texts()]


def test_mark_current():
    art = plot_error_vs_batch(0.7, 60000, current=True)
    assert mark_current(art, 100, 0.07) is True
    assert list(art["current"].get_xdata()) == [100] and list(art["current"].get_ydata()) == [0.07]
    assert list(art["current_line"].get_xdata()) == [100, 100]
    assert mark_current(art, 60000, 0.0) is False
    assert len(art["current"].get_xdata()) == 0
    assert list(art["current_line"].get_xdata()) == [60000, 60000]
    assert "current draws" in [t.get_text() for t in art["current"].axes.get_legend().get_texts()]


def test_plot_se_vs_population():
    art = plot_se_vs_population(30.0, [100, 1000], marks=[60_000, 6_000_000])
    for b, line in zip([100, 1000], art["lines"]):
        x, y = line.get_data()
        assert x.min() == b and y[0] == 0.0  # polling everyone: no error
        assert np.allclose(y, 30 / np.sqrt(b) * np.sqrt((x - b) / (x - 1)))
        assert art["limits"][[100, 1000].index(b)].get_ydata()[0] == pytest.approx(30 / math.sqrt(b))
    mx, my = art["marks"].get_data()
    assert list(mx) == [60_000, 6_000_000]
    assert my[0] == pytest.approx(0.9408, abs=1e-4) and my[1] == pytest.approx(0.9486, abs=1e-4)


def test_tick_labels_plain():
    assert _plain(1) == "1" and _plain(10_000) == "10,000" and _plain(0.001) == "0.001" and _plain(0.1) == "0.1"
    assert _superscript(1e4) == "10⁴" and _superscript(100) == "10²"
