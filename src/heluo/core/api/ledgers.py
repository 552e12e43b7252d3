"""Core's objects in the API: divisions, zones, units, people, grids, grid members and accounts (each
configured by its ledger in heluo.core.ledgers), and the read-only lists their forms choose from."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets
from rest_framework.routers import BaseRouter

from heluo.core import ledgers
from heluo.core.api.base import LedgerSerializer, LedgerViewSet, register_ledgers
from heluo.core.models import (
    Account,
    Division,
    Grid,
    GridMembership,
    GridRole,
    Person,
    Role,
    Unit,
    UnitType,
    Zone,
)

# Every row carries these, read-only: when it was made and changed, and its version.
BOOKKEEPING = ["created_at", "updated_at", "row_version"]


class DivisionSerializer(LedgerSerializer):
    class Meta:
        model = Division
        fields = [
            "id", "display", "code", "name", "level", "parent", "path", "valid_from", "valid_to",
            "successors", *BOOKKEEPING,
        ]  # fmt: skip


class ZoneSerializer(LedgerSerializer):
    class Meta:
        model = Zone
        fields = ["id", "display", "code", "name", "city", "streets", *BOOKKEEPING]


class UnitSerializer(LedgerSerializer):
    class Meta:
        model = Unit
        fields = [
            "id", "display", "name", "unit_type", "division", "parent", "credit_code", "leader",
            "contact_name", "contact_phone", "address", "notes", *BOOKKEEPING,
        ]  # fmt: skip


class PersonSerializer(LedgerSerializer):
    class Meta:
        model = Person
        fields = [
            "id", "display", "name", "gender", "id_type", "id_number", "phone", "division", "unit",
            "position", *BOOKKEEPING,
        ]  # fmt: skip


class GridSerializer(LedgerSerializer):
    class Meta:
        model = Grid
        fields = ["id", "display", "name", "division", "level", "parent", "description", *BOOKKEEPING]


class GridMembershipSerializer(LedgerSerializer):
    class Meta:
        model = GridMembership
        fields = ["id", "display", "grid", "person", "role", "start", "end", *BOOKKEEPING]


class AccountSerializer(LedgerSerializer):
    """An account with its login's name, e-mail and state; created and changed as on the pages (the
    account form, then the accounts service with the grant rules): a new account is active, and its user
    name is chosen once. No password is ever read or written here; a new account's temporary password is
    in the answer to its creation, once."""

    username = serializers.CharField(
        source="user.username", max_length=150,
        help_text=_("Letters, digits and . @ + - _; chosen when the account is created, it cannot be changed."),
    )  # fmt: skip
    email = serializers.EmailField(source="user.email", required=False, allow_blank=True)
    is_active = serializers.BooleanField(source="user.is_active", required=False)
    # Roles are not scoped rows: which of them the caller may grant is the service's rule.
    roles = serializers.PrimaryKeyRelatedField(queryset=Role.objects.all(), many=True, required=False)
    temporary_password = serializers.SerializerMethodField()

    class Meta:
        model = Account
        fields = [
            "id", "display", "username", "display_name", "email", "is_active", "person", "unit",
            "home_division", "home_zone", "roles", "must_change_password", "temporary_password",
            *BOOKKEEPING,
        ]  # fmt: skip
        read_only_fields = ["must_change_password"]

    def get_temporary_password(self, obj: Account) -> str | None:
        return getattr(obj, "temporary_password", None)


class DivisionViewSet(LedgerViewSet):
    """Administrative divisions (行政区划), today's and historic; `within` filters a subtree."""

    ledger = ledgers.division
    serializer_class = DivisionSerializer


class ZoneViewSet(LedgerViewSet):
    """Functional zones (功能区) and the streets they run."""

    ledger = ledgers.zone
    serializer_class = ZoneSerializer


class UnitViewSet(LedgerViewSet):
    """Units (单位): departments, party organisations, enterprises and the like."""

    ledger = ledgers.unit
    serializer_class = UnitSerializer


class PersonViewSet(LedgerViewSet):
    """People (人员); document numbers are masked for callers without the right."""

    ledger = ledgers.person
    serializer_class = PersonSerializer


class GridViewSet(LedgerViewSet):
    """Grids (网格): areas of responsibility under a division."""

    ledger = ledgers.grid
    serializer_class = GridSerializer


class GridMembershipViewSet(LedgerViewSet):
    """Who serves in which grid (网格成员), in which role, since and until when."""

    ledger = ledgers.grid_membership
    serializer_class = GridMembershipSerializer


class AccountViewSet(LedgerViewSet):
    """Accounts (账号): created and changed under the grant rules; disabled, never deleted."""

    ledger = ledgers.account
    serializer_class = AccountSerializer


class UnitTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = UnitType
        fields = ["id", "code", "name", "order"]


class GridRoleSerializer(serializers.ModelSerializer):
    class Meta:
        model = GridRole
        fields = ["id", "code", "name", "order"]


class RoleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Role
        fields = ["id", "code", "name", "modules", "order"]


class UnitTypeViewSet(viewsets.ReadOnlyModelViewSet):
    """Kinds of unit (单位类型), for a unit's `unit_type`."""

    queryset = UnitType.objects.all()
    serializer_class = UnitTypeSerializer


class GridRoleViewSet(viewsets.ReadOnlyModelViewSet):
    """Roles in a grid (网格角色), for a grid member's `role`."""

    queryset = GridRole.objects.all()
    serializer_class = GridRoleSerializer


class RoleViewSet(viewsets.ReadOnlyModelViewSet):
    """Roles (角色) an account may hold; which of them a caller may grant is checked on saving."""

    queryset = Role.objects.all()
    serializer_class = RoleSerializer


def register(router: BaseRouter) -> None:
    """Core's routes under /api/core/ (heluo.api calls each app's `register` in turn)."""
    register_ledgers(
        router,
        DivisionViewSet,
        ZoneViewSet,
        UnitViewSet,
        PersonViewSet,
        GridViewSet,
        GridMembershipViewSet,
        AccountViewSet,
    )
    router.register("core/unittypes", UnitTypeViewSet, basename="core-unittype")
    router.register("core/gridroles", GridRoleViewSet, basename="core-gridrole")
    router.register("core/roles", RoleViewSet, basename="core-role")
