"""SM4-ECB over the CP content of HJ 212-2025 frames (GB/T 32907), through the `cryptography` package.

How the ciphertext is written and padded is not confirmed by the standard's text we have, so both are
per-device settings; hex without padding is the default.
"""

from __future__ import annotations

import binascii
from dataclasses import dataclass, field
from enum import StrEnum

from cryptography.hazmat.primitives import padding as block_padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from .errors import HJ212Error, Reason

BLOCK_BYTES = 16


class CipherTextForm(StrEnum):
    HEX = "hex"


class Padding(StrEnum):
    NONE = "none"  # the plaintext must already be a multiple of 16 bytes
    PKCS7 = "pkcs7"
    ZERO = "zero"  # NUL bytes added, and stripped after decryption


def _ecb(key: bytes) -> Cipher[modes.ECB]:
    return Cipher(algorithms.SM4(key), modes.ECB())


def sm4_ecb_encrypt(key: bytes, data: bytes) -> bytes:
    """Whole 16-byte blocks in, whole blocks out."""
    encryptor = _ecb(key).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def sm4_ecb_decrypt(key: bytes, data: bytes) -> bytes:
    decryptor = _ecb(key).decryptor()
    return decryptor.update(data) + decryptor.finalize()


@dataclass(frozen=True, slots=True)
class Sm4Cipher:
    """One device's SM4 settings: its key, how ciphertext is written, how plaintext is padded."""

    key: bytes = field(repr=False)
    form: CipherTextForm = CipherTextForm.HEX
    padding: Padding = Padding.NONE

    def __post_init__(self) -> None:
        if len(self.key) != BLOCK_BYTES:
            raise ValueError(f"an SM4 key has 16 bytes, not {len(self.key)}")

    def encrypt(self, text: str) -> str:
        """CP plaintext to the text written between `CP=&&` and `&&`."""
        return sm4_ecb_encrypt(self.key, self._pad(text.encode("utf-8"))).hex().upper()

    def decrypt(self, text: str) -> str:
        try:
            data = binascii.unhexlify(text)
        except (binascii.Error, ValueError) as error:
            raise HJ212Error(Reason.BAD_CIPHERTEXT, "CP ciphertext is not hex") from error
        if len(data) % BLOCK_BYTES:
            raise HJ212Error(Reason.BAD_CIPHERTEXT, f"CP ciphertext of {len(data)} bytes is not whole blocks")
        plain = self._unpad(sm4_ecb_decrypt(self.key, data))
        try:
            return plain.decode("utf-8")
        except UnicodeDecodeError as error:
            raise HJ212Error(Reason.BAD_CIPHERTEXT, "decrypted CP is not UTF-8: wrong key?") from error

    def _pad(self, data: bytes) -> bytes:
        if self.padding is Padding.PKCS7:
            padder = block_padding.PKCS7(BLOCK_BYTES * 8).padder()
            return padder.update(data) + padder.finalize()
        if self.padding is Padding.ZERO:
            return data + b"\0" * (-len(data) % BLOCK_BYTES)
        if len(data) % BLOCK_BYTES:
            raise HJ212Error(
                Reason.BAD_PLAINTEXT, f"CP of {len(data)} bytes is not a multiple of 16 and padding is off"
            )
        return data

    def _unpad(self, data: bytes) -> bytes:
        if self.padding is Padding.PKCS7:
            unpadder = block_padding.PKCS7(BLOCK_BYTES * 8).unpadder()
            try:
                return unpadder.update(data) + unpadder.finalize()
            except ValueError as error:
                raise HJ212Error(Reason.BAD_CIPHERTEXT, "bad PKCS7 padding: wrong key?") from error
        if self.padding is Padding.ZERO:
            return data.rstrip(b"\0")
        return data
