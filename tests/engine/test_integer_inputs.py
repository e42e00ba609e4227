"""Integer inputs pool as integers: a maximum is one of the values, exactly, and its index
names it, even where float32 (above 2**24) or float64 (above 2**53) would round it."""

import numpy as np
import pytest

from engine.ops.same_padding import max_pool2d_same, max_pool2d_same_backward
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import run_backward, run_pool

LARGE = [
    (np.int32, 2**24 + 1),  # float32 rounds it to 2**24
    (np.int64, 2**53 + 1),  # float64 rounds it to 2**53
]


def neighbours(dtype, value) -> np.ndarray:
    """A (1, 3, 4) image whose largest value sits next to one float rounding makes equal."""
    image = np.zeros((1, 3, 4), dtype=dtype)
    image[0, 1, 1], image[0, 1, 2] = value - 1, value
    return image


@pytest.mark.parametrize(("dtype", "value"), LARGE, ids=["int32", "int64"])
def test_same_padding_max_pools_integers_as_themselves(dtype, value):
    # Regression: max_pool2d_same cast integers to float32, so 16777217 came back 16777216.0.
    image = neighbours(dtype, value)
    out, indices = max_pool2d_same(image, 3, 2, return_indices=True)
    assert out.dtype == image.dtype
    assert int(out.max()) == value
    chosen = int(indices.ravel()[int(np.argmax(out.ravel()))])
    assert divmod(chosen, image.shape[-1]) == (1, 2)


def chosen_counts(indices: np.ndarray, cells: int) -> np.ndarray:
    """How many windows chose each input cell: the gradient of an all-ones upstream."""
    return np.bincount(indices.ravel(), minlength=cells)


@pytest.mark.parametrize(("dtype", "value"), LARGE, ids=["int32", "int64"])
def test_same_padding_max_gradient_goes_to_the_true_maximum(dtype, value):
    # Windows holding both neighbours send their gradient to ``value``, never to the cell
    # before it that float rounding would make a tied (first) maximum.
    image = neighbours(dtype, value)
    out, indices = max_pool2d_same(image, 3, 1, return_indices=True)
    gradient = max_pool2d_same_backward(np.ones(out.shape), image, 3, 1)
    np.testing.assert_array_equal(gradient.ravel(), chosen_counts(indices, image.size))
    assert gradient[0, 1, 2] == 9  # every window holding it: centred on rows 0-2, columns 1-3


@pytest.mark.parametrize(("dtype", "value"), LARGE, ids=["int32", "int64"])
def test_fractional_max_pools_integers_as_themselves(dtype, value):
    # Regression: the fractional kind cast its input to float64, so 2**53 + 1 became 2**53.
    image = neighbours(dtype, value)
    params = PoolParams("fractional_max", (2, 2), output_size=(2, 3), seed=3)
    result = run_pool(image, params)
    assert result.output.dtype == image.dtype
    assert int(result.output.max()) == value
    picked = image.ravel()[result.indices.ravel()]
    np.testing.assert_array_equal(picked, result.output.ravel())  # exact values, exact cells
    gradient = run_backward(image, result, np.ones(result.output.shape))
    np.testing.assert_array_equal(gradient.ravel(), chosen_counts(result.indices, image.size))


def test_fractional_windows_of_floats_are_still_drawn_in_float64():
    image = np.random.default_rng(2).random((1, 17, 13)).astype(np.float32)
    params = PoolParams("fractional_max", (2, 3), output_size=(7, 5), seed=11)
    result = run_pool(image, params)
    expected = run_pool(image.astype(np.float64), params)
    np.testing.assert_array_equal(result.indices, expected.indices)
