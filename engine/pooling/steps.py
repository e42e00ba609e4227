"""The pooling traversal as a lazy sequence of steps, forward and backward.

``StepSequence(image, result)`` behaves like a list of :class:`Step` (``len``, indexing,
iteration) but builds each step only when asked, so a 4K image does not create millions of
objects. Steps go through the output in row-major order, one output cell (``unit="cell"``) or
one output row (``unit="row"``) at a time. The numbers come from the engine: a step reads the
window cells and the result the forward already computed; the backward helpers call the kind's
backward with a masked upstream gradient, and the routing counts ask the kind's routing.
:class:`GradientRoute` gives the same backward state after any number of steps, cheaply for
kinds that send each window's gradient to one chosen cell.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from engine.ops.unpool import place_at_indices
from engine.pooling.pipeline import PoolResult, run_backward, window_of
from engine.pooling.windows import Window


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
        Its input cells (padding included).
    values : ndarray of shape (C, n_real)
        The real cells' values, per channel, in row-major window order.
    result : ndarray of shape (C,)
        The output value per channel (the engine's).
    argmax : tuple of (row, col) or None, per channel
        The chosen cell of kinds that choose one (arg-max, arg-min, random pick); None where
        the window holds only padding.
    total : ndarray of shape (C,), or None
        Window sums, for averaging kinds.
    divisor : float or None
        What the sum was divided by, for averaging kinds.
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
        result = self.result
        window = window_of(result.params, result.input_shape, row, col)
        values = window.real_values(self.image)
        argmax = total = divisor = None
        if result.indices is not None:
            width = result.input_shape[-1]
            argmax = tuple(
                None if chosen < 0 else divmod(int(chosen), width)
                for chosen in result.indices[:, row, col]
            )
        divisor_of = result.kind.divisor_of
        if divisor_of is not None:
            total = values.sum(axis=1)
            divisor = divisor_of(result.params, result.input_shape, row, col)
        return Step(
            index, row, col, window, values, result.output[:, row, col], argmax, total, divisor
        )

    def partial_output(self, count: int) -> np.ndarray:
        """The output with only the first ``count`` steps filled in; NaN elsewhere."""
        partial = np.full(self.result.output.shape, np.nan, dtype=np.float64)
        done = self.cells_done(count)
        flat_out = self.result.output.reshape(self.result.output.shape[0], -1)
        partial.reshape(partial.shape[0], -1)[:, :done] = flat_out[:, :done]
        return partial


UPSTREAM_KINDS = ("ones", "random", "output", "one_hot")


def upstream_gradient(
    kind: str, result: PoolResult, seed: int = 0, cell: tuple[int, int] | None = None
) -> np.ndarray:
    """The gradient arriving at the output for the backward view.

    ``ones`` everywhere; ``random`` standard normal from ``seed``; ``output`` the output
    itself; ``one_hot`` 1 at ``cell`` (every channel) and 0 elsewhere (all zeros when the
    cell is outside the output).
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
        if cell is not None and cell[0] < output.shape[-2] and cell[1] < output.shape[-1]:
            gradient[:, cell[0], cell[1]] = 1.0
        return gradient
    raise ValueError(f"unknown upstream gradient {kind!r}; choose from {UPSTREAM_KINDS}")


def first_cells(shape: tuple[int, ...], cells_done: int, values: np.ndarray | None = None):
    """An array of ``shape`` (C, H_out, W_out) holding ``values`` (or 1) in its first
    ``cells_done`` cells of every channel, row-major, and 0 elsewhere."""
    masked = np.zeros(shape, dtype=np.float64)
    source = 1.0 if values is None else values.reshape(shape[0], -1)[:, :cells_done]
    masked.reshape(shape[0], -1)[:, :cells_done] = source
    return masked


def partial_input_gradient(
    image: np.ndarray, result: PoolResult, grad_output: np.ndarray, cells_done: int
) -> np.ndarray:
    """The input gradient after the first ``cells_done`` output cells (row-major) have sent
    theirs back: the engine's backward of the upstream gradient with the rest zeroed."""
    masked = first_cells(grad_output.shape, cells_done, grad_output)
    return run_backward(image.astype(np.float64), result, masked)


def contribution_counts(image: np.ndarray, result: PoolResult, cells_done: int) -> np.ndarray:
    """How many output cells have sent a nonzero gradient to each input cell after
    ``cells_done`` steps, as the kind routes it (see :mod:`engine.pooling.routing`).

    Returns
    -------
    ndarray of the image's shape (C, H, W), int64
    """
    mask = first_cells(result.output.shape, cells_done)
    kind = result.kind
    return kind.routing(result.params).counts(kind, image, result, mask)


class GradientRoute:
    """The backward view of one result and upstream gradient, after any number of steps.

    Kinds whose routing sends each window's gradient to one chosen cell, with the forward's
    indices at hand, are a scatter: after ``cells_done`` steps the input gradient is the first
    ``cells_done`` upstream values added at their windows' chosen cells, in row-major order as
    the engine adds them, so it equals :func:`partial_input_gradient` exactly and costs
    O(cells_done), not a backward of the whole image. Every other kind runs the engine's
    backward of the masked upstream.

    Parameters
    ----------
    image : ndarray of shape (C, H, W)
        The pooled image.
    result : PoolResult
        Its pooling.
    upstream : ndarray of the output's shape (C, H_out, W_out), float64
        The gradient arriving at the output; not modified.
    """

    def __init__(self, image: np.ndarray, result: PoolResult, upstream: np.ndarray):
        self.image, self.result, self.upstream = image, result, upstream
        routing = result.kind.routing(result.params)
        self.scatters = routing.to_one_cell and result.indices is not None
        self.float_image: np.ndarray | None = None  # the image as float64, made once

    def chosen_cells(self, cells_done: int) -> tuple[np.ndarray, np.ndarray]:
        """The flat input cell each of the first ``cells_done`` windows chose, per channel
        (-1: none), and the upstream values they send: two arrays (C, cells_done)."""
        channels = self.upstream.shape[0]
        targets = self.result.indices.reshape(channels, -1)[:, :cells_done]
        return targets, self.upstream.reshape(channels, -1)[:, :cells_done]

    def gradient(self, cells_done: int) -> np.ndarray:
        """The input gradient after ``cells_done`` output cells (row-major) sent theirs back.

        Returns
        -------
        ndarray of the image's shape (C, H, W), float64
        """
        if not self.scatters:
            if self.float_image is None:
                self.float_image = self.image.astype(np.float64)
            masked = first_cells(self.upstream.shape, cells_done, self.upstream)
            return run_backward(self.float_image, self.result, masked)
        targets, values = self.chosen_cells(cells_done)
        channels, height, width = self.image.shape
        gradient = np.zeros((channels, height * width), dtype=np.float64)
        for channel in range(channels):  # one scatter per channel, as the engine's backward
            keep = targets[channel] >= 0
            np.add.at(gradient[channel], targets[channel][keep], values[channel][keep])
        return gradient.reshape(self.image.shape)

    def counts(self, cells_done: int) -> np.ndarray:
        """:func:`contribution_counts` after ``cells_done`` steps (a count of the chosen cells
        for kinds that choose one).

        Returns
        -------
        ndarray of the image's shape (C, H, W), int64
        """
        if not self.scatters:
            return contribution_counts(self.image, self.result, cells_done)
        targets, _ = self.chosen_cells(cells_done)
        channels, height, width = self.image.shape
        counts = np.zeros((channels, height * width), dtype=np.int64)
        for channel in range(channels):
            chosen = targets[channel][targets[channel] >= 0]
            counts[channel] = np.bincount(chosen, minlength=height * width)
        return counts.reshape(self.image.shape)


def unpooled(result: PoolResult) -> np.ndarray:
    """Max unpooling: every output value put back at its chosen cell, zeros elsewhere (the
    placement of the engine's ``max_unpool2d``), for kinds that choose one cell.

    Returns
    -------
    ndarray of the input's shape (C, H, W), float64
    """
    if result.indices is None:
        raise ValueError("Unpooling needs the positions each window chose (a max pool).")
    channels = result.output.shape[0]
    height, width = result.input_shape[-2:]
    values = np.nan_to_num(result.output.astype(np.float64), nan=0.0, neginf=0.0)
    placed = place_at_indices(
        values.reshape(channels, -1), result.indices.reshape(channels, -1), height * width
    )
    return placed.reshape(result.input_shape)
