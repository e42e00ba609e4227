"""What is drawn over an image: the cell grid, cell values, a pooling window, marked cells.

The overlay lives in the view's coordinates; the cells of its data are where the panel's
placement puts them (a unit square each, or the input area of their window), so it draws every
kind the same way. Window cells and gradient counts are the panel's own cells.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from engine.pooling.windows import Window
from gui.views.formatting import fitting_texts

GRID_MIN_CELL_PIXELS = 12  # grid lines appear when a cell is this many screen pixels wide
VALUES_MIN_CELL_PIXELS = 14  # below this no number can be read
SMALLEST_FONT_PIXELS = 8
CHANNEL_LETTERS = ("R", "G", "B")
MAX_VALUE_LABELS = 2500
MAX_GRID_CELLS = 20_000
MAX_OUTLINED_CELLS = 400  # larger windows are drawn by their outline only

WINDOW_COLOUR = QColor(255, 200, 0)
PADDING_COLOUR = QColor(255, 140, 0)
ARGMAX_COLOUR = QColor(255, 40, 40)
MARK_COLOUR = QColor(0, 220, 255)
SELECTED_COLOUR = QColor(255, 200, 0)
NOT_COMPUTED_COLOUR = QColor(28, 28, 34)  # cells an animation has not computed yet


def cosmetic_pen(colour: QColor, width: float, style=Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width, style)
    pen.setCosmetic(True)
    return pen


def as_qrect(rect) -> QRectF:
    return QRectF(rect.left, rect.top, rect.width, rect.height)


class CellOverlay(pg.GraphicsObject):
    """Grid lines, cell values, a pooling window and marked cells, in view coordinates."""

    def __init__(self):
        super().__init__()
        self.values: np.ndarray | None = None  # (C, H, W) numbers to print
        self.levels = (0.0, 1.0)  # the display range the colours come from
        self.colour_map = pg.colormap.get("CET-L1")  # for single channels
        self.shown_channels = 0  # how many channels' numbers the last paint wrote
        # Cells from this row-major index on are not computed yet (an animation step): they are
        # covered by at most a few rectangles, so a step costs the same for any output size.
        self.hidden_from: int | None = None
        self.hidden_rects: list = []
        self.placement = None
        self.window: Window | None = None
        self.argmax: list[tuple[int, int, QColor]] = []
        self.marked: list[tuple[int, int]] = []
        self.selected: tuple[int, int] | None = None
        self.counts: np.ndarray | None = None  # (H, W) contributions per cell
        self.bins: list = []  # rectangles (engine.pooling.windows.Rect) outlined for good
        self.route: tuple[QPointF, QPointF] | None = None  # gradient route, cell units
        self.cell_size = 1.0
        self.setZValue(10)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # clicks go to the image

    def set_data(self, values: np.ndarray | None, placement=None, levels=None):
        """``values`` (C, H, W) drawn where ``placement`` puts each cell, coloured from
        ``levels``."""
        self.prepareGeometryChange()
        self.values, self.placement = values, placement
        self.levels = levels or self.levels
        self.cell_size = placement.typical_cell_size() if placement is not None else 1.0
        self.set_hidden_from(self.hidden_from)

    def set_hidden_from(self, cells_done: int | None) -> None:
        """Cover the cells after the first ``cells_done`` (row-major; none when None) as not
        computed yet, and write no number in them."""
        self.hidden_from = cells_done
        hidden = cells_done is not None and self.placement is not None
        self.hidden_rects = self.placement.rects_after(cells_done) if hidden else []
        self.update()

    def is_hidden(self, row: int, col: int) -> bool:
        if self.hidden_from is None or self.placement is None:
            return False
        return row * self.placement.output_shape[1] + col >= self.hidden_from

    def set_window(self, window: Window | None, argmax=()) -> None:
        """Outline a window's cells and mark arg-max (row, col, colour)s."""
        self.prepareGeometryChange()
        self.window, self.argmax = window, list(argmax)
        self.update()

    @property
    def window_cells(self) -> list[tuple[int, int, bool]]:
        """The outlined window's (row, col, is_padding) cells."""
        return [] if self.window is None else self.window.cells()

    def set_bins(self, bins) -> None:
        """Outline rectangles for good (e.g. spatial pyramid bins)."""
        self.bins = list(bins)
        self.update()

    def set_counts(self, counts: np.ndarray | None) -> None:
        """Show how many contributions each cell received (written as xN when N > 1)."""
        self.counts = counts
        self.update()

    def set_route(self, start: QPointF | None, end: QPointF | None = None) -> None:
        """Draw an arrow from ``start`` to ``end`` (cell units), or nothing."""
        self.route = None if start is None else (start, end)
        self.update()

    def set_marked(self, cells, selected=None) -> None:
        self.marked, self.selected = list(cells), selected
        self.update()

    def content_rect(self) -> QRectF:
        """Everything there is to see: the cells and any window reaching into the padding."""
        if self.placement is None:
            return QRectF(0, 0, 1, 1)
        height, width = self.placement.size
        rect = QRectF(0, 0, width, height)
        if self.window is not None:
            rect = rect.united(as_qrect(self.window.extent))
        return rect

    def boundingRect(self) -> QRectF:
        rect = self.content_rect()
        margin = 2 + 0.1 * max(rect.width(), rect.height())  # room for the locator rings
        return rect.adjusted(-margin, -margin, margin, margin)

    def cell_pixels(self, axis: int = 0) -> float:
        """How many screen pixels one drawing unit spans across (``axis=0``) or down
        (``axis=1``; the same unless the view's aspect is unlocked, as for bars); 0 when not
        on screen yet."""
        length = self.pixelLength(pg.Point(1, 0) if axis == 0 else pg.Point(0, 1))
        return 0.0 if not length else 1.0 / length

    def visible_cells(self):
        """Output rows and columns at least partly on screen."""
        height, width = self.placement.size
        visible = self.viewRect() or QRectF(0, 0, width, height)
        return self.placement.cells_in(
            visible.top(), visible.left(), visible.bottom(), visible.right()
        )

    def paint(self, painter: QPainter, *args) -> None:
        pixels = self.cell_pixels()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        visible = self.viewRect()
        if visible is not None:
            painter.setClipRect(visible)  # nothing spills over the axes
        if self.hidden_rects:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(NOT_COMPUTED_COLOUR))
            painter.drawRects([as_qrect(rect) for rect in self.hidden_rects])
        if self.placement is not None and pixels > 0:
            rows, cols = self.visible_cells()
            count = len(rows) * len(cols)
            screen_cell = self.cell_size * pixels
            if screen_cell >= GRID_MIN_CELL_PIXELS and count <= MAX_GRID_CELLS:
                painter.setPen(cosmetic_pen(QColor(128, 128, 128, 140), 1))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRects(
                    [as_qrect(self.placement.rect(row, col)) for row in rows for col in cols]
                )
            if screen_cell >= VALUES_MIN_CELL_PIXELS and count <= MAX_VALUE_LABELS:
                if self.values is not None:
                    self.paint_values(painter, pixels, rows, cols)
                if self.counts is not None:
                    self.paint_counts(painter, pixels, rows, cols)
        self.paint_marks(painter, pixels)
        if self.route is not None:
            self.paint_route(painter)

    def screen_rect(self, row: int, col: int, pixels: float, pixels_down: float) -> QRectF:
        """A cell in screen pixels (``pixels`` per unit across, ``pixels_down`` down)."""
        rect = self.placement.rect(row, col)
        return QRectF(
            rect.left * pixels,
            rect.top * pixels_down,
            rect.width * pixels,
            rect.height * pixels_down,
        )

    def brightness(self, rows, cols) -> np.ndarray:
        """How light each visible cell is drawn, 0 (black) to 1 (white): numbers are written
        dark on light cells and light on dark ones."""
        values = self.values[:, rows.start : rows.stop, cols.start : cols.stop]
        low, high = self.levels
        with np.errstate(all="ignore"):
            scaled = np.nan_to_num((values - low) / max(high - low, 1e-12), nan=0.0)
        scaled = np.clip(scaled, 0.0, 1.0)
        if values.shape[0] == 3:
            return np.tensordot([0.2126, 0.7152, 0.0722], scaled, axes=1)
        colours = self.colour_map.map(scaled[0].ravel(), mode="float")[:, :3]
        return (colours @ np.array([0.2126, 0.7152, 0.0722])).reshape(scaled.shape[1:])

    def paint_values(self, painter, pixels, rows, cols) -> None:
        """Each visible cell's number, at the largest precision and font that fit the cell;
        nothing when no number fits. Three channels are written labelled when they fit,
        else the first channel alone (the view's title names it)."""
        size = self.cell_size * pixels
        block = self.values[:, rows.start : rows.stop, cols.start : cols.stop]
        three = block.shape[0] == 3 and size >= 3 * (SMALLEST_FONT_PIXELS + 2)
        chosen = (three and self.fitting(block, size, 3)) or self.fitting(block, size, 1)
        self.shown_channels = 0 if chosen is None else len(chosen[1])
        if chosen is None:
            return
        font, texts = chosen
        lines = len(texts)
        light = self.brightness(rows, cols) > 0.55
        visible = self.viewRect()
        pixels_down = self.cell_pixels(1) or pixels
        painter.save()
        painter.scale(1.0 / pixels, 1.0 / pixels_down)  # draw text in screen pixels
        painter.setFont(font)
        for (row_offset, col_offset), _ in np.ndenumerate(light):
            row, col = rows.start + row_offset, cols.start + col_offset
            if self.is_hidden(row, col):
                continue
            if visible is not None and not visible.contains(
                as_qrect(self.placement.rect(row, col))
            ):
                continue  # a cell cut by the view's edge would show half a number
            painter.setPen(
                QColor(0, 0, 0) if light[row_offset, col_offset] else QColor(255, 255, 255)
            )
            text = "\n".join(
                f"{CHANNEL_LETTERS[channel]} " * (lines == 3)
                + texts[channel][row_offset, col_offset]
                for channel in range(lines)
            )
            painter.drawText(
                self.screen_rect(row, col, pixels, pixels_down), Qt.AlignmentFlag.AlignCenter, text
            )
        painter.restore()

    @staticmethod
    def fitting(block: np.ndarray, size: float, lines: int):
        """The font and texts that write ``lines`` channels of ``block`` into cells ``size``
        pixels wide with the most decimals (a smaller font before fewer decimals), or None."""
        largest = min(int(size / lines * 0.42), 16)
        prefix = "R " if lines == 3 else ""
        for decimals in (3, 2, 1):
            for pixel_size in range(largest, SMALLEST_FONT_PIXELS - 1, -1):
                font = QFont()
                font.setPixelSize(pixel_size)
                metrics = QFontMetricsF(font)
                texts = fitting_texts(
                    block[:lines],
                    lambda text, m=metrics: m.horizontalAdvance(prefix + text) <= size - 4,
                    (decimals,),
                )
                if texts is not None:
                    return font, texts
        return None

    def paint_counts(self, painter, pixels, rows, cols) -> None:
        """'xN' in the top-right corner of cells that received N > 1 contributions."""
        pixels_down = self.cell_pixels(1) or pixels
        painter.save()
        painter.scale(1.0 / pixels, 1.0 / pixels_down)
        font = QFont()
        font.setPixelSize(max(8, min(int(self.cell_size * pixels * 0.2), 13)))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(120, 0, 160))
        for row in rows:
            for col in cols:
                if self.counts[row, col] > 1:
                    painter.drawText(
                        self.screen_rect(row, col, pixels, pixels_down).adjusted(0, 0, -3, 0),
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                        f"x{int(self.counts[row, col])}",
                    )
        painter.restore()

    def paint_route(self, painter) -> None:
        start, end = self.route
        painter.setPen(cosmetic_pen(ARGMAX_COLOUR, 3))
        painter.drawLine(start, end)
        direction = end - start
        length = math.hypot(direction.x(), direction.y())
        if length > 0:
            unit = QPointF(direction.x() / length, direction.y() / length)
            normal = QPointF(-unit.y(), unit.x())
            size = 0.3
            painter.setBrush(QBrush(ARGMAX_COLOUR))
            painter.drawPolygon(
                [
                    end,
                    end - unit * size + normal * size * 0.6,
                    end - unit * size - normal * size * 0.6,
                ]
            )

    def paint_marks(self, painter, pixels) -> None:
        inset = 0.06
        if self.placement is not None:
            painter.setPen(cosmetic_pen(MARK_COLOUR, 2))
            painter.setBrush(QBrush(QColor(0, 220, 255, 60)))
            for row, col in self.marked:
                rect = as_qrect(self.placement.rect(row, col))
                painter.drawRect(rect.adjusted(inset, inset, -inset, -inset))
            if self.selected is not None:
                rect = as_qrect(self.placement.rect(*self.selected))
                painter.setPen(cosmetic_pen(SELECTED_COLOUR, 3))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect)
                self.paint_locator(painter, pixels, rect, SELECTED_COLOUR)
        painter.setPen(cosmetic_pen(QColor(0, 220, 255, 160), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in self.bins:
            painter.drawRect(as_qrect(rect))
        if self.window is not None:
            extent = as_qrect(self.window.extent)
            painter.setPen(cosmetic_pen(WINDOW_COLOUR, 2, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(extent)
            self.paint_locator(painter, pixels, extent, WINDOW_COLOUR)
            if self.window.size <= MAX_OUTLINED_CELLS:
                self.paint_window_cells(painter, inset)
        for index, (row, col, colour) in enumerate(self.argmax):
            painter.setPen(cosmetic_pen(colour, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            inset_here = index * 0.08  # several channels' arg-max in one cell stay visible
            painter.drawRect(
                QRectF(col + inset_here, row + inset_here, 1 - 2 * inset_here, 1 - 2 * inset_here)
            )
            painter.setBrush(QBrush(colour))
            radius = max(0.06, min(0.16, 4 / max(pixels, 1)))
            # In the top-left corner, so the cell's value stays readable.
            centre = QPointF(col + 0.2 + index * 2.5 * radius, row + 0.2)
            painter.drawEllipse(centre, radius, radius)

    def paint_window_cells(self, painter, inset: float) -> None:
        real_pen, real_brush = cosmetic_pen(WINDOW_COLOUR, 2), QBrush(QColor(255, 200, 0, 45))
        padding_pen = cosmetic_pen(PADDING_COLOUR, 1.5, Qt.PenStyle.DashLine)
        padding_brush = QBrush(QColor(255, 140, 0, 90), Qt.BrushStyle.BDiagPattern)
        for row, col, padding in self.window.cells():
            painter.setPen(padding_pen if padding else real_pen)
            painter.setBrush(padding_brush if padding else real_brush)
            painter.drawRect(QRectF(col + inset, row + inset, 1 - 2 * inset, 1 - 2 * inset))

    @staticmethod
    def paint_locator(painter, pixels: float, rect: QRectF, colour: QColor) -> None:
        """A ring of fixed screen size around ``rect`` when the cells are too small to see."""
        size_on_screen = max(rect.width(), rect.height()) * pixels
        if pixels <= 0 or size_on_screen >= 14:
            return
        radius = 14 / pixels
        painter.setPen(cosmetic_pen(colour, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(rect.center(), radius, radius)
