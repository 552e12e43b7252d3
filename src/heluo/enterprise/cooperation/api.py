"""The cooperation ledger in the API (docs/api.md), each ledger written as on its page."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, register_ledgers

from . import ledgers
from .models import CooperationProgress, CooperationProject

BOOKKEEPING = ["created_at", "updated_at", "row_version"]


class CooperationProjectSerializer(LedgerSerializer):
    class Meta:
        model = CooperationProject
        fields = [
            "id", "display", "name", "local_party", "partners", "content", "total_investment", "start_date",
            "end_date", "division", "entry_year", "notes", *BOOKKEEPING,
        ]  # fmt: skip


class CooperationProjectViewSet(LedgerViewSet):
    """Projects of the local–enterprise cooperation ledger (地企合作工作台账)."""

    ledger = ledgers.project
    serializer_class = CooperationProjectSerializer


class CooperationProgressSerializer(LedgerSerializer):
    class Meta:
        model = CooperationProgress
        fields = [
            "id", "display", "project", "year", "state", "completed_investment", "exceeds_total", "notes",
            *BOOKKEEPING,
        ]  # fmt: skip


class CooperationProgressViewSet(LedgerViewSet):
    """A cooperation project's row for one year: completed investment and state at that year's end."""

    ledger = ledgers.progress
    serializer_class = CooperationProgressSerializer


def register(router: BaseRouter) -> None:
    """The cooperation ledger's routes under /api/enterprise/."""
    register_ledgers(router, CooperationProjectViewSet, CooperationProgressViewSet)
