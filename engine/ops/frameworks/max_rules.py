"""Where each framework's max pool finds its maximum: one function per rule.

The input goes into a buffer that starts at the first window's start (padding cells hold the
dtype's lowest value) when a rule needs padding cells as candidates; otherwise the engine's
separable kernel (:func:`~engine.ops.maxpool.max_pool_core`) pads the low side itself.
Arg-max positions are flat positions ``h * W + w`` in the unpadded plane.

Frameworks agree on finite inputs: the maximum, ties to the first maximum in row-major window
order. They differ on NaN and -inf, and these rules reproduce each:

- ``"torch"``: any NaN makes the maximum NaN (index of the last NaN); a window whose real cells
  are all -inf reports its first real cell.
- ``"tensorflow"``: the value is the maximum of the window's non-NaN real cells, at least the
  dtype's lowest finite value (-inf comes out as -3.4e38 in float32; Eigen's max reduction
  starts there and skips NaN). The arg-max (``MaxPoolGrad`` on CPU) starts at the first real
  cell and moves only to a strictly greater one, so a NaN there keeps it.
- ``"jax"``: the value is NaN-propagating (``lax.max``); the arg-max, XLA's
  ``select_and_scatter`` with ``ge``, folds over all window cells in row-major order, padding
  (-inf) included: the selection moves unless ``selected >= candidate``, so a NaN candidate
  takes it and a selected NaN loses it to the next cell; a padding cell that ends selected
  (the window's real cells all -inf, behind padding) routes nowhere (index -1).
- ``"onnx"`` (onnxruntime's ``MaxPool`` with its ``Indices`` output): value and index both
  start at the first real cell and move only to a strictly greater one; a window with no real
  cell (possible with dilation) gives the lowest finite value and index -1 (onnxruntime
  reports an out-of-range number there).
"""

from __future__ import annotations

import numpy as np

from engine.ops.frameworks.geometry import PaddedGeometry
from engine.ops.maxpool import NO_INDEX, lowest_value, max_pool_core

MAX_RULES = ("torch", "tensorflow", "jax", "onnx")
"""Values of ``rule`` in :func:`~engine.ops.frameworks.core.padded_max_pool`."""


def buffer_of(planar: np.ndarray, geometry: PaddedGeometry, fill) -> np.ndarray:
    """``planar`` (N, C, H, W) in a ``fill``-ed buffer that starts at the first window's start
    and holds every window (:attr:`PaddedGeometry.window_extent`, of a 2D geometry)."""
    (top, _), (left, _) = geometry.pads
    extent_h, extent_w = geometry.window_extent
    height, width = geometry.input_size
    if top == 0 and left == 0 and extent_h <= height and extent_w <= width:
        return planar
    buffer = np.full(planar.shape[:2] + (extent_h, extent_w), fill, dtype=planar.dtype)
    rows = max(0, min(height, extent_h - top))
    cols = max(0, min(width, extent_w - left))
    buffer[:, :, top : top + rows, left : left + cols] = planar[:, :, :rows, :cols]
    return buffer


def buffer_to_plane(indices: np.ndarray, geometry: PaddedGeometry, fallback) -> np.ndarray:
    """Map flat buffer positions to flat positions in the unpadded (H, W) plane; a padding
    position becomes ``fallback`` (broadcast to the output shape)."""
    (top, _), (left, _) = geometry.pads
    height, width = geometry.input_size
    rows, cols = np.divmod(indices, geometry.window_extent[1])
    rows -= top
    cols -= left
    real = (rows >= 0) & (rows < height) & (cols >= 0) & (cols < width)
    return np.where(real, rows * width + cols, fallback)


def first_real_index(geometry: PaddedGeometry) -> np.ndarray:
    """Flat plane position of each window's first real cell (row-major), -1 if none:
    (H_out, W_out), int64."""
    rows, cols = geometry.first_real_cell(0), geometry.first_real_cell(1)
    index = rows[:, None] * geometry.input_size[1] + cols[None, :]
    return np.where((rows[:, None] >= 0) & (cols[None, :] >= 0), index, NO_INDEX)


def first_max(planar: np.ndarray, geometry: PaddedGeometry, with_indices: bool):
    """PyTorch's rule over the buffer: NaN-propagating maximum, first maximum (a later NaN
    wins); a window whose winner is padding reports its first real cell (or -1)."""
    if all(low <= extent for (low, _), extent in zip(geometry.pads, geometry.window_extent)):
        # The engine's kernel pads the low side itself and applies this very rule: faster.
        return max_pool_core(planar, geometry.pool_geometry(), with_indices)
    buffer = buffer_of(planar, geometry, lowest_value(planar.dtype))
    values, indices = max_pool_core(buffer, geometry.buffer_geometry(), with_indices)
    if with_indices:
        indices = buffer_to_plane(indices, geometry, first_real_index(geometry))
    return values, indices


def nan_planes(planar: np.ndarray) -> bool:
    return planar.dtype.kind == "f" and bool(np.isnan(planar).any())


def first_then_greater(planar: np.ndarray, geometry: PaddedGeometry, with_indices: bool):
    """TensorFlow's and onnxruntime's arg-max: start at the first real cell, move only to a
    strictly greater cell. Returns (value of that cell, its index or None)."""
    if not nan_planes(planar):
        return first_max(planar, geometry, with_indices)
    values, indices = first_max(np.where(np.isnan(planar), -np.inf, planar), geometry, True)
    # NaN never moves the selection, so once NaN is selected (only as the first real cell) it
    # stays; anywhere else it is as if it were -inf.
    first = first_real_index(geometry)
    first_values = planar.reshape(planar.shape[:2] + (-1,))[..., np.maximum(first, 0)]
    stuck = np.isnan(first_values) & (first >= 0)
    values[stuck] = np.nan
    indices = np.where(stuck, first, indices)
    return values, indices if with_indices else None


def tensorflow_max(planar: np.ndarray, geometry: PaddedGeometry, with_indices: bool):
    """TensorFlow's values (non-NaN maximum, at least the lowest finite value) and its
    ``MaxPoolGrad`` arg-max."""
    cleaned = np.where(np.isnan(planar), -np.inf, planar) if nan_planes(planar) else planar
    values, _ = first_max(cleaned, geometry, False)
    if planar.dtype.kind == "f":
        np.maximum(values, np.finfo(planar.dtype).min, out=values)
    indices = first_then_greater(planar, geometry, True)[1] if with_indices else None
    return values, indices


def jax_max(planar: np.ndarray, geometry: PaddedGeometry, with_indices: bool):
    """JAX's values (``lax.max``: NaN propagates) and, if asked, the cell XLA's
    ``select_and_scatter`` with ``ge`` picks (JAX's max-pool gradient): plane index, -1 when a
    padding cell is picked."""
    values, indices = first_max(planar, geometry, with_indices and not nan_planes(planar))
    if not with_indices:
        return values, None
    if indices is None:
        return values, select_ge_fold(planar, geometry)
    # Without NaN the fold keeps the first maximum, padding cells included: it differs from
    # PyTorch's rule only where the maximum is the padding value and the window's first cell
    # is padding, and then the padding keeps the gradient.
    starts_outside = [
        (geometry.window_starts(axis) < 0) | (geometry.window_starts(axis) >= length)
        for axis, length in enumerate(geometry.input_size)
    ]
    first_is_padding = starts_outside[0][:, None] | starts_outside[1][None, :]
    padding_wins = first_is_padding & (values == lowest_value(planar.dtype))
    return values, np.where(padding_wins, NO_INDEX, indices)


def select_ge_fold(planar: np.ndarray, geometry: PaddedGeometry) -> np.ndarray:
    """The ``select_and_scatter`` fold itself, for inputs with NaN: over the window's cells in
    row-major order (padding included), the selection moves unless ``selected >= candidate``.
    Returns plane indices, -1 where a padding cell ends selected."""
    buffer = buffer_of(planar, geometry, lowest_value(planar.dtype))
    (kernel_h, kernel_w), (out_h, out_w) = geometry.kernel, geometry.output_size
    (stride_h, stride_w), (dilation_h, dilation_w) = geometry.stride, geometry.dilation
    selected, code = None, None
    for row in range(kernel_h):  # a loop over the kernel's cells, each done for every window
        for col in range(kernel_w):
            rows = slice(row * dilation_h, row * dilation_h + (out_h - 1) * stride_h + 1, stride_h)
            cols = slice(col * dilation_w, col * dilation_w + (out_w - 1) * stride_w + 1, stride_w)
            candidate = buffer[:, :, rows, cols]
            if selected is None:
                selected = candidate.copy()
                code = np.zeros(selected.shape, dtype=np.int64)
                continue
            moves = ~(selected >= candidate)
            np.copyto(selected, candidate, where=moves)
            code[moves] = row * kernel_w + col
    window_rows = np.arange(out_h, dtype=np.int64)[:, None] * stride_h
    window_cols = np.arange(out_w, dtype=np.int64)[None, :] * stride_w
    rows_in_buffer = window_rows + (code // kernel_w) * dilation_h
    cols_in_buffer = window_cols + (code % kernel_w) * dilation_w
    flat = rows_in_buffer * geometry.window_extent[1] + cols_in_buffer
    return buffer_to_plane(flat, geometry, NO_INDEX)


def max_by_rule(planar: np.ndarray, geometry: PaddedGeometry, rule: str, with_indices: bool):
    """Values (N, C, H_out, W_out) and, if asked, int64 plane indices under ``rule``."""
    if rule == "torch":
        return first_max(planar, geometry, with_indices)
    if rule == "onnx":
        values, indices = first_then_greater(planar, geometry, with_indices)
        if planar.dtype.kind == "f":
            # onnxruntime starts from the lowest finite value, kept where no real cell comes.
            values[..., first_real_index(geometry) < 0] = np.finfo(planar.dtype).min
        return values, indices
    if rule == "tensorflow":
        return tensorflow_max(planar, geometry, with_indices)
    return jax_max(planar, geometry, with_indices)


__all__ = ["MAX_RULES", "buffer_of", "first_max", "max_by_rule"]
