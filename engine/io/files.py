"""Opening files safely, and the one error every loader raises (no Qt here).

Only regular files are opened (a named pipe would block forever), and whatever reading raises
becomes an :class:`ImageLoadError` (a ``ValueError``) whose one-line message names the file
and what is wrong, ready to show to a user.
"""

from __future__ import annotations

import os
import stat
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from PIL import Image, UnidentifiedImageError

from engine.text import Text

NOT_REGULAR = {
    stat.S_IFIFO: Text("a named pipe (FIFO)"),
    stat.S_IFCHR: Text("a device"),
    stat.S_IFBLK: Text("a device"),
    stat.S_IFSOCK: Text("a socket"),
}


class ImageLoadError(ValueError):
    """An image (or matrix) file could not be read; the message says why, in one line.

    Given as a template and its values (``ImageLoadError("Cannot open '{name}'", name=n)``)
    the message is a :class:`~engine.text.Text` the window can translate; ``str(error)`` is
    the English.
    """

    def __init__(self, message: str, /, **arguments) -> None:
        super().__init__(Text(message, **arguments) if arguments else message)


class MatrixParseError(ImageLoadError):
    """Typed or pasted matrix text could not be read; the message names the row and column."""


@contextmanager
def refusals(name: str) -> Iterator[None]:
    """Turn whatever reading ``name`` raises into a one-line :class:`ImageLoadError`."""
    try:
        yield
    except ImageLoadError:
        raise
    except PermissionError:
        raise ImageLoadError("Cannot open '{name}': permission denied.", name=name) from None
    except FileNotFoundError:
        raise ImageLoadError(
            "Cannot open '{name}': the file disappeared while reading.", name=name
        ) from None
    except MemoryError:
        raise ImageLoadError(
            "Cannot open '{name}': not enough memory to decode it.", name=name
        ) from None
    except UnicodeDecodeError:
        raise ImageLoadError("Cannot open '{name}': it is not a text file.", name=name) from None
    except UnidentifiedImageError:
        raise ImageLoadError(
            "Cannot open '{name}': not an image format PoolScope can read (is it really an "
            "image?).",
            name=name,
        ) from None
    except Image.DecompressionBombError:
        raise ImageLoadError(
            "Cannot open '{name}': it claims an enormous size and was refused as a "
            "possible decompression bomb.",
            name=name,
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
            "Cannot open '{name}': the file is damaged or truncated ({detail}).",
            name=name,
            detail=first_line(detail),
        ) from None


def check_regular_file(path: Path, name: str) -> int:
    """The size in bytes of ``path`` if it is a non-empty regular file; else ImageLoadError.

    Only ``os.stat`` is called: nothing is opened, so a named pipe cannot block.
    """
    try:
        status = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise ImageLoadError(
            "Cannot open '{name}': the file does not exist (moved or deleted?).", name=name
        ) from None
    except PermissionError:
        raise ImageLoadError("Cannot open '{name}': permission denied.", name=name) from None
    except (OSError, ValueError) as error:
        detail = getattr(error, "strerror", None) or first_line(str(error))
        raise ImageLoadError("Cannot open '{name}': {detail}.", name=name, detail=detail) from None
    check_regular_status(status, name)
    if status.st_size == 0:
        raise ImageLoadError("Cannot open '{name}': the file is empty (0 bytes).", name=name)
    return status.st_size


def check_regular_status(status: os.stat_result, name: str) -> None:
    if stat.S_ISDIR(status.st_mode):
        raise ImageLoadError("Cannot open '{name}': it is a folder, not an image file.", name=name)
    if not stat.S_ISREG(status.st_mode):
        kind = NOT_REGULAR.get(stat.S_IFMT(status.st_mode), Text("not a regular file"))
        raise ImageLoadError(
            "Cannot open '{name}': it is {kind}, not an image file.", name=name, kind=kind
        )


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


def first_line(text: str, limit: int = 120) -> str:
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def check_size(name: str, width: int, height: int, max_pixels: int) -> None:
    if width <= 0 or height <= 0:
        raise ImageLoadError(
            "Cannot open '{name}': the image has zero size ({height} x {width}, H x W).",
            name=name,
            height=height,
            width=width,
        )
    if width * height > max_pixels:
        raise ImageLoadError(
            "Cannot open '{name}': {height} x {width} (H x W) is {megapixels} megapixels, "
            "over the limit of {limit} megapixels.",
            name=name,
            height=height,
            width=width,
            megapixels=f"{width * height / 1e6:.0f}",
            limit=f"{max_pixels / 1e6:.0f}",
        )
