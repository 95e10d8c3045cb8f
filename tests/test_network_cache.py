"""Tests for helpers.network.cache: pretrained(), read-only folders, concurrency, corrupt files.

The training data are replaced by a tiny synthetic problem (the loader is
monkeypatched, or patched by the small script the subprocess tests run), so
these tests train in milliseconds. ``test_pretrained_on_real_mnist`` uses the
real data.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import helpers.network
import helpers.network.cache as pt
from helpers.network import PRETRAINED_RECIPE, TwoLayerNet, pretrained

TINY_RECIPE = dict(data="fake", input_size=8, hidden_size=6, output_size=3, weight_init_std=0.1,
                   seed=0, epochs=10, batch_size=30, lr=1.0, replace=False, dtype="float32")


def tiny_problem(n=300, d=8, k=3, seed=0, n_test=60):
    """``(x, t), (x_test, t_test)``: a linearly separable problem, float32 inputs."""
    rng = np.random.default_rng(seed)
    w = rng.standard_normal((d, k))
    x = rng.standard_normal((n + n_test, d)).astype(np.float32)
    t = (x @ w).argmax(axis=1)
    return (x[:n], t[:n]), (x[n:], t[n:])


@pytest.fixture
def fake_cache(tmp_path, monkeypatch):
    """pretrained() with a tiny recipe, fake data and a cache in tmp_path; counts trainings."""
    monkeypatch.setenv("MINIBATCH_CEE_DATA", str(tmp_path))
    monkeypatch.setattr(pt, "PRETRAINED_RECIPE", dict(TINY_RECIPE))
    loads = []

    def fake_data():
        loads.append(1)
        return tiny_problem()

    monkeypatch.setattr(pt, "_load_training_data", fake_data)
    return tmp_path / "weights", loads


def npz_files(folder):
    return sorted(p.name for p in folder.iterdir() if p.suffix == ".npz")


def test_recipe_uses_the_package_vocabulary():
    assert PRETRAINED_RECIPE is pt.PRETRAINED_RECIPE
    assert PRETRAINED_RECIPE["replace"] is False and "sampling" not in PRETRAINED_RECIPE
    assert helpers.network.pretrained is pretrained  # the function, not the submodule


def test_pretrained_cache_behaviour(fake_cache, monkeypatch, capsys):
    folder, loads = fake_cache
    net = pretrained(progress=False)
    files = npz_files(folder)
    assert loads == [1] and len(files) == 1 and files[0].startswith("twolayer-")
    assert net.meta["recipe"] == TINY_RECIPE and net.meta["results"]["train_acc"] > 0.8
    assert set(os.listdir(folder)) <= {files[0], files[0] + ".lock"}  # no temp files left
    with np.load(folder / files[0], allow_pickle=False) as f:
        assert json.loads(str(f["meta"]))["recipe"] == TINY_RECIPE

    again = pretrained(progress=False)  # from the cache: no training
    assert loads == [1]
    for k in net.params:
        np.testing.assert_array_equal(again.params[k], net.params[k])

    pretrained(retrain=True, progress=False)
    assert loads == [1, 1]
    np.testing.assert_array_equal(pretrained(progress=False).params["W1"], net.params["W1"])

    monkeypatch.setattr(pt, "PRETRAINED_RECIPE", dict(TINY_RECIPE, lr=0.5))  # new key -> retrain
    other = pretrained(progress=False)
    assert loads == [1, 1, 1] and len(npz_files(folder)) == 2
    assert not np.array_equal(other.params["W1"], net.params["W1"])
    assert capsys.readouterr().err == ""  # all of this silently


BROKEN = {
    "not a zip": lambda path: path.write_bytes(b"not a zip file"),
    "empty": lambda path: path.write_bytes(b""),
    "truncated": lambda path: path.write_bytes(path.read_bytes()[:100]),
    "other shapes": lambda path: _save_as(TwoLayerNet(8, 7, 3, rng=0), TINY_RECIPE, path),
    "other recipe": lambda path: _save_as(TwoLayerNet(8, 6, 3, rng=0), dict(TINY_RECIPE, lr=9.0),
                                          path),
}


def _save_as(net, recipe, path):
    net.meta = {"recipe": recipe}
    net.save(path)


@pytest.mark.parametrize("case", list(BROKEN))
def test_unusable_cache_is_retrained_with_one_plain_line(fake_cache, capsys, case):
    folder, loads = fake_cache
    net = pretrained(progress=False)
    (name,) = npz_files(folder)
    BROKEN[case](folder / name)
    fixed = pretrained(progress=False)
    err = capsys.readouterr().err
    assert loads == [1, 1] and fixed.sizes == (8, 6, 3)
    np.testing.assert_array_equal(fixed.params["W1"], net.params["W1"])
    assert err.count("\n") == 1 and err.startswith("pretrained(): the cached weights are unusable")
    assert "Traceback" not in err and "Warning" not in err
    pretrained(progress=False)  # the repaired file loads silently
    assert loads == [1, 1] and capsys.readouterr().err == ""


@pytest.mark.parametrize("error", [PermissionError(errno.EACCES, "Permission denied"),
                                   OSError(errno.ENOSPC, "No space left on device")])
def test_unwritable_cache_returns_the_net_and_says_so_once(fake_cache, monkeypatch, capsys, error):
    folder, loads = fake_cache
    reference = pretrained(progress=False)  # a normal run, to compare with
    (tmp_path := folder.parent / "ro").mkdir()
    monkeypatch.setenv("MINIBATCH_CEE_DATA", str(tmp_path))

    def refuse(self, path):
        raise error

    monkeypatch.setattr(TwoLayerNet, "save", refuse)
    net = pretrained(progress=False)
    err = capsys.readouterr().err
    assert loads == [1, 1]
    for k in net.params:
        np.testing.assert_array_equal(net.params[k], reference.params[k])
    assert err.count("\n") == 1 and "could not save the trained weights" in err
    assert "MINIBATCH_CEE_DATA" in err and error.strerror in err and "Traceback" not in err
    assert not list((tmp_path / "weights").glob("*.npz"))


def test_folder_that_cannot_be_created_trains_in_memory(fake_cache, monkeypatch, capsys):
    folder, loads = fake_cache
    blocker = folder.parent / "a-file"
    blocker.write_text("the data folder would have to be inside this file")
    monkeypatch.setenv("MINIBATCH_CEE_DATA", str(blocker / "data"))  # mkdir fails, even as root
    net = pretrained(progress=False)
    err = capsys.readouterr().err
    assert loads == [1] and net.meta["results"]["train_acc"] > 0.8
    assert err.count("\n") == 1 and "MINIBATCH_CEE_DATA" in err and "Traceback" not in err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores chmod")
def test_really_read_only_folder(fake_cache, capsys):
    folder, loads = fake_cache
    folder.mkdir()
    folder.chmod(0o555)
    try:
        net = pretrained(progress=False)
    finally:
        folder.chmod(0o755)
    assert loads == [1] and net.sizes == (8, 6, 3) and not list(folder.iterdir())
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "MINIBATCH_CEE_DATA" in err


def test_read_only_folder_with_valid_weights_loads_without_writing(fake_cache, monkeypatch):
    folder, loads = fake_cache
    trained = pretrained(progress=False)
    for p in folder.iterdir():  # keep only the weights, as a shared read-only folder would
        if p.suffix != ".npz":
            p.unlink()
    before = sorted(os.listdir(folder))

    def no_write(*args, **kwargs):
        raise AssertionError("pretrained() tried to write or lock")

    import filelock

    monkeypatch.setattr(filelock, "FileLock", no_write)
    monkeypatch.setattr(TwoLayerNet, "save", no_write)
    if os.name == "posix":
        folder.chmod(0o555)  # effective for non-root users
    try:
        net = pretrained(progress=False)
    finally:
        folder.chmod(0o755)
    assert loads == [1] and sorted(os.listdir(folder)) == before  # no lock file
    np.testing.assert_array_equal(net.params["W1"], trained.params["W1"])


def test_training_runs_with_one_blas_thread(fake_cache, monkeypatch):
    from threadpoolctl import threadpool_info

    seen = []
    inner = pt.train_sgd

    def spy(*args, **kwargs):
        seen.append({i["internal_api"]: i["num_threads"] for i in threadpool_info()})
        return inner(*args, **kwargs)

    monkeypatch.setattr(pt, "train_sgd", spy)
    pretrained(progress=False)
    assert len(seen) == 1 and seen[0] and set(seen[0].values()) == {1}


@pytest.mark.parametrize("kwargs, match", [(dict(retrain="yes"), "retrain must be True or False"),
                                           (dict(retrain=1), "retrain must be True or False"),
                                           (dict(progress=None), "progress must be True or False")])
def test_pretrained_bad_arguments(fake_cache, kwargs, match):
    with pytest.raises(TypeError, match=match):
        pretrained(**kwargs)
    assert fake_cache[1] == []


def test_main_prints_the_results(fake_cache, capsys):
    from helpers.network.__main__ import main

    assert main() == 0
    out = capsys.readouterr().out
    assert out.startswith("Pretrained network ready in ") and "training CEE 0." in out
    assert "test accuracy 0." in out and fake_cache[1] == [1]


# ---------------------------------------------------------------- concurrency

WORKER = textwrap.dedent("""
    import json, os, sys, time
    from pathlib import Path

    import numpy as np

    import helpers.network  # noqa: F401
    pt = sys.modules["helpers.network.cache"]
    work, me, n_workers, locked = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
    pt.PRETRAINED_RECIPE = json.loads(sys.argv[5])

    def fake_data():  # records each training, and is slow enough for the others to see no file
        with open(work / "trainings.log", "a") as f:
            f.write(me + "\\n")
        time.sleep(0.5)
        rng = np.random.default_rng(0)
        w = rng.standard_normal((8, 3))
        x = rng.standard_normal((360, 8)).astype(np.float32)
        t = (x @ w).argmax(axis=1)
        return (x[:300], t[:300]), (x[300:], t[300:])

    pt._load_training_data = fake_data
    if locked == "no-lock":  # the control: what happens without the lock
        import contextlib, filelock

        class NoLock:
            def __init__(self, *args, **kwargs): pass
            def acquire(self): pass
            def release(self): pass

        filelock.FileLock = NoLock
    (work / f"ready-{me}").touch()
    while len(list(work.glob("ready-*"))) < n_workers:  # start together
        time.sleep(0.01)
    net = pt.pretrained(progress=False)
    print(net.params["W1"].tobytes().hex()[:64])
""")


def _run_workers(tmp_path, n_workers, locked):
    work = tmp_path / "work"
    work.mkdir()
    env = dict(os.environ, MINIBATCH_CEE_DATA=str(tmp_path / "data"))
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, str(work), str(i), str(n_workers),
                               locked, json.dumps(TINY_RECIPE)],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for i in range(n_workers)]
    results = [p.communicate(timeout=300) + (p.returncode,) for p in procs]
    for _, err, code in results:
        assert code == 0, err
    trainings = (work / "trainings.log").read_text().split()
    return trainings, {out.strip() for out, _, _ in results}, [err for _, err, _ in results]


def test_concurrent_processes_on_an_empty_cache_train_once(tmp_path):
    trainings, weights, errs = _run_workers(tmp_path, 4, "lock")
    assert len(trainings) == 1, trainings
    assert len(weights) == 1  # all four got the same net
    assert errs == [""] * 4
    assert len(list((tmp_path / "data" / "weights").glob("*.npz"))) == 1


def test_without_the_lock_the_same_workers_would_train_several_times(tmp_path):
    """The control for the test above: its workers really do race for an empty cache."""
    trainings, weights, _ = _run_workers(tmp_path, 4, "no-lock")
    assert len(trainings) > 1
    assert len(weights) == 1  # deterministic training: the same weights, just wasted work


# ---------------------------------------------------------------- real MNIST


@pytest.mark.realdata
def test_pretrained_on_real_mnist(real_mnist, monkeypatch):
    (x, t), (xt, tt) = real_mnist
    net = pretrained(progress=False)  # trains once (a few s) into weights_dir(), then cached
    train_loss, test_acc = net.loss(x, t), net.accuracy(xt, tt)
    assert train_loss < 0.35 and test_acc > 0.90
    assert net.meta["results"]["train_loss"] == pytest.approx(train_loss, rel=1e-6)
    assert net.meta["results"]["test_acc"] == test_acc
    assert net.meta["recipe"] == PRETRAINED_RECIPE and net.dtype == np.float32

    def no_training(*args, **kwargs):
        raise AssertionError("pretrained() trained again instead of loading its cache")

    monkeypatch.setattr(pt, "train_sgd", no_training)
    again = pretrained(progress=False)  # from the cache: must not train
    for k in net.params:
        np.testing.assert_array_equal(again.params[k], net.params[k])


# ------------------------------------------------ a class's shared, read-only data folder


def forbid_writes(monkeypatch, folders):
    """Make ``folders`` read-only as a normal user sees them (root ignores chmod): os.access
    says no there, and every attempt to open a file for writing, lock, save, or replace fails
    and is recorded."""
    import builtins
    import tempfile
    from pathlib import Path

    import filelock

    writes = []
    real_open, real_os_open, real_access = builtins.open, os.open, os.access
    folders = {Path(f) for f in folders}

    def no_write_open(file, mode="r", *a, **k):
        if any(c in mode for c in "wax+"):
            writes.append(file)
            raise PermissionError(errno.EACCES, "read-only in this test", str(file))
        return real_open(file, mode, *a, **k)

    def no_write_os_open(path, flags, *a, **k):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            writes.append(path)
            raise PermissionError(errno.EACCES, "read-only in this test", str(path))
        return real_os_open(path, flags, *a, **k)

    def refuse(*a, **k):
        writes.append(a)
        raise PermissionError(errno.EACCES, "read-only in this test")

    def access(p, mode, *a, **k):
        if Path(p) in folders and mode & os.W_OK:
            return False
        return real_access(p, mode, *a, **k)

    monkeypatch.setattr(builtins, "open", no_write_open)
    monkeypatch.setattr(os, "open", no_write_os_open)
    monkeypatch.setattr(os, "replace", refuse)
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    monkeypatch.setattr(filelock, "FileLock", refuse)
    monkeypatch.setattr(TwoLayerNet, "save", refuse)
    monkeypatch.setattr(os, "access", access)
    for f in folders:
        f.chmod(0o555)  # really read-only for a normal user
    return writes


def _snapshot(folder):
    return {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir()}


def test_shared_read_only_weights_load_without_any_write(fake_cache, monkeypatch, capsys):
    folder, loads = fake_cache
    trained = pretrained(progress=False)
    (folder / (npz_files(folder)[0] + ".lock")).unlink(missing_ok=True)  # the teacher's copy
    before = _snapshot(folder)
    capsys.readouterr()
    writes = forbid_writes(monkeypatch, [folder, folder.parent])
    try:
        net = pretrained(progress=False)
    finally:
        monkeypatch.undo()
        folder.chmod(0o755)
        folder.parent.chmod(0o755)
    assert writes == [] and _snapshot(folder) == before and loads == [1]
    assert capsys.readouterr().err == ""
    for k in net.params:
        np.testing.assert_array_equal(net.params[k], trained.params[k])


@pytest.mark.realdata
def test_teachers_read_only_folder_serves_mnist_and_weights(real_mnist, tmp_path, monkeypatch,
                                                            capsys):
    """The classroom set-up end to end: MINIBATCH_CEE_DATA filled once (raw MNIST, the float32
    files, the pretrained weights), then read-only: load_mnist() maps the shared files,
    pretrained() loads, and nothing at all is written."""
    import shutil

    from helpers import mnist
    from helpers.paths import mnist_dir, weights_dir

    pretrained(progress=False)  # make sure the real weights exist in the repo's cache
    src_mnist, src_weights = mnist_dir(), weights_dir()
    shared = tmp_path / "srv"
    for sub, src, names in (("mnist", src_mnist, [*mnist.FILES, *mnist.DERIVED]),
                            ("weights", src_weights, [p.name for p in src_weights.glob("*.npz")])):
        (shared / sub).mkdir(parents=True)
        for n in names:
            try:
                os.link(src / n, shared / sub / n)
            except OSError:
                shutil.copyfile(src / n, shared / sub / n)
    monkeypatch.setenv("MINIBATCH_CEE_DATA", str(shared))
    monkeypatch.delenv("MNIST_DIR", raising=False)
    monkeypatch.setattr(mnist, "_VERIFIED", set())  # as in a student's fresh kernel
    before = {sub: _snapshot(shared / sub) for sub in ("mnist", "weights")}
    capsys.readouterr()
    writes = forbid_writes(monkeypatch, [shared, shared / "mnist", shared / "weights"])
    try:
        (x, t), (xt, tt) = mnist.load_mnist()
        net = pretrained(progress=False)
    finally:
        monkeypatch.undo()
        for f in (shared, shared / "mnist", shared / "weights"):
            f.chmod(0o755)
    assert writes == [] and capsys.readouterr().err == ""
    assert {sub: _snapshot(shared / sub) for sub in ("mnist", "weights")} == before
    assert isinstance(x.base, np.memmap) and x.base.filename == str(
        shared / "mnist" / "train-images-float32.npy")
    np.testing.assert_array_equal(x, real_mnist[0][0])
    assert net.accuracy(xt, tt) > 0.90


# ---------------------------------------------------------------- the Korean edition

@pytest.mark.parametrize("case, why", [
    ("other recipe", "다른 레시피로 학습된 가중치"),
    ("other shapes", "형상 (8, 7, 3), dtype float32: 레시피와 다름")])
def test_unusable_cache_line_in_korean(fake_cache, capsys, case, why):
    from tests.support import korean

    folder, loads = fake_cache
    pretrained(progress=False)
    (name,) = npz_files(folder)
    BROKEN[case](folder / name)
    with korean():
        pretrained(progress=False)
    err = capsys.readouterr().err
    assert err == f"pretrained(): 캐시된 가중치를 쓸 수 없습니다({why}). 다시 학습합니다.\n"
    BROKEN[case](folder / name)
    pretrained(progress=False)  # English again
    assert capsys.readouterr().err.startswith("pretrained(): the cached weights are unusable (it")


def test_unwritable_cache_line_and_progress_in_korean(fake_cache, monkeypatch, capsys):
    from tests.support import hangul, korean

    def refuse(self, path):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(TwoLayerNet, "save", refuse)
    with korean():
        pretrained(progress=True)
    err = capsys.readouterr().err
    lines = err.replace("\r", "\n").strip().splitlines()
    assert lines[-1].startswith("pretrained(): 학습한 가중치를 ") and hangul(lines[-1])
    assert "저장하지 못했습니다(Permission denied)" in lines[-1]
    assert "MINIBATCH_CEE_DATA" in lines[-1]
    assert any(line.startswith("학습: 100%") for line in lines), lines  # train_sgd's bar


def test_main_prints_the_results_in_korean(fake_cache, capsys):
    from helpers.network.__main__ import main
    from tests.support import korean

    with korean():
        assert main() == 0
    out = capsys.readouterr().out
    assert out.startswith("학습을 마친 신경망 준비 완료 (") and "): 훈련 CEE 0." in out
    assert "시험 정확도 0." in out
