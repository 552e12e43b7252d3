"""Forms: the base every ledger form shares (scoped choices, masked fields, autocomplete) and core's own."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from heluo.core.identifiers import mask
from heluo.core.models import Account, Division, Grid, GridMembership, Person, Role, Unit, Zone
from heluo.core.services import accounts as account_services
from heluo.core.services.masking import sees_in_full

# Models with more rows than a plain <select> should carry: their choices load as the user types.
AUTOCOMPLETE_MODELS = {"core.division", "core.unit", "core.person", "core.grid"}


class AutocompleteSelect(forms.Select):
    """A select that renders only its chosen option; the rest arrive from the ledger's autocomplete URL."""

    def __init__(self, url: str, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={**(attrs or {}), "data-autocomplete": url})

    def optgroups(self, name: str, value: list[Any], attrs: dict[str, Any] | None = None) -> list[Any]:
        chosen = {str(v) for v in value if v not in (None, "")}
        groups = []
        for index, (option_value, label) in enumerate(self.choices):
            if str(option_value) in chosen or option_value == "":
                option = self.create_option(name, option_value, label, str(option_value) in chosen, index)
                groups.append((None, [option], index))
        return groups


class AutocompleteSelectMultiple(AutocompleteSelect, forms.SelectMultiple):
    allow_multiple_selected = True


def scope_choices(form: forms.BaseForm, user: Any) -> None:
    """Narrow every choice of a scoped model to the user's scope; big ones become autocompletes."""
    from heluo.core.ledger import ledger_for

    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is None or not hasattr(queryset, "for_user"):
            continue
        field.queryset = queryset.for_user(user)
        ledger = ledger_for(queryset.model)
        if ledger is not None and queryset.model._meta.label_lower in AUTOCOMPLETE_MODELS:
            widget_class = (
                AutocompleteSelectMultiple
                if isinstance(field, forms.ModelMultipleChoiceField)
                else AutocompleteSelect
            )
            field.widget = widget_class(ledger.url("autocomplete"))
            field.widget.choices = field.choices


class LedgerForm(forms.ModelForm):
    """Base of every ledger form: scoped choices, and sensitive fields shown masked to users without the
    right, where submitting the mask unchanged keeps the stored value."""

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        scope_choices(self, user)
        self._masked: dict[str, str] = {}
        if self.instance.pk and not sees_in_full(user):
            for name in getattr(self.instance, "sensitive_fields", ()):
                stored = getattr(self.instance, name)
                if name in self.fields and stored:
                    self._masked[name] = stored
                    self.initial[name] = mask(stored)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, stored in self._masked.items():
            if cleaned.get(name) == mask(stored):
                cleaned[name] = stored
        return cleaned


class DivisionForm(LedgerForm):
    class Meta:
        model = Division
        fields = ["code", "name", "level", "parent", "valid_from", "valid_to", "successors"]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}),
            "valid_to": forms.DateInput(attrs={"type": "date"}),
        }


class ZoneForm(LedgerForm):
    class Meta:
        model = Zone
        fields = ["code", "name", "city", "streets"]


class UnitForm(LedgerForm):
    class Meta:
        model = Unit
        fields = [
            "name",
            "unit_type",
            "division",
            "parent",
            "credit_code",
            "leader",
            "contact_name",
            "contact_phone",
            "address",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean_credit_code(self) -> str:
        return (self.cleaned_data.get("credit_code") or "").strip().upper()


class PersonForm(LedgerForm):
    class Meta:
        model = Person
        fields = ["name", "gender", "id_type", "id_number", "phone", "division", "unit", "position"]


class GridForm(LedgerForm):
    class Meta:
        model = Grid
        fields = ["name", "division", "level", "parent", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class GridMembershipForm(LedgerForm):
    class Meta:
        model = GridMembership
        fields = ["grid", "person", "role", "start", "end"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
        }


class AccountForm(LedgerForm):
    """Create or change an account; the grant rules are the service's (heluo.core.services.accounts)."""

    username = forms.RegexField(
        label=_("user name"),
        max_length=150,
        regex=r"^[A-Za-z0-9_.@+-]+$",
        error_messages={"invalid": _("Use letters, digits and . @ + - _ only.")},
    )
    email = forms.EmailField(label=_("e-mail"), required=False)
    is_active = forms.BooleanField(label=_("active"), required=False, initial=True)

    class Meta:
        model = Account
        fields = ["display_name", "person", "unit", "home_division", "home_zone", "roles"]
        widgets = {"roles": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        grantable = [role.pk for role in account_services.grantable_roles(user)]
        self.fields["roles"].queryset = Role.objects.filter(pk__in=grantable)
        if self.instance.pk:
            self.fields["username"].disabled = True
            self.initial.update(
                username=self.instance.user.username,
                email=self.instance.user.email,
                is_active=self.instance.user.is_active,
            )
        else:
            del self.fields["is_active"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        taken = get_user_model().objects.filter(username=username)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.user_id)
        if taken.exists():
            raise ValidationError(_("This user name is taken."))
        return username

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        try:
            account_services.check_grant(
                self.user,
                roles=cleaned.get("roles") or [],
                home_division=cleaned.get("home_division"),
                home_zone=cleaned.get("home_zone"),
                unit=cleaned.get("unit"),
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        return cleaned
