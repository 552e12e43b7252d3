"""The reorganisation in the API (/api/militia/...): each ledger written as on its page, through its form
and `Ledger.save`. A reorganisation's computed figures are its page's; here its stored fields."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, register_ledgers
from heluo.core.api.ledgers import BOOKKEEPING

from . import ledgers_reorganisation as ledgers
from .models import Muster, MusterAttendance, Reorganisation, ReorganisationTarget


class ReorganisationSerializer(LedgerSerializer):
    class Meta:
        model = Reorganisation
        fields = [
            "id", "display", "name", "year", "division", "reference_date", "required_new_type_share",
            "min_qualified_share", "min_strength_share", "min_muster_turnout", "task", *BOOKKEEPING,
        ]  # fmt: skip


class ReorganisationViewSet(LedgerViewSet):
    """A year's militia reorganisation (民兵整组): reference date, required share of new-type forces and
    the composition standards."""

    ledger = ledgers.reorganisation
    serializer_class = ReorganisationSerializer


class ReorganisationTargetSerializer(LedgerSerializer):
    class Meta:
        model = ReorganisationTarget
        fields = [
            "id", "display", "reorganisation", "division", "member_class", "category", "target_count", "notes",
            *BOOKKEEPING,
        ]  # fmt: skip


class ReorganisationTargetViewSet(LedgerViewSet):
    """The province's targets per county and category in a reorganisation."""

    ledger = ledgers.reorganisation_target
    serializer_class = ReorganisationTargetSerializer


class MusterSerializer(LedgerSerializer):
    class Meta:
        model = Muster
        fields = ["id", "display", "reorganisation", "unit", "held_on", "place", "notes", *BOOKKEEPING]


class MusterViewSet(LedgerViewSet):
    """Musters and roll calls (集结点验) of militia units."""

    ledger = ledgers.muster
    serializer_class = MusterSerializer


class MusterAttendanceSerializer(LedgerSerializer):
    class Meta:
        model = MusterAttendance
        fields = ["id", "display", "muster", "member", "present", "absence_reason", *BOOKKEEPING]


class MusterAttendanceViewSet(LedgerViewSet):
    """Each member called to a muster: present, or absent with the reason."""

    ledger = ledgers.muster_attendance
    serializer_class = MusterAttendanceSerializer


def register(router: BaseRouter) -> None:
    """The reorganisation's routes under /api/militia/."""
    register_ledgers(
        router, ReorganisationViewSet, ReorganisationTargetViewSet, MusterViewSet, MusterAttendanceViewSet
    )
