"""Fixtures for the real-browser tests: a JupyterLab server and headless Chromium.

Everything runs in temporary folders (Jupyter config/runtime/data, JupyterLab
settings/workspaces, matplotlib config, IPython dir, HOME, XDG dirs, the
Chromium profile), so nothing is read from or written to the user's home.

Chromium is launched and driven through pytest-playwright (see the section
"pytest-playwright" below for what is used and what stays hand-written): the
tests take its ``page`` fixture. ``$MINIBATCH_CEE_CHROMIUM`` picks the
Chromium binary (default /usr/bin/chromium); pytest-playwright's options work,
e.g. ``--tracing retain-on-failure``; its artifacts go to
``test-artifacts/browser/playwright/`` (``--output``), a screenshot of each
failed test included (``--screenshot only-on-failure`` is the default here).

Both processes are stopped by the process ids this file started, also when a
test fails: the server by its own process group (``start_new_session=True``;
where ``os.killpg`` does not exist, i.e. Windows, the server and its child
processes by pid through psutil), kernels it left behind by their recorded
pids, and Chromium through ``browser.close()`` and then its recorded pids.

Outside CI a missing Chromium or pytest-playwright skips the tests with the
reason; under ``CI=true`` it fails them (``require`` from ``tests/support.py``).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support import require

REPO_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = REPO_ROOT / "notebooks"
ARTIFACTS = REPO_ROOT / "test-artifacts" / "browser"
VENV_BIN = Path(sys.executable).parent

#: Environment variable naming the Chromium executable (a wrong path counts as no Chromium).
CHROMIUM_ENV = "MINIBATCH_CEE_CHROMIUM"
SERVER_START_TIMEOUT = 90  # seconds until /api/status answers
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


# --------------------------------------------------------------------------- Chromium
def find_chromium() -> str | None:
    """The Chromium to drive: ``$MINIBATCH_CEE_CHROMIUM`` if set (also a wrong path: then none),
    else /usr/bin/chromium, else chromium/chromium-browser/google-chrome on PATH."""
    env = os.environ.get(CHROMIUM_ENV)
    if env:
        return env if os.path.isfile(env) and os.access(env, os.X_OK) else None
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


# --------------------------------------------------------------------------- helpers
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))


def _kill_pids(pids: dict[int, float], grace: float = 5.0) -> None:
    """Terminate, then kill, the given processes.

    ``pids`` maps pid -> create_time, so that a reused pid is left alone.
    """
    import psutil

    procs = []
    for pid, created in pids.items():
        try:
            p = psutil.Process(pid)
            if abs(p.create_time() - created) < 0.01:
                procs.append(p)
        except psutil.Error:
            pass
    for p in procs:
        try:
            p.terminate()
        except psutil.Error:
            pass
    _, alive = psutil.wait_procs(procs, timeout=grace)
    for p in alive:
        try:
            p.kill()
        except psutil.Error:
            pass
    psutil.wait_procs(alive, timeout=grace)


def _descendants(pid: int) -> dict[int, float]:
    import psutil

    try:
        return {c.pid: c.create_time() for c in psutil.Process(pid).children(recursive=True)}
    except psutil.Error:
        return {}


def isolated_env(base: Path) -> dict[str, str]:
    """Environment for the server (and so its kernels): every per-user dir under ``base``."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"MPLBACKEND", "JUPYTER_PATH", "JUPYTERLAB_DIR", "JUPYTER_CONFIG_PATH",
                        "IPYTHONDIR", "PYTHONSTARTUP"}}
    # Data locations the user set with "~" must still point at the real home.
    for key in ("MNIST_DIR", "MINIBATCH_CEE_DATA"):
        if env.get(key):
            env[key] = str(Path(env[key]).expanduser())
    dirs = {
        "HOME": "home",
        "JUPYTER_CONFIG_DIR": "jupyter-config",
        "JUPYTER_DATA_DIR": "jupyter-data",
        "JUPYTER_RUNTIME_DIR": "jupyter-runtime",
        "JUPYTERLAB_SETTINGS_DIR": "lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": "lab-workspaces",
        "MPLCONFIGDIR": "mplconfig",
        "IPYTHONDIR": "ipython",
        "XDG_CONFIG_HOME": "xdg-config",
        "XDG_CACHE_HOME": "xdg-cache",
        "XDG_DATA_HOME": "xdg-data",
        "XDG_RUNTIME_DIR": "xdg-runtime",
    }
    for key, sub in dirs.items():
        d = base / sub
        d.mkdir(parents=True, exist_ok=True)
        env[key] = str(d)
    os.chmod(base / "xdg-runtime", 0o700)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    env.pop("JUPYTER_TOKEN", None)

    settings = base / "lab-settings"
    # No news toast over the page.
    _write_json(settings / "@jupyterlab/apputils-extension/notification.jupyterlab-settings",
                {"fetchNews": "false", "checkForUpdates": False})
    # Never write the notebooks back (the "repo" server serves the real files).
    _write_json(settings / "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings",
                {"autosave": False, "confirmClosingDocument": False})
    # Every cell in the DOM, so selectors see the whole notebook.
    _write_json(settings / "@jupyterlab/notebook-extension/tracker.jupyterlab-settings",
                {"windowingMode": "none"})
    return env


# --------------------------------------------------------------------------- server
@dataclass
class LabServer:
    layout: str
    root_dir: Path
    port: int
    token: str
    proc: subprocess.Popen
    log_path: Path
    env: dict[str, str] = field(repr=False)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def api(self, method: str, path: str, timeout: float = 30):
        req = urllib.request.Request(
            f"{self.base_url}{path}", method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(req, timeout=timeout) as r:
            body = r.read()
        return json.loads(body) if body else None

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no server log)"

    def shutdown_kernels(self) -> None:
        """Delete every session and kernel (REST), so the next notebook gets a fresh kernel."""
        try:
            for s in self.api("GET", "api/sessions"):
                self.api("DELETE", f"api/sessions/{s['id']}")
            for k in self.api("GET", "api/kernels"):
                self.api("DELETE", f"api/kernels/{k['id']}")
        except (urllib.error.URLError, OSError, ValueError):
            pass


def start_lab_server(layout: str, root_dir: Path, base: Path) -> LabServer:
    env = isolated_env(base)
    log_path = base / "server.log"
    last_error = ""
    for _attempt in range(3):  # a free port can be taken between probe and bind
        port, token = free_port(), secrets.token_hex(24)
        cmd = [
            # `python -m jupyterlab`: no launcher name to guess (jupyter-lab.exe on Windows)
            sys.executable, "-m", "jupyterlab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root_dir}",
            "--ServerApp.terminals_enabled=False",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
            "--LabApp.expose_app_in_browser=True",
            "--FileContentsManager.delete_to_trash=False",
            # Opening a notebook makes a checkpoint; keep it out of the served (repo) folder.
            f"--FileCheckpoints.checkpoint_dir={base / 'checkpoints'}",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--ServerApp.allow_root=True")
        log = open(log_path, "ab")
        proc = subprocess.Popen(cmd, cwd=root_dir, env=env, stdin=subprocess.DEVNULL,
                                stdout=log, stderr=subprocess.STDOUT, **_own_group())
        log.close()
        server = LabServer(layout, root_dir, port, token, proc, log_path, env)
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                server.api("GET", "api/status", timeout=2)
                return server
            except (urllib.error.URLError, OSError, ValueError):
                time.sleep(0.25)
        last_error = server.log_tail()
        stop_lab_server(server)
    raise RuntimeError(f"JupyterLab ({layout}) did not start within {SERVER_START_TIMEOUT}s; "
                       f"log {log_path}:\n{last_error}")


def _own_group() -> dict:
    """Popen options that put the server in a process group of its own.

    POSIX: a new session (pgid == pid), stopped with ``os.killpg``. Windows has no
    ``killpg``: a new process group keeps the console's Ctrl+C away from it, and
    :func:`_signal_server` stops it and its children by pid instead.
    """
    if hasattr(os, "killpg"):
        return {"start_new_session": True}
    return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}


def _signal_server(proc: subprocess.Popen, hard: bool) -> None:
    """SIGTERM (``hard``: SIGKILL) the server's process group; without ``os.killpg``,
    terminate (kill) the server and its current children through psutil."""
    if hasattr(os, "killpg"):
        try:
            os.killpg(proc.pid, signal.SIGKILL if hard else signal.SIGTERM)
        except ProcessLookupError:
            pass
        return
    import psutil

    try:
        root = psutil.Process(proc.pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return
    for p in procs:
        try:
            if hard:
                p.kill()
            else:
                p.terminate()
        except psutil.Error:
            pass


def stop_lab_server(server: LabServer) -> None:
    """Stop the server we started: kernels via REST, its process group, leftovers by pid."""
    proc = server.proc
    if proc.poll() is None:
        server.shutdown_kernels()
    leftovers = _descendants(proc.pid)  # kernels run in their own sessions
    if proc.poll() is None:
        _signal_server(proc, hard=False)  # pgid == pid: start_new_session=True
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            _signal_server(proc, hard=True)
            proc.wait(timeout=10)
    if leftovers:
        _kill_pids(leftovers)


def copy_notebooks(dest_root: Path) -> None:
    """``dest_root/notebooks``: a copy of the repo's notebooks (no checkpoints, no data folder)."""
    if NOTEBOOK_DIR.is_dir():
        shutil.copytree(NOTEBOOK_DIR, dest_root / "notebooks",
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    else:
        (dest_root / "notebooks").mkdir(parents=True)


# --------------------------------------------------------------------------- pytest-playwright
# The browser side comes from pytest-playwright: its ``playwright`` / ``browser_type`` /
# ``launch_browser`` / ``browser`` (one Chromium per session), ``new_context`` /
# ``context`` / ``page`` (a fresh context and page per test, closed after it) and its
# artifact options. This file only overrides its two argument fixtures and wraps its
# ``browser`` to stop Chromium by pid. The tests take ``page``.
#
# Not from pytest-playwright, and why:
# - the JupyterLab servers (``lab_server``): the plugin has nothing for a server under test;
# - the persistent context in a fresh user-data dir of the old fixture: a
#   ``browser.new_context()`` is just as fresh (an incognito-like profile of its own,
#   thrown away after each test), and only that kind of context gets the plugin's
#   artifacts (screenshot/trace/video on failure), so it replaced the persistent one;
# - our own named full-page screenshots (``LabNotebook.screenshot``): the notebook is
#   taller than the viewport and the plugin shoots only at the end of a test.

PLAYWRIGHT_OUTPUT = ARTIFACTS / "playwright"


def _option_given(config: pytest.Config, name: str) -> bool:
    args = list(config.invocation_params.args) + os.environ.get("PYTEST_ADDOPTS", "").split()
    return any(a == name or a.startswith(name + "=") for a in map(str, args))


def pytest_configure(config: pytest.Config) -> None:
    """Defaults for pytest-playwright's artifact options, unless given on the command line.

    ``--output``: ``test-artifacts/browser/playwright`` (next to our screenshots, git-ignored)
    instead of ``./test-results``; ``--screenshot``: ``only-on-failure`` (a failed test
    leaves ``<output>/<test>/test-failed-1.png``). ``--tracing retain-on-failure`` also works.
    """
    if not config.pluginmanager.has_plugin("playwright"):
        return
    if not _option_given(config, "--output"):
        config.option.output = str(PLAYWRIGHT_OUTPUT)
    if not _option_given(config, "--screenshot"):
        config.option.screenshot = "only-on-failure"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Without pytest-playwright (not installed, or ``-p no:playwright``) there is no ``page``."""
    require(item.config.pluginmanager.has_plugin("playwright"),
            "pytest-playwright is not active (not installed, or disabled with -p no:playwright); "
            "`pip install pytest-playwright`")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if os.environ.get(CHROMIUM_ENV):
        where = f"${CHROMIUM_ENV}={os.environ[CHROMIUM_ENV]!r} is not an executable file"
    else:
        where = (f"no Chromium found (${CHROMIUM_ENV} is not set; looked at /usr/bin/chromium "
                 "and for chromium, chromium-browser, google-chrome on PATH)")
    require(path is not None, f"{where}; install it with `apt-get install chromium`")
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, browser_name, chromium_path,
                             tmp_path_factory) -> dict:
    """pytest-playwright's launch options (``--headed``, ``--slowmo``), plus ours.

    Debian's Chromium, never a downloaded one (``playwright install`` does not work here),
    headless, with the flags that keep it off the network, and a temp HOME/XDG dirs.
    """
    if browser_name != "chromium":
        pytest.skip(f"these tests drive Chromium only, not --browser {browser_name}")
    home = tmp_path_factory.mktemp("chromium-home")
    env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_CACHE_HOME=str(home / ".cache"))
    return {"headless": True, **browser_type_launch_args,
            "executable_path": chromium_path, "args": CHROMIUM_ARGS, "env": env}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args) -> dict:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="session")
def browser(launch_browser, browser_type_launch_args):
    """pytest-playwright's ``browser``; Chromium's processes stopped by pid after ``close()``."""
    import psutil
    from playwright.sync_api import expect

    expect.set_options(timeout=60_000)  # expect's default is 5 s
    before = _descendants(os.getpid())
    browser = launch_browser()
    exe = os.path.realpath(browser_type_launch_args["executable_path"])
    browser_pids: dict[int, float] = {}
    for pid, created in _descendants(os.getpid()).items():
        if pid in before:
            continue
        try:
            p = psutil.Process(pid)
            if os.path.realpath(p.exe()) == exe or "chrom" in p.name().lower():
                browser_pids[pid] = created
        except psutil.Error:
            pass
    try:
        yield browser
    finally:
        try:
            browser.close()
        finally:
            if browser_pids:
                _kill_pids(browser_pids)


@pytest.fixture(scope="session")
def base_url() -> None:
    """No base URL: the tests build theirs from the lab server.

    Replaces pytest-playwright's fallback ``base_url`` (used when pytest-base-url is not
    installed), a session fixture defined as an instance method, which pytest 9 warns
    about (PytestRemovedIn10Warning) and pytest 10 will refuse.
    """
    return None


@pytest.fixture
def context(context):
    """pytest-playwright's per-test context, with our default timeout."""
    context.set_default_timeout(60_000)
    return context


# --------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="module", params=["repo", "copy"])
def lab_server(request, tmp_path_factory, chromium_path, artifacts_dir):
    """A JupyterLab server, one per layout, shared by the module's tests.

    ``repo``: root_dir is the repository itself, as ``course.py lab`` starts it; the
    notebooks open as ``notebooks/<nb>`` and run with ``notebooks/`` as cwd.
    ``copy``: root_dir is a temp folder holding only a copy of ``notebooks/``
    (plus the harness's own notebooks under ``harness/``): no ``data/`` next to
    it, so MNIST and the weights must be found through the installed ``helpers``.

    It asks for ``chromium_path`` so that without a browser no server is started.
    """
    layout = request.param
    base = tmp_path_factory.mktemp(f"lab-{layout}")
    if layout == "repo":
        root = REPO_ROOT
    else:
        root = base / "root"
        root.mkdir()
        copy_notebooks(root)
        (root / "harness").mkdir()
    server = start_lab_server(layout, root, base / "state")
    try:
        yield server
    finally:
        stop_lab_server(server)
        try:
            shutil.copy(server.log_path, artifacts_dir / f"server-{layout}.log")
        except OSError:
            pass
