"""PoolScope's main window: controls on the left, input and output in the centre, the
arithmetic on the right, the formula strip underneath. It wires widgets to the model and
redraws in ``_on_..._changed`` slots; it never computes pooling itself."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import PySide6
from PIL import Image
from PySide6.QtCore import QEvent, QPointF, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from engine.errors import PoolingError
from engine.io.export import ExportError, write_atomically
from engine.io.images import SAMPLES, ImageLoadError, image_size, sample_path
from engine.pooling.kinds import KINDS
from engine.pooling.pipeline import formula_lines, overview_rects, placement_of
from gui.experiments.panel import ExperimentsPanel
from gui.exporting import EXPORTS, Exporter
from gui.models.animation_model import AnimationModel
from gui.models.pool_model import PoolModel
from gui.models.settings import Settings
from gui.views.controls import ControlsPanel
from gui.views.image_panel import ImagePanel
from gui.views.info_panel import InfoPanel
from gui.views.matrix_panel import MatrixPanel
from gui.views.timeline import Timeline

MAX_BLANKED_CELLS = 1_000_000
ARGMAX_COLOURS = {
    1: [QColor(255, 40, 40)],
    3: [QColor(255, 60, 60), QColor(60, 230, 60), QColor(70, 140, 255)],
}
IMAGE_FILTER = (
    "Images (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp *.ppm *.pgm);;"
    "Matrices (*.csv *.tsv *.txt *.npy);;All files (*)"
)


class MainWindow(QMainWindow):
    def __init__(self, model: PoolModel | None = None, settings: Settings | None = None):
        super().__init__()
        self.model = model or PoolModel(self)
        self.settings = settings or Settings()
        self.setWindowTitle("PoolScope")
        self.setAcceptDrops(True)
        self.physical_scale = False
        self.exporter = Exporter(self)

        self.controls = ControlsPanel(self.model)
        self.matrix_panel = MatrixPanel(self.model)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.controls)
        left_layout.addWidget(self.matrix_panel)
        left_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(390)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.input_panel = ImagePanel("Input")
        self.output_panel = ImagePanel("Output")
        self.gradient_panel = ImagePanel("Input gradient")
        self.gradient_panel.set_colour_map("CET-D1")
        self.gradient_choice = QComboBox()
        self.gradient_choice.addItem("Input gradient (backward)", "gradient")
        self.gradient_choice.addItem("Max unpooling", "unpool")
        self.gradient_choice.setToolTip(
            "Where the gradient went, or the output put back at "
            "its arg-max positions (max pooling's unpooling)"
        )
        self.gradient_choice.currentIndexChanged.connect(self._on_step_changed)
        gradient_box = QWidget()
        gradient_layout = QVBoxLayout(gradient_box)
        gradient_layout.setContentsMargins(0, 0, 0, 0)
        gradient_layout.addWidget(self.gradient_choice)
        gradient_layout.addWidget(self.gradient_panel, 1)
        self.gradient_box = gradient_box
        self.gradient_box.setVisible(False)
        self.info_panel = InfoPanel(self.model)
        self.formula = QLabel()
        self.formula.setObjectName("formula_strip")
        self.formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.formula.setStyleSheet("font-family: monospace; padding: 4px;")
        self.formula.setToolTip("Output size with your numbers, and how much smaller it is")
        self.formula.setWordWrap(True)

        views = QSplitter(Qt.Orientation.Horizontal)
        views.addWidget(self.input_panel)
        views.addWidget(self.output_panel)
        views.addWidget(self.gradient_box)
        self.animation = AnimationModel(self.model, self)
        self.timeline = Timeline(self.animation)
        self.info_panel.animation = self.animation
        explore = QWidget()
        explore_layout = QVBoxLayout(explore)
        explore_layout.setContentsMargins(0, 0, 0, 0)
        explore_layout.addWidget(views, 1)
        explore_layout.addWidget(self.timeline)
        self.experiments = ExperimentsPanel(self.model)
        self.tabs = QTabWidget()
        self.tabs.addTab(explore, "Explore")
        self.tabs.addTab(self.experiments, "Experiments")
        self.tabs.setTabToolTip(0, "Pool the image, follow every window, step through")
        self.tabs.setTabToolTip(1, "Check what pooling is for: invariance, noise, cost, ...")
        self.tabs.currentChanged.connect(self._on_tab_changed)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.info_panel)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 820, 280])
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.addWidget(splitter, 1)
        central_layout.addWidget(self.formula)
        self.setCentralWidget(central)

        self.busy_indicator = QProgressBar()
        self.busy_indicator.setRange(0, 0)
        self.busy_indicator.setMaximumWidth(160)
        self.busy_indicator.setVisible(False)
        self.busy_indicator.setToolTip("Working in the background; the window stays usable")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop waiting for the running job and keep the last result")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.model.cancel)
        self.statusBar().addPermanentWidget(self.busy_indicator)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.pending_path: Path | None = None

        self.build_menus()
        self.model.imageChanged.connect(self._on_image_changed)
        self.model.resultChanged.connect(self._on_result_changed)
        self.model.selectionChanged.connect(self._on_selection_changed)
        self.model.coverageChanged.connect(self._on_coverage_changed)
        self.model.errorChanged.connect(self._on_error_changed)
        self.model.busyChanged.connect(self._on_busy_changed)
        self.model.loadFailed.connect(self._on_load_failed)
        self.model.parametersChanged.connect(self._on_parameters_changed)
        self.input_panel.sigCellClicked.connect(self._on_input_clicked)
        self.output_panel.sigCellHovered.connect(self.model.hover_output)
        self.output_panel.sigCellClicked.connect(self._on_output_clicked)
        for panel in (self.input_panel, self.output_panel, self.gradient_panel):
            panel.plot_widget.installEventFilter(self)
        self.animation.stepChanged.connect(self._on_step_changed)
        self.animation.stepChanged.connect(self.info_panel.refresh)
        self.step_shortcuts = []
        for key, slot in (
            ("Left", self.animation.step_back),
            ("Right", self.animation.step_forward),
        ):
            shortcut = QShortcut(QKeySequence(key), self, activated=slot)
            shortcut.setEnabled(False)  # only while stepping; else arrows move the selection
            self.step_shortcuts.append(shortcut)
        for key, slot in (
            ("Space", self.animation.toggle_play),
            ("Home", self.animation.to_start),
            ("End", self.animation.to_end),
        ):
            QShortcut(QKeySequence(key), self, activated=slot)
        self.settings_timer = QTimer(self, singleShot=True, interval=500)
        self.settings_timer.timeout.connect(self.save_settings)
        self.restore_settings()

    # ----- menus ---------------------------------------------------------------------------
    def action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip or text)
        action.setToolTip(tip or text)
        action.triggered.connect(slot)
        return action

    def build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(
            self.action(
                "&Open image…",
                self.open_dialog,
                QKeySequence.StandardKey.Open,
                "Open a PNG, JPEG, BMP, GIF, TIFF, WebP image or a matrix",
            )
        )
        self.recent_menu = file_menu.addMenu("Open &recent")
        samples_menu = file_menu.addMenu("&Samples")
        for name in SAMPLES:
            samples_menu.addAction(
                self.action(
                    name,
                    lambda _=False, sample=name: self.open_path(sample_path(sample)),
                    tip=f"Open the bundled {name} sample",
                )
            )
        export_menu = file_menu.addMenu("&Export")
        for what, (text, _, _) in EXPORTS.items():
            export_menu.addAction(
                self.action(
                    text,
                    lambda _=False, chosen=what: self.exporter.export_dialog(chosen),
                    tip=f"Export {text}",
                )
            )
        file_menu.addSeparator()
        file_menu.addAction(
            self.action(
                "Save &screenshot…",
                self.save_screenshot_dialog,
                "Ctrl+Shift+S",
                "Save the window as a PNG picture",
            )
        )
        file_menu.addSeparator()
        file_menu.addAction(self.action("&Quit", self.close, QKeySequence.StandardKey.Quit))
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(
            self.action(
                "&Copy as code",
                self.exporter.copy_as_code,
                "Ctrl+Shift+C",
                "Copy the settings as PyTorch, Keras and PoolScope code",
            )
        )
        pool_menu = self.menuBar().addMenu("&Pooling")
        for number, (name, kind) in enumerate(KINDS.items(), start=1):
            pool_menu.addAction(
                self.action(
                    kind.label,
                    lambda _=False, chosen=name: self.model.update_params(pool_type=chosen),
                    f"Ctrl+{number}" if number <= 9 else None,
                    kind.summary,
                )
            )
        view_menu = self.menuBar().addMenu("&View")
        self.physical_action = self.action(
            "Output at input &scale",
            self.toggle_physical_scale,
            "Ctrl+P",
            "Draw each output cell over the input area its window covers, with both views linked",
        )
        self.physical_action.setCheckable(True)
        view_menu.addAction(self.physical_action)
        view_menu.addAction(
            self.action(
                "&Fit views", self.fit_views, "Ctrl+0", "Zoom both views to show everything"
            )
        )
        view_menu.addAction(
            self.action(
                "&Unpin selection",
                self.model.clear_selection,
                "Esc",
                "Forget the pinned output cell and input pixel",
            )
        )
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.action("&Keyboard shortcuts", self.show_shortcuts, "F1"))
        help_menu.addAction(self.action("&About PoolScope", self.show_about))

    # ----- loading -------------------------------------------------------------------------
    def open_dialog(self) -> None:
        folder = self.settings.value_str("last_folder", str(Path.home()))
        path, _ = QFileDialog.getOpenFileName(self, "Open image", folder, IMAGE_FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> bool:
        """Open a file; on failure show why and keep the current image.

        Large images load in the worker (the window stays usable); above the configured size
        the user is offered a downscaled working copy. Returns False if nothing will change.
        """
        path = Path(path)
        width, height = image_size(path)
        megapixels = width * height / 1e6
        reduce = 1
        limit = self.settings.value_float("downscale_above_megapixels", 16.0)
        if megapixels > limit:
            factor = 2
            while megapixels / factor**2 > limit:
                factor += 1
            choice = self.ask_downscale(path, megapixels, factor)
            if choice is None:
                return False
            reduce = factor if choice == "downscale" else 1
        if megapixels / reduce**2 > self.settings.value_float("background_load_megapixels", 4.0):
            self.pending_path = path
            self.model.request_image(path, reduce)
            self.statusBar().showMessage(f"Opening {path.name}…")
            return True
        try:
            self.model.open_image(path, reduce)
        except ImageLoadError as error:
            self.show_error("Cannot open image", str(error))
            return False
        self.remember_opened(path)
        return True

    def remember_opened(self, path: Path) -> None:
        self.settings.set_value("last_folder", str(path.parent))
        self.settings.add_recent(str(path))
        self.rebuild_recent_menu()
        self.setWindowTitle(f"PoolScope: {path.name}")
        self.statusBar().showMessage(f"Opened {path.name}", 4000)

    def ask_downscale(self, path: Path, megapixels: float, factor: int) -> str | None:
        """Offer a downscaled working copy of a huge image: 'downscale', 'full' or None
        (cancel). Tests replace this."""
        box = QMessageBox(self)
        box.setWindowTitle("Large image")
        box.setText(f"'{path.name}' has {megapixels:.0f} megapixels.")
        box.setInformativeText(
            f"Work on a copy downscaled to 1/{factor} ({megapixels / factor**2:.1f} "
            "megapixels)? It pools, draws and animates much faster; the scale is shown above "
            "the input."
        )
        downscale = box.addButton(f"Use 1/{factor} copy", QMessageBox.ButtonRole.AcceptRole)
        full = box.addButton("Full size", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        return "downscale" if clicked is downscale else "full" if clicked is full else None

    def _on_load_failed(self, message: str) -> None:
        self.show_error("Cannot open image", message)

    def rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for path in recent:
            self.recent_menu.addAction(
                self.action(path, lambda _=False, recent=path: self.open_path(recent))
            )
        self.recent_menu.setEnabled(bool(recent))

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        urls = [url for url in event.mimeData().urls() if url.isLocalFile()]
        if urls:
            self.open_path(urls[0].toLocalFile())
            event.acceptProposedAction()

    def show_error(self, title: str, message: str) -> None:
        """The one place that shows an error dialog (tests replace it)."""
        QMessageBox.warning(self, title, message)

    # ----- model to view -------------------------------------------------------------------
    def _on_image_changed(self) -> None:
        model = self.model
        self.input_panel.show_array(
            model.image, model.levels, auto_range=True, display=model.input_display
        )
        height, width = model.image.shape[1:]
        full = f"{width * model.scale}x{height * model.scale}"
        scale = "" if model.scale == 1 else f" (working copy at 1/{model.scale} of {full})"
        self.input_panel.set_title(f"Input {width}x{height}{scale}")
        if (
            getattr(self, "pending_path", None) is not None
            and model.image_path == self.pending_path
        ):
            self.remember_opened(self.pending_path)
            self.pending_path = None
        self.input_panel.overlay.set_window(None)
        self.input_panel.overlay.set_marked([])

    def output_placement(self):
        """Where output cells are drawn: over their windows at the input's scale, or a grid."""
        result = self.model.result
        if not self.physical_scale or result is None:
            return None
        return placement_of(result.params, result.input_shape)

    def _on_result_changed(self) -> None:
        result = self.model.result
        if result is None:
            self.output_panel.show_array(None, (0, 1))
            return
        # The output picture itself is drawn by _on_step_changed: the animation model answers
        # every new result with stepChanged, so drawing it here too would do it twice.
        out_h, out_w = result.output.shape[-2:]
        self.output_panel.set_title(f"Output {out_w}x{out_h} ({result.kind.label})")
        self.input_panel.overlay.set_bins(overview_rects(result.params, result.input_shape))
        self.update_formula()

    def update_formula(self) -> None:
        if self.model.image is None:
            return
        try:
            lines = formula_lines(self.model.params, self.model.image.shape)
        except PoolingError as error:
            self.formula.setStyleSheet("font-family: monospace; padding: 4px; color: #c0392b;")
            self.formula.setText(f"Cannot pool with these settings: {error}")
            return
        self.formula.setStyleSheet("font-family: monospace; padding: 4px;")
        self.formula.setText("\n".join(lines))

    def _on_parameters_changed(self) -> None:
        self.update_formula()
        self.settings_timer.start()

    def _on_selection_changed(self) -> None:
        if self.animation.is_engaged():
            return  # the animation owns the overlays while stepping
        window = self.model.selected_window()
        if window is None:
            self.input_panel.overlay.set_window(None)
        else:
            channels = self.model.image.shape[0]
            colours = ARGMAX_COLOURS.get(channels, ARGMAX_COLOURS[1])
            argmax = []
            for channel in range(channels):
                cell = self.model.selected_argmax(channel)
                if cell is not None:
                    argmax.append((*cell, colours[channel % len(colours)]))
            self.input_panel.overlay.set_window(window, argmax)
        self.output_panel.overlay.set_marked(self.model.coverage, self.model.selected)

    def _on_coverage_changed(self) -> None:
        pixel = self.model.coverage_pixel
        self.input_panel.overlay.set_marked([pixel] if pixel else [])
        self.output_panel.overlay.set_marked(self.model.coverage, self.model.selected)
        if pixel is not None:
            count = len(self.model.coverage)
            self.statusBar().showMessage(
                f"Input pixel ({pixel[0]}, {pixel[1]}) feeds {count} output cell"
                f"{'' if count == 1 else 's'}",
                6000,
            )

    def _on_error_changed(self, message: str) -> None:
        self.update_formula()

    def _on_busy_changed(self, busy: bool) -> None:
        self.busy_indicator.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.statusBar().showMessage("Pooling…")
        else:
            self.statusBar().clearMessage()

    # ----- view to model -------------------------------------------------------------------
    def _on_output_clicked(self, row: int, col: int) -> None:
        if self.animation.direction == "backward" and self.animation.upstream_kind == "one_hot":
            self.animation.set_one_hot_cell(row, col)
        self.model.select_output(row, col, pin=True)
        self.output_panel.plot_widget.setFocus()

    def _on_input_clicked(self, row: int, col: int) -> None:
        self.model.set_coverage_pixel(row, col)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            moves = {
                Qt.Key.Key_Left: (0, -1),
                Qt.Key.Key_Right: (0, 1),
                Qt.Key.Key_Up: (-1, 0),
                Qt.Key.Key_Down: (1, 0),
            }
            if event.key() in moves:
                self.model.move_selection(*moves[event.key()])
                return True
        return super().eventFilter(watched, event)

    def toggle_physical_scale(self, checked: bool) -> None:
        self.physical_scale = bool(checked)
        output_view = self.output_panel.plot_item
        if self.physical_scale:
            output_view.setXLink(self.input_panel.plot_item)
            output_view.setYLink(self.input_panel.plot_item)
        else:
            output_view.setXLink(None)
            output_view.setYLink(None)
        self._on_step_changed()  # redraws the output, whole or partial, at the new placement
        self.fit_views()

    def fit_views(self) -> None:
        for panel in (self.input_panel, self.output_panel):
            panel.fit()

    def _on_tab_changed(self, index: int) -> None:
        self.experiments.set_active(index == 1)

    def show_experiment(self, title: str):
        """Switch to the Experiments tab at the experiment whose title starts with ``title``."""
        self.tabs.setCurrentIndex(1)
        return self.experiments.show_experiment(title)

    def _on_step_changed(self, *_) -> None:
        """Draw the animation state: partial output, current window, routed gradient."""
        animation, result = self.animation, self.model.result
        engaged = animation.is_engaged()
        for shortcut in self.step_shortcuts:
            shortcut.setEnabled(engaged)
        backward = animation.direction == "backward"
        self.gradient_box.setVisible(backward and result is not None)
        if result is None:
            return
        if engaged and result.output[0].size > MAX_BLANKED_CELLS:
            # Huge outputs stay drawn whole while stepping: rebuilding millions of blank cells
            # every step would stall the window. The current cells are still marked.
            step = animation.current_step()
            cells = [] if step is None else animation.sequence.cells_of(animation.count - 1)
            self.output_panel.overlay.set_marked(cells[:MAX_BLANKED_CELLS], None)
            self.input_panel.overlay.set_window(None if step is None else step.window)
        elif engaged:
            partial = animation.partial_output()
            hidden = (np.arange(partial[0].size) >= animation.cells_done()).reshape(
                partial.shape[1:]
            )
            self.output_panel.show_array(
                partial, self.model.levels, self.output_placement(), hidden=hidden
            )
            step = animation.current_step()
            cells = [] if step is None else animation.sequence.cells_of(animation.count - 1)
            self.output_panel.overlay.set_marked(cells, None)
            if step is None:
                self.input_panel.overlay.set_window(None)
            else:
                colours = ARGMAX_COLOURS.get(self.model.image.shape[0], ARGMAX_COLOURS[1])
                argmax = [
                    (*cell, colours[channel % len(colours)])
                    for channel, cell in enumerate(step.argmax or ())
                    if cell is not None
                ]
                self.input_panel.overlay.set_window(step.window, argmax)
        else:
            self.show_output()
            self._on_selection_changed()
        if backward:
            self.draw_gradient_panel()

    def show_output(self) -> None:
        """Draw the whole output (prepared in the worker) at its current placement."""
        self.output_panel.show_array(
            self.model.result.output,
            self.model.levels,
            self.output_placement(),
            display=self.model.output_display,
        )

    def draw_gradient_panel(self) -> None:
        animation = self.animation
        unpool = self.gradient_choice.currentData() == "unpool"
        if unpool:
            values = animation.unpooled()
            if values is None:
                self.gradient_panel.set_title("Max unpooling needs a max pool")
                self.gradient_panel.show_array(None, (0, 1))
                return
            self.gradient_panel.set_colour_map("CET-L1")
            self.gradient_panel.show_array(values, self.model.levels)
            self.gradient_panel.set_title("Output put back at its arg-max, zeros elsewhere")
            self.gradient_panel.overlay.set_counts(None)
            self.gradient_panel.overlay.set_route(None)
            return
        gradient = animation.input_gradient()
        limit = float(np.nanmax(np.abs(gradient))) if gradient.size else 0.0
        limit = limit if limit > 0 else 1.0
        self.gradient_panel.set_colour_map("CET-D1")
        self.gradient_panel.show_array(gradient, (-limit, limit))
        counts = animation.counts()
        self.gradient_panel.overlay.set_counts(counts[0])
        step = animation.current_step()
        route = None
        if step is not None and step.argmax and step.argmax[0] is not None:
            extent = step.window.extent
            start = QPointF(extent.left + extent.width / 2, extent.top + extent.height / 2)
            end = QPointF(step.argmax[0][1] + 0.5, step.argmax[0][0] + 0.5)
            route = (start, end)
        self.gradient_panel.overlay.set_route(*(route or (None,)))
        self.gradient_panel.overlay.set_window(None if step is None else step.window)
        total = int(counts.sum())
        self.gradient_panel.set_title(f"Gradient: {total} routed so far")

    # ----- exports ------------------------------------------------------------------------
    def export_to(self, path: str | Path, what: str, frame_limit: int | None = None) -> bool:
        return self.exporter.export_to(path, what, frame_limit)

    def copy_as_code(self) -> None:
        self.exporter.copy_as_code()

    def confirm_overwrite(self, path: Path) -> bool:
        """Ask before replacing a file (tests replace this)."""
        answer = QMessageBox.question(
            self, "Replace file?", f"'{path.name}' already exists. Replace it?"
        )
        return answer == QMessageBox.StandardButton.Yes

    def show_message(self, title: str, text: str) -> None:
        """The one place that shows an information dialog (tests replace it)."""
        QMessageBox.information(self, title, text)

    # ----- screenshots, dialogs, settings --------------------------------------------------
    def save_screenshot(self, path: str | Path) -> None:
        """Render the window to a PNG, atomically."""
        pixmap = self.grab()

        def write(temporary: Path) -> None:
            if not pixmap.save(str(temporary), "PNG"):
                raise OSError(f"could not write {temporary}")

        write_atomically(Path(path), write)

    def save_screenshot_dialog(self) -> None:
        folder = self.settings.value_str("last_folder", str(Path.home()))
        path, _ = QFileDialog.getSaveFileName(
            self, "Save screenshot", str(Path(folder) / "poolscope.png"), "PNG images (*.png)"
        )
        if not path:
            return  # QFileDialog has already asked before overwriting
        try:
            self.save_screenshot(path)
        except (OSError, ExportError) as error:
            self.show_error("Cannot save screenshot", str(error))

    def show_shortcuts(self) -> None:
        QMessageBox.information(
            self,
            "Keyboard shortcuts",
            "\n".join(
                [
                    "Ctrl+O  open an image          Ctrl+Shift+S  save a screenshot",
                    "Ctrl+1..5  pooling type         Ctrl+P  output at input scale",
                    "Ctrl+0  fit the views          Esc  unpin the selection",
                    "Arrow keys (with a view focused)  move the pinned output cell",
                    "Mouse: hover or click an output cell; click an input pixel for its coverage;",
                    "wheel to zoom, drag to pan.",
                ]
            ),
        )

    def show_about(self) -> None:
        versions = (
            f"PoolScope 0.1.0<br>Python {platform.python_version()}<br>"
            f"NumPy {np.__version__}<br>PySide6 {PySide6.__version__} (Qt "
            f"{PySide6.QtCore.qVersion()})<br>pyqtgraph {pg.__version__}<br>"
            f"Pillow {Image.__version__}<br>{sys.platform}"
        )
        QMessageBox.about(
            self,
            "About PoolScope",
            f"<b>PoolScope</b>: see, cell by cell, what a pooling layer does.<br><br>{versions}",
        )

    def restore_settings(self) -> None:
        params = self.settings.params()
        if params is not None:
            self.model.set_params(params)
        self.model.set_channel(self.settings.value_str("channel", "rgb"))
        geometry = self.settings.value_bytes("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1400, 820)
        self.rebuild_recent_menu()

    def save_settings(self) -> None:
        self.settings.set_params(self.model.params)
        self.settings.set_value("channel", self.model.channel)
        self.settings.set_value("geometry", self.saveGeometry())
        self.settings.sync()

    def closeEvent(self, event) -> None:
        self.save_settings()
        self.model.shutdown()
        super().closeEvent(event)
