"""Deleting a ledger's row: the one way pages and the API do it, with its history and its refusals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from heluo.core.ledger import Ledger
from heluo.core.scope import may, visible
from heluo.core.services.audit import acting_as

SHOWN_DEPENDANTS = 20


@dataclass(frozen=True)
class Dependants:
    """The rows that keep a row from being deleted: those the user may see (kind, name), and how many
    others they may not."""

    shown: list[tuple[str, str]]
    hidden: int


def delete_row(ledger: Ledger, obj: models.Model, user: Any) -> Dependants | None:
    """Delete `obj` as `user` (its history records who). Returns None when it was deleted, or the rows
    that depend on it (nothing deleted). Raises PermissionDenied when the ledger keeps its rows, the user's
    role may not delete them, or the row is outside their scope."""
    if not ledger.deletable:
        raise PermissionDenied(_("%(kind)s are kept, never deleted.") % {"kind": ledger.verbose_name_plural})
    if not may(user, "delete", ledger.model) or not visible(user, obj):
        raise PermissionDenied(_("You may not delete %(name)s.") % {"name": obj})
    try:
        with transaction.atomic(), acting_as(user):
            obj.delete()
    except (ProtectedError, RestrictedError) as error:
        blockers = list(
            error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects
        )
        shown = [(str(b._meta.verbose_name), str(b)) for b in blockers if visible(user, b)]
        return Dependants(shown[:SHOWN_DEPENDANTS], len(blockers) - len(shown[:SHOWN_DEPENDANTS]))
    return None
