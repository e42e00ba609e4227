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

from engine import extra_pools as extra
from engine import functional as F
from engine.blurpool import blur_max_pool2d, blur_max_pool2d_backward
from engine.errors import PoolingError
from engine.spp import (
    avg_pool2d_same,
    avg_pool2d_same_backward,
    max_pool2d_same,
    max_pool2d_same_backward,
    same_padding,
    spatial_pyramid_pool2d,
    spatial_pyramid_pool2d_backward,
    spp_bins,
)
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
    ceil: bool = True  # ceil mode applies
    same: bool = False  # TensorFlow "same" padding is offered
    mix: bool = False
    stochastic: bool = False
    blur: bool = False
    levels: bool = False
    global_: bool = False
    paper: str = ""  # where the pooling type comes from, for the tooltip


POOL_TYPES: dict[str, PoolType] = {
    "max": PoolType("max", "Max", dilation=True, has_indices=True, same=True),
    "avg": PoolType("avg", "Average", average_options=True, same=True),
    "lp": PoolType(
        "lp",
        "Lp (power average)",
        padding=False,
        norm=True,
        paper="Sermanet et al. 2012; torch.nn.LPPool2d",
    ),
    "adaptive_max": PoolType(
        "adaptive_max", "Adaptive max", windowed=False, adaptive=True, has_indices=True, ceil=False
    ),
    "adaptive_avg": PoolType(
        "adaptive_avg", "Adaptive average", windowed=False, adaptive=True, ceil=False
    ),
    "min": PoolType("min", "Min", dilation=True, has_indices=True),
    "global_max": PoolType(
        "global_max",
        "Global max",
        windowed=False,
        global_=True,
        has_indices=True,
        ceil=False,
        paper="Lin et al. 2014",
    ),
    "global_avg": PoolType(
        "global_avg",
        "Global average",
        windowed=False,
        global_=True,
        ceil=False,
        paper="Lin et al. 2014, Network in Network",
    ),
    "stochastic": PoolType(
        "stochastic",
        "Stochastic",
        stochastic=True,
        has_indices=True,
        ceil=False,
        paper="Zeiler and Fergus 2013",
    ),
    "mixed": PoolType(
        "mixed", "Mixed (max and average)", mix=True, ceil=False, paper="Yu et al. 2014"
    ),
    "softpool": PoolType("softpool", "SoftPool", paper="Stergiou et al. 2021"),
    "blurmax": PoolType(
        "blurmax",
        "BlurPool (anti-aliased max)",
        padding=False,
        blur=True,
        ceil=False,
        paper="Zhang 2019",
    ),
    "spp": PoolType(
        "spp", "Spatial pyramid", windowed=False, levels=True, ceil=False, paper="He et al. 2014"
    ),
}


MAX_ADAPTIVE_SIDE = 4096
MAX_LEVEL = 64


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
    same_padding: bool = False  # TensorFlow/Keras padding="same" instead of symmetric padding
    mix: float = 0.5  # mixed pooling: mix * max + (1 - mix) * average
    seed: int = 0  # stochastic pooling's draw
    inference: bool = False  # stochastic pooling's probability-weighted average
    blur_size: int = 3  # BlurPool's binomial filter taps, 2..5
    levels: tuple[int, ...] = (4, 2, 1)  # spatial pyramid levels

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
    """Window geometry of a windowed pool for a (C, H, W) input; raises PoolingError.

    With "same" padding the windows start ``before`` cells into the padding and there are
    ``ceil(L / s)`` of them (see :func:`engine.spp.same_padding`).
    """
    spec = params.spec
    if params.same_padding and spec.same:
        height, width = input_shape[-2:]
        pads = [
            same_padding(n, k, s)
            for n, k, s in zip((height, width), params.kernel_size, params.stride)
        ]
        if min(params.kernel_size) < 1 or min(params.stride) < 1:
            raise PoolingError("Kernel and stride must be at least 1.")
        return PoolGeometry(
            (height, width),
            tuple(params.kernel_size),
            tuple(params.stride),
            (pads[0][0], pads[1][0]),
            (1, 1),
            False,
            (-(-height // params.stride[0]), -(-width // params.stride[1])),
        )
    if spec.blur:
        return pool_geometry("blur pool", (1, *input_shape), params.kernel_size, 1)
    return pool_geometry(
        f"{params.pool_type} pool",
        (1, *input_shape),
        params.kernel_size,
        params.stride,
        params.padding if spec.padding else 0,
        params.dilation if spec.dilation else 1,
        params.ceil_mode and spec.ceil,
    )


def validate(params: PoolParams, input_shape: tuple[int, ...]) -> None:
    """Raise PoolingError, in words a student understands, if the settings cannot work."""
    if params.pool_type not in POOL_TYPES:
        raise PoolingError(f"Unknown pooling type '{params.pool_type}'.")
    spec = params.spec
    height, width = input_shape[-2:]
    if spec.adaptive and min(params.output_size) < 1:
        raise PoolingError("Output size must be at least 1x1.")
    if spec.adaptive and max(params.output_size) > MAX_ADAPTIVE_SIDE:
        raise PoolingError(
            f"Output size {params.output_size[0]}x{params.output_size[1]} is too large: at most "
            f"{MAX_ADAPTIVE_SIDE} a side (adaptive pooling is meant to shrink)."
        )
    if spec.levels:
        if not params.levels or min(params.levels) < 1 or max(params.levels) > MAX_LEVEL:
            raise PoolingError(
                f"Pyramid levels must be whole numbers from 1 to {MAX_LEVEL}, like 4,2,1."
            )
        return
    if spec.mix and not 0 <= params.mix <= 1:
        raise PoolingError(f"The mix must lie between 0 (average) and 1 (max), not {params.mix}.")
    if spec.blur and not 2 <= params.blur_size <= 5:
        raise PoolingError(f"The blur filter has 2 to 5 taps, not {params.blur_size}.")
    if not spec.windowed:
        return
    same = params.same_padding and spec.same
    for axis, name in enumerate(("height", "width")):
        kernel, stride = params.kernel_size[axis], params.stride[axis]
        pad = params.padding[axis] if spec.padding and not same else 0
        dilation = params.dilation[axis] if spec.dilation and not same else 1
        if kernel < 1 or stride < 1 or dilation < 1:
            raise PoolingError(f"Kernel, stride and dilation {name} must be at least 1.")
        if pad > kernel // 2:
            raise PoolingError(
                f"Padding {name} {pad} is too large for kernel {name} {kernel}: padding may be "
                f"at most half the kernel ({kernel // 2}), or windows would hold mostly padding."
            )
        span = dilation * (kernel - 1) + 1
        size = (height, width)[axis]
        if span > size + 2 * pad and not same:
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
    """Pool a (C, H, W) image with ``params`` through the engine.

    Every output is (C, H_out, W_out); spatial pyramid pooling's vector is shown as one row,
    (C, 1, sum(l * l)).
    """
    validate(params, image.shape)
    output, indices = forward_of(params)(image)
    if params.pool_type == "spp":
        output = output[:, np.newaxis, :]
    return PoolResult(params, tuple(image.shape), output, indices)


def forward_of(params: PoolParams):
    """The engine call for these settings: image -> (output, indices or None)."""
    p = params
    k, s, pad, d, ceil = p.kernel_size, p.stride, p.padding, p.dilation, p.ceil_mode
    same = p.same_padding and p.spec.same
    table = {
        "max": lambda x: (
            max_pool2d_same(x, k, s, True)
            if same
            else F.max_pool2d(x, k, s, pad, d, ceil, return_indices=True)
        ),
        "avg": lambda x: (
            avg_pool2d_same(x, k, s)
            if same
            else F.avg_pool2d(x, k, s, pad, ceil, p.count_include_pad, p.divisor_override),
            None,
        ),
        "lp": lambda x: (F.lp_pool2d(x, p.norm_type, k, s, ceil), None),
        "adaptive_max": lambda x: F.adaptive_max_pool2d(x, p.output_size, return_indices=True),
        "adaptive_avg": lambda x: (F.adaptive_avg_pool2d(x, p.output_size), None),
        "min": lambda x: extra.min_pool2d(x, k, s, pad, d, ceil, return_indices=True),
        "global_max": lambda x: extra.global_max_pool2d(x, return_indices=True),
        "global_avg": lambda x: (extra.global_avg_pool2d(x), None),
        "stochastic": lambda x: (
            (extra.stochastic_pool2d(x, k, s, pad, training=False), None)
            if p.inference
            else extra.stochastic_pool2d(x, k, s, pad, seed=p.seed, return_indices=True)
        ),
        "mixed": lambda x: (extra.mixed_pool2d(x, k, s, pad, p.mix), None),
        "softpool": lambda x: (extra.soft_pool2d(x, k, s, pad, ceil), None),
        "blurmax": lambda x: (blur_max_pool2d(x, k, s, p.blur_size), None),
        "spp": lambda x: (spatial_pyramid_pool2d(x, p.levels), None),
    }
    return table[p.pool_type]


def run_backward(image: np.ndarray, result: PoolResult, grad_output: np.ndarray) -> np.ndarray:
    """Input gradient for an upstream ``grad_output`` of the output's shape (engine backward)."""
    p = result.params
    k, s, pad, d, ceil = p.kernel_size, p.stride, p.padding, p.dilation, p.ceil_mode
    g, x, indices = grad_output, image, result.indices
    if p.pool_type == "spp":
        return spatial_pyramid_pool2d_backward(g[:, 0, :], x, p.levels)
    if p.same_padding and p.spec.same:
        if p.pool_type == "max":
            return max_pool2d_same_backward(g, x, k, s)
        return avg_pool2d_same_backward(g, x, k, s)
    table = {
        "max": lambda: F.max_pool2d_backward(g, x, k, s, pad, d, ceil, indices=indices),
        "avg": lambda: F.avg_pool2d_backward(
            g, x, k, s, pad, ceil, p.count_include_pad, p.divisor_override
        ),
        "lp": lambda: F.lp_pool2d_backward(g, x, p.norm_type, k, s, ceil),
        "adaptive_max": lambda: F.adaptive_max_pool2d_backward(g, x, p.output_size, indices),
        "adaptive_avg": lambda: F.adaptive_avg_pool2d_backward(g, x, p.output_size),
        "min": lambda: extra.min_pool2d_backward(g, x, k, s, pad, d, ceil, indices),
        "global_max": lambda: extra.global_max_pool2d_backward(g, x, indices),
        "global_avg": lambda: extra.global_avg_pool2d_backward(g, x),
        "stochastic": lambda: extra.stochastic_pool2d_backward(
            g, x, k, s, pad, training=not p.inference, seed=p.seed, indices=indices
        ),
        "mixed": lambda: extra.mixed_pool2d_backward(g, x, k, s, pad, p.mix),
        "softpool": lambda: extra.soft_pool2d_backward(g, x, k, s, pad, ceil),
        "blurmax": lambda: blur_max_pool2d_backward(g, x, k, s, p.blur_size),
    }
    return table[p.pool_type]()


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
    """Window of output cell (row, col) for a (C, H, W) input.

    For BlurPool this is the span of input cells the blurred value depends on; for a global
    pool the whole input; for a spatial pyramid the bin of output column ``col``.
    """
    height, width = input_shape[-2:]
    spec = params.spec
    if spec.global_:
        return Window(tuple(range(height)), tuple(range(width)), (height, width))
    if spec.levels:
        _, _, _, row0, row1, col0, col1 = spp_bins(input_shape, params.levels)[col]
        return Window(tuple(range(row0, row1)), tuple(range(col0, col1)), (height, width))
    if spec.adaptive:
        row_starts, row_ends = adaptive_bounds(height, params.output_size[0])
        col_starts, col_ends = adaptive_bounds(width, params.output_size[1])
        rows = tuple(range(int(row_starts[row]), int(row_ends[row])))
        cols = tuple(range(int(col_starts[col]), int(col_ends[col])))
        return Window(rows, cols, (height, width))
    if spec.blur:
        spans = blur_spans(params, (height, width))
        rows = tuple(range(int(spans[0][0][row]), int(spans[0][1][row])))
        cols = tuple(range(int(spans[1][0][col]), int(spans[1][1][col])))
        return Window(rows, cols, (height, width))
    geometry = geometry_of(params, input_shape)
    rows = tuple(int(r) for r in geometry.window_positions(0)[row])
    cols = tuple(int(c) for c in geometry.window_positions(1)[col])
    return Window(rows, cols, (height, width))


def blur_spans(params: PoolParams, size: tuple[int, int]):
    """Per axis, (starts, ends) of the input cells each BlurPool output depends on: its
    blur taps (reflected at the edges, so clipped here) over stride-1 max windows."""
    spans = []
    for length, kernel, stride in zip(size, params.kernel_size, params.stride):
        dense = length - kernel + 1
        count = (dense - 1) // stride + 1
        first = np.arange(count) * stride - (params.blur_size - 1) // 2
        starts = np.clip(first, 0, dense - 1)
        ends = np.clip(first + params.blur_size - 1, 0, dense - 1) + kernel
        spans.append((starts, ends))
    return spans


def coverage_of(params: PoolParams, input_shape: tuple[int, ...], row: int, col: int):
    """Output cells whose window contains input pixel (row, col).

    Returns
    -------
    list of (out_row, out_col)
    """
    height, width = input_shape[-2:]
    spec = params.spec
    if spec.global_:
        return [(0, 0)]
    if spec.levels:
        return [
            (0, index)
            for index, (_, _, _, r0, r1, c0, c1) in enumerate(spp_bins(input_shape, params.levels))
            if r0 <= row < r1 and c0 <= col < c1
        ]
    if spec.adaptive:
        row_starts, row_ends = adaptive_bounds(height, params.output_size[0])
        col_starts, col_ends = adaptive_bounds(width, params.output_size[1])
        out_rows = np.nonzero((row_starts <= row) & (row < row_ends))[0]
        out_cols = np.nonzero((col_starts <= col) & (col < col_ends))[0]
    elif spec.blur:
        (row_starts, row_ends), (col_starts, col_ends) = blur_spans(params, (height, width))
        out_rows = np.nonzero((row_starts <= row) & (row < row_ends))[0]
        out_cols = np.nonzero((col_starts <= col) & (col < col_ends))[0]
    else:
        geometry = geometry_of(params, input_shape)
        out_rows = np.nonzero((geometry.window_positions(0) == row).any(axis=1))[0]
        out_cols = np.nonzero((geometry.window_positions(1) == col).any(axis=1))[0]
    return [(int(r), int(c)) for r in out_rows for c in out_cols]


def output_shape(params: PoolParams, input_shape: tuple[int, ...]) -> tuple[int, int]:
    spec = params.spec
    if spec.global_:
        return (1, 1)
    if spec.levels:
        return (1, sum(level * level for level in params.levels))
    if spec.adaptive:
        return tuple(params.output_size)
    if spec.blur:
        return tuple(len(starts) for starts, _ in blur_spans(params, input_shape[-2:]))
    return geometry_of(params, input_shape).output_size


def formula_lines(params: PoolParams, input_shape: tuple[int, ...]) -> list[str]:
    """The output-size arithmetic with the user's numbers, one line per axis, then the
    reduction (elements in, elements out, ratio). Raises PoolingError for invalid settings."""
    validate(params, input_shape)
    channels = input_shape[0] if len(input_shape) == 3 else 1
    height, width = input_shape[-2:]
    lines = []
    spec = params.spec
    if spec.global_:
        lines.append("H_out = W_out = 1: one value per channel, whatever the input size")
    elif spec.levels:
        bins = " + ".join(f"{level}x{level}" for level in params.levels)
        total = sum(level * level for level in params.levels)
        lines.append(f"{bins} bins = {total} values per channel, whatever the input size")
    elif spec.adaptive:
        for axis, (name, size) in enumerate((("H", height), ("W", width))):
            out = params.output_size[axis]
            lines.append(
                f"{name}_out = {out} (adaptive): window i spans [floor(i*{size}/{out}), "
                f"ceil((i+1)*{size}/{out}))"
            )
    elif spec.blur:
        for axis, (name, size) in enumerate((("H", height), ("W", width))):
            k, s = params.kernel_size[axis], params.stride[axis]
            lines.append(
                f"{name}_out = ceil(({name} - k + 1)/s) = ceil(({size} - {k} + 1)/{s}) = "
                f"{-(-(size - k + 1) // s)}: max with stride 1, then a {params.blur_size}-tap "
                f"blur every {s} cells"
            )
    elif params.same_padding and spec.same:
        for axis, (name, size) in enumerate((("H", height), ("W", width))):
            k, s = params.kernel_size[axis], params.stride[axis]
            before, after = same_padding(size, k, s)
            out = -(-size // s)
            lines.append(
                f"{name}_out = ceil({name}/s) = ceil({size}/{s}) = {out}; 'same' pads "
                f"max((out-1)s + k - {name}, 0) = {before + after}: {before} before, {after} "
                f"after (PyTorch pads {params.padding[axis]} on both sides)"
            )
    else:
        lines.extend(windowed_formula(params, input_shape))
    out_h, out_w = output_shape(params, input_shape)
    elements_in, elements_out = channels * height * width, channels * out_h * out_w
    lines.append(
        f"{channels}x{height}x{width} = {elements_in:,} elements in, {channels}x{out_h}x{out_w} "
        f"= {elements_out:,} out: {elements_in / elements_out:.2f}x fewer"
    )
    return lines


def windowed_formula(params: PoolParams, input_shape: tuple[int, ...]) -> list[str]:
    """PyTorch's output-size formula with the user's numbers, per axis."""
    height, width = input_shape[-2:]
    lines = []
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
    return lines
