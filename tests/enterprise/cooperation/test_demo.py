"""The whole demo (core's, then the enterprise module's) gives the article's cooperation figures, read
from the figures registry."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from heluo.core.figures import Period, Territory, render_sentence, value
from heluo.core.models import Division
from heluo.core.services.accounts import system_operator
from heluo.enterprise import demo as enterprise_demo
from heluo.enterprise.cooperation import figures
from heluo.enterprise.cooperation.models import CooperationProgress, CooperationProject

YI = 100_000_000

# year: (projects, total investment, completed, completed investment, continuing)
ARTICLE = {
    2016: (6, Decimal("17.1") * YI, 6, None, 0),
    2017: (13, Decimal("33.1") * YI, 12, Decimal("30.1") * YI, 1),
    2018: (12, Decimal("21.35") * YI, 9, Decimal("11.85") * YI, 3),
    2019: (7, Decimal("76.5") * YI, None, None, None),
}
KEYS = (
    figures.PROJECTS,
    figures.TOTAL_INVESTMENT,
    figures.COMPLETED,
    figures.COMPLETED_INVESTMENT,
    figures.CONTINUING,
)


@pytest.mark.django_db
def test_the_demo_gives_the_articles_cooperation_figures_from_the_registry() -> None:
    operator = system_operator()
    enterprise_demo.load_demo(operator)
    laocheng = Territory.of(Division.objects.get(code="410302000000"))
    for year, expected in ARTICLE.items():
        for key, number in zip(KEYS, expected, strict=True):
            if number is not None:
                assert value(key, laocheng, Period.year(year)).number == number, (year, key)
    # 2017's continuing project is in 2018's ledger too: one project, a row in each year.
    carried = CooperationProject.objects.filter(progress__year=2017).filter(progress__year=2018)
    assert carried.count() == 1
    assert CooperationProgress.objects.filter(is_demo=False).count() == 0
    assert not CooperationProject.objects.filter(is_demo=True, notes="").exists()
    assert enterprise_demo.load_demo(operator) == Counter()


@pytest.mark.django_db
def test_the_demo_writes_its_years_as_the_article_does() -> None:
    enterprise_demo.load_demo(system_operator())
    laocheng = Territory.of(Division.objects.get(code="410302000000"))
    assert render_sentence(figures.YEAR, laocheng, Period.year(2018)) == (
        "2018年,老城区纳入全市地企合作工作台账项目12个,总投资21.35亿元,目前完工9个,完成投资11.85亿元,继续实施项目3个。"
    )
    assert render_sentence(figures.YEAR, laocheng, Period.year(2016)) == (
        "2016年,老城区纳入全市地企合作工作台账项目6个,总投资17.1亿元,已全部完工。"
    )
    assert (
        render_sentence(figures.YEAR, laocheng, Period.year(2015))
        == "2015年,老城区没有纳入全市地企合作工作台账的项目。"
    )
    assert value(figures.TOTAL_INVESTMENT, laocheng, Period.year(2019)).text == "76.5亿元"
