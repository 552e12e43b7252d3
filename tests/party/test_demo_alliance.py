"""The alliance's and 四议两公开's demo: 北窑街道党工委's “红引擎” alliance with its 16 member units shown on
its page from the rows, its three lists, accepted matches as projects, joint activities whose hours
became points, and 扣马村's matter at step 5; a second run adds nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from heluo.core.figures import Period, Territory, render_sentence, value
from heluo.core.models import Division
from heluo.core.services.accounts import system_operator
from heluo.party import demo_alliance
from heluo.party.models import (
    Alliance,
    JointActivity,
    MatchState,
    MatterState,
    Member,
    Need,
    NeedState,
    PointsEntry,
    Project,
    VillageMatter,
)
from heluo.party.services.points import grant_base_points, ledger_matches_sources

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded() -> Alliance:
    created = demo_alliance.load(system_operator())
    assert created
    return Alliance.objects.get(name=demo_alliance.ALLIANCE_NAME)


def test_the_alliance_page_shows_its_16_member_units_from_the_rows(loaded: Alliance, client_as: Any) -> None:
    assert loaded.organisation.division.code == demo_alliance.BEIYAO
    page = client_as("admin").get(loaded.get_absolute_url()).content.decode()
    assert page.count('data-testid="member-unit"') == 16 == loaded.current_members().count()
    assert 'data-testid="member-unit-count">16<' in page
    for name in ("区委组织部", "河南省洛阳正骨医院", "洛阳市监狱", "金家街社区"):
        assert f">{name}</a>" in page


def test_the_lists_hold_residents_needs_matched_into_projects(loaded: Alliance) -> None:
    assert loaded.resources.count() >= 16
    needs = Need.objects.filter(alliance=loaded)
    assert needs.filter(state=NeedState.MATCHED).count() == 3
    assert needs.filter(state=NeedState.OPEN).count() == 2
    projects = Project.objects.filter(alliance=loaded)
    assert projects.count() == 3
    assert all(p.matches.get().state == MatchState.ACCEPTED for p in projects)
    # The open needs have proposals waiting: 独居老人上门照料 ← 居家养老上门服务 (serves 北窑街道).
    elderly = needs.get(title="独居老人上门照料")
    assert [m.resource.title for m in elderly.matches.all()] == ["居家养老上门服务"]


def test_joint_activities_feed_the_participants_points(loaded: Alliance) -> None:
    kinds = set(JointActivity.objects.filter(alliance=loaded).values_list("kind", flat=True))
    assert kinds == {"training", "arts", "law"}
    entries = PointsEntry.objects.filter(rule__code="activity_hour")
    assert entries.exists()
    # The members 3 to 6 of the roll took part in all three: 3 + 2.5 + 2 hours.
    (member_id, times), *_ = Counter(entries.values_list("member", flat=True)).most_common(1)
    member = Member.objects.get(pk=member_id)
    assert times == 3
    assert sum(e.quantity for e in entries.filter(member=member)) == Decimal("7.5")
    year = timezone.localdate().year
    grant_base_points(member.organisation, year)  # as part C's demo does
    assert ledger_matches_sources(member, year)


def test_the_village_matter_is_carried_to_step_five(loaded: Alliance, client_as: Any) -> None:
    matter = VillageMatter.objects.get(organisation__division__code=demo_alliance.KOUMA)
    assert matter.state == MatterState.RESOLUTION_PUBLIC
    assert list(matter.steps.values_list("step", flat=True)) == [1, 3, 4, 5]
    page = client_as("admin").get(matter.get_absolute_url()).content.decode()
    assert "实施结果公开" in page and 'data-testid="next-step"' in page
    # Step 6 is a publication: its form asks the day and the place, no attendance or votes.
    assert 'name="published_on"' in page and 'name="expected"' not in page


def test_the_figures_count_the_alliance(loaded: Alliance) -> None:
    chanhe = Territory.of(Division.objects.get(code="410304000000"))
    today = timezone.localdate()
    year = Period(dt.date(today.year, 1, 1), today)
    assert value("party.alliance_members", chanhe, year).number == 16
    assert value("party.alliance_projects", chanhe, year).number == 3
    assert value("party.alliance_volunteer_hours", chanhe, year).number > 0
    assert "党建联盟共有成员单位16家" in render_sentence("party.alliance", chanhe, year)


def test_a_second_run_adds_nothing(loaded: Alliance) -> None:
    assert demo_alliance.load(system_operator()) == {}
