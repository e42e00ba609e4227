"""The pooling traversal as a lazy sequence of steps, forward and backward.

``StepSequence(image, result)`` behaves like a list of :class:`Step` (``len``, indexing,
iteration) but builds each step only when asked, so a 4K image does not create millions of
objects. Steps go through the output in row-major order, one output cell (``unit="cell"``) or
one output row (``unit="row"``) at a time. The numbers come from the engine: a step reads the
window cells and the result the forward already computed; the backward helpers call the
engine's ``*_backward`` with a masked upstream gradient.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from engine import functional as F
from engine.pipeline import PoolResult, Window, run_backward, window_of
from engine.windows import adaptive_bounds


@dataclass(frozen=True)
class Step:
    """One output cell of the traversal.

    Attributes
    ----------
    index : int
        Position in the sequence.
    row, col : int
        Output cell.
    window : Window
        Its input cells (padding included, flagged by ``Window.cells()``).
    values : ndarray of shape (C, n_real)
        The real cells' values, per channel, in row-major window order.
    result : ndarray of shape (C,)
        The output value per channel (the engine's).
    argmax : tuple of (row, col) or None, per channel
        For max types; None where the window holds only padding.
    total : ndarray of shape (C,), or None
        Window sums, for average types.
    divisor : float or None
        What the sum was divided by, for average types.
    """

    index: int
    row: int
    col: int
    window: Window
    values: np.ndarray
    result: np.ndarray
    argmax: tuple | None
    total: np.ndarray | None
    divisor: float | None


class StepSequence:
    """Lazy, indexable forward traversal of a pooled (C, H, W) image."""

    def __init__(self, image: np.ndarray, result: PoolResult, unit: str = "cell"):
        if unit not in ("cell", "row"):
            raise ValueError(f"unit must be 'cell' or 'row', not {unit!r}")
        self.image, self.result, self.unit = image, result, unit
        self.out_h, self.out_w = result.output.shape[-2:]

    def __len__(self) -> int:
        return self.out_h if self.unit == "row" else self.out_h * self.out_w

    def cells_done(self, count: int) -> int:
        """How many output cells (row-major) are computed after ``count`` steps."""
        count = min(max(count, 0), len(self))
        return count * self.out_w if self.unit == "row" else count

    def cells_of(self, index: int) -> list[tuple[int, int]]:
        """The output cells that step ``index`` computes."""
        if self.unit == "row":
            return [(index, col) for col in range(self.out_w)]
        return [divmod(index, self.out_w)]

    def __getitem__(self, index: int) -> Step:
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(f"step {index} of {len(self)}")
        if self.unit == "row":
            return self.cell_step(index, index, self.out_w // 2)
        return self.cell_step(index, *divmod(index, self.out_w))

    def __iter__(self) -> Iterator[Step]:
        return (self[index] for index in range(len(self)))

    def cell_step(self, index: int, row: int, col: int) -> Step:
        params = self.result.params
        window = window_of(params, self.result.input_shape, row, col)
        real = window.real_cells()
        rows = np.array([r for r, _ in real], dtype=np.int64)
        cols = np.array([c for _, c in real], dtype=np.int64)
        values = self.image[:, rows, cols]
        result = self.result.output[:, row, col]
        argmax = total = divisor = None
        if self.result.indices is not None:
            width = self.result.input_shape[-1]
            argmax = tuple(
                None if index_ < 0 else divmod(int(index_), width)
                for index_ in self.result.indices[:, row, col]
            )
        if params.pool_type in ("avg", "adaptive_avg"):
            total = values.sum(axis=1)
            divisor = average_divisor(params, window)
        return Step(index, row, col, window, values, result, argmax, total, divisor)

    def partial_output(self, count: int) -> np.ndarray:
        """The output with only the first ``count`` steps filled in; NaN elsewhere."""
        partial = np.full(self.result.output.shape, np.nan, dtype=np.float64)
        done = self.cells_done(count)
        flat_out = self.result.output.reshape(self.result.output.shape[0], -1)
        partial.reshape(partial.shape[0], -1)[:, :done] = flat_out[:, :done]
        return partial


def average_divisor(params, window: Window) -> float:
    """The divisor PyTorch uses for this window of an average pool."""
    if params.pool_type == "adaptive_avg":
        return float(len(window.rows) * len(window.cols))
    if params.divisor_override is not None:
        return float(params.divisor_override)
    if not params.count_include_pad:
        return float(len(window.real_cells()))
    height, width = window.input_size
    rows = [r for r in window.rows if r < height + params.padding[0]]
    cols = [c for c in window.cols if c < width + params.padding[1]]
    return float(len(rows) * len(cols))


UPSTREAM_KINDS = ("ones", "random", "output", "one_hot")


def upstream_gradient(
    kind: str, result: PoolResult, seed: int = 0, cell: tuple[int, int] | None = None
) -> np.ndarray:
    """The gradient arriving at the output for the backward view.

    ``ones`` everywhere; ``random`` standard normal from ``seed``; ``output`` the output
    itself; ``one_hot`` 1 at ``cell`` (every channel) and 0 elsewhere.
    """
    output = result.output
    if kind == "ones":
        return np.ones(output.shape, dtype=np.float64)
    if kind == "random":
        return np.random.default_rng(seed).standard_normal(output.shape)
    if kind == "output":
        return np.nan_to_num(output.astype(np.float64), nan=0.0, posinf=0.0, neginf=0.0)
    if kind == "one_hot":
        gradient = np.zeros(output.shape, dtype=np.float64)
        if cell is not None:
            gradient[:, cell[0], cell[1]] = 1.0
        return gradient
    raise ValueError(f"unknown upstream gradient {kind!r}; choose from {UPSTREAM_KINDS}")


def partial_input_gradient(
    image: np.ndarray, result: PoolResult, grad_output: np.ndarray, cells_done: int
) -> np.ndarray:
    """The input gradient after the first ``cells_done`` output cells (row-major) have sent
    theirs back: the engine's backward of the upstream gradient with the rest zeroed."""
    masked = np.zeros_like(grad_output, dtype=np.float64)
    flat = grad_output.reshape(grad_output.shape[0], -1)
    masked.reshape(masked.shape[0], -1)[:, :cells_done] = flat[:, :cells_done]
    return run_backward(image.astype(np.float64), result, masked)


def contribution_counts(image: np.ndarray, result: PoolResult, cells_done: int) -> np.ndarray:
    """How many output cells have sent gradient to each input cell after ``cells_done`` steps.

    Max types count arg-max hits; the other types count every real cell of a window. Computed
    with the engine: max backward of ones, or a sum pool's (divisor 1) backward of ones.
    """
    ones = np.ones(result.output.shape, dtype=np.float64)
    params = result.params
    if params.pool_type in ("max", "adaptive_max"):
        counts = partial_input_gradient(image, result, ones, cells_done)
    else:
        masked = np.zeros_like(ones)
        masked.reshape(masked.shape[0], -1)[:, :cells_done] = 1.0
        if params.pool_type == "adaptive_avg":
            counts = adaptive_counts(image.shape, masked)
        else:
            counts = F.avg_pool2d_backward(
                masked,
                image.astype(np.float64),
                params.kernel_size,
                params.stride,
                params.padding if params.spec.padding else 0,
                params.ceil_mode,
                divisor_override=1,
            )
    return np.rint(counts).astype(np.int64)


def adaptive_counts(input_shape: tuple, masked: np.ndarray) -> np.ndarray:
    """Window membership counts for adaptive windows: the adjoint of an adaptive *sum*."""
    height, width = input_shape[-2:]
    out_h, out_w = masked.shape[-2:]
    row_starts, row_ends = adaptive_bounds(height, out_h)
    col_starts, col_ends = adaptive_bounds(width, out_w)
    rows = (np.arange(height) >= row_starts[:, None]) & (np.arange(height) < row_ends[:, None])
    cols = (np.arange(width) >= col_starts[:, None]) & (np.arange(width) < col_ends[:, None])
    return rows.T.astype(np.float64) @ masked @ cols.astype(np.float64)


def unpooled(result: PoolResult) -> np.ndarray:
    """Max unpooling: every output value put back at its arg-max, zeros elsewhere (max only).

    Uses the engine's ``max_unpool2d`` where it accepts the input size (as torch's does);
    adaptive max and dilated windows place the values the same way directly.

    Returns
    -------
    ndarray of the input's shape (C, H, W), float64
    """
    if result.indices is None:
        raise ValueError("Unpooling needs the arg-max positions of a max pool.")
    params, size = result.params, result.input_shape[-2:]
    values = np.nan_to_num(result.output.astype(np.float64), nan=0.0, neginf=0.0)
    if params.pool_type == "max" and unpool_size_ok(params, result):
        return F.max_unpool2d(
            values,
            result.indices,
            params.kernel_size,
            params.stride,
            params.padding,
            output_size=size,
        )
    channels = values.shape[0]
    flat = np.zeros((channels, size[0] * size[1]), dtype=np.float64)
    indices = result.indices.reshape(channels, -1)
    for channel in range(channels):
        keep = indices[channel] >= 0
        flat[channel, indices[channel][keep]] = values[channel].ravel()[keep]
    return flat.reshape(result.input_shape)


def unpool_size_ok(params, result: PoolResult) -> bool:
    """Whether max_unpool2d accepts the input size as its output_size (no dilation, and
    within one stride of its default size)."""
    if params.dilation != (1, 1):
        return False
    out_h, out_w = result.output.shape[-2:]
    height, width = result.input_shape[-2:]
    for size, out, k, s, p in (
        (height, out_h, params.kernel_size[0], params.stride[0], params.padding[0]),
        (width, out_w, params.kernel_size[1], params.stride[1], params.padding[1]),
    ):
        default = (out - 1) * s + k - 2 * p
        if not default - s < size < default + s:
            return False
    return True
