"""Account administration: scoped, and nobody grants a role or a scope above their own."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from heluo.core.models import Account, Division, Role, Unit, Zone
from heluo.core.services import accounts


def role(code: str) -> Role:
    return Role.objects.get(code=code)


def division(code: str) -> Division:
    return Division.objects.get(code=code)


def test_district_admin_creates_an_account_inside_their_district(users: dict[str, Any]) -> None:
    account, password = accounts.create_account(
        users["laocheng"],
        username="xiguan1",
        roles=[role("division_staff")],
        home_division=division("410302001000"),
    )
    assert account.must_change_password and len(password) >= 12
    assert account.user.check_password(password)
    assert set(account.user.groups.all()) == {role("division_staff").group}


@pytest.mark.parametrize("above", ["city_admin", "militia_officer"])
def test_district_admin_cannot_grant_a_role_above_their_own(users: dict[str, Any], above: str) -> None:
    with pytest.raises(ValidationError) as refusal:
        accounts.create_account(
            users["laocheng"], username="x1", roles=[role(above)], home_division=division("410302000000")
        )
    assert "roles" in refusal.value.message_dict
    assert not Account.objects.filter(user__username="x1").exists()


def test_district_admin_cannot_place_an_account_outside_their_district(users: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as refusal:
        accounts.create_account(
            users["laocheng"],
            username="x2",
            roles=[role("division_staff")],
            home_division=division("410300000000"),
        )
    assert "home_division" in refusal.value.message_dict


def test_zone_admin_places_accounts_in_their_zone_only(users: dict[str, Any]) -> None:
    gaoxin = Zone.objects.get(code="gaoxin")
    accounts.create_account(users["gaoxin"], username="gx1", roles=[role("grid_officer")], home_zone=gaoxin)
    accounts.create_account(
        users["gaoxin"], username="gx2", roles=[role("grid_officer")], home_division=division("410371001000")
    )
    with pytest.raises(ValidationError):
        accounts.create_account(
            users["gaoxin"],
            username="gx3",
            roles=[role("grid_officer")],
            home_zone=Zone.objects.get(code="yibin"),
        )


def test_an_account_holding_a_higher_role_cannot_be_changed_by_a_lower_admin(users: dict[str, Any]) -> None:
    militia = Account.objects.get(user__username="wuzhuang")
    laocheng = users["laocheng"]
    # 瀍河回族区 is outside 老城区: first the scope refuses, then (moved inside) the role does.
    with pytest.raises(PermissionDenied):
        accounts.reset_password(laocheng, militia)
    militia.home_division = division("410302000000")
    militia.save()
    with pytest.raises(PermissionDenied) as refusal:
        accounts.reset_password(laocheng, militia)
    assert "role" in str(refusal.value) or "角色" in str(refusal.value)


def test_a_unit_outside_the_admins_scope_is_refused(users: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as refusal:
        accounts.create_account(
            users["laocheng"],
            username="x3",
            roles=[],
            home_division=division("410302000000"),
            unit=Unit.objects.get(name="中共北窑街道工作委员会"),
        )
    assert "unit" in refusal.value.message_dict


def test_reset_password_forces_a_change_at_next_login(users: dict[str, Any], client: Any) -> None:
    account, _ = accounts.create_account(
        users["laocheng"],
        username="xg2",
        roles=[role("division_staff")],
        home_division=division("410302001000"),
        password="first-Password-1",
    )
    assert not account.must_change_password
    password = accounts.reset_password(users["laocheng"], account)
    account.refresh_from_db()
    assert account.must_change_password
    client.force_login(account.user)
    assert client.get("/core/units/")["Location"] == "/password/"
    response = client.post(
        "/password/",
        {"old_password": password, "new_password1": "Luoyang-2026-new", "new_password2": "Luoyang-2026-new"},
    )
    assert response.status_code == 302
    account.refresh_from_db()
    assert not account.must_change_password
    assert client.get("/core/units/").status_code == 200


def test_nobody_disables_their_own_account(users: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        accounts.set_active(users["laocheng"], users["laocheng"].account, False)


def test_granting_through_the_page_is_refused_with_a_message(client_as: Any) -> None:
    client = client_as("laocheng")
    response = client.post(
        "/core/accounts/add/",
        {
            "username": "sneaky",
            "home_division": division("410302000000").pk,
            "roles": [role("city_admin").pk],
        },
    )
    assert response.status_code == 400
    assert not Account.objects.filter(user__username="sneaky").exists()
    # The role above their own is not even offered.
    assert f'value="{role("city_admin").pk}"' not in client.get("/core/accounts/add/").content.decode()


def test_an_account_without_a_scope_sees_nothing(users: dict[str, Any]) -> None:
    account, _ = accounts.create_account(
        users["admin"], username="empty", roles=[role("leader")], password="x" * 12
    )
    assert Unit.objects.for_user(account.user).count() == 0
    assert Division.objects.for_user(account.user).count() == 0


def test_system_operator_is_created_once(db: Any) -> None:
    assert accounts.system_operator() == accounts.system_operator()


def test_the_city_administrator_grants_the_militia_role_without_seeing_document_numbers(
    users: dict[str, Any], client_as: Any
) -> None:
    """Granting the right to see document numbers in full is not seeing them: the administrator of the
    militia module gives the role, and still sees the numbers masked."""
    form = client_as("admin").get("/core/accounts/add/").content.decode()
    assert "武装部干事" in form
    account, _password = accounts.create_account(
        users["admin"],
        username="renwu2",
        roles=[role("militia_officer")],
        home_division=division("410304000000"),
    )
    assert account.user.has_perm("core.view_document_number")
    assert not users["admin"].has_perm("core.view_document_number")
    accounts.reset_password(users["admin"], Account.objects.get(user__username="wuzhuang"))
    # A district administrator does not hold the militia module: still refused (above).
    assert "武装部干事" not in client_as("laocheng").get("/core/accounts/add/").content.decode()


def test_an_administrator_cannot_give_themselves_the_right_to_see_document_numbers(
    users: dict[str, Any],
) -> None:
    admin = Account.objects.get(user__username="admin")
    with pytest.raises(PermissionDenied):
        accounts.update_account(
            users["admin"], admin, roles=[*admin.roles.all(), role("militia_officer")],
            display_name=admin.display_name, home_division=admin.home_division, home_zone=None,
            unit=admin.unit, person=admin.person,
        )  # fmt: skip
    assert not Account.objects.get(user__username="admin").roles.filter(code="militia_officer").exists()


def test_the_account_page_shows_the_user_name_and_the_last_login(client_as: Any) -> None:
    client = client_as("laocheng")
    account = Account.objects.get(user__username="laocheng")
    client.get("/")  # a page as laocheng; force_login set the last login
    page = client.get(account.get_absolute_url()).content.decode()
    account.refresh_from_db()
    login = account.user.last_login.astimezone(timezone.get_current_timezone()).strftime("%Y-%m-%d %H:%M")
    assert "<code>laocheng</code>" in page and login in page
    never = Account.objects.get(user__username="lingdao")
    assert "从未登录" in client_as("admin").get(never.get_absolute_url()).content.decode()
