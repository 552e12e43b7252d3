"""The briefings on schedule (huey, started by `heluo up`): every morning at 07:30 Beijing time, the
briefings due that day — last week's on a Monday, last month's on the 1st. A day with none due does
nothing, and a run after downtime or beside another worker makes nothing twice (generate_briefing)."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from heluo.monitoring.tasks import in_beijing

from .services import generate_due


@db_periodic_task(in_beijing(crontab(hour="7", minute="30")))
def briefings_generate_due() -> list[int]:
    return [briefing.pk for briefing in generate_due(timezone.localdate())]
