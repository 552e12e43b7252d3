"""A park's page: the summary and the sentence as the registry computes them, a chart of revenue and R&D
by year, its enterprises filtered by qualification and industry; out of scope it is a 404."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest

from heluo.core.figures import Period, Territory, render_sentence, value
from heluo.enterprise.parks.models import Industry, QualificationAward

from .factories import KAIYUAN, XIGUAN, park, qualification, stay, year_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client_as: Any) -> tuple[Any, Any]:
    here = park(XIGUAN, land_area=Decimal(264))
    a = stay(here, incubating=True, industry=Industry.INTERNET).enterprise
    b = stay(here, incubating=True, entered=dt.date(2018, 2, 1)).enterprise
    stay(here, industry=Industry.MATERIALS, entered=dt.date(2016, 1, 1))
    year_row(a, 2017, revenue=Decimal(3_000_000), rd_spend=Decimal(100_000), employees=20)
    year_row(a, 2018, revenue=Decimal(5_000_000), rd_spend=Decimal(200_000), employees=25, ip_applications=3)
    year_row(b, 2018, revenue=Decimal(1_000_000), rd_spend=Decimal(50_000), employees=5)
    QualificationAward.objects.create(enterprise=a, qualification=qualification("high_tech"), obtained=2018)
    return here, client_as("laocheng")


def test_the_page_shows_the_registrys_summary_and_sentence_of_the_latest_year(page: tuple[Any, Any]) -> None:
    here, client = page
    response = client.get(here.get_absolute_url())
    assert response.status_code == 200
    territory, period = Territory.of(here.division), Period.year(2018)
    assert response.context["year"] == 2018
    assert response.context["sentence"] == render_sentence("enterprise.parks.summary", territory, period)
    shown = {reading.figure.key: reading.number for reading in response.context["readings"]}
    assert (
        shown["enterprise.parks.enterprises"]
        == value("enterprise.parks.enterprises", territory, period).number
        == 3
    )
    assert shown["enterprise.parks.incubating_revenue"] == Decimal(6_000_000)
    html = response.content.decode()
    assert response.context["sentence"] in html and "data-copy-text" in html


def test_the_chart_has_revenue_and_rd_by_year_in_wan_yuan(page: tuple[Any, Any]) -> None:
    here, client = page
    chart = json.loads(client.get(here.get_absolute_url()).context["chart"])
    assert chart["years"] == ["2017", "2018"]
    assert (chart["revenue"], chart["rd_spend"]) == ([300.0, 600.0], [10.0, 25.0])


def test_another_year_is_asked_for_in_the_link(page: tuple[Any, Any]) -> None:
    here, client = page
    response = client.get(here.get_absolute_url(), {"year": "2017"})
    assert response.context["year"] == 2017
    readings = {reading.figure.key: reading.number for reading in response.context["readings"]}
    assert readings["enterprise.parks.incubating_revenue"] == Decimal(3_000_000)
    assert client.get(here.get_absolute_url(), {"year": "abc"}).context["year"] == 2018


def test_the_enterprise_list_filters_by_qualification_and_industry(page: tuple[Any, Any]) -> None:
    here, client = page
    table = client.get(here.get_absolute_url()).context["enterprise_table"]
    assert table.paginator.count == 3
    response = client.get(here.get_absolute_url(), {"qualification": qualification("high_tech").pk})
    assert response.context["enterprise_table"].paginator.count == 1
    response = client.get(here.get_absolute_url(), {"industry": Industry.MATERIALS})
    assert response.context["enterprise_table"].paginator.count == 1


def test_a_park_out_of_scope_is_404(client_as: Any) -> None:
    elsewhere = park(KAIYUAN)
    assert client_as("laocheng").get(elsewhere.get_absolute_url()).status_code == 404


def test_a_viewer_sees_the_page(page: tuple[Any, Any], client_as: Any) -> None:
    here, _client = page
    assert client_as("lingdao").get(here.get_absolute_url()).status_code == 200
