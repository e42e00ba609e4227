"""The network's operations, named and shaped as ``torch.nn.functional``'s, each with its
backward next to it.

Convolution is im2col: every window of the input becomes a row of a matrix
(:func:`im2col`, a copy of ``numpy.lib.stride_tricks.sliding_window_view``) and one matrix
product (BLAS) applies every filter to every window. Gradients that reach the same input cell
from overlapping windows are added up, never assigned.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv_output_size(length: int, kernel_size: int, stride: int, padding: int) -> int:
    """``floor((length + 2 * padding - kernel_size) / stride) + 1``, torch's output size."""
    return (length + 2 * padding - kernel_size) // stride + 1


def im2col(input: np.ndarray, kernel_size: int, stride: int = 1, padding: int = 0) -> np.ndarray:
    """Every ``kernel_size x kernel_size`` window of a batch, one window per row.

    Parameters
    ----------
    input : ndarray of shape (N, C, H, W)
    kernel_size, stride, padding : int
        Square window, step between windows, zeros added on every side.

    Returns
    -------
    ndarray of shape (N * H_out * W_out, C * kernel_size * kernel_size)
        Rows in (n, row, col) order; columns in (channel, kernel row, kernel col) order, the
        order of a torch weight ``(C_out, C, kH, kW)`` flattened.
    """
    batch, channels, height, width = input.shape
    out_h = conv_output_size(height, kernel_size, stride, padding)
    out_w = conv_output_size(width, kernel_size, stride, padding)
    if out_h < 1 or out_w < 1:
        raise ValueError(
            f"conv2d: a {kernel_size}x{kernel_size} kernel with padding {padding} does not fit "
            f"an input of shape {tuple(input.shape)} (N, C, H, W)"
        )
    if padding:
        input = np.pad(input, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    windows = sliding_window_view(input, (kernel_size, kernel_size), axis=(2, 3))
    windows = windows[
        :, :, : stride * (out_h - 1) + 1 : stride, : stride * (out_w - 1) + 1 : stride
    ]
    return windows.transpose(0, 2, 3, 1, 4, 5).reshape(batch * out_h * out_w, -1)


def conv2d_forward(
    input: np.ndarray, weight: np.ndarray, bias: np.ndarray | None, stride: int, padding: int
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`conv2d` and the im2col matrix its backward needs."""
    if input.ndim != 4 or weight.ndim != 4 or input.shape[1] != weight.shape[1]:
        raise ValueError(
            f"conv2d: input {tuple(input.shape)} (N, C, H, W) does not match weight "
            f"{tuple(weight.shape)} (C_out, C, kH, kW)"
        )
    batch, _, height, width = input.shape
    out_channels, _, kernel_size, _ = weight.shape
    columns = im2col(input, kernel_size, stride, padding)
    output = columns @ weight.reshape(out_channels, -1).T
    if bias is not None:
        output += bias
    out_h = conv_output_size(height, kernel_size, stride, padding)
    out_w = conv_output_size(width, kernel_size, stride, padding)
    output = output.reshape(batch, out_h, out_w, out_channels).transpose(0, 3, 1, 2)
    return np.ascontiguousarray(output), columns


def conv2d(
    input: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None = None,
    stride: int = 1,
    padding: int = 0,
) -> np.ndarray:
    """2D cross-correlation, as ``torch.nn.functional.conv2d`` (square kernel, no dilation,
    no groups; padding with zeros).

    Parameters
    ----------
    input : ndarray of shape (N, C, H, W)
    weight : ndarray of shape (C_out, C, k, k)
    bias : ndarray of shape (C_out,), optional

    Returns
    -------
    ndarray of shape (N, C_out, H_out, W_out)
        ``H_out = floor((H + 2 * padding - k) / stride) + 1``, likewise ``W_out``.
    """
    return conv2d_forward(input, weight, bias, stride, padding)[0]


def conv2d_backward(
    grad_output: np.ndarray,
    columns: np.ndarray,
    input_shape: tuple[int, int, int, int],
    weight: np.ndarray,
    stride: int,
    padding: int,
    input_gradient: bool = True,
) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
    """Gradients of :func:`conv2d`.

    Parameters
    ----------
    grad_output : ndarray of shape (N, C_out, H_out, W_out)
    columns : ndarray of shape (N * H_out * W_out, C * k * k)
        The forward's :func:`im2col` matrix.
    input_shape : (N, C, H, W)
    weight : ndarray of shape (C_out, C, k, k)
    input_gradient : bool
        False skips the input's gradient (the first layer needs none).

    Returns
    -------
    grad_input : ndarray of shape (N, C, H, W), or None
    grad_weight : ndarray of the weight's shape
    grad_bias : ndarray of shape (C_out,)
    """
    batch, channels, height, width = input_shape
    out_channels, _, kernel_size, _ = weight.shape
    _, _, out_h, out_w = grad_output.shape
    grad_rows = grad_output.transpose(0, 2, 3, 1).reshape(-1, out_channels)
    grad_weight = (grad_rows.T @ columns).reshape(weight.shape)
    grad_bias = grad_rows.sum(axis=0)
    if not input_gradient:
        return None, grad_weight, grad_bias
    grad_columns = (grad_rows @ weight.reshape(out_channels, -1)).reshape(
        batch, out_h, out_w, channels, kernel_size, kernel_size
    )
    grad_padded = np.zeros(
        (batch, channels, height + 2 * padding, width + 2 * padding), dtype=grad_output.dtype
    )
    for row in range(kernel_size):  # one strided add per kernel cell, never per pixel
        for col in range(kernel_size):
            grad_padded[
                :,
                :,
                row : row + stride * (out_h - 1) + 1 : stride,
                col : col + stride * (out_w - 1) + 1 : stride,
            ] += grad_columns[:, :, :, :, row, col].transpose(0, 3, 1, 2)
    grad_input = grad_padded[:, :, padding : padding + height, padding : padding + width]
    return np.ascontiguousarray(grad_input), grad_weight, grad_bias


def linear(input: np.ndarray, weight: np.ndarray, bias: np.ndarray | None = None) -> np.ndarray:
    """``input @ weight.T + bias``, as ``torch.nn.functional.linear``.

    Parameters
    ----------
    input : ndarray of shape (N, in_features)
    weight : ndarray of shape (out_features, in_features)
    bias : ndarray of shape (out_features,), optional

    Returns
    -------
    ndarray of shape (N, out_features)
    """
    if input.ndim != 2 or weight.ndim != 2 or input.shape[1] != weight.shape[1]:
        raise ValueError(
            f"linear: input {tuple(input.shape)} (N, in_features) does not match weight "
            f"{tuple(weight.shape)} (out_features, in_features)"
        )
    output = input @ weight.T
    return output + bias if bias is not None else output


def linear_backward(
    grad_output: np.ndarray, input: np.ndarray, weight: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients of :func:`linear`: ``(grad_input, grad_weight, grad_bias)``, each of the
    shape of what it is the gradient of; ``grad_output`` is (N, out_features)."""
    return grad_output @ weight, grad_output.T @ input, grad_output.sum(axis=0)


def relu(input: np.ndarray) -> np.ndarray:
    """``max(input, 0)``, any shape."""
    return np.maximum(input, 0)


def relu_backward(grad_output: np.ndarray, output: np.ndarray) -> np.ndarray:
    """Gradient of :func:`relu` from its output: passes where the output is positive (the
    gradient at exactly 0 is 0, as torch's)."""
    return grad_output * (output > 0)


def log_softmax(input: np.ndarray) -> np.ndarray:
    """``log(softmax(input))`` along the last axis, shifted by the maximum so it never
    overflows; input (N, classes)."""
    shifted = input - input.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def cross_entropy(input: np.ndarray, target: np.ndarray) -> float:
    """Mean softmax cross-entropy, as ``torch.nn.functional.cross_entropy``.

    Parameters
    ----------
    input : ndarray of shape (N, classes)
        Logits.
    target : ndarray of shape (N,), int
        Class indices.
    """
    if input.ndim != 2 or target.shape != (input.shape[0],):
        raise ValueError(
            f"cross_entropy: logits {tuple(input.shape)} (N, classes) do not match target "
            f"{tuple(target.shape)} (N,)"
        )
    return float(-log_softmax(input)[np.arange(len(target)), target].mean())


def cross_entropy_backward(input: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Gradient of :func:`cross_entropy` with respect to the logits: ``(softmax - one_hot) /
    N``, of shape (N, classes)."""
    grad = np.exp(log_softmax(input))
    grad[np.arange(len(target)), target] -= 1
    return grad / len(target)
