"""The party demo: the seed's organisations and members from the rows, through the pages, the second
branch's secretary and the organisation department's logins, and a second run that creates nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from heluo.cases.models import Case
from heluo.core.models import Account
from heluo.core.services.accounts import system_operator
from heluo.party.demo import SECOND_BRANCH, load_demo
from heluo.party.models import Member, PartyOrganisation, TransferState
from heluo.party.services.organisations import SOURCE_KIND, branch_warnings, member_counts
from tests.conftest import kept_for_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The demo on top of the session's core demo, once for the module, rolled back after it."""
    with kept_for_module(django_db_blocker):
        load_demo(system_operator())
        yield


def test_the_second_branch_holds_thirty_members_eight_of_them_mobile() -> None:
    branch = PartyOrganisation.objects.get(name=SECOND_BRANCH)
    assert branch.parent.name == "中共定鼎门社区委员会" and branch.division.code == "410311002001"
    counts = member_counts(branch)
    assert counts.mobile == 8
    assert 28 <= counts.members <= 30  # one moved to 金家街, one letter pending
    assert Member.objects.filter(organisation=branch, name="王兰华").exists()
    assert branch_warnings(branch) == []


def test_beiyao_holds_jinjiajie_and_a_transfer_moved_a_member_there() -> None:
    working = PartyOrganisation.objects.get(name="中共北窑街道工作委员会")
    names = set(working.children.values_list("name", flat=True))
    assert "中共金家街社区委员会" in names
    moved = Member.objects.get(transfers__state=TransferState.RECEIVED, transfers__direction="in")
    assert moved.organisation.name == "中共金家街社区第一支部委员会"


def test_the_secretary_sees_the_branch_and_the_mobile_members(client_as: Any) -> None:
    account = Account.objects.get(user__username="dingdingmen")
    assert "party_secretary" in set(account.roles.values_list("code", flat=True))
    client = client_as("dingdingmen")
    page = client.get("/party/members/mobile/").content.decode()
    assert all(place in page for place in ("广东省深圳市", "浙江省杭州市"))
    assert page.count("微信 ddm") == 8


def test_the_organisation_department_of_luolong_sees_the_branch(client_as: Any) -> None:
    branch = PartyOrganisation.objects.get(name=SECOND_BRANCH)
    client = client_as("zuzhibu")
    assert client.get(branch.get_absolute_url()).status_code == 200
    beiyao = PartyOrganisation.objects.get(name="中共北窑街道工作委员会")
    assert client.get(beiyao.get_absolute_url()).status_code == 404


def test_a_term_ending_soon_opened_its_changeover_case() -> None:
    # 定鼎门 and 金家街's terms (5 years from 2021/2022) have ended or end within the notice period.
    assert Case.objects.filter(source_kind=SOURCE_KIND).exists()


def test_a_second_run_creates_nothing() -> None:
    assert load_demo(system_operator()) == {}
