"""The share of new-type forces (新质力量) in the primary militia on a reorganisation's reference date.
Pure: no Django, no database.

Counted: primary militia on the roster that day (joined on or before it, not left by it) and eligible as
primary militia by age that day (heluo.militia.rules.eligibility, the city's limits). The share is those
in units whose category counts as new-type forces over all of them, compared exactly: 20 of 100 meets
20 %, 199 of 1000 does not. The percent shown is cut, never rounded up, to two decimals, so a shortfall
never reads as the required share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from .eligibility import AgeLimits, is_eligible

__all__ = ["RosterEntry", "Share", "counts_as_primary", "new_type_share", "on_roster", "percent", "reaches"]

HUNDREDTH = Decimal("0.01")
DEFAULT_LIMITS = AgeLimits()


@dataclass(frozen=True)
class RosterEntry:
    """What the share reads of a member on the roster."""

    birth_date: dt.date
    joined_on: dt.date
    left_on: dt.date | None
    primary: bool
    # The member's unit's category counts as new-type forces.
    new_type: bool
    cadre_or_specialist: bool = False


@dataclass(frozen=True)
class Share:
    numerator: int
    denominator: int

    @property
    def percent(self) -> Decimal | None:
        return percent(self.numerator, self.denominator)

    def meets(self, required: Decimal) -> bool:
        return reaches(self.numerator, self.denominator, required)


def percent(part: int, whole: int) -> Decimal | None:
    """part ÷ whole in percent, cut to two decimals; None when whole is 0."""
    if whole <= 0:
        return None
    return (Decimal(100 * part) / Decimal(whole)).quantize(HUNDREDTH, rounding=ROUND_DOWN)


def reaches(part: int, whole: int, required: Decimal) -> bool:
    """part ÷ whole ≥ required % exactly (no rounding); nothing of nothing reaches only 0 %."""
    if whole <= 0:
        return required <= 0
    return Decimal(100 * part) >= required * whole


def on_roster(entry: RosterEntry, day: dt.date) -> bool:
    return entry.joined_on <= day and (entry.left_on is None or entry.left_on > day)


def counts_as_primary(entry: RosterEntry, day: dt.date, limits: AgeLimits) -> bool:
    return (
        entry.primary
        and on_roster(entry, day)
        and is_eligible(
            entry.birth_date, day, primary=True, cadre_or_specialist=entry.cadre_or_specialist, limits=limits
        )
    )


def new_type_share(entries: Iterable[RosterEntry], day: dt.date, limits: AgeLimits = DEFAULT_LIMITS) -> Share:
    """The primary militia counted on `day` in new-type units over all the primary militia counted."""
    counted = [entry for entry in entries if counts_as_primary(entry, day, limits)]
    return Share(sum(1 for entry in counted if entry.new_type), len(counted))
