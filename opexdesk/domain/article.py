"""Knowledge-base article rules: field limits, cleaning, status moves, diffs, ticket drafts.

Pure Python (no storage): the article service, the Markdown import and the tests share these
rules, so an article is valid the same way whether typed, restored or imported.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from opexdesk.domain.enums import Status
from opexdesk.domain.errors import DomainError, Templated, Term, TransitionError, ValidationError

TITLE_MAX = 200
BODY_MAX_BYTES = 1_048_576  # UTF-8 bytes of the Markdown body
CATEGORY_MAX = 120
TAG_MAX = 40
TAGS_MAX = 20
LANGUAGE_MAX = 35
NOTE_MAX = 1_000
DEFAULT_LANGUAGE = "en"

FIELD_LABELS = {
    "title": "Title",
    "body": "Body",
    "category": "Category",
    "tags": "Tags",
    "language": "Language",
    "note": "Version note",
    "status": "Status",
}

# A primary language subtag of 2-3 letters, then subtags of 2-8 letters/digits (en, zh-Hans,
# pt-BR, es-419); not a full BCP 47 parser, enough to keep filters and the index consistent.
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


class ArticleStatus(StrEnum):
    """Where an article is in its life (stored as these lowercase values)."""

    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


# Allowed moves; everything else is refused with a reason.
_MOVES = {
    ArticleStatus.DRAFT: {ArticleStatus.PUBLISHED},
    ArticleStatus.PUBLISHED: {ArticleStatus.ARCHIVED},
    ArticleStatus.ARCHIVED: {ArticleStatus.DRAFT},
}


class ArticleConflictError(DomainError):
    """A save based on an older version than the stored one (another edit came first);
    ``message`` is a template when named arguments follow it (as for ValidationError)."""

    def __init__(
        self, article_id: str, expected: int, current: int, message: str, /, **params: object
    ) -> None:
        super().__init__(message, **params)
        self.article_id = article_id
        self.expected = expected
        self.current = current


@dataclass(frozen=True)
class ArticleDraft:
    """What a user (or a file) supplies for an article's content, before validation."""

    title: str
    body: str = ""
    category: str | None = None
    tags: Iterable[str] | str = ()
    language: str | None = DEFAULT_LANGUAGE


@dataclass(frozen=True)
class ArticleContent:
    """Validated content of one version: what is versioned, diffed and restored."""

    title: str
    body: str
    category: str
    tags: tuple[str, ...]
    language: str


def _bad_char(text: str, *, allow_lines: bool) -> str | None:
    """The first control character or lone surrogate (not storable as UTF-8), if any."""
    for ch in text:
        if allow_lines and ch in "\n\t":
            continue
        cat = unicodedata.category(ch)
        if cat == "Cc" or cat == "Cs":
            return ch
    return None


# Whole sentences per case (not pieces joined at run time) so each translates on its own.
_BAD_CHAR_MESSAGES = {
    (False, True): "{label} contains a control character (U+{code:04X}); "
    "only line breaks and tabs are allowed.",
    (False, False): "{label} contains a control character (U+{code:04X}); remove it.",
    (True, True): "{label} contains an unpaired surrogate character (U+{code:04X}); "
    "only line breaks and tabs are allowed.",
    (True, False): "{label} contains an unpaired surrogate character (U+{code:04X}); remove it.",
}


def _check_chars(field: str, text: str, *, allow_lines: bool) -> None:
    ch = _bad_char(text, allow_lines=allow_lines)
    if ch is not None:
        surrogate = unicodedata.category(ch) == "Cs"
        raise ValidationError(
            field,
            _BAD_CHAR_MESSAGES[surrogate, allow_lines],
            label=Term(FIELD_LABELS[field]),
            code=ord(ch),
        )


def clean_title(value: object) -> str:
    """One line of 1..200 characters (inner whitespace runs collapse to one space)."""
    if not isinstance(value, str):
        raise ValidationError("title", "The title must be text.")
    _check_chars(
        "title", value.replace("\n", " ").replace("\t", " ").replace("\r", " "), allow_lines=False
    )
    title = " ".join(value.split())
    if not title:
        raise ValidationError("title", "The title is empty; name the problem in a few words.")
    if len(title) > TITLE_MAX:
        raise ValidationError(
            "title",
            "The title is {length} characters long; the limit is {limit}.",
            length=len(title),
            limit=TITLE_MAX,
        )
    return title


def clean_body(value: object) -> str:
    """Markdown text: line endings made \\n, outer blank space trimmed, at most 1 MiB UTF-8."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError("body", "The body must be text.")
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    _check_chars("body", text, allow_lines=True)
    text = text.strip()
    size = len(text.encode("utf-8"))
    if size > BODY_MAX_BYTES:
        raise ValidationError(
            "body",
            "The body is {size:,} bytes long; the limit is {limit:,} bytes (1 MiB).",
            size=size,
            limit=BODY_MAX_BYTES,
        )
    return text


def clean_category(value: object) -> str:
    """One line of at most 120 characters; empty means no category."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError("category", "The category must be text.")
    _check_chars("category", value.replace("\n", " ").replace("\t", " "), allow_lines=False)
    text = " ".join(value.split())
    if len(text) > CATEGORY_MAX:
        raise ValidationError(
            "category",
            "The category is {length} characters long; the limit is {limit}.",
            length=len(text),
            limit=CATEGORY_MAX,
        )
    return text


def _lower(text: str) -> str:
    # lower() twice: a few characters (e.g. U+0130) lower to text that lowers further.
    return text.lower().lower()


def clean_tags(value: object) -> tuple[str, ...]:
    """Tags from a list or a comma-separated string: trimmed, lower-cased, deduplicated
    (first occurrence keeps its place), each up to 40 characters, at most 20."""
    if value is None:
        return ()
    if isinstance(value, str):
        raw: list[object] = list(value.split(","))
    elif isinstance(value, Iterable):
        raw = list(value)
    else:
        raise ValidationError("tags", "Tags must be a list of words or a comma-separated text.")
    tags: list[str] = []
    for item in raw:
        if not isinstance(item, str):
            raise ValidationError("tags", "The tag {tag!r} is not text.", tag=item)
        _check_chars("tags", item.replace("\n", " ").replace("\t", " "), allow_lines=False)
        tag = " ".join(_lower(item).split())
        if not tag:
            continue
        if "," in tag:
            raise ValidationError(
                "tags", "The tag {tag!r} contains a comma; split it in two.", tag=tag
            )
        if len(tag) > TAG_MAX:
            raise ValidationError(
                "tags",
                "The tag {tag!r}... is {length} characters; the limit is {limit}.",
                tag=tag[:20],  # the start is enough to find it
                length=len(tag),
                limit=TAG_MAX,
            )
        if tag not in tags:
            tags.append(tag)
    if len(tags) > TAGS_MAX:
        raise ValidationError(
            "tags", "There are {count} tags; the limit is {limit}.", count=len(tags), limit=TAGS_MAX
        )
    return tuple(tags)


def clean_language(value: object) -> str:
    """A short BCP 47-style code (en, zh-Hans, pt-BR), in its usual letter case."""
    if value is None or value == "":
        return DEFAULT_LANGUAGE
    if not isinstance(value, str):
        raise ValidationError("language", "The language must be a code such as en or zh-Hans.")
    code = value.strip().replace("_", "-")
    if len(code) > LANGUAGE_MAX or not _LANGUAGE.fullmatch(code):
        raise ValidationError(
            "language",
            "{value!r} is not a language code; use one such as en, zh-Hans or pt-BR.",
            value=value,
        )
    first, *rest = code.split("-")
    parts = [first.lower()]
    for sub in rest:
        if len(sub) == 2 and sub.isalpha():
            parts.append(sub.upper())  # region
        elif len(sub) == 4 and sub.isalpha():
            parts.append(sub.title())  # script
        else:
            parts.append(sub.lower())
    return "-".join(parts)


def clean_note(value: object) -> str:
    """The optional note saved with a version (why it changed)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError("note", "The version note must be text.")
    text = value.replace("\r\n", "\n").strip()
    _check_chars("note", text, allow_lines=True)
    if len(text) > NOTE_MAX:
        raise ValidationError(
            "note",
            "The version note is {length:,} characters; the limit is {limit:,}.",
            length=len(text),
            limit=NOTE_MAX,
        )
    return text


def content_problems(draft: ArticleDraft) -> tuple[ArticleContent | None, list[ValidationError]]:
    """Check every field; the content when all are valid, and every problem found."""
    problems: list[ValidationError] = []
    values: dict[str, object] = {}
    cleaners = {
        "title": clean_title,
        "body": clean_body,
        "category": clean_category,
        "tags": clean_tags,
        "language": clean_language,
    }
    for name, clean in cleaners.items():
        try:
            values[name] = clean(getattr(draft, name))
        except ValidationError as err:
            problems.append(err)
    if problems:
        return None, problems
    return ArticleContent(**values), []  # type: ignore[arg-type]


def clean_content(draft: ArticleDraft) -> ArticleContent:
    """Validated content, or the first problem as a ValidationError naming its field."""
    content, problems = content_problems(draft)
    if content is None:
        raise problems[0]
    return content


def parse_status(value: object) -> ArticleStatus:
    try:
        return ArticleStatus(str(value).strip().lower())
    except ValueError:
        raise ValidationError(
            "status",
            "{value!r} is not an article status; use draft, published or archived.",
            value=value,
        ) from None


def check_status_move(current: ArticleStatus, target: ArticleStatus) -> None:
    """Refuse a move the life cycle does not allow (draft -> published -> archived -> draft)."""
    if target in _MOVES[current]:
        return
    if target == current:
        raise TransitionError(
            current.value,
            target.value,
            "The article is already {status}.",
            status=Term(current.value),
        )
    if current == ArticleStatus.DRAFT:
        raise TransitionError(
            current.value,
            target.value,
            "A draft can only be published; archive it after publishing.",
        )
    if current == ArticleStatus.PUBLISHED:
        raise TransitionError(
            current.value,
            target.value,
            "A published article can only be archived (then reopened as a draft).",
        )
    raise TransitionError(
        current.value, target.value, "An archived article can only be reopened as a draft."
    )


# ---- diffs -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DiffLine:
    """One line of a line diff: kind is 'same', 'added', 'removed' or 'gap' (skipped lines)."""

    kind: str
    text: str
    old_line: int | None
    new_line: int | None


@dataclass(frozen=True)
class ArticleDiff:
    """Two versions compared: field changes, the body's line diff and a unified text."""

    old_version: int
    new_version: int
    changed_fields: tuple[str, ...]
    lines: tuple[DiffLine, ...]
    unified: str


# The labels of the first lines of a diffed version ("Title: ..."), in this order; the body
# follows after one blank line.
DIFF_HEAD = ("Title", "Category", "Tags", "Language")


def _as_lines(content: ArticleContent) -> list[str]:
    values = (content.title, content.category, ", ".join(content.tags), content.language)
    head = [f"{label}: {value}" for label, value in zip(DIFF_HEAD, values, strict=True)]
    return [*head, "", *content.body.split("\n")]


def diff_contents(
    old: ArticleContent, new: ArticleContent, old_version: int, new_version: int, context: int = 3
) -> ArticleDiff:
    """Compare title, category, tags, language and body (as one line list) of two versions."""
    changed = tuple(
        name
        for name in ("title", "body", "category", "tags", "language")
        if getattr(old, name) != getattr(new, name)
    )
    a, b = _as_lines(old), _as_lines(new)
    unified = "\n".join(
        difflib.unified_diff(
            a, b, f"version {old_version}", f"version {new_version}", lineterm="", n=context
        )
    )
    lines: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        if lines:
            lines.append(DiffLine("gap", "", None, None))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(
                    DiffLine("same", a[i], i + 1, j1 + k + 1) for k, i in enumerate(range(i1, i2))
                )
                continue
            lines.extend(DiffLine("removed", a[i], i + 1, None) for i in range(i1, i2))
            lines.extend(DiffLine("added", b[j], None, j + 1) for j in range(j1, j2))
    return ArticleDiff(old_version, new_version, changed, tuple(lines), unified)


# ---- drafts from tickets -----------------------------------------------------------------


def draft_from_ticket(
    *,
    number: str,
    title: str,
    description: str | None,
    resolution_note: str | None,
    category: str | None,
    status: str,
) -> ArticleDraft:
    """A prefilled article from a resolved or closed ticket (Symptoms + Resolution)."""
    current = Status(status)
    if current.is_open:
        raise DomainError(
            "Ticket {number} is {status}; an article can only be drafted from a "
            "resolved or closed ticket (its resolution is not known yet).",
            number=number,
            status=Term(current.label),
        )
    symptoms = (description or "").strip() or "_The ticket has no description._"
    resolution = (resolution_note or "").strip() or "_No resolution note was recorded._"
    body = f"## Symptoms\n\n{symptoms}\n\n## Resolution\n\n{resolution}\n\n_Source: {number}_"
    return ArticleDraft(
        title=title, body=body, category=category, tags=(), language=guess_language(title + body)
    )


def guess_language(text: str) -> str:
    """'zh' when the text has Chinese characters, else the default; the user can change it."""
    if any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text):
        return "zh"
    return DEFAULT_LANGUAGE


# ---- import problems ---------------------------------------------------------------------


class Reason(str):
    """A refusal quoted inside another message ("status published: the article is archived.
    {reason}"): ``str()`` is its English text, while ``template`` and ``params`` let the UI
    show it in its own language as well."""

    template: str | None
    params: Mapping[str, object]

    def __new__(cls, error: Templated | BaseException) -> Reason:
        made = super().__new__(cls, str(error))
        made.template = error.template if isinstance(error, Templated) else None
        made.params = error.params if isinstance(error, Templated) else MappingProxyType({})
        return made


@dataclass(frozen=True)
class ImportProblem:
    """One reason an import was refused: the file, the line when known, the field if any.

    ``message`` is the English text; ``template`` and ``params`` keep what it was made of
    (left out of equality), so the UI can show it in its own language."""

    file: str
    message: str
    line: int | None = None
    field: str | None = None
    template: str | None = dataclasses.field(default=None, compare=False)
    params: Mapping[str, object] = dataclasses.field(
        default_factory=lambda: MappingProxyType({}), compare=False
    )

    @classmethod
    def of(cls, file: str, error: DomainError, line: int | None = None) -> ImportProblem:
        """The problem ``error`` describes (a ValidationError names its field)."""
        field = error.field if isinstance(error, ValidationError) else None
        return cls(file, str(error), line, field, error.template, error.params)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.message}"


# Whole sentences for one and for several problems (each translates on its own).
_REFUSED = {
    True: "Nothing was imported: {count} problem found.\n{problems}",
    False: "Nothing was imported: {count} problems found.\n{problems}",
}


class ArticleImportError(DomainError):
    """An import refused as a whole (nothing was written); lists every problem found."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        count = len(problems)
        lines = "\n".join(str(p) for p in problems)
        super().__init__(_REFUSED[count == 1], count=count, problems=lines)
        self.problems = problems
