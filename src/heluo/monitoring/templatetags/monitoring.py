"""Template helpers of the monitoring pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from heluo.monitoring.hj212 import redact_password
from heluo.monitoring.labels import reason_label
from heluo.monitoring.models import Monitor, MonitoringPoint, Reading
from heluo.monitoring.services.overview import LiveRow, live_rows
from heluo.monitoring.tables import status_badge

register = template.Library()

LATEST_CNS = ("2011", "2051", "2061", "2031")


@register.simple_tag
def monitor_status_badge(monitor: Monitor) -> SafeString:
    return status_badge(monitor)


@register.simple_tag
def latest_readings(monitor: Monitor, limit: int = 10) -> list[Reading]:
    """The newest readings of the monitor, per data kind (each query walks the key index backwards)."""
    rows: list[Reading] = []
    for cn in LATEST_CNS:
        rows.extend(Reading.objects.filter(mn=monitor.mn, cn=cn).order_by("-data_time", "-pno")[:limit])
    rows.sort(key=lambda reading: reading.data_time, reverse=True)
    return rows[:limit]


@register.filter
def reason(code: str) -> str:
    return str(reason_label(code))


@register.simple_tag
def point_monitors(point: MonitoringPoint, user: Any) -> list[LiveRow]:
    """The monitors of a monitoring point the user may see, with their latest valid hour."""
    monitors = Monitor.objects.for_user(user).filter(point=point).select_related("latest", "status")
    return live_rows(list(monitors))


@register.filter
def frame_text(text: str) -> str:
    """A frame as a page shows it: without the device's access password (rows stored before it was
    blanked on storage included)."""
    return redact_password(text or "")
