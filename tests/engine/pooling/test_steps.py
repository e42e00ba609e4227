"""The step sequence: count, order, windows and values against the engine; backward routing."""

import numpy as np
import pytest

from engine import functional as F
from engine.pooling.kinds import KINDS
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import run_pool
from engine.pooling.steps import (
    GradientRoute,
    StepSequence,
    contribution_counts,
    partial_input_gradient,
    unpooled,
    upstream_gradient,
)

MATRIX = np.array(
    [
        [1, 3, 2, 1, 0, 4],
        [4, 6, 6, 2, 1, 3],
        [3, 1, 2, 8, 5, 1],
        [0, 2, 7, 7, 3, 2],
        [5, 1, 0, 3, 9, 9],
        [2, 4, 1, 6, 2, 0],
    ],
    float,
)[None]


def test_max_steps_follow_row_major_order_with_engine_values():
    result = run_pool(MATRIX, PoolParams("max", (3, 3), (1, 1)))
    steps = StepSequence(MATRIX, result)
    assert len(steps) == 16
    positions = [(step.row, step.col) for step in steps]
    assert positions == [(r, c) for r in range(4) for c in range(4)]
    first = steps[0]
    assert first.window.real_cells() == [(r, c) for r in range(3) for c in range(3)]
    np.testing.assert_array_equal(first.values[0], MATRIX[0, :3, :3].ravel())
    assert first.result[0] == 6 and first.argmax == ((1, 1),)
    assert steps[-1].result[0] == F.max_pool2d(MATRIX, 3, 1)[0, 3, 3]


def test_average_steps_with_padding_and_ceil_mode_show_sum_and_divisor():
    params = PoolParams("avg", (3, 3), (2, 2), (1, 1), ceil_mode=True, count_include_pad=False)
    result = run_pool(MATRIX, params)
    expected = F.avg_pool2d(MATRIX, 3, 2, 1, True, False)
    for step in StepSequence(MATRIX, result):
        assert step.total[0] / step.divisor == pytest.approx(expected[0, step.row, step.col])
        assert step.divisor == len(step.window.real_cells())


def test_dilated_steps_list_the_separate_cells():
    result = run_pool(MATRIX, PoolParams("max", (2, 2), (1, 1), dilation=(2, 2)))
    step = StepSequence(MATRIX, result)[0]
    assert step.window.real_cells() == [(0, 0), (0, 2), (2, 0), (2, 2)]


def test_row_steps_and_lazy_large_sequences():
    big = np.zeros((1, 2160, 3840), np.float32)
    result = run_pool(big, PoolParams("max", (2, 2), (2, 2)))
    steps = StepSequence(big, result)
    assert len(steps) == 1080 * 1920
    assert steps[1080 * 1920 - 1].row == 1079  # built on demand, nothing stored
    rows = StepSequence(big, result, unit="row")
    assert len(rows) == 1080 and rows.cells_done(3) == 3 * 1920
    with pytest.raises(IndexError):
        steps[len(steps)]


def test_partial_output_blank_after_the_current_step():
    result = run_pool(MATRIX, PoolParams("max", (3, 3), (1, 1)))
    partial = StepSequence(MATRIX, result).partial_output(5)
    assert np.isfinite(partial).sum() == 5 and partial[0, 1, 0] == result.output[0, 1, 0]


def test_one_hot_gradient_reaches_exactly_the_arg_max():
    result = run_pool(MATRIX, PoolParams("max", (3, 3), (1, 1)))
    grad = upstream_gradient("one_hot", result, cell=(1, 2))
    routed = partial_input_gradient(MATRIX, result, grad, 16)
    assert routed.sum() == 1 and routed[0, 2, 3] == 1  # the 8 is the window's maximum


def test_overlapping_windows_add_up_and_counts_match():
    result = run_pool(MATRIX, PoolParams("max", (3, 3), (1, 1)))
    ones = upstream_gradient("ones", result)
    gradient = partial_input_gradient(MATRIX, result, ones, 16)
    counts = contribution_counts(MATRIX, result, 16)
    np.testing.assert_array_equal(gradient, counts)
    assert counts[0, 2, 3] == 7  # the 8 wins seven windows
    np.testing.assert_array_equal(gradient, F.max_pool2d_backward(np.ones((1, 4, 4)), MATRIX, 3, 1))
    avg = run_pool(MATRIX, PoolParams("avg", (3, 3), (1, 1)))
    assert contribution_counts(MATRIX, avg, 16)[0, 2, 2] == 9


def test_upstream_choices():
    result = run_pool(MATRIX, PoolParams("avg", (2, 2), (2, 2)))
    np.testing.assert_array_equal(
        upstream_gradient("random", result, seed=3), upstream_gradient("random", result, seed=3)
    )
    np.testing.assert_array_equal(upstream_gradient("output", result), result.output)
    with pytest.raises(ValueError):
        upstream_gradient("sideways", result)


def test_unpooling_puts_maxima_back():
    result = run_pool(MATRIX, PoolParams("max", (2, 2), (2, 2)))
    restored = unpooled(result)
    assert restored.shape == MATRIX.shape and np.count_nonzero(restored) == 9
    np.testing.assert_array_equal(F.max_pool2d(restored, 2), result.output)


VARIANTS = [{}, {"tie": "all"}, {"mix": 1.0}, {"inference": True}]
COLOUR = np.random.default_rng(4).integers(0, 4, (3, 13, 15)).astype(np.float32)


@pytest.mark.parametrize("variant", VARIANTS, ids=["default", "tie-all", "mix-1", "inference"])
@pytest.mark.parametrize("name", list(KINDS))
def test_the_gradient_route_equals_the_engines_backward_of_the_masked_upstream(name, variant):
    # Ties everywhere (integers 0..3), overlapping windows (3x3, stride 2), three channels.
    params = PoolParams(name, (3, 3), (2, 2), output_size=(4, 5), levels=(3, 2, 1), seed=1)
    result = run_pool(COLOUR, params.replace(**variant))
    upstream = upstream_gradient("random", result, seed=2)
    route = GradientRoute(COLOUR, result, upstream)
    total = result.output[0].size
    for done in sorted({0, 1, 7, total // 2, total - 1, total}):
        gradient = route.gradient(done)
        expected = partial_input_gradient(COLOUR, result, upstream, done)
        assert gradient.dtype == expected.dtype == np.float64
        np.testing.assert_array_equal(gradient, expected)
        counts = route.counts(done)
        assert counts.dtype == np.int64
        np.testing.assert_array_equal(counts, contribution_counts(COLOUR, result, done))


def test_the_gradient_route_of_a_max_pool_is_a_scatter_of_the_first_cells():
    result = run_pool(MATRIX, PoolParams("max", (3, 3), (1, 1)))
    route = GradientRoute(MATRIX, result, upstream_gradient("ones", result))
    assert route.scatters
    np.testing.assert_array_equal(np.argwhere(route.gradient(2)[0]), [[1, 1], [2, 3]])  # 6, 8
    average = run_pool(MATRIX, PoolParams("avg", (3, 3)))
    assert not GradientRoute(MATRIX, average, upstream_gradient("ones", average)).scatters
