"""A test account of the organisation department (组织部) of 老城区, the actor of the member ledgers: the
district administrator `laocheng` does not see member records."""

from __future__ import annotations

from typing import Any

import pytest

from heluo.core.models import Division, Role
from heluo.core.services.accounts import create_account, system_operator

PARTY_OFFICER = "party_test_od"


@pytest.fixture(autouse=True)
def party_officer(db: Any) -> None:
    create_account(
        system_operator(),
        username=PARTY_OFFICER,
        display_name="老城区组织部（测试）",
        roles=[Role.objects.get(code="organisation_department")],
        home_division=Division.objects.get(code="410302000000"),
        password="x" * 12,
        is_demo=True,
    )
