"""Who may be on the roster: the city's age limits (EligibilityLimits, defaults seeded after migrate)
applied by the pure rule (heluo.militia.rules.eligibility), worded for the pages, imports and the API."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from heluo.core.dates import date_text

from ..models import EligibilityLimits, MemberClass
from ..rules.eligibility import (
    OVER_AGE,
    OVER_PRIMARY_AGE,
    UNDER_AGE,
    AgeLimits,
    Finding,
    eligibility_findings,
)

# The day the seeded defaults take effect: before any roster a city keeps.
DEFAULTS_FROM = dt.date(2000, 1, 1)


def seed_limits() -> None:
    """The city's limits start as the rule's documented defaults. Idempotent; never overwrites a change."""
    EligibilityLimits.objects.get_or_create(effective_from=DEFAULTS_FROM)


def limits_on(day: dt.date) -> AgeLimits:
    """The limits the city applies on `day`: its row effective last on or before it, else the defaults."""
    row = EligibilityLimits.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    return row.as_limits() if row is not None else AgeLimits()


def describe(finding: Finding, day: dt.date) -> str:
    """A finding as the page says it: the age on the day and the limit it breaks."""
    values = {"age": finding.age, "limit": finding.limit, "day": date_text(day)}
    if finding.code == UNDER_AGE:
        return _("Aged %(age)s on %(day)s: under the minimum age of %(limit)s.") % values
    if finding.code == OVER_PRIMARY_AGE:
        return (
            _("Aged %(age)s on %(day)s: over the limit of %(limit)s for this primary militia member.")
            % values
        )
    if finding.code == OVER_AGE:
        return _("Aged %(age)s on %(day)s: over the militia's maximum age of %(limit)s.") % values
    raise ValueError(finding.code)


def age_refusals(
    birth_date: dt.date, day: dt.date, *, member_class: str, cadre_or_specialist: bool
) -> list[str]:
    """Why a person born on `birth_date` may not be on the roster in this class on `day` (empty: may)."""
    findings = eligibility_findings(
        birth_date,
        day,
        primary=member_class == MemberClass.PRIMARY,
        cadre_or_specialist=cadre_or_specialist,
        limits=limits_on(day),
    )
    return [describe(finding, day) for finding in findings]
