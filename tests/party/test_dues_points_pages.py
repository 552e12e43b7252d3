"""Dues' and points' own pages and figures: the arrears list and its Excel, a member's points for a year
linked to the sources, the ranking and its Excel, base points granted from the ranking, the refusals to
roles that see no member records, and the figures on a hand-made set."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.urls import reverse

from heluo.core.figures import Period, Territory
from heluo.party.figures import points as figures
from heluo.party.models import DuesPayment, PointsEntry
from heluo.party.services import dues, points

from . import factories as f
from .conftest import PARTY_OFFICER

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def officer(client_as: Any) -> Any:
    return client_as(PARTY_OFFICER)


def test_the_arrears_page_lists_unpaid_months_and_exports_them(officer: Any) -> None:
    branch = f.organisation()
    who = f.member(branch, name="欠费党员", monthly_income=D("3000"), joined_on=dt.date(2026, 9, 10))
    today = dt.date.today()
    response = officer.get(reverse("party:dues_arrears"), {"organisation": branch.pk})
    assert response.status_code == 200
    assert "欠费党员" in response.content.decode()
    export = officer.get(reverse("party:dues_arrears"), {"organisation": branch.pk, "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    row = [cell.value for cell in sheet[4]]
    unpaid = dues.arrears(branch, today)[0]
    assert row[0] == who.name and row[3] == float(unpaid.total)


def test_a_member_s_points_page_links_each_entry_to_its_source(officer: Any) -> None:
    branch = f.organisation()
    who = f.member(branch, name="积分党员")
    points.grant_base_points(branch, 2026)
    points.add_manual_points(who, "bonus", D("4"), "抗洪抢险", "支部委员会", None, year=2026)
    page = officer.get(reverse("party:member_points", args=[who.pk, 2026])).content.decode()
    assert 'data-testid="points-total">24.00<' in page
    assert who.get_absolute_url() in page  # the base entry's source is the member's record
    assert "抗洪抢险" in page
    assert 'class="badge text-bg-success" data-testid="points-match"' in page


def test_the_ranking_page_ranks_and_exports(officer: Any) -> None:
    branch = f.organisation()
    a, b = f.member(branch, name="甲"), f.member(branch, name="乙")
    points.add_manual_points(a, "volunteer_task", D("6"), "社区服务", "支部委员会", None, year=2026)
    points.add_manual_points(b, "volunteer_task", D("9"), "社区服务", "支部委员会", None, year=2026)
    page = officer.get(
        reverse("party:points_ranking"), {"organisation": branch.pk, "year": 2026}
    ).content.decode()
    assert page.index("乙") < page.index("甲")
    export = officer.get(
        reverse("party:points_ranking"), {"organisation": branch.pk, "year": 2026, "format": "xlsx"}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    assert [(r[0].value, r[1].value, r[-1].value) for r in sheet.iter_rows(min_row=4)] == [
        (1, "乙", 9),
        (2, "甲", 6),
    ]


def test_base_points_are_granted_from_the_ranking(officer: Any) -> None:
    branch = f.organisation()
    f.members(branch, 3)
    response = officer.post(reverse("party:points_grant_base"), {"organisation": branch.pk, "year": 2026})
    assert response.status_code == 302
    assert PointsEntry.objects.filter(rule__code="base", year=2026).count() == 3


@pytest.mark.parametrize("name", ["party:dues_arrears", "party:points_ranking"])
def test_roles_without_member_records_are_refused(client_as: Any, name: str) -> None:
    f.member(f.organisation())
    assert client_as("laocheng").get(reverse(name)).status_code == 403


def test_figures_on_a_hand_made_set() -> None:
    branch = f.organisation()
    outside = f.organisation(f.KAIYUAN)
    a, b = f.member(branch, monthly_income=D("3000")), f.member(branch, monthly_income=D("5000"))
    f.member(branch)  # no entries: not counted
    points.add_manual_points(a, "volunteer_task", D("9"), "社区服务", "支部委员会", None, year=2026)
    points.add_manual_points(a, "bonus", D("14"), "表彰", "支部委员会", None, year=2026)  # capped at 10
    points.add_manual_points(b, "volunteer_task", D("6"), "社区服务", "支部委员会", None, year=2026)
    points.add_manual_points(
        f.member(outside), "volunteer_task", D("50"), "社区服务", "支部委员会", None, year=2026
    )
    here, year = Territory.of(f.division(f.XIGUAN)), Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert figures.points_members(here, year) == 2
    assert figures.points_average(here, year) == D("12.50")  # (19 + 6) / 2
    for who, amount in ((a, "15.00"), (b, "50.00")):
        DuesPayment.objects.create(member=who, month=dt.date(2026, 3, 1), amount=D(amount), paid_on=dt.date(2026, 3, 5),
                                   paid_by=who)  # fmt: skip
    DuesPayment.objects.create(member=a, month=dt.date(2026, 4, 1), amount=D("15.00"), paid_on=dt.date(2026, 4, 2),
                               paid_by=a)  # fmt: skip
    march = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert figures.dues_collected(here, march) == D("65.00")
    assert figures.dues_collected(here, year) == D("80.00")
    assert (
        figures.points_average(
            Territory.of(f.division(f.LAOCHENG)), Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
        )
        is None
    )
