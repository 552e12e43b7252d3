"""The financing ledgers through the generic view checks, an agreement's parts, and the demo's figures
read from the registry."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from heluo.core.figures import Period, Territory, value
from heluo.core.models import Division, Unit, UnitType
from heluo.core.services.accounts import system_operator
from heluo.enterprise.finance import demo, figures, ledgers
from heluo.enterprise.finance.models import AmountKind, Award, AwardLevel, CoordinatedLoan, FinancingAgreement
from tests.core.ledger_cases import LedgerViewCases

_serial = itertools.count(1)

LAOCHENG = "410302000000"
XIGUAN = "410302001000"
KAIYUAN = "410311002000"
YI = Decimal(100_000_000)
WAN = Decimal(10_000)


def division(code: str) -> Division:
    return Division.objects.get(code=code)


def unit(code: str = LAOCHENG, kind: str = "enterprise") -> Unit:
    return Unit.objects.create(
        name=f"测试融资单位{next(_serial)}",
        unit_type=UnitType.objects.get(code=kind),
        division=division(code),
    )


def agreement(code: str = XIGUAN, **fields: Any) -> FinancingAgreement:
    fields.setdefault("bank", unit(code, "financial_institution"))
    fields.setdefault("counterpart", unit(code, "government"))
    return FinancingAgreement.objects.create(
        name=f"测试战略合作协议{next(_serial)}",
        amount=fields.pop("amount", 10 * YI),
        signed_on=dt.date(2019, 5, 1),
        division=division(code),
        **fields,
    )


class TestFinancingAgreementViews(LedgerViewCases):
    ledger = ledgers.agreement

    def make(self, in_scope: bool) -> models.Model:
        return agreement(XIGUAN if in_scope else KAIYUAN)

    def create_data(self) -> dict[str, Any]:
        return {
            "name": "老城区政府与测试银行战略合作协议",
            "bank": unit(LAOCHENG, "financial_institution").pk,
            "counterpart": unit(LAOCHENG, "government").pk,
            "amount": "2000000000",
            "amount_kind": "at_least",
            "term_years": "5",
            "signed_on": "2019-05-16",
            "division": division(LAOCHENG).pk,
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        # A part without a beneficiary.
        return {**self.create_data(), "parent": agreement(LAOCHENG).pk}, "beneficiary"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "name": f"{obj}（补充）",
            "bank": obj.bank_id,  # type: ignore[attr-defined]
            "counterpart": obj.counterpart_id,  # type: ignore[attr-defined]
            "amount": "3000000000",
            "amount_kind": "exact",
            "signed_on": "2019-06-01",
            "division": division(XIGUAN).pk,
        }

    def protect(self, obj: models.Model) -> None:
        agreement(
            XIGUAN,
            bank=obj.bank,
            parent=obj,
            beneficiary=unit(XIGUAN),
            amount=YI,  # type: ignore[attr-defined]
        )


class TestCoordinatedLoanViews(LedgerViewCases):
    ledger = ledgers.loan

    def make(self, in_scope: bool) -> models.Model:
        code = XIGUAN if in_scope else KAIYUAN
        return CoordinatedLoan.objects.create(
            enterprise=unit(code), bank=unit(code, "financial_institution"), amount=500 * WAN,
            granted_on=dt.date(2019, 4, 1), division=division(code),
        )  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.enterprise.name  # type: ignore[attr-defined]

    def create_data(self) -> dict[str, Any]:
        return {
            "enterprise": unit(XIGUAN).pk,
            "bank": unit(LAOCHENG, "financial_institution").pk,
            "amount": "5000000",
            "granted_on": "2019-04-01",
            "division": division(XIGUAN).pk,
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "amount": "-1"}, "amount"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "enterprise": obj.enterprise_id,  # type: ignore[attr-defined]
            "bank": obj.bank_id,  # type: ignore[attr-defined]
            "amount": "6000000",
            "granted_on": "2019-04-02",
            "division": division(XIGUAN).pk,
        }


class TestAwardViews(LedgerViewCases):
    ledger = ledgers.award

    def make(self, in_scope: bool) -> models.Model:
        return Award.objects.create(
            name=f"测试奖补资金{next(_serial)}", level=AwardLevel.PROVINCIAL, amount=500 * WAN, year=2017,
            beneficiary="测试商业区", division=division(XIGUAN if in_scope else KAIYUAN),
        )  # fmt: skip

    def create_data(self) -> dict[str, Any]:
        return {
            "name": "国家服务业发展引导资金（测试）",
            "level": "national",
            "amount": "7800000",
            "year": "2017",
            "beneficiary": "以洛邑古城为核心的特色商业区",
            "division": division(LAOCHENG).pk,
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "year": "217"}, "year"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {**self.create_data(), "name": f"{obj}（更正）", "level": "municipal"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("part", "field"),
    [
        ({"amount": 60 * YI}, "amount"),  # more than the whole
        ({"other_bank": True}, "bank"),
        ({"beneficiary": None}, "beneficiary"),
    ],
)
def test_a_part_of_an_agreement_must_fit_inside_it(part: dict[str, Any], field: str) -> None:
    whole = agreement(amount=50 * YI, amount_kind=AmountKind.AT_LEAST)
    row = FinancingAgreement(
        name="部分", bank=unit(kind="financial_institution") if part.get("other_bank") else whole.bank,
        counterpart=whole.counterpart, beneficiary=part.get("beneficiary", unit()), parent=whole,
        amount=part.get("amount", 40 * YI), signed_on=whole.signed_on, division=whole.division,
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    assert field in refused.value.message_dict


@pytest.mark.django_db
def test_a_part_of_a_part_is_refused() -> None:
    whole = agreement(amount=50 * YI)
    part = agreement(bank=whole.bank, parent=whole, beneficiary=unit(), amount=40 * YI)
    row = FinancingAgreement(
        name="部分之部分", bank=whole.bank, counterpart=whole.counterpart, beneficiary=unit(), parent=part,
        amount=YI, signed_on=whole.signed_on, division=whole.division,
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    assert "parent" in refused.value.message_dict


@pytest.mark.django_db
def test_the_demo_gives_the_articles_financing_figures_from_the_registry() -> None:
    operator = system_operator()
    demo.load_demo(operator)
    laocheng = Territory.of(division(LAOCHENG))
    year_2019, year_2017 = Period.year(2019), Period.year(2017)

    def number(key: str, period: Period) -> Any:
        return value(key, laocheng, period).number

    assert number(figures.AGREEMENTS, year_2019) == 3
    assert number(figures.AGREED_EXACT, year_2019) == 35 * YI
    # 不低于50亿元 and 不低于20亿元; 古都集团's 40亿元 is inside the 50.
    assert number(figures.AGREED_AT_LEAST, year_2019) == 70 * YI
    loans = number(figures.LOAN_AMOUNT, year_2019)
    assert 5000 * WAN < loans < 6000 * WAN
    assert number(figures.AWARDS_NATIONAL, year_2017) == 780 * WAN
    assert number(figures.AWARDS_PROVINCIAL, year_2017) == 500 * WAN
    assert number(figures.AWARDS, year_2017) == 1280 * WAN
    written = {key: value(key, laocheng, period).text for key, period in (
        (figures.AGREED_EXACT, year_2019), (figures.AGREED_AT_LEAST, year_2019), (figures.LOAN_AMOUNT, year_2019),
        (figures.AWARDS_NATIONAL, year_2017), (figures.AWARDS_PROVINCIAL, year_2017),
    )}  # fmt: skip
    assert written == {
        figures.AGREED_EXACT: "35亿元",
        figures.AGREED_AT_LEAST: "不低于70亿元",
        figures.LOAN_AMOUNT: "5000余万元",
        figures.AWARDS_NATIONAL: "780万元",
        figures.AWARDS_PROVINCIAL: "500万元",
    }
    part = FinancingAgreement.objects.get(parent__isnull=False, is_demo=True)
    assert (part.beneficiary.name, part.amount, part.amount_kind) == (
        "洛阳古都发展集团有限公司",
        40 * YI,
        "at_least",
    )
    assert part.parent.amount == 50 * YI
    assert demo.load_demo(operator) == Counter()
