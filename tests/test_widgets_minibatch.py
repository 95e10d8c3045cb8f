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

import numpy as np
import pytest

import helpers.widgets as hw
from helpers.i18n import language
from helpers.sampling import minibatch_means
from helpers.widgets.minibatch import EXACT_WORK, N_DRAWS, minibatch_explorer

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


def method_by_hand(b, d, n, replace):
    """The widget's exact/approximate budget written out: 3e6 element draws with replacement
    (B <= 3,000 at 1,000 draws); without, 3 * d * min(B, N - B) up to 3e6."""
    work = d * b if replace else 3 * d * min(b, n - b)
    return "exact" if work <= 3_000_000 else "approx"


def stream(seed, b, replace):
    """The widget's random stream of one setting, written out."""
    return np.random.default_rng([seed, b, int(replace)])


def check_state(box, losses, b, d, seed, replace):
    """The figure shows exactly the draws for these settings."""
    full = float(np.mean(losses))
    method = method_by_hand(b, d, N, replace)
    assert box.state["method"] == method
    korean = language() == "ko"  # the same checks in the Korean edition, with its words
    simulated = "시뮬레이션" if korean else "simulated"
    assert (simulated in box.readout.value) == (method == "approx")
    means = minibatch_means(losses, b, d, rng=stream(seed, b, replace), replace=replace,
                            method=method)
    assert np.array_equal(box.state["means"], means)
    se = se_by_hand(losses, b, replace)
    assert box.state["se"] == pytest.approx(se, rel=1e-9, abs=1e-15)
    heights, edges, _ = box.hist["hist"].get_data()
    assert np.allclose(heights, percent_per_bin(means, edges))
    assert box.hist["band"].get_x() == pytest.approx(full - se)
    assert box.hist["band"].get_width() == pytest.approx(2 * se)
    assert box.hist["full"].get_xdata()[0] == pytest.approx(full)
    assert edges[0] <= full <= edges[-1]
    spread = spread_by_hand(means)
    star_x = list(box.error["current"].get_xdata())
    if spread > 0:
        assert star_x == [b] and box.error["current"].get_ydata()[0] == pytest.approx(spread)
    else:
        assert star_x == []
    assert list(box.error["current_line"].get_xdata()) == [b, b]
    below = sum(v < full for v in means.tolist()) / len(means)  # the shaded share, by hand
    assert box.hist["shares"][0] == pytest.approx(below)
    labels = [t.get_text() for t in box.hist["legend"].get_texts()]
    if spread == 0 and np.all(np.abs(means - full) <= 1e-12 * full):  # every batch IS the data
        assert labels[:2] == (["전체 손실 미만 없음", "모두 전체 손실과 같음"] if korean
                              else ["none below the full loss", "all equal to the full loss"])
    elif korean:
        assert labels[:2] == [f"전체 손실 미만 {round(100 * below)}%",
                              f"전체 손실 이상 {100 - round(100 * below)}%"]
    else:
        assert labels[:2] == [f"{round(100 * below)}% below the full loss",
                              f"{100 - round(100 * below)}% at or above it"]
    # no bar straddles the full loss: the bars below it are whole bars (the split edges)
    below_h, _, _ = box.hist["below"].get_data()
    assert np.allclose(below_h[edges[1:] <= full], heights[edges[1:] <= full])
    assert np.all(below_h[edges[:-1] >= full] == 0)
    return means, spread, full


def test_exported():
    assert hw.minibatch_explorer is minibatch_explorer
    assert hw.minibatch.__all__ == ["minibatch_explorer", "N_DRAWS", "EXACT_WORK"]  # no re-exports
    assert EXACT_WORK == {True: 3_000_000, False: 3_000_000}
    assert "minibatch_explorer" in hw.__all__ and "N_DRAWS" not in hw.__all__  # what notebooks use


def test_every_loss_equal_does_not_crash():
    # an untrained net (weight_init_std=0) gives every image the loss ln 10; np.mean of them
    # rounds outside [min, max] (below with numpy 2.4, above with Colab's 2.1: the summation
    # order differs) and np.std is ~4e-16: hist_edges raised "lo must be <= full_loss". The
    # widget now takes sampling.mean_loss / loss_spread (exact: ln 10 and 0)
    losses = np.full(59999, math.log(10))
    naive = losses.mean()
    assert not losses.min() <= naive <= losses.max() and losses.std() > 0  # the rounding guarded
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        box = minibatch_explorer(losses, n_draws=100, dpi=20)
        for b in (1, 100, 10_000):
            box.sliders["batch_size"].value = b
            assert box.hist["full"].get_xdata()[0] == math.log(10)
            assert box.state["se"] == 0.0 and box.state["stats"]["spread"] == 0.0
            assert box.hist["band"].get_width() == 0.0
            heights, edges, _ = box.hist["hist"].get_data()
            assert heights.max() == 100.0 and edges[0] < math.log(10) < edges[-1]
            assert list(box.error["current"].get_xdata()) == []  # spread 0: no star on log axes


def test_the_first_state_is_drawn_once(losses, monkeypatch):
    import helpers.widgets.minibatch as wm

    calls = []
    real = wm.minibatch_means

    def counting(*args, **kwargs):
        calls.append(args[1:3])
        return real(*args, **kwargs)

    monkeypatch.setattr(wm, "minibatch_means", counting)
    box = minibatch_explorer(losses, batch_sizes=BATCH_SIZES, batch_size=100, n_draws=1000,
                             dpi=20)
    assert calls == [(100, 1000)]  # drawn once, not drawn and then redrawn by update()
    check_state(box, losses, 100, 1000, 0, True)
    box.sliders["n_draws"].value = 10
    assert calls == [(100, 1000), (100, 10)]


def test_initial_state(box, losses):
    s = box.sliders
    assert s["batch_size"].value == 100 and s["n_draws"].value == 1000 and s["seed"].value == 0
    assert s["replace"].value is True
    means, spread, full = check_state(box, losses, 100, 1000, 0, True)
    finding = f"B = 100: spread ±{spread:.4f} around the full loss {full:.4f}"
    assert finding in box.title.get_text()
    assert f"Average of the batch losses <b>{np.mean(means):.4f}</b>" in box.readout.value
    assert box.fig.get_layout_engine() is None  # layout computed once, then frozen
    assert box.error_fig.get_layout_engine() is None


@pytest.mark.parametrize("replace", [True, False])
def test_every_batch_size(box, losses, replace):
    box.sliders["replace"].value = replace
    for b in BATCH_SIZES:
        before = box.view.image.value
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no divide-by-zero or empty-slice warnings
            box.sliders["batch_size"].value = b
        assert box.view.image.value != before
        means, spread, full = check_state(box, losses, b, 1000, 0, replace)
        title = box.title.get_text()
        assert f"B = {b:,}" in title or f"B = N = {b:,}" in title
        if b == N and not replace:
            assert spread == 0.0 and np.all(means == means[0])
            assert "each batch IS the data" in title and "error 0" in title
            assert "exactly <b>0</b>" in box.readout.value
            assert box.hist["band"].get_width() == 0.0
            labels = [t.get_text() for t in box.hist["legend"].get_texts()]
            assert "all equal to the full loss" in labels and "100% at or above it" not in labels
        else:
            assert spread > 0 and f"±{spread:.4f}" in title
            theory = se_by_hand(losses, b, replace)
            assert (f"Spread ±<b>{spread:.4f}</b> (theory, the standard error: "
                    f"<b>{theory:.4f}</b>, the root-mean-square miss)") in box.readout.value
            within = sum(abs(v - full) <= theory for v in means.tolist()) / len(means)
            assert f"<b>{within:.0%}</b> of the batches land within ±1 standard error" \
                in box.readout.value
        if b == N and replace:
            missed = (1 - 1 / N) ** N
            assert f"miss {missed:.0%} of them" in title


def test_spread_follows_theory(box, losses):
    box.sliders["n_draws"].value = 3000
    for b in (10, 1000):
        box.sliders["batch_size"].value = b
        assert box.state["stats"]["spread"] == pytest.approx(se_by_hand(losses, b, True), rel=0.1)
        of_the_mean = se_by_hand(losses, b, True) / math.sqrt(3000)
        assert box.state["stats"]["mean"] == pytest.approx(np.mean(losses), abs=4 * of_the_mean)


def test_one_draw_and_many(box, losses):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        box.sliders["n_draws"].value = 1
    means, spread, full = check_state(box, losses, 100, 1, 0, True)
    assert spread == 0.0 and len(box.error["current"].get_xdata()) == 0
    assert f"one mini-batch loss {means[0]:.4f}, full loss {full:.4f}" in box.title.get_text()
    assert box.hist["legend"].get_title().get_text().startswith("1 mini-batch loss")
    box.sliders["batch_size"].value = 1
    box.sliders["n_draws"].value = N_DRAWS[-1]
    means, spread, full = check_state(box, losses, 1, N_DRAWS[-1], 0, True)
    heights, edges, _ = box.hist["hist"].get_data()
    outside = int(np.sum((means < edges[0]) | (means > edges[-1])))
    assert heights.sum() == pytest.approx(100 * (1 - outside / len(means)))
    assert box.hist["legend"].get_title().get_text() == f"{len(means):,} mini-batch losses"
    assert outside >= 0.005 * len(means)  # B = 1: the long tail reaches beyond ±4 SE...
    assert box.hist["outside"].get_visible() and box.hist["outside"].get_text() == (
        f"{outside:,} of {len(means):,} draws outside {edges[0]:.2f}…{edges[-1]:.2f}")
    assert "a batch of one image" in box.title.get_text()
    box.sliders["batch_size"].value = 1000  # ...a batch of 1,000 hardly: no note
    assert not box.hist["outside"].get_visible()


def test_readout_says_how_close_the_average_should_be(box, losses):
    for b, d in ((100, 1000), (1, 10), (1000, 10_000)):
        box.sliders["batch_size"].value = b
        box.sliders["n_draws"].value = d
        # the average of d draws misses the full loss by about se / sqrt(d)
        expected = se_by_hand(losses, b, True) / math.sqrt(d)
        text = f"about ±{expected:.4f}"
        if expected < 0.00005:
            text = "less than 0.0001"
        assert (f"the average of {d:,} draws misses it by {text} root-mean-square"
                in box.readout.value)
    box.sliders["n_draws"].value = 1
    assert "draws misses it" not in box.readout.value
    assert "Theory: a batch misses by" in box.readout.value
    assert "root-mean-square (the standard error)" in box.readout.value


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


# (B, number of draws, replace) around the budget of N = 6000 losses, and the method by hand:
# with replacement d * B <= 3e6 is exact; without, 3 * d * min(B, N - B) <= 3e6
BUDGET_CASES = [
    (3000, 1000, True, "exact"),     # 3e6 draws
    (1000, 3000, True, "exact"),     # 3e6: the edge
    (1000, 10_000, True, "approx"),  # 1e7
    (N, 1000, True, "approx"),       # 6e6
    (3000, 3000, True, "approx"),    # 9e6
    (10, 10_000, True, "exact"),     # 1e5
    (100, 3000, False, "exact"),     # 3 * 3000 * 100 = 9e5
    (100, 10_000, False, "exact"),   # 3e6: the edge
    (1000, 10_000, False, "approx"),  # 3e7
    (1000, 300, False, "exact"),     # 9e5
    (1000, 1000, False, "exact"),    # 3e6
    (1000, 3000, False, "approx"),   # 9e6
    (N, 10_000, False, "exact"),     # B = N: nothing to draw, every batch is the whole set
]


@pytest.mark.parametrize(("b", "d", "replace", "method"), BUDGET_CASES)
def test_exact_or_approx_follows_the_budget(losses, b, d, replace, method):
    # the widget's "exact"/"approx" (its state and the "simulated" note of its readout) against
    # the budget computed by hand in the table above, not against helpers.sampling's own rule
    box = minibatch_explorer(losses, batch_sizes=BATCH_SIZES, batch_size=b, n_draws=d,
                             replace=replace, dpi=20)
    assert method_by_hand(b, d, N, replace) == method  # the table and the helper agree
    assert box.state["method"] == method
    assert ("simulated" in box.readout.value) == (method == "approx")
    # and the draws shown are exactly those of that method
    expected = minibatch_means(losses, b, d, rng=stream(0, b, replace), replace=replace,
                               method=method)
    np.testing.assert_array_equal(box.state["means"], expected)


def test_approx_path_says_so(losses):
    box = minibatch_explorer(losses, batch_sizes=BATCH_SIZES, batch_size=3000, n_draws=3000,
                             replace=False, dpi=40)
    assert box.state["method"] == "approx"
    assert "simulated" in box.readout.value and "skew, G3" in box.readout.value
    box.sliders["batch_size"].value = 10
    assert box.state["method"] == "exact" and "simulated" not in box.readout.value


def test_real_draws_up_to_b_3000_of_mnist_at_1000_draws():
    # N = 60,000 (MNIST): at the default 1,000 draws B <= 3,000 with replacement is drawn for
    # real (3e6 element draws, about 20 ms); B = 5,000 is simulated, and says so
    big = np.random.default_rng(1).lognormal(mean=-2.0, sigma=1.3, size=60_000)
    box = minibatch_explorer(big, batch_size=3000, n_draws=1000, dpi=20)
    assert box.state["method"] == "exact" and "simulated" not in box.readout.value
    expected = minibatch_means(big, 3000, 1000, rng=stream(0, 3000, True), method="exact")
    np.testing.assert_array_equal(box.state["means"], expected)
    box.sliders["batch_size"].value = 5000
    assert box.state["method"] == "approx" and "simulated" in box.readout.value


def test_each_batch_size_has_its_own_stream(losses):
    # one stream per seed gave B = 1,000 and B = 3,000 the same pattern of simulated bars
    box = minibatch_explorer(losses, batch_sizes=BATCH_SIZES, batch_size=1000, n_draws=10_000,
                             replace=False, dpi=20)
    assert box.state["method"] == "approx"
    a = box.state["means"].copy()
    box.sliders["batch_size"].value = 3000
    assert box.state["method"] == "approx"
    b = box.state["means"]
    za, zb = (a - a.mean()) / a.std(), (b - b.mean()) / b.std()
    assert abs(np.corrcoef(za, zb)[0, 1]) < 0.05  # independent draws, not one pattern rescaled
    # and the same settings again give the same draws
    box.sliders["batch_size"].value = 1000
    np.testing.assert_array_equal(box.state["means"], a)


def test_title_counts_the_batches_within_one_standard_error(box, losses):
    means, spread, full = check_state(box, losses, 100, 1000, 0, True)
    se = se_by_hand(losses, 100, True)
    within = sum(abs(v - full) <= se for v in means.tolist()) / len(means)
    assert f"{within:.0%} of 1,000 batches within ±1 SE of it" in box.title.get_text()
    assert "10%" not in box.title.get_text()


def test_measured_points_shown(losses):
    measured = {"batch_sizes": [1, 100, N], True: [0.5, 0.05, 0.006], False: [0.5, 0.05, 0.0]}
    box = minibatch_explorer(losses, measured=measured, batch_sizes=BATCH_SIZES, dpi=40)
    assert list(box.error["measured_without"].get_xdata()) == [1, 100]
    assert list(box.error["measured_with"].get_ydata()) == [0.5, 0.05, 0.006]


def test_bad_start_values(losses):
    with pytest.raises(ValueError, match="batch_size must be one of"):
        minibatch_explorer(losses, batch_sizes=BATCH_SIZES, batch_size=7)
    with pytest.raises(ValueError, match="n_draws must be one of"):
        minibatch_explorer(losses, batch_sizes=BATCH_SIZES, n_draws=7)


# -- bad input: TypeError for the wrong kind, ValueError for a bad value, named in the message --

BAD_EXPLORER = [  # (losses, kwargs, error, message); None: the module's losses
    ([], {}, ValueError, "losses is empty"),
    (np.zeros((2, 3)), {}, ValueError, "losses must be 1-D"),
    ([0.1, float("nan")], {"batch_size": 1}, ValueError, "losses contains NaN"),
    ([0.1, float("inf")], {"batch_size": 1}, ValueError, "losses contains NaN or inf"),
    (["0.1", "0.2"], {}, TypeError, "losses must be a numeric array"),
    (None, {"replace": "False"}, TypeError, "replace must be True or False"),
    (None, {"replace": 1}, TypeError, "replace must be True or False"),
    (None, {"seed": -1}, ValueError, "seed must be an int >= 0"),
    (None, {"seed": 1.5}, TypeError, "seed must be an int"),
    (None, {"seed": 2**31}, ValueError, "seed must be at most"),
    (None, {"batch_size": "100"}, TypeError, "batch_size must be an int"),
    (None, {"batch_size": 7}, ValueError, "batch_size must be one of"),
    (None, {"n_draws": True}, TypeError, "n_draws must be an int"),
    (None, {"n_draws": 7}, ValueError, "n_draws must be one of"),
    (None, {"dpi": 0}, ValueError, "dpi must be an int >= 20"),
    (None, {"continuous_update": "no"}, TypeError, "continuous_update must be True or False"),
    (None, {"batch_sizes": (N + 1, 2 * N)}, ValueError, "batch_sizes must hold at least one size"),
    (None, {"batch_sizes": ("1", "10")}, TypeError, "batch_sizes must be a numeric array"),
    (None, {"batch_sizes": (1.0, 10.0)}, TypeError, r"batch_sizes must be a numeric array \(int"),
    (None, {"batch_sizes": (0, 10)}, ValueError, "batch_sizes must be ints >= 1"),  # not dropped
    (None, {"batch_sizes": (10, 1e30)}, TypeError, "batch_sizes must be a numeric array"),
    (None, {"batch_sizes": ()}, ValueError, "batch_sizes is empty"),
    (None, {"measured": [1, 2]}, TypeError, "measured must be a dict"),
]


@pytest.mark.parametrize(("bad_losses", "kwargs", "error", "match"), BAD_EXPLORER)
def test_bad_input(losses, bad_losses, kwargs, error, match):
    kwargs = {"batch_sizes": BATCH_SIZES, **kwargs}
    with pytest.raises(error, match=match):
        minibatch_explorer(losses if bad_losses is None else bad_losses, dpi=kwargs.pop("dpi", 20),
                           **kwargs)


def test_small_data_and_lists_are_valid_input():
    # a list of 5 losses: the default batch sizes are cut to those <= N (1, 2, 3, 5)
    toy = [1.0, 1.0, 1.0, 5.0, 2.0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        box = minibatch_explorer(toy, batch_size=1, n_draws=10, dpi=20)
        assert [v for _, v in box.sliders["batch_size"].options] == [1, 2, 3, 5]
        box.sliders["replace"].value = False
        box.sliders["batch_size"].value = 5
    assert np.all(box.state["means"] == 2.0) and box.state["stats"]["spread"] == 0.0
    assert "exactly <b>0</b>" in box.readout.value
    one = minibatch_explorer([0.25], batch_size=1, n_draws=1, dpi=20)  # N = 1
    assert one.state["means"].tolist() == [0.25]


def test_losses_are_not_modified(losses):
    before = losses.copy()
    box = minibatch_explorer(losses, batch_sizes=list(BATCH_SIZES), dpi=20)
    box.sliders["batch_size"].value = 10
    np.testing.assert_array_equal(losses, before)


# ---------------------------------------------------- issue 11: projector-readable widget
def test_widget_is_projector_readable_at_its_defaults(losses):
    from helpers.plots.style import DPI
    from tests.support import assert_projector_readable

    box = minibatch_explorer(losses)
    assert box.view.dpi == box.error_view.dpi == DPI == 100
    for fig in box.figs:
        assert_projector_readable(fig, dpi=box.view.dpi, what="minibatch_explorer")
        assert fig.get_size_inches()[1] * DPI <= 650  # each figure fits a projector's screen
    # still readable after slider moves, with the longest titles (B = 1, large B, B = N, 1 draw)
    big = minibatch_explorer(np.random.default_rng(1).lognormal(-2, 1.3, 60_000))
    for b, d, replace in ((1, 10_000, True), (30_000, 1000, True), (60_000, 1000, True),
                          (60_000, 1000, False), (1000, 1, True)):
        big.sliders["replace"].value = replace
        big.sliders["n_draws"].value = d
        big.sliders["batch_size"].value = b
        for fig in big.figs:
            assert_projector_readable(fig, dpi=big.view.dpi, what=f"explorer B={b}, D={d}")


def test_projector_check_fails_on_the_old_widget_size(losses):
    from tests.support import assert_projector_readable

    box = minibatch_explorer(losses, figsize=(13, 5.0), dpi=80)
    with pytest.raises(AssertionError):
        assert_projector_readable(box.fig, dpi=box.view.dpi)


def test_panels_are_two_figures_one_above_the_other(losses):
    box = minibatch_explorer(losses)
    h, e = box.axes
    assert h.figure is box.fig and e.figure is box.error_fig and box.figs == (box.fig,
                                                                            box.error_fig)
    images = list(box.children)
    assert images.index(box.view.image) + 1 == images.index(box.error_view.image)
    renders = (box.view.renders, box.error_view.renders)
    box.sliders["batch_size"].value = 1000  # both redrawn: the star moves with the draws
    assert (box.view.renders, box.error_view.renders) == (renders[0] + 1, renders[1] + 1)
    assert list(box.error["current"].get_xdata()) == [1000]


def test_error_figure_renders_only_when_its_star_moves(losses):
    box = minibatch_explorer(losses, batch_sizes=BATCH_SIZES, batch_size=100, dpi=20)
    hist, error = box.view.renders, box.error_view.renders
    box.update()  # the same settings: the same draws, the star where it was
    assert (box.view.renders, box.error_view.renders) == (hist + 1, error)
    box.sliders["batch_size"].value = 1000  # the star jumps to B = 1,000
    assert (box.view.renders, box.error_view.renders) == (hist + 2, error + 1)
    x = box.error["current"].get_xdata()[0]
    assert x == 1000


# ------------------------------------------------------ issue 13: the Korean edition
def _plain(html):
    """The readout's text without its HTML tags."""
    import re

    return re.sub(r"<[^>]+>", "", html)


def _korean_widget(box):
    """Every text of the explorer is Korean: controls, readout, both figures (drawn: a missing
    glyph is an error under korean()), nothing outside a figure."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from tests.support import assert_projector_readable, english_words, figure_texts, hangul

    controls = [box.sliders[k].description for k in ("batch_size", "n_draws", "seed")]
    controls += [label for label, _ in box.sliders["replace"].options]
    assert all(hangul(c) for c in controls), controls
    readout = _plain(box.readout.value)
    assert hangul(readout) and not english_words([readout]), english_words([readout])
    texts = []
    for fig in box.figs:
        if not hasattr(fig.canvas, "get_renderer"):
            FigureCanvasAgg(fig)
        texts += figure_texts(fig)
        assert_projector_readable(fig, dpi=max(box.view.dpi, 100), what="Korean explorer")
    assert not english_words(controls + texts), english_words(controls + texts)
    for ax in box.axes:
        assert hangul(ax.get_title()) and hangul(ax.get_xlabel()) and hangul(ax.get_ylabel())
    return readout, texts


def test_korean_explorer(losses):
    from tests.support import hangul, korean

    with korean():
        box = minibatch_explorer(losses, batch_sizes=BATCH_SIZES, dpi=40)
        assert [box.sliders[k].description for k in ("batch_size", "n_draws", "seed")] == [
            "배치 크기 B", "미니배치 수", "시드"]
        assert box.sliders["replace"].options == (("복원 추출 (책의 방식)", True),
                                                 ("비복원 추출", False))
        readout, texts = _korean_widget(box)
        assert "B = 100인 미니배치 1,000개를 복원 추출로 뽑았습니다." in readout
        assert "배치 손실의 중앙값은 " in readout and "퍼짐은 ±" in readout, readout
        assert "빗나가며" in readout and "벗어" not in readout, readout
        assert box.title.get_text().startswith("B = 100: 전체 손실 ")
        assert "지금 뽑은 배치들" in texts
        assert "배치 크기 B에 따른 퍼짐 (★: 지금 뽑은 배치들)" in texts
        # a slider move: the readout and the title follow, in Korean; values are the same as in
        # English (True / False, ints), so a lesson's code that sets them works in both
        before = box.readout.value
        box.sliders["replace"].value = False  # the value, not the label
        box.sliders["batch_size"].value = 1000
        check_state(box, losses, 1000, 1000, 0, False)
        assert box.readout.value != before
        readout, _ = _korean_widget(box)
        assert "B = 1,000인 미니배치 1,000개를 비복원 추출로 뽑았습니다." in readout
        assert "±1 표준오차 안에 들어옵니다" in readout and "B = 1,000: " in box.title.get_text()
        box.sliders["n_draws"].value = 1  # one draw: its own sentences
        readout, _ = _korean_widget(box)
        assert "미니배치 1개를 비복원 추출로 뽑았습니다" in readout and "더 뽑으면" in readout
        assert "1번 뽑았" not in readout, readout
        assert "배치 하나로는 퍼짐이 보이지 않음" in box.title.get_text()
        box.sliders["n_draws"].value = 1000
        box.sliders["batch_size"].value = N  # B = N without replacement: error 0
        readout, _ = _korean_widget(box)
        assert "정확히 0입니다" in readout and "배치가 곧 전체 데이터" in box.title.get_text()
        labels = [t.get_text() for t in box.hist["legend"].get_texts()]
        assert labels[:2] == ["전체 손실 미만 없음", "모두 전체 손실과 같음"]
        box.sliders["replace"].value = True  # B = N with replacement: picks repeat
        assert "중복 때문에 이미지의" in box.title.get_text()
        box.sliders["batch_size"].value = 1
        box.sliders["n_draws"].value = N_DRAWS[-1]  # the long tail: the note of draws outside
        _korean_widget(box)
        assert box.hist["outside"].get_visible() and box.hist["outside"].get_text().endswith(
            " 범위 밖")
        assert "미만 0.0001" not in box.readout.value
        assert hangul(box.hist["legend"].get_title().get_text())
    assert language() == "en"


def test_korean_readout_says_when_the_draws_are_simulated(losses):
    from tests.support import korean

    with korean():
        box = minibatch_explorer(losses, batch_sizes=BATCH_SIZES, batch_size=3000, n_draws=3000,
                                 replace=False, dpi=20)
        assert box.state["method"] == "approx"
        readout = _plain(box.readout.value)
        assert "시뮬레이션합니다" in readout and "왜도, G3" in readout
        assert "simulated" not in box.readout.value
        box.sliders["batch_size"].value = 10
        assert box.state["method"] == "exact" and "시뮬레이션" not in box.readout.value
    english = minibatch_explorer(losses, batch_sizes=BATCH_SIZES, batch_size=3000, n_draws=3000,
                                 replace=False, dpi=20)
    assert "simulated" in english.readout.value and english.sliders["seed"].description == "seed"
    assert english.sliders["replace"].options[0] == ("with replacement (book)", True)


def test_korean_explorer_fits_at_its_defaults():
    # the longest Korean titles (B = 1, large B, B = N, one draw) fit the frozen layout at 100 dpi
    from tests.support import korean

    big = np.random.default_rng(1).lognormal(-2, 1.3, 60_000)
    with korean():
        box = minibatch_explorer(big)
        _korean_widget(box)
        for b, d, replace in ((1, 10_000, True), (30_000, 1000, True), (60_000, 1000, True),
                              (60_000, 1000, False), (1000, 1, True)):
            box.sliders["replace"].value = replace
            box.sliders["n_draws"].value = d
            box.sliders["batch_size"].value = b
            _korean_widget(box)
