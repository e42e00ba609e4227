"""Pooling types beyond PyTorch's built-ins: min, global, mixed, SoftPool and stochastic.

All take (C, H, W) or (N, C, H, W) inputs, follow ``torch.nn.functional``'s argument style,
and come with a ``*_backward(grad_output, x, <same arguments>)``. Window geometry (output size,
padding, ceil mode) is the shared one of :mod:`engine.windows`.
"""

from __future__ import annotations

import numpy as np

from engine import functional as F
from engine.errors import PoolingError
from engine.layout import (
    check_grad_output,
    finish,
    gather_windows,
    gradient_dtype,
    prepare_pool,
    scatter_windows,
)
from engine.maxpool import working_dtype
from engine.windows import IntOrTuple


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
    if not isinstance(x, np.ndarray):
        raise PoolingError(f"min_pool2d() expects a NumPy array, but got {type(x).__name__}")
    negated = -x.astype(working_dtype(x.dtype), copy=False)
    result = F.max_pool2d(
        negated, kernel_size, stride, padding, dilation, ceil_mode, return_indices
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
    negated = -x.astype(working_dtype(x.dtype), copy=False)
    return F.max_pool2d_backward(
        grad_output, negated, kernel_size, stride, padding, dilation, ceil_mode, indices
    )


def global_max_pool2d(x: np.ndarray, return_indices: bool = False):
    """Global max pooling (Lin et al. 2014, "Network in Network" style heads): one value per
    channel, output (C, 1, 1) or (N, C, 1, 1); ``adaptive_max_pool2d(x, 1)``."""
    return F.adaptive_max_pool2d(x, 1, return_indices)


def global_max_pool2d_backward(grad_output, x, indices=None) -> np.ndarray:
    """Gradient of :func:`global_max_pool2d`: all of it to each channel's arg-max."""
    return F.adaptive_max_pool2d_backward(grad_output, x, 1, indices)


def global_avg_pool2d(x: np.ndarray) -> np.ndarray:
    """Global average pooling (Lin et al. 2014, "Network in Network"): the mean of each
    channel, output (C, 1, 1) or (N, C, 1, 1); ``adaptive_avg_pool2d(x, 1)``."""
    return F.adaptive_avg_pool2d(x, 1)


def global_avg_pool2d_backward(grad_output, x) -> np.ndarray:
    """Gradient of :func:`global_avg_pool2d`: spread evenly over each channel."""
    return F.adaptive_avg_pool2d_backward(grad_output, x, 1)


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
    """Mixed pooling (Yu et al. 2014, "Mixed pooling for convolutional neural networks"):
    ``mix * max_pool2d + (1 - mix) * avg_pool2d`` over the same windows.

    The average is PyTorch's default (padding zeros counted in the divisor), so ``mix=0``
    equals :func:`engine.functional.avg_pool2d` and ``mix=1`` equals ``max_pool2d`` exactly.
    The paper picks mix per layer at random during training; here it is a fixed slider.

    Returns
    -------
    ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out), float
    """
    mix = check_mix(mix)
    maximum = F.max_pool2d(x, kernel_size, stride, padding).astype(gradient_dtype(x.dtype))
    average = F.avg_pool2d(x, kernel_size, stride, padding)
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
    return mix * F.max_pool2d_backward(grad, x, kernel_size, stride, padding) + (
        1 - mix
    ) * F.avg_pool2d_backward(grad, x, kernel_size, stride, padding)


def soft_pool2d(
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    ceil_mode: bool = False,
) -> np.ndarray:
    """SoftPool (Stergiou, Poppe and Kalliatakis 2021, "Refining activation downsampling with
    SoftPool"): each window's softmax-weighted sum, ``sum(exp(x_i) x_i) / sum(exp(x_i))``.

    Between average (all weights equal) and max (the largest dominates); computed stably by
    subtracting each window's maximum first. Padding cells have no weight.

    Returns
    -------
    ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out), float
    """
    _, unbatched, _, output_shape, cells, _ = gathered(
        "soft_pool2d", x, kernel_size, stride, padding, ceil_mode
    )
    padding = ~np.isfinite(cells)
    # In place, to stay within a few copies of the input: weights, then the weighted mean.
    weights = cells - cells.max(axis=-1, keepdims=True)
    np.exp(weights, out=weights)
    weights[padding] = 0
    cells[padding] = 0
    out = np.einsum("...k,...k->...", weights, cells) / weights.sum(axis=-1)
    return finish(out, output_shape, unbatched)


def gathered(op_name: str, x, kernel_size, stride, padding, ceil_mode, grad_output=None):
    """The preamble of the gather-based pools: checked planar input and geometry, every
    window's cells (padding -inf) and, for a backward, the checked gradient.

    Returns
    -------
    planar, unbatched, geometry, output_shape, cells, grad
        ``cells`` of shape (N, C, H_out, W_out, kH * kW) in the gradient dtype; ``grad`` of
        shape (N, C, H_out, W_out, 1), or None without ``grad_output``.
    """
    planar, unbatched, geometry, output_shape = prepare_pool(
        op_name, x, 2, kernel_size, stride, padding, 1, ceil_mode
    )
    cells = gather_windows(planar.astype(gradient_dtype(x.dtype)), geometry, -np.inf)
    grad = None
    if grad_output is not None:
        expected = output_shape[1:] if unbatched else output_shape
        grad = check_grad_output(op_name, grad_output, expected)
        grad = grad.reshape(cells.shape[:-1])[..., None].astype(cells.dtype)
    return planar, unbatched, geometry, output_shape, cells, grad


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
    planar, _, geometry, _, cells, grad = gathered(
        "soft_pool2d", x, kernel_size, stride, padding, ceil_mode, grad_output
    )
    weights = softmax_weights(cells)
    values = np.where(np.isfinite(cells), cells, 0)
    out = np.sum(weights * values, axis=-1, keepdims=True)
    local = weights * (1 + values - out)
    return scatter_windows(local * grad, geometry, planar.shape).reshape(x.shape)


def stochastic_probabilities(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-window probabilities ``max(a, 0) / sum(max(a, 0))`` and the clipped activations.
    A window with nothing positive gives all probability to its first real cell."""
    positive = np.where(np.isfinite(cells), np.maximum(cells, 0), 0.0)
    totals = positive.sum(axis=-1, keepdims=True)
    first_real = np.isfinite(cells).argmax(axis=-1)
    fallback = np.zeros_like(positive)
    np.put_along_axis(fallback, first_real[..., None], 1.0, axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        probabilities = np.where(totals > 0, positive / totals, fallback)
    return probabilities, positive


def stochastic_pool2d(
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    *,
    training: bool = True,
    seed: int = 0,
    return_indices: bool = False,
):
    """Stochastic pooling (Zeiler and Fergus 2013, "Stochastic pooling for regularization of
    deep convolutional neural networks").

    Training: each window picks one cell at random with probability ``p_i = a_i / sum(a)`` of
    its (ReLU-clipped, non-negative) activations and outputs that activation; the draw is
    reproducible from ``seed``. A window with nothing positive outputs 0 (its first real cell
    is "picked"). Inference: the probability-weighted average ``sum(p_i a_i)``.

    Returns
    -------
    out : ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out), float
    indices : int64 ndarray of the same shape, training with ``return_indices`` only
        Flat position ``h * W + w`` of each picked cell.
    """
    _, unbatched, geometry, output_shape, cells, _ = gathered(
        "stochastic_pool2d", x, kernel_size, stride, padding, False
    )
    probabilities, positive = stochastic_probabilities(cells)
    if not training:
        return finish(np.sum(probabilities * positive, axis=-1), output_shape, unbatched)
    choice = sample_cells(probabilities, seed)
    out = np.take_along_axis(positive, choice[..., None], axis=-1)[..., 0]
    out = finish(out, output_shape, unbatched)
    if not return_indices:
        return out
    return out, finish(choice_to_indices(choice, geometry), output_shape, unbatched)


def sample_cells(probabilities: np.ndarray, seed: int) -> np.ndarray:
    """One window cell per window, drawn with the given probabilities (inverse CDF)."""
    rng = np.random.default_rng(seed)
    draws = rng.random(probabilities.shape[:-1])[..., None]
    cumulative = np.cumsum(probabilities, axis=-1)
    cumulative[..., -1] = np.inf  # rounding must never leave a draw unmatched
    choice = (draws >= cumulative).sum(axis=-1)
    # Never land on a zero-probability cell (possible only through rounding at the edges).
    chosen_p = np.take_along_axis(probabilities, choice[..., None], axis=-1)[..., 0]
    if (chosen_p == 0).any():
        best = probabilities.argmax(axis=-1)
        choice = np.where(chosen_p == 0, best, choice)
    return choice


def choice_to_indices(choice: np.ndarray, geometry) -> np.ndarray:
    """Window-cell numbers (row-major) to flat input positions ``h * W + w``."""
    row_offset, col_offset = np.divmod(choice, geometry.kernel_size[1])
    starts_h = geometry.window_starts(0)[:, None]
    starts_w = geometry.window_starts(1)[None, :]
    return (
        (starts_h + row_offset * geometry.dilation[0]) * geometry.input_size[1]
        + starts_w
        + col_offset * geometry.dilation[1]
    )


def stochastic_pool2d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    *,
    training: bool = True,
    seed: int = 0,
    indices: np.ndarray | None = None,
) -> np.ndarray:
    """Gradient of :func:`stochastic_pool2d`.

    Training: each gradient goes to the picked cell (give the same ``seed`` or the
    ``indices``), where the activation was positive. Inference: the derivative of
    ``sum(a^2) / sum(a)``, ``(2 a_i S - Q) / S^2``, for positive cells.
    """
    planar, _, geometry, _, cells, grad = gathered(
        "stochastic_pool2d", x, kernel_size, stride, padding, False, grad_output
    )
    probabilities, positive = stochastic_probabilities(cells)
    if training:
        if indices is None:
            choice = sample_cells(probabilities, seed)
        else:
            choice = indices_to_choice(np.asarray(indices).reshape(grad.shape[:-1]), geometry)
        local = np.zeros_like(cells)
        np.put_along_axis(local, choice[..., None], 1.0, axis=-1)
        local *= positive > 0
    else:
        total = positive.sum(axis=-1, keepdims=True)
        squares = (positive**2).sum(axis=-1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            local = np.where(
                (positive > 0) & (total > 0), (2 * positive * total - squares) / total**2, 0.0
            )
    return scatter_windows(local * grad, geometry, planar.shape).reshape(x.shape)


def indices_to_choice(indices: np.ndarray, geometry) -> np.ndarray:
    """Inverse of :func:`choice_to_indices`."""
    width = geometry.input_size[1]
    rows, cols = np.divmod(indices, width)
    row_offset = (rows - geometry.window_starts(0)[:, None]) // geometry.dilation[0]
    col_offset = (cols - geometry.window_starts(1)[None, :]) // geometry.dilation[1]
    return row_offset * geometry.kernel_size[1] + col_offset
