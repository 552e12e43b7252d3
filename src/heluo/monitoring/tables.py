"""Monitoring's tables."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from heluo.core.dates import PATTERNS, datetime_text
from heluo.core.tables import LedgerTable

from .conf import offline_after
from .models import AlarmRule, ControlReading, ControlStation, Monitor, MonitoringPoint


def status_badge(monitor: Monitor) -> SafeString:
    """Online / offline with the time last seen, or "never seen"."""
    status = getattr(monitor, "status", None)  # a monitor never heard from has no status row
    last_seen = status.last_seen if status is not None else None
    if last_seen is None:
        return format_html(
            '<span class="badge text-bg-secondary" data-testid="status">{}</span>', _("never seen")
        )
    online = timezone.now() - last_seen <= offline_after()
    when = datetime_text(last_seen, "seconds")
    return format_html(
        '<span class="badge {}" data-testid="status">{}</span> <span class="small text-secondary">{}</span>',
        "text-bg-success" if online else "text-bg-danger",
        _("online") if online else _("offline"),
        when,
    )


class StatusColumn(tables.Column):
    # Rendered for every row: "never seen" is the answer when there is no status yet.
    empty_values = ()

    def render(self, record: Any) -> SafeString:
        return status_badge(record)


class MonitorTable(LedgerTable):
    card_columns = ("mn", "status", "site")
    mn = tables.Column(linkify=True)
    status = StatusColumn(
        verbose_name=_("status"), accessor="status__last_seen", order_by=("status__last_seen",)
    )

    class Meta(LedgerTable.Meta):
        model = Monitor
        fields = ("mn", "point", "protocol_version", "status", "active")


class MonitoringPointTable(LedgerTable):
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = MonitoringPoint
        fields = ("name", "division", "address")


class ControlStationTable(LedgerTable):
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = ControlStation
        fields = ("code", "name", "kind", "division", "active")


class ControlReadingTable(LedgerTable):
    hour = tables.DateTimeColumn(format=PATTERNS["minutes"], linkify=True)

    class Meta(LedgerTable.Meta):
        model = ControlReading
        fields = ("hour", "station", "pm10", "pm25")


class AlarmRuleTable(LedgerTable):
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = AlarmRule
        fields = (
            "name",
            "method",
            "factor",
            "limit",
            "margin",
            "per_day",
            "count",
            "minutes",
            "clear_minutes",
            "active",
        )
