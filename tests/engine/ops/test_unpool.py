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


def test_unpool_backward_reads_the_gradient_at_each_index():
    # Regression: max_unpool had no backward, though every other op has one beside it.
    x = np.array([[[6.0, 8.0], [3.0, 4.0]]])
    indices = np.array([[[5, 7], [8, 15]]])
    grad_output = np.arange(16.0).reshape(1, 4, 4)
    gradient = F.max_unpool2d_backward(grad_output, x, indices, 2)
    np.testing.assert_array_equal(gradient, [[[5.0, 7.0], [8.0, 15.0]]])
    assert gradient.shape == x.shape and gradient.dtype == np.float64


def test_unpool_backward_gives_every_value_sharing_an_index_the_cells_gradient():
    # Overlapping windows (kernel 3, stride 1) choose the same maximum: both values read it,
    # although the forward kept only the later one.
    x = np.array([[1.0, 9.0, 2.0, 0.0]])
    out, indices = F.max_pool1d(x, 3, 1, return_indices=True)
    assert indices.tolist() == [[1, 1]]
    gradient = F.max_unpool1d_backward(np.arange(4.0)[None], out, indices, 3, 1, output_size=(4,))
    np.testing.assert_array_equal(gradient, [[1.0, 1.0]])


def test_unpool_backward_skips_windows_that_chose_no_cell():
    gradient = F.max_unpool1d_backward(
        np.ones((1, 4)), np.ones((1, 2)), np.array([[-1, 3]]), 2, output_size=(4,)
    )
    np.testing.assert_array_equal(gradient, [[0.0, 1.0]])


def test_unpool_backward_refuses_a_gradient_of_the_wrong_shape():
    with pytest.raises(PoolingError, match="grad_output"):
        F.max_unpool2d_backward(
            np.ones((1, 3, 3)), np.ones((1, 2, 2)), np.zeros((1, 2, 2), np.int64), 2
        )


UNPOOLS = [
    (1, F.max_pool1d, F.max_unpool1d, F.max_unpool1d_backward, "max_unpool1d", (2, 9)),
    (2, F.max_pool2d, F.max_unpool2d, F.max_unpool2d_backward, "max_unpool2d", (2, 7, 8)),
    (3, F.max_pool3d, F.max_unpool3d, F.max_unpool3d_backward, "max_unpool3d", (2, 5, 6, 5)),
]


@pytest.mark.parametrize(
    ("dims", "pool", "unpool", "backward", "name", "shape"), UNPOOLS, ids=["1d", "2d", "3d"]
)
def test_unpool_backward_matches_torch_autograd(dims, pool, unpool, backward, name, shape):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(dims)
    for kernel, stride, padding in [(2, 2, 0), (3, 1, 1), (3, 2, 1), (2, 1, 0)]:
        # Few distinct values: overlapping windows share their maxima, so indices repeat.
        x = rng.integers(0, 3, (1, *shape)).astype(np.float64)
        out, indices = pool(x, kernel, stride, padding, return_indices=True)
        size = x.shape[2:]
        grad_output = rng.standard_normal(unpool(out, indices, kernel, stride, padding, size).shape)
        values = torch.from_numpy(out).requires_grad_()
        unpooled = getattr(torch.nn.functional, name)(
            values, torch.from_numpy(indices), kernel, stride, padding, size
        )
        unpooled.backward(torch.from_numpy(grad_output))
        gradient = backward(grad_output, out, indices, kernel, stride, padding, size)
        np.testing.assert_array_equal(gradient, values.grad.numpy())
        repeated = indices.reshape(indices.shape[1], -1)
        if kernel > stride:
            assert any(len(set(row)) < len(row) for row in repeated.tolist())
