"""Power-average (Lp) pooling, computed exactly as PyTorch's ``lp_pool1d/2d``."""

from __future__ import annotations

import math

import numpy as np

from engine.errors import PoolingError
from engine.ops.avgpool import avg_pool2d, avg_pool2d_backward
from engine.ops.layout import check_grad_output, gradient_dtype
from engine.ops.windows import IntOrTuple, check_input, to_tuple


def check_norm_type(op_name: str, norm_type) -> float:
    if isinstance(norm_type, bool) or not isinstance(norm_type, int | float | np.number):
        raise PoolingError(f"{op_name}() norm_type must be a number, but got {norm_type!r}")
    if not math.isfinite(norm_type) or norm_type <= 0:
        raise PoolingError(
            f"{op_name}() norm_type must be a positive finite number, but got {norm_type!r}"
        )
    return float(norm_type)


def as_planes(op_name: str, x: np.ndarray, spatial_dims: int, kernel_size, stride):
    """1D arguments as a height-1 2D pool; returns (planar x, kernel, stride, unbatched)."""
    batched, unbatched = check_input(x, spatial_dims, op_name)
    kernel = to_tuple(kernel_size, spatial_dims, "kernel_size")
    strides = kernel if stride is None else to_tuple(stride, spatial_dims, "stride")
    if spatial_dims == 1:
        return batched[:, :, None, :], (1, *kernel), (1, *strides), unbatched
    return batched, kernel, strides, unbatched


def lp_forward(op_name, spatial_dims, x, norm_type, kernel_size, stride, ceil_mode):
    power = check_norm_type(op_name, norm_type)
    planar, kernel, strides, unbatched = as_planes(op_name, x, spatial_dims, kernel_size, stride)
    work = planar.astype(gradient_dtype(x.dtype), copy=False)
    powered = np.power(work, work.dtype.type(power))
    with np.errstate(invalid="ignore"):
        average = avg_pool2d(powered, kernel, strides, 0, ceil_mode)
        # torch: (sign(out) * relu(abs(out))).mul(kw * kh).pow(1 / norm_type)
        out = np.power(average * (kernel[0] * kernel[1]), average.dtype.type(1.0 / power))
    if spatial_dims == 1:
        out = out[:, :, 0, :]
    return out[0] if unbatched else out


def lp_backward(op_name, spatial_dims, grad_output, x, norm_type, kernel_size, stride, ceil_mode):
    power = check_norm_type(op_name, norm_type)
    planar, kernel, strides, unbatched = as_planes(op_name, x, spatial_dims, kernel_size, stride)
    dtype = gradient_dtype(x.dtype)
    work = planar.astype(dtype, copy=False)
    powered = np.power(work, dtype.type(power))
    average = avg_pool2d(powered, kernel, strides, 0, ceil_mode)
    expected = average.shape[:2] + average.shape[4 - spatial_dims :]
    grad_output = check_grad_output(op_name, grad_output, expected[1:] if unbatched else expected)
    area = kernel[0] * kernel[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        scaled = average * area
        grad_average = grad_output.reshape(average.shape).astype(dtype) * (
            area / power * np.power(scaled, dtype.type(1.0 / power - 1.0))
        )
        # relu(abs(out)) passes no gradient where the window's power sum is exactly 0.
        grad_average = np.where(average != 0, grad_average, 0).astype(dtype)
        grad_powered = avg_pool2d_backward(grad_average, powered, kernel, strides, 0, ceil_mode)
        grad_input = grad_powered * (power * np.power(work, dtype.type(power - 1.0)))
    return grad_input.astype(dtype).reshape(x.shape)


def lp_pool1d(
    x: np.ndarray,
    norm_type: float,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    ceil_mode: bool = False,
) -> np.ndarray:
    """1D power-average pooling, as ``torch.nn.functional.lp_pool1d``.

    ``out = (sum over the window of x ** p) ** (1 / p)``: p = 1 is the sum, large p tends to
    the maximum (of non-negative inputs).

    Parameters
    ----------
    x : ndarray of shape (C, L) or (N, C, L)
    norm_type : float
        ``p > 0``.
    kernel_size, stride : int or tuple of one int
    ceil_mode : bool

    Returns
    -------
    ndarray of shape (C, L_out) or (N, C, L_out), float64 for float64 input else float32
        NaN where a window's power sum is negative (negative inputs with odd or fractional p).
    """
    return lp_forward("lp_pool1d", 1, x, norm_type, kernel_size, stride, ceil_mode)


def lp_pool2d(
    x: np.ndarray,
    norm_type: float,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    ceil_mode: bool = False,
) -> np.ndarray:
    """2D power-average pooling, as ``torch.nn.functional.lp_pool2d``.

    Computed the way PyTorch does: ``(avg_pool2d(x ** p) * kH * kW) ** (1 / p)``, with no
    padding. In ceil mode a window cut short by the edge is averaged over its real cells and
    then still multiplied by the full ``kH * kW``, a PyTorch quirk kept for exactness.

    Parameters
    ----------
    x : ndarray of shape (C, H, W) or (N, C, H, W)
    norm_type : float
        ``p > 0``.
    kernel_size, stride : int or (int, int)
        ``stride=None`` means ``kernel_size``.
    ceil_mode : bool

    Returns
    -------
    ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out)
        float64 for float64 input else float32.
    """
    return lp_forward("lp_pool2d", 2, x, norm_type, kernel_size, stride, ceil_mode)


def lp_pool1d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    norm_type: float,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    ceil_mode: bool = False,
) -> np.ndarray:
    """Gradient of :func:`lp_pool1d` with respect to ``x``, as PyTorch's autograd gives it
    (zero for windows whose power sum is 0)."""
    return lp_backward("lp_pool1d", 1, grad_output, x, norm_type, kernel_size, stride, ceil_mode)


def lp_pool2d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    norm_type: float,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    ceil_mode: bool = False,
) -> np.ndarray:
    """Gradient of :func:`lp_pool2d` with respect to ``x``, as PyTorch's autograd gives it:
    ``g * (S ** (1/p - 1)) * x ** (p - 1)`` with ``S`` the window's (torch-scaled) power sum,
    zero for windows whose sum is 0.

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
    """
    return lp_backward("lp_pool2d", 2, grad_output, x, norm_type, kernel_size, stride, ceil_mode)
