"""The self-checking exercises: right answers pass, typical wrong ones get the intended hint.

Each check is run on a correct solution (must say Correct), on the notebook
starter (must say "not finished", never raise), on a crashing function, and on
at least two typical wrong solutions (must name the mistake). At the end, the
Korean edition: every check speaks Korean under ``use_language("ko")``.
"""

import builtins
import math
import sys
import time
from fractions import Fraction

import numpy as np
import pytest

from helpers import check
from helpers.check import CheckResult
from tests.support import book_cee_labels, english_words, hangul, korean


def starter(*args):
    ...  # the notebooks' starter cells look like this


def crashes(*args):
    raise IndexError("index 10 is out of bounds")


ALL = [check.cee_single, check.cee_batch_labels, check.cee_labels_both,
       check.sample_without_replacement,
       check.standard_error, check.batch_size_for, check.standard_error_from_sample,
       check.sgd_step, check.unseen_share, check.epochs_of_run, check.lr_same_ground]


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


# ---------------------------------------------------------- prob_from_loss
def prob_right(E):
    return math.exp(-E)  # the inverse of E = -ln(y), written independently of the check


@pytest.mark.parametrize("right", [prob_right, lambda E: np.exp(-E) - 1e-7,
                                   lambda E: float(np.exp(-np.float32(E)))],
                         ids=["exp", "exp minus delta", "float32"])
def test_prob_from_loss_accepts_right_answers(right):
    assert check.prob_from_loss(right).ok
    # the book's numbers, by hand: -ln(0.6) = 0.5108 and -ln(0.1) = 2.3026
    assert math.isclose(prob_right(0.5108256237659907), 0.6)


@pytest.mark.parametrize("wrong, hint", [
    (lambda E: math.exp(E), "exp(+E)"),
    (lambda E: 10 ** -E, "base 10"),
    (lambda E: -math.log(E) if E else math.inf, "-log(E) again"),
    (lambda E: 1 / E if E else math.inf, "1 / E"),
    (lambda E: 1 - math.exp(-E), "WRONG classes"),
    (lambda E: 0.6, "expected 0.1000"),
    (lambda E: np.full(1, math.exp(-E)), "not a single number"),
    (lambda E: math.exp(-E) - 1e-3, "expected"),
])
def test_prob_from_loss_names_the_mistake(wrong, hint):
    r = check.prob_from_loss(wrong)
    assert not r.ok and hint in r.message, r.message


def test_prob_from_loss_starter_crash_and_signature_never_raise():
    assert "returned nothing" in check.prob_from_loss(starter).message
    assert "IndexError" in check.prob_from_loss(crashes).message
    r = check.prob_from_loss(lambda y, t: 0.5)
    assert not r.ok and "def <lambda>(E)" in r.message
    assert not check.prob_from_loss(42).ok


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
    assert not r.ok  # t is labels here: broadcasting (N,) against (N, 10) fails or is wrong


def test_cee_batch_labels_accepts_the_helpers_version():
    from helpers.losses import cross_entropy_error
    assert check.cee_batch_labels(cross_entropy_error).ok


# ---------------------------------------------------------- cee_labels_both


def both_right(y, t):
    y2, t1 = np.atleast_2d(y), np.atleast_1d(t)
    return float(-np.mean(np.log(y2[np.arange(len(y2)), t1] + 1e-7)))


def test_cee_labels_both_explains_the_books_int_reshape_crash():
    r = check.cee_labels_both(book_cee_labels)
    assert not r.ok and "Python int label 2" in r.message and "type(t)" in r.message, \
        r.message
    assert "np.asarray" not in r.message and "np.reshape" not in r.message, \
        f"the first hint is a nudge, not the fix: {r.message}"
    assert r.message.count("Not yet") == 1, r.message


@pytest.mark.parametrize("wrong, hint", [
    (lambda y, t: -both_right(y, t), "wrong sign"),
    (lambda y, t: both_right(y, t) * np.atleast_2d(y).shape[0] / 10, "number of classes"),
    (lambda y, t: float(-np.sum(np.log(y + 1e-7))) if y.ndim == 1 else both_right(y, t),
     "log of every class"),
    (lambda y, t: both_right(y, t) if y.ndim == 2 else 0.5, "Python int label 2"),
])
def test_cee_labels_both_names_the_mistake(wrong, hint):
    assert check.cee_labels_both(both_right).ok
    r = check.cee_labels_both(wrong)
    assert not r.ok and hint in r.message, r.message


def test_cee_labels_both_accepts_the_helpers_version_and_rejects_a_batch_only_function():
    from helpers.losses import cross_entropy_error
    assert check.cee_labels_both(cross_entropy_error).ok
    assert not check.cee_labels_both(batch_right).ok  # len(t) of an int: TypeError


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
], ids=["cee_single", "cee_batch_labels", "standard_error", "sample_without_replacement",
        "sgd_ragged", "sgd_str"])
def test_odd_return_values_get_a_message_not_an_exception(chk, fn):
    r = chk(fn)  # "a check never raises" (module docstring)
    assert not r.ok and r.message.startswith("❌ Not yet")


def test_sample_without_replacement_checks_the_seeded_calls_too():
    def only_small_n(n, b, rng):  # right for the first cases, ragged for n = 1000
        return RAGGED if n == 1000 else rng.choice(n, b, replace=False)

    r = check.sample_without_replacement(only_small_n)
    assert not r.ok and "not an array of indices" in r.message, r.message

    def repeats_for_n_1000(n, b, rng):  # right for the first cases, a repeat for n = 1000
        idx = rng.choice(n, b, replace=False)
        if n == 1000:
            idx[-1] = idx[0]
        return idx

    r = check.sample_without_replacement(repeats_for_n_1000)
    assert not r.ok and "repeated indices" in r.message, r.message


def test_crash_message_names_the_students_line_not_numpys():
    def my_cee(y, t):
        return -np.average(np.log(y + 1e-7), weights=t[:3])  # raises inside numpy's Python code

    r = check.cee_single(my_cee)
    assert not r.ok and "TypeError" in r.message
    assert "np.average(np.log(y + 1e-7), weights=t[:3])" in r.message, r.message


# ======================================================= a check never raises
# ... and never passes a wrong answer, whatever the student's function does.


def assert_not_yet(r, *words):
    assert isinstance(r, CheckResult), type(r)
    assert not r.ok and r.message.startswith("❌ Not yet: "), r.message
    assert "\nHint: " in r.message, r.message  # every "not yet" comes with a hint
    for w in words:
        assert w in r.message, (w, r.message)


class FloatRaises:
    def __float__(self):
        raise RuntimeError("no float for you")


class FloatSubclassRaises(float):
    def __float__(self):
        raise RuntimeError("no float for you")


class UnprintableError(Exception):
    def __str__(self):
        raise RuntimeError("cannot print me")


def right_cee(y, t):
    return float(-np.sum(t * np.log(y + 1e-7)))


def right_batch(y, t):
    return float(-np.mean(np.log(y[np.arange(len(t)), t] + 1e-7)))


def right_se(s, b):
    return s / math.sqrt(b)


def right_batch_size_for(sigma, target):
    return math.ceil((sigma / target) ** 2 - 1e-9)


def right_se_from_sample(batch_losses):
    return float(np.std(batch_losses) / math.sqrt(len(batch_losses)))


NUMBER_CHECKS = [(check.cee_single, right_cee), (check.cee_batch_labels, right_batch),
                 (check.cee_labels_both, both_right), (check.standard_error, right_se),
                 (check.batch_size_for, right_batch_size_for),
                 (check.standard_error_from_sample, right_se_from_sample)]
NUMBER_IDS = ["cee_single", "cee_batch_labels", "cee_labels_both", "standard_error",
              "batch_size_for", "standard_error_from_sample"]


# ------------------------------------------------ batch_size_for (notebook 03, Exercise 1)
@pytest.mark.parametrize("wrong, hint", [
    (lambda s, x: s / x, "not its square"),
    (lambda s, x: math.ceil(s / x), "rounded up, not its square"),
    (lambda s, x: (x / s) ** 2, "upside down"),
    (lambda s, x: math.floor((s / x) ** 2), "rounded down"),
    (lambda s, x: (s / x) ** 2, "without rounding"),
    (lambda s, x: math.ceil((s / x) ** 2) + 1, "one larger"),
    (lambda s, x: int((s / x) ** 2) + 1, "one larger"),  # wrong for the exact square 900
    (lambda s, x: 100, "expected"),
])
def test_batch_size_for(wrong, hint):
    assert check.batch_size_for(lambda s, x: math.ceil((s / x) ** 2)).ok
    assert check.batch_size_for(lambda s, x: int(np.ceil(s**2 / x**2))).ok
    r = check.batch_size_for(wrong)
    assert not r.ok and hint in r.message, r.message


def test_batch_size_for_values_by_hand():
    # 30 / 1 = 30 -> 900 exactly (the poll example); 0.7358 / 0.03 -> 601.55... -> 602
    assert right_batch_size_for(30.0, 1.0) == 900 and right_batch_size_for(0.7358, 0.03) == 602


# ---------------------------------- standard_error_from_sample (notebook 03, Exercise 2)
@pytest.mark.parametrize("wrong, hint", [
    (lambda x: np.std(x), "ONE image"),
    (lambda x: np.std(x, ddof=1), "ONE image"),
    (lambda x: np.std(x) / len(x), "not by its square root"),
    (lambda x: np.var(x) / len(x), "VARIANCE"),
    (lambda x: np.mean(x) / np.sqrt(len(x)), "MEAN"),
    (lambda x: np.mean(x), "estimate itself"),
    (lambda x: 0.7358 / 10, "expected"),  # the population's sigma: not known from a sample
])
def test_standard_error_from_sample(wrong, hint):
    assert check.standard_error_from_sample(lambda x: np.std(x) / np.sqrt(len(x))).ok
    assert check.standard_error_from_sample(lambda x: np.std(x, ddof=1) / np.sqrt(x.size)).ok
    r = check.standard_error_from_sample(wrong)
    assert not r.ok and hint in r.message, r.message


def test_standard_error_from_sample_does_not_let_inputs_be_corrupted():
    def scribbler(x):
        v = float(np.std(x) / np.sqrt(len(x)))
        x[:] = 0
        return v
    assert check.standard_error_from_sample(scribbler).ok

# what the student's function returns, given the right answer v; and words the message must hold
ODD_NUMBERS = {
    "complex": (lambda v: complex(v, 0.0), "complex"),  # the right real part: still wrong
    "complex, imaginary part": (lambda v: complex(v, 1.0), "complex"),
    "np.complex128": (lambda v: np.complex128(v), "complex"),
    "0-d complex array": (lambda v: np.array(v, dtype=complex), "complex"),
    "string": (lambda v: f"{v:.4f}", "string"),
    "bytes": (lambda v: b"0.5", "string"),
    "list of one": (lambda v: [v], "list"),
    "tuple of one": (lambda v: (v,), "tuple"),
    "list of ten": (lambda v: [v] * 10, "list"),
    "array of shape (1,)": (lambda v: np.array([v]), "shape (1,)"),
    "array of shape (2, 5)": (lambda v: np.full((2, 5), v), "shape (2, 5)"),
    "0-d array, wrong value": (lambda v: np.array(v + 1.0), "expected"),
    "0-d object array": (lambda v: np.array(v, dtype=object), "dtype object"),
    "0-d string array": (lambda v: np.array("0.5"), "dtype <U3"),
    "nan": (lambda v: float("nan"), "nan"),
    "inf": (lambda v: np.inf, "inf"),
    "-inf": (lambda v: -np.inf, "inf"),
    "huge int": (lambda v: 10**400, "too large"),
    "huge float": (lambda v: 1e300, "1e+300"),
    "generator": (lambda v: (x for x in [v]), "generator"),
    "map": (lambda v: map(float, [v]), "map"),
    "float() raises": (lambda v: FloatRaises(), "FloatRaises"),
    "float subclass, float() raises": (lambda v: FloatSubclassRaises(v), "refuses"),
    "bool": (lambda v: True, "bool"),
    "np.bool_": (lambda v: np.bool_(False), "bool"),
    "dict": (lambda v: {"loss": v}, "dict"),
    "set": (lambda v: {v}, "set"),
    "None": (lambda v: None, "returned nothing"),
    "Ellipsis": (lambda v: ..., "returned nothing"),
}


@pytest.mark.parametrize("odd", list(ODD_NUMBERS))
@pytest.mark.parametrize("chk, right", NUMBER_CHECKS, ids=NUMBER_IDS)
def test_odd_numbers_get_a_hint_never_an_exception_or_a_pass(chk, right, odd):
    make, word = ODD_NUMBERS[odd]

    def student(*args):
        return make(right(*args))

    assert_not_yet(chk(student), word)


@pytest.mark.parametrize("chk, right", NUMBER_CHECKS, ids=NUMBER_IDS)
def test_numbers_of_any_real_type_with_the_right_value_pass(chk, right):
    assert chk(right).ok
    for wrap in (np.float64, np.float32, np.array, np.longdouble, lambda v: Fraction(v)):
        r = chk(lambda *a, w=wrap: w(right(*a)))
        assert r.ok, (wrap, r.message)


def test_an_integer_answer_is_compared_not_rejected():
    r = check.standard_error(lambda s, b: 0)
    assert_not_yet(r, "you returned 0.0000, expected 0.0600")


# ------------------------------------------------------------ odd functions


def takes_one(y):
    return 0.5


def takes_three(y, t, delta):
    return 0.5


def keyword_only(y, *, t):
    return 0.5


@pytest.mark.parametrize("chk, right", NUMBER_CHECKS, ids=NUMBER_IDS)
@pytest.mark.parametrize("fn", [takes_one, takes_three, keyword_only])
def test_wrong_number_of_parameters(chk, right, fn):
    if chk is check.standard_error_from_sample and fn is takes_one:
        fn = keyword_only  # one parameter is right for this check: (batch_losses)
    assert_not_yet(chk(fn), f"`{fn.__name__}` takes (", f"def {fn.__name__}(")


def test_wrong_number_of_parameters_names_the_expected_ones():
    assert_not_yet(check.sgd_step(lambda params, grads: params), "def <lambda>(params, grads, lr)")
    assert_not_yet(check.sample_without_replacement(lambda n, b: 0), "(n, batch_size, rng)")
    assert_not_yet(check.standard_error(lambda: 0), "(sigma, batch_size)")


def test_flexible_signatures_are_fine():
    assert check.cee_single(lambda y, t, delta=1e-7: -np.sum(t * np.log(y + delta))).ok
    assert check.cee_single(lambda *args: right_cee(*args)).ok

    class Callable:
        def __call__(self, y, t):
            return right_cee(y, t)

    assert check.cee_single(Callable()).ok
    import functools

    assert check.standard_error(functools.partial(right_se)).ok


@pytest.mark.parametrize("chk", ALL, ids=lambda c: c.__name__)
def test_not_a_function(chk):
    for value in (42, "my_cee", None, [right_cee]):
        assert_not_yet(chk(value), "expected a function")


@pytest.mark.parametrize("chk", ALL, ids=lambda c: c.__name__)
def test_odd_exceptions_and_exits(chk):
    def unprintable(*args):
        raise UnprintableError()

    def exits(*args):
        sys.exit(3)

    def recurses(*args):
        return recurses(*args)

    assert_not_yet(chk(unprintable), "UnprintableError", "cannot be printed")
    assert_not_yet(chk(exits), "exit()")
    assert_not_yet(chk(recurses), "RecursionError")
    assert_not_yet(chk(print), "returned nothing")  # a builtin without a signature: just called


def test_keyboard_interrupt_still_stops_the_cell():
    def interrupted(y, t):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        check.cee_single(interrupted)


def test_generator_function():
    def gen(y, t):
        yield right_cee(y, t)

    assert_not_yet(check.cee_single(gen), "generator", "sum(")


def test_printing_and_sleeping_functions_pass(capsys):
    def chatty(y, t):
        print("y =", y)
        return right_cee(y, t)

    def slow(s, b):
        time.sleep(0.01)
        return right_se(s, b)

    assert check.cee_single(chatty).ok
    assert "y = [" in capsys.readouterr().out
    assert check.standard_error(slow).ok


# ------------------------------------------------ functions that modify inputs


def test_functions_that_modify_their_inputs_do_not_corrupt_later_cases():
    def right_then_scribble(y, t):
        loss = right_cee(y, t)
        y[:] = 0.0  # clobber the inputs after computing
        t[:] = 1.0
        return loss

    def in_place_delta(y, t):
        y += 1e-7  # modifies its input, still the right loss
        return float(-np.sum(t * np.log(y)))

    def batch_scribble(y, t):
        loss = right_batch(y, t)
        y[...] = 1.0
        t[:] = 0
        return loss

    for _ in range(2):  # and a second run is graded on the same, intact hidden cases
        assert check.cee_single(right_then_scribble).ok
        assert check.cee_single(in_place_delta).ok
        assert check.cee_batch_labels(batch_scribble).ok
        assert check.cee_single(right_cee).ok
        assert check.cee_batch_labels(right_batch).ok

    def wrong_and_scribbles(y, t):
        t[:] = 0.0
        return right_cee(y, t)  # 0 after zeroing t: wrong

    assert_not_yet(check.cee_single(wrong_and_scribbles))
    assert check.cee_single(right_cee).ok


@pytest.mark.parametrize("wrong, says", [
    (lambda n, epochs: np.exp(-epochs), "the limit for many images"),
    (lambda n, epochs: (1 - 1 / n) ** n, "after ONE epoch"),
    (lambda n, epochs: 1 - (1 - 1 / n) ** (epochs * n), "drawn at least once"),
    (lambda n, epochs: (1 / n) ** (epochs * n), "chances of being drawn"),
    (lambda n, epochs: 0.5, "expected 0.3277"),
])
def test_unseen_share(wrong, says):
    # the reference, by simulation: 5 images, 5 draws each round, 200,000 rounds
    rounds = np.random.default_rng(0).integers(0, 5, size=(200_000, 5))
    simulated = np.mean([(rounds != k).all(axis=1).mean() for k in range(5)])
    assert abs(simulated - 0.8 ** 5) < 0.003
    assert check.unseen_share(lambda n, epochs: (1 - 1 / n) ** (epochs * n)).ok
    assert check.unseen_share(lambda n, epochs: np.float32((1 - 1 / n) ** (epochs * n))).ok
    r = check.unseen_share(wrong)
    assert not r.ok and says in r.message


@pytest.mark.parametrize("wrong, says", [
    (lambda n, batch_size, iters_num: iters_num / batch_size, "not by the updates per epoch"),
    (lambda n, batch_size, iters_num: n / (iters_num * batch_size), "upside down"),
    (lambda n, batch_size, iters_num: iters_num // (n // batch_size), "whole epochs only"),
    (lambda n, batch_size, iters_num: iters_num / n, "left out the batch size"),
    (lambda n, batch_size, iters_num: 16.67, "expected 3.333"),
])
def test_epochs_of_run(wrong, says):
    # the reference, counted: train_sgd's own bookkeeping of the book's run with batches of 20
    from helpers.network import steps_per_epoch

    assert 10_000 / steps_per_epoch(60_000, 20, replace=True) == pytest.approx(10 / 3)
    assert check.epochs_of_run(lambda n, batch_size, iters_num:
                               iters_num / (n / batch_size)).ok
    r = check.epochs_of_run(wrong)
    assert not r.ok and says in r.message, r.message


@pytest.mark.parametrize("wrong, says", [
    (lambda lr, batch_size, new_batch_size: lr * batch_size / new_batch_size, "upside down"),
    (lambda lr, batch_size, new_batch_size: lr * (new_batch_size / batch_size) ** 0.5,
     "square root"),
    (lambda lr, batch_size, new_batch_size: lr, "you kept the learning rate"),
    (lambda lr, batch_size, new_batch_size: 0.02, "expected 1"),
])
def test_lr_same_ground(wrong, says):
    # the reference, from the rule's own arithmetic: an epoch of n = 60,000 images makes n / B
    # steps of length lr (per unit gradient): the same distance for B = 100 at 0.1 and B = 20
    n = 60_000
    assert (n / 100) * 0.1 == pytest.approx((n / 20) * 0.02)
    assert check.lr_same_ground(lambda lr, batch_size, new_batch_size:
                                lr * new_batch_size / batch_size).ok
    assert check.lr_same_ground(lambda lr, batch_size, new_batch_size:
                                lr / batch_size * new_batch_size).ok
    r = check.lr_same_ground(wrong)
    assert not r.ok and says in r.message, r.message


def test_sgd_step_that_scribbles_on_grads_or_adds_keys():
    def then_zero_grads(params, grads, lr):
        for k in params:
            params[k] -= lr * grads[k]
            grads[k][...] = 0.0  # the check keeps its own copy of the gradients

    def adds_keys(params, grads, lr):
        for k in list(params):
            params[k] -= lr * grads[k]
        params["step"] = 1  # extra keys are ignored

    def deletes_a_key(params, grads, lr):
        for k in params:
            params[k] -= lr * grads[k]
        del params["b2"]

    def replaces_with_strings(params, grads, lr):
        for k in params:
            params[k] = "updated"

    def replaces_with_ragged(params, grads, lr):
        for k in params:
            params[k] = [[1.0], [2.0, 3.0]]

    assert check.sgd_step(then_zero_grads).ok
    assert check.sgd_step(adds_keys).ok
    assert_not_yet(check.sgd_step(deletes_a_key), "has no ['b2']")
    assert_not_yet(check.sgd_step(replaces_with_strings), "not a numpy array")
    assert_not_yet(check.sgd_step(replaces_with_ragged), "not a numpy array")


# ----------------------------------------------------- sgd_step: odd values


def step(params, grads, lr):
    return {k: params[k] - lr * grads[k] for k in params}


@pytest.mark.parametrize("make, words", [
    (lambda p, g, lr: {k: v.astype(complex) for k, v in step(p, g, lr).items()}, ["complex"]),
    (lambda p, g, lr: {k: v + 1e-3j for k, v in step(p, g, lr).items()}, ["complex"]),
    (lambda p, g, lr: {k: v.tolist() for k, v in step(p, g, lr).items()}, ["list", "numpy array"]),
    (lambda p, g, lr: {k: tuple(v.ravel()) for k, v in step(p, g, lr).items()}, ["tuple"]),
    (lambda p, g, lr: {k: np.rint(v).astype(int) for k, v in step(p, g, lr).items()},
     ["dtype int"]),
    (lambda p, g, lr: {k: v.astype(object) for k, v in step(p, g, lr).items()}, ["dtype object"]),
    (lambda p, g, lr: {k: v > 0 for k, v in step(p, g, lr).items()}, ["dtype bool"]),
    (lambda p, g, lr: {k: v.ravel() for k, v in step(p, g, lr).items()}, ["changed shape"]),
    (lambda p, g, lr: {k: np.array(1.0) for k in p}, ["changed shape"]),
    (lambda p, g, lr: {k: v * np.nan for k, v in step(p, g, lr).items()}, ["NaN"]),
    (lambda p, g, lr: {k: v + np.inf for k, v in step(p, g, lr).items()}, ["inf"]),
    (lambda p, g, lr: list(step(p, g, lr).values()), ["list", "not a dict"]),
    (lambda p, g, lr: "params", ["str", "not a dict"]),
    (lambda p, g, lr: (x for x in p), ["generator", "not a dict"]),
    (lambda p, g, lr: step(p, g, lr) if lr == 0.1 else step(p, g, 0.1), ["is not params"]),
])
def test_sgd_step_odd_values(make, words):
    assert_not_yet(check.sgd_step(make), *words)


def test_sgd_step_accepts_float32_and_extra_keys():
    assert check.sgd_step(lambda p, g, lr: {k: v.astype(np.float32)
                                            for k, v in step(p, g, lr).items()}).ok
    assert check.sgd_step(lambda p, g, lr: {**step(p, g, lr), "lr": lr}).ok


# ---------------------------------------- sample_without_replacement: odd values


def sampler(n, b, rng):
    return rng.choice(n, b, replace=False)


@pytest.mark.parametrize("make, words", [
    (lambda n, b, rng: (int(i) for i in sampler(n, b, rng)), ["generator"]),
    (lambda n, b, rng: map(int, sampler(n, b, rng)), ["map"]),
    (lambda n, b, rng: str(sampler(n, b, rng).tolist()), ["str", "not an array of indices"]),
    (lambda n, b, rng: set(sampler(n, b, rng).tolist()), ["set", "not an array of indices"]),
    (lambda n, b, rng: np.array([None] * b), ["not an array of indices"]),
    (lambda n, b, rng: [10**30] * b, ["not an array of indices"]),
    (lambda n, b, rng: sampler(n, b, rng).astype(complex), ["dtype complex128"]),
    (lambda n, b, rng: sampler(n, b, rng) * np.nan, ["dtype float64"]),
    (lambda n, b, rng: np.isin(np.arange(n), sampler(n, b, rng)), ["dtype bool"]),  # a mask
    (lambda n, b, rng: sampler(n, b, rng)[None, :], ["shape (1,"]),
    (lambda n, b, rng: np.int64(3), ["shape ()"]),
    (lambda n, b, rng: -1 - sampler(n, b, rng), ["outside"]),
    (lambda n, b, rng: [[1, 2], [3]], ["not an array of indices"]),
    (lambda n, b, rng: sampler(n, b, rng) if n < 1000 else list("abc"), ["not an array"]),
    (lambda n, b, rng: sampler(n, b, rng) if n < 1000 else [None] * 50, ["not an array"]),
])
def test_sample_without_replacement_odd_values(make, words):
    assert_not_yet(check.sample_without_replacement(make), *words)


def test_sample_without_replacement_accepts_lists_tuples_and_unsigned():
    assert check.sample_without_replacement(lambda n, b, rng: sampler(n, b, rng).tolist()).ok
    assert check.sample_without_replacement(lambda n, b, rng: tuple(sampler(n, b, rng))).ok
    assert check.sample_without_replacement(
        lambda n, b, rng: sampler(n, b, rng).astype(np.uint32)).ok


def test_messages_show_huge_and_tiny_numbers_readably():
    r = check.standard_error(lambda s, b: 1e300)
    assert "1e+300" in r.message and len(r.message) < 200
    r = check.cee_single(lambda y, t: 1e-9)
    assert "1e-09" in r.message


# ------------------------------------------------- hints say DELTA, from one place
def test_hints_show_delta_as_the_book_writes_it():
    r = check.cee_single(lambda y, t: -np.sum(t * np.log(y)))  # forgot delta
    assert "np.log(y + 1e-7)" in r.message and "1e-07" not in r.message, r.message
    r = check.cee_batch_labels(lambda y, t: -np.sum(np.log(y[np.arange(len(t)), t])) / len(t))
    assert "np.log(y[...] + 1e-7)" in r.message, r.message


@pytest.mark.parametrize("delta, text", [(1e-5, "1e-5"), (1e-10, "1e-10"), (0.01, "0.01")])
def test_hints_are_formatted_from_delta(monkeypatch, delta, text):
    # change the one number, and every hint follows (no "1e-7" typed into a message)
    monkeypatch.setattr(check, "_DELTA", delta)
    hints = [
        check.cee_single(lambda y, t: -np.sum(t * np.log(y))).message,  # forgot delta
        check.cee_single(lambda y, t: np.sum(t * np.log(y + delta))).message,  # wrong sign
        check.cee_single(lambda y, t: -np.sum(np.log(y + delta))).message,  # every class
        check.cee_single(lambda y, t: -np.sum(t * np.log(y + 1e-3))).message,  # delta too big
        check.cee_single(lambda y, t: 12345.0).message,  # unrecognised: the formula
        check.cee_batch_labels(lambda y, t: -np.sum(np.log(y[np.arange(len(t)), t]))
                               / len(t)).message,  # forgot delta
        check.cee_batch_labels(lambda y, t: 12345.0).message,
    ]
    for message in hints:
        assert not message.startswith("✅") and "Hint:" in message, message
        assert text in message and "1e-7" not in message, message


def test_no_message_of_check_types_the_number_of_delta():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(check))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
                  and node.body and isinstance(node.body[0], ast.Expr)}
    typed = [node.value for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str)
             and id(node) not in docstrings and ("1e-7" in node.value or "1e-07" in node.value)]
    assert typed == []


# --------------------------------------------- the notebooks the docstring names
NOTEBOOK_CHECKS = {"01": ["cee_single", "prob_from_loss"],
                   "02": ["cee_batch_labels", "cee_labels_both"],
                   "03": ["batch_size_for", "standard_error_from_sample"],
                   "04": ["epochs_of_run", "lr_same_ground", "unseen_share"]}


@pytest.mark.parametrize("number", sorted(NOTEBOOK_CHECKS))
def test_module_docstring_names_the_notebooks_that_use_each_check(number):
    import json
    from pathlib import Path

    doc = " ".join(check.__doc__.split())
    start = doc.index(f" {number} (")  # e.g. "02 (:func:`cee_batch_labels`, the mean loss ...)"
    named = doc[start : doc.index(")", start)]
    (path,) = (Path(__file__).parents[1] / "notebooks").glob(f"{number}-*.ipynb")
    code = "\n".join("".join(c["source"]) for c in json.loads(path.read_text("utf-8"))["cells"]
                     if c["cell_type"] == "code")
    for name in NOTEBOOK_CHECKS[number]:
        assert f":func:`{name}`" in named, (number, name, named)
        assert f"check.{name}(" in code, (path.name, name)


# ----------------------- QA fault sweep: a check never raises, whatever the student does
def sgd_right(params, grads, lr):
    for k in params:
        params[k] -= lr * grads[k]


RIGHT = {"cee_single": right_cee, "cee_batch_labels": right_batch,
         "cee_labels_both": both_right, "sample_without_replacement": sampler,
         "standard_error": right_se,
         "batch_size_for": right_batch_size_for,
         "standard_error_from_sample": right_se_from_sample,
         "sgd_step": sgd_right}
CHECKS = [(getattr(check, name), right) for name, right in RIGHT.items()]
CHECK_IDS = list(RIGHT)


_GROUP = getattr(builtins, "BaseExceptionGroup", None)  # Python >= 3.11


class CustomBaseError(BaseException):
    pass


def raiser(exc):
    def fn(*args):
        raise exc
    return fn


@pytest.mark.parametrize("chk, right", CHECKS, ids=CHECK_IDS)
@pytest.mark.parametrize("exc, words", [
    (GeneratorExit("closing"), ["GeneratorExit", "closing"]),
    (CustomBaseError("odd"), ["CustomBaseError", "odd"]),
    (StopIteration(), ["StopIteration"]),
    (SystemExit(3), ["exit()"]),
    ((_GROUP("many", [GeneratorExit()]), ["BaseExceptionGroup"]) if _GROUP is not None
     else (MemoryError(), ["MemoryError"])),
], ids=["GeneratorExit", "BaseException", "StopIteration", "SystemExit", "group"])
def test_any_base_exception_of_the_student_is_a_message(chk, right, exc, words):
    # GeneratorExit and other BaseException subclasses used to escape the check
    assert_not_yet(chk(raiser(exc)), *words)


class GetattrRaises:
    """A callable object whose __getattr__ (so __name__, __wrapped__, __code__) raises."""

    def __init__(self, fn, exc=RuntimeError):
        self.__dict__["fn"], self.__dict__["exc"] = fn, exc

    def __call__(self, *args):
        return self.fn(*args)

    def __getattr__(self, name):
        raise self.exc(f"no attribute {name} here")


class SignatureRaises:
    """A callable object whose __signature__ property raises."""

    def __init__(self, fn):
        self.fn = fn

    def __call__(self, *args):
        return self.fn(*args)

    @property
    def __signature__(self):
        raise RuntimeError("no signature")


@pytest.mark.parametrize("chk, right", CHECKS, ids=CHECK_IDS)
@pytest.mark.parametrize("wrap", [
    GetattrRaises, lambda f: GetattrRaises(f, GeneratorExit), SignatureRaises,
], ids=["getattr", "getattr-GeneratorExit", "signature"])
def test_callables_whose_attributes_raise_are_still_checked(chk, right, wrap):
    # _name() and inspect.signature() sat outside the guard
    r = chk(wrap(right))
    assert r.ok, r.message
    assert_not_yet(chk(wrap(starter)), "returned nothing")
    assert_not_yet(chk(wrap(crashes)), "IndexError")


class ClassRaises:
    """A returned object whose __class__ property raises (isinstance() asks for it)."""

    @property
    def __class__(self):
        raise RuntimeError("__class__ refused")

    def __float__(self):
        return 1.0


class ContainsRaises(dict):
    def __contains__(self, key):
        raise RuntimeError("__contains__ refused")


class UfuncRaises(np.ndarray):
    def __array_ufunc__(self, *args, **kwargs):
        raise RuntimeError("__array_ufunc__ refused")


class FunctionLies(np.ndarray):
    """np.allclose, np.array_equal ... of this subclass say True, whatever the values."""

    def __array_function__(self, func, types, args, kwargs):
        return True

    def __array_ufunc__(self, *args, **kwargs):
        return True


def wrong_like(name, value):
    """A wrong answer of the kind of ``value`` (the right answer): the check must not pass it."""
    if name == "sgd_step":
        return None
    if name == "sample_without_replacement":
        return np.arange(len(value))  # a fixed block: not random
    return np.array(float(value) + 1.0)


def returned_objects():
    """(id, make(name, right_args_value) -> what the student's function returns)."""
    def ufunc_wrong(name, v):
        if name == "sgd_step":
            return {k: np.zeros_like(a).view(UfuncRaises) for k, a in v.items()}
        return wrong_like(name, v).view(UfuncRaises)

    def lying_wrong(name, v):
        if name == "sgd_step":
            return {k: np.zeros_like(a).view(FunctionLies) for k, a in v.items()}
        return wrong_like(name, v).view(FunctionLies)

    return [
        ("class-raises", lambda name, v: ClassRaises()),
        ("dict-contains-raises", lambda name, v: ContainsRaises(v if name == "sgd_step" else {})),
        ("ufunc-raises", ufunc_wrong),
        ("array-function-lies", lying_wrong),
    ]


@pytest.mark.parametrize("chk, right", CHECKS, ids=CHECK_IDS)
@pytest.mark.parametrize("make", [m for _, m in returned_objects()],
                         ids=[i for i, _ in returned_objects()])
def test_odd_returned_objects_never_raise_nor_pass(chk, right, make):
    name = chk.__name__

    def student(*args):
        if name == "sgd_step":
            params, grads, lr = args
            return make(name, {k: params[k] - lr * grads[k] for k in params})
        return make(name, right(*args))

    assert_not_yet(chk(student))


@pytest.mark.parametrize("chk, right", CHECKS, ids=CHECK_IDS)
def test_right_values_in_ndarray_subclasses_are_judged_by_their_values(chk, right):
    name = chk.__name__

    def student(*args):
        if name == "sgd_step":
            params, grads, lr = args
            return {k: (params[k] - lr * grads[k]).view(UfuncRaises) for k in params}
        return np.asarray(right(*args)).view(UfuncRaises)

    assert chk(student).ok


def test_a_dict_subclass_that_works_is_a_dict():
    class Params(dict):
        pass

    assert check.sgd_step(lambda p, g, lr: Params(step(p, g, lr))).ok


def test_check_guard_says_what_to_return():
    r = check.sgd_step(lambda p, g, lr: ContainsRaises(step(p, g, lr)))
    assert_not_yet(r, "__contains__ refused", "dict")


# ---------------------------------- sample_without_replacement: the statistical case
@pytest.mark.parametrize("wrong", [
    lambda n, b, rng: np.arange(b) + rng.integers(0, n - b + 1),  # the QA report's block
    lambda n, b, rng: rng.permutation(np.arange(b) + rng.integers(0, n - b + 1)),  # shuffled
    lambda n, b, rng: (np.arange(b) + rng.integers(0, n)) % n,  # a block that wraps around
    lambda n, b, rng: (2 * np.arange(b) + rng.integers(0, n - 2 * b + 1)
                       if 2 * b <= n else rng.choice(n, b, replace=False)),  # every 2nd
    lambda n, b, rng: ((rng.integers(0, n) + 10 * np.arange(b)) % n
                       if 10 * b <= n else rng.choice(n, b, replace=False)),  # every 10th
    lambda n, b, rng: ((lambda s: s * np.arange(b) + rng.integers(0, n - s * (b - 1)))(
        int(rng.integers(1, n // b))) if 2 * b <= n else rng.choice(n, b, replace=False)),
    lambda n, b, rng: (rng.choice(n // 2, b, replace=False)
                       if 2 * b <= n else rng.choice(n, b, replace=False)),  # half the data
    lambda n, b, rng: (np.concatenate([np.arange(b // 2) + rng.integers(0, n // 2 - b // 2),
                                       n // 2 + rng.choice(n // 2, b - b // 2, replace=False)])
                       if 4 * b <= n else rng.choice(n, b, replace=False)),  # half a block
], ids=["block", "shuffled-block", "wrapping-block", "stride-2", "stride-10", "random-stride",
        "first-half", "half-block"])
def test_structured_batches_are_not_random(wrong):
    r = check.sample_without_replacement(wrong)
    assert_not_yet(r, "not random subsets", "rng.choice(n, batch_size, replace=False)")


def floyd(n, b, rng):
    chosen = []
    for j in range(n - b, n):
        t = int(rng.integers(0, j + 1))
        chosen.append(j if t in chosen else t)
    return np.array(chosen)


@pytest.mark.parametrize("right", [
    lambda n, b, rng: rng.choice(n, b, replace=False),
    lambda n, b, rng: rng.permutation(n)[:b],
    lambda n, b, rng: np.sort(rng.choice(n, b, replace=False)),  # a sorted set is still random
    lambda n, b, rng: rng.choice(n, b, replace=False, shuffle=False),
    lambda n, b, rng: np.argsort(rng.random(n))[:b],
    lambda n, b, rng: rng.permuted(np.arange(n))[:b],
    floyd,
], ids=["choice", "permutation", "sorted", "no-shuffle", "argsort", "permuted", "floyd"])
def test_uniform_random_subsets_pass_the_statistical_case(right):
    r = check.sample_without_replacement(right)
    assert r.ok and "uniformly random" in r.message, r.message


def test_statistical_case_is_deterministic():
    block = lambda n, b, rng: np.arange(b) + rng.integers(0, n - b + 1)  # noqa: E731
    assert check.sample_without_replacement(block).message == \
        check.sample_without_replacement(block).message


# ---------------------------------------- "you returned X, expected X" never shows twins
@pytest.mark.parametrize("chk, right", NUMBER_CHECKS, ids=NUMBER_IDS)
@pytest.mark.parametrize("digits", [3, 4, 5])
def test_shown_numbers_differ_when_the_answer_is_rounded(chk, right, digits):
    import re

    r = chk(lambda *args: round(right(*args), digits))
    if r.ok:  # rounding within the tolerance: nothing to show
        return
    m = re.search(r"you returned (\S+), expected (\S+?)\.(\s|$)", r.message)
    assert m is not None, r.message
    assert m.group(1) != m.group(2), r.message


def test_standard_error_rounded_to_four_decimals_shows_the_difference():
    r = check.standard_error(lambda sigma, batch_size: round(sigma / np.sqrt(batch_size), 4))
    assert_not_yet(r, "you returned 0.001, expected 0.00102062")


# ------------------------------------------------------------ CheckResult is validated
@pytest.mark.parametrize("ok, message, match", [
    ("yes", "fine", r"^ok must be True or False, got 'yes' \(str\)"),
    (1, "fine", r"^ok must be True or False, got 1 \(int\)"),
    (None, "fine", r"^ok must be True or False"),
    (True, 5, r"^message must be a str, got 5 \(int\)"),
    (False, None, r"^message must be a str"),
    (True, b"bytes", r"^message must be a str"),
    ("yes", 5, r"^ok must be True or False"),
])
def test_check_result_rejects_wrong_kinds(ok, message, match):
    with pytest.raises(TypeError, match=match):
        CheckResult(ok, message)


def test_check_result_accepts_numpy_bools_and_str_subclasses():
    class Text(str):
        pass

    r = CheckResult(np.True_, Text("✅ Correct: fine"))
    assert r.ok is True and bool(r) is True and type(r.message) is str
    assert str(r) == repr(r) == "✅ Correct: fine"


# ============================================================ the Korean edition
# Every message a student reads comes from the catalogue topic "check": under
# use_language("ko") it is Korean, with code (in backticks) and the student's own
# text (an exception's message) as the only Latin words.
def _check_keys_in_code():
    """``{key: [keyword names or None]}`` of every ``tr(...)`` call in helpers/check.py
    (None: the call passes ``**fields``), and the calls whose key is not a literal."""
    import ast
    import inspect

    calls, not_literal = {}, []
    for node in ast.walk(ast.parse(inspect.getsource(check))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr":
            if not (node.args and isinstance(node.args[0], ast.Constant)):
                not_literal.append(ast.unparse(node))
                continue
            names = [k.arg for k in node.keywords]
            calls.setdefault(node.args[0].value, []).append(None if None in names
                                                           else set(names))
    return calls, not_literal


def _prose(message, student=()):
    """The text of a Korean message without its code spans and the student's own text."""
    import re

    for text in student:
        message = message.replace(text, " ")
    return re.sub(r"`[^`]*`", " ", message)


def assert_korean(r, *student):
    """``r`` is shown in Korean: the Korean verdict, Hangul, and no English word left
    outside code spans and ``student`` (what the student's code itself said)."""
    from helpers import i18n

    ko = i18n.catalogue("ko")
    assert isinstance(r, CheckResult), type(r)
    if r.ok:
        assert r.message.startswith(ko["check.verdict.correct"].format(what="")), r.message
    else:
        assert r.message.startswith(ko["check.verdict.not_yet"].format(problem="")), r.message
        assert "\n" + ko["check.verdict.hint"].format(hint="") in r.message, r.message
    prose = _prose(r.message, student)
    assert hangul(prose), r.message
    assert not english_words([prose]), (english_words([prose]), r.message)
    assert "Hint" not in r._repr_markdown_() and "Correct" not in r._repr_markdown_()


def _sourceless_crash():
    """A function whose source no one can show (made by exec): the message has no code line."""
    namespace = {}
    exec(compile("def sourceless(*args):\n    raise ValueError('boom')\n", "<made>", "exec"),
         namespace)
    return namespace["sourceless"]


def _clustered(n, b, rng):
    """Ten tight clusters of ten (one neighbour pair each): the gaps are too clustered."""
    if (n, b) != (1000, 100):
        return rng.choice(n, b, replace=False)
    starts = rng.choice(n // 20 - 1, 10, replace=False) * 20
    return (starts[:, None] + np.array([0, 1, 3, 5, 7, 9, 11, 13, 15, 17])).ravel()


def _grid_with_pairs(n, b, rng):
    """90 indices 11 apart and 10 neighbours: the gaps are too regular."""
    if (n, b) != (1000, 100):
        return rng.choice(n, b, replace=False)
    grid = int(rng.integers(0, 10)) + 11 * np.arange(90)
    return np.concatenate([grid, rng.choice(grid, 10, replace=False) + 1])


def _number_odd(right):
    """What a number check's student may return instead of the number (from ODD_NUMBERS)."""
    return [lambda *a: True, lambda *a: np.full((2, 5), right(*a)),
            lambda *a: np.array(right(*a), dtype=complex), lambda *a: complex(right(*a), 1.0),
            lambda *a: np.array(right(*a), dtype=object), lambda *a: f"{right(*a):.4f}",
            lambda *a: [right(*a)] * 3, lambda *a: (x for x in [right(*a)]),
            lambda *a: {"loss": right(*a)}, lambda *a: 10**400,
            (lambda *a: FloatSubclassRaises(right(*a)), "no float for you")]


def _sgd(update):
    """A student's sgd_step that returns ``{key: update(params, grads, lr, key)}``."""
    return lambda p, g, lr: {k: update(p, g, lr, k) for k in p}


#: check name -> (a right answer, wrong answers; each wrong one is a function, or a
#: (function, what its own code says) pair)
KOREAN = {
    "cee_single": (right_cee, [
        lambda y, t: -np.sum(t * np.log(y)), lambda y, t: np.sum(t * np.log(y + 1e-7)),
        lambda y, t: -np.sum(t * np.log10(y + 1e-7)), lambda y, t: -np.sum(np.log(y + 1e-7)),
        lambda y, t: -np.mean(t * np.log(y + 1e-7)), lambda y, t: -np.sum(t * np.log(y + 1e-3)),
        lambda y, t: 0.5108, *_number_odd(right_cee)]),
    "prob_from_loss": (prob_right, [
        lambda E: math.exp(E), lambda E: 10 ** -E, lambda E: -math.log(E) if E else math.inf,
        lambda E: 1 / E if E else math.inf, lambda E: 1 - math.exp(-E), lambda E: 0.6]),
    "cee_batch_labels": (right_batch, [
        lambda y, t: -np.sum(np.log(y[np.arange(len(t)), t] + 1e-7)),
        lambda y, t: -np.sum(np.log(y[np.arange(len(t)), t] + 1e-7)) / 10,
        lambda y, t: -np.sum(np.log(y[:, t] + 1e-7)) / len(t),
        lambda y, t: -np.sum(np.log(y[np.arange(len(t)), t])) / len(t),
        lambda y, t: -np.sum(np.log(y + 1e-7)) / len(t),
        lambda y, t: np.sum(np.log(y[np.arange(len(t)), t] + 1e-7)) / len(t),
        lambda y, t: -np.sum(np.log10(y[np.arange(len(t)), t] + 1e-7)) / len(t),
        lambda y, t: 12345.0]),
    "cee_labels_both": (both_right, [
        (book_cee_labels, "'int' object has no attribute 'reshape'"),
        lambda y, t: -both_right(y, t),
        lambda y, t: both_right(y, t) * np.atleast_2d(y).shape[0] / 10,
        lambda y, t: float(-np.sum(np.log(y + 1e-7))) if y.ndim == 1 else both_right(y, t),
        lambda y, t: both_right(y, t) if y.ndim == 2 else 0.5, lambda y, t: 0.5,
        lambda y, t: both_right(y, t) if np.ndim(t) or isinstance(t, int) else 0.5,
        lambda y, t: both_right(y, t) if y.dtype != np.float32 else 0.5]),
    "sample_without_replacement": (sampler, [
        lambda n, b, rng: rng.choice(n, b), lambda n, b, rng: np.random.choice(n, b, replace=False),
        lambda n, b, rng: np.random.default_rng(0).choice(n, b, replace=False),
        lambda n, b, rng: sampler(n, b, rng)[:-1], lambda n, b, rng: np.arange(b),
        lambda n, b, rng: sampler(n, b, rng) + 1.0, lambda n, b, rng: sampler(n, b, rng) + 1,
        lambda n, b, rng: (int(i) for i in sampler(n, b, rng)),
        lambda n, b, rng: str(sampler(n, b, rng).tolist()),
        lambda n, b, rng: np.arange(b) + rng.integers(0, n - b + 1),
        lambda n, b, rng: (2 * np.arange(b) + rng.integers(0, n - 2 * b + 1)
                           if 2 * b <= n else sampler(n, b, rng)),
        lambda n, b, rng: (rng.choice(int(n * 0.7), b, replace=False)
                           if 2 * b <= n else sampler(n, b, rng)),
        _clustered, _grid_with_pairs]),
    "standard_error": (right_se, [
        lambda s, b: s / b, lambda s, b: s**2 / b, lambda s, b: np.sqrt(s / b),
        lambda s, b: s * np.sqrt(b), lambda s, b: s / np.sqrt(b - 1), *_number_odd(right_se)]),
    "batch_size_for": (right_batch_size_for, [
        lambda s, x: s / x, lambda s, x: math.ceil(s / x), lambda s, x: (x / s) ** 2,
        lambda s, x: round((s / x) ** 2), lambda s, x: math.floor((s / x) ** 2),
        lambda s, x: (s / x) ** 2, lambda s, x: math.ceil((s / x) ** 2) + 1,
        lambda s, x: math.ceil((s / x) ** 2) - (s == 30.0), lambda s, x: 100]),
    "standard_error_from_sample": (right_se_from_sample, [
        lambda x: np.std(x), lambda x: np.std(x) / len(x), lambda x: np.var(x) / len(x),
        lambda x: np.mean(x) / np.sqrt(len(x)), lambda x: np.mean(x), lambda x: 0.07358]),
    "sgd_step": (step_in_place, [
        ascent, no_lr, only_weights, drops_keys, lambda p, g, lr: list(step(p, g, lr).values()),
        _sgd(lambda p, g, lr, k: -lr * g[k]), _sgd(lambda p, g, lr, k: "updated"),
        _sgd(lambda p, g, lr, k: (p[k] - lr * g[k]).astype(complex)),
        _sgd(lambda p, g, lr, k: np.rint(p[k] - lr * g[k]).astype(int)),
        _sgd(lambda p, g, lr, k: (p[k] - lr * g[k]).ravel()),
        _sgd(lambda p, g, lr, k: (p[k] - lr * g[k]) * np.nan),
        _sgd(lambda p, g, lr, k: p[k] - 0.1 * g[k])]),
    "unseen_share": (lambda n, epochs: (1 - 1 / n) ** (epochs * n), [
        lambda n, epochs: np.exp(-epochs), lambda n, epochs: (1 - 1 / n) ** n,
        lambda n, epochs: 1 - (1 - 1 / n) ** (epochs * n),
        lambda n, epochs: (1 / n) ** (epochs * n), lambda n, epochs: 0.5,
        lambda n, epochs: "0.3277"]),
    "epochs_of_run": (lambda n, batch_size, iters_num: iters_num / (n / batch_size), [
        lambda n, batch_size, iters_num: iters_num / batch_size,
        lambda n, batch_size, iters_num: n / (iters_num * batch_size),
        lambda n, batch_size, iters_num: iters_num * n / batch_size,
        lambda n, batch_size, iters_num: iters_num // (n // batch_size),
        lambda n, batch_size, iters_num: iters_num / n,
        lambda n, batch_size, iters_num: 16.67]),
    "lr_same_ground": (lambda lr, batch_size, new_batch_size: lr * new_batch_size / batch_size, [
        lambda lr, batch_size, new_batch_size: lr * batch_size / new_batch_size,
        lambda lr, batch_size, new_batch_size: lr * (new_batch_size / batch_size) ** 0.5,
        lambda lr, batch_size, new_batch_size: lr,
        lambda lr, batch_size, new_batch_size: 0.02,
        lambda lr, batch_size, new_batch_size: np.array([lr])]),
}


def test_the_korean_cases_cover_every_check():
    assert sorted(KOREAN) == sorted(check.__all__[1:])


def _shown_in_korean(name):
    """Run check ``name`` in Korean on its right answer, its wrong ones and the odd
    functions every check meets; assert each message is Korean."""
    chk = getattr(check, name)
    right, wrongs = KOREAN[name]

    def exits(*args):
        sys.exit(3)

    def unprintable(*args):
        raise UnprintableError()

    r = chk(right)
    assert r.ok, r.message
    assert_korean(r)
    odd = [(starter, ()), (crashes, ("index 10 is out of bounds",)), (42, ()), (None, ()),
           (exits, ()), (unprintable, ()), (takes_three, ()), (GetattrRaises(starter), ()),
           (_sourceless_crash(), ("boom",))]
    for fn in wrongs:
        odd.append(fn if isinstance(fn, tuple) else (fn, ()))
    for fn, student in odd:
        r = chk(fn)
        assert not r.ok, (fn, r.message)
        assert_korean(r, *([student] if isinstance(student, str) else student))


#: The checks without the guard of _guarded (their hidden cases are plain numbers).
UNGUARDED = ("unseen_share", "epochs_of_run", "lr_same_ground")


def _guard_in_korean(monkeypatch, name):
    """The guard's message (the check could not use what was returned) in Korean: a
    student's object raising inside the check is simulated by a helper that raises."""
    def refuse(*args, **kwargs):
        raise RuntimeError("refused")

    if name in ("sample_without_replacement", "sgd_step"):
        student = KOREAN[name][0]
    else:
        def student(*args):  # a wrong number: the check compares it with the mistakes
            return 12345.0
    with monkeypatch.context() as m:
        m.setattr(check, "_close", refuse)  # the number checks
        m.setattr(check, "_indices", refuse)  # sample_without_replacement
        m.setattr(check, "_param_problem", refuse)  # sgd_step
        r = getattr(check, name)(student)
    assert_korean(r, "refused")


@pytest.mark.parametrize("name", sorted(KOREAN))
def test_every_check_speaks_korean(name, monkeypatch):
    from helpers import i18n

    with korean():
        _shown_in_korean(name)
        if name not in UNGUARDED:
            _guard_in_korean(monkeypatch, name)
    assert i18n.language() == "en"
    r = getattr(check, name)(starter)  # English again, word for word as before
    assert r.message == ("❌ Not yet: `starter` returned nothing yet.\nHint: replace the `...` "
                         "in the function with your code and make it `return` the result.")


def test_every_check_message_is_shown_in_korean(monkeypatch):
    """Together the Korean cases show every message of the catalogue topic "check"."""
    from helpers import i18n

    shown, real = set(), check.tr

    def spy(key, **fields):
        shown.add(key)
        return real(key, **fields)

    monkeypatch.setattr(check, "tr", spy)
    with korean():
        for name in KOREAN:
            _shown_in_korean(name)
            if name not in UNGUARDED:
                _guard_in_korean(monkeypatch, name)
    keys = {k for k in i18n.catalogue("ko") if k.startswith("check.")}
    assert keys - shown == set(), sorted(keys - shown)


def test_korean_messages_spot_check():
    with korean():
        r = check.cee_single(lambda y, t: -np.sum(t * np.log(y)))
        assert "`delta`를 빠뜨렸습니다" in r.message and "`np.log(y + 1e-7)`" in r.message
        r = check.cee_labels_both(book_cee_labels)
        assert "파이썬 `int` 레이블 2" in r.message and "`print(type(t))`" in r.message
        assert r.message.count("아직 정답이 아닙니다") == 1, r.message
        assert "확인 셀 아래의 '풀이 보기'를 펼쳐 보세요." in r.message, r.message
        r = check.standard_error(lambda s, b: None)  # the verdict's 아직, not repeated
        assert r.message.count("아직") == 1 and "아무것도 반환하지 않습니다" in r.message, r.message
        r = check.standard_error(lambda s, b: round(s / np.sqrt(b), 4))
        assert "반환값은 0.001이지만, 올바른 값은 0.00102062입니다." in r.message, r.message
        r = check.batch_size_for(lambda s, x: math.ceil((s / x) ** 2) + 1)
        assert "1만큼 큽니다" in r.message, r.message
        assert check.sgd_step(step_in_place).message == \
            "✅ 정답입니다: 모든 매개변수가 `-lr` × 기울기만큼 움직였습니다."
    r = check.cee_single(right_cee)  # and English after
    assert r.message == ("✅ Correct: your function gives the book's 0.5108 and 2.3026, handles "
                         "y = 0 with delta, and works in float32.")
    r = check.standard_error(lambda s, b: round(s / np.sqrt(b), 4))
    assert "you returned 0.001, expected 0.00102062." in r.message, r.message
