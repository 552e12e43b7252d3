"""The dues rules on every bracket edge and category, rounding half up to the fen (hand-computed)."""

from decimal import Decimal

import pytest

from heluo.party.rules.dues import BRACKETS, CATEGORIES, DuesAmount, monthly_dues, parse_income

D = Decimal


@pytest.mark.parametrize(
    ("income", "category", "rate", "monthly"),
    [
        ("0", "in_service", "0.005", "0.00"),
        ("2999.99", "in_service", "0.005", "15.00"),  # 14.99995 → 15.00, half up
        ("3000.00", "in_service", "0.005", "15.00"),
        ("3000.01", "in_service", "0.01", "30.00"),  # 30.0001
        ("1234.50", "in_service", "0.005", "6.17"),  # 6.1725 → 6.17
        ("1235.00", "in_service", "0.005", "6.18"),  # 6.175 → 6.18, half up (not to even)
        ("5000", "in_service", "0.01", "50.00"),
        ("5000.01", "in_service", "0.015", "75.00"),  # 75.00015
        ("10000", "in_service", "0.015", "150.00"),
        ("10000.01", "in_service", "0.02", "200.00"),  # 200.0002
        ("12345.67", "in_service", "0.02", "246.91"),  # 246.9134
        ("3000", "retired", "0.005", "15.00"),
        ("5000", "retired", "0.005", "25.00"),
        ("5000.01", "retired", "0.01", "50.00"),  # 50.0001
        ("8000", "retired", "0.01", "80.00"),
    ],
)
def test_rate_brackets_apply_one_flat_rate_on_the_whole_income(income, category, rate, monthly):
    assert monthly_dues(D(income), category) == DuesAmount(rate=D(rate), monthly=D(monthly))


@pytest.mark.parametrize("category", ["student", "unemployed", "low_income", "relief"])
@pytest.mark.parametrize("income", ["0", "800", "20000"])
def test_fixed_categories_pay_twenty_fen_whatever_the_income(category, income):
    assert monthly_dues(D(income), category) == DuesAmount(rate=None, monthly=D("0.20"))


def test_farmers_pay_the_branch_amount_default_twenty_fen():
    assert monthly_dues(D("3000"), "farmer") == DuesAmount(rate=None, monthly=D("0.20"))
    assert monthly_dues(D("3000"), "farmer", D("0.5")) == DuesAmount(rate=None, monthly=D("0.50"))
    assert monthly_dues(D("0"), "farmer", D("1.00")).monthly == D("1.00")


@pytest.mark.parametrize("amount", ["0.19", "1.01", "0"])
def test_farmer_amount_outside_twenty_fen_to_one_yuan_is_refused(amount):
    with pytest.raises(ValueError, match=r"0\.20 至 1\.00"):
        monthly_dues(D("100"), "farmer", D(amount))


def test_negative_income_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="不能为负数"):
        monthly_dues(D("-0.01"), "in_service")
    with pytest.raises(ValueError, match="不能为负数"):
        monthly_dues(D("-5"), "student")


def test_unknown_category_is_refused():
    with pytest.raises(ValueError, match="未知的党费类别"):
        monthly_dues(D("100"), "soldier")


@pytest.mark.parametrize("text", ["abc", "", "1,000", "NaN", "Infinity", "-1"])
def test_parse_income_refuses_what_is_not_a_non_negative_number(text):
    with pytest.raises(ValueError):
        parse_income(text)


def test_parse_income_reads_decimal_text():
    assert parse_income(" 3000.01 ") == D("3000.01")


def test_categories_and_brackets_are_the_seven_issue_categories():
    assert CATEGORIES == ("in_service", "retired", "farmer", "student", "unemployed", "low_income", "relief")
    assert {category for category, _upper, _rate in BRACKETS} == {"in_service", "retired"}
