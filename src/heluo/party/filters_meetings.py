"""The meetings' and study's list filters."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from heluo.core.filters import LedgerFilterSet, YesNoFilter

from .models import (
    Frequency,
    Meeting,
    MeetingKind,
    MeetingRequirement,
    StudyCampaign,
    StudyRecord,
    StudySession,
)


class MeetingRequirementFilter(LedgerFilterSet):
    kind = django_filters.ChoiceFilter(choices=MeetingKind.choices, label=_("meeting kind"))
    frequency = django_filters.ChoiceFilter(choices=Frequency.choices, label=_("frequency"))

    class Meta:
        model = MeetingRequirement
        fields = ["kind", "frequency"]


class MeetingFilter(LedgerFilterSet):
    kind = django_filters.ChoiceFilter(choices=MeetingKind.choices, label=_("meeting kind"))
    held_from = django_filters.DateFilter(field_name="held_on", lookup_expr="gte", label=_("held from"))
    held_to = django_filters.DateFilter(field_name="held_on", lookup_expr="lte", label=_("held to"))
    quorate = YesNoFilter(field_name="quorate", label=_("quorum reached"))

    class Meta:
        model = Meeting
        fields = ["kind", "held_from", "held_to", "quorate"]


class StudySessionFilter(LedgerFilterSet):
    campaign = django_filters.ChoiceFilter(choices=StudyCampaign.choices, label=_("campaign"))
    held_from = django_filters.DateFilter(field_name="held_on", lookup_expr="gte", label=_("held from"))
    held_to = django_filters.DateFilter(field_name="held_on", lookup_expr="lte", label=_("held to"))

    class Meta:
        model = StudySession
        fields = ["campaign", "held_from", "held_to"]


class StudyRecordFilter(LedgerFilterSet):
    session = django_filters.ModelChoiceFilter(queryset=StudySession.objects.all(), label=_("study session"))

    class Meta:
        model = StudyRecord
        fields = ["session"]
