"""How settings are written in code: torch's argument forms, Keras' and Flax's tuples, and
the 1D forms of a sequence (a one-row input)."""

from __future__ import annotations

from engine.pooling.parameters import is_sequence


def pair(values: tuple[int, int]) -> str:
    """``3`` for (3, 3), ``(3, 2)`` otherwise, as torch arguments are written."""
    return str(values[0]) if values[0] == values[1] else f"({values[0]}, {values[1]})"


def dims(input_shape) -> str:
    """``"1d"`` for a sequence (a one-row input), else ``"2d"``: the suffix of torch's names."""
    return "1d" if is_sequence(input_shape) else "2d"


def size(values: tuple[int, int], input_shape) -> str:
    """A per-axis setting as torch writes it for this input: one number for a sequence (its
    length axis), else :func:`pair`."""
    return str(values[1]) if is_sequence(input_shape) else pair(values)


def keras_size(values: tuple[int, int], input_shape) -> str:
    """A per-axis setting as Keras writes it: ``3`` for a sequence, ``(3, 2)`` otherwise."""
    return str(values[1]) if is_sequence(input_shape) else str(tuple(values))


def keras_tuple(values: tuple[int, int], input_shape) -> str:
    """A per-axis setting as Flax writes it: ``(3,)`` for a sequence, ``(3, 2)`` otherwise."""
    return f"({values[1]},)" if is_sequence(input_shape) else str(tuple(values))


def plane_input(input_shape) -> str:
    """How PoolScope's 2D-only ops are called on this input: a sequence gets a height axis."""
    return "x[..., None, :]" if is_sequence(input_shape) else "x"
