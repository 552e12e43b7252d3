""" "5个1" major projects: the ledgers through the generic checks, a slipped milestone opening one case
(and no second), the case's closing recording the milestone done, the plan chart, and the demo's
figures from the registry."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.db import models
from django.utils import timezone

from heluo.cases.models import Case, State
from heluo.cases.services import transitions
from heluo.core.figures import Period, Territory, render_sentence, value
from heluo.core.models import Division, Person, Unit
from heluo.core.services.accounts import system_operator
from heluo.enterprise.major import demo, ledgers
from heluo.enterprise.major.models import MajorProject, Milestone
from heluo.enterprise.major.services import SOURCE_KIND, open_slipped_milestone_cases
from heluo.enterprise.major.views import plan_chart
from tests.core.ledger_cases import LedgerViewCases

LAOCHENG = "410302000000"
XIGUAN = "410302001000"  # 西关街道, 老城区 (the actor laocheng's district)
KAIYUAN = "410311002000"  # 开元路街道, 洛龙区 (outside it)


def division(code: str) -> Division:
    return Division.objects.get(code=code)


def leader(code: str = LAOCHENG) -> Person:
    return Person.objects.get_or_create(
        name="测试分包领导", division=division(code), defaults={"position": "副区长"}
    )[0]


def unit(code: str = LAOCHENG) -> Unit:
    if code == LAOCHENG:
        return Unit.objects.get(name="老城区发展和改革委员会")
    return Unit.objects.filter(
        division__path__startswith=division(code).path[:6]
    ).first() or Unit.objects.get(name="洛阳市住房和城乡建设局")


def make_project(code: str = XIGUAN, name: str = "测试重大项目", **fields: Any) -> MajorProject:
    values = {
        "division": division(code), "investment": Decimal("100000000"), "leader": leader(code[:6] + "000000"),
        "responsible_unit": unit(LAOCHENG if code.startswith("410302") else code), "start_date": dt.date(2019, 1, 1),
        **fields,
    }  # fmt: skip
    return MajorProject.objects.create(name=name, **values)


def make_milestone(
    project: MajorProject, planned: dt.date, actual: dt.date | None = None, **fields: Any
) -> Milestone:
    return Milestone.objects.create(
        project=project, title=fields.pop("title", "主体完工"), planned_date=planned, actual_date=actual,
        owner_unit=project.responsible_unit, **fields,
    )  # fmt: skip


class TestMajorProjectViews(LedgerViewCases):
    ledger = ledgers.major_project

    def make(self, in_scope: bool) -> models.Model:
        return make_project(XIGUAN if in_scope else KAIYUAN, name="物流中心" if in_scope else "产业园")

    def create_data(self) -> dict[str, Any]:
        return {
            "name": "新建冷链物流项目", "division": division(XIGUAN).pk, "investment": "250000000",
            "floor_area": "12000", "jobs": "300", "content": "冷库与分拨中心", "leader": leader().pk,
            "responsible_unit": unit().pk, "state": "under_construction", "start_date": "2019-03-01",
            "end_date": "2020-12-31",
        }  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "end_date": "2018-12-31"}, "end_date"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {**self.create_data(), "name": obj.name, "division": obj.division_id, "state": "in_operation"}  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.name  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        make_milestone(obj, dt.date(2019, 6, 30))  # type: ignore[arg-type]


class TestMilestoneViews(LedgerViewCases):
    ledger = ledgers.milestone

    def make(self, in_scope: bool) -> models.Model:
        project = make_project(XIGUAN if in_scope else KAIYUAN, name="物流中心" if in_scope else "产业园")
        return make_milestone(project, dt.date(2019, 6, 30), title="主体封顶" if in_scope else "设备安装")

    def create_data(self) -> dict[str, Any]:
        return {
            "project": make_project().pk, "order": "2", "title": "设备安装调试", "done_means": "联调通过",
            "planned_date": "2019-09-30", "owner_unit": unit().pk, "owner_person": leader().pk,
            "actual_date": "2019-09-28",
        }  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "owner_unit": "", "owner_person": ""}, "owner_unit"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "project": obj.project_id, "order": "1", "title": obj.title, "planned_date": "2019-07-31",  # type: ignore[attr-defined]
            "owner_unit": unit().pk,
        }  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.title  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_a_milestone_done_in_the_future_is_refused(client_as: Any) -> None:
    project = make_project()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    data = {"project": project.pk, "order": "1", "title": "投产", "planned_date": "2019-09-30",
            "owner_unit": unit().pk, "actual_date": tomorrow.isoformat()}  # fmt: skip
    response = client_as("laocheng").post(ledgers.milestone.url("add"), data)
    assert response.status_code == 400 and response.context["form"].errors["actual_date"]
    assert not Milestone.objects.filter(project=project).exists()


@pytest.mark.django_db
def test_a_slipped_milestone_opens_one_case_with_the_responsible_unit_and_a_second_scan_none() -> None:
    today = timezone.localdate()
    project = make_project()
    slipped = make_milestone(project, today - dt.timedelta(days=3), title="主体封顶")
    make_milestone(project, today - dt.timedelta(days=30), today - dt.timedelta(days=31), title="立项")
    make_milestone(project, today - dt.timedelta(days=20), today - dt.timedelta(days=2), title="规划")
    make_milestone(project, today, title="今日到期")
    make_milestone(project, today + dt.timedelta(days=10), title="设备安装")

    assert open_slipped_milestone_cases() == 1
    slipped.refresh_from_db()
    case = slipped.case
    assert case is not None and case.source == slipped and case.source_kind == SOURCE_KIND
    assert case.division == project.division and case.time_limit_days == 5
    assert (
        Case.objects.filter(source_kind=SOURCE_KIND, source_id__in=project.milestones.values("pk")).count()
        == 1
    )

    assert open_slipped_milestone_cases() == 0
    assert (
        Case.objects.filter(source_kind=SOURCE_KIND, source_id__in=project.milestones.values("pk")).count()
        == 1
    )


@pytest.mark.django_db
def test_the_case_of_a_slipped_milestone_goes_to_the_responsible_unit_when_a_handler_has_an_account(
    users: dict[str, Any],
) -> None:
    handler = users["laocheng"].account
    owner = Person.objects.create(name="项目专员", division=division(LAOCHENG), unit=unit())
    handler.person = owner
    handler.save()
    project = make_project()
    milestone = make_milestone(project, timezone.localdate() - dt.timedelta(days=1), owner_person=owner)
    open_slipped_milestone_cases()
    milestone.refresh_from_db()
    case = milestone.case
    assert case.state == State.ASSIGNED and case.responsible_unit == project.responsible_unit
    assert case.handler == handler and case.due_at is not None


@pytest.mark.django_db
def test_closing_the_case_records_the_milestone_done_on_the_closing_day(users: dict[str, Any]) -> None:
    handler = users["laocheng"].account
    owner = Person.objects.create(name="项目专员", division=division(LAOCHENG), unit=unit())
    handler.person = owner
    handler.save()
    milestone = make_milestone(
        make_project(), timezone.localdate() - dt.timedelta(days=1), owner_person=owner
    )
    open_slipped_milestone_cases()
    milestone.refresh_from_db()
    case = transitions.reply_case(users["laocheng"], milestone.case, note="已完成封顶")
    case = transitions.close_case(users["duban"], case, note="核实完成")
    assert case.state == State.CLOSED
    milestone.refresh_from_db()
    assert milestone.actual_date == timezone.localdate(case.closed_at)
    assert open_slipped_milestone_cases() == 0


@pytest.mark.django_db
def test_the_plan_chart_sets_planned_against_actual_bars_and_today() -> None:
    project = make_project(start_date=dt.date(2019, 1, 1))
    make_milestone(project, dt.date(2019, 3, 31), dt.date(2019, 3, 20), title="签约", order=1)
    make_milestone(project, dt.date(2019, 6, 30), dt.date(2019, 8, 15), title="封顶", order=2)
    make_milestone(project, dt.date(2019, 9, 30), title="投产", order=3)
    chart = plan_chart(project, list(project.milestones.all()), dt.date(2019, 10, 10))
    assert [row["title"] for row in chart["rows"]] == ["签约", "封顶", "投产"]
    assert chart["rows"][0]["planned"] == ["2019-01-01", "2019-03-31"]
    assert chart["rows"][0]["actual"] == ["2019-01-01", "2019-03-20"]
    assert chart["rows"][1]["planned"] == ["2019-03-31", "2019-06-30"]
    assert chart["rows"][1]["actual"] == ["2019-03-20", "2019-08-15"]
    assert chart["rows"][2]["actual"] == ["2019-08-15", "2019-10-10"] and chart["rows"][2]["running"]
    assert [row["state"] for row in chart["rows"]] == ["on_time", "late", "slipped"]
    assert chart["today"] == "2019-10-10"


@pytest.mark.django_db
def test_the_project_page_shows_the_chart_and_the_milestones_with_their_cases(client_as: Any) -> None:
    project = make_project()
    milestone = make_milestone(project, timezone.localdate() - dt.timedelta(days=2), title="主体封顶")
    open_slipped_milestone_cases()
    milestone.refresh_from_db()
    page = client_as("laocheng").get(project.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    chart = json.loads(page.context["chart"])
    assert chart["rows"][0]["state"] == "slipped" and 'id="plan-chart"' in html
    assert milestone.case.number in html and "plan_chart.js" in html


@pytest.mark.django_db
def test_the_demo_figures_come_from_the_registry() -> None:
    operator = system_operator()
    demo.load_demo(operator)
    laocheng = Territory.of(division(LAOCHENG))
    year = Period.year(2019)
    assert value("enterprise.major.projects", laocheng, year).number == 5
    assert value("enterprise.major.investment", laocheng, year).number == Decimal("3100000000")
    assert value("enterprise.major.milestones_on_time", laocheng, year).number == 7
    assert value("enterprise.major.milestones_slipped", laocheng, year).number == 2
    assert value("enterprise.major.open_cases", laocheng, year).number == 0
    postal = MajorProject.objects.get(name="中国邮政快递物流中心项目", is_demo=True)
    assert postal.investment == Decimal("100000000") and postal.floor_area == Decimal("8480")
    assert MajorProject.objects.get(name="天心文化产业园项目", is_demo=True).jobs == 5000
    assert MajorProject.objects.get(name="牡丹小镇项目", is_demo=True).investment == Decimal("3000000000")
    today = timezone.localdate()
    recent = Period(today - dt.timedelta(days=60), today)
    assert value("enterprise.major.milestones_slipped", laocheng, recent).number == 1
    assert value("enterprise.major.open_cases", laocheng, recent).number == 1
    slipped = Milestone.objects.get(project__name="天心文化产业园项目", title="二期招商签约", is_demo=True)
    assert slipped.case is not None and slipped.case.source_kind == SOURCE_KIND
    assert value("enterprise.major.investment", laocheng, year).text == "31亿元"
    assert render_sentence("enterprise.major.summary", laocheng, year) == (
        "2019年,纳入“5个1”工作推进机制的重大项目5个,总投资31亿元;推进计划节点按期完成7个,滞后2个,正在督办0件。"
    )
    for plan in MajorProject.objects.filter(is_demo=True):
        assert (
            3 <= plan.milestones.count() <= 6 and plan.milestones.filter(actual_date__isnull=False).exists()
        )
    assert demo.load_demo(operator) == {}


@pytest.mark.django_db
def test_the_summary_page_shows_the_registry_figures_and_the_sentence(client_as: Any) -> None:
    demo.load_demo(system_operator())
    page = client_as("laocheng").get("/enterprise/majorprojects/summary/", {"year": 2019})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="figure-enterprise.major.investment">31亿元<' in html
    sentence = render_sentence(
        "enterprise.major.summary", Territory.of(division(LAOCHENG)), Period.year(2019)
    )
    assert page.context["sentence"] == sentence and 'data-testid="copy-text"' in html


@pytest.mark.django_db
def test_the_summary_page_refuses_a_bad_year_and_a_user_without_the_module(client_as: Any) -> None:
    page = client_as("laocheng").get("/enterprise/majorprojects/summary/", {"year": "19"})
    assert page.status_code == 400 and 'data-testid="error-year"' in page.content.decode()
    assert client_as("wuzhuang").get("/enterprise/majorprojects/summary/").status_code == 403
