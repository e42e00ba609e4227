"""The pooling a user has set up, as one value, and everything the views need to know about it.

Headless (NumPy only) so the window, the command line, the animation and the tests share it:
:class:`PoolParams` holds the settings, :func:`run_pool` computes through
``engine.functional``, :func:`window_of` tells which input cells an output cell came from,
:func:`coverage_of` which output cells an input pixel feeds, and :func:`formula_lines` writes
the output-size arithmetic with the user's numbers.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np

from engine import functional as F
from engine.errors import PoolingError
from engine.windows import PoolGeometry, adaptive_bounds, pool_geometry


@dataclass(frozen=True)
class PoolType:
    """What a pooling type needs from the controls."""

    name: str
    label: str
    windowed: bool = True  # kernel, stride, padding, ceil mode apply
    padding: bool = True
    dilation: bool = False
    average_options: bool = False  # count_include_pad, divisor_override
    norm: bool = False
    adaptive: bool = False
    has_indices: bool = False


POOL_TYPES: dict[str, PoolType] = {
    "max": PoolType("max", "Max", dilation=True, has_indices=True),
    "avg": PoolType("avg", "Average", average_options=True),
    "lp": PoolType("lp", "Lp (power average)", padding=False, norm=True),
    "adaptive_max": PoolType(
        "adaptive_max", "Adaptive max", windowed=False, adaptive=True, has_indices=True
    ),
    "adaptive_avg": PoolType("adaptive_avg", "Adaptive average", windowed=False, adaptive=True),
}


@dataclass(frozen=True)
class PoolParams:
    """Every setting of one pooling layer, in torch's terms; per-axis values are (H, W)."""

    pool_type: str = "max"
    kernel_size: tuple[int, int] = (2, 2)
    stride: tuple[int, int] = (2, 2)
    padding: tuple[int, int] = (0, 0)
    dilation: tuple[int, int] = (1, 1)
    ceil_mode: bool = False
    count_include_pad: bool = True
    divisor_override: int | None = None
    norm_type: float = 2.0
    output_size: tuple[int, int] = (7, 7)

    @property
    def spec(self) -> PoolType:
        return POOL_TYPES[self.pool_type]

    def replace(self, **changes) -> PoolParams:
        return dataclasses.replace(self, **changes)


@dataclass
class PoolResult:
    """A forward pass: the output and, for max types, the arg-max flat indices."""

    params: PoolParams
    input_shape: tuple[int, ...]
    output: np.ndarray  # (C, H_out, W_out)
    indices: np.ndarray | None = None  # (C, H_out, W_out) int64
    extras: dict = field(default_factory=dict)


def geometry_of(params: PoolParams, input_shape: tuple[int, ...]) -> PoolGeometry:
    """Window geometry of a windowed pool for a (C, H, W) input; raises PoolingError."""
    spec = params.spec
    return pool_geometry(
        f"{params.pool_type} pool",
        (1, *input_shape),
        params.kernel_size,
        params.stride,
        params.padding if spec.padding else 0,
        params.dilation if spec.dilation else 1,
        params.ceil_mode,
    )


def validate(params: PoolParams, input_shape: tuple[int, ...]) -> None:
    """Raise PoolingError, in words a student understands, if the settings cannot work."""
    if params.pool_type not in POOL_TYPES:
        raise PoolingError(f"Unknown pooling type '{params.pool_type}'.")
    spec = params.spec
    height, width = input_shape[-2:]
    if spec.adaptive:
        if min(params.output_size) < 1:
            raise PoolingError("Output size must be at least 1x1.")
        return
    for axis, name in enumerate(("height", "width")):
        kernel, stride = params.kernel_size[axis], params.stride[axis]
        pad = params.padding[axis] if spec.padding else 0
        dilation = params.dilation[axis] if spec.dilation else 1
        if kernel < 1 or stride < 1 or dilation < 1:
            raise PoolingError(f"Kernel, stride and dilation {name} must be at least 1.")
        if pad > kernel // 2:
            raise PoolingError(
                f"Padding {name} {pad} is too large for kernel {name} {kernel}: padding may be "
                f"at most half the kernel ({kernel // 2}), or windows would hold mostly padding."
            )
        span = dilation * (kernel - 1) + 1
        size = (height, width)[axis]
        if span > size + 2 * pad:
            raise PoolingError(
                f"The window is {span} cells {'tall' if axis == 0 else 'wide'} (kernel {kernel}"
                f"{f', dilation {dilation}' if dilation > 1 else ''}) but the input is only "
                f"{size} + 2x{pad} padding = {size + 2 * pad}: make the kernel or dilation "
                f"smaller, or add padding."
            )
    if params.divisor_override is not None and params.divisor_override == 0:
        raise PoolingError("Divisor override must not be zero.")
    if spec.norm and not params.norm_type > 0:
        raise PoolingError("The power p of Lp pooling must be positive.")
    geometry_of(params, input_shape)


def run_pool(image: np.ndarray, params: PoolParams) -> PoolResult:
    """Pool a (C, H, W) image with ``params`` through ``engine.functional``."""
    validate(params, image.shape)
    indices = None
    if params.pool_type == "max":
        output, indices = F.max_pool2d(
            image,
            params.kernel_size,
            params.stride,
            params.padding,
            params.dilation,
            params.ceil_mode,
            return_indices=True,
        )
    elif params.pool_type == "avg":
        output = F.avg_pool2d(
            image,
            params.kernel_size,
            params.stride,
            params.padding,
            params.ceil_mode,
            params.count_include_pad,
            params.divisor_override,
        )
    elif params.pool_type == "lp":
        output = F.lp_pool2d(
            image, params.norm_type, params.kernel_size, params.stride, params.ceil_mode
        )
    elif params.pool_type == "adaptive_max":
        output, indices = F.adaptive_max_pool2d(image, params.output_size, return_indices=True)
    else:
        output = F.adaptive_avg_pool2d(image, params.output_size)
    return PoolResult(params, tuple(image.shape), output, indices)


def run_backward(image: np.ndarray, result: PoolResult, grad_output: np.ndarray) -> np.ndarray:
    """Input gradient for an upstream ``grad_output`` of the output's shape (engine backward)."""
    params = result.params
    if params.pool_type == "max":
        return F.max_pool2d_backward(
            grad_output,
            image,
            params.kernel_size,
            params.stride,
            params.padding,
            params.dilation,
            params.ceil_mode,
            indices=result.indices,
        )
    if params.pool_type == "avg":
        return F.avg_pool2d_backward(
            grad_output,
            image,
            params.kernel_size,
            params.stride,
            params.padding,
            params.ceil_mode,
            params.count_include_pad,
            params.divisor_override,
        )
    if params.pool_type == "lp":
        return F.lp_pool2d_backward(
            grad_output,
            image,
            params.norm_type,
            params.kernel_size,
            params.stride,
            params.ceil_mode,
        )
    if params.pool_type == "adaptive_max":
        return F.adaptive_max_pool2d_backward(
            grad_output, image, params.output_size, indices=result.indices
        )
    return F.adaptive_avg_pool2d_backward(grad_output, image, params.output_size)


@dataclass(frozen=True)
class Window:
    """The input cells one output cell was computed from.

    ``rows`` and ``cols`` are the window's positions along each axis (negative or past the
    edge inside the padding); a cell is padding when its row or column is outside the input.
    """

    rows: tuple[int, ...]
    cols: tuple[int, ...]
    input_size: tuple[int, int]

    def cells(self) -> list[tuple[int, int, bool]]:
        """Every (row, col, is_padding) of the window in row-major order."""
        height, width = self.input_size
        return [
            (r, c, not (0 <= r < height and 0 <= c < width)) for r in self.rows for c in self.cols
        ]

    def real_cells(self) -> list[tuple[int, int]]:
        return [(r, c) for r, c, padding in self.cells() if not padding]


def window_of(params: PoolParams, input_shape: tuple[int, ...], row: int, col: int) -> Window:
    """Window of output cell (row, col) for a (C, H, W) input."""
    height, width = input_shape[-2:]
    if params.spec.adaptive:
        row_starts, row_ends = adaptive_bounds(height, params.output_size[0])
        col_starts, col_ends = adaptive_bounds(width, params.output_size[1])
        rows = tuple(range(int(row_starts[row]), int(row_ends[row])))
        cols = tuple(range(int(col_starts[col]), int(col_ends[col])))
        return Window(rows, cols, (height, width))
    geometry = geometry_of(params, input_shape)
    rows = tuple(int(r) for r in geometry.window_positions(0)[row])
    cols = tuple(int(c) for c in geometry.window_positions(1)[col])
    return Window(rows, cols, (height, width))


def coverage_of(params: PoolParams, input_shape: tuple[int, ...], row: int, col: int):
    """Output cells whose window contains input pixel (row, col).

    Returns
    -------
    list of (out_row, out_col)
    """
    height, width = input_shape[-2:]
    if params.spec.adaptive:
        row_starts, row_ends = adaptive_bounds(height, params.output_size[0])
        col_starts, col_ends = adaptive_bounds(width, params.output_size[1])
        out_rows = np.nonzero((row_starts <= row) & (row < row_ends))[0]
        out_cols = np.nonzero((col_starts <= col) & (col < col_ends))[0]
    else:
        geometry = geometry_of(params, input_shape)
        out_rows = np.nonzero((geometry.window_positions(0) == row).any(axis=1))[0]
        out_cols = np.nonzero((geometry.window_positions(1) == col).any(axis=1))[0]
    return [(int(r), int(c)) for r in out_rows for c in out_cols]


def output_shape(params: PoolParams, input_shape: tuple[int, ...]) -> tuple[int, int]:
    if params.spec.adaptive:
        return tuple(params.output_size)
    return geometry_of(params, input_shape).output_size


def formula_lines(params: PoolParams, input_shape: tuple[int, ...]) -> list[str]:
    """The output-size arithmetic with the user's numbers, one line per axis, then the
    reduction (elements in, elements out, ratio). Raises PoolingError for invalid settings."""
    validate(params, input_shape)
    channels = input_shape[0] if len(input_shape) == 3 else 1
    height, width = input_shape[-2:]
    lines = []
    if params.spec.adaptive:
        for axis, (name, size) in enumerate((("H", height), ("W", width))):
            out = params.output_size[axis]
            lines.append(
                f"{name}_out = {out} (adaptive): window i spans [floor(i*{size}/{out}), "
                f"ceil((i+1)*{size}/{out}))"
            )
    else:
        geometry = geometry_of(params, input_shape)
        rounding = "ceil" if params.ceil_mode else "floor"
        for axis, (name, size) in enumerate((("H", height), ("W", width))):
            k, s = geometry.kernel_size[axis], geometry.stride[axis]
            p, d = geometry.padding[axis], geometry.dilation[axis]
            out = geometry.output_size[axis]
            numerator = size + 2 * p - d * (k - 1) - 1
            unchecked = (-(-numerator // s) if params.ceil_mode else numerator // s) + 1
            line = (
                f"{name}_out = {rounding}(({name} + 2p - d(k-1) - 1)/s) + 1 = "
                f"{rounding}(({size} + 2*{p} - {d}*({k}-1) - 1)/{s}) + 1 = "
                f"{rounding}({numerator}/{s}) + 1 = {unchecked}"
            )
            if unchecked > out:
                line += (
                    f" - 1 = {out} (the last window would start at {(unchecked - 1) * s - p}, "
                    f"past the input and its left padding, so it is dropped)"
                )
            elif params.ceil_mode and out > numerator // s + 1:
                line += f" (floor mode gives {numerator // s + 1}: the last window hangs over)"
            lines.append(line)
    out_h, out_w = output_shape(params, input_shape)
    elements_in, elements_out = channels * height * width, channels * out_h * out_w
    lines.append(
        f"{channels}x{height}x{width} = {elements_in:,} elements in, {channels}x{out_h}x{out_w} "
        f"= {elements_out:,} out: {elements_in / elements_out:.2f}x fewer"
    )
    return lines
