"""The cockpit's pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def cockpit_view(request: HttpRequest) -> HttpResponse:
    """The cockpit opened at the user's own division (the home of leaders, departments and division staff)."""
    return render(request, "dashboards/cockpit/cockpit.html", {})
