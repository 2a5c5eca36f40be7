"""Knowledge-base articles as Markdown files with YAML front matter: export and import.

A file is ``---``, YAML keys (id, title, category, tags, language, author, status, version),
``---``, then the Markdown body. Import is all or nothing: every file is read, parsed and
checked first, and only when no file has a problem are all articles written in one
transaction (see docs/kb_articles.md).
"""

from __future__ import annotations

import os
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from opexdesk.domain import article as rules
from opexdesk.domain.article import ArticleDraft, ArticleImportError, ImportProblem, Reason
from opexdesk.domain.errors import DomainError, ValidationError
from opexdesk.services.kb.articles import ArticleService, ArticleView, ImportItem, ImportOutcome

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

DELIMITER = "---"
KEYS = ("id", "title", "category", "tags", "language", "author", "status", "version")
# A file may hold a body at the limit plus front matter; anything far larger is refused
# before it is read into memory.
FILE_MAX_BYTES = rules.BODY_MAX_BYTES + 64 * 1024
AUTHOR_MAX = 120


@dataclass(frozen=True)
class ExportOutcome:
    files: tuple[Path, ...]
    cancelled: bool = False


# ---- export ------------------------------------------------------------------------------


def render_markdown(article: ArticleView) -> str:
    """The file text of one article: front matter, then the body."""
    meta = {
        "id": article.id,
        "title": article.title,
        "category": article.category,
        "tags": list(article.tags),
        "language": article.language,
        "author": article.author,
        "status": article.status.value,
        "version": article.version,
    }
    # A wide line limit keeps one key per line (no folded scalars, nothing that looks like
    # a closing '---'); characters YAML cannot show literally are escaped in double quotes.
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"{DELIMITER}\n{front}{DELIMITER}\n{article.body}\n"


def file_name(article: ArticleView) -> str:
    """``<ascii-slug-of-title>-<id>.md`` (the id keeps names unique and stable)."""
    ascii_title = unicodedata.normalize("NFKD", article.title).encode("ascii", "ignore").decode()
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_title.lower()))[:48].strip("-")
    return f"{slug}-{article.id}.md" if slug else f"{article.id}.md"


def export_articles(
    service: ArticleService,
    folder: Path,
    article_ids: Sequence[str] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ExportOutcome:
    """Write every article (or the given ones) as ``.md`` files into ``folder``.

    Each file is written to a temporary name and renamed, so a file is either complete or
    absent; cancelling stops before the next file (files already written stay)."""
    folder.mkdir(parents=True, exist_ok=True)
    articles = [service.get(i) for i in article_ids] if article_ids is not None else _all(service)
    written: list[Path] = []
    for done, article in enumerate(articles):
        if cancel is not None and cancel():
            return ExportOutcome(tuple(written), cancelled=True)
        target = folder / file_name(article)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(render_markdown(article).encode("utf-8"))
        os.replace(tmp, target)
        written.append(target)
        if progress is not None:
            progress(done + 1, len(articles))
    return ExportOutcome(tuple(written))


def _all(service: ArticleService, page: int = 500) -> list[ArticleView]:
    out: list[ArticleView] = []
    while True:
        part = service.list_articles(limit=page, offset=len(out))
        out.extend(part)
        if len(part) < page:
            return out


# ---- import ------------------------------------------------------------------------------


def import_markdown(
    service: ArticleService,
    sources: Path | Iterable[Path],
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    allow_older: bool = False,
) -> ImportOutcome:
    """Import a folder's ``*.md`` files (or the listed files): all or nothing.

    Raises ArticleImportError listing every problem (file, line when known) and writes
    nothing when any file is bad; returns ``cancelled=True`` and writes nothing when
    ``cancel()`` turns true between files."""
    files = _files(sources)
    items: list[ImportItem] = []
    problems: list[ImportProblem] = []
    for done, path in enumerate(files):
        if cancel is not None and cancel():
            return ImportOutcome(cancelled=True)
        item, found = parse_file(path)
        problems.extend(found)
        if item is not None:
            items.append(item)
        if progress is not None:
            progress(done + 1, len(files))
    problems.extend(_duplicate_ids(items))
    if problems:
        raise ArticleImportError(problems)
    if cancel is not None and cancel():
        return ImportOutcome(cancelled=True)
    return service.apply_import(items, allow_older=allow_older)


def _files(sources: Path | Iterable[Path]) -> list[Path]:
    if isinstance(sources, Path):
        if sources.is_dir():
            return sorted(p for p in sources.iterdir() if p.suffix.lower() == ".md" and p.is_file())
        return [sources]
    return [Path(p) for p in sources]


def _duplicate_ids(items: list[ImportItem]) -> list[ImportProblem]:
    first: dict[str, str] = {}
    problems = []
    for item in items:
        if item.article_id is None:
            continue
        if item.article_id in first:
            used = ValidationError(
                "id",
                "the id {article_id} is also used by {other}; "
                "each article may appear only once in an import.",
                article_id=item.article_id,
                other=first[item.article_id],
            )
            problems.append(ImportProblem.of(item.source, used))
        else:
            first[item.article_id] = item.source
    return problems


def parse_file(path: Path) -> tuple[ImportItem | None, list[ImportProblem]]:
    """Read and check one file; the item when it is valid, and every problem found."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > FILE_MAX_BYTES:
            too_big = ValidationError(
                "body",
                "the file is {size:,} bytes; an article body may be at most "
                "{limit:,} bytes (1 MiB).",
                size=size,
                limit=rules.BODY_MAX_BYTES,
            )
            return None, [ImportProblem.of(name, too_big)]
        data = path.read_bytes()
    except OSError as exc:
        # The system's own wording of the reason (English): it names what went wrong.
        unreadable = DomainError("cannot be read: {reason}.", reason=exc.strerror or str(exc))
        return None, [ImportProblem.of(name, unreadable)]
    return parse_markdown(name, data)


def parse_markdown(name: str, data: bytes) -> tuple[ImportItem | None, list[ImportProblem]]:
    """Parse one file's bytes (UTF-8, front matter, body) and validate every field."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        not_utf8 = DomainError(
            "is not valid UTF-8 (byte 0x{byte:02X} at offset {offset}); save it as UTF-8.",
            byte=data[exc.start],
            offset=exc.start,
        )
        return None, [ImportProblem.of(name, not_utf8, line)]
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != DELIMITER:
        no_front = DomainError(
            "does not start with front matter (a first line '---'); see the format."
        )
        return None, [ImportProblem.of(name, no_front, 1)]
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (DELIMITER, "...")), None)
    if end is None:
        unclosed = DomainError("the front matter is not closed by a second '---' line.")
        return None, [ImportProblem.of(name, unclosed, 1)]
    meta, problem = _load_front_matter(name, "\n".join(lines[1:end]))
    if meta is None:
        return None, [problem] if problem else []
    body = "\n".join(lines[end + 1 :])
    return _item(name, meta, lines[: end + 1], body, body_line=end + 2)


def _load_front_matter(name: str, text: str) -> tuple[dict[str, Any] | None, ImportProblem | None]:
    try:
        meta = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1: 1-based, +1: the '---'
        # PyYAML's own wording of what it found (English): it names the character or token.
        what = getattr(exc, "problem", None) or str(exc)
        broken = DomainError("broken front matter: {what}.", what=what)
        return None, ImportProblem.of(name, broken, line)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        not_mapping = DomainError("the front matter must be 'key: value' lines (a YAML mapping).")
        return None, ImportProblem.of(name, not_mapping, 2)
    return meta, None


def _item(
    name: str, meta: dict[str, Any], head: list[str], body: str, body_line: int
) -> tuple[ImportItem | None, list[ImportProblem]]:
    problems: list[ImportProblem] = []

    def key_line(key: str) -> int | None:
        return next((i + 1 for i, t in enumerate(head) if t.startswith(f"{key}:")), None)

    def add(error: ValidationError, line: int | None = None) -> None:
        problems.append(ImportProblem.of(name, error, line or key_line(error.field)))

    if "title" not in meta or meta["title"] in (None, ""):
        add(ValidationError("title", "missing title: add a 'title:' line to the front matter."))
    draft = ArticleDraft(
        title=meta.get("title", ""),
        body=body,
        category=meta.get("category"),
        tags=meta.get("tags") or (),
        language=meta.get("language"),
    )
    content, errors = rules.content_problems(draft)
    for err in errors:
        if err.field == "title" and "title" in {p.field for p in problems}:
            continue
        line = _bad_body_line(body, body_line) if err.field == "body" else None
        if isinstance(meta.get(err.field), int | float | date):  # YAML read a number or a date
            err = ValidationError(
                err.field, "{reason} Put the value in quotes.", reason=Reason(err)
            )
        add(err, line)
    article_id = _check_id(meta.get("id"), add)
    author = _check_author(meta.get("author"), add)
    status = None
    if meta.get("status") not in (None, ""):
        try:
            status = rules.parse_status(meta["status"])
        except ValidationError as err:
            add(err)
    version = meta.get("version")
    if version is not None and (type(version) is not int or version < 1):
        add(
            ValidationError(
                "version", "version must be a whole number from 1, not {value!r}.", value=version
            )
        )
        version = None
    if problems or content is None:
        return None, problems
    return ImportItem(name, article_id, content, status, author, version), []


def _check_id(value: object, add: Callable[[ValidationError], None]) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return str(uuid.UUID(value))
        except ValueError:
            pass
    add(
        ValidationError(
            "id", "id {value!r} is not a UUID (leave it out to create a new article).", value=value
        )
    )
    return None


def _check_author(value: object, add: Callable[[ValidationError], None]) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        add(ValidationError("author", "author must be text."))
        return None
    author = " ".join(value.split())
    if len(author) > AUTHOR_MAX or any(unicodedata.category(c) in ("Cc", "Cs") for c in author):
        add(
            ValidationError(
                "author",
                "author must be one line of at most {limit} printable characters.",
                limit=AUTHOR_MAX,
            )
        )
        return None
    return author


def _bad_body_line(body: str, first_line: int) -> int | None:
    """The file line of the body's first control character (None when the problem is size)."""
    for i, text in enumerate(body.split("\n")):
        if any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\t\r" for c in text):
            return first_line + i
    return None
