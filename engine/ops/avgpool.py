"""Average pooling in 1D, 2D and 3D, forward and backward, exact to PyTorch's CPU divisors.

Both directions are separable: window sums are taken along the first axis (whole rows, D
then H) within the zero-padded input, then along the last (W), whose cells are strided; the
backward spreads ``grad / divisor`` back the other way round, each kernel offset adding into
a strided view (cells of one offset never collide, so ``+=`` on the view is exact and
overlapping windows accumulate across offsets). Padding is zeros, so it is left out rather
than copied in (:mod:`engine.ops.box_sums`); the forward sums a block of rows at a time.
"""

from __future__ import annotations

import numpy as np

from engine.errors import PoolingError
from engine.ops.box_sums import box_spread, box_sums
from engine.ops.layout import (
    LARGE_INPUT_ADVICE,
    PreparedPool,
    check_grad_output,
    gradient_dtype,
    pool_cells,
    prepare_pool,
)
from engine.ops.memory import describe_size, require_memory
from engine.ops.windows import AXIS_NAMES, IntOrTuple, PoolGeometry, check_flag, check_int


def sum_offsets(values: np.ndarray, indices: list) -> np.ndarray:
    """Sum ``values[index]`` over the offsets' indices, the first two in one ``np.add``."""
    if len(indices) == 1:
        return values[indices[0]].copy()
    total = np.add(values[indices[0]], values[indices[1]])
    for index in indices[2:]:
        total += values[index]
    return total


def window_sums(padded: np.ndarray, geometry: PoolGeometry) -> np.ndarray:
    """Sum of every window of a padded (N, C, *extent) array: (N, C, *output_size)."""
    slices = [geometry.offset_slices(axis) for axis in range(len(geometry.input_size))]
    return offset_sums(padded, slices)


def offset_sums(values: np.ndarray, axis_slices: list[list[slice]]) -> np.ndarray:
    """Sum over box windows of (N, C, *spatial), given per spatial axis the strided slice of
    every kernel offset: along the first axis first (whole rows, contiguous), so that the
    last axis, whose strided cells add slowest, is summed over the fewest rows."""
    dims = len(axis_slices)
    sums = values
    for axis in range(dims):
        trailing = (slice(None),) * (dims - 1 - axis)
        sums = sum_offsets(sums, [(Ellipsis, index, *trailing) for index in axis_slices[axis]])
    return sums


def spread_axis(values: np.ndarray, slices: list[slice], length: int, axis: int) -> np.ndarray:
    """Add ``values`` into every offset's strided slice of a new array ``length`` long on
    ``axis`` (negative, counted from the end). Windows that tile the axis exactly are
    assigned, not accumulated."""
    shape = list(values.shape)
    shape[axis] = length
    step = slices[0].step
    tiles = (
        step == len(slices) and slices[0].start == 0 and length == len(slices) * values.shape[axis]
    )
    spread = np.empty(shape, dtype=values.dtype) if tiles else np.zeros(shape, dtype=values.dtype)
    trailing = (slice(None),) * (-axis - 1)
    for index in slices:
        target = (Ellipsis, index, *trailing)
        if tiles:
            spread[target] = values
        else:
            spread[target] += values
    return spread


def spread_to_windows(
    values: np.ndarray, geometry: PoolGeometry, padded_shape: tuple
) -> np.ndarray:
    """Add each output value to every cell of its window: the adjoint of :func:`window_sums`.

    Parameters
    ----------
    values : ndarray of shape (N, C, *output_size)
    padded_shape : tuple (N, C, *extent)

    Returns
    -------
    ndarray of shape ``padded_shape``
    """
    dims = len(geometry.input_size)
    for axis in reversed(range(dims)):  # strided last axis first, while the array is small
        values = spread_axis(
            values, geometry.offset_slices(axis), padded_shape[2 + axis], axis - dims
        )
    return values


def reciprocal_divisor(
    geometry: PoolGeometry, count_include_pad: bool, divisor_override: int | None, dtype
) -> np.ndarray:
    """``1 / divisor`` of every window (see :meth:`PoolGeometry.window_divisor`), shape
    ``output_size``, or a 0-d array when every window has the same divisor."""
    divisor = geometry.window_divisor(count_include_pad, divisor_override)
    if (divisor == divisor.flat[0]).all():
        return np.asarray(1.0 / divisor.flat[0], dtype=dtype)
    return (1.0 / divisor).astype(dtype)


def check_divisor_override(op_name: str, divisor_override) -> int | None:
    """None, or a nonzero int of at most ``2**31 - 1`` in size (as torch, negative is allowed)."""
    if divisor_override is None:
        return None
    divisor_override = check_int(op_name, "divisor_override", divisor_override)
    if divisor_override == 0:
        raise PoolingError("{op_name}() divisor_override must not be zero", op_name=op_name)
    return divisor_override


def check_window_fits(op_name: str, geometry: PoolGeometry) -> None:
    """PyTorch's 3D average pool (not its 1D or 2D one) refuses an unpadded input shorter than
    the kernel along some axis, even where the padding would make room."""
    if len(geometry.input_size) != 3:
        return
    if any(length < size for length, size in zip(geometry.input_size, geometry.kernel_size)):
        raise PoolingError(
            "{op_name}() input image of {size} is smaller than kernel_size={kernel}",
            op_name=op_name,
            size=describe_size(geometry.input_size, AXIS_NAMES[3]),
            kernel=geometry.kernel_size,
        )


def avg_pool_memory(prepared: PreparedPool, backward: bool) -> int:
    """Peak bytes of an average pool: the float input and its padded copy, the row sums and
    the output (a backward spreads through the same sizes and adds the gradient)."""
    padded, rows, outputs = pool_cells(prepared)
    size = gradient_dtype(prepared.planar.dtype).itemsize
    needed = (prepared.planar.size + 2 * padded + 2 * rows + 3 * outputs) * size
    return needed + prepared.planar.size * size if backward else needed


def avg_pool_forward(
    op_name,
    spatial_dims,
    x,
    kernel_size,
    stride,
    padding,
    ceil_mode,
    count_include_pad,
    divisor_override,
):
    prepared = prepare_pool(op_name, x, spatial_dims, kernel_size, stride, padding, 1, ceil_mode)
    check_window_fits(op_name, prepared.geometry)
    divisor_override = check_divisor_override(op_name, divisor_override)
    count_include_pad = check_flag(op_name, "count_include_pad", count_include_pad)
    require_memory(
        op_name, avg_pool_memory(prepared, False), prepared.output_text(), LARGE_INPUT_ADVICE
    )
    geometry = prepared.geometry
    sums = box_sums(prepared.planar, geometry, gradient_dtype(x.dtype))
    sums *= reciprocal_divisor(geometry, count_include_pad, divisor_override, sums.dtype)
    return prepared.finish(sums)


def avg_pool_backward(
    op_name,
    spatial_dims,
    grad_output,
    x,
    kernel_size,
    stride,
    padding,
    ceil_mode,
    count_include_pad,
    divisor_override,
):
    prepared = prepare_pool(op_name, x, spatial_dims, kernel_size, stride, padding, 1, ceil_mode)
    check_window_fits(op_name, prepared.geometry)
    divisor_override = check_divisor_override(op_name, divisor_override)
    count_include_pad = check_flag(op_name, "count_include_pad", count_include_pad)
    planar, geometry = prepared.planar, prepared.geometry
    grad_output = check_grad_output(op_name, grad_output, prepared.caller_output_shape)
    require_memory(
        op_name, avg_pool_memory(prepared, True), prepared.output_text(), LARGE_INPUT_ADVICE
    )
    dtype = gradient_dtype(x.dtype)
    scaled = grad_output.reshape(planar.shape[:2] + geometry.output_size).astype(dtype)
    scaled *= reciprocal_divisor(geometry, count_include_pad, divisor_override, dtype)
    return box_spread(scaled, geometry).reshape(x.shape)


def avg_pool1d(
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    ceil_mode: bool = False,
    count_include_pad: bool = True,
) -> np.ndarray:
    """1D average pooling, as ``torch.nn.functional.avg_pool1d``.

    Parameters
    ----------
    x : ndarray of shape (C, L) or (N, C, L)
    kernel_size, stride, padding : int or tuple of one int
        ``stride=None`` means ``kernel_size``; padding (zeros) at most ``kernel_size // 2``.
    ceil_mode : bool
    count_include_pad : bool
        Divide by the window clipped to the padded input (True) or by its real cells.

    Returns
    -------
    ndarray of shape (C, L_out) or (N, C, L_out)
        float64 for float64 input, float32 otherwise (integers are never truncated);
        ``L_out = floor_or_ceil((L + 2p - k) / s) + 1``.
    """
    return avg_pool_forward(
        "avg_pool1d", 1, x, kernel_size, stride, padding, ceil_mode, count_include_pad, None
    )


def avg_pool2d(
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    ceil_mode: bool = False,
    count_include_pad: bool = True,
    divisor_override: int | None = None,
) -> np.ndarray:
    """2D average pooling, as ``torch.nn.functional.avg_pool2d``.

    Parameters
    ----------
    x : ndarray of shape (C, H, W) or (N, C, H, W)
    kernel_size, stride, padding : int or (int, int)
        ``stride=None`` means ``kernel_size``; padding (zeros) at most half the kernel.
    ceil_mode : bool
        Round the output size up; the last window must start inside the input or the
        top/left padding.
    count_include_pad : bool
        True: divide by the window clipped to the padded input,
        ``(min(h0 + kH, H + pH) - h0) * (min(w0 + kW, W + pW) - w0)``; False: divide by the
        number of real (non-padding) cells.
    divisor_override : int, optional
        Divide every window sum by this instead (nonzero).

    Returns
    -------
    ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out)
        float64 for float64 input, float32 otherwise;
        ``H_out = floor_or_ceil((H + 2p - k) / s) + 1``, likewise ``W_out``.

    Examples
    --------
    >>> x = np.array([[[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]]], dtype=float)
    >>> avg_pool2d(x, 2)
    array([[[3.25, 5.25],
            [2.  , 2.  ]]])
    """
    return avg_pool_forward(
        "avg_pool2d",
        2,
        x,
        kernel_size,
        stride,
        padding,
        ceil_mode,
        count_include_pad,
        divisor_override,
    )


def avg_pool3d(
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    ceil_mode: bool = False,
    count_include_pad: bool = True,
    divisor_override: int | None = None,
) -> np.ndarray:
    """3D average pooling, as ``torch.nn.functional.avg_pool3d``.

    Parameters
    ----------
    x : ndarray of shape (C, D, H, W) or (N, C, D, H, W)
    kernel_size, stride, padding : int or (int, int, int)
        ``stride=None`` means ``kernel_size``; padding (zeros) at most half the kernel.
    ceil_mode : bool
        Round the output size up; the last window must start inside the input or the
        front/top/left padding.
    count_include_pad : bool
        True: divide by the window clipped to the padded input (per axis
        ``min(start + k, L + p) - start``, multiplied); False: divide by the number of real
        (non-padding) cells.
    divisor_override : int, optional
        Divide every window sum by this instead (nonzero).

    Returns
    -------
    ndarray of shape (C, D_out, H_out, W_out) or (N, C, D_out, H_out, W_out)
        float64 for float64 input, float32 otherwise (integers are never truncated);
        ``D_out = floor_or_ceil((D + 2p - k) / s) + 1``, likewise ``H_out`` and ``W_out``.
    """
    return avg_pool_forward(
        "avg_pool3d",
        3,
        x,
        kernel_size,
        stride,
        padding,
        ceil_mode,
        count_include_pad,
        divisor_override,
    )


def avg_pool1d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    ceil_mode: bool = False,
    count_include_pad: bool = True,
) -> np.ndarray:
    """Gradient of :func:`avg_pool1d`: each ``grad / divisor`` spread over its window's real
    cells; overlapping windows accumulate.

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
    """
    return avg_pool_backward(
        "avg_pool1d",
        1,
        grad_output,
        x,
        kernel_size,
        stride,
        padding,
        ceil_mode,
        count_include_pad,
        None,
    )


def avg_pool2d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    ceil_mode: bool = False,
    count_include_pad: bool = True,
    divisor_override: int | None = None,
) -> np.ndarray:
    """Gradient of :func:`avg_pool2d`: each ``grad / divisor`` spread over its window's real
    cells; overlapping windows accumulate.

    Parameters
    ----------
    grad_output : ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out)
    x : ndarray of shape (C, H, W) or (N, C, H, W)

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
    """
    return avg_pool_backward(
        "avg_pool2d",
        2,
        grad_output,
        x,
        kernel_size,
        stride,
        padding,
        ceil_mode,
        count_include_pad,
        divisor_override,
    )


def avg_pool3d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    ceil_mode: bool = False,
    count_include_pad: bool = True,
    divisor_override: int | None = None,
) -> np.ndarray:
    """Gradient of :func:`avg_pool3d`: each ``grad / divisor`` spread over its window's real
    cells; overlapping windows accumulate.

    Parameters
    ----------
    grad_output : ndarray of shape (C, D_out, H_out, W_out) or (N, C, D_out, H_out, W_out)
    x : ndarray of shape (C, D, H, W) or (N, C, D, H, W)

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
    """
    return avg_pool_backward(
        "avg_pool3d",
        3,
        grad_output,
        x,
        kernel_size,
        stride,
        padding,
        ceil_mode,
        count_include_pad,
        divisor_override,
    )
