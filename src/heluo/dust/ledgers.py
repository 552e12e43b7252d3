"""Dust control's ledgers."""

from __future__ import annotations

from heluo.core.ledger import Ledger, register

from . import filters, forms, tables
from .models import BlacklistEntry, Ladder, LegalBasis, Measure, PenaltyCount, Site
from .services import save_site
from .services.enforcement import save_measure, save_penalty_count

site = register(
    Ledger(
        Site,
        many_rows=True,
        form=forms.SiteForm,
        filterset=filters.SiteFilter,
        table=tables.SiteTable,
        search_fields=("name", "address", "contractor__name"),
        select_related=("division", "contractor", "grid"),
        detail_template="dust/site_detail.html",
        attachments=True,
        saver=save_site,
    )
)

legal_basis = register(
    Ledger(
        LegalBasis,
        form=forms.LegalBasisForm,
        filterset=filters.LegalBasisFilter,
        table=tables.LegalBasisTable,
        search_fields=("code", "law", "article", "text"),
        slug="legal-bases",
    )
)
ladder = register(
    Ledger(
        Ladder,
        form=forms.LadderForm,
        filterset=filters.LadderFilter,
        table=tables.LadderTable,
        select_related=("legal_basis",),
    )
)
measure = register(
    Ledger(
        Measure,
        many_rows=True,
        form=forms.MeasureForm,
        filterset=filters.MeasureFilter,
        table=tables.MeasureTable,
        search_fields=("site__name", "decided_by", "note"),
        select_related=("site", "legal_basis"),
        detail_template="dust/measure_detail.html",
        detail_fields=(
            "site",
            "kind",
            "legal_basis",
            "amount",
            "served_on",
            "deadline",
            "stop_days",
            "until",
            "ladder_step",
            "decided_by",
            "note",
            "lifted_on",
            "lifted_note",
        ),
        attachments=True,
        saver=save_measure,
        # A measure served is a legal record, as is what it brought (a case, a stop, a blacklisting).
        deletable=False,
        read_only_columns=("lifted_on", "lifted_note"),
    )
)
penalty_count = register(
    Ledger(
        PenaltyCount,
        form=forms.PenaltyCountForm,
        filterset=filters.PenaltyCountFilter,
        table=tables.PenaltyCountTable,
        search_fields=("order__site__name", "note"),
        select_related=("order__site",),
        detail_template="dust/penaltycount_detail.html",
        detail_fields=("order", "daily", "days", "total", "ended_on", "end_reason", "note"),
        saver=save_penalty_count,
        deletable=False,
        read_only_columns=("days", "total", "ended_on", "end_reason"),
    )
)
blacklist = register(
    Ledger(
        BlacklistEntry,
        form=forms.BlacklistEntryForm,
        filterset=filters.BlacklistEntryFilter,
        table=tables.BlacklistEntryTable,
        search_fields=("enterprise__name", "reason"),
        select_related=("enterprise",),
        slug="blacklist",
    )
)
