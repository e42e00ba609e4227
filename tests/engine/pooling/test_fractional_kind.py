"""Fractional max pooling in the window: the windows drawn are the ones the engine used, and the
kind is PyTorch's fractional_max_pool2d with PoolScope's samples (one pair from the seed)."""

import numpy as np
import pytest

from engine.pooling.layouts import FRACTIONAL
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import formula_lines, run_backward, run_pool, validate, window_of


def random_case(rng):
    height, width = (int(side) for side in rng.integers(6, 30, size=2))
    kernel = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
    output = (
        int(rng.integers(1, height - kernel[0] + 2)),
        int(rng.integers(1, width - kernel[1] + 2)),
    )
    params = PoolParams(
        "fractional_max", kernel, output_size=output, seed=int(rng.integers(0, 1000))
    )
    image = rng.integers(0, 5, size=(2, height, width)).astype(np.float32)  # many ties
    return image, params


def test_the_windows_drawn_are_the_windows_pooled():
    rng = np.random.default_rng(5)
    for _ in range(40):
        image, params = random_case(rng)
        result = run_pool(image, params)
        height, width = result.output.shape[1:]
        for row in range(height):
            for col in range(width):
                window = window_of(params, image.shape, row, col)
                rows, cols = window.real_positions()
                assert len(rows) == params.kernel_size[0] * params.kernel_size[1]
                for channel in range(2):
                    values = image[channel][rows, cols]
                    assert result.output[channel, row, col] == values.max()
                    chosen = divmod(int(result.indices[channel, row, col]), image.shape[2])
                    assert chosen in set(zip(rows.tolist(), cols.tolist(), strict=True))


def test_the_kind_is_torchs_fractional_max_pool_with_the_same_samples():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(6)
    for _ in range(40):
        image, params = random_case(rng)
        result = run_pool(image, params)
        samples = torch.tensor(FRACTIONAL.samples(params)[:2]).expand(1, 2, 2)
        x = torch.tensor(image.astype(np.float64), requires_grad=True)
        expected, indices = torch.nn.functional.fractional_max_pool2d(
            x,
            params.kernel_size,
            output_size=params.output_size,
            return_indices=True,
            _random_samples=samples,
        )
        np.testing.assert_array_equal(result.output, expected.detach().numpy())
        np.testing.assert_array_equal(result.indices, indices.numpy())
        upstream = rng.standard_normal(expected.shape)
        expected.backward(torch.tensor(upstream))
        gradient = run_backward(image, result, upstream)
        np.testing.assert_allclose(gradient, x.grad.numpy(), rtol=1e-12)


def test_the_seed_moves_the_windows_and_the_formula_says_how():
    image = np.random.default_rng(7).random((1, 20, 20))
    first = PoolParams("fractional_max", (2, 2), output_size=(9, 9), seed=1)
    second = first.replace(seed=2)
    starts = [
        [window_of(params, image.shape, row, 0).rows[0] for row in range(9)]
        for params in (first, second)
    ]
    assert starts[0] != starts[1]
    assert all(0 < after - before <= 3 for before, after in zip(starts[0], starts[0][1:]))
    lines = formula_lines(first, image.shape)
    assert "H_out = 9 (fractional)" in lines[0] and "seed 1" in lines[0]
    with pytest.raises(ValueError, match="needs at least 21 input cells"):
        validate(first.replace(output_size=(20, 9)), image.shape)
