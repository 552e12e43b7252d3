"""Policy briefings in the API (docs/api.md): the meetings and the policies explained, each written as on
its page (the ledger's form)."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, register_ledgers

from . import ledgers
from .models import Briefing, BriefingPolicy

BOOKKEEPING = ["created_at", "updated_at", "row_version"]


class BriefingSerializer(LedgerSerializer):
    class Meta:
        model = Briefing
        fields = [
            "id", "display", "date", "title", "place", "division", "organiser", "departments", "enterprises", "notes",
            *BOOKKEEPING,
        ]  # fmt: skip


class BriefingViewSet(LedgerViewSet):
    """Policy briefings (惠企政策解读): meetings, the departments explaining and the enterprises attending."""

    ledger = ledgers.briefing
    serializer_class = BriefingSerializer


class BriefingPolicySerializer(LedgerSerializer):
    class Meta:
        model = BriefingPolicy
        fields = [
            "id",
            "display",
            "briefing",
            "title",
            "department",
            "document_number",
            "summary",
            *BOOKKEEPING,
        ]


class BriefingPolicyViewSet(LedgerViewSet):
    """The policies explained at the briefings, each by its department."""

    ledger = ledgers.briefing_policy
    serializer_class = BriefingPolicySerializer


def register(router: BaseRouter) -> None:
    register_ledgers(router, BriefingViewSet, BriefingPolicyViewSet)
