"""The filters every ledger list shows: labels in the reader's language whoever generated the API schema
first, 全部 for an empty choice, and 全部 as the default of a yes/no filter."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator

from heluo.core.filters import PersonFilter, YesNoWidget
from heluo.core.ledger import LEDGERS
from heluo.monitoring.filters import AlarmRuleFilter, MonitorFilter

pytestmark = pytest.mark.django_db


def _labels(filterset_class: type[Any], user: Any) -> dict[str, str]:
    request = RequestFactory().get("/")
    request.user = user
    return {name: str(field.label) for name, field in filterset_class(request=request).form.fields.items()}


def test_filter_labels_stay_chinese_after_the_schema_was_generated_in_english(users: dict[str, Any]) -> None:
    with translation.override("en"):
        SchemaGenerator().get_schema(request=None, public=True)
    with translation.override("zh-hans"):
        people = _labels(PersonFilter, users["admin"])
        rules = _labels(AlarmRuleFilter, users["admin"])
    assert (people["gender"], people["id_type"]) == ("性别", "证件类型")
    assert (rules["method"], rules["factor"]) == ("方法", "监测因子")
    with translation.override("en"):
        assert _labels(PersonFilter, users["admin"])["gender"] == "Gender"


def test_every_ledger_filter_label_follows_the_language(users: dict[str, Any]) -> None:
    with translation.override("en"):
        SchemaGenerator().get_schema(request=None, public=True)
    for ledger in LEDGERS.values():
        if ledger.app_label == "testapp":
            continue  # stand-in models without translations
        with translation.override("en"):
            english = _labels(ledger.filterset, users["admin"])
        with translation.override("zh-hans"):
            chinese = _labels(ledger.filterset, users["admin"])
        for name, label in chinese.items():
            assert label != english[name] or not label.isascii(), (ledger.label, name, label)


def test_an_empty_choice_reads_all_and_a_yes_no_filter_starts_at_all(users: dict[str, Any]) -> None:
    request = RequestFactory().get("/")
    request.user = users["admin"]
    with translation.override("zh-hans"):
        form = MonitorFilter(request=request).form
        choices = list(form.fields["protocol_version"].choices)
        assert str(choices[0][1]) == "全部"
        assert isinstance(form.fields["active"].widget, YesNoWidget)
        rendered = str(form["active"])
    assert 'value="" selected' in rendered and "全部" in rendered
