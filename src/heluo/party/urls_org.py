from django.urls import URLPattern, path

from heluo.core.views.routes import ledger_urls

from . import ledgers_org as ledgers
from . import views_org as views

urlpatterns: list[URLPattern] = [
    path("members/mobile/", views.mobile_members, name="mobile_members"),
    path("members/<int:pk>/confirm/", views.member_confirm, name="member_confirm"),
    path("organisations/branch-rules/", views.branch_rules, name="branch_rules"),
    path("organisations/<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("transfers/<int:pk>/receive/", views.transfer_act, {"act": "receive"}, name="transfer_receive"),
    path("transfers/<int:pk>/return/", views.transfer_act, {"act": "return"}, name="transfer_return"),
    *ledger_urls(ledgers.party_organisation, detail=views.PartyOrganisationDetailView),
    *ledger_urls(ledgers.term_length),
    *ledger_urls(ledgers.post),
    *ledger_urls(ledgers.member, detail=views.MemberDetailView),
    *ledger_urls(ledgers.transfer, detail=views.TransferDetailView),
]
