"""What a student feels: key press (or click) -> new figure shown, in real JupyterLab.

    python -m benchmarks.browser                    # every lesson with widgets (5-6 min, 2 cores)
    python -m benchmarks.browser --quick            # fewer inputs per control (about 3 min)
    python -m benchmarks.browser --screenshots /tmp/browser-bench --markdown FILE
    python -m benchmarks.browser --only 01,03 --edition ko --json /tmp/b.json
    python -m benchmarks.browser --only 01 --quick --kernel-delay-ms 100   # check the method

It starts JupyterLab with the repository as ``root_dir`` (``tests/browser/conftest.py``'s
``start_lab_server``: an isolated Jupyter environment, autosave off, so the notebooks are
never written) and drives it with Playwright in Debian's headless Chromium (1280 x 900),
as ``tests/browser/test_jupyterlab.py`` does: each lesson with widgets
(``notebooks/[0-9][0-9]-*.ipynb`` whose code uses ``helpers.widgets`` or ipywidgets) is
opened as ``notebooks/<nb>``, cleared and run (Run All); then every control of every
widget output is found in the DOM (sliders ``.widget-slider``, dropdowns
``.widget-dropdown select``, toggle buttons ``.widget-toggle-buttons button``, number
boxes ``.widget-text input``, buttons ``button.widget-button``; anything else that takes
input is listed as NOT DRIVEN) and driven with a sweep of inputs, once in the default view
and once in JupyterLab's presentation mode (``application:toggle-presentation-mode``).

Timing is done in the page, not through Playwright round trips. A recorder installed in
the page keeps:

- every ``keydown`` / ``pointerdown`` / ``pointerup`` / ``click`` / ``input`` / ``change`` (a
  capture-phase listener on ``document``): its ``event.timeStamp`` is the moment of the input
  (the performance.now() clock);
- every change of an ``<img>``'s ``src`` in the notebook (a MutationObserver; each figure is
  an ``ipywidgets.Image``, whose view sets a new blob URL per PNG): the PNG's size (the blob
  fetched at once), then ``img.decode()`` and two ``requestAnimationFrame``s: the time the
  frame showing the new figure was painted (the first frame's start is kept too, in the JSON:
  the paint happened between the two);
- every change of a ``.widget-html`` text (the readouts, 04's status) and two frames later;
  every move of a progress bar;
- every kernel message (``kernel.anyMessage``): the widget messages the page sends, the
  kernel's busy/idle for them (with the kernel's own clock: ``header.date``), the widget
  messages that come back (those with binary buffers carry the PNGs).

One input is one key press (a click; a ``change``): after it, the page waits for a quiet
window (``--quiet-ms``, 400 ms: no new image, text, message or event, no image decoding,
every widget message answered by the kernel's idle, the kernel idle) before the next one,
so inputs never queue. Latency "key->figure" is the time the LAST image that changed in
the control's widget was shown minus the input's timeStamp; "key->readout" the first
``.widget-html`` change shown; "kernel" the kernel's own busy time for the input's messages
(busy->idle by the kernel's clock). The page and the kernel run on one machine, so
``performance.timeOrigin + now`` and the kernel's ``header.date`` share a clock: the second
table splits the latency into key->message sent, ->kernel started on it, ->kernel sent the
last PNG, ->PNG received by the page, ->src set, ->decoded, ->shown (p50 of each step).

How each kind is driven: sliders by ArrowRight/ArrowLeft on the focused ``.noUi-handle``
(15 presses out and 15 back; a slider whose press moves it one position and that has at most
40 of them, 03's SelectionSliders, is walked to one end, the other and back to its start;
``--quick``: 5 out and 5 back); dropdowns by ``select_option`` of each option but the
placeholder, from the last up and back down, timed from the ``change`` event (ArrowDown on a
focused ``<select>`` is tried first and used if it selects the next option: in JupyterLab 4's
command mode the notebook takes the key and moves its active cell instead); toggle buttons by
a click on each other button, then on the first one again, timed from ``pointerdown`` (the
click's pointerdown->pointerup is reported as "press"); number boxes by a new value filled in
(1, 2, ... above the start, then the start) and Enter, timed from the Enter ``keydown``;
buttons (04's Train) by a click (two; ``--quick`` one), reported apart: click -> first
progress-bar movement and click -> final figure (a run of seconds, not held to the target).
Each view starts from where the other left the widgets (the sweeps return to their start;
a dropdown leaves its widget where its last option puts it).

Checks printed at the end: no figure shown before the kernel had sent it (kernel clock), no
input of one widget message faster than the kernel's busy->idle for it; the page's long
main-thread tasks (the Long Tasks API, over 50 ms) inside each latency are in the split.
Images partly outside the 900-pixel viewport (03's error plot below the histogram: the
widget's top is scrolled to the top of the notebook) are decoded all the same; their "shown"
is two frames after decoding. The kernel's memory
(the server's ``ipykernel`` process, psutil: RSS every 0.1 s, PSS and USS from
``memory_full_info`` every 0.5 s, and Linux's own peak ``VmHWM``) is sampled while each
notebook runs all cells and while its controls are driven. PSS and USS count the pages the
kernel shares (MNIST's memory-mapped ``.npy`` files) by how many processes map them: other
kernels on the machine lower them, so RSS is the number to compare between runs.

Targets: key->figure p95 < 100 ms (stretch 50 ms), reported, never enforced; the numbers
depend on the machine (run it on a quiet one). ``--kernel-delay-ms MS`` makes every figure
render in the kernel MS ms slower (``FigureView.refresh`` wrapped in the running kernel,
nothing on disk): the latencies must rise by about MS per image, which checks the method.
Every process started here (server, kernels, Chromium) is stopped on exit, error or Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import hashlib
import json
import os
import re
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS, STRETCH_MS = 100.0, 50.0
VIEWPORT = {"width": 1280, "height": 900}
QUIET_MS = 400
INPUT_TIMEOUT_S = 60  # one input to a quiet page
RUN_TIMEOUT_S = 600  # one Train run to a quiet page
SLIDER_PRESSES = {False: 15, True: 5}  # by --quick
WALK_ALL = 40  # sliders with at most this many positions are walked end to end
SEEDS = {False: 8, True: 2}  # new values typed into a number box
TRAIN_RUNS = {False: 2, True: 1}
VIEWS = ("default view", "presentation mode")
PRESENTATION = "application:toggle-presentation-mode"
WIDGET_CODE = re.compile(r"helpers\.widgets|ipywidgets|\binteract(ive)?\(")
FACTORY = re.compile(r"\b([A-Za-z_]\w*(?:widget|explorer))\s*\(")

# --------------------------------------------------------------------------- the page recorder
# Installed once per notebook page as window.__lat (after JS_LIB of test_jupyterlab.py).
JS_RECORDER = r"""
(panelId) => {
  const app = window.jupyterapp;
  const panel = [...app.shell.widgets('main')].find(w => w.id === panelId);
  const root = panel.node;
  const kernel = panel.sessionContext.session.kernel;
  const now = () => performance.now();
  const L = window.__lat = {events: [], imgs: [], texts: [], progress: [], kmsgs: [],
                            pending: new Map(), decoding: 0, last: now()};
  const touch = () => { L.last = now(); };
  const raf2 = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const boxEl = el => (el && el.closest) ? el.closest('[data-bench-box]') : null;
  const boxOf = el => { const b = boxEl(el); return b ? Number(b.dataset.benchBox) : -1; };
  const desc = el => (el && el.tagName) ? el.tagName.toLowerCase() + '.'
    + String(el.className || '').trim().split(/\s+/).join('.') : String(el);
  L.long = [];  // main-thread tasks over 50 ms (the Long Tasks API)
  try {
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) L.long.push({start: e.startTime, ms: e.duration});
    }).observe({type: 'longtask'});
  } catch (e) { L.long = null; }
  for (const type of ['keydown', 'pointerdown', 'pointerup', 'click', 'input', 'change']) {
    document.addEventListener(type, e => {
      L.events.push({type, key: e.key || null, ts: e.timeStamp, at: now(),
                     trusted: e.isTrusted, box: boxOf(e.target),
                     target: desc(e.target).slice(0, 80)});
      touch();
    }, true);
  }
  const ids = new WeakMap(); let nextId = 0;
  const onImg = img => {
    if (!ids.has(img)) ids.set(img, nextId++);
    const src = img.getAttribute('src') || '';
    const b = boxEl(img);
    const rec = {img: ids.get(img), box: boxOf(img), set: now(), decoded: null, shown: null,
                 bytes: null, error: null,
                 pos: b ? [...b.querySelectorAll('img')].indexOf(img) : -1};
    L.imgs.push(rec); L.decoding++; touch();
    if (src.startsWith('blob:') || src.startsWith('data:')) {
      fetch(src).then(r => r.blob()).then(x => { rec.bytes = x.size; },
                                          () => { rec.bytes = -1; });
    }
    img.decode()
      .then(() => { rec.decoded = now();
                    return new Promise(r => requestAnimationFrame(() => {
                      rec.frame = now();  // the frame that paints it has started
                      requestAnimationFrame(() => { rec.shown = now(); r(); });
                    })); },
            e => { rec.error = String(e); })
      .finally(() => { L.decoding--; touch(); });
  };
  const onText = el => {
    const rec = {box: boxOf(el), set: now(), shown: null, text: el.innerText.slice(0, 160)};
    L.texts.push(rec); touch();
    raf2().then(() => { rec.shown = now(); });
  };
  const onBar = bar => {
    L.progress.push({box: boxOf(bar), set: now(), width: parseFloat(bar.style.width) || 0});
    touch();
  };
  new MutationObserver(muts => {
    const texts = new Set();
    for (const m of muts) {
      const t = m.target;
      if (m.type === 'attributes') {
        if (m.attributeName === 'src' && t.tagName === 'IMG') onImg(t);
        else if (m.attributeName === 'style' && t.classList
                 && t.classList.contains('progress-bar')) onBar(t);
        continue;
      }
      const el = t.nodeType === 1 ? t : t.parentElement;
      const h = el && el.closest('.widget-html');
      if (h) texts.add(h);
      if (m.type === 'childList') {
        for (const n of m.addedNodes) {
          if (n.nodeType !== 1) continue;
          for (const img of (n.tagName === 'IMG' ? [n] : n.querySelectorAll('img'))) onImg(img);
        }
      }
    }
    for (const h of texts) onText(h);
  }).observe(root, {subtree: true, childList: true, characterData: true, attributes: true,
                    attributeFilter: ['src', 'style']});
  kernel.anyMessage.connect((_, a) => {
    const msg = a.msg, h = msg.header, p = msg.parent_header || {}, t = now();
    const method = msg.content && msg.content.data ? msg.content.data.method || null : null;
    if (a.direction === 'send') {
      if (h.msg_type !== 'comm_msg') return;
      L.pending.set(h.msg_id, t);
      const state = msg.content.data && msg.content.data.state;
      const data = msg.content.data || {};
      L.kmsgs.push({k: 'send', id: h.msg_id, t, method,
                    keys: state ? Object.keys(state).join(',')
                      : JSON.stringify(data.content || {}).slice(0, 60)});
    } else if (msg.channel === 'iopub') {
      if (h.msg_type === 'status') {
        const st = msg.content.execution_state;
        L.kmsgs.push({k: st, parent: p.msg_id, ptype: p.msg_type || null, date: h.date, t});
        if (st === 'idle') L.pending.delete(p.msg_id);
      } else if (h.msg_type === 'comm_msg') {
        L.kmsgs.push({k: 'comm', parent: p.msg_id, t, nbuf: (msg.buffers || []).length, method,
                      date: h.date});
      } else return;
    } else return;
    touch();
  });
  L.mark = () => ({t: now(), events: L.events.length, imgs: L.imgs.length,
                   texts: L.texts.length, progress: L.progress.length, kmsgs: L.kmsgs.length});
  L.waitQuiet = ([m, quietMs, timeoutMs]) => new Promise(resolve => {
    const tick = () => {
      const t = now();
      const quiet = L.decoding === 0 && L.pending.size === 0 && kernel.status === 'idle'
        && t - L.last >= quietMs && t - m.t >= quietMs;
      if (!quiet && t - m.t < timeoutMs) { setTimeout(tick, 25); return; }
      resolve({timedOut: !quiet, pending: L.pending.size, decoding: L.decoding,
               status: kernel.status, end: t, origin: performance.timeOrigin,
               long: L.long ? L.long.filter(x => x.start + x.ms >= m.t) : null,
               events: L.events.slice(m.events), imgs: L.imgs.slice(m.imgs),
               texts: L.texts.slice(m.texts), progress: L.progress.slice(m.progress),
               kmsgs: L.kmsgs.slice(m.kmsgs)});
    };
    tick();
  });
  // every widget output with controls: data-bench-box on it, data-bench-ctl on each control
  L.discover = () => {
    const cells = [...root.querySelectorAll('.jp-Cell')];
    const outs = [...root.querySelectorAll('.jp-OutputArea-output')]
      .filter(o => o.querySelector('.jupyter-widgets'));
    const label = el => { const l = el.querySelector(':scope > .widget-label');
                          return l ? l.innerText.trim() : ''; };
    const boxes = [];
    for (const o of outs) {
      const kinds = [
        ['slider', '.widget-slider'], ['dropdown', '.widget-dropdown'],
        ['toggles', '.widget-toggle-buttons'], ['text', '.widget-text'],
        ['button', 'button.widget-button']];
      const found = [];
      for (const [kind, sel] of kinds) {
        for (const el of o.querySelectorAll(sel)) found.push([kind, el]);
      }
      if (!found.length) continue;
      const b = boxes.length;
      o.setAttribute('data-bench-box', String(b));
      found.sort((x, y) => x[1].compareDocumentPosition(y[1]) & 4 ? -1 : 1);
      const controls = found.map(([kind, el], i) => {
        el.setAttribute('data-bench-ctl', String(i));
        const info = {index: i, kind, label: kind === 'button' ? el.innerText.trim() : label(el)};
        if (kind === 'toggles') info.options = [...el.querySelectorAll('button')]
          .map(x => x.innerText.trim());
        if (kind === 'dropdown') info.options = [...el.querySelectorAll('option')]
          .map(x => x.innerText.trim());
        if (kind === 'slider') info.handles = el.querySelectorAll('.noUi-handle').length;
        return info;
      });
      const others = [...o.querySelectorAll(
        'input, select, textarea, button, [role=slider], [contenteditable=true]')]
        .filter(e => !e.closest('[data-bench-ctl]'))
        .map(e => desc(e).slice(0, 80) + (e.innerText ? ' ' + e.innerText.trim().slice(0, 40)
                                                        : ''));
      boxes.push({box: b, cell: cells.indexOf(o.closest('.jp-Cell')), controls, others,
                  images: o.querySelectorAll('img').length});
    }
    return boxes;
  };
  L.state = ([b, c]) => {
    const el = root.querySelector(`[data-bench-box="${b}"] [data-bench-ctl="${c}"]`);
    if (!el) return null;
    const h = el.querySelector('.noUi-handle'), r = el.querySelector('.widget-readout');
    const s = el.querySelector('select'), i = el.querySelector('input');
    const buttons = [...el.querySelectorAll('button')];
    return {
      now: h ? Number(h.getAttribute('aria-valuenow')) : null,
      min: h ? Number(h.getAttribute('aria-valuemin')) : null,
      max: h ? Number(h.getAttribute('aria-valuemax')) : null,
      readout: r ? r.innerText.trim() : null,
      index: s ? s.selectedIndex : null, n: s ? s.options.length : null,
      selected: s ? (s.options[s.selectedIndex] || {}).text || null : null,
      value: i ? i.value : null,
      active: buttons.findIndex(x => x.classList.contains('mod-active')),
      disabled: !!(el.matches('[disabled]') || el.querySelector('[disabled]')),
    };
  };
  L.focus = ([b, c]) => {  // scroll the widget's top into view, focus the control
    const box = root.querySelector(`[data-bench-box="${b}"]`);
    const el = box.querySelector(`[data-bench-ctl="${c}"]`);
    box.scrollIntoView({block: 'start'});
    const target = el.querySelector('.noUi-handle, select, input') || el;
    target.focus({preventScroll: true});
    return document.activeElement === target;
  };
  L.view = () => {
    const px = sel => { const e = root.querySelector(sel);
                        return e ? getComputedStyle(e).fontSize : null; };
    return {presentation: document.body.classList.contains('jp-mod-presentationMode')
              || !!document.querySelector('.jp-mod-presentationMode'),
            markdownFont: px('.jp-RenderedMarkdown'), widgetFont: px('.widget-label')};
  };
  L.execute = async (code) => {
    const f = kernel.requestExecute({code, silent: true, store_history: false});
    const r = await f.done;
    return r.content.status === 'ok' ? 'ok' : r.content.ename + ': ' + r.content.evalue;
  };
  return kernel.id;
}
"""

#: ``--kernel-delay-ms``: every figure render in the running kernel made slower (nothing on
#: disk). ``FigureView._draw`` is wrapped: ``refresh`` and ``refresh_views`` both call it.
DELAY_CODE = """\
import time as _bench_time
from helpers.widgets import base as _bench_base
if not hasattr(_bench_base.FigureView, "_bench_draw"):
    _bench_base.FigureView._bench_draw = _bench_base.FigureView._draw
    def _bench_slow(self, _f=_bench_base.FigureView._bench_draw):
        _bench_time.sleep({seconds!r})
        return _f(self)
    _bench_base.FigureView._draw = _bench_slow
"""


# --------------------------------------------------------------------------- kernel memory
class KernelMemory:
    """Samples one kernel process: RSS every 0.1 s, PSS/USS every 0.5 s, per phase."""

    def __init__(self, pid: int):
        import psutil

        self.proc = psutil.Process(pid)
        self.peaks: dict[str, dict[str, float]] = {}
        self.phase = "start"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _peak(self, key: str, value: float) -> None:
        p = self.peaks.setdefault(self.phase, {})
        p[key] = max(p.get(key, 0.0), value)

    def _run(self) -> None:
        import psutil

        i = 0
        while not self._stop.wait(0.1):
            try:
                self._peak("rss", self.proc.memory_info().rss)
                if i % 5 == 0:
                    full = self.proc.memory_full_info()
                    self._peak("pss", getattr(full, "pss", float("nan")))
                    self._peak("uss", full.uss)
            except psutil.Error:
                return
            i += 1

    def hwm(self) -> float | None:
        """Linux's own peak RSS of the process (VmHWM), bytes; None elsewhere."""
        with contextlib.suppress(OSError, ValueError):
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return float(line.split()[1]) * 1024
        return None

    def set_phase(self, name: str) -> None:
        p = self.peaks.setdefault(self.phase, {})
        hwm = self.hwm()
        if hwm is not None:
            p["hwm"] = hwm
        self.phase = name

    def stop(self) -> dict:
        self.set_phase("end")
        self._stop.set()
        self._thread.join(timeout=5)
        self.peaks.pop("end", None)
        self.peaks.pop("start", None)
        return self.peaks


def kernel_pid(server, kernel_id: str) -> int | None:
    """The server's descendant running ipykernel for ``kernel_id`` (its connection file)."""
    import psutil

    try:
        kids = psutil.Process(server.proc.pid).children(recursive=True)
    except psutil.Error:
        return None
    fallback = None
    for p in kids:
        with contextlib.suppress(psutil.Error):
            cmd = " ".join(p.cmdline())
            if "ipykernel" not in cmd:
                continue
            if kernel_id and kernel_id in cmd:
                return p.pid
            fallback = p.pid
    return fallback


# --------------------------------------------------------------------------- statistics
def pct(values, q: float) -> float | None:
    """The q-quantile (0..1) of ``values``, linear between order statistics; None if empty."""
    v = sorted(x for x in values if x is not None)
    if not v:
        return None
    k = (len(v) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def fmt_ms(x: float | None) -> str:
    if x is None:
        return "—"
    return f"{x:.0f}" if x >= 10 else f"{x:.1f}"


def verdict(p95: float | None) -> str:
    if p95 is None:
        return "—"
    if p95 < STRETCH_MS:
        return "met (stretch too)"
    return "met" if p95 < TARGET_MS else "MISSED"


def kernel_date(s: str | None) -> float | None:
    """An ISO date of a kernel message header, in ms (for differences only)."""
    if not s:
        return None
    with contextlib.suppress(ValueError):
        return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp() * 1e3
    return None


# --------------------------------------------------------------------------- one input
@dataclass
class Control:
    nb: str
    box: int
    widget: str
    index: int
    kind: str
    label: str
    options: list = field(default_factory=list)

    @property
    def name(self) -> str:
        if self.kind == "toggles" and not self.label:
            return "toggles " + "/".join(self.options)
        words = {"slider": "slider", "dropdown": "dropdown", "toggles": "toggles",
                 "text": "number box", "button": "button"}
        return f"{words[self.kind]} '{self.label}'" if self.label else words[self.kind]


def analyse(raw: dict, ctl: Control, match: tuple[str, str | None]) -> dict:
    """One input's numbers from what the recorder saw between its mark and the quiet window."""
    kind, key = match
    events = [e for e in raw["events"] if e["type"] == kind and (key is None or e["key"] == key)]
    out: dict = {"timed_out": raw["timedOut"], "timed_from": kind + (f" {key}" if key else "")}
    if not events:
        out["problem"] = f"no {out['timed_from']} event recorded"
        return out
    ev = events[-1]
    ts = ev["ts"]
    at = raw["events"].index(ev)
    out.update(ts=ts, listener_delay=ev["at"] - ts, trusted=ev["trusted"])
    mine = [r for r in raw["imgs"] if r["box"] == ctl.box and r["set"] >= ts]
    out["images_elsewhere"] = len({r["img"] for r in raw["imgs"] if r["box"] != ctl.box})
    last: dict[int, dict] = {}
    for r in mine:
        last[r["img"]] = r  # the last change of each image
    shown = [r["shown"] for r in last.values() if r["shown"] is not None]
    out["images"] = len(last)
    out["png_bytes"] = [r["bytes"] for r in last.values()]
    out["image_positions"] = sorted(r["pos"] for r in last.values())
    out["src_changes"] = len(mine)
    if last and len(shown) == len(last):
        final = max(last.values(), key=lambda r: r["shown"])
        out["figure_ms"] = final["shown"] - ts
        out["first_figure_ms"] = min(shown) - ts
        out["last_set_ms"] = final["set"] - ts
        out["last_decoded_ms"] = final["decoded"] - ts if final["decoded"] else None
        out["last_frame_ms"] = final["frame"] - ts if final.get("frame") else None
    elif last:
        out["problem"] = "an image never decoded: " + "; ".join(
            str(r["error"]) for r in last.values() if r["shown"] is None)
    texts = [t for t in raw["texts"] if t["box"] == ctl.box and t["set"] >= ts]
    if texts and texts[0]["shown"] is not None:
        out["readout_ms"] = texts[0]["shown"] - ts
        out["readout"] = texts[-1]["text"]
    # widget messages: sent by the page after the input, their kernel busy time
    msgs = raw["kmsgs"]
    sends = [m for m in msgs if m["k"] == "send" and m["t"] >= ts]
    ids = {m["id"] for m in sends}
    busy = {m["parent"]: m for m in msgs if m["k"] == "busy" and m["parent"] in ids}
    idle = {m["parent"]: m for m in msgs if m["k"] == "idle" and m["parent"] in ids}
    own = []
    for i in ids:
        t0 = kernel_date(busy[i]["date"]) if i in busy else None
        t1 = kernel_date(idle[i]["date"]) if i in idle else None
        if t0 is not None and t1 is not None:
            own.append(t1 - t0)
    out["messages_sent"] = len(sends)
    out["sent"] = [f"{m['method']}({m.get('keys') or ''})" for m in sends]
    out["kernel_ms"] = sum(own) if own else None
    if sends:
        out["sent_ms"] = sends[0]["t"] - ts
        idles = [idle[i]["t"] for i in ids if i in idle]
        if idles:
            out["idle_seen_ms"] = max(idles) - ts
    span = max(out.get("figure_ms") or 0, out.get("readout_ms") or 0,
               out.get("idle_seen_ms") or 0)
    if raw.get("long") is not None and span:  # main-thread tasks > 50 ms inside the latency
        end = ts + span
        out["long_tasks_ms"] = sum(min(x["start"] + x["ms"], end) - max(x["start"], ts)
                                   for x in raw["long"]
                                   if x["start"] < end and x["start"] + x["ms"] > ts)
    ups = [e for e in raw["events"][at:] if e["type"] == "pointerup"]  # the click's release
    if kind == "pointerdown" and ups:
        out["press_ms"] = ups[0]["ts"] - ts  # pointerdown -> pointerup (Playwright's click)
    # the kernel's clock (header.date) and the page's (timeOrigin + now) are the machine's:
    # they split the round trip into transit to the kernel, kernel, transit back
    origin = raw["origin"]
    pngs = [m for m in msgs if m["k"] == "comm" and m["nbuf"] > 0 and m["t"] >= ts]
    start = busy.get(sends[0]["id"]) if sends else None
    if start and kernel_date(start["date"]) is not None:
        out["kernel_start_ms"] = kernel_date(start["date"]) - (origin + ts)
    if pngs and "last_set_ms" in out:
        before = [m for m in pngs if m["t"] - ts <= out["last_set_ms"] + 1e-6]
        if before:
            png = before[-1]
            out["last_png_msg_ms"] = png["t"] - ts
            if kernel_date(png.get("date")) is not None:
                out["last_png_sent_ms"] = kernel_date(png["date"]) - (origin + ts)
    steps = {"key->sent": ("", "sent_ms"), "->kernel start": ("sent_ms", "kernel_start_ms"),
             "->last PNG sent": ("kernel_start_ms", "last_png_sent_ms"),
             "->PNG received": ("last_png_sent_ms", "last_png_msg_ms"),
             "->src set": ("last_png_msg_ms", "last_set_ms"),
             "->decoded": ("last_set_ms", "last_decoded_ms"),
             "->shown": ("last_decoded_ms", "figure_ms")}
    out["steps"] = {name: (out[b] - (out[a] if a else 0.0))
                    for name, (a, b) in steps.items()
                    if out.get(b) is not None and (not a or out.get(a) is not None)}
    # progress bar: the first advance (width > 0 after being seen at 0) after the input
    bars = [p for p in raw["progress"] if p["box"] == ctl.box and p["set"] >= ts]
    if bars:
        zero = bool(raw.get("bar_width_before", 1.0) == 0)
        for p in bars:
            if p["width"] == 0:
                zero = True
            elif zero:
                out["progress_ms"] = p["set"] - ts
                break
    return out


# --------------------------------------------------------------------------- the notebook
class Bench:
    """One open notebook page with the recorder installed; drives its controls."""

    def __init__(self, page, nb, args, shots: Path | None, tag: str, samples: list[dict]):
        self.page, self.nb = page, nb
        self.quick = args.quick
        self.quiet = args.quiet_ms
        self.shots, self.tag = shots, tag
        self.samples = samples  # shared with the caller: kept on an error
        self.dropdown_method: str | None = None
        self.last_option: dict[tuple[int, int], int] = {}

    def ev(self, js, arg=None):
        return self.page.evaluate(js, arg)

    def state(self, ctl: Control) -> dict:
        return self.ev("(a) => __lat.state(a)", [ctl.box, ctl.index])

    def loc(self, ctl: Control):
        return self.page.locator(f'[data-bench-box="{ctl.box}"] [data-bench-ctl="{ctl.index}"]')

    def settle(self, timeout: float = INPUT_TIMEOUT_S) -> dict:
        m = self.ev("() => __lat.mark()")
        return self.ev("(a) => __lat.waitQuiet(a)", [m, self.quiet, timeout * 1000])

    def one(self, ctl: Control, view: str, action, match, what: str,
            timeout: float = INPUT_TIMEOUT_S) -> dict:
        """Do ``action`` (one input), wait for the quiet page, analyse; keep the sample."""
        before = self.state(ctl)
        bar = None
        if ctl.kind == "button":
            bar = self.ev("""(b) => { const e = document.querySelector(
                `[data-bench-box="${b}"] .progress-bar`);
                return e ? parseFloat(e.style.width) || 0 : null; }""", ctl.box)
        m = self.ev("() => __lat.mark()")
        action()
        raw = self.ev("(a) => __lat.waitQuiet(a)", [m, self.quiet, timeout * 1000])
        if bar is not None:
            raw["bar_width_before"] = bar
        s = analyse(raw, ctl, match)
        after = self.state(ctl)
        s.update(notebook=ctl.nb, widget=ctl.widget, box=ctl.box, control=ctl.name,
                 kind=ctl.kind, view=view, input=what, before=before, after=after)
        if raw["timedOut"]:
            s["problem"] = (f"no quiet page within {timeout:.0f} s (pending messages "
                            f"{raw['pending']}, decoding {raw['decoding']}, kernel "
                            f"{raw['status']})")
        self.samples.append(s)
        return s

    # ---- evidence
    def screenshot(self, ctl: Control, view: str, name: str) -> None:
        if self.shots is None:
            return
        box = self.page.locator(f'[data-bench-box="{ctl.box}"]')
        path = self.shots / (f"{self.tag}-{'pres' if view != VIEWS[0] else 'default'}-"
                             f"box{ctl.box}-{name}.png")
        try:
            height = box.evaluate("e => e.getBoundingClientRect().height")
            self.page.set_viewport_size({"width": VIEWPORT["width"],
                                         "height": int(max(VIEWPORT["height"], height + 300))})
            self.page.wait_for_timeout(300)
            box.evaluate("e => e.scrollIntoView({block: 'start'})")
            self.page.wait_for_timeout(200)
            box.screenshot(path=str(path))
        except Exception as exc:  # evidence must not stop the benchmark
            print(f"      (screenshot {path.name} failed: {exc})", flush=True)
        finally:
            self.page.set_viewport_size(VIEWPORT)
            self.page.wait_for_timeout(200)
            self.settle()

    # ---- the drivers, one per kind
    def drive(self, ctl: Control, view: str) -> list[dict]:
        st = self.state(ctl)
        if st is None or st["disabled"]:
            print(f"      {ctl.name}: {'gone' if st is None else 'disabled'}, not driven")
            return []
        self.settle()
        n0 = len(self.samples)
        getattr(self, f"drive_{ctl.kind}")(ctl, view, st)
        return self.samples[n0:]

    def drive_slider(self, ctl, view, st):
        """ArrowRight/ArrowLeft on the handle. The first press decides the sweep: a slider
        whose press moves aria-valuenow by exactly 1 and that has at most WALK_ALL positions
        (a SelectionSlider, a small IntSlider) is walked to both ends and back to its start;
        any other (a FloatSlider, whose aria value is rounded; a long IntSlider) gets
        SLIDER_PRESSES presses out and as many back."""
        lo, hi, now = st["min"], st["max"], st["now"]
        out, back = (("ArrowRight", "ArrowLeft") if hi - now >= now - lo
                     else ("ArrowLeft", "ArrowRight"))

        def press(key):
            self.ev("(a) => __lat.focus(a)", [ctl.box, ctl.index])
            return self.one(ctl, view, lambda: self.page.keyboard.press(key), ("keydown", key),
                            key)

        first = press(out)
        moved = ((first["after"] or {}).get("now") or now) - now
        span = hi - lo
        if (not self.quick and abs(moved) == 1 and float(lo).is_integer()
                and float(hi).is_integer() and span <= WALK_ALL):
            far = int(hi - now if out == "ArrowRight" else now - lo)  # to the end it goes to
            outward, plan = far - 1, [back] * int(span) + [out] * int(span - far)
        else:
            n = SLIDER_PRESSES[self.quick]
            outward, plan = n - 1, [back] * n
        for _ in range(outward):
            press(out)
        self.screenshot(ctl, view, f"ctl{ctl.index}-slider-turn")
        for key in plan:
            press(key)

    def drive_dropdown(self, ctl, view, st):
        """Each option but the first (a "choose" placeholder in these widgets, at the start)
        in turn, from the last up, then back down (``--quick``: up only). A sweep starts on an
        option other than the one this control was left on, so its first input draws."""
        n, start = st["n"], st["index"]
        up = list(range(n - 1, start, -1))
        down = up[::-1]
        plan = up + (down[1:] if not self.quick else [])
        if not plan:  # it starts on its last option: walk down instead
            plan = list(range(start - 1, 0, -1))
        if plan and self.last_option.get((ctl.box, ctl.index)) == plan[0]:
            plan = down + (up[1:] if not self.quick else [])
        sel = self.loc(ctl).locator("select")
        for j, target in enumerate(plan):
            if self.dropdown_method is None:  # the first dropdown: does ArrowDown change it?
                self.probe_arrow_down(ctl, view, st)
            self.ev("(a) => __lat.focus(a)", [ctl.box, ctl.index])
            if self.dropdown_method.startswith("ArrowDown"):
                for _ in range(60):  # keys to the target: each press is one input
                    at = self.state(ctl)["index"]
                    if at == target:
                        break
                    key = "ArrowDown" if target > at else "ArrowUp"
                    self.one(ctl, view, lambda k=key: self.page.keyboard.press(k),
                             ("keydown", key), key)
            else:
                self.one(ctl, view, lambda t=target: sel.select_option(index=t),
                         ("change", None), f"option {target} {ctl.options[target]!r}")
            self.last_option[(ctl.box, ctl.index)] = target
            if j == len(up) - 1:
                self.screenshot(ctl, view, f"ctl{ctl.index}-dropdown-turn")

    def probe_arrow_down(self, ctl, view, st):
        """Does ArrowDown on the focused <select> select the next option here? (Not in
        JupyterLab 4's command mode: the notebook takes the key and moves its active cell.)"""
        self.ev("(a) => __lat.focus(a)", [ctl.box, ctl.index])
        m = self.ev("() => __lat.mark()")
        self.page.keyboard.press("ArrowDown")
        self.ev("(a) => __lat.waitQuiet(a)", [m, self.quiet, INPUT_TIMEOUT_S * 1000])
        after = self.state(ctl)
        if after["index"] != st["index"]:
            self.dropdown_method = "ArrowDown on the focused <select>"
            self.ev("(a) => __lat.focus(a)", [ctl.box, ctl.index])
            self.page.keyboard.press("ArrowUp")  # back where it was, untimed
            self.settle()
        else:
            active = self.ev("() => document.activeElement.className")[:60]
            self.dropdown_method = ("select_option, timed from the change event (ArrowDown on "
                                    "the focused <select> did not change it; the focus moved to "
                                    f"{active!r})")
        print(f"      dropdowns: {self.dropdown_method}", flush=True)

    def drive_toggles(self, ctl, view, st):
        a = st["active"]
        order = [i for i in range(len(ctl.options)) if i != a] + ([a] if a >= 0 else [])
        buttons = self.loc(ctl).locator("button")
        for j, i in enumerate(order):
            self.ev("(a) => __lat.focus(a)", [ctl.box, ctl.index])
            self.one(ctl, view, lambda i=i: buttons.nth(i).click(), ("pointerdown", None),
                     f"click {ctl.options[i]!r}")
            if j == 0:
                self.screenshot(ctl, view, f"ctl{ctl.index}-toggle-first")

    def drive_text(self, ctl, view, st):
        inp = self.loc(ctl).locator("input")
        start = st["value"] or ""
        if re.fullmatch(r"-?\d+", start.strip()):
            values = [str(int(start) + k) for k in range(1, SEEDS[self.quick] + 1)] + [start]
        else:
            values = [start + "x" * k for k in range(1, SEEDS[self.quick] + 1)] + [start]
        for j, v in enumerate(values):
            self.ev("(a) => __lat.focus(a)", [ctl.box, ctl.index])
            inp.fill(v)
            self.one(ctl, view, lambda: inp.press("Enter"), ("keydown", "Enter"),
                     f"type {v!r} + Enter")
            if j == 0:
                self.screenshot(ctl, view, f"ctl{ctl.index}-text-first")

    def drive_button(self, ctl, view, st):
        btn = self.loc(ctl)
        for j in range(TRAIN_RUNS[self.quick]):
            self.ev("(a) => __lat.focus(a)", [ctl.box, ctl.index])
            self.one(ctl, view, lambda: btn.click(), ("pointerdown", None), f"click #{j + 1}",
                     timeout=RUN_TIMEOUT_S)
            if j == 0:
                self.screenshot(ctl, view, f"ctl{ctl.index}-button-run")


# --------------------------------------------------------------------------- rows
def summarise(samples: list[dict]) -> list[dict]:
    """Table rows: one per (notebook, box, control, view); buttons give two rows."""
    groups: dict[tuple, list[dict]] = {}
    for s in samples:
        groups.setdefault((s["notebook"], s["box"], s["control"], s["view"]), []).append(s)
    rows = []
    for (nbk, _box, control, view), ss in groups.items():
        fig = [s["figure_ms"] for s in ss if s.get("figure_ms") is not None]
        base = {"notebook": nbk, "widget": ss[0]["widget"], "control": control, "view": view,
                "n": len(ss), "n_figure": len(fig),
                "readout_p50": pct([s.get("readout_ms") for s in ss], 0.5),
                "kernel_p50": pct([s.get("kernel_ms") for s in ss], 0.5),
                "press_p50": pct([s.get("press_ms") for s in ss], 0.5),
                "long_p50": pct([s.get("long_tasks_ms") for s in ss], 0.5),
                "long_max": max((s.get("long_tasks_ms") or 0 for s in ss), default=0),
                "png_kb": (statistics.mean(b for s in ss for b in s.get("png_bytes", [])
                                           if b and b > 0) / 1024
                           if any(b and b > 0 for s in ss for b in s.get("png_bytes", []))
                           else None),
                "images": statistics.mean(s.get("images", 0) for s in ss),
                "problems": [s["problem"] for s in ss if s.get("problem")],
                "breakdown": {k: pct([s.get("steps", {}).get(k) for s in ss
                                      if s.get("figure_ms") is not None], .5)
                              for k in STEPS},
                "figure_p50": pct(fig, .5)}
        if ss[0]["kind"] == "button":
            prog = [s.get("progress_ms") for s in ss if s.get("progress_ms") is not None]
            rows.append({**base, "control": control + ": click->first progress",
                         "no_breakdown": True,
                         "p50": pct(prog, .5), "p95": pct(prog, .95),
                         "max": max(prog) if prog else None,
                         "verdict": "n/a (a training run: not held to the target)"})
            rows.append({**base, "control": control + ": click->final figure",
                         "p50": pct(fig, .5), "p95": pct(fig, .95),
                         "max": max(fig) if fig else None,
                         "verdict": "n/a (a training run: not held to the target)"})
            continue
        row = {**base, "p50": pct(fig, .5), "p95": pct(fig, .95), "max": max(fig) if fig else None}
        if fig:
            row["verdict"] = verdict(row["p95"])
        else:
            rd = [s.get("readout_ms") for s in ss if s.get("readout_ms") is not None]
            row["verdict"] = (verdict(pct(rd, .95)) + " (no figure; on key->readout)" if rd
                              else "n/a: no figure, no readout changes")
        rows.append(row)
    return rows


COLUMNS = ("notebook", "widget", "control", "view", "n inputs", "p50", "p95", "max",
           "readout p50", "kernel p50", "PNG KB", "img/upd", "verdict")


def row_cells(r: dict) -> list[str]:
    n = str(r["n"]) if r["n_figure"] in (r["n"], 0) else f"{r['n']} ({r['n_figure']} fig)"
    return [r["notebook"], r["widget"], r["control"], r["view"], n, fmt_ms(r["p50"]),
            fmt_ms(r["p95"]), fmt_ms(r["max"]), fmt_ms(r["readout_p50"]),
            fmt_ms(r["kernel_p50"]), "—" if r["png_kb"] is None else f"{r['png_kb']:.0f}",
            f"{r['images']:.2f}", r["verdict"]]


def print_table(rows: list[dict], head: tuple, cells) -> list[list[str]]:
    """Print an aligned table; return its cells (the head first) for the Markdown file."""
    data = [list(head)] + [cells(r) for r in rows]
    widths = [max(len(x[i]) for x in data) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(x, widths, strict=True)).rstrip()
             for x in data]
    lines.insert(1, "  ".join("-" * w for w in widths))
    print("\n".join(lines))
    return data


def markdown(data: list[list[str]]) -> list[str]:
    def line(cells):
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    return [line(data[0]), "|" + "---|" * len(data[0])] + [line(c) for c in data[1:]]


STEPS = ("key->sent", "->kernel start", "->last PNG sent", "->PNG received", "->src set",
         "->decoded", "->shown")
BREAKDOWN = ("notebook", "control", "view", *STEPS, "key->figure", "kernel own", "press",
             "long tasks p50/max")


def breakdown_cells(r: dict) -> list[str]:
    b = r["breakdown"]
    return [r["notebook"], r["control"], r["view"], *(fmt_ms(b.get(k)) for k in STEPS),
            fmt_ms(r["figure_p50"]), fmt_ms(r["kernel_p50"]), fmt_ms(r["press_p50"]),
            f"{fmt_ms(r['long_p50'])}/{fmt_ms(r['long_max'])}"]


# --------------------------------------------------------------------------- main
def lessons(edition: str, only: list[str]) -> tuple[list[str], list[str]]:
    """(benchmarked, skipped-with-reason) notebook paths relative to the repo."""
    folder = ROOT / "notebooks" / ("ko" if edition == "ko" else "")
    chosen, skipped = [], []
    for p in sorted(folder.glob("[0-9][0-9]-*.ipynb")):
        rel = p.relative_to(ROOT).as_posix()
        if only and p.name[:2] not in only:
            continue
        cells = json.loads(p.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        (chosen if WIDGET_CODE.search(code) else skipped).append(rel)
    return chosen, skipped


def widget_names(cells: list[dict]) -> dict[int, str]:
    names = {}
    for c in cells:
        m = FACTORY.search(c.get("source") or "")
        if m:
            names[c["index"]] = m.group(1)
    return names


def bench_notebook(page_factory, server, path: str, args, shots, report: dict,
                   samples: list[dict]) -> None:
    """Open, run and drive one notebook; its samples are appended to ``samples`` as they come
    (so an error or Ctrl-C keeps those taken so far)."""
    from tests.browser.test_jupyterlab import LabNotebook

    page = page_factory()
    tag = ("ko-" if "/ko/" in path else "") + Path(path).stem[:2]
    nb = LabNotebook(page, server, path, Path(tempfile.gettempdir()))
    mem = bench = None
    entry = report.setdefault(path, {})
    try:
        t0 = time.monotonic()
        nb.open()
        entry["open_s"] = time.monotonic() - t0
        kid = page.evaluate("""(id) => [...window.jupyterapp.shell.widgets('main')]
            .find(w => w.id === id).sessionContext.session.kernel.id""", nb.panel_id)
        pid = kernel_pid(server, kid)
        if pid:
            mem = KernelMemory(pid)
            mem.set_phase("run-all")
        t0 = time.monotonic()
        nb.run_all()
        nb.wait_widgets()
        entry["run_all_s"] = time.monotonic() - t0
        if mem:
            mem.set_phase("idle")
        problems = nb.errors() + nb.widget_problems()
        entry["run_problems"] = problems
        print(f"  opened in {entry['open_s']:.1f} s, ran all cells in {entry['run_all_s']:.1f} s"
              + (f"; PROBLEMS: {problems}" if problems else ""), flush=True)
        page.evaluate(JS_RECORDER, nb.panel_id)
        boxes = page.evaluate("() => __lat.discover()")
        names = widget_names(page.evaluate("() => __nbt.cells()"))
        controls: list[Control] = []
        for b in boxes:
            widget = names.get(b["cell"], f"cell[{b['cell']}]")
            b["widget"] = widget
            found = [Control(path, b["box"], widget, c["index"], c["kind"], c["label"],
                             c.get("options") or []) for c in b["controls"]]
            controls += found
            print(f"  found {widget} (cell {b['cell']}, {b['images']} image(s)): "
                  + "; ".join(f"{c.name}" + (f" [{len(c.options)} options]" if c.options else "")
                              for c in found), flush=True)
            for o in b["others"]:
                print(f"    NOT DRIVEN (unknown kind of control): {o}", flush=True)
        entry["boxes"] = boxes
        if args.kernel_delay_ms:
            code = DELAY_CODE.format(seconds=args.kernel_delay_ms / 1000)
            res = page.evaluate("(c) => __lat.execute(c)", code)
            print(f"  kernel delay: every FigureView.refresh {args.kernel_delay_ms} ms slower "
                  f"({res})", flush=True)
        bench = Bench(page, nb, args, shots, tag, samples)
        if mem:
            mem.set_phase("controls")
        entry["views"] = {}
        for view in VIEWS:
            on = view != VIEWS[0]
            if on:
                page.evaluate(f"() => window.jupyterapp.commands.execute('{PRESENTATION}')")
                page.wait_for_timeout(1000)
            entry["views"][view] = page.evaluate("() => __lat.view()")
            print(f"  [{view}] {entry['views'][view]}", flush=True)
            bench.settle()
            if shots and controls:  # the page as a student sees it, at the first widget
                page.evaluate("(b) => document.querySelector(`[data-bench-box=\"${b}\"]`)"
                              ".scrollIntoView({block: 'start'})", controls[0].box)
                page.wait_for_timeout(300)
                page.screenshot(path=str(shots / f"{tag}-{'pres' if on else 'default'}-page.png"))
            for c in controls:
                n0 = len(bench.samples)
                if c is controls[0] or c.box != controls[controls.index(c) - 1].box:
                    bench.screenshot(c, view, "0-before")
                ss = bench.drive(c, view)
                fig = [s["figure_ms"] for s in ss if s.get("figure_ms") is not None]
                rd = [s["readout_ms"] for s in ss if s.get("readout_ms") is not None]
                bad = [s["problem"] for s in bench.samples[n0:] if s.get("problem")]
                print(f"    {c.widget} / {c.name}: {len(ss)} inputs, key->figure p50 "
                      f"{fmt_ms(pct(fig, .5))} p95 {fmt_ms(pct(fig, .95))} ms "
                      f"({len(fig)} with a figure), key->readout p50 {fmt_ms(pct(rd, .5))} ms"
                      + (f"; PROBLEMS: {bad[:3]}" if bad else ""), flush=True)
            if on:
                page.evaluate(f"() => window.jupyterapp.commands.execute('{PRESENTATION}')")
    finally:
        if bench is not None:
            entry["dropdown_method"] = bench.dropdown_method
        if mem:
            entry["memory"] = mem.stop()
        with contextlib.suppress(Exception):
            nb.close()
        with contextlib.suppress(Exception):
            page.close()


def memory_lines(report: dict) -> list[str]:
    mib = 2**20
    lines = ["notebook                               phase     peak RSS  peak PSS  peak USS  "
             "VmHWM (MiB)"]
    for path, e in report.items():
        for phase in ("run-all", "controls"):
            p = (e.get("memory") or {}).get(phase)
            if not p:
                continue
            lines.append(f"{path:<38} {phase:<9} {p.get('rss', 0) / mib:8.0f}  "
                         f"{p.get('pss', 0) / mib:8.0f}  {p.get('uss', 0) / mib:8.0f}  "
                         f"{(p.get('hwm') or 0) / mib:8.0f}")
    return lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.browser",
                                 description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer inputs per control, one Train")
    ap.add_argument("--only", default="", help="comma-separated notebook numbers, e.g. 01,03")
    ap.add_argument("--edition", choices=("en", "ko"), default="en")
    ap.add_argument("--markdown", metavar="FILE", help="also write the tables as Markdown")
    ap.add_argument("--json", metavar="FILE", help="write every raw sample as JSON")
    ap.add_argument("--screenshots", metavar="DIR",
                    help="save a screenshot of each widget before and at each sweep's turn")
    ap.add_argument("--quiet-ms", type=int, default=QUIET_MS,
                    help=f"quiet window between inputs (default {QUIET_MS})")
    ap.add_argument("--kernel-delay-ms", type=float, default=0,
                    help="check of the method: make every figure render this much slower")
    args = ap.parse_args(argv)
    only = [x.strip() for x in args.only.split(",") if x.strip()]

    sys.path.insert(0, str(ROOT))
    from benchmarks.run import machine
    from tests.browser.conftest import (
        CHROMIUM_ARGS,
        _descendants,
        _kill_pids,
        find_chromium,
        start_lab_server,
        stop_lab_server,
    )

    chromium = find_chromium()
    if chromium is None:
        print("no Chromium (apt-get install chromium, or $MINIBATCH_CEE_CHROMIUM)")
        return 2
    paths, skipped = lessons(args.edition, only)
    print(f"Machine: {machine()}")
    print(f"Chromium: {chromium}; notebooks: {', '.join(paths) or 'none'}"
          + (f"; skipped (no widgets in their code): {', '.join(skipped)}" if skipped else ""),
          flush=True)
    if not paths:
        return 2
    shots = Path(args.screenshots) if args.screenshots else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    digests = {p: hashlib.sha256((ROOT / p).read_bytes()).hexdigest() for p in paths}

    def on_term(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    old_term = signal.signal(signal.SIGTERM, on_term)
    tmp = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    server = ctx = pw = None
    chromium_pids: dict[int, float] = {}
    samples: list[dict] = []
    report: dict = {}
    failed: list[str] = []
    started = time.monotonic()
    try:
        from playwright.sync_api import sync_playwright

        server = start_lab_server("repo", ROOT, tmp / "state")
        print(f"JupyterLab on port {server.port} (root_dir {ROOT})", flush=True)
        pw = sync_playwright().start()
        home = tmp / "chromium-home"
        home.mkdir()
        before = _descendants(os.getpid())
        ctx = pw.chromium.launch_persistent_context(
            str(tmp / "profile"), executable_path=chromium, headless=True, args=CHROMIUM_ARGS,
            viewport=VIEWPORT, env=dict(os.environ, HOME=str(home),
                                        XDG_CONFIG_HOME=str(home / ".config"),
                                        XDG_CACHE_HOME=str(home / ".cache")))
        chromium_pids = {p: c for p, c in _descendants(os.getpid()).items() if p not in before}
        ctx.set_default_timeout(60_000)
        for path in paths:
            print(f"[{path}]", flush=True)
            try:
                bench_notebook(ctx.new_page, server, path, args, shots, report, samples)
            except KeyboardInterrupt:
                raise
            except Exception as exc:
                failed.append(path)
                report.setdefault(path, {})["error"] = traceback.format_exc()
                print(f"  FAILED: {type(exc).__name__}: {str(exc)[:1500]}", flush=True)
    except KeyboardInterrupt as exc:
        print(f"\ninterrupted ({exc or 'Ctrl-C'}); stopping what was started", flush=True)
        failed.append("(interrupted)")
    finally:
        if ctx is not None:
            with contextlib.suppress(Exception):
                ctx.close()
        if pw is not None:
            with contextlib.suppress(Exception):
                pw.stop()
        if chromium_pids:
            _kill_pids(chromium_pids)
        if server is not None:
            stop_lab_server(server)
        signal.signal(signal.SIGTERM, old_term)
        shutil.rmtree(tmp, ignore_errors=True)
    for p, d in digests.items():
        if hashlib.sha256((ROOT / p).read_bytes()).hexdigest() != d:
            print(f"WARNING: {p} changed while the benchmark ran it")

    rows = summarise(samples)
    print(f"\nKey press (click) -> new figure shown, ms; target p95 < {TARGET_MS:.0f} ms "
          f"(stretch {STRETCH_MS:.0f} ms); {time.monotonic() - started:.0f} s in all"
          + (f"; kernel delay {args.kernel_delay_ms:g} ms per figure render"
             if args.kernel_delay_ms else ""))
    table = print_table(rows, COLUMNS, row_cells)
    print("\nWhere the time goes (p50 of each step, ms, inputs with a figure; kernel own: its "
          "busy->idle; press: pointerdown->pointerup of a click, inside key->sent; long tasks: "
          "the page's main-thread tasks over 50 ms inside the latency):")
    split = print_table([r for r in rows if r["n_figure"] and not r.get("no_breakdown")],
                        BREAKDOWN, breakdown_cells)
    print("\nKernel memory (the ipykernel process):")
    mem = memory_lines(report)
    print("\n".join(mem))
    with_k = [s for s in samples if s.get("figure_ms") is not None
              and s.get("last_png_sent_ms") is not None]
    # both times from the key press: the page's figure shown, the kernel's clock for the send
    below = [s for s in with_k if s["figure_ms"] <= s["last_png_sent_ms"]]
    print(f"\nCheck: {len(below)} of {len(with_k)} inputs with a figure were shown no later than "
          "the kernel had worked on them (its busy -> its last PNG sent; must be 0)")
    one = [s for s in samples if s.get("figure_ms") is not None and s.get("messages_sent") == 1
           and s.get("kernel_ms")]
    print(f"       {sum(s['figure_ms'] <= s['kernel_ms'] for s in one)} of {len(one)} inputs "
          "of one widget message were shown no later than the kernel's busy->idle for it "
          "(must be 0)")
    multi = sorted({(s["control"], " + ".join(s.get("sent") or [])) for s in samples
                    if (s.get("messages_sent") or 0) > 1})
    for control, sent in multi:
        print(f"       {control}: one input sends {sent} (kernel own counts them all)")
    for path, e in report.items():
        if e.get("dropdown_method"):
            print(f"{path}: dropdowns driven by {e['dropdown_method']}")
    problems = [s for s in samples if s.get("problem")]
    if problems:
        print(f"{len(problems)} input(s) with a problem, e.g. "
              f"{problems[0]['control']}: {problems[0]['problem']}")
    if failed:
        print(f"NOT BENCHMARKED: {', '.join(failed)}")
    if args.markdown:
        Path(args.markdown).write_text("\n".join(
            [f"Machine: {machine()}", ""] + markdown(table)
            + ["", "Where the time goes (p50 per step, ms):", ""] + markdown(split)
            + ["", "Kernel memory:", "", "```"] + mem + ["```", ""]), encoding="utf-8")
    if args.json:
        Path(args.json).write_text(json.dumps(
            {"machine": machine(), "args": vars(args), "notebooks": report, "rows": rows,
             "samples": samples}, indent=1, default=str), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
