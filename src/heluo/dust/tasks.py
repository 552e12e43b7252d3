"""Dust control's periodic work (huey, started by `heluo up`): uncovered ground left too long opens its
case, checked every ten minutes. Idempotent."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from heluo.dust.services import open_uncovered_cases


@db_periodic_task(crontab(minute="*/10"))
def dust_uncovered_cases() -> int:
    return open_uncovered_cases()
