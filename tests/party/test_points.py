"""The points ledger through its services: sources refresh idempotently, manual entries need reason and
approver, a hand-made year equals hand-computed totals and its recomputation, rankings per branch and
community, and the yearly close."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from heluo.party.models import OrganisationKind, PartyOrganisation, PointsEntry, PointsRule
from heluo.party.services import points
from heluo.party.services.points import Award

from . import factories as f

pytestmark = pytest.mark.django_db

D = Decimal
AWARDS: dict[int, list[Award]] = {}


@pytest.fixture(autouse=True)
def fake_source(monkeypatch: pytest.MonkeyPatch) -> None:
    """Organisations stand in for meetings: each one's awards are what AWARDS says, in the year it was
    established."""
    monkeypatch.setattr(points, "SOURCES", dict(points.SOURCES))
    AWARDS.clear()
    points.register_points_source(
        "party.PartyOrganisation",
        lambda source: AWARDS.get(source.pk, []),
        year_of=lambda source: source.established_on.year,
    )


def meeting(year: int = 2026) -> PartyOrganisation:
    return f.organisation(kind=OrganisationKind.GROUP, established_on=dt.date(year, 3, 1))


def test_the_common_scheme_is_seeded() -> None:
    assert set(PointsRule.objects.values_list("code", flat=True)) >= {
        "base", "meeting_attended", "study_hour", "activity_hour", "volunteer_task", "bonus", "deduction"
    }  # fmt: skip
    assert PointsRule.objects.get(code="activity_hour").yearly_cap == D("30")


def test_refresh_replaces_a_sources_entries_and_is_idempotent() -> None:
    branch = f.organisation()
    a, b = f.member(branch), f.member(branch)
    source = meeting()
    AWARDS[source.pk] = [Award(a.pk, "meeting_attended", D(1)), Award(b.pk, "meeting_attended", D(1))]
    points.refresh_points(source)
    points.refresh_points(source)
    assert PointsEntry.objects.filter(object_id=source.pk).count() == 2
    first_ids = set(PointsEntry.objects.values_list("pk", flat=True))
    points.refresh_points(source)
    assert set(PointsEntry.objects.values_list("pk", flat=True)) == first_ids  # nothing rewritten
    AWARDS[source.pk] = [Award(a.pk, "meeting_attended", D(1))]
    points.refresh_points(source)
    assert list(PointsEntry.objects.values_list("member_id", "year", "points")) == [(a.pk, 2026, D("2.00"))]


def test_a_hand_made_year_equals_hand_computed_totals_and_its_recomputation() -> None:
    branch = f.organisation()
    who = f.member(branch)
    for _ in range(5):
        source = meeting()
        AWARDS[source.pk] = [Award(who.pk, "meeting_attended", D(1))]  # 5 × 2 = 10
        points.refresh_points(source)
    study = meeting()
    AWARDS[study.pk] = [Award(who.pk, "study_hour", D("6.5"))]  # 6.5
    points.refresh_points(study)
    volunteering = meeting()
    AWARDS[volunteering.pk] = [
        Award(who.pk, "activity_hour", D("24")),
        Award(who.pk, "activity_hour", D("12")),
    ]
    points.refresh_points(volunteering)  # 36 hours, capped at 30
    points.grant_base_points(branch, 2026)  # 20
    points.add_manual_points(who, "bonus", D("8"), "抗洪抢险表现突出", "支部委员会", None, year=2026)
    points.add_manual_points(who, "bonus", D("5"), "优秀党员", "街道党工委", None, year=2026)  # 13 → cap 10
    points.add_manual_points(
        who, "deduction", D("3"), "无故缺席组织生活", "支部委员会", None, year=2026
    )  # −3
    ledger = points.ledger_totals(who, 2026)
    assert ledger["total"] == D("73.5")  # 20 + 10 + 6.5 + 30 + 10 − 3
    assert ledger["by_category"] == {
        "base": D("20"),
        "task": D("46.5"),
        "bonus": D("10"),
        "deduction": D("-3"),
    }
    assert points.recompute(who, 2026) == ledger
    assert points.ledger_matches_sources(who, 2026)
    AWARDS[study.pk] = [Award(who.pk, "study_hour", D("8"))]  # the source changes, the ledger not yet
    assert not points.ledger_matches_sources(who, 2026)
    points.refresh_points(study)
    assert points.ledger_matches_sources(who, 2026)
    assert points.ledger_totals(who, 2026)["total"] == D("75")


def test_base_points_are_granted_once_a_year() -> None:
    branch = f.organisation()
    who = f.member(branch)
    assert points.grant_base_points(branch, 2026) == 1
    assert points.grant_base_points(branch, 2026) == 0
    assert points.ledger_totals(who, 2026)["total"] == D("20")


def test_a_member_who_left_before_the_year_gets_no_base_points() -> None:
    branch = f.organisation()
    f.member(branch, left_on=dt.date(2025, 6, 30), left_reason="transferred_out")
    assert points.grant_base_points(branch, 2026) == 0


@pytest.mark.parametrize(
    ("rule", "value", "reason", "approver", "message"),
    [
        ("bonus", D("5"), "", "支部委员会", "事由"),
        ("bonus", D("5"), "表彰", " ", "审批人"),
        ("bonus", D("-5"), "表彰", "支部委员会", "正数"),
        ("base", D("5"), "表彰", "支部委员会", "基础分"),
        ("nonesuch", D("5"), "表彰", "支部委员会", "不在积分方案中"),
    ],
)
def test_manual_entries_are_refused_without_reason_approver_or_a_proper_rule(
    rule, value, reason, approver, message
):
    who = f.member(f.organisation())
    with pytest.raises(ValidationError, match=message):
        points.add_manual_points(who, rule, value, reason, approver, None, year=2026)
    assert not PointsEntry.objects.exists()


def test_rankings_per_branch_and_per_community_share_ranks_on_ties() -> None:
    community = f.organisation(kind=OrganisationKind.COMMITTEE)
    first, second = f.organisation(parent=community), f.organisation(parent=community)
    a, b, c = f.member(first, name="甲"), f.member(first, name="乙"), f.member(first, name="丙")
    d = f.member(second, name="丁")
    for who, value in ((a, "9"), (b, "9"), (c, "4"), (d, "10")):
        points.add_manual_points(who, "volunteer_task", D(value), "社区服务", "支部委员会", None, year=2026)
    branch = [(r.rank, r.member.name, r.total) for r in points.rankings(first, 2026)]
    assert branch == [(1, "乙", D("9")), (1, "甲", D("9")), (3, "丙", D("4"))]
    whole = [(r.rank, r.member.name) for r in points.rankings(community, 2026)]
    assert whole == [(1, "丁"), (2, "乙"), (2, "甲"), (4, "丙")]


def test_a_closed_year_refuses_new_and_changed_entries_below_it() -> None:
    community = f.organisation(kind=OrganisationKind.COMMITTEE)
    branch = f.organisation(parent=community)
    who = f.member(branch)
    source = meeting(2025)
    AWARDS[source.pk] = [Award(who.pk, "meeting_attended", D(1))]
    points.refresh_points(source)
    points.close_year(community, 2025, None, on=dt.date(2026, 1, 5))
    with pytest.raises(ValidationError, match="已于 2026-01-05 结算"):
        points.add_manual_points(who, "bonus", D("2"), "表彰", "支部委员会", None, year=2025)
    points.refresh_points(source)  # unchanged awards: nothing to refuse
    AWARDS[source.pk] = []
    with pytest.raises(ValidationError, match="结算"):
        points.refresh_points(source)
    assert PointsEntry.objects.filter(year=2025).count() == 1
    with pytest.raises(ValidationError, match="已经结算"):
        points.close_year(branch, 2025, None, on=dt.date(2026, 1, 6))
    points.add_manual_points(
        who, "bonus", D("2"), "表彰", "支部委员会", None, year=2026
    )  # the next year is open
    with pytest.raises(ValidationError, match="尚未开始"):
        points.close_year(branch, 2027, None, on=dt.date(2026, 1, 6))
