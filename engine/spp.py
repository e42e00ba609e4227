"""Spatial pyramid pooling (He, Zhang, Ren and Sun 2014, "Spatial pyramid pooling in deep
convolutional networks for visual recognition") and TensorFlow/Keras "same" padding."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from engine import functional as F
from engine.errors import PoolingError
from engine.layout import check_grad_output, gradient_dtype
from engine.windows import adaptive_bounds, check_input, to_tuple


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
    pool = pool_function(mode)
    parts = [pool(x, level) for level in levels]
    return np.concatenate([part.reshape(part.shape[:-2] + (-1,)) for part in parts], axis=-1)


def pool_function(mode: str):
    if mode == "max":
        return F.adaptive_max_pool2d
    if mode == "avg":
        return F.adaptive_avg_pool2d
    raise PoolingError(f"spatial_pyramid_pool2d() mode must be 'max' or 'avg', got {mode!r}")


def spatial_pyramid_pool2d_backward(
    grad_output: np.ndarray, x: np.ndarray, levels: Sequence[int] = (4, 2, 1), mode: str = "max"
) -> np.ndarray:
    """Gradient of :func:`spatial_pyramid_pool2d`: each level's share sent back through its
    adaptive pool, summed."""
    levels = check_levels(levels)
    pool_function(mode)
    batched, unbatched = check_input(x, 2, "spatial_pyramid_pool2d")
    expected = x.shape[:-2] + (sum(level * level for level in levels),)
    grad = check_grad_output("spatial_pyramid_pool2d", grad_output, expected)
    total = np.zeros(x.shape, dtype=gradient_dtype(x.dtype))
    start = 0
    backward = F.adaptive_max_pool2d_backward if mode == "max" else F.adaptive_avg_pool2d_backward
    for level in levels:
        part = grad[..., start : start + level * level].reshape(x.shape[:-2] + (level, level))
        total += backward(part, x, level)
        start += level * level
    return total


def spp_bins(input_shape: tuple[int, ...], levels: Sequence[int] = (4, 2, 1)):
    """Every bin's input span, for drawing: list of (level, row, col, row0, row1, col0, col1)
    with exclusive ends."""
    height, width = input_shape[-2:]
    bins = []
    for level in check_levels(levels):
        row_starts, row_ends = adaptive_bounds(height, level)
        col_starts, col_ends = adaptive_bounds(width, level)
        for row in range(level):
            for col in range(level):
                bins.append(
                    (
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


def same_padding(input_size: int, kernel_size: int, stride: int) -> tuple[int, int]:
    """TensorFlow's "same" padding along one axis: (before, after).

    The output has ``ceil(L / s)`` cells; the total padding is
    ``max((ceil(L / s) - 1) * s + k - L, 0)``, split with the extra cell at the end (bottom or
    right). PyTorch's ``padding=p`` instead adds ``p`` on both sides.
    """
    output = math.ceil(input_size / stride)
    total = max((output - 1) * stride + kernel_size - input_size, 0)
    return total // 2, total - total // 2


def same_pads(shape, kernel_size, stride):
    kernel = to_tuple(kernel_size, 2, "kernel_size")
    strides = kernel if stride is None else to_tuple(stride, 2, "stride")
    if min(kernel) < 1 or min(strides) < 1:
        raise PoolingError(f"kernel_size and stride must be positive, got {kernel}, {strides}")
    pads = [same_padding(n, k, s) for n, k, s in zip(shape[-2:], kernel, strides)]
    width = [(0, 0)] * (len(shape) - 2) + pads
    return kernel, strides, pads, width


def max_pool2d_same(x: np.ndarray, kernel_size, stride=None, return_indices: bool = False):
    """Max pooling with TensorFlow/Keras ``padding='same'`` (see :func:`same_padding`).

    Returns
    -------
    out : ndarray of shape (C, ceil(H / sH), ceil(W / sW)) or with a batch axis
    indices : int64 flat positions in the unpadded input, if ``return_indices``
    """
    check_input(x, 2, "max_pool2d_same")
    kernel, strides, pads, width = same_pads(x.shape, kernel_size, stride)
    work = x.astype(np.float64 if x.dtype == np.float64 else np.float32)
    padded = np.pad(work, width, constant_values=-np.inf)
    out, indices = F.max_pool2d(padded, kernel, strides, return_indices=True)
    if not return_indices:
        return out
    rows, cols = np.divmod(indices, padded.shape[-1])
    return out, (rows - pads[0][0]) * x.shape[-1] + (cols - pads[1][0])


def max_pool2d_same_backward(grad_output, x, kernel_size, stride=None) -> np.ndarray:
    """Gradient of :func:`max_pool2d_same`."""
    kernel, strides, pads, width = same_pads(x.shape, kernel_size, stride)
    work = x.astype(np.float64 if x.dtype == np.float64 else np.float32)
    padded = np.pad(work, width, constant_values=-np.inf)
    grad = F.max_pool2d_backward(grad_output, padded, kernel, strides)
    return crop(grad, pads, x.shape)


def avg_pool2d_same(x: np.ndarray, kernel_size, stride=None) -> np.ndarray:
    """Average pooling with ``padding='same'``, dividing by the real cells only (as TF)."""
    check_input(x, 2, "avg_pool2d_same")
    kernel, strides, _, width = same_pads(x.shape, kernel_size, stride)
    work = x.astype(np.float64 if x.dtype == np.float64 else np.float32)
    sums = F.avg_pool2d(np.pad(work, width), kernel, strides, divisor_override=1)
    counts = F.avg_pool2d(np.pad(np.ones_like(work), width), kernel, strides, divisor_override=1)
    return sums / counts


def avg_pool2d_same_backward(grad_output, x, kernel_size, stride=None) -> np.ndarray:
    """Gradient of :func:`avg_pool2d_same`: grad / (real cells) to each real cell."""
    kernel, strides, pads, width = same_pads(x.shape, kernel_size, stride)
    work = x.astype(np.float64 if x.dtype == np.float64 else np.float32)
    ones = np.pad(np.ones_like(work), width)
    counts = F.avg_pool2d(ones, kernel, strides, divisor_override=1)
    grad = F.avg_pool2d_backward(
        np.asarray(grad_output) / counts, ones, kernel, strides, divisor_override=1
    )
    return crop(grad, pads, x.shape)


def crop(array: np.ndarray, pads, shape) -> np.ndarray:
    (top, _), (left, _) = pads
    return array[..., top : top + shape[-2], left : left + shape[-1]]
