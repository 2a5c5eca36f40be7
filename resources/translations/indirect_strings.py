"""Texts that reach tr() through a variable, listed for lupdate (never imported).

lupdate only extracts literals passed straight to tr()/translate()/QT_TRANSLATE_NOOP. The
texts below are translated at run time under the context named here: the class whose tr()
receives them, or "Vocabulary" for labels of the ticket model (opexdesk.ui.i18n.vocabulary,
also the last resort of every lookup). Keep this list in step with the sources it names.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP

# opexdesk/domain/enums.py, domain/priority.py: statuses, default matrix levels, fields.
VOCABULARY = (
    QT_TRANSLATE_NOOP("Vocabulary", "New"),
    QT_TRANSLATE_NOOP("Vocabulary", "Assigned"),
    QT_TRANSLATE_NOOP("Vocabulary", "In progress"),
    QT_TRANSLATE_NOOP("Vocabulary", "Pending"),
    QT_TRANSLATE_NOOP("Vocabulary", "Resolved"),
    QT_TRANSLATE_NOOP("Vocabulary", "Closed"),
    QT_TRANSLATE_NOOP("Vocabulary", "Extensive"),
    QT_TRANSLATE_NOOP("Vocabulary", "Significant"),
    QT_TRANSLATE_NOOP("Vocabulary", "Moderate"),
    QT_TRANSLATE_NOOP("Vocabulary", "Minor"),
    QT_TRANSLATE_NOOP("Vocabulary", "Critical"),
    QT_TRANSLATE_NOOP("Vocabulary", "High"),
    QT_TRANSLATE_NOOP("Vocabulary", "Medium"),
    QT_TRANSLATE_NOOP("Vocabulary", "Low"),
    QT_TRANSLATE_NOOP("Vocabulary", "Category"),
    QT_TRANSLATE_NOOP("Vocabulary", "Impact"),
    QT_TRANSLATE_NOOP("Vocabulary", "Urgency"),
    QT_TRANSLATE_NOOP("Vocabulary", "Group"),
    # opexdesk/domain/ticket.py FIELD_LABELS: field names in the ticket history.
    QT_TRANSLATE_NOOP("Vocabulary", "Title"),
    QT_TRANSLATE_NOOP("Vocabulary", "Description"),
    QT_TRANSLATE_NOOP("Vocabulary", "Requester"),
    QT_TRANSLATE_NOOP("Vocabulary", "Site"),
    QT_TRANSLATE_NOOP("Vocabulary", "Priority"),
    QT_TRANSLATE_NOOP("Vocabulary", "Status"),
    QT_TRANSLATE_NOOP("Vocabulary", "Assignee"),
    QT_TRANSLATE_NOOP("Vocabulary", "Work note"),
    QT_TRANSLATE_NOOP("Vocabulary", "Note"),
    QT_TRANSLATE_NOOP("Vocabulary", "Reason"),
    # opexdesk/domain/ticket.py NOTE_LABELS: the note named in a too-long message.
    QT_TRANSLATE_NOOP("Vocabulary", "work note"),
    QT_TRANSLATE_NOOP("Vocabulary", "note"),
    QT_TRANSLATE_NOOP("Vocabulary", "reason"),
    # opexdesk/services/ticket_import_mapping.py TARGET_LABELS: the one not listed above.
    QT_TRANSLATE_NOOP("Vocabulary", "Created"),
    # opexdesk/domain/article.py FIELD_LABELS: the ones not listed above.
    QT_TRANSLATE_NOOP("Vocabulary", "Body"),
    QT_TRANSLATE_NOOP("Vocabulary", "Tags"),
    QT_TRANSLATE_NOOP("Vocabulary", "Language"),
    QT_TRANSLATE_NOOP("Vocabulary", "Version note"),
    # opexdesk/domain/priority.py AXES: the axis named inside a matrix message.
    QT_TRANSLATE_NOOP("Vocabulary", "impact"),
    QT_TRANSLATE_NOOP("Vocabulary", "urgency"),
    QT_TRANSLATE_NOOP("Vocabulary", "priority"),
)

# opexdesk/ui/main_window.py: action texts pass through MainWindow._action's self.tr(text).
MAIN_WINDOW = (
    QT_TRANSLATE_NOOP("MainWindow", "&New ticket…"),
    QT_TRANSLATE_NOOP("MainWindow", "&Refresh"),
    QT_TRANSLATE_NOOP("MainWindow", "&Quit"),
    QT_TRANSLATE_NOOP("MainWindow", "&Find tickets"),
    QT_TRANSLATE_NOOP("MainWindow", "Focus the &list"),
    QT_TRANSLATE_NOOP("MainWindow", "&Next ticket"),
    QT_TRANSLATE_NOOP("MainWindow", "&Previous ticket"),
    QT_TRANSLATE_NOOP("MainWindow", "&Open in the editor"),
    QT_TRANSLATE_NOOP("MainWindow", "Assign to &me"),
    QT_TRANSLATE_NOOP("MainWindow", "Add &comment"),
    QT_TRANSLATE_NOOP("MainWindow", "&Delete ticket…"),
    QT_TRANSLATE_NOOP("MainWindow", "Set to New"),
    QT_TRANSLATE_NOOP("MainWindow", "Set to Assigned"),
    QT_TRANSLATE_NOOP("MainWindow", "Set to In progress"),
    QT_TRANSLATE_NOOP("MainWindow", "Set to Pending"),
    QT_TRANSLATE_NOOP("MainWindow", "Set to Resolved"),
    QT_TRANSLATE_NOOP("MainWindow", "Set to Closed"),
    QT_TRANSLATE_NOOP("MainWindow", "&Sign in…"),
    QT_TRANSLATE_NOOP("MainWindow", "Sync &now"),
    QT_TRANSLATE_NOOP("MainWindow", "&Conflicts…"),
    QT_TRANSLATE_NOOP("MainWindow", "&Find tickets on the server…"),
    QT_TRANSLATE_NOOP("MainWindow", "Sign &out"),
    QT_TRANSLATE_NOOP("MainWindow", "&Keyboard shortcuts"),
    QT_TRANSLATE_NOOP("MainWindow", "&Triage queue"),
    QT_TRANSLATE_NOOP("MainWindow", "&Priority matrix…"),
    QT_TRANSLATE_NOOP("MainWindow", "&Users…"),
)

# opexdesk/ui/dashboard/window.py: PRESETS, ANY and the filter titles.
DASHBOARD = (
    QT_TRANSLATE_NOOP("DashboardWindow", "Last 24 hours"),
    QT_TRANSLATE_NOOP("DashboardWindow", "Last 7 days"),
    QT_TRANSLATE_NOOP("DashboardWindow", "Last 30 days"),
    QT_TRANSLATE_NOOP("DashboardWindow", "Custom…"),
    QT_TRANSLATE_NOOP("DashboardWindow", "All"),
    QT_TRANSLATE_NOOP("DashboardWindow", "Site"),
    QT_TRANSLATE_NOOP("DashboardWindow", "Group"),
    QT_TRANSLATE_NOOP("DashboardWindow", "Category"),
    QT_TRANSLATE_NOOP("DashboardWindow", "Priority"),
    # WINDOW_ERRORS: the custom window's ValidationError texts (services/metrics/window.py).
    QT_TRANSLATE_NOOP("DashboardWindow", "Window times need a time zone."),
    QT_TRANSLATE_NOOP("DashboardWindow", "The window must end after it starts."),
    QT_TRANSLATE_NOOP("DashboardWindow", "A custom window needs its own start and end."),
)

# opexdesk/ui/dashboard/charts.py and chart_base.py: title_text, empty_text and rows_shown
# of each chart, and the age buckets of opexdesk/services/metrics/snapshot.py AGE_BUCKETS,
# shown through chart_base.chart_text() (the CSV keeps the English ones).
DASHBOARD_CHARTS = (
    QT_TRANSLATE_NOOP("DashboardCharts", "No tickets in this window."),
    QT_TRANSLATE_NOOP("DashboardCharts", "Inflow and outflow"),
    QT_TRANSLATE_NOOP("DashboardCharts", "Opened by priority"),
    QT_TRANSLATE_NOOP("DashboardCharts", "Open backlog by age"),
    QT_TRANSLATE_NOOP("DashboardCharts", "No open tickets."),
    QT_TRANSLATE_NOOP("DashboardCharts", "SLA compliance"),
    QT_TRANSLATE_NOOP("DashboardCharts", "No ticket was answered or resolved in this window."),
    QT_TRANSLATE_NOOP("DashboardCharts", "Response"),
    QT_TRANSLATE_NOOP("DashboardCharts", "Resolution"),
    QT_TRANSLATE_NOOP("DashboardCharts", "Workload per technician"),
    QT_TRANSLATE_NOOP("DashboardCharts", "Nobody has open or resolved tickets here."),
    QT_TRANSLATE_NOOP("DashboardCharts", "< 4 h"),
    QT_TRANSLATE_NOOP("DashboardCharts", "4-24 h"),
    QT_TRANSLATE_NOOP("DashboardCharts", "1-3 d"),
    QT_TRANSLATE_NOOP("DashboardCharts", "3-7 d"),
    QT_TRANSLATE_NOOP("DashboardCharts", "7-30 d"),
    QT_TRANSLATE_NOOP("DashboardCharts", "> 30 d"),
)

# opexdesk/ui/dashboard/tiles.py: KpiTiles.NAMES.
KPI_TILES = (
    QT_TRANSLATE_NOOP("KpiTiles", "Opened"),
    QT_TRANSLATE_NOOP("KpiTiles", "Resolved"),
    QT_TRANSLATE_NOOP("KpiTiles", "Open backlog"),
    QT_TRANSLATE_NOOP("KpiTiles", "Response SLA"),
    QT_TRANSLATE_NOOP("KpiTiles", "Resolution SLA"),
    QT_TRANSLATE_NOOP("KpiTiles", "Breaches"),
    QT_TRANSLATE_NOOP("KpiTiles", "First response (median)"),
    QT_TRANSLATE_NOOP("KpiTiles", "Time to resolve (median)"),
    QT_TRANSLATE_NOOP("KpiTiles", "Reopen rate"),
    QT_TRANSLATE_NOOP("KpiTiles", "First-contact resolution"),
    QT_TRANSLATE_NOOP("KpiTiles", "Overdue open"),
    QT_TRANSLATE_NOOP("KpiTiles", "CSAT"),
)

# opexdesk/ui/main_window.py: EXTRA_KEYS, translated by ShortcutsDialog's self.tr(what).
SHORTCUT_ROWS = (
    QT_TRANSLATE_NOOP("ShortcutsDialog", "Next / previous ticket (in the list)"),
    QT_TRANSLATE_NOOP("ShortcutsDialog", "First / last ticket (in the list)"),
    QT_TRANSLATE_NOOP("ShortcutsDialog", "Clear the search (in the search field)"),
    QT_TRANSLATE_NOOP("ShortcutsDialog", "Save the ticket (in the editor)"),
    QT_TRANSLATE_NOOP("ShortcutsDialog", "Back to the list (in the editor)"),
    QT_TRANSLATE_NOOP("ShortcutsDialog", "Send the reply or note (in the composer)"),
    QT_TRANSLATE_NOOP("ShortcutsDialog", "Set the priority by hand, with a reason (in the editor)"),
    QT_TRANSLATE_NOOP("ShortcutsDialog", "Apply all suggestions (in the New ticket dialog)"),
)

# opexdesk/ui/settings_dialog.py: THEMES and LANGUAGE_NAMES, through SettingsDialog's self.tr().
SETTINGS = (
    QT_TRANSLATE_NOOP("SettingsDialog", "Same as the system"),
    QT_TRANSLATE_NOOP("SettingsDialog", "Light"),
    QT_TRANSLATE_NOOP("SettingsDialog", "Dark"),
)

# opexdesk/services/ticket_import_source.py: ENCODING_CHOICES, through ImportWizard's self.tr().
IMPORT_ENCODINGS = (
    QT_TRANSLATE_NOOP("ImportWizard", "Detect (UTF-8 / UTF-16 with BOM)"),
    QT_TRANSLATE_NOOP("ImportWizard", "Windows-1252 (Western Europe)"),
    QT_TRANSLATE_NOOP("ImportWizard", "ISO-8859-1 (Latin-1)"),
    QT_TRANSLATE_NOOP("ImportWizard", "GB18030 (Simplified Chinese)"),
    QT_TRANSLATE_NOOP("ImportWizard", "Big5 (Traditional Chinese)"),
    QT_TRANSLATE_NOOP("ImportWizard", "Shift JIS (Japanese)"),
)

# Message templates of ValidationError / TransitionError raised by the ticket rules
# (opexdesk/domain/ticket.py, domain/workflow.py, services/tickets.py,
# services/ticket_edits.py), translated by opexdesk.ui.i18n.error_text; keep the {names}.
# tests/unit/test_domain_messages.py fails when a template is missing here.
DOMAIN_MESSAGES = (
    # How a list of labels is joined ("New, Assigned").
    QT_TRANSLATE_NOOP("DomainMessages", ", "),
    QT_TRANSLATE_NOOP("DomainMessages", "{label} contains a control character (U+{code:04X})."),
    QT_TRANSLATE_NOOP("DomainMessages", "The title is empty; describe the problem in a few words."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The title is {length} characters long; the limit is {limit}."
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The description is {length:,} characters long; the limit is {limit:,}."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "{label} is required."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "{label} is {length} characters long; the limit is {limit}."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "The comment is empty."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The comment is {length:,} characters long; the limit is {limit:,}."
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The {note} is {length:,} characters long; the limit is {limit:,}."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "Time spent {value!r} is not a whole number of minutes."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "Time spent must be between 1 and {limit} minutes, not {minutes}."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "The ticket is already {status}."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "Closed tickets are final; open a follow-up ticket instead."
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "A ticket cannot go from {current} to {target}; from {current} it can go to: {options}.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "Assign the ticket to someone before setting it to {status}."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "Describe the resolution before resolving."),
    QT_TRANSLATE_NOOP("DomainMessages", "Give a reason for reopening the ticket."),
    QT_TRANSLATE_NOOP("DomainMessages", "No ticket with local id {local_id}."),
    QT_TRANSLATE_NOOP("DomainMessages", "These fields cannot be edited here: {fields}."),
    QT_TRANSLATE_NOOP("DomainMessages", "Unknown comment kind {kind!r}; use public or internal."),
    QT_TRANSLATE_NOOP("DomainMessages", "{path} is not a file."),
    QT_TRANSLATE_NOOP("DomainMessages", "The field {name!r} cannot be edited here."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "A ticket that is {status} needs an assignee; reassign it instead."
    ),
    # opexdesk/domain/article.py: knowledge-base article rules.
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "{label} contains a control character (U+{code:04X}); "
        "only line breaks and tabs are allowed.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "{label} contains a control character (U+{code:04X}); remove it."
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "{label} contains an unpaired surrogate character (U+{code:04X}); "
        "only line breaks and tabs are allowed.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "{label} contains an unpaired surrogate character (U+{code:04X}); remove it.",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "The title must be text."),
    QT_TRANSLATE_NOOP("DomainMessages", "The title is empty; name the problem in a few words."),
    QT_TRANSLATE_NOOP("DomainMessages", "The body must be text."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The body is {size:,} bytes long; the limit is {limit:,} bytes (1 MiB)."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "The category must be text."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The category is {length} characters long; the limit is {limit}."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "Tags must be a list of words or a comma-separated text."),
    QT_TRANSLATE_NOOP("DomainMessages", "The tag {tag!r} is not text."),
    QT_TRANSLATE_NOOP("DomainMessages", "The tag {tag!r} contains a comma; split it in two."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The tag {tag!r}... is {length} characters; the limit is {limit}."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "There are {count} tags; the limit is {limit}."),
    QT_TRANSLATE_NOOP("DomainMessages", "The language must be a code such as en or zh-Hans."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "{value!r} is not a language code; use one such as en, zh-Hans or pt-BR.",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "The version note must be text."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The version note is {length:,} characters; the limit is {limit:,}."
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "{value!r} is not an article status; use draft, published or archived.",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "The article is already {status}."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "A draft can only be published; archive it after publishing."
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "A published article can only be archived (then reopened as a draft)."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "An archived article can only be reopened as a draft."),
    # opexdesk/domain/priority.py: priority matrix rules.
    QT_TRANSLATE_NOOP("DomainMessages", "{name} labels must be a list of names."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "A priority matrix has {least} to {most} {axis} levels; got {count}."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "{name} label {number} is {value!r}, not text."),
    QT_TRANSLATE_NOOP("DomainMessages", "{name} label {number} is empty."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "{name} label {number} ({start!r}...) is {length} characters long; the limit is {limit}.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "{name} label {number} contains a control character (U+{code:04X})."
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "{name} label {label!r} is used twice (levels {first} and {second}); each level needs "
        "its own name.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "Priority matrix has no cell for impact {impact} x urgency {urgency}."
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "Priority matrix cell {cell} lies outside its {impacts} impact x {urgencies} urgency "
        "levels.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "Priority matrix cell impact {impact} x urgency {urgency} has unknown priority "
        "{value!r}; use priority 1 ({first}) to {count} ({last}).",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "Priority {levels} is not given by any cell; use each priority in a cell or remove the "
        "level.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "Priorities {levels} are not given by any cell; use each priority in a cell or remove "
        "the level.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "Unknown {axis} {value!r}; use {axis} 1 ({first}) to {count} ({last})."
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "A priority matrix is {shape} (or the older {older}) and nothing else."
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "A priority matrix has {count} rows, one per impact level."
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "Row {row} (impact {impact}) needs {count} cells, one per urgency level."
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "Cell impact {impact} x urgency {urgency} is {value!r}, not a priority number.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "Impact {worse_impact} x urgency {worse_urgency} gives priority {slower} "
        "({slower_label}), less urgent than {priority} ({priority_label}) for impact {impact} x "
        "urgency {urgency}: a more severe case cannot wait longer.",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "Unknown {axis} {value!r}; use 1 to {limit}."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "Say why the priority differs from what impact and urgency give."
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The reason is {length} characters long; the limit is {limit}."
    ),
    # opexdesk/services/ticket_import_rows.py: a CSV row's impact, urgency or status.
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "{label} {value!r} is not a level of the priority matrix in force "
        "(use {axis} 1 ({first}) to {count} ({last})); map it under Values.",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "Unknown status {value!r}; map it to one of: {options}."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "A ticket that is {status} needs an assignee; none is given."
    ),
)
