"""Divisions: the tree from the dataset, the 2021 adjustment (吉利区 → 孟津区), subtree queries."""

from __future__ import annotations

from typing import Any

from heluo.core.models import Division, Unit, UnitType
from heluo.core.services import divisions
from heluo.core.services.accounts import system_operator


def test_dingdingmen_community_lies_under_kaiyuan_road_street(db: Any) -> None:
    community = Division.objects.get(code="410311002001")
    assert community.parent.code == "410311002000"
    assert community.parent.name == "开元路街道"
    assert community.display_name == "定鼎门社区"
    assert [d.code for d in community.ancestors()] == ["410300000000", "410311000000", "410311002000"]


def test_luoyang_holds_the_whole_dataset_plus_the_2019_divisions(db: Any) -> None:
    current = Division.objects.filter(path__startswith="4103", valid_to__isnull=True)
    assert current.filter(level=4).count() == 194
    assert current.filter(level=5).count() == 3244
    jili = Division.objects.get(code="410306000000")
    assert jili.name == "吉利区" and not jili.is_current
    assert list(jili.successors.values_list("code", flat=True)) == ["410308000000"]


def test_loading_twice_changes_nothing(db: Any) -> None:
    report = divisions.load_divisions("4103", user=system_operator())
    assert report.created == 0 and report.historic == 0


def test_a_2019_record_in_jili_shows_jili_and_counts_under_mengjin(
    users: dict[str, Any], client_as: Any
) -> None:
    unit = Unit.objects.get(name="吉利区人民武装部")
    assert unit.division.name == "吉利区"
    assert divisions.reporting_division(unit.division).name == "孟津区"
    page = client_as("mengjin").get(unit.get_absolute_url())
    assert page.status_code == 200 and "吉利区" in page.content.decode()
    assert Unit.objects.for_user(users["mengjin"]).filter(pk=unit.pk).exists()
    assert not Unit.objects.for_user(users["luolong"]).filter(pk=unit.pk).exists()


def test_a_street_of_former_yanshi_city_reports_under_yanshi_district(db: Any) -> None:
    old_street = Division.objects.filter(path__startswith="410381", level=4).first()
    assert old_street is not None
    assert divisions.reporting_division(old_street).code == "410307000000"
    unit = Unit.objects.create(name="旧偃师单位", unit_type=UnitType.objects.first(), division=old_street)
    assert divisions.reporting_division(unit.division).name == "偃师区"


def test_subtree_is_one_prefix_query(db: Any, django_assert_num_queries: Any) -> None:
    street = Division.objects.get(code="410311002000")
    with django_assert_num_queries(1):
        assert street.subtree().count() > 5


def test_district_report_counts_a_2019_jili_row_under_mengjin(client_as: Any) -> None:
    from heluo.core.services.divisions import counts_by_district

    body = client_as("admin").get("/core/reports/districts/").content.decode()
    assert "孟津区" in body and "吉利区" not in body
    rows = {
        row.name: row
        for row in counts_by_district({"core.unit": Unit.objects.filter(name="吉利区人民武装部")})
    }
    assert rows["孟津区"].counts == {"core.unit": 1}


def test_district_report_lists_zones_as_their_own_lines(users: dict[str, Any]) -> None:
    from heluo.core.services.divisions import counts_by_district

    Unit.objects.create(
        name="高新区企业",
        unit_type=UnitType.objects.first(),
        division=Division.objects.get(code="410371001000"),
    )
    rows = counts_by_district({"core.unit": Unit.objects.for_user(users["admin"])})
    zone = next(row for row in rows if row.is_zone and row.code == "gaoxin")
    assert zone.counts["core.unit"] == 1
    city = next(row for row in rows if row.code == "410300000000")
    assert city.counts["core.unit"] >= 10  # the city's own bureaux
