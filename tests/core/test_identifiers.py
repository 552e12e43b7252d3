"""The pure checks of Chinese identifiers (no Django, no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from heluo.core import identifiers

TODAY = dt.date(2026, 11, 25)


def test_credit_code_with_its_check_character_is_accepted() -> None:
    # The GB 32100-2015 standard's own example code.
    assert identifiers.check_credit_code("91350100M000100Y43") is None


@pytest.mark.parametrize(
    "code",
    ["91350100M000100Y44", "91350100M000100Y4", "91350100M0001O0Y43", "9135A100M000100Y43", ""],
)
def test_bad_credit_codes_are_refused(code: str) -> None:
    assert identifiers.check_credit_code(code) is not None


def test_resident_id_with_check_character_x_is_accepted() -> None:
    assert identifiers.check_resident_id("11010519491231002X", TODAY) is None


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("110105194912310021", "check"),
        ("110105194902300028", "date"),
        ("11010519491231002", "length"),
        ("1101051949123100AX", "digits"),
        ("110105209912310023", "future"),
    ],
)
def test_bad_resident_ids_are_refused(number: str, why: str) -> None:
    assert identifiers.check_resident_id(number, TODAY) is not None, why


def test_old_fifteen_digit_id_is_accepted_when_its_date_is_real() -> None:
    assert identifiers.check_resident_id("110105491231002", TODAY) is None
    assert identifiers.check_resident_id("110105490231002", TODAY) is not None


def test_residence_permit_needs_its_area_prefix_and_check_character() -> None:
    first17 = "81000019900101001"
    good = first17 + identifiers.id_check_char(first17)
    assert identifiers.check_hmt_residence_permit(good, TODAY) is None
    assert identifiers.check_hmt_residence_permit("110105194912310021", TODAY) is not None


def test_foreign_permanent_id_in_both_forms() -> None:
    assert identifiers.check_foreign_permanent_id("USA311064010000", TODAY) is None
    first17 = "93315319900101001"
    assert identifiers.check_foreign_permanent_id(first17 + identifiers.id_check_char(first17), TODAY) is None
    assert identifiers.check_foreign_permanent_id("US3110640100", TODAY) is not None


def test_passport_and_phone_forms() -> None:
    assert identifiers.check_passport("E12345678") is None
    assert identifiers.check_passport("e1234") is not None
    assert identifiers.check_phone("13812345678") is None
    assert identifiers.check_phone("0379-63221234") is None
    assert identifiers.check_phone("12812345678") is not None
    assert identifiers.check_phone("63221234") is not None


def test_mask_keeps_three_and_four_characters_of_long_numbers() -> None:
    assert identifiers.mask("11010519491231002X") == "110***********002X"
    assert identifiers.mask("E1234567") == "E******7"
    assert identifiers.mask("") == ""
