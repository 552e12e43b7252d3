"""Check digits and masks for Chinese identifiers. Pure: no Django, no database: values in, values out.

Each check returns None when the value is valid, otherwise an English message key that the Django
validators translate (so the rules live here once and the messages in the catalogue).
"""

from __future__ import annotations

import datetime as dt
import re

# GB 32100-2015 统一社会信用代码: 18 characters over a 31-symbol alphabet (no I, O, S, V, Z).
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

# GB 11643-1999 公民身份号码: ISO 7064 MOD 11-2 over the first 17 digits.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"


MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
# Area code 0xx/0xxx, 7–8 digit number, optional extension; hyphen or space optional.
LANDLINE_RE = re.compile(r"^0\d{2,3}[- ]?\d{7,8}([- ]\d{1,6})?$")


def gettext_noop(message: str) -> str:
    """Marks a message for the translation catalogue without importing Django."""
    return message


def credit_code_check_char(first17: str) -> str:
    total = sum(CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def check_credit_code(code: str) -> str | None:
    if len(code) != 18:
        return gettext_noop("A unified social credit code has 18 characters.")
    bad = [c for c in code if c not in CREDIT_CODE_ALPHABET]
    if bad:
        return gettext_noop(
            "A unified social credit code uses digits and capital letters except I, O, S, V and Z."
        )
    if not code[2:8].isdigit():
        return gettext_noop(
            "Characters 3 to 8 of a unified social credit code are the division code (digits)."
        )
    if credit_code_check_char(code[:17]) != code[17]:
        return gettext_noop("The check character of this unified social credit code is wrong.")
    return None


def id_check_char(first17: str) -> str:
    return ID_CHECK_CHARS[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def _valid_birth_date(text: str, today: dt.date) -> bool:
    try:
        born = dt.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        return False
    return dt.date(1890, 1, 1) <= born <= today


def check_resident_id(number: str, today: dt.date | None = None) -> str | None:
    """居民身份证: 18 characters with the GB 11643 check character, or the old 15 digits (before 1999)."""
    today = today or dt.date.today()
    if len(number) == 15:
        if not number.isdigit():
            return gettext_noop("An old 15-digit identity card number has digits only.")
        if not _valid_birth_date("19" + number[6:12], today):
            return gettext_noop("The date of birth in this identity card number is not a real date.")
        return None
    if len(number) != 18:
        return gettext_noop("An identity card number has 18 characters (or 15 digits for an old card).")
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return gettext_noop("An identity card number is 17 digits and a check character 0–9 or X.")
    if not _valid_birth_date(number[6:14], today):
        return gettext_noop("The date of birth in this identity card number is not a real date.")
    if id_check_char(number[:17]) != number[17]:
        return gettext_noop("The check character of this identity card number is wrong.")
    return None


def check_hmt_residence_permit(number: str, today: dt.date | None = None) -> str | None:
    """港澳台居民居住证: 18 characters like an identity card, with 810000 / 820000 / 830000 as the area."""
    if number[:6] not in {"810000", "820000", "830000"}:
        return gettext_noop(
            "A residence permit for Hong Kong, Macao and Taiwan residents starts with 810000, 820000 or 830000."
        )
    return (
        check_resident_id(number, today)
        if len(number) == 18
        else gettext_noop("This number must have 18 characters.")
    )


def check_foreign_permanent_id(number: str, today: dt.date | None = None) -> str | None:
    """外国人永久居留身份证: the 2017 form (3 letters + 12 digits) or the 2023 form (18, starting with 9)."""
    if re.fullmatch(r"[A-Z]{3}\d{12}", number):
        return None
    if len(number) == 18 and number.startswith("9"):
        return check_resident_id(number, today)
    return gettext_noop(
        "A foreign permanent resident ID card number is 3 letters and 12 digits, or 18 characters starting with 9."
    )


def check_passport(number: str) -> str | None:
    if not re.fullmatch(r"[A-Z0-9]{5,17}", number):
        return gettext_noop("A passport number has 5 to 17 capital letters and digits.")
    return None


def check_phone(number: str) -> str | None:
    if MOBILE_RE.match(number) or LANDLINE_RE.match(number):
        return None
    return gettext_noop(
        "Enter a mobile number (11 digits starting with 1) or a landline with its area code, e.g. 0379-63221234."
    )


def mask(value: str) -> str:
    """Keep the first 3 and the last 4 characters of a long number, 1 and 1 of a short one."""
    if not value:
        return ""
    if len(value) >= 10:
        return value[:3] + "*" * (len(value) - 7) + value[-4:]
    if len(value) <= 2:
        return "*" * len(value)
    return value[0] + "*" * (len(value) - 2) + value[-1]
