"""The tables the study-room demo is drawn from (heluo.studyrooms.demo): the counties with their rooms
before 2019 and their part of the 2019 plan, the later plans, the readers' seasons and years, and the
words of invented names. Every place is a real division of Luoyang; everything else is invented."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

# The 2021 adjustment: before March 2021 偃师区 was 偃师市 and 孟津区 was 孟津县 and 吉利区 (core's division
# tree keeps them); a plan is made for the county of its year.
MERGED_ON = dt.date(2021, 3, 1)
BEFORE_MERGER = {"410307000000": "410381000000", "410308000000": "410322000000"}


@dataclass(frozen=True)
class County:
    """A county (县(市)区) as the demo fills it. `centre` is (longitude, latitude), WGS-84, of its town and
    `spread` how far (degrees) its rooms lie from it; `town_streets` the first streets (by code) that are
    the town's. `plan_2019`: (division code in 2019, rooms, in service by 30 June, under way then)."""

    code: str
    name: str
    centre: tuple[float, float]
    spread: float
    before_2019: int
    plan_2019: tuple[tuple[str, int, int, int], ...]
    weight: int
    urban: bool
    town_streets: int

    def code_in(self, year: int) -> str:
        """The code of the county a plan of `year` is made for."""
        return BEFORE_MERGER.get(self.code, self.code) if year < MERGED_ON.year else self.code


COUNTIES = (
    County("410302000000", "老城区", (112.469, 34.683), 0.010, 12, (("410302000000", 3, 1, 1),), 6, True, 9),
    County("410303000000", "西工区", (112.428, 34.668), 0.012, 14, (("410303000000", 4, 1, 1),), 7, True, 9),
    County("410304000000", "瀍河回族区", (112.500, 34.690), 0.010, 8, (("410304000000", 3, 0, 1),), 5, True, 6),
    County("410305000000", "涧西区", (112.395, 34.657), 0.014, 15, (("410305000000", 4, 1, 1),), 7, True, 11),
    County("410311000000", "洛龙区", (112.464, 34.618), 0.025, 16, (("410311000000", 5, 1, 1),), 10, True, 8),
    County("410371000000", "洛阳高新技术产业开发区", (112.337, 34.662), 0.012, 5, (("410371000000", 2, 0, 1),),
           3, True, 3),
    County("410307000000", "偃师区", (112.790, 34.727), 0.030, 6, (("410381000000", 4, 1, 1),), 5, False, 4),
    County("410308000000", "孟津区", (112.445, 34.826), 0.040, 8,
           (("410322000000", 3, 1, 1), ("410306000000", 1, 0, 0)), 6, False, 5),
    County("410323000000", "新安县", (112.132, 34.728), 0.025, 5, (("410323000000", 3, 0, 1),), 4, False, 3),
    County("410324000000", "栾川县", (111.615, 33.785), 0.025, 4, (("410324000000", 3, 1, 1),), 4, False, 2),
    County("410325000000", "嵩县", (112.085, 34.135), 0.025, 3, (("410325000000", 3, 0, 1),), 3, False, 2),
    County("410326000000", "汝阳县", (112.473, 34.154), 0.025, 3, (("410326000000", 3, 0, 1),), 3, False, 2),
    County("410327000000", "宜阳县", (112.179, 34.515), 0.025, 4, (("410327000000", 3, 1, 1),), 4, False, 3),
    County("410328000000", "洛宁县", (111.653, 34.389), 0.025, 3, (("410328000000", 3, 0, 1),), 3, False, 2),
    County("410329000000", "伊川县", (112.426, 34.422), 0.025, 5, (("410329000000", 3, 0, 1),), 4, False, 3),
)  # fmt: skip

# Rooms planned a year after 2019 and the deadline (the epidemic pushed 2020's to the end of October).
LATER_PLANS = {2020: 40, 2021: 36, 2022: 32, 2023: 30, 2024: 28, 2025: 26, 2026: 24}


def later_plan(year: int) -> tuple[int, dt.date]:
    deadline = dt.date(year, 10, 31) if year == 2020 else dt.date(year, 8, 31)
    return LATER_PLANS.get(year, 24), deadline


# Readers by month of the year: the winter and summer holidays fill the rooms.
SEASON = (1.15, 1.10, 0.90, 0.90, 0.95, 0.95, 1.25, 1.30, 0.90, 1.00, 0.90, 0.90)
YEARS = {2019: 1.0, 2020: 0.85, 2021: 0.95, 2022: 0.9, 2023: 1.05, 2024: 1.08, 2025: 1.1}
# The epidemic: rooms shut in February and March 2020, reopened step by step; shut again late in 2022.
EPIDEMIC = {
    dt.date(2020, 2, 1): 0.0, dt.date(2020, 3, 1): 0.0, dt.date(2020, 4, 1): 0.25, dt.date(2020, 5, 1): 0.55,
    dt.date(2020, 6, 1): 0.75, dt.date(2022, 11, 1): 0.35, dt.date(2022, 12, 1): 0.25, dt.date(2023, 1, 1): 0.6,
}  # fmt: skip


def trend(month: dt.date) -> float:
    """Readers of a month against 2019's (the year's level, and the epidemic's closures)."""
    return YEARS.get(month.year, 1.12) * EPIDEMIC.get(month, 1.0)


@dataclass(frozen=True)
class Totals:
    visits: int
    loans: int
    returns: int
    new_cards: int
    events: int
    participants: int

    @classmethod
    def of_rows(cls, months: Sequence[Any], events: Sequence[Any]) -> Totals:
        return cls(
            visits=sum(row.visits for row in months),
            loans=sum(row.loans for row in months),
            returns=sum(row.returns for row in months),
            new_cards=sum(row.new_cards for row in months),
            events=len(events),
            participants=sum(row.participants for row in events),
        )

    def minus(self, other: Totals) -> Totals:
        left = {f.name: getattr(self, f.name) - getattr(other, f.name) for f in fields(self)}
        short = [name for name, number in left.items() if number < 0]
        if short:
            raise ValueError(f"the rows already count more than the totals: {short}")
        return Totals(**left)


# The city's totals at the article's day (30 June 2019): invented numbers the article's figures are the
# official writing of (460万余人次, 150余万册次 of loans and returns, 4万余张, 1000余场, 8.9万余人次).
AT_ARTICLE_DAY = Totals(
    visits=4_603_517, loans=761_942, returns=742_351, new_cards=41_372, events=1_027, participants=89_416
)

# 正月初一 of each year (the Spring Festival), from 2019.
SPRING_FESTIVALS = {
    2019: dt.date(2019, 2, 5), 2020: dt.date(2020, 1, 25), 2021: dt.date(2021, 2, 12),
    2022: dt.date(2022, 2, 1), 2023: dt.date(2023, 1, 22), 2024: dt.date(2024, 2, 10),
    2025: dt.date(2025, 1, 29), 2026: dt.date(2026, 2, 17), 2027: dt.date(2027, 2, 6),
    2028: dt.date(2028, 1, 26), 2029: dt.date(2029, 2, 13), 2030: dt.date(2030, 2, 3),
}  # fmt: skip
NEW_YEAR = "春节（正月初一）"

LANDMARKS = (
    "河洛", "书香", "牡丹", "洛浦", "伊水", "涧水", "瀍水", "邙岭", "天街", "明德", "知行", "致远", "启明",
    "晨曦", "墨韵", "翰林", "青藤", "悦读", "博雅", "静心", "问津", "拾光", "听雨", "兰亭", "雅集", "文渊",
    "清风", "朗月", "星河", "嘉禾", "书韵", "望春",
)  # fmt: skip
ROADS = (
    "文昌路", "兴隆街", "和平路", "建设路", "人民路", "育才路", "书香路", "滨河路", "新华街", "友谊路",
    "春晖路", "丰收路", "振兴路", "朝阳路", "锦屏路", "安康路", "公园路", "学府街",
)  # fmt: skip
# (title, fewest and most taking part)
EVENT_TITLES = (
    ("亲子绘本共读会", 15, 60), ("经典诵读会", 20, 80), ("“书香洛阳”读书分享会", 25, 120),
    ("河洛文化讲座", 30, 150), ("少儿手工坊", 12, 40), ("非遗剪纸体验课", 15, 50),
    ("科普阅读小课堂", 20, 70), ("诗词大会", 30, 160), ("读者沙龙", 15, 60), ("红色经典诵读", 25, 120),
    ("传统节日主题阅读", 20, 100), ("暑期阅读夏令营", 20, 60), ("老年人智能手机课堂", 15, 45),
)  # fmt: skip
