"""Before Qt opens a window on Linux: are the system libraries its xcb plugin needs there?

Without them Qt aborts with a wall of plugin text; PoolScope says in one line which Debian or
Ubuntu package to install instead. Qt 6.5 and later need ``libxcb-cursor0``, which Ubuntu does
not install by default.
"""

from __future__ import annotations

import ctypes.util
import os
import sys

XCB_LIBRARIES = {
    # the library Qt's xcb plugin loads: the Debian/Ubuntu package that has it
    "xcb-cursor": "libxcb-cursor0",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-render-util": "libxcb-render-util0",
}


def uses_xcb(environment=os.environ, platform: str = sys.platform) -> bool:
    """Whether Qt will try its xcb (X11) plugin here."""
    chosen = environment.get("QT_QPA_PLATFORM", "")
    if not platform.startswith("linux") or (chosen and not chosen.startswith("xcb")):
        return False
    if not chosen and environment.get("WAYLAND_DISPLAY"):
        return False  # Qt prefers Wayland in a Wayland session
    return bool(environment.get("DISPLAY"))


def missing_packages(find_library=ctypes.util.find_library) -> list[str]:
    """The packages whose libraries Qt's xcb plugin needs and cannot find."""
    return [package for library, package in XCB_LIBRARIES.items() if find_library(library) is None]


def window_system_problem(environment=os.environ, find_library=ctypes.util.find_library):
    """One line saying what to install, or None when a window can open."""
    if not uses_xcb(environment):
        return None
    missing = missing_packages(find_library)
    if not missing:
        return None
    return (
        "Qt needs these system packages to open a window on Linux: "
        f"sudo apt install {' '.join(missing)}"
    )


class PlatformFailureHint:
    """While the QApplication starts: hold back Qt's platform-plugin messages and, if the
    plugin cannot load after all, say in a few lines what to do instead of Qt's wall of text
    (the check above cannot foresee every cause: no display, a broken library, ...).

    ``with PlatformFailureHint(): app = QApplication(...)``; messages held back are passed on
    when the start succeeds.
    """

    def __init__(self, stream=None, exit_process=os._exit):
        self.stream = stream
        self.exit_process = exit_process
        self.held: list[str] = []

    def __enter__(self) -> PlatformFailureHint:
        from PySide6.QtCore import qInstallMessageHandler

        self.previous = qInstallMessageHandler(self.on_message)
        return self

    def __exit__(self, *exception) -> None:
        from PySide6.QtCore import qInstallMessageHandler

        qInstallMessageHandler(self.previous)
        for message in self.held:  # the start worked: they were only warnings
            self.write(message)

    def write(self, text: str) -> None:
        stream = self.stream or sys.stderr
        stream.write(text + "\n")
        stream.flush()

    def on_message(self, mode, context, message: str) -> None:
        from PySide6.QtCore import QtMsgType

        category = context.category or ""
        if mode == QtMsgType.QtFatalMsg and "platform plugin" in message:
            self.write(failure_text(self.held))
            self.exit_process(1)  # Qt would abort() next, with a core dump
        elif category.startswith("qt.qpa"):
            self.held.append(f"{category}: {message}")
        elif self.previous is not None:
            self.previous(mode, context, message)
        else:
            self.write(message)


def failure_text(details: list[str]) -> str:
    """What to do when Qt's window plugin failed to load, with Qt's first reason."""
    reason = next((line for line in details if "needed" not in line), details[0] if details else "")
    missing = missing_packages()
    packages = " ".join(missing or XCB_LIBRARIES.values())
    return (
        "PoolScope could not open a window: Qt's window-system plugin failed to load"
        + (f" ({reason})" if reason else "")
        + ".\n"
        + ("Is a display running? DISPLAY is not set.\n" if not os.environ.get("DISPLAY") else "")
        + f"On Debian or Ubuntu, Qt's xcb plugin needs: sudo apt install {packages}\n"
        + "Without a screen, the command-line options (--export, --screenshot) work with "
        + "QT_QPA_PLATFORM=offscreen."
    )
