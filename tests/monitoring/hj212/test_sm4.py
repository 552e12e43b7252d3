from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heluo.monitoring.hj212 import (
    HJ212Error,
    Padding,
    Reason,
    Sm4Cipher,
    Version,
    build_frame,
    is_encrypted_cn,
    parse_frame,
)
from heluo.monitoring.hj212.sm4 import sm4_ecb_decrypt, sm4_ecb_encrypt

from .examples import PROPERTY

KEY = bytes.fromhex("0123456789abcdeffedcba9876543210")
CP = [[("DataTime", "20250606080000")], [("a34002-Rtd", "31"), ("a34002-Flag", "N")]]


def test_gbt_32907_vector() -> None:
    ciphertext = bytes.fromhex("681edf34d206965e86b3e94f536e4246")
    assert sm4_ecb_encrypt(KEY, KEY) == ciphertext
    assert sm4_ecb_decrypt(KEY, ciphertext) == KEY


def test_cp_round_trips_as_uppercase_hex() -> None:
    cipher = Sm4Cipher(KEY)
    text = "DataTime=20250606080000;a34002-Rtd=31"  # 37 bytes: not whole blocks
    with pytest.raises(HJ212Error) as caught:
        cipher.encrypt(text)
    assert caught.value.reason is Reason.BAD_PLAINTEXT
    whole = text + "," + "x" * 10  # 48 bytes
    encrypted = cipher.encrypt(whole)
    assert encrypted == encrypted.upper() and len(encrypted) == 96
    assert cipher.decrypt(encrypted.lower()) == whole


@PROPERTY
@given(st.text(max_size=80), st.sampled_from([Padding.PKCS7, Padding.ZERO]))
def test_padded_cp_round_trips(text: str, padding: Padding) -> None:
    text = text.rstrip("\0")  # zero padding cannot tell trailing NULs from padding
    cipher = Sm4Cipher(KEY, padding=padding)
    assert cipher.decrypt(cipher.encrypt(text)) == text


@pytest.mark.parametrize("ciphertext", ["XYZ", "681EDF34", "681EDF34D206965E86B3E94F536E424"])
def test_ciphertext_that_is_not_whole_hex_blocks_is_refused(ciphertext: str) -> None:
    with pytest.raises(HJ212Error) as caught:
        Sm4Cipher(KEY).decrypt(ciphertext)
    assert caught.value.reason is Reason.BAD_CIPHERTEXT


def test_wrong_key_is_refused_rather_than_read_as_garbage() -> None:
    encrypted = Sm4Cipher(KEY, padding=Padding.PKCS7).encrypt("DataTime=20250606080000")
    with pytest.raises(HJ212Error) as caught:
        Sm4Cipher(bytes(16), padding=Padding.PKCS7).decrypt(encrypted)
    assert caught.value.reason is Reason.BAD_CIPHERTEXT


def test_key_must_have_16_bytes_and_stays_out_of_repr() -> None:
    with pytest.raises(ValueError):
        Sm4Cipher(b"short")
    assert KEY.hex() not in repr(Sm4Cipher(KEY)) and str(KEY) not in repr(Sm4Cipher(KEY))


@pytest.mark.parametrize(
    ("cn", "encrypted"), [("2011", True), ("2061", True), ("1014", True), ("3020", True)]
)
def test_data_uploads_key_requests_and_site_info_are_encrypted(cn: str, encrypted: bool) -> None:
    assert is_encrypted_cn(cn) is encrypted


@pytest.mark.parametrize("cn", ["9015", "9014", "1013", "1011", "3019", "20x1"])
def test_other_commands_are_not_encrypted(cn: str) -> None:
    assert not is_encrypted_cn(cn)


def encrypted_frame(flag: int = 9) -> bytes:
    cipher = Sm4Cipher(KEY, padding=Padding.PKCS7)
    return build_frame(
        qn="20250606080000000", st="22", cn="2011", pw="1", mn="M1", flag=flag, cp=CP, cipher=cipher
    )


def test_encrypted_2025_frame_is_decrypted_with_the_devices_key() -> None:
    data = encrypted_frame()
    assert b"a34002" not in data
    frame = parse_frame(data, ciphers={"M1": Sm4Cipher(KEY, padding=Padding.PKCS7)})
    assert frame.version is Version.HJ212_2025 and frame.encrypted
    assert frame.cp_value("DataTime") == "20250606080000"
    assert [(value.code, str(value.value), value.flag) for value in frame.values] == [("a34002", "31", "N")]


def test_encrypted_frame_without_a_key_is_refused() -> None:
    with pytest.raises(HJ212Error) as caught:
        parse_frame(encrypted_frame(), ciphers={"OTHER": Sm4Cipher(KEY)})
    assert caught.value.reason is Reason.ENCRYPTED_NO_KEY


def test_plaintext_2025_frame_needs_no_key() -> None:
    data = build_frame(qn="20250606080000000", st="22", cn="2011", pw="1", mn="M1", flag=9, cp=CP)
    frame = parse_frame(data)
    assert not frame.encrypted and len(frame.values) == 1


def test_2017_frames_are_never_decrypted() -> None:
    frame = parse_frame(encrypted_frame(flag=5), ciphers={"M1": Sm4Cipher(KEY, padding=Padding.PKCS7)})
    assert not frame.encrypted
    assert frame.values == ()
