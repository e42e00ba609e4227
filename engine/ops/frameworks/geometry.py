"""A pooling geometry whose padding may differ before and after: ``(low, high)`` per axis.

PyTorch pads both sides alike; TensorFlow/Keras, JAX/Flax and ONNX may pad one side more than
the other ("same" padding, explicit pairs). :class:`PaddedGeometry` holds either (each
framework's arguments become one in :mod:`engine.ops.frameworks.conventions`). Along an axis
of length ``L``, window ``o`` starts at ``o * s - low`` and covers ``start + j * d`` for
``j = 0 .. k - 1``; positions outside ``[0, L)`` are padding.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.errors import PoolingError
from engine.ops.arguments import check_flag, is_int, shown, to_tuple
from engine.ops.windows import PoolGeometry, average_divisor


@dataclass(frozen=True)
class PaddedGeometry:
    """Every window of a pool whose padding may differ before and after, one entry per axis.

    Attributes
    ----------
    input_size, kernel, stride, dilation, output_size : tuple of int
        Per spatial axis (``(L,)`` in 1D, ``(H, W)`` in 2D).
    pads : tuple of (int, int)
        ``(low, high)`` padding per axis: cells added before position 0 and after ``L - 1``.
    ceil_mode : bool
        Whether the output size was rounded up (the last window may then hang past the high
        padding; the cells past it count neither as input nor as padding).
    """

    input_size: tuple[int, ...]
    kernel: tuple[int, ...]
    stride: tuple[int, ...]
    dilation: tuple[int, ...]
    pads: tuple[tuple[int, int], ...]
    ceil_mode: bool
    output_size: tuple[int, ...]

    @property
    def spatial_dims(self) -> int:
        """1 or 2."""
        return len(self.input_size)

    @property
    def effective_kernel(self) -> tuple[int, ...]:
        """Span of a dilated window in cells: ``d * (k - 1) + 1``."""
        return tuple(
            spacing * (size - 1) + 1
            for size, spacing in zip(self.kernel, self.dilation, strict=True)
        )

    @property
    def window_extent(self) -> tuple[int, ...]:
        """Cells from the first window's start to the last window's end, per axis:
        ``(out - 1) * s + d * (k - 1) + 1``."""
        return tuple(
            (out - 1) * stride + span
            for out, stride, span in zip(self.output_size, self.stride, self.effective_kernel)
        )

    def window_starts(self, axis: int) -> np.ndarray:
        """First position of each window along ``axis`` (negative inside the low padding).

        Returns
        -------
        ndarray of shape (output_size[axis],), int64
        """
        starts = np.arange(self.output_size[axis], dtype=np.int64) * self.stride[axis]
        return starts - self.pads[axis][0]

    def window_positions(self, axis: int) -> np.ndarray:
        """Positions covered by every window along ``axis``.

        Returns
        -------
        ndarray of shape (output_size[axis], kernel[axis]), int64
            Entry ``[o, j]`` is ``o * s - low + j * d``.
        """
        offsets = np.arange(self.kernel[axis], dtype=np.int64) * self.dilation[axis]
        return self.window_starts(axis)[:, np.newaxis] + offsets

    def window_divisor(self, count_include_pad: bool) -> np.ndarray:
        """What each window's sum is divided by in an average pool
        (:func:`~engine.ops.windows.average_divisor`).

        With ``count_include_pad`` the window's cells inside the padded input (PyTorch's and
        ONNX's "window clipped to the padded input"; the whole window for Keras and Flax,
        whose windows never leave it), else its real cells only (0 for a window of padding
        alone).

        Returns
        -------
        ndarray of shape ``output_size``, float64
        """
        starts = [self.window_starts(axis) for axis in range(self.spatial_dims)]
        return average_divisor(
            starts, self.kernel, self.dilation, self.input_size, self.pads, count_include_pad
        )

    def first_real_cell(self, axis: int) -> np.ndarray:
        """Position of each window's first real cell along ``axis``, or -1 if it has none.

        Returns
        -------
        ndarray of shape (output_size[axis],), int64
        """
        positions = self.window_positions(axis)
        real = (positions >= 0) & (positions < self.input_size[axis])
        first = positions[np.arange(len(positions)), real.argmax(axis=1)]
        return np.where(real.any(axis=1), first, -1)

    def as_2d(self) -> PaddedGeometry:
        """The same pool over a plane of height 1 when 1D; itself when 2D."""
        if self.spatial_dims == 2:
            return self
        return PaddedGeometry(
            input_size=(1, *self.input_size),
            kernel=(1, *self.kernel),
            stride=(1, *self.stride),
            dilation=(1, *self.dilation),
            pads=((0, 0), *self.pads),
            ceil_mode=self.ceil_mode,
            output_size=(1, *self.output_size),
        )

    def pool_geometry(self) -> PoolGeometry:
        """The engine's :class:`PoolGeometry` with the low padding as its padding: its kernels
        pad the low side and extend the high side as far as the windows reach."""
        return PoolGeometry(
            input_size=self.input_size,
            kernel_size=self.kernel,
            stride=self.stride,
            padding=tuple(low for low, _ in self.pads),
            dilation=self.dilation,
            ceil_mode=self.ceil_mode,
            output_size=self.output_size,
        )

    def buffer_geometry(self) -> PoolGeometry:
        """The pool seen from a buffer that starts at the first window's start and is
        :attr:`window_extent` long: no padding left, for the engine's plain kernels."""
        return PoolGeometry(
            input_size=self.window_extent,
            kernel_size=self.kernel,
            stride=self.stride,
            padding=(0,) * self.spatial_dims,
            dilation=self.dilation,
            ceil_mode=False,
            output_size=self.output_size,
        )


def padded_output_size(
    length: int, kernel: int, stride: int, pads: tuple[int, int], dilation: int, ceil_mode: bool
) -> int:
    """Number of windows along one axis: ``floor_or_ceil((L + low + high - d(k-1) - 1) / s) + 1``,
    less one in ceil mode when the last window would start in the high padding (PyTorch's and
    onnxruntime's rule). 0 when the dilated window is longer than the padded input."""
    numerator = length + pads[0] + pads[1] - dilation * (kernel - 1) - 1
    if numerator < 0:
        return 0
    count = (-(-numerator // stride) if ceil_mode else numerator // stride) + 1
    if ceil_mode and (count - 1) * stride >= length + pads[0]:
        count -= 1
    return count


def build_geometry(
    op_name: str,
    input_size: tuple[int, ...],
    kernel: tuple[int, ...],
    stride: tuple[int, ...],
    dilation: tuple[int, ...],
    pads: tuple[tuple[int, int], ...],
    ceil_mode: bool,
) -> PaddedGeometry:
    """Check sizes and work out the output size; refuse an empty output."""
    if min(kernel) < 1:
        raise PoolingError(
            "{op_name} kernel size must be at least 1, but got {values}",
            op_name=op_name,
            values=kernel,
        )
    for name, values in (("stride", stride), ("dilation", dilation)):
        if min(values) < 1:
            raise PoolingError(
                "{op_name} {name} must be at least 1, but got {values}",
                op_name=op_name,
                name=name,
                values=values,
            )
    if min(min(pair) for pair in pads) < 0:
        raise PoolingError(
            "{op_name} padding must be non-negative, but got {padding}",
            op_name=op_name,
            padding=pads,
        )
    output = tuple(
        padded_output_size(*axis, ceil_mode)
        for axis in zip(input_size, kernel, stride, pads, dilation, strict=True)
    )
    if min(output) < 1:
        raise PoolingError(
            "{op_name} given input size {size} with kernel size {kernel}, stride {stride}, "
            "padding {padding} and dilation {dilation}: the dilated window d*(k-1)+1 is longer "
            "than the padded input, so there is no output",
            op_name=op_name,
            size=input_size,
            kernel=kernel,
            stride=stride,
            padding=pads,
            dilation=dilation,
        )
    return PaddedGeometry(input_size, kernel, stride, dilation, pads, ceil_mode, output)


def check_input_size(op_name: str, input_size) -> tuple[int, ...]:
    """``input_size`` as a tuple of one or two positive ints."""
    try:
        sizes = (input_size,) if is_int(input_size) else tuple(input_size)
    except TypeError:
        sizes = ()
    if not 1 <= len(sizes) <= 2 or not all(is_int(size) and size >= 1 for size in sizes):
        raise PoolingError(
            "{op_name} input_size must be (L,) or (H, W) of positive ints, but got {value}",
            op_name=op_name,
            value=shown(input_size),
        )
    return tuple(int(size) for size in sizes)


def padded_geometry(
    input_size,
    kernel_size,
    stride=None,
    pads=0,
    dilation=1,
    ceil_mode: bool = False,
) -> PaddedGeometry:
    """A :class:`PaddedGeometry` from plain arguments, for pools no framework names.

    Parameters
    ----------
    input_size : (L,) or (H, W)
    kernel_size, stride, dilation : int or tuple of one int per axis
        ``stride=None`` means ``kernel_size``.
    pads : int, or one int or ``(low, high)`` pair per axis
        An int pads both sides alike.
    ceil_mode : bool
        Round the output size up; a last window that would start in the high padding is
        dropped.
    """
    op_name = "padded_geometry()"
    sizes = check_input_size(op_name, input_size)
    dims = len(sizes)
    kernel = to_tuple(kernel_size, dims, "kernel_size", "padded_geometry")
    steps = kernel if stride is None else to_tuple(stride, dims, "stride", "padded_geometry")
    spacing = to_tuple(dilation, dims, "dilation", "padded_geometry")
    ceil_mode = check_flag(op_name, "ceil_mode", ceil_mode)
    return build_geometry(
        op_name, sizes, kernel, steps, spacing, pad_pairs(op_name, pads, dims), ceil_mode
    )


def pad_pairs(op_name: str, pads, dims: int) -> tuple[tuple[int, int], ...]:
    """``2``, ``(1, 2)`` or ``((0, 1), (2, 2))`` as ``(low, high)`` pairs, one per axis."""
    refusal = PoolingError(
        "{op_name} pads must be an int or, per axis, an int or a (low, high) pair, but got {value}",
        op_name=op_name,
        value=shown(pads),
    )
    if is_int(pads):
        return ((int(pads), int(pads)),) * dims
    try:
        items = tuple(pads)
    except TypeError:
        raise refusal from None
    if len(items) != dims:
        raise refusal
    pairs = []
    for item in items:
        pair = (item, item) if is_int(item) else item
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise refusal
        if not all(is_int(side) for side in pair):
            raise refusal
        pairs.append((int(pair[0]), int(pair[1])))
    return tuple(pairs)


__all__ = ["PaddedGeometry", "padded_geometry", "padded_output_size"]
