"""The figures page (/core/figures/): the registered figures and sentences of the modules the user works
in, for a year or a month and a territory they may see, with its .xlsx export. The user narrows the choice
of territory; the figures themselves know no user (heluo.core.figures)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heluo.core.figures import Period, Territory
from heluo.core.figures.report import Section, report, workbook
from heluo.core.models import Division, DivisionLevel
from heluo.core.models.base import UserScope
from heluo.core.modules import MODULES, SENSITIVE_MODULES
from heluo.core.scope import scope_of
from heluo.core.views.access import check_reads_ledgers

FIRST_YEAR = 2000


def territory_choices(scope: UserScope) -> list[tuple[str, str]]:
    """Today's divisions the user may choose: the city and its districts for a city-wide user, else their
    own divisions and the districts inside them."""
    current = Division.objects.filter(valid_to__isnull=True)
    if scope.unrestricted:
        rows = current.filter(level__in=[DivisionLevel.CITY, DivisionLevel.COUNTY])
    elif scope.prefixes:
        inside = Q()
        for prefix in scope.prefixes:
            inside |= Q(path__startswith=prefix)
        rows = current.filter(Q(path__in=scope.prefixes) | (inside & Q(level=DivisionLevel.COUNTY)))
    else:
        rows = current.none()
    return [(division.code, division.display_name) for division in rows.order_by("code")]


class FiguresForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("year"))
    month = forms.TypedChoiceField(
        label=gettext_lazy("month"), required=False, coerce=int, empty_value=None,
        choices=[("", gettext_lazy("whole year")), *((m, f"{m}月") for m in range(1, 13))],
    )  # fmt: skip
    division = forms.ChoiceField(label=gettext_lazy("territory"), required=False)

    def __init__(self, *args: Any, scope: UserScope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope = scope
        self.fields["division"].choices = [("", _("Everything I may see")), *territory_choices(scope)]

    def clean_year(self) -> int:
        year: int = self.cleaned_data["year"]
        last = timezone.localdate().year
        if not FIRST_YEAR <= year <= last:
            raise forms.ValidationError(
                _("Choose a year from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": last}
            )
        return year

    def period(self) -> Period:
        data = self.cleaned_data
        return Period.month(data["year"], data["month"]) if data["month"] else Period.year(data["year"])

    def territory(self) -> tuple[Territory, str]:
        """The chosen division with its predecessors, or everything the user may see."""
        code = self.cleaned_data["division"]
        if code:
            division = Division.objects.get(code=code)
            return Territory.of(division), division.display_name
        if self.scope.unrestricted:
            return Territory.city(), _("the whole city")
        return Territory(self.scope.prefixes), _("everything I may see")


def _modules(scope: UserScope) -> list[str]:
    # A sensitive module's aggregates only for a role naming it, as its rows (scope.covers).
    if scope.unrestricted:
        return [m for m in MODULES if m not in SENSITIVE_MODULES]
    return [m for m in MODULES if m in scope.modules]


def _read(request: HttpRequest) -> tuple[FiguresForm, list[Section], str]:
    """The form (the current year by default) and, when it is valid, the sections it asks for."""
    check_reads_ledgers(request.user)
    scope = scope_of(request.user)
    given = request.GET.dict() if request.GET else {"year": str(timezone.localdate().year)}
    form = FiguresForm(given, scope=scope)
    if scope.is_empty or not form.is_valid():
        return form, [], ""
    period = form.period()
    territory, place = form.territory()
    return form, report(territory, period, _modules(scope)), f"{place} {period.label}"


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    """Every figure of the user's modules for the chosen period and territory, with the sentences."""
    form, sections, title = _read(request)
    context = {"form": form, "sections": sections, "title": title, "export_query": request.GET.urlencode()}
    return render(request, "core/figures/figures.html", context, status=400 if form.errors else 200)


@login_required
def figures_export(request: HttpRequest) -> HttpResponse:
    form, sections, title = _read(request)
    if form.errors:
        message = "；".join(str(error) for errors in form.errors.values() for error in errors)
        return render(request, "core/error.html", {"message": message}, status=400)
    response = HttpResponse(
        workbook(sections, title),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"{_('Official figures')}-{title}.xlsx".replace(" ", "-")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
