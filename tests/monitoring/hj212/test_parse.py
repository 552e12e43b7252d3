from __future__ import annotations

import contextlib
from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heluo.monitoring.hj212 import (
    CrcForm,
    Frame,
    HJ212Error,
    Reason,
    Version,
    crc_text,
    frame_segment,
    normalise_code,
    parse_frame,
)

from .examples import EXAMPLE_FRAMES, FUZZ, wire


def segment_frame(segment: str, *, length: int | None = None, crc: str | None = None) -> bytes:
    """A frame around `segment` with a chosen (possibly wrong) length or CRC."""
    data = segment.encode("utf-8")
    declared = len(data) if length is None else length
    return b"##%04d" % declared + data + (crc or crc_text(data)).encode() + b"\r\n"


def reasons(frame: Frame) -> set[Reason]:
    return {problem.reason for problem in frame.problems}


EXPECTED = [
    # st, cn, mn, qn, flag, version, data_time, number of values
    ("32", "1062", "010000A8900016F000169DC0", "20160801085857223", 5, Version.HJ212_2017, None, 0),
    ("32", "2011", "LD130133000015", None, None, Version.HJT212_2005, datetime(2016, 8, 24, 0, 38, 17), 3),
    (
        "22",
        "2061",
        "Z13401000010301",
        "20190925181031464",
        5,
        Version.HJ212_2017,
        datetime(2019, 9, 24, 22),
        5,
    ),
    (
        "22",
        "2051",
        "JLYP01_AIR01_0001",
        "20220513162608370",
        4,
        Version.HJ212_2017,
        datetime(2022, 5, 13, 16, 26),
        11,
    ),
    (
        "27",
        "2011",
        "AQI2411132600332",
        "20241115190408000",
        5,
        Version.HJ212_2017,
        datetime(2024, 11, 15, 19, 4, 8),
        15,
    ),
    ("101", "2011", "41050022000017", None, None, Version.HJT212_2005, datetime(2020, 9, 22, 11), 5),
]


@pytest.mark.parametrize(("frame", "expected"), list(zip(EXAMPLE_FRAMES, EXPECTED, strict=True)))
def test_every_public_example_parses_with_its_fields(frame: str, expected: tuple[object, ...]) -> None:
    parsed = parse_frame(wire(frame))
    st_, cn, mn, qn, flag, version, data_time, count = expected
    assert (parsed.st, parsed.cn, parsed.mn, parsed.qn, parsed.flag) == (st_, cn, mn, qn, flag)
    assert parsed.version is version
    assert parsed.data_time == data_time
    assert len(parsed.values) == count
    assert parsed.crc_form is CrcForm.STANDARD
    assert parsed.raw == frame
    assert parsed.declared_length == int(frame[2:6])


def test_every_public_example_parses_without_problems_even_the_nonstandard_st_101() -> None:
    assert [parse_frame(wire(frame)).problems for frame in EXAMPLE_FRAMES] == [()] * len(EXAMPLE_FRAMES)


def test_2005_frame_without_qn_or_flag_maps_its_codes_onto_2017() -> None:
    frame = parse_frame(wire(EXAMPLE_FRAMES[1]))
    assert frame.qn is None and frame.flag is None
    assert not frame.needs_reply
    flow, cod, ammonia = frame.values
    assert (flow.code, flow.code_2017, flow.suffix, flow.value, flow.flag) == (
        "B01",
        "w00000",
        "Rtd",
        Decimal("36.91"),
        None,
    )
    assert (cod.code, cod.code_2017, cod.value, cod.flag) == ("011", "w01018", Decimal("231.0"), "N")
    assert (ammonia.code_2017, ammonia.raw) == ("w21003", "060-Rtd=1.803")


def test_values_carry_their_factors_flag_and_keep_the_written_digits() -> None:
    frame = parse_frame(wire(EXAMPLE_FRAMES[2]))
    first = frame.values[0]
    assert (first.code, first.suffix, str(first.value), first.flag) == ("a34006", "Avg", "2.69700", "N")


def test_dust_monitor_realtime_values_keep_noise_and_pressure() -> None:
    values = {value.code_2017: value for value in parse_frame(wire(EXAMPLE_FRAMES[4])).values}
    assert values["LA"].value == Decimal(49)
    assert values["a01006"].value == Decimal(1002)
    assert values["a34002"].suffix == "Rtd"


def test_fifth_example_asks_for_a_reply() -> None:
    frame = parse_frame(wire(EXAMPLE_FRAMES[4]))
    assert frame.needs_reply and not frame.is_subpacket


def test_crlf_is_optional() -> None:
    assert parse_frame(EXAMPLE_FRAMES[0].encode()).cn == "1062"


def test_bad_crc_is_refused_with_reason() -> None:
    with pytest.raises(HJ212Error) as caught:
        parse_frame(wire(EXAMPLE_FRAMES[0][:-4] + "1C81"))
    assert caught.value.reason is Reason.BAD_CRC
    assert "1C80" in caught.value.message


def test_lowercase_crc_is_accepted() -> None:
    assert parse_frame(wire(EXAMPLE_FRAMES[2][:-4] + "c181")).crc_form is CrcForm.STANDARD


def test_crc_variant_is_refused_unless_the_device_may_use_it() -> None:
    segment = EXAMPLE_FRAMES[0][6:-4]
    data = segment_frame(segment, crc=crc_text(segment.encode(), CrcForm.MODBUS_SWAPPED))
    with pytest.raises(HJ212Error):
        parse_frame(data)
    frame = parse_frame(data, crc_variants={CrcForm.MODBUS_SWAPPED})
    assert frame.crc_form is CrcForm.MODBUS_SWAPPED


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", Reason.BAD_HEADER),
        (b"#0101QN=1", Reason.BAD_HEADER),
        (b"##01a1QN=1;CP=&&&&1234", Reason.BAD_HEADER),
        (b"##0", Reason.BAD_HEADER),
        (b"##0010", Reason.BAD_LENGTH),
        (b"##0010ABC", Reason.BAD_LENGTH),
        (wire(EXAMPLE_FRAMES[0]).replace(b"##0101", b"##0100"), Reason.BAD_LENGTH),
        (EXAMPLE_FRAMES[0].encode() + b"\n", Reason.BAD_TERMINATOR),
        (EXAMPLE_FRAMES[0].encode() + b"\r\n\r\n", Reason.BAD_TERMINATOR),
        (EXAMPLE_FRAMES[0].encode() + b"xy", Reason.BAD_CRC),
    ],
)
def test_broken_framing_is_refused_with_reason(data: bytes, reason: Reason) -> None:
    with pytest.raises(HJ212Error) as caught:
        parse_frame(data)
    assert caught.value.reason is reason


def test_length_may_count_utf8_bytes_or_characters() -> None:
    segment = "QN=20250101000000000;ST=22;CN=3020;PW=1;MN=M1;Flag=4;CP=&&i11001-Info=扬尘超标&&"
    by_bytes = parse_frame(segment_frame(segment))
    by_characters = parse_frame(segment_frame(segment, length=len(segment)))
    assert by_bytes.values == by_characters.values
    assert by_bytes.values[0].value == "扬尘超标"
    with pytest.raises(HJ212Error) as caught:
        parse_frame(segment_frame(segment, length=len(segment) + 1))
    assert caught.value.reason is Reason.BAD_LENGTH


def test_segment_without_cp_is_refused() -> None:
    with pytest.raises(HJ212Error) as caught:
        parse_frame(segment_frame("ST=22;CN=2011;PW=1;MN=M1;"))
    assert caught.value.reason is Reason.BAD_FIELD


def test_cp_without_closing_ampersands_is_refused() -> None:
    with pytest.raises(HJ212Error) as caught:
        parse_frame(segment_frame("ST=22;CN=2011;PW=1;MN=M1;CP=&&DataTime=20250101000000"))
    assert caught.value.reason is Reason.BAD_FIELD


@pytest.mark.parametrize("missing", ["ST", "CN", "MN"])
def test_frame_without_st_cn_or_mn_is_refused(missing: str) -> None:
    fields = {"ST": "22", "CN": "2011", "PW": "1", "MN": "M1"}
    del fields[missing]
    header = "".join(f"{key}={value};" for key, value in fields.items())
    with pytest.raises(HJ212Error) as caught:
        parse_frame(segment_frame(header + "CP=&&&&"))
    assert caught.value.reason is Reason.MISSING_FIELD


def test_cn_that_is_not_four_digits_is_refused() -> None:
    with pytest.raises(HJ212Error) as caught:
        parse_frame(segment_frame("ST=22;CN=20x1;PW=1;MN=M1;CP=&&&&"))
    assert caught.value.reason is Reason.BAD_FIELD


def test_unknown_cn_and_st_are_kept_with_problems() -> None:
    frame = parse_frame(segment_frame("ST=77;CN=2999;PW=1;MN=M1;CP=&&&&"))
    assert (frame.st, frame.cn) == ("77", "2999")
    assert reasons(frame) == {Reason.UNKNOWN_CN, Reason.UNKNOWN_ST}


def test_missing_pw_and_unknown_header_fields_are_problems_not_refusals() -> None:
    frame = parse_frame(segment_frame("ST=22;CN=2011;MN=M1;XX=1;junk;CP=&&&&"))
    assert frame.pw == ""
    assert [problem.reason for problem in frame.problems] == [
        Reason.BAD_FIELD,
        Reason.BAD_FIELD,
        Reason.MISSING_FIELD,
    ]


def test_measurement_that_is_not_a_number_is_kept_as_text_with_a_problem() -> None:
    frame = parse_frame(
        segment_frame("ST=22;CN=2011;PW=1;MN=M1;CP=&&a34002-Rtd=--,a34002-Flag=D;a34004-Rtd=NaN&&")
    )
    assert [value.value for value in frame.values] == ["--", "NaN"]
    assert frame.values[0].flag == "D"
    assert [problem.reason for problem in frame.problems] == [Reason.BAD_VALUE, Reason.BAD_VALUE]


def test_unknown_data_flag_is_kept_with_a_problem() -> None:
    frame = parse_frame(segment_frame("ST=22;CN=2011;PW=1;MN=M1;CP=&&a34002-Rtd=3,a34002-Flag=X&&"))
    assert frame.values[0].flag == "X"
    assert reasons(frame) == {Reason.UNKNOWN_FLAG}


def test_text_suffixes_stay_text() -> None:
    frame = parse_frame(segment_frame("ST=22;CN=2011;PW=1;MN=M1;CP=&&a34002-SampleTime=20250101000000&&"))
    assert frame.values[0].value == "20250101000000"
    assert frame.problems == ()


@pytest.mark.parametrize(
    ("data_time", "expected"),
    [
        ("20250102030405", datetime(2025, 1, 2, 3, 4, 5)),
        ("20250102030405678", datetime(2025, 1, 2, 3, 4, 5, 678000)),
    ],
)
def test_data_time_is_read_with_or_without_milliseconds(data_time: str, expected: datetime) -> None:
    frame = parse_frame(segment_frame(f"ST=22;CN=2011;PW=1;MN=M1;CP=&&DataTime={data_time}&&"))
    assert frame.data_time == expected
    assert frame.problems == ()


@pytest.mark.parametrize("data_time", ["20251302030405", "2025010203", "tomorrow", ""])
def test_bad_data_time_is_flagged_and_the_frame_kept(data_time: str) -> None:
    frame = parse_frame(segment_frame(f"ST=22;CN=2011;PW=1;MN=M1;CP=&&DataTime={data_time};a34002-Rtd=1&&"))
    assert frame.data_time is None
    assert reasons(frame) == {Reason.BAD_TIME}
    assert len(frame.values) == 1


def test_bad_qn_is_flagged_and_kept() -> None:
    frame = parse_frame(segment_frame("QN=2025;ST=22;CN=2011;PW=1;MN=M1;CP=&&&&"))
    assert frame.qn == "2025"
    assert reasons(frame) == {Reason.BAD_TIME}


@pytest.mark.parametrize(
    ("flag", "version", "reply", "split"),
    [
        ("0", Version.HJT212_2005, False, False),
        ("1", Version.HJT212_2005, True, False),
        ("4", Version.HJ212_2017, False, False),
        ("5", Version.HJ212_2017, True, False),
        ("6", Version.HJ212_2017, False, True),
        ("7", Version.HJ212_2017, True, True),
        ("8", Version.HJ212_2025, False, False),
        ("9", Version.HJ212_2025, True, False),
        ("10", Version.HJ212_2025, False, True),
        ("11", Version.HJ212_2025, True, True),
    ],
)
def test_version_and_reply_bits_come_from_flag(flag: str, version: Version, reply: bool, split: bool) -> None:
    frame = parse_frame(
        segment_frame(f"QN=20250101000000000;ST=22;CN=2011;PW=1;MN=M1;Flag={flag};PNUM=2;PNO=1;CP=&&&&")
    )
    assert (frame.version, frame.needs_reply, frame.is_subpacket) == (version, reply, split)


def test_unknown_version_bits_are_read_as_2017_with_a_problem() -> None:
    frame = parse_frame(segment_frame("ST=22;CN=2011;PW=1;MN=M1;Flag=16;CP=&&&&"))
    assert frame.version is Version.HJ212_2017
    assert reasons(frame) == {Reason.UNKNOWN_VERSION}


def test_flag_that_is_not_a_number_is_a_problem() -> None:
    frame = parse_frame(segment_frame("ST=22;CN=2011;PW=1;MN=M1;Flag=５;CP=&&&&"))
    assert frame.flag is None
    assert reasons(frame) == {Reason.BAD_FIELD}


def test_split_flag_without_pnum_is_flagged() -> None:
    frame = parse_frame(segment_frame("ST=22;CN=2061;PW=1;MN=M1;Flag=6;CP=&&&&"))
    assert reasons(frame) == {Reason.BAD_SUBPACKET}


def test_pno_beyond_pnum_is_flagged() -> None:
    frame = parse_frame(segment_frame("ST=22;CN=2061;PW=1;MN=M1;Flag=6;PNUM=2;PNO=3;CP=&&&&"))
    assert (frame.pnum, frame.pno) == (2, 3)
    assert reasons(frame) == {Reason.BAD_SUBPACKET}


def test_non_utf8_segment_is_kept_with_a_problem() -> None:
    data = "ST=22;CN=2011;PW=1;MN=M1;CP=&&i11001-Info=扬尘&&".encode("gbk")
    frame = parse_frame(b"##%04d" % len(data) + data + crc_text(data).encode())
    assert reasons(frame) == {Reason.BAD_ENCODING}
    assert frame.mn == "M1"


@pytest.mark.parametrize(
    ("code", "code_2017"),
    [
        ("PM10", "a34002"),
        ("pm25", "a34004"),
        ("PM2.5", "a34004"),
        ("TSP", "a34001"),
        ("TEM", "a01001"),
        ("RH", "a01002"),
        ("WS", "a01007"),
        ("WD", "a01008"),
        ("PA", "a01006"),
        ("NOIS", "LA"),
        ("B03", "LA"),
        ("011", "w01018"),
        ("A34002", "a34002"),
        ("LEQ", "Leq"),
        ("a50001", "a50001"),
        ("vendor-x", "vendor-x"),
    ],
)
def test_2005_codes_and_vendor_names_normalise_to_2017_codes(code: str, code_2017: str) -> None:
    assert normalise_code(code) == code_2017


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_raise_nothing_but_hj212_error(data: bytes) -> None:
    with contextlib.suppress(HJ212Error):
        parse_frame(data)


@FUZZ
@given(st.sampled_from(EXAMPLE_FRAMES), st.data())
def test_mutated_frames_raise_nothing_but_hj212_error(frame: str, data: st.DataObject) -> None:
    raw = bytearray(wire(frame))
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["replace", "delete", "insert"]))
        if action == "replace":
            raw[index] = data.draw(st.integers(0, 255))
        elif action == "delete":
            del raw[index]
        else:
            raw.insert(index, data.draw(st.integers(0, 255)))
    with contextlib.suppress(HJ212Error):
        parse_frame(bytes(raw), crc_variants=set(CrcForm))


# Segments built from the protocol's own punctuation, wrapped in a correct length and CRC, so the
# fuzzing reaches the field parser instead of stopping at the CRC.
_SEGMENT_PIECES = st.sampled_from(
    [
        "QN=",
        "ST=",
        "CN=",
        "PW=",
        "MN=",
        "Flag=",
        "PNUM=",
        "PNO=",
        "CP=&&",
        "&&",
        ";",
        ",",
        "=",
        "-",
        "Rtd",
        "Flag",
        "DataTime=",
        "a34002",
        "2011",
        "9",
        "20250101000000",
        "1.5",
        "é",
        "扬尘",
        "\x00",
        "N",
    ]
)


@FUZZ
@given(st.lists(_SEGMENT_PIECES, max_size=30).map("".join))
def test_well_framed_nonsense_yields_a_frame_or_hj212_error(segment: str) -> None:
    try:
        frame = parse_frame(frame_segment(segment))
    except HJ212Error:
        return
    assert frame.cn and frame.mn and frame.st
