"""What the frameworks' max and average pooling do through the pipeline, where a framework's
own rule differs from PyTorch's: ONNX's empty windows, automatic padding with explicit pads,
and ONNX's missing backward pass."""

import numpy as np
import pytest

from engine.errors import PoolingError
from engine.pooling.frameworks import (
    FRAMEWORKS,
    backward_problem,
    framework_of,
    geometry_of,
    with_gradient,
)
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import run_backward, run_pool
from tests.engine import oracles

TWO_BY_TWO = np.array([[[1.0, 2.0], [3.0, 4.0]]], dtype=np.float32)

PADDING_ONLY = PoolParams(
    "avg",
    (2, 2),
    (1, 1),
    dilation=(3, 3),
    framework="onnx",
    pads=(1, 1, 1, 1),
    count_include_pad=False,
)
"""A 2 x 2 input, kernel 2 dilated by 3 and padded by 1: the one window holds cells -1 and 2
along each axis, padding alone (``main.py --framework onnx --pool avg --kernel 2 --stride 1
--pads 1,1,1,1 --dilation 3``)."""


def test_onnx_average_of_padding_alone_is_zero_through_the_pipeline():
    # Regression: the pipeline divided 0 by 0 cells and gave NaN where onnxruntime gives 0.
    result = run_pool(TWO_BY_TWO, PADDING_ONLY)
    assert result.output.shape == (1, 1, 1)
    assert result.output[0, 0, 0] == 0.0


def test_onnx_average_of_padding_alone_agrees_with_onnxruntime():
    (expected,) = oracles.onnx_run(
        "AveragePool",
        TWO_BY_TWO[None],
        kernel_shape=[2, 2],
        strides=[1, 1],
        pads=[1, 1, 1, 1],
        dilations=[3, 3],
        count_include_pad=0,
    )
    np.testing.assert_array_equal(run_pool(TWO_BY_TWO, PADDING_ONLY).output, expected[0])


def test_flax_still_divides_padding_alone_by_nothing():
    jax_params = PADDING_ONLY.replace(framework="jax", dilation=(1, 1), pads=(1, 1, 1, 1))
    jax_params = jax_params.replace(kernel_size=(1, 1), stride=(2, 2))
    output = run_pool(TWO_BY_TWO, jax_params).output
    assert np.isnan(output[0, 0, 0]) and output[0, 1, 1] == 4.0  # 0 / 0, as flax.linen.avg_pool


@pytest.mark.parametrize(
    ("params", "words"),
    [
        (PoolParams("max", framework="jax", same_padding=True, pads=(1, 0, 1, 0)), "jax pads"),
        (PoolParams("avg", framework="onnx", auto_pad="VALID", pads=(1, 1, 0, 0)), "onnx pads"),
        (
            PoolParams("max", framework="onnx", auto_pad="SAME_UPPER", pads=(0, 1, 0, 1)),
            "auto_pad=SAME_UPPER",
        ),
    ],
)
def test_explicit_pads_with_automatic_padding_are_refused_not_dropped(params, words):
    # Regression: the pads were silently ignored under 'same' and auto_pad.
    with pytest.raises(PoolingError, match=words) as caught:
        geometry_of(params, (1, 6, 6))
    assert "\n" not in str(caught.value)


def test_automatic_padding_alone_still_works():
    for params in (
        PoolParams("max", framework="jax", same_padding=True),
        PoolParams("avg", framework="onnx", auto_pad="SAME_LOWER"),
    ):
        assert geometry_of(params, (1, 5, 5)).output_size == (3, 3)


@pytest.mark.parametrize("pool_type", ["max", "avg"])
def test_onnx_has_no_backward_pass(pool_type):
    # Regression: the ONNX semantics borrowed PyTorch's gradient without a word.
    params = PoolParams(pool_type, framework="onnx", count_include_pad=False)
    image = np.random.default_rng(0).random((1, 4, 4))
    result = run_pool(image, params)
    with pytest.raises(PoolingError) as caught:
        run_backward(image, result, np.ones(result.output.shape))
    assert str(caught.value) == "ONNX is an inference format: it has no backward pass"
    assert backward_problem(result.params) == str(caught.value)
    with pytest.raises(PoolingError, match="no backward pass"):
        framework_of("onnx").gradient_rule  # noqa: B018


def test_every_other_framework_has_a_backward():
    assert [framework.name for framework in with_gradient()] == ["torch", "keras", "jax"]
    for name in ("torch", "keras", "jax"):
        assert backward_problem(PoolParams("max", framework=name)) == ""
    assert FRAMEWORKS["keras"].gradient_rule == "tensorflow"
    assert backward_problem(PoolParams("lp")) == ""
