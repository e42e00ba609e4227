"""Exports: every format written atomically and read back; code snippets."""

import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from engine.io.export import (
    ExportError,
    animation_frames,
    clean_journalled_temporaries,
    clean_stale_temporaries,
    code_snippets,
    export_gradient,
    export_result,
    journalled_folders,
    write_atomically,
)
from engine.ops.memory import set_memory_budget
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import run_pool

MATRIX = np.arange(36, dtype=np.float32).reshape(1, 6, 6) % 7


@pytest.fixture
def result():
    return run_pool(MATRIX, PoolParams("max", (3, 3), (1, 1)))


def test_npy_is_the_engine_output_exactly(tmp_path, result):
    export_result(tmp_path / "out.npy", MATRIX, result)
    saved = np.load(tmp_path / "out.npy")
    assert saved.dtype == np.float32
    np.testing.assert_array_equal(saved, result.output)


def test_csv_png_and_gif(tmp_path, result):
    export_result(tmp_path / "out.csv", MATRIX, result)
    np.testing.assert_array_equal(np.loadtxt(tmp_path / "out.csv", delimiter=","), result.output[0])
    export_result(tmp_path / "out.png", MATRIX, result)
    with Image.open(tmp_path / "out.png") as picture:
        assert picture.width >= 4
    export_result(tmp_path / "out.gif", MATRIX, result)
    with Image.open(tmp_path / "out.gif") as gif:
        assert gif.n_frames == 17  # the empty start and one frame per output cell


def test_gif_frame_limit_uses_rows(tmp_path):
    image = np.random.default_rng(0).random((1, 40, 40)).astype(np.float32)
    result = run_pool(image, PoolParams("avg", (2, 2), (2, 2)))
    export_result(tmp_path / "big.gif", image, result, frame_limit=8)
    with Image.open(tmp_path / "big.gif") as gif:
        assert gif.n_frames == 8


def test_gradient_export(tmp_path, result):
    export_gradient(tmp_path / "grad.npy", MATRIX, result)
    gradient = np.load(tmp_path / "grad.npy")
    assert gradient.shape == MATRIX.shape and gradient.sum() == 16


def test_failed_write_leaves_no_partial_file(tmp_path):
    def broken(temporary):
        temporary.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="No space left"):
        write_atomically(tmp_path / "x.npy", broken)
    assert os.listdir(tmp_path) == []


def test_unknown_suffix_and_missing_folder(tmp_path, result):
    with pytest.raises(ExportError, match="suffix"):
        export_result(tmp_path / "out.bmp", MATRIX, result)
    with pytest.raises(ExportError, match="Cannot write"):
        export_result(tmp_path / "missing" / "out.npy", MATRIX, result)


def test_code_snippets():
    snippets = code_snippets(PoolParams("max", (3, 3), (2, 2), (1, 1)), (1, 8, 8))
    assert snippets["PyTorch"] == (
        "torch.nn.MaxPool2d(kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=False)"
    )
    assert snippets["TensorFlow / Keras"].startswith(
        "# TensorFlow / Keras cannot pad explicitly (padding is 'valid' or 'same')"
    )
    assert "pads=[1, 1, 1, 1]" in snippets["ONNX"]
    assert "padding=((1, 1), (1, 1))" in snippets["JAX / Flax"]
    plain = code_snippets(PoolParams("avg", (2, 2), (2, 2)), (1, 8, 8))
    assert plain["TensorFlow / Keras"] == (
        "keras.layers.AveragePooling2D(pool_size=(2, 2), strides=(2, 2), padding='valid')"
        "  # x is channels-last"
    )
    assert "count_include_pad=1" in plain["ONNX"]  # the setting carried, not ONNX's default
    assert "no built-in layer" in code_snippets(PoolParams("lp"), (1, 8, 8))["TensorFlow / Keras"]


def test_exported_files_get_the_usual_permissions(tmp_path, result):
    # Regression: files were left private (0600) by the temporary-file step.
    mask = os.umask(0o022)
    try:
        export_result(tmp_path / "out.npy", MATRIX, result)
    finally:
        os.umask(mask)
    assert (tmp_path / "out.npy").stat().st_mode & 0o777 == 0o644


# ----- issue 15: exports never hide data, never leave litter, never exhaust memory ----------


def dead_pid() -> int:
    """The id of a process that has just ended (ids are not reused at once)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_upper_case_npy_suffix_writes_the_named_file(tmp_path, result):
    target = tmp_path / "OUT.NPY"
    export_result(target, MATRIX, result)
    assert os.listdir(tmp_path) == ["OUT.NPY"]  # no dot-file holding the data
    np.testing.assert_array_equal(np.load(target), result.output)
    export_gradient(tmp_path / "Grad.Png", MATRIX, result)
    with Image.open(tmp_path / "Grad.Png") as picture:
        assert picture.format == "PNG"


def test_clean_stale_temporaries_removes_only_files_of_ended_processes(tmp_path):
    stale = tmp_path / f".poolscope-{dead_pid()}-k1ll3d_x.part.npy"
    running = tmp_path / f".poolscope-{os.getpid()}-wr1t1ng.part.gif"
    unrelated = tmp_path / ".poolscope-notes.txt"
    for path in (stale, running, unrelated):
        path.write_bytes(b"x" * 100)
    assert clean_stale_temporaries(tmp_path) == [stale]
    assert sorted(os.listdir(tmp_path)) == sorted([running.name, unrelated.name])
    assert clean_stale_temporaries(tmp_path / "missing") == []


def test_killed_exports_leftover_is_removed_by_the_next_export(tmp_path, result):
    # A real export killed half-way (as the OOM killer did) leaves its temporary file ...
    script = (
        "import sys, time\n"
        "from engine.io.export import write_atomically\n"
        "def write(temporary):\n"
        "    temporary.write_bytes(b'half of a large export')\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(60)\n"
        "write_atomically(sys.argv[1], write)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path / "big.npy")],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert child.stdout.readline() == "writing\n"
    child.kill()
    child.wait()
    leftover = os.listdir(tmp_path)
    assert len(leftover) == 1 and leftover[0].startswith(f".poolscope-{child.pid}-")
    # ... which the next export into that folder removes.
    export_result(tmp_path / "small.npy", MATRIX, result)
    assert os.listdir(tmp_path) == ["small.npy"]


def test_killed_exports_leftover_is_removed_at_the_next_start(tmp_path, result):
    # Regression: a killed export left its hidden temporary (600 MB seen) until the next
    # export into the same folder, which might never come.
    folder = tmp_path / "exports"
    folder.mkdir()
    script = (
        "import sys, time\n"
        "from engine.io.export import write_atomically\n"
        "def write(temporary):\n"
        "    temporary.write_bytes(b'half of a large export')\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(60)\n"
        "write_atomically(sys.argv[1], write)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(folder / "big.npy")],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert child.stdout.readline() == "writing\n"
    child.kill()
    child.wait()
    assert len(os.listdir(folder)) == 1
    removed = clean_journalled_temporaries()  # what PoolScope does when it starts
    assert [path.parent for path in removed] == [folder.resolve()] and os.listdir(folder) == []
    assert journalled_folders() == []  # a clean folder is forgotten
    assert clean_journalled_temporaries() == []


def test_large_image_exports_a_gif_quickly_with_small_frames(tmp_path):
    image = np.random.default_rng(0).random((3, 3000, 4000), dtype=np.float32)
    result = run_pool(image, PoolParams("max", (2, 2), (2, 2)))
    started = time.perf_counter()
    export_result(tmp_path / "photo.gif", image, result, frame_limit=10)
    assert time.perf_counter() - started < 10
    with Image.open(tmp_path / "photo.gif") as gif:
        assert gif.n_frames == 10 and gif.width <= 1000 and gif.height <= 1000


def test_large_image_backward_gif_shows_the_sparse_gradient(tmp_path):
    image = np.random.default_rng(1).random((1, 1200, 1600), dtype=np.float32)
    result = run_pool(image, PoolParams("max", (2, 2), (2, 2)))
    frames = animation_frames(image, result, 3, backward=True)
    assert len(frames) == 3 and max(frames[-1].size) <= 1000
    left_panel = np.asarray(frames[-1].convert("RGB"))[48:348, 16:416]  # 1/4 of the input
    assert (left_panel != 255).any(axis=-1).mean() > 0.5  # max pooling's gradient is seen


def test_gif_needing_more_than_the_memory_budget_is_refused(tmp_path, result):
    set_memory_budget(10_000_000)
    try:
        with pytest.raises(ExportError, match="memory budget .*fewer frames") as caught:
            export_result(tmp_path / "out.gif", MATRIX, result, frame_limit=2000)
    finally:
        set_memory_budget(None)
    assert "\n" not in str(caught.value) and os.listdir(tmp_path) == []
