"""The public projection of the city study rooms: the one place that says what a citizen may see.

Only rooms in service (建成投用) appear, and of each only the fields in `PUBLIC_FIELDS` are read from
the database at all: the staff's note, contact person and phone, the operator, the plan and the late-room
case never leave it through the public pages, their JSON or a static export. Whether a room is open is
the pure rule of heluo.studyrooms.hours, asked at the moment given.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from heluo.core.models import Division, DivisionLevel
from heluo.core.models.divisions import PATH_LENGTH
from heluo.core.services.divisions import current_division
from heluo.studyrooms import hours
from heluo.studyrooms.models import OpeningHours, Room, RoomState, SpecialDay

# What a citizen may see of a room; nothing else is loaded.
PUBLIC_FIELDS = (
    "id",
    "name",
    "division",
    "address",
    "latitude",
    "longitude",
    "seats",
    "books",
    "self_service_24h",
    "phone_public",
)


@dataclass(frozen=True)
class District:
    code: str
    name: str


@dataclass(frozen=True)
class PublicRoom:
    """A room as the public finder shows it, now."""

    id: int
    name: str
    district: District
    address: str
    latitude: float | None
    longitude: float | None
    seats: int
    books: int
    self_service_24h: bool
    phone: str
    is_open: bool
    today: str  # today's hours: "08:30–21:00", "24小时", "今日闭馆"
    closed_today: bool
    desk_today: str  # a 24-hour room's service desk today; "" for other rooms
    state: str  # "开放中（至 21:00）", "已闭馆（明日 08:30 开放）"

    @property
    def url(self) -> str:
        return reverse("studyrooms_public:room", args=[self.id])

    @property
    def geo(self) -> str:
        """A geo: URI (RFC 5870) that opens the phone's own map app at the room, labelled with its name."""
        if self.latitude is None or self.longitude is None:
            return ""
        place = f"{self.latitude},{self.longitude}"
        return f"geo:{place}?q={place}({quote(self.name)})"

    def as_json(self) -> dict[str, object]:
        """The room for the map and rooms.json: the same public fields, nothing more."""
        return {
            "id": self.id,
            "name": self.name,
            "district": self.district.name,
            "address": self.address,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "seats": self.seats,
            "books": self.books,
            "self_service_24h": self.self_service_24h,
            "phone": self.phone,
            "open": self.is_open,
            "today": self.today,
            "desk_today": self.desk_today,
            "state": self.state,
            "url": self.url,
        }


@dataclass(frozen=True)
class DayLine:
    label: str
    text: str


@dataclass(frozen=True)
class RoomPage:
    """A room's own page: the room, its week (and its desk's week), the special days ahead."""

    room: PublicRoom
    week: list[DayLine]
    desk_week: list[DayLine]
    special_days: list[DayLine]


ONE_DAY = dt.timedelta(days=1)


def now() -> dt.datetime:
    return timezone.localtime()


def rooms_in_service() -> list[PublicRoom]:
    """Every room in service, by district then name, as of now."""
    at = now()
    rooms = list(Room.objects.filter(state=RoomState.IN_SERVICE).only(*PUBLIC_FIELDS))
    ids = [room.pk for room in rooms]
    periods = _periods(ids)
    special_days = _special_days(ids, since=at.date() - ONE_DAY)
    districts = _districts({room.division_id for room in rooms})
    projected = [
        _project(room, districts[room.division_id], periods[room.pk], special_days[room.pk], at)
        for room in rooms
    ]
    return sorted(projected, key=lambda room: (room.district.code, room.name))


def room_in_service(pk: int) -> RoomPage | None:
    """One room's page, or None when there is no such room in service."""
    at = now()
    room = Room.objects.filter(pk=pk, state=RoomState.IN_SERVICE).only(*PUBLIC_FIELDS).first()
    if room is None:
        return None
    periods = _periods([room.pk])[room.pk]
    # From yesterday: an opening that began then may still run (the page shows from today on).
    special_days = _special_days([room.pk], since=at.date() - ONE_DAY)[room.pk]
    district = _districts([room.division_id])[room.division_id]
    self_service = room.self_service_24h

    def days(kind: hours.Kind) -> list[DayLine]:
        return [DayLine(str(WEEKDAYS[i]), _line(day)) for i, day in enumerate(hours.week(periods, kind))]

    return RoomPage(
        room=_project(room, district, periods, special_days, at),
        week=[] if self_service else days(hours.ROOM),
        desk_week=days(hours.DESK) if self_service else [],
        special_days=[
            _special_line(day, periods, special_days, self_service)
            for day in hours.special_days_ahead(special_days, at.date())
        ],
    )


def districts_of(rooms: Iterable[PublicRoom]) -> list[tuple[District, int]]:
    """The districts that have rooms, by code, with how many."""
    counts: dict[District, int] = defaultdict(int)
    for room in rooms:
        counts[room.district] += 1
    return sorted(counts.items(), key=lambda item: item[0].code)


def _project(
    room: Room,
    district: District,
    periods: list[hours.Period],
    special_days: list[hours.SpecialDay],
    at: dt.datetime,
) -> PublicRoom:
    status = hours.status(
        periods,
        special_days,
        self_service_24h=room.self_service_24h,
        at=at,
        zone=timezone.get_default_timezone(),
    )
    return PublicRoom(
        id=room.pk,
        name=room.name,
        district=district,
        address=room.address,
        latitude=float(room.latitude) if room.latitude is not None else None,
        longitude=float(room.longitude) if room.longitude is not None else None,
        seats=room.seats,
        books=room.books,
        self_service_24h=room.self_service_24h,
        phone=room.phone_public,
        is_open=status.is_open,
        today=_today(status.today),
        closed_today=status.today.closed,
        desk_today=_text(status.desk_today, closed=_("Closed today")) if status.desk_today else "",
        state=state_text(status, at),
    )


def state_text(status: hours.Status, at: dt.datetime) -> str:
    """开放中（至 21:00）, 开放中 for an opening with no end in sight, 已闭馆（明日 08:30 开放）, 已闭馆."""
    if status.is_open:
        if status.until is None:
            return _("Open now")
        return _("Open now (until %(time)s)") % {"time": moment_text(status.until, at, end=True)}
    if status.next_opening is None:
        return _("Closed now")
    return _("Closed now (opens %(time)s)") % {"time": moment_text(status.next_opening, at)}


def moment_text(moment: dt.datetime, at: dt.datetime, *, end: bool = False) -> str:
    """A time ahead as people say it: 21:00 today, 明日 08:30, 星期一 08:30 within the week, else
    12月14日 08:30. An `end` at midnight is 24:00 of the day before (至 24:00, not 至 明日 00:00)."""
    local = timezone.localtime(moment)
    day, time = local.date(), f"{local:%H:%M}"
    if end and local.time() == hours.MIDNIGHT:
        day, time = day - ONE_DAY, "24:00"
    days = (day - timezone.localtime(at).date()).days
    if days <= 0:
        return time
    if days == 1:
        return _("tomorrow %(time)s") % {"time": time}
    if days < 7:
        return f"{WEEKDAYS[day.weekday()]} {time}"
    return _("%(month)d/%(day)d %(time)s") % {"month": day.month, "day": day.day, "time": time}


def _text(day: hours.Hours, *, closed: str) -> str:
    return hours.hours_text(day, all_day=_("Open 24 hours"), closed=closed, next_day=_("next day "))


def _today(day: hours.Hours) -> str:
    """Today's hours, with the name of the holiday that sets them: 10:00–16:00（元旦）."""
    text = _text(day, closed=_("Closed today"))
    return _("%(hours)s (%(name)s)") % {"hours": text, "name": day.special} if day.special else text


def _line(day: hours.Hours) -> str:
    return _text(day, closed=pgettext("opening hours", "Closed"))


def _special_line(
    day: hours.SpecialDay,
    periods: list[hours.Period],
    special_days: list[hours.SpecialDay],
    self_service: bool,
) -> DayLine:
    label = f"{day.date:%Y-%m-%d} {WEEKDAYS[day.date.weekday()]} {day.name}".strip()
    room = hours.day_hours(periods, special_days, self_service_24h=self_service, date=day.date)
    if not self_service or room.closed:
        return DayLine(label, _text(room, closed=pgettext("opening hours", "Closed")))
    desk = hours.day_hours(periods, special_days, self_service_24h=True, date=day.date, kind=hours.DESK)
    return DayLine(
        label,
        _("Open 24 hours; service desk %(hours)s")
        % {"hours": _text(desk, closed=pgettext("opening hours", "closed"))},
    )


def _periods(room_ids: list[int]) -> dict[int, list[hours.Period]]:
    found: dict[int, list[hours.Period]] = defaultdict(list)
    rows = OpeningHours.objects.filter(room__in=room_ids).values_list(
        "room_id", "weekday", "opens", "closes", "kind"
    )
    for room_id, weekday, opens, closes, kind in rows:
        found[room_id].append(
            hours.Period(weekday, opens, closes, hours.DESK if kind == hours.DESK else hours.ROOM)
        )
    return found


def _special_days(room_ids: list[int], *, since: dt.date) -> dict[int, list[hours.SpecialDay]]:
    """Each room's special days from `since` on, the city's days for every room among them."""
    rows = SpecialDay.objects.filter(
        Q(room__in=room_ids) | Q(room__isnull=True), date__gte=since
    ).values_list("room_id", "date", "closed", "opens", "closes", "name")
    own: dict[int, list[hours.SpecialDay]] = defaultdict(list)
    city: list[hours.SpecialDay] = []
    for room_id, date, closed, opens, closes, name in rows:
        day = hours.SpecialDay(date, closed, opens, closes, every_room=room_id is None, name=name)
        (city if room_id is None else own[room_id]).append(day)
    return defaultdict(lambda: list(city), {room_id: [*days, *city] for room_id, days in own.items()})


def _districts(division_ids: Iterable[int]) -> dict[int, District]:
    """Each division's district (区县) as today's map names it: 吉利区's streets are 孟津区's."""
    divisions = list(Division.objects.filter(pk__in=set(division_ids)))
    county_paths = {
        d.code[: PATH_LENGTH[DivisionLevel.COUNTY]] for d in divisions if d.level >= DivisionLevel.COUNTY
    }
    counties = {
        county.path: current_division(county)
        for county in Division.objects.filter(level=DivisionLevel.COUNTY, path__in=county_paths)
    }
    found = {}
    for division in divisions:
        county = division
        if division.level >= DivisionLevel.COUNTY:
            county = counties.get(division.code[: PATH_LENGTH[DivisionLevel.COUNTY]], division)
        found[division.pk] = District(county.code, county.display_name)
    return found
