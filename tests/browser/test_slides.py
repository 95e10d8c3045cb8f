"""The teacher's slideshow: one lesson opened as a jupyterlab-rise deck in headless Chromium.

``tools/notebooks.py nav`` derives every cell's ``slideshow.slide_type`` from the lesson's
layout (the core path is the deck; exercises and "Going further" are skipped). This test
opens ``/rise/notebooks/01-one-sample-cee.ipynb`` (the URL jupyterlab-rise serves), on a
1024 x 768 window (a classroom projector), and checks, by walking through the deck with
the arrow keys, that

- the deck has one horizontal slide per ``slide`` cell, and their headings, in order, are
  the notebook's title, its ``## `` headings up to the Summary (no Exercises, no "Going
  further", no navigation links);
- every figure stored in the notebook's core shows on some slide as a loaded image that is
  not scaled down (its natural width fits the slide), so its text keeps its size.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
DECK = "notebooks/01-one-sample-cee.ipynb"
PROJECTOR = {"width": 1024, "height": 768}
DECK_TIMEOUT = 90  # page load to a rendered deck

pytestmark = pytest.mark.browser

JS_DECK = """() => {
  const r = document.querySelector('.reveal .slides');
  if (!r) return null;
  const top = [...r.children].filter(e => e.tagName === 'SECTION');
  const present = r.querySelector('section.present:not(.stack)')
      || r.querySelector('section.present');
  // images on this slide that are displayed (skipped cells stay in the DOM, hidden)
  const imgs = present ? [...present.querySelectorAll('img')].filter(
      i => i.offsetParent !== null && i.getBoundingClientRect().width > 0).map(i => ({
      complete: i.complete, natural: i.naturalWidth, shown: i.getBoundingClientRect().width,
      src: i.src.slice(-40)})) : [];
  const h = present ? present.querySelector('h1, h2') : null;
  return {slides: top.length, index: top.findIndex(s => s.classList.contains('present')),
          heading: h ? h.innerText.trim() : null,
          text: present ? present.innerText.slice(0, 400) : '', imgs};
}"""


def _expected(path: Path):
    """Titles of the deck's horizontal slides and the number of core figures, from the file."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    headings, figures = [], 0
    for cell in nb["cells"]:
        kind = cell.get("metadata", {}).get("slideshow", {}).get("slide_type")
        src = "".join(cell["source"])
        if kind == "slide":
            first = next(ln for ln in src.splitlines() if ln.strip())
            headings.append(re.sub(r"^#+\s*", "", first).strip())
        if kind != "skip" and cell["cell_type"] == "code":
            figures += sum("image/png" in o.get("data", {}) for o in cell.get("outputs", []))
    return headings, figures


def _plain(text: str) -> str:
    """A heading as the browser shows it: no markdown code marks, no $...$, single spaces."""
    text = re.sub(r"[`*]", "", text)
    text = re.sub(r"\$[^$]*\$", "", text)
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("lab_server", ["copy"], indirect=True)
def test_rise_deck_shows_the_core_path(lab_server, page, artifacts_dir):
    headings, figures = _expected(REPO_ROOT / DECK)
    assert len(headings) >= 5 and figures >= 2, "the deck's notebook has no core slides"
    assert not any(h.startswith(("Exercises", "Going further")) for h in headings)
    page.set_viewport_size(PROJECTOR)
    page.goto(f"{lab_server.base_url}rise/{DECK}?token={lab_server.token}")
    deadline = time.monotonic() + DECK_TIMEOUT
    state = None
    while time.monotonic() < deadline:
        state = page.evaluate(JS_DECK)
        if state and state["slides"] and state["heading"]:
            break
        time.sleep(0.5)
    assert state and state["slides"], f"no reveal.js deck rendered at /rise/{DECK}: {state}"
    assert state["slides"] == len(headings), (
        f"the deck has {state['slides']} slides, the notebook {len(headings)} slide cells")
    seen_headings, images = [], {}
    for step in range(400):  # every slide and sub-slide, in order
        page.wait_for_timeout(150)
        state = page.evaluate(JS_DECK)
        if state["heading"] and (not seen_headings or seen_headings[-1] != state["heading"]):
            seen_headings.append(state["heading"])
        for img in state["imgs"]:
            images[img["src"]] = img
        if step == 2:  # after reveal.js's slide transition has ended
            page.wait_for_timeout(1000)
            page.screenshot(path=str(artifacts_dir / "rise-01-slide.png"))
        before = (state["index"], state["text"])
        page.keyboard.press("Space")  # reveal.js: next slide or sub-slide
        page.wait_for_timeout(250)
        after = page.evaluate(JS_DECK)
        if (after["index"], after["text"]) == before:
            break  # the end of the deck
    shown = [_plain(h) for h in seen_headings]
    for want in map(_plain, headings):
        assert any(s.startswith(want[:30]) for s in shown), (
            f"slide {want!r} never shown; headings seen: {shown}")
    assert not any(s.startswith(("Exercises", "Going further")) for s in shown), shown
    assert len(images) >= figures, (
        f"{len(images)} images shown in the deck, the core has {figures} figures")
    for src, img in images.items():
        assert img["complete"] and img["natural"] > 0, f"image {src} did not load"
        assert img["shown"] >= img["natural"] - 1, (
            f"image {src} is scaled down on a {PROJECTOR['width']}-px screen: "
            f"{img['natural']} px shown at {img['shown']:.0f} px")
