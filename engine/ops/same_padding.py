"""TensorFlow/Keras ``padding="same"`` pooling: ``ceil(L / s)`` outputs, the odd extra padding
cell at the bottom/right, and averages over the real cells only."""

from __future__ import annotations

import math

import numpy as np

from engine.errors import PoolingError
from engine.ops.avgpool import avg_pool_backward, avg_pool_forward
from engine.ops.layout import check_grad_output, gradient_dtype
from engine.ops.maxpool import max_pool_backward, max_pool_forward
from engine.ops.memory import describe_size, require_memory
from engine.ops.windows import check_flag, check_input, is_empty, to_tuple


def same_padding(input_size: int, kernel_size: int, stride: int) -> tuple[int, int]:
    """TensorFlow's "same" padding along one axis: (before, after).

    The output has ``ceil(L / s)`` cells; the total padding is
    ``max((ceil(L / s) - 1) * s + k - L, 0)``, split with the extra cell at the end (bottom or
    right). PyTorch's ``padding=p`` instead adds ``p`` on both sides.
    """
    output = math.ceil(input_size / stride)
    total = max((output - 1) * stride + kernel_size - input_size, 0)
    return total // 2, total - total // 2


def same_pads(op_name: str, x, kernel_size, stride, backward: bool = False):
    """Check a "same" pool call: the kernel and stride, the (before, after) padding per
    spatial axis, the ``np.pad`` widths for the whole array and the output shape. The padded
    copies (two for the average) and the pool's own arrays must fit the memory budget."""
    check_input(x, 2, op_name)
    kernel = to_tuple(kernel_size, 2, "kernel_size", op_name)
    strides = (
        kernel if stride is None or is_empty(stride) else to_tuple(stride, 2, "stride", op_name)
    )
    if min(kernel) < 1 or min(strides) < 1:
        raise PoolingError(
            f"{op_name}() kernel_size and stride must be positive, but got "
            f"kernel_size={kernel}, stride={strides}"
        )
    pads = [
        same_padding(length, size, step)
        for length, size, step in zip(x.shape[-2:], kernel, strides)
    ]
    widths = [(0, 0)] * (x.ndim - 2) + pads
    planes = math.prod(x.shape[:-2])
    padded = planes * math.prod(length + sum(pad) for length, pad in zip(x.shape[-2:], pads))
    outputs = x.shape[:-2] + tuple(
        -(-length // step) for length, step in zip(x.shape[-2:], strides)
    )
    needed = (3 * padded + 8 * math.prod(outputs)) * 8 * (2 if backward else 1)
    require_memory(
        op_name,
        needed,
        "a padded input of "
        + describe_size(tuple(n + sum(pad) for n, pad in zip(x.shape[-2:], pads)), "H x W"),
        "use a smaller kernel_size",
    )
    return kernel, strides, pads, widths, outputs


def max_pool2d_same(x: np.ndarray, kernel_size, stride=None, return_indices: bool = False):
    """Max pooling with TensorFlow/Keras ``padding='same'`` (see :func:`same_padding`).

    Returns
    -------
    out : ndarray of shape (C, ceil(H / sH), ceil(W / sW)) or with a batch axis
    indices : int64 flat positions in the unpadded input, if ``return_indices``
    """
    op_name = "max_pool2d_same"
    kernel, strides, pads, widths, _ = same_pads(op_name, x, kernel_size, stride)
    return_indices = check_flag(op_name, "return_indices", return_indices)
    work = x.astype(gradient_dtype(x.dtype))
    padded = np.pad(work, widths, constant_values=-np.inf)
    out, indices = max_pool_forward(op_name, 2, padded, kernel, strides, 0, 1, False, True)
    if not return_indices:
        return out
    rows, cols = np.divmod(indices, padded.shape[-1])
    return out, (rows - pads[0][0]) * x.shape[-1] + (cols - pads[1][0])


def max_pool2d_same_backward(grad_output, x, kernel_size, stride=None) -> np.ndarray:
    """Gradient of :func:`max_pool2d_same`."""
    op_name = "max_pool2d_same"
    kernel, strides, pads, widths, outputs = same_pads(op_name, x, kernel_size, stride, True)
    grad_output = check_grad_output(op_name, grad_output, outputs)
    work = x.astype(gradient_dtype(x.dtype))
    padded = np.pad(work, widths, constant_values=-np.inf)
    grad = max_pool_backward(op_name, 2, grad_output, padded, kernel, strides, 0, 1, False, None)
    return crop(grad, pads, x.shape)


def avg_pool2d_same(x: np.ndarray, kernel_size, stride=None) -> np.ndarray:
    """Average pooling with ``padding='same'``, dividing by the real cells only (as TF)."""
    op_name = "avg_pool2d_same"
    kernel, strides, _, widths, _ = same_pads(op_name, x, kernel_size, stride)
    work = x.astype(gradient_dtype(x.dtype))
    sums = avg_pool_forward(op_name, 2, np.pad(work, widths), kernel, strides, 0, False, True, 1)
    ones = np.pad(np.ones_like(work), widths)
    counts = avg_pool_forward(op_name, 2, ones, kernel, strides, 0, False, True, 1)
    return sums / counts


def avg_pool2d_same_backward(grad_output, x, kernel_size, stride=None) -> np.ndarray:
    """Gradient of :func:`avg_pool2d_same`: grad / (real cells) to each real cell."""
    op_name = "avg_pool2d_same"
    kernel, strides, pads, widths, outputs = same_pads(op_name, x, kernel_size, stride, True)
    grad_output = check_grad_output(op_name, grad_output, outputs)
    work = x.astype(gradient_dtype(x.dtype))
    ones = np.pad(np.ones_like(work), widths)
    counts = avg_pool_forward(op_name, 2, ones, kernel, strides, 0, False, True, 1)
    grad = avg_pool_backward(
        op_name, 2, grad_output / counts, ones, kernel, strides, 0, False, True, 1
    )
    return crop(grad, pads, x.shape)


def crop(array: np.ndarray, pads, shape) -> np.ndarray:
    """The part of a padded array that covers the unpadded input."""
    (top, _), (left, _) = pads
    return array[..., top : top + shape[-2], left : left + shape[-1]]
