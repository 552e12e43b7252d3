"""Dust control's periodic work (huey, started by `heluo up`): uncovered ground left too long opens its
case, checked every ten minutes; the daily-penalty counts' running totals kept from their dates every
night; each morning the day's demolition consultation proposed before the office meets. Idempotent: a
confirmed consultation decision is never touched."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from heluo.dust.services import open_uncovered_cases
from heluo.dust.services.consultation import propose_decisions
from heluo.dust.services.enforcement import recompute_counts
from heluo.monitoring.tasks import in_beijing


@db_periodic_task(crontab(minute="*/10"))
def dust_uncovered_cases() -> int:
    return open_uncovered_cases()


@db_periodic_task(crontab(hour="1", minute="23"))
def dust_recompute_penalty_counts() -> int:
    return recompute_counts()


@db_periodic_task(in_beijing(crontab(hour="6", minute="30")))
def dust_propose_consultation() -> int:
    return len(propose_decisions(timezone.localdate()))
