"""Natural keys: how a row another row points to is written in a cell, and found again.

A division is its 12-digit code (or its name, where unique in the user's scope); a unit its credit code, or its name and division code where it has
none; a grid its name and division code; kinds of things (unit types, grid roles, roles) their name;
anything else its name with its record ID. Lookups happen in bulk, inside the user's scope.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

_WITH_CODE = re.compile(r"^(?P<name>.+?)\s*[（(]\s*(?P<code>\d{12})\s*[)）]$")
_WITH_ID = re.compile(r"^(?P<name>.*?)\s*[（(]?#(?P<pk>\d+)[)）]?$")
_CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}$")


@dataclass(frozen=True)
class NaturalKey:
    to_text: Callable[[Any], str]
    # texts → {text: row} for the texts found in `queryset` (the scoped rows one may refer to)
    resolve: Callable[[models.QuerySet, set[str]], dict[str, Any]]
    example: str
    description: Any  # a lazy translation


def _by_field(field: str, example: str, description: Any) -> NaturalKey:
    def resolve(queryset: models.QuerySet, texts: set[str]) -> dict[str, Any]:
        return {str(getattr(row, field)): row for row in queryset.filter(**{f"{field}__in": texts})}

    return NaturalKey(lambda row: str(getattr(row, field)), resolve, example, description)


def _name_and_division(queryset: models.QuerySet, texts: set[str]) -> dict[str, Any]:
    wanted: dict[tuple[str, str], str] = {}
    for text in texts:
        match = _WITH_CODE.match(text)
        if match:
            wanted[(match["name"], match["code"])] = text
    found = {}
    names = {name for name, _code in wanted}
    for row in queryset.filter(name__in=names).select_related("division"):
        text = wanted.get((row.name, row.division.code))
        if text is not None:
            found[text] = row
    return found


def _unit_text(unit: Any) -> str:
    return unit.credit_code or f"{unit.name}（{unit.division.code}）"


def _resolve_units(queryset: models.QuerySet, texts: set[str]) -> dict[str, Any]:
    codes = {t for t in texts if _CREDIT_CODE.match(t)}
    found = {row.credit_code: row for row in queryset.filter(credit_code__in=codes)}
    found.update(_name_and_division(queryset, texts - codes))
    return found


def _with_id_text(row: Any) -> str:
    return f"{row}（#{row.pk}）"


def _resolve_by_id(queryset: models.QuerySet, texts: set[str]) -> dict[str, Any]:
    ids: dict[int, str] = {}
    for text in texts:
        match = _WITH_ID.match(text)
        if match:
            ids[int(match["pk"])] = text
        elif text.isdigit():
            ids[int(text)] = text
    return {ids[row.pk]: row for row in queryset.filter(pk__in=ids)}


_COMMITTEE_SUFFIXES = ("居民委员会", "村民委员会", "居委会", "村委会")


def _resolve_divisions(queryset: models.QuerySet, texts: set[str]) -> dict[str, Any]:
    """By 12-digit code; else by name (定鼎门社区 or 定鼎门社区居民委员会) where exactly one division of
    `queryset` (the user's scope) bears it: a name two divisions share is not guessed."""
    codes = {t for t in texts if t.isdigit() and len(t) == 12}
    found: dict[str, Any] = {row.code: row for row in queryset.filter(code__in=codes)}
    names = texts - codes
    if not names:
        return found
    spellings = names | {name + suffix for name in names for suffix in _COMMITTEE_SUFFIXES}
    bearers: dict[str, list[Any]] = {}
    for row in queryset.filter(name__in=spellings):
        for text in {row.name, row.display_name} & names:
            bearers.setdefault(text, []).append(row)
    found.update({text: rows[0] for text, rows in bearers.items() if len(rows) == 1})
    return found


DIVISION = NaturalKey(
    lambda division: str(division.code),
    _resolve_divisions,
    "410302001000",
    _("the 12-digit division code, or its name where only one division in your scope bears it"),
)
UNIT = NaturalKey(
    _unit_text,
    _resolve_units,
    "91410302MA47RNQ51X",
    _(
        "the unified social credit code, or for a unit without one its name and division code: 名称（410302001000）"
    ),
)
GRID = NaturalKey(
    lambda grid: f"{grid.name}（{grid.division.code}）",
    _name_and_division,
    "西关街道第1网格（410302001001）",
    _("the grid's name and its division code"),
)
BY_NAME = _by_field("name", "", _("its name"))
BY_ID = NaturalKey(
    _with_id_text, _resolve_by_id, "张三（#123）", _("its name and record ID, as exported: 张三（#123）")
)

KEYS: dict[str, NaturalKey] = {
    "core.division": DIVISION,
    "core.unit": UNIT,
    "core.grid": GRID,
    "core.zone": _by_field("code", "gaoxin", _("the zone's code")),
    "core.unittype": BY_NAME,
    "core.gridrole": BY_NAME,
    "core.role": BY_NAME,
}


def register_key(label: str, key: NaturalKey) -> None:
    """Later apps register the natural key of their own models (e.g. a site's name and division)."""
    KEYS[label] = key


def natural_key_for(model: type[models.Model]) -> NaturalKey:
    return KEYS.get(model._meta.label_lower, BY_ID)


def resolve_all(key: NaturalKey, queryset: models.QuerySet, texts: Iterable[str]) -> dict[str, Any]:
    wanted = {t for t in texts if t}
    return key.resolve(queryset, wanted) if wanted else {}
