"""Part C's ledgers: dues (arrangements, reductions, payments) and points (the scheme's rules, the entries,
the yearly closes). Payments, manual entries and closes are written by their services (the savers)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from heluo.core.ledger import Ledger, register
from heluo.core.modules import MenuItem, register_menu

from . import filters_dues_points as filters
from . import forms_dues_points as forms
from . import tables_dues_points as tables
from .models import DuesArrangement, DuesPayment, DuesReduction, PointsEntry, PointsRule, PointsYear

dues_arrangement = register(
    Ledger(
        DuesArrangement,
        form=forms.DuesArrangementForm,
        filterset=filters.DuesArrangementFilter,
        table=tables.DuesArrangementTable,
        search_fields=("organisation__name",),
        select_related=("organisation",),
        import_key=("organisation",),
    )
)
dues_reduction = register(
    Ledger(
        DuesReduction,
        form=forms.DuesReductionForm,
        filterset=filters.DuesReductionFilter,
        table=tables.DuesReductionTable,
        search_fields=("member__name", "reason"),
        select_related=("member",),
    )
)
dues_payment = register(
    Ledger(
        DuesPayment,
        form=forms.DuesPaymentForm,
        filterset=filters.DuesPaymentFilter,
        table=tables.DuesPaymentTable,
        search_fields=("member__name",),
        select_related=("member", "paid_by"),
        many_rows=True,
        saver=forms.save_payment,
        columns=("member", "month", "amount", "paid_on", "paid_by", "method", "note"),
        read_only_columns=("recorded_by",),
        import_key=("member", "month"),
    )
)
points_rule = register(
    Ledger(
        PointsRule,
        form=forms.PointsRuleForm,
        filterset=filters.PointsRuleFilter,
        table=tables.PointsRuleTable,
        search_fields=("name", "code"),
        import_key=("code",),
    )
)
points_entry = register(
    Ledger(
        PointsEntry,
        form=forms.PointsEntryForm,
        filterset=filters.PointsEntryFilter,
        table=tables.PointsEntryTable,
        search_fields=("member__name", "rule__name", "reason"),
        select_related=("member", "rule", "content_type"),
        many_rows=True,
        saver=forms.save_entry,
        refuse_change=forms.refuse_source_entry,
        read_only_columns=("quantity", "content_type", "object_id", "recorded_at"),
        detail_template="party/points/pointsentry_detail.html",
    )
)
points_year = register(
    Ledger(
        PointsYear,
        form=forms.PointsYearForm,
        filterset=filters.PointsYearFilter,
        table=tables.PointsYearTable,
        search_fields=("organisation__name",),
        select_related=("organisation",),
        saver=forms.save_close,
        read_only_columns=("closed_by",),
    )
)

# In the sidebar's party section (the app's ready() imports this module).
register_menu(
    "party",
    MenuItem(_("Dues payments"), "party:duespayment_list", "party.DuesPayment"),
    MenuItem(_("Dues arrears"), "party:dues_arrears", "party.DuesPayment"),
    MenuItem(_("Dues reductions"), "party:duesreduction_list", "party.DuesReduction"),
    MenuItem(_("Dues arrangements"), "party:duesarrangement_list", "party.DuesArrangement"),
    MenuItem(_("Points ranking"), "party:points_ranking", "party.PointsEntry"),
    MenuItem(_("Points entries"), "party:pointsentry_list", "party.PointsEntry"),
    MenuItem(_("Points rules"), "party:pointsrule_list", "party.PointsRule"),
    MenuItem(_("Points years closed"), "party:pointsyear_list", "party.PointsYear"),
)
