"""The supervision notice (督办单): an official A4 document (heluo.core.documents) as a page to print and
as a PDF with its fonts embedded."""

from __future__ import annotations

import re
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.cases import conf
from heluo.cases.models import Case
from heluo.core import documents

TEMPLATE = "cases/notice.html"


def document_number(case: Case) -> str:
    """发文字号 as GB/T 9704 writes it: 代字〔年份〕序号号 (督办〔2026〕123号 for DB-2026-000123)."""
    match = re.search(r"(\d{4})-0*(\d+)$", case.number)
    if not match:
        return case.number
    return _("Supervision 〔%(year)s〕 No. %(n)s") % {"year": match.group(1), "n": match.group(2)}


def title_phrases(title: str) -> list[tuple[str, bool]]:
    """The notice's title (关于督促办理“…”的通知) in phrases (heluo.core.documents.title_phrases)."""
    return documents.title_phrases(_("Supervision notice on “%(title)s”"), title)


def context(case: Case) -> dict[str, Any]:
    issuer = conf.notice_issuer() or (
        str(case.supervising_unit) if case.supervising_unit else _("Supervision office")
    )
    assigned = timezone.localtime(case.assigned_at) if case.assigned_at else timezone.localtime()
    return {
        "case": case,
        "title": case.title,
        "issuer": issuer,
        "document_number": document_number(case),
        "title_phrases": title_phrases(case.title),
        "date": assigned.date(),
        "due_at": timezone.localtime(case.due_at) if case.due_at else None,
        "copy_to": list(case.cooperating_units.all()),
        "printed_at": timezone.localtime(),
    }


def page(case: Case) -> str:
    return documents.page(TEMPLATE, context(case))


def pdf(case: Case, *, base_url: str = "/") -> bytes:
    """The notice as a PDF. Raises documents.PdfUnavailable when WeasyPrint cannot run."""
    return documents.pdf(TEMPLATE, context(case), base_url=base_url)
