"""Frames out: one builder for every frame, and the replies a receiver sends to a parsed frame."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from .codes import CN, NOTIFICATION_CNS, PLATFORM_COMMAND_CNS, REPLY_CNS, ExeRtn, QnRtn, is_encrypted_cn
from .crc import CrcForm, crc_text
from .model import FLAG_REPLY, Frame
from .sm4 import Sm4Cipher
from .times import format_data_time, format_qn

MAX_SEGMENT_LENGTH = 9999  # what 4 length digits can say
SYSTEM_ST = "91"
_UNANSWERED = REPLY_CNS | PLATFORM_COMMAND_CNS
_SEPARATORS = (";", ",", "=", "&", "\r", "\n")


def _checked(text: str) -> str:
    if any(separator in text for separator in _SEPARATORS):
        raise ValueError(f"{text!r} holds a character that separates HJ 212 fields")
    return text


def format_cp(cp: Iterable[Iterable[tuple[str, str]]]) -> str:
    """CP content: items of one group joined by ',', groups by ';'."""
    return ";".join(",".join(f"{_checked(key)}={_checked(value)}" for key, value in group) for group in cp)


def frame_segment(segment: str, crc_form: CrcForm = CrcForm.STANDARD) -> bytes:
    """`##` + length + segment + CRC + CRLF. The length counts UTF-8 bytes, as 2025 says and the CRC does."""
    data = segment.encode("utf-8")
    if len(data) > MAX_SEGMENT_LENGTH:
        raise ValueError(f"a data segment of {len(data)} bytes does not fit 4 length digits")
    return b"##%04d" % len(data) + data + crc_text(data, crc_form).encode("ascii") + b"\r\n"


def build_frame(
    *,
    st: str,
    cn: str,
    mn: str,
    pw: str,
    qn: str | None = None,
    flag: int | None = None,
    pnum: int | None = None,
    pno: int | None = None,
    cp: Iterable[Iterable[tuple[str, str]]] = (),
    crc_form: CrcForm = CrcForm.STANDARD,
    cipher: Sm4Cipher | None = None,
) -> bytes:
    """A whole frame from its fields; `cipher` encrypts CP when the command is one 2025 encrypts."""
    cp_text = format_cp(cp)
    if cipher is not None and is_encrypted_cn(cn):
        cp_text = cipher.encrypt(cp_text)
    fields = (
        ("QN", qn),
        ("ST", st),
        ("CN", cn),
        ("PW", pw),
        ("MN", mn),
        ("Flag", flag),
        ("PNUM", pnum),
        ("PNO", pno),
    )
    header = "".join(f"{key}={_checked(str(value))};" for key, value in fields if value is not None)
    return frame_segment(f"{header}CP=&&{cp_text}&&", crc_form)


def _system_reply(frame: Frame, cn: CN, cp: Iterable[Iterable[tuple[str, str]]] = ()) -> bytes:
    # Replies echo the request's QN, carry only the version bits of the device's own Flag, and use
    # the CRC form the device itself uses, so a device with a variant CRC can check them.
    return build_frame(
        qn=frame.qn,
        st=SYSTEM_ST,
        cn=cn,
        pw=frame.pw,
        mn=frame.mn,
        flag=frame.version.flag_bits,
        cp=cp,
        crc_form=frame.crc_form,
    )


def build_data_reply(frame: Frame) -> bytes:
    """CN 9014, the answer to an upload whose Flag asks for one."""
    return _system_reply(frame, CN.DATA_REPLY)


def build_notification_reply(frame: Frame) -> bytes:
    """CN 9013, the answer to a notification (time calibration request, heartbeat, key request)."""
    return _system_reply(frame, CN.NOTIFICATION_REPLY)


def build_request_reply(frame: Frame, result: QnRtn = QnRtn.READY) -> bytes:
    """CN 9011 with QnRtn: whether a request will be carried out."""
    return _system_reply(frame, CN.REQUEST_REPLY, [[("QnRtn", str(int(result)))]])


def build_execution_reply(frame: Frame, result: ExeRtn = ExeRtn.SUCCESS) -> bytes:
    """CN 9012 with ExeRtn: how a request ended."""
    return _system_reply(frame, CN.EXECUTION_RESULT, [[("ExeRtn", str(int(result)))]])


def build_set_time(frame: Frame, now: datetime) -> bytes:
    """CN 1012 to the device that sent `frame` (a 1013 request): a new request carrying our clock."""
    cp = [[("SystemTime", format_data_time(now))]]
    pol_id = frame.cp_value("PolId")
    if pol_id is not None:
        cp.insert(0, [("PolId", pol_id)])
    return build_frame(
        qn=format_qn(now),
        st=frame.st,
        cn=CN.SET_SYSTEM_TIME,
        pw=frame.pw,
        mn=frame.mn,
        flag=frame.version.flag_bits | FLAG_REPLY,
        cp=cp,
        crc_form=frame.crc_form,
    )


def replies_for(frame: Frame, now: datetime) -> tuple[bytes, ...]:
    """The frames a receiver sends back once `frame` is safely stored, in sending order."""
    if frame.cn in _UNANSWERED:
        return ()
    replies: list[bytes] = []
    if frame.needs_reply:
        notified = frame.cn in NOTIFICATION_CNS
        replies.append(build_notification_reply(frame) if notified else build_data_reply(frame))
    if frame.cn == CN.TIME_CALIBRATION_REQUEST:
        replies.append(build_set_time(frame, now))
    return tuple(replies)
