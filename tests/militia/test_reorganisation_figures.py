"""The militia's published figures for a territory and a year, from the roster on the reference date of
that year's reorganisation: the new-type share, the primary militia, the targets met, the turnout."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from heluo.core.figures import Period, Territory, render_sentence, value
from heluo.militia.models import MusterAttendance

from .factories_b import CHANHE, YICHUAN, division, member, members, muster, reorganisation, target, unit

pytestmark = pytest.mark.django_db
YEAR = Period.year(2026)


def test_the_figures_count_the_roster_on_the_reorganisations_reference_date() -> None:
    reorg = reorganisation()
    drones = unit(CHANHE, "drone")
    members(drones, 2)
    members(unit(CHANHE), 6)
    members(unit(YICHUAN), 2)
    member(drones, age=40)  # over age: not counted
    target(reorg, CHANHE, 2, "drone")
    target(reorg, CHANHE, 9)
    called = unit(CHANHE)
    held = muster(reorg, called)
    for n, person in enumerate(members(called, 4, joined_on=reorg.reference_date.replace(day=2))):
        MusterAttendance.objects.create(
            muster=held, member=person, present=n > 0, absence_reason="" if n else "病假"
        )
    city, chanhe = Territory.city(), Territory.of(division(CHANHE))
    assert value("militia.new_type_share", city, YEAR).number == Decimal("20.00")
    assert value("militia.primary_strength", city, YEAR).number == 10
    assert value("militia.new_type_share", chanhe, YEAR).number == Decimal("25.00")
    assert value("militia.targets_met", chanhe, YEAR).number == 1
    assert value("militia.muster_turnout", chanhe, YEAR).number == Decimal("75.00")
    assert value("militia.new_type_share", city, Period.year(2025)).number is None
    sentence = render_sentence("militia.reorganisation", chanhe, YEAR)
    assert "基干民兵8名" in sentence and "新质力量占比25%" in sentence and "到点率75%" in sentence


def _unused(*_: Any) -> None: ...
