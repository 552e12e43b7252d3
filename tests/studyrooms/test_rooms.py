"""A room's acts (开工 → 装修 → 建成投用 → 闭馆) and its page; special days for every room."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from heluo.core.workflow import TransitionRefused
from heluo.studyrooms.models import OpeningBalance, RoomState, SpecialDay
from heluo.studyrooms.services import move_room

from .factories import KAIYUAN, hours, month_row, room

pytestmark = pytest.mark.django_db


def test_each_act_moves_the_room_and_sets_its_day(users: dict[str, Any]) -> None:
    actor = users["laocheng"]
    row = room()
    row = move_room(actor, row, "start", on=dt.date(2019, 3, 1))
    row = move_room(actor, row, "fit_out", on=dt.date(2019, 5, 10))
    row = move_room(actor, row, "open", on=dt.date(2019, 6, 20))
    assert (row.state, row.started_on, row.fitting_out_on, row.opened_on) == (
        RoomState.IN_SERVICE, dt.date(2019, 3, 1), dt.date(2019, 5, 10), dt.date(2019, 6, 20),
    )  # fmt: skip
    row = move_room(actor, row, "close")
    assert row.state == RoomState.CLOSED and row.closed_on == timezone.localdate()
    row = move_room(actor, row, "reopen")
    assert (
        row.state == RoomState.IN_SERVICE and row.closed_on is None and row.opened_on == dt.date(2019, 6, 20)
    )
    assert row.history.count() == 6


def test_an_act_the_state_does_not_allow_is_refused_and_changes_nothing(users: dict[str, Any]) -> None:
    row = room()
    with pytest.raises(TransitionRefused):
        move_room(users["laocheng"], row, "close")
    row.refresh_from_db()
    assert row.state == RoomState.PLANNED and row.row_version == 1


@pytest.mark.parametrize(
    ("on", "field"),
    [(dt.date(2019, 2, 28), "on"), (None, "on")],
)
def test_a_day_before_the_previous_stage_or_in_the_future_is_refused(
    users: dict[str, Any], on: dt.date | None, field: str
) -> None:
    row = move_room(users["laocheng"], room(), "start", on=dt.date(2019, 3, 1))
    with pytest.raises(ValidationError) as refused:
        move_room(users["laocheng"], row, "open", on=on or timezone.localdate() + dt.timedelta(days=1))
    assert field in refused.value.message_dict
    row.refresh_from_db()
    assert row.state == RoomState.STARTED and row.opened_on is None


def test_acts_are_refused_to_a_reader_and_outside_the_territory(users: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        move_room(users["lingdao"], room(), "start")
    with pytest.raises(PermissionDenied):
        move_room(users["laocheng"], room(KAIYUAN), "start")


def test_the_room_page_acts_and_shows_hours_balance_and_statistics(client_as: Any) -> None:
    row = room(self_service_24h=True)
    hours(row, weekday=0, opens="00:00", closes="00:00")
    hours(row, weekday=0, opens="09:00", closes="17:30", kind="desk")
    OpeningBalance.objects.create(room=row, as_of=dt.date(2018, 12, 31), visits=50000, loans=20000)
    month_row(row, dt.date(2019, 1, 1), visits=1000, loans=400)
    client = client_as("laocheng")
    page = client.get(row.get_absolute_url()).content.decode()
    assert 'data-testid="act-start"' in page and 'data-testid="act-close"' not in page
    assert "17:30" in page and 'data-testid="totals"' in page and "51000" in page

    answer = client.post(f"/studyrooms/rooms/{row.pk}/act/open/", {"on": "2019-06-20"})
    assert answer.status_code == 302
    row.refresh_from_db()
    assert row.state == RoomState.IN_SERVICE and row.opened_on == dt.date(2019, 6, 20)
    page = client.get(row.get_absolute_url()).content.decode()
    assert page.count("<li>") >= 2 and 'data-testid="act-close"' in page

    refused = client.post(f"/studyrooms/rooms/{row.pk}/act/start/", follow=True)
    assert refused.status_code == 200 and "不能" in refused.content.decode()
    assert client_as("lingdao").post(f"/studyrooms/rooms/{row.pk}/act/close/").status_code == 403


def test_a_day_for_every_room_is_the_citys_to_set(client_as: Any) -> None:
    data = {"date": "2026-02-17", "name": "春节", "closed": "on"}
    district = client_as("laocheng").post("/studyrooms/specialdays/add/", data)
    assert district.status_code == 400 and not SpecialDay.objects.exists()
    assert client_as("admin").post("/studyrooms/specialdays/add/", data).status_code == 302
    day = SpecialDay.objects.get()
    # Every office of the module sees it, but only the city changes it.
    assert client_as("laocheng").get(day.get_absolute_url()).status_code == 200
    edit = client_as("laocheng").post(f"/studyrooms/specialdays/{day.pk}/edit/", {**data, "name": "除夕"})
    assert edit.status_code in (403, 409)
    day.refresh_from_db()
    assert day.name == "春节"


def test_the_api_acts_as_the_page_does(users: dict[str, Any]) -> None:
    row = room()
    api = APIClient()
    api.force_authenticate(users["laocheng"])
    answer = api.post(f"/api/studyrooms/rooms/{row.pk}/open/", {"on": "2019-06-20"}, format="json")
    assert answer.status_code == 200, answer.json()
    assert answer.json()["state"] == RoomState.IN_SERVICE and answer.json()["opened_on"] == "2019-06-20"
    assert api.post(f"/api/studyrooms/rooms/{row.pk}/start/", {}, format="json").status_code == 409
    future = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    assert (
        api.post(f"/api/studyrooms/rooms/{row.pk}/close/", {"on": future}, format="json").status_code == 400
    )
    reader = APIClient()
    reader.force_authenticate(users["lingdao"])
    assert reader.post(f"/api/studyrooms/rooms/{row.pk}/close/", {}, format="json").status_code == 403
    row.refresh_from_db()
    assert row.state == RoomState.IN_SERVICE and row.row_version == 2
