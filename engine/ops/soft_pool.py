"""SoftPool (Stergiou, Poppe and Kalliatakis 2021, "Refining activation downsampling with
SoftPool"): each window's softmax-weighted sum."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.ops.gather import WindowBlock
from engine.ops.offsets import OffsetBlock, offset_pool
from engine.ops.separable import separable_max
from engine.ops.windows import IntOrTuple


@dataclass(frozen=True)
class SoftmaxSums:
    """One block's SoftPool sums (:func:`softmax_sums`).

    Attributes
    ----------
    top : ndarray of the block's output shape (P, 1, R, W_out)
        The window maxima, which every weight ``exp(x_i - top)`` is taken against.
    weights : ndarray of the same shape
        ``sum(exp(x_i - top))``: at least 1 where the maximum is finite.
    out : ndarray of the same shape
        ``sum(exp(x_i - top) * x_i) / weights``, or the maximum itself (NaN, +inf or -inf)
        where it is not finite.
    special : ndarray of the same shape, bool
        Where the maximum is not finite (the window holds NaN or +inf or only -inf): such a
        window passes no gradient.
    values : ndarray of the block buffer's shape
        The block's cells with -inf (padding and -inf cells, which have no weight) as 0, so
        that a weight of 0 times a value is 0.
    """

    top: np.ndarray
    weights: np.ndarray
    out: np.ndarray
    special: np.ndarray
    values: np.ndarray


def softmax_sums(block: OffsetBlock) -> SoftmaxSums:
    """The window maxima, weight sums and SoftPool outputs of one block, one kernel offset at
    a time (the cells of every window at that offset are a strided view)."""
    top, _ = separable_max(block.buffer, block.axis_slices, with_codes=False)
    values = np.copy(block.buffer)
    np.copyto(values, 0, where=np.isneginf(block.buffer))
    weights = np.zeros(top.shape, dtype=top.dtype)
    weighted = np.zeros(top.shape, dtype=top.dtype)
    scratch = np.empty(top.shape, dtype=top.dtype)
    with np.errstate(invalid="ignore", over="ignore"):
        for offset, index in enumerate(block.offsets):
            np.subtract(block.cells(offset), top, out=scratch)
            np.exp(scratch, out=scratch)
            weights += scratch
            scratch *= values[index]
            weighted += scratch
        weighted /= weights
    special = ~np.isfinite(top)
    if special.any():
        np.copyto(weighted, top, where=special)  # NaN, +inf or -inf: the limit
    return SoftmaxSums(top, weights, weighted, special, values)


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
    of only -inf gives -inf), and a window with NaN gives NaN. The sums run over the kernel
    offsets a block of output rows at a time (:mod:`engine.ops.offsets`), so memory stays
    within a few times the input for any kernel.

    Parameters
    ----------
    x : ndarray of shape (C, H, W) or (N, C, H, W)
    kernel_size, stride, padding : int or (int, int)
        ``stride=None`` means ``kernel_size``; padding at most half the kernel.
    ceil_mode : bool

    Returns
    -------
    ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out), float64 for float64 input
    else float32
    """
    pool = offset_pool("soft_pool2d", x, kernel_size, stride, padding, ceil_mode, arrays=4)
    out = np.empty(pool.output_shape, dtype=pool.work.dtype)
    for block in pool.blocks():
        out[block.planes, :, block.rows] = softmax_sums(block).out
    return pool.finish(out)


def soft_pool2d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    ceil_mode: bool = False,
) -> np.ndarray:
    """Gradient of :func:`soft_pool2d`: ``d out / d x_i = w_i (1 + x_i - out)`` with
    ``w_i = exp(x_i - top) / sum(exp(x_j - top))``, accumulated over overlapping windows;
    padding and -inf cells, and windows with NaN, +inf or only -inf, pass no gradient.

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
    """
    pool = offset_pool(
        "soft_pool2d", x, kernel_size, stride, padding, ceil_mode, grad_output, True, arrays=6
    )
    gradient = pool.new_gradient()
    for block in pool.blocks():
        sums = softmax_sums(block)
        scale = np.divide(pool.grad[block.planes, :, block.rows], sums.weights)
        shifted = np.subtract(1, sums.out)  # 1 - out, to which each cell's value is added
        special = sums.special if sums.special.any() else None
        local = np.empty(scale.shape, dtype=scale.dtype)
        factor = np.empty(scale.shape, dtype=scale.dtype)
        with np.errstate(invalid="ignore", over="ignore"):
            for offset, index in enumerate(block.offsets):
                np.subtract(block.cells(offset), sums.top, out=local)
                np.exp(local, out=local)
                local *= scale
                local *= np.add(sums.values[index], shifted, out=factor)
                if special is not None:
                    np.copyto(local, 0, where=special)
                gradient[block.gradient_offsets[offset]] += local
    return pool.finish_gradient(gradient).reshape(x.shape)


@dataclass(frozen=True)
class SoftmaxParts:
    """SoftPool's ingredients for gathered windows (:func:`softmax_parts`).

    Attributes
    ----------
    weights : ndarray of the gathered cells' shape (..., K)
        Unnormalised weights ``exp(x_i - max)``; 0 for padding and -inf cells.
    values : ndarray of the same shape
        The values they weigh; 0 for padding and -inf cells.
    top : ndarray of shape (..., 1)
        The window maxima.
    special : ndarray of shape (...), bool
        True where the window holds NaN or +inf or only -inf: its output is then NaN, +inf or
        -inf, and it passes no gradient.
    """

    weights: np.ndarray
    values: np.ndarray
    top: np.ndarray
    special: np.ndarray


def softmax_parts(block: WindowBlock) -> SoftmaxParts:
    """Unnormalised weights ``exp(x_i - max)``, the values they weigh, the window maxima and
    the windows with no finite answer, for windows gathered side by side (padding and -inf
    cells get weight 0 and value 0): each cell's share of its window, as a window's details
    show it. (The pools themselves sum offset by offset, :func:`softmax_sums`.)"""
    cells = block.cells
    top = cells.max(axis=-1, keepdims=True)  # padding is -inf, so it never raises a maximum
    special = ~np.isfinite(top[..., 0])
    ignored = np.equal(cells, -np.inf)
    ignored |= ~block.real
    with np.errstate(invalid="ignore"):
        weights = np.subtract(cells, top)
    np.exp(weights, out=weights)
    np.copyto(weights, 0, where=ignored)
    np.copyto(cells, 0, where=ignored)
    return SoftmaxParts(weights, cells, top, special)
