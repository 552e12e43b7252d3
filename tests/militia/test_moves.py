"""A member's moves in, out of and between units: one UnitMove and the member's new unit in one
transaction, both in the history; refusals change nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from heluo.militia.models import MilitiaMember, MoveDirection, UnitMove
from heluo.militia.services.members import move_member

from . import factories as f
from .conftest import CHANHE_OFFICER, CITY_OFFICER


def test_in_transfer_and_out_each_write_one_move_and_change_the_unit(users: dict[str, Any]) -> None:
    officer = users[CHANHE_OFFICER]
    member, first, second = f.member(), f.unit(), f.unit()
    moves = [
        move_member(member, first, dt.date(2025, 3, 1), "整组编入", officer),
        move_member(member, second, dt.date(2025, 9, 1), "调整编组", officer),
        move_member(member, None, dt.date(2026, 3, 1), "迁出", officer),
    ]
    assert [(m.direction, m.from_unit, m.to_unit) for m in moves] == [
        (MoveDirection.IN, None, first),
        (MoveDirection.TRANSFER, first, second),
        (MoveDirection.OUT, second, None),
    ]
    member.refresh_from_db()
    assert member.unit is None
    units = [h.unit_id for h in member.history.order_by("history_date", "history_id")]
    assert units[-3:] == [first.pk, second.pk, None]
    assert {h.history_user for h in member.history.all()[:3]} == {officer}


def test_a_refused_move_changes_nothing(users: dict[str, Any]) -> None:
    member, ordinary = f.member(), f.unit(is_primary=False)
    with pytest.raises(ValidationError) as refusal:
        move_member(member, ordinary, dt.date(2025, 3, 1), "", users[CHANHE_OFFICER])
    assert refusal.value.message_dict["to_unit"] == ["基干民兵只能编入基干民兵分队。"]
    with pytest.raises(ValidationError):
        move_member(member, None, dt.date(2025, 3, 1), "", users[CHANHE_OFFICER])  # already in no unit
    with pytest.raises(PermissionDenied):
        move_member(member, f.unit(f.LAOCHENG), dt.date(2025, 3, 1), "", users[CHANHE_OFFICER])
    for outsider in ("admin", "lingdao"):
        with pytest.raises(PermissionDenied):
            move_member(member, f.unit(), dt.date(2025, 3, 1), "", users[outsider])
    member.refresh_from_db()
    assert member.unit is None and not UnitMove.objects.filter(member=member).exists()


def test_registering_a_member_in_a_unit_and_changing_it_writes_the_moves(client_as: Any) -> None:
    client = client_as(CITY_OFFICER)
    first, second = f.unit(), f.unit(f.LAOCHENG)
    data = {"name": "登记转队民兵", "birth_date": "2001-06-01", "division": f.division(f.CHANHE).pk,
            "member_class": "primary", "unit": first.pk, "political_review": "passed", "joined_on": "2025-03-01"}  # fmt: skip
    assert client.post("/militia/members/add/", data).status_code == 302
    member = MilitiaMember.objects.get(name="登记转队民兵")
    assert client.post(f"/militia/members/{member.pk}/edit/", {**data, "unit": second.pk}).status_code == 302
    moves = list(UnitMove.objects.filter(member=member).order_by("pk"))
    assert [(m.direction, m.from_unit, m.to_unit) for m in moves] == [
        (MoveDirection.IN, None, first),
        (MoveDirection.TRANSFER, first, second),
    ]
    assert moves[0].moved_on == dt.date(2025, 3, 1)
    page = client.get(member.get_absolute_url()).content.decode()
    assert "出入转队记录" in page and "转队" in page and second.name in page


def test_a_units_page_shows_its_members_and_strength_against_target(client_as: Any) -> None:
    unit = f.unit(target_strength=3)
    f.member(unit=unit, name="分队页民兵甲")
    f.member(unit=unit, name="分队页民兵乙", left_on=dt.date(2025, 5, 1), left_reason="moved")
    page = client_as(CHANHE_OFFICER).get(unit.get_absolute_url()).content.decode()
    assert "分队页民兵甲" in page and "分队页民兵乙" not in page
    assert "在册1人，编建规模3人" in page and "缺编2人" in page
