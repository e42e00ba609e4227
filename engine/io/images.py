"""Loading images and small numeric matrices into arrays the engine can pool (no Qt here).

``load_image(path)`` returns float32 ``(C, H, W)`` in [0, 1]: C = 1 for grayscale, 3 for
colour. Every failure is an :class:`ImageLoadError` (a ``ValueError``) whose one-line message
names the file and what is wrong, ready to show to a user.

Nothing a file can contain makes the loader hang or run out of memory: only regular files are
opened (a named pipe would block forever), Pillow is given an allow-list of formats (never
PostScript, which it hands to Ghostscript), sizes are checked from the header before any pixel
or number is read, and matrix text is read only up to its cell limit.
"""

from __future__ import annotations

import io
import itertools
import os
import stat
import struct
import warnings
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

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
"""Images (and ``.npy`` arrays, counted in cells) larger than this are refused from their
header, before anything is decoded."""

MAX_MATRIX_CELLS = 4096
"""Matrix text, typed or from a ``.csv``/``.tsv``/``.txt`` file, holds at most this many cells."""

MAX_LINE_CHARACTERS = 1_000_000
"""A line of matrix text longer than this is refused without reading the rest of it."""

MATRIX_SUFFIXES = {".csv", ".tsv", ".txt", ".npy"}

READABLE_FORMATS = (
    "PNG",
    "JPEG",  # includes MPO, the multi-picture JPEG of phone cameras
    "BMP",
    "DIB",
    "GIF",
    "TIFF",
    "WEBP",
    "AVIF",
    "PPM",  # PPM, PGM and PBM
    "ICO",
    "TGA",
    "PCX",
    "SGI",
    "QOI",
    "PSD",
)
"""The Pillow formats PoolScope opens. An allow-list, because Pillow's own list includes EPS
(run through Ghostscript, which can hang on a 100-byte file) and other formats that are not
pictures; whatever the file's name, nothing else is tried."""

NOT_REGULAR = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


class ImageLoadError(ValueError):
    """An image (or matrix) file could not be read; the message says why, in one line."""


class MatrixParseError(ImageLoadError):
    """Typed or pasted matrix text could not be read; the message names the row and column."""


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
        PNG, JPEG, BMP, GIF, TIFF, WebP, ... (the formats in :data:`READABLE_FORMATS`), or a
        numeric matrix (``.csv``, ``.tsv``, ``.txt`` of at most :data:`MAX_MATRIX_CELLS`
        cells, or ``.npy``), which is returned unscaled.
    max_pixels : int
        Larger images and ``.npy`` arrays are refused from their header, before decoding (a
        decompression bomb claims billions). Pillow's own hard limit (about 179 megapixels)
        still applies above it.
    frame : int
        Frame of an animated GIF/WebP or a multi-page TIFF (the first by default).
    reduce : int
        Downscale by this factor (averaging ``reduce x reduce`` blocks) for a smaller working
        copy of a huge photo.

    Returns
    -------
    ndarray of shape (C, H, W), float32
        In [0, 1] for images; C = 1 for grayscale (including 1-bit and 16-bit), 3 for colour.
        EXIF orientation is applied; alpha is composited onto white; CMYK, palette, YCbCr, LAB
        and HSV become RGB (a palette of grays stays grayscale); 16-bit integers are divided
        by 65535; float images already in [0, 1] are kept, others are stretched from their
        minimum to their maximum. Matrices have C = 1 and their values as they are.

    Raises
    ------
    ImageLoadError
        For a missing, unreadable, empty, truncated, corrupt, zero-size or oversized file, a
        folder, a named pipe, a device, or a format PoolScope does not read.
    """
    path = Path(path)
    name = path.name or str(path)
    with refusals(name):
        if path.suffix.lower() in MATRIX_SUFFIXES:
            image = read_matrix(path, name, max_pixels, np.float32)[np.newaxis]
        else:
            image = decode_image(path, name, max_pixels, frame)
        return downscale(image, reduce) if reduce > 1 else image


@contextmanager
def refusals(name: str) -> Iterator[None]:
    """Turn whatever reading ``name`` raises into a one-line :class:`ImageLoadError`."""
    try:
        yield
    except ImageLoadError:
        raise
    except PermissionError:
        raise ImageLoadError(f"Cannot open '{name}': permission denied.") from None
    except FileNotFoundError:
        raise ImageLoadError(f"Cannot open '{name}': the file disappeared while reading.") from None
    except MemoryError:
        raise ImageLoadError(f"Cannot open '{name}': not enough memory to decode it.") from None
    except UnicodeDecodeError:
        raise ImageLoadError(f"Cannot open '{name}': it is not a text file.") from None
    except UnidentifiedImageError:
        raise ImageLoadError(
            f"Cannot open '{name}': not an image format PoolScope can read (is it really an "
            "image?)."
        ) from None
    except Image.DecompressionBombError:
        raise ImageLoadError(
            f"Cannot open '{name}': it claims an enormous size and was refused as a "
            "possible decompression bomb."
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


def check_regular_file(path: Path, name: str) -> int:
    """The size in bytes of ``path`` if it is a non-empty regular file; else ImageLoadError.

    Only ``os.stat`` is called: nothing is opened, so a named pipe cannot block.
    """
    try:
        status = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise ImageLoadError(
            f"Cannot open '{name}': the file does not exist (moved or deleted?)."
        ) from None
    except PermissionError:
        raise ImageLoadError(f"Cannot open '{name}': permission denied.") from None
    except (OSError, ValueError) as error:
        detail = getattr(error, "strerror", None) or first_line(str(error))
        raise ImageLoadError(f"Cannot open '{name}': {detail}.") from None
    check_regular_status(status, name)
    if status.st_size == 0:
        raise ImageLoadError(f"Cannot open '{name}': the file is empty (0 bytes).")
    return status.st_size


def check_regular_status(status: os.stat_result, name: str) -> None:
    if stat.S_ISDIR(status.st_mode):
        raise ImageLoadError(f"Cannot open '{name}': it is a folder, not an image file.")
    if not stat.S_ISREG(status.st_mode):
        kind = NOT_REGULAR.get(stat.S_IFMT(status.st_mode), "not a regular file")
        raise ImageLoadError(f"Cannot open '{name}': it is {kind}, not an image file.")


def open_regular_file(path: Path, name: str) -> BinaryIO:
    """Open a regular file for reading, refusing anything else without blocking.

    Checked before opening, and again on the open file, so a file swapped for a named pipe
    in between cannot block either (the open itself does not wait for a writer).
    """
    check_regular_file(path, name)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        check_regular_status(os.fstat(descriptor), name)
    except BaseException:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "rb")


def downscale(image: np.ndarray, factor: int) -> np.ndarray:
    """Average ``factor x factor`` blocks (the engine's average pool); float32 (C, H, W)."""
    if factor >= min(image.shape[-2:]):
        return image
    return avg_pool2d(image, factor).astype(np.float32, copy=False)


def image_size(path: str | os.PathLike) -> tuple[int, int]:
    """(width, height) from the file's header, without decoding anything.

    A ``.npy`` gives its array's shape, other matrices (0, 0). Anything the loader would
    refuse (not a regular file, unreadable, not an image, over DEFAULT_MAX_PIXELS) also gives
    (0, 0) and never raises: the loader then says exactly what is wrong.
    """
    path = Path(path)
    name = path.name or str(path)
    suffix = path.suffix.lower()
    if suffix in MATRIX_SUFFIXES - {".npy"}:
        return (0, 0)
    try:
        with open_regular_file(path, name) as handle:
            if suffix == ".npy":
                height, width = check_npy_header(handle, name, DEFAULT_MAX_PIXELS)
                return (width, height)
            with big_images_allowed(), open_pillow(handle) as image:
                check_size(name, *image.size, DEFAULT_MAX_PIXELS)
                return image.size
    except Exception:  # the full loader will say exactly what is wrong
        return (0, 0)


def first_line(text: str, limit: int = 120) -> str:
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def open_pillow(handle: BinaryIO) -> Image.Image:
    """``Image.open`` restricted to :data:`READABLE_FORMATS` (those this Pillow has)."""
    Image.init()
    return Image.open(handle, formats=[kind for kind in READABLE_FORMATS if kind in Image.OPEN])


@contextmanager
def big_images_allowed() -> Iterator[None]:
    """Silence Pillow's DecompressionBombWarning, which it gives from about 89 megapixels.

    PoolScope checks its own, larger limit (:data:`DEFAULT_MAX_PIXELS`) from the header;
    Pillow's DecompressionBombError (above about 179 megapixels) is not silenced. Pillow's
    global MAX_IMAGE_PIXELS is left alone, and the only filter ever added ignores this one
    warning, so two threads loading at once can at worst leave it ignored for good.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        yield


def decode_image(path: Path, name: str, max_pixels: int, frame: int) -> np.ndarray:
    """Open, check the size, decode fully (so truncation is caught here) and convert."""
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    with open_regular_file(path, name) as handle, big_images_allowed():
        with open_pillow(handle) as image:
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
        large for float64 or more than :data:`MAX_MATRIX_CELLS` cells.
    """
    return parse_matrix_lines(text.splitlines())


def parse_matrix_lines(lines: Iterable[str]) -> np.ndarray:
    """Parse matrix text line by line, stopping as soon as it holds too many cells (so a
    file of millions of rows is refused after reading a few thousand)."""
    rows: list[list[float]] = []
    cells = 0
    for line_number, line in enumerate(lines, start=1):
        row = parse_matrix_row(line.strip(), line_number)
        if not row:
            continue
        if rows and len(row) != len(rows[0]):
            raise MatrixParseError(
                f"Row {line_number} has {len(row)} values but row 1 has {len(rows[0])}: every "
                "row needs the same number of values."
            )
        cells += len(row)
        if cells > MAX_MATRIX_CELLS:
            raise MatrixParseError(
                f"The matrix has more than {MAX_MATRIX_CELLS} cells ({len(rows) + 1} rows of "
                f"{len(row)} already); matrix mode is for small examples (at most "
                f"{MAX_MATRIX_CELLS} cells). Open larger data as an image or a .npy file."
            )
        rows.append(row)
    if not rows:
        raise MatrixParseError("The matrix is empty: type or paste some numbers.")
    return np.array(rows, dtype=np.float64)


def parse_matrix_row(line: str, line_number: int) -> list[float]:
    """The numbers of one stripped line (an empty list for an empty line)."""
    if not line:
        return []
    separator = next((mark for mark in ("\t", ",", ";") if mark in line), None)
    cells = [cell.strip() for cell in line.split(separator)] if separator else line.split()
    row = []
    for column, cell in enumerate(cells, start=1):
        try:
            value = float(cell)
        except ValueError:
            raise MatrixParseError(
                f"Row {line_number}, column {column}: '{first_line(cell, 40)}' is not a number."
            ) from None
        if np.isinf(value) and cell.lower().lstrip("+-") not in ("inf", "infinity"):
            raise MatrixParseError(
                f"Row {line_number}, column {column}: '{first_line(cell, 40)}' is too large "
                "for a number."
            )
        row.append(value)
    return row


def load_matrix_file(path: str | os.PathLike, max_cells: int = DEFAULT_MAX_PIXELS) -> np.ndarray:
    """Read a numeric matrix from ``.csv``/``.tsv``/``.txt`` text or a ``.npy`` file.

    Text holds at most :data:`MAX_MATRIX_CELLS` cells; a ``.npy`` at most ``max_cells``,
    checked from its header before the data is read.

    Returns
    -------
    ndarray of shape (rows, columns), float64, values unscaled

    Raises
    ------
    ImageLoadError
        As :func:`load_image` (MatrixParseError for text that is not a matrix).
    """
    path = Path(path)
    name = path.name or str(path)
    with refusals(name):
        return read_matrix(path, name, max_cells, np.float64)


def read_matrix(path: Path, name: str, max_cells: int, dtype: type) -> np.ndarray:
    """A ``.npy`` array or matrix text as a 2D array of ``dtype``."""
    with open_regular_file(path, name) as handle:
        if path.suffix.lower() == ".npy":
            return read_npy(handle, name, max_cells, dtype)
        text = io.TextIOWrapper(handle, encoding="utf-8-sig")
        try:
            return parse_matrix_lines(bounded_lines(text, name)).astype(dtype, copy=False)
        except MatrixParseError as error:
            raise MatrixParseError(f"Cannot open '{name}': {error}") from None


def bounded_lines(text: io.TextIOBase, name: str) -> Iterator[str]:
    """The lines of ``text``, read one at a time and none longer than MAX_LINE_CHARACTERS."""
    for line_number in itertools.count(1):
        line = text.readline(MAX_LINE_CHARACTERS + 1)
        if not line:
            return
        if len(line.rstrip("\r\n")) > MAX_LINE_CHARACTERS:
            raise ImageLoadError(
                f"Cannot open '{name}': line {line_number} is longer than "
                f"{MAX_LINE_CHARACTERS:,} characters; is it really a matrix?"
            )
        yield line


def read_npy_header(handle: BinaryIO, name: str) -> tuple[tuple[int, ...], np.dtype]:
    """Shape and dtype from a ``.npy`` header; the file is left just after the header."""
    try:
        version = np.lib.format.read_magic(handle)
    except ValueError:
        raise ImageLoadError(f"Cannot open '{name}': it is not a NumPy .npy file.") from None
    if version == (1, 0):
        shape, _, dtype = np.lib.format.read_array_header_1_0(handle)
    else:  # 2.0 and 3.0 differ from 1.0 in the length field only
        shape, _, dtype = np.lib.format.read_array_header_2_0(handle)
    return shape, dtype


def check_npy_header(handle: BinaryIO, name: str, max_cells: int) -> tuple[int, int]:
    """(rows, columns) of a ``.npy`` whose header promises what the loader reads: numbers
    (not objects or records), 1D or 2D, at most ``max_cells`` cells, and all its data present.
    The file is left just after the header; Fortran order is fine."""
    shape, stored = read_npy_header(handle, name)
    if stored.kind not in "biuf" or stored.fields is not None or stored.subdtype is not None:
        raise ImageLoadError(
            f"Cannot open '{name}': expected an array of numbers, got {stored} (shape {shape})."
        )
    if len(shape) not in (1, 2):
        raise ImageLoadError(
            f"Cannot open '{name}': expected a 1D or 2D array of numbers, got shape {shape}."
        )
    height, width = shape if len(shape) == 2 else (1, shape[0])
    check_size(name, width, height, max_cells)
    needed = height * width * stored.itemsize
    available = os.fstat(handle.fileno()).st_size - handle.tell()
    if available < needed:
        raise ImageLoadError(
            f"Cannot open '{name}': the file is truncated (its header promises {needed:,} "
            f"bytes of data, {max(available, 0):,} are there)."
        )
    return height, width


def read_npy(handle: BinaryIO, name: str, max_cells: int, dtype: type) -> np.ndarray:
    """A ``.npy`` as a 2D array of ``dtype``, its header checked before any data is read."""
    check_npy_header(handle, name, max_cells)
    handle.seek(0)
    array = np.lib.format.read_array(handle, allow_pickle=False)
    return np.atleast_2d(array).astype(dtype)
