"""A month's statistics from the libraries' spreadsheet: keyed by room and month, so a corrected sheet
updates in place; one bad row refuses the whole file, with every bad cell listed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from heluo.core.services import transfer
from heluo.studyrooms import ledgers
from heluo.studyrooms.models import MonthlyStatistics

from .factories import KAIYUAN, month_row, room

pytestmark = pytest.mark.django_db
HEADERS = "room,month,visits,loans,returns,new_cards"
JUNE = dt.date(2019, 6, 1)


def upload(user: Any, *lines: str, apply: bool = True) -> dict[str, Any]:
    body = "\n".join([HEADERS, *lines]) + "\n"
    return transfer.import_file(ledgers.monthly_statistics, user, "2019-06.csv", body.encode(), apply=apply)


def key(row: Any) -> str:
    return f"{row.name}（#{row.pk}）"


def test_a_months_file_adds_new_rows_and_updates_the_stored_month(users: dict[str, Any]) -> None:
    a, b = room(), room()
    stored = month_row(a, JUNE, visits=1000, loans=300)
    summary = upload(
        users["laocheng"], f"{key(a)},2019-06-01,3100,1200,1150,45", f"{key(b)},2019-06-01,2200,800,790,12"
    )
    assert summary["written"], summary["errors"]
    assert (summary["counts"]["updated"], summary["counts"]["created"]) == (1, 1)
    stored.refresh_from_db()
    assert (stored.visits, stored.loans, stored.returns, stored.new_cards) == (3100, 1200, 1150, 45)
    assert MonthlyStatistics.objects.filter(month=JUNE).count() == 2

    again = upload(users["laocheng"], f"{key(a)},2019-06-01,3150,1200,1150,45")
    assert again["written"] and again["counts"]["updated"] == 1
    assert MonthlyStatistics.objects.filter(room=a).count() == 1


def test_one_bad_row_refuses_the_whole_file_and_lists_every_bad_cell(users: dict[str, Any]) -> None:
    a, b, c = room(), room(), room()
    stored = month_row(a, JUNE, visits=1000)
    summary = upload(
        users["laocheng"],
        f"{key(a)},2019-06-01,3100,1200,1150,45",
        f"{key(b)},2019-06-15,-20,800,790,12",  # not a first day; a negative count
        f"{key(c)},2019-06-01,2000,700,690,10",
    )
    assert not summary["written"]
    assert summary["error_count"] >= 2
    bad = {(error["row"], error["column"]) for error in summary["errors"]}
    assert len({column for row, column in bad if row == 3}) == 2, summary["errors"]
    stored.refresh_from_db()
    assert stored.visits == 1000
    assert MonthlyStatistics.objects.filter(room__in=[b, c]).count() == 0


def test_a_room_outside_the_users_territory_is_refused(users: dict[str, Any]) -> None:
    elsewhere = room(KAIYUAN)
    summary = upload(users["laocheng"], f"{key(elsewhere)},2019-06-01,100,10,10,1")
    assert not summary["written"] and summary["error_count"] == 1
    assert not MonthlyStatistics.objects.exists()
