"""Training's, equipment's and inspections' ledger tables (each row a card on a phone)."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from heluo.core.tables import LedgerTable

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


class TrainingSubjectTable(LedgerTable):
    card_columns = ("name", "audience", "required_hours")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = TrainingSubject
        fields = ("name", "audience", "category", "required_hours", "order")


class TrainingSessionTable(LedgerTable):
    card_columns = ("held_on", "unit", "subject")
    held_on = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = TrainingSession
        fields = ("held_on", "unit", "subject", "hours", "place", "trainer")


class TrainingAttendanceTable(LedgerTable):
    card_columns = ("member", "session", "present")
    member = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = TrainingAttendance
        fields = ("member", "session", "present", "assessment")


class EquipmentItemTable(LedgerTable):
    card_columns = ("name", "quantity", "condition", "department")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = EquipmentItem
        fields = ("name", "category", "quantity", "measure", "condition", "department", "unit", "kept_at")


class EquipmentCheckTable(LedgerTable):
    card_columns = ("checked_on", "item", "condition")
    checked_on = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = EquipmentCheck
        fields = ("checked_on", "item", "checked_by", "quantity_found", "condition")


class InspectionTable(LedgerTable):
    card_columns = ("inspected_by", "started_on", "ended_on")
    inspected_by = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Inspection
        fields = ("inspected_by", "led_by", "division", "started_on", "ended_on", "reorganisation")


class InspectionVisitTable(LedgerTable):
    card_columns = ("place_name", "visited_on", "inspection")
    place_name = tables.Column(verbose_name=_("place"), linkify=lambda record: record.get_absolute_url(),
                               accessor="place_name", orderable=False)  # fmt: skip

    class Meta(LedgerTable.Meta):
        model = InspectionVisit
        fields = ("place_name", "visited_on", "inspection")


class FindingTable(LedgerTable):
    card_columns = ("text", "department", "rectified_on")
    text = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Finding
        fields = ("text", "department", "deadline_days", "case", "rectified_on", "inspection")
