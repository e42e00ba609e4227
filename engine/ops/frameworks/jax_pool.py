"""JAX / Flax pooling (``flax.linen.max_pool``, ``flax.linen.avg_pool``), which are
``jax.lax.reduce_window`` with ``-inf`` or ``0`` as the initial value.

``strides=None`` means 1 (Flax's default). ``padding`` is "SAME" (``ceil(L / s)`` outputs,
``lo = total // 2``, the odd cell high), "SAME_LOWER", "VALID" or one ``(low, high)`` pair
per axis. ``avg_pool`` divides by the whole window (``count_include_pad=True``, the default)
or by the real cells. Gradients are ``jax.grad``'s: XLA's ``select_and_scatter`` for max
(see :mod:`engine.ops.frameworks.core`).
"""

from __future__ import annotations

import numpy as np

from engine.ops.frameworks.conventions import jax_geometry
from engine.ops.frameworks.core import (
    padded_avg_pool,
    padded_avg_pool_backward,
    padded_max_pool,
    padded_max_pool_backward,
)
from engine.ops.frameworks.geometry import PaddedGeometry
from engine.ops.windows import IntOrTuple, check_input

JaxPadding = str | tuple[tuple[int, int], ...]


def jax_pool_geometry(op_name: str, x, window_shape, strides, padding) -> PaddedGeometry:
    """Check a 2D input and build the Flax geometry for its (H, W)."""
    batched, _ = check_input(x, 2, op_name)
    return jax_geometry(batched.shape[2:], window_shape, strides, padding)


def jax_max_pool2d(
    x: np.ndarray,
    window_shape: IntOrTuple,
    strides: IntOrTuple | None = None,
    padding: JaxPadding = "VALID",
) -> np.ndarray:
    """2D max pooling as ``flax.linen.max_pool``, in PyTorch's (N, C, H, W) layout.

    Parameters
    ----------
    x : ndarray of shape (C, H, W) or (N, C, H, W)
    window_shape, strides : int or (int, int)
        ``strides=None`` means 1.
    padding : "SAME", "SAME_LOWER", "VALID" or ((top, bottom), (left, right))

    Returns
    -------
    ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out), the dtype of ``x``
        ``H_out = floor((H + top + bottom - k) / s) + 1``; padding is -inf; NaN propagates.
    """
    geometry = jax_pool_geometry("jax_max_pool2d", x, window_shape, strides, padding)
    return padded_max_pool(x, geometry, rule="jax")


def jax_max_pool2d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    window_shape: IntOrTuple,
    strides: IntOrTuple | None = None,
    padding: JaxPadding = "VALID",
) -> np.ndarray:
    """``jax.grad`` of :func:`jax_max_pool2d`: each window's gradient to its first maximum in
    row-major order, padding cells counted as -inf cells that keep what they win (so a
    window whose real cells are all -inf behind padding sends nothing); NaN as XLA's
    ``select_and_scatter`` (a NaN takes the selection, the next cell takes it from a NaN).

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
    """
    geometry = jax_pool_geometry("jax_max_pool2d_backward", x, window_shape, strides, padding)
    return padded_max_pool_backward(grad_output, x, geometry, tie="jax")


def jax_avg_pool2d(
    x: np.ndarray,
    window_shape: IntOrTuple,
    strides: IntOrTuple | None = None,
    padding: JaxPadding = "VALID",
    count_include_pad: bool = True,
) -> np.ndarray:
    """2D average pooling as ``flax.linen.avg_pool``.

    Parameters
    ----------
    count_include_pad : bool
        True (Flax's default): divide by ``prod(window_shape)``; False: by the real cells
        (a window of padding alone gives NaN, 0 / 0, as Flax).

    Returns
    -------
    ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out)
        float64 for float64 input, float32 otherwise.
    """
    geometry = jax_pool_geometry("jax_avg_pool2d", x, window_shape, strides, padding)
    return padded_avg_pool(x, geometry, count_include_pad)


def jax_avg_pool2d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    window_shape: IntOrTuple,
    strides: IntOrTuple | None = None,
    padding: JaxPadding = "VALID",
    count_include_pad: bool = True,
) -> np.ndarray:
    """``jax.grad`` of :func:`jax_avg_pool2d`: ``grad / divisor`` to each real cell."""
    geometry = jax_pool_geometry("jax_avg_pool2d_backward", x, window_shape, strides, padding)
    return padded_avg_pool_backward(grad_output, x, geometry, count_include_pad)


__all__ = [
    "jax_avg_pool2d",
    "jax_avg_pool2d_backward",
    "jax_max_pool2d",
    "jax_max_pool2d_backward",
]
