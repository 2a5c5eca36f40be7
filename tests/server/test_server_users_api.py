"""User administration and role rules over HTTP, on SQLite and on the real PostgreSQL."""

from __future__ import annotations

import pytest
from fastapi import APIRouter, Depends, FastAPI
from server_helpers import API, PASSWORD, Api, bearer
from sqlalchemy import func, select

from opexdesk.domain.enums import Role
from opexdesk.server.deps import check_access_declared, public, require
from opexdesk.server.models import User

FORBIDDEN_FOR_NON_ADMINS = [
    ("GET", "/users", None),
    (
        "POST",
        "/users",
        {"username": "eve", "display_name": "Eve", "role": "admin", "password": "long enough pw"},
    ),
    ("GET", "/users/{tom}", None),
    ("PATCH", "/users/{tom}", {"role": "admin"}),
    ("PATCH", "/users/{tom}", {"password": "someone else's password"}),
]


def test_technicians_and_operators_cannot_manage_users(api: Api) -> None:
    for who in ("tom", "olga"):
        headers = api.auth(who)
        role = api.users[who].role.value
        for method, path, body in FORBIDDEN_FOR_NON_ADMINS:
            url = API + path.format(tom=api.users["tom"].id)
            response = api.client.request(method, url, headers=headers, json=body)
            assert response.status_code == 403, (who, method, path)
            assert response.json() == {
                "detail": f"This needs the role admin; you are signed in as {role}.",
                "detail_template": "This needs the role {names}; you are signed in as {role}.",
                # role names travel as labels: the client shows them in its language
                "detail_params": {"names": {"$term": "admin"}, "role": {"$term": role}},
            }
    with api.services.db.read() as session:
        assert session.scalar(select(User.role).where(User.username == "tom")) == "technician"
        assert session.scalar(select(func.count()).select_from(User)) == 3
    assert api.login("tom").status_code == 200  # password unchanged


def test_user_admin_needs_a_token(api: Api) -> None:
    assert api.client.get(f"{API}/users").status_code == 401


def test_admin_lists_creates_reads_and_updates_users(api: Api) -> None:
    admin = api.auth("admin")
    listing = api.client.get(f"{API}/users", headers=admin)
    assert listing.status_code == 200
    assert [u["username"] for u in listing.json()] == ["admin", "olga", "tom"]
    assert "password_hash" not in listing.text and "argon2" not in listing.text

    created = api.client.post(
        f"{API}/users",
        headers=admin,
        json={
            "username": "WangFang",
            "display_name": "王芳",
            "role": "operator",
            "password": "打印机卡纸打印机卡纸打",
        },
    )
    assert created.status_code == 201, created.text
    user = created.json()
    assert user["username"] == "wangfang" and user["display_name"] == "王芳"
    assert user["role"] == "operator" and user["disabled"] is False
    assert api.login("wangfang", "打印机卡纸打印机卡纸打").status_code == 200

    read = api.client.get(f"{API}/users/{user['id']}", headers=admin)
    assert read.status_code == 200 and read.json() == user

    patched = api.client.patch(
        f"{API}/users/{user['id']}",
        headers=admin,
        json={"display_name": "  Wang Fang  ", "role": "technician"},
    )
    assert patched.status_code == 200
    assert patched.json()["display_name"] == "Wang Fang"
    assert patched.json()["role"] == "technician"


def test_role_changes_apply_to_live_tokens_at_once(api: Api) -> None:
    olga = api.auth("olga")
    admin = api.auth("admin")
    assert api.client.get(f"{API}/users", headers=olga).status_code == 403
    api.client.patch(f"{API}/users/{api.users['olga'].id}", headers=admin, json={"role": "admin"})
    assert api.client.get(f"{API}/users", headers=olga).status_code == 200
    assert api.client.get(f"{API}/me", headers=olga).json()["role"] == "admin"


def test_password_reset_signs_the_user_out_and_replaces_the_password(api: Api) -> None:
    tom = api.tokens("tom")
    admin = api.auth("admin")
    response = api.client.patch(
        f"{API}/users/{api.users['tom'].id}",
        headers=admin,
        json={"password": "a brand new password"},
    )
    assert response.status_code == 200
    assert api.client.get(f"{API}/me", headers=bearer(tom["access_token"])).status_code == 401
    refresh = api.client.post(f"{API}/auth/refresh", json={"refresh_token": tom["refresh_token"]})
    assert refresh.status_code == 401 and "password was changed" in refresh.json()["detail"]
    assert api.login("tom", PASSWORD).status_code == 401
    assert api.login("tom", "a brand new password").status_code == 200


def test_duplicate_usernames_are_409(api: Api) -> None:
    response = api.client.post(
        f"{API}/users",
        headers=api.auth("admin"),
        json={
            "username": "TOM",
            "display_name": "Tom Two",
            "role": "technician",
            "password": "long enough password",
        },
    )
    assert response.status_code == 409
    assert response.json() == {
        "detail": "The username 'tom' is already taken.",
        "detail_template": "The username '{name}' is already taken.",
        "detail_params": {"name": "tom"},
    }


@pytest.mark.parametrize(
    ("body", "status", "detail"),
    [
        ({"password": "short"}, 422, "too short"),
        ({"username": "has space"}, 422, "no spaces"),
        ({"username": "a/b"}, 422, "only letters"),
        ({"display_name": "   "}, 422, "display name is empty"),
        ({"role": "superuser"}, 422, "role"),
        ({"password": "Newcomer9"}, 422, "too short"),
        ({"username": "newcomer12", "password": "NEWCOMER12"}, 422, "cannot be the username"),
    ],
)
def test_invalid_new_users_are_refused_and_nothing_is_written(
    sqlite_api: Api, body: dict[str, str], status: int, detail: str
) -> None:
    api = sqlite_api
    payload = {
        "username": "newcomer",
        "display_name": "New",
        "role": "technician",
        "password": "long enough password",
        **body,
    }
    response = api.client.post(f"{API}/users", headers=api.auth("admin"), json=payload)
    assert response.status_code == status, response.text
    assert detail in response.json()["detail"]
    with api.services.db.read() as session:
        assert session.scalar(select(func.count()).select_from(User)) == 2


def test_the_last_active_admin_cannot_be_demoted_or_disabled(api: Api) -> None:
    admin = api.auth("admin")
    admin_id = api.users["admin"].id
    for change in ({"role": "operator"}, {"disabled": True}):
        # A display-name change in the same request is not applied either: all or nothing.
        response = api.client.patch(
            f"{API}/users/{admin_id}", headers=admin, json={"display_name": "Changed", **change}
        )
        assert response.status_code == 409
        assert "last active administrator" in response.json()["detail"]
    user = api.client.get(f"{API}/users/{admin_id}", headers=admin).json()
    assert (user["role"], user["disabled"], user["display_name"]) == ("admin", False, "Admin")
    # With a second administrator it is allowed.
    api.client.patch(f"{API}/users/{api.users['olga'].id}", headers=admin, json={"role": "admin"})
    response = api.client.patch(f"{API}/users/{admin_id}", headers=admin, json={"role": "operator"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({}, "Nothing to change"),
        ({"display_name": None}, "Cannot be null: display_name"),
        ({"disabled": "yes"}, "disabled: Input should be a valid boolean"),
        ({"disabled": 1}, "disabled: Input should be a valid boolean"),
        ({"role": 3}, "role: Input should be"),
        ({"is_superuser": True}, "is_superuser: Extra inputs are not permitted"),
        ({"password": 1234567890}, "password: Input should be a valid string"),
    ],
)
def test_bad_patches_are_422_with_the_field_named(
    sqlite_api: Api, body: dict[str, object], detail: str
) -> None:
    api = sqlite_api
    response = api.client.patch(
        f"{API}/users/{api.users['tom'].id}", headers=api.auth("admin"), json=body
    )
    assert response.status_code == 422
    assert detail in response.json()["detail"]


def test_unknown_user_ids_are_404(api: Api) -> None:
    admin = api.auth("admin")
    missing = "01900000-0000-7000-8000-000000000000"
    for method, body in (("GET", None), ("PATCH", {"role": "admin"})):
        response = api.client.request(method, f"{API}/users/{missing}", headers=admin, json=body)
        assert response.status_code == 404
        assert response.json()["detail"] == f"No user with id '{missing}'."


def test_every_route_declares_its_access_rule(api: Api) -> None:
    check_access_declared(api.client.app)  # type: ignore[arg-type]


def test_a_route_without_an_access_rule_is_refused_at_start() -> None:
    app = FastAPI()
    router = APIRouter()

    @router.get("/guarded", dependencies=[Depends(require(Role.ADMIN))])
    def guarded() -> None: ...

    @router.get("/open", dependencies=[Depends(public)])
    def open_route() -> None: ...

    app.include_router(router)
    check_access_declared(app)

    @app.get("/forgotten")
    def forgotten() -> None: ...

    with pytest.raises(RuntimeError, match="/forgotten must declare exactly one access rule"):
        check_access_declared(app)


def test_grants_are_given_shown_and_taken_away(api: Api) -> None:
    admin = api.auth("admin")
    tom_id = api.users["tom"].id
    assert api.tokens("tom")["user"]["grants"] == []
    given = api.client.patch(
        f"{API}/users/{tom_id}", headers=admin, json={"grants": ["edit_articles"]}
    )
    assert given.status_code == 200 and given.json()["grants"] == ["edit_articles"]
    assert given.json()["role"] == "technician"  # a grant, not a new role
    # The sign-in answer (what a device keeps for its early checks) and /me carry it.
    assert api.tokens("tom")["user"]["grants"] == ["edit_articles"]
    assert api.client.get(f"{API}/me", headers=api.auth("tom")).json()["grants"] == [
        "edit_articles"
    ]
    created = api.client.post(
        f"{API}/users",
        headers=admin,
        json={
            "username": "kim",
            "display_name": "Kim",
            "role": "technician",
            "password": PASSWORD,
            "grants": ["edit_articles", "edit_articles"],
        },
    )
    assert created.status_code == 201 and created.json()["grants"] == ["edit_articles"]
    taken = api.client.patch(f"{API}/users/{tom_id}", headers=admin, json={"grants": []})
    assert taken.status_code == 200 and taken.json()["grants"] == []
    with api.services.db.read() as session:
        assert session.scalar(select(User.grants).where(User.username == "tom")) == ""
        assert session.scalar(select(User.grants).where(User.username == "kim")) == (
            "edit_articles"
        )


def test_an_unknown_grant_is_422_and_nothing_changes(sqlite_api: Api) -> None:
    api = sqlite_api
    admin = api.auth("admin")
    tom_id = api.users["tom"].id
    for grants in (["superpowers"], "edit_articles", [None]):
        response = api.client.patch(
            f"{API}/users/{tom_id}", headers=admin, json={"grants": grants, "role": "admin"}
        )
        assert response.status_code == 422, grants
        assert "grants" in response.json()["detail"]
    assert api.client.get(f"{API}/users/{tom_id}", headers=admin).json()["role"] == "technician"
