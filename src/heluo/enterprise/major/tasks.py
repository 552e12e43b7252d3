""" "5个1" major projects' periodic work (huey, started by `heluo up`): every hour, milestones past their
planned date and not done open their supervision cases. Idempotent: a milestone gets its case once."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import open_slipped_milestone_cases


@db_periodic_task(crontab(minute="17"))
def enterprise_slipped_milestone_cases() -> int:
    return open_slipped_milestone_cases()
