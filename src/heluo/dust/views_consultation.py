"""The pages of the demolition consultation (the day's board, confirming, the history) and of the
assessment (the 通报 as a page, PDF, Word-compatible file and workbook). Every change goes through
heluo.dust.services; rows come through for_user."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from heluo.core import documents
from heluo.core.forms import DateInput
from heluo.core.scope import may
from heluo.core.views.access import requires

from .models import AssessmentScheme, ConsultationDecision, Decision, Site
from .services import assessment, consultation


class DayForm(forms.Form):
    day = forms.DateField(label=gettext_lazy("date"), widget=DateInput())


class ConfirmForm(forms.Form):
    decision = forms.ChoiceField(label=gettext_lazy("decision"), choices=Decision.choices)
    reason = forms.CharField(
        label=gettext_lazy("reason for overriding"), required=False, max_length=500,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("needed when the decision differs")}),
    )  # fmt: skip


class HistoryForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("site"), required=False, max_length=100)
    start = forms.DateField(label=gettext_lazy("from"), required=False, widget=DateInput())
    end = forms.DateField(label=gettext_lazy("to"), required=False, widget=DateInput())
    decision = forms.ChoiceField(
        label=gettext_lazy("decision"), required=False, choices=[("", "—"), *Decision.choices]
    )


def _day(request: HttpRequest) -> tuple[DayForm, dt.date]:
    today = timezone.localdate()
    form = DayForm(request.GET if "day" in request.GET else None, initial={"day": today})
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["day"]
    return form, today


@requires("view", ConsultationDecision)
def board(request: HttpRequest) -> HttpResponse:
    """The day's board: every demolition site the user sees, its inputs, the proposed decision and, for
    those who may, confirming or overriding it."""
    form, day = _day(request)
    decisions = (
        ConsultationDecision.objects.for_user(request.user)  # type: ignore[attr-defined]
        .filter(day=day)
        .select_related("site", "site__division", "rule", "confirmed_by__account")
        .order_by("site__division__code", "site__name")
    )
    may_confirm = may(request.user, "change", ConsultationDecision)
    rows = [(decision, ConfirmForm(initial={"decision": decision.decision}, prefix=str(decision.pk)))
            for decision in decisions]  # fmt: skip
    waiting = sum(1 for decision in decisions if decision.confirmed_at is None)
    sites = consultation.demolition_sites().filter(pk__in=Site.objects.for_user(request.user).values("pk"))  # type: ignore[attr-defined]
    context = {"form": form, "day": day, "rows": rows, "may_confirm": may_confirm, "waiting": waiting,
               "unproposed": sites.exclude(consultation_decisions__day=day).count()}  # fmt: skip
    return render(request, "dust/consultation_board.html", context, status=400 if form.errors else 200)


@require_POST
@requires("change", ConsultationDecision)
def propose(request: HttpRequest) -> HttpResponse:
    """Work out the day's proposals now (the daily task does this every morning)."""
    form = DayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid day."))
        return HttpResponseRedirect(reverse("dust:consultation_board"))
    day = form.cleaned_data["day"]
    visible = Site.objects.for_user(request.user).values("pk")  # type: ignore[attr-defined]
    made = consultation.propose_decisions(day, sites=consultation.demolition_sites().filter(pk__in=visible))
    messages.success(request, _("%(n)s decisions proposed.") % {"n": len(made)})
    return HttpResponseRedirect(f"{reverse('dust:consultation_board')}?day={day.isoformat()}")


@require_POST
@requires("change", ConsultationDecision)
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(
        ConsultationDecision.objects.for_user(request.user).select_related("site"),
        pk=pk,  # type: ignore[attr-defined]
    )
    form = ConfirmForm(request.POST, prefix=str(pk))
    back = f"{reverse('dust:consultation_board')}?day={decision.day.isoformat()}#decision-{pk}"
    if not form.is_valid():
        messages.error(request, _("Choose allowed, wet work only or stopped."))
        return HttpResponseRedirect(back)
    try:
        consultation.confirm_decision(
            decision, request.user, choice=form.cleaned_data["decision"], reason=form.cleaned_data["reason"]
        )
    except ValidationError as refused:
        messages.error(request, "；".join(refused.messages))
        return HttpResponseRedirect(back)
    messages.success(request, _("The decision for %(site)s is confirmed.") % {"site": decision.site})
    return HttpResponseRedirect(back)


@requires("view", ConsultationDecision)
def history(request: HttpRequest) -> HttpResponse:
    """Past decisions, newest first, filtered by site name, days and decision."""
    form = HistoryForm(request.GET or None)
    decisions = ConsultationDecision.objects.for_user(request.user).select_related(  # type: ignore[attr-defined]
        "site", "site__division", "rule", "confirmed_by__account"
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            decisions = decisions.filter(site__name__icontains=data["q"])
        if data["start"]:
            decisions = decisions.filter(day__gte=data["start"])
        if data["end"]:
            decisions = decisions.filter(day__lte=data["end"])
        if data["decision"]:
            decisions = decisions.filter(decision=data["decision"])
    page = Paginator(decisions.order_by("-day", "site__name"), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "querystring": query.urlencode()}
    return render(request, "dust/consultation_history.html", context, status=400 if form.errors else 200)


def _scheme(request: HttpRequest, pk: int) -> AssessmentScheme:
    return get_object_or_404(AssessmentScheme.objects.for_user(request.user), pk=pk)  # type: ignore[attr-defined]


@requires("view", AssessmentScheme)
def bulletin(request: HttpRequest, pk: int) -> HttpResponse:
    """The 通报 as a print-ready A4 page."""
    return HttpResponse(assessment.bulletin_page(_scheme(request, pk)))


@requires("view", AssessmentScheme)
def bulletin_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The 通报 as a PDF with its fonts embedded."""
    scheme = _scheme(request, pk)
    try:
        data = assessment.bulletin_pdf(scheme, base_url=request.build_absolute_uri("/"))
    except documents.PdfUnavailable as missing:
        return render(request, "core/error.html", {"message": str(missing)}, status=503)
    return _download(data, "application/pdf", f"{scheme.name}.pdf", inline=True)


@requires("view", AssessmentScheme)
def bulletin_word(request: HttpRequest, pk: int) -> HttpResponse:
    """The 通报 as a Word-compatible file, for an office that edits before it issues."""
    scheme = _scheme(request, pk)
    return _download(assessment.bulletin_word(scheme), documents.WORD_CONTENT_TYPE, f"{scheme.name}.doc")


@requires("view", AssessmentScheme)
def bulletin_workbook(request: HttpRequest, pk: int) -> HttpResponse:
    """The ranking as an Excel workbook."""
    scheme = _scheme(request, pk)
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _download(assessment.bulletin_workbook(scheme), content_type, f"{scheme.name}.xlsx")


def _download(data: bytes, content_type: str, name: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = (
        f"{'inline' if inline else 'attachment'}; filename*=UTF-8''{quote(name)}"
    )
    return response
