"""The reorganisation's pages: a reorganisation's page with its figures computed from the roster on the
reference date (the share of new-type forces of the territory and of each county, progress against the
targets, the units' composition findings, the musters' turnouts), the check that opens or closes the
shortfall's case, and a muster's page with its roll call."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from heluo.cases.models import Case
from heluo.core.scope import may
from heluo.core.services.masking import log_shown
from heluo.core.views.access import requires
from heluo.core.views.generic import LedgerDetailView

from .models import MilitiaMember, Muster, MusterAttendance, Reorganisation
from .rules.composition import QUALIFIED_SHORT, STRENGTH_SHORT, Finding
from .services import muster as muster_services
from .services import reorganisation as services
from .services.inspections import visits_of
from .services.reorganisation import percent_text


def finding_text(finding: Finding) -> str:
    numbers = {
        "part": finding.part,
        "whole": finding.whole,
        "percent": percent_text(finding.percent),
        "required": percent_text(finding.required),
    }
    if finding.code == STRENGTH_SHORT:
        return _("strength on hand %(part)s of %(whole)s (%(percent)s%%), below %(required)s%%") % numbers
    if finding.code == QUALIFIED_SHORT:
        return (
            _("veterans or matching specialists %(part)s of %(whole)s (%(percent)s%%), below %(required)s%%")
            % numbers
        )
    return finding.code


class ReorganisationDetailView(LedgerDetailView):
    def context(self, **extra: Any) -> dict[str, Any]:
        reorganisation = extra.get("object")
        if isinstance(reorganisation, Reorganisation):
            figures = services.reorganisation_figures(reorganisation, self.request.user)
            cases = services.open_cases_by_division(
                reorganisation,
                Case.objects.for_user(self.request.user),  # type: ignore[attr-defined]
            )
            extra.update(
                {
                    "figures": figures,
                    "required": percent_text(reorganisation.required_new_type_share),
                    "city_percent": percent_text(figures.city.share.percent),
                    "counties": [
                        (area, percent_text(area.share.percent), cases.get(area.division.pk, []))
                        for area in figures.counties
                    ],
                    "targets": [(t, percent_text(t.progress.percent)) for t in figures.targets],
                    "units": [(check, [finding_text(f) for f in check.findings]) for check in figures.units],
                    "musters": [(m, percent_text(m.turnout.percent)) for m in figures.musters],
                    "open_cases": cases.get(reorganisation.division_id, []),
                    "visits": list(visits_of(reorganisation, self.request.user)),
                }
            )
        return super().context(**extra)


class MusterDetailView(LedgerDetailView):
    def context(self, **extra: Any) -> dict[str, Any]:
        muster = extra.get("object")
        if isinstance(muster, Muster):
            turnout = services.muster_turnout(muster)
            sees_members = may(self.request.user, "view", MilitiaMember)
            attendances = (
                list(muster.attendances.select_related("member").order_by("-present", "member__name"))
                if sees_members
                else []
            )
            log_shown(
                self.request.user, MusterAttendance, [a.pk for a in attendances], self.request.get_full_path()
            )
            extra.update(
                {
                    "turnout": turnout,
                    "turnout_percent": percent_text(turnout.percent),
                    "required": percent_text(turnout.required),
                    # Names are a roster: only for those who see member records; others see counts.
                    "sees_members": sees_members,
                    "attendances": attendances,
                }
            )
        return super().context(**extra)


@require_POST
@requires("change", Reorganisation)
def check_share(request: HttpRequest, pk: int) -> HttpResponse:
    """Compare the shares with the required one now: a shortfall opens its case, a share met closes it."""
    reorganisation = get_object_or_404(Reorganisation.objects.for_user(request.user), pk=pk)
    result = services.check_new_type_share(reorganisation)
    messages.success(
        request,
        _("Share checked: %(opened)s supervision cases opened, %(closed)s closed.")
        % {"opened": result.opened, "closed": result.closed},
    )
    return HttpResponseRedirect(reorganisation.get_absolute_url())


@requires("view", MilitiaMember)
@requires("add", MusterAttendance)
def roll_call(request: HttpRequest, pk: int) -> HttpResponse:
    """The roll call of a muster (集结点验登记册): the unit's members on the roster that day, each present
    or absent with the reason; one row per member, usable at phone width."""
    muster = get_object_or_404(Muster.objects.for_user(request.user).select_related("unit"), pk=pk)
    members = list(muster_services.called_members(muster))
    stored = {row.member_id: row for row in muster.attendances.all()}
    status = 200
    if request.method == "POST":
        presence = {
            m.pk: muster_services.Presence(
                request.POST.get(f"present-{m.pk}") == "on", request.POST.get(f"reason-{m.pk}", "").strip()
            )
            for m in members
        }
        try:
            recorded = muster_services.record_roll_call(request.user, muster, presence)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
            status = 400
        else:
            messages.success(
                request,
                _("Roll call recorded: %(present)s of %(called)s present.")
                % {"present": recorded.turnout.present, "called": recorded.turnout.called},
            )
            return HttpResponseRedirect(muster.get_absolute_url())
        rows = [(m, presence[m.pk].present, presence[m.pk].absence_reason) for m in members]
    else:
        rows = [
            (
                m,
                stored[m.pk].present if m.pk in stored else True,
                stored[m.pk].absence_reason if m.pk in stored else "",
            )
            for m in members
        ]
    log_shown(request.user, MilitiaMember, [m.pk for m in members], request.get_full_path())
    return render(
        request, "militia/reorganisation/roll_call.html", {"muster": muster, "rows": rows}, status=status
    )
