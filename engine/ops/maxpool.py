"""Max pooling, forward and backward, exact to PyTorch's CPU kernels and fast.

The forward is separable: each window's maximum is found along W within every padded row
first, then along H over those row maxima. Both passes keep the *first* maximum (strict ``>``),
which together gives the first maximum in row-major window order, PyTorch's tie rule. The
arg-max travels as two window-offset codes (row, column), each in the narrowest unsigned type
that numbers its offsets, and becomes flat indices only when asked for. Every call first checks
its working arrays against the memory budget of :mod:`engine.ops.memory`.
"""

from __future__ import annotations

import numpy as np

from engine.errors import PoolingError
from engine.ops.layout import (
    LARGE_INPUT_ADVICE,
    PreparedPool,
    check_grad_output,
    gradient_dtype,
    padded_input,
    pool_cells,
    prepare_pool,
    shaped_array,
)
from engine.ops.memory import require_memory
from engine.ops.windows import IntOrTuple, PoolGeometry, check_flag

NO_INDEX = -1
"""Index given to a window that covers only padding (PyTorch returns garbage there)."""


def lowest_value(dtype: np.dtype):
    """The padding of a max pool in ``dtype``: -inf for floats, the smallest integer for
    integers, False for bools. Integers are pooled as themselves, so they stay exact."""
    if dtype.kind == "f":
        return -np.inf
    if dtype.kind in "iu":
        return np.iinfo(dtype).min
    return False


def code_dtype(count: int) -> np.dtype:
    """Narrowest unsigned type that numbers ``count`` window offsets (codes 0 .. count - 1)."""
    for candidate in (np.uint8, np.uint16, np.uint32):
        if count <= np.iinfo(candidate).max + 1:
            return np.dtype(candidate)
    return np.dtype(np.int64)


def first_real_offset(positions: np.ndarray, length: int) -> np.ndarray:
    """Per window, the offset of its first cell inside ``[0, length)``, or -1 if none.

    Parameters
    ----------
    positions : ndarray of shape (O, k), int64
        Input position of every window cell along one axis.
    """
    real = (positions >= 0) & (positions < length)
    return np.where(real.any(axis=1), real.argmax(axis=1), NO_INDEX)


def reduce_axis(
    values: np.ndarray, slices: list, with_codes: bool, nan_aware: bool, codes_in=None
) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
    """Running first-max over the candidate ``slices`` of ``values`` (one per kernel offset).

    Returns the maxima, the offset code of the winning candidate (the narrowest unsigned type
    that holds ``len(slices)`` codes, see :func:`code_dtype`) and, when ``codes_in`` is given,
    the incoming codes carried along from the winner.
    """
    first = values[slices[0]]
    if not with_codes:
        result = first.copy()
        for index in slices[1:]:
            np.maximum(result, values[index], out=result)
        return result, None, None
    codes_type = code_dtype(len(slices))
    result = first.copy()
    codes = np.zeros(result.shape, dtype=codes_type)
    carried = None if codes_in is None else codes_in[slices[0]].copy()
    better = np.empty(result.shape, dtype=bool)
    scratch = np.empty(result.shape, dtype=codes_type)
    carried_scratch = None if codes_in is None else np.empty(result.shape, dtype=codes_in.dtype)
    for offset, index in enumerate(slices[1:], start=1):
        candidate = values[index]
        np.greater(candidate, result, out=better)
        if nan_aware:
            better |= np.isnan(candidate)
        # Offsets grow, so the last offset that was better is the largest: a running maximum.
        np.multiply(better, codes_type.type(offset), out=scratch, dtype=codes_type)
        np.maximum(codes, scratch, out=codes)
        if carried is not None:
            # carried = better ? incoming : carried, as modular arithmetic on small codes.
            np.subtract(codes_in[index], carried, out=carried_scratch)
            carried_scratch *= better
            carried += carried_scratch
        if nan_aware:
            np.copyto(result, candidate, where=better)
        else:
            np.maximum(result, candidate, out=result)
    return result, codes, carried


def max_pool_core(
    x: np.ndarray, geometry: PoolGeometry, with_indices: bool
) -> tuple[np.ndarray, np.ndarray | None]:
    """Max pool a batched 4D input (N, C, H, W) over a 2D geometry.

    Returns the maxima (N, C, H_out, W_out) in ``x``'s dtype and, if asked, int64 flat indices.
    Integers and bools are compared as themselves (exact at any size), padded with the dtype's
    minimum; floats are padded with -inf.
    """
    padded = padded_input(x, geometry, lowest_value(x.dtype))
    (out_h, out_w), (stride_h, stride_w) = geometry.output_size, geometry.stride
    (kernel_h, kernel_w), (dilation_h, dilation_w) = geometry.kernel_size, geometry.dilation
    column_slices = [
        (
            Ellipsis,
            slice(offset * dilation_w, offset * dilation_w + (out_w - 1) * stride_w + 1, stride_w),
        )
        for offset in range(kernel_w)
    ]
    row_slices = [
        (
            Ellipsis,
            slice(offset * dilation_h, offset * dilation_h + (out_h - 1) * stride_h + 1, stride_h),
            slice(None),
        )
        for offset in range(kernel_h)
    ]

    def run(source: np.ndarray, nan_aware: bool):
        row_max, column_code, _ = reduce_axis(source, column_slices, with_indices, nan_aware)
        return reduce_axis(row_max, row_slices, with_indices, nan_aware, column_code)

    values, row_code, column_code = run(padded, nan_aware=False)
    has_nan = x.dtype.kind == "f" and np.isnan(values).any()
    if has_nan and with_indices:
        values, row_code, column_code = run(padded, nan_aware=True)
    del padded  # free the padded copy before the int64 indices are built

    rows = geometry.window_positions(0)
    cols = geometry.window_positions(1)
    first_row = first_real_offset(rows, geometry.input_size[0])
    first_col = first_real_offset(cols, geometry.input_size[1])
    empty = (first_row < 0)[:, None] | (first_col < 0)[None, :]
    indices = None
    if with_indices:
        # A window whose winner is still offset 0 although offset 0 is padding holds only
        # -inf (or the integer minimum): PyTorch then reports its first real cell.
        starts_in_padding = np.nonzero(rows[:, 0] < 0)[0]
        for row in starts_in_padding:
            stuck = row_code[:, :, row, :] == 0
            row_code[:, :, row, :][stuck] = max(first_row[row], 0)
        left_padded = np.nonzero(cols[:, 0] < 0)[0]
        for col in left_padded:
            stuck = column_code[..., col] == 0
            column_code[..., col][stuck] = max(first_col[col], 0)
        indices = flat_indices(geometry, row_code, column_code)
        if empty.any():
            indices[..., empty] = NO_INDEX
    return values, indices


def flat_indices(geometry: PoolGeometry, row_code: np.ndarray, column_code: np.ndarray):
    """Turn per-window (row, column) offset codes into int64 flat positions ``h * W + w``."""
    (kernel_h, kernel_w), (dilation_h, dilation_w) = geometry.kernel_size, geometry.dilation
    width = geometry.input_size[1]
    # row * kW + column numbers kH * kW offsets: its type must hold them all.
    combined = row_code.astype(code_dtype(kernel_h * kernel_w))
    combined *= kernel_w
    combined += column_code
    offsets = (
        np.arange(kernel_h, dtype=np.int64)[:, None] * (dilation_h * width)
        + np.arange(kernel_w, dtype=np.int64) * dilation_w
    ).ravel()
    base = geometry.window_starts(0)[:, None] * width + geometry.window_starts(1)
    indices = np.take(offsets, combined)
    indices += base
    return indices


def scatter_to_input(
    grad_output: np.ndarray, indices: np.ndarray, input_shape: tuple, dtype: np.dtype, unique: bool
) -> np.ndarray:
    """Add every output gradient at its flat index in its plane; -1 indices add nothing.

    Parameters
    ----------
    grad_output, indices : ndarray of shape (N, C, H_out, W_out)
    input_shape : tuple (N, C, H, W)
    unique : bool
        True when no two windows can share a cell, so plain assignment is enough.
    """
    planes = input_shape[0] * input_shape[1]
    flat_indices = indices.reshape(planes, -1)
    flat_grad = grad_output.reshape(planes, -1).astype(dtype, copy=False)
    grad_input = np.zeros((planes, input_shape[2] * input_shape[3]), dtype=dtype)
    has_empty = flat_indices.size and flat_indices.min() < 0
    for plane in range(planes):  # a loop over planes, each scattered at once
        targets, values = flat_indices[plane], flat_grad[plane]
        if has_empty:
            keep = targets >= 0
            targets, values = targets[keep], values[keep]
        if unique:
            grad_input[plane][targets] = values
        else:
            np.add.at(grad_input[plane], targets, values)
    return grad_input.reshape(input_shape)


def check_indices(
    op_name: str, indices: np.ndarray, expected_shape: tuple, plane: int
) -> np.ndarray:
    """Refuse indices that do not fit the output shape or point outside the input plane;
    return them as an array."""
    indices = shaped_array(op_name, "indices", indices, expected_shape, "iu")
    if indices.size and (indices.min() < NO_INDEX or indices.max() >= plane):
        raise PoolingError(
            f"{op_name}() indices must lie in [0, {plane}) (or be {NO_INDEX}), but got values "
            f"from {indices.min()} to {indices.max()}"
        )
    return indices


def windows_overlap(geometry: PoolGeometry) -> bool:
    """True when some input cell lies in two windows (stride below the dilated kernel span)."""
    return any(
        stride < span for stride, span in zip(geometry.stride, geometry.effective_kernel_size)
    )


def max_pool_memory(prepared: PreparedPool, backward: bool) -> int:
    """Peak bytes of :func:`max_pool_core` (and of the gradient when ``backward``): the padded
    input, the row maxima with their codes, the maxima with their codes and int64 indices."""
    padded, rows, outputs = pool_cells(prepared)
    size = prepared.planar.dtype.itemsize
    needed = padded * size + rows * (2 * size + 25) + outputs * (2 * size + 49)
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
):
    prepared = prepare_pool(
        op_name, x, spatial_dims, kernel_size, stride, padding, dilation, ceil_mode
    )
    planar, geometry = prepared.planar, prepared.geometry
    expected = prepared.caller_output_shape
    grad_output = check_grad_output(op_name, grad_output, expected)
    require_memory(
        op_name, max_pool_memory(prepared, True), prepared.output_text(), LARGE_INPUT_ADVICE
    )
    if indices is None:
        _, planar_indices = max_pool_core(planar, geometry, with_indices=True)
    else:
        indices = check_indices(
            op_name, indices, expected, geometry.input_size[0] * geometry.input_size[1]
        )
        planar_indices = indices.astype(np.int64, copy=False).reshape(
            planar.shape[:2] + geometry.output_size
        )
    grad_input = scatter_to_input(
        grad_output.reshape(planar_indices.shape),
        planar_indices,
        planar.shape,
        gradient_dtype(x.dtype),
        # Given indices may send two windows to one cell; computed ones only if windows overlap.
        unique=indices is None and not windows_overlap(geometry),
    )
    return grad_input.reshape(x.shape)


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


def max_pool1d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    dilation: IntOrTuple = 1,
    ceil_mode: bool = False,
    indices: np.ndarray | None = None,
) -> np.ndarray:
    """Gradient of :func:`max_pool1d` with respect to ``x``.

    Parameters
    ----------
    grad_output : ndarray of the forward output's shape
    x : ndarray of shape (C, L) or (N, C, L)
    indices : ndarray of the output's shape, int64, optional
        From ``max_pool1d(..., return_indices=True)``; recomputed when omitted.

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
        Each output gradient added at its arg-max; overlapping windows accumulate; windows
        with index -1 contribute nothing.
    """
    return max_pool_backward(
        "max_pool1d", 1, grad_output, x, kernel_size, stride, padding, dilation, ceil_mode, indices
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
) -> np.ndarray:
    """Gradient of :func:`max_pool2d` with respect to ``x``.

    Parameters
    ----------
    grad_output : ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out)
    x : ndarray of shape (C, H, W) or (N, C, H, W)
    indices : ndarray of the output's shape, int64, optional
        From ``max_pool2d(..., return_indices=True)``; recomputed when omitted.

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
        Each output gradient added at its arg-max; overlapping windows accumulate; windows
        with index -1 contribute nothing.
    """
    return max_pool_backward(
        "max_pool2d", 2, grad_output, x, kernel_size, stride, padding, dilation, ceil_mode, indices
    )
