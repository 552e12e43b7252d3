"""HJ 633 for particulates: the worked examples of the notes and every breakpoint of both standards."""

from __future__ import annotations

import math
from datetime import date

import pytest

from heluo.monitoring import aqi

BEFORE = date(2026, 2, 28)  # HJ 633-2012
AFTER = date(2026, 3, 1)  # HJ 633-2026


def test_the_worked_example_pm25_80_is_107_light_pollution_under_2012() -> None:
    result = aqi.aqi({"pm25": 80}, BEFORE)
    assert (result.standard, result.aqi, result.category.name, result.primary) == (
        "HJ 633-2012", 107, "轻度污染", ("PM2.5",)
    )  # fmt: skip
    # (150 - 100) / (115 - 75) × (80 - 75) + 100 = 106.25, rounded up


def test_the_same_concentration_under_2026_uses_the_new_breakpoints() -> None:
    # (150 - 100) / (115 - 60) × (80 - 60) + 100 = 118.18… → 119
    assert aqi.aqi({"pm25": 80}, AFTER).aqi == 119


def test_the_standard_changes_on_2026_03_01() -> None:
    assert aqi.standard_for(date(2026, 2, 28)) == "HJ 633-2012"
    assert aqi.standard_for(date(2026, 3, 1)) == "HJ 633-2026"


@pytest.mark.parametrize("standard", [aqi.STANDARD_2012, aqi.STANDARD_2026])
@pytest.mark.parametrize("pollutant", ["pm10", "pm25"])
def test_every_breakpoint_gives_its_iaqi_exactly(standard: str, pollutant: str) -> None:
    for concentration, expected in zip(aqi.BREAKPOINTS[standard][pollutant], aqi.IAQI_STEPS, strict=True):
        assert aqi.iaqi(pollutant, concentration, standard).value == expected, (
            standard,
            pollutant,
            concentration,
        )


@pytest.mark.parametrize("standard", [aqi.STANDARD_2012, aqi.STANDARD_2026])
@pytest.mark.parametrize("pollutant", ["pm10", "pm25"])
def test_one_above_each_breakpoint_rounds_up_into_the_next_segment(standard: str, pollutant: str) -> None:
    points = aqi.BREAKPOINTS[standard][pollutant]
    for index in range(len(points) - 1):
        low, high = points[index], points[index + 1]
        i_low, i_high = aqi.IAQI_STEPS[index], aqi.IAQI_STEPS[index + 1]
        exact = (i_high - i_low) / (high - low) * 1 + i_low
        assert aqi.iaqi(pollutant, low + 1, standard).value == math.ceil(exact - 1e-9)


def test_above_the_top_breakpoint_is_reported_above_the_table_never_extrapolated() -> None:
    result = aqi.aqi({"pm10": 601, "pm25": 30}, AFTER)
    assert result.aqi is None
    assert result.as_dict()["aqi"] == "> 500"
    assert result.as_dict()["iaqi"] == {"PM10": "> 500", "PM2.5": 43}
    assert (result.category.level, result.category.name, result.primary) == (6, "严重污染", ("PM10",))
    assert aqi.iaqi("pm25", 500, aqi.STANDARD_2012).value == 500  # the top breakpoint itself is in the table


def test_concentrations_are_rounded_half_to_even_before_the_index() -> None:
    # HJ 663: whole µg/m³, GB/T 8170 rounding; 75.5 → 76 and 74.5 → 74.
    assert aqi.iaqi("pm25", 74.5, aqi.STANDARD_2012).concentration == 74
    assert aqi.iaqi("pm25", 75.5, aqi.STANDARD_2012).concentration == 76
    assert aqi.iaqi("pm25", 75.4, aqi.STANDARD_2012).value == 100


def test_six_categories_with_their_names_and_colours() -> None:
    assert [(c.level, c.name, c.colour_name) for c in aqi.CATEGORIES] == [
        (1, "优", "绿色"), (2, "良", "黄色"), (3, "轻度污染", "橙色"), (4, "中度污染", "红色"),
        (5, "重度污染", "紫色"), (6, "严重污染", "褐红色"),
    ]  # fmt: skip
    assert [aqi.category_of(i).level for i in (0, 50, 51, 100, 101, 150, 151, 200, 201, 300, 301, 500)] == [
        1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
    ]  # fmt: skip


def test_the_primary_pollutant_is_named_only_above_50_and_ties_name_both() -> None:
    assert aqi.aqi({"pm10": 40, "pm25": 20}, AFTER).primary == ()
    both = aqi.aqi({"pm10": 50, "pm25": 35}, AFTER)
    assert (both.aqi, both.primary) == (50, ())
    tied = aqi.aqi({"pm10": 250, "pm25": 115}, AFTER)
    assert (tied.aqi, tied.primary, tied.exceeding) == (150, ("PM10", "PM2.5"), ("PM10", "PM2.5"))


@pytest.mark.parametrize("bad", [-1, float("nan"), float("inf"), "12", None, True])
def test_bad_input_is_an_error_not_a_number(bad: object) -> None:
    with pytest.raises(ValueError):
        aqi.iaqi("pm10", bad, aqi.STANDARD_2026)  # type: ignore[arg-type]


def test_no_concentration_at_all_is_an_error() -> None:
    with pytest.raises(ValueError):
        aqi.aqi({"pm10": None}, AFTER)


def test_hourly_reports_index_1_hour_values_in_2026_and_sliding_averages_in_2012() -> None:
    hourly, sliding = {"pm10": 200.0}, {"pm10": 90.0}
    assert aqi.hourly_concentrations(AFTER, hourly, sliding) == hourly
    assert aqi.hourly_concentrations(BEFORE, hourly, sliding) == sliding
