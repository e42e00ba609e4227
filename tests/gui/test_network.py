"""The Network tab, through its widgets: the Keras summary and the no-pooling twin, tiny
trainings in the background with overlaid curves, Cancel, the feature maps, Open in Explore,
and closing the window during a training.

Trainings here are tiny (a few hundred digits, one epoch, width 0.25): the machine is small.
"""

import threading

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QWidget,
)

from engine.network.architecture import NO_POOLING
from gui.main_window import MainWindow

TRAINING_TIMEOUT = 120_000  # ms: a generous bound on a busy 2-core machine, never a measure

# Keras 2's model.summary() of the article's network (Chollet, Deep Learning with Python 5.1).
KERAS_SUMMARY = [
    ("conv2d (Conv2D)", "(None, 26, 26, 32)", "320"),
    ("max_pooling2d (MaxPooling2D)", "(None, 13, 13, 32)", "0"),
    ("conv2d_1 (Conv2D)", "(None, 11, 11, 64)", "18,496"),
    ("max_pooling2d_1 (MaxPooling2D)", "(None, 5, 5, 64)", "0"),
    ("conv2d_2 (Conv2D)", "(None, 3, 3, 64)", "36,928"),
    ("flatten (Flatten)", "(None, 576)", "0"),
    ("dense (Dense)", "(None, 64)", "36,928"),
    ("dense_1 (Dense)", "(None, 10)", "650"),
    ("Total params", "", "93,322"),
]


def control(window, kind, name):
    found = window.findChild(kind, name)
    assert found is not None, name
    return found


def click(qtbot, window, name):
    qtbot.mouseClick(control(window, QPushButton, name), Qt.MouseButton.LeftButton)


def choose(window, name, data):
    box = control(window, QComboBox, name)
    box.setCurrentIndex(box.findData(data))


def set_value(window, kind, name, value):
    control(window, kind, name).setValue(value)


def table_rows(table: QTableWidget) -> list[tuple[str, ...]]:
    return [
        tuple(table.item(row, column).text() for column in range(table.columnCount()))
        for row in range(table.rowCount())
    ]


def training_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name.startswith("network-train")]


@pytest.fixture
def network_window(window):
    """The window on its Network tab, set for tiny trainings."""
    window.tabs.setCurrentWidget(window.network)
    set_value(window, QDoubleSpinBox, "network_width", 0.25)
    set_value(window, QSpinBox, "network_epochs", 1)
    set_value(window, QSpinBox, "network_train_count", 300)
    set_value(window, QSpinBox, "network_test_count", 100)
    return window


def train(qtbot, window, choice: str) -> None:
    """Choose a pooling, click Train and wait for its run."""
    choose(window, "network_pool", choice)
    with qtbot.waitSignal(window.network.model.runFinished, timeout=TRAINING_TIMEOUT) as blocker:
        click(qtbot, window, "network_train")
    assert blocker.args == [choice]


def test_the_summary_lists_the_layers_as_keras_does(window):
    window.tabs.setCurrentWidget(window.network)
    set_value(window, QDoubleSpinBox, "network_width", 1.0)
    assert table_rows(control(window, QTableWidget, "network_summary")) == KERAS_SUMMARY
    assert window.network.model.pool == "max"


def test_the_twin_button_switches_to_no_pooling_and_back(qtbot, window):
    window.tabs.setCurrentWidget(window.network)
    set_value(window, QDoubleSpinBox, "network_width", 1.0)
    click(qtbot, window, "network_twin")
    model = window.network.model
    assert model.pool == NO_POOLING
    assert control(window, QComboBox, "network_pool").currentData() == NO_POOLING
    rows = dict((row[0], row[1:]) for row in table_rows(window.network.summary))
    assert rows["conv2d_2 (Conv2D)"] == ("(None, 22, 22, 64)", "36,928")
    assert rows["flatten (Flatten)"] == ("(None, 30976)", "0")  # 22 x 22 x 64 values
    assert rows["dense (Dense)"] == ("(None, 64)", f"{30976 * 64 + 64:,}")
    claims = window.network.claims.text()
    assert "22 x 22 x 64 = 30,976 values" in claims
    assert "15,859,712 weights (15.86 M)" in claims  # a Dense(512) on the flattened map
    assert "7 x 7 pixels" in claims and "18 x 18 pixels" in claims
    click(qtbot, window, "network_twin")
    assert model.pool == "max"
    assert table_rows(window.network.summary) == KERAS_SUMMARY


def test_a_training_runs_in_the_background_and_each_pooling_adds_curves(qtbot, network_window):
    panel, model = network_window.network, network_window.network.model
    train(qtbot, network_window, "max")
    assert not model.busy
    assert panel.curves.points("max", "train_loss") == 1  # one point per epoch
    assert panel.curves.points("max", "test_accuracy") == 1
    assert len(panel.shift_plot.items["max"].xData) == 7  # 0..6 pixels
    assert control(network_window, QProgressBar, "network_progress").value() == 1000
    assert "Max: trained" in panel.status.text()
    train(qtbot, network_window, "avg")
    assert set(model.runs) == {"max", "avg"}
    assert panel.curves.points("max", "test_loss") == 1  # still there, overlaid
    assert panel.curves.points("avg", "test_loss") == 1
    legend = [label.text for _, label in panel.curves.legend.items]
    assert "Max" in legend and "Average" in legend
    findings = panel.findings.text()
    assert "After 1 epoch of 300 digits at width 0.25" in findings
    assert "\nMax: train" in findings and "\nAverage: train" in findings


def test_cancel_stops_a_training_and_keeps_nothing(qtbot, network_window):
    model = network_window.network.model
    set_value(network_window, QSpinBox, "network_train_count", 6000)
    set_value(network_window, QSpinBox, "network_epochs", 3)
    choose(network_window, "network_pool", NO_POOLING)  # the slowest: far from done
    with qtbot.waitSignal(model.runsChanged, timeout=TRAINING_TIMEOUT):
        click(qtbot, network_window, "network_train")
    qtbot.waitUntil(
        lambda: model.live is not None and model.live.running is not None, timeout=TRAINING_TIMEOUT
    )
    assert model.busy
    curves = network_window.network.curves
    assert curves.points(NO_POOLING, "train_loss") == 1  # the running mean, live
    assert "No pooling (training)" in [label.text for _, label in curves.legend.items]
    assert control(network_window, QPushButton, "network_cancel").isEnabled()
    click(qtbot, network_window, "network_cancel")
    assert not model.busy
    assert model.runs == {} and model.live is None
    assert network_window.network.curves.items == {}
    assert control(network_window, QPushButton, "network_train").isEnabled()
    assert "Cancelled" in network_window.network.status.text()
    qtbot.waitUntil(lambda: not training_threads(), timeout=TRAINING_TIMEOUT)  # it stopped
    assert model.runs == {}


def test_clicking_a_channel_shows_it_large_and_opens_it_in_explore(qtbot, network_window):
    panel, model = network_window.network, network_window.network.model
    train(qtbot, network_window, "max")
    panel.views.setCurrentWidget(panel.inside)
    qtbot.waitUntil(lambda: panel.inside.strip.isVisible())
    open_button = control(network_window, QPushButton, "network_open_in_explore")
    assert not open_button.isEnabled()  # nothing clicked yet
    widget, point = panel.inside.strip.channel_position("conv2d", 2)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point)
    assert model.selected == ("conv2d", 2)
    feature_map = model.maps["conv2d"][2]
    assert feature_map.shape == (26, 26)
    np.testing.assert_array_equal(panel.inside.detail.overlay.values[0], feature_map)
    assert open_button.isEnabled()  # max_pooling2d receives conv2d's map
    click(qtbot, network_window, "network_open_in_explore")
    assert network_window.tabs.currentIndex() == 0
    pool_model = network_window.model
    np.testing.assert_array_equal(pool_model.image[0], feature_map)
    assert pool_model.params.pool_type == "max"
    assert pool_model.params.kernel_size == (2, 2) and pool_model.params.stride == (2, 2)
    assert pool_model.wait_until_idle()
    assert pool_model.result.output.shape == (1, 13, 13)
    assert "max_pooling2d" in network_window.statusBar().currentMessage()


def test_all_channels_of_a_map_open_as_one_image(qtbot, network_window):
    panel, model = network_window.network, network_window.network.model
    train(qtbot, network_window, "max")
    panel.views.setCurrentWidget(panel.inside)
    widget, point = panel.inside.strip.channel_position("conv2d_1", 0)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point)
    control(network_window, QCheckBox, "network_all_channels").setChecked(True)
    click(qtbot, network_window, "network_open_in_explore")
    np.testing.assert_array_equal(network_window.model.image, model.maps["conv2d_1"])
    assert network_window.model.image.shape == (16, 11, 11)  # 64 channels at width 0.25


@pytest.mark.parametrize("layer_name", ["max_pooling2d_1", "conv2d_2"])
def test_a_map_no_pooling_layer_receives_cannot_be_opened(qtbot, network_window, layer_name):
    panel = network_window.network
    train(qtbot, network_window, "max")
    panel.views.setCurrentWidget(panel.inside)
    widget, point = panel.inside.strip.channel_position(layer_name, 1)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point)
    assert panel.model.selected == (layer_name, 1)
    button = control(network_window, QPushButton, "network_open_in_explore")
    assert not button.isEnabled()
    assert "no pooling layer follows" in button.toolTip()


def test_explores_digit_can_be_the_input(qtbot, network_window):
    panel, model = network_window.network, network_window.network.model
    train(qtbot, network_window, "max")
    use_explore = control(network_window, QCheckBox, "network_use_explore")
    assert use_explore.isEnabled()  # the window opened the 28 x 28 digit sample
    use_explore.setChecked(True)
    np.testing.assert_array_equal(model.input_image(), network_window.model.image)
    assert panel.inside.input_text.text().startswith("Explore's image: the Max network says")
    network_window.model.set_image(np.zeros((3, 40, 40), np.float32))  # not a digit any more
    assert not use_explore.isEnabled() and not use_explore.isChecked()
    assert panel.inside.input_text.text().startswith("Test digit 0")


def test_the_receptive_field_is_drawn_on_the_input(network_window):
    inside, model = network_window.network.inside, network_window.network.model
    assert model.wait_until_idle()  # the test digits
    rect = inside.outline.rect()
    assert (rect.height(), rect.width()) == (18, 18)
    assert "18 x 18 pixels" in inside.field_text.text()
    model.toggle_twin()
    assert (inside.outline.rect().height(), inside.outline.rect().width()) == (7, 7)


def test_closing_the_window_during_a_training_returns_at_once(qtbot, errors):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.network)
    model = window.network.model
    model.set_settings(width=0.25, epochs=3, train_count=6000)
    model.set_pool(NO_POOLING)
    click(qtbot, window, "network_train")
    qtbot.waitUntil(
        lambda: model.live is not None and model.live.running is not None, timeout=TRAINING_TIMEOUT
    )
    window.close()  # never joins the training thread
    assert model.runner.closed and not model.busy
    qtbot.waitUntil(lambda: not training_threads(), timeout=TRAINING_TIMEOUT)
    assert model.runs == {}


def test_the_view_menu_opens_the_tab(window):
    action = next(
        action for action in window.menu_actions() if action.text() == "&Network (train a CNN)"
    )
    assert action.shortcut().toString() == "Ctrl+Shift+N"
    action.trigger()
    assert window.tabs.currentWidget() is window.network


def test_every_control_has_a_name_and_a_tooltip(window):
    kinds = (QAbstractButton, QComboBox, QAbstractSpinBox, QProgressBar, QTableWidget)
    controls = [
        widget
        for widget in window.network.findChildren(QWidget)
        if isinstance(widget, kinds)
        and widget.parent() is not None
        and not widget.objectName().startswith("qt_")
    ]
    controls = [widget for widget in controls if type(widget).__module__.startswith("PySide6")]
    assert len(controls) >= 14
    for widget in controls:
        if isinstance(widget, QAbstractButton) and widget.parent() is window.network.views.tabBar():
            continue
        assert widget.objectName().startswith("network_"), widget
        assert widget.toolTip(), widget.objectName()


def test_epoch_and_shift_axes_tick_only_whole_numbers(qtbot):
    """Regression: three epochs were ticked 1, 1.5, 2, 2.5, 3 and shifts 0, 0.5, ... 6."""
    from gui.views.network_plots import CurvesView, ShiftView

    curves, shifts = CurvesView(), ShiftView()
    qtbot.addWidget(curves)
    qtbot.addWidget(shifts)
    for axis, (low, high) in (
        (curves.loss_plot.getAxis("bottom"), (1, 3)),
        (curves.accuracy_plot.getAxis("bottom"), (1, 3)),
        (shifts.getPlotItem().getAxis("bottom"), (0, 6)),
    ):
        ticks = [value for _, values in axis.tickValues(low, high, 600) for value in values]
        assert ticks and all(float(value).is_integer() for value in ticks)
        assert set(range(low, high + 1)) <= {round(value) for value in ticks}


def test_the_large_channel_view_shows_no_axes_until_a_channel_is_clicked(qtbot):
    """Regression: before a click, the empty view drew axes of an empty range, "-1 .. 0
    (x0.001)"."""
    from gui.views.image_panel import ImagePanel

    panel = ImagePanel("Click a channel on the left")
    qtbot.addWidget(panel)
    panel.show_array(None, (0.0, 1.0))
    assert not panel.plot_item.getAxis("left").isVisible()
    assert not panel.plot_item.getAxis("bottom").isVisible()
    panel.show_array(np.ones((1, 4, 4)), (0.0, 1.0))
    panel.show()
    assert panel.plot_item.getAxis("left").isVisible()
    assert panel.plot_item.getAxis("bottom").isVisible()
    compact = ImagePanel("", compact=True)
    qtbot.addWidget(compact)
    compact.show_array(np.ones((1, 4, 4)), (0.0, 1.0))
    compact.show()
    assert not compact.plot_item.getAxis("left").isVisible()
