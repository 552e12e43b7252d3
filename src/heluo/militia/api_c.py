"""Training, equipment reserves and inspections in the API (/api/militia/...): each ledger written as on
its page. A finding's case and rectification are read here and set only by the cases engine."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, register_ledgers
from heluo.core.api.ledgers import BOOKKEEPING

from . import ledgers_equipment, ledgers_inspections, ledgers_training
from .models import (
    EquipmentCheck,
    EquipmentItem,
    Finding,
    Inspection,
    InspectionVisit,
    TrainingAttendance,
    TrainingSession,
    TrainingSubject,
)


class TrainingSubjectSerializer(LedgerSerializer):
    class Meta:
        model = TrainingSubject
        fields = ["id", "display", "name", "audience", "category", "required_hours", "order", *BOOKKEEPING]


class TrainingSubjectViewSet(LedgerViewSet):
    """The training outline's subjects with the hours they require a year."""

    ledger = ledgers_training.training_subject
    serializer_class = TrainingSubjectSerializer


class TrainingSessionSerializer(LedgerSerializer):
    class Meta:
        model = TrainingSession
        fields = ["id", "display", "unit", "subject", "held_on", "hours", "place", "trainer", *BOOKKEEPING]


class TrainingSessionViewSet(LedgerViewSet):
    """The training sessions militia units held."""

    ledger = ledgers_training.training_session
    serializer_class = TrainingSessionSerializer


class TrainingAttendanceSerializer(LedgerSerializer):
    class Meta:
        model = TrainingAttendance
        fields = ["id", "display", "session", "member", "present", "assessment", *BOOKKEEPING]


class TrainingAttendanceViewSet(LedgerViewSet):
    """Members' attendance at training sessions and their assessment."""

    ledger = ledgers_training.training_attendance
    serializer_class = TrainingAttendanceSerializer


class EquipmentItemSerializer(LedgerSerializer):
    class Meta:
        model = EquipmentItem
        fields = [
            "id", "display", "name", "category", "quantity", "measure", "condition", "department", "unit",
            "kept_at", "check_every_days", *BOOKKEEPING,
        ]  # fmt: skip


class EquipmentItemViewSet(LedgerViewSet):
    """The items of the equipment reserves (战备器材储备)."""

    ledger = ledgers_equipment.equipment_item
    serializer_class = EquipmentItemSerializer


class EquipmentCheckSerializer(LedgerSerializer):
    class Meta:
        model = EquipmentCheck
        fields = [
            "id", "display", "item", "checked_on", "checked_by", "quantity_found", "condition", "findings",
            *BOOKKEEPING,
        ]  # fmt: skip


class EquipmentCheckViewSet(LedgerViewSet):
    """The periodic checks of equipment items with their findings."""

    ledger = ledgers_equipment.equipment_check
    serializer_class = EquipmentCheckSerializer


class MilitiaInspectionSerializer(LedgerSerializer):
    class Meta:
        model = Inspection
        fields = [
            "id", "display", "inspected_by", "led_by", "division", "started_on", "ended_on", "reorganisation",
            "summary", *BOOKKEEPING,
        ]  # fmt: skip


class InspectionViewSet(LedgerViewSet):
    """Inspections (检查调研) of the militia work by higher teams."""

    ledger = ledgers_inspections.inspection
    serializer_class = MilitiaInspectionSerializer


class InspectionVisitSerializer(LedgerSerializer):
    class Meta:
        model = InspectionVisit
        fields = [
            "id",
            "display",
            "inspection",
            "department",
            "place",
            "visited_on",
            "looked_at",
            *BOOKKEEPING,
        ]


class InspectionVisitViewSet(LedgerViewSet):
    """The places an inspection visited."""

    ledger = ledgers_inspections.inspection_visit
    serializer_class = InspectionVisitSerializer


class FindingSerializer(LedgerSerializer):
    class Meta:
        model = Finding
        fields = [
            "id", "display", "inspection", "visit", "text", "department", "deadline_days", "case",
            "rectified_on", *BOOKKEEPING,
        ]  # fmt: skip
        read_only_fields = ["case", "rectified_on"]


class FindingViewSet(LedgerViewSet):
    """Inspection findings; each opens one supervision case for its department."""

    ledger = ledgers_inspections.finding
    serializer_class = FindingSerializer


def register(router: BaseRouter) -> None:
    """Training's, equipment's and inspections' routes under /api/militia/."""
    register_ledgers(
        router,
        TrainingSubjectViewSet,
        TrainingSessionViewSet,
        TrainingAttendanceViewSet,
        EquipmentItemViewSet,
        EquipmentCheckViewSet,
        InspectionViewSet,
        InspectionVisitViewSet,
        FindingViewSet,
    )
