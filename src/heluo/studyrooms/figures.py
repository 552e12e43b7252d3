"""The city study rooms' published figures (书香洛阳), each counted at the period's last day from the rows of
the rooms in a territory, and the two sentences the 书香洛阳 office writes from them.

- Rooms open: rooms in service at the end of that day, read from the days of their acts
  (heluo.studyrooms.timeline): a room closed since counts for the days it was open, one in service today
  does not count before its opening.
- Cumulative visits, loans and returns, new reader cards, events and participants: each room's opening
  balance (what it counted up to its `as_of` day, when that day is not after the period's end), plus its
  monthly statistics of the months after that day that are over by the period's end, plus the reading
  events held by then (an event in a room before its balance day is in the balance already).
- The year plan (the year of the period's last day): the rooms planned, those of the plan built by that
  day, and those under way then — construction started or fitting out begun, not yet opened — as the plan
  page counts them (heluo.studyrooms.rules), on the states of that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import F, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from heluo.core.figures import Figure, Period, Sentence, Territory, register_figure, register_sentence
from heluo.core.figures.writing import Writing

from . import rules, timeline
from .models import MonthlyStatistics, OpeningBalance, ReadingEvent, Room, YearPlan

ROOMS_OPEN = "studyrooms.rooms_open"
VISITS = "studyrooms.visits"
LOANS_AND_RETURNS = "studyrooms.loans_and_returns"
NEW_CARDS = "studyrooms.new_cards"
EVENTS = "studyrooms.events"
EVENT_PARTICIPANTS = "studyrooms.event_participants"
PLAN_ROOMS = "studyrooms.plan_rooms"
PLAN_IN_SERVICE = "studyrooms.plan_in_service"
PLAN_UNDER_WAY = "studyrooms.plan_under_way"
CUMULATIVE = (ROOMS_OPEN, VISITS, LOANS_AND_RETURNS, NEW_CARDS, EVENTS, EVENT_PARTICIPANTS)
PLAN = (PLAN_ROOMS, PLAN_IN_SERVICE, PLAN_UNDER_WAY)
KEYS = CUMULATIVE + PLAN

SUMMARY = "studyrooms.summary"
PLAN_SUMMARY = "studyrooms.plan"

OPEN_ON_THE_DAY = _("Rooms in service at the end of the period's last day, read from the days of their acts.")
COUNTED_UP_TO = _(
    "Opening balances counted by the period's last day, plus the monthly statistics of the months after "
    "each balance that are over by then."
)
EVENTS_UP_TO = _(
    "Events in the opening balances counted by the period's last day, plus the reading events held by then "
    "(after the balance day of their room)."
)
PLANNED = _("Rooms planned in the year plans of the period's year.")
PLAN_OPEN = _("Rooms of the period's year plan opened by the period's last day.")
PLAN_BUILDING = _(
    "Rooms of the period's year plan whose construction or fitting out began by the period's last day and "
    "which were not open by then."
)


def states_on(rooms: QuerySet[Room], day: dt.date) -> list[str]:
    """Each room's state at the end of `day`, read from its dates (heluo.studyrooms.timeline)."""
    return [
        timeline.state_on(timeline.Dates(*dates), day)
        for dates in rooms.values_list("started_on", "fitting_out_on", "opened_on", "closed_on")
    ]


def count_rooms_open(territory: Territory, period: Period) -> int:
    rooms = territory.filter(Room.objects.exclude(opened_on__isnull=True), "division")
    return states_on(rooms, period.end).count(rules.IN_SERVICE)


def balances(territory: Territory, period: Period) -> QuerySet[OpeningBalance]:
    return territory.filter(OpeningBalance.objects.filter(as_of__lte=period.end), "room__division")


def months(territory: Territory, period: Period) -> QuerySet[MonthlyStatistics]:
    """The monthly rows over by the period's end, of the months after their room's balance day."""
    rows = MonthlyStatistics.objects.filter(month__lt=timeline.first_month_not_over(period.end)).filter(
        Q(room__opening_balance__isnull=True) | Q(room__opening_balance__as_of__lt=F("month"))
    )
    return territory.filter(rows, "room__division")


def events(territory: Territory, period: Period) -> QuerySet[ReadingEvent]:
    """The reading events held by the period's end, but for those in a room before its balance day."""
    rows = ReadingEvent.objects.filter(held_on__lte=period.end).exclude(
        room__opening_balance__as_of__gte=F("held_on")
    )
    return territory.filter(rows, "division")


def _sum(queryset: QuerySet, *fields: str) -> int:
    totals = queryset.aggregate(**{name: Sum(name) for name in fields})
    return sum(totals[name] or 0 for name in fields)


def _cumulative(*fields: str) -> Callable[[Territory, Period], int]:
    def compute(territory: Territory, period: Period) -> int:
        return _sum(balances(territory, period), *fields) + _sum(months(territory, period), *fields)

    return compute


def count_events(territory: Territory, period: Period) -> int:
    return _sum(balances(territory, period), "events") + events(territory, period).count()


def count_participants(territory: Territory, period: Period) -> int:
    return _sum(balances(territory, period), "participants") + _sum(events(territory, period), "participants")


def plan_rooms(territory: Territory, period: Period) -> int:
    return _sum(territory.filter(YearPlan.objects.filter(year=period.end.year), "division"), "planned_rooms")


def plan_room_rows(territory: Territory, period: Period) -> QuerySet[Room]:
    """The rooms built under the year plans of the period's year, in the territory."""
    return territory.filter(Room.objects.filter(plan__year=period.end.year), "division")


def plan_in_service(territory: Territory, period: Period) -> int:
    """Rooms of the year's plans built by the period's end (rules.BUILT: one closed since was built)."""
    return sum(state in rules.BUILT for state in states_on(plan_room_rows(territory, period), period.end))


def plan_under_way(territory: Territory, period: Period) -> int:
    return sum(state in rules.UNDER_WAY for state in states_on(plan_room_rows(territory, period), period.end))


FIGURES = (
    Figure(ROOMS_OPEN, _("city study rooms open"), "studyrooms", count_rooms_open, unit="座",
           description=OPEN_ON_THE_DAY),
    Figure(VISITS, _("cumulative visits to the study rooms"), "studyrooms", _cumulative("visits"),
           unit="人次", writing=Writing("floor", 10_000), description=COUNTED_UP_TO),
    Figure(LOANS_AND_RETURNS, _("cumulative loans and returns"), "studyrooms",
           _cumulative("loans", "returns"), unit="册次", writing=Writing("floor", 10_000, style="余万"),
           description=COUNTED_UP_TO),
    Figure(NEW_CARDS, _("cumulative new reader cards"), "studyrooms", _cumulative("new_cards"), unit="张",
           writing=Writing("floor", 10_000), description=COUNTED_UP_TO),
    Figure(EVENTS, _("cumulative reading events"), "studyrooms", count_events, unit="场",
           writing=Writing("floor", 1_000), description=EVENTS_UP_TO),
    Figure(EVENT_PARTICIPANTS, _("cumulative participants in reading events"), "studyrooms",
           count_participants, unit="人次", writing=Writing("floor", 1_000), description=EVENTS_UP_TO),
    Figure(PLAN_ROOMS, _("rooms planned this year"), "studyrooms", plan_rooms, unit="座", description=PLANNED),
    Figure(PLAN_IN_SERVICE, _("rooms of this year's plan in service"), "studyrooms", plan_in_service,
           unit="座", description=PLAN_OPEN),
    Figure(PLAN_UNDER_WAY, _("rooms of this year's plan under construction or fitting out"), "studyrooms",
           plan_under_way, unit="座", description=PLAN_BUILDING),
)  # fmt: skip

SENTENCES = (
    Sentence(
        SUMMARY,
        "studyrooms",
        "截至目前,{territory}已建成开放城市书房{rooms_open},累计接待读者{visits},借还图书{loans_and_returns},"
        "新办读者证{new_cards},开展各类阅读推广活动{events},参与活动{participants}。",
        {
            "rooms_open": ROOMS_OPEN,
            "visits": VISITS,
            "loans_and_returns": LOANS_AND_RETURNS,
            "new_cards": NEW_CARDS,
            "events": EVENTS,
            "participants": EVENT_PARTICIPANTS,
        },
        _("City study rooms to date"),
    ),
    Sentence(
        PLAN_SUMMARY,
        "studyrooms",
        "今年{territory}计划新建{planned}城市书房,目前已建成投用{in_service},已开工建设或装修{under_way}。",
        {"planned": PLAN_ROOMS, "in_service": PLAN_IN_SERVICE, "under_way": PLAN_UNDER_WAY},
        _("The year's construction plan"),
    ),
)

# Registered on import: the app's ready() imports this module.
register_figure(*FIGURES)
register_sentence(*SENTENCES)
