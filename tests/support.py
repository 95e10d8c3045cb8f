"""Test-environment rules shared by every test folder: ``from tests.support import require``.

``tests/`` and ``tests/browser/`` are packages (they have ``__init__.py``), so
with pytest's default import mode the repository root is on ``sys.path`` and
this module imports as ``tests.support`` from any conftest or test module,
without ``sys.path`` tricks.

The CI rule: what a test needs from the machine (the real MNIST cache,
Chromium, Playwright) may be missing on a student's laptop, and then the test
is skipped with the reason. Under CI (``CI=true``) a missing requirement FAILS
the test instead, so CI can never pass without having checked it.
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import types
from pathlib import Path

import pytest

#: Values of the ``CI`` environment variable that mean "running under CI".
CI_VALUES = frozenset({"1", "true"})


def in_ci() -> bool:
    """True when the environment variable ``CI`` is ``true`` or ``1`` (any case)."""
    return os.environ.get("CI", "").strip().lower() in CI_VALUES


def require(condition: object, reason: str) -> None:
    """Do nothing if ``condition`` is true; else skip with ``reason``, or fail under CI."""
    if condition:
        return
    if in_ci():
        pytest.fail(f"required under CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


def bad_input_cases(tables):
    """Flatten ``[(func, [(args, kwargs, error, match), ...]), ...]`` for one parametrized test.

    Returns ``(cases, ids)`` for ``pytest.mark.parametrize(("func", "args",
    "kwargs", "error", "match"), cases, ids=ids)``; pair it with
    :func:`assert_bad_input`.
    """
    cases = [(func, *case) for func, table in tables for case in table]
    return cases, [f"{c[0].__name__}-{i}" for i, c in enumerate(cases)]


def assert_bad_input(func, args, kwargs, error, match):
    """``func(*args, **kwargs)`` must raise ``error`` with a message matching ``match``."""
    with pytest.raises(error, match=match):
        func(*args, **kwargs)


def notebooks_using(module):
    """Numbers ("00".."04") of the notebooks whose code imports a name defined in ``module``.

    Read here from the notebooks' code cells with :mod:`ast`, independently of the docstrings.
    """
    found = set()
    notebooks = Path(__file__).resolve().parents[1] / "notebooks"
    for nb in sorted(notebooks.glob("[0-9][0-9]-*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        code = "\n".join(line for line in code.splitlines()
                         if not line.lstrip().startswith(("%", "!")))  # IPython magics
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("helpers"):
                for alias in node.names:
                    parent = importlib.import_module(node.module)
                    obj = getattr(parent, alias.name, None)
                    if obj is None:  # a submodule not imported yet: `from helpers import mnist`
                        obj = importlib.import_module(f"{node.module}.{alias.name}")
                    defined = (obj.__name__ if isinstance(obj, types.ModuleType)
                               else getattr(obj, "__module__", None))  # None: a constant
                    if defined == module:
                        found.add(nb.name[:2])
    return found


def used_by_paragraph(doc):
    """The paragraph of a module docstring that starts with "Used by notebook"."""
    paragraphs = [" ".join(p.split()) for p in doc.split("\n\n")]
    return next((p for p in paragraphs if p.startswith("Used by notebook")), "")
