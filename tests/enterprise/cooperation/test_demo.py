"""The whole demo (core's, then the enterprise module's) gives the article's cooperation figures, read
from the figures registry."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from heluo.core.figures import Period, Territory, value
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
