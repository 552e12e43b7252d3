"""Required meetings over a hand-made year: one missed month opens one case, a second scan none, a
make-up meeting does not close it; an inquorate meeting does not count; an organisation's own
requirement replaces the city's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from heluo.cases.models import Case
from heluo.party.models import MeetingRequirement, MissedMeeting
from heluo.party.services import meetings as services

from .factories_b import branch_with, meeting, presence

pytestmark = pytest.mark.django_db
D = dt.date


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, 9, 0))


def hand_made_year(skip_theme_month: int | None = 5) -> tuple:
    """A branch without a committee that holds in 2025 its member meeting and party lecture each quarter
    and its theme day each month — but for May's, made up on 20 June. It was formed on 1 January."""
    branch, roll = branch_with(3, established_on=D(2025, 1, 1))
    for quarter_month in (3, 6, 9, 12):
        meeting(branch, "member_meeting", D(2025, quarter_month, 10))
        meeting(branch, "party_lecture", D(2025, quarter_month, 11))
    for month in range(1, 13):
        if month != skip_theme_month:
            meeting(branch, "theme_day", D(2025, month, 5))
    if skip_theme_month:
        meeting(branch, "theme_day", D(2025, skip_theme_month + 1, 20), topic="补开主题党日")
    return branch, roll


def test_the_city_requirements_are_seeded() -> None:
    assert dict(MeetingRequirement.objects.filter(organisation=None).values_list("kind", "frequency")) == {
        "member_meeting": "quarterly",
        "committee_meeting": "monthly",
        "group_meeting": "monthly",
        "theme_day": "monthly",
        "party_lecture": "quarterly",
    }


def test_a_hand_made_year_with_a_missed_month_opens_one_case() -> None:
    branch, _roll = hand_made_year()
    statuses = services.organisation_compliance(branch, D(2025, 1, 1), D(2025, 12, 1), D(2026, 1, 15))
    assert [(s.kind, s.start) for s in statuses if s.missed] == [("theme_day", D(2025, 5, 1))]
    assert len(statuses) == 4 + 4 + 12  # no committee: no committee meetings required

    assert services.scan_missed_meetings(at(D(2026, 1, 15))) == 1
    missed = MissedMeeting.objects.get()
    assert (missed.organisation, missed.kind, missed.period_start, missed.period_end, missed.held) == (
        branch, "theme_day", D(2025, 5, 1), D(2025, 5, 31), 0,
    )  # fmt: skip
    case = missed.case
    assert (
        case.source == missed
        and case.source_kind == "party_meeting_missed"
        and case.division == branch.division
    )
    assert services.scan_missed_meetings(at(D(2026, 1, 16))) == 0
    assert Case.objects.filter(source_kind="party_meeting_missed").count() == 1


def test_a_make_up_meeting_later_does_not_close_the_case() -> None:
    branch, _roll = hand_made_year()
    services.scan_missed_meetings(at(D(2025, 6, 2)))
    case = MissedMeeting.objects.get().case
    meeting(branch, "theme_day", D(2025, 6, 25), topic="再次补开")
    assert services.scan_missed_meetings(at(D(2025, 7, 1))) == 0
    case.refresh_from_db()
    assert case.state not in ("closed", "cancelled")


def test_a_period_not_over_is_not_missed_yet() -> None:
    hand_made_year()
    assert services.scan_missed_meetings(at(D(2025, 5, 31))) == 0
    assert not MissedMeeting.objects.exists()


def test_an_inquorate_member_meeting_does_not_count_as_held() -> None:
    branch, roll = hand_made_year(skip_theme_month=None)
    services.record_meeting(
        branch, services.MeetingData("member_meeting", D(2025, 2, 3), "人数不足"), presence(on_site=roll[:1]), None,
        record_inquorate=True,
    )  # fmt: skip
    statuses = services.organisation_compliance(branch, D(2025, 1, 1), D(2025, 12, 1), D(2026, 1, 15))
    q1 = next(s for s in statuses if s.kind == "member_meeting" and s.start == D(2025, 1, 1))
    assert q1.held == 1  # the quorate one of 10 March only


def test_a_branch_with_a_committee_must_hold_committee_meetings() -> None:
    branch, _roll = branch_with(7, committee=3)
    kinds = [r.kind for r in services.requirements_for(branch, D(2025, 3, 1))]
    assert kinds == ["member_meeting", "committee_meeting", "party_lecture", "theme_day"]


def test_an_organisations_own_requirement_replaces_the_citys() -> None:
    branch, _roll = branch_with(3)
    MeetingRequirement.objects.create(organisation=branch, kind="party_lecture", frequency="half_yearly")
    lecture = next(r for r in services.requirements_for(branch, D(2025, 3, 1)) if r.kind == "party_lecture")
    assert lecture.frequency == "half_yearly"
    other, _ = branch_with(3)
    assert (
        next(
            r for r in services.requirements_for(other, D(2025, 3, 1)) if r.kind == "party_lecture"
        ).frequency
        == "quarterly"
    )
