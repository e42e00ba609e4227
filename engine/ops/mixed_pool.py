"""Mixed pooling (Yu, Wang, Chen and Wei 2014, "Mixed pooling for convolutional neural
networks"): ``mix * max + (1 - mix) * average`` over the same windows."""

from __future__ import annotations

import math

import numpy as np

from engine.errors import PoolingError
from engine.ops.avgpool import avg_pool_backward, avg_pool_forward
from engine.ops.layout import as_array, check_grad_output, gradient_dtype
from engine.ops.maxpool import max_pool_forward
from engine.ops.scatter import scatter_add_into
from engine.ops.windows import IntOrTuple, check_real

OP_NAME = "mixed_pool2d"


def check_mix(mix) -> float:
    mix = check_real(OP_NAME, "mix", mix)
    if not 0.0 <= mix <= 1.0:
        raise PoolingError(
            "{op_name}() mix must lie in [0, 1], but got {value}", op_name=OP_NAME, value=repr(mix)
        )
    return mix


def mixed_pool2d(
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    mix: float = 0.5,
) -> np.ndarray:
    """Mixed pooling: ``mix * max_pool2d + (1 - mix) * avg_pool2d`` over the same windows.

    The average is PyTorch's default (padding zeros counted in the divisor), so ``mix=0``
    equals :func:`engine.functional.avg_pool2d` and ``mix=1`` equals ``max_pool2d`` exactly.
    The paper picks mix per layer at random during training; here it is a fixed slider.

    Returns
    -------
    ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out), float
    """
    mix = check_mix(mix)
    average = avg_pool_forward(OP_NAME, 2, x, kernel_size, stride, padding, False, True, None)
    maximum = max_pool_forward(OP_NAME, 2, x, kernel_size, stride, padding, 1, False, False)
    maximum = maximum.astype(gradient_dtype(x.dtype), copy=False)
    if mix == 1.0:
        return maximum
    if mix == 0.0:
        return average
    return mix * maximum + (1 - mix) * average


def mixed_pool2d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    mix: float = 0.5,
) -> np.ndarray:
    """Gradient of :func:`mixed_pool2d`: ``mix`` of the max gradient plus ``1 - mix`` of the
    average gradient (the average's share spread over each window, the maximum's added at its
    arg-max; overlapping windows accumulate).

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
    """
    mix = check_mix(mix)
    grad = as_array(OP_NAME, "grad_output", grad_output)
    _, arg_max = max_pool_forward(OP_NAME, 2, x, kernel_size, stride, padding, 1, False, True)
    grad = check_grad_output(OP_NAME, grad, arg_max.shape).astype(gradient_dtype(x.dtype))
    # The average's share spread over each window, then the maximum's added at its arg-max.
    gradient = np.ascontiguousarray(
        avg_pool_backward(
            OP_NAME, 2, grad * (1 - mix), x, kernel_size, stride, padding, False, True, None
        )
    )
    planes = math.prod(gradient.shape[:-2])
    scatter_add_into(
        gradient.reshape(planes, -1),
        (grad * mix).reshape(planes, -1),
        arg_max.reshape(planes, -1),
        missing=False,
    )
    return gradient
