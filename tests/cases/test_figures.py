"""The supervision figures of core's registry are the statistics page's totals (heluo.cases.figures), on
the hand-counted fixture of test_statistics."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from heluo.cases.services import statistics
from heluo.core.figures import Territory, render_sentence, value
from heluo.core.models import Division

from .test_statistics import NOW, PERIOD, fixture  # noqa: F401  (the hand-counted cases)

LUOLONG, MENGJIN = "410311000000", "410308000000"


def numbers(territory: Territory) -> tuple[Any, ...]:
    keys = ("received", "closed", "closed_on_time", "open_overdue", "on_time_rate")
    return tuple(value(f"cases.{key}", territory, PERIOD).number for key in keys)


def test_a_districts_figures_are_its_cases_hand_count(fixture: dict[str, Any]) -> None:  # noqa: F811
    luolong = Territory.of(Division.objects.get(code=LUOLONG))
    # Unit A's cases, all placed in 定鼎门 (洛龙区): received 6, closed 4, on time 2, open overdue 1.
    assert numbers(luolong) == (6, 4, 2, 1, Decimal("50.0"))
    assert value("cases.on_time_rate", luolong, PERIOD).text == "50%"


def test_a_merged_divisions_cases_count_for_its_successor(fixture: dict[str, Any]) -> None:  # noqa: F811
    mengjin = Territory.of(Division.objects.get(code=MENGJIN))
    assert numbers(mengjin) == (1, 0, 0, 1, None)  # the 吉利区 case: received, overdue, nothing closed
    assert value("cases.on_time_rate", mengjin, PERIOD).text == "—"


def test_the_city_figures_are_the_statistics_pages_total_by_district(
    fixture: dict[str, Any],  # noqa: F811
    users: dict[str, Any],
) -> None:
    _ranked, total = statistics.figures(users["duban"], PERIOD, "division", NOW)
    assert numbers(Territory.city()) == (
        total.received, total.closed, total.on_time, total.open_overdue, total.on_time_rate,
    )  # fmt: skip
    assert numbers(Territory.city())[:3] == (8, 5, 3)


def test_the_sentence_reads_like_a_report(fixture: dict[str, Any]) -> None:  # noqa: F811
    text = render_sentence("cases.summary", Territory.of(LUOLONG[:6]), PERIOD)
    assert text == "2026年11月，共受理督办事项6件，办结4件，其中按时办结2件，按时办结率50%，逾期未办结1件。"
