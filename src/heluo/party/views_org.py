"""Party organisations' and members' own pages: an organisation's page (its tree, posts and terms, its
members counted and its branch rules), the branch-rule list, the mobile members, the members to follow
up (党章 art. 9), and the acts on a member (转正) and on a transfer letter (接收, 退回)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from heluo.core.scope import may
from heluo.core.services.masking import log_shown
from heluo.core.views.access import requires
from heluo.core.views.generic import LedgerDetailView

from .forms_org import DayForm
from .models import (
    COMMITTEE_POSTS,
    Member,
    MemberStatus,
    OrganisationKind,
    PartyOrganisation,
    Post,
    Transfer,
    TransferState,
)
from .services import members as member_services
from .services import organisations as org_services
from .services import transfers as transfer_services
from .tables_org import MobileMemberTable


class PartyOrganisationDetailView(LedgerDetailView):
    def context(self, **extra: Any) -> dict[str, Any]:
        organisation = extra.get("object")
        if isinstance(organisation, PartyOrganisation):
            extra.update(organisation_sections(self.request, organisation))
        return super().context(**extra)


def organisation_sections(request: HttpRequest, organisation: PartyOrganisation) -> dict[str, Any]:
    """What an organisation's page shows besides its fields: counts only, never a member's record,
    unless the user may see members."""
    user = request.user
    today = timezone.localdate()
    posts = (
        Post.objects.for_user(user)
        .filter(organisation=organisation, start__lte=today)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .select_related("member")
        .order_by("kind", "start")
    )
    end = org_services.term_end(organisation)
    return {
        "children": PartyOrganisation.objects.for_user(user).filter(parent=organisation).order_by("name"),
        "posts": posts if may(user, "view", Post) else [],
        "committee_posts": [str(kind.label) for kind in COMMITTEE_POSTS],
        "counts": org_services.member_counts(organisation),
        "tree_counts": org_services.member_counts(organisation, tree=True),
        "warnings": org_services.branch_warnings(organisation),
        "term_end": end,
        "term_years": org_services.term_years(organisation.field),
        "changeover_due": org_services.changeover_due(end, today),
        "sees_members": may(user, "view", Member),
    }


class MemberDetailView(LedgerDetailView):
    def context(self, **extra: Any) -> dict[str, Any]:
        member = extra.get("object")
        if isinstance(member, Member):
            extra["transfers"] = Transfer.objects.for_user(self.request.user).filter(member=member)
            extra["may_confirm"] = (
                member.status == MemberStatus.PROBATIONARY
                and member.is_current
                and may(self.request.user, "change", Member)
            )
            extra["day_form"] = DayForm()
        return super().context(**extra)


class TransferDetailView(LedgerDetailView):
    def context(self, **extra: Any) -> dict[str, Any]:
        transfer = extra.get("object")
        if isinstance(transfer, Transfer):
            extra["pending"] = transfer.state == TransferState.ISSUED and may(
                self.request.user, "change", Transfer
            )
            extra["day_form"] = DayForm()
        return super().context(**extra)


def _refused(request: HttpRequest, error: ValidationError | PermissionDenied) -> None:
    text = "；".join(error.messages) if isinstance(error, ValidationError) else str(error)
    messages.error(request, text)


@require_POST
@requires("change", Member)
def member_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm a probationary member as a full member (转正) on the day given."""
    member = get_object_or_404(Member.objects.for_user(request.user), pk=pk)
    form = DayForm(request.POST)
    if form.is_valid():
        try:
            member_services.confirm_member(
                request.user, member, on=form.cleaned_data["on"] or timezone.localdate()
            )
        except (ValidationError, PermissionDenied) as error:
            _refused(request, error)
        else:
            messages.success(request, _("%(name)s is a full member now.") % {"name": member.name})
    else:
        messages.error(request, "；".join(form.errors.get("on", [])))
    return HttpResponseRedirect(member.get_absolute_url())


@require_POST
@requires("change", Transfer)
def transfer_act(request: HttpRequest, pk: int, act: str) -> HttpResponse:
    """Receive (接收) or return (退回) a pending transfer letter."""
    transfer = get_object_or_404(Transfer.objects.for_user(request.user), pk=pk)
    form = DayForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(form.errors.get("on", [])))
        return HttpResponseRedirect(transfer.get_absolute_url())
    try:
        if act == "receive":
            transfer_services.receive_transfer(
                request.user, transfer, on=form.cleaned_data["on"] or timezone.localdate()
            )
        else:
            transfer_services.return_transfer(request.user, transfer)
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    else:
        transfer.refresh_from_db()
        messages.success(request, _("The letter is “%(state)s”.") % {"state": transfer.get_state_display()})
    return HttpResponseRedirect(transfer.get_absolute_url())


@requires("view", Member)
def mobile_members(request: HttpRequest) -> HttpResponse:
    """The mobile members (流动党员) the user may see: where they are, how to reach them, who keeps in touch."""
    rows = member_services.mobile_members(request.user)
    table = MobileMemberTable(rows)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    log_shown(request.user, Member, [row.pk for row in table.paginated_rows.data], request.get_full_path())
    return render(request, "party/org/mobile_members.html", {"table": table, "count": rows.count()})


@requires("view", PartyOrganisation)
def branch_rules(request: HttpRequest) -> HttpResponse:
    """The branches the user sees that break a branch rule, with the rules they break (counts only)."""
    branches = (
        PartyOrganisation.objects.for_user(request.user).filter(kind=OrganisationKind.BRANCH).order_by("path")
    )
    rows = [(branch, warnings) for branch in branches if (warnings := org_services.branch_warnings(branch))]
    return render(request, "party/org/branch_rules.html", {"rows": rows, "checked": branches.count()})


@requires("view", Member)
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    """The members of the organisation's tree to follow up (党章 art. 9), with the reasons. Heluo flags;
    the branch decides: there is no act here."""
    organisation = get_object_or_404(PartyOrganisation.objects.for_user(request.user), pk=pk)
    members = member_services.roll(organisation, tree=True).filter(
        pk__in=Member.objects.for_user(request.user).values("pk")
    )
    rows = member_services.members_to_follow_up(members.select_related("organisation"))
    log_shown(request.user, Member, [member.pk for member, _flag in rows], request.get_full_path())
    return render(request, "party/org/follow_up.html", {"organisation": organisation, "rows": rows})
