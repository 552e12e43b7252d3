"""Bytes of one frame to a `Frame`.

Strict about framing (`##`, length, CRC, CRLF) and refuses with `HJ212Error`; tolerant about field
content: what parsed is kept, what did not becomes a `Problem` on the frame. Nothing else is raised,
whatever the input.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import datetime
from decimal import Decimal

from .codes import CN, NUMERIC_SUFFIXES, ST, DataFlag, Suffix, is_encrypted_cn, normalise_code
from .crc import CrcForm, crc_text, match_crc
from .errors import HJ212Error, Reason
from .model import FLAG_SUBPACKET, CpGroup, Frame, Problem, Value, Version
from .sm4 import Sm4Cipher
from .times import parse_timestamp

_HEX4 = re.compile(rb"[0-9A-Fa-f]{4}")
_CIPHERTEXT = re.compile(r"[0-9A-Fa-f]+")
_DIGITS = re.compile(r"[0-9]{1,6}")
# Plain decimals only: Decimal would also accept NaN and Infinity, which no device means.
_NUMBER = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]{1,4})?")
_HEADER_KEYS = ("QN", "ST", "CN", "PW", "MN", "Flag", "PNUM", "PNO")
_KNOWN_CNS = frozenset(CN)
_KNOWN_STS = frozenset(ST)
_KNOWN_FLAGS = frozenset(DataFlag)


def parse_frame(
    data: bytes,
    *,
    crc_variants: Collection[CrcForm] = (),
    ciphers: Mapping[str, Sm4Cipher] | None = None,
) -> Frame:
    """Parse one whole frame, with or without its CRLF.

    `crc_variants` are the non-standard CRC forms this device may use; `ciphers` holds the SM4 settings
    of 2025 devices that encrypt CP, keyed by MN.
    """
    declared, segment_bytes, crc = _split_frame(data)
    form = match_crc(segment_bytes, crc, crc_variants)
    if form is None:
        raise HJ212Error(
            Reason.BAD_CRC, f"CRC {crc} does not match the data segment (expected {crc_text(segment_bytes)})"
        )
    problems: list[Problem] = []
    segment = _decode(segment_bytes, problems)
    header_text, cp_text = _split_segment(segment, problems)
    header = _parse_header(header_text, problems)
    st, cn, mn = _required(header, problems)
    flag = _small_int(header, "Flag", problems)
    version = _version(flag, problems)
    cp_plain, encrypted = _decrypt_cp(cp_text, cn, mn, version, ciphers)
    cp = _parse_cp(cp_plain, problems)
    values = _values(cp, problems)
    pnum = _small_int(header, "PNUM", problems)
    pno = _small_int(header, "PNO", problems)
    _check_subpacket(flag, pnum, pno, problems)
    qn = _qn(header, problems)
    pw = _pw(header, problems)
    data_time = _data_time(cp, problems)
    return Frame(
        raw=f"##{declared:04d}{segment}{crc}",
        declared_length=declared,
        segment=segment,
        crc_text=crc,
        crc_form=form,
        version=version,
        qn=qn,
        st=st,
        cn=cn,
        pw=pw,
        mn=mn,
        flag=flag,
        pnum=pnum,
        pno=pno,
        cp=cp,
        data_time=data_time,
        values=values,
        problems=tuple(problems),
        encrypted=encrypted,
    )


def _split_frame(data: bytes) -> tuple[int, bytes, str]:
    if data[:2] != b"##":
        raise HJ212Error(Reason.BAD_HEADER, "a frame starts with ##")
    digits = data[2:6]
    if len(digits) != 4 or not digits.isdigit():
        raise HJ212Error(Reason.BAD_HEADER, "## is not followed by 4 decimal digits of length")
    body = data[6:-2] if data.endswith(b"\r\n") else data[6:]
    if len(body) < 4:
        raise HJ212Error(Reason.BAD_LENGTH, "the frame ends before its CRC")
    crc = body[-4:]
    if b"\r" in crc or b"\n" in crc:
        raise HJ212Error(Reason.BAD_TERMINATOR, "a frame ends with its CRC and then CRLF or nothing")
    if not _HEX4.fullmatch(crc):
        raise HJ212Error(Reason.BAD_CRC, "the frame does not end with 4 hex digits of CRC")
    declared = int(digits)
    segment = body[:-4]
    _check_length(declared, segment)
    return declared, segment, crc.decode("ascii")


def _check_length(declared: int, segment: bytes) -> None:
    """The standard counts characters, 2025 counts UTF-8 bytes; they differ only once non-ASCII appears."""
    if len(segment) == declared:
        return
    if declared < len(segment) <= 4 * declared:
        try:
            if len(segment.decode("utf-8")) == declared:
                return
        except UnicodeDecodeError:
            pass
    raise HJ212Error(
        Reason.BAD_LENGTH, f"declared length {declared} but the data segment has {len(segment)} bytes"
    )


def _decode(segment: bytes, problems: list[Problem]) -> str:
    try:
        return segment.decode("utf-8")
    except UnicodeDecodeError:
        problems.append(Problem(Reason.BAD_ENCODING, "segment", "not UTF-8; undecodable bytes replaced"))
        return segment.decode("utf-8", errors="replace")


def _split_segment(segment: str, problems: list[Problem]) -> tuple[str, str]:
    marker = segment.find("CP=&&")
    if marker < 0:
        raise HJ212Error(Reason.BAD_FIELD, "the data segment has no CP=&&")
    if len(segment) < marker + 7 or not segment.endswith("&&"):
        raise HJ212Error(Reason.BAD_FIELD, "CP does not end with &&")
    header = segment[:marker]
    if header and not header.endswith(";"):
        problems.append(Problem(Reason.BAD_FIELD, "CP", "no ';' before CP"))
    return header, segment[marker + 5 : -2]


def _clip(text: str) -> str:
    return text if len(text) <= 32 else text[:29] + "..."


def _parse_header(text: str, problems: list[Problem]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for part in text.split(";"):
        if not part:
            continue
        key, sep, value = part.partition("=")
        if not sep:
            problems.append(Problem(Reason.BAD_FIELD, _clip(part), "header field without '='"))
        elif key not in _HEADER_KEYS:
            problems.append(Problem(Reason.BAD_FIELD, _clip(key), "unknown header field, ignored"))
        elif key in fields:
            problems.append(Problem(Reason.BAD_FIELD, key, "repeated header field; the first is kept"))
        else:
            fields[key] = value
    return fields


def _required(header: dict[str, str], problems: list[Problem]) -> tuple[str, str, str]:
    """ST, CN and MN: without them a frame cannot be routed or attributed, so it is refused."""
    for key in ("ST", "CN", "MN"):
        if not header.get(key):
            raise HJ212Error(Reason.MISSING_FIELD, f"the data segment has no {key}")
    st, cn = header["ST"], header["CN"]
    if not (len(cn) == 4 and cn.isascii() and cn.isdigit()):
        raise HJ212Error(Reason.BAD_FIELD, f"CN {_clip(cn)!r} is not 4 digits")
    if cn not in _KNOWN_CNS:
        problems.append(Problem(Reason.UNKNOWN_CN, "CN", f"command code {cn} is not in the tables"))
    if st not in _KNOWN_STS:
        problems.append(Problem(Reason.UNKNOWN_ST, "ST", f"system code {_clip(st)} is not in the tables"))
    return st, cn, header["MN"]


def _qn(header: dict[str, str], problems: list[Problem]) -> str | None:
    qn = header.get("QN")
    if qn is not None and (len(qn) != 17 or parse_timestamp(qn) is None):
        problems.append(Problem(Reason.BAD_TIME, "QN", f"QN {_clip(qn)!r} is not YYYYMMDDhhmmsszzz"))
    return qn


def _pw(header: dict[str, str], problems: list[Problem]) -> str:
    if "PW" not in header:
        problems.append(Problem(Reason.MISSING_FIELD, "PW", "the data segment has no PW"))
    return header.get("PW", "")


def _small_int(header: dict[str, str], key: str, problems: list[Problem]) -> int | None:
    text = header.get(key)
    if text is None:
        return None
    if not _DIGITS.fullmatch(text):
        problems.append(Problem(Reason.BAD_FIELD, key, f"{key} {_clip(text)!r} is not a number"))
        return None
    return int(text)


def _version(flag: int | None, problems: list[Problem]) -> Version:
    if flag is None:
        return Version.HJT212_2005  # 2005 devices often send no Flag at all
    try:
        return Version(flag >> 2)
    except ValueError:
        # Unknown bits: read the frame as 2017, whose layout every later version kept.
        problems.append(Problem(Reason.UNKNOWN_VERSION, "Flag", f"version bits {flag >> 2} are unknown"))
        return Version.HJ212_2017


def _check_subpacket(flag: int | None, pnum: int | None, pno: int | None, problems: list[Problem]) -> None:
    split = flag is not None and bool(flag & FLAG_SUBPACKET)
    if split and (pnum is None or pno is None):
        problems.append(
            Problem(Reason.BAD_SUBPACKET, "Flag", "Flag marks a split packet but PNUM/PNO are missing")
        )
    elif pnum is not None and pno is not None and not 1 <= pno <= pnum:
        problems.append(Problem(Reason.BAD_SUBPACKET, "PNO", f"packet {pno} of {pnum} is out of range"))


def _decrypt_cp(
    cp_text: str, cn: str, mn: str, version: Version, ciphers: Mapping[str, Sm4Cipher] | None
) -> tuple[str, bool]:
    # Plaintext CP always holds '=', ciphertext never does: devices on private networks may not encrypt.
    if version is not Version.HJ212_2025 or not is_encrypted_cn(cn) or not _CIPHERTEXT.fullmatch(cp_text):
        return cp_text, False
    cipher = ciphers.get(mn) if ciphers is not None else None
    if cipher is None:
        raise HJ212Error(
            Reason.ENCRYPTED_NO_KEY, f"CP of CN {cn} from {_clip(mn)} is encrypted and no key is set"
        )
    return cipher.decrypt(cp_text), True


def _parse_cp(text: str, problems: list[Problem]) -> tuple[CpGroup, ...]:
    groups: list[CpGroup] = []
    for group_text in text.split(";"):
        items = []
        for item in group_text.split(","):
            if not item:
                continue
            key, sep, value = item.partition("=")
            if not sep or not key:
                problems.append(Problem(Reason.BAD_FIELD, _clip(item), "CP item is not key=value"))
            else:
                items.append((key, value))
        if items:
            groups.append(tuple(items))
    return tuple(groups)


def _values(cp: tuple[CpGroup, ...], problems: list[Problem]) -> tuple[Value, ...]:
    flags: dict[str, str] = {}
    measured: list[tuple[str, str, str, str]] = []
    for group in cp:
        for key, value in group:
            code, sep, suffix = key.partition("-")
            if not sep:
                continue  # DataTime, PolId, SystemTime ...: kept in cp only
            if not code or not suffix:
                problems.append(Problem(Reason.BAD_FIELD, _clip(key), "CP key is not code-suffix"))
            elif suffix == Suffix.FLAG:
                _add_flag(flags, code, value, problems)
            else:
                measured.append((code, suffix, value, f"{key}={value}"))
    return tuple(
        Value(
            code,
            normalise_code(code),
            suffix,
            _measurement(suffix, value, raw, problems),
            flags.get(code),
            raw,
        )
        for code, suffix, value, raw in measured
    )


def _add_flag(flags: dict[str, str], code: str, value: str, problems: list[Problem]) -> None:
    if value not in _KNOWN_FLAGS:
        problems.append(
            Problem(Reason.UNKNOWN_FLAG, f"{_clip(code)}-Flag", f"data flag {_clip(value)!r} is unknown")
        )
    flags.setdefault(code, value)


def _measurement(suffix: str, value: str, raw: str, problems: list[Problem]) -> Decimal | str:
    if suffix not in NUMERIC_SUFFIXES:
        return value
    if _NUMBER.fullmatch(value):
        return Decimal(value)
    problems.append(Problem(Reason.BAD_VALUE, _clip(raw), "measurement is not a number"))
    return value


def _data_time(cp: tuple[CpGroup, ...], problems: list[Problem]) -> datetime | None:
    text = next((value for group in cp for key, value in group if key == "DataTime"), None)
    if text is None:
        return None
    moment = parse_timestamp(text)
    if moment is None:
        problems.append(Problem(Reason.BAD_TIME, "DataTime", f"{_clip(text)!r} is not YYYYMMDDhhmmss[zzz]"))
    return moment
