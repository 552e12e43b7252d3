"""The cooperation ledger's year page: the year's figures and sentence read from the figures registry,
its projects with their rows (edited in place through the services), a series over years, and the
year's workbook. Rows come through for_user; the figures are of the territory the user chose."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import cast
from urllib.parse import quote, urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Min
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heluo.core.figures import Period, Reading, Territory, figure, value
from heluo.core.models import Division, DivisionLevel
from heluo.core.scope import may, scope_of
from heluo.core.views.access import requires

from . import figures, ledgers, services, workbook
from .forms import ProgressUpdateForm
from .models import CooperationProgress


class TerritoryForm(forms.Form):
    division = forms.ModelChoiceField(
        label=gettext_lazy("district"),
        queryset=Division.objects.none(),
        required=False,
        empty_label=gettext_lazy("the whole city"),
    )

    def __init__(self, *args: object, user: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        scope = scope_of(user)
        field = cast(forms.ModelChoiceField, self.fields["division"])
        # A user picks among the districts (or their own divisions) they cover; the whole city only for
        # those who see it.
        districts = Division.objects.filter(level=DivisionLevel.COUNTY, valid_to__isnull=True)
        if not scope.unrestricted:
            own = Division.objects.filter(path__in=scope.prefixes)
            districts = districts.filter(pk__in=Division.objects.for_user(user).values("pk")) | own
            field.required = True
            field.empty_label = None
        field.queryset = districts.order_by("code")

    def territory(self) -> tuple[Territory, Division | None]:
        division = self.cleaned_data.get("division") if self.is_valid() else None
        field = cast(forms.ModelChoiceField, self.fields["division"])
        if division is None and field.required and field.queryset is not None:
            division = field.queryset.first()
        return (Territory.of(division), division) if division else (Territory.city(), None)


@dataclass(frozen=True)
class YearView:
    year: int
    territory: Territory
    division: Division | None
    readings: list[Reading]
    sentence: str


def _year_view(year: int, territory: Territory, division: Division | None) -> YearView:
    period = Period.year(year)
    readings = [value(key, territory, period) for key in figures.KEYS]
    return YearView(year, territory, division, readings, figures.year_sentence(territory, period))


def _years(territory: Territory) -> list[int]:
    bounds = territory.filter(CooperationProgress.objects.all(), "project__division").aggregate(
        low=Min("year"), high=Max("year")
    )
    if bounds["low"] is None:
        return []
    return list(range(bounds["low"], bounds["high"] + 1))


def _chart(territory: Territory, years: list[int]) -> str:
    total = figure(figures.TOTAL_INVESTMENT)
    done = figure(figures.COMPLETED_INVESTMENT)
    # The chart reads 亿元, as the sentences write large amounts.
    hundred_million = 100_000_000
    return json.dumps(
        {
            "years": [f"{year}年" for year in years],
            "labels": {
                "total": str(total.label),
                "completed": str(done.label),
                "unit": _("100 million yuan"),
            },
            "total": [
                float(value(total.key, territory, Period.year(y)).number) / hundred_million for y in years
            ],
            "completed": [
                float(value(done.key, territory, Period.year(y)).number) / hundred_million for y in years
            ],
        },
        ensure_ascii=False,
    )


def _query(division: Division | None) -> str:
    return urlencode({"division": division.pk}) if division else ""


@requires("view", CooperationProgress)
def latest_year(request: HttpRequest) -> HttpResponse:
    """The year page of the latest year with rows the user sees (this year when there are none)."""
    latest = CooperationProgress.objects.for_user(request.user).aggregate(high=Max("year"))["high"]
    url = reverse("enterprise:cooperation_year", args=[latest or timezone.localdate().year])
    query = request.GET.urlencode()
    return HttpResponseRedirect(f"{url}?{query}" if query else url)


@requires("view", CooperationProgress)
def year_summary(
    request: HttpRequest, year: int, failed: tuple[int, ProgressUpdateForm] | None = None
) -> HttpResponse:
    """The year's summary page; `failed` is a row's refused inline edit, shown with its errors."""
    form = TerritoryForm(request.GET or None, user=request.user)
    territory, division = form.territory()
    view = _year_view(year, territory, division)
    rows = (
        territory.filter(CooperationProgress.objects.for_user(request.user), "project__division")
        .filter(year=year)
        .select_related("project", "project__local_party")
        .prefetch_related("project__partners")
        .order_by("project__name")
    )
    may_change = may(request.user, "change", CooperationProgress)
    edits = [
        (
            row,
            failed[1]
            if failed and failed[0] == row.pk
            else ProgressUpdateForm(instance=row, prefix=f"row{row.pk}"),
        )
        for row in rows
    ]
    years = _years(territory)
    context = {
        "form": form,
        "view": view,
        "edits": edits,
        "may_change": may_change,
        "years": years,
        "previous": year - 1,
        "next": year + 1,
        "query": _query(division),
        "chart": _chart(territory, years),
        "progress_ledger": ledgers.progress,
    }
    status = 400 if failed or form.errors else 200
    return render(request, "enterprise/cooperation/year.html", context, status=status)


def update_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The year page's inline edit of one progress row (POST): its state and completed investment, saved
    through the service; the page then shows the figures and the sentence recomputed."""
    if not may(request.user, "change", CooperationProgress):
        raise PermissionDenied
    row = get_object_or_404(
        CooperationProgress.objects.for_user(request.user).select_related("project"), pk=pk
    )
    edit = ProgressUpdateForm(request.POST, instance=row, prefix=f"row{row.pk}")
    if not edit.is_valid():
        return year_summary(request, row.year, failed=(row.pk, edit))
    services.record_progress(
        row.project,
        row.year,
        state=edit.cleaned_data["state"],
        completed_investment=edit.cleaned_data["completed_investment"],
        exceeds_total=edit.cleaned_data["exceeds_total"],
        user=request.user,
    )
    messages.success(request, _("Saved: %(row)s.") % {"row": row})
    query = request.GET.urlencode()
    url = reverse("enterprise:cooperation_year", args=[row.year])
    return HttpResponseRedirect(f"{url}?{query}#row-{row.pk}" if query else f"{url}#row-{row.pk}")


@requires("view", CooperationProgress)
def year_workbook(request: HttpRequest, year: int) -> HttpResponse:
    """The year's summary as a workbook: the figures and sentence, then the year's rows the user sees."""
    form = TerritoryForm(request.GET or None, user=request.user)
    territory, division = form.territory()
    view = _year_view(year, territory, division)
    rows = (
        territory.filter(CooperationProgress.objects.for_user(request.user), "project__division")
        .filter(year=year)
        .select_related("project", "project__local_party", "project__division")
        .prefetch_related("project__partners")
        .order_by("project__name")
    )
    data = workbook.year_workbook(view.readings, view.sentence, list(rows))
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = _("Cooperation ledger %(year)d.xlsx") % {"year": year}
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
