"""Softmax and the book's two loss functions (Deep Learning from Scratch, ch. 4).

The signatures follow the book: ``y`` are predictions (probabilities), ``t``
are targets. ``y`` is one sample ``(K,)`` or a batch ``(N, K)``; ``t`` is
either one-hot (same shape as ``y``) or integer class labels (``(N,)`` for a
batch, a plain int for one sample). Both forms give the same number.

Losses are averaged over the batch: divided by the number of samples ``N``,
not by the number of classes ``K``. :func:`cross_entropy_error` is literally
the mean of :func:`cross_entropy_per_sample`, and that applies
:func:`neg_log` (``-log(p + delta)``, the loss of one probability) to the
probability of each true class: one code path.

Every function checks its input (see :mod:`helpers._validation`): the wrong
kind of argument (strings, bools, complex or object arrays, ragged lists,
float labels) raises :class:`TypeError`, a bad value (wrong shape, empty,
NaN/inf, probabilities outside [0, 1], labels out of range, rows that are
not one-hot) raises :class:`ValueError`; every message starts with the
argument's name. The checks are a few reductions over the arrays (about a
millisecond for 60,000 x 10). Inputs are never modified.

Used by notebook 01 (one sample's CEE: ``cross_entropy_error``,
``sum_squares_error``, ``cross_entropy_per_sample``; ``DELTA`` and
``neg_log`` through the ``-log`` plot and widgets), 02 (the full-dataset mean
loss: ``cross_entropy_error``, ``cross_entropy_per_sample``), 03 (the
per-sample losses ``cross_entropy_per_sample`` that random mini-batches
average, and the book's batch loss ``cross_entropy_error``) and, through
:mod:`helpers.network` (``softmax``, ``cross_entropy_error``, ``DELTA``), 04
(mini-batch SGD).
"""

from __future__ import annotations

import numpy as np

from helpers._validation import (
    _show,
    check_array,
    check_labels,
    check_probabilities,
    check_real,
    is_int,
)

__all__ = [
    "DELTA",
    "softmax",
    "neg_log",
    "cross_entropy_error",
    "cross_entropy_per_sample",
    "sum_squares_error",
]

#: The book's ``delta``: added inside the log so that ``log(0)`` stays finite
#: (``-log(1e-7) = 16.1181``). Defined once; every module uses this constant.
DELTA = 1e-7


def _where(func):
    return f" (in {func})" if func else ""


def softmax(a):
    """Numerically stable softmax over the last axis.

    The row maximum is subtracted before ``exp`` (softmax is shift
    invariant), so huge logits such as ``1e4`` (or ``1e308``) give finite
    results.

    Parameters
    ----------
    a : array_like, shape (K,) or (N, K)
        Scores (logits). Floating arrays keep their dtype (float32 stays
        float32); integer arrays are converted to float64. ``-inf`` is allowed
        as long as a row has one finite entry.

    Returns
    -------
    numpy.ndarray, same shape as ``a``, floating
        Probabilities in [0, 1]; each row sums to 1. ``a`` is not modified.

    Raises
    ------
    TypeError
        If ``a`` is not a real numeric array (strings, bools, complex,
        objects, ragged lists).
    ValueError
        If ``a`` is empty, not 1-D or 2-D, or contains NaN / +inf (or a row
        with no finite entry).
    """
    a = check_array(a, "a", ndim=(1, 2), finite=False)  # -inf is a valid score
    if a.dtype.kind != "f":
        a = a.astype(np.float64)
    m = a.max(axis=-1, keepdims=True)  # NaN propagates here, so one cheap check
    if not np.isfinite(m).all():
        raise ValueError(
            "a contains NaN or +inf (or a row that is all -inf); expected finite scores"
        )
    with np.errstate(over="ignore"):  # -1e308 - 1e308 = -inf, and exp(-inf) = 0 is right
        e = np.exp(a - m)
    return e / e.sum(axis=-1, keepdims=True)


def _check_y(y, func):
    """Validate predictions; return them as a 2-D floating array (N, K)."""
    try:
        y = check_probabilities(y, "y", ndim=(1, 2))
    except ValueError as e:  # shape, empty, NaN/inf, outside [0, 1]: say which function
        raise ValueError(f"{e}{_where(func)}") from None
    if y.dtype.kind != "f":
        y = y.astype(np.float64)
    return y.reshape(1, -1) if y.ndim == 1 else y


def _to_labels(t, n, k, func, single=False, name="t"):
    """Validate targets for ``n`` samples of ``k`` classes; return labels ``(n,)`` intp.

    ``t`` is one-hot ``(n, k)`` (or ``(k,)`` when ``single``) or integer labels
    ``(n,)`` (or a scalar / ``(1,)`` when ``single``). ``func`` (may be empty)
    is named at the end of messages, ``name`` at their start. A ``t`` of the
    one-hot shape that is a valid one-hot is one-hot; if it is not, but also
    has a label shape (one sample of ``k = 1`` class: ``[0]``), it is a label.

    Raises TypeError for the wrong kind (strings, objects, ragged lists, float
    or bool labels, complex), ValueError for shapes, ranges and rows that are
    not one-hot.
    """
    where = _where(func)
    if (single or n == 1) and is_int(t):  # a plain int label (may be a huge Python int)
        if not 0 <= t < k:
            raise ValueError(f"{name} labels must be in 0..{k - 1}, got {_show(t)}{where}")
        return np.array([t], dtype=np.intp)
    try:
        t = np.asarray(t)
    except (TypeError, ValueError) as e:  # ragged nests
        raise TypeError(
            f"{name} must be one-hot rows or integer labels, got a ragged sequence ({e}){where}"
        ) from None
    if t.dtype.kind not in "fiub":
        raise TypeError(
            f"{name} must be one-hot rows or integer labels (class indices 0..{k - 1}), "
            f"got dtype {t.dtype}{where}"
        )
    onehot_shape = (k,) if single else (n, k)
    # one sample, or a batch of one row: a single label (an int) fits too
    label_shapes = [(), (1,)] if single else [(n,)] + ([()] if n == 1 else [])
    if t.shape == onehot_shape:  # one-hot: rows of 0/1 summing to 1
        ones = t.reshape(n, k) == 1
        pos = np.flatnonzero(ones)  # flat positions of the 1s, in row order
        # all entries 0 or 1, n ones in total, and the i-th 1 lies in row i
        valid = (
            pos.size == n
            and (ones | (t.reshape(n, k) == 0)).all()
            and (pos // k == np.arange(n)).all()
        )
        if valid:
            return pos % k
        # one sample of K = 1 class: the one-hot shape (1,) is also the label shape,
        # so [0] (not a one-hot row) is the label 0
        if t.shape not in label_shapes:
            raise ValueError(
                f"{name} has the shape of y {t.shape}, so it must be one-hot (each row all 0 "
                "except a single 1); soft or smoothed labels are not supported (the book's CEE "
                f"uses one-hot targets){where}"
            )
    elif t.shape not in label_shapes:
        if t.ndim == 0 and not single:  # one int label (a Python int too) for a batch
            raise ValueError(
                f"{name} is one label ({_show(t.item())}) but y is a batch of {n} rows: pass "
                f"{n} labels of shape ({n},), or y of shape ({k},) for one sample{where}"
            )
        if t.ndim == 1 and not single:
            raise ValueError(
                f"{name} has {t.shape[0]} labels but y has {n} rows: wrong number of labels{where}"
            )
        expected = (f"one-hot {onehot_shape} or one integer label" if single
                    else f"one-hot {onehot_shape} or {n} integer labels ({n},)")
        raise ValueError(
            f"{name} has shape {t.shape}, which does not match y; expected {expected}{where}"
        )
    try:  # integer labels: ints in 0..k-1 ("t labels must be in 0..9, got ...")
        labels = check_labels(t.reshape(n), f"{name} labels", n=n, k=k)
    except (TypeError, ValueError) as e:
        raise type(e)(f"{e}{where}") from None
    return labels.astype(np.intp, copy=False)


def _pair(y, t, func):
    """Validated ``(y2d, labels)`` for a loss function."""
    y2 = _check_y(y, func)
    return y2, _to_labels(t, y2.shape[0], y2.shape[1], func, single=np.ndim(y) == 1)


def _per_sample(y, t, delta, func):
    """The cross-entropy of every sample: :func:`neg_log` of ``y[i, t_i]``, float64 ``(N,)``."""
    y2, labels = _pair(y, t, func)
    return neg_log(y2[np.arange(y2.shape[0]), labels], delta)


def neg_log(p, delta=DELTA):
    """The cross-entropy of one probability: ``-log(p + delta)``.

    The loss of a sample whose true class got probability ``p``; the one
    place where the package computes ``-log(p + delta)``
    (:func:`cross_entropy_per_sample` uses it). Safe on unvalidated input:
    the arguments are checked first.

    Parameters
    ----------
    p : float or array_like of float, any shape
        Probabilities in [0, 1] (ints such as ``0`` or ``1`` too; float32
        is computed in float64).
    delta : float in [0, 1), default ``DELTA`` (1e-7)
        Added inside the log so that ``p = 0`` gives a large finite loss
        (``-log(1e-7) = 16.1181``); ``delta = 0`` gives ``inf`` there.
        ``delta >= 1`` is rejected: it would make the loss of ``p = 1``
        negative, below ``-log 2``.

    Returns
    -------
    float or numpy.ndarray of float64
        A float for a scalar ``p`` (a 0-d array included), else a new
        float64 array of ``p``'s shape. Never ``-0.0``: ``p = 1`` with
        ``delta = 0`` gives ``0.0``. ``p`` is not modified.

    Raises
    ------
    TypeError
        If ``p`` is not real numbers (strings, bools, complex, objects,
        ragged lists) or ``delta`` is not a real number.
    ValueError
        If ``p`` is empty, NaN/inf or outside [0, 1], or ``delta`` is
        negative, >= 1 or not finite.

    Examples
    --------
    >>> round(neg_log(0.6), 12)
    0.510825457099
    >>> neg_log([1.0, 0.0], delta=0)
    array([ 0., inf])
    """
    p = check_probabilities(p, "p", ndim=None)
    delta = check_real(delta, "delta", minimum=0)
    if delta >= 1:  # -log(1 + delta) < -log 2: a sure, right prediction would get a negative loss
        raise ValueError(f"delta must be < 1 (a small constant such as the book's 1e-7 that keeps "
                         f"log(0) finite), got {delta:g}")
    with np.errstate(divide="ignore"):  # delta = 0 and p = 0: the loss is +inf
        out = 0.0 - np.log(p.astype(np.float64, copy=False) + delta)  # 0.0, never -0.0
    return float(out) if out.ndim == 0 else out


def cross_entropy_per_sample(y, t, delta=DELTA):
    """Per-sample cross-entropy ``-log(y[i, t_i] + delta)``.

    Equal to ``-sum(t * log(y + delta), axis=1)`` for one-hot ``t`` (the book's
    formula); computed as ``neg_log(y[i, t_i], delta)`` (:func:`neg_log`), and
    its mean is :func:`cross_entropy_error`.

    Parameters
    ----------
    y : array_like, shape (K,) or (N, K), float
        Predicted probabilities in [0, 1].
    t : array_like
        One-hot targets with the shape of ``y`` (0/1, one 1 per row), or integer
        labels: shape (N,) for a batch, an int (or shape (1,)) for one sample.
        For one sample of one class (K = 1), where both have shape (1,),
        ``[1]`` is one-hot and ``[0]`` the label 0.
    delta : float in [0, 1), default ``DELTA`` (1e-7)
        Added inside the log so that ``y = 0`` gives a large finite loss
        (``delta = 0`` gives ``inf`` there).

    Returns
    -------
    numpy.ndarray, shape (N,), float64
        Shape (1,) for a single sample.

    Raises
    ------
    TypeError
        If ``y`` is not a real numeric array, ``t`` is not numeric (or its
        labels are floats/bools), or ``delta`` is not a real number.
    ValueError
        On shapes that disagree, labels out of range, one-hot rows that are
        not one-hot, y outside [0, 1] / NaN / inf, empty input, more than 2
        dimensions, or a delta that is negative, >= 1 or not finite.

    Notes
    -----
    Only the N probabilities of the true classes are gathered and converted
    to float64 before the log, so a float32 batch is never upcast as a whole.
    """
    return _per_sample(y, t, delta, "cross_entropy_per_sample")


def cross_entropy_error(y, t, delta=DELTA):
    """Cross-entropy error (CEE), averaged over the batch.

    ``E = -(1/N) * sum_n sum_k t[n, k] * log(y[n, k] + delta)``: the book's
    formula divided by the batch size ``N`` (not by the number of classes).
    It is exactly ``cross_entropy_per_sample(y, t, delta).mean()``.

    Parameters
    ----------
    y : array_like, shape (K,) or (N, K), float
        Predicted probabilities in [0, 1].
    t : array_like
        One-hot targets with the shape of ``y``, or integer labels: shape (N,)
        for a batch, an int for one sample. Both forms give the same number.
    delta : float in [0, 1), default ``DELTA`` (1e-7)
        Keeps ``log(0)`` finite.

    Returns
    -------
    float
        The mean loss.

    Raises
    ------
    TypeError, ValueError
        See :func:`cross_entropy_per_sample`.

    Examples
    --------
    >>> y = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
    >>> round(cross_entropy_error(y, 2), 12)
    0.510825457099
    """
    return float(_per_sample(y, t, delta, "cross_entropy_error").mean())


def sum_squares_error(y, t):
    """Sum of squares error ``0.5 * sum((y - t)**2)``, averaged over the batch.

    Parameters
    ----------
    y : array_like, shape (K,) or (N, K), float
        Predicted probabilities in [0, 1].
    t : array_like
        One-hot targets with the shape of ``y``, or integer labels ((N,) or an
        int); labels are turned into one-hot rows first.

    Returns
    -------
    float
        ``0.5 * sum((y - t)**2) / N``, computed in float64.

    Raises
    ------
    TypeError, ValueError
        See :func:`cross_entropy_per_sample`.
    """
    y2, labels = _pair(y, t, "sum_squares_error")
    n = y2.shape[0]
    d = y2.astype(np.float64)  # always a copy: (y - onehot) is built in place
    d[np.arange(n), labels] -= 1.0
    return float(0.5 * np.sum(d * d) / n)
