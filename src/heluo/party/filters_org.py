"""The list filters of organisations, posts, members, transfers and term lengths."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from heluo.core.filters import DivisionTreeFilter, LedgerFilterSet, YesNoFilter

from .models import (
    DuesCategory,
    Member,
    MemberStatus,
    OrganisationField,
    OrganisationKind,
    PartyOrganisation,
    Post,
    PostKind,
    TermLength,
    Transfer,
    TransferDirection,
    TransferState,
)


class PartyOrganisationFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices, label=_("kind"))
    field = django_filters.ChoiceFilter(choices=OrganisationField.choices, label=_("field"))

    class Meta:
        model = PartyOrganisation
        fields = ["division", "kind", "field"]


class TermLengthFilter(LedgerFilterSet):
    class Meta:
        model = TermLength
        fields = ["field"]


class PostFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="organisation__division")
    kind = django_filters.ChoiceFilter(choices=PostKind.choices, label=_("post"))
    current = YesNoFilter(field_name="end", lookup_expr="isnull", label=_("still held"))

    class Meta:
        model = Post
        fields = ["division", "kind", "current"]


class MemberFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="organisation__division")
    organisation = django_filters.ModelChoiceFilter(
        queryset=PartyOrganisation.objects.all(), label=_("branch")
    )
    status = django_filters.ChoiceFilter(choices=MemberStatus.choices, label=_("status"))
    dues_category = django_filters.ChoiceFilter(choices=DuesCategory.choices, label=_("dues category"))
    is_mobile = YesNoFilter(field_name="is_mobile", label=_("mobile member"))
    current = YesNoFilter(field_name="left_on", lookup_expr="isnull", label=_("on the roll"))

    class Meta:
        model = Member
        fields = ["division", "organisation", "status", "dues_category", "is_mobile", "current"]


class TransferFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="member__organisation__division")
    direction = django_filters.ChoiceFilter(choices=TransferDirection.choices, label=_("direction"))
    state = django_filters.ChoiceFilter(choices=TransferState.choices, label=_("state"))

    class Meta:
        model = Transfer
        fields = ["division", "direction", "state", "across_provinces"]
