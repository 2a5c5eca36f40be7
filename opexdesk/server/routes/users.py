"""User administration (administrators only)."""

from __future__ import annotations

from fastapi import APIRouter

from opexdesk.server.deps import AdminUser, ServicesDep
from opexdesk.server.schemas import ErrorOut, UserCreate, UserOut, UserUpdate

router = APIRouter(
    prefix="/users",
    tags=["users"],
    responses={
        401: {"model": ErrorOut, "description": "Missing, invalid, expired or revoked token."},
        403: {"model": ErrorOut, "description": "Only administrators manage users."},
    },
)


@router.get("", response_model=list[UserOut])
def list_users(_admin: AdminUser, services: ServicesDep) -> list[UserOut]:
    """Every account, by username."""
    return [UserOut.of(u) for u in services.users.list()]


@router.post(
    "",
    response_model=UserOut,
    status_code=201,
    responses={409: {"model": ErrorOut, "description": "The username is taken."}},
)
def create_user(body: UserCreate, _admin: AdminUser, services: ServicesDep) -> UserOut:
    """Create an account (password at least 10 characters)."""
    user = services.users.create(
        body.username, body.display_name, body.role, body.password, body.grants
    )
    return UserOut.of(user)


@router.get(
    "/{user_id}",
    response_model=UserOut,
    responses={404: {"model": ErrorOut, "description": "No such user."}},
)
def get_user(user_id: str, _admin: AdminUser, services: ServicesDep) -> UserOut:
    return UserOut.of(services.users.get(user_id))


@router.patch(
    "/{user_id}",
    response_model=UserOut,
    responses={
        404: {"model": ErrorOut, "description": "No such user."},
        409: {"model": ErrorOut, "description": "Would leave no active administrator."},
    },
)
def update_user(
    user_id: str, body: UserUpdate, _admin: AdminUser, services: ServicesDep
) -> UserOut:
    """Change role, grants, display name, disabled flag or password. Disabling or a new
    password signs the user out everywhere; a new role or grant counts from the next request."""
    user = services.users.update(
        user_id,
        display_name=body.display_name,
        role=body.role,
        grants=body.grants,
        disabled=body.disabled,
        password=body.password,
    )
    return UserOut.of(user)
