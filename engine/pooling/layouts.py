"""Window layouts: where a kind's windows lie, and how its output maps onto the input.

A kind names its layout (windowed, framework, adaptive, global, blurred or pyramid); the
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

import functools

import numpy as np

from engine.errors import PoolingError
from engine.ops.blurpool import blur_spans
from engine.ops.fractional_windows import fractional_starts
from engine.ops.frameworks import torch_geometry
from engine.ops.pyramid import pyramid_bins
from engine.ops.windows import adaptive_bounds, pool_geometry
from engine.pooling.frameworks import framework_of, geometry_of
from engine.pooling.parameters import PoolParams
from engine.pooling.placement import GridPlacement, PyramidPlacement
from engine.pooling.windows import AxisWindows, Rect, Window
from engine.text import Text, joined

AXIS_NAMES = ("H", "W")
MOST_OUTLINED_WINDOWS = 400
AXIS_WORDS = (Text("height"), Text("width"))


def plane_size(input_shape: tuple[int, ...]) -> tuple[int, int]:
    height, width = input_shape[-2:]
    return int(height), int(width)


def padded_axes(geometry) -> tuple[AxisWindows, AxisWindows]:
    """The windows along the rows and the columns of a
    :class:`~engine.ops.frameworks.PaddedGeometry` (padding before and after may differ)."""
    return tuple(
        AxisWindows(
            geometry.input_size[axis],
            geometry.window_starts(axis),
            np.full(geometry.output_size[axis], geometry.kernel[axis], dtype=np.int64),
            geometry.dilation[axis],
        )
        for axis in (0, 1)
    )


def output_size_line(geometry, axis: int, name: str, symmetric: bool) -> str:
    """``H_out = floor((H + 2p - d(k-1) - 1)/s) + 1 = ...`` with the numbers of one axis
    (``before + after`` for padding that may differ), saying when ceil mode dropped a last
    window that would start in the padding, or kept one hanging over the edge."""
    size, out = geometry.input_size[axis], geometry.output_size[axis]
    kernel, stride = geometry.kernel[axis], geometry.stride[axis]
    dilation, (low, high) = geometry.dilation[axis], geometry.pads[axis]
    ceil_mode = geometry.ceil_mode
    rounding = "ceil" if ceil_mode else "floor"
    numerator = size + low + high - dilation * (kernel - 1) - 1
    floor_count = numerator // stride + 1
    unchecked = (-(-numerator // stride) + 1) if ceil_mode else floor_count
    padding = ("2p", f"2*{low}") if symmetric else ("before + after", f"{low} + {high}")
    line = (
        f"{name}_out = {rounding}(({name} + {padding[0]} - d(k-1) - 1)/s) + 1 = "
        f"{rounding}(({size} + {padding[1]} - {dilation}*({kernel}-1) - 1)/{stride}) + 1 = "
        f"{rounding}({numerator}/{stride}) + 1 = {unchecked}"
    )
    if unchecked > out:
        return Text(
            "{line} - 1 = {out} (the last window would start at {start}, in the end padding, "
            "so it is dropped)",
            line=line,
            out=out,
            start=(unchecked - 1) * stride - low,
        )
    if ceil_mode and out > floor_count:
        return Text(
            "{line} (floor mode gives {count}: the last window hangs over)",
            line=line,
            count=floor_count,
        )
    return line


class GridLayout:
    """A layout whose windows are the product of windows along each axis (all but the
    pyramid): every answer follows from :meth:`axes`."""

    name = ""

    def axes(self, params: PoolParams, input_shape) -> tuple[AxisWindows, AxisWindows]:
        """The windows along the rows and along the columns."""
        raise NotImplementedError

    def validate(self, params: PoolParams, input_shape) -> None:
        """Raise PoolingError, in words a student understands, if the settings cannot work."""

    def formula_lines(self, params: PoolParams, input_shape, sequence: bool = False) -> list[str]:
        """The output-size arithmetic with the user's numbers, one line per axis (the length
        only, ``L``, for a ``sequence``), then the elements in and out."""
        shown = ((1, "L"),) if sequence else tuple(enumerate(AXIS_NAMES))
        lines = [self.axis_line(params, input_shape, axis, name) for axis, name in shown]
        return [*lines, self.elements_line(params, input_shape, sequence)]

    def axis_line(self, params: PoolParams, input_shape, axis: int, name: str) -> str:
        """The output-size arithmetic along one axis, called ``name`` (H, W or L)."""
        raise NotImplementedError

    def depth_axis(self, params: PoolParams, depth: int) -> AxisWindows:
        """The windows along the depth of a volume of ``depth`` slices (3D pools)."""
        raise PoolingError("This pooling has no 3D form.")

    def depth_line(self, params: PoolParams, depth: int) -> str:
        """The output-size arithmetic along the depth, in the words of :meth:`axis_line`."""
        windows = self.depth_axis(params, depth)
        return Text("D_out = {count} (depth: {depth} slices in)", count=windows.size, depth=depth)

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

    def elements_line(self, params: PoolParams, input_shape, sequence: bool = False) -> str:
        channels = input_shape[0] if len(input_shape) == 3 else 1
        height, width = plane_size(input_shape)
        out_h, out_w = self.output_shape(params, input_shape)
        elements_in, elements_out = channels * height * width, channels * out_h * out_w
        numbers = {
            "elements_in": f"{elements_in:,}",
            "elements_out": f"{elements_out:,}",
            "ratio": f"{elements_in / elements_out:.2f}",
        }
        if sequence:
            return Text(
                "{shape_in} (C x L) = {elements_in} elements in, {shape_out} = {elements_out} "
                "out: {ratio}x fewer",
                shape_in=f"{channels} x {width}",
                shape_out=f"{channels} x {out_w}",
                **numbers,
            )
        return Text(
            "{shape_in} (C x H x W) = {elements_in} elements in, {shape_out} = {elements_out} "
            "out: {ratio}x fewer",
            shape_in=f"{channels} x {height} x {width}",
            shape_out=f"{channels} x {out_h} x {out_w}",
            **numbers,
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
        return padded_axes(geometry_of(params.replace(framework="torch"), input_shape))

    def validate(self, params: PoolParams, input_shape) -> None:
        for axis, name in enumerate(AXIS_WORDS):
            kernel, padding = params.kernel_size[axis], params.padding[axis]
            dilation = params.dilation[axis]
            if padding > kernel // 2:
                raise PoolingError(
                    "Padding {axis} {padding} is too large for kernel {axis} {kernel}: padding "
                    "may be at most half the kernel ({half}), or windows would hold mostly "
                    "padding.",
                    axis=name,
                    padding=padding,
                    kernel=kernel,
                    half=kernel // 2,
                )
            span = dilation * (kernel - 1) + 1
            size = plane_size(input_shape)[axis]
            if span > size + 2 * padding:
                window = (
                    Text("kernel {kernel}, dilation {dilation}", kernel=kernel, dilation=dilation)
                    if dilation > 1
                    else Text("kernel {kernel}", kernel=kernel)
                )
                sizes = {
                    "span": span,
                    "window": window,
                    "size": size,
                    "padding": padding,
                    "padded": size + 2 * padding,
                }
                if axis == 0:
                    raise PoolingError(
                        "The window is {span} cells tall ({window}) but the input is only "
                        "{size} + 2x{padding} padding = {padded}: make the kernel or dilation "
                        "smaller, or add padding.",
                        **sizes,
                    )
                raise PoolingError(
                    "The window is {span} cells wide ({window}) but the input is only "
                    "{size} + 2x{padding} padding = {padded}: make the kernel or dilation "
                    "smaller, or add padding.",
                    **sizes,
                )
        self.geometry(params, input_shape)

    def axis_line(self, params: PoolParams, input_shape, axis: int, name: str) -> str:
        """PyTorch's output-size formula with the user's numbers."""
        geometry = geometry_of(params.replace(framework="torch"), input_shape)
        return output_size_line(geometry, axis, name, symmetric=True)

    def depth_geometry(self, params: PoolParams, depth: int):
        """The windows along the depth as PyTorch's 3D pools place them (a 1D geometry)."""
        kernel, padding = params.depth_kernel, params.depth_padding
        if padding > kernel // 2:
            raise PoolingError(
                "Depth padding {padding} is too large for depth kernel {kernel}: padding may be "
                "at most half the kernel ({half}).",
                padding=padding,
                kernel=kernel,
                half=kernel // 2,
            )
        span = params.depth_dilation * (kernel - 1) + 1
        if span > depth + 2 * padding:
            raise PoolingError(
                "The window is {span} slices deep (depth kernel {kernel}, dilation "
                "{dilation}) but the volume has only {depth} + 2x{padding} padding: "
                "make the depth kernel smaller, or add depth padding.",
                span=span,
                kernel=kernel,
                dilation=params.depth_dilation,
                depth=depth,
                padding=padding,
            )
        return torch_geometry(
            (1, depth),
            (1, kernel),
            (1, params.depth_stride),
            (0, padding),
            (1, params.depth_dilation),
            params.ceil_mode,
        )

    def depth_axis(self, params: PoolParams, depth: int) -> AxisWindows:
        return padded_axes(self.depth_geometry(params, depth))[1]

    def depth_line(self, params: PoolParams, depth: int) -> str:
        return output_size_line(self.depth_geometry(params, depth), 1, "D", symmetric=True)


class FrameworkLayout(GridLayout):
    """Max and average pooling as TensorFlow/Keras, JAX/Flax or ONNX computes it: windows
    whose padding may differ before and after (:mod:`engine.pooling.frameworks`)."""

    name = "framework"

    def axes(self, params: PoolParams, input_shape):
        return padded_axes(geometry_of(params, input_shape))

    def validate(self, params: PoolParams, input_shape) -> None:
        geometry_of(params, input_shape)

    def axis_line(self, params: PoolParams, input_shape, axis: int, name: str) -> str:
        geometry = geometry_of(params, input_shape)
        framework = framework_of(params)
        size, out, stride = (
            geometry.input_size[axis],
            geometry.output_size[axis],
            geometry.stride[axis],
        )
        low, high = geometry.pads[axis]
        if params.same_padding or params.auto_pad.startswith("SAME"):
            return Text(
                "{name}_out = ceil({name}/s) = ceil({size}/{stride}) = {out}; {same} pads "
                "max((out-1)s + k - {name}, 0) = {total}: {low} before, {high} after",
                name=name,
                size=size,
                stride=stride,
                out=out,
                same=framework.same_name,
                total=low + high,
                low=low,
                high=high,
            )
        line = output_size_line(geometry, axis, name, symmetric=False)
        return joined(" ", [line, f"({framework.label})"])


def adaptive_line(name: str, size: int, out: int) -> str:
    return Text(
        "{name}_out = {out} (adaptive): window i spans [floor(i*{size}/{out}), "
        "ceil((i+1)*{size}/{out}))",
        name=name,
        out=out,
        size=size,
    )


class AdaptiveLayout(GridLayout):
    """A fixed output size; window ``i`` spans ``[floor(i L / O), ceil((i + 1) L / O))``."""

    name = "adaptive"

    def axes(self, params: PoolParams, input_shape):
        return tuple(
            AxisWindows.from_bounds(length, *adaptive_bounds(length, size))
            for length, size in zip(plane_size(input_shape), params.output_size)
        )

    def axis_line(self, params: PoolParams, input_shape, axis: int, name: str) -> str:
        size, out = plane_size(input_shape)[axis], params.output_size[axis]
        return adaptive_line(name, size, out)

    def depth_axis(self, params: PoolParams, depth: int) -> AxisWindows:
        return AxisWindows.from_bounds(depth, *adaptive_bounds(depth, params.depth_output))

    def depth_line(self, params: PoolParams, depth: int) -> str:
        return adaptive_line("D", depth, params.depth_output)


class FractionalLayout(GridLayout):
    """Fractional max pooling (Graham 2014): windows of the kernel's size whose starts step
    by 1 or 2 cells in a pseudo-random sequence, so the output can be any size. One pair of
    samples per image, drawn from the seed, places every channel's windows (PyTorch draws a
    pair per channel); computed in float64."""

    name = "fractional"

    @staticmethod
    def samples(params: PoolParams) -> np.ndarray:
        """The image's samples in [0, 1): the width's, the height's and (for a volume) the
        depth's."""
        return np.random.default_rng(params.seed).random(3)

    def axes(self, params: PoolParams, input_shape):
        width_sample, height_sample, _ = self.samples(params)
        return tuple(
            AxisWindows(
                length, fractional_starts(length, out, kernel, float(sample)), np.full(out, kernel)
            )
            for length, out, kernel, sample in zip(
                plane_size(input_shape),
                params.output_size,
                params.kernel_size,
                (height_sample, width_sample),
            )
        )

    def overview_rects(self, params: PoolParams, input_shape) -> list[Rect]:
        """Every window, outlined on the input so the irregular steps show (up to
        :data:`MOST_OUTLINED_WINDOWS` of them)."""
        rows, cols = self.axes(params, input_shape)
        if rows.size * cols.size > MOST_OUTLINED_WINDOWS:
            return []
        return [
            Rect(int(top), int(left), int(height), int(width))
            for top, height in zip(rows.starts, rows.ends - rows.starts)
            for left, width in zip(cols.starts, cols.ends - cols.starts)
        ]

    def validate(self, params: PoolParams, input_shape) -> None:
        for axis, name in enumerate(AXIS_WORDS):
            size, out = plane_size(input_shape)[axis], params.output_size[axis]
            kernel = params.kernel_size[axis]
            if out + kernel - 1 > size:
                raise PoolingError(
                    "Output {axis} {output} with kernel {axis} {kernel} needs at least "
                    "{needed} input cells (output + kernel - 1), but the input's {axis} is "
                    "{size}: make the output or the kernel smaller.",
                    axis=name,
                    output=out,
                    kernel=kernel,
                    needed=out + kernel - 1,
                    size=size,
                )

    def axis_line(self, params: PoolParams, input_shape, axis: int, name: str) -> str:
        size, out = plane_size(input_shape)[axis], params.output_size[axis]
        kernel = params.kernel_size[axis]
        return self.sequence_line(name, size, out, kernel, self.samples(params)[1 - axis], params)

    @staticmethod
    def sequence_line(name: str, size: int, out: int, kernel: int, sample, params) -> str:
        alpha = (size - kernel) / (out - 1) if out > 1 else 0.0
        return Text(
            "{name}_out = {out} (fractional): windows of {kernel} start at int((i + u)a) - "
            "int(ua), a = ({name} - k)/({name}_out - 1) = ({size} - {kernel})/({out} - 1) = "
            "{alpha}, u = {sample} (seed {seed}); the last at {name} - k = {last}",
            name=name,
            out=out,
            kernel=kernel,
            size=size,
            alpha=f"{alpha:.4g}",
            sample=f"{sample:.4f}",
            seed=params.seed,
            last=size - kernel,
        )

    def depth_axis(self, params: PoolParams, depth: int) -> AxisWindows:
        out, kernel = params.depth_output, params.depth_kernel
        if out + kernel - 1 >= depth:  # PyTorch's 3D check is strict
            raise PoolingError(
                "Output depth {output} with depth kernel {kernel} needs more than "
                "{needed} slices (output + kernel - 1), but the volume has {depth}: "
                "make the output depth or the depth kernel smaller.",
                output=out,
                kernel=kernel,
                needed=out + kernel - 1,
                depth=depth,
            )
        starts = fractional_starts(depth, out, kernel, float(self.samples(params)[2]))
        return AxisWindows(depth, starts, np.full(out, kernel))

    def depth_line(self, params: PoolParams, depth: int) -> str:
        return self.sequence_line(
            "D", depth, params.depth_output, params.depth_kernel, self.samples(params)[2], params
        )


class GlobalLayout(GridLayout):
    """One window, the whole input: one value per channel."""

    name = "global"

    def axes(self, params: PoolParams, input_shape):
        return tuple(
            AxisWindows(length, np.zeros(1, dtype=np.int64), np.full(1, length, dtype=np.int64))
            for length in plane_size(input_shape)
        )

    def formula_lines(self, params: PoolParams, input_shape, sequence: bool = False) -> list[str]:
        return [
            Text("L_out = 1: one value per channel, whatever the input size")
            if sequence
            else Text("H_out = W_out = 1: one value per channel, whatever the input size"),
            self.elements_line(params, input_shape, sequence),
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
                    "The kernel {axis} {kernel} is larger than the input's {axis} {size}: "
                    "BlurPool does not pad, so make the kernel smaller.",
                    axis=name,
                    kernel=kernel,
                    size=size,
                )

    def axis_line(self, params: PoolParams, input_shape, axis: int, name: str) -> str:
        size = plane_size(input_shape)[axis]
        kernel, stride = params.kernel_size[axis], params.stride[axis]
        return Text(
            "{name}_out = ceil(({name} - k + 1)/s) = ceil(({size} - {kernel} + 1)/{stride}) = "
            "{out}: max with stride 1, then a {taps}-tap blur every {stride} cells",
            name=name,
            size=size,
            kernel=kernel,
            stride=stride,
            out=-(-(size - kernel + 1) // stride),
            taps=params.blur_size,
        )


@functools.lru_cache(maxsize=8)
def bins_of(size: tuple[int, int], levels: tuple[int, ...]) -> tuple:
    """The pyramid's bins for an input plane of ``size`` (H, W), built once per size and
    levels: the views ask for one bin per cell, and rebuilding all of them for each (8,192
    bins at levels 64,64) stalled the window for minutes."""
    return tuple(pyramid_bins(size, levels))


class PyramidLayout:
    """Spatial pyramid: ``l x l`` adaptive bins for each level ``l``, shown as one output row
    of ``sum(l * l)`` cells (level by level, bins row-major)."""

    name = "pyramid"

    def bins(self, params: PoolParams, input_shape):
        return bins_of(plane_size(input_shape), tuple(params.levels))

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
        """Every bin of every level, outlined on the input (up to
        :data:`MOST_OUTLINED_WINDOWS` of them)."""
        bins = self.bins(params, input_shape)
        if len(bins) > MOST_OUTLINED_WINDOWS:
            return []
        return [
            Rect(
                chosen.row_start,
                chosen.col_start,
                chosen.row_end - chosen.row_start,
                chosen.col_end - chosen.col_start,
            )
            for chosen in bins
        ]

    def formula_lines(self, params: PoolParams, input_shape, sequence: bool = False) -> list[str]:
        bins = " + ".join(f"{level}x{level}" for level in params.levels)
        total = sum(level * level for level in params.levels)
        channels = input_shape[0] if len(input_shape) == 3 else 1
        height, width = plane_size(input_shape)
        return [
            Text(
                "{bins} bins = {total} values per channel, whatever the input size",
                bins=bins,
                total=total,
            ),
            Text(
                "{shape_in} (C x H x W) = {elements_in} elements in, {shape_out} = "
                "{elements_out} out",
                shape_in=f"{channels} x {height} x {width}",
                elements_in=f"{channels * height * width:,}",
                shape_out=f"{channels} x {total}",
                elements_out=f"{channels * total:,}",
            ),
        ]


WINDOWED = WindowedLayout()
FRAMEWORK = FrameworkLayout()
FRACTIONAL = FractionalLayout()
ADAPTIVE = AdaptiveLayout()
GLOBAL = GlobalLayout()
BLURRED = BlurredLayout()
PYRAMID = PyramidLayout()
