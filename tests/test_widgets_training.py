"""Tests for helpers.widgets.training (notebook 04): set the selectors, press Train, check the plot.

``box.train()`` is what the Train button calls; it runs synchronously, so the
tests check the curves, title, progress bar and PNG bytes right after, against
a run of ``train_sgd`` made here independently with the same settings.
Most tests use a small synthetic data set (fast); one uses real MNIST.
"""

from __future__ import annotations

import contextlib

import matplotlib

matplotlib.use("Agg")

import ipywidgets as widgets
import numpy as np
import pytest

import helpers.widgets as hw
from helpers.network import TrainHistory, TwoLayerNet, train_sgd
from helpers.widgets.training import _button_width, _describe, plan_run, training_explorer

N = 400


@pytest.fixture(scope="module")
def data():
    """400 training and 200 test 'images' (784 pixels), the class linear in the pixels."""
    rng = np.random.default_rng(1)
    w = rng.standard_normal((784, 10))
    x = rng.random((N + 200, 784), dtype=np.float32)
    t = (x @ w).argmax(axis=1)
    return x[:N], t[:N], x[N:], t[N:]


def reference(data, batch_size, lr, epochs, eval_every, seed=0, replace=False):
    x, t, xt, tt = data
    return train_sgd(TwoLayerNet(784, 50, 10, rng=seed), x, t, batch_size=batch_size, lr=lr,
                     epochs=epochs, rng=seed, replace=replace, x_test=xt, t_test=tt,
                     eval_every=eval_every, progress=False)


@pytest.fixture(scope="module")
def default(data):
    # batch 100, lr 0.1, 3 epochs of 4 steps = 12 updates; 20 evaluations wanted -> every update
    return reference(data, 100, 0.1, 3, 1)


@pytest.fixture()
def box(data, default):
    x, t, xt, tt = data
    return training_explorer(x, t, xt, tt, default=default, max_updates=400)


def test_exported_from_package():
    assert hw.training_explorer is training_explorer
    assert "training_explorer" in hw.training.__all__
    for name in ("plan_run", "LEARNING_RATES"):  # the widget's helpers stay in the submodule
        assert name in hw.training.__all__ and name not in hw.__all__ and not hasattr(hw, name)


def _error_of(func, **kwargs):
    with pytest.raises(Exception) as info:
        func(**kwargs)
    return type(info.value), str(info.value)


@pytest.mark.parametrize("change", [
    {"t_test": None},  # x_test without t_test: train_sgd says TypeError, the widget said ValueError
    {"x_test": None},
    {"t": np.zeros(N - 1, dtype=int)},
    {"t": np.zeros(N)},  # float labels
    {"t": np.full(N, -1)},  # a label outside the classes
    {"t_test": np.zeros(3, dtype=int)},
    {"x_test": np.zeros((200, 5), dtype=np.float32)},
], ids=["x_test-alone", "t_test-alone", "t-short", "t-float", "t-label-negative", "t_test-short",
        "x_test-narrow"])
@pytest.mark.parametrize("given_default", [True, False], ids=["default-given", "default-trained"])
def test_data_errors_are_exactly_train_sgds(data, default, change, given_default):
    # the widget has no copy of train_sgd's data checks: the same call fails the same way
    x, t, xt, tt = data
    kwargs = {"x": x, "t": t, "x_test": xt, "t_test": tt, **change}
    expected = _error_of(train_sgd, net=TwoLayerNet(784, 50, 10, rng=0), batch_size=100,
                         progress=False, **kwargs)
    got = _error_of(training_explorer, default=default if given_default else None, epochs=1,
                    **kwargs)
    assert got == expected


def test_plan_run():
    assert plan_run(100, 10_000, 10, 10_000) == (10, 1000, 50)
    assert plan_run(1, 10_000, 10, 10_000) == (1, 10_000, 500)  # budget: one epoch only
    assert plan_run(1, 10_000, 10, 5_000) == (1, 10_000, 500)  # but never less than one epoch
    assert plan_run(None, 10_000, 10, 10_000) == (10, 10, 1)
    assert plan_run(None, 10_000, 10, 10_000, replace=True) == (10, 10, 1)
    # N not divisible by B: ceil(100 / 30) = 4 shuffled batches per epoch, but the book's
    # draws with replacement make floor(100 / 30) = 3 per epoch
    assert plan_run(30, 100, 2, 10_000) == (2, 8, 1)
    assert plan_run(30, 100, 2, 10_000, replace=False) == (2, 8, 1)
    assert plan_run(30, 100, 2, 10_000, replace=True) == (2, 6, 1)
    assert plan_run(30, 100, 5, 10, replace=True) == (3, 9, 1)  # budget 10: 3 whole epochs


@pytest.mark.parametrize("replace", [False, True])
@pytest.mark.parametrize(("batch_size", "n_evals"), [(30, 20), (7, 5), (60, 3), (None, 20)])
def test_plan_run_is_what_train_sgd_does(data, replace, batch_size, n_evals):
    # 100 images: none of these batch sizes divides N; the plan must be the run train_sgd makes
    x, t, _, _ = data
    run_epochs, n_steps, eval_every = plan_run(batch_size, 100, 3, 10_000, n_evals,
                                               replace=replace)
    hist = train_sgd(TwoLayerNet(784, 50, 10, rng=0), x[:100], t[:100], batch_size=batch_size,
                     lr=0.1, epochs=run_epochs, rng=0, replace=replace, eval_every=eval_every,
                     progress=False)
    assert hist.loss.size == hist.settings["n_steps"] == n_steps
    assert hist.eval_step[-1] == n_steps
    if batch_size is None:
        assert n_steps == 3
    else:  # counted by hand: ceil or floor of N / B per epoch
        per_epoch = 100 // batch_size if replace else -(-100 // batch_size)
        assert n_steps == 3 * per_epoch


def test_initial_state(box, default):
    assert isinstance(box, widgets.VBox)
    assert box.selectors["batch_size"].value == 100 and box.selectors["lr"].value == 0.1
    assert [o[0] for o in box.selectors["batch_size"].options][-1] == f"all {N} (GD)"
    assert not box.button.disabled and box.progress.value == 0
    d = box.curves["default"]
    np.testing.assert_allclose(d["train"].get_ydata(), default.train_loss)
    np.testing.assert_allclose(d["train"].get_xdata(), default.eval_epoch)
    np.testing.assert_allclose(d["acc"].get_ydata(), default.test_acc)
    assert all(len(line.get_xdata()) == 0 for line in box.curves["chosen"].values())
    assert "press Train" in box.title.get_text()
    assert f"{default.train_loss[-1]:.4f}" in box.title.get_text()
    assert "3 epochs = 12 updates" in box.status.value
    assert box.view.image.value[:8] == b"\x89PNG\r\n\x1a\n"


def test_train_draws_the_new_run(box, data, default):
    box.selectors["batch_size"].value = 10
    box.selectors["lr"].value = 0.3
    assert "3 epochs = 120 updates" in box.status.value  # the plan follows the batch-size selector
    png = box.view.image.value
    hist = box.train()
    ref = reference(data, 10, 0.3, 3, 120 // 20)  # computed here, independently of the widget
    c = box.curves["chosen"]
    np.testing.assert_array_equal(c["batch"].get_ydata(), ref.loss)
    np.testing.assert_allclose(c["batch"].get_xdata(), np.arange(120) / 40)
    np.testing.assert_array_equal(c["train"].get_ydata(), ref.train_loss)
    np.testing.assert_allclose(c["train"].get_xdata(), ref.eval_step / 40)
    np.testing.assert_array_equal(c["acc"].get_ydata(), ref.test_acc)
    np.testing.assert_array_equal(hist.train_loss, ref.train_loss)
    assert box.state["history"] is hist and not box.state["capped"]
    # the default did not move
    np.testing.assert_allclose(box.curves["default"]["train"].get_ydata(), default.train_loss)
    title = box.title.get_text()
    start, end = ref.train_loss[0], ref.train_loss[-1]
    assert title.startswith(f"batch 10, lr 0.3: loss {start:.4f} → {end:.4f}\nafter 3 epochs")
    assert f"{default.train_loss[-1]:.4f}" in title
    assert box.progress.value == box.progress.max == 120 and box.progress.bar_style == "success"
    assert f"test accuracy {ref.test_acc[-1]:.1%}" in box.status.value
    assert box.view.image.value != png


def test_default_settings_reproduce_the_default_run(box, default):
    hist = box.train()
    np.testing.assert_array_equal(hist.loss, default.loss)
    np.testing.assert_array_equal(box.curves["chosen"]["train"].get_ydata(), default.train_loss)


def test_button_disabled_and_progress_while_training(box):
    seen = {"disabled": [], "progress": [], "selectors": []}
    box.button.observe(lambda ch: seen["disabled"].append(ch["new"]), names="disabled")
    box.selectors["lr"].observe(lambda ch: seen["selectors"].append(ch["new"]), names="disabled")
    box.progress.observe(lambda ch: seen["progress"].append(ch["new"]), names="value")
    box.selectors["batch_size"].value = 1
    box.button.click()  # what a click in the browser does
    assert seen["disabled"] == [True, False] and seen["selectors"] == [True, False]
    p = [v for v in seen["progress"] if v > 0]
    assert p == sorted(p) and p[-1] == N  # batch 1: one epoch of 400 updates, the budget
    assert len(p) >= 10  # the bar moved during the run, not only at the end
    assert not box.button.disabled


def test_budget_caps_batch_1(data, default):
    x, t, xt, tt = data
    box = training_explorer(x, t, xt, tt, default=default, max_updates=100)
    box.selectors["batch_size"].value = 1
    assert "1 epoch = 400 updates" in box.status.value and "budget" in box.status.value
    hist = box.train()
    assert hist.settings["epochs"] == 1 and box.state["capped"]
    assert "cut from 3 epochs" in box.title.get_text()
    assert box.axes[0].get_xlim() == (0, 3)  # the default's 3 epochs still fit


def test_gradient_descent_choice(box, data):
    box.selectors["batch_size"].value = None
    box.selectors["lr"].value = 3.0
    hist = box.train()
    ref = reference(data, None, 3.0, 3, 1)
    np.testing.assert_array_equal(box.curves["chosen"]["train"].get_ydata(), ref.train_loss)
    assert box.title.get_text().startswith(f"all {N} (GD), lr 3: ")
    assert hist.settings["n_steps"] == 3
    # the legend lists only what is drawn: no mini-batch cloud for a run on all the images
    texts = [t.get_text() for t in box.fig.legends[0].get_texts()]
    assert len(box.fig.legends) == 1 and not any("each mini-batch" in t for t in texts), texts
    assert len(box.curves["chosen"]["batch"].get_xdata()) == 0
    # and back with batches: the cloud is drawn and listed again
    box.selectors["batch_size"].value = 100
    box.selectors["lr"].value = 0.1
    box.train()
    texts = [t.get_text() for t in box.fig.legends[0].get_texts()]
    assert len(box.fig.legends) == 1 and "your run: loss of each mini-batch" in texts
    assert len(box.curves["chosen"]["batch"].get_xdata()) == 12


def _hist(train_loss, epochs=2):
    ev = np.arange(len(train_loss))
    return TrainHistory(loss=np.zeros(ev[-1]), eval_step=ev, eval_epoch=ev * epochs / ev[-1],
                        train_loss=np.array(train_loss, dtype=float), train_acc=ev * 0.0,
                        test_acc=ev * 0.0, test_loss=ev * 0.0, seconds=ev * 0.0,
                        settings=dict(batch_size=1, lr=3.0, epochs=epochs, replace=False,
                                      n_train=10, steps_per_epoch=ev[-1] // epochs,
                                      n_steps=ev[-1]))


def test_describe_says_what_happened():
    default = _hist([2.3, 2.0, 1.5, 1.2, 1.0])  # 2 epochs: 1.5 at epoch 1, 1.0 at epoch 2
    up = _describe(_hist([2.3, 2.6, 2.9]), default, False, 2)
    assert "went UP" in up and "2.3000 → 2.9000" in up
    flat = _describe(_hist([2.3, 2.29, 2.28]), default, False, 2)
    assert "barely moved" in flat
    better = _describe(_hist([2.3, 1.0, 0.5]), default, False, 2)
    assert "after 2 epochs" in better and "lower than the default's 1.0000 at that epoch" in better
    worse = _describe(_hist([2.3, 1.9, 1.6], epochs=1), default, True, 2)
    assert "after 1 epoch " in worse and "higher than the default's 1.5000 at that epoch" in worse
    assert "cut from 2 epochs" in worse
    same = _describe(_hist([2.3, 1.7, 1.0]), default, False, 2)
    assert "the same as the default's 1.0000" in same
    nan = _describe(_hist([2.3, np.nan, np.nan]), default, False, 2)
    assert "went UP" in nan


def test_bad_arguments(data, default):
    x, t, xt, tt = data
    with pytest.raises(ValueError, match=r"batch_sizes\[0\] must be an int >= 1"):
        training_explorer(x, t, default=default, batch_sizes=(0, 10))
    # a size larger than N is left out
    box = training_explorer(x, t, default=default, batch_sizes=(10, N + 1, None))
    assert [v for _, v in box.selectors["batch_size"].options] == [10, None]
    with pytest.raises(ValueError, match="trained on"):
        training_explorer(x[:100], t[:100], default=default)


def test_network_outputs_follow_the_labels(data):
    # _net used to hard-code 10 outputs: one-hot targets give their width, labels what they need
    # (when the default run is trained here; a given default fixes them, see the next test)
    x, t, xt, tt = data
    onehot = np.eye(12)[t]
    box = training_explorer(x, onehot, xt, np.eye(12)[tt], epochs=1, max_updates=40)
    hist = box.train()
    assert box.default.settings["sizes"][-1] == 12 and np.isfinite(hist.train_loss).all()
    eleven = training_explorer(x, np.where(t == t[0], 10, t), xt, tt, epochs=1, max_updates=40)
    assert eleven.train().settings["sizes"][-1] == 11  # label 10 needs 11 outputs: no error


@pytest.mark.parametrize("labels", [lambda t: t + 10, lambda t: np.where(t == t[0], 10, t),
                                    lambda t: np.eye(12)[t]],
                         ids=["t+10", "label 10", "one-hot 12"])
def test_given_default_fixes_the_outputs_labels_beyond_are_an_error_now(data, default, labels):
    # the runs start from the default's weights (10 outputs): t + 10 used to build silently
    x, t, xt, tt = data
    with pytest.raises(ValueError, match="^t "):
        training_explorer(x, labels(t), xt, tt, default=default)


def test_without_test_data_and_default_trained_here(data):
    x, t, _, _ = data
    box = training_explorer(x[:200], t[:200], epochs=1, batch_sizes=(10, 100),
                            learning_rates=(0.1, 1.0))
    assert box.default.settings["batch_size"] == 100 and box.default.settings["epochs"] == 1
    assert box.curves["chosen"]["acc"] is None and len(box.axes) == 1  # no accuracy panel
    box.selectors["lr"].value = 1.0
    hist = box.train()
    np.testing.assert_array_equal(box.curves["chosen"]["train"].get_ydata(), hist.train_loss)
    assert "test accuracy" not in box.status.value


@pytest.mark.realdata
def test_on_real_mnist_batch_1_with_a_huge_learning_rate(real_mnist):
    (x, t), (xt, tt) = real_mnist
    x, t, xt, tt = x[:1000], t[:1000], xt[:500], tt[:500]
    box = training_explorer(x, t, xt, tt, epochs=2, max_updates=1000)
    assert box.default.train_loss[-1] < box.default.train_loss[0]
    box.selectors["batch_size"].value = 1
    box.selectors["lr"].value = 3.0
    hist = box.train()
    assert hist.train_loss[-1] > hist.train_loss[0]
    assert "went UP" in box.title.get_text()
    assert box.axes[0].get_ylim()[1] >= 1.1 * np.nanmax(hist.train_loss) - 1e-9


@pytest.mark.parametrize("replace", [False, True])
def test_n_not_divisible_by_b_plans_the_updates_train_sgd_makes(data, replace):
    # 100 images in batches of 30: the progress bar, the evaluations and the "N updates" text
    # must count the updates train_sgd really makes (4 per epoch shuffled, 3 with replacement)
    x, t, xt, tt = data
    small = (x[:100], t[:100], xt, tt)
    default = reference(small, 100, 0.1, 3, 1, replace=replace)
    box = training_explorer(*small, default=default, batch_sizes=(30, 100, None),
                            replace=replace, max_updates=400, dpi=20)
    per_epoch = 3 if replace else 4  # floor(100 / 30) or ceil(100 / 30), by hand
    box.selectors["batch_size"].value = 30
    assert f"3 epochs = {3 * per_epoch} updates" in box.status.value
    hist = box.train()
    ref = reference(small, 30, 0.1, 3, 1, replace=replace)  # 3 * per_epoch // 20 -> every step
    assert hist.loss.size == ref.loss.size == 3 * per_epoch
    assert box.progress.max == box.progress.value == 3 * per_epoch
    assert f"Done: 3 epochs = {3 * per_epoch} updates" in box.status.value
    np.testing.assert_array_equal(hist.eval_step, ref.eval_step)
    np.testing.assert_array_equal(box.curves["chosen"]["train"].get_ydata(), ref.train_loss)
    np.testing.assert_allclose(box.curves["chosen"]["train"].get_xdata(),
                               ref.eval_step / per_epoch)
    assert box.curves["chosen"]["train"].get_xdata()[-1] == 3.0
    assert hist.settings["replace"] is replace
    assert box.plan(30) == (3, 3 * per_epoch, 1)


# -- bad input: TypeError for the wrong kind, ValueError for a bad value, named in the message --

BAD_PLAN = [
    ((0, 100, 2, 100), {}, ValueError, "batch_size must be an int >= 1"),
    ((101, 100, 2, 100), {}, ValueError, "batch_size must be at most 100"),
    ((10.0, 100, 2, 100), {}, TypeError, "batch_size must be an int"),
    (("10", 100, 2, 100), {}, TypeError, "batch_size must be an int"),
    ((10, 0, 2, 100), {}, ValueError, "n must be an int >= 1"),  # was a division by zero
    ((10, True, 2, 100), {}, TypeError, "n must be an int"),
    ((10, 100, 0, 100), {}, ValueError, "epochs must be an int >= 1"),
    ((10, 100, 2, 0), {}, ValueError, "max_updates must be an int >= 1"),
    ((10, 100, 2, 100, 0), {}, ValueError, "n_evals must be an int >= 1"),
    ((10, 100, 2, 100), {"replace": "False"}, TypeError, "replace must be True or False"),
    ((10, 100, 2, 100), {"replace": 0}, TypeError, "replace must be True or False"),
]


@pytest.mark.parametrize(("args", "kwargs", "error", "match"), BAD_PLAN)
def test_plan_run_bad_input(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        plan_run(*args, **kwargs)


BAD_EXPLORER = [  # (what to change, error, message)
    ({"x": np.zeros(784, dtype=np.float32)}, ValueError, "x must be 2-D"),
    ({"x": [["a"] * 784] * N}, TypeError, "x must be a numeric array"),
    ({"x_test": None}, TypeError, "x_test must be given with t_test"),  # train_sgd's words
    ({"t": np.zeros(N - 1, dtype=int)}, ValueError, "t must have one target per row of x"),
    ({"t": np.zeros(N)}, TypeError, "t labels must be integers"),  # float labels
    ({"t": ["3"] * N}, TypeError, "t must be a numeric array"),
    ({"batch_sizes": (0, 10)}, ValueError, r"batch_sizes\[0\] must be an int >= 1"),
    ({"batch_sizes": ("10",)}, TypeError, r"batch_sizes\[0\] must be an int"),
    ({"batch_sizes": (True, 10)}, TypeError, r"batch_sizes\[0\] must be an int"),
    ({"batch_sizes": (N + 1,)}, ValueError, "batch_sizes has no size from 1 to N"),
    ({"batch_sizes": 100}, TypeError, "batch_sizes must be a sequence"),
    ({"learning_rates": ()}, ValueError, "learning_rates is empty"),
    ({"learning_rates": (0.0, 0.1)}, ValueError, r"learning_rates\[0\] must be > 0"),
    ({"learning_rates": ("0.1",)}, TypeError, r"learning_rates\[0\] must be a real number"),
    ({"learning_rates": (float("nan"),)}, ValueError, r"learning_rates\[0\] must be finite"),
    ({"max_updates": 0}, ValueError, "max_updates must be an int >= 1"),
    ({"n_evals": 0}, ValueError, "n_evals must be an int >= 1"),
    ({"seed": -1}, ValueError, "seed must be an int >= 0"),
    ({"seed": 0.5}, TypeError, "seed must be an int"),
    ({"replace": "False"}, TypeError, "replace must be True or False"),
    ({"replace": True}, ValueError, "default was trained with replace=False"),
    ({"default": object()}, TypeError, "default must be a TrainHistory"),
    ({"dpi": 0}, ValueError, "dpi must be an int >= 20"),
    ({"epochs": 0}, ValueError, "epochs must be an int >= 1"),
    ({"epochs": 2.0}, TypeError, "epochs must be an int"),
]


@pytest.mark.parametrize(("change", "error", "match"), BAD_EXPLORER)
def test_training_explorer_bad_input(data, default, change, error, match):
    x, t, xt, tt = data
    kwargs = {"x": x, "t": t, "x_test": xt, "t_test": tt, "default": default, **change}
    with pytest.raises(error, match=match):
        training_explorer(**kwargs)


def test_small_data_and_lists_are_valid_input(data):
    # 20 images as nested lists: the default run trained here uses batch min(100, N) = 20
    # (its plan used to assume 100 and failed for N < 100)
    x, t, _, _ = data
    box = training_explorer(x[:20].tolist(), t[:20].tolist(), epochs=1, batch_sizes=[1, 10, None],
                            learning_rates=[0.5], dpi=20)
    assert box.default.settings["batch_size"] == 20 and box.default.loss.size == 1
    assert [v for _, v in box.selectors["batch_size"].options] == [1, 10, None]
    box.selectors["batch_size"].value = 1
    hist = box.train()
    assert hist.loss.size == box.progress.max == 20


def test_the_explorer_reads_on_a_projector_at_its_defaults(data, default):
    from helpers.plots.style import DPI
    from tests.support import assert_projector_readable

    x, t, xt, tt = data
    box = training_explorer(x, t, xt, tt, default=default, max_updates=400)
    assert box.view.dpi == DPI == 100  # sharp PNGs (the old default was 80)
    assert_projector_readable(box.fig, dpi=box.view.dpi, what="training_explorer")
    box.train()  # a run's title too
    assert_projector_readable(box.fig, dpi=box.view.dpi, what="training_explorer after a run")
    # the check can fail: at the old dpi
    with pytest.raises(AssertionError, match="dpi"):
        assert_projector_readable(box.fig, dpi=80, what="old dpi")


# ------------------------------------------------------------------ the Korean edition

def _assert_korean_figure(box, what):
    from tests.support import assert_projector_readable, english_words, figure_texts, hangul

    texts = figure_texts(box.fig)  # a missing glyph is an error inside korean()
    assert not english_words(texts), f"{what}: English left: {english_words(texts)}"
    assert hangul(box.title.get_text()), box.title.get_text()
    for ax in box.axes:
        assert hangul(ax.get_ylabel()), ax.get_ylabel()
    legend = [t.get_text() for t in box.fig.legends[0].get_texts()]
    assert legend and all(hangul(t) for t in legend), legend
    assert_projector_readable(box.fig, dpi=box.view.dpi, what=what)


def test_the_explorer_in_korean(data, default):
    from helpers import i18n
    from tests.support import english_words, hangul, korean

    x, t, xt, tt = data
    with korean():
        box = training_explorer(x, t, xt, tt, default=default, max_updates=400)
        assert box.selectors["batch_size"].description == "배치 크기"
        assert box.selectors["lr"].description == "학습률"
        assert box.selectors["batch_size"].options[-1] == (f"전체 {N} (GD)", None)
        assert box.button.description == "학습" and hangul(box.button.tooltip)
        assert box.status.value == "다음 학습(배치 100, 학습률 0.1): 3에폭 = 갱신 12회."
        assert box.title.get_text().startswith("기본 학습(회색, 배치 100, 학습률 0.1):\n3에폭 동안")
        _assert_korean_figure(box, "training_explorer (Korean)")
        box.selectors["batch_size"].value = 10
        assert box.status.value == "다음 학습(배치 10, 학습률 0.1): 3에폭 = 갱신 120회."
        box.selectors["lr"].value = 0.3  # the learning rate shows in the line too
        assert box.status.value == "다음 학습(배치 10, 학습률 0.3): 3에폭 = 갱신 120회."
        hist = box.train()
        start, end = hist.train_loss[0], hist.train_loss[-1]
        assert box.title.get_text().startswith(f"배치 10, 학습률 0.3: 손실 {start:.4f} → "
                                               f"{end:.4f}\n3에폭 (갱신 120회) 후:\n"
                                               "기본 학습의 같은 에폭 손실(")
        assert box.status.value.startswith("완료: 3에폭 = 갱신 120회, ")
        assert f"시험 정확도 {hist.test_acc[-1]:.1%}" in box.status.value
        assert not english_words([box.status.value])
        _assert_korean_figure(box, "training_explorer after a run (Korean)")
        box.selectors["batch_size"].value = None
        box.selectors["lr"].value = 3.0
        box.train()
        assert box.title.get_text().startswith(f"전체 {N} (GD), 학습률 3: 손실 ")
        _assert_korean_figure(box, "training_explorer after gradient descent (Korean)")
    assert i18n.language() == "en"
    english = training_explorer(x, t, xt, tt, default=default, max_updates=400)
    assert english.status.value == "Next run (batch 100, lr 0.1): 3 epochs = 12 updates."
    english.selectors["batch_size"].value = None
    english.selectors["lr"].value = 3.0
    assert english.status.value == f"Next run (all {N:,} (GD), lr 3): 3 epochs = 3 updates."
    assert english.button.description == "Train" and "press Train" in english.title.get_text()


def test_the_batch_size_buttons_are_wide_enough_for_the_gd_label(data, default):
    """The buttons cut a label that does not fit ("all 10,000 (G..."): the width follows the
    longest label, Hangul counted double; buttons of numbers only keep 105 px."""
    from tests.support import korean

    assert _button_width(["1", "10", "1,000"]) == "105px"
    assert _button_width(["all 10,000 (GD)"]) == "133px"  # 15 x 7 + 28
    assert _button_width(["전체 10,000 (GD)"]) == "140px"  # 2 x 14 + 12 x 7 + 28
    x, t, xt, tt = data
    for speak in (contextlib.nullcontext, korean):
        with speak():
            box = training_explorer(x, t, xt, tt, default=default, max_updates=400)
            labels = [label for label, _ in box.selectors["batch_size"].options]
            width = box.selectors["batch_size"].style.button_width
            assert width == _button_width(labels) and int(width[:-2]) > 105, (labels, width)


def test_the_explorer_in_korean_capped_and_live(data, default):
    from tests.support import english_words, hangul, korean

    x, t, xt, tt = data
    statuses = []
    with korean():
        box = training_explorer(x, t, xt, tt, default=default, max_updates=100)
        box.selectors["batch_size"].value = 1
        assert box.status.value == ("다음 학습(배치 1, 학습률 0.1): 1에폭 = 갱신 400회 "
                                    "(갱신 한도 100회: 3에폭이면 1,200회가 필요).")
        box.status.observe(lambda ch: statuses.append(ch["new"]), names="value")
        box.train()
        assert "(갱신 한도 때문에 3에폭에서 줄임)" in box.title.get_text()
    live = [s for s in statuses if s.startswith("학습 중: 갱신 ")]
    assert statuses[0] == ("학습 중: 1에폭 = 갱신 400회 (갱신 한도 100회: 3에폭이면 1,200회가 "
                           "필요) …")
    assert live and "/400회, 훈련 이미지 전체의 손실 " in live[0]
    assert all(hangul(s) and not english_words([s]) for s in statuses), statuses


def test_a_diverging_run_in_korean(data, default, monkeypatch):
    import helpers.widgets.training as training_module
    from tests.support import english_words, korean

    real = training_module.train_sgd

    def diverging(*args, callback=None, **kwargs):  # the weights "blow up" at step 2
        def cb(step, hist):
            callback(step, hist)
            if step >= 2:
                raise ValueError("params['W1'] contains NaN or inf (did training diverge?)")
        return real(*args, callback=cb, **kwargs)

    x, t, xt, tt = data
    with korean():
        box = training_explorer(x, t, xt, tt, default=default)
        monkeypatch.setattr(training_module, "train_sgd", diverging)
        box.selectors["lr"].value = 3.0
        assert box.train() is None and box.state["diverged"]
        assert box.title.get_text() == ("배치 100, 학습률 3: 학습 중 가중치가 NaN 또는 inf가 됨\n"
                                        "손실이 커지며 발산: 학습률이 너무 큼")
        assert box.status.value == ("<b>발산:</b> 손실이 커지며 발산: 학습률이 너무 큼 "
                                    "(더 작은 학습률을 고르세요).")
        assert not english_words([box.title.get_text()])
        _assert_korean_figure(box, "training_explorer diverged (Korean)")
        monkeypatch.setattr(training_module, "train_sgd", lambda *a, **k: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            box.train()
        assert box.status.value.startswith("<b>학습 실패:</b> ZeroDivisionError: ")


def test_describe_in_korean():
    from tests.support import korean

    default = _hist([2.3, 2.0, 1.5, 1.2, 1.0])
    with korean():
        assert "손실이 오히려 커짐" in _describe(_hist([2.3, 2.6, 2.9]), default, False, 2)
        assert "거의 그대로" in _describe(_hist([2.3, 2.29, 2.28]), default, False, 2)
        better = _describe(_hist([2.3, 1.0, 0.5]), default, False, 2)
        assert better.endswith("2에폭 (갱신 2회) 후:\n기본 학습의 같은 에폭 손실(1.0000)보다 낮음")
        worse = _describe(_hist([2.3, 1.9, 1.6], epochs=1), default, True, 2)
        assert worse.endswith("1에폭 (갱신 2회) 후 (갱신 한도 때문에 2에폭에서 줄임):\n"
                              "기본 학습의 같은 에폭 손실(1.5000)보다 높음")
        assert "기본 학습의 같은 에폭 손실(1.0000)과 같음" in _describe(_hist([2.3, 1.7, 1.0]),
                                                                 default, False, 2)
