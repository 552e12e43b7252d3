"""Monitoring points kept in step with the rows they stand for (dust control's sites, …).

The module owning the rows calls `place_points` whenever it saves them, inside the same transaction:
monitoring never reads that module, and a point always has its row's name, place and coordinates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from heluo.core.models import CoordinateSystem, Division
from heluo.core.services.audit import audited_bulk_create, audited_bulk_update
from heluo.monitoring.models import MonitoringPoint


@dataclass(frozen=True)
class Place:
    """What a monitoring point takes from the row it stands for."""

    name: str
    division: Division
    address: str = ""
    longitude: Decimal | None = None
    latitude: Decimal | None = None
    coordinate_system: str = CoordinateSystem.GCJ02


@transaction.atomic
def place_points(rows: Sequence[tuple[models.Model, Place]], *, user: Any) -> list[MonitoringPoint]:
    """The monitoring point of each (row, place), created or changed to the place (one history row per
    change); a new point is demo data when its row is. Idempotent: the same places again change nothing.
    All rows are of one model. Raises
    ValidationError for a place a point cannot take, and writes nothing then."""
    if not rows:
        return []
    kind = ContentType.objects.get_for_model(rows[0][0])
    existing = MonitoringPoint.objects.filter(watched_type=kind, watched_id__in=[row.pk for row, _ in rows])
    points = {point.watched_id: point for point in existing}
    new, changed, result = [], [], []
    for row, place in rows:
        values = {**asdict(place), "name": place.name[:150], "address": place.address[:200]}
        point = points.get(row.pk)
        if point is None:
            demo = getattr(row, "is_demo", False)
            point = MonitoringPoint(watched_type=kind, watched_id=row.pk, is_demo=demo, **values)
            new.append(point)
        elif any(getattr(point, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(point, field, value)
            changed.append(point)
        point.full_clean(exclude=["division"], validate_unique=False, validate_constraints=False)
        result.append(point)
    audited_bulk_create(MonitoringPoint, new, user=user)
    audited_bulk_update(MonitoringPoint, changed, [f for f in Place.__dataclass_fields__], user=user)
    return result


def point_of(watched: models.Model) -> MonitoringPoint | None:
    """The monitoring point standing for `watched`, if it has one."""
    kind = ContentType.objects.get_for_model(watched)
    return MonitoringPoint.objects.filter(watched_type=kind, watched_id=watched.pk).first()
