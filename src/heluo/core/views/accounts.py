"""Account actions beyond the ledger's pages: reset a password or the second factor, disable or enable a login."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from heluo.core.services import accounts as account_services
from heluo.core.services import identity
from heluo.core.views.generic import LedgerView


class AccountActionView(LedgerView):
    """POST-only actions on one account: reset its password or its second factor, disable or enable it."""

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
            elif act == "reset-two-factor":
                identity.reset_two_factor(request.user, account)
                messages.success(request, _("The account's two-factor login was removed: it enrols again."))
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
