"""The city's corrections of the official calendar (节假日校正) through the generic ledger checks: a
city-wide ledger that only the city edits."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.db import models

from heluo.cases import ledgers
from heluo.cases.models import HolidayOverride
from tests.core.ledger_cases import LedgerViewCases

_days = itertools.count(1)


def a_day() -> dt.date:
    return dt.date(2031, 1, 1) + dt.timedelta(days=next(_days))


class TestHolidayOverrideViews(LedgerViewCases):
    ledger = ledgers.holiday_override
    actor = "admin"  # correcting the calendar every deadline counts on is the city's alone

    def make(self, in_scope: bool) -> models.Model:
        return HolidayOverride.objects.create(date=a_day(), name="测试调休")

    def search_text(self, obj: models.Model) -> str:
        return "测试调休"

    def create_data(self) -> dict[str, Any]:
        return {"date": a_day().isoformat(), "is_workday": "on", "name": "国庆节调休上班"}

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "date": "2031-02-30"}, "date"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"date": obj.date.isoformat(), "name": "春节"}  # type: ignore[attr-defined]


def test_a_district_cannot_correct_the_calendar(client_as: Any) -> None:
    response = client_as("laocheng").post(
        ledgers.holiday_override.url("add"), {"date": "2031-05-05", "name": "区里自定的假"}
    )
    assert response.status_code == 403 and not HolidayOverride.objects.filter(date="2031-05-05").exists()
