"""Sensitive fields: shown masked everywhere except to a role holding the model's right to see them in full
(each module its own: `full_view_permission`, e.g. core.view_document_number for people's document numbers,
monitoring.view_device_secrets for devices' passwords and keys), and every unmasked showing logged in the
access log. Pages, the API and exports all ask here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from heluo.core.identifiers import mask
from heluo.core.models import AccessKind
from heluo.core.scope import scope_of
from heluo.core.services.access import record_access


def sees_in_full(user: Any, model: type[models.Model] | models.Model) -> bool:
    """Whether `user` sees the sensitive fields of `model` in full (its module's right, or no limit)."""
    scope = scope_of(user)
    permission = getattr(model, "full_view_permission", "")
    return scope.unrestricted or bool(permission and user.has_perm(permission))


def is_sensitive(model: type[models.Model] | models.Model, field: str) -> bool:
    return field in getattr(model, "sensitive_fields", ())


def shown(user: Any, model: type[models.Model] | models.Model, field: str, value: Any) -> Any:
    """`value` as `user` may see it."""
    if value and is_sensitive(model, field) and not sees_in_full(user, model):
        return mask(str(value))
    return value


def kept_if_masked(user: Any, obj: models.Model, field: str, submitted: Any) -> Any:
    """What to store when `user` submits `submitted` for `obj.field`: the stored value when they sent
    back, unchanged, the mask they were shown (a form or API client round-trips what it received)."""
    stored = getattr(obj, field)
    if (
        obj.pk
        and stored
        and is_sensitive(obj, field)
        and not sees_in_full(user, obj)
        and submitted == mask(stored)
    ):
        return stored
    return submitted


def log_shown(user: Any, model: type[models.Model], object_ids: Iterable[Any], context: str) -> None:
    """A page or API answer showed these rows to `user`: logged when their sensitive fields were shown in
    full, and when the model's every view is logged (militia rosters, party members)."""
    ids = list(object_ids)
    if getattr(model, "sensitive_fields", ()) and sees_in_full(user, model):
        record_access(user, AccessKind.VIEW_IN_FULL, model, object_ids=ids, context=context)
    elif getattr(model, "access_logged", False):
        record_access(user, AccessKind.VIEW, model, object_ids=ids, context=context)
