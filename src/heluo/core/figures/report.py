"""The figures page and its workbook (/core/figures/): every registered figure of the modules a user
works in, for one territory and period, written as officials write it and beside the same period a
year earlier, and the registered sentences. Reads the registry only; computes nothing of its own."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from heluo.core.modules import MODULES
from heluo.core.tabular.columns import Kind
from heluo.core.tabular.writing import Sheet, new_workbook

from .registry import FIGURES, NO_VALUE, SENTENCES, Period, Reading, Territory, render_sentence, value
from .writing import change, rate_change


@dataclass(frozen=True)
class Row:
    reading: Reading
    last_year: Reading | None  # None for a figure of the rows as they are now

    @property
    def last_year_text(self) -> str:
        return self.last_year.text if self.last_year is not None else NO_VALUE

    @property
    def change(self) -> str:
        """同比: in percentage points for a percent, as a growth otherwise; "—" where there is none."""
        now = self.reading.number
        then = self.last_year.number if self.last_year is not None else None
        if now is None or then is None:
            return NO_VALUE
        if self.reading.figure.writing.kind == "percent":
            return rate_change(now, then, "同比")
        return change(now, then, "同比") or NO_VALUE


@dataclass(frozen=True)
class SentenceText:
    key: str
    label: str
    text: str


@dataclass
class Section:
    module: str
    label: str
    rows: list[Row] = field(default_factory=list)
    sentences: list[SentenceText] = field(default_factory=list)


def report(territory: Territory, period: Period, modules: Iterable[str]) -> list[Section]:
    """The figures and sentences of `modules`, in the sidebar's order of modules and each module's order
    of registration."""
    wanted = set(modules)
    sections = {module: Section(module, str(label)) for module, label in MODULES.items() if module in wanted}
    before = period.year_before()
    for key, item in FIGURES.items():
        if item.module in sections:
            rows = sections[item.module].rows
            last_year = None if item.current else value(key, territory, before)
            rows.append(Row(value(key, territory, period), last_year))
    for key, sentence in SENTENCES.items():
        if sentence.module in sections:
            text = render_sentence(key, territory, period)
            sections[sentence.module].sentences.append(SentenceText(key, str(sentence.label), text))
    return [section for section in sections.values() if section.rows or section.sentences]


def workbook(sections: list[Section], title: str) -> bytes:
    """The page's table and sentences as one .xlsx: one row per figure, then one per sentence."""
    buffer = io.BytesIO()
    book = new_workbook(buffer, in_memory=True)
    headers = [_("Module"), _("Figure"), _("Written"), _("Value"), _("Unit"), _("Same period last year"),
               _("Change on last year"), _("Key")]  # fmt: skip
    sheet = Sheet(book, _("Figures"), headers)
    kinds = [Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.DECIMAL, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT]
    for section in sections:
        for row in section.rows:
            item = row.reading.figure
            number = "" if row.reading.number is None else row.reading.number
            sheet.write(kinds, [section.label, str(item.label), row.reading.text, number, item.unit,
                                row.last_year_text, row.change, item.key])  # fmt: skip
    sheet.sheet.set_header(f"&C{title.replace('&', '&&')}")
    sheet.finish()
    sentences = Sheet(book, _("Sentences"), [_("Module"), _("Sentence"), _("Text")])
    for section in sections:
        for sentence in section.sentences:
            sentences.write([Kind.TEXT] * 3, [section.label, sentence.label, sentence.text])
    sentences.finish()
    book.close()
    return buffer.getvalue()
