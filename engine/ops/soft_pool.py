"""SoftPool (Stergiou, Poppe and Kalliatakis 2021, "Refining activation downsampling with
SoftPool"): each window's softmax-weighted sum."""

from __future__ import annotations

import numpy as np

from engine.ops.layout import gather_pool, scatter_windows
from engine.ops.windows import IntOrTuple


def soft_pool2d(
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    ceil_mode: bool = False,
) -> np.ndarray:
    """SoftPool: ``sum(exp(x_i) x_i) / sum(exp(x_i))`` over each window.

    Between average (all weights equal) and max (the largest dominates); computed stably by
    subtracting each window's maximum first. Padding cells have no weight.

    Returns
    -------
    ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out), float
    """
    gathered = gather_pool("soft_pool2d", x, kernel_size, stride, padding, ceil_mode)
    cells = gathered.cells
    padding_cells = ~np.isfinite(cells)
    # In place, to stay within a few copies of the input: weights, then the weighted mean.
    weights = cells - cells.max(axis=-1, keepdims=True)
    np.exp(weights, out=weights)
    weights[padding_cells] = 0
    cells[padding_cells] = 0
    out = np.einsum("...k,...k->...", weights, cells) / weights.sum(axis=-1)
    return gathered.prepared.finish(out)


def softmax_weights(cells: np.ndarray) -> np.ndarray:
    """Softmax over the last axis; -inf cells (padding) get weight 0."""
    with np.errstate(invalid="ignore"):
        shifted = cells - cells.max(axis=-1, keepdims=True)
    weights = np.exp(np.where(np.isfinite(cells), shifted, -np.inf))
    return weights / weights.sum(axis=-1, keepdims=True)


def soft_pool2d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    ceil_mode: bool = False,
) -> np.ndarray:
    """Gradient of :func:`soft_pool2d`: ``d out / d x_i = w_i (1 + x_i - out)``, accumulated
    over overlapping windows."""
    gathered = gather_pool("soft_pool2d", x, kernel_size, stride, padding, ceil_mode, grad_output)
    cells, prepared = gathered.cells, gathered.prepared
    weights = softmax_weights(cells)
    values = np.where(np.isfinite(cells), cells, 0)
    out = np.sum(weights * values, axis=-1, keepdims=True)
    local = weights * (1 + values - out)
    grad_input = scatter_windows(local * gathered.grad, prepared.geometry, prepared.planar.shape)
    return grad_input.reshape(x.shape)
