"""HJ 212 timestamps: naive datetimes in Beijing time, written YYYYMMDDhhmmss[zzz]."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

# China has kept UTC+8 without daylight saving since 1991, so a fixed offset needs no tz database.
BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")

_TIMESTAMP = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{3})?")


def parse_timestamp(text: str) -> datetime | None:
    """YYYYMMDDhhmmss or YYYYMMDDhhmmsszzz as a naive datetime, or None when it is not a real time."""
    match = _TIMESTAMP.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, millis = match.groups()
    try:
        return datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second), int(millis or 0) * 1000
        )
    except ValueError:
        return None


def format_data_time(moment: datetime) -> str:
    return moment.strftime("%Y%m%d%H%M%S")


def format_qn(moment: datetime) -> str:
    """A QN: the request time to the millisecond."""
    return f"{format_data_time(moment)}{moment.microsecond // 1000:03d}"


def beijing_now() -> datetime:
    return datetime.now(BEIJING).replace(tzinfo=None)
