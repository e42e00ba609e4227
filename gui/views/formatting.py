"""Numbers as the views write them."""

from __future__ import annotations

import math


def format_value(value: float) -> str:
    """Short text for a cell value: integers without decimals, others with up to 3."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "-inf" if value < 0 else "inf"
    if float(value).is_integer() and abs(value) < 1e6:
        return str(int(value))
    return f"{value:.3g}" if abs(value) >= 1000 or abs(value) < 0.01 else f"{value:.3f}"
