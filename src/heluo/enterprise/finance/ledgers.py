"""The financing ledgers: strategic agreements, coordinated loans, awards and subsidies."""

from __future__ import annotations

from heluo.core.ledger import Ledger, register

from . import filters, forms, tables
from .models import Award, CoordinatedLoan, FinancingAgreement
from .services import save_row

agreement = register(
    Ledger(
        FinancingAgreement,
        form=forms.FinancingAgreementForm,
        filterset=filters.FinancingAgreementFilter,
        table=tables.FinancingAgreementTable,
        search_fields=("name", "bank__name", "counterpart__name", "beneficiary__name"),
        select_related=("bank", "counterpart", "beneficiary", "parent"),
        saver=save_row,
        slug="financing-agreements",
    )
)
loan = register(
    Ledger(
        CoordinatedLoan,
        many_rows=True,
        form=forms.CoordinatedLoanForm,
        filterset=filters.CoordinatedLoanFilter,
        table=tables.CoordinatedLoanTable,
        search_fields=("enterprise__name", "bank__name"),
        select_related=("enterprise", "bank", "division"),
        saver=save_row,
        slug="coordinated-loans",
    )
)
award = register(
    Ledger(
        Award,
        form=forms.AwardForm,
        filterset=filters.AwardFilter,
        table=tables.AwardTable,
        search_fields=("name", "beneficiary"),
        saver=save_row,
        slug="awards",
    )
)
