"""Figures for notebook 04 (mini-batch SGD): training the two-layer network.

Used by ``notebooks/04-minibatch-sgd.ipynb`` and by
:mod:`helpers.widgets.training` (the notebook's explorer).

- :func:`history_label`         "batch 100, lr 0.1": the settings of a run, for legends
  (:func:`gd_label` names the all-data batch, "all 10,000 (GD)")
- :func:`curve_data`            the (x, y) arrays of a run's curves, against epochs,
  parameter updates or seconds
- :func:`loss_at`               a run's full training loss at a given epoch / update / second
- :func:`plot_training_curves`  the noisy mini-batch loss of every step with the
  full training loss on the same axes, and the test accuracy
  (:func:`set_curves` moves those lines to another run, in place)
- :func:`plot_batch_size_comparison`  the full training loss of runs with different
  batch sizes, per epoch, per parameter update or per second (one figure each)
- :func:`plot_coverage`         how many of the training images an epoch of
  mini-batches uses, with and without replacement

Each plot function takes its data, then keyword-only ``axes=None`` (all three
can draw several panels) and options (``figsize``, ``static``), draws there or
on a new figure (``static=True``: pyplot, shown inline; False: a bare Figure
for widgets), and returns a dict with ``"fig"``, ``"ax"`` (the tuple of its
Axes) and the artists :mod:`helpers.widgets.training` updates in place. A run is a
:class:`helpers.network.TrainHistory`; the two ways of drawing mini-batches
are named by ``replace`` (True: the book's ``choice(N, B)`` with replacement;
False: a shuffled epoch), as in :func:`helpers.network.train_sgd`.

Every text drawn (titles, labels, legends, notes) comes from the catalogue of
:mod:`helpers.i18n` (topic ``training``), in the language in use when the
figure is drawn; labels given by the caller are drawn as given.
"""

from __future__ import annotations

import numpy as np

from helpers._validation import (
    _show,
    check_array,
    check_bool,
    check_choice,
    check_int,
    check_real,
)
from helpers.i18n import language, tr

from .style import (
    BATCH_COLORS,
    COLORS,
    COLUMN_INCHES,
    CYCLE,
    FONT,
    MODE_COLORS,
    check_axes,
    check_figsize,
    check_text,
    figure_panels,
    fmt4,
    style_axes,
)

__all__ = [
    "gd_label",
    "history_label",
    "curve_data",
    "loss_at",
    "plot_training_curves",
    "set_curves",
    "plot_batch_size_comparison",
    "plot_coverage",
]

_X = ("epoch", "step", "seconds")


def _mode_name(replace):
    """How the two ways of drawing mini-batches are named in legends (True: with replacement)."""
    return tr("training.mode.replace") if replace else tr("training.mode.shuffle")


def _spacing():
    """Line spacing of the figures' multi-line texts: matplotlib's 1.2, wider for Korean.

    Hangul fills its em box: at 1.2 two lines of it touch, and a ``(`` under a
    Hangul line overlaps it (NanumGothic, measured).
    """
    return {"linespacing": _KOREAN_LINESPACING if language() == "ko" else 1.2}


#: Line spacing of multi-line Korean text (see :func:`_spacing`).
_KOREAN_LINESPACING = 1.4


def _figsize(figsize, default):
    """``figsize``, or (None) the default for the panels drawn."""
    return default if figsize is None else check_figsize(figsize)


# -- argument checks -------------------------------------------------------------------------

def _settings(hist, name="hist"):
    """``hist.settings`` if ``hist`` is a TrainHistory whose settings hold what the plots read.

    TypeError / ValueError naming ``name`` otherwise (also for a TrainHistory
    whose settings were changed after it was made).
    """
    from helpers.network import TrainHistory
    from helpers.network.training import _check_settings

    if not isinstance(hist, TrainHistory):
        raise TypeError(f"{name} must be a TrainHistory from helpers.network.train_sgd, "
                        f"got {_show(hist)} ({type(hist).__name__})")
    try:
        _check_settings(hist.settings, np.size(hist.loss))
    except (TypeError, ValueError) as err:
        raise type(err)(f"{name}: {err}") from None
    return hist.settings


def _mapping(value, name):
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise TypeError(f"{name} must be a dict (label -> value) or None, "
                        f"got {type(value).__name__}")
    return dict(value)


def _seconds(value, name="seconds_per_update"):
    return None if value is None else check_real(value, name, minimum=0.0, strict=True)


def _x(x):
    if not isinstance(x, str):
        raise TypeError(f"x must be one of {_X}, got {x!r} ({type(x).__name__})")
    return check_choice(x, "x", _X)


def _modes(d, name):
    """A dict keyed by ``replace`` (True / False) -> value, checked; a new dict."""
    if not isinstance(d, dict):
        raise TypeError(f"{name} must be a dict keyed by replace (True: with replacement, "
                        f"False: shuffled), got {type(d).__name__}")
    for key in d:
        check_bool(key, f"{name} key")
    if not d:
        raise ValueError(f"{name} is empty; expected an entry for True and/or False")
    return {bool(k): v for k, v in d.items()}


# -- the numbers of a run --------------------------------------------------------------------

def gd_label(n):
    """``"all 10,000 (GD)"``: the batch of all ``n`` images, plain gradient descent."""
    return tr("training.label.all", n=f"{check_int(n, 'n', minimum=1):,}")


def _batch_label(b):
    """``"batch 100"``: the legend name of a batch size (an int)."""
    return tr("training.label.batch", size=f"{b:,}")


def _settings_label(batch_size, n, lr=None):
    """``"batch 100, lr 0.1"`` (``"all 10,000 (GD), lr 0.1"`` for ``batch_size=None``, no lr
    part for ``lr=None``), in the language in use: a run's name in legends and status lines."""
    parts = [gd_label(n) if batch_size is None else _batch_label(batch_size)]
    if lr is not None:
        parts.append(tr("training.label.lr", lr=f"{lr:g}"))
    return ", ".join(parts)


def history_label(hist, *, lr=True, sampling=False):
    """A short legend label for a run, e.g. ``"batch 100, lr 0.1"``.

    Parameters
    ----------
    hist : helpers.network.TrainHistory
    lr : bool, default True
        Include the learning rate.
    sampling : bool, default False
        Include how the batches were drawn (``"shuffled"`` / ``"with replacement"``,
        from ``hist.settings["replace"]``).

    Returns
    -------
    str
        ``batch_size=None`` (all the data) reads ``"all 10,000 (GD)"``; in the
        language in use (Korean: ``"배치 100, 학습률 0.1"``).
    """
    s = _settings(hist)
    lr = check_bool(lr, "lr")
    sampling = check_bool(sampling, "sampling")
    b = s["batch_size"]
    parts = [_settings_label(b, s["n_train"], s["lr"] if lr else None)]
    if sampling and b is not None:
        parts.append(tr("training.label.replace") if s["replace"]
                     else tr("training.label.shuffled"))
    return ", ".join(parts)


def _x_of(steps, hist, x, seconds_per_update):
    steps = np.asarray(steps, dtype=np.float64)
    if x == "epoch":
        return steps / _settings(hist)["steps_per_epoch"]
    if x == "step":
        return steps
    if seconds_per_update is None:
        raise ValueError('x="seconds" needs seconds_per_update (the measured time of one update)')
    return steps * seconds_per_update


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
        Measured wall time of one update (> 0; needed for ``x="seconds"``).

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
    _settings(hist)
    x = _x(x)
    seconds_per_update = _seconds(seconds_per_update)
    loss = np.asarray(hist.loss, dtype=np.float64)
    steps = np.arange(loss.size)
    ok = np.isfinite(loss)
    out = {"batch": (_x_of(steps[ok], hist, x, seconds_per_update), loss[ok])}
    ev = np.asarray(hist.eval_step)
    for key, values in (("train", hist.train_loss), ("test_acc", hist.test_acc),
                        ("train_acc", hist.train_acc)):
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
    value = check_real(value, "value")
    xs, ys = curve_data(hist, x, seconds_per_update)["train"]
    if xs.size == 0 or value < xs[0] or value > xs[-1] * (1 + 1e-12):
        return float("nan")
    return float(np.interp(value, xs, ys))


def _ticks_in_view(ax):
    """Keep only the tick labels inside the axis limits, also after the limits change.

    Matplotlib's default locators return a tick or two beyond the limits; they are not drawn
    but stay as (visible) Text objects, which a check for text outside the figure counts.
    """
    from matplotlib.ticker import Locator

    class InView(Locator):
        def __init__(self, base):
            self.base = base

        def set_axis(self, axis):
            super().set_axis(axis)
            self.base.set_axis(axis)

        def __call__(self):
            lo, hi = sorted(self.axis.get_view_interval())
            eps = 1e-9 * max(abs(lo), abs(hi), 1.0)
            return [v for v in self.base() if lo - eps <= v <= hi + eps]

        def tick_values(self, vmin, vmax):
            return self.base.tick_values(vmin, vmax)

    for axis in (ax.xaxis, ax.yaxis):
        locator = axis.get_major_locator()
        if type(locator).__name__ != "InView":  # once per axis
            axis.set_major_locator(InView(locator))


def _as_runs(histories):
    """``{label: hist}`` from one TrainHistory, a list of them, or a dict."""
    if isinstance(histories, dict):
        runs = dict(histories)
    elif hasattr(histories, "settings"):
        _settings(histories, "histories")
        runs = {history_label(histories): histories}
    elif isinstance(histories, (list, tuple)):
        runs = {}
        for i, h in enumerate(histories):
            _settings(h, f"histories[{i}]")
            label = history_label(h)
            runs[label if label not in runs else f"{label} ({len(runs) + 1})"] = h
    else:
        raise TypeError(f"histories must be a TrainHistory, a list of them or a dict "
                        f"label -> TrainHistory, got {type(histories).__name__}")
    if not runs:
        raise ValueError("histories is empty: no training runs to plot")
    for label, h in runs.items():
        if not isinstance(label, str):
            raise TypeError(f"histories labels must be str, got {_show(label)}")
        _settings(h, f"histories[{label!r}]")
    return runs


def _color_for(hist, i):
    b = _settings(hist)["batch_size"]
    return BATCH_COLORS.get(b, CYCLE[i % len(CYCLE)])


def _finite(values):
    v = np.asarray(values, dtype=np.float64)
    return v[np.isfinite(v)]


def _loss_top(runs):
    """Top of the loss axis: a bit above the start and any finite full-loss value."""
    vals = np.concatenate([_finite(h.train_loss) for h in runs.values()])
    return 1.1 * float(vals.max()) if vals.size else 2.6


def _curves_title(runs):
    """The finding of :func:`plot_training_curves`: the start and end, or the best run."""
    ends = {label: _finite(h.train_loss) for label, h in runs.items()}
    ends = {label: float(v[-1]) for label, v in ends.items() if v.size}
    if len(runs) == 1:
        label, h = next(iter(runs.items()))
        if label not in ends:
            return tr("training.curves.title_noisy", label=label)
        return tr("training.curves.title_one", start=fmt4(float(h.train_loss[0])),
                  end=fmt4(ends[label]), label=label)
    if not ends:
        return tr("training.curves.title_not_evaluated")
    best = min(ends, key=ends.get)
    return tr("training.curves.title_best", label=best, loss=fmt4(ends[best]))


def _show_batch(show_batch, runs):
    """The labels whose mini-batch losses are drawn."""
    if isinstance(show_batch, (bool, np.bool_)):
        return set(runs) if show_batch else set()
    if isinstance(show_batch, str) or not isinstance(show_batch, (list, tuple, set, frozenset)):
        raise TypeError(f"show_batch must be True, False or a list of run labels, "
                        f"got {show_batch!r}")
    for label in show_batch:
        if not isinstance(label, str):
            raise TypeError(f"show_batch must list run labels (str), got {_show(label)} "
                            f"({type(label).__name__})")
    unknown = [label for label in show_batch if label not in runs]
    if unknown:
        raise ValueError(f"show_batch names runs that are not plotted: {unknown}; "
                         f"the runs are {list(runs)}")
    return set(show_batch)


def plot_training_curves(histories, *, axes=None, x="epoch", seconds_per_update=None,
                         colors=None, styles=None, show_batch=True, title=None, acc_title=None,
                         steps_axis=False, train_acc=False, figsize=None, static=True):
    """Mini-batch loss of every step and the full training loss, on the same axes.

    Parameters
    ----------
    histories : TrainHistory, list of TrainHistory or dict of str -> TrainHistory
        The runs; a dict's keys are the legend labels (else :func:`history_label`).
    axes : Axes or sequence of 1 or 2 Axes, optional
        One Axes: the loss panel only. Two: ``(loss Axes, test-accuracy Axes)``.
        By default a new figure: the two panels stacked (loss on top) if every
        run has test data, else the loss panel alone.
    x : {"epoch", "step", "seconds"}
        The x axis (see :func:`curve_data`).
    seconds_per_update : float or dict of label -> float, optional
        For ``x="seconds"``.
    colors : dict of label -> colour, optional
        Default: :data:`~helpers.plots.style.BATCH_COLORS` by batch size.
    styles : dict of label -> dict, optional
        Extra Line2D properties of a run's full-loss and accuracy lines, e.g.
        ``{"run b": {"ls": "--"}}`` to see a run drawn on top of another.
    show_batch : bool or list of labels, default True
        Draw the per-step mini-batch loss (thin, pale) of every run, or of the
        listed runs only.
    title, acc_title : str, optional
        Panel titles; None (the default): the catalogue's (:mod:`helpers.i18n`),
        which state the finding: for one run, the full loss at the start and
        at the end (and the test accuracy); for several, the run with the
        lowest full loss at its end.
    steps_axis : bool, default False
        With ``x="epoch"`` and one run: the x label also says how many
        parameter updates one epoch is ("1 epoch = 600 updates").
    train_acc : bool, default False
        Also draw the accuracy on the training images (dashed, open squares, in
        orange; blue for an orange run) in the accuracy panel: the book's
        overfitting check (4.5.3), training and test accuracy at every epoch.
    figsize : (float, float), optional
        Of a new figure; default ``(COLUMN_INCHES, 6.5)`` with the accuracy panel,
        ``(COLUMN_INCHES, 4.8)`` without (:data:`~helpers.plots.style.COLUMN_INCHES` wide).
    static : bool, default True
        A new figure is pyplot's (shown inline), or a bare Figure (widgets).

    Returns
    -------
    dict
        ``"fig"``; ``"ax"``: the tuple of the 1 or 2 Axes (loss, accuracy);
        ``"ax_loss"``, ``"ax_acc"``: the loss Axes and the accuracy Axes (or
        None); ``"lines"``: per run label ``{"batch": Line2D of the mini-batch
        losses or None, "train": Line2D of the full training loss (with
        markers), "acc": Line2D of the test accuracy or None, "train_acc": Line2D
        of the training accuracy or None}``; ``"title"``,
        ``"acc_title"``: the title Texts (``acc_title`` None without an
        accuracy panel).
    """
    runs = _as_runs(histories)
    opts = _curve_options(runs, x, seconds_per_update, colors, styles, show_batch, title,
                          acc_title, steps_axis)
    opts["train_acc"] = check_bool(train_acc, "train_acc")
    # one run given as a TrainHistory: its settings are in the title, not in every legend entry
    opts["prefix"] = not hasattr(histories, "settings")
    fig, panels = _curve_panels(runs, axes, figsize, static)
    ax, acc_ax = panels[0], (panels[1] if len(panels) == 2 else None)
    lines = {label: _draw_run(ax, acc_ax, label, h, i, opts)
             for i, (label, h) in enumerate(runs.items())}
    title_text = _finish_loss_panel(ax, runs, opts)
    acc_text = None if acc_ax is None else _finish_acc_panel(acc_ax, runs, opts)
    return {"fig": fig, "ax": panels, "ax_loss": ax, "ax_acc": acc_ax, "lines": lines,
            "title": title_text, "acc_title": acc_text}


def _x_label(x):
    """The x label of each x of :func:`curve_data`."""
    if x == "epoch":
        return tr("training.curves.xlabel_epoch")
    if x == "step":
        return tr("training.curves.xlabel_step")
    return tr("training.curves.xlabel_seconds")


def _curve_options(runs, x, seconds_per_update, colors, styles, show_batch, title, acc_title,
                   steps_axis):
    """The options of :func:`plot_training_curves`, checked, as one dict."""
    x = _x(x)
    if isinstance(seconds_per_update, dict):
        spu = {label: _seconds(seconds_per_update.get(label), f"seconds_per_update[{label!r}]")
               for label in runs}
    else:
        spu = dict.fromkeys(runs, _seconds(seconds_per_update))
    styles = _mapping(styles, "styles")
    for label, style in styles.items():
        _check_style(style, f"styles[{label!r}]")
    colors = _mapping(colors, "colors")
    for label, color in colors.items():
        from matplotlib.colors import is_color_like

        if isinstance(color, (bool, np.bool_)) or not is_color_like(color):
            raise ValueError(f"colors[{label!r}] must be a matplotlib colour (e.g. '#0072B2' or "
                             f"'tab:blue'), got {_show(color)}")
    return {"x": x, "spu": spu, "colors": colors, "styles": styles,
            "batch_runs": _show_batch(show_batch, runs), "title": check_text(title, "title"),
            "acc_title": check_text(acc_title, "acc_title"),
            "steps_axis": check_bool(steps_axis, "steps_axis")}


def _check_style(style, name):
    """A dict of Line2D properties that matplotlib accepts (tried on a Line2D that is not drawn)."""
    from matplotlib.lines import Line2D

    if not isinstance(style, dict):
        raise TypeError(f"{name} must be a dict of Line2D properties, got {type(style).__name__}")
    if "label" in style:
        raise ValueError(f"{name} must not set 'label' (the legend label is the run's label)")
    try:
        Line2D([], [], **style)
    except AttributeError as err:  # an unknown property
        raise TypeError(f"{name}: {err}") from None
    except (TypeError, ValueError) as err:  # a bad value, e.g. lw="thick"
        raise ValueError(f"{name}: {err}") from None


def _curve_panels(runs, axes, figsize, static):
    """``(fig, axes)``: the given 1 or 2 Axes, or a new figure (2 panels if all runs have tests)."""
    if axes is not None:
        axes = check_axes(axes)
        if len(axes) not in (1, 2):
            raise ValueError(f"axes must be 1 Axes (the loss) or 2 (the loss, the test accuracy), "
                             f"got {len(axes)}")
        return figure_panels(axes, count=len(axes), figsize=_figsize(figsize, (COLUMN_INCHES, 4.8)),
                             static=static)
    if all(_finite(h.test_acc).size for h in runs.values()):
        return figure_panels(nrows=2, figsize=_figsize(figsize, (COLUMN_INCHES, 6.5)),
                             static=static, height_ratios=[1.3, 1])
    return figure_panels(figsize=_figsize(figsize, (COLUMN_INCHES, 4.8)), static=static)


def _draw_run(ax, acc_ax, label, h, i, opts):
    """One run's lines: mini-batch losses (optional), full loss, test accuracy (with ``acc_ax``)."""
    color = opts["colors"].get(label, _color_for(h, i))
    data = curve_data(h, opts["x"], opts["spu"][label])
    batch = None
    head = f"{label}: " if opts.get("prefix", True) else ""
    if label in opts["batch_runs"]:
        batch, = ax.plot(*data["batch"], color=color, lw=0.8, alpha=0.35,
                         label=head + tr("training.curves.legend_batch"))
    style = dict(color=color, lw=2.5, marker="o", ms=4)
    style.update(opts["styles"].get(label, {}))
    n_train = _settings(h)["n_train"]
    train, = ax.plot(*data["train"], **style,  # without mini-batch lines: the run's label
                     label=(head + tr("training.curves.legend_full", n=f"{n_train:,}")
                            if batch is not None or len(opts["batch_runs"]) else label))
    acc = tr_acc = None
    if acc_ax is not None:
        acc, = acc_ax.plot(*data["test_acc"], **style,
                           label=(head + tr("training.curves.legend_test")
                                  if opts.get("train_acc") else label))
        if opts.get("train_acc"):
            tr_style = dict(style, color=_partner(style["color"]), ls="--", marker="s",
                            mfc="white", lw=2.0)
            tr_acc, = acc_ax.plot(data["test_acc"][0], h.train_acc, **tr_style,
                                  label=head + tr("training.curves.legend_train"))
    return {"batch": batch, "train": train, "acc": acc, "train_acc": tr_acc}


def _partner(color):
    """The colour of a run's training accuracy: orange next to its test accuracy's ``color``
    (blue next to an orange run): two Okabe-Ito colours told apart with any colour vision."""
    from matplotlib.colors import same_color

    return COLORS["blue"] if same_color(color, COLORS["orange"]) else COLORS["orange"]


def _finish_loss_panel(ax, runs, opts):
    """Labels, limits, legend, title (returned) and the optional updates axis of the loss panel."""
    xlabel = _x_label(opts["x"])
    if opts["steps_axis"] and opts["x"] == "epoch" and len(runs) == 1:
        spe = _settings(next(iter(runs.values())))["steps_per_epoch"]
        xlabel = tr("training.curves.xlabel_epoch_steps", n=f"{spe:,}")
    ax.set_xlabel(xlabel, fontsize=FONT["label"])
    ax.set_ylabel(tr("training.curves.ylabel_loss"), fontsize=FONT["label"])
    ax.set_ylim(0, _loss_top(runs))
    ax.set_xlim(0, None)
    style_axes(ax)
    _ticks_in_view(ax)
    ax.legend(loc="upper right", fontsize=FONT["legend"], framealpha=0.9)
    title = _curves_title(runs) if opts["title"] is None else opts["title"]
    return ax.set_title(title, fontsize=FONT["title"], **_spacing())


def _test_images(runs):
    """``"10,000 test images"`` when the runs' settings say how many (``n_test``), else generic."""
    counts = {_settings(h).get("n_test") for h in runs.values()}
    if len(counts) == 1 and isinstance(next(iter(counts)), int):
        return tr("training.curves.test_images_n", n=f"{next(iter(counts)):,}")
    return tr("training.curves.test_images")


def _finish_acc_panel(acc_ax, runs, opts):
    """Labels, limits, legend and title (returned) of the test-accuracy panel."""
    acc_ax.set_xlabel(_x_label(opts["x"]), fontsize=FONT["label"])
    if opts.get("train_acc"):
        acc_ax.set_ylabel(tr("training.curves.ylabel_acc"), fontsize=FONT["label_small"])
    else:
        acc_ax.set_ylabel(tr("training.curves.ylabel_test_acc", images=_test_images(runs)),
                          fontsize=FONT["label_small"], **_spacing())
    acc_ax.set_ylim(0, 1)
    acc_ax.set_xlim(0, None)
    style_axes(acc_ax)
    _ticks_in_view(acc_ax)
    acc_ax.legend(loc="lower right", fontsize=FONT["legend"], framealpha=0.9)
    title = opts["acc_title"]
    h0 = next(iter(runs.values()))
    a = _finite(h0.test_acc)
    if title is None and opts.get("train_acc") and a.size:
        tr_end = _finite(h0.train_acc)[-1]
        gap = abs(float(tr_end) - float(a[-1]))
        verdict = (tr("training.curves.acc_together") if gap < 0.02
                   else tr("training.curves.acc_gap", gap=f"{gap:.1%}"))
        title = tr("training.curves.acc_title_end", train=f"{tr_end:.1%}", test=f"{a[-1]:.1%}",
                   verdict=verdict)
    elif title is None:
        title = (tr("training.curves.acc_title", start=f"{a[0]:.1%}", end=f"{a[-1]:.1%}")
                 if a.size else tr("training.curves.acc_title_no_test"))
    return acc_ax.set_title(title, fontsize=FONT["title"], **_spacing())


def set_curves(lines, hist, x="epoch", seconds_per_update=None):
    """Move one run's lines (from :func:`plot_training_curves`) to another run's data, in place.

    Parameters
    ----------
    lines : dict
        ``{"batch": Line2D or None, "train": Line2D, "acc": Line2D or None,
        "train_acc": Line2D or None}``, one run's entry of ``plot_training_curves(...)["lines"]``.
    hist : TrainHistory or None
        The new run; None empties the lines.
    x, seconds_per_update
        As for :func:`curve_data`.
    """
    if not isinstance(lines, dict) or "train" not in lines:
        raise TypeError(f"lines must be one run's dict of Line2D ('batch', 'train', 'acc') from "
                        f"plot_training_curves(...)['lines'], got {type(lines).__name__}")
    data = curve_data(hist, x, seconds_per_update) if hist is not None else None
    empty = (np.empty(0), np.empty(0))
    for key, src in (("batch", "batch"), ("train", "train"), ("acc", "test_acc")):
        if lines.get(key) is not None:
            lines[key].set_data(*(data[src] if data is not None else empty))
    if lines.get("train_acc") is not None:
        lines["train_acc"].set_data(*((data["test_acc"][0], np.asarray(hist.train_acc, float))
                                      if data is not None else empty))


# -- batch sizes compared --------------------------------------------------------------------

def _at(at):
    at = _mapping(at, "at")
    for key, value in at.items():
        check_choice(key, "at key", _X)
        at[key] = check_real(value, f"at[{key!r}]", minimum=0.0)
    return at


def plot_batch_size_comparison(histories, seconds_per_update=None, *, panels="epoch", axes=None,
                               at=None, figsize=None, static=True):
    """The full training loss of runs with different batch sizes, one way per panel.

    Three ways to compare: against epochs (training images seen / N, log
    scale), against parameter updates (log scale), and against estimated
    seconds of training (updates * measured seconds per update; evaluations
    left out). Draw one way per figure (``panels="step"``; each figure is
    4.6 in tall, readable on a projector) or several stacked panels on given
    Axes. The log panels cannot show x = 0: evaluate the runs at log-spaced
    steps (``train_sgd(eval_at=[1, 2, 5, 10, ...])``) so that every line
    starts from the untrained loss; when every run starts (x = 0) at the same
    loss to 2 decimals, a note in the lower left of each log panel says so.
    Each line is labelled at its end (no
    legend to decode): the label touches the line's last point and is placed
    where it covers no other label and no line.

    Parameters
    ----------
    histories : list of TrainHistory or dict of label -> TrainHistory
    seconds_per_update : dict of label -> float, optional
        Measured wall time (> 0) of one update of each run (same labels; for a
        list of runs, the labels of :func:`history_label`). Needed for the
        ``"seconds"`` panel.
    panels : {"epoch", "step", "seconds"} or sequence of them, default "epoch"
        The panels, top to bottom.
    axes : Axes or sequence of Axes, optional
        One per panel. Default: a new figure with the panels stacked.
    at : dict, optional
        Where each panel's title compares the runs: ``{"epoch": 1, "step":
        1000, "seconds": 0.2}``. Missing keys: the smallest last x over the runs
        (a point every run reached). Runs that did not get that far are left
        out of that comparison.
    figsize : (float, float), optional
        Of a new figure; default ``(COLUMN_INCHES, 4.6 * len(panels))``.
    static : bool, default True
        A new figure is pyplot's (shown inline), or a bare Figure (widgets).

    Returns
    -------
    dict
        ``"fig"``; ``"ax"``: the Axes (a tuple, one per panel); ``"panels"``:
        the panel names; ``"lines"``: ``{label: [Line2D, ...]}`` (one per panel;
        the log panels leave out x = 0); ``"end_labels"``: ``{label: [Text,
        ...]}``, the run's name at the end of its line in each panel (None
        where it has no point); ``"best"``: ``{panel: (label, loss, at)}``, the
        run with the lowest loss at each panel's comparison point (label None
        if no run got there).
    """
    runs = _as_runs(histories)
    panels = _panels(panels)
    spu = dict.fromkeys(runs)
    if seconds_per_update is not None or "seconds" in panels:
        if not isinstance(seconds_per_update, dict):
            raise TypeError(f"seconds_per_update must be a dict label -> seconds of one update, "
                            f"got {type(seconds_per_update).__name__}")
        missing = [k for k in runs if k not in seconds_per_update]
        if missing:
            raise ValueError(f"seconds_per_update has no entry for {missing}")
        spu = {k: _seconds(seconds_per_update[k], f"seconds_per_update[{k!r}]") for k in runs}
    at = _at(at)
    k = len(panels)
    if axes is not None and len(check_axes(axes)) != k:
        raise ValueError(f"axes must be {k} Axes (one per panel: {', '.join(panels)}), "
                         f"got {len(check_axes(axes))}")
    fig, axes = figure_panels(axes, nrows=k, count=k, static=static,
                              figsize=_figsize(figsize, (COLUMN_INCHES, 4.6 * k)))
    top = _COMPARISON_TOP * _loss_top(runs) / 1.1
    lines = {label: [] for label in runs}
    ends = {label: [] for label in runs}
    best = {}
    for ax, x in zip(axes, panels, strict=True):
        ax.set_ylim(0, top)
        drawn, best[x] = _comparison_panel(ax, runs, x, spu, at)
        for label, line in drawn.items():
            lines[label].append(line)
    for ax, x in zip(axes, panels, strict=True):  # after every panel exists: the final layout
        texts = _end_labels(ax, runs, x)
        for label in runs:
            ends[label].append(texts.get(label))
    return {"fig": fig, "ax": axes, "panels": panels, "lines": lines, "end_labels": ends,
            "best": best}


#: Top of the loss axis of :func:`plot_batch_size_comparison`, times the highest loss: room
#: above the lines that stay at the start for the labels of the runs that end there.
_COMPARISON_TOP = 1.25


def _panels(panels):
    """The panel names: one of :data:`_X` or a sequence of distinct ones (a tuple)."""
    if isinstance(panels, str):
        panels = (panels,)
    if not isinstance(panels, (list, tuple)):
        raise TypeError(f"panels must be one of {_X} or a sequence of them, "
                        f"got {type(panels).__name__}")
    out = tuple(_x(p) for p in panels)
    if not out:
        raise ValueError(f"panels is empty; expected one or more of {_X}")
    if len(set(out)) != len(out):
        raise ValueError(f"panels must not repeat a panel, got {list(out)}")
    return out


def _comparison_names(x, point):
    """``(title head, x label, when)`` of a panel of :func:`plot_batch_size_comparison`:
    e.g. "Per epoch", its x label, and "1 epoch" (the comparison ``point`` in its unit)."""
    if x == "epoch":
        when = (tr("training.compare.when_epoch", n=f"{point:g}") if point == 1
                else tr("training.compare.when_epochs", n=f"{point:g}"))
        return tr("training.compare.head_epoch"), tr("training.compare.xlabel_epoch"), when
    if x == "step":
        return (tr("training.compare.head_step"), tr("training.compare.xlabel_step"),
                tr("training.compare.when_step", n=f"{point:,.0f}"))
    return (tr("training.compare.head_seconds"), tr("training.compare.xlabel_seconds"),
            tr("training.compare.when_seconds", s=f"{point:.2f}"))


def _comparison_panel(ax, runs, x, spu, at):
    """One panel: every run's full loss against ``x``; ``(lines, (winner, loss, point))``."""
    lines, ends, starts = {}, {}, set()
    for i, (label, h) in enumerate(runs.items()):
        xs, ys = curve_data(h, x, spu[label])["train"]
        if x != "seconds":
            keep = xs > 0
            starts.update(f"{v:.2f}" for v in ys[~keep])
            xs, ys = xs[keep], ys[keep]
        lines[label], = ax.plot(xs, ys, color=_color_for(h, i), lw=2.5, marker="o", ms=3.5,
                                label=label)
        ends[label] = xs[-1] if xs.size else 0.0
    point = at.get(x, min(ends.values()))
    losses = {label: loss_at(h, point, x, spu[label]) for label, h in runs.items()}
    losses = {k: v for k, v in losses.items() if np.isfinite(v)}
    head, xlabel, when = _comparison_names(x, point)
    if losses:
        winner = min(losses, key=losses.get)
        best = (winner, losses[winner], point)
        ax.set_title(_verdict(ax, tr("training.compare.after", head=head, when=when), losses),
                     fontsize=FONT["title"], **_spacing())
    else:
        best = (None, float("nan"), point)
        ax.set_title(head, fontsize=FONT["title"], **_spacing())
    ax.axvline(point, color=COLORS["grey"], ls=":", lw=1.5)
    if x != "seconds":
        ax.set_xscale("log")
        if len(starts) == 1:  # the runs' common start, which the log axis cannot show
            ax.text(0.02, 0.03, tr("training.compare.start_note", loss=starts.pop()),
                    transform=ax.transAxes, ha="left", va="bottom", fontsize=FONT["note"],
                    **_spacing())
    ax.set_xlabel(xlabel, fontsize=FONT["label"])
    ax.set_ylabel(tr("training.ylabel_full_loss"), fontsize=FONT["label"], **_spacing())
    style_axes(ax)
    return lines, best


#: Runs whose losses are within this fraction of the lowest one tie in a panel's title.
_TIE = 0.02


def _names(labels):
    """``"batches 10 and 100"`` for runs labelled "batch 10", "batch 100" (the labels of
    :func:`history_label` in the language in use); else the labels."""
    labels = list(labels)
    prefix = tr("training.label.batch", size="")  # "batch "
    if len(labels) > 1 and all(k.startswith(prefix) for k in labels):
        labels = ([tr("training.compare.batches", sizes=labels[0][len(prefix):])]
                  + [k[len(prefix):] for k in labels[1:]])
    if len(labels) == 1:
        return labels[0]
    return tr("training.compare.and", first=", ".join(labels[:-1]), last=labels[-1])


def _ties(losses):
    """``(tied, others)``: the labels within :data:`_TIE` of the lowest loss, and the rest."""
    low = min(losses.values())
    tied = [k for k, v in losses.items() if v <= low * (1 + _TIE)]
    return tied, [k for k in losses if k not in tied]


def _verdict(ax, head, losses):
    """The title of a comparison panel: ``head``, then which runs are lowest at its point.

    One run lowest: "batch 10 is lowest (0.3339)". Several within :data:`_TIE` of
    the lowest: "batches 10 and 100 tie (0.5363, 0.5283); batch 1 lags (0.9747)",
    in the order of the runs. On a second line when one is wider than the axes.
    """
    tied, others = _ties(losses)
    if len(tied) == 1:
        verdict = tr("training.compare.lowest", name=tied[0], loss=fmt4(losses[tied[0]]))
    else:
        verdict = tr("training.compare.tie", names=_names(tied),
                     losses=", ".join(fmt4(losses[k]) for k in tied))
        if others:
            lag = dict(names=_names(others), losses=", ".join(fmt4(losses[k]) for k in others))
            verdict += (tr("training.compare.lags_one", **lag) if len(others) == 1
                        else tr("training.compare.lags_many", **lag))
    title = f"{head} {verdict}"
    fig = ax.figure
    probe = fig.text(0, 0, title, fontsize=FONT["title"])
    renderer = _renderer(fig)
    wide = probe.get_window_extent(renderer).width > ax.get_window_extent(renderer).width
    probe.remove()
    return f"{head}\n{verdict}" if wide else title


#: Where an end label may sit around its line's last point: (dx, dy) in points, ha, va;
#: tried in this order (right of the end first). :func:`_end_spots` adds spots stacked
#: further up and down, for labels of runs that end at the same point.
_LABEL_SPOTS = (((7, 0), "left", "center"), ((5, 6), "left", "bottom"),
                ((5, -6), "left", "top"), ((0, 8), "center", "bottom"),
                ((0, -8), "center", "top"), ((-5, 6), "right", "bottom"),
                ((-5, -6), "right", "top"), ((-7, 0), "right", "center"))
#: Pixels around a label that must stay clear of other labels and of the lines.
_LABEL_PAD = 3.0
#: How many label heights a label may be stacked above or below its line's end.
_LABEL_STACK = 4
#: Pixels from a line's end within which its label may touch an earlier point of the line.
_LABEL_NEAR = 40.0
#: Cost of a label spot that leaves the axes or covers another label (a line crossed costs 1).
_LABEL_CLASH = 1000


def _renderer(fig):
    """A renderer of ``fig``'s canvas (Agg: pyplot's inline figures and the bare widget ones)."""
    get = getattr(fig.canvas, "get_renderer", None)
    if get is None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        return FigureCanvasAgg(fig).get_renderer()
    return get()


def _end_labels(ax, runs, x):
    """Each run's name at its line's last point, where it covers no other label and no line.

    The x axis is widened just enough for the widest label of the runs that
    end last to fit right of their end; x ticks are kept only under the data.
    For each label (runs ending last first), the spots of :func:`_end_spots`
    around the end point are tried in order: the first that stays inside the
    axes and clear of the labels placed so far and of every line is taken,
    else the one that crosses the fewest lines (never one that leaves the axes
    or covers a label, while there is another). A label stacked away from its
    end gets a thin leader line to it.
    """
    from matplotlib.ticker import NullFormatter

    data = {label: ax.lines[i] for i, label in enumerate(runs)}
    finals = {}
    for label, line in data.items():
        xs, ys = (np.asarray(v, float) for v in line.get_data())
        if xs.size and np.isfinite(ys[-1]):
            finals[label] = (xs[-1], ys[-1])
    if not finals:
        return {}
    fig = ax.figure
    renderer = _renderer(fig)
    kw = dict(fontsize=FONT["note"], fontweight="bold")
    x_max = max(v[0] for v in finals.values())
    xs_all = np.concatenate([np.asarray(line.get_xdata(), float) for line in data.values()])
    left = 0.0 if x == "seconds" else 0.7 * float(xs_all[xs_all > 0].min())
    last = [k for k, v in finals.items() if v[0] >= x_max * (1 - 1e-9)]
    probe = [ax.text(0, 0, k, **kw) for k in last]
    need = max(t.get_window_extent(renderer).width for t in probe) + 7 / 72 * fig.dpi + 8
    for t in probe:
        t.remove()
    width = ax.get_window_extent(renderer).width
    if x == "seconds":  # linear: (right - x_max) / (right - left) * width >= need
        right = (x_max * width - left * need) / max(width - need, 1.0)
    else:  # the same in log10
        a, m = np.log10(left), np.log10(x_max)
        right = 10 ** ((m * width - a * need) / max(width - need, 1.0))
    ticks = [v for v in ax.get_xticks() if left <= v <= x_max * 1.001]  # none under the labels
    ax.set_xticks(ticks)
    ax.set_xlim(left, right)
    ax.xaxis.set_minor_formatter(NullFormatter())  # log axes: no "3.0" between the decades
    _ticks_in_view(ax)
    fig.draw_without_rendering()  # the final layout, so the boxes below are where they show
    box = ax.get_window_extent(renderer)
    paths = [line.get_transform().transform_path(line.get_path()) for line in data.values()]
    placed, out = [], {}
    for label in sorted(finals, key=lambda k: -finals[k][0]):  # the runs that end last first
        probe = ax.text(0, 0, label, **kw)
        size = probe.get_window_extent(renderer)
        probe.remove()
        spot = _free_spot(ax, data[label], size.width, size.height, box, placed, paths)
        (px, py), (offset, ha, va), bb = spot
        color = data[label].get_color()
        leader = (dict(arrowstyle="-", color=color, lw=1.2, shrinkA=0, shrinkB=2)
                  if abs(offset[1]) > 8 else None)  # stacked away from the end: point to it
        out[label] = ax.annotate(label, xy=(px, py), xytext=offset, textcoords="offset points",
                                 ha=ha, va=va, color=color, arrowprops=leader, **kw)
        placed.append(bb)
    return out


def _end_spots(h, scale):
    """Label spots around a line's end, in the order tried: right of it (:data:`_LABEL_SPOTS`'
    first three, then stacked 1 to :data:`_LABEL_STACK` label heights of ``h`` px higher and
    lower, nearest first), then above and below it, then the same on its left."""
    step = (h + 2 * _LABEL_PAD + 2) / scale  # px -> points: px / scale; 2 px between boxes
    right, centre, left = _LABEL_SPOTS[:3], _LABEL_SPOTS[3:5], _LABEL_SPOTS[5:]
    stacked = {"left": [], "right": []}
    for k in range(1, _LABEL_STACK + 1):
        for sign in (1, -1):
            stacked["left"].append(((7, sign * k * step), "left", "center"))
            stacked["right"].append(((-7, sign * k * step), "right", "center"))
    return [*right, *stacked["left"], *centre, *left, *stacked["right"]]


def _free_spot(ax, line, w, h, box, placed, paths):
    """``(point, spot, box)``: where a ``w`` x ``h`` px label touches ``line``'s end, clear.

    The spots of :func:`_end_spots` around the line's last point are tried in
    order, then the spots of :data:`_LABEL_SPOTS` around the line's points
    within :data:`_LABEL_NEAR` px of its end; the first inside ``box`` (the
    axes) that overlaps no box of ``placed`` and crosses no path of ``paths``
    is taken, else the one that crosses the fewest paths (the end preferred).
    Only if every one of those leaves the axes or covers a label are the
    line's farther points tried, from the end back.
    """
    from matplotlib.transforms import Bbox

    xs, ys = (np.asarray(v, float) for v in line.get_data())
    ok = np.isfinite(xs) & np.isfinite(ys) & ((xs > 0) if ax.get_xscale() == "log" else True)
    points = list(zip(xs[ok][::-1], ys[ok][::-1], strict=True))
    scale = ax.figure.dpi / 72
    spots = _end_spots(h, scale)
    end = ax.transData.transform(points[0])
    best = None
    for n, (x, y) in enumerate(points):
        px, py = ax.transData.transform((x, y))
        near = np.hypot(px - end[0], py - end[1]) <= _LABEL_NEAR
        if not near and best[0] < _LABEL_CLASH:  # a spot near the end (crossing a line): keep it
            break
        for spot in (spots if n == 0 else _LABEL_SPOTS):
            (dx, dy), ha, va = spot
            x0 = px + dx * scale - {"left": 0.0, "center": w / 2, "right": w}[ha]
            y0 = py + dy * scale - {"bottom": 0.0, "center": h / 2, "top": h}[va]
            bb = Bbox([[x0, y0], [x0 + w, y0 + h]])
            outside = not (box.x0 <= x0 and x0 + w <= box.x1 and box.y0 <= y0 and y0 + h <= box.y1)
            padded = bb.padded(_LABEL_PAD)
            cost = (_LABEL_CLASH * (outside + sum(padded.overlaps(p) for p in placed))
                    + sum(p.intersects_bbox(padded, filled=False) for p in paths))
            if cost == 0:
                return (x, y), spot, padded
            if best is None or cost < best[0]:
                best = (cost, ((x, y), spot, padded))
    return best[1]


# -- coverage of the training set ------------------------------------------------------------

def _counts(counts):
    out = {}
    for rep, c in _modes(counts, "counts").items():
        c = check_array(c, f"counts[{rep}]", ndim=1, kinds="iu")
        if (c < 0).any():
            raise ValueError(f"counts[{rep}] must be counts >= 0, got {c.min()}")
        out[rep] = c
    return out


def plot_coverage(epochs, seen, *, counts=None, axes=None, figsize=None, static=True):
    """How much of the training set an epoch's worth of mini-batches uses.

    Parameters
    ----------
    epochs : array_like, shape (S,), float
        x values, increasing and >= 0: draws made so far, in epochs (samples drawn / N).
    seen : dict of bool -> array_like, shape (S,)
        Keyed by ``replace`` (True: with replacement, False: shuffled): the
        share of the N images drawn at least once after each step (0 to 1).
    counts : dict of bool -> array_like of int, shape (N,), optional
        Keyed by ``replace``: how many times each image was drawn in ONE epoch;
        drawn as a second panel (bars: share of images used 0, 1, 2, ... times;
        at most 51 bars, the last one ``50+`` holding every count from 50 up)
        with the Poisson(1) shares ``e^-1 / k!`` that sampling with replacement
        approaches for large N.
    axes : Axes or sequence of Axes, optional
        One Axes (two with ``counts``); by default a new figure.
    figsize : (float, float), optional
        Of a new figure; default ``(COLUMN_INCHES, 4.8)``, or ``(COLUMN_INCHES, 6.5)`` with
        ``counts`` (two stacked panels).
    static : bool, default True
        A new figure is pyplot's (shown inline), or a bare Figure (widgets).

    Returns
    -------
    dict
        ``"fig"``; ``"ax"``: a tuple of the 1 or 2 Axes; ``"seen"``: ``{replace:
        Line2D}``; ``"theory"``: the ``1 - e^-epochs`` Line2D; ``"bars"``:
        ``{replace: BarContainer}`` (with ``counts``); ``"poisson"``: Line2D of
        the Poisson shares (with ``counts``); ``"unseen"``: the share of images
        never drawn in the first epoch with replacement (a float from
        ``seen[True]``; NaN without it or if ``epochs`` stops before 1);
        ``"title"``: the first panel's title Text.
    """
    epochs, seen = _check_seen(epochs, seen)
    counts = None if counts is None else _counts(counts)
    k = 1 if counts is None else 2
    if axes is not None and len(check_axes(axes)) != k:  # say why two
        why = " with counts (a second panel for the bars)" if counts is not None else ""
        raise ValueError(f"axes must be {k} Axes{why}, got {len(check_axes(axes))}")
    fig, axes = figure_panels(axes, nrows=k, count=k, static=static,
                              figsize=_figsize(figsize, (COLUMN_INCHES, 4.8) if k == 1
                                               else (COLUMN_INCHES, 6.5)))
    out = {"fig": fig, "ax": axes, **_seen_panel(axes[0], epochs, seen)}
    if counts is not None:
        out.update(_counts_panel(axes[1], counts))
    return out


def _check_seen(epochs, seen):
    epochs = check_array(epochs, "epochs", ndim=1, dtype=np.float64)
    if (epochs < 0).any() or (np.diff(epochs) < 0).any():
        raise ValueError("epochs must be increasing values >= 0 (draws made so far, in epochs)")
    seen = _modes(seen, "seen")
    for rep, y in seen.items():
        y = check_array(y, f"seen[{rep}]", ndim=1, dtype=np.float64)
        if y.shape != epochs.shape:
            raise ValueError(f"seen[{rep}] must have one share per epochs value ({epochs.size}), "
                             f"got {y.size}")
        if (y < 0).any() or (y > 1).any():
            raise ValueError(f"seen[{rep}] must be shares between 0 and 1")
        seen[rep] = y
    return epochs, seen


def _seen_panel(ax, epochs, seen):
    """The share of the images seen against epochs; ``{"seen", "theory", "unseen", "title"}``."""
    out = {"seen": {}}
    grid = np.linspace(0, max(float(epochs.max()), 1.0), 300)
    for rep in (False, True):
        if rep in seen:
            out["seen"][rep], = ax.plot(epochs, seen[rep], color=MODE_COLORS[rep], lw=6,
                                        alpha=0.6, label=_mode_name(rep))
    # on top of the wide, pale measured line, which it follows: theory stays visible
    out["theory"], = ax.plot(grid, 1 - np.exp(-grid), color=COLORS["black"], ls=(0, (3, 2)),
                             lw=2, zorder=3,
                             label=tr("training.coverage.theory",
                                      epochs=tr("training.coverage.epochs_var")))
    unseen = float("nan")
    if True in seen:
        k = int(np.searchsorted(epochs, 1.0 - 1e-9))
        if k < epochs.size:
            unseen = 1.0 - float(seen[True][k])
            ax.plot([1.0], [1 - unseen], "o", color=COLORS["black"], ms=8, zorder=4)  # the title's
            # share, marked where the measured line crosses 1 epoch (the legend sits below it)
    out["unseen"] = unseen
    ax.axvline(1.0, color=COLORS["grey"], lw=1, ls="--")
    ax.set_xlim(0, grid[-1])
    ax.set_ylim(0, 1.02)
    _ticks_in_view(ax)
    ax.set_xlabel(tr("training.coverage.xlabel"), fontsize=FONT["label"])
    ax.set_ylabel(tr("training.coverage.ylabel"), fontsize=FONT["label"], **_spacing())
    style_axes(ax)
    ax.legend(loc="lower right", fontsize=FONT["legend"], framealpha=0.9)
    if np.isfinite(unseen):
        title = tr("training.coverage.title", unseen=f"{unseen:.1%}", e=f"{np.exp(-1):.1%}")
    else:
        title = tr("training.coverage.title_plain")
    out["title"] = ax.set_title(title, fontsize=FONT["title"], **_spacing())
    return out


#: Most bars of the counts panel of :func:`plot_coverage`: counts from this up share the last.
_MAX_TIMES = 50


def _counts_panel(ax, counts):
    """Bars: the share of images used 0, 1, 2 ... times per mode, and Poisson(1)."""
    from math import exp, lgamma

    top = max(int(c.max()) for c in counts.values())
    kmax = min(top, _MAX_TIMES)  # the last bar holds every count from kmax up
    ks = np.arange(kmax + 1)
    width = 0.4
    bars = {}
    for j, rep in enumerate((True, False)):
        if rep in counts:
            c = counts[rep]
            share = np.bincount(np.minimum(c, kmax), minlength=kmax + 1) / c.size
            bars[rep] = ax.bar(ks + (j - 0.5) * width, share, width=width,
                               color=MODE_COLORS[rep], label=_mode_name(rep))
    poisson = np.array([exp(-1.0 - lgamma(k + 1.0)) for k in ks.tolist()])  # e^-1 / k!, in float
    line, = ax.plot(ks - 0.5 * width, poisson, "_", color=COLORS["black"], ms=22, mew=2.5,
                    label=tr("training.coverage.poisson", lam="1"))
    ticks = [k for k in ks.tolist() if kmax <= 15 or k % 5 == 0 or k == kmax]  # readable
    ax.set_xticks(ticks)
    ax.set_xticklabels([f"{k}+" if k == kmax and top > kmax else str(k) for k in ticks])
    ax.set_xlabel(tr("training.coverage.counts_xlabel"), fontsize=FONT["label"])
    ax.set_ylabel(tr("training.coverage.counts_ylabel"), fontsize=FONT["label"])
    ax.set_ylim(0, 1.05)
    style_axes(ax, grid="y")
    _ticks_in_view(ax)
    ax.legend(loc="upper right", fontsize=FONT["legend"], framealpha=0.9)
    ax.set_title(tr("training.coverage.counts_title"), fontsize=FONT["title"], **_spacing())
    return {"bars": bars, "poisson": line}
