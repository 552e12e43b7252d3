"""The branch rules of 中国共产党支部工作条例（试行）(2018). Pure: no Django, no database.

A branch (党支部) is formed with at least 3 full members; a branch of 7 or more full members elects a
committee (支委会) of 3 to 5 members, at most 7. The rules answer with findings (a code and the numbers
behind it); the pages word them."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "COMMITTEE_ABOVE_USUAL",
    "COMMITTEE_FROM_MEMBERS",
    "COMMITTEE_MAX",
    "COMMITTEE_MIN",
    "COMMITTEE_NEEDED",
    "COMMITTEE_TOO_LARGE",
    "COMMITTEE_TOO_SMALL",
    "COMMITTEE_USUAL_MAX",
    "MIN_FULL_MEMBERS",
    "TOO_FEW_MEMBERS",
    "Finding",
    "branch_findings",
    "may_form_branch",
]

MIN_FULL_MEMBERS = 3
COMMITTEE_FROM_MEMBERS = 7
COMMITTEE_MIN = 3
COMMITTEE_USUAL_MAX = 5
COMMITTEE_MAX = 7

TOO_FEW_MEMBERS = "too_few_members"
COMMITTEE_NEEDED = "committee_needed"
COMMITTEE_TOO_SMALL = "committee_too_small"
COMMITTEE_ABOVE_USUAL = "committee_above_usual"
COMMITTEE_TOO_LARGE = "committee_too_large"


@dataclass(frozen=True)
class Finding:
    """One rule a branch breaks: `code` names it; the counts say by how much."""

    code: str
    full_members: int
    committee: int


def may_form_branch(full_members: int) -> bool:
    """Whether a branch may be formed with this many full members."""
    return full_members >= MIN_FULL_MEMBERS


def branch_findings(full_members: int, committee: int) -> list[Finding]:
    """The rules a branch with `full_members` full members and `committee` members holding committee
    posts (书记, 副书记, 委员) breaks, in the order the regulation states them; empty: none."""
    found: list[str] = []
    if full_members < MIN_FULL_MEMBERS:
        found.append(TOO_FEW_MEMBERS)
    if committee == 0:
        if full_members >= COMMITTEE_FROM_MEMBERS:
            found.append(COMMITTEE_NEEDED)
    elif committee < COMMITTEE_MIN and full_members >= COMMITTEE_FROM_MEMBERS:
        found.append(COMMITTEE_TOO_SMALL)
    elif committee > COMMITTEE_MAX:
        found.append(COMMITTEE_TOO_LARGE)
    elif committee > COMMITTEE_USUAL_MAX:
        found.append(COMMITTEE_ABOVE_USUAL)
    return [Finding(code, full_members, committee) for code in found]
