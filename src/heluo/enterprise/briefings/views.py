"""Policy briefings' pages beyond their ledgers: a year's figures from the registry, with the sentence
officials copy."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from heluo.core.figures import Period, render_sentence, value
from heluo.core.views.access import requires
from heluo.enterprise.major.views import YearForm, territory_of

from .models import Briefing

SUMMARY_FIGURES = (
    "enterprise.briefings.held",
    "enterprise.briefings.enterprises",
    "enterprise.briefings.policies",
)


@requires("view", Briefing)
def briefing_summary(request: HttpRequest) -> HttpResponse:
    """A year's briefings held, enterprises attending and policies explained in the user's territory."""
    form = YearForm(request.GET if "year" in request.GET else {"year": timezone.localdate().year})
    if not form.is_valid():
        return render(request, "enterprise/briefings/summary.html", {"form": form}, status=400)
    territory, period = territory_of(request.user), Period.year(form.cleaned_data["year"])
    readings = [value(key, territory, period) for key in SUMMARY_FIGURES]
    sentence = render_sentence("enterprise.briefings.summary", territory, period)
    return render(
        request,
        "enterprise/briefings/summary.html",
        {"form": form, "readings": readings, "sentence": sentence, "period": period},
    )
