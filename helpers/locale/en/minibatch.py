"""English: the text of the minibatch topic (keys "minibatch.*").

Lesson 03 (random mini-batches): the figures of :mod:`helpers.plots.minibatch` and the
explorer of :mod:`helpers.widgets.minibatch`. Numbers come in already formatted (fmt4,
``{:,}``, ``{:.0%}``) as fields.
"""

MESSAGES = {
    # -- describe_draws: the two-line title of the histogram (the widget's finding) ---------
    # each line at most about 55 characters: at 17 pt it fits the 8.2 in figure
    "minibatch.title.close_10pct": "within 10%",
    "minibatch.title.close_se": "within ±1 SE",
    "minibatch.title.whole_data": ("B = N = {n}, no replacement: each batch IS the data\n"
                                   "every batch loss equals the full loss {full}: error 0"),
    "minibatch.title.one_draw": ("B = {b}: one mini-batch loss {loss}, full loss {full}\n"
                                 "one draw shows no spread: draw more mini-batches"),
    "minibatch.title.head": "B = {b}: spread ±{spread} around the full loss {full}",
    "minibatch.title.tail": "{within} of {n_draws} batches {close} of it, {below} below it",
    "minibatch.title.tail_one": "a batch of one image: {within} {close}, {below} below",
    "minibatch.title.repeats": "{b} picks repeat images and miss {missed} of them",
    "minibatch.title.distinct": "{b} picks: only about {held} distinct images",

    # -- plot_minibatch_hist: the histogram of mini-batch losses -----------------------------
    "minibatch.hist.count_one": "{n} mini-batch loss",
    "minibatch.hist.count_many": "{n} mini-batch losses",
    "minibatch.hist.count_of_b": "{count} of B = {b}",
    "minibatch.hist.none_below": "none below the full loss",
    "minibatch.hist.all_equal": "all equal to the full loss",
    "minibatch.hist.below": "{pct}% below the full loss",
    "minibatch.hist.above": "{pct}% at or above it",
    "minibatch.hist.outside": "{outside} of {n_draws} draws outside {lo}…{hi}",
    "minibatch.hist.full_loss": "full loss {loss}",
    "minibatch.hist.se_band": "±1 standard error",
    "minibatch.hist.median": "median of the draws",
    "minibatch.hist.xlabel": "mini-batch loss (mean CEE of the batch, nats)",
    "minibatch.hist.ylabel": "share of the batches per bin (%)",
    "minibatch.hist.title": ("Mini-batch losses scatter ±{spread} around the full loss {full}\n"
                             "their average {mean} lands on it; {below} of them are below it"),

    # -- plot_error_vs_batch: the spread against the batch size ------------------------------
    "minibatch.error.theory_with": "theory, with replacement: σ/√B",
    "minibatch.error.theory_without": "theory, without replacement (G4)",
    "minibatch.error.measured_with": "measured, with",
    "minibatch.error.measured_without": "measured, without",
    "minibatch.error.zero": "without, B = N: exactly 0",
    "minibatch.error.current": "current draws",
    "minibatch.error.xlabel": "batch size B (log scale)",
    "minibatch.error.ylabel": "spread of the mini-batch loss (nats, log)",
    "minibatch.error.title": "Measured spread of the mini-batch loss vs σ/√B",

    # -- plot_se_vs_population: the standard error against the population size ---------------
    "minibatch.se_pop.mark_95": "N = {n}\n1 SE: ±{se}\n95%: ±{half}",
    "minibatch.se_pop.xlabel": "population size N (log scale)",
    "minibatch.se_pop.ylabel": "standard error",
    "minibatch.se_pop.ylabel_unit": "standard error ({unit})",
    "minibatch.se_pop.legend_title": "sample size (dotted: σ/√B)",
    "minibatch.se_pop.title": "The error depends on the sample size B, hardly on the population N",

    # -- minibatch_explorer: controls, the error figure's title, the readout -----------------
    "minibatch.widget.batch_size": "batch size B",
    "minibatch.widget.n_draws": "number of mini-batches",
    "minibatch.widget.seed": "seed",
    "minibatch.widget.with": "with replacement (book)",
    "minibatch.widget.without": "without replacement",
    "minibatch.widget.error_title": "the spread of these draws (★) against B",
    "minibatch.readout.about": "about ±{x}",
    "minibatch.readout.tiny": "less than 0.0001",
    "minibatch.readout.whole_data": (
        "<b>B = N = {b} without replacement:</b> each batch contains every image exactly "
        "once, so every batch loss equals the full loss <b>{full}</b>. The "
        "standard error σ/√B·√((N−B)/(N−1)) is exactly <b>0</b>."),
    "minibatch.readout.head_with": "<b>{d} draws of B = {b} with replacement.</b>",
    "minibatch.readout.head_without": "<b>{d} draws of B = {b} without replacement.</b>",
    "minibatch.readout.head_with_one": "<b>{d} draw of B = {b} with replacement.</b>",
    "minibatch.readout.head_without_one": "<b>{d} draw of B = {b} without replacement.</b>",
    "minibatch.readout.average": ("Average of the batch losses <b>{mean}</b> vs the full loss "
                                  "<b>{full}</b>."),
    "minibatch.readout.average_many": (
        "Average of the batch losses <b>{mean}</b> vs the full loss <b>{full}</b> "
        "(unbiased, i.e. right on average: the average of {d} draws misses it by "
        "{about} root-mean-square; more draws, closer)."),
    "minibatch.readout.spread": (
        "Median <b>{median}</b>: {below} of the batches are below the full loss. "
        "Spread ±<b>{spread}</b> (theory, the standard error: <b>{se}</b>, the root-mean-square "
        "miss); <b>{within}</b> of the batches land within ±1 standard error."),
    "minibatch.readout.one_draw": (
        "Theory: a batch misses by <b>{se}</b> root-mean-square (the standard error); "
        "draw more mini-batches to count how many land within it."),
    "minibatch.readout.simulated": (
        "<i>(So many draws of such large batches are simulated, not drawn: from a "
        "distribution with the same mean, spread and lopsidedness (skew, G3), to "
        "stay fast. Fewer draws are real.)</i>"),
}
