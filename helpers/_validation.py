"""Argument checks shared by every public function of :mod:`helpers`.

One convention throughout:

- the wrong KIND of thing (a string where a number belongs, a float where an
  int belongs, ``"False"`` or ``0`` where a bool belongs, a non-numeric array)
  raises :class:`TypeError`;
- the right kind with a bad VALUE (out of range, NaN, an empty array, a wrong
  shape) raises :class:`ValueError`.

Every message starts with the argument's name and says what was expected and
what was given, e.g. ``batch_size must be an int >= 1, got 0``. Bools are never
accepted as numbers, and numbers never as bools (``replace="False"`` would
otherwise mean True). Nothing here mutates its input.

Used by every module of the package; no notebook imports it directly, but its
messages are what notebooks 01-04 show when a helper is called wrongly.
"""

from __future__ import annotations

import numbers
import os
from pathlib import Path

import numpy as np

__all__ = [
    "is_int",
    "check_int",
    "check_real",
    "check_bool",
    "check_choice",
    "check_array",
    "check_int_array",
    "check_callable",
    "check_labels",
    "check_probabilities",
    "check_path",
]

_INT64 = np.iinfo(np.int64)  # sizes and labels must fit here


def _show(value) -> str:
    """A short repr for messages (a huge array is not printed whole)."""
    try:
        text = repr(value)
    except ValueError:  # Python refuses str() of ints with more than 4300 digits
        return f"an int of {int(value).bit_length()} bits"
    return text if len(text) <= 60 else text[:57] + "..."


def is_int(value) -> bool:
    """True for Python/NumPy integers, False for bools and everything else."""
    return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))


def check_int(value, name: str, *, minimum: int | None = None, maximum: int | None = None,
              why: str = "") -> int:
    """Return ``value`` as an ``int`` within ``[minimum, maximum]``.

    Raises
    ------
    TypeError
        If ``value`` is not an integer (bools, floats such as ``3.0`` and
        strings are rejected).
    ValueError
        If it lies outside the range; ``why`` is appended to say what the
        bound means (e.g. ``" (the number of training samples)"``).
    """
    lo = "" if minimum is None else f" >= {minimum}"
    if not is_int(value):
        raise TypeError(f"{name} must be an int{lo}, got {_show(value)} ({type(value).__name__})")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be an int{lo}, got {_show(value)}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be at most {maximum}{why}, got {_show(value)}")
    return int(value)


def check_real(value, name: str, *, minimum: float | None = None, maximum: float | None = None,
               strict: bool = False) -> float:
    """Return ``value`` as a finite ``float`` (``> minimum`` when ``strict``).

    Raises
    ------
    TypeError
        If ``value`` is not a real number (bools, strings, complex numbers and
        arrays are rejected).
    ValueError
        If it is NaN or infinite, or outside the range.
    """
    if not isinstance(value, numbers.Real) or isinstance(value, (bool, np.bool_)):
        raise TypeError(
            f"{name} must be a real number, got {_show(value)} ({type(value).__name__})"
        )
    try:
        value = float(value)
    except OverflowError:  # an int too large for a float, e.g. 10**400
        digits = int(abs(int(value)).bit_length() * 0.30103) + 1  # str() of it may be refused
        raise ValueError(f"{name} must be finite, got an int of about {digits} digits") from None
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    if minimum is not None and (value < minimum or (strict and value == minimum)):
        raise ValueError(f"{name} must be {'>' if strict else '>='} {minimum:g}, got {value:g}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be <= {maximum:g}, got {value:g}")
    return value


def check_bool(value, name: str) -> bool:
    """Return ``value`` if it is a real bool (``True``/``False`` or a NumPy bool).

    Raises
    ------
    TypeError
        For anything else, e.g. the string ``"False"`` or the int ``0``.
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(
            f"{name} must be True or False, got {_show(value)} ({type(value).__name__})"
        )
    return bool(value)


def check_choice(value, name: str, choices) -> object:
    """Return the choice that ``value`` equals (e.g. one of ``("auto", "exact")``).

    The choice itself is returned, so a NumPy string ``np.str_("exact")`` gives
    the plain ``"exact"``.

    Raises
    ------
    TypeError
        If ``value`` is not of the choices' kind (e.g. ``1`` or ``None`` where
        strings are expected). A NumPy string counts as a string, a NumPy
        integer as an int and a NumPy bool as a bool; a bool never counts as an
        int, nor an int or float as a bool.
    ValueError
        If it is of that kind but not one of them; the message lists them.
    """
    allowed = ", ".join(repr(c) for c in choices)
    if not any(_same_kind(value, c) for c in choices):
        raise TypeError(f"{name} must be one of {allowed}, got {_show(value)} "
                        f"({type(value).__name__})")
    for c in choices:
        if _same_kind(value, c) and value == c:
            return c
    raise ValueError(f"{name} must be one of {allowed}, got {_show(value)}")


def _same_kind(value, choice) -> bool:
    """``value`` may stand for ``choice``: bools only for bools, ints only for ints."""
    if isinstance(choice, (bool, np.bool_)):
        return isinstance(value, (bool, np.bool_))
    if is_int(choice):
        return is_int(value)
    return isinstance(value, type(choice)) and not isinstance(value, (bool, np.bool_))


def check_array(value, name: str, *, ndim=None, kinds: str = "fiu", finite: bool = True,
                nonempty: bool = True, dtype=None) -> np.ndarray:
    """Return ``np.asarray(value)`` after checking its kind, dimensions and values.

    Parameters
    ----------
    value : array_like
        Lists and tuples are accepted (valid ``array_like``); ragged nests are not.
        Python ints beyond int64 (``10**30``, ``[10**30, 1]``), which NumPy
        stores as dtype object, are real numbers: where ``kinds`` allows
        floats they become float64.
    name : str
        The argument's name, for messages.
    ndim : int or tuple of int, optional
        Allowed numbers of dimensions.
    kinds : str
        Allowed ``dtype.kind`` letters: ``"f"`` float, ``"i"``/``"u"`` integers,
        ``"b"`` bool. Default: real numbers, no bools.
    finite : bool
        Reject NaN and inf (only checked for floats).
    nonempty : bool
        Reject arrays with no elements.
    dtype : numpy dtype, optional
        Convert to this dtype at the end (a copy only if needed; the caller's
        array is never modified).

    Raises
    ------
    TypeError
        If it cannot be made an array of the allowed kinds (strings, objects,
        complex numbers, ragged lists).
    ValueError
        If the dimensions are wrong, it is empty, or holds NaN/inf (or an
        int too large for a float, e.g. ``10**400``).
    """
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError) as e:  # ragged nests
        raise TypeError(f"{name} must be a numeric array, got {_show(value)} ({e})") from None
    if arr.dtype == object and "f" in kinds and not isinstance(value, np.ndarray):
        arr = _real_list(value, arr, name)
    if arr.dtype.kind not in kinds:
        want = {"f": "float", "i": "int", "u": "unsigned int", "b": "bool"}
        names = "/".join(dict.fromkeys(want.get(k, k) for k in kinds))
        raise TypeError(f"{name} must be a numeric array ({names}), got dtype {arr.dtype}")
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            dims = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"{name} must be {dims}, got shape {arr.shape}")
    if nonempty and arr.size == 0:
        raise ValueError(f"{name} is empty (shape {arr.shape}); expected at least one value")
    if finite and arr.dtype.kind == "f" and arr.size and not np.isfinite(arr).all():
        raise ValueError(f"{name} contains NaN or inf; expected finite values")
    if dtype is not None:
        arr = arr.astype(dtype, copy=False)
    return arr


def _real_list(value, arr, name: str) -> np.ndarray:
    """Python ints (in a list/tuple, with floats) that NumPy stored as dtype object, as float64.

    NumPy keeps ints beyond int64 (``10**30``, ``[10**30, 1]``) as Python objects,
    but they are still real numbers: where floats are allowed they become float64
    (a ValueError naming the argument if one is too large even for that). Any
    other object array is returned unchanged, for :func:`check_array`'s TypeError.
    """
    leaves = list(_leaves(value)) if isinstance(value, (list, tuple)) else [value]
    if not leaves or not all(is_int(v) or isinstance(v, (float, np.floating)) for v in leaves):
        return arr
    try:
        return np.asarray(value, dtype=np.float64)
    except OverflowError:  # an int beyond float64, e.g. 10**400
        big = max((v for v in leaves if is_int(v)), key=abs)
        digits = int(abs(int(big)).bit_length() * 0.30103) + 1  # str() of it may be refused
        raise ValueError(f"{name} must be finite, got an int of about {digits} digits "
                         "(too large for a float)") from None


def check_int_array(value, name: str, *, minimum: int | None = None, ndim=None,
                    nonempty: bool = True) -> np.ndarray:
    """Return ``value`` as an int64 array (a scalar gives a 0-d array), all ``>= minimum``.

    For vectorized sizes such as ``batch_size`` or ``n``: Python/NumPy ints and
    (nested lists/tuples of) them are accepted; floats (even ``3.0``), bools,
    strings and other kinds are not.

    Raises
    ------
    TypeError
        If it is not an integer array (see :func:`check_array`).
    ValueError
        If it is empty, has the wrong dimensions, holds a value below
        ``minimum`` or one outside int64 (also inside a list: NumPy would
        store ``[10**30]`` as dtype object).
    """
    if is_int(value) or np.isscalar(value):  # one number: check_int's messages ("an int >= 1")
        check_int(value, name, minimum=minimum)  # TypeError for 2.0, True, "3"
        _check_int64(value, value, name)  # a Python int may not fit: not "dtype object"
    if isinstance(value, (list, tuple)):
        value = _int_list(value, name, minimum)
    arr = check_array(value, name, ndim=ndim, kinds="iu", nonempty=nonempty)
    if arr.dtype == np.uint64 and arr.size and arr.max() > _INT64.max:
        raise ValueError(f"{name} must be at most {_INT64.max}, got {arr.max()}")
    arr = arr.astype(np.int64, copy=False)
    if minimum is not None and arr.size and arr.min() < minimum:
        raise ValueError(f"{name} must be ints >= {minimum}, got {arr.min()}")
    return arr


def _check_int64(lo, hi, name: str) -> None:
    """ValueError unless ``_INT64.min <= lo`` and ``hi <= _INT64.max``."""
    if hi > _INT64.max:
        raise ValueError(f"{name} must be at most {_INT64.max}, got {_show(hi)}")
    if lo < _INT64.min:
        raise ValueError(f"{name} must be at least {_INT64.min}, got {_show(lo)}")


def _leaves(value):
    """The non-list, non-tuple items of a nested list/tuple, in order."""
    for v in value:
        if isinstance(v, (list, tuple)):
            yield from _leaves(v)
        else:
            yield v


def _int_list(value, name: str, minimum: int | None):
    """A list/tuple of ints as an array, or ``value`` itself for :func:`check_array` to judge.

    NumPy stores ints beyond int64 as dtype object (``[10**30]``) or even float64
    (``[2**63, -1]``); for a list of ints only, that is a ValueError naming the
    argument, not the TypeError "dtype object".
    """
    if len(value) == 0:
        return np.zeros(0, dtype=np.int64)  # [] has no kind of its own (NumPy says float64)
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError):  # ragged nests: check_array says so
        return value
    if arr.dtype.kind in "iu":
        return arr
    leaves = list(_leaves(value))
    if not leaves or not all(is_int(v) for v in leaves):
        return arr  # floats, bools, strings ...: check_array's TypeError
    lo, hi = min(leaves), max(leaves)
    if minimum is not None and lo < minimum:
        raise ValueError(f"{name} must be ints >= {minimum}, got {_show(lo)}")
    _check_int64(lo, hi, name)
    return np.asarray(value, dtype=np.int64)  # e.g. [np.uint64(5), -1], which NumPy makes float


def check_callable(value, name: str, *, optional: bool = False):
    """Return ``value`` if it is callable (or None when ``optional``); else TypeError."""
    if (value is None and optional) or callable(value):
        return value
    raise TypeError(f"{name} must be callable{' or None' if optional else ''}, got {_show(value)}")


def check_labels(values, name: str, *, n: int, k: int, per: str = "sample") -> np.ndarray:
    """Return ``n`` integer class labels in ``0..k-1`` as an array (not copied).

    ``per`` names what each label belongs to, for the message (e.g. ``"row of y"``).
    Messages read ``{name} must be in 0..{k-1}, ...``, so a name such as
    ``"t labels"`` gives ``t labels must be in 0..9, got values in [0, 10]``.

    Raises
    ------
    TypeError
        If the labels are not integers (floats, bools, strings, objects).
    ValueError
        If they are not 1-D, there are not exactly ``n`` of them (``[]``
        included unless ``n = 0``: then the empty int64 array is returned),
        or one is outside ``0..k-1``.
    """
    values = check_array(values, name, ndim=1, kinds="fiub", finite=False, nonempty=False)
    if values.size and values.dtype.kind not in "iu":
        raise TypeError(f"{name} must be integers (class indices 0..{k - 1}), got dtype "
                        f"{values.dtype}; bools and floats are rejected (use .astype(int) if "
                        "they are whole numbers)")
    if values.shape != (n,):
        raise ValueError(f"{name} must hold one label per {per} ({n}), got shape {values.shape}")
    if values.size == 0:  # n = 0: no labels (and no min/max); [] is float64 to NumPy
        return values if values.dtype.kind in "iu" else values.astype(np.int64)
    if values.min() < 0 or values.max() >= k:
        raise ValueError(f"{name} must be in 0..{k - 1}, "
                         f"got values in [{values.min()}, {values.max()}]")
    return values


def check_probabilities(y, name: str = "y", *, ndim=(1, 2)) -> np.ndarray:
    """Return ``y`` as an array of probabilities: finite, real, values in [0, 1].

    Raises
    ------
    TypeError
        If ``y`` is not a real numeric array (bools and strings included).
    ValueError
        If it is empty, has the wrong number of dimensions, holds NaN/inf, or a
        value outside [0, 1].
    """
    y = check_array(y, name, ndim=ndim)
    if y.min() < 0 or y.max() > 1:
        raise ValueError(f"{name} must hold probabilities in [0, 1], "
                         f"got values in [{y.min():g}, {y.max():g}]")
    return y


def check_path(value, name: str, *, optional: bool = False):
    """Return ``value`` as a :class:`pathlib.Path` (``~`` expanded); None passes when ``optional``.

    Raises
    ------
    TypeError
        If it is not a ``str`` or ``os.PathLike`` (or None when ``optional``).
    ValueError
        If it is the empty string.
    """
    if value is None and optional:
        return None
    if not isinstance(value, (str, os.PathLike)):
        alt = " or None" if optional else ""
        raise TypeError(f"{name} must be a path (str or os.PathLike){alt}, "
                        f"got {_show(value)} ({type(value).__name__})")
    if not os.fspath(value):
        raise ValueError(f"{name} must be a non-empty path, got ''")
    return Path(value).expanduser()
