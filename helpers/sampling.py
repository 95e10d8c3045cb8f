"""Mini-batch sampling and the sampling distribution of the mini-batch mean loss.

The book draws a mini-batch with ``choice(train_size, batch_size)`` of the global
``numpy.random`` state (with replacement). Here every function takes an explicit
``rng``: a :class:`numpy.random.Generator`, an int seed, or ``None`` for a
fresh unseeded generator. The same seed gives the same result.

Exact sampling without replacement lives here (:func:`minibatch_means` with
``replace=False``); so does the one formula for the standard error, with the
finite-population correction (:func:`standard_error`, vectorized over
``sigma``, ``batch_size`` and the population size ``n``), and the full loss
and its spread as the widgets and plots show them (:func:`mean_loss`,
:func:`loss_spread`: within the losses' range, exactly the value and 0.0
when all losses are equal, no overflow).

Arguments are checked with :mod:`helpers._validation`: the wrong kind (a
string, a float where an int belongs, ``"False"`` or ``0`` for a flag, object
or complex arrays, ragged lists) raises :class:`TypeError`, a bad value
(0 or negative sizes, B > N without replacement, NaN/inf, empty or wrongly
shaped arrays) :class:`ValueError`; messages start with the argument's name.
Inputs are never modified.

Every sampling function draws WITH replacement by default (``replace=True``),
as the book's ``choice(train_size, batch_size)`` on NumPy's global random state does.

Used by notebook 03 (random mini-batches: ``sample_batch``, ``minibatch_loss``,
``minibatch_means``, ``standard_error`` and ``measure_spread`` directly;
``standard_error`` also through :mod:`helpers.plots`, and ``BATCH_SIZES``,
``minibatch_means``, ``sampling_method`` and ``standard_error`` through the
``minibatch_explorer`` widget) and 04 (mini-batch SGD, through
:mod:`helpers.network`, which seeds with ``as_generator``).
"""

from __future__ import annotations

import numpy as np

from helpers._validation import (
    check_array,
    check_bool,
    check_choice,
    check_int,
    check_int_array,
    is_int,
)

__all__ = ["as_generator", "sample_batch", "minibatch_loss", "minibatch_means", "sampling_method",
           "standard_error", "measure_spread", "mean_loss", "loss_spread", "EXACT_BUDGET",
           "BATCH_SIZES"]

#: Largest number of element draws (``n_draws * batch_size``) that
#: :func:`minibatch_means` samples exactly when ``method="auto"``.
EXACT_BUDGET = 1_000_000
#: Without replacement the exact path also sorts every row to remove
#: duplicates, which costs about this many times more per element.
_WOR_COST = 3
#: :func:`measure_spread` draws at most this many mini-batches per batch size
#: (``n_draws``, ``min_draws``) ...
_MAX_DRAWS = 10**7
#: ... and at most this many element draws (``max_work``, and ``min_draws * B``):
#: about a minute of work per batch size.
_MAX_WORK = 10**10
#: Log-spaced batch sizes from 1 to 60,000 (notebook 03's slider and measured curve).
BATCH_SIZES = (1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300, 500, 700, 1000, 1500,
               2000, 3000, 5000, 7000, 10000, 15000, 20000, 30000, 40000, 50000, 60000)


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
    TypeError
        For any other kind (bools, floats, strings, the legacy ``RandomState``).
    ValueError
        For a negative int.
    """
    if rng is None:
        return np.random.default_rng()
    if isinstance(rng, np.random.Generator):
        return rng
    what = ("rng must be None, a non-negative int seed or a numpy.random.Generator "
            "(np.random.default_rng(seed))")
    if not is_int(rng):
        raise TypeError(f"{what}, got {rng!r} ({type(rng).__name__})")
    if rng < 0:
        raise ValueError(f"{what}, got {rng!r}")
    return np.random.default_rng(int(rng))


def sample_batch(x, t, batch_size=100, rng=None, replace=True):
    """Draw one random mini-batch ``(x_batch, t_batch)``.

    Parameters
    ----------
    x : array_like, shape (N, ...)
        Inputs, e.g. ``(60000, 784)`` float32 images (real numbers or bools;
        the values themselves are not inspected).
    t : array_like, shape (N,) or (N, K)
        Labels or one-hot targets, one per row of ``x``.
    batch_size : int, default 100
        Number of rows B (1 <= B; B <= N when ``replace=False``).
    rng : None, int or numpy.random.Generator
        See :func:`as_generator`.
    replace : bool, default True
        True is the book's ``choice(N, batch_size)``: indices drawn
        independently, so a row can repeat. False draws distinct rows.
        Must be a real bool (``"False"`` is a TypeError, not True).

    Returns
    -------
    x_batch : numpy.ndarray, shape (B, ...), dtype of ``x``
    t_batch : numpy.ndarray, shape (B,) or (B, K), dtype of ``t``
        New arrays (copies): ``x`` and ``t`` are not modified.

    Raises
    ------
    TypeError
        If x or t are not numeric arrays (strings, objects, complex, ragged
        lists), batch_size is not an int, replace not a bool, or rng invalid.
    ValueError
        If x or t are scalars, differ in length or are empty, batch_size < 1,
        or batch_size > N without replacement.
    """
    x = check_array(x, "x", kinds="fiub", finite=False, nonempty=False)
    t = check_array(t, "t", kinds="fiub", finite=False, nonempty=False)
    replace = check_bool(replace, "replace")
    if x.ndim == 0 or t.ndim == 0:
        raise ValueError("x and t must be arrays with one row per sample, got a scalar")
    n = x.shape[0]
    if t.shape[0] != n:
        raise ValueError(
            f"x and t must have the same length, got {n} inputs and {t.shape[0]} targets"
        )
    if n == 0:
        raise ValueError("x and t are empty; expected at least one sample")
    b = check_int(batch_size, "batch_size", minimum=1, maximum=None if replace else n,
                  why=" (the data size) when replace=False")
    rng = as_generator(rng)
    try:
        idx = rng.integers(0, n, size=b) if replace else rng.choice(n, size=b, replace=False)
        return x[idx], t[idx]
    except (MemoryError, ValueError) as e:  # NumPy: "Maximum allowed dimension exceeded", ...
        raise ValueError(f"batch_size is too large: {b} rows do not fit in memory ({e})") from None


def minibatch_loss(losses, batch_size=100, rng=None, replace=True):
    """The loss one random mini-batch reports: the mean of ``batch_size`` per-sample losses.

    The indices are drawn as the book draws them, ``rng.choice(N, batch_size)``
    (with replacement by default), so with the same seed the batch holds the
    same images as :func:`sample_batch` and the result equals the loss the
    network computes on that batch.

    Parameters
    ----------
    losses : array_like, shape (N,), float
        Per-sample losses (finite), e.g. ``cross_entropy_per_sample(y, t)``.
    batch_size : int, default 100
        B >= 1 (B <= N when ``replace=False``).
    rng : None, int or numpy.random.Generator
        See :func:`as_generator`.
    replace : bool, default True
        True: the book's sampling with replacement (an image can repeat).
        False: B distinct images.

    Returns
    -------
    float
        ``losses[rng.choice(N, B, replace=replace)].mean()``.

    Raises
    ------
    TypeError
        For losses that are not real numbers, a batch_size that is not an
        int, a replace that is not a bool, or an invalid rng.
    ValueError
        For losses that are not a non-empty finite 1-D array, batch_size < 1,
        or B > N without replacement.
    """
    losses = _loss_vector(losses)
    replace = check_bool(replace, "replace")
    n = losses.size
    b = check_int(batch_size, "batch_size", minimum=1, maximum=None if replace else n,
                  why=" (the number of losses) when replace=False")
    rng = as_generator(rng)
    try:
        idx = rng.choice(n, size=b, replace=replace)
    except (MemoryError, ValueError) as e:
        raise ValueError(f"batch_size is too large: {b} indices do not fit in memory "
                         f"({e})") from None
    return _mean(losses[idx])


def _loss_vector(losses, name="losses"):
    """Validated per-sample losses: a non-empty, finite, 1-D float64 array."""
    losses = check_array(losses, name, kinds="fiu", finite=False, nonempty=False)
    if losses.ndim != 1 or losses.size == 0:
        raise ValueError(
            f"{name} must be a non-empty 1-D array (one loss per sample), got shape {losses.shape}"
        )
    losses = losses.astype(np.float64, copy=False)
    if not np.isfinite(losses).all():  # not losses.sum(): finite 1e308s may sum to inf
        raise ValueError(f"{name} contains NaN or inf; expected finite per-sample losses")
    return losses


def _scaled(losses):
    """``(losses / s, s)`` with ``s`` a power of two and ``max|losses / s|`` in [1, 2).

    Dividing by a power of two is exact (barring subnormals), so results
    computed on the scaled values and multiplied back are the same as
    unscaled ones for ordinary data; but sums of huge losses (1e300) cannot
    overflow and squares/cubes of tiny ones (1e-300) cannot underflow.
    """
    top = float(np.abs(losses).max())
    if top == 0.0:
        return losses, 1.0
    s = float(np.ldexp(1.0, int(np.frexp(top)[1]) - 1))
    return losses / s, s


def _scaled_moments(x, batch_size, replace):
    """Mean, standard deviation and skewness of the exact sampling distribution of the mean.

    ``x`` are the losses scaled to order 1 by :func:`_scaled`: unscaled,
    ``d**3`` of losses near 1e300 overflows (inf / inf = NaN skew) and ``d**2``
    of losses near 1e-300 underflows (a zero variance, or 0 / 0). The mean and
    standard deviation are in units of ``x`` (multiply them by the scale);
    the skewness has no unit.

    ``sigma`` and the third central moment ``m3`` are population moments
    (ddof=0) of ``x``. For the mean of B draws:

    - with replacement: var = sigma**2 / B, third moment = m3 / B**2,
      so skew = skew(x) / sqrt(B);
    - without replacement (finite-population correction):
      var = sigma**2 / B * (N - B) / (N - 1),
      third moment = m3 / B**2 * (N - B) * (N - 2B) / ((N - 1) * (N - 2)).
      The skew vanishes at B = N/2 and changes sign above it.
    """
    n, b = x.size, batch_size
    mu = x.mean()
    d = x - mu
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
    x, scale = _scaled(losses)  # sums of B losses near 1e308 cannot overflow
    out = np.empty(n_draws)
    rows = max(1, EXACT_BUDGET // k)  # chunks bound the memory (~16 bytes per element)
    total = x.sum()
    for start in range(0, n_draws, rows):
        r = min(rows, n_draws - start)
        if replace:
            idx = rng.integers(0, n, size=(r, k), dtype=np.int32 if n < 2**31 else np.int64)
        else:
            idx = _distinct_rows(n, k, r, rng)
        s = x[idx].sum(axis=1)
        # complement trick: a batch of b > n/2 is everything except k = n - b left out
        out[start : start + r] = s / b if k == b else (total - s) / b
    out *= scale
    # a mean lies in [min, max]; rounding (e.g. 3 * 0.1 / 3 > 0.1) must not step outside
    return np.clip(out, losses.min(), losses.max(), out=out)


def _approx_means(losses, b, n_draws, rng, replace):
    x, scale = _scaled(losses)  # moments of order 1: no overflow of d**3, no underflow of d**2
    mu, sd, skew = _scaled_moments(x, b, replace)
    if sd == 0:
        out = np.full(n_draws, mu)
    else:
        if abs(skew) < 1e-6:  # gamma shape > 4e12: it is a normal
            z = rng.standard_normal(n_draws)
        else:
            shape = 4.0 / skew**2  # |skew| <= sqrt(N), so shape > 0 and finite
            z = np.sign(skew) * (rng.standard_gamma(shape, size=n_draws) - shape) / np.sqrt(shape)
        out = np.clip(mu + sd * z, x.min(), x.max())
    out *= scale
    return np.clip(out, losses.min(), losses.max(), out=out)


def sampling_method(batch_size, n_draws, n, replace=True, *, budget=EXACT_BUDGET):
    """``"exact"`` or ``"approx"``: what :func:`minibatch_means` does with ``method="auto"``.

    Exact while the work (``n_draws * B`` element draws; without replacement
    ``3 * n_draws * min(B, N - B)``, duplicate removal costing about 3x) is at
    most ``budget`` (:data:`EXACT_BUDGET` for ``method="auto"``); else the
    moment-matched approximation. The widgets call it (with their own, larger
    budget) to choose the method and to say which one they show.

    Parameters
    ----------
    batch_size, n_draws, n : int
        B, the number of mini-batch means, and N, the number of per-sample
        losses; all >= 1, and B <= N when ``replace=False``.
    replace : bool
        Sampling with (the book's way) or without replacement.
    budget : int, default :data:`EXACT_BUDGET`
        The most work (as counted above) done exactly, >= 0 (0: always approximate,
        except that nothing is ever approximated at B = N without replacement).

    Returns
    -------
    str
        ``"exact"`` or ``"approx"``.

    Raises
    ------
    TypeError
        If a size or the budget is not an int (floats, bools, strings) or replace not a bool.
    ValueError
        If a size is < 1, the budget < 0, or B > N without replacement.
    """
    n = check_int(n, "n", minimum=1)
    replace = check_bool(replace, "replace")
    batch_size = check_int(batch_size, "batch_size", minimum=1, maximum=None if replace else n,
                           why=" (n, the number of losses) when replace=False")
    n_draws = check_int(n_draws, "n_draws", minimum=1)
    budget = check_int(budget, "budget", minimum=0)
    if replace:
        work = n_draws * batch_size
    else:
        work = _WOR_COST * n_draws * min(batch_size, n - batch_size)
    return "exact" if work <= budget else "approx"


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
    replacement every draw is exactly :func:`mean_loss` of the losses.

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

    The result never holds NaN or inf for finite losses, and lies in
    ``[min(losses), max(losses)]`` on both paths, also for losses near 1e-300
    or 1e300 (the moments are computed on losses scaled by a power of two).

    Raises
    ------
    TypeError
        For ``losses`` that are not a real numeric array (strings, bools,
        objects, complex, ragged lists), a batch_size or n_draws that is not
        an int, a replace that is not a bool, or an invalid rng.
    ValueError
        For a non-1-D, empty or non-finite ``losses``, a batch_size or n_draws
        < 1, B > N without replacement, or an unknown method.

    Examples
    --------
    >>> import numpy as np
    >>> losses = np.random.default_rng(0).lognormal(size=60_000)
    >>> minibatch_means(losses, 100, 1000, rng=0).shape
    (1000,)
    """
    losses = _loss_vector(losses)
    n = losses.size
    replace = check_bool(replace, "replace")
    b = check_int(batch_size, "batch_size", minimum=1, maximum=None if replace else n,
                  why=" (the number of losses) when replace=False")
    n_draws = check_int(n_draws, "n_draws", minimum=1)
    method = check_choice(method, "method", ("auto", "exact", "approx"))
    rng = as_generator(rng)
    try:
        np.empty(n_draws)  # the result must fit (cheap: the memory is not touched)
    except (MemoryError, ValueError) as e:
        raise ValueError(f"n_draws is too large: {n_draws} means do not fit in memory "
                         f"({e})") from None
    if not replace and b == n:
        return np.full(n_draws, _mean(losses))
    if method == "auto":
        method = sampling_method(b, n_draws, n, replace)
    if method == "approx":
        return _approx_means(losses, b, n_draws, rng, replace)
    try:
        return _exact_means(losses, b, n_draws, rng, replace)
    except (MemoryError, ValueError) as e:  # one batch's indices must fit ("auto" avoids this)
        raise ValueError(f"batch_size is too large for method='exact': {b} indices per "
                         f"mini-batch do not fit in memory ({e}); use method='auto'") from None


def _mean(losses):
    """``losses.mean()`` without overflow (1e308 + 1e308 = inf), clipped to [min, max]."""
    x, s = _scaled(losses)
    return float(np.clip(x.mean() * s, losses.min(), losses.max()))


def _spread(losses):
    """``losses.std()`` without overflow, and exactly 0.0 when all values are equal."""
    if losses.min() == losses.max():  # np.std may give ~4e-16 here (or inf near 1e308)
        return 0.0
    x, s = _scaled(losses)  # d**2 of losses near 1e300 cannot overflow, nor 1e-300 underflow
    return float(x.std() * s)


def mean_loss(losses):
    """The mean of per-sample losses: ``losses.mean()``, made safe.

    Parameters
    ----------
    losses : array_like, shape (N,), float
        Per-sample losses (finite), e.g. ``cross_entropy_per_sample(y, t)``.

    Returns
    -------
    float
        The mean, always within ``[min(losses), max(losses)]`` and exactly the
        value when all losses are equal (``np.mean`` of 60,000 equal losses
        can round below their minimum). No overflow for losses near 1e308.
        For ordinary losses it equals ``np.mean(losses)`` up to rounding.

    Raises
    ------
    TypeError
        If ``losses`` is not a real numeric array (strings, bools, objects,
        complex, ragged lists).
    ValueError
        If it is not 1-D, is empty, or holds NaN/inf.
    """
    return _mean(_loss_vector(losses))


def loss_spread(losses):
    """The population standard deviation (ddof=0) of per-sample losses, made safe.

    The ``sigma`` of :func:`standard_error`. :func:`measure_spread` uses the
    same rule for the spread of mini-batch means.

    Parameters
    ----------
    losses : array_like, shape (N,), float
        Per-sample losses (finite).

    Returns
    -------
    float
        ``np.std(losses)`` up to rounding, but exactly ``0.0`` when all losses
        are equal (``np.std`` of 60,000 equal losses can give ~4e-16), and
        finite for losses near 1e308 (computed on losses scaled by a power of
        two).

    Raises
    ------
    TypeError
        If ``losses`` is not a real numeric array.
    ValueError
        If it is not 1-D, is empty, or holds NaN/inf.
    """
    return _spread(_loss_vector(losses))


def standard_error(sigma, batch_size, n=None, replace=True):
    """Standard error of a mini-batch mean: ``sigma / sqrt(B)`` (times the FPC).

    Parameters
    ----------
    sigma : float or array_like of float
        POPULATION standard deviation (ddof=0) of the per-sample losses,
        e.g. ``losses.std()``; >= 0 and finite.
    batch_size : int or array_like of int
        Mini-batch size(s) B >= 1.
    n : int or array_like of int, optional
        Population (data) size(s) N >= 1; required when ``replace=False``.
        Checked whenever it is given. With replacement the standard error
        does not depend on N (the draws are independent): a given ``n`` only
        enters the shape of the result, never its values.
    replace : bool, default True
        Without replacement the result is multiplied by the finite-population
        correction ``sqrt((N - B) / (N - 1))``, which is 0 at B = N
        (also for N = 1).

    Returns
    -------
    float or numpy.ndarray of float64
        A float when every argument is a scalar, else an array of the
        broadcast shape of ``sigma``, ``batch_size`` and ``n``, e.g.
        ``standard_error(sigma, 100, n=np.geomspace(100, 1e8, 50).astype(int),
        replace=False)`` for one line per batch size over population sizes.

    Raises
    ------
    TypeError
        If sigma is not real numbers (strings, bools, complex), batch_size or
        n are not ints (floats such as ``2.0`` too: use ``.astype(int)`` for a
        float grid), replace is not a bool, or n is missing (None) when
        ``replace=False``.
    ValueError
        If sigma is empty, negative or not finite, batch_size or n are empty
        or hold values < 1, the shapes do not broadcast, or B > N without
        replacement.
    """
    replace = check_bool(replace, "replace")
    s = check_array(sigma, "sigma", kinds="fiu", dtype=np.float64)
    if (s < 0).any():
        raise ValueError(f"sigma must be a standard deviation >= 0, got {s.min():g}")
    b = _sizes(batch_size, "batch_size")
    if n is None:
        if not replace:
            raise TypeError("n must be given when replace=False (an int >= 1 or an array of them: "
                            "the data size N for the finite-population correction), got None")
        arrays, names = (s, b), "sigma and batch_size"
    else:
        n = _sizes(n, "n")
        arrays, names = (s, b, n), "sigma, batch_size and n"
    try:
        shape = np.broadcast_shapes(*(v.shape for v in arrays))
    except ValueError:
        raise ValueError(f"{names} must broadcast together, got shapes "
                         f"{', '.join(str(v.shape) for v in arrays)}") from None
    bf = b.astype(np.float64)
    se = np.broadcast_to(s / np.sqrt(bf), shape)
    if not replace:
        big = np.broadcast_to(b > n, shape)
        if big.any():
            i = np.unravel_index(np.argmax(big), shape)
            raise ValueError(f"batch_size must be at most n when replace=False, got batch_size "
                             f"{np.broadcast_to(b, shape)[i]} > n {np.broadcast_to(n, shape)[i]}")
        nf = n.astype(np.float64)
        se = se * np.sqrt((nf - bf) / np.maximum(nf - 1.0, 1.0))  # 0 at B = N, also N = 1
    se = np.array(se, dtype=np.float64)  # a fresh, writable array of the broadcast shape
    return float(se) if se.ndim == 0 else se


def _sizes(value, name):
    """``value`` as an int64 array of sizes >= 1 (a hint for float grids)."""
    try:
        return check_int_array(value, name, minimum=1)
    except TypeError as e:
        raise TypeError(f"{e} (use .astype(int) for a float grid)") from None


def measure_spread(losses, batch_sizes=BATCH_SIZES, *, n_draws=1000, rng=None, replace=True,
                   max_work=4_000_000, min_draws=200):
    """Measured spread of mini-batch losses: draw real mini-batches for each B.

    Parameters
    ----------
    losses : array_like, shape (N,), float
        Per-sample losses (finite).
    batch_sizes : sequence of int, default :data:`BATCH_SIZES`
        Batch sizes B >= 1 (each <= N without replacement), non-empty.
    n_draws : int, default 1000
        Mini-batches per batch size. For large B it is reduced so that
        ``draws * B <= max_work``, but never below ``min_draws`` (which wins
        when it is larger than ``n_draws``).
    rng : None, int or numpy.random.Generator
        ONE generator (see :func:`as_generator`) advanced through the batch
        sizes in order, not a new stream for each B: the same seed gives the
        same result, but adding or changing a batch size changes the draws of
        the ones after it.
    replace : bool
        Passed to :func:`minibatch_means` with ``method="exact"``: real
        mini-batches, with or without replacement.
    max_work, min_draws : int
        Both >= 1; ``min_draws`` at most 10**7 and ``max_work`` at most
        10**10, as is ``min_draws * max(batch_sizes)`` (``n_draws`` is also
        at most 10**7): the work per batch size stays bounded.

    Returns
    -------
    numpy.ndarray, shape (len(batch_sizes),), float64
        Standard deviation (ddof=0) of the mini-batch means for each B, by the
        rule of :func:`loss_spread`: exactly 0 when all means are equal (e.g.
        ``B = N`` without replacement).

    Raises
    ------
    TypeError
        For losses that are not real numbers, batch sizes or counts that are
        not ints, a replace that is not a bool, or an invalid rng.
    ValueError
        For losses that are not a non-empty finite 1-D array, empty or
        non-1-D batch_sizes, sizes < 1, a B > N without replacement, or
        counts beyond the limits above (the message names the argument).
    """
    losses = _loss_vector(losses)
    replace = check_bool(replace, "replace")
    sizes = check_int_array(batch_sizes, "batch_sizes", minimum=1, ndim=1)
    n_draws = check_int(n_draws, "n_draws", minimum=1, maximum=_MAX_DRAWS,
                        why=" (mini-batches per batch size)")
    max_work = check_int(max_work, "max_work", minimum=1, maximum=_MAX_WORK,
                         why=" (element draws per batch size)")
    min_draws = check_int(min_draws, "min_draws", minimum=1, maximum=_MAX_DRAWS,
                          why=" (mini-batches per batch size)")
    n = losses.size
    if not replace and sizes.max() > n:
        raise ValueError(f"batch_sizes must be at most {n} (the number of losses) when "
                         f"replace=False, got {sizes.max()}")
    top = int(sizes.max())
    if top > _MAX_WORK:  # one mini-batch alone is beyond the work (and memory) bound
        raise ValueError(f"batch_sizes holds {top}, too large to draw real mini-batches of "
                         f"(at most {_MAX_WORK} elements per batch size)")
    if min_draws * top > _MAX_WORK:  # min_draws overrides max_work
        raise ValueError(f"min_draws must be at most {_MAX_WORK // top} for the largest batch "
                         f"size {top} (min_draws * B at most {_MAX_WORK} element draws), "
                         f"got {min_draws}")
    rng = as_generator(rng)
    out = np.empty(sizes.size)
    for i, b in enumerate(sizes.tolist()):
        draws = max(min_draws, min(n_draws, max_work // b))
        try:
            means = minibatch_means(losses, b, draws, rng=rng, replace=replace, method="exact")
        except ValueError as e:  # only "too large to fit in memory" can happen here
            raise ValueError(f"batch_sizes holds {b}, too large to draw real mini-batches "
                             f"of: {e}") from None
        out[i] = _spread(means)  # all equal (B = N without replacement): exactly 0
    return out
