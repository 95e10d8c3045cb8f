"""The cached pretrained network: ``pretrained()`` and its ``PRETRAINED_RECIPE``.

``pretrained()`` trains :class:`~helpers.network.TwoLayerNet` once on real
MNIST by a fixed, deterministic recipe and then loads the weights from
``weights_dir() / "twolayer-<key>.npz"`` in milliseconds (``key`` is a short
hash of the recipe, so a changed recipe trains again).

Sharing the cache:

- a valid file is loaded without writing anything (a read-only shared folder
  works, and no lock file is created);
- when the file is missing or unusable, a :class:`filelock.FileLock` on
  ``twolayer-<key>.npz.lock`` next to it makes concurrent processes train
  once: the first trains and saves, the others wait, re-check and load;
- training runs with one BLAS thread (``threadpoolctl``), so several
  processes starting at once do not fight over the cores;
- a folder that cannot be written gives the trained net in memory and one
  line on stderr saying to set ``MINIBATCH_CEE_DATA``; a corrupt file is
  retrained with one line on stderr.

Those lines are in the language of :mod:`helpers.i18n` (topic ``common``).

Used by notebooks 01 (the net's prediction for one test image), 02 (its loss
on the whole training and test sets) and 03 (its per-sample losses, which the
random mini-batches estimate); ``make data`` prepares it (``python -m
helpers.network``).
"""

from __future__ import annotations

import hashlib
import json
import sys

import numpy as np

from helpers._validation import check_bool
from helpers.i18n import tr
from helpers.network.model import TwoLayerNet
from helpers.network.training import train_sgd

__all__ = ["pretrained", "PRETRAINED_RECIPE"]

#: The recipe of :func:`pretrained`; its hash names the cache file.
PRETRAINED_RECIPE = dict(
    data="mnist normalize=True flatten=True",
    input_size=784, hidden_size=50, output_size=10, weight_init_std=0.01,
    seed=0, epochs=5, batch_size=100, lr=0.1, replace=False, dtype="float32",
)

#: Seconds a process waits for another one that is training the same recipe.
LOCK_TIMEOUT = 600


def _recipe_key(recipe):
    return hashlib.sha256(json.dumps(recipe, sort_keys=True).encode()).hexdigest()[:12]


def _load_training_data():
    """``(x_train, t_train), (x_test, t_test)`` for :func:`pretrained` (real MNIST)."""
    from helpers.mnist import load_mnist

    return load_mnist(normalize=True, flatten=True, one_hot_label=False)


def _say(message):
    """One plain line on stderr (not a warning: no file name, line number or traceback)."""
    print(f"pretrained(): {message}", file=sys.stderr, flush=True)


def _load_cached(path, recipe):
    """``(net, None)`` if ``path`` holds the net of ``recipe``, else ``(None, why)``; no writes."""
    if not path.exists():
        return None, None
    try:
        net = TwoLayerNet.load(path)
    except (ValueError, OSError) as e:
        return None, str(e)
    want = (recipe["input_size"], recipe["hidden_size"], recipe["output_size"])
    if net.meta.get("recipe") != recipe:
        return None, tr("common.pretrained.other_recipe")
    if net.sizes != want or net.dtype != np.dtype(recipe["dtype"]):
        return None, tr("common.pretrained.other_shapes", sizes=str(net.sizes),
                        dtype=str(net.dtype))
    return net, None


def _train(recipe, progress):
    """Train the net of ``recipe`` (deterministic; one BLAS thread)."""
    from threadpoolctl import threadpool_limits

    (x, t), (x_test, t_test) = _load_training_data()
    rng = np.random.default_rng(recipe["seed"])
    net = TwoLayerNet(recipe["input_size"], recipe["hidden_size"], recipe["output_size"],
                      recipe["weight_init_std"], rng=rng, dtype=recipe["dtype"])
    with threadpool_limits(limits=1):
        hist = train_sgd(net, x, t, batch_size=recipe["batch_size"], lr=recipe["lr"],
                         epochs=recipe["epochs"], rng=rng, replace=recipe["replace"],
                         x_test=x_test, t_test=t_test, progress=progress)
    net.meta = {
        "recipe": recipe,
        "results": {"train_loss": float(hist.train_loss[-1]),
                    "train_acc": float(hist.train_acc[-1]),
                    "test_loss": float(hist.test_loss[-1]), "test_acc": float(hist.test_acc[-1]),
                    "seconds": float(hist.seconds[-1])},
    }
    return net


def _not_saved(folder, err):
    reason = getattr(err, "strerror", None) or str(err) or type(err).__name__
    _say(tr("common.pretrained.not_saved", folder=folder, reason=reason))


def pretrained(*, retrain=False, progress=True):
    """The book's network trained on real MNIST by :data:`PRETRAINED_RECIPE`, cached.

    Recipe: seed 0, 784-50-10, weight_init_std 0.01, 5 epochs of mini-batch
    SGD with batch 100, lr 0.1, without replacement (``replace=False``: a
    fresh shuffle per epoch, 3,000 steps). It reaches a full training-set CEE
    of about 0.30 (training accuracy 91.4%) and a test accuracy of about 91.8%
    (test CEE 0.29); measured with numpy 2.4 / OpenBLAS, the last digits can
    differ with another BLAS. Training takes a few seconds (2.5 s on 2 cores here).

    The first call trains (with a progress bar) and writes
    ``weights_dir() / "twolayer-<key>.npz"``; later calls load it in
    milliseconds. See the module docstring for read-only folders, concurrent
    processes and corrupt files.

    Parameters
    ----------
    retrain : bool, default False
        Train again and overwrite the cache.
    progress : bool, default True
        Show the training progress bar.

    Returns
    -------
    TwoLayerNet
        float32 parameters; its ``meta`` holds ``recipe`` and ``results``
        (final full training loss and accuracy, test loss and accuracy,
        training seconds).

    Raises
    ------
    TypeError
        If ``retrain`` or ``progress`` is not a bool.
    """
    from filelock import FileLock, Timeout

    from helpers.paths import weights_dir

    retrain = check_bool(retrain, "retrain")
    progress = check_bool(progress, "progress")
    recipe = dict(PRETRAINED_RECIPE)
    folder = weights_dir()
    path = folder / f"twolayer-{_recipe_key(recipe)}.npz"
    if not retrain:
        net, _ = _load_cached(path, recipe)  # no lock and no write for a valid file
        if net is not None:
            return net

    lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except Timeout:
        _say(tr("common.pretrained.waited", seconds=LOCK_TIMEOUT, folder=folder))
        lock = None
    except OSError as e:  # a read-only folder: no lock, no cache
        net = _train(recipe, progress)
        _not_saved(folder, e)
        return net
    try:
        if not retrain:
            net, why = _load_cached(path, recipe)  # another process may have trained meanwhile
            if net is not None:
                return net
            if why is not None:
                _say(tr("common.pretrained.unusable", why=why))
        net = _train(recipe, progress)
        try:
            net.save(path)
        except OSError as e:
            _not_saved(folder, e)
        return net
    finally:
        if lock is not None:
            lock.release()
