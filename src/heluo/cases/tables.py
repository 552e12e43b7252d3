"""The case list and the calendar corrections' list."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from heluo.cases.models import Case, HolidayOverride
from heluo.core.dates import deadline_text
from heluo.core.tables import LedgerTable


class CaseTable(LedgerTable):
    card_columns = ("title", "state", "due_at", "responsible_unit")
    number = tables.Column(linkify=True, attrs={"td": {"class": "text-nowrap"}})
    title = tables.Column(
        linkify=lambda record: record.get_absolute_url(), attrs={"td": {"style": "min-width: 12em"}}
    )
    state = tables.Column()
    due_at = tables.Column(verbose_name=_("deadline"))

    class Meta(LedgerTable.Meta):
        model = Case
        fields = (
            "number",
            "title",
            "state",
            "responsible_unit",
            "handler",
            "due_at",
            "division",
            "priority",
        )

    def render_state(self, value: Any, record: Case) -> Any:
        return format_html('<span class="badge text-bg-{}">{}</span>', record.state_colour, value)

    def render_due_at(self, value: Any, record: Case) -> Any:
        deadline = deadline_text(value)
        if record.is_overdue:
            days = (timezone.now() - record.due_at).days + 1 if record.due_at else 0
            return format_html('{} <span class="badge text-bg-danger" data-testid="overdue">{}</span>', deadline,
                               _("%(days)d days overdue") % {"days": days})  # fmt: skip
        return deadline


class HolidayOverrideTable(LedgerTable):
    date = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = HolidayOverride
        fields = ("date", "name", "is_workday")
