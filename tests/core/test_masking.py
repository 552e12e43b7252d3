"""Document numbers: stored in full, shown masked to every role without the right — in every response."""

from __future__ import annotations

from typing import Any

import pytest

from heluo.core.identifiers import mask
from heluo.core.models import Division, Person, SensitiveAccess

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
    assert not SensitiveAccess.objects.filter(user__username=username).exists()


def test_a_role_with_the_right_sees_it_and_every_showing_is_logged(person: Person, client_as: Any) -> None:
    client = client_as("wuzhuang")  # militia officer of 瀍河回族区: may see document numbers
    body = client.get(f"/core/people/{person.pk}/").content.decode()
    assert person.id_number in body
    log = SensitiveAccess.objects.get(user__username="wuzhuang")
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
