"""Every kind's layout against plain answers: windows, coverage, the input area of each cell,
where cells are drawn at the input's scale, and how many windows send gradient to each cell."""

import numpy as np
import pytest

from engine.pooling.kinds import KINDS
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import (
    coverage_of,
    output_rect,
    placement_of,
    run_backward,
    run_pool,
    window_of,
)
from engine.pooling.steps import contribution_counts

RNG = np.random.default_rng(0)
# Zeros on purpose (Lp sends nothing to them) and small integers for ties.
IMAGE = np.where(RNG.random((2, 9, 11)) < 0.2, 0.0, RNG.integers(1, 6, (2, 9, 11)) / 5.0)


def settings(name: str, **changes) -> PoolParams:
    """Settings every kind accepts on IMAGE, with overlapping windows and padding."""
    base = dict(
        kernel_size=(3, 3),
        stride=(2, 2),
        padding=(1, 1),
        output_size=(4, 5),
        levels=(3, 2, 1),
        norm_type=2.0,
    )
    return PoolParams(name, **{**base, **changes})


ALL = [settings(name) for name in KINDS]
EXTRA = [
    settings("max", dilation=(2, 1), ceil_mode=True),
    settings("max", same_padding=True),
    settings("avg", same_padding=True),
    settings("avg", ceil_mode=True, count_include_pad=False),
    settings("stochastic", inference=True),
    settings("mixed", mix=1.0),
    settings("lp", norm_type=1.0),
    settings("blurmax", kernel_size=(2, 2), stride=(3, 2), blur_size=4),
    settings("adaptive_max", output_size=(7, 3)),
]
CASES = ALL + EXTRA
IDS = [f"{params.pool_type}-{index}" for index, params in enumerate(CASES)]


@pytest.mark.parametrize("params", CASES, ids=IDS)
def test_output_rect_is_the_area_the_window_covers(params):
    result = run_pool(IMAGE, params)
    out_h, out_w = result.output.shape[-2:]
    for row in range(out_h):
        for col in range(out_w):
            window = window_of(params, IMAGE.shape, row, col)
            assert output_rect(params, IMAGE.shape, row, col) == window.extent


@pytest.mark.parametrize("params", CASES, ids=IDS)
def test_cells_at_input_scale_are_drawn_inside_their_window(params):
    result = run_pool(IMAGE, params)
    placement = placement_of(params, IMAGE.shape)
    out_h, out_w = result.output.shape[-2:]
    drawn = np.zeros(placement.size, dtype=int)
    for row in range(out_h):
        for col in range(out_w):
            rect = placement.rect(row, col)
            down, across = placement.offset(row, col)
            cover = output_rect(params, IMAGE.shape, row, col)
            moved = type(rect)(rect.top - down, rect.left - across, rect.height, rect.width)
            assert rect.height == 0 or rect.width == 0 or cover.contains(moved)
            drawn[rect.top : rect.bottom, rect.left : rect.right] += 1
    assert drawn.max() <= 1  # every input cell is drawn under one output cell at most


def test_tiling_windows_are_drawn_exactly_over_their_windows():
    for params in (
        PoolParams("max", (3, 3), (3, 3)),
        PoolParams("global_avg"),
        PoolParams("adaptive_avg", output_size=(3, 1)),
    ):
        image = np.ones((1, 9, 9))
        placement = placement_of(params, image.shape)
        out_h, out_w = run_pool(image, params).output.shape[-2:]
        for row in range(out_h):
            for col in range(out_w):
                assert placement.rect(row, col) == output_rect(params, image.shape, row, col)


def test_global_average_is_drawn_over_the_whole_input():
    # Regression: "Output at input scale" drew global average's 1x1 output as a 2x2 square.
    placement = placement_of(PoolParams("global_avg"), (3, 12, 17))
    rect = placement.rect(0, 0)
    assert (rect.top, rect.left, rect.height, rect.width) == (0, 0, 12, 17)


def test_pyramid_bins_are_drawn_over_their_bins_level_by_level():
    # Regression: the pyramid's bins were drawn as a 42x2 strip.
    params = PoolParams("spp", levels=(4, 2, 1))
    placement = placement_of(params, (3, 40, 30))
    assert placement.output_shape == (1, 21)
    last = placement.rect(0, 20)  # the 1x1 level: the whole input, right of the other two
    assert (last.top, last.height, last.width) == (0, 40, 30)
    first = placement.rect(0, 0)  # level 4, bin (0, 0)
    assert (first.top, first.left, first.height, first.width) == (0, 0, 10, 8)
    assert placement.cell_at(last.top + 5, last.left + 5) == (0, 20)


@pytest.mark.parametrize("params", CASES, ids=IDS)
def test_coverage_is_the_inverse_of_windows(params):
    result = run_pool(IMAGE, params)
    out_h, out_w = result.output.shape[-2:]
    windows = {
        (row, col): set(window_of(params, IMAGE.shape, row, col).real_cells())
        for row in range(out_h)
        for col in range(out_w)
    }
    for pixel in [(0, 0), (4, 5), (8, 10), (3, 0)]:
        expected = sorted(cell for cell, cells in windows.items() if pixel in cells)
        assert coverage_of(params, IMAGE.shape, *pixel) == expected


def contributions_by_one_hot(params) -> np.ndarray:
    """How many output cells' backward sends a nonzero gradient to each input cell, found by
    one backward per output cell (the engine's own)."""
    image = IMAGE.astype(np.float64)
    result = run_pool(image, params)
    counts = np.zeros(image.shape, dtype=np.int64)
    for index in np.ndindex(result.output.shape[-2:]):
        one_hot = np.zeros(result.output.shape)
        one_hot[(slice(None), *index)] = 1.0
        counts += run_backward(image, result, one_hot) != 0
    return counts


@pytest.mark.parametrize("params", CASES, ids=IDS)
def test_routed_counts_equal_the_engines_gradient_contributions(params):
    result = run_pool(IMAGE.astype(np.float64), params)
    counts = contribution_counts(IMAGE, result, result.output[0].size)
    np.testing.assert_array_equal(counts, contributions_by_one_hot(params))


@pytest.mark.parametrize("name", ["min", "stochastic"])
def test_kinds_that_pick_one_cell_route_to_one_cell(name):
    # Regression: min and stochastic pooling counted every window cell as routed (441).
    image = np.random.default_rng(3).random((1, 16, 16)) + 0.1
    result = run_pool(image, PoolParams(name, (3, 3), (2, 2)))
    counts = contribution_counts(image, result, result.output[0].size)
    assert counts.sum() == 49  # one per window of the 7x7 output


def test_pyramid_bins_are_built_once_for_every_view_of_them(monkeypatch):
    # Regression: levels 64,64 rebuilt all 8,192 bins for each bin outlined or drawn,
    # which stalled the window for minutes in the fuzz.
    from engine.pooling import layouts

    built = []
    real = layouts.pyramid_bins
    monkeypatch.setattr(
        layouts, "pyramid_bins", lambda *args: built.append(1) or real(*args), raising=True
    )
    layouts.bins_of.cache_clear()
    params = PoolParams("spp", levels=(64, 64))
    layout = layouts.PYRAMID
    shape = (1, 130, 140)
    assert layout.overview_rects(params, shape) == []  # too many to outline
    for index in range(0, 8192, 97):
        layout.output_rect(params, shape, 0, index)
        layout.window_of(params, shape, 0, index)
    assert layout.coverage_of(params, shape, 5, 5)
    assert len(built) == 1
    layouts.bins_of.cache_clear()
