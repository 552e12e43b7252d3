"""Divisions: loading the vendored national tree, history of changes (区划调整), today's successor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import Substr

from heluo.core import divisions_data
from heluo.core.models import Division, Zone
from heluo.core.models.divisions import DivisionLevel, division_path
from heluo.core.services.audit import audited_bulk_create


@dataclass(frozen=True)
class LoadReport:
    created: int
    existing: int
    historic: int


def significant_prefix(code: str) -> str:
    normalized = divisions_data.normalize_code(code)
    return division_path(normalized, divisions_data.level_of(normalized))


@transaction.atomic
def load_divisions(code: str, *, user: Any, is_demo: bool = False) -> LoadReport:
    """Load the division `code` with its whole subtree from the vendored dataset, then the hand-kept
    historic divisions under it with their successors. Idempotent: existing codes are left as they are.

    Raises ValueError when the code is not in the dataset.
    """
    prefix = significant_prefix(code)
    records = list(divisions_data.iter_divisions(prefix))
    if not records:
        raise ValueError(code)
    ids = dict(Division.objects.filter(path__startswith=prefix).values_list("code", "id"))
    root_parent = records[0].parent_code
    if root_parent:
        ids.update(Division.objects.filter(code=root_parent).values_list("code", "id"))
    existing = sum(1 for r in records if r.code in ids)
    # One level at a time, so that every parent has its id before its children are written.
    for level in DivisionLevel.values:
        batch = [
            Division(
                code=r.code,
                name=r.name,
                level=r.level,
                path=division_path(r.code, r.level),
                parent_id=ids.get(r.parent_code) if r.parent_code else None,
                is_demo=is_demo,
            )
            for r in records
            if r.level == level and r.code not in ids
        ]
        for division in audited_bulk_create(Division, batch, user=user, reason="divisions dataset 2023"):
            ids[division.code] = division.pk  # type: ignore[attr-defined]
    historic = _load_succession(prefix, user=user, is_demo=is_demo)
    return LoadReport(created=len(records) - existing, existing=existing, historic=historic)


def _load_succession(prefix: str, *, user: Any, is_demo: bool) -> int:
    created = 0
    for record in divisions_data.iter_succession():
        if not record.code.startswith(prefix):
            continue
        division = Division.objects.filter(code=record.code).first()
        if division is None:
            division = Division(
                code=record.code,
                name=record.name,
                level=record.level,
                parent=Division.objects.filter(code=record.parent_code).first()
                if record.parent_code
                else None,
                valid_from=record.valid_from,
                valid_to=record.valid_to,
                is_demo=is_demo,
            )
            division._history_user = user  # type: ignore[attr-defined]
            division.save()
            created += 1
        successors = Division.objects.filter(code__in=record.successor_codes)
        division.successors.add(*successors)
    return created


def current_division(division: Division) -> Division:
    """The division that carries on `division` today (itself while it exists): 吉利区 → 孟津区."""
    seen = {division.pk}
    while not division.is_current:
        successor = division.successors.order_by("code").first()
        if successor is None or successor.pk in seen:
            break
        seen.add(successor.pk)
        division = successor
    return division


def reporting_division(division: Division, level: int = DivisionLevel.COUNTY) -> Division:
    """The division at `level` under which today's reports count a row made in `division`.

    A 2019 row in 吉利区 is counted under 孟津区; a row in a street of 偃师市 under 偃师区.
    """
    if division.level > level:
        ancestor = division.ancestors().filter(level=level).first()
        division = ancestor or division
    return current_division(division)


@dataclass(frozen=True)
class DistrictCount:
    name: str
    code: str
    counts: dict[str, int]
    is_zone: bool = False


def _current_districts() -> dict[str, Division]:
    """County-level path → the county-level division that carries it on today (itself if current)."""
    counties = Division.objects.filter(level=DivisionLevel.COUNTY).prefetch_related("successors")
    return {county.path: current_division(county) for county in counties}


def counts_by_district(querysets: dict[str, Any]) -> list[DistrictCount]:
    """Rows per today's district (区县) and per functional zone, for each scoped queryset given.

    A row made in a division that no longer exists counts under its successor (吉利区 → 孟津区); rows
    placed at city level count under the city itself. Zones are extra lines: their rows also count
    under their district, as offices report them both ways.
    """
    current = _current_districts()
    by_district: dict[str, dict[str, int]] = {}
    names: dict[str, tuple[str, str]] = {}
    for label, queryset in querysets.items():
        field = queryset.model.scope_division_field
        rows = (
            queryset.annotate(district=Substr(f"{field}__path", 1, 6))
            .values("district")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            district = current.get(row["district"])
            key = district.path if district else row["district"]
            if district is not None:
                names[key] = (district.name, district.code)
            by_district.setdefault(key, {})[label] = by_district.get(key, {}).get(label, 0) + row["n"]
    # Rows placed above county level (at the city itself) keep that division's name.
    for division in Division.objects.filter(path__in=[key for key in by_district if key not in names]):
        names[division.path] = (division.name, division.code)
    result = [
        DistrictCount(*names.get(key, (key, key)), counts) for key, counts in sorted(by_district.items())
    ]
    for zone in Zone.objects.prefetch_related("streets"):
        prefixes = [street.path for street in zone.streets.all()]
        if not prefixes:
            continue
        counts = {}
        for label, queryset in querysets.items():
            field = queryset.model.scope_division_field
            condition = Q()
            for prefix in prefixes:
                condition |= Q(**{f"{field}__path__startswith": prefix})
            counts[label] = queryset.filter(condition).count()
        if any(counts.values()):
            result.append(DistrictCount(zone.name, zone.code, counts, is_zone=True))
    return result
