"""三员分立 (services/duties.py): with the security policy's separation on, the system administrator keeps
accounts and grants nothing, the security administrator grants roles and keeps the policy and unlocks but
creates or changes no login, nobody changes their own roles, and a superuser cannot log in."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from heluo.core.divisions_data import normalize_code
from heluo.core.models import AccessEvent, AccessKind, Division, Role, SecurityPolicy
from heluo.core.services import accounts

PASSWORD = "Duties-2026-three"


def role(code: str) -> Role:
    return Role.objects.get(code=code)


@pytest.fixture
def admins(db: Any) -> dict[str, Any]:
    operator = accounts.system_operator()
    city = Division.objects.get(code=normalize_code("410300"))
    made = {
        name: accounts.create_account(
            operator, username=name, roles=[role(code)], home_division=city, password=PASSWORD
        )[0].user
        for name, code in (("sys1", "system_admin"), ("sec1", "security_admin"), ("aud1", "audit_admin"))
    }
    policy = SecurityPolicy.current()
    policy.separate_administrators = True
    policy.save()
    return {**made, "city": city}


def test_the_system_administrator_keeps_accounts_and_grants_nothing(admins: dict[str, Any]) -> None:
    system = admins["sys1"]
    account, _password = accounts.create_account(system, username="clerk1", home_division=admins["city"])
    assert not account.roles.exists()
    with pytest.raises(ValidationError) as refused:
        accounts.create_account(system, username="clerk2", roles=[role("leader")])
    assert "三员分立" in str(refused.value.message_dict["roles"])
    with pytest.raises(PermissionDenied):
        accounts.update_account(system, account, roles=[role("leader")])
    accounts.update_account(system, account, display_name="书记员", email="clerk@example.cn")
    accounts.reset_password(system, account)
    accounts.set_active(system, account, False)
    with pytest.raises(PermissionDenied):  # nor its own roles
        accounts.update_account(system, system.account, roles=[role("system_admin"), role("security_admin")])


def test_the_security_administrator_grants_roles_and_touches_no_login(admins: dict[str, Any]) -> None:
    security = admins["sec1"]
    account, _password = accounts.create_account(
        admins["sys1"], username="clerk3", home_division=admins["city"]
    )
    accounts.update_account(security, account, roles=[role("leader")])
    assert list(account.roles.values_list("code", flat=True)) == ["leader"]
    grant = AccessEvent.objects.filter(kind=AccessKind.GRANT).order_by("-sequence").first()
    assert grant is not None and grant.user == security and "clerk3" in grant.context
    for act in (
        lambda: accounts.create_account(security, username="clerk4"),
        lambda: accounts.reset_password(security, account),
        lambda: accounts.set_active(security, account, False),
        lambda: accounts.update_account(security, account, email="changed@example.cn"),
        lambda: accounts.update_account(
            security, security.account, roles=[role("security_admin"), role("audit_admin")]
        ),
    ):
        with pytest.raises(PermissionDenied):
            act()


def test_the_audit_administrator_administers_nothing(admins: dict[str, Any]) -> None:
    audit = admins["aud1"]
    account = admins["sys1"].account
    for act in (
        lambda: accounts.create_account(audit, username="clerk5"),
        lambda: accounts.update_account(audit, account, roles=[role("leader")]),
        lambda: accounts.reset_password(audit, account),
    ):
        with pytest.raises(PermissionDenied):
            act()


def test_the_policy_and_the_unlocks_are_the_security_administrators(
    admins: dict[str, Any], client: Any
) -> None:
    for username, status in (("sec1", 200), ("admin", 403), ("sys1", 403), ("aud1", 403)):
        client.force_login(get_user_model().objects.get(username=username))
        assert client.get("/core/security-policy/").status_code == status, username
        assert client.get("/core/lockouts/").status_code == status, username
        menu = client.get("/").content.decode()
        assert ('href="/core/security-policy/"' in menu) == (status == 200), username
        assert ('href="/core/lockouts/"' in menu) == (status == 200), username


def test_a_superuser_cannot_log_in_under_separation(admins: dict[str, Any], client: Any) -> None:
    policy = SecurityPolicy.current()
    policy.separate_administrators = False
    policy.save()
    get_user_model().objects.create_superuser("root", "root@example.cn", PASSWORD)  # made before it was on
    policy.separate_administrators = True
    policy.save()
    assert client.post("/login/", {"username": "root", "password": PASSWORD}).status_code == 200
    policy = SecurityPolicy.current()
    policy.separate_administrators = False
    policy.save()
    assert client.post("/login/", {"username": "root", "password": PASSWORD}).status_code == 302


def test_no_superuser_is_made_under_separation(admins: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied, match="三员分立"):
        get_user_model().objects.create_superuser("root2", "root2@example.cn", PASSWORD)
    existing = admins["sys1"]
    existing.is_superuser = True
    with pytest.raises(PermissionDenied):
        existing.save()


def test_the_level_three_policy_requires_a_second_factor_of_all_three_administrators(
    admins: dict[str, Any],
) -> None:
    from heluo.core.services import identity

    identity.apply_level_three()
    assert all(identity.requires_two_factor(admins[name]) for name in ("sys1", "sec1", "aud1"))
