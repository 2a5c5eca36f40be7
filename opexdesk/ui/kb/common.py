"""Small helpers shared by the knowledge-base panels."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from opexdesk.domain.errors import DomainError
from opexdesk.services.kb import Filters, Snippet
from opexdesk.storage.errors import StorageError
from opexdesk.ui.i18n import error_text
from opexdesk.ui.kb.protocols import QueryCorrector, SearchSource, SolvedRecorder
from opexdesk.ui.kb.results import ResultRow

log = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
SHOWN_QUERY_CHARS = 60


@dataclass(frozen=True)
class Answer:
    """What one background search found, with the query it answers."""

    text: str
    rows: list[ResultRow]
    corrected: str | None = None


def run_search(
    source: SearchSource,
    text: str,
    limit: int,
    filters: Filters | None = None,
    as_you_type: bool = False,
) -> Answer:
    """The worker side: hits, their highlighted titles, and a correction when none."""
    hits = source.search(text, limit=limit, filters=filters, as_you_type=as_you_type)
    rows = [ResultRow(h, title_snippet(source, h.title, text)) for h in hits]
    corrected = None
    if not rows and isinstance(source, QueryCorrector):
        corrected = source.corrected_query(text)
    return Answer(text, rows, corrected)


def title_snippet(source: SearchSource, title: str, text: str) -> Snippet:
    """The whole title with the query's matches marked. A title longer than the snippet
    window comes back cut ("… for the password"): its spans are moved onto the full title."""
    snip = source.title_spans(title, text)
    if snip.text == title:
        return snip
    core = snip.text.lstrip("… ")
    cut = len(snip.text) - len(core)
    core = core.rstrip("… ")
    at = title.find(core) if core else -1
    if at < 0:
        return Snippet(title, ())
    shift = at - cut
    spans = tuple(
        (a + shift, b + shift) for a, b in snip.spans if 0 <= a + shift < b + shift <= len(title)
    )
    return Snippet(title, spans)


def shown_query(text: str) -> str:
    """The query as a message may quote it: one line, no control characters, short."""
    one_line = " ".join(_CONTROL.sub(" ", text).split())
    if len(one_line) > SHOWN_QUERY_CHARS:
        return one_line[: SHOWN_QUERY_CHARS - 1] + "…"
    return one_line


def has_query(text: str) -> bool:
    return bool(_CONTROL.sub("", text).strip())


def link_solved(recorder: SolvedRecorder, article_id: str, ticket_id: str, text: str) -> str | None:
    """Record "this solved it"; returns None on success, else why it failed."""
    try:
        recorder.link_solved(article_id, ticket_id, text)
    except (DomainError, StorageError, LookupError, ValueError) as exc:
        log.warning("could not link article %s to ticket %s: %s", article_id, ticket_id, exc)
        return error_text(exc) or type(exc).__name__
    return None


def sorted_values(*groups: Sequence[str] | set[str]) -> list[str]:
    return sorted({v for group in groups for v in group if v}, key=str.casefold)
