"""The opening-hours rule (heluo.studyrooms.hours) on a hand-computed table. December 2026: Friday the
4th, Saturday the 5th, Sunday the 6th, Monday the 7th. Times in Asia/Shanghai."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from heluo.studyrooms.hours import (
    DESK,
    Hours,
    Period,
    SpecialDay,
    day_hours,
    hours_text,
    special_days_ahead,
    status,
    week,
)

ZONE = ZoneInfo("Asia/Shanghai")


def t(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def at(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=ZONE)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# A staffed room: Monday to Thursday 08:30–21:00; Friday 08:30–12:00 and 20:00 to 02:00 the next
# morning; closed at the weekend.
STAFFED = (
    *(Period(weekday, t("08:30"), t("21:00")) for weekday in range(4)),
    Period(4, t("20:00"), t("02:00")),
    Period(4, t("08:30"), t("12:00")),
)
# A 24-hour self-service room whose desk is staffed Monday to Friday 09:00–17:00.
ROUND_THE_CLOCK = tuple(Period(weekday, t("09:00"), t("17:00"), DESK) for weekday in range(5))

MONDAY_CLOSED = SpecialDay(d("2026-12-07"), closed=True, name="闭馆日")
MONDAY_SHORT = SpecialDay(d("2026-12-07"), closed=False, opens=t("10:00"), closes=t("16:00"), name="调整")
CITY_MONDAY_CLOSED = SpecialDay(d("2026-12-07"), closed=True, every_room=True, name="全市闭馆")
CITY_MONDAY_SHORT = SpecialDay(
    d("2026-12-07"), closed=False, opens=t("10:00"), closes=t("16:00"), every_room=True, name="元旦"
)
SATURDAY_CLOSED = SpecialDay(d("2026-12-05"), closed=True, name="盘点")
TUESDAY_CLOSED = SpecialDay(d("2026-12-08"), closed=True, name="检修")

TABLE = [
    # what, periods, special days, 24-hour, at, open, until, next opening, today's hours
    ("Friday morning", STAFFED, (), False, "2026-12-04 10:00", True, "2026-12-04 12:00", None,
     "08:30–12:00、20:00–次日02:00"),
    ("Friday between its two periods", STAFFED, (), False, "2026-12-04 13:00", False, None, "2026-12-04 20:00",
     "08:30–12:00、20:00–次日02:00"),
    ("past midnight: Saturday 01:00 is Friday's evening", STAFFED, (), False, "2026-12-05 01:00", True,
     "2026-12-05 02:00", None, "今日闭馆"),
    ("past midnight: Saturday 03:00 is closed until Monday", STAFFED, (), False, "2026-12-05 03:00", False, None,
     "2026-12-07 08:30", "今日闭馆"),
    ("the time is read in the city's zone (17:00 UTC is 01:00 in Luoyang)", STAFFED, (), False,
     "2026-12-04 17:00+00:00", True, "2026-12-05 02:00", None, "今日闭馆"),
    ("a closed weekend: Sunday noon opens Monday 08:30", STAFFED, (), False, "2026-12-06 12:00", False, None,
     "2026-12-07 08:30", "今日闭馆"),
    ("a holiday closed: the next opening skips it", STAFFED, (MONDAY_CLOSED,), False, "2026-12-06 12:00", False,
     None, "2026-12-08 08:30", "今日闭馆"),
    ("a holiday closed, on the day", STAFFED, (MONDAY_CLOSED,), False, "2026-12-07 10:00", False, None,
     "2026-12-08 08:30", "今日闭馆"),
    ("a holiday with its own hours, before them", STAFFED, (MONDAY_SHORT,), False, "2026-12-07 09:00", False,
     None, "2026-12-07 10:00", "10:00–16:00"),
    ("a holiday with its own hours, within them", STAFFED, (MONDAY_SHORT,), False, "2026-12-07 12:00", True,
     "2026-12-07 16:00", None, "10:00–16:00"),
    ("a holiday for every room closes the room", STAFFED, (CITY_MONDAY_CLOSED,), False, "2026-12-07 12:00",
     False, None, "2026-12-08 08:30", "今日闭馆"),
    ("the room's own day wins over the city's", STAFFED, (CITY_MONDAY_CLOSED, MONDAY_SHORT), False,
     "2026-12-07 12:00", True, "2026-12-07 16:00", None, "10:00–16:00"),
    ("the room's own closing wins over the city's hours", STAFFED, (MONDAY_CLOSED, CITY_MONDAY_SHORT), False,
     "2026-12-07 12:00", False, None, "2026-12-08 08:30", "今日闭馆"),
    ("a closed Saturday keeps Friday's evening to its end", STAFFED, (SATURDAY_CLOSED,), False,
     "2026-12-05 01:00", True, "2026-12-05 02:00", None, "今日闭馆"),
    ("24-hour room at 03:00 on a holiday with hours: open", (), (CITY_MONDAY_SHORT,), True, "2026-12-07 03:00",
     True, None, None, "24小时"),
    ("24-hour room before a closed day: open until its midnight", ROUND_THE_CLOCK, (TUESDAY_CLOSED,), True,
     "2026-12-07 12:00", True, "2026-12-08 00:00", None, "24小时"),
    ("24-hour room on its closed day: opens at the next midnight", ROUND_THE_CLOCK, (TUESDAY_CLOSED,), True,
     "2026-12-08 03:00", False, None, "2026-12-09 00:00", "今日闭馆"),
    ("a room without hours never opens", (), (), False, "2026-12-07 12:00", False, None, None, "今日闭馆"),
    ("a Wednesday room opens next Wednesday: within the eight days", (Period(2, t("09:00"), t("17:00")),), (),
     False, "2026-12-02 18:00", False, None, "2026-12-09 09:00", "09:00–17:00"),
    ("beyond the eight days there is no next opening",
     (Period(2, t("09:00"), t("17:00")),), (SpecialDay(d("2026-12-09"), closed=True),), False, "2026-12-02 18:00",
     False, None, None, "09:00–17:00"),
    ("touching periods read as one opening", (Period(0, t("08:00"), t("12:00")), Period(0, t("12:00"), t("18:00"))),
     (), False, "2026-12-07 10:00", True, "2026-12-07 18:00", None, "08:00–12:00、12:00–18:00"),
    ("midnight to midnight is all day", (Period(0, t("00:00"), t("00:00")),), (), False, "2026-12-07 23:00", True,
     "2026-12-08 00:00", None, "24小时"),
]  # fmt: skip


def text(hours: Hours | None) -> str | None:
    if hours is None:
        return None
    return hours_text(hours, all_day="24小时", closed="今日闭馆", next_day="次日")


@pytest.mark.parametrize(
    ("periods", "special_days", "self_service", "moment", "is_open", "until", "next_opening", "today"),
    [row[1:] for row in TABLE],
    ids=[row[0] for row in TABLE],
)
def test_the_hours_table(
    periods: tuple[Period, ...],
    special_days: tuple[SpecialDay, ...],
    self_service: bool,
    moment: str,
    is_open: bool,
    until: str | None,
    next_opening: str | None,
    today: str,
) -> None:
    answer = status(periods, special_days, self_service_24h=self_service, at=at(moment), zone=ZONE)
    assert answer.is_open is is_open
    assert answer.until == (at(until) if until else None)
    assert answer.next_opening == (at(next_opening) if next_opening else None)
    assert text(answer.today) == today
    assert answer.until is None or answer.until.tzinfo is ZONE


@pytest.mark.parametrize(
    ("moment", "special_days", "desk"),
    [
        ("2026-12-04 03:00", (), "09:00–17:00"),
        ("2026-12-06 12:00", (), "今日闭馆"),
        ("2026-12-07 03:00", (CITY_MONDAY_SHORT,), "10:00–16:00"),
        ("2026-12-08 12:00", (TUESDAY_CLOSED,), "今日闭馆"),
    ],
)
def test_a_24_hour_room_keeps_its_desk_hours_apart(
    moment: str, special_days: tuple[SpecialDay, ...], desk: str
) -> None:
    answer = status(ROUND_THE_CLOCK, special_days, self_service_24h=True, at=at(moment), zone=ZONE)
    assert text(answer.desk_today) == desk


def test_a_staffed_room_has_no_desk_hours_even_when_rows_say_so() -> None:
    periods = (*STAFFED, Period(0, t("09:00"), t("10:00"), DESK))
    answer = status(periods, (), self_service_24h=False, at=at("2026-12-07 12:00"), zone=ZONE)
    assert answer.desk_today is None
    assert text(answer.today) == "08:30–21:00"


def test_the_week_lists_each_day_monday_first() -> None:
    days = week(STAFFED)
    assert days[0] == Hours(((t("08:30"), t("21:00")),))
    assert days[4] == Hours(((t("08:30"), t("12:00")), (t("20:00"), t("02:00"))))
    assert days[5] == days[6] == Hours()
    assert week(ROUND_THE_CLOCK, DESK)[2] == Hours(((t("09:00"), t("17:00")),))
    assert week((Period(3, t("00:00"), t("00:00")),))[3] == Hours(all_day=True)


def test_special_days_ahead_are_one_per_date_and_the_rooms_own_wins() -> None:
    past = SpecialDay(d("2026-12-01"), closed=True)
    ahead = special_days_ahead((TUESDAY_CLOSED, CITY_MONDAY_CLOSED, MONDAY_SHORT, past), d("2026-12-06"))
    assert ahead == [MONDAY_SHORT, TUESDAY_CLOSED]


def test_a_special_day_names_the_hours_it_sets() -> None:
    hours = day_hours(STAFFED, (CITY_MONDAY_SHORT,), self_service_24h=False, date=d("2026-12-07"))
    assert (hours.special, hours.is_special) == ("元旦", True)
    assert day_hours(STAFFED, (), self_service_24h=False, date=d("2026-12-07")).is_special is False
