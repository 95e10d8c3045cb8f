"""Tests for helpers.network.model: TwoLayerNet and sigmoid.

References are independent of the code under test: a forward pass written
here with ``1 / (1 + exp(-a))``, central differences taken here, explicit
loops over samples.
"""

from __future__ import annotations

import importlib
import json
import re
import warnings
import zipfile

import numpy as np
import pytest

from helpers._validation import check_path
from helpers.losses import DELTA
from helpers.network import TwoLayerNet, sigmoid
from tests.support import notebooks_using, used_by_paragraph


def tiny_problem(n=300, d=8, k=3, seed=0):
    """A linearly separable synthetic problem: float32 inputs ``(n, d)``, labels ``(n,)``."""
    rng = np.random.default_rng(seed)
    w = rng.standard_normal((d, k))
    x = rng.standard_normal((n, d)).astype(np.float32)
    return x, (x @ w).argmax(axis=1)


def reference_predict(params, x):
    """The book's forward pass, written independently (float64, exp-based sigmoid)."""
    p = {k: v.astype(np.float64) for k, v in params.items()}
    z = 1.0 / (1.0 + np.exp(-(np.asarray(x, np.float64) @ p["W1"] + p["b1"])))
    a = z @ p["W2"] + p["b2"]
    e = np.exp(a - a.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def small_net(dtype=np.float32):
    return TwoLayerNet(4, 3, 2, weight_init_std=1.0, rng=0, dtype=dtype)


# ------------------------------------------------------------- sigmoid


def test_sigmoid_matches_the_exp_formula_and_never_overflows():
    a = np.linspace(-30, 30, 121)
    # tanh form: exact to ~1e-16 absolute (relative precision fades in the far negative tail)
    np.testing.assert_allclose(sigmoid(a), 1 / (1 + np.exp(-a)), rtol=1e-12, atol=1e-16)
    assert sigmoid(np.float32(2.0)).dtype == np.float32
    assert sigmoid(np.arange(3)).dtype == np.float64  # ints give float64
    assert sigmoid([0, 0]).tolist() == [0.5, 0.5]  # a list is valid array_like
    with np.errstate(all="raise"):  # 1 / (1 + exp(1000)) would overflow
        np.testing.assert_array_equal(sigmoid(np.array([-1000.0, 1000.0, -np.inf, np.inf])),
                                      [0.0, 1.0, 0.0, 1.0])


@pytest.mark.parametrize(
    "a, error, match",
    [
        ("1.0", TypeError, "a must be a numeric array"),
        (np.array([1j]), TypeError, "a must be a numeric array"),
        ([True, False], TypeError, "a must be a numeric array"),
        ([[1.0], [2.0, 3.0]], TypeError, "a must be a numeric array"),
        ([1.0, np.nan], ValueError, "a contains NaN"),
        ([], ValueError, "a is empty"),
    ],
)
def test_sigmoid_bad_input(a, error, match):
    with pytest.raises(error, match=match):
        sigmoid(a)


# ------------------------------------------------------------- the network


def test_params_shapes_and_float32():
    net = TwoLayerNet(rng=0)
    shapes = {k: v.shape for k, v in net.params.items()}
    assert shapes == {"W1": (784, 50), "b1": (50,), "W2": (50, 10), "b2": (10,)}
    assert net.sizes == (784, 50, 10) and net.dtype == np.float32
    assert all(v.dtype == np.float32 for v in net.params.values())
    assert not net.params["b1"].any() and net.params["W1"].std() == pytest.approx(0.01, rel=0.05)
    np.testing.assert_array_equal(TwoLayerNet(rng=0).params["W1"], net.params["W1"])  # seeded
    assert not np.array_equal(TwoLayerNet(rng=1).params["W1"], net.params["W1"])
    assert TwoLayerNet(3, 2, 2, dtype="float64", rng=0).dtype == np.float64


def test_predict_matches_independent_forward_pass():
    x, _ = tiny_problem(n=20, d=4)
    for dtype, rtol in ((np.float64, 1e-12), (np.float32, 1e-5)):
        net = small_net(dtype)
        y = net.predict(x)
        assert y.dtype == dtype and y.shape == (20, 2)
        np.testing.assert_allclose(y, reference_predict(net.params, x), rtol=rtol)
        one = net.predict(x[3])
        np.testing.assert_allclose(one, reference_predict(net.params, x[3]), rtol=rtol)


def test_float32_input_is_not_upcast():
    net = TwoLayerNet(rng=0)
    x = np.random.default_rng(0).random((20, 784), dtype=np.float32)
    y = net.predict(x)
    assert y.dtype == np.float32 and y.shape == (20, 10)
    np.testing.assert_allclose(y.sum(axis=1), 1.0, rtol=1e-5)
    grads = net.gradient(x, np.arange(20) % 10)
    for k, g in grads.items():
        assert g.dtype == np.float32 and g.shape == net.params[k].shape
    assert net.predict(x[0]).shape == (10,)
    assert net.predict((x * 255).astype(np.uint8)).dtype == np.float32


def test_check_input_converts_without_copying_when_it_can():
    net = small_net()
    x = np.zeros((2, 4), np.float32)
    assert net.check_input(x) is x  # no copy when the dtype already matches
    assert net.check_input([[0, 1, 2, 3]]).dtype == np.float32
    with pytest.raises(ValueError, match="x_test contains NaN"):
        net.check_input(np.full((2, 4), np.nan), "x_test")
    assert np.isnan(net.check_input(np.full((2, 4), np.nan), finite=False)).all()
    with pytest.raises(ValueError, match=r"x_test must have shape \(4,\) or \(N, 4\)"):
        net.check_input(np.zeros((2, 5)), "x_test")


def test_loss_and_accuracy_match_explicit_loops_for_labels_and_onehot():
    x, t = tiny_problem(d=784, k=10)
    net = TwoLayerNet(rng=0, weight_init_std=0.05)
    y = reference_predict(net.params, x)
    ref_loss = sum(-np.log(y[i, t[i]] + DELTA) for i in range(len(t))) / len(t)
    ref_acc = sum(int(np.argmax(y[i]) == t[i]) for i in range(len(t))) / len(t)
    onehot = np.eye(10)[t]
    for target in (t, onehot, t.tolist()):
        assert net.loss(x, target) == pytest.approx(ref_loss, rel=1e-5)
        assert net.accuracy(x, target) == ref_acc
    assert 0.0 < ref_acc < 0.5  # an untrained net: the accuracy check is not trivially 0 or 1
    assert net.loss(x[0], int(t[0])) == net.loss(x[:1], t[:1])
    assert net.loss(x[0], onehot[0]) == net.loss(x[:1], t[:1])
    assert net.accuracy(x[0], int(t[0])) == float(np.argmax(y[0]) == t[0])
    from_onehot = net.gradient(x, onehot)
    for k, g in net.gradient(x, t).items():
        np.testing.assert_array_equal(g, from_onehot[k])


def _central_differences(params, loss, h=1e-5):
    """d loss / d params by central differences, written here (modifies and restores params)."""
    grads = {}
    for name, w in params.items():
        ref = np.zeros_like(w)
        for i in np.ndindex(w.shape):
            old = w[i]
            w[i] = old + h
            up = loss()
            w[i] = old - h
            down = loss()
            w[i] = old
            ref[i] = (up - down) / (2 * h)
        grads[name] = ref
    return grads


@pytest.mark.parametrize("onehot", [False, True])
def test_backprop_matches_independent_central_differences(onehot):
    """Reference: central differences of the loss WITHOUT delta, forward pass written here."""
    rng = np.random.default_rng(1)
    net = TwoLayerNet(5, 4, 3, weight_init_std=1.0, rng=0, dtype=np.float64)
    x, t = rng.standard_normal((7, 5)), rng.integers(0, 3, 7)
    grads = net.gradient(x, np.eye(3)[t] if onehot else t)

    def loss():
        y = reference_predict(net.params, x)
        return -np.log(y[np.arange(7), t]).mean()

    ref = _central_differences(net.params, loss)
    for name in net.params:
        assert np.abs(ref[name]).max() > 1e-3  # a meaningful gradient
        np.testing.assert_allclose(grads[name], ref[name], rtol=1e-6, atol=1e-9, err_msg=name)


def test_loss_and_gradient_is_one_pass_of_loss_and_gradient():
    rng = np.random.default_rng(4)
    net = TwoLayerNet(5, 4, 3, weight_init_std=1.0, rng=1, dtype=np.float64)
    x, t = rng.standard_normal((9, 5)), rng.integers(0, 3, 9)
    loss, grads = net.loss_and_gradient(x, t)
    assert isinstance(loss, float) and loss == pytest.approx(net.loss(x, t), rel=1e-12)
    y = reference_predict(net.params, x)
    by_loop = np.mean([-np.log(y[i, t[i]] + DELTA) for i in range(9)])
    assert loss == pytest.approx(by_loop, rel=1e-12)
    for name, g in net.gradient(x, t).items():
        np.testing.assert_array_equal(grads[name], g)
    one_loss, one_grads = net.loss_and_gradient(x[2], int(t[2]))  # a single sample
    assert one_loss == pytest.approx(net.loss(x[2:3], t[2:3]), rel=1e-12)
    assert one_grads["W1"].shape == (5, 4)


def test_numerical_gradient_method_agrees_with_backprop_and_keeps_params():
    rng = np.random.default_rng(2)
    net = TwoLayerNet(5, 4, 3, weight_init_std=1.0, rng=3, dtype=np.float64)
    before = {k: v.copy() for k, v in net.params.items()}
    x, t = rng.standard_normal((6, 5)), rng.integers(0, 3, 6)
    num, ana = net.numerical_gradient(x, t), net.gradient(x, t)
    for name in net.params:
        assert num[name].dtype == np.float64 and num[name].shape == net.params[name].shape
        assert np.abs(num[name]).max() > 1e-3
        # the loss's delta=1e-7 (ignored by backprop) shifts the result by ~delta / y
        np.testing.assert_allclose(ana[name], num[name], rtol=1e-4, atol=1e-7, err_msg=name)
        np.testing.assert_array_equal(net.params[name], before[name])
    # a float32 net is differentiated in float64 too
    net32 = TwoLayerNet(5, 4, 3, weight_init_std=1.0, rng=3)
    num32 = net32.numerical_gradient(x, t)
    assert num32["W1"].dtype == np.float64
    np.testing.assert_allclose(num32["W1"], net32.gradient(x, t)["W1"], atol=1e-5)


# ------------------------------------------------------------ save / load


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_save_load_roundtrip(tmp_path, dtype):
    net = TwoLayerNet(6, 5, 4, rng=0, dtype=dtype)
    net.meta = {"note": "hello", "n": [1, 2.5]}
    path = tmp_path / "sub" / "net.npz"
    net.save(path)
    back = TwoLayerNet.load(str(path))
    assert back.meta == {"note": "hello", "n": [1, 2.5]} and back.sizes == (6, 5, 4)
    for k in net.params:
        np.testing.assert_array_equal(back.params[k], net.params[k])
        assert back.params[k].dtype == dtype
    assert [p.name for p in path.parent.iterdir()] == ["net.npz"]  # no temp files left
    with np.load(path, allow_pickle=False) as f:
        assert all(f[k].dtype != object for k in f.files)


def _good_arrays():
    net = TwoLayerNet(3, 2, 4, rng=0)
    return dict(net.params, meta=np.array("{}"))


def _write_npz(path, **changes):
    arrays = {k: v for k, v in {**_good_arrays(), **changes}.items() if v is not None}
    np.savez(path, **arrays)


def _zip_with_text_member(path):
    with zipfile.ZipFile(path, "w") as z:
        for name in ("W1", "b1", "W2", "b2", "meta"):
            z.writestr(f"{name}.npy", b"hello")


def _truncated(path):
    _write_npz(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


BAD_FILES = {
    "empty": (lambda p: p.write_bytes(b""), "is empty"),
    "truncated": (_truncated, "truncated or not a TwoLayerNet file"),
    "text": (lambda p: p.write_text("W1 = [[1, 2]]"), r"is not a zip \(\.npz\) archive"),
    "npy": (lambda p: p.write_bytes(_npy_bytes()), r"holds a single \.npy array"),
    "zip of text": (_zip_with_text_member, r"are not \.npy arrays"),
    "missing b2": (lambda p: _write_npz(p, b2=None), r"lacks \['b2'\]"),
    "missing meta": (lambda p: _write_npz(p, meta=None), r"lacks \['meta'\]"),
    "shapes": (lambda p: _write_npz(p, W2=np.zeros((5, 4), np.float32)), "inconsistent parameters"),
    "int dtype": (lambda p: _write_npz(p, b1=np.zeros(2, np.int64)), "inconsistent parameters"),
    "mixed dtypes": (lambda p: _write_npz(p, b1=np.zeros(2)), "inconsistent parameters"),
    "NaN": (lambda p: _write_npz(p, b2=np.full(4, np.nan, np.float32)), "inconsistent parameters"),
    "meta not JSON": (lambda p: _write_npz(p, meta=np.array("{oops")), "meta is not a JSON object"),
    "meta a list": (lambda p: _write_npz(p, meta=np.array("[1, 2]")), "meta is not a JSON object"),
    "meta numeric": (lambda p: _write_npz(p, meta=np.arange(3)), "meta is not a JSON object"),
    "meta pickled": (lambda p: _write_npz(p, meta=np.array([{}], dtype=object)),
                     "truncated or not a TwoLayerNet file"),
}


def _npy_bytes():
    import io

    buf = io.BytesIO()
    np.save(buf, np.zeros((3, 2), np.float32))
    return buf.getvalue()


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_load_bad_file_gives_value_error_naming_it(tmp_path, case):
    make, match = BAD_FILES[case]
    path = tmp_path / "weights-file.npz"
    make(path)
    with pytest.raises(ValueError, match=match) as info:
        TwoLayerNet.load(path)
    message = str(info.value)
    assert "weights-file.npz" in message and "; expected " in message


def test_load_missing_file_and_bad_path_types(tmp_path):
    with pytest.raises(FileNotFoundError):
        TwoLayerNet.load(tmp_path / "nothing.npz")
    net = small_net()
    for bad, error in ((3, TypeError), (None, TypeError), (b"bytes.npz", TypeError),
                       (["a.npz"], TypeError), ("", ValueError)):
        with pytest.raises(error) as expected:  # the shared check's very message
            check_path(bad, "path")
        for call in (TwoLayerNet.load, net.save):
            with pytest.raises(error) as info:
                call(bad)
            assert str(info.value) == str(expected.value)
            assert str(info.value).startswith("path must be a")
    net.meta = {"array": np.zeros(2)}
    with pytest.raises(TypeError, match="meta must be JSON-serialisable"):
        net.save(tmp_path / "x.npz")
    assert not list(tmp_path.iterdir())  # nothing written


def test_save_and_load_expand_the_home_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    net = small_net()
    net.save("~/w/n.npz")
    assert (tmp_path / "w" / "n.npz").is_file()
    np.testing.assert_array_equal(TwoLayerNet.load("~/w/n.npz").params["W1"], net.params["W1"])


# --------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(input_size=2.0), TypeError, "input_size must be an int"),
        (dict(hidden_size="50"), TypeError, "hidden_size must be an int"),
        (dict(output_size=True), TypeError, "output_size must be an int"),
        (dict(hidden_size=0), ValueError, "hidden_size must be an int >= 1"),
        (dict(input_size=-3), ValueError, "input_size must be an int >= 1"),
        (dict(weight_init_std="0.01"), TypeError, "weight_init_std must be a real number"),
        (dict(weight_init_std=True), TypeError, "weight_init_std must be a real number"),
        (dict(weight_init_std=1j), TypeError, "weight_init_std must be a real number"),
        (dict(weight_init_std=-1), ValueError, "weight_init_std must be >= 0"),
        (dict(weight_init_std=np.nan), ValueError, "weight_init_std must be finite"),
        (dict(weight_init_std=np.inf), ValueError, "weight_init_std must be finite"),
        (dict(dtype="float31"), TypeError, "dtype must be numpy.float32 or numpy.float64"),
        (dict(dtype=None), TypeError, "dtype must be numpy.float32 or numpy.float64"),
        (dict(dtype=3), TypeError, "dtype must be numpy.float32 or numpy.float64"),
        (dict(dtype=np.int32), ValueError, "dtype must be numpy.float32 or numpy.float64"),
        (dict(dtype=np.float16), ValueError, "dtype must be numpy.float32 or numpy.float64"),
        (dict(dtype=bool), ValueError, "dtype must be numpy.float32 or numpy.float64"),
        (dict(rng="x"), TypeError, "rng must be"),
        (dict(rng=1.5), TypeError, "rng must be"),
        (dict(rng=True), TypeError, "rng must be"),
        (dict(rng=np.random.RandomState(0)), TypeError, "rng must be"),
        (dict(rng=-1), ValueError, "rng must be"),
    ],
)
def test_constructor_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match) as info:
        TwoLayerNet(**kwargs)
    assert type(info.value) is error


def _raises_section(doc, error):
    """The text of the ``error`` entry in a NumPy-style Raises section."""
    raises = doc.split("Raises\n    ------\n", 1)[1]
    entries = re.split(r"^    (\w+Error)\n", raises, flags=re.M)[1:]
    return dict(zip(entries[::2], entries[1::2], strict=True))[error]


def test_constructor_docstring_says_which_rng_raises_what():
    doc = TwoLayerNet.__doc__
    assert "rng" in _raises_section(doc, "TypeError")  # a float, bool or str seed
    assert "negative ``rng``" in _raises_section(doc, "ValueError")
    assert "bad ``rng``" not in doc


# every method that takes x (and t): called on a 4-3-2 net
METHODS = {
    "predict": lambda net, x, t: net.predict(x),
    "loss": lambda net, x, t: net.loss(x, t),
    "accuracy": lambda net, x, t: net.accuracy(x, t),
    "gradient": lambda net, x, t: net.gradient(x, t),
    "loss_and_gradient": lambda net, x, t: net.loss_and_gradient(x, t),
    "numerical_gradient": lambda net, x, t: net.numerical_gradient(x, t),
}
WITH_T = [m for m in METHODS if m != "predict"]

BAD_X = {
    "wrong width": (np.zeros((2, 5)), ValueError, r"x must have shape \(4,\) or \(N, 4\)"),
    "3-D": (np.zeros((2, 1, 4)), ValueError, "x must be 1-D or 2-D"),
    "empty": (np.zeros((0, 4)), ValueError, "x is empty"),
    "NaN": (np.array([[0, 1, np.nan, 0], [0, 0, 0, 0]]), ValueError, "x contains NaN or inf"),
    "inf": (np.array([[0, 1, -np.inf, 0], [0, 0, 0, 0]]), ValueError, "x contains NaN or inf"),
    "strings": (np.full((2, 4), "1"), TypeError, "x must be a numeric array"),
    "complex": (np.zeros((2, 4), complex), TypeError, "x must be a numeric array"),
    "bools": (np.zeros((2, 4), bool), TypeError, "x must be a numeric array"),
    "ragged list": ([[0, 0, 0, 0], [0, 0]], TypeError, "x must be a numeric array"),
    "None": (None, TypeError, "x must be a numeric array"),
}


@pytest.mark.parametrize("case", list(BAD_X))
@pytest.mark.parametrize("method", list(METHODS))
def test_methods_reject_bad_x(method, case):
    x, error, match = BAD_X[case]
    with pytest.raises(error, match=match):
        METHODS[method](small_net(), x, [0, 1])


BAD_T = {
    "too many labels": ([0, 1, 1], ValueError, "wrong number of labels"),
    "out of range": ([0, 2], ValueError, r"labels must be in 0\.\.1"),
    "negative": ([0, -1], ValueError, r"labels must be in 0\.\.1"),
    "float labels": ([0.0, 1.0], TypeError, "labels must be integers"),
    "strings": (["0", "1"], TypeError, "t must be one-hot rows or integer labels"),
    "complex": (np.array([0j, 1j]), TypeError, "t must be one-hot rows or integer labels"),
    "not one-hot": ([[1, 1], [0, 1]], ValueError, "must be one-hot"),
    "NaN one-hot": ([[np.nan, 1], [0, 1]], ValueError, "must be one-hot"),
    "None": (None, TypeError, "t must be one-hot rows or integer labels"),
}


@pytest.mark.parametrize("case", list(BAD_T))
@pytest.mark.parametrize("method", WITH_T)
def test_methods_reject_bad_t(method, case):
    t, error, match = BAD_T[case]
    with pytest.raises(error, match=match):
        METHODS[method](small_net(), np.zeros((2, 4)), t)


@pytest.mark.parametrize(
    "h, error, match",
    [(0, ValueError, "h must be > 0"), (-1e-4, ValueError, "h must be > 0"),
     (np.nan, ValueError, "h must be finite"), ("1e-4", TypeError, "h must be a real number"),
     (True, TypeError, "h must be a real number"), (None, TypeError, "h must be a real number")],
)
def test_numerical_gradient_bad_h(h, error, match):
    with pytest.raises(error, match=match):
        small_net().numerical_gradient(np.zeros((2, 4)), [0, 1], h=h)


@pytest.mark.parametrize("method", list(METHODS))
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("key", ["W1", "b1", "W2", "b2"])
def test_non_finite_params_are_blamed_by_key(key, bad, method):
    net = small_net()
    net.params[key].flat[0] = bad
    x = np.ones((2, 4))
    x[0, 0] = np.nan  # a bad x too: the params are named first
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning leaks
        with pytest.raises(ValueError) as info:
            METHODS[method](net, x, [0, 1])
    assert str(info.value) == (f"params['{key}'] contains NaN or inf "
                               "(did training diverge? try a smaller lr)")


# (method, dtype, a finite value whose products overflow that dtype in a 4-3-2 net);
# numerical_gradient works on a float64 copy, where float32's large values do not overflow)
OVERFLOW = [(m, dt, np.finfo(dt).max / 2) for dt in (np.float32, np.float64) for m in METHODS
            if not (m == "numerical_gradient" and dt == np.float32)]


@pytest.mark.parametrize("method, dtype, huge", OVERFLOW)
@pytest.mark.parametrize("key", ["W1", "W2"])
def test_finite_params_that_overflow_are_blamed_not_x(key, dtype, huge, method):
    net = small_net(dtype)
    net.params["W1"][:] = 10.0  # hidden activations ~1, so a huge W2 overflows too
    net.params[key][:] = huge  # diverged training: finite, but the scores overflow
    assert all(np.isfinite(w).all() for w in net.params.values())
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the overflow RuntimeWarning does not leak
        with pytest.raises(ValueError) as info:
            METHODS[method](net, np.ones((2, 4)), [0, 1])
    message = str(info.value)
    assert message.startswith(f"params['{key}'] holds values so large"), message
    assert "try a smaller lr" in message


@pytest.mark.parametrize("method, dtype, huge", OVERFLOW)
def test_finite_x_that_overflows_is_blamed_as_too_large(dtype, huge, method):
    net = small_net(dtype)
    net.params["W1"][:] = 2.0  # plain weights; the inputs are the huge ones
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError) as info:
            METHODS[method](net, np.full((2, 4), huge, dtype), [0, 1])
    message = str(info.value)
    assert message.startswith("x holds values so large"), message  # not "contains NaN"
    assert "lr" not in message


@pytest.mark.parametrize("module, expected", [
    ("helpers.network.model", {"02", "04"}),
    ("helpers.network.training", {"04"}),
    ("helpers.network.cache", {"01", "02", "03"}),
])
def test_module_docstring_names_the_notebooks_that_use_it(module, expected):
    assert notebooks_using(module) >= expected  # the table above is what the notebooks import
    paragraph = used_by_paragraph(importlib.import_module(module).__doc__)
    for number in notebooks_using(module):
        assert re.search(rf"\b{number}\b", paragraph), (module, number, paragraph)


@pytest.mark.parametrize("method", list(METHODS))
def test_methods_accept_lists_and_never_mutate_inputs(method):
    net = small_net()
    rng = np.random.default_rng(5)
    x64 = rng.standard_normal((5, 4))  # float64 into a float32 net: converted, not modified
    t = rng.integers(0, 2, 5)
    onehot = np.eye(2)[t]
    params = {k: v.copy() for k, v in net.params.items()}
    for xx, tt in ((x64, t), (x64, onehot), ((x64 * 10).astype(np.uint8), t)):
        x_before, t_before = xx.copy(), tt.copy()
        METHODS[method](net, xx, tt)
        np.testing.assert_array_equal(xx, x_before)
        np.testing.assert_array_equal(tt, t_before)
        assert xx.dtype == x_before.dtype and tt.dtype == t_before.dtype
    for k in params:  # no method changes the parameters
        np.testing.assert_array_equal(net.params[k], params[k])
    as_list = METHODS[method](net, x64.tolist(), t.tolist())  # valid array_like works
    as_array = METHODS[method](net, x64, t)
    if isinstance(as_array, tuple):
        as_list, as_array = as_list[1], as_array[1]
    if isinstance(as_array, dict):
        for k in as_array:
            np.testing.assert_array_equal(as_list[k], as_array[k])
    else:
        np.testing.assert_array_equal(as_list, as_array)


def test_meta_roundtrip_is_plain_json(tmp_path):
    net = small_net()
    net.meta = {"recipe": {"replace": False, "lr": 0.1}}
    net.save(tmp_path / "n.npz")
    with np.load(tmp_path / "n.npz", allow_pickle=False) as f:
        assert json.loads(str(f["meta"])) == {"recipe": {"replace": False, "lr": 0.1}}


# ------------------------------------------------ QA fault sweep (contract)


@pytest.mark.parametrize("sizes, name", [
    ((10**30, 3, 2), "input_size"),
    ((4, 10**30, 2), "hidden_size"),
    ((4, 3, 10**30), "output_size"),
    ((2**5000, 1, 1), "input_size"),  # str() of it is refused: the message must not need it
    ((100_000, 2_000, 10), "input_size"),  # each size sane, 2e8 parameters in all
    ((10, 10**7, 10), "hidden_size"),
])
def test_sizes_beyond_the_parameter_cap_name_the_largest_size(sizes, name):
    with pytest.raises(ValueError) as e:
        TwoLayerNet(*sizes)
    assert type(e.value) is ValueError and str(e.value).startswith(f"{name} "), str(e.value)
    assert "100,000,000" in str(e.value)


def test_sizes_at_the_cap_are_not_refused_by_it():
    from helpers.network.model import MAX_PARAMS

    assert MAX_PARAMS == 10**8
    net = TwoLayerNet(1000, 10, 1, rng=0)  # far below: just a normal net
    assert net.sizes == (1000, 10, 1)


@pytest.mark.parametrize("std, dtype", [(1e308, np.float64), (1e308, np.float32),
                                        (1e39, np.float32)])
def test_weight_init_std_too_large_for_the_dtype(std, dtype):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow RuntimeWarning either
        with pytest.raises(ValueError) as e:
            TwoLayerNet(4, 3, 2, weight_init_std=std, rng=0, dtype=dtype)
    assert str(e.value).startswith("weight_init_std "), str(e.value)
    assert np.dtype(dtype).name in str(e.value)


def test_large_but_finite_weight_init_std_still_builds():
    net = TwoLayerNet(4, 3, 2, weight_init_std=1e39, rng=0, dtype=np.float64)
    assert all(np.isfinite(w).all() for w in net.params.values())
    # the weights are the same numbers as before the in-place scaling
    ref = 0.5 * np.random.default_rng(0).standard_normal((4, 3))
    np.testing.assert_array_equal(TwoLayerNet(4, 3, 2, 0.5, rng=0, dtype=np.float64)
                                  .params["W1"], ref)


@pytest.mark.parametrize("dtype", [np.float64(3.0), np.float32(1.0), 3.0, 2, True,
                                   np.zeros(2), [np.float32], None])
def test_dtype_must_be_dtype_like_not_a_number(dtype):
    with pytest.raises(TypeError) as e:
        TwoLayerNet(2, 2, 2, dtype=dtype)
    assert str(e.value).startswith("dtype must be"), str(e.value)


@pytest.mark.parametrize("dtype, want", [(np.float32, np.float32), (np.float64, np.float64),
                                         ("float32", np.float32), ("f8", np.float64),
                                         (np.dtype("float32"), np.float32), (float, np.float64)])
def test_dtype_likes_are_accepted(dtype, want):
    assert TwoLayerNet(2, 2, 2, rng=0, dtype=dtype).dtype == want


@pytest.mark.parametrize("finite", [0, 1, "False", "True", None, 1.0])
def test_check_input_finite_must_be_a_bool(finite):
    with pytest.raises(TypeError) as e:
        small_net().check_input(np.full(4, np.nan), finite=finite)
    assert str(e.value).startswith("finite must be True or False"), str(e.value)


@pytest.mark.parametrize("name", [None, 3, b"x", ["x"]])
def test_check_input_name_must_be_a_str(name):
    with pytest.raises(TypeError) as e:
        small_net().check_input(np.zeros((2, 5)), name=name)
    assert str(e.value).startswith("name must be a str"), str(e.value)


def test_check_input_finite_false_still_works():
    x = np.full(4, np.nan)
    assert np.isnan(small_net().check_input(x, finite=False)).all()
    assert small_net().check_input(x, "z", finite=np.False_).shape == (4,)


@pytest.mark.parametrize("meta, match", [
    ([1, 2], "meta must be a dict"),
    ("text", "meta must be a dict"),
    (None, "meta must be a dict"),
    ({1: "a"}, "meta keys must be str"),
    ({None: "a"}, "meta keys must be str"),
    ({"a": {2.5: 1}}, "meta keys must be str"),
    ({"a": [{True: 1}]}, "meta keys must be str"),
    ({"a": object()}, "meta must be JSON-serialisable"),
    ({"a": np.float32(1.0)}, "meta must be JSON-serialisable"),
    ({"a": {1, 2}}, "meta must be JSON-serialisable"),
])
def test_save_rejects_meta_that_would_not_come_back(tmp_path, meta, match):
    net = small_net()
    net.meta = meta
    path = tmp_path / "sub" / "net.npz"
    with pytest.raises(TypeError, match=match) as e:
        net.save(path)
    assert str(e.value).startswith("meta"), str(e.value)
    assert not path.parent.exists()  # nothing was written, not even the folder


def test_save_rejects_circular_meta(tmp_path):
    net = small_net()
    net.meta = {"a": []}
    net.meta["a"].append(net.meta)
    with pytest.raises(TypeError, match="^meta must be JSON-serialisable"):
        net.save(tmp_path / "n.npz")
    assert list(tmp_path.iterdir()) == []


def _set(key, value):
    def change(params):
        params[key] = value
    return change


@pytest.mark.parametrize("change, match", [
    (lambda p: p["W2"].__setitem__((0, 0), np.nan), "inconsistent parameters"),  # diverged
    (lambda p: p["W2"].__setitem__((0, 0), np.inf), "inconsistent parameters"),
    (_set("b1", np.zeros(7, np.float32)), "inconsistent parameters"),
    (_set("b2", np.zeros(2, np.float64)), "inconsistent parameters"),
    (_set("W1", [[0.0] * 3] * 4), "inconsistent parameters"),
    (_set("meta", np.zeros(1)), "keys"),
    (lambda p: p.pop("b2"), "keys"),
])
def test_save_refuses_params_that_load_would_refuse(tmp_path, change, match):
    net = small_net()
    change(net.params)
    with pytest.raises(ValueError, match=f"^net.params has {match}"):
        net.save(tmp_path / "n.npz")
    assert list(tmp_path.iterdir()) == []


def test_save_and_load_on_a_folder_name_path(tmp_path):
    net = small_net()
    with pytest.raises(ValueError) as e:
        net.save(tmp_path)
    assert type(e.value) is ValueError and str(e.value).startswith("path "), str(e.value)
    with pytest.raises(ValueError) as e:
        TwoLayerNet.load(tmp_path)
    assert type(e.value) is ValueError and str(e.value).startswith("path "), str(e.value)
    assert list(tmp_path.iterdir()) == []


def test_save_below_a_file_is_a_value_error_and_load_a_missing_file(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(ValueError, match="^path .*parent"):
        small_net().save(tmp_path / "f" / "n.npz")
    with pytest.raises(FileNotFoundError, match="^path "):
        TwoLayerNet.load(tmp_path / "f" / "n.npz")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f"]


@pytest.mark.parametrize("a, want", [
    (10**30, 1.0), (-(10**30), 0.0), (2**63, 1.0), (-(2**63) - 1, 0.0),
    ([10**30, 0], [1.0, 0.5]), ((0, -(10**20)), [0.5, 0.0]),
    ([[10**30], [-(10**30)]], [[1.0], [0.0]]),
])
def test_sigmoid_accepts_python_ints_of_any_size(a, want):
    got = sigmoid(a)
    assert np.asarray(got).dtype == np.float64
    np.testing.assert_array_equal(got, want)


def test_sigmoid_int_too_large_for_a_float_names_a():
    for a in (10**400, [1, 10**400]):
        with pytest.raises(ValueError, match="^a "):
            sigmoid(a)
    with pytest.raises(TypeError, match="^a must be a numeric array"):
        sigmoid([10**30, "x"])


# ------------------------------------------------ large batches, run in pieces


@pytest.mark.parametrize("n", [1, 2, 4095, 4096, 8191, 8192, 8193, 12_287, 60_000, 60_001])
def test_pieces_cover_a_batch_in_pieces_of_one_to_two_forward_rows(n):
    rows = model_module().FORWARD_ROWS
    pieces = model_module()._pieces(n)
    assert pieces[0].start == 0 and pieces[-1].stop == n
    # no gap, no overlap
    assert all(a.stop == b.start for a, b in zip(pieces[:-1], pieces[1:], strict=True))
    sizes = [s.stop - s.start for s in pieces]
    if n < 2 * rows:
        assert sizes == [n]  # one piece: the book's plain forward pass
    else:
        assert all(rows <= size < 2 * rows for size in sizes) and max(sizes) - min(sizes) <= 1
    if n == 60_000:
        assert len(sizes) == 14 and set(sizes) == {4_285, 4_286}


def model_module():
    return importlib.import_module("helpers.network.model")


def _everything(net, x, t):
    """What every method that runs the forward pass gives for (x, t)."""
    loss, grads = net.loss_and_gradient(x, t)
    return {"predict": net.predict(x), "loss": net.loss(x, t), "accuracy": net.accuracy(x, t),
            "lg_loss": loss, **{f"grad {k}": g for k, g in grads.items()}}


@pytest.mark.parametrize("dtype, rtol", [(np.float32, 1e-6), (np.float64, 1e-13)])
def test_a_batch_in_pieces_gives_the_results_of_one_piece(monkeypatch, dtype, rtol):
    """Small pieces (FORWARD_ROWS = 8: 12 pieces of 8 or 9 rows) against one piece of 103 rows,
    and against the independent forward pass. Row by row, a matrix product is the same
    computation, so the results agree to the precision of the dtype (in practice, exactly)."""
    rng = np.random.default_rng(7)
    net = TwoLayerNet(6, 5, 4, weight_init_std=1.0, rng=2, dtype=dtype)
    x, t = rng.standard_normal((103, 6)), rng.integers(0, 4, 103)
    params = {k: v.copy() for k, v in net.params.items()}
    x_before = x.copy()
    monkeypatch.setattr(model_module(), "FORWARD_ROWS", 10**9)
    whole = _everything(net, x, t)
    monkeypatch.setattr(model_module(), "FORWARD_ROWS", 8)
    assert len(model_module()._pieces(103)) == 12
    pieces = _everything(net, x, t)
    for key, want in whole.items():
        got = pieces[key]
        assert np.asarray(got).dtype == np.asarray(want).dtype, key
        np.testing.assert_allclose(got, want, rtol=rtol, atol=rtol * 1e-3, err_msg=key)
    assert pieces["accuracy"] == whole["accuracy"]
    np.testing.assert_allclose(pieces["predict"], reference_predict(net.params, x),
                               rtol=1e-5 if dtype == np.float32 else 1e-12)
    np.testing.assert_array_equal(x, x_before)  # nothing is written into x or the params
    for k in params:
        np.testing.assert_array_equal(net.params[k], params[k])


def test_mnist_sized_batch_in_pieces_matches_one_piece_and_the_reference(monkeypatch):
    """The real sizes: 784-50-10 in float32, 8,300 rows -> 2 pieces of 4,150 rows."""
    rng = np.random.default_rng(8)
    net = TwoLayerNet(rng=3, weight_init_std=0.05)
    x = rng.random((8_300, 784), dtype=np.float32)
    t = rng.integers(0, 10, 8_300)
    assert len(model_module()._pieces(len(x))) == 2
    pieces = _everything(net, x, t)
    monkeypatch.setattr(model_module(), "FORWARD_ROWS", 10**9)
    whole = _everything(net, x, t)
    for key, want in whole.items():
        np.testing.assert_allclose(pieces[key], want, rtol=1e-6, atol=1e-9, err_msg=key)
    np.testing.assert_allclose(pieces["predict"], reference_predict(net.params, x), rtol=1e-5)


@pytest.mark.parametrize("method", ["predict", "loss", "accuracy", "loss_and_gradient"])
def test_a_batch_in_pieces_blames_what_one_piece_blames(monkeypatch, method):
    """The message is about the whole x, whichever piece overflows or holds the NaN."""
    monkeypatch.setattr(model_module(), "FORWARD_ROWS", 4)
    net = small_net()
    net.params["W1"][:] = 2.0
    net.params["W1"][0] = 0.0  # the first input does not count
    x = np.ones((40, 4), np.float32)
    x[1, 1:] = np.finfo(np.float32).max / 2  # overflows in the first piece ...
    x[-1, 0] = np.finfo(np.float32).max / 1.5  # ... the largest value is in the last
    with pytest.raises(ValueError) as info:
        METHODS[method](net, x, np.zeros(40, int))
    assert str(info.value).startswith(f"x holds values so large (up to {x.max():.3g})")
    x = np.ones((40, 4), np.float32)
    x[-1, -1] = np.nan  # only the last piece
    with pytest.raises(ValueError, match="^x contains NaN or inf"):
        METHODS[method](net, x, np.zeros(40, int))
