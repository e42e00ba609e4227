"""The max pool itself: maxima and arg-max over any window geometry, a block of rows at a time.

Each block of output rows (:mod:`engine.ops.row_blocks`) is reduced separably
(:func:`engine.ops.separable.separable_max`), keeping the first maximum (or the last NaN) of
every window as one small offset code per axis. The codes become flat indices through a
lookup table of window offsets plus each window's first cell, both worked out once per call
(:class:`IndexPlan`), so each block costs a few array operations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from engine.ops.memory import fresh_array
from engine.ops.row_blocks import blocks, row_block
from engine.ops.scatter import NO_INDEX
from engine.ops.separable import code_dtype, separable_max
from engine.ops.windows import PoolGeometry


def lowest_value(dtype: np.dtype):
    """The padding of a max pool in ``dtype``: -inf for floats, the smallest integer for
    integers, False for bools. Integers are pooled as themselves, so they stay exact."""
    if dtype.kind == "f":
        return -np.inf
    if dtype.kind in "iu":
        return np.iinfo(dtype).min
    return False


def first_real_offset(positions: np.ndarray, length: int) -> np.ndarray:
    """Per window, the offset of its first cell inside ``[0, length)``, or -1 if none.

    Parameters
    ----------
    positions : ndarray of shape (O, k), int64
        Input position of every window cell along one axis.
    """
    real = (positions >= 0) & (positions < length)
    return np.where(real.any(axis=1), real.argmax(axis=1), NO_INDEX)


def along_axis(values: np.ndarray, axis: int, dims: int) -> np.ndarray:
    """``values`` of shape (O,) shaped to broadcast along spatial ``axis`` of (N, C, *O)."""
    return values.reshape((-1,) + (1,) * (dims - 1 - axis))


@dataclass(frozen=True)
class IndexPlan:
    """How a max pool's offset codes become flat indices, worked out once per call.

    Attributes
    ----------
    offsets : ndarray of shape (prod(kernel_size),), int64
        Flat distance of every window cell (row-major) from the window's first cell.
    combined_type : numpy dtype
        The narrowest type numbering all of a window's cells and holding each kernel size
        (a 1 x 256 window numbers its cells in uint8, but multiplies by 256).
    kernel_size : tuple of int
    first_cells : list of ndarray, int64, one per spatial axis
        Each window's first position along the axis times the axis' flat stride, shaped to
        broadcast along it.
    stuck : list of (ndarray, ndarray), one per spatial axis
        The windows whose first cell along the axis is padding, and the offset of their first
        real cell (0 if none): where a winner still at offset 0 must move.
    empty : ndarray of shape ``output_size``, bool
        Windows with no real cell (index -1).
    """

    offsets: np.ndarray
    combined_type: np.dtype
    kernel_size: tuple[int, ...]
    first_cells: list[np.ndarray]
    stuck: list[tuple[np.ndarray, np.ndarray]]
    empty: np.ndarray


def index_plan(geometry: PoolGeometry) -> IndexPlan:
    kernel, dilation, dims = geometry.kernel_size, geometry.dilation, len(geometry.kernel_size)
    strides = [math.prod(geometry.input_size[axis + 1 :]) for axis in range(dims)]
    offsets = np.zeros((), dtype=np.int64)
    first_cells, stuck = [], []
    empty = np.zeros(geometry.output_size, dtype=bool)
    for axis in range(dims):
        step = dilation[axis] * strides[axis]
        offsets = np.add.outer(offsets, np.arange(kernel[axis], dtype=np.int64) * step)
        first_cells.append(along_axis(geometry.window_starts(axis) * strides[axis], axis, dims))
        positions = geometry.window_positions(axis)
        first_real = first_real_offset(positions, geometry.input_size[axis])
        windows = np.nonzero(positions[:, 0] < 0)[0]
        stuck.append((windows, np.maximum(first_real[windows], 0)))
        empty |= along_axis(first_real < 0, axis, dims)
    return IndexPlan(
        offsets.ravel(), code_dtype(math.prod(kernel) + 1), kernel, first_cells, stuck, empty
    )


def unstick(plan: IndexPlan, codes: list[np.ndarray], rows: slice) -> None:
    """A window whose winner is still offset 0 along an axis although offset 0 is padding
    holds only -inf (or the integer minimum): PyTorch then reports its first real cell, so
    its code becomes that cell's offset (in place; ``codes`` of output rows ``rows``)."""
    for axis, (code, (windows, first_real)) in enumerate(zip(codes, plan.stuck, strict=True)):
        if not windows.size:
            continue
        if axis == 0:
            inside = (windows >= rows.start) & (windows < rows.stop)
            windows, first_real = windows[inside] - rows.start, first_real[inside]
        by_window = np.moveaxis(code, 2 + axis, 0)
        for window, offset in zip(windows.tolist(), first_real.tolist(), strict=True):
            np.copyto(by_window[window], offset, where=by_window[window] == 0, casting="unsafe")


def flat_indices(plan: IndexPlan, codes: list[np.ndarray], rows: slice, out: np.ndarray) -> None:
    """Write the flat positions (``h * W + w`` in 2D, ``(d * H + h) * W + w`` in 3D) of the
    winners of output rows ``rows``, given their offset codes (one array per axis), into
    ``out``."""
    combined = codes[0].astype(plan.combined_type)
    for axis in range(1, len(codes)):
        combined *= plan.kernel_size[axis]
        combined += codes[axis]
    np.take(plan.offsets, combined, out=out, mode="clip")  # unbuffered: codes are in range
    out += plan.first_cells[0][rows]
    for first_cells in plan.first_cells[1:]:
        out += first_cells


def max_pool_core(
    x: np.ndarray, geometry: PoolGeometry, with_indices: bool
) -> tuple[np.ndarray, np.ndarray | None]:
    """Max pool a batched input (N, C, *spatial) over its geometry (any number of axes).

    Returns the maxima (N, C, *output_size) in ``x``'s dtype and, if asked, int64 flat
    indices (-1 for a window with no real cell). Integers and bools are compared as
    themselves (exact at any size), padded with the dtype's minimum; floats are padded with
    -inf. Beyond the outputs, the working arrays are those of one block of rows.
    """
    shape = x.shape[:2] + geometry.output_size
    planes = x.shape[0] * x.shape[1]
    x = x.reshape((planes, 1) + x.shape[2:])
    values = fresh_array((planes, 1) + geometry.output_size, x.dtype)
    indices = fresh_array(values.shape, np.int64) if with_indices else None
    plan = index_plan(geometry) if with_indices else None
    fill = lowest_value(x.dtype)
    for chosen, rows in blocks(geometry, planes):
        block = row_block(x[chosen], geometry, rows, fill)
        target = values[chosen, :, rows]
        _, codes = separable_max(block.buffer, block.slices, with_indices, out=target)
        del block
        if with_indices:
            unstick(plan, codes, rows)
            flat_indices(plan, codes, rows, out=indices[chosen, :, rows])
    if with_indices and plan.empty.any():
        indices[..., plan.empty] = NO_INDEX
    return values.reshape(shape), None if indices is None else indices.reshape(shape)


__all__ = ["IndexPlan", "first_real_offset", "lowest_value", "max_pool_core"]
