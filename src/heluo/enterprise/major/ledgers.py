""" "5个1" major projects' ledgers: the projects and their plan tables."""

from __future__ import annotations

from heluo.core.ledger import Ledger, register

from . import filters, forms, tables
from .models import MajorProject, Milestone
from .services import save_milestone

major_project = register(
    Ledger(
        MajorProject,
        form=forms.MajorProjectForm,
        filterset=filters.MajorProjectFilter,
        table=tables.MajorProjectTable,
        search_fields=("name", "content", "leader__name", "responsible_unit__name"),
        select_related=("division", "leader", "responsible_unit"),
        detail_template="enterprise/major/majorproject_detail.html",
        attachments=True,
    )
)
milestone = register(
    Ledger(
        Milestone,
        many_rows=True,
        form=forms.MilestoneForm,
        filterset=filters.MilestoneFilter,
        table=tables.MilestoneTable,
        search_fields=("title", "project__name"),
        select_related=("project", "owner_unit", "owner_person", "case"),
        saver=save_milestone,
    )
)
