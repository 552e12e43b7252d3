from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heluo.core.forms import DateInput
from heluo.core.models import Division, DivisionLevel
from heluo.dashboards.models import BriefingKind


class GenerateForm(forms.Form):
    """Generate now: the division (among those the user sees), the kind and a day of the period."""

    division = forms.ModelChoiceField(Division.objects.none(), label=_("division"))
    kind = forms.ChoiceField(label=_("kind"), choices=BriefingKind.choices)
    day = forms.DateField(
        label=_("a day of the period"), widget=DateInput(),
        help_text=_("The briefing covers the week (Monday to Sunday) or the month holding this day."),
    )  # fmt: skip

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["division"]
        field.queryset = Division.objects.for_user(user).filter(  # type: ignore[attr-defined]
            valid_to__isnull=True, level__lte=DivisionLevel.TOWNSHIP
        )
        account = getattr(user, "account", None)
        if account is not None and account.home_division_id:
            field.initial = account.home_division_id

    def clean_day(self) -> Any:
        day = self.cleaned_data["day"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A briefing reports on days that are over."))
        return day
