"""The meetings' published figures on hand-made rows: meetings held, online attendances and the share
of required meetings held, for a territory and a period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from heluo.core.figures import Period, Territory
from heluo.party.figures import meetings as figures

from .factories import KAIYUAN, LAOCHENG, division
from .factories_b import branch_with, meeting, presence

pytestmark = pytest.mark.django_db
D = dt.date


def test_meetings_held_and_online_attendances_in_a_territory() -> None:
    branch, roll = branch_with(4, established_on=D(2025, 1, 1))
    meeting(branch, "theme_day", D(2025, 1, 5), attendance=presence(on_site=roll[:2], online=roll[2:]))
    meeting(branch, "theme_day", D(2025, 2, 5), attendance=presence(online=roll[:1]))
    elsewhere, others = branch_with(3, code=KAIYUAN)
    meeting(elsewhere, "theme_day", D(2025, 1, 6), attendance=presence(online=others))
    laocheng, january = Territory.of(division(LAOCHENG)), Period(D(2025, 1, 1), D(2025, 1, 31))
    assert figures.meetings_held(laocheng, january) == 1
    assert figures.online_attendances(laocheng, january) == 2
    assert figures.meetings_held(Territory.city(), Period.year(2025)) == 3
    assert figures.online_attendances(Territory.city(), Period.year(2025)) == 6


def test_meeting_compliance_is_the_share_of_required_periods_held() -> None:
    # A branch formed on 1 January 2025 without a committee: in the first half-year 6 theme days, 2 member
    # meetings and 2 party lectures are required; it held all but March's theme day: 9 of 10.
    branch, _roll = branch_with(3, established_on=D(2025, 1, 1))
    for month in (1, 2, 4, 5, 6):
        meeting(branch, "theme_day", D(2025, month, 5))
    for month in (3, 6):
        meeting(branch, "member_meeting", D(2025, month, 10))
        meeting(branch, "party_lecture", D(2025, month, 11))
    half = Period(D(2025, 1, 1), D(2025, 6, 30))
    assert figures.meeting_compliance(Territory.of(division(LAOCHENG)), half) == Decimal("90.0")
    assert figures.meeting_compliance(Territory.of(division(KAIYUAN)), half) is None  # nothing due there
