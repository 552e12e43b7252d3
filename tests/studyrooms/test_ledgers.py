"""The city study rooms' ledgers through the generic checks: pages, API and Excel round trip, in and out
of scope, with and without the right."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.db import models

from heluo.studyrooms import ledgers
from heluo.studyrooms.models import OpeningBalance, ReadingEvent, SpecialDay
from tests.core.ledger_cases import LedgerViewCases

from .factories import KAIYUAN, LAOCHENG, LUOLONG, XIGUAN, division, hours, month_row, plan, room

_years = itertools.count(2020)
_serial = itertools.count(1)


class TestRoomViews(LedgerViewCases):
    ledger = ledgers.room

    def make(self, in_scope: bool) -> models.Model:
        return room(XIGUAN if in_scope else KAIYUAN, books=8000, children_books=3500)

    def create_data(self) -> dict[str, Any]:
        return {"name": "西关测试城市书房", "division": division(XIGUAN).pk, "address": "西关街道中州东路1号",
                "latitude": "34.683000", "longitude": "112.478000", "operator": "老城区图书馆", "area_m2": "180",
                "seats": "48", "books": "6000", "children_books": "2600", "phone_public": "0379-63900000"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "children_books": "7000"}, "children_books"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"name": obj.name, "division": obj.division_id, "address": "西关街道新址2号", "seats": "60",  # type: ignore[attr-defined]
                "books": "9000", "children_books": "4000", "self_service_24h": "on"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.name  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        month_row(obj)  # type: ignore[arg-type]


class TestOpeningHoursViews(LedgerViewCases):
    ledger = ledgers.opening_hours

    def make(self, in_scope: bool) -> models.Model:
        return hours(room(XIGUAN if in_scope else KAIYUAN), weekday=2)

    def create_data(self) -> dict[str, Any]:
        return {"room": room().pk, "weekday": "0", "kind": "room", "opens": "09:00", "closes": "21:00"}

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "kind": "desk"}, "kind"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"room": obj.room_id, "weekday": "5", "kind": "room", "opens": "08:30", "closes": "22:00"}  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.room.name  # type: ignore[attr-defined]


class TestSpecialDayViews(LedgerViewCases):
    ledger = ledgers.special_day

    def make(self, in_scope: bool) -> models.Model:
        return SpecialDay.objects.create(
            room=room(XIGUAN if in_scope else KAIYUAN), date=dt.date(2026, 10, 1), name=f"测试假日{next(_serial)}",
            closed=True,
        )  # fmt: skip

    def create_data(self) -> dict[str, Any]:
        return {"date": "2026-02-17", "name": "春节", "room": room().pk, "closed": "on"}

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {"date": "2026-02-18", "name": "春节", "room": room().pk, "opens": "10:00"}, "opens"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "date": "2026-10-02",
            "name": obj.name,
            "room": obj.room_id,
            "opens": "10:00",
            "closes": "16:00",
        }  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.name  # type: ignore[attr-defined]


class TestYearPlanViews(LedgerViewCases):
    ledger = ledgers.year_plan

    def make(self, in_scope: bool) -> models.Model:
        return plan(LAOCHENG if in_scope else LUOLONG, year=next(_years))

    def create_data(self) -> dict[str, Any]:
        return {
            "year": "2019",
            "division": division(LAOCHENG).pk,
            "planned_rooms": "6",
            "deadline": "2019-08-31",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "division": division(XIGUAN).pk}, "division"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"year": obj.year, "division": obj.division_id, "planned_rooms": "8", "deadline": "2019-09-30"}  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.division.name  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        room(plan=obj)


class TestOpeningBalanceViews(LedgerViewCases):
    ledger = ledgers.opening_balance

    def make(self, in_scope: bool) -> models.Model:
        return OpeningBalance.objects.create(
            room=room(XIGUAN if in_scope else KAIYUAN), as_of=dt.date(2018, 12, 31), visits=52000, loans=18000
        )

    def create_data(self) -> dict[str, Any]:
        return {"room": room().pk, "as_of": "2018-12-31", "visits": "41000", "loans": "15000", "returns": "14800",
                "new_cards": "600", "events": "24", "participants": "1900"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "visits": "-1"}, "visits"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "room": obj.room_id,
            "as_of": "2018-12-31",
            "visits": "53000",
            "loans": "18000",
            "returns": "17000",
            "new_cards": "700",
            "events": "30",
            "participants": "2100",
        }  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.room.name  # type: ignore[attr-defined]


class TestMonthlyStatisticsViews(LedgerViewCases):
    ledger = ledgers.monthly_statistics

    def make(self, in_scope: bool) -> models.Model:
        return month_row(room(XIGUAN if in_scope else KAIYUAN))

    def create_data(self) -> dict[str, Any]:
        return {"room": room().pk, "month": "2019-06-01", "visits": "3100", "loans": "1200", "returns": "1150",
                "new_cards": "45"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "month": "2019-06-15"}, "month"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "room": obj.room_id,
            "month": "2019-05-01",
            "visits": "3300",
            "loans": "1250",
            "returns": "1200",
            "new_cards": "40",
        }  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.room.name  # type: ignore[attr-defined]


class TestReadingEventViews(LedgerViewCases):
    ledger = ledgers.reading_event

    def make(self, in_scope: bool) -> models.Model:
        return ReadingEvent.objects.create(
            division=division(XIGUAN if in_scope else KAIYUAN), title=f"测试读书会{next(_serial)}",
            held_on=dt.date(2019, 4, 23), participants=60,
        )  # fmt: skip

    def create_data(self) -> dict[str, Any]:
        return {"title": "世界读书日亲子共读", "held_on": "2019-04-23", "division": division(XIGUAN).pk,
                "room": room().pk, "participants": "80", "organiser": "老城区图书馆"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "room": room(KAIYUAN).pk}, "room"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "title": obj.title,
            "held_on": "2019-04-24",
            "division": obj.division_id,
            "participants": "75",
        }  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.title  # type: ignore[attr-defined]
