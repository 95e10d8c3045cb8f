"""``python -m helpers.network``: make sure the pretrained network is cached, and report it.

``python course.py lab`` and ``test`` run this (after ``python -m helpers.mnist``).
"""

from __future__ import annotations


def main() -> int:
    """Train or load :func:`helpers.network.pretrained` and print one line about it."""
    from helpers.i18n import tr
    from helpers.network import pretrained
    from helpers.paths import display_path, weights_dir

    net = pretrained()
    res = net.meta.get("results", {})
    print(tr("common.pretrained.ready", folder=display_path(weights_dir()),
             train_loss=f"{res.get('train_loss', float('nan')):.4f}",
             test_acc=f"{res.get('test_acc', float('nan')):.4f}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
