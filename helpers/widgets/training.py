"""Widgets for notebook 04: train the network with the batch size and learning rate you choose.

- :func:`training_explorer`  batch size and learning rate selectors and a Train
  button; a progress bar during the run; the new run's curves drawn against
  the default run's (batch 100, lr 0.1), updated in place.

The default run is passed in (the notebook has already trained it) or trained
once when the widget is made; a click trains one new run from the same
starting weights and the same seed, so choosing the default settings gives
back exactly the default curves.
"""

from __future__ import annotations

import time

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from helpers.network import TwoLayerNet, train_sgd
from helpers.plots.training import history_label, loss_at, plot_training_curves, set_curves
from helpers.plots.style import COLORS

from .base import FigureView

__all__ = ["training_explorer", "plan_run", "LEARNING_RATES"]

#: Choices of the learning-rate selector.
LEARNING_RATES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
_DEFAULT_COLOR, _CHOSEN_COLOR = COLORS["grey"], COLORS["vermillion"]


def plan_run(batch_size, n, epochs, max_updates, n_evals=20):
    """How long a widget run is: ``(epochs, n_steps, eval_every)``.

    ``epochs`` epochs of ``ceil(n / batch_size)`` shuffled batches (one step
    per epoch for ``batch_size=None``), but at most ``max_updates`` updates,
    whole epochs only and at least one; about ``n_evals`` evaluations of the
    full loss spread over the run.
    """
    per_epoch = 1 if batch_size is None else -(-n // batch_size)
    run_epochs = max(1, min(int(epochs), int(max_updates) // per_epoch))
    n_steps = run_epochs * per_epoch
    return run_epochs, n_steps, max(1, n_steps // int(n_evals))


def _describe(hist, default, capped, epochs_wanted):
    """Title of the figure: what the run did, against the default at the same epoch."""
    s = hist.settings
    label = history_label(hist)
    start = float(hist.train_loss[0])
    end = float(hist.train_loss[-1])
    e = s["epochs"]
    ref = loss_at(default, float(e), "epoch")
    when = f"{e} epoch{'s' if e != 1 else ''} ({s['n_steps']:,} updates)"
    line1 = f"{label}: loss {start:.4f} → {end:.4f} after {when}"
    if capped:
        line1 += f", cut from {epochs_wanted} epochs to stay quick"
    if not np.isfinite(end) or end > start + 0.05:
        verdict = "the loss went UP: this learning rate is too large for this batch size"
    elif end > start - 0.05:
        verdict = f"it barely moved: {s['n_steps']:,} updates of this size are too few"
    elif np.isfinite(ref):
        word = "the same as" if abs(end - ref) < 5e-5 else "lower than" if end < ref else "higher than"
        verdict = f"{word} the default's {ref:.4f} after the same {e} epoch{'s' if e != 1 else ''}"
    else:
        verdict = "the default run did not get this far"
    return f"{line1}\n{verdict}"


def training_explorer(x, t, x_test=None, t_test=None, *, default=None, epochs=None, batch_sizes=(1, 10, 100, 1000, None),
                      learning_rates=LEARNING_RATES, max_updates=10_000, n_evals=20, seed=0, sampling="shuffle",
                      dpi=80, figsize=(13, 4.8)):
    """Train the two-layer network with a chosen batch size and learning rate; compare with the default.

    Parameters
    ----------
    x : numpy.ndarray, shape (N, 784), float32
        Training images (e.g. the notebook's subset).
    t : numpy.ndarray, shape (N,), int
        Their labels.
    x_test, t_test : numpy.ndarray, optional
        Test data for the accuracy panel.
    default : helpers.network.TrainHistory, optional
        The reference run, trained by ``train_sgd`` on the same ``x, t`` from
        ``TwoLayerNet(784, 50, 10, rng=seed)`` with ``rng=seed``. Default:
        trained here once (batch 100, lr 0.1, ``epochs`` epochs).
    epochs : int, optional
        Length of each new run in epochs; default: the default run's epochs
        (5 if it is trained here).
    batch_sizes : sequence of int or None
        The batch-size choices (None: all N images, plain gradient descent);
        sizes larger than N are left out.
    learning_rates : sequence of float
        The learning-rate choices.
    max_updates : int, default 10,000
        Budget of a run: fewer epochs (at least one) when ``epochs`` would need
        more updates (batch size 1 would need N updates per epoch).
    n_evals : int, default 20
        About this many evaluations of the full loss per run (each costs one
        pass over ``x`` and ``x_test``).
    seed : int, default 0
        Seed of the starting weights and of the mini-batch draws.
    sampling : {"shuffle", "replace"}
    dpi : int
    figsize : (float, float)

    Returns
    -------
    ipywidgets.VBox
        With attributes ``selectors`` (``{"batch_size": ToggleButtons, "lr":
        ToggleButtons}``), ``button`` (the Train Button), ``progress``
        (IntProgress: value = updates done), ``status`` (HTML next to the
        progress bar), ``view`` (FigureView), ``fig``, ``axes`` (loss axes,
        accuracy axes), ``curves`` (``{"default": lines, "chosen": lines}``,
        the dicts of :func:`helpers.plots.training.plot_training_curves`),
        ``title`` (the suptitle Text), ``state`` (``history``: the last run's
        TrainHistory or None, ``capped``, ``seconds``, ``renders_during_run``)
        and ``train`` (call ``train()`` to run with the selected settings, as
        the button does).
    """
    x = np.asarray(x)
    n = x.shape[0]
    bad = [b for b in batch_sizes if b is not None and not 1 <= int(b)]
    if bad:
        raise ValueError(f"batch sizes must be positive ints (or None for all the images), got {bad}")
    batch_sizes = [None if b is None else int(b) for b in batch_sizes if b is None or int(b) <= n]
    have_test = x_test is not None and t_test is not None
    test = dict(x_test=x_test, t_test=t_test) if have_test else {}
    if default is None:
        n_default = plan_run(100, n, epochs or 5, 10**9, n_evals)
        default = train_sgd(TwoLayerNet(x.shape[1], 50, 10, rng=seed), x, t, batch_size=min(100, n), lr=0.1,
                            epochs=n_default[0], rng=seed, sampling=sampling, eval_every=n_default[2],
                            progress=False, **test)
    ds = default.settings
    if ds["n_train"] != n:
        raise ValueError(f"the default run was trained on {ds['n_train']:,} images, not on these {n:,}")
    epochs = int(epochs or ds["epochs"])
    hidden = ds.get("hidden_size", 50)

    fig = Figure(figsize=figsize, layout="constrained")
    ax_loss, ax_acc = fig.subplots(1, 2, width_ratios=[1.5, 1])
    d_label = f"default ({history_label(default)})"
    curves = plot_training_curves({d_label: default}, ax=ax_loss, acc_ax=ax_acc if have_test else None,
                                  colors={d_label: _DEFAULT_COLOR}, show_batch=False,
                                  title="loss on the training images", acc_title="test accuracy")
    default_lines = curves[d_label]
    chosen = {"batch": ax_loss.plot([], [], color=_CHOSEN_COLOR, lw=0.8, alpha=0.3,
                                    label="your run: loss of each mini-batch")[0],
              "train": ax_loss.plot([], [], color=_CHOSEN_COLOR, lw=2.5, marker="o", ms=4,
                                    label="your run: loss on all training images")[0],
              "acc": ax_acc.plot([], [], color=_CHOSEN_COLOR, lw=2.5, marker="o", ms=4, label="your run")[0]
              if have_test else None}
    ax_loss.legend(loc="best", fontsize=10, framealpha=0.9)
    if have_test:
        ax_acc.legend(loc="best", fontsize=10, framealpha=0.9)
    else:
        ax_acc.set_visible(False)
    top = float(ax_loss.get_ylim()[1])
    x_end = float(ds["epochs"])
    ax_loss.set_xlim(0, x_end)
    ax_acc.set_xlim(0, x_end)
    title = fig.suptitle(f"Default run ({history_label(default)}, grey): loss {default.train_loss[0]:.4f} → "
                         f"{default.train_loss[-1]:.4f} after {ds['epochs']} epochs.\n"
                         "Choose a batch size and a learning rate, then press Train.", fontsize=13)
    view = FigureView(fig, dpi=dpi)

    def _b_label(b):
        return f"all {n:,} (GD)" if b is None else f"{b:,}"

    start_b = 100 if 100 in batch_sizes else batch_sizes[0]
    start_lr = 0.1 if 0.1 in learning_rates else learning_rates[0]
    s_batch = widgets.ToggleButtons(options=[(_b_label(b), b) for b in batch_sizes], value=start_b,
                                    description="batch size", style={"button_width": "105px",
                                                                     "description_width": "80px"})
    s_lr = widgets.ToggleButtons(options=[(f"{v:g}", v) for v in learning_rates], value=start_lr,
                                 description="learning rate", style={"button_width": "70px",
                                                                    "description_width": "80px"})
    button = widgets.Button(description="Train", button_style="primary", icon="play",
                            tooltip="train a new network with these settings")
    progress = widgets.IntProgress(value=0, min=0, max=1, description="", layout=widgets.Layout(width="320px"))
    status = widgets.HTML(value="")
    state = {"history": None, "capped": False, "seconds": float("nan"), "renders_during_run": 0}

    def _plan_text(b):
        run_epochs, n_steps, _ = plan_run(b, n, epochs, max_updates, n_evals)
        text = f"{run_epochs} epoch{'s' if run_epochs != 1 else ''} = {n_steps:,} updates"
        if run_epochs < epochs:
            text += f" (budget {max_updates:,} updates: {epochs} epochs would need {n_steps // run_epochs * epochs:,})"
        return text

    def _show_plan(change=None):
        if not button.disabled:
            status.value = f"Next run: {_plan_text(s_batch.value)}."

    def train(_=None):
        b, lr = s_batch.value, float(s_lr.value)
        run_epochs, n_steps, eval_every = plan_run(b, n, epochs, max_updates, n_evals)
        for w in (button, s_batch, s_lr):
            w.disabled = True
        progress.max, progress.value = n_steps, 0
        progress.bar_style = "info"
        status.value = f"Training: {_plan_text(b)} …"
        last = [time.perf_counter()]
        state["renders_during_run"] = 0

        def on_eval(step, hist):
            progress.value = step
            if step == 0:
                return
            j = int(np.searchsorted(hist.eval_step, step))
            status.value = (f"Training: update {step:,} of {n_steps:,}, "
                            f"loss on all training images {hist.train_loss[j]:.4f}")
            now = time.perf_counter()
            if now - last[0] > 1.0 and step < n_steps:  # live curves, at most once a second
                set_curves(chosen, hist)
                view.refresh()
                state["renders_during_run"] += 1
                last[0] = time.perf_counter()

        t0 = time.perf_counter()
        try:
            net = TwoLayerNet(x.shape[1], hidden, 10, rng=seed)
            hist = train_sgd(net, x, t, batch_size=b, lr=lr, epochs=run_epochs, rng=seed, sampling=sampling,
                             eval_every=eval_every, progress=False, callback=on_eval, **test)
        except Exception as err:  # noqa: BLE001 - show the problem in the widget, keep it usable
            progress.bar_style = "danger"
            status.value = f"<b>Training failed:</b> {type(err).__name__}: {err}"
            raise
        finally:
            for w in (button, s_batch, s_lr):
                w.disabled = False
        seconds = time.perf_counter() - t0
        state.update(history=hist, capped=run_epochs < epochs, seconds=seconds)
        set_curves(chosen, hist)
        finite = hist.train_loss[np.isfinite(hist.train_loss)]
        ax_loss.set_ylim(0, max(top, 1.1 * float(finite.max())) if finite.size else top)
        x_max = max(float(ds["epochs"]), float(run_epochs))
        ax_loss.set_xlim(0, x_max)
        ax_acc.set_xlim(0, x_max)
        title.set_text(_describe(hist, default, run_epochs < epochs, epochs))
        progress.value = n_steps
        progress.bar_style = "success"
        acc = f", test accuracy {hist.test_acc[-1]:.1%}" if have_test else ""
        status.value = (f"Done: {run_epochs} epoch{'s' if run_epochs != 1 else ''} = {n_steps:,} updates in "
                        f"{seconds:.1f} s (with {hist.eval_step.size} evaluations for the plot){acc}.")
        view.refresh()
        return hist

    button.on_click(train)
    s_batch.observe(_show_plan, names="value")
    _show_plan()
    box = widgets.VBox([s_batch, s_lr, widgets.HBox([button, progress, status]), view.image])
    box.selectors = {"batch_size": s_batch, "lr": s_lr}
    box.button = button
    box.progress = progress
    box.status = status
    box.view = view
    box.fig = fig
    box.axes = (ax_loss, ax_acc)
    box.curves = {"default": default_lines, "chosen": chosen}
    box.title = title
    box.state = state
    box.train = train
    box.default = default
    return box
