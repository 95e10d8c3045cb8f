"""English: the text of the single topic (keys "single.*").

Lesson 01's figures (:mod:`helpers.plots.single`) and widgets (:mod:`helpers.widgets.single`).
"""

MESSAGES = {
    # what a probability p on the right class says (verdict_words)
    "single.verdict.wins": "over half: the right class wins",
    "single.verdict.uniform": "as much as a uniform guess",
    "single.verdict.timid": "more than a uniform guess, not half",
    "single.verdict.wrong": "less than a uniform guess",
    # the -log curve (neg_log_title, plot_neg_log)
    "single.neg_log.title_infinite": "p = 0 on the right class: E = −log(0) = +∞\n"
                                     "(that is why we add δ)",
    "single.neg_log.title_capped": "p = 0 on the right class: log(0) = −∞, so δ = {delta}\n"
                                   "caps the loss at E = −log(0 + δ) = {loss}",
    "single.neg_log.title_sure": "p = 1 on the right class: sure and right, no loss at all\n"
                                 "E = −log(1 + δ) = {loss}",
    "single.neg_log.title": "p = {p} on the right class ({verdict})\nE = −log({p} + δ) = {loss}",
    "single.neg_log.title_no_points": "The loss grows without bound as p → 0",
    "single.neg_log.curve": "loss E = {name}",
    "single.neg_log.cap": "cap −log(δ) = {loss}",
    "single.neg_log.xlabel": "p = probability the network gives the right class",
    "single.neg_log.ylabel": "loss E (nats)",
    # CEE against SSE (plot_cee_vs_sse)
    "single.cee_sse.cee": "cross-entropy error (CEE)",
    "single.cee_sse.sse": "sum of squares error (SSE)",
    "single.cee_sse.off_chart": "CEE goes off the chart:\n{loss} at p = {p}",
    "single.cee_sse.xlabel": "p = probability of the right class",
    "single.cee_sse.ylabel": "loss of one sample (CEE in nats)",
    "single.cee_sse.title": "SSE never exceeds {sse}; CEE reaches {cee}",
    # the 10 probabilities of one image (plot_probabilities, update_probabilities)
    "single.probabilities.true": "true class\n{p}",
    "single.probabilities.guess": "wrong guess\n{p}",
    "single.probabilities.xlabel": "class k (the digit)",
    "single.probabilities.ylabel": "probability $y_k$",
    # one prediction (prediction_title, plot_prediction)
    "single.prediction.this_image": "This image",
    "single.prediction.test_image": "Test image {index}",
    "single.prediction.training_image": "Training image {index}",
    "single.prediction.right": "{who} is a {t}; the network says {guess}: right",
    "single.prediction.wrong": "{who} is a {t}, but the network says {guess} ({p}): wrong",
    "single.prediction.small_loss": "confident, small loss",
    "single.prediction.moderate_loss": "moderate loss",
    "single.prediction.large_loss": "large loss",
    "single.prediction.label": "label t = {t}",
    "single.prediction.output": "the network's output y (softmax)",
    # the curve widget (cee_curve_widget)
    "single.curve.slider": "p (right class)",
    "single.curve.jump": "jump to",
    "single.curve.choose": "(choose a value)",
    "single.curve.stop_sure": "1 (sure and right)",
    "single.curve.stop_book": "0.6 (the book's example 1)",
    "single.curve.stop_uniform": "0.1 (example 2, a uniform guess)",
    "single.curve.stop_cap": "0 (δ caps the loss)",
    "single.curve.readout_cap": " (the cap −log(δ): log(0) alone would be −∞)",
    "single.curve.readout_below_zero": " (just below 0: 4 decimals print it as -0.0000)",
    # the prediction browser (prediction_widget)
    "single.browser.slider_test": "test image",
    "single.browser.slider_training": "training image",
    "single.browser.jump": "jump to",
    "single.browser.choose": "(choose an interesting example)",
    "single.browser.example": "{name}: image {index}",
    "single.browser.most_confident_right": "most confident right",
    "single.browser.most_confident_wrong": "most confident wrong",
    "single.browser.highest_loss": "highest loss",
    "single.browser.closest_to_mean": "loss closest to the mean",
    "single.browser.readout": "image {i}: loss <b>{loss}</b>, rank {rank} of {n} "
                              "from the worst (mean loss of all {n}: {mean})",
}
