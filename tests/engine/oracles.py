"""The frameworks themselves as test oracles: PyTorch, JAX (as Flax calls it), Keras on JAX,
onnxruntime and TensorFlow, each taking and returning PyTorch's (N, C, H, W) layout.

Every oracle is imported lazily through ``pytest.importorskip``, so a test that needs a missing
framework is skipped, not failed. Keras is imported with ``KERAS_BACKEND=jax`` (it fails to
import here without a backend it can load; its gradients are then ``jax.grad``'s).
"""

from __future__ import annotations

import os

import numpy as np
import pytest

ONNX_OPSET = 22


def nhwc(x: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.transpose(x, (0, 2, 3, 1)))


def nchw(x) -> np.ndarray:
    return np.ascontiguousarray(np.transpose(np.asarray(x), (0, 3, 1, 2)))


def torch_module():
    return pytest.importorskip("torch")


def jax_modules():
    jax = pytest.importorskip("jax")
    return jax, jax.numpy, jax.lax


def keras_module():
    os.environ["KERAS_BACKEND"] = "jax"
    keras = pytest.importorskip("keras")
    if keras.backend.backend() != "jax":
        pytest.skip(f"keras was already imported with the {keras.backend.backend()} backend")
    return keras


def flax_pool(x_nhwc, init, reduce_fn, window_shape, strides, padding):
    """``flax.linen.pooling.pool`` as Flax writes it: ``lax.reduce_window`` over the spatial
    axes of an (N, H, W, C) array, ``strides=None`` meaning 1."""
    _, _, lax = jax_modules()
    strides = strides or (1,) * len(window_shape)
    if not isinstance(padding, str):
        padding = ((0, 0), *tuple(map(tuple, padding)), (0, 0))
    return lax.reduce_window(
        x_nhwc, init, reduce_fn, (1, *window_shape, 1), (1, *strides, 1), padding
    )


def jax_max_pool(x, grad_output, window_shape, strides, padding):
    """``flax.linen.max_pool`` and its ``jax.vjp``: (values, gradient), both (N, C, ...)."""
    jax, jnp, lax = jax_modules()

    def forward(inputs):
        return flax_pool(inputs, -jnp.inf, lax.max, window_shape, strides, padding)

    def both(inputs, cotangent):
        values, pullback = jax.vjp(forward, inputs)
        return values, pullback(cotangent)[0]

    values, grad = jax.jit(both)(nhwc(x), nhwc(grad_output))
    return nchw(values), nchw(grad)


def jax_max_pool_shape(x, window_shape, strides, padding) -> tuple:
    jax, jnp, lax = jax_modules()
    shape = jax.eval_shape(
        lambda v: flax_pool(v, -jnp.inf, lax.max, window_shape, strides, padding), nhwc(x)
    ).shape
    return (shape[0], shape[3], shape[1], shape[2])


def jax_avg_pool(x, grad_output, window_shape, strides, padding):
    """``flax.linen.avg_pool`` with ``count_include_pad`` True and False, as Flax writes it,
    and their ``jax.vjp``: ((values, gradient) with, (values, gradient) without)."""
    jax, jnp, lax = jax_modules()

    def forward(inputs, count_include_pad):
        sums = flax_pool(inputs, 0.0, lax.add, window_shape, strides, padding)
        if count_include_pad:
            return sums / np.prod(window_shape)
        ones = jnp.ones((1, *inputs.shape[1:-1], 1), inputs.dtype)
        return sums / flax_pool(ones, 0.0, lax.add, window_shape, strides, padding)

    def both(inputs, cotangent):
        results = []
        for include in (True, False):
            values, pullback = jax.vjp(lambda v, include=include: forward(v, include), inputs)
            results.append((values, pullback(cotangent)[0]))
        return results

    results = jax.jit(both)(nhwc(x), nhwc(grad_output))
    return [(nchw(values), nchw(grad)) for values, grad in results]


def keras_pools(x, grad_output, pool_size, strides, padding):
    """``keras.layers.MaxPooling2D`` and ``AveragePooling2D`` (channels last) on the JAX
    backend, with their ``jax.vjp``. (The layers, not ``keras.ops.max_pool``: on JAX the op
    converts a default ``strides=None`` twice and fails.)"""
    keras = keras_module()
    jax, _, _ = jax_modules()
    layers = [
        layer(pool_size, strides, padding)
        for layer in (keras.layers.MaxPooling2D, keras.layers.AveragePooling2D)
    ]

    def both(inputs, cotangent):
        results = []
        for layer in layers:
            values, pullback = jax.vjp(layer, inputs)
            results.append((values, pullback(cotangent)[0]))
        return results

    results = jax.jit(both)(nhwc(x), nhwc(grad_output))
    return [(nchw(values), nchw(grad)) for values, grad in results]


def onnx_run(op_type: str, x: np.ndarray, with_indices: bool = False, **attributes):
    """Run one ``MaxPool`` / ``AveragePool`` node (opset 22) in onnxruntime on the CPU."""
    onnx = pytest.importorskip("onnx")
    ort = pytest.importorskip("onnxruntime")
    helper, tensor = onnx.helper, onnx.TensorProto
    element = tensor.FLOAT if x.dtype == np.float32 else tensor.DOUBLE
    outputs = ["Y", "I"] if with_indices else ["Y"]
    attributes = {name: value for name, value in attributes.items() if value is not None}
    node = helper.make_node(op_type, ["X"], outputs, **attributes)
    output_infos = [helper.make_tensor_value_info("Y", element, None)]
    if with_indices:
        output_infos.append(helper.make_tensor_value_info("I", tensor.INT64, None))
    graph = helper.make_graph(
        [node], "pool", [helper.make_tensor_value_info("X", element, None)], output_infos
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", ONNX_OPSET)])
    model.ir_version = 10
    options = ort.SessionOptions()
    options.log_severity_level = 3
    session = ort.InferenceSession(
        model.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )
    return session.run(None, {"X": x})


def tensorflow_module():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    return pytest.importorskip("tensorflow")


def tensorflow_pools(x, grad_output, pool_size, strides, padding):
    """``tf.nn.max_pool2d`` and ``tf.nn.avg_pool2d`` (what Keras calls on TensorFlow) on the
    CPU with their ``GradientTape`` gradients (``MaxPoolGrad``, ``AvgPoolGrad``)."""
    tf = tensorflow_module()
    results = []
    for pool in (tf.nn.max_pool2d, tf.nn.avg_pool2d):
        with tf.device("/CPU:0"):
            inputs = tf.constant(nhwc(x))
            with tf.GradientTape() as tape:
                tape.watch(inputs)
                values = pool(inputs, pool_size, strides, padding.upper())
            grad = tape.gradient(values, inputs, output_gradients=tf.constant(nhwc(grad_output)))
        results.append((nchw(values.numpy()), nchw(grad.numpy())))
    return results
