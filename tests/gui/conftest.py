"""GUI fixtures: a PoolScope window on a bundled sample, with settings kept in a temp file."""

import pyqtgraph as pg
import pytest

from engine.images import sample_path


@pytest.fixture(scope="session", autouse=True)
def collect_on_the_ui_thread(qapp):
    """As the window does (see ``MainThreadCollector``): a cycle of a closed test window freed
    on a job's thread deadlocked the suite."""
    from gui.qt_utils import MainThreadCollector, ui_thread_switching

    collector = MainThreadCollector()
    with ui_thread_switching():  # and the GIL handed back to the UI thread as quickly
        yield
    collector.stop()


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("POOLSCOPE_SETTINGS", str(tmp_path / "settings.ini"))
    pg.setConfigOptions(imageAxisOrder="row-major")
    return tmp_path / "settings.ini"


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Each test starts and ends in English, whatever the machine's language or the test
    before it chose (a switch installs translators for the whole application)."""
    from gui.i18n import LANGUAGE

    monkeypatch.setenv("POOLSCOPE_LANGUAGE", "en")
    LANGUAGE.install("en")
    yield
    LANGUAGE.install("en")


@pytest.fixture(autouse=True)
def default_memory_budget():
    """Edit > Memory budget sets a process-wide budget: each test starts and ends with the
    default, so one test's choice never refuses another's work."""
    from engine.ops.memory import set_budget_hint, set_memory_budget

    set_memory_budget(None)
    yield
    set_memory_budget(None)
    set_budget_hint(None)


@pytest.fixture
def errors(monkeypatch):
    """Error dialogs shown, as (title, message); no modal dialog ever blocks a test."""
    from gui.main_window import MainWindow

    shown = []
    monkeypatch.setattr(
        MainWindow, "show_error", lambda self, title, text: shown.append((title, text))
    )
    return shown


@pytest.fixture
def window(qtbot, errors):
    from gui.main_window import MainWindow

    main_window = MainWindow()
    main_window.ask_downscale = lambda path, megapixels, factor: "downscale"  # never a modal
    qtbot.addWidget(main_window)
    main_window.resize(1400, 820)
    main_window.show()
    qtbot.waitExposed(main_window)
    assert main_window.open_path(sample_path("digit"))
    main_window.fit_views()
    return main_window
