"""Stochastic pooling (Zeiler and Fergus 2013, "Stochastic pooling for regularization of deep
convolutional neural networks"): each window picks a cell at random, weighted by activation."""

from __future__ import annotations

import numpy as np

from engine.ops.layout import gather_pool, scatter_windows
from engine.ops.windows import IntOrTuple, PoolGeometry


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
    """Stochastic pooling.

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
    gathered = gather_pool("stochastic_pool2d", x, kernel_size, stride, padding, False)
    prepared = gathered.prepared
    probabilities, positive = stochastic_probabilities(gathered.cells)
    if not training:
        return prepared.finish(np.sum(probabilities * positive, axis=-1))
    choice = sample_cells(probabilities, seed)
    out = prepared.finish(np.take_along_axis(positive, choice[..., None], axis=-1)[..., 0])
    if not return_indices:
        return out
    return out, prepared.finish(choice_to_indices(choice, prepared.geometry))


def sample_cells(probabilities: np.ndarray, seed: int) -> np.ndarray:
    """One window cell per window, drawn with the given probabilities (inverse CDF)."""
    rng = np.random.default_rng(seed)
    draws = rng.random(probabilities.shape[:-1])[..., None]
    cumulative = np.cumsum(probabilities, axis=-1)
    cumulative[..., -1] = np.inf  # rounding must never leave a draw unmatched
    choice = (draws >= cumulative).sum(axis=-1)
    # Never land on a zero-probability cell (possible only through rounding at the edges).
    chosen_probability = np.take_along_axis(probabilities, choice[..., None], axis=-1)[..., 0]
    if (chosen_probability == 0).any():
        best = probabilities.argmax(axis=-1)
        choice = np.where(chosen_probability == 0, best, choice)
    return choice


def choice_to_indices(choice: np.ndarray, geometry: PoolGeometry) -> np.ndarray:
    """Window-cell numbers (row-major) to flat input positions ``h * W + w``."""
    row_offset, col_offset = np.divmod(choice, geometry.kernel_size[1])
    starts_h = geometry.window_starts(0)[:, None]
    starts_w = geometry.window_starts(1)[None, :]
    return (
        (starts_h + row_offset * geometry.dilation[0]) * geometry.input_size[1]
        + starts_w
        + col_offset * geometry.dilation[1]
    )


def indices_to_choice(indices: np.ndarray, geometry: PoolGeometry) -> np.ndarray:
    """Inverse of :func:`choice_to_indices`."""
    width = geometry.input_size[1]
    rows, cols = np.divmod(indices, width)
    row_offset = (rows - geometry.window_starts(0)[:, None]) // geometry.dilation[0]
    col_offset = (cols - geometry.window_starts(1)[None, :]) // geometry.dilation[1]
    return row_offset * geometry.kernel_size[1] + col_offset


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
    gathered = gather_pool("stochastic_pool2d", x, kernel_size, stride, padding, False, grad_output)
    cells, grad, prepared = gathered.cells, gathered.grad, gathered.prepared
    probabilities, positive = stochastic_probabilities(cells)
    if training:
        if indices is None:
            choice = sample_cells(probabilities, seed)
        else:
            choice = indices_to_choice(
                np.asarray(indices).reshape(grad.shape[:-1]), prepared.geometry
            )
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
    grad_input = scatter_windows(local * grad, prepared.geometry, prepared.planar.shape)
    return grad_input.reshape(x.shape)
