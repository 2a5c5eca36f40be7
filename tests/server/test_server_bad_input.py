"""Hostile and broken requests: clear JSON errors, nothing half-written, no input echoed."""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import pytest
from server_helpers import API, PASSWORD, Api
from sqlalchemy import func, select, text

from opexdesk.server.models import AuthToken, LoginAttempt, User


def _counts(api: Api) -> tuple[int, int, int]:
    with api.services.db.read() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (User, AuthToken, LoginAttempt)
        )


JSON = {"content-type": "application/json"}


@pytest.mark.parametrize(
    ("content", "status", "detail"),
    [
        (b'{"username": "tom", "password": ', 400, "Malformed JSON body"),
        (b"{'username': 'tom'}", 400, "Malformed JSON body"),
        (b"\xff\xfe\x00garbage", 400, "Malformed JSON body"),
        (b"[1, 2, 3]", 422, "The JSON body must be an object"),
        (b'"tom"', 422, "The JSON body must be an object"),
        (b"null", 422, "The JSON body must be an object"),
        (b"", 422, "The request needs a JSON body"),
        (b'{"username": "tom"}', 422, "Invalid request: password: Field required."),
        (b"{}", 422, "username: Field required; password: Field required"),
        (b'{"username": 12, "password": true}', 422, "username: Input should be a valid string"),
        (b'{"username": "tom", "password": ""}', 422, "password: String should have at least"),
        (
            b'{"username": "tom", "password": "pw", "admin": true}',
            422,
            "admin: Extra inputs are not permitted",
        ),
    ],
)
def test_broken_login_bodies(sqlite_api: Api, content: bytes, status: int, detail: str) -> None:
    before = _counts(sqlite_api)
    response = sqlite_api.client.post(f"{API}/auth/login", content=content, headers=JSON)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert detail in response.json()["detail"]
    assert _counts(sqlite_api) == before


def test_validation_errors_never_echo_the_submitted_values(api: Api) -> None:
    secret = "hunter2-secret-password" * 60  # over the length limit
    response = api.client.post(
        f"{API}/auth/login", json={"username": "tom", "password": secret, "extra": secret}
    )
    assert response.status_code == 422
    assert "hunter2" not in response.text
    errors = response.json()["errors"]
    assert {tuple(e["loc"]) for e in errors} == {("body", "password"), ("body", "extra")}
    assert all(set(e) == {"loc", "type", "msg"} for e in errors)


def test_a_non_json_content_type_is_415(api: Api) -> None:
    response = api.client.post(
        f"{API}/auth/login",
        content=b"username=tom&password=x",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 415
    assert "send JSON" in response.json()["detail"]


def test_a_huge_declared_body_is_refused_before_it_is_read(api: Api) -> None:
    before = _counts(api)
    response = api.client.post(f"{API}/auth/login", content=b"x" * 2_000_000, headers=JSON)
    assert response.status_code == 413
    assert response.json() == {
        "detail": "The request body is too large: at most 1048576 bytes are accepted here."
    }
    assert _counts(api) == before


def test_a_huge_streamed_body_is_cut_off(api: Api) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"username": "tom", "password": "'
        for _ in range(30):
            yield b"x" * 65536
        yield b'"}'

    before = _counts(api)
    response = api.client.post(f"{API}/auth/login", content=chunks(), headers=JSON)
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]
    assert _counts(api) == before


@pytest.mark.parametrize(
    "username",
    ["to\x00m", "tom\n", "\u202etom", "t" * 256, "'; DROP TABLE users; --", "🙂" * 20],
)
def test_strange_usernames_get_the_generic_401(api: Api, username: str) -> None:
    response = api.login(username)
    if username == "tom\n":  # surrounding whitespace is trimmed: it is tom
        assert response.status_code == 200
        return
    assert response.status_code == 401, response.text
    assert response.json()["detail"] == "Wrong username or password."
    assert api.login("tom").status_code == 200  # and the table is still there


def test_control_characters_in_the_client_name_are_dropped(api: Api) -> None:
    response = api.login("tom", client_name="Field\x00 laptop\x1b")
    assert response.status_code == 200
    with api.services.db.read() as session:
        assert session.scalar(select(AuthToken.client_name)) == "Field laptop"


def test_unknown_endpoints_and_methods(api: Api) -> None:
    response = api.client.get(f"{API}/tickets")
    assert response.status_code == 404
    assert response.json() == {"detail": "No such endpoint: GET /api/v1/tickets."}
    response = api.client.get(f"{API}/auth/login")
    assert response.status_code == 405
    assert response.json() == {"detail": "Method GET is not allowed on /api/v1/auth/login."}


def test_odd_user_ids_are_404(api: Api) -> None:
    admin = api.auth("admin")
    for user_id in ("x" * 300, "1 OR 1=1", "%00"):
        response = api.client.get(f"{API}/users/{user_id}", headers=admin)
        assert response.status_code == 404, response.text


def test_a_broken_database_answers_503_and_the_server_recovers(api: Api) -> None:
    headers = api.auth("admin")
    with api.services.db.write() as session:
        session.execute(text("ALTER TABLE login_attempts RENAME TO login_attempts_away"))
    response = api.login("tom")
    assert response.status_code == 503
    assert response.json() == {"detail": "The database is unavailable; try again shortly."}
    assert response.headers["retry-after"] == "5"
    with api.services.db.write() as session:
        session.execute(text("ALTER TABLE login_attempts_away RENAME TO login_attempts"))
    assert api.login("tom").status_code == 200
    assert api.client.get(f"{API}/me", headers=headers).status_code == 200


def test_openapi_spec_is_published_with_every_endpoint(sqlite_api: Api) -> None:
    response = sqlite_api.client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    assert spec["info"]["title"] == "OpExDesk central store"
    assert set(spec["paths"]) == {
        f"{API}/health",
        f"{API}/auth/login",
        f"{API}/auth/refresh",
        f"{API}/auth/logout",
        f"{API}/me",
        f"{API}/users",
        f"{API}/users/{{user_id}}",
        f"{API}/sync/push",
        f"{API}/sync/pull",
        f"{API}/sync/snapshot",
        f"{API}/sync/articles",
        f"{API}/sync/tickets",
        f"{API}/sync/events",
        f"{API}/blobs/{{sha256}}",
    }
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert "429" in spec["paths"][f"{API}/auth/login"]["post"]["responses"]
    # Errors are documented as the ErrorOut the server sends, 400 for a malformed body.
    push = spec["paths"][f"{API}/sync/push"]["post"]["responses"]
    error_ref = {"$ref": "#/components/schemas/ErrorOut"}
    for status in ("400", "413", "422", "503"):
        assert push[status]["content"]["application/json"]["schema"] == error_ref, status
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    assert "400" not in spec["paths"][f"{API}/sync/pull"]["get"]["responses"]  # no body


def test_large_responses_are_gzipped(sqlite_api: Api) -> None:
    response = sqlite_api.client.get(f"{API}/openapi.json", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    small = sqlite_api.client.get(f"{API}/health", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers  # under 1 KiB: not worth it
    assert gzip.compress(b"x")  # the module the client side decompresses with is there


def test_passwords_with_any_characters_work(sqlite_api: Api) -> None:
    odd = "pässwörd \x00 with NUL and 打印机 ✓"
    sqlite_api.services.users.create("odd", "Odd", sqlite_api.users["tom"].role, odd)
    assert sqlite_api.login("odd", odd).status_code == 200
    assert sqlite_api.login("odd", odd.replace("\x00", "")).status_code == 401
    assert sqlite_api.login("tom", PASSWORD).status_code == 200
