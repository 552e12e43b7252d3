"""What each role's home shows, read through the modules' own services and scoped querysets and core's
figures registry: nothing is counted here that a module already counts. Each function takes the user
and answers only with rows the user may see (`for_user`) and figures of the user's own territory."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from heluo.cases.models import OPEN_STATES, Case
from heluo.cases.services import statistics, worklists
from heluo.core.figures import Period, Reading, Territory, value
from heluo.core.models import Account
from heluo.core.scope import covers, may, scope_of
from heluo.dust.models import Inspection, PatrolReport, Site
from heluo.dust.rules.coverage import uninspected
from heluo.dust.services import last_inspected_on, sites_answered_by
from heluo.dust.services.coverage import supervised
from heluo.militia import figures as militia_figures
from heluo.militia import figures_c as militia_training_figures
from heluo.militia.models import MilitiaUnit, Reorganisation
from heluo.militia.services import training
from heluo.militia.services.reorganisation import reorganisation_for
from heluo.party.figures import meetings as party_figures
from heluo.party.models import DuesPayment, Meeting, MeetingKind, OrganisationKind, PartyOrganisation
from heluo.party.rules import compliance
from heluo.party.services import dues
from heluo.party.services.meetings import BRANCH_KINDS, organisation_compliance
from heluo.studyrooms import rules as room_rules
from heluo.studyrooms import services as rooms
from heluo.studyrooms.models import Room, YearPlan

# A home lists the first rows of each work list; its link opens the whole list.
LISTED = 10


def territory_of(user: Any) -> Territory | None:
    """The user's own territory for figures: the city for an unrestricted user, none without a scope."""
    scope = scope_of(user)
    if scope.unrestricted:
        return Territory.city()
    return Territory(scope.prefixes) if scope.prefixes else None


def readings(user: Any, keys: tuple[str, ...], period: Period) -> list[Reading]:
    """The figures `keys` of the user's territory for `period` (none for a user without a territory)."""
    territory = territory_of(user)
    return [value(key, territory, period) for key in keys] if territory is not None else []


# --- grid officer ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteRow:
    site: Site
    last_inspected: dt.date | None
    due_for_inspection: bool


@dataclass(frozen=True)
class GridOfficerHome:
    sites: list[SiteRow]
    cases: list[Case]
    inspected_today: list[Inspection]
    may_report: bool
    uninspected_days: int

    @property
    def to_inspect(self) -> list[SiteRow]:
        return [row for row in self.sites if row.due_for_inspection]


def my_sites(user: Any) -> QuerySet[Site]:
    """The sites of the grids the user's person serves in (dust's grid roles), among those they see."""
    account = Account.objects.filter(user=user).select_related("person").first()
    if account is None or account.person is None:
        return Site.objects.none()
    return sites_answered_by(account.person, Site.objects.for_user(user)).by_grid


def grid_officer_home(user: Any, today: dt.date | None = None) -> GridOfficerHome:
    """My sites with their state and last inspection (those under supervision not inspected for the
    coverage report's days are due today), my open cases by deadline, and today's inspections."""
    today = today or timezone.localdate()
    sites = list(my_sites(user))
    active = {site.pk for site in supervised(Site.objects.filter(pk__in=[site.pk for site in sites]))}
    last = last_inspected_on(site.pk for site in sites)
    days = settings.DUST_UNINSPECTED_DAYS
    rows = [
        SiteRow(site, last.get(site.pk), site.pk in active and uninspected(last.get(site.pk), today, days))
        for site in sites
    ]
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    inspected = (
        Inspection.objects.for_user(user)
        .filter(site__in=[site.pk for site in sites], performed_at__gte=start)
        .filter(performed_at__lt=start + dt.timedelta(days=1))
        .select_related("site")
        .order_by("performed_at")
    )
    return GridOfficerHome(
        sites=rows,
        cases=list(worklists.my_open_cases(user)[:LISTED]),
        inspected_today=list(inspected),
        may_report=may(user, "add", PatrolReport),
        uninspected_days=days,
    )


# --- supervisor -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkList:
    count: int
    cases: list[Case]


def _work(cases: QuerySet[Case]) -> WorkList:
    return WorkList(cases.count(), list(cases[:LISTED]))


@dataclass(frozen=True)
class SupervisorHome:
    due_today: WorkList
    overdue: WorkList
    to_verify: WorkList


def supervisor_home(user: Any, now: dt.datetime | None = None) -> SupervisorHome:
    """The cases due today, those overdue and the replies waiting for the user's unit to verify."""
    now = now or timezone.now()
    return SupervisorHome(
        due_today=_work(worklists.due_today(user, timezone.localdate(now))),
        overdue=_work(statistics.overdue_cases(user, now)),
        to_verify=_work(worklists.to_verify(user)),
    )


# --- party ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BranchQuarter:
    organisation: PartyOrganisation
    missing: list[tuple[str, compliance.PeriodStatus]]  # (the meeting kind's name, its period)


@dataclass(frozen=True)
class PartyHome:
    organisation: PartyOrganisation | None
    figures: list[Reading]
    quarter: Period
    branches: list[BranchQuarter]
    arrears: int | None  # members with unpaid months; None for a user who does not see dues
    arrears_total: Decimal


def quarter_of(day: dt.date) -> Period:
    """The calendar quarter `day` lies in."""
    start = dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return Period(start, compliance.add_months(start, 3) - dt.timedelta(days=1))


def party_home(user: Any, today: dt.date | None = None) -> PartyHome:
    """This year's meeting figures of the user's territory; the branches and party groups they see with a
    required meeting of this quarter not yet held; the members with dues unpaid under their organisation."""
    today = today or timezone.localdate()
    visible = PartyOrganisation.objects.for_user(user).order_by("path")
    quarter = quarter_of(today)
    first, last = quarter.start, compliance.month_start(quarter.end)
    labels = dict(MeetingKind.choices)
    branches = []
    for organisation in visible.filter(kind__in=(*BRANCH_KINDS, OrganisationKind.GROUP)):
        statuses = organisation_compliance(organisation, first, last, today)
        missing = [(str(labels[s.kind]), s) for s in statuses if not s.met and s.start <= today]
        if missing:
            branches.append(BranchQuarter(organisation, missing))
    top = visible.first()
    unpaid = dues.arrears(top, today) if top is not None and may(user, "view", DuesPayment) else None
    figures = (
        readings(
            user, (party_figures.MEETINGS_HELD, party_figures.MEETING_COMPLIANCE), Period.year(today.year)
        )
        if may(user, "view", Meeting)
        else []
    )
    return PartyHome(
        organisation=top,
        figures=figures,
        quarter=quarter,
        branches=branches,
        arrears=len(unpaid) if unpaid is not None else None,
        arrears_total=sum((row.total for row in unpaid or []), Decimal("0.00")),
    )


# --- militia --------------------------------------------------------------------------------------------

MILITIA_FIGURES = (
    militia_figures.PRIMARY_STRENGTH,
    militia_figures.NEW_TYPE_SHARE,
    militia_figures.TARGETS_MET,
    militia_training_figures.UNITS_BEHIND_TRAINING,
    militia_training_figures.OPEN_FINDINGS,
)


@dataclass(frozen=True)
class MilitiaHome:
    figures: list[Reading]
    reorganisation: Reorganisation | None
    behind: list[training.UnitProgress] = field(default_factory=list)
    units: int = 0


def militia_home(user: Any, today: dt.date | None = None) -> MilitiaHome | None:
    """Aggregates of the user's territory this year (strength, the new-type share, targets met, units
    behind their training, open findings), this year's reorganisation, and the units behind their
    training hours. None for a user whose roles do not cover the militia."""
    if not covers(scope_of(user), MilitiaUnit):
        return None
    today = today or timezone.localdate()
    territory = territory_of(user)
    units = MilitiaUnit.objects.for_user(user).filter(disbanded_on__isnull=True).select_related("division")
    progress = training.units_progress(units, today)
    return MilitiaHome(
        figures=readings(user, MILITIA_FIGURES, Period.year(today.year)),
        reorganisation=reorganisation_for(territory, today.year) if territory is not None else None,
        behind=[row for row in progress if row.progress.behind][:LISTED],
        units=len(progress),
    )


# --- study rooms ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StudyroomsHome:
    year: int
    plans: list[rooms.PlanRow]
    total: room_rules.Progress | None
    late: list[Room]
    cases: WorkList


def studyrooms_home(user: Any, today: dt.date | None = None) -> StudyroomsHome:
    """This year's plans against their deadline, the rooms late against them and the open cases of late
    rooms, all within the user's scope."""
    today = today or timezone.localdate()
    plans = rooms.plan_rows(YearPlan.objects.for_user(user).filter(year=today.year), today)
    building = (
        Room.objects.for_user(user)
        .filter(state__in=room_rules.NOT_BUILT)
        .select_related("plan", "division")
        .order_by("due_on", "name")
    )
    late = [room for room in building if room_rules.is_late(room.state, room.deadline, today)]
    cases = (
        Case.objects.for_user(user)
        .filter(source_kind=rooms.SOURCE_KIND, state__in=OPEN_STATES)
        .order_by("due_at", "pk")
    )
    return StudyroomsHome(
        year=today.year,
        plans=plans,
        total=rooms.plan_total(plans, today),
        late=late[:LISTED],
        cases=_work(cases),
    )
