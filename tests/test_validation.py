"""Tests for helpers._validation: TypeError for the wrong kind, ValueError for a bad value.

Every message must start with the argument's name; valid ``array_like``
(lists, tuples, NumPy scalars) must work; inputs are never modified.
"""

from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from helpers._validation import (
    check_array,
    check_bool,
    check_callable,
    check_choice,
    check_int,
    check_int_array,
    check_labels,
    check_path,
    check_probabilities,
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


@pytest.mark.parametrize("value, choices, expected", [
    ("auto", ("auto", "exact"), "auto"),
    ("exact", ("auto", "exact"), "exact"),
    (np.str_("exact"), ("auto", "exact"), "exact"),  # a NumPy string is a string
    (2, (1, 2), 2),
    (np.int64(2), (1, 2), 2),  # a NumPy int is an int
    (False, (True, False), False),
    (np.bool_(True), (True, False), True),
    (None, (None, "x"), None),
])
def test_check_choice_valid(value, choices, expected):
    got = check_choice(value, "k", choices)
    assert got == expected and type(got) is type(expected)  # the choice itself, not np.str_


@pytest.mark.parametrize("value, choices", [
    (1, ("auto", "exact")),  # was a ValueError: the wrong kind is a TypeError
    (None, ("auto", "exact")),
    (["auto"], ("auto", "exact")),
    (b"auto", ("auto", "exact")),
    (True, ("auto", "exact")),
    (np.array("auto"), ("auto", "exact")),
    (True, (1, 2)),  # True == 1, but a bool is never an int
    (np.bool_(True), (1, 2)),
    (1.0, (1, 2)),  # 1.0 == 1, but a float is not an int
    ("1", (1, 2)),
    (1, (True, False)),  # 1 == True, but an int is not a bool
    (0.0, (True, False)),
])
def test_check_choice_wrong_kind_is_a_type_error(value, choices):
    allowed = ", ".join(repr(c) for c in choices)
    with pytest.raises(TypeError, match=rf"^k must be one of {allowed}, got .* \("):
        check_choice(value, "k", choices)


@pytest.mark.parametrize("value, choices", [
    ("AUTO", ("auto", "exact")), ("fast", ("auto", "exact")), ("", ("auto", "exact")),
    (np.str_("fast"), ("auto", "exact")), (3, (1, 2)), (np.int64(0), (1, 2)),
    (True, (False,)),
])
def test_check_choice_unknown_value_is_a_value_error(value, choices):
    allowed = ", ".join(repr(c) for c in choices)
    with pytest.raises(ValueError, match=rf"^k must be one of {allowed}, got "):
        check_choice(value, "k", choices)


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
    [True, False], np.array([np.datetime64("2024-01-01")]),
    [1, 10**30, "x"], [10**30, True], [10**30, None], [10**30, 1j], [10**30, Fraction(1, 2)],
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


def test_check_int_array_lists_of_huge_ints_name_the_argument():
    # what standard_error(1.0, [10**30]) raised: TypeError "dtype object ... use .astype(int)"
    from helpers.sampling import standard_error

    with pytest.raises(ValueError, match=r"^batch_size must be at most 9223372036854775807"):
        standard_error(1.0, [10**30])
    with pytest.raises(ValueError, match=r"^n must be at most 9223372036854775807"):
        standard_error(1.0, 4, [10, 10**30], replace=False)


def test_check_int_array_valid():
    out = check_int_array(7, "n", minimum=1)
    assert out.shape == () and out.dtype == np.int64 and out == 7
    np.testing.assert_array_equal(check_int_array([1, 2, 60_000], "n", minimum=1), [1, 2, 60_000])
    np.testing.assert_array_equal(check_int_array(np.uint8([3, 4]), "n"), [3, 4])
    assert check_int_array(np.int64(2**62), "n").item() == 2**62
    assert check_int_array([[1, 2]], "n", ndim=2).shape == (1, 2)
    # NumPy makes [np.uint64(5), -1] float64; all ints and all within int64: fine
    out = check_int_array([np.uint64(5), -1], "n")
    assert out.dtype == np.int64 and out.tolist() == [5, -1]
    big = [2**63 - 1, -(2**63)]
    assert check_int_array(big, "n").tolist() == big and big == [2**63 - 1, -(2**63)]


@pytest.mark.parametrize("value", [2.0, [1.0, 2.0], np.arange(3.0), True, [True], "3", ["3"], None,
                                   RAGGED, [1, 2j], np.array([1, 2], dtype=object),
                                   [10**30, 1.0], np.array([10**30])])
def test_check_int_array_wrong_kind(value):
    with pytest.raises(TypeError, match=r"^n must be"):
        check_int_array(value, "n", minimum=1)


@pytest.mark.parametrize("value, kwargs, match", [
    (0, dict(minimum=1), r"^n must be an int >= 1, got 0"),
    ([3, 0, 5], dict(minimum=1), r"^n must be ints >= 1, got 0"),
    ([], {}, r"^n is empty"),
    (10**30, {}, r"^n must be at most 9223372036854775807"),
    (-(10**30), {}, r"^n must be at least -9223372036854775808, got -1000"),
    (np.uint64([2**63]), {}, r"^n must be at most 9223372036854775807"),
    ([1, 2], dict(ndim=0), r"^n must be 0-D"),
    # lists of ints beyond int64, which NumPy stores as dtype object (or float64):
    # a bad VALUE, not "dtype object" (was a TypeError)
    ([10**30], {}, r"^n must be at most 9223372036854775807, got 1000000000000000000000000000000$"),
    ((1, 10**30), dict(minimum=1), r"^n must be at most 9223372036854775807"),
    ([[1], [10**30]], {}, r"^n must be at most 9223372036854775807"),
    ([2**64], {}, r"^n must be at most 9223372036854775807, got 18446744073709551616$"),
    ([2**63, -1], {}, r"^n must be at most 9223372036854775807, got 9223372036854775808$"),
    ([-(10**30)], {}, r"^n must be at least -9223372036854775808"),
    ([5, -(10**30)], dict(minimum=1), r"^n must be ints >= 1, got -1000"),
    pytest.param([10**5000], {}, r"^n must be at most 9223372036854775807, got an int of 16610 "
                 "bits", id="list-10**5000"),
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
    a = np.array([1, 0], dtype=np.uint8)
    assert check_labels(a, "t", n=2, k=2) is a


@pytest.mark.parametrize(("value", "error", "match"), [
    ([0.0, 1.0], TypeError, r"^t must be integers \(class indices 0\.\.9\), got dtype float64; "
                            r"bools and floats are rejected"),
    ([0.0, np.nan], TypeError, "^t must be integers"),  # the kind first, not "contains NaN"
    ([True, False], TypeError, r"^t must be integers \(class indices 0\.\.9\), got dtype bool"),
    (["a", "b"], TypeError, "^t must be a numeric array"),
    ([1 + 0j, 0], TypeError, "^t must be a numeric array"),
    ([0], ValueError, r"^t must hold one label per row of y \(2\)"),
    ([], ValueError, r"^t must hold one label per row of y \(2\)"),
    ([0, 10], ValueError, r"^t must be in 0\.\.9, got values in \[0, 10\]$"),
    ([-1, 0], ValueError, r"^t must be in 0\.\.9, got values in \[-1, 0\]$"),
    ([[0, 1]], ValueError, "^t must be 1-D"),
])
def test_check_labels_rejects(value, error, match):
    with pytest.raises(error, match=match):
        check_labels(value, "t", n=2, k=10, per="row of y")


def test_check_labels_name_can_be_a_phrase():
    # helpers.losses passes "t labels": "t labels must be in 0..9" reads as a sentence
    with pytest.raises(ValueError, match=r"^t labels must be in 0\.\.2, got values in \[0, 3\]$"):
        check_labels([0, 3], "t labels", n=2, k=3)
    with pytest.raises(TypeError, match=r"^t_test labels must be integers"):
        check_labels([0.5, 1.0], "t_test labels", n=2, k=3)


# ------------------------------------------------------ check_probabilities
def test_check_probabilities_valid_and_not_copied():
    y = np.array([[0.25, 0.75], [1.0, 0.0]], dtype=np.float32)
    y.setflags(write=False)
    assert check_probabilities(y) is y
    lst = [0.1, 0.9]
    assert check_probabilities(lst).tolist() == [0.1, 0.9] and lst == [0.1, 0.9]
    assert check_probabilities([0, 1]).dtype.kind == "i"  # ints 0 and 1 are probabilities
    assert check_probabilities(0.5, "p", ndim=None).shape == ()
    assert check_probabilities(np.full((2, 2, 2), 0.5), "p", ndim=3).shape == (2, 2, 2)
    assert check_probabilities([5e-324, 1.0]).min() == 5e-324


@pytest.mark.parametrize("value", [[True, False], ["0.5"], "0.5", [0.5, None], [0.5j], None,
                                   RAGGED, np.array([0.5], dtype=object)])
def test_check_probabilities_wrong_kind(value):
    with pytest.raises(TypeError, match=r"^y must be a numeric array"):
        check_probabilities(value)


@pytest.mark.parametrize("value, kwargs, match", [
    ([0.5, 1.5], {}, r"^y must hold probabilities in \[0, 1\], got values in \[0\.5, 1\.5\]$"),
    ([-0.1, 0.5], {}, r"^y must hold probabilities in \[0, 1\], got values in \[-0\.1, 0\.5\]$"),
    ([1 + 1e-15], {}, r"^y must hold probabilities in \[0, 1\]"),
    ([0, 2], {}, r"^y must hold probabilities in \[0, 1\], got values in \[0, 2\]$"),
    ([0.5, np.nan], {}, "^y contains NaN or inf"),
    ([0.5, np.inf], {}, "^y contains NaN or inf"),
    ([], {}, r"^y is empty"),
    (np.zeros((3, 0)), {}, r"^y is empty"),
    (0.5, {}, r"^y must be 1-D or 2-D, got shape \(\)$"),
    (np.full((1, 2, 2), 0.5), {}, r"^y must be 1-D or 2-D, got shape \(1, 2, 2\)$"),
    ([0.5], dict(ndim=2), r"^y must be 2-D"),
])
def test_check_probabilities_bad_value(value, kwargs, match):
    with pytest.raises(ValueError, match=match):
        check_probabilities(value, **kwargs)


def test_check_probabilities_names_the_argument():
    with pytest.raises(ValueError, match=r"^p must hold probabilities"):
        check_probabilities(2.0, "p", ndim=None)
    with pytest.raises(TypeError, match=r"^y_hat must be a numeric array"):
        check_probabilities("x", "y_hat")


# --------------------------------------------------------------- check_path
class _PathLike:
    def __init__(self, path):
        self.path = path

    def __fspath__(self):
        return self.path


def test_check_path_valid():
    assert check_path("data/mnist", "path") == Path("data") / "mnist"
    assert type(check_path("a", "path")) is type(Path("a"))
    p = Path("some") / "dir"
    assert check_path(p, "path") == p
    assert check_path(_PathLike("x/y.npz"), "path") == Path("x") / "y.npz"
    home = os.path.expanduser("~")  # the reference: os.path, not pathlib
    assert check_path("~/cache", "path") == Path(home) / "cache"
    assert check_path(Path("~"), "path") == Path(home)
    assert check_path(None, "path", optional=True) is None


@pytest.mark.parametrize("value, optional, match", [
    (None, False, r"^path must be a path \(str or os\.PathLike\), got None \(NoneType\)$"),
    (3, False, r"^path must be a path \(str or os\.PathLike\), got 3 \(int\)$"),
    (3, True, r"^path must be a path \(str or os\.PathLike\) or None, got 3 \(int\)$"),
    (b"data", False, r"^path must be a path .*\(bytes\)$"),
    (["data"], False, r"^path must be a path"),
    (True, True, r"^path must be a path .* or None, got True \(bool\)$"),
])
def test_check_path_wrong_kind(value, optional, match):
    with pytest.raises(TypeError, match=match):
        check_path(value, "path", optional=optional)


@pytest.mark.parametrize("value", ["", _PathLike("")])
def test_check_path_empty_is_a_value_error(value):
    for optional in (False, True):
        with pytest.raises(ValueError, match=r"^cache_dir must be a non-empty path, got ''$"):
            check_path(value, "cache_dir", optional=optional)


# ------------------------------- QA fault sweep: huge Python ints, zero labels
@pytest.mark.parametrize("value, want", [
    ([1, 10**30], [1.0, 1e30]),  # NumPy stores these as dtype object: still real numbers
    (10**30, 1e30),
    ((10**30, -(10**30)), [1e30, -1e30]),
    ([[10**30], [2]], [[1e30], [2.0]]),
    ([10**30, 1.5, np.float32(2.0)], [1e30, 1.5, 2.0]),
    ([10**30, np.int64(3), np.uint64(2**64 - 1)], [1e30, 3.0, 2.0**64]),
])
def test_check_array_turns_python_ints_beyond_int64_into_floats(value, want):
    out = check_array(value, "a")
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, want)
    assert check_array(value, "a", dtype=np.float32).dtype == np.float32


@pytest.mark.parametrize("value, kwargs, error, match", [
    ([1, 10**400], {}, ValueError, r"^a must be finite, got an int of about 40[01] digits"),
    (-(10**400), {}, ValueError, r"^a must be finite"),
    ([10**400], dict(finite=False), ValueError, r"^a must be finite"),  # no float can hold it
    ([10**30], dict(kinds="iu"), TypeError, r"^a must be a numeric array \(int/unsigned int\)"),
    ([10**30], dict(kinds="b"), TypeError, r"^a must be a numeric array \(bool\)"),
    (np.array([10**30, 1], dtype=object), {}, TypeError, "^a must be a numeric array"),
    ([10**30, 1], dict(ndim=2), ValueError, r"^a must be 2-D, got shape \(2,\)"),
])
def test_check_array_python_ints_beyond_int64_bad_input(value, kwargs, error, match):
    with pytest.raises(error, match=match):
        check_array(value, "a", **kwargs)


def test_check_array_does_not_modify_a_list_of_huge_ints():
    lst = [10**30, 1]
    check_array(lst, "a")
    assert lst == [10**30, 1] and type(lst[0]) is int


@pytest.mark.parametrize("value", [[], (), np.zeros(0, dtype=np.int64), np.zeros(0),
                                   np.zeros(0, dtype=np.uint8)])
def test_check_labels_of_zero_samples_returns_the_empty_array(value):
    # check_labels([], "labels", n=0, k=3) raised numpy's "zero-size array to reduction"
    out = check_labels(value, "labels", n=0, k=3)
    assert out.shape == (0,) and out.dtype.kind in "iu"
    np.arange(3)[out]  # usable as an index


@pytest.mark.parametrize("value, error, match", [
    ([0], ValueError, r"^labels must hold one label per sample \(0\), got shape \(1,\)"),
    (np.zeros((0, 2), dtype=int), ValueError, "^labels must be 1-D"),
    (["a"], TypeError, "^labels must be a numeric array"),
])
def test_check_labels_of_zero_samples_bad_input(value, error, match):
    with pytest.raises(error, match=match):
        check_labels(value, "labels", n=0, k=3)
