"""The controls panel: every pooling setting, wired both ways to the model.

Widget to model: each ``_on_..._changed`` slot builds new parameters and calls the model.
Model to widget: :meth:`ControlsPanel.refresh` sets every control inside a signal blocker,
so nothing loops, and enables only the controls that apply to the chosen pooling type.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine.pipeline import POOL_TYPES
from gui.model import CHANNEL_LABELS, CHANNELS, PoolModel
from gui.qt_utils import signals_blocked


def spin_box(minimum: int, maximum: int, tooltip: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(minimum, maximum)
    box.setToolTip(tooltip)
    box.setKeyboardTracking(False)  # typing "12" is one change, not "1" then "12"
    box.setMinimumWidth(64)
    return box


class PairEditor(QWidget):
    """Two spin boxes for a (height, width) setting."""

    def __init__(self, name: str, minimum: int, maximum: int, tooltip: str):
        super().__init__()
        self.height_box = spin_box(minimum, maximum, f"{tooltip} (height, rows)")
        self.width_box = spin_box(minimum, maximum, f"{tooltip} (width, columns)")
        self.height_box.setObjectName(f"{name}_height")
        self.width_box.setObjectName(f"{name}_width")
        self.height_box.setPrefix("h ")
        self.width_box.setPrefix("w ")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.height_box)
        layout.addWidget(self.width_box)

    def value(self) -> tuple[int, int]:
        return self.height_box.value(), self.width_box.value()

    def set_value(self, value: tuple[int, int]) -> None:
        self.height_box.setValue(value[0])
        self.width_box.setValue(value[1])

    def boxes(self) -> tuple[QSpinBox, QSpinBox]:
        return self.height_box, self.width_box


class ControlsPanel(QWidget):
    """Pooling type, window, stride, padding, dilation, modes and channel."""

    def __init__(self, model: PoolModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.pool_type = QComboBox()
        self.pool_type.setObjectName("pool_type")
        for name, spec in POOL_TYPES.items():
            self.pool_type.addItem(spec.label, name)
        self.pool_type.setToolTip("Which reduction each window applies (Ctrl+1..5)")
        self.kernel = PairEditor("kernel", 1, 64, "Window size in cells")
        self.square = QCheckBox("square")
        self.square.setToolTip("Keep kernel, stride, padding and dilation equal in both directions")
        self.stride = PairEditor("stride", 1, 64, "Step between windows")
        self.stride_follows_kernel = QCheckBox("same as kernel")
        self.stride_follows_kernel.setToolTip(
            "Stride equal to the kernel size (PyTorch's default, stride=None): windows tile "
            "without overlap"
        )
        self.padding = PairEditor(
            "padding",
            0,
            32,
            "Cells added around the input (at most half "
            "the kernel; -inf for max, zeros for average)",
        )
        self.dilation = PairEditor(
            "dilation", 1, 16, "Spacing between the cells of a window (max pooling only)"
        )
        self.ceil_mode = QCheckBox("ceil mode")
        self.ceil_mode.setObjectName("ceil_mode")
        self.ceil_mode.setToolTip(
            "Round the output size up: keep a last window that hangs over the edge"
        )
        self.count_include_pad = QCheckBox("count padding")
        self.count_include_pad.setToolTip(
            "Average: divide by the whole window including padding "
            "(count_include_pad=True) or by the real cells only"
        )
        self.divisor_enabled = QCheckBox("divisor override")
        self.divisor_enabled.setToolTip("Average: divide every window sum by a fixed number")
        self.divisor = spin_box(1, 10_000, "Fixed divisor for every window (divisor_override)")
        self.norm_type = QDoubleSpinBox()
        self.norm_type.setRange(0.1, 100.0)
        self.norm_type.setDecimals(2)
        self.norm_type.setSingleStep(0.5)
        self.norm_type.setKeyboardTracking(False)
        self.norm_type.setToolTip("Lp pooling power p: 1 sums the window, large p approaches max")
        self.norm_slider = QSlider(Qt.Orientation.Horizontal)
        self.norm_slider.setRange(10, 1000)  # p x 10
        self.norm_slider.setToolTip("Drag p from 1 (sum-like) to large (max-like)")
        self.output_size = PairEditor("output_size", 1, 1024, "Adaptive pooling output size")
        self.same_padding = QCheckBox("'same' padding (TensorFlow)")
        self.same_padding.setObjectName("same_padding")
        self.same_padding.setToolTip(
            "Pad like TensorFlow/Keras padding='same': output ceil(L/s), padding split with the "
            "extra cell at the bottom/right, averages over real cells only; instead of "
            "PyTorch's symmetric padding"
        )
        self.mix = QSlider(Qt.Orientation.Horizontal)
        self.mix.setObjectName("mix")
        self.mix.setRange(0, 100)
        self.mix.setToolTip("Mixed pooling: lambda * max + (1 - lambda) * average")
        self.mix_label = QLabel()
        self.seed = spin_box(0, 1_000_000, "Seed of stochastic pooling's random draw")
        self.seed.setObjectName("seed")
        self.inference = QCheckBox("inference (weighted average)")
        self.inference.setToolTip(
            "Stochastic pooling at test time: the probability-weighted "
            "average instead of a random pick"
        )
        self.blur_size = spin_box(2, 5, "BlurPool: taps of the binomial low-pass filter")
        self.blur_size.setObjectName("blur_size")
        self.levels = QLineEdit()
        self.levels.setObjectName("levels")
        self.levels.setToolTip("Spatial pyramid levels, e.g. 4,2,1 for 4x4, 2x2 and 1x1 bins")
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        for name in CHANNELS:
            self.channel.addItem(CHANNEL_LABELS[name], name)
        self.channel.setToolTip("Which channel(s) to pool and show")
        self.message = QLabel()
        self.message.setObjectName("inline_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b; font-weight: bold;")
        self.message.setVisible(False)

        window_group = QGroupBox("Pooling")
        form = QFormLayout(window_group)
        form.addRow("Type", self.pool_type)
        form.addRow("Kernel", self.kernel)
        form.addRow("", self.square)
        form.addRow("Stride", self.stride)
        form.addRow("", self.stride_follows_kernel)
        form.addRow("Padding", self.padding)
        form.addRow("Dilation", self.dilation)
        form.addRow("", self.ceil_mode)
        form.addRow("", self.count_include_pad)
        divisor_row = QHBoxLayout()
        divisor_row.addWidget(self.divisor_enabled)
        divisor_row.addWidget(self.divisor)
        form.addRow(divisor_row)
        norm_row = QHBoxLayout()
        norm_row.addWidget(self.norm_type)
        norm_row.addWidget(self.norm_slider)
        form.addRow("Power p", norm_row)
        form.addRow("Output size", self.output_size)
        form.addRow("", self.same_padding)
        mix_row = QHBoxLayout()
        mix_row.addWidget(self.mix)
        mix_row.addWidget(self.mix_label)
        form.addRow("Mix lambda", mix_row)
        stochastic_row = QHBoxLayout()
        stochastic_row.addWidget(self.seed)
        stochastic_row.addWidget(self.inference)
        form.addRow("Stochastic", stochastic_row)
        form.addRow("Blur taps", self.blur_size)
        form.addRow("Pyramid levels", self.levels)
        view_group = QGroupBox("Data")
        view_form = QFormLayout(view_group)
        view_form.addRow("Channel", self.channel)
        layout = QVBoxLayout(self)
        layout.addWidget(window_group)
        layout.addWidget(view_group)
        layout.addWidget(self.message)
        layout.addStretch(1)

        self.square.setChecked(True)
        self.refresh()
        self.pool_type.currentIndexChanged.connect(self._on_controls_changed)
        for editor in (self.kernel, self.stride, self.padding, self.dilation, self.output_size):
            for box in editor.boxes():
                box.valueChanged.connect(self._on_controls_changed)
        for box in (
            self.square,
            self.stride_follows_kernel,
            self.ceil_mode,
            self.count_include_pad,
            self.divisor_enabled,
        ):
            box.toggled.connect(self._on_controls_changed)
        self.divisor.valueChanged.connect(self._on_controls_changed)
        self.norm_type.valueChanged.connect(self._on_controls_changed)
        self.norm_slider.valueChanged.connect(self._on_norm_slider_changed)
        self.channel.currentIndexChanged.connect(self._on_channel_changed)
        model.parametersChanged.connect(self.refresh)
        model.errorChanged.connect(self._on_error_changed)
        model.imageChanged.connect(self.refresh)

    # ----- widget to model -----------------------------------------------------------------
    def _on_controls_changed(self, *_) -> None:
        sender = self.sender()
        if self.square.isChecked():
            self.make_square(sender)
        kernel = self.kernel.value()
        stride = kernel if self.stride_follows_kernel.isChecked() else self.stride.value()
        self.model.update_params(
            pool_type=self.pool_type.currentData(),
            kernel_size=kernel,
            stride=stride,
            padding=self.padding.value(),
            dilation=self.dilation.value(),
            ceil_mode=self.ceil_mode.isChecked(),
            count_include_pad=self.count_include_pad.isChecked(),
            divisor_override=self.divisor.value() if self.divisor_enabled.isChecked() else None,
            norm_type=self.norm_type.value(),
            output_size=self.output_size.value(),
            same_padding=self.same_padding.isChecked(),
            mix=self.mix.value() / 100,
            seed=self.seed.value(),
            inference=self.inference.isChecked(),
            blur_size=self.blur_size.value(),
            levels=self.parsed_levels(),
        )
        self.refresh()

    def parsed_levels(self) -> tuple[int, ...]:
        """The pyramid levels typed, or the current ones if the text is not a list of ints."""
        try:
            levels = tuple(
                int(part) for part in self.levels.text().replace(" ", "").split(",") if part
            )
        except ValueError:
            return self.model.params.levels
        return levels or self.model.params.levels

    def make_square(self, sender) -> None:
        """Copy the edited direction to the other one in every pair."""
        editors = (self.kernel, self.stride, self.padding, self.dilation)
        boxes = [box for editor in editors for box in editor.boxes()]
        with signals_blocked(*boxes):
            for editor in editors:
                height_box, width_box = editor.boxes()
                if sender is width_box:
                    height_box.setValue(width_box.value())
                else:
                    width_box.setValue(height_box.value())

    def _on_norm_slider_changed(self, value: int) -> None:
        self.norm_type.setValue(value / 10)

    def _on_channel_changed(self, *_) -> None:
        self.model.set_channel(self.channel.currentData())

    # ----- model to widget -----------------------------------------------------------------
    def refresh(self) -> None:
        params, spec = self.model.params, self.model.params.spec
        widgets = [
            self.pool_type,
            self.ceil_mode,
            self.count_include_pad,
            self.divisor_enabled,
            self.divisor,
            self.norm_type,
            self.norm_slider,
            self.channel,
        ]
        for editor in (self.kernel, self.stride, self.padding, self.dilation, self.output_size):
            widgets.extend(editor.boxes())
        with signals_blocked(*widgets):
            self.pool_type.setCurrentIndex(self.pool_type.findData(params.pool_type))
            self.kernel.set_value(params.kernel_size)
            self.stride.set_value(params.stride)
            self.padding.set_value(params.padding)
            self.dilation.set_value(params.dilation)
            self.ceil_mode.setChecked(params.ceil_mode)
            self.count_include_pad.setChecked(params.count_include_pad)
            self.divisor_enabled.setChecked(params.divisor_override is not None)
            if params.divisor_override is not None:
                self.divisor.setValue(params.divisor_override)
            self.norm_type.setValue(params.norm_type)
            self.norm_slider.setValue(round(params.norm_type * 10))
            self.output_size.set_value(params.output_size)
            self.same_padding.setChecked(params.same_padding)
            self.mix.setValue(round(params.mix * 100))
            self.seed.setValue(params.seed)
            self.inference.setChecked(params.inference)
            self.blur_size.setValue(params.blur_size)
            self.levels.setText(",".join(str(level) for level in params.levels))
            self.channel.setCurrentIndex(self.channel.findData(self.model.channel))
        windowed = spec.windowed
        for widget in (*self.kernel.boxes(), self.square, self.ceil_mode):
            widget.setEnabled(windowed)
        self.stride_follows_kernel.setEnabled(windowed)
        for box in self.stride.boxes():
            box.setEnabled(windowed and not self.stride_follows_kernel.isChecked())
        for box in self.padding.boxes():
            box.setEnabled(windowed and spec.padding)
        for box in self.dilation.boxes():
            box.setEnabled(windowed and spec.dilation)
        self.count_include_pad.setEnabled(spec.average_options)
        self.divisor_enabled.setEnabled(spec.average_options)
        self.divisor.setEnabled(spec.average_options and self.divisor_enabled.isChecked())
        self.norm_type.setEnabled(spec.norm)
        self.norm_slider.setEnabled(spec.norm)
        for box in self.output_size.boxes():
            box.setEnabled(spec.adaptive)
        same = spec.same and params.same_padding
        self.same_padding.setEnabled(spec.same)
        if same:
            for box in (*self.padding.boxes(), *self.dilation.boxes(), self.ceil_mode):
                box.setEnabled(False)
        if not spec.ceil:
            self.ceil_mode.setEnabled(False)
        self.mix.setEnabled(spec.mix)
        self.mix_label.setText(f"{params.mix:.2f}")
        self.seed.setEnabled(spec.stochastic and not params.inference)
        self.inference.setEnabled(spec.stochastic)
        self.blur_size.setEnabled(spec.blur)
        self.levels.setEnabled(spec.levels)
        tip = f"Source: {spec.paper}" if spec.paper else "Built into PyTorch"
        self.pool_type.setToolTip(f"Which reduction each window applies. {spec.label}: {tip}")
        colour = self.model.source_image is not None and self.model.source_image.shape[0] == 3
        self.channel.setEnabled(colour)

    def _on_error_changed(self, message: str) -> None:
        self.message.setText(message and f"Not applied: {message} (showing the last valid result)")
        self.message.setVisible(bool(message))
