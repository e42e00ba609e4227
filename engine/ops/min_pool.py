"""Min pooling: the smallest value of each window, ``-max_pool2d(-x)``."""

from __future__ import annotations

import numpy as np

from engine.errors import PoolingError
from engine.ops.maxpool import max_pool2d, max_pool2d_backward, working_dtype
from engine.ops.windows import IntOrTuple


def negated(op_name: str, x: np.ndarray) -> np.ndarray:
    """``-x`` in a dtype where the negation is exact and -inf padding is available."""
    if not isinstance(x, np.ndarray):
        raise PoolingError(f"{op_name}() expects a NumPy array, but got {type(x).__name__}")
    return -x.astype(working_dtype(x.dtype), copy=False)


def min_pool2d(
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    dilation: IntOrTuple = 1,
    ceil_mode: bool = False,
    return_indices: bool = False,
):
    """Min pooling: the smallest value of each window, ``-max_pool2d(-x)``.

    Padding is +inf (never the minimum); ties go to the first minimum in row-major order; the
    output keeps ``x``'s dtype. Shapes and arguments as :func:`engine.functional.max_pool2d`.
    Used in practice on inverted feature maps (dark features on light backgrounds).
    """
    result = max_pool2d(
        negated("min_pool2d", x), kernel_size, stride, padding, dilation, ceil_mode, return_indices
    )
    if return_indices:
        values, indices = result
        return (-values).astype(x.dtype, copy=False), indices
    return (-result).astype(x.dtype, copy=False)


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
    return max_pool2d_backward(
        grad_output,
        negated("min_pool2d_backward", x),
        kernel_size,
        stride,
        padding,
        dilation,
        ceil_mode,
        indices,
    )
