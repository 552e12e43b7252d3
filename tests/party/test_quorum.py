"""Quorum and votes of branch meetings on hand-computed tables, every edge of each threshold."""

from __future__ import annotations

import pytest

from heluo.party.rules import quorum as q


@pytest.mark.parametrize(
    ("total", "more_than_half", "at_least_half", "more_than_four_fifths"),
    [
        (1, 1, 1, 1),
        (2, 2, 1, 2),
        (3, 2, 2, 3),
        (4, 3, 2, 4),
        (5, 3, 3, 5),  # four fifths of 5 is 4: more than that is 5
        (6, 4, 3, 5),  # 4.8 → 5
        (7, 4, 4, 6),  # 5.6 → 6
        (8, 5, 4, 7),  # 6.4 → 7
        (10, 6, 5, 9),  # 8 → 9
        (30, 16, 15, 25),  # 24 → 25
    ],
)
def test_thresholds_are_exact_integer_arithmetic(
    total: int, more_than_half: int, at_least_half: int, more_than_four_fifths: int
) -> None:
    assert q.more_than_half(total) == more_than_half
    assert q.at_least_half(total) == at_least_half
    assert q.more_than_four_fifths(total) == more_than_four_fifths


@pytest.mark.parametrize(
    ("entitled", "present", "ok"),
    [
        (5, 3, True),
        (5, 2, False),
        (4, 2, True),
        (4, 1, False),
        (3, 2, True),
        (3, 1, False),
        (7, 4, True),
        (7, 3, False),
    ],
)
def test_committee_meeting_needs_at_least_half_of_the_committee(
    entitled: int, present: int, ok: bool
) -> None:
    verdict = q.quorum(q.COMMITTEE_MEETING, entitled, present)
    assert verdict.ok is ok
    assert str(present) in verdict.text() and str(entitled) in verdict.text()


@pytest.mark.parametrize(
    ("entitled", "present", "ok"),
    [
        (7, 4, True),
        (7, 3, False),
        (8, 5, True),
        (8, 4, False),
        (3, 2, True),
        (3, 1, False),
        (30, 16, True),
        (30, 15, False),
    ],
)
def test_member_meeting_needs_more_than_half_of_those_with_a_vote(
    entitled: int, present: int, ok: bool
) -> None:
    assert q.quorum(q.MEMBER_MEETING, entitled, present).ok is ok


@pytest.mark.parametrize(
    ("entitled", "present", "ok"),
    [
        (10, 9, True),
        (10, 8, False),
        (5, 5, True),
        (5, 4, False),
        (7, 6, True),
        (7, 5, False),
        (30, 25, True),
        (30, 24, False),
    ],
)
def test_election_needs_more_than_four_fifths_of_those_entitled(
    entitled: int, present: int, ok: bool
) -> None:
    verdict = q.quorum(q.MEMBER_MEETING, entitled, present, is_election=True)
    assert verdict.ok is ok
    if not ok:
        assert "four fifths" in verdict.text()


def test_the_refusal_says_how_many_were_needed() -> None:
    verdict = q.quorum(q.MEMBER_MEETING, 8, 4)
    assert (
        verdict.text()
        == "Only 4 of 8 members with a vote present: a member meeting needs more than half of them, 5."
    )


@pytest.mark.parametrize("kind", [q.GROUP_MEETING, q.PARTY_LECTURE, q.THEME_DAY])
def test_group_meeting_lecture_and_theme_day_have_no_quorum(kind: str) -> None:
    assert q.quorum(kind, 20, 0).ok


@pytest.mark.parametrize("kind", [q.COMMITTEE_MEETING, q.GROUP_MEETING, q.THEME_DAY])
def test_an_election_is_held_only_at_a_member_meeting(kind: str) -> None:
    assert not q.quorum(kind, 5, 5, is_election=True).ok


@pytest.mark.parametrize("kind", [q.COMMITTEE_MEETING, q.MEMBER_MEETING])
def test_nobody_entitled_means_no_meeting(kind: str) -> None:
    assert not q.quorum(kind, 0, 0).ok


def test_present_above_entitled_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        q.quorum(q.MEMBER_MEETING, 3, 4)


def test_online_counts_as_present_excused_and_absent_do_not() -> None:
    assert q.count_present([q.ON_SITE, q.ONLINE, q.ONLINE, q.EXCUSED, q.ABSENT]) == 3


@pytest.mark.parametrize(
    ("entitled", "in_favour", "passed"),
    [(7, 4, True), (7, 3, False), (8, 5, True), (8, 4, False), (10, 6, True), (10, 5, False), (1, 1, True)],
)
def test_a_motion_needs_more_than_half_of_all_entitled_in_favour(
    entitled: int, in_favour: int, passed: bool
) -> None:
    assert q.motion(entitled, in_favour).ok is passed


def test_a_majority_of_those_present_is_not_enough() -> None:
    # 10 with a vote, 6 present (quorate), 5 of the 6 in favour: a majority present, not of all entitled.
    assert q.quorum(q.MEMBER_MEETING, 10, 6).ok
    assert q.votes_valid(q.MEMBER_MEETING, 6, 5, 1, 0).ok
    verdict = q.motion(10, 5)
    assert not verdict.ok
    assert (
        verdict.text() == "Not passed: 5 of 10 in favour; a motion needs more than half of all entitled, 6."
    )


@pytest.mark.parametrize(
    ("kind", "present", "votes", "ok"),
    [
        (q.MEMBER_MEETING, 6, (4, 1, 1), True),
        (q.MEMBER_MEETING, 6, (4, 2, 1), False),  # 7 votes, 6 present
        (q.MEMBER_MEETING, 6, (-1, 0, 0), False),
        (q.COMMITTEE_MEETING, 3, (3, 0, 0), True),
        (q.GROUP_MEETING, 6, (4, 0, 0), False),  # a group meeting takes no motions
        (q.THEME_DAY, 6, (4, 0, 0), False),
    ],
)
def test_votes_cast_cannot_exceed_those_present(
    kind: str, present: int, votes: tuple[int, int, int], ok: bool
) -> None:
    assert q.votes_valid(kind, present, *votes).ok is ok
