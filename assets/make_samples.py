"""Regenerate the small synthetic samples in this folder: ``python assets/make_samples.py``."""

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent


def digit_image() -> Image.Image:
    """A handwritten-looking 7 on a 28x28 black background, like an MNIST digit."""
    scale = 8
    canvas = Image.new("L", (28 * scale, 28 * scale), 0)
    draw = ImageDraw.Draw(canvas)
    stroke = int(2.6 * scale)
    draw.line([(7 * scale, 7 * scale), (20 * scale, 6 * scale)], fill=255, width=stroke)
    draw.line([(20 * scale, 6 * scale), (13 * scale, 22 * scale)], fill=255, width=stroke)
    draw.line([(11 * scale, 14 * scale), (18 * scale, 14 * scale)], fill=220, width=stroke // 2)
    small = canvas.filter(ImageFilter.GaussianBlur(scale * 0.6)).resize((28, 28), Image.LANCZOS)
    return small


def checkerboard_image(size: int = 64, square: int = 8) -> Image.Image:
    rows, cols = np.indices((size, size)) // square
    return Image.fromarray(((rows + cols) % 2 * 255).astype(np.uint8), mode="L")


def digit_volume(digit: Image.Image, depth: int = 8) -> np.ndarray:
    """(D, H, W) float32: the digit sliding right one column and bobbing a row per slice,
    fading in, so a 3D window spans visibly different slices."""
    plane = np.asarray(digit, dtype=np.float32) / 255
    slices = [
        np.roll(np.roll(plane, index - depth // 2, axis=1), index % 3 - 1, axis=0)
        * (0.6 + 0.05 * index)
        for index in range(depth)
    ]
    return np.round(np.stack(slices), 3).astype(np.float32)


def sequence_values(length: int = 40) -> np.ndarray:
    """Small integers along a slow wave with a little noise: a 1D signal to pool."""
    noise = np.random.default_rng(1).integers(0, 3, length)
    return np.round(5 + 4 * np.sin(np.arange(length) / 3) + noise).astype(int)


def main() -> None:
    digit = digit_image()
    digit.save(HERE / "digit_28x28.png", optimize=True)
    np.save(HERE / "digit_volume_8x28x28.npy", digit_volume(digit))
    (HERE / "sequence_1x40.csv").write_text(",".join(map(str, sequence_values())) + "\n")
    checkerboard_image().save(HERE / "checkerboard_64x64.png", optimize=True)
    (HERE / "matrix_4x4.csv").write_text("1,1,2,4\n5,6,7,8\n3,2,1,0\n1,2,3,4\n")
    (HERE / "matrix_6x6.csv").write_text(
        "1,3,2,1,0,4\n4,6,6,2,1,3\n3,1,2,8,5,1\n0,2,7,7,3,2\n5,1,0,3,9,9\n2,4,1,6,2,0\n"
    )


if __name__ == "__main__":
    main()
