"""Every date picker of every Heluo form shows the stored date in Chinese: a date input only takes
YYYY-MM-DD, and the Chinese locale's own format (2026/11/19) showed as empty — an edit then saved the
date away."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil

import pytest
from django import forms
from django.utils import translation

import heluo


def heluo_form_classes() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(heluo.__path__, "heluo."):
        if module.name.endswith(".forms"):
            importlib.import_module(module.name)
    found, pending = [], [forms.BaseForm]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.startswith("heluo."):
                found.append(subclass)
    return found


DATE_FIELDS = [
    pytest.param(form_class, name, id=f"{form_class.__module__}.{form_class.__name__}.{name}")
    for form_class in heluo_form_classes()
    for name, field in getattr(form_class, "base_fields", {}).items()
    if getattr(field.widget, "input_type", "") == "date"
]


def test_the_forms_have_date_pickers_to_check() -> None:
    assert len(DATE_FIELDS) >= 8


@pytest.mark.parametrize(("form_class", "name"), DATE_FIELDS)
def test_a_date_picker_shows_its_date_in_chinese(form_class: type[forms.BaseForm], name: str) -> None:
    widget = form_class.base_fields[name].widget  # type: ignore[attr-defined]
    with translation.override("zh-hans"):
        assert 'value="2026-11-19"' in widget.render(name, dt.date(2026, 11, 19))
