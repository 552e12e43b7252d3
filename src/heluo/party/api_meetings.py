"""三会一课 and study in the API (/api/party/...): each ledger written as on its page. A meeting's
attendance, motions and election are read here and written by the recording page's service
(heluo.party.services.meetings.record_meeting)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, register_ledgers
from heluo.core.api.ledgers import BOOKKEEPING
from heluo.core.scope import may

from . import ledgers_meetings as ledgers
from .models import Attendance, Meeting, MeetingRequirement, Motion, StudyRecord, StudySession


class MeetingRequirementSerializer(LedgerSerializer):
    class Meta:
        model = MeetingRequirement
        fields = ["id", "display", "organisation", "kind", "frequency", "count", "notes", *BOOKKEEPING]


class MeetingRequirementViewSet(LedgerViewSet):
    """How often each kind of meeting must be held (三会一课, 主题党日): the city's, or an organisation's own."""

    ledger = ledgers.meeting_requirement
    serializer_class = MeetingRequirementSerializer


class AttendanceSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)

    class Meta:
        model = Attendance
        fields = ["member", "member_name", "mode", "platform", "reason", "had_vote"]


class MotionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Motion
        fields = ["text", "in_favour", "against", "abstained", "passed"]


class MeetingSerializer(LedgerSerializer):
    attendances = AttendanceSerializer(many=True, read_only=True)
    motions = MotionSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id", "display", "organisation", "kind", "held_on", "held_at", "topic", "agenda", "minutes",
            "online_platform", "is_election", "entitled", "present", "quorate", "attendances", "motions",
            *BOOKKEEPING,
        ]  # fmt: skip
        read_only_fields = ["is_election", "entitled", "present", "quorate"]

    def to_representation(self, instance: Meeting) -> dict[str, Any]:
        data = super().to_representation(instance)
        # Who attended is a roster: only for those who see member records; `present` keeps the count.
        request = self.context.get("request")
        if request is None or not may(request.user, "view", Attendance):
            data.pop("attendances", None)
        return data


class MeetingViewSet(LedgerViewSet):
    """Meetings held (三会一课, 主题党日) with their attendance (on site, online, excused, absent) and motions."""

    ledger = ledgers.meeting
    serializer_class = MeetingSerializer


class StudySessionSerializer(LedgerSerializer):
    class Meta:
        model = StudySession
        fields = ["id", "display", "organisation", "topic", "campaign", "held_on", "hours", "held_at", "notes", *BOOKKEEPING]  # fmt: skip


class StudySessionViewSet(LedgerViewSet):
    """Study sessions (两学一做, 主题教育) and their materials."""

    ledger = ledgers.study_session
    serializer_class = StudySessionSerializer


class StudyRecordSerializer(LedgerSerializer):
    class Meta:
        model = StudyRecord
        fields = ["id", "display", "session", "member", "hours", "mode", *BOOKKEEPING]


class StudyRecordViewSet(LedgerViewSet):
    """Each member's hours at a study session."""

    ledger = ledgers.study_record
    serializer_class = StudyRecordSerializer


def register(router: BaseRouter) -> None:
    """The meetings' and study's routes under /api/party/."""
    register_ledgers(
        router, MeetingRequirementViewSet, MeetingViewSet, StudySessionViewSet, StudyRecordViewSet
    )
