"""Monitoring's periodic work (huey, started by `heluo up`): the alarm scan every minute, the repair of
recent hours' rollups every hour, and the retention of readings every night. Each is idempotent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task

from heluo.monitoring.hj212 import BEIJING
from heluo.monitoring.services import alarms, retention, rollups


def in_beijing(test: Callable[[datetime], bool]) -> Callable[[datetime], bool]:
    """A crontab read in Beijing time. huey hands it a naive time: UTC when its `utc` option is on (the
    default, and Heluo's settings keep it), the process's local time when off."""

    def beijing(timestamp: datetime) -> bool:
        moment = timestamp.replace(tzinfo=UTC) if HUEY.utc else timestamp.astimezone()
        return test(moment.astimezone(BEIJING))

    return beijing


# The worker starts with the rest of Heluo (heluo up): a device silent while the platform was down is
# offline only once it stays silent that long after the start.
STARTED = timezone.now()


@db_periodic_task(crontab(minute="*"))
def monitoring_alarm_scan() -> int:
    return alarms.scan(watching_since=STARTED)


@db_periodic_task(crontab(minute="7"))
def monitoring_reconcile_rollups() -> int:
    return rollups.reconcile_recent_hours()


@db_periodic_task(in_beijing(crontab(hour="3", minute="17")))
def monitoring_retention() -> list[str]:
    return retention.drop_old_readings().months
