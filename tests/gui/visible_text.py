"""Every text a person can read in the window, and the English words left in it.

Used by the translation tests: in Chinese (or in the full-width ``pseudo`` language) a plain
English word in a visible text is a string that never went through ``tr``/``translated``.
Identifiers, code, framework and format names, math and numbers are not words to translate.
"""

from __future__ import annotations

import re

import pyqtgraph as pg
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTableWidget,
    QTextEdit,
    QWidget,
)

NAMES = {
    # frameworks, libraries, formats, standards: written the same in every language
    "PyTorch", "TensorFlow", "Keras", "JAX", "Flax", "ONNX", "NumPy", "Pillow", "Qt", "PoolScope",
    "CNN", "PNG", "NPY", "CSV", "GIF", "TIFF", "JPEG", "BMP", "WebP", "EPS", "RGB", "CPU", "MB",
    "GB", "MiB", "KiB", "GiB", "TiB", "ms", "px", "SoftPool", "BlurPool", "Lp", "ReLU", "Adam",
    "MNIST", "Dense", "Conv2D", "Flatten", "MaxPooling2D", "AveragePooling2D", "None", "NaN",
    "inf", "SAME", "VALID", "NOTSET", "SAME_UPPER", "SAME_LOWER", "auto_pad", "lambda", "Ctrl",
    "Shift", "Alt", "Esc", "Space", "Home", "End", "PgUp", "PgDown", "Left", "Right", "Up",
    "Down", "F1", "Enter", "Tab", "Del", "True", "False", "English", "nan", "Python",
    "PySide6", "pyqtgraph", "linux", "flatten", "dense",  # Keras's own layer names
    "torch", "autograd", "softmax", "Theano", "Runtime", "Core", "ML", "onnxmltools", "Sobel",
    "Return", "in", "out", "before", "after", "ua",  # variables in formulas
    # authors of the papers a kind comes from, and the papers' names
    "Lin", "Chen", "Yan", "Zeiler", "Fergus", "Yu", "Stergiou", "Zhang", "He", "Sermanet",
    "Graham", "Network", "al", "et", "MaxPool", "AveragePool",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.]*")
# links, paths, issue ids, file patterns (*.png) and comparisons (window == max): not words
ADDRESSES = re.compile(r"https?://\S+|\S*/\S+|\*\.\w+|\w+\s*==\s*\w+")


def english_words(text: str) -> list[str]:
    """The words of ``text`` that are English to translate: two or more letters, not an
    identifier (``count_include_pad``, ``nn.MaxPool2d``, ``H_out``, ``MaxPool2d``), not a name
    of :data:`NAMES`, not code (a call ``max(``, an index ``out[``, a keyword ``stride=``, an
    attribute or suffix ``.npy``, a quoted value ``'same'``, a comparison)."""
    words = []
    text = ADDRESSES.sub(" ", text)  # links and file paths are not words to translate
    for match in WORD.finditer(text):
        word = match.group()
        after = text[match.end() : match.end() + 1]
        letters = re.sub(r"[^A-Za-z]", "", word)
        if len(letters) < 2 or word in NAMES or word.rstrip(".") in NAMES:
            continue
        if any(mark in word.rstrip(".") for mark in "_.") or any(c.isdigit() for c in word):
            continue  # an identifier, a file name or a versioned name
        if after in ("(", "[", "="):  # a call, an index or a keyword argument: code
            continue
        before = text[match.start() - 1 : match.start()]
        if before in (".", "'", '"', "`") or after in ("'", '"', "`"):
            continue  # an attribute, a file suffix or a quoted value: code
        if re.search(r"[a-z][A-Z]", word):  # camelCase / CapWords identifiers
            continue
        words.append(word)
    return words


def plain_text(html_or_text: str) -> str:
    return re.sub(r"<[^>]+>", " ", html_or_text).replace("&nbsp;", " ")


def visible_texts(window: QMainWindow, tooltips: bool = True) -> list[tuple[str, str]]:
    """(where, text) for every text shown by the window's visible widgets, its menus and its
    plots (titles, axis labels, legends, text items); ``tooltips`` adds their tooltips."""
    found: list[tuple[str, str]] = []

    def add(where: str, text: str) -> None:
        if text and text.strip():
            found.append((where, text))

    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or is_code(widget):
            continue
        name = widget.objectName() or type(widget).__name__
        if tooltips:
            add(f"{name} tooltip", widget.toolTip())
        if isinstance(widget, QLabel):
            add(name, plain_text(widget.text()))
        elif isinstance(widget, QAbstractButton):
            add(name, widget.text())
        elif isinstance(widget, QGroupBox):
            add(name, widget.title())
        elif isinstance(widget, QDockWidget):
            add(name, widget.windowTitle())
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                add(f"{name} item {index}", widget.itemText(index))
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                add(f"{name} tab {index}", widget.tabText(index))
                if tooltips:
                    add(f"{name} tab {index} tooltip", widget.tabToolTip(index))
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            add(name, widget.toPlainText())
        elif isinstance(widget, QLineEdit):
            add(f"{name} placeholder", widget.placeholderText())
        elif isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(column)
                add(f"{name} header {column}", header.text() if header else "")
            for row in range(widget.rowCount()):
                for column in range(widget.columnCount()):
                    item = widget.item(row, column)
                    add(f"{name} ({row}, {column})", item.text() if item else "")
        if isinstance(widget, pg.GraphicsView):
            found.extend(scene_texts(widget, name))
    for menu in window.menuBar().findChildren(QMenu):
        add("menu", menu.title())
        for action in menu.actions():
            add(f"menu {menu.title()}", action.text())
            if tooltips:
                add(f"menu {action.text()} tooltip", action.toolTip())
    return found


def is_code(widget: QWidget) -> bool:
    """Code views are excepted: their text is Python for PyTorch, Keras, JAX or ONNX."""
    while widget is not None:
        if widget.property("code"):
            return True
        widget = widget.parentWidget()
    return False


def scene_texts(view, name: str) -> list[tuple[str, str]]:
    texts = []
    for item in view.scene().items():
        if not item.isVisible():
            continue
        if isinstance(item, pg.LabelItem):
            texts.append((f"{name} label", plain_text(item.text)))
        elif isinstance(item, pg.TextItem):
            texts.append((f"{name} text", item.toPlainText()))
    return [(where, text) for where, text in texts if text.strip()]


def untranslated(window: QMainWindow, tooltips: bool = True) -> list[str]:
    """Every visible text still holding an English word, as ``where: text [words]``."""
    return [
        f"{where}: {text!r} {words}"
        for where, text in visible_texts(window, tooltips)
        if (words := english_words(text))
    ]
