"""The command line's framework options: each framework's rules and defaults, and a refusal in
one line naming the framework and the option for what it cannot express."""

import numpy as np
import pytest

from gui.app import main

MATRIX = "assets/matrix_6x6.csv"


def exported(tmp_path, arguments) -> np.ndarray:
    out = tmp_path / "out.npy"
    assert main(["--image", MATRIX, *arguments, "--export", str(out), "--overwrite"]) == 0
    return np.load(out)


def test_each_framework_applies_its_rules_and_defaults(tmp_path):
    common = ["--pool", "avg", "--kernel", "3", "--stride", "2", "--padding", "1"]
    torch = exported(tmp_path, common)
    onnx = exported(tmp_path, [*common, "--framework", "onnx"])
    assert torch.shape == onnx.shape == (1, 3, 3)
    # The corner window holds 4 real cells 1 3 / 4 6 and 5 padding cells.
    assert torch[0, 0, 0] == pytest.approx(14 / 9)  # PyTorch counts the padding
    assert onnx[0, 0, 0] == pytest.approx(14 / 4)  # ONNX does not, by default
    included = exported(tmp_path, [*common, "--framework", "onnx", "--include-pad"])
    np.testing.assert_allclose(included, torch)
    excluded = exported(tmp_path, [*common, "--exclude-pad"])
    np.testing.assert_allclose(excluded, onnx)
    keras = exported(
        tmp_path,
        ["--pool", "avg", "--kernel", "3", "--stride", "2", "--same"]
        + [
            "--framework",
            "keras",
        ],
    )
    assert keras.shape == (1, 3, 3)  # ceil(6 / 2)
    assert keras[0, 2, 2] == pytest.approx((9 + 9 + 2 + 0) / 4)  # 4 real cells, 5 padding


def test_asymmetric_pads_and_auto_pad(tmp_path):
    jax = exported(
        tmp_path,
        ["--framework", "jax", "--kernel", "3", "--stride", "2"]
        + [
            "--pads",
            "0,0,1,1",
        ],
    )
    assert jax.shape == (1, 3, 3)
    lower = exported(tmp_path, ["--framework", "onnx", "--kernel", "2", "--auto-pad", "SAME_LOWER"])
    upper = exported(tmp_path, ["--framework", "onnx", "--kernel", "2", "--auto-pad", "SAME_UPPER"])
    assert lower.shape == upper.shape == (1, 3, 3)
    same = exported(tmp_path, ["--framework", "onnx", "--kernel", "2", "--same"])
    np.testing.assert_array_equal(same, upper)


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--framework", "keras", "--ceil"], "keras max pooling has no ceil mode (--ceil)"),
        (["--framework", "keras", "--dilation", "2"], "keras max pooling has no dilation"),
        (["--framework", "keras", "--padding", "1"], "keras max pooling has no explicit padding"),
        (["--framework", "jax", "--ceil"], "jax max pooling has no ceil mode (--ceil)"),
        (["--same"], "torch has no 'same' padding"),
        (["--pads", "1,1,1,1"], "torch max pooling pads both sides alike"),
        (["--framework", "keras", "--auto-pad", "VALID"], "keras max pooling has no auto_pad"),
        (["--pool", "avg", "--framework", "keras", "--exclude-pad"], "keras average pooling"),
        (["--framework", "onnx", "--pads", "2,0,2,0"], "onnx pads must be smaller than"),
        (["--pool", "lp", "--framework", "onnx"], "--framework does not apply to lp"),
        (["--pool", "avg", "--tie", "all"], "--tie does not apply to average pooling"),
        (["--framework", "onnx", "--padding", "1", "--pads", "1,1,1,1"], "not both"),
        (["--pads", "1,2,3"], "TOP,LEFT,BOTTOM,RIGHT"),
        (["--framework", "tensorflow"], "--framework"),
    ],
)
def test_what_a_framework_cannot_express_is_refused_in_one_line(tmp_path, capsys, arguments, words):
    out = tmp_path / "out.npy"
    status = main(["--image", MATRIX, "--kernel", "2", *arguments, "--export", str(out)])
    error = capsys.readouterr().err
    assert status == 2 and error.count("\n") == 1 and "Traceback" not in error, error
    assert words in error
    assert not out.exists()


SEQUENCE = "assets/sequence_1x40.csv"


def one_line_error(capsys, arguments, out) -> str:
    status = main([*arguments, "--export", str(out)])
    error = capsys.readouterr().err
    assert status == 2 and error.count("\n") == 1 and "Traceback" not in error, error
    assert not out.exists()
    return error


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (
            ["--framework", "onnx", "--auto-pad", "SAME_UPPER", "--pads", "1,1,1,1"],
            "onnx: --pads cannot be combined with --auto-pad SAME_UPPER (ONNX forbids pads",
        ),
        (
            ["--framework", "onnx", "--auto-pad", "VALID", "--pads", "0,1,0,1"],
            "onnx: --pads cannot be combined with --auto-pad VALID",
        ),
        (
            ["--framework", "onnx", "--same", "--padding", "1"],
            "onnx: --padding cannot be combined with --same (ONNX forbids pads with auto_pad)",
        ),
        (
            ["--framework", "jax", "--same", "--pads", "1,1,1,1"],
            "jax: --pads cannot be combined with --same",
        ),
    ],
)
def test_pads_with_automatic_padding_are_refused_not_dropped(tmp_path, capsys, arguments, words):
    # Regression: --pads was silently ignored under --same and --auto-pad.
    error = one_line_error(
        capsys, ["--image", MATRIX, "--kernel", "2", *arguments], tmp_path / "o.npy"
    )
    assert words in error


@pytest.mark.parametrize(
    ("arguments", "option"),
    [
        (["--kernel", "3,2"], "--kernel"),
        (["--kernel", "2", "--stride", "1,2"], "--stride"),
        (["--kernel", "3", "--padding", "0,1"], "--padding"),
        (["--kernel", "2", "--dilation", "2,1"], "--dilation"),
        (["--pool", "adaptive_max", "--output-size", "2,5"], "--output-size"),
    ],
)
def test_two_numbers_for_a_sequence_are_refused(tmp_path, capsys, arguments, option):
    # Regression: --kernel 3,2 on a sequence silently pooled with a kernel of 2.
    error = one_line_error(capsys, ["--image", SEQUENCE, *arguments], tmp_path / "out.npy")
    assert f"the input is a sequence of 40 (one axis): give {option} one number" in error


def test_sequence_pads_only_at_its_start_and_end(tmp_path, capsys):
    arguments = ["--image", SEQUENCE, "--framework", "jax", "--kernel", "3", "--pads", "1,1,0,1"]
    error = one_line_error(capsys, arguments, tmp_path / "out.npy")
    assert "--pads pads only its start and end, so give 0,1,0,1" in error


def test_one_number_for_a_sequence_still_pools_its_length(tmp_path):
    out = tmp_path / "out.npy"
    arguments = ["--image", SEQUENCE, "--kernel", "3", "--stride", "2", "--export", str(out)]
    assert main(arguments) == 0
    assert np.load(out).shape == (1, 1, 19)


def test_onnx_gradient_is_refused_for_want_of_a_backward_pass(tmp_path, capsys):
    # Regression: --framework onnx --grad silently wrote PyTorch's gradient.
    grad = tmp_path / "grad.npy"
    error = one_line_error(
        capsys, ["--image", MATRIX, "--framework", "onnx", "--grad", str(grad)], tmp_path / "o.npy"
    )
    assert error.strip() == (
        "poolscope: error: ONNX is an inference format: it has no backward pass; choose "
        "--framework torch, keras or jax for --grad"
    )
    assert not grad.exists()


def test_onnx_average_of_padding_alone_is_zero_from_the_command_line(tmp_path):
    # Regression: NaN, where onnxruntime (and the engine's own onnx_average_pool2d) give 0.
    matrix = tmp_path / "two.csv"
    matrix.write_text("1,2\n3,4\n")
    arguments = ["--framework", "onnx", "--pool", "avg", "--kernel", "2", "--stride", "1"]
    arguments += ["--pads", "1,1,1,1", "--dilation", "3"]
    out = tmp_path / "out.npy"
    assert main(["--image", str(matrix), *arguments, "--export", str(out)]) == 0
    output = np.load(out)
    assert output.shape == (1, 1, 1) and output[0, 0, 0] == 0.0
