"""Tests for helpers.losses: book values, an explicit-loop reference, validation."""

from __future__ import annotations

import importlib
import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.losses import (
    DELTA,
    _to_labels,
    cross_entropy_error,
    cross_entropy_per_sample,
    softmax,
    sum_squares_error,
)

# The book's example (Deep Learning from Scratch, 4.2.1-4.2.2)
Y_GOOD = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
Y_BAD = [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]
T_ONEHOT = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]


def loop_cee(y, t_onehot, delta=1e-7):
    """Reference: the book's formula with plain Python loops, batch mean."""
    y, t_onehot = np.atleast_2d(y), np.atleast_2d(t_onehot)
    total = 0.0
    for row_y, row_t in zip(y.tolist(), t_onehot.tolist(), strict=True):
        total += -sum(tk * math.log(yk + delta) for yk, tk in zip(row_y, row_t, strict=True))
    return total / len(y)


def loop_sse(y, t_onehot):
    y, t_onehot = np.atleast_2d(y), np.atleast_2d(t_onehot)
    total = 0.0
    for row_y, row_t in zip(y.tolist(), t_onehot.tolist(), strict=True):
        total += 0.5 * sum((yk - tk) ** 2 for yk, tk in zip(row_y, row_t, strict=True))
    return total / len(y)


def random_batch(seed, n, k, dtype=np.float64):
    """Probabilities (some exactly 0), labels and one-hot targets."""
    rng = np.random.default_rng(seed)
    a = rng.normal(scale=3.0, size=(n, k))
    a[rng.random((n, k)) < 0.2] = -np.inf  # exact zeros after softmax
    a[:, 0] = rng.normal(size=n)  # keep one finite logit per row
    y = softmax(a).astype(dtype)
    t = rng.integers(0, k, size=n)
    return y, t, np.eye(k, dtype=np.int64)[t]


# ---------------------------------------------------------------- book values


def test_book_cross_entropy_values():
    good = cross_entropy_error(np.array(Y_GOOD), np.array(T_ONEHOT))
    assert good == pytest.approx(0.510825457099338, abs=1e-12)
    bad = cross_entropy_error(np.array(Y_BAD), np.array(T_ONEHOT))
    assert bad == pytest.approx(2.302584092994546, abs=1e-12)
    # label form and plain lists give the same number
    assert cross_entropy_error(Y_GOOD, 2) == pytest.approx(0.510825457099338, abs=1e-12)
    assert cross_entropy_error(Y_BAD, np.int64(2)) == pytest.approx(2.302584092994546, abs=1e-12)
    assert isinstance(cross_entropy_error(Y_GOOD, 2), float)


def test_book_sum_squares_values():
    assert sum_squares_error(np.array(Y_GOOD), T_ONEHOT) == pytest.approx(0.0975, abs=1e-12)
    assert sum_squares_error(np.array(Y_BAD), T_ONEHOT) == pytest.approx(0.5975, abs=1e-12)
    assert sum_squares_error(Y_GOOD, 2) == pytest.approx(0.0975, abs=1e-12)


def test_uniform_predictions():
    y = np.full((5, 10), 0.1)
    t = np.arange(5)
    assert cross_entropy_error(y, t) == pytest.approx(-math.log(0.1 + 1e-7), rel=1e-13)
    np.testing.assert_allclose(cross_entropy_per_sample(y, t), -math.log(0.1 + 1e-7), rtol=1e-13)


def test_batch_mean_divides_by_n_not_k():
    y = np.array([Y_GOOD, Y_BAD])
    expected = (0.510825457099338 + 2.302584092994546) / 2
    assert cross_entropy_error(y, [2, 2]) == pytest.approx(expected, abs=1e-12)


# ------------------------------------------------------ reference comparisons


@pytest.mark.parametrize("seed", range(12))
def test_vectorized_matches_loop(seed):
    rng = np.random.default_rng(1000 + seed)
    n, k = int(rng.integers(1, 9)), int(rng.integers(2, 13))
    y, t, onehot = random_batch(seed, n, k)
    for target in (t, onehot):
        cee, sse = cross_entropy_error(y, target), sum_squares_error(y, target)
        assert cee == pytest.approx(loop_cee(y, onehot), rel=1e-12, abs=1e-14)
        assert sse == pytest.approx(loop_sse(y, onehot), rel=1e-12, abs=1e-14)
    per = cross_entropy_per_sample(y, t)
    ref = [loop_cee(y[i], onehot[i]) for i in range(n)]
    np.testing.assert_allclose(per, ref, rtol=1e-12, atol=1e-14)
    assert per.shape == (n,) and per.dtype == np.float64


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 20), k=st.integers(1, 12))
def test_onehot_equals_labels_and_mean_of_per_sample(seed, n, k):
    y, t, onehot = random_batch(seed, n, k)
    cee = cross_entropy_error(y, t)
    assert cross_entropy_error(y, onehot) == cee
    assert cross_entropy_error(y, onehot.astype(np.float32)) == cee
    assert cross_entropy_error(y, onehot.astype(bool)) == cee
    assert sum_squares_error(y, onehot) == sum_squares_error(y, t)
    # one code path: the mean loss IS the mean of the per-sample losses, bit for bit
    assert cross_entropy_per_sample(y, t).mean() == cee
    assert cross_entropy_per_sample(y, onehot, delta=1e-3).mean() == cross_entropy_error(y, t, 1e-3)


def test_batch_of_one_equals_single_sample():
    y, t, onehot = random_batch(3, 1, 10)
    single = cross_entropy_error(y[0], int(t[0]))
    assert cross_entropy_error(y, t) == single
    assert cross_entropy_error(y[0], onehot[0]) == single
    assert cross_entropy_error(y[0], np.array(t[0])) == single  # 0-d label
    assert cross_entropy_per_sample(y[0], int(t[0])).shape == (1,)
    assert sum_squares_error(y[0], int(t[0])) == sum_squares_error(y, t)


def test_float32_input_gives_float64_loss_of_the_same_values():
    y32, t, _ = random_batch(5, 50, 10, dtype=np.float32)
    # only the gathered values are upcast, exactly, so the result is bit-identical
    assert cross_entropy_error(y32, t) == cross_entropy_error(y32.astype(np.float64), t)
    assert cross_entropy_per_sample(y32, t).dtype == np.float64


def test_delta_keeps_zero_probability_finite():
    y = np.array([1.0, 0.0])
    assert cross_entropy_error(y, 1) == pytest.approx(-math.log(1e-7))
    assert cross_entropy_error(y, 1, delta=1e-3) == pytest.approx(-math.log(1e-3))


# ------------------------------------------------------------------- softmax


def test_softmax_rows_sum_to_one_and_match_naive_formula():
    rng = np.random.default_rng(0)
    a = rng.normal(size=(6, 10))
    y = softmax(a)
    naive = np.exp(a) / np.exp(a).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(y, naive, rtol=1e-13)
    np.testing.assert_allclose(y.sum(axis=1), 1.0, rtol=1e-15)
    np.testing.assert_allclose(softmax(a[0]), naive[0], rtol=1e-13)


def test_softmax_shift_invariant_and_stable():
    rng = np.random.default_rng(1)
    a = rng.normal(size=(4, 10))
    np.testing.assert_allclose(softmax(a + 1000.0), softmax(a), rtol=1e-12)
    np.testing.assert_allclose(softmax(a - 1e4), softmax(a), rtol=1e-10)
    huge = softmax(np.array([1e4, 0.0, -1e4]))
    assert np.isfinite(huge).all()
    np.testing.assert_array_equal(huge, [1.0, 0.0, 0.0])
    big32 = softmax(np.array([[1010.0, 1000.0, 990.0]], dtype=np.float32))
    assert big32.dtype == np.float32 and np.isfinite(big32).all()
    np.testing.assert_allclose(big32.sum(), 1.0, rtol=1e-6)


# ---------------------------------------------------------------- validation
# The wrong KIND of argument raises TypeError, a bad VALUE raises ValueError;
# every message starts with the argument's name (helpers.validation).

Y2 = np.array([Y_GOOD, Y_BAD])
LOSSES = (cross_entropy_error, cross_entropy_per_sample, sum_squares_error)


@pytest.mark.parametrize(
    "y, t, match",
    [
        (Y2, np.eye(10)[:3], "does not match y"),  # one-hot with 3 rows for 2
        (Y2, [2, 2, 2], "wrong number of labels"),
        (Y2, [2, 10], r"labels must be in 0\.\.9"),
        (Y2, [2, -1], r"labels must be in 0\.\.9"),
        (Y2, np.array([2, 2**63 - 1]), r"labels must be in 0\.\.9"),
        (Y2, np.array([2, 2**64 - 1], dtype=np.uint64), r"labels must be in 0\.\.9"),
        (Y_GOOD, 10, r"labels must be in 0\.\.9"),
        (Y_GOOD, -1, r"labels must be in 0\.\.9"),
        (Y_GOOD, 10**30, r"labels must be in 0\.\.9"),  # a huge Python int: no overflow
        (Y2, np.full((2, 10), 0.1), "must be one-hot"),  # soft labels
        (Y2, np.eye(10)[[2, 2]] * 2, "must be one-hot"),
        (Y2, np.eye(10)[[2, 2]] + np.eye(10)[[3, 3]], "must be one-hot"),
        (Y2, np.zeros((2, 10)), "must be one-hot"),
        (Y2, np.where(np.eye(10)[[2, 2]] == 1, 1.0, np.nan), "must be one-hot"),
        (Y2, [[2], [2]], "does not match y"),
        (Y2, [], "wrong number of labels"),
        (Y2, 2, "does not match y"),  # one label for a batch of 2
        (Y_GOOD, [2, 3], "one integer label"),
        (np.array([[0.5, np.nan]]), [0], "NaN or inf"),
        (np.array([[0.5, np.inf]]), [0], "NaN or inf"),
        (np.array([[0.5, -np.inf]]), [0], "NaN or inf"),
        (np.array([[0.5, 1.5]]), [0], r"probabilities in \[0, 1\]"),
        (np.array([[-0.1, 1.0]]), [0], r"probabilities in \[0, 1\]"),
        (np.array([[1e300, 0.0]]), [0], r"probabilities in \[0, 1\]"),
        ([[0.0, 2]], [0], r"probabilities in \[0, 1\]"),
        (np.zeros((0, 10)), np.zeros(0, dtype=int), "y is empty"),
        (np.zeros((2, 0)), [0, 0], "y is empty"),
        ([], 0, "y is empty"),
        (np.full((2, 2, 5), 0.1), [0, 0], "3 dims"),
        (np.array(0.5), 0, "0 dims"),
        (0.5, 0, "0 dims"),
    ],
)
def test_bad_value_raises_value_error(y, t, match):
    for func in LOSSES:
        with pytest.raises(ValueError, match=match) as e:
            func(y, t)
        assert str(e.value).startswith(("y ", "t ")), str(e.value)
        assert str(e.value).endswith(f"(in {func.__name__})"), str(e.value)


@pytest.mark.parametrize(
    "y, t, match",
    [
        (Y2, [2.5, 1.0], "^t labels must be integers"),
        (Y2, [2.0, 1.0], "^t labels must be integers"),  # whole floats: still a float
        (Y2, [True, False], "^t labels must be integers"),
        (Y_GOOD, True, "^t labels must be integers"),
        (Y_GOOD, np.bool_(False), "^t labels must be integers"),
        (Y_GOOD, 2.5, "^t labels must be integers"),
        (Y_GOOD, "2", "^t must be one-hot rows or integer labels"),
        (Y2, ["2", "2"], "^t must be one-hot rows or integer labels"),
        (Y2, [2, None], "^t must be one-hot rows or integer labels"),
        (Y2, [[2], [2, 3]], "^t must be one-hot rows or integer labels, got a ragged"),
        (Y2, [2 + 0j, 2], "^t must be one-hot rows or integer labels"),
        (Y2, np.eye(10, dtype=complex)[[2, 2]], "^t must be one-hot rows or integer labels"),
        (Y2, None, "^t must be one-hot rows or integer labels"),
        (Y2, {"t": 2}, "^t must be one-hot rows or integer labels"),
        (np.array(["a", "b"]), 0, "^y must be a numeric array"),
        ("0.5", 0, "^y must be a numeric array"),
        ([0.5, None], 0, "^y must be a numeric array"),
        (np.array([0.5, 0.5], dtype=object), 0, "^y must be a numeric array"),
        ([[0.5, 0.5], [1.0]], [0, 0], "^y must be a numeric array"),
        ([0.5 + 0j, 0.5], 0, "^y must be a numeric array"),
        ([True, False], 0, "^y must be a numeric array"),
        (None, 0, "^y must be a numeric array"),
    ],
)
def test_wrong_kind_raises_type_error(y, t, match):
    for func in LOSSES:
        with pytest.raises(TypeError, match=match):
            func(y, t)


def test_labels_beyond_int64_in_a_list():
    # NumPy stores [10**30, 1] as dtype object: "not integers" and "out of range" are both honest
    for func in LOSSES:
        with pytest.raises((TypeError, ValueError), match="^t "):
            func(Y2, [10**30, 1])


@pytest.mark.parametrize("delta, error, match", [
    (-1e-7, ValueError, "^delta must be >= 0"),
    (np.nan, ValueError, "^delta must be finite"),
    (np.inf, ValueError, "^delta must be finite"),
    (10**400, ValueError, "^delta must be finite"),
    ("1e-7", TypeError, "^delta must be a real number"),
    (True, TypeError, "^delta must be a real number"),
    (1e-7 + 0j, TypeError, "^delta must be a real number"),
    (None, TypeError, "^delta must be a real number"),
    ([1e-7], TypeError, "^delta must be a real number"),
])
def test_bad_delta(delta, error, match):
    for func in (cross_entropy_error, cross_entropy_per_sample):
        with pytest.raises(error, match=match):
            func(Y_GOOD, 2, delta=delta)


@pytest.mark.parametrize(
    "a, error, match",
    [
        (np.array([1.0, np.nan]), ValueError, "^a contains NaN or \\+inf"),
        (np.array([1.0, np.inf]), ValueError, "^a contains NaN or \\+inf"),
        (np.array([-np.inf, -np.inf]), ValueError, "all -inf"),
        (np.array([[0.0, 1.0], [-np.inf, -np.inf]]), ValueError, "all -inf"),
        (np.zeros((1, 2, 3)), ValueError, "^a must be 1-D \\(K,\\) or 2-D"),
        (np.float64(3.0), ValueError, "^a must be 1-D \\(K,\\) or 2-D"),
        (np.zeros((0, 3)), ValueError, "^a is empty"),
        (np.zeros((3, 0)), ValueError, "^a is empty"),
        ([], ValueError, "^a is empty"),
        (np.array([True, False]), TypeError, "^a must be a numeric array"),
        (["1", "2"], TypeError, "^a must be a numeric array"),
        ([1.0, 2j], TypeError, "^a must be a numeric array"),
        (np.array([1.0, 2.0], dtype=object), TypeError, "^a must be a numeric array"),
        ([[1.0, 2.0], [3.0]], TypeError, "^a must be a numeric array"),
        (None, TypeError, "^a must be a numeric array"),
    ],
)
def test_softmax_bad_input(a, error, match):
    with pytest.raises(error, match=match):
        softmax(a)


def test_softmax_valid_edge_inputs():
    np.testing.assert_allclose(softmax([1, 2, 3]), softmax(np.array([1.0, 2.0, 3.0])), rtol=0)
    assert softmax([1, 2, 3]).dtype == np.float64
    assert softmax(np.array([0.0, 1.0], dtype=np.float16)).dtype == np.float16
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow warning for the largest finite logits
        huge = softmax([1e308, -1e308])
    np.testing.assert_array_equal(huge, [1.0, 0.0])
    np.testing.assert_array_equal(softmax([[0.0, -np.inf]]), [[1.0, 0.0]])
    np.testing.assert_allclose(softmax([[5.0]]), [[1.0]])


def test_valid_array_like_inputs():
    book = 0.510825457099338
    assert cross_entropy_error(tuple(Y_GOOD), tuple(T_ONEHOT)) == pytest.approx(book, abs=1e-12)
    assert cross_entropy_error(np.float32(Y_GOOD), np.uint8(2)) == pytest.approx(book, rel=1e-6)
    assert cross_entropy_error(np.float16(Y_GOOD), [2]) == pytest.approx(book, rel=1e-3)
    assert cross_entropy_error([Y_GOOD, Y_BAD], np.int8([2, 2])) == pytest.approx(
        (book + 2.302584092994546) / 2, abs=1e-12)
    assert cross_entropy_error(Y_GOOD, np.eye(10, dtype=bool)[2]) == pytest.approx(book, abs=1e-12)
    # integer probabilities (a certain prediction) are valid too
    assert cross_entropy_error([0, 1, 0], 1) == pytest.approx(-math.log(1 + 1e-7), rel=1e-15)
    assert sum_squares_error([0, 1, 0], [0, 1, 0]) == 0.0
    assert cross_entropy_error(Y_GOOD, 2, delta=np.float32(1e-3)) == pytest.approx(
        -math.log(0.6 + float(np.float32(1e-3))), rel=1e-12)
    assert cross_entropy_error(Y_GOOD, 2, delta=Fraction(1, 1000)) == pytest.approx(
        -math.log(0.601), rel=1e-12)


def test_delta_zero_gives_inf_for_a_zero_probability_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        per = cross_entropy_per_sample([[1.0, 0.0], [0.5, 0.5]], [1, 0], delta=0)
    assert per[0] == np.inf and per[1] == pytest.approx(math.log(2))
    assert cross_entropy_error([1.0, 0.0], 0, delta=0) == 0.0


def test_inputs_are_never_modified():
    y, t, onehot = random_batch(9, 6, 5, dtype=np.float32)
    a = np.random.default_rng(0).normal(size=(6, 5))
    for arr in (y, t, onehot, a):
        arr.setflags(write=False)  # any in-place write would raise
    copies = [v.copy() for v in (y, t, onehot, a)]
    softmax(a)
    softmax(a.astype(np.float32))
    for target in (t, onehot, t.tolist()):
        cross_entropy_error(y, target)
        cross_entropy_per_sample(y, target)
        sum_squares_error(y, target)
        sum_squares_error(y.astype(np.float64), target)  # float64: no conversion copy first
    sum_squares_error(y[0].astype(np.float64), int(t[0]))
    for before, after in zip(copies, (y, t, onehot, a), strict=True):
        np.testing.assert_array_equal(before, after)
    lst = [list(r) for r in Y2]
    sum_squares_error(lst, [2, 2])
    assert lst == [Y_GOOD, Y_BAD]


def test_to_labels_private_helper_used_by_network():
    np.testing.assert_array_equal(_to_labels([0, 2], 2, 3, "accuracy"), [0, 2])
    np.testing.assert_array_equal(_to_labels(np.eye(3)[[1, 0]], 2, 3, "gradient"), [1, 0])
    np.testing.assert_array_equal(_to_labels(np.int64(2), 1, 3, "gradient", single=True), [2])
    assert _to_labels([0, 2], 2, 3, "accuracy").dtype == np.intp
    with pytest.raises(ValueError, match=r"^t has 3 labels but y has 2 rows: wrong number of "
                                         r"labels \(in train_sgd\)$"):
        _to_labels([0, 1, 1], 2, 3, "train_sgd")
    with pytest.raises(TypeError, match=r"^t_test labels must be integers.*\(in train_sgd\)$"):
        _to_labels([0.0, 1.0], 2, 3, "train_sgd", name="t_test")
    with pytest.raises(ValueError, match=r"labels must be in 0\.\.2.*got values in \[0, 3\]$"):
        _to_labels([0, 3], 2, 3, "")  # no function: no suffix


def test_delta_is_defined_once():
    """The number 1e-7 appears in the code of these modules only as ``DELTA = 1e-7``."""
    import ast
    import inspect

    assert DELTA == 1e-7
    for func in (cross_entropy_error, cross_entropy_per_sample):
        assert inspect.signature(func).parameters["delta"].default is DELTA
    for module in ("losses", "sampling", "check", "validation"):
        tree = ast.parse(inspect.getsource(importlib.import_module(f"helpers.{module}")))
        literals = [node for node in ast.walk(tree)
                    if isinstance(node, ast.Constant) and type(node.value) is float
                    and node.value == 1e-7]
        defs = [node.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
                and any(getattr(t, "id", "") == "DELTA" for t in node.targets)]
        assert len(literals) == len(defs) == (1 if module == "losses" else 0), module
