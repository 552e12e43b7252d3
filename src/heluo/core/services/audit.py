"""History rows for writes simple-history does not see (QuerySet.update(), bulk writes).

Every ledger change is recorded — who, when, before, after. Saving a model records itself; a service
that changes rows in bulk or by compare-and-set calls one of these in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from heluo.core.models import AccessKind
from heluo.core.services.access import is_users_act, record_event


def record_history(
    objs: Sequence[models.Model], *, user: Any, reason: str = "", created: bool = False
) -> None:
    """Write one history row per object as it is now (call after the change, inside its transaction)."""
    if not objs:
        return
    manager = type(objs[0]).history  # type: ignore[attr-defined]
    manager.bulk_history_create(
        list(objs), update=not created, default_user=user, default_change_reason=reason
    )
    record_batch(type(objs[0]), objs, user=user, created=created, reason=reason)


def record_batch(
    model: type[models.Model], objs: Sequence[models.Model], *, user: Any, created: bool, reason: str = ""
) -> None:
    """One audit event for a batch written with history but without history's per-row signal."""
    if objs and is_users_act(user):
        record_event(
            AccessKind.CREATE if created else AccessKind.CHANGE, user=user, model=model,
            object_ids=[obj.pk for obj in objs if isinstance(obj.pk, int)], count=len(objs),
            context=f"{model._meta.label} ×{len(objs)} {reason}",
        )  # fmt: skip


def audited_bulk_create(
    model: type[models.Model],
    objs: Sequence[models.Model],
    *,
    user: Any,
    reason: str = "",
    batch_size: int = 500,
) -> list[models.Model]:
    """bulk_create with one history row per new object."""
    created = bulk_create_with_history(
        list(objs), model, batch_size=batch_size, default_user=user, default_change_reason=reason
    )
    record_batch(model, created, user=user, created=True, reason=reason)
    return created


def audited_bulk_update(
    model: type[models.Model],
    objs: Sequence[models.Model],
    fields: Iterable[str],
    *,
    user: Any,
    reason: str = "",
) -> int:
    """bulk_update with one history row per object; bumps row_version and updated_at of ledger rows."""
    fields = list(fields)
    if hasattr(model, "row_version"):
        now = timezone.now()
        for obj in objs:
            obj.row_version += 1  # type: ignore[attr-defined]
            obj.updated_at = now  # type: ignore[attr-defined]
        fields = [*fields, "row_version", "updated_at"]
    changed = bulk_update_with_history(
        list(objs), model, fields, batch_size=500, default_user=user, default_change_reason=reason
    )
    record_batch(model, objs, user=user, created=False, reason=reason)
    return changed


def compare_and_set(
    model: type[models.Model],
    pk: Any,
    *,
    expected: dict[str, Any],
    changes: dict[str, Any],
    user: Any,
    reason: str = "",
) -> models.Model | None:
    """Change one row only if it still has the `expected` values; record its history if it did.

    Two workers racing on the same row: exactly one gets the row back, the other gets None and must
    not act (the Healthchecks pattern). Runs in its own transaction, or joins the caller's.
    """
    with transaction.atomic():
        extra: dict[str, Any] = {}
        if hasattr(model, "row_version"):
            extra = {"row_version": models.F("row_version") + 1, "updated_at": timezone.now()}
        changed = model._default_manager.filter(pk=pk, **expected).update(**changes, **extra)
        if changed != 1:
            return None
        obj = model._default_manager.get(pk=pk)
        record_history([obj], user=user, reason=reason)
        return obj


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    """Record `user` as the author of every save inside the block (commands and tasks have no request).

    simple-history reads the author from the current request; outside one, this lends it one.
    """
    previous = getattr(HistoricalRecords.context, "request", None)
    HistoricalRecords.context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        if previous is None:
            del HistoricalRecords.context.request
        else:
            HistoricalRecords.context.request = previous
