"""A classroom on a real JupyterHub: N students run notebook 03 at the same moment.

    python -m benchmarks.classroom                  # N = 10, 20, 30 (several minutes)
    python -m benchmarks.classroom --quick          # N = 3, a smoke test
    python -m benchmarks.classroom --students 10,20 --timeout 900

Install first (once; neither is part of the lessons' requirements):

    .venv/bin/python -m pip install -r benchmarks/requirements-classroom.txt
    npm install --prefix data/chp configurable-http-proxy@5.3.0

(``data/`` is git-ignored; ``--proxy PATH`` or ``$CONFIGPROXY`` points at another
``configurable-http-proxy`` executable.)

For each N it starts a fresh JupyterHub on 127.0.0.1 (random free ports, hub state
and student homes in a temporary folder) with the dummy authenticator and
``SimpleLocalProcessSpawner`` (no system users), and then, through the hub's REST
API with an admin service token: creates N users, starts each one's single-user
server, and gets a token per user. Each student starts a kernel in their own
server (the server's REST API, behind the proxy), and at one common moment every
student executes the code cells of ``notebooks/03-random-minibatches.ipynb`` over
the kernel's websocket with the Jupyter messaging protocol. All students share one
data folder (``MINIBATCH_CEE_DATA``), filled once before the first N and then made
read-only; the run checks that no file in it changed.

Printed per N: failures (cells that errored or timed out, plus cells never run),
seconds until the last student's notebook finished, memory per student as PSS
(``psutil`` ``memory_full_info().pss`` summed over the student's server and
kernel: a page shared by k processes counts 1/k in each, so shared pages are
counted once in a sum) at the student's peak (sampled while running) and at the
end, mean and max, the largest per-student RSS (what a per-user memory limit must
allow), and the total PSS of every hub, proxy, server and kernel process.

It bounds itself: N <= 60, a deadline per N (``--timeout``), 127.0.0.1 only, and it
stops every process it started (each carries a marker in its environment, and
everything still carrying it is terminated) on success, error or Ctrl-C.
Nothing here asserts: the figures are reported, not enforced.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import secrets
import shutil
import signal
import socket
import stat
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "03-random-minibatches.ipynb"
DEFAULT_STUDENTS = (10, 20, 30)
QUICK_STUDENTS = (3,)
MAX_STUDENTS = 60
DEFAULT_TIMEOUT_S = 900.0  # per N: spawning, kernels and the notebooks together
SAMPLE_INTERVAL_S = 0.5
# a class is skipped unless this much memory is available per student (plus one GiB):
# measured before the shared-memory change, a student peaked at 566 MiB RSS
NEED_PER_STUDENT = 600 * 2**20
HOST = "127.0.0.1"
MARKER_VAR = "MINIBATCH_CEE_CLASSROOM_RUN"
SERVICE_NAME = "classroom-bench"
MIB = 2**20
DEFAULT_PROXY = ROOT / "data" / "chp" / "node_modules" / ".bin" / "configurable-http-proxy"
BIN = Path(sys.executable).parent


# ----------------------------------------------------------------- arguments
def parse_students(text: str) -> tuple[int, ...]:
    """Parse ``"10,20,30"`` into ``(10, 20, 30)``.

    Parameters
    ----------
    text : str
        Comma-separated class sizes, each from 1 to ``MAX_STUDENTS``.

    Returns
    -------
    tuple of int

    Raises
    ------
    TypeError
        If ``text`` is not a string.
    ValueError
        If an entry is not an integer in 1..MAX_STUDENTS, or there is none.
    """
    if not isinstance(text, str):
        raise TypeError(f"students: expected a string such as '10,20,30', got {type(text)!r}")
    sizes = []
    for part in text.split(","):
        try:
            n = int(part.strip())
        except ValueError:
            raise ValueError(f"students: {part!r} is not an integer") from None
        if not 1 <= n <= MAX_STUDENTS:
            raise ValueError(f"students: each N must be in 1..{MAX_STUDENTS}, got {n}")
        sizes.append(n)
    if not sizes:
        raise ValueError("students: expected at least one class size")
    return tuple(sizes)


def code_cells(notebook: Path) -> list[str]:
    """The sources of the notebook's code cells, in order."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


def free_port() -> int:
    """A port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


# --------------------------------------------------------- shared data folder
def fill_data(folder: Path) -> None:
    """Fill ``folder`` once, as a teacher would, then make it read-only.

    Only the raw downloads are copied from the repository's ``data/`` cache (the
    four MNIST IDX files and the network weights), so that nothing is downloaded;
    the two commands of the teacher's page then verify them and build what the
    kernels share, as on a teacher's server.
    """
    for sub, pattern in (("mnist", "*-ubyte"), ("weights", "*.npz")):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        for src in sorted((ROOT / "data" / sub).glob(pattern)):
            shutil.copy2(src, folder / sub / src.name)
    env = {**os.environ, "MINIBATCH_CEE_DATA": str(folder)}
    env.pop("MNIST_DIR", None)
    for module in ("helpers.mnist", "helpers.network"):
        subprocess.run([sys.executable, "-m", module], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, timeout=600)
    set_writable(folder, False)


def set_writable(folder: Path, writable: bool) -> None:
    """Add or remove write permission on ``folder`` and everything in it."""
    bits = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    for path in [folder, *folder.rglob("*")]:
        mode = path.stat().st_mode
        path.chmod(mode | stat.S_IWUSR if writable else mode & ~bits)


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """``{relative path: (size, mtime_ns)}`` of every file under ``folder``.

    We run as root here, and root ignores file modes, so "read-only" is checked
    by comparing snapshots taken before and after the class.
    """
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


# ----------------------------------------------------------------- the hub
@dataclass
class Hub:
    """One JupyterHub process and the facts needed to talk to it."""

    workdir: Path
    data: Path
    proxy: str
    marker: str
    blas_threads: int = 1
    kernel_info_timeout: float = 0.0
    token: str = field(default_factory=lambda: secrets.token_hex(32))
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def server_args(self) -> list[str]:
        """Arguments of each student's server: root is allowed (we run as root on these
        machines); jupyter_server gives up on a kernel that has not answered within
        ``kernel_info_timeout`` (60 s by default): 30 kernels starting at once on 2 cores
        can take longer."""
        args = ["--ServerApp.allow_root=True"]
        if self.kernel_info_timeout:
            args.append(f"--MappingKernelManager.kernel_info_timeout={self.kernel_info_timeout:g}")
        return args

    def config(self) -> str:
        """The ``jupyterhub_config.py`` text."""
        homes = self.workdir / "homes"
        spawner_env = {"MINIBATCH_CEE_DATA": str(self.data), "MNIST_MIRRORS": "",
                       MARKER_VAR: self.marker}
        if self.blas_threads:  # OpenBLAS's buffers cost ~60 MiB per extra thread and kernel
            spawner_env.update({v: str(self.blas_threads) for v in BLAS_THREAD_VARS})
        scopes = ["admin:users", "admin:servers", "tokens", "access:servers"]
        lines = [
            f"c.JupyterHub.bind_url = {self.url!r}",
            f"c.JupyterHub.hub_ip = {HOST!r}",
            f"c.JupyterHub.hub_port = {free_port()}",
            f"c.ConfigurableHTTPProxy.api_url = 'http://{HOST}:{free_port()}'",
            f"c.ConfigurableHTTPProxy.command = [{self.proxy!r}]",
            "c.ConfigurableHTTPProxy.should_start = True",
            "c.JupyterHub.authenticator_class = 'dummy'",
            "c.JupyterHub.spawner_class = 'simple'",
            f"c.SimpleLocalProcessSpawner.home_dir_template = '{homes}/{{username}}'",
            f"c.Spawner.cmd = [{str(BIN / 'jupyterhub-singleuser')!r}]",
            # we run as root on these machines; jupyter_server refuses root otherwise
            f"c.Spawner.args = {self.server_args()!r}",
            f"c.Spawner.environment = {spawner_env!r}",
            f"c.Spawner.ip = {HOST!r}",
            "c.Spawner.start_timeout = 600",
            "c.Spawner.http_timeout = 600",
            f"c.JupyterHub.services = [{{'name': {SERVICE_NAME!r}, 'api_token': {self.token!r}}}]",
            f"c.JupyterHub.load_roles = [{{'name': 'classroom-admin', 'scopes': {scopes!r},"
            f" 'services': [{SERVICE_NAME!r}]}}]",
            f"c.JupyterHub.db_url = 'sqlite:///{self.workdir}/jupyterhub.sqlite'",
            f"c.JupyterHub.cookie_secret_file = '{self.workdir}/cookie_secret'",
            f"c.JupyterHub.pid_file = '{self.workdir}/hub.pid'",
            f"c.ConfigurableHTTPProxy.pid_file = '{self.workdir}/proxy.pid'",
            "c.JupyterHub.cleanup_servers = True",
        ]
        return "\n".join(lines) + "\n"

    def start(self) -> None:
        """Write the config and start ``jupyterhub`` in its own process group."""
        (self.workdir / "homes").mkdir(parents=True)
        cfg = self.workdir / "jupyterhub_config.py"
        cfg.write_text(self.config(), encoding="utf-8")
        env = {**os.environ, MARKER_VAR: self.marker,
               "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
        log = (self.workdir / "hub.log").open("wb")
        self.proc = subprocess.Popen(
            [str(BIN / "jupyterhub"), "-f", str(cfg)], cwd=self.workdir, env=env,
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def log_tail(self, lines: int = 30) -> str:
        path = self.workdir / "hub.log"
        text = path.read_text(errors="replace") if path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


# ------------------------------------------------------------ HTTP and REST
async def request(url: str, token: str, method: str = "GET", body=None, timeout: float = 120):
    """One HTTP request with ``Authorization: token``; returns (status, parsed JSON or None)."""
    from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest

    req = HTTPRequest(url, method=method, headers={"Authorization": f"token {token}"},
                      body=None if body is None else json.dumps(body),
                      allow_nonstandard_methods=True, request_timeout=timeout,
                      connect_timeout=timeout)
    try:
        resp = await AsyncHTTPClient().fetch(req)
    except HTTPClientError as err:
        if err.response is None:
            raise
        resp = err.response
    text = resp.body.decode() if resp.body else ""
    return resp.code, (json.loads(text) if text.strip().startswith(("{", "[")) else None)


async def wait_hub_up(hub: Hub, deadline: float) -> None:
    """Poll ``/hub/api/`` until the hub (through the proxy) answers."""
    while time.monotonic() < deadline:
        if hub.proc.poll() is not None:
            raise RuntimeError(f"jupyterhub exited ({hub.proc.returncode}):\n{hub.log_tail()}")
        try:
            status, _ = await request(f"{hub.url}/hub/api/", hub.token, timeout=5)
            if status == 200:
                return
        except OSError:
            pass
        await asyncio.sleep(0.5)
    raise TimeoutError(f"jupyterhub did not answer in time:\n{hub.log_tail()}")


async def api(hub: Hub, method: str, path: str, body=None, ok=(200, 201, 202, 204)):
    status, data = await request(f"{hub.url}/hub/api{path}", hub.token, method, body)
    if status not in ok:
        raise RuntimeError(f"{method} /hub/api{path}: HTTP {status} {data}")
    return data


async def start_server(hub: Hub, name: str, deadline: float) -> str:
    """Start ``name``'s server and return a token of theirs once it is ready."""
    await api(hub, "POST", f"/users/{name}/server")
    while time.monotonic() < deadline:
        user = await api(hub, "GET", f"/users/{name}")
        if user["servers"].get("", {}).get("ready"):
            break
        await asyncio.sleep(1)
    else:
        raise TimeoutError(f"{name}'s server was not ready in time")
    reply = await api(hub, "POST", f"/users/{name}/tokens",
                      {"note": "classroom benchmark", "scopes": [f"access:servers!user={name}"]})
    return reply["token"]


# ------------------------------------------------- Jupyter messaging over ws
# Hand-written on purpose: jupyter_client's clients talk ZeroMQ straight to a
# local kernel (which would bypass the hub, the proxy and the server), and
# jupyter_server's websocket code is the server side. A student's browser talks
# JSON over the kernel's /channels websocket; tornado's websocket client (a
# dependency of jupyterhub) plus the message dict below is all that takes.
def message(msg_type: str, content: dict, session: str) -> str:
    """A Jupyter message (protocol 5.3) for the shell channel, as JSON text."""
    header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": session,
              "username": "student", "version": "5.3",
              "date": datetime.datetime.now(datetime.timezone.utc).isoformat()}
    return json.dumps({"header": header, "parent_header": {}, "metadata": {},
                       "content": content, "channel": "shell", "buffers": []})


async def request_reply(ws, msg_type: str, content: dict, session: str, reply_type: str,
                        deadline: float) -> dict:
    """Send one shell request; return its reply's content (binary frames are skipped)."""
    text = message(msg_type, content, session)
    msg_id = json.loads(text)["header"]["msg_id"]
    await ws.write_message(text)
    started = False  # the kernel said "busy" for this request: it is running it
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(msg_type)
        frame = await asyncio.wait_for(ws.read_message(), remaining)
        if frame is None:
            raise Disconnected(started)
        if isinstance(frame, bytes):
            continue  # a message with binary buffers (widgets); not a reply we wait for
        msg = json.loads(frame)
        mine = msg.get("parent_header", {}).get("msg_id") == msg_id
        if mine and msg.get("msg_type") == "status":
            started = started or msg["content"].get("execution_state") == "busy"
        if (msg.get("msg_type") == reply_type
                and msg.get("parent_header", {}).get("msg_id") == msg_id):
            return msg["content"]


class Disconnected(ConnectionError):
    """The kernel's websocket closed before the reply; ``started``: the kernel had begun."""

    def __init__(self, started: bool):
        super().__init__("the kernel's websocket closed"
                         + (" while the cell ran" if started else " before the cell started"))
        self.started = started


#: Reconnects allowed per student when the websocket closes before a cell has started, as
#: JupyterLab reconnects (seen at N = 30 on a loaded 2-core machine: the server dropped
#: fresh websockets); a cell the kernel had started is never sent twice.
MAX_RECONNECTS = 3


@dataclass
class Student:
    name: str
    token: str = ""
    ws_url: str = ""
    reconnects: int = 0
    ws: object = None
    session: str = field(default_factory=lambda: uuid.uuid4().hex)
    failures: int = 0
    finished: float | None = None
    errors: list[str] = field(default_factory=list)


def give_up(st: Student, step: str, err: Exception, n_cells: int) -> None:
    """Count every cell of a student whose server or kernel did not start as failed."""
    st.failures = n_cells
    st.errors.append(f"{step}: {type(err).__name__} {err}")
    st.ws = None


async def open_kernel(hub: Hub, st: Student, deadline: float) -> None:
    """Start a kernel in the student's server and connect to its channels."""

    base = f"{hub.url}/user/{st.name}/api/kernels"
    status, kernel = await request(base, st.token, "POST", {"name": "python3"},
                                   timeout=max(deadline - time.monotonic(), 1.0))
    if status != 201:
        raise RuntimeError(f"{st.name}: POST api/kernels: HTTP {status} {kernel}")
    st.ws_url = f"ws://{HOST}:{hub.port}/user/{st.name}/api/kernels/{kernel['id']}/channels"
    await connect(st, deadline)
    while True:
        try:
            await request_reply(st.ws, "kernel_info_request", {}, st.session,
                                "kernel_info_reply", deadline)
            return
        except Disconnected as err:  # as in run_notebook: reconnect, like JupyterLab does
            if st.reconnects >= MAX_RECONNECTS:
                raise
            st.reconnects += 1
            st.errors.append(f"kernel info: reconnected, not a failure ({err})")
            await connect(st, deadline)


async def connect(st: Student, deadline: float) -> None:
    """Open (or re-open) the websocket to the student's kernel channels."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    wait = max(deadline - time.monotonic(), 1.0)  # tornado's default, 20 s, is too short here
    st.ws = await websocket_connect(
        HTTPRequest(f"{st.ws_url}?session_id={st.session}",
                    headers={"Authorization": f"token {st.token}"},
                    connect_timeout=wait, request_timeout=wait),
        max_message_size=256 * MIB)


async def run_notebook(st: Student, cells: list[str], t0: float, deadline: float) -> None:
    """Execute every cell; count errored, timed-out and never-run cells as failures."""
    i = 0
    while i < len(cells):
        content = {"code": cells[i], "silent": False, "store_history": True,
                   "user_expressions": {}, "allow_stdin": False, "stop_on_error": False}
        try:
            reply = await request_reply(st.ws, "execute_request", content, st.session,
                                        "execute_reply", deadline)
        except Disconnected as err:
            if err.started or st.reconnects >= MAX_RECONNECTS:
                st.failures += len(cells) - i
                st.errors.append(f"cell {i}: {err} (after {st.reconnects} reconnects)")
                return
            st.reconnects += 1
            st.errors.append(f"cell {i}: reconnected, not a failure ({err})")
            try:
                await connect(st, deadline)
            except Exception as again:  # noqa: BLE001 - counted as this student's failure
                st.failures += len(cells) - i
                st.errors.append(f"cell {i}: reconnecting: {type(again).__name__} {again}")
                return
            continue
        except (TimeoutError, ConnectionError) as err:
            st.failures += len(cells) - i
            st.errors.append(f"cell {i}: {type(err).__name__} {err}")
            return
        if reply.get("status") != "ok":
            st.failures += 1
            st.errors.append(f"cell {i}: {reply.get('ename')}: {reply.get('evalue')}")
        i += 1
    st.finished = time.monotonic() - t0


# ------------------------------------------------------------------- memory
class Sampler(threading.Thread):
    """Sample the PSS and RSS of the hub's process tree until stopped.

    A process belongs to the student named by ``JUPYTERHUB_USER`` in its
    environment (their server and its kernel); the rest is hub and proxy.
    """

    def __init__(self, hub_pid: int):
        super().__init__(daemon=True)
        self.hub_pid = hub_pid
        self.stop_event = threading.Event()
        self.peak_pss: dict[str, int] = {}
        self.peak_rss: dict[str, int] = {}
        self.peak_total = 0
        self.owners: dict[tuple[int, float], str] = {}
        self.end_roles: dict[str, list[int]] = {}

    def owner(self, proc: psutil.Process) -> str:
        key = (proc.pid, proc.create_time())
        if key not in self.owners:
            self.owners[key] = proc.environ().get("JUPYTERHUB_USER", "")
        return self.owners[key]

    def sample(self) -> tuple[dict[str, int], dict[str, int], int]:
        """One sweep: (PSS per student, RSS per student, total PSS), in bytes."""
        hub = psutil.Process(self.hub_pid)
        pss: dict[str, int] = {}
        rss: dict[str, int] = {}
        total = 0
        for proc in [hub, *hub.children(recursive=True)]:
            try:
                mem = proc.memory_full_info()
                who = self.owner(proc)
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
            total += mem.pss
            if who:
                pss[who] = pss.get(who, 0) + mem.pss
                rss[who] = rss.get(who, 0) + mem.rss
        return pss, rss, total

    def roles(self) -> dict[str, list[int]]:
        """PSS now of each student's server and kernel processes: {"server": [...], ...}."""
        out: dict[str, list[int]] = {"server": [], "kernel": []}
        for proc in psutil.Process(self.hub_pid).children(recursive=True):
            try:
                if not self.owner(proc):
                    continue
                role = "kernel" if "ipykernel_launcher" in " ".join(proc.cmdline()) else "server"
                out[role].append(proc.memory_full_info().pss)
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
        return out

    def run(self) -> None:
        while not self.stop_event.is_set():
            try:
                pss, rss, total = self.sample()
            except psutil.Error:
                break
            for who, value in pss.items():
                self.peak_pss[who] = max(self.peak_pss.get(who, 0), value)
            for who, value in rss.items():
                self.peak_rss[who] = max(self.peak_rss.get(who, 0), value)
            self.peak_total = max(self.peak_total, total)
            self.stop_event.wait(SAMPLE_INTERVAL_S)

    def stop(self) -> None:
        self.stop_event.set()
        self.join(timeout=30)


# ------------------------------------------------------------------ cleanup
def marked_processes(marker: str) -> list[psutil.Process]:
    """Every process whose environment carries this run's marker."""
    found = []
    for proc in psutil.process_iter():
        try:
            if proc.environ().get(MARKER_VAR) == marker:
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return found


def stop_all(hub: Hub) -> int:
    """Stop the hub (it stops the servers and the proxy), then anything left; the count left."""
    if hub.proc is not None and hub.proc.poll() is None:
        hub.proc.send_signal(signal.SIGTERM)
        try:
            hub.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            hub.proc.kill()
            hub.proc.wait(timeout=10)
    left = marked_processes(hub.marker)
    for proc in left:
        proc.terminate()
    _, alive = psutil.wait_procs(left, timeout=10)
    for proc in alive:
        proc.kill()
    psutil.wait_procs(alive, timeout=10)
    return len(left)


# --------------------------------------------------------------- one class
@dataclass
class Result:
    n: int
    failures: int
    finished: int
    last_finish_s: float | None
    median_finish_s: float | None
    spawn_s: float
    kernels_s: float
    peak_pss: list[int]
    end_pss: list[int]
    peak_rss: list[int]
    peak_total: int
    end_total: int
    data_unchanged: bool
    end_roles: dict[str, list[int]] = field(default_factory=dict)
    left_over: int = 0
    errors: list[str] = field(default_factory=list)


async def run_class(hub: Hub, n: int, cells: list[str], deadline: float) -> tuple:
    """Log in n students, start servers and kernels, run the notebook at once."""
    from tornado.httpclient import AsyncHTTPClient

    AsyncHTTPClient.configure(None, max_clients=4 * MAX_STUDENTS)
    await wait_hub_up(hub, deadline)
    students = [Student(f"student{i:02d}") for i in range(1, n + 1)]
    await api(hub, "POST", "/users", {"usernames": [s.name for s in students]})
    t_spawn = time.monotonic()
    tokens = await asyncio.gather(*(start_server(hub, s.name, deadline) for s in students),
                                  return_exceptions=True)
    for st, token in zip(students, tokens, strict=True):
        if isinstance(token, Exception):
            give_up(st, "starting the server", token, len(cells))
        else:
            st.token = token
    spawn_s = time.monotonic() - t_spawn
    t_kernels = time.monotonic()
    ready = [s for s in students if s.token]
    opened = await asyncio.gather(*(open_kernel(hub, s, deadline) for s in ready),
                                  return_exceptions=True)
    for st, outcome in zip(ready, opened, strict=True):
        if isinstance(outcome, Exception):
            give_up(st, "starting the kernel", outcome, len(cells))
    kernels_s = time.monotonic() - t_kernels
    sampler = Sampler(hub.proc.pid)
    sampler.start()
    t0 = time.monotonic()  # the common moment: every kernel is up, all start now
    try:
        await asyncio.gather(*(run_notebook(s, cells, t0, deadline)
                               for s in students if s.ws is not None))
    finally:
        sampler.stop()
    end_pss, _, end_total = sampler.sample()
    sampler.end_roles = sampler.roles()
    for st in students:
        if st.ws is not None:
            st.ws.close()
    return students, spawn_s, kernels_s, sampler, end_pss, end_total


def measure(n: int, args, data: Path, before: dict, cells: list[str]) -> Result:
    """One class of n students on a fresh hub, always stopped afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix=f"hub-{n}-", dir=args.tmp))
    hub = Hub(workdir=workdir, data=data, proxy=args.proxy, marker=uuid.uuid4().hex,
              blas_threads=args.blas_threads, kernel_info_timeout=args.kernel_info_timeout)
    try:
        hub.start()
        deadline = time.monotonic() + args.timeout
        students, spawn_s, kernels_s, sampler, end_pss, end_total = asyncio.run(
            run_class(hub, n, cells, deadline))
    finally:
        left = stop_all(hub)
    names = [s.name for s in students if s.ws is not None]  # those whose kernel started
    done = [s.finished for s in students if s.finished is not None]
    return Result(
        n=n, failures=sum(s.failures for s in students), finished=len(done),
        last_finish_s=max(done) if len(done) == n else None,
        median_finish_s=statistics.median(done) if done else None, spawn_s=spawn_s,
        kernels_s=kernels_s, peak_pss=[sampler.peak_pss.get(x, 0) for x in names],
        end_pss=[end_pss.get(x, 0) for x in names],
        peak_rss=[sampler.peak_rss.get(x, 0) for x in names],
        peak_total=max(sampler.peak_total, end_total), end_total=end_total,
        data_unchanged=snapshot(data) == before, left_over=left, end_roles=sampler.end_roles,
        errors=[f"{s.name} {e}" for s in students for e in s.errors])


# ------------------------------------------------------------------ output
def mib(values) -> str:
    if not values:
        return "–"
    return f"{statistics.mean(values) / MIB:.0f} / {max(values) / MIB:.0f}"


def table(results: list[Result]) -> str:
    head = ("| N | failures | last notebook done | PSS/student at peak, mean / max | "
            "PSS/student at end, mean / max | RSS/student peak max | total PSS peak / end | "
            "servers up / kernels up | data folder unchanged |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in results:
        last = f"{r.last_finish_s:.1f} s" if r.last_finish_s is not None else (
            f"timed out ({r.finished}/{r.n} done)")
        if r.median_finish_s is not None:
            last += f" (median {r.median_finish_s:.1f} s)"
        lines.append(
            f"| {r.n} | {r.failures} | {last} | {mib(r.peak_pss)} MiB | {mib(r.end_pss)} MiB | "
            f"{max(r.peak_rss, default=0) / MIB:.0f} MiB | {r.peak_total / MIB:,.0f} / "
            f"{r.end_total / MIB:,.0f} MiB | {r.spawn_s:.1f} s / {r.kernels_s:.1f} s | "
            f"{'yes' if r.data_unchanged else 'NO'} |")
    return "\n".join(lines)


def find_proxy(option: str | None) -> str:
    """The configurable-http-proxy executable: --proxy, $CONFIGPROXY, data/chp, PATH."""
    for cand in (option, os.environ.get("CONFIGPROXY"), str(DEFAULT_PROXY),
                 shutil.which("configurable-http-proxy")):
        if cand and Path(cand).is_file():
            return cand
    raise FileNotFoundError(
        "configurable-http-proxy not found: npm install --prefix data/chp "
        "configurable-http-proxy@5.3.0 (or pass --proxy PATH)")


#: The variables that set the BLAS thread count of a kernel (OpenBLAS, and OpenMP builds).
BLAS_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")


def parse_args(argv):
    p = argparse.ArgumentParser(prog="python -m benchmarks.classroom",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--students", type=parse_students, default=DEFAULT_STUDENTS,
                   help=f"comma-separated class sizes (default 10,20,30; at most {MAX_STUDENTS})")
    p.add_argument("--quick", action="store_true", help="one class of 3 students")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S,
                   help="seconds allowed per class size (default %(default)s)")
    p.add_argument("--proxy", help="path of configurable-http-proxy")
    p.add_argument("--blas-threads", type=int, default=1,
                   help="BLAS threads per student kernel, as notebooks/teachers-jupyterhub.md "
                        "recommends (default 1; 0 = the library's default, one per core)")
    p.add_argument("--kernel-info-timeout", type=float, default=0.0,
                   help="seconds a student's server waits for a new kernel before giving up "
                        "on it (default 0: jupyter_server's own, 60 s)")
    args = p.parse_args(argv)
    if args.kernel_info_timeout < 0:
        p.error("--kernel-info-timeout: expected 0 (the server default) or a positive number")
    if args.blas_threads < 0:
        p.error("--blas-threads: expected 0 (the library default) or a positive count")
    if args.timeout <= 0:
        p.error("--timeout: expected a positive number of seconds")
    if args.quick:
        args.students = QUICK_STUDENTS
    args.proxy = find_proxy(args.proxy)
    return args


def on_sigterm(signum, frame):
    raise KeyboardInterrupt  # run the same clean-up as Ctrl-C


def main(argv=None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, on_sigterm)
    cells = code_cells(NOTEBOOK)
    args.tmp = Path(tempfile.mkdtemp(prefix="minibatch-classroom-"))
    data = args.tmp / "shared-data"
    results = []
    try:
        print(f"filling the shared data folder {data} ...", flush=True)
        fill_data(data)
        before = snapshot(data)
        for n in args.students:
            available = psutil.virtual_memory().available
            if available < n * NEED_PER_STUDENT + 2**30:
                print(f"N = {n}: skipped, only {available / 2**30:.1f} GiB of memory available")
                continue
            print(f"N = {n}: starting the hub, {n} servers and kernels ...", flush=True)
            result = measure(n, args, data, before, cells)
            results.append(result)
            print(table([result]).splitlines()[-1], flush=True)
            print("    at the end, PSS per process, mean / max: " + ", ".join(
                f"{role} {mib(values)} MiB" for role, values in result.end_roles.items() if values))
            for line in result.errors[:10]:
                print("   ", line)
            if result.left_over:
                print(f"    ({result.left_over} processes outlived the hub and were killed)")
    finally:
        if data.exists():
            set_writable(data, True)
        shutil.rmtree(args.tmp, ignore_errors=True)
    print(f"\nnotebook {NOTEBOOK.name}, {len(cells)} code cells; {os.cpu_count()} cores, "
          f"{psutil.virtual_memory().total / 2**30:.0f} GiB, Python {sys.version.split()[0]}; "
          f"BLAS threads per kernel: {args.blas_threads or 'library default'}; kernel info "
          f"timeout: {args.kernel_info_timeout or 60:g} s")
    print(table(results))
    return 0 if all(r.failures == 0 and r.data_unchanged for r in results) else 1


def cli(argv=None) -> int:
    """``main`` with Ctrl-C reported in one line (the clean-up has run by then)."""
    try:
        return main(argv)
    except KeyboardInterrupt:
        print("interrupted: every process this run started has been stopped", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(cli())
