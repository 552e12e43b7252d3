"""Supervision figures for a period, per responsible unit or per today's district, within the user's
scope; the overdue list; both as an Excel workbook. The rules are heluo.cases.tallies' (docs/cases.md):
the database counts each rule's cases in one grouped query, the pure module does the arithmetic."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any, Literal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.cases.models import Case, State, overdue_q
from heluo.cases.tallies import Tally, ranking, total
from heluo.core.dates import EXCEL_DATE, EXCEL_DATETIME, deadline_cell
from heluo.core.expressions import Elapsed
from heluo.core.figures import Period
from heluo.core.models import Division, Unit
from heluo.core.models.divisions import DivisionLevel
from heluo.core.services.divisions import current_division
from heluo.core.tabular.writing import new_workbook

Grouping = Literal["unit", "division"]


def _in(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.start_at, f"{field}__lt": period.end_at})


def figures_query(cases: QuerySet, period: Period, group: str, now: dt.datetime) -> QuerySet:
    """One grouped query: each rule of tallies.py as a conditional count (or sum) per `group`."""
    as_of = min(period.end_at, now)
    closed = Q(state=State.CLOSED) & _in("closed_at", period)
    overdue = overdue_q(as_of)
    handling = Elapsed("closed_at", "assigned_at")
    return (
        cases.exclude(state=State.CANCELLED)
        .filter(_in("assigned_at", period) | closed | overdue)
        .values(group)
        .annotate(
            received=Count("pk", filter=_in("assigned_at", period)),
            closed=Count("pk", filter=closed),
            on_time=Count("pk", filter=closed & Q(replied_at__lte=F("original_due_at"))),
            on_time_extended=Count(
                "pk", filter=closed & Q(replied_at__gt=F("original_due_at"), replied_at__lte=F("due_at"))
            ),
            late=Count("pk", filter=closed & Q(replied_at__gt=F("due_at"))),
            open_overdue=Count("pk", filter=overdue),
            handling=Sum(handling, filter=closed),
        )
        .order_by()
    )


def _tally(key: str, name: str, row: dict[str, Any]) -> Tally:
    handling = row["handling"]
    seconds = handling.total_seconds() if isinstance(handling, dt.timedelta) else float(handling or 0) / 1e6
    return Tally(
        key=key, name=name, received=row["received"], closed=row["closed"], on_time=row["on_time"],
        on_time_extended=row["on_time_extended"], late=row["late"], open_overdue=row["open_overdue"],
        handling_seconds=seconds,
    )  # fmt: skip


def by_unit(cases: QuerySet, period: Period, now: dt.datetime | None = None) -> list[Tally]:
    # Cases not yet assigned have no unit; they are left out here rather than by the query, which
    # would then walk the unit index instead of scanning the table (slower on SQLite).
    grouped = figures_query(cases, period, "responsible_unit", now or timezone.now())
    rows = [row for row in grouped if row["responsible_unit"] is not None]
    names = dict(Unit.objects.filter(pk__in=[r["responsible_unit"] for r in rows]).values_list("pk", "name"))
    return [_tally(str(r["responsible_unit"]), names.get(r["responsible_unit"], "?"), r) for r in rows]


def by_division(cases: QuerySet, period: Period, now: dt.datetime | None = None) -> list[Tally]:
    """Per today's district (区县): a case made in a division since merged counts under its successor
    (吉利区 → 孟津区), as core's district report counts rows; cases placed at city level count there."""
    rows = list(figures_query(cases, period, "division", now or timezone.now()))
    divisions = Division.objects.in_bulk([r["division"] for r in rows])
    reporting: dict[str, Division] = {}
    merged: dict[str, Tally] = {}
    for row in rows:
        division = divisions[row["division"]]
        county = division.path[:6] if division.level >= DivisionLevel.COUNTY else division.path
        if county not in reporting:
            place = Division.objects.filter(path=county).first() or division
            reporting[county] = current_division(place)
        target = reporting[county]
        tally = _tally(target.code, target.display_name, row)
        merged[target.code] = merged[target.code] + tally if target.code in merged else tally
    return list(merged.values())


def summary(cases: QuerySet, period: Period, now: dt.datetime | None = None) -> Tally:
    """The figures of all of `cases` for the period: the total row of the page grouped by district, and
    what the supervision figures of core's registry publish (heluo.cases.figures)."""
    return total(by_division(cases, period, now), _("Total"))


def figures(
    user: Any, period: Period, grouping: Grouping, now: dt.datetime | None = None
) -> tuple[list[tuple[int | None, Tally]], Tally]:
    """The ranked figures of the cases `user` may see, and their total."""
    cases = Case.objects.for_user(user)
    tallies = by_unit(cases, period, now) if grouping == "unit" else by_division(cases, period, now)
    return ranking(tallies), total(tallies, _("Total"))


def overdue_cases(user: Any, now: dt.datetime | None = None) -> QuerySet:
    """Open cases past their deadline without a reply submitted in time, most overdue first."""
    return (
        Case.objects.for_user(user)
        .overdue(now)
        .select_related("responsible_unit", "handler", "division")
        .order_by("due_at", "pk")
    )


def overdue_days(case: Case, now: dt.datetime) -> int:
    return (now - case.due_at).days + 1 if case.due_at else 0


def workbook(user: Any, period: Period, grouping: Grouping, now: dt.datetime | None = None) -> bytes:
    """The figures, the ranking and the overdue list as one .xlsx (what the statistics page shows)."""
    now = now or timezone.now()
    ranked, summary = figures(user, period, grouping, now)
    buffer = io.BytesIO()
    book = new_workbook(buffer, in_memory=True)
    bold = book.add_format({"bold": True})
    percent = book.add_format({"num_format": "0.0"})
    stamp = book.add_format({"num_format": EXCEL_DATETIME})
    day = book.add_format({"num_format": EXCEL_DATE})
    sheet = book.add_worksheet(_("Figures"))
    sheet.write_row(
        0,
        0,
        [_("Supervision figures %(start)s – %(end)s") % {"start": period.start, "end": period.end}],
        bold,
    )
    headers = [_("Rank"), _("Unit") if grouping == "unit" else _("District"), _("Received"), _("Closed"),
               _("On time"), _("On time (extended)"), _("Late"), _("On-time rate (%)"), _("Open overdue"),
               _("Average handling days")]  # fmt: skip
    sheet.write_row(2, 0, headers, bold)
    for index, (rank, tally) in enumerate([*ranked, (None, summary)], start=3):
        sheet.write_row(index, 0, [rank or "", tally.name, tally.received, tally.closed, tally.on_time,
                                   tally.on_time_extended, tally.late])  # fmt: skip
        if tally.on_time_rate is not None:
            sheet.write_number(index, 7, float(tally.on_time_rate), percent)
        sheet.write_number(index, 8, tally.open_overdue)
        if tally.average_days is not None:
            sheet.write_number(index, 9, float(tally.average_days), percent)
    sheet.freeze_panes(3, 2)
    sheet.set_column(1, 1, 32)
    sheet.set_column(2, 9, 12)
    overdue = book.add_worksheet(_("Overdue list"))
    overdue.write_row(0, 0, [_("Number"), _("Title"), _("Responsible unit"), _("Handler"), _("Deadline"),
                             _("Days overdue"), _("Supervision level")], bold)  # fmt: skip
    for index, case in enumerate(overdue_cases(user, now).iterator(), start=1):
        overdue.write_row(
            index, 0, [case.number, case.title, str(case.responsible_unit or ""), str(case.handler or "")]
        )
        deadline = deadline_cell(case.due_at)
        overdue.write_datetime(index, 4, deadline, stamp if isinstance(deadline, dt.datetime) else day)
        overdue.write_row(index, 5, [overdue_days(case, now), case.get_escalation_display()])
    overdue.freeze_panes(1, 2)
    overdue.set_column(0, 0, 18)
    overdue.set_column(1, 3, 28)
    overdue.set_column(4, 6, 16)
    book.close()
    return buffer.getvalue()
