"""The demo's reorganisation: this year's of the city, the page showing the new-type share of 20 % or more
computed from the rows, the battalion's muster at 90 % or more; a second run creates nothing."""

from __future__ import annotations

from typing import Any

import pytest

from heluo.core.services.accounts import system_operator
from heluo.militia import demo_reorganisation
from heluo.militia.demo import city_officer
from heluo.militia.models import MilitiaMember, Muster, Reorganisation
from heluo.militia.services.reorganisation import area_share, muster_turnout, open_shortfall_cases

from .factories_b import CITY_OFFICER, militia_accounts  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("militia_accounts")]


def test_the_demo_reorganisation_meets_the_share_from_its_rows_and_loads_once(client_as: Any) -> None:
    counts = demo_reorganisation.load(city_officer(system_operator()))
    assert counts["民兵整组"] == 1 and counts["整组任务指标"] == 6 and counts["集结点验"] == 1
    members = str(MilitiaMember._meta.verbose_name_plural)
    assert counts[members] == MilitiaMember.objects.filter(is_demo=True).count() == 67
    reorg = Reorganisation.objects.get(is_demo=True)
    assert reorg.reference_date.month == 3 and reorg.reference_date.day == 1
    assert "新质力量占比在20%以上" in reorg.task
    share = area_share(reorg, reorg.division).share
    assert (share.numerator, share.denominator) == (15, 67) and share.meets(reorg.required_new_type_share)
    assert not open_shortfall_cases(reorg, reorg.division).exists()
    battalion_muster = Muster.objects.get(reorganisation=reorg, unit__name="洛阳市民兵应急营")
    assert muster_turnout(battalion_muster).meets

    text = client_as(CITY_OFFICER).get(reorg.get_absolute_url()).content.decode()
    assert '<p class="display-6 mb-1" data-testid="share-percent">22.38%</p>' in text
    assert "在册基干民兵67名，其中新质力量15名。" in text and 'data-testid="share-met"' in text
    assert "应到20人，实到19人 · 95%" in text

    assert demo_reorganisation.load(city_officer(system_operator())) == {}
