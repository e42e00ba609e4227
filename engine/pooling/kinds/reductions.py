"""What a window's cells become (:class:`Reduction`), and one output cell's arithmetic in words.

Each reduction describes its own arithmetic (:meth:`Reduction.describe`), so a view asks the
kind and only formats: it hands over the numbers of one channel of one output cell
(:class:`CellNumbers`) and how it writes numbers (:class:`Writing`), and gets the sentence
around the result back (:class:`Arithmetic`), which it may print with the result emphasised.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from engine.ops.blurpool import binomial_filter
from engine.pooling.parameters import PoolParams


class Reduction(enum.Enum):
    """What a window's cells become, for the arithmetic the window writes out."""

    MAXIMUM = "maximum"
    MINIMUM = "minimum"
    AVERAGE = "average"
    POWER_AVERAGE = "power average"
    SOFTMAX_AVERAGE = "softmax-weighted average"
    RANDOM_PICK = "random pick"
    MIXED = "mix of maximum and average"
    BLURRED_MAXIMUM = "blurred maximum"

    def describe(
        self, cell: CellNumbers, params: PoolParams, writing: Writing | None = None
    ) -> Arithmetic:
        """One channel of one output cell's computation, in words (see :class:`Arithmetic`).

        Parameters
        ----------
        cell : CellNumbers
            The window's numbers.
        params : PoolParams
            The settings as computed (the kind's effective settings).
        writing : Writing, optional
            How numbers and the listed values are written; :data:`PLAIN` when None.
        """
        return DESCRIPTIONS[self](cell, params, writing or PLAIN)


@dataclass(frozen=True)
class CellNumbers:
    """One channel of one output cell: what its arithmetic is written from.

    Attributes
    ----------
    values : ndarray of shape (n_real,)
        The window's real cells, in row-major window order.
    padding : int
        The window's padding cells.
    total : float or None
        The window's sum, for averaging kinds.
    divisor : float or None
        What the sum was divided by, for averaging kinds (0 when no cell counts).
    chose_cell : bool
        Whether the kind chose one cell of the window (arg-max, arg-min, random pick): the
        view then says which.
    dimensions : int
        1 for a sequence, 2 for an image, 3 for a volume: how the kernel is written.
    """

    values: np.ndarray
    padding: int = 0
    total: float | None = None
    divisor: float | None = None
    chose_cell: bool = False
    dimensions: int = 2


@dataclass(frozen=True)
class Writing:
    """How a view writes the numbers of a sentence.

    Attributes
    ----------
    number : callable
        ``number(value) -> str`` for one number.
    values : callable
        ``values(array) -> str`` for the window's listed values (it may shorten a long list).
    """

    number: Callable[[float], str]
    values: Callable[[np.ndarray], str]


def plain_number(value: float) -> str:
    return f"{value:g}"


PLAIN = Writing(
    number=plain_number,
    values=lambda values: ", ".join(plain_number(float(value)) for value in values),
)
"""Numbers as Python's ``g`` format writes them, every value listed."""


@dataclass(frozen=True)
class Arithmetic:
    """A cell's computation in words around its result: ``before`` + result + ``after``
    (``"max(1, 3) = "`` + ``"3"`` + ``""``). Plain text; the view formats the result."""

    before: str
    after: str = ""


Describe = Callable[[CellNumbers, PoolParams, Writing], Arithmetic]
"""``describe(cell, params, writing) -> Arithmetic`` of one reduction."""


def extreme(name: str, fill: str) -> Describe:
    """A maximum or minimum: the values, the padding and the fill it has."""

    def describe(cell: CellNumbers, params: PoolParams, writing: Writing) -> Arithmetic:
        note = f" (+{cell.padding} padding cells at {fill})" if cell.padding else ""
        return Arithmetic(f"{name}({writing.values(cell.values)}){note} = ")

    return describe


def average(cell: CellNumbers, params: PoolParams, writing: Writing) -> Arithmetic:
    shown = writing.values(cell.values)
    if cell.divisor is None:
        return Arithmetic(f"the mean of ({shown}) = ")
    total = writing.number(float(cell.values.sum() if cell.total is None else cell.total))
    divisor = writing.number(cell.divisor)
    if cell.divisor == 0:
        return Arithmetic(f"no real cell to divide by (sum({shown}) = {total}, divisor 0): ")
    return Arithmetic(f"sum({shown}) = {total}; divisor {divisor}; {total} / {divisor} = ")


def kernel_text(kernel_size: tuple[int, ...], dimensions: int) -> str:
    """The kernel as the sentence writes it: ``3`` for a sequence, ``3x3``, ``2x3x3``."""
    return "x".join(str(size) for size in kernel_size[-dimensions:])


def window_kernel(params: PoolParams, dimensions: int) -> tuple[int, ...]:
    """The kernel of a window: the depth's in front of the plane's for a volume."""
    if dimensions == 3:
        return (params.depth_kernel, *params.kernel_size)
    return tuple(params.kernel_size)


def power_average(cell: CellNumbers, params: PoolParams, writing: Writing) -> Arithmetic:
    power = writing.number(params.norm_type)
    window = kernel_text(window_kernel(params, cell.dimensions), cell.dimensions)
    return Arithmetic(
        f"(sum of x^{power} over ({writing.values(cell.values)}) x {window} / "
        f"{len(cell.values)} cells)^(1/{power}) = "
    )


def softmax_average(cell: CellNumbers, params: PoolParams, writing: Writing) -> Arithmetic:
    return Arithmetic(f"sum(e^x · x) / sum(e^x) over ({writing.values(cell.values)}) = ")


def random_pick(cell: CellNumbers, params: PoolParams, writing: Writing) -> Arithmetic:
    shown = writing.values(cell.values)
    if cell.chose_cell:
        return Arithmetic(
            f"picked from ({shown}) with probability x / sum(x) of the positive values: "
        )
    return Arithmetic(f"sum(x²) / sum(x) over the positive values of ({shown}) = ")


def mixed(cell: CellNumbers, params: PoolParams, writing: Writing) -> Arithmetic:
    mix = writing.number(params.mix)
    top = writing.number(float(cell.values.max())) if cell.values.size else "-inf"
    return Arithmetic(
        f"{mix} x max + (1 - {mix}) x average of ({writing.values(cell.values)}) = ",
        f" (the maximum is {top})",
    )


def filter_text(blur_size: int) -> str:
    """The binomial filter as a fraction: 3 taps -> ``[1, 2, 1]/4``."""
    taps = binomial_filter(blur_size)
    scale = 2 ** (blur_size - 1)
    weights = ", ".join(str(round(tap * scale)) for tap in taps)
    return f"[{weights}]/{scale}"


def blurred_maximum(cell: CellNumbers, params: PoolParams, writing: Writing) -> Arithmetic:
    """BlurPool's cell: a binomial blur of the stride-1 maxima its window holds."""
    taps = params.blur_size
    kernel_h, kernel_w = params.kernel_size
    return Arithmetic(
        f"the {filter_text(taps)} blur, along rows and columns, of the {taps}x{taps} maxima "
        f"of {kernel_h}x{kernel_w} windows at stride 1 (reflected at the edges) over "
        f"({writing.values(cell.values)}) = "
    )


DESCRIPTIONS: dict[Reduction, Describe] = {
    Reduction.MAXIMUM: extreme("max", "-inf"),
    Reduction.MINIMUM: extreme("min", "+inf"),
    Reduction.AVERAGE: average,
    Reduction.POWER_AVERAGE: power_average,
    Reduction.SOFTMAX_AVERAGE: softmax_average,
    Reduction.RANDOM_PICK: random_pick,
    Reduction.MIXED: mixed,
    Reduction.BLURRED_MAXIMUM: blurred_maximum,
}
"""Each reduction's arithmetic in words."""


__all__ = ["PLAIN", "Arithmetic", "CellNumbers", "Reduction", "Writing"]
