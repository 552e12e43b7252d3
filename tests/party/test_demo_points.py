"""Part C's demo on a small hand-made roll: payments through the service with a few members in arrears,
base points for all, manual entries, and rankings and the ledger read back from the rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from heluo.core.services.accounts import system_operator
from heluo.party import demo_points
from heluo.party.models import DuesPayment, OrganisationKind, PointsEntry
from heluo.party.services import dues, points

from . import factories as f

pytestmark = pytest.mark.django_db


def test_the_demo_pays_dues_leaves_some_in_arrears_and_gives_points() -> None:
    community = f.organisation(kind=OrganisationKind.COMMITTEE)
    branch = f.organisation(parent=community)
    roll = f.members(branch, 14, monthly_income=Decimal("3600"))
    counts = demo_points.load(system_operator())
    payments, entries = (str(m._meta.verbose_name_plural) for m in (DuesPayment, PointsEntry))
    assert counts[payments] == 12 * 6 + 2 * 4 == DuesPayment.objects.count()
    in_arrears = {row.member for row in dues.arrears(branch)}
    assert in_arrears == {roll[6], roll[13]}  # the 7th and the 14th
    year = dt.date.today().year
    assert counts[entries] == PointsEntry.objects.count()
    assert PointsEntry.objects.filter(rule__code="base", year=year).count() == 14
    ranking = points.rankings(community, year)
    assert len(ranking) == 14 and ranking[0].total > ranking[-1].total
    assert all(points.ledger_matches_sources(member, year) for member in roll)
    assert demo_points.load(system_operator())[payments] == 0  # a second load adds no payment
