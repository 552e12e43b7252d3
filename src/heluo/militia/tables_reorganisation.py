"""The reorganisation's ledger tables (each row a card on a phone)."""

from __future__ import annotations

import django_tables2 as tables

from heluo.core.tables import LedgerTable

from .models import Muster, MusterAttendance, Reorganisation, ReorganisationTarget


class ReorganisationTable(LedgerTable):
    card_columns = ("name", "year", "division", "reference_date")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Reorganisation
        fields = ("name", "year", "division", "reference_date", "required_new_type_share")


class ReorganisationTargetTable(LedgerTable):
    card_columns = ("division", "member_class", "category", "target_count")
    division = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = ReorganisationTarget
        fields = ("reorganisation", "division", "member_class", "category", "target_count", "notes")


class MusterTable(LedgerTable):
    card_columns = ("held_on", "unit", "place")
    unit = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = Muster
        fields = ("held_on", "unit", "place", "reorganisation")


class MusterAttendanceTable(LedgerTable):
    card_columns = ("member", "muster", "present", "absence_reason")
    member = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = MusterAttendance
        fields = ("muster", "member", "present", "absence_reason")
