"""Why a frame was refused or a field was flagged: one machine code for both, with an English message.

A refusal raises `HJ212Error`; a field that could not be read becomes a `Problem` on the frame with the
same `Reason` codes, so logs and the API speak one vocabulary.
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    BAD_HEADER = "bad_header"
    BAD_LENGTH = "bad_length"
    BAD_CRC = "bad_crc"
    BAD_TERMINATOR = "bad_terminator"
    BAD_ENCODING = "bad_encoding"
    BAD_FIELD = "bad_field"
    MISSING_FIELD = "missing_field"
    BAD_VALUE = "bad_value"
    BAD_TIME = "bad_time"
    UNKNOWN_CN = "unknown_cn"
    UNKNOWN_ST = "unknown_st"
    UNKNOWN_VERSION = "unknown_version"
    UNKNOWN_FLAG = "unknown_flag"
    BAD_SUBPACKET = "bad_subpacket"
    TOO_LONG = "too_long"
    ENCRYPTED_NO_KEY = "encrypted_no_key"
    BAD_CIPHERTEXT = "bad_ciphertext"
    BAD_PLAINTEXT = "bad_plaintext"
    BAD_HEX = "bad_hex"


REASON_LABELS_ZH: dict[Reason, str] = {
    Reason.BAD_HEADER: "包头错误",
    Reason.BAD_LENGTH: "数据段长度不符",
    Reason.BAD_CRC: "CRC校验错误",
    Reason.BAD_TERMINATOR: "包尾错误",
    Reason.BAD_ENCODING: "字符编码错误",
    Reason.BAD_FIELD: "字段格式错误",
    Reason.MISSING_FIELD: "缺少必需字段",
    Reason.BAD_VALUE: "数值格式错误",
    Reason.BAD_TIME: "时间格式错误",
    Reason.UNKNOWN_CN: "未知命令编码",
    Reason.UNKNOWN_ST: "未知系统编码",
    Reason.UNKNOWN_VERSION: "未知标准版本",
    Reason.UNKNOWN_FLAG: "未知数据标记",
    Reason.BAD_SUBPACKET: "拆分包序号错误",
    Reason.TOO_LONG: "数据过长",
    Reason.ENCRYPTED_NO_KEY: "数据已加密但未配置密钥",
    Reason.BAD_CIPHERTEXT: "密文无法解密",
    Reason.BAD_PLAINTEXT: "明文无法加密",
    Reason.BAD_HEX: "十六进制输入错误",
}


class HJ212Error(Exception):
    """A refused frame or input. `reason` is stable for machines; `message` explains it to people."""

    def __init__(self, reason: Reason, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message

    @property
    def label_zh(self) -> str:
        return REASON_LABELS_ZH[self.reason]
