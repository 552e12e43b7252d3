"""The demo's 灰熊科技园 against the article: every figure of its paragraph read from the registry."""

from __future__ import annotations

from decimal import Decimal

import pytest

from heluo.core.figures import Period, Territory, render_sentence, value
from heluo.core.models import Division
from heluo.core.services.accounts import system_operator
from heluo.enterprise.parks.demo import load_demo
from heluo.enterprise.parks.models import Park, ParkEnterprise, QualificationAward

pytestmark = pytest.mark.django_db
ARTICLE = {
    "enterprises": 105,
    "qualified.high_tech": 4,
    "qualified.provincial_tech_sme": 14,
    "qualified.national_tech_sme": 11,
    "qualified.municipal_rd_centre": 1,
    "qualified.ip_strong": 1,
    "qualified.neeq_showcase": 7,
    "qualified.academician_workstation": 1,
    "qualified.heluo_talent_team": 1,
    "qualified.student_startup": 3,
    "ip_applications": 61,
    "incubating_revenue": Decimal(138_000_000),
    "incubating_rd_spend": Decimal(7_600_000),
}


@pytest.fixture
def laocheng() -> Territory:
    """Core's demo (the session's), then the park's: rolled back after each test."""
    load_demo(system_operator())
    return Territory.of(Division.objects.get(code="410302000000"))


def test_the_demo_park_publishes_the_articles_figures(laocheng: Territory) -> None:
    found = {key: value(f"enterprise.parks.{key}", laocheng, Period.year(2018)).number for key in ARTICLE}
    assert found == ARTICLE
    assert value("enterprise.parks.incubating_employees", laocheng, Period.year(2018)).number >= 800


def test_the_demo_park_is_the_articles_and_loads_once(laocheng: Territory) -> None:
    park = Park.objects.get(name="灰熊科技园")
    assert (park.land_area, park.floor_area, park.converted_from) == (
        Decimal(264),
        Decimal(43000),
        "洛阳起重机械厂",
    )
    assert park.enterprises.filter(enterprise__name="特富特电磁科技（洛阳）有限公司").exists()
    invented = park.enterprises.exclude(enterprise__name="特富特电磁科技（洛阳）有限公司")
    assert invented.count() == 104 and not invented.filter(enterprise__is_demo=False).exists()
    assert not ParkEnterprise.objects.filter(park=park, is_demo=False).exists()
    codes = [stay.enterprise.credit_code for stay in park.enterprises.select_related("enterprise")]
    assert len(set(codes)) == 105 and all(len(code) == 18 for code in codes)

    held = set(
        QualificationAward.objects.filter(enterprise__name="特富特电磁科技（洛阳）有限公司").values_list(
            "qualification__code", "obtained"
        )
    )
    assert held == {("high_tech", 2018), ("academician_workstation", 2018), ("heluo_talent_team", 2018)}
    sentence = render_sentence("enterprise.parks.summary", laocheng, Period.year(2018))
    assert sentence.startswith(
        "现有入园企业105家。其中,高新技术企业4家,河南省科技型中小企业14家,国家科技型中小企业11家,"
    )
    assert "院士工作站1个,“河洛英才”团队1个,大学生创业孵化企业3家等,知识产权申请数61件。" in sentence
    assert load_demo(system_operator()) == {}
