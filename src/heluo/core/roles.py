"""The built-in roles: the modules each opens and the permissions behind it.

Kept in step with the database after every migrate (`sync_builtin_roles`), so a new app's permissions
reach the roles that cover its module. A city adds its own roles as data; those are left alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from heluo.core.modules import MODULES, SENSITIVE_MODULES

# The modules a role reaching "every module" opens: all but the sensitive ones, which a role names.
BUSINESS_MODULES = tuple(m for m in MODULES if m not in SENSITIVE_MODULES)
HELUO_APPS = (
    "core",
    "cases",
    "dust",
    "monitoring",
    "party",
    "militia",
    "studyrooms",
    "enterprise",
    "dashboards",
)
OPEN_APPS = tuple(app for app in HELUO_APPS if app not in SENSITIVE_MODULES)

LEDGER_ADMIN = tuple(
    f"core.{action}_{model}"
    for model in ("unit", "person", "grid", "gridmembership", "account", "attachment")
    for action in ("add", "change", "delete")
)

# The identity controls (身份鉴别): the policy and unlocking; the security administrator's when there is one.
IDENTITY_ADMIN = ("core.change_securitypolicy", "core.unlock_account")

CALENDAR_EDITING = tuple(f"cases.{action}_holidayoverride" for action in ("add", "change", "delete"))
# So are the enterprise problems' categories and time limits, which every district's problems count on.
ENTERPRISE_REFERENCE = tuple(
    f"enterprise.{action}_{model}"
    for model in ("problemcategory", "timelimit")
    for action in ("add", "change", "delete")
)
# Enforcement is the bureau's and the city's to record; grid officers read it.
DUST_ENFORCEMENT_RECORDING = tuple(
    f"dust.{action}_{model}"
    for model in ("measure", "penaltycount", "blacklistentry", "legalbasis", "ladder")
    for action in ("add", "change", "delete")
)
# Party members' records (rosters, ID numbers, contacts, transfers, dues, points, and who attended or
# studied what) are the party roles' and the organisation department's; the other roles see the
# organisations, who holds their posts, and counts.
PARTY_MEMBER_RECORDS = (
    *(
        f"party.{action}_{model}"
        for model in (
            "member",
            "transfer",
            "duespayment",
            "duesreduction",
            "pointsentry",
            "studyrecord",
            "attendance",
            "activityparticipant",
        )
        for action in ("view", "add", "change", "delete")
    ),
    *(f"party.{action}_post" for action in ("add", "change", "delete")),
)
# The committees' term lengths by field are the city's, as the calendar is.
PARTY_REFERENCE = tuple(
    f"party.{action}_{model}"
    for model in ("termlength", "pointsrule")
    for action in ("add", "change", "delete")
)


# The operators' pages of the monitoring platform and the calendar every deadline counts on: leaders read
# figures, not frames or holiday corrections.
OPERATIONS_MENU = (
    "monitoring:message_log",
    "monitoring:conflicts",
    "monitoring:unknown_devices",
    "cases:holidayoverride_list",
)


@dataclass(frozen=True)
class RoleDefinition:
    code: str
    name: Promise
    modules: tuple[str, ...]
    permissions: tuple[str, ...]  # "app.codename" patterns (fnmatch)
    order: int
    # Permissions the patterns would match but the role does not get.
    withheld: tuple[str, ...] = ()
    # Sidebar entries (url names) the role may open but does not use: left out of its menu.
    hidden_menu: tuple[str, ...] = ()


# Reading the audit trail is the audit administrator's alone (三员分立): no pattern grants it.
AUDIT_TRAIL = frozenset({"core.view_accessevent"})
# The system and security administrators' duties under 三员分立 (services/duties.py): granted by name only.
SYSTEM_DUTY = ("core.maintain_account",)
SECURITY_DUTY = ("core.grant_account",)
# What an administrator of accounts or security needs to see to place an account.
PLACING = ("core.view_account", "core.view_division", "core.view_zone", "core.view_unit")

BUILTIN_ROLES = (
    RoleDefinition(
        "city_admin",
        _("City administrator"),
        BUSINESS_MODULES,
        (
            *(f"{app}.*" for app in OPEN_APPS),
            *CALENDAR_EDITING,
            *ENTERPRISE_REFERENCE,
            *PARTY_REFERENCE,
            *IDENTITY_ADMIN,
        ),
        10,
    ),
    RoleDefinition(
        "district_admin",
        _("District / street administrator"),
        BUSINESS_MODULES,
        ("core.view_*", *LEDGER_ADMIN, *(f"{app}.*" for app in OPEN_APPS if app != "core")),
        20,
        withheld=PARTY_MEMBER_RECORDS,
    ),
    RoleDefinition(
        "department_staff",
        _("Department staff (construction dust)"),
        ("core", "cases", "dust", "monitoring"),
        ("core.view_*", "dust.*", "monitoring.*", "cases.*"),
        30,
    ),
    RoleDefinition(
        "division_staff",
        _("District / street staff"),
        BUSINESS_MODULES,
        (
            "core.view_*",
            "core.add_person",
            "core.change_person",
            "core.add_attachment",
            *(f"{app}.view_*" for app in OPEN_APPS),
            *(f"{app}.add_*" for app in OPEN_APPS if app != "core"),
            *(f"{app}.change_*" for app in OPEN_APPS if app != "core"),
        ),
        40,
        withheld=PARTY_MEMBER_RECORDS,
    ),
    RoleDefinition(
        "grid_officer",
        _("Grid officer"),
        # Monitoring to read: the monitors, curves and alarms of the sites in their grids.
        ("core", "cases", "dust", "monitoring"),
        (
            "core.view_*",
            "core.add_attachment",
            "cases.view_*",
            "cases.change_*",
            "dust.view_*",
            "dust.change_*",
            "monitoring.view_monitoringpoint",
            "monitoring.view_monitor",
            "monitoring.view_alarm",
            "monitoring.view_alarmrule",
            "dust.add_inspection",
            "dust.add_patrolreport",
        ),
        50,
        withheld=DUST_ENFORCEMENT_RECORDING,
    ),
    RoleDefinition(
        "supervisor",
        _("Supervisor"),
        BUSINESS_MODULES,
        ("core.view_*", *(f"{app}.view_*" for app in OPEN_APPS), "cases.*"),
        60,
        withheld=PARTY_MEMBER_RECORDS,
    ),
    RoleDefinition(
        "unit_leader",
        _("Unit leader"),
        ("core", "cases"),
        ("core.view_*", "core.add_attachment", "cases.view_*", "cases.change_*"),
        70,
    ),
    RoleDefinition(
        "party_secretary",
        _("Party secretary"),
        ("core", "cases", "party"),
        ("core.view_*", "party.*", "cases.view_*"),
        80,
    ),
    RoleDefinition(
        "organisation_department",
        _("Organisation department"),
        # 组织部: the party organisations, members and transfers of its territory, and the changeover
        # cases; ID numbers stay masked unless core.view_document_number is granted explicitly.
        ("core", "cases", "party"),
        ("core.view_*", "party.*", "cases.view_*", "cases.change_*"),
        85,
    ),
    RoleDefinition(
        "militia_officer",
        _("Militia officer"),
        # Cases to handle the shortfalls and findings the module opens (cases of militia kinds are theirs alone).
        ("core", "cases", "militia"),
        ("core.view_*", "core.view_document_number", "militia.*", "cases.view_*", "cases.change_*"),
        90,
    ),
    RoleDefinition(
        "chief_service_officer",
        _("Chief service officer"),
        # 首席服务官: the enterprises they serve, their visits and problems, and the cases those open.
        ("core", "cases", "enterprise"),
        (
            "core.view_*",
            "core.add_attachment",
            "cases.view_*",
            "cases.change_*",
            "enterprise.view_*",
            "enterprise.add_visit",
            "enterprise.change_visit",
            "enterprise.add_problem",
            "enterprise.change_problem",
            "enterprise.add_followup",
        ),
        95,
    ),
    RoleDefinition(
        "culture_office",
        _("Culture office (city study rooms)"),
        # 书香洛阳 office of the city or a district: the rooms, their plans and statistics, and the cases of
        # rooms late against their plan.
        ("core", "cases", "studyrooms"),
        ("core.view_*", "core.add_attachment", "cases.view_*", "cases.change_*", "studyrooms.*"),
        96,
    ),
    RoleDefinition(
        "system_admin",
        _("System administrator"),
        # 系统管理员: accounts and their login details, nothing of roles, security or the audit trail.
        ("core",),
        (*PLACING, "core.add_account", "core.change_account", *SYSTEM_DUTY),
        104,
    ),
    RoleDefinition(
        "security_admin",
        _("Security administrator"),
        # 安全管理员: roles, scopes, unlocks, second factors and the security policy.
        ("core",),
        (*PLACING, "core.change_account", "core.change_role", *SECURITY_DUTY, *IDENTITY_ADMIN),
        106,
    ),
    RoleDefinition(
        "audit_admin",
        _("Audit administrator"),
        # 审计管理员: reads and exports the audit trail and verifies its chain, nothing else (三员分立).
        ("core",),
        tuple(AUDIT_TRAIL),
        110,
    ),
    RoleDefinition(
        "leader",
        _("Leader (read only)"),
        BUSINESS_MODULES,
        tuple(f"{app}.view_*" for app in OPEN_APPS),
        100,
        withheld=PARTY_MEMBER_RECORDS,
        hidden_menu=OPERATIONS_MENU,
    ),
)

# Rights to see sensitive data in full. Granted explicitly, never by a view_* pattern; an administrator
# of the role's modules grants them without holding them (granting is not seeing), never to themselves.
SEE_IN_FULL = frozenset({"core.view_document_number", "monitoring.view_device_secrets"})
# So is correcting the official calendar every deadline counts on (cases' HolidayOverride), the city's alone.
_EXPLICIT_ONLY = {
    *SEE_IN_FULL,
    *CALENDAR_EDITING,
    *ENTERPRISE_REFERENCE,
    *PARTY_REFERENCE,
    *AUDIT_TRAIL,
    *IDENTITY_ADMIN,
    *SYSTEM_DUTY,
    *SECURITY_DUTY,
}
# Accounts are disabled, never deleted: their history and the access log point at them. The audit trail
# is written by the application alone and never changed.
_NEVER_GRANTED = {
    "core.delete_account",
    "core.add_accessevent",
    "core.change_accessevent",
    "core.delete_accessevent",
}


def hidden_menu_items(role_codes: Iterable[str]) -> frozenset[str]:
    """The sidebar entries none of the roles uses: those every one of them hides (a city's own roles, as
    the operator's and a superuser's, hide nothing)."""
    definitions = {definition.code: definition for definition in BUILTIN_ROLES}
    hidden = [frozenset(getattr(definitions.get(code), "hidden_menu", ())) for code in role_codes]
    return frozenset.intersection(*hidden) if hidden else frozenset()


def matching_permissions(patterns: tuple[str, ...], withheld: tuple[str, ...] = ()) -> list[Permission]:
    perms = Permission.objects.select_related("content_type").filter(content_type__app_label__in=HELUO_APPS)
    chosen = []
    for perm in perms:
        name = f"{perm.content_type.app_label}.{perm.codename}"
        explicit = name in patterns
        if name in _NEVER_GRANTED or name in withheld:
            continue
        if explicit or (name not in _EXPLICIT_ONLY and any(fnmatchcase(name, p) for p in patterns)):
            chosen.append(perm)
    return chosen


@transaction.atomic
def sync_builtin_roles() -> None:
    """Create the built-in roles and set their permissions and modules. Idempotent."""
    from heluo.core.models import Role

    for definition in BUILTIN_ROLES:
        group, _created = Group.objects.get_or_create(name=f"heluo:{definition.code}")
        role = Role.objects.filter(code=definition.code).first()
        if role is None:
            role = Role(code=definition.code, group=group, is_builtin=True)
        with translation.override(settings.LANGUAGE_CODE):
            role.name = str(definition.name)
        role.modules = list(definition.modules)
        role.order = definition.order
        role.is_builtin = True
        role.save()
        group.permissions.set(matching_permissions(definition.permissions, definition.withheld))
