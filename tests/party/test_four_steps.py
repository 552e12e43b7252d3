"""四议两公开's procedure on hand-made matters: the order, the dates, the quorums and votes in exact
integer arithmetic, the 一肩挑 merge, and the Chinese reasons for each refusal."""

from __future__ import annotations

import datetime as dt

import pytest

from heluo.party.rules import four_steps as fs
from heluo.party.rules.four_steps import StepRecord

TODAY = dt.date(2026, 12, 6)
D1, D2, D3, D4, D5, D6 = (dt.date(2026, 3, d) for d in (2, 5, 10, 20, 21, 30))

PROPOSED = StepRecord(fs.PROPOSAL, D1, expected=5, present=5, in_favour=5)
CONSULTED = StepRecord(fs.CONSULTATION, D2, expected=9, present=8, in_favour=7, against=1)
REVIEWED = StepRecord(fs.REVIEW, D3, expected=30, present=25, in_favour=20, against=3, abstained=2)
RESOLVED = StepRecord(
    fs.RESOLUTION, D4, expected=45, present=40, in_favour=33, against=5, assembly=fs.REPRESENTATIVES
)
PUBLISHED = StepRecord(fs.RESOLUTION_PUBLIC, D5)
RESULT = StepRecord(fs.RESULT_PUBLIC, D6)
ALL = [PROPOSED, CONSULTED, REVIEWED, RESOLVED, PUBLISHED, RESULT]


def test_a_matter_carried_through_all_six_steps_in_order() -> None:
    for done in range(6):
        assert fs.refusal(ALL[:done], ALL[done], secretary_is_chair=False, today=TODAY) is None
        assert fs.next_step(ALL[:done]) == done + 1
    assert fs.next_step(ALL) is None
    assert fs.refusal(ALL, RESULT, False, TODAY) == "六个步骤已全部完成"


def test_the_six_steps_have_their_names_in_order() -> None:
    assert [label for _, label in fs.STEPS] == [
        "党支部会提议", "两委会商议", "党员大会审议", "村民会议或村民代表会议决议", "决议公开", "实施结果公开",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("done", "new", "reason"),
    [
        (0, CONSULTED, "不能跳过步骤:下一步应是第1步“党支部会提议”"),
        (2, RESOLVED, "不能跳过步骤:下一步应是第3步“党员大会审议”"),
        (4, RESULT, "不能跳过步骤:下一步应是第5步“决议公开”"),
        (3, CONSULTED, "第2步“两委会商议”已经记录"),
    ],
)
def test_a_skipped_or_repeated_step_is_refused(done: int, new: StepRecord, reason: str) -> None:
    assert fs.refusal(ALL[:done], new, secretary_is_chair=True, today=TODAY) == reason


def test_a_step_dated_before_the_previous_one_is_refused_and_the_same_day_is_allowed() -> None:
    early = StepRecord(fs.REVIEW, D2 - dt.timedelta(days=1), expected=30, present=25, in_favour=20)
    assert fs.refusal(ALL[:2], early, False, TODAY) == (
        "日期(2026-03-04)早于上一步“两委会商议”的日期(2026-03-05)"
    )
    same_day = StepRecord(fs.REVIEW, D2, expected=30, present=25, in_favour=20)
    assert fs.refusal(ALL[:2], same_day, False, TODAY) is None


def test_a_step_in_the_future_is_refused() -> None:
    future = StepRecord(fs.PROPOSAL, TODAY + dt.timedelta(days=1), expected=5, present=5, in_favour=5)
    assert fs.refusal([], future, False, TODAY) == "日期不能晚于今天"
    assert (
        fs.refusal([], StepRecord(fs.PROPOSAL, TODAY, expected=5, present=5, in_favour=5), False, TODAY)
        is None
    )


@pytest.mark.parametrize(
    ("entitled", "present", "in_favour", "quorate", "passes"),
    [
        (10, 7, 6, True, True),  # 3·7 = 21 ≥ 20
        (10, 6, 6, False, False),  # 18 < 20: not two thirds
        (9, 6, 5, True, True),  # exactly two thirds
        (9, 5, 5, False, False),
        (30, 20, 16, True, True),  # 16 of 30 entitled: more than half
        (30, 20, 15, True, False),  # 15 of 30: half is not more than half
        (30, 30, 15, True, False),  # all present, still 15 of 30
        (3, 2, 2, True, True),
    ],
)
def test_the_members_meeting_needs_two_thirds_present_and_more_than_half_of_the_entitled_in_favour(
    entitled: int, present: int, in_favour: int, quorate: bool, passes: bool
) -> None:
    record = StepRecord(fs.REVIEW, D3, expected=entitled, present=present, in_favour=in_favour)
    problem = fs.quorum_problem(record)
    assert (problem is None) is quorate
    if quorate:
        assert fs.passed(record) is passes
    else:
        assert problem == f"党员大会应到有表决权党员{entitled}人,实到{present}人,不足三分之二,会议不能召开"
        assert fs.refusal(ALL[:2], record, False, TODAY) == problem


@pytest.mark.parametrize(
    ("adults", "present", "households", "households_present", "quorate"),
    [
        (200, 101, 0, 0, True),  # more than half of the adults
        (200, 100, 0, 0, False),  # half is not more than half
        (200, 100, 90, 60, True),  # but two thirds of the households
        (200, 100, 90, 59, False),  # 177 < 180
        (201, 101, 0, 0, True),
    ],
)
def test_a_villagers_meeting_needs_more_than_half_of_the_adults_or_two_thirds_of_the_households(
    adults: int, present: int, households: int, households_present: int, quorate: bool
) -> None:
    record = StepRecord(
        fs.RESOLUTION, D4, expected=adults, present=present, in_favour=present, assembly=fs.VILLAGERS,
        households=households, households_present=households_present,
    )  # fmt: skip
    assert (fs.quorum_problem(record) is None) is quorate
    assert (fs.refusal(ALL[:3], record, False, TODAY) is None) is quorate


@pytest.mark.parametrize(
    ("members", "present", "quorate"), [(45, 30, True), (45, 29, False), (10, 7, True), (10, 6, False)]
)
def test_a_representatives_meeting_needs_two_thirds_of_its_members(
    members: int, present: int, quorate: bool
) -> None:
    record = StepRecord(fs.RESOLUTION, D4, expected=members, present=present, assembly=fs.REPRESENTATIVES)
    assert (fs.quorum_problem(record) is None) is quorate
    if not quorate:
        assert fs.refusal(ALL[:3], record, False, TODAY) == (
            f"村民代表会议组成人员{members}人,实到{present}人,不足三分之二,会议不能召开"
        )


@pytest.mark.parametrize(
    ("present", "in_favour", "passes"), [(40, 21, True), (40, 20, False), (41, 21, True)]
)
def test_the_village_decision_passes_by_more_than_half_of_those_present(
    present: int, in_favour: int, passes: bool
) -> None:
    record = StepRecord(
        fs.RESOLUTION, D4, expected=45, present=present, in_favour=in_favour, assembly=fs.REPRESENTATIVES
    )
    assert fs.passed(record) is passes


def test_step_four_must_say_which_meeting_it_was() -> None:
    record = StepRecord(fs.RESOLUTION, D4, expected=45, present=40, in_favour=40)
    assert fs.refusal(ALL[:3], record, False, TODAY) == "请选择村民会议或村民代表会议"


def test_a_failed_vote_is_recorded_and_stops_the_matter() -> None:
    failed = StepRecord(fs.REVIEW, D3, expected=30, present=25, in_favour=15, against=10)
    assert fs.refusal(ALL[:2], failed, False, TODAY) is None
    assert fs.next_step([*ALL[:2], failed]) is None
    assert fs.refusal([*ALL[:2], failed], RESOLVED, False, TODAY) == "第3步“党员大会审议”未通过,事项不能继续"


@pytest.mark.parametrize(
    ("expected", "present", "in_favour", "quorate", "passes"),
    [(5, 3, 3, True, True), (6, 4, 4, True, True), (6, 3, 3, True, False), (5, 2, 2, False, False)],
)
def test_the_committee_steps_follow_the_branch_committee_rule(
    expected: int, present: int, in_favour: int, quorate: bool, passes: bool
) -> None:
    record = StepRecord(fs.PROPOSAL, D1, expected=expected, present=present, in_favour=in_favour)
    assert (fs.quorum_problem(record) is None) is quorate
    if quorate:
        assert fs.passed(record) is passes


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (StepRecord(fs.PROPOSAL, D1, expected=5, present=6, in_favour=5), "实到人数(6)超过应到人数(5)"),
        (
            StepRecord(fs.PROPOSAL, D1, expected=5, present=4, in_favour=3, against=2),
            "赞成、反对、弃权合计(5)超过实到人数(4)",
        ),
        (StepRecord(fs.PROPOSAL, D1, expected=0), "请填写应到人数"),
        (StepRecord(fs.PROPOSAL, D1, expected=5, present=-1), "人数和票数不能为负数"),
    ],
)
def test_impossible_counts_are_refused(record: StepRecord, reason: str) -> None:
    assert fs.refusal([], record, False, TODAY) == reason


def test_one_meeting_for_steps_one_and_two_when_the_secretary_is_also_the_chair() -> None:
    joint = StepRecord(fs.PROPOSAL, D1, expected=7, present=7, in_favour=7, joint=True)
    assert fs.refusal([], joint, secretary_is_chair=True, today=TODAY) is None
    assert fs.steps_covered(joint) == (1, 2)
    assert fs.next_step([joint]) == fs.REVIEW
    review_same_day = StepRecord(fs.REVIEW, D1, expected=30, present=25, in_favour=20)
    assert fs.refusal([joint], review_same_day, True, TODAY) is None
    assert fs.refusal([joint], CONSULTED, True, TODAY) == "第2步“两委会商议”已经记录"


def test_no_joint_meeting_without_one_person_in_both_posts() -> None:
    joint = StepRecord(fs.PROPOSAL, D1, expected=7, present=7, in_favour=7, joint=True)
    reason = "只有村党组织书记兼任村委会主任(一肩挑)时,党支部会提议和两委会商议才能合并为一次会议"
    assert fs.refusal([], joint, secretary_is_chair=False, today=TODAY) == reason
    late_joint = StepRecord(fs.CONSULTATION, D2, expected=7, present=7, in_favour=7, joint=True)
    assert fs.refusal([PROPOSED], late_joint, secretary_is_chair=True, today=TODAY) == reason


def test_the_secretary_who_is_chair_may_still_hold_two_meetings() -> None:
    assert fs.refusal([PROPOSED], CONSULTED, secretary_is_chair=True, today=TODAY) is None


def test_a_correction_that_breaks_a_later_step_is_refused() -> None:
    assert fs.sequence_refusal(ALL, secretary_is_chair=False, today=TODAY) is None
    late_review = StepRecord(fs.REVIEW, D4 + dt.timedelta(days=1), expected=30, present=25, in_favour=20)
    corrected = [PROPOSED, CONSULTED, late_review, RESOLVED]
    assert fs.sequence_refusal(corrected, False, TODAY) == (
        "第4步:日期(2026-03-20)早于上一步“党员大会审议”的日期(2026-03-21)"
    )


def test_the_state_is_the_last_step_reached_and_whether_it_failed() -> None:
    joint = StepRecord(fs.PROPOSAL, D1, expected=7, present=7, in_favour=7, joint=True)
    failed = StepRecord(fs.REVIEW, D3, expected=30, present=25, in_favour=15)
    assert fs.state_after([]) == (0, False)
    assert fs.state_after([joint]) == (2, False)
    assert fs.state_after([joint, failed]) == (3, True)
    assert fs.state_after(ALL[:5]) == (5, False)
