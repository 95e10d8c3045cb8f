"""English: the text of the full topic (keys "full.*").

Lesson 02's figures (:mod:`helpers.plots.full`; the histogram also in lesson 03).
"""

MESSAGES = {
    # the distribution of the per-sample losses (plot_loss_histogram)
    "full.histogram.title": "Most losses are small, a few are huge:\n"
                            "the mean ({mean}) is {ratio}× the median ({median})",
    "full.histogram.title_zero_median": "Most losses are small, a few are huge:\n"
                                        "mean {mean}, median {median}",
    "full.histogram.threshold": "loss < {threshold}: {share} of images",
    "full.histogram.images": "{n} images",
    "full.histogram.mean": "mean {mean}",
    "full.histogram.median": "median {median}",
    "full.histogram.below": "{share} of images\nbelow the mean",
    "full.histogram.above": "{share} of images\nat or above the mean",
    "full.histogram.xlabel": "loss of one image, {formula} (nats)",
    "full.histogram.xlabel_log": "loss of one image, {formula} (nats, log scale)",
    "full.histogram.ylabel": "number of images per bin",
    "full.histogram.ylabel_log": "number of images per bin (log scale)",
    # the share of the total loss carried by the worst images (plot_loss_share)
    "full.share.equal": "if all cost the same",
    "full.share.sorted": "sorted, worst first",
    "full.share.worst_one": "worst 1 image: {share} of the loss",
    "full.share.worst": "worst {k} images: {share} of the loss",
    "full.share.xlabel": "share of images, worst first (%)",
    "full.share.ylabel": "share of the total loss (%)",
    "full.share.title": "The worst {top} of images\ncarry {share} of the total loss",
    # a grid of images (plot_image_grid)
    "full.grid.title": "label {label}, predicted {predicted}",
    "full.grid.loss": "loss {loss}",
    # the time of the full loss against N (plot_cost_vs_n)
    "full.cost.runs": "each of {runs} runs",
    "full.cost.fit": "fit through 0: {us} µs × N",
    "full.cost.medians": "median of the runs",
    "full.cost.xlabel": "N, number of images in the loss",
    "full.cost.ylabel": "time for forward pass + CEE (ms)",
    "full.cost.title": "The time grows in proportion to N:\nabout {us} µs per image",
}
