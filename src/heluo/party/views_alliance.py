"""The alliance's and 四议两公开's own pages: an alliance's page (its member units, its three lists and
how current each is, its open needs with their proposals, its joint activities), proposing matches,
accepting or rejecting one, the stale lists, and a village matter's page with its six steps and the
next step's form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from heluo.core.scope import may
from heluo.core.views.access import requires
from heluo.core.views.generic import LedgerDetailView

from . import ledgers_alliance
from .forms_alliance import MatchDecisionForm, MatterStepForm, fit_to_step
from .models import (
    ActivityParticipant,
    Alliance,
    JointActivity,
    Match,
    MatchState,
    MatterStep,
    Need,
    NeedState,
    Project,
    Resource,
    VillageMatter,
)
from .rules import four_steps
from .services import alliance as services
from .services import villages

SHOWN = 20


class AllianceDetailView(LedgerDetailView):
    def context(self, **extra: Any) -> dict[str, Any]:
        alliance = extra.get("object")
        if isinstance(alliance, Alliance):
            extra.update(alliance_sections(self.request, alliance))
        return super().context(**extra)


def alliance_sections(request: HttpRequest, alliance: Alliance) -> dict[str, Any]:
    """What an alliance's page shows besides its fields, read from the rows."""
    user = request.user
    members = alliance.current_members().select_related("unit")
    needs = Need.objects.for_user(user).filter(alliance=alliance)
    return {
        "member_units": members,
        "former_units": alliance.members.filter(left_on__isnull=False),
        "freshness": services.list_freshness(alliance),
        "counts": {
            "resources": Resource.objects.for_user(user).filter(alliance=alliance).count(),
            "needs": needs.count(),
            "open_needs": needs.filter(state=NeedState.OPEN).count(),
            "projects": Project.objects.for_user(user).filter(alliance=alliance).count(),
        },
        "proposals": Match.objects.for_user(user)
        .filter(need__alliance=alliance, need__state=NeedState.OPEN, state=MatchState.PROPOSED)
        .select_related("need", "resource__member")
        .order_by("need", "rank")[:SHOWN],
        "projects": Project.objects.for_user(user).filter(alliance=alliance).select_related("owner")[:SHOWN],
        "activities": JointActivity.objects.for_user(user)
        .filter(alliance=alliance)
        .order_by("-held_on")[:SHOWN],
        "may_decide": may(user, "change", Match),
        "decision_form": MatchDecisionForm(),
    }


@require_POST
@requires("add", Match)
def alliance_propose(request: HttpRequest, pk: int) -> HttpResponse:
    """Propose resources for the alliance's open needs (the matching of heluo.party.rules.matching)."""
    alliance = get_object_or_404(Alliance.objects.for_user(request.user), pk=pk)
    added = services.propose_matches(alliance)
    messages.success(request, _("Matching done: %(count)s new proposals.") % {"count": added})
    return HttpResponseRedirect(alliance.get_absolute_url())


@require_POST
@requires("change", Match)
def match_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    """Accept (the need's project is made or joined) or reject a proposed match."""
    match = get_object_or_404(Match.objects.for_user(request.user).select_related("need__alliance"), pk=pk)
    back = request.POST.get("next") or match.need.alliance.get_absolute_url()
    if not back.startswith("/"):
        back = match.need.alliance.get_absolute_url()
    form = MatchDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(str(m) for errors in form.errors.values() for m in errors))
        return HttpResponseRedirect(back)
    on, note = form.cleaned_data["on"], form.cleaned_data["note"]
    try:
        if decision == "accept":
            project = services.accept_match(request.user, match, on=on)
            messages.success(request, _("Accepted: project %(project)s.") % {"project": project})
        else:
            services.reject_match(request.user, match, note=note, on=on)
            messages.success(request, _("Rejected: it will not be proposed again."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, "；".join(getattr(error, "messages", [str(error)])))
    return HttpResponseRedirect(back)


@requires("view", Alliance)
def stale_lists(request: HttpRequest) -> HttpResponse:
    """The alliances' lists not updated for longer than their alliance allows."""
    alliances = Alliance.objects.for_user(request.user).select_related("organisation")
    return render(
        request,
        "party/alliance/stale_lists.html",
        {"rows": services.stale_lists(alliances, timezone.localdate()), "alliances": alliances.count()},
    )


class NeedDetailView(LedgerDetailView):
    def context(self, **extra: Any) -> dict[str, Any]:
        need = extra.get("object")
        if isinstance(need, Need):
            extra["matches"] = (
                Match.objects.for_user(self.request.user).filter(need=need).select_related("resource__member")
            )
            extra["may_decide"] = may(self.request.user, "change", Match)
            extra["decision_form"] = MatchDecisionForm()
        return super().context(**extra)


class MatchDetailView(LedgerDetailView):
    def context(self, **extra: Any) -> dict[str, Any]:
        match = extra.get("object")
        if isinstance(match, Match):
            extra["why_not"] = services.why_not_matched(match.need, match.resource)
            extra["may_decide"] = (
                may(self.request.user, "change", Match) and match.state == MatchState.PROPOSED
            )
            extra["decision_form"] = MatchDecisionForm()
        return super().context(**extra)


class ActivityDetailView(LedgerDetailView):
    def context(self, **extra: Any) -> dict[str, Any]:
        activity = extra.get("object")
        if isinstance(activity, JointActivity):
            # Who took part is a roster: names only for those who see member records; others the count.
            extra["sees_members"] = may(self.request.user, "view", ActivityParticipant)
            extra["participant_count"] = activity.participants.count()
            extra["participants"] = (
                ActivityParticipant.objects.for_user(self.request.user)
                .filter(activity=activity)
                .select_related("member__organisation")
                if extra["sees_members"]
                else ActivityParticipant.objects.none()
            )
            extra["may_add_participant"] = may(self.request.user, "add", ActivityParticipant)
        return super().context(**extra)


class VillageMatterDetailView(LedgerDetailView):
    # The next step's form as submitted, when it was refused (shown again with the reasons).
    step_form: MatterStepForm | None = None

    def context(self, **extra: Any) -> dict[str, Any]:
        matter = extra.get("object")
        if isinstance(matter, VillageMatter):
            extra.update(matter_sections(self.request, matter, self.step_form))
        return super().context(**extra)

    def get_with_form(self, form: MatterStepForm) -> HttpResponse:
        self.step_form = form
        return self.get(self.request, pk=self.kwargs["pk"])


def matter_sections(
    request: HttpRequest, matter: VillageMatter, form: MatterStepForm | None
) -> dict[str, Any]:
    """The six steps of the matter (each recorded or not yet), and the form of the next one."""
    recorded = {s.step: s for s in matter.steps.order_by("step")}  # type: ignore[attr-defined]
    covered = {n: s for s in recorded.values() for n in four_steps.steps_covered(s.as_record())}
    upcoming = villages.next_step(matter)
    if form is None and upcoming is not None and may(request.user, "add", MatterStep):
        form = MatterStepForm(initial={"matter": matter.pk, "step": upcoming}, user=request.user)
    if form is not None and upcoming is not None:
        fit_to_step(form, upcoming, matter.secretary_is_chair)
    return {
        "steps": [
            {
                "number": n,
                "label": label,
                "record": covered.get(n),
                "joint": n == 2 and n in covered and n not in recorded,
            }
            for n, label in four_steps.STEPS
        ],
        "next_step": upcoming,
        "next_label": four_steps.LABELS.get(upcoming or 0, ""),
        "step_form": form,
    }


@require_POST
@requires("add", MatterStep)
def matter_record_step(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the matter's next step from the form on its page: refused in Chinese when the procedure
    does not allow it (the page is shown again with the reason)."""
    matter = get_object_or_404(VillageMatter.objects.for_user(request.user), pk=pk)
    data = request.POST.copy()
    data["matter"] = str(matter.pk)
    form = MatterStepForm(data, request.FILES, user=request.user)
    if form.is_valid():
        with transaction.atomic():
            step = ledgers_alliance.matter_step.save(form, request.user)
        messages.success(request, _("Recorded: %(step)s.") % {"step": step})
        return HttpResponseRedirect(matter.get_absolute_url())
    view = VillageMatterDetailView(ledger=ledgers_alliance.village_matter)
    view.setup(request, pk=pk)
    response = view.get_with_form(form)
    response.status_code = 400
    return response
