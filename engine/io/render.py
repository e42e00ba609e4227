"""Headless pictures of a pooling (Pillow only): the output as a PNG, animation frames for GIFs.

A frame shows the input on the left with the current window outlined (padding cells dashed in
orange, the arg-max framed in red), and the output on the right with the cells computed so far
(the rest blank). Small inputs get their numbers written in every cell, like the matrix mode;
large ones are sampled so each panel stays within MAX_SIDE pixels a side, and a frame costs the
same whatever the image size.
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
MAX_OUTLINED_CELLS = 1024  # larger windows are outlined by their extent, not cell by cell
NUMBERS_UP_TO = 16  # write values in the cells of inputs this small


def to_uint8(array: np.ndarray, levels: tuple[float, float]) -> np.ndarray:
    """(C, H, W) values to (H, W) or (H, W, 3) uint8 for display; NaN shows as 0."""
    low, high = levels
    values = np.nan_to_num(np.asarray(array, dtype=np.float64), nan=low, neginf=low, posinf=high)
    scaled = np.clip((values - low) / max(high - low, 1e-12), 0.0, 1.0)  # no overflow below
    pixels = np.rint(scaled * 255).astype(np.uint8)
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


def sample_step(height: int, width: int, limit: int = MAX_SIDE) -> int:
    """Every how many cells a (height, width) array is sampled so it shows at most ``limit``
    cells a side (1 when it fits already): an animation frame's panels take at most MAX_SIDE
    pixels a side whatever the image size."""
    return max(1, -(-max(height, width) // limit))


def block_sums(plane: np.ndarray, step: int) -> np.ndarray:
    """Sums of ``step x step`` blocks of an (H, W) plane, edge blocks padded with zeros: shape
    (ceil(H / step), ceil(W / step)). A sparse gradient (max pooling sends it to one cell of
    each window) stays visible this way, where sampling every ``step``-th cell would miss it."""
    if step == 1:
        return plane
    height, width = plane.shape
    rows, cols = -(-height // step), -(-width // step)
    padded = np.zeros((rows * step, cols * step), dtype=np.float64)
    padded[:height, :width] = np.nan_to_num(plane)
    return padded.reshape(rows, step, cols, step).sum(axis=(1, 3))


class FramePainter:
    """Draws the frames of one animation (see :func:`render_frame`).

    What every frame shares is prepared once: the display levels, the input panel, the
    output's pixels and the layout. Inputs or outputs larger than MAX_SIDE a side are
    subsampled (every ``step``-th cell), window outlines with them, so one frame costs the
    same whatever the image size (the backward's gradient is the exception: the caller
    computes it at full size).
    """

    margin = 16
    title_height = 32

    def __init__(self, image: np.ndarray, sequence: StepSequence):
        self.image, self.sequence = image, sequence
        self.levels = data_range(image)
        height, width = image.shape[-2:]
        self.step = sample_step(height, width)
        self.scale = cell_scale(-(-height // self.step), -(-width // self.step))
        self.input_panel = panel(to_uint8(self.sample(image), self.levels), self.scale)
        output = sequence.result.output
        self.out_step = sample_step(*output.shape[-2:])
        self.output_pixels = to_uint8(output[:, :: self.out_step, :: self.out_step], self.levels)
        shown_h, shown_w = self.output_pixels.shape[:2]
        self.out_scale = max(
            1, min(cell_scale(shown_h, shown_w), self.input_panel.height // max(shown_h, 1))
        )
        self.small = height <= NUMBERS_UP_TO and width <= NUMBERS_UP_TO
        margin = self.margin
        self.left_origin = (margin, self.title_height + margin)
        self.right_origin = (margin + self.input_panel.width + 3 * margin, self.left_origin[1])
        self.size = (
            self.right_origin[0] + shown_w * self.out_scale + margin,
            self.left_origin[1] + max(self.input_panel.height, shown_h * self.out_scale) + margin,
        )

    def sample(self, array: np.ndarray) -> np.ndarray:
        return array[:, :: self.step, :: self.step]

    def frame(self, count: int, gradient: np.ndarray | None = None, title: str = "") -> Image.Image:
        """The frame after ``count`` steps, as :func:`render_frame` describes it."""
        frame = Image.new("RGB", self.size, BACKGROUND)
        if gradient is None:
            frame.paste(self.input_panel, self.left_origin)
        else:
            summed = block_sums(gradient[0], self.step)[np.newaxis]
            frame.paste(panel(diverging_uint8(summed), self.scale), self.left_origin)
        frame.paste(panel(self.output_so_far(count), self.out_scale), self.right_origin)
        draw = ImageDraw.Draw(frame)
        if self.small:
            self.write_all_numbers(draw, count, gradient)
        if count > 0:
            self.draw_step(draw, count - 1, gradient is not None)
        caption = title or f"step {count} of {len(self.sequence)}"
        draw.text((self.margin, 8), caption, fill=TEXT_COLOUR, font=font_for(48))
        return frame

    def output_so_far(self, count: int) -> np.ndarray:
        """The shown output pixels with the cells not computed after ``count`` steps blank."""
        pixels = self.output_pixels.copy()
        out_w = self.sequence.out_w
        rows = np.arange(pixels.shape[0])[:, np.newaxis] * self.out_step
        cols = np.arange(pixels.shape[1])[np.newaxis, :] * self.out_step
        pixels[rows * out_w + cols >= self.sequence.cells_done(count)] = 0
        return pixels

    def write_all_numbers(self, draw, count: int, gradient: np.ndarray | None) -> None:
        if gradient is None:
            write_numbers(draw, self.image, self.scale, self.left_origin, self.levels)
        else:
            write_numbers(draw, gradient, self.scale, self.left_origin, data_range(gradient), True)
        partial = self.sequence.partial_output(count)
        write_numbers(draw, partial, self.out_scale, self.right_origin, self.levels)

    def input_box(self, row: int, col: int, rows: int = 1, cols: int = 1) -> list[float]:
        """Frame pixels [left, top, right, bottom] of input cells row.., col.. (sampled)."""
        left = self.left_origin[0] + (col // self.step) * self.scale
        top = self.left_origin[1] + (row // self.step) * self.scale
        right = self.left_origin[0] + ((col + cols - 1) // self.step + 1) * self.scale - 1
        bottom = self.left_origin[1] + ((row + rows - 1) // self.step + 1) * self.scale - 1
        return [left, top, right, bottom]

    def output_box(self, first: tuple[int, int], last: tuple[int, int]) -> list[float]:
        """Frame pixels [left, top, right, bottom] of output cells ``first`` to ``last``."""
        step, scale = self.out_step, self.out_scale
        left = self.right_origin[0] + (first[1] // step) * scale
        top = self.right_origin[1] + (first[0] // step) * scale
        right = self.right_origin[0] + (last[1] // step + 1) * scale - 1
        bottom = self.right_origin[1] + (last[0] // step + 1) * scale - 1
        return [left, top, right, bottom]

    def draw_step(self, draw: ImageDraw.ImageDraw, index: int, backward: bool) -> None:
        """Outline step ``index``'s window, its arg-max (and, backward, the gradient's route
        to it) and the output cells it computes."""
        step = self.sequence[index]
        self.outline_window(draw, step.window)
        cells = self.sequence.cells_of(index)
        for cell in step.argmax or ():
            if cell is None:
                continue
            box = self.input_box(*cell)
            centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
            half = max((box[2] - box[0]) / 2, 3)  # a sampled cell is one pixel: keep it seen
            marker = [centre[0] - half, centre[1] - half, centre[0] + half, centre[1] + half]
            draw.rectangle(marker, outline=ARGMAX_COLOUR, width=max(2, self.scale // 8))
            if backward:  # the gradient's route: output cell to its arg-max
                source = self.output_box(cells[0], cells[0])
                start = ((source[0] + source[2]) / 2, (source[1] + source[3]) / 2)
                draw.line([start, centre], fill=ARGMAX_COLOUR, width=max(2, self.scale // 14))
            break
        draw.rectangle(
            self.output_box(cells[0], cells[-1]),
            outline=WINDOW_COLOUR,
            width=max(1, self.out_scale // 10),
        )

    def outline_window(self, draw: ImageDraw.ImageDraw, window) -> None:
        """Each cell of a small window (padding dashed in orange), else the window's extent."""
        width = max(1, self.scale // 12)
        if self.step > 1 or self.scale < 3 or window.size > MAX_OUTLINED_CELLS:
            extent = window.extent
            box = self.input_box(extent.top, extent.left, extent.height, extent.width)
            draw.rectangle(box, outline=WINDOW_COLOUR, width=max(2, width))
            return
        for row, col, is_padding in window.cells():
            colour = PADDING_COLOUR if is_padding else WINDOW_COLOUR
            draw.rectangle(self.input_box(row, col), outline=colour, width=width)


def render_frame(
    image: np.ndarray,
    sequence: StepSequence,
    count: int,
    gradient: np.ndarray | None = None,
    title: str = "",
) -> Image.Image:
    """One animation frame after ``count`` steps (the last of them highlighted).

    The input is on the left with the last step's window outlined (padding cells in orange,
    the arg-max framed in red), the output on the right with the cells computed so far (the
    rest blank). With ``gradient`` (the input gradient so far, (C, H, W)) the left panel shows
    it as a diverging heat map instead of the input: the backward pass. For many frames of one
    animation, make a :class:`FramePainter` once and call its ``frame``.
    """
    return FramePainter(image, sequence).frame(count, gradient, title)


def frame_counts(total_steps: int, frame_limit: int) -> list[int]:
    """Which step counts become frames: all of them, or evenly spaced up to ``frame_limit``
    (always including the first and the last)."""
    if total_steps + 1 <= frame_limit:
        return list(range(total_steps + 1))
    return sorted(
        {round(number * total_steps / (frame_limit - 1)) for number in range(frame_limit)}
    )
