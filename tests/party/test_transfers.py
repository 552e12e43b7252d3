"""Transfers of the organisation relation: issued, received before the lapse day, lapsed after it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from heluo.party.models import LeftReason, Member, TransferDirection, TransferState
from heluo.party.services.transfers import (
    issue_transfer,
    lapse_transfers,
    receive_transfer,
    receive_transfer_in,
    return_transfer,
)

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(users):
    return users["admin"]


def test_a_received_letter_moves_the_member_to_the_receiving_branch(admin) -> None:
    source, target = f.organisation(), f.organisation()
    member = f.member(source, name="转出党员")
    letter = issue_transfer(
        admin, member, counterpart="", counterpart_organisation=target, issued_on=dt.date(2024, 1, 10)
    )
    assert letter.lapses_on == dt.date(2024, 4, 10)
    receive_transfer(admin, letter, on=dt.date(2024, 4, 9))
    member.refresh_from_db()
    assert member.left_on == dt.date(2024, 4, 9) and member.left_reason == LeftReason.TRANSFERRED_OUT
    joined = Member.objects.get(organisation=target, name="转出党员")
    assert joined.is_current and joined.status == member.status
    incoming = joined.transfers.get()
    assert incoming.direction == TransferDirection.IN and incoming.state == TransferState.RECEIVED


def test_a_lapsed_letter_can_no_longer_be_received(admin) -> None:
    member = f.member(f.organisation())
    letter = issue_transfer(
        admin, member, counterpart="某省某党支部", issued_on=dt.date(2024, 1, 10), across_provinces=True
    )
    assert letter.lapses_on == dt.date(2024, 7, 10)
    with pytest.raises(ValidationError, match="失效"):
        receive_transfer(admin, letter, on=dt.date(2024, 7, 10))
    member.refresh_from_db()
    assert member.is_current
    assert lapse_transfers() == 1
    letter.refresh_from_db()
    assert letter.state == TransferState.LAPSED
    assert lapse_transfers() == 0
    with pytest.raises(ValidationError):
        receive_transfer(admin, letter, on=dt.date(2024, 7, 1))


def test_a_letter_is_not_lapsed_before_its_day(admin) -> None:
    today = timezone.localdate()
    letter = issue_transfer(admin, f.member(f.organisation()), counterpart="外地", issued_on=today)
    assert lapse_transfers() == 0
    letter.refresh_from_db()
    assert letter.state == TransferState.ISSUED


def test_one_letter_at_a_time_and_none_for_a_member_who_left(admin) -> None:
    member = f.member(f.organisation())
    issue_transfer(admin, member, counterpart="外地", issued_on=dt.date(2024, 1, 10))
    with pytest.raises(ValidationError, match="尚未接收"):
        issue_transfer(admin, member, counterpart="外地", issued_on=dt.date(2024, 1, 11))
    gone = f.member(f.organisation(), left_on=dt.date(2020, 1, 1), left_reason=LeftReason.DECEASED)
    with pytest.raises(ValidationError):
        issue_transfer(admin, gone, counterpart="外地", issued_on=dt.date(2024, 1, 10))


def test_a_returned_letter_leaves_the_member_on_the_roll(admin) -> None:
    member = f.member(f.organisation())
    letter = return_transfer(
        admin, issue_transfer(admin, member, counterpart="外地", issued_on=dt.date(2024, 1, 10))
    )
    assert letter.state == TransferState.RETURNED
    member.refresh_from_db()
    assert member.is_current


def test_a_member_from_outside_joins_with_a_valid_letter_only(admin) -> None:
    branch = f.organisation()
    fields = {
        "organisation": branch,
        "name": "转入党员",
        "status": "full",
        "joined_on": dt.date(2010, 1, 1),
        "confirmed_on": dt.date(2011, 1, 1),
    }
    with pytest.raises(ValidationError, match="失效"):
        receive_transfer_in(
            admin,
            Member(**fields),
            counterpart="外省党支部",
            issued_on=dt.date(2024, 1, 10),
            on=dt.date(2024, 4, 10),
        )
    assert not Member.objects.filter(name="转入党员").exists()
    transfer = receive_transfer_in(
        admin,
        Member(**fields),
        counterpart="外省党支部",
        issued_on=dt.date(2024, 1, 10),
        on=dt.date(2024, 4, 9),
    )
    assert transfer.member.organisation == branch and transfer.state == TransferState.RECEIVED
