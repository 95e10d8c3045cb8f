"""Self-checking exercises: run a student's function on hidden cases and give a hint.

Every check takes the student's FUNCTION, calls it on cases the student does
not see, compares with the right answer and returns a :class:`CheckResult`
whose text (shown as the cell's output) is either "✅ Correct: ..." or
"❌ Not yet: ... Hint: ...". A check never raises: an unfinished starter
(returning ``...`` or ``None``) or a function that crashes gets a message,
so a notebook with the starter code still runs top to bottom. Every message
comes from the catalogue topic "check" (``helpers/locale/<lang>/check.py``):
after ``helpers.use_language("ko")`` the checks answer in Korean.

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

from helpers.i18n import tr
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
    return CheckResult(True, tr("check.verdict.correct", what=what))


def _wrong(problem: str, hint: str = "") -> CheckResult:
    text = tr("check.verdict.not_yet", problem=problem)
    if hint:
        text += "\n" + tr("check.verdict.hint", hint=hint)
    return CheckResult(False, text)


def _unfinished(name: str) -> CheckResult:
    return _wrong(tr("check.unfinished.problem", name=name), tr("check.unfinished.hint"))


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
    return tr("check.your_function")


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _printed(show, obj, limit: int, lesson: bool = True) -> str:
    """``show(obj)`` (``str`` or ``repr``) shortened, and never raising: a student's
    object or exception may refuse to print. ``lesson=False``: for an argument error
    (always English), not for a message the student reads."""
    try:
        text = show(obj)
        text = str.__str__(text) if _is(text, str) else "?"
    except KeyboardInterrupt:
        raise
    except BaseException:  # a broken __str__ / __repr__
        text = (tr("check.unprintable", kind=_type_name(obj)) if lesson
                else f"<{_type_name(obj)} that cannot be printed>")
    return _shorten(text, limit)


def _text(obj, limit=200) -> str:
    """``str(obj)`` shortened, never raising."""
    return _printed(str, obj, limit)


def _short_repr(obj, limit=60) -> str:
    """``repr(obj)`` shortened, never raising (for :class:`CheckResult`'s argument errors)."""
    return _printed(repr, obj, limit, lesson=False)


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
    return _wrong(tr("check.signature.problem", name=name, have=have, count=len(argnames),
                     want=want),
                  tr("check.signature.hint", name=name, want=want))


def _call(fn, *args, argnames=(), allow_none=False, raised=None):
    """Call the student's function; return ``(value, None)`` or ``(None, CheckResult)``.

    Never raises: every exception of the student's code (``SystemExit`` of a
    stray ``exit()``, ``GeneratorExit`` and any other ``BaseException``
    included) becomes a message; only ``KeyboardInterrupt`` goes through, so
    the user can still stop a cell. ``raised(fn, name, e)``, if given, makes the
    message of an exception instead of :func:`_raised`.
    """
    name = _name(fn)
    if not callable(fn):
        return None, _wrong(tr("check.not_callable.problem", kind=_type_name(fn)),
                            tr("check.not_callable.hint"))
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
        return None, (raised or _raised)(fn, name, e)
    if value is Ellipsis or (value is None and not allow_none):
        return None, _unfinished(name)
    return value, None


def _raised(fn, name, e) -> CheckResult:
    """The message for an exception ``e`` raised by the student's function ``fn``."""
    return _wrong(*_raised_parts(fn, name, e))


def _raised_parts(fn, name, e) -> tuple[str, str]:
    """``(problem, hint)`` for an exception ``e`` raised by the student's function ``fn``."""
    where = ""
    try:
        frames = traceback.extract_tb(e.__traceback__)
        code = getattr(fn, "__code__", None)
        # the deepest line of the student's own code (an error inside numpy names numpy's line)
        own = [f for f in frames if code is not None and f.filename == code.co_filename]
        last = (own or [f for f in frames if f.filename != __file__] or [None])[-1]
        if last is not None:
            code_line = (last.line or "").strip()
            where = " " + (tr("check.raised.line_code", line=last.lineno, code=code_line)
                           if code_line else tr("check.raised.line", line=last.lineno))
    except KeyboardInterrupt:
        raise
    except BaseException:  # a traceback we cannot read: no line then
        where = ""
    if issubclass(type(e), SystemExit):
        return (tr("check.raised.exit.problem", name=name, where=where),
                tr("check.raised.exit.hint"))
    return (tr("check.raised.problem", name=name, kind=_type_name(e), error=_text(e),
               where=where),
            tr("check.raised.hint"))


def _guarded(expected):
    """Decorate a check so that it NEVER raises, whatever the student's objects do.

    Every touch of what the student's function returned (an ``isinstance``,
    a ``__contains__``, a ufunc of an ndarray subclass, ...) runs inside this
    one guard: an exception there becomes "❌ Not yet" (never "Correct");
    only ``KeyboardInterrupt`` goes through. ``expected()`` gives the hint that
    says what to return (called when the message is made, in the language in use).
    """
    def wrap(check):
        @functools.wraps(check)
        def run(fn):
            try:
                return check(fn)
            except KeyboardInterrupt:
                raise
            except BaseException as e:  # the student's objects may raise anything
                return _wrong(tr("check.guard.problem", name=_name(fn), kind=_type_name(e),
                                 error=_text(e)), expected())
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


def _complex_hint() -> str:
    return tr("check.complex.hint")


def _as_number(value, name, what=None):
    """A real scalar as float, or a CheckResult saying why it is not one.

    Accepted: Python ints/floats, NumPy integer/float scalars and 0-d real
    arrays (they behave as numbers). Everything else gets a message: bools,
    complex numbers, strings, lists, generators, arrays with dimensions,
    ints too large for a float, objects whose conversion raises. ``what`` names the
    answer in the hints (default: the loss).
    """
    if what is None:
        what = tr("check.what.loss")
    if _is(value, (bool, np.bool_)):
        return None, _wrong(tr("check.number.bool.problem", name=name, value=repr(bool(value))),
                            tr("check.number.bool.hint", what=what))
    if _is(value, np.ndarray):
        value = np.asarray(value)  # a plain ndarray: a subclass's overrides are not used
        if value.ndim > 0:
            return None, _wrong(tr("check.number.array.problem", name=name,
                                   shape=str(value.shape)),
                                tr("check.number.array.hint", what=what))
        if value.dtype.kind == "c":
            return None, _wrong(tr("check.number.complex.problem", name=name,
                                   value=_text(value)), _complex_hint())
        if value.dtype.kind not in "fiu":
            return None, _wrong(tr("check.number.zero_d.problem", name=name,
                                   dtype=str(value.dtype)),
                                tr("check.number.zero_d.hint", what=what))
        value = value[()]  # the NumPy scalar inside
    if _is(value, numbers.Complex) and not _is(value, numbers.Real):
        return None, _wrong(tr("check.number.complex.problem", name=name, value=_text(value)),
                            _complex_hint())
    if _is(value, (str, bytes)):
        return None, _wrong(tr("check.number.string.problem", name=name,
                               value=repr(_text(value, 40))),
                            tr("check.number.string.hint"))
    if _is(value, (list, tuple)):
        return None, _wrong(tr("check.number.sequence.problem", name=name,
                               kind=_type_name(value), count=len(value)),
                            tr("check.number.sequence.hint", what=what))
    if _is(value, (types.GeneratorType, map, filter, zip, range)):
        return None, _wrong(tr("check.number.generator.problem", name=name,
                               kind=_type_name(value)),
                            tr("check.number.generator.hint"))
    if not _is(value, numbers.Real):
        return None, _wrong(tr("check.number.other.problem", name=name, kind=_type_name(value)),
                            tr("check.number.other.hint", what=what))
    try:
        got = float(value)
    except OverflowError:
        return None, _wrong(tr("check.number.overflow.problem", name=name),
                            tr("check.number.overflow.hint", what=what))
    except KeyboardInterrupt:
        raise
    except BaseException as e:  # a number type whose __float__ raises
        return None, _wrong(tr("check.number.float_refused.problem", name=name,
                               kind=_type_name(value), error_kind=_type_name(e),
                               error=_text(e)),
                            tr("check.number.float_refused.hint", what=what))
    return got, None


def _call_number(fn, *args, argnames=(), what=None, raised=None):
    """Call the student's function expecting one number: ``(float, None)`` or ``(None, fail)``."""
    value, fail = _call(fn, *args, argnames=argnames, raised=raised)
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
        return _wrong(tr("check.cases.wrong", given=_given(argnames, case), name=_name(fn),
                         got=_fmt(got), want=_fmt(expected)), hint)
    return None


# ------------------------------------------------------------------ exercises
def _number_hint() -> str:
    """What a check of one number asks for, when what was returned cannot be used."""
    return tr("check.guard.number")


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


@_guarded(_number_hint)
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
            return _wrong(tr("check.cee_single.not_finite.problem",
                             y=str(np.round(y, 3).tolist()), got=f"{got}"),
                          tr("check.cee_single.not_finite.hint", delta=_delta_text()))
        delta = _delta_text()
        with np.errstate(all="ignore"):
            mistakes = [
                (-want, tr("check.mistake.sign"),
                 tr("check.cee_single.sign.hint", delta=delta)),
                (float(-np.sum(t64 * np.log10(y64 + _DELTA))), tr("check.mistake.log10"),
                 tr("check.cee_single.log10.hint")),
                (float(-np.sum(np.log(y64 + _DELTA))), tr("check.cee_single.every_class.problem"),
                 tr("check.cee_single.every_class.hint", delta=delta)),
                (float(-np.mean(t64 * np.log(y64 + _DELTA))), tr("check.mistake.classes"),
                 tr("check.cee_single.classes.hint")),
                (float(-np.sum(t64 * np.log(y64 + 1e-3))), tr("check.cee_single.big_delta.problem"),
                 tr("check.cee_single.big_delta.hint", delta=delta)),
            ]
        hit = _diagnose(got, mistakes)
        if hit is not None:
            return hit
        shown, expected = _fmt_pair(got, want)
        return _wrong(tr("check.cee_single.wrong.problem", y=str(np.round(y, 3).tolist()),
                         label=int(np.argmax(t)), got=shown, want=expected),
                      tr("check.cee_single.wrong.hint", delta=delta))
    return _correct(tr("check.cee_single.correct"))


#: The hidden losses of :func:`prob_from_loss` (the book's two examples, ln 2, 1, a large one, 0).
_LOSS_CASES = (0.5108256237659907, 2.302585092994046, 0.6931471805599453, 1.0, 9.0, 0.0)


@_guarded(lambda: tr("check.guard.probability"))
def prob_from_loss(fn) -> CheckResult:
    """Check ``fn(E)``: the probability ``y`` of the right class that costs the loss ``E``.

    ``E = -log(y + delta)`` read backwards: ``y = exp(-E)`` (or ``exp(-E) - delta``;
    both are accepted, they differ by at most ``DELTA = 1e-7``). ``E`` is a float >= 0;
    the answer is a float in [0, 1].
    """
    for e in _LOSS_CASES:
        got, fail = _call_number(fn, e, argnames=("E",), what=tr("check.what.probability"))
        if fail is not None:
            return fail
        want = math.exp(-e)
        if abs(got - want) <= 2 * _DELTA and math.isfinite(got):
            continue
        with np.errstate(all="ignore"):
            mistakes = [
                (math.exp(e), tr("check.prob.exp_plus.problem"), tr("check.prob.exp_plus.hint")),
                (10.0 ** -e, tr("check.prob.base10.problem"), tr("check.prob.base10.hint")),
                (-math.log(e) if e > 0 else math.inf, tr("check.prob.log_again.problem"),
                 tr("check.prob.log_again.hint")),
                (1.0 / e if e > 0 else math.inf, tr("check.prob.inverse.problem"),
                 tr("check.prob.inverse.hint")),
                (1.0 - math.exp(-e), tr("check.prob.complement.problem"),
                 tr("check.prob.complement.hint")),
            ]
        hit = _diagnose(got, mistakes)
        if hit is not None:
            return hit
        shown, expected = _fmt_pair(got, want)
        return _wrong(tr("check.prob.wrong.problem", e=_fmt(e), got=shown, want=expected),
                      tr("check.prob.wrong.hint"))
    return _correct(tr("check.prob.correct"))


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


@_guarded(_number_hint)
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
            return _wrong(tr("check.batch.not_finite.problem", got=f"{got}"),
                          tr("check.batch.not_finite.hint", delta=_delta_text()))
        with np.errstate(all="ignore"):
            mistakes = [
                (-want, tr("check.mistake.sign"), tr("check.hint.minus_mean")),
                (want * n, tr("check.batch.no_mean.problem"), tr("check.batch.no_mean.hint")),
                (want * n / 10, tr("check.batch.classes.problem"), tr("check.batch.classes.hint")),
                (float(-np.sum(np.log(y[:, t] + _DELTA)) / n), tr("check.batch.columns.problem"),
                 tr("check.batch.columns.hint")),
                (float(-np.sum(np.log(y + _DELTA)) / n), tr("check.batch.every_class.problem"),
                 tr("check.batch.every_class.hint")),
                (float(-np.sum(np.log10(picked + _DELTA)) / n), tr("check.mistake.log10"),
                 tr("check.batch.log10.hint")),
            ]
        hit = _diagnose(got, mistakes)
        if hit is not None:
            return hit
        shown, expected = _fmt_pair(got, want)
        return _wrong(tr("check.batch.wrong.problem", n=n, got=shown, want=expected),
                      tr("check.batch.wrong.hint", delta=_delta_text()))
    return _correct(tr("check.batch.correct"))


def _both_cases():
    """``(y, t, what)``: label targets for a batch and for ONE sample (a plain int label too)."""
    rng = np.random.default_rng(11)
    batch = rng.dirichlet(np.ones(10), size=6)
    book = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
    return [
        (batch, rng.integers(0, 10, size=6), tr("check.both.case.batch")),
        (book, 2, tr("check.both.case.int")),
        (book, np.int64(7), tr("check.both.case.np_int")),
        (rng.dirichlet(np.ones(10)).astype(np.float32), 4, tr("check.both.case.float32")),
    ]


def _no_reshape(what):
    """The ``raised`` of :func:`_call` for the case ``what``: a nudge when ``t`` has no
    ``reshape`` or ``size`` (the book's code on a plain int label), else the usual message."""
    def raised(fn, name, e):
        problem, hint = _raised_parts(fn, name, e)
        error = _text(e)
        if not issubclass(type(e), SystemExit) and (
                "has no attribute 'reshape'" in error or "has no attribute 'size'" in error):
            # a nudge, not the fix (the notebook's solution has the fix)
            return _wrong(tr("check.both.no_reshape.problem", what=what, problem=problem),
                          tr("check.both.no_reshape.hint"))
        return _wrong(problem, hint)
    return raised


@_guarded(_number_hint)
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
        got, fail = _call_number(fn, y.copy(), t_arg, argnames=("y", "t"),
                                 raised=_no_reshape(what))
        if fail is not None:
            return fail
        if _close(got, want):
            continue
        y_flat = y.reshape(-1).astype(np.float64)
        with np.errstate(all="ignore"):
            mistakes = [
                (-want, tr("check.mistake.sign"), tr("check.hint.minus_mean")),
                (float(-np.sum(np.log(y_flat + _DELTA))) if y.ndim == 1 else np.nan,
                 tr("check.both.every_class.problem", what=what),
                 tr("check.both.every_class.hint")),
                (want * len(y2) / 10, tr("check.mistake.classes"), tr("check.both.classes.hint")),
            ]
        hit = _diagnose(got, mistakes)
        if hit is not None:
            return hit
        shown, expected = _fmt_pair(got, want)
        return _wrong(tr("check.both.wrong.problem", what=what, got=shown, want=expected),
                      tr("check.both.wrong.hint"))
    return _correct(tr("check.both.correct"))


def _indices(value, name, n, b):
    """``(idx, None)`` for ``b`` distinct ints in ``range(n)``, else ``(None, fail)``."""
    hint = tr("check.indices.hint")
    if _is(value, (types.GeneratorType, map, filter, zip)):
        return None, _wrong(tr("check.indices.generator.problem", name=name,
                               kind=_type_name(value)),
                            tr("check.indices.generator.hint", hint=hint))
    idx = _array(value)  # a plain ndarray from here on (never the student's subclass)
    if idx is None or idx.dtype.kind in "OUSV":
        return None, _wrong(tr("check.indices.not_array.problem", name=name,
                               kind=_type_name(value)), hint)
    if idx.ndim != 1 or len(idx) != b:
        return None, _wrong(tr("check.indices.shape.problem", n=n, b=b, shape=str(idx.shape)),
                            tr("check.indices.shape.hint"))
    if idx.dtype.kind not in "iu":
        return None, _wrong(tr("check.indices.dtype.problem", dtype=str(idx.dtype)),
                            tr("check.indices.use_choice"))
    if idx.min() < 0 or idx.max() >= n:
        return None, _wrong(tr("check.indices.outside.problem", top=n - 1),
                            tr("check.indices.outside.hint"))
    repeats = b - len(np.unique(idx))
    if repeats:
        return None, _wrong(tr("check.indices.repeats.problem", b=b, n=n, repeats=repeats),
                            tr("check.indices.repeats.hint"))
    return idx, None


@_guarded(lambda: tr("check.guard.indices"))
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
        return _wrong(tr("check.sample.not_random.problem"), tr("check.indices.use_choice"))
    if not np.array_equal(a, b):
        return _wrong(tr("check.sample.same_seed.problem"), tr("check.sample.same_seed.hint"))
    if np.array_equal(a, c):
        return _wrong(tr("check.sample.other_seed.problem"), tr("check.sample.other_seed.hint"))
    fail = _randomness_problem(fn, name)
    if fail is not None:
        return fail
    return _correct(tr("check.sample.correct"))


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
    where = tr("check.random.where", rounds=rounds, b=b, n=n)
    hint = tr("check.random.hint")
    if not expected / 2 <= pairs <= 1.5 * expected:
        shape = (tr("check.random.neighbours.blocks") if pairs > expected
                 else tr("check.random.neighbours.spaced"))
        return _wrong(tr("check.random.neighbours.problem", where=where, pairs=pairs,
                         expected=f"{expected:.0f}", shape=shape), hint)
    cv = float(gaps.std() / gaps.mean())
    if not 0.6 <= cv <= 1.3:
        kind = tr("check.random.gaps.regular") if cv < 0.6 else tr("check.random.gaps.clustered")
        return _wrong(tr("check.random.gaps.problem", where=where, kind=kind, cv=f"{cv:.2f}"),
                      hint)
    counts = np.bincount(np.concatenate(batches) * 10 // n, minlength=10)
    worst = int(np.argmax(np.abs(counts - rounds * b / 10)))
    if abs(counts[worst] - rounds * b / 10) > 200:
        lo, hi = worst * n // 10, (worst + 1) * n // 10 - 1
        return _wrong(tr("check.random.tenths.problem", where=where, count=counts[worst],
                         total=rounds * b, lo=lo, hi=hi, each=rounds * b // 10), hint)
    return None


@_guarded(_number_hint)
def standard_error(fn) -> CheckResult:
    """Check ``fn(sigma, batch_size)``: ``sigma / sqrt(batch_size)`` (sampling with replacement)."""
    for sigma, b in ((0.6, 100), (2.0, 1), (1.5, 400), (0.25, 60000)):
        got, fail = _call_number(fn, sigma, b, argnames=("sigma", "batch_size"),
                                 what=tr("check.what.standard_error"))
        if fail is not None:
            return fail
        want = sigma / math.sqrt(b)
        if _close(got, want):
            continue
        mistakes = [
            (sigma / b, tr("check.mistake.divided_by_b"), tr("check.se.divided_by_b.hint")),
            (sigma**2 / b, tr("check.se.variance.problem"), tr("check.se.variance.hint")),
            (math.sqrt(sigma / b), tr("check.se.root_of_all.problem"),
             tr("check.se.root_of_all.hint")),
            (sigma * math.sqrt(b), tr("check.se.multiplied.problem"),
             tr("check.se.multiplied.hint")),
        ]
        hit = _diagnose(got, mistakes)
        if hit is not None:
            return hit
        shown, expected = _fmt_pair(got, want)
        return _wrong(tr("check.se.wrong.problem", sigma=f"{sigma}", b=b, got=shown,
                         want=expected),
                      tr("check.se.wrong.hint"))
    return _correct(tr("check.se.correct"))


@_guarded(_number_hint)
def batch_size_for(fn) -> CheckResult:
    """Check ``fn(sigma, target)``: the smallest int B with ``sigma / sqrt(B) <= target``.

    That is ``ceil((sigma / target) ** 2)`` (sampling with replacement). The
    hidden cases have non-integer ``(sigma / target) ** 2`` (rounding matters)
    and one exact square (``ceil`` must not add one).
    """
    name = _name(fn)
    for sigma, target in ((0.7358, 0.03), (30.0, 1.0), (0.7358, 0.01), (2.0, 0.3), (1.0, 2.0)):
        got, fail = _call_number(fn, sigma, target, argnames=("sigma", "target"),
                                 what=tr("check.what.batch_size"))
        if fail is not None:
            return fail
        want = math.ceil((sigma / target) ** 2 - 1e-9)  # 900.0000000001 is 900
        if got == want:
            continue
        ratio = sigma / target
        mistakes = [
            (ratio, tr("check.bsf.ratio.problem"), tr("check.bsf.solve.hint")),
            (math.ceil(ratio), tr("check.bsf.ratio_up.problem"), tr("check.bsf.solve.hint")),
            ((target / sigma) ** 2, tr("check.bsf.upside_down.problem"),
             tr("check.bsf.upside_down.hint")),
            (round(ratio**2), tr("check.bsf.nearest.problem"), tr("check.bsf.round_up.hint")),
            (math.floor(ratio**2), tr("check.bsf.down.problem"), tr("check.bsf.round_up.hint")),
        ]
        if want != ratio**2:  # an exact float: ceil and the square agree, no mistake to name
            mistakes.append((ratio**2, tr("check.bsf.unrounded.problem"),
                             tr("check.bsf.unrounded.hint")))
        hit = _diagnose(got, mistakes)
        if hit is not None:
            return hit
        if abs(got - want) == 1 and got == int(got):
            fields = {"sigma": f"{sigma}", "target": f"{target}", "got": int(got), "want": want}
            problem = (tr("check.bsf.one_larger.problem", **fields) if got > want
                       else tr("check.bsf.one_smaller.problem", **fields))
            return _wrong(problem, tr("check.bsf.one_off.hint"))
        shown, expected = _fmt_pair(got, float(want))
        return _wrong(tr("check.bsf.wrong.problem", name=name, sigma=f"{sigma}",
                         target=f"{target}", got=shown, want=expected),
                      tr("check.bsf.wrong.hint"))
    return _correct(tr("check.bsf.correct"))


def _sample_cases():
    rng = np.random.default_rng(31)
    return [np.array([0.1, 0.3, 0.2, 2.4]),
            rng.lognormal(-2.0, 1.3, size=100),
            rng.lognormal(-1.0, 1.0, size=25).astype(np.float32)]


@_guarded(_number_hint)
def standard_error_from_sample(fn) -> CheckResult:
    """Check ``fn(batch_losses)``: the standard error estimated from ONE sample alone.

    The population's sigma is unknown; its estimate is the sample's own
    spread, so the answer is ``batch_losses.std() / sqrt(B)``. Either
    ``ddof`` is right (``ddof=0``, the series' ``np.std`` default, or
    ``ddof=1``): they differ by the factor ``sqrt(B / (B - 1))``.
    """
    for sample in _sample_cases():
        got, fail = _call_number(fn, sample.copy(), argnames=("batch_losses",),
                                 what=tr("check.what.standard_error"))
        if fail is not None:
            return fail
        x = sample.astype(np.float64)
        b = x.size
        right = [x.std() / math.sqrt(b), x.std(ddof=1) / math.sqrt(b)]
        if any(_close(got, r) or np.isclose(got, r, rtol=1e-4) for r in right):
            continue
        mistakes = [
            (x.std(), tr("check.sfs.spread.problem"), tr("check.sfs.spread.hint")),
            (x.std(ddof=1), tr("check.sfs.spread.problem"), tr("check.sfs.spread.hint")),
            (x.std() / b, tr("check.mistake.divided_by_b"), tr("check.sfs.divided_by_b.hint")),
            (x.var() / b, tr("check.sfs.variance.problem"), tr("check.sfs.variance.hint")),
            (x.mean() / math.sqrt(b), tr("check.sfs.mean_over_root.problem"),
             tr("check.sfs.mean_over_root.hint")),
            (x.mean(), tr("check.sfs.estimate.problem"), tr("check.sfs.estimate.hint")),
        ]
        hit = _diagnose(got, mistakes)
        if hit is not None:
            return hit
        shown, expected = _fmt_pair(got, right[0])
        return _wrong(tr("check.sfs.wrong.problem", b=b, got=shown, want=expected),
                      tr("check.sfs.wrong.hint"))
    return _correct(tr("check.sfs.correct"))


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
        return _wrong(tr("check.param.not_array.problem", param=k, kind=_type_name(got)),
                      tr("check.param.not_array.hint"))
    if got.dtype.kind == "c":
        return _wrong(tr("check.param.complex.problem", param=k, dtype=str(got.dtype)),
                      _complex_hint())
    if got.dtype.kind != "f":
        return _wrong(tr("check.param.dtype.problem", param=k, dtype=str(got.dtype)),
                      tr("check.param.dtype.hint"))
    if got.shape != want.shape:
        return _wrong(tr("check.param.shape.problem", param=k, old=str(want.shape),
                         new=str(got.shape)),
                      tr("check.param.shape.hint"))
    if not np.isfinite(got).all():
        return _wrong(tr("check.param.not_finite.problem", param=k),
                      tr("check.param.not_finite.hint"))
    return None


@_guarded(lambda: tr("check.guard.params"))
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
            return _wrong(tr("check.sgd.not_dict.problem", name=name, kind=_type_name(value)),
                          tr("check.sgd.not_dict.hint"))
        missing = [k for k in before if k not in value]
        if missing:
            return _wrong(tr("check.sgd.missing.problem", missing=missing),
                          tr("check.sgd.missing.hint"))
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
                return _wrong(tr("check.sgd.unchanged.problem", param=k),
                              tr("check.sgd.unchanged.hint"))
            if np.allclose(got, before[k] + lr * grads[k]):
                return _wrong(tr("check.sgd.ascent.problem"), tr("check.sgd.ascent.hint"))
            if np.allclose(got, before[k] - grads[k]):
                return _wrong(tr("check.sgd.no_lr.problem"), tr("check.sgd.no_lr.hint"))
            if np.allclose(got, -lr * grads[k]):
                return _wrong(tr("check.sgd.replaced.problem"), tr("check.sgd.replaced.hint"))
            return _wrong(tr("check.sgd.wrong.problem", param=k, param_repr=repr(k)),
                          tr("check.sgd.wrong.hint"))
    return _correct(tr("check.sgd.correct"))


def unseen_share(fn) -> CheckResult:
    """Check ``fn(n, epochs)``: the expected share of ``n`` images never drawn by ``epochs * n``
    independent draws with replacement (the book's ``choice``), ``(1 - 1/n) ** (epochs * n)``.

    Tried on ``n`` = 5, 100 and 60,000 and ``epochs`` = 1 and 3, where the limit ``e**-epochs``
    is a recognised mistake for small ``n`` (0.3277 for 5 images, not 0.3679).
    """
    bad = _number_cases(
        fn, ((5, 1), (5, 3), (100, 1), (60_000, 3)), argnames=("n", "epochs"),
        what=tr("check.what.share"),
        want=lambda n, epochs: (1 - 1 / n) ** (epochs * n),
        mistakes=lambda n, epochs, got, want: [
            (np.exp(-epochs), tr("check.unseen.limit.problem", n=n, epochs=epochs,
                                 got=_fmt(got)),
             tr("check.unseen.limit.hint")),
            ((1 - 1 / n) ** n, tr("check.unseen.one_epoch.problem", epochs=epochs),
             tr("check.unseen.one_epoch.hint")),
            (1 - want, tr("check.unseen.drawn.problem"), tr("check.unseen.drawn.hint")),
            (1 / n ** (epochs * n), tr("check.unseen.drawn_chance.problem"),
             tr("check.unseen.drawn_chance.hint")),
        ],
        hint=tr("check.unseen.hint"))
    if bad is not None:  # a CheckResult is falsy when it fails: no `bad or ...`
        return bad
    return _correct(tr("check.unseen.correct"))


def epochs_of_run(fn) -> CheckResult:
    """Check ``fn(n, batch_size, iters_num)``: the epochs that ``iters_num`` updates make.

    An epoch is ``n / batch_size`` updates (the book's ``iter_per_epoch``), so the
    answer is ``iters_num * batch_size / n``; the hidden cases have ``batch_size``
    dividing ``n`` (the book's 60,000 and 100, and batch 20, 1 and 1,000).
    """
    bad = _number_cases(
        fn, ((60_000, 20, 10_000), (60_000, 100, 10_000), (10_000, 1, 10_000),
             (10_000, 1_000, 100), (60_000, 600, 50)),
        argnames=("n", "batch_size", "iters_num"), what=tr("check.what.epochs"),
        want=lambda n, b, iters: iters * b / n,
        mistakes=lambda n, b, iters, got, want: [
            (iters / b, tr("check.epochs.by_batch.problem"), tr("check.epochs.hint")),
            (n / (iters * b), tr("check.epochs.upside_down.problem"),
             tr("check.epochs.upside_down.hint")),
            (iters * n / b, tr("check.epochs.multiplied.problem"),
             tr("check.epochs.multiplied.hint")),
            (float(math.floor(want)), tr("check.epochs.whole.problem"),
             tr("check.epochs.whole.hint")),
            (iters / n, tr("check.epochs.no_batch.problem"), tr("check.epochs.hint")),
        ],
        hint=tr("check.epochs.hint"))
    if bad is not None:  # a CheckResult is falsy when it fails: no `bad or ...`
        return bad
    return _correct(tr("check.epochs.correct"))


def lr_same_ground(fn) -> CheckResult:
    """Check ``fn(lr, batch_size, new_batch_size)``: the learning rate of the same ground per epoch.

    One epoch makes ``n / B`` steps of length about ``lr`` times the gradient,
    so the ground covered per epoch goes with ``lr / B`` (notebook 04's rule of
    thumb): the answer is ``lr * new_batch_size / batch_size`` (B = 100 at 0.1
    -> B = 20 at 0.02).
    """
    bad = _number_cases(
        fn, ((0.1, 100, 20), (0.1, 10, 100), (0.05, 100, 1), (0.3, 50, 200)),
        argnames=("lr", "batch_size", "new_batch_size"), what=tr("check.what.lr"),
        want=lambda lr, b, new: lr * new / b,
        mistakes=lambda lr, b, new, got, want: [
            (lr * b / new, tr("check.lr.upside_down.problem"), tr("check.lr.hint")),
            (lr * math.sqrt(new / b), tr("check.lr.root.problem"), tr("check.lr.root.hint")),
            (lr, tr("check.lr.kept.problem"), tr("check.lr.hint")),
        ],
        hint=tr("check.lr.hint"))
    if bad is not None:  # a CheckResult is falsy when it fails: no `bad or ...`
        return bad
    return _correct(tr("check.lr.correct"))
