"""A reorganisation's checks of its units and musters, and its progress against targets.
Pure: no Django, no database.

The standards are the reorganisation's (defaults: veterans or matching specialists ≥ 60 % of a primary
unit's members, strength on hand ≥ 80 % of the target strength, muster turnout ≥ 90 %). Shares are
compared exactly (heluo.militia.rules.share.reaches). Findings carry a code and the numbers behind them;
the pages word them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .share import percent, reaches

__all__ = [
    "QUALIFIED_SHORT",
    "STRENGTH_SHORT",
    "Finding",
    "Progress",
    "Standards",
    "Turnout",
    "UnitCount",
    "turnout",
    "unit_findings",
]

STRENGTH_SHORT = "strength_short"
QUALIFIED_SHORT = "qualified_short"


@dataclass(frozen=True)
class Standards:
    qualified_share: Decimal = Decimal("60")
    strength_share: Decimal = Decimal("80")
    muster_turnout: Decimal = Decimal("90")


@dataclass(frozen=True)
class UnitCount:
    """A unit's members on the roster on the day, and of them the veterans or matching specialists."""

    on_hand: int
    target_strength: int
    qualified: int
    primary: bool


@dataclass(frozen=True)
class Finding:
    code: str
    part: int
    whole: int
    required: Decimal

    @property
    def percent(self) -> Decimal | None:
        return percent(self.part, self.whole)


def unit_findings(unit: UnitCount, standards: Standards = Standards()) -> list[Finding]:
    """What a unit falls short of (empty: it meets the standards). A unit without a target strength is
    not checked for strength; the qualified share is a primary unit's standard only."""
    findings = []
    if unit.target_strength and not reaches(unit.on_hand, unit.target_strength, standards.strength_share):
        findings.append(Finding(STRENGTH_SHORT, unit.on_hand, unit.target_strength, standards.strength_share))
    if unit.primary and not reaches(unit.qualified, unit.on_hand, standards.qualified_share):
        findings.append(Finding(QUALIFIED_SHORT, unit.qualified, unit.on_hand, standards.qualified_share))
    return findings


@dataclass(frozen=True)
class Progress:
    actual: int
    target: int

    @property
    def met(self) -> bool:
        return self.actual >= self.target

    @property
    def percent(self) -> Decimal | None:
        return percent(self.actual, self.target)


@dataclass(frozen=True)
class Turnout:
    present: int
    called: int
    required: Decimal

    @property
    def percent(self) -> Decimal | None:
        return percent(self.present, self.called)

    @property
    def meets(self) -> bool:
        return self.called > 0 and reaches(self.present, self.called, self.required)


def turnout(present: int, called: int, required: Decimal = Standards().muster_turnout) -> Turnout:
    """Those present at a muster over those called (集结点验到点率); a muster nobody was called to does not
    meet the standard."""
    return Turnout(present, called, required)
