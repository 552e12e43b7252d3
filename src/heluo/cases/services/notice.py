"""The supervision notice (督办单): a formal A4 document in the layout of GB/T 9704-2012 (党政机关公文格式)
as far as open fonts allow, as a page to print and as a PDF with its fonts embedded (WeasyPrint).

Fonts: Noto Serif/Sans CJK (Debian's fonts-noto-cjk, OFL) by default; an office's own licensed
仿宋_GB2312, 方正小标宋, 黑体 and 楷体 files, put in HELUO_OFFICIAL_FONT_DIR, take their places.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.cases import conf
from heluo.cases.models import Case

# Font roles of GB/T 9704 → file-name stems of the usual licensed files (lower case, no extension).
OFFICIAL_FONTS: dict[str, tuple[str, ...]] = {
    "xiaobiaosong": (
        "方正小标宋简体",
        "方正小标宋_gbk",
        "fzxbsjw",
        "fzxbsk",
        "fzxiaobiaosong-b05s",
        "小标宋",
    ),
    "fangsong": ("仿宋_gb2312", "fangsong_gb2312", "fs_gb2312", "仿宋", "simfang", "fangsong"),
    "heiti": ("黑体", "simhei", "heiti"),
    "kaiti": ("楷体_gb2312", "kaiti_gb2312", "楷体", "simkai", "kaiti"),
}
FONT_SUFFIXES = {".ttf", ".otf", ".ttc"}


class PdfUnavailable(Exception):
    """WeasyPrint or its system libraries (Pango, HarfBuzz) are missing on this server."""


def official_fonts(folder: Path | None = None) -> dict[str, Path]:
    """The office's own font files found in HELUO_OFFICIAL_FONT_DIR, by role."""
    folder = folder or conf.official_font_dir()
    if folder is None or not folder.is_dir():
        return {}
    files = {p.stem.lower(): p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES}
    found = {}
    for role, stems in OFFICIAL_FONTS.items():
        for stem in stems:
            if stem in files:
                found[role] = files[stem]
                break
    return found


def document_number(case: Case) -> str:
    """发文字号 as GB/T 9704 writes it: 代字〔年份〕序号号 (督办〔2026〕123号 for DB-2026-000123)."""
    match = re.search(r"(\d{4})-0*(\d+)$", case.number)
    if not match:
        return case.number
    return _("Supervision 〔%(year)s〕 No. %(n)s") % {"year": match.group(1), "n": match.group(2)}


# Characters of the title (小标宋 22 pt) on one line of the 156 mm type area.
TITLE_LINE = 20
_PAUSES = "，、；：。！？"
_OPENING = "“‘《（(\"'"


def title_phrases(title: str) -> list[tuple[str, bool]]:
    """The notice's title (关于督促办理“…”的通知) in phrases, each with whether it must stay on one
    line: lines break between phrases — after the opening words, after a pause in the matter — never
    inside a word that fits (the page puts a zero-width space between phrases: a line may end before an
    opening quote there). A phrase longer than a line breaks where it must."""
    template = _("Supervision notice on “%(title)s”")
    prefix, _marker, suffix = template.partition("%(title)s")
    # An opening quote never ends a line: it goes with the matter.
    bare = prefix.rstrip(_OPENING)
    parts, current = [], prefix[len(bare) :]
    for char in title:
        current += char
        if char in _PAUSES:
            parts.append(current)
            current = ""
    if current or not parts:
        parts.append(current)
    parts[-1] += suffix
    phrases = [bare, *parts]
    return [(phrase, _width(phrase) <= TITLE_LINE) for phrase in phrases if phrase]


def _width(text: str) -> float:
    """Characters' widths in ems: a Chinese character one, a Latin letter or digit about half."""
    return sum(1.0 if unicodedata.east_asian_width(char) in "WF" else 0.55 for char in text)


def context(case: Case, *, for_print: bool) -> dict[str, Any]:
    issuer = conf.notice_issuer() or (
        str(case.supervising_unit) if case.supervising_unit else _("Supervision office")
    )
    assigned = timezone.localtime(case.assigned_at) if case.assigned_at else timezone.localtime()
    return {
        "case": case,
        "issuer": issuer,
        "document_number": document_number(case),
        "title_phrases": title_phrases(case.title),
        "date": assigned.date(),
        "due_at": timezone.localtime(case.due_at) if case.due_at else None,
        "cooperating": list(case.cooperating_units.all()),
        "fonts": {role: path.as_uri() for role, path in official_fonts().items()} if not for_print else {},
        "for_print": for_print,
        "printed_at": timezone.localtime(),
    }


def pdf(case: Case, *, base_url: str = "/") -> bytes:
    """The notice as a PDF (fonts embedded as subsets). Raises PdfUnavailable when WeasyPrint cannot run."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:
        raise PdfUnavailable(
            _(
                "PDF output needs WeasyPrint and its system libraries (Debian: apt-get install libpango-1.0-0 "
                "libpangoft2-1.0-0 libharfbuzz0b fonts-noto-cjk): %(error)s"
            )
            % {"error": error}
        ) from error
    html = render_to_string("cases/notice.html", context(case, for_print=False))
    return bytes(HTML(string=html, base_url=base_url).write_pdf())
