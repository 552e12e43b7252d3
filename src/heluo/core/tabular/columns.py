"""Columns of a ledger's spreadsheet, derived from its form's fields (one set of rules: the form).

A column knows its header (the field's Chinese verbose name), how a stored value becomes a cell
(choices as labels, rows as natural keys, dates as dates) and how a cell becomes form data again.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heluo.core.services.masking import shown
from heluo.core.tabular.keys import NaturalKey, natural_key_for

ID_HEADER = gettext_lazy("Record ID")
VERSION_HEADER = gettext_lazy("Row version")
MULTI_SEPARATORS = re.compile(r"[、;；,，\n]+")


class Kind:
    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    DATE = "date"
    DATETIME = "datetime"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    RELATION = "relation"
    RELATIONS = "relations"


@dataclass(frozen=True)
class Column:
    name: str
    header: str
    kind: str
    required: bool
    help_text: str
    choices: tuple[tuple[str, str], ...] = ()
    related: type[models.Model] | None = None
    key: NaturalKey | None = None
    # The model field it stores, when the form field is one (accounts' user name, e-mail … are not).
    model_field: models.Field | None = None

    @property
    def labels(self) -> dict[str, str]:
        """Cell text (a label or a value) → form value."""
        mapping = {str(label): str(value) for value, label in self.choices}
        mapping.update({str(value): str(value) for value, _label in self.choices})
        return mapping

    def example(self) -> str:
        examples = {
            Kind.INTEGER: "12",
            Kind.DECIMAL: "1234.50",
            Kind.DATE: "2026-01-31",
            Kind.DATETIME: "2026-01-31 09:30",
            Kind.BOOLEAN: _("Yes"),
        }
        if self.kind == Kind.CHOICE and self.choices:
            return str(self.choices[0][1])
        if self.key is not None:
            return self.key.example
        return examples.get(self.kind, "")

    def type_label(self) -> str:
        return {
            Kind.TEXT: _("text"),
            Kind.INTEGER: _("whole number"),
            Kind.DECIMAL: _("number"),
            Kind.DATE: _("date"),
            Kind.DATETIME: _("date and time"),
            Kind.BOOLEAN: _("yes / no"),
            Kind.CHOICE: _("one of the listed values"),
            Kind.RELATION: _("reference"),
            Kind.RELATIONS: _("references, separated by 、"),
        }[self.kind]


def _kind(field: forms.Field) -> str:
    if isinstance(field, forms.ModelMultipleChoiceField):
        return Kind.RELATIONS
    if isinstance(field, forms.ModelChoiceField):
        return Kind.RELATION
    if isinstance(field, forms.TypedChoiceField | forms.ChoiceField):
        return Kind.CHOICE
    if isinstance(field, forms.BooleanField | forms.NullBooleanField):
        return Kind.BOOLEAN
    if isinstance(field, forms.DateTimeField):
        return Kind.DATETIME
    if isinstance(field, forms.DateField):
        return Kind.DATE
    if isinstance(field, forms.DecimalField | forms.FloatField):
        return Kind.DECIMAL
    if isinstance(field, forms.IntegerField):
        return Kind.INTEGER
    return Kind.TEXT


def columns_for(ledger: Any) -> list[Column]:
    """The ledger's columns, in the order of its declaration (Ledger.columns or the form's fields)."""
    form_fields = ledger.form.base_fields
    model = ledger.model
    columns = []
    for name in ledger.column_names():
        field = form_fields[name]
        kind = _kind(field)
        related = getattr(getattr(field, "queryset", None), "model", None)
        try:
            model_field: models.Field | None = model._meta.get_field(name)
        except Exception:  # a form-only field (an account's user name)
            model_field = None
        choices = ()
        if kind == Kind.CHOICE:
            choices = tuple((str(v), str(label)) for v, label in field.choices if v not in ("", None))
        columns.append(
            Column(
                name=name,
                header=capfirst(str(field.label or name)),
                kind=kind,
                required=bool(field.required),
                help_text=str(field.help_text or ""),
                choices=choices,
                related=related,
                key=natural_key_for(related) if related is not None else None,
                model_field=model_field,
            )
        )
    return columns


def _model_kind(field: models.Field) -> str:
    if field.many_to_many:
        return Kind.RELATIONS
    if field.is_relation:
        return Kind.RELATION
    if field.choices:
        return Kind.CHOICE
    if isinstance(field, models.BooleanField):
        return Kind.BOOLEAN
    if isinstance(field, models.DateTimeField):
        return Kind.DATETIME
    if isinstance(field, models.DateField):
        return Kind.DATE
    if isinstance(field, models.DecimalField | models.FloatField):
        return Kind.DECIMAL
    if isinstance(field, models.IntegerField):
        return Kind.INTEGER
    return Kind.TEXT


def read_only_columns_for(ledger: Any) -> list[Column]:
    """Columns an export carries for reading only (a case's state and deadline, set by its workflow):
    an import accepts their headers and ignores their cells."""
    columns = []
    for name in ledger.read_only_columns:
        field = ledger.model._meta.get_field(name)
        kind = _model_kind(field)
        related = field.related_model if field.is_relation else None
        columns.append(
            Column(
                name=name,
                header=capfirst(str(field.verbose_name)),
                kind=kind,
                required=False,
                help_text=str(_("Exported for reading; ignored on import.")),
                choices=tuple((str(v), str(label)) for v, label in field.flatchoices)
                if kind == Kind.CHOICE
                else (),
                related=related,
                key=natural_key_for(related) if related is not None else None,
                model_field=field,
            )
        )
    return columns


def cell_value(column: Column, obj: models.Model, user: Any) -> Any:
    """The value of `column` for `obj` as the spreadsheet holds it (masked where `user` may not see it)."""
    if column.kind == Kind.RELATIONS:
        return "、".join(column.key.to_text(item) for item in getattr(obj, column.name).all())  # type: ignore[union-attr]
    value = _form_only_value(obj, column.name) if column.model_field is None else getattr(obj, column.name)
    if column.kind == Kind.RELATION:
        return column.key.to_text(value) if value is not None else ""  # type: ignore[union-attr]
    if column.kind == Kind.CHOICE:
        return dict(column.choices).get(str(value), str(value or ""))
    if column.kind == Kind.BOOLEAN:
        return _("Yes") if value else _("No")
    if value is None:
        return ""
    return shown(user, obj, column.name, value)


def _form_only_value(obj: models.Model, name: str) -> Any:
    # Account columns that live on its Django user.
    user = getattr(obj, "user", None)
    return getattr(user, name, "") if user is not None else ""


def text_of(value: Any) -> str:
    """A cell as text: whole floats (Excel's numbers) without ".0", dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value).strip()


def split_multi(text: str) -> list[str]:
    return [part.strip() for part in MULTI_SEPARATORS.split(text) if part.strip()]


TRUE_WORDS = {"是", "yes", "y", "true", "1", "√", "✓", "有"}
FALSE_WORDS = {"否", "no", "n", "false", "0", "×", "无", ""}


def boolean_of(text: str) -> bool | None:
    lowered = text.strip().lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    return None
