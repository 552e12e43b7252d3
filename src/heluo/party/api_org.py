"""Organisations, term lengths, posts, members and transfers in the API (/api/party/...): each written
as on its page. A transfer's state and dates are read here and changed only by its services."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, register_ledgers
from heluo.core.api.ledgers import BOOKKEEPING

from . import ledgers_org as ledgers
from .models import Member, PartyOrganisation, Post, TermLength, Transfer


class PartyOrganisationSerializer(LedgerSerializer):
    class Meta:
        model = PartyOrganisation
        fields = [
            "id", "display", "name", "kind", "field", "parent", "path", "division", "unit", "established_on",
            "term_started_on", "changeover_case", "notes", *BOOKKEEPING,
        ]  # fmt: skip
        read_only_fields = ["path", "changeover_case"]


class PartyOrganisationViewSet(LedgerViewSet):
    """Party organisations (党组织): 党委, 党工委, 党总支, 党支部, 党小组 as a tree."""

    ledger = ledgers.party_organisation
    serializer_class = PartyOrganisationSerializer


class TermLengthSerializer(LedgerSerializer):
    class Meta:
        model = TermLength
        fields = ["id", "display", "field", "years", *BOOKKEEPING]


class TermLengthViewSet(LedgerViewSet):
    """Years a committee serves, by field (换届)."""

    ledger = ledgers.term_length
    serializer_class = TermLengthSerializer


class PostSerializer(LedgerSerializer):
    class Meta:
        model = Post
        fields = ["id", "display", "organisation", "member", "kind", "start", "end", *BOOKKEEPING]


class PostViewSet(LedgerViewSet):
    """Posts held in party organisations (书记, 副书记, 委员, 党务工作者)."""

    ledger = ledgers.post
    serializer_class = PostSerializer


class MemberSerializer(LedgerSerializer):
    class Meta:
        model = Member
        fields = [
            "id", "display", "organisation", "group", "person", "name", "gender", "id_number", "birth_date",
            "phone", "status", "joined_on", "confirmed_on", "under_probation_discipline", "discipline_until",
            "dues_category", "monthly_income", "is_mobile", "mobile_location", "mobile_contact",
            "contact_branch", "left_on", "left_reason", "notes", *BOOKKEEPING,
        ]  # fmt: skip


class MemberViewSet(LedgerViewSet):
    """Party members (党员) on the branches' rolls: to the party roles and the organisation department only."""

    ledger = ledgers.member
    serializer_class = MemberSerializer


class TransferSerializer(LedgerSerializer):
    class Meta:
        model = Transfer
        fields = [
            "id", "display", "member", "direction", "counterpart", "counterpart_organisation", "across_provinces",
            "letter_issued_on", "lapses_on", "state", "received_on", "notes", *BOOKKEEPING,
        ]  # fmt: skip
        read_only_fields = ["lapses_on", "state", "received_on"]


class TransferViewSet(LedgerViewSet):
    """Transfers of the organisation relation (组织关系转接) and their letters."""

    ledger = ledgers.transfer
    serializer_class = TransferSerializer


def register(router: BaseRouter) -> None:
    register_ledgers(
        router, PartyOrganisationViewSet, TermLengthViewSet, PostViewSet, MemberViewSet, TransferViewSet
    )
