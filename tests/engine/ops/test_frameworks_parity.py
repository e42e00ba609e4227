"""Each framework's own pooling against ours, on seeded random configurations with ties.

Inputs are small integers, so most windows hold a tied maximum; some cases add NaN and -inf.
Max values and indices and all max gradients must match exactly; averages to float rounding.
Every oracle is skipped when its framework is not installed (see ``tests/engine/oracles.py``).
"""

from __future__ import annotations

import numpy as np
import pytest

from engine.ops import frameworks as fw
from tests.engine import oracles

AVERAGE_TOLERANCE = {"rtol": 2e-6, "atol": 1e-6}


def tied_input(rng, shape, special: bool = False, dtype=np.float32) -> np.ndarray:
    """Small integers (many ties); with ``special``, some NaN and -inf cells too."""
    x = rng.integers(-3, 4, size=shape).astype(dtype)
    if special:
        x[rng.random(shape) < 0.15] = np.nan
        x[rng.random(shape) < 0.15] = -np.inf
    return x


def grad_like(rng, shape) -> np.ndarray:
    return rng.integers(1, 5, size=shape).astype(np.float32)


def draw(rng, low, high, count=2):
    return tuple(int(value) for value in rng.integers(low, high + 1, size=count))


# ---------------------------------------------------------------- PyTorch (symmetric padding)

TORCH_CASES = 60


@pytest.mark.parametrize("seed", range(TORCH_CASES))
def test_torch_geometry_matches_torch_max_and_avg_pool(seed):
    torch = oracles.torch_module()
    functional = torch.nn.functional
    rng = np.random.default_rng(seed)
    kernel = draw(rng, 1, 4)
    stride = draw(rng, 1, 3)
    padding = tuple(int(rng.integers(0, size // 2 + 1)) for size in kernel)
    dilation = draw(rng, 1, 2)
    ceil_mode = bool(rng.integers(2))
    x = tied_input(rng, (2, 2, *draw(rng, 7, 10)), special=seed % 5 == 0)
    geometry = fw.framework_geometry(
        "torch", x.shape[2:], kernel, stride, padding, dilation, ceil_mode
    )

    source = torch.tensor(x, requires_grad=True)
    expected, expected_indices = functional.max_pool2d(
        source, kernel, stride, padding, dilation, ceil_mode, return_indices=True
    )
    values, indices = fw.padded_max_pool(x, geometry, return_indices=True)
    np.testing.assert_array_equal(values, expected.detach().numpy())
    real = np.isfinite(values) | np.isnan(values)  # torch's index is garbage where all -inf
    np.testing.assert_array_equal(indices[real], expected_indices.numpy()[real])
    grad_output = grad_like(rng, values.shape)
    expected.backward(torch.tensor(grad_output))
    np.testing.assert_array_equal(
        fw.padded_max_pool_backward(grad_output, x, geometry, tie="first"), source.grad.numpy()
    )

    # torch's avg_pool has no dilation: the same configuration without it
    geometry = fw.framework_geometry("torch", x.shape[2:], kernel, stride, padding, 1, ceil_mode)
    for include in (True, False):
        source = torch.tensor(x, requires_grad=True)
        expected = functional.avg_pool2d(source, kernel, stride, padding, ceil_mode, include)
        values = fw.padded_avg_pool(x, geometry, include)
        np.testing.assert_allclose(values, expected.detach().numpy(), **AVERAGE_TOLERANCE)
        grad_output = grad_like(rng, values.shape)
        expected.backward(torch.tensor(grad_output))
        np.testing.assert_allclose(
            fw.padded_avg_pool_backward(grad_output, x, geometry, include),
            source.grad.numpy(),
            **AVERAGE_TOLERANCE,
        )


# ---------------------------------------------------------------- JAX / Flax


def jax_padding(rng, kernel):
    choice = int(rng.integers(4))
    if choice == 0:
        return "VALID"
    if choice == 1:
        return "SAME"
    if choice == 2:
        return "SAME_LOWER"
    return tuple(tuple(int(pad) for pad in rng.integers(0, size + 1, size=2)) for size in kernel)


def jax_case(seed: int, special: bool):
    rng = np.random.default_rng(1000 + seed)
    kernel = draw(rng, 1, 3)
    strides = None if seed % 4 == 0 else draw(rng, 1, 3)
    padding = jax_padding(rng, kernel)
    x = tied_input(rng, (2, 3, 6, 7), special=special)
    return rng, x, kernel, strides, padding


JAX_MAX_CASES = 14
JAX_SPECIAL_CASES = 6


@pytest.mark.parametrize(
    ("seed", "special"),
    [(seed, False) for seed in range(JAX_MAX_CASES)]
    + [(seed, True) for seed in range(JAX_SPECIAL_CASES)],
)
def test_jax_max_pool_values_and_gradients(seed, special):
    rng, x, kernel, strides, padding = jax_case(seed, special)
    shape = oracles.jax_max_pool_shape(x, kernel, strides, padding)
    grad_output = grad_like(rng, shape)
    expected, expected_grad = oracles.jax_max_pool(x, grad_output, kernel, strides, padding)
    np.testing.assert_array_equal(fw.jax_max_pool2d(x, kernel, strides, padding), expected)
    np.testing.assert_array_equal(
        fw.jax_max_pool2d_backward(grad_output, x, kernel, strides, padding), expected_grad
    )


JAX_AVG_CASES = 12


@pytest.mark.parametrize("seed", range(JAX_AVG_CASES))
def test_jax_avg_pool_values_and_gradients_with_and_without_padding_counted(seed):
    rng, x, kernel, strides, padding = jax_case(seed, special=False)
    shape = oracles.jax_max_pool_shape(x, kernel, strides, padding)
    grad_output = grad_like(rng, shape)
    results = oracles.jax_avg_pool(x, grad_output, kernel, strides, padding)
    for include, (expected, expected_grad) in zip((True, False), results):
        np.testing.assert_allclose(
            fw.jax_avg_pool2d(x, kernel, strides, padding, include), expected, **AVERAGE_TOLERANCE
        )
        np.testing.assert_allclose(
            fw.jax_avg_pool2d_backward(grad_output, x, kernel, strides, padding, include),
            expected_grad,
            **AVERAGE_TOLERANCE,
        )


FLAX_CASES = 4


@pytest.mark.parametrize("seed", range(FLAX_CASES))
def test_flax_linen_pools_themselves(seed):
    linen = pytest.importorskip("flax.linen")
    rng, x, kernel, strides, padding = jax_case(seed, special=False)
    inputs = oracles.nhwc(x)
    np.testing.assert_array_equal(
        fw.jax_max_pool2d(x, kernel, strides, padding),
        oracles.nchw(linen.max_pool(inputs, kernel, strides, padding)),
    )
    for include in (True, False):
        expected = linen.avg_pool(inputs, kernel, strides, padding, count_include_pad=include)
        np.testing.assert_allclose(
            fw.jax_avg_pool2d(x, kernel, strides, padding, include),
            oracles.nchw(expected),
            **AVERAGE_TOLERANCE,
        )


# ---------------------------------------------------------------- Keras on JAX

KERAS_CASES = 8


@pytest.mark.parametrize("seed", range(KERAS_CASES + 2))
def test_keras_on_jax_values_and_gradients(seed):
    rng = np.random.default_rng(2000 + seed)
    pool_size = draw(rng, 1, 3)
    strides = None if seed % 3 == 0 else draw(rng, 1, 3)
    padding = ("valid", "same")[seed % 2]
    x = tied_input(rng, (2, 3, 7, 6), special=seed >= KERAS_CASES)
    values = fw.keras_max_pool2d(x, pool_size, strides, padding, backend="jax")
    grad_output = grad_like(rng, values.shape)
    (max_values, max_grad), (avg_values, avg_grad) = oracles.keras_pools(
        x, grad_output, pool_size, strides, padding
    )
    np.testing.assert_array_equal(values, max_values)
    np.testing.assert_array_equal(
        fw.keras_max_pool2d_backward(grad_output, x, pool_size, strides, padding, backend="jax"),
        max_grad,
    )
    np.testing.assert_allclose(
        fw.keras_avg_pool2d(x, pool_size, strides, padding), avg_values, **AVERAGE_TOLERANCE
    )
    np.testing.assert_allclose(
        fw.keras_avg_pool2d_backward(grad_output, x, pool_size, strides, padding),
        avg_grad,
        **AVERAGE_TOLERANCE,
    )


# ---------------------------------------------------------------- TensorFlow (MaxPoolGrad)

TENSORFLOW_CASES = 12


@pytest.mark.parametrize("seed", range(TENSORFLOW_CASES + 4))
def test_tensorflow_values_and_gradients(seed):
    rng = np.random.default_rng(3000 + seed)
    pool_size = draw(rng, 1, 3)
    strides = None if seed % 3 == 0 else draw(rng, 1, 3)
    padding = ("valid", "same")[seed % 2]
    x = tied_input(rng, (2, 3, 7, 6), special=seed >= TENSORFLOW_CASES)
    values = fw.keras_max_pool2d(x, pool_size, strides, padding)
    grad_output = grad_like(rng, values.shape)
    (max_values, max_grad), (avg_values, avg_grad) = oracles.tensorflow_pools(
        x, grad_output, pool_size, strides or pool_size, padding
    )
    np.testing.assert_array_equal(values, max_values)
    np.testing.assert_array_equal(
        fw.keras_max_pool2d_backward(grad_output, x, pool_size, strides, padding), max_grad
    )
    np.testing.assert_allclose(
        fw.keras_avg_pool2d(x, pool_size, strides, padding), avg_values, **AVERAGE_TOLERANCE
    )
    np.testing.assert_allclose(
        fw.keras_avg_pool2d_backward(grad_output, x, pool_size, strides, padding),
        avg_grad,
        **AVERAGE_TOLERANCE,
    )


# ---------------------------------------------------------------- ONNX (onnxruntime)


def onnx_case(seed: int):
    rng = np.random.default_rng(4000 + seed)
    kernel = draw(rng, 1, 3)
    strides = None if seed % 5 == 0 else draw(rng, 1, 3)
    dilations = None if seed % 3 else draw(rng, 1, 2)
    auto_pad = ("NOTSET", "NOTSET", "NOTSET", "VALID", "SAME_UPPER", "SAME_LOWER")[seed % 6]
    if auto_pad.startswith("SAME"):
        dilations = None
        strides = tuple(min(step, size) for step, size in zip(strides or kernel, kernel))
    pads = None
    if auto_pad == "NOTSET":
        pads = [int(rng.integers(0, size)) for size in kernel * 2]
    ceil_mode = bool(rng.integers(2))
    x = tied_input(rng, (2, 3, *draw(rng, 5, 8)), dtype=(np.float32, np.float64)[seed % 2])
    attributes = {
        "kernel_shape": list(kernel),
        "strides": None if strides is None else list(strides),
        "pads": pads,
        "auto_pad": auto_pad,
        "ceil_mode": int(ceil_mode),
        "dilations": None if dilations is None else list(dilations),
    }
    arguments = (kernel, strides, pads, auto_pad, ceil_mode, dilations)
    return rng, x, attributes, arguments


ONNX_CASES = 60


@pytest.mark.parametrize("seed", range(ONNX_CASES))
def test_onnx_max_pool_values_indices_and_average_pool(seed):
    _, x, attributes, arguments = onnx_case(seed)
    values, indices = fw.onnx_max_pool2d(x, *arguments, return_indices=True)
    expected, expected_indices = oracles.onnx_run("MaxPool", x, True, **attributes)
    np.testing.assert_array_equal(values, expected)
    np.testing.assert_array_equal(indices, expected_indices)
    (expected,) = oracles.onnx_run("MaxPool", x, **attributes)  # MLAS when float32, d = 1
    np.testing.assert_array_equal(fw.onnx_max_pool2d(x, *arguments), expected)
    if x.dtype == np.float64:
        return  # onnxruntime has no float64 AveragePool
    for include in (0, 1):
        (expected,) = oracles.onnx_run("AveragePool", x, count_include_pad=include, **attributes)
        np.testing.assert_allclose(
            fw.onnx_average_pool2d(x, *arguments, count_include_pad=bool(include)),
            expected,
            **AVERAGE_TOLERANCE,
        )


ONNX_SPECIAL_CASES = 12


@pytest.mark.parametrize("seed", range(ONNX_SPECIAL_CASES))
def test_onnx_max_pool_with_indices_on_nan_and_minus_infinity(seed):
    rng, x, attributes, arguments = onnx_case(seed)
    x = tied_input(rng, x.shape, special=True, dtype=x.dtype)
    values, indices = fw.onnx_max_pool2d(x, *arguments, return_indices=True)
    expected, expected_indices = oracles.onnx_run("MaxPool", x, True, **attributes)
    np.testing.assert_array_equal(values, expected)
    np.testing.assert_array_equal(indices, expected_indices)
