"""Dust control's tables."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from heluo.core.tables import LedgerTable

from .models import BlacklistEntry, Ladder, LegalBasis, Measure, PenaltyCount, Site


class SiteTable(LedgerTable):
    card_columns = ("name", "state", "division")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Site
        fields = ("name", "kind", "division", "contractor", "state", "grid", "start_date")


class LegalBasisTable(LedgerTable):
    card_columns = ("code", "article", "fine_max")
    code = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = LegalBasis
        fields = ("code", "law", "article", "fine_min", "fine_max")


class LadderTable(LedgerTable):
    card_columns = ("name", "in_force", "first_kind")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Ladder
        fields = ("name", "in_force", "period_days", "first_kind", "second_kind", "third_kind")


class MeasureTable(LedgerTable):
    card_columns = ("site", "kind", "served_on")
    kind = tables.Column(linkify=True)
    top_fine = tables.BooleanColumn(verbose_name=_("top of the range"), orderable=False)

    class Meta(LedgerTable.Meta):
        model = Measure
        fields = ("site", "kind", "legal_basis", "amount", "top_fine", "served_on", "deadline", "lifted_on")


class PenaltyCountTable(LedgerTable):
    card_columns = ("order", "days", "total")
    order = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = PenaltyCount
        fields = ("order", "daily", "days", "total", "ended_on", "end_reason")


class BlacklistEntryTable(LedgerTable):
    card_columns = ("enterprise", "until")
    enterprise = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = BlacklistEntry
        fields = ("enterprise", "start", "until", "reason")
