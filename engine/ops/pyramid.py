"""Spatial pyramid pooling (He, Zhang, Ren and Sun 2014, "Spatial pyramid pooling in deep
convolutional networks for visual recognition")."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from engine.errors import PoolingError
from engine.ops.adaptive_avg import (
    adaptive_avg_backward,
    require_adaptive_avg_memory,
    window_sums,
)
from engine.ops.adaptive_max import adaptive_max_core, require_adaptive_memory
from engine.ops.layout import check_grad_output, gradient_dtype
from engine.ops.memory import require_memory
from engine.ops.windows import LARGEST_SIZE, adaptive_bounds, check_input, is_int, shown
from engine.text import Text

OP_NAME = "spatial_pyramid_pool2d"


def check_levels(levels: Sequence[int]) -> tuple[int, ...]:
    """A non-empty sequence of ints from 1 to ``2**31 - 1``; floats and strings are refused."""
    try:
        if isinstance(levels, str | bytes | dict):
            raise TypeError
        levels = tuple(levels)
    except TypeError:
        raise PoolingError(
            "{op_name}() levels must be a sequence of positive ints, but got {value}",
            op_name=OP_NAME,
            value=shown(levels),
        ) from None
    if not levels or not all(is_int(level) and 1 <= level <= LARGEST_SIZE for level in levels):
        raise PoolingError(
            "{op_name}() levels must be a non-empty sequence of ints from 1 to {largest}, but "
            "got {value}",
            op_name=OP_NAME,
            largest=LARGEST_SIZE,
            value=shown(levels),
        )
    return tuple(int(level) for level in levels)


def check_mode(mode: str) -> str:
    """'max' or 'avg', the pool a pyramid is made of."""
    if not isinstance(mode, str) or mode not in PYRAMIDS:
        raise PoolingError(
            "{op_name}() mode must be 'max' or 'avg', got {value}",
            op_name=OP_NAME,
            value=shown(mode),
        )
    return mode


def merge_bins(values, indices, factor: int):
    """A coarser level from a finer one whose bins it unites ``factor x factor`` at a time:
    the largest value, the first (smallest) index among equal values, or the last NaN's.

    Parameters
    ----------
    values : ndarray of shape (N, C, L, L)
    indices : ndarray of the same shape, int64, or None

    Returns
    -------
    values, indices : ndarrays of shape (N, C, L / factor, L / factor) (indices None if
        not given)
    """
    batch, channels, level = values.shape[0], values.shape[1], values.shape[2] // factor
    grouped = (batch, channels, level, factor, level, factor)
    blocks = values.reshape(grouped)
    top = blocks.max(axis=(3, 5))
    if indices is None:
        return top, None
    index_blocks = indices.reshape(grouped)
    hit = blocks == top[:, :, :, None, :, None]
    chosen = np.where(hit, index_blocks, np.iinfo(np.int64).max).min(axis=(3, 5))
    if values.dtype.kind == "f" and np.isnan(top).any():
        last_nan = np.where(np.isnan(blocks), index_blocks, -1).max(axis=(3, 5))
        chosen = np.where(np.isnan(top), last_nan, chosen)
    return top, chosen


def level_maxima(planar: np.ndarray, levels: tuple[int, ...], with_indices: bool) -> dict:
    """Every distinct level's bin maxima (N, C, l, l) and flat indices (or None): the finest
    level from the input, each coarser one from a finer level it divides (whose bins unite
    exactly into its own), so the input is read once for a pyramid such as (4, 2, 1)."""
    found: dict[int, tuple] = {}
    for level in sorted(set(levels), reverse=True):
        finer = next((known for known in found if known % level == 0), None)
        if finer is None:
            require_adaptive_memory(OP_NAME, planar.shape, (level, level), 2, with_indices)
            found[level] = adaptive_max_core(planar, (level, level), with_indices)
        else:
            found[level] = merge_bins(*found[finer], finer // level)
    return found


def level_sums(planar: np.ndarray, levels: tuple[int, ...]) -> dict:
    """Every distinct level's bin sums (N, C, l, l), in the gradient dtype, nested as
    :func:`level_maxima` nests the maxima where the finer level's bins tile the input."""
    work = planar.astype(gradient_dtype(planar.dtype), copy=False)
    found: dict[int, np.ndarray] = {}
    height, width = planar.shape[-2:]
    for level in sorted(set(levels), reverse=True):
        # Bins that share a cell (a size the level does not divide) would count it twice.
        tiling = (known for known in found if height % known == 0 and width % known == 0)
        finer = next((known for known in tiling if known % level == 0), None)
        if finer is None:
            require_adaptive_avg_memory(OP_NAME, planar.shape, (level, level), 2, 8, False)
            found[level] = window_sums(work, (level, level))
        else:
            factor = finer // level
            grouped = found[finer].reshape(planar.shape[:2] + (level, factor, level, factor))
            found[level] = grouped.sum(axis=(3, 5))
    return found


def require_pyramid_memory(x_shape: tuple, levels: tuple[int, ...]) -> None:
    """Refuse a pyramid whose bins (all levels, every plane, a few copies) exceed the budget;
    each level's adaptive pool then checks its own working arrays."""
    bins = sum(level * level for level in levels)
    planes = math.prod(x_shape[:-2])
    require_memory(
        OP_NAME,
        bins * planes * 8 * 3,
        Text("{bins} bins per channel (levels {levels})", bins=bins, levels=levels),
        Text("use fewer or smaller levels"),
    )


def spatial_pyramid_pool2d(
    x: np.ndarray, levels: Sequence[int] = (4, 2, 1), mode: str = "max"
) -> np.ndarray:
    """Pool each channel into ``l x l`` bins for every level ``l`` and concatenate.

    Whatever the input size, the result has ``sum(l * l)`` values per channel, which is what
    lets a network with dense layers accept images of any size. Bins are adaptive windows:
    ``[floor(i * H / l), ceil((i + 1) * H / l))``. A level that divides a finer one is
    computed from that level's bins (they unite exactly), so the input is read once.

    Parameters
    ----------
    x : ndarray of shape (C, H, W) or (N, C, H, W)
    levels : sequence of int
    mode : 'max' or 'avg'

    Returns
    -------
    ndarray of shape (C, sum(l * l)) or (N, C, sum(l * l)), level by level, bins row-major;
    the dtype of ``x`` for max, float (float64 for float64 input) for avg
    """
    batched, unbatched = check_input(x, 2, OP_NAME)
    levels = check_levels(levels)
    mode = check_mode(mode)
    require_pyramid_memory(x.shape, levels)
    parts = PYRAMIDS[mode][0](batched, levels)
    out = np.concatenate([part.reshape(part.shape[:2] + (-1,)) for part in parts], axis=-1)
    return out[0] if unbatched else out


def bin_sizes(shape: tuple, level: int) -> np.ndarray:
    """Cells of every bin of ``level`` over a (..., H, W) input, shape (level, level)."""
    row_starts, row_ends = adaptive_bounds(shape[-2], level)
    col_starts, col_ends = adaptive_bounds(shape[-1], level)
    return np.multiply.outer(row_ends - row_starts, col_ends - col_starts)


def spatial_pyramid_pool2d_backward(
    grad_output: np.ndarray, x: np.ndarray, levels: Sequence[int] = (4, 2, 1), mode: str = "max"
) -> np.ndarray:
    """Gradient of :func:`spatial_pyramid_pool2d`: each level's share sent back through its
    adaptive pool, summed (for max, every bin's gradient added at its arg-max in one
    scatter)."""
    batched, _ = check_input(x, 2, OP_NAME)
    levels = check_levels(levels)
    mode = check_mode(mode)
    expected = x.shape[:-2] + (sum(level * level for level in levels),)
    grad = check_grad_output(OP_NAME, grad_output, expected)
    require_pyramid_memory(x.shape, levels)
    dtype = gradient_dtype(x.dtype)
    grad = grad.reshape(batched.shape[:2] + (-1,)).astype(dtype, copy=False)
    return PYRAMIDS[mode][1](grad, batched, levels).reshape(x.shape)


def maximum_parts(planar: np.ndarray, levels: tuple[int, ...]) -> list[np.ndarray]:
    """Each level's bin maxima (N, C, l, l), in the order of ``levels``."""
    maxima = level_maxima(planar, levels, with_indices=False)
    return [maxima[level][0] for level in levels]


def average_parts(planar: np.ndarray, levels: tuple[int, ...]) -> list[np.ndarray]:
    """Each level's bin averages (N, C, l, l), in the order of ``levels``."""
    sums = level_sums(planar, levels)
    return [sums[level] / bin_sizes(planar.shape, level) for level in levels]


def maximum_backward(grad: np.ndarray, planar: np.ndarray, levels) -> np.ndarray:
    """Every bin's gradient (``grad`` (N, C, bins)) added at its arg-max, in one scatter."""
    maxima = level_maxima(planar, levels, with_indices=True)
    arg_max = np.concatenate(
        [maxima[level][1].reshape(grad.shape[:2] + (-1,)) for level in levels], axis=-1
    )
    planes = planar.shape[0] * planar.shape[1]
    total = np.zeros((planes, planar.shape[2] * planar.shape[3]), dtype=grad.dtype)
    plane_of = np.repeat(np.arange(planes), arg_max.shape[-1])
    np.add.at(total, (plane_of, arg_max.reshape(-1)), grad.reshape(-1))
    return total


def average_backward(grad: np.ndarray, planar: np.ndarray, levels) -> np.ndarray:
    """Every level's gradient (``grad`` (N, C, bins)) spread over its bins, summed."""
    total = np.zeros(planar.shape, dtype=grad.dtype)
    start = 0
    for level in levels:
        part = grad[..., start : start + level * level].reshape(grad.shape[:2] + (level,) * 2)
        total += adaptive_avg_backward(OP_NAME, 2, part, planar, level)
        start += level * level
    return total


PYRAMIDS = {"max": (maximum_parts, maximum_backward), "avg": (average_parts, average_backward)}
"""The forward parts and the backward of a pyramid of each mode."""


@dataclass(frozen=True)
class PyramidBin:
    """One bin of a spatial pyramid: its level, place in the level's grid and input span
    (rows ``row_start..row_end - 1``, columns ``col_start..col_end - 1``)."""

    level: int
    row: int
    col: int
    row_start: int
    row_end: int
    col_start: int
    col_end: int


def pyramid_bins(input_shape: tuple[int, ...], levels: Sequence[int] = (4, 2, 1)):
    """Every bin of the pyramid in output order (level by level, row-major).

    Returns
    -------
    list of PyramidBin
    """
    height, width = input_shape[-2:]
    levels = check_levels(levels)
    count = sum(level * level for level in levels)
    require_memory(
        OP_NAME, count * 400, Text("{count} bins", count=count), Text("use fewer or smaller levels")
    )
    bins = []
    for level in levels:
        row_starts, row_ends = adaptive_bounds(height, level)
        col_starts, col_ends = adaptive_bounds(width, level)
        for row in range(level):
            for col in range(level):
                bins.append(
                    PyramidBin(
                        level,
                        row,
                        col,
                        int(row_starts[row]),
                        int(row_ends[row]),
                        int(col_starts[col]),
                        int(col_ends[col]),
                    )
                )
    return bins
