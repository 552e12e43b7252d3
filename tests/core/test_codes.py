"""A credit code written in lower case or with spaces is stored in capitals, whoever writes it."""

from __future__ import annotations

from typing import Any

from heluo.core.models import Division, Unit, UnitType


def test_credit_code_is_upper_cased_before_it_is_checked(db: Any) -> None:
    unit = Unit(
        name="小写代码单位",
        unit_type=UnitType.objects.get(code="enterprise"),
        division=Division.objects.get(code="410302001000"),
        credit_code=" 91350100m000100y43 ",
    )
    unit.full_clean()
    assert unit.credit_code == "91350100M000100Y43"
