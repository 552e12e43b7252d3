"""Template helpers: Bootstrap classes for form widgets, query strings that keep filters, permissions,
and the one way dates, times and deadlines read (heluo.core.dates)."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.http import QueryDict
from django.utils.safestring import SafeString

from heluo.core import dates
from heluo.core.links import row_links as links_of
from heluo.core.scope import may

register = template.Library()
register.filter("date_text", dates.date_text)
register.filter("datetime_text", dates.datetime_text)
register.filter("deadline_text", dates.deadline_text)
register.filter("official_date", dates.official_date)


def _css_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        return ""
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


@register.simple_tag
def widget(field: forms.BoundField, **attrs: Any) -> SafeString:
    """Render a field's widget with Bootstrap's classes (and is-invalid when it has errors)."""
    classes = [_css_class(field.field.widget), attrs.pop("class", "")]
    if field.errors:
        classes.append("is-invalid")
    attrs["class"] = " ".join(c for c in classes if c)
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def is_multi_checkbox(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect)


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters changed (a None value removes one)."""
    params: QueryDict = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.simple_tag(takes_context=True)
def user_may(context: dict[str, Any], action: str, obj: Any) -> bool:
    return may(context["request"].user, action, obj if isinstance(obj, type) else type(obj))  # type: ignore[arg-type]


@register.filter
def minutes(delta: Any) -> int:
    """Whole minutes of a timedelta, rounded up (a lock-out of 90 s reads as 2 minutes)."""
    seconds = int(delta.total_seconds()) if delta else 0
    return -(-seconds // 60)


@register.filter
def active_filters(form: forms.BaseForm) -> int:
    """How many of a bound filter form's fields hold a value (what a folded filter panel says)."""
    if not form.is_bound:
        return 0
    return sum(1 for field in form if field.data not in (None, "", []))


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key) if mapping else None


@register.simple_tag(takes_context=True)
def row_links(context: dict[str, Any], obj: Any) -> list[tuple[Any, str]]:
    """Other modules' pages about this row (heluo.core.links) the user may open."""
    return links_of(context["request"].user, obj)
