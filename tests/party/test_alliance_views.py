"""The alliance's own pages and acts: matching from its page, accepting and rejecting (page and API),
the stale-list flags, and a participant's hours reaching the points ledger and leaving it again."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from rest_framework.test import APIClient

from heluo.party.models import (
    ActivityParticipant,
    Alliance,
    Match,
    MatchState,
    NeedState,
    PointsEntry,
    Resource,
)
from heluo.party.services import alliance as services

from .factories import KAIYUAN, XIGUAN, member, organisation
from .factories_d import activity, alliance, need, resource

pytestmark = pytest.mark.django_db


def test_matching_and_accepting_from_the_alliance_page(client_as: Any) -> None:
    red = alliance(XIGUAN)
    clinic = resource(red, capacity=30, title="家庭医生签约服务")
    wanted = need(red, size=12, title="高龄老人健康体检")
    client = client_as("laocheng")
    assert client.post(f"/party/alliances/{red.pk}/propose/").status_code == 302
    match = Match.objects.get(need=wanted, resource=clinic)
    page = client.get(red.get_absolute_url()).content.decode()
    assert "高龄老人健康体检" in page and f'data-testid="accept-{match.pk}"' in page
    response = client.post(f"/party/matches/{match.pk}/accept/decide/", {"next": red.get_absolute_url()})
    assert response.status_code == 302
    match.refresh_from_db()
    wanted.refresh_from_db()
    assert match.state == MatchState.ACCEPTED and wanted.state == NeedState.MATCHED
    assert match.project is not None and match.project.name == "高龄老人健康体检"


def test_the_viewer_may_not_accept_and_a_match_out_of_scope_is_not_found(client_as: Any) -> None:
    red = alliance(XIGUAN)
    resource(red)
    need(red)
    services.propose_matches(red)
    match = Match.objects.get()
    assert client_as("lingdao").post(f"/party/matches/{match.pk}/accept/decide/").status_code == 403
    elsewhere = alliance(KAIYUAN)
    resource(elsewhere, KAIYUAN)
    need(elsewhere, KAIYUAN)
    services.propose_matches(elsewhere)
    outside = Match.objects.get(need__alliance=elsewhere)
    assert client_as("laocheng").post(f"/party/matches/{outside.pk}/accept/decide/").status_code == 404
    assert Match.objects.filter(state=MatchState.PROPOSED).count() == 2


def test_the_api_accepts_and_refuses_a_second_decision(users: Any) -> None:
    red = alliance(XIGUAN)
    resource(red)
    need(red)
    services.propose_matches(red)
    match = Match.objects.get()
    api = APIClient()
    api.force_authenticate(users["laocheng"])
    answer = api.post(f"/api/party/matches/{match.pk}/reject/", {"note": "时间冲突"}, format="json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["state"] == "rejected"
    again = api.post(f"/api/party/matches/{match.pk}/accept/", {}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "conflict"
    match.refresh_from_db()
    assert (match.state, match.note) == (MatchState.REJECTED, "时间冲突")


def test_the_alliance_page_flags_a_list_not_kept_current(client_as: Any) -> None:
    red = alliance(XIGUAN, stale_after_days=1)
    resource(red)
    long_ago = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    Alliance.objects.filter(pk=red.pk).update(created_at=long_ago)
    Resource.history.model.objects.filter(alliance_id=red.pk).update(history_date=long_ago)
    client = client_as("laocheng")
    page = client.get(red.get_absolute_url()).content.decode()
    for name in ("resources", "needs", "projects"):
        assert f'data-testid="stale-{name}"' in page
    listing = client.get("/party/alliances/stale-lists/").content.decode()
    assert red.name in listing


def test_a_participants_hours_become_points_and_leave_with_them(
    client_as: Any, django_capture_on_commit_callbacks: Any
) -> None:
    red = alliance(XIGUAN)
    held = activity(red, hours=Decimal("3"))
    volunteer = member(organisation(XIGUAN))
    # Who took part is a member record: the city administrator records it (a district administrator
    # sees only the count).
    client = client_as("admin")
    response = client.post(
        "/party/participants/add/", {"activity": held.pk, "member": volunteer.pk, "hours": "2"}
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    (entry,) = PointsEntry.objects.filter(member=volunteer)
    assert (entry.rule.code, entry.quantity, entry.points) == (
        "activity_hour",
        Decimal("2.00"),
        Decimal("2.00"),
    )
    participant = ActivityParticipant.objects.get()
    client.post(
        f"/party/participants/{participant.pk}/edit/",
        {"activity": held.pk, "member": volunteer.pk, "hours": ""},
    )
    assert PointsEntry.objects.get(member=volunteer).quantity == Decimal("3.00")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/party/participants/{participant.pk}/delete/").status_code == 302
    assert not PointsEntry.objects.filter(member=volunteer).exists()
