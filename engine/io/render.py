"""Headless pictures of a pooling (Pillow only): the output as a PNG, animation frames for GIFs.

A frame shows the input on the left with the current window outlined (padding cells dashed in
orange, the arg-max framed in red), and the output on the right with the cells computed so far
(the rest blank). Small inputs get their numbers written in every cell, like the matrix mode.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from engine.pooling.display import data_range
from engine.pooling.steps import StepSequence

WINDOW_COLOUR = (255, 200, 0)
PADDING_COLOUR = (255, 140, 0)
ARGMAX_COLOUR = (255, 40, 40)
BACKGROUND = (32, 32, 36)
TEXT_COLOUR = (230, 230, 230)
MAX_SIDE = 420  # pixels a panel may take
NUMBERS_UP_TO = 16  # write values in the cells of inputs this small


def to_uint8(array: np.ndarray, levels: tuple[float, float]) -> np.ndarray:
    """(C, H, W) values to (H, W) or (H, W, 3) uint8 for display; NaN shows as 0."""
    low, high = levels
    scaled = (np.nan_to_num(array, nan=low, neginf=low, posinf=high) - low) / max(high - low, 1e-12)
    pixels = np.clip(np.rint(scaled * 255), 0, 255).astype(np.uint8)
    return np.moveaxis(pixels, 0, -1) if pixels.shape[0] == 3 else pixels[0]


def diverging_uint8(array: np.ndarray) -> np.ndarray:
    """(C, H, W) signed values (first channel) to an RGB blue-white-red map, 0 in white."""
    plane = np.nan_to_num(array[0].astype(np.float64))
    limit = max(float(np.abs(plane).max()), 1e-12)
    signed = np.clip(plane / limit, -1, 1)
    red = np.where(signed < 0, 1 + signed, 1.0)
    blue = np.where(signed > 0, 1 - signed, 1.0)
    green = 1 - np.abs(signed)
    rgb = np.stack([red, green, blue], axis=-1) * 255
    return np.rint(rgb).astype(np.uint8)


def cell_scale(height: int, width: int) -> int:
    """Screen pixels per cell so a panel fits in MAX_SIDE (at least 1)."""
    return max(1, MAX_SIDE // max(height, width))


def panel(pixels: np.ndarray, scale: int) -> Image.Image:
    image = Image.fromarray(pixels, "RGB" if pixels.ndim == 3 else "L").convert("RGB")
    return image.resize((image.width * scale, image.height * scale), Image.NEAREST)


def font_for(scale: int) -> ImageFont.ImageFont:
    return ImageFont.load_default(size=max(10, min(int(scale * 0.32), 28)))


def write_numbers(
    draw: ImageDraw.ImageDraw,
    values: np.ndarray,
    scale: int,
    origin,
    levels,
    dark_text: bool = False,
):
    """Write each cell's value (first channel) in the cell, dark on light cells."""
    font = font_for(scale)
    low, high = levels
    for (row, col), value in np.ndenumerate(values[0]):
        if np.isnan(value):
            continue
        text = f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"
        light = dark_text or (value - low) / max(high - low, 1e-12) > 0.5
        centre = (origin[0] + col * scale + scale / 2, origin[1] + row * scale + scale / 2)
        draw.text(centre, text, fill=(0, 0, 0) if light else TEXT_COLOUR, font=font, anchor="mm")


def render_output(output: np.ndarray, levels: tuple[float, float] | None = None) -> Image.Image:
    """The output array as a picture, cells enlarged to be seen."""
    levels = levels or data_range(output)
    pixels = to_uint8(output, levels)
    scale = cell_scale(*output.shape[-2:])
    picture = panel(pixels, scale)
    if max(output.shape[-2:]) <= NUMBERS_UP_TO:
        write_numbers(ImageDraw.Draw(picture), output, scale, (0, 0), levels)
    return picture


def render_frame(
    image: np.ndarray,
    sequence: StepSequence,
    count: int,
    gradient: np.ndarray | None = None,
    title: str = "",
) -> Image.Image:
    """One animation frame after ``count`` steps (the last of them highlighted).

    With ``gradient`` (the input gradient so far, (C, H, W)) the left panel shows it as a
    diverging heat map instead of the input: the backward pass.
    """
    levels = data_range(image)
    height, width = image.shape[-2:]
    scale = cell_scale(height, width)
    margin = 16
    if gradient is None:
        left = panel(to_uint8(image, levels), scale)
    else:
        left = panel(diverging_uint8(gradient), scale)
    partial = sequence.partial_output(count)
    out_h, out_w = partial.shape[-2:]
    out_scale = max(1, min(cell_scale(out_h, out_w), scale * height // max(out_h, 1)))
    right = panel(to_uint8(partial, levels), out_scale)
    frame_width = margin + left.width + 3 * margin + right.width + margin
    frame_height = 32 + margin + max(left.height, right.height) + margin
    frame = Image.new("RGB", (frame_width, frame_height), BACKGROUND)
    top = 32 + margin
    left_origin = (margin, top)
    right_origin = (margin + left.width + 3 * margin, top)
    frame.paste(left, left_origin)
    frame.paste(right, right_origin)
    draw = ImageDraw.Draw(frame)
    small = height <= NUMBERS_UP_TO and width <= NUMBERS_UP_TO
    if small:
        write_numbers(
            draw,
            image if gradient is None else gradient,
            scale,
            left_origin,
            levels if gradient is None else data_range(gradient),
            dark_text=gradient is not None,
        )
        write_numbers(draw, partial, out_scale, right_origin, levels)
    if count > 0:
        step = sequence[count - 1]
        for row, col, is_padding in step.window.cells():
            left, top = left_origin[0] + col * scale, left_origin[1] + row * scale
            colour = PADDING_COLOUR if is_padding else WINDOW_COLOUR
            draw.rectangle(
                [left, top, left + scale - 1, top + scale - 1],
                outline=colour,
                width=max(1, scale // 12),
            )
        for cell in step.argmax or ():
            if cell is not None:
                left, top = left_origin[0] + cell[1] * scale, left_origin[1] + cell[0] * scale
                draw.rectangle(
                    [left, top, left + scale - 1, top + scale - 1],
                    outline=ARGMAX_COLOUR,
                    width=max(2, scale // 8),
                )
                if gradient is not None:  # the gradient's route: output cell to its arg-max
                    row, col = sequence.cells_of(count - 1)[0]
                    start = (
                        right_origin[0] + (col + 0.5) * out_scale,
                        right_origin[1] + (row + 0.5) * out_scale,
                    )
                    end = (left + scale / 2, top + scale / 2)
                    draw.line([start, end], fill=ARGMAX_COLOUR, width=max(2, scale // 14))
                break
        for row, col in sequence.cells_of(count - 1):
            left, top = right_origin[0] + col * out_scale, right_origin[1] + row * out_scale
            draw.rectangle(
                [left, top, left + out_scale - 1, top + out_scale - 1],
                outline=WINDOW_COLOUR,
                width=max(1, out_scale // 10),
            )
    caption = title or f"step {count} of {len(sequence)}"
    draw.text((margin, 8), caption, fill=TEXT_COLOUR, font=font_for(48))
    return frame


def frame_counts(total_steps: int, frame_limit: int) -> list[int]:
    """Which step counts become frames: all of them, or evenly spaced up to ``frame_limit``
    (always including the first and the last)."""
    if total_steps + 1 <= frame_limit:
        return list(range(total_steps + 1))
    return sorted(
        {round(number * total_steps / (frame_limit - 1)) for number in range(frame_limit)}
    )
