"""Adaptive average pooling in 1D, 2D and 3D: a fixed output size, windows that adapt to the
input size."""

from __future__ import annotations

import math

import numpy as np

from engine.ops.adaptive_axes import spread_axis, sum_axis
from engine.ops.layout import check_grad_output, gradient_dtype, stage_cells
from engine.ops.memory import describe_size, require_memory
from engine.ops.windows import (
    AXIS_NAMES,
    IntOrTuple,
    adaptive_bounds,
    adaptive_output_size,
    check_input,
)
from engine.text import Text


def window_sums(values: np.ndarray, sizes: tuple[int, ...]) -> np.ndarray:
    """Sum of every adaptive window of (N, C, *spatial), the outermost axis first, or of the
    whole plane at once when there is one window (a global average)."""
    if all(size == 1 for size in sizes):
        return plane_sums(values.reshape(values.shape[:2] + (-1,))).reshape(
            values.shape[:2] + sizes
        )
    for axis, size in zip(range(-len(sizes), 0), sizes, strict=True):
        values = sum_axis(values, axis, size)
    return values


LINE = 4096
"""Cells per line when a plane is summed as lines: the lines are added cell by cell, then
each line's cells pairwise."""


def plane_sums(planes: np.ndarray) -> np.ndarray:
    """The sum of each line of (N, C, P): as (N, C, P / LINE, LINE) lines added together
    (vectorised), then summed pairwise, as fast as memory reads and as precise as a pairwise
    sum for a few thousand lines; the remainder of P is added on."""
    lines = planes.shape[-1] // LINE
    if lines < 2:
        return planes.sum(axis=-1)
    whole = planes[..., : lines * LINE].reshape(planes.shape[:-1] + (lines, LINE))
    return whole.sum(axis=-2).sum(axis=-1) + planes[..., lines * LINE :].sum(axis=-1)


def window_sizes(input_size: tuple[int, ...], sizes: tuple[int, ...], dtype) -> np.ndarray:
    """Cells of every adaptive window, shape ``sizes``, in ``dtype``."""
    divisor = np.ones((), dtype=dtype)
    for length, size in zip(input_size, sizes, strict=True):
        starts, ends = adaptive_bounds(length, size)
        divisor = np.multiply.outer(divisor, (ends - starts).astype(dtype))
    return divisor


def require_adaptive_avg_memory(op_name, batched_shape, sizes, spatial_dims, itemsize, backward):
    """Refuse an adaptive average whose working arrays would exceed the memory budget: the
    float input, the intermediate sums (N, C, H, W_out in 2D) and the output, a few times
    each."""
    planes = batched_shape[0] * batched_shape[1]
    spatial = batched_shape[2:]
    stages = sum(stage_cells(planes, spatial, sizes))
    if backward:  # the spread runs from the output sizes back to the input's
        stages += sum(stage_cells(planes, sizes, spatial))
    outputs = planes * math.prod(sizes)
    needed = (planes * math.prod(spatial) * (2 if backward else 1) + 3 * stages) * itemsize
    needed += 3 * outputs * itemsize
    what = Text("an output of {size}", size=describe_size(sizes, AXIS_NAMES[spatial_dims]))
    require_memory(op_name, needed, what, Text("use a smaller output_size or a smaller input"))


def adaptive_avg_forward(op_name, spatial_dims, x, output_size):
    batched, unbatched = check_input(x, spatial_dims, op_name)
    sizes = adaptive_output_size(op_name, batched.shape, output_size)
    dtype = gradient_dtype(x.dtype)
    require_adaptive_avg_memory(op_name, batched.shape, sizes, spatial_dims, dtype.itemsize, False)
    work = batched.astype(dtype, copy=False)
    out = window_sums(work, sizes)
    out = out / window_sizes(work.shape[2:], sizes, dtype)  # sum first, divide once, as PyTorch
    return out[0] if unbatched else out


def adaptive_avg_backward(op_name, spatial_dims, grad_output, x, output_size):
    batched, unbatched = check_input(x, spatial_dims, op_name)
    sizes = adaptive_output_size(op_name, batched.shape, output_size)
    expected = batched.shape[:2] + sizes
    grad_output = check_grad_output(op_name, grad_output, expected[1:] if unbatched else expected)
    dtype = gradient_dtype(x.dtype)
    require_adaptive_avg_memory(op_name, batched.shape, sizes, spatial_dims, dtype.itemsize, True)
    # The forward is linear: each window's gradient / its size goes to each of its cells.
    grad = grad_output.reshape(expected).astype(dtype)
    grad /= window_sizes(batched.shape[2:], sizes, dtype)
    for axis in range(-1, -spatial_dims - 1, -1):
        grad = spread_axis(grad, axis, batched.shape[axis])
    return grad.reshape(x.shape)


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


def adaptive_avg_pool3d(x: np.ndarray, output_size: IntOrTuple) -> np.ndarray:
    """3D adaptive average pooling, as ``torch.nn.functional.adaptive_avg_pool3d``.

    Parameters
    ----------
    x : ndarray of shape (C, D, H, W) or (N, C, D, H, W)
    output_size : int or (int or None, int or None, int or None)
        ``(D_out, H_out, W_out)``; ``None`` keeps that input size. Window ``i`` along an axis
        spans ``[floor(i * L / O), ceil((i + 1) * L / O))`` and is divided by its own size.

    Returns
    -------
    ndarray of shape (C, D_out, H_out, W_out) or (N, C, D_out, H_out, W_out), float64 for
    float64 input else float32
    """
    return adaptive_avg_forward("adaptive_avg_pool3d", 3, x, output_size)


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


def adaptive_avg_pool3d_backward(
    grad_output: np.ndarray, x: np.ndarray, output_size: IntOrTuple
) -> np.ndarray:
    """Gradient of :func:`adaptive_avg_pool3d`: each gradient spread evenly over its window;
    overlapping windows accumulate.

    Parameters
    ----------
    grad_output : ndarray of shape (C, D_out, H_out, W_out) or (N, C, D_out, H_out, W_out)
    x : ndarray of shape (C, D, H, W) or (N, C, D, H, W)

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
    """
    return adaptive_avg_backward("adaptive_avg_pool3d", 3, grad_output, x, output_size)
