"""Messages for people kept as templates, and the form JSON carries them in.

``Message`` is a message made without an exception (a notice, a report, a setting's
problem): a ``str`` whose value is the English text, with the template and arguments the
UI translates (opexdesk.ui.i18n.shown_text). ``Listed`` is a run of messages shown one
after the other. ``KeptMessage`` keeps any of these, or a Templated error, after it is
gone, and is what travels in JSON.

The central store answers a refused change with its English text (``reason``), the
template (``reason_template``) and the arguments (``reason_params``); conflict records keep
the three, so every device of the user can show the reason in its own language.
Arguments are JSON values, with the labels of the ticket model tagged so they are still
shown through the vocabulary:

    Term("New")                   {"$term": "New"}
    Terms(["New", "Assigned"])    {"$terms": ["New", "Assigned"]}
    a message inside the message  {"$message": {"text": ..., "template": ..., "params": {...}}}
    str, int, finite float, bool, None    as they are
    anything else                 its text (str)

Decoding never fails: what it cannot read becomes a plain value, and a template whose
arguments do not fit falls back to the English text where it is shown.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from types import MappingProxyType
from typing import Any

from opexdesk.domain.errors import Templated, Term, Terms
from opexdesk.domain.sla_clock import format_duration

TERM = "$term"
TERMS = "$terms"
MESSAGE = "$message"
_NONE: Mapping[str, object] = MappingProxyType({})


class Message(str):
    """``Message("The folder {path} is not writable.", path=p)``: ``str()`` is the English
    text (logs, CLI, the server), ``template`` and ``params`` let a UI show it in its own
    language. An argument may be a Term/Terms label, a number, a timedelta ("2 h 5 min" in
    English), another Message, a Templated error or a ``Listed`` run of messages."""

    template: str
    params: Mapping[str, object]

    def __new__(cls, template: str, /, **params: object) -> Message:
        english = {name: _english(value) for name, value in params.items()}
        made = super().__new__(cls, template.format(**english) if params else template)
        made.template = template
        made.params = MappingProxyType(dict(params))
        return made

    @classmethod
    def of(cls, error: BaseException) -> Message:
        """The message of ``error``: its template when it is Templated, else its text."""
        if isinstance(error, Templated) and error.template is not None:
            return cls(error.template, **error.params)
        return cls.plain(str(error))

    @classmethod
    def plain(cls, text: str) -> Message:
        """A text shown as it is (its braces are not placeholders)."""
        made = super().__new__(cls, text)
        made.template = text
        made.params = _NONE
        return made


@dataclass(frozen=True)
class Listed:
    """Messages shown one after the other, joined by ``separator`` (", " or "; "; a UI
    translates the separator too)."""

    items: tuple[Message, ...]
    separator: str = ", "

    @classmethod
    def of(cls, items: Iterable[Message], separator: str = ", ") -> Listed:
        return cls(tuple(items), separator)

    def __str__(self) -> str:
        return self.separator.join(str(item) for item in self.items)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _english(value: object) -> object:
    return format_duration(value.total_seconds()) if isinstance(value, timedelta) else value


@dataclass(frozen=True)
class KeptMessage:
    """A message by its English ``text``, its ``template`` (None for a text that is not
    one) and its ``params`` (Term/Terms/KeptMessage values as the template wants them).

    ``str()`` and ``format()`` give the English text, so a kept message can be an argument
    of another template.
    """

    text: str
    template: str | None = None
    params: Mapping[str, object] = field(default_factory=lambda: _NONE)

    @classmethod
    def of(cls, error: BaseException | Templated | Message) -> KeptMessage:
        """The message of ``error`` (or of a Message): with its template when it has one."""
        if isinstance(error, Message):
            return cls(str(error), error.template, error.params)
        if isinstance(error, Templated) and error.template is not None:
            return cls(str(error), error.template, MappingProxyType(dict(error.params)))
        return cls(str(error))

    @classmethod
    def plain(cls, template: str) -> KeptMessage:
        """A fixed text that is its own template (a phrase used as an argument)."""
        return cls(template, template)

    def __str__(self) -> str:
        return self.text

    def __format__(self, spec: str) -> str:
        return format(self.text, spec)

    def fields(self, prefix: str = "reason") -> dict[str, Any]:
        """``{prefix, prefix_template, prefix_params}`` for a JSON body or a stored row."""
        return {
            prefix: self.text,
            f"{prefix}_template": self.template,
            f"{prefix}_params": encode_params(self.params) if self.template else None,
        }

    @classmethod
    def from_fields(cls, data: Mapping[str, Any], prefix: str = "reason") -> KeptMessage | None:
        """The message ``fields`` wrote (None without a text); missing or malformed
        template and params count as none (an older server sends only the text)."""
        text = data.get(prefix)
        if not isinstance(text, str):
            return None
        template = data.get(f"{prefix}_template")
        if not isinstance(template, str) or not template:
            return cls(text)
        return cls(text, template, decode_params(data.get(f"{prefix}_params")))


def encode_params(params: Mapping[str, object]) -> dict[str, Any]:
    """``params`` as JSON values (see the module doc)."""
    return {str(name): encode_value(value) for name, value in params.items()}


def encode_value(value: object) -> Any:
    if isinstance(value, Terms):
        return {TERMS: [str(item) for item in value.items]}
    if isinstance(value, Term):
        return {TERM: str(value)}
    if isinstance(value, Templated | Message):
        value = KeptMessage.of(value)
    if isinstance(value, Listed | timedelta):
        return str(_english(value))
    if isinstance(value, KeptMessage):
        return {MESSAGE: _message_fields(value)}
    if value is None:
        return None
    # Subclasses (an enum member, say) as their plain value: JSON writes them so anyway.
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return float(value)
    return str(value)  # NaN and infinity are not JSON


def _message_fields(kept: KeptMessage) -> dict[str, Any]:
    if kept.template is None:
        return {"text": kept.text}
    return {"text": kept.text, "template": kept.template, "params": encode_params(kept.params)}


def decode_params(data: object) -> Mapping[str, object]:
    """The arguments ``encode_params`` wrote; anything else gives no arguments."""
    if not isinstance(data, dict):
        return _NONE
    return MappingProxyType({str(name): decode_value(value) for name, value in data.items()})


def decode_value(value: object) -> object:
    if isinstance(value, dict) and len(value) == 1:
        ((tag, inner),) = value.items()
        if tag == TERM and isinstance(inner, str):
            return Term(inner)
        if tag == TERMS and isinstance(inner, list) and all(isinstance(i, str) for i in inner):
            return Terms(inner)
        if tag == MESSAGE and isinstance(inner, dict):
            found = KeptMessage.from_fields(
                {
                    "text": inner.get("text"),
                    "text_template": inner.get("template"),
                    "text_params": inner.get("params"),
                },
                prefix="text",
            )
            if found is not None:
                return found
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
