"""Max unpooling in 1D, 2D and 3D: put every value back at the position its max pool took it
from."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from engine.errors import PoolingError
from engine.ops.layout import check_grad_output, gradient_dtype, shaped_array
from engine.ops.memory import describe_size, require_memory
from engine.ops.scatter import gather, place, scan_indices
from engine.ops.windows import (
    AXIS_NAMES,
    IntOrTuple,
    check_input,
    check_int,
    is_int,
    shown,
    window_arguments,
)
from engine.text import Text


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
        (length - 1) * step + size - 2 * side
        for length, size, step, side in zip(input_size, kernel, stride, padding)
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
                "{op_name}() output_size should have {count} or {batched} elements, but got "
                "{value}",
                op_name=op_name,
                count=len(kernel),
                batched=len(kernel) + 2,
                value=shown(output_size),
            )
        for axis, (size, base, step) in enumerate(zip(sizes, default, stride)):
            if not base - step < size < base + step:
                raise PoolingError(
                    "{op_name}() invalid output_size {value} (dim {axis} must be between "
                    "{lowest} and {highest}, exclusive)",
                    op_name=op_name,
                    value=shown(output_size),
                    axis=axis,
                    lowest=base - step,
                    highest=base + step,
                )
    if min(sizes) < 1:
        raise PoolingError(
            "{op_name}() calculated output size {output} is too small",
            op_name=op_name,
            output=sizes,
        )
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
            "{op_name}() output_size must be a sequence of ints, but got {value}",
            op_name=op_name,
            value=shown(output_size),
        )
    return tuple(check_int(op_name, "output_size", size) for size in sizes)


@dataclass(frozen=True)
class UnpoolCall:
    """A checked max-unpool call.

    Attributes
    ----------
    batched : ndarray of shape (N, C, *input_size)
        A view of ``x`` with a batch axis.
    unbatched : bool
        True if the caller gave no batch axis.
    flat_indices : ndarray of shape (N * C, prod(input_size)), int64
        Every value's position in its output plane; -1 for none.
    missing : bool
        Whether some index is -1.
    output_size : tuple of int
        The spatial size of the unpooled output.
    """

    batched: np.ndarray
    unbatched: bool
    flat_indices: np.ndarray
    missing: bool
    output_size: tuple[int, ...]

    @property
    def plane(self) -> int:
        """Cells of one output plane."""
        return math.prod(self.output_size)

    @property
    def output_shape(self) -> tuple[int, ...]:
        """The unpooled output's shape as the caller sees it."""
        shape = self.batched.shape[:2] + self.output_size
        return shape[1:] if self.unbatched else shape


def check_unpool(
    op_name, spatial_dims, x, indices, kernel_size, stride, padding, output_size, backward=False
) -> UnpoolCall:
    """Check a max-unpool call (forward or, with ``backward``, its gradient) against torch's
    rules and the memory budget."""
    batched, unbatched = check_input(x, spatial_dims, op_name)
    indices = shaped_array(op_name, "indices", indices, x.shape, "iu", whose="input")
    kernel, strides, pads = window_arguments(op_name, spatial_dims, kernel_size, stride, padding)
    if min(kernel) < 1 or min(strides) < 1 or min(pads) < 0:
        raise PoolingError(
            "{op_name}() kernel_size and stride must be positive and padding non-negative, "
            "but got kernel_size={kernel}, stride={stride}, padding={padding}",
            op_name=op_name,
            kernel=kernel,
            stride=strides,
            padding=pads,
        )
    sizes = unpool_output_size(op_name, batched.shape[2:], kernel, strides, pads, output_size)
    plane = math.prod(sizes)
    planes = batched.shape[0] * batched.shape[1]
    # Forward: the output and the int64 indices; backward: the gathered gradient instead.
    output_bytes = x.size * 8 if backward else planes * plane * x.dtype.itemsize
    require_memory(
        op_name,
        output_bytes + 2 * indices.size * 8,
        Text("an output of {size}", size=describe_size(sizes, AXIS_NAMES[spatial_dims])),
        Text("use a smaller kernel_size, stride or output_size"),
    )
    flat_indices = indices.reshape(planes, -1).astype(np.int64, copy=False)
    valid, missing = scan_indices(flat_indices, plane)
    if not valid:
        raise PoolingError(
            "{op_name}() found an invalid max index {index} (output plane of size {output} "
            "holds {cells} cells)",
            op_name=op_name,
            index=int(flat_indices.max()),
            output=sizes,
            cells=plane,
        )
    return UnpoolCall(batched, unbatched, flat_indices, missing, sizes)


def max_unpool(op_name, spatial_dims, x, indices, kernel_size, stride, padding, output_size):
    call = check_unpool(
        op_name, spatial_dims, x, indices, kernel_size, stride, padding, output_size
    )
    values = call.batched.reshape(call.flat_indices.shape)
    out = place(values, call.flat_indices, call.plane, call.missing)
    return out.reshape(call.output_shape)


def max_unpool_backward(
    op_name, spatial_dims, grad_output, x, indices, kernel_size, stride, padding, output_size
):
    call = check_unpool(
        op_name, spatial_dims, x, indices, kernel_size, stride, padding, output_size, True
    )
    grad_output = check_grad_output(op_name, grad_output, call.output_shape)
    planes = call.flat_indices.shape[0]
    flat_grad = grad_output.reshape(planes, call.plane).astype(gradient_dtype(x.dtype), copy=False)
    return gather(flat_grad, call.flat_indices, call.missing).reshape(x.shape)


def place_at_indices(values: np.ndarray, indices: np.ndarray, plane: int) -> np.ndarray:
    """Put every value at its flat index of a zero plane; index -1 is skipped.

    Parameters
    ----------
    values, indices : ndarray of shape (P, K)
        ``P`` planes of ``K`` values and their int64 positions in ``[-1, plane)``.

    Returns
    -------
    ndarray of shape (P, plane), the dtype of ``values``
        Where two values share an index the later one wins, as in PyTorch's CPU loop.
    """
    return place(values, indices, plane, missing=bool((indices < 0).any()))


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


def max_unpool1d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    indices: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    output_size=None,
) -> np.ndarray:
    """Gradient of :func:`max_unpool1d` with respect to ``x``, as torch's autograd gives it.

    Each value went to one output cell, so its gradient is ``grad_output`` read at its index
    (``grad_input[..., i] = grad_output[..., indices[..., i]]``); values sharing an index
    (overlapping windows that chose the same cell) each read it, and index -1 reads 0.

    Parameters
    ----------
    grad_output : ndarray of shape (C, L) or (N, C, L)
        The unpooled output's shape.
    x, indices : ndarray of shape (C, L_in) or (N, C, L_in)
        As given to :func:`max_unpool1d`.

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
    """
    return max_unpool_backward(
        "max_unpool1d", 1, grad_output, x, indices, kernel_size, stride, padding, output_size
    )


def max_unpool2d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    indices: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    output_size=None,
) -> np.ndarray:
    """Gradient of :func:`max_unpool2d` with respect to ``x``, as torch's autograd gives it:
    ``grad_output`` read at each value's flat index ``h * W + w`` (see
    :func:`max_unpool1d_backward`).

    Parameters
    ----------
    grad_output : ndarray of shape (C, H, W) or (N, C, H, W)
    x, indices : ndarray of shape (C, H_in, W_in) or (N, C, H_in, W_in)

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
    """
    return max_unpool_backward(
        "max_unpool2d", 2, grad_output, x, indices, kernel_size, stride, padding, output_size
    )


def max_unpool3d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    indices: np.ndarray,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    output_size=None,
) -> np.ndarray:
    """Gradient of :func:`max_unpool3d` with respect to ``x``, as torch's autograd gives it:
    ``grad_output`` read at each value's flat index ``(d * H + h) * W + w`` (see
    :func:`max_unpool1d_backward`).

    Parameters
    ----------
    grad_output : ndarray of shape (C, D, H, W) or (N, C, D, H, W)
    x, indices : ndarray of shape (C, D_in, H_in, W_in) or (N, C, D_in, H_in, W_in)

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
    """
    return max_unpool_backward(
        "max_unpool3d", 3, grad_output, x, indices, kernel_size, stride, padding, output_size
    )
