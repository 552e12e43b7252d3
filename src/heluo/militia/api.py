"""The militia in the API (/api/militia/...): each ledger written as on its page, through its form and
`Ledger.save`; refused (403) to every user whose roles do not name the militia module. The parts' viewsets
live in their `api_<topic>.py`, whose `register(router)` is called from here."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, register_ledgers
from heluo.core.api.ledgers import BOOKKEEPING

from . import api_c, api_reorganisation, ledgers
from .models import (
    ArmedForcesDepartment,
    EligibilityLimits,
    MilitiaMember,
    MilitiaUnit,
    UnitCategory,
    UnitMove,
)


class ArmedForcesDepartmentSerializer(LedgerSerializer):
    class Meta:
        model = ArmedForcesDepartment
        fields = ["id", "display", "name", "kind", "division", "parent", "host_unit", "address", *BOOKKEEPING]


class ArmedForcesDepartmentViewSet(LedgerViewSet):
    """People's armed-forces departments (人民武装部)."""

    ledger = ledgers.armed_forces_department
    serializer_class = ArmedForcesDepartmentSerializer


class UnitCategorySerializer(LedgerSerializer):
    class Meta:
        model = UnitCategory
        fields = [
            "id",
            "display",
            "code",
            "name",
            "counts_as_new_type",
            "is_specialist",
            "order",
            *BOOKKEEPING,
        ]


class UnitCategoryViewSet(LedgerViewSet):
    """Categories of militia units, each marked whether it counts as new-type forces (新质力量)."""

    ledger = ledgers.unit_category
    serializer_class = UnitCategorySerializer


class EligibilityLimitsSerializer(LedgerSerializer):
    class Meta:
        model = EligibilityLimits
        fields = [
            "id", "display", "effective_from", "min_age", "max_age", "primary_max_age",
            "primary_extended_max_age", "basis", *BOOKKEEPING,
        ]  # fmt: skip


class EligibilityLimitsViewSet(LedgerViewSet):
    """The city's age limits for the militia roster, from a day on."""

    ledger = ledgers.eligibility_limits
    serializer_class = EligibilityLimitsSerializer


class MilitiaUnitSerializer(LedgerSerializer):
    class Meta:
        model = MilitiaUnit
        fields = [
            "id", "display", "name", "department", "division", "level", "category", "parent", "is_primary",
            "target_strength", "disbanded_on", *BOOKKEEPING,
        ]  # fmt: skip


class MilitiaUnitViewSet(LedgerViewSet):
    """Militia units (民兵分队) with their target strength."""

    ledger = ledgers.militia_unit
    serializer_class = MilitiaUnitSerializer


class MilitiaMemberSerializer(LedgerSerializer):
    class Meta:
        model = MilitiaMember
        fields = [
            "id", "display", "name", "gender", "id_number", "birth_date", "phone", "division", "member_class",
            "unit", "post", "is_cadre", "specialty", "specialty_matches", "is_veteran", "employer",
            "political_review", "joined_on", "left_on", "left_reason", *BOOKKEEPING,
        ]  # fmt: skip


class MilitiaMemberViewSet(LedgerViewSet):
    """Militia members (民兵) on the roster; a changed unit is written as a move."""

    ledger = ledgers.militia_member
    serializer_class = MilitiaMemberSerializer


class UnitMoveSerializer(LedgerSerializer):
    class Meta:
        model = UnitMove
        fields = [
            "id",
            "display",
            "member",
            "direction",
            "from_unit",
            "to_unit",
            "moved_on",
            "reason",
            *BOOKKEEPING,
        ]
        read_only_fields = ["direction", "from_unit"]


class UnitMoveViewSet(LedgerViewSet):
    """Moves of members in, out of and between units (出入转队)."""

    ledger = ledgers.unit_move
    serializer_class = UnitMoveSerializer


def register(router: BaseRouter) -> None:
    """The militia's routes under /api/militia/."""
    register_ledgers(
        router, ArmedForcesDepartmentViewSet, UnitCategoryViewSet, EligibilityLimitsViewSet, MilitiaUnitViewSet,
        MilitiaMemberViewSet, UnitMoveViewSet,
    )  # fmt: skip
    api_reorganisation.register(router)
    api_c.register(router)
