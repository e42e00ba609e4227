"""Moving a set of images, and cutting it into batches."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

DIRECTIONS = np.array([(0, 1), (0, -1), (1, 0), (-1, 0)])
"""Right, left, down, up: the ways :func:`shift_images` moves an image, as (rows, cols)."""


def shift_directions(count: int, seed: int = 0) -> np.ndarray:
    """One direction per image, (count, 2) of (row step, col step), the same for the same
    seed whatever the distance, so 2, 4 and 6 pixels move each image further the same way."""
    return DIRECTIONS[np.random.default_rng([seed, 2]).integers(0, len(DIRECTIONS), count)]


def shift_images(images: np.ndarray, pixels: int, seed: int = 0) -> np.ndarray:
    """Every image moved ``pixels`` cells right, left, down or up (drawn per image from
    ``seed``), with zeros where nothing moved in; what leaves the frame is lost.

    Parameters
    ----------
    images : ndarray of shape (N, C, H, W)
    pixels : int, at least 0

    Returns
    -------
    ndarray of the images' shape and dtype
    """
    if pixels < 0 or images.ndim != 4:
        raise ValueError(
            f"shift_images needs images (N, C, H, W) and pixels >= 0, not {tuple(images.shape)} "
            f"and {pixels}"
        )
    if pixels == 0:
        return images.copy()
    height, width = images.shape[2:]
    shifted = np.zeros_like(images)
    directions = shift_directions(len(images), seed)
    for row_step, col_step in DIRECTIONS:  # four slab copies, never one per image
        chosen = np.flatnonzero((directions[:, 0] == row_step) & (directions[:, 1] == col_step))
        rows, cols = row_step * pixels, col_step * pixels
        target = (
            slice(max(rows, 0), height + min(rows, 0)),
            slice(max(cols, 0), width + min(cols, 0)),
        )
        source = (
            slice(max(-rows, 0), height + min(-rows, 0)),
            slice(max(-cols, 0), width + min(-cols, 0)),
        )
        shifted[chosen, :, target[0], target[1]] = images[chosen, :, source[0], source[1]]
    return shifted


def batches(
    count: int, batch_size: int, random: np.random.Generator | None = None
) -> Iterator[np.ndarray]:
    """Indices of successive batches of ``count`` examples, shuffled by ``random`` if given;
    the last batch may be smaller."""
    order = random.permutation(count) if random is not None else np.arange(count)
    for start in range(0, count, batch_size):
        yield order[start : start + batch_size]
