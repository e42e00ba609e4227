"""Max pooling in 1D, 2D and 3D, forward and backward, exact to PyTorch's CPU kernels and fast.

The forward (:func:`engine.ops.max_core.max_pool_core`) is separable: each window's maximum
is found along the last axis within every padded line first, then along each axis before it,
a block of rows at a time. Every pass keeps the *first* maximum (strict ``>``), which together
gives the first maximum in row-major window order, PyTorch's tie rule. The arg-max travels as
one window-offset code per axis, each in the narrowest unsigned type that numbers its offsets,
and becomes flat indices only when asked for. The backward sends each window's gradient to
that first maximum (one checked pass over given indices, then an accumulating scatter,
:mod:`engine.ops.scatter`), or with ``tie="all"`` to every cell equal to the maximum
(:mod:`engine.ops.max_ties`). Every call first checks its working arrays against the memory
budget of :mod:`engine.ops.memory`.
"""

from __future__ import annotations

import math

import numpy as np

from engine.ops.layout import (
    LARGE_INPUT_ADVICE,
    PreparedPool,
    check_grad_output,
    gradient_dtype,
    padded_input,
    pool_cells,
    prepare_pool,
    unpadded,
    window_extent,
)
from engine.ops.max_core import first_real_offset, lowest_value, max_pool_core
from engine.ops.max_ties import check_tie, tie_all_gradient, tie_all_memory
from engine.ops.memory import require_memory
from engine.ops.row_blocks import BLOCK_CELLS
from engine.ops.scatter import NO_INDEX, check_flat_indices, scatter_add
from engine.ops.separable import code_dtype
from engine.ops.windows import IntOrTuple, PoolGeometry, check_flag


def scatter_to_input(
    grad_output: np.ndarray, indices: np.ndarray, input_shape: tuple, dtype: np.dtype, missing: bool
) -> np.ndarray:
    """Add every output gradient at its flat index in its plane; -1 indices add nothing.

    Parameters
    ----------
    grad_output, indices : ndarray of shape (N, C, *output_size)
    input_shape : tuple (N, C, *spatial)
    missing : bool
        Whether some index is -1 (:func:`check_indices` tells).

    Returns
    -------
    ndarray of ``input_shape``, ``dtype``
        Indices shared by several windows accumulate.
    """
    planes = input_shape[0] * input_shape[1]
    grad_input = scatter_add(
        grad_output.reshape(planes, -1),
        indices.reshape(planes, -1),
        math.prod(input_shape[2:]),
        dtype,
        missing,
    )
    return grad_input.reshape(input_shape)


def check_indices(
    op_name: str, indices: np.ndarray, expected_shape: tuple, plane: int
) -> tuple[np.ndarray, bool]:
    """Refuse indices that do not fit the output shape or point outside the input plane;
    return them as int64 and whether some are -1 (:func:`engine.ops.scatter.check_flat_indices`)."""
    return check_flat_indices(op_name, indices, expected_shape, plane)


def max_pool_memory(prepared: PreparedPool, backward: bool) -> int:
    """Peak bytes of :func:`max_pool_core` (and of the gradient when ``backward``): the maxima
    and their int64 indices, and the working arrays of one block of rows (its padded cells,
    the intermediate maxima and the codes, :mod:`engine.ops.row_blocks`)."""
    padded, _, outputs = pool_cells(prepared)
    geometry = prepared.geometry
    size = prepared.planar.dtype.itemsize
    row_cells = math.prod(window_extent(geometry)[1:]) * geometry.effective_kernel_size[0]
    block = min(padded, max(4 * BLOCK_CELLS, row_cells))
    needed = outputs * (size + 8) + block * (3 * size + 16)
    if backward:
        needed += prepared.planar.size * 8 + outputs * 16
    return needed


def max_pool_forward(
    op_name, spatial_dims, x, kernel_size, stride, padding, dilation, ceil_mode, return_indices
):
    prepared = prepare_pool(
        op_name, x, spatial_dims, kernel_size, stride, padding, dilation, ceil_mode
    )
    return_indices = check_flag(op_name, "return_indices", return_indices)
    require_memory(
        op_name, max_pool_memory(prepared, False), prepared.output_text(), LARGE_INPUT_ADVICE
    )
    values, indices = max_pool_core(prepared.planar, prepared.geometry, return_indices)
    if return_indices:
        return prepared.finish(values), prepared.finish(indices)
    return prepared.finish(values)


def max_pool_backward(
    op_name,
    spatial_dims,
    grad_output,
    x,
    kernel_size,
    stride,
    padding,
    dilation,
    ceil_mode,
    indices,
    tie="first",
):
    prepared = prepare_pool(
        op_name, x, spatial_dims, kernel_size, stride, padding, dilation, ceil_mode
    )
    tie = check_tie(op_name, tie, indices)
    planar, geometry = prepared.planar, prepared.geometry
    expected = prepared.caller_output_shape
    grad_output = check_grad_output(op_name, grad_output, expected)
    if tie == "all":
        return max_pool_backward_all(op_name, prepared, grad_output).reshape(x.shape)
    require_memory(
        op_name, max_pool_memory(prepared, True), prepared.output_text(), LARGE_INPUT_ADVICE
    )
    if indices is None:
        _, indices = max_pool_core(planar, geometry, with_indices=True)
        missing = has_empty_windows(geometry)
    else:
        indices, missing = check_indices(op_name, indices, expected, math.prod(geometry.input_size))
    grad_input = scatter_to_input(
        grad_output, indices, planar.shape, gradient_dtype(x.dtype), missing
    )
    return grad_input.reshape(x.shape)


def has_empty_windows(geometry: PoolGeometry) -> bool:
    """Whether some window has no real cell (its index is -1)."""
    return any(
        (first_real_offset(geometry.window_positions(axis), length) < 0).any()
        for axis, length in enumerate(geometry.input_size)
    )


def max_pool_backward_all(op_name: str, prepared: PreparedPool, grad_output) -> np.ndarray:
    """The ``tie="all"`` gradient of a checked max pool call, shape (N, C, *spatial)."""
    planar, geometry = prepared.planar, prepared.geometry
    dtype = gradient_dtype(planar.dtype)
    padded_cells, _, outputs = pool_cells(prepared)
    needed = max_pool_memory(prepared, False) + tie_all_memory(
        padded_cells, outputs, planar.size, planar.dtype.itemsize, dtype.itemsize
    )
    require_memory(op_name, needed, prepared.output_text(), LARGE_INPUT_ADVICE)
    maxima, _ = max_pool_core(planar, geometry, with_indices=False)
    grad = grad_output.reshape(maxima.shape).astype(dtype)
    padded = padded_input(planar, geometry, lowest_value(planar.dtype))
    return unpadded(tie_all_gradient(padded, maxima, grad, geometry), geometry)


def max_pool1d(
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    dilation: IntOrTuple = 1,
    ceil_mode: bool = False,
    return_indices: bool = False,
):
    """1D max pooling, as ``torch.nn.functional.max_pool1d``.

    Parameters
    ----------
    x : ndarray of shape (C, L) or (N, C, L)
        Any numeric dtype.
    kernel_size, stride, padding, dilation : int or tuple of one int
        ``stride=None`` means ``kernel_size``; ``padding`` is at most ``kernel_size // 2``.
    ceil_mode : bool
        Round the output length up; the last window must start inside the input or the
        left padding.
    return_indices : bool
        Also return the arg-max positions.

    Returns
    -------
    out : ndarray of shape (C, L_out) or (N, C, L_out), the dtype of ``x``
        ``L_out = floor_or_ceil((L + 2p - d(k - 1) - 1) / s) + 1``.
    indices : ndarray of the same shape, int64, only if ``return_indices``
        Position of the maximum in the unpadded row; ``-1`` for a window that covers only
        padding (its value is -inf, or the dtype's minimum for integers).

    Notes
    -----
    The padding is -inf, so it never wins. Ties go to the first maximum in the window; a NaN
    makes the output NaN with the index of the last NaN in the window, as PyTorch. Integers
    are compared as themselves (padded with the dtype's minimum), so int64 and uint64 values
    beyond 2**53 stay exact.
    """
    return max_pool_forward(
        "max_pool1d", 1, x, kernel_size, stride, padding, dilation, ceil_mode, return_indices
    )


def max_pool2d(
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    dilation: IntOrTuple = 1,
    ceil_mode: bool = False,
    return_indices: bool = False,
):
    """2D max pooling, as ``torch.nn.functional.max_pool2d``.

    Parameters
    ----------
    x : ndarray of shape (C, H, W) or (N, C, H, W)
        Any numeric dtype; the output keeps it.
    kernel_size, stride, padding, dilation : int or (int, int)
        ``stride=None`` means ``kernel_size``; each padding is at most half its kernel size.
    ceil_mode : bool
        Round the output size up; the last window must start inside the input or the top/left
        padding.
    return_indices : bool
        Also return the arg-max positions.

    Returns
    -------
    out : ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out), the dtype of ``x``
        ``H_out = floor_or_ceil((H + 2p - d(k - 1) - 1) / s) + 1``, likewise ``W_out``.
    indices : ndarray of the same shape, int64, only if ``return_indices``
        Flat position ``h * W + w`` of the maximum in the unpadded plane; ``-1`` for a window
        whose dilated cells all fall in the padding (output -inf, or the dtype's minimum for
        integers; PyTorch returns an out-of-range index there).

    Notes
    -----
    The padding is -inf, so it never wins. Ties go to the first maximum in row-major window
    order; a NaN makes the output NaN with the index of the last NaN in the window; a window
    whose real cells are all -inf reports its first real cell, all as PyTorch. Integers are
    compared as themselves (padded with the dtype's minimum), so int64 and uint64 values
    beyond 2**53 stay exact; windows of any size (a 300 x 300 kernel, a global max over an
    image 100000 pixels wide) report exact indices.

    Examples
    --------
    >>> x = np.array([[[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]]], dtype=float)
    >>> max_pool2d(x, 2)
    array([[[6., 8.],
            [3., 4.]]])
    """
    return max_pool_forward(
        "max_pool2d", 2, x, kernel_size, stride, padding, dilation, ceil_mode, return_indices
    )


def max_pool3d(
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    dilation: IntOrTuple = 1,
    ceil_mode: bool = False,
    return_indices: bool = False,
):
    """3D max pooling, as ``torch.nn.functional.max_pool3d``.

    Parameters
    ----------
    x : ndarray of shape (C, D, H, W) or (N, C, D, H, W)
        Any numeric dtype; the output keeps it.
    kernel_size, stride, padding, dilation : int or (int, int, int)
        ``stride=None`` means ``kernel_size``; each padding is at most half its kernel size.
    ceil_mode : bool
        Round the output size up; the last window must start inside the input or the
        front/top/left padding.
    return_indices : bool
        Also return the arg-max positions.

    Returns
    -------
    out : ndarray of shape (C, D_out, H_out, W_out) or (N, C, D_out, H_out, W_out), the dtype
        of ``x``. ``D_out = floor_or_ceil((D + 2p - d(k - 1) - 1) / s) + 1``, likewise
        ``H_out`` and ``W_out``.
    indices : ndarray of the same shape, int64, only if ``return_indices``
        Flat position ``(d * H + h) * W + w`` of the maximum in the unpadded volume; ``-1``
        for a window whose dilated cells all fall in the padding.

    Notes
    -----
    The padding is -inf (the dtype's minimum for integers), so it never wins. Ties go to the
    first maximum in (depth, row, column) window order; a NaN makes the output NaN with the
    index of the last NaN in the window; a window whose real cells are all -inf reports its
    first real cell, all as PyTorch.
    """
    return max_pool_forward(
        "max_pool3d", 3, x, kernel_size, stride, padding, dilation, ceil_mode, return_indices
    )


def max_pool1d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    dilation: IntOrTuple = 1,
    ceil_mode: bool = False,
    indices: np.ndarray | None = None,
    *,
    tie: str = "first",
) -> np.ndarray:
    """Gradient of :func:`max_pool1d` with respect to ``x``.

    Parameters
    ----------
    grad_output : ndarray of shape (C, L_out) or (N, C, L_out)
        The forward output's shape.
    x : ndarray of shape (C, L) or (N, C, L)
    kernel_size, stride, padding, dilation, ceil_mode
        As given to :func:`max_pool1d`.
    indices : ndarray of the output's shape, int64, optional
        From ``max_pool1d(..., return_indices=True)``; recomputed when omitted. Only with
        ``tie="first"``.
    tie : {"first", "all"}
        Where a window's gradient goes when several of its cells hold its maximum:
        ``"first"`` to the first in row-major window order (PyTorch's rule), ``"all"`` to
        every one of them, each receiving the window's full gradient (not a share of it), the
        textbook ``mask = (window == max)``.

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
        Overlapping windows accumulate; padding receives nothing, so a window of padding
        only contributes nothing. With ``tie="all"`` a NaN maximum goes to every NaN cell of
        its window.

    Raises
    ------
    PoolingError
        For a ``tie`` other than ``"first"`` or ``"all"``, ``indices`` with ``tie="all"``,
        or what the forward refuses.
    """
    return max_pool_backward(
        "max_pool1d",
        1,
        grad_output,
        x,
        kernel_size,
        stride,
        padding,
        dilation,
        ceil_mode,
        indices,
        tie,
    )


def max_pool2d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    dilation: IntOrTuple = 1,
    ceil_mode: bool = False,
    indices: np.ndarray | None = None,
    *,
    tie: str = "first",
) -> np.ndarray:
    """Gradient of :func:`max_pool2d` with respect to ``x``.

    Parameters
    ----------
    grad_output : ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out)
        The forward output's shape.
    x : ndarray of shape (C, H, W) or (N, C, H, W)
    kernel_size, stride, padding, dilation, ceil_mode
        As given to :func:`max_pool2d`.
    indices : ndarray of the output's shape, int64, optional
        From ``max_pool2d(..., return_indices=True)``; recomputed when omitted. Only with
        ``tie="first"``.
    tie : {"first", "all"}
        Where a window's gradient goes when several of its cells hold its maximum:
        ``"first"`` to the first in row-major window order (PyTorch's rule), ``"all"`` to
        every one of them, each receiving the window's full gradient (not a share of it), the
        textbook ``mask = (window == max)``.

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
        Overlapping windows accumulate; padding receives nothing, so a window of padding
        only contributes nothing. With ``tie="all"`` a NaN maximum goes to every NaN cell of
        its window.

    Raises
    ------
    PoolingError
        For a ``tie`` other than ``"first"`` or ``"all"``, ``indices`` with ``tie="all"``,
        or what the forward refuses.
    """
    return max_pool_backward(
        "max_pool2d",
        2,
        grad_output,
        x,
        kernel_size,
        stride,
        padding,
        dilation,
        ceil_mode,
        indices,
        tie,
    )


def max_pool3d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    dilation: IntOrTuple = 1,
    ceil_mode: bool = False,
    indices: np.ndarray | None = None,
    *,
    tie: str = "first",
) -> np.ndarray:
    """Gradient of :func:`max_pool3d` with respect to ``x``.

    Parameters
    ----------
    grad_output : ndarray of shape (C, D_out, H_out, W_out) or (N, C, D_out, H_out, W_out)
        The forward output's shape.
    x : ndarray of shape (C, D, H, W) or (N, C, D, H, W)
    kernel_size, stride, padding, dilation, ceil_mode
        As given to :func:`max_pool3d`.
    indices : ndarray of the output's shape, int64, optional
        From ``max_pool3d(..., return_indices=True)``; recomputed when omitted. Only with
        ``tie="first"``.
    tie : {"first", "all"}
        Where a window's gradient goes when several of its cells hold its maximum:
        ``"first"`` to the first in row-major window order (PyTorch's rule), ``"all"`` to
        every one of them, each receiving the window's full gradient (not a share of it), the
        textbook ``mask = (window == max)``.

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
        Overlapping windows accumulate; padding receives nothing, so a window of padding
        only contributes nothing. With ``tie="all"`` a NaN maximum goes to every NaN cell of
        its window.

    Raises
    ------
    PoolingError
        For a ``tie`` other than ``"first"`` or ``"all"``, ``indices`` with ``tie="all"``,
        or what the forward refuses.
    """
    return max_pool_backward(
        "max_pool3d",
        3,
        grad_output,
        x,
        kernel_size,
        stride,
        padding,
        dilation,
        ceil_mode,
        indices,
        tie,
    )


__all__ = [
    "NO_INDEX",
    "check_indices",
    "code_dtype",
    "lowest_value",
    "max_pool1d",
    "max_pool1d_backward",
    "max_pool2d",
    "max_pool2d_backward",
    "max_pool3d",
    "max_pool3d_backward",
    "max_pool_backward",
    "max_pool_core",
    "max_pool_forward",
    "max_pool_memory",
    "scatter_to_input",
]
