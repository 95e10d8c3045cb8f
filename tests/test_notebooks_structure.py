"""The committed notebooks are complete lessons with clean, current outputs.

nbval re-runs the notebooks; these tests check what nbval cannot: that the
committed files are what a student sees on GitHub (outputs from one clean
restart-and-run-all, no errors, no machine paths), that every lesson has its
parts, and that links between notebooks are alive and generated.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NB_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NB_DIR.glob("[0-9][0-9]-*.ipynb"))
LESSONS = [p for p in NOTEBOOKS if not p.name.startswith("00-")]


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell):
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def test_series_is_there():
    """An index and at least the first three lessons, numbered 00, 01, ... without gaps."""
    names = [p.name[:2] for p in NOTEBOOKS]
    assert len(names) >= 4, names
    assert names == [f"{i:02d}" for i in range(len(names))], f"gap or duplicate number: {names}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_clean_run_all_outputs(path):
    nb = load(path)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in nb["cells"] if c["cell_type"] == "code" and source(c).strip()]
    counts = [c.get("execution_count") for c in code]
    assert counts == list(range(1, len(code) + 1)), f"not one clean restart-and-run-all: {counts}"
    for c in code:
        for o in c.get("outputs", []):
            assert o["output_type"] != "error", \
                f"committed error output: {o.get('ename')}: {o.get('evalue')}"
            text = json.dumps(o)
            assert "/work/" not in text and "/home/" not in text and "/Users/" not in text, \
                f"machine-specific path in an output of cell: {source(c)[:80]!r}"
            assert "Traceback (most recent call last)" not in text
    assert "widgets" not in nb["metadata"], "saved widget state: run tools/notebooks.py run"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_has_a_static_figure(path):
    nb = load(path)
    pngs = sum("image/png" in o.get("data", {}) for c in nb["cells"] if c["cell_type"] == "code"
               for o in c.get("outputs", []))
    assert pngs >= 1, "a lesson without a single static figure: GitHub would show none"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_shape(path):
    nb = load(path)
    md = [source(c) for c in nb["cells"] if c["cell_type"] == "markdown"]
    text = "\n".join(md)
    assert re.match(r"# \d\d · ", md[0]), "title line '# NN · Title' first"
    assert re.search(r"^\*[^*].+\*$", md[0], re.M), "a one-line purpose in italics under the title"
    assert re.search(r"you will learn", text, re.I)
    assert text.count("Stop and think") >= 2, "a 'Stop and think' before each reveal"
    assert re.search(r"^## Summary", text, re.M)
    assert re.search(r"^## Exercises", text, re.M)
    assert "<details>" in text, "exercise answers hidden in a collapsed block"
    code = "\n".join(source(c) for c in nb["cells"] if c["cell_type"] == "code")
    assert "from helpers import check" in code or "check." in code, "a self-checking exercise"
    assert "np.random.seed" not in code
    assert "sys.path" not in code
    assert "assert " in code, "the lesson's own function is asserted equal to helpers"
    tags = [t for c in nb["cells"] for t in c.get("metadata", {}).get("tags", [])]
    assert tags.count("nav") == 2, "navigation at the top and the bottom"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_links_resolve(path):
    nb = load(path)
    local = []
    for c in nb["cells"]:
        if c["cell_type"] != "markdown":
            continue
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", source(c)):
            if re.match(r"https?://", target):
                continue
            local.append(target)
            assert (path.parent / target).exists(), f"dead link {target!r} in {path.name}"
    # every notebook links its neighbours (navigation): none found means the regex missed them
    assert local, f"no link to another notebook found in {path.name}"


def test_navigation_is_generated_and_current(tmp_path):
    """The nav and toc cells are exactly what the script writes, not hand-made or stale.

    The copy's nav/toc cells are emptied first, so the script must write them all again
    (a script that did nothing would fail here), and the result must equal the commit.
    """
    import shutil

    copy = tmp_path / "repo"
    (copy / "notebooks").mkdir(parents=True)
    (copy / "tools").mkdir()
    generated = 0
    for p in NOTEBOOKS:
        nb = load(p)
        for c in nb["cells"]:
            if {"nav", "toc"} & set(c.get("metadata", {}).get("tags", [])):
                c["source"] = ""
                generated += 1
        (copy / "notebooks" / p.name).write_text(json.dumps(nb), encoding="utf-8")
    assert generated >= 2 * len(LESSONS) + 1, f"only {generated} nav/toc cells"
    shutil.copy(ROOT / "tools" / "notebooks.py", copy / "tools" / "notebooks.py")
    subprocess.run([sys.executable, str(copy / "tools" / "notebooks.py"), "nav"], check=True)
    for p in NOTEBOOKS:
        new = [source(c) for c in load(copy / "notebooks" / p.name)["cells"]]
        old = [source(c) for c in load(p)["cells"]]
        assert new == old, f"{p.name}: navigation is stale; run `python tools/notebooks.py all`"


def test_readme_lists_every_notebook():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for p in NOTEBOOKS:
        assert f"notebooks/{p.name}" in readme, f"README does not link {p.name}"
    local = r"\]\(((?:notebooks|data|benchmarks|helpers|tests)/[^)#\s]*)\)"
    for target in re.findall(local, readme):
        assert (ROOT / target).exists(), f"dead link {target} in README"
