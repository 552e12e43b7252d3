"""A branch secretary at phone width records a 支部党员大会: two members attend online through a named
platform and one is excused; after saving, the meeting's page lists them and the points ledger holds
the meeting's points for the members present, none for the one excused. Screenshots of the form and of
the meeting in test-results/screenshots/."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .conftest import Served, log_in, screenshot

pytestmark = pytest.mark.browser

ROLL = """
import json
from collections import Counter
from heluo.party.demo import SECOND_BRANCH
from heluo.party.models import Member, PartyOrganisation, PointsEntry
branch = PartyOrganisation.objects.get(name=SECOND_BRANCH)
roll = Member.objects.filter(organisation=branch, left_on__isnull=True, is_mobile=False).order_by("pk")
names = Counter(roll.values_list("name", flat=True))
chosen = [m for m in roll if names[m.name] == 1][:3]
points = {m.name: str(sum(e.points for e in PointsEntry.objects.filter(member=m, rule__code="meeting_attended"))) for m in chosen}
print(json.dumps({"branch": branch.pk, "names": [m.name for m in chosen], "points": points}, ensure_ascii=False))
"""
POINTS = """
import json
from heluo.party.models import Member, PointsEntry
names = %r
print(json.dumps({n: str(sum(e.points for e in PointsEntry.objects.filter(member__name=n, rule__code="meeting_attended"))) for n in names}, ensure_ascii=False))
"""


def _shell(served: Served, code: str) -> Any:
    result = served.heluo("shell", "--no-imports", "-c", code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("page", ["phone"], indirect=True)
def test_a_secretary_records_a_member_meeting_with_two_online_and_one_excused(
    page: Any, served: Served
) -> None:
    before = _shell(served, ROLL)
    online_a, online_b, excused = before["names"]
    log_in(page, "dingdingmen")
    page.goto(f"/party/organisations/{before['branch']}/meetings/record/?kind=member_meeting")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    page.fill("#id_topic", "浏览器测试：支部党员大会")
    for name in (online_a, online_b):
        row = page.locator(f"[data-testid='attendance-{name}']")
        row.locator("input[type=radio][value=online]").check()
        row.locator(f"[data-testid='platform-{name}']").fill("学习强国视频会议")
    row = page.locator(f"[data-testid='attendance-{excused}']")
    row.locator("input[type=radio][value=excused]").check()
    row.locator(f"[data-testid='reason-{excused}']").fill("外出务工")
    screenshot(page, "party-meeting-record")
    page.click("[data-testid=save]")
    page.wait_for_url("**/party/meetings/*/")
    attendances = page.locator("[data-testid=attendances]")
    assert "学习强国视频会议" in attendances.locator(f"[data-testid='attendance-{online_a}']").inner_text()
    assert "外出务工" in attendances.locator(f"[data-testid='attendance-{excused}']").inner_text()
    assert page.locator("[data-testid=quorate]").is_visible()
    screenshot(page, "party-meeting-recorded")

    after = _shell(served, POINTS % [online_a, online_b, excused])
    for name in (online_a, online_b):
        assert float(after[name]) == float(before["points"][name]) + 2  # meeting_attended: 2 a meeting
    assert after[excused] == before["points"][excused]
