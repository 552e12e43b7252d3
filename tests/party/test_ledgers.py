"""The ledgers of organisations, term lengths, posts, members and transfers through the generic checks:
pages, API and Excel round trip, in and out of scope, with and without the right."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import models

from heluo.party import ledgers_org as ledgers
from heluo.party.models import OrganisationKind, TermLength, Transfer
from tests.core.ledger_cases import LedgerViewCases

from . import factories as f
from .conftest import PARTY_OFFICER


class TestPartyOrganisationViews(LedgerViewCases):
    ledger = ledgers.party_organisation

    def make(self, in_scope: bool) -> models.Model:
        return f.organisation(f.XIGUAN if in_scope else f.KAIYUAN, kind=OrganisationKind.COMMITTEE)

    def create_data(self) -> dict[str, Any]:
        return {"name": "西关测试社区党委", "kind": "committee", "field": "community", "division": f.division(f.XIGUAN).pk,
                "established_on": "2010-07-01", "term_started_on": "2023-06-01"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        # a branch is not formed without 3 full members on its roll
        return {**self.create_data(), "kind": "branch"}, "established_on"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"name": obj.name, "kind": "committee", "field": "community", "division": obj.division_id,  # type: ignore[attr-defined]
                "term_started_on": "2024-06-01", "notes": "换届"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.name  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        f.organisation(parent=obj)  # type: ignore[arg-type]


class TestTermLengthViews(LedgerViewCases):
    ledger = ledgers.term_length
    actor = "admin"

    def make(self, in_scope: bool) -> models.Model:
        return TermLength.objects.get(field="organ")

    @pytest.fixture(autouse=True)
    def _free_field(self, db: Any) -> None:
        # every field is seeded: the row to create is one a city removed
        TermLength.objects.filter(field="social").delete()

    def create_data(self) -> dict[str, Any]:
        return {"field": "social", "years": "3"}

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {"field": "rural", "years": "4"}, "field"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"field": obj.field, "years": "4"}  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.field  # type: ignore[attr-defined]


class TestPostViews(LedgerViewCases):
    ledger = ledgers.post
    actor = PARTY_OFFICER

    def make(self, in_scope: bool) -> models.Model:
        return f.post(f.organisation(f.XIGUAN if in_scope else f.KAIYUAN))

    def create_data(self) -> dict[str, Any]:
        branch = f.organisation()
        return {
            "organisation": branch.pk,
            "member": f.member(branch).pk,
            "kind": "secretary",
            "start": "2023-06-01",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "end": "2023-01-01"}, "end"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"organisation": obj.organisation_id, "member": obj.member_id, "kind": "secretary",  # type: ignore[attr-defined]
                "start": "2020-01-01", "end": "2025-12-31"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.member.name  # type: ignore[attr-defined]


class TestMemberViews(LedgerViewCases):
    ledger = ledgers.member
    actor = PARTY_OFFICER

    def make(self, in_scope: bool) -> models.Model:
        return f.member(f.organisation(f.XIGUAN if in_scope else f.KAIYUAN), phone="13800000000")

    def create_data(self) -> dict[str, Any]:
        return {"organisation": f.organisation().pk, "name": "测试新党员", "gender": "female", "status": "probationary",
                "joined_on": "2025-07-01", "dues_category": "in_service", "monthly_income": "4200.00"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "status": "full"}, "confirmed_on"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"organisation": obj.organisation_id, "name": obj.name, "status": "full", "joined_on": "2015-07-01",  # type: ignore[attr-defined]
                "confirmed_on": "2016-07-01", "dues_category": "retired", "is_mobile": "on",
                "mobile_location": "广东省深圳市", "mobile_contact": "微信 wx0001"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.name  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        f.post(obj.organisation, obj)  # type: ignore[attr-defined]


class TestTransferViews(LedgerViewCases):
    ledger = ledgers.transfer
    actor = PARTY_OFFICER

    def make(self, in_scope: bool) -> models.Model:
        member = f.member(f.organisation(f.XIGUAN if in_scope else f.KAIYUAN))
        return Transfer.objects.create(
            member=member, direction="out", counterpart="郑州市某党支部", letter_issued_on=dt.date(2026, 1, 5)
        )

    def create_data(self) -> dict[str, Any]:
        return {"member": f.member(f.organisation()).pk, "direction": "out", "counterpart": "开封市某党支部",
                "letter_issued_on": "2026-02-01", "across_provinces": ""}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "counterpart": ""}, "counterpart"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"member": obj.member_id, "direction": "out", "counterpart": "开封市另一党支部",  # type: ignore[attr-defined]
                "letter_issued_on": "2026-01-05", "notes": "改投"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.member.name  # type: ignore[attr-defined]
