"""Enterprise services in the API (docs/api.md), one part at a time, each written as on its page."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from heluo.enterprise.briefings import api as briefings
from heluo.enterprise.cooperation import api as cooperation
from heluo.enterprise.finance import api as finance
from heluo.enterprise.major import api as major
from heluo.enterprise.parks import api as parks
from heluo.enterprise.service import api as service


def register(router: BaseRouter) -> None:
    """Enterprise services' routes under /api/enterprise/."""
    for part in (cooperation, finance, major, briefings, service, parks):
        part.register(router)
