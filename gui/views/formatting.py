"""Numbers as the views write them."""

from __future__ import annotations

import math

import numpy as np


def format_value(value: float, decimals: int = 3) -> str:
    """Short text for a cell value: whole numbers without decimals, others with ``decimals``
    decimals; at full precision, very small values keep three significant digits."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "-inf" if value < 0 else "inf"
    if float(value).is_integer() and abs(value) < 1e6:
        return str(int(value))
    if abs(value) >= 1e4:
        return f"{value:.{decimals + 1}g}"
    if abs(value) < 0.01 and decimals >= 3:
        return f"{value:.3g}"
    return f"{value:.{decimals}f}"


def fitting_texts(values, fits, decimals=(3, 2, 1)):
    """Every value written with the most decimals for which all of them fit, or None.

    Parameters
    ----------
    values : ndarray
        The numbers to write (NaN and infinities included).
    fits : callable
        ``fits(text) -> bool``: whether a text fits its cell.
    decimals : sequence of int
        The precisions to try, most first; whole numbers are always written without.

    Returns
    -------
    ndarray of str of ``values``' shape, or None when not even the shortest form fits.
    """
    flat = np.asarray(values, dtype=np.float64).ravel()
    for places in decimals:
        texts = [format_value(value, places) for value in flat]
        if all(fits(text) for text in set(texts)):
            return np.array(texts, dtype=object).reshape(np.shape(values))
    return None


def size_text(height: int, width: int, sequence: bool = False) -> str:
    """Sizes as PoolScope writes them everywhere: height first, and said so; a sequence by
    its length."""
    return f"{width} (L)" if sequence else f"{height} x {width} (H x W)"


def position_text(row: int, col: int, sequence: bool = False) -> str:
    """A cell as ``(row, col)``, or a sequence's position as one number."""
    return str(col) if sequence else f"({row}, {col})"
