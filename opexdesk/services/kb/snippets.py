"""Highlighted snippets that are safe to show as HTML: the text is escaped, hits marked.

Returned both as spans (offsets into the plain snippet text, for a UI that draws its own
highlight) and as HTML with ``<mark>`` around each hit.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

from opexdesk.services.kb.query import is_cjk


class Snippet(NamedTuple):
    """A window of article text with the query's hits as (start, end) offsets into ``text``."""

    text: str
    spans: tuple[tuple[int, int], ...]

    def html(self) -> str:
        """The snippet as HTML: text escaped, each hit wrapped in <mark>."""
        out, pos = [], 0
        for start, end in self.spans:
            out.append(html.escape(self.text[pos:start]))
            out.append("<mark>" + html.escape(self.text[start:end]) + "</mark>")
            pos = end
        out.append(html.escape(self.text[pos:]))
        return "".join(out)


MAX_SCAN = 3_000  # characters of an article searched for hits (long articles: the start)
MAX_HITS = 200


# Latin letters and digits: a Latin term starts (and a short one ends) where none of these
# is next to it. Not ``\b``: a CJK character is a word character too, so "连接VPN" has no
# boundary before "vpn".
_NOT_LATIN_BEFORE = r"(?<![0-9a-z\u00c0-\u024f])"
_NOT_LATIN_AFTER = r"(?![0-9a-z\u00c0-\u024f])"


def pattern(terms: list[str]) -> re.Pattern[str] | None:
    """One regex for all query terms (compiled once per search, used for every hit)."""
    cjk, latin = [], []
    for t in terms:
        if is_cjk(t):
            cjk.append(re.escape(t))
        elif len(t) < 5:
            latin.append(re.escape(t) + (r"\w*" if len(t) > 2 else _NOT_LATIN_AFTER))
        else:
            # a rough stem: "printers", "printing" are hits for "printer"
            latin.append(re.escape(t[: max(4, len(t) - 3)]) + r"\w*")
    alts = sorted(cjk, key=len, reverse=True)
    if latin:
        # one start test per position, not one per alternative
        alts.append(
            _NOT_LATIN_BEFORE + "(?:" + "|".join(sorted(latin, key=len, reverse=True)) + ")"
        )
    return re.compile("|".join(alts)) if alts else None  # matched against lower-cased text


def _hits(text: str, pat: re.Pattern[str] | None) -> list[tuple[int, int]]:
    hits: list[tuple[int, int]] = []
    if pat:
        low = text[:MAX_SCAN].lower()
        # lower() can change the length (e.g. "İ"): then offsets would be wrong, match as is
        scan = low if len(low) == min(len(text), MAX_SCAN) else text[:MAX_SCAN]
        for m in pat.finditer(scan):
            hits.append(m.span())
            if len(hits) >= MAX_HITS:
                break
    return hits


def whole_text_spans(text: str, terms: list[str]) -> Snippet:
    """All of ``text`` (e.g. a title) with the query's hits marked."""
    return Snippet(text, tuple(_hits(text, pattern(terms))))


def make_snippet(
    text: str, terms: list[str], width: int = 160, pat: re.Pattern[str] | None = None
) -> Snippet:
    """The window of ``text`` with the most hits, about ``width`` characters long."""
    hits = _hits(text, pat or pattern(terms))
    if not hits:
        cut = text[:width]
        return Snippet(cut + ("…" if len(text) > width else ""), ())
    best, best_n, j = hits[0][0], 0, 0
    for i, (s, _e) in enumerate(hits):  # two pointers: hits starting within [s, s + width)
        j = max(j, i)
        while j < len(hits) and hits[j][0] < s + width:
            j += 1
        if j - i > best_n:
            best, best_n = s, j - i
    start = max(0, best - width // 4)
    end = min(len(text), start + width)
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    spans = tuple(
        (s - start + len(lead), min(e, end) - start + len(lead))
        for s, e in hits
        if start <= s < end
    )
    return Snippet(lead + text[start:end] + tail, spans)
