"""The reorganisation computed from the rows on its reference date, and the supervision case a shortfall
of the new-type share opens: once, naming the territory and the numbers, closed when the share is met."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from heluo.cases.models import OPEN_STATES, Case
from heluo.militia.models import MemberClass, MilitiaUnit
from heluo.militia.rules.composition import QUALIFIED_SHORT, STRENGTH_SHORT
from heluo.militia.rules.share import Share
from heluo.militia.services import reorganisation as services

from .factories_b import CHANHE, CITY, DAY, YICHUAN, member, members, reorganisation, target, unit

pytestmark = pytest.mark.django_db


def shortfall_cases() -> Any:
    return Case.objects.filter(source_kind=services.SOURCE_KIND)


def test_the_share_is_counted_from_the_roster_on_the_reference_date_per_county_and_for_the_city() -> None:
    reorg = reorganisation()
    members(unit(CHANHE, "drone"), 2)
    members(unit(CHANHE), 6)
    members(unit(YICHUAN, "cyber"), 1)
    members(unit(YICHUAN), 6)
    member(unit(CHANHE, "drone"), age=30)  # over the primary militia's age that day
    member(unit(CHANHE, "drone"), left_on=DAY - dt.timedelta(days=1))
    member(unit(CHANHE, "drone"), joined_on=DAY + dt.timedelta(days=1))
    member(None, member_class=MemberClass.ORDINARY, division_code=CHANHE)
    assert services.area_share(reorg, reorg.division).share == Share(3, 15)
    counties = {area.division.code: area for area in services.reorganisation_figures(reorg, None).counties}
    assert counties[CHANHE].share == Share(2, 8) and counties[CHANHE].meets
    assert counties[YICHUAN].share == Share(1, 7) and not counties[YICHUAN].meets


def test_a_shortfall_opens_one_case_naming_the_territory_and_the_numbers_never_a_person() -> None:
    reorg = reorganisation(CHANHE)
    named = member(unit(CHANHE, "drone"))
    members(unit(CHANHE), 9)
    assert services.check_new_type_share(reorg) == services.ShareCheck(opened=1)
    assert services.check_new_type_share(reorg) == services.ShareCheck()  # a second check opens none
    case = shortfall_cases().get()
    assert case.division.code == CHANHE and case.source == reorg
    assert "瀍河回族区" in case.title and "10" in case.title and "20" in case.title
    assert "1" in case.description and "10" in case.description
    assert named.name not in case.title + case.description


def test_a_later_check_that_meets_the_share_closes_the_case() -> None:
    reorg = reorganisation(CHANHE)
    members(unit(CHANHE, "drone"), 1)
    members(unit(CHANHE), 9)
    services.check_new_type_share(reorg)
    case = services.open_shortfall_cases(reorg, reorg.division).get()
    members(unit(CHANHE, "communications"), 2)  # 3 of 12: 25 %
    assert services.check_new_type_share(reorg) == services.ShareCheck(closed=1)
    case.refresh_from_db()
    assert case.state not in OPEN_STATES
    assert services.check_new_type_share(reorg) == services.ShareCheck()


def test_exactly_the_required_share_opens_no_case() -> None:
    reorg = reorganisation(CHANHE)
    members(unit(CHANHE, "drone"), 2)
    members(unit(CHANHE), 8)
    assert services.check_new_type_share(reorg) == services.ShareCheck()
    assert not shortfall_cases().exists()


def test_a_county_without_primary_militia_opens_nothing() -> None:
    reorg = reorganisation()
    members(unit(CHANHE, "drone"), 1)
    members(unit(CHANHE), 3)
    services.check_new_type_share(reorg)
    assert (
        set(shortfall_cases().values_list("division__code", flat=True)) == set()
    )  # 25 % in the city and 瀍河


def test_the_city_and_a_county_short_each_open_their_own_case() -> None:
    reorg = reorganisation()
    members(unit(CHANHE), 5)
    members(unit(YICHUAN, "drone"), 1)
    assert services.check_new_type_share(reorg) == services.ShareCheck(opened=2)
    assert set(shortfall_cases().values_list("division__code", flat=True)) == {CITY, CHANHE}


def test_progress_against_targets_counts_the_class_and_category_in_the_county() -> None:
    reorg = reorganisation()
    members(unit(CHANHE, "drone"), 3)
    members(unit(CHANHE), 5)
    members(unit(YICHUAN, "drone"), 4)
    member(None, member_class=MemberClass.ORDINARY, division_code=CHANHE)
    drone = target(reorg, CHANHE, 3, "drone")
    everyone = target(reorg, CHANHE, 10)
    ordinary = target(reorg, CHANHE, 1, member_class=MemberClass.ORDINARY)
    targets = [drone, everyone, ordinary]
    progress = {
        p.target.pk: p.progress for p in services.target_progress(targets, DAY, services.city_age_limits(DAY))
    }
    assert (progress[drone.pk].actual, progress[drone.pk].met) == (3, True)
    assert (progress[everyone.pk].actual, progress[everyone.pk].met) == (8, False)
    assert (progress[ordinary.pk].actual, progress[ordinary.pk].met) == (1, True)


def test_a_unit_short_of_strength_and_veterans_is_found() -> None:
    reorg = reorganisation(CHANHE, min_qualified_share=Decimal("60"))
    weak = unit(CHANHE, target_strength=10)
    members(weak, 3, is_veteran=True)
    members(weak, 4)
    strong = unit(CHANHE, target_strength=5)
    members(strong, 4, is_veteran=True)
    units = MilitiaUnit.objects.filter(pk__in=[weak.pk, strong.pk])
    checks = {c.unit.pk: c for c in services.unit_checks(reorg, units, services.city_age_limits(DAY))}
    assert [f.code for f in checks[weak.pk].findings] == [STRENGTH_SHORT, QUALIFIED_SHORT]
    assert checks[strong.pk].findings == []


def test_the_daily_check_covers_this_years_reorganisations_whose_reference_date_has_come() -> None:
    now = dt.datetime(2026, 3, 2, 6, 23, tzinfo=dt.UTC)
    due = reorganisation(CHANHE)
    later = reorganisation(YICHUAN, day=dt.date(2026, 4, 1))
    members(unit(CHANHE), 4)
    members(unit(YICHUAN), 4)
    assert services.check_this_years_shares(now) == services.ShareCheck(opened=1)
    assert services.open_shortfall_cases(due, due.division).exists()
    assert not services.open_shortfall_cases(later, later.division).exists()


def test_the_share_counts_with_the_age_limits_the_city_keeps_on_the_reference_date() -> None:
    from heluo.militia.models import EligibilityLimits

    reorg = reorganisation(CHANHE)
    member(unit(CHANHE, "drone"), age=30)  # over the default primary limit of 28
    members(unit(CHANHE), 4)
    assert services.area_share(reorg, reorg.division).share == Share(0, 4)
    EligibilityLimits.objects.create(effective_from=DAY + dt.timedelta(days=1), primary_max_age=30)
    assert services.area_share(reorg, reorg.division).share == Share(0, 4)  # not yet in force that day
    EligibilityLimits.objects.create(effective_from=DAY, primary_max_age=30)
    assert services.area_share(reorg, reorg.division).share == Share(1, 5)
