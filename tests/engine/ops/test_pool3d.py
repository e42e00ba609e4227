"""3D pooling: hand-worked volumes, agreement with the 2D ops, a plain-loop oracle and PyTorch
parity over a few hundred seeded random configurations per op (values, indices, gradients;
float32, float64 and integers; ties, NaN, padding, dilation, ceil-mode last windows)."""

import numpy as np
import pytest

from engine import functional as F
from engine.errors import PoolingError
from engine.ops.windows import pooling_output_size
from tests.engine import reference

CUBE = np.arange(8, dtype=np.float64).reshape(1, 2, 2, 2)


def test_two_by_two_by_two_cube_pools_to_its_largest_cell():
    out, indices = F.max_pool3d(CUBE, 2, return_indices=True)
    assert out.tolist() == [[[[7.0]]]] and indices.tolist() == [[[[7]]]]
    assert F.avg_pool3d(CUBE, 2).tolist() == [[[[3.5]]]]
    np.testing.assert_allclose(F.lp_pool3d(CUBE, 2, 2), [[[[np.sqrt(140)]]]])
    assert F.adaptive_max_pool3d(CUBE, 1).tolist() == [[[[7.0]]]]
    assert F.adaptive_avg_pool3d(CUBE, 1).tolist() == [[[[3.5]]]]


def test_flat_indices_run_over_depth_height_and_width():
    x = np.zeros((1, 3, 4, 5), dtype=np.float32)
    x[0, 2, 1, 3] = 1
    _, indices = F.max_pool3d(x, (3, 4, 5), return_indices=True)
    assert indices.item() == (2 * 4 + 1) * 5 + 3
    unpooled = F.max_unpool3d(np.ones((1, 1, 1, 1)), indices, (3, 4, 5))
    np.testing.assert_array_equal(unpooled, x)


def test_ties_go_to_the_first_maximum_in_depth_row_column_order():
    x = np.zeros((1, 2, 2, 2))
    x[0, 1, 0, 0] = x[0, 0, 1, 1] = x[0, 1, 1, 0] = 5
    _, indices = F.max_pool3d(x, 2, return_indices=True)
    assert indices.item() == 3  # (0, 1, 1) comes before (1, 0, 0) and (1, 1, 0)
    grad = F.max_pool3d_backward(np.ones((1, 1, 1, 1)), x, 2)
    assert grad[0, 0, 1, 1] == 1 and grad.sum() == 1


def test_nan_wins_with_the_index_of_the_last_nan():
    x = np.zeros((1, 2, 2, 2))
    x[0, 0, 1, 0] = x[0, 1, 0, 1] = np.nan
    out, indices = F.max_pool3d(x, 2, return_indices=True)
    assert np.isnan(out.item()) and indices.item() == 5


def test_depth_one_volume_pools_like_the_two_dimensional_op():
    rng = np.random.default_rng(0)
    x = rng.integers(0, 4, (2, 3, 7, 9)).astype(np.float32)
    volume = x[:, :, None]
    out, indices = F.max_pool3d(volume, (1, 3, 2), (1, 2, 2), (0, 1, 1), (1, 1, 2), True, True)
    flat_out, flat_indices = F.max_pool2d(x, (3, 2), 2, 1, (1, 2), True, True)
    np.testing.assert_array_equal(out[:, :, 0], flat_out)
    np.testing.assert_array_equal(indices[:, :, 0], flat_indices)
    np.testing.assert_array_equal(
        F.avg_pool3d(volume, (1, 3, 3), (1, 2, 1), (0, 1, 0), True, False)[:, :, 0],
        F.avg_pool2d(x, 3, (2, 1), (1, 0), True, False),
    )
    np.testing.assert_array_equal(
        F.adaptive_max_pool3d(volume, (None, 4, 5))[:, :, 0], F.adaptive_max_pool2d(x, (4, 5))
    )


def test_unbatched_and_batched_agree():
    x = np.random.default_rng(1).standard_normal((3, 2, 5, 6, 7))
    for pool in (
        lambda v: F.max_pool3d(v, 3, 2, 1),
        lambda v: F.avg_pool3d(v, 2, 1, 1, count_include_pad=False),
        lambda v: F.adaptive_max_pool3d(v, (2, 3, 4)),
        lambda v: F.adaptive_avg_pool3d(v, (3, None, 2)),
    ):
        np.testing.assert_array_equal(pool(x), np.stack([pool(volume) for volume in x]))


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda x: F.max_pool3d(x, (2, 2)), "kernel_size"),
        (lambda x: F.max_pool3d(x, 2, padding=2), "padding"),
        (lambda x: F.max_pool3d(x, 2, dilation=0), "dilation"),
        (lambda x: F.max_pool3d(x, 9), "output size"),
        (lambda x: F.max_pool3d(x[0, 0], 2), r"\(C, D, H, W\) or \(N, C, D, H, W\)"),
        (lambda x: F.avg_pool3d(x, 2, divisor_override=0), "divisor_override"),
        (lambda x: F.avg_pool3d(x[..., :1], (1, 1, 3), padding=(0, 0, 1)), "smaller than kernel"),
        (lambda x: F.lp_pool3d(x, 0, 2), "norm_type"),
        (lambda x: F.adaptive_max_pool3d(x, (2, 2)), "output_size"),
        (lambda x: F.adaptive_avg_pool3d(x, 0), "output_size"),
        (lambda x: F.max_unpool3d(x, np.full(x.shape, 99), 1), "invalid max index"),
        (lambda x: F.max_pool3d_backward(np.ones((1, 1, 3, 3, 3)), x, 2), "grad_output"),
    ],
)
def test_refusals_name_the_parameter(call, parameter):
    with pytest.raises(PoolingError, match=parameter):
        call(np.zeros((1, 1, 4, 4, 4)))


def random_window_case(rng, dilation: bool):
    """A random 3D window configuration and whether its output size is valid."""
    shape = tuple(int(n) for n in rng.integers(1, 8, 3))
    kernel = tuple(int(n) for n in rng.integers(1, 4, 3))
    stride = tuple(int(n) for n in rng.integers(1, 4, 3))
    padding = tuple(int(rng.integers(0, k // 2 + 1)) for k in kernel)
    dilations = tuple(int(n) for n in rng.integers(1, 3, 3)) if dilation else (1, 1, 1)
    ceil_mode = bool(rng.random() < 0.5)
    valid = all(
        pooling_output_size(*axis, ceil_mode) >= 1
        for axis in zip(shape, kernel, stride, padding, dilations)
    )
    return shape, kernel, stride, padding, dilations, ceil_mode, valid


def random_input(rng, shape, dtype):
    """Small integers (frequent ties) in ``dtype``; floats sometimes hold NaN and -inf."""
    x = rng.integers(-3, 4, (int(rng.integers(1, 3)), int(rng.integers(1, 3))) + shape)
    x = x.astype(dtype)
    if x.dtype.kind == "f" and rng.random() < 0.3:
        x[rng.random(x.shape) < 0.1] = np.nan if rng.random() < 0.7 else -np.inf
    return x


DTYPES = [np.float64, np.float32, np.int64]


def test_max_pool3d_matches_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(30)
    compared = 0
    while compared < 300:
        shape, kernel, stride, padding, dilation, ceil_mode, valid = random_window_case(rng, True)
        x = random_input(rng, shape, DTYPES[compared % 3])
        arguments = (kernel, stride, padding, dilation, ceil_mode)
        if not valid:
            with pytest.raises(PoolingError, match="output size"):
                F.max_pool3d(x, *arguments)
            with pytest.raises(RuntimeError):
                torch.nn.functional.max_pool3d(torch.from_numpy(x), *arguments)
            continue
        out, indices = F.max_pool3d(x, *arguments, return_indices=True)
        if (indices < 0).any():
            continue  # a window of padding only: torch's index there is out of range
        tensor = torch.from_numpy(x)
        if x.dtype.kind == "f":
            tensor.requires_grad_()
        torch_out, torch_indices = torch.nn.functional.max_pool3d(
            tensor, *arguments, return_indices=True
        )
        np.testing.assert_array_equal(out, torch_out.detach().numpy())
        np.testing.assert_array_equal(indices, torch_indices.numpy())
        assert out.dtype == x.dtype
        grad_output = rng.standard_normal(out.shape)
        grad = F.max_pool3d_backward(grad_output, x, *arguments)
        np.testing.assert_array_equal(
            grad, F.max_pool3d_backward(grad_output, x, *arguments, indices)
        )
        if x.dtype.kind == "f":
            torch_out.backward(torch.from_numpy(grad_output.astype(x.dtype)))
            np.testing.assert_allclose(grad, tensor.grad.numpy(), rtol=1e-6, atol=1e-6)
        else:  # torch has no integer gradients: the same cells win as in float32
            np.testing.assert_array_equal(
                grad, F.max_pool3d_backward(grad_output, x.astype(np.float32), *arguments)
            )
        compared += 1


def test_max_pool3d_matches_the_plain_loop_reference():
    rng = np.random.default_rng(31)
    compared = 0
    while compared < 60:
        shape, kernel, stride, padding, dilation, ceil_mode, valid = random_window_case(rng, True)
        if not valid:
            continue
        x = random_input(rng, shape, np.float64)
        arguments = (kernel, stride, padding, dilation, ceil_mode)
        out, indices = F.max_pool3d(x, *arguments, return_indices=True)
        expected, expected_indices = reference.per_plane(reference.max_pool_volume, x, *arguments)
        np.testing.assert_array_equal(out, expected)
        np.testing.assert_array_equal(indices, expected_indices)
        compared += 1


def test_avg_pool3d_matches_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(32)
    compared = 0
    while compared < 300:
        shape, kernel, stride, padding, _, ceil_mode, valid = random_window_case(rng, False)
        divisor = None if rng.random() < 0.7 else int(rng.integers(-3, 7)) or 1
        arguments = (kernel, stride, padding, ceil_mode, bool(rng.random() < 0.5), divisor)
        dtype = DTYPES[compared % 3]
        x = rng.standard_normal((2, 2) + shape)
        x = x.astype(dtype) if dtype != np.int64 else rng.integers(-9, 9, x.shape)
        tensor = torch.from_numpy(x.astype(np.float64) if dtype == np.int64 else x)
        tensor.requires_grad_()
        try:
            out = F.avg_pool3d(x, *arguments)
        except PoolingError:
            # Also an input shorter than the kernel, padding or not: torch's avg_pool3d rule.
            with pytest.raises(RuntimeError):
                torch.nn.functional.avg_pool3d(tensor, *arguments)
            continue
        assert valid
        torch_out = torch.nn.functional.avg_pool3d(tensor, *arguments)
        assert out.dtype == (np.float64 if dtype == np.float64 else np.float32)
        tolerance = {"atol": 1e-12} if dtype == np.float64 else {"rtol": 1e-5, "atol": 1e-5}
        np.testing.assert_allclose(out, torch_out.detach().numpy(), **tolerance)
        grad_output = rng.standard_normal(out.shape)
        torch_out.backward(torch.from_numpy(grad_output))
        np.testing.assert_allclose(
            F.avg_pool3d_backward(grad_output, x, *arguments), tensor.grad.numpy(), **tolerance
        )
        compared += 1


def test_lp_pool3d_matches_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(33)
    compared = 0
    while compared < 200:
        shape, kernel, stride, _, _, ceil_mode, _ = random_window_case(rng, False)
        norm_type = [1.0, 2.0, 3.0, 1.5][compared % 4]
        x = rng.random((2, 2) + shape) + 0.1
        tensor = torch.from_numpy(x).requires_grad_()
        try:
            out = F.lp_pool3d(x, norm_type, kernel, stride, ceil_mode)
        except PoolingError:
            with pytest.raises(RuntimeError):
                torch.nn.functional.lp_pool3d(tensor, norm_type, kernel, stride, ceil_mode)
            continue
        torch_out = torch.nn.functional.lp_pool3d(tensor, norm_type, kernel, stride, ceil_mode)
        np.testing.assert_allclose(out, torch_out.detach().numpy(), rtol=1e-12)
        grad_output = rng.standard_normal(out.shape)
        torch_out.backward(torch.from_numpy(grad_output))
        np.testing.assert_allclose(
            F.lp_pool3d_backward(grad_output, x, norm_type, kernel, stride, ceil_mode),
            tensor.grad.numpy(),
            rtol=1e-10,
            atol=1e-12,
        )
        compared += 1


def random_adaptive_case(rng):
    shape = tuple(int(n) for n in rng.integers(1, 9, 3))
    sizes = tuple(int(n) for n in rng.integers(1, 10, 3))
    if rng.random() < 0.2:
        sizes = (None, sizes[1], sizes[2])
    return shape, sizes


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_adaptive_pools_3d_match_torch(dtype):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(34 if dtype == np.float64 else 35)
    for _ in range(150):
        shape, sizes = random_adaptive_case(rng)
        x = random_input(rng, shape, dtype)
        tensor = torch.from_numpy(x).requires_grad_()
        out, indices = F.adaptive_max_pool3d(x, sizes, return_indices=True)
        torch_out, torch_indices = torch.nn.functional.adaptive_max_pool3d(
            tensor, sizes, return_indices=True
        )
        np.testing.assert_array_equal(out, torch_out.detach().numpy())
        np.testing.assert_array_equal(indices, torch_indices.numpy())
        grad_output = rng.standard_normal(out.shape).astype(dtype)
        torch_out.backward(torch.from_numpy(grad_output))
        np.testing.assert_allclose(
            F.adaptive_max_pool3d_backward(grad_output, x, sizes), tensor.grad.numpy(), rtol=1e-6
        )
        x = rng.standard_normal(x.shape).astype(dtype)
        tensor = torch.from_numpy(x).requires_grad_()
        torch_out = torch.nn.functional.adaptive_avg_pool3d(tensor, sizes)
        tolerance = {"atol": 1e-12} if dtype == np.float64 else {"rtol": 1e-5, "atol": 1e-5}
        np.testing.assert_allclose(
            F.adaptive_avg_pool3d(x, sizes), torch_out.detach().numpy(), **tolerance
        )
        torch_out.backward(torch.from_numpy(grad_output))
        np.testing.assert_allclose(
            F.adaptive_avg_pool3d_backward(grad_output, x, sizes),
            tensor.grad.numpy(),
            **tolerance,
        )


def test_adaptive_max_pool3d_on_integers_matches_float():
    rng = np.random.default_rng(36)
    for _ in range(50):
        shape, sizes = random_adaptive_case(rng)
        x = rng.integers(-3, 4, (2, 2) + shape)
        out, indices = F.adaptive_max_pool3d(x, sizes, return_indices=True)
        float_out, float_indices = F.adaptive_max_pool3d(x.astype(float), sizes, True)
        assert out.dtype == np.int64
        np.testing.assert_array_equal(out, float_out)
        np.testing.assert_array_equal(indices, float_indices)


def test_max_unpool3d_matches_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(37)
    compared = 0
    while compared < 200:
        shape, kernel, stride, padding, _, ceil_mode, valid = random_window_case(rng, False)
        if not valid:
            continue
        x = random_input(rng, shape, [np.float64, np.float32][compared % 2])
        x = np.nan_to_num(x, nan=5.0, neginf=-5.0)
        out, indices = F.max_pool3d(x, kernel, stride, padding, 1, ceil_mode, True)
        size = None
        if rng.random() < 0.3:
            size = tuple(
                int(n) for n in np.array(shape) + rng.integers(0, 2, 3) * (np.array(stride) > 1)
            )
        arguments = (kernel, stride, padding, size)
        try:
            unpooled = F.max_unpool3d(out, indices, *arguments)
        except PoolingError:
            # torch refuses too, or gives an empty volume (a default size of 0) we refuse.
            try:
                empty = torch.nn.functional.max_unpool3d(
                    torch.from_numpy(out), torch.from_numpy(indices), *arguments
                )
            except (RuntimeError, ValueError):
                continue
            assert empty.numel() == 0
            continue
        expected = torch.nn.functional.max_unpool3d(
            torch.from_numpy(out), torch.from_numpy(indices), *arguments
        )
        np.testing.assert_array_equal(unpooled, expected.numpy())
        compared += 1
