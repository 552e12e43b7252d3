"""Monitoring's pages beyond the Monitor ledger: unknown devices, the message log, conflicts."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from heluo.core.scope import may, scope_of

from . import ledgers
from .filters import MessageLogFilter
from .labels import reason_label
from .models import MessageLog, Monitor, Reading, ReadingConflict, UnknownDevice

_PW = re.compile(r"PW=([^;]*);")


def _require(request: HttpRequest, action: str, model: type[Any]) -> None:
    if not may(request.user, action, model):  # type: ignore[arg-type]
        raise PermissionDenied(_("You have no permission for this page."))


def unknown_devices(request: HttpRequest) -> HttpResponse:
    """MNs that sent frames without being registered, newest first, each with a link to register it."""
    _require(request, "view", UnknownDevice)
    page = Paginator(UnknownDevice.objects.order_by("-last_seen"), 50).get_page(request.GET.get("page"))
    can_register = may(request.user, "add", Monitor)
    rows = []
    for device in page:
        password = _PW.search(device.last_frame)
        query = {"mn": device.mn, "pw": password.group(1) if password else ""}
        rows.append((device, ledgers.monitor.url("add") + "?" + urlencode(query) if can_register else ""))
    return render(
        request,
        "monitoring/unknown_devices.html",
        {"page": page, "rows": rows, "can_dismiss": may(request.user, "delete", UnknownDevice)},
    )


@require_POST
def dismiss_unknown_device(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "delete", UnknownDevice)
    device = get_object_or_404(UnknownDevice, pk=pk)
    device.delete()
    messages.success(request, _("Removed %(mn)s from the list.") % {"mn": device.mn})
    return HttpResponseRedirect(reverse("monitoring:unknown_devices"))


def _visible_log(request: HttpRequest) -> QuerySet[MessageLog]:
    """Log entries of the MNs the user may see: their monitors', and unknown MNs' if they may see those."""
    entries = MessageLog.objects.all()
    if scope_of(request.user).unrestricted:
        return entries
    monitors = Monitor.objects.for_user(request.user).values("mn")
    if may(request.user, "view", UnknownDevice):
        unknown = UnknownDevice.objects.values("mn")
        return entries.filter(mn__in=monitors) | entries.filter(mn__in=unknown)
    return entries.filter(mn__in=monitors)


def message_log(request: HttpRequest) -> HttpResponse:
    """Every frame in, reply out and refusal of an MN (or of all the user's MNs), newest first.

    With `follow`, the page asks for the table again every few seconds (htmx), for the engineer on the
    phone with a vendor.
    """
    _require(request, "view", Monitor)
    log_filter = MessageLogFilter(request.GET or None, queryset=_visible_log(request).order_by("-id"))
    page = Paginator(log_filter.qs, 100).get_page(request.GET.get("page"))
    context = {
        "filter": log_filter,
        "page": page,
        "entries": [(entry, reason_label(entry.reason)) for entry in page],
        "follow": request.GET.get("follow") == "1",
        "query": request.GET.urlencode(),
    }
    template = (
        "monitoring/message_log_table.html"
        if getattr(request, "htmx", False)
        else "monitoring/message_log.html"
    )
    return render(request, template, context)


def conflicts(request: HttpRequest) -> HttpResponse:
    """Frames that came with a stored key but other values, beside the stored frame, for an operator."""
    _require(request, "view", Monitor)
    rows = ReadingConflict.objects.for_user(request.user).select_related("monitor")
    if request.GET.get("resolved") != "1":
        rows = rows.filter(resolved=False)
    page = Paginator(rows.order_by("-received_at"), 25).get_page(request.GET.get("page"))
    pairs = []
    for conflict in page:
        stored = (
            Reading.objects.filter(
                mn=conflict.mn, cn=conflict.cn, data_time=conflict.data_time, pno=conflict.pno
            )
            .values_list("raw", flat=True)
            .first()
        )
        pairs.append((conflict, stored))
    return render(
        request,
        "monitoring/conflicts.html",
        {"page": page, "pairs": pairs, "can_resolve": may(request.user, "change", ReadingConflict)},
    )


@require_POST
def resolve_conflict(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "change", ReadingConflict)
    conflict = get_object_or_404(ReadingConflict.objects.for_user(request.user), pk=pk)
    ReadingConflict.objects.filter(pk=conflict.pk).update(resolved=True)
    messages.success(request, _("Marked the conflict of %(mn)s as resolved.") % {"mn": conflict.mn})
    return HttpResponseRedirect(reverse("monitoring:conflicts"))
