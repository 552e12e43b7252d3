""" "5个1" major projects' pages: the project page shows its plan against reality (a Gantt-style chart
and the plan table with each milestone's case)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heluo.cases.models import Case
from heluo.core.figures import Period, Territory, render_sentence, value
from heluo.core.scope import may, scope_of
from heluo.core.views.access import requires
from heluo.core.views.generic import LedgerDetailView

from .models import MajorProject, Milestone
from .rules import Bar, MilestoneState, PlanLine, gantt_rows

STATE_LABELS = {
    MilestoneState.PENDING: gettext_lazy("pending"),
    MilestoneState.ON_TIME: gettext_lazy("done on time"),
    MilestoneState.LATE: gettext_lazy("done late"),
    MilestoneState.SLIPPED: gettext_lazy("slipped"),
}


def _day(value: dt.date) -> str:
    return value.isoformat()


def _bar(bar: Bar | None) -> list[str] | None:
    return None if bar is None else [_day(bar.start), _day(bar.end)]


def plan_chart(project: MajorProject, milestones: list[Milestone], today: dt.date) -> dict[str, Any]:
    """The chart's data: per milestone its planned and actual bar (ISO dates) and state, and today."""
    lines = [PlanLine(m.title, m.planned_date, m.actual_date) for m in milestones]
    rows = gantt_rows(project.start_date, lines, today)
    return {
        "rows": [
            {"title": row.title, "planned": _bar(row.planned), "actual": _bar(row.actual), "state": row.state.value,
             "running": row.running}
            for row in rows
        ],
        "today": _day(today),
        "labels": {
            "planned": _("planned"), "actual": _("actual"), "today": _("today"),
            "states": {state.value: str(label) for state, label in STATE_LABELS.items()},
        },
    }  # fmt: skip


class MajorProjectDetailView(LedgerDetailView):
    def context(self, **extra: Any) -> dict[str, Any]:
        context = super().context(**extra)
        project = extra.get("object")
        if not isinstance(project, MajorProject) or extra.get("tab") != "detail":
            return context
        user = self.request.user
        milestones = list(
            Milestone.objects.for_user(user)  # type: ignore[attr-defined]
            .filter(project=project)
            .select_related("owner_unit", "owner_person", "case")
        )
        today = timezone.localdate()
        context.update(
            milestones=[(m, STATE_LABELS[m.state]) for m in milestones],
            chart=json.dumps(plan_chart(project, milestones, today), ensure_ascii=False),
            chart_height=80 + 44 * max(len(milestones), 1),
            may_view_cases=may(user, "view", Case),
            may_add_milestone=may(user, "add", Milestone),
        )
        return context


class YearForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("year"), min_value=2000, max_value=2100)


def territory_of(user: Any) -> Territory:
    """The user's territory as the figures count it: the whole city for an unrestricted user."""
    scope = scope_of(user)
    return Territory.city() if scope.unrestricted else Territory(scope.prefixes)


@requires("view", MajorProject)
def major_summary(request: HttpRequest) -> HttpResponse:
    """A year's figures of the "5个1" major projects in the user's territory, read from the registry,
    with the sentence officials copy."""
    form = YearForm(request.GET if "year" in request.GET else {"year": timezone.localdate().year})
    if not form.is_valid():
        return render(request, "enterprise/major/summary.html", {"form": form}, status=400)
    territory, period = territory_of(request.user), Period.year(form.cleaned_data["year"])
    readings = [value(key, territory, period) for key in SUMMARY_FIGURES]
    sentence = render_sentence("enterprise.major.summary", territory, period)
    return render(
        request,
        "enterprise/major/summary.html",
        {"form": form, "readings": readings, "sentence": sentence, "period": period},
    )


SUMMARY_FIGURES = (
    "enterprise.major.projects",
    "enterprise.major.investment",
    "enterprise.major.milestones_on_time",
    "enterprise.major.milestones_slipped",
    "enterprise.major.open_cases",
)
