"""Monitoring's ledgers."""

from __future__ import annotations

from heluo.core.ledger import Ledger, register

from . import filters, forms, tables
from .models import Monitor

monitor = register(
    Ledger(
        Monitor,
        many_rows=True,
        form=forms.MonitorForm,
        filterset=filters.MonitorFilter,
        table=tables.MonitorTable,
        search_fields=("mn", "name", "site__name"),
        select_related=("site", "status"),
        detail_template="monitoring/monitor_detail.html",
    )
)
