"""Accounts: creation, changes, password resets and the rule that nobody grants above their own level.

Account administration is scoped: an administrator acts only on accounts in their scope, may place an
account only inside their own scope, and may grant only roles whose modules and permissions they hold
themselves. Each function checks this itself, whoever calls it (page, API, import, command).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from heluo.core.models import AccessKind, Account, Division, Person, Role, Unit, Zone
from heluo.core.modules import SENSITIVE_MODULES
from heluo.core.roles import SEE_IN_FULL
from heluo.core.scope import forget_scope, scope_of, visible
from heluo.core.services import duties
from heluo.core.services.access import SYSTEM_USERNAME, record_event

_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def temporary_password(length: int = 12) -> str:
    """A random password without look-alike characters, to be read out and changed at first login."""
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(length))


def role_permissions(role: Role) -> set[str]:
    return {
        f"{ct}.{code}"
        for ct, code in role.group.permissions.values_list("content_type__app_label", "codename")
    }


def may_grant(granter: Any, role: Role) -> bool:
    """A role is grantable when the granter holds all its modules and all its permissions, but for the
    rights to see sensitive data in full (roles.SEE_IN_FULL): an administrator of the role's modules
    gives those without holding them (the militia officer's, by the city administrator). So are the roles
    of the sensitive modules (militia), which no administrator covers: the one who defines roles (the
    city's) grants them without seeing their rows, never to themselves (check_account_change)."""
    scope = scope_of(granter)
    if scope.unrestricted:
        return True
    if duties.separated():
        # 三员分立: granting is the security administrator's duty, whatever roles they hold themselves.
        return duties.holds(granter, duties.SECURITY)
    sensitive = set(role.modules) & SENSITIVE_MODULES
    if sensitive and not granter.has_perm("core.change_role"):
        return False
    needed = {p for p in role_permissions(role) - SEE_IN_FULL if p.split(".", 1)[0] not in sensitive}
    return set(role.modules) - sensitive <= scope.modules and needed <= granter.get_all_permissions()


def grantable_roles(granter: Any) -> list[Role]:
    return [role for role in Role.objects.select_related("group") if may_grant(granter, role)]


def may_place(granter: Any, *, home_division: Division | None, home_zone: Zone | None) -> bool:
    """Whether the granter may give an account this home scope (never one wider than their own)."""
    scope = scope_of(granter)
    if scope.unrestricted:
        return True
    if home_division is not None:
        return scope.covers_path(home_division.path)
    if home_zone is not None:
        return home_zone.pk == scope.zone_id or scope.covers_path(home_zone.city.path)
    return True  # an account without a scope sees nothing: placing it nowhere grants nothing


def check_grant(
    granter: Any,
    *,
    roles: Iterable[Role],
    home_division: Division | None,
    home_zone: Zone | None,
    unit: Unit | None,
) -> None:
    """Raise ValidationError (by field) when the granter may not give these roles, scope or unit."""
    errors: dict[str, list[str]] = {}
    refused = [str(role) for role in roles if not may_grant(granter, role)]
    if refused:
        errors["roles"] = [
            _("You cannot grant a role above your own: %(roles)s.") % {"roles": "、".join(refused)}
        ]
    if home_division is not None and home_zone is not None:
        errors["home_zone"] = [_("Choose a home division or a home zone, not both.")]
    elif not may_place(granter, home_division=home_division, home_zone=home_zone):
        field = "home_division" if home_division is not None else "home_zone"
        errors[field] = [_("You cannot give an account a scope outside your own.")]
    if unit is not None and not visible(granter, unit):
        errors["unit"] = [_("This unit is outside your scope.")]
    if errors:
        raise ValidationError(errors)


def check_account_change(
    granter: Any,
    account: Account,
    *,
    roles: Iterable[Role],
    home_division: Division | None,
    home_zone: Zone | None,
    unit: Unit | None,
) -> None:
    """Refuse (PermissionDenied or ValidationError by field) what the granter may not make of `account`.

    Only what changes is a grant: a role the account already holds is not granted anew, and a scope or
    unit it already has is not given again. The account itself must be one the granter manages.
    """
    check_manageable(granter, account)
    held = set(account.roles.all())
    if account.user_id == getattr(granter, "pk", None):
        gained = {p for role in roles if role not in held for p in role_permissions(role) & SEE_IN_FULL}
        opened = {m for role in roles if role not in held for m in role.modules} & SENSITIVE_MODULES
        if gained - granter.get_all_permissions() or opened - scope_of(granter).modules:
            raise PermissionDenied(_("You cannot give yourself the right to see sensitive data in full."))

    def changed(value: Any, current: Any) -> Any:
        return value if value != current else None

    check_grant(
        granter,
        roles=[role for role in roles if role not in held],
        home_division=changed(home_division, account.home_division),
        home_zone=changed(home_zone, account.home_zone),
        unit=changed(unit, account.unit),
    )
    if home_division is not None and home_zone is not None:
        raise ValidationError({"home_zone": [_("Choose a home division or a home zone, not both.")]})


def _set_roles(granter: Any, account: Account, roles: list[Role]) -> None:
    """Roles give their permissions through the user's membership of each role's group. A change is an
    audit event of the granter's."""
    before = {role.code for role in account.roles.all()}
    account.roles.set(roles)
    account.user.groups.set([role.group for role in roles])
    after = {role.code for role in roles}
    if before != after:
        record_event(
            AccessKind.GRANT, user=granter, model=Account, object_ids=[account.pk],
            context=f"{account.user.username}: {','.join(sorted(before)) or '-'} → {','.join(sorted(after)) or '-'}",
        )  # fmt: skip


def check_manageable(granter: Any, account: Account) -> None:
    if account.is_system:
        raise PermissionDenied(_("The system operator account cannot be changed."))
    if not visible(granter, account):
        raise PermissionDenied(_("This account is outside your scope."))
    above = [str(role) for role in account.roles.all() if not may_grant(granter, role)]
    if above:
        raise PermissionDenied(
            _("This account holds a role above your own: %(roles)s.") % {"roles": "、".join(above)}
        )


@transaction.atomic
def create_account(
    granter: Any,
    *,
    username: str,
    roles: Iterable[Role] = (),
    display_name: str = "",
    email: str = "",
    home_division: Division | None = None,
    home_zone: Zone | None = None,
    unit: Unit | None = None,
    person: Person | None = None,
    password: str | None = None,
    is_demo: bool = False,
) -> tuple[Account, str]:
    """Create a login and its account; returns the account and its password (temporary unless given).

    A temporary password must be changed at first login.
    """
    roles = list(roles)
    duties.check(granter, duties.SYSTEM)
    if roles and not duties.holds(granter, duties.SECURITY):
        # 三员分立: a new account starts without a role (placed in a division, it still sees nothing); the
        # security administrator grants its roles.
        raise ValidationError({"roles": [duties.refusal(duties.SECURITY)]})
    check_grant(granter, roles=roles, home_division=home_division, home_zone=home_zone, unit=unit)
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise ValidationError({"username": _("This user name is taken.")})
    chosen = password or temporary_password()
    user = user_model.objects.create_user(username=username, email=email, password=chosen)
    account = Account.objects.create(
        user=user,
        display_name=display_name,
        home_division=home_division,
        home_zone=home_zone,
        unit=unit,
        person=person,
        must_change_password=password is None,
        is_demo=is_demo,
    )
    _set_roles(granter, account, roles)
    return account, chosen


@transaction.atomic
def update_account(
    granter: Any, account: Account, *, roles: Iterable[Role] | None = None, **fields: Any
) -> Account:
    """Change an account's fields and roles within the granter's powers (see check_account_change)."""
    roles = list(account.roles.all()) if roles is None else list(roles)
    _check_duties(granter, account, roles, fields)
    check_account_change(
        granter, account, roles=roles,
        **{name: fields.get(name, getattr(account, name)) for name in ("home_division", "home_zone", "unit")},
    )  # fmt: skip
    if fields.get("is_active") is False and account.user == granter:
        raise PermissionDenied(_("You cannot disable your own account."))
    user_fields = {k: fields.pop(k) for k in ("email", "is_active") if k in fields}
    if user_fields:
        for user_field, user_value in user_fields.items():
            setattr(account.user, user_field, user_value)
        account.user.save(update_fields=list(user_fields))
    for field, value in fields.items():
        setattr(account, field, value)
    account.save()
    _set_roles(granter, account, roles)
    forget_scope(account.user)
    return account


GRANT_FIELDS = ("home_division", "home_zone", "unit")
USER_FIELDS = ("email", "is_active")


def _check_duties(granter: Any, account: Account, roles: list[Role], fields: dict[str, Any]) -> None:
    """三员分立: roles, scope and unit are the security administrator's to change (never their own), the
    other fields the system administrator's."""
    changed = {
        name for name, value in fields.items()
        if value != getattr(account.user if name in USER_FIELDS else account, name)
    }  # fmt: skip
    granting = set(roles) != set(account.roles.all()) or bool(changed & set(GRANT_FIELDS))
    if granting:
        duties.check(granter, duties.SECURITY)
        if duties.separated() and account.user_id == getattr(granter, "pk", None):
            raise PermissionDenied(_("Under 三员分立 nobody changes their own roles or scope."))
    if changed - set(GRANT_FIELDS):
        duties.check(granter, duties.SYSTEM)


@transaction.atomic
def reset_password(granter: Any, account: Account) -> str:
    """Give the account a temporary password, to be changed at its next login. Returns the password."""
    duties.check(granter, duties.SYSTEM)
    check_manageable(granter, account)
    password = temporary_password()
    account.user.set_password(password)
    account.user.save(update_fields=["password"])
    account.must_change_password = True
    account.save(update_fields=["must_change_password", "row_version", "updated_at"])
    return password


@transaction.atomic
def set_active(granter: Any, account: Account, active: bool) -> Account:
    """Enable or disable a login (disabled accounts keep their history and can be enabled again)."""
    duties.check(granter, duties.SYSTEM)
    check_manageable(granter, account)
    if account.user == granter and not active:
        raise PermissionDenied(_("You cannot disable your own account."))
    account.user.is_active = active
    account.user.save(update_fields=["is_active"])
    account.save(update_fields=["row_version", "updated_at"])
    return account


@transaction.atomic
def password_changed(user: AbstractBaseUser) -> None:
    """Called after a user set their own password: the first-login obligation is met."""
    for account in Account.objects.filter(user=user, must_change_password=True):
        account.must_change_password = False
        account.save(update_fields=["must_change_password", "row_version", "updated_at"])


def system_operator() -> Any:
    """The built-in operator that command-line and scheduled work act as, with full scope (idempotent)."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"is_active": True, "first_name": "系统"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Account.objects.get_or_create(
        user=user, defaults={"display_name": "系统操作员", "is_system": True, "must_change_password": False}
    )
    return user
