"""Max and average pooling computed exactly as TensorFlow/Keras, JAX/Flax and ONNX do, in
PyTorch's (N, C, H, W) layout, so one configuration can be shown the way each framework
computes it.

:func:`framework_geometry` turns each framework's arguments into a :class:`PaddedGeometry`
(padding ``(low, high)`` per axis), refusing what the framework cannot express;
:func:`padded_max_pool` and :func:`padded_avg_pool` (and their backwards) pool over any such
geometry; ``keras_*``, ``jax_*`` and ``onnx_*`` are thin wrappers with each framework's
argument names and defaults. :data:`FRAMEWORK_TIE_RULES` says where each framework sends the
gradient of a tied maximum (``None``: ONNX defines no backward).
"""

import numpy as np

from engine.ops.frameworks.conventions import (
    FRAMEWORKS,
    ONNX_AUTO_PADS,
    framework_geometry,
    jax_geometry,
    keras_geometry,
    onnx_geometry,
    torch_geometry,
)
from engine.ops.frameworks.core import (
    TIE_RULES,
    padded_avg_pool,
    padded_avg_pool_backward,
    padded_max_pool,
    padded_max_pool_backward,
)
from engine.ops.frameworks.geometry import PaddedGeometry, padded_geometry
from engine.ops.frameworks.jax_pool import (
    jax_avg_pool2d,
    jax_avg_pool2d_backward,
    jax_max_pool2d,
    jax_max_pool2d_backward,
)
from engine.ops.frameworks.keras_pool import (
    KERAS_BACKENDS,
    keras_avg_pool2d,
    keras_avg_pool2d_backward,
    keras_max_pool2d,
    keras_max_pool2d_backward,
)
from engine.ops.frameworks.max_rules import MAX_RULES
from engine.ops.frameworks.onnx_pool import (
    ONNX_EMPTY_AVERAGE,
    onnx_average_pool2d,
    onnx_flat_indices,
    onnx_max_pool2d,
)

FRAMEWORK_TIE_RULES = {"torch": "first", "keras": "tensorflow", "jax": "jax", "onnx": None}
"""``tie`` of :func:`padded_max_pool_backward` for each framework's max-pool gradient; Keras
on its TensorFlow backend (``"jax"`` on its JAX backend); ONNX has no backward."""

FRAMEWORK_MAX_RULES = {"torch": "torch", "keras": "tensorflow", "jax": "jax", "onnx": "onnx"}
"""``rule`` of :func:`padded_max_pool` for each framework's forward max pool."""

FRAMEWORK_COUNT_INCLUDE_PAD = {"torch": True, "keras": False, "jax": True, "onnx": False}
"""Each framework's default ``count_include_pad`` for average pooling (Keras has no choice)."""

FRAMEWORK_EMPTY_AVERAGE = {
    "torch": np.nan,
    "keras": np.nan,
    "jax": np.nan,
    "onnx": ONNX_EMPTY_AVERAGE,
}
"""``empty_value`` of :func:`padded_avg_pool`: what each framework's average gives for a window
without real cells when it divides by the real cells only (0 / 0 is NaN in Flax; onnxruntime
skips the division and writes 0; PyTorch's and Keras' windows always hold a real cell)."""

__all__ = [
    "FRAMEWORKS",
    "FRAMEWORK_COUNT_INCLUDE_PAD",
    "FRAMEWORK_EMPTY_AVERAGE",
    "FRAMEWORK_MAX_RULES",
    "FRAMEWORK_TIE_RULES",
    "KERAS_BACKENDS",
    "MAX_RULES",
    "ONNX_AUTO_PADS",
    "ONNX_EMPTY_AVERAGE",
    "TIE_RULES",
    "PaddedGeometry",
    "framework_geometry",
    "jax_avg_pool2d",
    "jax_avg_pool2d_backward",
    "jax_geometry",
    "jax_max_pool2d",
    "jax_max_pool2d_backward",
    "keras_avg_pool2d",
    "keras_avg_pool2d_backward",
    "keras_geometry",
    "keras_max_pool2d",
    "keras_max_pool2d_backward",
    "onnx_average_pool2d",
    "onnx_flat_indices",
    "onnx_geometry",
    "onnx_max_pool2d",
    "padded_avg_pool",
    "padded_geometry",
    "padded_avg_pool_backward",
    "padded_max_pool",
    "padded_max_pool_backward",
    "torch_geometry",
]
