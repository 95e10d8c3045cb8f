"""Measure the series against its targets and against the book's approach.

    python -m benchmarks            # everything (about 3-4 minutes on 2 cores)
    python -m benchmarks --quick    # fewer repeats, series executed once
    python -m benchmarks --only loss,load

Prints one table: median over several runs with (min-max), the target, and
the ratios that matter. Ratios are measured side by side in one process, so
they mean something on any machine; absolute times are context only. Nothing
here asserts: targets are reported, not enforced.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import statistics
import sys
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
ROWS: list[tuple[str, str, str, str]] = []  # (figure, measured, target, verdict)


# ------------------------------------------------------------------- helpers
def timeit(fn, repeat=7, number=1):
    """Run ``fn`` ``repeat`` times (``number`` calls each); per-call seconds."""
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        out.append((time.perf_counter() - t0) / number)
    return out


def fmt_s(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


def med(ts) -> str:
    return f"{fmt_s(statistics.median(ts))} ({fmt_s(min(ts))}–{fmt_s(max(ts))})"


def row(figure, measured, target="", verdict=""):
    ROWS.append((figure, measured, target, verdict))
    print(f"  {figure}: {measured}  [{target}] {verdict}", flush=True)


def ok(flag: bool, stretch: bool | None = None) -> str:
    if not flag:
        return "MISSED"
    return "met (stretch too)" if stretch else "met"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    blas = "?"
    with contextlib.suppress(Exception):
        cfg = np.show_config(mode="dicts")
        b = cfg["Build Dependencies"]["blas"]
        blas = f"{b.get('name')} {b.get('version')}"
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"NumPy {np.__version__} ({blas}), {platform.system()} {platform.release()}"
    )


# ---------------------------------------------------------------- the figures
_LOAD_PROBE = """\
import json, sys, time
import numpy as np
folder, which = sys.argv[1], sys.argv[2]
if which == "old":
    sys.path.insert(0, sys.argv[3])
    from oldhelpers.mnist import load_mnist
else:
    from helpers.mnist import load_mnist

def raw():
    for prefix in ("train", "t10k"):
        a = np.fromfile(f"{folder}/{prefix}-images-idx3-ubyte", dtype=np.uint8, offset=16)
        a.reshape(-1, 784).astype(np.float32) / np.float32(255)
        t = np.fromfile(f"{folder}/{prefix}-labels-idx1-ubyte", dtype=np.uint8, offset=8)
        t.astype(np.int64)

out = {}
for key in ("cold", "warm"):  # the first call of a fresh process, then the second one
    t0 = time.perf_counter()
    data = load_mnist(folder=folder, progress=False)
    out[key] = time.perf_counter() - t0
    del data
t0 = time.perf_counter()
raw()
out["raw"] = time.perf_counter() - t0
print(json.dumps(out))
"""

_OLD_PATHS = """\
from pathlib import Path
def mnist_dir():
    raise RuntimeError("the benchmark always passes folder=")
def display_path(path):
    return str(path)
"""


#: The loader to compare with: helpers 0.1 (before pooch), or ``$BENCH_BEFORE`` (any git revision).
BEFORE_REV = os.environ.get("BENCH_BEFORE", "2470c5b")


def bench_load(repeat):
    """load_mnist() from cache, cold (first call of a fresh process, sha256 included) and warm,
    against reading the raw bytes, for this tree and for the loader of :data:`BEFORE_REV`."""
    import json
    import shutil
    import subprocess
    import tempfile

    from helpers.mnist import is_cached
    from helpers.paths import mnist_dir

    src = mnist_dir()
    if not is_cached(src):
        row("load_mnist() from cache", "skipped: MNIST not in the cache (python -m helpers.mnist)")
        return
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        tmp = Path(tmp)
        data = tmp / "mnist"  # a copy, so the old loader's verified.json lands there
        data.mkdir()
        for f in src.iterdir():
            if f.name.endswith("-ubyte"):
                try:
                    os.link(f, data / f.name)
                except OSError:
                    shutil.copy2(f, data / f.name)
        old = subprocess.run(
            ["git", "show", f"{BEFORE_REV}:helpers/mnist.py"],
            cwd=ROOT,
            text=True,
            capture_output=True,
        )
        kinds = ["new"]
        if old.returncode == 0:
            (tmp / "oldhelpers").mkdir()
            (tmp / "oldhelpers" / "__init__.py").write_text("")
            (tmp / "oldhelpers" / "mnist.py").write_text(old.stdout)
            (tmp / "oldhelpers" / "paths.py").write_text(_OLD_PATHS)
            kinds.append("old")

        def probe(which):
            out = subprocess.run(
                [sys.executable, "-c", _LOAD_PROBE, str(data), which, str(tmp)],
                cwd=ROOT,
                text=True,
                capture_output=True,
                check=True,
            ).stdout
            return json.loads(out)

        for which in kinds:
            probe(which)  # warms the OS file cache; the old loader writes its verified.json
        runs = {k: [] for k in kinds}
        for _ in range(repeat):  # interleaved: both see the same machine load
            for which in kinds:
                runs[which].append(probe(which))
    raw = [r["raw"] for which in kinds for r in runs[which]]  # the same work in every probe
    row("raw bytes -> float32 (reference, every probe)", med(raw))
    for which in kinds:
        label = "this tree" if which == "new" else f"before ({BEFORE_REV})"
        for key, what in (("cold", "cold, fresh process"), ("warm", "warm, second call")):
            t = [r[key] for r in runs[which]]
            ratio = statistics.median(t) / statistics.median(raw)
            new = which == "new"
            row(
                f"load_mnist() {what}, {label}",
                f"{med(t)}, {ratio:.2f}x raw",
                "<= 3x raw" if new else "report",
                ok(ratio <= 3) if new else "",
            )


def bench_loss(repeat):
    from helpers.losses import cross_entropy_error
    from helpers.mnist import load_mnist
    from helpers.network import pretrained

    (x, t), _ = load_mnist(progress=False)
    net = pretrained(progress=False)
    W1 = net.params["W1"]
    t_bare, t_full = [], []
    for _ in range(repeat):
        t_bare += timeit(lambda: x @ W1, 1)
        t_full += timeit(lambda: cross_entropy_error(net.predict(x), t), 1)
    ratio = statistics.median(t_full) / statistics.median(t_bare)
    row("full 60,000 mean loss (forward + CEE)", med(t_full))
    row("  bare x @ W1 (reference)", med(t_bare))
    row("  ratio full loss / x @ W1", f"{ratio:.2f}x", "<= 2x", ok(ratio <= 2))

    import tracemalloc  # no float64 copy of the (60000, 10) float32 predictions in the CEE

    y = net.predict(x)
    tracemalloc.start()
    try:
        cross_entropy_error(y, t)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    row(
        "  extra memory of cross_entropy_error on float32 y (60000, 10)",
        f"{peak / 2**20:.2f} MB (y itself: {y.nbytes / 2**20:.2f} MB)",
        "no float64 copy (< 2x y)",
        ok(peak < 2 * y.nbytes),
    )


def bench_book(repeat):
    """The book's way, in this process: Python loops and float64 upcasts."""
    from helpers.losses import cross_entropy_per_sample
    from helpers.mnist import load_mnist, to_one_hot
    from helpers.network import pretrained

    (x, t), _ = load_mnist(progress=False)
    net = pretrained(progress=False)
    y = net.predict(x).astype(np.float64)
    t_onehot = to_one_hot(t)

    def book_cee_loop():  # one sample at a time, as the book's single-sample function is often used
        out = np.empty(len(y))
        for i in range(len(y)):
            out[i] = -np.sum(t_onehot[i] * np.log(y[i] + 1e-7))
        return out

    ours = lambda: cross_entropy_per_sample(y, t)  # noqa: E731
    np.testing.assert_allclose(book_cee_loop(), ours(), rtol=1e-6)
    t_loop = timeit(book_cee_loop, max(1, repeat // 3))
    t_ours = timeit(ours, repeat)
    r = statistics.median(t_loop) / statistics.median(t_ours)
    row("per-sample CEE, book's Python loop", med(t_loop))
    row("  per-sample CEE, ours (vectorized)", med(t_ours))
    row("  speed-up of ours", f"{r:.0f}x", ">= 100x", ok(r >= 100))

    def book_one_hot():  # the book's _change_one_hot_label
        T = np.zeros((t.size, 10))
        for idx, row_ in enumerate(T):
            row_[t[idx]] = 1
        return T

    np.testing.assert_array_equal(book_one_hot(), to_one_hot(t))
    t_b = timeit(book_one_hot, max(1, repeat // 2))
    t_o = timeit(lambda: to_one_hot(t), repeat)
    row(
        "one-hot labels: book's loop / ours",
        f"{statistics.median(t_b) / statistics.median(t_o):.0f}x "
        f"({fmt_s(statistics.median(t_b))} vs {fmt_s(statistics.median(t_o))})",
        "report",
    )

    W64 = {k: v.astype(np.float64) for k, v in net.params.items()}

    def upcast():  # float32 inputs against float64 weights: numpy upcasts the 60,000 x 784 matmul
        a = x @ W64["W1"] + W64["b1"]
        return a

    def f32():
        return x @ net.params["W1"] + net.params["b1"]

    t_up, t_32 = [], []
    for _ in range(repeat):
        t_up += timeit(upcast, 1)
        t_32 += timeit(f32, 1)
    row(
        "first layer, float64 weights (upcast) / float32",
        f"{statistics.median(t_up) / statistics.median(t_32):.1f}x "
        f"({fmt_s(statistics.median(t_up))} vs {fmt_s(statistics.median(t_32))})",
        "report",
    )


def bench_minibatch_means(repeat):
    """Exact and automatic mini-batch draws, 1,000 draws at each B: is exact affordable?

    The explorer of notebook 03 has about 50 ms in the kernel for a move (compute plus
    render, issue 14), of which its figures take about 30 ms: exact draws fit where they
    take at most 20 ms (``EXACT_WORK``); above it the explorer simulates them and says so.
    """
    from helpers.losses import cross_entropy_per_sample
    from helpers.mnist import load_mnist
    from helpers.network import pretrained
    from helpers.sampling import minibatch_means, sampling_method
    from helpers.widgets.minibatch import EXACT_WORK

    (x, t), _ = load_mnist(progress=False)
    losses = cross_entropy_per_sample(pretrained(progress=False).predict(x), t)
    rng = np.random.default_rng(0)
    n = losses.size
    for replace in (True, False):
        for b in (100, 1000, 5000, 10000, 60000):
            if not replace and b == n:
                continue  # every draw is the whole set: no sampling at all
            reps = repeat if b * 1000 <= 10_000_000 else min(repeat, 3)
            exact = timeit(lambda b=b, r=replace: minibatch_means(
                losses, b, 1000, rng=rng, replace=r, method="exact"), reps)
            method = sampling_method(b, 1000, n, replace, budget=EXACT_WORK[replace])
            used = timeit(lambda b=b, r=replace, m=method: minibatch_means(
                losses, b, 1000, rng=rng, replace=r, method=m), repeat)
            row(
                f"mini-batch means, 1,000 draws, B={b:,}, "
                f"{'with' if replace else 'without'} replacement: exact / the explorer's",
                f"exact {med(exact)}; explorer ({method}) {med(used)}",
                "exact where <= 20 ms",
                ("exact, fits" if method == "exact" else "simulated: exact too slow")
                if (method == "exact") == (statistics.median(exact) <= 0.020)
                else f"budget {'too low' if method != 'exact' else 'too high'} here",
            )


def _widget_boxes():
    """(name, box) for every slider widget of notebooks 01-03, built as the notebooks build them."""
    import matplotlib

    matplotlib.use("Agg")
    from helpers.losses import cross_entropy_per_sample
    from helpers.mnist import load_mnist
    from helpers.network import pretrained
    from helpers.widgets import cee_curve_widget, minibatch_explorer, prediction_widget

    (x, t), (x_test, t_test) = load_mnist(progress=False)
    net = pretrained(progress=False)
    y_test = net.predict(x_test)
    loss_test = cross_entropy_per_sample(y_test, t_test)
    losses = cross_entropy_per_sample(net.predict(x), t)
    return [
        ("01 cee_curve_widget", cee_curve_widget(p=0.6)),
        ("01 prediction_widget", prediction_widget(x_test, y_test, t_test, loss_test)),
        ("03 minibatch_explorer", minibatch_explorer(losses)),
    ]


def _sweep_values(w, n=15):
    import ipywidgets as W

    if isinstance(
        w, (W.SelectionSlider, W.Dropdown, W.ToggleButtons, W.RadioButtons, W.SelectionRangeSlider)
    ):
        opts = [o[1] if isinstance(o, tuple) else o for o in w.options]
        vals = (
            opts if len(opts) <= n else [opts[round(i)] for i in np.linspace(0, len(opts) - 1, n)]
        )
    elif isinstance(w, (W.IntSlider, W.BoundedIntText)):
        vals = sorted({int(v) for v in np.linspace(w.min, w.max, n)})
    elif isinstance(w, (W.FloatSlider, W.FloatLogSlider, W.BoundedFloatText)):
        vals = (
            list(np.linspace(w.min, w.max, n))
            if not isinstance(w, W.FloatLogSlider)
            else list(w.base ** np.linspace(w.min, w.max, n))
        )
    elif isinstance(w, (W.Checkbox, W.ToggleButton)):
        vals = [not w.value, w.value] * 4
    else:
        return []
    # alternate away from the current value so every set is a change
    return [v for v in vals if v != w.value] + [w.value]


def bench_sliders(_repeat):
    """Every control of every widget over a sweep of values, in the kernel: value set ->
    new PNG(s) rendered (the observers, the drawing and the encoding), and the compute alone.
    """
    boxes = _widget_boxes()
    all_full = []
    for name, box in boxes:
        views = [box.view] + ([box.error_view] if hasattr(box, "error_view") else [])
        controls = dict(box.sliders)
        for menu in ("jump", "dropdown"):  # the "jump to" menus (-1: nothing chosen)
            if hasattr(box, menu):
                controls[menu] = getattr(box, menu)
        for sname, w in controls.items():
            vals = [v for v in _sweep_values(w) if not (sname in ("jump", "dropdown") and v == -1)]
            if not vals:
                continue
            full, compute, draw, encode, kb = [], [], [], [], []
            for v in vals:  # full update: observers + PNG render
                before = [view.renders for view in views]
                t0 = time.perf_counter()
                w.value = v
                full.append(time.perf_counter() - t0)
                for view, r in zip(views, before, strict=True):
                    if view.renders > r:
                        draw.append(view.last["draw"])
                        encode.append(view.last["encode"])
                        kb.append(view.last["bytes"] / 1024)
            # compute alone: the same observers, with the views' drawing, encoding and
            # sending made no-ops (FigureView.refresh and refresh_views both go through these)
            for view in views:
                view._draw, view.png, view._show = (lambda: False), (lambda: b""), (
                    lambda *a: None)
            try:
                for v in vals:
                    t0 = time.perf_counter()
                    w.value = v
                    compute.append(time.perf_counter() - t0)
            finally:
                for view in views:
                    del view._draw, view.png, view._show  # the class's methods again
            p50, p95 = np.percentile(full, 50), np.percentile(full, 95)
            c95 = np.percentile(compute, 95)
            all_full += full
            row(
                f"in the kernel: {name}.{sname} ({len(vals)} values)",
                f"p50 {fmt_s(p50)}, p95 {fmt_s(p95)}; compute p95 {fmt_s(c95)}; per image "
                f"drawn: draw p50 {fmt_s(np.median(draw))}, PNG encoding p50 "
                f"{fmt_s(np.median(encode))}, {np.mean(kb):.0f} KB",
                "p95 < 50 ms",
                ok(p95 < 0.050),
            )
    if all_full:
        row(
            "in the kernel: every control together",
            f"p50 {fmt_s(np.percentile(all_full, 50))}, p95 {fmt_s(np.percentile(all_full, 95))}",
            "p95 < 50 ms",
            ok(np.percentile(all_full, 95) < 0.050),
        )


class _PeakRSS(threading.Thread):
    """Poll a process's memory (with its children) and keep the peaks, overall and per cell.

    Four figures, in bytes (Linux: psutil's ``memory_full_info``, which reads
    ``/proc/PID/smaps_rollup``):

    - ``rss``: every page the process has in memory, counted in full. A page of a file that
      several processes map (the float32 MNIST images of ``load_mnist``) counts in full in
      every one of them, once the process has touched it;
    - ``pss``: the same, but a shared page counts ``1 / (number of processes mapping it)``;
    - ``uss``: the pages no other process maps (what ending this kernel would free). A page
      of a file that no other process maps counts here too: alone on a machine, a kernel's
      USS includes the MNIST pages it touched;
    - ``anon``: RSS minus the file-backed and shared pages (``memory_info().shared``), i.e.
      the kernel's own heap: NumPy arrays, Python objects, libraries' data. No neighbour
      changes it; clean file pages can be dropped by the OS under pressure, these cannot.

    Where PSS/USS cannot be read (other systems, a process of another user) they stay 0.
    ``peak`` is the peak RSS (the figure the targets name) and ``at_peak`` all four figures at
    that moment; ``peaks`` holds each figure's own peak. ``cell(i, source)`` starts the record
    of cell ``i`` and ``done()`` closes it (see :meth:`cell`).
    """

    FIGURES = ("rss", "pss", "uss", "anon")

    def __init__(self, pid, every=0.02):
        super().__init__(daemon=True)
        import psutil

        self.proc = psutil.Process(pid)
        self.every, self._halt, self._lock = every, threading.Event(), threading.Lock()
        self.peak = 0
        self.at_peak = dict.fromkeys(self.FIGURES, 0)
        self.peaks = dict.fromkeys(self.FIGURES, 0)
        self.mnist = 0  # see stop()
        self.cells: list[dict] = []
        self._cell = None

    def _read(self):
        import psutil

        now = dict.fromkeys(self.FIGURES, 0)
        with contextlib.suppress(psutil.Error):
            for p in (self.proc, *self.proc.children(recursive=True)):
                with contextlib.suppress(psutil.Error):
                    try:
                        m = p.memory_full_info()
                    except psutil.AccessDenied:
                        m = p.memory_info()
                    now["rss"] += m.rss
                    now["pss"] += getattr(m, "pss", 0)
                    now["uss"] += getattr(m, "uss", 0)
                    now["anon"] += m.rss - getattr(m, "shared", 0)
        return now

    def sample(self):
        """The four figures now (a dict), folded into the peaks."""
        now = self._read()
        with self._lock:
            if now["rss"] > self.peak:
                self.peak, self.at_peak = now["rss"], now
            self.peaks = {k: max(v, now[k]) for k, v in self.peaks.items()}
            c = self._cell
            if c is not None and now["rss"] > c["peak"]:
                c["peak"], c["at_peak"] = now["rss"], now
        return now

    def cell(self, index, source):
        """Start the record of cell ``index``: its first line of ``source``, its RSS at start
        (``start``) and end (``end``), its own peak RSS (``peak``, all figures then in
        ``at_peak``) and, when closed by :meth:`done`, how much it raised the notebook's
        running peak RSS (``raised``)."""
        before = self.peak
        now = self.sample()
        with self._lock:
            self._cell = dict(index=index, line=(source.strip().splitlines() or [""])[0][:60],
                              start=now["rss"], peak=now["rss"], at_peak=now, end=now["rss"],
                              peak_before=before)

    def done(self):
        """Close the record of the current cell."""
        now = self.sample()
        with self._lock:
            c, self._cell = self._cell, None
            if c is not None:
                c["end"] = now["rss"]
                c["raised"] = max(0, c["peak"] - c["peak_before"])
                self.cells.append(c)

    def run(self):
        while not self._halt.is_set():
            self.sample()
            time.sleep(self.every)

    def stop(self):
        """Stop polling; record in ``mnist`` the RSS of the kernel's maps of the MNIST files
        (the shared float32 images; they only grow while a notebook runs, so this is also
        their share of the peak)."""
        self._halt.set()
        self.join()
        self.sample()
        self.mnist = 0
        import psutil

        from helpers.paths import mnist_dir

        folder = str(mnist_dir())
        with contextlib.suppress(psutil.Error, OSError):
            self.mnist = sum(m.rss for m in self.proc.memory_maps(grouped=True)
                             if m.path.startswith(folder))


_NEIGHBOUR = """\
import sys
import numpy as np
from helpers.mnist import DERIVED
from helpers.paths import mnist_dir
maps = []
for name in DERIVED:  # map the float32 images as load_mnist does, and touch every page
    if (mnist_dir() / name).exists():
        maps.append(np.load(mnist_dir() / name, mmap_mode="r"))
        float(maps[-1].sum(dtype=np.float64))
print("ready", flush=True)
sys.stdin.read()  # until the benchmark closes our stdin
"""


@contextlib.contextmanager
def _neighbour():
    """Another process that maps the shared float32 MNIST files and has touched every page,
    as a second kernel in a class would, so that a kernel's PSS and USS show the sharing.
    ``$BENCH_NEIGHBOUR=0``: none (a kernel alone on the machine)."""
    import subprocess

    if os.environ.get("BENCH_NEIGHBOUR", "1") == "0":
        yield False
        return
    proc = subprocess.Popen([sys.executable, "-c", _NEIGHBOUR], cwd=ROOT, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        proc.stdout.readline()
        yield True
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)


def _run_series(only=None):
    """Execute every notebook (only those whose names start with one of the prefixes ``only``,
    if given) in a fresh kernel as nbval does.

    Returns (seconds per notebook, :class:`_PeakRSS` per notebook: ``peak`` is the kernel's
    peak RSS; ``at_peak``, ``peaks`` and ``cells`` the rest).
    """
    import nbformat
    from nbclient import NotebookClient

    times, monitors = {}, {}
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        if only and not path.name.startswith(tuple(only)):
            continue
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(
            nb,
            kernel_name="python3",
            timeout=600,
            resources={"metadata": {"path": str(path.parent)}},
        )
        t0 = time.perf_counter()
        with client.setup_kernel():
            mon = _PeakRSS(client.km.provisioner.pid)
            mon.start()
            try:
                for i, cell in enumerate(nb.cells):
                    code = cell.cell_type == "code"
                    if code:
                        mon.cell(i, cell.source)
                    client.execute_cell(cell, i)
                    if code:
                        mon.done()
            finally:
                mon.stop()
        times[path.name] = time.perf_counter() - t0
        monitors[path.name] = mon
    return times, monitors


def _mb(n):
    return f"{n / 2**20:.0f}"


def _figures(d):
    return "/".join(_mb(d[k]) for k in _PeakRSS.FIGURES)


def _diagnosis(name, mon, top=4):
    """Print which cells of notebook ``name`` raised its peak RSS, and which kept the most."""
    print(f"    {name}: peak RSS {_mb(mon.peak)} MB; RSS/PSS/USS/anon then "
          f"{_figures(mon.at_peak)} MB, of which MNIST file pages {_mb(mon.mnist)} MB. "
          "Cells that raised the peak (MB):")
    raised = sorted((c for c in mon.cells if c["raised"] >= 2**20), key=lambda c: -c["raised"])
    for c in raised[:top]:
        print(f"      cell {c['index']:2d} +{_mb(c['raised']):>3} to {_mb(c['peak']):>3} "
              f"(RSS {_mb(c['start'])} -> {_mb(c['end'])} after it; RSS/PSS/USS/anon at its "
              f"peak {_figures(c['at_peak'])}): {c['line']}")
    kept = [c for c in sorted(mon.cells, key=lambda c: c["start"] - c["end"])[:top]
            if c["end"] - c["start"] >= 2**20]
    if kept:
        print("      RSS kept after the cell ran: " + "; ".join(
            f"cell {c['index']} +{_mb(c['end'] - c['start'])} MB" for c in kept))


def bench_series(repeat, only=None):
    """Time the series and measure each kernel's memory (see :class:`_PeakRSS`).

    ``only``: notebook name prefixes such as ``["02", "04"]``; default ``$BENCH_NOTEBOOKS``
    (comma-separated), else every notebook. While the notebooks run, another process maps the
    shared MNIST files (:func:`_neighbour`; ``$BENCH_NEIGHBOUR=0`` turns it off).
    """
    if only is None:
        only = [p for p in os.environ.get("BENCH_NOTEBOOKS", "").split(",") if p.strip()]
    with _neighbour() as shared:
        runs = [_run_series(only) for _ in range(repeat)]
    totals = [sum(t.values()) for t, _ in runs]
    print("  memory as RSS/PSS/USS/anon in MB (see benchmarks/run.py::_PeakRSS); PSS and USS "
          + ("with one more process mapping the MNIST files" if shared
             else "with no process of ours mapping the MNIST files (USS includes them)")
          + "; other programs that map them (kernels, tests) lower PSS/USS further")
    for name in runs[0][0]:
        mons = [m[name] for _, m in runs]
        worst = max(mons, key=lambda m: m.peak)
        peaks = {k: max(m.peaks[k] for m in mons) for k in _PeakRSS.FIGURES}
        row(
            f"  {name}",
            med([t[name] for t, _ in runs])
            + f", peak RSS {_mb(worst.peak)} MB (then {_figures(worst.at_peak)}; "
            f"peaks {_figures(peaks)}; MNIST file pages {_mb(worst.mnist)})",
        )
    print("  diagnosis (the run with the highest peak RSS of each notebook):")
    for name in runs[0][0]:
        _diagnosis(name, max((m[name] for _, m in runs), key=lambda m: m.peak))
    if only:
        return  # a subset of the series: its total would mean nothing
    row(
        "whole series, fresh kernels (nbclient)",
        med(totals),
        "< 60 s (stretch 30 s)",
        ok(statistics.median(totals) < 60, statistics.median(totals) < 30),
    )
    peak = max(m.peak for _, ms in runs for m in ms.values()) / 2**20
    row(
        "peak kernel memory, RSS (largest notebook)",
        f"{peak:.0f} MB",
        "< 300 MB (stretch 200 MB)",
        ok(peak < 300, peak < 200),
    )
    for what in _PeakRSS.FIGURES[1:]:
        value = max(m.peaks[what] for _, ms in runs for m in ms.values()) / 2**20
        row(f"  peak kernel memory, {what.upper() if what != 'anon' else 'anonymous'} "
            "(largest notebook)", f"{value:.0f} MB", "report")


BENCHES = {
    "load": bench_load,
    "loss": bench_loss,
    "book": bench_book,
    "means": bench_minibatch_means,
    "sliders": bench_sliders,
    "series": bench_series,
}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer repeats; the series once")
    ap.add_argument("--only", default="", help=f"comma-separated subset of {','.join(BENCHES)}")
    ap.add_argument("--markdown", metavar="FILE", help="also write the table as Markdown to FILE")
    args = ap.parse_args(argv)
    repeat = 3 if args.quick else 9
    chosen = [b for b in (args.only.split(",") if args.only else BENCHES) if b]
    unknown = set(chosen) - set(BENCHES)
    if unknown:
        ap.error(f"unknown benchmark(s) {sorted(unknown)}; choose from {sorted(BENCHES)}")
    print(f"Machine: {machine()}")
    for name in chosen:
        print(f"[{name}]", flush=True)
        BENCHES[name](
            1 if (args.quick and name == "series") else (3 if name == "series" else repeat)
        )
    width = max(len(r[0]) for r in ROWS)
    mwidth = max(len(r[1]) for r in ROWS)
    print(
        "\n" + "figure".ljust(width),
        "measured: median (min–max)".ljust(mwidth),
        "target",
        "| verdict",
        sep="  ",
    )
    for f, m, tgt, v in ROWS:
        print(f.ljust(width), m.ljust(mwidth), tgt, ("| " + v) if v else "", sep="  ")
    if args.markdown:
        lines = [
            f"Machine: {machine()}",
            "",
            "| figure | measured: median (min–max) | target | verdict |",
            "|---|---|---|---|",
        ]
        lines += [f"| {f.strip()} | {m} | {tgt} | {v} |" for f, m, tgt, v in ROWS]
        Path(args.markdown).write_text("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
