"""Average pooling: hand-worked divisors, a plain-loop oracle, finite differences, PyTorch."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine import functional as F
from engine.errors import PoolingError
from engine.ops.windows import pooling_output_size
from tests.engine import reference

TEXTBOOK = np.array([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]], dtype=np.float64)


def test_textbook_four_by_four_to_two_by_two():
    np.testing.assert_array_equal(F.avg_pool2d(TEXTBOOK[None], 2), [[[3.25, 5.25], [2, 2]]])


def test_one_to_ten_with_window_three():
    np.testing.assert_array_equal(F.avg_pool1d(np.arange(1.0, 11)[None], 3), [[2, 5, 8]])


def test_count_include_pad_by_hand():
    x = np.ones((1, 2, 2))
    with_pad = F.avg_pool2d(x, 2, stride=1, padding=1)
    without_pad = F.avg_pool2d(x, 2, stride=1, padding=1, count_include_pad=False)
    # Corner windows hold one real cell of four; the centre window all four.
    np.testing.assert_array_equal(
        with_pad[0], [[0.25, 0.5, 0.25], [0.5, 1, 0.5], [0.25, 0.5, 0.25]]
    )
    np.testing.assert_array_equal(without_pad, 1)


def test_divisor_override_replaces_the_divisor():
    np.testing.assert_array_equal(
        F.avg_pool2d(TEXTBOOK[None], 2, divisor_override=1), [[[13, 21], [8, 8]]]
    )


def test_ceil_mode_partial_window_divides_by_its_clipped_size():
    x = np.arange(5.0)[None]
    np.testing.assert_array_equal(F.avg_pool1d(x, 2, 2, ceil_mode=True), [[0.5, 2.5, 4]])


def test_integers_come_back_as_float_never_truncated():
    out = F.avg_pool2d(np.array([[[1, 2], [2, 2]]], dtype=np.uint8), 2)
    assert out.dtype == np.float32 and out.item() == 1.75


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [
        ({"kernel_size": 0}, "kernel_size"),
        ({"kernel_size": 2, "stride": -1}, "stride"),
        ({"kernel_size": 2, "padding": 2}, "padding"),
        ({"kernel_size": 2, "divisor_override": 0}, "divisor_override"),
        ({"kernel_size": 5}, "output size"),
    ],
)
def test_refusals_name_the_parameter(kwargs, parameter):
    with pytest.raises(PoolingError, match=parameter):
        F.avg_pool2d(np.zeros((1, 4, 4)), **kwargs)


@st.composite
def avg_cases(draw):
    height, width = draw(st.integers(1, 7)), draw(st.integers(1, 7))
    kernel = (draw(st.integers(1, min(4, height))), draw(st.integers(1, min(4, width))))
    stride = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    padding = (draw(st.integers(0, kernel[0] // 2)), draw(st.integers(0, kernel[1] // 2)))
    ceil_mode, count_include_pad = draw(st.booleans()), draw(st.booleans())
    divisor = draw(st.one_of(st.none(), st.integers(1, 9)))
    values = draw(
        st.lists(st.integers(-3, 3), min_size=2 * height * width, max_size=2 * height * width)
    )
    x = np.array(values, dtype=np.float64).reshape(1, 2, height, width)
    return x, kernel, stride, padding, ceil_mode, count_include_pad, divisor


@given(avg_cases())
def test_forward_and_backward_match_the_plain_loop_reference(case):
    x, kernel, stride, padding, ceil_mode, count_include_pad, divisor = case
    out = F.avg_pool2d(x, kernel, stride, padding, ceil_mode, count_include_pad, divisor)
    expected = reference.per_plane(
        reference.avg_pool_plane, x, kernel, stride, padding, ceil_mode, count_include_pad, divisor
    )
    np.testing.assert_allclose(out, expected, atol=1e-12)
    grad = np.arange(out.size, dtype=np.float64).reshape(out.shape) - 3
    result = F.avg_pool2d_backward(
        grad, x, kernel, stride, padding, ceil_mode, count_include_pad, divisor
    )
    expected_grad = np.stack(
        [
            reference.avg_pool_backward_plane(
                grad[0, c],
                x.shape[2:],
                kernel,
                stride,
                padding,
                ceil_mode,
                count_include_pad,
                divisor,
            )
            for c in range(2)
        ]
    )[None]
    np.testing.assert_allclose(result, expected_grad, atol=1e-12)


def test_backward_matches_finite_differences():
    x = np.random.default_rng(0).standard_normal((2, 5, 6))
    arguments = ((3, 2), (2, 1), (1, 1), True, False)
    grad_output = np.random.default_rng(1).standard_normal(F.avg_pool2d(x, *arguments).shape)
    numeric = reference.numerical_gradient(lambda v: F.avg_pool2d(v, *arguments), x, grad_output)
    np.testing.assert_allclose(
        F.avg_pool2d_backward(grad_output, x, *arguments), numeric, atol=1e-7
    )


def test_one_dimensional_backward_matches_two_dimensional():
    x = np.random.default_rng(2).random((3, 9))
    grad = F.avg_pool1d_backward(np.ones((3, 5)), x, 3, 2, 1, False, False)
    grad2 = F.avg_pool2d_backward(
        np.ones((3, 1, 5)), x[:, None], (1, 3), (1, 2), (0, 1), False, False
    )
    np.testing.assert_allclose(grad, grad2[:, 0])


def test_parity_with_torch_over_random_configurations():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(3)
    compared = 0
    while compared < 300:
        height, width = (int(n) for n in rng.integers(1, 12, 2))
        kernel, stride = (
            tuple(int(n) for n in rng.integers(1, 5, 2)),
            tuple(int(n) for n in rng.integers(1, 4, 2)),
        )
        padding = (
            int(rng.integers(0, kernel[0] // 2 + 1)),
            int(rng.integers(0, kernel[1] // 2 + 1)),
        )
        divisor = None if rng.random() < 0.7 else int(rng.integers(1, 7))
        arguments = (
            kernel,
            stride,
            padding,
            bool(rng.integers(0, 2)),
            bool(rng.integers(0, 2)),
            divisor,
        )
        if (
            pooling_output_size(height, kernel[0], stride[0], padding[0], 1, arguments[3]) < 1
            or pooling_output_size(width, kernel[1], stride[1], padding[1], 1, arguments[3]) < 1
        ):
            continue
        x = rng.standard_normal((2, 3, height, width))
        tensor = torch.from_numpy(x).requires_grad_()
        torch_out = torch.nn.functional.avg_pool2d(tensor, *arguments)
        out = F.avg_pool2d(x, *arguments)
        np.testing.assert_allclose(out, torch_out.detach().numpy(), atol=1e-12)
        grad_output = rng.standard_normal(out.shape)
        torch_out.backward(torch.from_numpy(grad_output))
        np.testing.assert_allclose(
            F.avg_pool2d_backward(grad_output, x, *arguments), tensor.grad.numpy(), atol=1e-12
        )
        compared += 1


def test_float32_parity_with_torch():
    torch = pytest.importorskip("torch")
    x = np.random.default_rng(4).standard_normal((1, 3, 64, 50)).astype(np.float32)
    out = F.avg_pool2d(x, 3, 2, 1)
    assert out.dtype == np.float32
    np.testing.assert_allclose(
        out, torch.nn.functional.avg_pool2d(torch.from_numpy(x), 3, 2, 1), rtol=1e-5, atol=1e-6
    )
