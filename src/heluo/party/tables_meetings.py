"""The meetings' and study's ledger tables (each row a card on a phone)."""

from __future__ import annotations

import django_tables2 as tables

from heluo.core.tables import LedgerTable

from .models import Meeting, MeetingRequirement, StudyRecord, StudySession


class MeetingRequirementTable(LedgerTable):
    card_columns = ("kind", "frequency", "organisation")
    kind = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = MeetingRequirement
        fields = ("kind", "frequency", "count", "organisation", "notes")


class MeetingTable(LedgerTable):
    card_columns = ("held_on", "kind", "topic", "organisation")
    topic = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Meeting
        fields = (
            "held_on",
            "organisation",
            "kind",
            "topic",
            "present",
            "entitled",
            "quorate",
            "online_platform",
        )


class StudySessionTable(LedgerTable):
    card_columns = ("held_on", "topic", "campaign", "hours")
    topic = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = StudySession
        fields = ("held_on", "organisation", "topic", "campaign", "hours")


class StudyRecordTable(LedgerTable):
    card_columns = ("member", "session", "hours", "mode")
    member = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = StudyRecord
        fields = ("member", "session", "hours", "mode")
