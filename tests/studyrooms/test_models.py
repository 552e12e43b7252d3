"""The rules a room's rows keep on every way in (the model's clean, run by pages, imports and the API)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from heluo.studyrooms.models import MonthlyStatistics, OpeningBalance, OpeningHours, SpecialDay

from .factories import LUOLONG, hours, month_row, plan, room

pytestmark = pytest.mark.django_db


def refused_fields(row: object) -> set[str]:
    with pytest.raises(ValidationError) as refused:
        row.full_clean()  # type: ignore[attr-defined]
    return set(refused.value.message_dict)


def test_a_month_inside_the_opening_balance_is_refused() -> None:
    row = room()
    OpeningBalance.objects.create(room=row, as_of=dt.date(2018, 12, 31), visits=50000)
    assert refused_fields(MonthlyStatistics(room=row, month=dt.date(2018, 12, 1))) == {"month"}
    MonthlyStatistics(room=row, month=dt.date(2019, 1, 1)).full_clean()


def test_a_balance_over_months_already_counted_is_refused() -> None:
    row = room()
    month_row(row, dt.date(2019, 5, 1))
    assert refused_fields(OpeningBalance(room=row, as_of=dt.date(2019, 5, 31))) == {"as_of"}
    OpeningBalance(room=row, as_of=dt.date(2019, 4, 30)).full_clean()


def test_a_room_cannot_be_built_under_another_countys_plan() -> None:
    row = room()
    row.plan = plan(LUOLONG)
    assert "plan" in refused_fields(row)
    row.plan = plan()
    row.full_clean()


def test_a_room_with_desk_hours_stays_24_hour_until_they_are_deleted() -> None:
    row = room(self_service_24h=True)
    desk = hours(row, opens="09:00", closes="17:00", kind="desk")
    row.self_service_24h = False
    assert refused_fields(row) == {"self_service_24h"}
    desk.delete()
    row.full_clean()


def test_a_room_that_is_not_24_hour_has_no_desk_hours() -> None:
    desk = OpeningHours(room=room(), weekday=0, opens=dt.time(9), closes=dt.time(17), kind="desk")
    assert refused_fields(desk) == {"kind"}


def test_a_special_day_is_closed_or_has_its_hours() -> None:
    assert refused_fields(SpecialDay(date=dt.date(2026, 2, 17), closed=False, opens=dt.time(10))) == {"opens"}
    SpecialDay(date=dt.date(2026, 2, 17), closed=False, opens=dt.time(10), closes=dt.time(16)).full_clean()
    SpecialDay(date=dt.date(2026, 2, 17), closed=True).full_clean()
