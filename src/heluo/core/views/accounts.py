"""Account administration: create and edit through the grant rules, reset a password, enable/disable."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from heluo.core.models import Account
from heluo.core.services import accounts as account_services
from heluo.core.views.generic import LedgerCreateView, LedgerUpdateView, LedgerView


class AccountCreateView(LedgerCreateView):
    def save(self, form: Any) -> Account:
        data = form.cleaned_data
        account, password = account_services.create_account(
            self.request.user,
            username=data["username"],
            email=data.get("email", ""),
            display_name=data.get("display_name", ""),
            roles=data.get("roles") or [],
            home_division=data.get("home_division"),
            home_zone=data.get("home_zone"),
            unit=data.get("unit"),
            person=data.get("person"),
        )
        messages.info(
            self.request,
            _("The temporary password of %(user)s is %(password)s — it must be changed at first login.")
            % {"user": account.user.username, "password": password},
        )
        return account


class AccountUpdateView(LedgerUpdateView):
    def save(self, form: Any) -> Account:
        data = form.cleaned_data
        return account_services.update_account(
            self.request.user,
            form.instance,
            roles=data.get("roles") or [],
            email=data.get("email", ""),
            is_active=data.get("is_active", True),
            display_name=data.get("display_name", ""),
            home_division=data.get("home_division"),
            home_zone=data.get("home_zone"),
            unit=data.get("unit"),
            person=data.get("person"),
        )


class AccountActionView(LedgerView):
    """POST-only actions on one account: reset its password, disable or enable it."""

    action = "change"

    def post(self, request: HttpRequest, pk: int, act: str) -> HttpResponse:
        account = self.get_object()
        try:
            if act == "reset-password":
                password = account_services.reset_password(request.user, account)
                messages.info(
                    request,
                    _(
                        "The temporary password of %(user)s is %(password)s — it must be changed at first login."
                    )
                    % {"user": account.user.username, "password": password},
                )
            elif act in {"disable", "enable"}:
                account_services.set_active(request.user, account, act == "enable")
                messages.success(
                    request, _("Account enabled.") if act == "enable" else _("Account disabled.")
                )
            else:
                return render(request, "core/error.html", {"message": _("Unknown action.")}, status=400)
        except PermissionDenied as refusal:
            return render(request, "core/error.html", {"message": str(refusal)}, status=403)
        return HttpResponseRedirect(account.get_absolute_url())
