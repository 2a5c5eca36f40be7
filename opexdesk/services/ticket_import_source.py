"""Reading a CSV file from another service desk: its encoding, delimiter and header row.

Encodings: UTF-8 with or without a byte-order mark and UTF-16 with one are recognised;
anything else must be named by the user (e.g. cp1252, gb18030). A file that does not decode
is refused with the byte offset of the first bad byte, before any row is used.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from opexdesk.domain.errors import Templated

DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
# Offered to the user when the file is not UTF-8 (value, label).
ENCODING_CHOICES: tuple[tuple[str, str], ...] = (
    ("", "Detect (UTF-8 / UTF-16 with BOM)"),
    ("utf-8", "UTF-8"),
    ("utf-16", "UTF-16"),
    ("cp1252", "Windows-1252 (Western Europe)"),
    ("latin-1", "ISO-8859-1 (Latin-1)"),
    ("gb18030", "GB18030 (Simplified Chinese)"),
    ("big5", "Big5 (Traditional Chinese)"),
    ("shift_jis", "Shift JIS (Japanese)"),
)
_CHUNK = 1 << 16
_SAMPLE = 1 << 16


class CsvReadError(Templated, ValueError):
    """The file cannot be read as a CSV of tickets; ``str(err)`` is the English message, its
    template and arguments let the UI show it in its language."""


@dataclass(frozen=True)
class CsvSource:
    """A checked CSV file: how to decode and split it, and its column names."""

    path: Path
    encoding: str  # a Python codec name; "utf-8-sig" / "utf-16" consume the BOM
    delimiter: str
    headers: tuple[str, ...]

    @property
    def encoding_label(self) -> str:
        return {"utf-8-sig": "UTF-8 (with BOM)", "utf-8": "UTF-8", "utf-16": "UTF-16"}.get(
            self.encoding, self.encoding
        )

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """(row number as a spreadsheet shows it, values) per data row; the header is row 1.
        Blank lines are skipped; short rows are padded with empty values."""
        width = len(self.headers)
        with self.path.open(encoding=self.encoding, newline="") as handle:
            reader = csv.reader(handle, delimiter=self.delimiter)
            next(reader, None)
            row_number = 1
            while True:
                try:
                    values = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    raise CsvReadError(
                        "{name}, row {row}: the CSV is malformed ({reason}).",
                        name=self.path.name,
                        row=row_number + 1,
                        reason=str(exc),
                    ) from None
                row_number += 1
                if not values or (len(values) == 1 and not values[0].strip()):
                    continue
                if len(values) < width:
                    values = values + [""] * (width - len(values))
                yield row_number, values


def detect_encoding(path: Path) -> str:
    """The codec for ``path`` from its byte-order mark, else UTF-8 (checked by the caller)."""
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8"


def check_decodes(path: Path, encoding: str, *, chosen: bool) -> None:
    """Decode the whole file in chunks; raise CsvReadError naming the first bad byte."""
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(_CHUNK)
            pending = len(decoder.getstate()[0])  # bytes held back from the last chunk
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                at = offset - pending + exc.start
                bad = bytes(exc.object[exc.start : exc.start + 1]).hex().upper()
                raise _decode_error(path, encoding, at, bad, chosen) from None
            if not chunk:
                return
            offset += len(chunk)


def _decode_error(path: Path, encoding: str, at: int, bad: str, chosen: bool) -> CsvReadError:
    """The refusal for a byte that does not decode; each variant is one whole sentence so a
    translation can order it freely."""
    name = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "utf-16": "UTF-16"}.get(encoding, encoding)
    if chosen and bad:
        return CsvReadError(
            "{name} cannot be read as {encoding}: byte 0x{byte} at byte offset {offset:,} "
            "does not decode. Choose another encoding.",
            name=path.name,
            offset=at,
            encoding=name,
            byte=bad,
        )
    if chosen:
        return CsvReadError(
            "{name} cannot be read as {encoding}: an unfinished character at the end at byte "
            "offset {offset:,} does not decode. Choose another encoding.",
            name=path.name,
            offset=at,
            encoding=name,
        )
    if bad:
        return CsvReadError(
            "{name} is not UTF-8: byte 0x{byte} at byte offset {offset:,} does not decode. "
            "Choose the file's encoding (for example Windows-1252 for Western European "
            "spreadsheets or GB18030 for Chinese ones) and open it again.",
            name=path.name,
            offset=at,
            byte=bad,
        )
    return CsvReadError(
        "{name} is not UTF-8: an unfinished character at the end at byte offset {offset:,} "
        "does not decode. Choose the file's encoding (for example Windows-1252 for Western "
        "European spreadsheets or GB18030 for Chinese ones) and open it again.",
        name=path.name,
        offset=at,
    )


def sniff_delimiter(sample: str) -> str:
    """Comma, semicolon or tab: the one that splits the header line into the most columns
    (quoted text ignored); comma when none occurs."""
    first_line = _first_record(sample)
    counts = {
        d: len(next(csv.reader(io.StringIO(first_line), delimiter=d), [])) for d in DELIMITERS
    }
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] > 1 else ","


def _first_record(sample: str) -> str:
    """The text of the first CSV record (a quoted header may span lines)."""
    quoted = False
    for i, ch in enumerate(sample):
        if ch == '"':
            quoted = not quoted
        elif ch in "\r\n" and not quoted:
            return sample[:i]
    return sample


def clean_headers(raw: list[str]) -> tuple[str, ...]:
    """Stripped names; empty ones become "Column N", repeated ones get " (2)", " (3)"."""
    seen: dict[str, int] = {}
    names: list[str] = []
    for n, value in enumerate(raw, start=1):
        name = " ".join(value.split()) or f"Column {n}"
        key = name.casefold()
        seen[key] = seen.get(key, 0) + 1
        names.append(name if seen[key] == 1 else f"{name} ({seen[key]})")
    return tuple(names)


def open_csv(path: Path, encoding: str | None = None) -> CsvSource:
    """Check ``path`` and read its header row. ``encoding`` None detects it (BOM, else
    UTF-8); a name chosen by the user is used as given. Raises CsvReadError."""
    if not path.is_file():
        raise CsvReadError("{path} is not a file.", path=str(path))
    if path.stat().st_size == 0:
        raise CsvReadError("{name} is empty.", name=path.name)
    chosen = bool(encoding)
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise CsvReadError("Unknown encoding {encoding!r}.", encoding=encoding) from None
        # A chosen UTF-8/UTF-16 still drops its byte-order mark.
        if codec == "utf-8" and detect_encoding(path) == "utf-8-sig":
            codec = "utf-8-sig"
    else:
        codec = detect_encoding(path)
    check_decodes(path, codec, chosen=chosen)
    with path.open(encoding=codec, newline="") as handle:
        sample = handle.read(_SAMPLE)
    delimiter = sniff_delimiter(sample)
    with path.open(encoding=codec, newline="") as handle:
        header = next(csv.reader(handle, delimiter=delimiter), None)
    if not header or not any(v.strip() for v in header):
        raise CsvReadError("{name} has no header row (the first line is empty).", name=path.name)
    return CsvSource(path, codec, delimiter, clean_headers(header))
