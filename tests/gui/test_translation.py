"""PoolScope in Chinese: the translation is complete, compiled, and the whole window shows no
English word (identifiers, code, numbers, framework and format names excepted).

The tour visits every tab, every experiment, the Network tab's pages (after a tiny training),
the backward view, matrix mode, a sequence and a volume, the gotcha gallery, every menu, and the
dialogs (their texts are caught as they open) and fails on any visible text that still holds an
English word (:func:`tests.gui.visible_text.english_words`).
"""

import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox, QTabWidget

from engine.images import sample_path
from engine.pooling.gotchas import GOTCHAS
from engine.pooling.kinds import KINDS
from engine.pooling.parameters import PoolParams
from gui.i18n import LANGUAGE, TRANSLATIONS
from tests.gui.visible_text import english_words, plain_text, untranslated

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = TRANSLATIONS / "poolscope_zh_CN.ts"


def test_every_string_of_the_window_has_a_finished_chinese_translation():
    # update.py --check compares what the code can show with the .ts: nothing missing, and
    # nothing left unfinished.
    finished = subprocess.run(
        [sys.executable, str(TRANSLATIONS / "update.py"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert finished.returncode == 0, finished.stdout[-3000:]
    messages = list(ElementTree.parse(TS_FILE).getroot().iter("message"))
    assert len(messages) > 500
    unfinished = [
        message.findtext("source")
        for message in messages
        if message.find("translation").get("type") == "unfinished"
        or not (message.findtext("translation") or "").strip()
    ]
    assert unfinished == []


def test_the_compiled_translation_is_the_one_from_the_sources(tmp_path):
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    built = tmp_path / "poolscope_zh_CN.qm"
    finished = subprocess.run(
        [str(lrelease), str(TS_FILE), "-qm", str(built)], capture_output=True, text=True
    )
    assert finished.returncode == 0, finished.stderr
    assert "unfinished" not in finished.stdout.replace("0 unfinished", "")
    assert built.read_bytes() == (TRANSLATIONS / "poolscope_zh_CN.qm").read_bytes()


def test_translations_keep_every_slot_and_tag_of_their_source():
    import re

    problems = []
    for message in ElementTree.parse(TS_FILE).getroot().iter("message"):
        source, translation = message.findtext("source"), message.findtext("translation") or ""
        for pattern in (r"\{[^{}]*\}", r"</?[a-zA-Z0-9]+"):
            if sorted(re.findall(pattern, source)) != sorted(re.findall(pattern, translation)):
                problems.append((source, translation))
        if source.count("\n") != translation.count("\n"):
            problems.append((source, translation))
    assert problems == []


@pytest.fixture
def chinese(qtbot, monkeypatch):
    """The application in Chinese, with every dialog caught instead of shown.
    (``POOLSCOPE_TOUR_LANGUAGE=pseudo`` takes the tour in the full-width pseudo language: what
    is still in plain letters there never went through the translation at all.)"""
    assert LANGUAGE.install(os.environ.get("POOLSCOPE_TOUR_LANGUAGE", "zh_CN"))
    shown: list[tuple[str, str]] = []

    def catch(*args, **kwargs):
        texts = [arg for arg in args if isinstance(arg, str)]
        shown.append(("dialog", " ".join(texts)))
        return QMessageBox.StandardButton.Ok

    for name in ("about", "information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(catch))

    def get_int(parent, title, label, *args, **kwargs):
        shown.append(("input dialog", f"{title} {label}"))
        return 2, False

    monkeypatch.setattr(QInputDialog, "getInt", staticmethod(get_int))

    def file_dialog(parent, caption, directory="", filters="", *args, **kwargs):
        shown.append(("file dialog", f"{caption} {filters}"))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(file_dialog))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(file_dialog))
    yield shown
    LANGUAGE.install("en")


def test_the_whole_window_in_chinese_shows_no_english_word(qtbot, chinese, tmp_path):
    from gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_error = lambda title, text: chinese.append(("error", f"{title} {text}"))
    window.show_message = lambda title, text, code="": chinese.append(
        ("message", f"{title} {text}")
    )
    window.confirm_overwrite = lambda path: False
    left: dict[str, str] = {}

    def look(where: str) -> None:
        QApplication.processEvents()
        for line in untranslated(window):
            left.setdefault(line, where)

    model = window.model
    assert window.open_path(sample_path("astronaut"))
    model.wait_until_idle()
    model.select_output(20, 30, pin=True)
    look("explore, astronaut")
    for name in KINDS:  # the controls and the arithmetic of every kind
        model.set_params(PoolParams(name, (3, 3), (2, 2), output_size=(4, 5), levels=(2, 1)))
        model.wait_until_idle()
        model.select_output(1, 1, pin=True)
        look(f"explore, {name}")
    model.set_params(PoolParams("max", (3, 3), (2, 2)))
    model.wait_until_idle()
    timeline = window.timeline
    timeline.direction.setCurrentIndex(timeline.direction.findData("backward"))
    window.animation.to_start()
    window.animation.step_forward()
    window.animation.routing_runner.wait_until_idle()
    look("backward view")
    timeline.direction.setCurrentIndex(timeline.direction.findData("forward"))
    window.set_mode("matrix")
    look("matrix mode")
    window.set_mode("image")
    for key in [item.key for item in GOTCHAS]:
        window.load_gotcha(key)
        model.wait_until_idle()
        look(f"gotcha {key}")
    model.set_image(np.arange(10, dtype=np.float32).reshape(1, 1, 10))  # a sequence
    look("sequence")
    np.save(tmp_path / "volume.npy", np.random.default_rng(0).random((4, 9, 9)))
    assert window.open_path(tmp_path / "volume.npy")
    model.wait_until_idle()
    model.select_output(1, 1, pin=True)
    look("volume")
    assert window.open_path(sample_path("digit"))
    model.wait_until_idle()
    for index in range(window.tabs.count()):  # every tab, and every page inside one
        window.tabs.setCurrentIndex(index)
        look(f"tab {index}")
        for pages in window.tabs.widget(index).findChildren(QTabWidget):
            for page in range(pages.count()):
                pages.setCurrentIndex(page)
                window.experiments.runner.wait_until_idle()
                look(f"tab {index} page {page}")
    network = window.network
    window.tabs.setCurrentWidget(network)
    network.model.set_settings(train_count=120, test_count=40, epochs=1, width=0.25)
    network.model.train()
    assert network.model.wait_until_idle(120)
    for pages in network.findChildren(QTabWidget):
        for page in range(pages.count()):
            pages.setCurrentIndex(page)
            look(f"network page {page}")
    window.tabs.setCurrentIndex(0)
    for action in window.menu_actions():  # every dialog and message a menu entry opens
        if action.text() and not action.isCheckable() and action.shortcut().toString() != "Ctrl+Q":
            action.setEnabled(True)
            action.trigger()
            model.wait_until_idle()
    look("after every menu action")
    for kind, text in chinese:
        if words := english_words(plain_text(text)):
            left.setdefault(f"{kind}: {text!r} {words}", "dialogs")
    assert sorted(left) == [], "\n".join(f"{where}: {line}" for line, where in left.items())
