"""A reorganisation's page: the share of new-type forces computed from the roster with its numbers and
whether it meets the required share, per county, the targets, the units' findings and the musters; the
check that opens the shortfall's case; refused to roles without militia."""

from __future__ import annotations

from typing import Any

import pytest

from heluo.militia.services.reorganisation import SOURCE_KIND

from .factories_b import (  # noqa: F401  (militia_accounts: fixtures)
    CHANHE,
    CITY_OFFICER,
    YICHUAN,
    members,
    militia_accounts,
    reorganisation,
    target,
    unit,
    user,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("militia_accounts")]


def test_the_page_shows_the_share_from_the_roster_per_county_with_targets_and_findings(
    client_as: Any,
) -> None:
    reorg = reorganisation()
    members(unit(CHANHE, "drone", name="瀍河测试无人机分队"), 2)
    members(unit(CHANHE, target_strength=10), 8, is_veteran=True)
    members(unit(YICHUAN, "cyber"), 1)
    members(unit(YICHUAN), 9)
    target(reorg, CHANHE, 2, "drone")
    page = client_as(CITY_OFFICER).get(reorg.get_absolute_url())
    text = page.content.decode()
    assert page.status_code == 200
    assert '<p class="display-6 mb-1" data-testid="share-percent">15%</p>' in text
    assert "在册基干民兵20名，其中新质力量3名。" in text
    assert 'data-testid="share-short"' in text and "低于20%" in text
    assert "2 / 10 · 20%" in text and "1 / 10 · 10%" in text  # 瀍河 meets, 伊川 does not
    assert "瀍河测试无人机分队" in text and "2 / 2 · 100%" in text
    assert "退役军人或专业对口人员0人，占在编9人的0%，低于60%" in text
    assert "在编8人，为编制10人" not in text  # 80 % on hand meets the standard


def test_the_check_opens_the_case_once_and_the_page_links_it(client_as: Any) -> None:
    from heluo.cases.models import Case

    reorg = reorganisation(CHANHE)
    members(unit(CHANHE), 5)
    client = client_as("wuzhuang")
    assert client.post(f"/militia/reorganisations/{reorg.pk}/check/").status_code == 302
    assert client.post(f"/militia/reorganisations/{reorg.pk}/check/").status_code == 302
    case = Case.objects.get(source_kind=SOURCE_KIND)
    assert case.number in client.get(reorg.get_absolute_url()).content.decode()


def test_the_citys_page_links_each_countys_open_case(client_as: Any) -> None:
    from heluo.cases.models import Case
    from heluo.militia.services.reorganisation import check_new_type_share

    reorg = reorganisation()
    members(unit(CHANHE, "drone"), 3)
    members(unit(YICHUAN), 5)  # 伊川 short: 0 of 5; the city meets with 3 of 8
    check_new_type_share(reorg)
    case = Case.objects.get(source_kind=SOURCE_KIND)
    assert case.division.code == YICHUAN
    text = client_as(CITY_OFFICER).get(reorg.get_absolute_url()).content.decode()
    assert f'data-testid="county-case">{case.number}</a>' in text


def test_the_page_and_the_check_are_refused_to_roles_without_militia(client_as: Any) -> None:
    reorg = reorganisation(CHANHE)
    for username in ("laocheng", "luolong", "duban"):
        client = client_as(username)
        assert client.get(reorg.get_absolute_url()).status_code == 403
        assert client.post(f"/militia/reorganisations/{reorg.pk}/check/").status_code == 403
