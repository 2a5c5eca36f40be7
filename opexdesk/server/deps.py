"""FastAPI dependencies: the server's services, the caller's identity, and role rules.

Every route declares who may call it: ``Depends(public)`` or a dependency made by
``require``. ``check_access_declared`` runs when the app is built and refuses a route that
declares neither, so a new endpoint (e.g. sync push/pull) cannot ship unguarded by mistake.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from opexdesk.domain.enums import Role
from opexdesk.domain.errors import Term, Terms
from opexdesk.domain.kept_messages import Message
from opexdesk.server.auth import AuthContext, AuthService
from opexdesk.server.config import ServerSettings
from opexdesk.server.database import ServerDatabase
from opexdesk.server.errors import AuthenticationError, PermissionDeniedError
from opexdesk.server.users import UserAdmin

ACCESS_ATTR = "__opexdesk_access__"

bearer_scheme = HTTPBearer(
    auto_error=False, description="Access token from /api/v1/auth/login or /auth/refresh."
)


@dataclass(frozen=True)
class Services:
    """What the routes work with; built once per app by ``create_app``."""

    settings: ServerSettings
    db: ServerDatabase
    auth: AuthService
    users: UserAdmin


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)]


def public() -> None:
    """Marks a route callable without a token (health, login, refresh, logout)."""


setattr(public, ACCESS_ATTR, "public")


def require(*roles: Role) -> Callable[..., AuthContext]:
    """A dependency admitting a valid access token of a user with one of ``roles``."""
    allowed = frozenset(roles)

    def dependency(request: Request, services: ServicesDep, credentials: BearerDep) -> AuthContext:
        if credentials is None:
            raise AuthenticationError(
                "Missing access token: send the header 'Authorization: Bearer <access token>'."
            )
        context = services.auth.authenticate(credentials.credentials)
        if context.role not in allowed:
            raise PermissionDeniedError(
                Message(
                    "This needs the role {names}; you are signed in as {role}.",
                    names=either_role(sorted(r.value for r in allowed)),
                    role=Term(context.role.value),
                )
            )
        request.state.auth = context
        return context

    setattr(dependency, ACCESS_ATTR, allowed)
    dependency.__name__ = "require_" + "_or_".join(sorted(r.value for r in allowed))
    return dependency


AnyUser = Annotated[AuthContext, Depends(require(*Role))]
AdminUser = Annotated[AuthContext, Depends(require(Role.ADMIN))]


def route_access(route: APIRoute) -> list[Any]:
    """The access declarations (``public`` or a role set) found among a route's dependencies."""
    found: list[Any] = []

    def walk(dependencies: Iterable[Any]) -> None:
        for dep in dependencies:
            marker = getattr(dep.call, ACCESS_ATTR, None)
            if marker is not None:
                found.append(marker)
            walk(dep.dependencies)

    walk(route.dependant.dependencies)
    return found


def check_access_declared(app: FastAPI) -> None:
    """Raise when a route has no access declaration (or two different ones)."""
    for route in app.routes:
        if not isinstance(route, APIRoute):
            continue
        access = route_access(route)
        if not access or len(set(access)) > 1:
            raise RuntimeError(
                f"Route {sorted(route.methods or ())} {route.path} must declare exactly one access "
                "rule: Depends(public) or a dependency from require(...)."
            )


def either_role(names: list[str]) -> object:
    """Role names as one argument of a message: labels (``Term``) that a client shows in
    its own language; in English "admin", "admin or operator"."""
    if len(names) == 1:
        return Term(names[0])
    return Message("{others} or {last}", others=Terms(names[:-1]), last=Term(names[-1]))
