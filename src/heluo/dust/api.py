"""Dust control in the API (docs/api.md): construction sites, written as on their pages (the site form,
then dust's service, which keeps each site's monitoring point in step)."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, register_ledgers
from heluo.dust import ledgers
from heluo.dust.models import ChecklistItem, ChecklistTemplate, Inspection, PatrolReport, Site


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


class ChecklistTemplateSerializer(LedgerSerializer):
    class Meta:
        model = ChecklistTemplate
        fields = ["id", "display", "name", "kind", "version", "in_force_from", "active", "notes", "created_at",
                  "updated_at", "row_version"]  # fmt: skip
        read_only_fields = ["version"]


class ChecklistTemplateViewSet(LedgerViewSet):
    """Checklists (检查标准), one row per version; a change to a used version makes the next one."""

    ledger = ledgers.checklist
    serializer_class = ChecklistTemplateSerializer


class ChecklistItemSerializer(LedgerSerializer):
    class Meta:
        model = ChecklistItem
        fields = ["id", "display", "template", "code", "text", "severity", "time_limit_days", "legal_basis",
                  "party", "order", "created_at", "updated_at", "row_version"]  # fmt: skip


class ChecklistItemViewSet(LedgerViewSet):
    """The items of a checklist version, with severity (time limit), legal basis and responsible party."""

    ledger = ledgers.checklist_item
    serializer_class = ChecklistItemSerializer


class InspectionSerializer(LedgerSerializer):
    class Meta:
        model = Inspection
        fields = ["id", "display", "site", "template", "inspector", "performed_at", "longitude", "latitude", "note",
                  "client_id", "passed", "created_at", "updated_at", "row_version"]  # fmt: skip
        read_only_fields = ["inspector", "client_id", "passed"]


class InspectionViewSet(LedgerViewSet):
    """Site inspections (检查); item results and their cases come from the phone page's submission."""

    ledger = ledgers.inspection
    serializer_class = InspectionSerializer


class PatrolReportSerializer(LedgerSerializer):
    class Meta:
        model = PatrolReport
        fields = ["id", "display", "division", "site", "text", "address", "longitude", "latitude", "reported_by",
                  "case", "created_at", "updated_at", "row_version"]  # fmt: skip
        read_only_fields = ["reported_by", "case"]


class PatrolReportViewSet(LedgerViewSet):
    """Patrol reports (巡查上报); each new one opens a supervision case."""

    ledger = ledgers.patrol_report
    serializer_class = PatrolReportSerializer


def register(router: BaseRouter) -> None:
    """Dust control's routes under /api/dust/."""
    register_ledgers(router, SiteViewSet)
    register_ledgers(
        router, ChecklistTemplateViewSet, ChecklistItemViewSet, InspectionViewSet, PatrolReportViewSet
    )
