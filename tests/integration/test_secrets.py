"""The sign-in secret in the real OS keyring (Secret Service), and refusal of fake keyrings."""

import uuid

import pytest
from keyring.backends import fail, null

from opexdesk.services.secrets import Account, NoSecureKeyringError, SecretStore, is_secure


def test_round_trip_in_the_real_secret_service(secret_service) -> None:  # noqa: ANN001
    store = SecretStore(secret_service)
    account = Account("https://desk.example.test/", f"王芳-{uuid.uuid4()}")
    assert store.load_refresh_token(account) is None
    store.save_refresh_token(account, "refresh-令牌-1")
    store.save_refresh_token(account, "refresh-令牌-2")  # rotation overwrites
    assert store.load_refresh_token(account) == "refresh-令牌-2"
    # the trailing slash does not make a second account
    assert store.load_refresh_token(Account("https://desk.example.test", account.username)) == (
        "refresh-令牌-2"
    )
    store.forget(account)
    store.forget(account)  # signing out twice is fine
    assert store.load_refresh_token(account) is None


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()])
def test_no_real_keyring_is_a_clear_error_and_nothing_is_stored(backend) -> None:  # noqa: ANN001
    store = SecretStore(backend)
    assert not is_secure(backend)
    with pytest.raises(NoSecureKeyringError, match="No secure keyring is available"):
        store.save_refresh_token(Account("https://x", "u"), "secret")
    with pytest.raises(NoSecureKeyringError, match="keep working offline"):
        store.load_refresh_token(Account("https://x", "u"))


def test_plaintext_file_backends_are_refused() -> None:
    class PlaintextKeyring(null.Keyring):
        priority = 1  # type: ignore[assignment]

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    assert not is_secure(PlaintextKeyring())
