"""Who may call the API: logged in, temporary password changed, and the ledger permission per method.

Kept apart from the views: DRF reads the default permission class while its own views load.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import permissions
from rest_framework.request import Request

from heluo.core.models import Account
from heluo.core.scope import Action, may
from heluo.core.services import identity

METHOD_ACTIONS: dict[str, Action] = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


class Authenticated(permissions.IsAuthenticated):
    """Logged in, no temporary or expired password left to change (the pages insist on it first, so does
    the API), and a page session past its second factor when the user has one (a token has given it)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not super().has_permission(request, view):
            return False
        if Account.objects.filter(user=request.user, must_change_password=True).exists():
            self.message = _("Change your temporary password on the web pages before using the API.")
            return False
        if identity.password_expired(request.user):
            self.message = _("Your password has expired: change it on the web pages before using the API.")
            return False
        verified = getattr(request.user, "is_verified", None)
        if (
            request.auth is None
            and verified is not None
            and not verified()
            and identity.has_two_factor(request.user)
        ):
            self.message = _("Give your second factor on the web pages first.")
            return False
        return True


class LedgerPermission(Authenticated):
    """The HTTP method's action (view, add, change, delete) on the ledger's model, as `scope.may` grants it."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not super().has_permission(request, view):
            return False
        method = request.method or ""
        action = METHOD_ACTIONS.get(method)
        # A method the view does not offer (or without an action) is answered 405 by the view.
        if action is None or method.lower() not in view.http_method_names:
            return True
        return may(request.user, action, view.ledger.model)
