"""The city study rooms of the Luoyang demo. At the article's day, 30 June 2019, the rows read as the
article: 118 rooms open (110 built before Heluo, 8 under the 2019 plan), 460万余 visits, 150余万 loans and
returns, 4万余 new reader cards, 1000余 reading events with 8.9万余 taking part, and a 2019 plan of 50 rooms
over the counties due by 31 August, 8 in service and 15 under construction or fit-out. Then the years
since, up to last month: every 2019 room opened, a plan a year of a few tens of rooms, their monthly
statistics and events, and this year's plan nearly done, with one room late.

The rooms before 2019 start from an opening balance as of 31 December 2018; the rows after it are drawn
with a fixed seed (seasons, the epidemic's closures, a new room's first months), and the balances are what
the article's totals leave once the rows of 2019's first half are counted. Room names, addresses,
coordinates, contacts and every number are invented and marked demo. Idempotent: a second run creates
nothing."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from heluo.core.demo import GIVEN, SURNAMES, synthetic_mobile
from heluo.core.models import Division, DivisionLevel
from heluo.core.services.audit import audited_bulk_create

from . import timeline
from .demo_data import (
    AT_ARTICLE_DAY,
    COUNTIES,
    EVENT_TITLES,
    LANDMARKS,
    NEW_YEAR,
    ROADS,
    SEASON,
    SPRING_FESTIVALS,
    County,
    Totals,
    later_plan,
    trend,
)
from .models import (
    HoursKind,
    MonthlyStatistics,
    OpeningBalance,
    OpeningHours,
    ReadingEvent,
    Room,
    RoomState,
    SpecialDay,
    YearPlan,
)
from .services import move_room, open_late_room_cases

ARTICLE_DAY = dt.date(2019, 6, 30)
BALANCE_DAY = dt.date(2018, 12, 31)
FIRST_MONTH = dt.date(2019, 1, 1)
PLAN_2019_DEADLINE = dt.date(2019, 8, 31)
# The acts that set a room's dates, in the order of timeline.Dates' fields.
ACTS = ("start", "fit_out", "open", "close")
NOTE = "演示数据：书房名称、地址、坐标、联系人与统计数字均为虚构。"


@dataclass(frozen=True)
class Schedule:
    """One room to be: where (its county), under which plan (year, division code of that year), and the
    days of its acts, some of which may lie after today (they are cut at load)."""

    county: County
    dates: timeline.Dates
    plan: tuple[int, str] | None = None
    due_on: dt.date | None = None


@dataclass(frozen=True)
class OpenMonth:
    """A month a room was open: its first and last open days, the share of the month they span, and how
    many months the room had been open before it."""

    month: dt.date
    first_day: dt.date
    last_day: dt.date
    share: float
    age: int


def load_demo(operator: Any) -> Counter[str]:
    if Room.objects.filter(is_demo=True).exists():
        return Counter()
    with transaction.atomic():
        return _Loader(operator, timezone.localdate()).load()


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max((last - first).days, 0)))


def _months(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """The first days of the months from `first`'s to `last`'s, both included."""
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = (month + dt.timedelta(days=32)).replace(day=1)


def _month_end(month: dt.date) -> dt.date:
    return (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def _before_2019(rng: random.Random) -> list[Schedule]:
    """The rooms built before Heluo: the first on World Book Day 2015, most in 2017 and 2018; one moved
    out in September 2018 and one closed in 2023 when its lease ran out."""
    years = [2015] * 4 + [2016] * 22 + [2017] * 40 + [2018] * 45
    rng.shuffle(years)
    counties = [county for county in COUNTIES for _n in range(county.before_2019)]
    schedules = []
    for index, (county, year) in enumerate(zip(counties, years, strict=True)):
        opened = dt.date(2015, 4, 23) if index == 0 else _day(rng, dt.date(year, 3, 1), dt.date(year, 12, 28))
        closed = {1: dt.date(2018, 9, 30), 2: dt.date(2023, 6, 30)}.get(index)
        if index == 1:
            opened = dt.date(2016, 5, 18)
        # Built before the ledger: the office entered it as opened on its day; its building was not recorded.
        dates = timeline.Dates(opened_on=opened, closed_on=closed)
        schedules.append(Schedule(county, dates))
    return schedules


def _plan_2019(rng: random.Random) -> list[Schedule]:
    """The 2019 plan: per county, its rooms in service by the article's day (opened from March), those
    under way then (opened in July and August) and the rest, begun in July, most open by 31 August."""
    schedules = []
    late = 0
    for county in COUNTIES:
        for division_code, rooms, in_service, under_way in county.plan_2019:
            for index in range(rooms):
                if index < in_service:
                    opened = _day(rng, dt.date(2019, 3, 20), dt.date(2019, 6, 28))
                    started = opened - dt.timedelta(days=rng.randint(60, 100))
                    fitted = opened - dt.timedelta(days=rng.randint(25, 45))
                elif index < in_service + under_way:
                    started = _day(rng, dt.date(2019, 4, 1), dt.date(2019, 6, 10))
                    fitted = started + dt.timedelta(days=rng.randint(20, 45))
                    opened = _day(
                        rng, max(fitted + dt.timedelta(days=10), dt.date(2019, 7, 5)), dt.date(2019, 8, 30)
                    )
                else:
                    started = _day(rng, dt.date(2019, 7, 1), dt.date(2019, 7, 20))
                    fitted = started + dt.timedelta(days=rng.randint(15, 30))
                    # 大头落地 by the end of August: six rooms of the fifty open in the autumn.
                    late += 1
                    last = dt.date(2019, 12, 20) if late % 4 == 0 else PLAN_2019_DEADLINE
                    opened = _day(rng, fitted + dt.timedelta(days=12), last)
                dates = timeline.Dates(started, fitted, opened)
                schedules.append(Schedule(county, dates, plan=(2019, division_code)))
    return schedules


def _later_plans(rng: random.Random, today: dt.date) -> list[Schedule]:
    """A plan a year from 2020 to this one, its rooms spread over the counties by their weight. Rooms open
    before the deadline but a few in the weeks after it; of this year's, one is late and one has its own,
    later target date."""
    schedules = []
    for year in range(2020, today.year + 1):
        planned, deadline = later_plan(year)
        counties = _spread(planned, rng)
        for index, county in enumerate(counties):
            due_on = None
            if year == today.year and index == len(counties) - 1:
                opened = deadline + dt.timedelta(days=150)
            elif year == today.year and index == len(counties) - 2:
                due_on = deadline + dt.timedelta(days=120)
                opened = due_on - dt.timedelta(days=10)
            elif rng.random() < 0.1:
                opened = deadline + dt.timedelta(days=rng.randint(5, 60))
            else:
                opened = deadline - dt.timedelta(days=rng.randint(0, 110))
            fitted = opened - dt.timedelta(days=rng.randint(30, 75))
            started = fitted - dt.timedelta(days=rng.randint(45, 120))
            division_code = county.code_in(year)
            dates = timeline.Dates(started, fitted, opened)
            schedules.append(Schedule(county, dates, plan=(year, division_code), due_on=due_on))
    return schedules


def _spread(rooms: int, rng: random.Random) -> list[County]:
    """`rooms` counties, each as often as its share of the weights (largest remainders first)."""
    total = sum(county.weight for county in COUNTIES)
    shares = [(county, rooms * county.weight / total) for county in COUNTIES]
    counts = {county.code: int(share) for county, share in shares}
    left = rooms - sum(counts.values())
    for county, _fraction in sorted(shares, key=lambda item: item[1] - int(item[1]), reverse=True)[:left]:
        counts[county.code] += 1
    chosen = [county for county in COUNTIES for _n in range(counts[county.code])]
    rng.shuffle(chosen)
    return chosen


class _Loader:
    def __init__(self, operator: Any, today: dt.date) -> None:
        self.operator = operator
        self.today = today
        # The months whose statistics are in: up to last month.
        self.last_month = today.replace(day=1) - dt.timedelta(days=1)
        # A fixed seed: the demo is the same on every machine (but for the days after the article's).
        self.rng = random.Random(20190630)
        self.created: Counter[str] = Counter()
        self.divisions = {d.code: d for d in Division.objects.filter(code__startswith="4103")}

    def store(
        self, model: type[models.Model], rows: Sequence[models.Model], *, row_rules: bool = True
    ) -> list[Any]:
        """Validate and write `rows` in bulk with their history. The rows they point to were just made here:
        checking that each exists would cost a query a row, and so would `row_rules: False`'s rules."""
        related = [field.name for field in model._meta.fields if field.is_relation]
        for row in rows:
            row.is_demo = True  # type: ignore[attr-defined]
            if row_rules:
                row.full_clean(exclude=related, validate_unique=False, validate_constraints=False)
            else:
                row.clean_fields(exclude=related)
        stored = audited_bulk_create(model, rows, user=self.operator)
        self.created[str(model._meta.verbose_name_plural)] += len(stored)
        return stored

    def load(self) -> Counter[str]:
        schedules = _before_2019(self.rng) + _plan_2019(self.rng) + _later_plans(self.rng, self.today)
        plans = self.plans(schedules)
        rooms = self.rooms(schedules, plans)
        months = self.monthly(rooms)
        events = self.events(rooms)
        self.balances(rooms, months, events)
        self.hours(rooms)
        self.special_days(rooms)
        # This year's room past its deadline becomes a supervision case, as the hourly task would make it.
        open_late_room_cases()
        return self.created

    # --- plans and rooms -----------------------------------------------------------------------------

    def plans(self, schedules: list[Schedule]) -> dict[tuple[int, str], YearPlan]:
        counts = Counter(schedule.plan for schedule in schedules if schedule.plan is not None)
        rows = [
            YearPlan(
                year=year, division=self.divisions[code], planned_rooms=planned,
                deadline=PLAN_2019_DEADLINE if year == 2019 else later_plan(year)[1], notes=NOTE,
            )
            for (year, code), planned in sorted(counts.items())
        ]  # fmt: skip
        return {(plan.year, plan.division.code): plan for plan in self.store(YearPlan, rows)}

    def rooms(self, schedules: list[Schedule], plans: dict[tuple[int, str], YearPlan]) -> list[Room]:
        """The rooms, entered as planned and then moved through their acts on their days by the workflow
        (heluo.studyrooms.services.move_room), as far as today."""
        taken: set[str] = set()
        rows = []
        for schedule in schedules:
            plan = plans.get(schedule.plan)  # type: ignore[arg-type]
            street = self.street(schedule.county, plan)
            room = Room(
                name=self.name(street, taken), division=street, plan=plan,
                due_on=schedule.due_on, internal_note=NOTE,
            )  # fmt: skip
            self.describe(room, schedule.county)
            rows.append(room)
        moved = []
        for room, schedule in zip(self.store(Room, rows), schedules, strict=True):
            for act, day in zip(ACTS, vars(schedule.dates).values(), strict=True):
                if day is not None and day <= self.today:
                    room = move_room(self.operator, room, act, on=day)
            moved.append(room)
        return moved

    def street(self, county: County, plan: YearPlan | None) -> Division:
        """A street of the county, the town's streets more often than the villages': of the county today,
        or of its plan's (a room lies in its plan's county: 孟津县's of 2019 in 孟津县's streets then)."""
        within = plan.division if plan is not None else self.divisions[county.code]
        streets = sorted(
            (d for d in self.divisions.values()
             if d.level == DivisionLevel.TOWNSHIP and d.code.startswith(within.code[:6])
             and (d.valid_to is None) == (within.valid_to is None)),
            key=lambda d: d.code,
        )  # fmt: skip
        near = streets[: county.town_streets]
        return self.rng.choice(near) if self.rng.random() < 0.8 else self.rng.choice(streets)

    def name(self, street: Division, taken: set[str]) -> str:
        place = street.name.removesuffix("街道").removesuffix("回族镇").removesuffix("镇").removesuffix("乡")
        name = ""
        while not name or name in taken:
            name = f"{place}·{self.rng.choice(LANDMARKS)}城市书房"
        taken.add(name)
        return name

    def describe(self, room: Room, county: County) -> None:
        """The invented particulars: address, point, operator, size, books, 24-hour or not, contacts."""
        rng = self.rng
        room.address = f"{county.name}{room.division.name}{rng.choice(ROADS)}{rng.randint(1, 299)}号"
        lon, lat = county.centre
        room.longitude = Decimal(f"{lon + rng.uniform(-county.spread, county.spread):.6f}")
        room.latitude = Decimal(f"{lat + rng.uniform(-county.spread, county.spread):.6f}")
        room.operator = (
            f"{county.name}图书馆" if rng.random() < 0.7 else f"洛阳{rng.choice(LANDMARKS)}文化传播有限公司"
        )
        room.seats = rng.randrange(30, 121, 2) if county.urban else rng.randrange(24, 81, 2)
        room.area_m2 = Decimal(room.seats * rng.randint(3, 5) + rng.randint(0, 40))
        room.books = rng.randrange(8_000, 30_001, 50)
        room.children_books = int(room.books * rng.uniform(0.40, 0.55))
        room.self_service_24h = rng.random() < (0.4 if county.urban else 0.25)
        room.phone_public = f"0379-6{rng.randrange(0, 10**7):07d}"
        room.contact_person = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))
        room.contact_phone = synthetic_mobile(rng)

    # --- statistics ----------------------------------------------------------------------------------

    def room_months(self, room: Room) -> Iterator[OpenMonth]:
        """The months with statistics: from 2019 (or the opening) to last month (or the closing)."""
        opened = room.opened_on
        if opened is None:
            return
        last = min(self.last_month, room.closed_on or self.last_month)
        for month in _months(max(FIRST_MONTH, opened.replace(day=1)), last):
            end = _month_end(month)
            first_day, last_day = max(month, opened), min(end, room.closed_on or end)
            share = ((last_day - first_day).days + 1) / ((end - month).days + 1)
            age = (month.year - opened.year) * 12 + month.month - opened.month
            yield OpenMonth(month, first_day, last_day, share, age)

    def monthly(self, rooms: list[Room]) -> list[MonthlyStatistics]:
        rows = []
        for room in rooms:
            # Readers a seat brings in a month: more in a 24-hour room; fewer in a new room's first months.
            rate = self.rng.uniform(22, 32) * (1.15 if room.self_service_24h else 1.0)
            for open_month in self.room_months(room):
                month, age = open_month.month, open_month.age
                ramp = (0.6, 0.8, 0.9)[age] if age < 3 else 1.0
                visits = int(room.seats * rate * SEASON[month.month - 1] * trend(month) * ramp * open_month.share
                             * self.rng.uniform(0.9, 1.1))  # fmt: skip
                loans = int(visits * self.rng.uniform(0.15, 0.19))
                cards = int(visits * self.rng.uniform(0.007, 0.011) * (2 if age < 3 else 1))
                rows.append(MonthlyStatistics(
                    room=room, month=month, visits=visits, loans=loans,
                    returns=int(loans * self.rng.uniform(0.92, 1.03)), new_cards=cards,
                ))  # fmt: skip
        # A month's own rule (not inside its room's opening balance) reads the balance, a query a month: the
        # balances, written after the months, check the same rule once a room (OpeningBalance.clean).
        return self.store(MonthlyStatistics, rows, row_rules=False)

    def events(self, rooms: list[Room]) -> list[ReadingEvent]:
        """Reading events in the rooms (a few a season each, none while the epidemic kept rooms shut), and
        each county library's World Book Day event outside the rooms."""
        rows = []
        for room in rooms:
            for open_month in self.room_months(room):
                if trend(open_month.month) < 0.3:
                    continue
                for _n in range(sum(self.rng.random() < 0.14 * open_month.share for _try in range(2))):
                    day = _day(self.rng, open_month.first_day, open_month.last_day)
                    rows.append(self.event(room.division, day, room))
        for county in COUNTIES:
            for year in range(2019, self.last_month.year + (self.last_month.month >= 4)):
                division = self.divisions[county.code_in(year)]
                rows.append(self.event(division, dt.date(year, 4, 23), None, "“世界读书日”全民阅读主题活动"))
        return self.store(ReadingEvent, rows)

    def event(self, division: Division, day: dt.date, room: Room | None, title: str = "") -> ReadingEvent:
        chosen, low, high = self.rng.choice(EVENT_TITLES)
        if title:
            low, high = 150, 600
        return ReadingEvent(
            room=room, division=division, title=title or chosen, held_on=day,
            participants=self.rng.randint(low, high),
            organiser=room.operator if room is not None else f"{division.name}图书馆",
        )  # fmt: skip

    def balances(
        self, rooms: list[Room], months: list[MonthlyStatistics], events: list[ReadingEvent]
    ) -> None:
        """What the rooms built before 2019 counted by its eve: the article's totals less the rows of
        2019's first half, shared by seats and months open (each room's own pace on top)."""
        older = [(room, room.opened_on) for room in rooms if room.opened_on and room.opened_on <= BALANCE_DAY]
        counted = Totals.of_rows(
            [row for row in months if row.month <= ARTICLE_DAY],
            [row for row in events if row.held_on <= ARTICLE_DAY],
        )
        left = AT_ARTICLE_DAY.minus(counted)
        weights = []
        for room, opened in older:
            until = min(BALANCE_DAY, room.closed_on or BALANCE_DAY)
            weights.append(room.seats * (until - opened).days * self.rng.uniform(0.85, 1.15))
        shares = {name: _share(getattr(left, name), weights) for name in vars(left)}
        rows = [
            OpeningBalance(room=room, as_of=BALANCE_DAY, **{name: shares[name][index] for name in shares})
            for index, (room, _opened) in enumerate(older)
        ]
        self.store(OpeningBalance, rows)

    # --- hours -----------------------------------------------------------------------------------------

    def hours(self, rooms: list[Room]) -> None:
        """A week of hours a room, at least twelve a day: a 24-hour room all day and its desk apart (with
        a lunch break on weekdays), the others one of the usual patterns."""
        rows = []
        patterns = [((9, 0), (21, 0)), ((8, 30), (21, 30)), ((9, 0), (22, 0)), ((8, 0), (20, 0))]
        for room in rooms:
            if room.self_service_24h:
                for weekday in range(7):
                    rows.append(OpeningHours(room=room, weekday=weekday, opens=dt.time(0), closes=dt.time(0)))
                    desk = [((9, 0), (12, 0)), ((14, 30), (18, 0))] if weekday < 5 else [((9, 0), (17, 0))]
                    rows += [OpeningHours(room=room, weekday=weekday, opens=dt.time(*opens), closes=dt.time(*closes),
                                          kind=HoursKind.DESK) for opens, closes in desk]  # fmt: skip
            else:
                opens, closes = self.rng.choice(patterns)
                rows += [OpeningHours(room=room, weekday=weekday, opens=dt.time(*opens), closes=dt.time(*closes))
                         for weekday in range(7)]  # fmt: skip
        self.store(OpeningHours, rows)

    def special_days(self, rooms: list[Room]) -> None:
        """The Spring Festival for every room: short hours on New Year's Eve, closed on New Year's Day; and
        one room shut a day for maintenance."""
        rows = []
        for year, new_year in SPRING_FESTIVALS.items():
            if year <= self.today.year + 1:
                rows.append(SpecialDay(date=new_year - dt.timedelta(days=1), name="除夕",
                                       opens=dt.time(9), closes=dt.time(17)))  # fmt: skip
                rows.append(SpecialDay(date=new_year, name=NEW_YEAR, closed=True))
        room = next(r for r in rooms if r.state == RoomState.IN_SERVICE and not r.self_service_24h)
        rows.append(
            SpecialDay(room=room, date=self.today + dt.timedelta(days=9), name="设备检修", closed=True)
        )
        self.store(SpecialDay, rows)


def _share(total: int, weights: list[float]) -> list[int]:
    """`total` in whole parts by `weights`, the remainder to the largest fractions: the parts add up."""
    whole = sum(weights)
    exact = [total * weight / whole for weight in weights]
    parts = [int(value) for value in exact]
    order = sorted(range(len(exact)), key=lambda i: exact[i] - parts[i], reverse=True)
    for index in order[: total - sum(parts)]:
        parts[index] += 1
    return parts
