"""The pure rules of the reorganisation on hand-made tables: the new-type share exactly at and just below
20 %, who counts as primary militia on the reference date, the units' composition and the turnout."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from heluo.militia.rules.composition import (
    QUALIFIED_SHORT,
    STRENGTH_SHORT,
    Progress,
    Standards,
    UnitCount,
    turnout,
    unit_findings,
)
from heluo.militia.rules.eligibility import AgeLimits
from heluo.militia.rules.share import RosterEntry, Share, new_type_share, percent, reaches

DAY = dt.date(2026, 3, 1)
TWENTY = Decimal("20")


def entry(*, new_type: bool = False, age: int = 24, joined: dt.date = dt.date(2025, 1, 1),
          left: dt.date | None = None, primary: bool = True, cadre: bool = False) -> RosterEntry:  # fmt: skip
    return RosterEntry(DAY.replace(year=DAY.year - age), joined, left, primary, new_type, cadre)


def roster(new_type: int, others: int) -> list[RosterEntry]:
    return [entry(new_type=True) for _ in range(new_type)] + [entry() for _ in range(others)]


def test_a_share_of_exactly_twenty_percent_meets_twenty() -> None:
    share = new_type_share(roster(20, 80), DAY)
    assert share == Share(20, 100)
    assert share.percent == Decimal("20.00")
    assert share.meets(TWENTY)


def test_a_share_just_below_twenty_percent_does_not_meet_it_and_does_not_read_as_twenty() -> None:
    share = new_type_share(roster(199, 801), DAY)
    assert share.percent == Decimal("19.90") and not share.meets(TWENTY)
    # 1999 of 10000 is 19.99 %; 19999 of 100000 would round to 20.00 but is cut to 19.99.
    assert percent(19999, 100000) == Decimal("19.99")
    assert not reaches(19999, 100000, TWENTY)
    assert reaches(1, 5, TWENTY) and not reaches(1, 6, TWENTY)


def test_an_over_age_primary_member_is_not_counted() -> None:
    entries = [*roster(2, 7), entry(age=29)]  # 28 is the primary militia's limit by default
    assert new_type_share(entries, DAY) == Share(2, 9)
    assert new_type_share([*roster(2, 7), entry(age=28)], DAY) == Share(2, 10)


def test_a_cadre_counts_to_the_higher_limit_the_city_sets() -> None:
    limits = AgeLimits(primary_extended_max_age=35)
    assert new_type_share([entry(new_type=True, age=33, cadre=True)], DAY, limits) == Share(1, 1)
    assert new_type_share([entry(new_type=True, age=36, cadre=True)], DAY, limits) == Share(0, 0)


def test_a_member_who_left_the_day_before_is_not_counted_one_leaving_on_the_day_after_is() -> None:
    gone = entry(new_type=True, left=DAY - dt.timedelta(days=1))
    on_the_day = entry(new_type=True, left=DAY)
    staying = entry(new_type=True, left=DAY + dt.timedelta(days=1))
    assert new_type_share([gone, on_the_day, staying, *roster(0, 4)], DAY) == Share(1, 5)


def test_a_member_joining_after_the_reference_date_and_ordinary_militia_are_not_counted() -> None:
    late = entry(new_type=True, joined=DAY + dt.timedelta(days=1))
    ordinary = entry(new_type=True, primary=False)
    assert new_type_share([late, ordinary, entry(new_type=True, joined=DAY), *roster(0, 3)], DAY) == Share(
        1, 4
    )


def test_no_primary_militia_has_no_share() -> None:
    share = new_type_share([], DAY)
    assert share.percent is None and not share.meets(TWENTY)


def test_a_unit_below_strength_and_below_the_qualified_share_has_both_findings() -> None:
    findings = unit_findings(UnitCount(on_hand=7, target_strength=10, qualified=4, primary=True))
    assert [(f.code, f.part, f.whole) for f in findings] == [(STRENGTH_SHORT, 7, 10), (QUALIFIED_SHORT, 4, 7)]
    assert findings[0].percent == Decimal("70.00") and findings[1].percent == Decimal("57.14")


def test_a_unit_at_the_standards_exactly_has_no_finding() -> None:
    assert unit_findings(UnitCount(on_hand=8, target_strength=10, qualified=6, primary=False)) == []
    assert unit_findings(UnitCount(on_hand=10, target_strength=10, qualified=6, primary=True)) == []
    assert unit_findings(UnitCount(on_hand=5, target_strength=0, qualified=3, primary=True)) == []


def test_a_city_sets_its_own_standards() -> None:
    strict = Standards(qualified_share=Decimal("70"), strength_share=Decimal("90"))
    unit = UnitCount(on_hand=8, target_strength=10, qualified=5, primary=True)
    assert unit_findings(unit) == []
    assert [f.code for f in unit_findings(unit, strict)] == [STRENGTH_SHORT, QUALIFIED_SHORT]


def test_turnout_at_ninety_percent_meets_it_just_below_does_not() -> None:
    assert turnout(18, 20).meets and turnout(18, 20).percent == Decimal("90.00")
    assert not turnout(17, 19).meets and turnout(17, 19).percent == Decimal("89.47")
    assert not turnout(0, 0).meets and turnout(0, 0).percent is None


def test_progress_against_a_target() -> None:
    assert Progress(12, 12).met and not Progress(11, 12).met
    assert Progress(11, 12).percent == Decimal("91.66")
