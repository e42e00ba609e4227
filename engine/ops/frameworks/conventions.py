"""Each framework's pooling arguments as a :class:`PaddedGeometry`, refusing what it cannot say.

PyTorch pads both sides alike (at most half the kernel). Keras pads "valid" or "same"
(``ceil(L / s)`` outputs, the odd cell high). Flax (``jax.lax.reduce_window``) takes "SAME",
"SAME_LOWER", "VALID" or explicit ``(low, high)`` pairs, and its stride defaults to 1. ONNX
takes ``pads`` ``[x1_begin, x2_begin, x1_end, x2_end]`` or ``auto_pad``, with ceil mode and
dilations. Keras and Flax have neither ceil mode nor dilation: asking for one is a
:class:`~engine.errors.PoolingError` naming the framework and the parameter.
"""

from __future__ import annotations

import math

from engine.errors import PoolingError
from engine.ops.arguments import check_flag, is_empty, is_int, shown, to_tuple
from engine.ops.frameworks.geometry import PaddedGeometry, build_geometry, check_input_size
from engine.ops.windows import pool_geometry
from engine.text import Text

FRAMEWORKS = ("torch", "keras", "jax", "onnx")
"""The frameworks :func:`framework_geometry` knows, by the name it takes."""

ONNX_AUTO_PADS = ("NOTSET", "VALID", "SAME_UPPER", "SAME_LOWER")


def same_pads(length: int, window: int, stride: int, extra_low: bool) -> tuple[int, int]:
    """The (low, high) padding of "same" along one axis: ``ceil(L / s)`` outputs, in all
    ``max((ceil(L / s) - 1) * s + k - L, 0)`` cells; an odd cell goes high, or low if
    ``extra_low`` (TensorFlow, Flax "SAME" and ONNX SAME_UPPER put it high)."""
    total = max((math.ceil(length / stride) - 1) * stride + window - length, 0)
    low = total - total // 2 if extra_low else total // 2
    return low, total - low


def refuse_unless_default(framework: str, dilation, ceil_mode, dims: int, op_name: str) -> None:
    """Keras and Flax pools have neither dilation nor ceil mode."""
    what = (
        "Keras" if framework == "keras" else Text("Flax (jax.lax.reduce_window through flax.linen)")
    )
    if check_flag(op_name, "ceil_mode", ceil_mode):
        raise PoolingError(
            "{op_name} {framework} has no ceil_mode: {what} pooling always rounds the output "
            "size down over the padded input; got ceil_mode=True",
            op_name=op_name,
            framework=framework,
            what=what,
        )
    if to_tuple(dilation, dims, "dilation", op_name) != (1,) * dims:
        raise PoolingError(
            "{op_name} {framework} pooling has no dilation: {what} pooling windows are "
            "contiguous; got dilation={value}",
            op_name=op_name,
            framework=framework,
            what=what,
            value=shown(dilation),
        )


def torch_geometry(
    input_size, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False
) -> PaddedGeometry:
    """PyTorch's ``max_pool`` / ``avg_pool`` window geometry: the same ``padding`` on both sides,
    at most half the kernel; ``stride=None`` means ``kernel_size``."""
    op_name = "torch_geometry()"
    sizes = check_input_size(op_name, input_size)
    geometry = pool_geometry(
        "torch_geometry", (1, 1, *sizes), kernel_size, stride, padding, dilation, ceil_mode
    )
    return PaddedGeometry(
        input_size=geometry.input_size,
        kernel=geometry.kernel_size,
        stride=geometry.stride,
        dilation=geometry.dilation,
        pads=tuple((padding, padding) for padding in geometry.padding),
        ceil_mode=geometry.ceil_mode,
        output_size=geometry.output_size,
    )


def keras_geometry(input_size, pool_size, strides=None, padding="valid") -> PaddedGeometry:
    """Keras / TensorFlow pooling geometry (``keras.layers.MaxPooling2D``, ``tf.nn.max_pool2d``).

    ``strides=None`` means ``pool_size``; ``padding`` is ``"valid"`` (no padding, windows
    inside the input) or ``"same"`` (``ceil(L / s)`` outputs, the odd padding cell at the
    bottom/right), in any letter case.
    """
    op_name = "keras_geometry()"
    sizes = check_input_size(op_name, input_size)
    dims = len(sizes)
    kernel = to_tuple(pool_size, dims, "pool_size", "keras_geometry")
    steps = kernel if strides is None else to_tuple(strides, dims, "strides", "keras_geometry")
    mode = padding.lower() if isinstance(padding, str) else None
    if mode not in ("valid", "same"):
        raise PoolingError(
            "{op_name} keras padding must be 'valid' or 'same', but got {value}",
            op_name=op_name,
            value=shown(padding),
        )
    if min(steps) >= 1 and min(kernel) >= 1 and mode == "same":
        pads = tuple(same_pads(*axis, extra_low=False) for axis in zip(sizes, kernel, steps))
    else:
        pads = ((0, 0),) * dims
    return build_geometry(op_name, sizes, kernel, steps, (1,) * dims, pads, False)


def jax_pads(op_name: str, padding, sizes, kernel, steps) -> tuple[tuple[int, int], ...]:
    """``jax.lax.reduce_window`` padding: "SAME", "SAME_LOWER", "VALID" (any case, as
    ``lax.padtype_to_pads``) or one ``(low, high)`` pair per spatial axis."""
    if isinstance(padding, str):
        mode = padding.upper()
        if mode not in ("SAME", "SAME_LOWER", "VALID"):
            raise PoolingError(
                "{op_name} jax padding must be 'SAME', 'SAME_LOWER', 'VALID' or (low, high) "
                "pairs, but got {value}",
                op_name=op_name,
                value=shown(padding),
            )
        if mode == "VALID" or min(steps) < 1:
            return ((0, 0),) * len(sizes)
        return tuple(
            same_pads(*axis, extra_low=mode == "SAME_LOWER") for axis in zip(sizes, kernel, steps)
        )
    refusal = PoolingError(
        "{op_name} jax padding must be a string or {count} (low, high) pairs of "
        "non-negative ints, but got {value}",
        op_name=op_name,
        count=len(sizes),
        value=shown(padding),
    )
    try:
        pairs = tuple(tuple(pair) for pair in padding)
    except TypeError:
        raise refusal from None
    if len(pairs) != len(sizes) or not all(
        len(pair) == 2 and all(is_int(side) and side >= 0 for side in pair) for pair in pairs
    ):
        raise refusal
    return tuple((int(low), int(high)) for low, high in pairs)


def jax_geometry(
    input_size, window_shape, strides=None, padding="VALID", dilation=1, ceil_mode=False
) -> PaddedGeometry:
    """JAX / Flax pooling geometry (``flax.linen.max_pool``, ``jax.lax.reduce_window``).

    ``strides=None`` means 1 along every axis (Flax's default, unlike Keras and PyTorch);
    ``padding`` is "SAME" (odd cell high), "SAME_LOWER" (odd cell low), "VALID", or one
    ``(low, high)`` pair per axis, asymmetric allowed. No dilation, no ceil mode.
    """
    op_name = "jax_geometry()"
    sizes = check_input_size(op_name, input_size)
    dims = len(sizes)
    refuse_unless_default("jax", dilation, ceil_mode, dims, op_name)
    kernel = to_tuple(window_shape, dims, "window_shape", "jax_geometry")
    steps = (1,) * dims if strides is None else to_tuple(strides, dims, "strides", "jax_geometry")
    pads = jax_pads(op_name, padding, sizes, kernel, steps)
    return build_geometry(op_name, sizes, kernel, steps, (1,) * dims, pads, False)


def onnx_geometry(
    input_size,
    kernel_shape,
    strides=None,
    pads=None,
    auto_pad: str = "NOTSET",
    ceil_mode: bool = False,
    dilations=None,
) -> PaddedGeometry:
    """ONNX ``MaxPool`` / ``AveragePool`` (opset 19-22) geometry, as onnxruntime computes it.

    Parameters
    ----------
    input_size : (L,) or (H, W)
    kernel_shape, strides, dilations : int or tuple of one int per axis
        ``strides`` and ``dilations`` default to 1.
    pads : sequence of 2 * dims ints, optional
        ONNX order ``[x1_begin, x2_begin, x1_end, x2_end]``; each smaller than its kernel
        size (onnxruntime refuses larger pads). Only with ``auto_pad="NOTSET"``.
    auto_pad : {"NOTSET", "VALID", "SAME_UPPER", "SAME_LOWER"}
        SAME_* give ``ceil(L / s)`` outputs and pad ``(ceil(L/s) - 1) * s + k - L`` cells,
        the odd one at the end (UPPER) or the beginning (LOWER).
    ceil_mode : bool
        Round the output size up; a last window that would start in the end padding is
        dropped (as PyTorch). Ignored by SAME_*. With VALID it rounds
        ``(L - d(k - 1) - 1) / s`` up as onnxruntime does (7 cells, window 2, stride 2: 4
        windows), where the spec's formula ``ceil((L - d(k - 1)) / s)`` gives 3.

    Raises
    ------
    PoolingError
        For pads not smaller than the kernel, pads with auto_pad, SAME_* with a dilation
        (the ONNX spec and onnxruntime disagree on its padding) or SAME_* where the stride
        exceeds the window so much that the padding would be negative (onnxruntime refuses).
    """
    op_name = "onnx_geometry()"
    sizes = check_input_size(op_name, input_size)
    dims = len(sizes)
    kernel = to_tuple(kernel_shape, dims, "kernel_shape", "onnx_geometry")
    steps = (1,) * dims if strides is None else to_tuple(strides, dims, "strides", "onnx_geometry")
    spacing = (
        (1,) * dims
        if dilations is None
        else to_tuple(dilations, dims, "dilations", "onnx_geometry")
    )
    ceil_mode = check_flag(op_name, "ceil_mode", ceil_mode)
    mode = auto_pad.upper() if isinstance(auto_pad, str) else None
    if mode not in ONNX_AUTO_PADS:
        raise PoolingError(
            "{op_name} onnx auto_pad must be one of {choices}, but got {value}",
            op_name=op_name,
            choices=", ".join(ONNX_AUTO_PADS),
            value=shown(auto_pad),
        )
    given = () if pads is None or is_empty(pads) else onnx_pads(op_name, pads, dims)
    if given and mode != "NOTSET" and any(given):
        raise PoolingError(
            "{op_name} onnx pads cannot be used with auto_pad={mode}, but got pads={pads}",
            op_name=op_name,
            mode=mode,
            pads=list(pads),
        )
    if mode.startswith("SAME"):
        return onnx_same_geometry(op_name, mode, sizes, kernel, steps, spacing)
    pairs = tuple(zip(given[:dims], given[dims:])) if given and mode == "NOTSET" else ()
    pairs = pairs or ((0, 0),) * dims
    if any(side >= size for pair, size in zip(pairs, kernel) for side in pair):
        raise PoolingError(
            "{op_name} onnx pads must be smaller than kernel_shape (onnxruntime refuses "
            "others), but got pads={pads} for kernel_shape={kernel}",
            op_name=op_name,
            pads=list(given),
            kernel=list(kernel),
        )
    return build_geometry(op_name, sizes, kernel, steps, spacing, pairs, ceil_mode)


def onnx_pads(op_name: str, pads, dims: int) -> tuple[int, ...]:
    """ONNX ``pads`` as a tuple of ``2 * dims`` non-negative ints."""
    try:
        values = tuple(pads)
    except TypeError:
        values = ()
    if len(values) != 2 * dims or not all(is_int(side) and side >= 0 for side in values):
        raise PoolingError(
            "{op_name} onnx pads must be {count} non-negative ints "
            "[x1_begin, x2_begin, ..., x1_end, x2_end], but got {value}",
            op_name=op_name,
            count=2 * dims,
            value=shown(pads),
        )
    return tuple(int(side) for side in values)


def onnx_same_geometry(op_name, mode, sizes, kernel, steps, spacing) -> PaddedGeometry:
    """SAME_UPPER / SAME_LOWER: ``ceil(L / s)`` outputs, as onnxruntime pads them."""
    if spacing != (1,) * len(sizes):
        raise PoolingError(
            "{op_name} onnx auto_pad={mode} with dilations={dilations} is refused: the "
            "ONNX spec pads for the dilated window, onnxruntime for the undilated one, so "
            "the two disagree; give explicit pads instead",
            op_name=op_name,
            mode=mode,
            dilations=list(spacing),
        )
    needed = [
        (math.ceil(length / stride) - 1) * stride + size - length
        for length, size, stride in zip(sizes, kernel, steps)
    ]
    if min(needed) < 0:
        raise PoolingError(
            "{op_name} onnx auto_pad={mode} needs negative padding {needed} for input size "
            "{size}, kernel_shape {kernel} and strides {strides} (a stride larger "
            "than the kernel leaves cells out); onnxruntime refuses it",
            op_name=op_name,
            mode=mode,
            needed=needed,
            size=sizes,
            kernel=list(kernel),
            strides=list(steps),
        )
    pads = tuple(
        same_pads(length, size, stride, extra_low=mode == "SAME_LOWER")
        for length, size, stride in zip(sizes, kernel, steps)
    )
    return build_geometry(op_name, sizes, kernel, steps, spacing, pads, False)


def framework_geometry(
    framework: str,
    input_size,
    kernel_size,
    stride=None,
    padding=0,
    dilation=1,
    ceil_mode: bool = False,
) -> PaddedGeometry:
    """The window geometry of a pool as ``framework`` computes it.

    Parameters
    ----------
    framework : {"torch", "keras", "jax", "onnx"}
    input_size : (L,) or (H, W)
    kernel_size, stride, dilation : int or tuple of int
        ``stride=None`` is the framework's default: the kernel size for torch and keras, 1 for
        jax and onnx.
    padding
        What the framework takes: torch an int or tuple (both sides); keras ``"valid"`` or
        ``"same"``; jax ``"VALID"``, ``"SAME"``, ``"SAME_LOWER"`` or ``(low, high)`` pairs;
        onnx an ``auto_pad`` string (``"VALID"``, ``"SAME_UPPER"``, ``"SAME_LOWER"``,
        ``"NOTSET"``) or its ``pads`` list ``[x1_begin, x2_begin, x1_end, x2_end]`` (an int
        pads every side alike). ``padding=0`` means none for every framework.
    ceil_mode : bool
        torch and onnx only.

    Raises
    ------
    PoolingError
        Naming the framework and the parameter it cannot express, such as "keras has no
        ceil_mode" or "keras pooling has no dilation".
    """
    if framework == "torch":
        return torch_geometry(input_size, kernel_size, stride, padding, dilation, ceil_mode)
    if framework not in FRAMEWORKS:
        raise PoolingError(
            "{op_name} framework must be one of {choices}, but got {value}",
            op_name="framework_geometry()",
            choices=", ".join(FRAMEWORKS),
            value=shown(framework),
        )
    dims = len(check_input_size("framework_geometry()", input_size))
    if framework == "onnx":
        if isinstance(padding, str):
            return onnx_geometry(
                input_size, kernel_size, stride, None, padding, ceil_mode, dilation
            )
        pads = (padding,) * 2 * dims if is_int(padding) else padding
        return onnx_geometry(input_size, kernel_size, stride, pads, "NOTSET", ceil_mode, dilation)
    no_padding = is_int(padding) and padding == 0
    if framework == "keras":
        refuse_unless_default("keras", dilation, ceil_mode, dims, "keras_geometry()")
        return keras_geometry(input_size, kernel_size, stride, "valid" if no_padding else padding)
    return jax_geometry(
        input_size, kernel_size, stride, "VALID" if no_padding else padding, dilation, ceil_mode
    )


__all__ = [
    "FRAMEWORKS",
    "ONNX_AUTO_PADS",
    "framework_geometry",
    "jax_geometry",
    "keras_geometry",
    "onnx_geometry",
    "same_pads",
    "torch_geometry",
]
