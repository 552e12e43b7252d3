"""The acts on members and transfer letters through the pages and the API: the same services, the same
refusals, nothing changed on a refusal."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rest_framework.test import APIClient

from heluo.party.models import Member, MemberStatus, TransferState
from heluo.party.services.transfers import issue_transfer

from . import factories as f
from .conftest import PARTY_OFFICER

pytestmark = pytest.mark.django_db


def api(users: dict[str, Any], username: str = PARTY_OFFICER) -> APIClient:
    client = APIClient()
    client.force_authenticate(users[username])
    return client


def test_confirming_through_the_api_and_its_refusal(users) -> None:
    member = f.member(f.organisation(), status=MemberStatus.PROBATIONARY, joined_on=dt.date(2024, 7, 1))
    url = f"/api/party/members/{member.pk}/confirm/"
    early = api(users).post(url, {"on": "2025-06-30"}, format="json")
    assert early.status_code == 400 and "on" in early.json()["fields"]
    member.refresh_from_db()
    assert member.status == MemberStatus.PROBATIONARY
    done = api(users).post(url, {"on": "2025-07-01"}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "full"
    assert api(users, "laocheng").post(url, {"on": "2025-07-01"}, format="json").status_code == 403


def test_receiving_a_lapsed_letter_through_the_api_is_refused(users) -> None:
    letter = issue_transfer(
        users["admin"], f.member(f.organisation()), counterpart="外地", issued_on=dt.date(2024, 1, 10)
    )
    url = f"/api/party/transfers/{letter.pk}/receive/"
    refused = api(users).post(url, {"on": "2024-04-10"}, format="json")
    assert refused.status_code == 400, refused.json()
    assert "失效" in str(refused.json())
    received = api(users).post(url, {"on": "2024-04-09"}, format="json")
    assert received.status_code == 200 and received.json()["state"] == TransferState.RECEIVED


def test_returning_a_letter_through_the_api(users) -> None:
    letter = issue_transfer(
        users["admin"], f.member(f.organisation()), counterpart="外地", issued_on=dt.date(2024, 1, 10)
    )
    answer = api(users).post(f"/api/party/transfers/{letter.pk}/return/", {}, format="json")
    assert answer.status_code == 200 and answer.json()["state"] == TransferState.RETURNED


def test_the_pages_acts(client_as, users) -> None:
    client = client_as(PARTY_OFFICER)
    member = f.member(f.organisation(), status=MemberStatus.PROBATIONARY, joined_on=dt.date(2024, 7, 1))
    assert client.post(f"/party/members/{member.pk}/confirm/", {"on": "2025-07-01"}).status_code == 302
    member.refresh_from_db()
    assert member.status == MemberStatus.FULL
    letter = issue_transfer(users["admin"], member, counterpart="外地", issued_on=dt.date(2025, 8, 1))
    response = client.post(f"/party/transfers/{letter.pk}/receive/", {"on": "2025-12-01"}, follow=True)
    assert "2025-11-01" in response.content.decode() or "2025年11月1日" in response.content.decode()
    letter.refresh_from_db()
    assert letter.state == TransferState.ISSUED
    assert client.post(f"/party/transfers/{letter.pk}/receive/", {"on": "2025-10-31"}).status_code == 302
    assert not Member.objects.get(pk=member.pk).is_current
    assert client_as("laocheng").post(f"/party/transfers/{letter.pk}/return/").status_code == 403
