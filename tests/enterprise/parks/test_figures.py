"""The park summary counted from the rows of a hand-made small park: who is in the park during the
period, which qualifications are valid in its years, and the incubating enterprises' yearly sums."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from heluo.core.figures import Period, Territory, render_sentence, value
from heluo.enterprise.parks.figures import qualification_figure
from heluo.enterprise.parks.models import QualificationAward

from .factories import KAIYUAN, XIGUAN, division, park, qualification, stay, year_row

pytestmark = pytest.mark.django_db
Y2018 = Period.year(2018)


def number(key: str, territory: Territory, period: Period = Y2018) -> int | Decimal:
    return value(f"enterprise.parks.{key}", territory, period).number


@pytest.fixture
def small_park() -> Territory:
    """A park in 西关 with four stays: two incubating, one that left in 2017, one that entered in 2019;
    and a park in 洛龙区 that a 西关 territory must not count."""
    here = park(XIGUAN)
    a = stay(here, incubating=True, entered=dt.date(2016, 4, 1)).enterprise
    b = stay(here, incubating=True, entered=dt.date(2018, 12, 31)).enterprise
    c = stay(here, entered=dt.date(2015, 1, 1), left=dt.date(2017, 6, 30)).enterprise
    d = stay(here, entered=dt.date(2019, 1, 2)).enterprise
    elsewhere = stay(park(KAIYUAN), incubating=True).enterprise
    for unit, revenue, rd, people, ip in (
        (a, "8000000", "400000", 60, 3), (b, "2500000", "100000", 12, 1), (c, "9000000", "0", 80, 5),
        (d, "7000000", "0", 40, 2), (elsewhere, "5000000", "50000", 30, 4),
    ):  # fmt: skip
        year_row(
            unit, 2018, revenue=Decimal(revenue), rd_spend=Decimal(rd), employees=people, ip_applications=ip
        )
    year_row(a, 2017, revenue=Decimal("6000000"), rd_spend=Decimal("300000"), employees=50, ip_applications=7)
    high_tech = qualification("high_tech")
    QualificationAward.objects.create(enterprise=a, qualification=high_tech, obtained=2016, valid_until=2018)
    QualificationAward.objects.create(enterprise=b, qualification=high_tech, obtained=2019)  # not yet in 2018
    QualificationAward.objects.create(enterprise=c, qualification=high_tech, obtained=2015, valid_until=2017)
    QualificationAward.objects.create(enterprise=elsewhere, qualification=high_tech, obtained=2018)
    QualificationAward.objects.create(
        enterprise=a, qualification=qualification("academician_workstation"), obtained=2017
    )
    return Territory.of(division(XIGUAN))


def test_enterprises_are_those_in_the_park_during_the_period(small_park: Territory) -> None:
    assert number("enterprises", small_park) == 2  # a and b; c left in 2017, d entered in 2019
    assert number("enterprises", small_park, Period.year(2017)) == 2  # a and c
    assert number("enterprises", small_park, Period.year(2019)) == 3  # a, b, d


def test_a_qualification_counts_its_holders_valid_in_the_period(small_park: Territory) -> None:
    assert number("qualified.high_tech", small_park) == 1
    assert number("qualified.high_tech", small_park, Period.year(2019)) == 1  # a's lapsed, b's began
    assert number("qualified.academician_workstation", small_park) == 1
    assert number("qualified.student_startup", small_park) == 0


def test_ip_applications_sum_the_yearly_rows_of_the_period(small_park: Territory) -> None:
    assert number("ip_applications", small_park) == 4
    assert number("ip_applications", small_park, Period.year(2017)) == 7


def test_incubating_figures_sum_the_incubating_enterprises_only(small_park: Territory) -> None:
    assert number("incubating_revenue", small_park) == Decimal("10500000")
    assert number("incubating_rd_spend", small_park) == Decimal("500000")
    assert number("incubating_employees", small_park) == 72


def test_the_city_counts_every_park(small_park: Territory) -> None:
    assert number("enterprises", Territory.city()) >= 3
    assert number("incubating_revenue", Territory.city()) >= Decimal("15500000")


def test_an_empty_territory_counts_zero() -> None:
    nowhere = Territory.of(division(KAIYUAN))
    assert number("enterprises", nowhere) == 0
    assert number("incubating_revenue", nowhere) == 0


def test_the_sentence_carries_the_figures(small_park: Territory) -> None:
    sentence = render_sentence("enterprise.parks.summary", small_park, Y2018)
    assert sentence.startswith("现有入园企业2家。其中,高新技术企业1家,")
    assert "院士工作站1个" in sentence and "知识产权申请数4件" in sentence
    assert "在孵企业营业收入2018年达" in sentence


def test_a_qualification_added_as_data_is_counted_without_code(small_park: Territory) -> None:
    from heluo.enterprise.parks.models import Qualification

    title = Qualification.objects.create(code="provincial_engineering_centre", name="省级工程技术研究中心")
    unit = stay(park(XIGUAN)).enterprise
    QualificationAward.objects.create(enterprise=unit, qualification=title, obtained=2018)
    reading = value(qualification_figure(title.code).key, small_park, Y2018)
    assert reading.number == 1
    assert reading.text.endswith("家")
