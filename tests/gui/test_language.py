"""View > Language and --lang: the window is rebuilt in the language chosen, which is
remembered; a busy window switches without an exception and without waiting.

The Chinese translation is not written yet, so what the switch shows is checked in the
``pseudo`` language (every translated string in full-width letters), and the Chinese switch
only for what does not depend on the translations' content.
"""

import time

import pytest
import shiboken6
from PIL import Image
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

import gui.main_window
from engine.images import sample_path
from gui.app import LANGUAGE_CODES, main
from gui.i18n import CONTEXT, LANGUAGE, LANGUAGES, pseudo
from gui.main_window import MainWindow
from gui.models.pool_model import PoolModel
from gui.models.settings import Settings
from tests.gui.visible_text import english_words

MENU_TITLES = ["&File", "&Edit", "&Pooling", "&View", "P&layback", "&Help"]


@pytest.fixture
def english():
    """Each test starts in English and leaves the process in English."""
    LANGUAGE.install("en")
    yield
    LANGUAGE.install("en")


@pytest.fixture
def first_window(qtbot, errors, english):
    """A window on the digit, not registered with qtbot: a language switch replaces it, and
    the one shown last (``QApplication.instance().poolscope_window``) is closed at the end."""
    window = MainWindow()
    window.ask_downscale = lambda *_: "full"
    window.resize(1300, 800)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(sample_path("digit"))
    yield window
    application = QApplication.instance()
    for shown in (getattr(application, "poolscope_window", None), window):
        if shown is not None and shiboken6.isValid(shown):
            shown.close()
    if hasattr(application, "poolscope_window"):
        del application.poolscope_window


@pytest.fixture
def pseudo_entry(monkeypatch):
    """View > Language offers the pseudo language too (windows built from now on)."""
    monkeypatch.setitem(gui.main_window.LANGUAGES, "pseudo", "Pseudo")


def menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def language_entry(window, name: str):
    """The entry called ``name`` under View > Language, found as a person finds it."""
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == menu_titles(window)[3])
    language = next(a.menu() for a in view.actions() if a.menu() is window.language_menu)
    return next(action for action in language.actions() if action.text() == name)


def choose(qtbot, window, name: str) -> MainWindow:
    """Choose a language in the menu; the window the application keeps afterwards."""
    with qtbot.waitSignal(window.replaced, timeout=5000):
        language_entry(window, name).trigger()
    new = QApplication.instance().poolscope_window
    qtbot.waitExposed(new)
    return new


def test_view_language_lists_each_language_in_its_own_words(first_window):
    entries = first_window.language_menu.actions()
    assert [action.text() for action in entries] == list(LANGUAGES.values())
    assert [action.text() for action in entries] == ["English", "简体中文"]
    assert all(action.isCheckable() for action in entries)
    assert entries[0].actionGroup() is entries[1].actionGroup()
    assert entries[0].actionGroup().isExclusive()
    assert [action.isChecked() for action in entries] == [True, False]


def test_choosing_chinese_rebuilds_the_window_on_the_same_model(qtbot, first_window):
    old, model = first_window, first_window.model
    model.select_output(3, 4, pin=True)
    geometry = old.geometry()
    new = choose(qtbot, old, "简体中文")
    assert LANGUAGE.code == "zh_CN"
    assert new is not old and new.model is model and model.parent() is new
    assert not old.isVisible() and new.isVisible()
    assert new.geometry().size() == geometry.size()
    # What the titles are depends on the translations: they are whatever Chinese says now.
    assert menu_titles(new) == [QCoreApplication.translate(CONTEXT, t) for t in MENU_TITLES]
    assert new.language_actions["zh_CN"].isChecked()
    assert not new.language_actions["en"].isChecked()
    assert Settings().language() == "zh_CN"  # remembered for the next start
    # The new window shows the input and the pinned cell the old one showed.
    assert new.input_panel.image_item.image is not None
    assert model.selected == (3, 4) and model.pinned
    assert new.windowTitle() == "PoolScope: digit_28x28.png"


def test_the_switch_shows_the_new_language_and_back(qtbot, pseudo_entry, first_window):
    assert menu_titles(first_window) == MENU_TITLES
    pseudo_window = choose(qtbot, first_window, "Pseudo")
    assert LANGUAGE.code == "pseudo"
    assert menu_titles(pseudo_window) == [pseudo(title) for title in MENU_TITLES]
    assert menu_titles(pseudo_window) != MENU_TITLES
    assert pseudo_window.language_actions["pseudo"].isChecked()
    english_window = choose(qtbot, pseudo_window, "English")
    assert LANGUAGE.code == "en"
    assert menu_titles(english_window) == MENU_TITLES
    assert english_window.cancel_button.text() == "Cancel"
    assert english_window.language_actions["en"].isChecked()
    assert Settings().language() == "en"


def test_choosing_the_language_shown_changes_nothing(qtbot, first_window):
    language_entry(first_window, "English").trigger()
    assert first_window.isVisible() and LANGUAGE.code == "en"
    assert getattr(QApplication.instance(), "poolscope_window", None) is None


def test_a_translation_that_cannot_load_is_said_and_english_stays(
    qtbot, first_window, errors, monkeypatch
):
    monkeypatch.setattr(type(LANGUAGE), "install", fail_but_english)
    assert first_window.choose_language("zh_CN") is None
    assert first_window.isVisible() and LANGUAGE.code == "en"
    assert errors and "could not be loaded" in errors[-1][1]
    assert first_window.language_actions["en"].isChecked()
    assert Settings().language() is None


def fail_but_english(language, code):
    language.code = "en"
    return code == "en"


def test_the_rebuilt_window_keeps_mode_tab_and_step(qtbot, pseudo_entry, first_window):
    old = first_window
    old.set_mode("matrix")
    old.load_gotcha("ceil_last_window")  # Matrix mode, its input and the gallery's entry
    old.animation.set_direction("backward")
    old.animation.set_count(2)
    old.physical_action.trigger()
    new = choose(qtbot, old, "Pseudo")
    assert new.mode == "matrix" and new.mode_switch.buttons["matrix"].isChecked()
    assert new.source_pages.currentWidget() is new.matrix_panel
    assert new.animation.direction == "backward" and new.animation.count == 2
    assert new.physical_action.isChecked()
    assert new.timeline.direction.currentData() == "backward"
    assert new.gallery.list.currentItem() is not None
    assert new.tabs.currentWidget() is new.explore


def test_a_busy_window_switches_without_failing_or_waiting(qtbot, first_window):
    old = first_window
    model = old.model
    model.synchronous_limit = 0  # every pooling goes to the background
    assert old.open_path(sample_path("astronaut"))
    model.update_params(kernel_size=(7, 7), stride=(1, 1))
    old.settings.set_value("background_load_megapixels", "0.001")
    assert old.open_path(sample_path("checkerboard"))  # loads in the background
    old.tabs.setCurrentWidget(old.experiments)  # the experiments compute in the background too
    assert model.busy and old.pending_path is not None
    started = time.monotonic()
    new = old.choose_language("zh_CN")
    took = time.monotonic() - started
    assert new is not None and LANGUAGE.code == "zh_CN"
    assert took < 3.0  # built at once, never waiting for a job
    assert new.tabs.currentWidget() is new.experiments
    assert new.busy_indicator.isVisibleTo(new)
    qtbot.waitUntil(lambda: not model.busy, timeout=60_000)
    assert model.image_path.name == "checkerboard_64x64.png"
    assert model.result is not None and model.result.params.kernel_size == (7, 7)
    assert new.windowTitle() == "PoolScope: checkerboard_64x64.png"  # the load it took over
    assert new.output_panel.image_item.image is not None
    assert not new.busy_indicator.isVisibleTo(new)
    model.update_params(kernel_size=(3, 3))  # the new window goes on working
    qtbot.waitUntil(lambda: not model.busy, timeout=60_000)
    assert model.result.params.kernel_size == (3, 3)


def test_a_model_given_to_a_window_is_adopted_when_nobody_owns_it(qtbot, errors):
    model = PoolModel()
    window = MainWindow(model)
    qtbot.addWidget(window)
    assert window.model is model and model.parent() is window
    owned = PoolModel(window)
    other = MainWindow(owned)
    qtbot.addWidget(other)
    assert owned.parent() is window  # already owned: left where it is


def visible_words(root: QWidget) -> list[str]:
    """The English words in the texts of ``root`` and its visible children."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        texts = [widget.toolTip()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(index) for index in range(widget.count())]
        if isinstance(widget, QPlainTextEdit):
            texts.append(widget.placeholderText())
        found += [
            f"{widget.objectName()}: {word}" for text in texts for word in english_words(text)
        ]
    return found


def test_the_settings_matrix_timeline_formula_and_gallery_speak_the_pseudo_language(
    qtbot, errors, english
):
    LANGUAGE.install("pseudo")
    window = MainWindow()
    window.ask_downscale = lambda *_: "full"
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(sample_path("astronaut"))
    window.model.wait_until_idle()
    panels = [window.mode_switch, window.image_source, window.timeline, window.formula]
    panels += [window.explore.try_card]
    assert [word for panel in panels for word in visible_words(panel)] == []
    window.set_mode("matrix")
    window.matrix_panel.editor.setPlainText("1 2\n3 x")
    window.matrix_panel.apply()
    assert [word for word in visible_words(window.matrix_panel)] == []
    window.load_gotcha("tie_first_max")
    window.animation.set_direction("backward")
    window.animation.set_count(1)
    gallery = window.gallery.list, window.gallery.findChild(QLabel)
    assert [word for panel in (*gallery, window.timeline) for word in visible_words(panel)] == []
    details = window.gallery.details.toPlainText()
    links = "github.com pytorch tensorflow Theano issues"  # the issue addresses stay as they are
    assert [w for w in english_words(details) if w not in links] == []
    assert [w for w in english_words(window.formula.text())] == []
    window.model.update_params(kernel_size=(40, 40))
    assert window.formula.text().startswith(pseudo("Cannot pool with these settings"))
    entries = [
        action.text() for top in window.menuBar().actions() for action in top.menu().actions()
    ]
    entries += [menu.text() for menu in window.menuBar().actions()]
    entries += [action.text() for action in window.menu_actions()]
    entries += [action.toolTip() for action in window.menu_actions()]
    recent = [action.text() for action in window.recent_menu.actions()]  # file paths
    entries = [text for text in entries if text not in recent]
    assert [word for text in entries for word in english_words(text)] == []


def test_language_codes_of_the_command_line_are_the_window_languages():
    assert LANGUAGE_CODES == list(LANGUAGES)


@pytest.fixture
def languages_shown(monkeypatch, english):
    """The language the window was in when --screenshot saved it (main() then restores the
    language it found)."""
    shown = []
    save = MainWindow.save_screenshot

    def recording(window, path):
        shown.append((LANGUAGE.code, menu_titles(window)))
        save(window, path)

    monkeypatch.setattr(MainWindow, "save_screenshot", recording)
    return shown


@pytest.mark.parametrize("code", ["zh_CN", "en"])
def test_lang_chooses_the_language_of_a_screenshot(tmp_path, qapp, languages_shown, code):
    out = tmp_path / "shot.png"
    assert main(["--lang", code, "--screenshot", str(out)]) == 0
    with Image.open(out) as image:
        assert image.size == (1366, 768)
    assert [language for language, _ in languages_shown] == [code]
    assert LANGUAGE.code == "en"  # main() leaves the language it found


def test_start_up_uses_the_remembered_language_unless_lang_is_given(
    tmp_path, qapp, languages_shown, monkeypatch
):
    monkeypatch.setattr("gui.i18n.system_language", lambda: "en")
    Settings().set_language("zh_CN")
    assert main(["--screenshot", str(tmp_path / "remembered.png")]) == 0
    assert main(["--lang", "en", "--screenshot", str(tmp_path / "asked.png")]) == 0
    assert [language for language, _ in languages_shown] == ["zh_CN", "en"]


def test_start_up_without_a_choice_follows_the_system(tmp_path, qapp, languages_shown, monkeypatch):
    monkeypatch.setattr("gui.i18n.system_language", lambda: "zh_CN")
    assert main(["--screenshot", str(tmp_path / "system.png")]) == 0
    monkeypatch.setattr("gui.i18n.system_language", lambda: "en")
    assert main(["--screenshot", str(tmp_path / "english.png")]) == 0
    assert [language for language, _ in languages_shown] == ["zh_CN", "en"]


def test_an_unknown_lang_is_refused_in_one_line(tmp_path, qapp, capsys):
    assert main(["--lang", "fr", "--screenshot", str(tmp_path / "shot.png")]) == 2
    error = capsys.readouterr().err
    assert "--lang" in error and len(error.strip().splitlines()) == 1
