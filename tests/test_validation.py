"""Tests for helpers.validation: TypeError for the wrong kind, ValueError for a bad value.

Every message must start with the argument's name; valid ``array_like``
(lists, tuples, NumPy scalars) must work; inputs are never modified.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from helpers.validation import (
    check_array,
    check_bool,
    check_callable,
    check_choice,
    check_int,
    check_int_array,
    check_labels,
    check_real,
    is_int,
)

RAGGED = [[1.0, 2.0], [3.0]]


# -------------------------------------------------------------------- is_int


@pytest.mark.parametrize("value", [0, -3, 10**30, np.int8(1), np.int64(-2), np.uint64(2**63)])
def test_is_int_true(value):
    assert is_int(value) is True


@pytest.mark.parametrize("value", [True, False, np.bool_(True), 1.0, np.float64(2), "1", None,
                                   1j, np.array(1), [1], Fraction(1, 1)])
def test_is_int_false(value):
    assert is_int(value) is False


# ----------------------------------------------------------------- check_int


def test_check_int_valid():
    assert check_int(3, "k") == 3 and type(check_int(np.int64(3), "k")) is int
    assert check_int(10**30, "k", minimum=1) == 10**30
    assert check_int(5, "k", minimum=5, maximum=5) == 5
    assert check_int(-7, "k") == -7  # no bounds given


@pytest.mark.parametrize("value", [True, np.bool_(False), 3.0, np.float32(3), "3", None, 3 + 0j,
                                   np.array(3), [3], Fraction(3, 1)])
def test_check_int_wrong_kind(value):
    with pytest.raises(TypeError, match=r"^k must be an int >= 1, got .*\("):
        check_int(value, "k", minimum=1)


@pytest.mark.parametrize("value, kwargs, match", [
    (0, dict(minimum=1), r"^k must be an int >= 1, got 0$"),
    (-5, dict(minimum=0), r"^k must be an int >= 0, got -5$"),
    (11, dict(maximum=10, why=" (the data size)"),
     r"^k must be at most 10 \(the data size\), got 11$"),
    (10**30, dict(minimum=1, maximum=60_000), r"^k must be at most 60000"),
    pytest.param(10**5000, dict(maximum=60_000), r"^k must be at most 60000, got an int of 16610 "
                 "bits", id="10**5000"),
    pytest.param(-(10**5000), dict(minimum=1), r"^k must be an int >= 1, got an int of",
                 id="-10**5000"),
])
def test_check_int_bad_value(value, kwargs, match):
    with pytest.raises(ValueError, match=match):
        check_int(value, "k", **kwargs)


# ---------------------------------------------------------------- check_real


@pytest.mark.parametrize("value, expected", [
    (1, 1.0), (0.5, 0.5), (np.float32(0.25), 0.25), (np.int64(-2), -2.0), (Fraction(1, 4), 0.25),
    (1e308, 1e308), (10**300, 1e300),
])
def test_check_real_valid(value, expected):
    got = check_real(value, "x")
    assert type(got) is float and got == expected


@pytest.mark.parametrize("value", [True, np.bool_(True), "0.5", None, 1j, np.complex128(1),
                                   np.array(0.5), [0.5]])
def test_check_real_wrong_kind(value):
    with pytest.raises(TypeError, match=r"^x must be a real number, got"):
        check_real(value, "x")


@pytest.mark.parametrize("value, kwargs, match", [
    (np.nan, {}, r"^x must be finite, got nan"),
    (np.inf, {}, r"^x must be finite, got inf"),
    (-np.inf, {}, r"^x must be finite"),
    (10**400, {}, r"^x must be finite, got an int of about 40[01] digits"),  # float() overflows
    # even str() of it is refused by Python 3.11+ (and by pytest's test ids)
    pytest.param(-(10**5000), {}, r"^x must be finite", id="minus-10**5000"),
    (-1e-9, dict(minimum=0), r"^x must be >= 0, got"),
    (0.0, dict(minimum=0, strict=True), r"^x must be > 0, got 0"),
    (2.0, dict(maximum=1), r"^x must be <= 1, got 2"),
])
def test_check_real_bad_value(value, kwargs, match):
    with pytest.raises(ValueError, match=match):
        check_real(value, "x", **kwargs)


# ---------------------------------------------------------------- check_bool


@pytest.mark.parametrize("value", [True, False, np.bool_(True), np.bool_(False)])
def test_check_bool_valid(value):
    assert check_bool(value, "replace") is bool(value)


@pytest.mark.parametrize("value", ["False", "True", "", 0, 1, 0.0, None, np.array(True), [True]])
def test_check_bool_rejects_everything_else(value):
    # "False" is truthy: accepting it would silently mean True
    with pytest.raises(TypeError, match=r"^replace must be True or False, got"):
        check_bool(value, "replace")


# -------------------------------------------------------------- check_choice


def test_check_choice():
    assert check_choice("auto", "method", ("auto", "exact")) == "auto"
    assert check_choice(2, "k", (1, 2)) == 2
    for bad in ("AUTO", "fast", None, 1, ["auto"]):
        with pytest.raises(ValueError, match=r"^method must be one of 'auto', 'exact', got"):
            check_choice(bad, "method", ("auto", "exact"))
    with pytest.raises(ValueError, match="^k must be one of 1, 2"):
        check_choice(True, "k", (1, 2))  # True == 1, but a bool is not an int here
    with pytest.raises(ValueError, match="^k must be one of"):
        check_choice(1.0, "k", (1, 2))


# --------------------------------------------------------------- check_array


def test_check_array_accepts_array_like_and_does_not_copy_or_modify():
    assert check_array([1, 2, 3], "a").tolist() == [1, 2, 3]
    assert check_array((1.5, 2.5), "a").dtype == np.float64
    assert check_array([[1, 2], [3, 4]], "a", ndim=2).shape == (2, 2)
    assert check_array(3.0, "a").shape == ()
    a = np.arange(6, dtype=np.int32).reshape(2, 3)
    assert check_array(a, "a") is a  # no copy when nothing is converted
    a.setflags(write=False)  # a read-only input: any write would raise
    out = check_array(a, "a", dtype=np.float64)
    assert out.dtype == np.float64 and a.dtype == np.int32
    np.testing.assert_array_equal(a, np.arange(6).reshape(2, 3))
    lst = [[1.0, 2.0]]
    check_array(lst, "a", dtype=np.float32)
    assert lst == [[1.0, 2.0]]


@pytest.mark.parametrize("value", [
    RAGGED, [[1, 2], [3, [4]]], "abc", ["a", "b"], b"xy", None, {"a": 1},
    np.array([1, None], dtype=object), np.array([1.0, 2.0], dtype=object), [1, 2j],
    np.ones(2, complex),
    [True, False], np.array([np.datetime64("2024-01-01")]), [1, 10**30],
])
def test_check_array_wrong_kind(value):
    with pytest.raises(TypeError, match=r"^a must be a numeric array"):
        check_array(value, "a")


def test_check_array_kinds_can_allow_bools():
    assert check_array([True, False], "mask", kinds="b").dtype == bool
    with pytest.raises(TypeError, match=r"^mask must be a numeric array \(bool\), got dtype f"):
        check_array([1.0], "mask", kinds="b")


@pytest.mark.parametrize("value, kwargs, match", [
    ([], {}, r"^a is empty \(shape \(0,\)\)"),
    (np.zeros((3, 0)), {}, r"^a is empty"),
    ([1.0, np.nan], {}, r"^a contains NaN or inf"),
    ([1.0, -np.inf], {}, r"^a contains NaN or inf"),
    (np.float32([np.inf]), {}, r"^a contains NaN or inf"),
    ([1.0, 2.0], dict(ndim=2), r"^a must be 2-D, got shape \(2,\)"),
    (5.0, dict(ndim=(1, 2)), r"^a must be 1-D or 2-D, got shape \(\)"),
])
def test_check_array_bad_value(value, kwargs, match):
    with pytest.raises(ValueError, match=match):
        check_array(value, "a", **kwargs)


def test_check_array_optional_checks_can_be_switched_off():
    assert np.isnan(check_array([np.nan], "a", finite=False)[0])
    assert check_array([], "a", nonempty=False).size == 0


# ----------------------------------------------------------- check_int_array


def test_check_int_array_valid():
    out = check_int_array(7, "n", minimum=1)
    assert out.shape == () and out.dtype == np.int64 and out == 7
    np.testing.assert_array_equal(check_int_array([1, 2, 60_000], "n", minimum=1), [1, 2, 60_000])
    np.testing.assert_array_equal(check_int_array(np.uint8([3, 4]), "n"), [3, 4])
    assert check_int_array(np.int64(2**62), "n").item() == 2**62
    assert check_int_array([[1, 2]], "n", ndim=2).shape == (1, 2)


@pytest.mark.parametrize("value", [2.0, [1.0, 2.0], np.arange(3.0), True, [True], "3", ["3"], None,
                                   RAGGED, [1, 2j], np.array([1, 2], dtype=object)])
def test_check_int_array_wrong_kind(value):
    with pytest.raises(TypeError, match=r"^n must be"):
        check_int_array(value, "n", minimum=1)


@pytest.mark.parametrize("value, kwargs, match", [
    (0, dict(minimum=1), r"^n must be an int >= 1, got 0"),
    ([3, 0, 5], dict(minimum=1), r"^n must be ints >= 1, got 0"),
    ([], {}, r"^n is empty"),
    (10**30, {}, r"^n must be at most 9223372036854775807"),
    (np.uint64([2**63]), {}, r"^n must be at most 9223372036854775807"),
    ([1, 2], dict(ndim=0), r"^n must be 0-D"),
])
def test_check_int_array_bad_value(value, kwargs, match):
    with pytest.raises(ValueError, match=match):
        check_int_array(value, "n", **kwargs)


# ------------------------------------------------------------ check_callable


def test_check_callable():
    assert check_callable(len, "f") is len
    assert check_callable(None, "f", optional=True) is None
    with pytest.raises(TypeError, match="^f must be callable, got 3"):
        check_callable(3, "f")
    with pytest.raises(TypeError, match="^f must be callable or None, got 'print'"):
        check_callable("print", "f", optional=True)
    with pytest.raises(TypeError, match="^f must be callable, got None"):
        check_callable(None, "f")


def test_long_values_are_shortened_in_messages():
    with pytest.raises(TypeError) as e:
        check_int("x" * 500, "k")
    assert len(str(e.value)) < 120 and "..." in str(e.value)


# ------------------------------------------------------------- check_labels
def test_check_labels_accepts_lists_and_returns_them_unchanged():
    t = [0, 9, 3]
    out = check_labels(t, "t", n=3, k=10)
    assert out.tolist() == [0, 9, 3] and t == [0, 9, 3]


@pytest.mark.parametrize(("value", "error", "match"), [
    ([0.0, 1.0], TypeError, "^t must be int class labels"),
    ([True, False], TypeError, "^t must be a numeric array"),
    (["a", "b"], TypeError, "^t must be a numeric array"),
    ([0], ValueError, r"^t must hold one label per row of y \(2\)"),
    ([], ValueError, r"^t must hold one label per row of y \(2\)"),
    ([0, 10], ValueError, r"^t must be labels in 0\.\.9, got values in \[0, 10\]"),
    ([-1, 0], ValueError, r"^t must be labels in 0\.\.9"),
    ([[0, 1]], ValueError, "^t must be 1-D"),
])
def test_check_labels_rejects(value, error, match):
    with pytest.raises(error, match=match):
        check_labels(value, "t", n=2, k=10, per="row of y")
