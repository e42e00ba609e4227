"""Global pooling (Lin, Chen and Yan 2014, "Network in Network"): one value per channel."""

from __future__ import annotations

import numpy as np

from engine.ops.adaptive_avg import adaptive_avg_backward, adaptive_avg_forward
from engine.ops.adaptive_max import adaptive_max_backward, adaptive_max_forward


def global_max_pool2d(x: np.ndarray, return_indices: bool = False):
    """Global max pooling: each channel's maximum, output (C, 1, 1) or (N, C, 1, 1);
    ``adaptive_max_pool2d(x, 1)``."""
    return adaptive_max_forward("global_max_pool2d", 2, x, 1, return_indices)


def global_max_pool2d_backward(grad_output, x, indices=None) -> np.ndarray:
    """Gradient of :func:`global_max_pool2d`: all of it to each channel's arg-max."""
    return adaptive_max_backward("global_max_pool2d", 2, grad_output, x, 1, indices)


def global_avg_pool2d(x: np.ndarray) -> np.ndarray:
    """Global average pooling: the mean of each channel, output (C, 1, 1) or (N, C, 1, 1);
    ``adaptive_avg_pool2d(x, 1)``."""
    return adaptive_avg_forward("global_avg_pool2d", 2, x, 1)


def global_avg_pool2d_backward(grad_output, x) -> np.ndarray:
    """Gradient of :func:`global_avg_pool2d`: spread evenly over each channel."""
    return adaptive_avg_backward("global_avg_pool2d", 2, grad_output, x, 1)
