"""Party building's member and organisation figures counted from hand-made rows at a day."""

from __future__ import annotations

import datetime as dt

import pytest

from heluo.core.figures import Period, Territory, value

from . import factories as f

pytestmark = pytest.mark.django_db
DAY = Period.day(dt.date(2024, 6, 30))


def number(key: str, territory: Territory, period: Period = DAY) -> int:
    return value(key, territory, period).number


def test_members_counted_on_the_day_in_the_territory() -> None:
    branch = f.organisation(f.XIGUAN)
    outside = f.organisation(f.KAIYUAN)
    f.members(branch, 3)  # joined 2015, confirmed 2016
    f.member(branch, status="probationary", joined_on=dt.date(2024, 1, 1))
    f.member(
        branch, status="full", joined_on=dt.date(2023, 1, 1), confirmed_on=dt.date(2024, 7, 1)
    )  # confirmed after
    f.member(branch, joined_on=dt.date(2024, 7, 1), status="probationary")  # not yet admitted
    f.member(branch, left_on=dt.date(2024, 6, 30), left_reason="deceased")  # left that day
    f.member(branch, left_on=dt.date(2024, 7, 1), left_reason="deceased", is_mobile=True)  # left after
    f.member(outside)
    laocheng = Territory.of(f.division(f.LAOCHENG))
    assert number("party.members", laocheng) == 6
    assert number("party.full_members", laocheng) == 4
    assert number("party.probationary_members", laocheng) == 2
    assert number("party.mobile_members", laocheng) == 1
    assert number("party.members", Territory.of(f.division(f.KAIYUAN))) == 1


def test_organisations_by_kind() -> None:
    top = f.organisation(f.XIGUAN, kind="committee", established_on=dt.date(2000, 1, 1))
    f.organisation(f.XIGUAN, kind="branch", parent=top)
    f.organisation(f.XIGUAN, kind="branch", parent=top, established_on=dt.date(2025, 1, 1))  # later
    laocheng = Territory.of(f.division(f.LAOCHENG))
    assert number("party.organisations", laocheng) == 2
    assert number("party.organisations.branch", laocheng) == 1
    assert number("party.organisations.committee", laocheng) == 1
    assert number("party.organisations.group", laocheng) == 0
