"""Organisations, term lengths, posts, members and transfers in the API (/api/party/...): each written
as on its page. A transfer's state and dates are read here and changed only by its services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, form_errors, register_ledgers
from heluo.core.api.ledgers import BOOKKEEPING
from heluo.core.api.permissions import Authenticated
from heluo.core.scope import may

from . import ledgers_org as ledgers
from .forms_org import DayForm
from .models import Member, PartyOrganisation, Post, TermLength, Transfer
from .services.members import confirm_member
from .services.transfers import receive_transfer, return_transfer


class CanViewMembers(Authenticated):
    """An act needs sight of the row here: the service checks the right the act needs."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return super().has_permission(request, view) and may(request.user, "view", view.ledger.model)


def _day(request: Request) -> Any:
    form = DayForm(request.data)
    if not form.is_valid():
        raise serializers.ValidationError(form_errors(form))
    return form.cleaned_data["on"] or timezone.localdate()


def _refused(error: ValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(
        error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages}
    )


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

    @extend_schema(
        operation_id="party_members_confirm", request=OpenApiTypes.OBJECT, responses={200: MemberSerializer},
        description=_("Confirm a probationary member as a full member (转正) on the day `on` (YYYY-MM-DD, default "
                      "today), a year after joining at the earliest."),
    )  # fmt: skip
    @action(detail=True, methods=["post"], permission_classes=[CanViewMembers])
    def confirm(self, request: Request, pk: Any = None) -> Response:
        member = self.get_object()
        try:
            member = confirm_member(request.user, member, on=_day(request))
        except ValidationError as error:
            raise _refused(error) from error
        return Response(self.get_serializer(member).data)


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

    @extend_schema(
        operation_id="party_transfers_receive", request=OpenApiTypes.OBJECT, responses={200: TransferSerializer},
        description=_("The letter was received on the day `on` (YYYY-MM-DD, default today), before it lapsed: the "
                      "member leaves the branch and, when the receiving branch is in Heluo, joins its roll."),
    )  # fmt: skip
    @action(detail=True, methods=["post"], permission_classes=[CanViewMembers])
    def receive(self, request: Request, pk: Any = None) -> Response:
        transfer = self.get_object()
        try:
            transfer = receive_transfer(request.user, transfer, on=_day(request))
        except ValidationError as error:
            raise _refused(error) from error
        return Response(self.get_serializer(transfer).data)

    @extend_schema(
        operation_id="party_transfers_return", request=None, responses={200: TransferSerializer},
        description=_("The pending letter came back unused: the member stays on the roll."),
    )  # fmt: skip
    @action(detail=True, methods=["post"], url_path="return", permission_classes=[CanViewMembers])
    def return_letter(self, request: Request, pk: Any = None) -> Response:
        transfer = self.get_object()
        try:
            transfer = return_transfer(request.user, transfer)
        except ValidationError as error:
            raise _refused(error) from error
        return Response(self.get_serializer(transfer).data)


def register(router: BaseRouter) -> None:
    register_ledgers(
        router, PartyOrganisationViewSet, TermLengthViewSet, PostViewSet, MemberViewSet, TransferViewSet
    )
