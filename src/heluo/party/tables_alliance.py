"""The alliance's and 四议两公开's ledger tables (each row a card on a phone)."""

from __future__ import annotations

import django_tables2 as tables

from heluo.core.tables import LedgerTable

from .models import (
    ActivityParticipant,
    Alliance,
    AllianceMember,
    JointActivity,
    Match,
    MatterStep,
    Need,
    Project,
    Resource,
    VillageMatter,
)


def _link(record: object) -> str:
    return record.get_absolute_url()  # type: ignore[attr-defined]


class AllianceTable(LedgerTable):
    card_columns = ("name", "organisation")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Alliance
        fields = ("name", "organisation", "founded_on", "stale_after_days")


class AllianceMemberTable(LedgerTable):
    card_columns = ("name", "kind", "alliance")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = AllianceMember
        fields = ("name", "kind", "alliance", "joined_on", "left_on", "contact_name", "contact_phone")


class ResourceTable(LedgerTable):
    card_columns = ("title", "member", "category", "state")
    title = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Resource
        fields = (
            "title",
            "member",
            "category",
            "capacity",
            "division",
            "available_from",
            "available_until",
            "state",
        )


class NeedTable(LedgerTable):
    card_columns = ("title", "raised_by", "category", "state")
    title = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Need
        fields = (
            "title",
            "raised_by",
            "category",
            "size",
            "division",
            "wanted_from",
            "wanted_until",
            "state",
        )


class ProjectTable(LedgerTable):
    card_columns = ("name", "owner", "progress", "state")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Project
        fields = ("name", "owner", "alliance", "progress", "state", "started_on", "ended_on")


class MatchTable(LedgerTable):
    card_columns = ("need", "resource", "state")
    need = tables.Column(linkify=_link)

    class Meta(LedgerTable.Meta):
        model = Match
        fields = ("need", "resource", "rank", "state", "decided_on", "project")


class JointActivityTable(LedgerTable):
    card_columns = ("title", "kind", "held_on")
    title = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = JointActivity
        fields = ("title", "kind", "held_on", "alliance", "place", "hours", "organiser")


class ActivityParticipantTable(LedgerTable):
    card_columns = ("member", "activity", "hours")
    member = tables.Column(linkify=_link)

    class Meta(LedgerTable.Meta):
        model = ActivityParticipant
        fields = ("member", "activity", "hours")


class VillageMatterTable(LedgerTable):
    card_columns = ("title", "organisation", "state")
    title = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = VillageMatter
        fields = ("title", "organisation", "secretary_is_chair", "state")


class MatterStepTable(LedgerTable):
    card_columns = ("matter", "step", "passed")
    matter = tables.Column(linkify=_link)

    class Meta(LedgerTable.Meta):
        model = MatterStep
        fields = ("matter", "step", "held_on", "published_on", "expected", "present", "in_favour", "passed")
