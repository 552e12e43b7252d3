"""How dates, times and deadlines read — on every page, in messages and digests, in exports and in the
command line's output. One place decides: 2026-09-16 and 2026-09-16 14:05 in Beijing time, in both
languages; a deadline that ends at 24:00 reads as its last day (2026-09-16, not 2026-09-17 00:00).

Django's own rendering of a date (`{{ value }}`, table columns) follows the same patterns through
heluo.formats; the printed 督办单 writes its dates the official way (2026年9月16日, GB/T 9704).
"""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import pgettext

EMPTY = "—"
# Django date-format patterns, by precision.
DATE = "Y-m-d"
PATTERNS = {
    "minutes": "Y-m-d H:i",
    "seconds": "Y-m-d H:i:s",
    "hour": "Y-m-d H:00",
    # Dense tables of recent data (the live values, the message log): the year goes without saying.
    "short": "m-d H:i",
    "short-seconds": "m-d H:i:s",
    "short-hour": "m-d H:00",
}
# The same patterns for Excel's cells.
EXCEL_DATE = "yyyy-mm-dd"
EXCEL_DATETIME = "yyyy-mm-dd hh:mm"
MIDNIGHT = dt.time(0, 0)


def local(moment: dt.datetime) -> dt.datetime:
    """An aware time in the installation's time zone (Beijing); a naive one is taken as it is."""
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def date_text(value: dt.date | dt.datetime | None) -> str:
    """2026-09-16 (a time: the day it falls on, locally)."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, dt.datetime):
        value = local(value).date()
    return formats.date_format(value, DATE)


def datetime_text(value: dt.datetime | None, precision: str = "minutes") -> str:
    """2026-09-16 14:05 in local time; `precision` one of PATTERNS (seconds, hour, short, …)."""
    if value is None or value == "":
        return EMPTY
    return formats.date_format(local(value), PATTERNS[precision])


def deadline_day(due_at: dt.datetime) -> dt.date:
    """The last day of a deadline: one that ends at 24:00 (stored as 00:00 of the next day) is its day."""
    moment = local(due_at)
    if moment.time() == MIDNIGHT:
        return moment.date() - dt.timedelta(days=1)
    return moment.date()


def deadline_text(due_at: dt.datetime | None) -> str:
    """2026-09-16 for a deadline that ends with its day; 2026-09-16 17:30 when it ends at the close of
    office hours (HELUO_CASES_OFFICE_CLOSE)."""
    if due_at is None:
        return EMPTY
    if local(due_at).time() == MIDNIGHT:
        return date_text(deadline_day(due_at))
    return datetime_text(due_at)


def deadline_cell(due_at: dt.datetime) -> dt.date | dt.datetime:
    """A deadline as a spreadsheet cell holds it: its last day, or the local time it ends at."""
    if local(due_at).time() == MIDNIGHT:
        return deadline_day(due_at)
    return local(due_at).replace(tzinfo=None)


def official_date(value: dt.date | dt.datetime | None) -> str:
    """A date as an official document writes it: 2026年9月16日."""
    if value is None:
        return EMPTY
    if isinstance(value, dt.datetime):
        value = local(value).date()
    return formats.date_format(value, pgettext("official date format", "F j, Y"))
