"""Recording 三会一课: who should attend, the quorum of each kind refused with its reason and nothing
written, motions and elections, online and excused attendance, and branch life."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from heluo.party.models import Attendance, Meeting, Member, OrganisationKind, PostKind
from heluo.party.services import meetings as services

from .factories import member, organisation, post
from .factories_b import branch_with, meeting, presence

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 10)


def test_member_meeting_counts_only_members_with_a_vote() -> None:
    # 8 full members and 4 probationary: 4 full and all 4 probationary present is 4 of 8 with a vote.
    branch, roll = branch_with(8, probationary=4)
    full, probationary = roll[:8], roll[8:]
    with pytest.raises(ValidationError) as refused:
        meeting(branch, attendance=presence(on_site=full[:4] + probationary))
    assert "实到仅4人" in str(refused.value) and "5" in str(refused.value)
    assert not Meeting.objects.exists() and not Attendance.objects.exists()
    held = meeting(branch, attendance=presence(on_site=full[:4], online=full[4:5]))
    assert (held.entitled, held.present, held.quorate) == (8, 5, True)


def test_a_member_under_probation_discipline_has_no_vote() -> None:
    branch, roll = branch_with(3)
    Member.objects.filter(pk=roll[0].pk).update(under_probation_discipline=True)
    held = meeting(branch, attendance=presence(on_site=roll[1:]))
    assert (held.entitled, held.present) == (2, 2)
    assert not Attendance.objects.get(meeting=held, member=roll[0]).had_vote


def test_online_counts_as_present_and_excused_does_not() -> None:
    branch, roll = branch_with(7)
    with pytest.raises(ValidationError):
        meeting(branch, attendance=presence(on_site=roll[:3], excused=roll[3:]))
    held = meeting(branch, attendance=presence(on_site=roll[:2], online=roll[2:4], excused=roll[4:5]))
    assert (held.present, held.quorate) == (4, True)
    modes = dict(held.attendances.values_list("member_id", "mode"))
    assert modes[roll[5].pk] == modes[roll[6].pk] == "absent"  # not named: absent
    assert held.attendances.get(member=roll[2]).platform == "学习强国视频会议"


def test_committee_meeting_needs_half_of_the_committee() -> None:
    branch, roll = branch_with(9, committee=5)
    committee = roll[:5]
    with pytest.raises(ValidationError) as refused:
        meeting(branch, "committee_meeting", attendance=presence(on_site=committee[:2]))
    assert "实到仅2人" in str(refused.value)
    held = meeting(
        branch, "committee_meeting", attendance=presence(on_site=committee[:2], online=committee[2:3])
    )
    assert (held.entitled, held.present, held.quorate) == (5, 3, True)
    assert held.attendances.count() == 5  # only the committee is expected


def test_a_post_that_ended_is_not_on_the_committee() -> None:
    branch, roll = branch_with(6, committee=3)
    post(branch, roll[3], PostKind.COMMITTEE_MEMBER, end=dt.date(2025, 12, 31))
    assert set(services.expected_members(branch, "committee_meeting", DAY)) == set(roll[:3])


def test_election_needs_more_than_four_fifths_of_those_entitled() -> None:
    branch, roll = branch_with(10, probationary=2)
    with pytest.raises(ValidationError) as refused:
        meeting(branch, attendance=presence(on_site=roll[:8] + roll[10:]), is_election=True)
    assert "实到仅8人" in str(refused.value) and "9" in str(refused.value)
    held = meeting(branch, attendance=presence(on_site=roll[:9]), is_election=True)
    assert held.is_election and held.quorate


def test_an_election_only_at_a_member_meeting() -> None:
    branch = branch_with(5, committee=3)[0]
    with pytest.raises(ValidationError):
        meeting(branch, "committee_meeting", is_election=True)


def test_a_motion_passes_with_more_than_half_of_all_with_a_vote() -> None:
    branch, roll = branch_with(10)
    motions = (
        services.MotionData("通过党员积分管理办法", 6, 0, 0),
        services.MotionData("调整活动时间", 5, 1, 0),
    )
    held = meeting(branch, attendance=presence(on_site=roll[:6]), motions=motions)
    assert list(held.motions.values_list("text", "passed")) == [
        ("通过党员积分管理办法", True),
        ("调整活动时间", False),
    ]


def test_more_votes_than_present_are_refused() -> None:
    branch, roll = branch_with(10)
    with pytest.raises(ValidationError) as refused:
        meeting(
            branch, attendance=presence(on_site=roll[:6]), motions=(services.MotionData("议题", 6, 1, 0),)
        )
    assert "7" in str(refused.value) and "6" in str(refused.value)
    assert not Meeting.objects.exists()


def test_a_theme_day_has_no_quorum_and_takes_no_motions() -> None:
    branch, roll = branch_with(10)
    held = meeting(branch, "theme_day", attendance=presence(on_site=roll[:1]))
    assert held.counts_as_held
    with pytest.raises(ValidationError):
        meeting(
            branch,
            "theme_day",
            attendance=presence(on_site=roll[:1]),
            motions=(services.MotionData("议题", 1),),
        )


def test_an_inquorate_meeting_is_recorded_only_on_purpose_and_without_decisions() -> None:
    branch, roll = branch_with(8)
    few = presence(on_site=roll[:3])
    held = services.record_meeting(
        branch, services.MeetingData("member_meeting", DAY, "未达人数"), few, None, record_inquorate=True
    )
    assert (
        not held.quorate and not held.counts_as_held and held.attendances.filter(mode="on_site").count() == 3
    )
    with pytest.raises(ValidationError) as refused:
        services.record_meeting(
            branch, services.MeetingData("member_meeting", DAY, "未达人数", motions=(services.MotionData("议题", 3),)),
            few, None, record_inquorate=True,
        )  # fmt: skip
    assert "不得有表决" in str(refused.value)


@pytest.mark.parametrize(
    ("entry", "word"),
    [(services.Presence("online"), "平台名称"), (services.Presence("excused"), "请假事由")],
)
def test_online_needs_a_platform_and_excused_a_reason(entry: services.Presence, word: str) -> None:
    branch, roll = branch_with(3)
    attendance = {**presence(on_site=roll[1:]), roll[0].pk: entry}
    with pytest.raises(ValidationError) as refused:
        meeting(branch, attendance=attendance)
    assert word in str(refused.value)


def test_the_meeting_platform_names_the_platform_of_those_online() -> None:
    branch, roll = branch_with(3)
    attendance = {**presence(on_site=roll[1:]), roll[0].pk: services.Presence("online")}
    held = meeting(branch, attendance=attendance, online_platform="学习强国")
    assert held.attendances.get(member=roll[0]).platform == "学习强国"


def test_a_member_of_another_branch_is_refused() -> None:
    branch, roll = branch_with(3)
    other = member(organisation())
    with pytest.raises(ValidationError):
        meeting(branch, attendance={**presence(on_site=roll), other.pk: services.Presence("on_site")})


def test_a_meeting_in_the_future_is_refused() -> None:
    branch = branch_with(3)[0]
    with pytest.raises(ValidationError):
        meeting(branch, held_on=dt.date.today() + dt.timedelta(days=2))


def test_a_group_meeting_is_the_groups_members() -> None:
    branch, roll = branch_with(5)
    group = organisation(kind=OrganisationKind.GROUP, parent=branch)
    Member.objects.filter(pk__in=[roll[0].pk, roll[1].pk]).update(group=group)
    held = meeting(group, "group_meeting", attendance=presence(on_site=roll[:1]))
    assert set(held.attendances.values_list("member", flat=True)) == {roll[0].pk, roll[1].pk}
    with pytest.raises(ValidationError):
        meeting(branch, "group_meeting")


def test_rerecording_a_meeting_replaces_its_attendance_and_motions() -> None:
    branch, roll = branch_with(4)
    held = meeting(branch, attendance=presence(on_site=roll[:3]), motions=(services.MotionData("议题", 3),))
    again = services.record_meeting(
        branch,
        services.MeetingData("member_meeting", DAY, "改"),
        presence(on_site=roll[:4]),
        None,
        meeting=held,
    )
    assert again.pk == held.pk and again.present == 4 and not again.motions.exists()
    assert Attendance.objects.filter(meeting=held).count() == 4


def test_branch_life_counts_attendance_online_and_excused_with_reason() -> None:
    branch, roll = branch_with(5)
    meeting(branch, held_on=dt.date(2026, 1, 15), attendance=presence(on_site=roll[:3], online=roll[3:4]))
    meeting(branch, "theme_day", held_on=dt.date(2026, 2, 5), attendance=presence(excused=roll[:1]))
    months = services.life_months([m.pk for m in roll], dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert months[roll[0].pk] == {dt.date(2026, 1, 1), dt.date(2026, 2, 1)}
    assert months[roll[3].pk] == {dt.date(2026, 1, 1)}
    assert roll[4].pk not in months  # absent both times
