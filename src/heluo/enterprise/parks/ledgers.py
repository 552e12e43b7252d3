"""The science parks' ledgers: parks, park enterprises, qualifications (data), the qualifications
enterprises hold and the enterprises' yearly figures."""

from __future__ import annotations

from heluo.core.ledger import Ledger, register
from heluo.core.tabular.keys import BY_NAME, register_key

from . import filters, forms, tables
from .models import EnterpriseYear, Park, ParkEnterprise, Qualification, QualificationAward

register_key("enterprise.park", BY_NAME)
register_key("enterprise.qualification", BY_NAME)

park = register(
    Ledger(
        Park,
        form=forms.ParkForm,
        filterset=filters.ParkFilter,
        table=tables.ParkTable,
        search_fields=("name", "converted_from", "operator__name"),
        select_related=("division", "operator"),
        detail_template="enterprise/parks/park_detail.html",
    )
)
park_enterprise = register(
    Ledger(
        ParkEnterprise,
        many_rows=True,
        form=forms.ParkEnterpriseForm,
        filterset=filters.ParkEnterpriseFilter,
        table=tables.ParkEnterpriseTable,
        search_fields=("enterprise__name", "enterprise__credit_code", "park__name"),
        select_related=("park", "enterprise"),
    )
)
qualification = register(
    Ledger(
        Qualification,
        form=forms.QualificationForm,
        filterset=filters.QualificationFilter,
        table=tables.QualificationTable,
        search_fields=("name", "code"),
    )
)
qualification_award = register(
    Ledger(
        QualificationAward,
        many_rows=True,
        form=forms.QualificationAwardForm,
        filterset=filters.QualificationAwardFilter,
        table=tables.QualificationAwardTable,
        search_fields=("enterprise__name", "qualification__name"),
        select_related=("enterprise", "qualification"),
    )
)
enterprise_year = register(
    Ledger(
        EnterpriseYear,
        many_rows=True,
        form=forms.EnterpriseYearForm,
        filterset=filters.EnterpriseYearFilter,
        table=tables.EnterpriseYearTable,
        search_fields=("enterprise__name", "enterprise__credit_code"),
        select_related=("enterprise",),
        import_key=("enterprise", "year"),
    )
)
