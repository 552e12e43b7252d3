"""Dues and points in the API (/api/party/...): each ledger written as on its page — a payment and a
manual points entry through their services, entries of a source read only."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, register_ledgers
from heluo.core.api.ledgers import BOOKKEEPING

from . import ledgers_dues_points as ledgers
from .models import DuesArrangement, DuesPayment, DuesReduction, PointsEntry, PointsRule, PointsYear


class DuesArrangementSerializer(LedgerSerializer):
    class Meta:
        model = DuesArrangement
        fields = ["id", "display", "organisation", "quarterly_allowed", "farmer_amount", "records_from", "notes",
                  *BOOKKEEPING]  # fmt: skip


class DuesArrangementViewSet(LedgerViewSet):
    """A branch's dues arrangement (quarterly payment, the farmers' amount)."""

    ledger = ledgers.dues_arrangement
    serializer_class = DuesArrangementSerializer


class DuesReductionSerializer(LedgerSerializer):
    class Meta:
        model = DuesReduction
        fields = ["id", "display", "member", "start", "end", "exempt", "amount", "approved_by", "reason",
                  *BOOKKEEPING]  # fmt: skip


class DuesReductionViewSet(LedgerViewSet):
    """Approved dues reductions and exemptions (党费减免)."""

    ledger = ledgers.dues_reduction
    serializer_class = DuesReductionSerializer


class DuesPaymentSerializer(LedgerSerializer):
    class Meta:
        model = DuesPayment
        fields = ["id", "display", "member", "month", "amount", "paid_on", "paid_by", "method", "note",
                  "recorded_by", *BOOKKEEPING]  # fmt: skip
        read_only_fields = ["recorded_by"]


class DuesPaymentViewSet(LedgerViewSet):
    """Party dues paid (党费), a row per month."""

    ledger = ledgers.dues_payment
    serializer_class = DuesPaymentSerializer


class PointsRuleSerializer(LedgerSerializer):
    class Meta:
        model = PointsRule
        fields = ["id", "display", "code", "name", "category", "points_per_unit", "unit", "yearly_cap",
                  "description", *BOOKKEEPING]  # fmt: skip


class PointsRuleViewSet(LedgerViewSet):
    """The city's points scheme (积分细则)."""

    ledger = ledgers.points_rule
    serializer_class = PointsRuleSerializer


class PointsEntrySerializer(LedgerSerializer):
    class Meta:
        model = PointsEntry
        fields = ["id", "display", "member", "year", "rule", "quantity", "points", "content_type", "object_id",
                  "reason", "approved_by", "recorded_at", "recorded_by", *BOOKKEEPING]  # fmt: skip
        read_only_fields = ["quantity", "content_type", "object_id", "recorded_at", "recorded_by"]


class PointsEntryViewSet(LedgerViewSet):
    """Members' points entries (党员积分), each from its source or a manual entry."""

    ledger = ledgers.points_entry
    serializer_class = PointsEntrySerializer


class PointsYearSerializer(LedgerSerializer):
    class Meta:
        model = PointsYear
        fields = ["id", "display", "organisation", "year", "closed_on", "closed_by", *BOOKKEEPING]
        read_only_fields = ["closed_by"]


class PointsYearViewSet(LedgerViewSet):
    """Yearly closes of the points (年度积分结算)."""

    ledger = ledgers.points_year
    serializer_class = PointsYearSerializer


def register(router: BaseRouter) -> None:
    register_ledgers(
        router, DuesArrangementViewSet, DuesReductionViewSet, DuesPaymentViewSet, PointsRuleViewSet,
        PointsEntryViewSet, PointsYearViewSet,
    )  # fmt: skip
