"""The financing ledgers' tables."""

from __future__ import annotations

import django_tables2 as tables

from heluo.core.tables import LedgerTable

from .models import Award, CoordinatedLoan, FinancingAgreement


class FinancingAgreementTable(LedgerTable):
    card_columns = ("name", "bank", "amount")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = FinancingAgreement
        fields = (
            "name",
            "bank",
            "counterpart",
            "beneficiary",
            "amount_kind",
            "amount",
            "signed_on",
            "parent",
        )


class CoordinatedLoanTable(LedgerTable):
    card_columns = ("enterprise", "amount", "granted_on")
    enterprise = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = CoordinatedLoan
        fields = ("enterprise", "bank", "amount", "granted_on", "division")


class AwardTable(LedgerTable):
    card_columns = ("name", "level", "amount")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Award
        fields = ("name", "level", "amount", "year", "beneficiary")
