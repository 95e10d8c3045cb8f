"""The self-checking exercises: right answers pass, typical wrong ones get the intended hint.

Each check is run on a correct solution (must say Correct), on the notebook
starter (must say "not finished", never raise), on a crashing function, and on
at least two typical wrong solutions (must name the mistake).
"""

import numpy as np
import pytest

from helpers import check


def starter(*args):
    ...  # the notebooks' starter cells look like this


def crashes(*args):
    raise IndexError("index 10 is out of bounds")


ALL = [check.cee_single, check.cee_batch_labels, check.sample_without_replacement,
       check.standard_error, check.sgd_step]


@pytest.mark.parametrize("chk", ALL, ids=lambda c: c.__name__)
def test_starter_and_crash_never_raise(chk):
    r = chk(starter)
    assert not r.ok and "returned nothing" in r.message and r.message.startswith("❌")
    r = chk(crashes)
    assert not r.ok and "IndexError" in r.message
    r = chk(42)
    assert not r.ok and "function" in r.message


@pytest.mark.parametrize("chk", ALL, ids=lambda c: c.__name__)
def test_result_displays_its_message(chk):
    r = chk(starter)
    assert repr(r) == str(r) == r.message and bool(r) is False
    assert "Hint:" in r._repr_markdown_()


# ---------------------------------------------------------------- cee_single
def cee_right(y, t):
    return -np.sum(t * np.log(y + 1e-7))


@pytest.mark.parametrize("wrong, hint", [
    (lambda y, t: -np.sum(t * np.log(y)), "forgot delta"),
    (lambda y, t: np.sum(t * np.log(y + 1e-7)), "wrong sign"),
    (lambda y, t: -np.sum(t * np.log10(y + 1e-7)), "base-10"),
    (lambda y, t: -np.sum(np.log(y + 1e-7)), "EVERY class"),
    (lambda y, t: -np.mean(t * np.log(y + 1e-7)), "number of classes"),
    (lambda y, t: -t * np.log(y + 1e-7), "not a single number"),
    (lambda y, t: -np.sum(t * np.log(y + 1e-3)), "delta is too big"),
    (lambda y, t: 0.5108, "expected"),
])
def test_cee_single(wrong, hint):
    assert check.cee_single(cee_right).ok
    r = check.cee_single(wrong)
    assert not r.ok and hint in r.message, r.message


def test_cee_single_accepts_the_helpers_version():
    from helpers.losses import cross_entropy_error
    assert check.cee_single(cross_entropy_error).ok


# ---------------------------------------------------------- cee_batch_labels
def batch_right(y, t):
    n = y.shape[0]
    return -np.sum(np.log(y[np.arange(n), t] + 1e-7)) / n


@pytest.mark.parametrize("wrong, hint", [
    (lambda y, t: -np.sum(np.log(y[np.arange(len(t)), t] + 1e-7)), "divide by the batch size"),
    (lambda y, t: -np.sum(np.log(y[np.arange(len(t)), t] + 1e-7)) / 10, "number of classes"),
    (lambda y, t: -np.sum(np.log(y[:, t] + 1e-7)) / len(t), "y[:, t]"),
    (lambda y, t: -np.sum(np.log(y[np.arange(len(t)), t])) / len(t), "forgot delta"),
    (lambda y, t: -np.sum(np.log(y + 1e-7)) / len(t), "every class"),
    (lambda y, t: np.sum(np.log(y[np.arange(len(t)), t] + 1e-7)) / len(t), "wrong sign"),
])
def test_cee_batch_labels(wrong, hint):
    assert check.cee_batch_labels(batch_right).ok
    r = check.cee_batch_labels(wrong)
    assert not r.ok and hint in r.message, r.message


def test_cee_batch_labels_with_one_hot_indexing_crash_is_explained():
    r = check.cee_batch_labels(lambda y, t: -np.sum(t * np.log(y + 1e-7)) / y.shape[0])
    assert not r.ok  # t is labels here: broadcasting (N,) against (N, 10) fails or gives a wrong value


def test_cee_batch_labels_accepts_the_helpers_version():
    from helpers.losses import cross_entropy_error
    assert check.cee_batch_labels(cross_entropy_error).ok


# ------------------------------------------------ sample_without_replacement
@pytest.mark.parametrize("wrong, hint", [
    (lambda n, b, rng: rng.choice(n, b), "replace=False"),
    (lambda n, b, rng: np.random.choice(n, b, replace=False), "same seed"),
    (lambda n, b, rng: np.random.default_rng(0).choice(n, b, replace=False), "different seeds"),
    (lambda n, b, rng: rng.choice(n, b + 1, replace=False), "shape"),
    (lambda n, b, rng: np.arange(b), "not random"),
    (lambda n, b, rng: rng.choice(n, b, replace=False) + 1.0, "integers"),
    (lambda n, b, rng: rng.choice(n, b, replace=False) + 1, "outside"),
])
def test_sample_without_replacement(wrong, hint):
    assert check.sample_without_replacement(lambda n, b, rng: rng.choice(n, b, replace=False)).ok
    assert check.sample_without_replacement(lambda n, b, rng: rng.permutation(n)[:b]).ok
    r = check.sample_without_replacement(wrong)
    assert not r.ok and hint in r.message, r.message


# ------------------------------------------------------------ standard_error
@pytest.mark.parametrize("wrong, hint", [
    (lambda s, b: s / b, "not by its square root"),
    (lambda s, b: s**2 / b, "VARIANCE"),
    (lambda s, b: np.sqrt(s / b), "square root of sigma / B"),
    (lambda s, b: s * np.sqrt(b), "multiplied"),
    (lambda s, b: s / np.sqrt(b - 1), "expected"),
])
def test_standard_error(wrong, hint):
    assert check.standard_error(lambda s, b: s / np.sqrt(b)).ok
    r = check.standard_error(wrong)
    assert not r.ok and hint in r.message, r.message


def test_standard_error_accepts_the_helpers_version():
    from helpers.sampling import standard_error
    assert check.standard_error(lambda s, b: standard_error(s, b)).ok


# ------------------------------------------------------------------ sgd_step
def step_in_place(params, grads, lr):
    for key in params:
        params[key] -= lr * grads[key]


def step_new_dict(params, grads, lr):
    return {k: params[k] - lr * grads[k] for k in params}


def ascent(params, grads, lr):
    for key in params:
        params[key] += lr * grads[key]
    return params


def no_lr(params, grads, lr):
    for key in params:
        params[key] -= grads[key]
    return params


def only_weights(params, grads, lr):
    for key in ("W1", "W2"):
        params[key] -= lr * grads[key]
    return params


def drops_keys(params, grads, lr):
    return {k: params[k] - lr * grads[k] for k in ("W1", "W2")}


@pytest.mark.parametrize("wrong, hint", [
    (ascent, "gradient ascent"),
    (no_lr, "forgot the learning rate"),
    (only_weights, "did not change"),
    (drops_keys, "has no"),
    (lambda p, g, lr: {k: -lr * g[k] for k in p}, "replaced the parameter"),
])
def test_sgd_step(wrong, hint):
    assert check.sgd_step(step_in_place).ok
    assert check.sgd_step(step_new_dict).ok
    r = check.sgd_step(wrong)
    assert not r.ok and hint in r.message, r.message


# ------------------------------------------------ odd return values never raise
RAGGED = [[1.0, 2.0], [3.0]]  # numpy refuses to make an array of it


@pytest.mark.parametrize("chk, fn", [
    (check.cee_single, lambda y, t: RAGGED),
    (check.cee_batch_labels, lambda y, t: RAGGED),
    (check.standard_error, lambda s, b: RAGGED),
    (check.sample_without_replacement, lambda n, b, rng: RAGGED),
    (check.sgd_step, lambda p, g, lr: {k: RAGGED for k in p}),
    (check.sgd_step, lambda p, g, lr: {k: "lr * grad" for k in p}),
], ids=["cee_single", "cee_batch_labels", "standard_error", "sample_without_replacement", "sgd_ragged", "sgd_str"])
def test_odd_return_values_get_a_message_not_an_exception(chk, fn):
    r = chk(fn)  # "a check never raises" (module docstring)
    assert not r.ok and r.message.startswith("❌ Not yet")


def test_sample_without_replacement_checks_the_seeded_calls_too():
    def only_small_n(n, b, rng):  # right for the first cases, ragged for n = 1000
        return RAGGED if n == 1000 else rng.choice(n, b, replace=False)

    r = check.sample_without_replacement(only_small_n)
    assert not r.ok and "50 indices" in r.message


def test_crash_message_names_the_students_line_not_numpys():
    def my_cee(y, t):
        return -np.average(np.log(y + 1e-7), weights=t[:3])  # raises inside numpy's Python code

    r = check.cee_single(my_cee)
    assert not r.ok and "TypeError" in r.message
    assert "np.average(np.log(y + 1e-7), weights=t[:3])" in r.message, r.message
