"""Regression tests of the QA fault sweep (widgets): one dpi rule, losses named ``losses``,
extreme losses, the training explorer's checks at build time and a diverging run."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import types  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import helpers.widgets.training as training_module  # noqa: E402
from helpers.network import TwoLayerNet, train_sgd  # noqa: E402
from helpers.widgets import (  # noqa: E402
    FigureView,
    cee_curve_widget,
    minibatch_explorer,
    prediction_widget,
    training_explorer,
)
from helpers.widgets.single import interesting_examples  # noqa: E402

RNG = np.random.default_rng(3)
Y = RNG.dirichlet(np.ones(10), 6)
T = RNG.integers(0, 10, 6)
X = RNG.random((6, 784))
LS = RNG.exponential(0.3, 300)


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(1)
    w = rng.standard_normal((784, 10))
    x = rng.random((60, 784), dtype=np.float32)
    t = (x @ w).argmax(axis=1)
    return x[:40], t[:40], x[40:], t[40:]


@pytest.fixture(scope="module")
def default(data):
    x, t, xt, tt = data
    return train_sgd(TwoLayerNet(784, 50, 10, rng=0), x, t, batch_size=20, lr=0.1, epochs=1,
                     rng=0, x_test=xt, t_test=tt, eval_every=1, progress=False)


WIDGETS = {
    "FigureView": lambda dpi: FigureView(Figure(figsize=(2, 2)), dpi=dpi),
    "cee_curve_widget": lambda dpi: cee_curve_widget(dpi=dpi),
    "prediction_widget": lambda dpi: prediction_widget(X, Y, T, dpi=dpi),
    "minibatch_explorer": lambda dpi: minibatch_explorer(LS, batch_sizes=[1, 10, 100], dpi=dpi),
}


@pytest.mark.parametrize("dpi", [1, 2, 3, 19])
@pytest.mark.parametrize("make", list(WIDGETS.values()), ids=list(WIDGETS))
def test_too_small_dpi_is_a_value_error_not_a_freetype_error(make, dpi):
    with pytest.raises(ValueError, match="^dpi must be an int >= 20"):
        make(dpi)


@pytest.mark.parametrize("make", list(WIDGETS.values()), ids=list(WIDGETS))
def test_huge_dpi_is_a_value_error_not_a_memory_error(make):
    with pytest.raises(ValueError, match="^dpi must be at most 400"):
        make(10**6)


def test_dpi_and_figure_size_give_a_bounded_image():
    with pytest.raises(ValueError, match="^dpi 400 renders this 50 x 50 inch figure"):
        FigureView(Figure(figsize=(50, 50)), dpi=400)
    with pytest.raises(ValueError, match="^dpi 20 renders"):
        FigureView(Figure(figsize=(0.01, 2)), dpi=20)
    assert FigureView(Figure(figsize=(2, 2)), dpi=20).image.value[:4] == b"\x89PNG"


def test_training_explorer_dpi(data, default):
    x, t, xt, tt = data
    for dpi in (1, 3):
        with pytest.raises(ValueError, match="^dpi must be an int >= 20"):
            training_explorer(x, t, xt, tt, default=default, dpi=dpi)


@pytest.mark.parametrize("call", [
    lambda losses: interesting_examples(Y, T, losses=losses),
    lambda losses: prediction_widget(X, Y, T, losses, dpi=20),
], ids=["interesting_examples", "prediction_widget"])
@pytest.mark.parametrize("losses", [np.full(6, -5.0), np.full(6, np.nan), np.zeros((6, 1))],
                         ids=["negative", "nan", "2-D"])
def test_losses_are_checked_once_and_named_losses(call, losses):
    with pytest.raises(ValueError, match="^losses "):
        call(losses)


@pytest.mark.parametrize("losses", [[1e308, 1e308], [1e300, 1e308], [1e300, 0.0]])
def test_minibatch_explorer_rejects_losses_it_cannot_draw(losses):
    with pytest.raises(ValueError, match=r"^losses must be at most 1e\+299"):
        minibatch_explorer(losses, batch_size=1, batch_sizes=[1, 2], dpi=20)


def test_minibatch_explorer_with_extreme_but_drawable_losses():
    box = minibatch_explorer([1e299, 0.0, 1e299], batch_size=1, batch_sizes=[1, 2, 3], dpi=20)
    for b in (2, 3):
        box.sliders["batch_size"].value = b
    box.sliders["replace"].value = False
    assert np.isfinite(box.state["edges"]).all()
    with pytest.raises(ValueError, match="^losses must be per-sample losses >= 0"):
        minibatch_explorer([-5.0, 1.0], batch_size=1, batch_sizes=[1, 2], dpi=20)


@pytest.mark.parametrize(("change", "error", "match"), [
    ({"t": [[1, 2], [3]]}, TypeError, "^t must be a numeric array"),
    ({"t": "labels"}, TypeError, "^t must be a numeric array"),
    ({"x_test": "abc", "t_test": "def"}, TypeError, "^x_test must be a numeric array"),
    ({"default": types.SimpleNamespace(settings={"n_train": 40})}, TypeError,
     "^default must be a TrainHistory"),
    ({"learning_rates": (1e308,)}, ValueError, r"^learning_rates\[0\] must be <= 100"),
    ({"learning_rates": (0.1, 101)}, ValueError, r"^learning_rates\[1\] must be <= 100"),
    ({"learning_rates": (True,)}, TypeError, r"^learning_rates\[0\] must be a real number"),
    ({"batch_sizes": [[1, 2], [3]]}, TypeError, r"^batch_sizes\[0\] must be an int"),
])
def test_training_explorer_checks_everything_when_made(data, default, change, error, match):
    x, t, xt, tt = data
    kwargs = {"x": x, "t": t, "x_test": xt, "t_test": tt, "default": default, **change}
    with pytest.raises(error, match=match):
        training_explorer(**kwargs)


def test_training_explorer_labels_must_fit_the_default(data, default):
    x, t, xt, tt = data
    with pytest.raises(ValueError, match="^t labels must be in 0..9"):
        training_explorer(x, t + 10, xt, tt, default=default)


MESSAGE = "params['W1'] contains NaN or inf (did training diverge? try a smaller lr)"


def _diverging(real):
    """train_sgd, but the weights 'blow up' at the second evaluation (as for a huge lr)."""
    def fake(*args, callback=None, **kwargs):
        def cb(step, hist):
            callback(step, hist)
            if step >= 2:
                raise ValueError(MESSAGE)
        return real(*args, callback=cb, **kwargs)
    return fake


def test_a_diverging_run_is_reported_not_raised(data, default, monkeypatch):
    x, t, xt, tt = data
    box = training_explorer(x, t, xt, tt, default=default, dpi=20)
    monkeypatch.setattr(training_module, "train_sgd", _diverging(training_module.train_sgd))
    box.selectors["lr"].value = 3.0
    box.button.click()  # no exception out of the click
    assert box.state["diverged"] and box.state["history"] is None
    assert "diverged: this learning rate is too large" in box.title.get_text()
    assert "Diverged" in box.status.value and box.progress.bar_style == "danger"
    assert len(box.curves["chosen"]["train"].get_xdata()) >= 1  # drawn up to there
    assert not box.button.disabled
    assert box.train() is None
    monkeypatch.undo()
    hist = box.train()  # a good run afterwards clears the flag
    assert hist is not None and not box.state["diverged"]


def test_other_failures_of_a_click_are_shown_not_raised(data, default, monkeypatch):
    x, t, xt, tt = data
    box = training_explorer(x, t, xt, tt, default=default, dpi=20)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(training_module, "train_sgd", broken)
    box.button.click()
    assert "Training failed" in box.status.value and "disk full" in box.status.value
    with pytest.raises(RuntimeError):
        box.train()  # a direct call still raises
