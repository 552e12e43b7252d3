"""The alliance and 四议两公开 in the API (/api/party/...): each ledger written as on its page. A need's,
a match's and a matter's state are read here and changed only by their acts: proposing matches on an
alliance, accepting or rejecting a match, recording a matter's steps (the step ledger's saver)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, form_errors, register_ledgers
from heluo.core.api.ledgers import BOOKKEEPING

from . import ledgers_alliance as ledgers
from .forms_alliance import MatchDecisionForm
from .models import (
    ActivityParticipant,
    Alliance,
    AllianceMember,
    JointActivity,
    Match,
    MatterStep,
    Need,
    Project,
    Resource,
    VillageMatter,
)
from .services import alliance as services


class AllianceSerializer(LedgerSerializer):
    class Meta:
        model = Alliance
        fields = [
            "id",
            "display",
            "name",
            "organisation",
            "founded_on",
            "stale_after_days",
            "description",
            *BOOKKEEPING,
        ]


class AllianceViewSet(LedgerViewSet):
    """Party-building alliances (党建联盟) such as 北窑街道's “红引擎”."""

    ledger = ledgers.alliance
    serializer_class = AllianceSerializer

    @extend_schema(
        operation_id="party_alliances_propose",
        request=None,
        responses={200: OpenApiTypes.OBJECT},
        description=_(
            "Propose resources for the alliance's open needs; answers how many proposals were added."
        ),
    )
    @action(detail=True, methods=["post"])
    def propose(self, request: Request, pk: Any = None) -> Response:
        alliance = self.get_object()
        if not request.user.has_perm("party.add_match"):
            return Response({"code": "forbidden"}, status=status.HTTP_403_FORBIDDEN)
        return Response({"added": services.propose_matches(alliance)})


class AllianceMemberSerializer(LedgerSerializer):
    class Meta:
        model = AllianceMember
        fields = [
            "id", "display", "alliance", "unit", "name", "kind", "joined_on", "left_on", "contact_name",
            "contact_phone", *BOOKKEEPING,
        ]  # fmt: skip


class AllianceMemberViewSet(LedgerViewSet):
    """The alliance's member units (成员单位)."""

    ledger = ledgers.alliance_member
    serializer_class = AllianceMemberSerializer


class ResourceSerializer(LedgerSerializer):
    class Meta:
        model = Resource
        fields = [
            "id", "display", "alliance", "member", "category", "title", "description", "capacity", "division",
            "place", "service_area", "anywhere", "available_from", "available_until", "state", *BOOKKEEPING,
        ]  # fmt: skip


class ResourceViewSet(LedgerViewSet):
    """The resource list (资源清单)."""

    ledger = ledgers.resource
    serializer_class = ResourceSerializer


class NeedSerializer(LedgerSerializer):
    class Meta:
        model = Need
        fields = [
            "id", "display", "alliance", "raised_by", "member", "category", "title", "description", "size",
            "division", "place", "wanted_from", "wanted_until", "state", *BOOKKEEPING,
        ]  # fmt: skip
        read_only_fields = ["state"]


class NeedViewSet(LedgerViewSet):
    """The need list (需求清单)."""

    ledger = ledgers.need
    serializer_class = NeedSerializer


class ProjectSerializer(LedgerSerializer):
    class Meta:
        model = Project
        fields = [
            "id", "display", "alliance", "name", "owner", "need", "plan", "progress", "state", "started_on",
            "ended_on", *BOOKKEEPING,
        ]  # fmt: skip


class ProjectViewSet(LedgerViewSet):
    """The project list (项目清单)."""

    ledger = ledgers.project
    serializer_class = ProjectSerializer


class MatchSerializer(LedgerSerializer):
    class Meta:
        model = Match
        fields = [
            "id",
            "display",
            "need",
            "resource",
            "rank",
            "state",
            "decided_on",
            "project",
            "note",
            *BOOKKEEPING,
        ]
        read_only_fields = ["rank", "state", "decided_on", "project"]


class MatchViewSet(LedgerViewSet):
    """Resources proposed for needs; accept or reject each."""

    ledger = ledgers.match
    serializer_class = MatchSerializer

    @extend_schema(
        operation_id="party_matches_decide",
        request=OpenApiTypes.OBJECT,
        responses={200: MatchSerializer},
        parameters=[OpenApiParameter("decision", str, OpenApiParameter.PATH, enum=["accept", "reject"])],
        description=_(
            "Accept (the need's project is made or joined, the need becomes matched) or reject a proposed "
            "match, on the day `on` (YYYY-MM-DD, default today) with an optional `note`. 409 when it is "
            "decided already or no longer fits."
        ),
    )
    @action(detail=True, methods=["post"], url_path="(?P<decision>accept|reject)")
    def decide(self, request: Request, pk: Any = None, decision: str = "") -> Response:
        match = self.get_object()
        if not request.user.has_perm("party.change_match"):
            return Response({"code": "forbidden"}, status=status.HTTP_403_FORBIDDEN)
        form = MatchDecisionForm(request.data)
        if not form.is_valid():
            raise serializers.ValidationError(form_errors(form))
        try:
            if decision == "accept":
                services.accept_match(request.user, match, on=form.cleaned_data["on"])
            else:
                services.reject_match(
                    request.user, match, note=form.cleaned_data["note"], on=form.cleaned_data["on"]
                )
        except ValidationError as refusal:
            return Response(
                {"code": "conflict", "message": "；".join(refusal.messages)}, status=status.HTTP_409_CONFLICT
            )
        match.refresh_from_db()
        return Response(self.get_serializer(match).data)


class JointActivitySerializer(LedgerSerializer):
    class Meta:
        model = JointActivity
        fields = [
            "id", "display", "alliance", "kind", "title", "held_on", "place", "hours", "organiser", "description",
            *BOOKKEEPING,
        ]  # fmt: skip


class JointActivityViewSet(LedgerViewSet):
    """The alliance's joint activities (党建培训, 文艺活动, 法治宣传, 志愿服务)."""

    ledger = ledgers.joint_activity
    serializer_class = JointActivitySerializer


class ActivityParticipantSerializer(LedgerSerializer):
    class Meta:
        model = ActivityParticipant
        fields = ["id", "display", "activity", "member", "hours", *BOOKKEEPING]


class ActivityParticipantViewSet(LedgerViewSet):
    """Party members in joint activities, with their hours (which earn points)."""

    ledger = ledgers.activity_participant
    serializer_class = ActivityParticipantSerializer


class VillageMatterSerializer(LedgerSerializer):
    class Meta:
        model = VillageMatter
        fields = [
            "id",
            "display",
            "organisation",
            "title",
            "description",
            "secretary_is_chair",
            "state",
            *BOOKKEEPING,
        ]
        read_only_fields = ["state"]


class VillageMatterViewSet(LedgerViewSet):
    """Villages' major matters under 四议两公开."""

    ledger = ledgers.village_matter
    serializer_class = VillageMatterSerializer


class MatterStepSerializer(LedgerSerializer):
    class Meta:
        model = MatterStep
        fields = [
            "id", "display", "matter", "step", "joint", "held_on", "minutes", "assembly", "expected", "present",
            "in_favour", "against", "abstained", "households", "households_present", "published_on",
            "published_where", "passed", *BOOKKEEPING,
        ]  # fmt: skip
        read_only_fields = ["passed"]


class MatterStepViewSet(LedgerViewSet):
    """The steps of 四议两公开, recorded in order with their quorums checked; never deleted."""

    ledger = ledgers.matter_step
    serializer_class = MatterStepSerializer


def register(router: BaseRouter) -> None:
    """The alliance's and 四议两公开's routes under /api/party/."""
    register_ledgers(
        router,
        AllianceViewSet,
        AllianceMemberViewSet,
        ResourceViewSet,
        NeedViewSet,
        ProjectViewSet,
        MatchViewSet,
        JointActivityViewSet,
        ActivityParticipantViewSet,
        VillageMatterViewSet,
        MatterStepViewSet,
    )
