"""Widgets for notebook 04 (mini-batch SGD): train the network with a batch size and lr you choose.

Used by ``notebooks/04-minibatch-sgd.ipynb`` (``training_explorer(x_train, t_train, x_test,
t_test, default=hist)``).

- :func:`training_explorer`  batch size and learning rate selectors and a Train
  button; a progress bar during the run; the new run's curves drawn against
  the default run's (batch 100, lr 0.1), updated in place.
- :func:`plan_run`           how many epochs, updates and evaluations a run of
  the widget makes (the updates per epoch are those of
  :func:`helpers.network.steps_per_epoch`, the rule ``train_sgd`` follows).

The default run is passed in (the notebook has already trained it) or trained
once when the widget is made; a click trains one new run from the same
starting weights and the same seed, so choosing the default settings gives
back exactly the default curves. The training data are checked by
:func:`helpers.network.train_sgd` itself (same errors as a direct call), when
the widget is made.

Every text shown (title, legend, labels, selectors, button, status) comes from
the catalogue of :mod:`helpers.i18n` (topic ``training``), in the language in
use when the widget is made and when it trains.
"""

from __future__ import annotations

import time

import ipywidgets as widgets
import numpy as np

from helpers._validation import (
    check_array,
    check_bool,
    check_int,
    check_real,
    is_int,
)
from helpers.i18n import tr
from helpers.network import TwoLayerNet, steps_per_epoch, train_sgd
from helpers.plots.style import COLORS, COLUMN_INCHES, DPI, FONT, check_dpi, fmt4
from helpers.plots.training import (
    _batch_label,
    _settings,
    _settings_label,
    _spacing,
    gd_label,
    history_label,
    loss_at,
    plot_training_curves,
    set_curves,
)

from .base import FigureView, expose

__all__ = ["training_explorer", "plan_run", "LEARNING_RATES"]

#: Choices of the learning-rate selector.
LEARNING_RATES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
_DEFAULT_COLOR, _CHOSEN_COLOR = COLORS["grey"], COLORS["vermillion"]
#: Outputs of the network for integer labels: at least MNIST's 10 digits.
_DIGITS = 10
#: Seconds between live redraws of the curves during a run.
_LIVE_EVERY = 1.0
#: Largest learning rate offered: far beyond where SGD on this network diverges.
MAX_LR = 100.0


def _diverged_text():
    """What the title and the status say about a run whose weights blew up (NaN or inf)."""
    return tr("training.explorer.diverged")


def plan_run(batch_size, n, epochs, max_updates, n_evals=20, *, replace=False):
    """How long a widget run is: ``(epochs, n_steps, eval_every)``.

    ``epochs`` epochs of ``steps_per_epoch(n, batch_size, replace=replace)``
    updates (:func:`helpers.network.steps_per_epoch`: ``ceil(n / B)`` shuffled
    batches, ``max(n // B, 1)`` draws with replacement, one step for
    ``batch_size=None``), but at most ``max_updates`` updates, whole epochs
    only and at least one; about ``n_evals`` evaluations of the full loss
    spread over the run. ``n_steps`` is exactly the number of updates
    ``train_sgd`` then makes.

    Parameters
    ----------
    batch_size : int or None
        B, 1 <= B <= n; None: all the data (gradient descent).
    n, epochs, max_updates, n_evals : int
        Training samples, wanted epochs, budget of updates, wanted evaluations (each >= 1).
    replace : bool, default False
        How ``train_sgd`` will draw the batches.
    """
    n = check_int(n, "n", minimum=1)
    epochs = check_int(epochs, "epochs", minimum=1)
    max_updates = check_int(max_updates, "max_updates", minimum=1)
    n_evals = check_int(n_evals, "n_evals", minimum=1)
    replace = check_bool(replace, "replace")
    per_epoch = steps_per_epoch(n, batch_size, replace=replace)
    run_epochs = max(1, min(epochs, max_updates // per_epoch))
    n_steps = run_epochs * per_epoch
    return run_epochs, n_steps, max(1, n_steps // n_evals)


def _describe(hist, default, capped, epochs_wanted):
    """Title of the figure: what the run did, against the default at the same epoch."""
    s = hist.settings
    label = history_label(hist)
    start = float(hist.train_loss[0])
    end = float(hist.train_loss[-1])
    e = s["epochs"]
    ref = loss_at(default, float(e), "epoch")
    when = tr("training.explorer.when", epochs=_epochs(e, grouped=False), n=f"{s['n_steps']:,}")
    line1 = tr("training.explorer.result", label=label, start=fmt4(start), end=fmt4(end))
    line2 = (tr("training.explorer.after_capped", when=when, wanted=str(epochs_wanted)) if capped
             else tr("training.explorer.after", when=when))
    if not np.isfinite(end) or end > start + 0.05:
        verdict = tr("training.explorer.went_up")
    elif end > start - 0.05:
        verdict = tr("training.explorer.barely_moved")
    elif np.isfinite(ref):
        if abs(end - ref) < 5e-5:
            verdict = tr("training.explorer.same_as_default", ref=fmt4(ref))
        elif end < ref:
            verdict = tr("training.explorer.lower_than_default", ref=fmt4(ref))
        else:
            verdict = tr("training.explorer.higher_than_default", ref=fmt4(ref))
    else:
        verdict = tr("training.explorer.default_short")
    return f"{line1}\n{line2}:\n{verdict}"


def _epochs(k, grouped=True):
    """``"1 epoch"``, ``"3 epochs"`` (``grouped``: thousands with commas, "1,000 epochs")."""
    n = f"{k:,}" if grouped else str(k)
    return tr("training.explorer.epoch", n=n) if k == 1 else tr("training.explorer.epochs", n=n)


def _button_width(labels, least: int = 105) -> str:
    """A CSS width for toggle buttons that shows every label whole (the buttons cut a longer
    one with "..."): at the widgets' 13 px font, about 7 px per Latin letter or digit and
    14 px per Hangul syllable, plus the button's padding (10 px a side) and a margin for
    wider fonts; at least ``least`` px (the numbers' buttons keep their width)."""
    def px(label):
        return sum(14 if "\uac00" <= c <= "\ud7a3" else 7 for c in label) + 28

    return f"{max([least, *map(px, labels)])}px"


# -- checking the arguments ------------------------------------------------------------------

def _batch_choices(batch_sizes, n):
    """The batch-size choices that fit N: ints 1..N (the rule of every size) and None (all)."""
    if isinstance(batch_sizes, (str, bytes)) or not hasattr(batch_sizes, "__iter__"):
        raise TypeError(f"batch_sizes must be a sequence of ints or None, got {batch_sizes!r}")
    out = []
    for i, b in enumerate(batch_sizes):
        if b is not None:  # the rule of every size (check_int_array), one size at a time
            b = check_int(b, f"batch_sizes[{i}]", minimum=1)  # a list here is a TypeError too
        if (b is None or b <= n) and b not in out:  # sizes too large for this data: left out
            out.append(b)
    if not out:
        raise ValueError(f"batch_sizes has no size from 1 to N = {n:,} (or None), "
                         f"got {batch_sizes!r}")
    return out


def _learning_rates(learning_rates):
    if isinstance(learning_rates, (str, bytes)) or not hasattr(learning_rates, "__iter__"):
        raise TypeError(f"learning_rates must be a sequence of numbers > 0, got {learning_rates!r}")
    out = [check_real(v, f"learning_rates[{i}]", minimum=0.0, maximum=MAX_LR, strict=True)
           for i, v in enumerate(learning_rates)]
    if not out:
        raise ValueError("learning_rates is empty; expected at least one learning rate > 0")
    return list(dict.fromkeys(out))


# -- the widget ------------------------------------------------------------------------------

class _TrainingExplorer:
    """The parts of :func:`training_explorer`: figure, controls, plan, run, drawing."""

    def __init__(self, x, t, x_test, t_test, *, default, epochs, batch_sizes, learning_rates,
                 max_updates, n_evals, seed, replace, dpi, figsize):
        # the data are train_sgd's to check (its types and messages); only N is needed first
        self.x, self.t = check_array(x, "x", ndim=2), t  # x: train_sgd's own first check
        self.n = self.x.shape[0]
        self.test = {k: v for k, v in (("x_test", x_test), ("t_test", t_test)) if v is not None}
        self.batch_sizes = _batch_choices(batch_sizes, self.n)
        self.learning_rates = _learning_rates(learning_rates)
        self.max_updates = check_int(max_updates, "max_updates", minimum=1)
        self.n_evals = check_int(n_evals, "n_evals", minimum=1)
        self.seed = check_int(seed, "seed", minimum=0)
        self.replace = check_bool(replace, "replace")
        epochs = None if epochs is None else check_int(epochs, "epochs", minimum=1)
        if default is not None:  # a TrainHistory whose settings the plots can read, or None
            _settings(default, "default")
            sizes = default.settings.get("sizes")
            fits = isinstance(sizes, tuple) and len(sizes) == 3 and all(map(is_int, sizes))
            self.hidden = default.settings.get("hidden_size") or (sizes[1] if fits else 50)
            self.k = int(sizes[2]) if fits else None  # the default network's outputs
        else:
            self.hidden, self.k = 50, None  # those of the default run trained here
        self.default = self._default_run(default, epochs)
        self.epochs = epochs or int(self.default.settings["epochs"])
        self.state = {"history": None, "capped": False, "seconds": float("nan"),
                      "renders_during_run": 0, "diverged": False}
        self._build_figure(check_dpi(dpi), figsize)
        self._build_controls()

    # the default run
    def _default_run(self, default, epochs):
        """The given run, checked against the data; or the default run trained here (batch 100)."""
        if default is None:
            b = min(100, self.n)
            run_epochs, _, eval_every = plan_run(b, self.n, epochs or 5, 10**9, self.n_evals,
                                                 replace=self.replace)
            return train_sgd(self._net(), self.x, self.t, batch_size=b, lr=0.1,
                             epochs=run_epochs, rng=self.seed, replace=self.replace,
                             eval_every=eval_every, progress=False, **self.test)
        s = default.settings
        if s["n_train"] != self.n:
            raise ValueError(f"default: the run was trained on {s['n_train']:,} images, "
                             f"not on these {self.n:,}")
        if "replace" in s and bool(s["replace"]) != self.replace:
            raise ValueError(f"default was trained with replace={s['replace']}, the widget "
                             f"trains with replace={self.replace}: pass the same")
        self._check_data()
        return default

    def _check_data(self):
        """Run train_sgd's checks of ``t`` and the test data now, not at the first click.

        A dry run: ``train_sgd`` checks everything, evaluates the untrained
        network once, and the callback stops it before the first update.
        """
        class _Checked(Exception):
            pass

        def stop(step, hist):
            raise _Checked

        try:
            train_sgd(self._net(), self.x, self.t, batch_size=None, epochs=1, progress=False,
                      callback=stop, **self.test)
        except _Checked:
            pass

    def _net(self):
        """A new network: the default's starting weights (seed), as many classes as ``t`` has."""
        return TwoLayerNet(self.x.shape[1], self.hidden, self._classes(), rng=self.seed)

    def _classes(self):
        """K outputs: the width of one-hot ``t``, else enough for the labels of ``t``, ``t_test``.

        Never fewer than MNIST's 10 digits (a subset that lacks a digit still
        gets the default network's 10 outputs); ``t`` that is no array of
        labels gives 10, and then train_sgd says what is wrong with it. A given
        default run fixes K to its network's outputs (``settings["sizes"]``):
        the runs start from its weights, so ``t`` must fit them (train_sgd's
        ValueError naming ``t`` otherwise, when the widget is made).
        """
        if self.k is not None:  # the given default's network: t must fit its outputs
            return self.k
        try:
            t = np.asarray(self.t)
            labels = [np.asarray(v) for v in (self.t, self.test.get("t_test")) if v is not None]
        except (TypeError, ValueError):  # a ragged list: train_sgd names t and says why
            return _DIGITS
        if t.ndim == 2 and t.shape[1] > 1:
            return int(t.shape[1])
        if not all(v.ndim == 1 and v.size and v.dtype.kind in "iu" for v in labels):
            return _DIGITS
        return max(_DIGITS, max(int(v.max()) for v in labels) + 1)

    # the figure
    def _build_figure(self, dpi, figsize):
        have_test = bool(self.test)
        d_label = tr("training.explorer.default_label", label=history_label(self.default))
        drawn = plot_training_curves({d_label: self.default}, colors={d_label: _DEFAULT_COLOR},
                                     show_batch=False, title="", acc_title="",
                                     figsize=figsize, static=False)
        fig, ax_loss, ax_acc = drawn["fig"], drawn["ax_loss"], drawn["ax_acc"]
        style = dict(color=_CHOSEN_COLOR, lw=2.5, marker="o", ms=4)
        chosen = {
            "batch": ax_loss.plot([], [], color=_CHOSEN_COLOR, lw=0.8, alpha=0.3,
                                  label=tr("training.explorer.yours_batch"))[0],
            "train": ax_loss.plot([], [], **style, label=tr("training.explorer.yours_full"))[0],
            "acc": (ax_acc.plot([], [], **style, label=tr("training.explorer.yours"))[0]
                    if have_test and ax_acc is not None else None),
        }
        for ax in drawn["ax"]:
            ax.get_legend().remove()  # one legend for both panels, below them: off the data
            ax.set_xlim(0, float(self.default.settings["epochs"]))
        ax_loss.set_ylabel(tr("training.ylabel_full_loss"), fontsize=FONT["label"], **_spacing())
        if ax_acc is not None:
            ax_acc.set_ylabel(tr("training.explorer.ylabel_test_acc"), fontsize=FONT["label"])
            ax_loss.set_xlabel("")  # the same epochs as the panel below
        from matplotlib.lines import Line2D

        self._handles = [(drawn["lines"][d_label]["train"],
                          tr("training.explorer.default_run", label=history_label(self.default))),
                         (chosen["train"], tr("training.explorer.yours_full")),
                         (Line2D([], [], color=_CHOSEN_COLOR, lw=6, alpha=0.35),  # the thin cloud
                          tr("training.explorer.yours_batch"))]
        self.legend = None
        self._set_legend(fig, cloud=True)
        ds = self.default.settings
        self.top = float(ax_loss.get_ylim()[1])
        self.title = fig.suptitle(
            tr("training.explorer.title", label=history_label(self.default),
               start=fmt4(self.default.train_loss[0]), end=fmt4(self.default.train_loss[-1]),
               epochs=_epochs(ds["epochs"])), fontsize=FONT["suptitle"], **_spacing())
        self.fig, self.axes = fig, drawn["ax"]
        self.curves = {"default": drawn["lines"][d_label], "chosen": chosen}
        self.view = FigureView(fig, dpi=dpi)

    def _set_legend(self, fig, *, cloud):
        """The legend below the panels; ``cloud``: with the entry of the mini-batch losses
        (a run on all the images has none: its one batch is the full training set)."""
        if self.legend is not None:
            self.legend.remove()
        entries = self._handles if cloud else self._handles[:2]
        self.legend = fig.legend(*zip(*entries, strict=True), loc="outside lower center",
                                 ncols=2, fontsize=FONT["legend"], frameon=False)

    # the controls
    def _build_controls(self):
        def b_label(b):
            return gd_label(self.n) if b is None else f"{b:,}"

        start_b = 100 if 100 in self.batch_sizes else self.batch_sizes[0]
        start_lr = 0.1 if 0.1 in self.learning_rates else self.learning_rates[0]
        b_options = [(b_label(b), b) for b in self.batch_sizes]
        self.selectors = {
            "batch_size": widgets.ToggleButtons(
                options=b_options, value=start_b,
                description=tr("training.explorer.batch_size"),
                style={"button_width": _button_width(label for label, _ in b_options),
                       "description_width": "80px"}),
            "lr": widgets.ToggleButtons(
                options=[(f"{v:g}", v) for v in self.learning_rates], value=start_lr,
                description=tr("training.explorer.lr"),
                style={"button_width": "70px", "description_width": "80px"}),
        }
        self.button = widgets.Button(description=tr("training.explorer.train"),
                                     button_style="primary", icon="play",
                                     tooltip=tr("training.explorer.train_tooltip"))
        self.progress = widgets.IntProgress(value=0, min=0, max=1,
                                            layout=widgets.Layout(width="320px"))
        self.status = widgets.HTML(value="")
        self.button.on_click(self._click)
        for selector in self.selectors.values():  # both choices show in the next run's line
            selector.observe(self.show_plan, names="value")
        self.show_plan()

    # planning
    def plan(self, batch_size):
        """``(epochs, n_steps, eval_every)`` of a run with this batch size (:func:`plan_run`)."""
        return plan_run(batch_size, self.n, self.epochs, self.max_updates, self.n_evals,
                        replace=self.replace)

    def plan_text(self, batch_size):
        run_epochs, n_steps, _ = self.plan(batch_size)
        text = tr("training.explorer.plan", epochs=_epochs(run_epochs), n=f"{n_steps:,}")
        if run_epochs < self.epochs:
            wanted = n_steps // run_epochs * self.epochs
            text += tr("training.explorer.budget", budget=f"{self.max_updates:,}",
                       epochs=str(self.epochs), wanted=f"{wanted:,}")
        return text

    def show_plan(self, change=None):
        if not self.button.disabled:
            b, lr = self.selectors["batch_size"].value, self.selectors["lr"].value
            self.status.value = tr("training.explorer.next",
                                   settings=_settings_label(b, self.n, float(lr)),
                                   plan=self.plan_text(b))

    # running
    def _lock(self, locked):
        for w in (self.button, *self.selectors.values()):
            w.disabled = locked

    def _click(self, _button):
        """The button's handler: train, and show any problem in the widget, never raise it."""
        try:
            self.train()
        except Exception:  # already shown in the status (train writes it): keep the widget usable
            pass

    def train(self, _=None):
        """Train one run with the selected settings and draw it; return its TrainHistory.

        A run whose weights blow up (NaN or inf: the learning rate is too large)
        is no error: its curves up to there are drawn, the title and the status
        say it diverged, ``state["diverged"]`` is True and None is returned.
        """
        b, lr = self.selectors["batch_size"].value, float(self.selectors["lr"].value)
        run_epochs, n_steps, eval_every = self.plan(b)
        self._lock(True)
        self.progress.max, self.progress.value = n_steps, 0
        self.progress.bar_style = "info"
        self.status.value = tr("training.explorer.training", plan=self.plan_text(b))
        self.state["renders_during_run"] = 0
        self._last_render = time.perf_counter()
        self._n_steps = n_steps
        self._live = None
        self.state["diverged"] = False
        t0 = time.perf_counter()
        try:
            with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported below
                hist = train_sgd(self._net(), self.x, self.t, batch_size=b, lr=lr,
                                 epochs=run_epochs, rng=self.seed, replace=self.replace,
                                 eval_every=eval_every, progress=False, callback=self._on_eval,
                                 **self.test)
        except (ValueError, FloatingPointError) as err:
            if "NaN or inf" not in str(err) and "overflow" not in str(err):
                self._failed(err)
                raise
            self._diverged(b, lr)
            return None
        except Exception as err:  # show the problem in the widget, keep it usable
            self._failed(err)
            raise
        finally:
            self._lock(False)
        seconds = time.perf_counter() - t0
        self.state.update(history=hist, capped=run_epochs < self.epochs, seconds=seconds)
        self._draw_result(hist, run_epochs, n_steps, seconds)
        return hist

    def _failed(self, err):
        self.progress.bar_style = "danger"
        self.status.value = tr("training.explorer.failed", kind=type(err).__name__, error=err)

    def _diverged(self, b, lr):
        """Draw what the diverged run did up to its last evaluation; say it diverged."""
        label = gd_label(self.n) if b is None else _batch_label(b)
        self.state.update(history=None, capped=False, seconds=float("nan"), diverged=True)
        if self._live is not None:
            set_curves(self.curves["chosen"], self._live)
        else:
            set_curves(self.curves["chosen"], None)
        self._show_cloud(self._live)
        self.title.set_text(tr("training.explorer.diverged_title", label=label,
                               lr=tr("training.label.lr", lr=f"{lr:g}"),
                               diverged=_diverged_text()))
        self.progress.bar_style = "danger"
        self.status.value = tr("training.explorer.diverged_status", diverged=_diverged_text())
        self.view.refresh()

    def _show_cloud(self, hist):
        """Draw (and list in the legend) the mini-batch losses unless ``hist`` used all images:
        then each "mini-batch" loss is the full training loss, drawn already."""
        cloud = hist is None or hist.settings["batch_size"] is not None
        if not cloud:
            self.curves["chosen"]["batch"].set_data([], [])
        if cloud != (len(self.legend.legend_handles) == 3):
            self._set_legend(self.fig, cloud=cloud)

    def _on_eval(self, step, hist):
        """``train_sgd``'s callback: move the bar; redraw the curves at most once a second."""
        self._live = hist
        self.progress.value = step
        if step == 0:
            return
        j = int(np.searchsorted(hist.eval_step, step))
        self.status.value = tr("training.explorer.live", step=f"{step:,}",
                               total=f"{self._n_steps:,}", loss=fmt4(hist.train_loss[j]))
        if time.perf_counter() - self._last_render > _LIVE_EVERY and step < self._n_steps:
            set_curves(self.curves["chosen"], hist)
            self._show_cloud(hist)
            self.view.refresh()
            self.state["renders_during_run"] += 1
            self._last_render = time.perf_counter()

    # drawing
    def _draw_result(self, hist, run_epochs, n_steps, seconds):
        ax_loss = self.axes[0]
        set_curves(self.curves["chosen"], hist)
        self._show_cloud(hist)
        finite = hist.train_loss[np.isfinite(hist.train_loss)]
        top = max(self.top, 1.1 * float(finite.max())) if finite.size else self.top
        ax_loss.set_ylim(0, top)
        x_max = max(float(self.default.settings["epochs"]), float(run_epochs))
        for ax in self.axes:
            ax.set_xlim(0, x_max)
        self.title.set_text(_describe(hist, self.default, run_epochs < self.epochs, self.epochs))
        self.progress.value = n_steps
        self.progress.bar_style = "success"
        acc = (tr("training.explorer.done_acc", acc=f"{hist.test_acc[-1]:.1%}") if self.test
               else "")
        self.status.value = tr("training.explorer.done", epochs=_epochs(run_epochs),
                               n=f"{n_steps:,}", seconds=f"{seconds:.1f}",
                               evals=str(hist.eval_step.size), acc=acc)
        self.view.refresh()

    def box(self):
        box = widgets.VBox([self.selectors["batch_size"], self.selectors["lr"],
                            widgets.HBox([self.button, self.progress, self.status]),
                            self.view.image])
        return expose(box, selectors=self.selectors, button=self.button, progress=self.progress,
                      status=self.status, view=self.view, fig=self.fig, axes=self.axes,
                      curves=self.curves, title=self.title, state=self.state, train=self.train,
                      default=self.default, plan=self.plan)


def training_explorer(x, t, x_test=None, t_test=None, *, default=None, epochs=None,
                      batch_sizes=(1, 10, 100, 1000, None), learning_rates=LEARNING_RATES,
                      max_updates=10_000, n_evals=20, seed=0, replace=False, dpi=DPI,
                      figsize=(COLUMN_INCHES, 6.5)):
    """Train the two-layer network with a batch size and learning rate you choose; see the default.

    Parameters
    ----------
    x : numpy.ndarray, shape (N, 784), float32
        Training images (e.g. the notebook's subset).
    t : numpy.ndarray, shape (N,), int
        Their labels.
    x_test, t_test : numpy.ndarray, optional
        Test data for the accuracy panel (both or neither).
    default : helpers.network.TrainHistory, optional
        The reference run, trained by ``train_sgd`` on the same ``x, t`` from
        ``TwoLayerNet(784, 50, 10, rng=seed)`` with ``rng=seed`` and the same
        ``replace``. Default: trained here once (batch 100, lr 0.1, ``epochs`` epochs).
    epochs : int, optional
        Length of each new run in epochs (>= 1); default: the default run's
        epochs (5 if it is trained here).
    batch_sizes : sequence of int or None
        The batch-size choices (None: all N images, plain gradient descent);
        sizes larger than N are left out.
    learning_rates : sequence of float
        The learning-rate choices (> 0, at most 100, :data:`MAX_LR`). A run
        that diverges (weights NaN or inf) is reported in the title and the
        status, not raised.
    max_updates : int, default 10,000
        Budget of a run: fewer epochs (at least one) when ``epochs`` would need
        more updates (batch size 1 would need N updates per epoch).
    n_evals : int, default 20
        About this many evaluations of the full loss per run (each costs one
        pass over ``x`` and ``x_test``).
    seed : int, default 0
        Seed of the starting weights and of the mini-batch draws.
    replace : bool, default False
        How the runs draw their mini-batches (``train_sgd(replace=...)``):
        False a shuffled epoch, True the book's choice with replacement.
    dpi : int, 20 to 400, default :data:`helpers.plots.style.DPI` (100)
        Resolution of the figure's PNG (100: sharp on a projector).
    figsize : (float, float), default (COLUMN_INCHES, 6.5)
        Of the figure (the two panels stacked, the notebook column wide, at
        most 650 px tall: what a projector shows); one legend below the panels.

    Returns
    -------
    ipywidgets.VBox
        With attributes ``selectors`` (``{"batch_size": ToggleButtons, "lr":
        ToggleButtons}``), ``button`` (the Train Button), ``progress``
        (IntProgress: value = updates done), ``status`` (HTML next to the
        progress bar), ``view`` (FigureView), ``fig``, ``axes`` (the figure's
        Axes: loss, and test accuracy when there are test data; those of
        :func:`~helpers.plots.training.plot_training_curves`), ``curves``
        (``{"default": lines, "chosen": lines}``, each one run's entry of
        ``plot_training_curves(...)["lines"]``), ``title`` (the suptitle Text),
        ``state`` (``history``: the last run's TrainHistory or None,
        ``capped``, ``seconds``, ``renders_during_run``, ``diverged``), ``train`` (call
        ``train()`` to run with the selected settings, as the button does),
        ``plan`` (``plan(batch_size)``: the :func:`plan_run` of a run) and
        ``default`` (the default run).
    """
    return _TrainingExplorer(x, t, x_test, t_test, default=default, epochs=epochs,
                             batch_sizes=batch_sizes, learning_rates=learning_rates,
                             max_updates=max_updates, n_evals=n_evals, seed=seed,
                             replace=replace, dpi=dpi, figsize=figsize).box()
