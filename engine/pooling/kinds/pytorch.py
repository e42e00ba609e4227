"""PyTorch's pooling layers: max and average (also as Keras, JAX and ONNX compute them,
:mod:`engine.pooling.frameworks`), Lp, adaptive max and adaptive average."""

from __future__ import annotations

import numpy as np

from engine import functional as F
from engine.ops.frameworks import (
    padded_avg_pool,
    padded_avg_pool_backward,
    padded_max_pool,
    padded_max_pool_backward,
)
from engine.ops.windows import pool_geometry
from engine.pooling.code import dims, pair, size
from engine.pooling.frameworks import (
    FRAMEWORKS,
    TORCH,
    framework_of,
    geometry_of,
    include_pad,
    port,
    require_backward,
    torch_arguments,
    uses,
)
from engine.pooling.kinds.base import (
    NO_KERAS,
    PoolKind,
    Reduction,
    Volume,
    WindowSettings,
    always,
    windowed,
)
from engine.pooling.layouts import ADAPTIVE, FRACTIONAL, FRAMEWORK, WINDOWED, WindowedLayout
from engine.pooling.parameters import PoolParams
from engine.pooling.routing import (
    OVER_WINDOW,
    TO_CHOSEN_CELL,
    TO_EVERY_TIED_MAXIMUM,
    OverWindow,
    nonzero,
)
from engine.text import Text


def windowed_or_framework(params: PoolParams):
    """PyTorch's symmetric windows, or another framework's per-side padding."""
    return WINDOWED if framework_of(params) is TORCH else FRAMEWORK


def max_forward(image, params: PoolParams):
    framework = framework_of(params)
    if framework is TORCH:
        return F.max_pool2d(image, **windowed(params).keywords(), return_indices=True)
    geometry = geometry_of(params, image.shape)
    return padded_max_pool(image, geometry, return_indices=True, rule=framework.max_rule)


def max_backward(grad, image, params: PoolParams, indices):
    framework = framework_of(params)
    if framework is TORCH:
        return F.max_pool2d_backward(
            grad,
            image,
            **windowed(params).keywords(),
            indices=indices if params.tie == "first" else None,
            tie=params.tie,
        )
    require_backward(params)
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
    framework = framework_of(params)
    return padded_avg_pool(image, geometry, include_pad(params), framework.empty_average), None


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
    require_backward(params)
    geometry = geometry_of(params, image.shape)
    return padded_avg_pool_backward(grad, image, geometry, include_pad(params))


def avg_divisor(params: PoolParams, input_shape, row: int, col: int) -> float:
    """What the framework divided that window's sum by."""
    if framework_of(params) is TORCH:
        geometry = WindowedLayout().geometry(params, input_shape)
        return geometry.cell_divisor((row, col), params.count_include_pad, params.divisor_override)
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


def fractional_arguments(params: PoolParams, pooled: np.ndarray):
    """Kernel, output size and samples of fractional pooling of an image (C, H, W) or a
    volume (C, D, H, W): the same samples for every channel, from the seed, in PyTorch's order
    ((W, H) in 2D, (D, H, W) in 3D)."""
    width, height, depth = FRACTIONAL.samples(params)
    channels = pooled.shape[0]
    if pooled.ndim == 4:
        samples = np.broadcast_to(np.array([depth, height, width]), (1, channels, 3))
        return triple(params.depth_kernel, params.kernel_size), depth_output(params), samples
    samples = np.broadcast_to(np.array([width, height]), (1, channels, 2))
    return params.kernel_size, params.output_size, samples


def exact_input(pooled: np.ndarray) -> np.ndarray:
    """What fractional pooling compares: floats as float64, whose arithmetic draws the windows
    (the layout's, and ``x.double()`` in the snippet); integers and bools as themselves, so
    their maxima and indices stay exact (their windows are drawn in float64 anyway)."""
    return pooled.astype(np.float64, copy=False) if pooled.dtype.kind == "f" else pooled


def fractional_forward(pooled, params: PoolParams):
    pool = F.fractional_max_pool3d if pooled.ndim == 4 else F.fractional_max_pool2d
    kernel, output, samples = fractional_arguments(params, pooled)
    return pool(exact_input(pooled), kernel, output, return_indices=True, _random_samples=samples)


def fractional_backward(grad, pooled, params: PoolParams, indices):
    pool = (
        F.fractional_max_pool3d_backward if pooled.ndim == 4 else F.fractional_max_pool2d_backward
    )
    kernel, output, samples = fractional_arguments(params, pooled)
    return pool(grad, exact_input(pooled), kernel, output, _random_samples=samples, indices=indices)


def fractional_snippets(params: PoolParams, input_shape) -> dict[str, str]:
    arguments = f"kernel_size={pair(params.kernel_size)}, output_size={pair(params.output_size)}"
    samples = (
        f"samples = torch.tensor(numpy.random.default_rng({params.seed}).random(2))"
        f".expand(1, {input_shape[0]}, 2)  # PoolScope's windows: one pair for every channel"
    )
    return {
        "PyTorch": f"torch.nn.FractionalMaxPool2d({arguments})  # random windows at each call",
        "PyTorch functional": f"{samples}\nF.fractional_max_pool2d(x.double(), {arguments}, "
        "_random_samples=samples)",
        "TensorFlow / Keras": "# Keras has no layer; tf.nn.fractional_max_pool draws its own "
        "sequences",
        "PoolScope": f"F.fractional_max_pool2d(x, {arguments}, _random_samples=samples)  "
        "# from engine import functional as F",
    }


def triple(depth, values) -> tuple:
    """A 3D setting: the depth's value in front of the plane's (height, width)."""
    return (depth, *values)


def depth_window(params: PoolParams) -> WindowSettings:
    """The window of a 3D pool: the depth settings in front of the plane's."""
    return WindowSettings(
        triple(params.depth_kernel, params.kernel_size),
        triple(params.depth_stride, params.stride),
        triple(params.depth_padding, params.padding),
        triple(params.depth_dilation, params.dilation),
        params.ceil_mode,
    )


def depth_output(params: PoolParams) -> tuple:
    return triple(params.depth_output, params.output_size)


def max_volume_forward(volume, params: PoolParams):
    window = depth_window(params)
    return F.max_pool3d(volume, **window.keywords(), return_indices=True)


def max_volume_backward(grad, volume, params: PoolParams, indices):
    return F.max_pool3d_backward(
        grad,
        volume,
        **depth_window(params).keywords(),
        indices=indices if params.tie == "first" else None,
        tie=params.tie,
    )


AVERAGE_WINDOW = ("kernel_size", "stride", "padding", "ceil_mode")
"""The window settings of torch's average pools (they have no dilation)."""


def avg_volume_forward(volume, params: PoolParams):
    output = F.avg_pool3d(
        volume,
        **depth_window(params).keywords(*AVERAGE_WINDOW),
        count_include_pad=params.count_include_pad,
        divisor_override=params.divisor_override,
    )
    return output, None


def avg_volume_backward(grad, volume, params: PoolParams, indices):
    return F.avg_pool3d_backward(
        grad,
        volume,
        **depth_window(params).keywords(*AVERAGE_WINDOW),
        count_include_pad=params.count_include_pad,
        divisor_override=params.divisor_override,
    )


LP_WINDOW = ("kernel_size", "stride", "ceil_mode")
"""The window settings of torch's Lp pools (no padding, no dilation)."""


def lp_volume_forward(volume, params: PoolParams):
    window = depth_window(params).keywords(*LP_WINDOW)
    return F.lp_pool3d(volume, params.norm_type, **window), None


def lp_volume_backward(grad, volume, params: PoolParams, indices):
    window = depth_window(params).keywords(*LP_WINDOW)
    return F.lp_pool3d_backward(grad, volume, params.norm_type, **window)


def avg_volume_divisor(params: PoolParams, input_shape, depth: int, row: int, col: int):
    """PyTorch's avg_pool3d divisor of output cell (depth, row, col): the override, the window
    clipped to the padded volume (count_include_pad), or its real cells."""
    window = depth_window(params)
    geometry = pool_geometry(
        "avg_pool3d", (1, 1, *input_shape[1:]), **window.keywords(*AVERAGE_WINDOW)
    )
    return geometry.cell_divisor(
        (depth, row, col), params.count_include_pad, params.divisor_override
    )


def adaptive_volume_divisor(params: PoolParams, input_shape, depth: int, row: int, col: int):
    """An adaptive average's divisor: its window's size (slices x rows x columns)."""
    slices = len(ADAPTIVE.depth_axis(params, int(input_shape[1])).positions(depth))
    return float(slices) * window_size(params, input_shape, row, col)


def module_code(name: str, *arguments: str):
    """``code(params, input_shape)`` writing ``torch.nn.{name}(...)`` from ``arguments``, each
    a format of the settings (``{kernel}``, ``{stride}``, ``{padding}``, ``{dilation}``,
    ``{output}``, ``{params.<field>}``)."""

    def code(params: PoolParams, input_shape) -> str:
        window = depth_window(params)
        values = {
            "kernel": window.kernel_size,
            "stride": window.stride,
            "padding": window.padding,
            "dilation": window.dilation,
            "output": depth_output(params),
            "params": params,
        }
        written = ", ".join(argument.format(**values) for argument in arguments)
        return f"torch.nn.{name}({written})"

    return code


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
        "depth_kernel",
        "depth_stride",
        "depth_padding",
        "depth_dilation",
    ),
    reduction=Reduction.MAXIMUM,
    forward=max_forward,
    backward=max_backward,
    choose_layout=windowed_or_framework,
    choose_routing=max_routing,
    snippets=framework_snippets(averaging=False),
    uses=uses(averaging=False),
    sequences=True,
    volume=Volume(
        max_volume_forward,
        max_volume_backward,
        module_code(
            "MaxPool3d",
            "kernel_size={kernel}",
            "stride={stride}",
            "padding={padding}",
            "dilation={dilation}",
            "ceil_mode={params.ceil_mode}",
        ),
    ),
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
        "depth_kernel",
        "depth_stride",
        "depth_padding",
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
    volume=Volume(
        avg_volume_forward,
        avg_volume_backward,
        module_code(
            "AvgPool3d",
            "kernel_size={kernel}",
            "stride={stride}",
            "padding={padding}",
            "ceil_mode={params.ceil_mode}",
            "count_include_pad={params.count_include_pad}",
            "divisor_override={params.divisor_override}",
        ),
        avg_volume_divisor,
    ),
)

POWER_AVERAGE = PoolKind(
    name="lp",
    label="Lp (power average)",
    summary="(sum of x^p over the window)^(1/p): p = 1 sums, large p approaches the maximum.",
    source=Text("torch.nn.LPPool2d; Sermanet et al. 2012"),
    parameters=("norm_type", "kernel_size", "stride", "ceil_mode", "depth_kernel", "depth_stride"),
    reduction=Reduction.POWER_AVERAGE,
    forward=lp_forward,
    backward=lp_backward,
    choose_layout=always(WINDOWED),
    choose_routing=lp_routing,
    snippets=lp_snippets,
    sequences=True,
    volume=Volume(
        lp_volume_forward,
        lp_volume_backward,
        module_code(
            "LPPool3d",
            "norm_type={params.norm_type:g}",
            "kernel_size={kernel}",
            "stride={stride}",
            "ceil_mode={params.ceil_mode}",
        ),
    ),
)

ADAPTIVE_MAX = PoolKind(
    name="adaptive_max",
    label="Adaptive max",
    summary="A fixed output size; each window, sized from the input, gives its maximum.",
    source="torch.nn.AdaptiveMaxPool2d",
    parameters=("output_size", "depth_output"),
    reduction=Reduction.MAXIMUM,
    forward=adaptive_max_forward,
    backward=adaptive_max_backward,
    choose_layout=always(ADAPTIVE),
    choose_routing=always(TO_CHOSEN_CELL),
    snippets=adaptive_snippets("max"),
    sequences=True,
    volume=Volume(
        lambda volume, params: F.adaptive_max_pool3d(volume, depth_output(params), True),
        lambda grad, volume, params, indices: F.adaptive_max_pool3d_backward(
            grad, volume, depth_output(params), indices
        ),
        module_code("AdaptiveMaxPool3d", "output_size={output}"),
    ),
)

ADAPTIVE_AVERAGE = PoolKind(
    name="adaptive_avg",
    label="Adaptive average",
    summary="A fixed output size; each window, sized from the input, gives its mean.",
    source="torch.nn.AdaptiveAvgPool2d",
    parameters=("output_size", "depth_output"),
    reduction=Reduction.AVERAGE,
    forward=adaptive_avg_forward,
    backward=adaptive_avg_backward,
    choose_layout=always(ADAPTIVE),
    choose_routing=always(OVER_WINDOW),
    snippets=adaptive_snippets("avg"),
    divisor_of=window_size,
    sequences=True,
    volume=Volume(
        lambda volume, params: (F.adaptive_avg_pool3d(volume, depth_output(params)), None),
        lambda grad, volume, params, indices: F.adaptive_avg_pool3d_backward(
            grad, volume, depth_output(params)
        ),
        module_code("AdaptiveAvgPool3d", "output_size={output}"),
        adaptive_volume_divisor,
    ),
)

FRACTIONAL_MAX = PoolKind(
    name="fractional_max",
    label="Fractional max",
    summary="Max over windows of the kernel's size whose starts step by 1 or 2 cells in a "
    "seeded pseudo-random sequence, for any output size.",
    source=Text("torch.nn.FractionalMaxPool2d; Graham 2014"),
    parameters=("kernel_size", "output_size", "seed", "depth_kernel", "depth_output"),
    reduction=Reduction.MAXIMUM,
    forward=fractional_forward,
    backward=fractional_backward,
    choose_layout=always(FRACTIONAL),
    choose_routing=always(TO_CHOSEN_CELL),
    snippets=fractional_snippets,
    volume=Volume(
        fractional_forward,
        fractional_backward,
        module_code("FractionalMaxPool3d", "kernel_size={kernel}", "output_size={output}"),
    ),
)

PYTORCH_KINDS = (MAX, AVERAGE, POWER_AVERAGE, ADAPTIVE_MAX, ADAPTIVE_AVERAGE, FRACTIONAL_MAX)
