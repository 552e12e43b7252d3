"""The calendar deadlines count on: the holiday library's years plus the city's corrections."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from functools import lru_cache

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from heluo.cases import conf
from heluo.cases.deadlines import Calendar, Counted, deadline_at, due_date_for, official_calendar, schedule
from heluo.cases.deadlines import Step as ScheduleStep
from heluo.cases.models import HolidayOverride

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _official() -> Calendar:
    return official_calendar()


def current_calendar() -> Calendar:
    """The official calendar corrected by the HolidayOverride rows (read each time: they are few)."""
    overrides = dict(HolidayOverride.objects.values_list("date", "is_workday"))
    return _official().corrected(overrides)


def current_steps() -> list[ScheduleStep]:
    return schedule(conf.remind_days(), conf.leader_after_days(), conf.superior_after_days())


@dataclass(frozen=True)
class Deadline:
    """A deadline's last day and the moment it ends, with the years counted without their holidays."""

    due_date: dt.date
    due_at: dt.datetime
    unknown_years: frozenset[int]
    asked_date: dt.date | None = None

    @property
    def moved(self) -> bool:
        return self.asked_date is not None and self.asked_date != self.due_date

    def warnings(self) -> list[str]:
        """What the person setting the deadline must be told (in their language)."""
        messages = []
        if self.unknown_years:
            years = "、".join(str(y) for y in sorted(self.unknown_years))
            messages.append(
                ngettext(
                    "The official holidays of %(years)s are not known yet: weekdays were counted as working "
                    "days. Enter that year's holidays under calendar corrections and check this deadline.",
                    "The official holidays of %(years)s are not known yet: weekdays were counted as working "
                    "days. Enter those years' holidays under calendar corrections and check this deadline.",
                    len(self.unknown_years),
                )
                % {"years": years}
            )
        if self.moved:
            messages.append(
                _("%(asked)s is not a working day: the deadline moves to %(due)s (Civil Code art. 203).")
                % {"asked": self.asked_date, "due": self.due_date}
            )
        return messages


def _deadline(counted: Counted, asked: dt.date | None = None) -> Deadline:
    deadline = Deadline(
        counted.day,
        deadline_at(counted.day, timezone.get_current_timezone(), conf.office_close()),
        counted.unknown_years,
        asked,
    )
    if deadline.unknown_years:
        logger.warning("deadline counted without the holidays of %s", sorted(deadline.unknown_years))
    return deadline


def deadline_for(
    assigned_at: dt.datetime, *, days: int | None = None, date: dt.date | None = None
) -> Deadline:
    """The deadline of a case assigned at `assigned_at`: N working days, or a date (Civil Code 201/203).

    The request itself (days or a date, one of them) is checked by cases.models.deadline_request_errors;
    raises ValueError (with a Chinese message) for a date not after assignment.
    """
    assigned = timezone.localtime(assigned_at).date()
    if date is not None and date <= assigned:
        raise ValueError(
            _("The due date must come after the day of assignment (%(day)s).") % {"day": assigned}
        )
    return _deadline(due_date_for(current_calendar(), assigned, days=days, date=date), date)


def deadline_on(last_day: dt.date) -> Deadline:
    """The deadline whose last day is `last_day` as given (already a counted day)."""
    return _deadline(Counted(last_day))


def extended_deadline(until: dt.date) -> Deadline:
    """An approved extension until `until`, moved off a day off like any deadline."""
    from heluo.cases.deadlines import next_workday

    return _deadline(next_workday(current_calendar(), until), until)
