"""Identity pages: the security policy, locked-out accounts, two-factor enrolment and the login's second step.

The rules are heluo.core.services.identity's; these pages only ask and show.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from heluo.core.forms import SecurityPolicyForm, TwoFactorCodeForm
from heluo.core.models import Account, SecurityPolicy
from heluo.core.services import duties, identity

# The policy's changes shown on its page, newest first.
POLICY_HISTORY_SHOWN = 20


@permission_required("core.change_securitypolicy", raise_exception=True)
def security_policy(request: HttpRequest) -> HttpResponse:
    duties.check(request.user, duties.SECURITY)
    policy = identity.current_policy()
    form = SecurityPolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The security policy was saved."))
        return redirect("core:security_policy")
    return render(
        request,
        "core/security_policy.html",
        {"form": form, "changes": _policy_changes(policy), "level_three": SecurityPolicy.LEVEL_THREE},
    )


def _policy_changes(policy: SecurityPolicy) -> list[dict[str, Any]]:
    changes = []
    for record in policy.history.select_related("history_user")[:POLICY_HISTORY_SHOWN]:
        earlier = record.prev_record
        fields = record.diff_against(earlier).changes if earlier is not None else []
        changes.append(
            {
                "record": record,
                "fields": [
                    (SecurityPolicy._meta.get_field(f.field).verbose_name, f.old, f.new)
                    for f in fields
                    if f.field != "updated_at"
                ],
            }
        )
    return changes


@permission_required("core.unlock_account", raise_exception=True)
def lockout_list(request: HttpRequest) -> HttpResponse:
    duties.check(request.user, duties.SECURITY)
    return render(request, "core/lockout_list.html", {"lockouts": identity.locked_out_accounts(request.user)})


@require_POST
@permission_required("core.unlock_account", raise_exception=True)
def unlock(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(Account.objects.for_user(request.user), pk=pk)
    identity.unlock_account(request.user, account)
    messages.success(request, _("%(user)s can log in again.") % {"user": account.user.get_username()})
    return redirect("core:lockout_list")


def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The login's second step: an authenticator's code or a recovery code."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = ""
    if request.user.is_verified() or not identity.has_two_factor(request.user):
        return redirect(target or "home")
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = identity.verify_code(request.user, form.cleaned_data["code"])
        if device is not None:
            request.session.cycle_key()
            otp_login(request, device)
            return redirect(target or "home")
        form.add_error("code", _("The code is wrong or has expired."))
    # Without the menus: nothing opens before the second step.
    return render(
        request,
        "registration/two_factor_verify.html",
        {"form": form, "next": target, "public_layout": True},
    )


def two_factor(request: HttpRequest) -> HttpResponse:
    """The user's second factor: enrolled or not, recovery codes left, and the buttons to change it."""
    return render(
        request,
        "core/two_factor.html",
        {
            "enrolled": identity.has_two_factor(request.user),
            "required": identity.requires_two_factor(request.user),
            "codes_left": identity.recovery_codes_left(request.user),
        },
    )


def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the QR code (or type the key), confirm with a code; the recovery
    codes are then shown, once."""
    device = identity.start_totp_enrolment(request.user)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = identity.confirm_totp(request.user, device, form.cleaned_data["code"])
        except ValidationError as refusal:
            form.add_error("code", refusal)
        else:
            otp_login(request, device)
            messages.success(request, _("Two-factor login is on: every login now asks for a code."))
            return render(request, "core/recovery_codes.html", {"codes": codes})
    return render(
        request,
        "core/two_factor_enrol.html",
        {
            "form": form,
            # Markup segno draws from the otpauth:// address alone: nothing a user typed.
            "qr": mark_safe(identity.totp_qr_svg(device)),
            "secret": identity.totp_secret(device),
            "required": identity.requires_two_factor(request.user),
        },
    )


@require_POST
def two_factor_recovery_codes(request: HttpRequest) -> HttpResponse:
    if not identity.has_two_factor(request.user):
        return redirect("two_factor")
    return render(request, "core/recovery_codes.html", {"codes": identity.new_recovery_codes(request.user)})


@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    identity.disable_two_factor(request.user)
    messages.info(request, _("Two-factor login is off."))
    return redirect("two_factor")
