"""Tests for helpers.network.training: train_sgd, TrainHistory, steps_per_epoch, the net protocol.

The reference for the trainer is the book's loop written out here (same rng
calls, same update), compared bit for bit.
"""

from __future__ import annotations

import contextlib
import signal
import warnings

import numpy as np
import pytest

from helpers.network import TrainHistory, TwoLayerNet, steps_per_epoch, train_sgd


def tiny_problem(n=300, d=8, k=3, seed=0, n_test=0):
    """A linearly separable synthetic classification problem (float32 inputs).

    Returns ``x, t``, or ``(x, t), (x_test, t_test)`` when ``n_test > 0``.
    """
    rng = np.random.default_rng(seed)
    w = rng.standard_normal((d, k))
    x = rng.standard_normal((n + n_test, d)).astype(np.float32)
    t = (x @ w).argmax(axis=1)
    return ((x[:n], t[:n]), (x[n:], t[n:])) if n_test else (x, t)


# ------------------------------------------------------- steps_per_epoch


@pytest.mark.parametrize("n, b", [(1, 1), (10, 1), (10, 3), (10, 10), (103, 10), (250, 100),
                                  (60000, 100), (60000, 7), (5, 4)])
def test_steps_per_epoch_counts_the_batches(n, b):
    # without replacement: the batches a slicing loop actually produces
    assert steps_per_epoch(n, b) == steps_per_epoch(n, b, replace=False) == len(range(0, n, b))
    # with replacement: the book's iter_per_epoch = max(train_size / batch_size, 1), whole steps
    book = max(int(n / b), 1)
    assert steps_per_epoch(n, b, replace=True) == book
    assert steps_per_epoch(n, None) == steps_per_epoch(n, None, replace=True) == 1


@pytest.mark.parametrize(
    "args, error, match",
    [
        ((0, 1), ValueError, "n must be an int >= 1"),
        ((10.0, 1), TypeError, "n must be an int"),
        (("10", 1), TypeError, "n must be an int"),
        ((10, 0), ValueError, "batch_size must be an int >= 1"),
        ((10, 11), ValueError, "batch_size must be at most 10"),
        ((10, 2.5), TypeError, "batch_size must be an int"),
        ((10, True), TypeError, "batch_size must be an int"),
        ((10, 2, "False"), TypeError, "replace must be True or False"),
        ((10, 2, 0), TypeError, "replace must be True or False"),
        ((10, 2, None), TypeError, "replace must be True or False"),
        ((10, None, "shuffle"), TypeError, "replace must be True or False"),
    ],
)
def test_steps_per_epoch_bad_arguments(args, error, match):
    with pytest.raises(error, match=match):
        steps_per_epoch(*args)


# ------------------------------------------------------------- train_sgd


def book_loop(net, x, t, batch_size, lr, epochs, seed, replace):
    """The training loop written out: the same rng calls and the same in-place update."""
    rng = np.random.default_rng(seed)
    n = len(x)
    losses = []
    for _ in range(epochs):
        if replace:
            batches = [rng.integers(0, n, size=batch_size) for _ in range(max(n // batch_size, 1))]
        else:
            perm = rng.permutation(n)
            batches = [perm[i:i + batch_size] for i in range(0, n, batch_size)]
        for idx in batches:
            losses.append(net.loss(x[idx], t[idx]))
            for name, g in net.gradient(x[idx], t[idx]).items():
                net.params[name] -= lr * g
    return np.array(losses)


@pytest.mark.parametrize("replace", [False, True])
def test_train_sgd_is_the_book_loop_bit_for_bit(replace):
    x, t = tiny_problem(n=103)
    net, ref, start = (TwoLayerNet(8, 6, 3, weight_init_std=0.5, rng=0) for _ in range(3))
    hist = train_sgd(net, x, t, batch_size=10, lr=0.7, epochs=3, rng=9, replace=replace,
                     progress=False)
    ref_losses = book_loop(ref, x, t, 10, 0.7, 3, 9, replace)
    assert hist.loss.shape == ref_losses.shape == (3 * (10 if replace else 11),)
    np.testing.assert_allclose(hist.loss, ref_losses, rtol=1e-6)  # mean vs sum / n
    for name in net.params:
        np.testing.assert_array_equal(net.params[name], ref.params[name], err_msg=name)
    assert not np.array_equal(net.params["W1"], start.params["W1"])  # it did train
    assert hist.settings["replace"] is replace


def test_full_batch_is_plain_gradient_descent():
    x, t = tiny_problem(n=50)
    net, ref = TwoLayerNet(8, 6, 3, rng=0), TwoLayerNet(8, 6, 3, rng=0)
    hist = train_sgd(net, x, t, batch_size=None, lr=0.5, epochs=4, rng=0, progress=False)
    for _ in range(4):
        for name, g in ref.gradient(x, t).items():
            ref.params[name] -= 0.5 * g
    for name in net.params:
        np.testing.assert_array_equal(net.params[name], ref.params[name])
    assert hist.settings["steps_per_epoch"] == 1 and hist.loss.shape == (4,)


@pytest.mark.parametrize("replace", [False, True])
@pytest.mark.parametrize("batch_size", [32, None])
def test_train_sgd_lowers_the_loss(replace, batch_size):
    (x, t), (xt, tt) = tiny_problem(n_test=100)
    net = TwoLayerNet(8, 16, 3, weight_init_std=0.1, rng=1)
    epochs = 15 if batch_size else 150  # full batch: one step per epoch
    hist = train_sgd(net, x, t, batch_size=batch_size, lr=1.0, epochs=epochs, rng=2,
                     replace=replace, x_test=xt, t_test=tt, progress=False)
    assert isinstance(hist, TrainHistory)
    assert hist.train_loss[-1] < 0.6 * hist.train_loss[0]
    assert hist.train_acc[-1] > 0.85 and hist.test_acc[-1] > 0.8
    assert np.isfinite(hist.loss).all() and hist.loss.dtype == np.float64
    assert all(v.dtype == np.float32 for v in net.params.values())
    # the recorded full loss and accuracies are the network's at that moment
    assert hist.train_loss[-1] == pytest.approx(net.loss(x, t), rel=1e-12)
    assert hist.train_acc[-1] == net.accuracy(x, t) and hist.test_acc[-1] == net.accuracy(xt, tt)
    assert hist.test_loss[-1] == pytest.approx(net.loss(xt, tt), rel=1e-12)


def test_train_sgd_history_contents():
    (x, t), (xt, tt) = tiny_problem(n=250, n_test=50)
    net = TwoLayerNet(8, 6, 3, rng=0)
    seen = []
    hist = train_sgd(net, x, t, batch_size=100, lr=0.5, epochs=2, rng=0, replace=False, x_test=xt,
                     t_test=tt, eval_every=2, progress=False,
                     callback=lambda step, h: seen.append((step, np.isfinite(h.train_loss).sum())))
    # without replacement: ceil(250 / 100) = 3 steps per epoch
    assert hist.settings["steps_per_epoch"] == 3 and hist.loss.shape == (6,)
    np.testing.assert_array_equal(hist.eval_step, [0, 2, 3, 4, 6])
    np.testing.assert_allclose(hist.eval_epoch, [0, 2 / 3, 1, 4 / 3, 2])
    assert seen == [(0, 1), (2, 2), (3, 3), (4, 4), (6, 5)]  # called after each evaluation
    for arr in (hist.train_loss, hist.train_acc, hist.test_loss, hist.test_acc, hist.seconds):
        assert arr.shape == (5,) and np.isfinite(arr).all()
    assert (np.diff(hist.seconds) >= 0).all() and hist.seconds[0] >= 0
    assert hist.train_loss[0] == pytest.approx(np.log(3), rel=1e-3)  # tiny init: uniform y
    assert hist.settings == dict(batch_size=100, lr=0.5, epochs=2, replace=False, n_train=250,
                                 steps_per_epoch=3, n_steps=6, eval_every=2, sizes=(8, 6, 3),
                                 hidden_size=6, dtype="float32")
    # with replacement: the book's N // B steps per epoch; no test data -> NaN
    hist = train_sgd(TwoLayerNet(8, 6, 3, rng=0), x, t, batch_size=100, epochs=2, rng=0,
                     replace=True, progress=False)
    assert hist.settings["steps_per_epoch"] == 2 and hist.settings["replace"] is True
    np.testing.assert_array_equal(hist.eval_step, [0, 2, 4])
    assert np.isnan(hist.test_acc).all() and np.isnan(hist.test_loss).all()
    assert np.isfinite(hist.train_loss).all()
    hist = train_sgd(TwoLayerNet(8, 6, 3, rng=0), x[:50], t[:50], batch_size=50, rng=0,
                     replace=True, progress=False)
    assert hist.settings["steps_per_epoch"] == 1


def _record_batches(monkeypatch, net):
    batches = []
    inner = net.loss_and_gradient
    monkeypatch.setattr(net, "loss_and_gradient",
                        lambda xb, tb: batches.append(xb[:, 0].astype(int)) or inner(xb, tb))
    return batches


def test_without_replacement_uses_every_sample_once_per_epoch(monkeypatch):
    n = 103
    x = np.zeros((n, 4), np.float32)
    x[:, 0] = np.arange(n)  # the sample's id in column 0
    t = np.arange(n) % 2
    net = TwoLayerNet(4, 3, 2, rng=0)
    batches = _record_batches(monkeypatch, net)
    train_sgd(net, x, t, batch_size=10, lr=1e-9, epochs=2, rng=0, progress=False)
    assert [b.size for b in batches] == [10] * 10 + [3] + [10] * 10 + [3]
    for epoch in (batches[:11], batches[11:]):
        np.testing.assert_array_equal(np.sort(np.concatenate(epoch)), np.arange(n))
    assert not np.array_equal(np.concatenate(batches[:11]), np.concatenate(batches[11:]))


def test_with_replacement_draws_full_batches_that_can_repeat(monkeypatch):
    n = 30
    x = np.zeros((n, 4), np.float32)
    x[:, 0] = np.arange(n)
    net = TwoLayerNet(4, 3, 2, rng=0)
    batches = _record_batches(monkeypatch, net)
    train_sgd(net, x, np.arange(n) % 2, batch_size=20, lr=1e-9, epochs=30, rng=0, replace=True,
              progress=False)
    assert [b.size for b in batches] == [20] * 30  # max(30 // 20, 1) = 1 step per epoch
    assert any(np.unique(b).size < b.size for b in batches)  # a sample repeats within a batch


@pytest.mark.parametrize("replace", [False, True])
def test_train_sgd_seeded_runs_repeat(replace):
    x, t = tiny_problem()
    runs = []
    for seed in (5, 5, 6):
        net = TwoLayerNet(8, 6, 3, rng=0)
        hist = train_sgd(net, x, t, batch_size=20, lr=0.5, epochs=2, rng=seed, replace=replace,
                         progress=False)
        runs.append((net.params["W1"].copy(), hist.loss))
    np.testing.assert_array_equal(runs[0][0], runs[1][0])
    np.testing.assert_array_equal(runs[0][1], runs[1][1])
    assert not np.array_equal(runs[0][1], runs[2][1])


def test_train_sgd_accepts_lists_and_never_mutates_inputs():
    (x, t), (xt, tt) = tiny_problem(n=60, n_test=20)
    x64, onehot = x.astype(np.float64), np.eye(3)[t]
    copies = [a.copy() for a in (x64, onehot, xt, tt)]
    net = TwoLayerNet(8, 6, 3, rng=0)
    hist = train_sgd(net, x64, onehot, batch_size=7, lr=0.5, epochs=2, rng=3, x_test=xt, t_test=tt,
                     progress=False)
    for a, before in zip((x64, onehot, xt, tt), copies, strict=True):
        np.testing.assert_array_equal(a, before)
        assert a.dtype == before.dtype
    net2 = TwoLayerNet(8, 6, 3, rng=0)
    hist2 = train_sgd(net2, x.tolist(), t.tolist(), batch_size=7, lr=0.5, epochs=2, rng=3,
                      x_test=xt.tolist(), t_test=tt.tolist(), progress=False)
    np.testing.assert_array_equal(net.params["W1"], net2.params["W1"])  # one-hot == labels
    np.testing.assert_array_equal(hist.test_acc, hist2.test_acc)


def test_progress_bar_is_shown_on_request(capsys):
    x, t = tiny_problem(n=40)
    train_sgd(TwoLayerNet(8, 4, 3, rng=0), x, t, batch_size=10, progress=True)
    assert "train_sgd" in capsys.readouterr().err
    train_sgd(TwoLayerNet(8, 4, 3, rng=0), x, t, batch_size=10, progress=False)
    assert capsys.readouterr().err == ""


# --------------------------------------------------------------- the protocol


class SoftmaxRegression:
    """Not a TwoLayerNet: one layer, with just params, loss_and_gradient and predict."""

    def __init__(self, d=8, k=3):
        self.params = {"W": np.zeros((d, k)), "b": np.zeros(k)}

    def predict(self, x):
        a = x @ self.params["W"] + self.params["b"]
        e = np.exp(a - a.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def loss_and_gradient(self, x, t):
        y = self.predict(x)
        n = len(t)
        dy = y.copy()
        dy[np.arange(n), t] -= 1
        dy /= n
        return float(-np.log(y[np.arange(n), t]).mean()), {"W": x.T @ dy, "b": dy.sum(axis=0)}


def test_any_net_with_the_protocol_trains():
    (x, t), (xt, tt) = tiny_problem(n_test=100)
    net = SoftmaxRegression(8, 3)
    hist = train_sgd(net, x, t, batch_size=30, lr=1.0, epochs=10, rng=0, x_test=xt, t_test=tt,
                     progress=False)
    assert hist.train_loss[0] == pytest.approx(np.log(3)) and hist.train_loss[-1] < 0.5 * np.log(3)
    assert hist.test_acc[-1] > 0.85 and net.params["W"].any()
    assert hist.settings["hidden_size"] is None and hist.settings["dtype"] == "float64"
    assert hist.settings["sizes"] is None
    assert hist.settings["steps_per_epoch"] == steps_per_epoch(300, 30)


class _NamedW1:
    """One softmax layer whose weights happen to be called W1 and b1: W1 is no hidden layer."""

    def __init__(self, sizes=None, d=8, k=3):
        self.params = {"W1": np.zeros((d, k)), "b1": np.zeros(k)}
        if sizes is not None:
            self.sizes = sizes

    def predict(self, x):
        a = x @ self.params["W1"] + self.params["b1"]
        e = np.exp(a - a.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def loss_and_gradient(self, x, t):
        dy = self.predict(x)
        loss = float(-np.log(dy[np.arange(len(t)), t]).mean())
        dy[np.arange(len(t)), t] -= 1
        dy /= len(t)
        return loss, {"W1": x.T @ dy, "b1": dy.sum(axis=0)}


@pytest.mark.parametrize("sizes, recorded, hidden", [
    (None, None, None),  # no sizes attribute: no guess from the parameter names
    ((8, 3), (8, 3), None),  # no hidden layer
    ([8, 5, 3], (8, 5, 3), 5),  # one hidden layer, given as a list
    ((8, np.int64(4), 2, 3), (8, 4, 2, 3), None),  # two hidden layers: no single hidden_size
    ((8, 2.5, 3), None, None),  # not ints: not recorded
    ("832", None, None),
])
def test_settings_record_the_nets_own_sizes_only(sizes, recorded, hidden):
    x, t = tiny_problem(n=60)
    hist = train_sgd(_NamedW1(sizes=sizes), x, t, batch_size=30, epochs=1, rng=0, progress=False)
    assert hist.settings["sizes"] == recorded and hist.settings["hidden_size"] == hidden
    assert type(hist.settings["hidden_size"]) is (int if hidden is not None else type(None))


class _NoPredict:
    params = {"W": np.zeros((8, 3))}

    def loss_and_gradient(self, x, t):
        return 0.0, {}


class _ParamsNotDict(SoftmaxRegression):
    def __init__(self):
        super().__init__(8, 3)
        self.params = [self.params["W"]]


class _IntParams(SoftmaxRegression):
    def __init__(self):
        super().__init__(8, 3)
        self.params = {"W": np.zeros((8, 3), int)}


class _BadGrads(SoftmaxRegression):
    def loss_and_gradient(self, x, t):
        return 0.0, {"W": np.zeros((2, 2))}


class _BadPredict(SoftmaxRegression):
    def predict(self, x):
        return 0.5


@pytest.mark.parametrize(
    "net, match",
    [
        ("net", "net must have params .*str lacks params, loss_and_gradient, predict"),
        (None, "NoneType lacks params"),
        (_NoPredict(), "_NoPredict lacks predict"),
        (_ParamsNotDict(), "_ParamsNotDict lacks params"),
        (_IntParams(), "net.params must hold floating numpy arrays"),
        (_BadGrads(), "net.loss_and_gradient must return"),
        (_BadPredict(), "net.predict must return probabilities"),
    ],
)
def test_nets_without_the_protocol_are_type_errors(net, match):
    x, t = tiny_problem()
    with pytest.raises(TypeError, match=match):
        train_sgd(net, x, t, progress=False)


# ------------------------------------------------------------- bad arguments


def book_run(net, x, t, x_test, t_test, batch_size, lr, iters_num, seed):
    """The book's ch04/train_neuralnet.py written out, with accuracies at every epoch's end.

    The same draws and updates as ``train_sgd(replace=True, steps=iters_num)``; the book
    measures the accuracies after update ``i`` when ``i % iter_per_epoch == 0``, we after
    every ``iter_per_epoch`` updates (and before the first, and after the last).
    """
    rng = np.random.default_rng(seed)
    n = len(x)
    iter_per_epoch = max(n // batch_size, 1)
    acc = [(net.accuracy(x, t), net.accuracy(x_test, t_test))]
    for i in range(1, iters_num + 1):
        batch_mask = rng.integers(0, n, size=batch_size)
        grad = net.gradient(x[batch_mask], t[batch_mask])
        for key in ("W1", "b1", "W2", "b2"):
            net.params[key] -= lr * grad[key]
        if i % iter_per_epoch == 0 or i == iters_num:
            acc.append((net.accuracy(x, t), net.accuracy(x_test, t_test)))
    return np.array(acc)


@pytest.mark.parametrize("iters_num, expected_evals", [(25, 4), (30, 4), (7, 2)])
def test_steps_is_the_books_iters_num_with_accuracies_every_epoch(iters_num, expected_evals):
    (x, t), (xt, tt) = tiny_problem(n=100, n_test=40)
    net, ref = (TwoLayerNet(8, 6, 3, weight_init_std=0.5, rng=1) for _ in range(2))
    hist = train_sgd(net, x, t, batch_size=10, lr=0.5, steps=iters_num, rng=4, replace=True,
                     x_test=xt, t_test=tt, progress=False)
    acc = book_run(ref, x, t, xt, tt, 10, 0.5, iters_num, 4)
    assert hist.loss.size == hist.settings["n_steps"] == iters_num
    assert hist.settings["epochs"] == -(-iters_num // 10)
    assert hist.eval_step.size == expected_evals == len(acc)
    assert hist.eval_step[-1] == iters_num and hist.eval_step.dtype.kind == "i"
    np.testing.assert_array_equal(hist.train_acc, acc[:, 0])
    np.testing.assert_array_equal(hist.test_acc, acc[:, 1])
    for key in net.params:
        np.testing.assert_array_equal(net.params[key], ref.params[key], err_msg=key)


def test_steps_without_replacement_stops_inside_an_epoch():
    x, t = tiny_problem(n=100)
    net, ref = (TwoLayerNet(8, 6, 3, weight_init_std=0.5, rng=1) for _ in range(2))
    hist = train_sgd(net, x, t, batch_size=30, lr=0.5, steps=6, rng=2, progress=False)
    full = train_sgd(ref, x, t, batch_size=30, lr=0.5, epochs=2, rng=2, progress=False)
    np.testing.assert_array_equal(hist.loss, full.loss[:6])  # the same batches, 2 left out
    assert hist.eval_step.tolist() == [0, 4, 6] and full.eval_step.tolist() == [0, 4, 8]


def test_blas_threads_is_limited_while_training_only(monkeypatch):
    from threadpoolctl import threadpool_info

    x, t = tiny_problem(n=50)
    seen = []
    net = TwoLayerNet(8, 4, 3, rng=0)
    real = net.loss_and_gradient

    def spy(xb, tb):
        seen.append({m["num_threads"] for m in threadpool_info() if m["user_api"] == "blas"})
        return real(xb, tb)

    monkeypatch.setattr(net, "loss_and_gradient", spy)
    before = [m["num_threads"] for m in threadpool_info()]
    train_sgd(net, x, t, batch_size=25, epochs=1, progress=False)
    assert seen and all(s <= {1} for s in seen)
    assert [m["num_threads"] for m in threadpool_info()] == before  # restored


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(batch_size=0), ValueError, "batch_size must be an int >= 1"),
        (dict(batch_size=-5), ValueError, "batch_size must be an int >= 1"),
        (dict(batch_size=301), ValueError, "batch_size must be at most 300"),
        (dict(batch_size=2.5), TypeError, "batch_size must be an int"),
        (dict(batch_size=100.0), TypeError, "batch_size must be an int"),
        (dict(batch_size=True), TypeError, "batch_size must be an int"),
        (dict(batch_size="100"), TypeError, "batch_size must be an int"),
        (dict(lr=0), ValueError, "lr must be > 0"),
        (dict(lr=-0.1), ValueError, "lr must be > 0"),
        (dict(lr=np.inf), ValueError, "lr must be finite"),
        (dict(lr=np.nan), ValueError, "lr must be finite"),
        (dict(lr=True), TypeError, "lr must be a real number"),
        (dict(lr="0.1"), TypeError, "lr must be a real number"),
        (dict(lr=None), TypeError, "lr must be a real number"),
        (dict(epochs=0), ValueError, "epochs must be an int >= 1"),
        (dict(epochs=1.0), TypeError, "epochs must be an int"),
        (dict(epochs="3"), TypeError, "epochs must be an int"),
        (dict(steps=0), ValueError, "steps must be an int >= 1"),
        (dict(steps=10.0), TypeError, "steps must be an int"),
        (dict(steps=10**7 + 1), ValueError, "steps must be at most"),
        (dict(steps=10, epochs=2), ValueError, "steps and epochs: give one"),
        (dict(blas_threads=0), ValueError, "blas_threads must be an int >= 1"),
        (dict(blas_threads=1.0), TypeError, "blas_threads must be an int"),
        (dict(replace="False"), TypeError, "replace must be True or False"),
        (dict(replace=0), TypeError, "replace must be True or False"),
        (dict(replace=1), TypeError, "replace must be True or False"),
        (dict(replace=None), TypeError, "replace must be True or False"),
        (dict(replace="shuffle"), TypeError, "replace must be True or False"),
        (dict(eval_every=0), ValueError, "eval_every must be an int >= 1"),
        (dict(eval_every=2.0), TypeError, "eval_every must be an int"),
        (dict(progress=1), TypeError, "progress must be True or False"),
        (dict(progress="no"), TypeError, "progress must be True or False"),
        (dict(progress=None), TypeError, "progress must be True or False"),
        (dict(callback=3), TypeError, "callback must be callable or None"),
        (dict(callback="print"), TypeError, "callback must be callable or None"),
        (dict(rng=-1), ValueError, "rng must be"),
        (dict(rng="seed"), (TypeError, ValueError), "rng must be"),
        (dict(x_test=np.zeros((3, 8))), TypeError, "t_test must be given with x_test"),
        (dict(t_test=[0, 1, 2]), TypeError, "x_test must be given with t_test"),
        (dict(x_test=np.zeros((3, 8)), t_test=[0, 1]), ValueError,
         r"t_test must have one target per row of x_test \(3\), got 2"),
        (dict(x_test=np.zeros((3, 5)), t_test=[0, 1, 2]), ValueError,
         r"x_test must have shape \(M, 8\) like x"),
        (dict(x_test=np.full((3, 8), np.nan), t_test=[0, 1, 2]), ValueError, "x_test contains NaN"),
        (dict(x_test=np.zeros(8), t_test=[0]), ValueError, "x_test must be 2-D"),
        (dict(x_test=np.full((3, 8), "a"), t_test=[0, 1, 2]), TypeError,
         "x_test must be a numeric"),
        (dict(x_test=np.zeros((3, 8)), t_test=[0, 1, 3]), ValueError,
         r"t_test labels must be in 0\.\.2"),
        (dict(x_test=np.zeros((3, 8)), t_test=["a", "b", "c"]), TypeError, "t_test must be"),
    ],
)
def test_train_sgd_bad_arguments(kwargs, error, match):
    x, t = tiny_problem()
    net = TwoLayerNet(8, 4, 3, rng=0)
    before = net.params["W1"].copy()
    with pytest.raises(error, match=match):
        train_sgd(net, x, t, **{"progress": False, **kwargs})
    np.testing.assert_array_equal(net.params["W1"], before)  # rejected before any update


BAD_DATA = {
    "t too short": (lambda x, t: (x, t[:-1]), ValueError,
                    r"t must have one target per row of x \(300\)"),
    "t too long": (lambda x, t: (x, np.append(t, 0)), ValueError, "t must have one target per row"),
    "t out of range": (lambda x, t: (x, t + 1), ValueError, r"t labels must be in 0\.\.2"),
    "t float labels": (lambda x, t: (x, t.astype(float)), TypeError, "t labels must be integers"),
    "t strings": (lambda x, t: (x, t.astype(str)), TypeError, "t must be a numeric array"),
    "t 3-D": (lambda x, t: (x, t.reshape(-1, 1, 1)), ValueError, "t must be 1-D or 2-D"),
    "t not one-hot": (lambda x, t: (x, np.ones((300, 3))), ValueError, "must be one-hot"),
    "x one sample": (lambda x, t: (x[0], t[:1]), ValueError, "x must be 2-D"),
    "x 3-D": (lambda x, t: (x[:, None], t), ValueError, "x must be 2-D"),
    "x wrong width": (lambda x, t: (x[:, :5], t), ValueError,
                      r"x must have shape \(8,\) or \(N, 8\)"),
    "x empty": (lambda x, t: (x[:0], t[:0]), ValueError, "x is empty"),
    "x NaN": (lambda x, t: (np.where(x > 2, np.nan, x), t), ValueError, "x contains NaN or inf"),
    "x inf": (lambda x, t: (np.where(x > 2, np.inf, x), t), ValueError, "x contains NaN or inf"),
    "x strings": (lambda x, t: (x.astype(str), t), TypeError, "x must be a numeric array"),
    "x complex": (lambda x, t: (x.astype(complex), t), TypeError, "x must be a numeric array"),
    "x bools": (lambda x, t: (x > 0, t), TypeError, "x must be a numeric array"),
    "x None": (lambda x, t: (None, t), TypeError, "x must be a numeric array"),
}


@pytest.mark.parametrize("case", list(BAD_DATA))
def test_train_sgd_bad_data(case):
    make, error, match = BAD_DATA[case]
    x, t = make(*tiny_problem())
    with pytest.raises(error, match=match):
        train_sgd(TwoLayerNet(8, 4, 3, rng=0), x, t, progress=False)


# ------------------------------------------------ QA fault sweep (contract)


@contextlib.contextmanager
def _deadline(seconds):
    """Fail instead of hanging (SIGALRM, between Python bytecodes; the tests run on Linux)."""
    def boom(*_):
        raise TimeoutError(f"took more than {seconds} s")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("kwargs, name", [
    (dict(epochs=10**30), "epochs"),
    (dict(epochs=2**62), "epochs"),
    (dict(epochs=2**5000), "epochs"),
    (dict(epochs=3_333_334), "epochs"),  # 3 steps per epoch: just over 10**7 updates
    (dict(epochs=10**7 + 1, batch_size=None), "epochs"),  # 1 step per epoch
    (dict(epochs=2, eval_every=10**30), "eval_every"),
    (dict(epochs=2, eval_every=7), "eval_every"),  # 6 updates in all
])
def test_train_sgd_huge_epochs_or_eval_every_fail_fast(kwargs, name):
    x, t = tiny_problem(n=12, d=4, k=2)
    net = TwoLayerNet(4, 3, 2, rng=0)
    before = {k: v.copy() for k, v in net.params.items()}
    with _deadline(5), pytest.raises(ValueError) as e:
        train_sgd(net, x, t, **{"batch_size": 4, "progress": False, **kwargs})
    assert str(e.value).startswith(f"{name} must be at most"), str(e.value)
    for k, v in net.params.items():
        np.testing.assert_array_equal(v, before[k])


def test_epochs_exactly_at_the_update_cap_are_accepted():
    from helpers.network.training import MAX_UPDATES, _check_arguments

    assert MAX_UPDATES == 10**7
    x, t = tiny_problem(n=12, d=4, k=2)
    run = _check_arguments(TwoLayerNet(4, 3, 2, rng=0), x, t, batch_size=None, lr=0.1,
                           epochs=10**7, rng=0, replace=False, x_test=None, t_test=None,
                           eval_every=None, progress=False, callback=None)
    assert run.n_steps == 10**7  # checked only, not trained


def test_eval_every_equal_to_the_number_of_updates_is_fine():
    x, t = tiny_problem(n=12, d=4, k=2)
    hist = train_sgd(TwoLayerNet(4, 3, 2, rng=0), x, t, batch_size=4, epochs=2, eval_every=6,
                     rng=0, progress=False)
    np.testing.assert_array_equal(hist.eval_step, [0, 3, 6])
    assert hist.eval_step.dtype.kind == "i"


def test_eval_at_adds_evaluations_and_changes_no_update():
    x, t = tiny_problem(n=40, d=4, k=2)

    def run(**kw):
        return train_sgd(TwoLayerNet(4, 3, 2, rng=0), x, t, batch_size=4, epochs=2, rng=0,
                         progress=False, **kw)

    plain, extra = run(), run(eval_at=[7, 1, 2, 2, 5])
    np.testing.assert_array_equal(plain.eval_step, [0, 10, 20])
    np.testing.assert_array_equal(extra.eval_step, [0, 1, 2, 5, 7, 10, 20])
    np.testing.assert_array_equal(extra.loss, plain.loss)  # the same training, bit for bit
    for k, step in enumerate(extra.eval_step):  # reference: a net trained for exactly `step`
        if step in (0, 10, 20):
            assert extra.train_loss[k] == plain.train_loss[list(plain.eval_step).index(step)]
        else:
            net = TwoLayerNet(4, 3, 2, rng=0)
            rng = np.random.default_rng(0)
            perm = rng.permutation(40)
            for i in range(step):
                idx = perm[4 * i:4 * (i + 1)]
                _, grads = net.loss_and_gradient(x[idx], t[idx])
                for name in grads:
                    net.params[name] -= 0.1 * grads[name]
            y = net.predict(x)
            ref = -np.mean(np.log(y[np.arange(40), t] + 1e-7))
            assert extra.train_loss[k] == pytest.approx(ref, rel=1e-5)


@pytest.mark.parametrize("eval_at, exc, msg", [
    ([0, 3], ValueError, "eval_at must be ints >= 1"),
    ([3, 21], ValueError, "eval_at must hold steps from 1 to the number of updates (20)"),
    ([], ValueError, "eval_at"),
    (5, TypeError, "eval_at must be a sequence of ints"),
    ("12", TypeError, "eval_at must be a sequence of ints"),
    ([1.0, 2.0], TypeError, "eval_at"),
    ([[1, 2]], ValueError, "eval_at"),
])
def test_eval_at_rejects_bad_steps(eval_at, exc, msg):
    x, t = tiny_problem(n=40, d=4, k=2)
    with pytest.raises(exc, match=msg.replace("(", r"\(").replace(")", r"\)")):
        train_sgd(TwoLayerNet(4, 3, 2, rng=0), x, t, batch_size=4, epochs=2, eval_at=eval_at,
                  progress=False)


def _history(**changes):
    ev = np.array([0, 2, 4])
    fields = dict(loss=np.zeros(4), eval_step=ev, eval_epoch=ev / 2.0, train_loss=np.ones(3),
                  train_acc=np.ones(3), test_loss=np.full(3, np.nan), test_acc=np.full(3, np.nan),
                  seconds=np.zeros(3),
                  settings=dict(batch_size=5, lr=0.1, epochs=2, replace=False, n_train=10,
                                steps_per_epoch=2, n_steps=4))
    fields.update(changes)
    return fields


@pytest.mark.parametrize("changes, error, start", [
    (dict(settings=5), TypeError, "settings must be a dict"),
    (dict(settings=None), TypeError, "settings must be a dict"),
    (dict(settings={}), ValueError, "settings lacks"),
    (dict(settings=dict(steps_per_epoch=2)), ValueError, "settings lacks"),
    (dict(settings=dict(_history()["settings"], steps_per_epoch=0)), ValueError,
     "settings['steps_per_epoch'] must be an int >= 1"),
    (dict(settings=dict(_history()["settings"], epochs="2")), TypeError,
     "settings['epochs'] must be an int"),
    (dict(settings=dict(_history()["settings"], replace="False")), TypeError,
     "settings['replace'] must be True or False"),
    (dict(settings=dict(_history()["settings"], lr=0)), ValueError, "settings['lr'] must be > 0"),
    (dict(settings=dict(_history()["settings"], batch_size=0.5)), TypeError,
     "settings['batch_size'] must be an int"),
    (dict(settings=dict(_history()["settings"], n_steps=5)), ValueError,
     "settings['n_steps'] must equal"),
    (dict(loss="abcd"), TypeError, "loss must be a numeric array"),
    (dict(loss=np.zeros((2, 2))), ValueError, "loss must be 1-D"),
    (dict(loss=[]), ValueError, "loss is empty"),
    (dict(eval_step=np.array([0.0, 2.0, 4.0])), TypeError, "eval_step must be a numeric array"),
    (dict(eval_epoch=np.zeros(2)), ValueError, "eval_epoch must have one value per evaluation"),
    (dict(train_loss=np.zeros(4)), ValueError, "train_loss must have one value per evaluation"),
    (dict(seconds=None), TypeError, "seconds must be a numeric array"),
    (dict(test_acc=np.zeros(3, complex)), TypeError, "test_acc must be a numeric array"),
])
def test_train_history_checks_its_fields(changes, error, start):
    with pytest.raises(error) as e:
        TrainHistory(**_history(**changes))
    assert type(e.value) is error and str(e.value).startswith(start), str(e.value)


def test_train_history_positional_strings_are_refused():
    with pytest.raises(TypeError, match="^loss must be a numeric array"):
        TrainHistory(*"abcdefgh", settings=5)


def test_train_history_takes_lists_and_keeps_arrays():
    fields = _history()
    hist = TrainHistory(**fields)
    assert hist.loss is fields["loss"] and hist.settings is fields["settings"]  # not copied
    listed = TrainHistory(**{k: v.tolist() if isinstance(v, np.ndarray) else v
                             for k, v in fields.items()})
    assert isinstance(listed.eval_step, np.ndarray) and listed.eval_step.size == 3
    np.testing.assert_array_equal(listed.test_acc, fields["test_acc"])


def test_train_sgd_history_passes_the_checks_and_gd_too():
    x, t = tiny_problem(n=12, d=4, k=2)
    for b in (4, None):
        hist = train_sgd(TwoLayerNet(4, 3, 2, rng=0), x, t, batch_size=b, epochs=3, rng=0,
                         progress=False)
        again = TrainHistory(**{f: getattr(hist, f) for f in hist.__dataclass_fields__})
        assert again.settings["n_steps"] == hist.loss.size


def test_diverging_lr_is_a_value_error_naming_a_parameter_without_warnings():
    x, t = tiny_problem(n=12, d=4, k=2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"^params\['\w+'\] contains NaN or inf"):
            train_sgd(TwoLayerNet(4, 3, 2, rng=0), x, t, batch_size=4, lr=1e308, progress=False)


def test_progress_bar_in_korean(capsys):
    from helpers import i18n
    from tests.support import korean

    x, t = tiny_problem(n=40)
    with korean():
        train_sgd(TwoLayerNet(8, 4, 3, rng=0), x, t, batch_size=10, epochs=2, progress=True)
    err = capsys.readouterr().err
    final = err.replace("\r", "\n").strip().splitlines()[-1]  # the bar as it ends
    assert final.startswith("학습: 100%") and "8/8" in final and "회/s" in final, final
    assert "훈련 손실=" in final and "train_sgd" not in err and "step" not in err
    assert i18n.language() == "en"
    train_sgd(TwoLayerNet(8, 4, 3, rng=0), x, t, batch_size=10, epochs=2, progress=True)
    final = capsys.readouterr().err.replace("\r", "\n").strip().splitlines()[-1]
    assert final.startswith("train_sgd: 100%") and "step/s" in final and "train_loss=" in final


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("where", [(0, 0), (-1, -1), (150, 3)])
@pytest.mark.parametrize("name", ["x", "x_test"])
def test_one_non_finite_value_anywhere_in_the_data_is_refused(bad, where, name):
    """train_sgd judges x and x_test by their smallest and largest values (no bool array as
    large as the data): one NaN, inf or -inf anywhere is still found, with check_array's message."""
    (x, t), (x_test, t_test) = tiny_problem(n_test=200)
    data = {"x": x.copy(), "x_test": x_test.copy()}
    data[name][where] = bad
    with pytest.raises(ValueError, match=rf"^{name} contains NaN or inf; expected finite values$"):
        train_sgd(TwoLayerNet(8, 4, 3, rng=0), data["x"], t, x_test=data["x_test"],
                  t_test=t_test, progress=False)
    ints = (x * 10).astype(np.int64)  # integer data have no NaN: nothing to judge
    assert train_sgd(TwoLayerNet(8, 4, 3, rng=0), ints, t, steps=1, progress=False).loss.size == 1
