"""Django validators over the pure checks in heluo.core.identifiers (one set of rules for forms and imports)."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from heluo.core import identifiers


def _raise_if(message: str | None, code: str) -> None:
    if message:
        raise ValidationError(_(message), code=code)


# Module-level functions (not closures), so that migrations can refer to them.
def validate_credit_code(value: str) -> None:
    _raise_if(identifiers.check_credit_code(value), "credit_code")


def validate_phone(value: str) -> None:
    _raise_if(identifiers.check_phone(value), "phone")


def validate_document(document_type: str, number: str) -> None:
    """Check a document number by its type (居民身份证, 居住证, 永居证, 护照)."""
    checks: dict[str, Callable[[str], str | None]] = {
        "resident_id": identifiers.check_resident_id,
        "hmt_residence_permit": identifiers.check_hmt_residence_permit,
        "foreign_permanent_id": identifiers.check_foreign_permanent_id,
        "passport": identifiers.check_passport,
    }
    check = checks.get(document_type)
    message = check(number) if check else None
    if message:
        raise ValidationError({"id_number": ValidationError(_(message), code="id_number")})
