"""Supervision in the API (docs/api.md): cases — registered by another system, read, listed with the
list page's filters, acted on (`POST /api/cases/cases/{id}/{act}/`, the same acts and rules as the
pages) — their timelines, the calendar corrections and the figures. Scope and roles as on the pages."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from heluo.cases import ledgers
from heluo.cases.forms import ACT_FORMS, AssignForm, PeriodForm
from heluo.cases.models import Case, CaseEvent, HolidayOverride
from heluo.cases.services import statistics as stats
from heluo.cases.services import transitions
from heluo.cases.services.transitions import TRANSITIONS
from heluo.core.api.base import LedgerSerializer, LedgerViewSet, form_errors, register_ledgers
from heluo.core.api.permissions import Authenticated
from heluo.core.scope import may
from heluo.core.workflow import TransitionRefused

BOOKKEEPING = ["created_at", "updated_at", "row_version"]
WORKFLOW = [
    "number", "state", "responsible_unit", "handler", "assigned_at", "due_date", "due_at", "original_due_date",
    "original_due_at", "extended", "extension_requested_until", "replied_at", "closed_at", "escalation",
]  # fmt: skip
ACTS = "|".join(TRANSITIONS)


class CaseSerializer(LedgerSerializer):
    """A case: its description (written on registration, and by supervisors after), and its workflow
    fields, read-only here — they change through the acts."""

    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Case
        fields = [
            "id", "display", "title", "description", "category", "source_kind", "source_reference", "division",
            "address", "priority", "supervising_unit", "cooperating_units", "time_limit_days",
            "requested_due_date", "requirements", *WORKFLOW, "is_overdue", *BOOKKEEPING,
        ]  # fmt: skip
        read_only_fields = WORKFLOW


class CaseEventSerializer(serializers.ModelSerializer):
    # The case's states, as codes (the case's `state` documents them).
    from_state = serializers.CharField(read_only=True)
    to_state = serializers.CharField(read_only=True)
    actor = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = CaseEvent
        fields = ["id", "kind", "actor", "at", "from_state", "to_state", "note", "data", "attachments"]

    def get_actor(self, event: CaseEvent) -> str | None:
        return str(getattr(event.actor, "account", None) or event.actor) if event.actor else None

    def get_attachments(self, event: CaseEvent) -> list[dict[str, Any]]:
        return [
            {"id": a.pk, "name": a.original_name, "url": a.get_absolute_url()}
            for a in event.attachments.all()
        ]


class ActResultSerializer(serializers.Serializer):
    case = CaseSerializer()
    warnings = serializers.ListField(child=serializers.CharField())


class CanView(Authenticated):
    """An act needs only sight of the case here: the service checks the role the act needs."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return super().has_permission(request, view) and may(request.user, "view", Case)


class CaseViewSet(LedgerViewSet):
    ledger = ledgers.case
    serializer_class = CaseSerializer

    @extend_schema(
        operation_id="cases_cases_act",
        request=OpenApiTypes.OBJECT,
        responses={200: ActResultSerializer},
        parameters=[OpenApiParameter("act", str, OpenApiParameter.PATH, enum=list(TRANSITIONS))],
        description=_(
            "Make an act on the case: the fields of the act's form (note, unit, handler, days, "
            "due_date, until, files). 409 when the case's state does not allow it, 403 when "
            "the caller's role does not."
        ),
    )
    @action(detail=True, methods=["post"], url_path=f"(?P<act>{ACTS})", permission_classes=[CanView])
    def act(self, request: Request, pk: Any = None, act: str = "") -> Response:
        case = self.get_object()
        form_class = ACT_FORMS[act]
        extra = {"case": case} if form_class is AssignForm else {}
        form = form_class(request.data, request.FILES, user=request.user, **extra)
        if not form.is_valid():
            raise serializers.ValidationError(form_errors(form))
        try:
            case, warnings = transitions.perform(act, request.user, case, form.cleaned_data)
        except TransitionRefused as refusal:
            return Response({"code": "conflict", "message": refusal.message}, status=status.HTTP_409_CONFLICT)
        body = {"case": self.get_serializer(case).data, "warnings": warnings}
        return Response(body)

    @extend_schema(responses=CaseEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def events(self, request: Request, pk: Any = None) -> Response:
        """The case's timeline, oldest first."""
        case = self.get_object()
        rows = case.events.select_related("actor__account").prefetch_related("attachments")
        return Response(CaseEventSerializer(rows, many=True).data)


class HolidayOverrideSerializer(LedgerSerializer):
    class Meta:
        model = HolidayOverride
        fields = ["id", "display", "date", "is_workday", "name", *BOOKKEEPING]


class HolidayOverrideViewSet(LedgerViewSet):
    ledger = ledgers.holiday_override
    serializer_class = HolidayOverrideSerializer


class TallySerializer(serializers.Serializer):
    rank = serializers.IntegerField(allow_null=True)
    key = serializers.CharField()
    name = serializers.CharField()
    received = serializers.IntegerField()
    closed = serializers.IntegerField()
    on_time = serializers.IntegerField()
    on_time_extended = serializers.IntegerField()
    late = serializers.IntegerField()
    open_overdue = serializers.IntegerField()
    on_time_rate = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    average_days = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)


class FiguresSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    by = serializers.CharField()
    rows = TallySerializer(many=True)
    total = TallySerializer()


class StatisticsViewSet(viewsets.ViewSet):
    """Supervision figures for a period, per unit or per today's district, in the caller's scope."""

    permission_classes = [CanView]

    @extend_schema(
        parameters=[
            OpenApiParameter("start", OpenApiTypes.DATE, required=True),
            OpenApiParameter("end", OpenApiTypes.DATE, required=True),
            OpenApiParameter("by", str, enum=["unit", "division"]),
        ],
        responses=FiguresSerializer,
    )
    def list(self, request: Request) -> Response:
        form = PeriodForm({"by": "unit", **request.query_params.dict()})
        if not form.is_valid():
            raise serializers.ValidationError(form_errors(form))
        data = form.cleaned_data
        ranked, total = stats.figures(request.user, stats.Period(data["start"], data["end"]), data["by"])

        def row(rank: int | None, tally: Any) -> dict[str, Any]:
            return {
                "rank": rank,
                **tally.__dict__,
                "on_time_rate": tally.on_time_rate,
                "average_days": tally.average_days,
            }

        body = {"start": data["start"], "end": data["end"], "by": data["by"],
                "rows": [row(rank, tally) for rank, tally in ranked], "total": row(None, total)}  # fmt: skip
        return Response(FiguresSerializer(body).data)


def register(router: BaseRouter) -> None:
    """Supervision's routes under /api/cases/."""
    register_ledgers(router, CaseViewSet, HolidayOverrideViewSet)
    router.register("cases/statistics", StatisticsViewSet, basename="cases-statistics")
