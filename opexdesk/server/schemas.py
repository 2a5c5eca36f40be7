"""Request and response bodies of the API (pydantic v2): the OpenAPI spec is made from these.

Requests forbid unknown fields and use strict types where lax parsing would guess (a JSON
``"yes"`` is not a boolean, ``123`` is not a username).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr, model_validator

from opexdesk.domain.enums import Grant, Role
from opexdesk.server.models import CLIENT_NAME_MAX, DISPLAY_NAME_MAX
from opexdesk.server.security import MAX_PASSWORD_LENGTH, TOKEN_MAX_LENGTH
from opexdesk.server.users import UserInfo

# Longer than any valid username (64) so an over-long one gets the generic 401 like any
# other wrong name, but short enough to refuse junk before it reaches the database.
_LOGIN_NAME_MAX = 256
# A request names each grant at most a few times; the bound keeps a hostile list small.
GRANTS_LIST_MAX = 16


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LoginRequest(_Request):
    username: StrictStr = Field(min_length=1, max_length=_LOGIN_NAME_MAX)
    password: StrictStr = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)
    client_name: StrictStr | None = Field(
        default=None,
        max_length=CLIENT_NAME_MAX,
        description="Name of the device or installation, shown in session lists.",
    )


class RefreshRequest(_Request):
    refresh_token: StrictStr = Field(min_length=1, max_length=TOKEN_MAX_LENGTH * 4)


class LogoutRequest(_Request):
    refresh_token: StrictStr | None = Field(default=None, max_length=TOKEN_MAX_LENGTH * 4)


class UserSummary(BaseModel):
    id: str
    username: str
    display_name: str
    role: Role
    grants: list[Grant] = Field(
        default_factory=list,
        description="Rights beyond the role: edit_articles lets a technician edit and "
        "publish any knowledge-base article.",
    )

    @classmethod
    def of(cls, user: UserInfo) -> UserSummary:
        return cls(
            id=user.id,
            username=user.username,
            display_name=user.display_name,
            role=user.role,
            grants=sorted(user.grants),
        )


class UserOut(UserSummary):
    disabled: bool
    created_at: datetime

    @classmethod
    def of(cls, user: UserInfo) -> UserOut:
        return cls(
            id=user.id,
            username=user.username,
            display_name=user.display_name,
            role=user.role,
            grants=sorted(user.grants),
            disabled=user.disabled,
            created_at=user.created_at,
        )


class TokenResponse(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds until the access token expires.")
    refresh_expires_in: int = Field(description="Seconds until the refresh token expires.")
    user: UserSummary


class UserCreate(_Request):
    username: StrictStr = Field(min_length=1, max_length=_LOGIN_NAME_MAX)
    display_name: StrictStr = Field(min_length=1, max_length=DISPLAY_NAME_MAX)
    role: Role
    password: StrictStr = Field(max_length=MAX_PASSWORD_LENGTH)
    grants: list[Grant] = Field(default_factory=list, max_length=GRANTS_LIST_MAX)


class UserUpdate(_Request):
    """Only the fields present are changed; at least one must be."""

    display_name: StrictStr | None = Field(default=None, min_length=1, max_length=DISPLAY_NAME_MAX)
    role: Role | None = None
    grants: list[Grant] | None = Field(
        default=None,
        max_length=GRANTS_LIST_MAX,
        description="The account's whole set of grants (an empty list takes every one away).",
    )
    disabled: StrictBool | None = None
    password: StrictStr | None = Field(
        default=None,
        max_length=MAX_PASSWORD_LENGTH,
        description="A new password; every session of the user is signed out.",
    )

    @model_validator(mode="after")
    def _present_and_not_null(self) -> UserUpdate:
        if not self.model_fields_set:
            raise ValueError(
                "Nothing to change: give display_name, role, grants, disabled or password."
            )
        nulls = sorted(f for f in self.model_fields_set if getattr(self, f) is None)
        if nulls:
            raise ValueError(f"Cannot be null: {', '.join(nulls)} (leave a field out to keep it).")
        return self


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str
    db_schema: str | None = Field(serialization_alias="schema")
    server: Literal["opexdesk"] = "opexdesk"


class ErrorOut(BaseModel):
    """Every error response: ``detail`` says what went wrong and, where possible, what to do."""

    detail: str
    errors: list[dict[str, Any]] | None = Field(
        default=None, description="Validation errors: location, type and message of each."
    )
    detail_template: str | None = Field(
        default=None,
        description="``detail`` as a template with {placeholders}, for a client to translate.",
    )
    detail_params: dict[str, Any] | None = Field(
        default=None, description="The template's arguments (JSON values)."
    )
