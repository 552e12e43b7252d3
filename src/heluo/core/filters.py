"""Filter sets: the base every ledger's shares (scoped choices, subtree filter) and core's own."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_filters.filterset import FILTER_FOR_DBFIELD_DEFAULTS
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from heluo.core.forms import AutocompleteSelect
from heluo.core.models import (
    AccessEvent,
    AccessKind,
    AccessOutcome,
    Account,
    Division,
    DivisionLevel,
    Grid,
    GridMembership,
    Person,
    Role,
    Unit,
    UnitType,
    Zone,
)


class YesNoWidget(django_filters.widgets.BooleanWidget):
    """全部 / 是 / 否 rather than django-filter's "unknown"."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.choices = (("", _("All")), ("true", _("Yes")), ("false", _("No")))


class YesNoFilter(django_filters.BooleanFilter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", YesNoWidget)
        super().__init__(*args, **kwargs)


@extend_schema_field(OpenApiTypes.INT)
class YearFilter(django_filters.NumberFilter):
    """The year of a date field, 1–9999: a number outside is refused with a clear error (a date of such a
    year cannot be built), not a server error."""

    field_class = forms.IntegerField

    def __init__(self, field_name: str, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("year"))
        super().__init__(field_name=field_name, lookup_expr="year", min_value=1, max_value=9999, **kwargs)


@extend_schema_field(OpenApiTypes.INT)  # the API schema: a division's id (for its own ledger too)
class DivisionTreeFilter(django_filters.ModelChoiceFilter):
    """Rows in the chosen division or anywhere under it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Division.objects.all())
        kwargs.setdefault("label", _("division (and below)"))
        super().__init__(*args, **kwargs)

    def get_queryset(self, request: Any) -> models.QuerySet:
        # Only the divisions in the user's scope are offered (and accepted), in every filter set: a
        # district user's filter must not list the whole city.
        return super().get_queryset(request).for_user(getattr(request, "user", None))

    def filter(self, qs: models.QuerySet, value: Division | None) -> models.QuerySet:
        if not value:
            return qs
        lookup = f"{self.field_name}__path__startswith" if self.field_name else "path__startswith"
        return qs.filter(**{lookup: value.path})


class FilterSet(django_filters.FilterSet):
    """Base of Heluo's filter sets: every instance builds its own form fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for flt in self.filters.values():
            # drf-spectacular reads `filter.field` of the class's filters when it generates the API
            # schema: that field has no label (the filter knows no model yet; the form then shows the
            # English field name) and the unscoped queryset, and copies of the filter would keep it.
            flt.__dict__.pop("_field", None)


class LedgerFilterSet(FilterSet):
    """Base of every ledger's filter set: choices narrowed to the user's scope, 全部/是/否 for yes/no."""

    FILTER_DEFAULTS = {**FILTER_FOR_DBFIELD_DEFAULTS, models.BooleanField: {"filter_class": YesNoFilter}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from heluo.core.ledger import ledger_for

        user = getattr(self.request, "user", None)
        for flt in self.filters.values():
            queryset = flt.extra.get("queryset")
            if queryset is None or callable(queryset) or not hasattr(queryset, "for_user"):
                continue
            # django-filter builds the field from `flt.queryset`; `extra` alone would be overwritten.
            flt.queryset = flt.extra["queryset"] = queryset.for_user(user)
            ledger = ledger_for(queryset.model)
            if ledger is not None and ledger.many_rows:
                flt.extra["widget"] = AutocompleteSelect(ledger.url("autocomplete"))


class DivisionFilter(LedgerFilterSet):
    within = DivisionTreeFilter(field_name="")
    level = django_filters.ChoiceFilter(choices=DivisionLevel.choices, label=_("level"))
    current = YesNoFilter(field_name="valid_to", lookup_expr="isnull", label=_("exists today"))

    class Meta:
        model = Division
        fields = ["within", "level", "current"]


class ZoneFilter(LedgerFilterSet):
    class Meta:
        model = Zone
        fields: list[str] = []


class UnitFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")
    unit_type = django_filters.ModelChoiceFilter(queryset=UnitType.objects.all(), label=_("unit type"))
    has_credit_code = YesNoFilter(label=_("has a credit code"), method="filter_has_credit_code")

    class Meta:
        model = Unit
        fields = ["division", "unit_type", "has_credit_code"]

    def filter_has_credit_code(self, qs: models.QuerySet, name: str, value: bool | None) -> models.QuerySet:
        if value is None:
            return qs
        return qs.exclude(credit_code="") if value else qs.filter(credit_code="")


class PersonFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("unit"))

    class Meta:
        model = Person
        fields = ["division", "unit", "gender", "id_type"]


class GridFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")

    class Meta:
        model = Grid
        fields = ["division", "level"]


class GridMembershipFilter(LedgerFilterSet):
    grid = django_filters.ModelChoiceFilter(queryset=Grid.objects.all(), label=_("grid"))

    class Meta:
        model = GridMembership
        fields = ["grid", "role"]


class AccountFilter(LedgerFilterSet):
    home_division = DivisionTreeFilter(field_name="home_division", label=_("home division (and below)"))
    roles = django_filters.ModelChoiceFilter(queryset=Role.objects.all(), label=_("role"))
    active = YesNoFilter(field_name="user__is_active", label=_("active"))

    class Meta:
        model = Account
        fields = ["home_division", "roles", "active"]


class AccessEventFilter(FilterSet):
    """The audit trail's filter (the audit administrator's page): who, what, how it ended, from where, when."""

    username = django_filters.CharFilter(lookup_expr="icontains", label=_("user name"))
    kind = django_filters.ChoiceFilter(choices=AccessKind.choices, label=_("event"))
    outcome = django_filters.ChoiceFilter(
        choices=AccessOutcome.choices, label=pgettext_lazy("audit", "outcome")
    )
    address = django_filters.CharFilter(lookup_expr="startswith", label=_("address"))
    since = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", label=_("from"))
    until = django_filters.DateFilter(field_name="at", lookup_expr="date__lte", label=_("to"))

    class Meta:
        model = AccessEvent
        fields = ["username", "kind", "outcome", "address", "since", "until"]
