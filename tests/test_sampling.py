"""Tests for helpers.sampling: exactness, reproducibility, moments, the approximation, validation.

References are independent of the code under test: enumeration of all subsets
(or ordered tuples) of small populations, explicit formulas, and sums of
distinct powers of two (a sum has B set bits iff no index repeats).
"""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pytest

from helpers import sampling
from helpers.sampling import (
    BATCH_SIZES,
    EXACT_BUDGET,
    as_generator,
    loss_spread,
    mean_loss,
    measure_spread,
    minibatch_means,
    sample_batch,
    sampling_method,
    standard_error,
)


def heavy_losses(n, seed=0):
    """Right-skewed, heavy-tailed per-sample losses (like MNIST CEE)."""
    return np.random.default_rng(seed).lognormal(mean=-1.5, sigma=1.2, size=n)


def skewness(v):
    d = v - v.mean()
    return float((d**3).mean() / (d**2).mean() ** 1.5)


def moments_of_mean(losses, b, replace):
    """The moments the approximate path matches: what ``_approx_means`` computes."""
    x, s = sampling._scaled(losses)
    mu, sd, skew = sampling._scaled_moments(x, b, replace)
    return mu * s, sd * s, skew


# -------------------------------------------------------------- as_generator


def test_as_generator():
    g = np.random.default_rng(3)
    assert as_generator(g) is g
    assert isinstance(as_generator(None), np.random.Generator)
    assert as_generator(5).integers(0, 10**9) == np.random.default_rng(5).integers(0, 10**9)
    ref = np.random.default_rng(5).integers(0, 10**9)
    assert as_generator(np.int64(5)).integers(0, 10**9) == ref
    assert as_generator(np.uint8(5)).integers(0, 10**9) == ref
    assert isinstance(as_generator(10**40), np.random.Generator)  # big seeds are fine


RNG_MSG = "^rng must be None, a non-negative int seed or a numpy.random.Generator"


@pytest.mark.parametrize("bad", [True, np.bool_(False), 1.5, np.float64(1.0), "0", 1j, [0],
                                 np.random.RandomState(0), np.random.PCG64(0)])
def test_as_generator_rejects_wrong_kinds(bad):
    with pytest.raises(TypeError, match=RNG_MSG):
        as_generator(bad)


@pytest.mark.parametrize("bad", [-1, np.int64(-5), -(10**30)])
def test_as_generator_rejects_negative_seeds(bad):
    with pytest.raises(ValueError, match=RNG_MSG):
        as_generator(bad)


# -------------------------------------------------------------- sample_batch


def test_sample_batch_shapes_and_pairing():
    x = np.arange(50 * 3).reshape(50, 3).astype(np.float32)
    t = np.arange(50)
    xb, tb = sample_batch(x, t, batch_size=20, rng=0)
    assert xb.shape == (20, 3) and tb.shape == (20,) and xb.dtype == np.float32
    np.testing.assert_array_equal(xb[:, 0], tb * 3)  # rows stay paired with their targets


def test_sample_batch_without_replacement_has_no_repeats():
    x, t = np.zeros((30, 2)), np.arange(30)
    for seed in range(20):
        _, tb = sample_batch(x, t, batch_size=30, rng=seed, replace=False)
        assert np.unique(tb).size == 30
    # with replacement, 30 of 30 almost surely repeats (P(no repeat) = 30!/30**30)
    _, tb = sample_batch(x, t, batch_size=30, rng=0, replace=True)
    assert np.unique(tb).size < 30


def test_sample_batch_seeded():
    x, t = np.zeros((1000, 1)), np.arange(1000)
    for replace in (True, False):
        a = sample_batch(x, t, 50, rng=7, replace=replace)[1]
        b = sample_batch(x, t, 50, rng=7, replace=replace)[1]
        c = sample_batch(x, t, 50, rng=8, replace=replace)[1]
        np.testing.assert_array_equal(a, b)
        assert not np.array_equal(a, c)


def test_sample_batch_without_replacement_is_uniform_over_subsets():
    n, b, draws = 6, 3, 20_000
    x, t = np.zeros((n, 1)), np.arange(n)
    rng = np.random.default_rng(3)
    seen = [tuple(sorted(sample_batch(x, t, b, rng=rng, replace=False)[1])) for _ in range(draws)]
    subsets = list(itertools.combinations(range(n), b))  # all 20 of them
    counts = np.array([seen.count(c) for c in subsets])
    assert counts.sum() == draws  # no batch outside the subsets (no repeats)
    expected = draws / len(subsets)
    assert ((counts - expected) ** 2 / expected).sum() < 55  # 19 dof: P(chi2 > 55) ~ 2e-5


def test_sample_batch_with_replacement_is_uniform_over_ordered_tuples():
    n, b, draws = 3, 2, 18_000
    x, t = np.zeros((n, 1)), np.arange(n)
    rng = np.random.default_rng(4)
    seen = [tuple(sample_batch(x, t, b, rng=rng)[1]) for _ in range(draws)]
    tuples = list(itertools.product(range(n), repeat=b))  # 9, repeats included
    counts = np.array([seen.count(c) for c in tuples])
    assert counts.sum() == draws
    expected = draws / len(tuples)
    assert ((counts - expected) ** 2 / expected).sum() < 35  # 8 dof: P(chi2 > 35) ~ 3e-5


def test_sample_batch_valid_array_like_and_no_mutation():
    x = [[0, 1], [2, 3], [4, 5]]
    xb, tb = sample_batch(x, [0, 1, 2], batch_size=5, rng=0)
    assert xb.shape == (5, 2) and tb.shape == (5,)
    np.testing.assert_array_equal(xb[:, 0], 2 * tb)
    assert x == [[0, 1], [2, 3], [4, 5]]
    xa = np.arange(12.0).reshape(6, 2)
    ta = np.eye(3)[[0, 1, 2, 0, 1, 2]]
    xa.setflags(write=False)
    ta.setflags(write=False)
    xb, tb = sample_batch(xa, ta, 4, rng=1, replace=False)
    assert tb.shape == (4, 3) and xb.flags.writeable  # a new array, not a view of x
    # the data's values are not inspected: NaN inputs, uint8 images and bool targets are fine
    xn = np.full((4, 2), np.nan)
    assert np.isnan(sample_batch(xn, np.arange(4), 2, rng=0)[0]).all()
    assert sample_batch(np.zeros((4, 2), np.uint8), np.ones(4, bool), 2, rng=0)[1].dtype == bool
    assert sample_batch(np.zeros((4, 2)), np.arange(4), np.int64(2), rng=0)[0].shape == (2, 2)


X10, T10 = np.zeros((10, 2)), np.arange(10)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(batch_size=0), "^batch_size must be an int >= 1, got 0"),
        (dict(batch_size=-3), "^batch_size must be an int >= 1, got -3"),
        (dict(batch_size=11, replace=False), r"^batch_size must be at most 10 \(the data size\)"),
        (dict(batch_size=10**30, replace=False), "^batch_size must be at most 10"),
    ],
)
def test_sample_batch_bad_values(kwargs, match):
    with pytest.raises(ValueError, match=match):
        sample_batch(X10, T10, **kwargs)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(batch_size=2.0), "^batch_size must be an int"),
        (dict(batch_size=True), "^batch_size must be an int"),
        (dict(batch_size="100"), "^batch_size must be an int"),
        (dict(batch_size=None), "^batch_size must be an int"),
        (dict(replace="False"), "^replace must be True or False"),  # was: drew WITH replacement
        (dict(replace=0), "^replace must be True or False"),
        (dict(replace=None), "^replace must be True or False"),
        (dict(rng="seed"), RNG_MSG),
        (dict(rng=0.5), RNG_MSG),
    ],
)
def test_sample_batch_wrong_kinds(kwargs, match):
    with pytest.raises(TypeError, match=match):
        sample_batch(X10, T10, **kwargs)


@pytest.mark.parametrize(
    "x, t, error, match",
    [
        (np.zeros((10, 2)), np.arange(9), ValueError, "^x and t must have the same length"),
        (np.zeros((0, 2)), np.zeros(0), ValueError, "^x and t are empty"),
        ([], [], ValueError, "^x and t are empty"),
        (np.float64(1.0), np.arange(1), ValueError, "^x and t must be arrays with one row"),
        (np.zeros((3, 2)), 5, ValueError, "^x and t must be arrays with one row"),
        ([[1.0, 2.0], [3.0]], [0, 1], TypeError, "^x must be a numeric array"),
        (np.array(["a", "b"]), [0, 1], TypeError, "^x must be a numeric array"),
        (np.array([1, None]), [0, 1], TypeError, "^x must be a numeric array"),
        (np.ones(2, complex), [0, 1], TypeError, "^x must be a numeric array"),
        (np.zeros((2, 2)), ["0", "1"], TypeError, "^t must be a numeric array"),
        (np.zeros((2, 2)), [[0], [1, 2]], TypeError, "^t must be a numeric array"),
        (None, [0], TypeError, "^x must be a numeric array"),
    ],
)
def test_sample_batch_bad_data(x, t, error, match):
    with pytest.raises(error, match=match):
        sample_batch(x, t, batch_size=1)


def test_sizes_too_large_for_memory_name_the_argument():
    losses = np.ones(10)
    with pytest.raises(ValueError, match="^batch_size is too large: 4611686018427387904 rows"):
        sample_batch(X10, T10, batch_size=2**62)
    with pytest.raises(ValueError, match="^batch_size is too large"):
        sample_batch(X10, T10, batch_size=10**30)
    with pytest.raises(ValueError, match="^n_draws is too large"):
        minibatch_means(losses, 2, 10**30)
    with pytest.raises(ValueError, match="^batch_size is too large for method='exact'"):
        minibatch_means(losses, 10**30, 2, method="exact")
    with pytest.raises(ValueError, match="^batch_sizes holds 4611686018427387904, too large"):
        measure_spread(losses, [1, 2**62], n_draws=2, min_draws=1)
    # with method="auto" a huge batch simply takes the approximate path (one value: all ones)
    assert (minibatch_means(losses, 10**30, 3, rng=0) == 1.0).all()
    assert sampling_method(10**30, 10**30, 10**40) == "approx"


def test_sample_batch_with_replacement_may_exceed_n():
    assert sample_batch(X10, T10, batch_size=11, replace=True)[0].shape == (11, 2)


# ------------------------------------------------------- minibatch_means: exact


def test_exact_without_replacement_draws_distinct_samples():
    # losses 2**i: a sum of B powers of two has B set bits iff no index repeats
    n = 40
    losses = 2.0 ** np.arange(n)
    for b in (1, 5, 20, 21, 35, 39):
        means = minibatch_means(losses, b, 500, rng=b, replace=False, method="exact")
        sums = np.rint(means * b).astype(np.int64)
        bits = np.array([bin(int(s)).count("1") for s in sums])
        assert (bits == b).all(), b
    # and with replacement, repeats do happen
    means = minibatch_means(losses, 20, 500, rng=0, replace=True, method="exact")
    sums = np.rint(means * 20).astype(np.int64)
    assert min(bin(int(s)).count("1") for s in sums) < 20


@pytest.mark.parametrize("b", [2, 4])  # 4 of 6 uses the complement trick
def test_exact_without_replacement_is_uniform_over_subsets(b):
    n, draws = 6, 30_000
    means = minibatch_means(2.0 ** np.arange(n), b, draws, rng=1, replace=False, method="exact")
    sums = np.rint(means * b)
    subsets = [sum(2**i for i in c) for c in itertools.combinations(range(n), b)]
    counts = np.array([(sums == s).sum() for s in subsets])
    assert counts.sum() == draws  # nothing outside the 15 subsets
    expected = draws / len(subsets)
    chi2 = ((counts - expected) ** 2 / expected).sum()
    assert chi2 < 45  # 14 degrees of freedom: P(chi2 > 45) ~ 4e-5


def test_distinct_rows_directly():
    rng = np.random.default_rng(0)
    idx = sampling._distinct_rows(1000, 500, 50, rng)
    assert idx.shape == (50, 500)
    assert all(np.unique(row).size == 500 for row in idx)
    assert idx.min() >= 0 and idx.max() < 1000


def test_batch_size_one_with_replacement_returns_single_losses():
    losses = heavy_losses(100)
    m = minibatch_means(losses, 1, 1000, rng=0)
    assert np.isin(m, losses).all()


@pytest.mark.parametrize("method", ["auto", "exact", "approx"])
def test_full_batch_without_replacement_is_exactly_the_mean(method):
    losses = heavy_losses(500)
    m = minibatch_means(losses, 500, 50, rng=0, replace=False, method=method)
    assert (m == losses.mean()).all()


@pytest.mark.parametrize("method", ["exact", "approx"])
@pytest.mark.parametrize("replace", [True, False])
def test_seeded_calls_repeat_and_seeds_differ(method, replace):
    losses = heavy_losses(2000)
    a = minibatch_means(losses, 100, 300, rng=11, replace=replace, method=method)
    b = minibatch_means(losses, 100, 300, rng=11, replace=replace, method=method)
    c = minibatch_means(losses, 100, 300, rng=12, replace=replace, method=method)
    assert a.shape == (300,) and a.dtype == np.float64
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    g1, g2 = np.random.default_rng(11), np.random.default_rng(11)
    np.testing.assert_array_equal(
        minibatch_means(losses, 100, 300, rng=g1, replace=replace, method=method),
        minibatch_means(losses, 100, 300, rng=g2, replace=replace, method=method),
    )


# The mean of many mini-batch means sits within 4 standard errors of the full
# mean, and their spread matches standard_error within 7% (20,000 draws of
# lognormal losses; the std estimate itself has ~1-3% noise here).
@pytest.mark.parametrize(
    "replace, method, b",
    [(True, "exact", 10), (True, "exact", 200), (True, "approx", 10), (True, "approx", 200),
     (False, "exact", 10), (False, "exact", 200), (False, "exact", 1700),
     (False, "approx", 10), (False, "approx", 200), (False, "approx", 1700)],
)
def test_moments_match_standard_error(replace, method, b):
    losses, draws = heavy_losses(2000, seed=1), 20_000
    m = minibatch_means(losses, b, draws, rng=123, replace=replace, method=method)
    se = standard_error(losses.std(), b, len(losses), replace=replace)
    assert abs(m.mean() - losses.mean()) < 4 * se / np.sqrt(draws)
    assert m.std() == pytest.approx(se, rel=0.07)


def test_moments_have_one_implementation():
    # _moments_of_mean was called only by tests; the package uses _scaled + _scaled_moments
    assert not hasattr(sampling, "_moments_of_mean")
    x = heavy_losses(50, seed=4) * 1e300  # d**3 would overflow unscaled
    mu, sd, skew = moments_of_mean(x, 5, replace=True)
    ref_mu, ref_sd, ref_skew = moments_of_mean(x / 1e300, 5, replace=True)
    assert mu == pytest.approx(ref_mu * 1e300, rel=1e-12)
    assert sd == pytest.approx(ref_sd * 1e300, rel=1e-12)
    assert skew == pytest.approx(ref_skew, rel=1e-12) and math.isfinite(skew)


def test_third_moment_formula_against_enumeration():
    x = heavy_losses(7, seed=5)
    n = x.size
    for b in range(1, n + 1):
        mean, sd, skew = moments_of_mean(x, b, replace=False)
        subsets = np.array([x[list(c)].mean() for c in itertools.combinations(range(n), b)])
        d = subsets - x.mean()
        assert mean == pytest.approx(subsets.mean(), rel=1e-12)
        assert sd == pytest.approx(subsets.std(), rel=1e-9, abs=1e-12)
        ref_skew = (d**3).mean() / (d**2).mean() ** 1.5 if b < n else 0.0
        assert skew == pytest.approx(ref_skew, rel=1e-9, abs=1e-9)
    for b in range(1, 4):  # with replacement: all n**b ordered draws
        tuples = np.array([x[list(c)].mean() for c in itertools.product(range(n), repeat=b)])
        _, sd, skew = moments_of_mean(x, b, replace=True)
        assert sd == pytest.approx(tuples.std(), rel=1e-9)
        assert skew == pytest.approx(skewness(tuples), rel=1e-9)


@pytest.mark.parametrize("replace, b", [(True, 50), (True, 400), (False, 50), (False, 1500)])
def test_approx_skewness_sign_and_size_match_exact(replace, b):
    losses, draws = heavy_losses(2000, seed=2), 40_000
    exact = minibatch_means(losses, b, draws, rng=1, replace=replace, method="exact")
    approx = minibatch_means(losses, b, draws, rng=2, replace=replace, method="approx")
    theory = moments_of_mean(losses, b, replace)[2]
    assert np.sign(skewness(approx)) == np.sign(skewness(exact)) == np.sign(theory)
    assert skewness(approx) == pytest.approx(theory, rel=0.25)
    assert skewness(exact) == pytest.approx(theory, rel=0.25)
    # the lesson's point: a typical batch reports LESS than the full mean when skew > 0
    assert (np.median(approx) < losses.mean()) == (theory > 0)
    assert approx.min() >= losses.min() and approx.max() <= losses.max()


def test_auto_switches_by_work_budget(monkeypatch):
    calls = []
    def fake(name):
        return lambda *a: calls.append(name) or np.zeros(a[2])

    monkeypatch.setattr(sampling, "_exact_means", fake("exact"))
    monkeypatch.setattr(sampling, "_approx_means", fake("approx"))
    losses = heavy_losses(60_000)
    for b in (1, 100, 1000, 1001, 60_000):
        minibatch_means(losses, b, 1000, rng=0)
    for b in (1, 100, 333, 334, 30_000, 59_667, 59_666):
        minibatch_means(losses, b, 1000, rng=0, replace=False)
    assert calls == ["exact", "exact", "exact", "approx", "approx",
                     "exact", "exact", "exact", "approx", "approx", "exact", "approx"]


def test_sampling_method_matches_the_documented_rule():
    # with replacement: exact iff n_draws * B <= EXACT_BUDGET
    assert sampling_method(1000, 1000, 60_000) == "exact"
    assert sampling_method(1001, 1000, 60_000) == "approx"
    assert sampling_method(EXACT_BUDGET, 1, 5) == "exact"  # B > N is fine with replacement
    # without: exact iff 3 * n_draws * min(B, N - B) <= EXACT_BUDGET
    for b in (1, 333, 334, 30_000, 59_666, 59_667, 60_000):
        work = 3 * 1000 * min(b, 60_000 - b)
        want = "exact" if work <= EXACT_BUDGET else "approx"
        assert sampling_method(b, 1000, 60_000, replace=False) == want, b
    assert sampling_method(np.int64(10), np.int32(10), np.int64(10), np.bool_(False)) == "exact"


def test_sampling_method_takes_its_own_budget():
    # the widget's larger budget: the same count of work, another limit
    assert sampling_method(60_000, 1000, 60_000) == "approx"  # 6e7 > EXACT_BUDGET
    assert sampling_method(60_000, 1000, 60_000, budget=60_000_000) == "exact"
    assert sampling_method(60_000, 1001, 60_000, budget=60_000_000) == "approx"
    # without replacement: 3 * 1000 * min(5000, 55000) = 1.5e7
    for b in (5000, 55_000):
        assert sampling_method(b, 1000, 60_000, replace=False, budget=15_000_000) == "exact"
        assert sampling_method(b, 1000, 60_000, replace=False, budget=14_999_999) == "approx"
    assert sampling_method(1, 1, 10, budget=0) == "approx"
    assert sampling_method(10, 5, 10, replace=False, budget=0) == "exact"  # B = N: no work
    with pytest.raises(ValueError, match="^budget must be an int >= 0, got -1"):
        sampling_method(1, 1, 10, budget=-1)
    for bad in (1e7, "100", True, None):
        with pytest.raises(TypeError, match="^budget must be an int"):
            sampling_method(1, 1, 10, budget=bad)


@pytest.mark.parametrize("args, kwargs, match", [
    ((0, 10, 100), {}, "^batch_size must be an int >= 1, got 0"),
    ((-5, 10, 100), {}, "^batch_size must be an int >= 1"),
    ((10, 0, 100), {}, "^n_draws must be an int >= 1, got 0"),
    ((10, -1, 100), {}, "^n_draws must be an int >= 1"),
    ((10, 10, 0), {}, "^n must be an int >= 1, got 0"),
    ((10, 10, -100), {}, "^n must be an int >= 1"),
    ((101, 10, 100), dict(replace=False), r"^batch_size must be at most 100 \(n, the number"),
])
def test_sampling_method_bad_values(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        sampling_method(*args, **kwargs)


@pytest.mark.parametrize("args, kwargs, match", [
    ((10.0, 10, 100), {}, "^batch_size must be an int"),
    (("10", 10, 100), {}, "^batch_size must be an int"),
    ((True, 10, 100), {}, "^batch_size must be an int"),
    ((10, 10.0, 100), {}, "^n_draws must be an int"),
    ((10, 1e3, 100), {}, "^n_draws must be an int"),
    ((10, 10, "100"), {}, "^n must be an int"),
    ((10, 10, 100.0), {}, "^n must be an int"),
    ((10, 10, 100), dict(replace="False"), "^replace must be True or False"),
    ((10, 10, 100), dict(replace=1), "^replace must be True or False"),
])
def test_sampling_method_wrong_kinds(args, kwargs, match):
    with pytest.raises(TypeError, match=match):
        sampling_method(*args, **kwargs)


# ----------------------------------------- minibatch_means: extreme values (NaN bug)
# The approximate path used to return NaN: for losses near 1e300 d*d overflowed
# (inf / inf skewness), near 1e-150 the variance underflowed (0 / 0), near 1e-300
# every d*d was 0 (no spread at all). Moments are now computed on losses scaled
# by a power of two; the exact path's sums are scaled too (1e308 + 1e308 = inf).

BASE = heavy_losses(2000, seed=8)


def extreme(name):
    return {
        "lognormal*1e-300": BASE * 1e-300,
        "lognormal*1e-160": BASE * 1e-160,
        "lognormal*1e-150": BASE * 1e-150,
        "lognormal*1e300": BASE * 1e300,
        "lognormal*-1e300": -BASE * 1e300,
        "ones and one 1e300": np.r_[np.ones(1999), 1e300],
        "zeros and one 1e300": np.r_[np.zeros(1999), 1e300],
        "ones and one 1e-300": np.r_[np.ones(1999), 1e-300],
        "all 1e308": np.full(2000, 1e308),
        "-1.7e308 and 1.7e308": np.r_[np.full(1000, -1.7e308), np.full(1000, 1.7e308)],
        "denormals": np.r_[np.zeros(1000), np.full(1000, 5e-324)],
        "max float": np.r_[np.ones(1999), np.finfo(np.float64).max],
    }[name]


EXTREME = ["lognormal*1e-300", "lognormal*1e-160", "lognormal*1e-150", "lognormal*1e300",
           "lognormal*-1e300", "ones and one 1e300", "zeros and one 1e300", "ones and one 1e-300",
           "all 1e308", "-1.7e308 and 1.7e308", "denormals", "max float"]


@pytest.mark.parametrize("name", EXTREME)
@pytest.mark.parametrize("method", ["exact", "approx"])
@pytest.mark.parametrize("replace, b", [(True, 1), (True, 50), (True, 5000),
                                        (False, 50), (False, 1500), (False, 1999)])
def test_extreme_losses_never_give_nan_or_inf(name, method, replace, b):
    losses = extreme(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and no overflow / invalid-value warnings either
        m = minibatch_means(losses, b, 300, rng=0, replace=replace, method=method)
    assert m.shape == (300,) and np.isfinite(m).all()
    assert m.min() >= losses.min() and m.max() <= losses.max()


@pytest.mark.parametrize("scale", [1e-300, 1e-160, 1e-150, 1.0, 1e150, 1e300])
@pytest.mark.parametrize("replace", [True, False])
def test_approx_spread_is_scale_invariant(scale, replace):
    # the spread of the means, relative to the scale, is the same at every scale
    b, n = 200, BASE.size
    m = minibatch_means(BASE * scale, b, 20_000, rng=5, replace=replace, method="approx") / scale
    want = BASE.std() / np.sqrt(b) * (1.0 if replace else np.sqrt((n - b) / (n - 1)))
    assert m.std() == pytest.approx(want, rel=0.05)
    assert m.mean() == pytest.approx(BASE.mean(), abs=4 * want / np.sqrt(20_000) + 1e-12)


def test_scaling_is_exact_for_ordinary_losses():
    # dividing by a power of two changes no bit: the exact path's means of 2**i sums stay exact
    x, s = sampling._scaled(BASE)
    assert s == 2.0 ** np.floor(np.log2(BASE.max())) and np.array_equal(x * s, BASE)
    assert sampling._scaled(np.zeros(3))[1] == 1.0


def test_means_never_leave_the_range_by_rounding():
    # 0.1 + 0.1 + 0.1 = 0.30000000000000004 and / 3 = 0.10000000000000002 > max: clipped
    for method in ("exact", "approx"):
        for replace in (True, False):
            m = minibatch_means(np.full(7, 0.1), 3, 50, rng=0, replace=replace, method=method)
            assert (m == 0.1).all(), (method, replace)
    assert (minibatch_means(np.full(7, 0.1), 7, 5, replace=False) == 0.1).all()


def test_full_batch_mean_of_huge_losses_is_finite():
    m = minibatch_means(np.full(5, 1e308), 5, 3, rng=0, replace=False)
    assert (m == 1e308).all()


# ---------------------------------------------------- minibatch_means: bad input


def test_minibatch_means_accepts_a_numpy_string_method():
    losses = heavy_losses(50)
    for method in ("exact", "approx", "auto"):
        np.testing.assert_array_equal(
            minibatch_means(losses, 5, 20, rng=3, method=np.str_(method)),
            minibatch_means(losses, 5, 20, rng=3, method=method),
        )


def test_minibatch_means_valid_array_like_and_no_mutation():
    assert minibatch_means([1, 2, 3], 2, 4, rng=0).shape == (4,)
    assert minibatch_means((1.0, 2.0), np.int64(1), np.uint16(3), rng=0).dtype == np.float64
    losses = heavy_losses(50)
    losses.setflags(write=False)
    before = losses.copy()
    for method in ("exact", "approx"):
        for replace in (True, False):
            minibatch_means(losses, 30, 10, rng=0, replace=replace, method=method)
    np.testing.assert_array_equal(losses, before)


@pytest.mark.parametrize(
    "args, kwargs, match",
    [
        ((np.ones(10), 0, 5), {}, "^batch_size must be an int >= 1, got 0"),
        ((np.ones(10), -2, 5), {}, "^batch_size must be an int >= 1"),
        ((np.ones(10), 11, 5), dict(replace=False), "^batch_size must be at most 10"),
        ((np.ones(10), 2, 0), {}, "^n_draws must be an int >= 1, got 0"),
        ((np.ones(10), 2, -1), {}, "^n_draws must be an int >= 1"),
        ((np.ones(10), 2, 5), dict(method="fast"), "^method must be one of"),
        ((np.ones(10), 2, 5), dict(method="EXACT"), "^method must be one of"),
        ((np.ones(10), 2, 5), dict(method=np.str_("fast")), "^method must be one of"),
        ((np.ones(10), 2, 5), dict(rng=-1), RNG_MSG),
        ((np.ones((2, 5)), 2, 5), {}, "^losses must be a non-empty 1-D"),
        ((np.float64(1.0), 1, 5), {}, "^losses must be a non-empty 1-D"),
        ((np.ones(0), 1, 5), {}, "^losses must be a non-empty 1-D"),
        (([], 1, 5), {}, "^losses must be a non-empty 1-D"),
        ((np.array([1.0, np.nan]), 1, 5), {}, "^losses contains NaN or inf"),
        ((np.array([1.0, np.inf]), 1, 5), {}, "^losses contains NaN or inf"),
        ((np.array([1.0, -np.inf]), 1, 5), {}, "^losses contains NaN or inf"),
    ],
)
def test_minibatch_means_bad_values(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        minibatch_means(*args, **kwargs)


@pytest.mark.parametrize(
    "args, kwargs, match",
    [
        ((np.ones(10), 2.0, 5), {}, "^batch_size must be an int"),
        ((np.ones(10), True, 5), {}, "^batch_size must be an int"),
        ((np.ones(10), "2", 5), {}, "^batch_size must be an int"),
        ((np.ones(10), 2, 5.0), {}, "^n_draws must be an int"),
        ((np.ones(10), 2, 5), dict(rng=1.5), RNG_MSG),
        ((np.ones(10), 2, 5), dict(replace="False"), "^replace must be True or False"),
        ((np.ones(10), 2, 5), dict(replace=0), "^replace must be True or False"),
        # the wrong kind of method is a TypeError (check_choice), no longer a ValueError
        ((np.ones(10), 2, 5), dict(method=None), r"^method must be one of 'auto', 'exact', "
                                                 r"'approx', got None \(NoneType\)$"),
        ((np.ones(10), 2, 5), dict(method=1), r"^method must be one of .*, got 1 \(int\)$"),
        ((np.ones(10), 2, 5), dict(method=True), r"^method must be one of .*\(bool\)$"),
        ((np.ones(10), 2, 5), dict(method=["exact"]), "^method must be one of"),
        ((np.array(["a"]), 1, 5), {}, "^losses must be a numeric array"),
        ((np.array([True, False]), 1, 5), {}, "^losses must be a numeric array"),
        ((np.array([1.0, 2j]), 1, 5), {}, "^losses must be a numeric array"),
        ((np.array([1.0, None]), 1, 5), {}, "^losses must be a numeric array"),
        (([[1.0, 2.0], [3.0]], 1, 5), {}, "^losses must be a numeric array"),
        ((None, 1, 5), {}, "^losses must be a numeric array"),
    ],
)
def test_minibatch_means_wrong_kinds(args, kwargs, match):
    with pytest.raises(TypeError, match=match):
        minibatch_means(*args, **kwargs)


# ------------------------------------------------------------ standard_error


def subset_spread(x, b):
    """Reference: the exact std of the mean over all b-subsets of x (no replacement)."""
    return float(np.std([x[list(c)].mean() for c in itertools.combinations(range(x.size), b)]))


def tuple_spread(x, b):
    """Reference: the exact std of the mean over all n**b ordered draws (with replacement)."""
    return float(np.std([x[list(c)].mean() for c in itertools.product(range(x.size), repeat=b)]))


def test_standard_error_values():
    assert standard_error(2.0, 4) == 1.0
    assert isinstance(standard_error(2.0, 4), float)
    assert isinstance(standard_error(np.float32(2.0), np.int64(4), np.int64(9), False), float)
    b = np.array([1, 4, 100, 60_000])
    np.testing.assert_allclose(standard_error(3.0, b), 3.0 / np.sqrt(b), rtol=1e-15)
    fpc = np.sqrt((60_000 - b) / (60_000 - 1))
    se = standard_error(3.0, b, 60_000, replace=False)
    np.testing.assert_allclose(se, 3.0 / np.sqrt(b) * fpc, rtol=1e-15)
    assert standard_error(3.0, 60_000, 60_000, replace=False) == 0.0
    assert standard_error(3.0, 1, 1, replace=False) == 0.0
    assert standard_error(0.0, 7) == 0.0
    assert standard_error(1.0, 10**18) == pytest.approx(1e-9, rel=1e-15)
    assert standard_error([1, 2], 4).tolist() == [0.5, 1.0]  # a list of sigmas


def test_standard_error_matches_enumeration():
    x = heavy_losses(6)
    for k in range(1, 7):
        got = standard_error(x.std(), k, 6, replace=False)
        assert got == pytest.approx(subset_spread(x, k), rel=1e-12, abs=1e-15)
    for k in range(1, 4):
        for n in (None, 6):  # with replacement n changes nothing
            got = standard_error(x.std(), k, n)
            assert got == pytest.approx(tuple_spread(x, k), rel=1e-12)


def test_standard_error_vectorized_over_population_sizes():
    # one call gives a line over N for each B (what plot_se_vs_population draws)
    rng = np.random.default_rng(2)
    pops = {n: rng.lognormal(size=n) for n in (3, 4, 5, 6, 7)}
    sigma = 0.8
    n = np.array(list(pops))
    for b in (1, 2, 3):
        got = standard_error(sigma, b, n=n, replace=False)
        assert got.shape == (5,)
        for i, x in enumerate(pops.values()):  # rescale each population to std sigma
            assert got[i] == pytest.approx(subset_spread(x / x.std() * sigma, b), rel=1e-10)
    # the plots' former hand-written finite-population correction, for every N >= B
    pop = np.unique(np.geomspace(100, 1e8, 50).round().astype(np.int64))
    want = standard_error(sigma, 100) * np.sqrt((pop - 100) / np.maximum(pop - 1, 1))
    np.testing.assert_allclose(standard_error(sigma, 100, n=pop, replace=False), want, rtol=1e-14)
    # broadcasting: B along rows, N along columns
    grid = standard_error(sigma, np.array([[1], [10]]), n=np.array([10, 100, 1000]), replace=False)
    assert grid.shape == (2, 3) and grid[1, 0] == 0.0
    assert grid[0, 2] == pytest.approx(sigma * np.sqrt(999 / 999))
    # with replacement n only shapes the result: the values are sigma / sqrt(B) for every N
    with_n = standard_error(sigma, 3, n=np.array([1, 2, 60_000]))
    np.testing.assert_array_equal(with_n, np.full(3, standard_error(sigma, 3)))
    assert standard_error(sigma, 5, n=2) == standard_error(sigma, 5)  # B > N is fine with repl.
    assert standard_error(np.array([0.5, 1.0]), 4, n=np.array([[4], [8]])).shape == (2, 2)


def test_standard_error_does_not_modify_inputs():
    s, b, n = np.array([1.0, 2.0]), np.array([1, 4]), np.array([4, 8])
    for v in (s, b, n):
        v.setflags(write=False)
    out = standard_error(s, b, n, replace=False)
    out[0] = 99.0  # the result is a fresh, writable array
    np.testing.assert_array_equal(s, [1.0, 2.0])
    np.testing.assert_array_equal(b, [1, 4])
    np.testing.assert_array_equal(n, [4, 8])
    assert standard_error(2.0, np.array([4]))[0] == 1.0


@pytest.mark.parametrize(
    "args, kwargs, match",
    [
        ((-1.0, 4), {}, "^sigma must be a standard deviation >= 0"),
        (([1.0, -0.1], 4), {}, "^sigma must be a standard deviation >= 0"),
        ((np.nan, 4), {}, "^sigma contains NaN or inf"),
        ((np.inf, 4), {}, "^sigma contains NaN or inf"),
        (([], 4), {}, "^sigma is empty"),  # was accepted
        ((1.0, 0), {}, "^batch_size must be an int >= 1, got 0"),
        ((1.0, [4, 0]), {}, "^batch_size must be ints >= 1, got 0"),
        ((1.0, []), {}, "^batch_size is empty"),
        ((1.0, 10**30), {}, "^batch_size must be at most 9223372036854775807"),
        ((1.0, 4, 0), {}, "^n must be an int >= 1, got 0"),  # checked with replacement too
        ((1.0, 4, [10, -1]), {}, "^n must be ints >= 1"),
        ((1.0, 4, []), dict(replace=False), "^n is empty"),
        ((1.0, 11, 10), dict(replace=False), r"^batch_size must be at most n when replace=False, "
                                             r"got batch_size 11 > n 10"),
        ((1.0, [5, 11], [10, 10]), dict(replace=False), "got batch_size 11 > n 10"),
        ((1.0, [1, 2, 3], [4, 5]), {}, r"^sigma, batch_size and n must broadcast together"),
        (([1.0, 2.0], [1, 2, 3]), {}, r"^sigma and batch_size must broadcast together"),
    ],
)
def test_standard_error_bad_values(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        standard_error(*args, **kwargs)


@pytest.mark.parametrize(
    "args, kwargs, match",
    [
        (("0.5", 4), {}, "^sigma must be a numeric array"),  # was accepted
        ((True, 4), {}, "^sigma must be a numeric array"),
        ((0.5 + 0j, 4), {}, "^sigma must be a numeric array"),
        ((None, 4), {}, "^sigma must be a numeric array"),
        (([[1.0], [1.0, 2.0]], 4), {}, "^sigma must be a numeric array"),
        ((1.0, 2.5), {}, r"^batch_size must be an int.*\(use \.astype\(int\) for a float grid\)"),
        ((1.0, 4.0), {}, "^batch_size must be an int"),
        ((1.0, np.array([1.0, 2.0])), {}, r"^batch_size must be a numeric array \(int"),
        ((1.0, True), {}, "^batch_size must be an int"),
        ((1.0, "4"), {}, "^batch_size must be"),
        ((1.0, 4, 10.0), {}, "^n must be an int"),
        ((1.0, 4, "60000"), dict(replace=False), "^n must be"),
        ((1.0, 4), dict(replace=False), "^n must be given when replace=False"),
        ((1.0, 4, None), dict(replace=False), "^n must be given when replace=False"),
        ((1.0, 4, 10), dict(replace="False"), "^replace must be True or False"),
        ((1.0, 4, 10), dict(replace=None), "^replace must be True or False"),
    ],
)
def test_standard_error_wrong_kinds(args, kwargs, match):
    with pytest.raises(TypeError, match=match):
        standard_error(*args, **kwargs)


# ------------------------------------------------------------ measure_spread


def test_measure_spread_matches_enumeration():
    x = heavy_losses(7, seed=3)
    bs = [1, 2, 3, 5, 7]
    without = measure_spread(x, bs, n_draws=20_000, rng=0, replace=False, min_draws=1)
    with_ = measure_spread(x, [1, 2, 3], n_draws=20_000, rng=1, replace=True)
    for b, got in zip(bs, without, strict=True):
        assert got == pytest.approx(subset_spread(x, b), rel=0.04, abs=1e-15), b
    assert without[-1] == 0.0  # B = N without replacement: every batch is the whole set
    for b, got in zip([1, 2, 3], with_, strict=True):
        assert got == pytest.approx(tuple_spread(x, b), rel=0.04), b


def test_measure_spread_draw_counts_and_reproducibility(monkeypatch):
    losses = heavy_losses(1000)
    a = measure_spread(losses, [1, 10, 999], rng=3, replace=False)
    np.testing.assert_array_equal(a, measure_spread(losses, (1, 10, 999), rng=3, replace=False))
    assert not np.array_equal(a, measure_spread(losses, [1, 10, 999], rng=4, replace=False))
    calls = []
    real = sampling.minibatch_means

    def spy(losses, b, draws, **kw):
        calls.append((b, draws, kw["method"], kw["replace"]))
        return real(losses, b, draws, **kw)

    monkeypatch.setattr(sampling, "minibatch_means", spy)
    measure_spread(losses, np.array([1, 100, 1000]), n_draws=500, max_work=20_000, min_draws=30)
    # draws = max(min_draws, min(n_draws, max_work // B)): 500, 200, then 20 -> 30
    assert calls == [(1, 500, "exact", True), (100, 200, "exact", True), (1000, 30, "exact", True)]


def test_measure_spread_does_not_modify_losses():
    losses = heavy_losses(300)
    losses.setflags(write=False)
    before = losses.copy()
    measure_spread(losses, [1, 150, 300], n_draws=50, rng=0, replace=False)
    np.testing.assert_array_equal(losses, before)


@pytest.mark.parametrize("args, kwargs, error, match", [
    ((np.ones((2, 5)), [1]), {}, ValueError, "^losses must be a non-empty 1-D"),  # was flattened
    (([], [1]), {}, ValueError, "^losses must be a non-empty 1-D"),
    (([1.0, np.nan], [1]), {}, ValueError, "^losses contains NaN or inf"),
    ((["a"], [1]), {}, TypeError, "^losses must be a numeric array"),
    ((np.ones(10), []), {}, ValueError, "^batch_sizes is empty"),
    ((np.ones(10), [1, 0]), {}, ValueError, "^batch_sizes must be ints >= 1, got 0"),  # was 1/0
    ((np.ones(10), 5), {}, ValueError, "^batch_sizes must be 1-D"),
    ((np.ones(10), [[1, 2]]), {}, ValueError, "^batch_sizes must be 1-D"),
    ((np.ones(10), [2.5]), {}, TypeError, "^batch_sizes must be a numeric array"),  # was int(2.5)
    ((np.ones(10), [True]), {}, TypeError, "^batch_sizes must be a numeric array"),
    ((np.ones(10), ["1"]), {}, TypeError, "^batch_sizes must be a numeric array"),
    ((np.ones(10), [11]), dict(replace=False), ValueError, "^batch_sizes must be at most 10"),
    ((np.ones(10), [1]), dict(replace="no"), TypeError, "^replace must be True or False"),
    ((np.ones(10), [1]), dict(n_draws=0), ValueError, "^n_draws must be an int >= 1"),
    ((np.ones(10), [1]), dict(n_draws=10.0), TypeError, "^n_draws must be an int"),
    ((np.ones(10), [1]), dict(max_work=0), ValueError, "^max_work must be an int >= 1"),
    ((np.ones(10), [1]), dict(min_draws=True), TypeError, "^min_draws must be an int"),
    ((np.ones(10), [1]), dict(rng="x"), TypeError, RNG_MSG),
])
def test_measure_spread_bad_input(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        measure_spread(*args, **kwargs)


def test_measure_spread_advances_one_generator_through_all_batch_sizes():
    # not a new stream per B: the draws for B = 10 depend on those made for B = 1 before it
    losses = heavy_losses(500)
    both = measure_spread(losses, [1, 10], n_draws=300, rng=3)
    g = np.random.default_rng(3)
    minibatch_means(losses, 1, 300, rng=g, method="exact")  # what B = 1 used up
    assert measure_spread(losses, [10], n_draws=300, rng=g)[0] == both[1]
    assert measure_spread(losses, [10], n_draws=300, rng=3)[0] != both[1]
    doc = " ".join(measure_spread.__doc__.split())
    assert "ONE generator (see :func:`as_generator`) advanced through the batch sizes" in doc


def test_measure_spread_uses_the_rule_of_loss_spread(monkeypatch):
    calls = []
    real = sampling._spread
    monkeypatch.setattr(sampling, "_spread", lambda m: calls.append(m.size) or real(m))
    measure_spread(heavy_losses(100), [1, 5, 100], n_draws=40, rng=0, replace=False, min_draws=1)
    assert calls == [40, 40, 40]  # one call per batch size, on its means


def test_measure_spread_of_huge_losses_is_finite():
    losses = np.r_[np.full(500, -1.7e308), np.full(500, 1.7e308)]  # d**2 overflows unscaled
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = measure_spread(losses, [1, 1000], n_draws=2000, rng=0, replace=False)
    assert got[0] == pytest.approx(1.7e308, rel=0.05) and got[1] == 0.0


# ---------------------------------------------------- mean_loss and loss_spread

# an untrained net (weight_init_std=0) gives every image the loss -log(float32(0.1) + 1e-7):
# np.mean of 60,000 of them rounds below the minimum and np.std gives 4.4e-16, not 0
LN10_FLOAT32 = -math.log(float(np.float32(0.1)) + 1e-7)


@pytest.mark.parametrize("value", [LN10_FLOAT32, math.log(10), 0.1, 1e-300, 1e308, 0.0, -2.5])
@pytest.mark.parametrize("n", [1, 7, 60_000])
def test_equal_losses_give_exactly_the_value_and_zero_spread(value, n):
    losses = np.full(n, value)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 60,000 * 1e308 must not overflow either
        m, sd = mean_loss(losses), loss_spread(losses)
    assert type(m) is float and m == value
    assert type(sd) is float and sd == 0.0 and math.copysign(1.0, sd) == 1.0
    assert mean_loss(losses.tolist()) == value  # a list is valid array_like


@pytest.mark.parametrize("seed", range(5))
def test_mean_loss_and_loss_spread_match_numpy_on_ordinary_data(seed):
    rng = np.random.default_rng(seed)
    losses = heavy_losses(int(rng.integers(2, 70_000)), seed=seed)
    assert mean_loss(losses) == pytest.approx(np.mean(losses), rel=1e-12)
    assert loss_spread(losses) == pytest.approx(np.std(losses), rel=1e-12)
    small = [0.5, 1.5, 4.0]  # by hand: mean 2, variance (2.25 + 0.25 + 4) / 3
    assert mean_loss(small) == pytest.approx(2.0, rel=1e-15)
    assert loss_spread(small) == pytest.approx(math.sqrt(6.5 / 3), rel=1e-15)
    assert loss_spread(np.float32([1, 3])) == 1.0 and mean_loss(np.int64([1, 2])) == 1.5


def test_mean_loss_stays_within_the_range_and_never_overflows():
    for losses in (np.full(7, 0.1), np.r_[np.full(3, 0.1), np.nextafter(0.1, 1)],
                   np.full(5, np.finfo(np.float64).max), np.r_[-1.7e308, 1.7e308, 1.7e308]):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            m, sd = mean_loss(losses), loss_spread(losses)
        assert losses.min() <= m <= losses.max() and math.isfinite(sd)
    assert loss_spread([-1.7e308, 1.7e308]) == pytest.approx(1.7e308, rel=1e-12)  # np.std: inf


def test_mean_loss_and_loss_spread_are_exported_and_do_not_modify_input():
    assert {"mean_loss", "loss_spread"} <= set(sampling.__all__)
    losses = heavy_losses(100)
    losses.setflags(write=False)
    before = losses.copy()
    mean_loss(losses)
    loss_spread(losses)
    np.testing.assert_array_equal(losses, before)


@pytest.mark.parametrize("func", [mean_loss, loss_spread])
@pytest.mark.parametrize("losses, error, match", [
    ([], ValueError, "^losses must be a non-empty 1-D"),
    (np.ones((2, 3)), ValueError, "^losses must be a non-empty 1-D"),
    (1.0, ValueError, "^losses must be a non-empty 1-D"),
    ([1.0, np.nan], ValueError, "^losses contains NaN or inf"),
    ([1.0, np.inf], ValueError, "^losses contains NaN or inf"),
    (["a"], TypeError, "^losses must be a numeric array"),
    ([True, False], TypeError, "^losses must be a numeric array"),
    ([1.0, 2j], TypeError, "^losses must be a numeric array"),
    (None, TypeError, "^losses must be a numeric array"),
    ([[1.0], [1.0, 2.0]], TypeError, "^losses must be a numeric array"),
])
def test_mean_loss_and_loss_spread_bad_input(func, losses, error, match):
    with pytest.raises(error, match=match):
        func(losses)


# --------------------------------------------------------------- BATCH_SIZES


def test_batch_sizes_constant():
    assert BATCH_SIZES[0] == 1 and BATCH_SIZES[-1] == 60_000
    assert list(BATCH_SIZES) == sorted(set(BATCH_SIZES))
    assert all(type(b) is int for b in BATCH_SIZES)
    assert isinstance(BATCH_SIZES, tuple)  # immutable: shared by the widget and the plots


def test_moved_names_are_not_redefined_elsewhere():
    # measure_spread and BATCH_SIZES moved here from helpers.plots.minibatch: any module that
    # still offers them must offer these very objects, not a copy that could drift
    import importlib
    import pkgutil

    import matplotlib

    matplotlib.use("Agg")
    import helpers

    for info in pkgutil.walk_packages(helpers.__path__, "helpers."):
        module = importlib.import_module(info.name)
        for name in ("measure_spread", "BATCH_SIZES", "standard_error", "minibatch_means"):
            if name == "standard_error" and info.name == "helpers.check":
                continue  # the exercise check of the same name
            if hasattr(module, name):
                assert getattr(module, name) is getattr(sampling, name), (info.name, name)


def test_module_docstring_names_what_notebook_03_calls():
    import json
    from pathlib import Path

    doc = " ".join(sampling.__doc__.split())
    start = doc.index("notebook 03 (")
    named = doc[start : doc.index(")", start)]
    (path,) = (Path(__file__).parents[1] / "notebooks").glob("03-*.ipynb")
    code = "\n".join("".join(c["source"]) for c in json.loads(path.read_text("utf-8"))["cells"]
                     if c["cell_type"] == "code")
    for name in ("sample_batch", "minibatch_means", "standard_error", "measure_spread"):
        assert f"``{name}``" in named, (name, named)
        assert f"{name}(" in code, name


# ------------------------------ QA fault sweep: counts beyond any budget, huge sigmas
@pytest.mark.parametrize("kwargs, match", [
    (dict(min_draws=10**30), r"^min_draws must be at most 10000000 "),
    (dict(min_draws=10**7 + 1), r"^min_draws must be at most 10000000 "),
    (dict(n_draws=10**30), r"^n_draws must be at most 10000000 "),
    (dict(n_draws=10**30, max_work=10**30), r"^n_draws must be at most 10000000 "),
    (dict(max_work=10**30), r"^max_work must be at most 10000000000 "),
    (dict(max_work=10**10 + 1), r"^max_work must be at most 10000000000 "),
    (dict(min_draws=10**7, batch_sizes=[1, 5, 60_000]),
     r"^min_draws must be at most 166666 for the largest batch size 60000 .*got 10000000$"),
    (dict(batch_sizes=[1, 10**10 + 1]), r"^batch_sizes holds 10000000001, too large"),
    (dict(batch_sizes=[1, 2**62], min_draws=1), r"^batch_sizes holds 4611686018427387904"),
])
def test_measure_spread_counts_beyond_the_budget_name_the_argument(kwargs, match):
    # measure_spread(LS, [1, 5], min_draws=10**30) raised a ValueError blaming batch_sizes
    kwargs = {"batch_sizes": [1, 5], **kwargs}
    with pytest.raises(ValueError, match=match):
        measure_spread(np.ones(10), **kwargs)


def test_measure_spread_budget_limits_themselves_are_valid():
    losses = heavy_losses(50)
    got = measure_spread(losses, [1, 5], n_draws=10, min_draws=10, max_work=10**10, rng=0)
    assert got.shape == (2,) and np.isfinite(got).all()
    got = measure_spread(losses, [1], n_draws=10**7, min_draws=1, max_work=20, rng=0)
    assert got.shape == (1,) and got[0] > 0  # 20 draws of B = 1 (max_work // 1)


@pytest.mark.parametrize("sigma, batch_size, want", [
    (10**30, 10, 1e30 / math.sqrt(10)),  # a Python int NumPy stores as dtype object
    (10**30, 1, 1e30),
    ([10**30, 2], 4, [5e29, 1.0]),
    ((10**30,), [1, 100], [1e30, 1e29]),
])
def test_standard_error_of_python_ints_beyond_int64(sigma, batch_size, want):
    # standard_error(10**30, 10) raised TypeError "sigma must be a numeric array ... object"
    got = standard_error(sigma, batch_size)
    np.testing.assert_allclose(got, want, rtol=1e-15)
    assert type(got) is float if np.ndim(want) == 0 else got.dtype == np.float64


@pytest.mark.parametrize("sigma, error, match", [
    (10**400, ValueError, "^sigma must be finite, got an int of about 40[01] digits"),
    ([1, 10**400], ValueError, "^sigma must be finite"),
    (-(10**30), ValueError, "^sigma must be a standard deviation >= 0"),
    ([10**30, "1"], TypeError, "^sigma must be a numeric array"),
])
def test_standard_error_of_huge_python_ints_bad_input(sigma, error, match):
    with pytest.raises(error, match=match):
        standard_error(sigma, 10)


# ----------------------------- issue 11: one default, with replacement (the book's way)
def test_every_sampling_default_is_with_replacement():
    import inspect

    for fn in (sampling.sample_batch, sampling.minibatch_loss, sampling.minibatch_means,
               sampling.measure_spread, sampling.standard_error, sampling.sampling_method):
        assert inspect.signature(fn).parameters["replace"].default is True, fn.__name__


def test_minibatch_loss_is_the_books_choice_by_default():
    losses = heavy_losses(500, seed=3)
    for seed in (0, 7):
        idx = np.random.default_rng(seed).choice(500, 100)  # the book's choice(N, B): repeats
        by_hand = sum(losses[i] for i in idx.tolist()) / 100
        assert sampling.minibatch_loss(losses, 100, rng=seed) == pytest.approx(by_hand, rel=1e-12)
        assert sampling.minibatch_loss(losses, 100, rng=seed) == \
            sampling.minibatch_loss(losses, 100, rng=seed, replace=True)
        # the same images as sample_batch with the same seed (its default is also with)
        _, t_batch = sample_batch(losses[:, None], losses, batch_size=100, rng=seed)
        assert sampling.minibatch_loss(losses, 100, rng=seed) == pytest.approx(t_batch.mean())
    # 100 draws with replacement from 500 repeat an image for most seeds; without never
    repeats = [len(set(np.random.default_rng(s).choice(500, 100).tolist())) < 100
               for s in range(20)]
    assert sum(repeats) > 10
    wo = sampling.minibatch_loss(losses, 500, rng=1, replace=False)
    assert wo == pytest.approx(sum(losses.tolist()) / 500)  # all 500 distinct: the full mean


def test_minibatch_loss_bad_input_and_no_mutation():
    losses = heavy_losses(50)
    before = losses.copy()
    sampling.minibatch_loss(losses, 10, rng=0)
    assert np.array_equal(losses, before)
    with pytest.raises(ValueError, match="^batch_size"):
        sampling.minibatch_loss(losses, 51, rng=0, replace=False)
    with pytest.raises(ValueError, match="^batch_size"):
        sampling.minibatch_loss(losses, 0, rng=0)
    with pytest.raises(TypeError, match="^batch_size"):
        sampling.minibatch_loss(losses, 10.0, rng=0)
    with pytest.raises(TypeError, match="^replace"):
        sampling.minibatch_loss(losses, 10, rng=0, replace="False")
    with pytest.raises(ValueError, match="^losses"):
        sampling.minibatch_loss([], 10, rng=0)
    with pytest.raises(TypeError, match="^rng"):
        sampling.minibatch_loss(losses, 10, rng=1.5)
