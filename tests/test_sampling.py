"""Tests for helpers.sampling: exactness, reproducibility, moments, the approximation, validation."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from helpers import sampling
from helpers.sampling import as_generator, minibatch_means, sample_batch, standard_error


def heavy_losses(n, seed=0):
    """Right-skewed, heavy-tailed per-sample losses (like MNIST CEE)."""
    return np.random.default_rng(seed).lognormal(mean=-1.5, sigma=1.2, size=n)


def skewness(v):
    d = v - v.mean()
    return float((d**3).mean() / (d**2).mean() ** 1.5)


# -------------------------------------------------------------- as_generator


def test_as_generator():
    g = np.random.default_rng(3)
    assert as_generator(g) is g
    assert isinstance(as_generator(None), np.random.Generator)
    assert as_generator(5).integers(0, 10**9) == np.random.default_rng(5).integers(0, 10**9)
    assert as_generator(np.int64(5)).integers(0, 10**9) == np.random.default_rng(5).integers(0, 10**9)


@pytest.mark.parametrize("bad", [True, -1, 1.5, "0", np.random.RandomState(0)])
def test_as_generator_rejects(bad):
    with pytest.raises(ValueError, match="rng must be None, a non-negative int seed or a numpy.random.Generator"):
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


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(batch_size=0), "batch_size must be a positive int"),
        (dict(batch_size=-3), "batch_size must be a positive int"),
        (dict(batch_size=2.0), "batch_size must be a positive int"),
        (dict(batch_size=True), "batch_size must be a positive int"),
        (dict(batch_size=11, replace=False), "batch_size must be at most 10"),
        (dict(rng="seed"), "rng must be"),
    ],
)
def test_sample_batch_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        sample_batch(np.zeros((10, 2)), np.arange(10), **kwargs)


def test_sample_batch_bad_data():
    with pytest.raises(ValueError, match="same length"):
        sample_batch(np.zeros((10, 2)), np.arange(9))
    with pytest.raises(ValueError, match="empty"):
        sample_batch(np.zeros((0, 2)), np.zeros(0))
    assert sample_batch(np.zeros((10, 2)), np.arange(10), batch_size=11, replace=True)[0].shape == (11, 2)


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
    sums = np.rint(minibatch_means(losses, 20, 500, rng=0, replace=True, method="exact") * 20).astype(np.int64)
    assert min(bin(int(s)).count("1") for s in sums) < 20


@pytest.mark.parametrize("b", [2, 4])  # 4 of 6 uses the complement trick
def test_exact_without_replacement_is_uniform_over_subsets(b):
    n, draws = 6, 30_000
    sums = np.rint(minibatch_means(2.0 ** np.arange(n), b, draws, rng=1, replace=False, method="exact") * b)
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


def test_third_moment_formula_against_enumeration():
    x = heavy_losses(7, seed=5)
    n = x.size
    for b in range(1, n + 1):
        mean, sd, skew = sampling._moments_of_mean(x, b, replace=False)
        subsets = np.array([x[list(c)].mean() for c in itertools.combinations(range(n), b)])
        d = subsets - x.mean()
        assert mean == pytest.approx(subsets.mean(), rel=1e-12)
        assert sd == pytest.approx(subsets.std(), rel=1e-9, abs=1e-12)
        ref_skew = (d**3).mean() / (d**2).mean() ** 1.5 if b < n else 0.0
        assert skew == pytest.approx(ref_skew, rel=1e-9, abs=1e-9)
    for b in range(1, 4):  # with replacement: all n**b ordered draws
        tuples = np.array([x[list(c)].mean() for c in itertools.product(range(n), repeat=b)])
        _, sd, skew = sampling._moments_of_mean(x, b, replace=True)
        assert sd == pytest.approx(tuples.std(), rel=1e-9)
        assert skew == pytest.approx(skewness(tuples), rel=1e-9)


@pytest.mark.parametrize("replace, b", [(True, 50), (True, 400), (False, 50), (False, 1500)])
def test_approx_skewness_sign_and_size_match_exact(replace, b):
    losses, draws = heavy_losses(2000, seed=2), 40_000
    exact = minibatch_means(losses, b, draws, rng=1, replace=replace, method="exact")
    approx = minibatch_means(losses, b, draws, rng=2, replace=replace, method="approx")
    theory = sampling._moments_of_mean(losses, b, replace)[2]
    assert np.sign(skewness(approx)) == np.sign(skewness(exact)) == np.sign(theory)
    assert skewness(approx) == pytest.approx(theory, rel=0.25)
    assert skewness(exact) == pytest.approx(theory, rel=0.25)
    # the lesson's point: a typical batch reports LESS than the full mean when skew > 0
    assert (np.median(approx) < losses.mean()) == (theory > 0)
    assert approx.min() >= losses.min() and approx.max() <= losses.max()


def test_auto_switches_by_work_budget(monkeypatch):
    calls = []
    monkeypatch.setattr(sampling, "_exact_means", lambda *a: calls.append("exact") or np.zeros(a[2]))
    monkeypatch.setattr(sampling, "_approx_means", lambda *a: calls.append("approx") or np.zeros(a[2]))
    losses = heavy_losses(60_000)
    for b in (1, 100, 1000, 1001, 60_000):
        minibatch_means(losses, b, 1000, rng=0)
    for b in (1, 100, 333, 334, 30_000, 59_667, 59_666):
        minibatch_means(losses, b, 1000, rng=0, replace=False)
    assert calls == ["exact", "exact", "exact", "approx", "approx",
                     "exact", "exact", "exact", "approx", "approx", "exact", "approx"]


@pytest.mark.parametrize(
    "args, kwargs, match",
    [
        ((np.ones(10), 0, 5), {}, "batch_size must be a positive int"),
        ((np.ones(10), 2.0, 5), {}, "batch_size must be a positive int"),
        ((np.ones(10), True, 5), {}, "batch_size must be a positive int"),
        ((np.ones(10), 11, 5), dict(replace=False), "batch_size must be at most 10"),
        ((np.ones(10), 2, 0), {}, "n_draws must be a positive int"),
        ((np.ones(10), 2, 5), dict(method="fast"), "method must be"),
        ((np.ones(10), 2, 5), dict(rng=1.5), "rng must be"),
        ((np.ones((2, 5)), 2, 5), {}, "non-empty 1-D"),
        ((np.ones(0), 1, 5), {}, "non-empty 1-D"),
        ((np.array([1.0, np.nan]), 1, 5), {}, "NaN or inf"),
        ((np.array([1.0, np.inf]), 1, 5), {}, "NaN or inf"),
        ((np.array(["a"]), 1, 5), {}, "real numeric"),
    ],
)
def test_minibatch_means_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        minibatch_means(*args, **kwargs)


# ------------------------------------------------------------ standard_error


def test_standard_error_values():
    assert standard_error(2.0, 4) == 1.0
    assert isinstance(standard_error(2.0, 4), float)
    b = np.array([1, 4, 100, 60_000])
    np.testing.assert_allclose(standard_error(3.0, b), 3.0 / np.sqrt(b))
    fpc = np.sqrt((60_000 - b) / (60_000 - 1))
    np.testing.assert_allclose(standard_error(3.0, b, 60_000, replace=False), 3.0 / np.sqrt(b) * fpc)
    assert standard_error(3.0, 60_000, 60_000, replace=False) == 0.0
    assert standard_error(3.0, 1, 1, replace=False) == 0.0
    assert standard_error(0.0, 7) == 0.0
    # matches the exact spread over all subsets of a small population
    x = heavy_losses(6)
    for k in range(1, 7):
        means = [x[list(c)].mean() for c in itertools.combinations(range(6), k)]
        assert standard_error(x.std(), k, 6, replace=False) == pytest.approx(np.std(means), rel=1e-12, abs=1e-15)


@pytest.mark.parametrize(
    "args, kwargs, match",
    [
        ((-1.0, 4), {}, "sigma must be a finite standard deviation >= 0"),
        ((np.nan, 4), {}, "sigma must be a finite standard deviation >= 0"),
        ((True, 4), {}, "sigma must be a finite standard deviation >= 0"),
        ((1.0, 0), {}, "batch_size must be positive integers"),
        ((1.0, 2.5), {}, "batch_size must be positive integers"),
        ((1.0, np.array([1.0, 2.0])), {}, "batch_size must be positive integers"),
        ((1.0, 4), dict(replace=False), "n \\(the data size"),
        ((1.0, 11, 10), dict(replace=False), "batch_size must be at most n=10"),
    ],
)
def test_standard_error_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        standard_error(*args, **kwargs)
