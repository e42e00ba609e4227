"""Max unpooling in 1D, 2D and 3D: put every value back at the position its max pool took it
from."""

from __future__ import annotations

import math

import numpy as np

from engine.errors import PoolingError
from engine.ops.layout import shaped_array
from engine.ops.maxpool import NO_INDEX
from engine.ops.memory import describe_size, require_memory
from engine.ops.windows import (
    AXIS_NAMES,
    IntOrTuple,
    check_input,
    check_int,
    is_int,
    shown,
    window_arguments,
)


def unpool_output_size(
    op_name: str,
    input_size: tuple[int, ...],
    kernel: tuple[int, ...],
    stride: tuple[int, ...],
    padding: tuple[int, ...],
    output_size,
) -> tuple[int, ...]:
    """Spatial output size of an unpool, checked as ``torch.nn.functional._unpool_output_size``.

    The default is ``(in - 1) * s - 2p + k`` per axis; a given size must lie strictly within
    one stride of it.
    """
    default = tuple(
        (length - 1) * step + size - 2 * pad
        for length, size, step, pad in zip(input_size, kernel, stride, padding)
    )
    if output_size is None:
        sizes = default
    else:
        sizes = unpool_sizes(op_name, output_size)
        if len(sizes) == len(kernel) + 2:
            sizes = sizes[2:]
        elif len(sizes) == len(kernel) + 1:
            sizes = sizes[1:]
        if len(sizes) != len(kernel):
            raise PoolingError(
                f"{op_name}() output_size should have {len(kernel)} or {len(kernel) + 2} "
                f"elements, but got {shown(output_size)}"
            )
        for axis, (size, base, step) in enumerate(zip(sizes, default, stride)):
            if not base - step < size < base + step:
                raise PoolingError(
                    f"{op_name}() invalid output_size {shown(output_size)} (dim {axis} must be "
                    f"between {base - step} and {base + step}, exclusive)"
                )
    if min(sizes) < 1:
        raise PoolingError(f"{op_name}() calculated output size {sizes} is too small")
    return sizes


def unpool_sizes(op_name: str, output_size) -> tuple[int, ...]:
    """A given ``output_size`` as a tuple of ints (each at most ``2**31 - 1``)."""
    if isinstance(output_size, str | bytes | dict) or is_int(output_size):
        sizes = None
    else:
        try:
            sizes = tuple(output_size)
        except TypeError:
            sizes = None
    if sizes is None or not all(is_int(size) for size in sizes):
        raise PoolingError(
            f"{op_name}() output_size must be a sequence of ints, but got {shown(output_size)}"
        )
    return tuple(check_int(op_name, "output_size", size) for size in sizes)


def max_unpool(op_name, spatial_dims, x, indices, kernel_size, stride, padding, output_size):
    batched, unbatched = check_input(x, spatial_dims, op_name)
    indices = shaped_array(op_name, "indices", indices, x.shape, "iu", whose="input")
    kernel, strides, pads = window_arguments(op_name, spatial_dims, kernel_size, stride, padding)
    if min(kernel) < 1 or min(strides) < 1 or min(pads) < 0:
        raise PoolingError(
            f"{op_name}() kernel_size and stride must be positive and padding non-negative, "
            f"but got kernel_size={kernel}, stride={strides}, padding={pads}"
        )
    sizes = unpool_output_size(op_name, batched.shape[2:], kernel, strides, pads, output_size)
    plane = math.prod(sizes)
    planes = batched.shape[0] * batched.shape[1]
    require_memory(
        op_name,
        planes * plane * x.dtype.itemsize + 2 * indices.size * 8,
        "an output of " + describe_size(sizes, AXIS_NAMES[spatial_dims]),
        "use a smaller kernel_size, stride or output_size",
    )
    flat_indices = indices.reshape(batched.shape[0] * batched.shape[1], -1).astype(np.int64)
    if flat_indices.size and (flat_indices.min() < NO_INDEX or flat_indices.max() >= plane):
        raise PoolingError(
            f"{op_name}() found an invalid max index {int(flat_indices.max())} "
            f"(output plane of size {sizes} holds {plane} cells)"
        )
    out = place_at_indices(batched.reshape(flat_indices.shape), flat_indices, plane)
    out = out.reshape(batched.shape[:2] + sizes)
    return out[0] if unbatched else out


def place_at_indices(values: np.ndarray, indices: np.ndarray, plane: int) -> np.ndarray:
    """Put every value at its flat index of a zero plane; index -1 is skipped.

    Parameters
    ----------
    values, indices : ndarray of shape (P, K)
        ``P`` planes of ``K`` values and their int64 positions in ``[0, plane)``.

    Returns
    -------
    ndarray of shape (P, plane), the dtype of ``values``
        Where two values share an index the later one wins, as in PyTorch's CPU loop.
    """
    out = np.zeros((values.shape[0], plane), dtype=values.dtype)
    for row in range(values.shape[0]):  # one scatter per plane
        keep = indices[row] >= 0
        out[row, indices[row][keep]] = values[row][keep]
    return out


def max_unpool1d(
    x: np.ndarray,
    indices: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    output_size=None,
) -> np.ndarray:
    """Partial inverse of :func:`max_pool1d`, as ``torch.nn.functional.max_unpool1d``.

    Parameters
    ----------
    x, indices : ndarray of shape (C, L_in) or (N, C, L_in)
        Pooled values and the int64 indices ``max_pool1d(..., return_indices=True)`` gave.
    output_size : sequence of int, optional
        ``(L,)``, ``(C, L)`` or ``(N, C, L)``; default ``(L_in - 1) * s - 2p + k``.

    Returns
    -------
    ndarray of shape (C, L) or (N, C, L), the dtype of ``x``
        Zeros except at the indices, which receive the values (index -1 is skipped).
    """
    return max_unpool("max_unpool1d", 1, x, indices, kernel_size, stride, padding, output_size)


def max_unpool2d(
    x: np.ndarray,
    indices: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    output_size=None,
) -> np.ndarray:
    """Partial inverse of :func:`max_pool2d`, as ``torch.nn.functional.max_unpool2d``.

    Parameters
    ----------
    x, indices : ndarray of shape (C, H_in, W_in) or (N, C, H_in, W_in)
        Pooled values and the int64 flat indices ``max_pool2d(..., return_indices=True)`` gave.
    output_size : sequence of int, optional
        ``(H, W)`` or the full shape; default ``(H_in - 1) * s - 2p + k`` per axis.

    Returns
    -------
    ndarray of shape (C, H, W) or (N, C, H, W), the dtype of ``x``
        Zeros except at the indices, which receive the values (index -1 is skipped; where two
        windows chose the same cell the later one wins, as in PyTorch's CPU loop).
    """
    return max_unpool("max_unpool2d", 2, x, indices, kernel_size, stride, padding, output_size)


def max_unpool3d(
    x: np.ndarray,
    indices: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    output_size=None,
) -> np.ndarray:
    """Partial inverse of :func:`max_pool3d`, as ``torch.nn.functional.max_unpool3d``.

    Parameters
    ----------
    x, indices : ndarray of shape (C, D_in, H_in, W_in) or (N, C, D_in, H_in, W_in)
        Pooled values and the int64 flat indices ``max_pool3d(..., return_indices=True)``
        gave (``(d * H + h) * W + w``).
    kernel_size, stride, padding : int or (int, int, int)
    output_size : sequence of int, optional
        ``(D, H, W)`` or the full shape; default ``(D_in - 1) * s - 2p + k`` per axis.

    Returns
    -------
    ndarray of shape (C, D, H, W) or (N, C, D, H, W), the dtype of ``x``
        Zeros except at the indices, which receive the values (index -1 is skipped; where two
        windows chose the same cell the later one wins, as in PyTorch's CPU loop).
    """
    return max_unpool("max_unpool3d", 3, x, indices, kernel_size, stride, padding, output_size)
