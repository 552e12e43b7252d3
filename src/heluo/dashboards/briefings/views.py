"""The briefings' pages: the list (scope applied), a briefing with its deliveries, the document as a page
to print, a PDF and a Word file, and "generate now"."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from heluo.core import documents
from heluo.core.scope import may
from heluo.core.views.access import requires
from heluo.dashboards.models import Briefing, BriefingKind, BriefingState

from . import services
from .forms import GenerateForm


def _briefing(request: HttpRequest, pk: int) -> Briefing:
    found = Briefing.objects.for_user(request.user).select_related("division")  # type: ignore[attr-defined]
    return get_object_or_404(found, pk=pk)


@requires("view", Briefing)
def briefing_list(request: HttpRequest) -> HttpResponse:
    items = Briefing.objects.for_user(request.user).select_related("division")  # type: ignore[attr-defined]
    kind = request.GET.get("kind", "")
    if kind in BriefingKind.values:
        items = items.filter(kind=kind)
    form = GenerateForm(user=request.user) if may(request.user, "add", Briefing) else None
    context = {"items": items[:200], "kinds": BriefingKind.choices, "kind": kind, "form": form}
    return render(request, "dashboards/briefings/list.html", context)


@requires("view", Briefing)
def briefing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = _briefing(request, pk)
    deliveries = briefing.deliveries.order_by("pk")
    return render(
        request, "dashboards/briefings/detail.html", {"briefing": briefing, "deliveries": deliveries}
    )


@requires("view", Briefing)
def briefing_document(request: HttpRequest, pk: int) -> HttpResponse:
    """The briefing as a print-ready A4 page."""
    return HttpResponse(services.document_page(_briefing(request, pk)))


@requires("view", Briefing)
def briefing_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = _briefing(request, pk)
    try:
        data = services.document_pdf(briefing, base_url=request.build_absolute_uri("/"))
    except documents.PdfUnavailable as missing:
        return render(request, "core/error.html", {"message": str(missing)}, status=503)
    return _download(data, "application/pdf", f"{briefing.title}.pdf", inline=True)


@requires("view", Briefing)
def briefing_word(request: HttpRequest, pk: int) -> HttpResponse:
    """The briefing as a Word-compatible file, for an office that edits before it issues."""
    briefing = _briefing(request, pk)
    return _download(services.document_word(briefing), documents.WORD_CONTENT_TYPE, f"{briefing.title}.doc")


@require_POST
@requires("add", Briefing)
def briefing_generate(request: HttpRequest) -> HttpResponse:
    form = GenerateForm(request.POST, user=request.user)
    if not form.is_valid():
        items = Briefing.objects.for_user(request.user).select_related("division")[:200]  # type: ignore[attr-defined]
        context = {"items": items, "kinds": BriefingKind.choices, "kind": "", "form": form}
        return render(request, "dashboards/briefings/list.html", context, status=400)
    data = form.cleaned_data
    briefing, made = services.generate_briefing(data["division"], data["kind"], data["day"])
    if not made:
        messages.info(request, _("This period's briefing was made before; here it is."))
    elif briefing.state == BriefingState.EMPTY:
        messages.info(
            request, _("Nothing to report for this period: the briefing is kept empty and sent to nobody.")
        )
    else:
        messages.success(request, _("The briefing is made and sent."))
    return redirect(briefing)


def _download(data: bytes, content_type: str, name: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = (
        f"{'inline' if inline else 'attachment'}; filename*=UTF-8''{quote(name)}"
    )
    return response
