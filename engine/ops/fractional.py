"""Fractional max pooling (Graham, 2014) in 2D and 3D, exact to PyTorch's CPU kernels.

The windows have a fixed size ``k`` but start at irregular steps, so that an axis of length
``L`` pools to any length ``O`` with ``O + k - 1 <= L``; where they start is the business of
:mod:`engine.ops.fractional_windows` (:func:`fractional_starts`). Within a window the first
maximum in row-major order wins, or the last NaN, as in every max pool here. The maxima come
from a dense stride-1 pass along each axis (fast strided slices), from which every plane then
picks its own windows, before the next axis is reduced.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from engine.errors import PoolingError
from engine.ops.fractional_windows import (
    SAMPLE_AXES,
    arithmetic_dtype,
    fractional_output_size,
    fractional_starts,
    random_samples,
)
from engine.ops.layout import check_grad_output, gradient_dtype
from engine.ops.maxpool import check_indices, scatter_to_input
from engine.ops.memory import describe_size, require_memory
from engine.ops.separable import separable_max
from engine.ops.windows import AXIS_NAMES, IntOrTuple, check_flag, check_input, to_tuple
from engine.text import Text


@dataclass(frozen=True)
class FractionalPool:
    """A checked fractional max-pool call.

    Attributes
    ----------
    batched : ndarray of shape (N, C, *spatial)
    unbatched : bool
        True if the caller gave no batch axis.
    kernel, output_size : tuple of int
        Per spatial axis.
    starts : list of ndarray of shape (N, C, output_size[axis]), int64, one per axis
        Every plane's window starts.
    """

    batched: np.ndarray
    unbatched: bool
    kernel: tuple[int, ...]
    output_size: tuple[int, ...]
    starts: list[np.ndarray]

    @property
    def output_shape(self) -> tuple:
        """The output shape the caller sees (no batch axis if it gave none)."""
        shape = self.batched.shape[:2] + self.output_size
        return shape[1:] if self.unbatched else shape


def prepare_fractional(
    op_name, dims, x, kernel_size, output_size, output_ratio, samples, generator, backward
) -> FractionalPool:
    """Check a fractional max-pool call, refuse it beyond the memory budget, and work out
    every plane's windows."""
    batched, unbatched = check_input(x, dims, op_name)
    input_size = batched.shape[2:]
    kernel = to_tuple(kernel_size, dims, "kernel_size", op_name)
    if min(kernel) < 1:
        raise PoolingError(
            "{op_name}() kernel_size must be greater than zero, but got kernel_size={kernel}",
            op_name=op_name,
            kernel=kernel,
        )
    sizes = fractional_output_size(op_name, input_size, kernel, output_size, output_ratio)
    require_fractional_memory(op_name, batched, kernel, sizes, backward)
    dtype = arithmetic_dtype(batched.dtype)
    samples = random_samples(op_name, samples, generator, batched.shape[:2] + (dims,), dtype)
    starts = [
        fractional_starts(length, out, size, samples[..., sample_axis])
        for length, out, size, sample_axis in zip(
            input_size, sizes, kernel, SAMPLE_AXES[dims], strict=True
        )
    ]
    return FractionalPool(batched, unbatched, kernel, sizes, starts)


def require_fractional_memory(op_name, batched, kernel, sizes, backward) -> None:
    """Refuse a call whose working arrays would exceed the memory budget: each axis's dense
    maxima (every window position) and the plane's picks from them, with their codes, the
    output with its int64 indices and, for a backward, the gradient."""
    planes, shape = batched.shape[0] * batched.shape[1], list(batched.shape[2:])
    stages = 0
    for axis in reversed(range(len(shape))):
        shape[axis] -= kernel[axis] - 1  # the dense pass
        stages += planes * math.prod(shape)
        shape[axis] = sizes[axis]  # the picked windows
        stages += planes * math.prod(shape)
    size = batched.dtype.itemsize  # each stage: values, codes, scratch and int64 picks
    needed = stages * (3 * size + 33) + planes * math.prod(sizes) * (2 * size + 49)
    if backward:
        needed += batched.size * 8
    what = Text("an output of {size}", size=describe_size(sizes, AXIS_NAMES[len(sizes)]))
    require_memory(op_name, needed, what, Text("use a smaller input or output_size"))


def fractional_max_core(call: FractionalPool, with_indices: bool):
    """The maxima (N, C, *output_size) in the input's dtype and, if asked, their int64 flat
    indices."""
    x, kernel, starts = call.batched, call.kernel, call.starts
    dims = len(kernel)
    dense = [
        [slice(offset, offset + length - size + 1) for offset in range(size)]
        for length, size in zip(x.shape[2:], kernel)
    ]
    # The shape each axis picks from: input sizes before it, dense positions on it, outputs
    # after it (the last axis is reduced first).
    picks = [None] + [
        flat_picks(
            x.shape[:2]
            + x.shape[2 : 2 + axis]
            + (x.shape[2 + axis] - kernel[axis] + 1,)
            + call.output_size[axis + 1 :],
            axis,
            starts[axis],
        )
        for axis in range(1, dims)
    ]

    def select(axis: int, array: np.ndarray) -> np.ndarray:
        if axis == 0:  # whole rows (slices in 3D), copied plane by plane
            return pick_first_axis(array, starts[0])
        return np.take(array, picks[axis])  # flat positions: far faster than take_along_axis

    values, codes = separable_max(x, dense, with_indices, select)
    if not with_indices:
        return values, None
    # ((start_0 + code_0) * L_1 + start_1 + code_1) * L_2 + ..., in place.
    indices = np.zeros(values.shape, dtype=np.int64)
    for axis, (axis_starts, code) in enumerate(zip(starts, codes)):
        if axis:
            indices *= x.shape[2 + axis]
        shape = axis_starts.shape[:2] + along_axis(axis, axis_starts.shape[2], dims)
        indices += axis_starts.reshape(shape)
        indices += code
    return values, indices


def pick_first_axis(array: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Each plane's own positions ``starts`` (N, C, O) along the first spatial axis of
    ``array`` (N, C, L, ...): (N, C, O, ...), whole rows (or slices) at a time."""
    picked = np.empty(starts.shape + array.shape[3:], dtype=array.dtype)
    for batch, channel in np.ndindex(starts.shape[:2]):
        np.take(array[batch, channel], starts[batch, channel], axis=0, out=picked[batch, channel])
    return picked


def flat_picks(shape: tuple, axis: int, starts: np.ndarray) -> np.ndarray:
    """Flat positions, in a C-ordered array of ``shape`` (N, C, *spatial), of the cells every
    plane picks along spatial ``axis``: position ``starts[n, c, o]`` on that axis.

    Returns
    -------
    ndarray of ``shape`` with that axis of length O, int64
    """
    dims = len(shape) - 2
    strides = [math.prod(shape[2 + other + 1 :]) for other in range(dims)]
    planes = np.arange(shape[0] * shape[1], dtype=np.int64).reshape(shape[:2] + (1,))
    flat = planes * math.prod(shape[2:]) + starts * strides[axis]
    flat = flat.reshape(shape[:2] + along_axis(axis, starts.shape[2], dims))
    for other in range(dims):
        if other != axis:
            positions = np.arange(shape[2 + other], dtype=np.int64) * strides[other]
            flat = flat + positions.reshape(along_axis(other, shape[2 + other], dims))
    return flat


def along_axis(axis: int, length: int, dims: int) -> tuple[int, ...]:
    """The spatial shape of ``length`` values laid along ``axis`` of ``dims`` axes."""
    return (1,) * axis + (length,) + (1,) * (dims - 1 - axis)


def finish(call: FractionalPool, array: np.ndarray) -> np.ndarray:
    return array[0] if call.unbatched else array


def fractional_forward(
    op_name, dims, x, kernel_size, output_size, output_ratio, return_indices, samples, generator
):
    call = prepare_fractional(
        op_name, dims, x, kernel_size, output_size, output_ratio, samples, generator, False
    )
    return_indices = check_flag(op_name, "return_indices", return_indices)
    values, indices = fractional_max_core(call, return_indices)
    if return_indices:
        return finish(call, values), finish(call, indices)
    return finish(call, values)


def fractional_backward(
    op_name,
    dims,
    grad_output,
    x,
    kernel_size,
    output_size,
    output_ratio,
    samples,
    indices,
    generator,
):
    if samples is None and indices is None and generator is None:
        raise PoolingError(
            "{op_name}() needs the forward's _random_samples (or its indices, or a generator "
            "in the state the forward drew from) to find the same windows",
            op_name=op_name,
        )
    call = prepare_fractional(
        op_name, dims, x, kernel_size, output_size, output_ratio, samples, generator, True
    )
    grad_output = check_grad_output(op_name, grad_output, call.output_shape)
    if indices is None:
        _, indices = fractional_max_core(call, with_indices=True)
        missing = False
    else:
        indices, missing = check_indices(
            op_name, indices, call.output_shape, math.prod(call.batched.shape[2:])
        )
    grad_input = scatter_to_input(
        grad_output, indices, call.batched.shape, gradient_dtype(x.dtype), missing
    )
    return grad_input.reshape(x.shape)


def fractional_max_pool2d(
    x: np.ndarray,
    kernel_size: IntOrTuple,
    output_size: IntOrTuple | None = None,
    output_ratio=None,
    return_indices: bool = False,
    _random_samples: np.ndarray | None = None,
    *,
    generator: np.random.Generator | None = None,
):
    """2D fractional max pooling, as ``torch.nn.functional.fractional_max_pool2d``.

    Parameters
    ----------
    x : ndarray of shape (C, H, W) or (N, C, H, W)
        Any numeric dtype; the output keeps it.
    kernel_size : int or (int, int)
        The size ``k`` of every window (no padding, no dilation).
    output_size : int or (int, int), optional
        The output size ``O`` per axis, with ``O + k - 1 <= L``.
    output_ratio : float or (float, float), optional
        Used when ``output_size`` is None: ``O = int(L * ratio)``, each ratio in (0, 1).
    return_indices : bool
        Also return the arg-max positions.
    _random_samples : ndarray of shape (N, C, 2), optional
        One sample in [0, 1) per plane and axis, in the order ``(W, H)`` (sample 0 is the
        width's), as PyTorch; for an unbatched input N = 1 (more rows are allowed, as
        PyTorch, and ignored). Drawn when omitted.
    generator : numpy.random.Generator, optional
        Draws the samples when ``_random_samples`` is omitted (``default_rng()`` if None),
        so a seeded generator repeats the windows.

    Returns
    -------
    out : ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out)
        The dtype of ``x``: the maximum of each window, whose starts along each axis are
        :func:`fractional_starts` of the plane's sample.
    indices : ndarray of the same shape, int64, only if ``return_indices``
        Flat position ``h * W + w`` of the first maximum in row-major window order (of the last NaN,
        if any), as PyTorch.

    Notes
    -----
    The window starts are computed in the input's float type (float64 for integer inputs,
    which PyTorch refuses); samples of another float type are converted to it first.
    """
    return fractional_forward(
        "fractional_max_pool2d",
        2,
        x,
        kernel_size,
        output_size,
        output_ratio,
        return_indices,
        _random_samples,
        generator,
    )


def fractional_max_pool3d(
    x: np.ndarray,
    kernel_size: IntOrTuple,
    output_size: IntOrTuple | None = None,
    output_ratio=None,
    return_indices: bool = False,
    _random_samples: np.ndarray | None = None,
    *,
    generator: np.random.Generator | None = None,
):
    """3D fractional max pooling, as ``torch.nn.functional.fractional_max_pool3d``.

    Parameters
    ----------
    x : ndarray of shape (C, D, H, W) or (N, C, D, H, W)
        Any numeric dtype; the output keeps it.
    kernel_size : int or (int, int, int)
        The size ``k`` of every window (no padding, no dilation).
    output_size : int or (int, int, int), optional
        The output size ``O`` per axis, with ``O + k - 1 <= L``.
    output_ratio : float or (float, float, float), optional
        Used when ``output_size`` is None: ``O = int(L * ratio)``, each ratio in (0, 1).
    return_indices : bool
        Also return the arg-max positions.
    _random_samples : ndarray of shape (N, C, 3), optional
        One sample in [0, 1) per plane and axis, in the order ``(D, H, W)``, as PyTorch; for
        an unbatched input N = 1 (more rows are allowed, as PyTorch, and ignored). Drawn when
        omitted.
    generator : numpy.random.Generator, optional
        Draws the samples when ``_random_samples`` is omitted (``default_rng()`` if None),
        so a seeded generator repeats the windows.

    Returns
    -------
    out : ndarray of shape (C, D_out, H_out, W_out) or
        (N, C, D_out, H_out, W_out)
        The dtype of ``x``: the maximum of each window, whose starts along each axis are
        :func:`fractional_starts` of the plane's sample.
    indices : ndarray of the same shape, int64, only if ``return_indices``
        Flat position ``(d * H + h) * W + w`` of the first maximum in row-major window order
        (of the last NaN, if any), as PyTorch.

    Notes
    -----
    The window starts are computed in the input's float type (float64 for integer inputs,
    which PyTorch refuses); samples of another float type are converted to it first.
    """
    return fractional_forward(
        "fractional_max_pool3d",
        3,
        x,
        kernel_size,
        output_size,
        output_ratio,
        return_indices,
        _random_samples,
        generator,
    )


def fractional_max_pool2d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    kernel_size: IntOrTuple,
    output_size: IntOrTuple | None = None,
    output_ratio=None,
    _random_samples: np.ndarray | None = None,
    indices: np.ndarray | None = None,
    *,
    generator: np.random.Generator | None = None,
) -> np.ndarray:
    """Gradient of :func:`fractional_max_pool2d`: each output gradient added at its arg-max;
    overlapping windows accumulate.

    Parameters
    ----------
    grad_output : ndarray of the forward output's shape
    x : ndarray of shape (C, H, W) or (N, C, H, W)
    kernel_size, output_size, output_ratio, _random_samples, generator
        As given to the forward: the windows must be the same, so pass its
        ``_random_samples`` (or a generator in the state the forward drew from).
    indices : ndarray of the output's shape, int64, optional
        From ``fractional_max_pool2d(..., return_indices=True)``; then no samples are
        needed.

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32

    Raises
    ------
    PoolingError
        When neither ``_random_samples``, ``indices`` nor ``generator`` is given (fresh random
        windows would not be the forward's), or for what the forward refuses.
    """
    return fractional_backward(
        "fractional_max_pool2d",
        2,
        grad_output,
        x,
        kernel_size,
        output_size,
        output_ratio,
        _random_samples,
        indices,
        generator,
    )


def fractional_max_pool3d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    kernel_size: IntOrTuple,
    output_size: IntOrTuple | None = None,
    output_ratio=None,
    _random_samples: np.ndarray | None = None,
    indices: np.ndarray | None = None,
    *,
    generator: np.random.Generator | None = None,
) -> np.ndarray:
    """Gradient of :func:`fractional_max_pool3d`: each output gradient added at its arg-max;
    overlapping windows accumulate.

    Parameters
    ----------
    grad_output : ndarray of the forward output's shape
    x : ndarray of shape (C, D, H, W) or (N, C, D, H, W)
    kernel_size, output_size, output_ratio, _random_samples, generator
        As given to the forward: the windows must be the same, so pass its
        ``_random_samples`` (or a generator in the state the forward drew from).
    indices : ndarray of the output's shape, int64, optional
        From ``fractional_max_pool3d(..., return_indices=True)``; then no samples are
        needed.

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32

    Raises
    ------
    PoolingError
        When neither ``_random_samples``, ``indices`` nor ``generator`` is given (fresh random
        windows would not be the forward's), or for what the forward refuses.
    """
    return fractional_backward(
        "fractional_max_pool3d",
        3,
        grad_output,
        x,
        kernel_size,
        output_size,
        output_ratio,
        _random_samples,
        indices,
        generator,
    )
