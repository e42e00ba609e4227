"""Max pooling: hand-worked cases, the classic traps, a plain-loop oracle and PyTorch parity."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine import functional as F
from engine.errors import PoolingError
from engine.ops.maxpool import code_dtype
from engine.ops.windows import pooling_output_size
from tests.engine import reference

TEXTBOOK = np.array([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]], dtype=np.float32)


def test_one_to_ten_with_window_three_gives_three_six_nine():
    out, indices = F.max_pool1d(np.arange(1, 11, dtype=np.float32)[None], 3, return_indices=True)
    np.testing.assert_array_equal(out, [[3, 6, 9]])
    np.testing.assert_array_equal(indices, [[2, 5, 8]])


def test_textbook_four_by_four_to_two_by_two():
    out, indices = F.max_pool2d(TEXTBOOK[None], 2, return_indices=True)
    np.testing.assert_array_equal(out, [[[6, 8], [3, 4]]])
    np.testing.assert_array_equal(indices, [[[5, 7], [8, 15]]])


@pytest.mark.parametrize(("size", "kernel", "expected"), [(20, 10, 2), (26, 2, 13)])
def test_literature_output_sizes(size, kernel, expected):
    out = F.max_pool2d(np.random.default_rng(0).random((1, size, size)), kernel)
    assert out.shape == (1, expected, expected)


def test_ties_go_to_the_first_maximum_in_row_major_order():
    x = np.array([[[1, 5], [5, 5]]], dtype=np.float64)
    _, indices = F.max_pool2d(x, 2, return_indices=True)
    assert indices.item() == 1


def test_padding_never_wins_over_all_negative_input():
    x = -np.arange(1, 10, dtype=np.float32).reshape(1, 3, 3)
    out, indices = F.max_pool2d(x, 3, stride=1, padding=1, return_indices=True)
    assert (out < 0).all()
    assert out[0, 0, 0] == -1 and indices[0, 0, 0] == 0


def test_uint8_zero_beats_padding_and_keeps_dtype():
    x = np.zeros((1, 2, 2), dtype=np.uint8)
    out, indices = F.max_pool2d(x, 3, stride=1, padding=1, return_indices=True)
    assert out.dtype == np.uint8
    np.testing.assert_array_equal(out, 0)
    np.testing.assert_array_equal(indices, [[[0, 0], [0, 0]]])


def test_nan_propagates_with_the_index_of_the_last_nan():
    x = np.array([[[np.nan, 1.0], [np.nan, 0.0]]])
    out, indices = F.max_pool2d(x, 2, return_indices=True)
    assert np.isnan(out.item()) and indices.item() == 2


def test_window_of_only_minus_infinity_reports_its_first_real_cell():
    x = np.full((1, 2, 2), -np.inf)
    _, indices = F.max_pool2d(x, 3, stride=1, padding=1, return_indices=True)
    np.testing.assert_array_equal(indices, [[[0, 0], [0, 0]]])


def test_dilated_window_over_padding_only_gives_minus_infinity_and_no_gradient():
    x = np.array([[[7.0]]])
    out, indices = F.max_pool2d(x, 2, stride=1, padding=1, dilation=2, return_indices=True)
    assert out.shape == (1, 1, 1)
    assert out.item() == -np.inf and indices.item() == -1
    grad = F.max_pool2d_backward(np.ones_like(out), x, 2, 1, 1, 2, indices=indices)
    np.testing.assert_array_equal(grad, 0)


def test_overlapping_windows_accumulate_in_the_backward():
    x = np.array([[[0, 0, 0], [0, 9, 0], [0, 0, 0]]], dtype=np.float64)
    grad = F.max_pool2d_backward(np.ones((1, 2, 2)), x, 2, stride=1)
    assert grad[0, 1, 1] == 4 and grad.sum() == 4


def test_ceil_mode_keeps_a_window_hanging_over_the_edge_and_drops_one_starting_in_padding():
    x = np.arange(5, dtype=np.float32)[None]
    assert F.max_pool1d(x, 2, 2, ceil_mode=True).tolist() == [[1, 3, 4]]
    # L=5, k=2, s=3, p=1: a third window would start at 2 * 3 - 1 = 5, past the input and
    # the left padding, so ceil mode drops it.
    assert pooling_output_size(5, 2, 3, 1, 1, True) == 2


def test_float64_stays_float64_and_gradient_is_float():
    x = np.random.default_rng(0).random((2, 5, 5))
    assert F.max_pool2d(x, 2).dtype == np.float64
    grad = F.max_pool2d_backward(np.ones((2, 2, 2)), x.astype(np.uint16), 2)
    assert grad.dtype == np.float32


def test_batched_and_unbatched_agree():
    x = np.random.default_rng(1).random((3, 2, 7, 6)).astype(np.float32)
    batched = F.max_pool2d(x, 3, 2, 1)
    single = np.stack([F.max_pool2d(image, 3, 2, 1) for image in x])
    np.testing.assert_array_equal(batched, single)


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [
        ({"kernel_size": 0}, "kernel_size"),
        ({"kernel_size": 2, "stride": 0}, "stride"),
        ({"kernel_size": 2, "dilation": 0}, "dilation"),
        ({"kernel_size": 2, "padding": 2}, "padding"),
        ({"kernel_size": 3, "padding": -1}, "padding"),
        ({"kernel_size": 9}, "output size"),
        ({"kernel_size": (2, 2, 2)}, "kernel_size"),
    ],
)
def test_refusals_name_the_parameter_and_the_shape(kwargs, parameter):
    with pytest.raises(PoolingError, match=parameter):
        F.max_pool2d(np.zeros((1, 4, 4)), **kwargs)


@pytest.mark.parametrize(
    "x",
    [np.zeros((4, 4)), np.zeros((1, 1, 1, 4, 4)), np.zeros((1, 0, 4)), np.array([["a"]]), [[1.0]]],
)
def test_refuses_bad_inputs_with_a_value_error(x):
    with pytest.raises(ValueError, match="max_pool2d"):
        F.max_pool2d(x, 1)


def test_refuses_mismatched_gradient_and_indices():
    x = np.zeros((1, 4, 4))
    with pytest.raises(PoolingError, match="grad_output"):
        F.max_pool2d_backward(np.ones((1, 3, 3)), x, 2)
    with pytest.raises(PoolingError, match="indices"):
        F.max_pool2d_backward(np.ones((1, 2, 2)), x, 2, indices=np.full((1, 2, 2), 99))


@st.composite
def pool_cases(draw, max_size=7):
    height, width = draw(st.integers(1, max_size)), draw(st.integers(1, max_size))
    kernel = (draw(st.integers(1, 4)), draw(st.integers(1, 4)))
    stride = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    padding = (draw(st.integers(0, kernel[0] // 2)), draw(st.integers(0, kernel[1] // 2)))
    dilation = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    ceil_mode = draw(st.booleans())
    sizes = [
        pooling_output_size(n, k, s, p, d, ceil_mode)
        for n, k, s, p, d in zip((height, width), kernel, stride, padding, dilation)
    ]
    if min(sizes) < 1:
        dilation = (1, 1)
        kernel = (min(kernel[0], height), min(kernel[1], width))
        padding = (min(padding[0], kernel[0] // 2), min(padding[1], kernel[1] // 2))
    # Small integers make ties frequent; a few NaN and -inf make the rarer rules run.
    values = draw(
        st.lists(
            st.sampled_from([-2.0, -1.0, 0.0, 1.0, 2.0, -np.inf, np.nan]),
            min_size=2 * height * width,
            max_size=2 * height * width,
        )
    )
    x = np.array(values).reshape(1, 2, height, width)
    return x, kernel, stride, padding, dilation, ceil_mode


@given(pool_cases())
def test_forward_and_backward_match_the_plain_loop_reference(case):
    x, kernel, stride, padding, dilation, ceil_mode = case
    out, indices = F.max_pool2d(x, kernel, stride, padding, dilation, ceil_mode, True)
    expected, expected_indices = reference.per_plane(
        reference.max_pool_plane, x, kernel, stride, padding, dilation, ceil_mode
    )
    np.testing.assert_array_equal(out, expected)
    np.testing.assert_array_equal(indices, expected_indices)
    grad = np.arange(out.size, dtype=np.float64).reshape(out.shape) + 1
    expected_grad = np.stack(
        [
            reference.max_pool_backward_plane(grad[0, c], expected_indices[0, c], x.shape[2:])
            for c in range(2)
        ]
    )[None]
    for given_indices in (indices, None):
        result = F.max_pool2d_backward(
            grad, x, kernel, stride, padding, dilation, ceil_mode, indices=given_indices
        )
        np.testing.assert_array_equal(result, expected_grad)


@given(pool_cases())
def test_uint8_input_matches_float_input(case):
    x, kernel, stride, padding, dilation, ceil_mode = case
    x = np.nan_to_num(x, nan=0.0, neginf=0.0) + 2
    out8, indices8 = F.max_pool2d(
        x.astype(np.uint8), kernel, stride, padding, dilation, ceil_mode, True
    )
    out, indices = F.max_pool2d(x, kernel, stride, padding, dilation, ceil_mode, True)
    real = indices >= 0
    np.testing.assert_array_equal(out8[real], out[real])
    np.testing.assert_array_equal(indices8, indices)


def test_one_dimensional_pool_is_a_height_one_plane():
    x = np.random.default_rng(2).integers(0, 4, (2, 3, 11)).astype(np.float32)
    out, indices = F.max_pool1d(x, 3, 2, 1, 2, True, return_indices=True)
    out2, indices2 = F.max_pool2d(x[:, :, None], (1, 3), (1, 2), (0, 1), (1, 2), True, True)
    np.testing.assert_array_equal(out, out2[:, :, 0])
    np.testing.assert_array_equal(indices, indices2[:, :, 0])
    grad = F.max_pool1d_backward(np.ones_like(out), x, 3, 2, 1, 2, True)
    assert grad.shape == x.shape and grad.sum() == out.size


def test_backward_matches_finite_differences_where_smooth():
    rng = np.random.default_rng(3)
    x = rng.permutation(48).astype(np.float64).reshape(1, 2, 4, 6) / 7  # distinct values
    grad_output = rng.standard_normal(F.max_pool2d(x, (2, 3), 1, (1, 1)).shape)
    numeric = reference.numerical_gradient(
        lambda value: F.max_pool2d(value, (2, 3), 1, (1, 1)), x, grad_output
    )
    np.testing.assert_allclose(
        F.max_pool2d_backward(grad_output, x, (2, 3), 1, (1, 1)), numeric, atol=1e-6
    )


def test_parity_with_torch_over_random_configurations():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(4)
    compared = 0
    while compared < 300:
        height, width = rng.integers(1, 12, 2)
        kernel, stride = tuple(rng.integers(1, 5, 2)), tuple(rng.integers(1, 4, 2))
        padding = (
            int(rng.integers(0, kernel[0] // 2 + 1)),
            int(rng.integers(0, kernel[1] // 2 + 1)),
        )
        dilation, ceil_mode = tuple(rng.integers(1, 3, 2)), bool(rng.integers(0, 2))
        x = rng.integers(-3, 4, (2, 3, height, width)).astype(np.float64)
        if rng.random() < 0.2:
            x[rng.random(x.shape) < 0.1] = np.nan
        arguments = (kernel, stride, padding, dilation, ceil_mode)
        try:
            out, indices = F.max_pool2d(x, *arguments, return_indices=True)
        except PoolingError:
            with pytest.raises(RuntimeError):
                torch.nn.functional.max_pool2d(torch.from_numpy(x), *arguments)
            continue
        if (indices < 0).any():
            continue  # torch's answer is undefined there (out-of-range index)
        tensor = torch.from_numpy(x).requires_grad_()
        torch_out, torch_indices = torch.nn.functional.max_pool2d(
            tensor, *arguments, return_indices=True
        )
        np.testing.assert_array_equal(out, torch_out.detach().numpy())
        np.testing.assert_array_equal(indices, torch_indices.numpy())
        grad_output = rng.standard_normal(out.shape)
        torch_out.backward(torch.from_numpy(grad_output))
        np.testing.assert_allclose(
            F.max_pool2d_backward(grad_output, x, *arguments, indices=indices), tensor.grad.numpy()
        )
        compared += 1


def test_float32_parity_with_torch_on_a_larger_image():
    torch = pytest.importorskip("torch")
    x = np.random.default_rng(5).standard_normal((2, 3, 67, 45)).astype(np.float32)
    out, indices = F.max_pool2d(x, 3, 2, 1, return_indices=True)
    torch_out, torch_indices = torch.nn.functional.max_pool2d(
        torch.from_numpy(x), 3, 2, 1, return_indices=True
    )
    np.testing.assert_array_equal(out, torch_out.numpy())
    np.testing.assert_array_equal(indices, torch_indices.numpy())


def test_window_of_more_than_65536_cells_gives_the_right_index():
    x = np.zeros((1, 300, 300), dtype=np.float32)
    x[0, -1, -1] = 1
    out, indices = F.max_pool2d(x, 300, return_indices=True)
    assert out.item() == 1 and indices.item() == 89_999
    grad = F.max_pool2d_backward(np.ones((1, 1, 1)), x, 300)
    assert grad[0, -1, -1] == 1 and grad.sum() == 1


def test_global_max_of_an_image_wider_than_65536_pixels_gives_the_right_index():
    x = np.zeros((1, 1, 70_000), dtype=np.float32)
    x[0, 0, 69_999] = 5
    out, indices = F.adaptive_max_pool2d(x, 1, return_indices=True)
    assert out.item() == 5 and indices.item() == 69_999
    out, indices = F.adaptive_max_pool1d(x[0], 1, return_indices=True)
    assert out.item() == 5 and indices.item() == 69_999
    grad = F.adaptive_max_pool1d_backward(np.ones((1, 1)), x[0], 1)
    assert grad[0, 69_999] == 1 and grad.sum() == 1


@pytest.mark.parametrize("kernel", [(1, 256), (256, 1), (1, 65_536), (1, 1, 256)])
def test_a_one_row_window_of_256_or_65536_cells_gives_the_right_index(kernel):
    """Regression (GUI fuzz, seed 3): a 1 x 256 window numbers its cells in uint8 but the
    indices multiplied the codes by 256, an OverflowError in the mixed pool's backward."""
    spatial = tuple(size + 1 for size in kernel)
    x = np.zeros((1, *spatial), dtype=np.float32)
    last = tuple(size - 1 for size in kernel)
    x[(0, *last)] = 1
    pool = F.max_pool3d if len(kernel) == 3 else F.max_pool2d
    out, indices = pool(x, kernel, stride=1, return_indices=True)
    assert out[(0, 0, 0, 0)[: out.ndim]] == 1
    assert indices[(0, 0, 0, 0)[: out.ndim]] == np.ravel_multi_index(last, spatial)


def test_offset_codes_are_wide_enough_for_any_window():
    assert code_dtype(256) == np.uint8 and code_dtype(257) == np.uint16
    assert code_dtype(65_536) == np.uint16 and code_dtype(65_537) == np.uint32
    assert code_dtype(2**32 + 1) == np.int64


def test_big_window_with_ties_matches_torch():
    torch = pytest.importorskip("torch")
    x = np.random.default_rng(6).integers(0, 3, (1, 2, 300, 290)).astype(np.float32)
    for kernel, stride in [((260, 270), 7), ((1, 290), 1)]:
        out, indices = F.max_pool2d(x, kernel, stride, return_indices=True)
        expected, expected_indices = torch.nn.functional.max_pool2d(
            torch.from_numpy(x), kernel, stride, return_indices=True
        )
        np.testing.assert_array_equal(out, expected.numpy())
        np.testing.assert_array_equal(indices, expected_indices.numpy())


@pytest.mark.parametrize("dtype", [np.int64, np.uint64])
def test_integers_above_two_to_the_53_pool_exactly(dtype):
    big = 2**53 + 1
    x = np.array([[[big, 2**53, 3, big + 2]]], dtype=dtype)
    assert F.max_pool2d(x, (1, 2)).tolist() == [[[big, big + 2]]]
    assert F.max_pool1d(x[0], 3, 1).tolist() == [[big, big + 2]]
    assert F.adaptive_max_pool1d(x[0], 1).item() == big + 2
    out, indices = F.max_pool2d(x, (1, 3), 1, (0, 1), return_indices=True)
    assert out.dtype == dtype and out.tolist() == [[[big, big, big + 2, big + 2]]]
    assert indices.tolist() == [[[0, 0, 3, 3]]]


def test_integer_minimum_beats_only_padding_and_reports_the_first_real_cell():
    low = np.iinfo(np.int64).min
    x = np.array([[[low, low], [low, 7]]], dtype=np.int64)
    out, indices = F.max_pool2d(x, 3, 1, 1, return_indices=True)
    assert out.tolist() == [[[7, 7], [7, 7]]]
    out, indices = F.max_pool2d(np.full((1, 2, 2), low), 2, 1, 1, return_indices=True)
    _, float_indices = F.max_pool2d(np.full((1, 2, 2), -np.inf), 2, 1, 1, return_indices=True)
    assert (out == low).all() and indices.tolist() == [[[0, 0, 1], [0, 0, 1], [2, 2, 3]]]
    np.testing.assert_array_equal(indices, float_indices)
