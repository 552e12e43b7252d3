"""The ledger forms of the militia's departments, unit categories, age limits, units, members and moves:
the same rules on a page, in an import and through the API. A member's unit changes through the moves
(heluo.militia.services.members), which the member form's saver writes when the unit changes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heluo.core.forms import DateInput, LedgerForm
from heluo.core.models import DivisionLevel
from heluo.core.models.divisions import PATH_LENGTH
from heluo.core.scope import scope_of

from .models import (
    ArmedForcesDepartment,
    EligibilityLimits,
    MilitiaMember,
    MilitiaUnit,
    UnitCategory,
    UnitMove,
)
from .services.eligibility import age_refusals
from .services.members import unit_refusal


def covers_city(user: Any) -> bool:
    """Whether the user's territory is the whole city: the city's data (categories, limits) is theirs."""
    scope = scope_of(user)
    return any(len(prefix) <= PATH_LENGTH[DivisionLevel.CITY] for prefix in scope.prefixes)


def city_data_refusal(user: Any, row: Any) -> str | None:
    """The city's militia data (unit categories, age limits) is changed by the city's militia role only."""
    return (
        None if covers_city(user) else str(_("Only the city's militia staff change the city's militia data."))
    )


class CityDataForm(LedgerForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        refusal = city_data_refusal(self.user, self.instance)
        if refusal:
            raise forms.ValidationError(refusal)
        return cleaned


class ArmedForcesDepartmentForm(LedgerForm):
    class Meta:
        model = ArmedForcesDepartment
        fields = ["name", "kind", "division", "parent", "host_unit", "address"]


class UnitCategoryForm(CityDataForm):
    class Meta:
        model = UnitCategory
        fields = ["code", "name", "counts_as_new_type", "is_specialist", "order"]


class EligibilityLimitsForm(CityDataForm):
    class Meta:
        model = EligibilityLimits
        fields = [
            "effective_from",
            "min_age",
            "max_age",
            "primary_max_age",
            "primary_extended_max_age",
            "basis",
        ]
        widgets = {"effective_from": DateInput()}


class MilitiaUnitForm(LedgerForm):
    class Meta:
        model = MilitiaUnit
        fields = [
            "name", "department", "division", "level", "category", "parent", "is_primary", "target_strength",
            "disbanded_on",
        ]  # fmt: skip
        widgets = {"disbanded_on": DateInput()}


class MilitiaMemberForm(LedgerForm):
    class Meta:
        model = MilitiaMember
        fields = [
            "name", "gender", "id_number", "birth_date", "phone", "division", "member_class", "unit", "post",
            "is_cadre", "specialty", "specialty_matches", "is_veteran", "employer", "political_review",
            "joined_on", "left_on", "left_reason",
        ]  # fmt: skip
        widgets = {"birth_date": DateInput(), "joined_on": DateInput(), "left_on": DateInput()}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        refusal = unit_refusal(cleaned.get("member_class", ""), cleaned.get("unit"))
        if refusal:
            self.add_error("unit", refusal)
        birth_date, joined_on = cleaned.get("birth_date"), cleaned.get("joined_on")
        if birth_date and joined_on and not cleaned.get("left_on"):
            # Eligible on the day joined; a member still on the roster, on today too.
            days = [joined_on] if self.instance.pk is None else [joined_on, timezone.localdate()]
            special = bool(cleaned.get("is_cadre") or cleaned.get("specialty_matches"))
            for day in dict.fromkeys(days):
                for message in age_refusals(
                    birth_date, day, member_class=cleaned.get("member_class", ""), cadre_or_specialist=special
                ):
                    self.add_error("birth_date", message)
        return cleaned


class UnitMoveForm(LedgerForm):
    """A new move names the member and the unit joined (none: leaving); an edit corrects the day or reason."""

    class Meta:
        model = UnitMove
        fields = ["member", "to_unit", "moved_on", "reason"]
        widgets = {"moved_on": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("member", "to_unit"):
                self.fields[name].disabled = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        member, to_unit = cleaned.get("member"), cleaned.get("to_unit")
        if self.instance.pk is None and member is not None:
            if member.unit_id == (to_unit.pk if to_unit else None):
                self.add_error("to_unit", _("The member is already there."))
            refusal = unit_refusal(member.member_class, to_unit)
            if refusal:
                self.add_error("to_unit", refusal)
        return cleaned

    def _post_clean(self) -> None:
        # A new move's direction and unit left follow from where the member is (the service writes them).
        member = self.cleaned_data.get("member")
        if self.instance.pk is None and member is not None:
            self.instance.from_unit = member.unit
            to_unit = self.cleaned_data.get("to_unit")
            self.instance.direction = (
                "in" if member.unit is None else ("out" if to_unit is None else "transfer")
            )
        super()._post_clean()
