"""The ledgers of party organisations, their posts and term lengths, members and transfers."""

from __future__ import annotations

from heluo.core.ledger import Ledger, register

from . import filters_org as filters
from . import forms_org as forms
from . import tables_org as tables
from .models import Member, PartyOrganisation, Post, TermLength, Transfer
from .services.organisations import save_organisation
from .services.transfers import save_transfer

party_organisation = register(
    Ledger(
        PartyOrganisation,
        slug="organisations",
        form=forms.PartyOrganisationForm,
        filterset=filters.PartyOrganisationFilter,
        table=tables.PartyOrganisationTable,
        search_fields=("name",),
        select_related=("division", "parent"),
        detail_template="party/org/organisation_detail.html",
        saver=save_organisation,
        read_only_columns=("path", "changeover_case"),
    )
)
term_length = register(
    Ledger(
        TermLength,
        slug="term-lengths",
        form=forms.TermLengthForm,
        filterset=filters.TermLengthFilter,
        table=tables.TermLengthTable,
        search_fields=("field",),
        import_key=("field",),
    )
)
post = register(
    Ledger(
        Post,
        form=forms.PostForm,
        filterset=filters.PostFilter,
        table=tables.PostTable,
        search_fields=("member__name", "organisation__name"),
        select_related=("organisation", "member"),
    )
)
member = register(
    Ledger(
        Member,
        form=forms.MemberForm,
        filterset=filters.MemberFilter,
        table=tables.MemberTable,
        search_fields=("name", "organisation__name"),
        select_related=("organisation", "contact_branch"),
        detail_template="party/org/member_detail.html",
        many_rows=True,
    )
)
transfer = register(
    Ledger(
        Transfer,
        form=forms.TransferForm,
        filterset=filters.TransferFilter,
        table=tables.TransferTable,
        search_fields=("member__name", "counterpart"),
        select_related=("member__organisation", "counterpart_organisation"),
        detail_template="party/org/transfer_detail.html",
        saver=save_transfer,
        read_only_columns=("lapses_on", "state", "received_on"),
    )
)
