"""Demolition consultation: the receptor, forecast and rule ledgers, the day's proposals from recorded
inputs, confirming and overriding, the board and the history."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from heluo.dust import ledgers
from heluo.dust.models import (
    ConsultationDecision,
    ConsultationRule,
    SensitiveReceptor,
    Site,
    SiteKind,
    SiteState,
    WeatherForecast,
)
from heluo.dust.services import site_place
from heluo.dust.services.consultation import active_rules, confirm_decision, propose_decisions
from heluo.monitoring.models import ControlReading, ControlStation
from heluo.monitoring.services.points import place_points
from tests.core.ledger_cases import LedgerViewCases
from tests.dust.test_consultation_rules import DEFAULTS
from tests.dust.test_sites import KAIYUAN, XIGUAN, contractor, division, make_site

_serial = itertools.count(1)
DAY = dt.date(2026, 11, 20)
CITY = "410300000000"  # 洛阳市
# A demolition site in 西关街道 and places around it (GCJ-02). 0.0018° of latitude is about 200 m.
SITE_LON, SITE_LAT = Decimal("112.480000"), Decimal("34.680000")


def receptor(code: str = XIGUAN, **fields: Any) -> SensitiveReceptor:
    fields.setdefault("longitude", SITE_LON)
    fields.setdefault("latitude", SITE_LAT - Decimal("0.0013"))  # about 145 m south
    return SensitiveReceptor.objects.create(
        name=f"洛阳市测试小学{next(_serial)}", kind="school", division=division(code), **fields
    )


def demolition_site(**fields: Any) -> Site:
    """A demolition site in 西关街道 under construction, as dust.services keeps sites."""
    fields = {"longitude": SITE_LON, "latitude": SITE_LAT, "contractor": contractor(), **fields}
    site = Site.objects.create(
        name=f"洛阳市测试拆迁项目{next(_serial)}",
        kind=SiteKind.DEMOLITION,
        division=division(XIGUAN),
        **fields,
    )
    place_points([(site, site_place(site))], user=None)
    return site


class TestSensitiveReceptorViews(LedgerViewCases):
    ledger = ledgers.sensitive_receptor

    def make(self, in_scope: bool) -> models.Model:
        return receptor(XIGUAN if in_scope else KAIYUAN)

    def create_data(self) -> dict[str, Any]:
        return {
            "name": "洛阳市老城区西关小学",
            "kind": "school",
            "division": division(XIGUAN).pk,
            "address": "中州东路2号",
            "longitude": "112.481000",
            "latitude": "34.681000",
            "coordinate_system": "gcj02",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "latitude": "99"}, "latitude"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {**self.create_data(), "name": f"{obj}（南校区）", "kind": "kindergarten"}


class TestWeatherForecastViews(LedgerViewCases):
    ledger = ledgers.weather_forecast

    def make(self, in_scope: bool) -> models.Model:
        return WeatherForecast.objects.create(
            day=dt.date(2025, 1, 1) + dt.timedelta(days=next(_serial)), division=division(CITY), wind_speed=2.5,
            precipitation=0,
        )  # fmt: skip

    def create_data(self) -> dict[str, Any]:
        return {
            "day": "2026-06-01",
            "division": division("410302000000").pk,
            "wind_speed": "3.4",
            "wind_direction": "45",
            "precipitation": "0.5",
            "alert": "yellow",
            "source": "洛阳市气象台",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "wind_direction": "400"}, "wind_direction"

    def test_a_forecast_is_for_the_city_or_a_county(self) -> None:
        response = self.client.post(
            self.ledger.url("add"), {**self.create_data(), "division": division(XIGUAN).pk}
        )
        assert response.status_code == 400 and not WeatherForecast.objects.exists()
        assert "天气预报只能针对全市或县（市、区）" in response.content.decode()

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "day": obj.day.isoformat(),
            "division": division(CITY).pk,
            "wind_speed": "6",
            "alert": "orange",
        }  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return ""


class TestConsultationRuleViews(LedgerViewCases):
    ledger = ledgers.consultation_rule
    actor = "zhujian"  # the city's rules are written by a city office

    def make(self, in_scope: bool) -> models.Model:
        return ConsultationRule.objects.create(
            order=1000 + next(_serial), name="测试规则", decision="wet_only"
        )

    def create_data(self) -> dict[str, Any]:
        return {"order": "500", "name": "五级大风停止作业", "decision": "stopped", "wind_at_least": "8.0",
                "active": "on", "basis": "测试"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "receptor_downwind": "on"}, "receptor_within"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"order": str(obj.order), "name": "改名规则", "decision": "stopped", "aqi_at_least": "300"}  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.name  # type: ignore[attr-defined, no-any-return]

    def protect(self, obj: models.Model) -> None:
        ConsultationDecision.objects.create(
            site=demolition_site(), day=DAY, proposed="wet_only", decision="wet_only", rule=obj,
            proposed_at=timezone.now(),
        )  # fmt: skip


def test_the_seeded_rules_are_the_tested_defaults(db: Any) -> None:
    rules = [(r.decision, r.alert_at_least, r.aqi_at_least, r.wind_at_least, r.precipitation_below,
              r.receptor_within_m, r.receptor_downwind, r.station_within_m) for r in active_rules()]  # fmt: skip
    expected = [(r.decision, r.alert_at_least, r.aqi_at_least, r.wind_at_least, r.precipitation_below,
                 r.receptor_within_m, r.receptor_downwind, r.station_within_m) for r in DEFAULTS]  # fmt: skip
    assert rules == expected


@pytest.mark.django_db
def test_each_demolition_site_under_construction_gets_a_proposal_with_its_inputs() -> None:
    site = demolition_site()
    make_site(XIGUAN)  # building works, not demolition
    demolition_site(state=SiteState.SUSPENDED)  # not working
    school = receptor()
    # The wind from the north at 4 m/s blows towards the school 145 m south: stopped.
    WeatherForecast.objects.create(day=DAY, division=division("410302000000"), wind_speed=4.0, wind_direction=0,
                                   precipitation=0.0, alert="none")  # fmt: skip
    WeatherForecast.objects.create(day=DAY, division=division(CITY), wind_speed=1.0, wind_direction=180,
                                   precipitation=0.0)  # fmt: skip
    [decision] = propose_decisions(DAY)
    assert (decision.site, decision.proposed, decision.decision) == (site, "stopped", "stopped")
    assert decision.rule == ConsultationRule.objects.get(order=40)
    assert decision.confirmed_at is None
    recorded = decision.inputs
    assert recorded["forecast"]["wind_speed"] == 4.0 and recorded["forecast"]["wind_direction"] == 0
    [near] = recorded["receptors"]
    assert (near["id"], near["downwind"], near["bearing_deg"]) == (school.pk, True, 180)
    assert 140 <= near["distance_m"] <= 150
    assert recorded["aqi"] is None


@pytest.mark.django_db
def test_the_previous_days_aqi_of_the_county_stations_counts() -> None:
    site = demolition_site(longitude=Decimal("112.300000"), latitude=Decimal("34.900000"))
    station = ControlStation.objects.create(code="T-1", name="测试站", division=division("410302000000"),
                                            longitude=Decimal("112.300000"), latitude=Decimal("34.905000"))  # fmt: skip
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(DAY - dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    ControlReading.objects.bulk_create(
        ControlReading(station=station, hour=start + dt.timedelta(hours=h), pm10=400.0, pm25=100.0)
        for h in range(24)
    )
    [decision] = propose_decisions(DAY, sites=[site])
    # PM10 400 (HJ 633-2026, 350–420 µg/m³ ↔ IAQI 200–300): (400 − 350) / 70 × 100 + 200 = 271.4 → 272.
    assert decision.inputs["aqi"] == {"value": 272, "day": "2026-11-19", "stations": ["T-1"]}
    assert decision.inputs["station"]["distance_m"] == pytest.approx(556, abs=2)
    assert (decision.decision, decision.rule.order) == ("stopped", 30)


@pytest.mark.django_db
def test_a_confirmed_decision_stands_and_an_open_proposal_is_worked_out_again(users: Any) -> None:
    site = demolition_site()
    [first] = propose_decisions(DAY)
    assert first.decision == "allowed"
    forecast = WeatherForecast.objects.create(day=DAY, division=division(CITY), alert="orange")
    [again] = propose_decisions(DAY)
    assert (again.pk, again.decision) == (first.pk, "stopped")
    confirm_decision(again, users["laocheng"])
    forecast.alert = "none"
    forecast.save()
    [kept] = propose_decisions(DAY)
    assert (kept.decision, kept.confirmed_by) == ("stopped", users["laocheng"])
    assert ConsultationDecision.objects.filter(site=site).count() == 1


@pytest.mark.django_db
def test_an_override_needs_a_reason_and_is_recorded(users: Any) -> None:
    demolition_site()
    [decision] = propose_decisions(DAY)
    with pytest.raises(ValidationError):
        confirm_decision(decision, users["laocheng"], choice="stopped", reason="  ")
    decision.refresh_from_db()
    assert (decision.decision, decision.confirmed_at) == ("allowed", None)
    with pytest.raises(ValidationError):
        confirm_decision(decision, users["laocheng"], choice="maybe", reason="x")
    confirm_decision(decision, users["laocheng"], choice="stopped", reason="区里临时通知停工")
    decision.refresh_from_db()
    assert (decision.proposed, decision.decision, decision.override_reason) == (
        "allowed",
        "stopped",
        "区里临时通知停工",
    )
    assert decision.overridden and decision.confirmed_by == users["laocheng"]
    assert decision.history.count() == 2  # proposed, then confirmed


def test_the_board_confirms_and_the_history_lists(client_as: Any, users: Any) -> None:
    site = demolition_site()
    client = client_as("laocheng")
    page = client.get("/dust/consultation/", {"day": DAY.isoformat()})
    assert page.status_code == 200 and 'data-testid="propose"' in page.content.decode()
    client.post("/dust/consultation/propose/", {"day": DAY.isoformat()})
    decision = ConsultationDecision.objects.get(site=site, day=DAY)
    refused = client.post(f"/dust/consultation/{decision.pk}/confirm/", {f"{decision.pk}-decision": "stopped"},
                          follow=True)  # fmt: skip
    assert "改变建议的结论须说明理由" in refused.content.decode()
    decision.refresh_from_db()
    assert decision.confirmed_at is None
    client.post(f"/dust/consultation/{decision.pk}/confirm/", {f"{decision.pk}-decision": "allowed"})
    decision.refresh_from_db()
    assert decision.confirmed_by == users["laocheng"]
    board = client.get("/dust/consultation/", {"day": DAY.isoformat()}).content.decode()
    assert site.name in board and 'data-testid="confirmed"' in board
    history = client.get("/dust/consultation/history/", {"q": site.name[-4:]}).content.decode()
    assert site.get_absolute_url() in history
    # A read-only leader sees the board without the confirm form; a grid officer outside sees nothing.
    assert (
        "consultation/" + str(decision.pk)
        not in client_as("lingdao").get("/dust/consultation/", {"day": DAY.isoformat()}).content.decode()
    )
    assert client_as("lingdao").post(f"/dust/consultation/{decision.pk}/confirm/").status_code == 403
    assert (
        site.name
        not in client_as("wangge").get("/dust/consultation/", {"day": DAY.isoformat()}).content.decode()
    )


def test_the_sample_forecast_workbook_imports(users: Any) -> None:
    from pathlib import Path

    from heluo.core.services import transfer

    sample = Path(ledgers.__file__).parent / "data" / "sample_weather_forecasts.xlsx"
    summary = transfer.import_file(
        ledgers.weather_forecast, users["admin"], sample.name, sample.read_bytes(), apply=True
    )
    assert summary["written"], summary
    thirteenth = WeatherForecast.objects.get(day=dt.date(2026, 12, 13), division__code=CITY)
    assert (thirteenth.alert, thirteenth.wind_direction) == ("orange", 68)  # 东北偏东风: 67.5° → 68
    assert WeatherForecast.objects.filter(division__code="410324000000").count() == 7
    assert WeatherForecast.objects.count() == 22


def test_a_grid_officer_sees_the_decisions_of_their_grids_sites(client_as: Any, users: Any) -> None:
    from heluo.core.models import GridMembership

    grid = GridMembership.objects.filter(person=users["wangge"].account.person).first().grid
    theirs = demolition_site(grid=grid)  # in 老城区, outside the officer's street
    other = demolition_site()
    propose_decisions(DAY)
    board = client_as("wangge").get("/dust/consultation/", {"day": DAY.isoformat()}).content.decode()
    assert theirs.name in board and other.name not in board


def test_the_morning_task_proposes_today(db: Any) -> None:
    from heluo.dust.tasks import dust_propose_consultation

    site = demolition_site()
    assert dust_propose_consultation.call_local() == 1
    assert ConsultationDecision.objects.get(site=site).day == timezone.localdate()


def test_a_district_office_cannot_write_the_citys_rules(client_as: Any) -> None:
    data = {"order": "5", "name": "全部停工", "decision": "stopped", "active": "on"}
    response = client_as("laocheng").post(ledgers.consultation_rule.url("add"), data)
    assert (
        response.status_code == 400
        and "只有市级部门可以修改全市的研判规则和考核方案" in response.content.decode()
    )
    assert not ConsultationRule.objects.filter(order=5).exists()


def test_a_wind_direction_may_be_a_point_of_the_compass(client_as: Any) -> None:
    data = {"day": "2026-06-02", "division": division("410302000000").pk, "wind_speed": "2", "wind_direction": "东北风",
            "alert": "none"}  # fmt: skip
    response = client_as("laocheng").post(ledgers.weather_forecast.url("add"), data)
    assert response.status_code == 302, response.content.decode()[:500]
    assert WeatherForecast.objects.get(day=dt.date(2026, 6, 2)).wind_direction == 45
    refused = client_as("laocheng").post(
        ledgers.weather_forecast.url("add"), {**data, "wind_direction": "东北东北"}
    )
    assert refused.status_code == 400 and WeatherForecast.objects.count() == 1
