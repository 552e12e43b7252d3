"""Dust control in the API (docs/api.md): construction sites, package areas and their staff, waste
removals and cover records, each written as on its page (the ledger's form, then dust's service)."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, register_ledgers
from heluo.dust import ledgers
from heluo.dust.models import CoverRecord, PackageArea, PackageAreaStaff, Site, WasteRemoval

BOOKKEEPING = ["created_at", "updated_at", "row_version"]


class SiteSerializer(LedgerSerializer):
    class Meta:
        model = Site
        fields = [
            "id", "display", "name", "kind", "division", "address", "longitude", "latitude", "coordinate_system",
            "contractor", "developer", "state", "package_area", "grid", "start_date", "end_date", "notes",
            *BOOKKEEPING,
        ]  # fmt: skip


class SiteViewSet(LedgerViewSet):
    """Construction sites (工地) of the project list (工程项目清单)."""

    ledger = ledgers.site
    serializer_class = SiteSerializer


class PackageAreaSerializer(LedgerSerializer):
    class Meta:
        model = PackageArea
        fields = ["id", "display", "name", "cadre", "districts", "notes", *BOOKKEEPING]


class PackageAreaViewSet(LedgerViewSet):
    """City-level package areas (包片区域), each held by a county-level cadre."""

    ledger = ledgers.package_area
    serializer_class = PackageAreaSerializer


class PackageAreaStaffSerializer(LedgerSerializer):
    class Meta:
        model = PackageAreaStaff
        fields = ["id", "display", "package_area", "person", "role", *BOOKKEEPING]


class PackageAreaStaffViewSet(LedgerViewSet):
    """The staff of the package areas, with their roles."""

    ledger = ledgers.package_area_staff
    serializer_class = PackageAreaStaffSerializer


class WasteRemovalSerializer(LedgerSerializer):
    class Meta:
        model = WasteRemoval
        fields = [
            "id", "display", "site", "date", "volume", "transport_company", "vehicle", "disposal_place", "notes",
            *BOOKKEEPING,
        ]  # fmt: skip


class WasteRemovalViewSet(LedgerViewSet):
    """Construction waste removals (建筑垃圾清运) of the sites."""

    ledger = ledgers.waste_removal
    serializer_class = WasteRemovalSerializer


class CoverRecordSerializer(LedgerSerializer):
    class Meta:
        model = CoverRecord
        fields = [
            "id", "display", "site", "target", "description", "reported_at", "covered_at", "case", *BOOKKEEPING
        ]  # fmt: skip


class CoverRecordViewSet(LedgerViewSet):
    """Bare ground and stockpiles reported uncovered, and when they were covered."""

    ledger = ledgers.cover_record
    serializer_class = CoverRecordSerializer


def register(router: BaseRouter) -> None:
    """Dust control's routes under /api/dust/."""
    register_ledgers(
        router,
        SiteViewSet,
        PackageAreaViewSet,
        PackageAreaStaffViewSet,
        WasteRemovalViewSet,
        CoverRecordViewSet,
    )
