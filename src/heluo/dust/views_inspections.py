"""Dust control's pages beyond the ledgers: the phone inspection of a site and the patrol report."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heluo.core.forms import LedgerForm
from heluo.core.views.access import requires

from .models import ChecklistTemplate, Inspection, Outcome, PatrolReport, Site
from .services import ItemResult, Patrol, Submission, checklists_in_force, default_checklist, report_patrol
from .services import submit_inspection as submit


@requires("add", Inspection)
def inspect(request: HttpRequest, pk: int) -> HttpResponse:
    """The phone page walking a checklist on a site (GET), and the endpoint its script submits to (POST):
    201 with the stored inspection, 200 when the same client_id was stored before, 400 with the reasons
    in Chinese (nothing stored)."""
    site = get_object_or_404(Site.objects.for_user(request.user).select_related("division"), pk=pk)
    if request.method == "POST":
        return _submit(request, site)
    templates = checklists_in_force()
    chosen = request.GET.get("checklist", "")
    template = (templates.filter(pk=chosen).first() if chosen.isdigit() else None) or default_checklist(
        site.state, templates
    )
    return render(
        request,
        "dust/inspect.html",
        {
            "site": site,
            "templates": templates,
            "template": template,
            "items": list(template.items.order_by("order", "pk")) if template else [],
            "outcomes": Outcome.choices,
        },
    )


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.000001"))
    except InvalidOperation as error:
        raise ValidationError(_("The position is not a number.")) from error


def _submission(request: HttpRequest, site: Site) -> Submission:
    """The submission from the page's multipart body: a JSON `payload` and the files `photo-<item id>`."""
    try:
        payload = json.loads(request.POST.get("payload", ""))
        client_id = uuid.UUID(str(payload["client_id"]))
        template = ChecklistTemplate.objects.get(pk=int(payload["template"]))
        answers = {int(answer["item"]): answer for answer in payload["results"]}
    except (ValueError, KeyError, TypeError, ChecklistTemplate.DoesNotExist) as error:
        raise ValidationError(_("The submission is incomplete or malformed.")) from error
    items = {item.pk: item for item in template.items.all()}
    unknown = set(answers) - set(items)
    if unknown:
        raise ValidationError(
            _("The answers do not match the items of %(checklist)s.") % {"checklist": template}
        )
    performed_at = (
        parse_datetime(str(payload.get("performed_at") or "")) if payload.get("performed_at") else None
    )
    return Submission(
        client_id=client_id, site=site, template=template,
        results=[
            ItemResult(item=items[pk], outcome=str(answer.get("outcome", "")), note=str(answer.get("note") or ""),
                       photos=request.FILES.getlist(f"photo-{pk}"))
            for pk, answer in answers.items()
        ],
        performed_at=performed_at, longitude=_decimal(payload.get("longitude")),
        latitude=_decimal(payload.get("latitude")), note=str(payload.get("note") or ""),
    )  # fmt: skip


def _submit(request: HttpRequest, site: Site) -> JsonResponse:
    try:
        inspection, created = submit(request.user, _submission(request, site))
    except ValidationError as error:
        return JsonResponse({"errors": error.messages}, status=400)
    except PermissionDenied as error:
        return JsonResponse({"errors": [str(error)]}, status=403)
    cases = [
        {"number": result.case.number, "url": result.case.get_absolute_url()}
        for result in inspection.results.select_related("case").exclude(case=None)
    ]
    return JsonResponse(
        {
            "id": inspection.pk,
            "url": inspection.get_absolute_url(),
            "passed": inspection.passed,
            "cases": cases,
        },
        status=201 if created else 200,
    )


class PatrolForm(LedgerForm):
    """The patrol report's page: the ledger's fields and one required photo."""

    photo = forms.FileField(
        label=gettext_lazy("photo"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )

    class Meta:
        model = PatrolReport
        fields = ["text", "site", "division", "address", "longitude", "latitude"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["division"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        # A site is place enough: its division is taken when none is chosen.
        if not data.get("division"):
            if data.get("site"):
                data["division"] = data["site"].division
            else:
                self.add_error("division", _("Choose a site or a division."))
        return data


@requires("add", PatrolReport)
def patrol_new(request: HttpRequest) -> HttpResponse:
    """A patrol report from anywhere (巡查上报): a photo, a place (a site, a division or the position) and
    a sentence; it opens a supervision case."""
    form = PatrolForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = report_patrol(request.user, Patrol(
                text=data["text"], division=data["division"], site=data.get("site"),
                address=data.get("address") or "", longitude=data.get("longitude"), latitude=data.get("latitude"),
                photos=[data["photo"]],
            ))  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(report.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "dust/patrol_form.html", {"form": form}, status=status)
