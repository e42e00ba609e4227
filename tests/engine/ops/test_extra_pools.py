"""Extra pooling types against plain loops, finite differences and their defining claims."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine import extra_pools as X
from engine import functional as F
from engine.errors import PoolingError
from engine.ops.blurpool import binomial_filter, blur_max_pool2d, blur_max_pool2d_backward
from engine.ops.pyramid import (
    PyramidBin,
    pyramid_bins,
    spatial_pyramid_pool2d,
    spatial_pyramid_pool2d_backward,
)
from engine.ops.same_padding import (
    avg_pool2d_same,
    avg_pool2d_same_backward,
    max_pool2d_same,
    max_pool2d_same_backward,
    same_padding,
)
from tests.engine import reference_extra as R
from tests.engine.reference import numerical_gradient


@st.composite
def window_cases(draw):
    height, width = draw(st.integers(2, 7)), draw(st.integers(2, 7))
    kernel = (draw(st.integers(1, min(3, height))), draw(st.integers(1, min(3, width))))
    stride = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    padding = (draw(st.integers(0, kernel[0] // 2)), draw(st.integers(0, kernel[1] // 2)))
    seed = draw(st.integers(0, 10_000))
    x = np.random.default_rng(seed).integers(-3, 4, (1, height, width)).astype(np.float64)
    return x, kernel, stride, padding


@given(window_cases())
def test_min_mixed_softpool_and_stochastic_inference_match_plain_loops(case):
    x, kernel, stride, padding = case
    np.testing.assert_array_equal(
        X.min_pool2d(x, kernel, stride, padding)[0],
        R.pool_plane(x[0], kernel, stride, padding, min),
    )
    np.testing.assert_allclose(
        X.soft_pool2d(x, kernel, stride, padding)[0],
        R.pool_plane(x[0], kernel, stride, padding, R.softpool),
    )
    np.testing.assert_allclose(
        X.stochastic_pool2d(x, kernel, stride, padding, training=False)[0],
        R.pool_plane(x[0], kernel, stride, padding, R.stochastic_inference),
    )
    mixed = X.mixed_pool2d(x, kernel, stride, padding, mix=0.25)
    expected = (
        0.25 * R.pool_plane(x[0], kernel, stride, padding, max)
        + 0.75 * (F.avg_pool2d(x, kernel, stride, padding)[0])
    )
    np.testing.assert_allclose(mixed[0], expected)


def test_mixed_at_zero_and_one_is_average_and_max():
    x = np.random.default_rng(0).random((2, 7, 6))
    np.testing.assert_array_equal(X.mixed_pool2d(x, 3, 2, 1, mix=0), F.avg_pool2d(x, 3, 2, 1))
    np.testing.assert_array_equal(X.mixed_pool2d(x, 3, 2, 1, mix=1), F.max_pool2d(x, 3, 2, 1))
    with pytest.raises(PoolingError, match="mix"):
        X.mixed_pool2d(x, 2, mix=1.5)


def test_min_pool_keeps_integer_dtype_and_routes_to_the_arg_min():
    x = np.array([[[3, 1], [0, 2]]], dtype=np.uint8)
    out, indices = X.min_pool2d(x, 2, return_indices=True)
    assert out.dtype == np.uint8 and out.item() == 0 and indices.item() == 2
    np.testing.assert_array_equal(
        X.min_pool2d_backward(np.ones((1, 1, 1)), x, 2), [[[0, 0], [1, 0]]]
    )


def test_global_pools_give_one_value_per_channel():
    x = np.random.default_rng(1).random((3, 5, 4))
    np.testing.assert_allclose(X.global_avg_pool2d(x)[:, 0, 0], x.mean(axis=(1, 2)))
    np.testing.assert_array_equal(X.global_max_pool2d(x)[:, 0, 0], x.max(axis=(1, 2)))
    grad = X.global_avg_pool2d_backward(np.ones((3, 1, 1)), x)
    np.testing.assert_allclose(grad, 1 / 20)


def test_stochastic_training_is_reproducible_and_picks_with_the_right_frequencies():
    x = np.array([[[1.0, 2.0], [3.0, 4.0]]])
    first = X.stochastic_pool2d(x, 2, seed=7)
    assert first.item() == X.stochastic_pool2d(x, 2, seed=7).item()
    # 1, 2, 3, 4 must be picked with probabilities 0.1, 0.2, 0.3, 0.4.
    tiled = np.tile(x, (1, 1, 4000))  # 4000 identical windows side by side
    picks = X.stochastic_pool2d(tiled, 2, seed=11)[0, 0]
    frequencies = np.array([(picks == value).mean() for value in (1, 2, 3, 4)])
    # Four standard errors at n = 4000 is under 0.031: a fixed seed cannot flake.
    np.testing.assert_allclose(frequencies, [0.1, 0.2, 0.3, 0.4], atol=0.031)
    inference = X.stochastic_pool2d(x, 2, training=False)
    assert inference.item() == pytest.approx((1 + 4 + 9 + 16) / 10)


def test_stochastic_window_with_nothing_positive_outputs_zero():
    x = -np.ones((1, 2, 2))
    out, indices = X.stochastic_pool2d(x, 2, return_indices=True)
    assert out.item() == 0 and indices.item() == 0
    assert X.stochastic_pool2d_backward(np.ones((1, 1, 1)), x, 2).sum() == 0


def test_stochastic_training_gradient_goes_to_the_picked_cell():
    x = np.random.default_rng(2).random((1, 6, 6)) + 0.1
    out, indices = X.stochastic_pool2d(x, 2, seed=3, return_indices=True)
    grad = X.stochastic_pool2d_backward(np.ones_like(out), x, 2, seed=3)
    assert grad.sum() == out.size
    np.testing.assert_array_equal(np.flatnonzero(grad[0]), np.sort(indices.ravel()))
    np.testing.assert_array_equal(x.ravel()[indices.ravel()], out.ravel())


@pytest.mark.parametrize(
    ("forward", "backward", "arguments"),
    [
        (X.soft_pool2d, X.soft_pool2d_backward, (3, 2, 1)),
        (X.mixed_pool2d, X.mixed_pool2d_backward, (3, 1, 1, 0.3)),
        (
            lambda x, *a: X.stochastic_pool2d(x, *a, training=False),
            lambda g, x, *a: X.stochastic_pool2d_backward(g, x, *a, training=False),
            (2, 1),
        ),
        (blur_max_pool2d, blur_max_pool2d_backward, (2, 2, 3)),
        (blur_max_pool2d, blur_max_pool2d_backward, (3, 1, 4)),
        (
            lambda x, *a: spatial_pyramid_pool2d(x, *a),
            spatial_pyramid_pool2d_backward,
            ((3, 2, 1), "avg"),
        ),
        (
            lambda x, *a: spatial_pyramid_pool2d(x, *a),
            spatial_pyramid_pool2d_backward,
            ((2, 1), "max"),
        ),
        (max_pool2d_same, max_pool2d_same_backward, (3, 2)),
        (avg_pool2d_same, avg_pool2d_same_backward, (3, 2)),
    ],
)
def test_backward_matches_finite_differences(forward, backward, arguments):
    rng = np.random.default_rng(4)
    x = rng.permutation(2 * 7 * 6).astype(np.float64).reshape(2, 7, 6) / 10 + 0.5
    grad_output = rng.standard_normal(forward(x, *arguments).shape)
    numeric = numerical_gradient(lambda v: forward(v, *arguments), x, grad_output)
    np.testing.assert_allclose(backward(grad_output, x, *arguments), numeric, atol=1e-6)


def test_blur_pool_matches_the_plain_loop():
    x = np.random.default_rng(5).random((1, 9, 8))
    for kernel, stride, taps in [(2, 2, 3), (3, 2, 5), (2, 3, 2), (2, 1, 4)]:
        np.testing.assert_allclose(
            blur_max_pool2d(x, kernel, stride, taps)[0], R.blur_max(x[0], kernel, stride, taps)
        )
    np.testing.assert_allclose(binomial_filter(5), [1 / 16, 4 / 16, 6 / 16, 4 / 16, 1 / 16])
    with pytest.raises(PoolingError, match="blur_size"):
        blur_max_pool2d(x, 2, 2, 6)


def test_spatial_pyramid_gives_one_length_for_any_size():
    for shape in [(3, 13, 17), (3, 64, 40)]:
        x = np.random.default_rng(6).random(shape)
        vector = spatial_pyramid_pool2d(x, (4, 2, 1))
        assert vector.shape == (3, 21)
        assert vector[:, -1].tolist() == x.max(axis=(1, 2)).tolist()
    bins = pyramid_bins((3, 10, 10), (2, 1))
    assert bins[0] == PyramidBin(2, 0, 0, 0, 5, 0, 5)
    assert bins[-1] == PyramidBin(1, 0, 0, 0, 10, 0, 10)


@given(st.integers(1, 60), st.integers(1, 7), st.integers(1, 5))
def test_same_padding_output_size_is_tensorflows(length, kernel, stride):
    before, after = same_padding(length, kernel, stride)
    assert after - before in (0, 1)
    out = (length + before + after - kernel) // stride + 1
    assert out == -(-length // stride)  # TensorFlow: ceil(L / s)
    x = np.zeros((1, 2, length))
    assert max_pool2d_same(x, (1, kernel), (1, stride)).shape[-1] == -(-length // stride)


def test_same_average_excludes_padding():
    x = np.ones((1, 3, 3))
    np.testing.assert_array_equal(avg_pool2d_same(x, 2, 2), 1.0)


def test_lp_with_large_p_is_max_like_and_p_one_is_the_sum():
    x = np.random.default_rng(7).random((2, 8, 8)) + 0.2
    np.testing.assert_allclose(F.lp_pool2d(x, 50, 2), F.max_pool2d(x, 2), rtol=0.03)
    np.testing.assert_allclose(F.lp_pool2d(x, 1, 2), F.avg_pool2d(x, 2) * 4)


@pytest.mark.parametrize("dtype", [np.int8, np.uint8, np.int64, np.uint64, np.bool_])
def test_min_pool_of_integers_is_exact_and_never_overflows(dtype):
    if dtype == np.bool_:
        low, high = False, True
    else:
        low, high = np.iinfo(dtype).min, np.iinfo(dtype).max
    x = np.array([[[high, low, high]]], dtype=dtype)
    out, indices = X.min_pool2d(x, (1, 2), 1, (0, 1), return_indices=True)
    assert out.dtype == x.dtype
    assert out.tolist() == [[[high, low, low, high]]]
    assert indices.tolist() == [[[0, 1, 1, 2]]]
    grad = X.min_pool2d_backward(np.ones((1, 1, 4)), x, (1, 2), 1, (0, 1))
    assert grad.tolist() == [[[1, 2, 1]]]


def test_min_pool_of_int64_above_two_to_the_53_is_exact():
    big = 2**53 + 1
    x = np.array([[[big, big + 1, -big, -big - 1]]], dtype=np.int64)
    assert X.min_pool2d(x, (1, 2)).tolist() == [[[big, -big - 1]]]


@given(window_cases())
def test_integer_min_pool_matches_the_float_one(case):
    x, kernel, stride, padding = case
    out, indices = X.min_pool2d(x.astype(np.int16), kernel, stride, padding, return_indices=True)
    float_out, float_indices = X.min_pool2d(x, kernel, stride, padding, return_indices=True)
    np.testing.assert_array_equal(out, float_out)
    np.testing.assert_array_equal(indices, float_indices)
