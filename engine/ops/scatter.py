"""Flat indices into planes: checked in one pass, and scattered to or gathered from them.

Every arg-max pool's backward and every unpool move values between an output and the cells of
its input planes named by int64 flat indices (``-1`` for a window with no cell). The check
reads the indices once: viewed as unsigned, ``-1`` and every negative index are huge, so one
``max`` tells whether all lie in ``[0, plane)``; only when some do not (a ``-1``, or an error)
are they read again. Planes are walked one at a time when they are large (each scatter is
long enough to hide the loop), or all at once with plane offsets added when they are many
and small.
"""

from __future__ import annotations

import numpy as np

from engine.errors import PoolingError
from engine.ops.layout import shaped_array

NO_INDEX = -1
"""Index of a window with no cell (PyTorch returns garbage there)."""

LARGE_PLANE = 4096
"""Indices per plane from which a loop over the planes beats adding plane offsets."""


def scan_indices(indices: np.ndarray, plane: int) -> tuple[bool, bool]:
    """Whether int64 ``indices`` all lie in ``[-1, plane)``, and whether some is ``-1``: one
    pass when all lie in ``[0, plane)``."""
    if not indices.size or int(indices.view(np.uint64).max()) < plane:
        return True, False
    valid = int(indices.min()) >= NO_INDEX and int(indices.max()) < plane
    return valid, True


def check_flat_indices(
    op_name: str, indices, expected_shape: tuple, plane: int
) -> tuple[np.ndarray, bool]:
    """Refuse indices that do not fit ``expected_shape`` or point outside a plane of ``plane``
    cells (``-1``, no cell, is allowed).

    Returns
    -------
    indices : ndarray of ``expected_shape``, int64
        A view when they were int64 already.
    missing : bool
        Whether some index is ``-1``.
    """
    indices = shaped_array(op_name, "indices", indices, expected_shape, "iu")
    indices = indices.astype(np.int64, copy=False)
    valid, missing = scan_indices(indices, plane)
    if not valid:
        raise PoolingError(
            "{op_name}() indices must lie in [0, {cells}) (or be {none}), but got values from "
            "{lowest} to {highest}",
            op_name=op_name,
            cells=plane,
            none=NO_INDEX,
            lowest=indices.min(),
            highest=indices.max(),
        )
    return indices, missing


def scatter_add(
    values: np.ndarray, indices: np.ndarray, plane: int, dtype: np.dtype, missing: bool
) -> np.ndarray:
    """Add every value at its flat index of a zero plane; ``-1`` indices add nothing.

    Parameters
    ----------
    values, indices : ndarray of shape (P, K)
        ``P`` planes of ``K`` values and their int64 positions in ``[-1, plane)``.
    missing : bool
        Whether some index is ``-1``.

    Returns
    -------
    ndarray of shape (P, plane), ``dtype``
        Values sharing an index are added up.
    """
    # np.zeros, not fresh_array: a scatter's writes land anywhere, where huge pages spare
    # the translation misses that ordinary pages cost.
    result = np.zeros((values.shape[0], plane), dtype=dtype)
    scatter_add_into(result, values.astype(dtype, copy=False), indices, missing)
    return result


def scatter_add_into(
    result: np.ndarray, values: np.ndarray, indices: np.ndarray, missing: bool
) -> None:
    """Add every value of (P, K) ``values`` at its flat index of its plane of ``result``
    (P, plane), in place; ``-1`` indices add nothing."""
    if missing:
        keep = indices >= 0
        for row in range(values.shape[0]):
            np.add.at(result[row], indices[row][keep[row]], values[row][keep[row]])
    elif indices.shape[1] >= LARGE_PLANE:
        for row in range(values.shape[0]):  # one scatter per plane, not per pixel
            np.add.at(result[row], indices[row], values[row])
    else:
        flat = with_plane_offsets(indices, result.shape[1])
        np.add.at(result.reshape(-1), flat, values.reshape(-1))


def with_plane_offsets(indices: np.ndarray, plane: int) -> np.ndarray:
    """Flat positions of (P, K) plane indices in all ``P`` planes laid end to end, (P * K,)."""
    offsets = np.arange(0, indices.shape[0] * plane, plane, dtype=np.int64)
    return (indices + offsets[:, None]).reshape(-1)


def place(values: np.ndarray, indices: np.ndarray, plane: int, missing: bool) -> np.ndarray:
    """Put every value at its flat index of a zero plane; ``-1`` is skipped.

    Parameters
    ----------
    values, indices : ndarray of shape (P, K)
    missing : bool
        Whether some index is ``-1``.

    Returns
    -------
    ndarray of shape (P, plane), the dtype of ``values``
        Where two values share an index the later one wins, as in PyTorch's CPU loop.
    """
    result = np.zeros((values.shape[0], plane), dtype=values.dtype)
    if missing or indices.shape[1] >= LARGE_PLANE:
        for row in range(values.shape[0]):  # one assignment per plane
            targets, row_values = indices[row], values[row]
            if missing:
                keep = targets >= 0
                targets, row_values = targets[keep], row_values[keep]
            result[row][targets] = row_values
    else:
        result.reshape(-1)[with_plane_offsets(indices, plane)] = values.reshape(-1)
    return result


def gather(values: np.ndarray, indices: np.ndarray, missing: bool) -> np.ndarray:
    """Every index's value: the adjoint of :func:`place` (``-1`` reads 0).

    Parameters
    ----------
    values : ndarray of shape (P, plane)
    indices : ndarray of shape (P, K), int64 in ``[-1, plane)``
    missing : bool
        Whether some index is ``-1``.

    Returns
    -------
    ndarray of shape (P, K), the dtype of ``values``
        Two indices naming the same cell both read it.
    """
    plane = values.shape[1]
    if indices.shape[1] >= LARGE_PLANE:
        result = np.empty(indices.shape, dtype=values.dtype)
        for row in range(values.shape[0]):
            np.take(values[row], indices[row], out=result[row], mode="clip")
    else:
        flat = np.take(values.reshape(-1), with_plane_offsets(indices, plane), mode="clip")
        result = flat.reshape(indices.shape)
    if missing:  # -1 read a cell next to it (clipped), not 0
        result[indices < 0] = 0
    return result


__all__ = [
    "NO_INDEX",
    "check_flat_indices",
    "gather",
    "place",
    "scan_indices",
    "scatter_add",
    "scatter_add_into",
]
