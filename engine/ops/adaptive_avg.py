"""Adaptive average pooling: a fixed output size, windows that adapt to the input size."""

from __future__ import annotations

import numpy as np

from engine.ops.layout import check_grad_output, gradient_dtype
from engine.ops.windows import IntOrTuple, adaptive_bounds, adaptive_output_size, check_input


def adaptive_sum_axis(values: np.ndarray, axis: int, output_size: int) -> np.ndarray:
    """Sum every adaptive window along ``axis`` (-1 or -2) of ``values``.

    Cells are gathered offset by offset; a cell past a shorter window's end is masked with
    ``np.where`` (not multiplied by 0, which would turn an inf into NaN).
    """
    starts, ends = adaptive_bounds(values.shape[axis], output_size)
    lengths = ends - starts
    total = None
    for offset in range(int(lengths.max())):
        positions = np.minimum(starts + offset, ends - 1)
        cells = np.take(values, positions, axis=axis)
        inside = offset < lengths
        if not inside.all():
            mask = inside if axis == -1 else inside[:, None]
            cells = np.where(mask, cells, 0)
        total = cells if total is None else total + cells
    return total


def adaptive_matrix(input_size: int, output_size: int, dtype) -> np.ndarray:
    """(output_size, input_size) matrix with ``1 / window length`` where a cell is in a window."""
    starts, ends = adaptive_bounds(input_size, output_size)
    cells = np.arange(input_size)
    inside = (cells >= starts[:, None]) & (cells < ends[:, None])
    return (inside / (ends - starts)[:, None]).astype(dtype)


def adaptive_avg_forward(op_name, spatial_dims, x, output_size):
    batched, unbatched = check_input(x, spatial_dims, op_name)
    sizes = adaptive_output_size(op_name, batched.shape, output_size)
    work = batched.astype(gradient_dtype(x.dtype), copy=False)
    out, divisor = work, np.ones((), dtype=work.dtype)
    for axis, size in zip(range(-spatial_dims, 0), sizes):
        starts, ends = adaptive_bounds(work.shape[axis], size)
        out = adaptive_sum_axis(out, axis, size)
        divisor = np.multiply.outer(divisor, (ends - starts).astype(work.dtype))
    out = out / divisor  # sum first, divide once, as PyTorch does
    return out[0] if unbatched else out


def adaptive_avg_backward(op_name, spatial_dims, grad_output, x, output_size):
    batched, unbatched = check_input(x, spatial_dims, op_name)
    sizes = adaptive_output_size(op_name, batched.shape, output_size)
    expected = batched.shape[:2] + sizes
    grad_output = check_grad_output(op_name, grad_output, expected[1:] if unbatched else expected)
    dtype = gradient_dtype(x.dtype)
    grad = grad_output.reshape(expected).astype(dtype)
    # The forward is linear: out = A_h @ x @ A_w.T, so the gradient is A_h.T @ g @ A_w.
    width_matrix = adaptive_matrix(batched.shape[-1], sizes[-1], dtype)
    grad_input = grad @ width_matrix
    if spatial_dims == 2:
        height_matrix = adaptive_matrix(batched.shape[-2], sizes[0], dtype)
        grad_input = height_matrix.T @ grad_input
    return grad_input.reshape(x.shape)


def adaptive_avg_pool1d(x: np.ndarray, output_size: IntOrTuple) -> np.ndarray:
    """1D adaptive average pooling, as ``torch.nn.functional.adaptive_avg_pool1d``.

    Parameters
    ----------
    x : ndarray of shape (C, L) or (N, C, L)
    output_size : int
        ``O``; window ``i`` spans ``[floor(i * L / O), ceil((i + 1) * L / O))``.

    Returns
    -------
    ndarray of shape (C, O) or (N, C, O), float64 for float64 input else float32
    """
    return adaptive_avg_forward("adaptive_avg_pool1d", 1, x, output_size)


def adaptive_avg_pool2d(x: np.ndarray, output_size: IntOrTuple) -> np.ndarray:
    """2D adaptive average pooling, as ``torch.nn.functional.adaptive_avg_pool2d``.

    Parameters
    ----------
    x : ndarray of shape (C, H, W) or (N, C, H, W)
    output_size : int or (int or None, int or None)
        ``(H_out, W_out)``; ``None`` keeps that input size. Window ``i`` along an axis spans
        ``[floor(i * L / O), ceil((i + 1) * L / O))`` and is divided by its own size.

    Returns
    -------
    ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out), float64 for float64 input
    else float32
    """
    return adaptive_avg_forward("adaptive_avg_pool2d", 2, x, output_size)


def adaptive_avg_pool1d_backward(
    grad_output: np.ndarray, x: np.ndarray, output_size: IntOrTuple
) -> np.ndarray:
    """Gradient of :func:`adaptive_avg_pool1d`: each gradient spread evenly over its window."""
    return adaptive_avg_backward("adaptive_avg_pool1d", 1, grad_output, x, output_size)


def adaptive_avg_pool2d_backward(
    grad_output: np.ndarray, x: np.ndarray, output_size: IntOrTuple
) -> np.ndarray:
    """Gradient of :func:`adaptive_avg_pool2d`: each gradient spread evenly over its window;
    overlapping windows accumulate.

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
    """
    return adaptive_avg_backward("adaptive_avg_pool2d", 2, grad_output, x, output_size)
