"""The science parks' acts: a park registered, an enterprise entering a park, a qualification awarded,
an enterprise's figures of a year recorded. Each validates the row as its form would (full_clean) and
saves it in the history as `user`. The ledger pages, imports and the API write these rows through their
forms; these functions serve the demo, commands and other code."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from heluo.core.models import Division, Unit

from .models import EnterpriseYear, Park, ParkEnterprise, Qualification, QualificationAward


def _save(row: Any, user: Any, is_demo: bool) -> Any:
    row.is_demo = is_demo
    row._history_user = user
    row.full_clean()
    row.save()
    return row


def register_park(name: str, division: Division, *, user: Any, is_demo: bool = False, **fields: Any) -> Park:
    """A new park (name unique); raises ValidationError on a bad field and writes nothing."""
    return _save(Park(name=name, division=division, **fields), user, is_demo)


def admit_enterprise(
    park: Park,
    enterprise: Unit,
    *,
    industry: str,
    entered: dt.date,
    incubating: bool = False,
    user: Any,
    is_demo: bool = False,
) -> ParkEnterprise:
    """The enterprise's stay in the park from `entered`; raises ValidationError (nothing written) when the
    unit is not an enterprise or the stay is already recorded."""
    stay = ParkEnterprise(
        park=park, enterprise=enterprise, industry=industry, entered=entered, incubating=incubating
    )
    return _save(stay, user, is_demo)


def award_qualification(
    enterprise: Unit,
    qualification: Qualification,
    obtained: int,
    *,
    valid_until: int | None = None,
    user: Any,
    is_demo: bool = False,
) -> QualificationAward:
    """The enterprise holds the qualification from `obtained` (to `valid_until`, or open); raises
    ValidationError (nothing written) on a repeat of the same award or a lapse before it was obtained."""
    award = QualificationAward(
        enterprise=enterprise, qualification=qualification, obtained=obtained, valid_until=valid_until
    )
    return _save(award, user, is_demo)


@transaction.atomic
def record_year(
    enterprise: Unit,
    year: int,
    *,
    revenue: Decimal,
    rd_spend: Decimal,
    employees: int,
    ip_applications: int = 0,
    user: Any,
    is_demo: bool = False,
) -> EnterpriseYear:
    """The enterprise's figures of `year`: the one row of that enterprise and year is created or updated
    (idempotent; the row is locked while it changes, so two writers do not both create it)."""
    row = EnterpriseYear.objects.select_for_update().filter(enterprise=enterprise, year=year).first()
    row = row or EnterpriseYear(enterprise=enterprise, year=year)
    row.revenue, row.rd_spend, row.employees, row.ip_applications = (
        revenue,
        rd_spend,
        employees,
        ip_applications,
    )
    return _save(row, user, is_demo or row.is_demo)
