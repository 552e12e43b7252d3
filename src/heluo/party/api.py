"""Party building in the API (/api/party/...): each part's viewsets in its `api_<topic>.py`, whose
`register(router)` is called from here."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from . import api_alliance, api_dues_points, api_meetings, api_org


def register(router: BaseRouter) -> None:
    """Party building's routes under /api/party/."""
    api_org.register(router)
    api_dues_points.register(router)
    api_meetings.register(router)
    api_alliance.register(router)
