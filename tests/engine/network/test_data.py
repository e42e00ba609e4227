"""Shifting images and cutting batches."""

import numpy as np
import pytest

from engine.network.data import DIRECTIONS, batches, shift_directions, shift_images


def test_each_image_moves_the_same_way_at_every_distance():
    images = np.random.default_rng(0).random((40, 2, 9, 7)).astype(np.float32)
    directions = shift_directions(len(images), seed=3)
    for pixels in (1, 2, 4):
        shifted = shift_images(images, pixels, seed=3)
        assert shifted.dtype == images.dtype and shifted.shape == images.shape
        for image, moved, (rows, cols) in zip(images, shifted, directions):
            expected = np.zeros_like(image)
            h, w = image.shape[1:]
            dr, dc = rows * pixels, cols * pixels
            for r in range(h):  # plain loop reference
                for c in range(w):
                    if 0 <= r + dr < h and 0 <= c + dc < w:
                        expected[:, r + dr, c + dc] = image[:, r, c]
            np.testing.assert_array_equal(moved, expected)
    assert {tuple(d) for d in directions} == {tuple(d) for d in DIRECTIONS}


def test_no_shift_is_a_copy_and_a_huge_shift_empties_the_frame():
    images = np.ones((3, 1, 4, 4))
    same = shift_images(images, 0)
    assert same is not images and np.array_equal(same, images)
    assert not shift_images(images, 4).any()
    with pytest.raises(ValueError, match=r"\(4, 4\).*-1"):
        shift_images(images[0, 0], -1)


def test_batches_cover_every_example_once():
    order = np.concatenate(list(batches(10, 4, np.random.default_rng(0))))
    assert sorted(order) == list(range(10))
    assert [len(b) for b in batches(10, 4)] == [4, 4, 2]
