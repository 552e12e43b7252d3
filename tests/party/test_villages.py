"""四议两公开 over the rows and on its page: steps recorded only in order and quorate, the matter's state
following them, the 一肩挑 merge, a correction that would break a later step, and the refusals shown in
Chinese with nothing written."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from heluo.party.models import MatterState, MatterStep, VillageMatter
from heluo.party.services import villages

from .factories_d import matter

pytestmark = pytest.mark.django_db

D = dt.date(2026, 3, 2)


def step(of: VillageMatter, number: int, on: dt.date = D, **fields: Any) -> MatterStep:
    if number in (5, 6):
        fields.setdefault("published_on", on)
        fields.setdefault("published_where", "村务公开栏")
    else:
        fields.setdefault("held_on", on)
    return MatterStep(matter=of, step=number, **fields)


def meeting(expected: int, present: int, in_favour: int) -> dict[str, int]:
    return {"expected": expected, "present": present, "in_favour": in_favour}


def carry_to_step_4(of: VillageMatter, admin: Any) -> None:
    villages.record_step(admin, step(of, 1, **meeting(5, 5, 5)))
    villages.record_step(admin, step(of, 2, D + dt.timedelta(days=3), **meeting(9, 8, 8)))
    villages.record_step(admin, step(of, 3, D + dt.timedelta(days=7), **meeting(30, 20, 16)))


def test_a_matter_carried_to_the_end_step_by_step(users: Any) -> None:
    admin, affair = users["admin"], matter()
    carry_to_step_4(affair, admin)
    affair.refresh_from_db()
    assert affair.state == MatterState.REVIEWED
    villages.record_step(
        admin, step(affair, 4, D + dt.timedelta(days=10), assembly="representatives", **meeting(45, 30, 16))
    )
    villages.record_step(admin, step(affair, 5, D + dt.timedelta(days=11)))
    affair.refresh_from_db()
    assert affair.state == MatterState.RESOLUTION_PUBLIC
    assert villages.next_step(affair) == 6
    villages.record_step(admin, step(affair, 6, D + dt.timedelta(days=60)))
    affair.refresh_from_db()
    assert affair.state == MatterState.COMPLETED and villages.next_step(affair) is None
    assert list(affair.steps.values_list("passed", flat=True)) == [True] * 6


def test_a_skipped_step_is_refused_and_nothing_is_written(users: Any) -> None:
    affair = matter()
    villages.record_step(users["admin"], step(affair, 1, **meeting(5, 5, 5)))
    with pytest.raises(ValidationError) as refused:
        villages.record_step(users["admin"], step(affair, 3, **meeting(30, 25, 20)))
    assert refused.value.messages == ["第3步:不能跳过步骤:下一步应是第2步“两委会商议”"]
    assert affair.steps.count() == 1


def test_an_inquorate_members_meeting_is_refused(users: Any) -> None:
    affair = matter()
    villages.record_step(users["admin"], step(affair, 1, **meeting(5, 5, 5)))
    villages.record_step(users["admin"], step(affair, 2, **meeting(9, 8, 8)))
    with pytest.raises(ValidationError) as refused:
        villages.record_step(users["admin"], step(affair, 3, **meeting(30, 19, 19)))  # 57 < 60
    assert refused.value.messages == ["第3步:党员大会应到有表决权党员30人,实到19人,不足三分之二,会议不能召开"]
    affair.refresh_from_db()
    assert affair.state == MatterState.CONSULTED and affair.steps.count() == 2


def test_an_inquorate_villagers_meeting_is_refused(users: Any) -> None:
    affair = matter()
    carry_to_step_4(affair, users["admin"])
    villagers = {"assembly": "villagers", "households": 300, "households_present": 199}
    with pytest.raises(ValidationError):
        villages.record_step(
            users["admin"], step(affair, 4, D + dt.timedelta(days=9), **meeting(800, 400, 400), **villagers)
        )
    villagers["households_present"] = 200  # two thirds of the households
    villages.record_step(
        users["admin"], step(affair, 4, D + dt.timedelta(days=9), **meeting(800, 400, 201), **villagers)
    )
    affair.refresh_from_db()
    assert affair.state == MatterState.RESOLVED


def test_a_failed_vote_is_kept_and_stops_the_matter(users: Any) -> None:
    affair = matter()
    villages.record_step(users["admin"], step(affair, 1, **meeting(5, 5, 5)))
    villages.record_step(users["admin"], step(affair, 2, **meeting(9, 8, 8)))
    recorded = villages.record_step(users["admin"], step(affair, 3, against=15, **meeting(30, 30, 15)))
    assert not recorded.passed
    affair.refresh_from_db()
    assert affair.state == MatterState.REJECTED
    with pytest.raises(ValidationError, match="未通过"):
        villages.record_step(
            users["admin"], step(affair, 4, assembly="representatives", **meeting(45, 40, 40))
        )


def test_one_meeting_for_proposal_and_consultation_only_with_one_person_in_both_posts(users: Any) -> None:
    separate = matter(secretary_is_chair=False)
    with pytest.raises(ValidationError, match="一肩挑"):
        villages.record_step(users["admin"], step(separate, 1, joint=True, **meeting(7, 7, 7)))
    merged = matter(secretary_is_chair=True)
    villages.record_step(users["admin"], step(merged, 1, joint=True, **meeting(7, 7, 7)))
    merged.refresh_from_db()
    assert merged.state == MatterState.CONSULTED and villages.next_step(merged) == 3


def test_a_correction_may_not_break_the_step_after_it(users: Any) -> None:
    affair = matter()
    carry_to_step_4(affair, users["admin"])
    second = affair.steps.get(step=2)
    second.held_on = D + dt.timedelta(days=8)  # after the members' meeting of day 7
    with pytest.raises(ValidationError, match="早于上一步"):
        villages.record_step(users["admin"], second)
    second.refresh_from_db()
    second.minutes = "补充会议纪要"
    villages.record_step(users["admin"], second)
    assert affair.steps.get(step=2).minutes == "补充会议纪要"


def test_the_matter_page_shows_the_six_steps_and_records_the_next(client_as: Any, users: Any) -> None:
    affair = matter()
    villages.record_step(users["admin"], step(affair, 1, **meeting(5, 5, 5)))
    client = client_as("laocheng")
    page = client.get(affair.get_absolute_url()).content.decode()
    for label in (
        "党支部会提议",
        "两委会商议",
        "党员大会审议",
        "村民会议或村民代表会议决议",
        "决议公开",
        "实施结果公开",
    ):
        assert label in page
    assert 'data-testid="next-step"' in page
    url = f"/party/villagematters/{affair.pk}/record/"
    response = client.post(
        url, {"step": "3", "held_on": "2026-03-05", "expected": "30", "present": "25", "in_favour": "20"}
    )
    assert response.status_code == 400
    assert "不能跳过步骤:下一步应是第2步“两委会商议”" in response.content.decode()
    assert affair.steps.count() == 1
    response = client.post(
        url, {"step": "2", "held_on": "2026-03-05", "expected": "9", "present": "8", "in_favour": "8"}
    )
    assert response.status_code == 302
    affair.refresh_from_db()
    assert affair.state == MatterState.CONSULTED
    assert affair.steps.get(step=2).history.earliest().history_user.username == "laocheng"
