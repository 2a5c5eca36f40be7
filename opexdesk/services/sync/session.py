"""Who this device syncs as: sign-in, the refresh token in the OS keyring, restore, sign-out.

The server address, user name and CA file are kept in the local database (``sync_state`` and
a ``settings`` row); the refresh token only in the keyring (``services/secrets.py``). Without
a secure keyring the sign-in still works for this run of the program, in memory only.

Refusals and notices keep their English text in ``str()`` and a message template with its
arguments, so the UI shows them in its own language (``opexdesk.ui.i18n.error_text`` and
``message_text``).
"""

from __future__ import annotations

import logging
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from opexdesk.domain.errors import Templated
from opexdesk.domain.ids import new_id
from opexdesk.domain.kept_messages import Message
from opexdesk.services.events import Clock
from opexdesk.services.secrets import Account, NoSecureKeyringError, SecretStore
from opexdesk.storage.blobs import BlobStore
from opexdesk.storage.database import Database
from opexdesk.storage.models import Setting
from opexdesk.storage.sync_models import SYNC_STATE_ID, SyncState

if TYPE_CHECKING:  # httpx (via api) costs ~0.25 s: imported on first sign-in, not at start-up
    from opexdesk.services.sync.api import SyncApi, SyncError, Tokens
    from opexdesk.services.sync.engine import SyncEngine

log = logging.getLogger(__name__)

CA_FILE_SETTING = "sync.ca_file"
# Added to a refused login's message (the api's text names the account and the server's reason).
AUTH_HINT = " Check the user name and password, then try again."
BOUND_ELSEWHERE = (
    "This database syncs with {bound}, not {url}; use a separate data directory "
    "(--basedir) for another server."
)

ApiFactory = Callable[..., "SyncApi"]


NO_KEYRING_NOTICE = Message(
    "No keyring available: sign in each time. OpExDesk keeps your sign-in in memory until "
    "it closes."
)


class SessionState(StrEnum):
    SIGNED_OUT = "signed_out"  # no server configured, or no saved sign-in
    SIGNED_IN = "signed_in"  # an api with tokens (or a saved refresh token to use)
    AUTH_NEEDED = "auth_needed"  # the saved sign-in was refused: sign in again


class SignInError(Templated, Exception):
    """Sign-in refused before or at the server; ``str()`` is for people (a template with
    named arguments, see opexdesk.domain.errors)."""

    @classmethod
    def of(cls, exc: BaseException) -> SignInError:
        """The same message as ``exc`` (a SyncError), template and arguments included."""
        if isinstance(exc, Templated) and exc.template is not None:
            return cls(exc.template, **exc.params)
        return cls(str(exc))


@dataclass(frozen=True)
class SyncSettings:
    """What the database remembers about its server (no secret here)."""

    server_url: str | None
    username: str | None
    ca_file: str | None

    @property
    def configured(self) -> bool:
        return bool(self.server_url and self.username)


def is_certificate_error(exc: BaseException) -> bool:
    """True when a TLS certificate check is somewhere in the cause chain."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        if "CERTIFICATE_VERIFY_FAILED" in str(seen).upper():
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def explain(exc: SyncError, server_url: str, has_ca_file: bool) -> SignInError:
    """The refusal a person sees for a failed sign-in (``str()`` of it in English)."""
    from opexdesk.services.sync.api import AuthFailed, Unreachable

    if isinstance(exc, Unreachable) and is_certificate_error(exc):
        if has_ca_file:
            return SignInError(
                "The certificate of {server_url} could not be verified with the chosen CA "
                "certificate; check that it is your organisation's CA.",
                server_url=server_url,
            )
        return SignInError(
            "The certificate of {server_url} could not be verified. If your organisation "
            'uses its own certificate authority, tick "Use a custom CA certificate" and '
            "choose its CA file.",
            server_url=server_url,
        )
    if isinstance(exc, AuthFailed):
        # The api's template plus what to do: the joined templates are listed for translation.
        return SignInError((exc.template or str(exc)) + AUTH_HINT, **exc.params)
    return SignInError.of(exc)


class SyncSession:
    """The signed-in ``SyncApi`` of this database (thread-safe: used from workers)."""

    def __init__(
        self,
        db: Database,
        secrets: SecretStore,
        clock: Clock | None = None,
        *,
        api_factory: ApiFactory | None = None,
        blobs: BlobStore | None = None,
    ) -> None:
        """``blobs``: the attachment store whose bytes sync too (None: metadata only)."""
        self._db = db
        self._blobs = blobs
        self._secrets = secrets
        self._clock = clock or Clock()
        self._api_factory = api_factory
        self._lock = threading.RLock()
        self._api: SyncApi | None = None
        self._engine: SyncEngine | None = None
        self._pending_refresh: str | None = None  # a restored token not yet exchanged
        self.state = SessionState.SIGNED_OUT
        self.notice: Message | None = None  # e.g. no keyring: shown next to the sign-in

    # ---- what the database remembers -------------------------------------------------------

    def settings(self) -> SyncSettings:
        with self._db.read() as s:
            state = s.get(SyncState, SYNC_STATE_ID)
            ca = s.get(Setting, CA_FILE_SETTING)
            return SyncSettings(
                state.server_url if state else None,
                state.username if state else None,
                ca.value if ca and ca.value else None,
            )

    @property
    def signed_in(self) -> bool:
        return self.state == SessionState.SIGNED_IN

    @property
    def api(self) -> SyncApi | None:
        return self._api

    # ---- sign-in ---------------------------------------------------------------------------

    def sign_in(
        self, server_url: str, username: str, password: str, ca_file: str | None = None
    ) -> SyncSettings:
        """Check the server, log in, remember the server and keep the token in the keyring.

        Raises SignInError with a message for people; nothing is remembered then."""
        from opexdesk.services.sync.api import SyncError, normalize_url

        username = username.strip()
        ca_file = (ca_file or "").strip() or None
        if not server_url.strip() or not username:
            raise SignInError("Enter the server address and your user name.")
        if not password:
            raise SignInError("Enter your password.")
        url = normalize_url(server_url)
        bound = self.settings().server_url
        if bound and bound != url:
            raise SignInError(BOUND_ELSEWHERE, bound=bound, url=url)
        keyring_ok = self._keyring_usable()
        account = Account(url, username)
        try:
            api = self._make_api(
                url, ca_file=ca_file, on_tokens=self._token_saver(account, keyring_ok)
            )
        except SyncError as exc:  # a bad address or CA file
            raise SignInError.of(exc) from exc
        try:
            api.check_server()
            api.login(username, password)
        except SyncError as exc:
            api.close()
            raise explain(exc, url, ca_file is not None) from exc
        except BaseException:
            api.close()
            raise
        # The role decides what this device may do offline (deletes); when the sign-in
        # answer carries it, keep it with the server and user.
        self._remember(url, username, ca_file, api.tokens)
        with self._lock:
            self._replace_api(api)
            self.state = SessionState.SIGNED_IN
            self.notice = None if keyring_ok else NO_KEYRING_NOTICE
        log.info("signed in to %s as %s", url, username)
        return SyncSettings(url, username, ca_file)

    def restore(self) -> SessionState:
        """On start: use the saved sign-in, if any. No network here (the first round refreshes
        the token); the keyring is read only when a server and user are configured."""
        settings = self.settings()
        if not settings.configured:
            return self.state
        assert settings.server_url and settings.username
        account = Account(settings.server_url, settings.username)
        try:
            token = self._secrets.load_refresh_token(account)
        except NoSecureKeyringError as exc:
            log.warning("cannot restore the sign-in: %s", exc)
            self.notice = NO_KEYRING_NOTICE
            return self.state
        if not token:
            return self.state
        from opexdesk.services.sync.api import SyncError

        try:
            api = self._make_api(
                settings.server_url,
                ca_file=settings.ca_file,
                on_tokens=self._token_saver(account, True),
            )
        except SyncError as exc:  # e.g. the CA file was removed since
            self.notice = Message.of(exc)
            return self.state
        with self._lock:
            self._replace_api(api)
            self._pending_refresh = token
            self.state = SessionState.SIGNED_IN
        return self.state

    def engine(self) -> SyncEngine | None:
        """The engine of the signed-in api, or None when signed out. May refresh the saved
        token (network: call it from a worker); AuthFailed means "sign in again"."""
        from opexdesk.services.sync.api import AuthFailed
        from opexdesk.services.sync.engine import SyncEngine

        with self._lock:
            api, token = self._api, self._pending_refresh
            if api is None or self.state != SessionState.SIGNED_IN:
                return None
            if token is not None:
                try:
                    api.refresh(token)
                except AuthFailed:
                    self.auth_lost()
                    raise
                self._pending_refresh = None
            if self._engine is None:
                self._engine = SyncEngine(self._db, api, self._clock, blobs=self._blobs)
            return self._engine

    def auth_lost(self) -> None:
        """The server refused the saved sign-in (revoked, expired): forget it, ask again."""
        with self._lock:
            self._forget_token()
            self._replace_api(None)
            self.state = SessionState.AUTH_NEEDED

    def sign_out(self) -> None:
        """Forget the token (keyring and memory); the server address and user stay."""
        with self._lock:
            self._forget_token()
            api, self._api, self._engine = self._api, None, None
            self.state = SessionState.SIGNED_OUT
            self.notice = None
        if api is not None:
            # Revoke on the server too, off the caller's thread (it may be the GUI's);
            # offline, the token just expires there.
            threading.Thread(target=_revoke, args=(api,), name="sign-out", daemon=True).start()

    def close(self) -> None:
        with self._lock:
            self._replace_api(None)

    # ---- internals -------------------------------------------------------------------------

    def _make_api(self, url: str, **kwargs: Any) -> SyncApi:
        if self._api_factory is not None:
            return self._api_factory(url, **kwargs)
        from opexdesk.services.sync.api import SyncApi

        return SyncApi(url, **kwargs)

    def _keyring_usable(self) -> bool:
        try:
            self._secrets.check()
        except NoSecureKeyringError as exc:
            log.warning("%s", exc)
            return False
        return True

    def _token_saver(self, account: Account, keyring_ok: bool) -> Callable[[Tokens], None]:
        """Every new token pair replaces the saved refresh token (they rotate)."""

        def save(tokens: Tokens) -> None:
            if not keyring_ok:
                return  # in memory only: the api object holds the tokens
            try:
                self._secrets.save_refresh_token(account, tokens.refresh_token)
            except NoSecureKeyringError as exc:
                log.warning("cannot keep the sign-in: %s", exc)
                self.notice = NO_KEYRING_NOTICE

        return save

    def _forget_token(self) -> None:
        settings = self.settings()
        self._pending_refresh = None
        if not settings.configured:
            return
        assert settings.server_url and settings.username
        try:
            self._secrets.forget(Account(settings.server_url, settings.username))
        except NoSecureKeyringError as exc:
            log.info("nothing to forget: %s", exc)

    def _replace_api(self, api: SyncApi | None) -> None:
        if self._api is not None and self._api is not api:
            self._api.close()
        self._api = api
        self._engine = None

    def _remember(
        self, url: str, username: str, ca_file: str | None, tokens: Tokens | None = None
    ) -> None:
        with self._db.transaction() as s:
            state = self._state_row(s)
            if state.server_url and state.server_url != url:
                raise SignInError(BOUND_ELSEWHERE, bound=state.server_url, url=url)
            state.server_url = url
            state.username = username
            if tokens is not None and tokens.role:
                state.role = tokens.role
            if tokens is not None and tokens.grants is not None:
                state.grants = tokens.grants
            setting = s.get(Setting, CA_FILE_SETTING)
            if ca_file is None:
                if setting is not None:
                    s.delete(setting)
            elif setting is None:
                s.add(Setting(key=CA_FILE_SETTING, value=ca_file))
            else:
                setting.value = ca_file

    @staticmethod
    def _state_row(s: Session) -> SyncState:
        state = s.get(SyncState, SYNC_STATE_ID)
        if state is None:
            state = SyncState(id=SYNC_STATE_ID, client_id=new_id(), cursor=0)
            s.add(state)
            s.flush()
        return state


def _revoke(api: SyncApi) -> None:
    from opexdesk.services.sync.api import SyncError

    try:
        api.logout()
    except SyncError as exc:
        log.info("sign-out not confirmed by the server: %s", exc)
    finally:
        api.close()
