"""The city study rooms in the API (/api/studyrooms/...): each ledger written as on its page. A room's
state and its dates are read here and changed only by its acts (heluo.studyrooms.services.move_room)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, form_errors, register_ledgers
from heluo.core.api.ledgers import BOOKKEEPING
from heluo.core.api.permissions import Authenticated
from heluo.core.scope import may
from heluo.core.workflow import TransitionRefused

from . import ledgers
from .forms import RoomActForm
from .models import MonthlyStatistics, OpeningBalance, OpeningHours, ReadingEvent, Room, SpecialDay, YearPlan
from .services import ROOMS, move_room


class RoomSerializer(LedgerSerializer):
    class Meta:
        model = Room
        fields = [
            "id", "display", "name", "division", "address", "latitude", "longitude", "operator", "area_m2",
            "seats", "books", "children_books", "self_service_24h", "state", "started_on", "fitting_out_on",
            "opened_on", "closed_on", "plan", "due_on", "phone_public", "contact_person", "contact_phone",
            "internal_note", "late_case", *BOOKKEEPING,
        ]  # fmt: skip
        read_only_fields = ["state", "started_on", "fitting_out_on", "opened_on", "closed_on", "late_case"]


class CanView(Authenticated):
    """An act needs only sight of the room here: the service checks the right the act needs."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return super().has_permission(request, view) and may(request.user, "view", Room)


class RoomViewSet(LedgerViewSet):
    """City study rooms (城市书房)."""

    ledger = ledgers.room
    serializer_class = RoomSerializer

    @extend_schema(
        operation_id="studyrooms_rooms_act",
        request=OpenApiTypes.OBJECT,
        responses={200: RoomSerializer},
        parameters=[OpenApiParameter("act", str, OpenApiParameter.PATH, enum=list(ROOMS.table))],
        description=_(
            "Move the room to its next stage (start, fit_out, open, close, reopen) on the day `on` "
            "(YYYY-MM-DD, default today). 409 when the room's state does not allow it, 403 when the "
            "caller's role does not."
        ),
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=f"(?P<act>{'|'.join(ROOMS.table)})",
        permission_classes=[CanView],
    )
    def act(self, request: Request, pk: Any = None, act: str = "") -> Response:
        room = self.get_object()
        form = RoomActForm(request.data)
        if not form.is_valid():
            raise serializers.ValidationError(form_errors(form))
        try:
            room = move_room(request.user, room, act, on=form.cleaned_data["on"])
        except TransitionRefused as refusal:
            return Response({"code": "conflict", "message": refusal.message}, status=status.HTTP_409_CONFLICT)
        return Response(self.get_serializer(room).data)


class OpeningHoursSerializer(LedgerSerializer):
    class Meta:
        model = OpeningHours
        fields = ["id", "display", "room", "weekday", "kind", "opens", "closes", *BOOKKEEPING]


class OpeningHoursViewSet(LedgerViewSet):
    """The rooms' opening periods by day of the week (0 = Monday); closing not after opening: the next day."""

    ledger = ledgers.opening_hours
    serializer_class = OpeningHoursSerializer


class SpecialDaySerializer(LedgerSerializer):
    class Meta:
        model = SpecialDay
        fields = ["id", "display", "date", "name", "room", "closed", "opens", "closes", *BOOKKEEPING]


class SpecialDayViewSet(LedgerViewSet):
    """Holidays and other days whose hours differ from the week's (no room: every room of the city)."""

    ledger = ledgers.special_day
    serializer_class = SpecialDaySerializer


class YearPlanSerializer(LedgerSerializer):
    class Meta:
        model = YearPlan
        fields = ["id", "display", "year", "division", "planned_rooms", "deadline", "notes", *BOOKKEEPING]


class YearPlanViewSet(LedgerViewSet):
    """The counties' yearly construction plans (年度建设计划)."""

    ledger = ledgers.year_plan
    serializer_class = YearPlanSerializer


class OpeningBalanceSerializer(LedgerSerializer):
    class Meta:
        model = OpeningBalance
        fields = [
            "id", "display", "room", "as_of", "visits", "loans", "returns", "new_cards", "events", "participants",
            *BOOKKEEPING,
        ]  # fmt: skip


class OpeningBalanceViewSet(LedgerViewSet):
    """What each room counted before Heluo (期初数), up to and including its day."""

    ledger = ledgers.opening_balance
    serializer_class = OpeningBalanceSerializer


class MonthlyStatisticsSerializer(LedgerSerializer):
    class Meta:
        model = MonthlyStatistics
        fields = ["id", "display", "room", "month", "visits", "loans", "returns", "new_cards", *BOOKKEEPING]


class MonthlyStatisticsViewSet(LedgerViewSet):
    """The rooms' monthly statistics (月度运营统计), one row per room and month."""

    ledger = ledgers.monthly_statistics
    serializer_class = MonthlyStatisticsSerializer


class ReadingEventSerializer(LedgerSerializer):
    class Meta:
        model = ReadingEvent
        fields = [
            "id", "display", "title", "held_on", "division", "room", "participants", "organiser", *BOOKKEEPING,
        ]  # fmt: skip


class ReadingEventViewSet(LedgerViewSet):
    """Reading-promotion events (阅读推广活动) and their participants."""

    ledger = ledgers.reading_event
    serializer_class = ReadingEventSerializer


def register(router: BaseRouter) -> None:
    """The city study rooms' routes under /api/studyrooms/."""
    register_ledgers(
        router,
        RoomViewSet,
        OpeningHoursViewSet,
        SpecialDayViewSet,
        YearPlanViewSet,
        OpeningBalanceViewSet,
        MonthlyStatisticsViewSet,
        ReadingEventViewSet,
    )
