"""Part C's demo: the seed's inspection with its four places (by `visits_of` and on the inspection page),
findings with their cases, one unit behind its training, equipment with one item overdue; a second run
creates nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from heluo.core.figures import Period, Territory, value
from heluo.militia import demo_c
from heluo.militia.models import Finding, Inspection, MilitiaUnit
from heluo.militia.services.inspections import visits_of
from heluo.militia.services.training import units_progress
from tests.conftest import kept_for_module

from .factories_c import CITY_OFFICER, city_militia_officer

# Database tests, every one: pytest-django runs tests it takes for database-free after the transactional
# ones, which empty the database (tests/conftest.py, kept_for_module).
pytestmark = pytest.mark.django_db

PLACES = ["瀍河回族区人民武装部", "市民兵训练基地", "伊川县人民武装部", "吉利区人民武装部"]


@pytest.fixture(scope="module")
def created(django_db_setup: None, django_db_blocker: Any) -> Iterator[Counter[str]]:
    with kept_for_module(django_db_blocker):
        # The city's militia officer first, as an installation has it: findings' cases go to them, and
        # militia rows are written by a militia role (never the system operator).
        officer = get_user_model().objects.get(username=city_militia_officer())
        yield demo_c.load(officer)


def test_the_counts_are_chinese_and_a_second_run_creates_nothing(created: Counter[str]) -> None:
    assert created["检查调研"] == 1 and created["检查调研走访"] == 4 and created["检查调研发现问题"] == 2
    assert (
        created["训练课次"] > 0 and created["参训记录"] > 0 and created["器材检查"] == len(demo_c.ITEMS) - 1
    )
    assert demo_c.load(get_user_model().objects.get(username=CITY_OFFICER)) == Counter()


def test_the_four_places_are_listed_by_visits_of_and_on_the_inspection_page(
    created: Counter[str], client_as: Any
) -> None:
    inspection = Inspection.objects.get(inspected_by="河南省军区工作组")
    assert inspection.led_by == "陈兆明"
    assert [visit.place_name for visit in visits_of(inspection.reorganisation)] == PLACES
    page = (
        client_as(CITY_OFFICER)
        .get(reverse("militia:inspection_detail", args=[inspection.pk]))
        .content.decode()
    )
    positions = [page.index(place) for place in PLACES]
    assert positions == sorted(positions)


def test_each_finding_has_its_case_and_the_figures_count_them(created: Counter[str]) -> None:
    findings = Finding.objects.filter(inspection__inspected_by="河南省军区工作组")
    assert all(finding.case_id for finding in findings) and findings.count() == 2
    year = Period.year(timezone.localdate().year)
    assert value("militia.open_findings", Territory.city(), year).number == 2
    assert value("militia.equipment_items", Territory.city(), year).number == len(demo_c.ITEMS)


def test_one_unit_is_behind_its_training(created: Counter[str]) -> None:
    units = MilitiaUnit.objects.filter(name__in=[name for name, *_ in demo_c.UNITS])
    rows = units_progress(units, timezone.localdate())
    assert [row.unit.name for row in rows if row.progress.behind] == [demo_c.BEHIND]
