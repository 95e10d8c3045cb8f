"""Tests for helpers.plots.training (notebook 04): the artists hold the right data.

The runs are TrainHistory objects written by hand, so every expected x and y
value is known here independently (steps / steps_per_epoch, steps * seconds,
np.interp done by hand on two points ...).
"""

from __future__ import annotations

import dataclasses
import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

import helpers.plots as hp
from helpers.network import TrainHistory, TwoLayerNet, steps_per_epoch, train_sgd
from helpers.plots.style import BATCH_COLORS, FONT, MODE_COLORS
from helpers.plots.training import (
    curve_data,
    gd_label,
    history_label,
    loss_at,
    plot_batch_size_comparison,
    plot_coverage,
    plot_training_curves,
    set_curves,
)
from tests.support import assert_bad_input, bad_input_cases

NAN = float("nan")


def make_hist(batch_size=100, n_train=1000, lr=0.1, epochs=2, eval_every=None, test=True,
              replace=False):
    """A hand-made run: mini-batch loss 2.3 - 0.01 * step (+ a zig-zag), full loss without it.

    The updates per epoch follow helpers.network.steps_per_epoch, as train_sgd's do.
    """
    per_epoch = steps_per_epoch(n_train, batch_size, replace=replace)
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
        test_acc=acc - 0.02 if test else np.full(ev.size, NAN),
        seconds=0.001 * ev + 0.01 * np.arange(ev.size),
        settings=dict(batch_size=batch_size, lr=lr, epochs=epochs, replace=replace,
                      n_train=n_train, steps_per_epoch=per_epoch, n_steps=n_steps,
                      eval_every=eval_every, hidden_size=50, dtype="float32"),
    )


def _hex(c):
    return mcolors.to_hex(c)


def test_exported_from_package():
    # what notebook 04 imports, and every plot_*
    for name in ("plot_training_curves", "plot_batch_size_comparison", "plot_coverage",
                 "loss_at", "history_label"):
        assert getattr(hp, name) is getattr(hp.training, name)
        assert name in hp.training.__all__ and name in hp.__all__
    # the widget's helpers stay in the submodule; the colours live in style
    for name in ("curve_data", "set_curves", "gd_label"):
        assert name in hp.training.__all__ and name not in hp.__all__
    assert "BATCH_COLORS" not in hp.__all__ and "BATCH_COLORS" not in hp.training.__all__


def test_gd_label_is_the_one_name_of_the_all_data_batch():
    assert gd_label(10_000) == "all 10,000 (GD)"
    h = make_hist(None, n_train=1234)
    assert history_label(h, lr=False) == gd_label(1234) == "all 1,234 (GD)"
    with pytest.raises(TypeError, match="n must be an int"):
        gd_label(10.0)


def test_history_label():
    assert history_label(make_hist(100)) == "batch 100, lr 0.1"
    assert history_label(make_hist(1000, lr=1.0), lr=False) == "batch 1,000"
    assert history_label(make_hist(None, n_train=10_000)) == "all 10,000 (GD), lr 0.1"
    assert (history_label(make_hist(10, replace=True), sampling=True)
            == "batch 10, lr 0.1, with replacement")
    shuffled = make_hist(10, replace=False)
    assert history_label(shuffled, sampling=True) == "batch 10, lr 0.1, shuffled"
    assert history_label(make_hist(None, replace=True), sampling=True) == "all 1,000 (GD), lr 0.1"


def test_history_label_of_a_real_run():
    rng = np.random.default_rng(0)
    x = rng.random((50, 784), dtype=np.float32)
    h = train_sgd(TwoLayerNet(rng=0), x, np.arange(50) % 10, batch_size=None, lr=0.5, epochs=2,
                  rng=0, progress=False)
    assert history_label(h) == "all 50 (GD), lr 0.5"


def test_curve_data_maps_steps_to_epochs_updates_seconds():
    # 10 steps per epoch, 20 steps
    h = make_hist(batch_size=100, n_train=1000, epochs=2, eval_every=5)
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
    assert list(art["lines"]) == [label]
    lines = art["lines"][label]
    np.testing.assert_allclose(lines["batch"].get_xdata(), np.arange(20) / 10)
    np.testing.assert_allclose(lines["batch"].get_ydata(), h.loss)
    np.testing.assert_allclose(lines["train"].get_ydata(), h.train_loss)
    np.testing.assert_allclose(lines["acc"].get_ydata(), h.test_acc)
    assert _hex(lines["train"].get_color()) == _hex(BATCH_COLORS[100])
    ax, acc_ax = art["ax"]
    assert (art["ax_loss"], art["ax_acc"]) == art["ax"]
    assert art["fig"] is ax.figure is acc_ax.figure  # two panels: the run has test data
    assert lines["train"].axes is ax and lines["acc"].axes is acc_ax
    assert "2.3000 → 2.1000" in ax.get_title() and art["title"].get_text() == ax.get_title()
    assert "8.0% → 88.0%" in acc_ax.get_title()
    assert art["acc_title"].get_text() == acc_ax.get_title()
    # steps_axis: the x label counts the updates (no cramped second axis under the title)
    assert ax.get_xlabel() == "epochs (1 epoch = 10 parameter updates)" and not ax.child_axes
    assert art["fig"].get_size_inches()[0] <= 8.8
    assert acc_ax.get_position().y1 < ax.get_position().y0  # stacked: accuracy under the loss
    assert "nats" in ax.get_ylabel() and "epochs" in ax.get_xlabel()
    assert lines["train_acc"] is None
    assert ax.get_ylim()[0] == 0 and ax.get_ylim()[1] == pytest.approx(1.1 * 2.3)
    # style_axes on both panels: the tick size of notebooks 01/02; names, not numbers
    for a in art["ax"]:
        assert a.xaxis.get_major_ticks()[0].label1.get_fontsize() == FONT["tick"]
    assert acc_ax.yaxis.label.get_fontsize() == FONT["label_small"]
    assert ax.get_legend().get_texts()[0].get_fontsize() == FONT["legend"]
    # the count of test images is not known to a TrainHistory: no made-up "10,000"
    assert acc_ax.get_ylabel() == "test accuracy (share\nof the test images)"
    h.settings["n_test"] = 2500
    assert "share\nof 2,500 test images" in plot_training_curves(h)["ax"][1].get_ylabel()


def test_plot_training_curves_several_runs_on_given_axes():
    a, b = make_hist(100, test=False), make_hist(10, lr=0.3, test=True)
    fig, ax = plt.subplots()
    art = plot_training_curves({"A": a, "B": b}, axes=ax, colors={"A": "#123456"},
                               styles={"B": {"ls": "--"}}, show_batch=["B"], x="step",
                               title="given")
    runs = art["lines"]
    assert runs["A"]["batch"] is None and runs["B"]["batch"] is not None
    assert runs["A"]["acc"] is None and art["ax"] == (ax,) and art["ax_acc"] is None
    assert art["fig"] is fig and art["acc_title"] is None
    assert _hex(runs["A"]["train"].get_color()) == "#123456"
    assert _hex(runs["B"]["train"].get_color()) == _hex(BATCH_COLORS[10])
    assert runs["B"]["train"].get_linestyle() == "--"
    np.testing.assert_allclose(runs["B"]["train"].get_xdata(), b.eval_step)
    assert ax.get_title() == "given" and ax.get_xlabel() == "parameter updates"
    assert len(ax.get_legend().get_texts()) == 3
    # a pair of given Axes: loss and accuracy, the tuple returned as given
    fig2, pair = plt.subplots(1, 2)
    art = plot_training_curves({"B": b}, axes=pair)
    assert art["ax"] == tuple(pair) and art["lines"]["B"]["acc"].axes is pair[1]
    assert art["fig"] is fig2


def test_no_accuracy_panel_unless_every_run_has_test_data():
    art = plot_training_curves([make_hist(100, test=True), make_hist(10, test=False)])
    assert art["ax_acc"] is None and len(art["ax"]) == 1
    # batch 10 ends at 2.3 - 0.01 * 200 = 0.3, batch 100 at 2.3 - 0.01 * 20 = 2.1
    finding = "Lowest full training loss at the end:\nbatch 10, lr 0.1 (0.3000)"
    assert art["ax"][0].get_title() == finding
    assert art["fig"].axes == list(art["ax"])


def test_set_curves_moves_lines_in_place():
    a, b = make_hist(100, epochs=2), make_hist(10, epochs=1)
    art = plot_training_curves(a)
    lines = art["lines"]["batch 100, lr 0.1"]
    before = dict(lines)
    set_curves(lines, b)
    assert lines == before  # the same Line2D objects
    np.testing.assert_allclose(lines["batch"].get_xdata(), np.arange(100) / 100)
    np.testing.assert_allclose(lines["train"].get_ydata(), b.train_loss)
    np.testing.assert_allclose(lines["acc"].get_ydata(), b.test_acc)
    set_curves(lines, None)
    assert all(len(line.get_xdata()) == 0 for line in lines.values() if line is not None)
    # with the training accuracy (the book's overfitting check): moved too
    both = plot_training_curves(a, train_acc=True)["lines"]["batch 100, lr 0.1"]
    np.testing.assert_allclose(both["train_acc"].get_ydata(), a.train_acc)
    set_curves(both, b)
    np.testing.assert_allclose(both["train_acc"].get_ydata(), b.train_acc)
    np.testing.assert_allclose(both["train_acc"].get_xdata(), b.eval_epoch)


def _runs():
    return {"batch 10": make_hist(10, epochs=1), "batch 100": make_hist(100, epochs=3),
            "all": make_hist(None, n_train=1000, epochs=3)}


def test_batch_size_comparison_panels():
    runs = _runs()
    spu = {"batch 10": 0.001, "batch 100": 0.003, "all": 0.05}
    out = plot_batch_size_comparison(runs, spu, panels=("epoch", "step", "seconds"),
                                     at={"epoch": 1, "step": 20})
    assert len(out["ax"]) == 3 and out["panels"] == ("epoch", "step", "seconds")
    assert set(out["lines"]) == set(runs)
    assert all(a.figure is out["fig"] for a in out["ax"])
    assert out["ax"][0].get_ylim() == out["ax"][2].get_ylim()  # one loss scale
    h = runs["batch 100"]  # 10 steps per epoch, 30 steps, evaluated at 0, 10, 20, 30
    ep, st, sec = out["lines"]["batch 100"]
    np.testing.assert_allclose(ep.get_xdata(), [1, 2, 3])  # log axes leave out x = 0
    np.testing.assert_allclose(st.get_xdata(), [10, 20, 30])
    np.testing.assert_allclose(sec.get_xdata(), [0, 0.03, 0.06, 0.09])
    np.testing.assert_allclose(sec.get_ydata(), h.train_loss)
    assert out["ax"][0].get_xscale() == "log" and out["ax"][1].get_xscale() == "log"
    assert out["ax"][2].get_xscale() == "linear"
    # per epoch at 1 epoch: batch 10 made 100 updates (2.3 - 1.0), batch 100 10, all 1 update
    assert out["best"]["epoch"][:2] == ("batch 10", pytest.approx(1.3))
    # per update at 20 updates: batch 10 and batch 100 are equal (2.1); "all" made only 3 updates
    assert out["best"]["step"][1] == pytest.approx(2.1)
    # per second, where the shortest run ends: "batch 100" after 30 * 0.003 = 0.09 s
    # ("batch 10": 100 * 0.001 = 0.1 s, "all": 3 * 0.05 = 0.15 s); "batch 10" has made
    # 90 updates by then
    label, loss, point = out["best"]["seconds"]
    assert point == pytest.approx(0.09)
    assert label == "batch 10" and loss == pytest.approx(2.3 - 0.01 * 90)
    assert "batch 10 is lowest (1.3000)" in out["ax"][0].get_title()
    # equal losses tie (hand-computed: 2.3 - 0.01 * 20 for both), in the order of the runs
    assert " ".join(out["ax"][1].get_title().split()) == (
        "Per update: after 20 updates, batches 10 and 100 tie (2.1000, 2.1000)")
    # every line named, in its colour, at one of its own points; no two labels overlap
    renderer = out["fig"].canvas.get_renderer()
    for p, ax in enumerate(out["ax"]):
        boxes = []
        for label in runs:
            text = out["end_labels"][label][p]
            assert text.get_text() == label
            assert text.get_color() == out["lines"][label][p].get_color()
            xs, ys = out["lines"][label][p].get_data()
            assert any(np.allclose(text.xy, pt) for pt in zip(xs, ys, strict=True))
            boxes.append(text.get_window_extent(renderer))
        for i, a in enumerate(boxes):
            assert ax.get_window_extent(renderer).contains(a.x0 + 1, a.y0 + 1)
            assert not any(a.overlaps(b) for b in boxes[i + 1:])
    assert "estimated seconds" in out["ax"][2].get_xlabel()
    assert out["fig"].get_size_inches()[0] <= 8.8  # stacked rows, not three columns


def test_batch_size_comparison_needs_every_timing():
    with pytest.raises(ValueError, match="no entry"):
        plot_batch_size_comparison(_runs(), {"batch 10": 0.001})
    with pytest.raises(TypeError, match="seconds_per_update must be a dict"):
        plot_batch_size_comparison(_runs(), panels="seconds")
    plot_batch_size_comparison(_runs(), panels="step")  # no timings needed


def test_batch_size_comparison_notes_the_common_start_off_the_log_axes():
    spu = {"batch 10": 0.001, "batch 100": 0.003, "all": 0.05}
    out = plot_batch_size_comparison(_runs(), spu, panels=("epoch", "step", "seconds"))
    notes = [[t.get_text() for t in ax.texts if "start" in t.get_text()] for ax in out["ax"]]
    note = "all runs start at 2.30\n(update 0, off the log axis)"
    assert notes == [[note], [note], []]  # the linear seconds panel shows x = 0 itself
    other = dataclasses.replace(make_hist(10, epochs=1), train_loss=np.array([2.4, 2.0]))
    out = plot_batch_size_comparison({"a": make_hist(10, epochs=1), "b": other}, panels="step")
    assert not [t for t in out["ax"][0].texts if "start" in t.get_text()]  # no common start


def test_end_labels_avoid_the_lines_of_other_runs():
    # two runs that end at the same point: the second label cannot sit on the first
    a, b = make_hist(10, epochs=1), make_hist(10, epochs=1)
    out = plot_batch_size_comparison({"run a": a, "run b": b}, panels="step")
    ta, tb = (out["end_labels"][k][0] for k in ("run a", "run b"))
    r = out["fig"].canvas.get_renderer()
    assert not _text_box(ta, r).overlaps(_text_box(tb, r))
    # a line crossing the end of a shorter one: its label goes where no line runs
    long = make_hist(10, epochs=3)
    out = plot_batch_size_comparison({"short": a, "long": long}, panels="step")
    text = out["end_labels"]["short"][0]
    bb = text.get_window_extent(r := out["fig"].canvas.get_renderer())
    line = out["lines"]["long"][0]
    path = line.get_transform().transform_path(line.get_path())
    assert not path.intersects_bbox(bb, filled=False)
    assert out["fig"].get_size_inches()[1] <= 6.5  # one panel: at most 650 px tall


def _text_box(annotation, renderer):
    """The box of an end label's text alone (an Annotation's box includes its leader line)."""
    annotation.get_window_extent(renderer)  # places the text where it is drawn
    return Text.get_window_extent(annotation, renderer)


def _assert_labels_at_ends_apart(out, p=0):
    """Every end label at its line's LAST point, inside the axes; no two label boxes intersect."""
    fig, ax = out["fig"], out["ax"][p]
    r = fig.canvas.get_renderer()
    boxes = {}
    for label, texts in out["end_labels"].items():
        xs, ys = out["lines"][label][p].get_data()
        np.testing.assert_allclose(texts[p].xy, (xs[-1], ys[-1]), err_msg=label)
        boxes[label] = _text_box(texts[p], r)  # the text, without its leader line
        inside = ax.get_window_extent(r)
        assert inside.x0 <= boxes[label].x0 and boxes[label].x1 <= inside.x1, label
        assert inside.y0 <= boxes[label].y0 and boxes[label].y1 <= inside.y1, label
    names = list(boxes)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert not boxes[a].overlaps(boxes[b]), (a, b, boxes[a], boxes[b])


@pytest.mark.parametrize("panel", ["epoch", "step", "seconds"])
def test_end_labels_of_runs_ending_together_are_stacked_at_their_ends(panel):
    # notebook 04's case: the runs of batch 1,000 and of all the images end at the same epoch,
    # nearly the same second and the same (flat) loss, next to lines that fall
    flat = {"batch 1,000": make_hist(1000, n_train=10_000, epochs=10),
            "all 10,000 (GD)": make_hist(None, n_train=10_000, epochs=10),
            "batch 100": make_hist(100, n_train=10_000, epochs=10)}
    for h in flat.values():
        h.train_loss[:] = 2.3 - 1e-4 * h.eval_step
    flat["batch 100"].train_loss[:] = np.linspace(2.3, 0.5, flat["batch 100"].eval_step.size)
    spu = {"batch 1,000": 0.0039, "all 10,000 (GD)": 0.039, "batch 100": 0.00065}
    out = plot_batch_size_comparison(flat, spu, panels=panel)
    _assert_labels_at_ends_apart(out)
    # four runs ending at exactly the same point: four labels, none on another
    same = {f"run {k}": make_hist(10, epochs=1) for k in "abcd"}
    _assert_labels_at_ends_apart(plot_batch_size_comparison(same, panels="step"))
    plt.close("all")


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
    out = plot_coverage(epochs, {True: share, False: shuffle},
                        counts={True: counts, False: np.ones(n, dtype=int)})
    assert len(out["ax"]) == 2 and out["fig"] is out["ax"][1].figure
    np.testing.assert_allclose(out["seen"][True].get_ydata(), share)
    np.testing.assert_allclose(out["seen"][False].get_ydata(), shuffle)
    assert _hex(out["seen"][True].get_color()) == _hex(MODE_COLORS[True])
    assert _hex(out["seen"][False].get_color()) == _hex(MODE_COLORS[False])
    unseen = float(np.mean(counts == 0))  # the same images as after 10 steps
    assert out["unseen"] == pytest.approx(unseen)
    assert f"{unseen:.1%}" in out["ax"][0].get_title() == out["title"].get_text()
    heights = [r.get_height() for r in out["bars"][True]]
    np.testing.assert_allclose(heights, np.bincount(counts) / n)
    assert [r.get_height() for r in out["bars"][False]][1] == 1.0
    np.testing.assert_allclose(out["poisson"].get_ydata()[:3],
                               [math.exp(-1), math.exp(-1), math.exp(-1) / 2])
    gx, gy = out["theory"].get_data()
    np.testing.assert_allclose(gy, 1 - np.exp(-gx))


@pytest.mark.parametrize("replace", [False, True])
def test_epochs_axis_of_a_real_run_with_n_not_divisible_by_b(replace):
    # 50 images in batches of 15: 4 shuffled batches per epoch, or 3 draws with replacement
    rng = np.random.default_rng(0)
    x = rng.random((50, 784), dtype=np.float32)
    h = train_sgd(TwoLayerNet(rng=0), x, np.arange(50) % 10, batch_size=15, lr=0.1, epochs=2,
                  rng=0, replace=replace, progress=False)
    per_epoch = 3 if replace else 4  # floor(50 / 15) or ceil(50 / 15), counted by hand
    assert h.loss.size == 2 * per_epoch
    xs, _ = curve_data(h, "epoch")["train"]
    np.testing.assert_allclose(xs, h.eval_step / per_epoch)
    assert xs[-1] == 2.0  # the run ends after exactly its 2 epochs
    assert history_label(h, sampling=True).endswith("with replacement" if replace else "shuffled")


# -- bad input: TypeError for the wrong kind, ValueError for a bad value, named in the message --

H = make_hist(100, epochs=2, eval_every=5)

BAD_HISTORY_LABEL = [
    ((object(),), {}, TypeError, "hist must be a TrainHistory"),
    ((None,), {}, TypeError, "hist must be a TrainHistory"),
    ((H,), {"lr": "True"}, TypeError, "lr must be True or False"),
    ((H,), {"sampling": 1}, TypeError, "sampling must be True or False"),
]

BAD_CURVE_DATA = [
    ((H, "minutes"), {}, ValueError, "x must be one of"),
    ((H, 1), {}, TypeError, "x must be one of"),
    ((H, "seconds"), {}, ValueError, "needs seconds_per_update"),
    ((H, "seconds", 0.0), {}, ValueError, "seconds_per_update must be > 0"),
    ((H, "seconds", "0.1"), {}, TypeError, "seconds_per_update must be a real number"),
    ((H, "seconds", float("nan")), {}, ValueError, "seconds_per_update must be finite"),
    (("run",), {}, TypeError, "hist must be a TrainHistory"),
]

BAD_LOSS_AT = [
    ((H, "1"), {}, TypeError, "value must be a real number"),
    ((H, True), {}, TypeError, "value must be a real number"),
    ((H, NAN), {}, ValueError, "value must be finite"),
    ((H, 1, "minutes"), {}, ValueError, "x must be one of"),
]

BAD_CURVES = [
    (([],), {}, ValueError, "histories is empty"),
    (({},), {}, ValueError, "histories is empty"),
    ((5,), {}, TypeError, "histories must be a TrainHistory"),
    (("run",), {}, TypeError, "histories must be a TrainHistory"),
    (({"a": object()},), {}, TypeError, r"histories\['a'\] must be a TrainHistory"),
    (({1: H},), {}, TypeError, "labels must be str"),
    ((H,), {"show_batch": "batch 100, lr 0.1"}, TypeError, "show_batch must be True, False or"),
    ((H,), {"show_batch": 1}, TypeError, "show_batch must be True, False or a list"),
    ((H,), {"show_batch": ["nope"]}, ValueError, "show_batch names runs that are not plotted"),
    ((H,), {"steps_axis": "yes"}, TypeError, "steps_axis must be True or False"),
    ((H,), {"colors": ["red"]}, TypeError, "colors must be a dict"),
    ((H,), {"styles": "--"}, TypeError, "styles must be a dict"),
    ((H,), {"styles": {"batch 100, lr 0.1": "--"}}, TypeError, "must be a dict of Line2D"),
    ((H,), {"styles": {"batch 100, lr 0.1": {"dashes_please": 1}}}, TypeError, "styles"),
    ((H,), {"title": 3}, TypeError, "title must be a str"),
    ((H,), {"x": "minutes"}, ValueError, "x must be one of"),
    ((H,), {"x": "seconds"}, ValueError, "needs seconds_per_update"),
    ((H,), {"x": "seconds", "seconds_per_update": -1.0}, ValueError, "must be > 0"),
    ((H,), {"axes": "ax"}, TypeError, "axes must be a sequence of matplotlib Axes"),
    ((H,), {"axes": [Figure().add_subplot()] * 3}, ValueError,
     r"axes must be 1 Axes \(the loss\) or 2"),
    ((H,), {"figsize": (0, 4)}, ValueError, "figsize must be a pair of finite sizes"),
    ((H,), {"static": "no"}, TypeError, "static must be True or False"),
]

SPU = {"batch 10": 0.001, "batch 100": 0.003, "all": 0.05}

BAD_COMPARISON = [
    ((_runs(), [0.001, 0.003, 0.05]), {}, TypeError, "seconds_per_update must be a dict"),
    ((_runs(), {"batch 10": 0.001}), {}, ValueError, "no entry"),
    ((_runs(), {**SPU, "all": 0.0}), {}, ValueError, r"seconds_per_update\['all'\] must be > 0"),
    ((_runs(), {**SPU, "all": "fast"}), {}, TypeError, "must be a real number"),
    ((_runs(), SPU), {"at": {"minutes": 1}}, ValueError, "at key must be one of"),
    ((_runs(), SPU), {"at": {"epoch": "1"}}, TypeError, r"at\['epoch'\] must be a real number"),
    ((_runs(), SPU), {"at": {"epoch": -1}}, ValueError, r"at\['epoch'\] must be >= 0"),
    ((_runs(), SPU), {"at": [1]}, TypeError, "at must be a dict"),
    ((_runs(), SPU), {"panels": "minutes"}, ValueError, "x must be one of"),
    ((_runs(), SPU), {"panels": ()}, ValueError, "panels is empty"),
    ((_runs(), SPU), {"panels": ("step", "step")}, ValueError, "panels must not repeat"),
    ((_runs(), SPU), {"panels": 3}, TypeError, "panels must be one of"),
    (([], SPU), {}, ValueError, "histories is empty"),
]

SHARE = [0.0, 0.5, 0.8]
EPOCHS = [0.0, 0.5, 1.0]

BAD_COVERAGE = [
    ((EPOCHS, {"replace": SHARE}), {}, TypeError, "seen key must be True or False"),
    ((EPOCHS, {1: SHARE}), {}, TypeError, "seen key must be True or False"),
    ((EPOCHS, {}), {}, ValueError, "seen is empty"),
    ((EPOCHS, [SHARE]), {}, TypeError, "seen must be a dict keyed by replace"),
    ((EPOCHS, {True: SHARE[:2]}), {}, ValueError, r"seen\[True\] must have one share per"),
    ((EPOCHS, {True: [0.0, 0.5, 1.5]}), {}, ValueError, "shares between 0 and 1"),
    ((EPOCHS, {True: [0.0, NAN, 0.8]}), {}, ValueError, "contains NaN"),
    (([], {True: []}), {}, ValueError, "epochs is empty"),
    (([0.0, 1.0, 0.5], {True: SHARE}), {}, ValueError, "epochs must be increasing"),
    ((["0", "1", "2"], {True: SHARE}), {}, TypeError, "epochs must be a numeric array"),
    ((EPOCHS, {True: SHARE}), {"counts": {True: [1, -1]}}, ValueError, "counts >= 0"),
    ((EPOCHS, {True: SHARE}), {"counts": {True: [1.0, 2.0]}}, TypeError, "numeric array"),
    ((EPOCHS, {True: SHARE}), {"counts": {"replace": [1, 2]}}, TypeError, "counts key"),
    ((EPOCHS, {True: SHARE}), {"axes": "ax"}, TypeError, "axes must be a sequence"),
]


# one table per function above; each case must raise the named error, naming the argument
BAD_INPUT, BAD_IDS = bad_input_cases([
    (history_label, BAD_HISTORY_LABEL),
    (curve_data, BAD_CURVE_DATA),
    (loss_at, BAD_LOSS_AT),
    (plot_training_curves, BAD_CURVES),
    (plot_batch_size_comparison, BAD_COMPARISON),
    (plot_coverage, BAD_COVERAGE),
])


@pytest.mark.parametrize(("func", "args", "kwargs", "error", "match"), BAD_INPUT, ids=BAD_IDS)
def test_bad_input_names_the_argument(func, args, kwargs, error, match):
    assert_bad_input(func, args, kwargs, error, match)


def test_plot_training_curves_axes_is_keyword_only_and_the_old_names_are_gone():
    fig, ax = plt.subplots()
    with pytest.raises(TypeError, match="positional"):
        plot_training_curves(H, ax)
    for old in ("ax", "acc_ax"):  # the multi-panel rule: one axes=, a tuple back
        with pytest.raises(TypeError, match=f"unexpected keyword argument '{old}'"):
            plot_training_curves(H, **{old: ax})


@pytest.mark.parametrize("plot", [
    lambda **kw: plot_training_curves(H, **kw),
    lambda **kw: plot_batch_size_comparison(_runs(), SPU, **kw),
    lambda **kw: plot_coverage(EPOCHS, {True: SHARE}, counts={True: [0, 1, 2]}, **kw),
])
def test_figsize_and_static_like_every_module(plot):
    before = plt.get_fignums()
    bare = plot(static=False, figsize=(9, 3))  # for widgets: pyplot does not track it
    assert plt.get_fignums() == before and bare["fig"] is bare["ax"][0].figure
    assert tuple(bare["fig"].get_size_inches()) == (9, 3)
    assert isinstance(bare["ax"], tuple)
    with pytest.raises(TypeError, match="static must be True or False"):
        plot(static=1)


def test_set_curves_bad_input():
    lines = plot_training_curves(H)["lines"]["batch 100, lr 0.1"]
    with pytest.raises(TypeError, match="lines must be one run's dict"):
        set_curves([lines["train"]], H)
    with pytest.raises(TypeError, match="hist must be a TrainHistory"):
        set_curves(lines, "run")


def test_plot_batch_size_comparison_needs_one_axes_per_panel():
    fig, axes = plt.subplots(1, 2)
    with pytest.raises(ValueError, match=r"axes must be 3 Axes \(one per panel"):
        plot_batch_size_comparison(_runs(), SPU, axes=axes, panels=("epoch", "step", "seconds"))
    with pytest.raises(TypeError, match="positional"):
        plot_batch_size_comparison(_runs(), SPU, axes)


def test_plot_coverage_counts_need_a_second_axes():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="axes must be 2 Axes with counts"):
        plot_coverage(EPOCHS, {True: SHARE}, counts={True: [0, 1, 2]}, axes=[ax])


# -- valid edge cases never crash, and inputs are never modified ----------------------------

def test_valid_edge_cases():
    # shuffled only: no "never drawn" share to state; lists are valid input; given axes are used
    fig, ax = plt.subplots()
    out = plot_coverage(EPOCHS, {False: [0.0, 0.5, 1.0]}, axes=[ax])
    assert math.isnan(out["unseen"]) and "nan" not in out["title"].get_text()
    assert out["ax"] == (ax,) and list(out["seen"]) == [False]
    # a run that diverged (inf/NaN full loss after the start) still plots
    h = make_hist(100, epochs=2, eval_every=5)
    h.train_loss[2:] = [np.inf, NAN, NAN]
    art = plot_training_curves(h)
    assert art["ax"][0].get_ylim()[1] == pytest.approx(1.1 * max(h.train_loss[:2]))
    assert "→ 2.2500" in art["title"].get_text()  # the last finite value, at step 5
    # a run label given by the user, and its mini-batch losses shown by that label
    lone = plot_training_curves({"mine": make_hist(100, epochs=1)}, show_batch=["mine"])
    assert lone["lines"]["mine"]["batch"] is not None


def test_inputs_are_not_modified():
    h = make_hist(100, epochs=2, eval_every=5)
    before = {k: np.array(getattr(h, k)) for k in ("loss", "train_loss", "test_acc", "eval_step")}
    settings = dict(h.settings)
    runs = {"a": h}
    spu = {"a": 0.001}
    at = {"epoch": 1}
    plot_training_curves(runs, styles={"a": {"ls": "--"}})
    plot_batch_size_comparison(runs, spu, at=at)
    seen = {True: [0.0, 0.5, 0.8]}
    plot_coverage(EPOCHS, seen)
    for k, v in before.items():
        np.testing.assert_array_equal(getattr(h, k), v)
    assert h.settings == settings and runs == {"a": h}
    assert spu == {"a": 0.001} and at == {"epoch": 1}
    assert seen == {True: [0.0, 0.5, 0.8]}


def _projector_figures():
    """Every figure of this module at its defaults, as notebook 04 draws them."""
    runs = _runs()
    spu = {"batch 10": 0.001, "batch 100": 0.003, "all": 0.05}
    n, b = 1000, 100
    draws = np.random.default_rng(0).choice(n, size=(20, b))
    seen, share = np.zeros(n, dtype=bool), [0.0]
    for row in draws:
        seen[row] = True
        share.append(seen.mean())
    epochs = np.arange(21) / 10
    return {
        "curves": lambda: plot_training_curves(make_hist(epochs=2, eval_every=5), steps_axis=True),
        "curves+train_acc": lambda: plot_training_curves(make_hist(epochs=2), train_acc=True),
        "curves, several": lambda: plot_training_curves(runs),
        "comparison": lambda: plot_batch_size_comparison(runs, spu, at={"epoch": 1, "step": 20}),
        "comparison per update": lambda: plot_batch_size_comparison(runs, panels="step"),
        "comparison per second": lambda: plot_batch_size_comparison(runs, spu, panels="seconds"),
        "coverage": lambda: plot_coverage(
            epochs, {True: share, False: np.minimum(epochs, 1.0)},
            counts={True: np.bincount(draws[:10].ravel(), minlength=n),
                    False: np.ones(n, dtype=int)}),
    }


@pytest.mark.parametrize("name", list(_projector_figures()))
def test_every_figure_reads_on_a_projector_at_its_defaults(name):
    from tests.support import assert_projector_readable

    fig = _projector_figures()[name]()["fig"]
    assert_projector_readable(fig, what=name)
    assert fig.get_size_inches()[1] <= 6.5, f"{name}: taller than a projector shows (650 px)"
    # and the check can fail: the old three-column width of the comparison is refused
    if name == "comparison":
        fig.set_size_inches(15, 4.8)
        with pytest.raises(AssertionError, match="wide"):
            assert_projector_readable(fig, what=name)
    plt.close(fig)


def test_train_accuracy_panel_says_whether_the_curves_stay_together():
    h = make_hist(epochs=2)
    art = plot_training_curves(h, train_acc=True)
    tr = art["lines"]["batch 100, lr 0.1"]["train_acc"]
    np.testing.assert_allclose(tr.get_ydata(), h.train_acc)
    np.testing.assert_allclose(tr.get_xdata(), h.eval_epoch)
    assert tr.get_linestyle() == "--" and tr.axes is art["ax_acc"]
    # two colours, not one colour and two markers: orange next to the blue of batch 100
    test_line = art["lines"]["batch 100, lr 0.1"]["acc"]
    assert _hex(test_line.get_color()) == _hex(BATCH_COLORS[100]) != _hex(tr.get_color())
    assert _hex(tr.get_color()) == _hex(hp.COLORS["orange"])
    gap = abs(h.train_acc[-1] - h.test_acc[-1])
    title = art["acc_title"].get_text()
    assert f"training {h.train_acc[-1]:.1%}, test {h.test_acc[-1]:.1%}" in title
    assert ("stay together" in title) == (gap < 0.02)
    assert art["ax_acc"].get_ylabel() == "accuracy (share right)"
    with pytest.raises(TypeError, match="train_acc must be True or False"):
        plot_training_curves(h, train_acc="yes")


# ------------------------------------------------------------------ the Korean edition

def _korean_runs():
    """Runs named by history_label in the language in use: batch 10 and 100 tie per update,
    batch 50 lags (its full loss 0.3 higher); batch 10 evaluated every step (epochs < 1)."""
    b50 = make_hist(50, epochs=2)
    b50 = dataclasses.replace(b50, train_loss=b50.train_loss + 0.3)
    hists = [make_hist(10, epochs=1, eval_every=1), make_hist(100, epochs=3), b50,
             make_hist(None, n_train=1000, epochs=3)]
    return {history_label(h, lr=False): h for h in hists}


def _korean_figures():
    """Every figure function of the module, with the options that change its text."""
    def counts():
        n = 1000
        draws = np.random.default_rng(0).choice(n, size=(20, 100))
        seen, share = np.zeros(n, dtype=bool), [0.0]
        for row in draws:
            seen[row] = True
            share.append(seen.mean())
        epochs = np.arange(21) / 10
        return plot_coverage(epochs, {True: share, False: np.minimum(epochs, 1.0)},
                             counts={True: np.bincount(draws[:10].ravel(), minlength=n),
                                     False: np.ones(n, dtype=int)})

    def several():
        runs = _korean_runs()
        spu = dict(zip(runs, (0.001, 0.003, 0.002, 0.05), strict=True))
        return {"curves, several": lambda: plot_training_curves(runs),
                "comparison per epoch": lambda: plot_batch_size_comparison(
                    runs, spu, at={"epoch": 1}),
                "comparison per update (a tie)": lambda: plot_batch_size_comparison(
                    runs, panels="step", at={"step": 10}),
                "comparison per second": lambda: plot_batch_size_comparison(
                    runs, spu, panels="seconds")}

    return {
        "curves": lambda: plot_training_curves(make_hist(epochs=2, eval_every=5),
                                               steps_axis=True),
        "curves+train_acc": lambda: plot_training_curves(make_hist(epochs=2), train_acc=True),
        "curves, a gap": lambda: plot_training_curves(
            dataclasses.replace(make_hist(epochs=2), test_acc=np.full(3, 0.5)), train_acc=True),
        "curves, no test data, by updates": lambda: plot_training_curves(
            [make_hist(test=False), make_hist(10, test=False)], x="step", show_batch=False),
        "curves, by seconds": lambda: plot_training_curves(
            make_hist(epochs=2, replace=True), x="seconds", seconds_per_update=0.01),
        "curves, not evaluated yet": lambda: plot_training_curves(
            dataclasses.replace(make_hist(test=False), train_loss=np.full(3, NAN))),
        "coverage": counts,
        "coverage without counts": lambda: plot_coverage([0.0, 0.5], {False: [0.0, 0.5]}),
        **several(),
    }


def _assert_korean(fig, name):
    """Every text of ``fig`` drawn without a missing glyph, titles and labels in Hangul,
    no English word left over, and everything inside the figure at >= 14 pt."""
    from tests.support import assert_projector_readable, english_words, figure_texts, hangul

    texts = figure_texts(fig)  # a missing glyph is an error inside korean()
    assert not english_words(texts), f"{name}: English left: {english_words(texts)} in {texts}"
    for ax in fig.get_axes():
        named = [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        if ax.get_legend() is not None:
            named += [t.get_text() for t in ax.get_legend().get_texts()]
        for text in filter(None, named):
            assert hangul(text), f"{name}: {text!r} has no Hangul"
    assert_projector_readable(fig, what=f"{name} (Korean)")


@pytest.mark.parametrize("name", list(_korean_figures()))
def test_every_figure_in_korean(name):
    from helpers import i18n
    from tests.support import korean

    english = _korean_figures()[name]()  # the same figure in English first
    english_title = english["fig"].axes[0].get_title()
    with korean():
        out = _korean_figures()[name]()
        _assert_korean(out["fig"], name)
    assert i18n.language() == "en"
    again = _korean_figures()[name]()  # English again, unchanged
    assert again["fig"].axes[0].get_title() == english_title and not _has_hangul(again["fig"])


def _has_hangul(fig):
    from tests.support import figure_texts, hangul

    return any(hangul(t) for t in figure_texts(fig))


def test_korean_text_of_the_figures_reads_as_meant():
    from tests.support import korean

    with korean():
        assert gd_label(10_000) == "전체 10,000 (GD)"
        assert history_label(make_hist(100)) == "배치 100, 학습률 0.1"
        assert (history_label(make_hist(10, replace=True), sampling=True)
                == "배치 10, 학습률 0.1, 복원 추출")
        art = plot_training_curves(make_hist(epochs=2), train_acc=True)
        assert art["ax_acc"].get_ylabel() == "정확도 (맞힌 비율)"
        assert "마지막 정확도: 훈련 " in art["acc_title"].get_text()
        out = plot_batch_size_comparison(_korean_runs(), panels="step", at={"step": 10})
        title = out["ax"][0].get_title()
        assert title.startswith("갱신 횟수 기준, 갱신 10회 후:")
        assert title.endswith("배치 10, 100: 거의 같음 (2.2000, 2.2000) · 배치 50: 뒤처짐 (2.5000)")
        assert art["ax"][0].get_ylabel().endswith("(내트)"), art["ax"][0].get_ylabel()
        cov = plot_coverage([0.0, 1.0], {True: [0.0, 0.6], False: [0.0, 1.0]})
        assert cov["title"].get_text().startswith("복원 추출은 1에폭 동안 이미지의 40.0%를 놓침")
    # English exactly as before
    out = plot_batch_size_comparison(_korean_runs(), panels="step", at={"step": 10})
    assert out["ax"][0].get_title() == ("Per update: after 10 updates,\nbatches 10 and 100 tie "
                                        "(2.2000, 2.2000); batch 50 lags (2.5000)")


def test_korean_log_axis_ticks_have_their_minus_sign(caplog):
    """Log-axis ticks (10^-1) are mathtext, whose \\mathdefault takes the FIRST font of
    font.family only, no glyph fallback: a missing minus sign is only logged, not warned."""
    import logging

    from matplotlib.mathtext import MathTextParser

    from tests.support import figure_texts, korean

    MathTextParser._parse_cached.cache_clear()  # parsed before: nothing would be logged again
    with korean(), caplog.at_level(logging.WARNING, logger="matplotlib.mathtext"):
        out = plot_batch_size_comparison(_korean_runs(), at={"epoch": 1})  # ticks 10^-2, 10^-1
        figure_texts(out["fig"])
    dummies = [r.getMessage() for r in caplog.records if "does not have a glyph" in r.getMessage()]
    assert not dummies, dummies
