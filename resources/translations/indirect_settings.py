"""Message templates of the settings, the SLA policy and its calendar, the shared settings,
the data folder and the desktop notifications, listed for lupdate (never imported).

Translated at run time in the "DomainMessages" context by opexdesk.ui.i18n.error_text and
message_text (Templated errors, MessageText); the lower-case labels they carry (Term) are
shown through the "Vocabulary" context. Keep this list in step with the sources it names.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP

# Labels used as message arguments: SLA targets (domain/sla.py, services/alerts.py) and
# the statuses that cannot pause an SLA clock.
VOCABULARY = (
    QT_TRANSLATE_NOOP("Vocabulary", "response"),
    QT_TRANSLATE_NOOP("Vocabulary", "resolution"),
    QT_TRANSLATE_NOOP("Vocabulary", "resolved"),
    QT_TRANSLATE_NOOP("Vocabulary", "closed"),
)

# opexdesk/domain/sla.py
SLA = (
    QT_TRANSLATE_NOOP("DomainMessages", "SLA policy has no target for {priorities}."),
    QT_TRANSLATE_NOOP("DomainMessages", "{priority}: SLA targets must be positive."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "{priority}: the response target is longer than the resolution target."
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "{statuses} cannot pause the clock: it stops it (see docs/sla.md)."
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "Warning thresholds must satisfy 0 < warning < critical < 1 (got "
        "warning={warning}, critical={critical}).",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "SLA policy must be an object (a JSON dict)."),
    QT_TRANSLATE_NOOP("DomainMessages", "Unknown SLA policy keys: {keys}."),
    QT_TRANSLATE_NOOP("DomainMessages", "SLA policy name must be text."),
    QT_TRANSLATE_NOOP("DomainMessages", "Calendar must be an object (a JSON dict)."),
    QT_TRANSLATE_NOOP("DomainMessages", "SLA policy is not valid JSON: {error}."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "{what}: {value!r} is not a duration; write hours and minutes such as '8h', "
        "'1h30m' or '15m' (days are not accepted: a business day is ambiguous).",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "{what}: a target must be longer than zero."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "{priority} {target}: {value!r} is not a duration; write hours and minutes such as "
        "'8h', '1h30m' or '15m' (days are not accepted: a business day is ambiguous).",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "{priority} {target}: a target must be longer than zero."),
    QT_TRANSLATE_NOOP("DomainMessages", "SLA targets must be an object keyed by priority (P1..)."),
    QT_TRANSLATE_NOOP("DomainMessages", "Unknown priority {key!r}; use {valid}."),
    QT_TRANSLATE_NOOP("DomainMessages", "{priority} has two targets."),
    QT_TRANSLATE_NOOP("DomainMessages", "{priority}: give exactly 'response' and 'resolution'."),
    QT_TRANSLATE_NOOP("DomainMessages", "pausing_statuses must be a list of statuses."),
    QT_TRANSLATE_NOOP("DomainMessages", "Unknown status {status!r}."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "warnings must be an object with 'warning' and 'critical' shares (0..1)."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "{key} must be a number such as 0.75, got {value!r}."),
)

# opexdesk/domain/business_calendar.py
BUSINESS_CALENDAR = (
    QT_TRANSLATE_NOOP("DomainMessages", "{field} must be a datetime, got {value!r}."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "{field} {moment} has no time zone; use an aware datetime."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "{field} {moment} is out of range."),
    QT_TRANSLATE_NOOP("DomainMessages", "Time zone must be an IANA name, got {name!r}."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "Unknown time zone {name!r}; use an IANA name such as 'Europe/Berlin' or 'UTC'.",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "Unknown calendar keys: {keys}."),
    QT_TRANSLATE_NOOP("DomainMessages", "Calendar name must be text."),
    QT_TRANSLATE_NOOP("DomainMessages", "Business seconds must be a number, got {value!r}."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "Business seconds must be between 0 and {limit}, got {value!r}."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "Business time runs past the year 9999."),
    QT_TRANSLATE_NOOP("DomainMessages", "Working hours need exactly seven days, Monday first."),
    QT_TRANSLATE_NOOP("DomainMessages", "{day}: interval {interval} is empty or reversed."),
    QT_TRANSLATE_NOOP("DomainMessages", "{day}: interval {interval} overlaps the one before."),
    QT_TRANSLATE_NOOP("DomainMessages", "The calendar has no working hours on any day."),
    QT_TRANSLATE_NOOP("DomainMessages", "Holiday {holiday} ends before it starts."),
    QT_TRANSLATE_NOOP("DomainMessages", "Holiday {holiday} is longer than a year."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "Holidays overlap: {first} and {second}; list each date once."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "{day}: {time!r} is not a valid time of day."),
    QT_TRANSLATE_NOOP("DomainMessages", "{day}: give a list of 'HH:MM-HH:MM' intervals."),
    QT_TRANSLATE_NOOP("DomainMessages", "{day}: {item!r} is not an 'HH:MM-HH:MM' interval."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "{day}: {item!r} ends before it starts; split a night shift at midnight (e.g. "
        "'22:00-24:00' and the next day '00:00-06:00').",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "Working hours must be '24x7' or an object per weekday."),
    QT_TRANSLATE_NOOP("DomainMessages", "Unknown weekday {key!r}; use {days}."),
    QT_TRANSLATE_NOOP("DomainMessages", "Holiday start {value!r} is not a date (YYYY-MM-DD)."),
    QT_TRANSLATE_NOOP("DomainMessages", "Holiday end {value!r} is not a date (YYYY-MM-DD)."),
    QT_TRANSLATE_NOOP("DomainMessages", "Holiday {value!r} is not a date (YYYY-MM-DD)."),
    QT_TRANSLATE_NOOP("DomainMessages", "Holidays must be a list."),
    QT_TRANSLATE_NOOP("DomainMessages", "Unknown holiday keys: {keys}."),
    QT_TRANSLATE_NOOP("DomainMessages", "Holiday name must be text."),
    QT_TRANSLATE_NOOP("DomainMessages", "Holiday {item!r} is not a date or an object."),
)

# opexdesk/domain/shared_config.py
SHARED_CONFIG = (
    QT_TRANSLATE_NOOP("DomainMessages", "An SLA policy is a JSON object."),
    QT_TRANSLATE_NOOP("DomainMessages", "Unknown setting {key!r}; shared settings: {known}."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The SLA policy {policy!r} has no response and resolution target for priority "
        "{names}; add the target to the SLA policy first.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The priority matrix in force uses priority {names}, which this SLA policy has no "
        "target for; keep the target, or remove the level from the matrix first.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "{count} ticket has {axis} {level} ({label}); {open} of them open. The new matrix "
        "has {axis} levels 1 to {size}: change the {axis} of those tickets first.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "{count} tickets have {axis} {level} ({label}); {open} of them open. The new "
        "matrix has {axis} levels 1 to {size}: change the {axis} of those tickets first.",
    ),
)

# opexdesk/services/shared_config.py
SHARED_CONFIG_SERVICE = (
    QT_TRANSLATE_NOOP("DomainMessages", "Only an administrator may change this setting."),
)

# opexdesk/services/settings_schema.py
SETTINGS_SCHEMA = (
    QT_TRANSLATE_NOOP("DomainMessages", "The server address must not contain spaces."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "“{url}” is not a server address; use https://host[:port]."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "“{url}” has an invalid port number."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "Use https:// for a server on the network (http is allowed for localhost only).",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The server address must not contain a query, a fragment or a user name."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "Choose a full folder path (starting from the root)."),
    QT_TRANSLATE_NOOP("DomainMessages", "{path} is a file, not a folder."),
    QT_TRANSLATE_NOOP("DomainMessages", "The folder {path} is not writable."),
    QT_TRANSLATE_NOOP("DomainMessages", "Choose the CA certificate file, or leave the option off."),
    QT_TRANSLATE_NOOP("DomainMessages", "The CA certificate file {name} does not exist."),
    QT_TRANSLATE_NOOP("DomainMessages", "The sync interval must be a whole number of seconds."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The sync interval must be between {low} and {high} seconds (it is {value}).",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "Unknown theme {theme!r}; use light, dark or system."),
    QT_TRANSLATE_NOOP("DomainMessages", "Unknown language {language!r}; use en, zh_CN or system."),
    QT_TRANSLATE_NOOP("DomainMessages", "{name} must be true or false."),
    QT_TRANSLATE_NOOP("DomainMessages", "Choose a data folder."),
    QT_TRANSLATE_NOOP("DomainMessages", "the settings version {version!r} is not a version number"),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "the settings file is from a newer OpExDesk (settings version {version}; this "
        "version reads up to {current})",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "migration from version {version} did not finish"),
    QT_TRANSLATE_NOOP("DomainMessages", "the settings file does not hold a JSON object"),
    QT_TRANSLATE_NOOP("DomainMessages", "{name} has the wrong type ({type})"),
    QT_TRANSLATE_NOOP("DomainMessages", "unknown theme {theme!r}"),
)

# opexdesk/services/app_settings.py
APP_SETTINGS = (
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The settings file {path} was written by a newer version of OpExDesk. It is left "
        "as it is; this version runs with default settings and does not save them. Update "
        "OpExDesk to use your settings.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "Cannot read the settings file {path} ({reason}); default settings are used for now.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The settings file {path} is damaged ({reason}) and could not be moved aside "
        "({error}); default settings are used and it is not overwritten.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The settings file was damaged ({reason}). It was kept as {path}; default settings "
        "are used.",
    ),
)

# opexdesk/services/local_data.py
LOCAL_DATA = (
    QT_TRANSLATE_NOOP("DomainMessages", "This is already the data folder."),
    QT_TRANSLATE_NOOP("DomainMessages", "The new folder cannot be inside the current data folder."),
    QT_TRANSLATE_NOOP("DomainMessages", "The new folder cannot contain the current data folder."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The folder {path} is not empty; choose an empty or a new folder."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "The data folder {path} does not exist."),
    QT_TRANSLATE_NOOP("DomainMessages", "Copying the data to {path} failed: {error}"),
    QT_TRANSLATE_NOOP("DomainMessages", "The copy of {name} does not match the original."),
    QT_TRANSLATE_NOOP("DomainMessages", "The copy of {name} failed its check: {check}."),
    QT_TRANSLATE_NOOP("DomainMessages", "The copy of {name} does not hold the same rows."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The local data was not erased: the settings cannot be saved ({error})."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "The local data in {path} was erased as asked."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The data could not be moved to {new}: {error} OpExDesk keeps using {old}.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The data move to {new} is not finished: the settings cannot be saved ({error}).",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The data now lives in {new}; the old folder {old} could not be removed."
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The data now lives in {new}; the old folder {old} was removed."
    ),
)

# opexdesk/services/alerts.py
ALERTS = (
    QT_TRANSLATE_NOOP("DomainMessages", "New P1: {number} {title}"),
    QT_TRANSLATE_NOOP("DomainMessages", "New P1 ticket"),
    QT_TRANSLATE_NOOP("DomainMessages", "{count} new P1 tickets"),
    QT_TRANSLATE_NOOP("DomainMessages", "{count} new P1 tickets: {names}{more}"),
    QT_TRANSLATE_NOOP("DomainMessages", "{number} breaches its {timer} target in {left}"),
    QT_TRANSLATE_NOOP("DomainMessages", "SLA breach soon"),
    QT_TRANSLATE_NOOP("DomainMessages", "{count} tickets near an SLA breach"),
    QT_TRANSLATE_NOOP("DomainMessages", "{count} tickets near an SLA breach; first: {first}"),
    QT_TRANSLATE_NOOP("DomainMessages", "1 sync conflict needs your choice"),
    QT_TRANSLATE_NOOP("DomainMessages", "{count} sync conflicts need your choice"),
    QT_TRANSLATE_NOOP("DomainMessages", "Sync conflicts"),
)
