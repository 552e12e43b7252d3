"""Supervision pages: a case with its timeline and acts, my cases, the overdue list, the figures, the
supervision notice. Every act goes through heluo.cases.services.transitions; rows come through for_user."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.cases.forms import ACT_FORMS, ActForm, AssignForm, PeriodForm
from heluo.cases.models import Case, State
from heluo.cases.services import notice, transitions
from heluo.cases.services import statistics as stats
from heluo.cases.services.transitions import TRANSITIONS
from heluo.core import documents
from heluo.core.display import display, field_label
from heluo.core.services.files import attachments_of
from heluo.core.views.access import requires
from heluo.core.views.generic import LedgerDetailView
from heluo.core.workflow import TransitionRefused

DETAIL_FIELDS = ("category", "source_kind", "source_reference", "division", "address", "priority",
                 "supervising_unit", "cooperating_units", "requirements", "description")  # fmt: skip


def _act_form(name: str, user: Any, case: Case, data: Any = None, files: Any = None) -> ActForm:
    form_class = ACT_FORMS[name]
    extra = {"case": case} if form_class is AssignForm else {}
    return form_class(data, files, user=user, prefix=name, **extra)


class CaseDetailView(LedgerDetailView):
    """A case: its facts, deadline, timeline, files, and the acts the user may make now."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(request, self.get_object())

    def page(self, request: HttpRequest, case: Any, *, bound: ActForm | None = None, act: str = "",
             error: str = "", status: int = 200) -> HttpResponse:  # fmt: skip
        user = request.user
        rows = [(field_label(Case, name), display(case, name, user)) for name in DETAIL_FIELDS]
        events = case.events.select_related("actor__account").prefetch_related(
            Prefetch("attachments", to_attr="files")
        )
        acts = [(t, bound if t.name == act and bound is not None else _act_form(t.name, user, case))
                for t in transitions.allowed(user, case)]  # fmt: skip
        context = self.context(
            object=case, rows=rows, events=events, acts=acts, act=act, error=error, tab="detail",
            attachments=list(attachments_of(case)), now=timezone.now(), source=case.source,
        )  # fmt: skip
        # Only a case registered by mistake is deleted (Case.delete): offer the button only then.
        context["can"]["delete"] = context["can"]["delete"] and case.state == State.REGISTERED
        return render(request, "cases/case_detail.html", context, status=status)


class CaseActView(CaseDetailView):
    """POST an act; a refusal is shown on the case's page with its reason, and nothing changes."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, act: str) -> HttpResponse:
        case = self.get_object()
        if act not in TRANSITIONS:
            raise Http404
        form = _act_form(act, request.user, case, request.POST, request.FILES)
        if not form.is_valid():
            return self.page(
                request, case, bound=form, act=act, error=_("Please correct the errors below."), status=400
            )
        try:
            case, warnings = transitions.perform(act, request.user, case, form.cleaned_data)
        except TransitionRefused as refusal:
            return self.page(request, case, act=act, error=refusal.message, status=409)
        except PermissionDenied as refusal:
            return self.page(request, case, act=act, error=str(refusal), status=403)
        except ValidationError as problem:
            for field, errors in problem.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.page(
                request, case, bound=form, act=act, error=_("Please correct the errors below."), status=400
            )
        messages.success(request, _("Done: %(act)s.") % {"act": TRANSITIONS[act].label})
        for warning in warnings:
            messages.warning(request, warning)
        return HttpResponseRedirect(case.get_absolute_url())


@requires("view", Case)
def my_cases(request: HttpRequest) -> HttpResponse:
    """The open cases the user handles (or their unit, when nobody is named)."""
    return HttpResponseRedirect(reverse("cases:case_list") + "?mine=true&still_open=true")


@requires("view", Case)
def overdue_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    page = Paginator(stats.overdue_cases(request.user, now), 50).get_page(request.GET.get("page"))
    rows = [(case, stats.overdue_days(case, now)) for case in page.object_list]
    return render(request, "cases/overdue_list.html", {"page": page, "rows": rows, "now": now})


def _period(request: HttpRequest) -> tuple[PeriodForm, stats.Period, str]:
    today = timezone.localdate()
    initial = {"start": today - dt.timedelta(days=89), "end": today, "by": "unit"}
    # What the query leaves out is the default period's: only a value given and wrong is refused.
    given = {**{name: str(value) for name, value in initial.items()}, **request.GET.dict()}
    form = PeriodForm(given if request.GET else None, initial=initial)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, stats.Period(data["start"], data["end"]), data["by"]
    return form, stats.Period(initial["start"], initial["end"]), "unit"


@requires("view", Case)
def statistics(request: HttpRequest) -> HttpResponse:
    """Figures per unit or district for a period, ranked, with a chart of the on-time rates."""
    form, period, grouping = _period(request)
    ranked, summary = stats.figures(request.user, period, grouping)  # type: ignore[arg-type]
    rated = [tally for _rank, tally in ranked if tally.on_time_rate is not None][:20]
    chart = {
        "names": [tally.name for tally in rated],
        "rates": [float(tally.on_time_rate or 0) for tally in rated],
        "overdue": [tally.open_overdue for tally in rated],
        "labels": {"rate": _("On-time rate (%)"), "overdue": _("Open overdue")},
    }
    context = {"form": form, "period": period, "grouping": grouping, "ranked": ranked, "summary": summary,
               "chart": json.dumps(chart, ensure_ascii=False), "query": request.GET.urlencode()}  # fmt: skip
    # A refused period shows the default one, with the refusal beside its field.
    return render(request, "cases/statistics.html", context, status=400 if form.errors else 200)


@requires("view", Case)
def statistics_export(request: HttpRequest) -> HttpResponse:
    form, period, grouping = _period(request)
    if form.errors:
        message = "；".join(str(error) for errors in form.errors.values() for error in errors)
        return render(request, "core/error.html", {"message": message}, status=400)
    data = stats.workbook(request.user, period, grouping)  # type: ignore[arg-type]
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    from urllib.parse import quote

    name = f"{_('Supervision figures')}-{period.start}-{period.end}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _visible_case(request: HttpRequest, pk: int) -> Case:
    return get_object_or_404(Case.objects.for_user(request.user).select_related(  # type: ignore[attr-defined]
        "responsible_unit", "supervising_unit", "division", "category"), pk=pk)  # fmt: skip


@requires("view", Case)
def notice_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The supervision notice (督办单) as a print-ready A4 page."""
    case = _visible_case(request, pk)
    return HttpResponse(notice.page(case))


@requires("view", Case)
def notice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The supervision notice as a PDF with its fonts embedded."""
    case = _visible_case(request, pk)
    try:
        data = notice.pdf(case, base_url=request.build_absolute_uri("/"))
    except documents.PdfUnavailable as missing:
        return render(request, "core/error.html", {"message": str(missing)}, status=503)
    response = HttpResponse(data, content_type="application/pdf")
    from urllib.parse import quote

    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(case.number)}.pdf"
    return response
