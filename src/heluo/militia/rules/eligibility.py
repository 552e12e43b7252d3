"""Who may be on the militia roster, by age on a day. Pure: no Django, no database.

The defaults follow the older 兵役法 (men 18–35 in the militia) and its 1984 text (primary militia, 基干民兵,
up to 28); specialists and cadres of the primary militia may serve to a higher limit the city sets.
They are defaults: a city keeps its own limits as data (../shared/reference/modules.md: county notices of
2026 use 18–45, cadres and specialists to 50). Ages are whole years on the day asked about — for the
reorganisation, its reference date. The rules answer with findings (a code and the numbers behind
them); the pages word them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = [
    "OVER_AGE",
    "OVER_PRIMARY_AGE",
    "UNDER_AGE",
    "AgeLimits",
    "Finding",
    "age_on",
    "eligibility_findings",
    "is_eligible",
]

UNDER_AGE = "under_age"
OVER_AGE = "over_age"
OVER_PRIMARY_AGE = "over_primary_age"


@dataclass(frozen=True)
class AgeLimits:
    """Ages in whole years, each limit inclusive."""

    min_age: int = 18
    max_age: int = 35
    primary_max_age: int = 28
    # Specialists (matching the unit's specialty) and cadres of the primary militia.
    primary_extended_max_age: int = 35


@dataclass(frozen=True)
class Finding:
    code: str
    age: int
    limit: int


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Whole years completed on `day` (one born on 29 February turns a year older on 1 March)."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def eligibility_findings(
    birth_date: dt.date,
    day: dt.date,
    *,
    primary: bool,
    cadre_or_specialist: bool = False,
    limits: AgeLimits = AgeLimits(),
) -> list[Finding]:
    """What keeps a person off the roster on `day` (empty: eligible)."""
    age = age_on(birth_date, day)
    if age < limits.min_age:
        return [Finding(UNDER_AGE, age, limits.min_age)]
    if primary:
        limit = limits.primary_extended_max_age if cadre_or_specialist else limits.primary_max_age
        if age > limit:
            return [Finding(OVER_PRIMARY_AGE, age, limit)]
    elif age > limits.max_age:
        return [Finding(OVER_AGE, age, limits.max_age)]
    return []


def is_eligible(
    birth_date: dt.date,
    day: dt.date,
    *,
    primary: bool,
    cadre_or_specialist: bool = False,
    limits: AgeLimits = AgeLimits(),
) -> bool:
    return not eligibility_findings(
        birth_date, day, primary=primary, cadre_or_specialist=cadre_or_specialist, limits=limits
    )
