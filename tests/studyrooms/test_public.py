"""The public finder /public/studyrooms/: no login, no session, no cookie; rooms in service only; and
nothing of a room reaches a citizen but its public fields."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.utils import timezone, translation

from heluo.core.models import Division
from heluo.studyrooms.models import HoursKind, OpeningHours, Room, RoomState, SpecialDay
from heluo.studyrooms.public import projection

XIGUAN = "410302001000"  # 西关街道, 老城区
KAIYUAN = "410311002000"  # 开元路街道, 洛龙区
MARKERS = ("MARKER-NOTE-7c1f", "MARKER-PERSON-7c1f", "MARKER-PHONE-7c1f", "MARKER-OPERATOR-7c1f")
_serial = itertools.count(1)
# Monday 2026-12-07, 10:00 in Luoyang.
MONDAY_MORNING = dt.datetime(2026, 12, 7, 10, 0, tzinfo=timezone.get_default_timezone())

pytestmark = pytest.mark.django_db


def room(code: str = XIGUAN, *, state: str = RoomState.IN_SERVICE, hours: bool = True, **fields: Any) -> Room:
    fields.setdefault("name", f"测试城市书房{next(_serial)}")
    created = Room.objects.create(
        division=Division.objects.get(code=code), address="测试路1号", seats=40, books=8000,
        children_books=3500, state=state, **fields,
    )  # fmt: skip
    if hours:
        for weekday in range(7):
            OpeningHours.objects.create(
                room=created, weekday=weekday, opens=dt.time(8, 30), closes=dt.time(21)
            )
    return created


def secret_room(**fields: Any) -> Room:
    return room(
        internal_note=MARKERS[0], contact_person=MARKERS[1], contact_phone=MARKERS[2], operator=MARKERS[3],
        latitude=Decimal("34.680000"), longitude=Decimal("112.470000"), phone_public="0379-61234567", **fields,
    )  # fmt: skip


@pytest.fixture
def at_monday_morning(monkeypatch: pytest.MonkeyPatch) -> dt.datetime:
    monkeypatch.setattr(projection, "now", lambda: MONDAY_MORNING)
    return MONDAY_MORNING


def public_urls(shown: Room) -> list[str]:
    return [
        "/public/studyrooms/",
        f"/public/studyrooms/?district={shown.division.code[:6]}000000",
        "/public/studyrooms/map/",
        "/public/studyrooms/rooms.json",
        f"/public/studyrooms/{shown.pk}/",
    ]


def names(shown: Room, body: str) -> bool:
    """The room's name is on the page, as text or in the map's JSON (where json_script escapes it)."""
    return shown.name in body or json.dumps(shown.name)[1:-1] in body


def test_the_public_pages_need_no_login_and_set_no_cookie(at_monday_morning: dt.datetime) -> None:
    shown = secret_room()
    sessions = Session.objects.count()
    client = Client()
    for url in public_urls(shown):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, f"{url} set {list(response.cookies)}"
        assert "csrf" not in response.content.decode().lower(), url
        assert names(shown, response.content.decode()), url
    assert not client.cookies
    assert Session.objects.count() == sessions


def test_no_internal_field_reaches_a_public_page_or_its_json(at_monday_morning: dt.datetime) -> None:
    shown = secret_room(self_service_24h=True)
    SpecialDay.objects.create(room=shown, date=dt.date(2026, 12, 9), closed=True, name="盘点")
    for url in public_urls(shown):
        body = Client().get(url).content.decode()
        assert names(shown, body), url
        leaked = [marker for marker in MARKERS if marker in body]
        assert not leaked, f"{url} shows {leaked}"
    assert "0379-61234567" in Client().get(f"/public/studyrooms/{shown.pk}/").content.decode()


def test_the_json_lists_exactly_the_public_fields(at_monday_morning: dt.datetime) -> None:
    shown = secret_room()
    rooms = json.loads(Client().get("/public/studyrooms/rooms.json").content)["rooms"]
    mine = next(item for item in rooms if item["id"] == shown.pk)
    assert set(mine) == {
        "id", "name", "district", "address", "latitude", "longitude", "seats", "books", "self_service_24h",
        "phone", "open", "today", "desk_today", "state", "url",
    }  # fmt: skip
    assert (mine["district"], mine["latitude"], mine["open"], mine["state"]) == (
        "老城区", 34.68, True, "开放中（至 21:00）",
    )  # fmt: skip


@pytest.mark.parametrize(
    "state", [RoomState.PLANNED, RoomState.STARTED, RoomState.FITTING_OUT, RoomState.CLOSED]
)
def test_a_room_not_in_service_is_not_found_and_not_listed(
    state: str, at_monday_morning: dt.datetime
) -> None:
    hidden = room(state=state)
    response = Client().get(f"/public/studyrooms/{hidden.pk}/")
    assert response.status_code == 404
    assert not response.cookies
    assert "没有建成投用的城市书房" in response.content.decode()
    for url in ("/public/studyrooms/", "/public/studyrooms/rooms.json", "/public/studyrooms/map/"):
        assert not names(hidden, Client().get(url).content.decode())


def test_a_room_that_does_not_exist_is_not_found() -> None:
    assert Client().get("/public/studyrooms/987654321/").status_code == 404


def test_the_public_pages_refuse_to_be_written_to() -> None:
    # The CSRF check refuses a browser's POST first (403); without it the view itself refuses (405).
    assert Client(enforce_csrf_checks=True).post("/public/studyrooms/", {"district": "x"}).status_code == 403
    assert Client().post("/public/studyrooms/", {"district": "x"}).status_code == 405


def test_a_card_says_open_until_or_closed_until_when(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = secret_room()
    monkeypatch.setattr(projection, "now", lambda: MONDAY_MORNING)
    body = Client().get("/public/studyrooms/").content.decode()
    assert "开放中（至 21:00）" in body
    monkeypatch.setattr(projection, "now", lambda: MONDAY_MORNING.replace(hour=22))
    card = Client().get("/public/studyrooms/").content.decode().split(f'data-id="{shown.pk}"')[1]
    assert "已闭馆（明日 08:30 开放）" in card.split("</article>")[0]
    assert "今日 08:30–21:00" in card.split("</article>")[0]


def test_a_card_links_the_phones_own_map_app_with_the_rooms_name(at_monday_morning: dt.datetime) -> None:
    shown = secret_room(name="测试书房 西关")
    body = Client().get("/public/studyrooms/").content.decode()
    assert (
        'href="geo:34.68,112.47?q=34.68,112.47(%E6%B5%8B%E8%AF%95%E4%B9%A6%E6%88%BF%20%E8%A5%BF%E5%85%B3)"'
        in body
    )
    assert shown.name in body


def test_the_list_is_by_district_and_a_district_can_be_chosen(at_monday_morning: dt.datetime) -> None:
    west, south = room(XIGUAN), room(KAIYUAN)
    everything = Client().get("/public/studyrooms/").content.decode()
    assert west.name in everything and south.name in everything
    assert (
        everything.index("<h2>老城区</h2>")
        < everything.index(west.name)
        < everything.index("<h2>洛龙区</h2>")
    )
    chosen = Client().get("/public/studyrooms/?district=410311000000").content.decode()
    assert south.name in chosen and west.name not in chosen
    assert 'aria-current="page">洛龙区' in chosen


def test_an_unknown_district_says_so_and_shows_every_room(at_monday_morning: dt.datetime) -> None:
    shown = room()
    body = Client().get("/public/studyrooms/?district=<script>").content.decode()
    assert "没有建成投用的城市书房位于所选区县" in body
    assert shown.name in body and "<script>" not in body


def test_a_24_hour_rooms_page_shows_its_desk_hours_and_the_special_days_ahead(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(projection, "now", lambda: MONDAY_MORNING)
    shown = room(self_service_24h=True, hours=False)
    for weekday in range(5):
        OpeningHours.objects.create(
            room=shown, weekday=weekday, opens=dt.time(9), closes=dt.time(17), kind=HoursKind.DESK
        )
    SpecialDay.objects.create(date=dt.date(2027, 1, 1), name="元旦", opens=dt.time(10), closes=dt.time(16))
    SpecialDay.objects.create(room=shown, date=dt.date(2026, 12, 9), closed=True, name="设备检修")
    SpecialDay.objects.create(room=shown, date=dt.date(2026, 12, 1), closed=True, name="已过去")
    body = Client().get(f"/public/studyrooms/{shown.pk}/").content.decode()
    assert "开放中" in body and "24小时" in body
    at_new_year = MONDAY_MORNING.replace(year=2027, month=1, day=1)
    monkeypatch.setattr(projection, "now", lambda: at_new_year)
    card = Client().get("/public/studyrooms/").content.decode().split(f'data-id="{shown.pk}"')[1]
    assert "今日 24小时（元旦） · 服务台 10:00–16:00 ·" in card.split("</article>")[0]
    assert '<th scope="row">星期一</th><td>09:00–17:00</td>' in body
    assert '<th scope="row">星期六</th><td>闭馆</td>' in body
    assert "2026-12-09 星期三 设备检修</th><td>闭馆</td>" in body
    assert "2027-01-01 星期五 元旦</th><td>24小时开放，服务台 10:00–16:00</td>" in body
    assert "已过去" not in body


def test_a_staffed_rooms_page_shows_its_week(at_monday_morning: dt.datetime) -> None:
    shown = room()
    body = Client().get(f"/public/studyrooms/{shown.pk}/").content.decode()
    assert '<th scope="row">星期日</th><td>08:30–21:00</td>' in body
    assert 'data-testid="desk-week"' not in body


def test_the_list_reads_the_rooms_in_a_fixed_number_of_queries(
    at_monday_morning: dt.datetime, django_assert_max_num_queries: Any
) -> None:
    for _ in range(6):
        room(KAIYUAN)
    with django_assert_max_num_queries(6):
        Client().get("/public/studyrooms/")


def test_the_login_page_links_the_finder() -> None:
    assert 'href="/public/studyrooms/"' in Client().get("/login/").content.decode()


def _open_routes(patterns: list[Any], prefix: str = "") -> list[str]:
    """The routes of every view that is served without login, walking the whole URLconf."""
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += _open_routes(pattern.url_patterns, route)
        elif getattr(pattern.callback, "login_required", True) is False:
            found.append(route)
    return found


def test_the_finder_is_the_only_site_page_open_without_login() -> None:
    # The API answers anonymous calls itself (401, heluo.core.api); login and language come before login.
    others = [
        route for route in _open_routes(get_resolver("heluo.urls").url_patterns)
        if not route.startswith(("api/", "login/", "i18n/setlang/", "jsi18n/"))
    ]  # fmt: skip
    assert sorted(others) == [
        "public/studyrooms/", "public/studyrooms/<int:pk>/", "public/studyrooms/map/",
        "public/studyrooms/rooms.json",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("moment", "end", "text"),
    [
        (dt.datetime(2026, 12, 7, 21, 0), True, "21:00"),
        (dt.datetime(2026, 12, 8, 0, 0), True, "24:00"),
        (dt.datetime(2026, 12, 8, 0, 0), False, "明日 00:00"),
        (dt.datetime(2026, 12, 8, 2, 0), True, "明日 02:00"),
        (dt.datetime(2026, 12, 10, 8, 30), False, "星期四 08:30"),
        (dt.datetime(2026, 12, 14, 8, 30), False, "12月14日 08:30"),
    ],
)
def test_a_time_ahead_reads_as_people_say_it(moment: dt.datetime, end: bool, text: str) -> None:
    with translation.override("zh-hans"):
        zone = timezone.get_default_timezone()
        assert projection.moment_text(moment.replace(tzinfo=zone), MONDAY_MORNING, end=end) == text
