"""English: the text of the training topic (keys "training.*").

Notebook 04 (mini-batch SGD): the figures of :mod:`helpers.plots.training`, the
widget of :mod:`helpers.widgets.training` and the progress bar of
:func:`helpers.network.train_sgd`.
"""

MESSAGES = {
    # -- names of runs, in legends and titles (helpers.plots.training.history_label)
    "training.label.all": "all {n} (GD)",
    "training.label.batch": "batch {size}",
    "training.label.lr": "lr {lr}",
    "training.label.replace": "with replacement",
    "training.label.shuffled": "shuffled",
    "training.mode.replace": "with replacement (the book's choice)",
    "training.mode.shuffle": "shuffled each epoch",
    "training.ylabel_full_loss": "loss on all training\nimages (nats)",
    # -- plot_training_curves
    "training.curves.title_noisy": "Each mini-batch loss is noisy ({label})",
    "training.curves.title_one": "Each mini-batch loss is noisy; the full training loss\n"
                                 "falls smoothly: {start} → {end} ({label})",
    "training.curves.title_not_evaluated": "Full training loss (not evaluated yet)",
    "training.curves.title_best": "Lowest full training loss at the end:\n{label} ({loss})",
    "training.curves.xlabel_epoch": "epochs (passes over the training images)",
    "training.curves.xlabel_step": "parameter updates",
    "training.curves.xlabel_seconds": "seconds of training",
    "training.curves.xlabel_epoch_steps": "epochs (1 epoch = {n} parameter updates)",
    "training.curves.ylabel_loss": "cross-entropy loss (nats)",
    "training.curves.legend_batch": "loss of each mini-batch",
    "training.curves.legend_full": "loss on all {n} training images",
    "training.curves.legend_test": "test",
    "training.curves.legend_train": "training",
    "training.curves.test_images_n": "{n} test images",
    "training.curves.test_images": "the test images",
    "training.curves.ylabel_acc": "accuracy (share right)",
    "training.curves.ylabel_test_acc": "test accuracy (share\nof {images})",
    "training.curves.acc_together": "the curves stay together: no overfitting",
    "training.curves.acc_gap": "a gap of {gap}: overfitting?",
    "training.curves.acc_title_end": "Accuracy at the end: training {train}, test {test}\n"
                                     "({verdict})",
    "training.curves.acc_title": "Test accuracy: {start} → {end}\n"
                                 "(images never used for training)",
    "training.curves.acc_title_no_test": "Test accuracy (no test data)",
    # -- plot_batch_size_comparison
    "training.compare.head_epoch": "Per epoch",
    "training.compare.head_step": "Per update",
    "training.compare.head_seconds": "Per second",
    "training.compare.xlabel_epoch": "epochs (training images seen ÷ N, log scale)",
    "training.compare.xlabel_step": "parameter updates (log scale)",
    "training.compare.xlabel_seconds": "estimated seconds of training "
                                       "(updates × time per update)",
    "training.compare.when_epoch": "{n} epoch",
    "training.compare.when_epochs": "{n} epochs",
    "training.compare.when_step": "{n} updates",
    "training.compare.when_seconds": "{s} s",
    "training.compare.after": "{head}: after {when},",
    "training.compare.lowest": "{name} is lowest ({loss})",
    "training.compare.tie": "{names} tie ({losses})",
    "training.compare.lags_one": "; {names} lags ({losses})",
    "training.compare.lags_many": "; {names} lag ({losses})",
    "training.compare.batches": "batches {sizes}",
    "training.compare.and": "{first} and {last}",
    "training.compare.start_note": "all runs start at {loss}\n(update 0, off the log axis)",
    # -- plot_coverage
    # a label with mathtext ($...$) is drawn by mathtext as a whole: in Korean, whose
    # letters mathtext's font lacks, the formula is plain text ("1 − e⁻ᵗ")
    "training.coverage.theory": "theory with replacement: $1 - e^{{-\\mathrm{{{epochs}}}}}$",
    "training.coverage.epochs_var": "epochs",
    "training.coverage.xlabel": "draws made so far, in epochs (images drawn ÷ N)",
    "training.coverage.ylabel": "share of the images\ndrawn at least once",
    "training.coverage.title": "With replacement, one epoch of draws misses {unseen}\n"
                               "of the images (1/e = {e}); shuffling misses none",
    "training.coverage.title_plain": "Share of the images drawn at least once",
    "training.coverage.poisson": "Poisson({lam}): $e^{{-{lam}}}/k!$",
    "training.coverage.counts_xlabel": "times an image is used in one epoch",
    "training.coverage.counts_ylabel": "share of the images",
    "training.coverage.counts_title": "Shuffled: every image exactly once.\n"
                                      "With replacement: 0, 1, 2, 3 ... times",
    # -- training_explorer (the widget)
    "training.explorer.batch_size": "batch size",
    "training.explorer.lr": "learning rate",
    "training.explorer.train": "Train",
    "training.explorer.train_tooltip": "train a new network with these settings",
    "training.explorer.title": "Default (grey, {label}): loss {start} → {end}\n"
                               "after {epochs}. Pick a batch size and a\n"
                               "learning rate, then press Train.",
    "training.explorer.default_label": "default ({label})",
    "training.explorer.default_run": "default run ({label})",
    "training.explorer.yours": "your run",
    "training.explorer.yours_full": "your run: loss on all training images",
    "training.explorer.yours_batch": "your run: loss of each mini-batch",
    "training.explorer.ylabel_test_acc": "test accuracy",
    "training.explorer.epoch": "{n} epoch",
    "training.explorer.epochs": "{n} epochs",
    "training.explorer.plan": "{epochs} = {n} updates",
    "training.explorer.budget": " (budget {budget} updates: {epochs} epochs would need {wanted})",
    "training.explorer.next": "Next run ({settings}): {plan}.",
    "training.explorer.training": "Training: {plan} …",
    "training.explorer.live": "Training: update {step} of {total}, "
                              "loss on all training images {loss}",
    "training.explorer.done": "Done: {epochs} = {n} updates in {seconds} s "
                              "(with {evals} evaluations for the plot){acc}.",
    "training.explorer.done_acc": ", test accuracy {acc}",
    "training.explorer.failed": "<b>Training failed:</b> {kind}: {error}",
    "training.explorer.diverged": "the loss went up / diverged: this learning rate is too large",
    "training.explorer.diverged_title": "{label}, {lr}: the weights became NaN or inf during "
                                        "training\n{diverged}",
    "training.explorer.diverged_status": "<b>Diverged:</b> {diverged} (try a smaller one).",
    "training.explorer.result": "{label}: loss {start} → {end}",
    "training.explorer.when": "{epochs} ({n} updates)",
    "training.explorer.after": "after {when}",
    "training.explorer.after_capped": "after {when}, cut from {wanted} epochs",
    "training.explorer.went_up": "the loss went UP: learning rate too large",
    "training.explorer.barely_moved": "it barely moved: too few updates",
    "training.explorer.same_as_default": "the same as the default's {ref} at that epoch",
    "training.explorer.lower_than_default": "lower than the default's {ref} at that epoch",
    "training.explorer.higher_than_default": "higher than the default's {ref} at that epoch",
    "training.explorer.default_short": "the default run did not get this far",
    # -- train_sgd's progress bar (tqdm)
    "training.progress.desc": "train_sgd",
    "training.progress.unit": "step",
    "training.progress.loss": "train_loss={loss}",
}
