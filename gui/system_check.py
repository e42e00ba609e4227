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
