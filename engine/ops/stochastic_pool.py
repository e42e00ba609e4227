"""Stochastic pooling (Zeiler and Fergus 2013, "Stochastic pooling for regularization of deep
convolutional neural networks"): each window picks a cell at random, weighted by activation.

The windows are walked one kernel offset at a time, a block of output rows at a time
(:mod:`engine.ops.offsets`): a first pass sums each window's positive activations, a second
adds up each cell's probability in row-major window order and picks the first cell whose
running total passes the window's draw (the inverse CDF; the last cell takes every draw
left). The rare windows whose sum is not finite, or whose draw lands through rounding on a
cell of probability 0, are pooled again with their cells gathered
(:mod:`engine.ops.stochastic_exact`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.errors import PoolingError
from engine.ops.layout import shaped_array
from engine.ops.offsets import OffsetBlock, OffsetPool, offset_pool
from engine.ops.scatter import scatter_add
from engine.ops.separable import code_dtype
from engine.ops.stochastic_exact import exact_inference, exact_picks, gathered_windows
from engine.ops.windows import IntOrTuple, PoolGeometry, check_flag

OP_NAME = "stochastic_pool2d"


def check_seed(op_name: str, seed) -> int:
    """A non-negative int (NumPy's generators refuse negative seeds)."""
    if isinstance(seed, np.ndarray) and seed.ndim == 0:
        seed = seed[()]
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise PoolingError(
            "{op_name}() seed must be a non-negative int, but got {value}",
            op_name=op_name,
            value=repr(seed),
        )
    return int(seed)


def block_draws(pool: OffsetPool, seed: int):
    """For each block of :meth:`OffsetPool.blocks`, in order, one uniform draw per output.

    The blocks cut the planar outputs (N * C, 1, H_out, W_out) into consecutive runs of C
    order, so drawing each block's share in turn from one generator gives every window the
    draw ``default_rng(seed).random((N, C, H_out, W_out))`` would give it, whatever the blocks.
    """
    generator = np.random.default_rng(seed)
    for block in pool.blocks():
        rows = block.rows.stop - block.rows.start
        planes = block.planes.stop - block.planes.start
        yield block, generator.random((planes, 1, rows, pool.output_shape[-1]))


@dataclass(frozen=True)
class PositiveSums:
    """One block's sums of positive activations (:func:`positive_sums`).

    Attributes
    ----------
    total : ndarray of the block's output shape (P, 1, R, W_out)
        ``sum(max(a, 0))`` over each window, in row-major window order.
    squares : ndarray of the same shape, or None
        ``sum(max(a, 0) ** 2)``, when asked for.
    plain : ndarray of the same shape, bool
        Where ``0 < total < inf``: the windows the offset-by-offset rules cover.
    """

    total: np.ndarray
    squares: np.ndarray | None
    plain: np.ndarray


def positive_sums(block: OffsetBlock, with_squares: bool = False) -> PositiveSums:
    """The positive sums of every window of a block (padding, -inf, counts as 0)."""
    total = squares = None
    for offset in range(len(block.offsets)):
        positive = np.maximum(block.cells(offset), 0)  # NaN stays NaN
        if with_squares:
            squared = np.square(positive)
            squares = squared if squares is None else np.add(squares, squared, out=squares)
        total = positive if total is None else np.add(total, positive, out=total)
    with np.errstate(invalid="ignore"):
        plain = (total > 0) & (total < np.inf)
    return PositiveSums(total, squares, plain)


def windows_of(block: OffsetBlock, where: np.ndarray) -> tuple:
    """Planes, rows and columns (in the whole output) of the block's windows ``where`` is
    True, for :func:`engine.ops.stochastic_exact.gathered_windows`."""
    planes, _, rows, cols = np.nonzero(where)
    return planes + block.planes.start, rows + block.rows.start, cols


def pick_block(pool: OffsetPool, block: OffsetBlock, draws: np.ndarray, first_real: np.ndarray):
    """Training picks of one block: the picked activation and the picked window cell (its
    row-major number), each of the block's output shape."""
    sums = positive_sums(block)
    count = len(block.offsets)
    picked = np.zeros(sums.total.shape, dtype=sums.total.dtype)
    choice = np.zeros(sums.total.shape, dtype=code_dtype(count))
    cumulative = np.zeros(sums.total.shape, dtype=sums.total.dtype)
    done = np.zeros(sums.total.shape, dtype=bool)
    now = np.empty(sums.total.shape, dtype=bool)
    numbered = np.empty(sums.total.shape, dtype=choice.dtype)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        for offset in range(count):
            positive = np.maximum(block.cells(offset), 0)
            if offset < count - 1:
                cumulative += positive / sums.total
                np.less(draws, cumulative, out=now)
                now &= ~done
            else:  # the last cell takes every draw left
                np.logical_not(done, out=now)
            done |= now
            positive *= now  # only the first cell whose running total passes the draw
            picked += positive
            choice += np.multiply(now, offset, out=numbered, dtype=choice.dtype)
        landed_on_zero = sums.plain & (picked / sums.total == 0)
    choice = choice.astype(np.int64)
    nothing = sums.total == 0  # picked 0 already: it picks its first real cell
    if nothing.any():
        first = np.broadcast_to(first_real[block.rows], nothing.shape)
        choice += nothing * (first - choice)
    redo = ~(sums.plain | nothing) | landed_on_zero
    if redo.any():
        windows = gathered_windows(pool.work, pool.prepared.geometry, *windows_of(block, redo))
        picked[redo], choice[redo] = exact_picks(windows, draws[redo])
    return picked, choice


def inference_block(pool: OffsetPool, block: OffsetBlock) -> np.ndarray:
    """Inference output of one block, ``sum(p_i a_i)`` with ``p_i = a_i / sum(a)``."""
    sums = positive_sums(block)
    out = np.zeros(sums.total.shape, dtype=sums.total.dtype)
    with np.errstate(invalid="ignore", divide="ignore"):
        for offset in range(len(block.offsets)):
            positive = np.maximum(block.cells(offset), 0)
            weighted = np.divide(positive, sums.total)
            weighted *= positive
            out += weighted
    nothing = sums.total == 0
    np.fmax(out, 0, out=out)  # nothing positive gave 0 / 0: its output is 0
    redo = ~(sums.plain | nothing)
    if redo.any():
        windows = gathered_windows(pool.work, pool.prepared.geometry, *windows_of(block, redo))
        out[redo] = exact_inference(windows)
    return out


def training_picks(
    pool: OffsetPool, seed: int, with_indices: bool
) -> tuple[np.ndarray, np.ndarray | None]:
    """Every window's training pick from the draws of ``seed``: the picked activation and,
    if asked, the picked cell's flat position ``h * W + w``, as planes
    (N * C, 1, H_out, W_out)."""
    out = np.empty(pool.output_shape, dtype=pool.work.dtype)
    indices = np.empty(pool.output_shape, dtype=np.int64) if with_indices else None
    geometry = pool.prepared.geometry
    first_real = first_real_cells(geometry)
    for block, draws in block_draws(pool, seed):
        picked, choice = pick_block(pool, block, draws, first_real)
        out[block.planes, :, block.rows] = picked
        if with_indices:
            indices[block.planes, :, block.rows] = choice_to_indices(choice, geometry, block.rows)
    return out, indices


def first_real_cells(geometry: PoolGeometry) -> np.ndarray:
    """Per window, shape (H_out, W_out), the row-major number of its first cell inside the
    input: what a window with nothing positive picks."""
    first = []
    for axis in range(2):
        positions = geometry.window_positions(axis)
        real = (positions >= 0) & (positions < geometry.input_size[axis])
        first.append(real.argmax(axis=1))
    return first[0][:, None] * geometry.kernel_size[1] + first[1][None, :]


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

    Parameters
    ----------
    x : ndarray of shape (C, H, W) or (N, C, H, W)
    kernel_size, stride, padding : int or (int, int)
        ``stride=None`` means ``kernel_size``; padding at most half the kernel (never picked).

    Returns
    -------
    out : ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out), float64 for float64
        input else float32
    indices : int64 ndarray of the same shape, training with ``return_indices`` only
        Flat position ``h * W + w`` of each picked cell.
    """
    training = check_flag(OP_NAME, "training", training)
    seed = check_seed(OP_NAME, seed)
    return_indices = check_flag(OP_NAME, "return_indices", return_indices)
    pool = offset_pool(OP_NAME, x, kernel_size, stride, padding, False, arrays=8)
    if not training:
        out = np.empty(pool.output_shape, dtype=pool.work.dtype)
        for block in pool.blocks():
            out[block.planes, :, block.rows] = inference_block(pool, block)
        return pool.finish(out)
    out, indices = training_picks(pool, seed, with_indices=return_indices)
    if not return_indices:
        return pool.finish(out)
    return pool.finish(out), pool.finish(indices)


def choice_to_indices(
    choice: np.ndarray, geometry: PoolGeometry, rows: slice = slice(None)
) -> np.ndarray:
    """Window-cell numbers (row-major) of the windows of output rows ``rows`` to flat input
    positions ``h * W + w``, int64."""
    row_offset, col_offset = np.divmod(choice, geometry.kernel_size[1])
    starts_h = geometry.window_starts(0)[rows][:, None]
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
    ndarray of the output's shape, int64
    """
    indices = shaped_array(op_name, "indices", indices, expected_shape, "iu")
    height, width = geometry.input_size
    if indices.size and (indices.min() < 0 or indices.max() >= height * width):
        raise PoolingError(
            "{op_name}() indices must lie in [0, {cells}), but got values from {lowest} to "
            "{highest}",
            op_name=op_name,
            cells=height * width,
            lowest=indices.min(),
            highest=indices.max(),
        )
    rows, cols = np.divmod(indices.astype(np.int64), width)
    row_offset = rows - geometry.window_starts(0)[:, None]
    col_offset = cols - geometry.window_starts(1)[None, :]
    kernel_h, kernel_w = geometry.kernel_size
    inside = (row_offset >= 0) & (row_offset < kernel_h) & (col_offset >= 0)
    if not (inside & (col_offset < kernel_w)).all():
        raise PoolingError(
            "{op_name}() indices must each name a cell of their own window "
            "(kernel_size={kernel}, stride={stride})",
            op_name=op_name,
            kernel=geometry.kernel_size,
            stride=geometry.stride,
        )
    return row_offset * kernel_w + col_offset


def training_gradient(pool: OffsetPool, seed: int, indices) -> np.ndarray:
    """The training backward as planes: each window's gradient to its picked cell (the
    given ``indices``' or the one ``seed`` draws), where that activation is positive."""
    geometry = pool.prepared.geometry
    planes = pool.work.shape[0]
    if indices is None:
        picked, flat = training_picks(pool, seed, with_indices=True)
    else:
        indices_to_choice(OP_NAME, indices, pool.prepared.caller_output_shape, geometry)
        flat = np.asarray(indices).astype(np.int64, copy=False).reshape(pool.output_shape)
        plane_cells = pool.work.reshape(planes, -1)
        picked = np.take_along_axis(plane_cells, flat.reshape(planes, -1), axis=1)
    grad = pool.grad * (picked.reshape(pool.output_shape) > 0)
    gradient = scatter_add(
        grad.reshape(planes, -1),
        flat.reshape(planes, -1),
        pool.work[0, 0].size,
        pool.work.dtype,
        missing=False,
    )
    return gradient


def inference_gradient(pool: OffsetPool) -> np.ndarray:
    """The inference backward as a padded gradient: the derivative of ``sum(a^2) / sum(a)``,
    ``(2 a_i S - Q) / S^2``, for the positive cells of windows with a finite positive sum."""
    gradient = pool.new_gradient()
    for block in pool.blocks():
        sums = positive_sums(block, with_squares=True)
        total, squares = sums.total, sums.squares
        grad = pool.grad[block.planes, :, block.rows] * sums.plain
        clean = not sums.plain.all()
        if clean:  # other windows pass nothing: keep their arithmetic finite
            total = np.where(sums.plain, total, 1)
            squares = np.where(sums.plain, squares, 0)
        total_squared = np.square(total)
        local = np.empty(total.shape, dtype=total.dtype)
        for offset, index in enumerate(block.gradient_offsets):
            positive = np.maximum(block.cells(offset), 0)
            if clean:
                positive[~np.isfinite(positive)] = 0
            np.multiply(positive, 2, out=local)
            local *= total
            local -= squares
            local /= total_squared
            local *= grad
            local *= positive > 0
            gradient[index] += local
    return gradient


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

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
    """
    training = check_flag(OP_NAME, "training", training)
    seed = check_seed(OP_NAME, seed)
    pool = offset_pool(OP_NAME, x, kernel_size, stride, padding, False, grad_output, True, 8)
    if training:
        return training_gradient(pool, seed, indices).reshape(x.shape)
    return pool.finish_gradient(inference_gradient(pool)).reshape(x.shape)
