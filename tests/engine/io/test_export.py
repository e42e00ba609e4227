"""Exports: every format written atomically and read back; code snippets."""

import os

import numpy as np
import pytest
from PIL import Image

from engine.io.export import (
    ExportError,
    code_snippets,
    export_gradient,
    export_result,
    write_atomically,
)
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
    assert snippets["Keras"].startswith("# Keras cannot express explicit symmetric padding")
    plain = code_snippets(PoolParams("avg", (2, 2), (2, 2)), (1, 8, 8))
    assert (
        plain["Keras"] == "keras.layers.AveragePooling2D(pool_size=(2, 2), strides=(2, 2), "
        "padding='valid')"
    )
    assert "no built-in layer" in code_snippets(PoolParams("lp"), (1, 8, 8))["Keras"]


def test_exported_files_get_the_usual_permissions(tmp_path, result):
    # Regression: files were left private (0600) by the temporary-file step.
    mask = os.umask(0o022)
    try:
        export_result(tmp_path / "out.npy", MATRIX, result)
    finally:
        os.umask(mask)
    assert (tmp_path / "out.npy").stat().st_mode & 0o777 == 0o644
