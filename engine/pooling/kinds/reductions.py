"""What a window's cells become (:class:`Reduction`), and one output cell's arithmetic in words.

Each reduction describes its own arithmetic (:meth:`Reduction.describe`), so a view asks the
kind and only formats: it hands over the numbers of one channel of one output cell
(:class:`CellNumbers`) and how it writes numbers (:class:`Writing`), and gets the sentence
around the result back (:class:`Arithmetic`), which it may print with the result emphasised.
The sentences are :class:`~engine.text.Text`: English as they are, translatable in the window.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from engine.ops.blurpool import binomial_filter
from engine.pooling.parameters import PoolParams
from engine.text import Text


class Reduction(enum.Enum):
    """What a window's cells become, for the arithmetic the window writes out. Each value is
    the reduction's name in words (a :class:`~engine.text.Text`, so the window translates it)."""

    MAXIMUM = Text("maximum")
    MINIMUM = Text("minimum")
    AVERAGE = Text("average")
    POWER_AVERAGE = Text("power average")
    SOFTMAX_AVERAGE = Text("softmax-weighted average")
    RANDOM_PICK = Text("random pick")
    MIXED = Text("mix of maximum and average")
    BLURRED_MAXIMUM = Text("blurred maximum")

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
    (``"max(1, 3) = "`` + ``"3"`` + ``""``). Plain text (:class:`~engine.text.Text`, so a
    view can translate it); the view formats the result."""

    before: str
    after: str = ""


Describe = Callable[[CellNumbers, PoolParams, Writing], Arithmetic]
"""``describe(cell, params, writing) -> Arithmetic`` of one reduction."""


def maximum(cell: CellNumbers, params: PoolParams, writing: Writing) -> Arithmetic:
    """A maximum: the values, and the padding it fills with -inf."""
    values = writing.values(cell.values)
    if cell.padding:
        return Arithmetic(
            Text(
                "max({values}) (+{count} padding cells at -inf) = ",
                values=values,
                count=cell.padding,
            )
        )
    return Arithmetic(Text("max({values}) = ", values=values))


def minimum(cell: CellNumbers, params: PoolParams, writing: Writing) -> Arithmetic:
    """A minimum: the values, and the padding it fills with +inf."""
    values = writing.values(cell.values)
    if cell.padding:
        return Arithmetic(
            Text(
                "min({values}) (+{count} padding cells at +inf) = ",
                values=values,
                count=cell.padding,
            )
        )
    return Arithmetic(Text("min({values}) = ", values=values))


def average(cell: CellNumbers, params: PoolParams, writing: Writing) -> Arithmetic:
    shown = writing.values(cell.values)
    if cell.divisor is None:
        return Arithmetic(Text("the mean of ({values}) = ", values=shown))
    total = writing.number(float(cell.values.sum() if cell.total is None else cell.total))
    divisor = writing.number(cell.divisor)
    if cell.divisor == 0:
        return Arithmetic(
            Text(
                "no real cell to divide by (sum({values}) = {total}, divisor 0): ",
                values=shown,
                total=total,
            )
        )
    return Arithmetic(
        Text(
            "sum({values}) = {total}; divisor {divisor}; {total} / {divisor} = ",
            values=shown,
            total=total,
            divisor=divisor,
        )
    )


def kernel_text(kernel_size: tuple[int, ...], dimensions: int) -> str:
    """The kernel as the sentence writes it: ``3`` for a sequence, ``3x3``, ``2x3x3``."""
    return "x".join(str(size) for size in kernel_size[-dimensions:])


def window_kernel(params: PoolParams, dimensions: int) -> tuple[int, ...]:
    """The kernel of a window: the depth's in front of the plane's for a volume."""
    if dimensions == 3:
        return (params.depth_kernel, *params.kernel_size)
    return tuple(params.kernel_size)


def power_average(cell: CellNumbers, params: PoolParams, writing: Writing) -> Arithmetic:
    window = kernel_text(window_kernel(params, cell.dimensions), cell.dimensions)
    return Arithmetic(
        Text(
            "(sum of x^{power} over ({values}) x {window} / {count} cells)^(1/{power}) = ",
            power=writing.number(params.norm_type),
            values=writing.values(cell.values),
            window=window,
            count=len(cell.values),
        )
    )


def softmax_average(cell: CellNumbers, params: PoolParams, writing: Writing) -> Arithmetic:
    return Arithmetic(
        Text("sum(e^x · x) / sum(e^x) over ({values}) = ", values=writing.values(cell.values))
    )


def random_pick(cell: CellNumbers, params: PoolParams, writing: Writing) -> Arithmetic:
    shown = writing.values(cell.values)
    if cell.chose_cell:
        return Arithmetic(
            Text(
                "picked from ({values}) with probability x / sum(x) of the positive values: ",
                values=shown,
            )
        )
    return Arithmetic(
        Text("sum(x²) / sum(x) over the positive values of ({values}) = ", values=shown)
    )


def mixed(cell: CellNumbers, params: PoolParams, writing: Writing) -> Arithmetic:
    mix = writing.number(params.mix)
    top = writing.number(float(cell.values.max())) if cell.values.size else "-inf"
    return Arithmetic(
        Text(
            "{mix} x max + (1 - {mix}) x average of ({values}) = ",
            mix=mix,
            values=writing.values(cell.values),
        ),
        Text(" (the maximum is {top})", top=top),
    )


def filter_text(blur_size: int) -> str:
    """The binomial filter as a fraction: 3 taps -> ``[1, 2, 1]/4``."""
    taps = binomial_filter(blur_size)
    scale = 2 ** (blur_size - 1)
    weights = ", ".join(str(round(tap * scale)) for tap in taps)
    return f"[{weights}]/{scale}"


def blurred_maximum(cell: CellNumbers, params: PoolParams, writing: Writing) -> Arithmetic:
    """BlurPool's cell: a binomial blur of the stride-1 maxima its window holds."""
    kernel_h, kernel_w = params.kernel_size
    return Arithmetic(
        Text(
            "the {filter} blur, along rows and columns, of the {taps}x{taps} maxima of "
            "{kernel_height}x{kernel_width} windows at stride 1 (reflected at the edges) over "
            "({values}) = ",
            filter=filter_text(params.blur_size),
            taps=params.blur_size,
            kernel_height=kernel_h,
            kernel_width=kernel_w,
            values=writing.values(cell.values),
        )
    )


DESCRIPTIONS: dict[Reduction, Describe] = {
    Reduction.MAXIMUM: maximum,
    Reduction.MINIMUM: minimum,
    Reduction.AVERAGE: average,
    Reduction.POWER_AVERAGE: power_average,
    Reduction.SOFTMAX_AVERAGE: softmax_average,
    Reduction.RANDOM_PICK: random_pick,
    Reduction.MIXED: mixed,
    Reduction.BLURRED_MAXIMUM: blurred_maximum,
}
"""Each reduction's arithmetic in words."""


__all__ = ["PLAIN", "Arithmetic", "CellNumbers", "Reduction", "Writing"]
