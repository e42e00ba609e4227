"""Experiment numbers: shifts, noise, convolution, receptive fields and cost."""

import numpy as np
import pytest

from engine import functional as F
from engine.analysis.experiments import (
    CONV_PRESETS,
    Layer,
    add_noise,
    aligned_interiors,
    cells_spanned,
    conv2d,
    crop_at,
    edge_cells,
    noise_sensitivity,
    nonlinearity,
    pooling_cost,
    receptive_field_of,
    receptive_fields,
    rotate_scale,
    shift_consistency,
    shift_sensitivity,
    transform_sensitivity,
)
from engine.images import load_image, sample_path
from engine.ops.blurpool import blur_max_pool2d
from engine.pooling.kinds import KINDS
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import run_pool

EQUIVARIANT_AT_THE_STRIDE = ("max", "avg", "blurmax", "softpool", "min", "mixed")
"""Kinds whose output moves by whole cells when the input moves by whole strides (not
stochastic pooling: its draw depends on the cell, not on the content)."""


@pytest.fixture(scope="module")
def photo():
    image = load_image(sample_path("astronaut"))
    crop = image[:, 96:352, 96:352].mean(axis=0, keepdims=True)  # a real photo, 256 x 256 (H x W)
    return crop.astype(np.float64)


def test_blurpool_is_at_least_as_shift_consistent_as_max_on_a_real_photo(photo):
    max_score = shift_consistency(photo, lambda v: F.max_pool2d(v, 2, 2), 2, 4)
    blur_score = shift_consistency(photo, lambda v: blur_max_pool2d(v, 2, 2, 3), 2, 4)
    assert blur_score >= max_score


def pool_of(params: PoolParams):
    return lambda image: run_pool(image, params).output.astype(np.float64)


def test_average_pooling_at_stride_1_is_exactly_shift_equivariant_on_a_real_photo(photo):
    params = PoolParams("avg", (5, 5), (1, 1))
    changes = shift_sensitivity(photo, pool_of(params), 1, range(11), edge_cells(params))
    # the bug: a wrap-around roll showed 4.6 to 6 % at shifts 2 to 6 here
    assert max(changes) < 1e-12
    consistency = shift_consistency(photo, pool_of(params), 1, 10, border=edge_cells(params))
    assert consistency == pytest.approx(1, abs=1e-12)


@pytest.mark.parametrize("kernel", [3, 2])
@pytest.mark.parametrize("name", EQUIVARIANT_AT_THE_STRIDE)
def test_every_kind_is_unchanged_by_shifts_that_are_multiples_of_the_stride(photo, name, kernel):
    params = PoolParams(name, (kernel, kernel), (2, 2))
    changes = shift_sensitivity(photo, pool_of(params), 2, [0, 2, 4, 6], edge_cells(params))
    # the bug: 1 to 2 % at these shifts with kernel 3, stride 2 (an output rolled whose size
    # times the stride is not the crop's size)
    assert max(changes) < 1e-12, KINDS[name].label


def test_a_shift_between_strides_changes_max_pooling(photo):
    params = PoolParams("max", (3, 3), (2, 2))
    changes = shift_sensitivity(photo, pool_of(params), 2, [0, 1, 3, 5], edge_cells(params))
    assert changes[0] == 0 and min(changes[1:]) > 0.01  # max pooling is only partly invariant


def test_blurpool_edges_are_left_out_of_the_comparison(photo):
    params = PoolParams("blurmax", (3, 3), (2, 2))
    with_edges = shift_sensitivity(photo, pool_of(params), 2, [0, 2], border=0)
    interior = shift_sensitivity(photo, pool_of(params), 2, [0, 2], border=edge_cells(params))
    assert with_edges[1] > 0 and interior[1] == 0  # the reflected blur differs at the edges


def test_crops_move_without_wrapping_around():
    image = np.arange(2 * 6 * 7, dtype=np.float64).reshape(2, 6, 7)
    np.testing.assert_array_equal(crop_at(image, 2, 3, 4), image[:, 2:5, 2:6])
    with pytest.raises(ValueError, match="4 x 4"):
        crop_at(image, 3, 4, 4)  # one row past the bottom: an error, never a wrap-around
    assert [cells_spanned(shift, 2) for shift in range(6)] == [0, 1, 1, 2, 2, 3]
    first = np.arange(25.0).reshape(1, 5, 5)
    second = first[:, 1:, 1:]  # the same place, one cell further
    second = np.pad(second, ((0, 0), (0, 1), (0, 1)), constant_values=-1)
    kept_first, kept_second = aligned_interiors(first, second, 1, 1)
    assert kept_first.shape == kept_second.shape == (1, 2, 2)
    np.testing.assert_array_equal(kept_first, kept_second)
    with pytest.raises(ValueError, match="nothing is left"):
        aligned_interiors(first, second, 3, 1)


def test_average_is_more_robust_to_salt_and_pepper_than_max(photo):
    amounts = [0.02, 0.1]
    max_change = noise_sensitivity(photo, lambda v: F.max_pool2d(v, 2, 2), "salt_pepper", amounts)
    avg_change = noise_sensitivity(photo, lambda v: F.avg_pool2d(v, 2, 2), "salt_pepper", amounts)
    assert all(a < m for a, m in zip(avg_change, max_change))
    assert max_change[0] < max_change[1]


def test_noise_and_transforms():
    image = np.random.default_rng(0).random((1, 16, 16)).astype(np.float32)
    noisy = add_noise(image, "salt_pepper", 0.5, seed=1)
    assert set(np.unique(noisy[image != noisy])) <= {image.min(), image.max()}
    assert np.array_equal(
        add_noise(image, "gaussian", 0.1, 3), add_noise(image, "gaussian", 0.1, 3)
    )
    np.testing.assert_allclose(rotate_scale(image, 0, 1), image, atol=1e-6)
    np.testing.assert_allclose(rotate_scale(image, 90, 1)[0], np.rot90(image[0]), atol=1e-5)
    sensitivity = transform_sensitivity(image, lambda v: F.avg_pool2d(v, 2), [0, 5], [1.0, 1.1])
    assert sensitivity["rotation"][0] == 0 and sensitivity["scale"][1] > 0


def test_conv2d_matches_a_plain_loop_and_presets():
    image = np.random.default_rng(2).random((2, 6, 7))
    kernel = CONV_PRESETS["Sobel x (vertical edges)"]
    padded = np.pad(image, ((0, 0), (1, 1), (1, 1)))
    expected = np.zeros_like(image)
    for c in range(2):
        for r in range(6):
            for q in range(7):
                expected[c, r, q] = np.sum(padded[c, r : r + 3, q : q + 3] * kernel)
    np.testing.assert_allclose(conv2d(image, kernel), expected)
    edges = CONV_PRESETS["edges (24 centre, -1 around)"]
    assert edges[2, 2] == 24 and edges.sum() == 0
    np.testing.assert_allclose(conv2d(np.ones((1, 9, 9)), edges)[0, 4, 4], 0)


def test_receptive_field_of_stacked_layers():
    layers = [
        Layer("conv", 3, 1, 1),
        Layer("pool", 2, 2),
        Layer("conv", 3, 1, 1),
        Layer("pool", 2, 2),
    ]
    sizes = [field.size for field in receptive_fields(layers)]
    assert sizes == [3, 4, 8, 10]
    assert receptive_fields(layers)[-1].jump == 4
    field = receptive_field_of(layers, 2, 3, (32, 32))
    assert field.height == 10 and field.width == 10
    assert (field.top + field.bottom) / 2 == pytest.approx(1.5 + 2 * 4 + 0.5)


def test_cost_numbers_for_the_dense_layer_example():
    cost = pooling_cost((64, 22, 22), (64, 11, 11), dense_units=512)
    assert cost["dense_weights_before"] == 15_859_712  # about 15.9 M
    assert cost["dense_weights_after"] == 3_964_928  # about 4.0 M
    assert cost["elements_before"] == 4 * cost["elements_after"]
    assert cost["conv3x3_macs_before"] == 22 * 22 * 64 * 64 * 9


def test_average_is_linear_and_max_is_not(photo):
    assert nonlinearity(photo, lambda v: F.avg_pool2d(v, 2, 2)) < 1e-6
    assert nonlinearity(photo, lambda v: F.max_pool2d(v, 2, 2)) > 0.01
