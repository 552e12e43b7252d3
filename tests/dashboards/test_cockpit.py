"""The cockpit: each panel's numbers are the figures registry's (or the module function's behind them) on
hand-made rows; a user's cockpit holds only their territory and the panels their roles cover — militia
only for the roles that name it, on the page and in its JSON alike; the wall mode."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest

from heluo.cases.services import transitions as act
from heluo.core.figures import Period, Territory, value
from heluo.core.models import Division
from heluo.dashboards.cockpit import panels
from heluo.dashboards.cockpit.panels import PANELS, Selection
from tests.cases.conftest import DINGDINGMEN, XIGUAN, community_unit, local, make_case, officer_account

__all__ = ["community_unit", "make_case", "officer_account"]  # fixtures used through their names

NOVEMBER = Period.month(2026, 11)
MON = "2026-11-02 10:00"  # five working days → due 24:00 on Monday 9 November
LUOLONG, LAOCHENG = "410311000000", "410302000000"


def city_selection(user: Any, period: Period = NOVEMBER) -> Selection:
    city = Division.objects.get(code="410300000000")
    children = tuple(Division.objects.filter(parent=city, valid_to__isnull=True).order_by("code"))
    return Selection(user, city, Territory.of(city), children, period, period.end)


@pytest.fixture
def cases(make_case: Any, users: dict[str, Any]) -> None:
    """In 洛龙区 (定鼎门社区), by hand: one closed on time, one closed late, one open and overdue →
    closed 2, on time 1, rate 50.0 %, open overdue 1. In 老城区 (西关街道): one closed on time → 100.0 %."""
    boss, officer = users["duban"], users["wangge"]

    def reply_close(case: Any, replied: str, closed: str) -> None:
        act.close_case(boss, act.reply_case(officer, case, note="已办", at=local(replied)), at=local(closed))

    reply_close(make_case("in_progress", at=local(MON)), "2026-11-05 10:00", "2026-11-06 10:00")
    reply_close(make_case("in_progress", at=local(MON)), "2026-11-12 09:00", "2026-11-12 10:00")
    make_case("in_progress", at=local(MON))
    reply_close(
        make_case("in_progress", at=local(MON), division=XIGUAN), "2026-11-04 10:00", "2026-11-05 10:00"
    )


def _row(data: dict[str, Any], code: str) -> dict[str, Any]:
    return next(row for row in data["divisions"] if row["code"] == code)


def test_supervision_by_division_holds_the_hand_count_and_the_registrys_values(
    cases: None, users: dict[str, Any]
) -> None:
    data = panels.supervision(city_selection(users["lingdao"]))
    luolong = _row(data, LUOLONG)
    assert (luolong["rate"], luolong["overdue"], luolong["closed"]) == (50.0, 1, 2)
    assert _row(data, LAOCHENG)["rate"] == 100.0
    for code in (LUOLONG, LAOCHENG):
        territory = Territory.of(Division.objects.get(code=code))
        assert _row(data, code)["rate"] == float(value("cases.on_time_rate", territory, NOVEMBER).number)
        assert _row(data, code)["overdue"] == value("cases.open_overdue", territory, NOVEMBER).number
    city = Territory.of(Division.objects.get(code="410300000000"))
    for key in ("cases.received", "cases.closed", "cases.on_time_rate", "cases.open_overdue"):
        assert data["figures"][key]["text"] == value(key, city, NOVEMBER).text
    assert data["figures"]["cases.on_time_rate"]["text"] == "66.7%"  # 2 of 3 closed on time


def test_a_panels_data_is_kept_for_its_user_for_a_while_and_counted_again_after(
    cases: None, users: dict[str, Any], make_case: Any, settings: Any
) -> None:
    settings.HELUO_COCKPIT_CACHE_SECONDS = 60
    supervision = [panel for panel in PANELS if panel.key == "supervision"]
    first, at = panels.panel_data(supervision, city_selection(users["lingdao"]))
    make_case("in_progress", at=local(MON))  # a second open, overdue case in 洛龙区
    assert panels.panel_data(supervision, city_selection(users["lingdao"])) == (first, at)
    assert _row(first["supervision"], LUOLONG)["overdue"] == 1
    other, _at = panels.panel_data(supervision, city_selection(users["admin"]))
    assert _row(other["supervision"], LUOLONG)["overdue"] == 2
    settings.HELUO_COCKPIT_CACHE_SECONDS = 0
    panels.cache.clear()
    again, later = panels.panel_data(supervision, city_selection(users["lingdao"]))
    assert _row(again["supervision"], LUOLONG)["overdue"] == 2 and later >= at


def test_every_panels_figures_are_the_registrys(users: dict[str, Any]) -> None:
    """Whatever the demo holds, a panel's figure reads as core's figures registry reads it."""
    selection = city_selection(users["junfenqu"], Period.year(2026))
    selection_leader = city_selection(users["lingdao"], Period.year(2026))
    for panel in PANELS:
        data = panel.build(selection if panel.key == "militia" else selection_leader)
        for key, item in data["figures"].items():
            period = Period.year(2026)
            assert item["text"] == value(key, selection.territory, period).text, key


def test_party_breakdown_is_the_registrys_per_division(users: dict[str, Any]) -> None:
    selection = city_selection(users["lingdao"], Period.year(2026))
    data = panels.party(selection)
    for row, child in zip(data["divisions"], selection.children, strict=True):
        expected = value("party.meeting_compliance", Territory.of(child), selection.period).number
        assert row["rate"] == (float(expected) if isinstance(expected, Decimal) else expected)


# --- who sees what ------------------------------------------------------------------------------


def _data(client: Any, query: str = "") -> dict[str, Any]:
    response = client.get(f"/dashboards/cockpit/data/{query}")
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_city_leader_sees_every_panel_but_the_militia(client_as: Any) -> None:
    client = client_as("lingdao")
    response = client.get("/dashboards/cockpit/")
    page = response.content.decode()
    assert response.status_code == 200 and 'data-page="cockpit"' in page
    assert set(_data(client)["panels"]) == {"supervision", "air", "dust", "party", "studyrooms", "enterprise"}
    assert 'data-panel="militia"' not in page and "militia." not in page


@pytest.mark.parametrize("username", ["lingdao", "admin", "zhujian", "luolong"])
def test_no_militia_panel_or_figure_for_roles_that_do_not_name_it(client_as: Any, username: str) -> None:
    client = client_as(username)
    assert "militia" not in _data(client)["panels"]
    assert b"militia." not in client.get("/dashboards/cockpit/data/").content
    assert b'data-panel="militia"' not in client.get("/dashboards/cockpit/").content


def test_the_militia_officer_sees_the_militia_aggregates_only(client_as: Any) -> None:
    data = _data(client_as("junfenqu"))
    assert set(data["panels"]) == {"militia", "supervision"}  # the officer handles the module's cases
    assert set(data["panels"]["militia"]) == {"figures", "floor"}
    assert set(data["panels"]["militia"]["figures"]) == {
        "militia.primary_strength", "militia.new_type_share", "militia.targets_met", "militia.muster_turnout"
    }  # fmt: skip


def test_a_district_users_cockpit_holds_only_their_district(client_as: Any, cases: None) -> None:
    client = client_as("luolong")
    page = client.get("/dashboards/cockpit/").content.decode()
    assert "洛龙区" in page
    data = _data(client)["panels"]
    luolong = Division.objects.get(code=LUOLONG)
    streets = set(
        Division.objects.filter(parent=luolong, valid_to__isnull=True).values_list("code", flat=True)
    )
    assert {row["code"] for row in data["supervision"]["divisions"]} <= streets
    assert {row["code"] for row in data["party"]["divisions"]} <= streets if "party" in data else True
    assert data["air"]["county"] == "410311"
    assert {row["name"] for row in data["dust"]["ranking"]} <= {"洛龙区"}
    territory = Territory.of(luolong)
    period = panels.period_to_date("year")
    assert (
        data["supervision"]["figures"]["cases.received"]["text"]
        == value("cases.received", territory, period).text
    )


def test_a_district_user_cannot_open_another_district_or_the_city(client_as: Any) -> None:
    client = client_as("luolong")
    assert client.get(f"/dashboards/cockpit/?division={LAOCHENG}").status_code == 404
    assert client.get("/dashboards/cockpit/data/?division=410300000000").status_code == 404
    assert client.get(f"/dashboards/cockpit/?division={DINGDINGMEN[:9]}000").status_code == 200


def test_a_city_user_picks_a_district_and_the_picker_offers_the_districts(client_as: Any) -> None:
    client = client_as("lingdao")
    page = client.get("/dashboards/cockpit/").content.decode()
    assert f'value="{LAOCHENG}"' in page and f'value="{LUOLONG}"' in page
    assert 'value="410311002000"' not in page  # streets come one level down, once a district is open
    data = _data(client, f"?division={LAOCHENG}")["panels"]
    assert data["air"]["county"] == "410302"
    laocheng = set(
        Division.objects.filter(parent__code=LAOCHENG, valid_to__isnull=True).values_list("code", flat=True)
    )
    assert {row["code"] for row in data["supervision"]["divisions"]} <= laocheng


def test_each_panel_links_to_the_list_behind_it(client_as: Any) -> None:
    page = client_as("lingdao").get("/dashboards/cockpit/").content.decode()
    for url in ("/cases/statistics/", "/monitoring/live/", "/party/", "/studyrooms/plans/progress/"):
        assert f'href="{url}' in page, url


def test_a_user_without_any_panel_gets_an_empty_cockpit(client_as: Any) -> None:
    response = client_as("dingdingmen").get("/dashboards/cockpit/")
    assert response.status_code == 200
    data = _data(client_as("dingdingmen"))["panels"]
    assert set(data) <= {"supervision"}


# --- the wall -----------------------------------------------------------------------------------


def test_the_wall_has_no_sidebar_layout_and_takes_its_intervals_from_the_query(client_as: Any) -> None:
    client = client_as("lingdao")
    page = client.get("/dashboards/cockpit/wall/?rotate=3&refresh=60").content.decode()
    assert 'data-wall="1"' in page and 'data-rotate="3"' in page and 'data-refresh="60"' in page
    assert "data-fullscreen" in page
    assert 'data-wall="1"' in client.get("/dashboards/cockpit/?wall=1").content.decode()
    page = client.get("/dashboards/cockpit/?rotate=nonsense").content.decode()
    assert f'data-rotate="{20}"' in page and 'data-wall="0"' in page


def test_the_period_picker_switches_to_the_month(client_as: Any) -> None:
    page = client_as("lingdao").get("/dashboards/cockpit/?period=month").content.decode()
    today = dt.date.today()
    assert f"{today.year}年{today.month}月1日" in page


def test_the_air_panels_days_are_the_registrys_alarms_and_the_rollups_mean(users: dict[str, Any]) -> None:
    """Three alarms on two days in 洛龙区 (one at 23:30 Beijing time, which is that day's, not the next),
    one in 老城区; a monitor's daily AQI of 80 and 120 on one day → mean 100."""
    from heluo.monitoring.models import Alarm, AlarmRule, DailyValue, Monitor, MonitoringPoint

    today = dt.date(2026, 11, 30)
    rule = AlarmRule.objects.filter(active=True).order_by("pk").first()
    monitors = []
    for n, code in enumerate(("410311002000", "410311002000", "410302001000")):
        point = MonitoringPoint.objects.create(
            name=f"测试点{n}", division=Division.objects.get(code=code), longitude=Decimal("112.45"),
            latitude=Decimal("34.62"),
        )  # fmt: skip
        monitors.append(Monitor.objects.create(mn=f"TESTCOCKPIT{n}", pw="123456", point=point))
    for monitor, moment in ((monitors[0], "2026-11-20 23:30"), (monitors[1], "2026-11-20 08:00"),
                            (monitors[0], "2026-11-28 10:00"), (monitors[2], "2026-11-28 10:00")):  # fmt: skip
        Alarm.objects.create(rule=rule, point=monitor.point, monitor=monitor, raised_at=local(moment),
                             last_breach_at=local(moment), state="cleared", open=False,
                             cleared_at=local(moment))  # fmt: skip
    for monitor, aqi in ((monitors[0], 80), (monitors[1], 120)):
        DailyValue.objects.create(
            monitor=monitor, day=dt.date(2026, 11, 28), aqi=aqi, level=2, updated_at=local(MON)
        )
    luolong = Division.objects.get(code=LUOLONG)
    children = tuple(Division.objects.filter(parent=luolong, valid_to__isnull=True))
    selection = Selection(users["lingdao"], luolong, Territory.of(luolong), children, NOVEMBER, today)
    data = panels.air(selection)
    counts = {row["day"]: row["count"] for row in data["alarms"]}
    assert len(counts) == panels.AIR_DAYS and counts["2026-11-20"] == 2 and counts["2026-11-28"] == 1
    for day, count in counts.items():
        assert (
            count
            == value(
                "monitoring.alarms_raised", selection.territory, Period.day(dt.date.fromisoformat(day))
            ).number
        )
    mean = {row["day"]: row["mean"] for row in data["days"]}
    assert mean["2026-11-28"] == 100 and mean["2026-11-27"] is None
    assert {point[5] for point in data["points"]} == {"TESTCOCKPIT0", "TESTCOCKPIT1"}


def test_the_enterprise_panel_ends_at_the_ledgers_last_year(users: dict[str, Any]) -> None:
    """A ledger kept until 2019 shows 2015–2019 and 2019's projects, not five empty years up to today."""
    from heluo.enterprise.cooperation import rules
    from tests.enterprise.cooperation import factories

    made = factories.project(total=2 * factories.YI, entry_year=2018)
    factories.progress(made, 2018, rules.CONTINUING, None)
    factories.progress(made, 2019, rules.COMPLETED, 2 * factories.YI)
    data = panels.enterprise(city_selection(users["lingdao"], Period.year(2026)))
    assert [row["year"] for row in data["years"]] == [2015, 2016, 2017, 2018, 2019]
    assert (
        data["years"][-1]["completed_text"]
        == value("enterprise.cooperation.completed_investment", Territory.city(), Period.year(2019)).text
    )
    projects = data["figures"]["enterprise.cooperation.projects"]
    assert projects["number"] == 1 and projects["label"].endswith("（2019）")
