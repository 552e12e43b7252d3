"""The service desk in the API (docs/api.md): each ledger written as on its page (the ledger's form, then
its saver: a new problem opens its supervision case)."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, register_ledgers

from . import ledgers
from .models import OfficerAssignment, Problem, ProblemCategory, TimeLimit, Visit

BOOKKEEPING = ["created_at", "updated_at", "row_version"]


class ProblemCategorySerializer(LedgerSerializer):
    class Meta:
        model = ProblemCategory
        fields = ["id", "display", "code", "name", "order", *BOOKKEEPING]


class ProblemCategoryViewSet(LedgerViewSet):
    """What enterprises' problems are about (资金, 土地, 用电, 审批, 经营环境, 其他)."""

    ledger = ledgers.problem_category
    serializer_class = ProblemCategorySerializer


class TimeLimitSerializer(LedgerSerializer):
    class Meta:
        model = TimeLimit
        fields = ["id", "display", "stage", "category", "working_days", "note", *BOOKKEEPING]


class TimeLimitViewSet(LedgerViewSet):
    """Working days each stage of a problem may take: the default, or a category's own."""

    ledger = ledgers.time_limit
    serializer_class = TimeLimitSerializer


class OfficerAssignmentSerializer(LedgerSerializer):
    class Meta:
        model = OfficerAssignment
        fields = ["id", "display", "officer", "enterprise", "start", "end", *BOOKKEEPING]


class OfficerAssignmentViewSet(LedgerViewSet):
    """Chief service officers (首席服务官) and the enterprises they serve, one officer at a time."""

    ledger = ledgers.officer_assignment
    serializer_class = OfficerAssignmentSerializer


class VisitSerializer(LedgerSerializer):
    class Meta:
        model = Visit
        fields = ["id", "display", "officer", "enterprise", "date", "discussed", *BOOKKEEPING]


class VisitViewSet(LedgerViewSet):
    """Officers' visits to enterprises (走访)."""

    ledger = ledgers.visit
    serializer_class = VisitSerializer


class ProblemSerializer(LedgerSerializer):
    class Meta:
        model = Problem
        fields = [
            "id", "display", "enterprise", "category", "description", "raised_on", "responsible_unit", "visit",
            "case", *BOOKKEEPING,
        ]  # fmt: skip
        read_only_fields = ["case"]


class ProblemViewSet(LedgerViewSet):
    """Problems enterprises raise (企业反映问题台账); a new one opens its supervision case."""

    ledger = ledgers.problem
    serializer_class = ProblemSerializer


def register(router: BaseRouter) -> None:
    """The service desk's routes under /api/enterprise/service/."""
    register_ledgers(
        router,
        ProblemViewSet,
        VisitViewSet,
        OfficerAssignmentViewSet,
        ProblemCategoryViewSet,
        TimeLimitViewSet,
    )
