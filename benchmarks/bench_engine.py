"""Engine speed against PyTorch CPU: every public op and every registry kind, in one run.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench_engine.py``); ``--quick`` for
a shorter run (float32, the first configuration of each op), ``--only PATTERN`` for the rows
whose op, configuration or dtype contain PATTERN (a regular expression), ``--scaling`` for
the time per megapixel of max pooling from 1 to 64 megapixels.

Every row times the engine and its baseline in interleaved pairs (engine, baseline, engine,
baseline, ...) in this one process, PyTorch with one thread, and reports the median of each
(``--repeats`` pairs, at least 9, and more until the row has run 0.4 s) and their ratio,
engine over baseline: below 1 the engine is faster. The baseline is PyTorch's own op where
it has one (its ATen backward kernel for a backward), else the shortest composition of torch
ops (named in the row), whose backward is ``torch.autograd.grad`` over a retained graph, so
only the backward is timed.

Goals (issue #12): every forward and every backward at most 1.0x its baseline, except the
backward of max pooling where windows overlap and of ``max_pool1d`` (at most 1.5x: a NumPy
scatter that accumulates cannot match a C loop; this counts every backward that is a max
pool's, those of min, mixed, fractional and BlurPool's stride-1 max included), and SoftPool
and stochastic pooling (at most 2.0x). ``--scaling``: the time per megapixel of the max pool
forward (with and without indices) at 64 MP at most 2x that at 1 MP; the backward is shown
beside PyTorch's own growth.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine import functional as F  # noqa: E402
from engine.pooling.kinds import KINDS  # noqa: E402
from engine.pooling.parameters import PoolParams  # noqa: E402
from engine.pooling.pipeline import output_shape, run_backward, run_pool  # noqa: E402
from engine.pooling.pipeline import window_of as pipeline_window_of  # noqa: E402

DEFAULT_GOAL = 1.0
SCATTER_GOAL = 1.5
"""Max backward where windows overlap, and max_pool1d's: an accumulating NumPy scatter
(``np.bincount``) measured at about 1.45x PyTorch's C loop here."""
GATHER_GOAL = 2.0
"""SoftPool and stochastic pooling, whose every window is gathered."""
SCALING_GOAL = 2.0
"""Time per megapixel at 64 MP over that at 1 MP."""

Setup = Callable[[], tuple[Callable[[], object], Callable[[], object]]]
"""Makes the arrays of one row and returns (engine call, baseline call)."""


@dataclass(frozen=True)
class Row:
    """One benchmark row: made by ``setup`` when it runs, so only its own arrays live."""

    op: str
    configuration: str
    dtype: str
    baseline_name: str
    goal: float
    setup: Setup
    quick: bool = True

    @property
    def key(self) -> str:
        return f"{self.op} {self.configuration} {self.dtype}"


MIN_SECONDS = 0.4
"""Pairs are added beyond ``--repeats`` until a row has run this long: the median of a
millisecond operation then rests on a few hundred pairs, not nine."""


def interleaved(engine: Callable, baseline: Callable, repeats: int) -> tuple[float, float]:
    """Median seconds of ``engine`` and ``baseline`` timed in alternation (engine, baseline,
    engine, ...), one warm-up each: at least ``repeats`` pairs, more for fast operations."""
    engine()
    baseline()
    engine_times, baseline_times = [], []
    started = time.perf_counter()
    while len(engine_times) < repeats or time.perf_counter() - started < MIN_SECONDS:
        start = time.perf_counter()
        engine()
        engine_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        baseline()
        baseline_times.append(time.perf_counter() - start)
    return statistics.median(engine_times), statistics.median(baseline_times)


# ---------------------------------------------------------------------------------------------
# Inputs and torch helpers


def make_input(shape: tuple, dtype: str, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal(shape).astype(dtype)


def tensor(array: np.ndarray):
    import torch

    return torch.from_numpy(np.ascontiguousarray(array))


def retained_backward(forward: Callable, x: np.ndarray, grad: np.ndarray) -> Callable:
    """Torch's backward of ``forward`` (a composition of torch ops) on ``x``: the graph is
    built once and kept, so each call times ``torch.autograd.grad`` alone."""
    import torch

    leaf = tensor(x).clone().requires_grad_(True)
    out = forward(leaf)
    out = out[0] if isinstance(out, tuple) else out
    upstream = tensor(grad).reshape(out.shape)
    return lambda: torch.autograd.grad(out, leaf, upstream, retain_graph=True)


def no_grad(function: Callable) -> Callable:
    import torch

    def call():
        with torch.no_grad():
            return function()

    return call


def aten():
    import torch

    return torch.ops.aten


def torch_functional():
    import torch.nn.functional as T

    return T


# ---------------------------------------------------------------------------------------------
# Op rows: engine.functional against torch.nn.functional and its ATen backwards

SHAPES = {
    1: (1, 64, 100_000),
    2: (1, 3, 1024, 1024),
    3: (1, 3, 64, 128, 128),
}
"""Input shape per number of spatial axes: 6.4 M, 3.1 M and 3.1 M cells."""

WINDOWS = {
    1: [(2, 2, 0), (3, 2, 0), (3, 1, 1)],
    2: [(2, 2, 0), (3, 1, 1), (3, 2, 1)],
    3: [(2, 2, 0), (3, 1, 1)],
}
"""(kernel, stride, padding) per number of spatial axes; the first is the quick run's."""

ADAPTIVE_SIZES = {1: [7, 300], 2: [7, 300], 3: [(2, 7, 7), (16, 32, 32)]}
"""Output sizes of the adaptive pools per number of spatial axes."""

FRACTIONAL = {2: (2, (700, 700)), 3: (2, (45, 90, 90))}
"""Kernel and output size of the fractional max pools."""

UNPOOL_WINDOWS = [(2, 2, 0), (3, 2, 1)]
"""The max pools whose indices the unpool rows put the values back with."""


def shape_text(shape) -> str:
    return "x".join(str(size) for size in shape) if isinstance(shape, tuple) else str(shape)


def window_text(kernel: int, stride: int, padding: int) -> str:
    return f"k{kernel} s{stride} p{padding}"


def as_plane(array, dims: int):
    """A 1D torch tensor (N, C, L) as the (N, C, 1, L) plane torch's 1D pools compute on."""
    return array.unsqueeze(-2) if dims == 1 else array


def plane_argument(value: int, dims: int, neutral: int = 1) -> list[int]:
    """One torch argument per axis of the plane a 1D pool computes on (height ``neutral``)."""
    return [neutral, value] if dims == 1 else [value] * dims


def torch_op(name: str):
    return getattr(torch_functional(), name)


def max_setup(dims, dtype, kernel, stride, padding, mode):
    """``mode``: "values", "indices" (forward with indices) or "backward" (given indices)."""
    name = f"max_pool{dims}d"
    x = make_input(SHAPES[dims], dtype)
    torch_x = tensor(x)
    if mode != "backward":
        with_indices = mode == "indices"
        return (
            lambda: getattr(F, name)(x, kernel, stride, padding, return_indices=with_indices),
            lambda: torch_op(name)(torch_x, kernel, stride, padding, return_indices=with_indices),
        )
    out, indices = getattr(F, name)(x, kernel, stride, padding, return_indices=True)
    grad = make_input(out.shape, dtype, 1)
    torch_grad, torch_indices = tensor(grad), tensor(indices)
    kernel_backward = getattr(aten(), f"max_pool{max(dims, 2)}d_with_indices_backward")
    arguments = (
        plane_argument(kernel, dims),
        plane_argument(stride, dims),
        plane_argument(padding, dims, 0),
        [1] * max(dims, 2),
        False,
    )
    return (
        lambda: getattr(F, f"{name}_backward")(grad, x, kernel, stride, padding, indices=indices),
        lambda: kernel_backward(
            as_plane(torch_grad, dims),
            as_plane(torch_x, dims),
            *arguments,
            as_plane(torch_indices, dims),
        ),
    )


def max_rows(dims: int, dtype: str) -> Iterator[Row]:
    name = f"max_pool{dims}d"
    backward_kernel = f"aten.max_pool{max(dims, 2)}d_with_indices_backward"
    for number, (kernel, stride, padding) in enumerate(WINDOWS[dims]):
        configuration = f"{shape_text(SHAPES[dims])} {window_text(kernel, stride, padding)}"
        window = (dims, dtype, kernel, stride, padding)
        scatter = stride < kernel or dims == 1
        backward_goal = SCATTER_GOAL if scatter else DEFAULT_GOAL
        for op, baseline, goal, mode in (
            (name, f"F.{name}", DEFAULT_GOAL, "values"),
            (f"{name} +indices", f"F.{name}", DEFAULT_GOAL, "indices"),
            (f"{name} backward", backward_kernel, backward_goal, "backward"),
        ):
            setup = partial(max_setup, *window, mode)
            yield Row(op, configuration, dtype, baseline, goal, setup, number == 0)


def avg_setup(dims, dtype, kernel, stride, padding, backward):
    name = f"avg_pool{dims}d"
    x = make_input(SHAPES[dims], dtype)
    torch_x = tensor(x)
    if not backward:
        return (
            lambda: getattr(F, name)(x, kernel, stride, padding),
            lambda: torch_op(name)(torch_x, kernel, stride, padding),
        )
    out = getattr(F, name)(x, kernel, stride, padding)
    grad = make_input(out.shape, dtype, 1)
    torch_grad = tensor(grad)
    kernel_backward = getattr(aten(), f"avg_pool{max(dims, 2)}d_backward")
    arguments = (
        plane_argument(kernel, dims),
        plane_argument(stride, dims),
        plane_argument(padding, dims, 0),
        False,
        True,
        None,
    )
    return (
        lambda: getattr(F, f"{name}_backward")(grad, x, kernel, stride, padding),
        lambda: kernel_backward(as_plane(torch_grad, dims), as_plane(torch_x, dims), *arguments),
    )


def forward_and_backward_rows(
    name: str, configuration: str, dtype: str, backward_baseline: str, setup, quick: bool
) -> tuple[Row, Row]:
    """The forward row of one setting (against ``F.name``) and its backward row, both at the
    default goal; ``setup(backward)`` makes either."""
    return (
        Row(name, configuration, dtype, f"F.{name}", DEFAULT_GOAL, partial(setup, False), quick),
        Row(
            f"{name} backward",
            configuration,
            dtype,
            backward_baseline,
            DEFAULT_GOAL,
            partial(setup, True),
            quick,
        ),
    )


def avg_rows(dims: int, dtype: str) -> Iterator[Row]:
    name = f"avg_pool{dims}d"
    for number, (kernel, stride, padding) in enumerate(WINDOWS[dims]):
        configuration = f"{shape_text(SHAPES[dims])} {window_text(kernel, stride, padding)}"
        window = (dims, dtype, kernel, stride, padding)
        yield from forward_and_backward_rows(
            name,
            configuration,
            dtype,
            f"aten.avg_pool{max(dims, 2)}d_backward",
            partial(avg_setup, *window),
            number == 0,
        )


def lp_setup(dims, dtype, kernel, stride, backward):
    name = f"lp_pool{dims}d"
    x = make_input(SHAPES[dims], dtype)
    if not backward:
        torch_x = tensor(x)
        return (
            lambda: getattr(F, name)(x, 2, kernel, stride),
            no_grad(lambda: torch_op(name)(torch_x, 2, kernel, stride)),
        )
    out = getattr(F, name)(x, 2, kernel, stride)
    grad = make_input(out.shape, dtype, 1)
    return (
        lambda: getattr(F, f"{name}_backward")(grad, x, 2, kernel, stride),
        retained_backward(lambda leaf: torch_op(name)(leaf, 2, kernel, stride), x, grad),
    )


def lp_rows(dims: int, dtype: str) -> Iterator[Row]:
    name = f"lp_pool{dims}d"
    windows = [(kernel, stride) for kernel, stride, _ in WINDOWS[dims]][:2]
    for number, (kernel, stride) in enumerate(windows):
        configuration = f"{shape_text(SHAPES[dims])} p=2 k{kernel} s{stride}"
        window = (dims, dtype, kernel, stride)
        yield from forward_and_backward_rows(
            name,
            configuration,
            dtype,
            f"autograd of F.{name}",
            partial(lp_setup, *window),
            number == 0,
        )


def adaptive_max_setup(dims, dtype, size, mode):
    name = f"adaptive_max_pool{dims}d"
    x = make_input(SHAPES[dims], dtype)
    torch_x = tensor(x)
    if mode != "backward":
        with_indices = mode == "indices"
        return (
            lambda: getattr(F, name)(x, size, with_indices),
            lambda: torch_op(name)(torch_x, size, with_indices),
        )
    out, indices = getattr(F, name)(x, size, True)
    grad = make_input(out.shape, dtype, 1)
    torch_grad, torch_indices = tensor(grad), tensor(indices)
    kernel_backward = getattr(aten(), f"adaptive_max_pool{max(dims, 2)}d_backward")
    return (
        lambda: getattr(F, f"{name}_backward")(grad, x, size, indices),
        lambda: kernel_backward(
            as_plane(torch_grad, dims), as_plane(torch_x, dims), as_plane(torch_indices, dims)
        ),
    )


def adaptive_avg_setup(dims, dtype, size, backward):
    name = f"adaptive_avg_pool{dims}d"
    x = make_input(SHAPES[dims], dtype)
    torch_x = tensor(x)
    if not backward:
        return lambda: getattr(F, name)(x, size), lambda: torch_op(name)(torch_x, size)
    out = getattr(F, name)(x, size)
    grad = make_input(out.shape, dtype, 1)
    torch_grad = tensor(grad)
    kernel_backward = getattr(aten(), f"_adaptive_avg_pool{max(dims, 2)}d_backward")
    return (
        lambda: getattr(F, f"{name}_backward")(grad, x, size),
        lambda: kernel_backward(as_plane(torch_grad, dims), as_plane(torch_x, dims)),
    )


def adaptive_rows(dims: int, dtype: str) -> Iterator[Row]:
    max_name, avg_name = f"adaptive_max_pool{dims}d", f"adaptive_avg_pool{dims}d"
    plane = max(dims, 2)
    for number, size in enumerate(ADAPTIVE_SIZES[dims]):
        configuration = f"{shape_text(SHAPES[dims])} -> {shape_text(size)}"
        quick = number == 0
        for op, baseline, setup in (
            (max_name, f"F.{max_name}", partial(adaptive_max_setup, dims, dtype, size, "values")),
            (
                f"{max_name} +indices",
                f"F.{max_name}",
                partial(adaptive_max_setup, dims, dtype, size, "indices"),
            ),
            (
                f"{max_name} backward",
                f"aten.adaptive_max_pool{plane}d_backward",
                partial(adaptive_max_setup, dims, dtype, size, "backward"),
            ),
            (avg_name, f"F.{avg_name}", partial(adaptive_avg_setup, dims, dtype, size, False)),
            (
                f"{avg_name} backward",
                f"aten._adaptive_avg_pool{plane}d_backward",
                partial(adaptive_avg_setup, dims, dtype, size, True),
            ),
        ):
            yield Row(op, configuration, dtype, baseline, DEFAULT_GOAL, setup, quick)


def fractional_setup(dims, dtype, mode):
    name = f"fractional_max_pool{dims}d"
    kernel, size = FRACTIONAL[dims]
    x = make_input(SHAPES[dims], dtype)
    samples = np.random.default_rng(2).random(SHAPES[dims][:2] + (dims,)).astype(dtype)
    torch_x, torch_samples = tensor(x), tensor(samples)
    if mode != "backward":
        with_indices = mode == "indices"
        return (
            lambda: getattr(F, name)(
                x, kernel, size, return_indices=with_indices, _random_samples=samples
            ),
            lambda: torch_op(name)(
                torch_x, kernel, size, return_indices=with_indices, _random_samples=torch_samples
            ),
        )
    out, indices = getattr(F, name)(x, kernel, size, return_indices=True, _random_samples=samples)
    grad = make_input(out.shape, dtype, 1)
    torch_grad, torch_indices = tensor(grad), tensor(indices)
    kernel_backward = getattr(aten(), f"{name}_backward")
    return (
        lambda: getattr(F, f"{name}_backward")(
            grad, x, kernel, size, _random_samples=samples, indices=indices
        ),
        lambda: kernel_backward(torch_grad, torch_x, [kernel] * dims, list(size), torch_indices),
    )


def fractional_rows(dims: int, dtype: str) -> Iterator[Row]:
    name = f"fractional_max_pool{dims}d"
    kernel, size = FRACTIONAL[dims]
    configuration = f"{shape_text(SHAPES[dims])} k{kernel} -> {shape_text(size)}"
    for op, baseline, mode in (
        (name, f"F.{name}", "values"),
        (f"{name} +indices", f"F.{name}", "indices"),
        (f"{name} backward", f"aten.{name}_backward", "backward"),
    ):
        setup = partial(fractional_setup, dims, dtype, mode)
        # Windows of k cells starting every L / O < k cells overlap: the backward scatters.
        goal = SCATTER_GOAL if mode == "backward" else DEFAULT_GOAL
        yield Row(op, configuration, dtype, baseline, goal, setup, dims == 2)


def unpool_setup(dims, dtype, kernel, stride, padding, backward):
    name = f"max_unpool{dims}d"
    x = make_input(SHAPES[dims], dtype)
    pooled, indices = getattr(F, f"max_pool{dims}d")(
        x, kernel, stride, padding, return_indices=True
    )
    size = x.shape[2:]
    torch_indices = tensor(indices)
    if not backward:
        torch_pooled = tensor(pooled)
        return (
            lambda: getattr(F, name)(pooled, indices, kernel, stride, padding, size),
            lambda: torch_op(name)(torch_pooled, torch_indices, kernel, stride, padding, size),
        )
    grad = make_input(x.shape, dtype, 1)
    return (
        lambda: getattr(F, f"{name}_backward")(
            grad, pooled, indices, kernel, stride, padding, size
        ),
        retained_backward(
            lambda leaf: torch_op(name)(leaf, torch_indices, kernel, stride, padding, size),
            pooled,
            grad,
        ),
    )


def unpool_rows(dims: int, dtype: str) -> Iterator[Row]:
    name = f"max_unpool{dims}d"
    for number, (kernel, stride, padding) in enumerate(UNPOOL_WINDOWS):
        window = window_text(kernel, stride, padding)
        configuration = f"{shape_text(SHAPES[dims])} {window} indices"
        arguments = (dims, dtype, kernel, stride, padding)
        yield from forward_and_backward_rows(
            name,
            configuration,
            dtype,
            f"autograd of F.{name}",
            partial(unpool_setup, *arguments),
            number == 0,
        )


def op_rows(dtypes: tuple[str, ...]) -> Iterator[Row]:
    for dtype in dtypes:
        for dims in (1, 2, 3):
            yield from max_rows(dims, dtype)
            yield from avg_rows(dims, dtype)
            yield from lp_rows(dims, dtype)
            yield from adaptive_rows(dims, dtype)
            yield from unpool_rows(dims, dtype)
            if dims in FRACTIONAL:
                yield from fractional_rows(dims, dtype)


# ---------------------------------------------------------------------------------------------
# Kind rows: every registry kind through run_pool / run_backward, against a torch baseline


@dataclass(frozen=True)
class Baseline:
    """A kind's torch baseline: ``forward(tensor, params)`` on a batched (N, C, H, W) or
    (N, C, D, H, W) tensor with the kind's effective settings, and how its backward is
    timed: ``backward(tensor, params, out, grad)`` returns a call, or None for autograd over
    ``forward`` (with a retained graph)."""

    name: str
    forward: Callable
    backward: Callable | None = None
    goal: float = DEFAULT_GOAL
    scatters: bool = False
    """Whether the kind's backward is a max pool's: an accumulating scatter where windows
    overlap (:data:`SCATTER_GOAL`)."""


def windows_overlap(params: PoolParams, input_shape: tuple) -> bool:
    """Whether two neighbouring windows of the first few along either axis share a cell (the
    kind's own layout says where its windows lie)."""
    plane = input_shape if len(input_shape) == 3 else (input_shape[0], *input_shape[2:])
    out_h, out_w = output_shape(params, plane)
    for rows, cols in ((range(min(out_h, 8)), [0]), ([0], range(min(out_w, 8)))):
        cells = [window_of_cell(params, plane, row, col) for row in rows for col in cols]
        for first, second in zip(cells, cells[1:]):
            if set(zip(*first)) & set(zip(*second)):
                return True
    return False


def window_of_cell(params: PoolParams, plane: tuple, row: int, col: int):
    """The real cells (rows, cols) of output cell (row, col)'s window."""
    return pipeline_window_of(params, plane, row, col).real_positions()


def window_of(params: PoolParams, dims: int) -> dict:
    """The torch keywords of a kind's window (3D: the depth settings in front)."""
    if dims == 3:
        return dict(
            kernel_size=(params.depth_kernel, *params.kernel_size),
            stride=(params.depth_stride, *params.stride),
            padding=(params.depth_padding, *params.padding),
        )
    return dict(kernel_size=params.kernel_size, stride=params.stride, padding=params.padding)


def torch_max(t, params, dims):
    T = torch_functional()
    pool = T.max_pool3d if dims == 3 else T.max_pool2d
    return pool(t, **window_of(params, dims), return_indices=True)


def max_kernel_backward(t, params, out, grad, dims):
    _, indices = out
    window = window_of(params, dims)
    backward = getattr(aten(), f"max_pool{dims}d_with_indices_backward")
    return lambda: backward(
        grad,
        t,
        list(window["kernel_size"]),
        list(window["stride"]),
        list(window["padding"]),
        [1] * dims,
        False,
        indices,
    )


def torch_avg(t, params, dims):
    T = torch_functional()
    pool = T.avg_pool3d if dims == 3 else T.avg_pool2d
    return pool(t, **window_of(params, dims))


def avg_kernel_backward(t, params, out, grad, dims):
    window = window_of(params, dims)
    backward = getattr(aten(), f"avg_pool{dims}d_backward")
    return lambda: backward(
        grad,
        t,
        list(window["kernel_size"]),
        list(window["stride"]),
        list(window["padding"]),
        False,
        True,
        None,
    )


def torch_lp(t, params, dims):
    T = torch_functional()
    window = window_of(params, dims)
    pool = T.lp_pool3d if dims == 3 else T.lp_pool2d
    return pool(t, params.norm_type, window["kernel_size"], window["stride"])


def adaptive_size(params: PoolParams, dims: int) -> tuple:
    return (params.depth_output, *params.output_size) if dims == 3 else params.output_size


def torch_adaptive_max(t, params, dims):
    T = torch_functional()
    pool = T.adaptive_max_pool3d if dims == 3 else T.adaptive_max_pool2d
    return pool(t, adaptive_size(params, dims), True)


def adaptive_max_kernel_backward(t, params, out, grad, dims):
    backward = getattr(aten(), f"adaptive_max_pool{dims}d_backward")
    return lambda: backward(grad, t, out[1])


def torch_adaptive_avg(t, params, dims):
    T = torch_functional()
    pool = T.adaptive_avg_pool3d if dims == 3 else T.adaptive_avg_pool2d
    return pool(t, adaptive_size(params, dims))


def adaptive_avg_kernel_backward(t, params, out, grad, dims):
    backward = getattr(aten(), f"_adaptive_avg_pool{dims}d_backward")
    return lambda: backward(grad, t)


def fractional_samples(params: PoolParams, t, dims: int):
    """The kind's samples (one seeded pair, or triple, for every channel), as torch takes them."""
    import torch

    rng = np.random.default_rng(params.seed)
    samples = rng.random(dims)  # the order the kind draws them in is not timed here
    return torch.from_numpy(np.broadcast_to(samples, (1, t.shape[1], dims)).copy())


def torch_fractional(t, params, dims):
    T = torch_functional()
    pool = T.fractional_max_pool3d if dims == 3 else T.fractional_max_pool2d
    kernel = (params.depth_kernel, *params.kernel_size) if dims == 3 else params.kernel_size
    return pool(
        t.double(),
        kernel,
        adaptive_size(params, dims),
        return_indices=True,
        _random_samples=fractional_samples(params, t, dims).double(),
    )


def fractional_kernel_backward(t, params, out, grad, dims):
    backward = getattr(aten(), f"fractional_max_pool{dims}d_backward")
    kernel = (params.depth_kernel, *params.kernel_size) if dims == 3 else params.kernel_size
    double = t.double()
    return lambda: backward(
        grad.double(), double, list(kernel), list(adaptive_size(params, dims)), out[1]
    )


def torch_min(t, params, dims):
    T = torch_functional()
    values, indices = T.max_pool2d(
        -t, params.kernel_size, params.stride, params.padding, params.dilation, return_indices=True
    )
    return -values, indices


def torch_global_max(t, params, dims):
    return torch_functional().adaptive_max_pool2d(t, 1, True)


def global_max_kernel_backward(t, params, out, grad, dims):
    return lambda: aten().adaptive_max_pool2d_backward(grad, t, out[1])


def torch_global_avg(t, params, dims):
    return torch_functional().adaptive_avg_pool2d(t, 1)


def global_avg_kernel_backward(t, params, out, grad, dims):
    return lambda: aten()._adaptive_avg_pool2d_backward(grad, t)


def torch_stochastic(t, params, dims):
    """Zeiler and Fergus's training pick, as torch would write it: unfold the ReLU'd windows,
    a cumulative sum of each window's activations, one uniform draw per window."""
    import torch

    T = torch_functional()
    kernel, stride, padding = params.kernel_size, params.stride, params.padding
    batch, channels, height, width = t.shape
    out_h = (height + 2 * padding[0] - kernel[0]) // stride[0] + 1
    out_w = (width + 2 * padding[1] - kernel[1]) // stride[1] + 1
    cells = T.unfold(t.relu(), kernel, padding=padding, stride=stride)
    cells = cells.view(batch, channels, kernel[0] * kernel[1], out_h * out_w)
    cumulative = cells.cumsum(2)
    generator = torch.Generator().manual_seed(params.seed)
    draws = torch.rand((batch, channels, 1, out_h * out_w), generator=generator, dtype=t.dtype)
    choice = (draws * cumulative[:, :, -1:] >= cumulative).sum(2, keepdim=True)
    choice = choice.clamp_max(kernel[0] * kernel[1] - 1)
    return cells.gather(2, choice).view(batch, channels, out_h, out_w)


def torch_mixed(t, params, dims):
    T = torch_functional()
    window = window_of(params, dims)
    return params.mix * T.max_pool2d(t, **window) + (1 - params.mix) * T.avg_pool2d(t, **window)


def torch_softpool(t, params, dims):
    T = torch_functional()
    window = dict(window_of(params, dims), ceil_mode=params.ceil_mode)
    weights = (t - t.amax()).exp()
    return T.avg_pool2d(weights * t, **window) / T.avg_pool2d(weights, **window)


def torch_blurmax(t, params, dims):
    import torch

    T = torch_functional()
    dense = T.max_pool2d(t, params.kernel_size, 1)
    taps = np.array([1.0])
    for _ in range(params.blur_size - 1):
        taps = np.convolve(taps, [1.0, 1.0])
    taps = torch.from_numpy(np.outer(taps, taps) / taps.sum() ** 2).to(t.dtype)
    before, after = (params.blur_size - 1) // 2, params.blur_size // 2
    padded = T.pad(dense, (before, after, before, after), mode="reflect")
    channels = t.shape[1]
    weights = taps.expand(channels, 1, *taps.shape)
    return T.conv2d(padded, weights, stride=params.stride, groups=channels)


def torch_pyramid(t, params, dims):
    import torch

    T = torch_functional()
    parts = [T.adaptive_max_pool2d(t, level).flatten(-2) for level in params.levels]
    return torch.cat(parts, dim=-1)


BASELINES = {
    "max": Baseline("F.max_pool2d/3d +indices", torch_max, max_kernel_backward, scatters=True),
    "avg": Baseline("F.avg_pool2d/3d", torch_avg, avg_kernel_backward),
    "lp": Baseline("F.lp_pool2d/3d", torch_lp),
    "adaptive_max": Baseline(
        "F.adaptive_max_pool2d/3d +indices", torch_adaptive_max, adaptive_max_kernel_backward
    ),
    "adaptive_avg": Baseline(
        "F.adaptive_avg_pool2d/3d", torch_adaptive_avg, adaptive_avg_kernel_backward
    ),
    "fractional_max": Baseline(
        "F.fractional_max_pool2d/3d (float64)",
        torch_fractional,
        fractional_kernel_backward,
        scatters=True,
    ),
    "min": Baseline("-F.max_pool2d(-x)", torch_min, scatters=True),
    "global_max": Baseline(
        "F.adaptive_max_pool2d(x, 1)", torch_global_max, global_max_kernel_backward
    ),
    "global_avg": Baseline(
        "F.adaptive_avg_pool2d(x, 1)", torch_global_avg, global_avg_kernel_backward
    ),
    "stochastic": Baseline("unfold + cumsum + gather", torch_stochastic, goal=GATHER_GOAL),
    "mixed": Baseline("mix * max_pool2d + (1 - mix) * avg_pool2d", torch_mixed, scatters=True),
    "softpool": Baseline("avg_pool2d(e^x x) / avg_pool2d(e^x)", torch_softpool, goal=GATHER_GOAL),
    "blurmax": Baseline(
        "max_pool2d s1 + reflect pad + depthwise conv2d", torch_blurmax, scatters=True
    ),
    "spp": Baseline("cat of adaptive_max_pool2d per level", torch_pyramid),
}
"""The torch baseline of every registry kind (the benchmark refuses to run without one)."""

KIND_SHAPES = {"image": (3, 1024, 1024), "sequence": (64, 1, 100_000), "volume": (3, 64, 128, 128)}

KIND_SETTINGS = {
    "windowed": [
        PoolParams(kernel_size=(2, 2), stride=(2, 2)),
        PoolParams(kernel_size=(3, 3), stride=(1, 1), padding=(1, 1)),
    ],
    "unpadded": [
        PoolParams(kernel_size=(2, 2), stride=(2, 2)),
        PoolParams(kernel_size=(3, 3), stride=(1, 1)),
    ],
    "adaptive": [PoolParams(output_size=(7, 7)), PoolParams(output_size=(300, 300))],
    "fractional": [PoolParams(kernel_size=(2, 2), output_size=(700, 700), depth_output=45)],
    "plain": [PoolParams()],
}
"""Settings per kind family; the first of each is the quick run's."""


def kind_settings(name: str, form: str) -> list[PoolParams]:
    """The settings a kind is timed with on an input of ``form``; the first is the quick
    run's."""
    kind = KINDS[name]
    if "output_size" in kind.parameters:
        family = "fractional" if "kernel_size" in kind.parameters else "adaptive"
    elif "padding" in kind.parameters:
        family = "windowed"
    elif "kernel_size" in kind.parameters and "blur_size" not in kind.parameters:
        family = "unpadded"
    else:
        family = "plain"
    settings = [params.replace(pool_type=name) for params in KIND_SETTINGS[family]]
    if form == "volume" and family == "fractional":
        settings = [params.replace(output_size=(90, 90)) for params in settings]
    return settings if form == "image" else settings[:1]


def settings_text(kind, params: PoolParams, input_shape: tuple) -> str:
    """The settings a kind uses, shortly: ``k3 s1 p1``, ``-> 7x7``, ``levels 4,2,1``."""
    effective = kind.effective(params, input_shape)
    used = kind.used(effective)
    words = []
    if "kernel_size" in used:
        words.append(f"k{effective.kernel_size[-1]}")
    if "stride" in used:
        words.append(f"s{effective.stride[-1]}")
    if "padding" in used:
        words.append(f"p{effective.padding[-1]}")
    if "output_size" in used:
        words.append(f"-> {effective.output_size[-1]}")
    if "levels" in used:
        words.append("levels " + ",".join(str(level) for level in effective.levels))
    return " ".join(words)


def kind_row(name: str, params: PoolParams, form: str, dtype: str, backward: bool, quick: bool):
    kind, baseline = KINDS[name], BASELINES[name]
    shape = KIND_SHAPES[form]
    dims = 3 if form == "volume" else 2
    configuration = f"{form} {shape_text(shape)} {settings_text(kind, params, shape)}"

    def setup():
        image = make_input(shape, dtype)
        result = run_pool(image, params)
        effective = result.params
        torch_image = tensor(image[None])
        if not backward:
            return (
                lambda: run_pool(image, params),
                no_grad(lambda: baseline.forward(torch_image, effective, dims)),
            )
        grad = make_input(result.output.shape, dtype, 1)

        def engine():
            return run_backward(image, result, grad)

        if baseline.backward is None:
            torch_call = retained_backward(
                lambda leaf: baseline.forward(leaf, effective, dims), image[None], grad
            )
        else:
            out = no_grad(lambda: baseline.forward(torch_image, effective, dims))()
            reference = out[0] if isinstance(out, tuple) else out
            torch_grad = tensor(grad).reshape(reference.shape).to(reference.dtype)
            torch_call = baseline.backward(torch_image, effective, out, torch_grad, dims)
        return engine, torch_call

    direction = "backward" if backward else "forward"
    baseline_name = baseline.name
    if backward:
        baseline_name = (
            f"autograd of {baseline.name}"
            if baseline.backward is None
            else f"ATen backward of {baseline.name}"
        )
    goal = baseline.goal
    if backward and baseline.scatters and (form == "sequence" or windows_overlap(params, shape)):
        goal = max(goal, SCATTER_GOAL)  # as max_pool1d's and overlapping max pools' backward
    return Row(f"kind {name} {direction}", configuration, dtype, baseline_name, goal, setup, quick)


def kind_rows(dtypes: tuple[str, ...]) -> Iterator[Row]:
    missing = set(KINDS) - set(BASELINES)
    if missing:
        raise SystemExit(f"no torch baseline for the kinds {sorted(missing)}: add one to BASELINES")
    for dtype in dtypes:
        for name, kind in KINDS.items():
            forms = ["image"]
            if kind.sequences:
                forms.append("sequence")
            if kind.volume is not None:
                forms.append("volume")
            for form in forms:
                for number, params in enumerate(kind_settings(name, form)):
                    quick = number == 0 and form == "image"
                    yield kind_row(name, params, form, dtype, False, quick)
                    yield kind_row(name, params, form, dtype, True, quick)


# ---------------------------------------------------------------------------------------------
# Running and printing


def run_rows(rows: list[Row], repeats: int, torch_version: str) -> None:
    """Time every row and print it as a Markdown table row as soon as it is measured, then
    the misses counted."""
    print(
        f"\n{datetime.date.today().isoformat()}, NumPy {np.__version__}, PyTorch {torch_version} "
        f"(1 thread), median of at least {repeats} interleaved pairs, {MIN_SECONDS} s a row\n"
    )
    print("| op | configuration | dtype | engine ms | baseline ms | baseline | ratio | goal | |")
    print("|---|---|---|---|---|---|---|---|---|", flush=True)
    misses = []
    for row in rows:
        engine, baseline = row.setup()
        engine_time, baseline_time = interleaved(engine, baseline, repeats)
        del engine, baseline
        gc.collect()
        ratio = engine_time / baseline_time
        verdict = "ok" if ratio <= row.goal else "MISS"
        if verdict == "MISS":
            misses.append(row.key)
        print(
            f"| {row.op} | {row.configuration} | {row.dtype} | {engine_time * 1e3:.2f} "
            f"| {baseline_time * 1e3:.2f} | {row.baseline_name} | {ratio:.2f} "
            f"| <= {row.goal:.1f} | {verdict} |",
            flush=True,
        )
    print(f"\n{len(rows)} rows, {len(misses)} MISS" + "".join(f"\n- {key}" for key in misses))


SCALING_SIDES = (1024, 2048, 4096, 8192)
"""Square 1x1xHxW inputs of 1, 4, 16 and 64 megapixels."""

SCALING_WINDOWS = ((3, 1, 1), (2, 2, 0))


def scaling_setup(side: int, kernel: int, stride: int, padding: int, mode: str):
    """One max_pool2d call at ``side`` x ``side`` (``mode`` as :func:`max_setup`'s)."""
    x = make_input((1, 1, side, side), "float32")
    torch_x = tensor(x)
    if mode != "backward":
        with_indices = mode == "indices"
        return (
            lambda: F.max_pool2d(x, kernel, stride, padding, return_indices=with_indices),
            lambda: torch_op("max_pool2d")(
                torch_x, kernel, stride, padding, return_indices=with_indices
            ),
        )
    out, indices = F.max_pool2d(x, kernel, stride, padding, return_indices=True)
    grad = make_input(out.shape, "float32", 1)
    torch_grad, torch_indices = tensor(grad), tensor(indices)
    return (
        lambda: F.max_pool2d_backward(grad, x, kernel, stride, padding, indices=indices),
        lambda: aten().max_pool2d_with_indices_backward(
            torch_grad,
            torch_x,
            [kernel] * 2,
            [stride] * 2,
            [padding] * 2,
            [1, 1],
            False,
            torch_indices,
        ),
    )


def scaling(repeats: int, torch_version: str) -> None:
    """Print the time per megapixel of max_pool2d (values, with indices, backward) from 1 to
    64 MP, and how much it grows."""
    print(
        f"\n{datetime.date.today().isoformat()}, NumPy {np.__version__}, PyTorch "
        f"{torch_version} (1 thread), float32 1x1xHxW, ms per megapixel\n"
    )
    print(
        "| op | window | 1 MP | 4 MP | 16 MP | 64 MP | 64 MP / 1 MP | torch 1 MP | torch 64 MP "
        "| torch 64 MP / 1 MP | goal | |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for kernel, stride, padding in SCALING_WINDOWS:
        for op, mode in (
            ("max_pool2d", "values"),
            ("max_pool2d +indices", "indices"),
            ("max_pool2d backward", "backward"),
        ):
            engine_rates, torch_rates = [], []
            for side in SCALING_SIDES:
                engine, baseline = scaling_setup(side, kernel, stride, padding, mode)
                engine_time, baseline_time = interleaved(engine, baseline, repeats)
                del engine, baseline
                gc.collect()
                megapixels = side * side / 1e6
                engine_rates.append(engine_time * 1e3 / megapixels)
                torch_rates.append(baseline_time * 1e3 / megapixels)
            growth = engine_rates[-1] / engine_rates[0]
            # The goal is the forward's; a backward is shown beside PyTorch's own growth.
            goal, verdict = "-", "-"
            if mode != "backward":
                goal = f"<= {SCALING_GOAL:.1f}"
                verdict = "ok" if growth <= SCALING_GOAL else "MISS"
            cells = " | ".join(f"{rate:.2f}" for rate in engine_rates)
            print(
                f"| {op} | {window_text(kernel, stride, padding)} | {cells} | {growth:.2f} "
                f"| {torch_rates[0]:.2f} | {torch_rates[-1]:.2f} "
                f"| {torch_rates[-1] / torch_rates[0]:.2f} | {goal} | {verdict} |",
                flush=True,
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9, help="interleaved pairs per row (>= 9)")
    parser.add_argument("--quick", action="store_true", help="float32, first configurations")
    parser.add_argument("--only", metavar="PATTERN", help="rows whose op/configuration matches")
    parser.add_argument("--scaling", action="store_true", help="time per megapixel, 1 to 64 MP")
    parser.add_argument("--list", action="store_true", help="list the rows without timing them")
    args = parser.parse_args(argv)
    if args.repeats < 9:
        parser.error("--repeats must be at least 9 (the median of at least 9 pairs)")
    try:
        import torch
    except ImportError:
        print("PyTorch is not installed: it is the baseline of every row.", file=sys.stderr)
        return 2
    torch.set_num_threads(1)
    if args.scaling:
        scaling(args.repeats, torch.__version__)
        return 0
    dtypes = ("float32",) if args.quick else ("float32", "float64")
    rows = [*op_rows(dtypes), *kind_rows(dtypes)]
    if args.quick:
        rows = [row for row in rows if row.quick]
    if args.only:
        pattern = re.compile(args.only)
        rows = [row for row in rows if pattern.search(row.key)]
    if args.list:
        for row in rows:
            print(row.key)
        return 0
    run_rows(rows, args.repeats, torch.__version__)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
