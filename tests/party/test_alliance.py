"""The alliance's acts over the rows: proposing resources for open needs (ranked, idempotent, never a
rejected pair again), accepting a match into a project, and how current its three lists are."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from heluo.party.models import Match, MatchState, NeedState, ProjectState, ResourceState
from heluo.party.services import alliance as services

from .factories import KAIYUAN, LAOCHENG, XIGUAN, division, member, organisation
from .factories_d import activity, alliance, need, resource, unit

pytestmark = pytest.mark.django_db


def _proposed(of: Any) -> dict[int, list[int]]:
    rows = Match.objects.filter(need__alliance=of, state=MatchState.PROPOSED).order_by("need", "rank")
    result: dict[int, list[int]] = {}
    for m in rows:
        result.setdefault(m.need_id, []).append(m.resource_id)
    return result


def test_matching_proposes_fitting_resources_ranked_and_is_idempotent() -> None:
    red = alliance()
    near = resource(red, XIGUAN, capacity=15)  # in 西关街道 itself
    district = resource(red, LAOCHENG, capacity=50, service_area=division(LAOCHENG))  # serves 老城区
    anywhere = resource(red, KAIYUAN, capacity=80, anywhere=True)
    resource(red, KAIYUAN, capacity=80)  # 洛龙区, serving only itself: not proposed
    resource(red, XIGUAN, capacity=5)  # too small for 10
    resource(red, XIGUAN, category="legal")  # another category
    resource(red, XIGUAN, state=ResourceState.WITHDRAWN)
    wanted = need(red, XIGUAN, size=10)
    assert services.propose_matches(red) == 3
    assert _proposed(red) == {wanted.pk: [near.pk, district.pk, anywhere.pk]}
    assert services.propose_matches(red) == 0
    assert Match.objects.filter(need=wanted).count() == 3


def test_a_rejected_match_is_not_proposed_again_and_one_that_no_longer_fits_is_withdrawn(users: Any) -> None:
    red = alliance()
    first, second = resource(red, capacity=30), resource(red, capacity=20)
    wanted = need(red, size=10)
    services.propose_matches(red)
    services.reject_match(users["admin"], Match.objects.get(resource=first), note="时间冲突")
    second.available_until, second.available_from = dt.date(2020, 1, 31), dt.date(2020, 1, 1)
    second.save()
    wanted.wanted_from = dt.date(2026, 1, 1)
    wanted.save()
    services.propose_matches(red)
    assert _proposed(red) == {}
    assert Match.objects.get(resource=first).state == MatchState.REJECTED


def test_accepting_a_match_makes_the_project_marks_the_need_and_takes_capacity(users: Any) -> None:
    red = alliance()
    clinic = resource(red, capacity=25)
    wanted = need(red, size=10, title="老年人健康义诊")
    services.propose_matches(red)
    project = services.accept_match(users["admin"], Match.objects.get(need=wanted), on=dt.date(2026, 3, 1))
    wanted.refresh_from_db()
    assert wanted.state == NeedState.MATCHED
    assert (project.name, project.owner, project.need, project.state) == (
        "老年人健康义诊",
        clinic.member,
        wanted,
        ProjectState.PLANNED,
    )
    assert project.started_on == dt.date(2026, 3, 1)
    assert clinic.remaining == 15
    # 15 left: a need of 16 gets no proposal, one of 15 does.
    big, fits = need(red, size=16), need(red, size=15)
    services.propose_matches(red)
    assert _proposed(red) == {fits.pk: [clinic.pk]}
    assert not Match.objects.filter(need=big).exists()


def test_a_decided_match_cannot_be_decided_again(users: Any) -> None:
    red = alliance()
    resource(red)
    need(red)
    services.propose_matches(red)
    match = Match.objects.get()
    services.accept_match(users["admin"], match)
    with pytest.raises(ValidationError, match="已处理过"):
        services.reject_match(users["admin"], match)


def test_accepting_is_refused_when_the_resource_no_longer_fits(users: Any) -> None:
    red = alliance()
    clinic = resource(red, capacity=10)
    first, second = need(red, size=10), need(red, size=10)
    services.propose_matches(red)
    services.accept_match(users["admin"], Match.objects.get(need=first))
    with pytest.raises(ValidationError) as refused:
        services.accept_match(users["admin"], Match.objects.get(need=second, resource=clinic))
    assert refused.value.messages == ["容量不足:资源剩余容量小于需求规模"]
    assert Match.objects.get(need=second).state == MatchState.PROPOSED


def test_a_list_not_updated_for_longer_than_the_alliance_allows_is_flagged() -> None:
    red = alliance(stale_after_days=30)
    resource(red)
    today = dt.date.today()
    fresh = {f.name: f.stale for f in services.list_freshness(red, today)}
    assert fresh == {"resources": False, "needs": False, "projects": False}
    on_the_day = {
        f.name: (f.days, f.stale) for f in services.list_freshness(red, today + dt.timedelta(days=30))
    }
    assert on_the_day["resources"] == (30, False)
    later = {f.name: f.stale for f in services.list_freshness(red, today + dt.timedelta(days=31))}
    assert later == {"resources": True, "needs": True, "projects": True}
    assert [f.name for _, f in services.stale_lists([red], today + dt.timedelta(days=31))] == [
        "resources", "needs", "projects",
    ]  # fmt: skip


def test_a_deletion_counts_as_a_change_of_its_list() -> None:
    red = alliance(stale_after_days=30)
    row = need(red)
    row.delete()
    (needs,) = [f for f in services.list_freshness(red) if f.name == "needs"]
    assert needs.days == 0 and not needs.stale


def test_an_activity_awards_each_participant_their_hours() -> None:
    red = alliance()
    held = activity(red, hours=Decimal("3"))
    branch = organisation(XIGUAN)
    full_time, early_leaver = member(branch), member(branch)
    held.participants.create(member=full_time)
    held.participants.create(member=early_leaver, hours=Decimal("1.5"))
    assert services.activity_awards(held) == [
        (full_time.pk, "activity_hour", Decimal("3.0")),
        (early_leaver.pk, "activity_hour", Decimal("1.5")),
    ]


def test_a_unit_of_another_alliance_cannot_offer_a_resource() -> None:
    red, other = alliance(), alliance()
    row = resource(red)
    row.member = unit(other)
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    assert "member" in refused.value.message_dict
