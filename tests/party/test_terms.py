"""Committee terms (换届): one supervision case from the notice period on, closed by a new term."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from heluo.cases.models import OPEN_STATES, Case
from heluo.party.models import OrganisationField, OrganisationKind, PartyOrganisation
from heluo.party.services.organisations import SOURCE_KIND, open_changeover_cases, scan, term_end

from . import factories as f

pytestmark = pytest.mark.django_db


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


def test_term_end_follows_the_fields_term_length() -> None:
    rural = f.organisation(field=OrganisationField.RURAL, term_started_on=dt.date(2021, 3, 1))
    organ = f.organisation(field=OrganisationField.ORGAN, term_started_on=dt.date(2021, 3, 1))
    assert term_end(rural) == dt.date(2026, 3, 1)
    assert term_end(organ) == dt.date(2024, 3, 1)
    assert term_end(f.organisation()) is None


def test_a_term_ending_within_the_notice_opens_one_case(settings) -> None:
    settings.PARTY_CHANGEOVER_NOTICE_DAYS = 90
    org = f.organisation(
        kind=OrganisationKind.COMMITTEE, field=OrganisationField.ORGAN, term_started_on=dt.date(2023, 6, 1)
    )
    # ends 2026-06-01: 91 days before is outside the notice, 90 days before is inside
    assert open_changeover_cases(at(dt.date(2026, 3, 2))) == 0
    assert open_changeover_cases(at(dt.date(2026, 3, 3))) == 1
    assert open_changeover_cases(at(dt.date(2026, 3, 4))) == 0
    org.refresh_from_db()
    case = org.changeover_case
    assert case is not None and case.source_kind == SOURCE_KIND and case.category.code == "party"
    assert Case.objects.filter(source_kind=SOURCE_KIND, source_reference=f"PARTYORG-{org.pk}").count() == 1


def test_a_new_term_closes_the_case_and_the_next_term_gets_its_own(settings) -> None:
    settings.PARTY_CHANGEOVER_NOTICE_DAYS = 90
    org = f.organisation(field=OrganisationField.ORGAN, term_started_on=dt.date(2022, 1, 10))
    assert open_changeover_cases() == 1  # ended 2025-01-10
    org.refresh_from_db()
    case = org.changeover_case
    org.term_started_on = timezone.localdate()
    org.save()
    assert scan()["closed"] == 1
    case.refresh_from_db()
    assert case.state not in OPEN_STATES
    assert PartyOrganisation.objects.get(pk=org.pk).changeover_case is None
    assert scan()["opened"] == 0


def test_heluo_party_scan_runs_as_at_now() -> None:
    f.organisation(field=OrganisationField.RURAL, term_started_on=dt.date(2020, 1, 1))
    out = StringIO()
    call_command("party", "scan", "--now", "2024-12-01T09:00", stdout=out)
    assert "1" in out.getvalue()
    assert Case.objects.filter(source_kind=SOURCE_KIND).count() == 1
