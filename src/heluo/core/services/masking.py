"""Sensitive fields: shown masked everywhere except to a role allowed to see them, and every unmasked
showing logged. Pages, the API and exports all ask here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from heluo.core.identifiers import mask
from heluo.core.scope import scope_of

FULL_VIEW_PERMISSION = "core.view_document_number"


def sees_in_full(user: Any) -> bool:
    scope = scope_of(user)
    return scope.unrestricted or bool(user.has_perm(FULL_VIEW_PERMISSION))


def is_sensitive(model: type[models.Model] | models.Model, field: str) -> bool:
    return field in getattr(model, "sensitive_fields", ())


def shown(user: Any, model: type[models.Model] | models.Model, field: str, value: Any) -> Any:
    """`value` as `user` may see it."""
    if value and is_sensitive(model, field) and not sees_in_full(user):
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
        and not sees_in_full(user)
        and submitted == mask(stored)
    ):
        return stored
    return submitted


def log_unmasked(user: Any, model: type[models.Model], object_ids: Iterable[Any], context: str) -> None:
    """Record that `user` was shown the sensitive fields of these rows in full (no row when nothing was)."""
    from heluo.core.models import SensitiveAccess

    ids = [int(pk) for pk in object_ids]
    if not ids or not getattr(model, "sensitive_fields", ()) or not sees_in_full(user):
        return
    SensitiveAccess.objects.create(
        user=user,
        context=context[:300],
        content_type=ContentType.objects.get_for_model(model),
        object_ids=ids,
    )
