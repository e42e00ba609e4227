"""Adaptive max pooling: a fixed output size, windows that adapt to the input size."""

from __future__ import annotations

import numpy as np

from engine.ops.layout import check_grad_output, gradient_dtype
from engine.ops.maxpool import check_indices, reduce_axis, scatter_to_input
from engine.ops.memory import describe_size, require_memory
from engine.ops.windows import (
    IntOrTuple,
    adaptive_bounds,
    adaptive_output_size,
    check_flag,
    check_input,
)

ADAPTIVE_ADVICE = "use a smaller output_size or a smaller input"


def adaptive_cells(input_size: int, output_size: int) -> np.ndarray:
    """Input position of every cell of every adaptive window along one axis.

    Window ``i`` spans ``[floor(i * L / O), ceil((i + 1) * L / O))``. Windows differ in length,
    so shorter ones repeat their last cell up to the longest length; a repeated cell never
    changes a maximum nor the first arg-max.

    Returns
    -------
    ndarray of shape (output_size, longest window), int64
    """
    starts, ends = adaptive_bounds(input_size, output_size)
    longest = int((ends - starts).max())
    return np.minimum(starts[:, None] + np.arange(longest), (ends - 1)[:, None])


def longest_window(input_size: int, output_size: int) -> int:
    """Length of the longest adaptive window along one axis (at most ``ceil(L / O) + 1``)."""
    return -(-input_size // output_size) + 1


def require_adaptive_memory(
    op_name: str, planar_shape: tuple, sizes: tuple, spatial_dims: int, backward: bool
) -> None:
    """Refuse an adaptive max whose working arrays would exceed the memory budget.

    The row stage is (N, C, H, W_out), the output (N, C, H_out, W_out), each with its value,
    codes and scratch; the window cell tables are O x longest window per axis.
    """
    planes, (height, width) = planar_shape[0] * planar_shape[1], planar_shape[2:]
    out_h, out_w = sizes[-2:] if spatial_dims == 2 else (1, sizes[0])
    size = 8  # values, codes and indices are at most 8 bytes a cell
    needed = planes * height * out_w * (3 * size + 25) + planes * out_h * out_w * (3 * size + 49)
    needed += 16 * (out_h * longest_window(height, out_h) + out_w * longest_window(width, out_w))
    if backward:
        needed += planes * height * width * 8
    what = "an output of " + describe_size(sizes, "L" if spatial_dims == 1 else "H x W")
    require_memory(op_name, needed, what, ADAPTIVE_ADVICE)


def adaptive_max_core(x: np.ndarray, output_size: tuple[int, int], with_indices: bool):
    """Adaptive max of a batched 4D input (N, C, H, W); returns values and flat indices.

    Integers and bools are compared as themselves, so the maxima are exact at any size.
    """
    work = x
    rows = adaptive_cells(x.shape[2], output_size[0])
    cols = adaptive_cells(x.shape[3], output_size[1])
    column_slices = [(Ellipsis, cols[:, offset]) for offset in range(cols.shape[1])]
    row_slices = [(Ellipsis, rows[:, offset], slice(None)) for offset in range(rows.shape[1])]

    def run(nan_aware: bool):
        row_max, column_code, _ = reduce_axis(work, column_slices, with_indices, nan_aware)
        return reduce_axis(row_max, row_slices, with_indices, nan_aware, column_code)

    values, row_code, column_code = run(nan_aware=False)
    if with_indices and work.dtype.kind == "f" and np.isnan(values).any():
        values, row_code, column_code = run(nan_aware=True)
    indices = None
    if with_indices:
        out_rows = np.arange(output_size[0])[:, None]
        out_cols = np.arange(output_size[1])
        indices = rows[out_rows, row_code] * x.shape[3] + cols[out_cols, column_code]
    return values, indices


def adaptive_max_forward(op_name, spatial_dims, x, output_size, return_indices):
    batched, unbatched = check_input(x, spatial_dims, op_name)
    sizes = adaptive_output_size(op_name, batched.shape, output_size)
    return_indices = check_flag(op_name, "return_indices", return_indices)
    planar = batched.reshape(batched.shape[:2] + (1,) * (2 - spatial_dims) + batched.shape[2:])
    require_adaptive_memory(op_name, planar.shape, sizes, spatial_dims, backward=False)
    values, indices = adaptive_max_core(planar, ((1,) * (2 - spatial_dims)) + sizes, return_indices)
    shape = batched.shape[:2] + sizes
    values = values.reshape(shape)[0] if unbatched else values.reshape(shape)
    if not return_indices:
        return values
    indices = indices.reshape(shape)
    return values, indices[0] if unbatched else indices


def adaptive_max_backward(op_name, spatial_dims, grad_output, x, output_size, indices):
    batched, unbatched = check_input(x, spatial_dims, op_name)
    sizes = adaptive_output_size(op_name, batched.shape, output_size)
    planar = batched.reshape(batched.shape[:2] + (1,) * (2 - spatial_dims) + batched.shape[2:])
    planar_sizes = ((1,) * (2 - spatial_dims)) + sizes
    expected = (batched.shape[1:] if unbatched else batched.shape)[:-spatial_dims] + sizes
    grad_output = check_grad_output(op_name, grad_output, expected)
    require_adaptive_memory(op_name, planar.shape, sizes, spatial_dims, backward=True)
    if indices is None:
        _, planar_indices = adaptive_max_core(planar, planar_sizes, with_indices=True)
    else:
        indices = check_indices(op_name, indices, expected, planar.shape[2] * planar.shape[3])
        planar_indices = indices.astype(np.int64, copy=False)
    planar_indices = planar_indices.reshape(planar.shape[:2] + planar_sizes)
    grad_input = scatter_to_input(
        grad_output.reshape(planar_indices.shape),
        planar_indices,
        planar.shape,
        gradient_dtype(x.dtype),
        unique=False,
    )
    return grad_input.reshape(x.shape)


def adaptive_max_pool1d(x: np.ndarray, output_size: IntOrTuple, return_indices: bool = False):
    """1D adaptive max pooling, as ``torch.nn.functional.adaptive_max_pool1d``.

    Parameters
    ----------
    x : ndarray of shape (C, L) or (N, C, L)
    output_size : int
        ``O``; window ``i`` spans ``[floor(i * L / O), ceil((i + 1) * L / O))``.
    return_indices : bool

    Returns
    -------
    out : ndarray of shape (C, O) or (N, C, O), the dtype of ``x``
    indices : int64 ndarray of the same shape, only if ``return_indices``
        Position of the first maximum (of the last NaN, if any) of each window.
    """
    return adaptive_max_forward("adaptive_max_pool1d", 1, x, output_size, return_indices)


def adaptive_max_pool2d(x: np.ndarray, output_size: IntOrTuple, return_indices: bool = False):
    """2D adaptive max pooling, as ``torch.nn.functional.adaptive_max_pool2d``.

    Parameters
    ----------
    x : ndarray of shape (C, H, W) or (N, C, H, W)
    output_size : int or (int or None, int or None)
        ``(H_out, W_out)``; ``None`` keeps that input size. Window ``i`` along an axis spans
        ``[floor(i * L / O), ceil((i + 1) * L / O))``; windows may overlap.
    return_indices : bool

    Returns
    -------
    out : ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out), the dtype of ``x``
        Integers are compared as themselves, so they stay exact at any size.
    indices : int64 ndarray of the same shape, only if ``return_indices``
        Flat position ``h * W + w`` of the first maximum in row-major window order (of the
        last NaN, if any), as PyTorch.
    """
    return adaptive_max_forward("adaptive_max_pool2d", 2, x, output_size, return_indices)


def adaptive_max_pool1d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    output_size: IntOrTuple,
    indices: np.ndarray | None = None,
) -> np.ndarray:
    """Gradient of :func:`adaptive_max_pool1d`: each output gradient added at its arg-max.

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
    """
    return adaptive_max_backward("adaptive_max_pool1d", 1, grad_output, x, output_size, indices)


def adaptive_max_pool2d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    output_size: IntOrTuple,
    indices: np.ndarray | None = None,
) -> np.ndarray:
    """Gradient of :func:`adaptive_max_pool2d`: each output gradient added at its arg-max;
    overlapping windows accumulate.

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
    """
    return adaptive_max_backward("adaptive_max_pool2d", 2, grad_output, x, output_size, indices)
