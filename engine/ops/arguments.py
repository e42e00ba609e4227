"""Argument checks every op shares: sizes, flags and rates, refused with a PoolingError that
names the parameter.

Torch's own types are accepted as torch accepts them: Python and NumPy integers (and integer
arrays) for sizes, Python and NumPy bools for flags. Bools are not sizes, floats are not
truncated to ints, strings are not sequences, and sizes beyond ``2**31 - 1`` are refused
before any arithmetic could overflow.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from engine.errors import PoolingError

IntOrTuple = int | Sequence[int]

LARGEST_SIZE = 2**31 - 1
"""Largest kernel size, stride, padding, dilation or output size an op accepts: large enough
for any image, small enough that no window position overflows int64."""


def shown(value) -> str:
    """``repr(value)`` cut to 60 characters, for error messages about arbitrary arguments."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def is_int(value) -> bool:
    """True for Python and NumPy integers, False for bools (``True`` is not a size)."""
    return isinstance(value, int | np.integer) and not isinstance(value, bool)


def check_int(op_name: str, name: str, value, minimum: int | None = None) -> int:
    """``value`` as a Python int, refused unless it is an integer in ``[minimum, 2**31 - 1]``."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if not is_int(value):
        raise PoolingError(
            "{op_name}() {name} must be an int, but got {value}",
            op_name=op_name,
            name=name,
            value=shown(value),
        )
    value = int(value)
    if minimum is not None and value < minimum:
        raise PoolingError(
            "{op_name}() {name} must be at least {minimum}, but got {value}",
            op_name=op_name,
            name=name,
            minimum=minimum,
            value=value,
        )
    if abs(value) > LARGEST_SIZE:
        raise PoolingError(
            "{op_name}() {name} must be at most {largest}, but got {value}",
            op_name=op_name,
            name=name,
            largest=LARGEST_SIZE,
            value=value,
        )
    return value


def check_flag(op_name: str, name: str, value) -> bool:
    """``value`` as a Python bool; ``True``, ``False``, NumPy bools and the ints 0 and 1 pass."""
    if isinstance(value, bool | np.bool_) or (is_int(value) and int(value) in (0, 1)):
        return bool(value)
    raise PoolingError(
        "{op_name}() {name} must be True or False, but got {value}",
        op_name=op_name,
        name=name,
        value=shown(value),
    )


def check_real(op_name: str, name: str, value) -> float:
    """``value`` as a finite Python float; ints and NumPy integers or floats pass."""
    if isinstance(value, bool | np.bool_) or not isinstance(
        value, int | float | np.integer | np.floating
    ):
        raise PoolingError(
            "{op_name}() {name} must be a number, but got {value}",
            op_name=op_name,
            name=name,
            value=shown(value),
        )
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise PoolingError(
            "{op_name}() {name} must be a finite number, but got {value}",
            op_name=op_name,
            name=name,
            value=shown(value),
        )
    return number


def to_tuple(value: IntOrTuple, spatial_dims: int, name: str, op_name: str = "") -> tuple[int, ...]:
    """Turn ``3`` or ``(3, 2)`` into a tuple of ``spatial_dims`` Python ints.

    NumPy integers and integer arrays count as ints; bools, floats, strings and ints beyond
    ``2**31 - 1`` in size do not.

    Raises
    ------
    PoolingError
        If ``value`` is not an int or a sequence of ``spatial_dims`` (or one) ints.
    """
    named = {"name": name, "count": spatial_dims, "value": shown(value)}
    if op_name:
        refusal = PoolingError(
            "{op_name}() {name} must be an int or a tuple of {count} ints, but got {value}",
            op_name=op_name,
            **named,
        )
    else:
        refusal = PoolingError(
            "{name} must be an int or a tuple of {count} ints, but got {value}", **named
        )
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if is_int(value):
        items: tuple = (value,)
    elif isinstance(value, str | bytes | dict) or value is None:
        raise refusal
    else:
        try:
            items = tuple(value)
        except TypeError:
            raise refusal from None
    if len(items) == 1:
        items = items * spatial_dims
    if len(items) != spatial_dims or not all(is_int(item) for item in items):
        raise refusal
    if any(abs(int(item)) > LARGEST_SIZE for item in items):
        if op_name:
            raise PoolingError(
                "{op_name}() {name} must be at most {largest}, but got {value}",
                op_name=op_name,
                name=name,
                largest=LARGEST_SIZE,
                value=shown(value),
            )
        raise PoolingError(
            "{name} must be at most {largest}, but got {value}",
            name=name,
            largest=LARGEST_SIZE,
            value=shown(value),
        )
    return tuple(int(item) for item in items)


def is_empty(value) -> bool:
    """True for ``()`` and ``[]``, which torch reads as "no stride given"."""
    return isinstance(value, tuple | list) and len(value) == 0


__all__ = [
    "LARGEST_SIZE",
    "check_flag",
    "check_int",
    "check_real",
    "is_empty",
    "is_int",
    "shown",
    "to_tuple",
]
