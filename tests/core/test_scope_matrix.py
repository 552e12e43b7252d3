"""The scope matrix: every demo role against rows in and out of its scope, through every way in —
list, detail, edit, delete, global search, autocomplete and file download.

The expectations are written out by hand (who sees which row, who holds which permission), not
computed from the code under test. Out-of-scope rows are absent from lists and answered 404; a
missing permission is a 403.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from heluo.core.ledger import ledger_for
from heluo.core.models import Account, Division, Grid, Role, Unit, UnitType
from heluo.core.services.accounts import create_account
from heluo.core.services.files import attach_file
from heluo.militia.models import ArmedForcesDepartment, MilitiaMember, MilitiaUnit, UnitCategory
from heluo.party.models import (
    Alliance,
    DuesPayment,
    Meeting,
    Member,
    PartyOrganisation,
    PointsEntry,
    PointsRule,
    VillageMatter,
)
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
    "junfenqu",
    "lingdao",
    "fuwuguan",
    "noscope",
    "root",
}

# Who may see each row (scope: territory, predecessors, line, participation).
VISIBLE = {
    "unit_kaiyuan": {"admin", "zhujian", "luolong", "wangge", "duban", "lingdao", "junfenqu", "root"},
    "unit_xiguan": {"admin", "laocheng", "zhujian", "duban", "lingdao", "fuwuguan", "junfenqu", "root"},
    "unit_jili_2019": {"admin", "zhujian", "mengjin", "duban", "lingdao", "junfenqu", "root"},
    "unit_yingzhou": {"admin", "gaoxin", "zhujian", "duban", "lingdao", "junfenqu", "root"},
    "party_kaiyuan": {"admin", "luolong", "duban", "lingdao", "root"},
    # heluo.party: an organisation of 开元路街道 and a member on its roll (the same territory; who may
    # open the member is a matter of permission: PERMISSIONS[Member]).
    "partyorg_kaiyuan": {"admin", "luolong", "duban", "lingdao", "root"},
    "member_kaiyuan": {"admin", "luolong", "duban", "lingdao", "root"},
    # The organisation's meetings, dues, points, alliance and village matter follow its division.
    "meeting_kaiyuan": {"admin", "luolong", "duban", "lingdao", "root"},
    "dues_kaiyuan": {"admin", "luolong", "duban", "lingdao", "root"},
    "points_kaiyuan": {"admin", "luolong", "duban", "lingdao", "root"},
    "alliance_kaiyuan": {"admin", "luolong", "duban", "lingdao", "root"},
    "matter_kaiyuan": {"admin", "luolong", "duban", "lingdao", "root"},
    "site_in_own_grid": {"admin", "zhujian", "luolong", "wangge", "duban", "lingdao", "root"},
    "site_xiguan": {"admin", "laocheng", "zhujian", "duban", "lingdao", "root"},
    "case_cooperating": {
        "admin",
        "laocheng",
        "zhujian",
        "duban",
        "dingdingmen",
        "lingdao",
        "fuwuguan",
        "junfenqu",
        "root",
    },
    "case_xiguan": {"admin", "laocheng", "zhujian", "duban", "lingdao", "fuwuguan", "junfenqu", "root"},
    # heluo.militia: sensitive by design. Only the militia officers see its rows, each in its division
    # (wuzhuang 瀍河区, junfenqu the city); nobody else, the city administrator, the leader and the
    # superuser included (PERMISSIONS: 403 on every page, API and export).
    "militiaunit_chanhe": {"wuzhuang", "junfenqu"},
    "militiamember_chanhe": {"wuzhuang", "junfenqu"},
    "militiamember_laocheng": {"junfenqu"},
}
MILITIA_OFFICERS = {"wuzhuang", "junfenqu"}

# Party rows other than member records: every party-module role reads them; district / street staff add
# and change; the district administrators and the party secretary delete.
PARTY_ROWS = {
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
}
PARTY_MEMBER_RECORDS = {
    "view": {"admin", "beiyao", "root"},
    "change": {"admin", "beiyao", "root"},
    "delete": {"admin", "beiyao", "root"},
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
    PartyOrganisation: PARTY_ROWS,
    Meeting: PARTY_ROWS,
    Alliance: PARTY_ROWS,
    VillageMatter: PARTY_ROWS,
    # Member records (the roll, dues, points): the party roles and the city administrator only; the
    # others see counts.
    Member: PARTY_MEMBER_RECORDS,
    DuesPayment: PARTY_MEMBER_RECORDS,
    PointsEntry: PARTY_MEMBER_RECORDS,
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
        "view": EVERYONE,
        "change": {
            "wuzhuang",
            "junfenqu",
            "admin",
            "laocheng",
            "gaoxin",
            "zhujian",
            "luolong",
            "mengjin",
            "wangge",
            "duban",
            "dingdingmen",
            "fuwuguan",
            "noscope",
            "root",
        },
        "delete": {"admin", "laocheng", "gaoxin", "zhujian", "duban", "root"},
    },
    MilitiaUnit: {"view": MILITIA_OFFICERS, "change": MILITIA_OFFICERS, "delete": MILITIA_OFFICERS},
    MilitiaMember: {"view": MILITIA_OFFICERS, "change": MILITIA_OFFICERS, "delete": MILITIA_OFFICERS},
}


# What a row's list search finds it by, where its name is not the whole of it.
TOKENS = {"meeting_kaiyuan": "矩阵主题党日", "dues_kaiyuan": "矩阵党员", "points_kaiyuan": "矩阵积分"}


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
        "partyorg_kaiyuan": PartyOrganisation.objects.create(
            name="矩阵党支部", kind="branch", field="community", division=_division("410311002000")
        ),
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
    made["member_kaiyuan"] = Member.objects.create(
        organisation=made["partyorg_kaiyuan"],
        name="矩阵党员",
        status="probationary",
        joined_on=dt.date(2025, 7, 1),
        monthly_income=Decimal("200.00"),  # dues of 1.00 a month (0.5 %)
    )
    organisation, member = made["partyorg_kaiyuan"], made["member_kaiyuan"]
    made["meeting_kaiyuan"] = Meeting.objects.create(
        organisation=organisation, kind="theme_day", held_on=dt.date(2026, 11, 1), topic="矩阵主题党日"
    )
    made["dues_kaiyuan"] = DuesPayment.objects.create(
        member=member, month=dt.date(2026, 11, 1), amount=Decimal("1.00"), paid_on=dt.date(2026, 11, 5),
        paid_by=member, recorded_by=operator,
    )  # fmt: skip
    made["points_kaiyuan"] = PointsEntry.objects.create(
        member=member, year=2026, rule=PointsRule.objects.get(code="volunteer_task"), points=Decimal("3"),
        reason="矩阵积分", approved_by="支部委员会", recorded_by=operator,
    )  # fmt: skip
    made["alliance_kaiyuan"] = Alliance.objects.create(name="矩阵党建联盟", organisation=organisation)
    made["matter_kaiyuan"] = VillageMatter.objects.create(organisation=organisation, title="矩阵村级事项")
    department = ArmedForcesDepartment.objects.create(
        name="矩阵瀍河人武部", kind="county", division=_division("410304000000")
    )
    made["militiaunit_chanhe"] = MilitiaUnit.objects.create(
        name="矩阵瀍河民兵分队", department=department, division=_division("410304000000"), level="squad",
        category=UnitCategory.objects.get(code="emergency"), target_strength=10,
    )  # fmt: skip
    for key, code, name in (("militiamember_chanhe", "410304004000", "矩阵瀍河民兵"),
                            ("militiamember_laocheng", "410302001000", "矩阵老城民兵")):  # fmt: skip
        made[key] = MilitiaMember.objects.create(
            name=name, birth_date=dt.date(2000, 5, 1), division=_division(code), member_class="primary",
            joined_on=dt.date(2024, 3, 1),
        )  # fmt: skip
    made["case_cooperating"].cooperating_units.add(dingdingmen_unit)  # type: ignore[attr-defined]
    result = {}
    for key, obj in made.items():
        upload = SimpleUploadedFile(f"{key}.txt", f"file of {key}".encode(), content_type="text/plain")
        attachment = attach_file(obj, upload, user=operator)
        result[key] = Row(key, obj, TOKENS.get(key, str(obj)), attachment.pk)
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
        ledger = ledger_for(row.obj)
        if action == "delete" and not ledger.deletable:  # type: ignore[union-attr]
            continue  # a ledger that keeps its rows (meetings) has no delete page for anyone
        url = ledger.url(action, row.obj.pk)  # type: ignore[union-attr]
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
        if not ledger_for(row.obj).deletable:  # type: ignore[union-attr]
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


# --- side channels: what a refusal, a filter or a log says about rows out of scope -----------------

HOLDER_NAME = "矩阵西关证件人"


@pytest.fixture
def holder(db: Any) -> Any:
    """A person of 西关街道 (老城区) with a resident ID: seen by the same users as unit_xiguan."""
    from heluo.core.identifiers import id_check_char
    from heluo.core.models import Person

    first17 = "41030219800101123"
    return Person.objects.create(
        name=HOLDER_NAME, id_type="resident_id", id_number=first17 + id_check_char(first17),
        division=_division("410302001000"),
    )  # fmt: skip


def _may_add_people(user: Any) -> bool:
    from heluo.core.models import Person
    from heluo.core.scope import may

    return may(user, "add", Person)


@pytest.mark.parametrize("username", sorted(EVERYONE - {"root", "noscope"}))
def test_a_uniqueness_refusal_names_no_record_outside_the_scope(
    holder: Any, client_as: Any, users: dict[str, Any], username: str
) -> None:
    from rest_framework.test import APIClient

    from heluo.core.ledgers import person
    from heluo.core.services.imports import plan_import
    from heluo.core.tabular.reading import Table

    user = users[username]
    if not _may_add_people(user):
        return
    sees = username in VISIBLE["unit_xiguan"]
    home = Account.objects.get(user=user).home_division or _division("410302001000")
    headers = ["姓名", "证件类型", "证件号码", "行政区划"]
    plan = plan_import(
        person, Table(headers, [(2, ["新人", "居民身份证", holder.id_number, home.code])]), user
    )
    messages = [e.message for e in plan.errors]
    assert len(messages) == 1 and (HOLDER_NAME in messages[0]) == sees, messages
    api = APIClient()
    api.force_authenticate(user)
    answer = api.post("/api/core/people/", {"name": "新人", "id_type": "resident_id",
                                            "id_number": holder.id_number, "division": home.pk}, format="json")  # fmt: skip
    assert answer.status_code == 400
    assert (HOLDER_NAME in answer.content.decode()) == sees


def test_uniqueness_refusals_outside_the_scope_lock_the_user_out(
    holder: Any, users: dict[str, Any], settings: Any
) -> None:
    from heluo.core.identifiers import id_check_char
    from heluo.core.ledgers import person
    from heluo.core.models import Person
    from heluo.core.services.imports import plan_import
    from heluo.core.tabular.reading import Table

    settings.UNIQUE_REFUSALS_PER_HOUR = 3
    numbers = []
    for serial in range(5):
        first17 = f"41030219800101{serial:03d}"
        numbers.append(first17 + id_check_char(first17))
        Person.objects.create(name=f"矩阵他区{serial}", id_type="resident_id", id_number=numbers[-1],
                              division=_division("410302001000"))  # fmt: skip
    headers = ["姓名", "证件类型", "证件号码", "行政区划"]
    rows = [(n + 2, [f"新人{n}", "居民身份证", number, "410311002000"]) for n, number in enumerate(numbers)]
    # A file with more such values than the limit is refused whole, naming none of them.
    plan = plan_import(person, Table(headers, rows), users["luolong"])
    assert len(plan.errors) == 1 and plan.errors[0].row == 0
    assert not any(number in plan.errors[0].message for number in numbers)
    # From then on even a free value is not checked: the answer says nothing of any value.
    free = "41031119900101002"
    free += id_check_char(free)
    plan = plan_import(
        person, Table(headers, [(2, ["新人", "居民身份证", free, "410311002000"])]), users["luolong"]
    )
    assert [e.row for e in plan.errors] == [0]
    # Another user is not locked.
    plan = plan_import(
        person, Table(headers, [(2, ["新人", "居民身份证", free, "410302001000"])]), users["laocheng"]
    )
    assert plan.ok


@pytest.mark.parametrize("username", sorted(EVERYONE - {"root", "noscope"}))
def test_division_filters_offer_only_divisions_in_scope(
    rows: dict[str, Row], client_as: Any, username: str
) -> None:
    """The alarm list's division filter (not a ledger's filter set) as the ledgers' do."""
    response = client_as(username).get("/monitoring/alarms/")
    if response.status_code == 403:
        return
    offered = set(response.context["filter"].form.fields["division"].queryset.values_list("code", flat=True))
    for key in ("unit_kaiyuan", "unit_xiguan", "unit_yingzhou"):
        division = rows[key].obj.division.code  # type: ignore[attr-defined]
        territory = username in VISIBLE[key] and not (username == "wangge" and key != "unit_kaiyuan")
        assert (division in offered) == territory, (key, division)
    if username not in {"admin", "zhujian", "duban", "lingdao"}:
        assert len(offered) < 1000


@pytest.mark.parametrize("username", sorted(EVERYONE - {"root", "noscope"}))
def test_the_log_of_an_mn_follows_its_monitor_once_registered(
    rows: dict[str, Row], client_as: Any, username: str
) -> None:
    from django.utils import timezone

    from heluo.monitoring.models import MessageLog, UnknownDevice
    from tests.monitoring.factories import monitor

    now = timezone.now()
    UnknownDevice.objects.create(mn="MATRIXMN01", first_seen=now, last_seen=now, count=1)
    MessageLog.objects.create(
        at=now, mn="MATRIXMN01", direction="refused", reason="unknown_mn", text="矩阵未登记报文"
    )
    client = client_as(username)
    before = client.get("/monitoring/log/", {"mn": "MATRIXMN01"})
    monitor("410302001000", mn="MATRIXMN01")  # registered in 西关街道
    after = client.get("/monitoring/log/", {"mn": "MATRIXMN01"})
    if after.status_code == 403:
        return
    assert ("矩阵未登记报文" in after.content.decode()) == (username in VISIBLE["unit_xiguan"])
    assert before.status_code == 200
