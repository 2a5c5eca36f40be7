"""Sign-in, refresh, sign-out and ``/me``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends, Request, Response

from opexdesk.server.auth import SignIn
from opexdesk.server.deps import AnyUser, BearerDep, ServicesDep, public
from opexdesk.server.schemas import (
    ErrorOut,
    LoginRequest,
    LogoutRequest,
    RefreshRequest,
    TokenResponse,
    UserSummary,
)

router = APIRouter(tags=["auth"])

_AUTH_ERRORS: dict[int | str, dict[str, object]] = {
    401: {"model": ErrorOut, "description": "Missing, invalid, expired or revoked token."},
}


def _token_response(sign_in: SignIn) -> TokenResponse:
    tokens = sign_in.tokens
    return TokenResponse(
        access_token=tokens.access_token,
        refresh_token=tokens.refresh_token,
        expires_in=tokens.expires_in,
        refresh_expires_in=tokens.refresh_expires_in,
        user=UserSummary.of(sign_in.user),
    )


def _no_store(response: Response) -> None:
    # Token responses must never be cached by a proxy or the client (RFC 6749 5.1).
    response.headers["Cache-Control"] = "no-store"


@router.post(
    "/auth/login",
    response_model=TokenResponse,
    dependencies=[Depends(public)],
    responses={
        401: {"model": ErrorOut, "description": "Wrong username or password."},
        403: {"model": ErrorOut, "description": "The account is disabled."},
        429: {"model": ErrorOut, "description": "Too many failures; see Retry-After."},
    },
)
def login(
    body: LoginRequest, request: Request, response: Response, services: ServicesDep
) -> TokenResponse:
    """Username + password -> a short-lived access token and a rotating refresh token."""
    address = request.client.host if request.client else "unknown"
    sign_in = services.auth.login(body.username, body.password, address, body.client_name)
    _no_store(response)
    return _token_response(sign_in)


@router.post(
    "/auth/refresh",
    response_model=TokenResponse,
    dependencies=[Depends(public)],
    responses=_AUTH_ERRORS,
)
def refresh(body: RefreshRequest, response: Response, services: ServicesDep) -> TokenResponse:
    """Exchange a refresh token for a new access token and a new refresh token.

    The presented refresh token stops working. Presenting it again signs the device out.
    """
    sign_in = services.auth.refresh(body.refresh_token)
    _no_store(response)
    return _token_response(sign_in)


@router.post(
    "/auth/logout",
    status_code=204,
    dependencies=[Depends(public)],
    responses=_AUTH_ERRORS,
)
def logout(
    services: ServicesDep,
    credentials: BearerDep,
    body: Annotated[LogoutRequest | None, Body()] = None,
) -> Response:
    """Sign this device out: revokes the presented access and/or refresh token with every
    token of the same sign-in. Works with an expired access token too."""
    services.auth.logout(
        credentials.credentials if credentials else None,
        body.refresh_token if body else None,
    )
    return Response(status_code=204)


@router.get("/me", response_model=UserSummary, responses=_AUTH_ERRORS)
def me(auth: AnyUser) -> UserSummary:
    """The signed-in user, as stored now."""
    return UserSummary.of(auth.user)
