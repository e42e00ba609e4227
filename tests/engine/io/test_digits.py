"""The generated digits: deterministic, balanced, in range, and shiftable."""

import numpy as np
import pytest

from engine.io.digits import digit_sets, make_digits
from engine.network.data import shift_images


def test_same_seed_same_digits_other_seed_other_digits():
    images, labels = make_digits(50, seed=4)
    again, again_labels = make_digits(50, seed=4)
    np.testing.assert_array_equal(images, again)
    np.testing.assert_array_equal(labels, again_labels)
    assert not np.array_equal(images, make_digits(50, seed=5)[0])
    assert not np.array_equal(images, make_digits(50, seed=4, stream=1)[0])


def test_shape_range_and_balance():
    images, labels = make_digits(205, seed=0)
    assert images.shape == (205, 1, 28, 28) and images.dtype == np.float32
    assert labels.dtype == np.int64 and images.min() >= 0 and images.max() <= 1
    counts = np.bincount(labels, minlength=10)
    assert counts.min() == 20 and counts.max() == 21
    assert 0.05 < images.mean() < 0.4  # a white digit on black, not an empty frame
    ink = images[:, 0] > 0.5
    assert ink.any(axis=(1, 2)).all()  # every image shows its digit


def test_digits_are_roughly_centred_like_mnist():
    images, _ = make_digits(300, seed=1)
    rows = np.arange(28)[None, :, None]
    mass = images[:, 0].sum(axis=(1, 2))
    centre = (images[:, 0] * rows).sum(axis=(1, 2)) / mass
    assert abs(centre.mean() - 13.5) < 1.0 and centre.min() > 8 and centre.max() < 19


def test_the_shifted_test_set_is_the_same_digits_moved():
    images, labels = make_digits(40, seed=2)
    for pixels in (2, 6):
        shifted, shifted_labels = make_digits(40, seed=2, shift=pixels)
        np.testing.assert_array_equal(shifted_labels, labels)
        np.testing.assert_array_equal(shifted, shift_images(images, pixels, seed=2))


def test_training_and_test_sets_differ():
    sets = digit_sets(30, 20, seed=0)
    assert sets.train_images.shape == (30, 1, 28, 28) and sets.test_images.shape == (20, 1, 28, 28)
    assert not np.array_equal(sets.train_images[:20], sets.test_images)


def test_bad_counts_are_refused():
    with pytest.raises(ValueError, match="-1"):
        make_digits(-1)
    assert make_digits(0)[0].shape == (0, 1, 28, 28)
