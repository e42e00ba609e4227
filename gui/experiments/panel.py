"""The Experiments tab: one panel per claim about pooling, each on the loaded image."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from gui.experiments.base import Experiment
from gui.experiments.compare import CompareExperiment
from gui.experiments.cost import CostExperiment
from gui.experiments.feature_map import FeatureMapExperiment
from gui.experiments.fixed_length import FixedLengthExperiment
from gui.experiments.noise import NoiseExperiment
from gui.experiments.shift import ShiftExperiment
from gui.experiments.stacked import StackExperiment
from gui.models.pool_model import PoolModel

EXPERIMENTS = (
    CompareExperiment,
    FeatureMapExperiment,
    StackExperiment,
    ShiftExperiment,
    NoiseExperiment,
    FixedLengthExperiment,
    CostExperiment,
)


class ExperimentsPanel(QTabWidget):
    """All experiments as tabs, built when first shown; the visible one recomputes when the
    image or the settings change."""

    def __init__(self, model: PoolModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.built: dict[int, Experiment] = {}
        for experiment in EXPERIMENTS:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.addTab(holder, experiment.title)
            self.setTabToolTip(self.count() - 1, experiment.explanation[:160] + "…")
        self.currentChanged.connect(self.refresh_current)
        model.imageChanged.connect(self.refresh_current)
        model.resultChanged.connect(self.refresh_current)
        self.active = False

    @property
    def experiments(self) -> list[Experiment]:
        return [self.experiment(index) for index in range(self.count())]

    def experiment(self, index: int) -> Experiment:
        """The experiment of tab ``index``, built on first use (start-up stays fast)."""
        if index not in self.built:
            experiment = EXPERIMENTS[index](self.model)
            self.widget(index).layout().addWidget(experiment)
            self.built[index] = experiment
        return self.built[index]

    def set_active(self, active: bool) -> None:
        """Compute only while the Experiments tab is shown."""
        self.active = active
        self.refresh_current()

    def refresh_current(self, *_) -> None:
        if self.active and self.model.image is not None:
            self.experiment(self.currentIndex()).refresh()

    def show_experiment(self, title: str) -> Experiment:
        for index, experiment in enumerate(EXPERIMENTS):
            if experiment.title.lower().startswith(title.lower()):
                self.setCurrentIndex(index)
                self.refresh_current()
                return self.experiment(index)
        raise KeyError(title)
