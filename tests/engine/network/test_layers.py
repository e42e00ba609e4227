"""The pooling layer runs the registry's own forward and backward on a whole batch."""

import numpy as np
import pytest

from engine.network.architecture import pool_choices
from engine.network.layers import INFERENCE, Mode, Pooling2D
from engine.pooling.kinds import KINDS
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import run_backward, run_pool
from tests.engine.network.test_functional import numerical_gradient

REGISTRY_POOLS = [name for name in pool_choices() if name in KINDS]
SEEDLESS = [name for name in REGISTRY_POOLS if "seed" not in KINDS[name].parameters]


def layer_of(pool: str, **settings) -> Pooling2D:
    params = PoolParams(pool_type=pool, **settings)
    if "output_size" in KINDS[pool].parameters:
        params = params.replace(output_size=(3, 3))
    return Pooling2D("pool", params, "Pooling2D")


@pytest.mark.parametrize("pool", SEEDLESS)
def test_a_batch_pools_as_each_image_alone(pool):
    random = np.random.default_rng(0)
    batch = random.standard_normal((3, 2, 7, 6)).astype(np.float32)
    layer = layer_of(pool)
    output, cache = layer.forward({}, batch, INFERENCE)
    assert output.shape == (3, *layer.output_shape((2, 7, 6)))
    assert output.dtype == np.float32
    grad_output = random.standard_normal(output.shape).astype(np.float32)
    grad_input, gradients = layer.backward({}, cache, grad_output, True)
    assert gradients == {} and grad_input.shape == batch.shape
    for index, image in enumerate(batch):
        alone = run_pool(image, layer.params)
        np.testing.assert_allclose(output[index], alone.output, rtol=1e-6)
        expected = run_backward(image, alone, grad_output[index])
        np.testing.assert_allclose(grad_input[index], expected, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("pool", ["max", "avg", "lp", "softpool", "mixed"])
@pytest.mark.parametrize("stride", [2, 1])
def test_pooling_layer_gradient_matches_finite_differences(pool, stride):
    random = np.random.default_rng(1)
    batch = random.standard_normal((2, 2, 5, 6)) + 3  # positive, for Lp's power
    layer = layer_of(pool, stride=(stride, stride))
    upstream = random.standard_normal((2, *layer.output_shape((2, 5, 6))))

    def loss():
        return float((layer.forward({}, batch, INFERENCE)[0] * upstream).sum())

    _, cache = layer.forward({}, batch, INFERENCE)
    grad_input, _ = layer.backward({}, cache, upstream, True)
    np.testing.assert_allclose(grad_input, numerical_gradient(loss, batch), atol=1e-6)


def test_stochastic_pooling_draws_anew_when_training_and_averages_at_test_time():
    batch = np.random.default_rng(2).random((4, 3, 8, 8))
    layer = layer_of("stochastic")
    first = layer.forward({}, batch, Mode(training=True, step=0))[0]
    again = layer.forward({}, batch, Mode(training=True, step=0))[0]
    other = layer.forward({}, batch, Mode(training=True, step=1))[0]
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, other)
    tested = layer.forward({}, batch, INFERENCE)[0]
    for index, image in enumerate(batch):
        weighted = run_pool(image, layer.params.replace(inference=True)).output
        np.testing.assert_allclose(tested[index], weighted, rtol=1e-6)


def test_a_pool_that_does_not_fit_is_refused_with_the_shape():
    with pytest.raises(ValueError, match="kernel 4.*only 3"):
        layer_of("max", kernel_size=(4, 4)).output_shape((2, 3, 3))
