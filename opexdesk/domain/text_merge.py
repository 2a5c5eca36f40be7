"""Three-way merge of free text (ticket descriptions) edited on two devices at once.

A diff3 over tokens: words, single CJK characters, runs of white space and punctuation.
Edits to different parts of the text combine; edits that touch the same stretch are a
conflict, and the caller keeps both versions (DESIGN.md conflict policy). Written here on
difflib rather than taken from a merge library: the well-known Python one (merge3) is GPL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

# One token per CJK character (Chinese has no spaces; a whole sentence as one "word" would
# make any two edits in it collide), words, white-space runs, single other characters.
_TOKEN = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]"
    r"|[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+"
    r"|\s+"
    r"|[^\w\s]"
)


def tokenize(text: str) -> list[str]:
    tokens = _TOKEN.findall(text)
    assert "".join(tokens) == text, "tokens must cover the text exactly"
    return tokens


@dataclass(frozen=True)
class MergeResult:
    """``text`` is the merged text, or None when the edits overlap (``conflicts`` > 0)."""

    text: str | None
    conflicts: int

    @property
    def clean(self) -> bool:
        return self.conflicts == 0


def _sync_regions(base: list[str], a: list[str], b: list[str]) -> list[tuple[int, ...]]:
    """Stretches of ``base`` left unchanged by both sides, with where they sit in a and b."""
    a_blocks = SequenceMatcher(None, base, a, autojunk=False).get_matching_blocks()
    b_blocks = SequenceMatcher(None, base, b, autojunk=False).get_matching_blocks()
    regions: list[tuple[int, ...]] = []
    ia = ib = 0
    while ia < len(a_blocks) and ib < len(b_blocks):
        a_base, a_start, a_len = a_blocks[ia]
        b_base, b_start, b_len = b_blocks[ib]
        lo, hi = max(a_base, b_base), min(a_base + a_len, b_base + b_len)
        if lo < hi:
            a_at, b_at = a_start + (lo - a_base), b_start + (lo - b_base)
            regions.append((lo, hi, a_at, a_at + hi - lo, b_at, b_at + hi - lo))
        if a_base + a_len < b_base + b_len:
            ia += 1
        else:
            ib += 1
    regions.append((len(base), len(base), len(a), len(a), len(b), len(b)))
    return regions


def merge_text(base: str, local: str, server: str) -> MergeResult:
    """Merge the local and server edits of ``base``."""
    if local == server or server == base:
        return MergeResult(local, 0)
    if local == base:
        return MergeResult(server, 0)
    z, a, b = tokenize(base), tokenize(local), tokenize(server)
    out: list[str] = []
    conflicts = 0
    iz = ia = ib = 0
    for z_lo, z_hi, a_lo, a_hi, b_lo, b_hi in _sync_regions(z, a, b):
        z_part, a_part, b_part = z[iz:z_lo], a[ia:a_lo], b[ib:b_lo]
        if a_part == b_part:
            out += a_part  # both made the same change (or none)
        elif a_part == z_part:
            out += b_part  # only the server side changed this stretch
        elif b_part == z_part:
            out += a_part  # only the local side changed it
        else:
            conflicts += 1
        out += z[z_lo:z_hi]
        iz, ia, ib = z_hi, a_hi, b_hi
    return MergeResult(None if conflicts else "".join(out), conflicts)
