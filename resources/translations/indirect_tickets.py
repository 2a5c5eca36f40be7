"""Texts of the ticket import and export, the attachment and database store, and triage
that reach tr() through a variable, listed for lupdate (never imported).

Message templates of Templated errors are translated under "DomainMessages" by
opexdesk.ui.i18n.error_text / message_text; keep this list in step with the sources named.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP

# opexdesk/services/ticket_import_source.py: CsvReadError (reading the file).
CSV_READING = (
    QT_TRANSLATE_NOOP("DomainMessages", "{name}, row {row}: the CSV is malformed ({reason})."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "{name} cannot be read as {encoding}: byte 0x{byte} at byte offset {offset:,} "
        "does not decode. Choose another encoding.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "{name} cannot be read as {encoding}: an unfinished character at the end at byte "
        "offset {offset:,} does not decode. Choose another encoding.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "{name} is not UTF-8: byte 0x{byte} at byte offset {offset:,} does not decode. "
        "Choose the file's encoding (for example Windows-1252 for Western European "
        "spreadsheets or GB18030 for Chinese ones) and open it again.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "{name} is not UTF-8: an unfinished character at the end at byte offset {offset:,} "
        "does not decode. Choose the file's encoding (for example Windows-1252 for Western "
        "European spreadsheets or GB18030 for Chinese ones) and open it again.",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "{path} is not a file."),
    QT_TRANSLATE_NOOP("DomainMessages", "{name} is empty."),
    QT_TRANSLATE_NOOP("DomainMessages", "Unknown encoding {encoding!r}."),
    QT_TRANSLATE_NOOP("DomainMessages", "{name} has no header row (the first line is empty)."),
    # opexdesk/ui/import_export/import_wizard.py: CsvSource.encoding_label in the file line.
    QT_TRANSLATE_NOOP("ImportWizard", "UTF-8 (with BOM)"),
)

# opexdesk/services/ticket_import_rows.py (column_index), ticket_import.py: the mapping and
# the import as a whole.
IMPORT = (
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "No column is mapped to Title; every ticket needs one. The file's columns are: {columns}.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "{name} has no column named {missing}; its columns are: {columns}."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "{name} has a header row but no tickets."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "{problems:,} problem(s) in {rows:,} rows; nothing was imported."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "The import was cancelled; nothing was imported."),
    # opexdesk/services/ticket_views.py: a ticket gone from this device.
    QT_TRANSLATE_NOOP(
        "DomainMessages", "Ticket {ticket_id} does not exist (it may have been deleted)."
    ),
    # opexdesk/services/ticket_export.py: ExportCancelled.
    QT_TRANSLATE_NOOP("DomainMessages", "The export was cancelled; no file was written."),
)

# opexdesk/services/ticket_import_dates.py: DateReadError (the "Created" column).
IMPORT_DATES = (
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "Not a date this import reads (use e.g. 2024-03-05 14:30 or 05/03/2024).",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "An AM/PM hour must be 1 to 12."),
    QT_TRANSLATE_NOOP("DomainMessages", "Not a real date (month must be in 1..12)."),
    QT_TRANSLATE_NOOP("DomainMessages", "Not a real date (day is out of range for month)."),
    QT_TRANSLATE_NOOP("DomainMessages", "Not a real date (hour must be in 0..23)."),
    QT_TRANSLATE_NOOP("DomainMessages", "Not a real date (minute must be in 0..59)."),
    QT_TRANSLATE_NOOP("DomainMessages", "Not a real date (second must be in 0..59)."),
    QT_TRANSLATE_NOOP("DomainMessages", "Not a real date (year 0 is out of range)."),
    QT_TRANSLATE_NOOP("DomainMessages", "Not a real date ({reason})."),
    QT_TRANSLATE_NOOP("DomainMessages", "Not a real time zone offset ({offset})."),
    QT_TRANSLATE_NOOP("DomainMessages", "The date lies in the future."),
    QT_TRANSLATE_NOOP("DomainMessages", "The date is before 1990."),
)

# opexdesk/storage/errors.py, blobs.py, database.py: StorageError and its kinds.
STORAGE = (
    QT_TRANSLATE_NOOP("DomainMessages", "{name} is {size}; attachments are limited to {limit}."),
    QT_TRANSLATE_NOOP("DomainMessages", "Cannot write attachments to {root}: {reason}."),
    QT_TRANSLATE_NOOP("DomainMessages", "Cannot create the data directory {directory}: {reason}."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The data directory {directory} is not writable; choose another with --basedir "
        "or fix its permissions.",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "The database file {path} is not readable and writable."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The database {path} cannot be read ({reason}); it may be damaged. "
        "Move it aside and start again, or restore a backup.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "{path} is not an OpExDesk database or is damaged ({reason}). "
        "Move it aside and start again, or restore a backup.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "This database uses schema {revision!r}, written by a newer OpExDesk; this "
        "version knows schemas up to {head!r}. Update OpExDesk to open it (nothing "
        "was changed).",
    ),
)

# opexdesk/services/triage/actions.py, assignment.py: report phrases (shown through
# opexdesk/ui/triage/phrase_text.py), their separators and the labels they name.
TRIAGE = (
    QT_TRANSLATE_NOOP("DomainMessages", "; "),
    QT_TRANSLATE_NOOP("DomainMessages", "{field} {value}"),
    QT_TRANSLATE_NOOP("DomainMessages", "{number}: {reason}"),
    QT_TRANSLATE_NOOP("DomainMessages", "{done} Refused: {refused}"),
    QT_TRANSLATE_NOOP("DomainMessages", "Nothing changed: already {what}."),
    QT_TRANSLATE_NOOP("DomainMessages", "{number}: set {what}."),
    QT_TRANSLATE_NOOP("DomainMessages", "Set {what} on {count} tickets."),
    QT_TRANSLATE_NOOP("DomainMessages", "Set {what} on {count} of {asked} tickets."),
    QT_TRANSLATE_NOOP("DomainMessages", "{number}: {field} set to {value}."),
    QT_TRANSLATE_NOOP("DomainMessages", "{field} set to {value} on {count} tickets."),
    QT_TRANSLATE_NOOP("DomainMessages", "{field} set to {value} on {count} of {asked} tickets."),
    QT_TRANSLATE_NOOP("DomainMessages", "A ticket cannot be a duplicate of itself."),
    QT_TRANSLATE_NOOP("DomainMessages", "Cannot mark as duplicate: {reason}"),
    QT_TRANSLATE_NOOP("DomainMessages", "{duplicate} resolved as a duplicate of {original}."),
    QT_TRANSLATE_NOOP("DomainMessages", "Nothing to undo."),
    QT_TRANSLATE_NOOP("DomainMessages", "{number} was changed since ({field} is now {value})"),
    QT_TRANSLATE_NOOP("DomainMessages", "Undid {what} on {count} ticket(s)."),
    QT_TRANSLATE_NOOP("DomainMessages", "Undid {what} on {count} ticket(s); not undone: {refused}"),
    QT_TRANSLATE_NOOP("DomainMessages", "Undo refused: {refused}."),
    QT_TRANSLATE_NOOP("DomainMessages", "Set an assignee group first (G)."),
    QT_TRANSLATE_NOOP("DomainMessages", "Nobody is known in {group}."),
    QT_TRANSLATE_NOOP("DomainMessages", "Everyone in {group} is away."),
    QT_TRANSLATE_NOOP("DomainMessages", "next in turn in {group}"),
    QT_TRANSLATE_NOOP("DomainMessages", "fewest open tickets in {group} ({count})"),
    # actions.py FIELD_LABELS and the empty value ("impact" and "urgency" are listed in
    # indirect_strings.py); capitalised when they open a sentence.
    QT_TRANSLATE_NOOP("Vocabulary", "category"),
    QT_TRANSLATE_NOOP("Vocabulary", "group"),
    QT_TRANSLATE_NOOP("Vocabulary", "assignee"),
    QT_TRANSLATE_NOOP("Vocabulary", "(none)"),
)

# opexdesk/ui/triage/queue_model.py: the tooltip's due time, written there after tr().
TRIAGE_QUEUE = (QT_TRANSLATE_NOOP("TriageQueueModel", " (due {0})"),)
