from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heluo.monitoring.hj212 import CrcForm, crc16, crc16_modbus, crc_text, match_crc

from .examples import EXAMPLE_FRAMES, FUZZ


def bitwise_crc16(data: bytes) -> int:
    """The definition from the notes, one bit at a time: the reference the table form must equal."""
    crc = 0xFFFF
    for byte in data:
        crc = (crc >> 8) ^ byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def bitwise_modbus(data: bytes) -> int:
    crc = 0xFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


@pytest.mark.parametrize("frame", EXAMPLE_FRAMES)
def test_standard_crc_matches_every_public_example(frame: str) -> None:
    segment = frame[6:-4].encode()
    assert crc_text(segment) == frame[-4:]
    assert match_crc(segment, frame[-4:]) is CrcForm.STANDARD


@FUZZ
@given(st.binary(max_size=600))
def test_table_crc_equals_the_bitwise_definition(data: bytes) -> None:
    assert crc16(data) == bitwise_crc16(data)
    assert crc16_modbus(data) == bitwise_modbus(data)


def test_modbus_crc_has_the_catalogued_check_value() -> None:
    assert crc16_modbus(b"123456789") == 0x4B37


def test_hj212_crc_is_not_modbus() -> None:
    assert crc16(b"123456789") != crc16_modbus(b"123456789")


def test_lowercase_crc_text_is_accepted() -> None:
    segment = EXAMPLE_FRAMES[2][6:-4].encode()
    assert match_crc(segment, "c181") is CrcForm.STANDARD


@pytest.mark.parametrize("form", [CrcForm.SWAPPED, CrcForm.MODBUS_SWAPPED, CrcForm.MODBUS])
def test_crc_variant_is_refused_unless_allowed(form: CrcForm) -> None:
    segment = EXAMPLE_FRAMES[0][6:-4].encode()
    text = crc_text(segment, form)
    assert match_crc(segment, text) is None
    assert match_crc(segment, text, allowed={form}) is form
    assert match_crc(segment, text.lower(), allowed={form}) is form


def test_crc_variant_allowed_for_one_form_does_not_admit_another() -> None:
    segment = EXAMPLE_FRAMES[0][6:-4].encode()
    assert match_crc(segment, crc_text(segment, CrcForm.MODBUS), allowed={CrcForm.SWAPPED}) is None


def test_swapped_form_is_the_standard_bytes_reversed() -> None:
    assert crc_text(b"x", CrcForm.SWAPPED) == crc_text(b"x")[2:] + crc_text(b"x")[:2]


@pytest.mark.parametrize("text", ["", "1C8", "1C800", "ZZZZ"])
def test_crc_text_that_is_not_4_hex_digits_never_matches(text: str) -> None:
    assert match_crc(EXAMPLE_FRAMES[0][6:-4].encode(), text, allowed=set(CrcForm)) is None
