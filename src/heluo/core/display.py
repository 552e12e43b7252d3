"""How a field's value reads on a page: choices as labels, rows as names, sensitive values masked."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from heluo.core.dates import EMPTY, date_text, datetime_text
from heluo.core.services.masking import shown

# Bookkeeping fields that every ledger row has; a history entry does not list them as changes.
UNLISTED = {"created_at", "updated_at", "row_version", "is_demo", "id", "path"}


def field_label(model: type[models.Model], name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def plain(value: Any) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        return datetime_text(value)
    if isinstance(value, dt.date):
        return date_text(value)
    return str(value)


def display(obj: models.Model, name: str, user: Any) -> str | SafeString:
    """The value of `obj.name` for `user`: linked when it is a row with a page of its own."""
    field = obj._meta.get_field(name)
    if field.many_to_many:
        items = list(getattr(obj, name).all())
        return "、".join(str(item) for item in items) or EMPTY
    if field.choices:
        return getattr(obj, f"get_{name}_display")() or EMPTY
    value = getattr(obj, name)
    if isinstance(value, models.Model):
        url = getattr(value, "get_absolute_url", None)
        return format_html('<a href="{}">{}</a>', url(), value) if url else str(value)
    return plain(shown(user, obj, name, value))


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: dt.datetime
    who: str
    kind: str
    reason: str
    changes: list[Change]


def _fk_names(model: type[models.Model], records: list[Any]) -> dict[tuple[str, Any], str]:
    """Names of the rows that history records point to, fetched once per field."""
    wanted: dict[str, set[Any]] = defaultdict(set)
    fk_fields = [f for f in model._meta.concrete_fields if f.is_relation]
    for record in records:
        for field in fk_fields:
            value = getattr(record, field.attname)
            if value is not None:
                wanted[field.name].add(value)
    names: dict[tuple[str, Any], str] = {}
    for field in fk_fields:
        if wanted[field.name]:
            related = field.related_model._default_manager.filter(pk__in=wanted[field.name])
            names.update({(field.name, obj.pk): str(obj) for obj in related})
    return names


def history_entries(obj: models.Model, user: Any, limit: int = 200) -> list[HistoryEntry]:
    """The row's history, newest first, each entry listing what changed (before → after)."""
    model = type(obj)
    records = list(
        obj.history.select_related("history_user__account").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )  # type: ignore[attr-defined]
    names = _fk_names(model, records)
    fields = [f for f in model._meta.concrete_fields if f.name not in UNLISTED]
    kinds = {"+": _("created"), "~": _("changed"), "-": _("deleted")}

    def value(record: Any, field: models.Field) -> str:
        if field.is_relation:
            pk = getattr(record, field.attname)
            return names.get((field.name, pk), plain(pk))
        raw = getattr(record, field.attname)
        if field.choices:
            raw = dict(field.flatchoices).get(raw, raw)
        return plain(shown(user, model, field.name, raw))

    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        for field in fields:
            new = value(record, field)
            old = value(previous, field) if previous is not None else EMPTY
            if new != old:
                changes.append(Change(str(field.verbose_name), old, new))
        who = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=(getattr(getattr(who, "account", None), "display_name", "") or who.get_username())
                if who
                else _("system"),
                kind=kinds.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries
