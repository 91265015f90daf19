"""Access control in one mechanism.

Every view declares who may call it with `@allow(...)` (or the `public` / `signed_in` / `roles`
shorthands); a `before_request` hook enforces the declaration, and an endpoint without one is refused.
Object-level checks are `can_*` predicates in each feature's `permissions.py`, applied with `require`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user

from evalapp.common import audit
from evalapp.extensions import db, login_manager

# Endpoints registered by Flask itself rather than by our views.
FRAMEWORK_ENDPOINT_RULES: dict[str, AccessRule] = {}

# Endpoints a user who must change their password may still reach.
PASSWORD_CHANGE_ENDPOINTS = {
    "auth.change_password",
    "auth.logout",
    "home.set_language",
    "home.healthz",
    "home.readyz",
    "static",
}


@dataclass(frozen=True)
class AccessRule:
    """Who may call a view: anyone, any signed-in user, or holders of one of `roles`."""

    public: bool = False
    roles: frozenset = frozenset()

    def allows(self, user) -> bool:
        if self.public:
            return True
        if not user.is_authenticated:
            return False
        return not self.roles or user.has_any_role(*self.roles)

    def describe(self) -> str:
        if self.public:
            return "public"
        if not self.roles:
            return "signed-in"
        return "roles: " + ", ".join(sorted(role.value for role in self.roles))


PUBLIC = AccessRule(public=True)
SIGNED_IN = AccessRule()
FRAMEWORK_ENDPOINT_RULES["static"] = PUBLIC


def allow(rule: AccessRule) -> Callable:
    def mark(view: Callable) -> Callable:
        view.access_rule = rule
        return view

    return mark


public = allow(PUBLIC)
signed_in = allow(SIGNED_IN)


def roles(*allowed) -> Callable:
    return allow(AccessRule(roles=frozenset(allowed)))


def rule_for_endpoint(endpoint: str) -> AccessRule | None:
    if endpoint in FRAMEWORK_ENDPOINT_RULES:
        return FRAMEWORK_ENDPOINT_RULES[endpoint]
    view = current_app.view_functions.get(endpoint)
    return getattr(view, "access_rule", None)


def enforce_access():
    """`before_request` hook: apply the declared rule of the endpoint being called."""
    if request.endpoint is None:
        return None  # routing failed; the 404/405 handler answers
    rule = rule_for_endpoint(request.endpoint)
    if rule is None:
        current_app.logger.error("endpoint %s declares no access rule", request.endpoint)
        deny("undeclared endpoint")
    exempt = request.endpoint in PASSWORD_CHANGE_ENDPOINTS
    if rule.public and exempt:
        return None  # static files and health checks never load the user nor touch the session
    if current_user.must_change_password and not exempt:
        return redirect(url_for("auth.change_password"))
    if rule.public:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not rule.allows(current_user):
        deny(rule.describe())
    return None


def deny(reason: str):
    """Record the refusal in the audit log (in its own commit) and answer 403."""
    db.session.rollback()
    audit.record("access.denied", note=f"{request.method} {request.path} ({reason})")
    db.session.commit()
    abort(403)


def require(allowed: bool) -> None:
    """Refuse the request unless an object-level `can_*` predicate said yes."""
    if not allowed:
        deny("object check")
