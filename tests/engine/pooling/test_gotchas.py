"""engine.pooling.gotchas: every preset is well formed, its stored answer is what the real
framework computes (PyTorch, ONNX Runtime, Keras on JAX), and PoolScope shows the same."""

import dataclasses
import re

import numpy as np
import pytest

from engine.errors import PoolingError
from engine.functional import max_unpool2d
from engine.pooling.gotchas import GOTCHAS, gotcha
from engine.pooling.kinds import KINDS
from engine.pooling.parameters import PARAMETERS, PoolParams
from engine.pooling.pipeline import run_backward, run_pool

FIELDS = {field.name for field in dataclasses.fields(PoolParams)}
DEFAULTS = {name: getattr(PoolParams(), name) for name in FIELDS}
ISSUE = re.compile(r"https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/issues/[0-9]+")
PADDING_ONLY = "dilated_padding_window"  # torch's index falls outside the input there
RTOL = 1e-6  # PoolScope computes in float32; the stored answers are exact fractions


def setting(item, name):
    return item.params.get(name, DEFAULTS[name])


def matrix(item) -> np.ndarray:
    return np.array(item.matrix, dtype=np.float64)


def key(item) -> str:
    return item.key


TORCH = [
    item
    for item in GOTCHAS
    if setting(item, "framework") == "torch" and setting(item, "tie") == "first"
]
ONNX = [item for item in GOTCHAS if setting(item, "framework") == "onnx"]
KERAS = [item for item in GOTCHAS if setting(item, "framework") == "keras"]
TIE_ALL = [item for item in GOTCHAS if setting(item, "tie") == "all"]


# -- well formed ------------------------------------------------------------------------------


def test_at_least_ten_gotchas_with_unique_keys():
    keys = [item.key for item in GOTCHAS]
    assert len(keys) >= 10
    assert len(set(keys)) == len(keys)
    assert all(gotcha(name).key == name for name in keys)
    with pytest.raises(KeyError, match="ceil_last_window"):
        gotcha("no such gotcha")


def test_every_gotcha_has_an_oracle():
    assert set(map(key, GOTCHAS)) == set(map(key, TORCH + ONNX + KERAS + TIE_ALL))


@pytest.mark.parametrize("item", GOTCHAS, ids=key)
def test_gotcha_is_well_formed(item):
    assert item.title and item.answer
    assert item.links and all(ISSUE.fullmatch(link) for link in item.links)
    lines = item.explanation.split("\n")
    assert len(lines) == 2 and all(line.strip() for line in lines)
    widths = {len(row) for row in item.matrix}
    assert item.matrix and len(widths) == 1 and widths != {0}
    assert item.kind in KINDS
    assert set(item.params) <= FIELDS - {"pool_type"}, "the kind is given by `kind`"
    # A setting the kind does not use would be silently reset to its default.
    declared = {name for name in item.params if name in PARAMETERS}
    assert declared <= set(KINDS[item.kind].parameters)
    refused = item.expected is None
    assert refused == bool(item.expected_error)
    if refused:
        assert item.gradient is None and item.selected_cell is None
        return
    assert len({len(row) for row in item.expected}) == 1
    if item.gradient is not None:
        assert np.shape(item.gradient) == np.shape(item.matrix)
    if item.selected_cell is not None:
        row, col = item.selected_cell
        assert 0 <= row < len(item.expected) and 0 <= col < len(item.expected[0])


# -- the real frameworks ----------------------------------------------------------------------

TORCH_CALLS = {
    "max": lambda nn, x, item: nn.max_pool2d(
        x,
        setting(item, "kernel_size"),
        setting(item, "stride"),
        setting(item, "padding"),
        setting(item, "dilation"),
        setting(item, "ceil_mode"),
        return_indices=True,
    ),
    "avg": lambda nn, x, item: (
        nn.avg_pool2d(
            x,
            setting(item, "kernel_size"),
            setting(item, "stride"),
            setting(item, "padding"),
            setting(item, "ceil_mode"),
            setting(item, "count_include_pad"),
            setting(item, "divisor_override"),
        ),
        None,
    ),
    "adaptive_avg": lambda nn, x, item: (
        nn.adaptive_avg_pool2d(x, setting(item, "output_size")),
        None,
    ),
    "adaptive_max": lambda nn, x, item: nn.adaptive_max_pool2d(
        x, setting(item, "output_size"), return_indices=True
    ),
}


def torch_pool(item, values=None):
    """(output, indices or None, input tensor) of torch pooling ``values`` (the gotcha's
    matrix by default) as ``item`` says, in float64 with gradients on."""
    torch = pytest.importorskip("torch")
    data = matrix(item) if values is None else np.asarray(values, dtype=np.float64)
    x = torch.tensor(data)[None, None].requires_grad_()
    output, indices = TORCH_CALLS[item.kind](torch.nn.functional, x, item)
    return output, indices, x


@pytest.mark.parametrize("item", TORCH, ids=key)
def test_torch_computes_the_stored_answer(item):
    if item.expected is None:
        with pytest.raises(RuntimeError, match="half of"):
            torch_pool(item)
        return
    output, indices, x = torch_pool(item)
    np.testing.assert_allclose(output.detach().numpy()[0, 0], item.expected, rtol=1e-12)
    if indices is not None and not ((indices >= 0) & (indices < x.numel())).all():
        # torch's backward would write through that index, outside the input (heap corruption
        # in 2.13): never run it. test_torch_indexes_outside_a_window_of_padding shows it.
        assert item.key == PADDING_ONLY
        return
    if item.gradient is not None:
        output.sum().backward()  # an all-ones output gradient
        np.testing.assert_array_equal(x.grad.numpy()[0, 0], item.gradient)


def test_torch_indexes_outside_a_window_of_padding():
    item = gotcha(PADDING_ONLY)
    output, indices, x = torch_pool(item)
    assert output.item() == -np.inf == item.expected[0][0]
    # The window's taps are rows and columns -1 and 2 of a 2 x 2 input: torch reports the
    # flat index 2 * 2 + 2 = 6 of a 4-cell input.
    assert indices.item() == 6 and x.numel() == 4
    result = run_pool(matrix(item).astype(np.float32)[None], item.pool_params())
    assert result.indices.tolist() == [[[-1]]]


def test_torch_keeps_the_dropped_window_out_of_its_formula():
    # The ceil formula of the docs gives 4 windows per axis; torch keeps 3.
    item = gotcha("ceil_last_window")
    size, kernel, stride, pad = 5, 2, 2, 1
    formula = -(-(size + 2 * pad - kernel) // stride) + 1
    output, _, _ = torch_pool(item)
    assert formula == 4 and tuple(output.shape[-2:]) == (3, 3)
    # the 4th window would start at padded position 3 * stride = 6, input column 5: padding
    assert (formula - 1) * stride - pad == size


def test_torch_padding_check_still_ignores_dilation():
    torch = pytest.importorskip("torch")
    item = gotcha("padding_ignores_dilation")
    x = torch.tensor(matrix(item))[None, None]
    # Conv2d with the same numbers is accepted and keeps the size
    weight = torch.ones(1, 1, 3, 3, dtype=torch.float64)
    convolved = torch.nn.functional.conv2d(x, weight, padding=2, dilation=2)
    assert tuple(convolved.shape[-2:]) == (5, 5)
    with pytest.raises(RuntimeError, match="half of kernel size"):
        torch.nn.functional.max_pool2d(x, 3, 1, 2, 2)


def test_torch_tie_goes_to_the_first_and_a_shared_rule_splits_it():
    torch = pytest.importorskip("torch")
    item = gotcha("tie_first_max")
    x = torch.tensor(matrix(item), requires_grad=True)
    torch.amax(x).backward()
    np.testing.assert_allclose(x.grad.numpy(), [[0.5, 0.5, 0.0]])


def test_unpooling_needs_the_output_size():
    torch = pytest.importorskip("torch")
    item = gotcha("unpool_output_size")
    output, indices, x = torch_pool(item)
    corner, _, _ = torch_pool(item, matrix(item)[:4, :4])
    np.testing.assert_array_equal(corner.detach().numpy(), output.detach().numpy())
    unpool = torch.nn.functional.max_unpool2d
    with pytest.raises(RuntimeError, match="invalid max index: 18"):
        unpool(output, indices, 2)
    rebuilt = unpool(output, indices, 2, output_size=(5, 5))
    assert tuple(rebuilt.shape[-2:]) == (5, 5)
    # PoolScope's engine refuses and rebuilds the same way
    values, places = output.detach().numpy()[0], indices.numpy()[0]
    with pytest.raises(PoolingError, match="invalid max index 18"):
        max_unpool2d(values, places, 2)
    np.testing.assert_array_equal(
        max_unpool2d(values, places, 2, output_size=(5, 5)), rebuilt.detach().numpy()[0]
    )


def test_adaptive_windows_are_the_stated_ones():
    # A one-hot column j shows up in output column c exactly when c's window holds j.
    item = gotcha("adaptive_overlap")
    holders = []
    for column in range(5):
        one_hot = np.zeros((5, 5))
        one_hot[:, column] = 1.0
        output, _, _ = torch_pool(item, one_hot)
        holders.append(np.flatnonzero(output.detach().numpy()[0, 0, 0]).tolist())
    windows = [[j for j in range(5) if c in holders[j]] for c in range(3)]
    assert windows == [[0, 1], [1, 2, 3], [3, 4]]


@pytest.mark.parametrize(
    ("name", "call", "cell", "value"),
    [
        # zero padding then 'valid' (PyTorch padding=1) gives 1 / 9 where 'same' gives 1 / 4
        ("keras_same_divisor", lambda nn, x: nn.avg_pool2d(x, 3, 1, 1), (3, 0), 1 / 9),
        # symmetric padding puts a padding row on top: the last window is 5, 6, 8, 9
        ("keras_same_extra_pad", lambda nn, x: nn.avg_pool2d(x, 2, 2, 1), (1, 1), 7.0),
        # PyTorch's default count_include_pad=True divides the corner by 9
        ("onnx_count_include_pad", lambda nn, x: nn.avg_pool2d(x, 3, 1, 1), (0, 0), 12 / 9),
        # dividing the overhanging window by the whole kernel, as ORT and Core ML did
        (
            "avg_ceil_divisor",
            lambda nn, x: nn.avg_pool2d(x, 3, 2, 1, True, divisor_override=9),
            (0, 2),
            12 / 9,
        ),
        (
            "avg_ceil_no_padding",
            lambda nn, x: nn.avg_pool2d(x, 2, 2, 0, True, divisor_override=4),
            (1, 1),
            2.0,
        ),
        # AvgPool2d(2) without the override
        ("divisor_override_sum", lambda nn, x: nn.avg_pool2d(x, 2, 2), (0, 0), 1.0),
    ],
)
def test_torch_gives_the_other_numbers_of_the_answers(name, call, cell, value):
    torch = pytest.importorskip("torch")
    item = gotcha(name)
    output = call(torch.nn.functional, torch.tensor(matrix(item))[None, None])
    assert output[0, 0][cell].item() == pytest.approx(value)
    assert item.expected[cell[0]][cell[1]] != pytest.approx(value)


def tie_mask_gradient(item) -> np.ndarray:
    """The textbook max-pool backward for an all-ones output gradient: every cell equal to its
    window's maximum gets the full gradient (windows without padding or dilation)."""
    assert setting(item, "padding") == (0, 0) and setting(item, "dilation") == (1, 1)
    image = matrix(item)
    kernel_h, kernel_w = setting(item, "kernel_size")
    stride_h, stride_w = setting(item, "stride")
    gradient = np.zeros_like(image)
    for top in range(0, image.shape[0] - kernel_h + 1, stride_h):
        for left in range(0, image.shape[1] - kernel_w + 1, stride_w):
            window = image[top : top + kernel_h, left : left + kernel_w]
            gradient[top : top + kernel_h, left : left + kernel_w] += window == window.max()
    return gradient


@pytest.mark.parametrize("item", TIE_ALL, ids=key)
def test_the_all_ties_gradient_is_the_mask(item):
    output, _, x = torch_pool(item)
    np.testing.assert_allclose(output.detach().numpy()[0, 0], item.expected, rtol=1e-12)
    np.testing.assert_array_equal(tie_mask_gradient(item), item.gradient)
    output.sum().backward()
    assert not np.array_equal(x.grad.numpy()[0, 0], item.gradient), "torch picks one"


def onnx_pool(operator: str, values: np.ndarray, **attributes) -> np.ndarray:
    """ONNX Runtime's ``operator`` (opset 19) on one (H, W) plane."""
    onnx = pytest.importorskip("onnx")
    runtime = pytest.importorskip("onnxruntime")
    helper, tensor = onnx.helper, onnx.TensorProto
    node = helper.make_node(operator, ["x"], ["y"], **attributes)
    graph = helper.make_graph(
        [node],
        "pool",
        [helper.make_tensor_value_info("x", tensor.FLOAT, [1, 1, *values.shape])],
        [helper.make_tensor_value_info("y", tensor.FLOAT, None)],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 19)])
    session = runtime.InferenceSession(
        model.SerializeToString(), providers=["CPUExecutionProvider"]
    )
    plane = values.astype(np.float32)[None, None]
    return session.run(None, {"x": plane})[0][0, 0]


ONNX_OPERATORS = {"max": "MaxPool", "avg": "AveragePool"}


def onnx_attributes(item) -> dict:
    """``item``'s settings as ONNX attributes; count_include_pad only when set, so that an
    unset one shows ONNX's default."""
    attributes = {
        "kernel_shape": list(setting(item, "kernel_size")),
        "strides": list(setting(item, "stride")),
    }
    if setting(item, "auto_pad") != "NOTSET":
        attributes["auto_pad"] = setting(item, "auto_pad")
    elif any(setting(item, "pads")):
        attributes["pads"] = list(setting(item, "pads"))
    if setting(item, "ceil_mode"):
        attributes["ceil_mode"] = 1
    if ONNX_OPERATORS[item.kind] == "AveragePool" and setting(item, "count_include_pad"):
        attributes["count_include_pad"] = 1
    return attributes


@pytest.mark.parametrize("item", ONNX, ids=key)
def test_onnx_runtime_computes_the_stored_answer(item):
    output = onnx_pool(ONNX_OPERATORS[item.kind], matrix(item), **onnx_attributes(item))
    np.testing.assert_allclose(output, item.expected, rtol=RTOL)


def test_onnx_same_upper_puts_the_padding_last():
    item = gotcha("onnx_same_lower")
    attributes = {**onnx_attributes(item), "auto_pad": "SAME_UPPER"}
    assert onnx_pool("MaxPool", matrix(item), **attributes)[0, 0] == 5.0


def test_onnx_runtime_now_divides_like_torch_in_ceil_mode():
    # onnxruntime#16203, fixed by its PR #16752: the overhanging window counts the padding
    # but not the cells past it.
    item = gotcha("avg_ceil_divisor")
    output = onnx_pool(
        "AveragePool",
        matrix(item),
        kernel_shape=[3, 3],
        strides=[2, 2],
        pads=[1, 1, 1, 1],
        ceil_mode=1,
        count_include_pad=1,
    )
    np.testing.assert_allclose(output, item.expected, rtol=RTOL)


@pytest.fixture
def keras(monkeypatch):
    monkeypatch.setenv("KERAS_BACKEND", "jax")
    keras = pytest.importorskip("keras")
    if keras.backend.backend() != "jax":
        pytest.skip(f"keras was imported with the {keras.backend.backend()} backend")
    return keras


KERAS_LAYERS = {"max": "MaxPooling2D", "avg": "AveragePooling2D"}


@pytest.mark.parametrize("item", KERAS, ids=key)
def test_keras_computes_the_stored_answer(keras, item):
    layer = getattr(keras.layers, KERAS_LAYERS[item.kind])(
        pool_size=setting(item, "kernel_size"),
        strides=setting(item, "stride"),
        padding="same" if setting(item, "same_padding") else "valid",
    )
    output = np.asarray(layer(matrix(item).astype(np.float32)[None, :, :, None]))
    np.testing.assert_allclose(output[0, :, :, 0], item.expected, rtol=RTOL)


# -- PoolScope --------------------------------------------------------------------------------


@pytest.mark.parametrize("item", GOTCHAS, ids=key)
def test_poolscope_shows_the_stored_answer(item):
    image = matrix(item).astype(np.float32)[None]
    params = item.pool_params()
    if item.expected is None:
        with pytest.raises(PoolingError, match=re.escape(item.expected_error)):
            run_pool(image, params)
        return
    result = run_pool(image, params)
    np.testing.assert_allclose(result.output[0], item.expected, rtol=RTOL)
    if item.gradient is not None:
        gradient = run_backward(image, result, np.ones_like(result.output))
        np.testing.assert_array_equal(gradient[0], item.gradient)
