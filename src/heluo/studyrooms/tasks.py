"""The city study rooms' periodic work (huey, started by `heluo up`): every hour, rooms late against
their year plan open their supervision cases. Idempotent: a room gets its case once."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import open_late_room_cases


@db_periodic_task(crontab(minute="23"))
def studyrooms_late_room_cases() -> int:
    return open_late_room_cases()
