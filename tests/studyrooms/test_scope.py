"""The city study rooms in the scope matrix: every demo role, and a culture office (书香洛阳) account of
洛龙区, against a room in 西关街道 (老城区) and one in 开元路街道 (洛龙区), on the list, the edit page, the
API, the export and the room's acts. Written out by hand."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from heluo.core.models import Role
from heluo.core.services import transfer
from heluo.core.services.accounts import create_account, system_operator
from heluo.studyrooms import ledgers
from heluo.studyrooms.models import Room, RoomState

from .factories import KAIYUAN, LUOLONG, XIGUAN, division, room

USERS = ["admin", "laocheng", "gaoxin", "zhujian", "luolong", "mengjin", "wangge", "duban", "dingdingmen",
         "beiyao", "wuzhuang", "lingdao", "fuwuguan", "shuxiang"]  # fmt: skip
# Who may open the module's pages at all (the line, 条, and the view permission).
VIEWERS = {"admin", "laocheng", "gaoxin", "luolong", "mengjin", "duban", "lingdao", "shuxiang"}
# Who sees each room (the territory, 块).
SEES = {
    "xiguan": {"admin", "laocheng", "duban", "lingdao"},
    "kaiyuan": {"admin", "luolong", "duban", "lingdao", "shuxiang"},
}
# Who may change a room they see (and so act on it).
CHANGERS = {"admin", "laocheng", "gaoxin", "luolong", "mengjin", "shuxiang"}


@pytest.fixture
def rooms(db: Any) -> dict[str, Room]:
    create_account(
        system_operator(), username="shuxiang", roles=[Role.objects.get(code="culture_office")],
        home_division=division(LUOLONG), password="x" * 12,
    )  # fmt: skip
    return {
        "xiguan": room(XIGUAN, name="矩阵西关书房"),
        "kaiyuan": room(KAIYUAN, name="矩阵开元书房"),
    }


def seen(username: str) -> set[str]:
    return {key for key, users in SEES.items() if username in users}


@pytest.mark.parametrize("username", USERS)
def test_the_room_pages_follow_the_scope(rooms: dict[str, Room], client_as: Any, username: str) -> None:
    client = client_as(username)
    response = client.get(ledgers.room.url("list"), {"q": "矩阵", "per_page": 200})
    if username not in VIEWERS:
        assert response.status_code == 403
        return
    body = response.content.decode()
    assert {key for key, row in rooms.items() if row.get_absolute_url() in body} == seen(username)
    for key, row in rooms.items():
        edit = client.get(ledgers.room.url("edit", row.pk)).status_code
        assert edit == (403 if username not in CHANGERS else 200 if key in seen(username) else 404)


@pytest.mark.parametrize("username", USERS)
def test_the_api_and_the_export_follow_the_scope(rooms: dict[str, Room], username: str) -> None:
    user = get_user_model().objects.get(username=username)
    api = APIClient()
    api.force_authenticate(user)
    answer = api.get("/api/studyrooms/rooms/", {"q": "矩阵", "page_size": 200})
    if username not in VIEWERS:
        assert answer.status_code == 403
        return
    ids = {row["id"] for row in answer.json()["results"]}
    assert {key for key, row in rooms.items() if row.pk in ids} == seen(username)
    _name, data, _count = transfer.export_to_bytes(ledgers.room, user, "q=矩阵")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    exported = {values[0] for values in sheet.iter_rows(min_row=2, values_only=True)}
    assert {key for key, row in rooms.items() if row.pk in exported} == seen(username)


@pytest.mark.parametrize("username", USERS)
def test_the_room_acts_follow_the_scope(rooms: dict[str, Room], client_as: Any, username: str) -> None:
    row = rooms["kaiyuan"]
    status = client_as(username).post(f"/studyrooms/rooms/{row.pk}/act/start/").status_code
    row.refresh_from_db()
    if username not in CHANGERS:
        assert status == 403
    elif "kaiyuan" not in seen(username):
        assert status == 404
    else:
        assert status == 302 and row.state == RoomState.STARTED
        return
    assert row.state == RoomState.PLANNED
