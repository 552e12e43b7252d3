"""Wiring of the service desk: its case source, menus, home and published figures."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from heluo.cases.sources import register_source
from heluo.core.homes import register_home
from heluo.core.modules import MenuItem, register_menu

from . import figures
from .services import SOURCE_KIND, officer_of, problem_case_changed


def officer_home(request: HttpRequest) -> HttpResponse | None:
    """A chief service officer's home is their own page: their enterprises ranked by open problems."""
    user = request.user
    if not user.is_authenticated:
        return None
    account = getattr(user, "account", None)
    if account is None or not account.roles.filter(code="chief_service_officer").exists():
        return None
    person = officer_of(user)
    return (
        HttpResponseRedirect(reverse("enterprise:officer", args=[person.pk])) if person is not None else None
    )


def ready() -> None:
    register_source(
        SOURCE_KIND,
        _("enterprise problem"),
        model="enterprise.Problem",
        on_change=problem_case_changed,
        waits_on=_("waiting for the enterprise's documents"),
    )
    register_menu(
        "enterprise",
        MenuItem(_("Enterprise problems"), "enterprise:problem_list", "enterprise.Problem"),
        MenuItem(_("Visits to enterprises"), "enterprise:visit_list", "enterprise.Visit"),
        MenuItem(_("Chief service officers"), "enterprise:officerassignment_list", "enterprise.OfficerAssignment"),
        MenuItem(_("Problem time limits"), "enterprise:timelimit_list", "enterprise.TimeLimit"),
        MenuItem(_("Problem categories"), "enterprise:problemcategory_list", "enterprise.ProblemCategory"),
    )  # fmt: skip
    register_home(officer_home, order=50)
    figures.register()
