"""The year's summary as an .xlsx: the figures as officials write them, the sentence, and the rows."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils.translation import gettext as _

from heluo.core.figures import Reading
from heluo.core.tabular.writing import display_width, new_workbook

from .models import CooperationProgress


def year_workbook(readings: Sequence[Reading], sentence: str, rows: Sequence[CooperationProgress]) -> bytes:
    """Two sheets: the summary (figure, written text, number) with the sentence under it, and the projects
    with their row of the year. Numbers stay numbers; amounts in 元."""
    buffer = io.BytesIO()
    book = new_workbook(buffer, in_memory=True)
    bold = book.add_format({"bold": True, "bg_color": "#E7EEF9", "border": 1})
    money = book.add_format({"num_format": "#,##0.00"})

    summary = book.add_worksheet(_("Summary"))
    summary.write_row(0, 0, [_("Figure"), _("As written"), _("Figure value")], bold)
    for line, reading in enumerate(readings, start=1):
        summary.write_string(line, 0, str(reading.figure.label))
        summary.write_string(line, 1, reading.text)
        summary.write_number(line, 2, reading.number, money if reading.figure.unit == "元" else None)
    summary.write_string(len(readings) + 2, 0, sentence)
    summary.set_column(0, 0, max(display_width(str(r.figure.label)) for r in readings) + 2)
    summary.set_column(1, 2, 18)

    projects = book.add_worksheet(_("Projects"))
    headers = [
        _("Project"), _("Local party"), _("Enterprise partners"), _("Division"), _("Total investment (yuan)"),
        _("State"), _("Completed investment (yuan)"), _("Year entered in the ledger"),
    ]  # fmt: skip
    projects.write_row(0, 0, headers, bold)
    widths = [display_width(header) for header in headers]
    for line, row in enumerate(rows, start=1):
        project = row.project
        texts = [
            project.name,
            str(project.local_party),
            "、".join(str(partner) for partner in project.partners.all()),
            str(project.division),
        ]
        for column, text in enumerate(texts):
            projects.write_string(line, column, text)
            widths[column] = max(widths[column], display_width(text))
        projects.write_number(line, 4, project.total_investment, money)
        projects.write_string(line, 5, row.get_state_display())
        if row.completed_investment is not None:
            projects.write_number(line, 6, row.completed_investment, money)
        projects.write_number(line, 7, project.entry_year)
    for column, width in enumerate(widths):
        projects.set_column(column, column, min(width + 2, 60))
    projects.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()
