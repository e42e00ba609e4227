"""The input and output image views: pyqtgraph plots with cell overlays that only draw.

Each view shows one (C, H, W) array with row and column axes, zoom and pan, a colour bar for
single-channel data, a pixel grid and the cell values once the cells are large on screen, and
the overlays the model asks for (a pooling window, an arg-max, marked cells).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QVBoxLayout, QWidget

GRID_MIN_CELL_PIXELS = 12  # grid lines appear when a cell is this many screen pixels wide
VALUES_MIN_CELL_PIXELS = 18  # cell values appear from this size on
MAX_VALUE_LABELS = 2500
MAX_OUTLINED_CELLS = 400  # larger windows are drawn by their outline only

WINDOW_COLOUR = QColor(255, 200, 0)
PADDING_COLOUR = QColor(255, 140, 0)
ARGMAX_COLOUR = QColor(255, 40, 40)
MARK_COLOUR = QColor(0, 220, 255)
SELECTED_COLOUR = QColor(255, 200, 0)


def format_value(value: float) -> str:
    """Short text for a cell value: integers without decimals, others with up to 3."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "-inf" if value < 0 else "inf"
    if float(value).is_integer() and abs(value) < 1e6:
        return str(int(value))
    return f"{value:.3g}" if abs(value) >= 1000 or abs(value) < 0.01 else f"{value:.3f}"


UINT8_DISPLAY_ABOVE = 4_000_000  # larger pictures are handed to pyqtgraph as 8-bit
MAX_DISPLAY_SIDE = 3000  # and are subsampled to at most this many pixels a side


def display_array(array: np.ndarray, levels: tuple[float, float]) -> np.ndarray:
    """What an ImageItem draws for a (C, H, W) array: (H, W, 3) for three channels, else the
    first channel as (H, W), contiguous, with NaN and infinities replaced by the level ends.

    Large arrays come back as uint8 already scaled to ``levels`` (drawn with levels 0..255)
    and subsampled to at most MAX_DISPLAY_SIDE pixels a side (the view stretches them over the
    full extent; cell values and windows still come from the full array), so painting them
    does not convert and scale tens of millions of pixels on the UI thread. Pure NumPy, so the
    model's worker can prepare it off the UI thread.
    """
    low, high = levels
    plane = np.moveaxis(array, 0, -1) if array.shape[0] == 3 else array[0]
    if plane.size > UINT8_DISPLAY_ABOVE:
        step = -(-max(plane.shape[:2]) // MAX_DISPLAY_SIDE)
        plane = plane[::step, ::step]
        scaled = (plane - np.float32(low)) * np.float32(255.0 / max(high - low, 1e-12))
        np.nan_to_num(scaled, copy=False, nan=0.0, posinf=255.0, neginf=0.0)
        return np.clip(scaled, 0, 255, out=scaled).astype(np.uint8)
    if np.isfinite(plane.min()) and np.isfinite(plane.max()):  # NaN makes min() NaN too
        return np.ascontiguousarray(plane)
    return np.nan_to_num(plane, nan=low, neginf=low, posinf=high)


class CellImageItem(pg.ImageItem):
    """An ImageItem that reports which cell the mouse is over or clicked."""

    sigCellHovered = Signal(int, int)
    sigCellClicked = Signal(int, int)

    def __init__(self):
        super().__init__()
        self.setAcceptHoverEvents(True)

    def cell_at(self, position: QPointF) -> tuple[int, int] | None:
        if self.image is None:
            return None
        row, col = int(math.floor(position.y())), int(math.floor(position.x()))
        height, width = self.image.shape[:2]
        return (row, col) if 0 <= row < height and 0 <= col < width else None

    def hoverEvent(self, event):
        if event.isExit():
            return
        cell = self.cell_at(event.pos())
        if cell is not None:
            self.sigCellHovered.emit(*cell)

    def mouseClickEvent(self, event):
        if event.button() != Qt.MouseButton.LeftButton:
            return
        cell = self.cell_at(event.pos())
        if cell is not None:
            event.accept()
            self.sigCellClicked.emit(*cell)


class CellOverlay(pg.GraphicsObject):
    """Grid lines, cell values, a pooling window and marked cells, in the image's cell units.

    The item lives in the same coordinates as its image (it is given the same transform), so
    cell (row, col) is the unit square at x = col, y = row.
    """

    def __init__(self):
        super().__init__()
        self.values: np.ndarray | None = None  # (H, W) numbers to print
        self.window_cells: list[tuple[int, int, bool]] = []
        self.argmax: list[tuple[int, int, QColor]] = []
        self.marked: list[tuple[int, int]] = []
        self.selected: tuple[int, int] | None = None
        self.counts: np.ndarray | None = None  # (H, W) contributions per cell
        self.hidden: np.ndarray | None = None  # (H, W) True where no value is written yet
        self.bins: list[tuple[int, int, int, int]] = []  # spatial pyramid bins to outline
        self.route: tuple[QPointF, QPointF] | None = None  # gradient route, cell units
        self.plane_shape = (0, 0)
        self.setZValue(10)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # clicks go to the image

    def set_data(self, values: np.ndarray | None, hidden: np.ndarray | None = None) -> None:
        self.prepareGeometryChange()
        self.values, self.hidden = values, hidden
        self.plane_shape = (0, 0) if values is None else values.shape[:2]
        self.update()

    def set_window(self, cells, argmax=()) -> None:
        """Outline a window's cells (row, col, is_padding) and mark arg-max (row, col, colour)s."""
        self.prepareGeometryChange()
        self.window_cells, self.argmax = list(cells), list(argmax)
        self.update()

    def set_bins(self, bins) -> None:
        """Outline rectangles (row0, row1, col0, col1), e.g. spatial pyramid bins."""
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

    def boundingRect(self) -> QRectF:
        height, width = self.plane_shape
        rect = QRectF(0, 0, width, height)
        for row, col, _ in self.window_cells:
            rect = rect.united(QRectF(col, row, 1, 1))
        margin = 2 + 0.1 * max(width, height)  # room for the locator rings
        return rect.adjusted(-margin, -margin, margin, margin)

    def cell_pixels(self) -> float:
        """How many screen pixels one cell spans (0 when not on screen yet)."""
        length = self.pixelLength(pg.Point(1, 0))
        return 0.0 if not length else 1.0 / length

    def paint(self, painter: QPainter, *args) -> None:
        height, width = self.plane_shape
        if not height:
            return
        pixels = self.cell_pixels()
        visible = self.viewRect() or QRectF(0, 0, width, height)
        row0, row1 = max(int(visible.top()) - 1, 0), min(int(visible.bottom()) + 2, height)
        col0, col1 = max(int(visible.left()) - 1, 0), min(int(visible.right()) + 2, width)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        if pixels >= GRID_MIN_CELL_PIXELS:
            pen = QPen(QColor(128, 128, 128, 140))
            pen.setCosmetic(True)
            painter.setPen(pen)
            for row in range(row0, row1 + 1):
                painter.drawLine(QPointF(col0, row), QPointF(col1, row))
            for col in range(col0, col1 + 1):
                painter.drawLine(QPointF(col, row0), QPointF(col, row1))
        if pixels >= VALUES_MIN_CELL_PIXELS and self.values is not None:
            cells = (row1 - row0) * (col1 - col0)
            if cells <= MAX_VALUE_LABELS:
                self.paint_values(painter, pixels, row0, row1, col0, col1)
                if self.counts is not None:
                    self.paint_counts(painter, pixels, row0, row1, col0, col1)
        self.paint_marks(painter, pixels)
        if self.route is not None:
            self.paint_route(painter)

    def paint_counts(self, painter, pixels, row0, row1, col0, col1) -> None:
        """'xN' in the top-right corner of cells that received N > 1 contributions."""
        painter.save()
        painter.scale(1.0 / pixels, 1.0 / pixels)
        font = QFont()
        font.setPixelSize(max(8, min(int(pixels * 0.2), 13)))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(120, 0, 160))
        for row in range(row0, min(row1, self.counts.shape[0])):
            for col in range(col0, min(col1, self.counts.shape[1])):
                if self.counts[row, col] > 1:
                    painter.drawText(
                        QRectF(col * pixels, row * pixels, pixels - 3, pixels),
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                        f"x{int(self.counts[row, col])}",
                    )
        painter.restore()

    def paint_route(self, painter) -> None:
        start, end = self.route
        pen = QPen(ARGMAX_COLOUR, 3)
        pen.setCosmetic(True)
        painter.setPen(pen)
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

    def paint_values(self, painter, pixels, row0, row1, col0, col1) -> None:
        painter.save()
        scale = 1.0 / pixels
        painter.scale(scale, scale)  # draw text in screen pixels
        font = QFont()
        font.setPixelSize(max(8, min(int(pixels * 0.28), 18)))
        painter.setFont(font)
        values = self.values
        with np.errstate(all="ignore"):
            low, high = np.nanmin(values), np.nanmax(values)
        middle = (low + high) / 2 if np.isfinite(low) and np.isfinite(high) else 0
        for row in range(row0, row1):
            for col in range(col0, col1):
                if self.hidden is not None and self.hidden[row, col]:
                    continue
                value = float(values[row, col])
                painter.setPen(QColor(0, 0, 0) if value > middle else QColor(255, 255, 255))
                painter.drawText(
                    QRectF(col * pixels, row * pixels, pixels, pixels),
                    Qt.AlignmentFlag.AlignCenter,
                    format_value(value),
                )
        painter.restore()

    def paint_marks(self, painter, pixels) -> None:
        inset = 0.06
        for row, col in self.marked:
            pen = QPen(MARK_COLOUR, 2)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(QBrush(QColor(0, 220, 255, 60)))
            painter.drawRect(QRectF(col + inset, row + inset, 1 - 2 * inset, 1 - 2 * inset))
        if self.selected is not None:
            pen = QPen(SELECTED_COLOUR, 3)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.selected[1], self.selected[0], 1, 1))
        if self.window_cells:
            rows = [row for row, _, _ in self.window_cells]
            cols = [col for _, col, _ in self.window_cells]
            extent = QRectF(
                min(cols), min(rows), max(cols) - min(cols) + 1, max(rows) - min(rows) + 1
            )
            pen = QPen(WINDOW_COLOUR, 2, Qt.PenStyle.DotLine)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(extent)
            self.paint_locator(painter, pixels, extent, WINDOW_COLOUR)
        if self.selected is not None:
            self.paint_locator(
                painter, pixels, QRectF(self.selected[1], self.selected[0], 1, 1), SELECTED_COLOUR
            )
        for row0, row1, col0, col1 in self.bins:
            pen = QPen(QColor(0, 220, 255, 160), 1)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(col0, row0, col1 - col0, row1 - row0))
        cells = self.window_cells if len(self.window_cells) <= MAX_OUTLINED_CELLS else []
        for row, col, padding in cells:
            rect = QRectF(col + inset, row + inset, 1 - 2 * inset, 1 - 2 * inset)
            if padding:
                pen = QPen(PADDING_COLOUR, 1.5, Qt.PenStyle.DashLine)
                brush = QBrush(QColor(255, 140, 0, 90), Qt.BrushStyle.BDiagPattern)
            else:
                pen = QPen(WINDOW_COLOUR, 2)
                brush = QBrush(QColor(255, 200, 0, 45))
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(brush)
            painter.drawRect(rect)
        for index, (row, col, colour) in enumerate(self.argmax):
            pen = QPen(colour, 3)
            pen.setCosmetic(True)
            painter.setPen(pen)
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

    @staticmethod
    def paint_locator(painter, pixels: float, rect: QRectF, colour: QColor) -> None:
        """A ring of fixed screen size around ``rect`` when the cells are too small to see."""
        size_on_screen = max(rect.width(), rect.height()) * pixels
        if pixels <= 0 or size_on_screen >= 14:
            return
        radius = 14 / pixels
        pen = QPen(colour, 2)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(rect.center(), radius, radius)


class ImagePanel(QWidget):
    """One titled view: an image, its colour bar and its overlay."""

    sigCellHovered = Signal(int, int)
    sigCellClicked = Signal(int, int)

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget()
        self.plot_item = self.plot_widget.getPlotItem()
        self.plot_item.setTitle(title)
        self.plot_item.invertY(True)
        self.plot_item.setAspectLocked(True)
        self.plot_item.setLabel("left", "row")
        self.plot_item.setLabel("bottom", "column")
        self.plot_item.hideButtons()
        self.image_item = CellImageItem()
        self.plot_item.addItem(self.image_item)
        self.overlay = CellOverlay()
        self.plot_item.addItem(self.overlay, ignoreBounds=True)
        self.colour_bar = pg.ColorBarItem(
            values=(0, 1), colorMap=pg.colormap.get("CET-L1"), interactive=False, width=14
        )
        self.colour_bar.setImageItem(self.image_item, insert_in=self.plot_item)
        self.image_item.sigCellHovered.connect(self.sigCellHovered)
        self.image_item.sigCellClicked.connect(self.sigCellClicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        self.data_shape: tuple[int, ...] | None = None
        self.cell_rect: QRectF | None = None

    def set_title(self, title: str) -> None:
        self.plot_item.setTitle(title)

    def set_colour_map(self, name: str) -> None:
        """'CET-L1' (gray) for data, 'CET-D1' (blue-white-red, zero white) for gradients."""
        self.colour_bar.setColorMap(pg.colormap.get(name))

    def show_array(
        self,
        array: np.ndarray | None,
        levels: tuple[float, float],
        rect: QRectF | None = None,
        auto_range: bool = False,
        display: np.ndarray | None = None,
        hidden: np.ndarray | None = None,
    ) -> None:
        """Show a (C, H, W) array: RGB when C = 3, else its first channel with a colour bar.

        ``rect`` places the cells in view coordinates (default: one unit per cell);
        ``display`` is :func:`display_array` of it, when already prepared; ``hidden`` (H, W)
        marks cells left blank (not computed yet in an animation).
        """
        if array is None:
            self.image_item.clear()
            self.overlay.set_data(None)
            self.data_shape = None
            return
        changed = array.shape != self.data_shape or rect != self.cell_rect
        if display is None:
            display = display_array(array, levels)
        drawn_levels = (0, 255) if display.dtype == np.uint8 else levels
        if array.shape[0] == 3:
            self.image_item.setImage(display, levels=drawn_levels, autoLevels=False)
            self.colour_bar.setVisible(False)
        else:
            self.image_item.setImage(display, levels=drawn_levels, autoLevels=False)
            self.colour_bar.setVisible(display.dtype != np.uint8)
            if display.dtype != np.uint8:
                self.colour_bar.setLevels(levels)
        self.overlay.set_data(array[0], hidden)
        height, width = array.shape[-2:]
        self.image_item.setRect(rect if rect is not None else QRectF(0, 0, width, height))
        self.overlay.setTransform(self.image_item.transform())
        self.data_shape, self.cell_rect = array.shape, rect
        if changed or auto_range:
            self.plot_item.getViewBox().autoRange(padding=0.02)

    def zoom_to_cells(self, row0: float, col0: float, rows: float, cols: float) -> None:
        """Show the given block of cells (in this view's cell units)."""
        top_left = self.image_item.mapToParent(QPointF(col0, row0))
        bottom_right = self.image_item.mapToParent(QPointF(col0 + cols, row0 + rows))
        self.plot_item.getViewBox().setRange(QRectF(top_left, bottom_right), padding=0)

    def cell_position(self, row: int, col: int):
        """The widget and pixel where a cell's centre is on screen, for clicking it."""
        scene_point = self.image_item.mapToScene(QPointF(col + 0.5, row + 0.5))
        return self.plot_widget.viewport(), self.plot_widget.mapFromScene(scene_point)
