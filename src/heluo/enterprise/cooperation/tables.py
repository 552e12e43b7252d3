"""The cooperation ledger's tables."""

from __future__ import annotations

import django_tables2 as tables

from heluo.core.tables import LedgerTable

from .models import CooperationProgress, CooperationProject


class CooperationProjectTable(LedgerTable):
    card_columns = ("name", "entry_year", "total_investment")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = CooperationProject
        fields = ("name", "local_party", "total_investment", "entry_year", "division", "end_date")


class CooperationProgressTable(LedgerTable):
    card_columns = ("project", "year", "state")
    project = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = CooperationProgress
        fields = ("project", "year", "state", "completed_investment")
