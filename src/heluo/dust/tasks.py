"""Dust control's periodic work (huey, started by `heluo up`): each morning the day's demolition
consultation is proposed, before the office meets. Idempotent: a confirmed decision is never touched."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from heluo.dust.services.consultation import propose_decisions
from heluo.monitoring.tasks import in_beijing


@db_periodic_task(in_beijing(crontab(hour="6", minute="30")))
def dust_propose_consultation() -> int:
    return len(propose_decisions(timezone.localdate()))
