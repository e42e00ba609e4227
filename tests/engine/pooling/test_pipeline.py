"""engine.pipeline: settings in words, windows, coverage and the formula strip."""

import numpy as np
import pytest

from engine import extra_pools
from engine import functional as F
from engine.errors import PoolingError
from engine.ops.blurpool import blur_max_pool2d
from engine.ops.frameworks import keras_avg_pool2d, keras_max_pool2d
from engine.ops.pyramid import spatial_pyramid_pool2d
from engine.pooling.display import display_array
from engine.pooling.kinds import KINDS
from engine.pooling.layouts import FRACTIONAL
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import (
    coverage_of,
    formula_lines,
    run_backward,
    run_pool,
    validate,
    window_of,
)

IMAGE = np.random.default_rng(0).random((2, 9, 11)).astype(np.float32)


@pytest.mark.parametrize("pool_type", list(KINDS))
def test_run_pool_calls_the_engine(pool_type):
    params = PoolParams(
        pool_type, (3, 3), (2, 2), (1, 1) if pool_type != "lp" else (0, 0), output_size=(4, 5)
    )
    result = run_pool(IMAGE, params)
    expected = {
        "max": lambda: F.max_pool2d(IMAGE, 3, 2, 1),
        "avg": lambda: F.avg_pool2d(IMAGE, 3, 2, 1),
        "lp": lambda: F.lp_pool2d(IMAGE, 2.0, 3, 2),
        "adaptive_max": lambda: F.adaptive_max_pool2d(IMAGE, (4, 5)),
        "adaptive_avg": lambda: F.adaptive_avg_pool2d(IMAGE, (4, 5)),
        "min": lambda: extra_pools.min_pool2d(IMAGE, 3, 2, 1),
        "global_max": lambda: extra_pools.global_max_pool2d(IMAGE),
        "global_avg": lambda: extra_pools.global_avg_pool2d(IMAGE),
        "stochastic": lambda: extra_pools.stochastic_pool2d(IMAGE, 3, 2, 1, seed=0),
        "mixed": lambda: extra_pools.mixed_pool2d(IMAGE, 3, 2, 1, 0.5),
        "softpool": lambda: extra_pools.soft_pool2d(IMAGE, 3, 2, 1),
        "blurmax": lambda: blur_max_pool2d(IMAGE, 3, 2, 3),
        "spp": lambda: spatial_pyramid_pool2d(IMAGE, (4, 2, 1))[:, None, :],
        "fractional_max": lambda: F.fractional_max_pool2d(
            IMAGE.astype(np.float64),
            3,
            (4, 5),
            _random_samples=np.broadcast_to(FRACTIONAL.samples(params)[:2], (1, 2, 2)),
        ),
    }[pool_type]()
    np.testing.assert_array_equal(result.output, expected)
    chooses_a_cell = {"max", "adaptive_max", "min", "global_max", "stochastic", "fractional_max"}
    assert (result.indices is not None) == (pool_type in chooses_a_cell)
    grad = run_backward(IMAGE, result, np.ones_like(result.output))
    assert grad.shape == IMAGE.shape


def test_every_output_cell_window_holds_its_arg_max():
    params = PoolParams("max", (3, 2), (2, 3), (1, 1), (2, 1), ceil_mode=True)
    result = run_pool(IMAGE, params)
    for (channel, row, col), index in np.ndenumerate(result.indices):
        window = window_of(params, IMAGE.shape, row, col)
        rows, cols = window.real_positions()
        assert divmod(int(index), IMAGE.shape[2]) in window.real_cells()
        assert result.output[channel, row, col] == IMAGE[channel, rows, cols].max()


def test_coverage_is_the_inverse_of_windows():
    params = PoolParams("avg", (3, 3), (2, 1), (1, 0))
    out_h, out_w = run_pool(IMAGE, params).output.shape[1:]
    for row in range(IMAGE.shape[1]):
        for col in range(IMAGE.shape[2]):
            expected = [
                (r, c)
                for r in range(out_h)
                for c in range(out_w)
                if (row, col) in window_of(params, IMAGE.shape, r, c).real_cells()
            ]
            assert coverage_of(params, IMAGE.shape, row, col) == expected


def test_adaptive_windows_and_coverage():
    params = PoolParams("adaptive_avg", output_size=(3, 4))
    window = window_of(params, (1, 10, 10), 0, 1)
    assert window.rows.tolist() == [0, 1, 2, 3] and window.cols.tolist() == [2, 3, 4]
    assert (0, 1) in coverage_of(params, (1, 10, 10), 3, 3)


@pytest.mark.parametrize(
    ("params", "words"),
    [
        (PoolParams("max", (3, 3), (1, 1), (2, 2)), "at most half"),
        (PoolParams("max", (20, 3), (1, 1)), "20 cells tall"),
        (PoolParams("max", (3, 3), (1, 1), dilation=(1, 6)), "dilation 6"),
        (PoolParams("avg", (3, 3), (0, 1)), "Stride height must be between 1 and"),
        (PoolParams("avg", (2, 2), divisor_override=0), "Divisor override must be between 1"),
        (PoolParams("adaptive_max", output_size=(0, 3)), "Output size height must be betw"),
        (PoolParams("spp", levels=()), "Pyramid levels must be whole numbers from 1 to 64"),
        (PoolParams("blurmax", (12, 12)), "kernel height 12 is larger than the input's"),
        (PoolParams("median"), "Unknown pooling type"),
    ],
)
def test_validate_explains_in_words(params, words):
    with pytest.raises(PoolingError, match=words):
        validate(params, IMAGE.shape)


def test_formula_lines_show_the_numbers_and_the_dropped_window():
    lines = formula_lines(PoolParams("max", (2, 2), (3, 3), (1, 1), ceil_mode=True), (1, 5, 5))
    assert lines[0].startswith("H_out = ceil((H + 2p - d(k-1) - 1)/s) + 1 = ceil((5 + 2*1 -")
    assert lines[0].endswith("dropped)")
    assert "ceil(5/3) + 1 = 3 - 1 = 2 (the last window would start at 5," in lines[0]
    assert lines[2] == ("1 x 5 x 5 (C x H x W) = 25 elements in, 1 x 2 x 2 = 4 out: 6.25x fewer")


@pytest.mark.parametrize("pool_type", ["max", "avg"])
def test_same_padding_uses_tensorflow_geometry(pool_type):
    params = PoolParams(pool_type, (3, 3), (2, 2), same_padding=True, framework="keras")
    result = run_pool(IMAGE, params)
    expected = {
        "max": lambda: keras_max_pool2d(IMAGE, 3, 2, "same"),
        "avg": lambda: keras_avg_pool2d(IMAGE, 3, 2, "same"),
    }[pool_type]()
    np.testing.assert_array_equal(result.output, expected)
    assert result.output.shape == (2, 5, 6)  # ceil(9/2), ceil(11/2)
    assert window_of(params, IMAGE.shape, 0, 0).rows.tolist() == [-1, 0, 1]  # pad 1 + 1
    assert "'same' pads" in formula_lines(params, IMAGE.shape)[0]


@pytest.mark.parametrize("pool_type", ["blurmax", "spp", "global_max", "softpool", "min"])
def test_windows_and_coverage_agree_for_new_types(pool_type):
    params = PoolParams(pool_type, (2, 2), (2, 2), levels=(3, 1))
    out_h, out_w = run_pool(IMAGE, params).output.shape[1:]
    for row, col in [(0, 0), (4, 7), (8, 10)]:
        covered = coverage_of(params, IMAGE.shape, row, col)
        expected = [
            (r, c)
            for r in range(out_h)
            for c in range(out_w)
            if (row, col) in window_of(params, IMAGE.shape, r, c).real_cells()
        ]
        assert covered == expected


def test_memory_stays_within_four_times_the_image(tmp_path):
    import tracemalloc

    image = np.random.default_rng(0).random((3, 1500, 2000), dtype=np.float32)
    # Pools that shrink the image; a stride-1 max pool's int64 indices alone are twice the
    # float32 input, as PyTorch's are.
    for params in (
        PoolParams("max", (2, 2), (2, 2)),
        PoolParams("avg", (3, 3), (2, 2), (1, 1)),
        PoolParams("max", (3, 3), (2, 2), (1, 1)),
        PoolParams("softpool", (2, 2)),
    ):
        tracemalloc.start()
        display_array(run_pool(image, params).output, (0.0, 1.0))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert peak <= 4 * image.nbytes, (params.pool_type, peak / image.nbytes)


@pytest.mark.parametrize("name", list(KINDS))
def test_pooling_channel_by_channel_gives_the_same_result(name):
    # A background pooling checks between channels whether it went stale (issue 10's burst
    # of key presses): pooled apart, the channels must give exactly what pooling them
    # together does.
    image = np.random.default_rng(8).integers(0, 7, (3, 13, 12)).astype(np.float32)
    params = PoolParams(name, (3, 3), (2, 2), (1, 1), output_size=(4, 5), levels=(2, 1))
    checks = []
    together = run_pool(image, params)
    apart = run_pool(image, params, check=lambda: checks.append(1))
    np.testing.assert_array_equal(apart.output, together.output)
    if together.indices is not None:
        np.testing.assert_array_equal(apart.indices, together.indices)
    assert len(checks) == (3 if KINDS[name].channels_apart else 0)


def test_a_stale_pooling_stops_between_channels():
    class StaleError(Exception):
        pass

    calls = []

    def check():
        calls.append(1)
        if len(calls) == 2:
            raise StaleError

    with pytest.raises(StaleError):
        run_pool(np.ones((3, 8, 8), np.float32), PoolParams("max"), check=check)
    assert len(calls) == 2  # the third channel was never pooled
