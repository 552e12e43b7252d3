"""The study-room demo against the article (Luoyang Daily, 2019): every figure of its paragraph, and both
sentences, read from the figures registry at 30 June 2019; then the years since, loaded once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from heluo.cases.models import Case
from heluo.core.figures import Period, Territory, breakdown, render_sentence, value
from heluo.core.models import Division, DivisionLevel
from heluo.core.services.accounts import system_operator
from heluo.studyrooms import rules
from heluo.studyrooms.demo import load_demo
from heluo.studyrooms.models import (
    HoursKind,
    MonthlyStatistics,
    OpeningBalance,
    OpeningHours,
    Room,
    RoomState,
    SpecialDay,
    YearPlan,
)
from tests.conftest import kept_for_module

pytestmark = pytest.mark.django_db
ARTICLE_DAY = Period.day(dt.date(2019, 6, 30))
# The article's paragraph, as printed.
ARTICLE = {
    "rooms_open": "118座",
    "visits": "460万余人次",
    "loans_and_returns": "150余万册次",
    "new_cards": "4万余张",
    "events": "1000余场",
    "event_participants": "8.9万余人次",
    "plan_rooms": "50座",
    "plan_in_service": "8座",
    "plan_under_way": "15座",
}
SUMMARY = (
    "截至目前,全市已建成开放城市书房118座,累计接待读者460万余人次,借还图书150余万册次,新办读者证4万余张,"
    "开展各类阅读推广活动1000余场,参与活动8.9万余人次。"
)
PLAN = "今年全市计划新建50座城市书房,目前已建成投用8座,已开工建设或装修15座。"


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The demo on top of the session's core demo, once for the module, rolled back after it."""
    with kept_for_module(django_db_blocker):
        load_demo(system_operator())
        yield


def test_the_summary_at_the_articles_day_reads_as_the_article() -> None:
    city = Territory.city()
    written = {key: value(f"studyrooms.{key}", city, ARTICLE_DAY).text for key in ARTICLE}
    assert written == ARTICLE
    assert render_sentence("studyrooms.summary", city, ARTICLE_DAY) == SUMMARY
    assert render_sentence("studyrooms.plan", city, ARTICLE_DAY) == PLAN


def test_the_summary_page_at_the_articles_day_shows_every_figure_of_the_article(client_as: Any) -> None:
    answer = client_as("admin").get("/studyrooms/summary/", {"day": "2019-06-30"})
    assert answer.status_code == 200
    page = answer.content.decode()
    assert SUMMARY in page and PLAN in page
    assert all(f'data-figure="studyrooms.{key}">{text}<' in page for key, text in ARTICLE.items())
    count = answer.context["summary"].countdown
    assert (count.deadline, count.days_left, count.to_build) == (dt.date(2019, 8, 31), 62, 42)


def test_the_articles_totals_are_not_round() -> None:
    city = Territory.city()
    for key in ("visits", "loans_and_returns", "new_cards", "events", "event_participants"):
        number = value(f"studyrooms.{key}", city, ARTICLE_DAY).number
        assert number % 100 != 0, key


def test_the_118_rooms_are_110_built_before_and_8_of_the_2019_plan() -> None:
    day = ARTICLE_DAY.end
    built_before = Room.objects.filter(plan__isnull=True, opened_on__lte=day).exclude(closed_on__lte=day)
    assert built_before.count() == 110
    assert Room.objects.filter(plan__year=2019, opened_on__lte=day).count() == 8
    # One room built before moved out in 2018: it is counted in the totals, not among the rooms open.
    assert Room.objects.filter(closed_on__lt=dt.date(2019, 1, 1)).count() == 1


def test_the_2019_plan_is_fifty_rooms_over_the_counties_of_2019_due_by_august() -> None:
    plans = YearPlan.objects.filter(year=2019, is_demo=True)
    assert sum(plans.values_list("planned_rooms", flat=True)) == 50
    assert set(plans.values_list("deadline", flat=True)) == {dt.date(2019, 8, 31)}
    assert plans.filter(division__code="410322000000").exists()  # 孟津县, before it became 孟津区
    assert all(plan.division.level == DivisionLevel.COUNTY for plan in plans)
    # 大头落地: most open by the end of August, every one by the end of the year.
    rooms = Room.objects.filter(plan__year=2019)
    assert rooms.filter(opened_on__lte=dt.date(2019, 8, 31)).count() >= 40
    assert rooms.filter(opened_on__lte=dt.date(2019, 12, 31)).count() == 50


def test_the_counties_add_up_to_the_city() -> None:
    counties = list(Division.objects.filter(level=DivisionLevel.COUNTY, valid_to__isnull=True,
                                            code__startswith="4103"))  # fmt: skip
    for key in ("rooms_open", "visits", "plan_rooms", "plan_under_way"):
        city = value(f"studyrooms.{key}", Territory.city(), ARTICLE_DAY).number
        parts = breakdown(f"studyrooms.{key}", counties, ARTICLE_DAY)
        assert sum(reading.number for _division, reading in parts) == city, key
        assert all(reading.number > 0 for _division, reading in parts if key != "plan_under_way"), key


def test_the_balances_are_as_of_the_eve_of_2019_and_the_months_run_to_last_month() -> None:
    assert set(OpeningBalance.objects.values_list("as_of", flat=True)) == {dt.date(2018, 12, 31)}
    assert OpeningBalance.objects.count() == 111
    last_month = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    latest = MonthlyStatistics.objects.order_by("-month").values_list("month", flat=True).first()
    assert latest == last_month.replace(day=1)
    assert not MonthlyStatistics.objects.filter(month__lt=dt.date(2019, 1, 1)).exists()
    # The epidemic shut the rooms in February 2020.
    assert not MonthlyStatistics.objects.filter(month=dt.date(2020, 2, 1), visits__gt=0).exists()


def test_a_plan_a_year_since_and_this_years_nearly_done() -> None:
    today = timezone.localdate()
    years = set(YearPlan.objects.values_list("year", flat=True))
    assert years == set(range(2019, today.year + 1))
    for year in range(2020, today.year + 1):
        planned = sum(YearPlan.objects.filter(year=year).values_list("planned_rooms", flat=True))
        assert 10 <= planned <= 60, year
        assert Room.objects.filter(plan__year=year).count() == planned
    # Every plan before this year's is built; of this year's, past its deadline, one room is late.
    assert not Room.objects.filter(plan__year__lt=today.year, state__in=rules.NOT_BUILT).exists()
    late = [
        room
        for room in Room.objects.filter(plan__year=today.year)
        if rules.is_late(room.state, room.deadline, today)
    ]
    if today > dt.date(today.year, 8, 31):
        assert len(late) == 1
        assert Case.objects.filter(pk=late[0].late_case_id).exists()
    assert len(late) <= 1


def test_the_rooms_lie_in_their_counties_with_hours_of_at_least_twelve_a_day() -> None:
    rooms = list(Room.objects.select_related("division", "plan__division").prefetch_related("hours"))
    assert len({room.name for room in rooms}) == len(rooms)
    for room in rooms:
        # A street of today, or of the county its plan was made for before the 2021 adjustment.
        assert room.division.level == DivisionLevel.TOWNSHIP
        county = room.plan.division if room.plan is not None else None
        assert room.division.valid_to is None or (county is not None and county.valid_to is not None)
        assert county is None or room.division.code.startswith(county.code[:6])
        assert room.is_demo and "演示数据" in room.internal_note
        assert 33.5 < room.latitude < 35.2 and 111.3 < room.longitude < 113.1
        assert room.children_books >= room.books * 0.4
        per_day = {weekday: 0.0 for weekday in range(7)}
        for period in room.hours.all():
            if period.kind == HoursKind.ROOM:
                span = dt.datetime.combine(dt.date.min, period.closes) - dt.datetime.combine(
                    dt.date.min, period.opens
                )
                per_day[period.weekday] += (span.total_seconds() / 3600) % 24 or 24
        assert min(per_day.values()) >= 12, room
    self_service = [room for room in rooms if room.self_service_24h]
    assert 0 < len(self_service) < len(rooms)
    assert OpeningHours.objects.filter(kind=HoursKind.DESK, room__self_service_24h=False).count() == 0
    assert OpeningHours.objects.filter(kind=HoursKind.DESK).exists()
    assert SpecialDay.objects.filter(room__isnull=True, name__startswith="春节", closed=True).count() >= 7


def test_the_rooms_went_through_their_acts() -> None:
    opened = Room.objects.filter(plan__year=2019).first()
    assert opened is not None
    states = list(opened.history.order_by("history_date", "history_id").values_list("state", flat=True))
    assert states[0] == RoomState.PLANNED and states[-1] == RoomState.IN_SERVICE
    assert RoomState.FITTING_OUT in states


def test_loading_twice_changes_nothing() -> None:
    rooms, months = Room.objects.count(), MonthlyStatistics.objects.count()
    assert load_demo(system_operator()) == {}
    assert (Room.objects.count(), MonthlyStatistics.objects.count()) == (rooms, months)
