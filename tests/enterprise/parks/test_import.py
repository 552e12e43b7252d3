"""Yearly figures imported from a spreadsheet: a row without an ID updates the enterprise's row of that
year instead of adding a second one; anything bad writes nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.utils.text import capfirst

from heluo.core.models import Unit, UnitType
from heluo.core.services import transfer
from heluo.enterprise.parks import ledgers
from heluo.enterprise.parks.models import EnterpriseYear

from .factories import KAIYUAN, XIGUAN, division, enterprise, year_row

pytestmark = pytest.mark.django_db
HEADERS = "enterprise,year,revenue,rd_spend,employees,ip_applications"


def upload(user: Any, *lines: str, header: str = HEADERS, apply: bool = True) -> dict[str, Any]:
    body = "\n".join([header, *lines]) + "\n"
    return transfer.import_file(ledgers.enterprise_year, user, "years.csv", body.encode(), apply=apply)


def test_a_row_without_an_id_updates_the_enterprises_year_and_adds_the_others(users: dict[str, Any]) -> None:
    a, b = enterprise(), enterprise()
    stored = year_row(a, 2018, revenue=Decimal("1000000"), employees=10)
    summary = upload(
        users["laocheng"],
        f"{a.credit_code},2018,2000000,80000,12,1",
        f"{a.credit_code},2019,2600000,90000,15,2",
        f"{b.credit_code},2018,500000,0,4,0",
    )
    assert summary["written"], summary["errors"]
    assert (summary["counts"]["updated"], summary["counts"]["created"]) == (1, 2)
    assert EnterpriseYear.objects.filter(enterprise__in=[a, b]).count() == 3
    stored.refresh_from_db()
    assert (stored.revenue, stored.employees, stored.ip_applications) == (Decimal("2000000"), 12, 1)
    assert stored.history.latest("history_date").history_user.username == "laocheng"


def test_the_preview_says_which_columns_change(users: dict[str, Any]) -> None:
    a = enterprise()
    year_row(a, 2018, revenue=Decimal("1000000"), employees=10)
    # Amounts written as the export writes them, to the fen.
    summary = upload(users["laocheng"], f"{a.credit_code},2018,1000000.00,0.00,11,0", apply=False)
    assert summary["counts"]["updated"] == 1
    employees = capfirst(str(EnterpriseYear._meta.get_field("employees").verbose_name))
    assert [change["column"] for change in summary["changes"][0]["fields"]] == [employees]


def test_a_file_without_a_column_keeps_what_the_row_has(users: dict[str, Any]) -> None:
    a = enterprise()
    stored = year_row(a, 2018, revenue=Decimal("1000000"), employees=10, notes="统计局口径")
    summary = upload(users["laocheng"], f"{a.credit_code},2018,1000000,0,25,0")
    assert summary["written"], summary["errors"]
    stored.refresh_from_db()
    assert (stored.employees, stored.notes) == (25, "统计局口径")


def test_the_same_enterprise_and_year_twice_in_a_file_writes_nothing(users: dict[str, Any]) -> None:
    a = enterprise()
    summary = upload(users["laocheng"], f"{a.credit_code},2018,1,0,1,0", f"{a.credit_code},2018,2,0,1,0")
    assert not summary["written"] and summary["error_count"] >= 1
    assert not EnterpriseYear.objects.filter(enterprise=a).exists()


def test_a_unit_that_is_not_an_enterprise_or_out_of_scope_is_refused(users: dict[str, Any]) -> None:
    bureau = Unit.objects.create(
        name="测试局", unit_type=UnitType.objects.get(code="government"), division=division(XIGUAN),
        credit_code="11410302MB0000000X",
    )  # fmt: skip
    elsewhere, good = enterprise(KAIYUAN), enterprise()
    summary = upload(
        users["laocheng"],
        f"{good.credit_code},2018,1,0,1,0",
        f"{bureau.name}（{XIGUAN}）,2018,1,0,1,0",
        f"{elsewhere.credit_code},2018,1,0,1,0",
    )
    assert not summary["written"]
    assert {error["row"] for error in summary["errors"]} == {3, 4}
    assert not EnterpriseYear.objects.filter(enterprise__in=[good, bureau, elsewhere]).exists()


def test_an_out_of_scope_row_is_never_found_by_its_key(users: dict[str, Any]) -> None:
    """A district user naming another district's enterprise finds neither the enterprise nor its row."""
    elsewhere = enterprise(KAIYUAN)
    stored = year_row(elsewhere, 2018, revenue=Decimal("7"))
    summary = upload(users["laocheng"], f"{elsewhere.credit_code},2018,9,0,1,0")
    assert not summary["written"]
    stored.refresh_from_db()
    assert stored.revenue == Decimal("7")
