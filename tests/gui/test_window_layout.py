"""The window on real screen sizes: nothing clipped, sliders usable, docks remembered."""

import pytest
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QDockWidget,
    QMainWindow,
    QSlider,
    QTabBar,
    QWidget,
)

from engine.images import sample_path
from engine.pooling.parameters import PoolParams

LAPTOP_SIZES = [(1024, 640), (1280, 720), (1366, 768), (1920, 1080), (2560, 1440)]


def clipped_widgets(window: QMainWindow) -> list[str]:
    """Visible widgets that stick out of their parent (scrolled content excepted)."""
    problems = []
    for widget in window.findChildren(QWidget):
        parent = widget.parentWidget()
        if parent is None or not widget.isVisible() or isinstance(parent, QMainWindow):
            continue
        if isinstance(widget, QDockWidget) or isinstance(parent, QTabBar):
            continue
        if any(isinstance(ancestor, QAbstractScrollArea) for ancestor in ancestors(widget)):
            continue  # content inside a scroll area scrolls instead of being cut
        if not parent.rect().contains(widget.geometry()):
            name = widget.objectName() or type(widget).__name__
            problems.append(f"{name} {widget.geometry()} in {parent.rect()}")
    return problems


def clipped_plots(window: QMainWindow) -> list[str]:
    """Image views whose plot (title, axes, colour bar) needs more width or height than its
    view has: pyqtgraph then draws it past the view's edge, cutting the title and the bar."""
    from PySide6.QtCore import Qt

    problems = []
    for panel in (window.input_panel, window.output_panel, window.gradient_panel):
        if not panel.isVisible():
            continue
        needed = panel.plot_item.effectiveSizeHint(Qt.SizeHint.MinimumSize)
        viewport = panel.plot_widget.viewport()
        if needed.width() > viewport.width() or needed.height() > viewport.height():
            problems.append(
                f"{panel.plot_item.titleLabel.text!r} needs {needed.width():.0f} x "
                f"{needed.height():.0f} (W x H), has {viewport.width()} x {viewport.height()}"
            )
    return problems


def ancestors(widget: QWidget):
    parent = widget.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


@pytest.mark.parametrize("size", LAPTOP_SIZES, ids=[f"{w}x{h}" for w, h in LAPTOP_SIZES])
def test_nothing_is_clipped_and_sliders_stay_usable(qtbot, window, size):
    window.resize(*size)
    window.arrange_docks()
    qtbot.waitUntil(lambda: window.width() == size[0], timeout=2000)
    window.open_path(sample_path("astronaut"))  # the longest titles: RGB, numbers named
    window.model.wait_until_idle(10_000)
    for name in ("max", "avg", "stochastic", "spp"):
        window.model.update_params(pool_type=name)
        qtbot.wait(10)
        assert clipped_widgets(window) == [], name
        assert clipped_plots(window) == [], name
    window.timeline.direction.setCurrentIndex(window.timeline.direction.findData("backward"))
    qtbot.wait(10)
    assert clipped_widgets(window) == []
    assert clipped_plots(window) == []
    assert not window.details_dock.visibleRegion().isEmpty()  # the arithmetic stays in sight
    scrubber = window.findChild(QSlider, "scrubber")
    speed = window.findChild(QSlider, "speed")
    assert scrubber.width() >= 120 and speed.width() >= 120
    views = sum(
        panel.width()
        for panel in (window.input_panel, window.output_panel, window.gradient_box)
        if panel.isVisible()
    )
    assert views > window.width() * 0.45  # the views get most of the area


def test_minimum_size_fits_a_small_laptop(window):
    hint = window.minimumSizeHint()
    assert window.minimumWidth() <= 1024 and window.minimumHeight() <= 640
    assert hint.width() <= 1024 and hint.height() <= 640


def test_panels_can_be_closed_and_are_remembered(qtbot, window, isolated_settings):
    from gui.main_window import MainWindow

    window.details_dock.toggleViewAction().trigger()
    assert not window.details_dock.isVisible()
    window.save_settings()
    reopened = MainWindow()
    qtbot.addWidget(reopened)
    reopened.show()
    assert not reopened.details_dock.isVisible() and reopened.settings_dock.isVisible()


def test_narrow_screens_put_the_details_under_the_settings_in_sight(qtbot, window):
    window.resize(1024, 640)
    window.arrange_docks()
    qtbot.waitUntil(lambda: window.width() == 1024, timeout=2000)
    assert window.details_dock not in window.tabifiedDockWidgets(window.settings_dock)
    assert window.dockWidgetArea(window.details_dock) == window.dockWidgetArea(window.settings_dock)
    assert window.details_dock.y() > window.settings_dock.y()
    assert not window.details_dock.visibleRegion().isEmpty()


def test_every_control_has_an_object_name_and_a_tooltip(window):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit

    kinds = (QAbstractSpinBox, QComboBox, QAbstractButton, QSlider, QLineEdit)
    controls = [
        widget
        for widget in window.findChildren(QWidget)
        if isinstance(widget, kinds)
        and not isinstance(widget.parentWidget(), QTabBar)
        and type(widget).__name__ not in ("QScrollBar", "QDockWidgetTitleButton")
        and not widget.objectName().startswith("qt_")
    ]
    assert len(controls) > 30
    unnamed = [type(widget).__name__ for widget in controls if not widget.objectName()]
    untipped = [widget.objectName() for widget in controls if not widget.toolTip()]
    assert unnamed == [] and untipped == []
    for name in (
        "pool_type",
        "kernel_height",
        "kernel_width",
        "stride_height",
        "stride_width",
        "padding_height",
        "dilation_height",
        "ceil_mode",
        "mode_image",
        "mode_matrix",
        "scrubber",
        "speed",
        "play",
        "direction",
        "upstream",
    ):
        assert window.findChild(QWidget, name) is not None, name


def test_sizes_are_written_height_by_width(window):
    window.open_path(sample_path("checkerboard"))
    window.model.set_image(window.model.image[:, :40, :64])
    window.model.set_params(PoolParams("max", (2, 4), (2, 4)))
    assert "Input 40 x 64 (H x W)" in window.input_panel.full_title
    assert "Output 20 x 16 (H x W)" in window.output_panel.full_title
    assert "1 x 40 x 64 (C x H x W)" in window.formula.text()
    window.model.select_output(0, 0)
    assert "of the 40 x 64 (H x W) input" in window.info_panel.toPlainText()


def test_the_network_tab_gets_the_whole_window_and_gives_the_docks_back(qtbot, window):
    docks = (window.settings_dock, window.details_dock, window.formula_dock)
    window.tabs.setCurrentWidget(window.network)
    assert not any(dock.isVisible() for dock in docks)
    window.save_settings()  # while they are set aside: not remembered as closed
    window.tabs.setCurrentWidget(window.explore)
    assert all(dock.isVisible() for dock in docks)
    state = window.settings.value_bytes("window_state")
    assert state is None or window.restoreState(state)
    assert all(dock.isVisible() for dock in docks)


def test_the_network_tab_chosen_before_the_window_shows_sets_the_docks_aside_too(qtbot, errors):
    """Regression: ``--tab network`` switches before the first show, when no dock is visible
    yet, so none was set aside and the Chinese screenshot showed the pooling docks."""
    from gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.tabs.setCurrentWidget(window.network)
    window.show()
    docks = (window.settings_dock, window.details_dock, window.formula_dock)
    assert not any(dock.isVisible() for dock in docks)
    window.tabs.setCurrentWidget(window.explore)
    assert all(dock.isVisible() for dock in docks)
