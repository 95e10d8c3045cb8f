"""Shared pytest fixtures.

``real_mnist`` gives the real MNIST arrays. They must be in the cache (the
README's test command fetches them first). Under CI (``CI=true``) a missing
cache FAILS the test instead of skipping it, so CI can never pass without
having checked the real data (``require`` in ``tests/support.py``, shared with
``tests/browser/``).
"""

from __future__ import annotations

import pytest

from tests.support import require


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

    require(mnist.is_cached(),
            "real MNIST is not in the cache; run `python -m helpers.mnist` first")
    return mnist.load_mnist(normalize=True, flatten=True, one_hot_label=False)


@pytest.fixture(scope="session", autouse=True)
def delete_output_dir(request):
    """Replaces pytest-playwright's autouse fixture of this name.

    Its version empties ``--output`` at the start of EVERY session, a unit-test-only
    run included. Here the last browser run's artifacts are only cleared when this
    session runs browser tests (``@pytest.mark.browser``).
    """
    import shutil

    output = request.config.getoption("--output", default=None)
    if output and any(item.get_closest_marker("browser") for item in request.session.items):
        shutil.rmtree(output, ignore_errors=True)
