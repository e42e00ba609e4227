"""Max unpooling puts each value back where its max pool found it."""

import numpy as np
import pytest

from engine import functional as F
from engine.errors import PoolingError
from tests.engine import reference


def test_round_trip_keeps_the_maxima_at_their_positions():
    x = np.array([[[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]]], dtype=np.float32)
    out, indices = F.max_pool2d(x, 2, return_indices=True)
    restored = F.max_unpool2d(out, indices, 2)
    expected = np.zeros_like(x)
    expected[0, 1, 1], expected[0, 1, 3], expected[0, 2, 0], expected[0, 3, 3] = 6, 8, 3, 4
    np.testing.assert_array_equal(restored, expected)
    np.testing.assert_array_equal(
        restored, reference.unpool_plane(out[0], indices[0], (4, 4))[None]
    )


def test_one_dimensional_and_output_size():
    x = np.arange(1.0, 11)[None]
    out, indices = F.max_pool1d(x, 3, return_indices=True)
    restored = F.max_unpool1d(out, indices, 3, output_size=(10,))
    assert restored.shape == (1, 10) and restored[0, 2] == 3 and restored.sum() == 18


def test_refuses_bad_indices_and_sizes():
    out = np.ones((1, 2, 2))
    with pytest.raises(PoolingError, match="index"):
        F.max_unpool2d(out, np.full((1, 2, 2), 16), 2)
    with pytest.raises(PoolingError, match="output_size"):
        F.max_unpool2d(out, np.zeros((1, 2, 2), dtype=np.int64), 2, output_size=(9, 9))
    with pytest.raises(PoolingError, match="indices"):
        F.max_unpool2d(out, np.zeros((1, 3, 2), dtype=np.int64), 2)


def test_parity_with_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    for _ in range(100):
        x = rng.integers(0, 4, (1, 2, int(rng.integers(2, 10)), int(rng.integers(2, 10))))
        x = x.astype(np.float64)
        kernel = int(rng.integers(1, 3))
        stride, padding = int(rng.integers(1, 3)), int(rng.integers(0, kernel // 2 + 1))
        out, indices = F.max_pool2d(x, kernel, stride, padding, return_indices=True)
        size = x.shape[2:]
        try:
            restored = F.max_unpool2d(out, indices, kernel, stride, padding, size)
        except PoolingError:
            with pytest.raises((ValueError, RuntimeError)):
                torch.nn.functional.max_unpool2d(
                    torch.from_numpy(out), torch.from_numpy(indices), kernel, stride, padding, size
                )
            continue
        expected = torch.nn.functional.max_unpool2d(
            torch.from_numpy(out), torch.from_numpy(indices), kernel, stride, padding, size
        )
        np.testing.assert_array_equal(restored, expected.numpy())
