"""The four frameworks whose max and average pooling PoolScope reproduces, each declared once.

A :class:`Framework` says which settings its pooling layers have (PyTorch's symmetric
``padding``, Keras' ``padding="same"``, JAX's and ONNX's per-side ``pads``, ONNX's
``auto_pad``, ceil mode, dilation), its defaults (``count_include_pad``), what it does with a
last ceil-mode window and where the gradient of a tied maximum goes, and writes the code that
reproduces a setting. :func:`geometry_of` turns PoolScope's settings into the framework's
window geometry (:class:`~engine.ops.frameworks.PaddedGeometry`); the max and average kinds,
their layout, the command line and the Frameworks view all ask these declarations.
:func:`backward_problem` says, in one sentence, why settings have no backward pass (ONNX is an
inference format); the kinds' backwards raise it rather than borrow PyTorch's gradient.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from engine.errors import PoolingError
from engine.ops.frameworks import (
    FRAMEWORK_COUNT_INCLUDE_PAD,
    FRAMEWORK_EMPTY_AVERAGE,
    FRAMEWORK_MAX_RULES,
    FRAMEWORK_TIE_RULES,
    PaddedGeometry,
    jax_geometry,
    keras_geometry,
    onnx_geometry,
    torch_geometry,
)
from engine.pooling.code import dims, keras_size, keras_tuple, size
from engine.pooling.parameters import PoolParams, is_sequence
from engine.text import Text

WINDOW = ("kernel_size", "stride")


@dataclass(frozen=True)
class Framework:
    """One framework's max and average pooling.

    Attributes
    ----------
    name : str
        ``torch``, ``keras``, ``jax`` or ``onnx``: the ``framework`` setting and the command
        line's ``--framework``.
    label : str
        What the window calls it.
    max_settings, average_settings : tuple of str
        The :class:`~engine.pooling.parameters.PoolParams` fields its max and average pooling
        have, in the order shown (the tie rule is PoolScope's, offered for every framework).
    include_pad_default : bool or None
        Its average's ``count_include_pad`` default; None when it always divides by the real
        cells (Keras).
    ceil_rule : str
        What its ceil mode does with a last window that would start in the padding.
    tie_rule : str
        Where its gradient of a tied maximum goes.
    has_gradient : bool
        Whether it computes a backward pass (ONNX is an inference format).
    same_name : str
        How it spells "same" padding.
    links : tuple of str
        Its documentation of the two layers.
    geometry : callable
        ``geometry(params, (H, W))`` -> its :class:`PaddedGeometry` of the settings.
    code : callable
        ``code(params, averaging, input_shape)`` -> the code of its layer with the settings.
    """

    name: str
    label: str
    max_settings: tuple[str, ...]
    average_settings: tuple[str, ...]
    include_pad_default: bool | None
    ceil_rule: str
    tie_rule: str
    has_gradient: bool
    same_name: str
    links: tuple[str, ...]
    geometry: Callable[[PoolParams, tuple[int, int]], PaddedGeometry]
    code: Callable[[PoolParams, bool, tuple], str]

    @property
    def max_rule(self) -> str:
        """Its NaN and -inf rule (``rule`` of :func:`~engine.ops.frameworks.padded_max_pool`)."""
        return FRAMEWORK_MAX_RULES[self.name]

    @property
    def gradient_rule(self) -> str:
        """Where its backward sends a window's gradient (``tie`` of
        :func:`~engine.ops.frameworks.padded_max_pool_backward`).

        Raises
        ------
        PoolingError
            For a framework without a backward pass (ONNX), rather than borrowing another's.
        """
        rule = FRAMEWORK_TIE_RULES[self.name]
        if rule is None or not self.has_gradient:
            raise PoolingError(no_backward_sentence(self))
        return rule

    @property
    def empty_average(self) -> float:
        """What its average gives for a window without real cells when it divides by the
        real cells only (``empty_value`` of :func:`~engine.ops.frameworks.padded_avg_pool`)."""
        return FRAMEWORK_EMPTY_AVERAGE[self.name]

    def settings(self, averaging: bool) -> tuple[str, ...]:
        """The settings of its average (``averaging``) or max pooling."""
        return self.average_settings if averaging else self.max_settings


def side_pads(params: PoolParams) -> tuple[tuple[int, int], tuple[int, int]]:
    """``pads`` (top, left, bottom, right) as ((top, bottom), (left, right))."""
    top, left, bottom, right = params.pads
    return (top, bottom), (left, right)


def torch_geometry_of(params: PoolParams, input_size: tuple[int, int]) -> PaddedGeometry:
    return torch_geometry(
        input_size,
        params.kernel_size,
        params.stride,
        params.padding,
        params.dilation,
        params.ceil_mode,
    )


def keras_geometry_of(params: PoolParams, input_size: tuple[int, int]) -> PaddedGeometry:
    padding = "same" if params.same_padding else "valid"
    return keras_geometry(input_size, params.kernel_size, params.stride, padding)


def jax_geometry_of(params: PoolParams, input_size: tuple[int, int]) -> PaddedGeometry:
    if params.same_padding and any(params.pads):
        raise PoolingError(
            "jax pads cannot be used with 'same' padding, which works out the pads itself, "
            "but got pads={pads}",
            pads=list(params.pads),
        )
    padding = "SAME" if params.same_padding else side_pads(params)
    return jax_geometry(input_size, params.kernel_size, params.stride, padding)


def onnx_geometry_of(params: PoolParams, input_size: tuple[int, int]) -> PaddedGeometry:
    (top, bottom), (left, right) = side_pads(params)
    pads = (top, left, bottom, right)  # refused with auto_pad unless all 0, as ONNX does
    return onnx_geometry(
        input_size,
        params.kernel_size,
        params.stride,
        pads,
        params.auto_pad,
        params.ceil_mode,
        params.dilation,
    )


def torch_code(params: PoolParams, averaging: bool, input_shape) -> str:
    """``torch.nn.MaxPool2d(...)`` / ``AvgPool2d(...)`` (1D for a sequence)."""
    layer = "AvgPool" if averaging else "MaxPool"
    arguments = torch_arguments(params, averaging, input_shape)
    return f"torch.nn.{layer}{dims(input_shape)}({arguments})"


def torch_arguments(params: PoolParams, averaging: bool, input_shape) -> str:
    """The arguments of torch's (and PoolScope's ``F``) max or average pool."""
    arguments = [
        f"kernel_size={size(params.kernel_size, input_shape)}",
        f"stride={size(params.stride, input_shape)}",
        f"padding={size(params.padding, input_shape)}",
    ]
    if averaging:
        arguments += [
            f"ceil_mode={params.ceil_mode}",
            f"count_include_pad={params.count_include_pad}",
        ]
        if params.divisor_override is not None and not is_sequence(input_shape):
            arguments.append(f"divisor_override={params.divisor_override}")
    else:
        arguments += [
            f"dilation={size(params.dilation, input_shape)}",
            f"ceil_mode={params.ceil_mode}",
        ]
    return ", ".join(arguments)


def keras_code(params: PoolParams, averaging: bool, input_shape) -> str:
    """``keras.layers.MaxPooling2D(...)`` / ``AveragePooling2D(...)`` on channels-last input."""
    layer = "AveragePooling" if averaging else "MaxPooling"
    padding = "same" if params.same_padding else "valid"
    return (
        f"keras.layers.{layer}{dims(input_shape)[0]}D(pool_size="
        f"{keras_size(params.kernel_size, input_shape)}, "
        f"strides={keras_size(params.stride, input_shape)}, padding='{padding}')"
        "  # x is channels-last"
    )


def axis_pairs(params: PoolParams, input_shape) -> str:
    """Per-axis (low, high) padding as Flax writes it."""
    rows, cols = side_pads(params)
    return f"({cols},)" if is_sequence(input_shape) else f"({rows}, {cols})"


def jax_code(params: PoolParams, averaging: bool, input_shape) -> str:
    """``flax.linen.max_pool(...)`` / ``avg_pool(...)`` on channels-last input."""
    padding = "'SAME'" if params.same_padding else axis_pairs(params, input_shape)
    arguments = (
        f"window_shape={keras_tuple(params.kernel_size, input_shape)}, "
        f"strides={keras_tuple(params.stride, input_shape)}, padding={padding}"
    )
    if averaging:
        arguments += f", count_include_pad={params.count_include_pad}"
    function = "avg_pool" if averaging else "max_pool"
    return f"flax.linen.{function}(x, {arguments})  # x is channels-last"


def onnx_code(params: PoolParams, averaging: bool, input_shape) -> str:
    """``onnx.helper.make_node("MaxPool" / "AveragePool", ...)`` (opset 19 or later)."""
    sequence = is_sequence(input_shape)

    def listed(values) -> str:
        return f"[{values[1]}]" if sequence else f"[{values[0]}, {values[1]}]"

    arguments = [
        f"kernel_shape={listed(params.kernel_size)}",
        f"strides={listed(params.stride)}",
    ]
    if params.auto_pad != "NOTSET":
        arguments.append(f"auto_pad='{params.auto_pad}'")
    else:
        top, left, bottom, right = params.pads
        pads = [left, right] if sequence else [top, left, bottom, right]
        arguments.append(f"pads={pads}")
    arguments += [f"dilations={listed(params.dilation)}", f"ceil_mode={int(params.ceil_mode)}"]
    if averaging:
        arguments.append(f"count_include_pad={int(params.count_include_pad)}")
    operator = "AveragePool" if averaging else "MaxPool"
    outputs = "['y']" if averaging else "['y', 'indices']"
    return f"onnx.helper.make_node('{operator}', ['x'], {outputs}, {', '.join(arguments)})"


TORCH = Framework(
    name="torch",
    label="PyTorch",
    max_settings=(*WINDOW, "padding", "dilation", "ceil_mode"),
    average_settings=(*WINDOW, "padding", "ceil_mode", "count_include_pad", "divisor_override"),
    include_pad_default=FRAMEWORK_COUNT_INCLUDE_PAD["torch"],
    ceil_rule=Text(
        "ceil mode keeps a last window that hangs over the edge, but drops one that "
        "would start in the right/bottom padding"
    ),
    tie_rule=Text(
        "autograd sends a tied maximum's gradient to the first maximum of the window (row-major)"
    ),
    has_gradient=True,
    same_name=Text("(none: pad with F.pad first)"),
    links=(
        "https://pytorch.org/docs/stable/generated/torch.nn.MaxPool2d.html",
        "https://pytorch.org/docs/stable/generated/torch.nn.AvgPool2d.html",
    ),
    geometry=torch_geometry_of,
    code=torch_code,
)

KERAS = Framework(
    name="keras",
    label="TensorFlow / Keras",
    max_settings=(*WINDOW, "same_padding"),
    average_settings=(*WINDOW, "same_padding"),
    include_pad_default=None,
    ceil_rule=Text("no ceil mode: the output size is rounded down ('valid') or ceil(L/s) ('same')"),
    tie_rule=Text(
        "TensorFlow's MaxPoolGrad sends a tied maximum's gradient to the first maximum "
        "of the window (a NaN in its first cell keeps it); Keras on JAX follows JAX"
    ),
    has_gradient=True,
    same_name="padding='same'",
    links=(
        "https://keras.io/api/layers/pooling_layers/max_pooling2d/",
        "https://keras.io/api/layers/pooling_layers/average_pooling2d/",
    ),
    geometry=keras_geometry_of,
    code=keras_code,
)

JAX = Framework(
    name="jax",
    label="JAX / Flax",
    max_settings=(*WINDOW, "same_padding", "pads"),
    average_settings=(*WINDOW, "same_padding", "pads", "count_include_pad"),
    include_pad_default=FRAMEWORK_COUNT_INCLUDE_PAD["jax"],
    ceil_rule=Text(
        "no ceil mode: a longer output needs more padding at the end ((low, high) pairs)"
    ),
    tie_rule=Text(
        "jax.grad of lax.reduce_window(max) (XLA's select_and_scatter) sends a tied "
        "maximum's gradient to the first maximum of the window; a -inf maximum behind padding "
        "sends nothing"
    ),
    has_gradient=True,
    same_name="padding='SAME'",
    links=(
        "https://flax.readthedocs.io/en/latest/api_reference/flax.linen/layers.html",
        "https://jax.readthedocs.io/en/latest/_autosummary/jax.lax.reduce_window.html",
    ),
    geometry=jax_geometry_of,
    code=jax_code,
)

ONNX = Framework(
    name="onnx",
    label="ONNX",
    max_settings=(*WINDOW, "auto_pad", "pads", "dilation", "ceil_mode"),
    average_settings=(*WINDOW, "auto_pad", "pads", "dilation", "ceil_mode", "count_include_pad"),
    include_pad_default=FRAMEWORK_COUNT_INCLUDE_PAD["onnx"],
    ceil_rule=Text(
        "ceil mode keeps a last window that hangs over the edge and, as onnxruntime "
        "computes it, drops one that would start in the end padding"
    ),
    tie_rule=Text("no gradient: ONNX is an inference format"),
    has_gradient=False,
    same_name="auto_pad='SAME_UPPER'",
    links=(
        "https://onnx.ai/onnx/operators/onnx__MaxPool.html",
        "https://onnx.ai/onnx/operators/onnx__AveragePool.html",
    ),
    geometry=onnx_geometry_of,
    code=onnx_code,
)

FRAMEWORKS: dict[str, Framework] = {
    framework.name: framework for framework in (TORCH, KERAS, JAX, ONNX)
}
"""Every framework by its name, in the order the window shows them."""


def framework_of(params: PoolParams | str) -> Framework:
    """The framework of some settings (or of a name); PoolingError for an unknown one."""
    name = params if isinstance(params, str) else params.framework
    try:
        return FRAMEWORKS[name]
    except KeyError:
        raise PoolingError(
            "Unknown framework '{name}': choose one of {names}.",
            name=name,
            names=", ".join(FRAMEWORKS),
        ) from None


def no_backward_sentence(framework: Framework) -> str:
    """Why ``framework`` gives no gradient, in one sentence without a full stop."""
    return Text(
        "{framework} is an inference format: it has no backward pass", framework=framework.label
    )


def backward_problem(params: PoolParams) -> str:
    """Why settings ``params`` have no backward pass (their framework has none: ONNX), in one
    sentence without a full stop, or "" when they have one. The command line refuses
    ``--grad`` with it and the window's backward view shows it; the kinds' backwards raise
    it as a :class:`~engine.errors.PoolingError`.

    ``params`` are the settings as computed (:meth:`PoolKind.effective`): kinds that do not
    follow a framework always follow PyTorch, which has a backward.
    """
    framework = framework_of(params)
    return "" if framework.has_gradient else no_backward_sentence(framework)


def require_backward(params: PoolParams) -> None:
    """Raise PoolingError with :func:`backward_problem` when ``params`` have no backward."""
    problem = backward_problem(params)
    if problem:
        raise PoolingError(problem)


def with_gradient() -> tuple[Framework, ...]:
    """The frameworks that compute a backward pass, in the order the window shows them."""
    return tuple(framework for framework in FRAMEWORKS.values() if framework.has_gradient)


def geometry_of(params: PoolParams, input_shape) -> PaddedGeometry:
    """The windows of ``params`` (max or average) on an input of ``input_shape`` (C, H, W),
    as its framework computes them. Raises PoolingError, naming the framework, for settings
    it refuses (ONNX pads not smaller than the kernel, for example)."""
    framework = framework_of(params)
    input_size = tuple(int(length) for length in input_shape[-2:])
    try:
        return framework.geometry(params, input_size)
    except PoolingError as error:
        message = plain_message(error.message)
        if framework.name not in message.lower():
            message = Text("{framework}: {message}", framework=framework.label, message=message)
        raise PoolingError(message) from None


def plain_message(message: str) -> str:
    """An engine message without the name of the function that raised it; a
    :class:`~engine.text.Text` stays one (its template loses the name too)."""
    head, separator, rest = message.partition("() ")
    if not separator or " " in head:
        return message
    if isinstance(message, Text):
        first, space, template = message.template.partition(" ")
        try:
            named = first.format(**message.arguments)
        except (KeyError, IndexError, ValueError):
            named = None
        if space and named == f"{head}()":
            return Text(template, **message.arguments)
    return rest


def include_pad(params: PoolParams) -> bool:
    """Whether an average under ``params`` divides by the padding too (never for Keras)."""
    return framework_of(params).include_pad_default is not None and params.count_include_pad


def per_side_text(geometry: PaddedGeometry, sequence: bool = False) -> str:
    """The padding of every side, in words (a sequence's at its start and end)."""
    (top, bottom), (left, right) = geometry.as_2d().pads
    if sequence:
        return Text("start {start}, end {end}", start=left, end=right)
    return Text(
        "top {top}, bottom {bottom}, left {left}, right {right}",
        top=top,
        bottom=bottom,
        left=left,
        right=right,
    )


def uses(averaging: bool):
    """The ``uses`` of the max (``averaging=False``) or average kind: the settings of the
    chosen framework, then the framework itself (and the tie rule, for max)."""

    def used(params: PoolParams) -> tuple[str, ...]:
        framework = framework_of(params.framework if params.framework in FRAMEWORKS else "torch")
        extra = ("framework",) if averaging else ("framework", "tie")
        depth = ("depth_kernel", "depth_stride", "depth_padding")
        depth = depth if averaging else (*depth, "depth_dilation")
        return (*framework.settings(averaging), *extra, *depth)

    return used


def carried_over(params: PoolParams, name: str) -> PoolParams:
    """``params`` moved to framework ``name``: its padding carried between PyTorch's
    symmetric ``padding`` and the per-side ``pads``, and the average's divisor rule reset to
    the new framework's default (``count_include_pad``: PyTorch and Flax True, ONNX False)."""
    target = framework_of(name)
    changes: dict = {"framework": target.name}
    height, width = params.padding
    if "pads" in target.max_settings and params.framework == "torch":
        changes["pads"] = (height, width, height, width)
    top, left, bottom, right = params.pads
    if target.name == "torch" and params.framework in ("jax", "onnx"):
        if (top, left) == (bottom, right):
            changes["padding"] = (top, left)
    if target.include_pad_default is not None:
        changes["count_include_pad"] = target.include_pad_default
    if target.name != "onnx":
        changes["auto_pad"] = "NOTSET"
    return params.replace(**changes)


@dataclass(frozen=True)
class Port:
    """Settings written in another framework: what it computes, and what did not carry over.

    Attributes
    ----------
    params : PoolParams
        The nearest settings the target framework has.
    notes : tuple of str
        One sentence per setting it cannot express, naming the framework and the setting.
    """

    params: PoolParams
    notes: tuple[str, ...]


def port(
    params: PoolParams, target: str, input_shape, averaging: bool, defaults: bool = True
) -> Port:
    """``params`` (max or, with ``averaging``, average; any framework) as framework
    ``target`` would write them.

    The kernel and stride carry over; padding carries over as the target writes it ("same"
    as its "same", per-side pads as pads, symmetric pads as PyTorch's ``padding``); dilation,
    ceil mode and a divisor override carry over where the target has them and are dropped,
    with a note, where it has not. With ``defaults`` the average's ``count_include_pad`` is
    the target's default (what a literal port gets); else the current rule is kept where the
    target can express it.

    Raises
    ------
    PoolingError
        If ``params`` themselves cannot be computed on ``input_shape``.
    """
    source, framework = framework_of(params), framework_of(target)
    settings = framework.settings(averaging)
    geometry = geometry_of(params, input_shape).as_2d()
    (top, bottom), (left, right) = geometry.pads
    sides = per_side_text(geometry, is_sequence(input_shape))
    label, notes = framework.label, []
    changes: dict = {
        "framework": framework.name,
        "same_padding": False,
        "auto_pad": "NOTSET",
        "padding": (0, 0),
        "pads": (0, 0, 0, 0),
    }
    same = params.same_padding or params.auto_pad == "SAME_UPPER"
    if same and framework.same_name.startswith("auto_pad"):
        changes["auto_pad"] = "SAME_UPPER"
    elif same and "same_padding" in settings:
        changes["same_padding"] = True
    elif "pads" in settings:
        changes["pads"] = (top, left, bottom, right)
    elif "padding" in settings:
        changes["padding"] = (top, left)
        if (top, left) != (bottom, right):
            notes.append(
                Text(
                    "{framework} pads both sides alike: shown with padding=({top}, {left}); for "
                    "{sides} pad with F.pad(x, ({left}, {right}, {top}, {bottom})) first",
                    framework=label,
                    top=top,
                    left=left,
                    bottom=bottom,
                    right=right,
                    sides=sides,
                )
            )
    elif (top, left, bottom, right) != (0, 0, 0, 0):
        changes["same_padding"] = True
        notes.append(
            Text(
                "{framework} cannot pad explicitly (padding is 'valid' or 'same'): shown with "
                "padding='same' instead of {sides}",
                framework=label,
                sides=sides,
            )
        )
    for name, neutral in (("dilation", (1, 1)), ("ceil_mode", False), ("divisor_override", None)):
        value = getattr(params, name)
        if value == neutral or name not in source.settings(averaging):
            continue
        if name in settings:
            changes[name] = value
        else:
            notes.append(dropped(name, label, value))
            changes[name] = neutral
    if averaging:
        changes["count_include_pad"] = (
            framework.include_pad_default
            if defaults and framework.include_pad_default is not None
            else include_pad(params)
        )
        padded = any(side for pair in geometry.pads for side in pair)
        if framework.include_pad_default is None and include_pad(params) and padded:
            notes.append(
                Text(
                    "{framework} always divides by the real cells: count_include_pad dropped",
                    framework=label,
                )
            )
    return Port(params.replace(**changes), tuple(notes))


def dropped(name: str, label: str, value) -> Text:
    """The note that framework ``label`` has no setting ``name``, so its ``value`` is dropped."""
    if name == "dilation":
        return Text(
            "{framework} has no dilation: dilation={value} dropped", framework=label, value=value
        )
    if name == "ceil_mode":
        return Text(
            "{framework} has no ceil_mode: ceil_mode={value} dropped", framework=label, value=value
        )
    return Text(
        "{framework} has no divisor_override: divisor_override={value} dropped",
        framework=label,
        value=value,
    )
