"""The permission of a page: the one check every view makes on entry (module and Django permission,
heluo.core.scope.may), as a decorator for function views and a function for class views. Rows are then
fetched through `for_user`, so a row out of scope is a 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from heluo.core.scope import Action, may

View = TypeVar("View", bound=Callable[..., HttpResponse])


def check_may(user: Any, action: Action, model: type[models.Model]) -> None:
    """Raise PermissionDenied (403, in the user's language) unless `user` may `action` rows of `model`."""
    if not may(user, action, model):
        raise PermissionDenied(_("You have no permission for this page."))


def requires(action: Action, model: type[models.Model]) -> Callable[[View], View]:
    """A function view open only to users who may `action` rows of `model`."""

    def decorate(view: View) -> View:
        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            check_may(request.user, action, model)
            return view(request, *args, **kwargs)

        return checked  # type: ignore[return-value]

    return decorate


def check_reads_ledgers(user: Any) -> None:
    """Pages of figures over the ledgers are for users who may read one; the audit administrator, who
    reads the audit trail alone (三员分立), is refused them."""
    from heluo.core.ledger import LEDGERS

    if not any(may(user, "view", ledger.model) for ledger in LEDGERS.values()):
        raise PermissionDenied(_("You have no permission for this page."))
