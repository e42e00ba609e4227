"""The network's operations against PyTorch, a plain loop and finite differences."""

import numpy as np
import pytest

from engine.network import functional as F
from tests.engine.oracles import torch_module


def loop_conv2d(x, weight, bias, stride, padding):
    """Plain-loop cross-correlation: one output cell at a time."""
    x = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    batch, _, height, width = x.shape
    out_channels, _, kernel, _ = weight.shape
    out_h, out_w = (height - kernel) // stride + 1, (width - kernel) // stride + 1
    output = np.zeros((batch, out_channels, out_h, out_w))
    for row in range(out_h):
        for col in range(out_w):
            patch = x[
                :, :, row * stride : row * stride + kernel, col * stride : col * stride + kernel
            ]
            output[:, :, row, col] = np.einsum("nckl,ockl->no", patch, weight) + bias
    return output


def numerical_gradient(function, array, eps=1e-6):
    """Central differences of a scalar function with respect to every cell of ``array``."""
    grad = np.zeros_like(array)
    for index in np.ndindex(array.shape):
        saved = array[index]
        array[index] = saved + eps
        plus = function()
        array[index] = saved - eps
        minus = function()
        array[index] = saved
        grad[index] = (plus - minus) / (2 * eps)
    return grad


@pytest.mark.parametrize("stride, padding", [(1, 0), (2, 0), (1, 1), (2, 1), (3, 2)])
def test_conv2d_matches_torch_and_a_plain_loop(stride, padding):
    torch = torch_module()
    random = np.random.default_rng(stride * 10 + padding)
    x = random.standard_normal((2, 3, 9, 8))
    weight = random.standard_normal((4, 3, 3, 3))
    bias = random.standard_normal(4)
    ours = F.conv2d(x, weight, bias, stride, padding)
    theirs = torch.nn.functional.conv2d(
        torch.from_numpy(x), torch.from_numpy(weight), torch.from_numpy(bias), stride, padding
    ).numpy()
    np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(ours, loop_conv2d(x, weight, bias, stride, padding), atol=1e-10)


@pytest.mark.parametrize("stride, padding", [(1, 0), (2, 0), (2, 1)])
def test_conv2d_backward_matches_torch_autograd(stride, padding):
    torch = torch_module()
    random = np.random.default_rng(7)
    x = random.standard_normal((2, 3, 7, 9))
    weight = random.standard_normal((5, 3, 3, 3))
    bias = random.standard_normal(5)
    output, columns = F.conv2d_forward(x, weight, bias, stride, padding)
    grad_output = random.standard_normal(output.shape)
    grads = F.conv2d_backward(grad_output, columns, x.shape, weight, stride, padding)
    tensors = [torch.tensor(array, requires_grad=True) for array in (x, weight, bias)]
    torch.nn.functional.conv2d(*tensors, stride=stride, padding=padding).backward(
        torch.from_numpy(grad_output)
    )
    for ours, tensor in zip(grads, tensors):
        np.testing.assert_allclose(ours, tensor.grad.numpy(), rtol=1e-10, atol=1e-10)


def test_conv2d_backward_matches_finite_differences_where_windows_overlap():
    random = np.random.default_rng(3)
    x = random.standard_normal((2, 2, 6, 5))
    weight = random.standard_normal((3, 2, 3, 3))
    bias = random.standard_normal(3)
    upstream = random.standard_normal((2, 3, 4, 3))

    def loss():
        return float((F.conv2d(x, weight, bias) * upstream).sum())

    _, columns = F.conv2d_forward(x, weight, bias, 1, 0)
    grad_x, grad_w, grad_b = F.conv2d_backward(upstream, columns, x.shape, weight, 1, 0)
    np.testing.assert_allclose(grad_x, numerical_gradient(loss, x), atol=1e-6)
    np.testing.assert_allclose(grad_w, numerical_gradient(loss, weight), atol=1e-6)
    np.testing.assert_allclose(grad_b, numerical_gradient(loss, bias), atol=1e-6)
    assert F.conv2d_backward(upstream, columns, x.shape, weight, 1, 0, False)[0] is None


def test_linear_relu_and_cross_entropy_gradients_match_finite_differences():
    random = np.random.default_rng(4)
    x = random.standard_normal((5, 6))
    weight = random.standard_normal((4, 6))
    bias = random.standard_normal(4)
    target = np.array([0, 3, 1, 1, 2])

    def loss():
        return F.cross_entropy(F.relu(F.linear(x, weight, bias)), target)

    hidden = F.relu(F.linear(x, weight, bias))
    grad_hidden = F.relu_backward(F.cross_entropy_backward(hidden, target), hidden)
    grad_x, grad_w, grad_b = F.linear_backward(grad_hidden, x, weight)
    np.testing.assert_allclose(grad_x, numerical_gradient(loss, x), atol=1e-7)
    np.testing.assert_allclose(grad_w, numerical_gradient(loss, weight), atol=1e-7)
    np.testing.assert_allclose(grad_b, numerical_gradient(loss, bias), atol=1e-7)


def test_cross_entropy_matches_torch_and_never_overflows():
    torch = torch_module()
    logits = np.array([[1000.0, 0.0, -1000.0], [0.5, 0.25, 3.0]])
    target = np.array([1, 2])
    expected = torch.nn.functional.cross_entropy(torch.from_numpy(logits), torch.from_numpy(target))
    assert F.cross_entropy(logits, target) == pytest.approx(float(expected), rel=1e-12)
    assert np.isfinite(F.cross_entropy_backward(logits, target)).all()


def test_shape_errors_name_the_shapes():
    with pytest.raises(ValueError, match=r"\(1, 2, 5, 5\).*\(3, 4, 3, 3\)"):
        F.conv2d(np.zeros((1, 2, 5, 5)), np.zeros((3, 4, 3, 3)))
    with pytest.raises(ValueError, match=r"3x3 kernel.*\(1, 1, 2, 2\)"):
        F.conv2d(np.zeros((1, 1, 2, 2)), np.zeros((1, 1, 3, 3)))
    with pytest.raises(ValueError, match=r"\(2, 3\).*\(4, 5\)"):
        F.linear(np.zeros((2, 3)), np.zeros((4, 5)))
    with pytest.raises(ValueError, match=r"\(2, 3\).*\(3,\)"):
        F.cross_entropy(np.zeros((2, 3)), np.zeros(3, int))
