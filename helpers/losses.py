"""Softmax and the book's two loss functions (Deep Learning from Scratch, ch. 4).

The signatures follow the book: ``y`` are predictions (probabilities), ``t``
are targets. ``y`` is one sample ``(K,)`` or a batch ``(N, K)``; ``t`` is
either one-hot (same shape as ``y``) or integer class labels (``(N,)`` for a
batch, a plain int for one sample). Both forms give the same number.

Losses are averaged over the batch: divided by the number of samples ``N``,
not by the number of classes ``K``.

Every function checks its input and raises :class:`ValueError` with a message
that names the argument and says what was expected. The checks are a few
reductions over the arrays (about a millisecond for 60,000 x 10).
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "DELTA",
    "softmax",
    "cross_entropy_error",
    "cross_entropy_per_sample",
    "sum_squares_error",
]

#: The book's ``delta``: added inside the log so that ``log(0)`` stays finite
#: (``-log(1e-7) = 16.1181``). Defined once; every module uses this constant.
DELTA = 1e-7


def softmax(a):
    """Numerically stable softmax over the last axis.

    The row maximum is subtracted before ``exp`` (softmax is shift
    invariant), so huge logits such as ``1e4`` give finite results.

    Parameters
    ----------
    a : array_like, shape (K,) or (N, K)
        Scores (logits). Floating arrays keep their dtype (float32 stays
        float32); integer arrays are converted to float64. ``-inf`` is allowed
        as long as a row has one finite entry.

    Returns
    -------
    numpy.ndarray, same shape as ``a``, floating
        Probabilities in [0, 1]; each row sums to 1.

    Raises
    ------
    ValueError
        If ``a`` is empty, has more than 2 dimensions, is not real numeric, or
        contains NaN / +inf (or a row with no finite entry).
    """
    a = np.asarray(a)
    if a.dtype.kind not in "fiu" or a.dtype.kind == "b":
        raise ValueError(f"softmax: a must be a real numeric array, got dtype {a.dtype}")
    if a.ndim not in (1, 2):
        raise ValueError(f"softmax: a must be 1-D (K,) or 2-D (N, K), got shape {a.shape}")
    if a.size == 0:
        raise ValueError(f"softmax: a is empty (shape {a.shape}); expected at least one score")
    if a.dtype.kind != "f":
        a = a.astype(np.float64)
    m = a.max(axis=-1, keepdims=True)  # NaN propagates here, so one cheap check
    if not np.isfinite(m).all():
        raise ValueError("softmax: a contains NaN or +inf (or a row that is all -inf); expected finite scores")
    e = np.exp(a - m)
    return e / e.sum(axis=-1, keepdims=True)


def _check_y(y, func):
    """Validate predictions; return them as a 2-D floating array (N, K)."""
    y = np.asarray(y)
    if y.dtype.kind not in "fiu":
        raise ValueError(f"{func}: y must be a real numeric array of probabilities, got dtype {y.dtype}")
    if y.ndim not in (1, 2):
        raise ValueError(f"{func}: y must be one sample (K,) or a batch (N, K), got shape {y.shape} ({y.ndim} dims)")
    if y.size == 0:
        raise ValueError(f"{func}: y is empty (shape {y.shape}); expected at least one sample and one class")
    lo, hi = y.min(), y.max()  # NaN makes both comparisons below fail
    if not (lo >= 0 and hi <= 1):
        if not np.isfinite(y).all():
            raise ValueError(f"{func}: y contains NaN or inf; expected probabilities in [0, 1]")
        raise ValueError(f"{func}: y must hold probabilities in [0, 1], got values in [{lo:g}, {hi:g}]")
    if y.dtype.kind != "f":
        y = y.astype(np.float64)
    return y.reshape(1, -1) if y.ndim == 1 else y


def _to_labels(t, n, k, func, single=False):
    """Validate targets for ``n`` samples of ``k`` classes; return labels ``(n,)`` intp.

    ``t`` is one-hot ``(n, k)`` (or ``(k,)`` when ``single``) or integer labels
    ``(n,)`` (or a scalar / ``(1,)`` when ``single``).
    """
    t = np.asarray(t)
    onehot_shape = (k,) if single else (n, k)
    if t.shape == onehot_shape:  # one-hot: rows of 0/1 summing to 1
        if t.dtype.kind not in "fiub":
            raise ValueError(f"{func}: one-hot t must be numeric, got dtype {t.dtype}")
        ones = t.reshape(n, k) == 1
        where = np.flatnonzero(ones)  # flat positions of the 1s, in row order
        # all entries 0 or 1, n ones in total, and the i-th 1 lies in row i
        if not (
            where.size == n
            and (ones | (t.reshape(n, k) == 0)).all()
            and (where // k == np.arange(n)).all()
        ):
            raise ValueError(
                f"{func}: t has the shape of y {t.shape}, so it must be one-hot (each row all 0 "
                "except a single 1); soft or smoothed labels are not supported (the book's CEE "
                "uses one-hot targets)"
            )
        return where % k
    label_shapes = [(), (1,)] if single else [(n,)]
    if t.shape not in label_shapes:
        if t.ndim == 1 and not single:
            raise ValueError(f"{func}: wrong number of labels: t has {t.shape[0]} labels but y has {n} rows")
        expected = f"one-hot {onehot_shape} or one integer label" if single else f"one-hot {onehot_shape} or {n} integer labels ({n},)"
        raise ValueError(f"{func}: t has shape {t.shape}, which does not match y; expected {expected}")
    if t.dtype.kind not in "iu":
        raise ValueError(
            f"{func}: t labels must be integers (class indices 0..{k - 1}), got dtype {t.dtype}; "
            "bools and floats are rejected (use t.astype(int) if they are whole numbers)"
        )
    t = t.reshape(n)
    if t.min() < 0 or t.max() >= k:
        raise ValueError(f"{func}: t labels must be in 0..{k - 1} (y has {k} classes), got values in [{t.min()}, {t.max()}]")
    return t.astype(np.intp, copy=False)


def _pair(y, t, func):
    """Validated ``(y2d, labels)`` for a loss function."""
    y = np.asarray(y)
    single = y.ndim == 1
    y2 = _check_y(y, func)
    return y2, _to_labels(t, y2.shape[0], y2.shape[1], func, single=single)


def _check_delta(delta, func):
    if isinstance(delta, (bool, np.bool_)) or not isinstance(delta, numbers.Real) or not np.isfinite(delta) or delta < 0:
        raise ValueError(f"{func}: delta must be a finite number >= 0, got {delta!r}")


def cross_entropy_per_sample(y, t, delta=DELTA):
    """Per-sample cross-entropy ``-log(y[i, t_i] + delta)``.

    Equal to ``-sum(t * log(y + delta), axis=1)`` for one-hot ``t`` (the book's
    formula); its mean is :func:`cross_entropy_error`.

    Parameters
    ----------
    y : array_like, shape (K,) or (N, K), float
        Predicted probabilities in [0, 1].
    t : array_like
        One-hot targets with the shape of ``y`` (0/1, one 1 per row), or integer
        labels: shape (N,) for a batch, an int for one sample.
    delta : float, default 1e-7
        Added inside the log so that ``y = 0`` gives a large finite loss.

    Returns
    -------
    numpy.ndarray, shape (N,), float64
        Shape (1,) for a single sample.

    Raises
    ------
    ValueError
        On shapes that disagree, labels out of range or not integers, one-hot
        rows that are not one-hot, y outside [0, 1] / NaN / inf, empty input or
        more than 2 dimensions.

    Notes
    -----
    Only the N probabilities of the true classes are gathered and converted
    to float64 before the log, so a float32 batch is never upcast as a whole.
    """
    y2, labels = _pair(y, t, "cross_entropy_per_sample")
    _check_delta(delta, "cross_entropy_per_sample")
    p = y2[np.arange(y2.shape[0]), labels].astype(np.float64)
    return -np.log(p + delta)


def cross_entropy_error(y, t, delta=DELTA):
    """Cross-entropy error (CEE), averaged over the batch.

    ``E = -(1/N) * sum_n sum_k t[n, k] * log(y[n, k] + delta)``: the book's
    formula divided by the batch size ``N`` (not by the number of classes).

    Parameters
    ----------
    y : array_like, shape (K,) or (N, K), float
        Predicted probabilities in [0, 1].
    t : array_like
        One-hot targets with the shape of ``y``, or integer labels: shape (N,)
        for a batch, an int for one sample. Both forms give the same number.
    delta : float, default 1e-7
        Keeps ``log(0)`` finite.

    Returns
    -------
    float
        The mean loss.

    Raises
    ------
    ValueError
        See :func:`cross_entropy_per_sample`.

    Examples
    --------
    >>> y = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
    >>> round(cross_entropy_error(y, 2), 12)
    0.510825457099
    """
    y2, labels = _pair(y, t, "cross_entropy_error")
    _check_delta(delta, "cross_entropy_error")
    p = y2[np.arange(y2.shape[0]), labels].astype(np.float64)
    return float(-np.log(p + delta).sum() / y2.shape[0])


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
    ValueError
        See :func:`cross_entropy_per_sample`.
    """
    y2, labels = _pair(y, t, "sum_squares_error")
    n = y2.shape[0]
    d = y2.astype(np.float64)  # a copy: (y - onehot) is built in place
    d[np.arange(n), labels] -= 1.0
    return float(0.5 * np.sum(d * d) / n)
