"""Militia rows are sensitive by design: only the militia roles see them, each in its division; every other
user — the city administrator, leaders, district administrators, a superuser, the system operator — is
refused with 403 on every page and the API, finds nothing in search and gets no message about them. The
register pages say what must never be entered; exports say who took them; views of a record are logged."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from rest_framework.test import APIClient

from heluo.core.models import AccessEvent, AccessKind, Notification
from heluo.core.services import transfer
from heluo.core.services.accounts import system_operator
from heluo.core.services.notifications import notify
from heluo.militia import ledgers

from . import factories as f
from .conftest import CHANHE_OFFICER, CITY_OFFICER

OUTSIDERS = ["admin", "lingdao", "laocheng", "duban", "luolong", "beiyao", "root", "system"]
PAGES = ["list", "add", "export", "import", "template", "autocomplete"]
ROW_PAGES = ["detail", "edit", "delete", "history"]


@pytest.fixture
def client_of(db: Any, client_as: Any) -> Any:
    get_user_model().objects.create_superuser("root", "", "x")

    def make(username: str) -> Client:
        if username == "root":
            client = Client()
            client.force_login(get_user_model().objects.get(username="root"))
            return client
        if username == "system":
            client = Client()
            client.force_login(system_operator())
            return client
        return client_as(username)

    return make


def _user(username: str) -> Any:
    return system_operator() if username == "system" else get_user_model().objects.get(username=username)


@pytest.mark.parametrize("username", OUTSIDERS)
def test_every_militia_page_and_the_api_refuse_everyone_but_the_militia_roles(
    client_of: Any, username: str
) -> None:
    member = f.member(unit=f.unit())
    client = client_of(username)
    wrong = []
    for ledger in (ledgers.militia_member, ledgers.militia_unit, ledgers.armed_forces_department,
                   ledgers.unit_category, ledgers.unit_move, ledgers.eligibility_limits):  # fmt: skip
        for action in PAGES:
            if client.get(ledger.url(action)).status_code != 403:
                wrong.append((ledger.label, action))
    for action in ROW_PAGES:
        if client.get(ledgers.militia_member.url(action, member.pk)).status_code != 403:
            wrong.append(("member", action))
    api = APIClient()
    api.force_authenticate(_user(username))
    for url in ("/api/militia/members/", f"/api/militia/members/{member.pk}/", "/api/militia/units/"):
        if api.get(url).status_code != 403:
            wrong.append(url)
    if api.post("/api/militia/members/", {"name": "x"}, format="json").status_code != 403:
        wrong.append("api post")
    assert wrong == []


@pytest.mark.parametrize("username", OUTSIDERS)
def test_global_search_finds_no_militia_row_for_others(client_of: Any, username: str) -> None:
    member = f.member(name="敏感搜索民兵", unit=f.unit(name="敏感搜索分队"))
    body = client_of(username).get("/core/search/", {"q": "敏感搜索"}).content.decode()
    assert member.get_absolute_url() not in body and member.unit.get_absolute_url() not in body


def test_the_militia_officers_see_their_division_and_the_city_officer_all(client_as: Any) -> None:
    chanhe, laocheng = f.member(name="瀍河范围民兵"), f.member(f.LAOCHENG, name="老城范围民兵")
    for username, seen in ((CHANHE_OFFICER, {chanhe}), (CITY_OFFICER, {chanhe, laocheng})):
        body = client_as(username).get("/militia/members/", {"q": "范围民兵"}).content.decode()
        assert {m for m in (chanhe, laocheng) if m.get_absolute_url() in body} == seen
        body = client_as(username).get("/core/search/", {"q": "范围民兵"}).content.decode()
        assert {m for m in (chanhe, laocheng) if m.get_absolute_url() in body} == seen
    assert client_as(CHANHE_OFFICER).get(laocheng.get_absolute_url()).status_code == 404


def test_a_message_about_a_militia_row_reaches_only_the_militia_roles_of_its_division(
    users: dict[str, Any], client_as: Any
) -> None:
    unit = f.unit(name="通知测试分队")
    recipients = [users[name] for name in ("admin", "lingdao", "laocheng", CHANHE_OFFICER, CITY_OFFICER)]
    notify(recipients, title="通知测试分队人数不足", link=unit.get_absolute_url(), about=unit)
    reached = set(
        Notification.objects.filter(title="通知测试分队人数不足").values_list(
            "recipient__username", flat=True
        )
    )
    assert reached == {CHANHE_OFFICER, CITY_OFFICER}
    assert client_as("admin").get(unit.get_absolute_url()).status_code == 403


def _says_what_must_never_be_entered(body: str) -> bool:
    return 'data-testid="classified-notice"' in body and all(
        words in body for words in ("涉密", "武器存放位置", "部署", "战时任务")
    )


def test_every_page_that_registers_militia_data_says_what_must_never_be_entered(client_as: Any) -> None:
    from heluo.core.ledger import LEDGERS

    client = client_as(CITY_OFFICER)
    silent = [
        (label, action)
        for label, ledger in LEDGERS.items()
        if label.startswith("militia.")
        for action in ("add", "import")
        if not _says_what_must_never_be_entered(client.get(ledger.url(action)).content.decode())
    ]
    assert silent == []


def test_the_edit_pages_say_it_too(client_as: Any) -> None:
    member = f.member()
    for ledger, row in ((ledgers.militia_member, member), (ledgers.militia_unit, f.unit())):
        body = client_as(CHANHE_OFFICER).get(ledger.url("edit", row.pk)).content.decode()
        assert _says_what_must_never_be_entered(body)


def test_every_export_of_militia_rows_says_who_took_it_and_when(users: dict[str, Any]) -> None:
    f.member(unit=f.unit())
    for ledger in (ledgers.militia_member, ledgers.militia_unit, ledgers.armed_forces_department):
        _name, data, count = transfer.export_to_bytes(ledger, users[CITY_OFFICER])
        assert count >= 1
        archive = zipfile.ZipFile(io.BytesIO(data))
        assert any(name.startswith("xl/media/") and name.endswith(".png") for name in archive.namelist())
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        assert "<oddHeader>" in sheet and "junfenqu" in sheet and "洛阳军分区参谋" in sheet
        properties = archive.read("docProps/core.xml").decode()
        assert "junfenqu" in properties and "洛阳军分区参谋" in properties


def test_every_view_of_a_member_record_is_in_the_access_log(client_as: Any) -> None:
    member = f.member(name="日志测试民兵")
    client = client_as(CHANHE_OFFICER)
    assert client.get(member.get_absolute_url()).status_code == 200
    assert client.get("/militia/members/", {"q": "日志测试民兵"}).status_code == 200
    events = AccessEvent.objects.filter(
        user__username=CHANHE_OFFICER,
        kind__in=[AccessKind.VIEW, AccessKind.VIEW_IN_FULL],
        content_type__model="militiamember",
    )
    assert [event.object_ids for event in events.order_by("pk")] == [[member.pk], [member.pk]]


def test_the_callers_own_description_names_militia_only_for_a_militia_role(client_of: Any) -> None:
    for username, opens in (("root", False), ("admin", False), ("lingdao", False), (CITY_OFFICER, True)):
        api = APIClient()
        api.force_authenticate(_user(username))
        assert ("militia" in api.get("/api/me/").json()["modules"]) is opens, username


def test_a_shortfall_case_is_handled_by_the_militia_officer_and_hidden_from_everyone_else(
    client_of: Any, users: dict[str, Any]
) -> None:
    from heluo.cases.models import Case
    from heluo.cases.services.scan import scan
    from heluo.militia.services import reorganisation as shares

    from . import factories_b as b

    reorg = b.reorganisation(b.CHANHE)
    b.members(b.unit(b.CHANHE), 5)
    shares.check_new_type_share(reorg)
    case = Case.objects.get(source_kind=shares.SOURCE_KIND)
    assert case.handler is not None and case.handler.user.username == CHANHE_OFFICER
    assert client_of(CHANHE_OFFICER).get(case.get_absolute_url()).status_code == 200
    assert case.number in client_of(CITY_OFFICER).get("/cases/cases/").content.decode()
    seen = []
    # Not "system": the engine's account (no one logs in as it) registers, assigns and scans every case.
    for username in (name for name in OUTSIDERS if name != "system"):
        client = client_of(username)
        if client.get(case.get_absolute_url()).status_code not in (403, 404):
            seen.append((username, "detail"))
        for url in ("/cases/cases/", "/cases/overdue/", f"/core/search/?q={case.number}"):
            if case.get_absolute_url() in client.get(url).content.decode():
                seen.append((username, url))
        api = APIClient()
        api.force_authenticate(_user(username))
        if case.number in api.get("/api/cases/cases/").content.decode():
            seen.append((username, "api"))
    assert seen == []
    scan(now=case.due_at + dt.timedelta(days=3))
    told = set(
        Notification.objects.filter(key__startswith="cases.").values_list("recipient__username", flat=True)
    )
    assert told and told <= {CHANHE_OFFICER, CITY_OFFICER}


def test_the_figures_page_offers_the_militia_aggregates_to_the_militia_roles_only(client_of: Any) -> None:
    shown = {
        username: "集结点验到点率" in client_of(username).get("/core/figures/").content.decode()
        for username in (CITY_OFFICER, CHANHE_OFFICER, *OUTSIDERS)
    }
    assert shown == {username: username in (CITY_OFFICER, CHANHE_OFFICER) for username in shown}


def test_every_list_of_names_is_in_the_access_log_too(client_as: Any) -> None:
    from heluo.militia.models import TrainingAttendance, UnitMove

    from . import factories_c as c

    unit = f.unit(name="名单日志分队")
    member = f.member(unit=unit, name="名单日志民兵")
    move = UnitMove.objects.create(member=member, direction="in", to_unit=unit, moved_on=member.joined_on)
    session = c.session(unit)
    attended = TrainingAttendance.objects.create(session=session, member=member, present=True)
    client = client_as(CHANHE_OFFICER)
    pages = {
        "militiamember": [unit.get_absolute_url(), "/core/search/?q=名单日志民兵"],
        "unitmove": [member.get_absolute_url()],
        "trainingattendance": [session.get_absolute_url()],
    }
    ids = {"militiamember": member.pk, "unitmove": move.pk, "trainingattendance": attended.pk}
    for model, urls in pages.items():
        for url in urls:
            before = AccessEvent.objects.filter(content_type__model=model).count()
            assert client.get(url).status_code == 200
            logged = AccessEvent.objects.filter(content_type__model=model).order_by("pk")[before:]
            assert any(ids[model] in event.object_ids for event in logged), (model, url)
