"""Uniqueness of ledger rows, checked one way for a form (pages, and the API through it) and an import.

Guarantees:
- A value that repeats another candidate (another row of the file) or a stored row is refused.
- A refusal names the stored row only when the user may see it; one outside the user's scope is "a
  record outside your scope", and counts towards the user's lock-out (HELUO_UNIQUE_REFUSALS_PER_HOUR).
- Past that limit, or when a check would go past it, the whole check is refused (UniquenessLocked) and
  says nothing of any value: an ID number cannot be probed a thousand at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from heluo.core.services import throttle

UniqueSet = tuple[tuple[str, ...], Q | None]
WINDOW = timedelta(hours=1)


class UniquenessLocked(Exception):
    """Too many values were found used outside the user's scope: no uniqueness check for a while."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Too many values you entered are already used by records outside your scope: uniqueness "
                "is not checked for you for an hour, and nothing is saved. Ask the office that keeps "
                "those records."
            )
        )


@dataclass(frozen=True)
class Clash:
    """Candidate `number` (a sheet row, or 0 for a form) repeats a value of `fields` (`key`)."""

    number: int
    fields: tuple[str, ...]
    key: tuple[Any, ...]
    message: str


def unique_sets(model: type[models.Model]) -> list[UniqueSet]:
    """Every set of fields whose values must be unique together, with the condition that limits it."""
    sets: list[UniqueSet] = [
        ((f.name,), None) for f in model._meta.concrete_fields if f.unique and not f.primary_key
    ]
    sets += [(tuple(fields), None) for fields in model._meta.unique_together]
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
            sets.append((tuple(constraint.fields), constraint.condition))
    return sets


def field_label(model: type[models.Model], name: str) -> str:
    return str(_concrete(model, name).verbose_name)


def _concrete(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    return cast("models.Field[Any, Any]", model._meta.get_field(name))


def _lock_key(user: Any) -> str:
    return f"unique:{getattr(user, 'pk', '')}"


def _limit() -> int:
    return int(settings.UNIQUE_REFUSALS_PER_HOUR)


def clashes(
    user: Any, model: type[models.Model], candidates: Sequence[tuple[int, models.Model]]
) -> list[Clash]:
    """The clashes of `candidates` ((number, unsaved or changed instance)) with each other and with the
    stored rows, as `user` may be told of them. Raises UniquenessLocked (having told nothing) when the
    user is locked out or these clashes would take them past the limit."""
    if throttle.locked(_lock_key(user), _limit(), WINDOW):
        raise UniquenessLocked
    found: list[Clash] = []
    hidden: list[Clash] = []
    for fields, condition in unique_sets(model):
        labels = "、".join(field_label(model, f) for f in fields)
        attnames = [_concrete(model, f).attname for f in fields]
        first: dict[tuple[Any, ...], tuple[int, Any]] = {}
        for number, instance in candidates:
            key = tuple(getattr(instance, a) for a in attnames)
            # Blank values do not collide: conditional constraints exclude them (credit_code != "").
            if any(value in (None, "") for value in key):
                continue
            if key in first:
                message = _("Repeats row %(row)d of this file (%(fields)s must be unique).") % {
                    "row": first[key][0], "fields": labels}  # fmt: skip
                found.append(Clash(number, fields, key, message))
            else:
                first[key] = (number, instance.pk)
        holders = stored_holders(model, attnames, condition, list(first))
        others = {key: pk for key, pk in holders.items() if pk != first[key][1]}
        seen = set(_visible(model, user).filter(pk__in=set(others.values())).values_list("pk", flat=True))
        shown = {row.pk: str(row) for row in model._default_manager.filter(pk__in=seen)}
        for key, pk in others.items():
            number = first[key][0]
            if pk in shown:
                message = _("Already used by %(record)s (%(fields)s must be unique).") % {
                    "record": shown[pk], "fields": labels}  # fmt: skip
                found.append(Clash(number, fields, key, message))
            else:
                message = _("Already used by a record outside your scope (%(fields)s must be unique).") % {
                    "fields": labels}  # fmt: skip
                hidden.append(Clash(number, fields, key, message))
    if hidden:
        allowed = _limit() - throttle.refusals(_lock_key(user), WINDOW)
        throttle.record_refusal(_lock_key(user), len(hidden))
        if len(hidden) > allowed:
            raise UniquenessLocked
    return sorted([*found, *hidden], key=lambda clash: clash.number)


def refusals_of(user: Any, instance: models.Model, names: Sequence[str]) -> dict[str | None, list[str]]:
    """One row's clashes as errors by field (the first of its set among `names`, else None for the
    whole row), for a form or the API; {} when its values are free. Raises UniquenessLocked."""
    errors: dict[str | None, list[str]] = {}
    for clash in clashes(user, type(instance), [(0, instance)]):
        field = next((name for name in clash.fields if name in names), None)
        errors.setdefault(field, []).append(clash.message)
    return errors


def _visible(model: type[models.Model], user: Any) -> models.QuerySet[Any]:
    manager = model._default_manager
    return manager.for_user(user) if hasattr(manager, "for_user") else manager.all()


def stored_holders(
    model: type[models.Model], attnames: list[str], condition: Q | None, keys: list[tuple[Any, ...]]
) -> dict[tuple[Any, ...], Any]:
    """Which of `keys` the stored rows already hold, and by which row (whatever the user's scope:
    uniqueness is global)."""
    found: dict[tuple[Any, ...], Any] = {}
    base = model._default_manager.all()
    if condition is not None:
        base = base.filter(condition)
    wanted = set(keys)
    # One indexed IN-query on the first field per chunk; the other fields are matched here.
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        query = base.filter(**{f"{attnames[0]}__in": {k[0] for k in chunk}})
        for row in query.values("pk", *attnames):
            key = tuple(row[a] for a in attnames)
            if key in wanted:
                found[key] = row["pk"]
    return found
