"""Every backward checks its gradient against the forward's output shape and its indices
(shape, integer dtype, range), and names the parameter at fault."""

import math

import numpy as np
import pytest

from engine import extra_pools as X
from engine import functional as F
from engine.errors import PoolingError

IMAGE = np.random.default_rng(0).random((2, 8, 8))
ROW = IMAGE[:, 0]
VOLUME = np.random.default_rng(1).random((2, 6, 7, 8))
SAMPLES = np.random.default_rng(2).random((1, 2, 3))


def fractional_max_pool2d(x, *arguments, **options):
    """The 2D fractional max pool with fixed windows (given samples)."""
    return F.fractional_max_pool2d(x, *arguments, _random_samples=SAMPLES[..., :2], **options)


def fractional_max_pool2d_backward(grad_output, x, *arguments, **options):
    return F.fractional_max_pool2d_backward(
        grad_output, x, *arguments, _random_samples=SAMPLES[..., :2], **options
    )


def fractional_max_pool3d(x, *arguments, **options):
    """The 3D fractional max pool with fixed windows (given samples)."""
    return F.fractional_max_pool3d(x, *arguments, _random_samples=SAMPLES, **options)


def fractional_max_pool3d_backward(grad_output, x, *arguments, **options):
    return F.fractional_max_pool3d_backward(
        grad_output, x, *arguments, _random_samples=SAMPLES, **options
    )


BACKWARDS = [
    (F.max_pool1d, F.max_pool1d_backward, ROW, (2,)),
    (F.max_pool2d, F.max_pool2d_backward, IMAGE, (2,)),
    (F.avg_pool1d, F.avg_pool1d_backward, ROW, (2,)),
    (F.avg_pool2d, F.avg_pool2d_backward, IMAGE, (2,)),
    (F.lp_pool1d, F.lp_pool1d_backward, ROW, (2, 2)),
    (F.lp_pool2d, F.lp_pool2d_backward, IMAGE, (2, 2)),
    (F.adaptive_max_pool1d, F.adaptive_max_pool1d_backward, ROW, (3,)),
    (F.adaptive_max_pool2d, F.adaptive_max_pool2d_backward, IMAGE, (3,)),
    (F.adaptive_avg_pool1d, F.adaptive_avg_pool1d_backward, ROW, (3,)),
    (F.adaptive_avg_pool2d, F.adaptive_avg_pool2d_backward, IMAGE, (3,)),
    (F.max_pool3d, F.max_pool3d_backward, VOLUME, (2,)),
    (F.avg_pool3d, F.avg_pool3d_backward, VOLUME, (2,)),
    (F.lp_pool3d, F.lp_pool3d_backward, VOLUME, (2, 2)),
    (F.adaptive_max_pool3d, F.adaptive_max_pool3d_backward, VOLUME, (3,)),
    (F.adaptive_avg_pool3d, F.adaptive_avg_pool3d_backward, VOLUME, (3,)),
    (fractional_max_pool2d, fractional_max_pool2d_backward, IMAGE, (2, 4)),
    (fractional_max_pool3d, fractional_max_pool3d_backward, VOLUME, (2, 3)),
    (X.global_max_pool2d, X.global_max_pool2d_backward, IMAGE, ()),
    (X.global_avg_pool2d, X.global_avg_pool2d_backward, IMAGE, ()),
    (X.min_pool2d, X.min_pool2d_backward, IMAGE, (2,)),
    (X.mixed_pool2d, X.mixed_pool2d_backward, IMAGE, (2,)),
    (X.soft_pool2d, X.soft_pool2d_backward, IMAGE, (2,)),
    (X.stochastic_pool2d, X.stochastic_pool2d_backward, IMAGE, (2,)),
    (X.blur_max_pool2d, X.blur_max_pool2d_backward, IMAGE, (2, 2, 3)),
    (X.spatial_pyramid_pool2d, X.spatial_pyramid_pool2d_backward, IMAGE, ((2, 1),)),
    (X.max_pool2d_same, X.max_pool2d_same_backward, IMAGE, (3, 2)),
    (X.avg_pool2d_same, X.avg_pool2d_same_backward, IMAGE, (3, 2)),
]
IDS = [backward.__name__ for _, backward, _, _ in BACKWARDS]


@pytest.mark.parametrize(("forward", "backward", "x", "arguments"), BACKWARDS, ids=IDS)
def test_every_backward_refuses_a_gradient_of_the_wrong_shape(forward, backward, x, arguments):
    shape = forward(x, *arguments).shape
    assert backward(np.ones(shape), x, *arguments).shape == x.shape
    for wrong in (np.ones(shape + (1,)), np.ones(shape[:-1] + (shape[-1] + 1,)), np.ones(1)):
        with pytest.raises(PoolingError, match="grad_output"):
            backward(wrong, x, *arguments)
    for hostile in (None, "g", [[1.0], [1.0, 2.0]], np.ones(shape, dtype=complex)):
        with pytest.raises(PoolingError, match="grad_output"):
            backward(hostile, x, *arguments)


WITH_INDICES = [
    (F.max_pool2d, F.max_pool2d_backward, IMAGE, (2,), {"return_indices": True}),
    (F.max_pool1d, F.max_pool1d_backward, ROW, (2,), {"return_indices": True}),
    (F.adaptive_max_pool2d, F.adaptive_max_pool2d_backward, IMAGE, (3,), {"return_indices": True}),
    (F.max_pool3d, F.max_pool3d_backward, VOLUME, (2,), {"return_indices": True}),
    (F.adaptive_max_pool3d, F.adaptive_max_pool3d_backward, VOLUME, (3,), {"return_indices": True}),
    (
        fractional_max_pool2d,
        fractional_max_pool2d_backward,
        IMAGE,
        (2, 4),
        {"return_indices": True},
    ),
    (
        fractional_max_pool3d,
        fractional_max_pool3d_backward,
        VOLUME,
        (2, 3),
        {"return_indices": True},
    ),
    (X.global_max_pool2d, X.global_max_pool2d_backward, IMAGE, (), {"return_indices": True}),
    (X.min_pool2d, X.min_pool2d_backward, IMAGE, (2,), {"return_indices": True}),
    (X.stochastic_pool2d, X.stochastic_pool2d_backward, IMAGE, (2,), {"return_indices": True}),
]


@pytest.mark.parametrize(
    ("forward", "backward", "x", "arguments", "options"),
    WITH_INDICES,
    ids=[backward.__name__ for _, backward, _, _, _ in WITH_INDICES],
)
def test_every_backward_refuses_bad_indices(forward, backward, x, arguments, options):
    out, indices = forward(x, *arguments, **options)
    grad = np.ones(out.shape)
    expected = backward(grad, x, *arguments, indices=indices)
    assert expected.shape == x.shape and expected.sum() == out.size
    plane = math.prod(x.shape[1:])  # the spatial cells of an unbatched input
    for bad in (
        99,
        indices[:1],
        indices.astype(np.float64),
        np.full(indices.shape, plane),
        np.full(indices.shape, -7),
        "i",
        [[0], [1, 2]],
    ):
        with pytest.raises(PoolingError, match="indices"):
            backward(grad, x, *arguments, indices=bad)


def test_stochastic_indices_must_name_a_cell_of_their_own_window():
    out, indices = X.stochastic_pool2d(IMAGE, 2, return_indices=True)
    moved = indices.copy()
    moved[0, 0, 0] = indices[0, 0, 1]  # a real cell, but of the next window
    with pytest.raises(PoolingError, match="indices must each name a cell of their own window"):
        X.stochastic_pool2d_backward(np.ones(out.shape), IMAGE, 2, indices=moved)


def test_given_max_indices_accumulate_even_when_windows_do_not_overlap():
    x = np.arange(16.0).reshape(1, 4, 4)
    indices = np.zeros((1, 2, 2), dtype=np.int64)  # every window names cell 0
    grad = F.max_pool2d_backward(np.ones((1, 2, 2)), x, 2, indices=indices)
    assert grad[0, 0, 0] == 4 and grad.sum() == 4
