"""The alliance's and 四议两公开's list filters."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from heluo.core.filters import DivisionTreeFilter, LedgerFilterSet, YearFilter, YesNoFilter

from .models import (
    ActivityKind,
    ActivityParticipant,
    Alliance,
    AllianceMember,
    JointActivity,
    ListCategory,
    Match,
    MatchState,
    MatterState,
    MatterStep,
    Need,
    NeedState,
    Project,
    ProjectState,
    Resource,
    ResourceState,
    VillageMatter,
)


def _alliance() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(queryset=Alliance.objects.all(), label=_("alliance"))


class AllianceFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="organisation__division")

    class Meta:
        model = Alliance
        fields = ["division"]


class AllianceMemberFilter(LedgerFilterSet):
    alliance = _alliance()
    current = YesNoFilter(field_name="left_on", lookup_expr="isnull", label=_("current member"))

    class Meta:
        model = AllianceMember
        fields = ["alliance", "kind", "current"]


class ResourceFilter(LedgerFilterSet):
    alliance = _alliance()
    category = django_filters.ChoiceFilter(choices=ListCategory.choices, label=_("category"))
    state = django_filters.ChoiceFilter(choices=ResourceState.choices, label=_("state"))
    division = DivisionTreeFilter(field_name="division")

    class Meta:
        model = Resource
        fields = ["alliance", "category", "state", "division"]


class NeedFilter(LedgerFilterSet):
    alliance = _alliance()
    category = django_filters.ChoiceFilter(choices=ListCategory.choices, label=_("category"))
    state = django_filters.ChoiceFilter(choices=NeedState.choices, label=_("state"))
    division = DivisionTreeFilter(field_name="division")

    class Meta:
        model = Need
        fields = ["alliance", "category", "state", "division"]


class ProjectFilter(LedgerFilterSet):
    alliance = _alliance()
    state = django_filters.ChoiceFilter(choices=ProjectState.choices, label=_("state"))

    class Meta:
        model = Project
        fields = ["alliance", "state"]


class MatchFilter(LedgerFilterSet):
    state = django_filters.ChoiceFilter(choices=MatchState.choices, label=_("state"))
    alliance = django_filters.ModelChoiceFilter(
        field_name="need__alliance", queryset=Alliance.objects.all(), label=_("alliance")
    )

    class Meta:
        model = Match
        fields = ["alliance", "state"]


class JointActivityFilter(LedgerFilterSet):
    alliance = _alliance()
    kind = django_filters.ChoiceFilter(choices=ActivityKind.choices, label=_("kind"))
    year = YearFilter("held_on")

    class Meta:
        model = JointActivity
        fields = ["alliance", "kind", "year"]


class ActivityParticipantFilter(LedgerFilterSet):
    activity = django_filters.ModelChoiceFilter(
        queryset=JointActivity.objects.all(), label=_("joint activity")
    )

    class Meta:
        model = ActivityParticipant
        fields = ["activity"]


class VillageMatterFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="organisation__division")
    state = django_filters.ChoiceFilter(choices=MatterState.choices, label=_("state"))

    class Meta:
        model = VillageMatter
        fields = ["division", "state"]


class MatterStepFilter(LedgerFilterSet):
    matter = django_filters.ModelChoiceFilter(queryset=VillageMatter.objects.all(), label=_("matter"))

    class Meta:
        model = MatterStep
        fields = ["matter", "step", "passed"]
