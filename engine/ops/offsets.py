"""Pools with no separable shortcut (SoftPool, stochastic pooling), one kernel offset at a time.

A window's cell at kernel offset ``(i, j)`` is, for every window at once, a strided view of the
padded input. Such a pool walks the ``kH * kW`` offsets in row-major order and accumulates
output-sized arrays (a running sum, a weight, a choice), so it never gathers the windows' cells
side by side (``kH * kW`` copies of the input when windows overlap). It does so a block of
output rows at a time (:mod:`engine.ops.row_blocks`), so the arrays stay small whatever the
input, and its backward adds each offset's share into a strided view of the padded gradient.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from engine.ops.layout import (
    PreparedPool,
    check_grad_output,
    gradient_dtype,
    pool_cells,
    prepare_pool,
    unpadded,
    window_extent,
)
from engine.ops.memory import require_window_memory
from engine.ops.row_blocks import BLOCK_CELLS, blocks, row_block


@dataclass(frozen=True)
class OffsetBlock:
    """The windows of a block of planes and output rows, offset by offset.

    Attributes
    ----------
    planes, rows : slice
        The planes and the output rows of the block.
    buffer : ndarray of shape (P_block, 1, extent_rows, extent_cols)
        The block's padded input (``-inf`` padding), in the gradient dtype.
    axis_slices : list of list of slice
        Per spatial axis, per kernel offset, the strided slice of ``buffer`` along that axis
        (as :func:`engine.ops.separable.separable_max` takes them).
    offsets : list of tuple
        Per kernel offset, row-major, the index of its cells in ``buffer``: a strided view
        of the block's output shape (P_block, 1, R, W_out).
    gradient_offsets : list of tuple
        The same cells in the call's padded gradient (see :meth:`OffsetPool.new_gradient`).
    """

    planes: slice
    rows: slice
    buffer: np.ndarray
    axis_slices: list[list[slice]]
    offsets: list[tuple]
    gradient_offsets: list[tuple]

    def cells(self, offset: int) -> np.ndarray:
        """The cells at kernel offset ``offset`` (row-major) of every window of the block."""
        return self.buffer[self.offsets[offset]]


@dataclass(frozen=True)
class OffsetPool:
    """A checked 2D pool call walked one offset at a time (:func:`offset_pool`).

    Attributes
    ----------
    prepared : PreparedPool
    work : ndarray of shape (N * C, 1, H, W)
        The input as planes, in the gradient dtype.
    grad : ndarray of shape (N * C, 1, H_out, W_out), or None
        The checked upstream gradient of a backward, in the gradient dtype.
    """

    prepared: PreparedPool
    work: np.ndarray
    grad: np.ndarray | None

    @property
    def output_shape(self) -> tuple:
        """(N * C, 1, H_out, W_out): the planar output the blocks fill."""
        return self.work.shape[:2] + self.prepared.geometry.output_size

    def blocks(self) -> Iterator[OffsetBlock]:
        """The :class:`OffsetBlock` of each block of planes and output rows, in order."""
        geometry = self.prepared.geometry
        kernel_h, kernel_w = geometry.kernel_size
        for planes, rows in blocks(geometry, self.work.shape[0]):
            block = row_block(self.work[planes], geometry, rows, -np.inf)
            row_slices, col_slices = block.slices
            first = rows.start * geometry.stride[0]
            offsets, gradient_offsets = [], []
            for row in row_slices:
                shifted = slice(first + row.start, first + row.stop, row.step)
                for col in col_slices:
                    offsets.append((Ellipsis, row, col))
                    gradient_offsets.append((planes, Ellipsis, shifted, col))
            yield OffsetBlock(planes, rows, block.buffer, block.slices, offsets, gradient_offsets)

    def new_gradient(self) -> np.ndarray:
        """A zero gradient over the padded input every window fits in, (N * C, 1, *extent);
        :meth:`finish_gradient` gives it the input's shape."""
        extent = window_extent(self.prepared.geometry)
        return np.zeros(self.work.shape[:2] + extent, dtype=self.work.dtype)

    def finish_gradient(self, gradient: np.ndarray) -> np.ndarray:
        """The input cells of a padded gradient, shaped as the caller's input."""
        cells = unpadded(gradient, self.prepared.geometry)
        return cells.reshape(self.prepared.planar.shape[:2] + cells.shape[2:])

    def finish(self, out: np.ndarray) -> np.ndarray:
        """A planar output (N * C, 1, H_out, W_out) in the caller's layout."""
        return self.prepared.finish(out.reshape(self.prepared.output_shape))


def offset_pool(
    op_name: str,
    x,
    kernel_size,
    stride,
    padding,
    ceil_mode: bool,
    grad_output=None,
    backward: bool = False,
    arrays: int = 6,
) -> OffsetPool:
    """Check a 2D offset-walked pool call, refuse it beyond the memory budget (the float
    input and its padded gradient, ``arrays`` output-sized arrays and one block's), and give
    its planes in the gradient dtype."""
    prepared = prepare_pool(op_name, x, 2, kernel_size, stride, padding, 1, ceil_mode)
    grad = None
    if backward:
        grad = check_grad_output(op_name, grad_output, prepared.caller_output_shape)
    dtype = gradient_dtype(prepared.planar.dtype)
    padded_cells, _, outputs = pool_cells(prepared)
    needed = (prepared.planar.size + (2 * padded_cells if backward else 0)) * dtype.itemsize
    needed += arrays * outputs * 8 + 8 * BLOCK_CELLS * dtype.itemsize
    window = prepared.geometry.kernel_size[0] * prepared.geometry.kernel_size[1]
    require_window_memory(op_name, needed, prepared.output_text(), window)
    planes = prepared.planar.shape[0] * prepared.planar.shape[1]
    work = prepared.planar.astype(dtype, copy=False).reshape(
        (planes, 1) + prepared.planar.shape[2:]
    )
    if backward:
        grad = grad.reshape((planes, 1) + prepared.geometry.output_size).astype(dtype, copy=False)
    return OffsetPool(prepared, work, grad)


__all__ = ["OffsetBlock", "OffsetPool", "offset_pool"]
