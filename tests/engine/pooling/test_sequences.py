"""True 1D: a one-row input is a sequence, pooled along its length like torch's 1D pools."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine.io.export import code_snippets
from engine.io.images import ImageLoadError, load_image
from engine.pooling.kinds import KINDS
from engine.pooling.parameters import PoolParams, is_sequence, sequence_params
from engine.pooling.pipeline import formula_lines, run_backward, run_pool, window_of

ROOT = Path(__file__).resolve().parents[3]


def test_a_one_row_input_is_a_sequence_and_keeps_the_width_of_each_setting():
    assert is_sequence((1, 1, 10)) and is_sequence((3, 1, 4))
    assert not is_sequence((1, 2, 10))
    params = PoolParams("max", (3, 5), (2, 4), (1, 2), (2, 3), pads=(1, 2, 3, 4))
    reduced = sequence_params(params)
    assert reduced.kernel_size == (1, 5) and reduced.stride == (1, 4)
    assert reduced.padding == (0, 2) and reduced.dilation == (1, 3)
    assert reduced.output_size == (1, 7) and reduced.pads == (0, 2, 0, 4)


def test_one_to_ten_with_kernel_three_gives_three_six_nine():
    sequence = np.arange(1, 11, dtype=np.float32).reshape(1, 1, 10)
    result = run_pool(sequence, PoolParams("max", (3, 3), (3, 3)))
    assert result.sequence
    assert result.output.tolist() == [[[3.0, 6.0, 9.0]]]


def torch_1d(torch, kind: str, x, params: PoolParams):
    """The same settings through torch's own 1D pools on a (C, L) tensor."""
    functional = torch.nn.functional
    kernel, stride, padding = params.kernel_size[1], params.stride[1], params.padding[1]
    if kind == "max":
        return functional.max_pool1d(
            x, kernel, stride, padding, params.dilation[1], params.ceil_mode
        )
    if kind == "avg":
        return functional.avg_pool1d(
            x, kernel, stride, padding, params.ceil_mode, params.count_include_pad
        )
    if kind == "lp":
        return functional.lp_pool1d(x, params.norm_type, kernel, stride, params.ceil_mode)
    if kind == "adaptive_max":
        return functional.adaptive_max_pool1d(x, params.output_size[1])
    return functional.adaptive_avg_pool1d(x, params.output_size[1])


@pytest.mark.parametrize("kind", ["max", "avg", "lp", "adaptive_max", "adaptive_avg"])
def test_sequences_match_torchs_1d_pools_forward_and_backward(kind):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(11)
    checked = 0
    for _ in range(60):
        length = int(rng.integers(4, 30))
        kernel = int(rng.integers(1, min(length, 6) + 1))
        params = PoolParams(
            kind,
            # the heights are what a square 2D setting would leave behind: ignored on a sequence
            kernel_size=(kernel, kernel),
            stride=(3, int(rng.integers(1, 4))),
            padding=(2, int(rng.integers(0, kernel // 2 + 1))),
            dilation=(2, int(rng.integers(1, 3))) if kind == "max" else (1, 1),
            ceil_mode=bool(rng.integers(2)),
            count_include_pad=bool(rng.integers(2)),
            norm_type=float(rng.choice([1.0, 2.0, 3.0])),
            output_size=(5, int(rng.integers(1, length + 3))),
        )
        if kind == "lp":
            params = params.replace(padding=(0, 0))
        values = rng.integers(-3, 4, size=(2, 1, length)).astype(np.float64)
        if kind == "lp":
            values = np.abs(values) + 0.5
        x = torch.tensor(values[:, 0, :], requires_grad=True)
        try:
            expected = torch_1d(torch, kind, x, params)
        except RuntimeError:
            with pytest.raises(ValueError):
                run_pool(values, params)
            continue
        result = run_pool(values, params)
        np.testing.assert_allclose(result.output[:, 0, :], expected.detach().numpy(), rtol=1e-12)
        upstream = rng.standard_normal(expected.shape)
        expected.backward(torch.tensor(upstream))
        gradient = run_backward(values, result, upstream[:, None, :])
        np.testing.assert_allclose(gradient[:, 0, :], x.grad.numpy(), rtol=1e-10, atol=1e-12)
        checked += 1
    assert checked >= 40


def test_the_formula_and_the_code_of_a_sequence_speak_of_one_length():
    params = PoolParams("avg", (3, 3), (2, 2), (1, 1), ceil_mode=True)
    lines = formula_lines(params, (1, 1, 10))
    assert len(lines) == 2
    assert lines[0].startswith("L_out = ceil((L + 2p - d(k-1) - 1)/s) + 1 = ceil((10 + 2*1")
    assert lines[1].startswith("1 x 10 (C x L)")
    snippets = code_snippets(run_pool(np.ones((1, 1, 10)), params).params, (1, 1, 10))
    assert snippets["PyTorch"].startswith("torch.nn.AvgPool1d(kernel_size=3, stride=2, padding=1")
    assert "keras.layers.AveragePooling1D(pool_size=3, strides=2" in snippets["TensorFlow / Keras"]
    assert "kernel_shape=[3], strides=[2], pads=[1, 1]" in snippets["ONNX"]
    assert "window_shape=(3,), strides=(2,), padding=((1, 1),)" in snippets["JAX / Flax"]
    window = window_of(params, (1, 1, 10), 0, 4)
    assert window.rows.tolist() == [0] and window.cols.tolist() == [7, 8, 9]


def test_kinds_without_a_1d_form_pool_a_one_row_image_as_an_image():
    for name in ("blurmax", "spp"):
        assert not KINDS[name].sequences
    result = run_pool(np.ones((1, 1, 12), dtype=np.float32), PoolParams("spp", levels=(2, 1)))
    assert not result.sequence and result.output.shape == (1, 1, 5)


def test_a_matrix_opens_as_sequences_one_per_row(tmp_path):
    path = tmp_path / "three.npy"
    np.save(path, np.arange(30, dtype=np.float64).reshape(3, 10))
    sequences = load_image(path, sequences=True)
    assert sequences.shape == (3, 1, 10) and sequences[2, 0, 9] == 29
    assert load_image(path).shape == (1, 3, 10)  # an image of 3 rows, unless asked
    line = tmp_path / "line.csv"
    line.write_text("1,2,3,4\n")
    assert load_image(line).shape == (1, 1, 4)  # a one-line CSV is a sequence by itself
    picture = tmp_path / "picture.png"
    from PIL import Image

    Image.new("L", (4, 3)).save(picture)
    with pytest.raises(ImageLoadError, match="only a matrix"):
        load_image(picture, sequences=True)


def test_the_command_line_pools_a_one_line_csv_as_a_sequence(tmp_path):
    source, target = tmp_path / "row.csv", tmp_path / "out.csv"
    source.write_text(",".join(str(number) for number in range(1, 11)) + "\n")
    completed = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--image", str(source), "--kernel", "3"]
        + ["--export", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert completed.returncode == 0, completed.stderr
    assert target.read_text() == "3,6,9\n"
