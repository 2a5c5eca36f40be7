"""Message templates of sign-in, the server check, the keyring and sync rounds, listed for
lupdate (never imported).

These errors and results keep their English text in ``str()`` and a template with named
arguments; the UI translates the template in the "DomainMessages" context
(opexdesk.ui.i18n.error_text / message_text). Arguments named ``detail`` or ``reason`` carry
text the server or the network library wrote: they are shown as they came, inside the
translated sentence. Keep this list in step with the sources it names.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP

# opexdesk/services/sync/api.py: SyncError and its subclasses.
SYNC_API = (
    QT_TRANSLATE_NOOP(
        "DomainMessages", "{server_url!r} is not a server address; use https://host[:port]."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "Cannot use the CA file {ca_file}: {reason}."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The server {server_url} did not answer in time; check the network and try again.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The server {server_url} presented a certificate that could not be verified "
        "({reason}); give its CA bundle with --ca-file.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "Cannot reach the server {server_url} ({reason}); check the address and the network. "
        "You can keep working offline.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The connection to {server_url} failed ({reason}); try again."
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "{server_url} answered with something other than OpExDesk JSON (HTTP {status}); "
        "check the address.",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "Sign-in failed: {detail}"),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "{server_url} has no OpExDesk sync API (HTTP 404); check the address."
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The server failed (HTTP {status}: {detail}); try again later."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "The server refused the request (HTTP {status}): {detail}"),
    QT_TRANSLATE_NOOP("DomainMessages", "Not signed in: sign in to the server first."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "{server_url} is not an OpExDesk server (its /api/v1/health answer was HTTP {status} "
        "without the OpExDesk signature); check the address.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The OpExDesk server at {server_url} is not healthy (HTTP {status}: {detail}); "
        "try again later.",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "{server_url} sent an unexpected sign-in answer."),
    QT_TRANSLATE_NOOP("DomainMessages", "Sign-in as {username!r} failed: {detail}"),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The saved sign-in is no longer valid ({detail}); sign in again."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "{server_url} sent an unexpected pull answer."),
    QT_TRANSLATE_NOOP("DomainMessages", "{server_url} sent an unexpected snapshot answer."),
    QT_TRANSLATE_NOOP("DomainMessages", "Unexpected answer HTTP {status} to a blob query."),
    QT_TRANSLATE_NOOP("DomainMessages", "The server refused the attachment: {detail}"),
    QT_TRANSLATE_NOOP("DomainMessages", "{server_url} sent an unexpected blob answer."),
    QT_TRANSLATE_NOOP("DomainMessages", "The attachment {name}… is not available: {detail}"),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "{server_url} did not answer the change stream with server-sent events.",
    ),
)

# opexdesk/services/sync/live.py: the change stream (LiveStreamClosed, NotAnOpExDeskServer).
LIVE = (
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The server keeps ending the change stream for the sign-in; reconnecting later.",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "The server is restarting; the change stream ended."),
    QT_TRANSLATE_NOOP("DomainMessages", "The change stream ended unexpectedly."),
    QT_TRANSLATE_NOOP("DomainMessages", "{server_url} sent a change event without a server_seq."),
)

# opexdesk/services/secrets.py: NoSecureKeyringError.
KEYRING = (
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "No secure keyring is available, so OpExDesk cannot remember your sign-in "
        "(keyring backend: {backend}). Start a keyring service (for example GNOME Keyring or "
        "KWallet) and sign in again; until then you can keep working offline.",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "The keyring refused to store the sign-in: {reason}"),
    QT_TRANSLATE_NOOP("DomainMessages", "The keyring could not be read: {reason}"),
)

# opexdesk/services/sync/session.py: SignInError, Notice (NO_KEYRING_NOTICE), and explain(),
# which joins a refused login's template with AUTH_HINT.
SESSION = (
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "No keyring available: sign in each time. OpExDesk keeps your sign-in in memory until "
        "it closes.",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "Enter the server address and your user name."),
    QT_TRANSLATE_NOOP("DomainMessages", "Enter your password."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "This database syncs with {bound}, not {url}; use a separate data directory "
        "(--basedir) for another server.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The certificate of {server_url} could not be verified with the chosen CA certificate; "
        "check that it is your organisation's CA.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The certificate of {server_url} could not be verified. If your organisation uses its "
        'own certificate authority, tick "Use a custom CA certificate" and choose its CA file.',
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "Sign-in as {username!r} failed: {detail} Check the user name and password, "
        "then try again.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "Sign-in failed: {detail} Check the user name and password, then try again.",
    ),
)

# opexdesk/services/server_check.py: ServerCheck messages of their own.
SERVER_CHECK = (
    QT_TRANSLATE_NOOP("DomainMessages", "Enter the server address (https://host[:port])."),
    QT_TRANSLATE_NOOP("DomainMessages", "Connected: {server_url} is an OpExDesk server."),
)

# opexdesk/services/sync/runner.py (a round that failed on a bug), and the RoundCancelled
# requests of opexdesk/ui/welcome/download_page.py and ui/sync/sync_controller.py.
ROUNDS = (
    QT_TRANSLATE_NOOP("DomainMessages", "Sync failed: {error}"),
    QT_TRANSLATE_NOOP("DomainMessages", "Stopped: the welcome was cancelled."),
    QT_TRANSLATE_NOOP("DomainMessages", "Stopped by the user; the rest follows in the next round."),
)

# opexdesk/services/sync/blob_transfer.py: attachments on their way to or from the server.
BLOBS = (
    QT_TRANSLATE_NOOP("DomainMessages", "{name!r} is not an attachment name (a SHA-256)."),
    QT_TRANSLATE_NOOP("DomainMessages", "The attachment {sha}… is missing from {folder}."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The upload of {sha}… keeps moving on the server; it will be retried."
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The downloaded attachment {sha}… is damaged (its SHA-256 does not match); "
        "it will be downloaded again.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The attachment {sha}… is {size}; attachments are limited to {limit}."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "The server sent more than {limit:,} bytes for {sha}…."),
)
