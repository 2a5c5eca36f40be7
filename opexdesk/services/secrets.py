"""Secrets of this device (the sync refresh token) in the operating system's keyring.

Only a real keyring is accepted (Secret Service / GNOME Keyring or KWallet on Linux, the
macOS Keychain, the Windows Credential Locker). Headless or minimal systems often have none:
then this says so clearly and stores nothing, rather than falling back to a plaintext file
(which the ``keyrings.alt`` package would do silently).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from opexdesk.domain.errors import Templated

log = logging.getLogger(__name__)

SERVICE = "OpExDesk"

# Backends that do not keep a secret safe: failing, discarding, or writing plain files.
_INSECURE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


class NoSecureKeyringError(Templated, RuntimeError):
    """There is no usable OS keyring; ``str(err)`` tells the user what to do (a template
    with named arguments: the UI shows it translated)."""


@dataclass(frozen=True)
class Account:
    """Whose secret: one user on one central store."""

    server_url: str
    username: str

    @property
    def key(self) -> str:
        return f"{self.server_url.rstrip('/')}|{self.username}"


def _backends(backend: KeyringBackend) -> list[KeyringBackend]:
    return list(getattr(backend, "backends", [backend]))  # a chainer holds several


def is_secure(backend: KeyringBackend) -> bool:
    """True when at least one backend behind ``backend`` is a real OS keyring."""
    return any(
        not type(b).__module__.startswith(_INSECURE_MODULES) and b.priority > 0
        for b in _backends(backend)
    )


class SecretStore:
    """Keeps per-account secrets in the OS keyring (injected backend for tests)."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend

    @property
    def backend(self) -> KeyringBackend:
        return self._backend or keyring.get_keyring()

    def check(self) -> None:
        """Raise NoSecureKeyringError unless a real keyring is there."""
        backend = self.backend
        if not is_secure(backend):
            raise NoSecureKeyringError(
                "No secure keyring is available, so OpExDesk cannot remember your sign-in "
                "(keyring backend: {backend}). Start a keyring service (for example GNOME "
                "Keyring or KWallet) and sign in again; until then you can keep working offline.",
                backend=f"{type(backend).__module__}.{type(backend).__name__}",
            )

    def save_refresh_token(self, account: Account, token: str) -> None:
        self.check()
        try:
            self.backend.set_password(SERVICE, account.key, token)
        except keyring.errors.KeyringError as exc:
            raise NoSecureKeyringError(
                "The keyring refused to store the sign-in: {reason}", reason=str(exc)
            ) from exc

    def load_refresh_token(self, account: Account) -> str | None:
        self.check()
        try:
            return self.backend.get_password(SERVICE, account.key)
        except keyring.errors.KeyringError as exc:
            raise NoSecureKeyringError(
                "The keyring could not be read: {reason}", reason=str(exc)
            ) from exc

    def forget(self, account: Account) -> None:
        """Remove the account's secret; a missing one is fine (signing out twice)."""
        self.check()
        try:
            self.backend.delete_password(SERVICE, account.key)
        except keyring.errors.PasswordDeleteError:
            log.info("no stored sign-in for %s", account.key)
