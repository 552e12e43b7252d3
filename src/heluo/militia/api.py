"""The militia in the API (/api/militia/...): each part's viewsets in its `api_<topic>.py`, whose
`register(router)` is called from here."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from . import api_reorganisation


def register(router: BaseRouter) -> None:
    """The militia's routes under /api/militia/."""
    api_reorganisation.register(router)
