"""Mixed pooling (Yu, Wang, Chen and Wei 2014, "Mixed pooling for convolutional neural
networks"): ``mix * max + (1 - mix) * average`` over the same windows."""

from __future__ import annotations

import numpy as np

from engine.errors import PoolingError
from engine.ops.avgpool import avg_pool2d, avg_pool2d_backward
from engine.ops.layout import gradient_dtype
from engine.ops.maxpool import max_pool2d, max_pool2d_backward
from engine.ops.windows import IntOrTuple


def check_mix(mix) -> float:
    if not 0.0 <= float(mix) <= 1.0:
        raise PoolingError(f"mixed_pool2d() mix must lie in [0, 1], but got {mix!r}")
    return float(mix)


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
    maximum = max_pool2d(x, kernel_size, stride, padding).astype(gradient_dtype(x.dtype))
    average = avg_pool2d(x, kernel_size, stride, padding)
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
    average gradient."""
    mix = check_mix(mix)
    grad = np.asarray(grad_output)
    return mix * max_pool2d_backward(grad, x, kernel_size, stride, padding) + (
        1 - mix
    ) * avg_pool2d_backward(grad, x, kernel_size, stride, padding)
