"""PoolScope's main window: layout and wiring only.

The settings dock (Image / Matrix mode, the image or matrix page, the pooling controls) sits
on the left, the Explore and Experiments tabs in the centre, the arithmetic (details) on the
right and the formula strip below; docks can be moved, resized, collapsed, and are remembered.
Menus hold every feature, and F1 lists their shortcuts from the actions themselves. Drawing
happens in the views (``gui.views``), state in the models (``gui.models``).
"""

from __future__ import annotations

import html
import platform
import sys
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import PySide6
from PIL import Image
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QFrame,
    QInputDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from engine.io.export import ExportError, write_atomically
from engine.io.images import SAMPLES, ImageLoadError, image_size, is_volume_file, sample_path
from engine.ops.memory import default_memory_budget, set_budget_hint, set_memory_budget
from engine.pooling.gotchas import GOTCHAS, gotcha
from engine.pooling.kinds import KINDS
from engine.pooling.parameters import PoolParams
from engine.text import Text
from gui.experiments.panel import ExperimentsPanel
from gui.exporting import EXPORTS, Exporter
from gui.i18n import LANGUAGE, LANGUAGES, message_of, tr, translated
from gui.models.animation_model import AnimationModel
from gui.models.pool_model import PoolModel
from gui.models.settings import Settings
from gui.views.controls import ControlsPanel
from gui.views.explore import ExplorePanel
from gui.views.formula_strip import FormulaStrip
from gui.views.frameworks import FrameworksPanel
from gui.views.gallery import GalleryPanel, explanation_text
from gui.views.info_panel import InfoPanel
from gui.views.matrix_panel import PRESETS, MatrixPanel
from gui.views.network import NetworkPanel
from gui.views.source import ImageSource, ModeSwitch

IMAGE_PATTERNS = "*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp *.ppm *.pgm"
MATRIX_PATTERNS = "*.csv *.tsv *.txt *.npy"
VOLUME_PATTERNS = "*.npy *.tif *.tiff *.gif *.webp"
FIRST_START_SAMPLE = "digit"
FIRST_START_PARAMS = PoolParams("max", (2, 2), (2, 2))
FIRST_START_CELL = (6, 6)  # an output cell on the digit's stroke
FIRST_START_ZOOM = 8  # cells shown around it in both views, so every number can be read
WINDOW_BUDGET_HINT = Text("raise the budget in Edit > Memory budget…")
WIDE_SCREEN = 1300  # narrower screens put the details under the settings, left
MOUSE_HELP = Text(
    "Mouse: hover an output cell to see its window, click to pin it (arrow keys move it); "
    "click an input cell to mark every output cell it feeds; wheel zooms, drag pans."
)


def open_filter(*kinds: str) -> str:
    """A file dialog's filter: the kinds of file asked for ("images", "matrices",
    "volumes"), then all files; words translated, patterns kept."""
    filters = {
        "images": lambda: tr("Images ({patterns})").format(patterns=IMAGE_PATTERNS),
        "matrices": lambda: tr("Matrices ({patterns})").format(patterns=MATRIX_PATTERNS),
        "volumes": lambda: tr("Volumes ({patterns})").format(patterns=VOLUME_PATTERNS),
    }
    chosen = [filters[kind]() for kind in kinds]
    return ";;".join([*chosen, tr("All files ({patterns})").format(patterns="*")])


def matrix_text(matrix) -> str:
    """A gotcha's matrix as the matrix editor reads it (nan and inf as words)."""

    def written(value: float) -> str:
        return str(int(value)) if value.is_integer() else repr(value)  # 'nan', 'inf', '0.1'

    return "\n".join(" ".join(written(float(value)) for value in row) for row in matrix)


class MainWindow(QMainWindow):
    """PoolScope's window over a :class:`PoolModel` (its own, or one given, which it adopts
    when nothing owns it: a window rebuilt in another language keeps the model).

    Signals
    -------
    replaced(object)
        The window was rebuilt in another language (:meth:`choose_language`): the new
        window, which the application keeps (``QApplication.instance().poolscope_window``).
    """

    replaced = Signal(object)

    def __init__(self, model: PoolModel | None = None, settings: Settings | None = None):
        super().__init__()
        self.setObjectName("main_window")
        if model is not None and model.parent() is None:
            model.setParent(self)
        self.model = model or PoolModel(self)
        self.model_handed_over = False  # True once a rebuilt window took the model
        self.settings = settings or Settings()
        self.animation = AnimationModel(self.model, self)
        self.exporter = Exporter(self)
        self.mode = "image"
        self.pending_path: Path | None = None
        self.docks_set_aside: list[QDockWidget] | None = None  # hidden for the Network tab
        self.setWindowTitle("PoolScope")
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks)
        self.setMinimumSize(800, 560)

        self.mode_switch = ModeSwitch()
        self.image_source = ImageSource(self.model)
        self.matrix_panel = MatrixPanel(self.model)
        self.source_pages = QStackedWidget()
        self.source_pages.addWidget(self.image_source)
        self.source_pages.addWidget(self.matrix_panel)
        self.source_pages.currentChanged.connect(self._on_source_page_changed)
        self._on_source_page_changed(0)
        self.controls = ControlsPanel(self.model)
        settings_page = QWidget()
        settings_layout = QVBoxLayout(settings_page)
        settings_layout.addWidget(self.mode_switch)
        settings_layout.addWidget(self.source_pages)
        settings_layout.addWidget(self.controls)
        settings_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(settings_page)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(240)
        self.info_panel = InfoPanel(self.model)
        self.info_panel.animation = self.animation
        self.formula = FormulaStrip(self.model)
        self.settings_dock = self.dock(
            tr("Settings"), "settings_dock", scroll, Qt.LeftDockWidgetArea
        )
        self.details_dock = self.dock(
            tr("Details"), "details_dock", self.info_panel, Qt.RightDockWidgetArea
        )
        formula_scroll = QScrollArea()  # wrapped lines scroll rather than being cut
        formula_scroll.setWidget(self.formula)
        formula_scroll.setWidgetResizable(True)
        formula_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.formula_dock = self.dock(
            tr("Formula"), "formula_dock", formula_scroll, Qt.BottomDockWidgetArea
        )
        self.gallery = GalleryPanel()
        self.gallery_dock = self.dock(
            tr("Gotchas"), "gotchas_dock", self.gallery, Qt.RightDockWidgetArea
        )
        self.tabifyDockWidget(self.details_dock, self.gallery_dock)
        self.details_dock.raise_()

        self.explore = ExplorePanel(self.model, self.animation)
        self.experiments = ExperimentsPanel(self.model)
        self.frameworks = FrameworksPanel(self.model)
        self.network = NetworkPanel(self.model)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("main_tabs")
        self.tabs.addTab(self.explore, tr("Explore"))
        self.tabs.addTab(self.experiments, tr("Experiments"))
        self.tabs.addTab(self.frameworks, tr("Frameworks"))
        self.tabs.addTab(self.network, tr("Network"))
        self.tabs.setTabToolTip(0, tr("Pool the input, follow every window, step through"))
        self.tabs.setTabToolTip(1, tr("Check what pooling is for: invariance, noise, cost, ..."))
        self.tabs.setTabToolTip(
            2, tr("The same max or average pooling in PyTorch, Keras, JAX and ONNX, side by side")
        )
        self.tabs.setTabToolTip(
            3, tr("Train a small CNN with each pooling, or none, and look inside")
        )
        self.setCentralWidget(self.tabs)
        # The views, for scripts and tests.
        explore = self.explore
        self.input_panel, self.output_panel = explore.input_panel, explore.output_panel
        self.gradient_panel, self.gradient_box = explore.gradient_panel, explore.gradient_box
        self.gradient_choice, self.timeline = explore.gradient_choice, explore.timeline

        self.busy_indicator = QProgressBar()
        self.busy_indicator.setObjectName("busy")
        self.busy_indicator.setRange(0, 0)
        self.busy_indicator.setMaximumWidth(140)
        self.busy_indicator.setVisible(False)
        self.busy_indicator.setToolTip(tr("Working in the background; the window stays usable"))
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.setToolTip(tr("Stop the running job and keep the last result"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_jobs)
        self.statusBar().addPermanentWidget(self.busy_indicator)
        self.statusBar().addPermanentWidget(self.cancel_button)

        self.settings_timer = QTimer(self, singleShot=True, interval=500)
        self.settings_timer.timeout.connect(self.save_settings)
        self.build_menus()
        self.wire()
        self.restore_settings()
        if self.model.image_path is not None:  # a model that already shows a file
            self.setWindowTitle(f"PoolScope: {self.model.image_path.name}")

    def dock(self, title: str, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        return dock

    def wire(self) -> None:
        model = self.model
        model.busyChanged.connect(self._on_busy_changed)
        model.loadFailed.connect(self._on_load_failed)
        model.imageChanged.connect(self._on_image_changed)
        model.parametersChanged.connect(self.settings_timer.start)
        self.animation.stepChanged.connect(self._on_step_changed)
        self.animation.stepChanged.connect(self.info_panel.refresh)
        self.explore.coverageReported.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.explore.try_card.dismissed.connect(self._on_card_dismissed)
        self.mode_switch.modeChosen.connect(self.set_mode)
        self.image_source.openRequested.connect(self.open_dialog)
        self.image_source.sampleChosen.connect(lambda name: self.open_path(sample_path(name)))
        self.matrix_panel.applied.connect(lambda: self.show_mode("matrix"))
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.experiments.inputReplaced.connect(self._on_experiment_input)
        self.network.exploreRequested.connect(self._on_network_explore)
        self.gallery.chosen.connect(self.load_gotcha)
        self.experiments.runner.busyChanged.connect(self._on_busy_changed)

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
        menus = self.menuBar()
        file_menu = menus.addMenu(tr("&File"))
        file_menu.addAction(
            self.action(
                tr("&Open image…"),
                self.open_dialog,
                QKeySequence.StandardKey.Open,
                tr("Open a PNG, JPEG, BMP, GIF, TIFF, WebP image or a matrix"),
            )
        )
        file_menu.addAction(
            self.action(
                tr("Open as se&quences…"),
                self.open_sequences_dialog,
                "Ctrl+Shift+O",
                tr(
                    "Open a matrix (.csv, .npy, ...) whose rows are sequences, pooled along "
                    "their length like torch's 1D pools on a (C, L) input"
                ),
            )
        )
        file_menu.addAction(
            self.action(
                tr("Open as &volume…"),
                self.open_volume_dialog,
                "Ctrl+Alt+O",
                tr(
                    "Open every frame of a TIFF, GIF or WebP (or a 3D .npy) as the slices of a "
                    "volume, pooled by PyTorch's 3D pools"
                ),
            )
        )
        self.recent_menu = file_menu.addMenu(tr("Open &recent"))
        samples_menu = file_menu.addMenu(tr("&Samples"))
        for name in SAMPLES:
            samples_menu.addAction(
                self.action(
                    translated(name),
                    lambda _=False, sample=name: self.open_path(sample_path(sample)),
                    tip=tr("Open the bundled {name} sample").format(name=translated(name)),
                )
            )
        export_menu = file_menu.addMenu(tr("&Export"))
        for what, suffix, text, tip in EXPORTS:
            export_menu.addAction(
                self.action(
                    translated(text),
                    lambda _=False, chosen=what, ending=suffix: self.exporter.export_dialog(
                        chosen, ending
                    ),
                    tip=translated(tip),
                )
            )
        file_menu.addSeparator()
        file_menu.addAction(
            self.action(
                tr("Save &screenshot…"),
                self.save_screenshot_dialog,
                "Ctrl+Shift+S",
                tr("Save the window as a PNG picture"),
            )
        )
        file_menu.addSeparator()
        file_menu.addAction(self.action(tr("&Quit"), self.close, QKeySequence.StandardKey.Quit))

        edit_menu = menus.addMenu(tr("&Edit"))
        edit_menu.addAction(
            self.action(
                tr("&Copy as code"),
                self.exporter.copy_as_code,
                "Ctrl+Shift+C",
                tr("Copy the settings as code for PyTorch, Keras, JAX, ONNX and PoolScope"),
            )
        )
        edit_menu.addSeparator()
        edit_menu.addAction(
            self.action(
                tr("&Memory budget…"),
                self.choose_memory_budget,
                tip=tr(
                    "How much memory one computation may use before PoolScope refuses it "
                    "(default: half of the memory available)"
                ),
            )
        )

        pool_menu = menus.addMenu(tr("&Pooling"))
        for number, (name, kind) in enumerate(KINDS.items(), start=1):
            pool_menu.addAction(
                self.action(
                    translated(kind.label),
                    lambda _=False, chosen=name: self.model.update_params(pool_type=chosen),
                    f"Ctrl+{number}" if number <= 9 else None,
                    translated(kind.summary),
                )
            )

        view_menu = menus.addMenu(tr("&View"))
        modes = QActionGroup(self)
        self.mode_actions = {}
        for mode, text, shortcut in (
            ("image", tr("&Image mode"), "Ctrl+I"),
            ("matrix", tr("&Matrix mode"), "Ctrl+M"),
        ):
            action = self.action(text, lambda _=False, chosen=mode: self.set_mode(chosen), shortcut)
            action.setCheckable(True)
            modes.addAction(action)
            view_menu.addAction(action)
            self.mode_actions[mode] = action
        view_menu.addSeparator()
        self.physical_action = self.action(
            tr("Output at input &scale"),
            self.toggle_physical_scale,
            "Ctrl+P",
            tr("Draw each output cell over the input area its window covers, both views linked"),
        )
        self.physical_action.setCheckable(True)
        view_menu.addAction(self.physical_action)
        self.bars_action = self.action(
            tr("Sequences as &bars"),
            self.toggle_bars,
            "Ctrl+Shift+B",
            tr("Draw a sequence (a one-row input) as bars instead of a strip of cells"),
        )
        self.bars_action.setCheckable(True)
        view_menu.addAction(self.bars_action)
        for text, step, key, tip in (
            (
                tr("Next output slice"),
                1,
                "PgDown",
                tr("Next output slice of a volume (the input follows to the window's slices)"),
            ),
            (
                tr("Previous output slice"),
                -1,
                "PgUp",
                tr("Previous output slice of a volume (the input follows to the window's slices)"),
            ),
        ):
            view_menu.addAction(
                self.action(
                    text,
                    lambda _=False, step=step: self.model.set_output_depth(
                        self.model.output_depth + step
                    ),
                    key,
                    tip,
                )
            )
        view_menu.addAction(
            self.action(
                tr("F&rameworks side by side"),
                lambda: self.tabs.setCurrentWidget(self.frameworks),
                "Ctrl+Shift+F",
                tr("The same max or average pooling as PyTorch, Keras, JAX and ONNX compute it"),
            )
        )
        view_menu.addAction(
            self.action(
                tr("&Network (train a CNN)"),
                lambda: self.tabs.setCurrentWidget(self.network),
                "Ctrl+Shift+N",
                tr(
                    "Train the article's digit CNN with a pooling, or none, and see its curves "
                    "and feature maps"
                ),
            )
        )
        view_menu.addAction(
            self.action(
                tr("&Fit views"),
                self.fit_views,
                "Ctrl+0",
                tr("Zoom both views to show everything, padding cells included"),
            )
        )
        view_menu.addAction(
            self.action(
                tr("&Clear selection and coverage"),
                self.model.clear_selection,
                "Esc",
                tr("Forget the pinned output cell and the marked input cell"),
            )
        )
        view_menu.addSeparator()
        panels = view_menu.addMenu(tr("&Panels"))
        for dock in (self.settings_dock, self.details_dock, self.gallery_dock, self.formula_dock):
            panels.addAction(dock.toggleViewAction())
        self.language_menu = view_menu.addMenu(tr("&Language"))
        self.language_menu.setObjectName("language_menu")
        languages = QActionGroup(self)
        languages.setExclusive(True)
        self.language_actions = {}
        for code, name in LANGUAGES.items():  # each in its own language: never translated
            action = QAction(name, self)
            action.setObjectName(f"language_{code}")
            action.setCheckable(True)
            action.setChecked(code == LANGUAGE.code)
            action.triggered.connect(lambda _=False, chosen=code: self.choose_language(chosen))
            languages.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action

        animation = self.animation
        play_menu = menus.addMenu(tr("P&layback"))
        self.step_actions = []
        for text, slot, key, stepping in (
            (tr("&Play / pause"), animation.toggle_play, "Space", False),
            (tr("Step &back"), animation.step_back, "Left", True),
            (tr("Step &forward"), animation.step_forward, "Right", True),
            (tr("To the &start"), animation.to_start, "Home", False),
            (tr("To the &end"), animation.to_end, "End", False),
        ):
            action = self.action(text, slot, key)
            play_menu.addAction(action)
            if stepping:
                # Only while stepping; otherwise the arrow keys move the pinned output cell.
                action.setEnabled(False)
                self.step_actions.append(action)
        self.backward_action = self.action(
            tr("&Backward pass (gradient routing)"),
            lambda checked: animation.set_direction("backward" if checked else "forward"),
            "Ctrl+B",
            tr("Show where the gradient goes instead of how the output is computed"),
        )
        self.backward_action.setCheckable(True)
        play_menu.addSeparator()
        play_menu.addAction(self.backward_action)

        gotchas_menu = pool_menu.addMenu(tr("&Gotchas"))
        for item in GOTCHAS:
            gotchas_menu.addAction(
                self.action(
                    translated(item.title),
                    lambda _=False, key=item.key: self.load_gotcha(key),
                    tip=explanation_text(item),
                )
            )

        help_menu = menus.addMenu(tr("&Help"))
        help_menu.addAction(self.action(tr("&Keyboard shortcuts"), self.show_shortcuts, "F1"))
        help_menu.addAction(
            self.action(
                tr("&Gotcha gallery"),
                self.show_gallery,
                "Ctrl+G",
                tr("Surprising pooling behaviours from public issue trackers, one click each"),
            )
        )
        help_menu.addAction(
            self.action(
                tr("Show the 'try this' &hint"), self.show_try_card, tip=tr("Show the first hint")
            )
        )
        help_menu.addAction(self.action(tr("&About PoolScope"), self.show_about))

    def menu_actions(self) -> list[QAction]:
        """Every action reachable from the menus, in menu order (submenus included), but the
        View > Language entries: choosing one replaces this very window (:meth:`rebuild`),
        so a script that triggers every action (the menu tests, the fuzz) leaves them out."""

        def walk(menu: QMenu) -> list[QAction]:
            found = []
            for action in menu.actions():
                if action.menu() is self.language_menu:
                    continue
                if action.menu() is not None:
                    found.extend(walk(action.menu()))
                elif not action.isSeparator():
                    found.append(action)
            return found

        return [
            action for top in self.menuBar().actions() if top.menu() for action in walk(top.menu())
        ]

    def shortcut_lines(self) -> list[str]:
        """'Ctrl+O  Open image' for every menu action with a shortcut."""
        lines = []
        for action in self.menu_actions():
            if not action.shortcut().isEmpty():
                key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                lines.append(f"{key:<14} {action.text().replace('&', '').rstrip('…')}")
        return lines

    def show_shortcuts(self) -> None:
        text = "\n".join(self.shortcut_lines())
        self.show_message(tr("Keyboard shortcuts"), f"{text}\n\n{translated(MOUSE_HELP)}")

    # ----- loading and modes ---------------------------------------------------------------
    def open_dialog(self) -> None:
        folder = self.settings.value_str("last_folder", str(Path.home()))
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Open image"), folder, open_filter("images", "matrices")
        )
        if path:
            self.open_path(path)

    def open_sequences_dialog(self) -> None:
        folder = self.settings.value_str("last_folder", str(Path.home()))
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Open sequences (one per row)"), folder, open_filter("matrices")
        )
        if path:
            self.open_path(path, form="sequences")

    def open_volume_dialog(self) -> None:
        folder = self.settings.value_str("last_folder", str(Path.home()))
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Open as volume"), folder, open_filter("volumes")
        )
        if path:
            self.open_path(path, form="volume")

    def open_path(self, path: str | Path, form: str = "auto") -> bool:
        """Open a file; on failure show why and keep the current image.

        Large images load in the background (the window stays usable); above the configured
        size the user is offered a downscaled working copy (not of a volume). ``form`` as
        :func:`~engine.io.images.load_input`: "auto" (a 3D .npy is a volume), "sequences" (a
        matrix's rows are sequences) or "volume" (every frame of a TIFF or GIF). Returns False
        if nothing will change.
        """
        path = Path(path)
        width, height = image_size(path)
        megapixels = width * height / 1e6
        reduce = 1
        limit = self.settings.value_float("downscale_above_megapixels", 16.0)
        volume = form == "volume" or is_volume_file(path)
        if megapixels > limit and not volume:
            factor = 2
            while megapixels / factor**2 > limit:
                factor += 1
            choice = self.ask_downscale(path, megapixels, factor)
            if choice is None:
                return False
            reduce = factor if choice == "downscale" else 1
        if megapixels / reduce**2 > self.settings.value_float("background_load_megapixels", 1.0):
            self.pending_path = path
            self.model.request_image(path, reduce, form)
            self.statusBar().showMessage(tr("Opening {name}…").format(name=path.name))
            return True
        try:
            self.model.open_image(path, reduce, form)
        except ImageLoadError as error:
            self.show_error(tr("Cannot open image"), message_of(error))
            return False
        self.remember_opened(path)
        return True

    def remember_opened(self, path: Path) -> None:
        self.settings.set_value("last_folder", str(path.parent))
        self.settings.add_recent(str(path))
        self.rebuild_recent_menu()
        self.setWindowTitle(f"PoolScope: {path.name}")
        self.statusBar().showMessage(tr("Opened {name}").format(name=path.name), 4000)
        self.show_mode("image")

    def ask_downscale(self, path: Path, megapixels: float, factor: int) -> str | None:
        """Offer a downscaled working copy of a huge image: 'downscale', 'full' or None
        (cancel). Tests replace this."""
        box = QMessageBox(self)
        box.setWindowTitle(tr("Large image"))
        box.setText(
            tr("'{name}' has {megapixels} megapixels.").format(
                name=path.name, megapixels=f"{megapixels:.0f}"
            )
        )
        box.setInformativeText(
            tr(
                "Work on a copy downscaled to 1/{factor} ({megapixels} megapixels)? It pools, "
                "draws and animates much faster; the scale is shown above the input."
            ).format(factor=factor, megapixels=f"{megapixels / factor**2:.1f}")
        )
        downscale = box.addButton(
            tr("Use 1/{factor} copy").format(factor=factor), QMessageBox.ButtonRole.AcceptRole
        )
        full = box.addButton(tr("Full size"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        return "downscale" if clicked is downscale else "full" if clicked is full else None

    def _on_image_changed(self) -> None:
        if self.pending_path is not None and self.model.image_path == self.pending_path:
            self.remember_opened(self.pending_path)
            self.pending_path = None

    def _on_load_failed(self, message: str) -> None:
        self.pending_path = None
        self.show_error(tr("Cannot open image"), message)

    def set_mode(self, mode: str) -> None:
        """Switch between Image and Matrix: each brings back what it showed last."""
        if mode == self.mode:
            self.show_mode(mode)
            return
        if mode == "matrix":
            if self.matrix_panel.editor.toPlainText().strip():
                self.matrix_panel.apply()
            else:
                self.matrix_panel.choose_preset(next(iter(PRESETS)))
        else:
            recent = [Path(path) for path in self.settings.recent_files()]
            last = next((path for path in recent if path.exists()), None)
            if not self.open_path(last or sample_path(FIRST_START_SAMPLE)):
                return
        self.show_mode(mode)

    def show_mode(self, mode: str) -> None:
        """Show ``mode``'s page and mark its button, without changing the input."""
        self.mode = mode
        self.mode_switch.set_mode(mode)
        self.mode_actions[mode].setChecked(True)
        self.source_pages.setCurrentIndex(0 if mode == "image" else 1)
        self.matrix_panel.follow_shown()

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

    # ----- start-up ------------------------------------------------------------------------
    def start(self, image_path: str | Path | None = None, form: str = "auto") -> bool:
        """Open the start image: the one asked for (read as ``form``, see :meth:`open_path`),
        else the last one, else (first start) a digit with 2x2 max pooling, a cell pinned and
        the view zoomed so numbers read."""
        if image_path is not None:
            return self.open_path(image_path, form)
        first_start = self.settings.params() is None
        recent = [Path(path) for path in self.settings.recent_files()]
        last = next((path for path in recent if path.exists()), None)
        if not first_start and last is not None and self.open_path(last):
            return True
        if not self.open_path(sample_path(FIRST_START_SAMPLE)):
            return False
        if first_start:
            self.model.set_params(FIRST_START_PARAMS)
            self.model.select_output(*FIRST_START_CELL, pin=True)
        return True

    def show_first_view(self) -> None:
        """Fit the views; on the first start zoom the input onto the pinned window."""
        self.fit_views()
        window = self.model.selected_window()
        small = max(self.model.image.shape[1:]) <= FIRST_START_ZOOM
        if window is None or small or self.settings.value_str("shown_before", "") == "yes":
            return
        extent, (row, col) = window.extent, self.model.selected
        half = FIRST_START_ZOOM / 2
        centre_row, centre_col = extent.top + extent.height / 2, extent.left + extent.width / 2
        self.input_panel.zoom_to_cells(
            centre_row - half, centre_col - half, FIRST_START_ZOOM, FIRST_START_ZOOM
        )
        self.output_panel.zoom_to_cells(
            row + 0.5 - half, col + 0.5 - half, FIRST_START_ZOOM, FIRST_START_ZOOM
        )
        self.settings.set_value("shown_before", "yes")

    def _on_source_page_changed(self, index: int) -> None:
        """The page stack takes the height of the page shown, not of the tallest page."""
        for number in range(self.source_pages.count()):
            page = self.source_pages.widget(number)
            policy = QSizePolicy.Policy.Preferred if number == index else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.source_pages.adjustSize()

    def show_try_card(self) -> None:
        self.settings.set_value("try_card_dismissed", "no")
        self.explore.try_card.show()

    def _on_card_dismissed(self) -> None:
        self.settings.set_value("try_card_dismissed", "yes")

    # ----- the rest of the wiring ----------------------------------------------------------
    def _on_step_changed(self, *_) -> None:
        engaged = self.animation.is_engaged()
        for action in self.step_actions:
            action.setEnabled(engaged)
        self.backward_action.setChecked(self.animation.direction == "backward")

    def _on_busy_changed(self, *_) -> None:
        busy = self.model.busy or self.experiments.runner.busy
        self.busy_indicator.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.statusBar().showMessage(tr("Working…"))
        else:
            self.statusBar().clearMessage()

    def cancel_jobs(self) -> None:
        self.model.cancel()
        self.experiments.cancel()

    def _on_tab_changed(self, index: int) -> None:
        self.experiments.set_active(self.tabs.widget(index) is self.experiments)
        self.frameworks.set_active(self.tabs.widget(index) is self.frameworks)
        self.give_network_the_window(self.tabs.widget(index) is self.network)

    def give_network_the_window(self, network_shown: bool) -> None:
        """The Network tab has its own controls: the pooling docks (settings, details,
        formula, gotchas) step aside while it is shown and come back as they were."""
        if network_shown and self.docks_set_aside is None:
            docks = (self.settings_dock, self.details_dock, self.formula_dock, self.gallery_dock)
            self.docks_set_aside = [dock for dock in docks if not dock.isHidden()]
            for dock in self.docks_set_aside:
                dock.hide()
        elif not network_shown and self.docks_set_aside is not None:
            for dock in self.docks_set_aside:
                dock.show()
            self.docks_set_aside = None

    def show_gallery(self) -> None:
        self.gallery_dock.show()
        self.gallery_dock.raise_()

    def load_gotcha(self, key: str) -> None:
        """Load a gotcha: its matrix (Matrix mode), kind and settings, the output cell to look
        at, and the backward view when the gotcha is about gradients."""
        item = gotcha(key)
        self.gallery.show_gotcha(key)
        self.show_gallery()
        self.matrix_panel.editor.setPlainText(matrix_text(item.matrix))
        if not self.matrix_panel.apply():
            return
        self.model.set_params(item.pool_params())
        self.show_mode("matrix")
        self.tabs.setCurrentWidget(self.explore)
        if item.selected_cell is not None:
            self.model.select_output(*item.selected_cell, pin=True)
        self.animation.set_direction("backward" if item.gradient is not None else "forward")
        self.statusBar().showMessage(
            tr("Gotcha: {title}. {answer}").format(
                title=translated(item.title), answer=translated(item.answer)
            ),
            15000,
        )

    def _on_experiment_input(self, sentence: str) -> None:
        self.tabs.setCurrentIndex(0)
        self.show_mode("image")
        self.statusBar().showMessage(sentence, 8000)

    def _on_network_explore(self, image, params: PoolParams, sentence: str) -> None:
        """Study a trained network's feature map with its pooling layer's settings."""
        self.model.image_path = None
        self.model.set_image(image)
        self.model.set_params(params)
        self.tabs.setCurrentIndex(0)
        self.show_mode("image")
        self.statusBar().showMessage(sentence, 10000)

    def show_experiment(self, title: str):
        """Switch to the Experiments tab at the experiment whose title starts with ``title``."""
        self.tabs.setCurrentIndex(1)
        return self.experiments.show_experiment(title)

    def toggle_physical_scale(self, checked: bool) -> None:
        self.explore.set_physical_scale(checked)

    def fit_views(self) -> None:
        self.explore.fit_views()

    def export_to(self, path: str | Path, what: str, frame_limit: int | None = None) -> bool:
        return self.exporter.export_to(path, what, frame_limit)

    def copy_as_code(self) -> None:
        self.exporter.copy_as_code()

    # ----- language ------------------------------------------------------------------------
    def choose_language(self, code: str) -> MainWindow | None:
        """View > Language: switch the application to ``code`` (a key of
        :data:`~gui.i18n.LANGUAGES`), remember it, and rebuild the window in it
        (:meth:`rebuild`). Returns the new window, or None when nothing changed (the same
        language, or a translation that cannot be loaded: then said in a dialog)."""
        if self.model_handed_over:  # already replaced: its successor chooses now
            return None
        if code == LANGUAGE.code:
            self.settings.set_language(code)
            return None
        previous = LANGUAGE.code
        if not LANGUAGE.install(code):
            LANGUAGE.install(previous)
            for known, action in self.language_actions.items():
                action.setChecked(known == previous)
            self.show_error(
                tr("Language"),
                tr("The {language} translation could not be loaded.").format(
                    language=LANGUAGES.get(code, code)
                ),
            )
            return None
        self.settings.set_language(code)
        return self.rebuild()

    def rebuild(self) -> MainWindow:
        """This window again, built in the language now installed: a new window on the same
        model and settings, where this one was and showing what it showed (input, settings,
        selection, mode, tab, the step-through); this one closes. The model's background
        jobs go on and report to the new window; this window's own (experiments, frameworks,
        a network's training) stop, and nothing waits for them."""
        self.settings_timer.stop()
        self.save_settings()
        model = self.model
        model.disconnect_views()  # this window's views stop drawing now
        model.setParent(None)  # and the model outlives it
        self.model_handed_over = True
        window = MainWindow(model, self.settings)
        window.restoreGeometry(self.saveGeometry())  # maximised or full screen as this one
        if not (self.isMaximized() or self.isFullScreen()):
            window.setGeometry(self.geometry())  # exactly (restoring fits it to the screen)
        if self.docks_set_aside is None:  # the docks as they are (not as the Network tab left them)
            window.restoreState(self.saveState())
            window.docks_arranged = True
        window.pending_path = self.pending_path
        window.take_view_state(self)
        application = QApplication.instance()
        application.poolscope_window = window  # the application keeps the window it shows
        window.show()
        self.replaced.emit(window)
        self.close()
        self.deleteLater()
        return window

    def take_view_state(self, old: MainWindow) -> None:
        """Show what ``old`` (a window on the same model) showed: its mode, tab, gotcha,
        output scale and where the step-through was, once the model announced itself."""
        old_animation, animation = old.animation, self.animation
        animation.unit, animation.loop = old_animation.unit, old_animation.loop
        animation.upstream_kind, animation.seed = old_animation.upstream_kind, old_animation.seed
        animation.one_hot_cell = old_animation.one_hot_cell
        animation.backward_view = old_animation.backward_view
        animation.set_speed(old_animation.steps_per_second)
        animation.direction = old_animation.direction
        if old.physical_action.isChecked():
            self.physical_action.setChecked(True)
            self.toggle_physical_scale(True)
        entry = old.gallery.list.currentItem()
        if entry is not None:
            self.gallery.show_gotcha(entry.data(Qt.ItemDataRole.UserRole))
        self.model.announce()  # the views draw the model's input, result and selection
        animation.set_count(old_animation.count)
        animation.changed()
        if old_animation.playing:
            animation.play()
        self.show_mode(old.mode)
        self.tabs.setCurrentIndex(old.tabs.currentIndex())
        self._on_busy_changed()

    # ----- dialogs (tests replace these) ---------------------------------------------------
    def show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)

    def show_message(self, title: str, text: str, code: str = "") -> None:
        """A message; ``code`` (copied code, shown as it is in every language) goes below
        the words, in a fixed-width font."""
        if not code:
            QMessageBox.information(self, title, text)
            return
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self)
        box.setInformativeText(f"<pre>{html.escape(code)}</pre>")
        box.exec()

    def confirm_overwrite(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self,
            tr("Replace file?"),
            tr("'{name}' already exists. Replace it?").format(name=path.name),
        )
        return answer == QMessageBox.StandardButton.Yes

    # ----- screenshots, about, settings ----------------------------------------------------
    def save_screenshot(self, path: str | Path) -> None:
        """Render the window to a PNG, atomically."""
        pixmap = self.grab()

        def write(temporary: Path) -> None:
            if not pixmap.save(str(temporary), "PNG"):
                raise OSError(tr("could not write {path}").format(path=temporary))

        write_atomically(Path(path), write)

    def save_screenshot_dialog(self) -> None:
        folder = self.settings.value_str("last_folder", str(Path.home()))
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("Save screenshot"),
            str(Path(folder) / "poolscope.png"),
            tr("PNG images ({pattern})").format(pattern="*.png"),
        )
        if not path:
            return  # QFileDialog has already asked before overwriting
        try:
            self.save_screenshot(path)
        except (OSError, ExportError) as error:
            self.show_error(tr("Cannot save screenshot"), message_of(error))

    def show_about(self) -> None:
        versions = (
            f"PoolScope 0.1.0<br>Python {platform.python_version()}<br>"
            f"NumPy {np.__version__}<br>PySide6 {PySide6.__version__} (Qt "
            f"{PySide6.QtCore.qVersion()})<br>pyqtgraph {pg.__version__}<br>"
            f"Pillow {Image.__version__}<br>{sys.platform}"
        )
        QMessageBox.about(
            self,
            tr("About PoolScope"),
            tr(
                "<b>PoolScope</b>: see, cell by cell, what a pooling layer does.<br><br>{versions}"
            ).format(versions=versions),
        )

    def choose_memory_budget(self) -> None:
        """Edit > Memory budget: megabytes one computation may hold; 0 for the default."""
        current = self.settings.value_float("memory_budget_megabytes", 0.0)
        default_megabytes = default_memory_budget() // 2**20
        megabytes, accepted = QInputDialog.getInt(
            self,
            tr("Memory budget"),
            tr(
                "Megabytes one computation may use before PoolScope refuses it\n"
                "(0: half of the memory available, now {megabytes} MB):"
            ).format(megabytes=default_megabytes),
            round(current),
            0,
            16 * 2**20,
            256,
        )
        if not accepted:
            return
        self.settings.set_value("memory_budget_megabytes", str(megabytes))
        set_memory_budget(megabytes * 2**20 if megabytes > 0 else None)
        self.model.recompute()  # settings refused under the old budget may fit now
        self.statusBar().showMessage(
            tr("Memory budget: {megabytes} MB").format(megabytes=megabytes)
            if megabytes > 0
            else tr("Memory budget: half of the memory available ({megabytes} MB)").format(
                megabytes=default_megabytes
            ),
            6000,
        )

    def toggle_bars(self, checked: bool) -> None:
        self.explore.set_bars(checked)
        self.settings.set_value("sequence_bars", "yes" if checked else "no")

    def restore_settings(self) -> None:
        budget = self.settings.value_float("memory_budget_megabytes", 0.0)
        set_memory_budget(round(budget * 2**20) if budget > 0 else None)
        set_budget_hint(WINDOW_BUDGET_HINT)  # refusals name the window's own setting
        params = self.settings.params()
        if params is not None:
            self.model.set_params(params)
        self.model.set_channel(self.settings.value_str("channel", "rgb"))
        self.matrix_panel.editor.setPlainText(self.settings.value_str("matrix", ""))
        bars = self.settings.value_str("sequence_bars", "no") == "yes"
        self.bars_action.setChecked(bars)
        self.explore.set_bars(bars)
        if self.settings.value_str("try_card_dismissed", "no") == "yes":
            self.explore.try_card.hide()
        geometry = self.settings.value_bytes("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.fit_to_screen()
        state = self.settings.value_bytes("window_state")
        self.docks_arranged = state is not None and self.restoreState(state)
        self.show_mode("image")
        self.rebuild_recent_menu()

    def fit_to_screen(self) -> None:
        """A first size: most of the screen, at most 1600 x 1000 (W x H)."""
        screen = QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        width = min(1600, available.width() - 40) if available else 1400
        height = min(1000, available.height() - 60) if available else 860
        self.resize(max(width, self.minimumWidth()), max(height, self.minimumHeight()))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.docks_arranged:  # first show without remembered docks: the window's size
            self.docks_arranged = True  # is known now
            self.arrange_docks()

    def arrange_docks(self) -> None:
        """Default docks: the side columns run the full height and the formula sits under
        the views only. On narrow screens the details go under the settings in the left
        column, so the two views keep the width they need and the pinned cell's arithmetic
        stays in sight (tabbed with the settings, it was hidden)."""
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        if self.width() < WIDE_SCREEN:
            self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.details_dock)
            self.splitDockWidget(self.settings_dock, self.details_dock, Qt.Orientation.Vertical)
            column = self.height()
            self.resizeDocks(
                [self.settings_dock, self.details_dock],
                [column * 55 // 100, column * 45 // 100],
                Qt.Orientation.Vertical,
            )
        else:
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.details_dock)
            self.resizeDocks([self.details_dock], [280], Qt.Orientation.Horizontal)
        self.tabifyDockWidget(self.details_dock, self.gallery_dock)
        self.details_dock.raise_()
        self.resizeDocks([self.settings_dock], [300], Qt.Orientation.Horizontal)
        under_the_views = max(self.width() - 300 - (0 if self.width() < WIDE_SCREEN else 280), 200)
        lines = self.formula.heightForWidth(under_the_views) + 8
        self.resizeDocks([self.formula_dock], [min(max(lines, 60), 140)], Qt.Orientation.Vertical)

    def save_settings(self) -> None:
        self.settings.set_params(self.model.params)
        self.settings.set_value("channel", self.model.channel)
        self.settings.set_value("matrix", self.matrix_panel.editor.toPlainText())
        self.settings.set_value("geometry", self.saveGeometry())
        if self.docks_set_aside is None:  # never remember the docks the Network tab hid
            self.settings.set_value("window_state", self.saveState())
        self.settings.sync()

    def closeEvent(self, event) -> None:
        self.save_settings()
        if not self.model_handed_over:  # a rebuilt window goes on with its jobs
            self.model.shutdown()
        self.animation.routing_runner.shutdown()
        self.experiments.shutdown()
        self.frameworks.shutdown()
        self.network.shutdown()
        super().closeEvent(event)
