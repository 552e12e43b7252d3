"""The reorganisation's periodic work (huey, started by `heluo up`): every morning, this year's shares of
new-type forces are checked against the roster, a shortfall opening its case and a share met closing it.
Idempotent."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services.reorganisation import check_this_years_shares


@db_periodic_task(crontab(hour="6", minute="23"))
def militia_share_check() -> dict[str, int]:
    result = check_this_years_shares()
    return {"opened": result.opened, "closed": result.closed}
