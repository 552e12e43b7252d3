"""The city study rooms in figures (/studyrooms/summary/): the published figures and the two sentences for
a territory at a day (today by default; the article's 30 June 2019 by choosing it), the year plan's
countdown, one row per district or county, and the page as a workbook. Every number is read from the
figures registry (heluo.studyrooms.figures); the user narrows the choice of territory only."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import cast
from urllib.parse import quote

from django import forms
from django.db.models import Max, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heluo.core.dates import date_text
from heluo.core.figures import Period, Reading, Territory, figure, render_sentence, value
from heluo.core.forms import DateInput
from heluo.core.models import Division, DivisionLevel
from heluo.core.models.divisions import PATH_LENGTH
from heluo.core.scope import scope_of
from heluo.core.tabular.writing import display_width, new_workbook
from heluo.core.views.access import requires

from . import figures, rules, timeline
from .models import Room, YearPlan

FIRST_DAY = dt.date(2000, 1, 1)


class SummaryForm(forms.Form):
    division = forms.ModelChoiceField(
        label=gettext_lazy("district / county"), queryset=Division.objects.none(), required=False,
        empty_label=gettext_lazy("the whole city"),
    )  # fmt: skip
    day = forms.DateField(label=gettext_lazy("as at"), required=False, widget=DateInput())

    def __init__(self, *args: object, user: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.scope = scope_of(user)
        field = cast(forms.ModelChoiceField, self.fields["division"])
        # Today's districts and counties the user covers and their own divisions; left empty, the whole
        # city for those who see it, else everything they see.
        counties = Division.objects.filter(level=DivisionLevel.COUNTY, valid_to__isnull=True)
        if not self.scope.unrestricted:
            own = Division.objects.filter(path__in=self.scope.prefixes)
            counties = counties.filter(pk__in=Division.objects.for_user(user).values("pk")) | own
            if not self.city_wide_scope:
                field.empty_label = _("Everything I may see")
        field.queryset = counties.order_by("code")

    @property
    def city_wide_scope(self) -> bool:
        """The user sees the whole city (or more)."""
        city = PATH_LENGTH[DivisionLevel.CITY]
        return self.scope.unrestricted or all(len(path) <= city for path in self.scope.prefixes)

    def clean_day(self) -> dt.date:
        day: dt.date | None = self.cleaned_data.get("day")
        today = timezone.localdate()
        if day is None:
            return today
        if not FIRST_DAY <= day <= today:
            raise forms.ValidationError(
                _("Choose a day from %(first)s to today.") % {"first": date_text(FIRST_DAY)}
            )
        return day

    def chosen(self) -> tuple[Territory, Division | None, str, dt.date]:
        """The territory (the chosen division with its predecessors, or, none chosen, what the user sees),
        the division, the territory's name and the day. The city's sentences say 全市, as its offices
        write them."""
        data = self.cleaned_data if self.is_valid() else {}
        day = data.get("day") or timezone.localdate()
        division = data.get("division")
        if division is not None and division.level > DivisionLevel.CITY:
            return Territory.of(division), division, division.display_name, day
        if division is not None or self.city_wide_scope:
            return Territory.city(), division, _("the whole city"), day
        return Territory(self.scope.prefixes), None, _("everything I may see"), day


@dataclass(frozen=True)
class Countdown:
    """The year plan on the day: its (latest) deadline, the days left to it (negative once past), the
    rooms still to build and the rooms late that day."""

    deadline: dt.date
    days_left: int
    to_build: int
    late: int

    @property
    def overdue(self) -> int:
        return -self.days_left


@dataclass(frozen=True)
class PartRow:
    division: Division
    readings: list[Reading]


@dataclass(frozen=True)
class Summary:
    day: dt.date
    period: Period
    place: str
    readings: list[Reading]
    plan: list[Reading]
    sentence: str
    plan_sentence: str
    countdown: Countdown | None
    parts: list[PartRow]


def countdown(territory: Territory, period: Period, planned: int, built: int) -> Countdown | None:
    """The countdown of the year's plans in the territory at the period's end; None without a plan."""
    day = period.end
    plans = territory.filter(YearPlan.objects.filter(year=day.year), "division")
    deadline = plans.aggregate(latest=Max("deadline"))["latest"]
    if deadline is None:
        return None
    rooms = figures.plan_room_rows(territory, period).select_related("plan")
    late = sum(
        rules.is_late(timeline.state_on(timeline.Dates.of(room), day), room.deadline, day) for room in rooms
    )
    return Countdown(deadline, rules.days_left(deadline, day), max(planned - built, 0), late)


def parts_of(division: Division | None, choices: QuerySet[Division]) -> list[Division]:
    """The rows of the breakdown: the districts and counties offered (else the user's own divisions); a
    county's or a street's streets that have rooms when one is chosen."""
    if division is None or division.level < DivisionLevel.COUNTY:
        return list(choices.filter(level=DivisionLevel.COUNTY)) or list(choices)
    streets = Room.objects.filter(division__path__startswith=division.path).values("division")
    return list(Division.objects.filter(pk__in=streets, valid_to__isnull=True).order_by("code"))


def summary_of(territory: Territory, place: str, day: dt.date, parts: list[Division]) -> Summary:
    period = Period.day(day)
    readings = [value(key, territory, period) for key in figures.CUMULATIVE]
    plan = [value(key, territory, period) for key in figures.PLAN]
    planned, built = (reading.number or 0 for reading in plan[:2])
    rows = [PartRow(part, [value(key, Territory.of(part), period) for key in figures.KEYS]) for part in parts]
    return Summary(
        day=day,
        period=period,
        place=place,
        readings=readings,
        plan=plan,
        sentence=render_sentence(figures.SUMMARY, territory, period),
        plan_sentence=render_sentence(figures.PLAN_SUMMARY, territory, period),
        countdown=countdown(territory, period, int(planned), int(built)),
        parts=rows,
    )


def _read(request: HttpRequest) -> tuple[SummaryForm, Summary | None]:
    form = SummaryForm(request.GET or None, user=request.user)
    if request.GET and not form.is_valid():
        return form, None
    territory, division, place, day = form.chosen()
    choices = cast(forms.ModelChoiceField, form.fields["division"]).queryset
    return form, summary_of(territory, place, day, parts_of(division, choices))  # type: ignore[arg-type]


@requires("view", Room)
def summary(request: HttpRequest) -> HttpResponse:
    form, result = _read(request)
    context = {"form": form, "summary": result, "querystring": request.GET.urlencode(), "labels": _labels()}
    return render(request, "studyrooms/summary.html", context, status=400 if result is None else 200)


@requires("view", Room)
def summary_workbook(request: HttpRequest) -> HttpResponse:
    form, result = _read(request)
    if result is None:
        message = "；".join(str(error) for errors in form.errors.values() for error in errors)
        return render(request, "core/error.html", {"message": message}, status=400)
    response = HttpResponse(
        workbook(result), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = _("City study rooms %(place)s %(day)s.xlsx") % {"place": result.place, "day": result.period.label}
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _labels() -> list[str]:
    return [str(figure(key).label) for key in figures.KEYS]


def workbook(result: Summary) -> bytes:
    """The page as an .xlsx: the figures as written and as numbers, the sentences and the countdown; then
    one row per district or county with every figure's number."""
    buffer = io.BytesIO()
    book = new_workbook(buffer, in_memory=True)
    bold = book.add_format({"bold": True, "bg_color": "#E7EEF9", "border": 1})
    sheet = book.add_worksheet(_("Summary"))
    sheet.write_string(0, 0, f"{result.place} {_('as at')} {result.period.label}", bold)
    sheet.write_row(1, 0, [_("Figure"), _("As written"), _("Figure value")], bold)
    readings = result.readings + result.plan
    for line, reading in enumerate(readings, start=2):
        sheet.write_string(line, 0, str(reading.figure.label))
        sheet.write_string(line, 1, reading.text)
        if reading.number is not None:
            sheet.write_number(line, 2, reading.number)
    line = len(readings) + 3
    for text in (result.sentence, result.plan_sentence):
        sheet.write_string(line, 0, text)
        line += 1
    if result.countdown is not None:
        line += 1
        count = result.countdown
        for label, number in ((_("Plan deadline"), date_text(count.deadline)),
                              (_("Days to the deadline (negative: past it)"), count.days_left),
                              (_("Rooms still to build"), count.to_build), (_("Rooms late that day"), count.late)):  # fmt: skip
            sheet.write_string(line, 0, label)
            sheet.write(line, 2, number)
            line += 1
    sheet.set_column(0, 0, max(display_width(str(r.figure.label)) for r in readings) + 2)
    sheet.set_column(1, 2, 18)

    parts = book.add_worksheet(_("By district or street"))
    headers = [_("Division"), *_labels()]
    parts.write_row(0, 0, headers, bold)
    for line, row in enumerate(result.parts, start=1):
        parts.write_string(line, 0, row.division.display_name)
        for column, reading in enumerate(row.readings, start=1):
            if reading.number is not None:
                parts.write_number(line, column, reading.number)
    for column, header in enumerate(headers):
        parts.set_column(column, column, min(display_width(header) + 2, 30))
    parts.freeze_panes(1, 1)
    book.close()
    return buffer.getvalue()
