"""A corpus of broken and awkward image files, generated into a folder (no committed binaries).

``make_corpus(folder)`` returns ``{name: (path, expectation)}`` where the expectation is
``("loads", (C, H, W))``, ``("volume", (C, D, H, W))`` (opened as a volume, refused as an
image) or ``("refused", None)``. The loader, GUI and command-line tests all
run through it.
"""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image


def png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int, data: bytes | None = None) -> bytes:
    """A PNG whose header claims ``width x height`` 8-bit grayscale pixels."""
    header = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    body = chunk(b"IDAT", zlib.compress(data if data is not None else b"\0" * 64))
    return b"\x89PNG\r\n\x1a\n" + header + body + chunk(b"IEND", b"")


def gradient(width: int = 20, height: int = 12) -> np.ndarray:
    return (np.add.outer(np.arange(height) * 10, np.arange(width) * 5) % 256).astype(np.uint8)


def make_corpus(folder: Path) -> dict[str, tuple[Path, tuple]]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    corpus: dict[str, tuple[Path, tuple]] = {}
    rgb = Image.fromarray(np.stack([gradient()] * 3, axis=-1), "RGB")
    gray = Image.fromarray(gradient(), "L")

    def add(
        name: str,
        content: bytes | None,
        expectation: tuple,
        image: Image.Image | None = None,
        **save_options,
    ) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if image is not None:
            image.save(path, **save_options)
        else:
            path.write_bytes(content)
        corpus[name] = (path, expectation)

    refused = ("refused", None)
    good_png = png_bytes(rgb)
    add("empty.png", b"", refused)
    add("text.png", b"this is not an image, just some words\n", refused)
    add("truncated.png", good_png[: len(good_png) // 2], refused)
    jpeg = io.BytesIO()
    rgb.resize((64, 48)).save(jpeg, format="JPEG", quality=90)
    add("truncated.jpg", jpeg.getvalue()[: len(jpeg.getvalue()) // 2], refused)
    corrupt = bytearray(good_png)
    start = corrupt.index(b"IDAT") + 8
    corrupt[start : start + 20] = bytes(reversed(corrupt[start : start + 20]))
    add("corrupt_data.png", bytes(corrupt), refused)
    add("header_only.png", good_png[:33], refused)
    add("bomb.png", png_claiming(100_000, 100_000), refused)
    add("zero_width.png", png_claiming(0, 10), refused)
    (folder / "folder.png").mkdir(exist_ok=True)
    corpus["folder.png"] = (folder / "folder.png", refused)
    corpus["missing.png"] = (folder / "missing.png", refused)

    add("one_bit.png", None, ("loads", (1, 12, 20)), gray.convert("1"))
    palette = rgb.convert("P", palette=Image.ADAPTIVE, colors=16)
    palette.info["transparency"] = 0
    add("palette_transparent.png", None, ("loads", (3, 12, 20)), palette, transparency=0)
    sixteen = Image.fromarray(gradient().astype(np.uint16) * 257)
    add("sixteen_bit.png", None, ("loads", (1, 12, 20)), sixteen)
    add(
        "float32.tiff",
        None,
        ("loads", (1, 12, 20)),
        Image.fromarray(gradient().astype(np.float32) / 300.0),
    )
    add("cmyk.jpg", None, ("loads", (3, 12, 20)), rgb.convert("CMYK"))
    add("la.png", None, ("loads", (1, 12, 20)), gray.convert("LA"))
    frames = [Image.fromarray(np.full((12, 20), value, np.uint8), "L") for value in (0, 128, 255)]
    add(
        "animated.gif",
        None,
        ("loads", (1, 12, 20)),
        frames[0],
        save_all=True,
        append_images=frames[1:],
        duration=100,
    )
    add(
        "animated.webp",
        None,
        ("loads", (3, 12, 20)),
        frames[0].convert("RGB"),
        save_all=True,
        append_images=[f.convert("RGB") for f in frames[1:]],
        duration=100,
        lossless=True,
    )
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise on display: width and height swap
    add("rotated_phone_photo.jpg", None, ("loads", (3, 20, 12)), rgb, exif=exif.tobytes())
    add("really_a_png.jpg", good_png, ("loads", (3, 12, 20)))
    add("Fotos für Ünterricht/bild 1.png", good_png, ("loads", (3, 12, 20)))
    add_hostile_files(folder, corpus, add)
    return corpus


POSTSCRIPT = b"%!PS-Adobe-3.0\n%%BoundingBox: 0 0 100 100\n0 0 moveto 100 100 lineto stroke\n"
"""A tiny PostScript file. Pillow hands PostScript to Ghostscript whatever the file's name (one
like this, with a never-ending loop, hung PoolScope); this one draws a line, so should the
allow-list ever break it loads instead of hanging the tests."""

EPS = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n0 0 moveto 10 10 lineto stroke\n"


def npy_claiming(shape: tuple[int, ...], descr: str = "<f4", fortran_order: bool = False) -> bytes:
    """A ``.npy`` header claiming ``shape`` of ``descr``, followed by only 64 bytes of data."""
    buffer = io.BytesIO()
    header = {"descr": descr, "fortran_order": fortran_order, "shape": shape}
    np.lib.format.write_array_header_1_0(buffer, header)
    return buffer.getvalue() + b"\0" * 64


def npy_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def add_hostile_files(folder: Path, corpus: dict, add) -> None:
    """Files that used to hang PoolScope, exhaust its memory or raise out of it (issue 15)."""
    refused = ("refused", None)
    if hasattr(os, "mkfifo"):  # opening a named pipe blocks until someone writes to it
        if not os.path.lexists(folder / "x.png"):
            os.mkfifo(folder / "x.png")
        corpus["x.png"] = (folder / "x.png", refused)
    add("photo.png", POSTSCRIPT, refused)
    add("drawing.eps", EPS, refused)
    add("huge_header.npy", npy_claiming((100_000, 100_000)), refused)
    add("over_the_limit.npy", npy_claiming((12_000, 12_000), "|u1"), refused)
    add("truncated.npy", npy_claiming((100, 100)), refused)
    add("objects.npy", npy_claiming((4, 4), "|O"), refused)
    add("structured.npy", npy_claiming((4, 4), [("x", "<f4"), ("y", "<f4")]), refused)
    add("three_dimensional.npy", npy_bytes(np.zeros((2, 3, 4))), ("volume", (1, 2, 3, 4)))
    fortran = np.asfortranarray(np.linspace(0, 1, 12).reshape(3, 4))
    add("fortran_order.npy", npy_bytes(fortran), ("loads", (1, 3, 4)))
    add("two_million_rows.csv", b"1,2\n" * 2_000_000, refused)
    add("one_long_line.csv", b"1," * 1_000_000 + b"1\n", refused)
    add("binary.csv", bytes(range(256)) * 64, refused)
    if not running_as_root():  # root reads every folder: tests/engine/io covers that case
        locked = folder / "locked"
        if not locked.exists():
            add("locked/inside.png", png_bytes(Image.new("L", (4, 4))), refused)
            os.chmod(locked, 0)
        corpus["locked/inside.png"] = (locked / "inside.png", refused)


def running_as_root() -> bool:
    """Root ignores file permissions, so an unreadable folder cannot be made for it."""
    return hasattr(os, "geteuid") and os.geteuid() == 0
