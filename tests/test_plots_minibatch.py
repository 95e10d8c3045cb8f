"""Tests for helpers.plots.minibatch (notebook 03): the artists hold the right data.

References are computed here independently: hand values, explicit loops over
draws and bins, the standard-error formula written out.
"""

from __future__ import annotations

import math
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

import helpers.plots as hp
import helpers.plots.minibatch as pm
from helpers.plots.minibatch import (
    _plain,
    _superscript,
    describe_draws,
    draw_stats,
    hist_edges,
    hist_label,
    mark_current,
    plot_error_vs_batch,
    plot_minibatch_hist,
    plot_se_vs_population,
    update_minibatch_hist,
)
from tests.support import assert_bad_input, assert_projector_readable, bad_input_cases


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
    for name in ["plot_minibatch_hist", "plot_error_vs_batch", "plot_se_vs_population"]:
        assert getattr(hp, name) is getattr(pm, name), name
        assert name in pm.__all__ and name in hp.__all__
    # the widget's helpers stay in the submodule: the package exports what notebooks use
    for name in ["describe_draws", "draw_stats", "hist_edges", "hist_label",
                 "update_minibatch_hist", "mark_current"]:
        assert name in pm.__all__ and name not in hp.__all__ and not hasattr(hp, name), name
    # sampling lives in helpers.sampling; the plot module no longer re-exports it
    for name in ["measure_spread", "BATCH_SIZES"]:
        assert name not in pm.__all__ and not hasattr(pm, name), name
    assert "MODE_COLORS" not in pm.__all__ and pm.MODE_COLORS is hp.style.MODE_COLORS


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
    assert f"B = 100: spread ±{spread:.4f} around the full loss 0.3000" in t
    assert "40% of 5 batches within 10% of it, 60% below it" in t  # 0.28 and 0.31 are within 0.03
    assert t.count("\n") == 1
    one = describe_draws([0.2075], 0.3033, 100, 60000)
    assert "one mini-batch loss 0.2075, full loss 0.3033" in one and "no spread" in one
    full = describe_draws(np.full(3, 0.3033), 0.3033, 60000, 60000, replace=False)
    assert "B = N = 60,000, no replacement" in full and "error 0" in full
    for line in (t + "\n" + full + "\n" + describe_draws(means, 0.3, 30000, 60000)).splitlines():
        assert len(line) <= 56, line  # at 17 pt a longer line sticks out of the 8.2 in figure
    single = describe_draws(means, 0.3, 1, 60000)
    assert "a batch of one image" in single
    big = describe_draws(means, 0.3, 60000, 60000, replace=True)
    assert "miss 37% of them" in big  # (1 - 1/N)**N ~ 1/e
    # below N a big batch is not said to "miss" images (any batch smaller than N does):
    # it says how many different images its picks hold, N * (1 - (1 - 1/N)**B) on average
    large = describe_draws(means, 0.3, 10000, 60000, replace=True)
    p_missed = 1.0
    for _ in range(10000):
        p_missed *= 1 - 1 / 60000
    assert f"10,000 picks: only about {60000 * (1 - p_missed):,.0f} distinct images" in large
    assert "9,211" in large and "miss " not in large


def test_describe_draws_counts_within_one_standard_error_when_given():
    # the widget's title said "within 10%", a tolerance only Going further (G5) explains; with
    # the standard error it counts the draws within ±1 SE, as the notebook's core does
    means = np.array([0.20, 0.25, 0.28, 0.31, 0.45])
    t = describe_draws(means, 0.3, 100, 60000, se=0.06)  # 0.25, 0.28, 0.31 are within 0.06
    assert "60% of 5 batches within ±1 SE of it, 60% below it" in t and "10%" not in t
    assert "40% of 5 batches within 10% of it" in describe_draws(means, 0.3, 100, 60000)
    one = describe_draws(means, 0.3, 1, 60000, se=0.06)
    assert "a batch of one image: 60% within ±1 SE, 60% below" in one
    assert "100% of 5 batches within ±1 SE" in describe_draws(means, 0.3, 100, 60000, se=0.16)
    for line in describe_draws(np.linspace(0.1, 0.5, 10_000), 0.3, 10_000, 60_000,
                               se=0.1).splitlines():
        assert len(line) <= 56, line


def test_describe_draws_small_n():
    # N < 10: n // 10 is 0, so every B counted as "large"; B = 1 was told it holds "about 1
    # different images (repeats)". B = 1 keeps its sentence; B >= 2 counts N (1 - (1 - 1/N)**B)
    t = describe_draws(np.array([1.0, 2.0, 3.0]), 2.0, 1, 5, True)
    assert "a batch of one image: 33% within 10%, 33% below" in t
    assert "picks" not in t and "repeats" not in t
    two = describe_draws(np.array([1.0, 2.0, 3.0]), 2.0, 2, 5, True)
    assert "2 picks: only about 1.8 distinct images" in two  # 5 * (1 - 0.8**2)
    assert "miss 33% of them" in describe_draws([1.0, 2.0, 3.0], 2.0, 5, 5, True)  # 0.8**5


def test_hist_edges_when_every_loss_is_equal():
    # an untrained net (weight_init_std=0) gives every sample ln 10: np.mean of 59,999 of them
    # rounds below the minimum and np.std gives ~4e-16 instead of 0; hist_edges raised
    # "lo must be <= full_loss" and the explorer crashed
    # (numpy 2.4's mean: one ulp below ln 10; Colab's numpy 2.1 rounds one ulp above, so the
    # values are written out here rather than taken from whichever numpy runs the test)
    losses = np.full(59999, math.log(10))
    mean, std = math.nextafter(math.log(10), 0.0), 4.440892098500626e-16
    assert mean < losses.min() and 0 < std < 1e-12  # the rounding this guards against
    e = hist_edges(mean, std / math.sqrt(100), bins=11, lo=float(losses.min()))
    assert len(e) == 12 and np.all(np.diff(e) > 0)
    assert e[0] == pytest.approx(0.98 * mean) and e[-1] == pytest.approx(1.02 * mean)  # ±2 %
    assert e[5] < math.log(10) < e[6]  # the draws, all ln 10, fall in the middle bin
    # lo above full_loss counts as full_loss (a real se keeps its ±4 se range above lo)
    e = hist_edges(0.3, 0.01, bins=4, lo=0.31)
    assert e[0] == 0.3 and e[-1] == pytest.approx(0.34)
    # an se of 1e-12 relative is spread, not rounding: ±4 se
    e = hist_edges(2.0, 1e-11, bins=4)
    assert e[0] == pytest.approx(2.0 - 4e-11, abs=1e-15) and e[-1] > e[0]


def test_draw_stats_spread_is_exactly_zero_for_equal_draws():
    means = np.full(1000, math.log(10))
    assert float(means.std()) > 0  # rounding: numpy's std is not 0
    assert draw_stats(means, math.log(10))["spread"] == 0.0


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
    assert art["ax"] is art["hist"].axes and art["fig"] is art["ax"].figure
    heights, edges, _ = art["hist"].get_data()
    # the default bins put the full loss on an edge: 10 bins each side of one width, ±4 se
    assert len(edges) == 21 and edges[10] == pytest.approx(0.3)
    assert np.allclose(np.diff(edges), 0.028)
    assert edges[0] == pytest.approx(0.3 - 0.28) and edges[-1] == pytest.approx(0.3 + 0.28)
    assert np.allclose(heights, loop_hist_percent(means, edges))
    assert art["full"].get_xdata()[0] == 0.3
    assert art["band"].get_x() == pytest.approx(0.23)
    assert art["band"].get_width() == pytest.approx(0.14)
    middle = sorted(means)[249:251]
    assert art["median"].get_xdata()[0] == pytest.approx(middle[0] / 2 + middle[1] / 2)
    assert art["legend"].get_title().get_text() == "500 mini-batch losses of B = 100"
    # 3 of 500 (0.6 %) outside: noted in the corner (from 0.5 % of the draws on)
    assert art["outside"].get_visible()
    assert art["outside"].get_text() == "3 of 500 draws outside 0.02…0.58"
    labels = [t.get_text() for t in art["legend"].get_texts()]
    below = sum(v < 0.3 for v in means.tolist())  # counted by hand
    pct = round(100 * below / 500)
    assert f"{pct}% below the full loss" in labels and f"{100 - pct}% at or above it" in labels
    assert "full loss 0.3000" in labels
    ax = art["hist"].axes
    # the x axis: the bins with draws and one empty bin each side (0.3 ± 3.5 se here)
    inside = [v for v in means.tolist() if edges[0] <= v <= edges[-1]]
    first = max(i for i in range(len(edges)) if edges[i] <= min(inside))
    last = min(i for i in range(len(edges)) if edges[i] >= max(inside))
    assert ax.get_xlim() == pytest.approx((edges[max(first - 1, 0)],
                                           edges[min(last + 1, len(edges) - 1)]))
    assert heights.max() < ax.get_ylim()[1] <= 1.1 * heights.max()  # no head room: legend below
    legend_top = art["legend"].get_window_extent().y1
    assert legend_top < ax.get_window_extent().y0  # the legend is under the axes, off the data
    few = plot_minibatch_hist(means[3:], 0.3, 0.07, bins=21)  # none outside: no note
    assert not few["outside"].get_visible()
    plt.close("all")


def test_update_minibatch_hist_moves_everything():
    rng = np.random.default_rng(2)
    art = plot_minibatch_hist(0.3 + 0.07 * rng.standard_normal(1000), 0.3, 0.07, bins=21)
    fig = art["hist"].figure
    new = 0.5 + 0.01 * rng.standard_normal(7)
    edges = hist_edges(0.5, 0.01, bins=11)
    heights = update_minibatch_hist(art, new, 0.5, 0.01, edges)
    h, e, _ = art["hist"].get_data()
    assert np.array_equal(e, edges) and np.array_equal(h, heights)
    assert np.allclose(h, loop_hist_percent(new, edges))
    assert art["full"].get_xdata()[0] == 0.5
    assert art["band"].get_x() == pytest.approx(0.49)
    assert art["band"].get_width() == pytest.approx(0.02)
    assert art["median"].get_xdata()[0] == pytest.approx(np.sort(new)[3])
    assert art["legend"].get_title().get_text() == "7 mini-batch losses"
    assert not art["outside"].get_visible()  # all 7 inside
    below = sum(v < 0.5 for v in new.tolist())
    assert art["shares"] == pytest.approx((below / 7, 1 - below / 7))
    assert f"{round(100 * below / 7)}% below the full loss" in [
        t.get_text() for t in art["legend"].get_texts()]
    b_heights, b_edges, _ = art["below"].get_data()
    assert np.array_equal(b_edges, edges)
    assert np.allclose(b_heights, loop_hist_percent(new, edges) * 0
                       + [100 * sum(1 for v in new if v < 0.5 and lo <= v < hi) / 7
                          for lo, hi in zip(edges[:-1], edges[1:], strict=True)])
    ax = art["hist"].axes
    assert edges[0] <= ax.get_xlim()[0] < ax.get_xlim()[1] <= edges[-1]
    assert heights.max() < ax.get_ylim()[1] < 2 * heights.max()  # rescaled to the new bars
    assert art["hist"].figure is fig
    assert hist_label(1) == "1 mini-batch loss" and hist_label(10_000) == "10,000 mini-batch losses"


def test_percent_axis_has_no_labels_above_100():
    art = plot_minibatch_hist([0.3], 0.3, 0.07, bins=11)  # one draw: one bar of 100 %
    ax = art["hist"].axes
    assert 100 < ax.get_ylim()[1] <= 110  # a little air over the bar, the legend is below
    art["fig"].canvas.draw()
    shown = [float(t.get_text()) for t in ax.get_yticklabels() if t.get_text()]
    assert max(shown) == 100 and all(v <= 100 for v in ax.yaxis.get_major_locator()())
    fmt = ax.yaxis.get_major_formatter()
    assert fmt(100) == "100" and fmt(40) == "40" and fmt(2.5) == "2.5"
    assert fmt(120) == "" and fmt(140) == ""  # never a "140 %" tick label
    plt.close("all")


def test_split_edges_put_the_full_loss_on_an_edge():
    # no bar straddles the full loss, so the bars below / at or above it are whole bars
    e = hist_edges(0.3, 0.05, bins=40, split=True)
    assert len(e) == 41 and e[20] == pytest.approx(0.3) and np.allclose(np.diff(e), 0.01)
    # clipped at lo = 0.001: lo and the full loss are both edges, the bins keep one width
    c = hist_edges(0.3, 0.5, bins=10, lo=0.001, split=True)
    assert c[0] == 0.001 and 0.3 in c.tolist() and c[-1] >= 2.3 - 1e-12
    assert np.allclose(np.diff(c), np.diff(c)[0])
    n_left = c.tolist().index(0.3)
    assert n_left == round(10 * 0.299 / 2.299)  # the share of the range left of the full loss
    # every bin is on one side: the draws below fill whole bars
    means = np.random.default_rng(4).lognormal(-1.3, 0.4, 3000)
    full = float(means.mean())
    art = plot_minibatch_hist(means, full, float(means.std()), lo=0.0, bins=31)
    below, edges, _ = art["below"].get_data()
    total, _, _ = art["hist"].get_data()
    assert full in edges.tolist()
    assert np.allclose(below[edges[1:] <= full], total[edges[1:] <= full])
    assert np.all(below[edges[:-1] >= full] == 0)
    # se = 0 keeps the middle bin around the full loss
    z = hist_edges(0.3, 0.0, bins=11, split=True)
    assert z[5] < 0.3 < z[6]
    with pytest.raises(TypeError, match="^split"):
        hist_edges(0.3, 0.05, split="yes")
    plt.close("all")


def test_measured_spreads_of_helpers_sampling_are_drawn():
    # the measured points come from helpers.sampling.measure_spread (moved there from this module);
    # its exact 0 at B = N without replacement is left off the log axes
    from helpers.sampling import measure_spread

    losses = heavy_losses(2000)
    bs = [1, 10, 100, 2000]
    measured = {"batch_sizes": bs,
                True: measure_spread(losses, bs, n_draws=300, rng=1, replace=True),
                False: measure_spread(losses, bs, n_draws=300, rng=2, replace=False)}
    assert measured[False][-1] == 0.0  # exactly: every batch is the whole set
    art = plot_error_vs_batch(losses.std(), losses.size, measured=measured)
    assert list(art["measured_with"].get_xdata()) == bs
    positive = [(b, s) for b, s in zip(bs, measured[False], strict=True) if s > 0]
    assert list(art["measured_without"].get_xdata()) == [b for b, _ in positive]
    np.testing.assert_array_equal(art["measured_without"].get_ydata(), [s for _, s in positive])


def test_plot_error_vs_batch_lines():
    sigma, n = 0.7, 60000
    bs = [1, 100, 60000]
    measured = {"batch_sizes": bs, True: [0.69, 0.071, 0.0029], False: [0.71, 0.07, 0.0]}
    art = plot_error_vs_batch(sigma, n, measured=measured)
    assert art["ax"] is art["theory_with"].axes and art["fig"] is art["ax"].figure
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
    assert art["ax"] is art["lines"][0].axes and art["fig"] is art["ax"].figure
    assert art["title"].get_text() == art["ax"].get_title()
    for b, line in zip([100, 1000], art["lines"], strict=True):
        x, y = line.get_data()
        assert x.min() == b and y[0] == 0.0  # polling everyone: no error
        assert np.allclose(y, 30 / np.sqrt(b) * np.sqrt((x - b) / (x - 1)))
        limit = art["limits"][[100, 1000].index(b)]
        assert limit.get_ydata()[0] == pytest.approx(30 / math.sqrt(b))
    mx, my = art["marks"].get_data()
    assert list(mx) == [60_000, 6_000_000]
    assert my[0] == pytest.approx(0.9408, abs=1e-4) and my[1] == pytest.approx(0.9486, abs=1e-4)
    texts = [t.get_text() for t in art["ax"].texts]
    assert texts == ["N = 60,000: ±0.94", "N = 6,000,000: ±0.95"]


def test_plot_se_vs_population_labels_the_95_percent_half_width():
    # the notebook quotes a poll's ±3.07 at 95% while the marks showed only one SE (±1.57)
    art = plot_se_vs_population(50.0, [100, 1000], marks=[60_000, 6_000_000], show_95=True)
    se = [50 / math.sqrt(1000) * math.sqrt((n - 1000) / (n - 1)) for n in (60_000, 6_000_000)]
    texts = [t.get_text() for t in art["ax"].texts]
    assert texts == [f"N = 60,000\n1 SE: ±{se[0]:.2f}\n95%: ±{1.96 * se[0]:.2f}",
                     f"N = 6,000,000\n1 SE: ±{se[1]:.2f}\n95%: ±{1.96 * se[1]:.2f}"]
    assert "1 SE: ±1.57\n95%: ±3.07" in texts[0] and "1 SE: ±1.58\n95%: ±3.10" in texts[1]
    # the labels of neighbouring marks do not overlap
    fig = art["fig"]
    fig.canvas.draw()
    boxes = [t.get_window_extent() for t in art["ax"].texts]
    assert not boxes[0].overlaps(boxes[1])
    assert_projector_readable(art["fig"])


def test_tick_labels_plain():
    assert _plain(1) == "1" and _plain(10_000) == "10,000"
    assert _plain(0.001) == "0.001" and _plain(0.1) == "0.1"
    assert _superscript(1e4) == "10⁴" and _superscript(100) == "10²"


# -- bad input: TypeError for the wrong kind, ValueError for a bad value, named in the message --

NAN, INF = float("nan"), float("inf")
GOOD = [0.2, 0.3, 0.4]

BAD_DRAW_STATS = [  # (args, kwargs, error, message)
    (([], 0.3), {}, ValueError, "means is empty"),
    (([[0.2, 0.3]], 0.3), {}, ValueError, "means must be 1-D"),
    (([0.2, NAN], 0.3), {}, ValueError, "means contains NaN"),
    (([0.2, INF], 0.3), {}, ValueError, "means contains NaN or inf"),
    ((["a", "b"], 0.3), {}, TypeError, "means must be a numeric array"),
    (([True, False], 0.3), {}, TypeError, "means must be a numeric array"),
    ((GOOD, "0.3"), {}, TypeError, "full_loss must be a real number"),
    ((GOOD, True), {}, TypeError, "full_loss must be a real number"),
    ((GOOD, NAN), {}, ValueError, "full_loss must be finite"),
    ((GOOD, 0.3), {"rel": -0.1}, ValueError, "rel must be >= 0"),
]

BAD_DESCRIBE = [
    ((GOOD, 0.3, 100, 0), {}, ValueError, "n must be an int >= 1"),  # was a ZeroDivisionError
    ((GOOD, 0.3, 100, -5), {}, ValueError, "n must be an int >= 1"),
    ((GOOD, 0.3, 0, 100), {}, ValueError, "batch_size must be an int >= 1"),
    ((GOOD, 0.3, 2.0, 100), {}, TypeError, "batch_size must be an int"),
    ((GOOD, 0.3, 100, True), {}, TypeError, "n must be an int"),
    ((GOOD, 0.3, 100, 60000), {"replace": "False"}, TypeError, "replace must be True or False"),
    ((GOOD, 0.3, 100, 60000), {"replace": 0}, TypeError, "replace must be True or False"),
    ((GOOD, 0.3, 101, 100), {"replace": False}, ValueError, "batch_size must be at most 100"),
    (([], 0.3, 100, 60000), {}, ValueError, "means is empty"),
    ((GOOD, 0.3, 100, 60000), {"se": -0.1}, ValueError, "se must be >= 0"),
    ((GOOD, 0.3, 100, 60000), {"se": "0.1"}, TypeError, "se must be a real number"),
]

BAD_HIST_EDGES = [
    ((0.3, -0.1), {}, ValueError, "se must be >= 0"),
    ((0.3, NAN), {}, ValueError, "se must be finite"),
    ((0.3, "0.1"), {}, TypeError, "se must be a real number"),
    (("0.3", 0.1), {}, TypeError, "full_loss must be a real number"),
    ((0.3, 0.1), {"bins": 0}, ValueError, "bins must be an int >= 1"),
    ((0.3, 0.1), {"bins": 2.5}, TypeError, "bins must be an int"),
    ((0.3, 0.1), {"bins": 10**9}, ValueError, "bins must be at most 10000"),  # not 8 GB of edges
    ((0.3, 0.1), {"lo": True}, TypeError, "lo must be a real number"),
    ((0.3, 0.1), {"width": 0}, ValueError, "width must be > 0"),
]

BAD_HIST_LABEL = [
    ((-1,), {}, ValueError, "n_draws must be an int >= 0"),
    ((1.0,), {}, TypeError, "n_draws must be an int"),
    ((True,), {}, TypeError, "n_draws must be an int"),
]

BAD_MINIBATCH_HIST = [
    (([], 0.3, 0.07), {}, ValueError, "means is empty"),  # was a division by zero
    ((np.zeros((2, 3)), 0.3, 0.07), {}, ValueError, "means must be 1-D"),
    (([0.3, NAN], 0.3, 0.07), {}, ValueError, "means contains NaN"),
    ((["0.3"], 0.3, 0.07), {}, TypeError, "means must be a numeric array"),
    ((GOOD, 0.3, -0.07), {}, ValueError, "se must be >= 0"),
    ((GOOD, NAN, 0.07), {}, ValueError, "full_loss must be finite"),
    ((GOOD, 0.3, 0.07), {"edges": [0.1]}, ValueError, "edges must be at least 2"),
    ((GOOD, 0.3, 0.07), {"edges": [0.5, 0.1]}, ValueError, "edges must be at least 2 strictly"),
    ((GOOD, 0.3, 0.07), {"edges": [0.1, NAN]}, ValueError, "edges contains NaN"),
    ((GOOD, 0.3, 0.07), {"show_median": "False"}, TypeError, "show_median must be True or False"),
    ((GOOD, 0.3, 0.07), {"static": 1}, TypeError, "static must be True or False"),
    ((GOOD, 0.3, 0.07), {"batch_size": 0}, ValueError, "batch_size must be an int >= 1"),
    ((GOOD, 0.3, 0.07), {"batch_size": "100"}, TypeError, "batch_size must be an int"),
    ((GOOD, 0.3, 0.07), {"bins": 0}, ValueError, "bins must be an int >= 1"),
    ((GOOD, 0.3, 0.07), {"title": 3}, TypeError, "title must be a str"),
    ((GOOD, 0.3, 0.07), {"ax": "ax"}, TypeError, "ax must be a matplotlib Axes"),
]

BAD_ERROR_VS_BATCH = [
    ((-0.7, 60000), {}, ValueError, "sigma must be >= 0"),
    (("0.7", 60000), {}, TypeError, "sigma must be a real number"),
    ((NAN, 60000), {}, ValueError, "sigma must be finite"),
    ((0.7, 0), {}, ValueError, "n must be an int >= 1"),
    ((0.7, 6e4), {}, TypeError, "n must be an int"),
    ((0.7, 60000), {"ylim": (0, 3)}, ValueError, r"ylim\[0\] must be > 0"),
    ((0.7, 60000), {"ylim": (1.0, 0.1)}, ValueError, "ylim must have bottom < top"),
    ((0.7, 60000), {"ylim": "auto"}, TypeError, "ylim must be a pair"),
    ((0.7, 60000), {"current": "yes"}, TypeError, "current must be True or False"),
    ((0.7, 60000), {"measured": [1, 2]}, TypeError, "measured must be a dict"),
    ((0.7, 60000), {"measured": {True: [0.1]}}, ValueError, "measured has no 'batch_sizes'"),
    ((0.7, 60000), {"measured": {"batch_sizes": [1, 10], True: [0.7]}}, ValueError,
     r"measured\[True\] must have one spread per batch size"),
    ((0.7, 60000), {"measured": {"batch_sizes": [1, 10], True: [0.7, NAN]}}, ValueError,
     "contains NaN"),
    ((0.7, 60000), {"measured": {"batch_sizes": [1, 10], False: [0.7, -0.1]}}, ValueError,
     r"measured\[False\] must be spreads >= 0"),
    ((0.7, 60000), {"measured": {"batch_sizes": [0, 10], True: [0.7, 0.2]}}, ValueError,
     "ints >= 1"),
    ((0.7, 60000), {"measured": {"batch_sizes": [1.5, 10], True: [0.7, 0.2]}}, TypeError,
     r"numeric array \(int"),
    # a whole float is still a float (the rule of standard_error), and 1e30 no int64
    ((0.7, 60000), {"measured": {"batch_sizes": [1.0, 10.0], True: [0.7, 0.2]}}, TypeError,
     r"measured\['batch_sizes'\] must be a numeric array \(int"),
    ((0.7, 60000), {"measured": {"batch_sizes": ["1"], True: [0.7]}}, TypeError,
     "numeric array"),
    ((0.7, 60000), {"measured": {"batch_sizes": [], True: []}}, ValueError, "is empty"),
    # the sampling modes are keyed by replace (True / False), as in plot_coverage
    ((0.7, 60000), {"measured": {"batch_sizes": [1, 10], "with": [0.7, 0.2]}}, ValueError,
     "measured keys must be 'batch_sizes', True .* and False"),
]

BAD_MARK_CURRENT = [
    ((100, -0.1), ValueError, "spread must be >= 0"),
    ((100, NAN), ValueError, "spread must be finite"),
    ((0, 0.1), ValueError, "batch_size must be an int >= 1"),
    ((100.0, 0.1), TypeError, "batch_size must be an int"),
]

BAD_SE_VS_POPULATION = [
    ((-30.0,), {}, ValueError, "sigma must be >= 0"),
    ((30.0, []), {}, ValueError, "batch_sizes is empty"),
    ((30.0, [0, 100]), {}, ValueError, "batch_sizes must be ints >= 1"),
    ((30.0, [1.5]), {}, TypeError, r"batch_sizes must be a numeric array \(int"),
    # whole floats were accepted and 1e30 wrapped to INT64_MIN in astype: one int rule now
    ((30.0, [100.0]), {}, TypeError, r"batch_sizes must be a numeric array \(int"),
    ((30.0, [1e30]), {}, TypeError, r"batch_sizes must be a numeric array \(int"),
    ((30.0,), {"populations": [1e30, 1e8]}, TypeError, r"populations must be a numeric array"),
    ((30.0,), {"populations": [10, 2**70]}, ValueError, r"populations must be at most"),
    ((30.0, ["100"]), {}, TypeError, "batch_sizes must be a numeric array"),
    ((30.0, 100), {}, ValueError, "batch_sizes must be 1-D"),
    ((30.0,), {"populations": [1000]}, ValueError, "at least 2 different sizes"),
    ((30.0,), {"populations": [0, 1000]}, ValueError, "populations must be ints >= 1"),
    ((30.0,), {"marks": [0]}, ValueError, "marks must be ints >= 1"),
    ((30.0,), {"marks": [6e6]}, TypeError, "marks must be a numeric array"),
    ((30.0,), {"unit": None}, TypeError, "unit must be a str"),
    ((30.0,), {"static": "True"}, TypeError, "static must be True or False"),
    ((30.0,), {"show_95": 1}, TypeError, "show_95 must be True or False"),
]


# one table per function above; each case must raise the named error, naming the argument
BAD_INPUT, BAD_IDS = bad_input_cases([
    (draw_stats, BAD_DRAW_STATS),
    (describe_draws, BAD_DESCRIBE),
    (hist_edges, BAD_HIST_EDGES),
    (hist_label, BAD_HIST_LABEL),
    (plot_minibatch_hist, BAD_MINIBATCH_HIST),
    (plot_error_vs_batch, BAD_ERROR_VS_BATCH),
    (plot_se_vs_population, BAD_SE_VS_POPULATION),
])


@pytest.mark.parametrize(("func", "args", "kwargs", "error", "match"), BAD_INPUT, ids=BAD_IDS)
def test_bad_input_names_the_argument(func, args, kwargs, error, match):
    assert_bad_input(func, args, kwargs, error, match)


@pytest.mark.parametrize(("artists", "args", "error", "match"), [
    ({}, (GOOD, 0.3, 0.07, [0.1, 0.5]), TypeError, "artists must be the dict"),
    (None, ([], 0.3, 0.07, [0.1, 0.5]), ValueError, "means is empty"),
    (None, (GOOD, 0.3, 0.07, [0.5, 0.1]), ValueError, "edges must be at least 2 strictly"),
    (None, (GOOD, 0.3, -1.0, [0.1, 0.5]), ValueError, "se must be >= 0"),
])
def test_update_minibatch_hist_bad_input(artists, args, error, match):
    art = plot_minibatch_hist(GOOD, 0.3, 0.07) if artists is None else artists
    with pytest.raises(error, match=match):
        update_minibatch_hist(art, *args)


@pytest.mark.parametrize(("args", "error", "match"), BAD_MARK_CURRENT)
def test_mark_current_bad_input(args, error, match):
    art = plot_error_vs_batch(0.7, 60000, current=True)
    with pytest.raises(error, match=match):
        mark_current(art, *args)
    with pytest.raises(TypeError, match="artists must be the dict"):
        mark_current({}, 100, 0.1)


# -- valid edge cases never crash, and inputs are never modified ----------------------------

def test_lists_and_small_data_are_valid_input():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no divide-by-zero or empty-slice warnings either
        s = draw_stats([0.3], 0.3)
        assert s["spread"] == 0.0 and s["within"] == 1.0
        assert "B = N = 1, no replacement" in describe_draws([0.3], 0.3, 1, 1,
                                                                 replace=False)
        assert "a batch of one image" in describe_draws([0.3, 0.3], 0.3, 1, 1, replace=True)
        art = plot_minibatch_hist([0.3], 0.3, 0.0, edges=[0.2, 0.4], batch_size=1)
        assert list(art["hist"].get_data()[0]) == [100.0]
        one = plot_error_vs_batch(0.0, 1)  # one sample: no spread, no line without replacement
        assert one["theory_without"].get_xdata().size == 0
        assert list(one["theory_with"].get_data()[0]) == [1]
        tiny = plot_se_vs_population(0.5, [2], populations=[1, 2, 10], marks=[1, 10])
        x, y = tiny["lines"][0].get_data()
        assert list(x) == [2, 10] and y[0] == 0.0  # N = 1 < B is left out
        assert list(tiny["marks"].get_xdata()) == [10]  # marks below B are left out


def test_inputs_are_not_modified():
    means = np.array([0.2, 0.3, 0.5])
    edges = [0.0, 0.25, 0.5, 0.75]
    measured = {"batch_sizes": [1, 100], True: np.array([0.7, 0.07]),
                False: np.array([0.7, 0.0])}
    art = plot_minibatch_hist(means, 0.3, 0.07, edges=edges)
    update_minibatch_hist(art, means, 0.3, 0.07, edges)
    plot_error_vs_batch(0.7, 60000, measured=measured)
    assert list(means) == [0.2, 0.3, 0.5] and edges == [0.0, 0.25, 0.5, 0.75]
    assert list(measured[True]) == [0.7, 0.07] and list(measured[False]) == [0.7, 0.0]
    assert measured["batch_sizes"] == [1, 100]


@pytest.mark.parametrize("plot", [
    lambda **kw: plot_minibatch_hist(GOOD, 0.3, 0.07, **kw),
    lambda **kw: plot_error_vs_batch(0.7, 60000, **kw),
    lambda **kw: plot_se_vs_population(30.0, **kw),
])
def test_given_ax_or_a_bare_figure(plot):
    fig, ax = plt.subplots()
    art = plot(ax=ax)
    assert art["ax"] is ax and art["fig"] is fig
    before = plt.get_fignums()
    bare = plot(static=False)  # for widgets: pyplot does not track (or show) it
    assert plt.get_fignums() == before and bare["fig"] is bare["ax"].figure


# ----------------------------- issue 11: the shares below / above, projector readability
def test_shaded_shares_match_an_independent_count():
    # skewed draws: the share below the full loss (their mean) is more than half
    rng = np.random.default_rng(5)
    means = rng.lognormal(-1.2, 0.35, size=2000)
    full = float(sum(means.tolist()) / len(means))
    art = plot_minibatch_hist(means, full, 0.1, bins=31)
    below = [v for v in means.tolist() if v < full]
    share = len(below) / len(means)
    assert 0.5 < share < 0.7 and art["shares"] == pytest.approx((share, 1 - share))
    pct = round(100 * share)
    labels = [t.get_text() for t in art["legend"].get_texts()]
    assert labels[:2] == [f"{pct}% below the full loss", f"{100 - pct}% at or above it"]
    heights, edges, _ = art["below"].get_data()
    by_hand = np.zeros(len(edges) - 1)
    for v in below:  # an explicit loop over the draws below, as np.histogram bins them
        for i in range(len(edges) - 1):
            if edges[i] <= v < edges[i + 1] or (i == len(edges) - 2 and v == edges[-1]):
                by_hand[i] += 100 / len(means)
                break
    assert np.allclose(heights, by_hand)
    # the shaded part never exceeds the bar it sits in, and bins right of the line are unshaded
    total, _, _ = art["hist"].get_data()
    assert np.all(heights <= total + 1e-12)
    assert np.all(heights[edges[:-1] >= full] == 0)
    assert np.allclose(heights[edges[1:] <= full], total[edges[1:] <= full])
    plt.close("all")


def test_share_labels_add_up_to_100():
    assert pm.share_labels(0.537) == ("54% below the full loss", "46% at or above it")
    assert pm.share_labels(0.5449) == ("54% below the full loss", "46% at or above it")
    assert pm.share_labels(0.0) == ("0% below the full loss", "100% at or above it")
    assert pm.share_labels(0.0, all_equal=True) == ("none below the full loss",
                                                    "all equal to the full loss")
    with pytest.raises(TypeError, match="^all_equal"):
        pm.share_labels(0.0, all_equal=1)
    with pytest.raises(ValueError, match="^below"):
        pm.share_labels(1.5)
    with pytest.raises(TypeError, match="^below"):
        pm.share_labels("0.5")


def _projector_figures():
    rng = np.random.default_rng(0)
    losses = rng.lognormal(-2.5, 1.5, 60_000)
    means = 0.25 + 0.07 * rng.standard_normal(1000)
    spreads = {"batch_sizes": [1, 100, 10_000], True: [0.7, 0.07, 0.007],
               False: [0.7, 0.07, 0.0065]}
    return {
        "hist": lambda: plot_minibatch_hist(means, 0.25, 0.07, batch_size=100, lo=0.0),
        "hist, one draw": lambda: plot_minibatch_hist([0.3], 0.3, 0.07),
        "error": lambda: plot_error_vs_batch(float(losses.std()), 60_000, measured=spreads),
        "population": lambda: plot_se_vs_population(30.0, [100, 1000],
                                                    marks=[60_000, 6_000_000]),
    }


@pytest.mark.parametrize("name", list(_projector_figures()))
def test_figures_are_projector_readable_at_their_defaults(name):
    from tests.support import assert_projector_readable

    art = _projector_figures()[name]()
    assert_projector_readable(art["fig"], what=name)
    plt.close("all")


def test_projector_check_fails_on_the_old_sizes():
    # the check can fail: the old 7.5 in wide figures cut their labels off at 14 pt
    from tests.support import assert_projector_readable

    old_title = ("The error shrinks like σ/√B: 100× more samples, 10× less error;\n"
                 "without replacement it drops to exactly 0 at B = N = 60,000")
    art = plot_error_vs_batch(0.7, 60_000, figsize=(7.5, 4.8), title=old_title)
    with pytest.raises(AssertionError, match="outside the figure"):
        assert_projector_readable(art["fig"])
    art = plot_error_vs_batch(0.7, 60_000, figsize=(13, 5))
    with pytest.raises(AssertionError, match="wide"):
        assert_projector_readable(art["fig"])
    plt.close("all")


def test_tick_labels_are_only_the_ticks_in_view():
    art = plot_minibatch_hist(0.3 + 0.05 * np.random.default_rng(3).standard_normal(300), 0.3,
                              0.05, bins=21)
    ax = art["ax"]
    lo, hi = ax.get_xlim()
    ticks = ax.xaxis.get_major_locator()()
    assert len(ticks) >= 3 and all(lo <= v <= hi for v in ticks)
    plt.close("all")


# ------------------------------------------------------ issue 13: the Korean edition
from tests.support import english_words, figure_texts, hangul, korean  # noqa: E402

MODULES = ("helpers/plots/minibatch.py", "helpers/widgets/minibatch.py")


def _keys_used():
    """The literal keys of every ``tr(...)`` call of this lesson's modules (read with ast)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    keys, dynamic = set(), []
    for mod in MODULES:
        for node in ast.walk(ast.parse((root / mod).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr":
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    keys.add(first.value)
                else:
                    dynamic.append(f"{mod}:{node.lineno}")
    return keys, dynamic


def _korean_figure(art, *, title_hangul=True):
    """Draw ``art["fig"]`` (in Korean): every text, Hangul in the title and axis labels, no
    English left, readable on a projector, no legend over the x label. Returns the texts."""
    from tests.support import assert_projector_readable

    fig, ax = art["fig"], art["ax"]
    texts = figure_texts(fig)  # draws every glyph: a missing one is an error under korean()
    if title_hangul:
        assert hangul(ax.get_title()), ax.get_title()
    assert hangul(ax.get_xlabel()) and hangul(ax.get_ylabel()), (ax.get_xlabel(), ax.get_ylabel())
    legend = ax.get_legend()
    assert legend is not None and any(hangul(t.get_text())
                                      for t in [legend.get_title(), *legend.get_texts()])
    assert not english_words(texts), english_words(texts)
    assert_projector_readable(fig, what="Korean figure")
    renderer = fig.canvas.get_renderer()
    label = ax.xaxis.label.get_window_extent(renderer)
    assert not legend.get_window_extent(renderer).overlaps(label), "the legend covers the x label"
    assert not ax.title.get_window_extent(renderer).overlaps(label)
    return texts


def test_korean_histogram():
    rng = np.random.default_rng(0)
    means = 0.25 + 0.07 * rng.standard_normal(1000)
    with korean():
        art = plot_minibatch_hist(means, 0.25, 0.07, batch_size=100, lo=0.0)
        texts = _korean_figure(art)
        title = art["title"].get_text()
        assert "미니배치 손실" in title and "0.2500" in title and title.count("\n") == 1
        assert " 퍼짐\n" in title and "는 전체 손실 미만" in title, title
        assert art["ax"].get_xlabel() == "미니배치 손실 (배치의 평균 CEE, 내트)"
        legend = [t.get_text() for t in art["legend"].get_texts()]
        assert "±1 표준오차" in legend and "배치 손실의 중앙값" in legend
        assert "전체 손실 0.2500" in legend and legend[0].startswith("전체 손실 미만 ")
        assert art["legend"].get_title().get_text() == "미니배치 손실 1,000개 (B = 100)"
        # the update keeps Korean: new shares, the note of draws outside the bins
        wide = np.concatenate([means, [5.0] * 20])
        edges = art["hist"].get_data()[1]
        update_minibatch_hist(art, wide, 0.25, 0.07, edges)
        out = sum(1 for v in wide.tolist() if not edges[0] <= v <= edges[-1])
        assert art["outside"].get_visible() and art["outside"].get_text() == (
            f"1,020개 중 {out}개가 {edges[0]:.2f}~{edges[-1]:.2f} 범위 밖")
        assert art["legend"].get_title().get_text() == "미니배치 손실 1,020개 (B = 100)"
        texts = _korean_figure(art)
        assert any("밖" in t for t in texts)
        one = plot_minibatch_hist([0.3], 0.3, 0.07)  # one draw, no B: count only
        _korean_figure(one)
        assert one["legend"].get_title().get_text() == "미니배치 손실 1개"
        equal = plot_minibatch_hist(np.full(5, 0.3), 0.3, 0.0)
        labels = [t.get_text() for t in equal["legend"].get_texts()]
        assert labels[:2] == ["전체 손실 미만 없음", "모두 전체 손실과 같음"]
        _korean_figure(equal)
        own = plot_minibatch_hist(means, 0.25, 0.07, se_label="±1 SE", title="내 제목")
        assert own["title"].get_text() == "내 제목" and "±1 SE" in [
            t.get_text() for t in own["legend"].get_texts()]
    plt.close("all")


def test_korean_error_vs_batch():
    spreads = {"batch_sizes": [1, 100, 10_000], True: [0.7, 0.07, 0.007],
               False: [0.7, 0.07, 0.0065]}
    with korean():
        art = plot_error_vs_batch(0.7, 60_000, measured=spreads, current=True)
        mark_current(art, 100, 0.07)
        _korean_figure(art)
        labels = [t.get_text() for t in art["ax"].get_legend().get_texts()]
        assert labels == ["이론, 복원 추출: σ/√B", "이론, 비복원 추출 (G4)", "측정, 복원 추출",
                          "측정, 비복원 추출", "비복원, B = N: 정확히 0", "지금 뽑은 배치들"]
        assert art["title"].get_text() == "미니배치 손실의 퍼짐: 측정값과 σ/√B"
        assert art["ax"].get_xlabel() == "배치 크기 B (로그 눈금)"
        assert art["ax"].get_ylabel() == "미니배치 손실의 퍼짐 (내트, 로그 눈금)"
    plt.close("all")


def test_korean_se_vs_population():
    with korean():
        art = plot_se_vs_population(1.6, [100, 1000], marks=[60_000, 6_000_000], unit="%p",
                                    show_95=True)
        texts = _korean_figure(art)
        assert art["ax"].get_ylabel() == "표준오차 (%p)"
        assert art["ax"].get_legend().get_title().get_text() == "표본 크기 (점선: σ/√B)"
        assert sum("표준오차: ±" in t and "95%: ±" in t for t in texts) == 2
        # the decade ticks: mathtext in Korean (NanumGothic lacks ⁵-⁹: no two sizes mixed)
        assert "$10^{5}$" in texts and "10⁵" not in texts
        plain = plot_se_vs_population(1.6, [100, 1000], marks=[60_000])
        _korean_figure(plain)
        assert plain["ax"].get_ylabel() == "표준오차"
    assert _superscript(1e5) == "10⁵"  # English again
    plt.close("all")


def test_korean_titles_of_every_case():
    means = np.array([0.20, 0.25, 0.28, 0.31, 0.45])
    with korean():
        cases = {
            "many": describe_draws(means, 0.3, 100, 60000),
            "se": describe_draws(means, 0.3, 100, 60000, se=0.06),
            "one": describe_draws([0.2075], 0.3033, 100, 60000),
            "whole": describe_draws(np.full(3, 0.3033), 0.3033, 60000, 60000, replace=False),
            "b1": describe_draws(means, 0.3, 1, 60000, se=0.06),
            "repeats": describe_draws(means, 0.3, 60000, 60000),
            "distinct": describe_draws(means, 0.3, 10000, 60000),
        }
        assert pm.share_labels(0.537) == ("전체 손실 미만 54%", "전체 손실 이상 46%")
        assert hist_label(1) == "미니배치 손실 1개"
        assert hist_label(10_000) == "미니배치 손실 10,000개"
        # every title drawn at the widget's 17 pt on the histogram (8.2 in wide): it fits
        from helpers.plots.style import FONT

        art = plot_minibatch_hist(means, 0.3, 0.06)
        art["title"].set_fontsize(FONT["suptitle"])
        for name, text in cases.items():
            assert text.count("\n") == 1 and hangul(text), name
            assert not english_words([text]), (name, english_words([text]))
            art["title"].set_text(text)
            _korean_figure(art)
    plt.close("all")
    spread = math.sqrt(sum((m - means.mean()) ** 2 for m in means) / 5)
    assert cases["se"] == (f"B = 100: 전체 손실 0.3000 주위로 ±{spread:.4f} 퍼짐\n"
                           "배치 5개 중 60%가 ±1 표준오차 이내, 60%는 전체 손실 미만")
    assert "배치 5개 중 40%가 전체 손실 ±10% 이내" in cases["many"]
    assert "1장짜리 배치: 60%가 ±1 표준오차 이내, 60%는 전체 손실 미만" in cases["b1"]
    assert "미니배치 손실 0.2075, 전체 손실 0.3033" in cases["one"]
    assert cases["whole"].startswith("B = N = 60,000, 비복원 추출")
    assert "10,000번 복원 추출: 서로 다른 이미지는 약 9,211장뿐" in cases["distinct"]
    assert "중복 때문에 이미지의 37%가 빠짐" in cases["repeats"]
    # English again after the block
    assert "60% of 5 batches within ±1 SE of it, 60% below it" in describe_draws(
        means, 0.3, 100, 60000, se=0.06)


def test_english_after_korean():
    from helpers.i18n import language

    with korean():
        plot_se_vs_population(1.6, [100])
    assert language() == "en"
    art = plot_error_vs_batch(0.7, 60_000)
    assert art["title"].get_text() == "Measured spread of the mini-batch loss vs σ/√B"
    assert art["ax"].get_xlabel() == "batch size B (log scale)"
    hist = plot_minibatch_hist([0.2, 0.3, 0.4], 0.3, 0.05, batch_size=10)
    assert hist["legend"].get_title().get_text() == "3 mini-batch losses of B = 10"
    assert "±1 standard error" in [t.get_text() for t in hist["legend"].get_texts()]
    assert not any(hangul(t) for t in figure_texts(hist["fig"]))
    plt.close("all")
