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

import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import numpy as np
from PIL import Image, ImageFile, ImageOps

from engine.io.files import (  # noqa: F401 (re-exported: the loader's public names)
    ImageLoadError,
    MatrixParseError,
    check_size,
    first_line,
    open_regular_file,
    refusals,
)
from engine.io.matrices import (  # noqa: F401 (re-exported)
    DEFAULT_MAX_PIXELS,
    MATRIX_SUFFIXES,
    MAX_MATRIX_CELLS,
    check_npy_header,
    load_matrix_file,
    load_matrix_text,
    npy_dimensions,
    read_matrix,
    read_volume_npy,
)
from engine.ops.avgpool import avg_pool2d

ASSETS = Path(__file__).resolve().parents[2] / "assets"

SAMPLES = {
    "astronaut": "astronaut.png",
    "digit": "digit_28x28.png",
    "checkerboard": "checkerboard_64x64.png",
    "matrix": "matrix_4x4.csv",
    "matrix 6x6": "matrix_6x6.csv",
    "volume": "digit_volume_8x28x28.npy",
    "sequence": "sequence_1x40.csv",
}
"""Bundled samples: display name to file name in ``assets/``."""


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


def sample_path(name: str) -> Path:
    """Path of a bundled sample by its name in :data:`SAMPLES`."""
    return ASSETS / SAMPLES[name]


def load_image(
    path: str | os.PathLike,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    frame: int = 0,
    reduce: int = 1,
    sequences: bool = False,
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
    sequences : bool
        Read a matrix's rows as the channels of a sequence: a ``(C, L)`` matrix becomes
        ``(C, 1, L)``, pooled along its length (a one-row matrix is a sequence anyway). Only
        for matrices.

    Returns
    -------
    ndarray of shape (C, H, W), float32
        In [0, 1] for images; C = 1 for grayscale (including 1-bit and 16-bit), 3 for colour.
        EXIF orientation is applied; alpha is composited onto white; CMYK, palette, YCbCr, LAB
        and HSV become RGB (a palette of grays stays grayscale); 16-bit integers are divided
        by 65535; float images already in [0, 1] are kept, others are stretched from their
        minimum to their maximum. Matrices have C = 1 and their values as they are (or, as
        ``sequences``, H = 1 and one channel per row).

    Raises
    ------
    ImageLoadError
        For a missing, unreadable, empty, truncated, corrupt, zero-size or oversized file, a
        folder, a named pipe, a device, or a format PoolScope does not read.
    """
    path = Path(path)
    name = path.name or str(path)
    is_matrix = path.suffix.lower() in MATRIX_SUFFIXES
    if sequences and not is_matrix:
        raise ImageLoadError(
            "Cannot open '{name}' as sequences: only a matrix (.csv, .tsv, .txt or .npy) "
            "holds sequences, one per row.",
            name=name,
        )
    with refusals(name):
        if is_matrix:
            matrix = read_matrix(path, name, max_pixels, np.float32)
            image = matrix[:, np.newaxis, :] if sequences else matrix[np.newaxis]
        else:
            image = decode_image(path, name, max_pixels, frame)
        return downscale(image, reduce) if reduce > 1 else image


def downscale(image: np.ndarray, factor: int) -> np.ndarray:
    """Average ``factor x factor`` blocks (the engine's average pool); float32 (C, H, W)."""
    if factor >= min(image.shape[-2:]):
        return image
    return avg_pool2d(image, factor).astype(np.float32, copy=False)


def load_volume(path: str | os.PathLike, max_cells: int = DEFAULT_MAX_PIXELS) -> np.ndarray:
    """Read a volume: a 3D ``.npy`` (D, H, W), unscaled, or every frame of a multi-frame
    TIFF, GIF or WebP as a slice (in [0, 1], colour if any frame has colour).

    Returns
    -------
    ndarray of shape (C, D, H, W), float32

    Raises
    ------
    ImageLoadError
        As :func:`load_image`; also for a single picture, frames of different sizes, or more
        than ``max_cells`` cells in all (checked before any frame is decoded).
    """
    path = Path(path)
    name = path.name or str(path)
    with refusals(name):
        if path.suffix.lower() == ".npy":
            return read_volume_npy(path, name, max_cells)
        if path.suffix.lower() in MATRIX_SUFFIXES:
            raise ImageLoadError(
                "Cannot open '{name}' as a volume: a volume is a 3D .npy array or a "
                "multi-frame TIFF, GIF or WebP.",
                name=name,
            )
        return decode_frames(path, name, max_cells)


def decode_frames(path: Path, name: str, max_cells: int) -> np.ndarray:
    """Every frame of an animated or multi-page picture, stacked along the depth."""
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    with open_regular_file(path, name) as handle, big_images_allowed():
        with open_pillow(handle) as image:
            width, height = image.size
            frames = getattr(image, "n_frames", 1)
            if frames < 2:
                raise ImageLoadError(
                    "Cannot open '{name}' as a volume: it has a single frame (open it as an "
                    "image instead).",
                    name=name,
                )
            check_size(name, width, height * frames, max_cells)
            slices = []
            for frame in range(frames):
                image.seek(frame)
                image.load()
                if image.size != (width, height):
                    raise ImageLoadError(
                        "Cannot open '{name}' as a volume: frame {frame} is {frame_height} x "
                        "{frame_width} (H x W), frame 0 is {height} x {width}.",
                        name=name,
                        frame=frame,
                        frame_height=image.size[1],
                        frame_width=image.size[0],
                        height=height,
                        width=width,
                    )
                slices.append(to_array(image.copy()))
    channels = max(part.shape[0] for part in slices)
    slices = [
        np.repeat(part, channels, axis=0) if part.shape[0] < channels else part for part in slices
    ]
    volume = np.stack(slices, axis=1)
    if channels == 3 and (volume[0] == volume[1]).all() and (volume[1] == volume[2]).all():
        return volume[:1]  # gray frames that Pillow handed over as colour
    return volume


def load_input(path: str | os.PathLike, form: str = "auto", reduce: int = 1) -> np.ndarray:
    """Read an input as PoolScope pools it: an image (C, H, W), a sequence (C, 1, L) or a
    volume (C, D, H, W).

    ``form`` is ``"auto"`` (a volume for a 3D ``.npy``, else an image; a one-row matrix is a
    sequence by itself), ``"image"``, ``"sequences"`` (a matrix's rows are sequences) or
    ``"volume"`` (:func:`load_volume`). ``reduce`` downscales images only.
    """
    if form == "volume" or (form == "auto" and is_volume_file(path)):
        return load_volume(path)
    return load_image(path, reduce=reduce, sequences=form == "sequences")


def is_volume_file(path: str | os.PathLike) -> bool:
    """Whether ``path`` holds a 3D ``.npy`` array (opened as a volume by itself)."""
    return Path(path).suffix.lower() == ".npy" and npy_dimensions(path) == 3


def image_size(path: str | os.PathLike) -> tuple[int, int]:
    """(width, height) from the file's header, without decoding anything.

    A ``.npy`` gives its array's shape (a volume's slices counted as stacked rows), other
    matrices (0, 0). Anything the loader would
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
                shape = check_npy_header(handle, name, DEFAULT_MAX_PIXELS, (1, 2, 3))
                return (shape[-1], int(np.prod(shape[:-1])))  # a volume's slices, stacked
            with big_images_allowed(), open_pillow(handle) as image:
                check_size(name, *image.size, DEFAULT_MAX_PIXELS)
                return image.size
    except Exception:  # the full loader will say exactly what is wrong
        return (0, 0)


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
                        "Cannot open '{name}': it has {frames} frame(s), no frame {frame}.",
                        name=name,
                        frames=frames,
                        frame=frame,
                    )
                image.seek(frame)
            image.load()
            image = ImageOps.exif_transpose(image) or image
            return to_array(image)


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
