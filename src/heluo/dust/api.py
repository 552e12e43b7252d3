"""Dust control in the API (docs/api.md): construction sites, written as on their pages (the site form,
then dust's service, which keeps each site's monitoring point in step)."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, register_ledgers
from heluo.dust import ledgers
from heluo.dust.models import Site


class SiteSerializer(LedgerSerializer):
    class Meta:
        model = Site
        fields = [
            "id", "display", "name", "kind", "division", "address", "longitude", "latitude", "coordinate_system",
            "contractor", "developer", "state", "grid", "start_date", "end_date", "notes", "created_at",
            "updated_at", "row_version",
        ]  # fmt: skip


class SiteViewSet(LedgerViewSet):
    """Construction sites (工地) of the project list (工程项目清单)."""

    ledger = ledgers.site
    serializer_class = SiteSerializer


def register(router: BaseRouter) -> None:
    """Dust control's routes under /api/dust/."""
    register_ledgers(router, SiteViewSet)
