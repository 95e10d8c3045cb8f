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

A missing attribute raises TypeError naming ``net``. ``train_sgd`` validates
the data once (``x`` 2-D, real, finite; one target per row), converts ``x``
to the parameters' dtype once (so float32 stays float32 and uint8 images are
not converted again at every step), and probes ``net.predict`` with one row to
learn the number of classes K, so data that do not fit the net fail before
training, with the net's own message.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from helpers.losses import _to_labels, cross_entropy_error
from helpers.sampling import as_generator
from helpers.validation import check_array, check_bool, check_callable, check_int, check_real

__all__ = ["TrainHistory", "train_sgd", "steps_per_epoch"]

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
        ``eval_every`` steps if given, and the end of every epoch.
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
        ``n_steps``, ``eval_every``, ``hidden_size`` (``params["W1"].shape[1]``,
        None for a net without ``W1``) and ``dtype`` (of the parameters, a str).
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


def train_sgd(net, x, t, *, batch_size=100, lr=0.1, epochs=1, rng=None, replace=False,
              x_test=None, t_test=None, eval_every=None, progress=True, callback=None):
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
    epochs : int, default 1
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
        Also evaluate every this many steps (evaluation is always done at step 0
        and at the end of every epoch).
    progress : bool, default True
        Show a ``tqdm.auto`` progress bar.
    callback : callable, optional
        ``callback(step, history)`` after every evaluation; ``history`` arrays
        are preallocated and hold NaN where not yet computed.

    Returns
    -------
    TrainHistory

    Raises
    ------
    TypeError
        For an argument of the wrong kind: a ``net`` without the protocol, a
        float ``batch_size``/``epochs``/``eval_every``, a non-number ``lr``,
        ``replace``/``progress`` that are not bools, a non-callable
        ``callback``, non-numeric data, ``x_test`` without ``t_test``.
    ValueError
        For a bad value: batch_size outside 1..N, lr <= 0, epochs < 1,
        eval_every < 1, data with NaN, of the wrong shape, or whose lengths
        disagree.
    """
    from tqdm.auto import tqdm

    dtype = _check_net(net)
    x = check_array(x, "x", ndim=2)
    n = x.shape[0]
    x = x.astype(dtype, copy=False)  # once, not at every step and evaluation
    probe = np.asarray(net.predict(x[:1]))  # data that do not fit the net fail here
    if probe.ndim != 2 or probe.shape[0] != 1:
        raise TypeError("net.predict must return probabilities (N, K); "
                        f"for x[:1] it gave shape {probe.shape}")
    k = probe.shape[1]
    labels = _check_targets(t, n, k, "t")
    have_test = x_test is not None or t_test is not None
    if have_test:
        if x_test is None or t_test is None:
            given, other = ("x_test", "t_test") if t_test is None else ("t_test", "x_test")
            raise TypeError(f"{other} must be given with {given} "
                            "(test inputs and their targets), got None")
        x_test = check_array(x_test, "x_test", ndim=2)
        if x_test.shape[1] != x.shape[1]:
            raise ValueError(f"x_test must have shape (M, {x.shape[1]}) like x, got {x_test.shape}")
        x_test = x_test.astype(dtype, copy=False)
        labels_test = _check_targets(t_test, x_test.shape[0], k, "t_test")
    if batch_size is not None:
        batch_size = check_int(batch_size, "batch_size", minimum=1, maximum=n,
                               why=" (the number of training samples; None means all)")
    lr = check_real(lr, "lr", minimum=0.0, strict=True)
    epochs = check_int(epochs, "epochs", minimum=1)
    replace = check_bool(replace, "replace")
    if eval_every is not None:
        eval_every = check_int(eval_every, "eval_every", minimum=1)
    progress = check_bool(progress, "progress")
    callback = check_callable(callback, "callback", optional=True)
    rng = as_generator(rng)

    full = batch_size is None
    b = n if full else batch_size
    per_epoch = steps_per_epoch(n, batch_size, replace)
    n_steps = per_epoch * epochs
    evals = {0, *range(per_epoch, n_steps + 1, per_epoch)}
    if eval_every is not None:
        evals.update(range(eval_every, n_steps + 1, eval_every))
    eval_steps = np.array(sorted(evals))
    nan = np.full(eval_steps.size, np.nan)
    w1 = net.params.get("W1")
    hist = TrainHistory(
        loss=np.full(n_steps, np.nan), eval_step=eval_steps, eval_epoch=eval_steps / per_epoch,
        train_loss=nan.copy(), train_acc=nan.copy(), test_loss=nan.copy(), test_acc=nan.copy(),
        seconds=nan.copy(),
        settings=dict(batch_size=batch_size, lr=lr, epochs=epochs, replace=replace, n_train=n,
                      steps_per_epoch=per_epoch, n_steps=n_steps, eval_every=eval_every,
                      hidden_size=int(w1.shape[1]) if w1 is not None and w1.ndim == 2 else None,
                      dtype=str(dtype)),
    )
    start = time.perf_counter()
    j = 0  # next evaluation

    def evaluate(step):
        nonlocal j
        hist.train_loss[j], hist.train_acc[j] = _evaluate(net, x, labels)
        if have_test:
            hist.test_loss[j], hist.test_acc[j] = _evaluate(net, x_test, labels_test)
        hist.seconds[j] = time.perf_counter() - start
        j += 1
        if callback is not None:
            callback(step, hist)

    evaluate(0)
    with tqdm(total=n_steps, disable=not progress, desc="train_sgd", unit="step") as bar:
        step = 0
        for _ in range(epochs):
            perm = None if full or replace else rng.permutation(n)
            for i in range(per_epoch):
                if full:
                    xb, tb = x, labels
                else:
                    if perm is not None:
                        idx = perm[i * b:(i + 1) * b]
                    else:
                        idx = rng.integers(0, n, size=b)
                    xb, tb = x[idx], labels[idx]
                hist.loss[step], grads = net.loss_and_gradient(xb, tb)
                _update(net.params, grads, lr)
                step += 1
                bar.update(1)
                if j < eval_steps.size and eval_steps[j] == step:
                    evaluate(step)
                    bar.set_postfix(train_loss=f"{hist.train_loss[j - 1]:.4f}")
    return hist


def _update(params, grads, lr):
    """``params[name] -= lr * grads[name]`` in place, after checking that grads fit params."""
    if not isinstance(grads, dict) or any(
        name not in params or np.shape(g) != params[name].shape for name, g in grads.items()
    ):
        raise TypeError("net.loss_and_gradient must return (loss, grads) with grads a dict of "
                        "arrays keyed and shaped like net.params")
    for name, g in grads.items():
        params[name] -= lr * g
