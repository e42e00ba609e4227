"""One handler for every unexpected exception: log it, tell the user, keep the window alive.

An exception that escapes a Qt slot (or a worker thread) would otherwise only print a
traceback, or end the program. :func:`install` routes both ``sys.excepthook`` and
``threading.excepthook`` here: the traceback goes to a log file in the user's data folder, and
a dialog shows a short message, the log's path and a "Copy details" button.
"""

from __future__ import annotations

import datetime
import os
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from engine.text import Text
from gui.i18n import message_of, tr


def log_folder() -> Path:
    """The user's data folder for PoolScope (POOLSCOPE_LOG_DIR overrides it, for tests)."""
    override = os.environ.get("POOLSCOPE_LOG_DIR")
    if override:
        return Path(override)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location or Path.home() / ".poolscope")


def write_log(details: str) -> Path | None:
    """Append a dated traceback to ``crash.log``; returns its path (None if unwritable)."""
    try:
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "crash.log"
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {datetime.datetime.now().isoformat(timespec='seconds')}\n{details}\n")
        return path
    except OSError:
        return None


class CrashReporter(QObject):
    """Receives exceptions from any thread and shows them in the UI thread."""

    reported = Signal(str, str)  # short message, details
    shown: list[tuple[str, str, Path | None]]

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.shown = []
        self.show_dialogs = True
        self.reported.connect(self._on_reported, Qt.ConnectionType.QueuedConnection)

    def handle(self, kind, value, trace) -> None:
        details = "".join(traceback.format_exception(kind, value, trace))
        said = value.args[0] if isinstance(value, BaseException) and value.args else None
        text = message_of(value) if isinstance(said, Text) else str(value)  # str: KeyError's quotes
        message = f"{kind.__name__}: {text}".splitlines()[0][:300]
        self.reported.emit(message, details)

    def _on_reported(self, message: str, details: str) -> None:
        path = write_log(details)
        self.shown.append((message, details, path))
        if self.show_dialogs:
            self.show_dialog(message, details, path)

    def show_dialog(self, message: str, details: str, path: Path | None) -> None:
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Something went wrong"))
        box.setText(
            tr("PoolScope hit an unexpected problem and kept going:\n\n{message}").format(
                message=message
            )
        )
        box.setInformativeText(
            tr("The details were written to {path}. Your image and settings are unchanged.").format(
                path=path
            )
            if path
            else tr("No log could be written. Your image and settings are unchanged.")
        )
        box.setDetailedText(details)
        copy = QPushButton(tr("Copy details"))
        box.addButton(copy, QMessageBox.ButtonRole.ActionRole)
        copy.clicked.disconnect()  # keep the box open after copying
        copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
        box.addButton(QMessageBox.StandardButton.Ok)
        box.exec()


def install(reporter: CrashReporter):
    """Route uncaught exceptions of the UI thread and of worker threads to ``reporter``.

    Returns a function that puts the previous hooks back.
    """
    previous = sys.excepthook, threading.excepthook

    def uninstall() -> None:
        sys.excepthook, threading.excepthook = previous

    sys.excepthook = reporter.handle
    threading.excepthook = lambda args: reporter.handle(
        args.exc_type, args.exc_value, args.exc_traceback
    )
    return uninstall
