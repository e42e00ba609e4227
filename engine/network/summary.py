"""The network as Keras's ``model.summary()`` prints it, and the article's arithmetic.

Shapes are shown channels-last with a ``None`` batch axis, ``(None, 26, 26, 32)``, as Keras
prints them, although the engine computes channels first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.network.architecture import NO_POOLING, Architecture, layer_shapes, layers_of, pool_name
from engine.network.layers import Flatten
from engine.text import Text, joined


@dataclass(frozen=True)
class SummaryRow:
    """One row of the summary.

    Attributes
    ----------
    name : str
        Keras's layer name (``conv2d_1``).
    type_name : str
        The Keras class (``Conv2D``), or what PoolScope calls a pooling Keras lacks.
    output_shape : tuple
        ``(None, H, W, C)`` or ``(None, features)``.
    parameters : int
    """

    name: str
    type_name: str
    output_shape: tuple
    parameters: int


def keras_shape(shape: tuple[int, ...]) -> tuple:
    """A per-example channels-first shape as Keras prints it: (C, H, W) -> (None, H, W, C)."""
    if len(shape) == 3:
        return (None, shape[1], shape[2], shape[0])
    return (None, *shape)


def summary_rows(architecture: Architecture) -> list[SummaryRow]:
    """Every layer's name, type, output shape and parameter count, in order."""
    layers = layers_of(architecture)
    rows = []
    for layer, (input_shape, output_shape) in zip(layers, layer_shapes(architecture, layers)):
        count = sum(int(np.prod(shape)) for shape in layer.parameter_shapes(input_shape).values())
        rows.append(SummaryRow(layer.name, layer.type_name, keras_shape(output_shape), count))
    return rows


def parameter_count(architecture: Architecture) -> int:
    return sum(row.parameters for row in summary_rows(architecture))


def shape_text(shape: tuple) -> str:
    return "(" + ", ".join(str(size) for size in shape) + ")"


def summary_text(architecture: Architecture) -> str:
    """The summary as Keras 2 prints it (plain text, for a fixed-width font); the first
    column widens for the long names of kinds Keras lacks."""
    rows = summary_rows(architecture)
    labels = [f"{row.name} ({row.type_name})" for row in rows]
    name_width = max(28, *(len(label) + 1 for label in labels))
    line_width = name_width + 26 + 11
    lines = [
        'Model: "sequential"',
        "_" * line_width,
        f" {'Layer (type)':<{name_width}}{'Output Shape':<26}Param #",
        "=" * line_width,
    ]
    for index, (label, row) in enumerate(zip(labels, rows)):
        lines.append(f" {label:<{name_width}}{shape_text(row.output_shape):<26}{row.parameters:,}")
        lines.append("" if index < len(rows) - 1 else "=" * line_width)
    total = sum(row.parameters for row in rows)
    lines += [
        f"Total params: {total:,}",
        f"Trainable params: {total:,}",
        "Non-trainable params: 0",
        "_" * line_width,
    ]
    return "\n".join(lines)


def flattened_map(architecture: Architecture) -> tuple[int, ...]:
    """The (C, H, W) map the Flatten layer hands to the dense head."""
    layers = layers_of(architecture)
    shapes = layer_shapes(architecture, layers)
    return next(shape for layer, (shape, _) in zip(layers, shapes) if isinstance(layer, Flatten))


def head_arithmetic_lines(architecture: Architecture, units: int = 512) -> list[Text]:
    """The article's sum, one sentence per network: the weights a ``Dense(units)`` head
    would need on the flattened map of this network and of its twin without pooling."""
    lines = []
    for network in dict.fromkeys((architecture, architecture.twin(NO_POOLING))):
        channels, height, width = flattened_map(network)
        values = channels * height * width
        weights = values * units
        lines.append(
            Text(
                "{pool}: the last map is {height} x {width} x {channels} = {values} "
                "values; a Dense({units}) on it needs {values} x {units} = {weights} weights "
                "({millions} M) plus {units} biases.",
                pool=pool_name(network.pool),
                height=height,
                width=width,
                channels=channels,
                values=f"{values:,}",
                units=units,
                weights=f"{weights:,}",
                millions=f"{weights / 1e6:.2f}",
            )
        )
    return lines


def head_arithmetic(architecture: Architecture, units: int = 512) -> str:
    """:func:`head_arithmetic_lines` as one text, a line per network."""
    return joined("\n", head_arithmetic_lines(architecture, units))
