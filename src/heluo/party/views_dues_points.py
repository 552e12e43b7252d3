"""Dues' and points' own pages: the arrears of an organisation (with Excel), a member's points for a year
with every entry linked to its source, the ranking per branch or community (with Excel), and the acts
of granting the year's base points."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from heluo.core.scope import may
from heluo.core.tabular.writing import new_workbook
from heluo.core.views.access import requires

from .models import DuesPayment, Member, PartyOrganisation, PointsCategory, PointsEntry, PointsYear
from .services import dues, points

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _organisation(request: HttpRequest) -> PartyOrganisation | None:
    """The organisation chosen in ?organisation=, within the user's scope; else the first they see."""
    visible = PartyOrganisation.objects.for_user(request.user)
    chosen = request.GET.get("organisation", "")
    if chosen.isdigit():
        return get_object_or_404(visible, pk=int(chosen))
    return visible.order_by("path").first()


def _year(request: HttpRequest) -> int:
    text = request.GET.get("year", "")
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else timezone.localdate().year


def _choices(request: HttpRequest) -> Any:
    return PartyOrganisation.objects.for_user(request.user).order_by("path")


@requires("view", DuesPayment)
def dues_arrears(request: HttpRequest) -> HttpResponse:
    """Members of an organisation (and below) with months unpaid up to last month, with amounts."""
    organisation = _organisation(request)
    today = timezone.localdate()
    rows = dues.arrears(organisation, today) if organisation else []
    if request.GET.get("format") == "xlsx" and organisation:
        return _download(
            arrears_workbook(organisation, rows, today), f"{organisation.name}-{_('Dues arrears')}.xlsx"
        )
    total = sum((row.total for row in rows), Decimal("0.00"))
    context = {"organisation": organisation, "organisations": _choices(request), "rows": rows, "total": total}
    return render(request, "party/dues/arrears.html", context)


def arrears_workbook(organisation: PartyOrganisation, rows: list[dues.Arrear], today: dt.date) -> bytes:
    buffer = io.BytesIO()
    book = new_workbook(buffer, in_memory=True)
    bold = book.add_format({"bold": True})
    money = book.add_format({"num_format": "0.00"})
    sheet = book.add_worksheet(_("Dues arrears"))
    sheet.write(0, 0, f"{organisation} {_('Dues arrears')} {today:%Y-%m-%d}", bold)
    sheet.write_row(
        2, 0, [_("Member"), _("Party organisation"), _("Months unpaid"), _("Amount (yuan)")], bold
    )
    for index, row in enumerate(rows, start=3):
        sheet.write_string(index, 0, row.member.name)
        sheet.write_string(index, 1, str(row.member.organisation))
        sheet.write_string(index, 2, "、".join(f"{due.month:%Y-%m}" for due in row.dues))
        sheet.write_number(index, 3, float(row.total), money)
    sheet.set_column(0, 1, 24)
    sheet.set_column(2, 2, 48)
    book.close()
    return buffer.getvalue()


@requires("view", PointsEntry)
def member_points(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """A member's points for a year: every entry with its source, the totals and whether the ledger equals
    what its sources give."""
    member = get_object_or_404(Member.objects.for_user(request.user).select_related("organisation"), pk=pk)
    entries = []
    for entry in points.year_entries(member, year).order_by("recorded_at", "pk"):
        source = entry.source if not entry.is_manual else None
        url = getattr(source, "get_absolute_url", lambda: "")() if source is not None else ""
        entries.append(
            {"entry": entry, "url": url, "text": str(source) if source is not None else _("manual entry")}
        )
    totals = points.ledger_totals(member, year)
    context = {
        "member": member,
        "year": year,
        "entries": entries,
        "totals": totals,
        "categories": [(label, totals["by_category"][value]) for value, label in PointsCategory.choices],
        "matches": points.ledger_matches_sources(member, year),
        "closed": points.closed_for(member, year),
        "years": [year - 1, year + 1],
    }
    return render(request, "party/points/member_points.html", context)


@requires("view", PointsEntry)
def points_ranking(request: HttpRequest) -> HttpResponse:
    """The members of a branch, or of a community's whole subtree, ranked by their year's points."""
    organisation, year = _organisation(request), _year(request)
    rows = points.rankings(organisation, year) if organisation else []
    if request.GET.get("format") == "xlsx" and organisation:
        return _download(
            ranking_workbook(organisation, year, rows),
            f"{organisation.name}-{year}-{_('Points ranking')}.xlsx",
        )
    context = {
        "organisation": organisation,
        "organisations": _choices(request),
        "year": year,
        "rows": rows,
        "closed": points.closed_for_organisation(organisation, year) if organisation else None,
        "may_close": may(request.user, "add", PointsYear),
        "may_grant": may(request.user, "add", PointsEntry),
        "categories": PointsCategory.choices,
    }
    return render(request, "party/points/ranking.html", context)


def ranking_workbook(organisation: PartyOrganisation, year: int, rows: list[points.RankedMember]) -> bytes:
    buffer = io.BytesIO()
    book = new_workbook(buffer, in_memory=True)
    bold = book.add_format({"bold": True})
    number = book.add_format({"num_format": "0.00"})
    sheet = book.add_worksheet(_("Points ranking"))
    sheet.write(0, 0, f"{organisation} {year} {_('Points ranking')}", bold)
    labels = [str(label) for _value, label in PointsCategory.choices]
    sheet.write_row(2, 0, [_("Rank"), _("Member"), _("Party organisation"), *labels, _("Total")], bold)
    for index, row in enumerate(rows, start=3):
        sheet.write_number(index, 0, row.rank)
        sheet.write_string(index, 1, row.member.name)
        sheet.write_string(index, 2, str(row.member.organisation))
        for offset, (value, _label) in enumerate(PointsCategory.choices, start=3):
            sheet.write_number(index, offset, float(row.by_category[value]), number)
        sheet.write_number(index, 3 + len(labels), float(row.total), number)
    sheet.set_column(1, 2, 24)
    book.close()
    return buffer.getvalue()


@require_POST
@requires("add", PointsEntry)
def grant_base_points(request: HttpRequest) -> HttpResponse:
    """Grant the year's base points to the members of the organisation (and below) who have none."""
    visible = PartyOrganisation.objects.for_user(request.user)
    organisation = get_object_or_404(visible, pk=request.POST.get("organisation") or 0)
    year = int(request.POST.get("year") or timezone.localdate().year)
    try:
        granted = points.grant_base_points(organisation, year, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Base points granted to %(count)d members.") % {"count": granted})
    return HttpResponseRedirect(
        f"{reverse('party:points_ranking')}?organisation={organisation.pk}&year={year}"
    )
