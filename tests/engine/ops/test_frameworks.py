"""Framework pooling without the frameworks: hand-worked cases (each taken from what the
framework itself printed), a plain-loop reference of every rule, adjointness of the backwards,
and the refusals. ``test_frameworks_parity.py`` checks the same against the frameworks."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from engine import functional as F
from engine.errors import PoolingError
from engine.ops import frameworks as fw
from engine.ops.memory import set_memory_budget

NAN, INF = np.nan, np.inf
FLOAT32_LOWEST = np.finfo(np.float32).min


# ---------------------------------------------------------------- plain-loop reference


def output_length(length, kernel, stride, pads, dilation, ceil_mode):
    exact = (length + pads[0] + pads[1] - dilation * (kernel - 1) - 1) / stride
    count = (math.ceil(exact) if ceil_mode else math.floor(exact)) + 1
    if ceil_mode and (count - 1) * stride >= length + pads[0]:
        count -= 1
    return count


def window_cells(geometry, out_row, out_col):
    """Cells of one window in row-major order: (row, col, real), padding included."""
    cells = []
    for i in range(geometry.kernel[0]):
        row = out_row * geometry.stride[0] - geometry.pads[0][0] + i * geometry.dilation[0]
        for j in range(geometry.kernel[1]):
            col = out_col * geometry.stride[1] - geometry.pads[1][0] + j * geometry.dilation[1]
            real = 0 <= row < geometry.input_size[0] and 0 <= col < geometry.input_size[1]
            cells.append((row, col, real))
    return cells


def reference_max(plane, geometry, rule):
    """Values and plane indices of one (H, W) plane, each rule written from its definition."""
    width = geometry.input_size[1]
    values = np.empty(geometry.output_size)
    indices = np.empty(geometry.output_size, dtype=np.int64)
    for (out_row, out_col), _ in np.ndenumerate(values):
        cells = window_cells(geometry, out_row, out_col)
        real = [(plane[r, c], r * width + c) for r, c, is_real in cells if is_real]
        if rule == "torch":  # from -inf; a greater value or a NaN takes it; first real cell
            best, index = -INF, real[0][1] if real else -1
            for value, position in real:
                if value > best or math.isnan(value):
                    best, index = value, position
        elif rule == "jax":  # fold over every cell, padding as -inf: move unless sel >= cand
            padded = [(plane[r, c], r * width + c) if ok else (-INF, -1) for r, c, ok in cells]
            (selected, index), best = padded[0], -INF
            for value, position in padded[1:]:
                if not selected >= value:
                    selected, index = value, position
            for value, _ in real:  # lax.max: NaN propagates
                best = NAN if math.isnan(value) or math.isnan(best) else max(best, value)
        else:  # tensorflow / onnx arg-max: first real cell, then only a strictly greater one
            selected, index = real[0] if real else (-INF, -1)
            for value, position in real[1:]:
                if value > selected:
                    selected, index = value, position
            best = selected if real else FLOAT32_LOWEST
            if rule == "tensorflow":  # Eigen's value: from the lowest, NaN skipped
                best = FLOAT32_LOWEST
                for value, _ in real:
                    if value > best:
                        best = value
        values[out_row, out_col], indices[out_row, out_col] = best, index
    return values, indices


def reference_average(plane, geometry, count_include_pad):
    height, width = geometry.input_size
    (low_h, high_h), (low_w, high_w) = geometry.pads
    out = np.empty(geometry.output_size)
    for (out_row, out_col), _ in np.ndenumerate(out):
        total, real, padded = 0.0, 0, 0
        for row, col, is_real in window_cells(geometry, out_row, out_col):
            if is_real:
                total, real = total + plane[row, col], real + 1
            padded += -low_h <= row < height + high_h and -low_w <= col < width + high_w
        divisor = padded if count_include_pad else real
        out[out_row, out_col] = total / divisor if divisor else NAN  # 0 / 0, as Flax
    return out


@st.composite
def geometries(draw):
    kernel = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    stride = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    dilation = (draw(st.integers(1, 2)), draw(st.integers(1, 2)))
    pads = tuple((draw(st.integers(0, 4)), draw(st.integers(0, 4))) for _ in range(2))
    size = (draw(st.integers(1, 6)), draw(st.integers(1, 6)))
    ceil_mode = draw(st.booleans())
    for length, k, s, pair, d in zip(size, kernel, stride, pads, dilation):
        assume(sum(pair) + length >= d * (k - 1) + 1)
        assume(output_length(length, k, s, pair, d, ceil_mode) >= 1)
    return fw.padded_geometry(size, kernel, stride, pads, dilation, ceil_mode)


def special_plane(seed, shape):
    rng = np.random.default_rng(seed)
    plane = rng.integers(-2, 3, size=shape).astype(np.float32)
    plane[rng.random(shape) < 0.2] = NAN
    plane[rng.random(shape) < 0.2] = -INF
    return plane


@given(geometries(), st.integers(0, 10**6), st.sampled_from(fw.MAX_RULES))
def test_every_max_rule_matches_its_plain_loop_definition(geometry, seed, rule):
    plane = special_plane(seed, geometry.input_size)
    values, indices = fw.padded_max_pool(plane[None], geometry, return_indices=True, rule=rule)
    expected_values, expected_indices = reference_max(plane.astype(np.float64), geometry, rule)
    np.testing.assert_array_equal(values[0], expected_values.astype(np.float32))
    np.testing.assert_array_equal(indices[0], expected_indices)


@given(geometries(), st.integers(0, 10**6), st.booleans())
def test_average_matches_its_plain_loop_definition(geometry, seed, count_include_pad):
    plane = np.random.default_rng(seed).integers(-3, 4, geometry.input_size).astype(np.float64)
    np.testing.assert_allclose(
        fw.padded_avg_pool(plane[None], geometry, count_include_pad)[0],
        reference_average(plane, geometry, count_include_pad),
    )


@given(geometries(), st.integers(0, 10**6), st.sampled_from(fw.TIE_RULES[:1] + fw.TIE_RULES[2:]))
def test_max_backward_is_the_adjoint_of_routing_to_the_arg_max(geometry, seed, tie):
    rng = np.random.default_rng(seed)
    x = rng.random((2, 1, *geometry.input_size))  # distinct finite values: no ties
    rule = {"first": "torch", "tensorflow": "tensorflow", "jax": "jax"}[tie]
    values = fw.padded_max_pool(x, geometry, rule=rule)
    grad = rng.random(values.shape)
    routed = fw.padded_max_pool_backward(grad, x, geometry, tie=tie)
    has_cell = np.broadcast_to(geometry.window_divisor(False) > 0, values.shape)
    assert np.isclose((values[has_cell] * grad[has_cell]).sum(), (x * routed).sum())


@given(geometries(), st.integers(0, 10**6), st.booleans())
def test_average_backward_is_the_adjoint_of_the_forward(geometry, seed, count_include_pad):
    rng = np.random.default_rng(seed)
    x = rng.random((1, 2, *geometry.input_size))
    out = fw.padded_avg_pool(x, geometry, count_include_pad)
    grad = rng.random(out.shape)
    back = fw.padded_avg_pool_backward(grad, x, geometry, count_include_pad)
    counted = np.isfinite(out)  # windows with nothing to count (NaN) route nothing
    assert np.isclose((out[counted] * grad[counted]).sum(), (x * back).sum())


# ---------------------------------------------------------------- hand-worked geometries


def test_keras_same_puts_the_odd_padding_cell_bottom_right():
    geometry = fw.keras_geometry((5, 4), 2, 2, "same")
    assert geometry.pads == ((0, 1), (0, 0)) and geometry.output_size == (3, 2)
    geometry = fw.keras_geometry((4, 4), 3, 1, "SAME")
    assert geometry.pads == ((1, 1), (1, 1)) and geometry.output_size == (4, 4)


def test_keras_same_needs_no_padding_when_the_stride_exceeds_the_window():
    geometry = fw.keras_geometry((9,), 1, 5, "same")
    assert geometry.pads == ((0, 0),) and geometry.output_size == (2,)


def test_jax_strides_default_to_one_and_same_lower_pads_low():
    assert fw.jax_geometry((6, 6), (2, 2)).output_size == (5, 5)
    assert fw.jax_geometry((5,), 2, 2, "SAME_LOWER").pads == ((1, 0),)
    assert fw.jax_geometry((5,), 2, 2, "same").pads == ((0, 1),)
    assert fw.jax_geometry((5, 5), 2, 1, ((3, 0), (0, 2))).output_size == (7, 6)


def test_onnx_same_upper_and_lower_split_the_odd_cell_differently():
    upper = fw.onnx_geometry((6,), [4], [1], auto_pad="SAME_UPPER")
    lower = fw.onnx_geometry((6,), [4], [1], auto_pad="SAME_LOWER")
    assert upper.pads == ((1, 2),) and lower.pads == ((2, 1),)
    assert upper.output_size == lower.output_size == (6,)


def test_onnx_ceil_mode_drops_a_window_that_would_start_in_the_end_padding():
    # onnxruntime: L = 6, pads [0, 1], kernel 2, stride 2, ceil -> [2, 4, 6] (three windows)
    x = np.arange(1, 7, dtype=np.float32).reshape(1, 1, 1, 6)
    np.testing.assert_array_equal(
        fw.onnx_max_pool2d(x, (1, 2), (1, 2), [0, 0, 0, 1], ceil_mode=True).ravel(), [2, 4, 6]
    )
    # a window starting inside the input but past the end padding is cut there: 6 / 1
    out = fw.onnx_average_pool2d(
        x, (1, 3), (1, 3), [0, 1, 0, 0], ceil_mode=True, count_include_pad=True
    )
    np.testing.assert_allclose(out.ravel(), [1, 4, 6])


def test_onnx_valid_ceil_mode_rounds_as_onnxruntime_not_as_the_spec_formula():
    # onnxruntime gives [2, 4, 6, 7]; the spec's VALID formula (and onnx.reference) [2, 4, 6]
    x = np.arange(1, 8, dtype=np.float32).reshape(1, 1, 1, 7)
    out = fw.onnx_max_pool2d(x, (1, 2), (1, 2), auto_pad="VALID", ceil_mode=True)
    np.testing.assert_array_equal(out.ravel(), [2, 4, 6, 7])


def test_onnx_dilated_average_counts_taps_inside_the_padded_input():
    x = np.arange(1, 8, dtype=np.float32).reshape(1, 1, 1, 7)
    include = fw.onnx_average_pool2d(
        x, (1, 3), (1, 2), [0, 1, 0, 1], dilations=(1, 2), count_include_pad=True
    )
    exclude = fw.onnx_average_pool2d(x, (1, 3), (1, 2), [0, 1, 0, 1], dilations=(1, 2))
    np.testing.assert_allclose(include.ravel(), [2, 4, 10 / 3])
    np.testing.assert_allclose(exclude.ravel(), [3, 4, 5])


def test_onnx_window_that_skips_over_the_whole_input():
    # dilation 3 over a row of 2 with one pad each side: taps -1 and 2, both padding
    x = np.array([[[[5.0, 7.0]]]], dtype=np.float32)
    values, indices = fw.onnx_max_pool2d(
        x, (1, 2), None, [0, 1, 0, 1], dilations=(1, 3), return_indices=True
    )
    assert values.item() == FLOAT32_LOWEST  # as onnxruntime
    assert indices.item() == -1  # onnxruntime gives -3 (h = w = -1 folded into the index)
    average = fw.onnx_average_pool2d(x, (1, 2), None, [0, 1, 0, 1], dilations=(1, 3))
    assert average.item() == 0  # onnxruntime leaves the sum of nothing undivided


def test_flax_avg_pool_divides_the_border_by_the_whole_window_by_default():
    x = np.arange(1, 13, dtype=np.float32).reshape(1, 3, 4)
    np.testing.assert_allclose(
        fw.jax_avg_pool2d(x, (2, 2), (1, 1), "SAME"),
        [[[3.5, 4.5, 5.5, 3], [7.5, 8.5, 9.5, 5], [4.75, 5.25, 5.75, 3]]],
    )
    np.testing.assert_allclose(
        fw.jax_avg_pool2d(x, (2, 2), (1, 1), "SAME", count_include_pad=False)[0, 2],
        [9.5, 10.5, 11.5, 12],
    )
    np.testing.assert_array_equal(
        fw.jax_max_pool2d(x, (2, 2), (2, 2), ((1, 0), (0, 1))), [[[2, 4], [10, 12]]]
    )


def test_torch_geometry_is_the_engine_geometry_with_equal_pads():
    geometry = fw.framework_geometry("torch", (7, 9), 3, 2, 1, 2, True)
    assert geometry.pads == ((1, 1), (1, 1))
    assert geometry.output_size == (3, 4)


def test_one_dimensional_inputs_pool_along_their_length():
    geometry = fw.framework_geometry("keras", (5,), 2, 2, "same")
    x = np.array([[1, 5, 2, 2, 3]], dtype=np.float32)
    values, indices = fw.padded_max_pool(x, geometry, return_indices=True, rule="tensorflow")
    np.testing.assert_array_equal(values, [[5, 2, 3]])
    np.testing.assert_array_equal(indices, [[1, 2, 4]])
    np.testing.assert_allclose(fw.padded_avg_pool(x, geometry, False), [[3, 2, 3]])


# ---------------------------------------------------------------- NaN, -inf and ties


def test_tensorflow_skips_nan_but_routes_the_gradient_to_a_leading_nan():
    # tf.nn.max_pool2d gave 7 and MaxPoolGrad put the gradient on the NaN cell (CPU, 2.21)
    x = np.array([[[NAN, 4, 1], [3, 7, 5]]], dtype=np.float32)
    assert fw.keras_max_pool2d(x, (2, 3)).item() == 7
    np.testing.assert_array_equal(
        fw.keras_max_pool2d_backward(np.ones((1, 1, 1)), x, (2, 3)), [[[1, 0, 0], [0, 0, 0]]]
    )
    x = np.array([[[1, 4, NAN], [NAN, 7, 5]]], dtype=np.float32)
    np.testing.assert_array_equal(
        fw.keras_max_pool2d_backward(np.ones((1, 1, 1)), x, (2, 3)), [[[0, 0, 0], [0, 1, 0]]]
    )


def test_tensorflow_max_of_minus_infinity_is_the_lowest_float():
    x = np.full((1, 2, 2), -INF, dtype=np.float32)
    assert fw.keras_max_pool2d(x, 2).item() == FLOAT32_LOWEST
    assert fw.keras_max_pool2d(x, 2, backend="jax").item() == -INF
    np.testing.assert_array_equal(
        fw.keras_max_pool2d_backward(np.ones((1, 1, 1)), x, 2), [[[1, 0], [0, 0]]]
    )


def test_jax_sends_nothing_from_minus_infinity_behind_padding():
    # jax.vjp of reduce_window max, SAME-like padding ((1, 1), (1, 1)), window 2, stride 1
    x = np.array([[[-INF, -INF, 1], [-INF, 2, 2]]], dtype=np.float32)
    padding = ((1, 1), (1, 1))
    grad = fw.jax_max_pool2d_backward(np.ones((1, 3, 4)), x, 2, 1, padding)
    np.testing.assert_array_equal(grad, [[[0, 0, 2], [0, 4, 2]]])
    _, indices = fw.padded_max_pool(
        x, fw.jax_geometry((2, 3), 2, 1, padding), return_indices=True, rule="jax"
    )
    assert indices[0, 0, 0] == -1


def test_jax_gradient_leaves_a_nan_for_the_next_cell():
    x = np.array([[[1, NAN, 3], [NAN, 2, 5]]], dtype=np.float32)
    assert np.isnan(fw.jax_max_pool2d(x, 2, 1)).all()
    np.testing.assert_array_equal(
        fw.jax_max_pool2d_backward(np.ones((1, 1, 2)), x, 2, 1), [[[0, 0, 0], [0, 1, 1]]]
    )


def test_onnx_indices_count_across_batch_and_channels():
    # onnxruntime, 3 channels of 2 x 3, window 2, stride 1
    x = np.array(
        [[[1, NAN, 3], [NAN, 2, 5]], [[NAN, 4, 1], [3, 7, 5]], [[-INF] * 3, [-INF] * 3]],
        dtype=np.float32,
    )[None]
    values, indices = fw.onnx_max_pool2d(x, 2, return_indices=True)
    np.testing.assert_array_equal(values[0, :, 0], [[2, NAN], [NAN, 7], [-INF, -INF]])
    np.testing.assert_array_equal(indices[0, :, 0], [[4, 1], [6, 10], [12, 13]])
    batch = np.concatenate([x, x])
    _, indices = fw.onnx_max_pool2d(batch, 2, return_indices=True)
    np.testing.assert_array_equal(indices[1] - indices[0], 18)


def test_tie_all_gives_every_tied_maximum_the_whole_gradient():
    x = np.array([[[1, 5], [5, 5]]], dtype=np.float64)
    geometry = fw.framework_geometry("torch", (2, 2), 2)
    np.testing.assert_array_equal(
        fw.padded_max_pool_backward(np.full((1, 1, 1), 3.0), x, geometry, tie="all"),
        [[[0, 3], [3, 3]]],
    )
    np.testing.assert_array_equal(
        fw.padded_max_pool_backward(np.full((1, 1, 1), 3.0), x, geometry), [[[0, 3], [0, 0]]]
    )


@given(st.integers(0, 10**6))
def test_tie_all_agrees_with_the_engine_max_pool_backward(seed):
    rng = np.random.default_rng(seed)
    kernel, stride, dilation = (int(n) for n in rng.integers(1, 4, size=3))
    padding, ceil_mode = int(rng.integers(0, kernel // 2 + 1)), bool(rng.integers(2))
    x = rng.integers(-2, 3, size=(2, 1, 9, 8)).astype(np.float32)
    geometry = fw.torch_geometry((9, 8), kernel, stride, padding, dilation, ceil_mode)
    grad = rng.random((2, 1, *geometry.output_size)).astype(np.float32)
    expected = F.max_pool2d_backward(
        grad, x, kernel, stride, padding, dilation, ceil_mode, tie="all"
    )
    np.testing.assert_allclose(
        fw.padded_max_pool_backward(grad, x, geometry, tie="all"), expected, rtol=1e-6
    )


def test_framework_tables_name_valid_rules():
    assert set(fw.FRAMEWORK_MAX_RULES.values()) <= set(fw.MAX_RULES)
    assert {rule for rule in fw.FRAMEWORK_TIE_RULES.values() if rule} <= set(fw.TIE_RULES)
    assert fw.FRAMEWORK_TIE_RULES["onnx"] is None


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (
            lambda: fw.framework_geometry("keras", (8, 8), 2, ceil_mode=True),
            "keras has no ceil_mode",
        ),
        (
            lambda: fw.framework_geometry("keras", (8, 8), 2, dilation=2),
            "keras pooling has no dilation",
        ),
        (
            lambda: fw.framework_geometry("jax", (8, 8), 2, dilation=(1, 2)),
            "jax pooling has no dilation",
        ),
        (lambda: fw.framework_geometry("jax", (8, 8), 2, ceil_mode=True), "jax has no ceil_mode"),
        (lambda: fw.framework_geometry("caffe", (8, 8), 2), "framework must be one of"),
        (
            lambda: fw.keras_geometry((8, 8), 2, padding="full"),
            "keras padding must be 'valid' or 'same'",
        ),
        (lambda: fw.keras_geometry((2, 8), 3), "longer than the padded input"),
        (lambda: fw.jax_geometry((8, 8), 2, padding=((1, 1),)), "jax padding must be"),
        (lambda: fw.jax_geometry((8, 8), 2, padding=((1, -1), (0, 0))), "jax padding must be"),
        (lambda: fw.jax_geometry((8, 8), 2, padding="CIRCULAR"), "jax padding must be"),
        (
            lambda: fw.onnx_geometry((8, 8), 2, pads=[2, 0, 0, 0]),
            "pads must be smaller than kernel_shape",
        ),
        (lambda: fw.onnx_geometry((8, 8), 2, pads=[0, 0, 0]), "pads must be 4 non-negative ints"),
        (
            lambda: fw.onnx_geometry((8, 8), 2, pads=[1, 0, 0, 0], auto_pad="VALID"),
            "cannot be used with auto_pad",
        ),
        (
            lambda: fw.onnx_geometry((8, 8), 3, auto_pad="SAME_UPPER", dilations=2),
            "the ONNX spec pads for the dilated window",
        ),
        (lambda: fw.onnx_geometry((9,), 1, 5, auto_pad="SAME_LOWER"), "needs negative padding"),
        (lambda: fw.onnx_geometry((8, 8), 2, auto_pad="same"), "auto_pad must be one of"),
        (lambda: fw.torch_geometry((8, 8), 2, padding=2), "at most half of kernel size"),
        (lambda: fw.padded_geometry((8, 8), 2, pads=((1, 2), (3,))), "pads must be an int"),
        (lambda: fw.padded_geometry((8, 8), 0), "kernel size must be at least 1"),
        (lambda: fw.padded_geometry((0, 8), 2), "input_size must be"),
    ],
)
def test_refusals_name_the_framework_and_the_parameter(call, words):
    with pytest.raises(PoolingError, match=words):
        call()


def test_pools_refuse_an_input_that_does_not_fit_the_geometry():
    geometry = fw.padded_geometry((4, 4), 2)
    with pytest.raises(PoolingError, match=r"does not match the geometry's input size \(4, 4\)"):
        fw.padded_max_pool(np.zeros((1, 5, 4)), geometry)
    with pytest.raises(PoolingError, match="rule must be one of torch, tensorflow, jax, onnx"):
        fw.padded_max_pool(np.zeros((1, 4, 4)), geometry, rule="caffe")
    with pytest.raises(PoolingError, match="tie must be one of first, all"):
        fw.padded_max_pool_backward(np.zeros((1, 2, 2)), np.zeros((1, 4, 4)), geometry, "last")
    with pytest.raises(PoolingError, match="grad_output must have the output's shape"):
        fw.padded_avg_pool_backward(np.zeros((1, 3, 3)), np.zeros((1, 4, 4)), geometry, True)
    with pytest.raises(PoolingError, match="backend must be one of tensorflow, jax"):
        fw.keras_max_pool2d(np.zeros((1, 4, 4)), 2, backend="torch")


def test_a_huge_padding_is_refused_before_anything_is_allocated():
    geometry = fw.jax_geometry((4, 4), 2, 1, ((0, 10**6), (0, 10**6)))
    set_memory_budget(10**9)
    try:
        with pytest.raises(PoolingError, match="memory budget"):
            fw.padded_max_pool(np.zeros((1, 4, 4)), geometry)
    finally:
        set_memory_budget(None)
