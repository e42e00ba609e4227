"""The Network tab's "Inside the network" page: the input digit (a test digit, or Explore's
image) with the receptive field of the last layer on it, the feature maps of every layer of
the trained network for it, one channel large, and "Open in Explore" for a map that a
pooling layer receives."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import tr
from gui.models.network_model import NetworkModel
from gui.models.network_training import short_label
from gui.qt_utils import signals_blocked
from gui.views.image_panel import ImagePanel
from gui.views.network_maps import FeatureMapStrip, FieldOutline


class InsidePage(QWidget):
    """Feature maps, one channel large, and the input with its receptive field.

    Signals
    -------
    openRequested(bool)
        'Open in Explore' was clicked; True to open all channels of the layer.
    """

    openRequested = Signal(bool)

    def __init__(self, model: NetworkModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.input_index = QSpinBox()
        self.input_index.setObjectName("network_input_index")
        self.input_index.setToolTip(tr("Which test digit to feed the trained network"))
        self.input_index.setPrefix(tr("test digit "))
        self.use_explore = QCheckBox(tr("Explore's image"))
        self.use_explore.setObjectName("network_use_explore")
        self.input_text = QLabel()
        self.input_text.setObjectName("network_input_text")
        self.input_text.setWordWrap(True)
        self.input_text.setToolTip(tr("The input fed to the network, and the network's answer"))
        top = QHBoxLayout()
        top.addWidget(self.input_index)
        top.addWidget(self.use_explore)
        top.addWidget(self.input_text, 1)

        self.strip = FeatureMapStrip()
        self.placeholder = QLabel()
        self.placeholder.setObjectName("network_maps_placeholder")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setToolTip(
            tr("The feature maps appear once the chosen pooling is trained")
        )
        self.detail = ImagePanel(tr("Click a channel on the left"))
        self.detail.setObjectName("network_detail")
        self.detail.setToolTip(tr("The clicked channel, large; zoom in to read its values"))
        self.open_button = QPushButton(tr("Open in Explore"))
        self.open_button.setObjectName("network_open_in_explore")
        self.all_channels = QCheckBox(tr("all channels"))
        self.all_channels.setObjectName("network_all_channels")
        self.all_channels.setToolTip(
            tr(
                "Open every channel of the layer as one many-channel image, not just the "
                "clicked one"
            )
        )
        self.input_panel = ImagePanel("", compact=True)
        self.input_panel.setObjectName("network_input")
        self.input_panel.setToolTip(tr("The digit the network is fed, and the receptive field"))
        self.outline = FieldOutline()
        self.input_panel.plot_item.addItem(self.outline, ignoreBounds=True)
        self.field_text = QLabel()
        self.field_text.setObjectName("network_field_text")
        self.field_text.setWordWrap(True)
        self.field_text.setToolTip(tr("What one cell of the network's last layer can see"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.all_channels)
        buttons.addStretch(1)
        side = QVBoxLayout()
        side.addWidget(self.detail, 3)
        side.addLayout(buttons)
        side.addWidget(self.input_panel, 2)
        side.addWidget(self.field_text)
        body = QHBoxLayout()
        body.addWidget(self.strip, 3)
        body.addWidget(self.placeholder, 3)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(body, 1)

        self.input_index.valueChanged.connect(self._on_input_index_changed)
        self.use_explore.toggled.connect(self._on_use_explore_changed)
        self.strip.channelClicked.connect(self._on_strip_clicked)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        model.inputChanged.connect(self.set_input)
        model.settingsChanged.connect(self.set_input_controls)
        model.selectionChanged.connect(self.set_selection)
        self.set_input_controls()
        self.set_input()
        self.set_selection()

    # ----- widget to model -----------------------------------------------------------------
    def _on_input_index_changed(self, index: int) -> None:
        self.model.set_input_index(index)

    def _on_use_explore_changed(self, checked: bool) -> None:
        self.model.set_use_explore(checked)

    def _on_strip_clicked(self, layer_name: str, channel: int) -> None:
        self.model.select_channel(layer_name, channel)

    def _on_open_button_clicked(self) -> None:
        self.openRequested.emit(self.all_channels.isChecked())

    # ----- model to widget -----------------------------------------------------------------
    def set_input_controls(self) -> None:
        model = self.model
        count = model.settings.test_count if model.digits is None else len(model.digits[0])
        with signals_blocked(self.input_index, self.use_explore):
            self.input_index.setRange(0, max(count - 1, 0))
            self.input_index.setValue(model.input_index)
            self.input_index.setEnabled(not model.use_explore)
            self.use_explore.setChecked(model.use_explore)
            self.use_explore.setEnabled(model.explore_image is not None)
        self.use_explore.setToolTip(
            tr("Feed the image shown in Explore instead of a test digit")
            if model.explore_image is not None
            else tr(
                "Explore's image can be fed when it is 1 x 28 x 28 (C x H x W), like the "
                "digits; open the digit sample there"
            )
        )

    def set_input(self) -> None:
        model = self.model
        self.set_input_controls()
        self.input_text.setText(model.input_text())
        image = model.input_image()
        self.input_panel.show_array(None if image is None else image, (0.0, 1.0))
        self.outline.set_field(model.field)
        self.outline.setVisible(image is not None)
        row, col = model.field_cell
        channels, height, width = model.last_map_shape(model.architecture)
        last = [layer for layer in model.rows if len(layer.output_shape) == 4][-1].name
        self.field_text.setText(
            tr(
                "Yellow box: the {field_height} x {field_width} pixels that cell ({row}, {col}) "
                "of {layer} (the last map, {height} x {width} x {channels}) sees."
            ).format(
                field_height=model.field.height,
                field_width=model.field.width,
                row=row,
                col=col,
                layer=last,
                height=height,
                width=width,
                channels=channels,
            )
        )
        layers = model.map_layers()
        self.strip.setVisible(bool(layers))
        self.placeholder.setVisible(not layers)
        self.placeholder.setText(
            tr("Train {pool} (left) to see what each of its layers makes of this digit.").format(
                pool=short_label(model.pool)
            )
        )
        if layers:
            self.strip.show_layers(layers, model.selected)

    def set_selection(self) -> None:
        model = self.model
        layer = model.selected_layer()
        self.strip.mark(model.selected)
        if layer is None:
            self.detail.show_array(None, (0.0, 1.0))
            self.detail.set_title(tr("Click a channel on the left"))
            self.open_button.setEnabled(False)
            self.open_button.setToolTip(
                tr(
                    "Open the clicked feature map in Explore, with the settings of the pooling "
                    "layer that receives it, to follow that layer's windows on the real map "
                    "(click a channel first)"
                )
            )
            return
        channel = model.selected[1]
        maps = layer.maps
        levels = (min(float(maps.min()), 0.0), max(float(maps.max()), 1e-6))
        self.detail.show_array(maps[channel : channel + 1], levels)
        self.detail.set_title(
            tr("{layer}, channel {channel}").format(layer=layer.name, channel=channel)
        )
        self.open_button.setEnabled(layer.pooled_by is not None)
        if layer.pooled_by is not None:
            tip = tr(
                "Open the clicked feature map in Explore, with the settings of the pooling "
                "layer that receives it, to follow that layer's windows on the real map "
                "({pooling_layer} receives this map)"
            )
        else:
            tip = tr(
                "Open the clicked feature map in Explore, with the settings of the pooling "
                "layer that receives it, to follow that layer's windows on the real map (no "
                "pooling layer follows {layer}: click a map one does)"
            )
        self.open_button.setToolTip(tip.format(pooling_layer=layer.pooled_by, layer=layer.name))
