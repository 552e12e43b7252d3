"""Policy briefings' tables."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from heluo.core.tables import LedgerTable

from .models import Briefing, BriefingPolicy


class BriefingTable(LedgerTable):
    card_columns = ("title", "date", "organiser")
    title = tables.Column(linkify=True)
    enterprise_count = tables.Column(_("enterprises attending"), accessor="pk", orderable=False)

    class Meta(LedgerTable.Meta):
        model = Briefing
        fields = ("date", "title", "place", "organiser", "division", "enterprise_count")

    def render_enterprise_count(self, record: Briefing) -> int:
        # The ledger prefetches the enterprises: no query per row.
        return len(record.enterprises.all())


class BriefingPolicyTable(LedgerTable):
    card_columns = ("title", "department", "briefing")
    title = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = BriefingPolicy
        fields = ("title", "department", "document_number", "briefing")
