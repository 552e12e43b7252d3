"""The tables of organisations, posts, members, transfers and term lengths (each row a card on a phone)."""

from __future__ import annotations

import django_tables2 as tables

from heluo.core.tables import LedgerTable

from .models import Member, PartyOrganisation, Post, TermLength, Transfer


class PartyOrganisationTable(LedgerTable):
    card_columns = ("name", "kind", "division")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = PartyOrganisation
        fields = ("name", "kind", "field", "parent", "division", "established_on", "term_started_on")


class TermLengthTable(LedgerTable):
    card_columns = ("field", "years")
    field = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = TermLength
        fields = ("field", "years")


class PostTable(LedgerTable):
    card_columns = ("member", "kind", "organisation")
    member = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = Post
        fields = ("organisation", "kind", "member", "start", "end")


class MemberTable(LedgerTable):
    card_columns = ("name", "status", "organisation")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Member
        fields = ("name", "organisation", "status", "joined_on", "confirmed_on", "is_mobile", "left_on")


class MobileMemberTable(LedgerTable):
    """The mobile members: where they are, how to reach them, the branch keeping in touch."""

    card_columns = ("name", "mobile_location", "mobile_contact", "contact_branch")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Member
        fields = ("name", "organisation", "mobile_location", "mobile_contact", "contact_branch")


class TransferTable(LedgerTable):
    card_columns = ("member", "direction", "state", "lapses_on")
    member = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = Transfer
        fields = (
            "member",
            "direction",
            "counterpart",
            "letter_issued_on",
            "lapses_on",
            "state",
            "received_on",
        )
