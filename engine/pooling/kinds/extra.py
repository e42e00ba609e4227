"""Pooling kinds beyond PyTorch's built-ins, from the papers that introduced them."""

from __future__ import annotations

from engine.ops.blurpool import blur_max_pool2d, blur_max_pool2d_backward
from engine.ops.global_pool import (
    global_avg_pool2d,
    global_avg_pool2d_backward,
    global_max_pool2d,
    global_max_pool2d_backward,
)
from engine.ops.min_pool import min_pool2d, min_pool2d_backward
from engine.ops.mixed_pool import mixed_pool2d, mixed_pool2d_backward
from engine.ops.pyramid import spatial_pyramid_pool2d, spatial_pyramid_pool2d_backward
from engine.ops.soft_pool import soft_pool2d, soft_pool2d_backward
from engine.ops.stochastic_pool import stochastic_pool2d, stochastic_pool2d_backward
from engine.pooling.code import dims, keras_size, pair, plane_input, size
from engine.pooling.kinds.base import NO_KERAS, PoolKind, Reduction, always, windowed
from engine.pooling.kinds.pytorch import WINDOW
from engine.pooling.layouts import BLURRED, GLOBAL, PYRAMID, WINDOWED
from engine.pooling.parameters import PoolParams
from engine.pooling.routing import (
    OVER_WINDOW,
    THROUGH_BLURRED_MAXIMA,
    TO_CHOSEN_CELL,
    OverWindow,
    positive,
)
from engine.text import Text


def window_arguments(params: PoolParams, input_shape, sizes=pair) -> str:
    """Kernel, stride and padding as arguments: ``sizes=size`` for torch's own pools (one
    number each on a sequence), :func:`pair` for PoolScope's 2D-only ops."""
    if sizes is size:
        return (
            f"kernel_size={size(params.kernel_size, input_shape)}, "
            f"stride={size(params.stride, input_shape)}, "
            f"padding={size(params.padding, input_shape)}"
        )
    return (
        f"kernel_size={pair(params.kernel_size)}, stride={pair(params.stride)}, "
        f"padding={pair(params.padding)}"
    )


def min_forward(image, params: PoolParams):
    return min_pool2d(image, **windowed(params).keywords(), return_indices=True)


def min_backward(grad, image, params: PoolParams, indices):
    return min_pool2d_backward(grad, image, **windowed(params).keywords(), indices=indices)


def min_snippets(params: PoolParams, input_shape) -> dict[str, str]:
    extra = f"dilation={{}}, ceil_mode={params.ceil_mode}"
    torch_arguments = f"{window_arguments(params, input_shape, size)}, " + extra.format(
        size(params.dilation, input_shape)
    )
    arguments = f"{window_arguments(params, input_shape)}, " + extra.format(pair(params.dilation))
    layer = f"MaxPooling{dims(input_shape)[0]}D"
    return {
        "PyTorch": f"-F.max_pool{dims(input_shape)}(-x, {torch_arguments})",
        "TensorFlow / Keras": f"-keras.layers.{layer}("
        f"pool_size={keras_size(params.kernel_size, input_shape)}, "
        f"strides={keras_size(params.stride, input_shape)})(-x)  # without padding, dilation "
        "or ceil mode",
        "PoolScope": f"min_pool2d({plane_input(input_shape)}, {arguments})  # engine.ops.min_pool",
    }


def global_snippets(name: str, keras: str):
    def snippets(params: PoolParams, input_shape) -> dict[str, str]:
        suffix = dims(input_shape)
        layer = keras.replace("2D", suffix.upper())
        return {
            "PyTorch": f"torch.nn.Adaptive{name.title()}Pool{suffix}(1)",
            "PyTorch functional": f"F.adaptive_{name}_pool{suffix}(x, 1)",
            "TensorFlow / Keras": f"keras.layers.{layer}(keepdims=True)",
            "PoolScope": f"global_{name}_pool2d({plane_input(input_shape)})  "
            "# engine.ops.global_pool",
        }

    return snippets


def stochastic_forward(image, params: PoolParams):
    if params.inference:
        output = stochastic_pool2d(
            image, params.kernel_size, params.stride, params.padding, training=False
        )
        return output, None
    return stochastic_pool2d(
        image,
        params.kernel_size,
        params.stride,
        params.padding,
        seed=params.seed,
        return_indices=True,
    )


def stochastic_backward(grad, image, params: PoolParams, indices):
    return stochastic_pool2d_backward(
        grad,
        image,
        params.kernel_size,
        params.stride,
        params.padding,
        training=not params.inference,
        seed=params.seed,
        indices=indices,
    )


def stochastic_routing(params: PoolParams):
    # At inference each positive cell gets (2 a S - Q) / S^2; the others get nothing.
    return OverWindow(positive) if params.inference else TO_CHOSEN_CELL


def stochastic_snippets(params: PoolParams, input_shape) -> dict[str, str]:
    mode = "training=False" if params.inference else f"seed={params.seed}"
    return {
        "PyTorch": "# PyTorch has no stochastic pooling layer",
        "TensorFlow / Keras": NO_KERAS.format(what="stochastic pooling"),
        "PoolScope": f"stochastic_pool2d({plane_input(input_shape)}, "
        f"{window_arguments(params, input_shape)}, {mode})"
        "  # engine.ops.stochastic_pool",
    }


def mixed_forward(image, params: PoolParams):
    output = mixed_pool2d(image, params.kernel_size, params.stride, params.padding, params.mix)
    return output, None


def mixed_backward(grad, image, params: PoolParams, indices):
    return mixed_pool2d_backward(
        grad, image, params.kernel_size, params.stride, params.padding, params.mix
    )


def mixed_routing(params: PoolParams):
    # At mix = 1 the average part is multiplied by 0: only the arg-max receives anything.
    return TO_CHOSEN_CELL if params.mix == 1 else OVER_WINDOW


def mixed_snippets(params: PoolParams, input_shape) -> dict[str, str]:
    torch_arguments = window_arguments(params, input_shape, size)
    suffix = dims(input_shape)
    return {
        "PyTorch": f"{params.mix:g} * F.max_pool{suffix}(x, {torch_arguments}) + "
        f"{1 - params.mix:g} * F.avg_pool{suffix}(x, {torch_arguments})",
        "TensorFlow / Keras": NO_KERAS.format(what="mixed pooling"),
        "PoolScope": f"mixed_pool2d({plane_input(input_shape)}, "
        f"{window_arguments(params, input_shape)}, mix={params.mix:g})  # engine.ops.mixed_pool",
    }


def soft_forward(image, params: PoolParams):
    output = soft_pool2d(image, params.kernel_size, params.stride, params.padding, params.ceil_mode)
    return output, None


def soft_backward(grad, image, params: PoolParams, indices):
    return soft_pool2d_backward(
        grad, image, params.kernel_size, params.stride, params.padding, params.ceil_mode
    )


def soft_snippets(params: PoolParams, input_shape) -> dict[str, str]:
    ceil = f"ceil_mode={params.ceil_mode}"
    torch_arguments = f"{window_arguments(params, input_shape, size)}, {ceil}"
    suffix = dims(input_shape)
    return {
        "PyTorch": "weights = torch.exp(x - x.amax())\n"
        f"F.avg_pool{suffix}(weights * x, {torch_arguments}) / "
        f"F.avg_pool{suffix}(weights, {torch_arguments})",
        "TensorFlow / Keras": NO_KERAS.format(what="SoftPool"),
        "PoolScope": f"soft_pool2d({plane_input(input_shape)}, "
        f"{window_arguments(params, input_shape)}, {ceil})  # engine.ops.soft_pool",
    }


def blur_forward(image, params: PoolParams):
    return blur_max_pool2d(image, params.kernel_size, params.stride, params.blur_size), None


def blur_backward(grad, image, params: PoolParams, indices):
    return blur_max_pool2d_backward(
        grad, image, params.kernel_size, params.stride, params.blur_size
    )


def blur_snippets(params: PoolParams, input_shape) -> dict[str, str]:
    channels = input_shape[0] if len(input_shape) == 3 else 1
    return {
        "PyTorch": "torch.nn.Sequential(\n"
        f"    torch.nn.MaxPool2d(kernel_size={pair(params.kernel_size)}, stride=1),\n"
        f"    antialiased_cnns.BlurPool({channels}, filt_size={params.blur_size}, "
        f"stride={params.stride[0]}),\n)",
        "TensorFlow / Keras": NO_KERAS.format(what="BlurPool"),
        "PoolScope": f"blur_max_pool2d(x, {pair(params.kernel_size)}, {pair(params.stride)}, "
        f"{params.blur_size})  # engine.ops.blurpool",
    }


def pyramid_forward(image, params: PoolParams):
    return spatial_pyramid_pool2d(image, params.levels)[:, None, :], None


def pyramid_backward(grad, image, params: PoolParams, indices):
    return spatial_pyramid_pool2d_backward(grad[:, 0, :], image, params.levels)


def pyramid_snippets(params: PoolParams, input_shape) -> dict[str, str]:
    levels = ", ".join(str(level) for level in params.levels)
    return {
        "PyTorch": "torch.cat([F.adaptive_max_pool2d(x, level).flatten(-2) "
        f"for level in ({levels},)], dim=-1)",
        "TensorFlow / Keras": NO_KERAS.format(what="spatial pyramid pooling"),
        "PoolScope": f"spatial_pyramid_pool2d(x, ({levels},))  # engine.ops.pyramid",
    }


MINIMUM = PoolKind(
    name="min",
    label="Min",
    summary="The smallest value of each window, -max(-x); used on inverted feature maps.",
    source="-max_pool2d(-x)",
    parameters=(*WINDOW, "dilation", "ceil_mode"),
    reduction=Reduction.MINIMUM,
    forward=min_forward,
    backward=min_backward,
    choose_layout=always(WINDOWED),
    choose_routing=always(TO_CHOSEN_CELL),
    snippets=min_snippets,
    sequences=True,
)

GLOBAL_MAX = PoolKind(
    name="global_max",
    label="Global max",
    summary="One value per channel: its maximum, whatever the input size.",
    source=Text("Lin, Chen and Yan 2014"),
    parameters=(),
    reduction=Reduction.MAXIMUM,
    forward=lambda image, params: global_max_pool2d(image, return_indices=True),
    backward=lambda grad, image, params, indices: global_max_pool2d_backward(grad, image, indices),
    choose_layout=always(GLOBAL),
    choose_routing=always(TO_CHOSEN_CELL),
    snippets=global_snippets("max", "GlobalMaxPooling2D"),
    sequences=True,
)

GLOBAL_AVERAGE = PoolKind(
    name="global_avg",
    label="Global average",
    summary="One value per channel: its mean, whatever the input size.",
    source=Text("Lin, Chen and Yan 2014, Network in Network"),
    parameters=(),
    reduction=Reduction.AVERAGE,
    forward=lambda image, params: (global_avg_pool2d(image), None),
    backward=lambda grad, image, params, indices: global_avg_pool2d_backward(grad, image),
    choose_layout=always(GLOBAL),
    choose_routing=always(OVER_WINDOW),
    snippets=global_snippets("avg", "GlobalAveragePooling2D"),
    divisor_of=lambda params, input_shape, row, col: float(input_shape[-2] * input_shape[-1]),
    sequences=True,
)

STOCHASTIC = PoolKind(
    name="stochastic",
    label="Stochastic",
    summary="Each window picks one cell at random, with probability proportional to its "
    "(positive) value; at inference, the probability-weighted average.",
    source=Text("Zeiler and Fergus 2013"),
    parameters=(*WINDOW, "seed", "inference"),
    reduction=Reduction.RANDOM_PICK,
    forward=stochastic_forward,
    backward=stochastic_backward,
    choose_layout=always(WINDOWED),
    choose_routing=stochastic_routing,
    snippets=stochastic_snippets,
    sequences=True,
    channels_apart=False,  # one random draw over every channel
)

MIXED = PoolKind(
    name="mixed",
    label="Mixed (max and average)",
    summary="lambda * max + (1 - lambda) * average over the same windows.",
    source=Text("Yu et al. 2014"),
    parameters=(*WINDOW, "mix"),
    reduction=Reduction.MIXED,
    forward=mixed_forward,
    backward=mixed_backward,
    choose_layout=always(WINDOWED),
    choose_routing=mixed_routing,
    snippets=mixed_snippets,
    sequences=True,
)

SOFTPOOL = PoolKind(
    name="softpool",
    label="SoftPool",
    summary="The softmax-weighted average of each window: between average and max.",
    source=Text("Stergiou et al. 2021"),
    parameters=(*WINDOW, "ceil_mode"),
    reduction=Reduction.SOFTMAX_AVERAGE,
    forward=soft_forward,
    backward=soft_backward,
    choose_layout=always(WINDOWED),
    choose_routing=always(OVER_WINDOW),
    snippets=soft_snippets,
    sequences=True,
    channels_apart=False,  # its window sums round by the array's layout: pool it whole
)

BLURPOOL = PoolKind(
    name="blurmax",
    label="BlurPool (anti-aliased max)",
    summary="Max with stride 1, then a binomial blur evaluated every stride cells: less "
    "aliasing when the input shifts.",
    source=Text("Zhang 2019"),
    parameters=("kernel_size", "stride", "blur_size"),
    reduction=Reduction.BLURRED_MAXIMUM,
    forward=blur_forward,
    backward=blur_backward,
    choose_layout=always(BLURRED),
    choose_routing=always(THROUGH_BLURRED_MAXIMA),
    snippets=blur_snippets,
)

SPATIAL_PYRAMID = PoolKind(
    name="spp",
    label="Spatial pyramid",
    summary="Max over l x l bins for every level l, concatenated: a fixed-length vector "
    "whatever the input size.",
    source=Text("He et al. 2014"),
    parameters=("levels",),
    reduction=Reduction.MAXIMUM,
    forward=pyramid_forward,
    backward=pyramid_backward,
    choose_layout=always(PYRAMID),
    choose_routing=always(TO_CHOSEN_CELL),
    snippets=pyramid_snippets,
)

EXTRA_KINDS = (
    MINIMUM,
    GLOBAL_MAX,
    GLOBAL_AVERAGE,
    STOCHASTIC,
    MIXED,
    SOFTPOOL,
    BLURPOOL,
    SPATIAL_PYRAMID,
)
