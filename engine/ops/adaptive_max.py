"""Adaptive max pooling in 1D, 2D and 3D: a fixed output size, windows that adapt to the
input size."""

from __future__ import annotations

import math

import numpy as np

from engine.ops.adaptive_axes import adaptive_maximum
from engine.ops.layout import check_grad_output, gradient_dtype, stage_cells
from engine.ops.maxpool import check_indices, scatter_to_input
from engine.ops.memory import describe_size, require_memory
from engine.ops.separable import cell_indices, separable_max
from engine.ops.windows import (
    AXIS_NAMES,
    IntOrTuple,
    adaptive_bounds,
    adaptive_output_size,
    check_flag,
    check_input,
)
from engine.text import Text

ADAPTIVE_ADVICE = Text("use a smaller output_size or a smaller input")


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

    The intermediate stages (in 2D (N, C, H, W_out)) and the output, each with its value,
    codes and scratch; the window cell tables are O x longest window per axis.
    """
    planes, spatial = planar_shape[0] * planar_shape[1], planar_shape[2:]
    planar_sizes = (1,) * (len(spatial) - len(sizes)) + tuple(sizes)
    size = 8  # values, codes and indices are at most 8 bytes a cell
    needed = sum(stage_cells(planes, spatial, planar_sizes)) * (3 * size + 25)
    needed += planes * math.prod(planar_sizes) * (3 * size + 49)
    needed += 16 * sum(
        out * longest_window(length, out) for length, out in zip(spatial, planar_sizes)
    )
    if backward:
        needed += planes * math.prod(spatial) * 8
    what = Text("an output of {size}", size=describe_size(sizes, AXIS_NAMES[spatial_dims]))
    require_memory(op_name, needed, what, ADAPTIVE_ADVICE)


def adaptive_max_core(x: np.ndarray, output_size: tuple[int, ...], with_indices: bool):
    """Adaptive max of a batched input (N, C, *spatial); returns values and flat indices.

    Integers and bools are compared as themselves, so the maxima are exact at any size. The
    outermost axis is reduced first (:func:`engine.ops.adaptive_axes.adaptive_maximum`);
    a NaN maximum sends the call to :func:`exact_adaptive_max`, which knows where NaN wins.
    """
    if all(size == 1 for size in output_size):
        values, indices = global_maximum(x, with_indices)
    else:
        values, indices = adaptive_maximum(x, output_size, with_indices)
    if with_indices and values.dtype.kind == "f" and np.isnan(values).any():
        return exact_adaptive_max(x, output_size, with_indices)
    return values, indices


def global_maximum(x: np.ndarray, with_indices: bool):
    """Each plane's maximum and the flat position of its first maximum, over the plane as
    one contiguous line (shape (N, C, 1, ...))."""
    flat = x.reshape(x.shape[:2] + (-1,))
    shape = x.shape[:2] + (1,) * (x.ndim - 2)
    if not with_indices:
        return flat.max(axis=-1).reshape(shape), None
    indices = flat.argmax(axis=-1)[..., None]
    values = np.take_along_axis(flat, indices, axis=-1)
    return values.reshape(shape), indices.reshape(shape)


def exact_adaptive_max(x: np.ndarray, output_size: tuple[int, ...], with_indices: bool):
    """:func:`adaptive_max_core` over gathered window cells, the last axis first: slower,
    but it gives a NaN maximum the index of the window's last NaN, as PyTorch."""
    cells = [adaptive_cells(length, size) for length, size in zip(x.shape[2:], output_size)]
    indexers = [[table[:, offset] for offset in range(table.shape[1])] for table in cells]
    values, codes = separable_max(x, indexers, with_indices)
    indices = cell_indices(cells, codes, x.shape[2:]) if with_indices else None
    return values, indices


def planar_view(op_name: str, x, spatial_dims: int):
    """The checked input with a batch axis (1D as a height-1 plane), and whether it had none."""
    batched, unbatched = check_input(x, spatial_dims, op_name)
    planar = batched.reshape(batched.shape[:2] + (1,) * (2 - spatial_dims) + batched.shape[2:])
    return batched, planar, unbatched


def adaptive_max_forward(op_name, spatial_dims, x, output_size, return_indices):
    batched, planar, unbatched = planar_view(op_name, x, spatial_dims)
    sizes = adaptive_output_size(op_name, batched.shape, output_size)
    return_indices = check_flag(op_name, "return_indices", return_indices)
    require_adaptive_memory(op_name, planar.shape, sizes, spatial_dims, backward=False)
    values, indices = adaptive_max_core(planar, ((1,) * (2 - spatial_dims)) + sizes, return_indices)
    shape = batched.shape[:2] + sizes
    values = values.reshape(shape)[0] if unbatched else values.reshape(shape)
    if not return_indices:
        return values
    indices = indices.reshape(shape)
    return values, indices[0] if unbatched else indices


def adaptive_max_backward(op_name, spatial_dims, grad_output, x, output_size, indices):
    batched, planar, unbatched = planar_view(op_name, x, spatial_dims)
    sizes = adaptive_output_size(op_name, batched.shape, output_size)
    planar_sizes = ((1,) * (2 - spatial_dims)) + sizes
    expected = (batched.shape[1:] if unbatched else batched.shape)[:-spatial_dims] + sizes
    grad_output = check_grad_output(op_name, grad_output, expected)
    require_adaptive_memory(op_name, planar.shape, sizes, spatial_dims, backward=True)
    if indices is None:
        _, indices = adaptive_max_core(planar, planar_sizes, with_indices=True)
        missing = False
    else:
        indices, missing = check_indices(op_name, indices, expected, math.prod(planar.shape[2:]))
    grad_input = scatter_to_input(
        grad_output, indices, planar.shape, gradient_dtype(x.dtype), missing
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


def adaptive_max_pool3d(x: np.ndarray, output_size: IntOrTuple, return_indices: bool = False):
    """3D adaptive max pooling, as ``torch.nn.functional.adaptive_max_pool3d``.

    Parameters
    ----------
    x : ndarray of shape (C, D, H, W) or (N, C, D, H, W)
    output_size : int or (int or None, int or None, int or None)
        ``(D_out, H_out, W_out)``; ``None`` keeps that input size. Window ``i`` along an axis
        spans ``[floor(i * L / O), ceil((i + 1) * L / O))``; windows may overlap.
    return_indices : bool

    Returns
    -------
    out : ndarray of shape (C, D_out, H_out, W_out) or (N, C, D_out, H_out, W_out), the dtype
        of ``x``. Integers are compared as themselves, so they stay exact at any size.
    indices : int64 ndarray of the same shape, only if ``return_indices``
        Flat position ``(d * H + h) * W + w`` of the first maximum in (depth, row, column)
        window order (of the last NaN, if any), as PyTorch.
    """
    return adaptive_max_forward("adaptive_max_pool3d", 3, x, output_size, return_indices)


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


def adaptive_max_pool3d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    output_size: IntOrTuple,
    indices: np.ndarray | None = None,
) -> np.ndarray:
    """Gradient of :func:`adaptive_max_pool3d`: each output gradient added at its arg-max;
    overlapping windows accumulate.

    Parameters
    ----------
    grad_output : ndarray of shape (C, D_out, H_out, W_out) or (N, C, D_out, H_out, W_out)
    x : ndarray of shape (C, D, H, W) or (N, C, D, H, W)
    indices : ndarray of the output's shape, int64, optional
        From ``adaptive_max_pool3d(..., return_indices=True)``; recomputed when omitted.

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
    """
    return adaptive_max_backward("adaptive_max_pool3d", 3, grad_output, x, output_size, indices)
