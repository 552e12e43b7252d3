"""Eligibility by age on a day: the pure rule on hand-computed tables (the birthday exactly on the day, the
day before, 29 February) for ordinary, primary and primary cadre/specialist militia; the member form's
Chinese messages naming the age and the limit; the city's limits as data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from heluo.militia.forms import MilitiaMemberForm
from heluo.militia.models import EligibilityLimits
from heluo.militia.rules.eligibility import (
    OVER_AGE,
    OVER_PRIMARY_AGE,
    UNDER_AGE,
    AgeLimits,
    Finding,
    age_on,
    eligibility_findings,
)
from heluo.militia.services.eligibility import limits_on

from . import factories as f
from .conftest import CHANHE_OFFICER

DAY = dt.date(2026, 3, 1)

# (born, day, primary, cadre or specialist, findings) — ages worked out by hand; defaults 18–35, primary 28,
# primary cadres and specialists 35.
TABLE = [
    # ordinary militia: the 18th birthday on the day is in, the day before out; 35 is in, 36 out
    (dt.date(2008, 3, 1), DAY, False, False, []),
    (dt.date(2008, 3, 2), DAY, False, False, [Finding(UNDER_AGE, 17, 18)]),
    (dt.date(1991, 3, 1), DAY, False, False, []),
    (dt.date(1990, 3, 2), DAY, False, False, []),
    (dt.date(1990, 3, 1), DAY, False, False, [Finding(OVER_AGE, 36, 35)]),
    # primary militia: 28 is in (its 29th birthday tomorrow), 29 on the day is out
    (dt.date(1997, 3, 2), DAY, True, False, []),
    (dt.date(1997, 3, 1), DAY, True, False, [Finding(OVER_PRIMARY_AGE, 29, 28)]),
    (dt.date(2008, 3, 2), DAY, True, False, [Finding(UNDER_AGE, 17, 18)]),
    # primary cadres and specialists: to 35
    (dt.date(1997, 3, 1), DAY, True, True, []),
    (dt.date(1990, 3, 2), DAY, True, True, []),
    (dt.date(1990, 3, 1), DAY, True, True, [Finding(OVER_PRIMARY_AGE, 36, 35)]),
    # born on 29 February: a year older on 1 March in a common year, on 29 February in a leap year
    (dt.date(2008, 2, 29), dt.date(2026, 2, 28), False, False, [Finding(UNDER_AGE, 17, 18)]),
    (dt.date(2008, 2, 29), DAY, False, False, []),
    (dt.date(1996, 2, 29), dt.date(2025, 2, 28), True, False, []),
    (dt.date(1996, 2, 29), dt.date(2025, 3, 1), True, False, [Finding(OVER_PRIMARY_AGE, 29, 28)]),
    (dt.date(1999, 2, 28), dt.date(2028, 2, 29), True, False, [Finding(OVER_PRIMARY_AGE, 29, 28)]),
    (dt.date(2000, 2, 29), dt.date(2028, 2, 28), True, False, []),
]


@pytest.mark.parametrize(("born", "day", "primary", "special", "findings"), TABLE)
def test_eligibility_on_the_edge_ages(
    born: dt.date, day: dt.date, primary: bool, special: bool, findings: list[Finding]
) -> None:
    assert eligibility_findings(born, day, primary=primary, cadre_or_specialist=special) == findings


def test_age_on_29_february() -> None:
    assert [age_on(dt.date(2000, 2, 29), day) for day in (dt.date(2028, 2, 28), dt.date(2028, 2, 29))] == [
        27,
        28,
    ]
    assert age_on(dt.date(2000, 2, 29), dt.date(2027, 2, 28)) == 26
    assert age_on(dt.date(2000, 2, 29), dt.date(2027, 3, 1)) == 27


def _form(users: dict[str, Any], instance: Any = None, **changes: Any) -> MilitiaMemberForm:
    data = {"name": "年龄测试民兵", "birth_date": "1997-03-01", "division": f.division(f.CHANHE).pk,
            "member_class": "primary", "political_review": "pending", "joined_on": "2026-03-01", **changes}  # fmt: skip
    return MilitiaMemberForm(data, instance=instance, user=users[CHANHE_OFFICER])


def test_the_member_form_names_the_age_and_the_limit_on_the_day_joined(users: dict[str, Any]) -> None:
    form = _form(users)
    assert not form.is_valid()
    assert form.errors["birth_date"] == ["2026-03-01时年龄29岁，超过该基干民兵的年龄上限28岁。"]
    assert _form(users, is_cadre="on").is_valid()
    assert _form(users, birth_date="1997-03-02").is_valid()
    assert _form(users, member_class="ordinary").is_valid()
    young = _form(users, birth_date="2008-03-02", member_class="ordinary")
    assert young.errors["birth_date"] == ["2026-03-01时年龄17岁，低于最低年龄18岁。"]
    old = _form(users, birth_date="1990-03-01", member_class="ordinary")
    assert old.errors["birth_date"] == ["2026-03-01时年龄36岁，超过民兵最高年龄35岁。"]


def test_an_edit_checks_the_age_on_today_too(users: dict[str, Any]) -> None:
    # Joined at 27 on 1 March 2025; 29 from 1 June 2026, so on any today these tests run.
    member = f.member(birth_date=dt.date(1997, 6, 1), joined_on=dt.date(2025, 3, 1))
    assert _form(users, birth_date="1997-06-01", joined_on="2025-03-01").is_valid()
    edit = _form(users, instance=member, birth_date="1997-06-01", joined_on="2025-03-01")
    assert not edit.is_valid()
    assert "超过该基干民兵的年龄上限28岁" in edit.errors["birth_date"][0]
    # One who left the roster is not measured again.
    left = _form(users, instance=member, birth_date="1997-06-01", joined_on="2025-03-01",
                 left_on="2026-01-01", left_reason="age")  # fmt: skip
    assert left.is_valid(), left.errors


def test_the_city_sets_its_own_limits_from_a_day_on(users: dict[str, Any]) -> None:
    assert limits_on(DAY) == AgeLimits()
    EligibilityLimits.objects.create(
        effective_from=dt.date(2026, 1, 1), max_age=45, primary_max_age=35, primary_extended_max_age=50
    )
    assert limits_on(dt.date(2025, 12, 31)) == AgeLimits()
    assert limits_on(DAY) == AgeLimits(18, 45, 35, 50)
    assert _form(users).is_valid()
    too_old = _form(users, birth_date="1990-03-01")
    assert too_old.errors["birth_date"] == ["2026-03-01时年龄36岁，超过该基干民兵的年龄上限35岁。"]


def test_the_defaults_are_seeded_as_one_city_wide_row(db: Any) -> None:
    (row,) = EligibilityLimits.objects.all()
    assert row.as_limits() == AgeLimits()
