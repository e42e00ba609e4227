"""Anti-aliased max pooling, BlurPool (Zhang 2019, "Making convolutional networks
shift-invariant again").

``blur_max_pool2d`` = max pooling with stride 1, then a binomial low-pass filter applied with
the stride. Subsampling only after blurring removes the aliasing that makes plain max pooling
jump when the input moves by one pixel.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from engine.errors import PoolingError
from engine.ops.layout import LARGE_INPUT_ADVICE, check_grad_output, gradient_dtype, prepare_pool
from engine.ops.maxpool import max_pool_backward, max_pool_forward, max_pool_memory
from engine.ops.memory import require_memory
from engine.ops.windows import IntOrTuple, check_int, to_tuple

OP_NAME = "blur_max_pool2d"


def binomial_filter(size: int) -> np.ndarray:
    """Normalised binomial filter: 2 -> [1, 1]/2, 3 -> [1, 2, 1]/4 ... 5 -> [1, 4, 6, 4, 1]/16."""
    size = check_int(OP_NAME, "blur_size", size)
    if not 2 <= size <= 5:
        raise PoolingError(
            "{op_name}() blur_size must be 2 to 5, but got {value}", op_name=OP_NAME, value=size
        )
    coefficients = np.array([1.0])
    for _ in range(size - 1):
        coefficients = np.convolve(coefficients, [1.0, 1.0])
    return coefficients / coefficients.sum()


def reflect_indices(length: int, before: int, after: int) -> np.ndarray:
    """Source index of each position of a reflect-padded axis (edge not repeated, as PyTorch's
    ReflectionPad2d: ``[2, 1, | 0, 1, 2, ... ]``)."""
    positions = np.arange(-before, length + after)
    if length == 1:
        return np.zeros_like(positions)
    period = 2 * (length - 1)
    folded = np.mod(positions, period)
    return np.where(folded < length, folded, period - folded)


def blur_axis(values: np.ndarray, taps: np.ndarray, stride: int, axis: int) -> np.ndarray:
    """Reflect-pad ``axis`` by the filter's half sizes, filter and subsample by ``stride``."""
    length = values.shape[axis]
    before, after = (len(taps) - 1) // 2, len(taps) // 2
    padded = np.take(values, reflect_indices(length, before, after), axis=axis)
    count = (length - 1) // stride + 1
    out = None
    for offset, weight in enumerate(taps):
        index = [slice(None)] * values.ndim
        index[axis] = slice(offset, offset + (count - 1) * stride + 1, stride)
        term = weight * padded[tuple(index)]
        out = term if out is None else out + term
    return out


def blur_axis_backward(
    grad: np.ndarray, length: int, taps: np.ndarray, stride: int, axis: int
) -> np.ndarray:
    """Adjoint of :func:`blur_axis`: spread the gradient back through filter and padding.

    The reflect padding maps the inner cells to themselves, so the spread's inner part is
    the result and only the few padding cells (half the filter on each side) are folded back
    onto the cells they reflect.
    """
    before, after = (len(taps) - 1) // 2, len(taps) // 2
    source = reflect_indices(length, before, after)
    shape = list(grad.shape)
    shape[axis] = len(source)
    padded = np.zeros(shape, dtype=grad.dtype)
    weighted = np.empty(grad.shape, dtype=grad.dtype)
    count = grad.shape[axis]
    for offset, weight in enumerate(taps):
        index = [slice(None)] * grad.ndim
        index[axis] = slice(offset, offset + (count - 1) * stride + 1, stride)
        padded[tuple(index)] += np.multiply(grad, weight, out=weighted)

    def along(index) -> tuple:
        return (slice(None),) * (axis % grad.ndim) + (index,)

    result = padded[along(slice(before, before + length))].copy()
    for position in [*range(before), *range(before + length, len(source))]:
        # A reflected cell sends its gradient home.
        result[along(slice(source[position], source[position] + 1))] += padded[
            along(slice(position, position + 1))
        ]
    return result


@dataclass(frozen=True)
class BlurCall:
    """A checked blur pool call (:func:`check_blur`).

    Attributes
    ----------
    kernel, strides : (int, int)
    taps : ndarray of shape (blur_size,), float64
        The normalised binomial filter.
    dense_shape : tuple of int
        The stride-1 max pool's output shape as the caller sees it, ``(N.., H_d, W_d)``.
    """

    kernel: tuple[int, int]
    strides: tuple[int, int]
    taps: np.ndarray
    dense_shape: tuple[int, ...]


def check_blur(x, kernel_size, stride, blur_size) -> BlurCall:
    """Check a blur pool call.

    The dense (stride-1) max pool is checked as any max pool is; its output and the two
    blurred copies must fit the memory budget.
    """
    prepared = prepare_pool(OP_NAME, x, 2, kernel_size, 1, 0, 1, False)
    strides = to_tuple(stride, 2, "stride", OP_NAME)
    if min(strides) < 1:
        raise PoolingError(
            "{op_name}() stride must be at least 1, but got {value}",
            op_name=OP_NAME,
            value=strides,
        )
    taps = binomial_filter(blur_size)
    dense_cells = math.prod(prepared.output_shape)
    needed = max_pool_memory(prepared, backward=True) + 4 * dense_cells * 8
    require_memory(OP_NAME, needed, prepared.output_text(), LARGE_INPUT_ADVICE)
    return BlurCall(prepared.geometry.kernel_size, strides, taps, prepared.caller_output_shape)


def blur_max_pool2d(
    x: np.ndarray, kernel_size: IntOrTuple = 2, stride: IntOrTuple = 2, blur_size: int = 3
) -> np.ndarray:
    """Anti-aliased max pooling (MaxBlurPool).

    ``max_pool2d(x, kernel_size, stride=1)``, then a separable binomial filter of
    ``blur_size`` taps (2..5), reflect-padded as Zhang's reference implementation, evaluated
    every ``stride`` cells.

    Parameters
    ----------
    x : ndarray of shape (C, H, W) or (N, C, H, W)

    Returns
    -------
    ndarray of shape (C, H2, W2) or (N, C, H2, W2), float
        ``H2 = ceil((H - kH + 1) / sH)``, likewise ``W2``.
    """
    call = check_blur(x, kernel_size, stride, blur_size)
    dense = max_pool_forward(OP_NAME, 2, x, call.kernel, 1, 0, 1, False, False)
    dense = dense.astype(gradient_dtype(x.dtype), copy=False)
    rows = blur_axis(dense, call.taps, call.strides[0], -2)
    return blur_axis(rows, call.taps, call.strides[1], -1)


def blur_max_pool2d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    kernel_size: IntOrTuple = 2,
    stride: IntOrTuple = 2,
    blur_size: int = 3,
) -> np.ndarray:
    """Gradient of :func:`blur_max_pool2d`: back through the blur, then through the stride-1
    max pool (each cell's gradient to its window's arg-max)."""
    call = check_blur(x, kernel_size, stride, blur_size)
    dense_shape, taps, strides = call.dense_shape, call.taps, call.strides
    expected = dense_shape[:-2] + tuple(
        (length - 1) // step + 1 for length, step in zip(dense_shape[-2:], strides)
    )
    grad = check_grad_output(OP_NAME, grad_output, expected)
    grad = grad.astype(gradient_dtype(x.dtype))
    rows_back = blur_axis_backward(grad, dense_shape[-1], taps, strides[1], -1)
    dense_grad = blur_axis_backward(rows_back, dense_shape[-2], taps, strides[0], -2)
    return max_pool_backward(OP_NAME, 2, dense_grad, x, call.kernel, 1, 0, 1, False, None)


def blur_spans(
    length: int, kernel_size: int, stride: int, blur_size: int
) -> tuple[np.ndarray, np.ndarray]:
    """Along one axis of ``length`` input cells, the input cells each output of
    :func:`blur_max_pool2d` depends on: its blur taps (reflected at the edges, so clipped
    here) over stride-1 max windows of ``kernel_size``.

    Returns
    -------
    starts, ends : ndarray of shape (ceil((length - kernel_size + 1) / stride),), int64
        Output ``o`` depends on input cells ``starts[o] .. ends[o] - 1``.
    """
    dense = length - kernel_size + 1
    count = (dense - 1) // stride + 1
    first = np.arange(count, dtype=np.int64) * stride - (blur_size - 1) // 2
    starts = np.clip(first, 0, dense - 1)
    ends = np.clip(first + blur_size - 1, 0, dense - 1) + kernel_size
    return starts, ends
