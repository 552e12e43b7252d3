"""The consultation rule (拆迁工地会商研判) and the distances it uses, on hand-written tables."""

from __future__ import annotations

import math

import pytest

from heluo.dust.rules import geo
from heluo.dust.rules.consultation import ALLOWED, STOPPED, WET_ONLY, Inputs, Receptor, Rule, decide

# The default set the migration seeds, in its order.
DEFAULTS = (
    Rule(1, STOPPED, alert_at_least="orange"),
    Rule(2, STOPPED, wind_at_least=5.5),
    Rule(3, STOPPED, aqi_at_least=201),
    Rule(4, STOPPED, wind_at_least=3.4, receptor_within_m=200, receptor_downwind=True),
    Rule(5, WET_ONLY, alert_at_least="yellow"),
    Rule(6, WET_ONLY, aqi_at_least=151),
    Rule(7, WET_ONLY, receptor_within_m=500, precipitation_below=5),
    Rule(8, WET_ONLY, station_within_m=1000, precipitation_below=5),
)
CLEAR = {"wind_speed": 2.0, "wind_direction": 0.0, "precipitation": 0.0, "alert": "none", "aqi": 60}
SOUTH_150 = (Receptor(150, 180),)


@pytest.mark.parametrize(
    ("inputs", "decision", "rule"),
    [
        ({}, ALLOWED, None),  # a clear, calm day far from anyone
        ({"alert": "orange"}, STOPPED, 1),
        ({"alert": "red", "wind_speed": 0.5}, STOPPED, 1),
        ({"alert": "blue"}, ALLOWED, None),
        ({"alert": "yellow"}, WET_ONLY, 5),
        ({"wind_speed": 5.5}, STOPPED, 2),
        ({"wind_speed": 5.4}, ALLOWED, None),
        ({"aqi": 201}, STOPPED, 3),
        ({"aqi": 200}, WET_ONLY, 6),
        ({"aqi": 150}, ALLOWED, None),
        ({"aqi": None}, ALLOWED, None),  # no AQI: the AQI rules do not hold
        # A school 150 m south, the wind from the north at 4 m/s blows the dust onto it.
        ({"wind_speed": 4.0, "receptors": SOUTH_150}, STOPPED, 4),
        # The same school upwind (wind from the south): near, so wet work only.
        ({"wind_speed": 4.0, "wind_direction": 180.0, "receptors": SOUTH_150}, WET_ONLY, 7),
        ({"wind_speed": 3.0, "receptors": SOUTH_150}, WET_ONLY, 7),  # too calm to carry it
        ({"wind_speed": 4.0, "wind_direction": None, "receptors": SOUTH_150}, WET_ONLY, 7),
        ({"wind_speed": 4.0, "receptors": (Receptor(150, 225),)}, STOPPED, 4),  # 45° off: downwind still
        ({"wind_speed": 4.0, "receptors": (Receptor(150, 226),)}, WET_ONLY, 7),
        ({"receptors": (Receptor(400, 90),), "precipitation": 6.0}, ALLOWED, None),  # rain keeps dust down
        ({"receptors": (Receptor(400, 90),), "precipitation": None}, ALLOWED, None),
        ({"receptors": (Receptor(900, 90), Receptor(499, 0))}, WET_ONLY, 7),  # any receptor near enough
        ({"station_distance_m": 800.0}, WET_ONLY, 8),
        ({"station_distance_m": 1200.0}, ALLOWED, None),
        ({"alert": "orange", "aqi": 300, "wind_speed": 9.0}, STOPPED, 1),  # the first rule that holds
    ],
)
def test_the_default_rules_decide_as_the_table_says(inputs: dict, decision: str, rule: int | None) -> None:
    outcome = decide(DEFAULTS, Inputs(**{**CLEAR, **inputs}))
    assert (outcome.decision, outcome.rule) == (decision, rule)


def test_no_input_at_all_fires_no_conditional_rule() -> None:
    assert decide(DEFAULTS, Inputs()).decision == ALLOWED


def test_a_rule_without_conditions_always_holds() -> None:
    assert decide((Rule(2, WET_ONLY, aqi_at_least=500), Rule(9, STOPPED)), Inputs(**CLEAR)).rule == 9


def test_an_unknown_alert_colour_is_refused() -> None:
    with pytest.raises(ValueError, match="purple"):
        decide(DEFAULTS, Inputs(alert="purple"))


def test_haversine_distances_and_bearings() -> None:
    one_degree = 6_371_008.8 * math.pi / 180  # 111,195.08 m along a meridian
    assert geo.distance_m(112.0, 34.0, 112.0, 35.0) == pytest.approx(one_degree, abs=0.01)
    # Along the equator a degree of longitude is the same arc.
    assert geo.distance_m(0.0, 0.0, 1.0, 0.0) == pytest.approx(one_degree, abs=0.01)
    # At 60° north it is half as long (cos 60° = 0.5), to within the curve of the great circle.
    assert geo.distance_m(0.0, 60.0, 0.001, 60.0) == pytest.approx(one_degree * 0.001 * 0.5, rel=1e-6)
    assert geo.distance_m(112.45, 34.62, 112.45, 34.62) == 0
    assert geo.bearing_deg(112.0, 34.0, 112.0, 35.0) == pytest.approx(0.0)
    assert geo.bearing_deg(0.0, 0.0, 1.0, 0.0) == pytest.approx(90.0)
    assert geo.bearing_deg(112.0, 35.0, 112.0, 34.0) == pytest.approx(180.0)
    assert geo.bearing_deg(1.0, 0.0, 0.0, 0.0) == pytest.approx(270.0)
    assert (geo.angle_between(350, 10), geo.angle_between(90, 270), geo.angle_between(0, 0)) == (20, 180, 0)


@pytest.mark.parametrize(
    ("text", "degrees"),
    [("北", 0), ("北风", 0), ("东北风", 45), ("东北偏北", 23), ("北东北", 23), ("东", 90), ("东南偏南", 158),
     ("南", 180), ("西南", 225), ("西", 270), ("西北偏北", 338), ("NE", 45), ("nne", 23), (" SW ", 225),
     ("WNW", 293), ("东北东北", None), ("", None), ("45", None)],
)  # fmt: skip
def test_compass_points_in_degrees(text: str, degrees: int | None) -> None:
    assert geo.compass_degrees(text) == degrees
