"""ONNX ``MaxPool`` and ``AveragePool`` (opset 19-22) as onnxruntime's CPU kernels compute them.

Explicit ``pads`` ``[x1_begin, x2_begin, x1_end, x2_end]`` may be asymmetric; ``auto_pad``
SAME_UPPER / SAME_LOWER put the odd padding cell at the end / the beginning; ``ceil_mode``
drops a last window that would start in the end padding (as PyTorch); ``dilations`` apply to
both pools. ``count_include_pad`` defaults to 0 (real cells only). ONNX defines no backward.
"""

from __future__ import annotations

import numpy as np

from engine.ops.frameworks.conventions import onnx_geometry
from engine.ops.frameworks.core import padded_avg_pool, padded_max_pool
from engine.ops.frameworks.geometry import PaddedGeometry
from engine.ops.maxpool import NO_INDEX
from engine.ops.windows import IntOrTuple, check_flag, check_input

ONNX_EMPTY_AVERAGE = 0.0
"""What onnxruntime's ``AveragePool`` gives for a window without real cells when it divides
by the real cells only: it skips the division and writes 0 (Flax divides, giving NaN)."""


def onnx_pool_geometry(
    op_name: str, x, kernel_shape, strides, pads, auto_pad, ceil_mode, dilations
) -> PaddedGeometry:
    """Check a 2D input and build the ONNX geometry for its (H, W)."""
    batched, _ = check_input(x, 2, op_name)
    return onnx_geometry(
        batched.shape[2:], kernel_shape, strides, pads, auto_pad, ceil_mode, dilations
    )


def onnx_flat_indices(plane_indices: np.ndarray, input_shape: tuple) -> np.ndarray:
    """Plane positions ``h * W + w`` to ONNX's positions in the whole (N, C, H, W) tensor
    (``storage_order=0``): ``((n * C + c) * H + h) * W + w``; -1 stays -1.

    Parameters
    ----------
    plane_indices : ndarray of shape (N, C, H_out, W_out) or (C, H_out, W_out), int64
    input_shape : the input's shape, (N, C, H, W) or (C, H, W)
    """
    plane = input_shape[-1] * input_shape[-2]
    planes = np.arange(int(np.prod(input_shape[:-2])), dtype=np.int64)
    offsets = (planes * plane).reshape(input_shape[:-2] + (1, 1))
    return np.where(plane_indices >= 0, plane_indices + offsets, NO_INDEX)


def onnx_max_pool2d(
    x: np.ndarray,
    kernel_shape: IntOrTuple,
    strides: IntOrTuple | None = None,
    pads=None,
    auto_pad: str = "NOTSET",
    ceil_mode: bool = False,
    dilations: IntOrTuple | None = None,
    return_indices: bool = False,
):
    """2D ``MaxPool`` as onnxruntime computes it with its ``Indices`` output.

    Parameters
    ----------
    x : ndarray of shape (C, H, W) or (N, C, H, W)
    kernel_shape, strides, dilations : int or (int, int)
        ``strides`` and ``dilations`` default to 1.
    pads : [top, left, bottom, right], optional
        Each smaller than its kernel size; not with ``auto_pad``.
    auto_pad : {"NOTSET", "VALID", "SAME_UPPER", "SAME_LOWER"}
    ceil_mode : bool
    return_indices : bool
        Also return ONNX's ``Indices``.

    Returns
    -------
    out : ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out), the dtype of ``x``
        ``H_out = floor_or_ceil((H + top + bottom - d(k - 1) - 1) / s) + 1`` (explicit pads),
        ``ceil(H / s)`` (SAME_*). Each window starts at its first real cell and moves only to a
        strictly greater one: ties to the first maximum, a NaN counts only as the first cell.
    indices : ndarray of the same shape, int64, only if ``return_indices``
        Position in the whole input tensor flattened row-major (``storage_order=0``):
        ``((n * C + c) * H + h) * W + w``; -1 for a window with no real cell.

    Notes
    -----
    onnxruntime computes float32 ``MaxPool`` without ``Indices`` and without dilation in
    MLAS, whose NaN and -inf handling depends on SIMD order; on finite inputs all agree.
    """
    op_name = "onnx_max_pool2d"
    return_indices = check_flag(op_name, "return_indices", return_indices)
    geometry = onnx_pool_geometry(
        op_name, x, kernel_shape, strides, pads, auto_pad, ceil_mode, dilations
    )
    if not return_indices:
        return padded_max_pool(x, geometry, rule="onnx")
    values, indices = padded_max_pool(x, geometry, return_indices=True, rule="onnx")
    return values, onnx_flat_indices(indices, x.shape)


def onnx_average_pool2d(
    x: np.ndarray,
    kernel_shape: IntOrTuple,
    strides: IntOrTuple | None = None,
    pads=None,
    auto_pad: str = "NOTSET",
    ceil_mode: bool = False,
    dilations: IntOrTuple | None = None,
    count_include_pad: bool = False,
) -> np.ndarray:
    """2D ``AveragePool`` as onnxruntime computes it.

    Parameters
    ----------
    x : ndarray of shape (C, H, W) or (N, C, H, W)
    count_include_pad : bool
        False (ONNX's default): divide by the real cells; True: by the window's cells inside
        the padded input (a ceil-mode window is cut at the end padding; a dilated window
        counts its taps).

    Returns
    -------
    ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out)
        float64 for float64 input, float32 otherwise; a window with no real cell gives 0.
    """
    op_name = "onnx_average_pool2d"
    count_include_pad = check_flag(op_name, "count_include_pad", count_include_pad)
    geometry = onnx_pool_geometry(
        op_name, x, kernel_shape, strides, pads, auto_pad, ceil_mode, dilations
    )
    return padded_avg_pool(x, geometry, count_include_pad, empty_value=ONNX_EMPTY_AVERAGE)


__all__ = ["onnx_average_pool2d", "onnx_flat_indices", "onnx_max_pool2d"]
