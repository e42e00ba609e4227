"""Spatial pyramid pooling (He, Zhang, Ren and Sun 2014, "Spatial pyramid pooling in deep
convolutional networks for visual recognition")."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from engine.errors import PoolingError
from engine.ops.adaptive_avg import adaptive_avg_backward, adaptive_avg_forward
from engine.ops.adaptive_max import adaptive_max_backward, adaptive_max_forward
from engine.ops.layout import check_grad_output, gradient_dtype
from engine.ops.memory import require_memory
from engine.ops.windows import LARGEST_SIZE, adaptive_bounds, check_input, is_int, shown

OP_NAME = "spatial_pyramid_pool2d"

POOLS = {
    "max": (
        lambda x, level: adaptive_max_forward(OP_NAME, 2, x, level, False),
        lambda grad, x, level: adaptive_max_backward(OP_NAME, 2, grad, x, level, None),
    ),
    "avg": (
        lambda x, level: adaptive_avg_forward(OP_NAME, 2, x, level),
        lambda grad, x, level: adaptive_avg_backward(OP_NAME, 2, grad, x, level),
    ),
}


def check_levels(levels: Sequence[int]) -> tuple[int, ...]:
    """A non-empty sequence of ints from 1 to ``2**31 - 1``; floats and strings are refused."""
    try:
        if isinstance(levels, str | bytes | dict):
            raise TypeError
        levels = tuple(levels)
    except TypeError:
        raise PoolingError(
            f"{OP_NAME}() levels must be a sequence of positive ints, but got {shown(levels)}"
        ) from None
    if not levels or not all(is_int(level) and 1 <= level <= LARGEST_SIZE for level in levels):
        raise PoolingError(
            f"{OP_NAME}() levels must be a non-empty sequence of ints from 1 to "
            f"{LARGEST_SIZE}, but got {shown(levels)}"
        )
    return tuple(int(level) for level in levels)


def pool_pair(mode: str):
    """The adaptive pool (forward, backward) a pyramid of ``mode`` is made of."""
    if not isinstance(mode, str) or mode not in POOLS:
        raise PoolingError(f"{OP_NAME}() mode must be 'max' or 'avg', got {shown(mode)}")
    return POOLS[mode]


def require_pyramid_memory(x_shape: tuple, levels: tuple[int, ...]) -> None:
    """Refuse a pyramid whose bins (all levels, every plane, a few copies) exceed the budget;
    each level's adaptive pool then checks its own working arrays."""
    bins = sum(level * level for level in levels)
    planes = math.prod(x_shape[:-2])
    require_memory(
        OP_NAME,
        bins * planes * 8 * 3,
        f"{bins} bins per channel (levels {levels})",
        "use fewer or smaller levels",
    )


def spatial_pyramid_pool2d(
    x: np.ndarray, levels: Sequence[int] = (4, 2, 1), mode: str = "max"
) -> np.ndarray:
    """Pool each channel into ``l x l`` bins for every level ``l`` and concatenate.

    Whatever the input size, the result has ``sum(l * l)`` values per channel, which is what
    lets a network with dense layers accept images of any size. Bins are adaptive windows:
    ``[floor(i * H / l), ceil((i + 1) * H / l))``.

    Parameters
    ----------
    x : ndarray of shape (C, H, W) or (N, C, H, W)
    levels : sequence of int
    mode : 'max' or 'avg'

    Returns
    -------
    ndarray of shape (C, sum(l * l)) or (N, C, sum(l * l)), level by level, bins row-major
    """
    check_input(x, 2, OP_NAME)
    levels = check_levels(levels)
    pool, _ = pool_pair(mode)
    require_pyramid_memory(x.shape, levels)
    parts = [pool(x, level) for level in levels]
    return np.concatenate([part.reshape(part.shape[:-2] + (-1,)) for part in parts], axis=-1)


def spatial_pyramid_pool2d_backward(
    grad_output: np.ndarray, x: np.ndarray, levels: Sequence[int] = (4, 2, 1), mode: str = "max"
) -> np.ndarray:
    """Gradient of :func:`spatial_pyramid_pool2d`: each level's share sent back through its
    adaptive pool, summed."""
    check_input(x, 2, OP_NAME)
    levels = check_levels(levels)
    _, backward = pool_pair(mode)
    expected = x.shape[:-2] + (sum(level * level for level in levels),)
    grad = check_grad_output(OP_NAME, grad_output, expected)
    require_pyramid_memory(x.shape, levels)
    total = np.zeros(x.shape, dtype=gradient_dtype(x.dtype))
    start = 0
    for level in levels:
        part = grad[..., start : start + level * level].reshape(x.shape[:-2] + (level, level))
        total += backward(part, x, level)
        start += level * level
    return total


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
    require_memory(OP_NAME, count * 400, f"{count} bins", "use fewer or smaller levels")
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
