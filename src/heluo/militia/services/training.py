"""Training progress (按纲抓训): a unit's required hours from the outline's subjects, the hours it held, and
whether it is behind them by a day (heluo.militia.rules.training: pro rata through the year)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from ..models import Audience, MilitiaUnit, TrainingSession, TrainingSubject
from ..rules.training import Progress, progress


@dataclass(frozen=True)
class UnitProgress:
    unit: MilitiaUnit
    progress: Progress


def required_hours(unit: MilitiaUnit) -> Decimal:
    """The hours a year the outline requires of a unit: for a primary unit, the subjects for primary
    militia and those of its category; an ordinary unit has none."""
    return _requirements().required(unit)


def hours_done(unit: MilitiaUnit, day: dt.date) -> Decimal:
    """The hours of the unit's sessions from 1 January of `day`'s year to `day`."""
    total = TrainingSession.objects.filter(
        unit=unit, held_on__gte=dt.date(day.year, 1, 1), held_on__lte=day
    ).aggregate(hours=Sum("hours"))["hours"]
    return total or Decimal(0)


def unit_progress(unit: MilitiaUnit, day: dt.date) -> Progress:
    return progress(required_hours(unit), hours_done(unit, day), day)


def units_progress(units: Iterable[MilitiaUnit], day: dt.date) -> list[UnitProgress]:
    """Each unit's progress by `day`, the units behind first (most hours behind first), then by name;
    units the outline requires nothing of are left out. Two queries whatever the number of units."""
    units = list(units)
    requirements = _requirements()
    done = dict(
        TrainingSession.objects.filter(unit__in=units, held_on__gte=dt.date(day.year, 1, 1), held_on__lte=day)
        .values_list("unit")
        .annotate(hours=Sum("hours"))
        .values_list("unit", "hours")
    )
    rows = [
        UnitProgress(unit, progress(required, done.get(unit.pk) or Decimal(0), day))
        for unit in units
        if (required := requirements.required(unit)) > 0
    ]
    return sorted(rows, key=lambda row: (-row.progress.behind_by, row.unit.name, row.unit.pk))


@dataclass(frozen=True)
class _Requirements:
    primary: Decimal
    by_category: dict[int, Decimal]

    def required(self, unit: MilitiaUnit) -> Decimal:
        if not unit.is_primary:
            return Decimal(0)
        return self.primary + self.by_category.get(unit.category_id, Decimal(0))


def _requirements() -> _Requirements:
    primary = Decimal(0)
    by_category: dict[int, Decimal] = defaultdict(Decimal)
    for subject in TrainingSubject.objects.exclude(audience=Audience.CADRES):
        if subject.audience == Audience.PRIMARY:
            primary += subject.required_hours
        elif subject.category_id is not None:
            by_category[subject.category_id] += subject.required_hours
    return _Requirements(primary, dict(by_category))
