"""Fractional max pooling: PyTorch's window starts (in the input's float type), hand-worked
cases, the refusals, and parity with PyTorch given the same ``_random_samples`` over a few
hundred seeded random configurations per op (values, indices, gradients)."""

import numpy as np
import pytest

from engine import functional as F
from engine.errors import PoolingError

POOLS = {2: F.fractional_max_pool2d, 3: F.fractional_max_pool3d}
BACKWARDS = {2: F.fractional_max_pool2d_backward, 3: F.fractional_max_pool3d_backward}


def test_starts_by_hand():
    # alpha = (10 - 2) / 3 = 8/3; u = 0.5: int(4/3) - int(4/3), int(4) - 1, int(20/3) - 1, 8
    np.testing.assert_array_equal(F.fractional_starts(10, 4, 2, 0.5), [0, 3, 5, 8])
    np.testing.assert_array_equal(F.fractional_starts(10, 1, 2, 0.5), [8])
    np.testing.assert_array_equal(F.fractional_starts(5, 5, 1, 0.99), [0, 1, 2, 3, 4])


def test_starts_never_decrease_and_keep_windows_inside():
    rng = np.random.default_rng(0)
    for _ in range(200):
        length = int(rng.integers(2, 60))
        kernel = int(rng.integers(1, length + 1))
        out = int(rng.integers(1, length - kernel + 2))
        samples = rng.random(5).astype([np.float32, np.float64][out % 2])
        starts = F.fractional_starts(length, out, kernel, samples)
        assert starts.shape == (5, out)
        assert (np.diff(starts, axis=1) >= 0).all()
        assert starts.min() >= 0 and starts.max() == length - kernel


def test_float32_samples_round_as_float32():
    # A float32 sample does float32 arithmetic, as PyTorch's float32 kernel: start 18 of this
    # axis is 19, where the same sample in float64 arithmetic gives 18.
    sample = np.float32(0.45714223)
    single = F.fractional_starts(38, 35, 3, sample)
    double = F.fractional_starts(38, 35, 3, np.float64(sample))
    assert single[18] == 19 and double[18] == 18
    torch = pytest.importorskip("torch")
    for dtype, expected in ((np.float32, single), (np.float64, double)):
        x = np.tile(np.arange(38, dtype=dtype), (1, 3, 1))  # the maximum is a window's last
        samples = np.array([[[sample, 0.0]]], dtype=dtype)
        _, indices = torch.nn.functional.fractional_max_pool2d(
            torch.from_numpy(x),
            (3, 3),
            (1, 35),
            return_indices=True,
            _random_samples=torch.from_numpy(samples),
        )
        np.testing.assert_array_equal(indices.numpy()[0, 0] - 2, expected)
        _, ours = F.fractional_max_pool2d(x, (3, 3), (1, 35), None, True, samples)
        np.testing.assert_array_equal(ours, indices.numpy())


def test_two_dimensional_samples_are_width_then_height():
    x = np.arange(100, dtype=np.float64).reshape(1, 10, 10)
    samples = np.array([[[0.9, 0.0]]])
    _, indices = F.fractional_max_pool2d(x, 1, (4, 4), return_indices=True, _random_samples=samples)
    rows, cols = np.divmod(indices[0], 10)
    np.testing.assert_array_equal(rows[:, 0], F.fractional_starts(10, 4, 1, 0.0))
    np.testing.assert_array_equal(cols[0], F.fractional_starts(10, 4, 1, 0.9))


def test_output_ratio_rounds_down_and_gradients_go_to_the_maxima():
    x = np.random.default_rng(1).permutation(7 * 9).reshape(1, 7, 9).astype(np.float64)
    samples = np.full((1, 1, 2), 0.25)
    out, indices = F.fractional_max_pool2d(x, 2, None, (0.5, 0.7), True, samples)
    assert out.shape == (1, 3, 6)  # int(7 * 0.5), int(9 * 0.7)
    assert (x.ravel()[indices] == out).all()
    grad = F.fractional_max_pool2d_backward(np.ones_like(out), x, 2, None, (0.5, 0.7), samples)
    np.testing.assert_array_equal(grad.ravel(), np.bincount(indices.ravel(), minlength=63))
    np.testing.assert_array_equal(
        F.fractional_max_pool2d(x, 2, None, 0.5, False, samples),
        F.fractional_max_pool2d(x, 2, (3, 4), None, False, samples),
    )


def test_a_seeded_generator_repeats_the_windows():
    x = np.random.default_rng(2).standard_normal((2, 3, 9, 11)).astype(np.float32)
    first = F.fractional_max_pool2d(x, 2, (5, 6), generator=np.random.default_rng(7))
    again = F.fractional_max_pool2d(x, 2, (5, 6), generator=np.random.default_rng(7))
    np.testing.assert_array_equal(first, again)
    grad = F.fractional_max_pool2d_backward(
        np.ones_like(first), x, 2, (5, 6), generator=np.random.default_rng(7)
    )
    _, indices = F.fractional_max_pool2d(
        x, 2, (5, 6), None, True, generator=np.random.default_rng(7)
    )
    np.testing.assert_array_equal(
        grad, F.fractional_max_pool2d_backward(np.ones_like(first), x, 2, (5, 6), indices=indices)
    )


def test_integers_pool_as_themselves():
    # Beyond 2**53 a float64 would round them: the maxima are read back at their indices.
    x = np.random.default_rng(3).integers(-(2**62), 2**62, (2, 2, 6, 7, 8))
    samples = np.random.default_rng(4).random((2, 2, 3))
    out, indices = F.fractional_max_pool3d(x, 2, (3, 4, 5), None, True, samples)
    assert out.dtype == np.int64
    read_back = np.take_along_axis(x.reshape(2, 2, -1), indices.reshape(2, 2, -1), axis=2)
    np.testing.assert_array_equal(read_back, out.reshape(2, 2, -1))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda x: F.fractional_max_pool2d(x, 2), "either an output_size or an output_ratio"),
        (
            lambda x: F.fractional_max_pool2d(x, 3, (6, 4)),
            "pool height 3 too large relative to input height 7",
        ),
        (
            lambda x: F.fractional_max_pool2d(x, 3, (4, 7)),
            "pool width 3 too large relative to input width 8",
        ),
        (
            lambda x: F.fractional_max_pool3d(np.zeros((1, 1, 3, 7, 8)), 2, (2, 3, 3)),
            "pool time 2 too large relative to input time 3",
        ),
        (
            lambda x: F.fractional_max_pool3d(np.zeros((1, 1, 4, 7, 8)), 2, (2, 6, 3)),
            "pool height 2 too large",
        ),
        (lambda x: F.fractional_max_pool2d(x, 0, 2), "kernel_size"),
        (lambda x: F.fractional_max_pool2d(x, (2, 2, 2), 2), "kernel_size"),
        (lambda x: F.fractional_max_pool2d(x, 2, 0), "output_size"),
        (lambda x: F.fractional_max_pool2d(x, 2, (2, 2, 2)), "output_size"),
        (
            lambda x: F.fractional_max_pool2d(x, 2, None, 1.5),
            "output_ratio must be between 0 and 1",
        ),
        (lambda x: F.fractional_max_pool2d(x, 2, None, (0.5, 0.5, 0.5)), "output_ratio"),
        (lambda x: F.fractional_max_pool2d(x, 2, None, 0.1), "output_ratio"),
        (lambda x: F.fractional_max_pool2d(x, 2, None, "half"), "output_ratio"),
        (
            lambda x: F.fractional_max_pool2d(x, 2, 3, _random_samples=np.zeros((2, 3, 3))),
            "_random_samples",
        ),
        (
            lambda x: F.fractional_max_pool2d(x, 2, 3, _random_samples=np.zeros((1, 3, 2))),
            "_random_samples",
        ),
        (
            lambda x: F.fractional_max_pool2d(x, 2, 3, _random_samples=np.ones((2, 3, 2))),
            r"\[0, 1\)",
        ),
        (lambda x: F.fractional_max_pool2d(x, 2, 3, _random_samples="u"), "_random_samples"),
        (lambda x: F.fractional_max_pool2d(x, 2, 3, generator=7), "generator"),
        (lambda x: F.fractional_max_pool2d(x, 2, 3, return_indices="yes"), "return_indices"),
        (lambda x: F.fractional_max_pool2d(x[0, 0], 2, 3), r"\(C, H, W\) or \(N, C, H, W\)"),
        (
            lambda x: F.fractional_max_pool2d_backward(np.ones((2, 3, 3, 3)), x, 2, 3),
            "_random_samples",
        ),
        (
            lambda x: F.fractional_max_pool2d_backward(
                np.ones((2, 3, 3, 4)), x, 2, 3, _random_samples=np.zeros((2, 3, 2))
            ),
            "grad_output",
        ),
    ],
)
def test_refusals_use_torchs_words_and_name_the_parameter(call, message):
    with pytest.raises(PoolingError, match=message):
        call(np.zeros((2, 3, 7, 8)))


def test_three_dimensional_windows_need_one_position_spare_as_in_pytorch():
    x = np.zeros((1, 6, 6, 6))
    with pytest.raises(PoolingError, match="pool time 2 too large relative to input time 6"):
        F.fractional_max_pool3d(x, 2, (5, 3, 3), _random_samples=np.zeros((1, 1, 3)))
    assert F.fractional_max_pool2d(x[0], 2, (5, 5), _random_samples=np.zeros((1, 6, 2))).shape == (
        6,
        5,
        5,
    )


def random_case(rng, dims):
    """Sizes, kernel and output size PyTorch accepts (2D: out + k - 1 <= L, 3D: < L)."""
    spare = 1 if dims == 3 else 0
    shape = tuple(int(n) for n in rng.integers(2 + spare, 14 if dims == 2 else 8, dims))
    kernel = tuple(int(rng.integers(1, min(4, n - spare) + 1)) for n in shape)
    output = tuple(int(rng.integers(1, n - k + 2 - spare)) for n, k in zip(shape, kernel))
    return shape, kernel, output


@pytest.mark.parametrize("dims", [2, 3])
def test_parity_with_torch_over_random_configurations(dims):
    torch = pytest.importorskip("torch")
    function = getattr(torch.nn.functional, f"fractional_max_pool{dims}d")
    rng = np.random.default_rng(50 + dims)
    for case in range(300):
        shape, kernel, output = random_case(rng, dims)
        dtype = [np.float32, np.float64][case % 2]
        batch = () if case % 5 == 0 else (int(rng.integers(1, 3)),)
        x = rng.integers(-3, 4, batch + (int(rng.integers(1, 4)),) + shape).astype(dtype)
        if case % 3 == 0:
            x[rng.random(x.shape) < 0.1] = np.nan
        samples = rng.random(((batch or (1,))[0] + case % 2, x.shape[-dims - 1], dims)).astype(
            dtype
        )
        tensor = torch.from_numpy(x).requires_grad_()
        torch_out, torch_indices = function(
            tensor, kernel, output, return_indices=True, _random_samples=torch.from_numpy(samples)
        )
        out, indices = POOLS[dims](x, kernel, output, None, True, samples)
        np.testing.assert_array_equal(out, torch_out.detach().numpy())
        np.testing.assert_array_equal(indices, torch_indices.numpy())
        assert out.dtype == dtype
        grad_output = rng.standard_normal(out.shape).astype(dtype)
        torch_out.backward(torch.from_numpy(grad_output))
        grad = BACKWARDS[dims](grad_output, x, kernel, output, None, samples)
        np.testing.assert_allclose(grad, tensor.grad.numpy(), rtol=1e-6, atol=1e-6)
        np.testing.assert_array_equal(
            grad, BACKWARDS[dims](grad_output, x, kernel, output, indices=indices)
        )


@pytest.mark.parametrize("dims", [2, 3])
def test_output_ratio_matches_torch(dims):
    torch = pytest.importorskip("torch")
    function = getattr(torch.nn.functional, f"fractional_max_pool{dims}d")
    rng = np.random.default_rng(60 + dims)
    compared = 0
    while compared < 50:
        shape, kernel, _ = random_case(rng, dims)
        ratio = tuple(float(r) for r in rng.uniform(0.05, 0.95, dims))
        x = rng.standard_normal((1, 2) + shape)
        samples = rng.random((1, 2, dims))
        try:
            out = POOLS[dims](x, kernel, None, ratio, False, samples)
        except PoolingError:
            sizes = [int(n * r) for n, r in zip(shape, ratio)]
            fits = [s + k - 1 + (dims == 3) <= n for s, k, n in zip(sizes, kernel, shape)]
            assert min(sizes) < 1 or not all(fits)
            continue
        expected = function(
            torch.from_numpy(x), kernel, None, ratio, False, torch.from_numpy(samples)
        )
        np.testing.assert_array_equal(out, expected.numpy())
        compared += 1


@pytest.mark.parametrize(
    ("arguments", "parameter"),
    [
        ((10, 9, 3, 0.5), "output_size 9 \\+ kernel_size 3 - 1 must be at most input_size 10"),
        ((10, 4, 2, 1.0), r"sample must lie in \[0, 1\)"),
        ((10, 4, 2, np.nan), "sample"),
        ((10, 0, 2, 0.5), "output_size"),
        ((10.0, 4, 2, 0.5), "input_size"),
        ((10, 4, True, 0.5), "kernel_size"),
        ((10, 4, 2, "u"), "sample"),
    ],
)
def test_starts_refuse_what_no_pool_could_use(arguments, parameter):
    with pytest.raises(PoolingError, match=parameter):
        F.fractional_starts(*arguments)


def test_a_sample_that_rounds_up_to_one_in_float32_stays_below_one():
    # Regression: 1 - 1e-12 is below 1 in float64 but 1.0 in float32, which no start allows.
    x = np.arange(36, dtype=np.float32).reshape(1, 1, 6, 6)
    out = F.fractional_max_pool2d(x, 2, 3, _random_samples=np.full((1, 1, 2), 1 - 1e-12))
    below = np.full((1, 1, 2), np.nextafter(np.float32(1), np.float32(0)))
    np.testing.assert_array_equal(out, F.fractional_max_pool2d(x, 2, 3, _random_samples=below))


def test_float16_rounds_as_pytorchs_half_kernel():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(70)
    for _ in range(40):
        shape, kernel, output = random_case(rng, 2)
        x = rng.integers(-3, 4, (1, 2) + shape).astype(np.float16)
        samples = (rng.random((1, 2, 2)) * 0.999).astype(np.float16)  # below 1 in float16
        expected, expected_indices = torch.nn.functional.fractional_max_pool2d(
            torch.from_numpy(x),
            kernel,
            output,
            return_indices=True,
            _random_samples=torch.from_numpy(samples),
        )
        out, indices = F.fractional_max_pool2d(x, kernel, output, None, True, samples)
        np.testing.assert_array_equal(out, expected.numpy())
        np.testing.assert_array_equal(indices, expected_indices.numpy())
