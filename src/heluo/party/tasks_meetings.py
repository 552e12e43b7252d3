"""The meetings' periodic work (huey, started by `heluo up`): every hour, required meetings missed in a
period that is over open their supervision cases. Idempotent: one case per organisation, kind and period."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services.meetings import scan_missed_meetings


@db_periodic_task(crontab(minute="37"))
def party_missed_meetings() -> int:
    return scan_missed_meetings()
