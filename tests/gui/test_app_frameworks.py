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
