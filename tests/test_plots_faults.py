"""Regression tests of the QA fault sweep (plots and style): caps on sizes, extreme finite values,
and bad options that used to escape as numpy / matplotlib errors, hangs or MemoryErrors."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import time  # noqa: E402
import types  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers.network import TrainHistory, TwoLayerNet, train_sgd  # noqa: E402
from helpers.plots.full import plot_loss_histogram, plot_loss_share  # noqa: E402
from helpers.plots.minibatch import (  # noqa: E402
    draw_stats,
    hist_edges,
    plot_error_vs_batch,
    plot_minibatch_hist,
    plot_se_vs_population,
)
from helpers.plots.single import neg_log_curve, plot_neg_log  # noqa: E402
from helpers.plots.style import MAX_BINS, fmt4, new_figure  # noqa: E402
from helpers.plots.training import (  # noqa: E402
    history_label,
    plot_coverage,
    plot_training_curves,
)
from tests.support import assert_bad_input, bad_input_cases  # noqa: E402

LS = np.random.default_rng(0).exponential(0.3, 200)


@pytest.fixture(scope="module")
def hist():
    rng = np.random.default_rng(1)
    x = rng.random((40, 784), dtype=np.float32)
    return train_sgd(TwoLayerNet(784, 8, 10, rng=0), x, rng.integers(0, 10, 40), batch_size=20,
                     epochs=1, rng=0, progress=False)


@pytest.mark.parametrize("bad", [True, np.bool_(False), 1j, "3", None, [1.0], np.array(1.0)])
def test_fmt4_takes_real_numbers_only(bad):
    with pytest.raises(TypeError, match="^x must be a real number"):
        fmt4(bad)


def test_fmt4_formats_reals_and_prints_nan_and_inf_as_such():
    assert fmt4(np.float32(0.5)) == "0.5000" and fmt4(3) == "3.0000"
    assert (fmt4(float("nan")), fmt4(float("inf")), fmt4(-np.inf)) == ("nan", "inf", "-inf")
    with pytest.raises(ValueError, match="^x must be at most"):
        fmt4(10**400)
    assert fmt4(1e300) == "1.0000e+300" and fmt4(-2.5e9) == "-2.5000e+09"  # no 300 digits
    assert fmt4(999_999_999.0) == "999999999.0000"


def _huge_figure():
    return new_figure(10**4, 2)


CASES, IDS = bad_input_cases([
    (neg_log_curve, [((), {"n": 10**30}, ValueError, "^n must be at most 1000000"),
                     ((), {"n": 10**12}, ValueError, "^n must be at most 1000000")]),
    (plot_loss_histogram, [
        ((LS,), {"bins": 10**30}, ValueError, f"^bins must be at most {MAX_BINS}"),
                           ((LS,), {"bins": 10**10}, ValueError, "^bins must be at most"),
                           (([1e308, 1e308],), {}, ValueError, r"^losses must be at most 1e\+300"),
                           (([1e308, 1e308],), {"log_x": False}, ValueError, "^losses must be"),
                           ((LS,), {"floor": 1e308}, ValueError, "^floor must be <="),
                           ((LS,), {"threshold": 1e308}, ValueError, "^threshold must be <=")]),
    (new_figure, [
        ((10**30, 1), {}, ValueError, "^nrows must be at most 100"),
        ((10**4, 2), {}, ValueError, "^nrows must be at most 100"),
        ((1, 10**4), {}, ValueError, "^ncols must be at most 100"),
        ((20, 20), {}, ValueError, r"^nrows \* ncols must be at most 100"),
        ((1, 2), {"width_ratios": [1, -1]}, ValueError, "^width_ratios must be numbers > 0"),
        ((1, 2), {"width_ratios": [1, 0]}, ValueError, "^width_ratios must be numbers > 0"),
        ((1, 2), {"width_ratios": [np.nan, 1]}, ValueError, "^width_ratios contains NaN"),
        ((1, 2), {"width_ratios": 2.5}, TypeError, "^width_ratios must be a sequence"),
        ((1, 2), {"width_ratios": [1, 2, 3]}, ValueError, "^width_ratios must hold one"),
        ((1, 2), {"width_ratios": ["a", 1]}, TypeError, "^width_ratios must be a numeric"),
        ((2, 1), {"height_ratios": [1, -1]}, ValueError, "^height_ratios must be"),
        ((1, 1), {"figsize": (1e6, 1)}, ValueError, "^figsize must be a pair of finite")]),
    (plot_neg_log, [(([{0.5, "a"}],), {}, TypeError, r"^points\[0\] must be a pair"),
                    (([{0.5: "a", 1: 2}],), {}, TypeError, r"^points\[0\] must be a pair")]),
    (hist_edges, [((1e308, 1e308), {}, ValueError, "^full_loss must be <="),
                  ((1.0, 1.0), {"width": 1e308}, ValueError, "^width must be <="),
                  ((1.0, 1e300), {}, ValueError, r"^se \(times width = 4\) must span at most"),
                  ((1.0, 1e308), {}, ValueError, "^se must be <=")]),
    (plot_minibatch_hist, [((LS, 1.0, 1e308), {}, ValueError, "^se must be <="),
                           (([1e308, 1.0], 1.0, 0.1), {}, ValueError, "^means must be at most"),
                           ((LS, 1.0, 0.1), {"edges": [0, 1e308]}, ValueError, "^edges must be")]),
    (plot_error_vs_batch, [((0.5, 10**30), {}, ValueError, "^n must be at most"),
                           ((1e308, 100), {}, ValueError, "^sigma must be <="),
                           ((0.5, 100), {"ylim": (1e-320, 1)}, ValueError, r"^ylim\[0\]")]),
    (plot_se_vs_population, [((1.0, list(range(1, 10**4))), {}, ValueError,
                              "^batch_sizes must be at most 20"),
                             ((1.0,), {"marks": list(range(1, 10**4))}, ValueError,
                              "^marks must be at most 100")]),
])


@pytest.mark.parametrize(("func", "args", "kwargs", "error", "match"), CASES, ids=IDS)
def test_caps_and_extreme_values_name_the_argument(func, args, kwargs, error, match):
    t0 = time.perf_counter()
    assert_bad_input(func, args, kwargs, error, match)
    assert time.perf_counter() - t0 < 5  # no hang, no huge allocation first


def test_extreme_but_drawable_values_stay_finite():
    art = plot_loss_histogram([1e300, 1e300])
    assert np.isfinite(art["ax"].get_xlim()).all()
    art = plot_loss_histogram([1e300, 1e299], log_x=False)
    assert "inf" not in art["mean"].get_label() and np.isfinite(art["ax"].get_xlim()).all()
    assert plot_loss_share([1e308, 1e308])["share"] == 0.5  # the total overflowed: share 0.0
    s = draw_stats([1e308, 1e308], 1.0)
    assert s["mean"] == 1e308 and s["median"] == 1e308 and s["spread"] == 0.0
    e = hist_edges(1e300, 2e299)
    assert np.isfinite(e).all() and (np.diff(e) > 0).all()
    e = hist_edges(1.0, 1.0, width=1e300)
    assert np.isfinite(e).all() and (np.diff(e) > 0).all()


@pytest.fixture()
def mutated(hist):
    h = TrainHistory(loss=hist.loss, eval_step=hist.eval_step, eval_epoch=hist.eval_epoch,
                     train_loss=hist.train_loss, train_acc=hist.train_acc,
                     test_loss=hist.test_loss, test_acc=hist.test_acc, seconds=hist.seconds,
                     settings=dict(hist.settings))
    del h.settings["batch_size"]  # settings changed after the history was made
    return h


def test_history_label_names_hist(hist, mutated):
    with pytest.raises(ValueError, match=r"^hist: settings lacks \['batch_size'\]"):
        history_label(mutated)
    with pytest.raises(TypeError, match="^hist must be a TrainHistory"):
        history_label(types.SimpleNamespace(settings={"steps_per_epoch": 2}))
    with pytest.raises(ValueError, match=r"^histories\[0\]: settings lacks"):
        plot_training_curves([mutated])


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"styles": {"a": {"lw": "thick"}}}, ValueError, r"^styles\['a'\]: "),
    ({"styles": {"a": {"nosuchprop": 1}}}, TypeError, r"^styles\['a'\]: "),
    ({"styles": {"a": {"label": "x"}}}, ValueError, r"^styles\['a'\] must not set 'label'"),
    ({"colors": {"a": "notacolor"}}, ValueError, r"^colors\['a'\] must be a matplotlib colour"),
    ({"colors": {"a": True}}, ValueError, r"^colors\['a'\] must be a matplotlib colour"),
    ({"show_batch": [[1, 2], [3]]}, TypeError, "^show_batch must list run labels"),
])
def test_training_curves_options_name_the_argument(hist, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_training_curves({"a": hist}, **kwargs)


def test_histories_items_are_named_by_position(hist):
    with pytest.raises(TypeError, match=r"^histories\[1\] must be a TrainHistory"):
        plot_training_curves([hist, "x"])


@pytest.mark.parametrize("big", [200, 10**8, 2**62])
def test_coverage_counts_with_huge_values_draw_at_most_51_bars(big):
    t0 = time.perf_counter()
    art = plot_coverage([0.0, 1.0], {True: [0.0, 0.6]},
                        counts={True: np.array([0, 1, 2, big]), False: np.ones(4, dtype=int)})
    assert time.perf_counter() - t0 < 5
    assert len(art["bars"][True]) == 51 and np.isfinite(art["poisson"].get_ydata()).all()
    assert art["ax"][1].get_xticklabels()[-1].get_text() == "50+"
    heights = [r.get_height() for r in art["bars"][True]]
    assert heights[0] == heights[1] == heights[2] == heights[-1] == 0.25


def test_coverage_poisson_shares_are_e_over_k_factorial():
    art = plot_coverage([0.0, 1.0], {True: [0.0, 0.6]}, counts={True: np.array([0, 1, 5])})
    np.testing.assert_allclose(art["poisson"].get_ydata(),
                               np.exp(-1) / np.array([1, 1, 2, 6, 24, 120]), rtol=1e-12)


def test_figure_panels_with_no_axes_names_axes():
    from helpers.plots.style import figure_panels

    for empty in ([], ()):
        with pytest.raises(ValueError, match="^axes is empty"):
            figure_panels(empty)
