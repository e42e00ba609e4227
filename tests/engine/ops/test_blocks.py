"""Pools computed a block of rows at a time give what one block gives: blocks of one or two
rows against a single block, on inputs with padding, ceil mode, ties, NaN and -inf."""

import numpy as np
import pytest

from engine import extra_pools as X
from engine import functional as F
from engine.ops import row_blocks

NAN, INF = np.nan, np.inf


def image(seed: int, shape=(2, 3, 23, 17)) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = rng.integers(-3, 4, shape).astype(np.float64)  # small integers: many ties
    x[rng.random(shape) < 0.03] = [NAN, -INF, INF][seed % 3]
    return x


CALLS = [
    ("max k3 s1 p1", lambda x: F.max_pool2d(x, 3, 1, 1, return_indices=True)),
    ("max k2 s2 ceil", lambda x: F.max_pool2d(x, 2, 2, 0, ceil_mode=True, return_indices=True)),
    ("max dilated", lambda x: F.max_pool2d(x, 3, 2, 1, dilation=2, return_indices=True)),
    ("max 3d", lambda x: F.max_pool3d(x, 2, 1, 1, return_indices=True)),
    ("max backward", lambda x: F.max_pool2d_backward(np.ones((2, 3, 23, 17)), x, 3, 1, 1)),
    ("avg k3 s2 p1", lambda x: F.avg_pool2d(np.nan_to_num(x, posinf=9, neginf=-9), 3, 2, 1, True)),
    ("stochastic", lambda x: X.stochastic_pool2d(x, 3, 1, 1, seed=4, return_indices=True)),
    ("stochastic inference", lambda x: X.stochastic_pool2d(x, 2, 1, 1, training=False)),
    ("softpool", lambda x: X.soft_pool2d(x, 3, 2, 1, ceil_mode=True)),
]


def results(call, x):
    result = call(x)
    return result if isinstance(result, tuple) else (result,)


@pytest.mark.parametrize(("name", "call"), CALLS, ids=[name for name, _ in CALLS])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_blocks_of_a_row_or_two_give_the_single_block_result(monkeypatch, name, call, seed):
    x = image(seed)
    whole = results(call, x)
    monkeypatch.setattr(row_blocks, "BLOCK_CELLS", 1)  # a plane a row or two at a time
    for one, blocked in zip(whole, results(call, x), strict=True):
        np.testing.assert_array_equal(one, blocked)


def test_gradients_summed_over_blocks_agree_with_one_block(monkeypatch):
    x = image(4)
    grad = np.random.default_rng(5).standard_normal(X.soft_pool2d(x, 3, 1, 1).shape)
    whole = X.soft_pool2d_backward(grad, x, 3, 1, 1)
    stochastic = X.stochastic_pool2d_backward(grad, x, 3, 1, 1, training=False)
    monkeypatch.setattr(row_blocks, "BLOCK_CELLS", 1)
    np.testing.assert_allclose(X.soft_pool2d_backward(grad, x, 3, 1, 1), whole, atol=1e-12)
    np.testing.assert_allclose(
        X.stochastic_pool2d_backward(grad, x, 3, 1, 1, training=False), stochastic, atol=1e-12
    )
