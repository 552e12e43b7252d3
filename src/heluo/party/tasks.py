"""Party building's periodic work (huey, started by `heluo up`): every hour, committees whose term ends
within the notice period open their changeover case, renewed terms close theirs, and transfer letters
past their day lapse. Idempotent."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services.organisations import scan


@db_periodic_task(crontab(minute="41"))
def party_scan() -> dict[str, int]:
    return scan()
