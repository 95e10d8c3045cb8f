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

import numpy as np
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


def assert_projector_readable(fig, *, dpi=None, what="figure"):
    """Fail unless ``fig`` reads on a projector when shown at its natural size.

    Checks what :func:`helpers.plots.presentation` promises (presentation mode must be on):
    the figure is at most :data:`~helpers.plots.style.COLUMN_INCHES` wide (so the notebook
    column never scales it down), it is rendered at least at :data:`~helpers.plots.style.DPI`
    (``dpi``: a widget's PNG resolution), and every visible, non-empty text (titles, labels,
    ticks, legends, annotations) is at least
    :data:`~helpers.plots.style.MIN_PRESENTATION_PT` points and lies inside the figure.
    """
    from matplotlib.text import Text

    from helpers.plots import style

    assert style.presenting(), "presentation mode is off; call helpers.plots.presentation()"
    width, height = fig.get_size_inches()
    assert width <= style.COLUMN_INCHES + 1e-9, (
        f"{what} is {width:g} in wide, more than the {style.COLUMN_INCHES:g} in column")
    shown_dpi = fig.dpi if dpi is None else dpi
    assert shown_dpi >= style.DPI, f"{what} renders at {shown_dpi} dpi, below {style.DPI}"
    if not hasattr(fig.canvas, "get_renderer"):  # a bare Figure (widgets) has no Agg canvas yet
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    # Tick labels of ticks outside an axis' view are kept by matplotlib but never drawn. Which
    # ticks are drawn only Axis._update_ticks() says (private, but what Axis.draw itself calls;
    # the public get_ticklabels() returns all of them).
    ticks, drawn = set(), set()
    for axis in (a for ax in fig.get_axes() for a in (ax.xaxis, ax.yaxis)):
        for tick in axis.get_major_ticks() + axis.get_minor_ticks():
            ticks.update((tick.label1, tick.label2))
        for tick in axis._update_ticks():
            drawn.update((tick.label1, tick.label2))
    small, outside = [], []
    for text in fig.findobj(Text):
        if not text.get_visible() or not text.get_text().strip():
            continue
        if text in ticks and text not in drawn:
            continue
        if text.axes is not None and not text.axes.get_visible():
            continue
        if text.get_fontsize() < style.MIN_PRESENTATION_PT - 1e-9:
            small.append(f"{text.get_text()!r} at {text.get_fontsize():g} pt")
        ext = text.get_window_extent(renderer)
        if ext.x0 < box.x0 - 2 or ext.x1 > box.x1 + 2 or ext.y0 < box.y0 - 2 \
                or ext.y1 > box.y1 + 2:
            outside.append(repr(text.get_text()))
    assert not small, f"{what}: text under {style.MIN_PRESENTATION_PT} pt: {small[:8]}"
    assert not outside, f"{what}: text outside the figure: {outside[:8]}"


def book_cee_labels(y, t):
    """The book's 4.2.4 label-form ``cross_entropy_error``, as printed (a Python int label
    has no ``reshape``: the book's code fails on it)."""
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size


# ---- the Korean edition: draw in Korean, read back every text -----------------------------

#: Latin-letter words allowed in a Korean figure or widget: symbols and names that are the
#: same in the Korean edition of the book (the code's names, units, abbreviations).
LATIN_IN_KOREAN = {"MNIST", "CEE", "SSE", "SGD", "log", "ln", "exp", "std", "max", "min",
                   "mean", "nats", "nat", "ms", "MB", "lr", "epoch", "batch_size", "replace",
                   "True", "False", "None", "np", "random", "choice", "helpers", "pretrained",
                   "train_sgd", "rng", "sqrt", "sigma", "PNG", "dpi", "softmax", "nan",
                   "NaN", "inf", "NumPy",
                   "y_true"}


class korean:
    """``with korean():`` the helpers speak Korean, and a missing glyph is an error.

    Text glyphs: matplotlib's "Glyph ... missing from font" warning is raised as an error.
    Mathtext glyphs (e.g. the minus of a log axis' 10^-3 ticks): mathtext only logs "Font
    ... does not have a glyph"; any such log record fails the block when it ends.
    Restores English afterwards (the language is a process-wide setting).
    """

    def __enter__(self):
        import logging
        import warnings

        from helpers import i18n

        self._warnings = warnings.catch_warnings()
        self._warnings.__enter__()
        warnings.filterwarnings("error", message=r"Glyph .* missing from font")
        self.missing = []
        self._handler = logging.Handler(logging.WARNING)
        self._handler.emit = lambda record: self.missing.append(record.getMessage())
        logging.getLogger("matplotlib.mathtext").addHandler(self._handler)
        i18n.use_language("ko")
        return self

    def __exit__(self, *exc):
        import logging

        from helpers import i18n

        i18n.use_language("en")
        logging.getLogger("matplotlib.mathtext").removeHandler(self._handler)
        self._warnings.__exit__(*exc)
        if exc[0] is None:
            glyphs = [m for m in self.missing if "glyph" in m]
            assert not glyphs, f"mathtext drew glyphs its font lacks: {glyphs[:3]}"
        return False


def figure_texts(fig) -> list[str]:
    """Every visible text of a matplotlib figure (titles, labels, ticks, legends, notes)."""
    import io

    from matplotlib.text import Text

    # a PNG, as the inline backend and the widgets make it: every glyph is drawn (a missing
    # one warns here); a bare Figure's canvas.draw() would draw nothing
    fig.savefig(io.BytesIO(), format="png", dpi=fig.dpi)
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def english_words(texts) -> set[str]:
    """Latin words of 3+ letters outside :data:`LATIN_IN_KOREAN` and maths (``$...$``)."""
    import re

    words = set()
    for text in texts:
        text = re.sub(r"\$[^$]*\$", " ", text)  # mathtext is notation, not English
        words |= {w for w in re.findall(r"[A-Za-z][A-Za-z_]{2,}", text) if w not in LATIN_IN_KOREAN}
    return words
