"""The gotcha gallery: surprising pooling behaviours from public issue trackers, one click each.

A list of the presets of :mod:`engine.pooling.gotchas`; choosing one asks the window to load
it (its matrix, kind and settings, the output cell to look at) and shows its explanation,
links and exact answer beside the views.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from engine.pooling.gotchas import GOTCHAS, Gotcha, gotcha
from gui.i18n import tr, translated


def gotcha_html(item: Gotcha) -> str:
    """A preset's title, explanation, answer and links, as rich text."""
    what, why = item.explanation.split("\n")
    links = "<br>".join(
        f'<a href="{link}">{html.escape(link.removeprefix("https://github.com/"))}</a>'
        for link in item.links
    )
    return (
        f"<h3>{html.escape(translated(item.title))}</h3>"
        f"<p>{html.escape(translated(what))}<br>{html.escape(translated(why))}</p>"
        + tr("<p><b>Answer</b>: {answer}</p>").format(answer=html.escape(translated(item.answer)))
        + tr("<p><b>Reported in</b>:<br>{links}</p>").format(links=links)
    )


def explanation_text(item: Gotcha) -> str:
    """A preset's two explanation lines as one line (a tooltip), translated."""
    return " ".join(translated(line) for line in item.explanation.split("\n"))


class GalleryPanel(QWidget):
    """The presets' list and the chosen one's explanation.

    Signals
    -------
    chosen(str)
        A preset was clicked: its key, for the window to load it.
    """

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("gallery")
        hint = QLabel(tr("Click a gotcha to load it: its input, settings and the cell to look at."))
        hint.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("gotcha_list")
        for item in GOTCHAS:
            entry = QListWidgetItem(translated(item.title))
            entry.setData(Qt.ItemDataRole.UserRole, item.key)
            entry.setToolTip(explanation_text(item))
            self.list.addItem(entry)
        self.details = QTextBrowser()
        self.details.setObjectName("gotcha_details")
        self.details.setOpenExternalLinks(True)
        self.details.setHtml(tr("<i>Choose a gotcha above.</i>"))
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list, 2)
        layout.addWidget(self.details, 3)
        self.list.itemClicked.connect(self._on_clicked)
        self.list.itemActivated.connect(self._on_clicked)

    def _on_clicked(self, entry: QListWidgetItem) -> None:
        key = entry.data(Qt.ItemDataRole.UserRole)
        self.show_gotcha(key)
        self.chosen.emit(key)

    def show_gotcha(self, key: str) -> None:
        """Mark a preset in the list and explain it (without loading it)."""
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.list.setCurrentRow(row)
        self.details.setHtml(gotcha_html(gotcha(key)))
