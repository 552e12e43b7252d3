"""Dust control's pages beyond the ledgers': a daily-penalty count's acts (a re-inspection that found the
breach again, the end of the count), through dust's enforcement service."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from heluo.core.views.access import requires

from .forms import EndForm, FindingForm
from .models import PenaltyCount
from .services import add_finding, end_count


def _refused(request: HttpRequest, form: forms.Form | None, error: ValidationError | None = None) -> None:
    reasons = error.messages if error is not None else [m for errors in form.errors.values() for m in errors]  # type: ignore[union-attr]
    messages.error(request, _("Nothing changed: %(reason)s") % {"reason": "；".join(reasons)})


@requires("change", PenaltyCount)
def penalty_finding(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a re-inspection that found the breach again (POST): the count runs to its date."""
    count = get_object_or_404(PenaltyCount.objects.for_user(request.user).select_related("order"), pk=pk)  # type: ignore[attr-defined]
    form = FindingForm(request.POST)
    if request.method != "POST" or not form.is_valid():
        _refused(request, form)
    else:
        try:
            add_finding(
                count, form.cleaned_data["on"], reference=form.cleaned_data["reference"], by=request.user
            )
        except ValidationError as error:
            _refused(request, None, error)
    return HttpResponseRedirect(count.get_absolute_url())


@requires("change", PenaltyCount)
def penalty_end(request: HttpRequest, pk: int) -> HttpResponse:
    """End the count (POST): a verified correction, or a stop-work that ended the breach."""
    count = get_object_or_404(PenaltyCount.objects.for_user(request.user).select_related("order"), pk=pk)  # type: ignore[attr-defined]
    form = EndForm(request.POST)
    if request.method != "POST" or not form.is_valid():
        _refused(request, form)
    else:
        try:
            end_count(count, on=form.cleaned_data["on"], reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            _refused(request, None, error)
    return HttpResponseRedirect(count.get_absolute_url())
