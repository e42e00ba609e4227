"""Adaptive max and average pooling: window bounds, ties, NaN, gradients, PyTorch parity."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine import functional as F
from engine.errors import PoolingError
from engine.ops.windows import adaptive_bounds
from tests.engine import reference


def test_window_bounds_follow_floor_and_ceil():
    starts, ends = adaptive_bounds(10, 3)
    assert starts.tolist() == [0, 3, 6] and ends.tolist() == [4, 7, 10]


def test_one_to_ten_into_three():
    x = np.arange(1.0, 11)[None]
    np.testing.assert_array_equal(F.adaptive_max_pool1d(x, 3), [[4, 7, 10]])
    np.testing.assert_allclose(F.adaptive_avg_pool1d(x, 3), [[2.5, 5.5, 8.5]])


def test_none_keeps_the_input_size():
    assert F.adaptive_avg_pool2d(np.zeros((1, 5, 7)), (None, 2)).shape == (1, 5, 2)


@pytest.mark.parametrize("output_size", [0, (2, -1), "3", (1, 2, 3)])
def test_refuses_bad_output_size(output_size):
    with pytest.raises(PoolingError, match="output_size"):
        F.adaptive_max_pool2d(np.zeros((1, 4, 4)), output_size)


@given(
    st.integers(1, 9),
    st.integers(1, 9),
    st.integers(1, 6),
    st.integers(1, 6),
    st.lists(st.sampled_from([-1.0, 0.0, 1.0, 2.0, np.nan]), min_size=81, max_size=81),
)
def test_matches_the_plain_loop_reference(height, width, out_h, out_w, values):
    x = np.array(values[: height * width]).reshape(1, 1, height, width)
    out, indices = F.adaptive_max_pool2d(x, (out_h, out_w), return_indices=True)
    expected, expected_indices = reference.per_plane(
        reference.adaptive_pool_plane, x, (out_h, out_w), "max"
    )
    np.testing.assert_array_equal(out, expected)
    np.testing.assert_array_equal(indices, expected_indices)
    grad = F.adaptive_max_pool2d_backward(np.ones_like(out), x, (out_h, out_w), indices=indices)
    expected_grad = reference.max_pool_backward_plane(
        np.ones((out_h, out_w)), expected_indices[0, 0], (height, width)
    )
    np.testing.assert_array_equal(grad[0, 0], expected_grad)
    finite = np.nan_to_num(x)
    expected_avg, _ = reference.per_plane(
        reference.adaptive_pool_plane, finite, (out_h, out_w), "avg"
    )
    np.testing.assert_allclose(F.adaptive_avg_pool2d(finite, (out_h, out_w)), expected_avg)


def test_average_backward_matches_finite_differences():
    x = np.random.default_rng(0).standard_normal((2, 7, 5))
    grad_output = np.random.default_rng(1).standard_normal((2, 3, 4))
    numeric = reference.numerical_gradient(
        lambda v: F.adaptive_avg_pool2d(v, (3, 4)), x, grad_output
    )
    np.testing.assert_allclose(
        F.adaptive_avg_pool2d_backward(grad_output, x, (3, 4)), numeric, atol=1e-7
    )


def test_parity_with_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(2)
    for _ in range(200):
        height, width = (int(n) for n in rng.integers(1, 13, 2))
        size = tuple(int(n) for n in rng.integers(1, 9, 2))
        x = rng.integers(-2, 3, (2, height, width)).astype(np.float64)
        if rng.random() < 0.2:
            x[rng.random(x.shape) < 0.1] = np.nan
        for name in ("adaptive_max_pool2d", "adaptive_avg_pool2d"):
            tensor = torch.from_numpy(x).requires_grad_()
            torch_result = getattr(torch.nn.functional, name)(tensor, size)
            torch_out = torch_result
            if name == "adaptive_max_pool2d":
                out, indices = F.adaptive_max_pool2d(x, size, return_indices=True)
                torch_out, torch_indices = torch.nn.functional.adaptive_max_pool2d(
                    tensor, size, return_indices=True
                )
                np.testing.assert_array_equal(indices, torch_indices.numpy())
            else:
                out = F.adaptive_avg_pool2d(x, size)
            np.testing.assert_allclose(out, torch_out.detach().numpy(), atol=1e-12, equal_nan=True)
            grad_output = rng.standard_normal(out.shape)
            torch_out.backward(torch.from_numpy(grad_output))
            backward = getattr(F, name + "_backward")(grad_output, x, size)
            np.testing.assert_allclose(backward, tensor.grad.numpy(), atol=1e-12, equal_nan=True)
