"""Supervision's settings (HELUO_CASES_*, read by heluo.settings), read when used, so override_settings
is heard at once."""

from __future__ import annotations

import datetime as dt

from django.conf import settings


def remind_days() -> list[int]:
    """Days before the deadline at which the handler is reminded (HELUO_CASES_REMIND_DAYS, "3,1")."""
    return list(settings.CASES_REMIND_DAYS)


def leader_after_days() -> int:
    """Days after the deadline at which an open case goes to its unit's leader (default 1)."""
    return int(settings.CASES_ESCALATE_LEADER_DAYS)


def superior_after_days() -> int:
    """Days after the deadline at which it goes to the superior division's staff (default 3)."""
    return int(settings.CASES_ESCALATE_SUPERIOR_DAYS)


def office_close() -> dt.time | None:
    """The close of office hours ("17:30") at which a deadline's last day ends; None: 24:00."""
    value: dt.time | None = settings.CASES_OFFICE_CLOSE
    return value


def number_prefix() -> str:
    return str(settings.CASES_NUMBER_PREFIX)


def notice_issuer() -> str:
    """The issuing office printed at the head of a supervision notice (督办单); empty: the supervising unit."""
    return str(settings.CASES_NOTICE_ISSUER)
