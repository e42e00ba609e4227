"""Pool an image with a user's settings, and answer questions about the result.

Headless (NumPy only) so the window, the command line, the animation and the tests share it.
Every function finds the settings' kind in the registry and asks it: :func:`run_pool` and
:func:`run_backward` call its engine functions; :func:`window_of`, :func:`coverage_of`,
:func:`output_rect`, :func:`placement_of` and :func:`formula_lines` ask its window layout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from engine.errors import PoolingError
from engine.pooling.kinds import PoolKind, kind_of
from engine.pooling.parameters import Parameter, PoolParams, is_volume
from engine.text import Text

AXIS_WORDS = (Text("height"), Text("width"))


@dataclass
class PoolResult:
    """A forward pass.

    Attributes
    ----------
    params : PoolParams
        The settings as computed (what the kind uses; see :meth:`PoolKind.effective`).
    input_shape : tuple
        (C, H, W) of the pooled image.
    output : ndarray of shape (C, H_out, W_out)
    indices : ndarray of the output's shape, int64, or None
        Flat input position ``h * W + w`` of each window's chosen cell (arg-max kinds).
    """

    params: PoolParams
    input_shape: tuple[int, ...]
    output: np.ndarray
    indices: np.ndarray | None = None

    @property
    def kind(self) -> PoolKind:
        return kind_of(self.params)

    @property
    def sequence(self) -> bool:
        """Whether the input was pooled as a sequence (one row, along its length only)."""
        return self.kind.pools_sequence(self.input_shape)


def resolved(params: PoolParams, input_shape: tuple[int, ...] | None = None):
    """The kind of ``params``, the settings it uses on an input of ``input_shape`` and its
    window layout."""
    kind = kind_of(params)
    effective = kind.effective(params, input_shape)
    return kind, effective, kind.choose_layout(effective)


def check_range(declaration: Parameter, params: PoolParams) -> None:
    """Refuse a setting outside its declared range, naming it."""
    numbers = declaration.numbers(params)
    low, high = declaration.minimum, declaration.maximum
    if declaration.widget == "levels":
        if not numbers or not all(
            isinstance(number, int) and low <= number <= high for number in numbers
        ):
            raise PoolingError(
                "{label} must be whole numbers from {low} to {high}, like 4,2,1.",
                label=declaration.label,
                low=f"{low:g}",
                high=f"{high:g}",
            )
        return
    for axis, number in enumerate(numbers):
        if not low <= number <= high:
            bounds = {"low": f"{low:g}", "high": f"{high:g}", "number": f"{number:g}"}
            if declaration.widget == "pair":
                raise PoolingError(
                    "{label} {axis} must be between {low} and {high}, not {number}.",
                    label=declaration.label,
                    axis=AXIS_WORDS[axis],
                    **bounds,
                )
            raise PoolingError(
                "{label} must be between {low} and {high}, not {number}.",
                label=declaration.label,
                **bounds,
            )


def validate(params: PoolParams, input_shape: tuple[int, ...]) -> None:
    """Raise PoolingError, in words a student understands, if the settings cannot work on an
    input of ``input_shape``: (C, H, W), or a volume (C, D, H, W)."""
    kind, effective, layout = resolved(params, input_shape)
    if is_volume(input_shape):
        check_volume(kind, effective)
    for declaration in kind.declarations():
        if declaration.applies(effective):
            check_range(declaration, effective)
    layout.validate(effective, input_shape)
    if is_volume(input_shape):
        layout.depth_axis(effective, int(input_shape[1]))


def check_volume(kind: PoolKind, params: PoolParams) -> None:
    """Refuse a kind without a 3D pool, or another framework's rules, for a volume."""
    if kind.volume is None:
        raise PoolingError(
            "{label} pooling has no 3D form: a volume is pooled by max, average, Lp, "
            "adaptive and fractional max pooling.",
            label=kind.label,
        )
    if params.framework != "torch":
        raise PoolingError(
            "3D pooling follows PyTorch (max_pool3d, avg_pool3d, ...): choose the PyTorch "
            "framework for a volume."
        )


def estimated_work(params: PoolParams, input_shape) -> int:
    """A rough count of the cells a pooling touches: the input, plus every output cell times
    the cells of its window. The window decides from it whether a pooling is quick enough to
    run at once or goes to the background. Call after :func:`validate`."""
    _, effective, layout = resolved(params, input_shape)
    out_h, out_w = layout.output_shape(effective, input_shape)
    window = layout.window_of(effective, input_shape, 0, 0)
    channels = input_shape[0] if len(input_shape) >= 3 else 1
    cells = channels * out_h * out_w * max(window.size, 1)
    if is_volume(input_shape):
        depths = layout.depth_axis(effective, int(input_shape[1]))
        cells *= depths.size * max(len(depths.positions(0)), 1)
    return int(np.prod(input_shape)) + cells


def run_pool(
    image: np.ndarray, params: PoolParams, check: Callable[[], None] | None = None
) -> PoolResult:
    """Pool a (C, H, W) image, or a (C, D, H, W) volume with the kind's 3D pool, with
    ``params`` through the engine.

    ``check``, if given, is called between channels (for kinds whose channels pool apart):
    it raises to abandon a pooling that a newer request made stale, so a background job
    stops after a third of an RGB image's work instead of running to the end.
    """
    validate(params, image.shape)
    kind, effective, _ = resolved(params, image.shape)
    forward = kind.volume.forward if kind.pools_volume(image.shape) else kind.forward
    if check is None or image.shape[0] == 1 or not kind.channels_apart:
        output, indices = forward(image, effective)
        return PoolResult(effective, tuple(image.shape), output, indices)
    outputs, all_indices = [], []
    for channel in range(image.shape[0]):
        check()
        output, indices = forward(image[channel : channel + 1], effective)
        outputs.append(output)
        all_indices.append(indices)
    indices = None if all_indices[0] is None else np.concatenate(all_indices)
    return PoolResult(effective, tuple(image.shape), np.concatenate(outputs), indices)


def run_backward(image: np.ndarray, result: PoolResult, grad_output: np.ndarray) -> np.ndarray:
    """Input gradient for an upstream ``grad_output`` of the output's shape (the kind's
    engine backward, 3D for a volume)."""
    kind = result.kind
    backward = kind.volume.backward if kind.pools_volume(image.shape) else kind.backward
    return backward(grad_output, image, result.params, result.indices)


def plane_of(result: PoolResult, depth: int) -> PoolResult:
    """Output slice ``depth`` of a volume's pooling, as a result over one input plane
    (C, H, W): its windows are the plane's part of the 3D windows (:func:`depth_window`
    gives their depths), its indices the arg-max positions ``h * W + w`` within a slice."""
    channels, _, height, width = result.input_shape
    indices = None if result.indices is None else result.indices[:, depth] % (height * width)
    return PoolResult(result.params, (channels, height, width), result.output[:, depth], indices)


def depth_window(params: PoolParams, input_shape, depth: int) -> np.ndarray:
    """The input slices (padding included: negative or past the end) of output slice
    ``depth`` of a volume of ``input_shape`` (C, D, H, W)."""
    _, effective, layout = resolved(params, input_shape)
    return layout.depth_axis(effective, int(input_shape[1])).positions(depth)


def depths_containing(params: PoolParams, input_shape, depth: int) -> list[int]:
    """The output slices whose windows hold input slice ``depth`` of a volume."""
    _, effective, layout = resolved(params, input_shape)
    return [int(out) for out in layout.depth_axis(effective, int(input_shape[1])).containing(depth)]


def window_of(params: PoolParams, input_shape, row: int, col: int):
    """The :class:`~engine.pooling.windows.Window` output cell (row, col) was computed from."""
    _, effective, layout = resolved(params, input_shape)
    return layout.window_of(effective, input_shape, row, col)


def coverage_of(params: PoolParams, input_shape, row: int, col: int):
    """Output cells whose window holds input cell (row, col): list of (out_row, out_col)."""
    _, effective, layout = resolved(params, input_shape)
    return layout.coverage_of(effective, input_shape, row, col)


def output_shape(params: PoolParams, input_shape) -> tuple[int, int]:
    _, effective, layout = resolved(params, input_shape)
    return layout.output_shape(effective, input_shape)


def output_rect(params: PoolParams, input_shape, row: int, col: int):
    """The input area (a :class:`~engine.pooling.windows.Rect`) that output cell (row, col)'s
    window covers."""
    _, effective, layout = resolved(params, input_shape)
    return layout.output_rect(effective, input_shape, row, col)


def placement_of(params: PoolParams, input_shape):
    """Where each output cell is drawn when the output is shown at the input's scale."""
    _, effective, layout = resolved(params, input_shape)
    return layout.placement(effective, input_shape)


def windows_reach(params: PoolParams, input_shape):
    """The input area (a :class:`~engine.pooling.windows.Rect`) all windows together cover,
    padding cells included: what a view must show to show every window."""
    _, effective, layout = resolved(params, input_shape)
    return layout.reach(effective, input_shape)


def overview_rects(params: PoolParams, input_shape):
    """Windows outlined on the input all the time (the spatial pyramid's bins)."""
    _, effective, layout = resolved(params, input_shape)
    return layout.overview_rects(effective, input_shape)


def export_form(result: PoolResult) -> np.ndarray:
    """The output as files hold it (the spatial pyramid's vector per channel, else the grid)."""
    _, effective, layout = resolved(result.params, result.input_shape)
    return layout.export_form(result.output)


def formula_lines(params: PoolParams, input_shape: tuple[int, ...]) -> list[str]:
    """The output-size arithmetic with the user's numbers, one line per axis, then the
    reduction (elements in, elements out). Raises PoolingError for invalid settings."""
    validate(params, input_shape)
    kind, effective, layout = resolved(params, input_shape)
    lines = layout.formula_lines(effective, input_shape, kind.pools_sequence(input_shape))
    if not is_volume(input_shape):
        return lines
    depth = int(input_shape[1])
    depths = layout.depth_axis(effective, depth).size
    channels, height, width = input_shape[0], *input_shape[2:]
    out_h, out_w = layout.output_shape(effective, input_shape)
    elements_in, elements_out = channels * depth * height * width, channels * depths * out_h * out_w
    return [
        layout.depth_line(effective, depth),
        *lines[:-1],
        Text(
            "{shape_in} (C x D x H x W) = {elements_in} elements in, {shape_out} = "
            "{elements_out} out: {ratio}x fewer",
            shape_in=f"{channels} x {depth} x {height} x {width}",
            elements_in=f"{elements_in:,}",
            shape_out=f"{channels} x {depths} x {out_h} x {out_w}",
            elements_out=f"{elements_out:,}",
            ratio=f"{elements_in / elements_out:.2f}",
        ),
    ]
