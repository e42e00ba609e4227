"""Window gathering: every cell of every window side by side, a block of output rows at a time.

Gathered windows are ``kH * kW`` values per output, far more than the input when windows
overlap (k = 32, stride 1 copies the input a thousand times), so they are gathered a block of
output rows at a time, each block holding about as many cells as the input. The pools do not
gather: SoftPool and stochastic pooling walk the kernel offsets (:mod:`engine.ops.offsets`).
What needs a window's cells side by side does: the rare stochastic windows with their full
rules (:mod:`engine.ops.stochastic_exact`) and a window's details
(:func:`engine.ops.soft_pool.softmax_parts`). Every output is computed from its own window
alone, and a backward adds the blocks in output order, so results do not depend on the block
size.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from engine.ops.layout import (
    PreparedPool,
    check_grad_output,
    gradient_dtype,
    padded_input,
    pool_cells,
    prepare_pool,
)
from engine.ops.memory import require_window_memory

SMALLEST_BLOCK = 2**16
"""Window cells a block may always hold, so that small inputs are gathered in one go."""


@dataclass(frozen=True)
class WindowBlock:
    """The windows of a block of output rows (see :meth:`GatheredPool.block`).

    Attributes
    ----------
    rows : slice
        The output rows of the block.
    cells : ndarray of shape (N, C, R, W_out, kH * kW)
        Every window's cells in row-major window order, in the gradient dtype; padding is
        -inf (but tell it by ``real``, not by its value: the input may hold -inf too).
    real : ndarray of shape (R, W_out, kH * kW), bool
        True where a cell lies inside the input, False in the padding.
    """

    rows: slice
    cells: np.ndarray
    real: np.ndarray


@dataclass(frozen=True)
class GatheredPool:
    """A checked gather-based pool call, ready to be walked block by block:
    ``for rows in gathered.row_blocks(): reduce(gathered.block(rows))``.

    Attributes
    ----------
    prepared : PreparedPool
    padded : ndarray of shape (N, C, H_pad, W_pad)
        The input in the gradient dtype, -inf padded so that every window fits.
    grad : ndarray of shape (N, C, H_out, W_out), or None
        The checked upstream gradient of a backward, in the gradient dtype.
    block_rows : int
        Output rows per block.
    """

    prepared: PreparedPool
    padded: np.ndarray
    grad: np.ndarray | None
    block_rows: int

    def row_blocks(self) -> Iterator[slice]:
        """The output rows of each block, top to bottom.

        Gather each with :meth:`block` inside the function that reduces it, so that nothing
        of one block is still referenced when the next is gathered.
        """
        out_h = self.prepared.geometry.output_size[0]
        for first in range(0, out_h, self.block_rows):
            yield slice(first, min(first + self.block_rows, out_h))

    def block(self, rows: slice) -> WindowBlock:
        """The windows of the output rows ``rows``, copied out of the padded input."""
        geometry = self.prepared.geometry
        (out_h, out_w), (stride_h, stride_w) = geometry.output_size, geometry.stride
        # A strided view of every window (no copy), of which the block copies its own cells.
        views = sliding_window_view(self.padded, geometry.kernel_size, axis=(2, 3))
        view = views[:, :, ::stride_h, ::stride_w][:, :, :out_h, :out_w][:, :, rows]
        # Always a copy, as the pools work in place on it. Planes vary fastest in memory, the
        # layout the pools' sums have always been taken in, so every float rounds as it did.
        planes_last = np.empty(view.shape[2:] + view.shape[:2], view.dtype)
        planes_last[...] = np.moveaxis(view, (0, 1), (-2, -1))
        cells = np.moveaxis(planes_last, (-2, -1), (0, 1))
        row_positions = geometry.window_positions(0)[rows]
        col_positions = geometry.window_positions(1)
        real_rows = (row_positions >= 0) & (row_positions < geometry.input_size[0])
        real_cols = (col_positions >= 0) & (col_positions < geometry.input_size[1])
        real = real_rows[:, None, :, None] & real_cols[None, :, None, :]
        return WindowBlock(
            rows, cells.reshape(cells.shape[:4] + (-1,)), real.reshape(real.shape[:2] + (-1,))
        )

    def new_gradient(self) -> np.ndarray:
        """A zero gradient for :meth:`scatter`, shape (N * C, H * W)."""
        planar = self.prepared.planar
        return np.zeros(
            (planar.shape[0] * planar.shape[1], planar.shape[2] * planar.shape[3]),
            dtype=self.padded.dtype,
        )

    def scatter(self, gradient: np.ndarray, block: WindowBlock, cell_grads: np.ndarray) -> None:
        """Add every real cell's gradient of ``block`` to its input cell of ``gradient``
        (padding cells are dropped; overlapping windows accumulate, in output order).

        Parameters
        ----------
        gradient : ndarray of shape (N * C, H * W), from :meth:`new_gradient`
        cell_grads : ndarray of shape (N, C, R, W_out, kH * kW)
        """
        geometry = self.prepared.geometry
        width = geometry.input_size[1]
        kernel_h, kernel_w = geometry.kernel_size
        rows = geometry.window_positions(0)[block.rows]
        cols = geometry.window_positions(1)
        flat = rows[:, None, :, None] * width + cols[None, :, None, :]
        flat = np.broadcast_to(flat, (rows.shape[0], cols.shape[0], kernel_h, kernel_w))
        flat = flat.reshape(block.real.shape)[block.real]
        values = cell_grads.reshape((gradient.shape[0],) + block.real.shape)[:, block.real]
        for plane in range(gradient.shape[0]):  # one scatter per plane, not per pixel
            np.add.at(gradient[plane], flat, values[plane])


def gather_pool(
    op_name: str,
    x,
    kernel_size,
    stride,
    padding,
    ceil_mode: bool,
    grad_output=None,
    backward: bool = False,
) -> GatheredPool:
    """Check a 2D gather-based pool call, refuse it if even one block would exceed the memory
    budget, and pad its input (and check ``grad_output`` if ``backward``) for
    :meth:`GatheredPool.block`."""
    prepared = prepare_pool(op_name, x, 2, kernel_size, stride, padding, 1, ceil_mode)
    grad = None
    if backward:
        grad = check_grad_output(op_name, grad_output, prepared.caller_output_shape)
    dtype = gradient_dtype(prepared.planar.dtype)
    padded_cells, _, outputs = pool_cells(prepared)
    planes, out_w = prepared.planar.shape[0] * prepared.planar.shape[1], prepared.output_shape[-1]
    window = prepared.geometry.kernel_size[0] * prepared.geometry.kernel_size[1]
    row_cells = planes * out_w * window
    block_rows = max(1, max(prepared.planar.size, SMALLEST_BLOCK) // row_cells)
    block_cells = min(block_rows, prepared.geometry.output_size[0]) * row_cells
    # The float input and its padded copy, a few output-sized arrays (out, draws, choices,
    # indices) and one block with its temporaries (values, weights, products, flat indices).
    needed = (prepared.planar.size + padded_cells) * dtype.itemsize + outputs * 40
    needed += block_cells * (6 * dtype.itemsize + 2) + block_cells // planes * 17
    require_window_memory(op_name, needed, prepared.output_text(), window)
    work = prepared.planar.astype(dtype, copy=False)
    padded = padded_input(work, prepared.geometry, -np.inf)
    if backward:
        grad = grad.reshape(prepared.planar.shape[:2] + prepared.geometry.output_size)
        grad = grad.astype(dtype)
    return GatheredPool(prepared, padded, grad, block_rows)


__all__ = ["GatheredPool", "WindowBlock", "gather_pool"]
