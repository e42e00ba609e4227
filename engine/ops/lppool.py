"""Power-average (Lp) pooling, computed exactly as PyTorch's ``lp_pool1d/2d/3d``."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from engine.errors import PoolingError
from engine.ops.avgpool import avg_pool_backward, avg_pool_forward, avg_pool_memory
from engine.ops.layout import LARGE_INPUT_ADVICE, check_grad_output, gradient_dtype, prepare_pool
from engine.ops.memory import require_memory
from engine.ops.windows import IntOrTuple, check_real


def check_norm_type(op_name: str, norm_type) -> float:
    power = check_real(op_name, "norm_type", norm_type)
    if power <= 0:
        raise PoolingError(
            "{op_name}() norm_type must be a positive finite number, but got {value}",
            op_name=op_name,
            value=repr(norm_type),
        )
    return power


@dataclass(frozen=True)
class PreparedLp:
    """A checked Lp pool call (:func:`prepare_lp`).

    Attributes
    ----------
    power : float
        ``p``.
    area : int
        The kernel's cells (``kH * kW``, ``kD * kH * kW``): PyTorch multiplies the average by
        it, even for a ceil-mode window cut short by the edge.
    work : ndarray of the input's shape
        The input as float64 for float64 input, else float32.
    powered : ndarray of the input's shape
        ``work ** p``.
    """

    power: float
    area: int
    work: np.ndarray
    powered: np.ndarray


def prepare_lp(
    op_name, spatial_dims, x, norm_type, kernel_size, stride, ceil_mode, backward
) -> PreparedLp:
    """Check an Lp pool call against its arguments and the memory budget."""
    prepared = prepare_pool(op_name, x, spatial_dims, kernel_size, stride, 0, 1, ceil_mode)
    power = check_norm_type(op_name, norm_type)
    needed = avg_pool_memory(prepared, backward) * (3 if backward else 2)
    require_memory(op_name, needed, prepared.output_text(), LARGE_INPUT_ADVICE)
    work = x.astype(gradient_dtype(x.dtype), copy=False)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        powered = np.power(work, work.dtype.type(power))
    return PreparedLp(power, math.prod(prepared.geometry.kernel_size), work, powered)


def lp_forward(op_name, spatial_dims, x, norm_type, kernel_size, stride, ceil_mode):
    call = prepare_lp(
        op_name, spatial_dims, x, norm_type, kernel_size, stride, ceil_mode, backward=False
    )
    average = avg_pool_forward(
        op_name, spatial_dims, call.powered, kernel_size, stride, 0, ceil_mode, True, None
    )
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        # torch: (sign(out) * relu(abs(out))).mul(kw * kh).pow(1 / norm_type), kd * kw * kh in 3D
        return np.power(average * call.area, average.dtype.type(1.0 / call.power))


def lp_backward(op_name, spatial_dims, grad_output, x, norm_type, kernel_size, stride, ceil_mode):
    """Autograd's chain through torch's formula, step by step, so that 0, inf and NaN windows
    give what torch gives: ``sign`` (0 for NaN, as ``torch.sign``) passes no gradient itself,
    ``relu`` passes none where its result is 0, ``abs`` multiplies by the sign again."""
    call = prepare_lp(
        op_name, spatial_dims, x, norm_type, kernel_size, stride, ceil_mode, backward=True
    )
    power, area, work = call.power, call.area, call.work
    dtype = work.dtype
    average = avg_pool_forward(
        op_name, spatial_dims, call.powered, kernel_size, stride, 0, ceil_mode, True, None
    )
    grad_output = check_grad_output(op_name, grad_output, average.shape)
    exponent = dtype.type(1.0 / power)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        # Output-sized steps, in place, in autograd's order of operations.
        sign = np.sign(average)
        np.copyto(sign, 0, where=np.isnan(average))  # torch.sign(nan) is 0
        magnitude = np.abs(average)  # relu(abs(out)): NaN stays NaN
        scaled = np.multiply(sign, magnitude)
        scaled *= dtype.type(area)
        grad = np.power(scaled, exponent - dtype.type(1), out=scaled)
        grad *= exponent
        grad *= grad_output.astype(dtype, copy=False)
        grad *= dtype.type(area)
        grad *= sign  # the relu's input was sign * |out|
        np.copyto(grad, 0, where=magnitude <= 0)
        grad *= sign
        grad_powered = avg_pool_backward(
            op_name, spatial_dims, grad, call.powered, kernel_size, stride, 0, ceil_mode, True, None
        )
        # Input-sized, in place: grad * (p * x ** (p - 1)), x ** 1 being x itself.
        if power == 2.0:
            grad_powered *= work
            grad_powered *= dtype.type(2)  # exact: the same as grad * (2 * x)
        elif power != 1.0:
            grad_powered *= power_slope(work, power)
    return grad_powered.astype(dtype, copy=False).reshape(x.shape)


def power_slope(work: np.ndarray, power: float) -> np.ndarray:
    """``p * x ** (p - 1)``, the derivative of ``x ** p``, as torch computes it."""
    slope = np.power(work, work.dtype.type(power - 1.0))
    slope *= work.dtype.type(power)
    return slope


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


def lp_pool3d(
    x: np.ndarray,
    norm_type: float,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    ceil_mode: bool = False,
) -> np.ndarray:
    """3D power-average pooling, as ``torch.nn.functional.lp_pool3d``.

    Computed the way PyTorch does: ``(avg_pool3d(x ** p) * kD * kH * kW) ** (1 / p)``, with
    no padding (the ceil-mode quirk of :func:`lp_pool2d` included).

    Parameters
    ----------
    x : ndarray of shape (C, D, H, W) or (N, C, D, H, W)
    norm_type : float
        ``p > 0``.
    kernel_size, stride : int or (int, int, int)
        ``stride=None`` means ``kernel_size``.
    ceil_mode : bool

    Returns
    -------
    ndarray of shape (C, D_out, H_out, W_out) or (N, C, D_out, H_out, W_out)
        float64 for float64 input else float32.
    """
    return lp_forward("lp_pool3d", 3, x, norm_type, kernel_size, stride, ceil_mode)


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
    zero for windows whose sum is 0; a window whose sum is NaN passes 0 where torch's
    ``S ** (1/p - 1)`` is finite (p = 1) and NaN otherwise, as ``torch.sign(nan) = 0`` makes it.

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
    """
    return lp_backward("lp_pool2d", 2, grad_output, x, norm_type, kernel_size, stride, ceil_mode)


def lp_pool3d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    norm_type: float,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    ceil_mode: bool = False,
) -> np.ndarray:
    """Gradient of :func:`lp_pool3d` with respect to ``x``, as PyTorch's autograd gives it
    (see :func:`lp_pool2d_backward`).

    Parameters
    ----------
    grad_output : ndarray of shape (C, D_out, H_out, W_out) or (N, C, D_out, H_out, W_out)
    x : ndarray of shape (C, D, H, W) or (N, C, D, H, W)

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
    """
    return lp_backward("lp_pool3d", 3, grad_output, x, norm_type, kernel_size, stride, ceil_mode)
