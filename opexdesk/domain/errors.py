"""Errors raised by domain rules; each message names the problem for the user.

A message may be a template with named arguments (``"The title is {length} characters
long; the limit is {limit}."``): ``str(err)`` is always the English text (the server sends
it as it is), while the UI translates the template and fills in the arguments itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

_NO_PARAMS: Mapping[str, object] = MappingProxyType({})


class Term(str):
    """A label of the ticket model (field name, status) used as a message argument: the UI
    shows it in its own language (``vocabulary()``), ``str()`` keeps the English label."""

    __slots__ = ()


class Terms(str):
    """Labels listed in a message ("New, Assigned"): English joins them with ", "; the UI
    translates each one and joins them the way its language lists things."""

    items: tuple[Term, ...]

    def __new__(cls, items: Iterable[str]) -> Terms:
        terms = tuple(Term(item) for item in items)
        made = super().__new__(cls, ", ".join(terms))
        made.items = terms
        return made


class Templated:
    """Mixin for an exception whose message is a template (see the module docstring).

    ``template`` and ``params`` are set when the message was given as a template; errors
    built from a plain text keep None and an empty mapping. Errors outside the domain
    (sign-in, CSV reading, storage) mix it in with their own base:
    ``class CsvReadError(Templated, ValueError)`` then ``CsvReadError("... {name}", name=n)``.
    """

    template: str | None = None
    params: Mapping[str, object] = _NO_PARAMS

    def __init__(self, message: str = "", /, **params: object) -> None:
        # The next class in the MRO is the exception base (ValueError, RuntimeError...).
        super().__init__(self._use_template(message, params))  # type: ignore[call-arg]

    def _use_template(self, template: str, params: Mapping[str, object]) -> str:
        """Keep ``template`` and ``params``; return the English message."""
        self.template = template
        self.params = MappingProxyType(dict(params))
        return template.format(**params) if params else template


class DomainError(Templated, ValueError):
    """A rule of the service desk was broken; ``str(err)`` is safe to show to a user.

    ``DomainError("text")`` keeps the text as its template; subclasses with their own
    arguments (ValidationError, TransitionError) pass the template and its arguments on.
    """


class ValidationError(DomainError):
    """A field value is not acceptable (empty title, unknown status, ...).

    ``message`` is a template when named arguments follow it: ``ValidationError("title",
    "The title is {length} characters long; the limit is {limit}.", length=201, limit=200)``.
    """

    def __init__(self, field: str, message: str, /, **params: object) -> None:
        super().__init__(message, **params)
        self.field = field


class TransitionError(DomainError):
    """A status change is not allowed from the ticket's current state; ``reason`` is a
    template when named arguments follow it (as for ValidationError)."""

    def __init__(self, current: str, target: str, reason: str, /, **params: object) -> None:
        super().__init__(reason, **params)
        self.current = current
        self.target = target


class NotFoundError(DomainError):
    """The entity the action refers to does not exist (or was deleted)."""
