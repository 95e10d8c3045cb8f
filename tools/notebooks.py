"""Maintain the notebooks: navigation links, table of contents, clean execution.

    python tools/notebooks.py nav            # rewrite nav cells, the index's table of contents,
                                             # and every cell's slide type (RISE)
    python tools/notebooks.py run [NB ...]   # restart-and-run-all in place (fresh kernel each)
    python tools/notebooks.py all            # nav, then run every notebook (both editions)

Navigation is generated, never written by hand: a markdown cell tagged
``nav`` gets "previous | index | next" links, and the cell tagged ``toc`` in
``00-index.ipynb`` gets the list of lessons with their one-line purposes
(each notebook's first markdown cell: ``# title`` then a line in italics or the
first paragraph).

Slide types (``slideshow.slide_type``, read by jupyterlab-rise) are derived from
each lesson's layout, never set by hand: the title, every ``## `` heading and the
Summary start a slide; ``### `` headings, "Stop and think" cells, the cell right
after one (its output or text may be the reveal), code cells that draw a figure and
long code cells a sub-slide (a projector shows about 700 pixels of height); the
other cells of the core continue the slide; the nav cells, the setup cell (run
before class), widget cells and everything from ``## Exercises`` on (exercises,
"Going further") are skipped, so
the slideshow is the core path with its static figures. Widget cells are left
out because jupyterlab-rise 0.43.1 shows an ipywidgets 8 widget as its text
(``VBox(children=...)``; jupyterlab-contrib/rise#126): the teacher moves the
sliders in the notebook, next to the slides. The notebook's ``rise`` metadata
turns on scrolling for long slides.

``nav`` also turns nbval's ``# NBVAL_CHECK_OUTPUT`` (and similar) comment lines
into the cell tags nbval reads the same way (``nbval-check-output`` ...), so test
wiring shows neither on the slides nor in the code students read.

``nav`` also writes the one Colab cell (tagged ``colab``, before the setup cell of
every notebook with code, its code folded in JupyterLab) and the "Open in Colab"
badge in each notebook's top navigation: both point at :data:`REPO` on
:data:`BRANCH`. The cell does nothing outside Google Colab; inside it, it
installs ``helpers`` from the repository and fetches MNIST, because a notebook
opened from GitHub in Colab has neither.

The Korean edition in ``notebooks/ko/`` (kept in step by ``tools/translate.py``) gets
the same generated cells in Korean; its slide types are copied from the English
notebook cell by cell (the rules read English headings). Each nav cell also links
the same lesson in the other edition.

``run`` executes each notebook in its own folder as the working directory with
the ``python3`` kernel, exactly like "Restart Kernel and Run All Cells", and
drops saved widget state (the widgets come alive when the notebook is run).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
import nbformat.v4

ROOT = Path(__file__).resolve().parent.parent
NB_DIR = ROOT / "notebooks"

#: The public repository (GitHub owner/name) and branch that Colab and Binder open.
REPO = "minibatch-cee/minibatch-cee"
BRANCH = "main"
COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"

#: The first code cell of every notebook with code: a no-op outside Google Colab. Inside,
#: pip runs through the ``%pip`` magic (Colab shows its progress) unless the helpers are
#: already installed (a second notebook on the same runtime), and MNIST is fetched in a
#: separate Python (``!python -m helpers.mnist``) so that the kernel has not imported NumPy
#: before the setup cell (04 sets its thread count first).
COLAB_CELL = f"""\
# Google Colab only (elsewhere this cell does nothing): install the helpers of
# this series from GitHub and fetch MNIST (about a minute per lesson in Colab).
import importlib.util
import sys

if "google.colab" in sys.modules:
    if importlib.util.find_spec("helpers") is None:
        get_ipython().run_line_magic(
            "pip", "install 'minibatch-cee-helpers @ git+https://github.com/{REPO}@{BRANCH}'")
        importlib.invalidate_caches()  # see the package pip has just installed
    if importlib.util.find_spec("helpers") is None:
        raise ModuleNotFoundError("pip could not install the helpers: see its message above")
    get_ipython().system(f"{{sys.executable}} -m helpers.mnist")"""


#: The same cell in the Korean edition (``notebooks/ko/``): the same program, Korean comments.
COLAB_CELL_KO = f"""\
# Google Colab 전용(다른 곳에서는 아무 일도 하지 않음): 이 시리즈의 도우미 함수를
# GitHub에서 설치하고 MNIST를 내려받는다(Colab에서 강의마다 1분쯤 걸림).
import importlib.util
import sys

if "google.colab" in sys.modules:
    if importlib.util.find_spec("helpers") is None:
        get_ipython().run_line_magic(
            "pip", "install 'minibatch-cee-helpers @ git+https://github.com/{REPO}@{BRANCH}'")
        importlib.invalidate_caches()  # pip이 방금 설치한 패키지가 보이도록
    if importlib.util.find_spec("helpers") is None:
        raise ModuleNotFoundError("pip이 도우미 함수를 설치하지 못했습니다: 위의 메시지를 보세요")
    get_ipython().system(f"{{sys.executable}} -m helpers.mnist")"""

#: The Korean edition's folder: the same lessons, cell for cell (``tools/translate.py``).
KO_DIR = NB_DIR / "ko"
#: The generated words of each edition: navigation, the index's table, the link to the other
#: edition, and its Colab cell.
EDITIONS = {
    "en": {"dir": NB_DIR, "nav": "**Navigation:**", "index": "Index",
           "toc": "| # | Lesson | What it teaches |", "other": "[한국어판]({path})",
           "other_dir": "ko", "colab": COLAB_CELL},
    "ko": {"dir": KO_DIR, "nav": "**이동:**", "index": "목차",
           "toc": "| # | 강의 | 배우는 것 |", "other": "[English edition]({path})",
           "other_dir": "..", "colab": COLAB_CELL_KO},
}


def colab_url(path: Path) -> str:
    """The "Open in Colab" address of a notebook of this repository."""
    rel = path.resolve().relative_to(ROOT).as_posix()
    return f"https://colab.research.google.com/github/{REPO}/blob/{BRANCH}/{rel}"


def colab_badge(path: Path) -> str:
    return f"[![Open In Colab]({COLAB_BADGE})]({colab_url(path)})"


def set_colab_cell(nb, code_text: str = COLAB_CELL) -> None:
    """Write the ``colab`` cell (inserting it before the first code cell if missing)."""
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    if not code:
        return
    cell = next((c for c in nb.cells if "colab" in c.metadata.get("tags", [])), None)
    if cell is None:
        cell = nbformat.v4.new_code_cell(metadata={"tags": ["colab"]})
        nb.cells.insert(code[0], cell)
    cell.source = code_text
    # folded in JupyterLab (where it does nothing; one click shows it), open in Colab
    cell.metadata["jupyter"] = {"source_hidden": True}


def notebooks(folder: Path = NB_DIR) -> list[Path]:
    """The numbered notebooks of one edition (English by default)."""
    return sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb"))


def title_and_purpose(nb) -> tuple[str, str]:
    first = next(c for c in nb.cells if c.cell_type == "markdown")
    lines = [ln.strip() for ln in first.source.splitlines() if ln.strip()]
    title = next((ln.lstrip("# ").strip() for ln in lines if ln.startswith("# ")), "Untitled")
    rest = [ln for ln in lines if not ln.startswith("#")]
    purpose = rest[0].strip("*_ ") if rest else ""
    return title, purpose


#: jupyterlab-rise options stored in each notebook (long slides scroll instead of being cut)
RISE_METADATA = {"scroll": True, "start_slideshow_at": "beginning", "slideNumber": "c/t",
                 "controls": False}  # no arrows over the figures: Space / Shift+Space

#: nbval's comment markers and the cell tags that mean the same (nbval reads both); the
#: tags keep test wiring off the slides and out of the students' code.
NBVAL_TAGS = {"# NBVAL_CHECK_OUTPUT": "nbval-check-output",
              "# NBVAL_IGNORE_OUTPUT": "nbval-ignore-output",
              "# NBVAL_SKIP": "nbval-skip", "# NBVAL_RAISES_EXCEPTION": "raises-exception"}


def marker_to_tag(cell) -> None:
    """Replace a code cell's ``# NBVAL_...`` comment lines by the equivalent nbval cell tags."""
    if cell.cell_type != "code":
        return
    lines = cell.source.splitlines()
    keep = [ln for ln in lines if ln.strip() not in NBVAL_TAGS]
    if len(keep) == len(lines):
        return
    tags = cell.metadata.setdefault("tags", [])
    for ln in lines:
        tag = NBVAL_TAGS.get(ln.strip())
        if tag and tag not in tags:
            tags.append(tag)
    cell.source = "\n".join(keep)


#: A code cell taller than this many lines (its source plus its printed output) starts a
#: sub-slide: about half of the ~700 pixels of height a projector shows.
LONG_CELL_LINES = 18


def slide_type(cell, after_core: bool, *, setup: bool = False, after_question: bool = False) -> str:
    """The RISE slide type of one cell (see the module docstring).

    ``setup``: the notebook's first code cell (imports and data), run before class, skipped;
    ``after_question``: the cell follows a "Stop and think", so it (its output, or the text
    after the question) must not share the question's slide.
    """
    text = cell.source.lstrip()
    tags = cell.metadata.get("tags", [])
    if after_core or setup or {"nav", "colab"} & set(tags) or _is_widget(cell):
        return "skip"
    if cell.cell_type == "markdown":
        if text.startswith("# ") or text.startswith("## "):
            return "slide"
        if text.startswith("### ") or "Stop and think" in text or after_question:
            return "subslide"
    elif after_question or _has_figure(cell) or _lines(cell) > LONG_CELL_LINES:
        return "subslide"
    return "-"


def _has_figure(cell) -> bool:
    return any("image/png" in out.get("data", {}) for out in cell.get("outputs", []))


def _is_widget(cell) -> bool:
    return cell.cell_type == "code" and any(
        "application/vnd.jupyter.widget-view+json" in out.get("data", {})
        for out in cell.get("outputs", []))


def _lines(cell) -> int:
    printed = sum(len("".join(out.get("text", "")).splitlines())
                  for out in cell.get("outputs", []) if out.get("output_type") == "stream")
    return len(cell.source.splitlines()) + printed


def set_slides(nb) -> None:
    """Write every cell's ``slideshow.slide_type`` and the notebook's ``rise`` options."""
    after_core = seen_code = after_question = False
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("## Exercises"):
            after_core = True
        colab = "colab" in cell.metadata.get("tags", [])
        setup = cell.cell_type == "code" and not seen_code and not colab
        kind = slide_type(cell, after_core, setup=setup, after_question=after_question)
        cell.metadata["slideshow"] = {"slide_type": kind}
        seen_code = seen_code or (cell.cell_type == "code" and not colab)
        after_question = cell.cell_type == "markdown" and "Stop and think" in cell.source
    nb.metadata["rise"] = dict(RISE_METADATA)


def make_nav() -> None:
    """Write the generated cells of both editions; Korean slide types follow the English."""
    english = {p.name: nbformat.read(p, as_version=4) for p in notebooks()}
    for lang in EDITIONS:
        paths = notebooks(EDITIONS[lang]["dir"])
        nbs = english if lang == "en" else {p.name: nbformat.read(p, as_version=4) for p in paths}
        _edition_nav(lang, paths, nbs)
        for p in paths:
            nb = nbs[p.name]
            for cell in nb.cells:
                marker_to_tag(cell)
            set_colab_cell(nb, EDITIONS[lang]["colab"])
            if lang == "en":
                set_slides(nb)
            elif p.name in english:
                _follow_slides(nb, english[p.name])
            nbformat.write(nb, p)


def _edition_nav(lang: str, paths: list[Path], nbs: dict) -> None:
    """The nav cells (with the Colab badge and the other edition's link) and the index's table."""
    if not paths:
        return
    words = EDITIONS[lang]
    index = paths[0]
    for i, p in enumerate(paths):
        parts = []
        if i > 0:
            parts.append(f"[← {title_and_purpose(nbs[paths[i - 1].name])[0]}]({paths[i - 1].name})")
        if p != index and paths[i - 1] != index:
            parts.append(f"[{words['index']}]({index.name})")
        if i + 1 < len(paths):
            parts.append(f"[{title_and_purpose(nbs[paths[i + 1].name])[0]} →]({paths[i + 1].name})")
        nav = f"{words['nav']} " + " · ".join(parts)
        other = p.parent / words["other_dir"] / p.name
        if other.exists():  # the same lesson in the other edition
            nav += " · " + words["other"].format(path=f"{words['other_dir']}/{p.name}")
        navs = [c for c in nbs[p.name].cells if "nav" in c.metadata.get("tags", [])]
        for k, cell in enumerate(navs):  # the top one also opens the notebook in Colab
            cell.source = nav + (f"\n\n{colab_badge(p)}" if k == 0 else "")
    toc = [words["toc"], "|---|---|---|"]
    for p in paths[1:]:
        title, purpose = title_and_purpose(nbs[p.name])
        title = title.split("·", 1)[-1].strip()  # the number has its own column
        toc.append(f"| {p.name[:2]} | [{title}]({p.name}) | {purpose} |")
    for cell in nbs[index.name].cells:
        if "toc" in cell.metadata.get("tags", []):
            cell.source = "\n".join(toc)


def _follow_slides(nb, english) -> None:
    """A Korean notebook's slide types and RISE options are the English one's, cell by cell."""
    slides = {c.get("id"): c.metadata.get("slideshow") for c in english.cells}
    for cell in nb.cells:
        if slides.get(cell.get("id")) is not None:
            cell.metadata["slideshow"] = dict(slides[cell.get("id")])
    nb.metadata["rise"] = dict(english.metadata.get("rise", RISE_METADATA))


def run(paths: list[Path]) -> None:
    from nbclient import NotebookClient

    for p in paths:
        nb = nbformat.read(p, as_version=4)
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
        }
        t0 = time.perf_counter()
        client = NotebookClient(
            nb,
            kernel_name="python3",
            timeout=600,
            resources={"metadata": {"path": str(p.parent)}},
            store_widget_state=False,
            record_timing=False,  # no timestamps: diffs show real changes
        )
        client.execute()
        nb.metadata.pop("widgets", None)
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
        nbformat.write(nb, p)
        print(f"{p.name}: {time.perf_counter() - t0:.1f} s")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"nav", "run", "all"}:
        print(__doc__)
        return 2
    if argv[0] in {"nav", "all"}:
        make_nav()
    if argv[0] == "run":
        run([Path(a).resolve() for a in argv[1:]] or notebooks() + notebooks(KO_DIR))
    if argv[0] == "all":
        run(notebooks() + notebooks(KO_DIR))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
