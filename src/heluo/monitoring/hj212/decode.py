"""The pure core of `heluo hj212 decode`: one input line in, one JSON-able dict out, never an exception."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from datetime import datetime

from .build import replies_for
from .codes import CN, CN_NAMES_ZH, FACTORS, ST, ST_NAMES_ZH
from .crc import CrcForm
from .errors import HJ212Error, Reason
from .model import Frame, Value
from .parse import parse_frame
from .sm4 import Sm4Cipher
from .times import beijing_now


def decode_line(
    line: str | bytes,
    *,
    hex_input: bool = False,
    reply: bool = False,
    allow_crc_variants: Collection[CrcForm] = (),
    ciphers: Mapping[str, Sm4Cipher] | None = None,
    now: datetime | None = None,
) -> dict[str, object]:
    """`ok` with the frame's fields, or `ok: false` with the reason it was refused.

    `hex_input` reads the line as hex bytes (spaces allowed, as serial and TCP tools print them).
    `reply` adds `replies`: the frames a receiver would send back, in order, without their CRLF;
    `now` (Beijing time) is the clock a 1012 reply carries.
    """
    try:
        data = _line_bytes(line, hex_input)
        frame = parse_frame(data, crc_variants=allow_crc_variants, ciphers=ciphers)
    except HJ212Error as error:
        return refusal(error)
    result = frame_dict(frame)
    if reply:
        replies = replies_for(frame, now or beijing_now())
        result["replies"] = [frame_bytes.decode("utf-8").rstrip("\r\n") for frame_bytes in replies]
    return result


def decode_lines(
    lines: Iterable[str | bytes],
    *,
    hex_input: bool = False,
    reply: bool = False,
    allow_crc_variants: Collection[CrcForm] = (),
    ciphers: Mapping[str, Sm4Cipher] | None = None,
    now: datetime | None = None,
) -> Iterator[dict[str, object]]:
    """`decode_line` for each line that is not blank."""
    for line in lines:
        if line.strip():
            yield decode_line(
                line,
                hex_input=hex_input,
                reply=reply,
                allow_crc_variants=allow_crc_variants,
                ciphers=ciphers,
                now=now,
            )


def _line_bytes(line: str | bytes, hex_input: bool) -> bytes:
    if hex_input:
        text = line.decode("ascii", errors="replace") if isinstance(line, bytes) else line
        try:
            return bytes.fromhex("".join(text.split()))
        except ValueError as error:
            raise HJ212Error(Reason.BAD_HEX, "the line is not hex bytes") from error
    if isinstance(line, str):
        try:
            line = line.encode("utf-8", errors="surrogateescape")
        except UnicodeEncodeError as error:
            raise HJ212Error(Reason.BAD_ENCODING, "the line holds characters UTF-8 cannot carry") from error
    return line.strip()


def refusal(error: HJ212Error) -> dict[str, object]:
    return {
        "ok": False,
        "reason": {"code": str(error.reason), "message": error.message, "label_zh": error.label_zh},
    }


def frame_dict(frame: Frame) -> dict[str, object]:
    """The frame's fields for JSON. PW is left out: it is a password, even if sent in clear."""
    return {
        "ok": True,
        "version": frame.version.name,
        "st": frame.st,
        "st_name": ST_NAMES_ZH[ST(frame.st)] if frame.st in ST_NAMES_ZH else None,
        "cn": frame.cn,
        "cn_name": CN_NAMES_ZH[CN(frame.cn)] if frame.cn in CN_NAMES_ZH else None,
        "mn": frame.mn,
        "qn": frame.qn,
        "flag": frame.flag,
        "pnum": frame.pnum,
        "pno": frame.pno,
        "needs_reply": frame.needs_reply,
        "data_time": frame.cp_value("DataTime"),
        "crc_form": str(frame.crc_form),
        "encrypted": frame.encrypted,
        "values": [_value_dict(value) for value in frame.values],
        "problems": [
            {"reason": str(problem.reason), "field": problem.field, "message": problem.message}
            for problem in frame.problems
        ],
    }


def _value_dict(value: Value) -> dict[str, object]:
    factor = FACTORS.get(value.code_2017)
    return {
        "code": value.code,
        "code_2017": value.code_2017,
        "name": factor.name if factor else None,
        "unit": factor.unit if factor else None,
        "suffix": value.suffix,
        "value": str(value.value),
        "flag": value.flag,
    }
