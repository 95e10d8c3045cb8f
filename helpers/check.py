"""Self-checking exercises: run a student's function on hidden cases and give a hint.

Every check takes the student's FUNCTION, calls it on cases the student does
not see, compares with the right answer and returns a :class:`CheckResult`
whose text (shown as the cell's output) is either "✅ Correct: ..." or
"❌ Not yet: ... Hint: ...". A check never raises: an unfinished starter
(returning ``...`` or ``None``) or a function that crashes gets a message,
so a notebook with the starter code still runs top to bottom.

The hints come from recognising typical mistakes: each wrong answer a
student is likely to write is computed too, and if the student's answer
matches one of them, the hint says which mistake it was.

A check never raises and never passes a wrong answer, whatever the student's
function does: it may return a string, a list, a complex number, NaN, a
generator, an array of the wrong shape or dtype, an object whose
``__float__``, ``__class__``, ``__contains__`` or ``__array_ufunc__``
raises (ndarray subclasses are judged as plain arrays, by their values);
it may be a callable object whose ``__getattr__`` or ``__signature__``
raises, raise any ``BaseException``, take the wrong number of parameters, print,
sleep, or modify its inputs in place (every call gets fresh copies of the
hidden cases, so a later case is never corrupted). A wrong or unusable
answer gets a "❌ Not yet" message with a hint (an odd callable that
computes the right answer still passes). Only ``KeyboardInterrupt`` (the
user stopping the cell) goes through.

Used by the exercises of notebook 01 (:func:`cee_single`, one sample's CEE;
:func:`prob_from_loss`, the probability a loss stands for),
02 (:func:`cee_batch_labels` and :func:`cee_labels_both`, the mean loss
over a batch with label targets, and for one sample with an int label), 03
(:func:`batch_size_for` and :func:`standard_error_from_sample`, random mini-batches;
:func:`sample_without_replacement` and :func:`standard_error` grade two easier
exercises a teacher may add) and 04 (:func:`epochs_of_run`, the epochs of the book's
``iters_num`` updates; :func:`lr_same_ground`, the learning rate of another batch size by
the lr / B rule of thumb; :func:`unseen_share`, the images the book's draws never pick;
:func:`sgd_step`, one update, for a teacher who wants an easier exercise).

Usage in a notebook::

    from helpers import check

    def my_cee(y, t):
        ...  # your code here

    check.cee_single(my_cee)
"""

from __future__ import annotations

import functools
import inspect
import math
import numbers
import traceback
import types
from dataclasses import dataclass

import numpy as np

from helpers.losses import DELTA as _DELTA

__all__ = [
    "CheckResult",
    "cee_single",
    "prob_from_loss",
    "cee_batch_labels",
    "cee_labels_both",
    "sample_without_replacement",
    "standard_error",
    "batch_size_for",
    "standard_error_from_sample",
    "sgd_step",
    "unseen_share",
    "epochs_of_run",
    "lr_same_ground",
]


@dataclass(frozen=True)
class CheckResult:
    """The outcome of a check.

    Attributes
    ----------
    ok : bool
        True if every hidden case was right.
    message : str
        What was right, or what was wrong and a hint.
    """

    ok: bool
    message: str

    def __post_init__(self):
        if not isinstance(self.ok, (bool, np.bool_)):
            raise TypeError(f"ok must be True or False, got {_short_repr(self.ok)} "
                            f"({_type_name(self.ok)})")
        if not isinstance(self.message, str):
            raise TypeError(f"message must be a str, got {_short_repr(self.message)} "
                            f"({_type_name(self.message)})")
        object.__setattr__(self, "ok", bool(self.ok))  # a NumPy bool: __bool__ must give a bool
        object.__setattr__(self, "message", str.__str__(self.message))  # a plain str

    def __bool__(self) -> bool:
        return self.ok

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return self.message

    def _repr_markdown_(self) -> str:
        return self.message.replace("\n", "  \n")


def _correct(what: str) -> CheckResult:
    return CheckResult(True, f"✅ Correct: {what}")


def _wrong(problem: str, hint: str = "") -> CheckResult:
    text = f"❌ Not yet: {problem}"
    if hint:
        text += f"\nHint: {hint}"
    return CheckResult(False, text)


def _unfinished(name: str) -> CheckResult:
    return _wrong(
        f"`{name}` returned nothing yet.",
        "replace the `...` in the function with your code and make it `return` the result.",
    )


def _is(value, kinds) -> bool:
    """``isinstance`` by the real type: a student's object cannot lie or raise via ``__class__``."""
    return issubclass(type(value), kinds)


def _type_name(obj) -> str:
    """The name of ``obj``'s type, never raising (a metaclass may do anything)."""
    try:
        name = type(obj).__name__
        return str.__str__(name) if _is(name, str) else "object"
    except KeyboardInterrupt:
        raise
    except BaseException:  # whatever a student's class does
        return "object"


def _name(fn) -> str:
    """``fn.__name__``, or "your function" (a ``__getattr__`` of a callable object may raise)."""
    try:
        name = getattr(fn, "__name__", None)
        if _is(name, str):
            return str.__str__(name)
    except KeyboardInterrupt:
        raise
    except BaseException:  # whatever a student's object does
        pass
    return "your function"


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _printed(show, obj, limit: int) -> str:
    """``show(obj)`` (``str`` or ``repr``) shortened, and never raising: a student's
    object or exception may refuse to print."""
    try:
        text = show(obj)
        text = str.__str__(text) if _is(text, str) else "?"
    except KeyboardInterrupt:
        raise
    except BaseException:  # a broken __str__ / __repr__
        text = f"<{_type_name(obj)} that cannot be printed>"
    return _shorten(text, limit)


def _text(obj, limit=200) -> str:
    """``str(obj)`` shortened, never raising."""
    return _printed(str, obj, limit)


def _short_repr(obj, limit=60) -> str:
    """``repr(obj)`` shortened, never raising."""
    return _printed(repr, obj, limit)


def _fmt(x: float) -> str:
    """A float for messages: 4 decimals, or 4 significant digits for huge/tiny values."""
    return f"{x:.4f}" if np.isfinite(x) and (x == 0 or 1e-3 <= abs(x) < 1e6) else f"{x:.4g}"


def _fmt_pair(got: float, want: float) -> tuple[str, str]:
    """``got`` and ``want`` for "you returned ..., expected ...": never two equal-looking numbers.

    4 decimals first (:func:`_fmt`); where they look the same, 6 significant
    digits, and then the full ``repr``.
    """
    for fmt in (_fmt, lambda x: f"{x:.6g}", repr):
        a, b = fmt(got), fmt(want)
        if a != b:
            return a, b
    return a, b


def _signature_problem(fn, argnames):
    """A CheckResult if ``fn`` cannot be called with ``len(argnames)`` arguments, else None.

    A signature that cannot be read (builtins, or a ``__signature__`` that
    raises) gives None: the function is simply called.
    """
    try:
        sig = inspect.signature(fn)
    except KeyboardInterrupt:
        raise
    except BaseException:  # builtins without a signature, a broken __signature__
        return None
    try:
        sig.bind(*argnames)
        return None
    except KeyboardInterrupt:
        raise
    except TypeError:
        pass
    except BaseException:  # a signature object we cannot use: just call it
        return None
    name, want = _name(fn), ", ".join(argnames)
    try:
        have = ", ".join(str(p) for p in sig.parameters.values())
    except KeyboardInterrupt:
        raise
    except BaseException:  # a default value whose repr raises
        have = "..."
    return _wrong(
        f"`{name}` takes ({have}), but the check calls it with {len(argnames)} arguments: "
        f"`{name}({want})`.",
        f"define it with exactly these parameters: def {name}({want}):",
    )


def _call(fn, *args, argnames=(), allow_none=False):
    """Call the student's function; return ``(value, None)`` or ``(None, CheckResult)``.

    Never raises: every exception of the student's code (``SystemExit`` of a
    stray ``exit()``, ``GeneratorExit`` and any other ``BaseException``
    included) becomes a message; only ``KeyboardInterrupt`` goes through, so
    the user can still stop a cell.
    """
    name = _name(fn)
    if not callable(fn):
        return None, _wrong(f"expected a function, got {_type_name(fn)}.",
                            "pass the function itself, without ().")
    if argnames:
        bad = _signature_problem(fn, argnames)
        if bad is not None:
            return None, bad
    try:
        with np.errstate(all="ignore"):
            value = fn(*args)
    except KeyboardInterrupt:  # the user stopping the cell
        raise
    except BaseException as e:  # the student's code may raise anything
        return None, _raised(fn, name, e)
    if value is Ellipsis or (value is None and not allow_none):
        return None, _unfinished(name)
    return value, None


def _raised(fn, name, e) -> CheckResult:
    """The message for an exception ``e`` raised by the student's function ``fn``."""
    where = ""
    try:
        frames = traceback.extract_tb(e.__traceback__)
        code = getattr(fn, "__code__", None)
        # the deepest line of the student's own code (an error inside numpy names numpy's line)
        own = [f for f in frames if code is not None and f.filename == code.co_filename]
        last = (own or [f for f in frames if f.filename != __file__] or [None])[-1]
        if last is not None:
            code_line = (last.line or "").strip()
            where = f" (line {last.lineno}" + (f": `{code_line}`)" if code_line else ")")
    except KeyboardInterrupt:
        raise
    except BaseException:  # a traceback we cannot read: no line then
        where = ""
    if issubclass(type(e), SystemExit):
        return _wrong(f"`{name}` called exit(){where}.",
                      "remove the exit() / sys.exit() call and `return` the result.")
    return _wrong(
        f"`{name}` raised {_type_name(e)}: {_text(e)}{where}.",
        "run it on a small example in a cell of its own and look at the shapes.",
    )


def _guarded(expected: str):
    """Decorate a check so that it NEVER raises, whatever the student's objects do.

    Every touch of what the student's function returned (an ``isinstance``,
    a ``__contains__``, a ufunc of an ndarray subclass, ...) runs inside this
    one guard: an exception there becomes "❌ Not yet" (never "Correct");
    only ``KeyboardInterrupt`` goes through. ``expected`` says what to return.
    """
    def wrap(check):
        @functools.wraps(check)
        def run(fn):
            try:
                return check(fn)
            except KeyboardInterrupt:
                raise
            except BaseException as e:  # the student's objects may raise anything
                return _wrong(f"the check could not use what `{_name(fn)}` returned: "
                              f"{_type_name(e)}: {_text(e)}.", f"return {expected}.")
        return run
    return wrap


def _array(value, dtype=None):
    """``np.asarray(value, dtype)``, or None when numpy cannot make one (a ragged list ...)."""
    try:
        return np.asarray(value, dtype=dtype)  # an ndarray subclass becomes a plain ndarray
    except KeyboardInterrupt:
        raise
    except BaseException:  # ragged lists, objects whose __array__ raises ...
        return None


_COMPLEX_HINT = ("the result must be real. A complex value comes from the log or square root of a "
                 "negative number (cmath, np.emath, (-x) ** 0.5) or from a `j` in your code.")


def _as_number(value, name, what="the loss"):
    """A real scalar as float, or a CheckResult saying why it is not one.

    Accepted: Python ints/floats, NumPy integer/float scalars and 0-d real
    arrays (they behave as numbers). Everything else gets a message: bools,
    complex numbers, strings, lists, generators, arrays with dimensions,
    ints too large for a float, objects whose conversion raises.
    """
    if _is(value, (bool, np.bool_)):
        return None, _wrong(f"`{name}` returned {bool(value)!r} (a bool), not a number.",
                            f"return {what} itself, not a comparison.")
    if _is(value, np.ndarray):
        value = np.asarray(value)  # a plain ndarray: a subclass's overrides are not used
        if value.ndim > 0:
            return None, _wrong(
                f"`{name}` returned an array of shape {value.shape}, not a single number.",
                f"{what} is ONE number: sum (or average) over the right axis with np.sum "
                "(no keepdims), or take float(...) of a one-element result.",
            )
        if value.dtype.kind == "c":
            return None, _wrong(f"`{name}` returned a complex number ({_text(value)}).",
                                _COMPLEX_HINT)
        if value.dtype.kind not in "fiu":
            return None, _wrong(f"`{name}` returned a 0-d array of dtype {value.dtype}, "
                                "not a number.", f"return {what} as a number.")
        value = value[()]  # the NumPy scalar inside
    if _is(value, numbers.Complex) and not _is(value, numbers.Real):
        return None, _wrong(f"`{name}` returned a complex number ({_text(value)}).", _COMPLEX_HINT)
    if _is(value, (str, bytes)):
        return None, _wrong(f"`{name}` returned a string ({_text(value, 40)!r}), not a number.",
                            "return the number itself, not text (no f\"...\", str() or print).")
    if _is(value, (list, tuple)):
        return None, _wrong(f"`{name}` returned a {_type_name(value)} (of {len(value)} "
                            "values), not a single number.",
                            f"return {what} as one number (np.sum gives one), not a list.")
    if _is(value, (types.GeneratorType, map, filter, zip, range)):
        return None, _wrong(f"`{name}` returned a {_type_name(value)}, not a number.",
                            "a generator expression `(... for ...)` is not a value yet: "
                            "put it inside sum(...), or use np.sum on an array.")
    if not _is(value, numbers.Real):
        return None, _wrong(f"`{name}` returned {_type_name(value)}, not a number.",
                            f"return {what} as a float (e.g. the result of np.sum).")
    try:
        got = float(value)
    except OverflowError:
        return None, _wrong(f"`{name}` returned an integer too large for a float.",
                            f"return {what} as a float; an integer this large cannot be right.")
    except KeyboardInterrupt:
        raise
    except BaseException as e:  # a number type whose __float__ raises
        return None, _wrong(f"`{name}` returned a {_type_name(value)} that float() refuses "
                            f"({_type_name(e)}: {_text(e)}).", f"return {what} as a float.")
    return got, None


def _call_number(fn, *args, argnames=(), what="the loss"):
    """Call the student's function expecting one number: ``(float, None)`` or ``(None, fail)``."""
    value, fail = _call(fn, *args, argnames=argnames)
    if fail is not None:
        return None, fail
    return _as_number(value, _name(fn), what)


def _delta_text() -> str:
    """:data:`helpers.losses.DELTA` for hints as the book writes it: ``1e-7`` (not ``1e-07``)."""
    return f"{_DELTA:g}".replace("e-0", "e-")


def _close(a: float, b: float) -> bool:
    return bool(np.isclose(a, b, rtol=1e-5, atol=1e-12))


def _diagnose(got: float, mistakes: list[tuple[float, str, str]]):
    """The first recognised mistake whose value equals ``got``."""
    for value, problem, hint in mistakes:
        if np.isfinite(value) and _close(got, value):
            return _wrong(problem, hint)
    return None


def _given(argnames, case) -> str:
    """``"n = 60,000, epochs = 3"``: a hidden case's arguments, as a message shows them."""
    return ", ".join(f"{a} = {v:,}" if isinstance(v, int) else f"{a} = {v:g}"
                     for a, v in zip(argnames, case, strict=True))


def _number_cases(fn, cases, *, argnames, what, want, mistakes, hint):
    """Grade ``fn`` on hidden ``cases`` (argument tuples) whose answer is one number.

    ``want(*case)`` is the right answer; ``mistakes(*case, got, want)`` the recognised
    mistakes for :func:`_diagnose`; ``hint`` the hint of an unrecognised wrong answer.
    Returns the first failure, or None when every case is right.
    """
    for case in cases:
        got, fail = _call_number(fn, *case, argnames=argnames, what=what)
        if fail is not None:
            return fail
        expected = want(*case)
        if _close(got, expected):
            continue
        bad = _diagnose(got, mistakes(*case, got=got, want=expected))
        if bad is not None:
            return bad
        return _wrong(f"for {_given(argnames, case)} `{_name(fn)}` gave {_fmt(got)}, "
                      f"expected {_fmt(expected)}.", hint)
    return None


# ------------------------------------------------------------------ exercises
_NUMBER = "one plain number (a float, e.g. the result of np.sum)"


def _single_cases():
    book = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
    t2 = np.eye(10)[2]
    rng = np.random.default_rng(20240401)
    rand = rng.dirichlet(np.ones(10))
    zero_right = np.array([0.0, 0.5, 0.5] + [0.0] * 7)  # the right class (0) gets exactly 0
    return [
        (book, t2),
        (np.array([0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]), t2),
        (rand.astype(np.float32), np.eye(10, dtype=np.float32)[7]),
        (zero_right, np.eye(10)[0]),
    ]


@_guarded(_NUMBER)
def cee_single(fn) -> CheckResult:
    """Check ``fn(y, t)``: the CEE of ONE sample.

    ``y`` is ``(10,)`` probabilities, ``t`` a one-hot ``(10,)``; the answer is
    ``-sum(t * log(y + DELTA))`` (``DELTA = 1e-7``, :data:`helpers.losses.DELTA`), a float.
    """
    for y, t in _single_cases():  # fresh cases, and copies: a function may modify its inputs
        got, fail = _call_number(fn, y.copy(), t.copy(), argnames=("y", "t"))
        if fail is not None:
            return fail
        y64, t64 = y.astype(np.float64), t.astype(np.float64)
        want = float(-np.sum(t64 * np.log(y64 + _DELTA)))
        if _close(got, want):
            continue
        if not np.isfinite(got):
            return _wrong(
                f"for y = {np.round(y, 3).tolist()} you returned {got}.",
                "you forgot delta: log(0) gave -inf (and 0 * -inf gives nan). "
                f"Add {_delta_text()} inside the log: np.log(y + {_delta_text()}).",
            )
        with np.errstate(all="ignore"):
            mistakes = [
                (-want, "your answer has the wrong sign.",
                 f"the loss is MINUS the sum: -np.sum(t * np.log(y + {_delta_text()}))."),
                (float(-np.sum(t64 * np.log10(y64 + _DELTA))), "you used the base-10 logarithm.",
                 "the cross-entropy uses the natural log: np.log, not np.log10."),
                (float(-np.sum(np.log(y64 + _DELTA))), "you summed the log of EVERY class.",
                 "multiply by the one-hot t so that only the right class counts: "
                 f"t * np.log(y + {_delta_text()})."),
                (float(-np.mean(t64 * np.log(y64 + _DELTA))),
                 "you divided by the number of classes (10).",
                 "for one sample, sum over the classes: np.sum, not np.mean."),
                (float(-np.sum(t64 * np.log(y64 + 1e-3))), "your delta is too big.",
                 f"use delta = {_delta_text()}: just enough to avoid log(0), "
                 "too small to change other values."),
            ]
        hit = _diagnose(got, mistakes)
        if hit is not None:
            return hit
        return _wrong(
            f"for y = {np.round(y, 3).tolist()} and the right class {int(np.argmax(t))} "
            "you returned {}, expected {}.".format(*_fmt_pair(got, want)),
            f"E = -sum_k t_k log(y_k + {_delta_text()}).",
        )
    return _correct("your function gives the book's 0.5108 and 2.3026, handles y = 0 with delta, "
                    "and works in float32.")


#: The hidden losses of :func:`prob_from_loss` (the book's two examples, ln 2, 1, a large one, 0).
_LOSS_CASES = (0.5108256237659907, 2.302585092994046, 0.6931471805599453, 1.0, 9.0, 0.0)


@_guarded("the probability, one plain number in [0, 1] (e.g. the result of np.exp)")
def prob_from_loss(fn) -> CheckResult:
    """Check ``fn(E)``: the probability ``y`` of the right class that costs the loss ``E``.

    ``E = -log(y + delta)`` read backwards: ``y = exp(-E)`` (or ``exp(-E) - delta``;
    both are accepted, they differ by at most ``DELTA = 1e-7``). ``E`` is a float >= 0;
    the answer is a float in [0, 1].
    """
    for e in _LOSS_CASES:
        got, fail = _call_number(fn, e, argnames=("E",), what="the probability")
        if fail is not None:
            return fail
        want = math.exp(-e)
        if abs(got - want) <= 2 * _DELTA and math.isfinite(got):
            continue
        with np.errstate(all="ignore"):
            mistakes = [
                (math.exp(e), "you returned exp(+E): a probability cannot be above 1.",
                 "E = -log(y), so log(y) = -E: mind the minus sign."),
                (10.0 ** -e, "you used base 10: 10 ** -E.",
                 "the loss uses the natural log (np.log), so undo it with np.exp."),
                (-math.log(e) if e > 0 else math.inf, "you took -log(E) again.",
                 "undo the log with its inverse: if E = -log(y), then y = np.exp(-E)."),
                (1.0 / e if e > 0 else math.inf, "you returned 1 / E.",
                 "undo the log with its inverse, np.exp."),
                (1.0 - math.exp(-e), "you returned 1 - exp(-E): the probability of the "
                 "WRONG classes together.", "the loss reads the right class only: y = np.exp(-E)."),
            ]
        hit = _diagnose(got, mistakes)
        if hit is not None:
            return hit
        return _wrong("for E = {} you returned {}, expected {}.".format(
            _fmt(e), *_fmt_pair(got, want)),
            "E = -log(y): solve for y (the inverse of np.log is np.exp).")
    return _correct("a loss of 0.5108 is y = 0.6, 2.3026 is y = 0.1, 9 is about 1.2e-4, and 0 "
                    "is a sure y = 1.")


def _batch_cases():
    rng = np.random.default_rng(7)
    cases = []
    for n in (4, 7, 1):
        y = rng.dirichlet(np.ones(10), size=n)
        t = rng.integers(0, 10, size=n)
        cases.append((y, t))
    y = rng.dirichlet(np.ones(10), size=5)
    t = np.array([3, 1, 4, 1, 5])
    y[2, 4] = 0.0  # a right class with probability 0: delta needed
    y[2] /= y[2].sum()
    cases.append((y, t))
    return cases


@_guarded(_NUMBER)
def cee_batch_labels(fn) -> CheckResult:
    """Check ``fn(y, t)``: the batch-mean CEE with integer labels.

    ``y`` is ``(N, 10)`` probabilities, ``t`` is ``(N,)`` integer labels; the
    answer is ``-sum(log(y[arange(N), t] + DELTA)) / N`` (``DELTA = 1e-7``).
    """
    for y, t in _batch_cases():  # fresh cases, and copies: a function may modify its inputs
        n = len(t)
        got, fail = _call_number(fn, y.copy(), t.copy(), argnames=("y", "t"))
        if fail is not None:
            return fail
        picked = y[np.arange(n), t]
        want = float(-np.sum(np.log(picked + _DELTA)) / n)
        if _close(got, want):
            continue
        if not np.isfinite(got):
            return _wrong(
                f"a sample whose right class has probability 0 made your loss {got}.",
                f"you forgot delta: log(0) gave -inf. Use np.log(y[...] + {_delta_text()}).",
            )
        with np.errstate(all="ignore"):
            mistakes = [
                (-want, "your answer has the wrong sign.",
                 "the loss is MINUS the mean log-probability."),
                (want * n, "you forgot to divide by the batch size N.",
                 "divide the sum by batch_size = y.shape[0] so the loss does not grow with N."),
                (want * n / 10, "you divided by the number of classes (10), not the batch size.",
                 "divide by batch_size = y.shape[0], the number of samples."),
                (float(-np.sum(np.log(y[:, t] + _DELTA)) / n),
                 "you indexed y[:, t], which picks N columns for EVERY row.",
                 "pick one entry per row: y[np.arange(batch_size), t]."),
                (float(-np.sum(np.log(y + _DELTA)) / n),
                 "you took the log of every class, not only the right one.",
                 "pick the right class of each row: y[np.arange(batch_size), t]."),
                (float(-np.sum(np.log10(picked + _DELTA)) / n), "you used the base-10 logarithm.",
                 "use the natural log, np.log."),
            ]
        hit = _diagnose(got, mistakes)
        if hit is not None:
            return hit
        return _wrong(
            "for a batch of {} you returned {}, expected {}.".format(n, *_fmt_pair(got, want)),
            f"E = -1/N sum_n log(y[n, t_n] + {_delta_text()}).",
        )
    return _correct("your batch CEE with label targets matches on batches of 1, 4, 5 and 7, "
                    "delta included.")


def _both_cases():
    """``(y, t, what)``: label targets for a batch and for ONE sample (a plain int label too)."""
    rng = np.random.default_rng(11)
    batch = rng.dirichlet(np.ones(10), size=6)
    book = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
    return [
        (batch, rng.integers(0, 10, size=6), "a batch of 6 with labels of shape (6,)"),
        (book, 2, "one sample y of shape (10,) with the Python int label 2"),
        (book, np.int64(7), "one sample y of shape (10,) with the label np.int64(7)"),
        (rng.dirichlet(np.ones(10)).astype(np.float32), 4,
         "one float32 sample of shape (10,) with the Python int label 4"),
    ]


@_guarded(_NUMBER)
def cee_labels_both(fn) -> CheckResult:
    """Check ``fn(y, t)``: the label-form CEE for a batch AND for one sample with an int label.

    ``y`` is ``(N, 10)`` with labels ``(N,)``, or one sample ``(10,)`` with a
    plain Python ``int`` (or NumPy integer) label; the answer is
    ``-sum(log(y[arange(N), t] + DELTA)) / N`` with ``N = 1`` for one sample.
    The book's code (``t.reshape(1, t.size)``) fails on a Python int, which
    has no ``reshape``.
    """
    for y, t, what in _both_cases():
        y2 = np.atleast_2d(y).astype(np.float64)  # one sample: a batch of one
        labels = np.atleast_1d(t)
        want = float(-np.sum(np.log(y2[np.arange(len(y2)), labels] + _DELTA)) / len(y2))
        t_arg = t.copy() if isinstance(t, np.ndarray) else t
        got, fail = _call_number(fn, y.copy(), t_arg, argnames=("y", "t"))
        if fail is not None:
            if "has no attribute 'reshape'" in fail.message or "has no attribute 'size'" in \
                    fail.message:
                problem = fail.message.split("\nHint:")[0].removeprefix("❌ Not yet: ")
                # a nudge, not the fix (the notebook's solution has the fix)
                return _wrong(f"for {what}, {problem}",
                              "what type is t here (print type(t))? Which of int, np.int64 "
                              "and np.ndarray has a .reshape method? Still stuck: open the "
                              "solution below the check.")
            return fail
        if _close(got, want):
            continue
        y_flat = y.reshape(-1).astype(np.float64)
        with np.errstate(all="ignore"):
            mistakes = [
                (-want, "your answer has the wrong sign.",
                 "the loss is MINUS the mean log-probability."),
                (float(-np.sum(np.log(y_flat + _DELTA))) if y.ndim == 1 else np.nan,
                 f"for {what} you took the log of every class.",
                 "pick only the probability of the true class, y[t]."),
                (want * len(y2) / 10, "you divided by the number of classes (10).",
                 "divide by the number of samples, y.shape[0] after making y 2-D."),
            ]
        hit = _diagnose(got, mistakes)
        if hit is not None:
            return hit
        return _wrong(
            "for {} you returned {}, expected {}.".format(what, *_fmt_pair(got, want)),
            "make one sample a batch of one first (y of shape (1, 10), t of shape (1,)), "
            "then use the batch formula.",
        )
    return _correct("your label-form CEE works for a batch and for one sample with an int "
                    "label, as the helpers' version does.")


def _indices(value, name, n, b):
    """``(idx, None)`` for ``b`` distinct ints in ``range(n)``, else ``(None, fail)``."""
    hint = "return rng.choice(n, batch_size, replace=False)."
    if _is(value, (types.GeneratorType, map, filter, zip)):
        return None, _wrong(f"`{name}` returned a {_type_name(value)}, not an array of indices.",
                            "a generator is not an array yet: " + hint)
    idx = _array(value)  # a plain ndarray from here on (never the student's subclass)
    if idx is None or idx.dtype.kind in "OUSV":
        return None, _wrong(f"`{name}` returned {_type_name(value)} that is not an array of "
                            "indices.", hint)
    if idx.ndim != 1 or len(idx) != b:
        return None, _wrong(
            f"for n = {n}, batch_size = {b} you returned shape {idx.shape}, expected ({b},).",
            "return the array of batch_size indices (not the images).",
        )
    if idx.dtype.kind not in "iu":
        return None, _wrong(f"your indices have dtype {idx.dtype}, not integers.",
                            "use rng.choice(n, batch_size, replace=False).")
    if idx.min() < 0 or idx.max() >= n:
        return None, _wrong(f"an index is outside 0..{n - 1}.",
                            "draw from range(n): rng.choice(n, ...).")
    repeats = b - len(np.unique(idx))
    if repeats:
        return None, _wrong(
            f"your batch of {b} from {n} has {repeats} repeated indices.",
            "your batches repeat samples; use replace=False: "
            "rng.choice(n, batch_size, replace=False).",
        )
    return idx, None


@_guarded("a plain NumPy array of indices: rng.choice(n, batch_size, replace=False)")
def sample_without_replacement(fn) -> CheckResult:
    """Check ``fn(n, batch_size, rng)``: ``batch_size`` distinct indices in ``range(n)``.

    The function must draw with the Generator it is given, so the same seed
    gives the same batch. Every call's answer is checked in full (length,
    integer dtype, range, no repeats), the seeded ones too. A hidden
    statistical case (fixed seeds, so the check is deterministic) then tells
    uniformly random subsets from structured ones such as a contiguous
    block ``start + arange(batch_size)`` or evenly spaced indices; see
    :func:`_randomness_problem`.
    """
    name = _name(fn)
    # large batches relative to n: with-replacement draws repeat almost surely (birthday problem)
    for n, b in ((20, 20), (60000, 1000), (10, 7)):
        value, fail = _call(fn, n, b, np.random.default_rng(1), argnames=("n", "batch_size", "rng"))
        if fail is not None:
            return fail
        _, fail = _indices(value, name, n, b)
        if fail is not None:
            return fail
    seeded = []
    for seed in (3, 3, 4):
        value, fail = _call(fn, 1000, 50, np.random.default_rng(seed))
        if fail is None:
            value, fail = _indices(value, name, 1000, 50)
        if fail is not None:
            return fail
        seeded.append(value)
    a, b, c = seeded
    if np.array_equal(np.sort(a), np.arange(50)) or np.array_equal(a, np.arange(950, 1000)):
        return _wrong("your batch is not random.", "use rng.choice(n, batch_size, replace=False).")
    if not np.array_equal(a, b):
        return _wrong(
            "two calls with the same seed gave different batches.",
            "draw with the `rng` argument (rng.choice), not np.random.* or a new generator.",
        )
    if np.array_equal(a, c):
        return _wrong(
            "different seeds gave the same batch.",
            "draw with the `rng` argument you are given, not a fixed seed of your own.",
        )
    fail = _randomness_problem(fn, name)
    if fail is not None:
        return fail
    return _correct("distinct indices, the right length and range, reproducible with the "
                    "given rng, and uniformly random subsets.")


#: The hidden statistical case of :func:`sample_without_replacement`: 50 batches of
#: 100 from 1000, drawn with the fixed seeds 100..149 (so the check is deterministic).
_STAT_N, _STAT_B, _STAT_SEEDS = 1000, 100, range(100, 150)


def _randomness_problem(fn, name):
    """A CheckResult if the batches of ``fn`` are not uniformly random subsets, else None.

    Distinct, in-range, reproducible indices may still be a contiguous block
    ``start + arange(B)`` or evenly spaced ones. Over 50 batches of 100 from
    1000 (fixed seeds), three statistics of uniform random subsets are far
    inside their bounds (all more than 8 standard deviations away):

    - pairs of neighbours ``i, i + 1`` in the same batch: about
      ``R * B (B - 1) / N = 495`` (sd 20); bounds [247, 742];
    - the coefficient of variation of the gaps between sorted indices:
      about 0.94 (sd 0.013), as for geometric gaps; bounds [0.6, 1.3];
    - the count of indices in each tenth of ``range(N)``: about 500 (sd
      20); at most 200 away.

    Only the SET of each batch is judged, not its order: a sorted random
    subset is still a random mini-batch.
    """
    n, b = _STAT_N, _STAT_B
    batches = []
    for seed in _STAT_SEEDS:
        value, fail = _call(fn, n, b, np.random.default_rng(seed))
        if fail is None:
            value, fail = _indices(value, name, n, b)
        if fail is not None:
            return fail
        batches.append(np.sort(value))
    rounds = len(batches)
    gaps = np.diff(np.stack(batches), axis=1)
    pairs, expected = int((gaps == 1).sum()), rounds * b * (b - 1) / n
    where = f"over {rounds} batches of {b} from {n} (fixed seeds)"
    hint = ("every sample must be equally likely, independently of the others: "
            "rng.choice(n, batch_size, replace=False).")
    if not expected / 2 <= pairs <= 1.5 * expected:
        shape = ("contiguous blocks or runs of neighbours" if pairs > expected
                 else "evenly spaced indices")
        return _wrong(f"your batches are not random subsets: {where}, {pairs} pairs of "
                      f"neighbouring indices (i and i + 1) landed in the same batch, where random "
                      f"batches have about {expected:.0f}. {shape.capitalize()} are not a "
                      "random mini-batch.", hint)
    cv = float(gaps.std() / gaps.mean())
    if not 0.6 <= cv <= 1.3:
        kind = "too regular" if cv < 0.6 else "too clustered"
        return _wrong(f"your batches are not random subsets: {where}, the gaps between your "
                      f"sorted indices are {kind} (their spread / mean is {cv:.2f}, random "
                      "batches give about 0.94).", hint)
    counts = np.bincount(np.concatenate(batches) * 10 // n, minlength=10)
    worst = int(np.argmax(np.abs(counts - rounds * b / 10)))
    if abs(counts[worst] - rounds * b / 10) > 200:
        lo, hi = worst * n // 10, (worst + 1) * n // 10 - 1
        return _wrong(f"your batches are not random subsets: {where}, {counts[worst]} of the "
                      f"{rounds * b} indices lie in {lo}..{hi}, where random batches put about "
                      f"{rounds * b // 10} in every tenth of range(n).", hint)
    return None


@_guarded(_NUMBER)
def standard_error(fn) -> CheckResult:
    """Check ``fn(sigma, batch_size)``: ``sigma / sqrt(batch_size)`` (sampling with replacement)."""
    for sigma, b in ((0.6, 100), (2.0, 1), (1.5, 400), (0.25, 60000)):
        got, fail = _call_number(fn, sigma, b, argnames=("sigma", "batch_size"),
                                 what="the standard error")
        if fail is not None:
            return fail
        want = sigma / math.sqrt(b)
        if _close(got, want):
            continue
        mistakes = [
            (sigma / b, "you divided by B, not by its square root.",
             "the spread of a mean shrinks like 1/sqrt(B): sigma / np.sqrt(batch_size)."),
            (sigma**2 / b, "you returned the VARIANCE of the mean (sigma^2 / B).",
             "take its square root: sigma / np.sqrt(batch_size)."),
            (math.sqrt(sigma / b), "you took the square root of sigma / B.",
             "only B goes under the square root: sigma / np.sqrt(batch_size)."),
            (sigma * math.sqrt(b), "you multiplied by sqrt(B).",
             "a bigger batch gives a SMALLER error: divide, sigma / np.sqrt(batch_size)."),
        ]
        hit = _diagnose(got, mistakes)
        if hit is not None:
            return hit
        shown, expected = _fmt_pair(got, want)
        return _wrong(f"for sigma = {sigma}, B = {b} you returned {shown}, expected {expected}.",
                      "SE = sigma / sqrt(B).")
    return _correct("sigma / sqrt(B): 100 samples give a tenth of one sample's spread.")


@_guarded(_NUMBER)
def batch_size_for(fn) -> CheckResult:
    """Check ``fn(sigma, target)``: the smallest int B with ``sigma / sqrt(B) <= target``.

    That is ``ceil((sigma / target) ** 2)`` (sampling with replacement). The
    hidden cases have non-integer ``(sigma / target) ** 2`` (rounding matters)
    and one exact square (``ceil`` must not add one).
    """
    name = _name(fn)
    for sigma, target in ((0.7358, 0.03), (30.0, 1.0), (0.7358, 0.01), (2.0, 0.3), (1.0, 2.0)):
        got, fail = _call_number(fn, sigma, target, argnames=("sigma", "target"),
                                 what="the batch size")
        if fail is not None:
            return fail
        want = math.ceil((sigma / target) ** 2 - 1e-9)  # 900.0000000001 is 900
        if got == want:
            continue
        ratio = sigma / target
        mistakes = [
            (ratio, "you returned sigma / target, not its square.",
             "solve sigma / sqrt(B) = target for B: B = (sigma / target) ** 2."),
            (math.ceil(ratio), "you returned sigma / target rounded up, not its square.",
             "solve sigma / sqrt(B) = target for B: B = (sigma / target) ** 2."),
            ((target / sigma) ** 2, "you squared target / sigma, upside down.",
             "a smaller target needs a BIGGER batch: (sigma / target) ** 2."),
            (round(ratio**2), "you rounded to the nearest integer; that can be too small.",
             "round UP (math.ceil): the smallest B whose error is at most the target."),
            (math.floor(ratio**2), "you rounded down: that batch is slightly too small.",
             "round UP (math.ceil): the smallest B whose error is at most the target."),
        ]
        if want != ratio**2:  # an exact float: ceil and the square agree, no mistake to name
            mistakes.append((ratio**2, "you returned (sigma / target) ** 2 without rounding: a "
                             "batch size is a whole number of images.",
                             "round UP with math.ceil: the smallest whole B that is enough."))
        hit = _diagnose(got, mistakes)
        if hit is not None:
            return hit
        if abs(got - want) == 1 and got == int(got):
            side = "larger" if got > want else "smaller"
            return _wrong(f"for sigma = {sigma}, target = {target} you returned {int(got)}, "
                          f"expected {want}: one {side} than the smallest batch size.",
                          "math.ceil((sigma / target) ** 2), with nothing added or taken away.")
        shown, expected = _fmt_pair(got, float(want))
        return _wrong(f"`{name}({sigma}, {target})` returned {shown}, expected {expected}.",
                      "invert SE = sigma / sqrt(B): B = (sigma / target) ** 2, rounded up.")
    return _correct("B = (sigma / target)² rounded up: half the error costs four times the "
                    "images.")


def _sample_cases():
    rng = np.random.default_rng(31)
    return [np.array([0.1, 0.3, 0.2, 2.4]),
            rng.lognormal(-2.0, 1.3, size=100),
            rng.lognormal(-1.0, 1.0, size=25).astype(np.float32)]


@_guarded(_NUMBER)
def standard_error_from_sample(fn) -> CheckResult:
    """Check ``fn(batch_losses)``: the standard error estimated from ONE sample alone.

    The population's sigma is unknown; its estimate is the sample's own
    spread, so the answer is ``batch_losses.std() / sqrt(B)``. Either
    ``ddof`` is right (``ddof=0``, the series' ``np.std`` default, or
    ``ddof=1``): they differ by the factor ``sqrt(B / (B - 1))``.
    """
    for sample in _sample_cases():
        got, fail = _call_number(fn, sample.copy(), argnames=("batch_losses",),
                                 what="the standard error")
        if fail is not None:
            return fail
        x = sample.astype(np.float64)
        b = x.size
        right = [x.std() / math.sqrt(b), x.std(ddof=1) / math.sqrt(b)]
        if any(_close(got, r) or np.isclose(got, r, rtol=1e-4) for r in right):
            continue
        mistakes = [
            (x.std(), "you returned the sample's spread, the error of ONE image's loss.",
             "a mean of B losses is sqrt(B) times closer: divide by np.sqrt(len(batch_losses))."),
            (x.std(ddof=1), "you returned the sample's spread, the error of ONE image's loss.",
             "a mean of B losses is sqrt(B) times closer: divide by np.sqrt(len(batch_losses))."),
            (x.std() / b, "you divided by B, not by its square root.",
             "the spread of a mean shrinks like 1/sqrt(B): divide by np.sqrt(len(batch_losses))."),
            (x.var() / b, "you returned the VARIANCE of the mean (spread squared over B).",
             "take the square root: batch_losses.std() / np.sqrt(len(batch_losses))."),
            (x.mean() / math.sqrt(b), "you divided the MEAN by sqrt(B), not the spread.",
             "the standard error is the spread (np.std) of the sample over sqrt(B)."),
            (x.mean(), "you returned the estimate itself (the sample mean), not its error.",
             "the error is the sample's spread over sqrt(B): batch_losses.std() / sqrt(B)."),
        ]
        hit = _diagnose(got, mistakes)
        if hit is not None:
            return hit
        shown, expected = _fmt_pair(got, right[0])
        return _wrong(f"for a sample of {b} losses you returned {shown}, expected {expected}.",
                      "estimate sigma by the sample's own spread: batch_losses.std() / "
                      "np.sqrt(len(batch_losses)).")
    return _correct("the sample's spread over sqrt(B): one batch tells both the estimate and "
                    "how far off it typically is.")


def _sgd_case():
    rng = np.random.default_rng(11)
    params = {
        "W1": rng.normal(size=(4, 3)), "b1": rng.normal(size=3),
        "W2": rng.normal(size=(3, 2)), "b2": rng.normal(size=2),
    }
    grads = {k: rng.normal(size=v.shape) for k, v in params.items()}
    return params, grads


def _same(a, b) -> bool:
    """``np.array_equal`` that never raises (the student may have stored anything)."""
    try:
        return bool(np.array_equal(a, b))
    except KeyboardInterrupt:
        raise
    except BaseException:  # ragged lists, objects ...
        return False


def _param_problem(k, got, want):
    """A CheckResult if ``got`` is not a real float array of ``want``'s shape, else None."""
    if not _is(got, np.ndarray):
        kind = _type_name(got)
        return _wrong(f"{k} is a {kind}, not a numpy array.",
                      "keep the arrays: params[key] -= lr * grads[key] "
                      "(or params[key] = params[key] - lr * grads[key]).")
    if got.dtype.kind == "c":
        return _wrong(f"{k} has the complex dtype {got.dtype}: the parameters must stay real.",
                      _COMPLEX_HINT)
    if got.dtype.kind != "f":
        return _wrong(f"{k} has dtype {got.dtype}, not floats.",
                      "params[key] - lr * grads[key] stays a float array: "
                      "no astype(int), no rounding.")
    if got.shape != want.shape:
        return _wrong(f"{k} changed shape from {want.shape} to {got.shape}.",
                      "subtract element-wise: params[key] - lr * grads[key] "
                      "has the shape of params[key].")
    if not np.isfinite(got).all():
        return _wrong(f"{k} holds NaN or inf.", "params[key] -= lr * grads[key]: nothing else.")
    return None


@_guarded("a plain dict of NumPy arrays (or update params in place)")
def sgd_step(fn) -> CheckResult:
    """Check ``fn(params, grads, lr)``: one SGD update of every parameter.

    The answer is ``params[key] - lr * grads[key]`` for every key, as real
    float arrays of the same shapes; the function may update ``params`` in
    place or return a new dict (extra keys are ignored).
    """
    name = _name(fn)
    for lr in (0.1, 0.5):
        params, grads = _sgd_case()  # fresh arrays for every call
        before = {k: v.copy() for k, v in params.items()}
        value, fail = _call(fn, params, {k: g.copy() for k, g in grads.items()}, lr,
                            argnames=("params", "grads", "lr"), allow_none=True)
        if fail is not None:
            return fail
        if value is None:
            if all(k in params and _same(params[k], before[k]) for k in before):
                return _unfinished(name)
            value = params  # updated in place and returned nothing: fine
        if not _is(value, dict):
            return _wrong(f"`{name}` returned {_type_name(value)}, not a dict of parameters.",
                          "update params[key] for every key and return params.")
        missing = [k for k in before if k not in value]
        if missing:
            return _wrong(f"the result has no {missing}.",
                          "loop over every key: for key in params: ...")
        for k in before:
            got, want = value[k], before[k] - lr * grads[k]
            if _is(got, np.ndarray):
                got = np.asarray(got)  # a plain ndarray: a subclass's overrides are not used
            bad = _param_problem(k, got, want)
            if bad is not None:
                return bad
            if np.allclose(got, want):
                continue
            if np.allclose(got, before[k]):
                return _wrong(f"{k} did not change.",
                              "update every parameter: for key in ('W1', 'b1', 'W2', 'b2').")
            if np.allclose(got, before[k] + lr * grads[k]):
                return _wrong("you moved UP the gradient (gradient ascent): the loss would grow.",
                              "subtract: params[key] -= lr * grads[key].")
            if np.allclose(got, before[k] - grads[k]):
                return _wrong("you forgot the learning rate.",
                              "scale the step: params[key] -= lr * grads[key].")
            if np.allclose(got, -lr * grads[k]):
                return _wrong("you replaced the parameter with the step.",
                              "subtract from the old value: params[key] - lr * grads[key].")
            return _wrong(f"{k} is not params[{k!r}] - lr * grads[{k!r}].",
                          "params[key] -= lr * grads[key].")
    return _correct("every parameter moved by -lr * gradient.")


def unseen_share(fn) -> CheckResult:
    """Check ``fn(n, epochs)``: the expected share of ``n`` images never drawn by ``epochs * n``
    independent draws with replacement (the book's ``choice``), ``(1 - 1/n) ** (epochs * n)``.

    Tried on ``n`` = 5, 100 and 60,000 and ``epochs`` = 1 and 3, where the limit ``e**-epochs``
    is a recognised mistake for small ``n`` (0.3277 for 5 images, not 0.3679).
    """
    bad = _number_cases(
        fn, ((5, 1), (5, 3), (100, 1), (60_000, 3)), argnames=("n", "epochs"), what="the share",
        want=lambda n, epochs: (1 - 1 / n) ** (epochs * n),
        mistakes=lambda n, epochs, got, want: [
            (np.exp(-epochs), f"for n = {n} you gave e**-{epochs} = {_fmt(got)}: the limit for "
             f"many images, not the share for {n}.",
             "each draw misses a given image with probability 1 - 1/n; multiply over the draws."),
            ((1 - 1 / n) ** n, f"for epochs = {epochs} you gave the share after ONE epoch.",
             "an epoch is n draws, so epochs epochs are epochs * n draws."),
            (1 - want, "you gave the share of images drawn at least once.",
             "the question asks for the images never drawn: 1 minus your answer."),
            (1 / n ** (epochs * n), "you multiplied the chances of being drawn, 1/n, not of "
             "being missed.", "a draw MISSES a given image with probability 1 - 1/n."),
        ],
        hint="each of the epochs * n draws misses a given image with probability 1 - 1/n.")
    if bad is not None:  # a CheckResult is falsy when it fails: no `bad or ...`
        return bad
    return _correct("(1 - 1/n) ** (epochs * n): about e**-epochs for many images.")


def epochs_of_run(fn) -> CheckResult:
    """Check ``fn(n, batch_size, iters_num)``: the epochs that ``iters_num`` updates make.

    An epoch is ``n / batch_size`` updates (the book's ``iter_per_epoch``), so the
    answer is ``iters_num * batch_size / n``; the hidden cases have ``batch_size``
    dividing ``n`` (the book's 60,000 and 100, and batch 20, 1 and 1,000).
    """
    bad = _number_cases(
        fn, ((60_000, 20, 10_000), (60_000, 100, 10_000), (10_000, 1, 10_000),
             (10_000, 1_000, 100), (60_000, 600, 50)),
        argnames=("n", "batch_size", "iters_num"), what="the number of epochs",
        want=lambda n, b, iters: iters * b / n,
        mistakes=lambda n, b, iters, got, want: [
            (iters / b, "you divided the updates by the batch size, not by the updates "
             "per epoch.", "one epoch is n / batch_size updates."),
            (n / (iters * b), "your answer is upside down.",
             "epochs = updates / (updates per epoch) = iters_num / (n / batch_size)."),
            (iters * n / b, "you multiplied by the updates per epoch instead of dividing.",
             "epochs = iters_num / (n / batch_size)."),
            (float(math.floor(want)), "you counted whole epochs only.",
             "the run may end inside an epoch: return the fraction too."),
            (iters / n, "you left out the batch size: each update sees batch_size images.",
             "one epoch is n / batch_size updates."),
        ],
        hint="one epoch is n / batch_size updates.")
    if bad is not None:  # a CheckResult is falsy when it fails: no `bad or ...`
        return bad
    return _correct("iters_num / (n / batch_size): the book's 10,000 updates are 16.67 "
                    "epochs of batches of 100, but only 3.33 of batches of 20.")


def lr_same_ground(fn) -> CheckResult:
    """Check ``fn(lr, batch_size, new_batch_size)``: the learning rate of the same ground per epoch.

    One epoch makes ``n / B`` steps of length about ``lr`` times the gradient,
    so the ground covered per epoch goes with ``lr / B`` (notebook 04's rule of
    thumb): the answer is ``lr * new_batch_size / batch_size`` (B = 100 at 0.1
    -> B = 20 at 0.02).
    """
    bad = _number_cases(
        fn, ((0.1, 100, 20), (0.1, 10, 100), (0.05, 100, 1), (0.3, 50, 200)),
        argnames=("lr", "batch_size", "new_batch_size"), what="the learning rate",
        want=lambda lr, b, new: lr * new / b,
        mistakes=lambda lr, b, new, got, want: [
            (lr * b / new, "your answer is upside down: a smaller batch makes more steps per "
             "epoch, so each step must be shorter.", "keep lr / batch_size the same."),
            (lr * math.sqrt(new / b), "you scaled by the square root (the noise of the "
             "batch), not by the number of steps per epoch.",
             "an epoch makes n / batch_size steps of about lr x gradient: keep lr / batch_size."),
            (lr, "you kept the learning rate: then a batch 5 times smaller covers about 5 times "
             "the ground per epoch.", "keep lr / batch_size the same."),
        ],
        hint="keep lr / batch_size the same.")
    if bad is not None:  # a CheckResult is falsy when it fails: no `bad or ...`
        return bad
    return _correct("lr * new_batch_size / batch_size: batch 20 at 0.02 covers about the "
                    "ground per epoch of batch 100 at 0.1 (five times the steps, each a "
                    "fifth as long).")
