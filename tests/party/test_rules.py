"""The pure rules on hand-computed tables: branch rules, the art. 9 idle months, probation."""

from __future__ import annotations

import datetime as dt

import pytest

from heluo.party.rules import organisations as r
from heluo.party.rules.activity import flagged_kinds, idle_months, whole_months_before
from heluo.party.rules.terms import probation_ends_on


@pytest.mark.parametrize(
    ("full", "committee", "codes"),
    [
        (0, 0, [r.TOO_FEW_MEMBERS]),
        (2, 1, [r.TOO_FEW_MEMBERS]),
        (3, 0, []),
        (3, 1, []),
        (6, 0, []),
        (7, 0, [r.COMMITTEE_NEEDED]),
        (7, 1, [r.COMMITTEE_TOO_SMALL]),
        (7, 2, [r.COMMITTEE_TOO_SMALL]),
        (7, 3, []),
        (12, 5, []),
        (12, 6, [r.COMMITTEE_ABOVE_USUAL]),
        (30, 7, [r.COMMITTEE_ABOVE_USUAL]),
        (30, 8, [r.COMMITTEE_TOO_LARGE]),
    ],
)
def test_branch_rules(full: int, committee: int, codes: list[str]) -> None:
    assert [f.code for f in r.branch_findings(full, committee)] == codes


def test_a_branch_is_formed_with_three_full_members() -> None:
    assert not r.may_form_branch(2)
    assert r.may_form_branch(3)


def test_whole_months_are_those_before_the_days_month() -> None:
    assert whole_months_before(dt.date(2026, 3, 15), 3) == [
        dt.date(2026, 2, 1), dt.date(2026, 1, 1), dt.date(2025, 12, 1),
    ]  # fmt: skip


JOINED = dt.date(2020, 1, 1)
DAY = dt.date(2026, 7, 10)  # whole months up to it: Jan–Jun 2026


@pytest.mark.parametrize(
    ("active", "joined", "idle"),
    [
        ([], JOINED, 6),
        ([dt.date(2026, 6, 30)], JOINED, 0),  # any day of June counts for June
        ([dt.date(2026, 1, 5)], JOINED, 5),  # Feb–Jun idle
        ([dt.date(2025, 12, 31)], JOINED, 6),
        ([dt.date(2026, 7, 1)], JOINED, 6),  # July is not a whole month yet
        ([], dt.date(2026, 1, 1), 6),  # joined on the first day: January counts
        ([], dt.date(2026, 1, 2), 5),  # joined mid-January: January does not count
        ([], dt.date(2026, 5, 20), 1),
    ],
)
def test_idle_months(active: list[dt.date], joined: dt.date, idle: int) -> None:
    assert idle_months(active, joined, DAY) == idle


def test_any_one_kind_flags_the_member() -> None:
    active = {"life": [dt.date(2026, 6, 1)], "dues": [], "work": [dt.date(2026, 2, 1)]}
    assert flagged_kinds(active, JOINED, DAY) == ["dues"]
    assert flagged_kinds({"life": [], "dues": []}, JOINED, DAY) == ["life", "dues"]
    assert flagged_kinds({"life": []}, dt.date(2026, 2, 1), DAY) == []


def test_probation_lasts_a_year() -> None:
    assert probation_ends_on(dt.date(2024, 7, 1)) == dt.date(2025, 7, 1)
    assert probation_ends_on(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)
