"""Every feature is reached from a menu, every menu entry works, and the keys do what F1 says."""

import re
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QToolButton

from engine.images import sample_path
from engine.pooling.parameters import PoolParams

README_FEATURES = [
    "Open image",
    "Open recent",
    "Input as PNG",
    "Output as PNG",
    "Output as NPY (exact)",
    "Output as CSV",
    "Input gradient as PNG",
    "Input gradient as NPY (exact)",
    "Input gradient as CSV",
    "Forward animation as GIF",
    "Backward animation as GIF",
    "Save screenshot",
    "Copy as code",
    "Image mode",
    "Matrix mode",
    "Output at input scale",
    "Fit views",
    "Clear selection and coverage",
    "Play / pause",
    "Step back",
    "Step forward",
    "To the start",
    "To the end",
    "Backward pass (gradient routing)",
    "Keyboard shortcuts",
    "Open as sequences",
    "Open as volume",
    "Sequences as bars",
    "Frameworks side by side",
    "Next output slice",
    "Previous output slice",
    "Gotcha gallery",
    "Gotchas",
]


def plain(text: str) -> str:
    return text.replace("&", "").rstrip("…")


@pytest.fixture
def answered(monkeypatch, window, tmp_path):
    """Every dialog answered at once: files go to tmp_path; what was shown is recorded."""
    window.settings.set_value("last_folder", str(tmp_path))
    shown = []
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        staticmethod(lambda *args, **kwargs: (str(sample_path("checkerboard")), "")),
    )

    def save_name(parent, caption, default, *args, **kwargs):
        return str(tmp_path / Path(default).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    monkeypatch.setattr(QInputDialog, "getInt", staticmethod(lambda *args, **kwargs: (8, True)))
    monkeypatch.setattr(
        QMessageBox, "about", staticmethod(lambda *args: shown.append(("about", args[1])))
    )
    monkeypatch.setattr(
        type(window),
        "show_message",
        lambda self, title, text, code="": shown.append((title, text + code)),
    )
    monkeypatch.setattr(type(window), "confirm_overwrite", lambda self, path: True)
    return shown


def test_every_menu_action_works_with_dialogs_answered(qtbot, window, answered, tmp_path):
    window.model.set_params(PoolParams("max", (3, 3), (2, 2)))
    actions = window.menu_actions()
    assert len(actions) > 40
    quit_action = next(action for action in actions if plain(action.text()) == "Quit")
    for action in actions:
        if action is quit_action:
            continue
        action.setEnabled(True)  # the stepping keys are disabled until one steps
        action.trigger()
        window.model.wait_until_idle()
    written = sorted(path.name for path in tmp_path.iterdir() if path.suffix != ".ini")
    assert {"input.png", "output.png", "output.npy", "output.csv", "gradient.npy"} <= set(written)
    assert {"forward.gif", "backward.gif", "poolscope.png"} <= set(written)
    titles = [title for title, _ in answered]
    assert "Keyboard shortcuts" in titles and "Copied as code" in titles and "about" in titles
    quit_action.trigger()
    assert not window.isVisible()


def test_every_feature_the_readme_names_has_a_menu_entry(window):
    texts = {plain(action.text()) for action in window.menu_actions()}
    texts |= {plain(menu.title()) for menu in window.findChildren(type(window.recent_menu))}
    assert [feature for feature in README_FEATURES if feature not in texts] == []


def readme_text() -> str:
    return (Path(__file__).resolve().parents[2] / "README.md").read_text().replace("\n", " ")


def menu_entries(window) -> dict[str, set[str]]:
    """Each top menu's title and the plain texts of every entry and submenu under it."""
    entries = {}
    for top in window.menuBar().actions():
        found, menus = set(), [top.menu()]
        while menus:
            menu = menus.pop()
            for action in menu.actions():
                found.add(plain(action.text()))
                if action.menu() is not None:
                    menus.append(action.menu())
        entries[plain(top.text())] = found
    return entries


def test_every_menu_path_the_readme_names_exists(window):
    # Read from the README itself, so a feature documented later without a menu entry fails.
    entries = menu_entries(window)
    mentions = re.findall(
        r"\b(File|Edit|View|Pooling|Playback|Help) > ((?:[\w/-]+)(?: [\w/-]+)*)", readme_text()
    )
    assert len(mentions) >= 10
    missing = []
    for menu, words in mentions:
        # "File > Open recent or from the samples": the entry is a leading run of the words.
        prefixes = [" ".join(words.split()[:count]) for count in range(1, len(words.split()) + 1)]
        if not any(prefix in entries[menu] for prefix in prefixes):
            missing.append(f"{menu} > {words}")
    assert missing == []


def test_every_shortcut_the_readme_names_belongs_to_an_action(window):
    shortcuts = {
        action.shortcut().toString() for action in window.menu_actions() if action.shortcut()
    }
    named = set(re.findall(r"\b(?:Ctrl|Alt|Shift)\+[\w+.]+\b", readme_text()))
    assert len(named) >= 10
    expanded = set()
    for key in named:
        if key.endswith("1..9"):  # "Ctrl+1..9"
            expanded |= {key.replace("1..9", str(number)) for number in range(1, 10)}
        else:
            expanded.add(key)
    assert sorted(expanded - shortcuts) == []


def test_f1_lists_the_shortcuts_of_the_actions_themselves(window, answered):
    window.show_shortcuts()
    text = answered[-1][1]
    for key in [
        "Ctrl+O",
        "Ctrl+Shift+C",
        "Ctrl+P",
        "Ctrl+0",
        "Esc",
        "Space",
        "Left",
        "Right",
        "Home",
        "End",
        "F1",
        "Ctrl+M",
        "Ctrl+B",
        "Ctrl+Shift+F",
        "Ctrl+Shift+B",
        "Ctrl+Shift+O",
        "Ctrl+Alt+O",
        "Ctrl+G",
        "PgDown",
        "PgUp",
    ]:
        assert any(line.split()[0] == key for line in text.splitlines() if line), key
    for number in range(1, 10):
        assert f"Ctrl+{number}" in text
    assert "Mouse:" in text


def test_escape_clears_the_selection_and_the_coverage(qtbot, window):
    window.model.select_output(3, 3)
    window.model.set_coverage_pixel(5, 5)
    assert window.output_panel.overlay.marked
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.model.selected is None and window.model.coverage_pixel is None
    assert window.output_panel.overlay.marked == []
    assert window.input_panel.overlay.window is None


def test_space_plays_and_home_end_jump(qtbot, window):
    animation = window.animation
    qtbot.keyClick(window, Qt.Key.Key_Home)
    assert animation.count == 0
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert animation.playing
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert not animation.playing
    qtbot.keyClick(window, Qt.Key.Key_End)
    assert animation.count == animation.total()


def test_image_and_matrix_are_one_click_apart(qtbot, window):
    digit = window.model.image
    qtbot.mouseClick(window.findChild(QToolButton, "mode_matrix"), Qt.MouseButton.LeftButton)
    assert window.mode == "matrix" and window.source_pages.currentWidget() is window.matrix_panel
    assert window.model.image.shape == (1, 4, 4)  # the classic example when nothing was typed
    presets = window.matrix_panel.presets
    assert presets.currentText().startswith("Classic 4x4")
    window.model.update_params(kernel_size=(3, 3))
    assert presets.currentIndex() == 0  # now it is the user's own setting
    window.model.update_params(kernel_size=(2, 2))
    assert presets.currentText().startswith("Classic 4x4")
    qtbot.mouseClick(window.findChild(QToolButton, "mode_image"), Qt.MouseButton.LeftButton)
    assert window.mode == "image" and window.source_pages.currentWidget() is window.image_source
    np.testing.assert_array_equal(window.model.image, digit)


def test_use_as_input_switches_to_explore_and_says_so(qtbot, window):
    feature = window.show_experiment("Feature")
    window.experiments.runner.wait_until_idle()
    qtbot.mouseClick(feature.use_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentIndex() == 0
    assert "now the input" in window.statusBar().currentMessage()


def test_a_new_input_is_fitted_to_its_own_size(qtbot, window):
    # Regression: switching to Matrix mode kept the 28 x 28 digit's zoom for a 4 x 4 matrix,
    # because the fit used the previous image's window reach.
    qtbot.mouseClick(window.findChild(QToolButton, "mode_matrix"), Qt.MouseButton.LeftButton)
    shown = window.input_panel.plot_item.getViewBox().viewRect()
    assert shown.width() < 12 and shown.height() < 12


def test_memory_budget_is_chosen_in_the_edit_menu_and_remembered(qtbot, window, monkeypatch):
    from engine.ops.memory import memory_budget

    monkeypatch.setattr(QInputDialog, "getInt", staticmethod(lambda *args, **kwargs: (1, True)))
    action = next(a for a in window.menu_actions() if plain(a.text()) == "Memory budget")
    action.trigger()
    assert memory_budget() == 2**20
    assert window.settings.value_float("memory_budget_megabytes", 0.0) == 1.0
    window.model.set_params(PoolParams("softpool", (9, 9), (1, 1)))
    window.model.set_image(np.random.default_rng(0).random((3, 300, 300)).astype(np.float32))
    window.model.wait_until_idle()
    assert "memory" in window.model.error.lower()  # refused in a sentence, nothing allocated
    assert "Edit > Memory budget" in window.model.error  # naming the setting to change
    monkeypatch.setattr(QInputDialog, "getInt", staticmethod(lambda *args, **kwargs: (0, True)))
    action.trigger()
    window.model.wait_until_idle()
    assert memory_budget() > 2**20 and window.model.error == ""  # the default again
