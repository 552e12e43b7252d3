"""The public study-room finder in a browser, without login: a phone that gives its position sorts the
rooms open now by distance, nearest first, before a closed room nearer still. Screenshots of the list,
the map and a room page at 390×844 and 1280×800 in test-results/screenshots/."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import SCREENSHOTS, Served

# Near 老城区's 西关: the citizen stands where the near open room is.
HERE = {"latitude": 34.6830, "longitude": 112.4700}
# key, name, latitude, longitude, open now (open round the clock, or with no hours at all)
ROOMS = [
    ("closed_nearest", "浏览器测试书房·闭馆最近", "34.683100", "112.470100", False),
    ("open_near", "浏览器测试书房·开放较近", "34.683000", "112.470000", True),
    ("open_far", "浏览器测试书房·开放较远", "34.700000", "112.500000", True),
]
MAKE = """
import datetime as dt, json
from decimal import Decimal
from heluo.core.models import Division
from heluo.studyrooms.models import OpeningHours, Room
division = Division.objects.get(code="410302001000")
made = {}
for key, name, latitude, longitude, is_open in %s:
    room, _ = Room.objects.update_or_create(
        division=division, name=name,
        defaults=dict(address="西关测试路" + key, latitude=Decimal(latitude), longitude=Decimal(longitude),
                      seats=36, books=6000, children_books=2600, state="in_service", phone_public="0379-60000000",
                      internal_note="BROWSER-MARKER-NOTE", contact_phone="BROWSER-MARKER-PHONE"))
    room.hours.all().delete()
    if is_open:
        for weekday in range(7):
            OpeningHours.objects.create(room=room, weekday=weekday, opens=dt.time(0), closes=dt.time(0))
    made[key] = room.pk
print(json.dumps(made))
"""
VIEWPORTS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
              "device_scale_factor": 2},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}  # fmt: skip


@pytest.fixture(scope="module")
def rooms(served: Served) -> dict[str, int]:
    result = served.heluo("shell", "--no-imports", "-c", MAKE % repr(ROOMS))
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.fixture(params=list(VIEWPORTS))
def citizen(request: pytest.FixtureRequest, browser: Any, served: Served) -> Iterator[Any]:
    """A browser that never logged in, whose phone tells where it is."""
    context = browser.new_context(
        base_url=served.url, locale="zh-CN", geolocation=HERE, permissions=["geolocation"],
        **VIEWPORTS[request.param],
    )  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.viewport_name = request.param
    yield page
    assert context.cookies() == [], "a public page set a cookie"
    context.close()


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{page.viewport_name}.png"), full_page=True)


def no_horizontal_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_the_nearest_open_room_comes_first_when_sorted_by_distance(
    citizen: Any, rooms: dict[str, int]
) -> None:
    page = citizen
    page.goto("/login/")
    finder = page.locator("[data-testid=studyroom-finder]").get_attribute("href")
    # The login page sets its CSRF cookie; from here on no page may set one.
    page.context.clear_cookies()
    page.goto(finder)
    assert page.locator("h1").inner_text() == "查找城市书房"
    assert no_horizontal_scroll(page)
    page.locator("[data-testid=districts] a", has_text="老城区").click()
    page.locator(f"[data-testid=room-card][data-id='{rooms['open_near']}']").wait_for()
    shot(page, "studyrooms-public-list")

    page.click("[data-testid=by-distance]")
    listed = page.locator("[data-testid=by-distance-list]")
    listed.wait_for(state="visible")
    cards = listed.locator("[data-testid=room-card]")
    first = cards.first
    assert first.get_attribute("data-id") == str(rooms["open_near"])
    assert first.locator("[data-testid=room-state]").inner_text().startswith("开放中")
    assert first.locator("[data-testid=distance]").inner_text() == "0 米"
    order = [cards.nth(i).get_attribute("data-id") for i in range(cards.count())]
    assert order.index(str(rooms["open_far"])) < order.index(str(rooms["closed_nearest"]))
    assert (
        listed.locator(f"[data-id='{rooms['closed_nearest']}'] [data-testid=room-state]").inner_text()
        == "已闭馆"
    )
    assert first.locator("[data-testid=route]").get_attribute("href").startswith("geo:34.683,112.47?q=")
    assert no_horizontal_scroll(page)
    shot(page, "studyrooms-public-by-distance")

    first.get_by_role("link", name="浏览器测试书房·开放较近").click()
    page.wait_for_url(f"**/public/studyrooms/{rooms['open_near']}/")
    assert "0379-60000000" in page.content()
    assert "BROWSER-MARKER" not in page.content()
    assert page.locator("[data-testid=week] td").first.inner_text() == "24小时"
    assert no_horizontal_scroll(page)
    shot(page, "studyrooms-public-room")

    page.click("[data-testid=map-link]")
    page.locator("[data-testid=room-map] canvas").wait_for()
    assert no_horizontal_scroll(page)
    shot(page, "studyrooms-public-map")
    page.click("[data-testid=map-zoom]")
    shot(page, "studyrooms-public-map-zoomed")
    page.get_by_role("button", name="全市").click()
    shot(page, "studyrooms-public-map-city-again")
