"""PyTorch's pooling layers: max and average (also as Keras, JAX and ONNX compute them,
:mod:`engine.pooling.frameworks`), Lp, adaptive max and adaptive average."""

from __future__ import annotations

from engine import functional as F
from engine.ops.frameworks import (
    padded_avg_pool,
    padded_avg_pool_backward,
    padded_max_pool,
    padded_max_pool_backward,
)
from engine.pooling.code import dims, size
from engine.pooling.frameworks import (
    FRAMEWORKS,
    TORCH,
    framework_of,
    geometry_of,
    include_pad,
    port,
    torch_arguments,
    uses,
)
from engine.pooling.kinds.base import NO_KERAS, PoolKind, Reduction, always
from engine.pooling.layouts import ADAPTIVE, FRAMEWORK, WINDOWED, WindowedLayout
from engine.pooling.parameters import PoolParams
from engine.pooling.routing import (
    OVER_WINDOW,
    TO_CHOSEN_CELL,
    TO_EVERY_TIED_MAXIMUM,
    OverWindow,
    nonzero,
)


def windowed_or_framework(params: PoolParams):
    """PyTorch's symmetric windows, or another framework's per-side padding."""
    return WINDOWED if framework_of(params) is TORCH else FRAMEWORK


def max_forward(image, params: PoolParams):
    framework = framework_of(params)
    if framework is TORCH:
        return F.max_pool2d(
            image,
            params.kernel_size,
            params.stride,
            params.padding,
            params.dilation,
            params.ceil_mode,
            return_indices=True,
        )
    geometry = geometry_of(params, image.shape)
    return padded_max_pool(image, geometry, return_indices=True, rule=framework.max_rule)


def max_backward(grad, image, params: PoolParams, indices):
    framework = framework_of(params)
    if framework is TORCH:
        return F.max_pool2d_backward(
            grad,
            image,
            params.kernel_size,
            params.stride,
            params.padding,
            params.dilation,
            params.ceil_mode,
            indices=indices if params.tie == "first" else None,
            tie=params.tie,
        )
    tie = framework.gradient_rule if params.tie == "first" else params.tie
    return padded_max_pool_backward(grad, image, geometry_of(params, image.shape), tie=tie)


def max_routing(params: PoolParams):
    return TO_CHOSEN_CELL if params.tie == "first" else TO_EVERY_TIED_MAXIMUM


def framework_snippets(averaging: bool):
    """The ``snippets`` of max (or, with ``averaging``, average) pooling: the settings in each
    framework (the nearest it has, with its notes as comments), then the PoolScope call."""

    def snippets(params: PoolParams, input_shape) -> dict[str, str]:
        written = {}
        for framework in FRAMEWORKS.values():
            ported = port(params, framework.name, input_shape, averaging, defaults=False)
            notes = "".join(f"# {note}\n" for note in ported.notes)
            code = framework.code(ported.params, averaging, input_shape)
            written[framework.label] = notes + code
        written["PoolScope"] = poolscope_code(params, averaging, input_shape)
        return written

    return snippets


def poolscope_code(params: PoolParams, averaging: bool, input_shape) -> str:
    """PoolScope's own call for the settings."""
    framework = framework_of(params)
    if framework is TORCH:
        function = f"F.{'avg' if averaging else 'max'}_pool{dims(input_shape)}"
        arguments = torch_arguments(params, averaging, input_shape)
        return f"{function}(x, {arguments})  # from engine import functional as F"
    geometry = "framework_geometry"  # the PaddedGeometry of the settings, as the window has it
    pool = (
        f"padded_avg_pool(x, {geometry}, count_include_pad={include_pad(params)})"
        if averaging
        else f"padded_max_pool(x, {geometry}, rule='{framework.max_rule}')"
    )
    return f"{pool}  # engine.ops.frameworks; {geometry}: {framework.label}'s windows"


def avg_forward(image, params: PoolParams):
    if framework_of(params) is TORCH:
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
    geometry = geometry_of(params, image.shape)
    return padded_avg_pool(image, geometry, include_pad(params)), None


def avg_backward(grad, image, params: PoolParams, indices):
    if framework_of(params) is TORCH:
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
    geometry = geometry_of(params, image.shape)
    return padded_avg_pool_backward(grad, image, geometry, include_pad(params))


def avg_divisor(params: PoolParams, input_shape, row: int, col: int) -> float:
    """What the framework divided that window's sum by."""
    if framework_of(params) is TORCH:
        geometry = WindowedLayout().geometry(params, input_shape)
        divisors = geometry.window_divisor(params.count_include_pad, params.divisor_override)
        return float(divisors[row, col])
    geometry = geometry_of(params, input_shape)
    return float(geometry.window_divisor(include_pad(params))[row, col])


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
        f"norm_type={params.norm_type:g}, kernel_size={size(params.kernel_size, input_shape)}, "
        f"stride={size(params.stride, input_shape)}, ceil_mode={params.ceil_mode}"
    )
    suffix = dims(input_shape)
    return {
        "PyTorch": f"torch.nn.LPPool{suffix}({arguments})",
        "PyTorch functional": f"F.lp_pool{suffix}(x, {arguments})",
        "TensorFlow / Keras": NO_KERAS.format(what="Lp (power-average) pooling"),
        "PoolScope": f"F.lp_pool{suffix}(x, {arguments})  # from engine import functional as F",
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
        suffix = dims(input_shape)
        output = size(params.output_size, input_shape)
        module = f"torch.nn.Adaptive{name.title()}Pool{suffix}(output_size={output})"
        function = f"F.adaptive_{name}_pool{suffix}(x, output_size={output})"
        return {
            "PyTorch": module,
            "PyTorch functional": function,
            "TensorFlow / Keras": NO_KERAS.format(what="adaptive pooling"),
            "PoolScope": f"{function}  # from engine import functional as F",
        }

    return snippets


WINDOW = ("kernel_size", "stride", "padding")

MAX = PoolKind(
    name="max",
    label="Max",
    summary="The largest value of each window; padding is -inf, ties go to the first maximum.",
    source="torch.nn.MaxPool2d, keras.layers.MaxPooling2D, flax.linen.max_pool, ONNX MaxPool",
    parameters=(
        "framework",
        *WINDOW,
        "dilation",
        "ceil_mode",
        "same_padding",
        "auto_pad",
        "pads",
        "tie",
    ),
    reduction=Reduction.MAXIMUM,
    forward=max_forward,
    backward=max_backward,
    choose_layout=windowed_or_framework,
    choose_routing=max_routing,
    snippets=framework_snippets(averaging=False),
    uses=uses(averaging=False),
    sequences=True,
)

AVERAGE = PoolKind(
    name="avg",
    label="Average",
    summary="The mean of each window; padding is 0 and counts in the divisor by default "
    "(PyTorch, Flax; not ONNX, never Keras).",
    source="torch.nn.AvgPool2d, keras.layers.AveragePooling2D, flax.linen.avg_pool, "
    "ONNX AveragePool",
    parameters=(
        "framework",
        *WINDOW,
        "ceil_mode",
        "count_include_pad",
        "divisor_override",
        "same_padding",
        "auto_pad",
        "pads",
        "dilation",
    ),
    reduction=Reduction.AVERAGE,
    forward=avg_forward,
    backward=avg_backward,
    choose_layout=windowed_or_framework,
    choose_routing=always(OVER_WINDOW),
    snippets=framework_snippets(averaging=True),
    divisor_of=avg_divisor,
    uses=uses(averaging=True),
    sequences=True,
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
    sequences=True,
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
    sequences=True,
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
    sequences=True,
)

PYTORCH_KINDS = (MAX, AVERAGE, POWER_AVERAGE, ADAPTIVE_MAX, ADAPTIVE_AVERAGE)
