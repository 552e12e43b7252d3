"""The dust demo, loaded once for the module: the dual grids and waste (17 county-level cadres, 100-plus
staff, every site in the package area of its district, waste and cover records, the cases of ground left
uncovered), ninety days of enforcement measures through the service, consistent with the rules — and a
second run that creates nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from heluo.cases.models import Case
from heluo.core.services.accounts import system_operator
from heluo.dust import demo as dust_demo
from heluo.dust.demo_enforcement import EXCLUDED
from heluo.dust.models import (
    BlacklistEntry,
    CoverRecord,
    Measure,
    MeasureKind,
    PackageArea,
    PackageAreaStaff,
    PenaltyCount,
    Site,
    SiteKind,
    SiteState,
    WasteRemoval,
)
from heluo.dust.rules.penalty import penalty_count
from tests.conftest import kept_for_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Counter[str]]:
    """The dust demo on top of the session's core demo, once for the module, rolled back after it."""
    with kept_for_module(django_db_blocker):
        yield dust_demo.load_demo(system_operator())


def test_the_demo_holds_17_cadres_with_100_plus_staff_and_every_site_in_a_package_area(
    client_as: Any,
) -> None:
    areas = PackageArea.objects.filter(is_demo=True)
    assert areas.count() == 17 and areas.values("cadre").distinct().count() == 17
    assert PackageAreaStaff.objects.filter(package_area__in=areas).count() >= 100
    sites = Site.objects.filter(is_demo=True).select_related("division", "package_area")
    assert sites.count() >= 200 and not sites.filter(package_area__isnull=True).exists()
    for site in sites:
        covered = site.package_area.districts.values_list("path", flat=True)
        assert any(site.division.path.startswith(path) for path in covered), site
    assert WasteRemoval.objects.filter(is_demo=True).count() > 100
    covers = CoverRecord.objects.filter(is_demo=True)
    assert covers.filter(covered_at__isnull=False).exists()
    opened = Case.objects.filter(source_kind="dust_uncovered")
    assert opened.exists() and set(covers.exclude(case=None).values_list("case", flat=True)) == set(
        opened.values_list("pk", flat=True)
    )
    page = client_as("zhujian").get("/dust/packageareas/", {"per_page": 50}).content.decode()
    assert all(area.name in page and area.cadre.name in page for area in areas)


def test_the_demo_records_measures_stop_works_a_count_and_an_exclusion() -> None:
    measures = Measure.objects.filter(is_demo=True)
    today = timezone.localdate()
    assert measures.count() >= 50
    assert all(today - dt.timedelta(days=91) <= m.served_on <= today for m in measures)
    orders = measures.filter(kind=MeasureKind.ORDER)
    assert orders.count() >= 30 and not orders.filter(case__isnull=True).exists()
    assert measures.filter(kind=MeasureKind.FINE, amount=100000, ladder_step=1).exists()  # 顶格处罚
    assert measures.filter(kind=MeasureKind.DOWNGRADE, ladder_step=2).exists()
    stops = measures.filter(kind=MeasureKind.STOP_WORK)
    assert stops.count() >= 3 and stops.filter(lifted_on__isnull=False).count() == 1
    assert (
        Site.objects.filter(is_demo=True, state=SiteState.STOPPED).count()
        == stops.filter(lifted_on=None).count()
    )
    count = PenaltyCount.objects.get(is_demo=True)
    findings = list(count.findings.values_list("on", flat=True))
    expected = penalty_count(count.order.served_on, findings, count.daily)
    assert (count.days, count.total) == (expected.days, expected.total) == (26, count.daily * 26)
    entry = BlacklistEntry.objects.get(enterprise__name=EXCLUDED)
    assert entry.start <= today <= entry.until
    refused = Site(name="洛阳市新项目", kind=SiteKind.BUILDING, division=entry.measure.site.division,
                   contractor=entry.enterprise)  # fmt: skip
    with pytest.raises(ValidationError, match=EXCLUDED):
        refused.full_clean()


def test_a_second_run_creates_nothing(demo: Counter[str]) -> None:
    assert demo and dust_demo.load_demo(system_operator()) == Counter()
