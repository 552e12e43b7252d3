"""HJ 212 (2005, 2017, 2025) frames for Heluo's receiver: parse, build, stream-decode, reassemble, decrypt.

Pure: no Django, no database. See docs/hj212.md.
"""

from __future__ import annotations

from .build import (
    build_data_reply,
    build_execution_reply,
    build_frame,
    build_notification_reply,
    build_request_reply,
    build_set_time,
    format_cp,
    frame_segment,
    replies_for,
)
from .codes import (
    CN,
    CN_NAMES_ZH,
    DATA_FLAG_NAMES_ZH,
    EXE_RTN_NAMES_ZH,
    FACTORS,
    LEGACY_CODES,
    QN_RTN_NAMES_ZH,
    ST,
    ST_NAMES_ZH,
    SUFFIX_NAMES_ZH,
    DataFlag,
    ExeRtn,
    Factor,
    QnRtn,
    Suffix,
    is_encrypted_cn,
    normalise_code,
)
from .crc import CrcForm, crc16, crc16_modbus, crc_text, match_crc
from .decode import decode_line, decode_lines
from .errors import REASON_LABELS_ZH, HJ212Error, Reason
from .model import Frame, Problem, Value, Version
from .parse import parse_frame
from .redact import REDACTED, redact_password
from .sm4 import CipherTextForm, Padding, Sm4Cipher
from .stream import StreamDecoder, StreamStats
from .subpacket import CombinedPacket, PacketKey, SubpacketCollector
from .times import BEIJING, beijing_now, format_data_time, format_qn, parse_timestamp

__all__ = [
    "BEIJING",
    "CN",
    "CN_NAMES_ZH",
    "DATA_FLAG_NAMES_ZH",
    "EXE_RTN_NAMES_ZH",
    "FACTORS",
    "LEGACY_CODES",
    "QN_RTN_NAMES_ZH",
    "REASON_LABELS_ZH",
    "REDACTED",
    "ST",
    "ST_NAMES_ZH",
    "SUFFIX_NAMES_ZH",
    "CipherTextForm",
    "CombinedPacket",
    "CrcForm",
    "DataFlag",
    "ExeRtn",
    "Factor",
    "Frame",
    "HJ212Error",
    "PacketKey",
    "Padding",
    "Problem",
    "QnRtn",
    "Reason",
    "Sm4Cipher",
    "StreamDecoder",
    "StreamStats",
    "SubpacketCollector",
    "Suffix",
    "Value",
    "Version",
    "beijing_now",
    "build_data_reply",
    "build_execution_reply",
    "build_frame",
    "build_notification_reply",
    "build_request_reply",
    "build_set_time",
    "crc16",
    "crc16_modbus",
    "crc_text",
    "decode_line",
    "decode_lines",
    "format_cp",
    "format_data_time",
    "format_qn",
    "frame_segment",
    "is_encrypted_cn",
    "match_crc",
    "normalise_code",
    "parse_frame",
    "parse_timestamp",
    "redact_password",
    "replies_for",
]
