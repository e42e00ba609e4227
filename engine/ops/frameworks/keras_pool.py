"""Keras / TensorFlow pooling (``MaxPooling2D``, ``AveragePooling2D``, ``tf.nn.max_pool2d``).

``padding="valid"`` keeps windows inside the input; ``"same"`` gives ``ceil(L / s)`` outputs
with padding ``max((ceil(L / s) - 1) * s + k - L, 0)``, the odd cell at the bottom/right.
Averages divide by the real cells only. No ceil mode, no dilation. Keras runs on a backend:
on TensorFlow (``backend="tensorflow"``) max pooling ignores NaN, starts from the lowest
finite value and routes each gradient by ``MaxPoolGrad``'s rule; on JAX (``backend="jax"``)
it is ``lax.reduce_window`` and ``jax.grad`` (see :mod:`engine.ops.frameworks.core`).
"""

from __future__ import annotations

import numpy as np

from engine.ops.frameworks.conventions import keras_geometry
from engine.ops.frameworks.core import (
    check_choice,
    padded_avg_pool,
    padded_avg_pool_backward,
    padded_max_pool,
    padded_max_pool_backward,
)
from engine.ops.frameworks.geometry import PaddedGeometry
from engine.ops.windows import IntOrTuple, check_input

KERAS_BACKENDS = ("tensorflow", "jax")


def keras_pool_geometry(op_name: str, x, pool_size, strides, padding) -> PaddedGeometry:
    """Check a 2D input and build the Keras geometry for its (H, W)."""
    batched, _ = check_input(x, 2, op_name)
    return keras_geometry(batched.shape[2:], pool_size, strides, padding)


def keras_max_pool2d(
    x: np.ndarray,
    pool_size: IntOrTuple,
    strides: IntOrTuple | None = None,
    padding: str = "valid",
    *,
    backend: str = "tensorflow",
) -> np.ndarray:
    """2D max pooling as Keras computes it, in PyTorch's (N, C, H, W) layout.

    Parameters
    ----------
    x : ndarray of shape (C, H, W) or (N, C, H, W)
    pool_size, strides : int or (int, int)
        ``strides=None`` means ``pool_size``.
    padding : {"valid", "same"}
    backend : {"tensorflow", "jax"}
        Only NaN and -inf come out differently: TensorFlow skips NaN and gives at least the
        lowest finite value; JAX propagates NaN and keeps -inf.

    Returns
    -------
    ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out), the dtype of ``x``
        "valid": ``floor((H - k) / s) + 1``; "same": ``ceil(H / s)``.
    """
    op_name = "keras_max_pool2d"
    backend = check_choice(op_name, "backend", backend, KERAS_BACKENDS)
    geometry = keras_pool_geometry(op_name, x, pool_size, strides, padding)
    return padded_max_pool(x, geometry, rule=backend)


def keras_max_pool2d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    pool_size: IntOrTuple,
    strides: IntOrTuple | None = None,
    padding: str = "valid",
    *,
    backend: str = "tensorflow",
) -> np.ndarray:
    """Gradient of :func:`keras_max_pool2d`: each window's gradient to its first maximum in
    row-major order (``MaxPoolGrad`` on TensorFlow, ``jax.grad`` on JAX; they differ only
    with NaN, and for -inf maxima behind padding, which JAX routes nowhere).

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
    """
    op_name = "keras_max_pool2d_backward"
    backend = check_choice(op_name, "backend", backend, KERAS_BACKENDS)
    geometry = keras_pool_geometry(op_name, x, pool_size, strides, padding)
    return padded_max_pool_backward(grad_output, x, geometry, tie=backend)


def keras_avg_pool2d(
    x: np.ndarray,
    pool_size: IntOrTuple,
    strides: IntOrTuple | None = None,
    padding: str = "valid",
) -> np.ndarray:
    """2D average pooling as Keras computes it (either backend): "same" windows divide by
    their real cells only.

    Parameters
    ----------
    x : ndarray of shape (C, H, W) or (N, C, H, W)

    Returns
    -------
    ndarray of shape (C, H_out, W_out) or (N, C, H_out, W_out)
        float64 for float64 input, float32 otherwise.
    """
    geometry = keras_pool_geometry("keras_avg_pool2d", x, pool_size, strides, padding)
    return padded_avg_pool(x, geometry, count_include_pad=False)


def keras_avg_pool2d_backward(
    grad_output: np.ndarray,
    x: np.ndarray,
    pool_size: IntOrTuple,
    strides: IntOrTuple | None = None,
    padding: str = "valid",
) -> np.ndarray:
    """Gradient of :func:`keras_avg_pool2d`: ``grad / real cells`` to each real cell."""
    geometry = keras_pool_geometry("keras_avg_pool2d_backward", x, pool_size, strides, padding)
    return padded_avg_pool_backward(grad_output, x, geometry, count_include_pad=False)


__all__ = [
    "KERAS_BACKENDS",
    "keras_avg_pool2d",
    "keras_avg_pool2d_backward",
    "keras_max_pool2d",
    "keras_max_pool2d_backward",
]
