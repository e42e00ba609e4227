"""Layout helpers every pool shares: batch axis, 1D as 2D planes, padding, gradient checks."""

from __future__ import annotations

import numpy as np

from engine.errors import PoolingError
from engine.windows import IntOrTuple, PoolGeometry, check_input, pool_geometry


def gradient_dtype(dtype: np.dtype) -> np.dtype:
    """Float type of a gradient for an input of ``dtype`` (float64 stays, else float32)."""
    return np.dtype(np.float64) if dtype == np.float64 else np.dtype(np.float32)


def as_2d_geometry(geometry: PoolGeometry) -> PoolGeometry:
    """Treat a 1D pool as a 2D pool over a plane of height 1."""
    if len(geometry.input_size) == 2:
        return geometry
    return PoolGeometry(
        input_size=(1, *geometry.input_size),
        kernel_size=(1, *geometry.kernel_size),
        stride=(1, *geometry.stride),
        padding=(0, *geometry.padding),
        dilation=(1, *geometry.dilation),
        ceil_mode=geometry.ceil_mode,
        output_size=(1, *geometry.output_size),
    )


def window_extent(geometry: PoolGeometry) -> tuple[int, ...]:
    """Size of the padded buffer the windows span, per axis: ``(out - 1) * s + d(k - 1) + 1``.

    It may be smaller than the padded input (floor mode leaves the last cells out) or larger
    (ceil mode lets the last window hang past the right padding).
    """
    return tuple(
        (out - 1) * stride + span
        for out, stride, span in zip(
            geometry.output_size, geometry.stride, geometry.effective_kernel_size
        )
    )


def padded_input(x: np.ndarray, geometry: PoolGeometry, fill: float) -> np.ndarray:
    """``x`` of shape (N, C, H, W) placed in a ``fill``-padded array every window fits in.

    Returns ``x`` itself (no copy) when no window reaches outside it.
    """
    (top, left), (height, width) = geometry.padding, geometry.input_size
    needed = window_extent(geometry)
    if top == 0 and left == 0 and needed[0] <= height and needed[1] <= width:
        return x
    padded = np.full(x.shape[:2] + (needed[0], needed[1]), fill, dtype=x.dtype)
    rows, cols = min(height, needed[0] - top), min(width, needed[1] - left)
    padded[:, :, top : top + rows, left : left + cols] = x[:, :, :rows, :cols]
    return padded


def check_grad_output(op_name: str, grad_output: np.ndarray, expected_shape: tuple) -> np.ndarray:
    """Refuse a gradient whose shape differs from the forward output's."""
    grad_output = np.asarray(grad_output)
    if grad_output.shape != tuple(expected_shape):
        raise PoolingError(
            f"{op_name}() grad_output must have the output's shape {tuple(expected_shape)}, "
            f"but got {grad_output.shape}"
        )
    if grad_output.dtype.kind not in "biuf":
        raise PoolingError(f"{op_name}() grad_output must be numeric, got {grad_output.dtype}")
    return grad_output


def prepare_pool(
    op_name: str,
    x: np.ndarray,
    spatial_dims: int,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None,
    padding: IntOrTuple,
    dilation: IntOrTuple,
    ceil_mode: bool,
) -> tuple[np.ndarray, bool, PoolGeometry, tuple]:
    """Check a pool call: batched 4D planar view, 2D geometry, batched output shape.

    Returns ``(planar, unbatched, geometry, output_shape)`` where ``planar`` is (N, C, H, W)
    (H = 1 for 1D), ``geometry`` is 2D and ``output_shape`` is (N, C, *spatial_out).
    """
    batched, unbatched = check_input(x, spatial_dims, op_name)
    geometry = pool_geometry(
        op_name, batched.shape, kernel_size, stride, padding, dilation, ceil_mode
    )
    planar = batched.reshape(batched.shape[:2] + (1,) * (2 - spatial_dims) + batched.shape[2:])
    output_shape = batched.shape[:2] + geometry.output_size
    return planar, unbatched, as_2d_geometry(geometry), output_shape


def finish(array: np.ndarray, output_shape: tuple, unbatched: bool) -> np.ndarray:
    """Give a planar result the caller's layout back (drop the added batch axis)."""
    array = array.reshape(output_shape)
    return array[0] if unbatched else array


def gather_windows(x: np.ndarray, geometry: PoolGeometry, fill: float) -> np.ndarray:
    """Every window's cells of a batched 4D input, for pools with no separable shortcut.

    Parameters
    ----------
    x : ndarray of shape (N, C, H, W), float
    geometry : PoolGeometry, 2D
    fill : float
        Value of padding cells (and of cells past the edge in ceil mode).

    Returns
    -------
    ndarray of shape (N, C, H_out, W_out, kH * kW)
        Row-major window order, as the arg-max codes of the max pool.
    """
    padded = padded_input(x, geometry, fill)
    top, left = geometry.padding
    rows = geometry.window_positions(0) + top
    cols = geometry.window_positions(1) + left
    cells = padded[:, :, rows[:, None, :, None], cols[None, :, None, :]]
    return cells.reshape(cells.shape[:4] + (-1,))


def scatter_windows(grads: np.ndarray, geometry: PoolGeometry, input_shape: tuple) -> np.ndarray:
    """Adjoint of :func:`gather_windows`: add every window cell's gradient to its input cell
    (padding cells are dropped; overlapping windows accumulate).

    Parameters
    ----------
    grads : ndarray of shape (N, C, H_out, W_out, kH * kW)
    input_shape : tuple (N, C, H, W)

    Returns
    -------
    ndarray of shape ``input_shape``
    """
    height, width = geometry.input_size
    rows = np.broadcast_to(
        geometry.window_positions(0)[:, None, :, None], grads.shape[2:4] + geometry.kernel_size
    ).reshape(grads.shape[2:])
    cols = np.broadcast_to(
        geometry.window_positions(1)[None, :, None, :], grads.shape[2:4] + geometry.kernel_size
    ).reshape(grads.shape[2:])
    inside = (rows >= 0) & (rows < height) & (cols >= 0) & (cols < width)
    flat = (rows * width + cols)[inside]
    result = np.zeros((input_shape[0] * input_shape[1], height * width), dtype=grads.dtype)
    values = grads.reshape((-1,) + grads.shape[2:])[:, inside]
    for plane in range(result.shape[0]):  # one scatter per plane, not per pixel
        np.add.at(result[plane], flat, values[plane])
    return result.reshape(input_shape)
