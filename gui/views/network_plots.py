"""The Network tab's plots: loss and accuracy per epoch of every pooling trained (overlaid,
training dashed, test solid) and test accuracy against the shift of the digits."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt

from engine.network.architecture import NO_POOLING, pool_choices
from gui.i18n import tr
from gui.models.network_training import SHIFTS, NetworkRun, Series

COLOURS = (
    (220, 50, 50),
    (40, 100, 220),
    (40, 160, 70),
    (230, 130, 0),
    (150, 60, 200),
    (0, 150, 160),
    (170, 110, 40),
    (220, 80, 160),
    (120, 150, 0),
    (90, 90, 200),
    (200, 160, 0),
    (100, 60, 60),
)
NO_POOLING_COLOUR = (20, 20, 20)


def colour_of(choice: str) -> tuple[int, int, int]:
    """One colour per pooling, the same in every plot (black for the no-pooling twin)."""
    if choice == NO_POOLING:
        return NO_POOLING_COLOUR
    return COLOURS[pool_choices().index(choice) % len(COLOURS)]


class WholeNumberAxis(pg.AxisItem):
    """An axis of epochs or pixels: ticks only at whole numbers (never "epoch 1.5")."""

    def tickValues(self, minVal, maxVal, size):  # noqa: N802, N803 (pyqtgraph's names)
        levels = []
        for spacing, values in super().tickValues(minVal, maxVal, size):
            whole = [value for value in values if abs(value - round(value)) < 1e-9]
            if whole:
                levels.append((max(spacing, 1.0), whole))
        return levels


def styled_plot(plot: pg.PlotItem, left: str, bottom: str) -> pg.PlotItem:
    """A plot without a title (the axis labels say it all: the tab is short on a laptop)."""
    plot.setLabel("left", left)
    plot.setLabel("bottom", bottom)
    plot.showGrid(x=True, y=True, alpha=0.3)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    return plot


class CurvesView(pg.GraphicsLayoutWidget):
    """Loss and accuracy per epoch, one colour per pooling; the live run's training curve
    grows batch by batch (running means), its test curve epoch by epoch."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("network_curves")
        self.setToolTip(
            tr(
                "Loss and accuracy after each epoch, one colour per pooling: dashed the training "
                "set (running mean over the epoch), solid the test set"
            )
        )
        self.setBackground("w")
        self.loss_plot = styled_plot(
            self.addPlot(row=0, col=0, axisItems={"bottom": WholeNumberAxis("bottom")}),
            tr("loss"),
            tr("epoch"),
        )
        self.accuracy_plot = styled_plot(
            self.addPlot(row=0, col=1, axisItems={"bottom": WholeNumberAxis("bottom")}),
            tr("accuracy (%)"),
            tr("epoch"),
        )
        # Under both plots, in one row, so it never hides a curve.
        self.legend = pg.LegendItem(colCount=6, labelTextSize="8pt")
        self.addItem(self.legend, row=1, col=0, colspan=2)
        self.ci.layout.setRowMaximumHeight(1, 30)
        grey = (110, 110, 110)
        self.styles = (
            pg.PlotDataItem(pen=pg.mkPen(grey, width=2, style=Qt.PenStyle.DashLine)),
            pg.PlotDataItem(
                pen=pg.mkPen(grey, width=2), symbol="o", symbolBrush=grey, symbolPen=grey
            ),
        )
        self.items: dict[tuple[str, str], pg.PlotDataItem] = {}  # (choice, curve name)
        self.legend_labels: tuple[str, ...] | None = None
        self.show_legend([])

    def show_legend(self, series: list[Series]) -> None:
        """One entry per pooling, then which line is which set; rebuilt only when the
        poolings change (the legend's grid does not reflow when an entry is removed)."""
        labels = tuple(item.label for item in series)
        if labels == self.legend_labels:
            return
        self.legend_labels = labels
        self.legend.clear()
        for item in series:
            self.legend.addItem(self.items[(item.choice, "test_accuracy")], item.label)
        for item, text in zip(self.styles, (tr("train"), tr("test"))):
            self.legend.addItem(item, text)

    def show_series(self, series: list[Series]) -> None:
        """Draw every pooling's curves (and drop those of poolings no longer shown)."""
        wanted = set()
        for item in series:
            colour = colour_of(item.choice)
            dashed = pg.mkPen(colour, width=2, style=Qt.PenStyle.DashLine)
            solid = pg.mkPen(colour, width=2)
            percent_train = [value * 100 for value in item.train_accuracy]
            percent_test = [value * 100 for value in item.test_accuracy]
            for name, plot, pen, xs, ys, symbol in (
                ("train_loss", self.loss_plot, dashed, item.train_epochs, item.train_loss, None),
                ("test_loss", self.loss_plot, solid, item.test_epochs, item.test_loss, "o"),
                (
                    "train_accuracy",
                    self.accuracy_plot,
                    dashed,
                    item.train_epochs,
                    percent_train,
                    None,
                ),
                ("test_accuracy", self.accuracy_plot, solid, item.test_epochs, percent_test, "o"),
            ):
                key = (item.choice, name)
                wanted.add(key)
                curve = self.items.get(key)
                if curve is None:
                    curve = plot.plot(
                        pen=pen, symbol=symbol, symbolSize=6, symbolBrush=colour, symbolPen=colour
                    )
                    self.items[key] = curve
                curve.setData(xs, ys)
        for key in set(self.items) - wanted:
            plot = self.loss_plot if key[1].endswith("loss") else self.accuracy_plot
            plot.removeItem(self.items.pop(key))
        self.show_legend(series)

    def points(self, choice: str, name: str) -> int:
        """How many points a curve has (``name``: train_loss, test_accuracy, ...)."""
        curve = self.items.get((choice, name))
        return 0 if curve is None or curve.xData is None else len(curve.xData)


class ShiftView(pg.PlotWidget):
    """Test accuracy of every trained pooling on digits moved by 0..6 pixels."""

    def __init__(self, parent=None):
        super().__init__(parent, background="w", axisItems={"bottom": WholeNumberAxis("bottom")})
        self.setObjectName("network_shift_plot")
        self.setToolTip(
            tr(
                "Accuracy on the test digits moved right, left, down or up by 0 to 6 pixels, "
                "after training: the flatter a curve, the more the network tolerates a shift"
            )
        )
        # No legend of its own: the colours are the curves' above, on the same page.
        plot = styled_plot(
            self.getPlotItem(), tr("test accuracy (%)"), tr("shift of the test digits (pixels)")
        )
        plot.setXRange(SHIFTS[0], SHIFTS[-1], padding=0.05)
        self.items: dict[str, pg.PlotDataItem] = {}

    def show_runs(self, runs: dict[str, NetworkRun]) -> None:
        for choice in set(self.items) - set(runs):
            self.getPlotItem().removeItem(self.items.pop(choice))
        for choice in pool_choices():
            run = runs.get(choice)
            if run is None:
                continue
            curve = self.items.get(choice)
            if curve is None:
                colour = colour_of(choice)
                curve = self.getPlotItem().plot(
                    pen=pg.mkPen(colour, width=2),
                    symbol="o",
                    symbolSize=6,
                    symbolBrush=colour,
                    symbolPen=colour,
                )
                self.items[choice] = curve
            pixels = sorted(run.shifts)
            curve.setData(pixels, [run.shifts[shift] * 100 for shift in pixels])
