"""Numeric matrices: typed or pasted text, ``.csv``/``.tsv``/``.txt`` files and ``.npy``
arrays (no Qt here).

Text is read only up to its cell limit and ``.npy`` sizes are checked from the header before
any number is read, so no file can make the loader hang or run out of memory.
"""

from __future__ import annotations

import io
import itertools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import numpy as np

from engine.io.files import (
    ImageLoadError,
    MatrixParseError,
    check_size,
    first_line,
    open_regular_file,
    refusals,
)
from engine.text import Text

DEFAULT_MAX_PIXELS = 120_000_000
"""Images (and ``.npy`` arrays, counted in cells) larger than this are refused from their
header, before anything is decoded."""

MAX_MATRIX_CELLS = 4096
"""Matrix text, typed or from a ``.csv``/``.tsv``/``.txt`` file, holds at most this many cells."""


MAX_LINE_CHARACTERS = 1_000_000
"""A line of matrix text longer than this is refused without reading the rest of it."""


MATRIX_SUFFIXES = {".csv", ".tsv", ".txt", ".npy"}


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
                "Row {line} has {count} values but row 1 has {first}: every row needs the "
                "same number of values.",
                line=line_number,
                count=len(row),
                first=len(rows[0]),
            )
        cells += len(row)
        if cells > MAX_MATRIX_CELLS:
            raise MatrixParseError(
                "The matrix has more than {limit} cells ({rows} rows of {columns} already); "
                "matrix mode is for small examples (at most {limit} cells). Open larger data "
                "as an image or a .npy file.",
                limit=MAX_MATRIX_CELLS,
                rows=len(rows) + 1,
                columns=len(row),
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
                "Row {line}, column {column}: '{cell}' is not a number.",
                line=line_number,
                column=column,
                cell=first_line(cell, 40),
            ) from None
        if np.isinf(value) and cell.lower().lstrip("+-") not in ("inf", "infinity"):
            raise MatrixParseError(
                "Row {line}, column {column}: '{cell}' is too large for a number.",
                line=line_number,
                column=column,
                cell=first_line(cell, 40),
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
            raise MatrixParseError(
                "Cannot open '{name}': {problem}", name=name, problem=error.args[0]
            ) from None


def bounded_lines(text: io.TextIOBase, name: str) -> Iterator[str]:
    """The lines of ``text``, read one at a time and none longer than MAX_LINE_CHARACTERS."""
    for line_number in itertools.count(1):
        line = text.readline(MAX_LINE_CHARACTERS + 1)
        if not line:
            return
        if len(line.rstrip("\r\n")) > MAX_LINE_CHARACTERS:
            raise ImageLoadError(
                "Cannot open '{name}': line {line} is longer than {limit} characters; is it "
                "really a matrix?",
                name=name,
                line=line_number,
                limit=f"{MAX_LINE_CHARACTERS:,}",
            )
        yield line


def read_npy_header(handle: BinaryIO, name: str) -> tuple[tuple[int, ...], np.dtype]:
    """Shape and dtype from a ``.npy`` header; the file is left just after the header."""
    try:
        version = np.lib.format.read_magic(handle)
    except ValueError:
        raise ImageLoadError(
            "Cannot open '{name}': it is not a NumPy .npy file.", name=name
        ) from None
    if version == (1, 0):
        shape, _, dtype = np.lib.format.read_array_header_1_0(handle)
    else:  # 2.0 and 3.0 differ from 1.0 in the length field only
        shape, _, dtype = np.lib.format.read_array_header_2_0(handle)
    return shape, dtype


def check_npy_header(
    handle: BinaryIO, name: str, max_cells: int, dimensions: tuple[int, ...] = (1, 2)
) -> tuple[int, ...]:
    """The shape of a ``.npy`` whose header promises what the loader reads: numbers (not
    objects or records), of one of ``dimensions`` (1D or 2D matrices; 3D volumes), at most
    ``max_cells`` cells, and all its data present: (rows, columns) for a matrix (a 1D array is
    one row), the shape itself otherwise. The file is left just after the header; Fortran
    order is fine."""
    shape, stored = read_npy_header(handle, name)
    if stored.kind not in "biuf" or stored.fields is not None or stored.subdtype is not None:
        raise ImageLoadError(
            "Cannot open '{name}': expected an array of numbers, got {stored} (shape {shape}).",
            name=name,
            stored=str(stored),
            shape=str(shape),
        )
    if len(shape) not in dimensions:
        if len(shape) == 3:
            raise ImageLoadError(
                "Cannot open '{name}': expected a {wanted} array of numbers, got shape {shape} "
                "(a 3D array is a volume: File > Open as volume).",
                name=name,
                wanted=either_of([f"{count}D" for count in dimensions]),
                shape=str(shape),
            )
        raise ImageLoadError(
            "Cannot open '{name}': expected a {wanted} array of numbers, got shape {shape}.",
            name=name,
            wanted=either_of([f"{count}D" for count in dimensions]),
            shape=str(shape),
        )
    if len(shape) <= 2:
        shape = shape if len(shape) == 2 else (1, shape[0])
    cells = int(np.prod(shape, dtype=np.int64))
    check_size(name, cells // max(shape[-2], 1) if cells else 0, shape[-2], max_cells)
    needed = cells * stored.itemsize
    available = os.fstat(handle.fileno()).st_size - handle.tell()
    if available < needed:
        raise ImageLoadError(
            "Cannot open '{name}': the file is truncated (its header promises {needed} bytes "
            "of data, {available} are there).",
            name=name,
            needed=f"{needed:,}",
            available=f"{max(available, 0):,}",
        )
    return tuple(int(length) for length in shape)


def either_of(choices: list[str]) -> str:
    """``"1D or 2D"``, kept translatable: the choices joined by "or"."""
    if len(choices) == 1:
        return choices[0]
    return Text("{choices} or {last}", choices=either_of(choices[:-1]), last=choices[-1])


def npy_dimensions(path: str | os.PathLike) -> int:
    """How many axes a ``.npy`` file's array has, from its header (0 if it cannot be read:
    the loader then says why)."""
    path = Path(path)
    try:
        with open_regular_file(path, path.name) as handle:
            shape, _ = read_npy_header(handle, path.name)
    except Exception:
        return 0
    return len(shape)


def read_volume_npy(path: Path, name: str, max_cells: int) -> np.ndarray:
    """A 3D ``.npy`` (D, H, W) as a float32 volume (1, D, H, W), values unscaled."""
    with open_regular_file(path, name) as handle:
        check_npy_header(handle, name, max_cells, dimensions=(3,))
        handle.seek(0)
        array = np.lib.format.read_array(handle, allow_pickle=False)
    return array.astype(np.float32)[np.newaxis]


def read_npy(handle: BinaryIO, name: str, max_cells: int, dtype: type) -> np.ndarray:
    """A ``.npy`` as a 2D array of ``dtype``, its header checked before any data is read."""
    check_npy_header(handle, name, max_cells)
    handle.seek(0)
    array = np.lib.format.read_array(handle, allow_pickle=False)
    return np.atleast_2d(array).astype(dtype)
