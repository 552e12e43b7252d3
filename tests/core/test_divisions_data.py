"""Tests of the vendored division tables (no Django, no database)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from heluo.core.divisions_data import (
    DivisionRecord,
    ancestor_codes,
    find,
    iter_divisions,
    iter_succession,
    level_of,
    normalize_code,
    short_name,
)


@pytest.fixture(scope="module")
def luoyang() -> dict[str, DivisionRecord]:
    return {r.code: r for r in iter_divisions("4103")}


def test_luoyang_counts(luoyang: dict[str, DivisionRecord]) -> None:
    levels = Counter(r.level for r in luoyang.values())
    assert levels == {2: 1, 3: 15, 4: 194, 5: 3244}


def test_luoyang_subtree_holds_every_row_under_the_city() -> None:
    assert len(list(iter_divisions("4103"))) == 3454


def test_luoyang_county_level(luoyang: dict[str, DivisionRecord]) -> None:
    counties = {r.code[:6]: r.name for r in luoyang.values() if r.level == 3}
    assert counties["410307"] == "偃师区"
    assert counties["410308"] == "孟津区"
    # A functional zone, listed by the NBS codes at county level.
    assert counties["410371"] == "洛阳高新技术产业开发区"
    assert not {"410306", "410322", "410381"} & counties.keys()
    assert all(r.parent_code == "410300000000" for r in luoyang.values() if r.level == 3)
    assert luoyang["410300000000"].parent_code == "410000000000"


def test_communities(luoyang: dict[str, DivisionRecord]) -> None:
    dingdingmen = luoyang["410311002001"]
    assert dingdingmen.name == "定鼎门社区居民委员会"
    assert dingdingmen.level == 5
    assert dingdingmen.parent_code == "410311002000"
    assert luoyang["410311002000"].name == "开元路街道"
    assert luoyang["410311011000"].name == "定鼎门街道"

    jinjiajie = luoyang["410304004002"]
    assert jinjiajie.name == "金家街社区居民委员会"
    assert jinjiajie.parent_code == "410304004000"
    assert luoyang["410304004000"] == DivisionRecord("410304004000", "北窑街道", 4, "410304000000")


def test_former_jili_streets_under_mengjin(luoyang: dict[str, DivisionRecord]) -> None:
    assert luoyang["410308004000"].name == "吉利街道"
    assert luoyang["410308005000"].name == "河阳街道"


def test_find() -> None:
    assert find("410311002001") == DivisionRecord("410311002001", "定鼎门社区居民委员会", 5, "410311002000")
    assert find("4103") == DivisionRecord("410300000000", "洛阳市", 2, "410000000000")
    assert find("41") == DivisionRecord("410000000000", "河南省", 1, None)
    assert find("410306") is None  # 吉利区, gone since 2021
    with pytest.raises(ValueError):
        find("41a")


def test_level_of() -> None:
    assert level_of("410000000000") == 1
    assert level_of("41") == 1
    assert level_of("410300000000") == 2
    assert level_of("410311") == 3
    assert level_of("410311002") == 4
    assert level_of("410311002001") == 5
    assert level_of("441900003000") == 4  # 东莞市: streets without a county level
    with pytest.raises(ValueError):
        level_of("000000000000")
    with pytest.raises(ValueError):
        level_of("4103110020011")
    assert normalize_code("4103") == "410300000000"


def test_ancestor_codes() -> None:
    assert ancestor_codes("410311002001") == [
        "410311002000",
        "410311000000",
        "410300000000",
        "410000000000",
    ]
    assert ancestor_codes("441900003000") == ["441900000000", "440000000000"]
    assert ancestor_codes("41") == []


def test_municipality() -> None:
    beijing = {r.code: r for r in iter_divisions("11")}
    assert beijing["110000000000"] == DivisionRecord("110000000000", "北京市", 1, None)
    # The dataset keeps the NBS city-level "市辖区" row of municipalities.
    assert beijing["110100000000"] == DivisionRecord("110100000000", "市辖区", 2, "110000000000")
    assert beijing["110101000000"].name == "东城区"
    assert beijing["110101000000"].parent_code == "110100000000"
    assert beijing["110101001000"].parent_code == "110101000000"
    assert all(r.parent_code in beijing for r in beijing.values() if r.level > 1)


def test_city_without_counties() -> None:
    dongguan = {r.code: r for r in iter_divisions("4419")}
    assert dongguan["441900000000"] == DivisionRecord("441900000000", "东莞市", 2, "440000000000")
    assert {r.level for r in dongguan.values()} == {2, 4, 5}
    assert all(r.parent_code == "441900000000" for r in dongguan.values() if r.level == 4)


def test_prefix_parents_are_resolved_outside_the_range() -> None:
    rows = list(iter_divisions("410311002"))
    assert rows[0] == DivisionRecord("410311002000", "开元路街道", 4, "410311000000")
    assert all(r.code.startswith("410311002") for r in rows)
    assert [r.parent_code for r in rows[1:]] == ["410311002000"] * (len(rows) - 1)


def test_succession() -> None:
    rows = {r.code: r for r in iter_succession()}
    jili = rows["410306000000"]
    assert jili.name == "吉利区"
    assert jili.level == 3
    assert jili.parent_code == "410300000000"
    assert jili.successor_codes == ("410308000000",)
    assert jili.valid_to == date(2021, 3, 1)
    assert rows["410322000000"].successor_codes == ("410308000000",)
    assert rows["410381000000"].successor_codes == ("410307000000",)
    assert rows["410306004000"].successor_codes == ("410308004000",)  # 吉利街道

    current = {r.code for r in iter_divisions("4103")}
    for row in rows.values():
        assert row.code not in current
        assert row.successor_codes and set(row.successor_codes) <= current
        assert row.parent_code in rows or row.parent_code in current


def test_short_name() -> None:
    assert short_name("定鼎门社区居民委员会") == "定鼎门社区"
    assert short_name("多福巷社区居委会") == "多福巷社区"
    assert short_name("后村村民委员会") == "后村"
    assert short_name("开元路街道") == "开元路街道"
