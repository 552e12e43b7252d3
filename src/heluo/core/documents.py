"""Official documents (公文) on A4, in the layout of GB/T 9704-2012 (党政机关公文格式) as far as open fonts
allow: the supervision notice (督办单), dust control's 通报 and the briefings are each a template that
extends `core/official_document.html` and a context; this renders them as a page to print, a PDF with
its fonts embedded (WeasyPrint) and a Word-compatible file.

Fonts: Noto Serif/Sans CJK (Debian's fonts-noto-cjk, OFL) by default; an office's own licensed
仿宋_GB2312, 方正小标宋, 黑体 and 楷体 files, put in HELUO_OFFICIAL_FONT_DIR, take their places.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

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
WORD_CONTENT_TYPE = "application/msword"


# Characters of the title (小标宋 22 pt) on one line of the 156 mm type area.
TITLE_LINE = 20
_PAUSES = "，、；：。！？"
_OPENING = "“‘《（(\"'"


def title_phrases(template: str, title: str) -> list[tuple[str, bool]]:
    """A document's title — `template` (关于督促办理“%(title)s”的通知) around the matter `title` — in
    phrases, each with whether it must stay on one line: lines break between phrases — after the
    opening words, after a pause in the matter — never inside a word that fits (the page puts a
    zero-width space between phrases: a line may end before an opening quote there). A phrase longer
    than a line breaks where it must."""
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


class PdfUnavailable(Exception):
    """WeasyPrint or its system libraries (Pango, HarfBuzz) are missing on this server."""


def official_fonts(folder: Path | None = None) -> dict[str, Path]:
    """The office's own font files found in HELUO_OFFICIAL_FONT_DIR, by role."""
    folder = folder or settings.OFFICIAL_FONT_DIR
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


def page(template: str, context: dict[str, Any]) -> str:
    """The document as an HTML page to print from the browser (the browser's own fonts)."""
    return render_to_string(template, {**context, "fonts": {}, "for_print": True, "output": "page"})


def pdf(template: str, context: dict[str, Any], *, base_url: str = "/") -> bytes:
    """The document as a PDF, its fonts embedded as subsets. Raises PdfUnavailable when WeasyPrint cannot run."""
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
    fonts = {role: path.as_uri() for role, path in official_fonts().items()}
    html = render_to_string(template, {**context, "fonts": fonts, "for_print": False, "output": "pdf"})
    return bytes(HTML(string=html, base_url=base_url).write_pdf())


def word(template: str, context: dict[str, Any]) -> bytes:
    """The document as a Word-compatible file (HTML that Word and WPS open as a document, .doc), for an
    office that edits before it issues."""
    html = render_to_string(template, {**context, "fonts": {}, "for_print": False, "output": "word"})
    return html.encode("utf-8")
