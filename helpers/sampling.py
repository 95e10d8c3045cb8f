"""Mini-batch sampling and the sampling distribution of the mini-batch mean loss.

The book draws a mini-batch with ``choice(train_size, batch_size)`` of the global
``numpy.random`` state (with replacement). Here every function takes an explicit
``rng``: a :class:`numpy.random.Generator`, an int seed, or ``None`` for a
fresh unseeded generator. The same seed gives the same result.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = ["as_generator", "sample_batch", "minibatch_means", "sampling_method", "standard_error", "measure_spread",
           "EXACT_BUDGET", "BATCH_SIZES"]

#: Largest number of element draws (``n_draws * batch_size``) that
#: :func:`minibatch_means` samples exactly when ``method="auto"``.
EXACT_BUDGET = 1_000_000
#: Without replacement the exact path also sorts every row to remove
#: duplicates, which costs about this many times more per element.
_WOR_COST = 3
#: Log-spaced batch sizes from 1 to 60,000 (notebook 03's slider and measured curve).
BATCH_SIZES = (1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300, 500, 700, 1000, 1500, 2000,
               3000, 5000, 7000, 10000, 15000, 20000, 30000, 40000, 50000, 60000)


def as_generator(rng=None):
    """Turn ``rng`` into a :class:`numpy.random.Generator`.

    Parameters
    ----------
    rng : None, int or numpy.random.Generator
        ``None`` gives a fresh, unseeded ``default_rng()``; a non-negative int
        is a seed; a Generator is returned unchanged (so its state advances).

    Returns
    -------
    numpy.random.Generator

    Raises
    ------
    ValueError
        For anything else (bools, negative ints, floats, the legacy
        ``RandomState``).
    """
    if rng is None:
        return np.random.default_rng()
    if isinstance(rng, np.random.Generator):
        return rng
    if _is_int(rng) and rng >= 0:
        return np.random.default_rng(int(rng))
    raise ValueError(
        f"rng must be None, a non-negative int seed or a numpy.random.Generator "
        f"(np.random.default_rng(seed)), got {rng!r}"
    )


def _is_int(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))


def _positive_int(value, name, maximum=None, why=""):
    """Return ``value`` as an int >= 1 (and <= maximum) or raise ValueError."""
    if not _is_int(value) or value < 1:
        raise ValueError(f"{name} must be a positive int, got {value!r}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be at most {maximum}{why}, got {value}")
    return int(value)


def sample_batch(x, t, batch_size=100, rng=None, replace=True):
    """Draw one random mini-batch ``(x_batch, t_batch)``.

    Parameters
    ----------
    x : numpy.ndarray, shape (N, ...)
        Inputs, e.g. ``(60000, 784)`` float32 images.
    t : numpy.ndarray, shape (N,) or (N, K)
        Labels or one-hot targets, one per row of ``x``.
    batch_size : int, default 100
        Number of rows B (1 <= B; B <= N when ``replace=False``).
    rng : None, int or numpy.random.Generator
        See :func:`as_generator`.
    replace : bool, default True
        True is the book's ``choice(N, batch_size)``: indices drawn
        independently, so a row can repeat. False draws distinct rows.

    Returns
    -------
    x_batch : numpy.ndarray, shape (B, ...), dtype of ``x``
    t_batch : numpy.ndarray, shape (B,) or (B, K), dtype of ``t``

    Raises
    ------
    ValueError
        If x and t differ in length, are empty, or batch_size is not a
        positive int (or exceeds N without replacement).
    """
    x, t = np.asarray(x), np.asarray(t)
    if x.ndim == 0 or t.ndim == 0:
        raise ValueError("x and t must be arrays with one row per sample, got a scalar")
    n = x.shape[0]
    if t.shape[0] != n:
        raise ValueError(f"x and t must have the same length, got {n} inputs and {t.shape[0]} targets")
    if n == 0:
        raise ValueError("x and t are empty; expected at least one sample")
    b = _positive_int(batch_size, "batch_size", None if replace else n, " (the data size) when replace=False")
    rng = as_generator(rng)
    idx = rng.integers(0, n, size=b) if replace else rng.choice(n, size=b, replace=False)
    return x[idx], t[idx]


def _loss_vector(losses):
    losses = np.asarray(losses)
    if losses.dtype.kind not in "fiu":
        raise ValueError(f"losses must be a real numeric array, got dtype {losses.dtype}")
    if losses.ndim != 1 or losses.size == 0:
        raise ValueError(f"losses must be a non-empty 1-D array (one loss per sample), got shape {losses.shape}")
    losses = losses.astype(np.float64, copy=False)
    if not np.isfinite(losses.sum()):
        raise ValueError("losses contains NaN or inf; expected finite per-sample losses")
    return losses


def _moments_of_mean(losses, batch_size, replace):
    """Mean, standard deviation and skewness of the exact sampling distribution.

    ``sigma`` and the third central moment ``m3`` are population moments
    (ddof=0) of ``losses``. For the mean of B draws:

    - with replacement: var = sigma**2 / B, third moment = m3 / B**2,
      so skew = skew(losses) / sqrt(B);
    - without replacement (finite-population correction):
      var = sigma**2 / B * (N - B) / (N - 1),
      third moment = m3 / B**2 * (N - B) * (N - 2B) / ((N - 1) * (N - 2)).
      The skew vanishes at B = N/2 and changes sign above it.
    """
    n, b = losses.size, batch_size
    mu = losses.mean()
    d = losses - mu
    d2 = d * d
    var, m3 = d2.mean(), (d2 * d).mean()  # not np.dot: BLAS threads stall on a busy machine
    if replace:
        v, c3 = var / b, m3 / b**2
    elif b == n:  # the whole data set: no spread
        v, c3 = 0.0, 0.0
    else:  # 1 <= b < n, so n >= 2; for n = 2 the factor (n - 2b) is 0
        v = var / b * (n - b) / (n - 1)
        c3 = m3 / b**2 * (n - b) * (n - 2 * b) / ((n - 1) * (n - 2)) if n > 2 else 0.0
    sd = float(np.sqrt(v))
    skew = float(c3 / v**1.5) if v > 0 else 0.0
    return float(mu), sd, skew


def _distinct_rows(n, k, rows, rng):
    """``(rows, k)`` indices, each row a uniformly random k-subset of range(n).

    Draw with replacement, then redraw only the duplicate slots until no row
    has duplicates. Every step treats the n labels symmetrically, so the
    final set is uniform among k-subsets (the same argument that makes
    "draw, reject repeats" sampling without replacement). For k > n/4 each
    row is a shuffle of range(n) cut to k instead, which never collides.
    """
    dt = np.int32 if n < 2**31 else np.int64
    if 4 * k > n:
        # near n/2 the redraws below collide ever more often; shuffling every
        # row costs n per row, at most 4k here, and is uniform by construction
        base = np.broadcast_to(np.arange(n, dtype=dt), (rows, n))
        return rng.permuted(base, axis=1)[:, :k]
    idx = rng.integers(0, n, size=(rows, k), dtype=dt)
    todo = np.arange(rows)
    while todo.size:
        sub = np.sort(idx[todo], axis=1)
        dup = np.zeros(sub.shape, dtype=bool)
        dup[:, 1:] = sub[:, 1:] == sub[:, :-1]
        has = dup.any(axis=1)
        sub[dup] = rng.integers(0, n, size=int(dup.sum()), dtype=dt)
        idx[todo] = sub
        todo = todo[has]
    return idx


def _exact_means(losses, b, n_draws, rng, replace):
    n = losses.size
    k = b if replace else min(b, n - b)  # indices drawn per mini-batch
    out = np.empty(n_draws)
    rows = max(1, EXACT_BUDGET // k)  # chunks bound the memory (~16 bytes per element)
    total = losses.sum()
    for start in range(0, n_draws, rows):
        r = min(rows, n_draws - start)
        if replace:
            idx = rng.integers(0, n, size=(r, k), dtype=np.int32 if n < 2**31 else np.int64)
        else:
            idx = _distinct_rows(n, k, r, rng)
        s = losses[idx].sum(axis=1)
        # complement trick: a batch of b > n/2 is everything except k = n - b left out
        out[start : start + r] = s / b if k == b else (total - s) / b
    return out


def _approx_means(losses, b, n_draws, rng, replace):
    mu, sd, skew = _moments_of_mean(losses, b, replace)
    if sd == 0:
        return np.full(n_draws, mu)
    if abs(skew) < 1e-6:  # gamma shape > 4e12: it is a normal
        z = rng.standard_normal(n_draws)
    else:
        shape = 4.0 / skew**2
        z = np.sign(skew) * (rng.standard_gamma(shape, size=n_draws) - shape) / np.sqrt(shape)
    return np.clip(mu + sd * z, losses.min(), losses.max())


def sampling_method(batch_size, n_draws, n, replace=True):
    """``"exact"`` or ``"approx"``: what :func:`minibatch_means` does with ``method="auto"``.

    Exact while the work (``n_draws * B`` element draws; without replacement
    ``3 * n_draws * min(B, N - B)``, duplicate removal costing about 3x) is at
    most :data:`EXACT_BUDGET`; else the moment-matched approximation. The
    widgets call it to say which one they show.

    Parameters
    ----------
    batch_size, n_draws, n : int
        B, the number of mini-batch means, and N, the number of per-sample losses.
    replace : bool
        Sampling with (the book's way) or without replacement.
    """
    work = n_draws * batch_size if replace else _WOR_COST * n_draws * min(batch_size, n - batch_size)
    return "exact" if work <= EXACT_BUDGET else "approx"


def minibatch_means(losses, batch_size, n_draws, rng=None, replace=True, method="auto"):
    """Draw ``n_draws`` mini-batch mean losses: the sampling distribution of the mean.

    Each draw is the mean of ``batch_size`` values taken from ``losses``
    (with or without replacement), i.e. the loss a mini-batch would report.

    Parameters
    ----------
    losses : array_like, shape (N,), float
        Per-sample losses, e.g. ``cross_entropy_per_sample(y, t)`` on MNIST.
    batch_size : int
        Mini-batch size B, 1 <= B (B <= N without replacement).
    n_draws : int
        Number of mini-batch means to draw.
    rng : None, int or numpy.random.Generator
        See :func:`as_generator`.
    replace : bool, default True
        True: the book's sampling (indices independent). False: B distinct
        samples (as in a shuffled epoch).
    method : {"auto", "exact", "approx"}, default "auto"
        ``"exact"`` really draws the mini-batches. ``"approx"`` draws from a
        moment-matched distribution (below). ``"auto"`` is exact while the work
        ``n_draws * B`` stays within :data:`EXACT_BUDGET` (1e6 element draws,
        about 8 ms; without replacement the work is counted as
        ``3 * n_draws * min(B, N - B)`` because of the duplicate removal) and
        approximate above it, so every B from 1 to 60,000 stays interactive:
        at 1000 draws of N = 60,000 losses it is exact for B <= 1000 with
        replacement, and for B <= 333 or B >= 59,667 without.

    Returns
    -------
    numpy.ndarray, shape (n_draws,), float64

    Notes
    -----
    *Exact path.* With replacement: ``rng.integers(0, N, (n_draws, B))`` as
    int32, gathered and averaged (in chunks to bound memory). Without
    replacement: distinct indices per row (draw, then redraw duplicates);
    when B > N/2 the N - B left-out samples are drawn instead and the mean is
    ``(total - sum of left out) / B`` (complement trick). At B = N without
    replacement every draw is exactly ``losses.mean()``.

    *Approximate path.* A shifted gamma (Pearson type III) matching the mean,
    variance and skewness of the exact sampling distribution of the mean:
    mean ``mu``; variance ``sigma**2 / B``, times ``(N - B) / (N - 1)`` without
    replacement; skewness ``g / sqrt(B)`` with replacement, and without
    replacement the exact third moment
    ``m3 / B**2 * (N - B)(N - 2B) / ((N - 1)(N - 2))`` (sigma, g, m3 are
    population moments, ddof=0). The gamma keeps the right skew of the mean
    loss: most mini-batches report a loss BELOW the full-data mean, a few
    report much more. The draws are clipped to ``[min(losses), max(losses)]``,
    the range a mean can take. Where ``"auto"`` switches to it (B > 333 at
    1000 draws) the remaining skewness is already small (``g / sqrt(B)``),
    so the shape error is small; the first three moments are right by
    construction.

    Raises
    ------
    ValueError
        For a non-1-D, empty or non-finite ``losses``, a batch_size or n_draws
        that is not a positive int, B > N without replacement, or an unknown
        method.

    Examples
    --------
    >>> import numpy as np
    >>> losses = np.random.default_rng(0).lognormal(size=60_000)
    >>> minibatch_means(losses, 100, 1000, rng=0).shape
    (1000,)
    """
    losses = _loss_vector(losses)
    n = losses.size
    b = _positive_int(batch_size, "batch_size", None if replace else n, " (the number of losses) when replace=False")
    n_draws = _positive_int(n_draws, "n_draws")
    if method not in ("auto", "exact", "approx"):
        raise ValueError(f'method must be "auto", "exact" or "approx", got {method!r}')
    rng = as_generator(rng)
    if not replace and b == n:
        return np.full(n_draws, losses.mean())
    if method == "auto":
        method = sampling_method(b, n_draws, n, replace)
    if method == "exact":
        return _exact_means(losses, b, n_draws, rng, replace)
    return _approx_means(losses, b, n_draws, rng, replace)


def standard_error(sigma, batch_size, n=None, replace=True):
    """Standard error of a mini-batch mean: ``sigma / sqrt(B)`` (times the FPC).

    Parameters
    ----------
    sigma : float or array_like
        POPULATION standard deviation (ddof=0) of the per-sample losses,
        e.g. ``losses.std()``.
    batch_size : int or array_like of int
        Mini-batch size(s) B >= 1; the result is vectorized over it.
    n : int, optional
        Data size N; required when ``replace=False``.
    replace : bool, default True
        Without replacement the result is multiplied by the finite-population
        correction ``sqrt((N - B) / (N - 1))``, which is 0 at B = N.

    Returns
    -------
    float or numpy.ndarray of float64
        A float for scalar input, else an array of the broadcast shape.

    Raises
    ------
    ValueError
        If sigma is negative or not finite, batch_size holds non-integers or
        values < 1, n is missing / not a positive int, or B > N without
        replacement.
    """
    s = np.asarray(sigma, dtype=np.float64) if not isinstance(sigma, (bool, np.bool_)) else None
    if s is None or not (np.isfinite(s).all() and (s >= 0).all()):
        raise ValueError(f"sigma must be a finite standard deviation >= 0, got {sigma!r}")
    b = np.asarray(batch_size)
    if b.dtype.kind not in "iu" or b.size == 0 or (b < 1).any():
        raise ValueError(f"batch_size must be positive integers (use .astype(int) for a float grid), got {batch_size!r}")
    b = b.astype(np.float64)
    se = s / np.sqrt(b)
    if not replace:
        n = _positive_int(n, "n (the data size, needed when replace=False)")
        if (b > n).any():
            raise ValueError(f"batch_size must be at most n={n} when replace=False, got {batch_size!r}")
        se = se * (np.sqrt((n - b) / (n - 1)) if n > 1 else 0.0)
    return float(se) if se.ndim == 0 else se


def measure_spread(losses, batch_sizes=BATCH_SIZES, *, n_draws=1000, rng=None, replace=True,
                   max_work=4_000_000, min_draws=200):
    """Measured spread of mini-batch losses: draw real mini-batches for each B.

    Parameters
    ----------
    losses : array_like, shape (N,), float
        Per-sample losses.
    batch_sizes : sequence of int
        Batch sizes B (each <= N without replacement).
    n_draws : int, default 1000
        Mini-batches per batch size. For large B it is reduced so that
        ``draws * B <= max_work``, but never below ``min_draws``.
    rng : None, int or numpy.random.Generator
        Advanced through all batch sizes (a new stream for each B).
    replace : bool
        Passed to :func:`minibatch_means` with ``method="exact"``: real
        mini-batches, with or without replacement.
    max_work, min_draws : int

    Returns
    -------
    numpy.ndarray, shape (len(batch_sizes),), float64
        Standard deviation (ddof=0) of the mini-batch means for each B; exactly
        0 for ``B = N`` without replacement.
    """
    losses = np.asarray(losses, dtype=np.float64).reshape(-1)
    rng = as_generator(rng)
    n = losses.size
    out = np.empty(len(batch_sizes))
    for i, b in enumerate(batch_sizes):
        b = int(b)
        draws = max(min_draws, min(n_draws, max_work // b))
        out[i] = minibatch_means(losses, b, draws, rng=rng, replace=replace, method="exact").std()
    return out
