"""Dust control's periodic work (huey, started by `heluo up`): uncovered ground left too long opens its
case, checked every ten minutes; the daily-penalty counts' running totals kept from their dates every
night. Idempotent."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from heluo.dust.services import open_uncovered_cases
from heluo.dust.services.enforcement import recompute_counts


@db_periodic_task(crontab(minute="*/10"))
def dust_uncovered_cases() -> int:
    return open_uncovered_cases()


@db_periodic_task(crontab(hour="1", minute="23"))
def dust_recompute_penalty_counts() -> int:
    return recompute_counts()
