"""The meetings demo: the seed's member meeting of the second branch with its 8 mobile members online
through 学习强国 from the rows and on the pages, a year of meetings with one missed theme day and
its case, study hours, and points that equal their sources."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from heluo.core.services.accounts import system_operator
from heluo.party.demo import SECOND_BRANCH, load_demo
from heluo.party.demo_meetings import FIRST_BRANCH, PLATFORM, SEED_TOPIC
from heluo.party.models import Meeting, MissedMeeting, PartyOrganisation, StudyRecord
from heluo.party.services.points import grant_base_points, ledger_matches_sources
from tests.conftest import kept_for_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with kept_for_module(django_db_blocker):
        load_demo(system_operator())
        yield


def test_the_seed_meeting_has_the_eight_mobile_members_online() -> None:
    seed = Meeting.objects.get(topic=SEED_TOPIC)
    assert seed.organisation.name == SECOND_BRANCH and seed.kind == "member_meeting" and seed.quorate
    online = seed.attendances.filter(mode="online")
    assert online.count() == 8 and set(online.values_list("platform", flat=True)) == {PLATFORM}
    assert all(online.values_list("member__is_mobile", flat=True))
    assert seed.attendances.filter(mode="excused").exclude(reason="").count() == 2
    assert seed.motions.get().passed


def test_the_meeting_page_shows_the_online_members_to_the_secretary(client_as: Any) -> None:
    seed = Meeting.objects.get(topic=SEED_TOPIC)
    page = client_as("dingdingmen").get(seed.get_absolute_url()).content.decode()
    assert "8" in page and page.count(f"({PLATFORM})") == 8


def test_a_year_of_meetings_with_one_missed_committee_month_and_its_case() -> None:
    first = PartyOrganisation.objects.get(name=FIRST_BRANCH)
    assert Meeting.objects.filter(organisation=first, kind="theme_day").count() == 11
    missed = MissedMeeting.objects.filter(organisation__is_demo=True)
    assert list(missed.values_list("organisation__name", "kind")) == [(FIRST_BRANCH, "theme_day")]
    assert missed.get().case is not None


def test_study_and_points_follow_their_sources() -> None:
    second = PartyOrganisation.objects.get(name=SECOND_BRANCH)
    assert StudyRecord.objects.filter(session__organisation=second).exists()
    wang = second.members.get(name="王兰华")
    year = Meeting.objects.get(topic=SEED_TOPIC).held_on.year
    grant_base_points(second, year)  # the points part's yearly act; meetings and study fed the rest
    assert ledger_matches_sources(wang, year)
    attended = wang.attendances.filter(mode__in=("on_site", "online"), meeting__held_on__year=year).count()
    assert wang.points_entries.filter(year=year, rule__code="meeting_attended").count() == attended > 0


def test_a_second_load_creates_nothing() -> None:
    assert load_demo(system_operator()) == {}
