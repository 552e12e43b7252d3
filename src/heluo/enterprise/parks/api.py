"""The science parks in the API (/api/enterprise/...): each ledger written as on its page."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, register_ledgers
from heluo.core.api.ledgers import BOOKKEEPING

from . import ledgers
from .models import EnterpriseYear, Park, ParkEnterprise, Qualification, QualificationAward


class ParkSerializer(LedgerSerializer):
    class Meta:
        model = Park
        fields = [
            "id", "display", "name", "division", "operator", "land_area", "floor_area", "converted_from",
            "description", *BOOKKEEPING,
        ]  # fmt: skip


class ParkViewSet(LedgerViewSet):
    """Science parks (科技园区)."""

    ledger = ledgers.park
    serializer_class = ParkSerializer


class ParkEnterpriseSerializer(LedgerSerializer):
    class Meta:
        model = ParkEnterprise
        fields = [
            "id", "display", "park", "enterprise", "industry", "incubating", "entered", "left", "notes", *BOOKKEEPING,
        ]  # fmt: skip


class ParkEnterpriseViewSet(LedgerViewSet):
    """Enterprises' stays in the science parks (入园企业)."""

    ledger = ledgers.park_enterprise
    serializer_class = ParkEnterpriseSerializer


class QualificationSerializer(LedgerSerializer):
    class Meta:
        model = Qualification
        fields = ["id", "display", "code", "name", "order", "notes", *BOOKKEEPING]


class QualificationViewSet(LedgerViewSet):
    """Kinds of qualification an enterprise may hold (高新技术企业, 院士工作站 …)."""

    ledger = ledgers.qualification
    serializer_class = QualificationSerializer


class QualificationAwardSerializer(LedgerSerializer):
    class Meta:
        model = QualificationAward
        fields = [
            "id",
            "display",
            "enterprise",
            "qualification",
            "obtained",
            "valid_until",
            "notes",
            *BOOKKEEPING,
        ]


class QualificationAwardViewSet(LedgerViewSet):
    """The qualifications enterprises hold, by the year obtained and the year valid until."""

    ledger = ledgers.qualification_award
    serializer_class = QualificationAwardSerializer


class EnterpriseYearSerializer(LedgerSerializer):
    class Meta:
        model = EnterpriseYear
        fields = [
            "id", "display", "enterprise", "year", "revenue", "rd_spend", "employees", "ip_applications", "notes",
            *BOOKKEEPING,
        ]  # fmt: skip


class EnterpriseYearViewSet(LedgerViewSet):
    """Enterprises' figures by year: revenue and R&D spend (元), employees, IP applications."""

    ledger = ledgers.enterprise_year
    serializer_class = EnterpriseYearSerializer


def register(router: BaseRouter) -> None:
    """The science parks' routes under /api/enterprise/."""
    register_ledgers(
        router,
        ParkViewSet,
        ParkEnterpriseViewSet,
        QualificationViewSet,
        QualificationAwardViewSet,
        EnterpriseYearViewSet,
    )
