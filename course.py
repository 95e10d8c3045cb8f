"""minibatch-cee's two commands, the same on Windows, macOS and Linux.

    python course.py lab          set up .venv, fetch the data, open the series in JupyterLab
    python course.py test         the same set-up plus the test tools, then ruff and pytest
    python course.py test-colab   a second venv (.venv-colab) on Google Colab's versions, pytest

On Windows (PowerShell) type ``py course.py lab`` (or ``python course.py lab``).
Arguments after ``--`` go to pytest (``test``, ``test-colab``) or to JupyterLab (``lab``):
``python course.py test -- -k losses``. ``--rebuild`` deletes the venv and makes it again
with the Python that runs this script.

Standard library only, and written so that Python 3.6+ can parse it: an older Python then
prints which version is needed instead of a SyntaxError (no ``from __future__ import
annotations``, no subscripted builtins in annotations, no walrus). The platform logic lives
in small pure functions that take the platform as an argument (tests/test_course.py
simulates Windows, macOS and Linux with them).
"""

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path, PurePosixPath, PureWindowsPath

MIN_PYTHON = (3, 10)
#: The Python a user should install when theirs is too old (any 3.10+ works).
SUGGESTED_PYTHON = "3.12"
REPO_ROOT = Path(__file__).resolve().parent
VENV = ".venv"
COLAB_VENV = ".venv-colab"
REQUIREMENTS = "requirements.txt"
TEST_REQUIREMENTS = "requirements-test.txt"
COLAB_REQUIREMENTS = "requirements-colab.txt"
#: Files whose change means "install again" besides the requirement files (``-e .``).
PROJECT_FILES = ("pyproject.toml",)
#: In the venv: what was installed, per requirement file (hash of the inputs).
STAMP_NAME = ".course-installed.json"
INDEX_NOTEBOOK = "notebooks/00-index.ipynb"
#: ``lab --ko``: the Korean edition's index, and JupyterLab's menus in Korean (the language
#: pack jupyterlab-language-pack-ko-KR of requirements.txt).
KOREAN_INDEX_NOTEBOOK = "notebooks/ko/00-index.ipynb"
LOCALE_PLUGIN = "@jupyterlab/translation-extension:plugin"
PYTEST_FLAGS = ["--nbval-lax", "--nbval-current-env"]
TEST_TARGETS = ["tests", "notebooks"]
#: What ``test-colab`` runs in the Colab-pinned venv: every notebook, and the tests of what
#: depends on the ipywidgets/numpy/matplotlib versions (widgets, figures, compatibility).
COLAB_TEST_TARGETS = [
    "notebooks",
    "tests/test_compat.py",
    "tests/test_widgets_single.py",
    "tests/test_widgets_minibatch.py",
    "tests/test_widgets_training.py",
    "tests/test_widgets_faults.py",
    "tests/test_plots_single.py",
    "tests/test_plots_minibatch.py",
    "tests/test_plots_training.py",
    "tests/test_plots_full.py",
    "tests/test_plots_faults.py",
]
DATA_MODULES = ["helpers.mnist", "helpers.network"]
#: JupyterLab settings that keep the "news" and "update" toasts off the notebook.
NOTIFICATION_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    }
}
#: pip at least this (PEP 660 editable installs of ``-e .``); installed only where older.
MIN_PIP = "pip>=21.3"
WINDOWS = "win32"
MACOS = "darwin"


class CourseError(Exception):
    """A failure the user can act on; the message says what failed and what to try."""


# --------------------------------------------------------------------------- argument checks
def _check_str(value, name):
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    if not value:
        raise ValueError(f"{name} must not be empty")
    return value


def _check_version(version_info, name="version_info"):
    if not isinstance(version_info, tuple) or len(version_info) < 2:
        raise TypeError(f"{name} must be a tuple such as sys.version_info, got {version_info!r}")
    if not all(isinstance(part, int) and not isinstance(part, bool)
               for part in version_info[:3]):
        raise TypeError(f"{name} must start with integers, got {version_info!r}")
    return tuple(version_info[:3])


def _version_text(version_info):
    return ".".join(str(part) for part in version_info)


# --------------------------------------------------------------------------- pure platform logic
def python_version_problem(version_info, platform):
    """The message for a Python too old to run the series, or None if it is new enough.

    Parameters
    ----------
    version_info : tuple
        ``sys.version_info`` (or any tuple of at least major, minor).
    platform : str
        ``sys.platform``: ``"win32"``, ``"darwin"``, ``"linux"``, ...

    Returns
    -------
    str or None
        What to install and how to run the script with it, for that platform.
    """
    version = _check_version(version_info)
    _check_str(platform, "platform")
    if version[:2] >= MIN_PYTHON:
        return None
    need, v = _version_text(MIN_PYTHON), SUGGESTED_PYTHON
    if platform == WINDOWS:
        how = (f"install Python {v} from https://www.python.org/downloads/ (or `winget "
               f"install Python.Python.{v}`), then run `py -{v} course.py lab`")
    elif platform == MACOS:
        how = (f"install Python {v} from https://www.python.org/downloads/ (or `brew "
               f"install python@{v}`), then run `python{v} course.py lab`")
    else:
        how = (f"install Python {v} (e.g. `sudo apt install python{v} python{v}-venv`, or "
               f"pyenv, or uv), then run `python{v} course.py lab`")
    return (f"minibatch-cee needs Python {need} or newer; you have {_version_text(version)}. "
            f"To fix it, {how}.")


def venv_python(venv_dir, platform):
    """The path of a venv's Python on that platform.

    Parameters
    ----------
    venv_dir : str or os.PathLike
        The venv folder (e.g. ``.venv``).
    platform : str
        ``sys.platform``. Windows venvs keep it in ``Scripts\\python.exe``, all others in
        ``bin/python``.

    Returns
    -------
    PurePath
        A ``PureWindowsPath`` on Windows, else a ``PurePosixPath`` (``Path(...)`` of it is
        the real file on the running system).
    """
    if not isinstance(venv_dir, (str, os.PathLike)):
        raise TypeError(f"venv_dir must be a str or path, got {type(venv_dir).__name__}")
    _check_str(platform, "platform")
    if platform == WINDOWS:
        return PureWindowsPath(os.fspath(venv_dir), "Scripts", "python.exe")
    return PurePosixPath(os.fspath(venv_dir), "bin", "python")


def is_root(geteuid):
    """Whether the process runs as root (Jupyter then needs ``--allow-root``).

    Parameters
    ----------
    geteuid : callable or None
        ``getattr(os, "geteuid", None)``; None where it does not exist (Windows), which
        counts as not root (Jupyter checks root only on POSIX).
    """
    if geteuid is None:
        return False
    if not callable(geteuid):
        raise TypeError(f"geteuid must be callable or None, got {type(geteuid).__name__}")
    return geteuid() == 0


def lab_arguments(root, index=INDEX_NOTEBOOK, extra=()):
    """JupyterLab's command-line arguments for ``lab``.

    Parameters
    ----------
    root : bool
        Running as root: adds ``--allow-root``.
    index : str
        The notebook the printed URL opens, relative to the repository, with ``/``.
    extra : sequence of str
        Passed on at the end (what the user wrote after ``--``).

    Returns
    -------
    list of str
        The URL JupyterLab prints (and opens) is ``/lab/tree/<index>``, not the Launcher
        (``LabApp.default_url``: ``ServerApp.default_url`` is overridden by LabApp's own),
        and it never asks for news or checks for updates.
    """
    if not isinstance(root, bool):
        raise TypeError(f"root must be a bool, got {type(root).__name__}")
    _check_str(index, "index")
    if "\\" in index or index.startswith("/"):
        raise ValueError(f"index must be a relative path with '/', got {index!r}")
    if isinstance(extra, str):
        raise TypeError(f"extra must be a sequence of str, not one str: got {extra!r}")
    extra = list(extra)
    if not all(isinstance(a, str) for a in extra):
        raise TypeError(f"extra must hold only str, got {extra!r}")
    args = [
        "--LabApp.default_url=/lab/tree/" + index,
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if root:
        args.append("--allow-root")
    return args + extra


def pytest_arguments(targets, extra=()):
    """pytest's arguments: nbval in lax mode in the current env, the targets, then ``extra``."""
    for value, name in ((targets, "targets"), (extra, "extra")):
        if isinstance(value, str):
            raise TypeError(f"{name} must be a sequence of str, not one str: got {value!r}")
    targets, extra = list(targets), list(extra)
    if not targets:
        raise ValueError("targets must name at least one test path")
    if not all(isinstance(a, str) for a in targets + extra):
        raise TypeError(f"targets and extra must hold only str, got {targets + extra!r}")
    return PYTEST_FLAGS + targets + extra


def venv_support_problem(has_venv, has_ensurepip, version_info):
    """The message when this Python cannot make a venv with pip in it, or None.

    Debian and Ubuntu ship the ``venv`` module without ``ensurepip`` (package
    ``python3-venv`` / ``python3.X-venv``).
    """
    version = _check_version(version_info)
    for value, name in ((has_venv, "has_venv"), (has_ensurepip, "has_ensurepip")):
        if not isinstance(value, bool):
            raise TypeError(f"{name} must be a bool, got {type(value).__name__}")
    if has_venv and has_ensurepip:
        return None
    minor = "{}.{}".format(*version[:2])
    return (f"this Python ({minor}) cannot create a virtual environment: its `venv`/`ensurepip` "
            "module is missing. On Debian or Ubuntu: `sudo apt install python3-venv` (or "
            f"python{minor}-venv); elsewhere install Python from https://www.python.org/downloads/."
            )


def split_extra(argv):
    """``(own, extra)``: the arguments before the first ``--`` and those after it."""
    argv = list(argv)
    if "--" not in argv:
        return argv, []
    cut = argv.index("--")
    return argv[:cut], argv[cut + 1:]


def included_requirements(text):
    """The files a requirements file includes with ``-r``/``--requirement`` (in order)."""
    _check_type_str(text, "text")
    found = []
    for line in text.splitlines():
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if words[0] in ("-r", "--requirement") and len(words) > 1:
            found.append(words[1])
        elif words[0].startswith("--requirement="):
            found.append(words[0].split("=", 1)[1])
        elif words[0].startswith("-r") and len(words[0]) > 2:
            found.append(words[0][2:])
    return found


def _check_type_str(value, name):
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")


def install_fingerprint(contents, python_version):
    """A hash of what an install depends on: file names and contents, and the venv's Python.

    Parameters
    ----------
    contents : dict
        File name -> its bytes (the requirement files and ``pyproject.toml``).
    python_version : str
        The venv Python's version, e.g. ``"3.11.7"``.
    """
    if not isinstance(contents, dict):
        raise TypeError(f"contents must be a dict of name -> bytes, got {type(contents).__name__}")
    _check_str(python_version, "python_version")
    digest = hashlib.sha256(python_version.encode())
    for name in sorted(contents):
        data = contents[name]
        if not isinstance(name, str) or not isinstance(data, bytes):
            raise TypeError("contents must map str names to bytes")
        digest.update(b"\0" + name.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    return digest.hexdigest()


def merged_overrides(existing, overrides):
    """``existing`` JupyterLab overrides with ``overrides`` merged in (one level per plugin).

    Neither argument is changed; a plugin's other settings the user set are kept.
    """
    for value, name in ((existing, "existing"), (overrides, "overrides")):
        if not isinstance(value, dict):
            raise TypeError(f"{name} must be a dict, got {type(value).__name__}")
    merged = {key: (dict(value) if isinstance(value, dict) else value)
              for key, value in existing.items()}
    for plugin, settings in overrides.items():
        current = merged.get(plugin)
        merged[plugin] = dict(current) if isinstance(current, dict) else {}
        merged[plugin].update(settings)
    return merged


def parse_pyvenv_cfg(text):
    """``pyvenv.cfg`` as a dict (keys lower-case); its ``version`` names the venv's Python."""
    _check_type_str(text, "text")
    cfg = {}
    for line in text.splitlines():
        if "=" in line:
            key, value = line.split("=", 1)
            cfg[key.strip().lower()] = value.strip()
    return cfg


def venv_python_mismatch(cfg, version_info):
    """A note when the venv was made by another Python version than ``version_info``, or None."""
    version = _check_version(version_info)
    if not isinstance(cfg, dict):
        raise TypeError(f"cfg must be a dict (the venv's pyvenv.cfg), got {type(cfg).__name__}")
    made_with = cfg.get("version") or cfg.get("version_info")
    if not made_with:
        return None
    if made_with.split(".")[:2] == [str(v) for v in version[:2]]:
        return None
    return (f"the existing venv was made by Python {made_with}; you ran course.py with "
            f"Python {_version_text(version)}. "
            "It keeps using the venv's Python; to rebuild the venv with this one, add "
            "--rebuild.")


# --------------------------------------------------------------------------- steps
class Steps:
    """Prints ``1/4 creating .venv ...`` and, when the step ends, how long it took."""

    def __init__(self, total):
        self.total, self.number, self.title = total, 0, ""

    def run(self, title, action, *args):
        self.number += 1
        self.title = title
        print(f"\n[{self.number}/{self.total}] {title} ...", flush=True)
        start = time.monotonic()
        result = action(*args)
        took = time.monotonic() - start
        print(f"[{self.number}/{self.total}] {title}: done in {took:.1f} s", flush=True)
        return result

    def announce(self, title):
        """The last step, which runs until the user stops it (no time printed)."""
        self.number += 1
        self.title = title
        print(f"\n[{self.number}/{self.total}] {title}", flush=True)

    def failed(self, what, hint):
        return CourseError(f"step {self.number}/{self.total} ({self.title}) failed: {what}\n"
                           f"What to try: {hint}")


def _run(cmd, cwd=REPO_ROOT):
    """Run ``cmd`` (output straight to the terminal); its exit code. Ctrl+C goes to it."""
    cmd = [os.fspath(c) for c in cmd]
    try:
        proc = subprocess.Popen(cmd, cwd=os.fspath(cwd))
    except OSError as e:
        raise CourseError(f"could not start {cmd[0]}: {e}\nWhat to try: run the same command "
                          "again with --rebuild") from e
    while True:
        try:
            return proc.wait()
        except KeyboardInterrupt:  # the child got it too (same console): let it finish
            continue


def _venv_path(venv):
    return REPO_ROOT / venv


def _python_of(venv):
    return Path(venv_python(_venv_path(venv), sys.platform))


def ensure_venv(venv, rebuild, steps):
    """Create the venv if missing (or ``rebuild``); its Python."""
    path, python = _venv_path(venv), _python_of(venv)
    if rebuild and path.exists():
        print(f"deleting {path} (--rebuild)")
        try:
            shutil.rmtree(path)
        except OSError as e:
            raise steps.failed(f"could not delete {path}: {e}",
                               "close JupyterLab and any program using it, then run again") from e
    if path.exists():
        cfg_file = path / "pyvenv.cfg"
        if not python.exists() or not cfg_file.exists():
            raise steps.failed(f"{path} exists but has no {python.relative_to(path)} (made on "
                               "another system, or only half made)", "run again with --rebuild")
        note = venv_python_mismatch(parse_pyvenv_cfg(cfg_file.read_text(errors="replace")),
                                    sys.version_info)
        print(f"using the existing {venv}" + (f"\nNote: {note}" if note else ""))
        return python
    _check_venv_support(steps)
    print(f"creating {venv} with {sys.executable} (Python {_version_text(sys.version_info[:3])})")
    code = _run([sys.executable, "-m", "venv", path])
    if code != 0 or not python.exists():
        shutil.rmtree(path, ignore_errors=True)  # never leave a half-made venv behind
        raise steps.failed(f"`{sys.executable} -m venv {venv}` exited with {code}",
                           "read the error above; on Debian/Ubuntu `sudo apt install "
                           "python3-venv`")
    return python


def _check_venv_support(steps):
    import importlib.util

    problem = venv_support_problem(importlib.util.find_spec("venv") is not None,
                                   importlib.util.find_spec("ensurepip") is not None,
                                   sys.version_info)
    if problem:
        raise steps.failed(problem, "install it, then run the same command again")


def _requirement_closure(name, steps):
    """``name`` and every file it includes with ``-r``, recursively (names relative to the repo)."""
    order, todo = [], [name]
    while todo:
        current = todo.pop(0)
        if current in order:
            continue
        file = REPO_ROOT / current
        if not file.is_file():
            raise steps.failed(f"the requirement file {file} is missing",
                               "get a complete copy of the repository (git clone / git pull)")
        order.append(current)
        todo.extend(included_requirements(file.read_text(encoding="utf-8")))
    return order


def _fingerprint(files, python):
    contents = {f: (REPO_ROOT / f).read_bytes() for f in files}
    for f in PROJECT_FILES:
        if (REPO_ROOT / f).is_file():
            contents[f] = (REPO_ROOT / f).read_bytes()
    try:
        version = subprocess.run([os.fspath(python), "-c", "import platform;"
                                  "print(platform.python_version())"],
                                 stdout=subprocess.PIPE, text=True)
    except OSError as e:
        version = subprocess.CompletedProcess([], 1, "", str(e))
    if version.returncode != 0:
        raise CourseError(f"the venv's Python ({python}) does not run; run the same command "
                          "again with --rebuild")
    return install_fingerprint(contents, version.stdout.strip())


def _read_stamp(venv):
    try:
        stamp = json.loads((_venv_path(venv) / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamp if isinstance(stamp, dict) else {}


def _write_json_atomic(path, data):
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(os.fspath(tmp), os.fspath(path))


def install(venv, requirements, python, steps):
    """``pip install -r requirements`` into the venv, unless the stamp says nothing changed."""
    closure = _requirement_closure(requirements, steps)
    stamp = _read_stamp(venv)
    wanted = _fingerprint(closure, python)
    if stamp.get(requirements) == wanted:
        print(f"{requirements} is already installed and nothing changed: skipping pip")
        return
    # Python 3.10.0-3.10.2 come with pip 21.2, too old for an editable pyproject-only
    # package (PEP 660 needs pip 21.3); this installs a newer pip only where it is older
    code = _run([python, "-m", "pip", "install", "--disable-pip-version-check", MIN_PIP])
    if code == 0:
        code = _run([python, "-m", "pip", "install", "--disable-pip-version-check",
                     "-r", REPO_ROOT / requirements])
    if code != 0:
        raise steps.failed(
            f"pip could not install {requirements} (exit code {code})",
            "read pip's error above. No internet? Check the connection or set HTTPS_PROXY. "
            "A package without a wheel for your Python? Try Python 3.11 or 3.12 with "
            "--rebuild (e.g. `py -3.12 course.py lab --rebuild`). Then run the same command again.")
    # what was installed through -r is installed too: stamp every file of the closure
    for name in closure:
        stamp[name] = _fingerprint(_requirement_closure(name, steps), python)
    _write_json_atomic(_venv_path(venv) / STAMP_NAME, stamp)


def fetch_data(python, steps):
    """MNIST (verified) and the pretrained network, through the venv's Python."""
    for module in DATA_MODULES:
        code = _run([python, "-m", module])
        if code != 0:
            raise steps.failed(f"`python -m {module}` exited with {code}",
                               "follow the message above (README: 'Offline or behind a "
                               "firewall'), then run the same command again")


def lab_overrides(korean=False):
    """The JupyterLab settings ``lab`` writes: no news toasts; the interface's language."""
    if not isinstance(korean, bool):
        raise TypeError(f"korean must be a bool, got {type(korean).__name__}")
    return dict(NOTIFICATION_OVERRIDES, **{LOCALE_PLUGIN: {"locale": "ko_KR" if korean else "en"}})


def write_lab_overrides(venv, overrides=None):
    """Merge ``overrides`` (default :data:`NOTIFICATION_OVERRIDES`) into the venv's
    JupyterLab ``overrides.json``."""
    path = _venv_path(venv) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    existing = {}
    if path.is_file():
        try:
            existing = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            print(f"Note: {path} is not valid JSON; left as it is (news pop-ups may show)")
            return
        if not isinstance(existing, dict):
            print(f"Note: {path} does not hold a JSON object; left as it is")
            return
    merged = merged_overrides(existing, NOTIFICATION_OVERRIDES if overrides is None else overrides)
    if merged != existing:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_json_atomic(path, merged)


# --------------------------------------------------------------------------- commands
def _set_up(steps, venv, requirements, rebuild):
    """The first three steps of every command: the venv, its packages, the data; its Python."""
    python = steps.run("setting up " + venv, ensure_venv, venv, rebuild, steps)
    steps.run("installing " + requirements, install, venv, requirements, python, steps)
    steps.run("fetching and verifying MNIST and the pretrained network", fetch_data, python,
              steps)
    return python


def command_lab(options, extra):
    steps = Steps(4)
    python = _set_up(steps, VENV, REQUIREMENTS, options.rebuild)
    write_lab_overrides(VENV, lab_overrides(options.ko))
    index = KOREAN_INDEX_NOTEBOOK if options.ko else INDEX_NOTEBOOK
    args = lab_arguments(is_root(getattr(os, "geteuid", None)), index=index, extra=extra)
    steps.announce(f"starting JupyterLab: it opens {index} (stop it with Ctrl+C)")
    return _run([python, "-m", "jupyterlab"] + args)


def _pytest(python, targets, extra):
    return _run([python, "-m", "pytest"] + pytest_arguments(targets, extra))


def command_test(options, extra):
    steps = Steps(5)
    python = _set_up(steps, VENV, TEST_REQUIREMENTS, options.rebuild)
    code = steps.run("linting with ruff", _run, [python, "-m", "ruff", "check", "."])
    if code != 0:
        print("ruff found problems (above); fix them, then run again")
        return code
    return steps.run("running the tests (about 10 minutes)", _pytest, python, TEST_TARGETS, extra)


def command_test_colab(options, extra):
    steps = Steps(4)
    python = _set_up(steps, COLAB_VENV, COLAB_REQUIREMENTS, options.rebuild)
    return steps.run("running the tests on Colab's versions", _pytest, python,
                     COLAB_TEST_TARGETS, extra)


COMMANDS = {
    "lab": (command_lab, "set up .venv, fetch the data, open the series in JupyterLab"),
    "test": (command_test, "set up .venv with the test tools, then ruff and the whole suite"),
    "test-colab": (command_test_colab,
                   "set up .venv-colab on Google Colab's versions and test there"),
}


def build_parser():
    parser = argparse.ArgumentParser(
        prog="course.py",
        description="minibatch-cee: set up and open the lessons, or test them.",
        epilog="Arguments after -- go to pytest (test, test-colab) or JupyterLab (lab), e.g. "
               "`python course.py test -- -k losses`. Windows: `py course.py lab`.")
    parser.add_argument("command", choices=list(COMMANDS),
                        help="; ".join(f"{k}: {v[1]}" for k, v in COMMANDS.items()))
    parser.add_argument("--rebuild", action="store_true",
                        help="delete the venv and make it again with the Python running this")
    parser.add_argument("--ko", action="store_true",
                        help="lab: open the Korean edition (한국어판), "
                             "JupyterLab's menus in Korean")
    return parser


def main(argv=None):
    """Run one command; returns the exit code (the tests' own for ``test``)."""
    problem = python_version_problem(sys.version_info, sys.platform)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    own, extra = split_extra(sys.argv[1:] if argv is None else argv)
    options = build_parser().parse_args(own)
    try:
        return COMMANDS[options.command][0](options, extra)
    except CourseError as e:
        print("\n" + str(e), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
