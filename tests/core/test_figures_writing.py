"""How official writing puts numbers (pure: heluo.core.figures.writing), on hand-computed tables — the
same table as docs/figures.md."""

from __future__ import annotations

from decimal import Decimal

import pytest

from heluo.core.figures.writing import Writing, change, growth, rate_change, signed, write

AMOUNT = Writing("amount")


@pytest.mark.parametrize(
    ("yuan", "text"),
    [
        (0, "0元"),
        (1, "1元"),
        (5_000, "5000元"),
        (9_999, "9999元"),
        (Decimal("1234.50"), "1234.5元"),
        (10_000, "1万元"),
        (7_600_000, "760万元"),
        (7_654_321, "765.43万元"),
        (7_654_350, "765.44万元"),  # half up
        (99_995_000, "9999.5万元"),
        (99_994_999, "9999.5万元"),
        (99_999_999, "1亿元"),  # rounds to 10000.00万: written in 亿, never 10000万元
        (100_000_000, "1亿元"),
        (1_710_000_000, "17.1亿元"),
        (2_135_000_000, "21.35亿元"),
        (Decimal("2135000000.00"), "21.35亿元"),
        (3_310_000_000, "33.1亿元"),
        (7_650_000_000, "76.5亿元"),
        (-3_200_000, "-320万元"),
    ],
)
def test_an_amount_in_yuan_is_written_in_yuan_wan_or_yi(yuan: int | Decimal, text: str) -> None:
    assert write(yuan, "元", AMOUNT) == text


def test_an_amount_without_a_unit_is_in_yuan_and_any_kind_in_yuan_is_an_amount() -> None:
    assert write(7_600_000, "", AMOUNT) == "760万元"
    assert write(7_600_000, "元", Writing()) == "760万元"


@pytest.mark.parametrize(
    ("number", "unit", "writing", "text"),
    [
        (4_601_234, "人次", Writing("floor", 10_000), "460万余人次"),
        (4_612_345, "人次", Writing("floor", 10_000), "461万余人次"),
        (4_612_345, "人次", Writing("floor", 100_000), "460万余人次"),  # truncated, never rounded up
        (4_699_999, "人次", Writing("floor", 100_000), "460万余人次"),
        (41_234, "张", Writing("floor", 10_000), "4万余张"),
        (89_123, "人次", Writing("floor", 1_000), "8.9万余人次"),
        (1_023, "场", Writing("floor", 1_000), "1000余场"),
        (1_503_456, "册次", Writing("floor", 10_000, style="余万"), "150余万册次"),
        (50_012_345, "元", Writing("floor", 10_000_000, style="余万"), "5000余万元"),
        (4_600_000, "人次", Writing("floor", 10_000), "460万人次"),  # nothing left over: no 余
        (7, "场", Writing("floor", 10), "7场"),  # below the precision: exact
    ],
)
def test_a_floor_is_truncated_to_its_precision_and_written_with_yu(
    number: int, unit: str, writing: Writing, text: str
) -> None:
    assert write(number, unit, writing) == text


@pytest.mark.parametrize(
    ("number", "unit", "writing", "text"),
    [
        (800, "人", Writing("at_least"), "800人以上"),
        (812, "人", Writing("at_least", 100), "800人以上"),
        (50_000_000, "元", Writing("at_least"), "5000万元以上"),
        (5_000_000_000, "元", Writing("minimum"), "不低于50亿元"),
        (4_000_000_000, "元", Writing("minimum"), "不低于40亿元"),
        (20, "个", Writing("minimum"), "不低于20个"),
        (Decimal("85.5"), "%", Writing("percent"), "85.5%"),
        (Decimal("85.55"), "%", Writing("percent"), "85.6%"),  # half up at one decimal
        (Decimal("85.554"), "%", Writing("percent", decimals=2), "85.55%"),
        (Decimal("100.0"), "%", Writing("percent"), "100%"),
        (0, "", Writing("percent"), "0%"),
        (12, "个", Writing(), "12个"),
        (4_601_234, "人次", Writing(), "4601234人次"),  # plain: no separators, no scaling
    ],
)
def test_bounds_percents_and_plain_numbers(
    number: int | Decimal, unit: str, writing: Writing, text: str
) -> None:
    assert write(number, unit, writing) == text


@pytest.mark.parametrize(
    ("current", "previous", "basis", "text"),
    [
        (225, 200, "同比", "同比增长12.5%"),
        (968, 1000, "同比", "同比下降3.2%"),
        (100, 100, "同比", "与上年持平"),
        (10_001, 10_000, "同比", "与上年持平"),  # 0.01% rounds to 0.0%
        (90, 100, "环比", "环比下降10%"),
        (110, 100, "环比", "环比增长10%"),
        (100, 100, "环比", "环比持平"),
        (-50, -100, "同比", "同比增长50%"),  # a loss halved is a growth
    ],
)
def test_changes_are_written_with_growth_or_fall(current: int, previous: int, basis: str, text: str) -> None:
    assert change(current, previous, basis) == text  # type: ignore[arg-type]


def test_a_change_from_nothing_has_no_percentage() -> None:
    assert growth(5, 0) is None
    assert change(5, 0) is None
    assert signed(5, 0) is None


def test_signed_changes_for_tables() -> None:
    assert signed(225, 200) == "+12.5%"
    assert signed(968, 1000) == "-3.2%"
    assert signed(100, 100) == "0%"


@pytest.mark.parametrize(
    ("current", "previous", "basis", "text"),
    [
        (Decimal("87.8"), Decimal("85.5"), "", "提高2.3个百分点"),
        (Decimal("85.0"), Decimal("85.5"), "", "下降0.5个百分点"),
        (Decimal("85.0"), Decimal("85.5"), "同比", "同比下降0.5个百分点"),
        (Decimal("85.5"), Decimal("85.5"), "同比", "与上年持平"),
        (Decimal("12"), Decimal("-3.5"), "环比", "环比提高15.5个百分点"),
    ],
)
def test_rates_change_in_percentage_points(
    current: Decimal, previous: Decimal, basis: str, text: str
) -> None:
    assert rate_change(current, previous, basis) == text  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "arguments",
    [
        {"kind": "ratio"},
        {"kind": "floor", "precision": 0},
        {"kind": "floor", "precision": 20},
        {"kind": "floor", "precision": 1000, "style": "余万"},
        {"kind": "percent", "decimals": 3},
    ],
)
def test_a_writing_that_cannot_be_written_is_refused_when_declared(arguments: dict) -> None:
    with pytest.raises(ValueError):
        Writing(**arguments)


def test_the_defaults_stay_plain_and_amount() -> None:
    assert Writing() == Writing("plain", 1)
    assert Writing("amount").kind == "amount"
