"""An MNIST-like set of handwritten-looking digits, made by PoolScope: nothing to download.

Each image is one digit 0-9 drawn with Pillow's bundled font (``ImageFont.load_default``,
Aileron) white on black, at a random size, position, rotation, stroke width, blur and noise,
28x28 like MNIST. Everything is drawn from a seed, so the same seed gives the same images; a
set of 7,000 takes a few seconds. The test set can be shifted by some pixels (right, left,
down or up, drawn per image) to see how far a network tolerates a digit off its place.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from engine.network.data import shift_images

SIZE = 28
SCALE = 4  # drawn at 4x and reduced with a box filter: anti-aliased strokes
FONT_SIZE = 80  # at 4x
HEIGHT_RANGE = (14.0, 22.0)  # the digit's height in pixels (MNIST's fit a 20x20 box)
OFFSET_RANGE = 3.0  # pixels the centre moves, each way
ANGLE_RANGE = 15.0  # degrees, each way
STROKE_RANGE = (0, 4)  # extra outline at 4x, inclusive
BLUR_RANGE = (0.0, 1.0)  # Gaussian radius in pixels
NOISE_RANGE = (0.0, 0.08)  # standard deviation of the added noise


@dataclass(frozen=True)
class DigitSets:
    """A training set and a test set drawn from one seed.

    Attributes
    ----------
    train_images, test_images : ndarray of shape (N, 1, 28, 28), float32 in [0, 1]
    train_labels, test_labels : ndarray of shape (N,), int64, each digit equally often
    """

    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray


def glyphs(stroke: int) -> list[Image.Image]:
    """The ten digits at 4x with an outline of ``stroke``, each cut to its ink."""
    font = ImageFont.load_default(size=FONT_SIZE)
    side = FONT_SIZE * 2
    images = []
    for digit in range(10):
        canvas = Image.new("L", (side, side))
        ImageDraw.Draw(canvas).text(
            (side // 2, side // 2),
            str(digit),
            fill=255,
            font=font,
            anchor="mm",
            stroke_width=stroke,
            stroke_fill=255,
        )
        images.append(canvas.crop(canvas.getbbox()))
    return images


def draw_digit(glyph: Image.Image, height: float, aspect: float, angle: float, offset, blur):
    """One 28x28 picture (uint8) of a glyph: turned by ``angle`` degrees, scaled to
    ``height`` pixels (times ``aspect`` across), its centre moved by ``offset`` (rows,
    cols), blurred with radius ``blur``."""
    turned = glyph.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True)
    scale = height * SCALE / glyph.height
    size = (max(1, round(turned.width * scale * aspect)), max(1, round(turned.height * scale)))
    turned = turned.resize(size, Image.Resampling.BILINEAR)
    canvas = Image.new("L", (SIZE * SCALE, SIZE * SCALE))
    centre_row = SIZE * SCALE / 2 + offset[0] * SCALE
    centre_col = SIZE * SCALE / 2 + offset[1] * SCALE
    canvas.paste(turned, (round(centre_col - size[0] / 2), round(centre_row - size[1] / 2)))
    small = canvas.resize((SIZE, SIZE), Image.Resampling.BOX)
    return np.asarray(small.filter(ImageFilter.GaussianBlur(float(blur))) if blur > 0.05 else small)


def make_digits(
    count: int, seed: int = 0, shift: int = 0, stream: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """``count`` digits and their labels.

    Parameters
    ----------
    count : int
    seed : int
        Same seed (and stream), same images.
    shift : int
        Pixels to move every digit after drawing it (right, left, down or up, drawn per image
        from the seed; :func:`engine.network.data.shift_images`): 0 keeps them in place.
    stream : int
        Independent sets from one seed: the training set is stream 0, the test set stream 1.

    Returns
    -------
    images : ndarray of shape (count, 1, 28, 28), float32 in [0, 1]
    labels : ndarray of shape (count,), int64
        Each digit ``count // 10`` or ``count // 10 + 1`` times, in random order.
    """
    if count < 0 or shift < 0:
        raise ValueError(f"make_digits needs count >= 0 and shift >= 0, not {count} and {shift}")
    random = np.random.default_rng([seed, stream])
    labels = random.permutation(np.arange(count) % 10).astype(np.int64)
    heights = random.uniform(*HEIGHT_RANGE, count)
    aspects = random.uniform(0.8, 1.2, count)
    angles = random.uniform(-ANGLE_RANGE, ANGLE_RANGE, count)
    offsets = random.uniform(-OFFSET_RANGE, OFFSET_RANGE, (count, 2))
    strokes = random.integers(STROKE_RANGE[0], STROKE_RANGE[1] + 1, count)
    blurs = random.uniform(*BLUR_RANGE, count)
    noise_levels = random.uniform(*NOISE_RANGE, count)
    fonts = {stroke: glyphs(stroke) for stroke in np.unique(strokes)}
    images = np.empty((count, 1, SIZE, SIZE), np.float32)
    for index in range(count):  # one Pillow drawing per image
        glyph = fonts[strokes[index]][labels[index]]
        picture = draw_digit(
            glyph, heights[index], aspects[index], angles[index], offsets[index], blurs[index]
        )
        images[index, 0] = picture
    images /= 255
    images += random.standard_normal(images.shape, np.float32) * noise_levels[:, None, None, None]
    np.clip(images, 0, 1, out=images)
    return (shift_images(images, shift, seed) if shift else images), labels


def digit_sets(train_count: int = 6000, test_count: int = 1000, seed: int = 0) -> DigitSets:
    """A training set and a test set from one seed (streams 0 and 1 of :func:`make_digits`)."""
    train_images, train_labels = make_digits(train_count, seed, stream=0)
    test_images, test_labels = make_digits(test_count, seed, stream=1)
    return DigitSets(train_images, train_labels, test_images, test_labels)
