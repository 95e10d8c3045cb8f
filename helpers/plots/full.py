"""Figures for notebook 02: the mean loss over the whole training set.

- :func:`plot_loss_histogram`  the distribution of the per-sample losses,
  mean and median marked
- :func:`plot_loss_share`      how much of the total loss the worst samples carry
- :func:`plot_image_grid`      a few images with their labels and predictions
- :func:`plot_cost_vs_n`       measured time of the full loss against N, with a
  fitted straight line

Each function draws on the ``ax`` (or ``axes``) you give, or on a new pyplot
figure, and returns the artists it made.
"""

from __future__ import annotations

import numpy as np

from .style import COLORS, new_axes

__all__ = ["plot_loss_histogram", "plot_loss_share", "plot_image_grid", "plot_cost_vs_n"]

#: Font sizes readable on a classroom projector (as in :mod:`helpers.plots.single`).
_TITLE, _LABEL, _TICK, _NOTE = 13, 12, 11, 11


def _style(ax):
    ax.tick_params(labelsize=_TICK)


def _losses_1d(losses, func):
    losses = np.asarray(losses, dtype=np.float64).reshape(-1)
    if losses.size == 0:
        raise ValueError(f"{func}: losses is empty; expected at least one per-sample loss")
    if not np.isfinite(losses).all():
        raise ValueError(f"{func}: losses contain NaN or inf")
    return losses


def plot_loss_histogram(losses, ax=None, *, bins=60, log_x=True, log_y=False, floor=1e-4, threshold=None):
    """Histogram of per-sample losses with the mean and the median marked.

    Parameters
    ----------
    losses : array_like, shape (N,), float
        One loss per sample, e.g. from
        :func:`helpers.losses.cross_entropy_per_sample`.
    ax : matplotlib.axes.Axes, optional
        Draw here; by default a new pyplot figure.
    bins : int, default 60
        Number of bins.
    log_x : bool, default True
        Logarithmically spaced bins on a log-scaled x axis, from the decade
        below ``max(min(losses), floor)`` to ``1.2 * max(losses)``.
        Losses below the first edge (e.g. 0, or the tiny negative
        ``-log(1 + 1e-7)`` of a prediction of exactly 1) are counted in the
        first bin. ``False``: equal bins from 0 to ``max(losses)``.
    log_y : bool, default False
        Log-scaled counts (shows the few samples in a long tail).
    floor : float, default 1e-4
        Smallest left edge when ``log_x`` (> 0).
    threshold : float, optional
        Shade the losses below this value and put the share of samples
        below it in the legend.

    Returns
    -------
    dict
        ``"hist"``: the :class:`~matplotlib.patches.StepPatch` (its
        ``get_data()`` has ``.values``, the counts, and ``.edges``), ``"mean"`` and
        ``"median"``: vertical :class:`~matplotlib.lines.Line2D`, ``"shade"``:
        the shaded span or None.
    """
    losses = _losses_1d(losses, "plot_loss_histogram")
    if not (isinstance(bins, (int, np.integer)) and bins >= 1):
        raise ValueError(f"plot_loss_histogram: bins must be a positive int, got {bins!r}")
    fig, ax = new_axes(ax, figsize=(7.0, 4.2))
    n = losses.size
    mean, median = float(losses.mean()), float(np.median(losses))
    hi = max(float(losses.max()), 1e-12)
    if log_x:
        lo = max(float(losses.min()), float(floor))
        lo = 10.0 ** np.floor(np.log10(lo))
        hi = max(1.2 * hi, 10 * lo)
        edges = np.geomspace(lo, hi, bins + 1)
        counts, _ = np.histogram(np.clip(losses, lo, hi), bins=edges)
        ax.set_xscale("log")
    else:
        edges = np.linspace(0.0, hi, bins + 1)
        counts, _ = np.histogram(np.clip(losses, 0.0, hi), bins=edges)
    shade = None
    if threshold is not None:
        share = float(np.mean(losses < threshold))
        shade = ax.axvspan(edges[0], threshold, color=COLORS["green"], alpha=0.12, lw=0,
                           label=f"loss < {threshold:g}: {share:.1%} of samples")
    hist = ax.stairs(counts, edges, fill=True, color=COLORS["sky"], alpha=0.85, label=f"{n:,} samples")
    mean_line = ax.axvline(mean, color=COLORS["vermillion"], lw=2.5, label=f"mean {mean:.4f}")
    median_line = ax.axvline(median, color=COLORS["blue"], lw=2.5, ls="--", label=f"median {median:.4f}")
    if log_y:
        ax.set_yscale("log")
        ax.set_ylim(0.7, None)
    else:
        ax.set_ylim(0, 1.4 * max(int(counts.max()), 1))  # headroom: the legend sits above the bars
    ax.set_xlim(edges[0], edges[-1])
    ax.set_xlabel("loss of one sample, $-\\log(y_{\\mathrm{true}} + 10^{-7})$ (nats" + (", log scale)" if log_x else ")"),
                  fontsize=_LABEL)
    ax.set_ylabel("number of samples per bin" + (" (log scale)" if log_y else ""), fontsize=_LABEL)
    if median > 0:
        finding = f"the mean ({mean:.4f}) is {mean / median:.1f}× the median ({median:.4f})"
    else:
        finding = f"mean {mean:.4f}, median {median:.4f}"
    ax.set_title(f"Most losses are small, a few are huge:\n{finding}", fontsize=_TITLE)
    ax.legend(loc="upper right", framealpha=0.9, fontsize=_NOTE - 1)
    _style(ax)
    return {"hist": hist, "mean": mean_line, "median": median_line, "shade": shade}


def plot_loss_share(losses, ax=None, *, mark=0.05):
    """Share of the total loss carried by the worst samples (a concentration curve).

    Sort the samples from the highest loss to the lowest; the curve shows, for
    each share x of samples taken worst first, the share y of the summed loss
    they carry. If every sample cost the same it would be the diagonal.

    Parameters
    ----------
    losses : array_like, shape (N,), float
        Per-sample losses (>= 0; the total must be positive).
    ax : matplotlib.axes.Axes, optional
    mark : float in (0, 1], default 0.05
        Mark the worst ``round(mark * N)`` samples (at least 1).

    Returns
    -------
    dict
        ``"curve"``: Line2D with x = share of samples in percent
        (``0, 100/N, ..., 100``) and y = share of the total loss in percent
        (N + 1 points, starting at 0); ``"equal"``: the diagonal;
        ``"marker"``: Line2D with the one marked point; ``"share"``: that
        point's share of the loss as a fraction (a float).
    """
    losses = _losses_1d(losses, "plot_loss_share")
    total = float(losses.sum())
    if not total > 0:
        raise ValueError("plot_loss_share: the losses must have a positive sum")
    if not 0 < mark <= 1:
        raise ValueError(f"plot_loss_share: mark must be in (0, 1], got {mark!r}")
    fig, ax = new_axes(ax, figsize=(5.5, 4.2))
    n = losses.size
    worst_first = np.sort(losses)[::-1]
    x = np.arange(n + 1) / n * 100
    y = np.concatenate([[0.0], np.cumsum(worst_first)]) / total * 100
    k = max(1, int(round(mark * n)))
    share = float(worst_first[:k].sum() / total)
    equal, = ax.plot([0, 100], [0, 100], color=COLORS["grey"], ls=":", lw=2, label="if every sample cost the same")
    curve, = ax.plot(x, y, color=COLORS["vermillion"], lw=2.5, label="samples sorted, worst first")
    marker, = ax.plot([k / n * 100], [share * 100], "o", color=COLORS["black"], ms=8,
                      label=f"worst {k / n:.0%} ({k:,} samples): {share:.1%} of the loss")
    ax.vlines(k / n * 100, 0, share * 100, color=COLORS["black"], lw=1, ls="--")
    ax.hlines(share * 100, 0, k / n * 100, color=COLORS["black"], lw=1, ls="--")
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 101)
    ax.set_xlabel("share of samples, worst first (%)", fontsize=_LABEL)
    ax.set_ylabel("share of the total loss (%)", fontsize=_LABEL)
    ax.set_title(f"The worst {k / n:.0%} of samples\ncarry {share:.0%} of the total loss", fontsize=_TITLE)
    ax.legend(loc="lower right", framealpha=0.9, fontsize=_NOTE - 1)
    _style(ax)
    return {"curve": curve, "equal": equal, "marker": marker, "share": share}


def plot_image_grid(images, labels, predictions, losses=None, axes=None, *, ncols=4, title=None):
    """Small grid of MNIST images titled with label, prediction and loss.

    Parameters
    ----------
    images : array_like, shape (M, 784) or (M, 28, 28), float
        Pixel intensities (any range; shown dark on light).
    labels, predictions : array_like of int, shape (M,)
        True class and predicted class of each image. Wrong predictions get
        a vermillion title.
    losses : array_like of float, shape (M,), optional
        Loss of each image, printed in its title (2 decimals).
    axes : sequence of matplotlib.axes.Axes, optional
        At least M axes (any extra ones are hidden); by default a new pyplot
        figure with ``ceil(M / ncols)`` rows.
    ncols : int, default 4
    title : str, optional
        A title over the whole figure.

    Returns
    -------
    list of matplotlib.image.AxesImage
        One per image, in order; ``get_array()`` is the (28, 28) image.
    """
    images = np.asarray(images)
    m = images.shape[0] if images.ndim >= 2 else 0
    if m == 0 or images.ndim not in (2, 3):
        raise ValueError(f"plot_image_grid: images must have shape (M, 784) or (M, 28, 28) with M >= 1, got {images.shape}")
    images = images.reshape(m, 28, 28)
    labels = np.asarray(labels).reshape(-1)
    predictions = np.asarray(predictions).reshape(-1)
    if labels.size != m or predictions.size != m or (losses is not None and np.size(losses) != m):
        raise ValueError(f"plot_image_grid: need one label, prediction (and loss) per image ({m})")
    if axes is None:
        import matplotlib.pyplot as plt

        nrows = -(-m // ncols)
        fig, axes = plt.subplots(nrows, ncols, figsize=(2.1 * ncols, 2.45 * nrows + (0.5 if title else 0)),
                                 layout="constrained", squeeze=False)
    axes = list(np.ravel(axes))
    if len(axes) < m:
        raise ValueError(f"plot_image_grid: {m} images but only {len(axes)} axes")
    artists = []
    for i, ax in enumerate(axes):
        ax.set_xticks([])
        ax.set_yticks([])
        if i >= m:
            ax.set_visible(False)
            continue
        artists.append(ax.imshow(images[i], cmap="gray_r", interpolation="nearest"))
        right = int(labels[i]) == int(predictions[i])
        text = f"label {int(labels[i])}, predicted {int(predictions[i])}"
        if losses is not None:
            text += f"\nloss {float(np.ravel(losses)[i]):.2f}"
        ax.set_title(text, fontsize=_NOTE, color=COLORS["black"] if right else COLORS["vermillion"])
    if title is not None:
        axes[0].figure.suptitle(title, fontsize=_TITLE)
    return artists


def plot_cost_vs_n(n, seconds, ax=None):
    """Measured time against the number of samples, with a least-squares line.

    Parameters
    ----------
    n : array_like of int, shape (M,)
        Numbers of samples (M >= 2 distinct values).
    seconds : array_like of float, shape (M,) or (M, R)
        Measured times in seconds; with R repeats per N, every run is drawn
        as a small dot and the median of each row is used for the fit.

    Returns
    -------
    dict
        ``"runs"``: Line2D of every run (None when ``seconds`` is 1-D),
        ``"medians"``: Line2D (x = n, y = median time in ms), ``"fit"``:
        Line2D of the fitted line from 0 to max(n) (y in ms), and the fit
        itself: ``"slope"`` in seconds per sample and ``"intercept"`` in
        seconds.
    """
    n = np.asarray(n, dtype=np.float64).reshape(-1)
    s = np.asarray(seconds, dtype=np.float64)
    if s.ndim == 1:
        s = s[:, None]
        repeats = False
    else:
        repeats = s.shape[1] > 1
    if s.ndim != 2 or s.shape[0] != n.size or np.unique(n).size < 2:
        raise ValueError(f"plot_cost_vs_n: need seconds of shape (M,) or (M, R) for M >= 2 distinct n, got n {n.shape}, seconds {np.shape(seconds)}")
    med = np.median(s, axis=1)
    slope, intercept = np.polyfit(n, med, 1)
    fig, ax = new_axes(ax, figsize=(7.0, 4.2))
    runs = None
    if repeats:
        runs, = ax.plot(np.repeat(n, s.shape[1]), s.reshape(-1) * 1e3, ".", color=COLORS["grey"], ms=6,
                        label=f"each of {s.shape[1]} runs")
    xs = np.array([0.0, n.max()])
    fit, = ax.plot(xs, (intercept + slope * xs) * 1e3, color=COLORS["orange"], lw=2.5,
                   label=f"straight line: {slope * 1e6:.2f} µs × N {'+' if intercept >= 0 else '−'} {abs(intercept) * 1e3:.1f} ms")
    medians, = ax.plot(n, med * 1e3, "o", color=COLORS["blue"], ms=8, label="median of the runs")
    ax.set_xlim(0, n.max() * 1.03)
    ax.set_ylim(0, None)
    ax.xaxis.set_major_formatter(lambda v, pos: f"{v:,.0f}")
    ax.set_xlabel("N, number of samples in the loss", fontsize=_LABEL)
    ax.set_ylabel("time for forward pass + CEE (ms)", fontsize=_LABEL)
    ax.set_title(f"The cost grows in a straight line with N:\nabout {slope * 1e6:.2f} µs per sample", fontsize=_TITLE)
    ax.legend(loc="upper left", framealpha=0.9, fontsize=_NOTE - 1)
    _style(ax)
    return {"runs": runs, "medians": medians, "fit": fit, "slope": float(slope), "intercept": float(intercept)}
