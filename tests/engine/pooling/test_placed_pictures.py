"""Placements draw a prepared output picture over the input area, and say where the cells an
animation has not computed yet are, in a few rectangles."""

import numpy as np
import pytest

from engine.pooling.display import display_array
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import placement_of, run_pool
from engine.pooling.placement import plain_grid
from engine.pooling.windows import Rect

IMAGE = np.random.default_rng(8).random((3, 23, 29)).astype(np.float32) * 3 - 1

SETTINGS = [
    PoolParams("max", (3, 3), (2, 2)),
    PoolParams("avg", (4, 4), (3, 3), (1, 1), ceil_mode=True),
    PoolParams("max", (2, 2), (1, 1), dilation=(2, 2)),
    PoolParams("adaptive_avg", output_size=(4, 7)),
    PoolParams("spp", levels=(3, 2, 1)),
]


@pytest.mark.parametrize("params", SETTINGS, ids=lambda params: params.pool_type)
@pytest.mark.parametrize("channels", [3, 1])
@pytest.mark.parametrize("step", [1, 2])
def test_placing_the_prepared_output_equals_preparing_the_picture(params, channels, step):
    image = IMAGE[:channels]
    result = run_pool(image, params)
    placement = placement_of(result.params, result.input_shape)
    levels = (-0.5, 1.5)  # some values saturate
    expected = display_array(placement.picture(result.output, step), levels)
    display = display_array(result.output, levels)
    placed = placement.place(display, step, fill=levels[0])
    np.testing.assert_array_equal(placed, expected)


def test_the_cells_not_computed_yet_are_two_rectangles_of_the_grid():
    grid = plain_grid((4, 6))
    assert grid.rects_after(0) == [Rect(0, 0, 1, 6), Rect(1, 0, 3, 6)]
    assert grid.rects_after(9) == [Rect(1, 3, 1, 3), Rect(2, 0, 2, 6)]
    assert grid.rects_after(23) == [Rect(3, 5, 1, 1)]
    assert grid.rects_after(24) == []


def test_the_cells_not_computed_yet_at_the_input_scale_cover_exactly_their_cells():
    result = run_pool(IMAGE, PoolParams("avg", (4, 4), (3, 3), (1, 1), ceil_mode=True))
    placement = placement_of(result.params, result.input_shape)
    rows, cols = placement.output_shape
    height, width = placement.size
    owner_rows, owner_cols = placement.owners()
    for done in (0, 1, cols - 1, cols + 2, rows * cols - 1):
        covered = np.zeros((height, width), bool)
        for rect in placement.rects_after(done):
            covered[rect.top : rect.bottom, rect.left : rect.right] = True
        drawn = (owner_rows[:, None] >= 0) & (owner_cols[None, :] >= 0)
        later = owner_rows[:, None] * cols + owner_cols[None, :] >= done
        np.testing.assert_array_equal(covered[drawn], later[drawn])


def test_the_pyramid_covers_the_rest_of_a_level_and_every_later_level():
    result = run_pool(IMAGE, PoolParams("spp", levels=(2, 1)))
    placement = placement_of(result.params, result.input_shape)
    first_level = placement.grids[0]
    rects = placement.rects_after(3)  # the last bin of the 2x2 level, then the 1x1 level
    assert rects[:-1] == first_level.rects_after(3)
    assert rects[-1] == Rect(0, placement.level_offset(1), *IMAGE.shape[1:])
    assert placement.rects_after(5) == []
