"""Loading images and small numeric matrices into arrays the engine can pool (no Qt here).

``load_image(path)`` returns float32 ``(C, H, W)`` in [0, 1]: C = 1 for grayscale, 3 for
colour. Every failure is an :class:`ImageLoadError` (a ``ValueError``) whose one-line message
names the file and what is wrong, ready to show to a user.
"""

from __future__ import annotations

import os
import struct
import warnings
import zlib
from pathlib import Path

import numpy as np
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from engine.ops.avgpool import avg_pool2d

ASSETS = Path(__file__).resolve().parents[2] / "assets"

SAMPLES = {
    "astronaut": "astronaut.png",
    "digit": "digit_28x28.png",
    "checkerboard": "checkerboard_64x64.png",
    "matrix": "matrix_4x4.csv",
    "matrix 6x6": "matrix_6x6.csv",
}
"""Bundled samples: display name to file name in ``assets/``."""

DEFAULT_MAX_PIXELS = 120_000_000
"""Images with more pixels than this are refused before they are decoded."""

MATRIX_SUFFIXES = {".csv", ".tsv", ".txt", ".npy"}


class ImageLoadError(ValueError):
    """An image (or matrix) file could not be read; the message says why, in one line."""


def sample_path(name: str) -> Path:
    """Path of a bundled sample by its name in :data:`SAMPLES`."""
    return ASSETS / SAMPLES[name]


def load_image(
    path: str | os.PathLike, max_pixels: int = DEFAULT_MAX_PIXELS, frame: int = 0, reduce: int = 1
) -> np.ndarray:
    """Read an image file into a float32 array.

    Parameters
    ----------
    path : str or path-like
        PNG, JPEG, BMP, GIF, TIFF, WebP, ... (anything Pillow reads), or a small numeric
        matrix (``.csv``, ``.tsv``, ``.txt``, ``.npy``), which is returned unscaled.
    max_pixels : int
        Larger images are refused before decoding (a decompression bomb claims billions).
    frame : int
        Frame of an animated GIF/WebP or a multi-page TIFF (the first by default).
    reduce : int
        Downscale by this factor (averaging ``reduce x reduce`` blocks) for a smaller working
        copy of a huge photo.

    Returns
    -------
    ndarray of shape (C, H, W), float32
        In [0, 1]; C = 1 for grayscale (including 1-bit and 16-bit), 3 for colour. EXIF
        orientation is applied; alpha is composited onto white; CMYK, palette, YCbCr, LAB
        and HSV become RGB (a palette of grays stays grayscale); 16-bit integers are divided
        by 65535; float images already in [0, 1] are kept, others are stretched from their
        minimum to their maximum.

    Raises
    ------
    ImageLoadError
        For a missing, unreadable, empty, truncated, corrupt, zero-size or oversized file.
    """
    path = Path(path)
    name = path.name or str(path)
    if path.is_dir():
        raise ImageLoadError(f"Cannot open '{name}': it is a folder, not an image file.")
    if not path.exists():
        raise ImageLoadError(f"Cannot open '{name}': the file does not exist (moved or deleted?).")
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImageLoadError(f"Cannot open '{name}': {error.strerror or error}.") from None
    if size == 0:
        raise ImageLoadError(f"Cannot open '{name}': the file is empty (0 bytes).")
    if path.suffix.lower() in MATRIX_SUFFIXES:
        return load_matrix_file(path)[np.newaxis].astype(np.float32)
    try:
        image = decode_image(path, name, max_pixels, frame)
        return downscale(image, reduce) if reduce > 1 else image
    except ImageLoadError:
        raise
    except PermissionError:
        raise ImageLoadError(f"Cannot open '{name}': permission denied.") from None
    except FileNotFoundError:
        raise ImageLoadError(f"Cannot open '{name}': the file disappeared while reading.") from None
    except MemoryError:
        raise ImageLoadError(f"Cannot open '{name}': not enough memory to decode it.") from None
    except UnidentifiedImageError:
        raise ImageLoadError(
            f"Cannot open '{name}': not an image format PoolScope can read (is it really an "
            "image?)."
        ) from None
    except (
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
        struct.error,
        zlib.error,
        IndexError,
        TypeError,
        KeyError,
    ) as error:
        detail = str(error).strip().rstrip(".") or type(error).__name__
        raise ImageLoadError(
            f"Cannot open '{name}': the file is damaged or truncated ({first_line(detail)})."
        ) from None


def downscale(image: np.ndarray, factor: int) -> np.ndarray:
    """Average ``factor x factor`` blocks (the engine's average pool); float32 (C, H, W)."""
    if factor >= min(image.shape[-2:]):
        return image
    return avg_pool2d(image, factor).astype(np.float32, copy=False)


def image_size(path: str | os.PathLike) -> tuple[int, int]:
    """(width, height) from the file's header, without decoding the pixels; raises
    ImageLoadError for anything that is not a readable image (matrices give their shape)."""
    path = Path(path)
    if path.suffix.lower() in MATRIX_SUFFIXES:
        return (0, 0)
    try:
        with Image.open(path) as image:
            return image.size
    except Exception:  # the full loader will say exactly what is wrong
        return (0, 0)


def first_line(text: str, limit: int = 120) -> str:
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def decode_image(path: Path, name: str, max_pixels: int, frame: int) -> np.ndarray:
    """Open, check the size, decode fully (so truncation is caught here) and convert."""
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as image:
                width, height = image.size
                check_size(name, width, height, max_pixels)
                if frame:
                    frames = getattr(image, "n_frames", 1)
                    if not 0 <= frame < frames:
                        raise ImageLoadError(
                            f"Cannot open '{name}': it has {frames} frame(s), no frame {frame}."
                        )
                    image.seek(frame)
                image.load()
                image = ImageOps.exif_transpose(image) or image
                return to_array(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageLoadError(
                f"Cannot open '{name}': it claims an enormous size and was refused as a "
                "possible decompression bomb."
            ) from None


def check_size(name: str, width: int, height: int, max_pixels: int) -> None:
    if width <= 0 or height <= 0:
        raise ImageLoadError(
            f"Cannot open '{name}': the image has zero size ({height} x {width}, H x W)."
        )
    if width * height > max_pixels:
        raise ImageLoadError(
            f"Cannot open '{name}': {height} x {width} (H x W) is {width * height / 1e6:.0f} "
            f"megapixels, over the limit of {max_pixels / 1e6:.0f} megapixels."
        )


def to_array(image: Image.Image) -> np.ndarray:
    """Convert a decoded Pillow image of any mode to float32 (C, H, W) in [0, 1]."""
    mode = image.mode
    if mode == "1":
        return np.asarray(image, dtype=np.float32)[np.newaxis]
    if mode in ("I;16", "I;16B", "I;16L", "I;16N"):
        return (np.asarray(image, dtype=np.float32) / 65535.0)[np.newaxis]
    if mode in ("I", "F"):
        values = np.asarray(image, dtype=np.float64)
        return scale_to_unit(values, 65535.0 if mode == "I" else 1.0)[np.newaxis]
    if mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        if image.mode == "RGB" and is_gray(image):
            image = image.convert("L")  # a grayscale GIF stores its grays in a palette
    elif mode in ("PA",):
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "RGBa", "La"):
        image = composite_on_white(image)
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    array = np.asarray(image, dtype=np.float32) / 255.0
    return array[np.newaxis] if array.ndim == 2 else np.ascontiguousarray(array.transpose(2, 0, 1))


def is_gray(image: Image.Image) -> bool:
    """True when the red, green and blue channels of an RGB image are identical."""
    array = np.asarray(image)
    return bool((array[..., 0] == array[..., 1]).all() and (array[..., 1] == array[..., 2]).all())


def composite_on_white(image: Image.Image) -> Image.Image:
    """Flatten transparency onto a white background (what a viewer shows)."""
    grayscale = image.mode in ("LA", "La")
    rgba = image.convert("RGBA")
    background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    flat = Image.alpha_composite(background, rgba).convert("RGB")
    return flat.convert("L") if grayscale else flat


def scale_to_unit(values: np.ndarray, full_scale: float) -> np.ndarray:
    """Integer or float pixel values to [0, 1]: by ``full_scale`` if they fit, else min-max."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return np.zeros(values.shape, dtype=np.float32)
    low, high = finite.min(), finite.max()
    if low >= 0 and high <= full_scale:
        scaled = values / full_scale
    elif high > low:
        scaled = (values - low) / (high - low)
    else:
        scaled = np.zeros_like(values)
    return np.nan_to_num(scaled, nan=0.0, posinf=1.0, neginf=0.0).astype(np.float32)


class MatrixParseError(ImageLoadError):
    """Typed or pasted matrix text could not be read; the message names the row and column."""


MAX_MATRIX_CELLS = 4096


def load_matrix_text(text: str) -> np.ndarray:
    """Parse a matrix typed or pasted from a spreadsheet.

    Cells are separated by tabs, commas, semicolons or spaces, rows by newlines. ``nan``,
    ``inf`` and ``-inf`` are accepted as words.

    Returns
    -------
    ndarray of shape (rows, columns), float64

    Raises
    ------
    MatrixParseError
        For empty text, a cell that is not a number, rows of different lengths, a value too
        large for float64 or more than 4096 cells.
    """
    rows = []
    for line_number, line in enumerate(text.strip().splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        separator = next((mark for mark in ("\t", ",", ";") if mark in line), None)
        cells = [cell.strip() for cell in line.split(separator)] if separator else line.split()
        row = []
        for column, cell in enumerate(cells, start=1):
            try:
                value = float(cell)
            except ValueError:
                raise MatrixParseError(
                    f"Row {line_number}, column {column}: '{cell}' is not a number."
                ) from None
            if np.isinf(value) and cell.lower().lstrip("+-") not in ("inf", "infinity"):
                raise MatrixParseError(
                    f"Row {line_number}, column {column}: '{cell}' is too large for a number."
                )
            row.append(value)
        if rows and len(row) != len(rows[0]):
            raise MatrixParseError(
                f"Row {line_number} has {len(row)} values but row 1 has {len(rows[0])}: every "
                "row needs the same number of values."
            )
        rows.append(row)
    if not rows:
        raise MatrixParseError("The matrix is empty: type or paste some numbers.")
    if len(rows) * len(rows[0]) > MAX_MATRIX_CELLS:
        raise MatrixParseError(
            f"The matrix has {len(rows)} x {len(rows[0])} (H x W) cells; matrix mode is for "
            f"small examples (at most {MAX_MATRIX_CELLS} cells). Open larger data as an image."
        )
    return np.array(rows, dtype=np.float64)


def load_matrix_file(path: str | os.PathLike) -> np.ndarray:
    """Read a small numeric matrix from ``.csv``/``.tsv``/``.txt`` text or a ``.npy`` file.

    Returns
    -------
    ndarray of shape (rows, columns), float64, values unscaled
    """
    path = Path(path)
    try:
        if path.suffix.lower() == ".npy":
            array = np.load(path, allow_pickle=False)
            if array.dtype.kind not in "biuf" or array.ndim not in (1, 2) or array.size == 0:
                raise MatrixParseError(
                    f"Cannot open '{path.name}': expected a non-empty 1D or 2D numeric array, "
                    f"got shape {array.shape} of {array.dtype}."
                )
            return np.atleast_2d(array).astype(np.float64)
        text = path.read_text(encoding="utf-8-sig")
    except ImageLoadError:
        raise
    except UnicodeDecodeError:
        raise ImageLoadError(f"Cannot open '{path.name}': it is not a text file.") from None
    except (OSError, ValueError, EOFError) as error:
        raise ImageLoadError(f"Cannot open '{path.name}': {first_line(str(error))}.") from None
    try:
        return load_matrix_text(text)
    except MatrixParseError as error:
        raise MatrixParseError(f"Cannot open '{path.name}': {error}") from None
