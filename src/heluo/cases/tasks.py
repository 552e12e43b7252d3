"""Supervision's periodic work (huey, started by `heluo up`): the scan every five minutes.

The scan is idempotent and claims its cases by compare-and-set, so a second worker, a manual
`heluo cases scan` at the same time or a run after downtime never sends anything twice.
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from heluo.cases.services.scan import scan


@db_periodic_task(crontab(minute="*/5"))
def supervision_scan() -> dict[str, int]:
    report = scan()
    return {"cases": report.cases, "messages": report.messages, **report.acts}
