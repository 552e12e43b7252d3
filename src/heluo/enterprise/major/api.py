""" "5个1" major projects in the API (docs/api.md): the projects and their plan tables, each written as on
its page (the ledger's form, then the part's service)."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, register_ledgers

from . import ledgers
from .models import MajorProject, Milestone

BOOKKEEPING = ["created_at", "updated_at", "row_version"]


class MajorProjectSerializer(LedgerSerializer):
    class Meta:
        model = MajorProject
        fields = [
            "id", "display", "name", "division", "investment", "floor_area", "jobs", "content", "leader",
            "responsible_unit", "state", "start_date", "end_date", "notes", *BOOKKEEPING,
        ]  # fmt: skip


class MajorProjectViewSet(LedgerViewSet):
    """Major projects of the "5个1" mechanism (重大项目), each held by a district leader."""

    ledger = ledgers.major_project
    serializer_class = MajorProjectSerializer


class MilestoneSerializer(LedgerSerializer):
    class Meta:
        model = Milestone
        fields = [
            "id", "display", "project", "order", "title", "done_means", "planned_date", "owner_unit", "owner_person",
            "actual_date", "case", *BOOKKEEPING,
        ]  # fmt: skip


class MilestoneViewSet(LedgerViewSet):
    """The milestones of the projects' plan tables (推进计划表); a slipped one has its supervised case."""

    ledger = ledgers.milestone
    serializer_class = MilestoneSerializer


def register(router: BaseRouter) -> None:
    register_ledgers(router, MajorProjectViewSet, MilestoneViewSet)
