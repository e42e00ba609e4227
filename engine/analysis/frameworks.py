"""One max or average pooling, computed the way each framework computes it, side by side.

:func:`compare_frameworks` ports the current settings to PyTorch, TensorFlow/Keras, JAX/Flax
and ONNX (:func:`engine.pooling.frameworks.port`: the nearest settings each has, and what did
not carry over), pools the input with each, and answers the questions a port raises: the
output shape, the padding of each side, the divisor of the selected window, whether ceil mode
kept the last window, where the gradient of a tie goes, which cells differ from PyTorch's, and
the code that reproduces it. Pure NumPy; the window's Frameworks view draws the columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.errors import PoolingError
from engine.pooling.frameworks import (
    FRAMEWORKS,
    TORCH,
    Framework,
    geometry_of,
    include_pad,
    per_side_text,
    port,
)
from engine.pooling.kinds import Reduction, kind_of
from engine.pooling.parameters import PoolParams, is_sequence
from engine.pooling.pipeline import PoolResult, run_backward, run_pool, window_of
from engine.text import Text, joined

COMPARED = (Reduction.MAXIMUM, Reduction.AVERAGE)


@dataclass(frozen=True)
class FrameworkColumn:
    """One framework's computation of the settings.

    Attributes
    ----------
    framework : Framework
    params : PoolParams
        The settings as this framework writes them (see :func:`port`).
    notes : tuple of str
        What it cannot express, one sentence each.
    error : str
        Its refusal of these settings, or "" (then the fields below are empty).
    result : PoolResult or None
    differs : ndarray of shape (H_out, W_out), bool, or None
        Cells (any channel) whose value differs from PyTorch's; None when the shapes differ
        or PyTorch refused.
    padding, divisor, ceil, tie : str
        The padding of each side; the divisor of the selected window (averages); what ceil
        mode did with the last window; where the gradient of the selected window goes.
    code : str
        The code of its layer with these settings.
    """

    framework: Framework
    params: PoolParams
    notes: tuple[str, ...]
    error: str = ""
    result: PoolResult | None = None
    differs: np.ndarray | None = None
    padding: str = ""
    divisor: str = ""
    ceil: str = ""
    tie: str = ""
    code: str = ""

    @property
    def shape_text(self) -> str:
        """The output size in words, or "-" when refused."""
        if self.result is None:
            return "-"
        height, width = self.result.output.shape[-2:]
        if self.result.sequence:
            return Text("{width} (L)", width=width)
        return Text("{height} x {width} (H x W)", height=height, width=width)


def comparable(params: PoolParams) -> bool:
    """Whether the frameworks can be compared on these settings (max and average pooling)."""
    kind = kind_of(params)
    return "framework" in kind.parameters and kind.reduction in COMPARED


def compare_frameworks(
    image: np.ndarray,
    params: PoolParams,
    selected: tuple[int, int] | None = None,
    defaults: bool = True,
    token=None,
) -> list[FrameworkColumn]:
    """Pool ``image`` with ``params`` as each framework would, PyTorch first.

    Parameters
    ----------
    image : ndarray of shape (C, H, W)
    params : PoolParams
        Max or average settings, in any framework.
    selected : (row, col), optional
        The output cell whose divisor and tie gradient are described.
    defaults : bool
        Port with each framework's own default ``count_include_pad`` (a literal port), or keep
        the current rule where the framework can express it.
    token : CancelToken, optional
        Checked between frameworks, so a newer request can stop this one.

    Raises
    ------
    PoolingError
        For settings that are not max or average pooling, or that are invalid themselves.
    """
    if not comparable(params):
        raise PoolingError(
            "Frameworks differ in max and average pooling; {kind} pooling is PoolScope's own or "
            "PyTorch's only. Choose Max or Average.",
            kind=kind_of(params).label,
        )
    averaging = kind_of(params).reduction is Reduction.AVERAGE
    current = run_pool(image, params).params  # validates; the settings as computed
    columns = []
    for framework in FRAMEWORKS.values():
        if token is not None:
            token.check()
        ported = port(current, framework.name, image.shape, averaging, defaults)
        columns.append(column_of(image, framework, ported.params, ported.notes, selected))
    torch_column = columns[0]
    return [with_differences(column, torch_column) for column in columns]


def column_of(
    image: np.ndarray, framework: Framework, params: PoolParams, notes, selected
) -> FrameworkColumn:
    """Pool with one framework's settings and describe what it did."""
    averaging = kind_of(params).reduction is Reduction.AVERAGE
    code = framework.code(params, averaging, image.shape)
    try:
        result = run_pool(image, params)
    except PoolingError as error:
        return FrameworkColumn(framework, params, notes, error=error.message, code=code)
    params = result.params
    geometry = geometry_of(params, image.shape)
    cell = selected if selected is not None and inside(selected, result) else (0, 0)
    divisor = ""
    if averaging:
        value = float(geometry.window_divisor(include_pad(params))[cell])
        divisor = (
            Text("{value} for cell {cell} (padding included)", value=f"{value:g}", cell=cell)
            if include_pad(params)
            else Text("{value} for cell {cell} (real cells only)", value=f"{value:g}", cell=cell)
        )
    return FrameworkColumn(
        framework,
        params,
        notes,
        result=result,
        padding=per_side_text(geometry, is_sequence(image.shape)),
        divisor=divisor,
        ceil=ceil_text(framework, params, geometry),
        tie="" if averaging else tie_text(framework, image, result, cell),
        code=code,
    )


def inside(cell: tuple[int, int], result: PoolResult) -> bool:
    height, width = result.output.shape[-2:]
    return 0 <= cell[0] < height and 0 <= cell[1] < width


LAST_WINDOW = (
    (
        Text("rows: a last window starting in the padding is dropped"),
        Text("rows: the last window, hanging over the edge, is kept"),
    ),
    (
        Text("columns: a last window starting in the padding is dropped"),
        Text("columns: the last window, hanging over the edge, is kept"),
    ),
)
"""What ceil mode did with the last window along rows and columns: (dropped, kept)."""


def ceil_text(framework: Framework, params: PoolParams, geometry) -> str:
    """What ceil mode did with the last window along each axis."""
    if "ceil_mode" not in framework.max_settings:
        return Text("no ceil mode")
    if not params.ceil_mode:
        return Text("off")
    said = []
    for axis in (0, 1):
        length, (low, high) = geometry.input_size[axis], geometry.pads[axis]
        span = geometry.dilation[axis] * (geometry.kernel[axis] - 1) + 1
        stride, out = geometry.stride[axis], geometry.output_size[axis]
        numerator = length + low + high - span
        floor_count, ceil_count = numerator // stride + 1, -(-numerator // stride) + 1
        if ceil_count == floor_count:
            continue
        dropped, kept = LAST_WINDOW[axis]
        said.append(kept if out >= ceil_count else dropped)
    return joined("; ", said) if said else Text("on (no window hangs over)")


def tie_text(framework: Framework, image: np.ndarray, result: PoolResult, cell) -> str:
    """Where the framework's backward sends the gradient of output ``cell`` (first channel)."""
    if not framework.has_gradient:
        return Text("no backward pass (ONNX is an inference format)")
    upstream = np.zeros(result.output.shape, dtype=np.float64)
    upstream[0][cell] = 1.0
    own = PoolResult(  # the framework's own rule
        result.params.replace(tie="first"), result.input_shape, result.output, result.indices
    )
    gradient = run_backward(image.astype(np.float64), own, upstream)
    targets = [tuple(int(index) for index in where) for where in np.argwhere(gradient[0] != 0)]
    sequence = result.sequence
    names = [str(col) if sequence else f"({row}, {col})" for row, col in targets]
    window = window_of(result.params, result.input_shape, *cell)
    values = window.real_values(image[:1])[0]
    top = values.max() if values.size else np.nan
    ties = int(np.count_nonzero(values == top)) if values.size else 0
    where = ", ".join(names) if names else Text("nowhere")
    if ties > 1:
        return Text(
            "cell {cell}: {count} tied maxima; to {where}", cell=cell, count=ties, where=where
        )
    return Text("cell {cell}: to {where}", cell=cell, where=where)


def with_differences(column: FrameworkColumn, torch_column: FrameworkColumn) -> FrameworkColumn:
    """The column with the cells whose values differ from PyTorch's marked."""
    if column.result is None or torch_column.result is None or column.framework is TORCH:
        return column
    mine, theirs = column.result.output, torch_column.result.output
    if mine.shape != theirs.shape:
        return column
    differs = ~np.isclose(mine, theirs, rtol=1e-6, atol=1e-7, equal_nan=True)
    return FrameworkColumn(**{**column.__dict__, "differs": differs.any(axis=0)})
