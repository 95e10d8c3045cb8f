"""Tests for helpers.losses: book values, an explicit-loop reference, validation."""

from __future__ import annotations

import importlib
import inspect
import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import losses
from helpers._validation import check_array, check_labels, check_probabilities
from helpers.losses import (
    DELTA,
    _to_labels,
    cross_entropy_error,
    cross_entropy_per_sample,
    neg_log,
    softmax,
    sum_squares_error,
)
from tests.support import book_cee_labels

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
# every message starts with the argument's name (helpers._validation).

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
        (Y2, 2, r"^t is one label \(2\) but y is a batch of 2 rows"),  # one label, 2 rows
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
        (np.full((2, 2, 5), 0.1), [0, 0], r"^y must be 1-D or 2-D, got shape \(2, 2, 5\)"),
        (np.array(0.5), 0, r"^y must be 1-D or 2-D, got shape \(\)"),
        (0.5, 0, r"^y must be 1-D or 2-D, got shape \(\)"),
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
        (np.zeros((1, 2, 3)), ValueError, r"^a must be 1-D or 2-D, got shape \(1, 2, 3\)$"),
        (np.float64(3.0), ValueError, r"^a must be 1-D or 2-D, got shape \(\)$"),
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

    assert DELTA == 1e-7
    for func in (cross_entropy_error, cross_entropy_per_sample):
        assert inspect.signature(func).parameters["delta"].default is DELTA
    for module in ("losses", "sampling", "check", "_validation"):
        tree = ast.parse(inspect.getsource(importlib.import_module(f"helpers.{module}")))
        literals = [node for node in ast.walk(tree)
                    if isinstance(node, ast.Constant) and type(node.value) is float
                    and node.value == 1e-7]
        defs = [node.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
                and any(getattr(t, "id", "") == "DELTA" for t in node.targets)]
        assert len(literals) == len(defs) == (1 if module == "losses" else 0), module


# -------------------------------------------------------------------- neg_log


@pytest.mark.parametrize("p", [0.0, 1e-300, 1e-7, 0.1, 0.5, 0.6, 0.999, 1.0])
@pytest.mark.parametrize("delta", [DELTA, 1e-3, 0.5])
def test_neg_log_matches_math_log(p, delta):
    got = neg_log(p, delta)
    assert type(got) is float
    assert got == pytest.approx(-math.log(p + delta), rel=1e-15, abs=0)


def test_neg_log_by_hand():
    assert neg_log(0.6) == pytest.approx(0.510825457099338, abs=1e-12)  # the book's example
    assert neg_log(0.1) == pytest.approx(2.302584092994546, abs=1e-12)
    assert neg_log(0.0) == pytest.approx(-math.log(1e-7), rel=1e-15)  # = 16.1181, finite
    assert neg_log(0.5, delta=0) == pytest.approx(math.log(2), rel=1e-15)
    assert neg_log(1, 0) == 0.0 and math.copysign(1.0, neg_log(1, 0)) == 1.0  # never -0.0
    assert neg_log(0.25, delta=Fraction(1, 4)) == pytest.approx(math.log(2), rel=1e-15)
    assert neg_log(np.array(0.5), np.float32(0.0)) == pytest.approx(math.log(2), rel=1e-15)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # log(0) with delta = 0: inf, without a warning
        assert neg_log(0.0, delta=0) == math.inf
        assert neg_log([0, 1], delta=0).tolist() == [math.inf, 0.0]


def test_neg_log_arrays_keep_their_shape_and_compute_in_float64():
    p = np.array([[0.1, 0.6], [1.0, 0.0]], dtype=np.float32)
    p.setflags(write=False)  # any in-place write would raise
    got = neg_log(p)
    assert isinstance(got, np.ndarray) and got.shape == (2, 2) and got.dtype == np.float64
    ref = [[-math.log(float(v) + 1e-7) for v in row] for row in p.tolist()]  # float32 values
    np.testing.assert_allclose(got, ref, rtol=1e-15)
    np.testing.assert_array_equal(p, np.float32([[0.1, 0.6], [1.0, 0.0]]))
    lst = [0.5, 0.25]
    np.testing.assert_allclose(neg_log(lst), [-math.log(0.5 + 1e-7), -math.log(0.25 + 1e-7)],
                               rtol=1e-15)
    assert lst == [0.5, 0.25] and neg_log(lst).dtype == np.float64
    assert neg_log([0.5]).shape == (1,)  # a 1-element array stays an array
    assert neg_log(np.float32(0.1)) == -math.log(float(np.float32(0.1)) + 1e-7)


@pytest.mark.parametrize("p, delta, error, match", [
    (1.5, DELTA, ValueError, r"^p must hold probabilities in \[0, 1\], got values in \[1\.5, "),
    (-0.1, DELTA, ValueError, r"^p must hold probabilities in \[0, 1\]"),
    ([0.5, 2.0], DELTA, ValueError, r"^p must hold probabilities in \[0, 1\]"),
    (np.nan, DELTA, ValueError, "^p contains NaN or inf"),
    ([0.5, np.inf], DELTA, ValueError, "^p contains NaN or inf"),
    ([], DELTA, ValueError, "^p is empty"),
    ("0.5", DELTA, TypeError, "^p must be a numeric array"),
    (True, DELTA, TypeError, "^p must be a numeric array"),
    (0.5j, DELTA, TypeError, "^p must be a numeric array"),
    (None, DELTA, TypeError, "^p must be a numeric array"),
    ([0.5, None], DELTA, TypeError, "^p must be a numeric array"),
    ([[0.5], [0.5, 0.5]], DELTA, TypeError, "^p must be a numeric array"),
    (0.5, -1e-7, ValueError, "^delta must be >= 0"),
    (0.5, np.nan, ValueError, "^delta must be finite"),
    (0.5, "1e-7", TypeError, "^delta must be a real number"),
    (0.5, True, TypeError, "^delta must be a real number"),
    (0.5, [1e-7], TypeError, "^delta must be a real number"),
])
def test_neg_log_bad_input(p, delta, error, match):
    with pytest.raises(error, match=match):
        neg_log(p, delta)


def test_neg_log_is_public_and_the_one_code_path(monkeypatch):
    assert "neg_log" in losses.__all__
    assert inspect.signature(neg_log).parameters["delta"].default is DELTA
    calls = []
    real = losses.neg_log

    def spy(p, delta=DELTA):
        calls.append((np.array(p), delta))
        return real(p, delta)

    monkeypatch.setattr(losses, "neg_log", spy)
    y, t, onehot = random_batch(4, 5, 10)
    cee = cross_entropy_error(y, onehot, delta=1e-3)
    per = cross_entropy_per_sample(y, t)
    assert len(calls) == 2  # both losses go through neg_log, once each
    np.testing.assert_array_equal(calls[0][0], y[np.arange(5), t])  # the true classes' p
    assert calls[0][1] == 1e-3 and calls[1][1] == DELTA
    assert cee == real(y[np.arange(5), t], 1e-3).mean()
    np.testing.assert_array_equal(per, real(y[np.arange(5), t]))


# --------------------------------------- one set of checks (helpers._validation)


@pytest.mark.parametrize("y", [
    [0.5, 1.5], [[-0.1, 1.0]], [[0.5, np.nan]], [0.5, np.inf], [], np.zeros((2, 0)),
    np.full((2, 2, 5), 0.1), 0.5,
])
def test_y_messages_are_check_probabilities_messages(y):
    # losses add only where the check was made: " (in cross_entropy_error)"
    with pytest.raises(ValueError) as ref:
        check_probabilities(y, "y")
    for func in LOSSES:
        with pytest.raises(ValueError) as got:
            func(y, 0)
        assert str(got.value) == f"{ref.value} (in {func.__name__})"


@pytest.mark.parametrize("a", [np.zeros((1, 2, 3)), 3.0, [], np.zeros((0, 3)), ["1"], [True]])
def test_softmax_shape_and_kind_messages_are_check_array_messages(a):
    with pytest.raises((TypeError, ValueError)) as ref:
        check_array(a, "a", ndim=(1, 2), finite=False)
    with pytest.raises(type(ref.value)) as got:
        softmax(a)
    assert str(got.value) == str(ref.value)


@pytest.mark.parametrize("t", [[0, 10], [-1, 2], [0.0, 1.0], [True, False]])
def test_integer_labels_are_checked_by_check_labels(t):
    with pytest.raises((TypeError, ValueError)) as ref:
        check_labels(t, "t labels", n=2, k=10)
    with pytest.raises(type(ref.value)) as got:
        _to_labels(t, 2, 10, "train_sgd")
    assert str(got.value) == f"{ref.value} (in train_sgd)"


def test_to_labels_scalar_label_of_any_size():
    with pytest.raises(ValueError, match=r"^t labels must be in 0\.\.2, got 3 \(in f\)$"):
        _to_labels(3, 1, 3, "f", single=True)
    # str() of a 5000-digit int raises in Python 3.11+; the message must still be ours
    with pytest.raises(ValueError, match=r"^t labels must be in 0\.\.2, got an int of 16610 bits"):
        _to_labels(10**5000, 1, 3, "f", single=True)
    with pytest.raises(TypeError, match=r"^t labels must be integers.*got dtype bool.*\(in f\)$"):
        _to_labels([True, False], 2, 3, "f")


# --------------------------------------------- the notebooks the docstring names
NOTEBOOK_USES = {"01": ["cross_entropy_error", "sum_squares_error", "cross_entropy_per_sample"],
                 "02": ["cross_entropy_error", "cross_entropy_per_sample"],
                 "03": ["cross_entropy_per_sample", "cross_entropy_error"]}


@pytest.mark.parametrize("number", sorted(NOTEBOOK_USES))
def test_module_docstring_names_what_each_notebook_calls(number):
    import json
    from pathlib import Path

    doc = " ".join(losses.__doc__.split())
    start = doc.index(f" {number} (")
    named = doc[start : doc.index(")", start)]
    (path,) = (Path(__file__).parents[1] / "notebooks").glob(f"{number}-*.ipynb")
    code = "\n".join("".join(c["source"]) for c in json.loads(path.read_text("utf-8"))["cells"]
                     if c["cell_type"] == "code")
    for name in NOTEBOOK_USES[number]:
        assert f"``{name}``" in named, (number, name, named)
        assert f"{name}(" in code, (path.name, name)


# ------------------------------------------ QA fault sweep: K = 1, delta >= 1, huge ints
@pytest.mark.parametrize("y, t, label", [
    ([1.0], [0], 0),  # K = 1: [0] has the one-hot shape (1,) but is not one-hot: the label 0
    ([1.0], np.array([0], dtype=np.uint8), 0),
    ([1.0], [1], 0),  # K = 1: [1] is the one-hot row of class 0
    ([1.0], [1.0], 0),
    ([1.0], 0, 0),
    ([1.0], np.int64(0), 0),
    ([0.3, 0.7], [1], 1),  # K = 2: shape (1,) is a label, (2,) one-hot
    ([0.3, 0.7], [0], 0),
    ([0.3, 0.7], [0, 1], 1),
    ([0.3, 0.7], [1, 0], 0),
    ([0.3, 0.7], [0.0, 1.0], 1),
    ([0.3, 0.7], 1, 1),
], ids=lambda v: repr(v) if not isinstance(v, list) else str(v))
def test_single_sample_of_one_or_two_classes_both_ways(y, t, label):
    # cross_entropy_error([1.0], [0]) raised "t has the shape of y (1,), so it must be one-hot"
    p = y[label]
    assert cross_entropy_error(y, t) == neg_log(p)
    np.testing.assert_array_equal(cross_entropy_per_sample(y, t), [neg_log(p)])
    onehot = np.eye(len(y))[label]
    assert sum_squares_error(y, t) == pytest.approx(0.5 * np.sum((np.array(y) - onehot) ** 2))
    assert _to_labels(t, 1, len(y), "f", single=True).tolist() == [label]


@pytest.mark.parametrize("y, t, error, match", [
    ([1.0], [2], ValueError, r"^t labels must be in 0\.\.0, got values in \[2, 2\]"),
    ([1.0], [-1], ValueError, r"^t labels must be in 0\.\.0"),
    ([1.0], [0.5], TypeError, "^t labels must be integers"),  # neither one-hot nor a label
    ([1.0], [True], None, None),  # a bool one-hot row: as for K > 1
    ([0.3, 0.7], [2], ValueError, r"^t labels must be in 0\.\.1"),
    ([0.3, 0.7], [0.5, 0.5], ValueError, "^t has the shape of y"),  # (2,) is only one-hot
    ([0.3, 0.7], [1, 1], ValueError, "^t has the shape of y"),
    ([[1.0]], [0], None, None),  # a batch of K = 1: (1, 1) one-hot, (1,) labels: no overlap
    ([[1.0]], [[0]], ValueError, "^t has the shape of y"),
])
def test_single_sample_of_one_or_two_classes_bad_targets(y, t, error, match):
    for func in LOSSES:
        if error is None:
            assert np.all(np.isfinite(func(y, t)))
        else:
            with pytest.raises(error, match=match):
                func(y, t)


@pytest.mark.parametrize("delta", [1, 1.0, 2.5, np.float64(1.0), 10**30, 1e300, Fraction(3, 2)])
def test_delta_of_one_or_more_is_rejected(delta):
    # cross_entropy_error([0.5, 0.5], 0, delta=10**30) returned -69: a "loss" below -log 2
    for func in (cross_entropy_error, cross_entropy_per_sample):
        with pytest.raises(ValueError, match=r"^delta must be < 1 .*1e-7"):
            func([0.5, 0.5], 0, delta=delta)
    with pytest.raises(ValueError, match=r"^delta must be < 1"):
        neg_log(0.5, delta)


def test_delta_just_below_one_is_still_accepted():
    assert neg_log(1.0, 0.999) == pytest.approx(-math.log(1.999))
    assert cross_entropy_error([0.5, 0.5], 0, delta=0.5) == pytest.approx(0.0, abs=0)


def test_plots_and_widgets_pass_no_delta_of_one_or_more():
    import ast
    from pathlib import Path

    root = Path(losses.__file__).parent
    for rel in ("plots/single.py", "widgets/single.py"):
        tree = ast.parse((root / rel).read_text("utf-8"))
        text = {id(k) for call in ast.walk(tree) if isinstance(call, ast.Call)  # tr(..., delta=
                and getattr(call.func, "id", None) == "tr" for k in call.keywords}  # "1e-07"): text
        for node in ast.walk(tree):
            values = []
            if isinstance(node, ast.keyword) and node.arg == "delta" and id(node) not in text:
                values.append(node.value)
            if isinstance(node, (ast.FunctionDef, ast.Lambda)):
                args = node.args.args + node.args.kwonlyargs
                defaults = [None] * (len(node.args.args) - len(node.args.defaults))
                defaults += node.args.defaults + node.args.kw_defaults
                values += [d for a, d in zip(args, defaults, strict=True)
                           if a.arg == "delta" and d is not None]
            for v in values:
                if isinstance(v, ast.Constant) and isinstance(v.value, (int, float)):
                    assert v.value < 1, (rel, ast.unparse(node))
                else:  # a name: DELTA (1e-7) or a variable passed through
                    assert isinstance(v, ast.Name), (rel, ast.unparse(v))


@pytest.mark.parametrize("a, want", [
    ([10**30, 1], [1.0, 0.0]),  # NumPy stores these Python ints as dtype object
    ([1, 10**30], [0.0, 1.0]),
    ([[10**30, 10**30], [0, 0]], [[0.5, 0.5], [0.5, 0.5]]),
    ([-(10**30), 0], [0.0, 1.0]),
    ([10**30, 1.5], [1.0, 0.0]),
    ([10**30, np.int64(1)], [1.0, 0.0]),
])
def test_softmax_of_python_ints_beyond_int64(a, want):
    # softmax([10**30, 1]) raised TypeError "a must be a numeric array ..., got dtype object"
    got = softmax(a)
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("a, error, match", [
    ([10**400, 1], ValueError, "^a must be finite, got an int of about 40[01] digits"),
    ([1, -(10**400)], ValueError, "^a must be finite"),
    (10**30, ValueError, r"^a must be 1-D or 2-D, got shape \(\)"),
    ([10**30, True], TypeError, "^a must be a numeric array"),  # a bool is not a score
    ([10**30, "1"], TypeError, "^a must be a numeric array"),
    ([10**30, None], TypeError, "^a must be a numeric array"),
    (np.array([10**30, 1], dtype=object), TypeError, "^a must be a numeric array"),
])
def test_softmax_of_huge_python_ints_bad_input(a, error, match):
    with pytest.raises(error, match=match):
        softmax(a)


# ---------------------------------------------------- a plain Python int label (notebook 02)


def test_a_python_int_label_works_where_the_books_code_fails():
    y = np.array(Y_GOOD)
    with pytest.raises(AttributeError, match="reshape"):  # what notebook 02 shows
        book_cee_labels(y, 2)
    by_hand = -math.log(0.6 + 1e-7)
    for func in (cross_entropy_error,):
        assert func(y, 2) == pytest.approx(by_hand, rel=1e-12)
        assert func(y.tolist(), 2) == pytest.approx(by_hand, rel=1e-12)
        assert func(y[None, :], 2) == pytest.approx(by_hand, rel=1e-12)  # a batch of one row
    assert cross_entropy_per_sample(y, 2).tolist() == pytest.approx([by_hand], rel=1e-12)
    assert book_cee_labels(y, np.array(2)) == pytest.approx(by_hand, rel=1e-12)


def test_a_python_int_label_for_a_batch_is_a_clear_error():
    y = np.array([Y_GOOD, Y_GOOD, Y_GOOD])
    for func in (cross_entropy_error, cross_entropy_per_sample, sum_squares_error):
        with pytest.raises(ValueError, match=r"^t is one label \(2\) but y is a batch of 3 rows"):
            func(y, 2)
    with pytest.raises(ValueError, match=r"^t labels must be in 0\.\.9, got 10"):
        cross_entropy_error(np.array(Y_GOOD), 10)
    with pytest.raises(TypeError, match="^t labels must be integers"):
        cross_entropy_error(np.array(Y_GOOD)[None, :], True)
