"""The Network tab: train the article's small CNN on generated digits with a pooling of your
choice (or none), watch its curves, and look inside it.

Left: the pooling, the no-pooling twin one click away, the training settings, Train and
Cancel with a progress bar. Right, as pages: the network as Keras's ``model.summary()`` lists
it with the article's arithmetic; the curves of every pooling trained (overlaid) and accuracy
against shift; and "Inside the network" (:mod:`gui.views.network_inside`). The summary is a
page rather than part of the left column because its three columns need about 430 pixels:
on a 1366-pixel laptop, beside the Explore docks, the column and the plots would not both
be readable.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from engine.network.architecture import pool_choices
from engine.text import Text
from gui.i18n import tr, translated
from gui.models.network_model import NetworkModel
from gui.models.network_training import COMPARISON, choice_label, short_label
from gui.models.pool_model import PoolModel
from gui.qt_utils import signals_blocked
from gui.views.network_inside import InsidePage
from gui.views.network_plots import CurvesView, ShiftView
from gui.views.network_summary import SummaryPage, wrapped_label

EXPLANATION = Text(
    "Train the article's network with max pooling, then its no-pooling twin (one click), and "
    "judge by the curves, not by what you expect. Look whether the solid test curves fall "
    "behind the dashed training ones: that gap is overfitting, which the article expects from "
    "the twin's huge last map; on these generated digits in 3 epochs it may barely show. Look "
    "whether accuracy on shifted digits falls more slowly with pooling than without, and by "
    "how many points at 4 to 6 pixels. Then, under Inside the network, click a channel of a "
    "convolution that a pooling layer follows and open it in Explore to see which values "
    "that layer keeps. The yellow box on the digit is all one cell of the last layer sees."
)
PROGRESS_STEPS = 1000


def spin_box(name: str, tip: str, low: int, high: int, step: int) -> QSpinBox:
    box = QSpinBox()
    box.setObjectName(name)
    box.setToolTip(tip)
    box.setRange(low, high)
    box.setSingleStep(step)
    box.setGroupSeparatorShown(True)
    return box


def button(text: str, name: str, tip: str) -> QPushButton:
    made = QPushButton(text)
    made.setObjectName(name)
    made.setToolTip(tip)
    return made


class NetworkPanel(QWidget):
    """The Network tab.

    Signals
    -------
    exploreRequested(object, object, str)
        'Open in Explore': a feature map (C, H, W) float32, the pooling layer's PoolParams and
        a sentence saying what was opened.
    """

    exploreRequested = Signal(object, object, str)

    def __init__(
        self,
        pool_model: PoolModel,
        model: NetworkModel | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.pool_model = pool_model
        self.model = model or NetworkModel(self)
        explanation = QLabel(translated(EXPLANATION))
        explanation.setObjectName("network_explanation")
        explanation.setWordWrap(True)
        explanation.setStyleSheet("padding: 6px; background: #f4f1e8; color: #222;")
        explanation.setToolTip(tr("What to look at in this tab"))
        self.summary_page = SummaryPage(self.model)
        self.summary, self.claims = self.summary_page.table, self.summary_page.claims
        self.inside = InsidePage(self.model)
        self.curves = CurvesView()
        self.shift_plot = ShiftView()
        self.findings = wrapped_label(
            "network_findings", tr("What the finished trainings measured")
        )
        training = QWidget()
        training_layout = QVBoxLayout(training)
        training_layout.setContentsMargins(4, 4, 4, 4)
        training_layout.addWidget(self.curves, 3)
        training_layout.addWidget(self.shift_plot, 2)
        training_layout.addWidget(self.findings)
        self.views = QTabWidget()
        self.views.setObjectName("network_views")
        self.views.addTab(self.summary_page, tr("Summary"))
        self.views.addTab(training, tr("Training curves"))
        self.views.addTab(self.inside, tr("Inside the network"))
        self.views.setTabToolTip(
            0, tr("Each layer's output shape and parameters; the article's sums")
        )
        self.views.setTabToolTip(
            1, tr("Loss, accuracy and shift tolerance of every pooling trained")
        )
        self.views.setTabToolTip(2, tr("Feature maps of the trained network for one digit"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("network_splitter")
        splitter.addWidget(self.make_column())
        splitter.addWidget(self.views)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, 750])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(explanation)
        layout.addWidget(splitter, 1)
        self.wire()
        self.set_settings()
        self.set_busy(False)
        self.set_runs()

    def make_column(self) -> QWidget:
        self.pool = QComboBox()
        self.pool.setObjectName("network_pool")
        self.pool.setToolTip(tr("The pooling of both pooling layers (2 x 2, stride 2), or none"))
        for choice in pool_choices():
            self.pool.addItem(choice_label(choice), choice)
        self.twin = button(
            tr("No-pooling twin"),
            "network_twin",
            tr("Switch to the same network without its pooling layers, and back"),
        )
        self.twin.setCheckable(True)
        self.width_box = QDoubleSpinBox()
        self.width_box.setObjectName("network_width")
        self.width_box.setToolTip(
            tr(
                "Factor on every layer's channels: 1 is the article's network; 0.5 trains about "
                "three times faster on this machine (the no-pooling twin is about 7 times "
                "slower than max pooling)"
            )
        )
        self.width_box.setRange(0.05, 2.0)
        self.width_box.setSingleStep(0.25)
        self.width_box.setDecimals(2)
        self.epochs = spin_box("network_epochs", tr("Passes over the training digits"), 1, 50, 1)
        self.train_count = spin_box(
            "network_train_count", tr("How many digits to train on"), 100, 60000, 500
        )
        self.test_count = spin_box(
            "network_test_count", tr("How many test digits measure the accuracy"), 100, 10000, 100
        )
        self.seed = spin_box(
            "network_seed", tr("Seed of the digits and of the weights"), 0, 9999, 1
        )
        digits = QHBoxLayout()
        digits.addWidget(self.train_count)
        digits.addWidget(QLabel(tr("test")))
        digits.addWidget(self.test_count)
        form = QFormLayout()
        form.addRow(tr("Pooling"), self.pool)
        form.addRow("", self.twin)
        form.addRow(tr("Width"), self.width_box)
        form.addRow(tr("Epochs"), self.epochs)
        form.addRow(tr("Digits"), digits)
        form.addRow(tr("Seed"), self.seed)
        self.train_button = button(
            tr("Train"),
            "network_train",
            tr("Train the network with the chosen pooling, in the background"),
        )
        poolings = ", ".join(short_label(choice) for choice in COMPARISON)
        self.compare_button = button(
            tr("Train {poolings}").format(poolings=poolings),
            "network_train_comparison",
            tr("Train {poolings} one after the other, to compare their curves").format(
                poolings=poolings
            ),
        )
        self.cancel_button = button(
            tr("Cancel"), "network_cancel", tr("Stop the training; nothing of it is kept")
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.train_button)
        buttons.addWidget(self.cancel_button)
        self.progress = QProgressBar()
        self.progress.setObjectName("network_progress")
        self.progress.setToolTip(tr("How far the training is"))
        self.progress.setRange(0, PROGRESS_STEPS)
        self.status = wrapped_label("network_status", tr("Where the training is, or what it did"))
        self.status.setText(tr("Nothing trained yet."))
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.compare_button)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("network_column")
        scroll.setWidget(column)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(column.minimumSizeHint().width() + bar + 2 * scroll.frameWidth())
        return scroll

    def wire(self) -> None:
        model = self.model
        self.pool.currentIndexChanged.connect(self._on_pool_changed)
        self.twin.clicked.connect(self._on_twin_clicked)
        self.width_box.valueChanged.connect(self._on_width_changed)
        self.epochs.valueChanged.connect(self._on_epochs_changed)
        self.train_count.valueChanged.connect(self._on_train_count_changed)
        self.test_count.valueChanged.connect(self._on_test_count_changed)
        self.seed.valueChanged.connect(self._on_seed_changed)
        self.train_button.clicked.connect(self._on_train_clicked)
        self.compare_button.clicked.connect(self._on_compare_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.inside.openRequested.connect(self._on_open_requested)
        model.settingsChanged.connect(self.set_settings)
        model.progressChanged.connect(self.set_progress)
        model.busyChanged.connect(self.set_busy)
        model.runsChanged.connect(self.set_runs)
        self.pool_model.imageChanged.connect(self._on_explore_image_changed)
        self._on_explore_image_changed()

    # ----- widget to model -----------------------------------------------------------------
    def _on_pool_changed(self, index: int) -> None:
        self.model.set_pool(self.pool.itemData(index))

    def _on_twin_clicked(self) -> None:
        self.model.toggle_twin()

    def _on_width_changed(self, value: float) -> None:
        self.model.set_settings(width=value)

    def _on_epochs_changed(self, value: int) -> None:
        self.model.set_settings(epochs=value)

    def _on_train_count_changed(self, value: int) -> None:
        self.model.set_settings(train_count=value)

    def _on_test_count_changed(self, value: int) -> None:
        self.model.set_settings(test_count=value)

    def _on_seed_changed(self, value: int) -> None:
        self.model.set_settings(seed=value)

    def _on_train_clicked(self) -> None:
        self.model.train()
        self.show_curves()

    def _on_compare_clicked(self) -> None:
        self.model.train(COMPARISON)
        self.show_curves()

    def _on_cancel_clicked(self) -> None:
        self.model.cancel()

    def _on_open_requested(self, all_channels: bool) -> None:
        request = self.model.explore_request(all_channels)
        if request is not None:
            self.exploreRequested.emit(request.image, request.params, request.sentence)

    def _on_explore_image_changed(self) -> None:
        self.model.set_explore_image(self.pool_model.image)

    # ----- model to widget -----------------------------------------------------------------
    def set_settings(self) -> None:
        model, settings = self.model, self.model.settings
        boxes = (self.pool, self.twin, self.width_box, self.epochs, self.train_count)
        with signals_blocked(*boxes, self.test_count, self.seed):
            self.pool.setCurrentIndex(self.pool.findData(model.pool))
            self.twin.setChecked(model.pool != model.twin_of)
            self.width_box.setValue(settings.width)
            self.epochs.setValue(settings.epochs)
            self.train_count.setValue(settings.train_count)
            self.test_count.setValue(settings.test_count)
            self.seed.setValue(settings.seed)
        self.twin.setText(
            tr("Back to {pool}").format(pool=short_label(model.twin_of))
            if self.twin.isChecked()
            else tr("No-pooling twin")
        )
        self.train_button.setText(tr("Train {poolings}").format(poolings=short_label(model.pool)))

    def set_progress(self, fraction: float, text: str) -> None:
        self.progress.setValue(round(fraction * PROGRESS_STEPS))
        self.status.setText(text)

    def set_busy(self, busy: bool) -> None:
        self.train_button.setEnabled(not busy)
        self.compare_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)

    def set_runs(self) -> None:
        self.curves.show_series(self.model.series())
        self.shift_plot.show_runs(self.model.runs)
        self.findings.setText(self.model.findings())
        self.findings.setVisible(bool(self.model.runs))

    def show_curves(self) -> None:
        """A training was asked for: show its curves, unless the feature maps are open."""
        if self.views.currentWidget() is not self.inside:
            self.views.setCurrentIndex(1)

    # ----- the window ----------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.model.ensure_digits()  # the test digits the input is chosen from, drawn once

    def shutdown(self) -> None:
        """The window is closing: stop the training without waiting for it."""
        self.model.shutdown()
