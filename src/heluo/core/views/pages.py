"""Pages that are not one ledger's: home, global search, inbox, files, password change, login helpers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from heluo.core.demo_accounts import DEMO_PASSWORD, demo_logins
from heluo.core.homes import home_from_providers
from heluo.core.ledger import LEDGERS
from heluo.core.models import AccessKind, Account, Notification
from heluo.core.scope import may, scope_of
from heluo.core.services import accounts as account_services
from heluo.core.services import files as file_services
from heluo.core.services import identity, notifications
from heluo.core.services.access import record_access
from heluo.core.views.access import check_may, check_reads_ledgers

SEARCH_LIMIT = 10
INBOX_PAGE = 50


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The home page of a registered provider (heluo.core.homes: the cockpit, a role's home), else core's
    start page: the user's scope and the size of each ledger they can see."""
    provided = home_from_providers(request)
    if provided is not None:
        return provided
    user = request.user
    scope = scope_of(user)
    counts = [
        (ledger.verbose_name_plural, ledger.url("list"), ledger.model.objects.for_user(user).count())  # type: ignore[attr-defined]
        for ledger in (
            LEDGERS.get(label) for label in ("core.unit", "core.person", "core.grid", "core.division")
        )
        if ledger is not None and may(user, "view", ledger.model)
    ]
    account = Account.objects.filter(user=user).select_related("home_division", "home_zone", "unit").first()
    latest = Notification.objects.filter(recipient=user)[:5]
    return render(
        request,
        "core/home.html",
        {"counts": counts, "account": account, "scope": scope, "notifications": latest},
    )


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Search every ledger the user may see, each through its own scope."""
    text = request.GET.get("q", "").strip()
    groups = []
    if text:
        for ledger in LEDGERS.values():
            if not may(request.user, "view", ledger.model):
                continue
            rows = ledger.search(ledger.model.objects.for_user(request.user), text)  # type: ignore[attr-defined]
            found = list(ledger.list_queryset(rows)[: SEARCH_LIMIT + 1])
            if found and getattr(ledger.model, "access_logged", False):
                # Names of rows whose every view is logged (militia rosters, party members) are a view too.
                shown = [row.pk for row in found[:SEARCH_LIMIT]]
                record_access(
                    request.user,
                    AccessKind.VIEW,
                    ledger.model,
                    object_ids=shown,
                    context=request.get_full_path(),
                )
            if found:
                groups.append(
                    {"ledger": ledger, "rows": found[:SEARCH_LIMIT], "more": len(found) > SEARCH_LIMIT}
                )
    return render(request, "core/search.html", {"query": text, "groups": groups})


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """Every message of the user, newest first, a page at a time (the unread count in the top bar is the
    number of highlighted entries here)."""
    page = Paginator(Notification.objects.filter(recipient=request.user), INBOX_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "core/inbox.html", {"page": page, "items": page.object_list})


@login_required
@require_POST
def inbox_read(request: HttpRequest) -> HttpResponse:
    ids = [int(pk) for pk in request.POST.getlist("id") if pk.isdigit()] or None
    notifications.mark_read(request.user, ids)
    next_url = request.POST.get("next") or reverse("core:inbox")
    return HttpResponseRedirect(
        next_url if next_url.startswith("/") and not next_url.startswith("//") else "/"
    )


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """Serve a file only when the row it belongs to is in the user's scope (else 404, as if absent)."""
    attachment = file_services.visible_attachment(request.user, pk)
    if attachment is None:
        raise Http404
    inline = attachment.is_image or attachment.media_type == "application/pdf"
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=not inline,
        filename=attachment.original_name,
        content_type=attachment.media_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    return response


@login_required
@require_POST
def attachment_upload(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    """Attach a file to a row the user may change."""
    ledger = LEDGERS.get(label)
    if ledger is None or not ledger.attachments:
        raise Http404
    check_may(request.user, "change", ledger.model)
    owner = get_object_or_404(ledger.model.objects.for_user(request.user), pk=pk)  # type: ignore[attr-defined]
    uploaded = request.FILES.get("file")
    if uploaded is None:
        messages.error(request, _("Choose a file to upload."))
    else:
        try:
            file_services.attach_file(owner, uploaded, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Attached %(name)s.") % {"name": uploaded.name})
    return HttpResponseRedirect(owner.get_absolute_url())


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "demo_logins": demo_logins(),
            "demo_password": DEMO_PASSWORD,
        }


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("home")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "password_expired": identity.password_expired(self.request.user),
            "password_max_age": identity.current_policy().password_max_age_days,
        }

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        account_services.password_changed(self.request.user)
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, _("Your password was changed."))
        return response


@login_required
def district_report(request: HttpRequest) -> HttpResponse:
    """Today's districts and the zones, with the rows of each ledger the user may see (区划统计)."""
    from heluo.core.services.divisions import counts_by_district

    user = request.user
    check_reads_ledgers(user)
    ledgers = [
        LEDGERS[label]
        for label in ("core.unit", "core.person", "core.grid")
        if may(user, "view", LEDGERS[label].model)
    ]
    querysets = {ledger.label: ledger.model.objects.for_user(user) for ledger in ledgers}  # type: ignore[attr-defined]
    rows = counts_by_district(querysets)
    totals = {label: sum(row.counts.get(label, 0) for row in rows if not row.is_zone) for label in querysets}
    return render(request, "core/district_report.html", {"ledgers": ledgers, "rows": rows, "totals": totals})
