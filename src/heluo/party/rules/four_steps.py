"""四议两公开: the procedure for a village's major matters, as an ordered list of six steps, and the
checks a step must pass before it is recorded. Pure: no Django, no database.

1 党支部会提议, 2 两委会商议, 3 党员大会审议, 4 村民会议或村民代表会议决议, 5 决议公开, 6 实施结果公开.
A step is recorded only when the step before it is recorded and passed, and it is dated no earlier
than that step and not in the future. Where the branch secretary is also the village committee chair
(一肩挑), steps 1 and 2 may be one meeting: one record of step 1 marked joint, which stands for both.

The votes, in exact integer arithmetic (no fractions, no rounding):
- steps 1 and 2 (the branch committee; both committees): the 支委会 rule — at least half of those who
  should attend present (2·present ≥ expected), passed by more than half of them (2·for > expected);
- step 3, the members' meeting: at least two thirds of the members entitled present
  (3·present ≥ 2·entitled: 7 of 10), passed by more than half of those entitled (2·for > entitled);
- step 4, 村民委员会组织法: a villagers' meeting needs more than half of the adult villagers
  (2·present > adults) or two thirds of the households (3·households present ≥ 2·households); a
  representatives' meeting two thirds of its members (3·present ≥ 2·members); either is passed by more
  than half of those present (2·for > present);
- steps 5 and 6 are publications: a date, no vote.
A meeting without its quorum is refused (not recorded); a quorate vote that fails is recorded as not
passed and the matter goes no further.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

PROPOSAL = 1
CONSULTATION = 2
REVIEW = 3
RESOLUTION = 4
RESOLUTION_PUBLIC = 5
RESULT_PUBLIC = 6

STEPS: tuple[tuple[int, str], ...] = (
    (PROPOSAL, "党支部会提议"),
    (CONSULTATION, "两委会商议"),
    (REVIEW, "党员大会审议"),
    (RESOLUTION, "村民会议或村民代表会议决议"),
    (RESOLUTION_PUBLIC, "决议公开"),
    (RESULT_PUBLIC, "实施结果公开"),
)
LABELS = dict(STEPS)
MEETINGS = frozenset({PROPOSAL, CONSULTATION, REVIEW, RESOLUTION})
PUBLICATIONS = frozenset({RESOLUTION_PUBLIC, RESULT_PUBLIC})

VILLAGERS = "villagers"  # 村民会议
REPRESENTATIVES = "representatives"  # 村民代表会议


@dataclass(frozen=True)
class StepRecord:
    """One step as recorded: its number, its day (the meeting's, or the publication's for 5 and 6), and
    for a meeting those who should attend (`expected`: the committee members, the members entitled to
    vote, the adult villagers or the representatives), those present and the votes. `joint` marks a
    step 1 that was also step 2 (一肩挑). For a villagers' meeting, `households` and
    `households_present` count the households."""

    step: int
    on: dt.date
    expected: int = 0
    present: int = 0
    in_favour: int = 0
    against: int = 0
    abstained: int = 0
    assembly: str = ""
    households: int = 0
    households_present: int = 0
    joint: bool = False


def steps_covered(record: StepRecord) -> tuple[int, ...]:
    return (PROPOSAL, CONSULTATION) if record.joint else (record.step,)


def count_problem(record: StepRecord) -> str | None:
    """Why the counts of a meeting cannot be true (negative, more present than expected, more votes
    than present); None when they can."""
    numbers = (record.expected, record.present, record.in_favour, record.against, record.abstained)
    if min(*numbers, record.households, record.households_present) < 0:
        return "人数和票数不能为负数"
    if record.expected <= 0:
        return "请填写应到人数"
    if record.present > record.expected:
        return f"实到人数({record.present})超过应到人数({record.expected})"
    votes = record.in_favour + record.against + record.abstained
    if votes > record.present:
        return f"赞成、反对、弃权合计({votes})超过实到人数({record.present})"
    if record.households_present > record.households:
        return f"到会户数({record.households_present})超过总户数({record.households})"
    return None


def quorum_problem(record: StepRecord) -> str | None:
    """Why a meeting was not quorate under its step's rule; None when it was."""
    present, expected = record.present, record.expected
    if record.step in (PROPOSAL, CONSULTATION):
        if 2 * present < expected:
            return f"应到{expected}人,实到{present}人,不足半数,会议不能召开"
        return None
    if record.step == REVIEW:
        if 3 * present < 2 * expected:
            return f"党员大会应到有表决权党员{expected}人,实到{present}人,不足三分之二,会议不能召开"
        return None
    if record.assembly == VILLAGERS:
        by_people = 2 * present > expected
        by_households = record.households > 0 and 3 * record.households_present >= 2 * record.households
        if not (by_people or by_households):
            return (
                f"村民会议应有年满十八周岁村民{expected}人的过半数或本村{record.households}户的三分之二以上户的代表参加,"
                f"实到{present}人、{record.households_present}户,会议不能召开"
            )
        return None
    if record.assembly == REPRESENTATIVES:
        if 3 * present < 2 * expected:
            return f"村民代表会议组成人员{expected}人,实到{present}人,不足三分之二,会议不能召开"
        return None
    return "请选择村民会议或村民代表会议"


def passed(record: StepRecord) -> bool:
    """Whether a quorate meeting passed the matter (a publication always stands)."""
    if record.step in PUBLICATIONS:
        return True
    if record.step == RESOLUTION:
        return 2 * record.in_favour > record.present
    return 2 * record.in_favour > record.expected


def next_step(records: Sequence[StepRecord]) -> int | None:
    """The step to record next, or None when the matter is finished or stopped by a failed vote."""
    if not records:
        return PROPOSAL
    last = records[-1]
    if not passed(last) or last.step == RESULT_PUBLIC:
        return None
    return steps_covered(last)[-1] + 1


def refusal(
    records: Sequence[StepRecord], new: StepRecord, secretary_is_chair: bool, today: dt.date
) -> str | None:
    """Why `new` may not be recorded after `records` (the matter's steps so far, in order); None if it
    may. The reason is a sentence in Chinese for the person recording it."""
    if new.joint and (new.step != PROPOSAL or not secretary_is_chair):
        return "只有村党组织书记兼任村委会主任(一肩挑)时,党支部会提议和两委会商议才能合并为一次会议"
    if records and not passed(records[-1]):
        last = records[-1]
        return f"第{last.step}步“{LABELS[last.step]}”未通过,事项不能继续"
    expected_step = next_step(records)
    if expected_step is None:
        return "六个步骤已全部完成"
    if new.step != expected_step:
        if new.step < expected_step:
            return f"第{new.step}步“{LABELS.get(new.step, '')}”已经记录"
        return f"不能跳过步骤:下一步应是第{expected_step}步“{LABELS[expected_step]}”"
    if new.on > today:
        return "日期不能晚于今天"
    if records and new.on < records[-1].on:
        previous = records[-1]
        return f"日期({new.on:%Y-%m-%d})早于上一步“{LABELS[previous.step]}”的日期({previous.on:%Y-%m-%d})"
    if new.step in MEETINGS:
        return count_problem(new) or quorum_problem(new)
    return None


def sequence_refusal(records: Sequence[StepRecord], secretary_is_chair: bool, today: dt.date) -> str | None:
    """Why a whole sequence of steps could not have been recorded in that order (replayed one by one);
    None when every step may stand. A correction to a recorded step is checked this way, so that it
    cannot break the steps after it."""
    for done, record in enumerate(records):
        reason = refusal(records[:done], record, secretary_is_chair, today)
        if reason is not None:
            return f"第{record.step}步:{reason}"
    return None


def state_after(records: Sequence[StepRecord]) -> tuple[int, bool]:
    """(the last step reached, 0 for none; whether that step failed its vote)."""
    if not records:
        return 0, False
    last = records[-1]
    return steps_covered(last)[-1], not passed(last)
