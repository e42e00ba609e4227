"""Sums over box windows, and their adjoint, on the unpadded input.

An average pool pads with zeros, and a zero adds nothing: so each kernel offset, along each
axis, only needs the windows whose cell at that offset lies in the input (a contiguous run
of windows) and those cells (a strided slice of the input). Summing offset by offset over
these clipped slices never copies the input into a padded buffer. The forward goes a block of
output rows at a time (:mod:`engine.ops.row_blocks`), the whole rows first (contiguous) and
the last axis (strided) over the fewest rows; the backward spreads the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.ops.row_blocks import blocks
from engine.ops.windows import PoolGeometry


@dataclass(frozen=True)
class ClippedOffset:
    """The windows whose cell at one kernel offset lies in the input, and those cells.

    Attributes
    ----------
    windows : slice
        A run of windows along one axis (output positions).
    cells : slice
        Their cells at this offset in the unpadded input (step: the stride).
    """

    windows: slice
    cells: slice


def clipped_offsets(
    geometry: PoolGeometry, axis: int, windows: slice | None = None
) -> list[ClippedOffset]:
    """Per kernel offset along ``axis`` (that has any), the :class:`ClippedOffset`, for the
    windows ``windows`` (all by default; a block's, counted from its first window)."""
    count = geometry.output_size[axis]
    first, stop = (0, count) if windows is None else (windows.start, windows.stop)
    stride, length = geometry.stride[axis], geometry.input_size[axis]
    offsets = []
    for offset in range(geometry.kernel_size[axis]):
        cell = offset * geometry.dilation[axis] - geometry.padding[axis]  # window 0's cell
        low = max(first, -(cell // stride))  # the first window whose cell is >= 0
        high = min(stop, (length - 1 - cell) // stride + 1)
        if high > low:
            start = low * stride + cell
            cells = slice(start, start + (high - low - 1) * stride + 1, stride)
            offsets.append(ClippedOffset(slice(low - first, high - first), cells))
    return offsets


def along(axis: int, index) -> tuple:
    """Index ``index`` on ``axis`` (negative), every other axis whole."""
    return (Ellipsis, index) + (slice(None),) * (-axis - 1)


def sum_along(values: np.ndarray, axis: int, offsets: list[ClippedOffset], count: int):
    """The window sums (``count`` windows) along ``axis`` (negative) of ``values``."""
    shape = list(values.shape)
    shape[axis] = count
    whole = [offset for offset in offsets if offset.windows == slice(0, count)]
    if whole:  # an offset every window has: the sum starts from its cells, no zeros
        first = whole[0]
        sums = np.array(values[along(axis, first.cells)], copy=True)
        rest = [offset for offset in offsets if offset is not first]
    else:
        sums = np.zeros(shape, dtype=values.dtype)
        rest = offsets
    for offset in rest:
        sums[along(axis, offset.windows)] += values[along(axis, offset.cells)]
    return sums


def spread_along(values: np.ndarray, axis: int, offsets: list[ClippedOffset], length: int):
    """The adjoint of :func:`sum_along`: every window's value added to its cells, a new axis
    ``length`` long (cells in no window get 0)."""
    shape = list(values.shape)
    shape[axis] = length
    covered = sum(len(range(length)[offset.cells]) for offset in offsets)
    steps = {offset.cells.step for offset in offsets}
    # Every cell in exactly one window (a stride of as many cells as offsets, all present):
    # assigned, not accumulated.
    tiles = covered == length and steps == {len(offsets)}
    spread = np.empty(shape, dtype=values.dtype) if tiles else np.zeros(shape, values.dtype)
    for offset in offsets:
        source = values[along(axis, offset.windows)]
        if tiles:
            spread[along(axis, offset.cells)] = source
        else:
            spread[along(axis, offset.cells)] += source
    return spread


def shift(offset: ClippedOffset, first: int) -> ClippedOffset:
    """``offset`` with its cells counted from cell ``first``."""
    cells = offset.cells
    return ClippedOffset(offset.windows, slice(cells.start - first, cells.stop - first, cells.step))


def box_sums(x: np.ndarray, geometry: PoolGeometry, dtype) -> np.ndarray:
    """Sum of every window of (N, C, *spatial) in ``dtype``, padding counted as zeros:
    (N, C, *output_size), a block of planes and output rows at a time."""
    dims = len(geometry.input_size)
    planes = x.shape[0] * x.shape[1]
    flat = x.reshape((planes, 1) + x.shape[2:])
    sums = np.empty((planes, 1) + geometry.output_size, dtype=dtype)
    others = [clipped_offsets(geometry, axis) for axis in range(1, dims)]
    for chosen, rows in blocks(geometry, planes):
        row_offsets = clipped_offsets(geometry, 0, rows)
        first = min(offset.cells.start for offset in row_offsets)
        stop = max(offset.cells.stop for offset in row_offsets)
        block = flat[chosen][:, :, first:stop].astype(dtype, copy=False)
        shifted = [shift(offset, first) for offset in row_offsets]
        result = sum_along(block, -dims, shifted, rows.stop - rows.start)
        for axis, offsets in enumerate(others, start=1):
            result = sum_along(result, axis - dims, offsets, geometry.output_size[axis])
        sums[chosen, :, rows] = result
    return sums.reshape(x.shape[:2] + geometry.output_size)


def box_spread(values: np.ndarray, geometry: PoolGeometry) -> np.ndarray:
    """The adjoint of :func:`box_sums`: each window's value (N, C, *output_size) added to
    every cell of it, (N, C, *input_size); the last axis first, while the array is small."""
    dims = len(geometry.input_size)
    for axis in reversed(range(dims)):
        offsets = clipped_offsets(geometry, axis)
        values = spread_along(values, axis - dims, offsets, geometry.input_size[axis])
    return values


__all__ = ["ClippedOffset", "box_spread", "box_sums", "clipped_offsets"]
