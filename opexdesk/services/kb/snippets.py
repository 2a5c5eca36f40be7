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


# Characters of an article searched for hits (long articles: their start), and hits kept:
# the snippet is the 160-character window with the most hits among them. 3,000 / 200 took
# 90 microseconds per long answer, ten per search; 2,000 / 64 about half.
MAX_SCAN = 2_000
MAX_HITS = 64


# Latin letters and digits: a Latin term starts (and a short one ends) where none of these
# is next to it. Not ``\b``: a CJK character is a word character too, so "连接VPN" has no
# boundary before "vpn". Two classes, not one: a class spanning code point 256 costs the
# regex compiler 0.1 ms per search to optimise (170 vs 100 microseconds per pattern).
_NOT_LATIN_BEFORE = r"(?<![0-9a-z])(?<![\u00c0-\u024f])"
_NOT_LATIN_AFTER = r"(?![0-9a-z])(?![\u00c0-\u024f])"


def pattern(terms: list[str]) -> re.Pattern[str] | None:
    """One regex for all query terms (compiled once per search, used for every hit)."""
    cjk, stems, short = [], [], []
    for t in terms:
        if is_cjk(t):
            cjk.append(re.escape(t))
        elif len(t) < 3:
            short.append(re.escape(t))  # a whole word only
        else:
            # a rough stem: "printers", "printing" are hits for "printer"
            stems.append(re.escape(t if len(t) < 5 else t[: max(4, len(t) - 3)]))
    alts = sorted(cjk, key=len, reverse=True)
    latin = []
    # The word tail written once after all stems, not once per stem: the same matches
    # (each ends where its word ends) for half the regex compiler's time per search.
    if stems:
        latin.append("(?:" + "|".join(sorted(stems, key=len, reverse=True)) + r")\w*")
    if short:
        latin.append(
            "(?:" + "|".join(sorted(short, key=len, reverse=True)) + ")" + _NOT_LATIN_AFTER
        )
    if latin:
        alts.append(_NOT_LATIN_BEFORE + "(?:" + "|".join(latin) + ")")  # one start test
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
