"""Who sees rosters: member records go to the party roles of the tree and the organisation department;
a district administrator sees the organisation and its counts, never a member."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from heluo.core.models import AccessEvent, Division, Role
from heluo.core.services.accounts import create_account, system_operator
from heluo.party import ledgers_org as ledgers
from heluo.party.models import Member, MemberStatus, OrganisationKind

from . import factories as f
from .conftest import PARTY_OFFICER

pytestmark = pytest.mark.django_db


@pytest.fixture
def branch() -> Any:
    branch = f.organisation(f.XIGUAN, name="西关测试党支部")
    f.members(branch, 4, phone="13900000000")
    f.member(branch, status=MemberStatus.PROBATIONARY, name="预备党员甲")
    f.member(
        branch,
        is_mobile=True,
        mobile_location="浙江省杭州市",
        mobile_contact="13700000000",
        name="流动党员乙",
    )
    return branch


def test_a_district_admin_sees_the_counts_but_no_member(branch, client_as) -> None:
    client = client_as("laocheng")
    page = client.get(branch.get_absolute_url())
    assert page.status_code == 200
    body = page.content.decode()
    assert 'data-testid="count-full">5<' in body and 'data-testid="count-probationary">1<' in body
    assert 'data-testid="count-vote">5<' in body and 'data-testid="count-mobile">1<' in body
    assert "预备党员甲" not in body and "流动党员乙" not in body
    member = Member.objects.get(name="流动党员乙")
    assert client.get(ledgers.member.url("detail", member.pk)).status_code == 403
    assert client.get(ledgers.member.url("list")).status_code == 403
    assert client.get(ledgers.member.url("export")).status_code == 403
    assert client.get(ledgers.transfer.url("list")).status_code == 403
    assert client.get("/party/members/mobile/").status_code == 403
    assert client.get(f"/api/party/members/{member.pk}/").status_code in {401, 403}


@pytest.mark.parametrize("username", ["luolong", "duban", "lingdao"])
def test_staff_supervisors_and_leaders_do_not_open_members(branch, client_as, username: str) -> None:
    member = Member.objects.get(name="流动党员乙")
    assert client_as(username).get(ledgers.member.url("detail", member.pk)).status_code == 403


def test_the_organisation_department_opens_members_logged_and_masked(branch, client_as) -> None:
    member = Member.objects.get(name="流动党员乙")
    member.id_number = "410302198001011234"
    member.save()
    client = client_as(PARTY_OFFICER)
    before = AccessEvent.objects.filter(user__username=PARTY_OFFICER).count()
    body = client.get(ledgers.member.url("detail", member.pk)).content.decode()
    assert "流动党员乙" in body and "410302198001011234" not in body
    logged = AccessEvent.objects.filter(user__username=PARTY_OFFICER).order_by("pk")
    assert logged.count() == before + 1 and logged.last().object_ids == [member.pk]
    mobile = client.get("/party/members/mobile/").content.decode()
    assert "浙江省杭州市" in mobile


def test_a_secretary_sees_the_tree_below_their_post(client_as) -> None:
    top = f.organisation(f.KAIYUAN, kind=OrganisationKind.COMMITTEE, name="开元测试党委")
    below = f.organisation(f.KAIYUAN, parent=top, name="开元测试第一支部")
    elsewhere = f.organisation(f.KAIYUAN, name="开元测试别的支部")
    person = f.person(f.KAIYUAN)
    f.post(top, f.member(top, person=person), start=dt.date(2024, 1, 1))
    seen = f.member(below, name="树内党员")
    unseen = f.member(elsewhere, name="树外党员")
    create_account(
        system_operator(), username="party_test_secretary", roles=[Role.objects.get(code="party_secretary")],
        home_division=Division.objects.get(code="410304004000"), person=person, password="x" * 12,
    )  # fmt: skip
    client = Client()
    client.force_login(get_user_model().objects.get(username="party_test_secretary"))
    assert client.get(ledgers.member.url("detail", seen.pk)).status_code == 200
    assert client.get(ledgers.member.url("detail", unseen.pk)).status_code == 404
    assert client.get(below.get_absolute_url()).status_code == 200
    assert client.get(elsewhere.get_absolute_url()).status_code == 404


def test_who_attended_or_studied_is_a_roster_the_district_admin_sees_only_counted(branch, client_as) -> None:
    from .factories_b import meeting, presence, study_record, study_session
    from .factories_d import activity, alliance

    roll = list(branch.members.all())
    session = study_session(branch)
    for who in roll[:3]:
        study_record(session, who)
    held = meeting(branch, attendance=presence(on_site=roll))
    joint = activity(alliance(f.XIGUAN, lead=branch))
    named = roll[0].name
    admin, officer = client_as("laocheng"), client_as(PARTY_OFFICER)

    page = admin.get(session.get_absolute_url()).content.decode()
    assert 'data-testid="study-record-count">3<' in page and named not in page
    assert named in officer.get(session.get_absolute_url()).content.decode()
    assert admin.get(f"/party/organisations/{branch.pk}/study-hours/").status_code == 403
    assert admin.get(joint.get_absolute_url()).status_code == 200
    assert admin.get(reverse("party:activityparticipant_list")).status_code == 403

    api = APIClient()
    api.force_authenticate(get_user_model().objects.get(username="laocheng"))
    shown = api.get(f"/api/party/meetings/{held.pk}/").json()
    assert "attendances" not in shown and shown["present"] == held.present > 0
    api.force_authenticate(get_user_model().objects.get(username=PARTY_OFFICER))
    assert len(api.get(f"/api/party/meetings/{held.pk}/").json()["attendances"]) == len(roll)
