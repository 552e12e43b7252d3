"""Document numbers: stored in full, shown masked to every role without the right — in every response."""

from __future__ import annotations

from typing import Any

import pytest

from heluo.core.identifiers import mask
from heluo.core.models import AccessEvent, AccessKind, Division, Person
from tests.conftest import login

NUMBER = "41030419800101001X"  # valid check character; 瀍河回族区 area code


@pytest.fixture
def person(db: Any) -> Person:
    from heluo.core.identifiers import id_check_char

    number = NUMBER[:17] + id_check_char(NUMBER[:17])
    return Person.objects.create(
        name="掩码测试人",
        id_type="resident_id",
        id_number=number,
        division=Division.objects.get(code="410304004000"),
    )


def _pages(person: Person) -> list[str]:
    pk = person.pk
    return [
        f"/core/people/?q={person.name}",
        f"/core/people/{pk}/",
        f"/core/people/{pk}/history/",
        f"/core/people/{pk}/edit/",
        f"/core/people/autocomplete/?q={person.name}",
        f"/core/search/?q={person.name}",
    ]


WITHOUT_THE_RIGHT = [
    "admin", "laocheng", "gaoxin", "zhujian", "luolong", "mengjin", "wangge", "duban", "dingdingmen", "beiyao", "lingdao",
]  # fmt: skip


@pytest.mark.parametrize("username", WITHOUT_THE_RIGHT)
def test_roles_without_the_right_never_receive_the_full_number(
    person: Person, client_as: Any, username: str
) -> None:
    client = client_as(username)
    for url in _pages(person):
        body = client.get(url).content.decode()
        assert person.id_number not in body, url
    assert not AccessEvent.objects.filter(user__username=username, kind=AccessKind.VIEW_IN_FULL).exists()


def test_a_role_with_the_right_sees_it_and_every_showing_is_logged(person: Person, client_as: Any) -> None:
    client = client_as("wuzhuang")  # militia officer of 瀍河回族区: may see document numbers
    body = client.get(f"/core/people/{person.pk}/").content.decode()
    assert person.id_number in body
    log = AccessEvent.objects.get(user__username="wuzhuang", kind=AccessKind.VIEW_IN_FULL)
    assert log.object_ids == [person.pk] and log.context == f"/core/people/{person.pk}/"


def test_masked_value_shows_the_mask_to_the_viewer(person: Person, client_as: Any) -> None:
    body = client_as("beiyao").get(f"/core/people/{person.pk}/").content.decode()
    assert mask(person.id_number) in body


def test_submitting_the_mask_unchanged_keeps_the_stored_number(
    person: Person, client_as: Any, users: Any
) -> None:
    # beiyao may not edit people; give the street's staff the form instead.
    from heluo.core.models import Role
    from heluo.core.services.accounts import create_account

    create_account(
        users["admin"],
        username="beiyao-staff",
        roles=[Role.objects.get(code="district_admin")],
        home_division=person.division,
        password="x" * 12,
    )
    client = client_as("beiyao-staff")
    form = client.get(f"/core/people/{person.pk}/edit/").content.decode()
    assert mask(person.id_number) in form and person.id_number not in form
    response = client.post(
        f"/core/people/{person.pk}/edit/",
        {
            "name": "掩码测试人改",
            "id_type": "resident_id",
            "id_number": mask(person.id_number),
            "division": person.division_id,
        },
    )
    assert response.status_code == 302
    stored = person.id_number
    person.refresh_from_db()
    assert person.id_number == stored and person.name == "掩码测试人改"


def test_an_export_of_a_sensitive_ledger_says_who_exported_it(users: Any) -> None:
    """A visible watermark: the sheet's background and its printed header name the user and the time."""
    import io
    import zipfile

    from heluo.core import ledgers
    from heluo.core.services import transfer

    _name, data, _count = transfer.export_to_bytes(ledgers.person, users["laocheng"])
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert any(name.startswith("xl/media/") and name.endswith(".png") for name in archive.namelist())
    sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<oddHeader>" in sheet and "laocheng" in sheet
    _name, plain, _count = transfer.export_to_bytes(ledgers.unit, users["laocheng"])
    assert not any(name.startswith("xl/media/") for name in zipfile.ZipFile(io.BytesIO(plain)).namelist())


def test_every_export_is_in_the_access_log_with_its_row_count(users: Any) -> None:
    from heluo.core import ledgers
    from heluo.core.services import transfer

    _name, _data, count = transfer.export_to_bytes(ledgers.unit, users["laocheng"], "q=洛阳")
    event = AccessEvent.objects.get(user__username="laocheng", kind=AccessKind.EXPORT)
    assert event.count == count > 0 and event.content_type.model == "unit" and "q=洛阳" in event.context
    assert event.object_ids == []  # units are not sensitive: the count says enough


def test_every_view_of_a_logged_record_is_in_the_access_log(users: Any) -> None:
    """Records whose every view is logged (party members, militia rosters): the page and the list each
    leave an access event naming the rows shown."""

    from tests.testapp.models import PartyRecord

    record = PartyRecord.objects.create(
        name="访问日志测试党员", division=Division.objects.get(code="410304004000")
    )
    client = login("beiyao")
    assert client.get(record.get_absolute_url()).status_code == 200
    assert client.get("/testapp/partyrecords/", {"q": record.name}).status_code == 200
    events = AccessEvent.objects.filter(user__username="beiyao", kind=AccessKind.VIEW)
    assert [event.object_ids for event in events.order_by("pk")] == [[record.pk], [record.pk]]
