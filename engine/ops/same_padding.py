"""TensorFlow/Keras ``padding="same"`` pooling: ``ceil(L / s)`` outputs, the odd extra padding
cell at the bottom/right, and averages over the real cells only."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from engine.errors import PoolingError
from engine.ops.avgpool import avg_pool_backward, avg_pool_forward
from engine.ops.layout import check_grad_output, gradient_dtype
from engine.ops.maxpool import lowest_value, max_pool_backward, max_pool_forward
from engine.ops.memory import describe_size, require_memory
from engine.ops.windows import average_divisor, check_flag, check_input, is_empty, to_tuple
from engine.text import Text


def same_padding(input_size: int, kernel_size: int, stride: int) -> tuple[int, int]:
    """TensorFlow's "same" padding along one axis: (before, after).

    The output has ``ceil(L / s)`` cells; the total padding is
    ``max((ceil(L / s) - 1) * s + k - L, 0)``, split with the extra cell at the end (bottom or
    right). PyTorch's ``padding=p`` instead adds ``p`` on both sides.
    """
    output = math.ceil(input_size / stride)
    total = max((output - 1) * stride + kernel_size - input_size, 0)
    return total // 2, total - total // 2


@dataclass(frozen=True)
class SamePool:
    """A checked "same" pool call.

    Attributes
    ----------
    kernel, strides : (int, int)
    pads : ((int, int), (int, int))
        ``(before, after)`` padding of the height and of the width (:func:`same_padding`).
    widths : list of (int, int)
        The ``np.pad`` widths of the whole array (nothing on the leading axes).
    output_shape : tuple of int
        The output's shape, ``(..., ceil(H / sH), ceil(W / sW))``.
    """

    kernel: tuple[int, int]
    strides: tuple[int, int]
    pads: tuple[tuple[int, int], tuple[int, int]]
    widths: list[tuple[int, int]]
    output_shape: tuple[int, ...]

    def divisor(self, input_size: tuple[int, int]) -> np.ndarray:
        """The real cells of every window (TensorFlow's average divides by them), from
        :func:`~engine.ops.windows.average_divisor`: (H_out, W_out), float64."""
        starts = [
            np.arange(count, dtype=np.int64) * step - before
            for count, step, (before, _) in zip(self.output_shape[-2:], self.strides, self.pads)
        ]
        return average_divisor(starts, self.kernel, (1, 1), input_size, self.pads, False)


def same_pads(op_name: str, x, kernel_size, stride, backward: bool = False) -> SamePool:
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
            "{op_name}() kernel_size and stride must be positive, but got "
            "kernel_size={kernel}, stride={stride}",
            op_name=op_name,
            kernel=kernel,
            stride=strides,
        )
    pads = tuple(
        same_padding(length, size, step)
        for length, size, step in zip(x.shape[-2:], kernel, strides)
    )
    widths = [(0, 0)] * (x.ndim - 2) + list(pads)
    planes = math.prod(x.shape[:-2])
    padded_size = tuple(
        length + before + after for length, (before, after) in zip(x.shape[-2:], pads)
    )
    outputs = x.shape[:-2] + tuple(
        -(-length // step) for length, step in zip(x.shape[-2:], strides)
    )
    needed = (3 * planes * math.prod(padded_size) + 8 * math.prod(outputs)) * 8
    require_memory(
        op_name,
        needed * (2 if backward else 1),
        Text("a padded input of {size}", size=describe_size(padded_size, "H x W")),
        Text("use a smaller kernel_size"),
    )
    return SamePool(kernel, strides, pads, widths, outputs)


def max_pool2d_same(x: np.ndarray, kernel_size, stride=None, return_indices: bool = False):
    """Max pooling with TensorFlow/Keras ``padding='same'`` (see :func:`same_padding`).

    Padding is -inf for floats and the dtype's minimum for integers, which are pooled as
    themselves (exact at any size, as every max pool here).

    Returns
    -------
    out : ndarray of shape (C, ceil(H / sH), ceil(W / sW)) or with a batch axis
        The dtype of ``x``.
    indices : int64 flat positions in the unpadded input, if ``return_indices``
    """
    op_name = "max_pool2d_same"
    call = same_pads(op_name, x, kernel_size, stride)
    return_indices = check_flag(op_name, "return_indices", return_indices)
    padded = np.pad(x, call.widths, constant_values=lowest_value(x.dtype))
    out, indices = max_pool_forward(
        op_name, 2, padded, call.kernel, call.strides, 0, 1, False, True
    )
    if not return_indices:
        return out
    rows, cols = np.divmod(indices, padded.shape[-1])
    (top, _), (left, _) = call.pads
    return out, (rows - top) * x.shape[-1] + (cols - left)


def max_pool2d_same_backward(grad_output, x, kernel_size, stride=None) -> np.ndarray:
    """Gradient of :func:`max_pool2d_same` (each window's gradient to its first maximum,
    compared in ``x``'s own dtype)."""
    op_name = "max_pool2d_same"
    call = same_pads(op_name, x, kernel_size, stride, True)
    grad_output = check_grad_output(op_name, grad_output, call.output_shape)
    padded = np.pad(x, call.widths, constant_values=lowest_value(x.dtype))
    grad = max_pool_backward(
        op_name, 2, grad_output, padded, call.kernel, call.strides, 0, 1, False, None
    )
    return crop(grad, call.pads, x.shape)


def avg_pool2d_same(x: np.ndarray, kernel_size, stride=None) -> np.ndarray:
    """Average pooling with ``padding='same'``, dividing by the real cells only (as TF)."""
    op_name = "avg_pool2d_same"
    call = same_pads(op_name, x, kernel_size, stride)
    work = x.astype(gradient_dtype(x.dtype))
    sums = avg_pool_forward(
        op_name, 2, np.pad(work, call.widths), call.kernel, call.strides, 0, False, True, 1
    )
    return sums / call.divisor(x.shape[-2:]).astype(sums.dtype)


def avg_pool2d_same_backward(grad_output, x, kernel_size, stride=None) -> np.ndarray:
    """Gradient of :func:`avg_pool2d_same`: grad / (real cells) to each real cell."""
    op_name = "avg_pool2d_same"
    call = same_pads(op_name, x, kernel_size, stride, True)
    grad_output = check_grad_output(op_name, grad_output, call.output_shape)
    work = x.astype(gradient_dtype(x.dtype))
    padded = np.pad(work, call.widths)
    scaled = grad_output / call.divisor(x.shape[-2:]).astype(work.dtype)
    grad = avg_pool_backward(
        op_name, 2, scaled, padded, call.kernel, call.strides, 0, False, True, 1
    )
    return crop(grad, call.pads, x.shape)


def crop(array: np.ndarray, pads, shape) -> np.ndarray:
    """The part of a padded array that covers the unpadded input."""
    (top, _), (left, _) = pads
    return array[..., top : top + shape[-2], left : left + shape[-1]]
