"""Where output cells are drawn: over the input area their windows cover, or as a plain grid.

"Output at input scale" draws each output cell over the input cells its window covers; where
windows overlap, each input cell goes to the window whose centre is nearest, so every cell is
drawn once (see :meth:`engine.pooling.windows.AxisWindows.owners`). A placement answers the
rectangle of a cell, the cell under a point, the picture to draw (also from a picture of the
output already prepared) and where the cells an animation has not computed yet are, so the
views draw any kind the same way. :func:`plain_grid` is the ordinary view: one unit square per
output cell.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.pooling.windows import Rect

PYRAMID_GAP = 2  # input cells between the pyramid's levels, drawn side by side


@dataclass(frozen=True, eq=False)
class GridPlacement:
    """Output row ``r`` drawn over input rows ``row_starts[r] .. row_ends[r] - 1`` (empty when
    no input row is nearer to its window's centre than to another's), likewise columns.

    Attributes
    ----------
    row_starts, row_ends, col_starts, col_ends : ndarray of int64
    size : (H, W)
        The drawing area, in input cells.
    """

    row_starts: np.ndarray
    row_ends: np.ndarray
    col_starts: np.ndarray
    col_ends: np.ndarray
    size: tuple[int, int]
    plain: bool = False  # one unit square per cell: the output drawn as it is

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, GridPlacement)
            and self.size == other.size
            and self.plain == other.plain
            and all(
                np.array_equal(mine, theirs)
                for mine, theirs in (
                    (self.row_starts, other.row_starts),
                    (self.row_ends, other.row_ends),
                    (self.col_starts, other.col_starts),
                    (self.col_ends, other.col_ends),
                )
            )
        )

    __hash__ = None

    def typical_cell_size(self) -> float:
        """The usual side of a drawn cell, in drawing units (1 on a plain grid)."""
        sides = np.concatenate([self.row_ends - self.row_starts, self.col_ends - self.col_starts])
        sides = sides[sides > 0]
        return float(np.median(sides)) if sides.size else 1.0

    @property
    def output_shape(self) -> tuple[int, int]:
        return len(self.row_starts), len(self.col_starts)

    def rect(self, row: int, col: int) -> Rect:
        """Where output cell (row, col) is drawn."""
        top, left = int(self.row_starts[row]), int(self.col_starts[col])
        return Rect(top, left, int(self.row_ends[row]) - top, int(self.col_ends[col]) - left)

    def offset(self, row: int, col: int) -> tuple[int, int]:
        """How far the drawing is moved from the window's own place (none on a grid)."""
        return 0, 0

    def cell_at(self, down: float, across: float) -> tuple[int, int] | None:
        """The output cell drawn at a point (``down`` rows, ``across`` columns) of the
        drawing area, or None."""
        row = locate(self.row_starts, self.row_ends, down)
        col = locate(self.col_starts, self.col_ends, across)
        return None if row is None or col is None else (row, col)

    def cells_in(self, top: float, left: float, bottom: float, right: float):
        """Output rows and columns (ranges) drawn at least partly inside a region."""
        return (
            visible_range(self.row_starts, self.row_ends, top, bottom),
            visible_range(self.col_starts, self.col_ends, left, right),
        )

    def owners(self, step: int = 1) -> tuple[np.ndarray, np.ndarray]:
        """For every ``step``-th row and column of the drawing, the output row and column drawn
        there (-1 where none)."""
        return (
            span_owners(self.row_starts, self.row_ends, self.size[0])[::step],
            span_owners(self.col_starts, self.col_ends, self.size[1])[::step],
        )

    def picture(self, output: np.ndarray, step: int = 1) -> np.ndarray:
        """The output drawn over the area, every ``step``-th cell: (C, h, w) float64, NaN
        where no cell is drawn."""
        rows, cols = self.owners(step)
        picture = output[:, np.maximum(rows, 0)][:, :, np.maximum(cols, 0)].astype(np.float64)
        picture[:, rows < 0, :] = np.nan
        picture[:, :, cols < 0] = np.nan
        return picture

    def place(self, display: np.ndarray, step: int = 1, fill=0) -> np.ndarray:
        """A prepared picture of the output (H_out, W_out) or (H_out, W_out, 3), any dtype,
        drawn over the area, every ``step``-th cell, ``fill`` where no cell is drawn: the same
        as preparing :meth:`picture`, by two gathers of the small picture instead of
        converting a picture the input's size."""
        rows, cols = self.owners(step)
        placed = np.take(np.take(display, np.maximum(rows, 0), axis=0), np.maximum(cols, 0), 1)
        placed[rows < 0] = fill
        placed[:, cols < 0] = fill
        return placed

    def rects_after(self, cells_done: int) -> list[Rect]:
        """Where the cells after the first ``cells_done`` (row-major) are drawn: the rest of
        the current row and everything below it, at most two rectangles."""
        rows, cols = self.output_shape
        if cells_done >= rows * cols:
            return []
        row, col = divmod(max(cells_done, 0), cols)
        height, width = self.size
        top, bottom = int(self.row_starts[row]), int(self.row_ends[row])
        left = int(self.col_starts[col])
        rects = [
            Rect(top, left, bottom - top, width - left),
            Rect(bottom, 0, height - bottom, width),
        ]
        return [rect for rect in rects if rect.height > 0 and rect.width > 0]


def plain_grid(output_shape: tuple[int, int]) -> GridPlacement:
    """One unit square per output cell: the ordinary view of an output."""
    rows, cols = (np.arange(length, dtype=np.int64) for length in output_shape)
    return GridPlacement(
        rows, rows + 1, cols, cols + 1, tuple(int(length) for length in output_shape), True
    )


def span_owners(starts: np.ndarray, ends: np.ndarray, length: int) -> np.ndarray:
    """For each of ``length`` positions, the span holding it (-1 if none). Spans are ordered
    and do not overlap; an empty span shares its start with the next one."""
    positions = np.arange(length)
    candidate = np.searchsorted(starts, positions, side="right") - 1
    inside = (candidate >= 0) & (positions < ends[np.maximum(candidate, 0)])
    return np.where(inside, candidate, -1)


def locate(starts: np.ndarray, ends: np.ndarray, position: float) -> int | None:
    """The span holding ``position``, or None."""
    index = int(np.searchsorted(starts, position, side="right")) - 1
    return index if index >= 0 and position < ends[index] else None


def visible_range(starts, ends, low: float, high: float) -> range:
    first = int(np.searchsorted(ends, low, side="right"))
    last = int(np.searchsorted(starts, high, side="left"))
    return range(first, max(first, last))


@dataclass(frozen=True, eq=False)
class PyramidPlacement:
    """The pyramid's levels side by side, each over its own copy of the input area: output
    cell (0, i) is drawn over its bin (the part nearer its centre than any other bin's of the
    same level), moved right by its level's offset.

    Attributes
    ----------
    grids : tuple of GridPlacement
        Each level's ``l x l`` bins over the input, in output order.
    input_size : (H, W)
    """

    grids: tuple[GridPlacement, ...]
    input_size: tuple[int, int]
    plain = False

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, PyramidPlacement)
            and self.input_size == other.input_size
            and len(self.grids) == len(other.grids)
            and all(mine == theirs for mine, theirs in zip(self.grids, other.grids))
        )

    __hash__ = None

    @property
    def output_shape(self) -> tuple[int, int]:
        return 1, sum(grid.output_shape[0] * grid.output_shape[1] for grid in self.grids)

    @property
    def size(self) -> tuple[int, int]:
        count = len(self.grids)
        return self.input_size[0], count * self.input_size[1] + (count - 1) * PYRAMID_GAP

    def locate_bin(self, col: int) -> tuple[int, int, int]:
        """(level number, bin row, bin column) of output cell (0, col)."""
        for level, grid in enumerate(self.grids):
            rows, cols = grid.output_shape
            if col < rows * cols:
                return level, *divmod(col, cols)
            col -= rows * cols
        raise IndexError(col)

    def level_offset(self, level: int) -> int:
        return level * (self.input_size[1] + PYRAMID_GAP)

    def offset(self, row: int, col: int) -> tuple[int, int]:
        return 0, self.level_offset(self.locate_bin(col)[0])

    def rect(self, row: int, col: int) -> Rect:
        level, bin_row, bin_col = self.locate_bin(col)
        rect = self.grids[level].rect(bin_row, bin_col)
        return Rect(rect.top, rect.left + self.level_offset(level), rect.height, rect.width)

    def cell_at(self, down: float, across: float) -> tuple[int, int] | None:
        level, inside = divmod(across, self.input_size[1] + PYRAMID_GAP)
        level = int(level)
        if not 0 <= level < len(self.grids) or inside >= self.input_size[1]:
            return None
        cell = self.grids[level].cell_at(down, inside)
        if cell is None:
            return None
        first = sum(grid.output_shape[0] * grid.output_shape[1] for grid in self.grids[:level])
        return 0, first + cell[0] * self.grids[level].output_shape[1] + cell[1]

    def cells_in(self, top: float, left: float, bottom: float, right: float):
        return range(1), range(self.output_shape[1])

    def typical_cell_size(self) -> float:
        return min(grid.typical_cell_size() for grid in self.grids)

    def place(self, display: np.ndarray, step: int = 1, fill=0) -> np.ndarray:
        """A prepared picture of the output (1, N) or (1, N, 3) drawn over the levels side by
        side, ``fill`` in the gaps (see :meth:`GridPlacement.place`)."""
        height, width = self.input_size
        gap = np.full((height, PYRAMID_GAP, *display.shape[2:]), fill, dtype=display.dtype)
        pictures, first = [], 0
        for level, grid in enumerate(self.grids):
            rows, cols = grid.output_shape
            cells = display[0, first : first + rows * cols].reshape(rows, cols, *display.shape[2:])
            pictures.extend([gap] * (level > 0) + [grid.place(cells, 1, fill)])
            first += rows * cols
        return np.concatenate(pictures, axis=1)[::step, ::step]

    def rects_after(self, cells_done: int) -> list[Rect]:
        """Where the cells after the first ``cells_done`` are drawn: the rest of the current
        level's bins and every later level (two rectangles a level at most)."""
        rects, first = [], 0
        for level, grid in enumerate(self.grids):
            rows, cols = grid.output_shape
            offset = self.level_offset(level)
            for rect in grid.rects_after(cells_done - first):
                rects.append(Rect(rect.top, rect.left + offset, rect.height, rect.width))
            first += rows * cols
        return rects

    def picture(self, output: np.ndarray, step: int = 1) -> np.ndarray:
        """Each level's bins drawn over its copy of the input, NaN in the gaps."""
        height, width = self.input_size
        gap = np.full((output.shape[0], height, PYRAMID_GAP), np.nan)
        pictures, first = [], 0
        for level, grid in enumerate(self.grids):
            rows, cols = grid.output_shape
            values = output[:, 0, first : first + rows * cols].reshape(-1, rows, cols)
            pictures.extend([gap] * (level > 0) + [grid.picture(values)])
            first += rows * cols
        return np.concatenate(pictures, axis=-1)[:, ::step, ::step]
