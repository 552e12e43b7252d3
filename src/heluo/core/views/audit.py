"""The audit trail's pages (安全审计), for whoever holds core.view_accessevent (the audit administrator):
read and filter it, export it, verify its chain. Nothing here changes a record."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from heluo.core.filters import AccessEventFilter
from heluo.core.models import AccessEvent, AccessKind
from heluo.core.services import audit_trail
from heluo.core.services.access import record_access
from heluo.core.tabular.columns import Kind
from heluo.core.tabular.writing import Sheet, new_workbook
from heluo.core.views.access import requires

PAGE_SIZE = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filtered(request: HttpRequest) -> AccessEventFilter:
    events = AccessEvent.objects.select_related("content_type").order_by("-sequence")
    return AccessEventFilter(request.GET or None, queryset=events)


@requires("view", AccessEvent)
def audit_trail_list(request: HttpRequest) -> HttpResponse:
    """The newest events first, filtered; with the last checkpoint of the chain's head."""
    event_filter = _filtered(request)
    page = Paginator(event_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    checkpoints, _problems = audit_trail.read_checkpoints()
    context = {
        "filter": event_filter,
        "page": page,
        "query": request.GET.urlencode(),
        "checkpoint": checkpoints[-1] if checkpoints else None,
    }
    return render(request, "core/audit_trail.html", context)


@requires("view", AccessEvent)
def audit_trail_export(request: HttpRequest) -> HttpResponse:
    """The filtered events as a spreadsheet, seals included, so that a copy can be checked later; the
    export is itself an event of the trail."""
    events = _filtered(request).qs
    headers = [_("sequence"), _("at"), _("user name"), _("event"), pgettext("audit", "outcome"), _("address"), _("where"),
               _("kind of record"), _("rows"), _("records"), _("previous seal"), _("seal")]  # fmt: skip
    kinds = [
        Kind.INTEGER,
        Kind.DATETIME,
        *[Kind.TEXT] * 5,
        Kind.TEXT,
        Kind.INTEGER,
        Kind.TEXT,
        Kind.TEXT,
        Kind.TEXT,
    ]
    buffer = io.BytesIO()
    workbook = new_workbook(buffer, constant_memory=True)
    sheet = Sheet(workbook, str(_("Audit trail")), [str(header) for header in headers])
    count = 0
    for event in events.iterator(chunk_size=2000):
        content_type = event.content_type
        sheet.write(kinds, [
            event.sequence, event.at, event.username, event.get_kind_display(), event.get_outcome_display(),
            event.address, event.context, f"{content_type.app_label}.{content_type.model}" if content_type else "",
            event.count, ",".join(str(pk) for pk in event.object_ids), event.previous_seal, event.seal,
        ])  # fmt: skip
        count += 1
    sheet.finish()
    workbook.set_properties({"title": str(_("Audit trail")), "author": request.user.get_username()})
    workbook.close()
    record_access(
        request.user,
        AccessKind.EXPORT,
        AccessEvent,
        count=count,
        context=f"export audit trail ?{request.GET.urlencode()}",
    )
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="audit-trail-{stamp}.xlsx"'
    return response


@require_POST
@requires("view", AccessEvent)
def audit_trail_verify(request: HttpRequest) -> HttpResponse:
    """Verify the whole chain now against the checkpoint file (as `heluo audit verify`)."""
    count, findings = audit_trail.verify_stored()
    if findings:
        messages.error(
            request,
            _("The audit trail of %(count)d records has %(problems)d problems: %(list)s")
            % {
                "count": count,
                "problems": len(findings),
                "list": "；".join(f.message for f in findings[:20]),
            },
        )
    else:
        messages.success(request, _("The audit trail of %(count)d records is intact.") % {"count": count})
    return redirect("core:audit_trail")
