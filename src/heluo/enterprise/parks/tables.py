"""The science parks' ledger tables (each row a card on a phone)."""

from __future__ import annotations

import django_tables2 as tables

from heluo.core.tables import LedgerTable

from .models import EnterpriseYear, Park, ParkEnterprise, Qualification, QualificationAward


class ParkTable(LedgerTable):
    card_columns = ("name", "division")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Park
        fields = ("name", "division", "operator", "land_area", "floor_area")


class ParkEnterpriseTable(LedgerTable):
    card_columns = ("enterprise", "industry", "incubating")
    enterprise = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = ParkEnterprise
        fields = ("enterprise", "park", "industry", "incubating", "entered", "left")


class QualificationTable(LedgerTable):
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Qualification
        fields = ("name", "code", "order")


class QualificationAwardTable(LedgerTable):
    card_columns = ("enterprise", "qualification", "obtained")
    enterprise = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = QualificationAward
        fields = ("enterprise", "qualification", "obtained", "valid_until")


class EnterpriseYearTable(LedgerTable):
    card_columns = ("enterprise", "year", "revenue")
    enterprise = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = EnterpriseYear
        fields = ("enterprise", "year", "revenue", "rd_spend", "employees", "ip_applications")
