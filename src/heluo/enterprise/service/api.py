"""The service desk in the API (docs/api.md): each ledger written as on its page (the ledger's form, then
its saver: a new problem opens its supervision case)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, form_errors, register_ledgers
from heluo.core.api.permissions import Authenticated
from heluo.core.scope import may
from heluo.core.workflow import TransitionRefused

from . import ledgers
from .forms import FollowUpForm
from .models import FollowUp, OfficerAssignment, Problem, ProblemCategory, Satisfaction, TimeLimit, Visit
from .services import FollowUpRecord, record_follow_up

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


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["id", "problem", "called_on", "called_by", "satisfaction", "remarks", "created_at"]


class FollowUpRequestSerializer(serializers.Serializer):
    called_on = serializers.DateField()
    called_by = serializers.CharField(max_length=60)
    satisfaction = serializers.ChoiceField(choices=Satisfaction.choices)
    remarks = serializers.CharField(required=False, allow_blank=True)
    then = serializers.ChoiceField(choices=["", "close", "send_back"], required=False)


class MayCallBack(Authenticated):
    """Recording a follow-up call needs the right to add them (the scope is the viewset's queryset)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return super().has_permission(request, view) and may(request.user, "add", FollowUp)


class ProblemViewSet(LedgerViewSet):
    """Problems enterprises raise (企业反映问题台账); a new one opens its supervision case."""

    ledger = ledgers.problem
    serializer_class = ProblemSerializer

    @extend_schema(request=FollowUpRequestSerializer, responses=FollowUpSerializer)
    @action(detail=True, methods=["post"], url_path="follow-up", permission_classes=[MayCallBack])
    def follow_up(self, request: Request, pk: Any = None) -> Response:
        """Record the follow-up call (回访) and, with `then`, close the case or send it back to the unit, as
        on the problem's page (400 with the reason, 403 without the right to the act, 409 on a changed case)."""
        problem = self.get_object()
        form = FollowUpForm(request.data)
        if not form.is_valid():
            raise serializers.ValidationError(form_errors(form))
        data = form.cleaned_data
        record = FollowUpRecord(data["called_on"], data["called_by"], data["satisfaction"], data["remarks"],
                                data["then"])  # fmt: skip
        try:
            call = record_follow_up(request.user, problem, record)
        except TransitionRefused as refusal:
            return Response({"code": "conflict", "message": refusal.message}, status=status.HTTP_409_CONFLICT)
        except ValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None
        return Response(FollowUpSerializer(call).data, status=status.HTTP_201_CREATED)


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
