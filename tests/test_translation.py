"""The Korean edition (notebooks/ko/) is in step with the English one, cell for cell.

The sync check (``tools/translate.py``'s ``problems``) runs on every notebook; the rest of
this file makes sure the check itself can fail: made-up English/Korean pairs with one
fault each, and the regeneration tool on a changed English notebook.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import nbformat.v4 as v4
import pytest

from tests.support import hangul
from tools import translate

ROOT = Path(__file__).resolve().parent.parent

ENGLISH = translate.english_notebooks()
assert ENGLISH, "no English notebook found: the parametrized checks would vanish"


def test_no_korean_notebook_without_its_english():
    assert translate.orphans() == []


@pytest.mark.parametrize("en", ENGLISH, ids=lambda p: p.name)
def test_korean_edition_is_in_step(en):
    """Same cells, same code, every translation current (see tools/translate.py)."""
    found = translate.problems(en, translate.korean_path(en))
    assert not found, "\n".join(found[:20]) + "\n-> python tools/translate.py status"


@pytest.mark.parametrize("en", ENGLISH, ids=lambda p: p.name)
def test_korean_markdown_is_korean(en):
    """Every translated markdown cell with words in English has Hangul in Korean."""
    ko = nbformat.read(translate.korean_path(en), as_version=4)
    for e, k in zip(nbformat.read(en, as_version=4).cells, ko.cells, strict=True):
        words = re.sub(r"\$[^$]*\$", "", e.source)  # formulas are not English
        if e.cell_type == "markdown" and re.search(r"[A-Za-z]{3,}", words):
            assert hangul(k.source), f"{en.name} cell {e.id} is not in Korean: {k.source[:80]!r}"


def test_the_indexes_link_each_other():
    en = json.dumps(json.load(open(ROOT / "notebooks" / "00-index.ipynb", encoding="utf-8")))
    ko = json.dumps(json.load(open(ROOT / "notebooks" / "ko" / "00-index.ipynb", encoding="utf-8")),
                    ensure_ascii=False)
    assert "(ko/00-index.ipynb)" in en
    assert "(../00-index.ipynb)" in ko


# ---- the check can fail: one fault per made-up pair ---------------------------------------

def _pair(tmp_path, en_cells, ko_cells=None, *, translated=True):
    """An English notebook and its Korean copy in tmp_path (``ko/`` beside it)."""
    en = v4.new_notebook(cells=en_cells)
    for i, c in enumerate(en.cells):
        c.id = f"c{i}"
    en_path = tmp_path / "01-x.ipynb"
    nbformat.write(en, en_path)
    ko_path = tmp_path / "ko" / "01-x.ipynb"
    ko_path.parent.mkdir(exist_ok=True)
    ko = nbformat.read(en_path, as_version=4)
    for c, new in zip(ko.cells, ko_cells or [None] * len(ko.cells), strict=True):
        if new is not None:
            c.source = new
        if translated:
            c.metadata["translation"] = {"source": translate.source_hash(
                next(e for e in nbformat.read(en_path, as_version=4).cells if e.id == c.id))}
    nbformat.write(ko, ko_path)
    return en_path, ko_path


def _cells():
    setup = v4.new_code_cell('from helpers import use_language\nuse_language("en")  # English',
                             metadata={"tags": ["language-setup"]})
    return [v4.new_markdown_cell("# 01 · A title\n\nSome words."), setup,
            v4.new_code_cell('print(f"loss {1.5:.4f}")  # the loss'),
            v4.new_markdown_cell("## Summary")]


def _korean():
    return ["# 01 · 제목\n\n몇 마디.",
            'from helpers import use_language\nuse_language("ko")  # 한국어',
            'print(f"손실 {1.5:.4f}")  # 손실', "## 정리"]


def test_a_good_translation_passes(tmp_path):
    en, ko = _pair(tmp_path, _cells(), _korean())
    assert translate.problems(en, ko) == []


@pytest.mark.parametrize("fault, edit, message", [
    ("missing", lambda nb: None, "is missing"),
    ("order", lambda nb: nb.cells.reverse(), "ids, order or types"),
    ("type", lambda nb: nb.cells.__setitem__(3, v4.new_code_cell("x = 1", id="c3")),
     "ids, order or types"),
    ("code", lambda nb: setattr(nb.cells[2], "source", 'print(f"손실 {2.5:.4f}")'), "code differs"),
    ("format", lambda nb: setattr(nb.cells[2], "source", 'print(f"손실 {1.5:.3f}")'),
     "code differs"),
    ("setup", lambda nb: setattr(nb.cells[1], "source", 'from helpers import use_language\n'
                                 'use_language("en")'), 'use_language("ko")'),
    ("untranslated", lambda nb: nb.cells[0].metadata.pop("translation"), "not translated"),
    ("metadata", lambda nb: nb.cells[3].metadata.update(tags=["nav2"]), "metadata differs"),
    ("syntax", lambda nb: setattr(nb.cells[2], "source", "print(("), "does not parse"),
])
def test_each_fault_is_found(tmp_path, fault, edit, message):
    en, ko = _pair(tmp_path, _cells(), _korean())
    if fault == "missing":
        ko.unlink()
    else:
        nb = nbformat.read(ko, as_version=4)
        edit(nb)
        nbformat.write(nb, ko)
    found = translate.problems(en, ko)
    assert any(message in f for f in found), found


def test_an_english_edit_makes_the_translation_stale(tmp_path):
    en, ko = _pair(tmp_path, _cells(), _korean())
    nb = nbformat.read(en, as_version=4)
    nb.cells[0].source += " One more sentence."
    nbformat.write(nb, en)
    assert any("c0: stale" in f for f in translate.problems(en, ko))


def test_same_program_allows_text_only():
    same = translate.same_program
    en = 'cases = {"example 1": y, "y3": z}\nprint(f"{\'prediction\':12s} {x:.4f}")  # note'
    assert same(en, 'cases = {"예 1": y, "y3": z}\nprint(f"{\'예측\':12s} {x:.4f}")  # 메모')
    assert not same(en, 'cases = {"예 1": y, "y4": z}\nprint(f"{\'예측\':12s} {x:.4f}")')  # a name
    assert not same(en, 'cases = {"예 1": y, "y3": z}\nprint(f"{\'예측\':10s} {x:.4f}")')  # a spec
    assert not same(en, 'cases = {"예 1": y, "y3": z}\nprint(f"{\'예측\':12s} {x:.4f}", end="")')
    assert same("%matplotlib inline\nx = 1", "%matplotlib inline\nx = 1  # 하나")
    assert not same("%matplotlib inline\nx = 1", "%matplotlib widget\nx = 1")
    # Korean word order in an f-string: the fields stay, the sentence around them moves
    assert same('print(f"{n} samples, loss {x:.3f}")', 'print(f"표본 {n}개, 손실은 {x:.3f}")')
    assert not same('print(f"{n} of {m}")', 'print(f"{m}개 중 {n}개")')  # fields reordered
    # strings that are code, not text, stay as they are
    for en, ko in [('np.load("data/mnist.npz")', 'np.load("data/other.npz")'),
                   ('", ".join(a)', '"".join(a)'), ('"{:.4f}".format(x)', '"{:.1f}".format(x)'),
                   ('print(a, sep="")', 'print(a, sep="x")'), ('eval("x + 1")', 'eval("x - 1")'),
                   ("%timeit f(10)", "%timeit f(1000)"), ("!pip install x==1", "!pip install x==9"),
                   ('net.params["W2"]', 'net.params["W1"]')]:
        assert not same(en, ko), (en, ko)
    # one-word labels and units may become Hangul
    assert same('plot(x, label="prediction")', 'plot(x, label="예측")')
    assert same('units = [("h", 3600)]', 'units = [("시간", 3600)]')


def test_sync_never_overwrites_a_korean_cell_whose_english_is_unchanged(tmp_path):
    """A translator's unfinished code cell is reported, not replaced by the English."""
    en, ko = _pair(tmp_path, _cells(), _korean())
    nb = nbformat.read(ko, as_version=4)
    nb.cells[2].source = 'print(f"손실 {1.5:.4f}"'  # half-typed: does not parse
    nbformat.write(nb, ko)
    found = translate.sync(en, ko)
    assert nbformat.read(ko, as_version=4).cells[2].source == 'print(f"손실 {1.5:.4f}"'
    assert any("c2: does not parse" in f for f in found)


def test_a_new_cell_with_a_one_word_label_waits_for_its_translation(tmp_path):
    en, ko = _pair(tmp_path, _cells(), _korean())
    nb = nbformat.read(en, as_version=4)
    nb.cells.append(v4.new_code_cell('plot(x, label="prediction")', id="lab"))
    nb.cells.append(v4.new_code_cell("check.cee_single(my_cee)", id="bare"))
    nbformat.write(nb, en)
    found = translate.sync(en, ko)
    assert any("lab: not translated" in f for f in found) and not any("bare" in f for f in found)


def test_sync_keeps_translations_and_flags_what_changed(tmp_path):
    """The regeneration tool: one English edit of each kind, then sync, then status."""
    en, ko = _pair(tmp_path, _cells(), _korean())
    nb = nbformat.read(en, as_version=4)
    nb.cells[0].source = "# 01 · A new title"                     # markdown reworded
    nb.cells[2].source = 'print(f"loss {2.5:.4f}")  # the loss'   # the program changed
    nb.cells.insert(3, v4.new_code_cell("z = 2 + 2", id="new1"))  # new code, no text
    nb.cells.insert(4, v4.new_markdown_cell("New words.", id="new2"))  # new text
    nbformat.write(nb, en)
    found = translate.sync(en, ko)
    synced = nbformat.read(ko, as_version=4)
    assert [c.id for c in synced.cells] == [c.id for c in nb.cells]
    assert synced.cells[0].source == "# 01 · 제목\n\n몇 마디."    # the old Korean, kept...
    assert any("c0: stale" in f for f in found)                  # ...and flagged
    assert synced.cells[2].source == nb.cells[2].source          # English code, so it runs
    assert any("c2: stale" in f for f in found)
    assert synced.cells[3].source == "z = 2 + 2" and not any("new1" in f for f in found)
    assert any("new2: not translated" in f for f in found)
    assert synced.cells[1].source == _korean()[1] and not any("c1" in f for f in found)
    # a renamed English cell: the old Korean cell is reported as dropped, not lost silently
    nb = nbformat.read(en, as_version=4)
    nb.cells[4].id = "renamed"  # was new2
    nbformat.write(nb, en)
    found = translate.sync(en, ko)
    assert any("new2: dropped" in f for f in found) and any("renamed: not translated" in f
                                                            for f in found)
    nb.cells[4].id = "new2"
    nbformat.write(nb, en)
    translate.sync(en, ko)
    # then the command line: set one translation, stamp another: fewer problems each time
    tool = [sys.executable, str(ROOT / "tools" / "translate.py")]
    (tmp_path / "t.md").write_text("# 01 · 새 제목", encoding="utf-8")
    subprocess.run(tool + ["set", str(ko), "c0", str(tmp_path / "t.md")], check=True)
    subprocess.run(tool + ["stamp", str(ko), "new2"], check=True)
    left = translate.problems(en, ko)
    assert not any("c0" in f or "new2" in f for f in left) and any("c2" in f for f in left)
    assert nbformat.read(ko, as_version=4).cells[0].source == "# 01 · 새 제목"


# ---- the glossary both editions use -------------------------------------------------------

GLOSSARY = ROOT / "notebooks" / "glossary.md"


def _glossary_rows():
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and hangul(cells[0]) and not set(cells[0]) <= set("-"):
            rows.append((cells[0], cells[1]))
    return rows


def _words(paths, *, markdown_only=True):
    text = []
    for p in paths:
        for c in nbformat.read(p, as_version=4).cells:
            if c.cell_type == "markdown" or not markdown_only:
                text.append(c.source)
    return "\n".join(text)


def test_glossary_terms_are_the_ones_the_lessons_use():
    """A glossary term the English lessons use appears, in Korean, in the Korean lessons.

    Each row is "Korean | English (a note) | code"; several Korean forms are separated by
    commas or slashes ("훈련 / 시험 데이터"), and any one of them counts.
    """
    rows = _glossary_rows()
    assert len(rows) >= 30, f"only {len(rows)} glossary rows read: the parser is broken"
    english = _words(ENGLISH).lower()
    korean = _words([translate.korean_path(p) for p in ENGLISH], markdown_only=False)
    missing = []
    for ko, en in rows:
        en_term = re.sub(r"\s*\(.*", "", en).split(",")[0].strip().lower()
        ko_forms = [f.strip() for f in re.split(r"[,/]", re.sub(r"\(.*?\)", "", ko)) if f.strip()]
        if en_term and en_term in english and not any(f in korean for f in ko_forms):
            missing.append(f"{ko} ({en_term})")
    assert not missing, f"glossary terms the Korean lessons never use: {missing}"


def test_both_indexes_link_the_glossary():
    for index, link in ((ROOT / "notebooks" / "00-index.ipynb", "(glossary.md)"),
                        (ROOT / "notebooks" / "ko" / "00-index.ipynb", "(../glossary.md)")):
        assert link in _words([index]), f"{index.name} does not link the glossary"


@pytest.mark.parametrize("en", ENGLISH, ids=lambda p: p.name)
def test_the_setup_cell_chooses_the_language(en):
    """The first code cell after the Colab one is tagged language-setup and calls use_language."""
    for path, lang in ((en, "en"), (translate.korean_path(en), "ko")):
        code = [c for c in nbformat.read(path, as_version=4).cells
                if c.cell_type == "code" and "colab" not in c.metadata.get("tags", [])]
        tagged = [c for c in code if translate.SETUP_TAG in c.metadata.get("tags", [])]
        assert tagged == code[:1], f"{path.name}: the setup cell (only) is tagged language-setup"
        assert translate._setup_language(code[0].source) == lang, f"{path}: use_language({lang!r})"
