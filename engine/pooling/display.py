"""What the views draw, prepared in NumPy so a worker thread (or a headless export) can do it:
which channel is pooled, the display range, and the array an image item paints."""

from __future__ import annotations

import numpy as np

from engine.text import Text

CHANNELS = ("rgb", "gray", "red", "green", "blue")
CHANNEL_LABELS = {
    "rgb": Text("All channels"),
    "gray": Text("Grayscale (luminance)"),
    "red": Text("Red"),
    "green": Text("Green"),
    "blue": Text("Blue"),
}
"""What the window calls each channel choice (translatable, as :class:`~engine.text.Text`)."""
LUMINANCE = np.array([0.299, 0.587, 0.114], dtype=np.float32)

UINT8_DISPLAY_ABOVE = 4_000_000  # larger pictures are handed to the view as 8-bit
MAX_DISPLAY_SIDE = 3000  # and are subsampled to at most this many pixels a side


def select_channel(image: np.ndarray, channel: str) -> np.ndarray:
    """The (C, H, W) array that is pooled for a channel choice (``CHANNELS``)."""
    if image.shape[0] == 1 or channel == "rgb":
        return image
    if channel == "gray":
        return np.tensordot(LUMINANCE, image[:3], axes=1)[np.newaxis].astype(np.float32)
    return image[("red", "green", "blue").index(channel)][np.newaxis]


LARGEST_LEVEL = 1e300  # levels stay within this, so their span is finite


def data_range(array: np.ndarray) -> tuple[float, float]:
    """Display levels: (0, 1) for data in [0, 1], else the finite minimum and maximum.

    The span is always finite and clearly above zero, whatever the values (a constant, 1e300,
    subnormal numbers, -1e308 next to 1e308): a constant array gets a range around its value,
    and levels are clipped to +-1e300.
    """
    low, high = float(np.min(array)), float(np.max(array))
    if not (np.isfinite(low) and np.isfinite(high)):  # only then pay for a finite mask
        finite = array[np.isfinite(array)]
        if finite.size == 0:
            return 0.0, 1.0
        low, high = float(finite.min()), float(finite.max())
    if low >= 0 and high <= 1:
        return 0.0, 1.0
    low, high = max(low, -LARGEST_LEVEL), min(high, LARGEST_LEVEL)
    size = max(abs(low), abs(high), 1.0)
    if high - low > size * 1e-9:
        return low, high
    centre = low / 2 + high / 2
    return centre - size * 1e-6 - 0.5, centre + size * 1e-6 + 0.5


def symmetric_range(array: np.ndarray) -> tuple[float, float]:
    """Levels symmetric about 0 for signed data (gradients, differences): the largest finite
    magnitude (1 when there is none), never above 1e300, so the span stays finite."""
    finite = np.abs(array[np.isfinite(array)])
    largest = float(finite.max()) if finite.size else 0.0
    limit = min(largest, LARGEST_LEVEL) if largest > 1e-300 else 1.0
    return -limit, limit


def display_step(height: int, width: int) -> int:
    """Every how many pixels a large picture is sampled so its longer side fits
    MAX_DISPLAY_SIDE (1 when it fits already)."""
    return max(1, -(-max(height, width) // MAX_DISPLAY_SIDE))


def display_array(array: np.ndarray, levels: tuple[float, float]) -> np.ndarray:
    """What an image item draws for a (C, H, W) array: (H, W, 3) for three channels, else the
    first channel as (H, W), contiguous, with NaN and infinities replaced by the level ends.

    Large arrays come back as uint8 already scaled to ``levels`` (drawn with levels 0..255)
    and subsampled to at most MAX_DISPLAY_SIDE pixels a side (the view stretches them over the
    full extent; cell values and windows still come from the full array), so painting them
    does not convert and scale tens of millions of pixels on the UI thread.
    """
    low, high = levels
    plane = np.moveaxis(array, 0, -1) if array.shape[0] == 3 else array[0]
    if plane.size > UINT8_DISPLAY_ABOVE:
        step = display_step(*plane.shape[:2])
        plane = plane[::step, ::step]
        scaled = (plane - np.float32(low)) * np.float32(255.0 / max(high - low, 1e-12))
        np.nan_to_num(scaled, copy=False, nan=0.0, posinf=255.0, neginf=0.0)
        return np.clip(scaled, 0, 255, out=scaled).astype(np.uint8)
    smallest, largest = float(plane.min()), float(plane.max())
    if plane.dtype.kind == "f":  # levels the plane's type can hold, so nothing overflows
        limit = float(np.finfo(plane.dtype).max)
        low, high = max(low, -limit), min(high, limit)
    if np.isfinite(smallest) and np.isfinite(largest):  # NaN makes min() NaN too
        if smallest < low or largest > high:  # drawn saturated anyway; scaling them overflows
            return np.clip(plane, low, high)
        return np.ascontiguousarray(plane)
    return np.clip(np.nan_to_num(plane, nan=low, neginf=low, posinf=high), low, high)
