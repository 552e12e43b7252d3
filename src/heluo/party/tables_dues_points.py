"""The tables of dues and points (each row a card on a phone)."""

from __future__ import annotations

import django_tables2 as tables

from heluo.core.tables import LedgerTable

from .models import DuesArrangement, DuesPayment, DuesReduction, PointsEntry, PointsRule, PointsYear


class DuesArrangementTable(LedgerTable):
    card_columns = ("organisation", "quarterly_allowed", "farmer_amount")
    organisation = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = DuesArrangement
        fields = ("organisation", "quarterly_allowed", "farmer_amount", "records_from")


class DuesReductionTable(LedgerTable):
    card_columns = ("member", "start", "exempt", "amount")
    member = tables.Column(linkify=lambda record: record.get_absolute_url())
    start = tables.DateColumn(format="Y-m")
    end = tables.DateColumn(format="Y-m")

    class Meta(LedgerTable.Meta):
        model = DuesReduction
        fields = ("member", "start", "end", "exempt", "amount", "approved_by")


class DuesPaymentTable(LedgerTable):
    card_columns = ("member", "month", "amount", "paid_on")
    member = tables.Column(linkify=lambda record: record.get_absolute_url())
    month = tables.DateColumn(format="Y-m")

    class Meta(LedgerTable.Meta):
        model = DuesPayment
        fields = ("member", "month", "amount", "paid_on", "method")


class PointsRuleTable(LedgerTable):
    card_columns = ("name", "category", "points_per_unit", "yearly_cap")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = PointsRule
        fields = ("name", "code", "category", "points_per_unit", "unit", "yearly_cap")


class PointsEntryTable(LedgerTable):
    card_columns = ("member", "year", "rule", "points")
    member = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = PointsEntry
        fields = ("member", "year", "rule", "quantity", "points", "reason", "recorded_at")


class PointsYearTable(LedgerTable):
    card_columns = ("organisation", "year", "closed_on")
    organisation = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = PointsYear
        fields = ("organisation", "year", "closed_on")
