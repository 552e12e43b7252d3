"""The monitoring figures core's registry publishes (docs/figures.md): devices on line, the monitors that
reported and their data capture — counted as the capture page counts (`overview.capture_of`) — and the
alarms raised, each over the monitoring points placed in the territory."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heluo.core.figures import Figure, Period, Sentence, Territory, register_figure, register_sentence
from heluo.core.figures.writing import Writing
from heluo.monitoring.models import Alarm, Monitor
from heluo.monitoring.services.overview import capture_of, expected_hours


def _monitors(territory: Territory) -> QuerySet[Monitor]:
    return territory.filter(Monitor.objects.filter(active=True), "point__division")


def monitors(territory: Territory, period: Period) -> int:
    """Active monitors now: the ledger of monitors keeps no past, so the period does not change it."""
    return _monitors(territory).count()


def monitors_reporting(territory: Territory, period: Period) -> int:
    return capture_of(_monitors(territory), period.start, period.end).filter(valid_days__gt=0).count()


def capture_rate(territory: Territory, period: Period) -> Decimal | None:
    """Valid PM10 hours of the active monitors ÷ the hours they should have sent, in percent."""
    expected = monitors(territory, period) * expected_hours(period.start, period.end)
    if not expected:
        return None
    hours = capture_of(_monitors(territory), period.start, period.end).aggregate(total=Sum("valid_hours"))[
        "total"
    ]
    return (Decimal(100 * (hours or 0)) / expected).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _raised(territory: Territory, period: Period) -> QuerySet[Alarm]:
    alarms = Alarm.objects.filter(raised_at__gte=period.start_at, raised_at__lt=period.end_at)
    return territory.filter(alarms, "point__division")


def alarms_raised(territory: Territory, period: Period) -> int:
    return _raised(territory, period).count()


def alarms_raised_by_day(territory: Territory, period: Period) -> dict[date, int]:
    """`alarms_raised` for each day of the period with an alarm, in one grouped query (the cockpit's 30
    days), the days in Beijing time as the figure's periods are."""
    rows = (
        _raised(territory, period)
        .annotate(day=TruncDate("raised_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["day"]: row["count"] for row in rows}


register_figure(
    Figure("monitoring.monitors", _("monitors on line"), "monitoring", compute=monitors, unit="台",
           description=_("Active monitors today."), current=True),
    Figure("monitoring.monitors_reporting", _("monitors that reported"), "monitoring",
           compute=monitors_reporting, unit="台",
           description=_("Active monitors with at least one valid day of PM10 in the period.")),
    Figure("monitoring.capture_rate", _("data capture rate"), "monitoring", compute=capture_rate, unit="%",
           writing=Writing("percent"),
           description=_("Valid PM10 hours ÷ the hours the active monitors should have sent.")),
    Figure("monitoring.alarms_raised", _("alarms raised"), "monitoring", compute=alarms_raised, unit="次",
           description=_("Alarms whose first breach lies in the period.")),
)  # fmt: skip
register_sentence(
    Sentence(
        "monitoring.summary", "monitoring",
        "{period}，{territory}在线监测设备{monitors}，其中{reporting}上报有效数据，数据获取率{capture}，触发报警{alarms}。",
        {"monitors": "monitoring.monitors", "reporting": "monitoring.monitors_reporting",
         "capture": "monitoring.capture_rate", "alarms": "monitoring.alarms_raised"},
        label=_("On-line monitoring in the period"),
    )
)  # fmt: skip
