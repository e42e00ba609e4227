"""The controls panel: one row per setting the chosen kind declares, wired both ways.

The rows come from :data:`engine.pooling.parameters.PARAMETERS` (one editor per declaration,
built the same way for every kind); a kind shows only the rows it lists, as napari's per-layer
controls do. Widget to model: every editor's ``changed`` builds new parameters and calls the
model. Model to widget: :meth:`ControlsPanel.refresh` sets every editor inside a signal
blocker, so nothing loops, and greys the settings another setting switches off.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine.pooling.frameworks import carried_over
from engine.pooling.kinds import KINDS, kind_of
from engine.pooling.parameters import PARAMETERS, Parameter
from gui.i18n import tr, translated
from gui.models.pool_model import PoolModel
from gui.qt_utils import signals_blocked

SQUARE_PAIRS = ("kernel_size", "stride", "padding", "dilation")


def spin_box(minimum: int, maximum: int, tooltip: str, name: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(int(minimum), int(maximum))
    box.setToolTip(tooltip)
    box.setObjectName(name)
    box.setKeyboardTracking(False)  # typing "12" is one change, not "1" then "12"
    box.setMinimumWidth(64)
    return box


def short_name(parameter: Parameter) -> str:
    """``kernel`` for ``kernel_size``: the stem of the object names of a pair's boxes."""
    return parameter.name.removesuffix("_size")


class Editor(QWidget):
    """The widget(s) of one setting: ``value()``, ``set_value()``, ``changed``."""

    changed = Signal()

    def __init__(self, parameter: Parameter):
        super().__init__()
        self.parameter = parameter
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)

    def add(self, widget: QWidget, stretch: int = 0) -> QWidget:
        self.row.addWidget(widget, stretch)
        return widget

    def controls(self) -> list[QWidget]:
        return [self.row.itemAt(index).widget() for index in range(self.row.count())]


class PairEditor(Editor):
    """Two spin boxes for a (height, width) setting."""

    def __init__(self, parameter: Parameter):
        super().__init__(parameter)
        stem, tip = short_name(parameter), translated(parameter.tooltip)
        low, high = parameter.minimum, parameter.maximum
        height_tip = tr("{tooltip}: height (rows)").format(tooltip=tip)
        width_tip = tr("{tooltip}: width (columns)").format(tooltip=tip)
        self.height_box = self.add(spin_box(low, high, height_tip, f"{stem}_height"))
        self.width_box = self.add(spin_box(low, high, width_tip, f"{stem}_width"))
        # "h" and "w" are symbols, as H and W are in the titles: not translated.
        self.height_box.setPrefix("h ")
        self.width_box.setPrefix("w ")
        self.last_edited = self.height_box
        for box in (self.height_box, self.width_box):
            box.valueChanged.connect(lambda _=0, edited=box: self._on_box_changed(edited))

    def _on_box_changed(self, edited: QSpinBox) -> None:
        self.last_edited = edited
        self.changed.emit()

    def value(self) -> tuple[int, int]:
        return self.height_box.value(), self.width_box.value()

    def set_value(self, value: tuple[int, int]) -> None:
        self.height_box.setValue(value[0])
        self.width_box.setValue(value[1])

    def show_sequence(self, sequence: bool) -> None:
        """A sequence has one number per setting: its length axis (the width box)."""
        self.height_box.setVisible(not sequence)
        self.width_box.setPrefix("" if sequence else "w ")


class QuadEditor(Editor):
    """Four spin boxes for per-side padding, top and bottom above left and right."""

    SIDES = ("top", "left", "bottom", "right")
    PLACES = {"top": (0, 0), "bottom": (0, 1), "left": (1, 0), "right": (1, 1)}

    def __init__(self, parameter: Parameter):
        super().__init__(parameter)
        grid_holder = self.add(QWidget(), 1)
        grid = QGridLayout(grid_holder)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes = []
        words = side_words()
        for side in self.SIDES:
            box = spin_box(
                parameter.minimum,
                parameter.maximum,
                tr("{tooltip}: {side}").format(
                    tooltip=translated(parameter.tooltip), side=words[side]
                ),
                f"{parameter.name}_{side}",
            )
            box.setPrefix(f"{words[side]} ")
            grid.addWidget(box, *self.PLACES[side])
            box.valueChanged.connect(self.changed)
            self.boxes.append(box)

    def controls(self) -> list[QWidget]:
        return list(self.boxes)

    def value(self) -> tuple[int, int, int, int]:
        return tuple(box.value() for box in self.boxes)

    def set_value(self, value: tuple[int, int, int, int]) -> None:
        for box, number in zip(self.boxes, value, strict=True):
            box.setValue(number)

    def show_sequence(self, sequence: bool) -> None:
        """A sequence is padded at its start and end only (left and right)."""
        for side, box in zip(self.SIDES, self.boxes, strict=True):
            box.setVisible(not sequence or side in ("left", "right"))


def side_words() -> dict[str, str]:
    """Each side of per-side padding in words, in the window's language."""
    return {"top": tr("top"), "left": tr("left"), "bottom": tr("bottom"), "right": tr("right")}


class ChoiceEditor(Editor):
    """One of a few named choices."""

    def __init__(self, parameter: Parameter):
        super().__init__(parameter)
        self.box = self.add(QComboBox(), 1)
        self.box.setObjectName(parameter.name)
        self.box.setToolTip(translated(parameter.tooltip))
        for value, label in parameter.choices:
            self.box.addItem(translated(label), value)
        self.box.currentIndexChanged.connect(self.changed)

    def value(self) -> str:
        return self.box.currentData()

    def set_value(self, value: str) -> None:
        self.box.setCurrentIndex(max(self.box.findData(value), 0))


class IntegerEditor(Editor):
    def __init__(self, parameter: Parameter):
        super().__init__(parameter)
        self.box = self.add(
            spin_box(
                parameter.minimum, parameter.maximum, translated(parameter.tooltip), parameter.name
            )
        )
        self.box.valueChanged.connect(self.changed)

    def value(self) -> int:
        return self.box.value()

    def set_value(self, value: int) -> None:
        self.box.setValue(value)


class NumberEditor(Editor):
    """A number with a spin box and a logarithmic slider to drag it."""

    SLIDER_STEPS = 1000

    def __init__(self, parameter: Parameter):
        super().__init__(parameter)
        self.box = self.add(QDoubleSpinBox())
        self.box.setObjectName(parameter.name)
        self.box.setRange(parameter.minimum, parameter.maximum)
        self.box.setDecimals(2)
        self.box.setSingleStep(0.5)
        self.box.setKeyboardTracking(False)
        self.box.setToolTip(translated(parameter.tooltip))
        self.slider = self.add(QSlider(Qt.Orientation.Horizontal), 1)
        self.slider.setObjectName(f"{parameter.name}_slider")
        self.slider.setRange(0, self.SLIDER_STEPS)
        self.slider.setToolTip(tr("Drag: {tooltip}").format(tooltip=translated(parameter.tooltip)))
        self.box.valueChanged.connect(self.changed)
        self.slider.valueChanged.connect(self._on_slider_changed)

    def span(self) -> float:
        return math.log(self.parameter.maximum / self.parameter.minimum)

    def _on_slider_changed(self, position: int) -> None:
        fraction = position / self.SLIDER_STEPS
        self.box.setValue(self.parameter.minimum * math.exp(self.span() * fraction))

    def value(self) -> float:
        return self.box.value()

    def set_value(self, value: float) -> None:
        self.box.setValue(value)
        fraction = math.log(max(value, self.parameter.minimum) / self.parameter.minimum)
        self.slider.setValue(round(self.SLIDER_STEPS * fraction / self.span()))


class FractionEditor(Editor):
    """A value from 0 to 1 on a slider, shown beside it."""

    def __init__(self, parameter: Parameter):
        super().__init__(parameter)
        self.slider = self.add(QSlider(Qt.Orientation.Horizontal), 1)
        self.slider.setObjectName(parameter.name)
        self.slider.setRange(0, 100)
        self.slider.setToolTip(translated(parameter.tooltip))
        self.label = self.add(QLabel())
        self.label.setMinimumWidth(36)
        self.slider.valueChanged.connect(self._on_slider_changed)

    def _on_slider_changed(self, position: int) -> None:
        self.label.setText(f"{position / 100:.2f}")
        self.changed.emit()

    def value(self) -> float:
        return self.slider.value() / 100

    def set_value(self, value: float) -> None:
        self.slider.setValue(round(value * 100))
        self.label.setText(f"{value:.2f}")


class SwitchEditor(Editor):
    def __init__(self, parameter: Parameter):
        super().__init__(parameter)
        self.box = self.add(QCheckBox(translated(parameter.label)))
        self.box.setObjectName(parameter.name)
        self.box.setToolTip(translated(parameter.tooltip))
        self.box.toggled.connect(self.changed)

    def value(self) -> bool:
        return self.box.isChecked()

    def set_value(self, value: bool) -> None:
        self.box.setChecked(bool(value))


class OptionalIntegerEditor(Editor):
    """Off, or a whole number (a divisor override)."""

    def __init__(self, parameter: Parameter):
        super().__init__(parameter)
        tooltip = translated(parameter.tooltip)
        self.enabled = self.add(QCheckBox(tr("on")))
        self.enabled.setObjectName(f"{parameter.name}_enabled")
        self.enabled.setToolTip(tr("Use a fixed number: {tooltip}").format(tooltip=tooltip))
        self.box = self.add(
            spin_box(parameter.minimum, parameter.maximum, tooltip, parameter.name), 1
        )
        self.enabled.toggled.connect(self._on_toggled)
        self.box.valueChanged.connect(self.changed)

    def _on_toggled(self, checked: bool) -> None:
        self.box.setEnabled(checked)
        self.changed.emit()

    def value(self) -> int | None:
        return self.box.value() if self.enabled.isChecked() else None

    def set_value(self, value: int | None) -> None:
        self.enabled.setChecked(value is not None)
        self.box.setEnabled(value is not None)
        if value is not None:
            self.box.setValue(value)


class LevelsEditor(Editor):
    """A list of whole numbers typed as ``4,2,1``."""

    def __init__(self, parameter: Parameter):
        super().__init__(parameter)
        self.text = self.add(QLineEdit(), 1)
        self.text.setObjectName(parameter.name)
        self.text.setToolTip(translated(parameter.tooltip))
        self.text.editingFinished.connect(self.changed)

    def value(self) -> tuple[int, ...] | None:
        """The typed levels, or None if the text is not a list of whole numbers."""
        parts = [part for part in self.text.text().replace(" ", "").split(",") if part]
        try:
            return tuple(int(part) for part in parts) or None
        except ValueError:
            return None

    def set_value(self, value: tuple[int, ...]) -> None:
        self.text.setText(",".join(str(level) for level in value))


EDITORS = {
    "pair": PairEditor,
    "quad": QuadEditor,
    "choice": ChoiceEditor,
    "integer": IntegerEditor,
    "number": NumberEditor,
    "fraction": FractionEditor,
    "switch": SwitchEditor,
    "optional_integer": OptionalIntegerEditor,
    "levels": LevelsEditor,
}


class ControlsPanel(QWidget):
    """Pooling type and the rows of the settings it uses."""

    def __init__(self, model: PoolModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.pool_type = QComboBox()
        self.pool_type.setObjectName("pool_type")
        for name, kind in KINDS.items():
            self.pool_type.addItem(translated(kind.label), name)
            self.pool_type.setItemData(
                self.pool_type.count() - 1,
                tr("{summary} ({source})").format(
                    summary=translated(kind.summary), source=translated(kind.source)
                ),
                Qt.ItemDataRole.ToolTipRole,
            )
        self.square = QCheckBox(tr("square"))
        self.square.setObjectName("square")
        self.square.setToolTip(
            tr("Keep kernel, stride, padding and dilation equal in both directions")
        )
        self.square.setChecked(True)
        self.stride_follows_kernel = QCheckBox(tr("same as kernel"))
        self.stride_follows_kernel.setObjectName("stride_same_as_kernel")
        self.stride_follows_kernel.setToolTip(
            tr(
                "Stride equal to the kernel size (PyTorch's default, stride=None): windows tile "
                "without overlap"
            )
        )
        self.form = QFormLayout()
        # A narrow dock puts a row's label above its editors instead of scrolling sideways.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.addRow(tr("Type"), self.pool_type)
        self.editors: dict[str, Editor] = {}
        for parameter in PARAMETERS.values():
            if parameter.panel != "controls":
                continue  # edited where it shows (the tie rule, in the backward view)
            editor = EDITORS[parameter.widget](parameter)
            self.editors[parameter.name] = editor
            label = "" if parameter.widget == "switch" else translated(parameter.label)
            self.form.addRow(label, editor)
            editor.changed.connect(self._on_controls_changed)
            if parameter.name == "kernel_size":
                self.form.addRow("", self.square)
            if parameter.name == "stride":
                self.form.addRow("", self.stride_follows_kernel)
        window_group = QGroupBox(tr("Pooling"))
        window_group.setLayout(self.form)
        self.message = QLabel()
        self.message.setObjectName("inline_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b; font-weight: bold;")
        self.message.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(window_group)
        layout.addWidget(self.message)
        layout.addStretch(1)

        self.refresh()
        self.pool_type.currentIndexChanged.connect(self._on_controls_changed)
        self.square.toggled.connect(self._on_controls_changed)
        self.stride_follows_kernel.toggled.connect(self._on_controls_changed)
        model.parametersChanged.connect(self.refresh)
        model.imageChanged.connect(self.refresh)
        model.errorChanged.connect(self._on_error_changed)

    # ----- widget to model -----------------------------------------------------------------
    def _on_controls_changed(self, *_) -> None:
        kind = kind_of(self.pool_type.currentData())
        if self.square.isChecked():
            self.make_square(self.sender())
        changes = {"pool_type": kind.name}
        for name in kind.parameters:
            if name not in self.editors:
                continue
            value = self.editors[name].value()
            if value is None and PARAMETERS[name].widget == "levels":
                self.model.set_error(
                    tr("Pyramid levels must be whole numbers separated by commas, like 4,2,1.")
                )
                return
            changes[name] = value
        if self.stride_follows_kernel.isChecked() and "stride" in changes:
            changes["stride"] = changes["kernel_size"]
        params = self.model.params.replace(**changes)
        if params.framework != self.model.params.framework:
            # Padding moves between PyTorch's symmetric padding and the per-side pads, and the
            # average's divisor rule becomes the new framework's default.
            target = changes.pop("framework")
            params = carried_over(self.model.params.replace(**changes), target)
        self.model.set_params(params)
        self.refresh()

    def make_square(self, sender) -> None:
        """Copy the edited direction to the other one in every pair."""
        editors = [self.editors[name] for name in SQUARE_PAIRS]
        boxes = [box for editor in editors for box in (editor.height_box, editor.width_box)]
        with signals_blocked(*boxes):
            for editor in editors:
                if sender is editor and editor.last_edited is editor.width_box:
                    editor.height_box.setValue(editor.width_box.value())
                else:
                    editor.width_box.setValue(editor.height_box.value())

    # ----- model to widget -----------------------------------------------------------------
    def refresh(self) -> None:
        params = self.model.params
        kind = kind_of(params)
        blocked = [self.pool_type, *self.editors.values()]
        for editor in self.editors.values():
            blocked.extend(editor.controls())
        with signals_blocked(*blocked):
            self.pool_type.setCurrentIndex(self.pool_type.findData(params.pool_type))
            for name, editor in self.editors.items():
                editor.set_value(getattr(params, name))
        uses = set(kind.used(params))
        sequence = self.model.is_sequence()
        if self.model.volume is None:  # depth settings for volumes only
            uses = {name for name in uses if not PARAMETERS[name].volume_only}
        for name, editor in self.editors.items():
            self.form.setRowVisible(editor, name in uses)
            editor.setEnabled(PARAMETERS[name].applies(params))
            if isinstance(editor, PairEditor | QuadEditor):
                editor.show_sequence(sequence)
        self.form.setRowVisible(self.square, bool(uses & set(SQUARE_PAIRS)) and not sequence)
        self.form.setRowVisible(self.stride_follows_kernel, "stride" in uses)
        stride = self.editors["stride"]
        stride.setEnabled(not self.stride_follows_kernel.isChecked())
        self.pool_type.setToolTip(
            tr(
                "Which reduction each window applies (Ctrl+1..9). {kind}: {summary} "
                "Source: {source}."
            ).format(
                kind=translated(kind.label),
                summary=translated(kind.summary),
                source=translated(kind.source),
            )
        )

    def _on_error_changed(self, message: str) -> None:
        """Show the model's error (already in the window's language) under the settings."""
        self.message.setText(
            message
            and tr("Not applied: {message} (showing the last valid result)").format(message=message)
        )
        self.message.setVisible(bool(message))
