"""Tests for helpers.plots.training (notebook 04): the artists hold the right data.

The runs are TrainHistory objects written by hand, so every expected x and y
value is known here independently (steps / steps_per_epoch, steps * seconds,
np.interp done by hand on two points ...).
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
from helpers.network import TrainHistory, TwoLayerNet, train_sgd  # noqa: E402
from helpers.plots.training import (  # noqa: E402
    BATCH_COLORS,
    curve_data,
    history_label,
    loss_at,
    plot_batch_size_comparison,
    plot_coverage,
    plot_training_curves,
    set_curves,
)

NAN = float("nan")


def make_hist(batch_size=100, n_train=1000, lr=0.1, epochs=2, eval_every=None, test=True, seed=0, sampling="shuffle"):
    """A hand-made run: mini-batch loss 2.3 - 0.01 * step (+ a zig-zag), full loss 2.3 - 0.01 * step."""
    per_epoch = 1 if batch_size is None else -(-n_train // batch_size)
    n_steps = per_epoch * epochs
    steps = np.arange(n_steps)
    zig = np.where(steps % 2 == 0, 0.05, -0.05)
    evals = {0, *range(per_epoch, n_steps + 1, per_epoch)}
    if eval_every:
        evals.update(range(eval_every, n_steps + 1, eval_every))
    ev = np.array(sorted(evals))
    full = 2.3 - 0.01 * ev
    acc = 0.1 + 0.8 * ev / n_steps
    return TrainHistory(
        loss=2.3 - 0.01 * steps + zig, eval_step=ev, eval_epoch=ev / per_epoch,
        train_loss=full, train_acc=acc, test_loss=full + 0.05 if test else np.full(ev.size, NAN),
        test_acc=acc - 0.02 if test else np.full(ev.size, NAN), seconds=0.001 * ev + 0.01 * np.arange(ev.size),
        settings=dict(batch_size=batch_size, lr=lr, epochs=epochs, sampling=sampling, n_train=n_train,
                      steps_per_epoch=per_epoch, n_steps=n_steps, eval_every=eval_every, hidden_size=50,
                      dtype="float32"),
    )


def _hex(c):
    return mcolors.to_hex(c)


def test_exported_from_package():
    for name in ("plot_training_curves", "plot_batch_size_comparison", "plot_coverage", "curve_data", "loss_at",
                 "history_label", "set_curves", "BATCH_COLORS"):
        assert getattr(hp, name) is getattr(hp.training, name)
        assert name in hp.training.__all__


def test_history_label():
    assert history_label(make_hist(100)) == "batch 100, lr 0.1"
    assert history_label(make_hist(1000, lr=1.0), lr=False) == "batch 1,000"
    assert history_label(make_hist(None, n_train=10_000)) == "all 10,000 (GD), lr 0.1"
    assert history_label(make_hist(10, sampling="replace"), sampling=True) == "batch 10, lr 0.1, with replacement"
    with pytest.raises(ValueError, match="TrainHistory"):
        history_label(object())


def test_history_label_of_a_real_run():
    rng = np.random.default_rng(0)
    x = rng.random((50, 784), dtype=np.float32)
    h = train_sgd(TwoLayerNet(rng=0), x, np.arange(50) % 10, batch_size=None, lr=0.5, epochs=2, rng=0, progress=False)
    assert history_label(h) == "all 50 (GD), lr 0.5"


def test_curve_data_maps_steps_to_epochs_updates_seconds():
    h = make_hist(batch_size=100, n_train=1000, epochs=2, eval_every=5)  # 10 steps per epoch, 20 steps
    ev = np.array([0, 5, 10, 15, 20])
    d = curve_data(h, "epoch")
    np.testing.assert_allclose(d["batch"][0], np.arange(20) / 10)
    np.testing.assert_allclose(d["batch"][1], h.loss)
    np.testing.assert_allclose(d["train"][0], ev / 10)
    np.testing.assert_allclose(d["train"][1], 2.3 - 0.01 * ev)
    np.testing.assert_allclose(d["test_acc"][1], 0.08 + 0.8 * ev / 20)
    np.testing.assert_allclose(curve_data(h, "step")["train"][0], ev)
    np.testing.assert_allclose(curve_data(h, "seconds", 0.002)["train"][0], ev * 0.002)
    with pytest.raises(ValueError, match="seconds_per_update"):
        curve_data(h, "seconds")
    with pytest.raises(ValueError, match="x must be"):
        curve_data(h, "minutes")


def test_curve_data_skips_values_not_computed_yet():
    h = make_hist(epochs=2, eval_every=5)
    h.loss[12:] = NAN  # as during training (the callback sees preallocated NaN)
    h.train_loss[3:] = NAN
    h.test_acc[:] = NAN
    d = curve_data(h, "step")
    np.testing.assert_array_equal(d["batch"][0], np.arange(12))
    np.testing.assert_array_equal(d["train"][0], [0, 5, 10])
    assert d["test_acc"][0].size == 0


def test_loss_at_interpolates_and_refuses_beyond_the_run():
    h = make_hist(epochs=2, eval_every=5)  # full loss 2.3 - 0.01 * step, evaluated at 0, 5, ..., 20
    assert loss_at(h, 7, "step") == pytest.approx(2.3 - 0.07)  # between 5 and 10: linear
    assert loss_at(h, 1.0, "epoch") == pytest.approx(2.3 - 0.10)
    assert loss_at(h, 0.03, "seconds", seconds_per_update=0.002) == pytest.approx(2.3 - 0.15)
    assert math.isnan(loss_at(h, 21, "step"))
    assert math.isnan(loss_at(h, 2.5, "epoch"))


def test_plot_training_curves_one_run():
    h = make_hist(epochs=2, eval_every=5)
    art = plot_training_curves(h, steps_axis=True)
    label = "batch 100, lr 0.1"
    lines = art[label]
    np.testing.assert_allclose(lines["batch"].get_xdata(), np.arange(20) / 10)
    np.testing.assert_allclose(lines["batch"].get_ydata(), h.loss)
    np.testing.assert_allclose(lines["train"].get_ydata(), h.train_loss)
    np.testing.assert_allclose(lines["acc"].get_ydata(), h.test_acc)
    assert _hex(lines["train"].get_color()) == _hex(BATCH_COLORS[100])
    ax, acc_ax = art["_axes"]
    assert ax.figure is acc_ax.figure  # two panels, because the run has test data
    assert "2.3000 → 2.1000" in ax.get_title()
    assert "8.0% → 88.0%" in acc_ax.get_title()
    assert "nats" in ax.get_ylabel() and "epochs" in ax.get_xlabel()
    assert ax.get_ylim()[0] == 0 and ax.get_ylim()[1] == pytest.approx(1.1 * 2.3)


def test_plot_training_curves_several_runs_on_given_axes():
    a, b = make_hist(100, test=False), make_hist(10, lr=0.3, test=True)
    fig, ax = plt.subplots()
    art = plot_training_curves({"A": a, "B": b}, ax=ax, colors={"A": "#123456"}, styles={"B": {"ls": "--"}},
                               show_batch=["B"], x="step", title="given")
    assert art["A"]["batch"] is None and art["B"]["batch"] is not None
    assert art["A"]["acc"] is None and art["_axes"] == (ax, None)
    assert _hex(art["A"]["train"].get_color()) == "#123456"
    assert _hex(art["B"]["train"].get_color()) == _hex(BATCH_COLORS[10])
    assert art["B"]["train"].get_linestyle() == "--"
    np.testing.assert_allclose(art["B"]["train"].get_xdata(), b.eval_step)
    assert ax.get_title() == "given" and ax.get_xlabel() == "parameter updates"
    assert len(ax.get_legend().get_texts()) == 3


def test_no_accuracy_panel_unless_every_run_has_test_data():
    art = plot_training_curves([make_hist(100, test=True), make_hist(10, test=False)])
    assert art["_axes"][1] is None
    # batch 10 ends at 2.3 - 0.01 * 200 = 0.3, batch 100 at 2.3 - 0.01 * 20 = 2.1
    assert art["_axes"][0].get_title() == "Lowest full training loss at the end:\nbatch 10, lr 0.1 (0.3000)"
    assert len(art["_axes"][0].figure.axes) == 1


def test_set_curves_moves_lines_in_place():
    a, b = make_hist(100, epochs=2), make_hist(10, epochs=1)
    art = plot_training_curves(a)
    lines = art["batch 100, lr 0.1"]
    before = dict(lines)
    set_curves(lines, b)
    assert lines == before  # the same Line2D objects
    np.testing.assert_allclose(lines["batch"].get_xdata(), np.arange(100) / 100)
    np.testing.assert_allclose(lines["train"].get_ydata(), b.train_loss)
    np.testing.assert_allclose(lines["acc"].get_ydata(), b.test_acc)
    set_curves(lines, None)
    assert all(len(line.get_xdata()) == 0 for line in lines.values())


def _runs():
    return {"batch 10": make_hist(10, epochs=1), "batch 100": make_hist(100, epochs=3),
            "all": make_hist(None, n_train=1000, epochs=3)}


def test_batch_size_comparison_panels():
    runs = _runs()
    spu = {"batch 10": 0.001, "batch 100": 0.003, "all": 0.05}
    out = plot_batch_size_comparison(runs, spu, at={"epoch": 1, "step": 20})
    assert len(out["axes"]) == 3 and set(out["lines"]) == set(runs)
    h = runs["batch 100"]  # 10 steps per epoch, 30 steps, evaluated at 0, 10, 20, 30
    ep, st, sec = out["lines"]["batch 100"]
    np.testing.assert_allclose(ep.get_xdata(), [1, 2, 3])  # log axes leave out x = 0
    np.testing.assert_allclose(st.get_xdata(), [10, 20, 30])
    np.testing.assert_allclose(sec.get_xdata(), [0, 0.03, 0.06, 0.09])
    np.testing.assert_allclose(sec.get_ydata(), h.train_loss)
    assert out["axes"][0].get_xscale() == "log" and out["axes"][1].get_xscale() == "log"
    assert out["axes"][2].get_xscale() == "linear"
    # per epoch at 1 epoch: batch 10 made 100 updates (2.3 - 1.0), batch 100 10 updates, all 1 update
    assert out["best"]["epoch"][:2] == ("batch 10", pytest.approx(1.3))
    # per update at 20 updates: batch 10 and batch 100 are equal (2.1); "all" made only 3 updates
    assert out["best"]["step"][1] == pytest.approx(2.1)
    # per second, where the shortest run ends: "batch 100" after 30 * 0.003 = 0.09 s
    # ("batch 10": 100 * 0.001 = 0.1 s, "all": 3 * 0.05 = 0.15 s); "batch 10" has made 90 updates by then
    label, loss, point = out["best"]["seconds"]
    assert point == pytest.approx(0.09)
    assert label == "batch 10" and loss == pytest.approx(2.3 - 0.01 * 90)
    assert "batch 10 is lowest (1.3000)" in out["axes"][0].get_title()
    assert [t.get_text() for t in out["legend"].get_texts()] == list(runs)


def test_batch_size_comparison_needs_every_timing():
    with pytest.raises(ValueError, match="no entry"):
        plot_batch_size_comparison(_runs(), {"batch 10": 0.001})


def test_plot_coverage():
    n, b = 1000, 100
    rng = np.random.default_rng(0)
    draws = rng.choice(n, size=(20, b))
    seen = np.zeros(n, dtype=bool)
    share = [0.0]
    for row in draws:
        seen[row] = True
        share.append(seen.mean())
    epochs = np.arange(21) / 10
    shuffle = np.minimum(epochs, 1.0)
    counts = np.bincount(draws[:10].ravel(), minlength=n)
    out = plot_coverage(epochs, {"replace": share, "shuffle": shuffle},
                        counts={"replace": counts, "shuffle": np.ones(n, dtype=int)})
    np.testing.assert_allclose(out["seen"]["replace"].get_ydata(), share)
    np.testing.assert_allclose(out["seen"]["shuffle"].get_ydata(), shuffle)
    unseen = float(np.mean(counts == 0))  # the same images as after 10 steps
    assert out["unseen"] == pytest.approx(unseen)
    assert f"{unseen:.1%}" in out["seen"]["replace"].axes.get_title()
    heights = [r.get_height() for r in out["bars"]["replace"]]
    np.testing.assert_allclose(heights, np.bincount(counts) / n)
    assert [r.get_height() for r in out["bars"]["shuffle"]][1] == 1.0
    np.testing.assert_allclose(out["poisson"].get_ydata()[:3], [math.exp(-1), math.exp(-1), math.exp(-1) / 2])
    gx, gy = out["theory"].get_data()
    np.testing.assert_allclose(gy, 1 - np.exp(-gx))
