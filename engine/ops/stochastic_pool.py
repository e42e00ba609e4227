"""Stochastic pooling (Zeiler and Fergus 2013, "Stochastic pooling for regularization of deep
convolutional neural networks"): each window picks a cell at random, weighted by activation."""

from __future__ import annotations

import numpy as np

from engine.errors import PoolingError
from engine.ops.gather import GatheredPool, WindowBlock, gather_pool
from engine.ops.layout import shaped_array
from engine.ops.windows import IntOrTuple, PoolGeometry, check_flag


def stochastic_probabilities(block: WindowBlock) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-window probabilities ``max(a, 0) / sum(max(a, 0))`` and the clipped activations.

    A window with nothing positive gives all probability to its first real cell; a window
    with +inf shares it equally among its +inf cells; a window with NaN gives it to its first
    NaN. Padding is told by the window layout, never by value.

    Returns
    -------
    probabilities, positive : ndarray of the block's cell shape (N, C, R, W_out, kH * kW)
    has_nan : ndarray of shape (N, C, R, W_out), bool
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


def check_seed(op_name: str, seed) -> int:
    """A non-negative int (NumPy's generators refuse negative seeds)."""
    if isinstance(seed, np.ndarray) and seed.ndim == 0:
        seed = seed[()]
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise PoolingError(f"{op_name}() seed must be a non-negative int, but got {seed!r}")
    return int(seed)


def draws_for(gathered: GatheredPool, seed: int) -> np.ndarray:
    """One uniform draw per output, (N, C, H_out, W_out), all at once so that the block size
    never changes which draw a window gets."""
    shape = gathered.prepared.planar.shape[:2] + gathered.prepared.geometry.output_size
    return np.random.default_rng(seed).random(shape)


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

    Non-finite values: -inf is clipped to 0 like any negative value (weight 0). The +inf
    cells of a window share all its probability equally, so training picks one of them and
    inference gives +inf. A window with NaN outputs NaN, reports its first NaN as the picked
    cell and passes no gradient.

    Returns
    -------
    out : ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out), float
    indices : int64 ndarray of the same shape, training with ``return_indices`` only
        Flat position ``h * W + w`` of each picked cell.
    """
    op_name = "stochastic_pool2d"
    training = check_flag(op_name, "training", training)
    seed = check_seed(op_name, seed)
    return_indices = check_flag(op_name, "return_indices", return_indices)
    gathered = gather_pool(op_name, x, kernel_size, stride, padding, False)
    prepared = gathered.prepared
    out = np.empty(prepared.planar.shape[:2] + prepared.geometry.output_size, gathered.padded.dtype)
    choices = np.empty(out.shape, dtype=np.int64) if training else None
    draws = draws_for(gathered, seed) if training else None
    for rows in gathered.row_blocks():
        if training:
            out[:, :, rows], choices[:, :, rows] = stochastic_block(
                gathered.block(rows), draws[:, :, rows]
            )
        else:
            out[:, :, rows] = stochastic_block_inference(gathered.block(rows))
    out = prepared.finish(out)
    if not training or not return_indices:
        return out
    return out, prepared.finish(choice_to_indices(choices, prepared.geometry))


def stochastic_block(block: WindowBlock, draws: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Training output of one block and the window cell each window picked, (N, C, R, W_out)."""
    probabilities, positive, _ = stochastic_probabilities(block)
    choice = sample_cells(probabilities, draws)
    return np.take_along_axis(positive, choice[..., None], axis=-1)[..., 0], choice


def stochastic_block_inference(block: WindowBlock) -> np.ndarray:
    """Inference output of one block, ``sum(p_i a_i)`` (NaN for windows with NaN)."""
    probabilities, positive, has_nan = stochastic_probabilities(block)
    with np.errstate(invalid="ignore"):  # 0 * inf in windows with NaN, which give NaN anyway
        result = np.sum(probabilities * positive, axis=-1)
    result[has_nan] = np.nan
    return result


def stochastic_block_backward(
    gathered: GatheredPool,
    gradient: np.ndarray,
    block: WindowBlock,
    training: bool,
    choice: np.ndarray | None,
    draws: np.ndarray | None,
) -> None:
    """Add the gradient of one block into ``gradient`` (N * C, H * W); in training the picked
    cells are ``choice`` if given, else drawn from ``draws``."""
    probabilities, positive, _ = stochastic_probabilities(block)
    if training:
        if choice is None:
            choice = sample_cells(probabilities, draws)
        local = np.zeros_like(positive)
        np.put_along_axis(local, choice[..., None], 1.0, axis=-1)
        local *= positive > 0
    else:
        total = positive.sum(axis=-1, keepdims=True)
        squares = (positive**2).sum(axis=-1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            local = np.where(
                (positive > 0) & (total > 0) & np.isfinite(total),
                (2 * positive * total - squares) / total**2,
                0.0,
            )
    gathered.scatter(gradient, block, local * gathered.grad[:, :, block.rows, :, None])


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


def indices_to_choice(op_name: str, indices, expected_shape: tuple, geometry: PoolGeometry):
    """Inverse of :func:`choice_to_indices`, refusing indices that are not integers of the
    output's shape naming a real cell of their own window.

    Returns
    -------
    ndarray of shape (N, C, H_out, W_out), int64
    """
    indices = shaped_array(op_name, "indices", indices, expected_shape, "iu")
    height, width = geometry.input_size
    if indices.size and (indices.min() < 0 or indices.max() >= height * width):
        raise PoolingError(
            f"{op_name}() indices must lie in [0, {height * width}), but got values from "
            f"{indices.min()} to {indices.max()}"
        )
    rows, cols = np.divmod(indices.astype(np.int64), width)
    row_offset = rows - geometry.window_starts(0)[:, None]
    col_offset = cols - geometry.window_starts(1)[None, :]
    kernel_h, kernel_w = geometry.kernel_size
    inside = (row_offset >= 0) & (row_offset < kernel_h) & (col_offset >= 0)
    if not (inside & (col_offset < kernel_w)).all():
        raise PoolingError(
            f"{op_name}() indices must each name a cell of their own window "
            f"(kernel_size={geometry.kernel_size}, stride={geometry.stride})"
        )
    return row_offset * kernel_w + col_offset


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
    ``sum(a^2) / sum(a)``, ``(2 a_i S - Q) / S^2``, for positive cells. Windows with NaN pass
    no gradient, nor do windows with +inf in inference.
    """
    op_name = "stochastic_pool2d"
    training = check_flag(op_name, "training", training)
    seed = check_seed(op_name, seed)
    gathered = gather_pool(op_name, x, kernel_size, stride, padding, False, grad_output, True)
    prepared = gathered.prepared
    choices = draws = None
    if training and indices is not None:
        planar_shape = gathered.grad.shape
        choices = indices_to_choice(
            op_name,
            indices,
            prepared.caller_output_shape,
            prepared.geometry,
        ).reshape(planar_shape)
    elif training:
        draws = draws_for(gathered, seed)
    gradient = gathered.new_gradient()
    for rows in gathered.row_blocks():
        stochastic_block_backward(
            gathered,
            gradient,
            gathered.block(rows),
            training,
            None if choices is None else choices[:, :, rows],
            None if draws is None else draws[:, :, rows],
        )
    return gradient.reshape(x.shape)
