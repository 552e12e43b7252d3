"""Dust control's pages beyond its ledgers: the sites a person answers for and the coverage report."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.core.models import Person
from heluo.core.views.access import requires

from .models import Site
from .services import sites_answered_by
from .services.coverage import coverage, workbook


@requires("view", Site)
def person_sites(request: HttpRequest, pk: int) -> HttpResponse:
    """Every site a person answers for (of those the user sees): through the package areas they hold
    or staff, and through their grid roles."""
    person = get_object_or_404(Person.objects.for_user(request.user), pk=pk)  # type: ignore[attr-defined]
    answered = sites_answered_by(person, Site.objects.for_user(request.user))  # type: ignore[attr-defined]
    return render(request, "dust/person_sites.html", {"person": person, "answered": answered})


@requires("view", Site)
def coverage_report(request: HttpRequest) -> HttpResponse:
    """The coverage report of the sites the user sees."""
    report = coverage(Site.objects.for_user(request.user))  # type: ignore[attr-defined]
    return render(request, "dust/coverage.html", {"report": report})


@requires("view", Site)
def coverage_export(request: HttpRequest) -> HttpResponse:
    """The coverage report as .xlsx."""
    report = coverage(Site.objects.for_user(request.user))  # type: ignore[attr-defined]
    response = HttpResponse(
        workbook(report), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"{_('Coverage report')}-{timezone.localdate().isoformat()}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
