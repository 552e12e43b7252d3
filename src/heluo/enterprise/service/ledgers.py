"""The service desk's ledgers: problem categories and time limits (data), officers' assignments, visits,
and the problems enterprises raise (each opening its supervision case, kept for ever)."""

from __future__ import annotations

from heluo.core.ledger import Ledger, register

from . import filters, forms, tables
from .models import OfficerAssignment, Problem, ProblemCategory, TimeLimit, Visit
from .services import save_problem

problem_category = register(
    Ledger(
        ProblemCategory,
        slug="service/categories",
        form=forms.ProblemCategoryForm,
        filterset=filters.ProblemCategoryFilter,
        table=tables.ProblemCategoryTable,
        search_fields=("name", "code"),
    )
)
time_limit = register(
    Ledger(
        TimeLimit,
        slug="service/timelimits",
        form=forms.TimeLimitForm,
        filterset=filters.TimeLimitFilter,
        table=tables.TimeLimitTable,
        search_fields=("stage", "note", "category__name"),
        select_related=("category",),
    )
)
officer_assignment = register(
    Ledger(
        OfficerAssignment,
        slug="service/assignments",
        form=forms.OfficerAssignmentForm,
        filterset=filters.OfficerAssignmentFilter,
        table=tables.OfficerAssignmentTable,
        search_fields=("enterprise__name", "officer__name"),
        select_related=("enterprise", "officer"),
    )
)
visit = register(
    Ledger(
        Visit,
        slug="service/visits",
        form=forms.VisitForm,
        filterset=filters.VisitFilter,
        table=tables.VisitTable,
        search_fields=("enterprise__name", "officer__name", "discussed"),
        select_related=("enterprise", "officer"),
    )
)
problem = register(
    Ledger(
        Problem,
        slug="service/problems",
        many_rows=True,
        form=forms.ProblemForm,
        filterset=filters.ProblemFilter,
        table=tables.ProblemTable,
        search_fields=("enterprise__name", "description"),
        select_related=("enterprise", "category", "responsible_unit", "case"),
        detail_template="enterprise/service/problem_detail.html",
        saver=save_problem,
        deletable=False,
        read_only_columns=("case",),
    )
)
