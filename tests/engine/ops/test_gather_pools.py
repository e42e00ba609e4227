"""SoftPool and stochastic pooling: padding told by the window layout, NaN and inf defined,
and windows gathered in blocks whose size never changes a result."""

import numpy as np
import pytest

from engine import extra_pools as X
from engine.ops import gather

NAN, INF = np.nan, np.inf


def test_stochastic_pool_tells_padding_by_the_layout_not_by_the_value():
    # -inf is a real, very negative cell: weight 0, but the first real cell of its window.
    x = np.array([[[-INF, -1.0], [-2.0, -3.0]]])
    out, indices = X.stochastic_pool2d(x, 2, 1, 1, return_indices=True)
    assert (out == 0).all()
    assert indices[0, 0, 0] == 0 and indices[0, 1, 1] == 0 and indices[0, 2, 2] == 3


def test_stochastic_window_with_nan_outputs_nan_at_its_first_nan_and_passes_no_gradient():
    x = np.array([[[1.0, NAN, 2.0, 3.0], [NAN, 4.0, 5.0, 6.0]]])
    out, indices = X.stochastic_pool2d(x, 2, seed=4, return_indices=True)
    assert np.isnan(out[0, 0, 0]) and indices[0, 0, 0] == 1
    assert not np.isnan(out[0, 0, 1])
    inference = X.stochastic_pool2d(x, 2, training=False)
    assert np.isnan(inference[0, 0, 0]) and np.isfinite(inference[0, 0, 1])
    for training in (True, False):
        grad = X.stochastic_pool2d_backward(np.ones((1, 1, 2)), x, 2, seed=4, training=training)
        assert (grad[0, :, :2] == 0).all() and np.isfinite(grad).all()
        assert grad[0, :, 2:].sum() > 0


def test_stochastic_infinite_cells_share_the_probability_equally():
    window = np.array([[INF, 1.0], [INF, 5.0]])
    tiled = np.tile(window, (1, 2000))[None]  # 2000 identical windows side by side
    out, indices = X.stochastic_pool2d(tiled, 2, seed=5, return_indices=True)
    assert (out == INF).all()
    picked_first = (indices % 2 == 0) & (indices // tiled.shape[-1] == 0)
    assert 0.45 < picked_first.mean() < 0.55  # half the draws pick each +inf cell
    assert ((indices % 2) == 0).all()  # never a finite cell
    assert (X.stochastic_pool2d(tiled, 2, training=False) == INF).all()
    inference_grad = X.stochastic_pool2d_backward(np.ones(out.shape), tiled, 2, training=False)
    assert (inference_grad == 0).all()
    training_grad = X.stochastic_pool2d_backward(np.ones(out.shape), tiled, 2, seed=5)
    assert training_grad.sum() == out.size and (training_grad[:, :, 1::2] == 0).all()


def test_softpool_limits_for_nan_and_infinite_values():
    x = np.array(
        [[[1.0, NAN, 1.0, INF, -INF, -INF, -INF, 0.0], [2.0, 3.0, 2.0, 3.0, -INF, -INF, 1.0, 1.0]]]
    )
    out = X.soft_pool2d(x, 2)
    assert np.isnan(out[0, 0, 0]) and out[0, 0, 1] == INF and out[0, 0, 2] == -INF
    np.testing.assert_allclose(out[0, 0, 3], X.soft_pool2d(np.array([[[0.0, 1, 1]]]), (1, 3))[0])
    grad = X.soft_pool2d_backward(np.ones((1, 1, 4)), x, 2)
    assert np.isfinite(grad).all()
    assert (grad[0, :, :6] == 0).all() and grad[0, 0, 6] == 0  # the -inf cell: no weight
    assert grad[0, :, 7].sum() > 0 and grad[0, 1, 6] > 0


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_blocks_of_any_size_give_bit_identical_results(monkeypatch, seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((2, 3, 13, 11)).astype(np.float32)
    x[rng.random(x.shape) < 0.05] = [NAN, INF, -INF][seed]
    arguments = ((3, 2), (2, 1), (1, 1))

    def results():
        out = X.soft_pool2d(x, *arguments, ceil_mode=True)
        grad = rng.standard_normal(out.shape)
        picks, indices = X.stochastic_pool2d(x, *arguments, seed=seed, return_indices=True)
        return [
            out,
            X.soft_pool2d_backward(grad, x, *arguments, ceil_mode=True),
            picks,
            indices,
            X.stochastic_pool2d(x, *arguments, training=False),
            X.stochastic_pool2d_backward(np.ones(picks.shape), x, *arguments, seed=seed),
            X.stochastic_pool2d_backward(np.ones(picks.shape), x, *arguments, training=False),
        ]

    rng = np.random.default_rng(9)
    whole = results()
    monkeypatch.setattr(gather, "SMALLEST_BLOCK", 1)  # blocks of two output rows
    rng = np.random.default_rng(9)
    for one, blocked in zip(whole, results(), strict=True):
        np.testing.assert_array_equal(one, blocked)


def test_pools_never_write_into_the_input():
    x = np.array([[[-1.0, 2.0], [-INF, 3.0]]])
    copy = x.copy()
    X.soft_pool2d(x, 1)
    X.stochastic_pool2d(x, 1)
    X.soft_pool2d_backward(np.ones((1, 2, 2)), x, 1)
    np.testing.assert_array_equal(x, copy)
