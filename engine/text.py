"""Sentences the engine writes for people, kept translatable.

The engine speaks English (as PyTorch's messages do), but the window can show its sentences in
another language. A :class:`Text` is an ordinary ``str`` holding the English sentence, so every
caller, test and command line uses it as before; it also remembers the template it was made
from and the values put into it, so the window can translate the template and fill in the same
values (:func:`gui.i18n.translated`).

    >>> sentence = Text("kernel_size {kernel} is larger than the input {size}", kernel=5, size=3)
    >>> sentence
    'kernel_size 5 is larger than the input 3'
    >>> sentence.template, sentence.arguments
    ('kernel_size {kernel} is larger than the input {size}', {'kernel': 5, 'size': 3})

Values that are themselves :class:`Text` (a sentence inside a sentence) are translated too.
Templates are found in the source by the translation extractor (``gui/translations/update.py``),
which reads every ``Text("...")`` whose template is a string literal.
"""

from __future__ import annotations

from typing import Any


class Text(str):
    """An English sentence that remembers its template and values (see the module)."""

    template: str
    arguments: dict[str, Any]

    def __new__(cls, template: str, /, **arguments: Any) -> Text:
        made = super().__new__(cls, template.format(**arguments) if arguments else template)
        made.template = template
        made.arguments = arguments
        return made

    def __reduce__(self):  # pickles (and copies) keep the template
        return (rebuild_text, (self.template, self.arguments))


def rebuild_text(template: str, arguments: dict[str, Any]) -> Text:
    return Text(template, **arguments)


def joined(separator: str, parts) -> Text:
    """``separator.join(parts)`` that keeps each part translatable: a Text whose template is
    the parts' slots joined by ``separator``."""
    parts = list(parts)
    names = [f"part{index}" for index in range(len(parts))]
    template = separator.join("{" + name + "}" for name in names)
    return Text(template, **dict(zip(names, parts, strict=True)))
