"""Shared pytest fixtures.

``real_mnist`` gives the real MNIST arrays. They must be in the cache (the
README's test command fetches them first). Under CI (``CI=true``) a missing
cache FAILS the test instead of skipping it, so CI can never pass without
having checked the real data.
"""

from __future__ import annotations

import os

import pytest


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition: bool, reason: str) -> None:
    """Skip with ``reason`` outside CI, fail with it under CI."""
    if condition:
        return
    if _in_ci():
        pytest.fail(f"required under CI=true: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every pyplot figure a test opened (without importing pyplot where no test did)."""
    yield
    import sys

    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")


@pytest.fixture(scope="session")
def real_mnist():
    """``((x_train, t_train), (x_test, t_test))``: normalized float32, integer labels."""
    from helpers import mnist

    require(mnist.is_cached(), "real MNIST is not in the cache; run `python -m helpers.mnist` first")
    return mnist.load_mnist(normalize=True, flatten=True, one_hot_label=False)
