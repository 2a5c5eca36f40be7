"""Knowledge-base texts that reach tr() through a variable, listed for lupdate (never imported).

lupdate only extracts literals passed straight to tr()/translate()/QT_TRANSLATE_NOOP. The
message templates below are raised by the article rules, the article service and the Markdown
import, and shown through opexdesk.ui.i18n.error_text / message_text (context
"DomainMessages"); the article statuses are labels shown through the vocabulary. Templates
already listed in indirect_strings.py are not repeated. Keep this list in step with the
sources it names.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP

# opexdesk/domain/article.py ArticleStatus: the status named in "The article is already
# {status}." and in a refused import ("the article is {current}").
ARTICLE_STATUSES = (
    QT_TRANSLATE_NOOP("Vocabulary", "draft"),
    QT_TRANSLATE_NOOP("Vocabulary", "published"),
    QT_TRANSLATE_NOOP("Vocabulary", "archived"),
)

# opexdesk/domain/article.py: drafts from tickets, refused imports.
ARTICLE_RULES = (
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "Ticket {number} is {status}; an article can only be drafted from a "
        "resolved or closed ticket (its resolution is not known yet).",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "Nothing was imported: {count} problem found.\n{problems}"),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "Nothing was imported: {count} problems found.\n{problems}"
    ),
)

# opexdesk/services/kb/articles.py: the article service.
ARTICLE_SERVICE = (
    QT_TRANSLATE_NOOP("DomainMessages", "No knowledge-base article with id {article_id}."),
    QT_TRANSLATE_NOOP("DomainMessages", "The article has no version {number}."),
    QT_TRANSLATE_NOOP("DomainMessages", "Version {number} is the same as the current version."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "“{title}” was changed by {user} at {when} (now version {current}; your edit "
        "started from version {expected}). Nothing was saved: reload the article and "
        "apply your changes again.",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "Only a published article can be rated."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "Only a published article can be marked as solving a ticket."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "No ticket with id {ticket_id}."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "exported from version {base}, but the article is now at version {current} "
        "(edited since); export it again, or import allowing older files to save it "
        "as a new version anyway.",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "status {target}: the article is {current}. {reason}"),
)

# opexdesk/services/kb/markdown_io.py: problems of a Markdown import (one per file and line).
MARKDOWN_IMPORT = (
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "the id {article_id} is also used by {other}; "
        "each article may appear only once in an import.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "the file is {size:,} bytes; an article body may be at most {limit:,} bytes (1 MiB).",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "cannot be read: {reason}."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "is not valid UTF-8 (byte 0x{byte:02X} at offset {offset}); save it as UTF-8.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "does not start with front matter (a first line '---'); see the format.",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "the front matter is not closed by a second '---' line."),
    QT_TRANSLATE_NOOP("DomainMessages", "broken front matter: {what}."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "the front matter must be 'key: value' lines (a YAML mapping)."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "missing title: add a 'title:' line to the front matter."),
    QT_TRANSLATE_NOOP("DomainMessages", "{reason} Put the value in quotes."),
    QT_TRANSLATE_NOOP("DomainMessages", "version must be a whole number from 1, not {value!r}."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "id {value!r} is not a UUID (leave it out to create a new article)."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "author must be text."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "author must be one line of at most {limit} printable characters."
    ),
)

# opexdesk/services/kb/articles.py GENERATED_NOTES: version notes the service writes itself,
# shown translated by opexdesk/ui/kb/history_view.py note_text().
GENERATED_NOTES = (
    QT_TRANSLATE_NOOP("HistoryDialog", "Created"),
    QT_TRANSLATE_NOOP("HistoryDialog", "Restored from version {number}"),
    QT_TRANSLATE_NOOP("HistoryDialog", "Imported from {source}"),
    QT_TRANSLATE_NOOP("HistoryDialog", "Conflict resolved"),
)

# opexdesk/services/sync/api.py SyncApi.articles, services/sync/answers.py
# checked_articles: the knowledge base in the sync.
ARTICLE_SYNC = (
    QT_TRANSLATE_NOOP("DomainMessages", "{server_url} sent an unexpected article answer."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "{server_url} sent a knowledge base that does not move forward; nothing was changed here.",
    ),
)
