"""The militia demo: the departments of the city and of every county and district, the units, a few
hundred members all eligible by age on 1 March of this year, the new-type share of the primary militia
between 21 % and 25 %, written as the city's militia officer; a second run creates nothing."""

from __future__ import annotations

from collections import Counter
from typing import Any

from heluo.core.services.accounts import system_operator
from heluo.militia import demo
from heluo.militia.models import ArmedForcesDepartment, MilitiaMember, MilitiaUnit, UnitMove
from heluo.militia.rules.eligibility import is_eligible

from .conftest import CHANHE_OFFICER, CITY_OFFICER


def test_the_demo_builds_the_citys_militia_and_a_second_run_creates_nothing(client_as: Any) -> None:
    created = demo.load_roster(demo.city_officer(system_operator()))
    members = MilitiaMember.objects.filter(is_demo=True).select_related("unit__category")
    assert created == Counter({"人民武装部": 17, "民兵分队": 31, "民兵花名册": 338, "出入转队花名册": 338})
    assert members.count() == 338
    names = set(ArmedForcesDepartment.objects.values_list("name", flat=True))
    assert {"洛阳军分区", "瀍河回族区人民武装部", "伊川县人民武装部", "吉利区人民武装部"} <= names
    units = set(MilitiaUnit.objects.values_list("name", flat=True))
    assert {"洛阳市民兵应急营", "伊川县民兵应急连", "洛阳市民兵无人机分队", "金家街社区普通民兵班"} <= units
    assert ArmedForcesDepartment.objects.get(name="洛阳军分区").host_unit.name == "洛阳军分区"  # type: ignore[union-attr]
    # Written as the city's militia officer, each member placed in their unit by a move.
    assert {m.history.earliest("history_date").history_user.username for m in members[:20]} == {CITY_OFFICER}
    assert UnitMove.objects.filter(member__in=members, direction="in").count() == members.count()

    reference = demo.this_years_reference()
    assert all(
        is_eligible(m.birth_date, reference, primary=m.member_class == "primary",
                    cadre_or_specialist=m.is_cadre or m.specialty_matches)
        for m in members
    )  # fmt: skip
    primary = [m for m in members if m.member_class == "primary" and m.joined_on <= reference]
    new_type = [m for m in primary if m.unit is not None and m.unit.category.counts_as_new_type]
    assert (len(new_type), len(primary)) == (72, 322)
    assert 0.21 <= len(new_type) / len(primary) <= 0.25

    assert demo.load_roster(demo.city_officer(system_operator())) == Counter()

    body = client_as(CITY_OFFICER).get("/militia/members/").content.decode()
    assert "民兵花名册" in body and members.first().get_absolute_url() in body  # type: ignore[union-attr]
    chanhe = client_as(CHANHE_OFFICER).get("/militia/units/", {"per_page": 200}).content.decode()
    assert "瀍河回族区民兵无人机分队" in chanhe and "伊川县民兵应急连" not in chanhe
    assert client_as("lingdao").get("/militia/members/").status_code == 403


def test_with_the_whole_demo_the_reorganisation_page_shows_the_share_and_the_inspections_places(
    client_as: Any,
) -> None:
    from heluo.militia.models import Reorganisation

    assert demo.load_demo(system_operator())
    reorg = Reorganisation.objects.get(is_demo=True, division__code="410300000000")
    day = reorg.reference_date
    primary = [
        m for m in MilitiaMember.objects.select_related("unit__category")
        if m.member_class == "primary" and m.joined_on <= day and (m.left_on is None or m.left_on > day)
        and is_eligible(m.birth_date, day, primary=True, cadre_or_specialist=m.is_cadre or m.specialty_matches)
    ]  # fmt: skip
    new_type = [m for m in primary if m.unit is not None and m.unit.category.counts_as_new_type]
    assert len(new_type) * 100 >= 20 * len(primary) > 0
    page = client_as(CITY_OFFICER).get(reorg.get_absolute_url()).content.decode()
    assert f"在册基干民兵{len(primary)}名，其中新质力量{len(new_type)}名。" in page
    assert 'data-testid="share-met"' in page
    places = ["瀍河回族区人民武装部", "市民兵训练基地", "伊川县人民武装部", "吉利区人民武装部"]
    shown = page[page.index('data-testid="inspection-places"') :]
    assert [p for p in places if p in shown] == places
    assert demo.load_demo(system_operator()) == Counter()
