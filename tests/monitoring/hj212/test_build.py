from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heluo.monitoring.hj212 import (
    CN,
    CrcForm,
    ExeRtn,
    HJ212Error,
    QnRtn,
    build_data_reply,
    build_execution_reply,
    build_frame,
    build_notification_reply,
    build_request_reply,
    build_set_time,
    format_qn,
    parse_frame,
    replies_for,
)

from .examples import EXAMPLE_FRAMES, PROPERTY, REPLY_TO_FIFTH, wire

NOW = datetime(2025, 6, 6, 8, 30, 15, 123000)


def frame_with(
    *,
    cn: str = "2011",
    st: str = "22",
    mn: str = "M1",
    flag: int | None = None,
    pnum: int | None = None,
    pno: int | None = None,
    cp: list[list[tuple[str, str]]] | None = None,
    crc_form: CrcForm = CrcForm.STANDARD,
) -> bytes:
    return build_frame(
        qn="20250606083000000",
        st=st,
        cn=cn,
        pw="123456",
        mn=mn,
        flag=flag,
        pnum=pnum,
        pno=pno,
        cp=cp or [],
        crc_form=crc_form,
    )


def test_reply_to_fifth_example_is_byte_identical_to_the_notes() -> None:
    assert build_data_reply(parse_frame(wire(EXAMPLE_FRAMES[4]))) == wire(REPLY_TO_FIFTH)


def test_data_upload_asking_for_a_reply_gets_9014() -> None:
    assert replies_for(parse_frame(wire(EXAMPLE_FRAMES[4])), NOW) == (wire(REPLY_TO_FIFTH),)


def test_data_upload_not_asking_for_a_reply_gets_none() -> None:
    assert replies_for(parse_frame(wire(EXAMPLE_FRAMES[3])), NOW) == ()


def test_2005_frame_without_flag_gets_no_reply() -> None:
    assert replies_for(parse_frame(wire(EXAMPLE_FRAMES[1])), NOW) == ()


@pytest.mark.parametrize(("flag", "reply_flag"), [(5, 4), (7, 4), (9, 8), (11, 8), (1, 0)])
def test_replies_carry_the_devices_version_bits_only(flag: int, reply_flag: int) -> None:
    frame = parse_frame(frame_with(flag=flag, pnum=1, pno=1))
    reply = parse_frame(build_data_reply(frame))
    assert (reply.flag, reply.qn, reply.st, reply.cn, reply.mn, reply.pw) == (
        reply_flag,
        frame.qn,
        "91",
        "9014",
        "M1",
        "123456",
    )
    assert reply.cp == ()


def test_request_and_execution_replies_carry_their_return_codes() -> None:
    frame = parse_frame(frame_with(cn="1062", flag=5, cp=[[("RtdInterval", "30")]]))
    request = parse_frame(build_request_reply(frame, QnRtn.BAD_PW))
    execution = parse_frame(build_execution_reply(frame, ExeRtn.NO_DATA))
    assert (request.cn, request.cp_value("QnRtn")) == ("9011", "3")
    assert (execution.cn, execution.cp_value("ExeRtn")) == ("9012", "100")
    assert request.qn == execution.qn == frame.qn


def test_notification_reply_is_9013_with_empty_cp() -> None:
    reply = parse_frame(build_notification_reply(parse_frame(frame_with(cn="9015", flag=9))))
    assert (reply.cn, reply.flag, reply.cp) == ("9013", 8, ())


def test_time_calibration_request_gets_9013_then_1012_with_our_clock() -> None:
    request = parse_frame(frame_with(st="32", cn="1013", flag=5, cp=[[("PolId", "w01018")]]))
    notification, set_time = (parse_frame(reply) for reply in replies_for(request, NOW))
    assert notification.cn == CN.NOTIFICATION_REPLY
    assert (set_time.cn, set_time.st, set_time.flag, set_time.qn) == ("1012", "32", 5, format_qn(NOW))
    assert set_time.cp == ((("PolId", "w01018"),), (("SystemTime", "20250606083015"),))


def test_time_calibration_request_without_reply_flag_still_gets_1012() -> None:
    request = parse_frame(frame_with(cn="1013", flag=8))
    (set_time,) = (parse_frame(reply) for reply in replies_for(request, NOW))
    assert (set_time.cn, set_time.flag, set_time.cp_value("PolId")) == ("1012", 9, None)
    assert set_time == parse_frame(build_set_time(request, NOW))


@pytest.mark.parametrize("cn", ["9011", "9012", "9013", "9014", "1062", "3011"])
def test_replies_and_platform_commands_are_never_answered(cn: str) -> None:
    assert replies_for(parse_frame(frame_with(cn=cn, flag=5)), NOW) == ()


@pytest.mark.parametrize("form", [CrcForm.SWAPPED, CrcForm.MODBUS])
def test_replies_use_the_crc_form_of_the_device(form: CrcForm) -> None:
    request = parse_frame(frame_with(cn="1013", flag=5, crc_form=form), crc_variants={form})
    for reply in replies_for(request, NOW):
        with pytest.raises(HJ212Error):
            parse_frame(reply)
        assert parse_frame(reply, crc_variants={form}).crc_form is form


def test_heartbeat_gets_a_notification_reply() -> None:
    (reply,) = replies_for(parse_frame(frame_with(cn="9015", flag=9)), NOW)
    assert parse_frame(reply).cn == "9013"


def test_builder_counts_the_length_in_utf8_bytes() -> None:
    data = frame_with(cn="3020", cp=[[("i11001-Info", "扬尘")]])
    declared = int(data[2:6])
    assert declared == len(data) - 12
    assert parse_frame(data).values[0].value == "扬尘"


@pytest.mark.parametrize("text", ["a;b", "a,b", "a=b", "a&b", "a\r\n"])
def test_builder_refuses_text_that_would_split_fields(text: str) -> None:
    with pytest.raises(ValueError):
        frame_with(cp=[[("a34002-Info", text)]])
    with pytest.raises(ValueError):
        frame_with(mn=text)


def test_builder_refuses_a_segment_longer_than_four_digits_allow() -> None:
    with pytest.raises(ValueError):
        frame_with(cp=[[("a34002-Info", "x" * 10_000)]])


@pytest.mark.parametrize("form", list(CrcForm))
def test_builder_writes_the_crc_form_a_device_expects(form: CrcForm) -> None:
    frame = parse_frame(frame_with(crc_form=form), crc_variants={form})
    assert frame.crc_form is form


_TEXT = st.text(st.sampled_from("ABCXYZabcxyz0189_.-中文 "), max_size=12)
_NAME = st.text(st.sampled_from("ABCXYZabcxyz0189_-"), min_size=1, max_size=10)


@PROPERTY
@given(
    qn=st.none() | st.datetimes(datetime(2000, 1, 1), datetime(2099, 1, 1)).map(format_qn),
    st_=st.sampled_from(["21", "22", "27", "32", "39", "91", "101"]),
    cn=st.sampled_from([cn.value for cn in CN]) | st.from_regex(r"[0-9]{4}", fullmatch=True),
    pw=_TEXT.filter(lambda text: " " not in text),
    mn=_NAME,
    flag=st.none() | st.integers(0, 255),
    pnum=st.none() | st.integers(1, 99),
    pno=st.none() | st.integers(1, 99),
    cp=st.lists(st.lists(st.tuples(_NAME, _TEXT), min_size=1, max_size=4), max_size=6),
)
def test_built_frames_parse_back_to_the_same_fields(
    qn: str | None,
    st_: str,
    cn: str,
    pw: str,
    mn: str,
    flag: int | None,
    pnum: int | None,
    pno: int | None,
    cp: list[list[tuple[str, str]]],
) -> None:
    data = build_frame(qn=qn, st=st_, cn=cn, pw=pw, mn=mn, flag=flag, pnum=pnum, pno=pno, cp=cp)
    frame = parse_frame(data)
    assert (frame.qn, frame.st, frame.cn, frame.pw, frame.mn) == (qn, st_, cn, pw, mn)
    assert (frame.flag, frame.pnum, frame.pno) == (flag, pnum, pno)
    assert frame.cp == tuple(tuple(group) for group in cp)
