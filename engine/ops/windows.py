"""The one window helper every pool shares: argument checks, output sizes, padding.

A pooling window along one spatial axis of length ``L`` is described by a kernel size ``k``,
a stride ``s``, a padding ``p`` on both sides and a dilation ``d``.  Output ``o`` covers the
input positions ``o * s - p + j * d`` for ``j = 0 .. k - 1``; positions outside ``[0, L)`` are
padding.  The number of outputs is, as in PyTorch,

    L_out = floor_or_ceil((L + 2p - d(k - 1) - 1) / s) + 1

and in ceil mode the last window is dropped if it would start at or past ``L + p`` (it must
start inside the input or the left padding).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.errors import PoolingError
from engine.ops.arguments import (
    LARGEST_SIZE,
    IntOrTuple,
    check_flag,
    check_int,
    check_real,
    is_empty,
    is_int,
    shown,
    to_tuple,
)


def pooling_output_size(
    input_size: int, kernel_size: int, stride: int, padding: int, dilation: int, ceil_mode: bool
) -> int:
    """Number of windows along one axis, exactly as PyTorch's ``pooling_output_shape``."""
    numerator = input_size + 2 * padding - dilation * (kernel_size - 1) - 1
    if ceil_mode:
        numerator += stride - 1
    output_size = numerator // stride + 1  # Python's // rounds towards -inf, as torch's div_rtn
    if ceil_mode and (output_size - 1) * stride >= input_size + padding:
        output_size -= 1
    return output_size


AXIS_NAMES = {1: "L", 2: "H x W", 3: "D x H x W"}
"""The spatial axes of a 1D, 2D and 3D input, as messages name them."""

LAYOUTS = {
    1: ("(C, L)", "(N, C, L)"),
    2: ("(C, H, W)", "(N, C, H, W)"),
    3: ("(C, D, H, W)", "(N, C, D, H, W)"),
}
"""The input shapes a 1D, 2D and 3D op accepts, as torch's: unbatched, batched."""


def check_input(x: np.ndarray, spatial_dims: int, op_name: str) -> tuple[np.ndarray, bool]:
    """Check a pooling input and give it a batch axis.

    Parameters
    ----------
    x : ndarray of shape (C, *spatial) or (N, C, *spatial)
        Numeric (bool, integer or floating) array.
    spatial_dims : int
        1 for ``(C, L)`` / ``(N, C, L)``, 2 for ``(C, H, W)`` / ``(N, C, H, W)``, 3 for
        ``(C, D, H, W)`` / ``(N, C, D, H, W)``.
    op_name : str
        Name used in error messages, such as ``"max_pool2d"``.

    Returns
    -------
    batched : ndarray of shape (N, C, *spatial)
        A view of ``x`` with a batch axis of length 1 added if it had none.
    unbatched : bool
        True if the batch axis was added (and must be removed from the result).
    """
    if not isinstance(x, np.ndarray):
        raise PoolingError(
            "{op_name}() expects a NumPy array, but got {type_name}",
            op_name=op_name,
            type_name=type(x).__name__,
        )
    if x.dtype.kind not in "biuf":
        raise PoolingError(
            "{op_name}() expects a numeric array (bool, integer or float), "
            "but got dtype {dtype} with shape {shape}",
            op_name=op_name,
            dtype=x.dtype,
            shape=x.shape,
        )
    allowed = (spatial_dims + 1, spatial_dims + 2)
    if x.ndim not in allowed:
        raise PoolingError(
            "{op_name}() expects a {unbatched}D or {batched}D input shaped {unbatched_shape} "
            "or {batched_shape}, but got shape {shape}",
            op_name=op_name,
            unbatched=allowed[0],
            batched=allowed[1],
            unbatched_shape=LAYOUTS[spatial_dims][0],
            batched_shape=LAYOUTS[spatial_dims][1],
            shape=x.shape,
        )
    if x.size == 0:
        raise PoolingError(
            "{op_name}() expects a non-empty input, but got shape {shape}",
            op_name=op_name,
            shape=x.shape,
        )
    if x.ndim == allowed[0]:
        return x[np.newaxis], True
    return x, False


@dataclass(frozen=True)
class PoolGeometry:
    """Where every window of a pool lies, one entry per spatial axis.

    Attributes
    ----------
    input_size, kernel_size, stride, padding, dilation, output_size : tuple of int
        Per spatial axis (``(L,)`` in 1D, ``(H, W)`` in 2D, ``(D, H, W)`` in 3D).
    ceil_mode : bool
        Whether the output size was rounded up.
    """

    input_size: tuple[int, ...]
    kernel_size: tuple[int, ...]
    stride: tuple[int, ...]
    padding: tuple[int, ...]
    dilation: tuple[int, ...]
    ceil_mode: bool
    output_size: tuple[int, ...]

    @property
    def effective_kernel_size(self) -> tuple[int, ...]:
        """Span of a dilated window in input cells: ``d * (k - 1) + 1``."""
        return tuple(
            spacing * (size - 1) + 1
            for size, spacing in zip(self.kernel_size, self.dilation, strict=True)
        )

    def window_starts(self, axis: int) -> np.ndarray:
        """First input position (negative inside the left padding) of each window along ``axis``.

        Returns
        -------
        ndarray of shape (output_size[axis],), int64
        """
        return (
            np.arange(self.output_size[axis], dtype=np.int64) * self.stride[axis]
            - (self.padding[axis])
        )

    def window_positions(self, axis: int) -> np.ndarray:
        """Input positions covered by every window along ``axis``.

        Returns
        -------
        ndarray of shape (output_size[axis], kernel_size[axis]), int64
            Entry ``[o, j]`` is ``o * s - p + j * d``; values outside ``[0, input_size)`` are
            padding.
        """
        offsets = np.arange(self.kernel_size[axis], dtype=np.int64) * self.dilation[axis]
        return self.window_starts(axis)[:, np.newaxis] + offsets

    def offset_slices(self, axis: int) -> list[slice]:
        """For each kernel offset along ``axis``, the strided slice of the padded buffer (see
        :func:`engine.ops.layout.padded_input`) that holds that cell of every window."""
        out, stride, dilation = self.output_size[axis], self.stride[axis], self.dilation[axis]
        return [
            slice(offset * dilation, offset * dilation + (out - 1) * stride + 1, stride)
            for offset in range(self.kernel_size[axis])
        ]

    def window_divisor(
        self, count_include_pad: bool, divisor_override: int | None = None
    ) -> np.ndarray:
        """What each window's sum is divided by in PyTorch's average pooling
        (:func:`average_divisor` with the same padding on both sides).

        Returns
        -------
        ndarray of shape ``output_size``, float64
        """
        starts = [self.window_starts(axis) for axis in range(len(self.output_size))]
        return self.divisor_of(starts, count_include_pad, divisor_override)

    def cell_divisor(
        self, cell: tuple[int, ...], count_include_pad: bool, divisor_override: int | None = None
    ) -> float:
        """:meth:`window_divisor` of the one output ``cell`` (an index per axis), without
        working out every window's."""
        starts = [self.window_starts(axis)[index : index + 1] for axis, index in enumerate(cell)]
        return float(self.divisor_of(starts, count_include_pad, divisor_override).item())

    def divisor_of(
        self, starts: list[np.ndarray], count_include_pad: bool, divisor_override: int | None
    ) -> np.ndarray:
        """:func:`average_divisor` of the windows starting at ``starts`` (one array per axis)."""
        return average_divisor(
            starts,
            self.kernel_size,
            self.dilation,
            self.input_size,
            tuple((padding, padding) for padding in self.padding),
            count_include_pad,
            divisor_override,
        )


def cells_between(
    starts: np.ndarray, kernel_size: int, dilation: int, low: int, high: int
) -> np.ndarray:
    """How many cells ``start + j * dilation`` (``j = 0 .. kernel_size - 1``) of each window lie
    in ``[low, high)``, without building the windows.

    Parameters
    ----------
    starts : ndarray of shape (O,), int64
        First position of each window along one axis.

    Returns
    -------
    ndarray of shape (O,), int64
    """
    before_high = np.clip(-((starts - high) // dilation), 0, kernel_size)  # ceil((high - s) / d)
    before_low = np.clip(-((starts - low) // dilation), 0, kernel_size)
    return before_high - before_low


def average_divisor(
    starts: list[np.ndarray],
    kernel_size: tuple[int, ...],
    dilation: tuple[int, ...],
    input_size: tuple[int, ...],
    pads: tuple[tuple[int, int], ...],
    count_include_pad: bool,
    divisor_override: int | None = None,
) -> np.ndarray:
    """What each window's sum is divided by in an average pool: the one place every average
    (PyTorch's, Keras', Flax's, ONNX's, "same" padding, 3D), its steps and the info panel
    compute it.

    ``divisor_override`` if given; else, multiplied over the axes, the window's cells inside the
    padded input ``[-low, L + high)`` with ``count_include_pad`` (PyTorch's "window clipped to
    the padded input", ``min(start + k, L + p) - start`` without dilation; a dilated window
    counts its taps, as ONNX), or its real cells ``[0, L)`` without (0 for a window of padding
    alone).

    Parameters
    ----------
    starts : list of ndarray of shape (O_axis,), int64
        First position of every window (negative inside the low padding), one array per axis;
        a single-element array gives one window's divisor.
    kernel_size, dilation, input_size : tuple of int
        Per spatial axis.
    pads : tuple of (int, int)
        ``(low, high)`` padding per axis.
    count_include_pad : bool
    divisor_override : int, optional

    Returns
    -------
    ndarray of shape ``(O_0, O_1, ...)``, float64
    """
    shape = tuple(len(axis_starts) for axis_starts in starts)
    if divisor_override is not None:
        return np.full(shape, float(divisor_override))
    divisor = np.ones((), dtype=np.float64)
    for axis_starts, size, spacing, length, (low, high) in zip(
        starts, kernel_size, dilation, input_size, pads, strict=True
    ):
        first, end = (-low, length + high) if count_include_pad else (0, length)
        cells = cells_between(axis_starts, size, spacing, first, end)
        divisor = np.multiply.outer(divisor, cells.astype(np.float64))
    return divisor


def window_arguments(
    op_name: str, spatial_dims: int, kernel_size, stride, padding
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Kernel, stride and padding as tuples of ``spatial_dims`` ints; ``stride=None`` (or
    empty) means the kernel size, as in torch."""
    kernel = to_tuple(kernel_size, spatial_dims, "kernel_size", op_name)
    strides = (
        kernel
        if stride is None or is_empty(stride)
        else to_tuple(stride, spatial_dims, "stride", op_name)
    )
    return kernel, strides, to_tuple(padding, spatial_dims, "padding", op_name)


def pool_geometry(
    op_name: str,
    input_shape: tuple[int, ...],
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    dilation: IntOrTuple = 1,
    ceil_mode: bool = False,
) -> PoolGeometry:
    """Check pooling arguments against an input shape and work out every window.

    Parameters
    ----------
    op_name : str
        Name used in error messages, such as ``"max_pool2d"``.
    input_shape : tuple of int
        Full shape ``(N, C, *spatial)`` of the (batched) input.
    kernel_size, stride, padding, dilation : int or tuple of int
        As in ``torch.nn.functional``; ``stride=None`` (or an empty tuple) means
        ``kernel_size``.
    ceil_mode : bool
        Round the output size up instead of down.

    Raises
    ------
    PoolingError
        For what torch refuses: a kernel, stride or dilation below 1, negative padding,
        padding over half the kernel, or an output smaller than 1.
    """
    spatial_dims = len(input_shape) - 2
    input_size = tuple(int(length) for length in input_shape[2:])
    kernel, strides, pads = window_arguments(op_name, spatial_dims, kernel_size, stride, padding)
    dilations = to_tuple(dilation, spatial_dims, "dilation", op_name)
    ceil_mode = check_flag(op_name, "ceil_mode", ceil_mode)
    for name, values in (("kernel_size", kernel), ("stride", strides), ("dilation", dilations)):
        if min(values) < 1:
            raise PoolingError(
                "{op_name}() {name} must be greater than zero, but got {name}={values} "
                "for input of shape {shape}",
                op_name=op_name,
                name=name,
                values=values,
                shape=tuple(input_shape),
            )
    if min(pads) < 0:
        raise PoolingError(
            "{op_name}() padding must be non-negative, but got padding={padding}",
            op_name=op_name,
            padding=pads,
        )
    if any(axis_padding > size // 2 for axis_padding, size in zip(pads, kernel, strict=True)):
        raise PoolingError(
            "{op_name}() padding should be at most half of kernel size, but got "
            "padding={padding} and kernel_size={kernel}",
            op_name=op_name,
            padding=pads,
            kernel=kernel,
        )
    output = tuple(
        pooling_output_size(length, size, step, axis_padding, spacing, ceil_mode)
        for length, size, step, axis_padding, spacing in zip(
            input_size, kernel, strides, pads, dilations, strict=True
        )
    )
    if min(output) < 1:
        raise PoolingError(
            "{op_name}() given input of shape {shape} with kernel_size={kernel}, "
            "stride={stride}, padding={padding}, dilation={dilation}: calculated output size "
            "{output} is too small (the dilated window d*(k-1)+1 is larger than the padded input)",
            op_name=op_name,
            shape=tuple(input_shape),
            kernel=kernel,
            stride=strides,
            padding=pads,
            dilation=dilations,
            output=output,
        )
    return PoolGeometry(input_size, kernel, strides, pads, dilations, ceil_mode, output)


def adaptive_bounds(input_size: int, output_size: int) -> tuple[np.ndarray, np.ndarray]:
    """Start and end (exclusive) of each adaptive window along one axis.

    Window ``i`` spans ``[floor(i * L / O), ceil((i + 1) * L / O))``, as in PyTorch.

    Returns
    -------
    starts, ends : ndarray of shape (output_size,), int64
    """
    index = np.arange(output_size, dtype=np.int64)
    starts = (index * input_size) // output_size
    ends = -((-(index + 1) * input_size) // output_size)
    return starts, ends


def adaptive_output_size(
    op_name: str, input_shape: tuple[int, ...], output_size: IntOrTuple | None
) -> tuple[int, ...]:
    """Check an adaptive pool's ``output_size`` (``None`` entries keep the input size)."""
    spatial_dims = len(input_shape) - 2
    input_size = tuple(int(length) for length in input_shape[2:])
    if output_size is None:
        raise PoolingError("{op_name}() output_size must be given", op_name=op_name)
    if isinstance(output_size, np.ndarray) and output_size.ndim == 0:
        output_size = output_size[()]
    if is_int(output_size):
        sizes: list = [output_size] * spatial_dims
    else:
        try:
            if isinstance(output_size, str | bytes | dict):
                raise TypeError
            sizes = list(output_size)
        except TypeError:
            raise PoolingError(
                "{op_name}() output_size must be an int or a tuple, but got {value}",
                op_name=op_name,
                value=shown(output_size),
            ) from None
        if len(sizes) == 1:
            sizes = sizes * spatial_dims
        if len(sizes) != spatial_dims:
            raise PoolingError(
                "{op_name}() output_size must have {count} entries, but got {value}",
                op_name=op_name,
                count=spatial_dims,
                value=shown(output_size),
            )
    result = []
    for size, length in zip(sizes, input_size, strict=True):
        if size is None:
            size = length
        if isinstance(size, np.ndarray) and size.ndim == 0:
            size = size[()]
        if not is_int(size) or not 1 <= size <= LARGEST_SIZE:
            raise PoolingError(
                "{op_name}() output_size must be ints from 1 to {largest} (or None), but "
                "got {value} for input of shape {shape}",
                op_name=op_name,
                largest=LARGEST_SIZE,
                value=shown(output_size),
                shape=tuple(input_shape),
            )
        result.append(int(size))
    return tuple(result)


__all__ = [
    "AXIS_NAMES",
    "LARGEST_SIZE",
    "LAYOUTS",
    "IntOrTuple",
    "PoolGeometry",
    "adaptive_bounds",
    "adaptive_output_size",
    "average_divisor",
    "cells_between",
    "check_flag",
    "check_input",
    "check_int",
    "check_real",
    "is_empty",
    "is_int",
    "pool_geometry",
    "pooling_output_size",
    "shown",
    "to_tuple",
    "window_arguments",
]
