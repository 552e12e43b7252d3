"""The cooperation ledger's ledgers: projects and their yearly progress rows."""

from __future__ import annotations

from heluo.core.ledger import Ledger, register

from . import filters, forms, tables
from .models import CooperationProgress, CooperationProject
from .services import save_progress, save_project

project = register(
    Ledger(
        CooperationProject,
        form=forms.CooperationProjectForm,
        filterset=filters.CooperationProjectFilter,
        table=tables.CooperationProjectTable,
        search_fields=("name", "local_party__name", "partners__name", "content"),
        select_related=("local_party", "division"),
        detail_template="enterprise/cooperation/project_detail.html",
        saver=save_project,
        slug="cooperation-projects",
    )
)
progress = register(
    Ledger(
        CooperationProgress,
        many_rows=True,
        form=forms.CooperationProgressForm,
        filterset=filters.CooperationProgressFilter,
        table=tables.CooperationProgressTable,
        search_fields=("project__name",),
        select_related=("project",),
        saver=save_progress,
        slug="cooperation-progress",
    )
)
