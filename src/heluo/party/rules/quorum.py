"""Quorum and votes of branch meetings (中国共产党支部工作条例（试行）, 基层组织选举工作暂行条例).
Pure: no Django, no database: counts in, a verdict with its reason out.

- 支委会 (committee_meeting): at least half of the committee present; a motion passes with more than
  half of the whole committee in favour.
- 支部党员大会 (member_meeting): more than half of the members with a vote present; a resolution passes
  with more than half of ALL members with a vote in favour (not of those present).
- An election (at a 支部党员大会): more than four fifths of those entitled present.
- 党小组会, 党课, 主题党日: no quorum (attendance is recorded) and no motions or elections.

Present means on site or online; excused and absent members are not present. Probationary members and
members under 留党察看 have no vote: callers count only members with a vote as entitled and present.
The arithmetic is on integers: "more than half" of 7 is 4 and of 8 is 5, "at least half" of 5 is 3,
"more than four fifths" of 10 is 9.

Messages are English catalogue keys with %(name)d placeholders; the service translates and fills them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

MEMBER_MEETING = "member_meeting"  # 支部党员大会
COMMITTEE_MEETING = "committee_meeting"  # 支委会
GROUP_MEETING = "group_meeting"  # 党小组会
PARTY_LECTURE = "party_lecture"  # 党课
THEME_DAY = "theme_day"  # 主题党日

KINDS = (MEMBER_MEETING, COMMITTEE_MEETING, GROUP_MEETING, PARTY_LECTURE, THEME_DAY)
# Kinds that decide: only these check a quorum and take motions; elections only at a member meeting.
DECIDING_KINDS = frozenset({MEMBER_MEETING, COMMITTEE_MEETING})

ON_SITE = "on_site"  # 现场
ONLINE = "online"  # 线上
EXCUSED = "excused"  # 请假
ABSENT = "absent"  # 缺席
MODES = (ON_SITE, ONLINE, EXCUSED, ABSENT)
PRESENT_MODES = frozenset({ON_SITE, ONLINE})


def gettext_noop(message: str) -> str:
    """Marks a message for the translation catalogue without importing Django."""
    return message


@dataclass(frozen=True)
class Verdict:
    """Whether a check passed, and why: `message` % `params` is the reason in English."""

    ok: bool
    message: str
    params: Mapping[str, int] = field(default_factory=dict)

    def text(self) -> str:
        return self.message % dict(self.params)


def more_than_half(total: int) -> int:
    """The smallest count that is more than half of `total` (7 → 4, 8 → 5)."""
    return total // 2 + 1


def at_least_half(total: int) -> int:
    """The smallest count that is at least half of `total` (5 → 3, 6 → 3)."""
    return (total + 1) // 2


def more_than_four_fifths(total: int) -> int:
    """The smallest count that is more than four fifths of `total` (10 → 9, 5 → 5, 7 → 6)."""
    return total * 4 // 5 + 1


def is_present(mode: str) -> bool:
    """On site and online count as present; excused and absent do not."""
    return mode in PRESENT_MODES


def count_present(modes: Iterable[str]) -> int:
    return sum(1 for mode in modes if is_present(mode))


def _check_counts(entitled: int, present: int) -> None:
    if entitled < 0 or present < 0 or present > entitled:
        raise ValueError(f"present {present} must lie between 0 and entitled {entitled}")


def quorum(kind: str, entitled: int, present: int, *, is_election: bool = False) -> Verdict:
    """Whether a meeting of `kind` may be held: `entitled` counts the committee (支委会) or the members
    with a vote (支部党员大会), `present` those of them on site or online. An election needs its own,
    stricter quorum; a kind without a quorum always passes (its attendance is recorded all the same)."""
    if kind not in KINDS:
        raise ValueError(f"unknown meeting kind {kind!r}")
    _check_counts(entitled, present)
    if is_election and kind != MEMBER_MEETING:
        return Verdict(False, gettext_noop("An election is held only at a branch member meeting."))
    if kind == COMMITTEE_MEETING:
        if entitled == 0:
            return Verdict(
                False,
                gettext_noop(
                    "The branch has no committee members in office: no committee meeting can be held."
                ),
            )
        needed = at_least_half(entitled)
        params = {"present": present, "entitled": entitled, "needed": needed}
        if present >= needed:
            return Verdict(
                True,
                gettext_noop(
                    "%(present)d of %(entitled)d committee members present (at least half: %(needed)d)."
                ),
                params,
            )
        return Verdict(
            False,
            gettext_noop(
                "Only %(present)d of %(entitled)d committee members present: a committee meeting needs at least half of the committee, %(needed)d."
            ),
            params,
        )
    if kind == MEMBER_MEETING:
        if entitled == 0:
            return Verdict(
                False, gettext_noop("The branch has no members with a vote: no member meeting can be held.")
            )
        if is_election:
            needed = more_than_four_fifths(entitled)
            params = {"present": present, "entitled": entitled, "needed": needed}
            if present >= needed:
                return Verdict(
                    True,
                    gettext_noop(
                        "%(present)d of %(entitled)d members with a vote present (an election needs more than four fifths: %(needed)d)."
                    ),
                    params,
                )
            return Verdict(
                False,
                gettext_noop(
                    "Only %(present)d of %(entitled)d members with a vote present: an election needs more than four fifths of those entitled, %(needed)d."
                ),
                params,
            )
        needed = more_than_half(entitled)
        params = {"present": present, "entitled": entitled, "needed": needed}
        if present >= needed:
            return Verdict(
                True,
                gettext_noop(
                    "%(present)d of %(entitled)d members with a vote present (more than half: %(needed)d)."
                ),
                params,
            )
        return Verdict(
            False,
            gettext_noop(
                "Only %(present)d of %(entitled)d members with a vote present: a member meeting needs more than half of them, %(needed)d."
            ),
            params,
        )
    return Verdict(True, gettext_noop("This kind of meeting has no quorum; its attendance is recorded."))


def votes_valid(kind: str, present: int, in_favour: int, against: int, abstained: int) -> Verdict:
    """Whether a motion's counts can stand: only a 支委会 or a 支部党员大会 votes, no count is negative,
    and the votes cast do not exceed those present with a vote."""
    if kind not in DECIDING_KINDS:
        return Verdict(
            False, gettext_noop("Only a branch member meeting or a committee meeting votes on motions.")
        )
    if min(in_favour, against, abstained) < 0:
        return Verdict(False, gettext_noop("Vote counts cannot be negative."))
    cast = in_favour + against + abstained
    params = {"cast": cast, "present": present}
    if cast > present:
        return Verdict(
            False,
            gettext_noop("%(cast)d votes cast but only %(present)d members with a vote present."),
            params,
        )
    return Verdict(True, gettext_noop("%(cast)d votes cast."), params)


def motion(entitled: int, in_favour: int) -> Verdict:
    """Whether a motion passes: more than half of ALL those entitled (the whole committee at a 支委会,
    every member with a vote at a 支部党员大会) in favour, not of those present or voting."""
    if entitled < 0 or not 0 <= in_favour <= entitled:
        raise ValueError(f"in favour {in_favour} must lie between 0 and entitled {entitled}")
    needed = more_than_half(entitled)
    params = {"in_favour": in_favour, "entitled": entitled, "needed": needed}
    if entitled and in_favour >= needed:
        return Verdict(
            True,
            gettext_noop(
                "Passed: %(in_favour)d of %(entitled)d in favour (more than half of all entitled: %(needed)d)."
            ),
            params,
        )
    return Verdict(
        False,
        gettext_noop(
            "Not passed: %(in_favour)d of %(entitled)d in favour; a motion needs more than half of all entitled, %(needed)d."
        ),
        params,
    )
