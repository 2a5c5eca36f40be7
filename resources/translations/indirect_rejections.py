"""Why the central store refused or set aside a change, listed for lupdate (never imported).

The server sends each reason in English with its template and arguments
(opexdesk/domain/kept_messages.py); conflict records keep them, and the client translates
the template under "DomainMessages" (opexdesk.ui.i18n.message_text). Keep this list in step
with the sources named; the ticket rules' and workflow's own templates are in
indirect_strings.py.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP

# opexdesk/server/sync_fields.py, sync_context.py: the values a pushed change carries.
VALUES = (
    QT_TRANSLATE_NOOP("DomainMessages", "'{key}' must be a string, not {kind}."),
    QT_TRANSLATE_NOOP("DomainMessages", "'{key}' must be a whole number, not {value}."),
    QT_TRANSLATE_NOOP("DomainMessages", "Unknown keys in {what}: {keys}."),
    QT_TRANSLATE_NOOP("DomainMessages", "'title' must be a string."),
    QT_TRANSLATE_NOOP("DomainMessages", "'description' must be a string."),
    QT_TRANSLATE_NOOP("DomainMessages", "'{field}' must be a string or null."),
    QT_TRANSLATE_NOOP("DomainMessages", "The field {field!r} cannot be edited."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The change of {field!r} must be {{'base': ..., 'new': ...}}."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "'ticket_id' must be the id of the ticket."),
)

# The kinds of change named in "Unknown keys in {what}: ..." (sync_*.py only_keys calls).
CHANGE_KINDS = (
    QT_TRANSLATE_NOOP("DomainMessages", "a deletion"),
    QT_TRANSLATE_NOOP("DomainMessages", "a status move"),
    QT_TRANSLATE_NOOP("DomainMessages", "a priority override"),
    QT_TRANSLATE_NOOP("DomainMessages", "a comment"),
    QT_TRANSLATE_NOOP("DomainMessages", "a work_log"),
    QT_TRANSLATE_NOOP("DomainMessages", "an attachment"),
    QT_TRANSLATE_NOOP("DomainMessages", "a resolution"),
    QT_TRANSLATE_NOOP("DomainMessages", "a setting"),
    QT_TRANSLATE_NOOP("DomainMessages", "a new article"),
    QT_TRANSLATE_NOOP("DomainMessages", "an article edit"),
    QT_TRANSLATE_NOOP("DomainMessages", "an article status move"),
    QT_TRANSLATE_NOOP("DomainMessages", "a vote"),
    QT_TRANSLATE_NOOP("DomainMessages", "a link to a ticket"),
)

# opexdesk/server/sync_context.py, sync_apply.py, sync_push.py: the change as a whole.
CHANGES = (
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The ticket {ticket_id} does not exist on the server (deleted?); "
        "your change is kept in a conflict record.",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "entity_id must be an id of 1 to {limit} characters."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "Unknown operation {op!r} on a ticket; use create, update, transition or delete.",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "Unknown operation {op!r} on a setting; use set."),
    QT_TRANSLATE_NOOP("DomainMessages", "Unknown operation {op!r} on a conflict; use resolve."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "Unknown operation {op!r} on an article; use create, save, move, vote or link.",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "Unknown operation {op!r} on a {entity}; use append."),
    QT_TRANSLATE_NOOP("DomainMessages", "Unknown entity {entity!r}; use {entities}."),
    QT_TRANSLATE_NOOP("DomainMessages", "The store could not save this change ({error})."),
    QT_TRANSLATE_NOOP("DomainMessages", "This mutation_id is already used."),
    QT_TRANSLATE_NOOP("DomainMessages", "Already processed."),
    # opexdesk/services/sync/engine.py: an outcome the server's 409 implies.
    QT_TRANSLATE_NOOP("DomainMessages", "Already processed by the server."),
)

# opexdesk/server/sync_ticket_ops.py: creating, editing and moving tickets.
TICKETS = (
    QT_TRANSLATE_NOOP("DomainMessages", "Unknown ticket fields: {fields}."),
    QT_TRANSLATE_NOOP("DomainMessages", "A new ticket needs a title."),
    QT_TRANSLATE_NOOP("DomainMessages", "A ticket with the id {ticket_id} already exists."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The ticket {ticket_id} was deleted; its id cannot be used again."
    ),
    # The workflow's refusal of a move, when the ticket moved since the user's move.
    QT_TRANSLATE_NOOP("DomainMessages", "{refusal} (it is now {status})"),
    QT_TRANSLATE_NOOP("DomainMessages", "The status move is not allowed."),
)

# opexdesk/server/sync_appends.py: comments, work logs and attachments.
APPENDS = (
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The row id {row_id} differs from the entity_id {entity_id!r}."
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "A {entity} with the id {row_id} belongs to another ticket."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "'sha256' must be 64 lowercase hexadecimal digits."),
    QT_TRANSLATE_NOOP("DomainMessages", "'filename' must have 1 to {limit} characters."),
    QT_TRANSLATE_NOOP("DomainMessages", "'size' must be 0 to {limit:,} bytes."),
    QT_TRANSLATE_NOOP("DomainMessages", "'media_type' must have 1 to {limit} characters."),
)

# opexdesk/server/sync_removal.py, sync_config_ops.py, domain/permissions.py
# (deletion_refusal), services/conflicts.py: deleting, deciding conflicts, settings.
REMOVAL_AND_SETTINGS = (
    QT_TRANSLATE_NOOP("DomainMessages", "Only an operator or an admin can delete a ticket."),
    QT_TRANSLATE_NOOP("DomainMessages", "The ticket {ticket_id} does not exist on the server."),
    QT_TRANSLATE_NOOP("DomainMessages", "Unknown choice {choice!r}; use server, local or custom."),
    QT_TRANSLATE_NOOP("DomainMessages", "There is no conflict {conflict_id} of yours to resolve."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "This change could not be applied as a whole (its ticket is gone); "
        "it can only be dismissed.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "This change was refused as a whole; it can only be dismissed."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "The resolution must edit the field {field!r}."),
    QT_TRANSLATE_NOOP("DomainMessages", "The ticket {ticket_id} no longer exists."),
    QT_TRANSLATE_NOOP("DomainMessages", "Only an administrator may change shared settings."),
    QT_TRANSLATE_NOOP("DomainMessages", "A setting needs its 'value'."),
    QT_TRANSLATE_NOOP("DomainMessages", "There is no conflict {conflict_id}."),
    QT_TRANSLATE_NOOP("DomainMessages", "This conflict is already resolved."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "This change cannot be applied any more; dismiss it instead."
    ),
)

# opexdesk/domain/permissions.py: a technician's reassignment refused by the role rules.
PERMISSIONS = (
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The ticket is assigned to {current}; only an operator or an admin can "
        "reassign a colleague's ticket.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "A technician can take an unassigned ticket only for themselves, not assign it "
        "to {new}; ask an operator to dispatch it.",
    ),
)

# opexdesk/server/sync_article_ops.py, sync_article_fields.py: knowledge-base articles
# (docs/sync_articles.md);
# "Only a published article can be rated." is listed in indirect_kb.py.
ARTICLES = (
    QT_TRANSLATE_NOOP("DomainMessages", "'{key}' must be a list of strings, not {kind}."),
    QT_TRANSLATE_NOOP("DomainMessages", "'{key}' must be an object, not {kind}."),
    QT_TRANSLATE_NOOP("DomainMessages", "'{key}' must have at most {limit} characters."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The article field {field!r} cannot be edited; use title, body, category, tags or "
        "language.",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "The article {article_id} does not exist on the server."),
    QT_TRANSLATE_NOOP("DomainMessages", "A new article needs a title."),
    QT_TRANSLATE_NOOP("DomainMessages", "An article with the id {article_id} already exists."),
    QT_TRANSLATE_NOOP("DomainMessages", "An article edit needs its 'fields'."),
    QT_TRANSLATE_NOOP("DomainMessages", "'helpful' must be true or false, not {value}."),
)

# opexdesk/domain/permissions.py: who may edit or move an article.
ARTICLE_PERMISSIONS = (
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The article is {status}; only an operator, an admin or a knowledge-base editor "
        "can edit it.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The draft belongs to {author}; only an operator, an admin or a knowledge-base "
        "editor can edit a colleague's draft.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "Only an operator, an admin or a knowledge-base editor can publish, archive or reopen "
        "an article.",
    ),
)
# As servers before knowledge-base editors sent them: conflict records keep these.
ARTICLE_PERMISSIONS_BEFORE_GRANTS = (
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The article is {status}; only an operator or an admin can edit it."
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The draft belongs to {author}; only an operator or an admin can edit a colleague's draft.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "Only an operator or an admin can publish, archive or reopen an article."
    ),
)
