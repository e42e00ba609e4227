"""The timeline under the views: play, step, scrub, speed, loop, forward/backward, upstream."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QStyle,
    QToolButton,
    QWidget,
)

from gui.models.animation_model import MAX_STEPS_PER_SECOND, MIN_STEPS_PER_SECOND, AnimationModel
from gui.qt_utils import signals_blocked

UPSTREAM_LABELS = {
    "ones": "all ones",
    "random": "random (seeded)",
    "output": "the output",
    "one_hot": "one-hot (click an output cell)",
}


def speed_to_slider(steps_per_second: float) -> int:
    """Logarithmic speed scale, 0..100."""
    span = math.log(MAX_STEPS_PER_SECOND / MIN_STEPS_PER_SECOND)
    return round(100 * math.log(steps_per_second / MIN_STEPS_PER_SECOND) / span)


def slider_to_speed(position: int) -> float:
    span = math.log(MAX_STEPS_PER_SECOND / MIN_STEPS_PER_SECOND)
    return MIN_STEPS_PER_SECOND * math.exp(span * position / 100)


class Timeline(QWidget):
    def __init__(self, animation: AnimationModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.animation = animation
        style = self.style()

        def button(icon, tip: str, slot) -> QToolButton:
            tool = QToolButton()
            tool.setIcon(style.standardIcon(icon))
            tool.setToolTip(tip)
            tool.clicked.connect(slot)
            tool.setAutoRaise(True)
            return tool

        pixmap = QStyle.StandardPixmap
        self.start_button = button(
            pixmap.SP_MediaSkipBackward, "Back to the start (Home)", animation.to_start
        )
        self.back_button = button(
            pixmap.SP_MediaSeekBackward, "One step back (Left)", animation.step_back
        )
        self.play_button = button(
            pixmap.SP_MediaPlay, "Play / pause (Space)", animation.toggle_play
        )
        self.play_button.setObjectName("play")
        self.forward_button = button(
            pixmap.SP_MediaSeekForward, "One step forward (Right)", animation.step_forward
        )
        self.forward_button.setObjectName("step_forward")
        self.end_button = button(
            pixmap.SP_MediaSkipForward, "Jump to the end (End)", animation.to_end
        )
        self.scrubber = QSlider(Qt.Orientation.Horizontal)
        self.scrubber.setObjectName("scrubber")
        self.scrubber.setToolTip("Scrub through every output cell")
        self.scrubber.valueChanged.connect(animation.set_count)
        self.step_label = QLabel()
        self.step_label.setObjectName("step_label")
        self.step_label.setMinimumWidth(150)
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setRange(0, 100)
        self.speed.setMaximumWidth(120)
        self.speed.setToolTip("Speed: from one window per second to hundreds")
        self.speed.valueChanged.connect(self._on_speed_changed)
        self.loop = QCheckBox("loop")
        self.loop.setToolTip("Start again at the end")
        self.loop.toggled.connect(self._on_loop_changed)
        self.rows = QCheckBox("row at a time")
        self.rows.setToolTip("Advance a whole output row per step (for large outputs)")
        self.rows.toggled.connect(self._on_rows_changed)
        self.direction = QComboBox()
        self.direction.setObjectName("direction")
        self.direction.addItem("Forward", "forward")
        self.direction.addItem("Backward", "backward")
        self.direction.setToolTip("Forward: compute the output. Backward: route the gradient back")
        self.direction.currentIndexChanged.connect(self._on_direction_changed)
        self.upstream = QComboBox()
        self.upstream.setObjectName("upstream")
        for kind, label in UPSTREAM_LABELS.items():
            self.upstream.addItem(label, kind)
        self.upstream.setToolTip("The gradient that arrives at the output in the backward pass")
        self.upstream.currentIndexChanged.connect(self._on_upstream_changed)
        self.seed = QSpinBox()
        self.seed.setRange(0, 1_000_000)
        self.seed.setPrefix("seed ")
        self.seed.setToolTip("Seed of the random upstream gradient")
        self.seed.valueChanged.connect(self._on_upstream_changed)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        for widget in (
            self.start_button,
            self.back_button,
            self.play_button,
            self.forward_button,
            self.end_button,
        ):
            layout.addWidget(widget)
        layout.addWidget(self.scrubber, 1)
        layout.addWidget(self.step_label)
        layout.addWidget(QLabel("speed"))
        layout.addWidget(self.speed)
        layout.addWidget(self.loop)
        layout.addWidget(self.rows)
        layout.addWidget(self.direction)
        layout.addWidget(self.upstream)
        layout.addWidget(self.seed)
        animation.stepChanged.connect(self.refresh)
        animation.playingChanged.connect(self._on_playing_changed)
        self.refresh()

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
        backward = animation.direction == "backward"
        self.upstream.setEnabled(backward)
        self.seed.setEnabled(backward and animation.upstream_kind == "random")
        unit = "rows" if animation.unit == "row" else "cells"
        self.step_label.setText(
            f"step {animation.count} of {total} {unit} ({animation.steps_per_second:.0f}/s)"
        )
