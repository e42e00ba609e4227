"""An image view: a pyqtgraph plot of one (C, H, W) array, its overlay, and where its cells are.

Cells are drawn where a placement (:mod:`engine.pooling.placement`) puts them: one unit square
each in the ordinary view, or over the input area their windows cover when the output is shown
at the input's scale. Hovering and clicking report the cell under the pointer, whatever the
placement.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from engine.pooling.display import UINT8_DISPLAY_ABOVE, display_array, display_step
from engine.pooling.placement import plain_grid
from gui.i18n import tr
from gui.views.cell_overlay import CellOverlay


def lowest_level(dtype: np.dtype, levels) -> float:
    """The low level as a ``dtype`` value can hold it: what an undrawn cell shows."""
    return max(float(levels[0]), float(np.finfo(dtype).min))


def as_bytes(display: np.ndarray, levels) -> np.ndarray:
    """A prepared float picture scaled to 0..255 over ``levels``, as uint8."""
    low, high = levels
    scaled = (display.astype(np.float64) - low) * (255.0 / max(high - low, 1e-300))
    np.nan_to_num(scaled, copy=False, nan=0.0, posinf=255.0, neginf=0.0)
    return np.clip(scaled, 0, 255, out=scaled).astype(np.uint8)


COLOUR_BAR_MIN_WIDTH = 300  # narrower views drop the colour bar (the overlay keeps numbers)
TITLE_SLACK = 8  # pixels left for the axis's tick labels to widen as the view moves


class CellAxis(pg.AxisItem):
    """An axis whose ticks are whole cell numbers at the cells' centres (cell ``n`` spans
    ``[n, n + 1)``, so its tick sits at ``n + 0.5``)."""

    def tickValues(self, minVal, maxVal, size):
        levels = []
        for spacing, values in super().tickValues(minVal - 0.5, maxVal - 0.5, size):
            step = max(1, round(spacing))
            whole = [value + 0.5 for value in values if float(value).is_integer()]
            whole = [value for value in whole if round(value - 0.5) % step == 0]
            if whole:
                levels.append((step, whole))
        return levels

    def tickStrings(self, values, scale, spacing):
        return [str(int(round(value - 0.5))) for value in values]


class CellImageItem(pg.ImageItem):
    """An ImageItem that reports which cell (of its panel's placement) the mouse is over or
    clicked."""

    sigCellHovered = Signal(int, int)
    sigCellClicked = Signal(int, int)

    def __init__(self):
        super().__init__()
        self.setAcceptHoverEvents(True)
        self.placement = None

    def cell_at(self, position: QPointF) -> tuple[int, int] | None:
        """The cell under ``position`` (item coordinates), or None."""
        if self.image is None or self.placement is None:
            return None
        point = self.mapToParent(position)
        return self.placement.cell_at(point.y(), point.x())

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


class ImagePanel(QWidget):
    """One titled view: an image, its colour bar and its overlay."""

    sigCellHovered = Signal(int, int)
    sigCellClicked = Signal(int, int)

    def __init__(self, title: str, parent: QWidget | None = None, compact: bool = False):
        """``title`` is shown as given: the caller translates it (``tr("Input")``)."""
        super().__init__(parent)
        self.compact = compact  # no axes and no colour bar: a small view among several
        self.plot_widget = pg.PlotWidget(
            axisItems={side: CellAxis(side) for side in ("left", "bottom")}, enableMenu=False
        )
        self.plot_widget.getViewBox().setMenuEnabled(False)  # View > Fit views does "view all"
        self.plot_item = self.plot_widget.getPlotItem()
        self.plot_item.setTitle(title)
        self.plot_item.invertY(True)
        self.plot_item.setAspectLocked(True)
        self.plot_item.setLabel("left", tr("row"))
        self.plot_item.setLabel("bottom", tr("column"))
        self.plot_item.hideButtons()
        if compact:
            self.plot_item.hideAxis("left")
            self.plot_item.hideAxis("bottom")
        self.image_item = CellImageItem()
        self.plot_item.addItem(self.image_item)
        self.overlay = CellOverlay()
        self.plot_item.addItem(self.overlay, ignoreBounds=True)
        self.colour_map = pg.colormap.get("CET-L1")
        self.colour_bar: pg.ColorBarItem | None = None  # built when a single channel needs it
        self.colour_bar_wanted = False  # shown when the view is wide enough
        self.full_title = title
        # Tick labels widen the axis as the range changes: fit the title again afterwards.
        self.refit_timer = QTimer(self, singleShot=True, interval=0)
        self.refit_timer.timeout.connect(self.fit_to_width)
        self.plot_item.getViewBox().sigRangeChanged.connect(self.refit_timer.start)
        self.image_item.sigCellHovered.connect(self.sigCellHovered)
        self.image_item.sigCellClicked.connect(self.sigCellClicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        self.data_shape: tuple[int, ...] | None = None
        self.placement = None  # where the cells are drawn (engine.pooling.placement)
        self.reach = None  # the area the windows reach, padding included (a Rect), or None
        self.sequence_style = ""  # "" (an image), "strip" or "bars" (a sequence)
        self.bars: pg.BarGraphItem | None = None  # built the first time bars are shown
        # The last picture placed at the input's scale, and what it was made of: redrawing
        # the same output at the same placement reuses it.
        self.placed: tuple | None = None

    def set_sequence_style(self, style: str) -> None:
        """Draw a sequence (one row) as a ``"strip"`` of cells or as ``"bars"``; ``""`` for an
        image. Bars stand in the row's height, which then fills the view; windows and marks
        are drawn over them as over the cells."""
        if style == self.sequence_style:
            return
        self.sequence_style = style
        self.plot_item.showAxis("left", not style)
        self.plot_item.setLabel("bottom", tr("position") if style else tr("column"))
        self.plot_item.setAspectLocked(style != "bars")
        self.plot_item.getViewBox().setMouseEnabled(x=True, y=style != "bars")
        self.image_item.setOpacity(0.25 if style == "bars" else 1.0)
        self.draw_bars()
        self.fit()

    def draw_bars(self) -> None:
        """Bars of the first channel's values, from zero (or the lowest value) up."""
        array = self.overlay.values if self.sequence_style == "bars" else None
        if array is None or self.placement is None or not self.placement.plain:
            if self.bars is not None:
                self.bars.setVisible(False)
            return
        values = np.nan_to_num(np.asarray(array[0, 0], dtype=np.float64), posinf=0, neginf=0)
        low = min(float(values.min()), 0.0)
        high = max(float(values.max()), 0.0)
        span = high - low or 1.0
        zero = 1 - (0 - low) / span  # y grows downwards: the row's bottom edge is y = 1
        tops = 1 - (values - low) / span
        heights = np.abs(zero - tops)
        starts = np.minimum(zero, tops)
        positions = np.arange(len(values)) + 0.5
        if self.bars is None:
            self.bars = pg.BarGraphItem(
                x=positions, y0=starts, height=heights, width=0.8, brush=(70, 130, 200, 200)
            )
            self.bars.setZValue(0.5)  # over the faint cells, under the overlay
            self.plot_item.addItem(self.bars, ignoreBounds=True)
        else:
            self.bars.setOpts(x=positions, y0=starts, height=heights, width=0.8)
        self.bars.setVisible(True)

    def set_title(self, title: str) -> None:
        self.full_title = title
        self.fit_to_width()

    def fit_to_width(self) -> None:
        """On a narrow view (three views on a laptop), drop the colour bar and shorten the
        title with an ellipsis, so pyqtgraph never draws the plot past the view's edge."""
        width = self.plot_widget.viewport().width() - 1
        if self.colour_bar is not None:
            self.colour_bar.setVisible(self.colour_bar_wanted and width >= COLOUR_BAR_MIN_WIDTH)
        if not self.full_title:
            self.plot_item.setTitle(None)
            return
        label, minimum = self.plot_item.titleLabel, Qt.SizeHint.MinimumSize
        if label.text != self.full_title:
            self.plot_item.setTitle(self.full_title)
        shown, length = self.full_title, len(self.full_title)
        # The longest "start…" that fits, as pyqtgraph's own layout measures it (the label's
        # HTML, font and margins, the axis and colour bar beside it): a few tries shorter.
        for _ in range(4):
            excess = self.plot_item.effectiveSizeHint(minimum).width() - width
            if excess <= 0 or length == 0:
                break
            target = label.minimumWidth() - excess - TITLE_SLACK
            low, high = 0, length - 1
            while low < high:
                middle = (low + high + 1) // 2
                label.setText(self.full_title[:middle].rstrip() + "…")
                if label.minimumWidth() <= target:
                    low = middle
                else:
                    high = middle - 1
            length = low
            shown = self.full_title[:length].rstrip() + "…"
            label.setText(shown)
        self.plot_widget.setToolTip(self.full_title if shown != self.full_title else "")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_to_width()

    def set_colour_map(self, name: str) -> None:
        """'CET-L1' (gray) for data, 'CET-D1' (blue-white-red, zero white) for gradients."""
        self.colour_map = pg.colormap.get(name)
        self.overlay.colour_map = self.colour_map
        if self.colour_bar is not None:
            self.colour_bar.setColorMap(self.colour_map)

    def show_colour_bar(self, levels) -> None:
        """The colour bar of a single-channel picture (built the first time one is shown)."""
        if self.compact:
            return
        if self.colour_bar is None:
            self.colour_bar = pg.ColorBarItem(
                values=tuple(levels), colorMap=self.colour_map, interactive=False, width=14
            )
            self.colour_bar.setImageItem(self.image_item, insert_in=self.plot_item)
        self.colour_bar_wanted = True
        self.colour_bar.setLevels(levels)
        self.fit_to_width()

    def set_reach(self, reach) -> None:
        """The area the pooling windows reach (padding included), so fitting shows it."""
        self.reach = reach

    def show_array(
        self,
        array: np.ndarray | None,
        levels: tuple[float, float],
        placement=None,
        auto_range: bool = False,
        display: np.ndarray | None = None,
    ) -> None:
        """Show a (C, H, W) array: RGB when C = 3, else its first channel with a colour bar.

        ``placement`` says where each cell is drawn (default: one unit square per cell);
        ``display`` is ``display_array`` of the plain grid, when already prepared (then
        nothing the array's size is converted here).
        """
        if array is None:  # nothing to show: no axes of an empty range ("-1 (x0.001)") either
            self.image_item.clear()
            self.overlay.set_data(None)
            self.data_shape, self.placement = None, None
            self.image_item.placement = None
            self.show_axes(False)
            return
        self.show_axes(True)
        placement = placement or plain_grid(array.shape[-2:])
        changed = array.shape != self.data_shape or placement != self.placement
        height, width = placement.size
        if not placement.plain:
            display = self.placed_picture(array, levels, placement, display)
        elif display is None:
            display = display_array(array, levels)
        self.image_item.setImage(display, levels=levels, autoLevels=False)
        if display.dtype == np.uint8:
            # Scaled already: no levels at all, so painting does not rescale millions of pixels.
            self.image_item.setLevels(None)
        if array.shape[0] == 3:
            self.image_item.setLookupTable(None)
        else:
            self.image_item.setColorMap(self.colour_map)
        if array.shape[0] != 3 and display.dtype != np.uint8:
            self.show_colour_bar(levels)
        elif self.colour_bar is not None:
            self.colour_bar_wanted = False
            self.colour_bar.setVisible(False)
        self.image_item.setRect(QRectF(0, 0, width, height))
        self.image_item.placement = placement
        self.overlay.set_data(array, placement, levels)
        self.data_shape, self.placement = array.shape, placement
        if self.sequence_style == "bars":
            self.draw_bars()
        if changed or auto_range:
            self.fit()

    def show_axes(self, shown: bool) -> None:
        for side in ("left", "bottom"):
            self.plot_item.showAxis(side, shown and not self.compact)
        if not shown and self.colour_bar is not None:
            self.colour_bar_wanted = False
            self.colour_bar.setVisible(False)

    def placed_picture(self, array, levels, placement, display) -> np.ndarray:
        """What the image item draws for ``array`` at a placement that is not the plain grid:
        made once per array, levels and placement (an animation step or a redraw of the same
        output reuses it), from the prepared ``display`` when there is one."""
        levels = tuple(levels)
        if self.placed is not None:
            known_array, known_display, known_levels, known_placement, picture = self.placed
            if (
                known_array is array
                and known_display is display
                and known_levels == levels
                and (known_placement is placement or known_placement == placement)
            ):
                return picture
        height, width = placement.size
        step = display_step(height, width) if height * width > UINT8_DISPLAY_ABOVE else 1
        if display is not None and display.shape[:2] == array.shape[-2:]:
            cells = display
            placed_size = -(-height // step) * -(-width // step) * cells[0, 0].size
            if cells.dtype != np.uint8 and placed_size > UINT8_DISPLAY_ABOVE:
                cells = as_bytes(cells, levels)  # as display_array draws large pictures
            fill = 0 if cells.dtype == np.uint8 else lowest_level(cells.dtype, levels)
            picture = placement.place(cells, step, fill)
        else:
            picture = display_array(placement.picture(array, step), levels)
        self.placed = (array, display, levels, placement, picture)
        return picture

    def fit(self) -> None:
        """Zoom to show every cell and every padding cell a window reaches."""
        rect = self.overlay.content_rect()
        if self.reach is not None:
            reach = self.reach
            rect = rect.united(QRectF(reach.left, reach.top, reach.width, reach.height))
        self.set_view(rect, padding=0.02)

    def zoom_to_cells(self, row0: float, col0: float, rows: float, cols: float) -> None:
        """Show the given block of the view (in its drawing units)."""
        self.set_view(QRectF(col0, row0, cols, rows), padding=0)

    def set_view(self, rect: QRectF, padding: float) -> None:
        """Show ``rect``; bars always fill the view's height with the sequence's row."""
        if self.sequence_style == "bars":
            rect = QRectF(rect.left(), -0.05, rect.width(), 1.1)
        self.plot_item.getViewBox().setRange(rect, padding=padding)

    def cell_position(self, row: int, col: int):
        """The widget and pixel where a cell's centre is on screen, for clicking it."""
        rect = self.placement.rect(row, col)
        centre = QPointF(rect.left + rect.width / 2, rect.top + rect.height / 2)
        scene_point = self.plot_item.getViewBox().mapViewToScene(centre)
        return self.plot_widget.viewport(), self.plot_widget.mapFromScene(scene_point)
