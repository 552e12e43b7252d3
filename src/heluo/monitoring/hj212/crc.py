"""The HJ 212 CRC and the variants real devices send.

`crc16` is the one name every caller uses, so a compiled implementation can replace it here later
without touching the callers; this table-driven form stays as the reference and the fallback.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum


class CrcForm(StrEnum):
    """How the 4 hex digits after the data segment were computed and written."""

    STANDARD = "standard"
    SWAPPED = "swapped"  # standard CRC, low byte first
    MODBUS_SWAPPED = "modbus_swapped"  # CRC-16/MODBUS, low byte first (Modbus wire order)
    MODBUS = "modbus"  # CRC-16/MODBUS, high byte first


def _reflected_table(poly: int) -> tuple[int, ...]:
    table = []
    for index in range(256):
        crc = index
        for _ in range(8):
            crc = (crc >> 1) ^ poly if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_TABLE = _reflected_table(0xA001)


def crc16(data: bytes) -> int:
    """HJ 212's "ANSI CRC16": the register is shifted right by 8 before each byte is XORed in."""
    crc = 0xFFFF
    table = _TABLE
    for byte in data:
        crc = table[(crc >> 8) ^ byte]
    return crc


def crc16_modbus(data: bytes) -> int:
    """CRC-16/MODBUS, which one public 2025 simulator sends instead of the HJ 212 CRC."""
    crc = 0xFFFF
    table = _TABLE
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


def _swap(value: int) -> int:
    return ((value & 0xFF) << 8) | (value >> 8)


def crc_text(data: bytes, form: CrcForm = CrcForm.STANDARD) -> str:
    """The 4 uppercase hex digits a sender using `form` writes after `data`."""
    value = crc16(data) if form in (CrcForm.STANDARD, CrcForm.SWAPPED) else crc16_modbus(data)
    if form in (CrcForm.SWAPPED, CrcForm.MODBUS_SWAPPED):
        value = _swap(value)
    return f"{value:04X}"


def match_crc(data: bytes, text: str, allowed: Collection[CrcForm] = ()) -> CrcForm | None:
    """Which form produced `text` for `data`: the standard one always, the others only when allowed."""
    if len(text) != 4:
        return None
    wanted = text.upper()
    standard = crc16(data)
    if wanted == f"{standard:04X}":
        return CrcForm.STANDARD
    if CrcForm.SWAPPED in allowed and wanted == f"{_swap(standard):04X}":
        return CrcForm.SWAPPED
    if CrcForm.MODBUS in allowed or CrcForm.MODBUS_SWAPPED in allowed:
        modbus = crc16_modbus(data)
        if CrcForm.MODBUS_SWAPPED in allowed and wanted == f"{_swap(modbus):04X}":
            return CrcForm.MODBUS_SWAPPED
        if CrcForm.MODBUS in allowed and wanted == f"{modbus:04X}":
            return CrcForm.MODBUS
    return None
