"""Stochastic pooling of a few windows gathered side by side: the rules for the windows the
offset-by-offset pool leaves aside.

Most windows are pooled one kernel offset at a time (:mod:`engine.ops.stochastic_pool`). A
window whose positive sum is not finite (it holds NaN or +inf, or its values overflow), or
whose draw landed, through rounding, on a cell of probability 0, is rare; such windows are
gathered here, cells side by side, and given the full rules: NaN picks its first NaN, +inf
cells share the probability, a window with nothing positive picks its first real cell, and a
draw never lands on a cell of probability 0.
"""

from __future__ import annotations

import numpy as np

from engine.ops.gather import WindowBlock
from engine.ops.windows import PoolGeometry


def stochastic_probabilities(block: WindowBlock) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-window probabilities ``max(a, 0) / sum(max(a, 0))`` and the clipped activations.

    A window with nothing positive gives all probability to its first real cell; a window
    with +inf shares it equally among its +inf cells; a window with NaN gives it to its first
    NaN. Padding is told by the window layout, never by value.

    Returns
    -------
    probabilities, positive : ndarray of the block's cell shape (..., kH * kW)
    has_nan : ndarray of the windows' shape (...), bool
    """
    cells, real = block.cells, block.real
    positive = np.maximum(cells, 0, out=cells)  # in place: the block is a copy; NaN stays
    np.copyto(positive, 0, where=~real)
    totals = positive.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        probabilities = positive / totals
    nothing = ~(totals[..., 0] > 0)
    if nothing.any():
        windows = np.nonzero(nothing)
        first_real = np.broadcast_to(real.argmax(axis=-1), nothing.shape)[windows]
        probabilities[windows] = 0
        probabilities[windows + (first_real,)] = 1
    has_nan = np.zeros(nothing.shape, dtype=bool)
    special = ~np.isfinite(totals[..., 0])
    if special.any():
        windows = np.nonzero(special)
        window_cells = positive[windows]
        nan_cells = np.isnan(window_cells)
        has_nan[windows] = nan_cells.any(axis=-1)
        infinite = window_cells == np.inf
        shared = infinite / np.maximum(infinite.sum(axis=-1, keepdims=True), 1)
        first_nan = np.arange(window_cells.shape[-1]) == nan_cells.argmax(axis=-1)[:, None]
        probabilities[windows] = np.where(
            has_nan[windows][:, None],
            first_nan,
            np.where(infinite.any(axis=-1)[:, None], shared, probabilities[windows]),
        )
    return probabilities, positive, has_nan


def sample_cells(probabilities: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """One window cell per window, drawn with the given probabilities (inverse CDF).

    Parameters
    ----------
    probabilities : ndarray of shape (..., kH * kW)
    draws : ndarray of shape (...), uniform in [0, 1)
    """
    cumulative = np.cumsum(probabilities, axis=-1)
    cumulative[..., -1] = np.inf  # rounding must never leave a draw unmatched
    choice = (draws[..., None] >= cumulative).sum(axis=-1)
    # Never land on a zero-probability cell (possible only through rounding at the edges).
    chosen_probability = np.take_along_axis(probabilities, choice[..., None], axis=-1)[..., 0]
    if (chosen_probability == 0).any():
        best = probabilities.argmax(axis=-1)
        choice = np.where(chosen_probability == 0, best, choice)
    return choice


def gathered_windows(
    work: np.ndarray, geometry: PoolGeometry, planes: np.ndarray, rows: np.ndarray, cols
) -> WindowBlock:
    """The cells of the windows at output positions (``planes``, ``rows``, ``cols``) of a
    (P, 1, H, W) input, side by side in row-major window order (padding as -inf, told apart
    by ``real``).

    Returns
    -------
    WindowBlock
        ``cells`` and ``real`` of shape (n, kH * kW), ``cells`` a copy.
    """
    kernel_h, kernel_w = geometry.kernel_size
    height, width = geometry.input_size
    cell_rows = geometry.window_starts(0)[rows][:, None, None] + np.arange(kernel_h)[:, None]
    cell_cols = geometry.window_starts(1)[cols][:, None, None] + np.arange(kernel_w)
    real = (cell_rows >= 0) & (cell_rows < height) & (cell_cols >= 0) & (cell_cols < width)
    cells = work[
        planes[:, None, None],
        0,
        np.clip(cell_rows, 0, height - 1),
        np.clip(cell_cols, 0, width - 1),
    ]
    cells = np.where(real, cells, -np.inf)
    count = len(planes)
    return WindowBlock(slice(None), cells.reshape(count, -1), real.reshape(count, -1))


def exact_picks(block: WindowBlock, draws: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The training pick of gathered windows: (value, window cell), each of shape (n,)."""
    probabilities, positive, _ = stochastic_probabilities(block)
    choice = sample_cells(probabilities, draws)
    return np.take_along_axis(positive, choice[:, None], axis=-1)[:, 0], choice


def exact_inference(block: WindowBlock) -> np.ndarray:
    """The inference output ``sum(p_i a_i)`` of gathered windows (NaN for windows with NaN),
    shape (n,)."""
    probabilities, positive, has_nan = stochastic_probabilities(block)
    with np.errstate(invalid="ignore"):  # 0 * inf in windows with NaN, which give NaN anyway
        result = np.sum(probabilities * positive, axis=-1)
    result[has_nan] = np.nan
    return result


__all__ = [
    "exact_inference",
    "exact_picks",
    "gathered_windows",
    "sample_cells",
    "stochastic_probabilities",
]
