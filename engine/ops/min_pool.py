"""Min pooling: the smallest value of each window, a max pool of the order-reversed input."""

from __future__ import annotations

import numpy as np

from engine.errors import PoolingError
from engine.ops.maxpool import max_pool_backward, max_pool_forward
from engine.ops.windows import IntOrTuple


def order_reversed(op_name: str, x: np.ndarray) -> np.ndarray:
    """``x`` under a map that reverses the order and is its own inverse, exact in ``x``'s
    dtype: ``-x`` for floats, ``~x`` for integers (``~x = -x - 1`` for signed and
    ``max - x`` for unsigned ones, neither of which overflows), ``not x`` for bools."""
    if not isinstance(x, np.ndarray):
        raise PoolingError(
            "{op_name}() expects a NumPy array, but got {type_name}",
            op_name=op_name,
            type_name=type(x).__name__,
        )
    if x.dtype.kind == "f":
        return np.negative(x)
    if x.dtype.kind in "iu":
        return np.invert(x)
    if x.dtype.kind == "b":
        return np.logical_not(x)
    return x  # not numeric: the max pool refuses it with the usual message


def min_pool2d(
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    dilation: IntOrTuple = 1,
    ceil_mode: bool = False,
    return_indices: bool = False,
):
    """Min pooling: the smallest value of each window, a max pool of the order-reversed input.

    Padding is +inf (never the minimum); ties go to the first minimum in row-major order; a NaN
    makes the output NaN; the output keeps ``x``'s dtype and integers stay exact at any size.
    A window whose cells all fall in the padding gives +inf (the dtype's maximum for integers,
    True for bools) and index -1. Shapes and arguments as :func:`engine.functional.max_pool2d`.
    Used in practice on inverted feature maps (dark features on light backgrounds).
    """
    result = max_pool_forward(
        "min_pool2d",
        2,
        order_reversed("min_pool2d", x),
        kernel_size,
        stride,
        padding,
        dilation,
        ceil_mode,
        return_indices,
    )
    if isinstance(result, tuple):
        values, indices = result
        return order_reversed("min_pool2d", values), indices
    return order_reversed("min_pool2d", result)


def min_pool2d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    dilation: IntOrTuple = 1,
    ceil_mode: bool = False,
    indices: np.ndarray | None = None,
) -> np.ndarray:
    """Gradient of :func:`min_pool2d`: each output gradient goes to its arg-min."""
    return max_pool_backward(
        "min_pool2d",
        2,
        grad_output,
        order_reversed("min_pool2d", x),
        kernel_size,
        stride,
        padding,
        dilation,
        ceil_mode,
        indices,
    )
