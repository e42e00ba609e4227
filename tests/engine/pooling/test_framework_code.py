"""The code PoolScope writes for each framework (Copy as code, the Frameworks tab) run in that
framework gives PoolScope's numbers for the same settings: random configurations with ties,
images and sequences, max and average, through the pipeline (the window's settings) and the
real PyTorch, Keras (on JAX), Flax and onnxruntime."""

from types import SimpleNamespace

import numpy as np
import pytest

from engine.pooling.frameworks import FRAMEWORKS
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import run_pool
from tests.engine import oracles

CASES = 14  # per framework and kind; each Keras and Flax case compiles once (about 0.2 s)


def random_params(rng, framework: str, kind: str, length: int) -> PoolParams:
    """Settings ``framework`` can express, on an input whose sides are at least ``length``."""
    kernel = int(rng.integers(1, 5))
    stride = int(rng.integers(1, 4))
    params = PoolParams(kind, (kernel, kernel), (stride, stride), framework=framework)
    framework_rules = FRAMEWORKS[framework]
    if framework_rules.include_pad_default is not None:
        params = params.replace(count_include_pad=bool(rng.integers(2)))
    if framework == "torch":
        pad = int(rng.integers(0, kernel // 2 + 1))
        dilation = int(rng.integers(1, 3)) if kind == "max" else 1
        return params.replace(
            padding=(pad, pad), dilation=(dilation, dilation), ceil_mode=bool(rng.integers(2))
        )
    if framework in ("keras", "jax") and rng.integers(3) == 0:
        return params.replace(same_padding=True)
    if framework == "keras":
        return params
    pads = tuple(int(pad) for pad in rng.integers(0, kernel, size=4))  # ONNX: pads < kernel
    if framework == "jax":
        return params.replace(pads=pads)
    choice = int(rng.integers(4))
    if choice == 0:
        return params.replace(auto_pad=str(rng.choice(["SAME_UPPER", "SAME_LOWER", "VALID"])))
    dilation = int(rng.integers(1, 3))
    return params.replace(pads=pads, dilation=(dilation, dilation), ceil_mode=bool(rng.integers(2)))


def run_code(framework: str, code: str, x: np.ndarray, sequence: bool) -> np.ndarray:
    """Run the code PoolScope wrote on ``x`` (N, C, H, W) or (N, C, L) in ``framework``."""
    statement = code.split("  #")[0]
    if framework == "torch":
        torch = oracles.torch_module()
        layer = eval(statement, {"torch": torch})
        return layer(torch.from_numpy(x)).numpy()
    last = (0, 2, 1) if sequence else (0, 2, 3, 1)
    first = (0, 2, 1) if sequence else (0, 3, 1, 2)
    channels_last = np.ascontiguousarray(np.transpose(x, last))
    if framework == "keras":
        keras = oracles.keras_module()
        return np.transpose(np.asarray(eval(statement, {"keras": keras})(channels_last)), first)
    if framework == "jax":
        flax = SimpleNamespace(linen=pytest.importorskip("flax.linen"))
        values = eval(statement, {"flax": flax, "x": channels_last})
        return np.transpose(np.asarray(values), first)
    onnx = pytest.importorskip("onnx")
    node = eval(statement, {"onnx": onnx})
    attributes = {
        attribute.name: onnx.helper.get_attribute_value(attribute) for attribute in node.attribute
    }
    for name, value in attributes.items():
        if isinstance(value, bytes):
            attributes[name] = value.decode()
    return oracles.onnx_run(node.op_type, x, **attributes)[0]


@pytest.mark.parametrize("framework", list(FRAMEWORKS))
@pytest.mark.parametrize("kind", ["max", "avg"])
@pytest.mark.parametrize("sequence", [False, True], ids=["image", "sequence"])
def test_the_code_written_for_a_framework_computes_poolscopes_output(framework, kind, sequence):
    rng = np.random.default_rng(["torch", "keras", "jax", "onnx"].index(framework) * 10 + len(kind))
    checked = 0
    for _ in range(CASES):
        height = 1 if sequence else int(rng.integers(5, 9))
        image = rng.integers(0, 4, size=(2, height, int(rng.integers(5, 10)))).astype(np.float32)
        params = random_params(rng, framework, kind, 5)
        try:
            result = run_pool(image, params)
        except ValueError:
            continue  # settings this input cannot take; the refusals are tested elsewhere
        code = FRAMEWORKS[framework].code(result.params, kind == "avg", image.shape)
        x = image[np.newaxis, :, 0, :] if sequence else image[np.newaxis]
        values = run_code(framework, code, x, sequence)
        expected = result.output[:, 0, :] if sequence else result.output
        np.testing.assert_allclose(values[0], expected, rtol=1e-6, atol=1e-6, err_msg=code)
        checked += 1
    assert checked >= CASES // 2
