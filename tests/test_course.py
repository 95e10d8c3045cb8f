"""course.py: the platform logic by simulation (Windows, macOS, Linux), the install stamp,
the lab settings, and a few real runs of the script (--help, an unknown command, old Pythons).
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

import course

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "course.py"
PYENV = Path("/root/.pyenv/versions")
PLATFORMS = ["win32", "darwin", "linux"]


# --------------------------------------------------------------------------- Python check
@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("version", [(3, 10, 0), (3, 11, 7), (3, 13, 0, "final", 0), (4, 0)])
def test_new_enough_python_passes(version, platform):
    assert course.python_version_problem(version, platform) is None


@pytest.mark.parametrize("platform, how", [
    ("win32", "py -3.12 course.py lab"),
    ("darwin", "python3.12 course.py lab"),
    ("linux", "python3.12 course.py lab"),
])
@pytest.mark.parametrize("version", [(3, 9, 18), (3, 6, 15), (2, 7, 18)])
def test_old_python_says_what_to_do(version, platform, how):
    msg = course.python_version_problem(version, platform)
    assert "needs Python 3.10 or newer" in msg
    assert "you have " + ".".join(map(str, version)) in msg
    assert how in msg


def test_old_python_hint_is_per_platform():
    win, mac, linux = (course.python_version_problem((3, 9, 1), p) for p in PLATFORMS)
    assert "winget" in win and "brew" not in win and "apt" not in win
    assert "brew" in mac and "winget" not in mac
    assert "apt install" in linux and "py -3" not in linux


@pytest.mark.parametrize("bad, exc", [("3.9", TypeError), ((3,), TypeError),
                                      ((3, "9"), TypeError), ((True, 9), TypeError)])
def test_python_check_rejects_bad_version(bad, exc):
    with pytest.raises(exc, match="version_info"):
        course.python_version_problem(bad, "linux")


@pytest.mark.parametrize("bad, exc", [(None, TypeError), ("", ValueError)])
def test_python_check_rejects_bad_platform(bad, exc):
    with pytest.raises(exc, match="platform"):
        course.python_version_problem((3, 11), bad)


# --------------------------------------------------------------------------- venv paths
def test_venv_python_windows():
    got = course.venv_python(".venv", "win32")
    assert isinstance(got, PureWindowsPath)
    assert str(got) == r".venv\Scripts\python.exe"


@pytest.mark.parametrize("platform", ["darwin", "linux", "freebsd14"])
def test_venv_python_posix(platform):
    got = course.venv_python(".venv", platform)
    assert isinstance(got, PurePosixPath)
    assert str(got) == ".venv/bin/python"


def test_venv_python_takes_paths():
    assert str(course.venv_python(PurePosixPath("/x/.venv-colab"), "linux")) == \
        "/x/.venv-colab/bin/python"
    assert str(course.venv_python(r"C:\course\.venv", "win32")) == \
        r"C:\course\.venv\Scripts\python.exe"


def test_venv_python_matches_this_system():
    """The simulated path is the one a real venv has here (Linux)."""
    real = Path(sys.prefix) if sys.prefix != sys.base_prefix else None
    if real is None:
        pytest.skip("the tests do not run in a venv")
    assert Path(course.venv_python(real, sys.platform)).exists()


@pytest.mark.parametrize("bad, exc", [((3, ".venv"), TypeError), ((".venv", None), TypeError),
                                      ((".venv", ""), ValueError)])
def test_venv_python_rejects_bad_input(bad, exc):
    with pytest.raises(exc):
        course.venv_python(*bad)


# --------------------------------------------------------------------------- root, lab args
def test_is_root():
    assert course.is_root(None) is False  # Windows: no os.geteuid
    assert course.is_root(lambda: 0) is True
    assert course.is_root(lambda: 1000) is False
    with pytest.raises(TypeError, match="geteuid"):
        course.is_root(0)


@pytest.mark.parametrize("root", [True, False])
def test_lab_arguments(root):
    args = course.lab_arguments(root)
    assert "--LabApp.default_url=/lab/tree/notebooks/00-index.ipynb" in args
    assert "--LabApp.news_url=None" in args
    assert "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate" in args
    assert ("--allow-root" in args) is root


def test_lab_arguments_extra_last_and_input_kept():
    extra = ["--port", "9999"]
    args = course.lab_arguments(False, index="notebooks/01-one-sample-cee.ipynb", extra=extra)
    assert args[-2:] == ["--port", "9999"] and extra == ["--port", "9999"]
    assert args[0] == "--LabApp.default_url=/lab/tree/notebooks/01-one-sample-cee.ipynb"


@pytest.mark.parametrize("kwargs, exc", [({"root": 1}, TypeError),
                                         ({"root": False, "index": r"notebooks\00.ipynb"},
                                          ValueError),
                                         ({"root": False, "index": "/abs.ipynb"}, ValueError),
                                         ({"root": False, "extra": [1]}, TypeError)])
def test_lab_arguments_reject_bad_input(kwargs, exc):
    with pytest.raises(exc):
        course.lab_arguments(**kwargs)


def test_pytest_arguments():
    assert course.pytest_arguments(["tests", "notebooks"], ["-k", "losses"]) == [
        "--nbval-lax", "--nbval-current-env", "tests", "notebooks", "-k", "losses"]
    with pytest.raises(ValueError, match="targets"):
        course.pytest_arguments([])
    with pytest.raises(TypeError):
        course.pytest_arguments(["tests"], [3])


def test_colab_targets_exist():
    for target in course.COLAB_TEST_TARGETS + course.TEST_TARGETS:
        assert (REPO / target).exists(), target


# --------------------------------------------------------------------------- venv support
def test_venv_support_problem():
    assert course.venv_support_problem(True, True, (3, 11, 7)) is None
    msg = course.venv_support_problem(True, False, (3, 11, 7))
    assert "apt install python3-venv" in msg and "python3.11-venv" in msg
    assert course.venv_support_problem(False, True, (3, 12)) is not None
    with pytest.raises(TypeError, match="has_venv"):
        course.venv_support_problem(1, True, (3, 11))


# --------------------------------------------------------------------------- arguments
@pytest.mark.parametrize("argv, own, extra", [
    (["test"], ["test"], []),
    (["test", "--", "-k", "losses"], ["test"], ["-k", "losses"]),
    (["lab", "--rebuild", "--", "--port", "1", "--", "x"], ["lab", "--rebuild"],
     ["--port", "1", "--", "x"]),
    (["test", "--"], ["test"], []),
])
def test_split_extra(argv, own, extra):
    before = list(argv)
    assert course.split_extra(argv) == (own, extra)
    assert argv == before


# --------------------------------------------------------------------------- requirement files
def test_included_requirements():
    text = ("-r requirements.txt\n# -r commented.txt\n--requirement=a.txt\n-rb.txt\n"
            "--requirement  c.txt  # why\nnumpy==2.4.6 ; python_version >= '3.11'\n-e .\n")
    assert course.included_requirements(text) == ["requirements.txt", "a.txt", "b.txt", "c.txt"]
    with pytest.raises(TypeError, match="text"):
        course.included_requirements(b"-r x")


def _names(path):
    """Package names in a requirements file (an independent, minimal parse)."""
    names = set()
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            names.add(line.split("==")[0].split(";")[0].strip().lower())
    return names


def test_runtime_and_test_requirements_split():
    """Binder and `lab` get only what the lessons need; `test` adds the test tools."""
    runtime, test = _names(REPO / "requirements.txt"), _names(REPO / "requirements-test.txt")
    tools = {"pytest", "hypothesis", "nbval", "playwright", "pytest-playwright", "ruff"}
    assert {"numpy", "matplotlib", "ipywidgets", "jupyterlab", "pooch"} <= runtime
    assert not tools & runtime
    assert tools <= test
    assert course.included_requirements((REPO / "requirements-test.txt").read_text()) == [
        "requirements.txt"]


def test_fingerprint_changes_with_every_input():
    base = course.install_fingerprint({"r.txt": b"numpy==1\n", "pyproject.toml": b"x"}, "3.11.7")
    same = course.install_fingerprint({"pyproject.toml": b"x", "r.txt": b"numpy==1\n"}, "3.11.7")
    assert base == same and len(base) == 64
    others = [
        course.install_fingerprint({"r.txt": b"numpy==2\n", "pyproject.toml": b"x"}, "3.11.7"),
        course.install_fingerprint({"r.txt": b"numpy==1\n", "pyproject.toml": b"y"}, "3.11.7"),
        course.install_fingerprint({"r.txt": b"numpy==1\n", "pyproject.toml": b"x"}, "3.12.1"),
        course.install_fingerprint({"s.txt": b"numpy==1\n", "pyproject.toml": b"x"}, "3.11.7"),
        # the same bytes split differently between two files
        course.install_fingerprint({"r.txt": b"numpy==1\npyproject.toml", "pyproject.toml": b""},
                                   "3.11.7"),
    ]
    assert len(set(others + [base])) == len(others) + 1


def test_fingerprint_rejects_bad_input():
    with pytest.raises(TypeError, match="contents"):
        course.install_fingerprint([("r.txt", b"")], "3.11")
    with pytest.raises(TypeError):
        course.install_fingerprint({"r.txt": "text"}, "3.11")
    with pytest.raises(ValueError, match="python_version"):
        course.install_fingerprint({}, "")


# --------------------------------------------------------------------------- pyvenv.cfg
CFG_311 = ("home = /root/.pyenv/versions/3.11.7/bin\ninclude-system-site-packages = false\n"
           "version = 3.11.7\nexecutable = /root/.pyenv/versions/3.11.7/bin/python3.11\n")


def test_venv_python_mismatch():
    cfg = course.parse_pyvenv_cfg(CFG_311)
    assert cfg["version"] == "3.11.7"
    assert course.venv_python_mismatch(cfg, (3, 11, 9)) is None
    msg = course.venv_python_mismatch(cfg, (3, 12, 1))
    assert "3.11.7" in msg and "3.12.1" in msg and "--rebuild" in msg
    # Windows' pyvenv.cfg (3.11+) and one without a version
    win = course.parse_pyvenv_cfg("home = C:\\Python310\nVersion = 3.10.11\n")
    assert course.venv_python_mismatch(win, (3, 12, 0)) is not None
    assert course.venv_python_mismatch(course.parse_pyvenv_cfg("home = x\n"), (3, 12)) is None


# --------------------------------------------------------------------------- lab settings
NOTIFY = "@jupyterlab/apputils-extension:notification"


def test_merged_overrides_keeps_user_settings():
    existing = {"@jupyterlab/translation-extension:plugin": {"locale": "ko_KR"},
                NOTIFY: {"doNotDisturbMode": True, "fetchNews": "true"}}
    before = copy.deepcopy(existing)
    merged = course.merged_overrides(existing, course.NOTIFICATION_OVERRIDES)
    assert existing == before
    assert merged == {"@jupyterlab/translation-extension:plugin": {"locale": "ko_KR"},
                      NOTIFY: {"doNotDisturbMode": True, "fetchNews": "false",
                               "checkForUpdates": False}}
    with pytest.raises(TypeError, match="existing"):
        course.merged_overrides([], {})


@pytest.fixture
def fake_repo(tmp_path, monkeypatch):
    """course.py pointed at a temp repo; its subprocesses recorded instead of run."""
    monkeypatch.setattr(course, "REPO_ROOT", tmp_path)
    (tmp_path / ".venv").mkdir()
    (tmp_path / "pyproject.toml").write_text("[project]\n")
    (tmp_path / "requirements.txt").write_text("numpy==2.4.6\n")
    (tmp_path / "requirements-test.txt").write_text("-r requirements.txt\npytest==9.2.0\n")
    calls = []

    def fake_run(cmd, cwd=None):
        calls.append([os.fspath(c) for c in cmd])
        return fake_run.code

    fake_run.code = 0
    monkeypatch.setattr(course, "_run", fake_run)
    return tmp_path, calls, fake_run


def _pip_calls(calls):
    """The ``pip install -r <file>`` calls (not the pip floor before each)."""
    return [c for c in calls if c[1:4] == ["-m", "pip", "install"] and "-r" in c]


def test_install_first_brings_pip_to_the_pep_660_floor(fake_repo):
    """Python 3.10.0-3.10.2 ship pip 21.2, which cannot install ``-e .`` from pyproject.toml."""
    _, calls, _ = fake_repo
    course.install(".venv", "requirements.txt", sys.executable, course.Steps(4))
    pips = [c for c in calls if c[1:3] == ["-m", "pip"]]
    assert [c[-1] for c in pips][0] == "pip>=21.3"
    assert "-r" in pips[1] and len(pips) == 2


def test_install_skips_pip_when_nothing_changed(fake_repo, capsys):
    root, calls, _ = fake_repo
    steps = course.Steps(4)
    course.install(".venv", "requirements-test.txt", sys.executable, steps)
    assert len(_pip_calls(calls)) == 1
    assert _pip_calls(calls)[0][-1] == os.fspath(root / "requirements-test.txt")
    course.install(".venv", "requirements-test.txt", sys.executable, steps)
    course.install(".venv", "requirements.txt", sys.executable, steps)  # came with -r
    assert len(_pip_calls(calls)) == 1
    assert "skipping pip" in capsys.readouterr().out
    (root / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    course.install(".venv", "requirements.txt", sys.executable, steps)
    assert len(_pip_calls(calls)) == 2
    (root / "requirements.txt").write_text("numpy==2.4.5\n")
    course.install(".venv", "requirements-test.txt", sys.executable, steps)
    assert len(_pip_calls(calls)) == 3


def test_install_failure_names_the_step(fake_repo):
    root, calls, fake_run = fake_repo
    fake_run.code = 1
    steps = course.Steps(4)
    steps.number, steps.title = 2, "installing requirements.txt"
    with pytest.raises(course.CourseError, match=r"step 2/4 \(installing requirements.txt\)"
                       r" failed: pip could not install requirements.txt \(exit code 1\)"
                       r"(.|\n)*What to try"):
        course.install(".venv", "requirements.txt", sys.executable, steps)
    assert not (root / ".venv" / course.STAMP_NAME).exists()  # nothing stamped on failure


def test_missing_requirement_file(fake_repo):
    with pytest.raises(course.CourseError, match="requirements-colab.txt is missing"):
        course.install(".venv", "requirements-colab.txt", sys.executable, course.Steps(4))


def test_write_lab_overrides_merges(fake_repo):
    root, _, _ = fake_repo
    path = root / ".venv/share/jupyter/lab/settings/overrides.json"
    course.write_lab_overrides(".venv")
    assert json.loads(path.read_text()) == course.NOTIFICATION_OVERRIDES
    path.write_text(json.dumps({"x:plugin": {"a": 1}}))
    course.write_lab_overrides(".venv")
    assert json.loads(path.read_text()) == {"x:plugin": {"a": 1}, **course.NOTIFICATION_OVERRIDES}
    path.write_text("{not json")
    course.write_lab_overrides(".venv")
    assert path.read_text() == "{not json"  # a broken file is left alone, never overwritten


def test_half_made_venv_asks_for_rebuild(fake_repo):
    with pytest.raises(course.CourseError, match="--rebuild"):
        course.ensure_venv(".venv", False, course.Steps(4))


def test_lab_runs_jupyterlab_through_the_venv_python(fake_repo, monkeypatch):
    root, calls, _ = fake_repo
    python = Path(course.venv_python(root / ".venv", sys.platform))
    python.parent.mkdir(parents=True)
    try:
        python.symlink_to(sys.executable)
    except OSError:  # Windows without admin rights or Developer Mode: no symlinks
        shutil.copy2(sys.executable, python)
    (root / ".venv" / "pyvenv.cfg").write_text(f"version = {sys.version.split()[0]}\n")
    options = course.build_parser().parse_args(["lab"])
    assert course.command_lab(options, ["--no-browser"]) == 0
    modules = [c[2] for c in calls if c[1] == "-m"]
    assert modules == ["pip", "pip", "helpers.mnist", "helpers.network", "jupyterlab"]
    assert all(c[0] == os.fspath(python) for c in calls)
    assert calls[-1][-1] == "--no-browser"
    assert ("--allow-root" in calls[-1]) is (hasattr(os, "geteuid") and os.geteuid() == 0)


# --------------------------------------------------------------------------- the real script
def _run_script(python, *args):
    return subprocess.run([os.fspath(python), os.fspath(SCRIPT), *args], capture_output=True,
                          text=True, timeout=60, cwd=REPO)


def test_help_lists_the_commands():
    r = _run_script(sys.executable, "--help")
    assert r.returncode == 0, r.stderr
    for name in ("lab", "test", "test-colab", "--rebuild"):
        assert name in r.stdout


def test_unknown_command_is_an_error():
    r = _run_script(sys.executable, "labb")
    assert r.returncode == 2
    assert "invalid choice: 'labb'" in r.stderr


@pytest.mark.parametrize("version", ["3.9.18", "3.6.15"])
def test_old_python_gets_a_message_not_a_syntax_error(version):
    python = PYENV / version / "bin" / "python"
    if not python.exists():
        pytest.skip(f"no Python {version} at {python}")
    r = _run_script(python, "lab")
    assert r.returncode == 1
    assert "SyntaxError" not in r.stderr
    assert f"needs Python 3.10 or newer; you have {version}" in r.stderr


@pytest.mark.parametrize("call", [
    lambda: course.lab_arguments(False, extra="--x"),
    lambda: course.pytest_arguments("tests"),
    lambda: course.pytest_arguments(["tests"], extra="-k x"),
    lambda: course.venv_python_mismatch(None, (3, 11, 7)),
])
def test_one_string_where_a_list_is_wanted_is_a_type_error(call):
    """A plain str would otherwise be split into one-character arguments."""
    with pytest.raises(TypeError, match=r"^(extra|targets|cfg) must be"):
        call()


# --------------------------------------------------------------------------- a real JupyterLab
def _free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_lab_arguments_really_start_jupyterlab_on_the_index_without_news(tmp_path):
    """JupyterLab started with course.py's own arguments and overrides.json prints a URL that
    opens the index (not the Launcher) and serves the notification settings with news off."""
    import urllib.error
    import urllib.request

    pytest.importorskip("jupyterlab")
    venv = tmp_path / "venv"
    course.write_lab_overrides(venv)
    settings = venv / "share" / "jupyter" / "lab" / "settings"
    port, token = _free_port(), "0123456789abcdef"
    env = {**os.environ, **{k: str(tmp_path / k.lower()) for k in (
        "JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR",
        "JUPYTERLAB_WORKSPACES_DIR")}}
    root = course.is_root(getattr(os, "geteuid", None))
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={REPO}",
           f"--LabApp.app_settings_dir={settings}", *course.lab_arguments(root)]
    log = tmp_path / "lab.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        want = f"http://127.0.0.1:{port}/lab/tree/notebooks/00-index.ipynb?token="  # token masked
        import time

        deadline = time.monotonic() + 90
        while want not in log.read_text() and time.monotonic() < deadline:
            assert proc.poll() is None, log.read_text()[-2000:]
            time.sleep(0.3)
        assert want in log.read_text(), log.read_text()[-2000:]
        url = (f"http://127.0.0.1:{port}/lab/api/settings/"
               f"@jupyterlab/apputils-extension:notification?token={token}")
        while True:  # on a loaded machine the URL can be printed a moment before it answers
            try:
                with urllib.request.urlopen(url, timeout=30) as r:
                    props = json.load(r)["schema"]["properties"]  # overrides.json: defaults
                break
            except urllib.error.URLError as e:
                assert proc.poll() is None and time.monotonic() < deadline, \
                    f"{e}; server log:\n{log.read_text()[-2000:]}"
                time.sleep(0.5)
        assert props["fetchNews"]["default"] == "false"  # JupyterLab's own default: "none" (ask)
        assert props["checkForUpdates"]["default"] is False
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_lab_ko_opens_the_korean_edition_with_korean_menus(fake_repo, monkeypatch):
    """``course.py lab --ko``: the Korean index, and the language pack's locale in overrides."""
    root, _, _ = fake_repo
    ran = []
    monkeypatch.setattr(course, "_set_up", lambda *a: sys.executable)
    monkeypatch.setattr(course, "_run", lambda cmd, cwd=None: ran.append(cmd) or 0)
    path = root / ".venv/share/jupyter/lab/settings/overrides.json"
    for flag, index, locale in ((["--ko"], "notebooks/ko/00-index.ipynb", "ko_KR"),
                                ([], "notebooks/00-index.ipynb", "en")):
        assert course.main(["lab"] + flag) == 0
        assert f"--LabApp.default_url=/lab/tree/{index}" in ran[-1]
        settings = json.loads(path.read_text())
        assert settings["@jupyterlab/translation-extension:plugin"] == {"locale": locale}
        assert settings["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    assert (Path(course.__file__).parent / course.KOREAN_INDEX_NOTEBOOK).is_file()
    with pytest.raises(TypeError, match="korean must be a bool"):
        course.lab_overrides("yes")
