"""The book's two-layer network (Deep Learning from Scratch, ch. 4): ``TwoLayerNet``.

``affine -> sigmoid -> affine -> softmax``. Parameters are float32 by default
(float64 on request, e.g. for gradient checks), inputs are converted to that
dtype, so float32 images are never upcast. Nothing here touches the global
``np.random`` state: the initial weights come from ``rng``.

Besides the book's methods (``predict``, ``loss``, ``accuracy``,
``numerical_gradient``, ``gradient``), a net offers ``loss_and_gradient``
(one forward and one backward pass, what :func:`helpers.network.train_sgd`
calls) and ``check_input`` (the one place where inputs are validated).
"""

from __future__ import annotations

import json
import os
import zipfile
import zlib
from pathlib import Path

import numpy as np

from helpers.losses import DELTA, _to_labels, cross_entropy_error, softmax
from helpers.sampling import as_generator
from helpers.validation import check_array, check_int, check_real

__all__ = ["TwoLayerNet", "sigmoid"]

_PARAM_NAMES = ("W1", "b1", "W2", "b2")
_FILE_WANTED = "an .npz archive written by TwoLayerNet.save (arrays W1, b1, W2, b2 and meta)"


def _sigmoid(a):
    return 0.5 * (1.0 + np.tanh(0.5 * a))


def sigmoid(a):
    """Logistic function ``1 / (1 + exp(-a))``, written with tanh so that it never overflows.

    Parameters
    ----------
    a : array_like, any shape
        Real numbers. Floating arrays keep their dtype (float32 stays float32);
        integers give float64.

    Returns
    -------
    numpy.ndarray (or numpy scalar for a scalar ``a``), same shape as ``a``
        Values in [0, 1], exact to about 1e-16 absolute (the tanh form; for
        ``a < -30`` the tiny results lose relative precision).

    Raises
    ------
    TypeError
        If ``a`` is not real numeric (strings, complex numbers, bools).
    ValueError
        If ``a`` is empty or holds NaN (``+-inf`` give 1 and 0).
    """
    a = check_array(a, "a", finite=False)
    if a.dtype.kind == "f" and np.isnan(a).any():
        raise ValueError("a contains NaN; expected real numbers (+-inf are allowed)")
    return _sigmoid(a if a.dtype.kind == "f" else a.astype(np.float64))


def _float_dtype(dtype):
    """``numpy.dtype`` float32 or float64, or TypeError / ValueError naming ``dtype``."""
    want = "numpy.float32 or numpy.float64"
    if dtype is None or isinstance(dtype, bool):
        raise TypeError(f"dtype must be {want}, got {dtype!r}")
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"dtype must be {want}, got {dtype!r} (not a numpy dtype)") from None
    if dt not in (np.float32, np.float64):
        raise ValueError(f"dtype must be {want}, got {dt}")
    return dt


def _as_path(path):
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, got {path!r} ({type(path).__name__})")
    return Path(path)


class TwoLayerNet:
    """Two-layer network: ``softmax(sigmoid(x W1 + b1) W2 + b2)``.

    Parameters
    ----------
    input_size, hidden_size, output_size : int
        Layer widths, each >= 1 (784, 50, 10 for MNIST).
    weight_init_std : float, default 0.01
        Weights start as ``weight_init_std * standard_normal``; biases as 0.
    rng : None, int or numpy.random.Generator
        Source of the initial weights (see :func:`helpers.sampling.as_generator`).
    dtype : {numpy.float32, numpy.float64}, default float32
        dtype of the parameters and of the computation. Inputs are converted to
        it, so float32 images are never upcast to float64.

    Attributes
    ----------
    params : dict of numpy.ndarray
        ``W1 (input_size, hidden_size)``, ``b1 (hidden_size,)``,
        ``W2 (hidden_size, output_size)``, ``b2 (output_size,)``, all of ``dtype``.
        :func:`helpers.network.train_sgd` updates them in place.
    meta : dict
        Free-form, JSON-serialisable information saved with the weights (e.g.
        the training recipe and results of :func:`helpers.network.pretrained`).

    Raises
    ------
    TypeError
        A size that is not an int, a ``weight_init_std`` that is not a real
        number, a ``dtype`` that is not a dtype.
    ValueError
        A size < 1, a negative or non-finite ``weight_init_std``, a dtype other
        than float32/float64, a bad ``rng``.
    """

    def __init__(self, input_size=784, hidden_size=50, output_size=10, weight_init_std=0.01,
                 rng=None, dtype=np.float32):
        i = check_int(input_size, "input_size", minimum=1)
        h = check_int(hidden_size, "hidden_size", minimum=1)
        o = check_int(output_size, "output_size", minimum=1)
        weight_init_std = check_real(weight_init_std, "weight_init_std", minimum=0.0)
        dtype = _float_dtype(dtype)
        rng = as_generator(rng)
        self.params = {
            "W1": (weight_init_std * rng.standard_normal((i, h))).astype(dtype),
            "b1": np.zeros(h, dtype),
            "W2": (weight_init_std * rng.standard_normal((h, o))).astype(dtype),
            "b2": np.zeros(o, dtype),
        }
        self.meta = {}

    @property
    def dtype(self):
        """dtype of the parameters (and of the computation)."""
        return self.params["W1"].dtype

    @property
    def sizes(self):
        """``(input_size, hidden_size, output_size)``."""
        return (*self.params["W1"].shape, self.params["W2"].shape[1])

    # ------------------------------------------------------------ validation

    def check_input(self, x, name="x", *, finite=True):
        """Validate inputs for this net and return them in the parameter dtype.

        The one place where every method (and :func:`helpers.network.train_sgd`,
        through them) checks ``x``.

        Parameters
        ----------
        x : array_like, shape (input_size,) or (N, input_size), N >= 1
            Real numbers (float, int or uint8 images; lists work too).
        name : str, default "x"
            The argument's name, for messages.
        finite : bool, default True
            Also reject NaN and inf. The methods pass False and detect them in
            the first layer's activations instead, ``(N, hidden_size)`` values
            rather than ``(N, input_size)``: a NaN or inf input always makes
            its row of ``x @ W1`` non-finite.

        Returns
        -------
        numpy.ndarray, same shape, parameter dtype
            ``x`` itself when it already has that dtype (never modified).

        Raises
        ------
        TypeError
            If ``x`` is not real numeric (strings, complex, bools, ragged lists).
        ValueError
            If its shape does not fit the net, it is empty, or (``finite``) it
            holds NaN or inf.
        """
        x = check_array(x, name, ndim=(1, 2), finite=finite)
        d = self.sizes[0]
        if x.shape[-1] != d:
            raise ValueError(f"{name} must have shape ({d},) or (N, {d}) for this net "
                             f"(input_size {d}), got shape {x.shape}")
        return x.astype(self.dtype, copy=False)

    def _labels(self, t, n, func, single=False):
        """Targets as labels ``(n,)`` intp; TypeError / ValueError naming ``t``."""
        return _to_labels(t, n, self.sizes[2], func, single=single)

    def _forward(self, x, params=None):
        """``(z1, y)`` for a checked 1-D or 2-D ``x``; ValueError if ``x`` holds NaN/inf."""
        p = self.params if params is None else params
        with np.errstate(invalid="ignore"):  # inf * 0 in x @ W1: reported just below
            a1 = x @ p["W1"] + p["b1"]
        if not np.isfinite(a1).all():
            if all(np.isfinite(w).all() for w in p.values()):
                raise ValueError("x contains NaN or inf; expected finite inputs")
            raise ValueError("the net's params contain NaN or inf "
                             "(did training diverge? try a smaller lr)")
        z1 = _sigmoid(a1)
        return z1, softmax(z1 @ p["W2"] + p["b2"])

    # ------------------------------------------------------- the book's API

    def predict(self, x):
        """Class probabilities.

        Parameters
        ----------
        x : array_like, shape (N, input_size) or (input_size,)
            Inputs; converted to the parameter dtype (no copy if it matches).

        Returns
        -------
        numpy.ndarray, shape (N, output_size) or (output_size,), parameter dtype
            Softmax probabilities; rows sum to 1.

        Raises
        ------
        TypeError, ValueError
            See :meth:`check_input`.
        """
        return self._forward(self.check_input(x, finite=False))[1]

    def loss(self, x, t):
        """Cross-entropy error of the predictions (batch mean).

        Parameters
        ----------
        x : array_like, shape (N, input_size) or (input_size,)
        t : array_like
            One-hot ``(N, output_size)`` or integer labels ``(N,)``; for one
            sample ``x (input_size,)``, one-hot ``(output_size,)`` or an int.

        Returns
        -------
        float
        """
        x = self.check_input(x, finite=False)
        y = np.atleast_2d(self._forward(x)[1])
        labels = self._labels(t, y.shape[0], "loss", single=x.ndim == 1)
        return cross_entropy_error(y, labels)

    def accuracy(self, x, t):
        """Fraction of samples whose most probable class equals the target.

        Parameters are those of :meth:`loss`. Returns a float in [0, 1].
        """
        x = self.check_input(x, finite=False)
        y = np.atleast_2d(self._forward(x)[1])
        labels = self._labels(t, y.shape[0], "accuracy", single=x.ndim == 1)
        return float(np.mean(y.argmax(axis=1) == labels))

    def loss_and_gradient(self, x, t):
        """:meth:`loss` and its gradient from one forward and one backward pass.

        Parameters are those of :meth:`loss`.

        Returns
        -------
        loss : float
        grads : dict of numpy.ndarray
            Same keys, shapes and dtype as :attr:`params` (see :meth:`gradient`).
        """
        x = self.check_input(x, finite=False)
        single, x = x.ndim == 1, np.atleast_2d(x)
        n = x.shape[0]
        labels = self._labels(t, n, "gradient", single=single)
        p = self.params
        z1, y = self._forward(x)
        loss = float(-np.log(y[np.arange(n), labels].astype(np.float64) + DELTA).mean())
        dy = y.copy()  # d(loss)/d(scores) = (y - onehot(t)) / N
        dy[np.arange(n), labels] -= 1
        dy /= n
        da1 = (dy @ p["W2"].T) * (1 - z1) * z1  # sigmoid'(a) = z (1 - z)
        grads = {"W1": x.T @ da1, "b1": da1.sum(axis=0), "W2": z1.T @ dy, "b2": dy.sum(axis=0)}
        return loss, grads

    def gradient(self, x, t):
        """Gradient of :meth:`loss` by backpropagation (analytic).

        Parameters
        ----------
        x : array_like, shape (N, input_size) or (input_size,)
        t : array_like, one-hot (N, output_size) or integer labels (N,)

        Returns
        -------
        dict of numpy.ndarray
            Same keys, shapes and dtype as :attr:`params`.

        Notes
        -----
        The ``delta = 1e-7`` inside the loss's log is ignored (the book does
        the same), so this differs from :meth:`numerical_gradient` by a
        relative ``delta / y`` (about 1e-6).
        """
        return self.loss_and_gradient(x, t)[1]

    def numerical_gradient(self, x, t, h=1e-4):
        """Gradient of :meth:`loss` by central differences ``(L(w+h) - L(w-h)) / 2h``.

        For teaching and tests: two forward passes per parameter, in float64
        (slow for the MNIST-sized net: 39,760 parameters). :attr:`params` are
        not touched (the differences are taken on a float64 copy).

        Parameters
        ----------
        x, t : see :meth:`loss`
        h : float, default 1e-4
            Step (> 0).

        Returns
        -------
        dict of numpy.ndarray, float64
            Same keys and shapes as :attr:`params`.
        """
        h = check_real(h, "h", minimum=0.0, strict=True)
        x = self.check_input(x, finite=False).astype(np.float64)
        single, x = x.ndim == 1, np.atleast_2d(x)
        labels = self._labels(t, x.shape[0], "numerical_gradient", single=single)
        p64 = {k: v.astype(np.float64) for k, v in self.params.items()}  # copies

        def f():
            return cross_entropy_error(self._forward(x, p64)[1], labels)

        f()  # NaN/inf in x are reported here, before the loop
        grads = {}
        for name, w in p64.items():
            g = np.zeros_like(w)
            flat, gflat = w.reshape(-1), g.reshape(-1)  # views into w and g
            for i in range(flat.size):  # a loop over parameters, not samples
                old = flat[i]
                flat[i] = old + h
                up = f()
                flat[i] = old - h
                down = f()
                flat[i] = old
                gflat[i] = (up - down) / (2 * h)
            grads[name] = g
        return grads

    # ---------------------------------------------------------- save / load

    def save(self, path):
        """Write the parameters (and :attr:`meta` as JSON) to an ``.npz`` file, atomically.

        Parameters
        ----------
        path : str or os.PathLike
            The file; missing parent folders are created. It is written to a
            temporary file in the same folder and then renamed, so a reader
            never sees half a file.

        Raises
        ------
        TypeError
            If ``path`` is not a path, or :attr:`meta` is not JSON-serialisable.
        OSError
            If the folder cannot be written (e.g. PermissionError).
        """
        path = _as_path(path)
        try:
            meta = json.dumps(self.meta)
        except (TypeError, ValueError) as e:
            raise TypeError(f"meta must be JSON-serialisable (a dict of str, numbers, lists): {e}"
                            ) from None
        _atomic_savez(path, dict(self.params, meta=np.array(meta)))

    @classmethod
    def load(cls, path):
        """Read a network written by :meth:`save` (no pickle).

        Parameters
        ----------
        path : str or os.PathLike

        Returns
        -------
        TwoLayerNet
            Parameters of the saved dtype (float32 or float64) and ``meta``.

        Raises
        ------
        TypeError
            If ``path`` is not a str or os.PathLike.
        FileNotFoundError
            If there is no such file.
        ValueError
            If the file is empty, truncated, not an ``.npz`` archive (e.g. a
            single ``.npy`` array), lacks a parameter or ``meta``, or holds
            parameters whose shapes do not fit together, that are not all
            float32 or all float64, or not finite. The message names the file.
        """
        path = _as_path(path)
        where = f"path {str(path)!r}"
        with open(path, "rb") as fh:
            head = fh.read(6)
            fh.seek(0)
            if not head:
                raise ValueError(f"{where} is empty; expected {_FILE_WANTED}")
            if head == b"\x93NUMPY":
                raise ValueError(f"{where} holds a single .npy array; expected {_FILE_WANTED}")
            if not head.startswith(b"PK\x03\x04"):
                raise ValueError(f"{where} is not a zip (.npz) archive; expected {_FILE_WANTED}")
            try:
                with np.load(fh, allow_pickle=False) as f:
                    missing = [k for k in (*_PARAM_NAMES, "meta") if k not in f.files]
                    if missing:
                        raise ValueError(f"it lacks {missing}")
                    arrays = {k: f[k] for k in (*_PARAM_NAMES, "meta")}
            except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, KeyError) as e:
                raise ValueError(f"{where} is truncated or not a TwoLayerNet file "
                                 f"({e}); expected {_FILE_WANTED}") from None
        bad = [k for k, a in arrays.items() if not isinstance(a, np.ndarray)]
        if bad:
            raise ValueError(f"{where}: {bad} are not .npy arrays; expected {_FILE_WANTED}")
        meta = arrays.pop("meta")
        try:
            meta = json.loads(str(meta)) if meta.dtype.kind == "U" and meta.ndim == 0 else None
        except ValueError:  # not JSON
            meta = None
        if not isinstance(meta, dict):
            raise ValueError(f"{where}: meta is not a JSON object; expected {_FILE_WANTED}")
        params = arrays
        w1, w2 = params["W1"], params["W2"]
        one_float = ({np.dtype(np.float32)}, {np.dtype(np.float64)})
        ok = (
            w1.ndim == 2 and w2.ndim == 2 and w1.size > 0 and w2.size > 0
            and w1.shape[1] == w2.shape[0]
            and params["b1"].shape == (w1.shape[1],) and params["b2"].shape == (w2.shape[1],)
            and {a.dtype for a in params.values()} in one_float
            and all(np.isfinite(a).all() for a in params.values())
        )
        if not ok:
            found = {k: (a.shape, str(a.dtype)) for k, a in params.items()}
            raise ValueError(f"{where} has inconsistent parameters {found}; expected "
                             "W1 (I, H), b1 (H,), W2 (H, O), b2 (O,), one float dtype, "
                             "finite values")
        net = cls.__new__(cls)
        net.params, net.meta = params, meta
        return net


def _atomic_savez(path, arrays):
    """``np.savez`` to a temp file in the same folder, then ``os.replace`` (never half a file)."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, **arrays)
        os.chmod(tmp, 0o644)  # mkstemp makes it private (0600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
