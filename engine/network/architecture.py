"""The article's network and its twins: which layers, named as Keras names them, and the
shape of each layer's output.

The default is the Keras CNN for 28x28 digits from Chollet's *Deep Learning with Python*
(5.1): Conv2D(32, 3) ReLU, MaxPooling2D(2), Conv2D(64, 3) ReLU, MaxPooling2D(2), Conv2D(64, 3)
ReLU, Flatten, Dense(64) ReLU, Dense(10). Its two pooling layers are any registry kind
(kernel 2, stride 2 unless told), a 3x3 convolution of stride 2 (``"stride2conv"``), or nothing
(``"none"``, the no-pooling twin). A width factor scales the convolutions' channels and the
hidden dense layer, so a run fits a small machine.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from dataclasses import dataclass

from engine.errors import PoolingError
from engine.network.layers import Conv2D, Dense, Flatten, Layer, Pooling2D
from engine.pooling.kinds import KINDS, kind_of
from engine.pooling.parameters import PoolParams
from engine.text import Text

NO_POOLING = "none"
STRIDED_CONVOLUTION = "stride2conv"
CONV_CHANNELS = (32, 64, 64)
DENSE_UNITS = 64


def trainable_pools() -> tuple[str, ...]:
    """Every pooling an :class:`Architecture` accepts: the registry's kinds that have a
    backward, then ``"stride2conv"`` and ``"none"``."""
    kinds = tuple(name for name, kind in KINDS.items() if kind.backward is not None)
    return (*kinds, STRIDED_CONVOLUTION, NO_POOLING)


@functools.cache
def pool_name(pool: str) -> Text:
    """A pooling choice as a sentence names it: the kind's label ("Max"), "No pooling" or
    "Stride-2 convolution", never the command-line identifier."""
    if pool == NO_POOLING:
        return Text("No pooling")
    if pool == STRIDED_CONVOLUTION:
        return Text("Stride-2 convolution")
    return Text(kind_of(pool).label)


def pool_choices(input_shape: tuple[int, int, int] = (1, 28, 28)) -> tuple[str, ...]:
    """The poolings of :func:`trainable_pools` whose network fits an input of
    ``input_shape`` with the default settings (a global pool leaves a 1x1 map that the next
    3x3 convolution cannot take, a spatial pyramid a vector): what a user is offered."""
    fitting = []
    for pool in trainable_pools():
        try:
            layer_shapes(Architecture(pool=pool, input_shape=input_shape))
        except ValueError:
            continue
        fitting.append(pool)
    return tuple(fitting)


@dataclass(frozen=True)
class Architecture:
    """Which network to build.

    Attributes
    ----------
    pool : str
        One of :func:`pool_choices`.
    width : float
        Factor on the channels of every convolution and the hidden dense layer (each at
        least 1).
    pool_settings : PoolParams
        The pooling layers' settings (its ``pool_type`` is ignored: ``pool`` says the kind).
    input_shape : (C, H, W)
    classes : int
    """

    pool: str = "max"
    width: float = 1.0
    pool_settings: PoolParams = PoolParams()
    input_shape: tuple[int, int, int] = (1, 28, 28)
    classes: int = 10

    def __post_init__(self):
        if self.pool not in trainable_pools():
            raise PoolingError(
                "Unknown pooling '{pool}' for the network: choose one of {choices}.",
                pool=self.pool,
                choices=", ".join(trainable_pools()),
            )
        if not 0 < self.width <= 16:
            raise ValueError(
                Text(
                    "The width factor must be above 0 and at most 16, not {width}", width=self.width
                )
            )

    def channels(self, count: int) -> int:
        return max(1, round(count * self.width))

    def twin(self, pool: str) -> Architecture:
        """The same network with another pooling (``"none"``: its no-pooling twin)."""
        return dataclasses.replace(self, pool=pool)


def keras_snake_case(class_name: str) -> str:
    """Keras's default layer name for a class: ``MaxPooling2D`` -> ``max_pooling2d``."""
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", class_name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()


KERAS_LAYER = re.compile(r"keras\.layers\.(\w+)\(")


def pooling_names(params: PoolParams, input_shape: tuple[int, ...]) -> tuple[str, str]:
    """``(base name, type)`` of a pooling layer in the summary: the Keras class the kind's
    own Keras snippet uses (``max_pooling2d``, ``MaxPooling2D``), else one after the kind."""
    kind = kind_of(params)
    for code in kind.snippets(kind.effective(params, input_shape), input_shape).values():
        match = KERAS_LAYER.match(code)
        if match:
            return keras_snake_case(match.group(1)), match.group(1)
    return f"{kind.name}_pooling2d", Text("{kind} pooling", kind=kind.label)


class KerasNames:
    """Keras's automatic names: ``conv2d``, ``conv2d_1``, ``conv2d_2``, ... per base name."""

    def __init__(self):
        self.counts: dict[str, int] = {}

    def __call__(self, base: str) -> str:
        count = self.counts.get(base, 0)
        self.counts[base] = count + 1
        return base if count == 0 else f"{base}_{count}"


def windowed_size(length: int, params: PoolParams, axis: int) -> int:
    """What kernel, stride, padding and dilation make of ``length`` along ``axis`` (torch's
    floor formula): the output size given to kinds that take one (adaptive, fractional)."""
    kernel, stride = params.kernel_size[axis], params.stride[axis]
    padding, dilation = params.padding[axis], params.dilation[axis]
    return max(1, (length + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1)


def pooling_layer(architecture: Architecture, name_of: KerasNames, input_shape) -> Layer | None:
    """The pooling layer for a (C, H, W) input, or None for the no-pooling twin. Kinds with
    an output size get the one kernel and stride would give, so every kind makes maps of
    the same shapes as max pooling."""
    channels, height, width = input_shape
    if architecture.pool == NO_POOLING:
        return None
    if architecture.pool == STRIDED_CONVOLUTION:
        return Conv2D(name_of("conv2d"), channels, kernel_size=3, stride=2)
    params = architecture.pool_settings.replace(pool_type=architecture.pool)
    if "output_size" in kind_of(params).parameters:
        size = (windowed_size(height, params, 0), windowed_size(width, params, 1))
        params = params.replace(output_size=size)
    base, type_name = pooling_names(params, input_shape)
    return Pooling2D(name_of(base), params, type_name)


def layers_of(architecture: Architecture) -> tuple[Layer, ...]:
    """The network's layers, in order, named as Keras would name them.

    Raises
    ------
    PoolingError
        Naming the layer and the shape, when a layer does not fit its input.
    """
    name_of = KerasNames()
    convolutions = [Conv2D(name_of("conv2d"), architecture.channels(CONV_CHANNELS[0]))]
    layers: list[Layer] = []
    shape: tuple[int, ...] = architecture.input_shape
    for count in CONV_CHANNELS[1:]:
        layers.append(convolutions[-1])
        shape = checked_shape(architecture, convolutions[-1], shape)
        pooling = pooling_layer(architecture, name_of, shape)
        if pooling is not None:
            layers.append(pooling)
            shape = checked_shape(architecture, pooling, shape)
        convolutions.append(Conv2D(name_of("conv2d"), architecture.channels(count)))
    layers.append(convolutions[-1])
    layers.append(Flatten(name_of("flatten")))
    layers.append(Dense(name_of("dense"), architecture.channels(DENSE_UNITS)))
    layers.append(Dense(name_of("dense"), architecture.classes, activation=False))
    return tuple(layers)


def checked_shape(architecture: Architecture, layer: Layer, input_shape) -> tuple[int, ...]:
    """The layer's output shape, or a PoolingError naming the network, the layer and the
    shape."""
    try:
        return layer.output_shape(input_shape)
    except ValueError as error:
        raise PoolingError(
            "The network with '{pool}' pooling does not fit a {shape} (C, H, W) input at "
            "{layer} ({type_name}): {problem}",
            pool=architecture.pool,
            shape=architecture.input_shape,
            layer=layer.name,
            type_name=layer.type_name,
            problem=error.args[0] if error.args and isinstance(error.args[0], str) else error,
        ) from None


def layer_shapes(
    architecture: Architecture, layers: tuple[Layer, ...] | None = None
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """``(input shape, output shape)`` of every layer, per example, channels first.

    Raises
    ------
    PoolingError
        When a layer does not fit its input (see :func:`checked_shape`).
    """
    shape: tuple[int, ...] = architecture.input_shape
    shapes = []
    for layer in layers or layers_of(architecture):
        output = checked_shape(architecture, layer, shape)
        shapes.append((shape, output))
        shape = output
    return shapes


def architecture_to_json(architecture: Architecture) -> str:
    return json.dumps(dataclasses.asdict(architecture))


def architecture_from_json(text: str) -> Architecture:
    """The :class:`Architecture` :func:`architecture_to_json` wrote (lists back to tuples)."""
    values = json.loads(text)
    defaults = PoolParams()
    settings = {
        name: tuple(value) if isinstance(getattr(defaults, name), tuple) else value
        for name, value in values.pop("pool_settings").items()
    }
    values["input_shape"] = tuple(values["input_shape"])
    return Architecture(**values, pool_settings=PoolParams(**settings))
