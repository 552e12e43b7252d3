"""The briefings' pages: the list and a briefing within the user's scope only (a district sees its own,
the militia roles none), the document, PDF and Word downloads, and "generate now" for those who may."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from heluo.core.models import Division
from heluo.dashboards.briefings import services
from heluo.dashboards.models import Briefing, BriefingState

from .test_briefings import LAOCHENG, WEEK_DAY, week  # noqa: F401  (the hand-made week)


@pytest.fixture
def briefing(week: Any) -> Briefing:  # noqa: F811
    made, _created = services.generate_briefing(Division.objects.get(code=LAOCHENG), "week", WEEK_DAY)
    return made


def test_the_district_and_the_city_see_the_districts_briefing(client_as: Any, briefing: Briefing) -> None:
    for username in ("laocheng", "lingdao"):
        client = client_as(username)
        assert briefing.title in client.get("/dashboards/briefings/").content.decode()
        page = client.get(briefing.get_absolute_url()).content.decode()
        assert "开展检查环比增长100%" in page and "扬尘治理考核排名" in page


def test_another_district_does_not_see_it_and_the_militia_roles_see_no_briefing(
    client_as: Any, briefing: Briefing
) -> None:
    luolong = client_as("luolong")
    assert briefing.title not in luolong.get("/dashboards/briefings/").content.decode()
    for url in ("", "document/", "pdf/", "word/"):
        assert luolong.get(f"{briefing.get_absolute_url()}{url}").status_code == 404, url
    assert client_as("wuzhuang").get("/dashboards/briefings/").status_code == 403
    assert client_as("wuzhuang").get(briefing.get_absolute_url()).status_code == 403


def test_the_document_prints_and_downloads(client_as: Any, briefing: Briefing) -> None:
    client = client_as("laocheng")
    page = client.get(f"{briefing.get_absolute_url()}document/").content.decode()
    assert "老城区工作周报" in page and "@page" in page
    pdf = client.get(f"{briefing.get_absolute_url()}pdf/")
    assert (
        pdf.status_code == 200
        and pdf["Content-Type"] == "application/pdf"
        and pdf.content.startswith(b"%PDF")
    )
    word = client.get(f"{briefing.get_absolute_url()}word/")
    assert word.status_code == 200 and "attachment" in word["Content-Disposition"]


def test_generate_now_is_for_those_who_may_add_and_makes_a_period_once(client_as: Any, week: Any) -> None:  # noqa: F811
    division = Division.objects.get(code=LAOCHENG)
    data = {"division": division.pk, "kind": "week", "day": WEEK_DAY.isoformat()}
    assert client_as("lingdao").post("/dashboards/briefings/generate/", data).status_code == 403
    assert "briefing-generate" not in client_as("lingdao").get("/dashboards/briefings/").content.decode()
    response = client_as("laocheng").post("/dashboards/briefings/generate/", data)
    made = Briefing.objects.get(division=division, kind="week", period_start=dt.date(2020, 3, 9))
    assert response.status_code == 302 and response["Location"] == made.get_absolute_url()
    assert made.state == BriefingState.SENT
    assert client_as("laocheng").post("/dashboards/briefings/generate/", data).status_code == 302
    assert Briefing.objects.filter(division=division).count() == 1


def test_generate_now_refuses_a_division_outside_the_scope_and_a_day_to_come(client_as: Any) -> None:
    outside = Division.objects.get(code="410311000000")  # 洛龙区
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    client = client_as("laocheng")
    data = {"division": outside.pk, "kind": "week", "day": WEEK_DAY.isoformat()}
    assert client.post("/dashboards/briefings/generate/", data).status_code == 400
    data = {"division": Division.objects.get(code=LAOCHENG).pk, "kind": "month", "day": tomorrow.isoformat()}
    assert client.post("/dashboards/briefings/generate/", data).status_code == 400
    assert not Briefing.objects.exists()
