"""Spatial pyramid pooling (He, Zhang, Ren and Sun 2014, "Spatial pyramid pooling in deep
convolutional networks for visual recognition")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from engine.errors import PoolingError
from engine.ops.adaptive_avg import adaptive_avg_pool2d, adaptive_avg_pool2d_backward
from engine.ops.adaptive_max import adaptive_max_pool2d, adaptive_max_pool2d_backward
from engine.ops.layout import check_grad_output, gradient_dtype
from engine.ops.windows import adaptive_bounds, check_input

POOLS = {
    "max": (adaptive_max_pool2d, adaptive_max_pool2d_backward),
    "avg": (adaptive_avg_pool2d, adaptive_avg_pool2d_backward),
}


def check_levels(levels: Sequence[int]) -> tuple[int, ...]:
    try:
        levels = tuple(int(level) for level in levels)
    except (TypeError, ValueError):
        raise PoolingError(
            f"spatial_pyramid_pool2d() levels must be whole numbers, got {levels!r}"
        ) from None
    if not levels or min(levels) < 1:
        raise PoolingError(f"spatial_pyramid_pool2d() levels must be positive, got {levels!r}")
    return levels


def pool_pair(mode: str):
    """The adaptive pool (forward, backward) a pyramid of ``mode`` is made of."""
    if mode not in POOLS:
        raise PoolingError(f"spatial_pyramid_pool2d() mode must be 'max' or 'avg', got {mode!r}")
    return POOLS[mode]


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
    levels = check_levels(levels)
    pool, _ = pool_pair(mode)
    parts = [pool(x, level) for level in levels]
    return np.concatenate([part.reshape(part.shape[:-2] + (-1,)) for part in parts], axis=-1)


def spatial_pyramid_pool2d_backward(
    grad_output: np.ndarray, x: np.ndarray, levels: Sequence[int] = (4, 2, 1), mode: str = "max"
) -> np.ndarray:
    """Gradient of :func:`spatial_pyramid_pool2d`: each level's share sent back through its
    adaptive pool, summed."""
    levels = check_levels(levels)
    _, backward = pool_pair(mode)
    check_input(x, 2, "spatial_pyramid_pool2d")
    expected = x.shape[:-2] + (sum(level * level for level in levels),)
    grad = check_grad_output("spatial_pyramid_pool2d", grad_output, expected)
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
    bins = []
    for level in check_levels(levels):
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
