"""The average's divisor is computed in one place, :func:`engine.ops.windows.average_divisor`:
PyTorch's 2D and 3D pools, every framework's padded geometry and "same" padding all ask it,
and each agrees with counting the window's cells one by one."""

import itertools

import numpy as np
import pytest

from engine.ops.frameworks import onnx_geometry, padded_geometry
from engine.ops.same_padding import avg_pool2d_same, same_pads
from engine.ops.windows import average_divisor, cells_between, pool_geometry
from engine.pooling.kinds import kind_of
from engine.pooling.parameters import PoolParams


def counted(starts, kernel, dilation, low, high) -> list[int]:
    """The cells of each window inside [low, high), counted one by one."""
    return [sum(low <= start + tap * dilation < high for tap in range(kernel)) for start in starts]


def test_cells_between_counts_every_window_like_a_loop():
    for kernel, dilation, low, high in itertools.product((1, 2, 5), (1, 2, 3), (-2, 0), (4, 7)):
        starts = np.arange(-6, 9, dtype=np.int64)
        expected = counted(starts.tolist(), kernel, dilation, low, high)
        assert cells_between(starts, kernel, dilation, low, high).tolist() == expected


def brute_divisor(geometry, count_include_pad: bool) -> np.ndarray:
    """Multiply, over the axes, the cells each window has inside the counted range."""
    divisor = np.ones(())
    for axis in range(len(geometry.input_size)):
        low, high = geometry.pads[axis]
        first, end = (-low, geometry.input_size[axis] + high) if count_include_pad else (0, 0)
        end = end or geometry.input_size[axis]
        starts = geometry.window_starts(axis).tolist()
        cells = counted(starts, geometry.kernel[axis], geometry.dilation[axis], first, end)
        divisor = np.multiply.outer(divisor, np.array(cells, dtype=float))
    return divisor


def test_every_padded_geometry_divides_as_the_windows_count():
    rng = np.random.default_rng(3)
    for _ in range(200):
        sizes = tuple(int(size) for size in rng.integers(3, 12, 2))
        kernel = tuple(int(size) for size in rng.integers(1, 4, 2))
        pads = tuple((int(rng.integers(0, k)), int(rng.integers(0, k))) for k in kernel)
        dilation = tuple(int(spacing) for spacing in rng.integers(1, 3, 2))
        try:
            geometry = padded_geometry(
                sizes, kernel, (2, 1), pads, dilation, bool(rng.random() < 0.5)
            )
        except ValueError:
            continue
        for include in (True, False):
            np.testing.assert_array_equal(
                geometry.window_divisor(include), brute_divisor(geometry, include)
            )


def test_pytorch_divisor_is_the_padded_one_with_equal_sides():
    for ceil_mode, include in itertools.product((False, True), (False, True)):
        torch_geometry = pool_geometry("avg_pool2d", (1, 1, 7, 6), 3, 2, 1, 1, ceil_mode)
        padded = padded_geometry((7, 6), 3, 2, 1, 1, ceil_mode)
        np.testing.assert_array_equal(
            torch_geometry.window_divisor(include), padded.window_divisor(include)
        )
        for cell in np.ndindex(*torch_geometry.output_size):
            assert (
                torch_geometry.cell_divisor(cell, include) == padded.window_divisor(include)[cell]
            )
    assert torch_geometry.cell_divisor((0, 0), True, divisor_override=7) == 7.0


def test_same_padding_divides_by_the_real_cells_without_pooling_ones():
    # Regression: avg_pool2d_same found its divisor by average-pooling an array of ones.
    x = np.arange(35.0).reshape(1, 5, 7)
    call = same_pads("avg_pool2d_same", x, (3, 2), (2, 3))
    expected = average_divisor(
        [np.arange(3) * 2 - call.pads[0][0], np.arange(3) * 3 - call.pads[1][0]],
        (3, 2),
        (1, 1),
        (5, 7),
        call.pads,
        False,
    )
    np.testing.assert_array_equal(call.divisor((5, 7)), expected)
    geometry = padded_geometry((5, 7), (3, 2), (2, 3), call.pads)
    np.testing.assert_array_equal(call.divisor((5, 7)), geometry.window_divisor(False))
    assert avg_pool2d_same(x, (3, 2), (2, 3)).shape == (1, 3, 3)


def test_dilated_onnx_windows_count_their_taps():
    # Windows start at -2 .. 2 and cover start, start + 2, start + 4 of 5 cells padded by 2.
    geometry = onnx_geometry((5,), 3, 1, [2, 2], dilations=2)
    assert geometry.window_divisor(True).tolist() == [3.0, 3.0, 3.0, 3.0, 3.0]
    assert geometry.window_divisor(False).tolist() == [2.0, 2.0, 3.0, 2.0, 2.0]


@pytest.mark.parametrize("include", [True, False])
@pytest.mark.parametrize("override", [None, 5])
def test_volume_divisor_is_torch_s(include, override):
    torch = pytest.importorskip("torch")
    params = PoolParams(
        "avg",
        (3, 2),
        (2, 2),
        (1, 1),
        ceil_mode=True,
        count_include_pad=include,
        divisor_override=override,
        depth_kernel=3,
        depth_stride=2,
        depth_padding=1,
    )
    shape = (1, 6, 5, 7)
    kind = kind_of(params)
    ones = torch.ones((1, *shape), dtype=torch.float64)
    sums = torch.nn.functional.avg_pool3d(
        ones, (3, 3, 2), 2, 1, ceil_mode=True, count_include_pad=include, divisor_override=1
    )
    means = torch.nn.functional.avg_pool3d(
        ones, (3, 3, 2), 2, 1, True, include, divisor_override=override
    )
    divisors = (sums / means)[0, 0].numpy()
    for depth, row, col in np.ndindex(*divisors.shape):
        divisor = kind.volume.divisor_of(params, shape, depth, row, col)
        assert divisor == pytest.approx(divisors[depth, row, col]), (depth, row, col)
