"""Figures for notebook 04: training the two-layer network with mini-batch SGD.

- :func:`history_label`         "batch 100, lr 0.1": the settings of a run, for legends
- :func:`curve_data`            the (x, y) arrays of a run's curves, against epochs,
  parameter updates or seconds
- :func:`loss_at`               a run's full training loss at a given epoch / update / second
- :func:`plot_training_curves`  the noisy mini-batch loss of every step with the
  full training loss on the same axes, and the test accuracy
  (:func:`set_curves` moves those lines to another run, in place)
- :func:`plot_batch_size_comparison`  the full training loss of runs with different
  batch sizes, three ways: per epoch, per parameter update, per second
- :func:`plot_coverage`         how many of the training images an epoch of
  mini-batches uses, with and without replacement

Each plot function draws on the ``ax`` you give (or ``axes``), or on a new
pyplot figure, and returns the artists it made so :mod:`helpers.widgets.training`
can update them in place. A run is a :class:`helpers.network.TrainHistory`.
"""

from __future__ import annotations

import numpy as np

from .style import COLORS, new_axes

__all__ = [
    "BATCH_COLORS",
    "history_label",
    "curve_data",
    "loss_at",
    "plot_training_curves",
    "set_curves",
    "plot_batch_size_comparison",
    "plot_coverage",
]

_TITLE, _LABEL, _NOTE = 13, 12, 11
_X = ("epoch", "step", "seconds")
#: Colour of each batch size (``None``: all the data, plain gradient descent).
BATCH_COLORS = {1: COLORS["vermillion"], 10: COLORS["orange"], 100: COLORS["blue"], 1000: COLORS["green"],
                None: COLORS["purple"]}
_CYCLE = (COLORS["blue"], COLORS["orange"], COLORS["green"], COLORS["vermillion"], COLORS["purple"],
          COLORS["sky"], COLORS["black"])
#: Colours of the two ways to draw mini-batches (as in notebook 03: blue is the book's way).
SAMPLING_COLORS = {"replace": COLORS["blue"], "shuffle": COLORS["orange"]}


def _settings(hist):
    s = getattr(hist, "settings", None)
    if not isinstance(s, dict) or "steps_per_epoch" not in s:
        raise ValueError(f"expected a TrainHistory from helpers.network.train_sgd, got {type(hist).__name__}")
    return s


def history_label(hist, *, lr=True, sampling=False):
    """A short legend label for a run, e.g. ``"batch 100, lr 0.1"``.

    Parameters
    ----------
    hist : helpers.network.TrainHistory
    lr : bool, default True
        Include the learning rate.
    sampling : bool, default False
        Include how the batches were drawn (``"shuffled"`` / ``"with replacement"``).

    Returns
    -------
    str
        ``batch_size=None`` (all the data) reads ``"all 10,000 (GD)"``.
    """
    s = _settings(hist)
    b = s["batch_size"]
    parts = [f"all {s['n_train']:,} (GD)" if b is None else f"batch {b:,}"]
    if lr:
        parts.append(f"lr {s['lr']:g}")
    if sampling and b is not None:
        parts.append("shuffled" if s["sampling"] == "shuffle" else "with replacement")
    return ", ".join(parts)


def _x_of(steps, hist, x, seconds_per_update):
    steps = np.asarray(steps, dtype=np.float64)
    if x == "epoch":
        return steps / _settings(hist)["steps_per_epoch"]
    if x == "step":
        return steps
    if seconds_per_update is None:
        raise ValueError('x="seconds" needs seconds_per_update (the measured time of one update)')
    return steps * float(seconds_per_update)


def curve_data(hist, x="epoch", seconds_per_update=None):
    """The curves of one run as (x, y) arrays.

    Parameters
    ----------
    hist : helpers.network.TrainHistory
    x : {"epoch", "step", "seconds"}
        What the x values count: epochs (samples seen / N), parameter updates
        done so far, or seconds of training = updates * ``seconds_per_update``
        (the time of the evaluations made for the plot is left out).
    seconds_per_update : float, optional
        Measured wall time of one update (needed for ``x="seconds"``).

    Returns
    -------
    dict of str -> (numpy.ndarray, numpy.ndarray), float64
        ``"batch"``: the mini-batch loss of every step, at x of the updates done
        before it (0, 1, ..., n_steps - 1): the loss of the parameters that the
        step then changes. ``"train"``: the full training loss at the
        evaluations (x of ``eval_step``). ``"test_acc"`` and ``"train_acc"``:
        the accuracies at the evaluations. Entries not yet computed (NaN, e.g.
        during training) are left out.
    """
    if x not in _X:
        raise ValueError(f"x must be one of {_X}, got {x!r}")
    loss = np.asarray(hist.loss, dtype=np.float64)
    steps = np.arange(loss.size)
    ok = np.isfinite(loss)
    out = {"batch": (_x_of(steps[ok], hist, x, seconds_per_update), loss[ok])}
    ev = np.asarray(hist.eval_step)
    for key, values in (("train", hist.train_loss), ("test_acc", hist.test_acc), ("train_acc", hist.train_acc)):
        values = np.asarray(values, dtype=np.float64)
        ok = np.isfinite(values)
        out[key] = (_x_of(ev[ok], hist, x, seconds_per_update), values[ok])
    return out


def loss_at(hist, value, x="epoch", seconds_per_update=None):
    """The full training loss of a run at ``value`` epochs / updates / seconds.

    Linear interpolation between the evaluations; NaN if the run did not get
    that far (or has not been evaluated there yet).

    Returns
    -------
    float
    """
    xs, ys = curve_data(hist, x, seconds_per_update)["train"]
    if xs.size == 0 or value < xs[0] or value > xs[-1] * (1 + 1e-12):
        return float("nan")
    return float(np.interp(value, xs, ys))


def _as_runs(histories):
    """``{label: hist}`` from one TrainHistory, a list of them, or a dict."""
    if isinstance(histories, dict):
        runs = dict(histories)
    elif hasattr(histories, "settings"):
        runs = {history_label(histories): histories}
    else:
        runs = {}
        for h in histories:
            label = history_label(h)
            runs[label if label not in runs else f"{label} ({len(runs) + 1})"] = h
    if not runs:
        raise ValueError("no training runs to plot")
    for h in runs.values():
        _settings(h)
    return runs


def _color_for(hist, i):
    b = _settings(hist)["batch_size"]
    return BATCH_COLORS.get(b, _CYCLE[i % len(_CYCLE)])


def _loss_top(runs):
    """Top of the loss axis: a bit above the start and any finite full-loss value."""
    vals = [v for h in runs.values() for v in np.asarray(h.train_loss, dtype=float) if np.isfinite(v)]
    return 1.1 * max(vals) if vals else 2.6


def plot_training_curves(histories, ax=None, *, acc_ax=None, x="epoch", seconds_per_update=None, colors=None,
                         styles=None, show_batch=True, title=None, acc_title=None, steps_axis=False):
    """Mini-batch loss of every step and the full training loss, on the same axes.

    Parameters
    ----------
    histories : TrainHistory, list of TrainHistory or dict of str -> TrainHistory
        The runs; a dict's keys are the legend labels (else :func:`history_label`).
    ax : matplotlib.axes.Axes, optional
        The loss axes; by default a new pyplot figure (with a test-accuracy
        panel on its right if every run has test data).
    acc_ax : matplotlib.axes.Axes, optional
        Axes for the test accuracy (when ``ax`` is given; None: no accuracy).
    x : {"epoch", "step", "seconds"}
        The x axis (see :func:`curve_data`).
    seconds_per_update : float or dict of label -> float, optional
        For ``x="seconds"``.
    colors : dict of label -> colour, optional
        Default: :data:`BATCH_COLORS` by batch size.
    styles : dict of label -> dict, optional
        Extra Line2D properties of a run's full-loss and accuracy lines, e.g.
        ``{"run b": {"ls": "--"}}`` to see a run drawn on top of another.
    show_batch : bool or sequence of labels, default True
        Draw the per-step mini-batch loss (thin, pale) of every run, or of the
        listed runs only.
    title, acc_title : str, optional
        Panel titles. By default they state the finding: for one run, the
        full loss at the start and at the end (and the test accuracy); for
        several, the run with the lowest full loss at its end.
    steps_axis : bool, default False
        With ``x="epoch"`` and one run: a second x axis on top counting the
        parameter updates.

    Returns
    -------
    dict of label -> dict
        Per run: ``"batch"`` (Line2D of the mini-batch losses or None),
        ``"train"`` (Line2D of the full training loss, with markers),
        ``"acc"`` (Line2D of the test accuracy or None). Also the key
        ``"_axes"``: ``(ax, acc_ax)``.
    """
    runs = _as_runs(histories)
    if x not in _X:
        raise ValueError(f"x must be one of {_X}, got {x!r}")
    have_test = all(np.isfinite(np.asarray(h.test_acc, dtype=float)).any() for h in runs.values())
    if ax is None:
        import matplotlib.pyplot as plt

        if have_test:
            fig, (ax, acc_ax) = plt.subplots(1, 2, figsize=(12.5, 4.6), width_ratios=[1.6, 1], layout="constrained")
        else:
            fig, ax = new_axes(None, figsize=(8.0, 4.6))
    colors = dict(colors or {})
    artists = {}
    for i, (label, h) in enumerate(runs.items()):
        color = colors.get(label, _color_for(h, i))
        spu = seconds_per_update.get(label) if isinstance(seconds_per_update, dict) else seconds_per_update
        data = curve_data(h, x, spu)
        batch = None
        if show_batch is True or (not isinstance(show_batch, bool) and label in show_batch):
            batch, = ax.plot(*data["batch"], color=color, lw=0.8, alpha=0.35,
                             label=f"{label}: loss of each mini-batch")
        style = dict(color=color, lw=2.5, marker="o", ms=4)
        style.update((styles or {}).get(label, {}))
        train, = ax.plot(*data["train"], **style,
                         label=f"{label}: loss on all {_settings(h)['n_train']:,} training images")
        acc = None
        if acc_ax is not None:
            acc, = acc_ax.plot(*data["test_acc"], **style, label=label)
        artists[label] = {"batch": batch, "train": train, "acc": acc}
    xlabel = {"epoch": "epochs (passes over the training images)", "step": "parameter updates",
              "seconds": "seconds of training"}[x]
    ax.set_xlabel(xlabel, fontsize=_LABEL)
    ax.set_ylabel("cross-entropy loss (nats)", fontsize=_LABEL)
    ax.set_ylim(0, _loss_top(runs))
    ax.set_xlim(0, None)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper right", fontsize=_NOTE - 1, framealpha=0.9)
    if title is None:
        ends = {label: h.train_loss[np.isfinite(h.train_loss)][-1] for label, h in runs.items()}
        if len(runs) == 1:
            label, h = next(iter(runs.items()))
            title = (f"Each mini-batch loss is noisy; the full training loss\nfalls smoothly: "
                     f"{h.train_loss[0]:.4f} → {ends[label]:.4f} ({label})")
        else:
            best = min(ends, key=ends.get)
            title = f"Lowest full training loss at the end:\n{best} ({ends[best]:.4f})"
    ax.set_title(title, fontsize=_TITLE)
    if steps_axis and x == "epoch" and len(runs) == 1:
        spe = _settings(next(iter(runs.values())))["steps_per_epoch"]
        top = ax.secondary_xaxis("top", functions=(lambda e: e * spe, lambda s: s / spe))
        top.set_xlabel("parameter updates", fontsize=_NOTE)
    if acc_ax is not None:
        acc_ax.set_xlabel(xlabel, fontsize=_LABEL)
        acc_ax.set_ylabel("test accuracy (share of 10,000 test images)", fontsize=_LABEL - 1)
        acc_ax.set_ylim(0, 1)
        acc_ax.set_xlim(0, None)
        acc_ax.grid(alpha=0.3)
        if acc_title is None:
            h = next(iter(runs.values()))
            a = np.asarray(h.test_acc, dtype=float)
            a = a[np.isfinite(a)]
            acc_title = (f"Test accuracy: {a[0]:.1%} → {a[-1]:.1%}\n(images never used for training)"
                         if a.size else "Test accuracy (no test data)")
        acc_ax.set_title(acc_title, fontsize=_TITLE)
        acc_ax.legend(loc="lower right", fontsize=_NOTE - 1, framealpha=0.9)
    artists["_axes"] = (ax, acc_ax)
    return artists


def set_curves(lines, hist, x="epoch", seconds_per_update=None):
    """Move the lines of one run (from :func:`plot_training_curves`) to another run's data, in place.

    Parameters
    ----------
    lines : dict
        ``{"batch": Line2D or None, "train": Line2D, "acc": Line2D or None}``.
    hist : TrainHistory or None
        The new run; None empties the lines.
    """
    data = curve_data(hist, x, seconds_per_update) if hist is not None else None
    empty = (np.empty(0), np.empty(0))
    for key, src in (("batch", "batch"), ("train", "train"), ("acc", "test_acc")):
        if lines.get(key) is not None:
            lines[key].set_data(*(data[src] if data is not None else empty))


def plot_batch_size_comparison(histories, seconds_per_update, axes=None, *, at=None):
    """The full training loss of runs with different batch sizes, three ways.

    Panel 1 against epochs (training images seen / N, log scale), panel 2
    against parameter updates (log scale), panel 3 against seconds of
    training (updates * measured seconds per update; evaluations left out).
    The log panels leave out the start (x = 0), where every run has the
    loss of the untrained network.

    Parameters
    ----------
    histories : list of TrainHistory or dict of label -> TrainHistory
    seconds_per_update : dict of label -> float
        Measured wall time of one update of each run (same labels; for a
        list of runs, the labels of :func:`history_label`).
    axes : sequence of 3 matplotlib.axes.Axes, optional
        Default: a new pyplot figure with three panels.
    at : dict, optional
        Where each panel's title compares the runs: ``{"epoch": 1, "step":
        1000, "seconds": 0.2}``. Missing keys: the smallest last x over the runs
        (a point every run reached). Runs that did not get that far are left
        out of that comparison.

    Returns
    -------
    dict
        ``"axes"``: the 3 axes; ``"lines"``: ``{label: [Line2D, Line2D, Line2D]}``
        (one per panel; the log panels leave out x = 0); ``"legend"``: the
        figure legend; ``"best"``: ``{"epoch": (label, loss, at), "step": ...,
        "seconds": ...}``, the run with the lowest loss at each panel's
        comparison point.
    """
    runs = _as_runs(histories)
    missing = [k for k in runs if k not in seconds_per_update]
    if missing:
        raise ValueError(f"seconds_per_update has no entry for {missing}")
    if axes is None:
        import matplotlib.pyplot as plt

        fig, axes = plt.subplots(1, 3, figsize=(15, 4.8), layout="constrained", sharey=True)
    axes = list(axes)
    at = dict(at or {})
    lines = {label: [] for label in runs}
    best = {}
    names = {"epoch": ("per epoch", "epochs (training images seen ÷ N, log scale)"),
             "step": ("per update", "parameter updates (log scale)"),
             "seconds": ("per second", "seconds of training (evaluation left out)")}
    for ax, x in zip(axes, _X):
        ends = {}
        for i, (label, h) in enumerate(runs.items()):
            xs, ys = curve_data(h, x, seconds_per_update[label])["train"]
            if x != "seconds":
                keep = xs > 0
                xs, ys = xs[keep], ys[keep]
            line, = ax.plot(xs, ys, color=_color_for(h, i), lw=2.5, marker="o", ms=3.5, label=label)
            lines[label].append(line)
            ends[label] = xs[-1] if xs.size else 0.0
        point = at.get(x, min(ends.values()))
        losses = {label: loss_at(h, point, x, seconds_per_update[label]) for label, h in runs.items()}
        losses = {k: v for k, v in losses.items() if np.isfinite(v)}
        head, xlabel = names[x]
        when = {"epoch": f"{point:g} epoch{'s' if point != 1 else ''}", "step": f"{point:,.0f} updates",
                "seconds": f"{point:.2f} s"}[x]
        if losses:
            winner = min(losses, key=losses.get)
            best[x] = (winner, losses[winner], point)
            ax.set_title(f"{head.capitalize()}: after {when},\n{winner} is lowest ({losses[winner]:.4f})",
                         fontsize=_TITLE)
        else:
            best[x] = (None, float("nan"), point)
            ax.set_title(f"{head.capitalize()}", fontsize=_TITLE)
        ax.axvline(point, color=COLORS["grey"], ls=":", lw=1.5)
        if x != "seconds":
            ax.set_xscale("log")
        else:
            ax.set_xlim(0, None)
        ax.set_xlabel(xlabel, fontsize=_LABEL)
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("loss on all training images (nats)", fontsize=_LABEL)
    axes[0].set_ylim(0, _loss_top(runs))
    handles = [lines[label][0] for label in runs]
    legend = axes[0].figure.legend(handles, list(runs), loc="outside lower center", ncols=len(runs),
                                   fontsize=_NOTE, frameon=False)
    return {"axes": axes, "lines": lines, "legend": legend, "best": best}


def plot_coverage(epochs, seen, counts=None, axes=None):
    """How much of the training set an epoch's worth of mini-batches uses.

    Parameters
    ----------
    epochs : array_like, shape (S,), float
        x values: draws made so far, in epochs (samples drawn / N).
    seen : dict of {"replace", "shuffle"} -> array_like, shape (S,)
        Share of the N images drawn at least once after each step.
    counts : dict of {"replace", "shuffle"} -> array_like of int, shape (N,), optional
        How many times each image was drawn in ONE epoch; drawn as a second
        panel (bars: share of images used 0, 1, 2, ... times) with the
        Poisson(1) shares ``e^-1 / k!`` that sampling with replacement
        approaches for large N.
    axes : sequence of matplotlib.axes.Axes, optional
        One axes (or two with ``counts``); by default a new pyplot figure.

    Returns
    -------
    dict
        ``"seen"``: ``{mode: Line2D}``; ``"theory"``: the ``1 - e^-epochs``
        Line2D; ``"bars"``: ``{mode: BarContainer}`` (with ``counts``);
        ``"poisson"``: Line2D of the Poisson shares (with ``counts``);
        ``"unseen"``: the share of images never drawn in the first epoch with
        replacement (a float, from ``seen``).
    """
    epochs = np.asarray(epochs, dtype=np.float64)
    if axes is None:
        import matplotlib.pyplot as plt

        if counts is None:
            fig, ax = new_axes(None, figsize=(7.0, 4.4))
            axes = [ax]
        else:
            fig, axes = plt.subplots(1, 2, figsize=(13, 4.6), layout="constrained")
    axes = list(np.ravel(axes))
    ax = axes[0]
    names = {"replace": "with replacement (the book's choice)", "shuffle": "shuffled each epoch"}
    out = {"seen": {}}
    grid = np.linspace(0, max(float(epochs.max()), 1.0), 300)
    out["theory"], = ax.plot(grid, 1 - np.exp(-grid), color=COLORS["black"], ls=":", lw=2,
                             label=r"theory with replacement: $1 - e^{-\mathrm{epochs}}$")
    for mode in ("shuffle", "replace"):
        if mode in seen:
            y = np.asarray(seen[mode], dtype=np.float64)
            out["seen"][mode], = ax.plot(epochs, y, color=SAMPLING_COLORS[mode], lw=2.5, label=names[mode])
    unseen = float("nan")
    if "replace" in seen:
        y = np.asarray(seen["replace"], dtype=np.float64)
        k = int(np.searchsorted(epochs, 1.0 - 1e-9))
        if k < y.size:
            unseen = 1.0 - float(y[k])
            ax.annotate(f"after 1 epoch: {unseen:.1%} never drawn", xy=(1.0, 1 - unseen),
                        xytext=(1.15, 0.35), fontsize=_NOTE, arrowprops=dict(arrowstyle="->"))
    out["unseen"] = unseen
    ax.axvline(1.0, color=COLORS["grey"], lw=1, ls="--")
    ax.set_xlim(0, grid[-1])
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("draws made so far, in epochs (images drawn ÷ N)", fontsize=_LABEL)
    ax.set_ylabel("share of the images drawn at least once", fontsize=_LABEL)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right", fontsize=_NOTE - 1, framealpha=0.9)
    ax.set_title(f"With replacement, one epoch of draws misses {unseen:.1%}\nof the images "
                 f"(1/e = {np.exp(-1):.1%}); shuffling misses none", fontsize=_TITLE)
    if counts is not None:
        if len(axes) < 2:
            raise ValueError("plot_coverage: counts needs a second axes")
        ax2 = axes[1]
        out["bars"] = {}
        kmax = max(int(np.max(c)) for c in counts.values())
        ks = np.arange(kmax + 1)
        width = 0.4
        for j, mode in enumerate(("replace", "shuffle")):
            if mode not in counts:
                continue
            c = np.asarray(counts[mode])
            share = np.bincount(c, minlength=kmax + 1)[: kmax + 1] / c.size
            out["bars"][mode] = ax2.bar(ks + (j - 0.5) * width, share, width=width, color=SAMPLING_COLORS[mode],
                                        label=names[mode])
        from math import factorial

        poisson = np.array([np.exp(-1) / factorial(int(k)) for k in ks])
        out["poisson"], = ax2.plot(ks - 0.5 * width, poisson, "k_", ms=22, mew=2.5,
                                   label=r"Poisson(1): $e^{-1}/k!$")
        ax2.set_xticks(ks)
        ax2.set_xlabel("times an image is used in one epoch", fontsize=_LABEL)
        ax2.set_ylabel("share of the images", fontsize=_LABEL)
        ax2.set_ylim(0, 1.05)
        ax2.grid(alpha=0.3, axis="y")
        ax2.legend(loc="upper right", fontsize=_NOTE - 1, framealpha=0.9)
        ax2.set_title("Shuffled: every image exactly once.\nWith replacement: 0, 1, 2, 3 ... times",
                      fontsize=_TITLE)
    return out
