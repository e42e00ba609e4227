"""Window layouts: where a kind's windows lie, and how its output maps onto the input.

A kind names its layout (windowed, same-padded, adaptive, global, blurred or pyramid); the
layout answers every question the views, the animation and the formula strip ask about
windows, so none of them needs to know which kind it is looking at:

- :meth:`output_shape`, :meth:`window_of` (the input cells of an output cell),
  :meth:`coverage_of` (the output cells an input cell feeds), :meth:`output_rect` (the input
  area an output cell's window covers), :meth:`placement` (where each output cell is drawn
  when the output is shown at the input's scale), :meth:`membership_counts` (how many windows
  hold each input cell), :meth:`formula_lines` (the output-size arithmetic with the user's
  numbers) and :meth:`validate` (a refusal in words a student understands).

Input shapes are ``(C, H, W)`` (or just ``(H, W)``); outputs are grids ``(H_out, W_out)``.
Settings reach a layout already reduced to what its kind uses (see
:meth:`engine.pooling.kinds.PoolKind.effective`).
"""

from __future__ import annotations

import math

import numpy as np

from engine.errors import PoolingError
from engine.ops.blurpool import blur_spans
from engine.ops.pyramid import pyramid_bins
from engine.ops.same_padding import same_padding
from engine.ops.windows import adaptive_bounds, pool_geometry
from engine.pooling.parameters import PoolParams
from engine.pooling.placement import GridPlacement, PyramidPlacement
from engine.pooling.windows import AxisWindows, Rect, Window

AXIS_NAMES = ("H", "W")
AXIS_WORDS = ("height", "width")


def plane_size(input_shape: tuple[int, ...]) -> tuple[int, int]:
    height, width = input_shape[-2:]
    return int(height), int(width)


class GridLayout:
    """A layout whose windows are the product of windows along each axis (all but the
    pyramid): every answer follows from :meth:`axes`."""

    name = ""

    def axes(self, params: PoolParams, input_shape) -> tuple[AxisWindows, AxisWindows]:
        """The windows along the rows and along the columns."""
        raise NotImplementedError

    def validate(self, params: PoolParams, input_shape) -> None:
        """Raise PoolingError, in words a student understands, if the settings cannot work."""

    def formula_lines(self, params: PoolParams, input_shape) -> list[str]:
        raise NotImplementedError

    def output_shape(self, params: PoolParams, input_shape) -> tuple[int, int]:
        rows, cols = self.axes(params, input_shape)
        return rows.size, cols.size

    def window_of(self, params: PoolParams, input_shape, row: int, col: int) -> Window:
        rows, cols = self.axes(params, input_shape)
        return Window(rows.positions(row), cols.positions(col), plane_size(input_shape))

    def coverage_of(self, params: PoolParams, input_shape, row: int, col: int):
        """Output cells whose window holds input cell (row, col), row-major.

        Returns
        -------
        list of (out_row, out_col)
        """
        rows, cols = self.axes(params, input_shape)
        return [
            (int(out_row), int(out_col))
            for out_row in rows.containing(row)
            for out_col in cols.containing(col)
        ]

    def output_rect(self, params: PoolParams, input_shape, row: int, col: int) -> Rect:
        """The input area (padding included) that output cell (row, col)'s window covers."""
        rows, cols = self.axes(params, input_shape)
        top, left = int(rows.starts[row]), int(cols.starts[col])
        return Rect(top, left, int(rows.ends[row]) - top, int(cols.ends[col]) - left)

    def placement(self, params: PoolParams, input_shape) -> GridPlacement:
        """Where each output cell is drawn over the input (see :class:`GridPlacement`)."""
        rows, cols = self.axes(params, input_shape)
        return GridPlacement(*rows.owned_spans(), *cols.owned_spans(), plane_size(input_shape))

    def membership_counts(self, params: PoolParams, input_shape, mask: np.ndarray):
        """How many of the windows selected by ``mask`` hold each input cell.

        Parameters
        ----------
        mask : ndarray of shape (C, H_out, W_out)
            1 for a window that counts, 0 for one that does not (yet).

        Returns
        -------
        ndarray of shape (C, H, W), float64
        """
        rows, cols = self.axes(params, input_shape)
        across = cols.membership(mask)  # (C, H_out, W)
        return np.swapaxes(rows.membership(np.swapaxes(across, -1, -2)), -1, -2)

    def export_form(self, output: np.ndarray) -> np.ndarray:
        """The output as it is written to a file (the grid itself)."""
        return output

    def overview_rects(self, params: PoolParams, input_shape) -> list[Rect]:
        """Windows worth outlining on the input all the time (none for a grid of windows)."""
        return []

    def reach(self, params: PoolParams, input_shape) -> Rect:
        """The area every window together covers, padding included."""
        rows, cols = self.axes(params, input_shape)
        top, left = int(rows.starts.min()), int(cols.starts.min())
        return Rect(top, left, int(rows.ends.max()) - top, int(cols.ends.max()) - left)

    def elements_line(self, params: PoolParams, input_shape) -> str:
        channels = input_shape[0] if len(input_shape) == 3 else 1
        height, width = plane_size(input_shape)
        out_h, out_w = self.output_shape(params, input_shape)
        elements_in, elements_out = channels * height * width, channels * out_h * out_w
        return (
            f"{channels} x {height} x {width} (C x H x W) = {elements_in:,} elements in, "
            f"{channels} x {out_h} x {out_w} = {elements_out:,} out: "
            f"{elements_in / elements_out:.2f}x fewer"
        )


class WindowedLayout(GridLayout):
    """PyTorch's sliding windows: kernel, stride, symmetric padding, dilation, ceil mode."""

    name = "windowed"

    def geometry(self, params: PoolParams, input_shape):
        return pool_geometry(
            "pooling",
            (1, 1, *plane_size(input_shape)),
            params.kernel_size,
            params.stride,
            params.padding,
            params.dilation,
            params.ceil_mode,
        )

    def axes(self, params: PoolParams, input_shape):
        geometry = self.geometry(params, input_shape)
        return tuple(
            AxisWindows(
                geometry.input_size[axis],
                geometry.window_starts(axis),
                np.full(geometry.output_size[axis], geometry.kernel_size[axis], dtype=np.int64),
                geometry.dilation[axis],
            )
            for axis in (0, 1)
        )

    def validate(self, params: PoolParams, input_shape) -> None:
        for axis, name in enumerate(AXIS_WORDS):
            kernel, pad = params.kernel_size[axis], params.padding[axis]
            dilation = params.dilation[axis]
            if pad > kernel // 2:
                raise PoolingError(
                    f"Padding {name} {pad} is too large for kernel {name} {kernel}: padding "
                    f"may be at most half the kernel ({kernel // 2}), or windows would hold "
                    "mostly padding."
                )
            span = dilation * (kernel - 1) + 1
            size = plane_size(input_shape)[axis]
            if span > size + 2 * pad:
                raise PoolingError(
                    f"The window is {span} cells {'tall' if axis == 0 else 'wide'} (kernel "
                    f"{kernel}{f', dilation {dilation}' if dilation > 1 else ''}) but the "
                    f"input is only {size} + 2x{pad} padding = {size + 2 * pad}: make the "
                    "kernel or dilation smaller, or add padding."
                )
        self.geometry(params, input_shape)

    def formula_lines(self, params: PoolParams, input_shape) -> list[str]:
        """PyTorch's output-size formula with the user's numbers, per axis."""
        geometry = self.geometry(params, input_shape)
        rounding = "ceil" if params.ceil_mode else "floor"
        lines = []
        for axis, name in enumerate(AXIS_NAMES):
            size = geometry.input_size[axis]
            kernel, stride = geometry.kernel_size[axis], geometry.stride[axis]
            pad, dilation = geometry.padding[axis], geometry.dilation[axis]
            out = geometry.output_size[axis]
            numerator = size + 2 * pad - dilation * (kernel - 1) - 1
            unchecked = (-(-numerator // stride) if params.ceil_mode else numerator // stride) + 1
            line = (
                f"{name}_out = {rounding}(({name} + 2p - d(k-1) - 1)/s) + 1 = "
                f"{rounding}(({size} + 2*{pad} - {dilation}*({kernel}-1) - 1)/{stride}) + 1 = "
                f"{rounding}({numerator}/{stride}) + 1 = {unchecked}"
            )
            if unchecked > out:
                line += (
                    f" - 1 = {out} (the last window would start at "
                    f"{(unchecked - 1) * stride - pad}, past the input and its left padding, "
                    "so it is dropped)"
                )
            elif params.ceil_mode and out > numerator // stride + 1:
                line += f" (floor mode gives {numerator // stride + 1}: the last window hangs over)"
            lines.append(line)
        return [*lines, self.elements_line(params, input_shape)]


class SamePaddedLayout(GridLayout):
    """TensorFlow/Keras ``padding="same"``: ``ceil(L / s)`` windows, the odd extra padding
    cell at the bottom/right."""

    name = "same-padded"

    def axes(self, params: PoolParams, input_shape):
        axes = []
        for length, kernel, stride in zip(
            plane_size(input_shape), params.kernel_size, params.stride
        ):
            before, _ = same_padding(length, kernel, stride)
            count = math.ceil(length / stride)
            starts = np.arange(count, dtype=np.int64) * stride - before
            axes.append(AxisWindows(length, starts, np.full(count, kernel, dtype=np.int64)))
        return tuple(axes)

    def formula_lines(self, params: PoolParams, input_shape) -> list[str]:
        lines = []
        for axis, name in enumerate(AXIS_NAMES):
            size = plane_size(input_shape)[axis]
            kernel, stride = params.kernel_size[axis], params.stride[axis]
            before, after = same_padding(size, kernel, stride)
            out = math.ceil(size / stride)
            lines.append(
                f"{name}_out = ceil({name}/s) = ceil({size}/{stride}) = {out}; "
                f"'same' pads max((out-1)s + k - {name}, 0) = {before + after}: {before} before, "
                f"{after} after (PyTorch pads the same number on both sides)"
            )
        return [*lines, self.elements_line(params, input_shape)]


class AdaptiveLayout(GridLayout):
    """A fixed output size; window ``i`` spans ``[floor(i L / O), ceil((i + 1) L / O))``."""

    name = "adaptive"

    def axes(self, params: PoolParams, input_shape):
        return tuple(
            AxisWindows.from_bounds(length, *adaptive_bounds(length, size))
            for length, size in zip(plane_size(input_shape), params.output_size)
        )

    def formula_lines(self, params: PoolParams, input_shape) -> list[str]:
        lines = [
            f"{name}_out = {out} (adaptive): window i spans [floor(i*{size}/{out}), "
            f"ceil((i+1)*{size}/{out}))"
            for name, size, out in zip(AXIS_NAMES, plane_size(input_shape), params.output_size)
        ]
        return [*lines, self.elements_line(params, input_shape)]


class GlobalLayout(GridLayout):
    """One window, the whole input: one value per channel."""

    name = "global"

    def axes(self, params: PoolParams, input_shape):
        return tuple(
            AxisWindows(length, np.zeros(1, dtype=np.int64), np.full(1, length, dtype=np.int64))
            for length in plane_size(input_shape)
        )

    def formula_lines(self, params: PoolParams, input_shape) -> list[str]:
        return [
            "H_out = W_out = 1: one value per channel, whatever the input size",
            self.elements_line(params, input_shape),
        ]


class BlurredLayout(GridLayout):
    """BlurPool: stride-1 max windows, then a blur evaluated every ``stride`` cells; an output
    cell depends on the input cells its blur taps' max windows cover."""

    name = "blurred"

    def axes(self, params: PoolParams, input_shape):
        return tuple(
            AxisWindows.from_bounds(length, *blur_spans(length, kernel, stride, params.blur_size))
            for length, kernel, stride in zip(
                plane_size(input_shape), params.kernel_size, params.stride
            )
        )

    def validate(self, params: PoolParams, input_shape) -> None:
        for axis, name in enumerate(AXIS_WORDS):
            size, kernel = plane_size(input_shape)[axis], params.kernel_size[axis]
            if kernel > size:
                raise PoolingError(
                    f"The kernel {name} {kernel} is larger than the input's {name} {size}: "
                    "BlurPool does not pad, so make the kernel smaller."
                )

    def formula_lines(self, params: PoolParams, input_shape) -> list[str]:
        lines = []
        for axis, name in enumerate(AXIS_NAMES):
            size = plane_size(input_shape)[axis]
            kernel, stride = params.kernel_size[axis], params.stride[axis]
            lines.append(
                f"{name}_out = ceil(({name} - k + 1)/s) = ceil(({size} - {kernel} + 1)/{stride})"
                f" = {-(-(size - kernel + 1) // stride)}: max with stride 1, then a "
                f"{params.blur_size}-tap blur every {stride} cells"
            )
        return [*lines, self.elements_line(params, input_shape)]


class PyramidLayout:
    """Spatial pyramid: ``l x l`` adaptive bins for each level ``l``, shown as one output row
    of ``sum(l * l)`` cells (level by level, bins row-major)."""

    name = "pyramid"

    def bins(self, params: PoolParams, input_shape):
        return pyramid_bins(plane_size(input_shape), params.levels)

    def validate(self, params: PoolParams, input_shape) -> None:
        """Nothing beyond the levels' declared range."""

    def output_shape(self, params: PoolParams, input_shape) -> tuple[int, int]:
        return 1, sum(level * level for level in params.levels)

    def window_of(self, params: PoolParams, input_shape, row: int, col: int) -> Window:
        chosen = self.bins(params, input_shape)[col]
        return Window(
            np.arange(chosen.row_start, chosen.row_end, dtype=np.int64),
            np.arange(chosen.col_start, chosen.col_end, dtype=np.int64),
            plane_size(input_shape),
        )

    def coverage_of(self, params: PoolParams, input_shape, row: int, col: int):
        return [
            (0, index)
            for index, chosen in enumerate(self.bins(params, input_shape))
            if chosen.row_start <= row < chosen.row_end and chosen.col_start <= col < chosen.col_end
        ]

    def output_rect(self, params: PoolParams, input_shape, row: int, col: int) -> Rect:
        chosen = self.bins(params, input_shape)[col]
        return Rect(
            chosen.row_start,
            chosen.col_start,
            chosen.row_end - chosen.row_start,
            chosen.col_end - chosen.col_start,
        )

    def placement(self, params: PoolParams, input_shape) -> PyramidPlacement:
        grids = tuple(
            ADAPTIVE.placement(params.replace(output_size=(level, level)), input_shape)
            for level in params.levels
        )
        return PyramidPlacement(grids, plane_size(input_shape))

    def membership_counts(self, params: PoolParams, input_shape, mask: np.ndarray):
        """Per level, the bins selected by ``mask`` (C, 1, sum(l * l)) that hold each cell."""
        height, width = plane_size(input_shape)
        counts = np.zeros(mask.shape[:-2] + (height, width))
        start = 0
        for level in params.levels:
            level_params = params.replace(output_size=(level, level))
            part = mask[..., 0, start : start + level * level]
            counts += ADAPTIVE.membership_counts(
                level_params, input_shape, part.reshape(part.shape[:-1] + (level, level))
            )
            start += level * level
        return counts

    def export_form(self, output: np.ndarray) -> np.ndarray:
        """The fixed-length vector per channel, (C, sum(l * l))."""
        return output[..., 0, :]

    def reach(self, params: PoolParams, input_shape) -> Rect:
        """The bins cover the input exactly."""
        return Rect(0, 0, *plane_size(input_shape))

    def overview_rects(self, params: PoolParams, input_shape) -> list[Rect]:
        """Every bin of every level, outlined on the input."""
        return [
            self.output_rect(params, input_shape, 0, index)
            for index in range(self.output_shape(params, input_shape)[1])
        ]

    def formula_lines(self, params: PoolParams, input_shape) -> list[str]:
        bins = " + ".join(f"{level}x{level}" for level in params.levels)
        total = sum(level * level for level in params.levels)
        channels = input_shape[0] if len(input_shape) == 3 else 1
        height, width = plane_size(input_shape)
        return [
            f"{bins} bins = {total} values per channel, whatever the input size",
            f"{channels} x {height} x {width} (C x H x W) = {channels * height * width:,} "
            f"elements in, {channels} x {total} = {channels * total:,} out",
        ]


WINDOWED = WindowedLayout()
SAME_PADDED = SamePaddedLayout()
ADAPTIVE = AdaptiveLayout()
GLOBAL = GlobalLayout()
BLURRED = BlurredLayout()
PYRAMID = PyramidLayout()
