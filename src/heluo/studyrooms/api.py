"""The city study rooms in the API (/api/studyrooms/...): each ledger written as on its page. A room's
state and its dates are read here and changed only by its acts (heluo.studyrooms.services.move_room)."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, register_ledgers
from heluo.core.api.ledgers import BOOKKEEPING

from . import ledgers
from .models import MonthlyStatistics, OpeningBalance, OpeningHours, ReadingEvent, Room, SpecialDay, YearPlan


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


class RoomViewSet(LedgerViewSet):
    """City study rooms (城市书房)."""

    ledger = ledgers.room
    serializer_class = RoomSerializer


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
