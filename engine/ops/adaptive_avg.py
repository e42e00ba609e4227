"""Adaptive average pooling in 1D, 2D and 3D: a fixed output size, windows that adapt to the
input size."""

from __future__ import annotations

import math

import numpy as np

from engine.ops.layout import check_grad_output, gradient_dtype, stage_cells
from engine.ops.memory import describe_size, require_memory
from engine.ops.windows import (
    AXIS_NAMES,
    IntOrTuple,
    adaptive_bounds,
    adaptive_output_size,
    check_input,
)


def adaptive_sum_axis(values: np.ndarray, axis: int, output_size: int) -> np.ndarray:
    """Sum every adaptive window along ``axis`` (negative, counted from the end) of ``values``.

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
            cells = np.where(inside.reshape((-1,) + (1,) * (-axis - 1)), cells, 0)
        total = cells if total is None else total + cells
    return total


def adaptive_spread_axis(values: np.ndarray, axis: int, input_size: int) -> np.ndarray:
    """Adjoint of :func:`adaptive_sum_axis`: add each window's value to every cell of it.

    Walks the window offsets as the forward does, so the work is linear in the input and
    output sizes (a dense L x O matrix would be quadratic). Windows overlap by at most a cell
    when ``O <= L``, and then one offset never hits a cell twice; with ``O > L`` several
    windows share a start and ``np.add.at`` accumulates them.
    """
    starts, ends = adaptive_bounds(input_size, values.shape[axis])
    lengths = ends - starts
    shape = list(values.shape)
    shape[axis] = input_size
    result = np.zeros(shape, dtype=values.dtype)
    target, source = np.moveaxis(result, axis, 0), np.moveaxis(values, axis, 0)
    unique = values.shape[axis] <= input_size
    for offset in range(int(lengths.max())):
        inside = offset < lengths
        positions = (starts + offset)[inside]
        cells = source if inside.all() else source[inside]
        if unique:
            target[positions] += cells
        else:
            np.add.at(target, positions, cells)
    return result


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
    what = "an output of " + describe_size(sizes, AXIS_NAMES[spatial_dims])
    require_memory(op_name, needed, what, "use a smaller output_size or a smaller input")


def adaptive_avg_forward(op_name, spatial_dims, x, output_size):
    batched, unbatched = check_input(x, spatial_dims, op_name)
    sizes = adaptive_output_size(op_name, batched.shape, output_size)
    dtype = gradient_dtype(x.dtype)
    require_adaptive_avg_memory(op_name, batched.shape, sizes, spatial_dims, dtype.itemsize, False)
    work = batched.astype(dtype, copy=False)
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
    require_adaptive_avg_memory(op_name, batched.shape, sizes, spatial_dims, dtype.itemsize, True)
    divisor = np.ones((), dtype=dtype)
    for length, size in zip(batched.shape[2:], sizes):
        starts, ends = adaptive_bounds(length, size)
        divisor = np.multiply.outer(divisor, (ends - starts).astype(dtype))
    # The forward is linear: each window's gradient / its size goes to each of its cells.
    grad = grad_output.reshape(expected).astype(dtype) / divisor
    for axis in range(-1, -spatial_dims - 1, -1):
        grad = adaptive_spread_axis(grad, axis, batched.shape[axis])
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
