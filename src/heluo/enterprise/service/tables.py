"""The service desk's tables."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from heluo.core.tables import LedgerTable

from .models import OfficerAssignment, Problem, ProblemCategory, TimeLimit, Visit


class ProblemCategoryTable(LedgerTable):
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = ProblemCategory
        fields = ("name", "code", "order")


class TimeLimitTable(LedgerTable):
    card_columns = ("stage", "category", "working_days")
    stage = tables.Column(linkify=True)
    category = tables.Column(default=_("default"))

    class Meta(LedgerTable.Meta):
        model = TimeLimit
        fields = ("stage", "category", "working_days", "note")


class OfficerAssignmentTable(LedgerTable):
    card_columns = ("enterprise", "officer", "start")
    enterprise = tables.Column(linkify=lambda record: record.get_absolute_url())
    officer = tables.Column(linkify=("enterprise:officer", {"pk": tables.A("officer_id")}))

    class Meta(LedgerTable.Meta):
        model = OfficerAssignment
        fields = ("enterprise", "officer", "start", "end")


class VisitTable(LedgerTable):
    card_columns = ("date", "enterprise", "officer")
    date = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Visit
        fields = ("date", "enterprise", "officer", "discussed")


class ProblemTable(LedgerTable):
    card_columns = ("enterprise", "category", "state", "due")
    enterprise = tables.Column(linkify=lambda record: record.get_absolute_url())
    state = tables.Column(accessor="case__get_state_display", verbose_name=_("state"), orderable=False)
    due = tables.Column(accessor="case__due_date", verbose_name=_("due date"), order_by=("case__due_at",))

    class Meta(LedgerTable.Meta):
        model = Problem
        fields = ("enterprise", "category", "description", "raised_on", "responsible_unit", "state", "due")
