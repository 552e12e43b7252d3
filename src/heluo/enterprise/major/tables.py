""" "5个1" major projects' tables."""

from __future__ import annotations

import django_tables2 as tables

from heluo.core.tables import LedgerTable

from .models import MajorProject, Milestone


class MajorProjectTable(LedgerTable):
    card_columns = ("name", "state", "leader")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = MajorProject
        fields = (
            "name",
            "division",
            "investment",
            "leader",
            "responsible_unit",
            "state",
            "start_date",
            "end_date",
        )


class MilestoneTable(LedgerTable):
    card_columns = ("title", "project", "planned_date")
    title = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Milestone
        fields = (
            "title",
            "project",
            "order",
            "planned_date",
            "actual_date",
            "owner_unit",
            "owner_person",
            "case",
        )
