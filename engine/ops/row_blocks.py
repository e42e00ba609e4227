"""Pools computed a block of output rows at a time, so their working arrays stay small.

A pool over a whole large input holds a padded copy and a few intermediate arrays of the
input's size at once; each costs memory and, freshly allocated, the time to fault its pages
in. Walked a few planes, or a block of output rows (the first spatial axis: rows in 2D,
slices in 3D), at a time, a pool pads and reduces only the input rows that block's windows
read, and each block's temporaries reuse the memory the last one freed. Every output cell is
computed from its own window alone, so the blocks never change a result.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.ops.layout import spatial_index, window_extent
from engine.ops.windows import PoolGeometry

BLOCK_CELLS = 2**17
"""Input cells a block aims to read: 512 KiB of float32, within an L2 cache."""


def blocks(geometry: PoolGeometry, planes: int):
    """``(planes, rows)`` slices, in order, that cut ``planes`` planes and their output rows
    (along the first spatial axis) into blocks reading about :data:`BLOCK_CELLS` input cells
    (up to 4 times more with strides, whose outputs are fewer): whole planes a few at a time
    when a plane is small, else a plane a few rows at a time."""
    rows = geometry.output_size[0]
    plane_cells = int(np.prod(window_extent(geometry)))
    # A block's arrays are about its outputs' size: with strides, it may read more cells.
    block_cells = BLOCK_CELLS * min(int(np.prod(geometry.stride)), 4)
    if plane_cells >= block_cells:
        row_cells = geometry.stride[0] * plane_cells // window_extent(geometry)[0]
        per_block = max(1, block_cells // max(row_cells, 1))
        for plane in range(planes):
            for first in range(0, rows, per_block):
                yield slice(plane, plane + 1), slice(first, min(first + per_block, rows))
        return
    per_block = max(1, block_cells // max(plane_cells, 1))
    for first in range(0, planes, per_block):
        yield slice(first, min(first + per_block, planes)), slice(0, rows)


@dataclass(frozen=True)
class RowBlock:
    """The padded input rows that the windows of a block of output rows read.

    Attributes
    ----------
    rows : slice
        The output rows (along the first spatial axis).
    buffer : ndarray of shape (N, C, extent_0, *extent)
        Padded as :func:`engine.ops.layout.padded_input` pads the whole input: the block's
        first window starts at buffer row 0. A view of the input when nothing is padded.
    slices : list of list of slice
        Per spatial axis, per kernel offset, the strided slice of ``buffer`` holding that cell
        of every window of the block.
    """

    rows: slice
    buffer: np.ndarray
    slices: list[list[slice]]


def row_block(x: np.ndarray, geometry: PoolGeometry, rows: slice, fill) -> RowBlock:
    """The :class:`RowBlock` of output rows ``rows`` of a batched input (N, C, *spatial)."""
    count = rows.stop - rows.start
    stride, dilation, padding = geometry.stride[0], geometry.dilation[0], geometry.padding[0]
    extent = (count - 1) * stride + geometry.effective_kernel_size[0]
    first = rows.start * stride - padding  # input row of buffer row 0
    extents = (extent, *window_extent(geometry)[1:])
    lengths, pads = geometry.input_size, (-first, *geometry.padding[1:])
    buffer = padded_rows(x, extents, lengths, pads, fill)
    first_axis = [
        slice(offset * dilation, offset * dilation + (count - 1) * stride + 1, stride)
        for offset in range(geometry.kernel_size[0])
    ]
    others = [geometry.offset_slices(axis) for axis in range(1, len(lengths))]
    return RowBlock(rows, buffer, [first_axis, *others])


def padded_rows(x: np.ndarray, extents, lengths, pads, fill) -> np.ndarray:
    """A ``fill``-padded buffer of ``extents`` whose cell ``i`` per axis holds input cell
    ``i - pads[axis]`` (``fill`` outside the input); ``x`` itself, a view, when no cell of
    the buffer lies outside the input."""
    starts = [-before for before in pads]
    if all(
        start >= 0 and start + extent <= length
        for start, extent, length in zip(starts, extents, lengths, strict=True)
    ):
        return x[
            spatial_index(slice(start, start + extent) for start, extent in zip(starts, extents))
        ]
    buffer = np.empty(x.shape[:2] + tuple(extents), dtype=x.dtype)
    targets, sources = [], []
    for start, extent, length in zip(starts, extents, lengths, strict=True):
        low, high = max(start, 0), min(start + extent, length)
        targets.append(slice(low - start, max(high - start, low - start)))
        sources.append(slice(low, max(high, low)))
    buffer[spatial_index(targets)] = x[spatial_index(sources)]
    # Only the cells around the input are filled: each axis' slabs before and after it.
    whole = [slice(None)] * len(extents)
    for axis, inside in enumerate(targets):
        for border in (slice(0, inside.start), slice(inside.stop, None)):
            buffer[spatial_index(whole[:axis] + [border] + whole[axis + 1 :])] = fill
    return buffer


__all__ = ["BLOCK_CELLS", "RowBlock", "blocks", "row_block"]
