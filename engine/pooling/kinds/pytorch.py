"""PyTorch's own pooling layers: max, average, Lp, adaptive max and adaptive average."""

from __future__ import annotations

from engine import functional as F
from engine.ops.same_padding import (
    avg_pool2d_same,
    avg_pool2d_same_backward,
    max_pool2d_same,
    max_pool2d_same_backward,
    same_padding,
)
from engine.pooling.kinds.base import NO_KERAS, PoolKind, Reduction, always, pair
from engine.pooling.layouts import ADAPTIVE, SAME_PADDED, WINDOWED, WindowedLayout
from engine.pooling.parameters import PoolParams
from engine.pooling.routing import OVER_WINDOW, TO_CHOSEN_CELL, OverWindow, nonzero


def windowed_or_same(params: PoolParams):
    return SAME_PADDED if params.same_padding else WINDOWED


def keras_layer(params: PoolParams, layer: str) -> str:
    """The Keras layer for max or average settings, or what Keras cannot express."""
    reasons = []
    if params.dilation != (1, 1):
        reasons.append("dilation")
    if params.ceil_mode:
        reasons.append("ceil mode")
    if params.padding != (0, 0):
        reasons.append("explicit symmetric padding (Keras only has 'valid' and 'same')")
    if params.divisor_override is not None:
        reasons.append("a divisor override")
    if not params.count_include_pad and params.padding != (0, 0):
        reasons.append("count_include_pad=False with padding")
    padding = "same" if params.same_padding else "valid"
    code = (
        f"keras.layers.{layer}(pool_size={tuple(params.kernel_size)}, "
        f"strides={tuple(params.stride)}, padding='{padding}')"
    )
    return f"# Keras cannot express {', '.join(reasons)}; closest: {code}" if reasons else code


def same_padding_note(params: PoolParams, input_shape, fill: str) -> str:
    """PyTorch's way to TensorFlow's 'same' padding for this input: pad first."""
    pads = [
        same_padding(length, kernel, stride)
        for length, kernel, stride in zip(input_shape[-2:], params.kernel_size, params.stride)
    ]
    (top, bottom), (left, right) = pads
    return f"F.pad(x, ({left}, {right}, {top}, {bottom}){fill})"


def max_forward(image, params: PoolParams):
    if params.same_padding:
        return max_pool2d_same(image, params.kernel_size, params.stride, return_indices=True)
    return F.max_pool2d(
        image,
        params.kernel_size,
        params.stride,
        params.padding,
        params.dilation,
        params.ceil_mode,
        return_indices=True,
    )


def max_backward(grad, image, params: PoolParams, indices):
    if params.same_padding:
        return max_pool2d_same_backward(grad, image, params.kernel_size, params.stride)
    return F.max_pool2d_backward(
        grad,
        image,
        params.kernel_size,
        params.stride,
        params.padding,
        params.dilation,
        params.ceil_mode,
        indices=indices,
    )


def max_snippets(params: PoolParams, input_shape) -> dict[str, str]:
    arguments = (
        f"kernel_size={pair(params.kernel_size)}, stride={pair(params.stride)}, "
        f"padding={pair(params.padding)}, dilation={pair(params.dilation)}, "
        f"ceil_mode={params.ceil_mode}"
    )
    if params.same_padding:
        padded = same_padding_note(params, input_shape, ", value=float('-inf')")
        arguments = f"kernel_size={pair(params.kernel_size)}, stride={pair(params.stride)}"
        return {
            "PyTorch": f"# no 'same' padding in PyTorch's pooling: pad first\n"
            f"torch.nn.functional.max_pool2d({padded}, {arguments})",
            "Keras": keras_layer(params, "MaxPooling2D"),
            "PoolScope": f"max_pool2d_same(x, {arguments})  # engine.ops.same_padding",
        }
    return {
        "PyTorch": f"torch.nn.MaxPool2d({arguments})",
        "PyTorch functional": f"F.max_pool2d(x, {arguments})",
        "Keras": keras_layer(params, "MaxPooling2D"),
        "PoolScope": f"F.max_pool2d(x, {arguments})  # from engine import functional as F",
    }


def avg_forward(image, params: PoolParams):
    if params.same_padding:
        return avg_pool2d_same(image, params.kernel_size, params.stride), None
    output = F.avg_pool2d(
        image,
        params.kernel_size,
        params.stride,
        params.padding,
        params.ceil_mode,
        params.count_include_pad,
        params.divisor_override,
    )
    return output, None


def avg_backward(grad, image, params: PoolParams, indices):
    if params.same_padding:
        return avg_pool2d_same_backward(grad, image, params.kernel_size, params.stride)
    return F.avg_pool2d_backward(
        grad,
        image,
        params.kernel_size,
        params.stride,
        params.padding,
        params.ceil_mode,
        params.count_include_pad,
        params.divisor_override,
    )


def avg_divisor(params: PoolParams, input_shape, row: int, col: int) -> float:
    """PyTorch's divisor of that window, or its real cells under TensorFlow 'same' padding."""
    if params.same_padding:
        return float(SAME_PADDED.window_of(params, input_shape, row, col).real_size)
    geometry = WindowedLayout().geometry(params, input_shape)
    return float(
        geometry.window_divisor(params.count_include_pad, params.divisor_override)[row, col]
    )


def avg_snippets(params: PoolParams, input_shape) -> dict[str, str]:
    arguments = (
        f"kernel_size={pair(params.kernel_size)}, stride={pair(params.stride)}, "
        f"padding={pair(params.padding)}, ceil_mode={params.ceil_mode}, "
        f"count_include_pad={params.count_include_pad}, "
        f"divisor_override={params.divisor_override}"
    )
    if params.same_padding:
        arguments = f"kernel_size={pair(params.kernel_size)}, stride={pair(params.stride)}"
        padded = same_padding_note(params, input_shape, "")
        ones = same_padding_note(params, input_shape, "").replace(
            "F.pad(x,", "F.pad(torch.ones_like(x),"
        )
        return {
            "PyTorch": "# no 'same' padding in PyTorch's pooling; TensorFlow averages over the "
            f"real cells only:\nF.avg_pool2d({padded}, {arguments}, divisor_override=1) / "
            f"F.avg_pool2d({ones}, {arguments}, divisor_override=1)",
            "Keras": keras_layer(params, "AveragePooling2D"),
            "PoolScope": f"avg_pool2d_same(x, {arguments})  # engine.ops.same_padding",
        }
    return {
        "PyTorch": f"torch.nn.AvgPool2d({arguments})",
        "PyTorch functional": f"F.avg_pool2d(x, {arguments})",
        "Keras": keras_layer(params, "AveragePooling2D"),
        "PoolScope": f"F.avg_pool2d(x, {arguments})  # from engine import functional as F",
    }


def lp_forward(image, params: PoolParams):
    output = F.lp_pool2d(
        image, params.norm_type, params.kernel_size, params.stride, params.ceil_mode
    )
    return output, None


def lp_backward(grad, image, params: PoolParams, indices):
    return F.lp_pool2d_backward(
        grad, image, params.norm_type, params.kernel_size, params.stride, params.ceil_mode
    )


def lp_routing(params: PoolParams):
    # Each cell's share is proportional to x ** (p - 1): nothing for zeros when p > 1.
    return OverWindow(nonzero) if params.norm_type > 1 else OVER_WINDOW


def lp_snippets(params: PoolParams, input_shape) -> dict[str, str]:
    arguments = (
        f"norm_type={params.norm_type:g}, kernel_size={pair(params.kernel_size)}, "
        f"stride={pair(params.stride)}, ceil_mode={params.ceil_mode}"
    )
    return {
        "PyTorch": f"torch.nn.LPPool2d({arguments})",
        "PyTorch functional": f"F.lp_pool2d(x, {arguments})",
        "Keras": NO_KERAS.format(what="Lp (power-average) pooling"),
        "PoolScope": f"F.lp_pool2d(x, {arguments})  # from engine import functional as F",
    }


def adaptive_max_forward(image, params: PoolParams):
    return F.adaptive_max_pool2d(image, params.output_size, return_indices=True)


def adaptive_max_backward(grad, image, params: PoolParams, indices):
    return F.adaptive_max_pool2d_backward(grad, image, params.output_size, indices)


def adaptive_avg_forward(image, params: PoolParams):
    return F.adaptive_avg_pool2d(image, params.output_size), None


def adaptive_avg_backward(grad, image, params: PoolParams, indices):
    return F.adaptive_avg_pool2d_backward(grad, image, params.output_size)


def window_size(params: PoolParams, input_shape, row: int, col: int) -> float:
    """The divisor of an adaptive or global average: the window's own size."""
    return float(ADAPTIVE.window_of(params, input_shape, row, col).size)


def adaptive_snippets(name: str):
    def snippets(params: PoolParams, input_shape) -> dict[str, str]:
        size = f"({params.output_size[0]}, {params.output_size[1]})"
        module = f"torch.nn.Adaptive{name.title()}Pool2d(output_size={size})"
        function = f"F.adaptive_{name}_pool2d(x, output_size={size})"
        return {
            "PyTorch": module,
            "PyTorch functional": function,
            "Keras": NO_KERAS.format(what="adaptive pooling"),
            "PoolScope": f"{function}  # from engine import functional as F",
        }

    return snippets


WINDOW = ("kernel_size", "stride", "padding")

MAX = PoolKind(
    name="max",
    label="Max",
    summary="The largest value of each window; padding is -inf, ties go to the first maximum.",
    source="torch.nn.MaxPool2d",
    parameters=(*WINDOW, "dilation", "ceil_mode", "same_padding"),
    reduction=Reduction.MAXIMUM,
    forward=max_forward,
    backward=max_backward,
    choose_layout=windowed_or_same,
    choose_routing=always(TO_CHOSEN_CELL),
    snippets=max_snippets,
)

AVERAGE = PoolKind(
    name="avg",
    label="Average",
    summary="The mean of each window; padding is 0 and counts in the divisor by default.",
    source="torch.nn.AvgPool2d",
    parameters=(*WINDOW, "ceil_mode", "count_include_pad", "divisor_override", "same_padding"),
    reduction=Reduction.AVERAGE,
    forward=avg_forward,
    backward=avg_backward,
    choose_layout=windowed_or_same,
    choose_routing=always(OVER_WINDOW),
    snippets=avg_snippets,
    divisor_of=avg_divisor,
)

POWER_AVERAGE = PoolKind(
    name="lp",
    label="Lp (power average)",
    summary="(sum of x^p over the window)^(1/p): p = 1 sums, large p approaches the maximum.",
    source="torch.nn.LPPool2d; Sermanet et al. 2012",
    parameters=("norm_type", "kernel_size", "stride", "ceil_mode"),
    reduction=Reduction.POWER_AVERAGE,
    forward=lp_forward,
    backward=lp_backward,
    choose_layout=always(WINDOWED),
    choose_routing=lp_routing,
    snippets=lp_snippets,
)

ADAPTIVE_MAX = PoolKind(
    name="adaptive_max",
    label="Adaptive max",
    summary="A fixed output size; each window, sized from the input, gives its maximum.",
    source="torch.nn.AdaptiveMaxPool2d",
    parameters=("output_size",),
    reduction=Reduction.MAXIMUM,
    forward=adaptive_max_forward,
    backward=adaptive_max_backward,
    choose_layout=always(ADAPTIVE),
    choose_routing=always(TO_CHOSEN_CELL),
    snippets=adaptive_snippets("max"),
)

ADAPTIVE_AVERAGE = PoolKind(
    name="adaptive_avg",
    label="Adaptive average",
    summary="A fixed output size; each window, sized from the input, gives its mean.",
    source="torch.nn.AdaptiveAvgPool2d",
    parameters=("output_size",),
    reduction=Reduction.AVERAGE,
    forward=adaptive_avg_forward,
    backward=adaptive_avg_backward,
    choose_layout=always(ADAPTIVE),
    choose_routing=always(OVER_WINDOW),
    snippets=adaptive_snippets("avg"),
    divisor_of=window_size,
)

PYTORCH_KINDS = (MAX, AVERAGE, POWER_AVERAGE, ADAPTIVE_MAX, ADAPTIVE_AVERAGE)
