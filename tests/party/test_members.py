"""Members: confirmation after a year of probation; counts and branch rules of an organisation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from heluo.party.models import MemberStatus, PostKind
from heluo.party.services.members import confirm_member
from heluo.party.services.organisations import branch_warnings, formation_refusal, member_counts

from . import factories as f

pytestmark = pytest.mark.django_db


def test_a_probationary_member_is_confirmed_after_a_year(users) -> None:
    member = f.member(f.organisation(), status=MemberStatus.PROBATIONARY, joined_on=dt.date(2024, 7, 1))
    with pytest.raises(ValidationError, match="2025"):
        confirm_member(users["admin"], member, on=dt.date(2025, 6, 30))
    confirmed = confirm_member(users["admin"], member, on=dt.date(2025, 7, 1))
    assert confirmed.status == MemberStatus.FULL and confirmed.confirmed_on == dt.date(2025, 7, 1)
    assert confirmed.has_vote
    with pytest.raises(ValidationError):
        confirm_member(users["admin"], confirmed, on=dt.date(2025, 7, 2))


def test_confirming_needs_the_right(users) -> None:
    member = f.member(f.organisation(), status=MemberStatus.PROBATIONARY, joined_on=dt.date(2020, 7, 1))
    with pytest.raises(PermissionDenied):
        confirm_member(users["lingdao"], member, on=dt.date(2021, 7, 1))


def test_counts_of_an_organisation_and_its_tree() -> None:
    top = f.organisation(kind="committee")
    branch = f.organisation(parent=top)
    f.members(branch, 3)
    f.member(branch, status=MemberStatus.PROBATIONARY)
    f.member(branch, under_probation_discipline=True, is_mobile=True)
    f.member(branch, left_on=dt.date(2020, 1, 1), left_reason="deceased")
    counts = member_counts(branch)
    assert (counts.members, counts.full, counts.probationary, counts.with_vote, counts.mobile) == (
        5,
        4,
        1,
        3,
        1,
    )
    assert member_counts(top).members == 0
    assert member_counts(top, tree=True).members == 5


def test_branch_warnings_are_worded() -> None:
    branch = f.organisation()
    f.members(branch, 2)
    assert branch_warnings(branch) == ["党支部须有正式党员3人以上，现有2人。"]
    big = f.organisation()
    f.members(big, 8)
    assert "支委会" in branch_warnings(big)[0]
    secretary = f.member(big)
    f.post(big, secretary, kind=PostKind.SECRETARY)
    for who in f.members(big, 2):
        f.post(big, who, kind=PostKind.COMMITTEE_MEMBER)
    assert branch_warnings(big) == []


def test_a_branch_is_formed_only_with_three_full_members() -> None:
    branch = f.organisation()
    assert "3" in (formation_refusal(None, "branch", dt.date(2024, 1, 1)) or "")
    f.members(branch, 2)
    f.member(branch, status=MemberStatus.PROBATIONARY)
    assert formation_refusal(branch.pk, "branch", dt.date(2024, 1, 1))
    f.member(branch)
    assert formation_refusal(branch.pk, "branch", dt.date(2024, 1, 1)) is None
    assert formation_refusal(None, "committee", dt.date(2024, 1, 1)) is None
