"""The study rooms' figures counted from hand-made rows: which rooms are open on a day (read from the days
of their acts), what the cumulative figures add (a balance counted by the day, the months over by then
after it, the events), the year plan's three counts, and the territory."""

from __future__ import annotations

import datetime as dt

import pytest

from heluo.core.figures import Period, Territory, render_sentence, value
from heluo.studyrooms.models import OpeningBalance, ReadingEvent, RoomState
from heluo.studyrooms.timeline import Dates, first_month_not_over, state_on

from .factories import KAIYUAN, LAOCHENG, XIGUAN, division, month_row, plan, room

pytestmark = pytest.mark.django_db
D = dt.date
JUNE_30 = Period.day(D(2019, 6, 30))


def number(key: str, territory: Territory, period: Period = JUNE_30) -> int:
    return value(f"studyrooms.{key}", territory, period).number


# --- the pure rules, on hand-computed tables -------------------------------------------------------------

BUILT_IN_2019 = Dates(D(2019, 3, 1), D(2019, 4, 15), D(2019, 6, 1), D(2021, 7, 31))


@pytest.mark.parametrize(
    ("day", "state"),
    [
        (D(2019, 2, 28), "planned"),
        (D(2019, 3, 1), "started"),
        (D(2019, 4, 14), "started"),
        (D(2019, 4, 15), "fitting_out"),
        (D(2019, 5, 31), "fitting_out"),
        (D(2019, 6, 1), "in_service"),
        (D(2021, 7, 30), "in_service"),
        (D(2021, 7, 31), "closed"),
    ],
)
def test_a_rooms_state_on_a_day_is_its_last_act_by_then(day: dt.date, state: str) -> None:
    assert state_on(BUILT_IN_2019, day) == state


def test_a_room_entered_as_opened_was_planned_before_its_opening() -> None:
    entered = Dates(opened_on=D(2017, 5, 1))
    assert state_on(entered, D(2017, 4, 30)) == "planned"
    assert state_on(entered, D(2017, 5, 1)) == "in_service"
    # A fit-out begun without a recorded start is under way all the same.
    assert state_on(Dates(fitting_out_on=D(2019, 5, 1)), D(2019, 6, 30)) == "fitting_out"


@pytest.mark.parametrize(
    ("day", "first_not_over"),
    [
        (D(2019, 6, 30), D(2019, 7, 1)),
        (D(2019, 6, 29), D(2019, 6, 1)),
        (D(2019, 7, 1), D(2019, 7, 1)),
        (D(2019, 12, 31), D(2020, 1, 1)),
        (D(2020, 2, 29), D(2020, 3, 1)),
    ],
)
def test_the_months_counted_at_a_day_are_those_over_by_its_end(day: dt.date, first_not_over: dt.date) -> None:
    assert first_month_not_over(day) == first_not_over


# --- the figures over the rows ---------------------------------------------------------------------------


@pytest.fixture
def xiguan() -> Territory:
    """西关: a room opened in 2017 with a balance to the end of 2018 and three months of 2019; one opened
    in May 2019 with no balance; one closed in March 2019; one in 洛龙区 a 西关 territory must not count."""
    older = room(XIGUAN, state=RoomState.IN_SERVICE, opened_on=D(2017, 9, 1))
    OpeningBalance.objects.create(room=older, as_of=D(2018, 12, 31), visits=30_000, loans=9_000, returns=8_500,
                                  new_cards=400, events=20, participants=1_500)  # fmt: skip
    month_row(older, D(2018, 12, 1), visits=99_999)  # inside the balance already
    month_row(older, D(2019, 1, 1), visits=2_000, loans=600, returns=550, new_cards=30)
    month_row(older, D(2019, 5, 1), visits=2_100, loans=650, returns=640, new_cards=20)
    month_row(older, D(2019, 6, 1), visits=1_900, loans=500, returns=480, new_cards=10)
    newer = room(XIGUAN, state=RoomState.IN_SERVICE, started_on=D(2019, 1, 10), opened_on=D(2019, 5, 20))
    month_row(newer, D(2019, 5, 1), visits=700, loans=200, returns=100, new_cards=90)
    closed = room(XIGUAN, state=RoomState.CLOSED, opened_on=D(2016, 4, 1), closed_on=D(2019, 3, 31))
    OpeningBalance.objects.create(room=closed, as_of=D(2018, 12, 31), visits=5_000)
    here = division(XIGUAN)
    ReadingEvent.objects.create(room=older, division=here, title="读书会", held_on=D(2018, 11, 1),
                                participants=999)  # in the balance already  # fmt: skip
    ReadingEvent.objects.create(
        room=older, division=here, title="读书会", held_on=D(2019, 4, 23), participants=60
    )
    ReadingEvent.objects.create(division=here, title="广场读书节", held_on=D(2019, 6, 30), participants=300)
    ReadingEvent.objects.create(
        room=newer, division=here, title="绘本课", held_on=D(2019, 7, 1), participants=25
    )
    far = room(KAIYUAN, state=RoomState.IN_SERVICE, opened_on=D(2018, 1, 1))
    month_row(far, D(2019, 1, 1), visits=50_000)
    ReadingEvent.objects.create(room=far, division=division(KAIYUAN), title="讲座", held_on=D(2019, 3, 1))
    return Territory.of(here)


def test_rooms_open_are_those_in_service_at_the_days_end(xiguan: Territory) -> None:
    assert number("rooms_open", xiguan) == 2  # the closed one is not, the newer one is
    assert number("rooms_open", xiguan, Period.day(D(2019, 3, 30))) == 2  # before the closing and the opening
    assert number("rooms_open", xiguan, Period.day(D(2019, 5, 19))) == 1
    assert number("rooms_open", xiguan, Period.day(D(2016, 3, 31))) == 0


def test_cumulative_figures_add_the_balances_and_the_months_after_them(xiguan: Territory) -> None:
    # 30,000 + 5,000 in the balances; 2,000 + 2,100 + 1,900 + 700 in the months (not December 2018's)
    assert number("visits", xiguan) == 41_700
    assert (
        number("loans_and_returns", xiguan) == 9_000 + 8_500 + 600 + 550 + 650 + 640 + 500 + 480 + 200 + 100
    )
    assert number("new_cards", xiguan) == 400 + 30 + 20 + 10 + 90


def test_a_month_counts_once_it_is_over_and_a_balance_once_its_day_has_come(xiguan: Territory) -> None:
    assert number("visits", xiguan, Period.day(D(2019, 6, 29))) == 41_700 - 1_900
    assert number("visits", xiguan, Period.year(2019)) == 41_700
    assert number("visits", xiguan, Period.day(D(2018, 12, 30))) == 0


def test_events_add_the_balances_and_those_held_after_them(xiguan: Territory) -> None:
    assert number("events", xiguan) == 20 + 2  # not the one before the balance day, not July's
    assert number("event_participants", xiguan) == 1_500 + 60 + 300
    assert number("events", xiguan, Period.year(2019)) == 23


def test_the_city_counts_every_territory(xiguan: Territory) -> None:
    city = Territory.city()
    assert number("visits", city) - number("visits", xiguan) >= 50_000
    assert number("rooms_open", Territory.of(division(KAIYUAN))) >= 1


@pytest.fixture
def laocheng_plan() -> Territory:
    """老城区's 2019 plan of 5: one in service by 30 June, one fitting out, one started, one planned; and a
    room of its 2018 plan the 2019 figures do not count."""
    mine = plan(LAOCHENG, 2019, planned_rooms=5)
    room(XIGUAN, plan=mine, state=RoomState.IN_SERVICE, started_on=D(2019, 2, 1), fitting_out_on=D(2019, 4, 1),
         opened_on=D(2019, 6, 18))  # fmt: skip
    room(XIGUAN, plan=mine, state=RoomState.IN_SERVICE, started_on=D(2019, 4, 1), fitting_out_on=D(2019, 6, 1),
         opened_on=D(2019, 8, 20))  # fmt: skip
    room(XIGUAN, plan=mine, state=RoomState.STARTED, started_on=D(2019, 6, 30))
    room(XIGUAN, plan=mine, state=RoomState.PLANNED)
    room(XIGUAN, plan=plan(LAOCHENG, 2018), state=RoomState.IN_SERVICE, opened_on=D(2018, 8, 1))
    return Territory.of(division(LAOCHENG))


def test_the_year_plan_counts_its_rooms_by_their_state_that_day(laocheng_plan: Territory) -> None:
    assert number("plan_rooms", laocheng_plan) == 5
    assert number("plan_in_service", laocheng_plan) == 1
    assert number("plan_under_way", laocheng_plan) == 2
    at_year_end = Period.year(2019)
    assert (number("plan_in_service", laocheng_plan, at_year_end), number("plan_under_way", laocheng_plan,
            at_year_end)) == (2, 1)  # fmt: skip
    assert number("plan_rooms", laocheng_plan, Period.year(2018)) == 5
    assert number("plan_in_service", laocheng_plan, Period.year(2018)) == 1


def test_the_sentences_write_the_figures_with_the_territorys_name(laocheng_plan: Territory) -> None:
    assert render_sentence("studyrooms.plan", laocheng_plan, JUNE_30) == (
        "今年老城区计划新建5座城市书房,目前已建成投用1座,已开工建设或装修2座。"
    )
    assert render_sentence("studyrooms.summary", laocheng_plan, JUNE_30).startswith(
        "截至目前,老城区已建成开放城市书房"
    )
