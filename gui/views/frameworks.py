"""The Frameworks tab: the current max or average pooling as PyTorch, TensorFlow/Keras,
JAX/Flax and ONNX compute it, one column each.

Every column shows the framework's output (cells whose value differs from PyTorch's marked),
its output shape, the padding of each side, the divisor of the selected window, what ceil mode
did with the last window, where the gradient of the selected window goes, what the framework
cannot express, and its code. The numbers come from :func:`engine.analysis.frameworks.
compare_frameworks`, in a background lane where the newest request wins; the tab computes only
while it is shown.
"""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from engine.analysis.frameworks import FrameworkColumn, comparable, compare_frameworks
from engine.pooling.frameworks import FRAMEWORKS
from gui.i18n import tr, translated
from gui.models.jobs import JobRunner
from gui.models.pool_model import PoolModel
from gui.views.image_panel import ImagePanel


def code_view(name: str) -> QPlainTextEdit:
    """A read-only view of a framework's code: Python, never translated (the ``code``
    property tells the translation checks so)."""
    view = QPlainTextEdit()
    view.setObjectName(name)
    view.setReadOnly(True)
    view.setProperty("code", True)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    return view


class FrameworkView(QGroupBox):
    """One framework's column: its output and its answers."""

    cellClicked = Signal(int, int)

    def __init__(self, name: str, label: str, parent: QWidget | None = None):
        super().__init__(label, parent)
        self.setObjectName(f"framework_{name}")
        self.output = ImagePanel("", compact=True)
        self.output.setMinimumHeight(140)
        self.details = QTextBrowser()
        self.details.setObjectName(f"framework_{name}_details")
        self.details.setOpenExternalLinks(True)
        self.code_view = code_view(f"framework_{name}_code")
        self.copy_button = QPushButton(tr("Copy code"))
        self.copy_button.setObjectName(f"framework_{name}_copy")
        self.copy_button.setToolTip(
            tr("Copy the {framework} code of these settings").format(framework=label)
        )
        self.copy_button.clicked.connect(self.copy_code)
        self.code = ""
        layout = QVBoxLayout(self)
        layout.addWidget(self.output, 2)
        layout.addWidget(self.details, 2)
        layout.addWidget(self.code_view, 1)
        layout.addWidget(self.copy_button)
        self.output.sigCellClicked.connect(self.cellClicked)

    def show_column(self, column: FrameworkColumn, levels, selected) -> None:
        self.code = column.code
        self.code_view.setPlainText(column.code)
        self.copy_button.setEnabled(bool(column.code))
        result = column.result
        if result is None:
            self.output.show_array(None, (0, 1))
            self.output.set_title(tr("refused"))
        else:
            self.output.show_array(result.output, levels, auto_range=True)
            height, width = result.output.shape[-2:]
            inside = selected is not None and selected[0] < height and selected[1] < width
            self.output.overlay.set_marked(differing_cells(column), selected if inside else None)
            self.output.set_title(difference_title(column))
        self.details.setHtml(details_html(column))

    def show_message(self, message: str) -> None:
        self.code = ""
        self.code_view.clear()
        self.copy_button.setEnabled(False)
        self.output.show_array(None, (0, 1))
        self.details.setHtml(f"<i>{html.escape(message)}</i>")

    def copy_code(self) -> None:
        if self.code:
            QGuiApplication.clipboard().setText(self.code)


def differing_cells(column: FrameworkColumn) -> list[tuple[int, int]]:
    if column.differs is None:
        return []
    return [(int(row), int(col)) for row, col in np.argwhere(column.differs)]


def difference_title(column: FrameworkColumn) -> str:
    """How the output compares with PyTorch's, in a few words."""
    if column.framework.name == "torch":
        return tr("the reference")
    if column.differs is None:
        return tr("another shape")
    count = int(column.differs.sum())
    if count == 0:
        return tr("as PyTorch")
    return tr("{count} of {total} differ").format(count=count, total=column.differs.size)


def details_html(column: FrameworkColumn) -> str:
    """The column's answers, as rich text (its code is shown apart, in the code view)."""
    rows = [(tr("Output"), column.shape_text)]
    if column.error:
        rows.append((tr("Refused"), column.error))
    else:
        rows += [(tr("Padding"), column.padding), (tr("ceil mode"), column.ceil)]
        if column.divisor:
            rows.append((tr("Divisor"), column.divisor))
        if column.tie:
            rows.append((tr("Gradient"), column.tie))
    rows.append((tr("Ties"), column.framework.tie_rule))
    text = "".join(
        "<p>"
        + tr("<b>{name}</b>: {text}").format(
            name=html.escape(name), text=html.escape(translated(value))
        )
        + "</p>"
        for name, value in rows
    )
    if column.notes:
        notes = "".join(f"<li>{html.escape(translated(note))}</li>" for note in column.notes)
        text += f"<p>{tr('<b>Cannot express</b>:')}</p><ul>{notes}</ul>"
    links = " ".join(f'<a href="{link}">{tr("docs")}</a>' for link in column.framework.links)
    return text + f"<p>{links}</p>"


class FrameworksPanel(QWidget):
    """The four framework columns over the current settings."""

    def __init__(self, model: PoolModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.active = False
        self.stale = True
        introduction = QLabel(
            tr(
                "The same max or average pooling written in each framework: kernel and stride "
                "carry over, padding as the framework writes it, and what it cannot express is "
                "said. Cells marked in cyan differ from PyTorch's. Click an output cell (here or "
                "in Explore) to compare its window's divisor and where its gradient goes."
            )
        )
        introduction.setWordWrap(True)
        self.defaults = QCheckBox(tr("each framework's own defaults"))
        self.defaults.setObjectName("framework_defaults")
        self.defaults.setChecked(True)
        self.defaults.setToolTip(
            tr(
                "On: the average's count_include_pad is each framework's default, as a literal "
                "port gets it (PyTorch and Flax count the padding, ONNX does not, Keras never). "
                "Off: the current rule is kept wherever the framework can express it."
            )
        )
        self.status = QLabel()
        self.status.setObjectName("frameworks_status")
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(introduction, 1)
        top.addWidget(self.defaults)
        self.views = {
            name: FrameworkView(name, framework.label) for name, framework in FRAMEWORKS.items()
        }
        columns = QWidget()
        row = QHBoxLayout(columns)
        row.setContentsMargins(0, 0, 0, 0)
        for view in self.views.values():
            view.setMinimumWidth(165)
            row.addWidget(view)
            view.cellClicked.connect(self._on_cell_clicked)
        scroll = QScrollArea()
        scroll.setWidget(columns)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        self.runner = JobRunner("frameworks", self)
        self.runner.resultReady.connect(self.show_columns)
        self.runner.failedWith.connect(self.show_problem)
        model.resultChanged.connect(self.mark_stale)
        model.selectionChanged.connect(self.mark_stale)
        self.defaults.toggled.connect(self.mark_stale)

    def set_active(self, active: bool) -> None:
        """Compute only while the tab is shown."""
        self.active = active
        if active and self.stale:
            self.refresh()
        if active:  # views laid out while hidden fit once they have their size
            QTimer.singleShot(0, self.fit_views)

    def fit_views(self) -> None:
        for view in self.views.values():
            view.output.fit()

    def mark_stale(self, *_) -> None:
        self.stale = True
        if self.active:
            self.refresh()

    def refresh(self) -> None:
        """Compare the frameworks on the current input and settings (in the background)."""
        model = self.model
        self.stale = False
        if model.image is None or model.result is None:
            return
        params = model.result.params
        if model.volume is not None:
            self.runner.cancel()
            self.show_problem(
                tr(
                    "Volumes are not compared: 3D pooling here follows PyTorch (max_pool3d, "
                    "avg_pool3d, ...). Open an image or a sequence to compare the frameworks."
                )
            )
            return
        if not comparable(params):
            self.runner.cancel()
            self.show_problem(
                tr(
                    "{kind} pooling is not compared: the frameworks differ in max and average "
                    "pooling. Choose Max or Average (Ctrl+1, Ctrl+2)."
                ).format(kind=translated(model.result.kind.label))
            )
            return
        image, selected, defaults = model.image, model.selected, self.defaults.isChecked()
        self.status.setText(tr("Computing the four frameworks…"))
        self.runner.submit(
            lambda token: compare_frameworks(image, params, selected, defaults, token)
        )

    def show_columns(self, columns: list[FrameworkColumn]) -> None:
        different = [
            column.framework.label
            for column in columns
            if column.differs is not None and column.differs.any()
        ]
        shapes = [
            column.framework.label
            for column in columns
            if column.result is not None
            and column.differs is None
            and column.framework.name != "torch"
        ]
        parts = []
        if different:
            parts.append(
                tr("Values differ from PyTorch's in {frameworks}.").format(
                    frameworks=", ".join(different)
                )
            )
        if shapes:
            parts.append(
                tr("Another output shape in {frameworks}.").format(frameworks=", ".join(shapes))
            )
        self.status.setText(" ".join(parts) or tr("All four frameworks compute the same output."))
        for column in columns:
            self.views[column.framework.name].show_column(
                column, self.model.levels, self.model.selected
            )

    def show_problem(self, message: str) -> None:
        self.status.setText(message)
        for view in self.views.values():
            view.show_message(message)

    def _on_cell_clicked(self, row: int, col: int) -> None:
        self.model.select_output(row, col, pin=True)

    def shutdown(self) -> None:
        self.runner.shutdown()
