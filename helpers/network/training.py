"""Mini-batch stochastic gradient descent: ``train_sgd``, ``TrainHistory``, ``steps_per_epoch``.

The trainer works with any net that follows this small protocol (duck typing;
:class:`helpers.network.TwoLayerNet` does):

``net.params``
    A dict ``{name: numpy.ndarray}`` of floating arrays. ``train_sgd`` updates
    them IN PLACE: ``net.params[name] -= lr * grads[name]``.
``net.loss_and_gradient(x, t) -> (loss, grads)``
    For a mini-batch ``x`` of shape ``(B, D)`` and integer labels ``t`` of
    shape ``(B,)`` (intp): the mean loss (a float) and a dict with the same
    keys (a subset is fine) and shapes as ``params``.
``net.predict(x) -> y``
    Class probabilities of shape ``(N, K)`` for inputs ``(N, D)``; used for
    the evaluations on the full training set (and the test set).
``net.sizes`` (optional)
    A tuple of layer widths, input first; recorded in ``settings`` (see
    :class:`TrainHistory`) and nothing else.

A missing attribute raises TypeError naming ``net``. ``train_sgd`` validates
the data once (``x`` 2-D, real, finite; one target per row), converts ``x``
to the parameters' dtype once (so float32 stays float32 and uint8 images are
not converted again at every step), and probes ``net.predict`` with one row to
learn the number of classes K, so data that do not fit the net fail before
training, with the net's own message.

Used by notebook 04 (``train_sgd`` and its ``TrainHistory``, also through the
widget and the plots of 04) and by :func:`helpers.network.pretrained`, which
trains the net of notebooks 01, 02 and 03 once per cache.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from helpers._validation import (
    check_array,
    check_bool,
    check_callable,
    check_int,
    check_int_array,
    check_real,
    is_int,
)
from helpers.i18n import tr
from helpers.losses import _to_labels, cross_entropy_error
from helpers.sampling import as_generator

__all__ = ["TrainHistory", "train_sgd", "steps_per_epoch"]

#: Most updates one :func:`train_sgd` call may make (``epochs * steps_per_epoch``): the
#: mini-batch losses are preallocated, 8 bytes per update (80 MB at this cap).
MAX_UPDATES = 10**7

_PROTOCOL = "params (dict of arrays), loss_and_gradient(x, t) and predict(x)"


@dataclass
class TrainHistory:
    """What :func:`train_sgd` records.

    Attributes
    ----------
    loss : numpy.ndarray, shape (n_steps,), float64
        Mini-batch loss at every step (before that step's update).
    eval_step : numpy.ndarray of int
        Steps at which the full data were evaluated: 0 (before training), every
        ``eval_every`` steps if given, the steps listed in ``eval_at`` if given,
        the end of every epoch and the last step (the same thing unless
        ``steps`` ends the run inside an epoch).
    eval_epoch : numpy.ndarray of float
        The same moments in epochs (``eval_step / steps_per_epoch``).
    train_loss, train_acc : numpy.ndarray of float
        Loss and accuracy on the FULL training set at each evaluation.
    test_loss, test_acc : numpy.ndarray of float
        The same on the test set (NaN when no test data were given).
    seconds : numpy.ndarray of float
        Wall-clock seconds since the start of training at each evaluation
        (evaluation time included).
    settings : dict
        The settings used: ``batch_size`` (None = full batch), ``lr``,
        ``epochs``, ``replace`` (bool), ``n_train``, ``steps_per_epoch``,
        ``n_steps``, ``eval_every``, ``sizes`` (``tuple(net.sizes)`` for a net
        with a ``sizes`` attribute of layer widths, else None), ``hidden_size``
        (``sizes[1]`` when ``sizes`` has three entries, input, hidden, output,
        as for :class:`~helpers.network.TwoLayerNet`; else None) and ``dtype``
        (of the parameters, a str).

    Raises
    ------
    TypeError
        If an array field is not a 1-D numeric array (``eval_step``: integers),
        ``settings`` is not a dict, or one of its required entries is of the
        wrong kind.
    ValueError
        If an array is empty or not 1-D, the per-evaluation arrays differ in
        length from ``eval_step``, ``settings`` lacks one of ``batch_size``,
        ``lr``, ``epochs``, ``replace``, ``n_train``, ``steps_per_epoch``,
        ``n_steps`` (what the plots and widgets of notebook 04 read), or
        ``settings['n_steps']`` differs from ``len(loss)``.
    """

    loss: np.ndarray
    eval_step: np.ndarray
    eval_epoch: np.ndarray
    train_loss: np.ndarray
    train_acc: np.ndarray
    test_loss: np.ndarray
    test_acc: np.ndarray
    seconds: np.ndarray
    settings: dict = field(default_factory=dict)

    def __post_init__(self):
        """Light checks, so that the plots and widgets never meet a KeyError or a ragged run.

        Arrays are taken with ``np.asarray`` (the caller's arrays, not copies);
        TypeError / ValueError name the field.
        """
        self.loss = _history_array(self.loss, "loss", "fiu")
        self.eval_step = _history_array(self.eval_step, "eval_step", "iu")
        for name in _EVAL_FIELDS[1:]:
            setattr(self, name, _history_array(getattr(self, name), name, "fiu"))
        m = self.eval_step.size
        for name in _EVAL_FIELDS[1:]:
            if getattr(self, name).size != m:
                raise ValueError(f"{name} must have one value per evaluation (eval_step has {m}),"
                                 f" got {getattr(self, name).size}")
        _check_settings(self.settings, self.loss.size)


#: The fields with one value per evaluation.
_EVAL_FIELDS = ("eval_step", "eval_epoch", "train_loss", "train_acc", "test_loss", "test_acc",
                "seconds")
#: The settings that the plots and widgets read (``train_sgd`` records more).
_REQUIRED_SETTINGS = ("batch_size", "lr", "epochs", "replace", "n_train", "steps_per_epoch",
                      "n_steps")


def _history_array(value, name, kinds):
    """A 1-D, non-empty array of ``kinds`` (NaN allowed: not yet computed)."""
    return check_array(value, name, ndim=1, kinds=kinds, finite=False)


def _check_settings(s, n_loss):
    """TypeError / ValueError naming ``settings`` unless it holds what the readers need."""
    if not isinstance(s, dict):
        raise TypeError(f"settings must be a dict (as train_sgd records), "
                        f"got {type(s).__name__}")
    missing = [k for k in _REQUIRED_SETTINGS if k not in s]
    if missing:
        raise ValueError(f"settings lacks {missing}; expected at least "
                         f"{', '.join(_REQUIRED_SETTINGS)} (as train_sgd records)")
    for key, minimum in (("n_train", 1), ("steps_per_epoch", 1), ("epochs", 1), ("n_steps", 1)):
        check_int(s[key], f"settings[{key!r}]", minimum=minimum)
    if s["batch_size"] is not None:
        check_int(s["batch_size"], "settings['batch_size']", minimum=1)
    check_real(s["lr"], "settings['lr']", minimum=0.0, strict=True)
    check_bool(s["replace"], "settings['replace']")
    if s["n_steps"] != n_loss:
        raise ValueError(f"settings['n_steps'] must equal the number of mini-batch losses "
                         f"({n_loss}), got {s['n_steps']}")


def steps_per_epoch(n, batch_size, replace=False):
    """Updates in one epoch of :func:`train_sgd`: the one rule every caller uses.

    Parameters
    ----------
    n : int
        Number of training samples N (>= 1).
    batch_size : int or None
        B (1 <= B <= N), or None for full-batch gradient descent (1 step).
    replace : bool, default False
        False (without replacement): ``ceil(N / B)`` batches of a fresh
        shuffle, the last may be smaller, each sample once per epoch. True
        (with replacement, the book's ``choice(N, B)``): ``max(N // B, 1)``
        draws of B.

    Returns
    -------
    int

    Raises
    ------
    TypeError
        If ``n`` or ``batch_size`` is not an int, or ``replace`` not a bool.
    ValueError
        If ``n < 1`` or ``batch_size`` is outside ``1..n``.
    """
    n = check_int(n, "n", minimum=1)
    replace = check_bool(replace, "replace")
    if batch_size is None:
        return 1
    b = check_int(batch_size, "batch_size", minimum=1, maximum=n, why=" (the number of samples n)")
    return max(n // b, 1) if replace else -(-n // b)


def _check_net(net):
    """TypeError naming ``net`` unless it follows the protocol; return the params' float dtype."""
    params = getattr(net, "params", None)
    missing = [m for m in ("loss_and_gradient", "predict") if not callable(getattr(net, m, None))]
    if not isinstance(params, dict) or not params:
        missing.insert(0, "params")
    if missing:
        raise TypeError(f"net must have {_PROTOCOL}; "
                        f"{type(net).__name__} lacks {', '.join(missing)}")
    bad = [k for k, v in params.items() if not (isinstance(v, np.ndarray) and v.dtype.kind == "f")]
    if bad:
        raise TypeError(f"net.params must hold floating numpy arrays, not {bad}")
    return np.result_type(*params.values())


def _finite(x, name):
    """``x``, or ValueError naming ``name`` if it holds NaN or inf (the message of
    :func:`~helpers._validation.check_array`).

    Judged from its smallest and largest values (a NaN makes both NaN, an inf one of them),
    not with ``np.isfinite(x).all()``, which would first build a bool array as large as ``x``
    (47 MB for MNIST's 60,000 training images) at every call.
    """
    if x.dtype.kind == "f" and x.size and not (np.isfinite(x.min()) and np.isfinite(x.max())):
        raise ValueError(f"{name} contains NaN or inf; expected finite values")
    return x


def _check_targets(t, n, k, name):
    """Labels ``(n,)`` for ``n`` rows of ``k`` classes (TypeError for a non-numeric ``t``)."""
    t = check_array(t, name, ndim=(1, 2), kinds="biuf", finite=False, nonempty=False)
    if t.shape[0] != n:
        rows = "x" if name == "t" else "x_test"
        raise ValueError(f"{name} must have one target per row of {rows} ({n}), got {t.shape[0]}")
    return _to_labels(t, n, k, "train_sgd", name=name)


def _evaluate(net, x, labels):
    y = net.predict(x)
    return cross_entropy_error(y, labels), float(np.mean(np.asarray(y).argmax(axis=1) == labels))


def train_sgd(net, x, t, *, batch_size=100, lr=0.1, epochs=None, rng=None, replace=False,
              x_test=None, t_test=None, eval_every=None, progress=True, callback=None,
              steps=None, blas_threads=1, eval_at=None):
    """Train ``net`` in place by mini-batch stochastic gradient descent.

    Parameters
    ----------
    net : object following the protocol of this module
        E.g. :class:`helpers.network.TwoLayerNet`; its ``params`` are updated.
    x : array_like, shape (N, D)
        Training inputs, real and finite (float32 stays float32). Not modified.
    t : array_like
        Integer labels (N,) or one-hot (N, K). Not modified.
    batch_size : int or None, default 100
        Mini-batch size B (1 <= B <= N). ``None`` means all the data: plain
        (full-batch) gradient descent, one step per epoch, no sampling.
    lr : float, default 0.1
        Learning rate (> 0).
    epochs : int, optional
        Number of epochs, at most ``MAX_UPDATES // steps_per_epoch`` (10**7
        updates in all). Default 1, or (with ``steps``) the epochs that
        ``steps`` starts: ``ceil(steps / steps_per_epoch)``.
    rng : None, int or numpy.random.Generator
        Source of the mini-batch indices.
    replace : bool, default False
        False (without replacement): a fresh permutation each epoch, cut into
        ceil(N / B) batches (the last may be smaller), so each sample is used
        once per epoch. True (with replacement): the book's
        ``choice(N, batch_size)``, ``max(N // B, 1)`` steps per epoch. See
        :func:`steps_per_epoch`.
    x_test, t_test : array_like, optional
        Test data (give both or neither) for the test loss / accuracy at each
        evaluation; ``x_test`` has shape (M, D).
    eval_every : int, optional
        Also evaluate every this many steps, 1 up to the number of updates
        (evaluation is always done at step 0 and at the end of every epoch).
    eval_at : sequence of int, optional
        Also evaluate after each of these updates (ints from 1 up to the number
        of updates, any order, repeats ignored), e.g. log-spaced steps 1, 2, 5,
        10, ... so that a log-scale plot starts at the untrained loss, or
        extra points inside the first epoch. Evaluations change no parameter
        and draw no random number: the training is the same with or without.
    progress : bool, default True
        Show a ``tqdm.auto`` progress bar (its text in the language of :mod:`helpers.i18n`).
    callback : callable, optional
        ``callback(step, history)`` after every evaluation; ``history`` arrays
        are preallocated and hold NaN where not yet computed.
    steps : int, optional
        Make exactly this many updates (1 to :data:`MAX_UPDATES`) instead of
        whole epochs: the book's ``iters_num = 10000`` (16 2/3 epochs of 600
        batches of 100). Give ``epochs`` or ``steps``, not both. The run is
        evaluated at step 0, at the end of every complete epoch and after the
        last update; ``settings['epochs']`` is ``ceil(steps / steps_per_epoch)``.
    blas_threads : int or None, default 1
        Processor threads NumPy's matrix products may use while training
        (``threadpoolctl``). For matrices this small one thread is fastest:
        organising several costs more than it saves. None: leave NumPy's setting.

    Returns
    -------
    TrainHistory

    Raises
    ------
    TypeError
        For an argument of the wrong kind: a ``net`` without the protocol, a
        float ``batch_size``/``epochs``/``eval_every``, a non-number ``lr``,
        ``replace``/``progress`` that are not bools, a non-callable
        ``callback``, non-numeric data, ``x_test`` without ``t_test``, a
        float ``steps`` or ``blas_threads``, an ``eval_at`` that is not a
        sequence of ints.
    ValueError
        For a bad value: batch_size outside 1..N, lr <= 0, epochs < 1 or so
        many that ``epochs * steps_per_epoch`` exceeds :data:`MAX_UPDATES`
        (10**7), eval_every outside ``1..epochs * steps_per_epoch``, data
        with NaN, of the wrong shape, or whose lengths disagree; ``steps``
        outside ``1..MAX_UPDATES`` or given with ``epochs``; ``blas_threads < 1``;
        an ``eval_at`` step outside ``1..epochs * steps_per_epoch``.
    """
    run = _check_arguments(net, x, t, batch_size=batch_size, lr=lr, epochs=epochs, rng=rng,
                           replace=replace, x_test=x_test, t_test=t_test, eval_every=eval_every,
                           progress=progress, callback=callback, steps=steps, eval_at=eval_at)
    if blas_threads is not None:
        blas_threads = check_int(blas_threads, "blas_threads", minimum=1)
    hist = _new_history(run, net)
    if blas_threads is None:
        _loop(net, run, hist)
    else:
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=blas_threads):
            _loop(net, run, hist)
    return hist


@dataclass
class _Run:
    """The checked arguments of one :func:`train_sgd` call, and the step counts they give."""

    x: np.ndarray  # (N, D), the parameters' dtype
    labels: np.ndarray  # (N,)
    test: tuple | None  # (x_test, labels_test) or None
    batch_size: int | None
    lr: float
    epochs: int
    rng: np.random.Generator
    replace: bool
    eval_every: int | None
    eval_at: np.ndarray | None  # sorted unique steps, or None
    progress: bool
    callback: object
    dtype: np.dtype
    per_epoch: int
    n_steps: int


def _check_arguments(net, x, t, *, batch_size, lr, epochs, rng, replace, x_test, t_test,
                     eval_every, progress, callback, steps=None, eval_at=None) -> _Run:
    """Validate every argument of :func:`train_sgd` (in this order: net, data, settings)."""
    dtype = _check_net(net)
    x = _finite(check_array(x, "x", ndim=2, finite=False), "x")
    n = x.shape[0]
    x = x.astype(dtype, copy=False)  # once, not at every step and evaluation
    probe = np.asarray(net.predict(x[:1]))  # data that do not fit the net fail here
    if probe.ndim != 2 or probe.shape[0] != 1:
        raise TypeError("net.predict must return probabilities (N, K); "
                        f"for x[:1] it gave shape {probe.shape}")
    k = probe.shape[1]
    labels = _check_targets(t, n, k, "t")
    test = None
    if x_test is not None or t_test is not None:
        if x_test is None or t_test is None:
            given, other = ("x_test", "t_test") if t_test is None else ("t_test", "x_test")
            raise TypeError(f"{other} must be given with {given} "
                            "(test inputs and their targets), got None")
        x_test = _finite(check_array(x_test, "x_test", ndim=2, finite=False), "x_test")
        if x_test.shape[1] != x.shape[1]:
            raise ValueError(f"x_test must have shape (M, {x.shape[1]}) like x, got {x_test.shape}")
        x_test = x_test.astype(dtype, copy=False)
        test = (x_test, _check_targets(t_test, x_test.shape[0], k, "t_test"))
    if batch_size is not None:
        batch_size = check_int(batch_size, "batch_size", minimum=1, maximum=n,
                               why=" (the number of training samples; None means all)")
    lr = check_real(lr, "lr", minimum=0.0, strict=True)
    if epochs is not None:
        epochs = check_int(epochs, "epochs", minimum=1)
    replace = check_bool(replace, "replace")
    per_epoch = steps_per_epoch(n, batch_size, replace)
    if steps is not None:
        steps = check_int(steps, "steps", minimum=1, maximum=MAX_UPDATES,
                          why=" (the most updates one call may make)")
        if epochs is not None:
            raise ValueError(f"steps and epochs: give one of them, not both "
                             f"(got steps={steps}, epochs={epochs})")
        epochs, n_steps = -(-steps // per_epoch), steps
    else:
        epochs = 1 if epochs is None else epochs
        max_epochs = max(MAX_UPDATES // per_epoch, 1)
        epochs = check_int(epochs, "epochs", maximum=max_epochs,
                           why=f" ({per_epoch:,} updates per epoch, at most {MAX_UPDATES:,} "
                               "updates in one call)")
        n_steps = per_epoch * epochs
    if eval_every is not None:
        eval_every = check_int(eval_every, "eval_every", minimum=1, maximum=n_steps,
                               why=" (the number of updates, epochs * steps per epoch)")
    if eval_at is not None:
        if isinstance(eval_at, (str, bytes)) or is_int(eval_at) or np.isscalar(eval_at):
            raise TypeError(f"eval_at must be a sequence of ints (steps after which to "
                            f"evaluate), got {eval_at!r}")
        eval_at = np.unique(check_int_array(eval_at, "eval_at", minimum=1, ndim=1))
        if eval_at[-1] > n_steps:
            raise ValueError(f"eval_at must hold steps from 1 to the number of updates "
                             f"({n_steps:,}), got {eval_at[-1]:,}")
    progress = check_bool(progress, "progress")
    callback = check_callable(callback, "callback", optional=True)
    rng = as_generator(rng)
    return _Run(x=x, labels=labels, test=test, batch_size=batch_size, lr=lr, epochs=epochs,
                rng=rng, replace=replace, eval_every=eval_every, eval_at=eval_at,
                progress=progress,
                callback=callback, dtype=dtype, per_epoch=per_epoch, n_steps=n_steps)


def _net_sizes(net):
    """``tuple(net.sizes)`` if the net has such a tuple or list of ints, else None."""
    sizes = getattr(net, "sizes", None)
    if not isinstance(sizes, (tuple, list)) or not all(is_int(s) for s in sizes):
        return None
    return tuple(int(s) for s in sizes)


def _new_history(run: _Run, net) -> TrainHistory:
    """The :class:`TrainHistory` to fill: NaN everywhere, the evaluation steps, the settings."""
    eval_steps = np.union1d(np.arange(0, run.n_steps + 1, run.per_epoch),  # 0, every epoch's
                            [run.n_steps])                                 # end, the last step
    if run.eval_every is not None:
        eval_steps = np.union1d(eval_steps, np.arange(0, run.n_steps + 1, run.eval_every))
    if run.eval_at is not None:
        eval_steps = np.union1d(eval_steps, run.eval_at)
    nan = np.full(eval_steps.size, np.nan)
    sizes = _net_sizes(net)
    return TrainHistory(
        loss=np.full(run.n_steps, np.nan), eval_step=eval_steps,
        eval_epoch=eval_steps / run.per_epoch, train_loss=nan.copy(), train_acc=nan.copy(),
        test_loss=nan.copy(), test_acc=nan.copy(), seconds=nan.copy(),
        settings=dict(batch_size=run.batch_size, lr=run.lr, epochs=run.epochs,
                      replace=run.replace, n_train=run.x.shape[0], steps_per_epoch=run.per_epoch,
                      n_steps=run.n_steps, eval_every=run.eval_every, sizes=sizes,
                      hidden_size=sizes[1] if sizes is not None and len(sizes) == 3 else None,
                      dtype=str(run.dtype)),
    )


def _loop(net, run: _Run, hist: TrainHistory) -> None:
    """The training loop: evaluate at step 0, then step, evaluating at ``hist.eval_step``."""
    from tqdm.auto import tqdm

    x, labels, rng = run.x, run.labels, run.rng
    n = x.shape[0]
    full = run.batch_size is None
    b = n if full else run.batch_size
    start = time.perf_counter()
    j = 0  # next evaluation

    def evaluate(step):
        nonlocal j
        hist.train_loss[j], hist.train_acc[j] = _evaluate(net, x, labels)
        if run.test is not None:
            hist.test_loss[j], hist.test_acc[j] = _evaluate(net, *run.test)
        hist.seconds[j] = time.perf_counter() - start
        j += 1
        if run.callback is not None:
            run.callback(step, hist)

    evaluate(0)
    with tqdm(total=run.n_steps, disable=not run.progress, desc=tr("training.progress.desc"),
              unit=tr("training.progress.unit")) as bar:
        step = 0
        for _ in range(run.epochs):
            perm = None if full or run.replace else rng.permutation(n)
            for i in range(min(run.per_epoch, run.n_steps - step)):  # `steps` may end mid-epoch
                if full:
                    xb, tb = x, labels
                else:
                    if perm is not None:
                        idx = perm[i * b:(i + 1) * b]
                    else:
                        idx = rng.integers(0, n, size=b)
                    xb, tb = x[idx], labels[idx]
                hist.loss[step], grads = net.loss_and_gradient(xb, tb)
                _update(net.params, grads, run.lr)
                step += 1
                bar.update(1)
                if j < hist.eval_step.size and hist.eval_step[j] == step:
                    evaluate(step)
                    bar.set_postfix_str(tr("training.progress.loss",
                                            loss=f"{hist.train_loss[j - 1]:.4f}"))


def _update(params, grads, lr):
    """``params[name] -= lr * grads[name]`` in place, after checking that grads fit params."""
    if not isinstance(grads, dict) or any(
        name not in params or np.shape(g) != params[name].shape for name, g in grads.items()
    ):
        raise TypeError("net.loss_and_gradient must return (loss, grads) with grads a dict of "
                        "arrays keyed and shaped like net.params")
    with np.errstate(over="ignore", invalid="ignore"):  # divergence: the next forward pass
        for name, g in grads.items():                  # names the parameter (a ValueError)
            params[name] -= lr * g
