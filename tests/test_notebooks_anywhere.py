"""Every notebook runs from a fresh kernel whose working directory is the repo root.

nbval (in the README's test command) runs each notebook with ``notebooks/`` as
the working directory, the way JupyterLab starts kernels. A student who starts
Python elsewhere, e.g. ``jupyter nbconvert --execute notebooks/01-....ipynb``
from the repository root or a kernel on a hub whose folder is the repo,
must get the same lesson: no relative paths to data, no ``sys.path`` tricks.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_runs_from_the_repo_root(path, real_mnist):
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    # a last cell of ours reports where the kernel really ran
    probe = nbformat.v4.new_code_cell("import os\nprint(os.getcwd())")
    nb.cells.append(probe)
    client = NotebookClient(nb, kernel_name="python3", timeout=300, allow_errors=False,
                            resources={"metadata": {"path": str(ROOT)}})
    client.execute()  # raises CellExecutionError, naming the cell, on any error
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    counts = [c.execution_count for c in code]
    assert counts == list(range(1, len(code) + 1)), f"not every cell ran, in order: {counts}"
    cwd = "".join(o.get("text", "") for o in probe.outputs if o.output_type == "stream").strip()
    assert cwd and Path(cwd).resolve() == ROOT, f"the kernel ran in {cwd!r}, not in {ROOT}"
