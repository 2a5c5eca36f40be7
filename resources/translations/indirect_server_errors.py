"""The central store's reasons for refusing a request (``detail`` of an error answer), listed
for lupdate (never imported).

The server sends each with its template (opexdesk/server/errors.py; a plain text is its own
template); the client keeps it inside its own message (services/sync/api.py ``_detail``)
and the UI translates it under "DomainMessages". Keep in step with the sources named.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP

# opexdesk/server/auth.py, deps.py, login_limits.py: signing in and tokens.
SIGN_IN = (
    QT_TRANSLATE_NOOP("DomainMessages", "Wrong username or password."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "This account is disabled; ask an administrator to enable it."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "This account is disabled; sign-in refused."),
    QT_TRANSLATE_NOOP("DomainMessages", "This account is disabled."),
    QT_TRANSLATE_NOOP("DomainMessages", "This account was disabled; sign-in refused."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "This refresh token was already used; for safety every session of this device was "
        "signed out. Sign in again.",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "This session was signed out; sign in again."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The password was changed; sign in again with the new password."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "This refresh token was revoked; sign in again."),
    QT_TRANSLATE_NOOP("DomainMessages", "Invalid refresh token; sign in again."),
    QT_TRANSLATE_NOOP("DomainMessages", "Unknown refresh token; sign in again."),
    QT_TRANSLATE_NOOP("DomainMessages", "The refresh token expired; sign in again."),
    QT_TRANSLATE_NOOP("DomainMessages", "The access token was revoked; sign in again."),
    QT_TRANSLATE_NOOP("DomainMessages", "The access token expired; refresh it."),
    QT_TRANSLATE_NOOP("DomainMessages", "Invalid access token."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "Too many failed sign-in attempts for this account; try again in {wait} seconds.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "Too many failed sign-in attempts from this address; try again in {wait} seconds.",
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "This needs the role {names}; you are signed in as {role}."
    ),
    # deps.either_role: two or more roles in that message ({others} listed the UI's way)
    QT_TRANSLATE_NOOP("DomainMessages", "{others} or {last}"),
)

# opexdesk/server/users.py, security.py: managing accounts.
ACCOUNTS = (
    QT_TRANSLATE_NOOP("DomainMessages", "The username '{name}' is already taken."),
    QT_TRANSLATE_NOOP("DomainMessages", "No user named '{name}'."),
    QT_TRANSLATE_NOOP("DomainMessages", "No user with id '{user_id}'."),
    QT_TRANSLATE_NOOP("DomainMessages", "The username is empty."),
    QT_TRANSLATE_NOOP("DomainMessages", "The username is too long: at most {limit} characters."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "The username may contain only letters, digits and . _ @ + - (no spaces).",
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "The display name is empty."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The display name is too long: at most {limit} characters."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "The display name contains control characters."),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The password is too short: use at least {limit} characters."
    ),
    QT_TRANSLATE_NOOP(
        "DomainMessages", "The password is too long: use at most {limit} characters."
    ),
    QT_TRANSLATE_NOOP("DomainMessages", "The password cannot be only spaces."),
    QT_TRANSLATE_NOOP("DomainMessages", "The password cannot be the username."),
    QT_TRANSLATE_NOOP(
        "DomainMessages",
        "This is the last active administrator: make another user an administrator first, "
        "so the server is never left without one.",
    ),
)


# deps.py: the roles named in that message, shown through the vocabulary.
ROLES = (
    QT_TRANSLATE_NOOP("Vocabulary", "technician"),
    QT_TRANSLATE_NOOP("Vocabulary", "operator"),
    QT_TRANSLATE_NOOP("Vocabulary", "admin"),
)
