"""Bring the translation sources up to date with the code, then compile them.

    .venv/bin/python gui/translations/update.py            # update the .ts, build the .qm
    .venv/bin/python gui/translations/update.py --merge zh_CN.json   # add translations
    .venv/bin/python gui/translations/update.py --check    # fail if the .ts is behind

It collects every string the window can show, in one context (``PoolScope``):
- the window's own words: the first argument of every ``tr("...")`` in ``gui/``;
- sentences the engine writes: the template of every ``Text("...")`` and the message of every
  ``PoolingError("...")``, ``ImageLoadError("...")``, ``ExportError("...")`` or
  ``ExperimentError("...")`` written as a string literal, in ``engine/`` and ``gui/``;
- what the engine declares: each pooling kind's label and summary, each setting's label,
  tooltip and choices, each gotcha's title and explanation, the samples' names.

Translations already in the ``.ts`` are kept (a source that left the code is dropped); new
sources are marked unfinished. ``pyside6-lrelease`` then compiles the ``.ts`` into the ``.qm``
the window loads (:mod:`gui.i18n`).
"""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from gui.i18n import CONTEXT, LANGUAGES, TRANSLATIONS  # noqa: E402

CALLS = {
    "tr",
    "Text",
    "PoolingError",
    "ImageLoadError",
    "ExportError",
    "ExperimentError",
    "MatrixParseError",
}


def called_name(node: ast.Call) -> str:
    function = node.func
    if isinstance(function, ast.Name):
        return function.id
    if isinstance(function, ast.Attribute):
        return function.attr
    return ""


def literal(node: ast.AST) -> str | None:
    """A string literal, including implicit concatenation of literals."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def source_strings(folder: Path) -> list[tuple[str, str]]:
    """(text, "file:line") of every literal passed to one of :data:`CALLS`."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        if "translations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and called_name(node) in CALLS and node.args:
                text = literal(node.args[0])
                if text:
                    found.append((text, f"{path.relative_to(ROOT)}:{node.lineno}"))
    return found


def declared_strings() -> list[tuple[str, str]]:
    """What the engine declares and the window shows."""
    from engine.io.images import SAMPLES
    from engine.pooling.gotchas import GOTCHAS
    from engine.pooling.kinds import KINDS
    from engine.pooling.parameters import PARAMETERS

    found = []
    for kind in KINDS.values():
        found += [(kind.label, "kinds"), (kind.summary, "kinds")]
    for parameter in PARAMETERS.values():
        found += [(parameter.label, "parameters"), (parameter.tooltip, "parameters")]
        found += [(label, "parameters") for _, label in (parameter.choices or ())]
    for item in GOTCHAS:
        found += [(item.title, "gotchas"), (item.explanation, "gotchas")]
        found += [(line, "gotchas") for line in item.explanation.split("\n")]
    found += [(name, "samples") for name in SAMPLES]
    return [(text, where) for text, where in found if text]


def collected() -> dict[str, str]:
    """Every source text, with where it was first seen, in order of first appearance."""
    texts: dict[str, str] = {}
    for text, where in [
        *source_strings(ROOT / "gui"),
        *source_strings(ROOT / "engine"),
        *declared_strings(),
    ]:
        texts.setdefault(text, where)
    return texts


def read_ts(path: Path) -> dict[str, str]:
    """source -> translation of the finished entries of a .ts file."""
    if not path.exists():
        return {}
    translations = {}
    for message in ElementTree.parse(path).getroot().iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source is None or translation is None or translation.get("type") == "unfinished":
            continue
        if translation.text:
            translations[source] = translation.text
    return translations


def write_ts(path: Path, language: str, texts: dict[str, str], translations: dict[str, str]):
    root = ElementTree.Element("TS", version="2.1", language=language, sourcelanguage="en")
    context = ElementTree.SubElement(root, "context")
    ElementTree.SubElement(context, "name").text = CONTEXT
    for text, where in texts.items():
        message = ElementTree.SubElement(context, "message")
        file_name, _, line = where.partition(":")
        location = ElementTree.SubElement(message, "location", filename=file_name)
        if line:
            location.set("line", line)
        ElementTree.SubElement(message, "source").text = text
        translation = ElementTree.SubElement(message, "translation")
        if text in translations:
            translation.text = translations[text]
        else:
            translation.set("type", "unfinished")
    ElementTree.indent(root)
    body = ElementTree.tostring(root, encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def compile_qm(ts_path: Path) -> None:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run(
        [str(lrelease), "-silent", str(ts_path), "-qm", str(ts_path.with_suffix(".qm"))],
        check=True,
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--merge", type=Path, help="a JSON file {english: translation} to add")
    parser.add_argument("--language", default="zh_CN", choices=[c for c in LANGUAGES if c != "en"])
    parser.add_argument("--check", action="store_true", help="only report what is missing")
    args = parser.parse_args(argv)
    ts_path = TRANSLATIONS / f"poolscope_{args.language}.ts"
    texts = collected()
    translations = read_ts(ts_path)
    if args.merge:
        translations.update(json.loads(args.merge.read_text(encoding="utf-8")))
    missing = [text for text in texts if text not in translations]
    if args.check:
        for text in missing:
            print(f"unfinished: {texts[text]}: {text!r}")
        return 1 if missing else 0
    write_ts(ts_path, args.language, texts, translations)
    compile_qm(ts_path)
    print(f"{ts_path.name}: {len(texts)} sources, {len(missing)} unfinished")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
