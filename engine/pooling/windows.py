"""Windows along one axis, and the window of one output cell, in a form every layout shares.

Along each axis, every layout's windows are arithmetic runs of input positions: window ``o``
covers ``starts[o] + step * j`` for ``j < counts[o]`` (positions outside ``[0, length)`` are
padding). Windowed pools have equal counts and a step of their dilation; adaptive, global and
pyramid bins have a step of 1 and counts that vary. :class:`AxisWindows` answers, once for all
layouts, which windows hold a position, which window a position is drawn under, and how many
windows hold each position.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Rect:
    """A rectangle of input cells: rows ``top .. top + height - 1``, likewise columns."""

    top: int
    left: int
    height: int
    width: int

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def right(self) -> int:
        return self.left + self.width

    def contains(self, other: Rect) -> bool:
        return (
            self.top <= other.top
            and self.left <= other.left
            and other.bottom <= self.bottom
            and other.right <= self.right
        )


def as_index(positions: np.ndarray) -> slice | np.ndarray:
    """A slice for an evenly spaced increasing run of positions, else the positions."""
    if len(positions) == 0:
        return positions
    first = int(positions[0])
    step = int(positions[1] - positions[0]) if len(positions) > 1 else 1
    if step > 0 and np.array_equal(positions, first + step * np.arange(len(positions))):
        return slice(first, first + step * (len(positions) - 1) + 1, step)
    return positions


@dataclass(frozen=True)
class Window:
    """The input cells one output cell was computed from: every (row, col) of ``rows x cols``.

    Attributes
    ----------
    rows, cols : ndarray of int64
        The window's positions along each axis, in order; negative or past the edge inside the
        padding. A cell is padding when its row or its column is outside the input.
    input_size : (H, W)
    """

    rows: np.ndarray
    cols: np.ndarray
    input_size: tuple[int, int]

    @property
    def size(self) -> int:
        """Cells in the window, padding included."""
        return len(self.rows) * len(self.cols)

    def real_rows(self) -> np.ndarray:
        return self.rows[(self.rows >= 0) & (self.rows < self.input_size[0])]

    def real_cols(self) -> np.ndarray:
        return self.cols[(self.cols >= 0) & (self.cols < self.input_size[1])]

    @property
    def real_size(self) -> int:
        """Cells of the window inside the input."""
        return len(self.real_rows()) * len(self.real_cols())

    def real_positions(self) -> tuple[np.ndarray, np.ndarray]:
        """Row and column of every real cell, row-major: two int64 arrays of equal length."""
        rows, cols = np.meshgrid(self.real_rows(), self.real_cols(), indexing="ij")
        return rows.ravel(), cols.ravel()

    def real_values(self, image: np.ndarray) -> np.ndarray:
        """The real cells of ``image`` (C, H, W), per channel and row-major: (C, n_real).

        Rows and columns that form an evenly spaced run are read as slices, so the window of a
        global pool over a large image is a view and a sum, not a gather of millions of
        positions (it took 100-270 ms a step on 1200 x 1600)."""
        rows, cols = as_index(self.real_rows()), as_index(self.real_cols())
        values = image[:, rows][:, :, cols]
        return values.reshape(image.shape[0], -1)

    def real_cells(self) -> list[tuple[int, int]]:
        """Every real (row, col), row-major (for small windows)."""
        return [(int(row), int(col)) for row in self.real_rows() for col in self.real_cols()]

    def cells(self) -> list[tuple[int, int, bool]]:
        """Every (row, col, is_padding) in row-major order (for small windows: the views
        draw large ones by their outline)."""
        height, width = self.input_size
        return [
            (int(row), int(col), not (0 <= row < height and 0 <= col < width))
            for row in self.rows
            for col in self.cols
        ]

    @property
    def extent(self) -> Rect:
        """The bounding rectangle of the window, padding included."""
        top, left = int(self.rows.min()), int(self.cols.min())
        return Rect(top, left, int(self.rows.max()) - top + 1, int(self.cols.max()) - left + 1)


@dataclass(frozen=True)
class AxisWindows:
    """Every window along one axis of length ``length``.

    Attributes
    ----------
    length : int
        Input cells along the axis.
    starts, counts : ndarray of shape (O,), int64
        Window ``o`` covers ``starts[o] + step * j`` for ``j < counts[o]``.
    step : int
        Distance between a window's cells (the dilation of a windowed pool).
    """

    length: int
    starts: np.ndarray
    counts: np.ndarray
    step: int = 1

    @classmethod
    def from_bounds(cls, length: int, starts: np.ndarray, ends: np.ndarray) -> AxisWindows:
        """Contiguous windows ``[starts[o], ends[o])``."""
        starts = np.asarray(starts, dtype=np.int64)
        return cls(length, starts, np.asarray(ends, dtype=np.int64) - starts, 1)

    @property
    def size(self) -> int:
        return len(self.starts)

    @property
    def ends(self) -> np.ndarray:
        """One past the last position of each window."""
        return self.starts + (self.counts - 1) * self.step + 1

    def positions(self, index: int) -> np.ndarray:
        return self.starts[index] + self.step * np.arange(self.counts[index], dtype=np.int64)

    def containing(self, position: int) -> np.ndarray:
        """The windows that hold ``position`` (as one of their cells, not merely inside their
        extent), in order."""
        offset = position - self.starts
        holds = (offset >= 0) & (offset % self.step == 0) & (offset // self.step < self.counts)
        return np.nonzero(holds)[0]

    def owners(self) -> np.ndarray:
        """For each input position, the window it is drawn under when the output is shown at
        the input's scale: of the windows whose extent holds it, the one whose centre is
        nearest (the first on a tie); -1 where no window reaches.

        Windows are ordered so that starts and ends never decrease, which makes the windows
        holding a position a contiguous run ``[first, last)``.

        Returns
        -------
        ndarray of shape (length,), int64
        """
        positions = np.arange(self.length, dtype=np.int64)
        ends = self.ends
        first = np.searchsorted(ends, positions, side="right")
        last = np.searchsorted(self.starts, positions, side="right")
        centres = (self.starts + ends - 1) / 2.0
        before = np.clip(np.searchsorted(centres, positions, side="left") - 1, first, last - 1)
        after = np.clip(before + 1, first, last - 1)
        nearer = np.where(
            np.abs(centres[after] - positions) < np.abs(centres[before] - positions),
            after,
            before,
        )
        return np.where(first < last, nearer, -1)

    def owned_spans(self) -> tuple[np.ndarray, np.ndarray]:
        """Per window, the run ``[start, end)`` of positions drawn under it (see :meth:`owners`);
        empty (start == end) for a window that no position is drawn under."""
        owners = self.owners()
        drawn = np.nonzero(owners >= 0)[0]
        windows = np.arange(self.size)
        first = np.searchsorted(owners[drawn], windows, side="left")
        last = np.searchsorted(owners[drawn], windows, side="right")
        padded = np.append(drawn, drawn[-1] + 1 if drawn.size else 0)
        starts = padded[np.minimum(first, len(drawn))]
        ends = np.where(last > first, padded[np.maximum(last - 1, 0)] + 1, starts)
        return starts, ends

    def membership(self, weights: np.ndarray) -> np.ndarray:
        """Sum, at every input position, the weights of the windows that hold it.

        Parameters
        ----------
        weights : ndarray of shape (..., O)

        Returns
        -------
        ndarray of shape (..., length), float64
            Padding positions are dropped.
        """
        leading = weights.shape[:-1]
        columns = np.asarray(weights, dtype=np.float64).reshape(-1, self.size).T  # (O, rows)
        if self.step == 1:
            # A difference array: +w where a window starts, -w where it ends, then a running sum.
            marks = np.zeros((self.length + 1, columns.shape[1]))
            np.add.at(marks, np.clip(self.starts, 0, self.length), columns)
            np.add.at(marks, np.clip(self.ends, 0, self.length), -columns)
            total = np.cumsum(marks[:-1], axis=0)
        else:
            total = np.zeros((self.length, columns.shape[1]))
            for offset in range(int(self.counts.max())):
                positions = self.starts + offset * self.step
                inside = (offset < self.counts) & (positions >= 0) & (positions < self.length)
                np.add.at(total, positions[inside], columns[inside])
        return total.T.reshape(leading + (self.length,))
