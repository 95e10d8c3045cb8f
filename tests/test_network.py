"""Tests for helpers.network: backprop vs numerical gradients, SGD, save/load, the pretrained cache."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pytest

from helpers import network
from helpers.losses import cross_entropy_error
from helpers.network import TrainHistory, TwoLayerNet, pretrained, train_sgd


def tiny_problem(n=300, d=8, k=3, seed=0, n_test=0):
    """A linearly separable synthetic classification problem (float32 inputs).

    Returns ``x, t``, or ``(x, t), (x_test, t_test)`` when ``n_test > 0``.
    """
    rng = np.random.default_rng(seed)
    w = rng.standard_normal((d, k))
    x = rng.standard_normal((n + n_test, d)).astype(np.float32)
    t = (x @ w).argmax(axis=1)
    return ((x[:n], t[:n]), (x[n:], t[n:])) if n_test else (x, t)


# ------------------------------------------------------------- the network


def test_params_shapes_and_float32():
    net = TwoLayerNet(rng=0)
    shapes = {k: v.shape for k, v in net.params.items()}
    assert shapes == {"W1": (784, 50), "b1": (50,), "W2": (50, 10), "b2": (10,)}
    assert all(v.dtype == np.float32 for v in net.params.values())
    assert not net.params["b1"].any() and net.params["W1"].std() == pytest.approx(0.01, rel=0.05)
    np.testing.assert_array_equal(TwoLayerNet(rng=0).params["W1"], net.params["W1"])  # seeded
    assert not np.array_equal(TwoLayerNet(rng=1).params["W1"], net.params["W1"])


def test_float32_input_is_not_upcast():
    net = TwoLayerNet(rng=0)
    x = np.random.default_rng(0).random((20, 784), dtype=np.float32)
    y = net.predict(x)
    assert y.dtype == np.float32 and y.shape == (20, 10)
    np.testing.assert_allclose(y.sum(axis=1), 1.0, rtol=1e-5)
    grads = net.gradient(x, np.arange(20) % 10)
    assert all(grads[k].dtype == np.float32 and grads[k].shape == net.params[k].shape for k in grads)
    assert net.predict(x[0]).shape == (10,)
    assert net.predict((x * 255).astype(np.uint8)).dtype == np.float32


def test_loss_and_accuracy_accept_labels_and_onehot():
    x, t = tiny_problem(d=784, k=10)
    net = TwoLayerNet(rng=0)
    onehot = np.eye(10)[t]
    assert net.loss(x, t) == net.loss(x, onehot) == cross_entropy_error(net.predict(x), t)
    expected_acc = np.mean(net.predict(x).argmax(axis=1) == t)
    assert net.accuracy(x, t) == net.accuracy(x, onehot) == expected_acc
    assert net.loss(x[0], int(t[0])) == net.loss(x[:1], t[:1])
    for a, b in zip(net.gradient(x, t).values(), net.gradient(x, onehot).values()):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("onehot", [False, True])
def test_backprop_matches_independent_central_differences(onehot):
    """Reference: central differences of the loss WITHOUT delta, written here."""
    rng = np.random.default_rng(1)
    net = TwoLayerNet(5, 4, 3, weight_init_std=1.0, rng=0, dtype=np.float64)
    x, t = rng.standard_normal((7, 5)), rng.integers(0, 3, 7)
    grads = net.gradient(x, np.eye(3)[t] if onehot else t)

    def loss():
        y = net.predict(x)
        return -np.log(y[np.arange(7), t]).mean()

    h = 1e-5
    for name, w in net.params.items():
        ref = np.zeros_like(w)
        for i in np.ndindex(w.shape):
            old = w[i]
            w[i] = old + h
            up = loss()
            w[i] = old - h
            down = loss()
            w[i] = old
            ref[i] = (up - down) / (2 * h)
        assert np.abs(ref).max() > 1e-3  # a meaningful gradient
        np.testing.assert_allclose(grads[name], ref, rtol=1e-6, atol=1e-9, err_msg=name)


def test_numerical_gradient_method_agrees_with_backprop():
    rng = np.random.default_rng(2)
    net = TwoLayerNet(5, 4, 3, weight_init_std=1.0, rng=3, dtype=np.float64)
    x, t = rng.standard_normal((6, 5)), rng.integers(0, 3, 6)
    num, ana = net.numerical_gradient(x, t), net.gradient(x, t)
    for name in net.params:
        assert num[name].dtype == np.float64 and num[name].shape == net.params[name].shape
        # the loss's delta=1e-7 (ignored by backprop) shifts the result by ~delta / y
        np.testing.assert_allclose(ana[name], num[name], rtol=1e-4, atol=1e-7, err_msg=name)
    # a float32 net is differentiated in float64 too
    net32 = TwoLayerNet(5, 4, 3, weight_init_std=1.0, rng=3)
    num32 = net32.numerical_gradient(x, t)
    assert num32["W1"].dtype == np.float64
    np.testing.assert_allclose(num32["W1"], net32.gradient(x, t)["W1"], atol=1e-5)


def test_save_load_roundtrip(tmp_path):
    net = TwoLayerNet(6, 5, 4, rng=0)
    net.meta = {"note": "hello"}
    path = tmp_path / "sub" / "net.npz"
    net.save(path)
    back = TwoLayerNet.load(path)
    assert back.meta == {"note": "hello"} and back.sizes == (6, 5, 4)
    for k in net.params:
        np.testing.assert_array_equal(back.params[k], net.params[k])
        assert back.params[k].dtype == np.float32
    assert [p.name for p in path.parent.iterdir()] == ["net.npz"]  # no temp files left
    with np.load(path, allow_pickle=False) as f:
        assert all(f[k].dtype != object for k in f.files)


def test_load_rejects_bad_files(tmp_path):
    p = tmp_path / "a.npz"
    np.savez(p, W1=np.zeros((3, 2), np.float32), b1=np.zeros(2, np.float32))
    with pytest.raises(ValueError, match="missing"):
        TwoLayerNet.load(p)
    np.savez(p, W1=np.zeros((3, 2), np.float32), b1=np.zeros(2, np.float32), W2=np.zeros((5, 4), np.float32),
             b2=np.zeros(4, np.float32), meta=np.array("{}"))
    with pytest.raises(ValueError, match="inconsistent parameters"):
        TwoLayerNet.load(p)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(hidden_size=0), "hidden_size must be a positive int"),
        (dict(input_size=2.0), "input_size must be a positive int"),
        (dict(weight_init_std=-1), "weight_init_std must be a finite number >= 0"),
        (dict(weight_init_std=np.nan), "weight_init_std must be a finite number >= 0"),
        (dict(dtype=np.int32), "dtype must be float32 or float64"),
        (dict(rng="x"), "rng must be"),
    ],
)
def test_constructor_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        TwoLayerNet(**kwargs)


def test_network_bad_data():
    net = TwoLayerNet(4, 3, 2, rng=0)
    with pytest.raises(ValueError, match=r"x must have shape \(4,\) or \(N, 4\)"):
        net.predict(np.zeros((2, 5)))
    with pytest.raises(ValueError, match="wrong number of labels"):
        net.loss(np.zeros((2, 4)), [0, 1, 1])
    with pytest.raises(ValueError, match=r"labels must be in 0\.\.1"):
        net.gradient(np.zeros((2, 4)), [0, 2])
    with pytest.raises(ValueError, match="labels must be integers"):
        net.accuracy(np.zeros((2, 4)), [0.0, 1.0])
    with pytest.raises(ValueError, match="h must be a finite number > 0"):
        net.numerical_gradient(np.zeros((2, 4)), [0, 1], h=0)


# --------------------------------------------------------------- train_sgd


@pytest.mark.parametrize("sampling", ["shuffle", "replace"])
@pytest.mark.parametrize("batch_size", [32, None])
def test_train_sgd_lowers_the_loss(sampling, batch_size):
    (x, t), (xt, tt) = tiny_problem(n_test=100)
    net = TwoLayerNet(8, 16, 3, weight_init_std=0.1, rng=1)
    epochs = 15 if batch_size else 150  # full batch: one step per epoch
    hist = train_sgd(net, x, t, batch_size=batch_size, lr=1.0, epochs=epochs, rng=2, sampling=sampling,
                     x_test=xt, t_test=tt, progress=False)
    assert isinstance(hist, TrainHistory)
    assert hist.train_loss[-1] < 0.6 * hist.train_loss[0]
    assert hist.train_acc[-1] > 0.85 and hist.test_acc[-1] > 0.8
    assert np.isfinite(hist.loss).all() and hist.loss.dtype == np.float64
    assert all(v.dtype == np.float32 for v in net.params.values())
    # the recorded full loss is the network's loss at that moment
    assert hist.train_loss[-1] == pytest.approx(net.loss(x, t), rel=1e-12)


def test_train_sgd_history_contents():
    (x, t), (xt, tt) = tiny_problem(n=250, n_test=50)
    net = TwoLayerNet(8, 6, 3, rng=0)
    seen = []
    hist = train_sgd(net, x, t, batch_size=100, lr=0.5, epochs=2, rng=0, sampling="shuffle", x_test=xt, t_test=tt,
                     eval_every=2, progress=False, callback=lambda step, h: seen.append(step))
    # shuffle: ceil(250 / 100) = 3 steps per epoch
    assert hist.settings["steps_per_epoch"] == 3 and hist.loss.shape == (6,)
    np.testing.assert_array_equal(hist.eval_step, [0, 2, 3, 4, 6])
    np.testing.assert_allclose(hist.eval_epoch, [0, 2 / 3, 1, 4 / 3, 2])
    assert seen == [0, 2, 3, 4, 6]
    for arr in (hist.train_loss, hist.train_acc, hist.test_loss, hist.test_acc, hist.seconds):
        assert arr.shape == (5,) and np.isfinite(arr).all()
    assert (np.diff(hist.seconds) >= 0).all() and hist.seconds[0] >= 0
    assert hist.train_loss[0] == pytest.approx(np.log(3), rel=1e-3)  # tiny init: uniform predictions
    assert hist.settings == dict(batch_size=100, lr=0.5, epochs=2, sampling="shuffle", n_train=250,
                                 steps_per_epoch=3, n_steps=6, eval_every=2, hidden_size=6, dtype="float32")
    # replace: the book's N // B steps per epoch; no test data -> NaN
    hist = train_sgd(TwoLayerNet(8, 6, 3, rng=0), x, t, batch_size=100, epochs=2, rng=0, sampling="replace",
                     progress=False)
    assert hist.settings["steps_per_epoch"] == 2
    np.testing.assert_array_equal(hist.eval_step, [0, 2, 4])
    assert np.isnan(hist.test_acc).all() and np.isfinite(hist.train_loss).all()
    hist = train_sgd(TwoLayerNet(8, 6, 3, rng=0), x[:50], t[:50], batch_size=50, rng=0, sampling="replace",
                     progress=False)
    assert hist.settings["steps_per_epoch"] == 1


def test_shuffle_uses_every_sample_once_per_epoch(monkeypatch):
    n = 103
    x = np.zeros((n, 4), np.float32)
    x[:, 0] = np.arange(n)  # the sample's id in column 0
    t = np.arange(n) % 2
    net = TwoLayerNet(4, 3, 2, rng=0)
    batches = []
    inner = net._loss_and_gradient
    monkeypatch.setattr(net, "_loss_and_gradient", lambda xb, tb: batches.append(xb[:, 0].copy()) or inner(xb, tb))
    train_sgd(net, x, t, batch_size=10, lr=1e-9, epochs=2, rng=0, progress=False)
    assert [b.size for b in batches] == [10] * 10 + [3] + [10] * 10 + [3]
    for epoch in (batches[:11], batches[11:]):
        np.testing.assert_array_equal(np.sort(np.concatenate(epoch)), np.arange(n))
    assert not np.array_equal(np.concatenate(batches[:11]), np.concatenate(batches[11:]))


@pytest.mark.parametrize("sampling", ["shuffle", "replace"])
def test_train_sgd_seeded_runs_repeat(sampling):
    x, t = tiny_problem()
    runs = []
    for seed in (5, 5, 6):
        net = TwoLayerNet(8, 6, 3, rng=0)
        hist = train_sgd(net, x, t, batch_size=20, lr=0.5, epochs=2, rng=seed, sampling=sampling, progress=False)
        runs.append((net.params["W1"].copy(), hist.loss))
    np.testing.assert_array_equal(runs[0][0], runs[1][0])
    np.testing.assert_array_equal(runs[0][1], runs[1][1])
    assert not np.array_equal(runs[0][1], runs[2][1])


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(batch_size=0), "batch_size must be a positive int"),
        (dict(batch_size=-5), "batch_size must be a positive int"),
        (dict(batch_size=2.5), "batch_size must be a positive int"),
        (dict(batch_size=True), "batch_size must be a positive int"),
        (dict(batch_size=301), "batch_size must be at most 300"),
        (dict(lr=0), "lr must be a finite number > 0"),
        (dict(lr=-0.1), "lr must be a finite number > 0"),
        (dict(lr=np.inf), "lr must be a finite number > 0"),
        (dict(lr=True), "lr must be a finite number > 0"),
        (dict(epochs=0), "epochs must be a positive int"),
        (dict(epochs=1.0), "epochs must be a positive int"),
        (dict(sampling="choice"), "sampling must be"),
        (dict(eval_every=0), "eval_every must be a positive int"),
        (dict(x_test=np.zeros((3, 8))), "x_test and t_test must be given together"),
        (dict(x_test=np.zeros((3, 8)), t_test=[0, 1]), "wrong number of labels"),
        (dict(callback=3), "callback must be callable"),
        (dict(rng=-1), "rng must be"),
    ],
)
def test_train_sgd_bad_arguments(kwargs, match):
    x, t = tiny_problem()
    with pytest.raises(ValueError, match=match):
        train_sgd(TwoLayerNet(8, 4, 3, rng=0), x, t, progress=False, **kwargs)


def test_train_sgd_bad_data():
    x, t = tiny_problem()
    net = TwoLayerNet(8, 4, 3, rng=0)
    with pytest.raises(ValueError, match="wrong number of labels"):
        train_sgd(net, x, t[:-1], progress=False)
    with pytest.raises(ValueError, match=r"x must be a batch"):
        train_sgd(net, x[0], t[:1], progress=False)
    with pytest.raises(ValueError, match=r"x must have shape"):
        train_sgd(net, x[:, :5], t, progress=False)
    with pytest.raises(ValueError, match="net must be a TwoLayerNet"):
        train_sgd("net", x, t, progress=False)


# -------------------------------------------------------------- pretrained


TINY_RECIPE = dict(data="fake", input_size=8, hidden_size=6, output_size=3, weight_init_std=0.1,
                   seed=0, epochs=10, batch_size=30, lr=1.0, sampling="shuffle", dtype="float32")


@pytest.fixture
def fake_cache(tmp_path, monkeypatch):
    """pretrained() with a tiny recipe, fake data and a cache in tmp_path; counts trainings."""
    monkeypatch.setenv("MINIBATCH_CEE_DATA", str(tmp_path))
    monkeypatch.setattr(network, "PRETRAINED_RECIPE", dict(TINY_RECIPE))
    loads = []

    def fake_data():
        loads.append(1)
        return tiny_problem(n=300, n_test=60)

    monkeypatch.setattr(network, "_load_training_data", fake_data)
    return tmp_path / "weights", loads


def test_pretrained_cache_behaviour(fake_cache, monkeypatch):
    folder, loads = fake_cache
    net = pretrained(progress=False)
    files = list(folder.iterdir())
    assert loads == [1] and len(files) == 1 and files[0].name.startswith("twolayer-") and files[0].suffix == ".npz"
    assert net.meta["recipe"] == TINY_RECIPE and net.meta["results"]["train_acc"] > 0.8
    with np.load(files[0], allow_pickle=False) as f:
        assert json.loads(str(f["meta"]))["recipe"] == TINY_RECIPE

    again = pretrained(progress=False)  # from the cache: no training
    assert loads == [1]
    for k in net.params:
        np.testing.assert_array_equal(again.params[k], net.params[k])

    pretrained(retrain=True, progress=False)
    assert loads == [1, 1]
    np.testing.assert_array_equal(pretrained(progress=False).params["W1"], net.params["W1"])  # same recipe, same net

    files[0].write_bytes(b"not a zip file")  # corrupt -> warning and retrain
    with pytest.warns(RuntimeWarning, match="unusable"):
        fixed = pretrained(progress=False)
    assert loads == [1, 1, 1]
    np.testing.assert_array_equal(fixed.params["W1"], net.params["W1"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pretrained(progress=False)  # repaired file loads silently
    assert loads == [1, 1, 1]

    monkeypatch.setattr(network, "PRETRAINED_RECIPE", dict(TINY_RECIPE, lr=0.5))  # new key -> retrain
    other = pretrained(progress=False)
    assert loads == [1, 1, 1, 1] and len(list(folder.iterdir())) == 2
    assert not np.array_equal(other.params["W1"], net.params["W1"])
    assert not [p for p in folder.iterdir() if p.suffix != ".npz"]  # no temp files left


def test_pretrained_rejects_file_with_other_shapes(fake_cache):
    folder, loads = fake_cache
    pretrained(progress=False)
    (path,) = folder.iterdir()
    wrong = TwoLayerNet(8, 7, 3, rng=0)
    wrong.meta = {"recipe": TINY_RECIPE}
    wrong.save(path)
    with pytest.warns(RuntimeWarning, match="unusable"):
        net = pretrained(progress=False)
    assert loads == [1, 1] and net.sizes == (8, 6, 3)


@pytest.mark.realdata
def test_pretrained_on_real_mnist(real_mnist, monkeypatch):
    (x, t), (xt, tt) = real_mnist
    net = pretrained(progress=False)  # trains once (~10 s) into weights_dir(), then cached
    train_loss, test_acc = net.loss(x, t), net.accuracy(xt, tt)
    assert train_loss < 0.35 and test_acc > 0.90
    assert net.meta["results"]["train_loss"] == pytest.approx(train_loss, rel=1e-6)
    def no_training(*args, **kwargs):
        raise AssertionError("pretrained() trained again instead of loading its cache")

    monkeypatch.setattr(network, "train_sgd", no_training)
    again = pretrained(progress=False)  # from the cache: must not train
    for k in net.params:
        np.testing.assert_array_equal(again.params[k], net.params[k])
