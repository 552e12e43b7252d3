"""A frame as a readings row: which value fills a column, units, flags, the rest kept aside."""

from __future__ import annotations

from datetime import UTC, datetime

from heluo.monitoring.hj212 import BEIJING, build_frame, parse_frame
from heluo.monitoring.ingest.rows import (
    COLUMNS,
    content_digest,
    cp_text,
    measurements,
    reading_key,
    reading_row,
)


def frame(cn: str, *groups: list[tuple[str, str]], **header: object):
    cp = [[("DataTime", "20261125120000")], *groups]
    header = {"flag": 5, **header}
    return parse_frame(
        build_frame(st="39", cn=cn, mn="MN1", pw="123456", qn="20261125120000001", cp=cp, **header)
    )


def test_real_time_values_fill_the_columns_and_the_rest_is_kept() -> None:
    columns, extra, flags = measurements(
        frame(
            "2011",
            [("a34002-Rtd", "61.5"), ("a34002-Flag", "N")],
            [("a34004-Rtd", "30"), ("a34004-Flag", "D")],
            [("a21026-Rtd", "117")],
            [("a34002-Max", "80")],
        )
    )
    assert columns == {"pm10": 61.5, "pm25": 30.0}
    assert extra == {"a21026-Rtd": "117", "a34002-Max": "80"}
    assert flags == {"a34004": "D"}


def test_interval_data_fill_the_columns_with_their_averages() -> None:
    columns, extra, _ = measurements(
        frame("2061", [("a34002-Min", "10"), ("a34002-Avg", "40"), ("a34002-Max", "90")])
    )
    assert columns == {"pm10": 40.0}
    assert extra == {"a34002-Min": "10", "a34002-Max": "90"}


def test_legacy_names_map_onto_the_columns() -> None:
    columns, _, _ = measurements(
        frame("2011", [("PM10-Rtd", "50")], [("NOIS-Rtd", "55.2")], [("TEM-Rtd", "17.5")])
    )
    assert columns == {"pm10": 50.0, "noise": 55.2, "temperature": 17.5}


def test_la_is_preferred_to_leq_for_noise_whichever_comes_first() -> None:
    columns, extra, _ = measurements(frame("2011", [("Leq-Rtd", "60")], [("LA-Rtd", "58")]))
    assert columns == {"noise": 58.0}
    assert extra == {"Leq-Rtd": "60"}


def test_particulates_in_mg_are_stored_in_micrograms_and_hpa_in_kpa() -> None:
    columns, _, _ = measurements(frame("2011", [("a34002-Rtd", "0.061")], [("a01006-Rtd", "1002")]), 1000.0)
    assert columns == {"pm10": 61.0, "pressure": 100.2}


def test_a_value_that_is_not_a_number_stays_text_aside() -> None:
    columns, extra, _ = measurements(frame("2011", [("a34002-Rtd", "n/a")]))
    assert columns == {} and extra == {"a34002-Rtd": "n/a"}


def test_the_row_follows_the_column_order_and_keeps_the_frame_without_its_password() -> None:
    parsed = frame("2011", [("a34002-Rtd", "61.5")], flag=7, pnum=2, pno=1)
    data_time = datetime(2026, 11, 25, 12, tzinfo=BEIJING)
    received = datetime(2026, 11, 25, 4, 0, 5, tzinfo=UTC)
    row = dict(
        zip(
            COLUMNS,
            reading_row(parsed, data_time=data_time, received_at=received, backfill=False),
            strict=True,
        )
    )
    assert (row["mn"], row["cn"], row["pnum"], row["pno"], row["pm10"], row["raw"]) == (
        "MN1",
        "2011",
        2,
        1,
        61.5,
        parsed.raw.replace(f"PW={parsed.pw};", "PW=******;"),
    )
    assert row["flags"] is None and row["extra"] is None
    assert reading_key(parsed, data_time) == ("MN1", "2011", data_time, 1)


def test_content_ignores_qn_and_crc_but_not_values() -> None:
    first = frame("2011", [("a34002-Rtd", "61.5")])
    resent = parse_frame(build_frame(st="39", cn="2011", mn="MN1", pw="123456", qn="20261125130000999", flag=5,
                                     cp=[[("DataTime", "20261125120000")], [("a34002-Rtd", "61.5")]]))  # fmt: skip
    other = frame("2011", [("a34002-Rtd", "61.6")])
    assert cp_text(first.raw) == "DataTime=20261125120000;a34002-Rtd=61.5"
    assert content_digest(first.raw) == content_digest(resent.raw) != content_digest(other.raw)
