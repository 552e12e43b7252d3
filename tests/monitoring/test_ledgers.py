"""Monitoring's reference ledgers through the generic ledger checks: monitoring points, control stations
and their hourly values, and the alarm rules."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone

from heluo.core.models import Division
from heluo.monitoring import ledgers
from heluo.monitoring.models import AlarmRule, ControlReading, ControlStation, Monitor
from tests.core.ledger_cases import LedgerViewCases

from .factories import KAIYUAN, XIGUAN, point

_serial = itertools.count(1)


class TestMonitoringPointViews(LedgerViewCases):
    ledger = ledgers.monitoring_point

    def make(self, in_scope: bool) -> models.Model:
        return point(XIGUAN if in_scope else KAIYUAN)

    def create_data(self) -> dict[str, Any]:
        return {
            "name": f"西关路口监测点{next(_serial)}",
            "division": Division.objects.get(code=XIGUAN).pk,
            "longitude": "112.470000",
            "latitude": "34.680000",
            "coordinate_system": "gcj02",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "latitude": ""}, "latitude"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"name": f"{obj}（改）", "division": obj.division_id, "coordinate_system": "wgs84"}  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        Monitor.objects.create(mn=f"POINT{obj.pk:08d}", pw="123456", point=obj)


def station(code: str = "") -> ControlStation:
    return ControlStation.objects.create(
        code=code or f"T{next(_serial):04d}A", name=f"测试国控站{next(_serial)}",
        division=Division.objects.get(code="410302000000"), longitude=Decimal("112.46"), latitude=Decimal("34.68"),
    )  # fmt: skip


class TestControlStationViews(LedgerViewCases):
    ledger = ledgers.control_station

    def make(self, in_scope: bool) -> models.Model:
        return station()

    def search_text(self, obj: models.Model) -> str:
        return obj.code  # type: ignore[attr-defined]

    def create_data(self) -> dict[str, Any]:
        return {
            "code": f"N{next(_serial):04d}A",
            "name": "测试新站",
            "kind": "national",
            "division": Division.objects.get(code="410302000000").pk,
            "active": "on",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "longitude": "200"}, "longitude"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"code": obj.code, "name": "改名站", "kind": "provincial", "division": obj.division_id}  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        ControlReading.objects.create(
            station=obj, hour=timezone.now().replace(minute=0, second=0, microsecond=0), pm10=80
        )


class TestControlReadingViews(LedgerViewCases):
    ledger = ledgers.control_reading

    def make(self, in_scope: bool) -> models.Model:
        hour = dt.datetime(2026, 11, 1, tzinfo=dt.UTC) + dt.timedelta(hours=next(_serial))
        return ControlReading.objects.create(station=station(), hour=hour, pm10=88.0, pm25=40.0)

    def search_text(self, obj: models.Model) -> str:
        return obj.station.code  # type: ignore[attr-defined]

    def create_data(self) -> dict[str, Any]:
        return {"station": station().pk, "hour": "2026-11-20 09:00", "pm10": "91", "pm25": "45"}

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "pm10": "-5"}, "pm10"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        local = timezone.localtime(obj.hour)  # type: ignore[attr-defined]
        return {"station": obj.station_id, "hour": local.strftime("%Y-%m-%d %H:%M"), "pm10": "120"}  # type: ignore[attr-defined]


class TestAlarmRuleViews(LedgerViewCases):
    ledger = ledgers.alarm_rule

    def make(self, in_scope: bool) -> models.Model:
        return AlarmRule.objects.create(
            code=f"test-rule-{next(_serial)}",
            name="测试规则",
            method="absolute",
            factor="pm10",
            limit=300,
            active=False,
        )

    def create_data(self) -> dict[str, Any]:
        return {
            "code": f"pm10-hourly-{next(_serial)}", "name": "小时均值超300", "method": "absolute", "factor": "pm10",
            "limit": "300", "per_day": "0", "count": "1", "minutes": "0", "clear_minutes": "120",
            "time_limit_days": "3", "priority": "1",
        }  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "limit": ""}, "limit"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {**self.create_data(), "code": obj.code, "name": "改名的规则", "limit": "250"}  # type: ignore[attr-defined]
