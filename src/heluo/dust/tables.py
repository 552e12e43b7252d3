"""Dust control's tables."""

from __future__ import annotations

import django_tables2 as tables

from heluo.core.tables import LedgerTable

from .models import Site


class SiteTable(LedgerTable):
    card_columns = ("name", "state", "division")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Site
        fields = ("name", "kind", "division", "contractor", "state", "grid", "start_date")
