"""Supervision settings: environment variables (HELUO_CASES_*), overridable in Django settings.

Read when used, not at import, so a test or an operator changing them is heard at once.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from django.conf import settings


def _value(name: str, default: str) -> str:
    configured = getattr(settings, name, None)
    if configured is not None:
        return str(configured)
    return os.environ.get(name, default).strip()


def _days(name: str, default: str) -> list[int]:
    text = _value(name, default)
    return [int(part) for part in text.replace("，", ",").split(",") if part.strip()]


def remind_days() -> list[int]:
    """Days before the deadline at which the handler is reminded (HELUO_CASES_REMIND_DAYS, "3,1")."""
    return _days("HELUO_CASES_REMIND_DAYS", "3,1")


def leader_after_days() -> int:
    """Days after the deadline at which an open case goes to its unit's leader (default 1)."""
    return int(_value("HELUO_CASES_ESCALATE_LEADER_DAYS", "1"))


def superior_after_days() -> int:
    """Days after the deadline at which it goes to the superior division's staff (default 3)."""
    return int(_value("HELUO_CASES_ESCALATE_SUPERIOR_DAYS", "3"))


def office_close() -> dt.time | None:
    """The close of office hours ("17:30") at which a deadline's last day ends; empty: 24:00."""
    text = _value("HELUO_CASES_OFFICE_CLOSE", "")
    return dt.time.fromisoformat(text) if text else None


def number_prefix() -> str:
    return _value("HELUO_CASES_NUMBER_PREFIX", "DB")


def notice_issuer() -> str:
    """The issuing office printed at the head of a supervision notice (督办单); empty: the supervising unit."""
    return _value("HELUO_CASES_NOTICE_ISSUER", "")


def official_font_dir() -> Path | None:
    """A folder with the office's own licensed fonts (仿宋_GB2312, 方正小标宋 …) for the 督办单."""
    text = _value("HELUO_OFFICIAL_FONT_DIR", "")
    return Path(text) if text else None
