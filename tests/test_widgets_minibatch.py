"""Tests for helpers.widgets.minibatch (notebook 03): moving a control updates the right artists.

Observers run synchronously, so each test sets a control's ``value`` and checks
the histogram, band, lines, star, titles, readout and PNG right after, against
values computed here: the standard error written out, bins counted in a loop,
the spread as an explicit square root.
"""

from __future__ import annotations

import math
import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import helpers.widgets as hw  # noqa: E402
from helpers.sampling import minibatch_means  # noqa: E402
from helpers.widgets.minibatch import N_DRAWS, minibatch_explorer, sampling_method  # noqa: E402

N = 6000
BATCH_SIZES = (1, 10, 100, 1000, 3000, N)


@pytest.fixture(scope="module")
def losses():
    return np.random.default_rng(0).lognormal(mean=-2.0, sigma=1.3, size=N)


@pytest.fixture
def box(losses):
    return minibatch_explorer(losses, batch_sizes=BATCH_SIZES, dpi=40)


def se_by_hand(losses, b, replace):
    mu = sum(losses) / len(losses)
    sigma = math.sqrt(sum((v - mu) ** 2 for v in losses) / len(losses))
    se = sigma / math.sqrt(b)
    return se if replace else se * math.sqrt((len(losses) - b) / (len(losses) - 1))


def spread_by_hand(values):
    if max(values) == min(values):
        return 0.0
    m = sum(values) / len(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / len(values))


def percent_per_bin(values, edges):
    out = np.zeros(len(edges) - 1)
    for v in values:
        i = np.searchsorted(edges, v, side="right") - 1
        if i == len(edges) - 1 and v == edges[-1]:
            i -= 1
        if 0 <= i < len(edges) - 1:
            out[i] += 1
    return out * 100 / len(values)


def check_state(box, losses, b, d, seed, replace):
    """The figure shows exactly the draws for these settings."""
    full = float(np.mean(losses))
    means = minibatch_means(losses, b, d, rng=seed, replace=replace, method=sampling_method(b, d, N, replace))
    assert np.array_equal(box.state["means"], means)
    se = se_by_hand(losses, b, replace)
    assert box.state["se"] == pytest.approx(se, rel=1e-9, abs=1e-15)
    heights, edges, _ = box.hist["hist"].get_data()
    assert np.allclose(heights, percent_per_bin(means, edges))
    assert box.hist["band"].get_x() == pytest.approx(full - se) and box.hist["band"].get_width() == pytest.approx(2 * se)
    assert box.hist["full"].get_xdata()[0] == pytest.approx(full)
    assert edges[0] <= full <= edges[-1]
    spread = spread_by_hand(means)
    star_x = list(box.error["current"].get_xdata())
    if spread > 0:
        assert star_x == [b] and box.error["current"].get_ydata()[0] == pytest.approx(spread)
    else:
        assert star_x == []
    assert list(box.error["current_line"].get_xdata()) == [b, b]
    return means, spread, full


def test_exported():
    assert hw.minibatch_explorer is minibatch_explorer


def test_initial_state(box, losses):
    s = box.sliders
    assert s["batch_size"].value == 100 and s["n_draws"].value == 1000 and s["seed"].value == 0
    assert s["replace"].value is True
    means, spread, full = check_state(box, losses, 100, 1000, 0, True)
    assert f"B = 100: mini-batch losses spread ±{spread:.4f} around the full loss {full:.4f}" in box.title.get_text()
    assert f"Average of the batch losses <b>{np.mean(means):.4f}</b>" in box.readout.value
    assert box.fig.get_layout_engine() is None  # layout computed once, then frozen


@pytest.mark.parametrize("replace", [True, False])
def test_every_batch_size(box, losses, replace):
    box.sliders["replace"].value = replace
    for b in BATCH_SIZES:
        before = box.view.image.value
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no divide-by-zero or empty-slice warnings at the extremes
            box.sliders["batch_size"].value = b
        assert box.view.image.value != before
        means, spread, full = check_state(box, losses, b, 1000, 0, replace)
        title = box.title.get_text()
        assert f"B = {b:,}" in title or f"B = N = {b:,}" in title
        if b == N and not replace:
            assert spread == 0.0 and np.all(means == means[0])
            assert "every batch IS the whole training set" in title and "error 0" in title
            assert "exactly <b>0</b>" in box.readout.value
            assert box.hist["band"].get_width() == 0.0
        else:
            assert spread > 0 and f"±{spread:.4f}" in title
            assert f"Spread ±<b>{spread:.4f}</b> (theory: <b>{se_by_hand(losses, b, replace):.4f}</b>)" in box.readout.value
        if b == N and replace:
            missed = (1 - 1 / N) ** N
            assert f"misses {missed:.0%} of them" in title


def test_spread_follows_theory(box, losses):
    box.sliders["n_draws"].value = 3000
    for b in (10, 1000):
        box.sliders["batch_size"].value = b
        assert box.state["stats"]["spread"] == pytest.approx(se_by_hand(losses, b, True), rel=0.1)
        assert box.state["stats"]["mean"] == pytest.approx(np.mean(losses), abs=4 * se_by_hand(losses, b, True) / math.sqrt(3000))


def test_one_draw_and_many(box, losses):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        box.sliders["n_draws"].value = 1
    means, spread, full = check_state(box, losses, 100, 1, 0, True)
    assert spread == 0.0 and len(box.error["current"].get_xdata()) == 0
    assert f"one mini-batch loss {means[0]:.4f} vs the full loss {full:.4f}" in box.title.get_text()
    assert "1 mini-batch loss" in [t.get_text() for t in box.hist["legend"].get_texts()]
    box.sliders["batch_size"].value = 1
    box.sliders["n_draws"].value = N_DRAWS[-1]
    means, spread, full = check_state(box, losses, 1, N_DRAWS[-1], 0, True)
    heights, edges, _ = box.hist["hist"].get_data()
    outside = int(np.sum((means < edges[0]) | (means > edges[-1])))
    assert heights.sum() == pytest.approx(100 * (1 - outside / len(means)))
    assert box.hist["legend"].get_title().get_text() == (
        f"{outside:,} of {len(means):,} draws outside {edges[0]:.2f}…{edges[-1]:.2f}" if outside else "")
    assert "a batch of one image" in box.title.get_text()


def test_readout_says_how_close_the_average_should_be(box, losses):
    for b, d in ((100, 1000), (1, 10), (1000, 10_000)):
        box.sliders["batch_size"].value = b
        box.sliders["n_draws"].value = d
        # the average of d draws misses the full loss by about se / sqrt(d)
        expected = se_by_hand(losses, b, True) / math.sqrt(d)
        text = f"about ±{expected:.4f}"
        if expected < 0.00005:
            text = "less than 0.0001"
        assert f"an average of {d:,} draws typically misses it by {text}" in box.readout.value
    box.sliders["n_draws"].value = 1
    assert "typically misses it" not in box.readout.value and "Theory says" in box.readout.value


def test_seed_changes_picture_and_is_reproducible(box, losses):
    first = box.view.image.value
    renders = box.view.renders
    box.sliders["seed"].value = 1
    check_state(box, losses, 100, 1000, 1, True)
    assert box.view.image.value != first and box.view.renders == renders + 1
    box.sliders["seed"].value = 0
    assert box.view.image.value == first  # same settings, same picture


def test_layout_stays_fixed(box):
    positions = [ax.get_position().bounds for ax in box.axes]
    for b in (1, N):
        box.sliders["batch_size"].value = b
    box.sliders["n_draws"].value = 1
    assert [ax.get_position().bounds for ax in box.axes] == positions


def test_approx_readout_and_method():
    assert sampling_method(100, 1000, 60000, True) == "exact"
    assert sampling_method(1000, 10_000, 60000, True) == "approx"
    assert sampling_method(59_990, 1000, 60000, False) == "exact"  # 10 left out per batch
    assert sampling_method(30_000, 1000, 60000, False) == "approx"


def test_sampling_method_is_the_rule_of_minibatch_means_auto(losses):
    # check_state() above builds its reference with sampling_method itself, so it cannot catch the
    # widget's copy of the rule drifting from helpers.sampling: compare with method="auto" directly
    for replace in (True, False):
        for b in (1, 100, 333, 334, 1000, 1001, 3000, 5666, 5667, 5999, N):
            for d in (1, 1000, 10_000):
                auto = minibatch_means(losses, b, d, rng=3, replace=replace)
                widget = minibatch_means(losses, b, d, rng=3, replace=replace, method=sampling_method(b, d, N, replace))
                assert np.array_equal(auto, widget), (replace, b, d)


def test_approx_path_says_so(losses):
    box = minibatch_explorer(losses, batch_sizes=BATCH_SIZES, batch_size=3000, n_draws=1000, dpi=40)
    assert box.state["method"] == "approx"
    assert "simulated" in box.readout.value
    box.sliders["batch_size"].value = 10
    assert box.state["method"] == "exact" and "simulated" not in box.readout.value


def test_measured_points_shown(losses):
    measured = {"batch_sizes": [1, 100, N], "with": [0.5, 0.05, 0.006], "without": [0.5, 0.05, 0.0]}
    box = minibatch_explorer(losses, measured=measured, batch_sizes=BATCH_SIZES, dpi=40)
    assert list(box.error["measured_without"].get_xdata()) == [1, 100]
    assert list(box.error["measured_with"].get_ydata()) == [0.5, 0.05, 0.006]


def test_bad_start_values(losses):
    with pytest.raises(ValueError, match="batch_size must be one of"):
        minibatch_explorer(losses, batch_sizes=BATCH_SIZES, batch_size=7)
    with pytest.raises(ValueError, match="n_draws must be one of"):
        minibatch_explorer(losses, batch_sizes=BATCH_SIZES, n_draws=7)
