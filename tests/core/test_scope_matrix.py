"""The scope matrix: every demo role against rows in and out of its scope, through every way in —
list, detail, edit, delete, global search, autocomplete and file download.

The expectations are written out by hand (who sees which row, who holds which permission), not
computed from the code under test. Out-of-scope rows are absent from lists and answered 404; a
missing permission is a 403.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from heluo.core.ledger import ledger_for
from heluo.core.models import Account, Division, Grid, Role, Unit, UnitType
from heluo.core.services.accounts import create_account
from heluo.core.services.files import attach_file
from tests.testapp.models import CoopCase, GridSite, PartyRecord

EVERYONE = {
    "admin",
    "laocheng",
    "gaoxin",
    "zhujian",
    "luolong",
    "mengjin",
    "wangge",
    "duban",
    "dingdingmen",
    "beiyao",
    "wuzhuang",
    "lingdao",
    "noscope",
    "root",
}

# Who may see each row (scope: territory, predecessors, line, participation).
VISIBLE = {
    "unit_kaiyuan": {"admin", "zhujian", "luolong", "wangge", "duban", "lingdao", "root"},
    "unit_xiguan": {"admin", "laocheng", "zhujian", "duban", "lingdao", "root"},
    "unit_jili_2019": {"admin", "zhujian", "mengjin", "duban", "lingdao", "root"},
    "unit_yingzhou": {"admin", "gaoxin", "zhujian", "duban", "lingdao", "root"},
    "party_kaiyuan": {"admin", "luolong", "duban", "lingdao", "root"},
    "site_in_own_grid": {"admin", "zhujian", "luolong", "wangge", "duban", "lingdao", "root"},
    "site_xiguan": {"admin", "laocheng", "zhujian", "duban", "lingdao", "root"},
    "case_cooperating": {"admin", "laocheng", "zhujian", "duban", "dingdingmen", "lingdao", "root"},
    "case_xiguan": {"admin", "laocheng", "zhujian", "duban", "lingdao", "root"},
}

# Who holds each permission on each model (the built-in roles, written out).
PERMISSIONS = {
    Unit: {
        "view": EVERYONE,
        "change": {"admin", "laocheng", "gaoxin", "root"},
        "delete": {"admin", "laocheng", "gaoxin", "root"},
    },
    PartyRecord: {
        "view": {
            "admin",
            "laocheng",
            "gaoxin",
            "luolong",
            "mengjin",
            "duban",
            "beiyao",
            "lingdao",
            "noscope",
            "root",
        },
        "change": {"admin", "laocheng", "gaoxin", "luolong", "mengjin", "beiyao", "noscope", "root"},
        "delete": {"admin", "laocheng", "gaoxin", "beiyao", "root"},
    },
    GridSite: {
        "view": {
            "admin",
            "laocheng",
            "gaoxin",
            "zhujian",
            "luolong",
            "mengjin",
            "wangge",
            "duban",
            "lingdao",
            "noscope",
            "root",
        },
        "change": {
            "admin",
            "laocheng",
            "gaoxin",
            "zhujian",
            "luolong",
            "mengjin",
            "wangge",
            "noscope",
            "root",
        },
        "delete": {"admin", "laocheng", "gaoxin", "zhujian", "root"},
    },
    CoopCase: {
        "view": EVERYONE - {"wuzhuang"},
        "change": {
            "admin",
            "laocheng",
            "gaoxin",
            "zhujian",
            "luolong",
            "mengjin",
            "wangge",
            "duban",
            "dingdingmen",
            "noscope",
            "root",
        },
        "delete": {"admin", "laocheng", "gaoxin", "zhujian", "duban", "root"},
    },
}


@dataclass
class Row:
    key: str
    obj: models.Model
    token: str
    attachment_id: int


def _division(code: str) -> Division:
    return Division.objects.get(code=code)


@pytest.fixture
def rows(db: Any, users: dict[str, Any]) -> dict[str, Row]:
    operator = get_user_model().objects.create_superuser("root", "", "x")
    create_account(
        operator, username="noscope", roles=[Role.objects.get(code="division_staff")], password="x" * 12
    )
    government = UnitType.objects.get(code="government")
    wangge_grid = Grid.objects.get(
        pk=Account.objects.get(user__username="wangge").person.grid_memberships.first().grid_id
    )
    other_grid = Grid.objects.exclude(pk=wangge_grid.pk).filter(division__path__startswith="410302").first()
    dingdingmen_unit = Unit.objects.get(name="定鼎门社区居民委员会")

    def unit(token: str, code: str) -> Unit:
        return Unit.objects.create(name=token, unit_type=government, division=_division(code))

    made: dict[str, models.Model] = {
        "unit_kaiyuan": unit("矩阵开元路单位", "410311002000"),
        "unit_xiguan": unit("矩阵西关单位", "410302001000"),
        "unit_jili_2019": Unit.objects.get(name="吉利区人民武装部"),
        "unit_yingzhou": unit("矩阵瀛洲单位", "410371001000"),
        "party_kaiyuan": PartyRecord.objects.create(name="矩阵党建记录", division=_division("410311002000")),
        # In 关林街道 (洛龙区), outside the grid officer's street, but in their grid.
        "site_in_own_grid": GridSite.objects.create(
            name="矩阵网格工地", division=_division("410311004000"), grid=wangge_grid
        ),
        "site_xiguan": GridSite.objects.create(
            name="矩阵西关工地", division=_division("410302001000"), grid=other_grid
        ),
        "case_cooperating": CoopCase.objects.create(name="矩阵协办事项", division=_division("410302001000")),
        "case_xiguan": CoopCase.objects.create(name="矩阵西关事项", division=_division("410302001000")),
    }
    made["case_cooperating"].cooperating_units.add(dingdingmen_unit)  # type: ignore[attr-defined]
    result = {}
    for key, obj in made.items():
        upload = SimpleUploadedFile(f"{key}.txt", f"file of {key}".encode(), content_type="text/plain")
        attachment = attach_file(obj, upload, user=operator)
        result[key] = Row(key, obj, str(obj), attachment.pk)
    return result


def _client(client_as: Any, username: str) -> Any:
    return client_as(username)


def _expect(username: str, row: Row, action: str) -> int:
    """The status a page of `action` on `row` must answer for `username`."""
    if username not in PERMISSIONS[type(row.obj)][action if action != "detail" else "view"]:
        return 403
    return 200 if username in VISIBLE[row.key] else 404


@pytest.mark.parametrize("username", sorted(EVERYONE))
def test_lists_show_only_rows_in_scope(rows: dict[str, Row], client_as: Any, username: str) -> None:
    client = _client(client_as, username)
    wrong = []
    for row in rows.values():
        ledger = ledger_for(row.obj)
        response = client.get(ledger.url("list"), {"per_page": 200, "q": row.token})  # type: ignore[union-attr]
        if username not in PERMISSIONS[type(row.obj)]["view"]:
            if response.status_code != 403:
                wrong.append((row.key, response.status_code))
            continue
        shown = row.obj.get_absolute_url() in response.content.decode()  # type: ignore[attr-defined]
        if response.status_code != 200 or shown != (username in VISIBLE[row.key]):
            wrong.append((row.key, response.status_code, shown))
    assert wrong == []


@pytest.mark.parametrize("action", ["detail", "edit", "delete", "history"])
@pytest.mark.parametrize("username", sorted(EVERYONE))
def test_pages_of_one_row_refuse_out_of_scope(
    rows: dict[str, Row], client_as: Any, username: str, action: str
) -> None:
    client = _client(client_as, username)
    permission = {"detail": "view", "history": "view", "edit": "change", "delete": "delete"}[action]
    wrong = []
    for row in rows.values():
        url = ledger_for(row.obj).url(action, row.obj.pk)  # type: ignore[union-attr]
        expected = _expect(username, row, permission)
        status = client.get(url).status_code
        if status != expected:
            wrong.append((row.key, expected, status))
    assert wrong == []


@pytest.mark.parametrize("username", sorted(EVERYONE))
def test_posting_a_delete_out_of_scope_changes_nothing(
    rows: dict[str, Row], client_as: Any, username: str
) -> None:
    client = _client(client_as, username)
    wrong = []
    for row in rows.values():
        if username in VISIBLE[row.key] and username in PERMISSIONS[type(row.obj)]["delete"]:
            continue
        response = client.post(ledger_for(row.obj).url("delete", row.obj.pk))  # type: ignore[union-attr]
        if response.status_code not in {403, 404} or not type(row.obj).objects.filter(pk=row.obj.pk).exists():
            wrong.append((row.key, response.status_code))
    assert wrong == []


@pytest.mark.parametrize("username", sorted(EVERYONE))
def test_search_finds_only_rows_in_scope(rows: dict[str, Row], client_as: Any, username: str) -> None:
    client = _client(client_as, username)
    body = client.get("/core/search/", {"q": "矩阵"}).content.decode()
    wrong = []
    for row in rows.values():
        if row.key == "unit_jili_2019":
            continue  # its name has no search token
        expected = username in VISIBLE[row.key] and username in PERMISSIONS[type(row.obj)]["view"]
        if (row.obj.get_absolute_url() in body) != expected:  # type: ignore[attr-defined]
            wrong.append(row.key)
    assert wrong == []


@pytest.mark.parametrize("username", sorted(EVERYONE))
def test_autocomplete_offers_only_rows_in_scope(rows: dict[str, Row], client_as: Any, username: str) -> None:
    client = _client(client_as, username)
    wrong = []
    for row in rows.values():
        response = client.get(ledger_for(row.obj).url("autocomplete"), {"q": row.token})  # type: ignore[union-attr]
        if username not in PERMISSIONS[type(row.obj)]["view"]:
            if response.status_code != 403:
                wrong.append((row.key, response.status_code))
            continue
        ids = {item["id"] for item in json.loads(response.content)["results"]}
        if (row.obj.pk in ids) != (username in VISIBLE[row.key]):
            wrong.append((row.key, ids))
    assert wrong == []


@pytest.mark.parametrize("username", sorted(EVERYONE))
def test_file_download_follows_the_scope_of_its_row(
    rows: dict[str, Row], client_as: Any, username: str
) -> None:
    client = _client(client_as, username)
    wrong = []
    for row in rows.values():
        response = client.get(f"/core/files/{row.attachment_id}/")
        allowed = username in VISIBLE[row.key] and username in PERMISSIONS[type(row.obj)]["view"]
        expected = 200 if allowed else 404
        if response.status_code != expected:
            wrong.append((row.key, expected, response.status_code))
        elif allowed:
            assert b"".join(response.streaming_content) == f"file of {row.key}".encode()
    assert wrong == []


def test_anonymous_visitors_see_the_login_page_only(rows: dict[str, Row], client: Any) -> None:
    for row in rows.values():
        for url in (
            ledger_for(row.obj).url("list"),
            row.obj.get_absolute_url(),
            f"/core/files/{row.attachment_id}/",
        ):  # type: ignore[union-attr,attr-defined]
            response = client.get(url)
            assert response.status_code == 302 and response["Location"].startswith("/login/"), url
