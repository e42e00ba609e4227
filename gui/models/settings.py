"""Remembered settings (QSettings), read defensively: a value that fails to parse falls back
to the default instead of stopping start-up. ``POOLSCOPE_SETTINGS`` names an INI file to use
instead of the user's settings (tests and scripted runs)."""

from __future__ import annotations

import dataclasses
import json
import os

from PySide6.QtCore import QByteArray, QSettings

from engine.pooling.kinds import KINDS
from engine.pooling.parameters import PARAMETERS, PoolParams
from gui.i18n import LANGUAGES

MAX_RECENT = 8


class Settings:
    def __init__(self, path: str | None = None):
        path = path or os.environ.get("POOLSCOPE_SETTINGS")
        if path:
            self.store = QSettings(path, QSettings.Format.IniFormat)
        else:
            self.store = QSettings("PoolScope", "PoolScope")

    def value_str(self, key: str, default: str) -> str:
        value = self.store.value(key, default)
        return value if isinstance(value, str) else default

    def value_float(self, key: str, default: float) -> float:
        """A number setting; anything unparsable, negative or not finite gives the default."""
        try:
            value = float(self.store.value(key, default))
        except (TypeError, ValueError):
            return default
        return value if value == value and 0 < value < float("inf") else default

    def value_bytes(self, key: str) -> QByteArray | None:
        value = self.store.value(key)
        return value if isinstance(value, QByteArray) else None

    def set_value(self, key: str, value) -> None:
        self.store.setValue(key, value)

    def params(self) -> PoolParams | None:
        """The last pooling settings, or None if absent or unreadable."""
        text = self.value_str("params", "")
        if not text:
            return None
        try:
            stored = json.loads(text)
            defaults = PoolParams()
            values = {}
            for field in dataclasses.fields(PoolParams):
                default = getattr(defaults, field.name)
                value = stored.get(field.name, default)
                if isinstance(default, tuple):
                    value = tuple(int(number) for number in value)
                    if not value or (len(default) == 2 and len(value) != 2):
                        raise ValueError(field.name)
                elif isinstance(default, bool):
                    value = bool(value)
                elif isinstance(default, int) or field.name == "divisor_override":
                    value = None if value is None else int(value)
                elif isinstance(default, float):
                    value = float(value)
                elif isinstance(default, str):
                    value = str(value)
                    declared = PARAMETERS.get(field.name)
                    if declared is not None and declared.choices and value not in declared.values():
                        raise ValueError(field.name)
                values[field.name] = value
            if values["pool_type"] not in KINDS:
                return None
            return PoolParams(**values)
        except (ValueError, TypeError, AttributeError, json.JSONDecodeError):
            return None

    def set_params(self, params: PoolParams) -> None:
        self.store.setValue("params", json.dumps(dataclasses.asdict(params)))

    def language(self) -> str | None:
        """The language chosen last (a code of :data:`gui.i18n.LANGUAGES`), or None when
        none was chosen (or the value is not a known code)."""
        code = self.value_str("language", "")
        return code if code in LANGUAGES else None

    def set_language(self, code: str) -> None:
        """Remember the window's language (a code of :data:`gui.i18n.LANGUAGES`)."""
        if code in LANGUAGES:
            self.store.setValue("language", code)

    def recent_files(self) -> list[str]:
        value = self.store.value("recent_files", [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        return [item for item in value if isinstance(item, str)][:MAX_RECENT]

    def add_recent(self, path: str) -> None:
        recent = [path] + [item for item in self.recent_files() if item != path]
        self.store.setValue("recent_files", recent[:MAX_RECENT])

    def sync(self) -> None:
        self.store.sync()
