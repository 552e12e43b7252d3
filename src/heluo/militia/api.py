"""The militia module in the API (/api/militia/...): each part's viewsets in its own module, whose
`register(router)` is called from here."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from . import api_c


def register(router: BaseRouter) -> None:
    """The militia module's routes under /api/militia/."""
    api_c.register(router)  # part C: training, equipment reserves, inspections
