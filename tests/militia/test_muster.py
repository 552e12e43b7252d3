"""Recording a muster and roll call: the turnout computed, below the standard flagged, a bad row refused
with nothing written, and a muster's page showing the roll call to militia roles only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from heluo.militia.models import Muster, MusterAttendance
from heluo.militia.services.muster import Presence, record_muster

from .factories_b import (  # noqa: F401  (militia_accounts: fixtures)
    CHANHE,
    YICHUAN,
    members,
    militia_accounts,
    reorganisation,
    unit,
    user,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("militia_accounts")]
DAY = dt.date(2026, 3, 15)


def roll(people: list[Any], absent: int) -> dict[int, Presence]:
    marks = {m.pk: Presence(True) for m in people}
    for m in people[:absent]:
        marks[m.pk] = Presence(False, "外出务工")
    return marks


def test_a_muster_at_ninety_percent_meets_the_standard() -> None:
    called = unit(CHANHE)
    people = members(called, 10)
    recorded = record_muster(
        user("wuzhuang"), reorganisation(CHANHE), called, DAY, "瀍河区民兵训练场", roll(people, 1)
    )
    assert recorded.turnout.percent == Decimal("90.00") and not recorded.below_standard
    assert recorded.muster.attendances.filter(present=False).get().absence_reason == "外出务工"


def test_a_muster_below_the_reorganisations_standard_is_flagged() -> None:
    called = unit(CHANHE)
    people = members(called, 10)
    reorg = reorganisation(CHANHE, min_muster_turnout=Decimal("95"))
    recorded = record_muster(user("wuzhuang"), reorg, called, DAY, "训练场", roll(people, 1))
    assert recorded.below_standard


def test_an_absence_without_a_reason_writes_nothing() -> None:
    called = unit(CHANHE)
    people = members(called, 3)
    marks = {**roll(people, 0), people[0].pk: Presence(False)}
    with pytest.raises(ValidationError, match="缺席"):
        record_muster(user("wuzhuang"), reorganisation(CHANHE), called, DAY, "训练场", marks)
    assert not Muster.objects.filter(unit=called).exists()
    assert not MusterAttendance.objects.filter(member__in=people).exists()


def test_a_unit_outside_the_officers_scope_is_refused() -> None:
    called = unit(YICHUAN)
    with pytest.raises(PermissionDenied):
        record_muster(
            user("wuzhuang"),
            reorganisation(YICHUAN),
            called,
            DAY,
            "训练场",
            roll(members(called, 2), 0),
        )


def test_the_muster_page_shows_the_turnout_and_the_roll_call_to_militia_roles_only(client_as: Any) -> None:
    called = unit(CHANHE)
    people = members(called, 4)
    recorded = record_muster(user("wuzhuang"), reorganisation(CHANHE), called, DAY, "训练场", roll(people, 1))
    page = client_as("wuzhuang").get(recorded.muster.get_absolute_url())
    text = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="turnout-below"' in text and "75%" in text and "低于90%" in text
    assert people[0].name in text and "外出务工" in text
    assert client_as("laocheng").get(recorded.muster.get_absolute_url()).status_code == 403


def test_the_roll_call_page_records_each_members_presence_and_refuses_an_absence_without_reason(
    client_as: Any,
) -> None:
    called = unit(CHANHE)
    people = members(called, 3)
    gone = members(called, 1, left_on=dt.date(2026, 3, 1))[0]  # left before the muster: not called
    recorded = record_muster(user("wuzhuang"), reorganisation(CHANHE), called, DAY, "训练场", {})
    url = f"/militia/musters/{recorded.muster.pk}/roll-call/"
    client = client_as("wuzhuang")
    page = client.get(url).content.decode()
    assert all(f'name="present-{m.pk}"' in page for m in people) and f'name="present-{gone.pk}"' not in page
    refused = client.post(url, {f"present-{people[0].pk}": "on", f"present-{people[1].pk}": "on"})
    assert refused.status_code == 400 and "请填写缺席原因" in refused.content.decode()
    assert not MusterAttendance.objects.filter(muster=recorded.muster).exists()
    answer = client.post(
        url,
        {f"present-{people[0].pk}": "on", f"present-{people[1].pk}": "on", f"reason-{people[2].pk}": "病假"},
    )
    assert answer.status_code == 302
    assert "应到3人，实到2人 · 66.66%" in client.get(recorded.muster.get_absolute_url()).content.decode()
    assert client_as("laocheng").get(url).status_code == 403
