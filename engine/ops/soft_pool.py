"""SoftPool (Stergiou, Poppe and Kalliatakis 2021, "Refining activation downsampling with
SoftPool"): each window's softmax-weighted sum."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.ops.gather import GatheredPool, WindowBlock, gather_pool
from engine.ops.windows import IntOrTuple


@dataclass(frozen=True)
class SoftmaxParts:
    """One block's SoftPool ingredients (:func:`softmax_parts`).

    Attributes
    ----------
    weights : ndarray of the block's cell shape (N, C, R, W_out, K)
        Unnormalised weights ``exp(x_i - max)``; 0 for padding and -inf cells.
    values : ndarray of the same shape
        The values they weigh; 0 for padding and -inf cells.
    top : ndarray of shape (N, C, R, W_out, 1)
        The window maxima.
    special : ndarray of shape (N, C, R, W_out), bool
        True where the window holds NaN or +inf or only -inf: its output is then NaN, +inf or
        -inf, and it passes no gradient.
    """

    weights: np.ndarray
    values: np.ndarray
    top: np.ndarray
    special: np.ndarray


def softmax_parts(block: WindowBlock) -> SoftmaxParts:
    """Unnormalised weights ``exp(x_i - max)``, the values they weigh, the window maxima and
    the windows with no finite answer, for one block (padding and -inf cells get weight 0 and
    value 0)."""
    cells = block.cells
    top = cells.max(axis=-1, keepdims=True)  # padding is -inf, so it never raises a maximum
    special = ~np.isfinite(top[..., 0])
    ignored = np.equal(cells, -np.inf)
    ignored |= ~block.real
    # In place, to stay within a few copies of the block: weights, then the weighed values.
    with np.errstate(invalid="ignore"):
        weights = np.subtract(cells, top)
    np.exp(weights, out=weights)
    np.copyto(weights, 0, where=ignored)
    np.copyto(cells, 0, where=ignored)
    return SoftmaxParts(weights, cells, top, special)


def soft_block(block: WindowBlock) -> np.ndarray:
    """SoftPool of one block of windows: (N, C, R, W_out)."""
    parts = softmax_parts(block)
    with np.errstate(invalid="ignore"):
        weighted = np.einsum("...k,...k->...", parts.weights, parts.values)
        result = weighted / parts.weights.sum(axis=-1)
    result[parts.special] = parts.top[..., 0][parts.special]  # NaN, +inf or -inf: the limit
    return result


def soft_block_backward(gathered: GatheredPool, gradient: np.ndarray, block: WindowBlock) -> None:
    """Add the gradient of one block of windows into ``gradient`` (N * C, H * W)."""
    parts = softmax_parts(block)
    weights = parts.weights
    with np.errstate(invalid="ignore", divide="ignore"):
        weights /= weights.sum(axis=-1, keepdims=True)
    out = np.sum(weights * parts.values, axis=-1, keepdims=True)
    # local = weights * (1 + values - out), in place in the values' buffer.
    local = parts.values
    local += 1
    local -= out
    local *= weights
    local[parts.special] = 0
    local *= gathered.grad[:, :, block.rows, :, None]
    gathered.scatter(gradient, block, local)


def soft_pool2d(
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    ceil_mode: bool = False,
) -> np.ndarray:
    """SoftPool: ``sum(exp(x_i) x_i) / sum(exp(x_i))`` over each window.

    Between average (all weights equal) and max (the largest dominates); computed stably by
    subtracting each window's maximum first. Padding cells have no weight. The limits hold
    for infinite values: a window with +inf gives +inf, -inf cells have no weight (a window
    of only -inf gives -inf), and a window with NaN gives NaN. Windows are gathered a block
    of output rows at a time, so memory stays within a few times the input for any kernel.

    Returns
    -------
    ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out), float
    """
    gathered = gather_pool("soft_pool2d", x, kernel_size, stride, padding, ceil_mode)
    planar, geometry = gathered.prepared.planar, gathered.prepared.geometry
    out = np.empty(planar.shape[:2] + geometry.output_size, dtype=gathered.padded.dtype)
    for rows in gathered.row_blocks():
        out[:, :, rows] = soft_block(gathered.block(rows))
    return gathered.prepared.finish(out)


def soft_pool2d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    ceil_mode: bool = False,
) -> np.ndarray:
    """Gradient of :func:`soft_pool2d`: ``d out / d x_i = w_i (1 + x_i - out)``, accumulated
    over overlapping windows; padding and -inf cells, and windows with NaN, +inf or only
    -inf, pass no gradient."""
    gathered = gather_pool(
        "soft_pool2d", x, kernel_size, stride, padding, ceil_mode, grad_output, True
    )
    gradient = gathered.new_gradient()
    for rows in gathered.row_blocks():
        soft_block_backward(gathered, gradient, gathered.block(rows))
    return gradient.reshape(x.shape)
