"""Lock-outs shared by every process: refusals counted per key over a window, in the database.

django-axes does this for log-ins; the same rule holds for what axes does not see: a device's wrong
access password (per MN and address, per address) and a value found used outside the user's scope
(per user). Past the limit within the window the key is locked until its refusals age out.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Sum
from django.utils import timezone

from heluo.core.models import RefusedAttempt

# Rows older than this are of no window's concern; each recording drops them.
KEPT = timedelta(days=1)


def refusals(key: str, window: timedelta, now: datetime | None = None) -> int:
    """How many refusals `key` had within `window` before `now`."""
    since = (now or timezone.now()) - window
    total = RefusedAttempt.objects.filter(key=key, at__gte=since).aggregate(total=Sum("count"))["total"]
    return int(total or 0)


def locked(key: str, limit: int, window: timedelta, now: datetime | None = None) -> bool:
    return refusals(key, window, now) >= limit


def record_refusal(key: str, count: int = 1, now: datetime | None = None) -> None:
    """Count `count` refusals of `key` now (each call is one row; old rows are dropped)."""
    now = now or timezone.now()
    RefusedAttempt.objects.filter(at__lt=now - KEPT).delete()
    RefusedAttempt.objects.create(key=key[:200], at=now, count=count)


def forget(key: str) -> None:
    """A success: the key's refusals no longer count (as axes resets a user name on a good log-in)."""
    RefusedAttempt.objects.filter(key=key[:200]).delete()
