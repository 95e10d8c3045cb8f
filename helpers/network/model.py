"""The book's two-layer network (Deep Learning from Scratch, ch. 4): ``TwoLayerNet``.

``affine -> sigmoid -> affine -> softmax``. Parameters are float32 by default
(float64 on request, e.g. for gradient checks), inputs are converted to that
dtype, so float32 images are never upcast. Nothing here touches the global
``np.random`` state: the initial weights come from ``rng``.

Besides the book's methods (``predict``, ``loss``, ``accuracy``,
``numerical_gradient``, ``gradient``), a net offers ``loss_and_gradient``
(one forward and one backward pass, what :func:`helpers.network.train_sgd`
calls) and ``check_input`` (the one place where inputs are validated).

Used by notebooks 02 (an untrained ``TwoLayerNet`` against the pretrained one,
the cost of ``gradient``) and 04 (``loss``, ``gradient`` and the book's training
loop); 01, 02 and 03 use the trained net of :func:`helpers.network.pretrained`
(``predict``), and the widget of 04 trains new ones.
"""

from __future__ import annotations

import json
import os
import zipfile
import zlib
from pathlib import Path

import numpy as np

from helpers._validation import (
    check_array,
    check_bool,
    check_int,
    check_path,
    check_real,
)
from helpers.losses import _to_labels, cross_entropy_error, neg_log, softmax
from helpers.sampling import as_generator

__all__ = ["TwoLayerNet", "sigmoid"]

#: Most parameters a net may have (``I*H + H + H*O + O``): 400 MB in float32, 800 MB in float64.
MAX_PARAMS = 10**8

#: Rows of ``x`` in one piece of a large batch. ``predict``, ``loss``, ``accuracy`` and
#: ``loss_and_gradient`` run a batch of ``N >= 2 * FORWARD_ROWS`` rows in ``N // FORWARD_ROWS``
#: equal pieces (MNIST's 60,000 images: 14 pieces of about 4,286 rows), so that the arrays in
#: between (``x @ W1``, the sigmoid, the scores; the backward pass's ``da1``) hold a few
#: thousand rows, not all N: under 1 MB each instead of 12 MB, and the matrix library's
#: working buffers stay small too. Only what is returned (the probabilities; for the gradient,
#: the hidden outputs it needs) is kept whole. A matrix product computes each row on its own,
#: so the pieces give the same numbers as one big product: with NumPy's OpenBLAS, to the last
#: bit for pieces this large (tests/test_network_model.py checks it to float32's precision).
#: The mini-batches of training (100 rows) run in one piece, as before.
FORWARD_ROWS = 4096

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
        integers give float64, Python ints of any size too (``10**30`` -> 1.0).

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
        If ``a`` is empty or holds NaN (``+-inf`` give 1 and 0), or an int too
        large for a float64 (``10**400``).
    """
    a = check_array(a, "a", finite=False)  # ints beyond int64 (10**30) come as float64
    if a.dtype.kind == "f" and np.isnan(a).any():
        raise ValueError("a contains NaN; expected real numbers (+-inf are allowed)")
    return _sigmoid(a if a.dtype.kind == "f" else a.astype(np.float64))


def _float_dtype(dtype):
    """``numpy.dtype`` float32 or float64, or TypeError / ValueError naming ``dtype``.

    A dtype-like is a type (``np.float32``, ``float``), a str (``"float32"``,
    ``"f8"``) or a :class:`numpy.dtype`; NumPy would also read a number such as
    ``np.float64(3.0)`` as its dtype, which is refused here.
    """
    want = "numpy.float32 or numpy.float64"
    if not isinstance(dtype, (type, str, np.dtype)):
        raise TypeError(f"dtype must be {want} (a dtype, a type or its name), got "
                        f"{_short(dtype)} ({type(dtype).__name__})")
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"dtype must be {want}, got {_short(dtype)} (not a numpy dtype)"
                        ) from None
    if dt not in (np.float32, np.float64):
        raise ValueError(f"dtype must be {want}, got {dt}")
    return dt


def _short(value) -> str:
    """A short repr for messages."""
    try:
        text = repr(value)
    except ValueError:  # an int of more than 4300 digits
        return "a huge int"
    return text if len(text) <= 60 else text[:57] + "..."


def _check_sizes(i, h, o):
    """ValueError naming the largest size when the net would have more than MAX_PARAMS."""
    n = i * h + h + h * o + o  # Python ints: no overflow
    if n > MAX_PARAMS:
        name, value = max((("input_size", i), ("hidden_size", h), ("output_size", o)),
                          key=lambda p: p[1])
        raise ValueError(f"{name} {_count(value)} is too large: sizes ({_count(i)}, {_count(h)}, "
                         f"{_count(o)}) give {_count(n)} parameters, at most {MAX_PARAMS:,} "
                         "are allowed")


def _count(n: int) -> str:
    """``12,345`` or, for huge ints, ``about 1e+30`` (never str() of a 5000-digit int)."""
    if n < 10**12:
        return f"{n:,}"
    return f"about 1e+{int(n.bit_length() * 0.30103)}"


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
        number, a ``dtype`` that is not a dtype-like (a number such as
        ``np.float64(3.0)`` included), an ``rng`` of another kind
        (a float, bool or str seed, the legacy ``RandomState``).
    ValueError
        A size < 1, sizes that give more than :data:`MAX_PARAMS` (10**8)
        parameters (naming the largest), a negative or non-finite
        ``weight_init_std`` or one so large that an initial weight is not
        finite in ``dtype``, a dtype other than float32/float64, a
        negative ``rng`` seed.
    """

    def __init__(self, input_size=784, hidden_size=50, output_size=10, weight_init_std=0.01,
                 rng=None, dtype=np.float32):
        i = check_int(input_size, "input_size", minimum=1)
        h = check_int(hidden_size, "hidden_size", minimum=1)
        o = check_int(output_size, "output_size", minimum=1)
        _check_sizes(i, h, o)
        weight_init_std = check_real(weight_init_std, "weight_init_std", minimum=0.0)
        dtype = _float_dtype(dtype)
        rng = as_generator(rng)
        w1 = _initial_weights(rng, (i, h), weight_init_std, dtype)
        w2 = _initial_weights(rng, (h, o), weight_init_std, dtype)
        self.params = {"W1": w1, "b1": np.zeros(h, dtype), "W2": w2, "b2": np.zeros(o, dtype)}
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
            If ``x`` is not real numeric (strings, complex, bools, ragged lists),
            ``name`` is not a str or ``finite`` not a bool.
        ValueError
            If its shape does not fit the net, it is empty, or (``finite``) it
            holds NaN or inf.
        """
        if not isinstance(name, str):
            raise TypeError(f"name must be a str (the argument's name, for messages), "
                            f"got {_short(name)} ({type(name).__name__})")
        finite = check_bool(finite, "finite")
        x = check_array(x, name, ndim=(1, 2), finite=finite)
        d = self.sizes[0]
        if x.shape[-1] != d:
            raise ValueError(f"{name} must have shape ({d},) or (N, {d}) for this net "
                             f"(input_size {d}), got shape {x.shape}")
        return x.astype(self.dtype, copy=False)

    def _labels(self, t, n, func, single=False):
        """Targets as labels ``(n,)`` intp; TypeError / ValueError naming ``t``."""
        return _to_labels(t, n, self.sizes[2], func, single=single)

    def _forward(self, x, params=None, *, hidden=True):
        """``(z1, y)`` for a checked 1-D or 2-D ``x`` (``z1`` is None unless ``hidden``);
        ValueError naming the culprit if a layer's scores are not finite (see :func:`_blame`).

        A batch of at least ``2 * FORWARD_ROWS`` rows runs in pieces (:func:`_pieces`).
        """
        p = self.params if params is None else params
        pieces = _pieces(x.shape[0] if x.ndim == 2 else 1)
        if len(pieces) == 1:
            z1, y = _layers(x, p, x)
            return (z1 if hidden else None), y
        z1 = y = None
        for rows in pieces:
            z, out = _layers(x[rows], p, x)
            if y is None:  # the dtypes of the first piece's results
                y = np.empty((x.shape[0], out.shape[1]), out.dtype)
                z1 = np.empty((x.shape[0], z.shape[1]), z.dtype) if hidden else None
            y[rows] = out
            if hidden:
                z1[rows] = z
        return z1, y

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
            See :meth:`check_input`. Also ValueError naming the parameter (e.g.
            ``params['W2']``) when one holds NaN/inf or values so large that
            the scores overflow (diverged training), as every method does.
        """
        return self._forward(self.check_input(x, finite=False), hidden=False)[1]

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
        y = np.atleast_2d(self._forward(x, hidden=False)[1])
        labels = self._labels(t, y.shape[0], "loss", single=x.ndim == 1)
        return cross_entropy_error(y, labels)

    def accuracy(self, x, t):
        """Fraction of samples whose most probable class equals the target.

        Parameters are those of :meth:`loss`. Returns a float in [0, 1].
        """
        x = self.check_input(x, finite=False)
        y = np.atleast_2d(self._forward(x, hidden=False)[1])
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
        loss = float(neg_log(y[np.arange(n), labels]).mean())  # -log(y + DELTA), float64
        dy = y.copy()  # d(loss)/d(scores) = (y - onehot(t)) / N
        dy[np.arange(n), labels] -= 1
        dy /= n
        pieces = _pieces(n)
        if len(pieces) == 1:
            da1 = (dy @ p["W2"].T) * (1 - z1) * z1  # sigmoid'(a) = z (1 - z)
            grads = {"W1": x.T @ da1, "b1": da1.sum(axis=0), "W2": z1.T @ dy,
                     "b2": dy.sum(axis=0)}
            return loss, grads
        # A large batch: the same numbers, in less memory. z1 is needed for W2's gradient,
        # then no more, so da1 is written over it, one piece of rows at a time.
        grad_w2 = z1.T @ dy
        da1 = z1
        for rows in pieces:
            z = z1[rows]
            da1[rows] = (dy[rows] @ p["W2"].T) * (1 - z) * z  # sigmoid'(a) = z (1 - z)
        grads = {"W1": x.T @ da1, "b1": da1.sum(axis=0), "W2": grad_w2, "b2": dy.sum(axis=0)}
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
            return cross_entropy_error(self._forward(x, p64, hidden=False)[1], labels)

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
            If ``path`` is not a path, or :attr:`meta` is not a dict that JSON
            gives back unchanged (non-str keys, values JSON cannot encode).
            Nothing is written.
        ValueError
            If ``path`` is the empty string, a folder, or below a file; or the
            parameters are inconsistent or not finite (e.g. after diverged
            training), which :meth:`load` would refuse. Nothing is written.
        OSError
            If the folder cannot be written (e.g. PermissionError).
        """
        path = check_path(path, "path")
        if path.is_dir():
            raise ValueError(f"path {str(path)!r} is a folder; expected a file name such as "
                             "'net.npz'")
        meta = _check_meta(self.meta)
        _check_params(self.params, "net.params has")  # what load would refuse is not written
        try:
            _atomic_savez(path, dict(self.params, meta=np.array(meta)))
        except (NotADirectoryError, FileExistsError):  # a parent of path is a file
            raise ValueError(f"path {str(path)!r}: a parent of it is a file, not a folder"
                             ) from None

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
            If ``path`` is the empty string or a folder, or the file is empty, truncated,
            not an ``.npz`` archive (e.g. a single ``.npy`` array), lacks a
            parameter or ``meta``, or holds parameters whose shapes do not fit
            together, that are not all float32 or all float64, or not finite.
            The message names the file.
        """
        path = check_path(path, "path")
        where = f"path {str(path)!r}"
        if path.is_dir():
            raise ValueError(f"{where} is a folder; expected {_FILE_WANTED}")
        try:
            fh = open(path, "rb")
        except NotADirectoryError:  # a parent of path is a file
            raise FileNotFoundError(f"{where} does not exist (a parent of it is a file)"
                                    ) from None
        with fh:
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
        _check_params(params, f"{where} has")
        net = cls.__new__(cls)
        net.params, net.meta = params, meta
        return net


def _pieces(n):
    """The rows of a batch of ``n`` as slices: one slice ``0:n`` if ``n < 2 * FORWARD_ROWS``,
    else ``n // FORWARD_ROWS`` slices of equal length (give or take one row), each of
    ``FORWARD_ROWS`` to ``2 * FORWARD_ROWS - 1`` rows (see :data:`FORWARD_ROWS`)."""
    k = max(n // FORWARD_ROWS, 1)
    return [slice(i * n // k, (i + 1) * n // k) for i in range(k)]


def _layers(x, p, whole):
    """``(z1, y)``: the forward pass of the rows ``x`` with the parameters ``p``; ValueError
    naming the culprit among ``p`` and ``whole`` (all the rows of the call) if a layer's
    scores are not finite."""
    with np.errstate(over="ignore", invalid="ignore"):  # reported by _blame, by name
        a1 = x @ p["W1"] + p["b1"]
        z1 = _sigmoid(a1)
        a2 = z1 @ p["W2"] + p["b2"]
    if not (np.isfinite(a1).all() and np.isfinite(a2).all()):
        _blame(whole, p)
    return z1, softmax(a2)


def _initial_weights(rng, shape, std, dtype):
    """``(std * standard_normal(shape)).astype(dtype)``; ValueError naming ``weight_init_std``
    if a weight is not finite in ``dtype`` (e.g. 1e308 in float64, 1e39 in float32)."""
    w = rng.standard_normal(shape)
    with np.errstate(over="ignore", invalid="ignore"):
        w *= std  # in place: the same numbers as std * w, one float64 array less
        w = w.astype(dtype, copy=False)
    if not np.isfinite(w).all():
        limit = float(np.finfo(dtype).max)
        raise ValueError(f"weight_init_std {std:g} is too large for {np.dtype(dtype)}: some "
                         f"initial weights exceed {limit:.3g} (not finite); expected a small "
                         "spread such as 0.01")
    return w


def _check_params(params, what):
    """ValueError (``what``: how to name them) unless ``params`` make a loadable net."""
    if not isinstance(params, dict) or set(params) != set(_PARAM_NAMES):
        keys = sorted(map(str, params)) if isinstance(params, dict) else type(params).__name__
        raise ValueError(f"{what} keys {keys}; expected exactly {list(_PARAM_NAMES)}")
    w1, w2 = params["W1"], params["W2"]
    one_float = ({np.dtype(np.float32)}, {np.dtype(np.float64)})
    ok = (
        all(isinstance(a, np.ndarray) for a in params.values())
        and w1.ndim == 2 and w2.ndim == 2 and w1.size > 0 and w2.size > 0
        and w1.shape[1] == w2.shape[0]
        and params["b1"].shape == (w1.shape[1],) and params["b2"].shape == (w2.shape[1],)
        and {a.dtype for a in params.values()} in one_float
        and all(np.isfinite(a).all() for a in params.values())
    )
    if not ok:
        found = {k: (np.shape(a), str(getattr(a, "dtype", type(a).__name__)))
                 for k, a in params.items()}
        raise ValueError(f"{what} inconsistent parameters {found}; expected "
                         "W1 (I, H), b1 (H,), W2 (H, O), b2 (O,), one float dtype, "
                         "finite values")


def _check_meta(meta):
    """``meta`` as JSON text, or TypeError naming ``meta`` unless it comes back equal."""
    if not isinstance(meta, dict):
        raise TypeError(f"meta must be a dict (a JSON object), got {type(meta).__name__}")
    try:
        text = json.dumps(meta)
    except (TypeError, ValueError, RecursionError) as e:
        raise TypeError(f"meta must be JSON-serialisable (a dict of str, numbers, lists): {e}"
                        ) from None
    bad = _non_str_keys(meta)
    if bad:
        bad = bad[0]
        raise TypeError(f"meta keys must be str (JSON object keys), got {bad!r} "
                        f"({type(bad).__name__}), which load would give back as a str")
    return text


def _non_str_keys(value):
    """The dict keys below ``value`` that are not str (no cycles: json.dumps said so)."""
    if isinstance(value, dict):
        return [k for k in value if not isinstance(k, str)] + [
            b for v in value.values() for b in _non_str_keys(v)]
    if isinstance(value, (list, tuple)):
        return [b for v in value for b in _non_str_keys(v)]
    return []


def _blame(x, params):
    """Raise the ValueError for non-finite scores: bad params first, then ``x``, then overflow."""
    for key, w in params.items():
        if not np.isfinite(w).all():
            raise ValueError(f"params[{key!r}] contains NaN or inf "
                             "(did training diverge? try a smaller lr)")
    if not np.isfinite(x).all():
        raise ValueError("x contains NaN or inf; expected finite inputs")
    # all finite, yet a layer overflowed: blame the largest values
    size = {f"params[{k!r}]": float(np.abs(w).max()) for k, w in params.items()}
    size["x"] = float(np.abs(x).max())
    name = max(size, key=size.get)
    hint = ("expected inputs of moderate size, e.g. pixels / 255" if name == "x" else
            "did training diverge? try a smaller lr")
    raise ValueError(f"{name} holds values so large (up to {size[name]:.3g}) that the net's "
                     f"scores overflow {x.dtype} ({hint})")


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
