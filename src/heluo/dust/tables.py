"""Dust control's tables."""

from __future__ import annotations

import django_tables2 as tables

from heluo.core.tables import LedgerTable

from .models import ChecklistItem, ChecklistTemplate, Inspection, PatrolReport, Site


class SiteTable(LedgerTable):
    card_columns = ("name", "state", "division")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Site
        fields = ("name", "kind", "division", "contractor", "state", "grid", "start_date")


class ChecklistTemplateTable(LedgerTable):
    card_columns = ("name", "version", "active")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = ChecklistTemplate
        fields = ("name", "kind", "version", "in_force_from", "active")


class ChecklistItemTable(LedgerTable):
    card_columns = ("text", "template", "severity")
    text = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = ChecklistItem
        fields = ("text", "template", "code", "severity", "time_limit_days", "party", "legal_basis", "order")


class InspectionTable(LedgerTable):
    card_columns = ("performed_at", "site", "passed")
    performed_at = tables.DateTimeColumn(linkify=True, format="Y-m-d H:i")
    passed = tables.BooleanColumn()

    class Meta(LedgerTable.Meta):
        model = Inspection
        fields = ("performed_at", "site", "template", "inspector", "passed")


class PatrolReportTable(LedgerTable):
    card_columns = ("text", "division", "case")
    text = tables.Column(linkify=True)
    case = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = PatrolReport
        fields = ("text", "site", "division", "reported_by", "case", "created_at")
