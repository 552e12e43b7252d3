"""Policy briefings: the ledgers through the generic checks (pages, API, Excel round trip), a policy's
department among the briefing's, and the demo's figures from the registry."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import models

from heluo.core.figures import Period, Territory, render_sentence, value
from heluo.core.models import Division, Unit
from heluo.core.services.accounts import system_operator
from heluo.enterprise.briefings import demo, ledgers
from heluo.enterprise.briefings.models import Briefing, BriefingPolicy
from tests.core.ledger_cases import LedgerViewCases

LAOCHENG = "410302000000"
XIGUAN = "410302001000"  # 西关街道, 老城区 (the actor laocheng's district)
KAIYUAN = "410311002000"  # 开元路街道, 洛龙区 (outside it)


def division(code: str) -> Division:
    return Division.objects.get(code=code)


def department(name: str = "老城区科学技术局") -> Unit:
    return Unit.objects.get(name=name)


def enterprise(name: str = "特富特电磁科技（洛阳）有限公司") -> Unit:
    return Unit.objects.get(name=name)


def make_briefing(code: str = XIGUAN, title: str = "科技政策解读会") -> Briefing:
    briefing = Briefing.objects.create(
        date=dt.date(2019, 5, 10), title=title, place="区政府会议室", division=division(code),
        organiser=Unit.objects.get(name="洛阳市老城区人民政府"),
    )  # fmt: skip
    briefing.departments.set([department()])
    briefing.enterprises.set([enterprise()])
    return briefing


class TestBriefingViews(LedgerViewCases):
    ledger = ledgers.briefing

    def make(self, in_scope: bool) -> models.Model:
        return make_briefing(
            XIGUAN if in_scope else KAIYUAN, "科技政策解读会" if in_scope else "金融政策解读会"
        )

    def create_data(self) -> dict[str, Any]:
        return {
            "date": "2019-06-12", "title": "工业企业政策解读会", "place": "西关街道会议室",
            "division": division(XIGUAN).pk, "organiser": Unit.objects.get(name="洛阳市老城区人民政府").pk,
            "departments": [department("老城区商务和工业信息化局").pk],
            "enterprises": [enterprise().pk, enterprise("洛阳古都发展集团有限公司").pk],
        }  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "departments": []}, "departments"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {**self.create_data(), "title": obj.title, "division": obj.division_id, "place": "区会议中心"}  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.title  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        BriefingPolicy.objects.create(briefing=obj, title="研发费用加计扣除", department=department())


class TestBriefingPolicyViews(LedgerViewCases):
    ledger = ledgers.briefing_policy

    def make(self, in_scope: bool) -> models.Model:
        briefing = make_briefing(
            XIGUAN if in_scope else KAIYUAN, "科技政策解读会" if in_scope else "金融政策解读会"
        )
        return BriefingPolicy.objects.create(
            briefing=briefing, title="高新技术企业认定" if in_scope else "贷款贴息", department=department()
        )

    def create_data(self) -> dict[str, Any]:
        return {"briefing": make_briefing().pk, "title": "科技型中小企业评价", "department": department().pk,
                "document_number": "洛科〔2019〕12号"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "department": department("老城区金融工作局").pk}, "department"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"briefing": obj.briefing_id, "title": obj.title, "department": department().pk,  # type: ignore[attr-defined]
                "summary": "申报条件与奖补标准"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.title  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_an_enterprise_is_not_taken_as_an_explaining_department(client_as: Any) -> None:
    data = TestBriefingViews().create_data()
    data["departments"] = [enterprise().pk]
    response = client_as("laocheng").post(ledgers.briefing.url("add"), data)
    assert response.status_code == 400 and response.context["form"].errors["departments"]
    assert not Briefing.objects.filter(title=data["title"]).exists()


@pytest.mark.django_db
def test_the_briefing_page_lists_its_policies(client_as: Any) -> None:
    briefing = make_briefing()
    BriefingPolicy.objects.create(briefing=briefing, title="研发费用加计扣除", department=department())
    page = client_as("laocheng").get(briefing.get_absolute_url()).content.decode()
    assert "研发费用加计扣除" in page and 'data-testid="briefing-policies"' in page


@pytest.mark.django_db
def test_the_demo_figures_come_from_the_registry() -> None:
    operator = system_operator()
    demo.load_demo(operator)
    meeting = Briefing.objects.get(title="全区重点企业座谈会", is_demo=True)
    assert set(meeting.departments.values_list("name", flat=True)) == {
        "老城区发展和改革委员会", "老城区商务和工业信息化局", "老城区科学技术局", "老城区金融工作局",
    }  # fmt: skip
    laocheng, year = Territory.of(division(LAOCHENG)), Period.year(2019)
    assert value("enterprise.briefings.held", laocheng, year).number == 2
    # The financing briefing's three enterprises came to the forum too: each is counted once.
    assert value("enterprise.briefings.enterprises", laocheng, year).number == 5
    assert value("enterprise.briefings.policies", laocheng, year).number == 9
    assert value("enterprise.briefings.held", laocheng, Period.year(2018)).number == 0
    assert value("enterprise.briefings.held", Territory.of(division("410311000000")), year).number == 0
    assert render_sentence("enterprise.briefings.summary", laocheng, year).startswith(
        "2019年,召开惠企政策解读会"
    )
    assert demo.load_demo(operator) == {}


@pytest.mark.django_db
def test_the_summary_page_shows_the_registry_figures_and_refuses_a_bad_year(client_as: Any) -> None:
    demo.load_demo(system_operator())
    page = client_as("laocheng").get("/enterprise/briefings/summary/", {"year": 2019})
    assert page.status_code == 200
    assert 'data-testid="figure-enterprise.briefings.enterprises">5家<' in page.content.decode()
    assert page.context["sentence"].startswith("2019年,召开惠企政策解读会2场")
    assert client_as("laocheng").get("/enterprise/briefings/summary/", {"year": "x"}).status_code == 400
    assert client_as("wuzhuang").get("/enterprise/briefings/summary/").status_code == 403
