"""A year's reorganisation (民兵整组) computed from the roster on its reference date: the share of new-type
forces (新质力量) of the city and of each county, the progress against the province's targets, the
composition of each unit; and the supervision case a shortfall of the share opens.

Everything here is counted from the rows (heluo.militia.rules.share and .composition hold the
arithmetic); nothing is stored, so a change to the roster shows on the next reading."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.cases.models import OPEN_STATES, Case, CaseCategory, State
from heluo.cases.services import transitions
from heluo.cases.services.opening import AssignmentPolicy, Officer, open_case
from heluo.cases.services.registration import Registration
from heluo.core.figures import Territory
from heluo.core.models import Account, Division, DivisionLevel
from heluo.core.services.accounts import system_operator

from ..models import MemberClass, MilitiaMember, MilitiaUnit, Muster, Reorganisation, ReorganisationTarget
from ..rules.composition import Finding, Progress, Standards, Turnout, UnitCount, turnout, unit_findings
from ..rules.eligibility import AgeLimits, is_eligible
from ..rules.share import RosterEntry, Share, counts_as_primary, new_type_share, on_roster
from .eligibility import limits_on

SOURCE_KIND = "militia_new_type_shortfall"
CASE_CATEGORY = "militia"
OFFICE_ROLE = "militia_officer"


def city_age_limits(day: dt.date) -> AgeLimits:
    """The age limits the roster is counted with on `day`: the city's, kept as data (EligibilityLimits)."""
    return limits_on(day)


def standards(reorganisation: Reorganisation) -> Standards:
    return Standards(
        qualified_share=reorganisation.min_qualified_share,
        strength_share=reorganisation.min_strength_share,
        muster_turnout=reorganisation.min_muster_turnout,
    )


@dataclass(frozen=True)
class RosterRow:
    """A member on the roster as the reorganisation reads it."""

    entry: RosterEntry
    unit_id: int | None
    category_id: int | None
    qualified: bool


def roster(territory: Territory, day: dt.date) -> list[RosterRow]:
    """The members registered in `territory` (predecessor divisions included) on the roster on `day`."""
    rows = MilitiaMember.objects.filter(joined_on__lte=day).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=day)
    )
    values = territory.filter(rows, "division").values(
        "birth_date", "joined_on", "left_on", "member_class", "unit_id", "unit__category_id",
        "unit__category__counts_as_new_type", "is_cadre", "specialty_matches", "is_veteran",
    )  # fmt: skip
    return [
        RosterRow(
            entry=RosterEntry(
                birth_date=v["birth_date"],
                joined_on=v["joined_on"],
                left_on=v["left_on"],
                primary=v["member_class"] == MemberClass.PRIMARY,
                new_type=bool(v["unit__category__counts_as_new_type"]),
                cadre_or_specialist=v["is_cadre"] or v["specialty_matches"],
            ),
            unit_id=v["unit_id"],
            category_id=v["unit__category_id"],
            qualified=v["is_veteran"] or v["specialty_matches"],
        )
        for v in values
    ]


def counted(row: RosterRow, day: dt.date, limits: AgeLimits) -> bool:
    """On the roster on `day` and eligible by age for the member's class that day."""
    entry = row.entry
    if entry.primary:
        return counts_as_primary(entry, day, limits)
    return on_roster(entry, day) and is_eligible(entry.birth_date, day, primary=False, limits=limits)


@dataclass(frozen=True)
class AreaShare:
    division: Division
    share: Share
    meets: bool


def area_share(
    reorganisation: Reorganisation, division: Division, limits: AgeLimits | None = None
) -> AreaShare:
    day = reorganisation.reference_date
    rows = roster(Territory.of(division), day)
    share = new_type_share((row.entry for row in rows), day, limits or city_age_limits(day))
    return AreaShare(division, share, share.meets(reorganisation.required_new_type_share))


def counties(reorganisation: Reorganisation) -> list[Division]:
    """The counties and districts of a city's reorganisation (none for a county's own)."""
    if reorganisation.division.level != DivisionLevel.CITY:
        return []
    return list(
        Division.objects.filter(
            parent=reorganisation.division, level=DivisionLevel.COUNTY, valid_to__isnull=True
        ).order_by("code")
    )


@dataclass(frozen=True)
class TargetProgress:
    target: ReorganisationTarget
    progress: Progress


def target_progress(
    targets: Iterable[ReorganisationTarget], day: dt.date, limits: AgeLimits
) -> list[TargetProgress]:
    """Each target against the militia of its class (and category) counted on `day` in its county."""
    rosters: dict[int, list[RosterRow]] = {}
    result = []
    for target in targets:
        if target.division_id not in rosters:
            rows = roster(Territory.of(target.division), day)
            rosters[target.division_id] = [r for r in rows if counted(r, day, limits)]
        primary = target.member_class == MemberClass.PRIMARY
        actual = sum(
            1
            for row in rosters[target.division_id]
            if row.entry.primary == primary
            and (target.category_id is None or row.category_id == target.category_id)
        )
        result.append(TargetProgress(target, Progress(actual, target.target_count)))
    return result


@dataclass(frozen=True)
class UnitCheck:
    unit: MilitiaUnit
    count: UnitCount
    findings: list[Finding]


def unit_checks(
    reorganisation: Reorganisation, units: QuerySet[MilitiaUnit], limits: AgeLimits
) -> list[UnitCheck]:
    """The composition findings of each unit existing on the reference date (strength on hand, veterans
    or matching specialists), from the members counted that day."""
    day = reorganisation.reference_date
    rows = [r for r in roster(Territory.of(reorganisation.division), day) if counted(r, day, limits)]
    rule = standards(reorganisation)
    checks = []
    for unit in units.filter(Q(disbanded_on__isnull=True) | Q(disbanded_on__gt=day)):
        members = [r for r in rows if r.unit_id == unit.pk]
        count = UnitCount(
            on_hand=len(members),
            target_strength=unit.target_strength,
            qualified=sum(1 for r in members if r.qualified),
            primary=unit.is_primary,
        )
        checks.append(UnitCheck(unit, count, unit_findings(count, rule)))
    return checks


@dataclass(frozen=True)
class MusterTurnout:
    muster: Muster
    turnout: Turnout


def reorganisation_for(territory: Territory, year: int) -> Reorganisation | None:
    """The reorganisation of `year` that covers the whole of `territory`, the nearest (a county's own
    before the city's)."""

    def covers(reorganisation: Reorganisation) -> bool:
        if territory.city_wide:
            return reorganisation.division.level <= DivisionLevel.CITY
        return all(path.startswith(reorganisation.division.path) for path in territory.paths)

    candidates = Reorganisation.objects.filter(year=year).select_related("division")
    covering = [r for r in candidates if covers(r)]
    return max(covering, key=lambda r: len(r.division.path), default=None)


def muster_turnout(muster: Muster) -> Turnout:
    called = muster.attendances.count()
    present = muster.attendances.filter(present=True).count()
    return turnout(present, called, muster.reorganisation.min_muster_turnout)


@dataclass(frozen=True)
class ReorganisationFigures:
    reorganisation: Reorganisation
    city: AreaShare
    counties: list[AreaShare]
    targets: list[TargetProgress]
    units: list[UnitCheck]
    musters: list[MusterTurnout]


def reorganisation_figures(reorganisation: Reorganisation, user: Any) -> ReorganisationFigures:
    """The reorganisation's figures from the roster on its reference date: the shares (aggregates of the
    whole territory), and the targets, units and musters `user` may see."""
    day = reorganisation.reference_date
    limits = city_age_limits(day)
    targets = ReorganisationTarget.objects.for_user(user).filter(reorganisation=reorganisation)
    units = Territory.of(reorganisation.division).filter(MilitiaUnit.objects.for_user(user), "division")
    musters = Muster.objects.for_user(user).filter(reorganisation=reorganisation).select_related("unit")
    return ReorganisationFigures(
        reorganisation=reorganisation,
        city=area_share(reorganisation, reorganisation.division, limits),
        counties=[area_share(reorganisation, county, limits) for county in counties(reorganisation)],
        targets=target_progress(targets.select_related("division", "category"), day, limits),
        units=unit_checks(
            reorganisation, units.select_related("category").order_by("division__code", "name"), limits
        ),
        musters=[MusterTurnout(m, muster_turnout(m)) for m in musters],
    )


# --- the supervision case of a shortfall ---------------------------------------------------------------


def case_reference(reorganisation: Reorganisation, division: Division) -> str:
    return f"MILITIA-NEWTYPE-{reorganisation.pk}-{division.code}"


def open_shortfall_cases(reorganisation: Reorganisation, division: Division) -> QuerySet[Case]:
    return Case.objects.filter(
        source_kind=SOURCE_KIND,
        source_reference=case_reference(reorganisation, division),
        state__in=OPEN_STATES,
    )


def open_cases_by_division(reorganisation: Reorganisation, cases: QuerySet[Case]) -> dict[int, list[Case]]:
    """The reorganisation's open shortfall cases among `cases` (the ones a user sees), by the division
    each is about: the territory's and its counties'."""
    found: dict[int, list[Case]] = {}
    for case in cases.filter(source_kind=SOURCE_KIND, source_id=reorganisation.pk, state__in=OPEN_STATES):
        found.setdefault(case.division_id, []).append(case)
    return found


@dataclass(frozen=True)
class ShareCheck:
    opened: int = 0
    closed: int = 0


def check_new_type_share(reorganisation: Reorganisation, *, at: dt.datetime | None = None) -> ShareCheck:
    """Compare the share of the territory and of each county that has primary militia with the required
    share: a shortfall opens one supervision case (none while one is open), a share that meets it closes
    the open one. Idempotent, and safe to run twice at once: the reorganisation's row is locked first."""
    at = at or timezone.now()
    opened = closed = 0
    with transaction.atomic():
        Reorganisation.objects.select_for_update().filter(pk=reorganisation.pk).first()
        limits = city_age_limits(reorganisation.reference_date)
        areas = [reorganisation.division, *counties(reorganisation)]
        for area in (area_share(reorganisation, division, limits) for division in areas):
            cases = list(open_shortfall_cases(reorganisation, area.division))
            if area.meets or not area.share.denominator:
                for case in cases:
                    _close(case, area, at)
                    closed += 1
            elif not cases:
                _open(reorganisation, area, at)
                opened += 1
    return ShareCheck(opened, closed)


def percent_text(value: Decimal | None) -> str:
    """20.00 → "20", 19.90 → "19.9"; "—" for a share of nothing."""
    if value is None:
        return "—"
    return str(int(value)) if value == value.to_integral_value() else f"{value.normalize():f}"


def _numbers(reorganisation: Reorganisation, area: AreaShare) -> dict[str, Any]:
    return {
        "territory": area.division.name,
        "year": reorganisation.year,
        "percent": percent_text(area.share.percent),
        "numerator": area.share.numerator,
        "denominator": area.share.denominator,
        "required": percent_text(reorganisation.required_new_type_share),
    }


def _open(reorganisation: Reorganisation, area: AreaShare, at: dt.datetime) -> Case:
    numbers = _numbers(reorganisation, area)
    registration = Registration(
        title=(_("%(territory)s: new-type forces %(percent)s%% of the primary militia, below %(required)s%% "
                 "(%(year)s reorganisation)") % numbers)[:200],
        category=CaseCategory.objects.get(code=CASE_CATEGORY),
        division=area.division,
        description=_(
            "On the reference date %(numerator)s of the %(denominator)s primary militia counted in "
            "%(territory)s are in units of new-type forces (%(percent)s%%); the province requires "
            "%(required)s%% or more."
        ) % numbers,
        source_kind=SOURCE_KIND,
        source_reference=case_reference(reorganisation, area.division),
        time_limit_days=settings.MILITIA_SHORTFALL_CASE_DAYS,
        requirements=_("Adjust the primary militia's organisation until the share is met, or report why not."),
    )  # fmt: skip
    policy = AssignmentPolicy(
        officers=_officers(area.division), area=area.division, days=settings.MILITIA_SHORTFALL_CASE_DAYS
    )
    return open_case(registration, source=reorganisation, policy=policy, at=at)


def _officers(division: Division) -> list[Officer]:
    """The militia officers who answer for the division, the nearest first."""
    accounts = (
        Account.objects.filter(
            Q(home_division=division) | Q(home_division__in=division.ancestors()),
            roles__code=OFFICE_ROLE,
            user__is_active=True,
            person__isnull=False,
        )
        .select_related("person", "home_division")
        .order_by("-home_division__level", "pk")
        .distinct()
    )
    return [Officer(account.person, str(_("armed-forces department"))) for account in accounts]


def _close(case: Case, area: AreaShare, at: dt.datetime) -> None:
    """As the system operator: answered and closed when a handler has it, cancelled otherwise."""
    operator = system_operator()
    note = _("The share of new-type forces is now %(percent)s%% (%(numerator)s of %(denominator)s).") % {
        "percent": percent_text(area.share.percent), "numerator": area.share.numerator, "denominator": area.share.denominator,
    }  # fmt: skip
    if case.state in (State.ASSIGNED, State.IN_PROGRESS, State.RETURNED):
        case = transitions.reply_case(operator, case, note=note, at=at)
    if case.state == State.REPLIED:
        transitions.close_case(operator, case, note=note, at=at)
    else:
        transitions.cancel_case(operator, case, reason=note, at=at)


def save_reorganisation(form: Any, user: Any) -> Reorganisation:
    """The reorganisation ledger's saver: the row, then its share checked (a new reference date or
    required share may open or close a case)."""
    form.instance._history_user = user
    reorganisation: Reorganisation = form.save()
    check_new_type_share(reorganisation)
    return reorganisation


def check_this_years_shares(now: dt.datetime | None = None) -> ShareCheck:
    """Check the share of every reorganisation of this year whose reference date has come (the daily
    task): the roster changes between the checks its page's button and its saving make."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    opened = closed = 0
    for reorganisation in Reorganisation.objects.filter(year=today.year, reference_date__lte=today):
        result = check_new_type_share(reorganisation, at=now)
        opened, closed = opened + result.opened, closed + result.closed
    return ShareCheck(opened, closed)
