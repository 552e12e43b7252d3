"""Dues payments through the service: the amount from income and category, reductions and exemptions,
quarterly payment when the branch agrees, the six-month back-payment limit, no paying for another member,
probationary members from their admission, and the arrears list."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from heluo.party.models import DuesPayment, MemberStatus
from heluo.party.services import dues

from . import factories as f
from . import factories_c as c

pytestmark = pytest.mark.django_db

D = Decimal
JUNE = dt.date(2026, 6, 1)


def pay(who, month, amount, paid_on=dt.date(2026, 6, 20), payer=None, **options):
    return dues.record_payment(who, month, D(amount), paid_on, payer or who, None, **options)


def test_the_amount_is_computed_from_income_and_category() -> None:
    branch = f.organisation()
    who = f.member(branch, monthly_income=D("4200"), dues_category="in_service")
    [row] = pay(who, JUNE, "42.00")
    assert (row.month, row.amount, row.paid_by) == (JUNE, D("42.00"), who)
    with c.refused("amount", saying="42.00"):
        pay(f.member(branch, monthly_income=D("4200")), JUNE, "40")


def test_farmers_pay_the_branch_amount_and_fixed_categories_twenty_fen() -> None:
    branch = f.organisation(field="rural")
    c.arrangement(branch, farmer_amount=D("0.50"))
    farmer = f.member(branch, dues_category="farmer")
    assert dues.due_for(farmer, JUNE).amount == D("0.50")
    assert dues.due_for(f.member(branch, dues_category="student"), JUNE).amount == D("0.20")
    group = f.organisation(parent=branch, kind="group")
    assert dues.due_for(f.member(group, dues_category="farmer"), JUNE).amount == D("0.50")  # the branch's


def test_a_member_without_income_cannot_be_computed() -> None:
    who = f.member(f.organisation(), dues_category="retired")
    with c.refused("no_income"):
        dues.due_for(who, JUNE)


def test_a_branch_may_not_pay_for_a_member() -> None:
    branch = f.organisation()
    who, secretary = f.member(branch, monthly_income=D("3000")), f.member(branch, monthly_income=D("3000"))
    with c.refused("payer"):
        pay(who, JUNE, "15.00", payer=secretary)
    assert not DuesPayment.objects.exists()


def test_back_payment_reaches_six_months_and_no_further() -> None:
    who = f.member(f.organisation(), monthly_income=D("3000"))
    pay(who, dt.date(2025, 12, 1), "15.00", paid_on=dt.date(2026, 6, 30))
    with c.refused("too_late"):
        pay(who, dt.date(2025, 11, 1), "15.00", paid_on=dt.date(2026, 6, 30))


def test_months_ahead_only_as_part_of_an_agreed_quarter() -> None:
    branch = f.organisation()
    who = f.member(branch, monthly_income=D("3000"))
    with c.refused("ahead"):
        pay(who, dt.date(2026, 7, 1), "15.00")
    with c.refused("quarter"):
        pay(who, JUNE, "15.00", quarter=True)
    c.arrangement(branch, quarterly_allowed=True)
    rows = pay(who, JUNE, "15.00", quarter=True)
    assert [row.month for row in rows] == [JUNE, dt.date(2026, 7, 1), dt.date(2026, 8, 1)]
    with c.refused("paid"):
        pay(who, JUNE, "15.00")


def test_a_reduction_replaces_the_amount_and_an_exemption_the_payment() -> None:
    branch = f.organisation()
    who = f.member(branch, monthly_income=D("6000"))
    c.reduction(who, dt.date(2026, 3, 1), dt.date(2026, 5, 1), amount=D("5.00"))
    c.reduction(who, JUNE, exempt=True)
    pay(who, dt.date(2026, 4, 1), "5.00")
    with c.refused("amount", saying="5.00"):
        pay(who, dt.date(2026, 5, 1), "90.00")
    with c.refused("exempt"):
        pay(who, JUNE, "0.20")
    pay(who, dt.date(2026, 2, 1), "90.00")  # before the reduction: 6000 × 1.5 %


def test_probationary_members_pay_from_their_admission_month() -> None:
    who = f.member(
        f.organisation(),
        status=MemberStatus.PROBATIONARY,
        joined_on=dt.date(2026, 4, 15),
        monthly_income=D("2000"),
    )
    pay(who, dt.date(2026, 4, 1), "10.00")
    with c.refused("before_joining"):
        pay(who, dt.date(2026, 3, 1), "10.00")


def test_arrears_list_the_unpaid_months_up_to_last_month_with_amounts() -> None:
    community = f.organisation(kind="committee")
    branch = f.organisation(parent=community)
    c.arrangement(community, records_from=dt.date(2026, 3, 1))
    paid_up = f.member(branch, name="甲", monthly_income=D("3000"))
    behind = f.member(branch, name="乙", monthly_income=D("4000"))
    newcomer = f.member(branch, name="丙", joined_on=dt.date(2026, 5, 10), dues_category="student")
    exempted = f.member(branch, name="丁", monthly_income=D("4000"))
    c.reduction(exempted, dt.date(2026, 1, 1), exempt=True)
    for month in (3, 4, 5):
        pay(paid_up, dt.date(2026, month, 1), "15.00")
    pay(behind, dt.date(2026, 4, 1), "40.00")
    listed = dues.arrears(community, today=dt.date(2026, 6, 15))
    assert [(a.member, [(d.month.month, d.amount) for d in a.dues], a.total) for a in listed] == [
        (newcomer, [(5, D("0.20"))], D("0.20")),  # 丙 sorts before 乙
        (behind, [(3, D("40.00")), (5, D("40.00"))], D("80.00")),
    ]
    assert paid_up not in [a.member for a in listed]


def test_settled_months_count_payments_and_exemptions() -> None:
    branch = f.organisation()
    a, b = f.member(branch, monthly_income=D("3000")), f.member(branch)
    pay(a, dt.date(2026, 5, 1), "15.00")
    c.reduction(b, dt.date(2026, 4, 1), dt.date(2026, 5, 1), exempt=True)
    settled = dues.settled_months([a.pk, b.pk], dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert settled == {a.pk: {dt.date(2026, 5, 1)}, b.pk: {dt.date(2026, 4, 1), dt.date(2026, 5, 1)}}


def test_dues_are_registered_for_the_art_9_check() -> None:
    from heluo.party.activity import registered

    assert any(p.kind == "dues" and p.provider is dues.settled_months for p in registered())
