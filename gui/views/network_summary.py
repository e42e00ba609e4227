"""The Network tab's Summary page: the chosen network as Keras's ``model.summary()`` lists
it (layer and type, output shape, parameters, the total) and the article's arithmetic for
its network at width 1."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.network.summary import shape_text
from engine.text import Text
from gui.i18n import tr, translated
from gui.models.network_model import NetworkModel
from gui.models.network_training import short_label


def wrapped_label(name: str, tip: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setToolTip(tip)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def type_text(type_name: str) -> str:
    """A layer's type as the summary shows it: a Keras class name stays as it is, what
    PoolScope calls a pooling Keras lacks (a :class:`Text`) is translated."""
    return translated(type_name) if isinstance(type_name, Text) else type_name


class SummaryPage(QScrollArea):
    """The summary table and the article's sums, redrawn when the network changes."""

    def __init__(self, model: NetworkModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.title = QLabel()
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("network_summary")
        self.table.setToolTip(
            tr(
                "Each layer's output shape and parameter count, as Keras's model.summary() "
                "lists them (channels last, None for the batch)"
            )
        )
        self.table.setHorizontalHeaderLabels(
            [tr("Layer (type)"), tr("Output Shape"), tr("Param #")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The page scrolls sideways on a narrow screen, never the table: it stays whole.
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.claims = wrapped_label(
            "network_claims", tr("The article's arithmetic, for its network (width 1)")
        )
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addWidget(self.claims)
        layout.addStretch(1)
        self.setWidget(page)
        self.setWidgetResizable(True)
        model.summaryChanged.connect(self.set_summary)
        self.set_summary()

    def set_summary(self) -> None:
        model, table = self.model, self.table
        rows = model.rows
        self.title.setText(
            tr("<b>{pool}</b> at width {width}, as Keras's model.summary() lists it:").format(
                pool=short_label(model.pool), width=f"{model.settings.width:g}"
            )
        )
        table.setRowCount(len(rows) + 1)
        for index, row in enumerate(rows):
            cells = (f"{row.name} ({type_text(row.type_name)})", shape_text(row.output_shape))
            for column, text in enumerate((*cells, f"{row.parameters:,}")):
                table.setItem(index, column, QTableWidgetItem(text))
        table.setItem(len(rows), 0, QTableWidgetItem(tr("Total params")))
        table.setItem(len(rows), 1, QTableWidgetItem(""))
        table.setItem(len(rows), 2, QTableWidgetItem(f"{model.total_parameters():,}"))
        for index in range(len(rows) + 1):
            item = table.item(index, 2)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header, frame = table.horizontalHeader(), 2 * table.frameWidth()
        table.resizeColumnsToContents()
        height = header.height() + frame
        height += sum(table.rowHeight(index) for index in range(len(rows) + 1))
        table.setFixedHeight(height)
        table.setFixedWidth(header.length() + frame)
        items = "".join(f"<li>{html.escape(line)}</li>" for line in model.claims().splitlines())
        self.claims.setText(tr("<b>The article's network (width 1)</b>") + f"<ul>{items}</ul>")
