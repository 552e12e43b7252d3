"""The access log (core.AccessEvent): the one place exports, showings of sensitive values in full, views
of records whose views are logged, and acts on rows without field history are recorded. Militia and
party write here too; 等保's tamper-evident audit chains these rows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from heluo.core.models import AccessEvent, AccessKind

# An export of more rows than this keeps their count, not their ids.
MAX_LOGGED_IDS = 10_000


def record_access(
    user: Any,
    kind: AccessKind,
    model: type[models.Model],
    *,
    object_ids: Iterable[Any] = (),
    count: int | None = None,
    context: str = "",
) -> AccessEvent | None:
    """Log that `user` did `kind` to rows of `model` (`count` rows, default the ids given). Nothing is
    logged for an anonymous caller, or for no row at all."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    ids = [int(pk) for pk in object_ids]
    rows = len(ids) if count is None else count
    if not rows:
        return None
    return AccessEvent.objects.create(
        user=user, kind=kind, content_type=ContentType.objects.get_for_model(model),
        object_ids=ids if len(ids) <= MAX_LOGGED_IDS else [], count=rows, context=context[:300],
    )  # fmt: skip
