"""The window's language: English or Simplified Chinese, through Qt's translation system.

Every string the window shows goes through :func:`tr` (the window's own words) or
:func:`translated` (sentences the engine wrote as :class:`~engine.text.Text`, error messages
included). One translation context, ``PoolScope``, holds them all, so a term is translated the
same way wherever it appears (the glossary is ``gui/translations/glossary.md``). The sources
are ``gui/translations/poolscope_zh_CN.ts``, made by ``gui/translations/update.py``; the
compiled ``.qm`` beside it is what :func:`install_language` loads, with Qt's own
``qtbase_zh_CN.qm`` so standard dialogs follow.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from engine.text import Text

CONTEXT = "PoolScope"
TRANSLATIONS = Path(__file__).resolve().parent / "translations"
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
"""Language code: its name, written in that language (as a language menu shows it)."""


def tr(text: str) -> str:
    """The window's own words in the current language (``text`` is the English)."""
    return QCoreApplication.translate(CONTEXT, text)


def translated(value: Any) -> str:
    """A value the engine wrote, in the current language: a :class:`Text` has its template
    translated and its values (translated too, when they are sentences) filled in; a plain
    string is looked up as it is; anything else is shown as ``str`` shows it."""
    if isinstance(value, Text):
        arguments = {name: translated(argument) for name, argument in value.arguments.items()}
        try:
            return tr(value.template).format(**arguments)
        except (KeyError, IndexError, ValueError):  # a translation that lost a slot
            return value.template.format(**arguments)
    if isinstance(value, str):
        return tr(value) if value else value
    return str(value)


def message_of(error: BaseException) -> str:
    """An exception's message in the current language."""
    return translated(error.args[0]) if error.args else str(error)


def system_language() -> str:
    """The language to start in when none was chosen: ``$POOLSCOPE_LANGUAGE`` when set (for
    tests and scripts: ``en``, ``zh_CN`` or ``pseudo``), else Chinese on a Chinese system."""
    chosen = os.environ.get("POOLSCOPE_LANGUAGE", "")
    if chosen in LANGUAGES or chosen == "pseudo":
        return chosen
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


class Language:
    """The translators installed in the application for one language."""

    def __init__(self) -> None:
        self.code = "en"
        self.translators: list[QTranslator] = []

    def install(self, code: str) -> bool:
        """Switch the application to ``code`` (a key of :data:`LANGUAGES`); False (and
        English) when its translation cannot be loaded."""
        application = QCoreApplication.instance()
        for translator in self.translators:
            application.removeTranslator(translator)
        self.translators, self.code = [], "en"
        if code == "pseudo":  # for tests: see PseudoTranslator
            self.translators, self.code = [PseudoTranslator()], code
            application.installTranslator(self.translators[0])
            return True
        if code not in LANGUAGES or code == "en":
            return code == "en"
        ours = QTranslator()
        if not ours.load(str(TRANSLATIONS / f"poolscope_{code}.qm")):
            return False
        qt_own = QTranslator()
        if qt_own.load(
            f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            self.translators.append(qt_own)
        self.translators.append(ours)
        for translator in self.translators:
            application.installTranslator(translator)
        self.code = code
        return True


LANGUAGE = Language()
"""The application's language (one per process, as the translators are)."""


def pseudo(text: str) -> str:
    """``text`` with its ASCII letters written full-width (``Output`` -> ``Ｏｕｔｐｕｔ``),
    its ``{slots}`` kept: what :class:`PseudoTranslator` answers."""
    shown, depth = [], 0
    for character in text:
        depth += character == "{"
        if depth == 0 and ("a" <= character <= "z" or "A" <= character <= "Z"):
            character = chr(ord(character) + 0xFEE0)
        depth -= character == "}" and depth > 0
        shown.append(character)
    return "".join(shown)


class PseudoTranslator(QTranslator):
    """Translates every string of the window into full-width letters, so a test (or a
    developer, with ``POOLSCOPE_LANGUAGE=pseudo``) sees at once which text never went
    through :func:`tr` or :func:`translated`: it is the one still in plain letters."""

    def translate(self, context, source_text, disambiguation=None, number=-1):
        return pseudo(source_text) if context == CONTEXT else None

    def isEmpty(self) -> bool:
        return False
