"""Lp pooling: as PyTorch computes it, sum-like at p = 1 and max-like for large p."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine import functional as F
from engine.errors import PoolingError
from tests.engine import reference


def test_p_one_is_the_window_sum():
    x = np.random.default_rng(0).random((2, 6, 6))
    np.testing.assert_allclose(F.lp_pool2d(x, 1, 2), F.avg_pool2d(x, 2) * 4)


def test_large_p_approaches_the_maximum():
    x = np.random.default_rng(1).random((2, 6, 6)) + 0.5
    np.testing.assert_allclose(F.lp_pool2d(x, 60, 3), F.max_pool2d(x, 3), rtol=0.02)


def test_p_two_by_hand():
    np.testing.assert_allclose(F.lp_pool1d(np.array([[3.0, 4.0]]), 2, 2), [[5.0]])


@pytest.mark.parametrize("norm_type", [0, -1, float("inf"), float("nan"), "2"])
def test_refuses_bad_norm_type(norm_type):
    with pytest.raises(PoolingError, match="norm_type"):
        F.lp_pool2d(np.ones((1, 4, 4)), norm_type, 2)


@given(
    st.integers(1, 6),
    st.integers(1, 6),
    st.integers(1, 3),
    st.integers(1, 3),
    st.booleans(),
    st.sampled_from([1.0, 2.0, 3.0, 2.5]),
)
def test_matches_the_plain_loop_reference(height, width, kernel, stride, ceil_mode, norm_type):
    kernel = (min(kernel, height), min(kernel, width))
    x = np.random.default_rng(height * 7 + width).random((1, 2, height, width)) + 0.1
    expected = reference.per_plane(
        reference.lp_pool_plane, x, norm_type, kernel, (stride, stride), ceil_mode
    )
    np.testing.assert_allclose(F.lp_pool2d(x, norm_type, kernel, stride, ceil_mode), expected)


def test_backward_matches_finite_differences_for_positive_input():
    x = np.random.default_rng(2).random((2, 5, 5)) + 0.2
    grad_output = np.random.default_rng(3).standard_normal(F.lp_pool2d(x, 3, 2, 1).shape)
    numeric = reference.numerical_gradient(lambda v: F.lp_pool2d(v, 3, 2, 1), x, grad_output)
    np.testing.assert_allclose(F.lp_pool2d_backward(grad_output, x, 3, 2, 1), numeric, rtol=1e-5)


def test_parity_with_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(4)
    for _ in range(100):
        height, width = (int(n) for n in rng.integers(2, 10, 2))
        kernel = (int(rng.integers(1, height + 1)), int(rng.integers(1, width + 1)))
        stride, ceil_mode = int(rng.integers(1, 4)), bool(rng.integers(0, 2))
        norm_type = float(rng.choice([1, 2, 3, 2.5]))
        x = rng.random((2, 2, height, width)) + 0.1
        tensor = torch.from_numpy(x).requires_grad_()
        torch_out = torch.nn.functional.lp_pool2d(tensor, norm_type, kernel, stride, ceil_mode)
        out = F.lp_pool2d(x, norm_type, kernel, stride, ceil_mode)
        np.testing.assert_allclose(out, torch_out.detach().numpy())
        grad_output = rng.standard_normal(out.shape)
        torch_out.backward(torch.from_numpy(grad_output))
        np.testing.assert_allclose(
            F.lp_pool2d_backward(grad_output, x, norm_type, kernel, stride, ceil_mode),
            tensor.grad.numpy(),
        )


def test_one_dimensional_parity_with_torch_including_zero_windows():
    torch = pytest.importorskip("torch")
    x = np.array([[1.0, -2.0, 3.0, 0.0, 0.0, 0.0]])
    tensor = torch.from_numpy(x).requires_grad_()
    torch_out = torch.nn.functional.lp_pool1d(tensor, 2, 2)
    torch_out.sum().backward()
    np.testing.assert_allclose(F.lp_pool1d(x, 2, 2), torch_out.detach().numpy())
    np.testing.assert_allclose(F.lp_pool1d_backward(np.ones((1, 3)), x, 2, 2), tensor.grad.numpy())


@pytest.mark.parametrize("norm_type", [1.0, 2.0, 3.0, 2.5, 0.5])
def test_lp_pool2d_backward_matches_torch_on_nan_and_inf_windows(norm_type):
    torch = pytest.importorskip("torch")
    x = np.random.default_rng(8).random((2, 2, 6, 6)) + 0.1
    x[0, 0, 0, 0] = np.nan  # a window with NaN
    x[0, 1, 2, 3] = np.inf  # a window with +inf
    x[1, 0, 4:, 4:] = 0  # a window whose power sum is 0
    x[1, 1, 0, 0], x[1, 1, 3, 3] = np.nan, np.inf
    for kernel, stride, ceil_mode in [(2, 2, False), (3, 2, True), ((2, 3), 1, False)]:
        tensor = torch.from_numpy(x).requires_grad_()
        torch_out = torch.nn.functional.lp_pool2d(tensor, norm_type, kernel, stride, ceil_mode)
        grad_output = np.random.default_rng(9).standard_normal(tuple(torch_out.shape))
        torch_out.backward(torch.from_numpy(grad_output))
        np.testing.assert_allclose(
            F.lp_pool2d(x, norm_type, kernel, stride, ceil_mode), torch_out.detach().numpy()
        )
        np.testing.assert_allclose(
            F.lp_pool2d_backward(grad_output, x, norm_type, kernel, stride, ceil_mode),
            tensor.grad.numpy(),
        )


def test_lp_pool1d_backward_matches_torch_with_nan():
    torch = pytest.importorskip("torch")
    x = np.array([[np.nan, 1.0, 2.0, 3.0, np.inf, 1.0]])
    for norm_type in (1.0, 2.0):
        tensor = torch.from_numpy(x).requires_grad_()
        torch.nn.functional.lp_pool1d(tensor, norm_type, 2).sum().backward()
        np.testing.assert_allclose(
            F.lp_pool1d_backward(np.ones((1, 3)), x, norm_type, 2), tensor.grad.numpy()
        )
