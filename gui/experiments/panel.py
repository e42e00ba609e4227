"""The Experiments tab: one panel per claim about pooling, each on the loaded image.

Experiments compute in one background lane (:class:`~gui.models.jobs.JobRunner`) where the
newest request wins: only the visible experiment computes, only while the Experiments tab is
shown, and its last result stays on screen under a busy mark until the new one arrives.

Building an experiment's views takes pyqtgraph about 20 ms per plot, so a tab is built in
the turns of the event loop after it is chosen (the switch itself paints at once: one turn
makes the experiment, the next places it), and once the Experiments tab has been shown the
other experiments are built one per idle turn, so later switches find them ready.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QTabWidget, QVBoxLayout, QWidget

from engine.errors import PoolingError
from gui.experiments.base import Experiment, ExperimentError
from gui.experiments.compare import CompareExperiment
from gui.experiments.cost import CostExperiment
from gui.experiments.feature_map import FeatureMapExperiment
from gui.experiments.fixed_length import FixedLengthExperiment
from gui.experiments.noise import NoiseExperiment
from gui.experiments.shift import ShiftExperiment
from gui.experiments.stacked import StackExperiment
from gui.i18n import message_of, tr, translated
from gui.models.jobs import JobRunner
from gui.models.pool_model import PoolModel

WARM_UP_DELAY = 250  # ms between building the experiments not shown yet, while idle

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
    """All experiments as tabs, built when first shown; the visible one computes again in the
    background when the image, the settings or its own controls change.

    Signals
    -------
    inputReplaced(str)
        An experiment made the model's input (Feature map's 'Use as input'); the sentence says
        what the input now is.
    """

    inputReplaced = Signal(str)

    def __init__(self, model: PoolModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.built: dict[int, Experiment] = {}
        self.prepared: dict[int, Experiment] = {}  # made, not yet placed in its tab
        self.stale: set[int] = set()  # built experiments out of date, with no request running
        self.computing: int | None = None  # the experiment the runner works for
        self.active = False
        self.runner = JobRunner("experiments", self, expected=(PoolingError, ExperimentError))
        self.runner.resultReady.connect(self._on_result_ready)
        self.runner.failedWith.connect(self._on_failed)
        self.runner.busyChanged.connect(self._on_busy_changed)
        for experiment in EXPERIMENTS:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.addTab(holder, translated(experiment.title))
            self.setTabToolTip(self.count() - 1, translated(experiment.explanation)[:160] + "…")
        self.busy_mark = self._make_busy_mark()
        self.setCornerWidget(self.busy_mark, Qt.Corner.TopRightCorner)
        self.builder = QTimer(self)  # builds the chosen experiment, then the others, in turns
        self.builder.setSingleShot(True)
        self.builder.timeout.connect(self._build_next)
        self.currentChanged.connect(self.refresh_current)
        model.imageChanged.connect(self._on_inputs_changed)
        model.parametersChanged.connect(self._on_inputs_changed)

    def _make_busy_mark(self) -> QWidget:
        mark = QWidget()
        mark.setToolTip(tr("The experiment is computing; the last result stays until it is done"))
        progress = QProgressBar()
        progress.setObjectName("experiment_busy")
        progress.setRange(0, 0)  # indeterminate
        progress.setTextVisible(False)
        progress.setMaximumWidth(80)
        progress.setMaximumHeight(12)
        progress.setToolTip(mark.toolTip())
        text = QLabel(tr("computing…"))
        text.setToolTip(mark.toolTip())
        layout = QHBoxLayout(mark)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(progress)
        layout.addWidget(text)
        mark.setVisible(False)
        return mark

    @property
    def experiments(self) -> list[Experiment]:
        return [self.experiment(index) for index in range(self.count())]

    def experiment(self, index: int) -> Experiment:
        """The experiment of tab ``index``, built on first use (start-up stays fast)."""
        if index not in self.built:
            experiment = self.prepared.pop(index, None)
            if experiment is None:
                experiment = EXPERIMENTS[index](self.model)
            experiment.refreshRequested.connect(partial(self._on_experiment_changed, index))
            inputs = getattr(experiment, "inputReplaced", None)
            if inputs is not None:
                inputs.connect(self.inputReplaced)
            self.widget(index).layout().addWidget(experiment)
            self.built[index] = experiment
            self.stale.add(index)
        return self.built[index]

    def set_active(self, active: bool) -> None:
        """Compute only while the Experiments tab is shown; leaving it stops the work."""
        self.active = active
        if active:
            self.refresh_current()
            self._schedule_build()
        else:
            self.builder.stop()
            self.cancel()
        self._update_busy_mark()

    def cancel(self) -> None:
        """Stop the running computation (the Cancel button too); the last result stays on
        screen and the experiment computes again at the next change."""
        if self.computing is not None:
            self.stale.add(self.computing)
            self.computing = None
        self.runner.cancel()

    def _schedule_build(self) -> None:
        """Build the chosen experiment at the next turn, the others when the window is idle."""
        if self.active and len(self.built) < self.count() and not self.builder.isActive():
            self.builder.start(0 if self.currentIndex() not in self.built else WARM_UP_DELAY)

    def _build_next(self) -> None:
        if not self.active:
            return
        index = self.currentIndex()
        if index in self.built:
            if self.runner.busy:  # a result is on its way: drawing it comes first
                self.builder.start(WARM_UP_DELAY)
                return
            index = min(set(range(self.count())) - set(self.built), default=None)
            if index is None:
                return
        elif index not in self.prepared:
            # made in this turn, placed (laid out and painted) in the next: two short stalls
            # instead of one long one
            self.prepared[index] = EXPERIMENTS[index](self.model)
            self.builder.start(0)
            return
        self.experiment(index)
        if index == self.currentIndex():
            self.refresh_current()
        self._update_busy_mark()
        self._schedule_build()

    def shutdown(self) -> None:
        """The window is closing: stop the background work without waiting for it."""
        self.runner.shutdown()

    def _on_inputs_changed(self, *_) -> None:
        self.stale.update(self.built)
        self.refresh_current()

    def _on_experiment_changed(self, index: int) -> None:
        self.stale.add(index)
        if index == self.currentIndex():
            self.refresh_current()

    def refresh_current(self, *_) -> None:
        """Compute the visible experiment in the background, if its picture is out of date."""
        index = self.currentIndex()
        if not self.active or self.model.image is None or index < 0:
            return
        if index not in self.built:
            if self.computing not in (None, index):
                self.cancel()  # only the visible experiment computes, even while it is built
            self.builder.stop()
            self._schedule_build()  # the tab switch paints now, the experiment comes next turn
            self._update_busy_mark()
            return
        experiment = self.experiment(index)
        if index not in self.stale:
            if self.computing not in (None, index):
                self.cancel()  # back to an experiment that is up to date
            return
        try:
            request = experiment.capture()
        except ExperimentError as error:
            self.cancel()
            self.stale.discard(index)
            experiment.show_problem(message_of(error))
            return
        if request is None:
            return
        if self.computing not in (None, index):
            self.stale.add(self.computing)  # its request is about to be replaced
        compute = experiment.compute  # looked up here: the worker thread touches no widget
        self.computing = index
        self.stale.discard(index)
        self.runner.submit(lambda token: compute(request, token))

    def _on_result_ready(self, result) -> None:
        index, self.computing = self.computing, None
        if index is not None:
            self.built[index].show_result(result)

    def _on_failed(self, message: str) -> None:
        index, self.computing = self.computing, None
        if index is not None:
            self.built[index].show_problem(message)

    def _on_busy_changed(self, *_) -> None:
        self._update_busy_mark()

    def _update_busy_mark(self) -> None:
        building = self.active and self.currentIndex() not in self.built
        self.busy_mark.setVisible(self.runner.busy or building)

    def show_experiment(self, title: str) -> Experiment:
        """Show the experiment whose title starts with ``title`` (it computes in the
        background; ``runner.wait_until_idle()`` waits for it)."""
        for index, experiment in enumerate(EXPERIMENTS):
            if experiment.title.lower().startswith(title.lower()):
                built = self.experiment(index)  # now: the caller gets it at once
                self.setCurrentIndex(index)
                self.refresh_current()
                return built
        raise KeyError(title)
