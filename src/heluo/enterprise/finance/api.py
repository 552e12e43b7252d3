"""The financing ledgers in the API (docs/api.md), each written as on its page."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, register_ledgers

from . import ledgers
from .models import Award, CoordinatedLoan, FinancingAgreement

BOOKKEEPING = ["created_at", "updated_at", "row_version"]


class FinancingAgreementSerializer(LedgerSerializer):
    class Meta:
        model = FinancingAgreement
        fields = [
            "id", "display", "name", "bank", "counterpart", "beneficiary", "parent", "amount", "amount_kind",
            "term_years", "signed_on", "division", "notes", *BOOKKEEPING,
        ]  # fmt: skip


class FinancingAgreementViewSet(LedgerViewSet):
    """Strategic agreements of banks with the district (政银企战略合作协议), parts for beneficiaries."""

    ledger = ledgers.agreement
    serializer_class = FinancingAgreementSerializer


class CoordinatedLoanSerializer(LedgerSerializer):
    class Meta:
        model = CoordinatedLoan
        fields = [
            "id",
            "display",
            "enterprise",
            "bank",
            "amount",
            "granted_on",
            "division",
            "notes",
            *BOOKKEEPING,
        ]


class CoordinatedLoanViewSet(LedgerViewSet):
    """Loans coordinated for enterprises (协调贷款)."""

    ledger = ledgers.loan
    serializer_class = CoordinatedLoanSerializer


class AwardSerializer(LedgerSerializer):
    class Meta:
        model = Award
        fields = [
            "id",
            "display",
            "name",
            "level",
            "amount",
            "year",
            "beneficiary",
            "division",
            "notes",
            *BOOKKEEPING,
        ]


class AwardViewSet(LedgerViewSet):
    """Awards and subsidies won (奖补资金)."""

    ledger = ledgers.award
    serializer_class = AwardSerializer


def register(router: BaseRouter) -> None:
    """The financing ledgers' routes under /api/enterprise/."""
    register_ledgers(router, FinancingAgreementViewSet, CoordinatedLoanViewSet, AwardViewSet)
