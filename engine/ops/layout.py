"""Layout helpers every pool shares: batch axis, 1D as 2D planes, padding, gradient checks.

Pools compute on a batched array ``(N, C, *spatial)``: a 1D input becomes a plane of height 1
(so 1D runs the 2D code), a 2D input stays ``(N, C, H, W)`` and a 3D input
``(N, C, D, H, W)``. The helpers here work for any number of spatial axes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from engine.errors import PoolingError
from engine.ops.memory import describe_size
from engine.ops.windows import (
    AXIS_NAMES,
    IntOrTuple,
    PoolGeometry,
    check_input,
    pool_geometry,
    shown,
)
from engine.text import Text


def gradient_dtype(dtype: np.dtype) -> np.dtype:
    """Float type of a gradient for an input of ``dtype`` (float64 stays, else float32)."""
    return np.dtype(np.float64) if dtype == np.float64 else np.dtype(np.float32)


def as_2d_geometry(geometry: PoolGeometry) -> PoolGeometry:
    """Treat a 1D pool as a 2D pool over a plane of height 1 (2D and 3D stay as they are)."""
    if len(geometry.input_size) != 1:
        return geometry
    return PoolGeometry(
        input_size=(1, *geometry.input_size),
        kernel_size=(1, *geometry.kernel_size),
        stride=(1, *geometry.stride),
        padding=(0, *geometry.padding),
        dilation=(1, *geometry.dilation),
        ceil_mode=geometry.ceil_mode,
        output_size=(1, *geometry.output_size),
    )


def window_extent(geometry: PoolGeometry) -> tuple[int, ...]:
    """Size of the padded buffer the windows span, per axis: ``(out - 1) * s + d(k - 1) + 1``.

    It may be smaller than the padded input (floor mode leaves the last cells out) or larger
    (ceil mode lets the last window hang past the right padding).
    """
    return tuple(
        (out - 1) * stride + span
        for out, stride, span in zip(
            geometry.output_size, geometry.stride, geometry.effective_kernel_size
        )
    )


def spatial_index(slices) -> tuple:
    """``(Ellipsis, *slices)``: index the trailing spatial axes of an (N, C, *spatial) array."""
    return (Ellipsis, *slices)


def padded_input(x: np.ndarray, geometry: PoolGeometry, fill: float) -> np.ndarray:
    """``x`` of shape (N, C, *spatial) placed in a ``fill``-padded array every window fits in.

    Input cell ``i`` along an axis sits at ``i + padding`` in the result, whose size per axis
    is :func:`window_extent`. Returns ``x`` itself (no copy) when no window reaches outside it.
    """
    pads, lengths = geometry.padding, geometry.input_size
    needed = window_extent(geometry)
    if not any(pads) and all(need <= length for need, length in zip(needed, lengths)):
        return x
    padded = np.full(x.shape[:2] + needed, fill, dtype=x.dtype)
    counts = [min(length, need - before) for length, need, before in zip(lengths, needed, pads)]
    padded[spatial_index(slice(before, before + count) for before, count in zip(pads, counts))] = x[
        spatial_index(slice(0, count) for count in counts)
    ]
    return padded


def unpadded(buffer: np.ndarray, geometry: PoolGeometry) -> np.ndarray:
    """The input cells of a buffer laid out as :func:`padded_input` lays out the input.

    Parameters
    ----------
    buffer : ndarray of shape (N, C, *extent)
        Such as a gradient accumulated over the padded windows.

    Returns
    -------
    ndarray of shape (N, C, *input_size)
        A view of ``buffer`` when it covers every input cell, else a copy with zeros for the
        cells it lacks (floor mode leaves the last cells out of every window).
    """
    pads, lengths = geometry.padding, geometry.input_size
    extent = buffer.shape[2:]
    if all(size >= before + length for size, before, length in zip(extent, pads, lengths)):
        return buffer[
            spatial_index(slice(before, before + length) for before, length in zip(pads, lengths))
        ]
    result = np.zeros(buffer.shape[:2] + tuple(lengths), dtype=buffer.dtype)
    counts = [min(length, size - before) for length, size, before in zip(lengths, extent, pads)]
    result[spatial_index(slice(0, count) for count in counts)] = buffer[
        spatial_index(slice(before, before + count) for before, count in zip(pads, counts))
    ]
    return result


def stage_cells(planes: int, sizes: tuple[int, ...], output_size: tuple[int, ...]) -> list[int]:
    """Cells of each intermediate array of a separable reduction over ``planes`` planes of
    ``sizes``, the last axis reduced to its output size first, then the one before it, and so
    on (the final, output-sized array is not counted)."""
    return [
        planes * math.prod(sizes[:axis]) * math.prod(output_size[axis:])
        for axis in range(len(sizes) - 1, 0, -1)
    ]


LARGE_INPUT_ADVICE = Text("use a smaller input or a larger stride")


def as_array(op_name: str, name: str, value) -> np.ndarray:
    """``np.asarray(value)``, refusing what NumPy cannot make a regular array of."""
    try:
        return np.asarray(value)
    except (ValueError, TypeError) as error:
        raise PoolingError(
            "{op_name}() {name} must be an array, but got {value}",
            op_name=op_name,
            name=name,
            value=shown(value),
        ) from error


def shaped_array(
    op_name: str, name: str, value, expected_shape: tuple, kinds: str, whose: str = "output"
) -> np.ndarray:
    """``value`` as an array of ``expected_shape`` (the ``whose``, ``"output"`` or ``"input"``,
    shape) whose dtype kind is one of ``kinds`` (``"iu"`` integers, ``"biuf"`` any number),
    or a PoolingError naming ``name``."""
    array = as_array(op_name, name, value)
    if array.shape != tuple(expected_shape):
        shapes = {"name": name, "expected": tuple(expected_shape), "shape": array.shape}
        if whose == "input":
            raise PoolingError(
                "{op_name}() {name} must have the input's shape {expected}, but got {shape}",
                op_name=op_name,
                **shapes,
            )
        raise PoolingError(
            "{op_name}() {name} must have the output's shape {expected}, but got {shape}",
            op_name=op_name,
            **shapes,
        )
    if array.dtype.kind not in kinds:
        if kinds == "iu":
            raise PoolingError(
                "{op_name}() {name} must be integers, but got dtype {dtype}",
                op_name=op_name,
                name=name,
                dtype=array.dtype,
            )
        raise PoolingError(
            "{op_name}() {name} must be numeric, but got dtype {dtype}",
            op_name=op_name,
            name=name,
            dtype=array.dtype,
        )
    return array


def check_grad_output(op_name: str, grad_output: np.ndarray, expected_shape: tuple) -> np.ndarray:
    """Refuse a gradient whose shape differs from the forward output's."""
    return shaped_array(op_name, "grad_output", grad_output, expected_shape, "biuf")


@dataclass(frozen=True)
class PreparedPool:
    """A checked pool call, in the planar layout every pool computes in.

    Attributes
    ----------
    planar : ndarray of shape (N, C, H, W) or (N, C, D, H, W)
        A view of the input (H = 1 for 1D) with a batch axis.
    unbatched : bool
        True if the caller gave no batch axis (it is removed from the result).
    geometry : PoolGeometry
        The window geometry of ``planar`` (a height-1 axis added for 1D).
    output_shape : tuple of int
        ``(N, C, *spatial_out)``, the batched output shape in the caller's dimensions.
    """

    planar: np.ndarray
    unbatched: bool
    geometry: PoolGeometry
    output_shape: tuple

    @property
    def caller_output_shape(self) -> tuple:
        """The output shape the caller sees: without the batch axis if it gave none."""
        return self.output_shape[1:] if self.unbatched else self.output_shape

    def finish(self, array: np.ndarray) -> np.ndarray:
        """Give a planar result the caller's layout back."""
        return finish(array, self.output_shape, self.unbatched)

    def output_text(self) -> str:
        """``'an output of 100 x 200 (H x W)'``, for memory refusals."""
        spatial = self.output_shape[2:]
        return Text("an output of {size}", size=describe_size(spatial, AXIS_NAMES[len(spatial)]))


def pool_cells(prepared: PreparedPool) -> tuple[int, int, int]:
    """Cell counts of a pool's working arrays, over all planes: the padded buffer the windows
    span, the intermediate stages of a separable pass (in 2D the padded height by the output
    width; in 3D two stages) and the output."""
    planes = prepared.planar.shape[0] * prepared.planar.shape[1]
    geometry = prepared.geometry
    padded = tuple(
        max(size, length + 2 * padding)
        for size, length, padding in zip(
            window_extent(geometry), geometry.input_size, geometry.padding, strict=True
        )
    )
    outputs = planes * math.prod(geometry.output_size)
    stages = sum(stage_cells(planes, padded, geometry.output_size))
    return planes * math.prod(padded), stages, outputs


def prepare_pool(
    op_name: str,
    x: np.ndarray,
    spatial_dims: int,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None,
    padding: IntOrTuple,
    dilation: IntOrTuple,
    ceil_mode: bool,
) -> PreparedPool:
    """Check a pool call and give its batched view (1D as an (N, C, 1, L) plane) and its
    window geometry."""
    batched, unbatched = check_input(x, spatial_dims, op_name)
    geometry = pool_geometry(
        op_name, batched.shape, kernel_size, stride, padding, dilation, ceil_mode
    )
    planar = batched.reshape(batched.shape[:2] + (1,) * (2 - spatial_dims) + batched.shape[2:])
    output_shape = batched.shape[:2] + geometry.output_size
    return PreparedPool(planar, unbatched, as_2d_geometry(geometry), output_shape)


def finish(array: np.ndarray, output_shape: tuple, unbatched: bool) -> np.ndarray:
    """Give a planar result the caller's layout back (drop the added batch axis)."""
    array = array.reshape(output_shape)
    return array[0] if unbatched else array
