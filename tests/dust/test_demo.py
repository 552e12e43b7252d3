"""The dual grids and waste of the dust demo: 17 county-level cadres, 100-plus staff, every site in the
package area of its district, waste and cover records, and the cases of ground left uncovered."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from heluo.cases.models import Case
from heluo.core.services.accounts import system_operator
from heluo.dust import demo as dust_demo
from heluo.dust.models import CoverRecord, PackageArea, PackageAreaStaff, Site, WasteRemoval


@pytest.mark.django_db
def test_the_demo_holds_17_cadres_with_100_plus_staff_and_every_site_in_a_package_area(
    client_as: Any,
) -> None:
    operator = system_operator()
    dust_demo.load_demo(operator)
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
    assert dust_demo.load_demo(operator) == Counter()
