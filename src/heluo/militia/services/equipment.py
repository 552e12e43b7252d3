"""Equipment reserves: which items are overdue for their periodic check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max, QuerySet

from ..models import EquipmentItem


@dataclass(frozen=True)
class Unchecked:
    item: EquipmentItem
    last_checked: dt.date | None
    # Days since the last check, None when never checked.
    days: int | None


def unchecked_items(items: QuerySet[EquipmentItem], today: dt.date) -> list[Unchecked]:
    """The items among `items` not checked within their period (`check_every_days`) by `today`, those
    never checked first, then the longest unchecked."""
    overdue = []
    for item in items.annotate(last=Max("checks__checked_on")).select_related("department", "unit"):
        last: dt.date | None = item.last
        if last is None:
            overdue.append(Unchecked(item, None, None))
        elif (today - last).days > item.check_every_days:
            overdue.append(Unchecked(item, last, (today - last).days))
    return sorted(
        overdue, key=lambda row: (row.days is not None, -(row.days or 0), row.item.name, row.item.pk)
    )
