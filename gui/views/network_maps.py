"""What the trained network makes of one digit: every map layer's channels as a grid of small
pictures (click one to see it large), and the input with the receptive field of the last
layer drawn on it."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QRectF, Qt, Signal
from PySide6.QtWidgets import QGraphicsRectItem

from gui.i18n import tr
from gui.models.network_model import MapLayer
from gui.views.cell_overlay import SELECTED_COLOUR, WINDOW_COLOUR, cosmetic_pen

GAP = 1  # pixels between channels in a grid
GAP_VALUE = 0.35  # grey between the tiles, on the 0..1 scale of the colour map
TITLE_PIXELS = 22  # the height of a row's title


def grid_columns(channels: int, tile: tuple[int, int], box: tuple[float, float]) -> int:
    """The columns of a grid of ``channels`` tiles of ``tile`` (H, W) pixels that shows them
    largest in a box of ``box`` (width, height) screen pixels."""
    height, width = tile

    def scale(columns: int) -> float:
        rows = math.ceil(channels / columns)
        return min(box[0] / (columns * (width + GAP)), box[1] / (rows * (height + GAP)))

    return max(range(1, max(channels, 1) + 1), key=scale)


def mosaic(maps: np.ndarray, columns: int, colour_map: pg.ColorMap) -> np.ndarray:
    """The channels of ``maps`` (C, H, W) side by side, ``columns`` per row, as an RGB picture
    (rows, cols, 3) uint8 scaled over the layer's range, grey between and after the tiles."""
    channels, height, width = maps.shape
    rows = math.ceil(channels / columns)
    high = float(np.nanmax(maps)) if maps.size else 1.0
    low = min(float(np.nanmin(maps)), 0.0) if maps.size else 0.0
    scaled = np.clip((maps - low) / max(high - low, 1e-12), 0, 1)
    canvas = np.full(
        (rows * (height + GAP) - GAP, columns * (width + GAP) - GAP), GAP_VALUE, np.float64
    )
    for channel in range(channels):
        row, col = divmod(channel, columns)
        top, left = row * (height + GAP), col * (width + GAP)
        canvas[top : top + height, left : left + width] = scaled[channel]
    return colour_map.map(canvas, mode="byte")[..., :3]


class MosaicItem(pg.ImageItem):
    """A layer's grid of channels; reports which channel was clicked."""

    sigChannelClicked = Signal(int)

    def __init__(self, maps: np.ndarray, columns: int, colour_map: pg.ColorMap):
        super().__init__(mosaic(maps, columns, colour_map))
        self.channels, self.tile = len(maps), maps.shape[1:]
        self.columns = columns
        self.outline = QGraphicsRectItem(self)
        self.outline.setPen(cosmetic_pen(SELECTED_COLOUR, 3))
        self.outline.setVisible(False)

    def tile_rect(self, channel: int) -> QRectF:
        """Where a channel's tile is, in the item's (pixel) coordinates."""
        row, col = divmod(channel, self.columns)
        height, width = self.tile
        return QRectF(col * (width + GAP), row * (height + GAP), width, height)

    def channel_at(self, x: float, y: float) -> int | None:
        height, width = self.tile
        col, col_offset = divmod(int(math.floor(x)), width + GAP)
        row, row_offset = divmod(int(math.floor(y)), height + GAP)
        channel = row * self.columns + col
        inside = col_offset < width and row_offset < height and 0 <= col < self.columns
        return channel if inside and 0 <= row and channel < self.channels else None

    def mouseClickEvent(self, event):
        if event.button() != Qt.MouseButton.LeftButton:
            return
        channel = self.channel_at(event.pos().x(), event.pos().y())
        if channel is not None:
            event.accept()
            self.sigChannelClicked.emit(channel)

    def mark(self, channel: int | None) -> None:
        self.outline.setVisible(channel is not None)
        if channel is not None:
            self.outline.setRect(self.tile_rect(channel))


class FeatureMapStrip(pg.GraphicsLayoutWidget):
    """One row per map layer: its name and shape, and all its channels.

    Signals
    -------
    channelClicked(str, int)
        Layer name and channel of the tile clicked.
    """

    channelClicked = Signal(str, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("network_maps")
        self.setToolTip(
            tr(
                "What each layer makes of the input digit: every channel of every convolution "
                "and pooling layer, bright where it responds. Click a channel to see it large."
            )
        )
        self.setBackground("w")
        self.colour_map = pg.colormap.get("CET-L1")
        self.mosaics: dict[str, MosaicItem] = {}
        self.plots: dict[str, pg.PlotItem] = {}
        self.layout_key: tuple | None = None  # the layers and shapes the rows were built for
        self.shown: tuple | None = None  # what show_layers was last given

    def show_layers(self, layers: list[MapLayer], selected: tuple[str, int] | None) -> None:
        self.shown = (layers, selected)
        key = tuple((layer.name, layer.maps.shape) for layer in layers)
        if key != self.layout_key:
            self.clear()
            self.mosaics, self.plots = {}, {}
            self.layout_key = key
            for row, layer in enumerate(layers):
                plot = self.addPlot(row=row, col=0)
                plot.hideAxis("left")
                plot.hideAxis("bottom")
                plot.setMenuEnabled(False)
                plot.setMouseEnabled(False, False)
                plot.hideButtons()
                plot.invertY(True)
                plot.setAspectLocked(True)
                self.plots[layer.name] = plot
        for layer in layers:
            plot = self.plots[layer.name]
            old = self.mosaics.get(layer.name)
            if old is not None:
                plot.removeItem(old)
            box = (self.width() - 12, self.height() / len(layers) - TITLE_PIXELS - 8)
            columns = grid_columns(len(layer.maps), layer.maps.shape[1:], box)
            item = MosaicItem(layer.maps, columns, self.colour_map)
            item.sigChannelClicked.connect(
                lambda channel, name=layer.name: self.channelClicked.emit(name, channel)
            )
            plot.addItem(item)
            plot.autoRange(padding=0.02)
            channels, height, width = layer.maps.shape
            if layer.pooled_by:
                title = tr("{layer}: {channels} x {height} x {width}, pooled next")
            else:
                title = "{layer}: {channels} x {height} x {width}"  # no words to translate
            title = title.format(layer=layer.name, channels=channels, height=height, width=width)
            plot.setTitle(title, size="8pt")
            self.mosaics[layer.name] = item
        self.mark(selected)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        shown = getattr(self, "shown", None)  # pyqtgraph resizes the view while it is made
        if shown is not None and shown[0]:
            self.show_layers(*shown)  # the grids that fit the new size

    def mark(self, selected: tuple[str, int] | None) -> None:
        if self.shown is not None:
            self.shown = (self.shown[0], selected)
        for name, item in self.mosaics.items():
            item.mark(selected[1] if selected is not None and selected[0] == name else None)

    def channel_position(self, layer_name: str, channel: int) -> tuple:
        """The widget and pixel where a channel's tile is on screen, for clicking it."""
        item = self.mosaics[layer_name]
        centre = item.mapToScene(item.tile_rect(channel).center())
        point = self.mapFromScene(centre)
        return self.viewport(), QPoint(point.x(), point.y())


class FieldOutline(QGraphicsRectItem):
    """The receptive field drawn on the input: a thick outline over the pixels it covers."""

    def __init__(self):
        super().__init__()
        self.setPen(cosmetic_pen(WINDOW_COLOUR, 3))
        self.setZValue(20)

    def set_field(self, rect) -> None:
        self.setRect(QRectF(rect.left, rect.top, rect.width, rect.height))
