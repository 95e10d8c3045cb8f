"""English: the text of the check topic (keys "check.*").

The feedback of the self-checking exercises (:mod:`helpers.check`): the verdict, what was
wrong and the hint. Numbers, shapes and code come in as {fields}, already formatted.
"""

MESSAGES = {
    # the verdict (_correct, _wrong)
    "check.verdict.correct": "✅ Correct: {what}",
    "check.verdict.not_yet": "❌ Not yet: {problem}",
    "check.verdict.hint": "Hint: {hint}",
    # calling the student's function (_unfinished, _name, _printed, _signature_problem, _call)
    "check.unfinished.problem": "`{name}` returned nothing yet.",
    "check.unfinished.hint": "replace the `...` in the function with your code and make it "
                             "`return` the result.",
    "check.your_function": "your function",
    "check.unprintable": "<{kind} that cannot be printed>",
    "check.signature.problem": "`{name}` takes ({have}), but the check calls it with {count} "
                               "arguments: `{name}({want})`.",
    "check.signature.hint": "define it with exactly these parameters: def {name}({want}):",
    "check.not_callable.problem": "expected a function, got {kind}.",
    "check.not_callable.hint": "pass the function itself, without ().",
    # the student's function raised (_raised_parts)
    "check.raised.line": "(line {line})",
    "check.raised.line_code": "(line {line}: `{code}`)",
    "check.raised.exit.problem": "`{name}` called exit(){where}.",
    "check.raised.exit.hint": "remove the exit() / sys.exit() call and `return` the result.",
    "check.raised.problem": "`{name}` raised {kind}: {error}{where}.",
    "check.raised.hint": "run it on a small example in a cell of its own and look at the shapes.",
    # what was returned cannot be used (_guarded): the hint says what to return
    "check.guard.problem": "the check could not use what `{name}` returned: {kind}: {error}.",
    "check.guard.number": "return one plain number (a float, e.g. the result of np.sum).",
    "check.guard.probability": "return the probability, one plain number in [0, 1] (e.g. the "
                               "result of np.exp).",
    "check.guard.indices": "return a plain NumPy array of indices: "
                           "rng.choice(n, batch_size, replace=False).",
    "check.guard.params": "return a plain dict of NumPy arrays (or update params in place).",
    # the answer's name in the hints of _as_number ("return {what} as a float.")
    "check.what.loss": "the loss",
    "check.what.probability": "the probability",
    "check.what.standard_error": "the standard error",
    "check.what.batch_size": "the batch size",
    "check.what.share": "the share",
    "check.what.epochs": "the number of epochs",
    "check.what.lr": "the learning rate",
    # one number expected (_as_number)
    "check.complex.hint": "the result must be real. A complex value comes from the log or square "
                          "root of a negative number (cmath, np.emath, (-x) ** 0.5) or from a "
                          "`j` in your code.",
    "check.number.bool.problem": "`{name}` returned {value} (a bool), not a number.",
    "check.number.bool.hint": "return {what} itself, not a comparison.",
    "check.number.array.problem": "`{name}` returned an array of shape {shape}, not a single "
                                  "number.",
    "check.number.array.hint": "{what} is ONE number: sum (or average) over the right axis with "
                               "np.sum (no keepdims), or take float(...) of a one-element result.",
    "check.number.complex.problem": "`{name}` returned a complex number ({value}).",
    "check.number.zero_d.problem": "`{name}` returned a 0-d array of dtype {dtype}, not a number.",
    "check.number.zero_d.hint": "return {what} as a number.",
    "check.number.string.problem": "`{name}` returned a string ({value}), not a number.",
    "check.number.string.hint": "return the number itself, not text (no f\"...\", str() or "
                                "print).",
    "check.number.sequence.problem": "`{name}` returned a {kind} (of {count} values), not a "
                                     "single number.",
    "check.number.sequence.hint": "return {what} as one number (np.sum gives one), not a list.",
    "check.number.generator.problem": "`{name}` returned a {kind}, not a number.",
    "check.number.generator.hint": "a generator expression `(... for ...)` is not a value yet: "
                                   "put it inside sum(...), or use np.sum on an array.",
    "check.number.other.problem": "`{name}` returned {kind}, not a number.",
    "check.number.other.hint": "return {what} as a float (e.g. the result of np.sum).",
    "check.number.overflow.problem": "`{name}` returned an integer too large for a float.",
    "check.number.overflow.hint": "return {what} as a float; an integer this large cannot be "
                                  "right.",
    "check.number.float_refused.problem": "`{name}` returned a {kind} that float() refuses "
                                          "({error_kind}: {error}).",
    "check.number.float_refused.hint": "return {what} as a float.",
    # a wrong number no mistake explains (_number_cases); {given} is "n = 5, epochs = 1"
    "check.cases.wrong": "for {given} `{name}` gave {got}, expected {want}.",
    # mistakes several checks recognise
    "check.mistake.sign": "your answer has the wrong sign.",
    "check.mistake.log10": "you used the base-10 logarithm.",
    "check.mistake.classes": "you divided by the number of classes (10).",
    "check.mistake.divided_by_b": "you divided by B, not by its square root.",
    "check.hint.minus_mean": "the loss is MINUS the mean log-probability.",
    # cee_single (notebook 01)
    "check.cee_single.not_finite.problem": "for y = {y} you returned {got}.",
    "check.cee_single.not_finite.hint": "you forgot delta: log(0) gave -inf (and 0 * -inf gives "
                                        "nan). Add {delta} inside the log: np.log(y + {delta}).",
    "check.cee_single.sign.hint": "the loss is MINUS the sum: -np.sum(t * np.log(y + {delta})).",
    "check.cee_single.log10.hint": "the cross-entropy uses the natural log: np.log, not "
                                   "np.log10.",
    "check.cee_single.every_class.problem": "you summed the log of EVERY class.",
    "check.cee_single.every_class.hint": "multiply by the one-hot t so that only the right class "
                                         "counts: t * np.log(y + {delta}).",
    "check.cee_single.classes.hint": "for one sample, sum over the classes: np.sum, not np.mean.",
    "check.cee_single.big_delta.problem": "your delta is too big.",
    "check.cee_single.big_delta.hint": "use delta = {delta}: just enough to avoid log(0), too "
                                       "small to change other values.",
    "check.cee_single.wrong.problem": "for y = {y} and the right class {label} you returned "
                                      "{got}, expected {want}.",
    "check.cee_single.wrong.hint": "E = -sum_k t_k log(y_k + {delta}).",
    "check.cee_single.correct": "your function gives the book's 0.5108 and 2.3026, handles "
                                "y = 0 with delta, and works in float32.",
    # prob_from_loss (notebook 01)
    "check.prob.exp_plus.problem": "you returned exp(+E): a probability cannot be above 1.",
    "check.prob.exp_plus.hint": "E = -log(y), so log(y) = -E: mind the minus sign.",
    "check.prob.base10.problem": "you used base 10: 10 ** -E.",
    "check.prob.base10.hint": "the loss uses the natural log (np.log), so undo it with np.exp.",
    "check.prob.log_again.problem": "you took -log(E) again.",
    "check.prob.log_again.hint": "undo the log with its inverse: if E = -log(y), then "
                                 "y = np.exp(-E).",
    "check.prob.inverse.problem": "you returned 1 / E.",
    "check.prob.inverse.hint": "undo the log with its inverse, np.exp.",
    "check.prob.complement.problem": "you returned 1 - exp(-E): the probability of the WRONG "
                                     "classes together.",
    "check.prob.complement.hint": "the loss reads the right class only: y = np.exp(-E).",
    "check.prob.wrong.problem": "for E = {e} you returned {got}, expected {want}.",
    "check.prob.wrong.hint": "E = -log(y): solve for y (the inverse of np.log is np.exp).",
    "check.prob.correct": "a loss of 0.5108 is y = 0.6, 2.3026 is y = 0.1, 9 is about 1.2e-4, "
                          "and 0 is a sure y = 1.",
    # cee_batch_labels (notebook 02)
    "check.batch.not_finite.problem": "a sample whose right class has probability 0 made your "
                                      "loss {got}.",
    "check.batch.not_finite.hint": "you forgot delta: log(0) gave -inf. Use "
                                   "np.log(y[...] + {delta}).",
    "check.batch.no_mean.problem": "you forgot to divide by the batch size N.",
    "check.batch.no_mean.hint": "divide the sum by batch_size = y.shape[0] so the loss does not "
                                "grow with N.",
    "check.batch.classes.problem": "you divided by the number of classes (10), not the batch "
                                   "size.",
    "check.batch.classes.hint": "divide by batch_size = y.shape[0], the number of samples.",
    "check.batch.columns.problem": "you indexed y[:, t], which picks N columns for EVERY row.",
    "check.batch.columns.hint": "pick one entry per row: y[np.arange(batch_size), t].",
    "check.batch.every_class.problem": "you took the log of every class, not only the right "
                                       "one.",
    "check.batch.every_class.hint": "pick the right class of each row: "
                                    "y[np.arange(batch_size), t].",
    "check.batch.log10.hint": "use the natural log, np.log.",
    "check.batch.wrong.problem": "for a batch of {n} you returned {got}, expected {want}.",
    "check.batch.wrong.hint": "E = -1/N sum_n log(y[n, t_n] + {delta}).",
    "check.batch.correct": "your batch CEE with label targets matches on batches of 1, 4, 5 and "
                           "7, delta included.",
    # cee_labels_both (notebook 02): the hidden cases, then the messages
    "check.both.case.batch": "a batch of 6 with labels of shape (6,)",
    "check.both.case.int": "one sample y of shape (10,) with the Python int label 2",
    "check.both.case.np_int": "one sample y of shape (10,) with the label np.int64(7)",
    "check.both.case.float32": "one float32 sample of shape (10,) with the Python int label 4",
    "check.both.no_reshape.problem": "for {what}, {problem}",
    "check.both.no_reshape.hint": "what type is t here (print type(t))? Which of int, np.int64 "
                                  "and np.ndarray has a .reshape method? Still stuck: open the "
                                  "solution below the check.",
    "check.both.every_class.problem": "for {what} you took the log of every class.",
    "check.both.every_class.hint": "pick only the probability of the true class, y[t].",
    "check.both.classes.hint": "divide by the number of samples, y.shape[0] after making y 2-D.",
    "check.both.wrong.problem": "for {what} you returned {got}, expected {want}.",
    "check.both.wrong.hint": "make one sample a batch of one first (y of shape (1, 10), t of "
                             "shape (1,)), then use the batch formula.",
    "check.both.correct": "your label-form CEE works for a batch and for one sample with an int "
                          "label, as the helpers' version does.",
    # the indices of a mini-batch (_indices)
    "check.indices.hint": "return rng.choice(n, batch_size, replace=False).",
    "check.indices.generator.problem": "`{name}` returned a {kind}, not an array of indices.",
    "check.indices.generator.hint": "a generator is not an array yet: {hint}",
    "check.indices.not_array.problem": "`{name}` returned {kind} that is not an array of "
                                       "indices.",
    "check.indices.shape.problem": "for n = {n}, batch_size = {b} you returned shape {shape}, "
                                   "expected ({b},).",
    "check.indices.shape.hint": "return the array of batch_size indices (not the images).",
    "check.indices.dtype.problem": "your indices have dtype {dtype}, not integers.",
    "check.indices.use_choice": "use rng.choice(n, batch_size, replace=False).",
    "check.indices.outside.problem": "an index is outside 0..{top}.",
    "check.indices.outside.hint": "draw from range(n): rng.choice(n, ...).",
    "check.indices.repeats.problem": "your batch of {b} from {n} has {repeats} repeated indices.",
    "check.indices.repeats.hint": "your batches repeat samples; use replace=False: "
                                  "rng.choice(n, batch_size, replace=False).",
    # sample_without_replacement
    "check.sample.not_random.problem": "your batch is not random.",
    "check.sample.same_seed.problem": "two calls with the same seed gave different batches.",
    "check.sample.same_seed.hint": "draw with the `rng` argument (rng.choice), not np.random.* "
                                   "or a new generator.",
    "check.sample.other_seed.problem": "different seeds gave the same batch.",
    "check.sample.other_seed.hint": "draw with the `rng` argument you are given, not a fixed "
                                    "seed of your own.",
    "check.sample.correct": "distinct indices, the right length and range, reproducible with the "
                            "given rng, and uniformly random subsets.",
    # the statistical case (_randomness_problem)
    "check.random.where": "over {rounds} batches of {b} from {n} (fixed seeds)",
    "check.random.hint": "every sample must be equally likely, independently of the others: "
                         "rng.choice(n, batch_size, replace=False).",
    "check.random.neighbours.blocks": "Contiguous blocks or runs of neighbours",
    "check.random.neighbours.spaced": "Evenly spaced indices",
    "check.random.neighbours.problem": "your batches are not random subsets: {where}, {pairs} "
                                       "pairs of neighbouring indices (i and i + 1) landed in the "
                                       "same batch, where random batches have about {expected}. "
                                       "{shape} are not a random mini-batch.",
    "check.random.gaps.regular": "too regular",
    "check.random.gaps.clustered": "too clustered",
    "check.random.gaps.problem": "your batches are not random subsets: {where}, the gaps between "
                                 "your sorted indices are {kind} (their spread / mean is {cv}, "
                                 "random batches give about 0.94).",
    "check.random.tenths.problem": "your batches are not random subsets: {where}, {count} of the "
                                   "{total} indices lie in {lo}..{hi}, where random batches put "
                                   "about {each} in every tenth of range(n).",
    # standard_error
    "check.se.divided_by_b.hint": "the spread of a mean shrinks like 1/sqrt(B): "
                                  "sigma / np.sqrt(batch_size).",
    "check.se.variance.problem": "you returned the VARIANCE of the mean (sigma^2 / B).",
    "check.se.variance.hint": "take its square root: sigma / np.sqrt(batch_size).",
    "check.se.root_of_all.problem": "you took the square root of sigma / B.",
    "check.se.root_of_all.hint": "only B goes under the square root: sigma / np.sqrt(batch_size).",
    "check.se.multiplied.problem": "you multiplied by sqrt(B).",
    "check.se.multiplied.hint": "a bigger batch gives a SMALLER error: divide, "
                                "sigma / np.sqrt(batch_size).",
    "check.se.wrong.problem": "for sigma = {sigma}, B = {b} you returned {got}, expected {want}.",
    "check.se.wrong.hint": "SE = sigma / sqrt(B).",
    "check.se.correct": "sigma / sqrt(B): 100 samples give a tenth of one sample's spread.",
    # batch_size_for (notebook 03)
    "check.bsf.ratio.problem": "you returned sigma / target, not its square.",
    "check.bsf.solve.hint": "solve sigma / sqrt(B) = target for B: B = (sigma / target) ** 2.",
    "check.bsf.ratio_up.problem": "you returned sigma / target rounded up, not its square.",
    "check.bsf.upside_down.problem": "you squared target / sigma, upside down.",
    "check.bsf.upside_down.hint": "a smaller target needs a BIGGER batch: (sigma / target) ** 2.",
    "check.bsf.nearest.problem": "you rounded to the nearest integer; that can be too small.",
    "check.bsf.round_up.hint": "round UP (math.ceil): the smallest B whose error is at most the "
                               "target.",
    "check.bsf.down.problem": "you rounded down: that batch is slightly too small.",
    "check.bsf.unrounded.problem": "you returned (sigma / target) ** 2 without rounding: a batch "
                                   "size is a whole number of images.",
    "check.bsf.unrounded.hint": "round UP with math.ceil: the smallest whole B that is enough.",
    "check.bsf.one_larger.problem": "for sigma = {sigma}, target = {target} you returned {got}, "
                                    "expected {want}: one larger than the smallest batch size.",
    "check.bsf.one_smaller.problem": "for sigma = {sigma}, target = {target} you returned {got}, "
                                     "expected {want}: one smaller than the smallest batch size.",
    "check.bsf.one_off.hint": "math.ceil((sigma / target) ** 2), with nothing added or taken "
                              "away.",
    "check.bsf.wrong.problem": "`{name}({sigma}, {target})` returned {got}, expected {want}.",
    "check.bsf.wrong.hint": "invert SE = sigma / sqrt(B): B = (sigma / target) ** 2, rounded up.",
    "check.bsf.correct": "B = (sigma / target)² rounded up: half the error costs four times the "
                         "images.",
    # standard_error_from_sample (notebook 03)
    "check.sfs.spread.problem": "you returned the sample's spread, the error of ONE image's "
                                "loss.",
    "check.sfs.spread.hint": "a mean of B losses is sqrt(B) times closer: divide by "
                             "np.sqrt(len(batch_losses)).",
    "check.sfs.divided_by_b.hint": "the spread of a mean shrinks like 1/sqrt(B): divide by "
                                   "np.sqrt(len(batch_losses)).",
    "check.sfs.variance.problem": "you returned the VARIANCE of the mean (spread squared over B).",
    "check.sfs.variance.hint": "take the square root: batch_losses.std() / "
                               "np.sqrt(len(batch_losses)).",
    "check.sfs.mean_over_root.problem": "you divided the MEAN by sqrt(B), not the spread.",
    "check.sfs.mean_over_root.hint": "the standard error is the spread (np.std) of the sample "
                                     "over sqrt(B).",
    "check.sfs.estimate.problem": "you returned the estimate itself (the sample mean), not its "
                                  "error.",
    "check.sfs.estimate.hint": "the error is the sample's spread over sqrt(B): "
                               "batch_losses.std() / sqrt(B).",
    "check.sfs.wrong.problem": "for a sample of {b} losses you returned {got}, expected {want}.",
    "check.sfs.wrong.hint": "estimate sigma by the sample's own spread: batch_losses.std() / "
                            "np.sqrt(len(batch_losses)).",
    "check.sfs.correct": "the sample's spread over sqrt(B): one batch tells both the estimate "
                         "and how far off it typically is.",
    # one parameter after sgd_step (_param_problem)
    "check.param.not_array.problem": "{param} is a {kind}, not a numpy array.",
    "check.param.not_array.hint": "keep the arrays: params[key] -= lr * grads[key] "
                                  "(or params[key] = params[key] - lr * grads[key]).",
    "check.param.complex.problem": "{param} has the complex dtype {dtype}: the parameters must "
                                   "stay real.",
    "check.param.dtype.problem": "{param} has dtype {dtype}, not floats.",
    "check.param.dtype.hint": "params[key] - lr * grads[key] stays a float array: "
                              "no astype(int), no rounding.",
    "check.param.shape.problem": "{param} changed shape from {old} to {new}.",
    "check.param.shape.hint": "subtract element-wise: params[key] - lr * grads[key] "
                              "has the shape of params[key].",
    "check.param.not_finite.problem": "{param} holds NaN or inf.",
    "check.param.not_finite.hint": "params[key] -= lr * grads[key]: nothing else.",
    # sgd_step
    "check.sgd.not_dict.problem": "`{name}` returned {kind}, not a dict of parameters.",
    "check.sgd.not_dict.hint": "update params[key] for every key and return params.",
    "check.sgd.missing.problem": "the result has no {missing}.",
    "check.sgd.missing.hint": "loop over every key: for key in params: ...",
    "check.sgd.unchanged.problem": "{param} did not change.",
    "check.sgd.unchanged.hint": "update every parameter: for key in ('W1', 'b1', 'W2', 'b2').",
    "check.sgd.ascent.problem": "you moved UP the gradient (gradient ascent): the loss would "
                                "grow.",
    "check.sgd.ascent.hint": "subtract: params[key] -= lr * grads[key].",
    "check.sgd.no_lr.problem": "you forgot the learning rate.",
    "check.sgd.no_lr.hint": "scale the step: params[key] -= lr * grads[key].",
    "check.sgd.replaced.problem": "you replaced the parameter with the step.",
    "check.sgd.replaced.hint": "subtract from the old value: params[key] - lr * grads[key].",
    "check.sgd.wrong.problem": "{param} is not params[{param_repr}] - lr * grads[{param_repr}].",
    "check.sgd.wrong.hint": "params[key] -= lr * grads[key].",
    "check.sgd.correct": "every parameter moved by -lr * gradient.",
    # unseen_share (notebook 04)
    "check.unseen.limit.problem": "for n = {n} you gave e**-{epochs} = {got}: the limit for many "
                                  "images, not the share for {n}.",
    "check.unseen.limit.hint": "each draw misses a given image with probability 1 - 1/n; "
                               "multiply over the draws.",
    "check.unseen.one_epoch.problem": "for epochs = {epochs} you gave the share after ONE epoch.",
    "check.unseen.one_epoch.hint": "an epoch is n draws, so epochs epochs are epochs * n draws.",
    "check.unseen.drawn.problem": "you gave the share of images drawn at least once.",
    "check.unseen.drawn.hint": "the question asks for the images never drawn: 1 minus your "
                               "answer.",
    "check.unseen.drawn_chance.problem": "you multiplied the chances of being drawn, 1/n, not of "
                                         "being missed.",
    "check.unseen.drawn_chance.hint": "a draw MISSES a given image with probability 1 - 1/n.",
    "check.unseen.hint": "each of the epochs * n draws misses a given image with probability "
                         "1 - 1/n.",
    "check.unseen.correct": "(1 - 1/n) ** (epochs * n): about e**-epochs for many images.",
    # epochs_of_run (notebook 04)
    "check.epochs.hint": "one epoch is n / batch_size updates.",
    "check.epochs.by_batch.problem": "you divided the updates by the batch size, not by the "
                                     "updates per epoch.",
    "check.epochs.upside_down.problem": "your answer is upside down.",
    "check.epochs.upside_down.hint": "epochs = updates / (updates per epoch) = "
                                     "iters_num / (n / batch_size).",
    "check.epochs.multiplied.problem": "you multiplied by the updates per epoch instead of "
                                       "dividing.",
    "check.epochs.multiplied.hint": "epochs = iters_num / (n / batch_size).",
    "check.epochs.whole.problem": "you counted whole epochs only.",
    "check.epochs.whole.hint": "the run may end inside an epoch: return the fraction too.",
    "check.epochs.no_batch.problem": "you left out the batch size: each update sees batch_size "
                                     "images.",
    "check.epochs.correct": "iters_num / (n / batch_size): the book's 10,000 updates are 16.67 "
                            "epochs of batches of 100, but only 3.33 of batches of 20.",
    # lr_same_ground (notebook 04)
    "check.lr.hint": "keep lr / batch_size the same.",
    "check.lr.upside_down.problem": "your answer is upside down: a smaller batch makes more steps "
                                    "per epoch, so each step must be shorter.",
    "check.lr.root.problem": "you scaled by the square root (the noise of the batch), not by the "
                             "number of steps per epoch.",
    "check.lr.root.hint": "an epoch makes n / batch_size steps of about lr x gradient: keep "
                          "lr / batch_size.",
    "check.lr.kept.problem": "you kept the learning rate: then a batch 5 times smaller covers "
                             "about 5 times the ground per epoch.",
    "check.lr.correct": "lr * new_batch_size / batch_size: batch 20 at 0.02 covers about the "
                        "ground per epoch of batch 100 at 0.1 (five times the steps, each a "
                        "fifth as long).",
}
