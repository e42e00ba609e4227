"""The timeline under the views: play, step, scrub, speed, loop, forward/backward, upstream."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine.text import Text
from gui.i18n import tr, translated
from gui.models.animation_model import (
    FRAME_MS,
    MAX_STEPS_PER_SECOND,
    MIN_STEPS_PER_SECOND,
    AnimationModel,
)
from gui.qt_utils import signals_blocked

UPSTREAM_LABELS = {
    "ones": Text("all ones"),
    "random": Text("random (seeded)"),
    "output": Text("the output"),
    "one_hot": Text("one-hot (click a cell)"),
}
"""The upstream gradients' names (translatable: shown with ``translated``)."""
SLIDER_MINIMUM_WIDTH = 140


def speed_to_slider(steps_per_second: float) -> int:
    """Logarithmic speed scale, 0..100."""
    span = math.log(MAX_STEPS_PER_SECOND / MIN_STEPS_PER_SECOND)
    return round(100 * math.log(steps_per_second / MIN_STEPS_PER_SECOND) / span)


def slider_to_speed(position: int) -> float:
    span = math.log(MAX_STEPS_PER_SECOND / MIN_STEPS_PER_SECOND)
    return MIN_STEPS_PER_SECOND * math.exp(span * position / 100)


class Timeline(QWidget):
    """Two rows: the transport buttons, the scrubber and the step count; then speed, loop,
    direction and the upstream gradient. Sliders never shrink below a usable width."""

    def __init__(self, animation: AnimationModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.animation = animation
        style = self.style()

        def button(icon, tip: str, slot, name: str) -> QToolButton:
            tool = QToolButton()
            tool.setObjectName(name)
            tool.setIcon(style.standardIcon(icon))
            tool.setToolTip(tip)
            tool.clicked.connect(slot)
            tool.setAutoRaise(True)
            return tool

        pixmap = QStyle.StandardPixmap
        self.start_button = button(
            pixmap.SP_MediaSkipBackward,
            tr("Back to the start (Home)"),
            animation.to_start,
            "to_start",
        )
        self.back_button = button(
            pixmap.SP_MediaSeekBackward,
            tr("One step back (Left)"),
            animation.step_back,
            "step_back",
        )
        self.play_button = button(
            pixmap.SP_MediaPlay, tr("Play / pause (Space)"), animation.toggle_play, "play"
        )
        self.forward_button = button(
            pixmap.SP_MediaSeekForward,
            tr("One step forward (Right)"),
            animation.step_forward,
            "step_forward",
        )
        self.end_button = button(
            pixmap.SP_MediaSkipForward, tr("Jump to the end (End)"), animation.to_end, "to_end"
        )
        self.scrubber = QSlider(Qt.Orientation.Horizontal)
        self.scrubber.setObjectName("scrubber")
        self.scrubber.setToolTip(tr("Scrub through every output cell"))
        self.scrubber.setMinimumWidth(SLIDER_MINIMUM_WIDTH)
        self.scrubber.valueChanged.connect(self._on_scrubber_moved)
        # The scrubber's newest value is applied at most once a frame: a drag sends a value
        # per mouse move, and drawing each one in turn fell behind the pointer.
        self.scrub_timer = QTimer(self)
        self.scrub_timer.setObjectName("scrub_timer")
        self.scrub_timer.setSingleShot(True)
        self.scrub_timer.setInterval(FRAME_MS)
        self.scrub_timer.timeout.connect(self._on_scrub_timer)
        self.step_label = QLabel()
        self.step_label.setObjectName("step_label")
        self.step_label.setToolTip(tr("Steps done of all steps"))
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setObjectName("speed")
        self.speed.setRange(0, 100)
        self.speed.setMinimumWidth(SLIDER_MINIMUM_WIDTH)
        self.speed.setToolTip(tr("Speed: from one window per second to hundreds"))
        self.speed.valueChanged.connect(self._on_speed_changed)
        self.loop = QCheckBox(tr("loop"))
        self.loop.setObjectName("loop")
        self.loop.setToolTip(tr("Start again at the end"))
        self.loop.toggled.connect(self._on_loop_changed)
        self.rows = QCheckBox(tr("rows"))
        self.rows.setObjectName("row_at_a_time")
        self.rows.setToolTip(
            tr("Row at a time: advance a whole output row per step (large outputs)")
        )
        self.rows.toggled.connect(self._on_rows_changed)
        self.direction = QComboBox()
        self.direction.setObjectName("direction")
        self.direction.addItem(tr("Forward"), "forward")
        self.direction.addItem(tr("Backward"), "backward")
        self.direction.setToolTip(
            tr("Forward: compute the output. Backward: route the gradient back")
        )
        self.direction.currentIndexChanged.connect(self._on_direction_changed)
        self.upstream = QComboBox()
        self.upstream.setObjectName("upstream")
        for kind, label in UPSTREAM_LABELS.items():
            self.upstream.addItem(translated(label), kind)
        self.upstream.setToolTip(tr("The gradient that arrives at the output in the backward pass"))
        self.upstream.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.upstream.setMinimumContentsLength(9)
        self.upstream.currentIndexChanged.connect(self._on_upstream_changed)
        self.seed = QSpinBox()
        self.seed.setObjectName("upstream_seed")
        self.seed.setRange(0, 99_999)
        self.seed.setPrefix(tr("seed "))
        self.seed.setToolTip(tr("Seed of the random upstream gradient"))
        self.seed.valueChanged.connect(self._on_upstream_changed)

        transport = QHBoxLayout()
        for widget in (
            self.start_button,
            self.back_button,
            self.play_button,
            self.forward_button,
            self.end_button,
        ):
            transport.addWidget(widget)
        transport.addWidget(self.scrubber, 1)
        transport.addWidget(self.step_label)
        transport.addWidget(self.loop)
        transport.addWidget(self.rows)
        self.speed_label = QLabel()
        self.speed_label.setObjectName("speed_label")
        self.speed_label.setToolTip(tr("Steps per second"))
        options = QHBoxLayout()
        options.addWidget(self.direction)
        options.addWidget(self.upstream)
        options.addWidget(self.seed)
        options.addWidget(self.speed, 1)
        options.addWidget(self.speed_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        layout.addLayout(transport)
        layout.addLayout(options)
        animation.stepChanged.connect(self.refresh)
        animation.playingChanged.connect(self._on_playing_changed)
        self.refresh()

    def _on_scrubber_moved(self, *_) -> None:
        if not self.scrub_timer.isActive():
            self.scrub_timer.start()

    def _on_scrub_timer(self) -> None:
        self.animation.set_count(self.scrubber.value())

    def _on_speed_changed(self, position: int) -> None:
        self.animation.set_speed(slider_to_speed(position))
        self.refresh()

    def _on_loop_changed(self, checked: bool) -> None:
        self.animation.loop = checked

    def _on_rows_changed(self, checked: bool) -> None:
        self.animation.set_unit("row" if checked else "cell")

    def _on_direction_changed(self, *_) -> None:
        self.animation.set_direction(self.direction.currentData())

    def _on_upstream_changed(self, *_) -> None:
        self.animation.set_upstream(self.upstream.currentData(), self.seed.value())

    def _on_playing_changed(self, playing: bool) -> None:
        icon = (
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        )
        self.play_button.setIcon(self.style().standardIcon(icon))

    def refresh(self) -> None:
        animation = self.animation
        total = animation.total()
        with signals_blocked(
            self.scrubber,
            self.speed,
            self.direction,
            self.upstream,
            self.seed,
            self.rows,
            self.loop,
        ):
            self.scrubber.setRange(0, total)
            self.scrubber.setValue(animation.count)
            self.speed.setValue(speed_to_slider(animation.steps_per_second))
            self.direction.setCurrentIndex(self.direction.findData(animation.direction))
            self.upstream.setCurrentIndex(self.upstream.findData(animation.upstream_kind))
            self.seed.setValue(animation.seed)
            self.rows.setChecked(animation.unit == "row")
            self.loop.setChecked(animation.loop)
        volume = animation.model.volume is not None
        self.setEnabled(not volume)
        self.setToolTip(
            tr(
                "Stepping and the backward view work on images and sequences; explore a volume "
                "with its slice sliders and by selecting cells"
            )
            if volume
            else ""
        )
        backward = animation.direction == "backward"
        self.upstream.setEnabled(backward)
        self.seed.setEnabled(backward and animation.upstream_kind == "random")
        steps = {"count": f"{animation.count:,}", "total": f"{total:,}"}
        if animation.unit == "row":
            self.step_label.setText(tr("{count} / {total} rows").format(**steps))
        else:
            self.step_label.setText(tr("{count} / {total} cells").format(**steps))
        self.speed_label.setText(tr("{speed}/s").format(speed=f"{animation.steps_per_second:,.0f}"))
