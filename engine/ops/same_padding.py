"""TensorFlow/Keras ``padding="same"`` pooling: ``ceil(L / s)`` outputs, the odd extra padding
cell at the bottom/right, and averages over the real cells only."""

from __future__ import annotations

import math

import numpy as np

from engine.errors import PoolingError
from engine.ops.avgpool import avg_pool2d, avg_pool2d_backward
from engine.ops.layout import gradient_dtype
from engine.ops.maxpool import max_pool2d, max_pool2d_backward
from engine.ops.windows import check_input, to_tuple


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
    """Checked kernel and stride, the (before, after) padding per spatial axis and the
    ``np.pad`` widths for the whole array."""
    kernel = to_tuple(kernel_size, 2, "kernel_size")
    strides = kernel if stride is None else to_tuple(stride, 2, "stride")
    if min(kernel) < 1 or min(strides) < 1:
        raise PoolingError(f"kernel_size and stride must be positive, got {kernel}, {strides}")
    pads = [
        same_padding(length, size, step) for length, size, step in zip(shape[-2:], kernel, strides)
    ]
    widths = [(0, 0)] * (len(shape) - 2) + pads
    return kernel, strides, pads, widths


def max_pool2d_same(x: np.ndarray, kernel_size, stride=None, return_indices: bool = False):
    """Max pooling with TensorFlow/Keras ``padding='same'`` (see :func:`same_padding`).

    Returns
    -------
    out : ndarray of shape (C, ceil(H / sH), ceil(W / sW)) or with a batch axis
    indices : int64 flat positions in the unpadded input, if ``return_indices``
    """
    check_input(x, 2, "max_pool2d_same")
    kernel, strides, pads, widths = same_pads(x.shape, kernel_size, stride)
    work = x.astype(gradient_dtype(x.dtype))
    padded = np.pad(work, widths, constant_values=-np.inf)
    out, indices = max_pool2d(padded, kernel, strides, return_indices=True)
    if not return_indices:
        return out
    rows, cols = np.divmod(indices, padded.shape[-1])
    return out, (rows - pads[0][0]) * x.shape[-1] + (cols - pads[1][0])


def max_pool2d_same_backward(grad_output, x, kernel_size, stride=None) -> np.ndarray:
    """Gradient of :func:`max_pool2d_same`."""
    kernel, strides, pads, widths = same_pads(x.shape, kernel_size, stride)
    work = x.astype(gradient_dtype(x.dtype))
    padded = np.pad(work, widths, constant_values=-np.inf)
    grad = max_pool2d_backward(grad_output, padded, kernel, strides)
    return crop(grad, pads, x.shape)


def avg_pool2d_same(x: np.ndarray, kernel_size, stride=None) -> np.ndarray:
    """Average pooling with ``padding='same'``, dividing by the real cells only (as TF)."""
    check_input(x, 2, "avg_pool2d_same")
    kernel, strides, _, widths = same_pads(x.shape, kernel_size, stride)
    work = x.astype(gradient_dtype(x.dtype))
    sums = avg_pool2d(np.pad(work, widths), kernel, strides, divisor_override=1)
    counts = avg_pool2d(np.pad(np.ones_like(work), widths), kernel, strides, divisor_override=1)
    return sums / counts


def avg_pool2d_same_backward(grad_output, x, kernel_size, stride=None) -> np.ndarray:
    """Gradient of :func:`avg_pool2d_same`: grad / (real cells) to each real cell."""
    kernel, strides, pads, widths = same_pads(x.shape, kernel_size, stride)
    work = x.astype(gradient_dtype(x.dtype))
    ones = np.pad(np.ones_like(work), widths)
    counts = avg_pool2d(ones, kernel, strides, divisor_override=1)
    grad = avg_pool2d_backward(
        np.asarray(grad_output) / counts, ones, kernel, strides, divisor_override=1
    )
    return crop(grad, pads, x.shape)


def crop(array: np.ndarray, pads, shape) -> np.ndarray:
    """The part of a padded array that covers the unpadded input."""
    (top, _), (left, _) = pads
    return array[..., top : top + shape[-2], left : left + shape[-1]]
