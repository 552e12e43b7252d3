"""The two-level grids: package areas and their staff through the generic ledger checks, and the sites
a person answers for."""

from __future__ import annotations

import io
import itertools
from typing import Any

from django.db import models
from openpyxl import load_workbook

from heluo.core.models import Grid, GridMembership, GridRole, Person
from heluo.core.services import transfer
from heluo.dust import ledgers
from heluo.dust.models import PackageArea, PackageAreaStaff, PackageStaffRole
from tests.core.ledger_cases import LedgerViewCases
from tests.dust.test_sites import XIGUAN, division, make_site

_serial = itertools.count(1)


def person(name: str = "") -> Person:
    return Person.objects.create(name=name or f"包片干部{next(_serial)}", division=division(XIGUAN))


def package_area(**fields: Any) -> PackageArea:
    fields.setdefault("cadre", person())
    area = PackageArea.objects.create(name=f"第{next(_serial)}包片区域", **fields)
    area.districts.set([division(XIGUAN)])
    return area


class TestPackageAreaViews(LedgerViewCases):
    ledger = ledgers.package_area

    def make(self, in_scope: bool) -> models.Model:
        return package_area()

    def create_data(self) -> dict[str, Any]:
        return {
            "name": "老城区包片区域",
            "cadre": person("赵副市长").pk,
            "districts": [division(XIGUAN).pk],
            "notes": "分片一包到底",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "cadre": ""}, "cadre"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"name": f"{obj}（调整）", "cadre": obj.cadre_id, "districts": []}  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        make_site(XIGUAN, package_area=obj)


class TestPackageAreaStaffViews(LedgerViewCases):
    ledger = ledgers.package_area_staff

    def make(self, in_scope: bool) -> models.Model:
        return PackageAreaStaff.objects.create(
            package_area=package_area(), person=person(), role=PackageStaffRole.LIAISON
        )

    def create_data(self) -> dict[str, Any]:
        return {"package_area": package_area().pk, "person": person("钱联络员").pk, "role": "inspector"}

    def search_text(self, obj: models.Model) -> str:
        return obj.person.name  # type: ignore[attr-defined]

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "role": "boss"}, "role"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"package_area": obj.package_area_id, "person": obj.person_id, "role": "technician"}  # type: ignore[attr-defined]


def test_a_persons_page_lists_every_site_they_answer_for(client_as: Any) -> None:
    cadre, staff, officer = person("孙县级干部"), person("李督导员"), person("周网格员")
    area = package_area(cadre=cadre)
    PackageAreaStaff.objects.create(package_area=area, person=staff, role=PackageStaffRole.INSPECTOR)
    grid = Grid.objects.create(name="包片测试网格", division=division(XIGUAN))
    GridMembership.objects.create(grid=grid, person=officer, role=GridRole.objects.get(code="dust_inspector"))
    in_area = make_site(XIGUAN, package_area=area)
    in_grid = make_site(XIGUAN, grid=grid)
    neither = make_site(XIGUAN)
    client = client_as("laocheng")
    # The person's own page offers the list.
    assert f'href="/dust/people/{cadre.pk}/sites/"' in client.get(cadre.get_absolute_url()).content.decode()
    for who, theirs in ((cadre, in_area), (staff, in_area), (officer, in_grid)):
        response = client.get(f"/dust/people/{who.pk}/sites/")
        page = response.content.decode()
        assert response.status_code == 200
        assert theirs.get_absolute_url() in page and neither.get_absolute_url() not in page
    assert client.get("/dust/people/999999/sites/").status_code == 404


def test_the_cadre_of_a_package_area_sees_its_sites(client_as: Any, users: Any) -> None:
    officer = users["wangge"].account.person
    area = package_area(cadre=officer)
    # 老城区 lies outside the officer's territory; holding the package area makes its sites theirs.
    theirs, other = make_site(XIGUAN, package_area=area), make_site(XIGUAN)
    client = client_as("wangge")
    assert client.get(theirs.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404


def test_a_site_page_shows_both_grids_with_the_cadre_and_the_chief_and_three_officers(client_as: Any) -> None:
    cadre, liaison, leader = person("吴包片领导"), person("郑联络员"), person("王网格长")
    area = package_area(cadre=cadre)
    PackageAreaStaff.objects.create(package_area=area, person=liaison, role=PackageStaffRole.LIAISON)
    grid = Grid.objects.create(name="双网格测试网格", division=division(XIGUAN))
    GridMembership.objects.create(grid=grid, person=leader, role=GridRole.objects.get(code="grid_leader"))
    site = make_site(XIGUAN, package_area=area, grid=grid)
    page = client_as("laocheng").get(site.get_absolute_url()).content.decode()
    for text in ("吴包片领导", "郑联络员", "王网格长", area.name, grid.name, 'data-testid="site-history"'):
        assert text in page, text


def test_grid_assignments_export_to_excel_and_import_back(users: Any) -> None:
    area, other_area = package_area(), package_area()
    grid = Grid.objects.create(name="导出测试网格", division=division(XIGUAN))
    site = make_site(XIGUAN, package_area=area, grid=grid)
    user = users["laocheng"]
    _name, data, count = transfer.export_to_bytes(ledgers.site, user, f"q={site.name}")
    assert count == 1
    summary = transfer.import_file(ledgers.site, user, "grids.xlsx", data, apply=False)
    assert summary["error_count"] == 0 and summary["counts"]["unchanged"] == 1, summary
    # The same sheet with the site moved to another package area changes that assignment only.
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == area.name:
                cell.value = other_area.name
    moved = io.BytesIO()
    book.save(moved)
    summary = transfer.import_file(ledgers.site, user, "grids.xlsx", moved.getvalue(), apply=True)
    assert summary["error_count"] == 0 and summary["counts"]["updated"] == 1, summary
    site.refresh_from_db()
    assert site.package_area == other_area and site.grid == grid
