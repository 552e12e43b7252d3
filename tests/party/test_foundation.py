"""The foundation: the organisation tree's paths, the vote, the letter's lapse day, the seeded term
lengths and the tree participation."""

from __future__ import annotations

import datetime as dt

import pytest

from heluo.core.models import UserScope
from heluo.party.models import MemberStatus, OrganisationKind, PartyOrganisation, TermLength, Transfer
from heluo.party.rules.terms import letter_lapses_on, term_ends_on

from . import factories as f

pytestmark = pytest.mark.django_db


def test_paths_follow_the_tree_and_a_move_rewrites_descendants() -> None:
    top = f.organisation(kind=OrganisationKind.COMMITTEE)
    branch = f.organisation(parent=top)
    group = f.organisation(parent=branch, kind=OrganisationKind.GROUP)
    assert top.path == f"{top.pk:06d}/"
    group.refresh_from_db()
    assert group.path == f"{top.pk:06d}/{branch.pk:06d}/{group.pk:06d}/"
    other = f.organisation(kind=OrganisationKind.COMMITTEE)
    branch.parent = other
    branch.save()
    group.refresh_from_db()
    assert group.path == f"{other.pk:06d}/{branch.pk:06d}/{group.pk:06d}/"
    assert set(PartyOrganisation.objects.filter(path__startswith=top.path)) == {top}


def test_probationary_members_and_those_under_probation_have_no_vote() -> None:
    branch = f.organisation()
    assert f.member(branch).has_vote
    assert not f.member(branch, status=MemberStatus.PROBATIONARY).has_vote
    assert not f.member(branch, under_probation_discipline=True).has_vote


@pytest.mark.parametrize(
    ("issued", "across", "lapses"),
    [
        (dt.date(2024, 1, 10), False, dt.date(2024, 4, 10)),
        (dt.date(2024, 1, 10), True, dt.date(2024, 7, 10)),
        (dt.date(2023, 11, 30), False, dt.date(2024, 2, 29)),
        (dt.date(2024, 8, 31), True, dt.date(2025, 2, 28)),
    ],
)
def test_a_letter_lapses_three_months_after_issue_six_across_provinces(
    issued: dt.date, across: bool, lapses: dt.date
) -> None:
    assert letter_lapses_on(issued, across_provinces=across) == lapses


def test_a_term_ends_its_years_after_it_began() -> None:
    assert term_ends_on(dt.date(2021, 3, 15), 5) == dt.date(2026, 3, 15)
    assert term_ends_on(dt.date(2020, 2, 29), 3) == dt.date(2023, 2, 28)


def test_the_transfer_keeps_its_lapse_day() -> None:
    transfer = Transfer.objects.create(
        member=f.member(f.organisation()), direction="out", counterpart="外省某党支部",
        across_provinces=True, letter_issued_on=dt.date(2024, 1, 10),
    )  # fmt: skip
    assert transfer.lapses_on == dt.date(2024, 7, 10)


def test_term_lengths_are_seeded() -> None:
    assert dict(TermLength.objects.values_list("field", "years")) == {
        "rural": 5, "community": 5, "organ": 3, "soe": 3, "university": 3, "private": 3, "social": 3,
    }  # fmt: skip


def test_a_current_post_opens_the_tree_below_it() -> None:
    top = f.organisation(kind=OrganisationKind.COMMITTEE)
    branch = f.organisation(parent=top)
    elsewhere = f.organisation()
    person = f.person()
    secretary = f.member(top, person=person)
    f.post(top, secretary, start=dt.date(2020, 1, 1))
    scope = UserScope(
        user_id=1, unrestricted=False, modules=frozenset({"party"}), prefixes=(), person_id=person.pk
    )
    q = PartyOrganisation.participation_q(scope)
    assert set(PartyOrganisation.objects.filter(q)) == {top, branch}
    assert elsewhere not in PartyOrganisation.objects.filter(q)
    nobody = UserScope(
        user_id=1, unrestricted=False, modules=frozenset({"party"}), prefixes=(), person_id=f.person().pk
    )
    assert PartyOrganisation.participation_q(nobody) is None


def test_an_ended_post_opens_nothing() -> None:
    top = f.organisation()
    person = f.person()
    f.post(top, f.member(top, person=person), start=dt.date(2018, 1, 1), end=dt.date(2019, 1, 1))
    scope = UserScope(
        user_id=1, unrestricted=False, modules=frozenset({"party"}), prefixes=(), person_id=person.pk
    )
    assert PartyOrganisation.participation_q(scope) is None
