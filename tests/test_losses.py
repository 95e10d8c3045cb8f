"""Tests for helpers.losses: book values, an explicit-loop reference, validation."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.losses import cross_entropy_error, cross_entropy_per_sample, softmax, sum_squares_error

# The book's example (Deep Learning from Scratch, 4.2.1-4.2.2)
Y_GOOD = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
Y_BAD = [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]
T_ONEHOT = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]


def loop_cee(y, t_onehot, delta=1e-7):
    """Reference: the book's formula with plain Python loops, batch mean."""
    y, t_onehot = np.atleast_2d(y), np.atleast_2d(t_onehot)
    total = 0.0
    for row_y, row_t in zip(y.tolist(), t_onehot.tolist()):
        total += -sum(tk * math.log(yk + delta) for yk, tk in zip(row_y, row_t))
    return total / len(y)


def loop_sse(y, t_onehot):
    y, t_onehot = np.atleast_2d(y), np.atleast_2d(t_onehot)
    total = 0.0
    for row_y, row_t in zip(y.tolist(), t_onehot.tolist()):
        total += 0.5 * sum((yk - tk) ** 2 for yk, tk in zip(row_y, row_t))
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
    assert cross_entropy_error(np.array(Y_GOOD), np.array(T_ONEHOT)) == pytest.approx(0.510825457099338, abs=1e-12)
    assert cross_entropy_error(np.array(Y_BAD), np.array(T_ONEHOT)) == pytest.approx(2.302584092994546, abs=1e-12)
    # label form and plain lists give the same number
    assert cross_entropy_error(Y_GOOD, 2) == pytest.approx(0.510825457099338, abs=1e-12)
    assert cross_entropy_error(Y_BAD, np.int64(2)) == pytest.approx(2.302584092994546, abs=1e-12)
    assert isinstance(cross_entropy_error(Y_GOOD, 2), float)


def test_book_sum_squares_values():
    assert sum_squares_error(np.array(Y_GOOD), np.array(T_ONEHOT)) == pytest.approx(0.0975, abs=1e-12)
    assert sum_squares_error(np.array(Y_BAD), np.array(T_ONEHOT)) == pytest.approx(0.5975, abs=1e-12)
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
        assert cross_entropy_error(y, target) == pytest.approx(loop_cee(y, onehot), rel=1e-12, abs=1e-14)
        assert sum_squares_error(y, target) == pytest.approx(loop_sse(y, onehot), rel=1e-12, abs=1e-14)
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
    assert cross_entropy_per_sample(y, t).mean() == pytest.approx(cee, rel=1e-14, abs=1e-15)


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

Y2 = np.array([Y_GOOD, Y_BAD])


@pytest.mark.parametrize(
    "y, t, match",
    [
        (Y2, np.eye(10)[:3], "does not match y"),  # one-hot with 3 rows for 2
        (Y2, [2, 2, 2], "wrong number of labels"),
        (Y2, [2, 10], r"labels must be in 0\.\.9"),
        (Y2, [2, -1], r"labels must be in 0\.\.9"),
        (Y2, [2.5, 1.0], "labels must be integers"),
        (Y2, [2.0, 1.0], "labels must be integers"),
        (Y2, [True, False], "labels must be integers"),
        (Y_GOOD, True, "labels must be integers"),
        (Y_GOOD, 2.5, "labels must be integers"),
        (Y2, np.full((2, 10), 0.1), "must be one-hot"),  # soft labels
        (Y2, np.eye(10)[[2, 2]] * 2, "must be one-hot"),
        (Y2, np.eye(10)[[2, 2]] + np.eye(10)[[3, 3]], "must be one-hot"),
        (Y2, np.zeros((2, 10)), "must be one-hot"),
        (Y2, np.where(np.eye(10)[[2, 2]] == 1, 1.0, np.nan), "must be one-hot"),
        (np.array([[0.5, np.nan]]), [0], "NaN or inf"),
        (np.array([[0.5, np.inf]]), [0], "NaN or inf"),
        (np.array([[0.5, 1.5]]), [0], r"probabilities in \[0, 1\]"),
        (np.array([[-0.1, 1.0]]), [0], r"probabilities in \[0, 1\]"),
        (np.zeros((0, 10)), np.zeros(0, dtype=int), "y is empty"),
        (np.zeros((2, 0)), [0, 0], "y is empty"),
        (np.full((2, 2, 5), 0.1), [0, 0], "3 dims"),
        (np.array(0.5), 0, "0 dims"),
        (np.array(["a", "b"]), 0, "real numeric"),
        (Y2, [[2], [2]], "does not match y"),
        (Y_GOOD, [2, 3], "one integer label"),
    ],
)
def test_bad_input_raises(y, t, match):
    for func in (cross_entropy_error, cross_entropy_per_sample, sum_squares_error):
        with pytest.raises(ValueError, match=match):
            func(y, t)


@pytest.mark.parametrize("delta", [-1e-7, np.nan, np.inf, "1e-7", True])
def test_bad_delta(delta):
    with pytest.raises(ValueError, match="delta must be a finite number >= 0"):
        cross_entropy_error(Y_GOOD, 2, delta=delta)


@pytest.mark.parametrize(
    "a, match",
    [
        (np.array([1.0, np.nan]), "NaN or \\+inf"),
        (np.array([1.0, np.inf]), "NaN or \\+inf"),
        (np.array([-np.inf, -np.inf]), "all -inf"),
        (np.zeros((1, 2, 3)), "1-D \\(K,\\) or 2-D"),
        (np.zeros((0, 3)), "a is empty"),
        (np.array([True, False]), "real numeric"),
    ],
)
def test_softmax_bad_input(a, match):
    with pytest.raises(ValueError, match=match):
        softmax(a)
