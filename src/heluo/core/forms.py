"""Forms: the base every ledger form shares (scoped choices, masked fields, autocomplete) and core's own."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from heluo.core.identifiers import mask
from heluo.core.models import (
    Account,
    Division,
    Grid,
    GridMembership,
    Person,
    Role,
    SecurityPolicy,
    Unit,
    Zone,
)
from heluo.core.services import accounts as account_services
from heluo.core.services import uniqueness
from heluo.core.services.masking import kept_if_masked, sees_in_full


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


def current_references(instance: models.Model, names: Iterable[str]) -> dict[str, list[Any]]:
    """The rows `instance` already points to, by field name (empty for a new row)."""
    kept: dict[str, list[Any]] = {}
    if instance.pk is None:
        return kept
    for name in names:
        try:
            field = instance._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.many_to_many:
            kept[name] = list(getattr(instance, name).values_list("pk", flat=True))
        elif field.many_to_one or field.one_to_one:
            value = getattr(instance, field.attname)
            if value is not None:
                kept[name] = [value]
    return kept


def unchanged_data(form: forms.BaseForm) -> dict[str, Any]:
    """The data that, submitted to the unbound `form` of a row, leaves the row as it is: what a partial
    write (an import without some columns, an API PATCH) sends for the fields it does not carry."""
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form.get_initial_for_field(field, name)
        if isinstance(field, forms.ModelMultipleChoiceField):
            data[name] = [row.pk if hasattr(row, "pk") else row for row in value or []]
        elif isinstance(field, forms.BooleanField):
            data[name] = "on" if value else ""
        elif value is not None:
            data[name] = value.pk if isinstance(value, models.Model) else value
    return data


def scope_choices(
    form: forms.BaseForm,
    user: Any,
    kept: dict[str, list[Any]] | None = None,
    only: dict[str, Any] | None = None,
) -> None:
    """Narrow every choice of a scoped model to the user's scope; big ones become autocompletes.

    A row keeps the references it already has (`kept`), even to rows outside the user's scope: a
    street officer edits a person whose unit lies in another district without losing the unit.
    """
    from heluo.core.ledger import ledger_for

    for name, field in (only if only is not None else form.fields).items():
        queryset = getattr(field, "queryset", None)
        if queryset is None or not hasattr(queryset, "for_user"):
            continue
        current = (kept or {}).get(name)
        scoped = queryset.for_user(user)
        field.queryset = (
            scoped | queryset.model._default_manager.filter(pk__in=current) if current else scoped
        )
        ledger = ledger_for(queryset.model)
        if ledger is not None and ledger.many_rows:
            widget_class = (
                AutocompleteSelectMultiple
                if isinstance(field, forms.ModelMultipleChoiceField)
                else AutocompleteSelect
            )
            field.widget = widget_class(ledger.url("autocomplete"))
            field.widget.choices = field.choices


class PreloadedChoiceField(forms.Field):
    """A reference field over rows an import already read inside the user's scope ({pk: row}).

    It accepts exactly those rows, without a query per row and without the queryset a
    ModelChoiceField carries (and copies for every form).
    """

    default_error_messages = forms.ModelChoiceField.default_error_messages

    def __init__(self, rows: dict[Any, Any], *, multiple: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rows = rows
        self.multiple = multiple

    def __deepcopy__(self, memo: dict[int, Any]) -> PreloadedChoiceField:
        copied = copy.copy(self)
        copied.error_messages = self.error_messages  # shared: never changed per form
        return copied

    def _row(self, value: Any) -> Any:
        try:
            return self.rows[int(getattr(value, "pk", value))]
        except (KeyError, TypeError, ValueError):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None

    def to_python(self, value: Any) -> Any:
        if self.multiple:
            return [self._row(v) for v in value or []]
        return None if value in self.empty_values else self._row(value)

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            before, after = self.to_python(initial), self.to_python(data)
        except ValidationError:
            return True
        return bool({r.pk for r in before} != {r.pk for r in after} if self.multiple else before != after)


class DateInput(forms.DateInput):
    """The browser's date picker. Its value is always ISO (YYYY-MM-DD): the Chinese locale's first date
    format, 2026/11/19, is one a date input shows as empty, so an edit would have saved the date away."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class ImportFields(dict):
    """An import form's fields. Django deep-copies a form's fields for every form, widgets, validators and
    messages included: a fifth of an import's time, one form per row. The rows of an import are checked
    for one user and never rendered, so each row's form gets its own copy of every field (to set
    `required`, a queryset, `disabled` on) that shares what no form changes."""

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, forms.Field]:
        return {name: copy.copy(field) for name, field in self.items()}


class LedgerForm(forms.ModelForm):
    """Base of every ledger form: scoped choices, and sensitive fields shown masked to users without the
    right, where submitting the mask unchanged keeps the stored value."""

    # Set on the import form classes made by for_import(): uniqueness is checked for the whole file.
    uniqueness_checked = False

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        unresolved = {n: f for n, f in self.fields.items() if not isinstance(f, PreloadedChoiceField)}
        scope_choices(self, user, current_references(self.instance, unresolved), only=unresolved)
        self._masked: dict[str, str] = {}
        if self.instance.pk and not sees_in_full(user, self.instance):
            for name in getattr(self.instance, "sensitive_fields", ()):
                stored = getattr(self.instance, name)
                if name in self.fields and stored:
                    self._masked[name] = stored
                    self.initial[name] = mask(stored)

    @classmethod
    def for_import(cls, references: dict[str, dict[Any, Any]]) -> type[LedgerForm]:
        """This form for an import: its reference fields take the rows the import read in bulk inside
        the user's scope ({field: {pk: row}}), and uniqueness is left to the import's check of the
        whole file. Every other rule (fields, the model's clean, check constraints) is the form's own."""
        fields = dict(cls.base_fields)
        for name, rows in references.items():
            field = fields.get(name)
            if field is not None:
                fields[name] = PreloadedChoiceField(
                    rows, multiple=isinstance(field, forms.ModelMultipleChoiceField), required=field.required,
                    label=field.label, help_text=field.help_text,
                )  # fmt: skip
        form_class = type(f"{cls.__name__}ForImport", (cls,), {"uniqueness_checked": True})
        # After the class exists: the metaclass sets base_fields itself.
        form_class.base_fields = ImportFields(fields)
        return form_class

    def _get_validation_exclusions(self) -> set[str]:
        # Preloaded references exist (the import just read them): skip the model's query per foreign key.
        preloaded = {n for n, f in self.fields.items() if isinstance(f, PreloadedChoiceField)}
        return super()._get_validation_exclusions() | preloaded

    def _post_clean(self) -> None:
        # Unique constraints are checked by validate_unique (heluo.core.services.uniqueness, which names
        # no record outside the user's scope); the model validates its other constraints as usual.
        checked = self.instance.validate_constraints
        self.instance.validate_constraints = lambda exclude=None: validate_other_constraints(
            self.instance, exclude
        )  # type: ignore[method-assign]
        try:
            super()._post_clean()
        finally:
            self.instance.validate_constraints = checked  # type: ignore[method-assign]

    def validate_unique(self) -> None:
        if self.uniqueness_checked:
            return  # an import checks the whole file at once
        try:
            errors = uniqueness.refusals_of(self.user, self.instance, list(self.fields))
        except uniqueness.UniquenessLocked as locked:
            self.add_error(None, str(locked))
            return
        for name, messages in errors.items():
            self.add_error(name, messages)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in self._masked:
            if name in cleaned:
                cleaned[name] = kept_if_masked(self.user, self.instance, name, cleaned[name])
        return cleaned


def validate_other_constraints(instance: models.Model, exclude: Any = None) -> None:
    """The model's constraints other than uniqueness (check constraints); uniqueness is
    heluo.core.services.uniqueness's."""
    constraints = [c for c in type(instance)._meta.constraints if not isinstance(c, models.UniqueConstraint)]
    errors: dict[str, list[Any]] = {}
    for constraint in constraints:
        try:
            constraint.validate(type(instance), instance, exclude=exclude)
        except ValidationError as error:
            errors.setdefault("__all__", []).extend(error.error_list)
    if errors:
        raise ValidationError(errors)


class DivisionForm(LedgerForm):
    class Meta:
        model = Division
        fields = ["code", "name", "level", "parent", "valid_from", "valid_to", "successors"]
        widgets = {
            "valid_from": DateInput(),
            "valid_to": DateInput(),
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
            "start": DateInput(),
            "end": DateInput(),
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
        """Only what changes is a grant (heluo.core.services.accounts): an unchanged account passes."""
        cleaned = super().clean()
        account = self.instance
        if account.pk and not self.has_changed():
            return cleaned
        targets = {name: cleaned.get(name) for name in ("home_division", "home_zone", "unit")}
        try:
            if account.pk:
                account_services.check_account_change(
                    self.user, account, roles=cleaned.get("roles") or [], **targets
                )
            else:
                account_services.check_grant(self.user, roles=cleaned.get("roles") or [], **targets)
        except PermissionDenied as refusal:
            self.add_error(None, str(refusal))
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        return cleaned


class SecurityPolicyForm(forms.ModelForm):
    class Meta:
        model = SecurityPolicy
        fields = [
            "min_password_length",
            "required_character_classes",
            "password_history",
            "password_max_age_days",
            "idle_timeout_minutes",
            "two_factor_for_administrators",
            "dormant_account_days",
            "separate_administrators",
        ]


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )
