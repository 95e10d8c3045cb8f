"""Where downloaded and derived files live.

Everything the series downloads or computes goes under one data folder:
``<repo>/data`` by default, or the folder named by the environment variable
``MINIBATCH_CEE_DATA``. MNIST itself can be placed elsewhere with ``MNIST_DIR``
(see :mod:`helpers.mnist`).
"""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root (``helpers`` is installed editable from it).
REPO_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """Return the folder for downloaded and derived files (not created here).

    Returns
    -------
    pathlib.Path
        ``$MINIBATCH_CEE_DATA`` if set; else ``<repo>/data`` when ``helpers``
        runs from the repository (the editable install of ``requirements.txt``);
        else, for a plain ``pip install`` into site-packages,
        ``~/.cache/minibatch-cee``.
    """
    env = os.environ.get("MINIBATCH_CEE_DATA")
    if env:
        return Path(env).expanduser()
    if (REPO_ROOT / "pyproject.toml").is_file() and (REPO_ROOT / "helpers").is_dir():
        return REPO_ROOT / "data"
    return Path.home() / ".cache" / "minibatch-cee"


def mnist_dir() -> Path:
    """Return the MNIST cache folder: ``$MNIST_DIR`` or ``data_dir() / "mnist"``."""
    env = os.environ.get("MNIST_DIR")
    return Path(env).expanduser() if env else data_dir() / "mnist"


def weights_dir() -> Path:
    """Return the folder for cached network weights: ``data_dir() / "weights"``."""
    return data_dir() / "weights"


def display_path(path) -> str:
    """``path`` relative to the repository root when inside it (for printing), else as is."""
    path = Path(path).resolve()
    try:
        return str(path.relative_to(REPO_ROOT))
    except ValueError:
        return str(path)
